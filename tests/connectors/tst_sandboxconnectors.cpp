#include "connectors/connectorfactory.h"
#include "core/time.h"
#include "sandbox/billing.h"
#include "sandbox/clickhouseloader.h"
#include "sandbox/clickhouseserver.h"
#include "sandbox/fakes/fakeservices.h"
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;

namespace {

OperationCall call(const QString &operation, const QJsonObject &args)
{
    OperationCall c;
    c.stepId = operation;
    c.operation = operation;
    c.args = args;
    c.limits.deadline = QDeadlineTimer(30s);
    return c;
}

WorkLimits limits()
{
    WorkLimits l;
    l.deadline = QDeadlineTimer(30s);
    return l;
}

const QJsonObject Window{{u"org"_s, u"org_acme"_s},
                         {u"from"_s, u"2026-11-20T06:00:00Z"_s},
                         {u"to"_s, u"2026-11-20T10:05:00Z"_s}};

QJsonObject with(QJsonObject args, const QJsonObject &more)
{
    for (auto it = more.begin(); it != more.end(); ++it)
        args.insert(it.key(), it.value());
    return args;
}

} // namespace

// Every connector against the sandbox: the vendor fakes and a real ClickHouse loaded from the
// worked scenario.
class TestSandboxConnectors : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox::ClickHouseServer> m_clickhouse;
    std::unique_ptr<Sandbox::FakeServices> m_fakes;
    std::shared_ptr<ConnectorSet> m_connectors;

    Result<OperationOutput> run(const QString &system, const QString &operation,
                                const QJsonObject &args)
    {
        auto connector = m_connectors->get(system);
        if (!connector)
            return fail(Error::Code::NotFound, u"no connector "_s + system);
        return connector->run(call(operation, args));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (Sandbox::ClickHouseServer::findExecutable().isEmpty())
            QSKIP("clickhouse-server is not installed");
        const QString path = qEnvironmentVariable("CASEFILE_DEMO_SCENARIO");
        auto scenario = Sandbox::loadScenario(path);
        QVERIFY2(scenario.has_value(), qPrintable(scenario ? QString() : scenario.error().message));
        const Sandbox::GeneratedLogs logs = Sandbox::generateLogs(*scenario, 0.2);
        m_clickhouse = std::make_unique<Sandbox::ClickHouseServer>();
        auto started = m_clickhouse->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        {
            Sandbox::ClickHouseLoader loader(m_clickhouse->url());
            auto loaded = loader.recreateAndLoad(*scenario, logs);
            QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : loaded.error().message));
        }
        m_fakes = std::make_unique<Sandbox::FakeServices>(
            scenario->root, Sandbox::makeBillingFunction(*scenario, logs), m_clickhouse->url());
        auto fakes = m_fakes->start({});
        QVERIFY2(fakes.has_value(), qPrintable(fakes ? QString() : fakes.error().message));
        const QJsonObject profileJson{{u"format"_s, QLatin1StringView(WorkspaceProfile::FormatId)},
                                      {u"name"_s, u"sandbox"_s},
                                      {u"sandbox"_s, true},
                                      {u"now"_s, toIsoUtc(scenario->now)},
                                      {u"connections"_s, m_fakes->profileConnections()}};
        auto profile = parseProfile(QJsonDocument(profileJson).toJson());
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        auto set = createConnectors(*profile, resolveSecretWithoutKeychain);
        QVERIFY2(set.has_value(), qPrintable(set ? QString() : set.error().message));
        m_connectors = *set;
    }

    void cleanupTestCase()
    {
        m_connectors.reset();
        m_fakes.reset();
        m_clickhouse.reset();
    }

    void testConnection_data()
    {
        QTest::addColumn<QString>("system");
        for (const QString &system : Sandbox::FakeServices::systemNames())
            QTest::newRow(qPrintable(system)) << system;
    }
    void testConnection()
    {
        QFETCH(QString, system);
        auto connector = m_connectors->get(system);
        QVERIFY2(connector, qPrintable(system));
        const ConnectionCheck check = connector->testConnection(limits());
        QVERIFY2(check.ok, qPrintable(check.message));
    }

    void clickhouseOperations_data()
    {
        QTest::addColumn<QString>("operation");
        for (const QString &op : m_connectors->get(u"clickhouse"_s)->operations())
            QTest::newRow(qPrintable(op)) << op;
    }
    void clickhouseOperations()
    {
        QFETCH(QString, operation);
        auto r = run(u"clickhouse"_s, operation, Window);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->evidence.size(), 1);
        QVERIFY(r->evidence.first().source.startsWith(u"clickhouse:query:"_s));
        if (operation == u"traffic_overview"_s) {
            QVERIFY(r->outputs.value(u"requests"_s).toInteger() > 0);
            QVERIFY(r->outputs.value(u"config_ids"_s).toArray().contains(u"pc-acme-prod"_s));
        }
        if (operation == u"latency_series"_s)
            QVERIFY(!r->evidence.first().data.value(u"series"_s).toArray().isEmpty());
    }

    void vendorOperations_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("args");
        QTest::newRow("github deployments") << u"github"_s << u"deployments"_s << Window;
        QTest::newRow("github releases") << u"github"_s << u"releases"_s
                                         << with(Window, {{u"from"_s, u"2026-10-01T00:00:00Z"_s}});
        QTest::newRow("linear") << u"linear"_s << u"search_issues"_s
                                << QJsonObject{
                                       {u"terms"_s, QJsonArray{u"latency"_s, u"dashboard"_s}}};
        QTest::newRow("jira") << u"jira"_s << u"search_issues"_s
                              << QJsonObject{
                                     {u"terms"_s, QJsonArray{u"latency"_s, u"dashboard"_s}}};
        QTest::newRow("statuspage incidents") << u"statuspage"_s << u"incidents"_s << Window;
        QTest::newRow("statuspage summary") << u"statuspage"_s << u"summary"_s << QJsonObject();
        QTest::newRow("pagerduty") << u"pagerduty"_s << u"incidents"_s << Window;
        QTest::newRow("docs search")
            << u"docs"_s << u"search"_s << QJsonObject{{u"terms"_s, QJsonArray{u"fallback"_s}}};
        QTest::newRow("docs fetch")
            << u"docs"_s << u"fetch"_s << QJsonObject{{u"path"_s, u"docs/routing/fallbacks.md"_s}};
        QTest::newRow("gateway config")
            << u"gateway"_s << u"config"_s << QJsonObject{{u"config_id"_s, u"pc-acme-prod"_s}};
        QTest::newRow("helpdesk organisations")
            << u"helpdesk"_s << u"organisations"_s << QJsonObject();
        QTest::newRow("llm chat") << u"llm"_s << u"chat"_s
                                  << QJsonObject{{u"system"_s, u"You draft replies."_s},
                                                 {u"prompt"_s, u"Say hello."_s}};
    }
    void vendorOperations()
    {
        QFETCH(QString, system);
        QFETCH(QString, operation);
        QFETCH(QJsonObject, args);
        auto r = run(system, operation, args);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        if (system == u"llm"_s)
            QVERIFY(!r->outputs.value(u"text"_s).toString().isEmpty());
        else
            QCOMPARE(r->evidence.size(), 1);
        if (operation == u"deployments"_s)
            QVERIFY(!r->evidence.first().data.value(u"events"_s).toArray().isEmpty());
        if (system == u"docs"_s)
            QVERIFY(!r->evidence.first().data.value(u"items"_s).toArray().isEmpty());
    }

    void stripe()
    {
        auto customer = run(u"stripe"_s, u"customer"_s, {{u"org"_s, u"org_acme"_s}});
        QVERIFY2(customer.has_value(), qPrintable(customer ? QString() : customer.error().message));
        const QString id = customer->outputs.value(u"customer_id"_s).toString();
        QVERIFY(!id.isEmpty());
        const QJsonObject window{{u"customer"_s, id},
                                 {u"from"_s, u"2026-09-01T00:00:00Z"_s},
                                 {u"to"_s, u"2026-11-21T00:00:00Z"_s}};
        auto invoices = run(u"stripe"_s, u"invoices"_s, window);
        QVERIFY2(invoices.has_value(), qPrintable(invoices ? QString() : invoices.error().message));
        auto meter = run(u"stripe"_s, u"meter_summaries"_s, window);
        QVERIFY2(meter.has_value(), qPrintable(meter ? QString() : meter.error().message));
    }

    void helpdesk()
    {
        auto helpdesk = m_connectors->helpdesk();
        QVERIFY(helpdesk);
        auto tickets = helpdesk->listTickets(limits());
        QVERIFY2(tickets.has_value(), qPrintable(tickets ? QString() : tickets.error().message));
        QVERIFY(!tickets->isEmpty());
        auto ticket = helpdesk->ticket(u"1042"_s, limits());
        QVERIFY2(ticket.has_value(), qPrintable(ticket ? QString() : ticket.error().message));
        QCOMPARE(ticket->orgId, u"org_acme"_s);
        QCOMPARE(ticket->requesterEmail, u"jun@acme.dev"_s);
        auto orgs = helpdesk->organisations(limits());
        QVERIFY2(orgs.has_value(), qPrintable(orgs ? QString() : orgs.error().message));
        QVERIFY(!orgs->isEmpty());

        const QString body =
            u"Hi Jun,\n\nthe slowdown comes from this morning's deploy; a fix is rolling out."_s;
        auto first = helpdesk->addComment(u"1042"_s, body, true, u"casefile-1042-1"_s, limits());
        QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().message));
        QVERIFY(!first->isEmpty());
        auto again = helpdesk->addComment(u"1042"_s, body, true, u"casefile-1042-1"_s, limits());
        QVERIFY2(again.has_value(), qPrintable(again ? QString() : again.error().message));
        QCOMPARE(*again, *first);
        QCOMPARE(m_fakes->receivedComments(u"1042"_s).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSandboxConnectors)
#include "tst_sandboxconnectors.moc"
