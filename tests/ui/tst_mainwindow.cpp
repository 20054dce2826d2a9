#include "fakehelpdesk.h"
#include "fixtures.h"

#include "core/engine/playbooklibrary.h"
#include "ui/diagnosiseditor.h"
#include "ui/investigationview.h"
#include "ui/mainwindow.h"
#include "ui/metricsview.h"
#include "ui/sendconfirmdialog.h"
#include "ui/stepsmodel.h"
#include "ui/ticketfiltermodel.h"
#include "ui/ticketqueuemodel.h"

#include "ui/commandpalette.h"
#include "ui/ticketpreview.h"
#include "ui/timelinecharts.h"
#include "ui/welcomepage.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QThread>

#include <mutex>

using namespace Qt::StringLiterals;
using namespace Casefile;
using Casefile::TestData::FakeHelpdesk;

namespace {

// The store the window is given, noting the threads that load saved investigations.
class LoadWatchingStore final : public Store
{
public:
    explicit LoadWatchingStore(std::shared_ptr<Store> store)
        : m_store(std::move(store))
    {}

    bool loadedOn(const QThread *thread) const
    {
        std::lock_guard lock(m_mutex);
        return m_loadThreads.contains(thread);
    }
    int loads() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_loadThreads.size());
    }

    Result<Investigation> loadInvestigation(const QString &id) const override
    {
        {
            std::lock_guard lock(m_mutex);
            m_loadThreads.append(QThread::currentThread());
        }
        return m_store->loadInvestigation(id);
    }
    Result<QString> saveInvestigation(const Investigation &inv, const QString &id) override
    {
        return m_store->saveInvestigation(inv, id);
    }
    Result<QList<SavedInvestigationSummary>> listInvestigations(int limit,
                                                                int offset) const override
    {
        return m_store->listInvestigations(limit, offset);
    }
    Result<QList<SavedInvestigationSummary>> search(const QString &text, int limit,
                                                    int offset) const override
    {
        return m_store->search(text, limit, offset);
    }
    Result<void> removeInvestigation(const QString &id) override
    {
        return m_store->removeInvestigation(id);
    }
    Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets) override
    {
        return m_store->saveTickets(workspace, tickets);
    }
    Result<QList<Ticket>> tickets(const QString &workspace) const override
    {
        return m_store->tickets(workspace);
    }
    Result<DiagnosisDraft> saveDraft(const QString &investigationId, const QString &ticketId,
                                     const QString &markdown) override
    {
        return m_store->saveDraft(investigationId, ticketId, markdown);
    }
    Result<QList<DiagnosisDraft>> drafts(const QString &investigationId) const override
    {
        return m_store->drafts(investigationId);
    }
    Result<SentReply> beginSend(const QString &investigationId, const QString &ticketId,
                                const QString &body, bool isPublic) override
    {
        return m_store->beginSend(investigationId, ticketId, body, isPublic);
    }
    Result<void> markSent(const QString &sendId, const QString &remoteId) override
    {
        return m_store->markSent(sendId, remoteId);
    }
    Result<void> markFailed(const QString &sendId, const QString &error) override
    {
        return m_store->markFailed(sendId, error);
    }
    Result<QList<SentReply>> sends(const QString &investigationId) const override
    {
        return m_store->sends(investigationId);
    }
    Result<void> saveFeedback(const Feedback &feedback) override
    {
        return m_store->saveFeedback(feedback);
    }
    Result<QList<Feedback>> feedback(const QString &investigationId) const override
    {
        return m_store->feedback(investigationId);
    }
    Result<QList<PlaybookMetrics>> metrics() const override { return m_store->metrics(); }

private:
    std::shared_ptr<Store> m_store;
    mutable std::mutex m_mutex;
    mutable QList<const QThread *> m_loadThreads;
};

} // namespace

// The whole window against an in-test helpdesk and the real engine: the other systems are
// absent, so their steps fail, and the investigation must still finish, be saved, reopen
// offline and let the engineer send exactly one reply.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<FakeHelpdesk> m_helpdesk;
    std::shared_ptr<SqliteStore> m_store;

    WorkbenchServices services()
    {
        m_helpdesk = std::make_shared<FakeHelpdesk>();
        m_helpdesk->setCommentDelay(std::chrono::milliseconds(100));
        QList<Ticket> tickets;
        for (const QString &id : {u"1042"_s, u"1043"_s, u"1044"_s}) {
            Ticket t = TestData::ticket(id);
            if (id != "1042"_L1)
                t.subject = u"Question %1"_s.arg(id);
            tickets.append(t);
        }
        m_helpdesk->setTickets(tickets);
        m_store = TestData::store();
        WorkbenchServices s;
        s.store = m_store;
        s.connect = [helpdesk = m_helpdesk](
                        const WorkspaceProfile &) -> Result<std::shared_ptr<ConnectorSet>> {
            auto set = std::make_shared<ConnectorSet>();
            set->add(helpdesk);
            return set;
        };
        s.playbooks = std::make_shared<const PlaybookLibrary>(PlaybookLibrary::load({}, false));
        return s;
    }

    static WorkspaceProfile profile()
    {
        WorkspaceProfile p;
        p.name = u"acme-sandbox"_s;
        p.sandbox = true;
        p.now = TestData::utc(u"2026-11-20T10:05:00Z"_s);
        ConnectionSettings helpdesk;
        helpdesk.system = u"helpdesk"_s;
        helpdesk.type = u"zendesk"_s;
        helpdesk.url = u"https://acme.zendesk.com"_s;
        p.connections.insert(u"helpdesk"_s, helpdesk);
        return p;
    }

    // Every system of the profile is down except the helpdesk (which no step asks).
    static WorkspaceProfile profileWithSystemsDown()
    {
        WorkspaceProfile p = profile();
        for (const QString &system : {u"clickhouse"_s, u"github"_s, u"linear"_s}) {
            ConnectionSettings c;
            c.system = system;
            c.type = system;
            p.connections.insert(system, c);
        }
        return p;
    }

    // A widget lies wholly inside the window (not cut off at its right or bottom edge).
    static bool insideWindow(const QWidget *widget, const QWidget *window)
    {
        const QRect r(widget->mapTo(window, QPoint(0, 0)), widget->size());
        return widget->isVisible() && window->rect().contains(r);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void firstWindowFitsTheScreen_data();
    void firstWindowFitsTheScreen();
    void wholeLoopWithTheKeyboardOnly();
    void allSystemsDownShowsAFailedRun();
    void paletteListsEveryActionWithItsShortcut();
    void welcomePageWithoutAProfile();

    void queueConnectionsAndNavigation()
    {
        MainWindow window(services());
        window.resize(1400, 900);
        window.show();
        QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
        QSignalSpy checked(&window, &MainWindow::connectionChecked);
        window.setProfile(profile());
        QVERIFY(window.windowTitle().contains(u"acme-sandbox"_s));
        QVERIFY(tickets.wait(5000));
        QCOMPARE(tickets.first().first().toInt(), 3);
        QCOMPARE(window.queueModel()->rowCount(), 3);
        QTRY_COMPARE(checked.count(), 1);
        QCOMPARE(window.connectionMessage(u"helpdesk"_s), u"ok"_s);

        QVERIFY(window.selectTicket(u"1043"_s));
        QCOMPARE(window.currentTicket().id, u"1043"_s);
        const int before = window.queueView()->currentIndex().row();
        QTest::keyClick(&window, Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(window.queueView()->currentIndex().row(), before + 1);

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        auto *search = window.queuePanel()->findChild<QLineEdit *>();
        QVERIFY(search);
        QTest::keyClicks(search, u"dashboard"_s);
        QCOMPARE(window.filterModel()->rowCount(), 1);
    }

    void savedInvestigationsOpenOffTheGuiThread()
    {
        // Opening a saved investigation reads and parses it on a worker; the tab arrives
        // when that is done. Only the shown page takes updates, so switching between many
        // open investigations touches one of them, not all.
        WorkbenchServices s = services();
        auto store = std::make_shared<LoadWatchingStore>(s.store);
        s.store = store;
        QStringList ids;
        for (const QString &ticket : {u"2001"_s, u"2002"_s, u"2003"_s}) {
            Investigation inv = TestData::investigation();
            inv.ticket.id = ticket;
            auto id = store->saveInvestigation(inv, {});
            QVERIFY(id);
            ids.append(*id);
        }
        MainWindow window(s);
        window.resize(1400, 900);
        window.show();
        const int fixedTabs = window.tabs()->count(); // saved list and metrics
        for (int i = 0; i < ids.size(); ++i) {
            window.openSaved(ids.at(i));
            QCOMPARE(window.tabs()->count(), fixedTabs + i); // not yet: it loads on a worker
            QTRY_COMPARE(window.tabs()->count(), fixedTabs + i + 1);
            QCOMPARE(window.currentInvestigationView()->investigation().ticket.id,
                     u"200%1"_s.arg(i + 1));
        }
        QCOMPARE(store->loads(), 3);
        QVERIFY(!store->loadedOn(QThread::currentThread()));

        const auto onlyCurrentUpdates = [&window] {
            for (int i = 0; i < window.tabs()->count(); ++i) {
                if (window.tabs()->widget(i)->updatesEnabled() !=
                    (i == window.tabs()->currentIndex()))
                    return false;
            }
            return true;
        };
        QVERIFY(onlyCurrentUpdates());
        window.tabs()->setCurrentIndex(fixedTabs);
        QVERIFY(onlyCurrentUpdates());
        QCOMPARE(window.currentInvestigationView()->investigation().ticket.id, u"2001"_s);
        window.tabs()->setCurrentIndex(0);
        QVERIFY(onlyCurrentUpdates());

        // An investigation already open is shown again, not loaded again.
        window.openSaved(ids.at(1));
        QCOMPARE(window.tabs()->count(), fixedTabs + 3);
        QCOMPARE(window.currentInvestigationView()->investigation().ticket.id, u"2002"_s);
        QVERIFY(onlyCurrentUpdates());
        QCOMPARE(store->loads(), 3);
    }

    void investigateSaveReopenAndSendOnce()
    {
        MainWindow window(services());
        window.resize(1400, 900);
        window.show();
        QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
        window.setProfile(profile());
        QVERIFY(tickets.wait(5000));
        QVERIFY(window.selectTicket(u"1042"_s));

        QSignalSpy finished(&window, &MainWindow::investigationFinished);
        window.runCurrentTicket();
        QVERIFY(window.currentInvestigationView());
        QVERIFY(finished.wait(30000));
        const auto investigation = finished.first().first().value<Investigation>();
        const QString storedId = finished.first().at(1).toString();
        QVERIFY(!storedId.isEmpty());
        QCOMPARE(investigation.ticket.id, u"1042"_s);
        InvestigationView *view = window.currentInvestigationView();
        QVERIFY(view);
        QVERIFY(!view->isRunning());
        QCOMPARE(view->stepsModel()->rowCount(), int(investigation.steps.size()));
        QVERIFY(m_store->loadInvestigation(storedId));

        // Send from the tab: exactly one comment even when Send is triggered twice.
        DiagnosisEditor *editor = window.currentEditor();
        QVERIFY(editor);
        editor->setMarkdown(u"Hi Jun, we are looking into it."_s);
        QSignalSpy sent(editor, &DiagnosisEditor::replySent);
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(editor->confirmationDialog());
        QCOMPARE(editor->confirmationDialog()->bodyText(), u"Hi Jun, we are looking into it."_s);
        editor->confirmationDialog()->accept();
        window.sendCurrent();
        QVERIFY(sent.wait(5000));
        QTest::qWait(300);
        QCOMPARE(m_helpdesk->comments().size(), 1);
        QCOMPARE(m_helpdesk->comments().first().ticketId, u"1042"_s);

        // Close the live tab and reopen the saved investigation offline.
        const int tabs = window.tabs()->count();
        emit window.tabs()->tabCloseRequested(window.tabs()->currentIndex());
        QCOMPARE(window.tabs()->count(), tabs - 1);
        window.openSaved(storedId);
        QTRY_COMPARE(window.tabs()->count(), tabs);
        InvestigationView *offline = window.currentInvestigationView();
        QVERIFY(offline);
        QCOMPARE(offline->investigation().ticket.id, u"1042"_s);
        QCOMPARE(offline->stepsModel()->rowCount(), int(investigation.steps.size()));
    }
};

// ---------------------------------------------------------------------------------------
// Layout, keyboard, honest state, onboarding

void TestMainWindow::firstWindowFitsTheScreen_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("laptop 1280x800") << QSize(1280, 800);
    QTest::newRow("desktop 1920x1080") << QSize(1920, 1080);
}

void TestMainWindow::firstWindowFitsTheScreen()
{
    QFETCH(QSize, screen);
    MainWindow window(services());
    window.fitToScreen(QRect(QPoint(0, 0), screen));
    window.show();
    QVERIFY(window.width() >= std::min(1200, screen.width()));
    QVERIFY(window.height() >= std::min(750, screen.height()));
    QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
    window.setProfile(profile());
    QVERIFY(tickets.wait(5000));
    QVERIFY(window.selectTicket(u"1042"_s));
    QSignalSpy finished(&window, &MainWindow::investigationFinished);
    window.runCurrentTicket();
    QVERIFY(finished.wait(30000));
    QApplication::processEvents();

    // Long labels (the ticket, the playbook reason, the failed steps) wrap: never wider
    // than the screen, and the reply buttons stay on it.
    QVERIFY2(window.width() <= screen.width(), qPrintable(QString::number(window.width())));
    QVERIFY(window.height() <= screen.height());
    QVERIFY(window.minimumSizeHint().width() <= screen.width());
    const auto buttons = window.currentEditor()->findChildren<QPushButton *>();
    QVERIFY(!buttons.isEmpty());
    for (const QPushButton *button : buttons) {
        if (button->isVisible())
            QVERIFY2(insideWindow(button, &window), qPrintable(button->text()));
    }
    // ID and Subject are the first columns and visible without scrolling.
    QTableView *queue = window.queueView();
    QCOMPARE(queue->model()->headerData(0, Qt::Horizontal).toString(), u"ID"_s);
    QCOMPARE(queue->model()->headerData(1, Qt::Horizontal).toString(), u"Subject"_s);
    QVERIFY(queue->columnViewportPosition(1) + 40 < queue->viewport()->width());
    // The reply editor has a third of the tab at least; no splitter collapses a pane.
    InvestigationTab *tab = window.currentInvestigationTab();
    const QList<int> sizes = tab->splitter()->sizes();
    QVERIFY2(sizes.at(1) * 3 >= (sizes.at(0) + sizes.at(1)) - 3,
             qPrintable(u"%1 / %2"_s.arg(sizes.at(0)).arg(sizes.at(1))));
    QVERIFY(!tab->splitter()->childrenCollapsible());
    QVERIFY(!window.mainSplitter()->childrenCollapsible());
    // The preview shows the selected ticket as plain text.
    QCOMPARE(window.preview()->ticket().id, u"1042"_s);
    QVERIFY(window.preview()->bodyText().contains(u"dashboard"_s, Qt::CaseInsensitive));
}

void TestMainWindow::wholeLoopWithTheKeyboardOnly()
{
    MainWindow window(services());
    window.fitToScreen(QRect(0, 0, 1280, 800));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
    window.setProfile(profile());
    QVERIFY(tickets.wait(5000));

    // Pick: search, then the queue, arrows, Enter runs.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), u"dashboard"_s);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), window.queueView());
    QTest::keyClick(window.queueView(), Qt::Key_Home);
    QCOMPARE(window.currentTicket().id, u"1042"_s);
    QSignalSpy finished(&window, &MainWindow::investigationFinished);
    QTest::keyClick(window.queueView(), Qt::Key_Return);
    QVERIFY(finished.wait(30000));

    // Read: Tab leaves the table (not cell by cell); F6 walks the panes into the view.
    window.queueView()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(QApplication::focusWidget() != window.queueView());
    InvestigationView *view = window.currentInvestigationView();
    for (int i = 0; i < 5 && !view->isAncestorOf(QApplication::focusWidget()); ++i)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QVERIFY(view->isAncestorOf(QApplication::focusWidget()));

    // Edit: Ctrl+2 lands in the reply text; type.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_2, Qt::ControlModifier);
    auto *text = qobject_cast<QPlainTextEdit *>(QApplication::focusWidget());
    QVERIFY(text && !text->isReadOnly());
    QVERIFY(window.currentEditor()->isAncestorOf(text));
    QTest::keyClick(text, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(text, u"Hi Jun, a fix is on its way."_s);

    // Send: Ctrl+Shift+S, then the dialog's Send with its mnemonic.
    QSignalSpy sent(window.currentEditor(), &DiagnosisEditor::replySent);
    QTest::keyClick(text, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    SendConfirmDialog *confirm = window.currentEditor()->confirmationDialog();
    QVERIFY(confirm);
    QVERIFY(QTest::qWaitForWindowActive(confirm));
    // Cancel is the default button: Tab to Send, then Space.
    QPushButton *send = nullptr;
    for (QPushButton *b : confirm->findChildren<QPushButton *>()) {
        if (b->text().contains(u"Send"_s))
            send = b;
    }
    QVERIFY(send);
    const auto dialogFocus = [confirm] {
        return confirm->focusWidget() ? confirm->focusWidget() : static_cast<QWidget *>(confirm);
    };
    for (int i = 0; i < 12 && dialogFocus() != send; ++i)
        QTest::keyClick(dialogFocus(), Qt::Key_Tab);
    QCOMPARE(dialogFocus(), static_cast<QWidget *>(send));
    QTest::keyClick(send, Qt::Key_Space);
    QVERIFY(sent.wait(5000));
    QCOMPARE(m_helpdesk->comments().size(), 1);
    QVERIFY(m_helpdesk->comments().first().body.contains(u"a fix is on its way"_s));
}

void TestMainWindow::allSystemsDownShowsAFailedRun()
{
    MainWindow window(services());
    window.resize(1400, 900);
    window.show();
    QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
    window.setProfile(profileWithSystemsDown());
    QVERIFY(tickets.wait(5000));
    QVERIFY(window.selectTicket(u"1042"_s));
    QSignalSpy finished(&window, &MainWindow::investigationFinished);
    window.runCurrentTicket();
    QVERIFY(finished.wait(30000));
    InvestigationView *view = window.currentInvestigationView();
    const RunHealth health = view->health();
    QVERIFY(health.total > 0);
    QCOMPARE(health.ok, 0);
    QVERIFY(health.couldNotInvestigate());

    // Red and said so: never "no fault found", never "still investigating".
    QVERIFY2(view->progressBar()->text().startsWith(u"could not investigate"_s),
             qPrintable(view->progressBar()->text()));
    QCOMPARE(view->progressBar()->palette().color(QPalette::Highlight), QColor(0xc6, 0x28, 0x28));
    QVERIFY2(view->rootCauseText().startsWith(u"Could not investigate"_s),
             qPrintable(view->rootCauseText()));
    QVERIFY(!view->rootCauseText().contains(u"no_fault_found"_s));
    QVERIFY(!view->rootCauseText().contains(u"Still investigating"_s));
    // The draft says it is no diagnosis.
    QVERIFY(window.currentInvestigationTab()->isDraftStale());
    // The dots follow the run: the systems whose steps failed are red with the step's error.
    for (const QString &system : {u"clickhouse"_s, u"github"_s, u"linear"_s}) {
        const QString message = window.connectionMessage(system);
        QVERIFY2(!message.isEmpty() && message != u"Connecting…"_s, qPrintable(message));
    }
}

void TestMainWindow::paletteListsEveryActionWithItsShortcut()
{
    MainWindow window(services());
    window.show();
    const QList<CommandEntry> commands = commandsOf(window.menuBar());
    QVERIFY(commands.size() >= 20);
    const auto find = [&](const QString &path) {
        for (const CommandEntry &c : commands) {
            if (c.path == path)
                return c;
        }
        return CommandEntry{};
    };
    QCOMPARE(find(u"Investigation › Run on selected ticket"_s).shortcut,
             QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText));
    QVERIFY(!find(u"Help › Command palette…"_s).shortcut.isEmpty());
    QVERIFY(find(u"Help › About Casefile"_s).action);

    window.showCommandPalette();
    auto *palette = qobject_cast<CommandPalette *>(window.commandPalette());
    QVERIFY(palette);
    QCOMPARE(palette->visibleCount(), int(commands.size()));
    palette->setFilter(u"metrics view"_s);
    QCOMPARE(palette->visibleCount(), 1);
    QCOMPARE(palette->currentPath(), u"View › Metrics"_s);
    QVERIFY(palette->runCurrent());
    QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget *>(window.metricsView()));

    QVERIFY(window.shortcutListText().contains(u"Ctrl+K"_s));
    QVERIFY(window.aboutText().contains(u"MIT"_s));
    QVERIFY(window.aboutText().contains(u"keychain"_s));
}

void TestMainWindow::welcomePageWithoutAProfile()
{
    MainWindow window(services());
    window.show();
    QVERIFY(window.isWelcomeShown());
    QVERIFY(window.welcomePage()->isVisible());
    QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
    window.setProfile(profile());
    QVERIFY(!window.isWelcomeShown());
    QVERIFY(window.queueView()->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
