#include "fakehelpdesk.h"
#include "fixtures.h"

#include "core/engine/playbooklibrary.h"
#include "ui/diagnosiseditor.h"
#include "ui/investigationview.h"
#include "ui/mainwindow.h"
#include "ui/sendconfirmdialog.h"
#include "ui/stepsmodel.h"
#include "ui/ticketfiltermodel.h"
#include "ui/ticketqueuemodel.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;
using Casefile::TestData::FakeHelpdesk;

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
        p.connections.insert(u"helpdesk"_s, helpdesk);
        return p;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
