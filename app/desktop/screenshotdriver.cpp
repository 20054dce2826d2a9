#include "app/desktop/screenshotdriver.h"

#include "ui/diagnosiseditor.h"
#include "ui/investigationview.h"
#include "ui/mainwindow.h"
#include "ui/savedinvestigationsview.h"
#include "ui/timelinecharts.h"
#include "ui/welcomepage.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Casefile {

ScreenshotDriver::ScreenshotDriver(MainWindow *window, const QString &dir)
    : QObject(window)
    , m_window(window)
    , m_dir(dir)
{
    QDir().mkpath(dir);
    connect(window, &MainWindow::profileFailed, this, [this](const QString &m) { finish(1, m); });
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

bool ScreenshotDriver::grab(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_dir).filePath(name + u".png"_s);
    // A page built or filled just now has its layout pending: lay it out as the event loop
    // would before the user sees it, so the picture shows what a user sees.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (!widget || !widget->grab().save(path)) {
        finish(1, u"could not write "_s + path);
        return false;
    }
    QTextStream(stdout) << "screenshot " << path << '\n';
    return true;
}

void ScreenshotDriver::onTickets(int count)
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

void ScreenshotDriver::onFinished()
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
        if (!grab(view, u"findings"_s) || !grab(m_window->currentEditor(), u"diagnosis-editor"_s))
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

void ScreenshotDriver::finish(int code, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    if (!message.isEmpty())
        QTextStream(stderr) << "screenshots: " << message << '\n';
    QCoreApplication::exit(code);
}

} // namespace Casefile
