#include "../e2e/sandboxprocess.h"

#include "connectors/connectorfactory.h"
#include "core/engine/playbooklibrary.h"
#include "core/profile.h"
#include "core/reply/replytemplates.h"
#include "storage/sqlitestore.h"
#include "ui/diagnosiseditor.h"
#include "ui/investigationview.h"
#include "ui/mainwindow.h"
#include "ui/sendconfirmdialog.h"
#include "ui/stepsmodel.h"
#include "ui/timelinecharts.h"
#include "ui/welcomepage.h"

#include <QApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Casefile;

// The workbench against the real sandbox (fakes of every vendor and a real ClickHouse) on
// the shared latency-after-deploy scenario: pick ticket 1042, investigate, edit, send once,
// then reopen the saved investigation with the sandbox gone.
class TestWorkbenchE2e : public QObject
{
    Q_OBJECT

private:
    // Comments on a ticket as the sandbox's helpdesk stores them.
    static QJsonArray helpdeskComments(const WorkspaceProfile &profile, const QString &ticketId)
    {
        const ConnectionSettings helpdesk = profile.connections.value(u"helpdesk"_s);
        const auto token = resolveSecretWithoutKeychain(helpdesk);
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(helpdesk.url + u"/api/v2/tickets/%1/comments.json"_s.arg(ticketId)));
        if (token)
            request.setRawHeader("Authorization", "Bearer " + token->toUtf8());
        QNetworkReply *reply = network.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object().value("comments"_L1).toArray();
    }

    // The real store in `dir`, real connectors (secrets from the profile), the built-in
    // playbooks.
    static bool realServices(const QTemporaryDir &dir, WorkbenchServices *services)
    {
        auto store = SqliteStore::open(dir.filePath(u"casefile.sqlite"_s));
        if (!store) {
            qWarning("%s", qPrintable(store.error().message));
            return false;
        }
        services->store = std::move(*store);
        services->connect = [](const WorkspaceProfile &p) {
            return createConnectors(p, &resolveSecretWithoutKeychain);
        };
        services->playbooks =
            std::make_shared<const PlaybookLibrary>(PlaybookLibrary::load({}, false));
        return true;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void investigateSendAndReviewOffline()
    {
        const QString scenario = qEnvironmentVariable("CASEFILE_DEMO_SCENARIO");
        auto sandbox = std::make_unique<Testing::SandboxProcess>(scenario);
        QVERIFY2(sandbox->waitReady(), qPrintable(sandbox->errorText()));
        const auto profile = loadProfile(sandbox->profilePath());
        QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));

        QTemporaryDir dir;
        WorkbenchServices services;
        QVERIFY(realServices(dir, &services));

        MainWindow window(services);
        window.resize(1500, 950);
        window.show();
        QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
        window.openProfile(sandbox->profilePath());
        QVERIFY(tickets.wait(30000));
        QVERIFY(window.selectTicket(u"1042"_s));

        QSignalSpy finished(&window, &MainWindow::investigationFinished);
        window.runCurrentTicket();
        QVERIFY(finished.wait(120000));
        const auto investigation = finished.first().first().value<Investigation>();
        const QString storedId = finished.first().at(1).toString();
        QCOMPARE(investigation.playbook.name, u"latency-spike"_s);
        QVERIFY(investigation.rootCause);
        QCOMPARE(investigation.rootCause->category, u"deploy_regression"_s);

        InvestigationView *view = window.currentInvestigationView();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->charts()->dataSeriesCount() >= 3, 10000);
        QVERIFY(view->charts()->markerSeriesCount() > 0);
        QVERIFY(view->findingsTree()->topLevelItemCount() > 0);

        // Edit, then send; a second trigger while in flight must not send again.
        DiagnosisEditor *editor = window.currentEditor();
        QVERIFY(editor);
        const QString marker = u"Checked by the e2e workbench test."_s;
        // The composed reply promises nothing: its placeholders keep Send off until filled.
        QVERIFY(!Reply::placeholders(editor->markdown()).isEmpty());
        QVERIFY(!editor->sendReplyButton()->isEnabled());
        QString filled = editor->markdown();
        for (const QString &placeholder : Reply::placeholders(filled))
            filled.replace(placeholder, u"today"_s);
        editor->setMarkdown(filled + u"\n\n"_s + marker + u'\n');
        QVERIFY(editor->sendReplyButton()->isEnabled());
        const QString body = editor->markdown();
        QSignalSpy sent(editor, &DiagnosisEditor::replySent);
        editor->requestSend(true);
        QVERIFY(editor->confirmationDialog());
        QCOMPARE(editor->confirmationDialog()->bodyText(), body);
        editor->confirmationDialog()->accept();
        editor->requestSend(true); // ignored: in flight
        QVERIFY(!editor->confirmationDialog());
        QVERIFY(sent.wait(30000));

        int withMarker = 0;
        for (const QJsonValue &c : helpdeskComments(*profile, u"1042"_s)) {
            if (c.toObject().value("body"_L1).toString().contains(marker))
                ++withMarker;
        }
        QCOMPARE(withMarker, 1);

        // The sandbox goes away; the saved investigation still opens, charts included.
        QCOMPARE(sandbox->stop(), 0);
        sandbox.reset();
        emit window.tabs()->tabCloseRequested(window.tabs()->currentIndex());
        window.openSaved(storedId);
        QTRY_VERIFY_WITH_TIMEOUT(window.currentInvestigationView() != nullptr, 10000);
        InvestigationView *offline = window.currentInvestigationView();
        QCOMPARE(offline->investigation().ticket.id, u"1042"_s);
        QCOMPARE(offline->stepsModel()->rowCount(), int(investigation.steps.size()));
        QTRY_VERIFY_WITH_TIMEOUT(offline->charts()->dataSeriesCount() >= 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.currentEditor()->markdown(), body, 5000); // last draft
    }

    // A first run as a new user makes it: no profile, the welcome page, a click on "Open the
    // demo workspace" (the application starts the sandbox itself), the queue fills, Enter on
    // the first ticket investigates it to the diagnosis the demo scenario expects.
    void demoWorkspaceFromTheWelcomePage()
    {
        QTemporaryDir dir;
        WorkbenchServices services;
        QVERIFY(realServices(dir, &services));
        if (DemoWorkspace::sandboxProgram().isEmpty())
            QSKIP("casefile-sandbox is not built next to the tests");
        // The demo's sandbox starts a private ClickHouse server (as ClickHouseServer finds it).
        const QString server = qEnvironmentVariable("CASEFILE_CLICKHOUSE_SERVER");
        if (server.isEmpty() && QStandardPaths::findExecutable(u"clickhouse-server"_s).isEmpty() &&
            QStandardPaths::findExecutable(u"clickhouse-server"_s,
                                           {u"/usr/sbin"_s, u"/usr/local/sbin"_s})
                .isEmpty())
            QSKIP("the demo workspace starts a private ClickHouse, and clickhouse-server is not "
                  "installed here");

        MainWindow window(services);
        window.fitToScreen(QRect(0, 0, 1280, 800));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.isWelcomeShown());
        QPushButton *demo = window.welcomePage()->demoButton();
        QVERIFY(demo->isVisible() && demo->isEnabled());
        QSignalSpy tickets(&window, &MainWindow::ticketsLoaded);
        QTest::mouseClick(demo, Qt::LeftButton);
        QVERIFY(!demo->isEnabled()); // busy while the sandbox starts
        QVERIFY(tickets.wait(90000));
        QTRY_VERIFY_WITH_TIMEOUT(tickets.constLast().first().toInt() > 0, 30000);
        QVERIFY(!window.isWelcomeShown());
        QVERIFY(window.queueView()->model()->rowCount() > 0);

        window.queueView()->setFocus();
        QVERIFY(window.selectTicket(u"1042"_s));
        QSignalSpy finished(&window, &MainWindow::investigationFinished);
        QTest::keyClick(window.queueView(), Qt::Key_Return);
        QVERIFY(finished.wait(120000));
        const auto investigation = finished.first().first().value<Investigation>();
        QCOMPARE(investigation.ticket.id, u"1042"_s);
        QCOMPARE(investigation.playbook.name, u"latency-spike"_s);
        QVERIFY(investigation.rootCause);
        QCOMPARE(investigation.rootCause->category, u"deploy_regression"_s);
        QVERIFY(investigation.rootCause->refs.contains(u"github:deployment:447"_s));
        InvestigationView *view = window.currentInvestigationView();
        QVERIFY(view);
        QVERIFY(!view->rootCauseText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(view->charts()->dataSeriesCount() >= 3, 10000);
        QVERIFY(!window.currentEditor()->markdown().isEmpty());
    }
};

QTEST_MAIN(TestWorkbenchE2e)
#include "tst_workbench_e2e.moc"
