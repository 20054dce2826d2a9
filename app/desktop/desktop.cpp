#include "app/desktop/desktop.h"
#include "app/desktop/screenshotdriver.h"

#include "connectors/connectorfactory.h"
#include "core/async.h"
#include "core/engine/playbooklibrary.h"
#include "secrets/credentialstore.h"
#include "secrets/secretresolver.h"
#include "storage/sqlitestore.h"
#include "ui/constants.h"
#include "ui/mainwindow.h"
#include "ui/palette.h"
#include "ui/stallmonitor.h"
#include "ui/uilogging.h"
#include "ui/workbenchapplication.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QSettings>
#include <QTextStream>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace Casefile {

int runDesktop(int argc, char **argv)
{
    WorkbenchApplication app(argc, argv);
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

    // The stall watchdog, off unless asked for: CASEFILE_STALL_LOG=<ms> logs each stall of the
    // GUI thread over <ms> with what ran in it and prints the worst at exit;
    // CASEFILE_REPORT_STALLS=1 prints the largest at exit.
    StallMonitor stalls;
    bool logOk = false;
    const int logThreshold = qEnvironmentVariableIntValue("CASEFILE_STALL_LOG", &logOk);
    const bool reportStalls = qEnvironmentVariable("CASEFILE_REPORT_STALLS") == "1"_L1;
    if (logOk && logThreshold >= 0)
        stalls.setLogThreshold(logThreshold);
    if (logOk || reportStalls)
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
    if (stalls.isActive()) {
        QTextStream err(stderr);
        err << "max GUI stall: " << stalls.maxStallMs() << " ms\n";
        if (logOk) {
            for (const Stall &stall : stalls.worstStalls())
                err << "  " << stall.text() << '\n';
        }
    }
    return code;
}

} // namespace Casefile
