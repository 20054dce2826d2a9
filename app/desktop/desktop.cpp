#include "app/desktop/desktop.h"

#include "connectors/connectorfactory.h"
#include "core/async.h"
#include "core/engine/playbooklibrary.h"
#include "secrets/credentialstore.h"
#include "secrets/secretresolver.h"
#include "storage/sqlitestore.h"
#include "ui/constants.h"
#include "ui/diagnosiseditor.h"
#include "ui/investigationview.h"
#include "ui/mainwindow.h"
#include "ui/palette.h"
#include "ui/savedinvestigationsview.h"
#include "ui/stallmonitor.h"
#include "ui/timelinecharts.h"
#include "ui/uilogging.h"
#include "ui/welcomepage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// Drives the window through the main views and saves a PNG of each; quits with 0 when all
// are written, 1 on a failure or after two minutes.
class ScreenshotDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotDriver)

public:
    ScreenshotDriver(MainWindow *window, const QString &dir)
        : QObject(window)
        , m_window(window)
        , m_dir(dir)
    {
        QDir().mkpath(dir);
        connect(window, &MainWindow::profileFailed, this,
                [this](const QString &m) { finish(1, m); });
        connect(window, &MainWindow::ticketsLoaded, this, &ScreenshotDriver::onTickets,
                Qt::SingleShotConnection);
        connect(window, &MainWindow::investigationFinished, this, &ScreenshotDriver::onFinished,
                Qt::SingleShotConnection);
        QTimer::singleShot(120'000, this, [this] { finish(1, u"timed out"_s); });
        // What a first start without a profile shows.
        WelcomePage welcome;
        welcome.resize(1200, 750);
        grab(&welcome, u"welcome"_s);
    }

private:
    bool grab(QWidget *widget, const QString &name)
    {
        const QString path = QDir(m_dir).filePath(name + u".png"_s);
        if (!widget || !widget->grab().save(path)) {
            finish(1, u"could not write "_s + path);
            return false;
        }
        QTextStream(stdout) << "screenshot " << path << '\n';
        return true;
    }

    void onTickets(int count)
    {
        if (count == 0) {
            finish(1, u"the helpdesk has no tickets"_s);
            return;
        }
        m_window->queueView()->setCurrentIndex(m_window->queueView()->model()->index(0, 0));
        if (!grab(m_window->queuePanel(), u"queue"_s))
            return;
        m_window->runCurrentTicket();
    }

    void onFinished()
    {
        // The charts are rebuilt on a worker after finished(); give them a moment to land.
        QTimer::singleShot(800, this, [this] {
            InvestigationView *view = m_window->currentInvestigationView();
            if (!view) {
                finish(1, u"no investigation view"_s);
                return;
            }
            view->showPage(InvestigationView::Page::Timeline);
            if (!grab(m_window, u"investigation"_s) || !grab(view->charts(), u"charts"_s))
                return;
            view->showPage(InvestigationView::Page::Findings);
            if (!grab(view, u"findings"_s) ||
                !grab(m_window->currentEditor(), u"diagnosis-editor"_s))
                return;
            // A finding's link: its evidence with the rows behind the claim highlighted.
            view->activateFindingLink(0);
            if (!grab(view, u"evidence"_s))
                return;
            m_window->showCommandPalette();
            if (!grab(m_window->commandPalette(), u"command-palette"_s))
                return;
            m_window->commandPalette()->close();
            SavedInvestigationsView *saved = m_window->savedView();
            connect(
                saved, &SavedInvestigationsView::refreshed, this,
                [this, saved] {
                    m_window->tabs()->setCurrentWidget(saved);
                    if (grab(m_window, u"saved-investigations"_s))
                        finish(0, {});
                },
                Qt::SingleShotConnection);
            saved->refresh();
        });
    }

    void finish(int code, const QString &message)
    {
        if (m_done)
            return;
        m_done = true;
        if (!message.isEmpty())
            QTextStream(stderr) << "screenshots: " << message << '\n';
        QCoreApplication::exit(code);
    }

    MainWindow *m_window;
    QString m_dir;
    bool m_done = false;
};

} // namespace

int runDesktop(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"casefile"_s);
    QApplication::setOrganizationName(u"Casefile"_s);
    QApplication::setApplicationDisplayName(u"Casefile"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/casefile.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("Casefile", "Investigation workbench for support engineers"));
    parser.addHelpOption();
    const QCommandLineOption profileOption(
        u"profile"_s, QApplication::translate("Casefile", "Workspace profile to open."),
        u"PROFILE"_s);
    const QCommandLineOption screenshotsOption(
        u"screenshots"_s,
        QApplication::translate("Casefile", "Save screenshots of the main views to DIR and exit."),
        u"DIR"_s);
    parser.addOption(profileOption);
    parser.addOption(screenshotsOption);
    parser.process(app);

    StallMonitor stalls;
    stalls.start();

    const bool screenshots = parser.isSet(screenshotsOption);
    if (!screenshots)
        applyPalette(app, QSettings().value(QLatin1StringView(SettingsKeys::DarkPalette)).toBool());

    WorkbenchServices services;
    if (auto store = SqliteStore::open(SqliteStore::defaultPath()); store) {
        services.store = std::move(*store);
    } else {
        // Investigations still run and can be exported; nothing is kept after the session.
        qCWarning(lcUi) << "no store:" << store.error().message << "- using a temporary one";
        auto temporary = SqliteStore::open(SqliteStore::InMemory.toString());
        if (!temporary) {
            QTextStream(stderr) << "casefile: " << store.error().message << '\n';
            return 1;
        }
        services.store = std::move(*temporary);
    }
    auto credentials = std::make_shared<KeychainCredentialStore>();
    services.credentials = credentials;
    services.connect = [resolver =
                            makeSecretResolver(credentials)](const WorkspaceProfile &profile) {
        return createConnectors(profile, resolver);
    };
    services.playbooks = std::make_shared<const PlaybookLibrary>(PlaybookLibrary::load());
    services.preview = &previewRequestLog;

    int code = 0;
    {
        MainWindow window(services);
        if (screenshots) {
            window.setWindowState(Qt::WindowNoState); // a fixed size, whatever the screen
            window.resize(1600, 1000);
            new ScreenshotDriver(&window, parser.value(screenshotsOption));
        }
        window.show();
        QString profile = parser.value(profileOption);
        if (profile.isEmpty())
            profile = QSettings().value(QLatin1StringView(SettingsKeys::LastProfile)).toString();
        if (!profile.isEmpty())
            window.openProfile(profile);
        code = QApplication::exec();
        window.close();
    }
    // Nothing may outlive the window's callbacks: let background work drain.
    backgroundPool()->waitForDone();
    QThreadPool::globalInstance()->waitForDone();
    if (qEnvironmentVariable("CASEFILE_REPORT_STALLS") == "1"_L1)
        QTextStream(stderr) << "max GUI stall: " << stalls.maxStallMs() << " ms\n";
    return code;
}

} // namespace Casefile

#include "desktop.moc"
