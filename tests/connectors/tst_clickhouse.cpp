#include "clickhousefixture.h"
#include "connectors/clickhouse/clickhouseconnector.h"

#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;

namespace {

const QString Hostile = u"o'; DROP TABLE gateway_requests; --\\\n\t\"ü\u2028😀"_s;

WorkLimits limits(std::chrono::milliseconds deadline = 30s)
{
    WorkLimits l;
    l.deadline = QDeadlineTimer(deadline);
    return l;
}

QJsonObject window(const QString &org = u"org_acme"_s)
{
    return {{u"org"_s, org},
            {u"from"_s, u"2026-11-20T09:00:00Z"_s},
            {u"to"_s, u"2026-11-20T10:00:00Z"_s}};
}

qint64 sumColumn(const QJsonObject &data, const QString &column)
{
    const QJsonArray columns = data.value(u"columns"_s).toArray();
    qsizetype index = -1;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).toString() == column)
            index = i;
    }
    qint64 sum = 0;
    for (const QJsonValue &row : data.value(u"rows"_s).toArray())
        sum += row.toArray().at(index).toInteger();
    return sum;
}

} // namespace

class TestClickHouse : public QObject
{
    Q_OBJECT

    Casefile::Tests::ClickHouseFixture m_server;
    std::unique_ptr<ClickHouseConnector> m_connector;

    std::unique_ptr<ClickHouseConnector>
    connector(const QJsonObject &options = {},
              const QString &password = Tests::ClickHouseFixture::password())
    {
        ConnectionSettings s;
        s.system = u"clickhouse"_s;
        s.type = u"clickhouse"_s;
        s.url = m_server.url();
        s.account = u"default"_s;
        s.options = options;
        if (!s.options.contains(u"database"_s))
            s.options.insert(u"database"_s, u"casefile_test"_s);
        return std::make_unique<ClickHouseConnector>(s, password);
    }

    Result<OperationOutput> run(const QString &operation, const QJsonObject &args)
    {
        OperationCall call;
        call.stepId = u"s1"_s;
        call.operation = operation;
        call.args = args;
        call.limits = limits();
        return m_connector->run(call);
    }

    void exec(const QString &sql)
    {
        auto r = m_server.exec(sql);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message + r.error().detail));
        QVERIFY2(!r->contains("Code: "), r->constData());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (Tests::ClickHouseFixture::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed");
        auto started = m_server.start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        exec(u"CREATE DATABASE casefile_test"_s);
        exec(
            uR"(CREATE TABLE casefile_test.gateway_requests (ts DateTime, request_id String, trace_id String,
            org_id String, api_key_id String, config_id String, route String, provider String, model String,
            status UInt16, error_code String, latency_ms UInt32, provider_latency_ms UInt32, attempts UInt8,
            fallback_used UInt8, cache_status String, prompt_tokens UInt32, completion_tokens UInt32,
            cached_tokens UInt32, cost_usd Float64, sdk String, metadata String)
            ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (org_id, ts))"_s);
        exec(
            uR"(CREATE TABLE casefile_test.webhook_deliveries (ts DateTime, delivery_id String, org_id String,
            endpoint String, event String, status UInt16, error String, attempt UInt8, latency_ms UInt32)
            ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (org_id, ts))"_s);
        // org_acme: one request every 30 s from 09:00, latency 100 + i ms, every 10th a 503 from
        // openai.
        exec(uR"(INSERT INTO casefile_test.gateway_requests SELECT
            toDateTime('2026-11-20 09:00:00') + number * 30, toString(number), '', 'org_acme', 'vk1', 'pc-acme-prod',
            '/v1/chat/completions', if(number % 2 = 0, 'openai', 'anthropic'),
            if(number % 2 = 0, 'gpt-4o', 'claude-3-5-sonnet'), if(number % 10 = 0, 503, 200),
            if(number % 10 = 0, 'provider_overloaded', ''), 100 + number, 80 + number, if(number % 10 = 0, 2, 1), 0,
            'miss', 100, 50, 10, 0.001, if(number < 60, 'portkey-python/1.9.2', 'portkey-node/1.4.0'),
            if(number % 3 = 0, '{"a":1}', '{}') FROM system.numbers LIMIT 120)"_s);
        exec(uR"(INSERT INTO casefile_test.gateway_requests SELECT
            toDateTime('2026-11-20 09:00:00') + number * 120, toString(number), '', 'org_beta', 'vk2', '',
            '/v1/embeddings', 'openai', 'text-embedding-3-small', 200, '', 500, 480, 1, 0, 'miss', 10, 0, 0, 0.0001,
            'openai-python/1.40.0', '{}' FROM system.numbers LIMIT 30)"_s);
        exec(u"INSERT INTO casefile_test.gateway_requests (ts, org_id, status, latency_ms) VALUES "
             u"(toDateTime('2026-11-20 09:30:00'), "_s +
             ClickHouseSql::quote(Hostile) + u", 200, 1)"_s);
        exec(uR"(INSERT INTO casefile_test.webhook_deliveries SELECT
            toDateTime('2026-11-20 09:10:00') + number * 60, toString(number), 'org_acme', 'https://acme.example/hooks',
            'request.completed', multiIf(number < 10, 200, number < 15, 0, 308),
            if(number >= 10 AND number < 15, 'timeout', ''), 1, 30
            FROM system.numbers LIMIT 17)"_s);
        m_connector = connector();
    }

    void quoteUnit_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"org_acme"_s << u"'org_acme'"_s;
        QTest::newRow("quote") << u"it's"_s << u"'it\\'s'"_s;
        QTest::newRow("backslash") << u"a\\b"_s << u"'a\\\\b'"_s;
        QTest::newRow("backslash quote") << u"\\'"_s << u"'\\\\\\''"_s;
        QTest::newRow("newline tab") << u"a\nb\tc"_s << u"'a\\nb\\tc'"_s;
        QTest::newRow("nul") << QString(QChar(0)) << u"'\\0'"_s;
        QTest::newRow("control") << QString(QChar(0x1b)) << u"'\\x1B'"_s;
    }
    void quoteUnit()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(ClickHouseSql::quote(input), expected);
    }

    void expressions_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("safe");
        QTest::newRow("column") << u"latency_ms"_s << true;
        QTest::newRow("arithmetic") << u"duration_us / 1000"_s << true;
        QTest::newRow("function") << u"toUInt16(http_status)"_s << true;
        QTest::newRow("quote") << u"x = 'a'"_s << false;
        QTest::newRow("semicolon") << u"x; DROP TABLE t"_s << false;
        QTest::newRow("comment") << u"x -- y"_s << false;
        QTest::newRow("subquery") << u"(SELECT 1)"_s << false;
        QTest::newRow("unbalanced") << u"f(x))"_s << false;
    }
    void expressions()
    {
        QFETCH(QString, expression);
        QFETCH(bool, safe);
        QCOMPARE(ClickHouseSql::isSafeExpression(expression), safe);
    }

    void badMappingIsRejected()
    {
        auto c = connector({{u"mapping"_s, QJsonObject{{u"latency_ms"_s, u"1; DROP TABLE x"_s}}}});
        const ConnectionCheck check = c->testConnection(limits());
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains(u"latency_ms"_s), qPrintable(check.message));
        auto unknown = FieldMapping::fromJson({{u"no_such_field"_s, u"x"_s}});
        QVERIFY(!unknown.has_value());
    }

    void hostileStringsRoundTrip_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("quotes") << u"it's \"quoted\" ''"_s;
        QTest::newRow("backslashes") << u"\\ \\\\ \\' \\n"_s;
        QTest::newRow("injection") << u"'; DROP TABLE gateway_requests; --"_s;
        QTest::newRow("nul") << u"a"_s + QChar(0) + u"b"_s;
        QTest::newRow("newlines") << u"line1\nline2\r\n\ttab"_s;
        QTest::newRow("controls") << QString(QChar(0x01)) + QChar(0x1f) + QChar(0x7f);
        QTest::newRow("unicode") << u"üñíçødé 日本語 😀 \u2028"_s;
        QTest::newRow("all") << Hostile;
    }
    void hostileStringsRoundTrip()
    {
        QFETCH(QString, value);
        SqlBuilder b(false);
        const QString sql = u"SELECT "_s + b.string(value) + u" AS v, length(v) AS l FORMAT JSON"_s;
        auto r = m_connector->query({sql, b.parameters()}, limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->value(0, u"v"_s).toString(), value);
        QCOMPARE(r->value(0, u"l"_s).toLongLong(), qint64(value.toUtf8().size()));
    }

    void hostileOrgIsData()
    {
        auto r = run(u"org_comparison"_s, window());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        auto filtered = run(u"traffic_overview"_s, window(Hostile));
        QVERIFY2(filtered.has_value(), qPrintable(filtered ? QString() : filtered.error().message));
        QCOMPARE(filtered->outputs.value(u"requests"_s).toInteger(), 1);
        // The table is still there.
        auto again = run(u"traffic_overview"_s, window());
        QVERIFY(again.has_value());
        QCOMPARE(again->outputs.value(u"requests"_s).toInteger(), 120);
    }

    void typedColumns()
    {
        const QString sql = uR"(SELECT toUInt64(42) AS n, toInt64(-7) AS i, 1.5 AS f,
            toDateTime('2024-05-01 12:34:56') AS d, toDate('2024-05-01') AS day,
            quantilesExact(0.5, 0.9)(toUInt32(number)) AS qi, quantiles(0.5)(number / 2) AS qf, 'x' AS s,
            toUInt64(18446744073709551615) AS big FROM (SELECT number FROM system.numbers LIMIT 10) FORMAT JSON)"_s;
        auto r = m_connector->query({sql, {}}, limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->value(0, u"n"_s).toLongLong(), 42);
        QCOMPARE(r->value(0, u"i"_s).toLongLong(), -7);
        QCOMPARE(r->value(0, u"f"_s).toDouble(), 1.5);
        QCOMPARE(r->value(0, u"d"_s).toDateTime(),
                 QDateTime(QDate(2024, 5, 1), QTime(12, 34, 56), QTimeZone::utc()));
        QCOMPARE(r->value(0, u"day"_s).toDate(), QDate(2024, 5, 1));
        QCOMPARE(r->value(0, u"qi"_s).toList().size(), 2);
        QCOMPARE(r->value(0, u"qi"_s).toList().at(0).toLongLong(), 5);
        QVERIFY(r->value(0, u"qf"_s).toList().at(0).toDouble() > 0);
        QCOMPARE(r->value(0, u"s"_s).toString(), u"x"_s);
        QCOMPARE(r->value(0, u"big"_s).toULongLong(), Q_UINT64_C(18446744073709551615));
    }

    void typedJsonForms_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("n");
        QTest::newRow("quoted UInt64")
            << R"({"meta":[{"name":"n","type":"UInt64"}],"data":[{"n":"42"}],"rows":1})"_ba
            << qint64(42);
        QTest::newRow("unquoted UInt64")
            << R"({"meta":[{"name":"n","type":"UInt64"}],"data":[{"n":42}],"rows":1})"_ba
            << qint64(42);
        QTest::newRow("compact")
            << R"json({"meta":[{"name":"n","type":"Nullable(Int64)"}],"data":[["-3"]],"rows":1})json"_ba
            << qint64(-3);
        // Found by fuzzing: a number beyond qint64 is no value (it was undefined behaviour).
        QTest::newRow("out of range")
            << R"({"meta":[{"name":"n","type":"Int64"}],"data":[{"n":1e300}],"rows":1})"_ba
            << qint64(0);
    }
    void typedJsonForms()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, n);
        auto r = ClickHouseResult::parse(body);
        QVERIFY(r.has_value());
        QCOMPARE(r->value(0, u"n"_s).toLongLong(), n);
    }

    void exceptionBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("errorCode");
        QTest::newRow("18.16")
            << "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist., e.what() = DB::Exception\n"_ba
            << 60 << QString() << u"Table default.x doesn't exist."_s << int(Error::Code::NotFound);
        QTest::newRow("modern")
            << "Code: 60. DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE) (version 23.8.1.1 (official build))\n"_ba
            << 60 << u"UNKNOWN_TABLE"_s << u"Table default.x does not exist."_s
            << int(Error::Code::NotFound);
        QTest::newRow("password")
            << "Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception"_ba
            << 193 << QString() << u"Wrong password for user default"_s
            << int(Error::Code::Unauthorized);
        QTest::newRow("timeout")
            << "Code: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 1.004 seconds, maximum: 1, e.what() = DB::Exception"_ba
            << 159 << QString() << u"Timeout exceeded: elapsed 1.004 seconds, maximum: 1"_s
            << int(Error::Code::Timeout);
        QTest::newRow("after rows in a 200")
            << "{\"meta\":[{\"name\":\"n\",\"type\":\"UInt8\"}],\"data\":[{\"n\":1},\nCode: 395, e.displayText() = DB::Exception: Value passed to 'throwIf' function is non zero, e.what() = DB::Exception\n"_ba
            << 395 << QString() << u"Value passed to 'throwIf' function is non zero"_s
            << int(Error::Code::Server);
    }
    void exceptionBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, name);
        QFETCH(QString, message);
        QFETCH(int, errorCode);
        const auto e = ClickHouseException::find(body);
        QVERIFY(e.has_value());
        QCOMPARE(e->code, code);
        QCOMPARE(e->name, name);
        QCOMPARE(e->message, message);
        QCOMPARE(int(e->toError().code), errorCode);
        if (!body.startsWith("Code")) {
            auto parsed = ClickHouseResult::parse(body);
            QVERIFY(!parsed.has_value());
            QCOMPARE(int(parsed.error().code), errorCode);
        }
    }

    void realErrors()
    {
        auto missing =
            m_connector->query({u"SELECT * FROM no_such_table FORMAT JSON"_s, {}}, limits());
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, Error::Code::NotFound);
        QVERIFY2(missing.error().message.contains(u"no_such_table"_s),
                 qPrintable(missing.error().message));
        auto syntax = m_connector->query({u"SELEC 1 FORMAT JSON"_s, {}}, limits());
        QVERIFY(!syntax.has_value());
        QCOMPARE(syntax.error().code, Error::Code::InvalidInput);
        auto write = m_connector->query(
            {u"INSERT INTO gateway_requests (org_id) VALUES ('x')"_s, {}}, limits());
        QVERIFY(!write.has_value()); // readonly=1
        auto bad = connector({}, u"wrong-password"_s);
        const ConnectionCheck check = bad->testConnection(limits());
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains(u"password"_s), qPrintable(check.message));
        QVERIFY(!check.message.contains(u"wrong-password"_s));
    }

    // Queries carry the server-side bounds: a result over max_result_rows fails with
    // ClickHouse's own error (result_overflow_mode=throw) instead of arriving cut short.
    void queryBoundsFromProfile()
    {
        auto small = connector({{u"max_result_rows"_s, 5}, {u"max_memory_usage"_s, 200000000}});
        auto over = small->query(
            {u"SELECT number FROM system.numbers LIMIT 1000 FORMAT JSON"_s, {}}, limits());
        QVERIFY(!over.has_value());
        QVERIFY2(over.error().message.contains(u"result rows"_s, Qt::CaseInsensitive) ||
                     over.error().message.contains(u"Limit for result"_s),
                 qPrintable(over.error().message));
        auto within = small->query({u"SELECT number FROM system.numbers LIMIT 3 FORMAT JSON"_s, {}},
                                   limits());
        QVERIFY2(within.has_value(), qPrintable(within ? QString() : within.error().message));
        // The defaults let a normal query through and stop a runaway one.
        auto defaults = m_connector->query(
            {u"SELECT number FROM system.numbers LIMIT 600000 FORMAT JSON"_s, {}}, limits());
        QVERIFY(!defaults.has_value());
    }

    void testConnection()
    {
        const ConnectionCheck check = m_connector->testConnection(limits());
        QVERIFY2(check.ok, qPrintable(check.message));
        QVERIFY2(check.message.contains(u"18.16"_s) || check.message.contains(u"Connected"_s),
                 qPrintable(check.message));
        auto version = m_connector->serverVersion(limits());
        QVERIFY(version.has_value());
        QCOMPARE(ClickHouseConnector::versionSupportsParameters(*version),
                 version->startsWith(u"2"_s));
        QVERIFY(!ClickHouseConnector::versionSupportsParameters(u"18.16.1"_s));
        QVERIFY(ClickHouseConnector::versionSupportsParameters(u"19.11.3.11"_s));
        QVERIFY(ClickHouseConnector::versionSupportsParameters(u"24.8.1"_s));
    }

    // The connection check says when a table's sort key makes one organisation's queries read
    // other organisations' rows, and names the key that would not.
    void layoutAdvice()
    {
        const ConnectionCheck good = m_connector->testConnection(limits());
        QVERIFY2(good.ok, qPrintable(good.message));
        QVERIFY2(!good.message.contains(u"sorted by"_s), qPrintable(good.message));

        exec(u"CREATE TABLE casefile_test.requests_by_time AS casefile_test.gateway_requests "
             u"ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (ts, org_id)"_s);
        auto byTime = connector(
            {{u"mapping"_s, QJsonObject{{u"gateway_requests"_s, u"requests_by_time"_s}}}});
        const ConnectionCheck check = byTime->testConnection(limits());
        QVERIFY2(check.ok, qPrintable(check.message));
        QVERIFY2(check.message.contains(u"Table requests_by_time is sorted by (ts, org_id)"_s),
                 qPrintable(check.message));
        QVERIFY2(check.message.contains(u"ORDER BY (org_id, ts)"_s), qPrintable(check.message));
        // The webhook table keeps the canonical layout: one note only.
        QCOMPARE(check.message.count(u"sorted by"_s), 1);
    }

    void parametersMode()
    {
        SqlBuilder b(true);
        QCOMPARE(b.string(u"a'b\tc"_s), u"{p1:String}"_s);
        QCOMPARE(b.parameters().value(0).second, u"a\\'b\\tc"_s);
    }

    void killOnCancel()
    {
        WorkLimits l = limits(60s);
        QTimer::singleShot(700ms, this, [l] { l.cancel.cancel(); });
        QString id;
        auto r = m_connector->query(
            {u"SELECT count() FROM system.numbers WHERE NOT ignore(sipHash64(number)) FORMAT JSON"_s,
             {}},
            l, &id);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::Cancelled);
        QVERIFY(!id.isEmpty());
        const QString check = u"SELECT count() AS n FROM system.processes WHERE query_id = "_s +
                              ClickHouseSql::quote(id) + u" FORMAT JSON"_s;
        QTRY_COMPARE_WITH_TIMEOUT(
            m_connector->query({check, {}}, limits())->value(0, u"n"_s).toLongLong(), 0, 10000);
    }

    void killOnDeadline()
    {
        QString id;
        auto r = m_connector->query(
            {u"SELECT count() FROM system.numbers WHERE NOT ignore(sipHash64(number)) FORMAT JSON"_s,
             {}},
            limits(1500ms), &id);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::Timeout);
        const QString check = u"SELECT count() AS n FROM system.processes WHERE query_id = "_s +
                              ClickHouseSql::quote(id) + u" FORMAT JSON"_s;
        QTRY_COMPARE_WITH_TIMEOUT(
            m_connector->query({check, {}}, limits())->value(0, u"n"_s).toLongLong(), 0, 10000);
    }

    void trafficOverview()
    {
        auto r = run(u"traffic_overview"_s, window());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->evidence.size(), 1);
        const Evidence &e = r->evidence.first();
        QCOMPARE(e.kind, EvidenceKind::Table);
        QVERIFY(e.source.startsWith(u"clickhouse:query:"_s));
        QCOMPARE(e.data.value(u"rows"_s).toArray().size(), 4);
        QCOMPARE(sumColumn(e.data, u"n"_s), 120);
        QCOMPARE(sumColumn(e.data, u"errors"_s), 12);
        QCOMPARE(r->outputs.value(u"requests"_s).toInteger(), 120);
        QCOMPARE(r->outputs.value(u"config_ids"_s).toArray(), QJsonArray{u"pc-acme-prod"_s});
        QCOMPARE(r->outputs.value(u"providers"_s).toArray().size(), 2);
        QCOMPARE(r->outputs.value(u"sdks"_s).toArray().size(), 2);
        // Optional filters narrow the query.
        QJsonObject args = window();
        args.insert(u"provider"_s, u"anthropic"_s);
        auto narrowed = run(u"traffic_overview"_s, args);
        QVERIFY(narrowed.has_value());
        QCOMPARE(narrowed->outputs.value(u"requests"_s).toInteger(), 60);
        // All orgs.
        auto all = run(u"traffic_overview"_s, window(QString()));
        QVERIFY(all.has_value());
        QCOMPARE(all->outputs.value(u"requests"_s).toInteger(), 151);
    }

    void latencySeries()
    {
        QJsonObject args = window();
        args.insert(u"bucket_s"_s, 60);
        auto r = run(u"latency_series"_s, args);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const QJsonObject data = r->evidence.first().data;
        QCOMPARE(r->evidence.first().kind, EvidenceKind::TimeSeries);
        QCOMPARE(data.value(u"bucket_s"_s).toInt(), 60);
        QCOMPARE(data.value(u"columns"_s).toArray().size(), 6);
        const QJsonArray series = data.value(u"series"_s).toArray();
        QCOMPARE(series.size(), 1);
        QCOMPARE(series.at(0).toObject().value(u"labels"_s).toObject(), QJsonObject());
        const QJsonArray points = series.at(0).toObject().value(u"points"_s).toArray();
        QCOMPARE(points.size(), 60);
        const QJsonArray first = points.at(0).toArray();
        QCOMPARE(first.at(0).toString(), u"2026-11-20T09:00:00Z"_s);
        QCOMPARE(first.at(1).toInt(), 2);
        QVERIFY(first.at(3).toDouble() >= 100 && first.at(3).toDouble() <= 101);
        QCOMPARE(r->outputs.value(u"bucket_s"_s).toInt(), 60);

        args.insert(u"group_by"_s, u"provider"_s);
        args.insert(u"component"_s, u"gateway"_s);
        auto grouped = run(u"latency_series"_s, args);
        QVERIFY2(grouped.has_value(), qPrintable(grouped ? QString() : grouped.error().message));
        const QJsonArray groupedSeries =
            grouped->evidence.first().data.value(u"series"_s).toArray();
        QCOMPARE(groupedSeries.size(), 2);
        QCOMPARE(groupedSeries.at(0)
                     .toObject()
                     .value(u"labels"_s)
                     .toObject()
                     .value(u"provider"_s)
                     .toString(),
                 u"anthropic"_s);
        QCOMPARE(groupedSeries.at(0)
                     .toObject()
                     .value(u"points"_s)
                     .toArray()
                     .at(0)
                     .toArray()
                     .at(3)
                     .toInt(),
                 20);

        // A bucket that would give too many points is enlarged.
        QJsonObject wide{{u"from"_s, u"2026-10-01T00:00:00Z"_s},
                         {u"to"_s, u"2026-11-21T00:00:00Z"_s},
                         {u"bucket_s"_s, 10}};
        auto enlarged = run(u"latency_series"_s, wide);
        QVERIFY(enlarged.has_value());
        QVERIFY(51 * 86400 / enlarged->outputs.value(u"bucket_s"_s).toInt() <= 1500);

        args.insert(u"group_by"_s, u"nonsense'"_s);
        auto bad = run(u"latency_series"_s, args);
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().code, Error::Code::InvalidInput);
    }

    // Time to first token is an optional field of the log schema: a table without it answers
    // an empty series marked absent (the step does not fail); mapped to a column, the streamed
    // requests (ttft_ms > 0) make the series.
    void firstTokenIsOptional()
    {
        QJsonObject args = window();
        args.insert(u"bucket_s"_s, 60);
        args.insert(u"component"_s, u"first_token"_s);
        auto absent = run(u"latency_series"_s, args);
        QVERIFY2(absent.has_value(), qPrintable(absent ? QString() : absent.error().message));
        const QJsonObject none = absent->evidence.first().data;
        QCOMPARE(none.value(u"absent"_s).toBool(), true);
        QCOMPARE(none.value(u"component"_s).toString(), u"first_token"_s);
        QVERIFY(none.value(u"series"_s).toArray().isEmpty());

        // mapped to a column of the table: every request "streamed"
        auto c = connector({{u"mapping"_s, QJsonObject{{u"ttft_ms"_s, u"provider_latency_ms"_s}}}});
        OperationCall call;
        call.operation = u"latency_series"_s;
        call.args = args;
        call.limits = limits();
        auto mapped = c->run(call);
        QVERIFY2(mapped.has_value(), qPrintable(mapped ? QString() : mapped.error().message));
        const QJsonObject data = mapped->evidence.first().data;
        QVERIFY(!data.value(u"absent"_s).toBool());
        const QJsonArray points =
            data.value(u"series"_s).toArray().at(0).toObject().value(u"points"_s).toArray();
        QVERIFY(!points.isEmpty());
        // two requests in the first minute, 80 and 81 ms of provider time
        QCOMPARE(points.at(0).toArray().at(1).toInt(), 2);
        const double p50 = points.at(0).toArray().at(3).toDouble();
        QVERIFY2(p50 >= 80 && p50 <= 81, qPrintable(QString::number(p50)));
    }

    void errorBreakdownAndSeries()
    {
        auto r = run(u"error_breakdown"_s, window());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const QJsonObject data = r->evidence.first().data;
        const QJsonArray rows = data.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toArray().at(0).toString(), u"openai"_s);
        QCOMPARE(rows.at(0).toArray().at(2).toInt(), 503);
        QCOMPARE(rows.at(0).toArray().at(3).toString(), u"provider_overloaded"_s);
        QCOMPARE(rows.at(0).toArray().at(4).toInt(), 12);
        QCOMPARE(rows.at(0).toArray().at(5).toString(), u"2026-11-20T09:00:00Z"_s);
        QCOMPARE(data.value(u"total_requests"_s).toInt(), 120);
        QCOMPARE(r->outputs.value(u"error_requests"_s).toInt(), 12);

        QJsonObject args = window();
        args.insert(u"bucket_s"_s, 600);
        auto series = run(u"error_series"_s, args);
        QVERIFY2(series.has_value(), qPrintable(series ? QString() : series.error().message));
        qint64 errors = 0;
        for (const QJsonValue &p : series->evidence.first()
                                       .data.value(u"series"_s)
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(u"points"_s)
                                       .toArray())
            errors += p.toArray().at(2).toInteger();
        QCOMPARE(errors, 12);
    }

    // A series of one organisation in buckets wider than a minute carries the same series in
    // one-minute buckets beside it (outputs.minutes, sent with it: one round trip), on which the
    // onset of a change is read to the minute; a series in one-minute buckets, or over every
    // organisation, carries none.
    void seriesCarryTheirMinutes_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("bucket");
        QTest::addColumn<QString>("org");
        QTest::addColumn<bool>("minutes");
        QTest::newRow("errors in ten minutes") << u"error_series"_s << 600 << u"org_acme"_s << true;
        QTest::newRow("latency in ten minutes")
            << u"latency_series"_s << 600 << u"org_acme"_s << true;
        QTest::newRow("errors in minutes") << u"error_series"_s << 60 << u"org_acme"_s << false;
        QTest::newRow("every organisation") << u"error_series"_s << 600 << QString() << false;
    }

    void seriesCarryTheirMinutes()
    {
        QFETCH(QString, operation);
        QFETCH(int, bucket);
        QFETCH(QString, org);
        QFETCH(bool, minutes);
        QJsonObject args = window(org);
        if (org.isEmpty())
            args.remove(u"org"_s);
        args.insert(u"bucket_s"_s, bucket);
        args.insert(u"group_by"_s, u"provider"_s);
        const auto r = run(operation, args);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const QJsonObject data = r->evidence.first().data;
        QCOMPARE(data.value(u"bucket_s"_s).toInt(), bucket);
        QCOMPARE(r->outputs.contains(u"minutes"_s), minutes);
        // the query sent beside is in the evidence's SQL, for a person to read
        QCOMPARE(r->evidence.first().query.contains(u"intDiv(toUInt32(ts), 60) * 60"_s), minutes);
        if (!minutes)
            return;
        const QJsonObject fine = r->outputs.value(u"minutes"_s).toObject();
        QCOMPARE(fine.value(u"bucket_s"_s).toInt(), 60);
        QCOMPARE(fine.value(u"columns"_s), data.value(u"columns"_s));
        // the same requests and failures per provider, a minute apart
        const QJsonArray coarse = data.value(u"series"_s).toArray();
        const QJsonArray series = fine.value(u"series"_s).toArray();
        QCOMPARE(series.size(), coarse.size());
        for (qsizetype i = 0; i < series.size(); ++i) {
            const QJsonObject a = coarse.at(i).toObject();
            const QJsonObject b = series.at(i).toObject();
            QCOMPARE(b.value(u"labels"_s), a.value(u"labels"_s));
            const auto total = [](const QJsonObject &s, int column) {
                qint64 sum = 0;
                for (const QJsonValue &p : s.value(u"points"_s).toArray())
                    sum += p.toArray().at(column).toInteger();
                return sum;
            };
            QCOMPARE(total(b, 1), total(a, 1));
            QCOMPARE(total(b, 2), total(a, 2));
            const QJsonArray points = b.value(u"points"_s).toArray();
            QVERIFY(points.size() > a.value(u"points"_s).toArray().size());
            for (const QJsonValue &p : points) {
                const QDateTime t =
                    QDateTime::fromString(p.toArray().at(0).toString(), Qt::ISODate);
                QVERIFY(t.isValid());
                QCOMPARE(t.time().second(), 0);
            }
        }
    }

    void fallbackTokensMetadata()
    {
        auto f = run(u"fallback_stats"_s, window());
        QVERIFY2(f.has_value(), qPrintable(f ? QString() : f.error().message));
        QCOMPARE(sumColumn(f->evidence.first().data, u"n"_s), 120);
        QCOMPARE(f->evidence.first().data.value(u"columns"_s).toArray().size(), 12);

        auto t = run(u"token_usage"_s, window());
        QVERIFY2(t.has_value(), qPrintable(t ? QString() : t.error().message));
        const QJsonArray rows = t->evidence.first().data.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toArray().at(0).toString(), u"2026-11-20"_s);
        QCOMPARE(t->outputs.value(u"prompt_tokens"_s).toInteger(), 12000);
        QCOMPARE(t->outputs.value(u"completion_tokens"_s).toInteger(), 6000);
        QCOMPARE(t->outputs.value(u"cached_tokens"_s).toInteger(), 1200);
        QVERIFY(!t->evidence.first().data.contains(u"group_by"_s));
        // the same day split by provider: the parts add up to the whole, each names its own
        QJsonObject byProvider = window();
        byProvider.insert(u"group_by"_s, u"provider"_s);
        auto grouped = run(u"token_usage"_s, byProvider);
        QVERIFY2(grouped.has_value(), qPrintable(grouped ? QString() : grouped.error().message));
        QCOMPARE(grouped->evidence.first().data.value(u"group_by"_s).toString(), u"provider"_s);
        QCOMPARE(sumColumn(grouped->evidence.first().data, u"prompt_tokens"_s), 12000);
        for (const QJsonValue &row : grouped->evidence.first().data.value(u"rows"_s).toArray())
            QVERIFY(!row.toArray().at(6).toString().isEmpty());
        // each row's first and last request
        QCOMPARE(rows.at(0).toArray().at(7).toString(), u"2026-11-20T09:00:00Z"_s);
        QCOMPARE(rows.at(0).toArray().at(8).toString(), u"2026-11-20T09:59:30Z"_s);
        byProvider.insert(u"group_by"_s, u"org_id; DROP"_s);
        auto badGroup = run(u"token_usage"_s, byProvider);
        QVERIFY(!badGroup.has_value());
        QCOMPARE(badGroup.error().code, Error::Code::InvalidInput);

        auto m = run(u"metadata_by_sdk"_s, window());
        QVERIFY2(m.has_value(), qPrintable(m ? QString() : m.error().message));
        QCOMPARE(sumColumn(m->evidence.first().data, u"with_metadata"_s), 40);
        QCOMPARE(m->evidence.first().data.value(u"rows"_s).toArray().size(), 2);

        // the same requests per route, config, SDK and bucket
        auto g = run(u"metadata_by_group"_s, window());
        QVERIFY2(g.has_value(), qPrintable(g ? QString() : g.error().message));
        QCOMPARE(sumColumn(g->evidence.first().data, u"with_metadata"_s), 40);
        QCOMPARE(sumColumn(g->evidence.first().data, u"n"_s),
                 sumColumn(m->evidence.first().data, u"n"_s));

        // the same requests by metadata key: every third carries `a`, the others `{}`
        auto k = run(u"metadata_keys"_s, window());
        QVERIFY2(k.has_value(), qPrintable(k ? QString() : k.error().message));
        const QJsonArray keys = k->evidence.first().data.value(u"rows"_s).toArray();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.at(0).toArray().at(0).toString(), u"a"_s);
        QCOMPARE(keys.at(0).toArray().at(1).toInt(), 40);
        QCOMPARE(keys.at(0).toArray().at(2).toString(), u"2026-11-20T09:00:00Z"_s);
        QCOMPARE(keys.at(0).toArray().at(3).toString(), u"2026-11-20T09:58:30Z"_s);
        QCOMPARE(k->outputs.value(u"keys"_s).toArray(), QJsonArray{u"a"_s});
    }

    void orgComparison()
    {
        QJsonObject args = window();
        args.remove(u"org"_s);
        args.insert(u"provider"_s, u"openai"_s);
        auto r = run(u"org_comparison"_s, args);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const QJsonArray rows = r->evidence.first().data.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toArray().at(0).toString(), u"org_acme"_s);
        QCOMPARE(rows.at(0).toArray().at(1).toInt(), 60);
        QCOMPARE(rows.at(1).toArray().at(1).toInt(), 30);
    }

    void orgComparisonKeepsTheTicketsOrg()
    {
        // org_beta sends fewer requests than org_acme; named as the ticket's org it comes first,
        // so the busiest-200 cut can never drop it.
        QJsonObject args = window();
        args.insert(u"org"_s, u"org_beta"_s);
        auto r = run(u"org_comparison"_s, args);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const QJsonArray rows = r->evidence.first().data.value(u"rows"_s).toArray();
        QVERIFY(rows.size() >= 2);
        QCOMPARE(rows.at(0).toArray().at(0).toString(), u"org_beta"_s);
        QVERIFY(rows.at(0).toArray().at(1).toInt() < rows.at(1).toArray().at(1).toInt());
    }

    // A day of 5-minute buckets for 220 organisations is more rows than a series answer holds:
    // the buckets widen so that every organisation is in it, whole, the ticket's first; the
    // evidence says they were widened and that nothing was cut off.
    void everyOrgFitsTheSeries()
    {
        exec(u"CREATE TABLE casefile_test.many_orgs AS casefile_test.gateway_requests"_s);
        exec(uR"(INSERT INTO casefile_test.many_orgs (ts, org_id, status, latency_ms) SELECT
            toDateTime('2026-11-21 00:00:00') + intDiv(number, 220) * 300, concat('org_', toString(number % 220)),
            if(number % 7 = 0, 500, 200), 100 FROM system.numbers LIMIT 63360)"_s);
        auto wide = connector(
            {{u"mapping"_s, QJsonObject{{u"gateway_requests"_s, u"casefile_test.many_orgs"_s}}}});
        OperationCall call;
        call.operation = u"error_series"_s;
        call.args = {{u"from"_s, u"2026-11-21T00:00:00Z"_s},
                     {u"to"_s, u"2026-11-22T00:00:00Z"_s},
                     {u"group_by"_s, u"org"_s},
                     {u"keep_org"_s, u"org_123"_s},
                     {u"bucket_s"_s, 300}};
        call.limits = limits();
        auto r = wide->run(call);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const Evidence &e = r->evidence.first();
        const QJsonArray series = e.data.value(u"series"_s).toArray();
        QCOMPARE(series.size(), 220);
        QCOMPARE(e.data.value(u"labels"_s).toInteger(), 220);
        QCOMPARE(e.data.value(u"truncated"_s).toBool(), false);
        QCOMPARE(e.data.value(u"bucket_s"_s).toInt(), 600);
        QCOMPARE(e.data.value(u"bucket_requested_s"_s).toInt(), 300);
        QVERIFY2(
            e.title.contains(u"600-second buckets instead of 300 so that all 220 organisations"_s),
            qPrintable(e.title));
        QCOMPARE(series.at(0).toObject().value(u"labels"_s).toObject().value(u"org"_s).toString(),
                 u"org_123"_s);
        qint64 requests = 0;
        for (const QJsonValue &one : series) {
            const QJsonArray points = one.toObject().value(u"points"_s).toArray();
            QCOMPARE(points.size(), 144);
            for (const QJsonValue &p : points)
                requests += p.toArray().at(1).toInteger();
        }
        QCOMPARE(requests, 63360);

        // An hour of them fits: the requested buckets stay.
        call.args.insert(u"to"_s, u"2026-11-21T01:00:00Z"_s);
        auto hour = wide->run(call);
        QVERIFY2(hour.has_value(), qPrintable(hour ? QString() : hour.error().message));
        QCOMPARE(hour->evidence.first().data.value(u"bucket_s"_s).toInt(), 300);
        QVERIFY(!hour->evidence.first().data.contains(u"bucket_requested_s"_s));
    }

    // An org with 150 route × config × SDK groups over a day: at 10-minute buckets they are
    // more rows than the answer holds, so the buckets widen and every group comes back whole,
    // with the widening said in the title; an hour of them keeps the requested buckets.
    void everyMetadataGroupFits()
    {
        exec(u"CREATE TABLE casefile_test.many_groups AS casefile_test.gateway_requests"_s);
        exec(uR"(INSERT INTO casefile_test.many_groups (ts, org_id, route, config_id, sdk, metadata,
            status, latency_ms) SELECT toDateTime('2026-11-21 00:00:00') + intDiv(number, 150) * 600,
            'org_acme', concat('/v1/r', toString(number % 150)), 'pc-main', 'portkey-python/1.9.0',
            if(number % 3 = 0, '{}', '{"team":"a"}'), 200, 100 FROM system.numbers LIMIT 21600)"_s);
        auto wide = connector(
            {{u"mapping"_s, QJsonObject{{u"gateway_requests"_s, u"casefile_test.many_groups"_s}}}});
        OperationCall call;
        call.operation = u"metadata_by_group"_s;
        call.args = {{u"org"_s, u"org_acme"_s},
                     {u"from"_s, u"2026-11-21T00:00:00Z"_s},
                     {u"to"_s, u"2026-11-22T00:00:00Z"_s}};
        call.limits = limits();
        auto r = wide->run(call);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const Evidence &e = r->evidence.first();
        QVERIFY2(
            e.title.contains(u"900-second buckets instead of 600 so that all 150 groups fit"_s),
            qPrintable(e.title));
        QVERIFY2(!e.title.contains(u"truncated"_s), qPrintable(e.title));
        QCOMPARE(sumColumn(e.data, u"n"_s), 21600);
        QCOMPARE(sumColumn(e.data, u"with_metadata"_s), 14400);
        QSet<QString> routes;
        for (const QJsonValue &row : e.data.value(u"rows"_s).toArray())
            routes.insert(row.toArray().at(0).toString());
        QCOMPARE(routes.size(), 150);

        call.args.insert(u"to"_s, u"2026-11-21T01:00:00Z"_s);
        auto hour = wide->run(call);
        QVERIFY2(hour.has_value(), qPrintable(hour ? QString() : hour.error().message));
        QVERIFY2(!hour->evidence.first().title.contains(u"buckets instead of"_s),
                 qPrintable(hour->evidence.first().title));
        QCOMPARE(sumColumn(hour->evidence.first().data, u"n"_s), 900);
    }

    void webhooks()
    {
        auto r = run(u"webhook_breakdown"_s, window());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->outputs.value(u"endpoints"_s).toArray(),
                 QJsonArray{u"https://acme.example/hooks"_s});
        QCOMPARE(sumColumn(r->evidence.first().data, u"n"_s), 17);
        // what the failed deliveries met, for a docs search: a redirect is one (not followed)
        QCOMPARE(r->outputs.value(u"failures"_s).toArray(), (QJsonArray{u"timeout"_s, u"308"_s}));
        QJsonObject args = window();
        args.insert(u"bucket_s"_s, 300);
        auto s = run(u"webhook_series"_s, args);
        QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
        const QJsonArray series = s->evidence.first().data.value(u"series"_s).toArray();
        QCOMPARE(series.size(), 1);
        QCOMPARE(
            series.at(0).toObject().value(u"labels"_s).toObject().value(u"endpoint"_s).toString(),
            u"https://acme.example/hooks"_s);
        qint64 errors = 0;
        for (const QJsonValue &p : series.at(0).toObject().value(u"points"_s).toArray())
            errors += p.toArray().at(2).toInteger();
        QCOMPARE(errors, 7); // 5 timeouts and 2 redirects
    }

    void mappingIsUsed()
    {
        // latency_ms mapped to provider_latency_ms: p50 of the first minute drops by 20 ms.
        auto mapped = connector(
            {{u"mapping"_s,
              QJsonObject{{u"latency_ms"_s, u"provider_latency_ms"_s},
                          {u"gateway_requests"_s, u"casefile_test.gateway_requests"_s}}}});
        OperationCall call;
        call.operation = u"latency_series"_s;
        call.args = window();
        call.args.insert(u"bucket_s"_s, 60);
        call.limits = limits();
        auto r = mapped->run(call);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const QJsonArray first = r->evidence.first()
                                     .data.value(u"series"_s)
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(u"points"_s)
                                     .toArray()
                                     .at(0)
                                     .toArray();
        QVERIFY(first.at(3).toDouble() >= 80 && first.at(3).toDouble() <= 81);
    }

    // Once the table's layout is known (read beside the first step), the conditions on stored
    // columns go to PREWHERE; the answer stays the same.
    void prewhereOnceTheLayoutIsKnown()
    {
        auto fresh = connector();
        QVERIFY(!fresh->knownLayout(u"gateway_requests"_s).has_value());
        OperationCall call;
        call.operation = u"error_breakdown"_s;
        call.args = window();
        call.limits = limits();
        auto first = fresh->run(call);
        QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().message));
        QVERIFY2(!first->evidence.first().query.contains(u"PREWHERE"_s),
                 qPrintable(first->evidence.first().query));
        const auto layout = fresh->knownLayout(u"gateway_requests"_s);
        QVERIFY(layout.has_value());
        QVERIFY(layout->known);
        QCOMPARE(layout->sortingKey, u"org_id, ts"_s);
        QCOMPARE(layout->partitionKey, u"toDate(ts)"_s);
        QCOMPARE(layout->columns.value(u"ts"_s), u"DateTime"_s);
        call.limits = limits();
        auto second = fresh->run(call);
        QVERIFY2(second.has_value(), qPrintable(second ? QString() : second.error().message));
        const QString sql = second->evidence.first().query;
        QVERIFY2(sql.contains(u" PREWHERE org_id = 'org_acme' AND ts >= toDateTime(1795165200) AND "
                              u"ts < toDateTime(1795168800) WHERE status >= 400 GROUP BY"_s),
                 qPrintable(sql));
        QVERIFY(!second->evidence.first().data.contains(u"layout"_s));
        QCOMPARE(second->evidence.first().data, first->evidence.first().data);
        QCOMPARE(second->outputs, first->outputs);
    }

    // A table sorted by time first answers the same, and each step for one organisation says
    // in its evidence that it read more than that organisation's rows.
    void otherSortKeyIsSaidInTheEvidence()
    {
        exec(u"CREATE TABLE casefile_test.requests_time_first AS casefile_test.gateway_requests "
             u"ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (ts, org_id)"_s);
        exec(u"INSERT INTO casefile_test.requests_time_first SELECT * FROM "
             u"casefile_test.gateway_requests"_s);
        auto byTime = connector(
            {{u"mapping"_s, QJsonObject{{u"gateway_requests"_s, u"requests_time_first"_s}}}});
        OperationCall call;
        call.operation = u"traffic_overview"_s;
        call.args = window();
        call.limits = limits();
        QVERIFY(byTime->run(call).has_value()); // reads the layout beside it
        call.limits = limits();
        auto r = byTime->run(call);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        const Evidence &e = r->evidence.first();
        QVERIFY2(e.data.value(u"layout"_s)
                     .toString()
                     .contains(u"Table requests_time_first is sorted by (ts, org_id)"_s),
                 qPrintable(e.data.value(u"layout"_s).toString()));
        QVERIFY2(e.query.startsWith(u"-- Table requests_time_first is sorted by (ts, org_id)"_s),
                 qPrintable(e.query));
        QVERIFY(e.query.contains(u"PREWHERE org_id = 'org_acme'"_s));
        auto canonical = run(u"traffic_overview"_s, window());
        QVERIFY(canonical.has_value());
        QCOMPARE(e.data.value(u"rows"_s), canonical->evidence.first().data.value(u"rows"_s));
        // Over every organisation the sort key costs nothing more: no note.
        QJsonObject all = window();
        all.insert(u"org"_s, QString());
        call.args = all;
        call.limits = limits();
        auto allOrgs = byTime->run(call);
        QVERIFY(allOrgs.has_value());
        QVERIFY(!allOrgs->evidence.first().data.contains(u"layout"_s));
    }

    // Partitioned by a Date column other than ts: the query bounds it too (so the server skips
    // the partitions outside the window) and answers the same.
    void datePartitionColumnIsBounded()
    {
        exec(u"CREATE TABLE casefile_test.requests_by_date (event_date Date DEFAULT toDate(ts), "
             u"ts DateTime, org_id String, route String, provider String, model String, "
             u"config_id String, sdk String, status UInt16, latency_ms UInt32) ENGINE = MergeTree "
             u"PARTITION BY toYYYYMM(event_date) ORDER BY (org_id, event_date, ts)"_s);
        exec(u"INSERT INTO casefile_test.requests_by_date (ts, org_id, route, provider, model, "
             u"config_id, sdk, status, latency_ms) SELECT ts, org_id, route, provider, model, "
             u"config_id, sdk, status, latency_ms FROM casefile_test.gateway_requests"_s);
        auto byDate = connector(
            {{u"mapping"_s, QJsonObject{{u"gateway_requests"_s, u"requests_by_date"_s}}}});
        OperationCall call;
        call.operation = u"traffic_overview"_s;
        call.args = window();
        call.limits = limits();
        QVERIFY(byDate->run(call).has_value());
        call.limits = limits();
        auto r = byDate->run(call);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QVERIFY2(r->evidence.first().query.contains(
                     u"event_date >= subtractDays(toDate(toDateTime(1795165200)), 1) AND "
                     u"event_date <= addDays(toDate(toDateTime(1795168799)), 1)"_s),
                 qPrintable(r->evidence.first().query));
        QCOMPARE(r->outputs.value(u"requests"_s).toInteger(), 120);
        auto canonical = run(u"traffic_overview"_s, window());
        QVERIFY(canonical.has_value());
        QCOMPARE(r->evidence.first().data.value(u"rows"_s),
                 canonical->evidence.first().data.value(u"rows"_s));
    }

    // With a sampling key the org comparison reads a sample of the window, estimates the
    // counts and says so; the ticket's org is still counted exactly. Without one, or with
    // sampling turned off, no SAMPLE clause (the server would reject it) and exact counts.
    void orgComparisonSamplesWhenTheTableCan()
    {
        exec(u"CREATE TABLE casefile_test.requests_sampled AS casefile_test.gateway_requests "
             u"ENGINE = MergeTree PARTITION BY toDate(ts) "
             u"ORDER BY (org_id, ts, cityHash64(request_id)) SAMPLE BY cityHash64(request_id)"_s);
        exec(u"INSERT INTO casefile_test.requests_sampled SELECT * FROM "
             u"casefile_test.gateway_requests"_s);
        // A busy org: ClickHouse samples a window of this size (not one of 151 rows).
        exec(u"INSERT INTO casefile_test.requests_sampled (ts, request_id, org_id, status, "
             u"latency_ms) SELECT toDateTime('2026-11-20 09:00:00') + number % 3600, "
             u"toString(number + 1000), 'org_gamma', if(number % 4 = 0, 500, 200), 100 "
             u"FROM numbers(100000)"_s);
        const QJsonObject mapping{{u"gateway_requests"_s, u"requests_sampled"_s}};
        QJsonObject args = window(u"org_beta"_s);
        const auto twice = [&args](ClickHouseConnector &c) {
            OperationCall call;
            call.operation = u"org_comparison"_s;
            call.args = args;
            call.limits = limits();
            (void)c.run(call); // reads the layout beside it
            call.limits = limits();
            return c.run(call);
        };
        // 100,151 rows in the window: a sample of about 5,000.
        auto sampledConnector = connector({{u"mapping"_s, mapping}, {u"sample_rows"_s, 5000}});
        auto sampled = twice(*sampledConnector);
        QVERIFY2(sampled.has_value(), qPrintable(sampled ? QString() : sampled.error().message));
        const Evidence &e = sampled->evidence.first();
        QVERIFY2(e.query.contains(u"FROM requests_sampled SAMPLE 5000 PREWHERE"_s),
                 qPrintable(e.query));
        QVERIFY2(e.title.contains(u"% sample, estimated counts"_s), qPrintable(e.title));
        QVERIFY2(
            e.data.value(u"approximate"_s).toString().contains(u"org_beta is counted exactly"_s),
            qPrintable(e.data.value(u"approximate"_s).toString()));
        QVERIFY(e.data.value(u"sampled"_s).toDouble() > 0 &&
                e.data.value(u"sampled"_s).toDouble() < 1);
        const QJsonArray rows = e.data.value(u"rows"_s).toArray();
        QCOMPARE(rows.at(0).toArray().at(0).toString(), u"org_beta"_s);
        QCOMPARE(rows.at(0).toArray().at(1).toInt(), 30); // exact
        QCOMPARE(rows.at(0).toArray().at(2).toInt(), 0);
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY(rows.at(i).toArray().at(0).toString() != u"org_beta"_s);
        // The busy org's counts are estimates of 100,000 requests, a quarter of them errors.
        const QJsonArray gamma = rows.at(1).toArray();
        QCOMPARE(gamma.at(0).toString(), u"org_gamma"_s);
        QVERIFY2(gamma.at(1).toInt() > 80000 && gamma.at(1).toInt() < 120000,
                 qPrintable(QString::number(gamma.at(1).toInt())));
        QVERIFY2(gamma.at(2).toInt() > 20000 && gamma.at(2).toInt() < 30000,
                 qPrintable(QString::number(gamma.at(2).toInt())));

        auto offConnector = connector({{u"mapping"_s, mapping}, {u"sample_rows"_s, 0}});
        auto exact = twice(*offConnector);
        QVERIFY2(exact.has_value(), qPrintable(exact ? QString() : exact.error().message));
        QVERIFY(!exact->evidence.first().query.contains(u"SAMPLE"_s));
        QVERIFY(exact->evidence.first()
                    .data.value(u"approximate"_s)
                    .toString()
                    .contains(u"n and errors are exact"_s));
        const QJsonArray exactRows = exact->evidence.first().data.value(u"rows"_s).toArray();
        QCOMPARE(exactRows.at(0).toArray().at(0).toString(), u"org_beta"_s);
        QCOMPARE(exactRows.at(1).toArray().at(1).toInt(), 100000);
        QCOMPARE(exactRows.at(1).toArray().at(2).toInt(), 25000);
        QCOMPARE(exactRows.at(2).toArray().at(1).toInt(), 120);

        auto noKey = twice(*m_connector); // the canonical table has no sampling key
        QVERIFY(noKey.has_value());
        QVERIFY(!noKey->evidence.first().query.contains(u"SAMPLE"_s));
        const QJsonArray noKeyRows = noKey->evidence.first().data.value(u"rows"_s).toArray();
        QCOMPARE(noKeyRows.at(0).toArray().at(0).toString(), u"org_beta"_s);
        QCOMPARE(noKeyRows.at(1).toArray().at(0).toString(), u"org_acme"_s);
        QCOMPARE(noKeyRows.at(1).toArray().at(1).toInt(), 120);
    }

    void argumentErrors()
    {
        auto missing = run(u"traffic_overview"_s, {{u"org"_s, u"org_acme"_s}});
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, Error::Code::InvalidInput);
        QVERIFY(missing.error().message.contains(u"from"_s));
        auto unknown = run(u"drop_everything"_s, window());
        QVERIFY(!unknown.has_value());
        QCOMPARE(unknown.error().code, Error::Code::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestClickHouse)
#include "tst_clickhouse.moc"
