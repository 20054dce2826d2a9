// A ClickHouse step costs one round trip: its queries, and the version and table-layout probes
// a fresh connection needs, are sent together. A stub server holds its answers until the expected
// requests have all arrived and counts the rounds; a request sent only after another's answer makes
// a second round (the server stops waiting for it after a while, so a regression fails instead of
// hanging).
#include "connectors/clickhouse/clickhouseconnector.h"
#include "stubserver.h"

#include <QTest>

#include <atomic>
#include <functional>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::runBeside;
using Casefile::Tests::StubServer;

namespace {

constexpr auto Patience = 5s;

QJsonObject window()
{
    return {{u"org"_s, u"org_acme"_s},
            {u"from"_s, u"2026-11-20T09:00:00Z"_s},
            {u"to"_s, u"2026-11-20T10:00:00Z"_s}};
}

bool isVersionQuery(const StubServer::Request &request)
{
    return request.body.contains("version()");
}

// The layout probe: system.tables and system.columns, sent together.
bool isLayoutQuery(const StubServer::Request &request)
{
    return request.body.contains("FROM system.tables") ||
           request.body.contains("FROM system.columns");
}

} // namespace

class TestClickHouseRoundTrips : public QObject
{
    Q_OBJECT

    std::unique_ptr<StubServer> m_server;
    QString m_version;

    std::unique_ptr<ClickHouseConnector> connector() const
    {
        ConnectionSettings s;
        s.system = u"clickhouse"_s;
        s.type = u"clickhouse"_s;
        s.url = QString::fromLatin1(m_server->baseUrl());
        s.account = u"default"_s;
        return std::make_unique<ClickHouseConnector>(s, u"secret"_s);
    }

    static Result<OperationOutput> runStep(ClickHouseConnector &c, const QString &operation,
                                           const QJsonObject &args)
    {
        OperationCall call;
        call.stepId = u"s1"_s;
        call.operation = operation;
        call.args = args;
        call.limits.deadline = QDeadlineTimer(60s);
        return c.run(call);
    }

private slots:
    void init()
    {
        m_server = std::make_unique<StubServer>();
        m_version = u"18.16.1"_s;
        m_server->respond([this](const StubServer::Request &request) {
            if (isVersionQuery(request)) {
                return StubServer::json(
                    R"({"meta":[{"name":"v","type":"String"}],"data":[{"v":")"_ba +
                    m_version.toLatin1() + R"("}],"rows":1})"_ba);
            }
            return StubServer::json(
                R"({"meta":[{"name":"cf_n","type":"UInt64"}],"data":[],"rows":0})"_ba);
        });
    }

    void oneRoundPerStep_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("versionKnown");
        QTest::addColumn<int>("requests");
        QTest::addColumn<bool>("parameters");
        // A fresh connection: the step's query, the version probe and the layout probe (two
        // queries) go together.
        QTest::newRow("first step") << u"traffic_overview"_s << u"18.16.1"_s << false << 4 << false;
        QTest::newRow("first step, parameters known later")
            << u"latency_series"_s << u"24.8.1"_s << false << 4 << false;
        QTest::newRow("first webhook step")
            << u"webhook_series"_s << u"18.16.1"_s << false << 4 << false;
        QTest::newRow("later step") << u"traffic_overview"_s << u"18.16.1"_s << true << 1 << false;
        QTest::newRow("later step, parameters")
            << u"fallback_stats"_s << u"24.8.1"_s << true << 1 << true;
        // The errors and the total they are a share of: two queries, sent together.
        QTest::newRow("two queries, first step")
            << u"error_breakdown"_s << u"18.16.1"_s << false << 5 << false;
        QTest::newRow("two queries, later step")
            << u"error_breakdown"_s << u"24.8.1"_s << true << 2 << true;
    }

    void oneRoundPerStep()
    {
        QFETCH(QString, operation);
        QFETCH(QString, version);
        QFETCH(bool, versionKnown);
        QFETCH(int, requests);
        QFETCH(bool, parameters);
        m_version = version;
        auto c = connector();
        if (versionKnown) {
            bool probed = false;
            QVERIFY(runBeside([&] { probed = c->serverVersion(WorkLimits{}).has_value(); }));
            QVERIFY(probed);
            QCOMPARE(c->knownVersion(), version);
            const QString table = operation.startsWith(u"webhook_"_s) ? u"webhook_deliveries"_s
                                                                      : u"gateway_requests"_s;
            QVERIFY(runBeside([&] { probed = c->readLayout(table, WorkLimits{}).has_value(); }));
            QVERIFY(probed);
        }
        const qsizetype before = m_server->requests().size();
        m_server->answerInRounds(requests, Patience);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = runStep(*c, operation, window()); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(m_server->rounds(), QList<int>{requests});

        const QList<StubServer::Request> sent = m_server->requests().mid(before);
        QCOMPARE(sent.size(), qsizetype(requests));
        qsizetype probes = 0;
        qsizetype layoutProbes = 0;
        for (const StubServer::Request &r : sent) {
            if (isVersionQuery(r)) {
                ++probes;
                continue;
            }
            if (isLayoutQuery(r)) {
                ++layoutProbes;
                continue;
            }
            // The org is a server-side parameter only once the version says the server has them.
            QCOMPARE(r.target.contains("param_p1="), parameters);
            QCOMPARE(r.body.contains("'org_acme'"), !parameters);
        }
        QCOMPARE(probes, versionKnown ? 0 : 1);
        QCOMPARE(layoutProbes, versionKnown ? 0 : 2);
        // The probes' answers are kept: the next step asks no version and no layout (this
        // server describes no table: the plain query shape, not asked again).
        QCOMPARE(c->knownVersion(), version);
        const auto layout = c->knownLayout(
            operation.startsWith(u"webhook_"_s) ? u"webhook_deliveries"_s : u"gateway_requests"_s);
        QVERIFY(layout.has_value());
        QVERIFY(!layout->known);
    }

    // Steps that start together on a fresh connection ask the version and the layout once
    // between them, and none of them waits for either.
    void concurrentFirstStepsProbeOnce()
    {
        auto c = connector();
        const QStringList operations = {u"traffic_overview"_s, u"latency_series"_s,
                                        u"token_usage"_s};
        m_server->answerInRounds(int(operations.size()) + 3, Patience);
        std::atomic<int> ok = 0;
        QVERIFY(runBeside([&] {
            std::vector<std::thread> steps;
            for (const QString &operation : operations) {
                steps.emplace_back([&, operation] {
                    if (runStep(*c, operation, window()))
                        ++ok;
                });
            }
            for (std::thread &t : steps)
                t.join();
        }));
        QCOMPARE(ok.load(), int(operations.size()));
        QCOMPARE(m_server->rounds(), QList<int>{int(operations.size()) + 3});
        qsizetype probes = 0;
        qsizetype layoutProbes = 0;
        for (const StubServer::Request &r : m_server->requests()) {
            probes += isVersionQuery(r) ? 1 : 0;
            layoutProbes += isLayoutQuery(r) ? 1 : 0;
        }
        QCOMPARE(probes, 1);
        QCOMPARE(layoutProbes, 2);
    }

    // A failed probe costs the step nothing: its own answer stands, and a later step asks again.
    // A failed layout read likewise.
    void failedLayoutReadIsAskedAgain()
    {
        auto c = connector();
        m_server->respond([](const StubServer::Request &request) {
            if (isLayoutQuery(request))
                return StubServer::http(
                    500, "Code: 497, e.displayText() = DB::Exception: denied"_ba, {}, "text/plain");
            if (isVersionQuery(request))
                return StubServer::json(
                    R"({"meta":[{"name":"v","type":"String"}],"data":[{"v":"18.16.1"}],"rows":1})"_ba);
            return StubServer::json(R"({"meta":[],"data":[],"rows":0})"_ba);
        });
        m_server->answerInRounds(4, Patience);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = runStep(*c, u"token_usage"_s, window()); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(m_server->rounds(), QList<int>{4});
        QVERIFY(!c->knownLayout(u"gateway_requests"_s).has_value());
        m_server->answerInRounds(3, Patience); // the step and the layout again, no version
        QVERIFY(runBeside([&] { out = runStep(*c, u"token_usage"_s, window()); }));
        QVERIFY(out.has_value());
        QCOMPARE(m_server->rounds(), QList<int>{3});
        QVERIFY(!out->evidence.first().query.contains(u"PREWHERE"_s));
    }

    void failedProbeIsAskedAgain()
    {
        auto c = connector();
        m_server->respond([](const StubServer::Request &request) {
            if (isVersionQuery(request))
                return StubServer::http(500, "Code: 999, e.displayText() = DB::Exception: boom"_ba,
                                        {}, "text/plain");
            return StubServer::json(R"({"meta":[],"data":[],"rows":0})"_ba);
        });
        // The step, the version probe and the layout probe (answered: asked once).
        m_server->answerInRounds(4, Patience);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = runStep(*c, u"token_usage"_s, window()); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(m_server->rounds(), QList<int>{4});
        QVERIFY(!c->knownVersion().has_value());
        m_server->answerInRounds(2, Patience);
        QVERIFY(runBeside([&] { out = runStep(*c, u"token_usage"_s, window()); }));
        QVERIFY(out.has_value());
        QCOMPARE(m_server->rounds(), QList<int>{2});
    }

    // The one-minute buckets sent beside a wider series are optional: when their query fails,
    // the step answers with its own series, no minutes, and its SQL lists only the query it was
    // read from.
    void failedMinuteQueryLeavesTheStep()
    {
        auto c = connector();
        const auto isMinuteQuery = [](const StubServer::Request &request) {
            return request.body.contains("intDiv(toUInt32(ts), 60) * 60");
        };
        m_server->respond([&](const StubServer::Request &request) {
            if (isMinuteQuery(request))
                return StubServer::http(
                    500, "Code: 241, e.displayText() = DB::Exception: Memory limit"_ba, {},
                    "text/plain");
            if (isVersionQuery(request))
                return StubServer::json(
                    R"({"meta":[{"name":"v","type":"String"}],"data":[{"v":"18.16.1"}],"rows":1})"_ba);
            return StubServer::json(R"({"meta":[],"data":[],"rows":0})"_ba);
        });
        QJsonObject args = window();
        args.insert(u"to"_s, u"2026-11-21T09:00:00Z"_s);
        args.insert(u"bucket_s"_s, 600);
        // the series, its minutes, the version and the layout (two queries)
        m_server->answerInRounds(5, Patience);
        Result<OperationOutput> out = std::unexpected(Error{});
        QVERIFY(runBeside([&] { out = runStep(*c, u"error_series"_s, args); }));
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(m_server->rounds(), QList<int>{5});
        QCOMPARE(std::count_if(m_server->requests().cbegin(), m_server->requests().cend(),
                               isMinuteQuery),
                 1);
        QVERIFY(!out->outputs.contains(u"minutes"_s));
        const QString sql = out->evidence.first().query;
        QVERIFY2(sql.contains(u"intDiv(toUInt32(ts), 600) * 600"_s), qPrintable(sql));
        QVERIFY2(!sql.contains(u"intDiv(toUInt32(ts), 60) * 60"_s), qPrintable(sql));
    }

    void cleanup() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestClickHouseRoundTrips)
#include "tst_clickhouseroundtrips.moc"
