#include "sandbox/clickhousehttp.h"
#include "sandbox/clickhouseloader.h"
#include "sandbox/clickhouseserver.h"
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Sandbox;

// A real ClickHouse: start, create the schema, load the worked scenario, query it back.
class TestClickHouseServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseServer> m_server;
    std::optional<Scenario> m_scenario;
    GeneratedLogs m_logs;

    QByteArray query(const QString &sql)
    {
        ClickHouseLoader loader(m_server->url());
        const auto result = loader.execute(sql);
        if (!result) {
            qWarning() << result.error().message;
            return {};
        }
        return result->trimmed();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (ClickHouseServer::findExecutable().isEmpty())
            QSKIP("clickhouse-server is not installed");
        auto s = loadScenario(qEnvironmentVariable("CASEFILE_DEMO_SCENARIO"));
        QVERIFY(s.has_value());
        m_scenario = *s;
        m_logs = generateLogs(*m_scenario);
        m_server = std::make_unique<ClickHouseServer>();
        const auto started = m_server->start();
        QVERIFY2(started.has_value(),
                 qPrintable(started ? QString()
                                    : started.error().message + u' ' + started.error().detail));
        QVERIFY(m_server->isRunning());
        QVERIFY(m_server->processId() > 0);
        QCOMPARE(m_server->url().host(), u"127.0.0.1"_s);
    }

    void cleanupTestCase() { m_server.reset(); }

    void ping()
    {
        ClickHouseHttp http(m_server->url());
        const auto reply = http.get(u"/ping"_s, 5000);
        QVERIFY(reply.has_value());
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->body.trimmed(), "Ok."_ba);
    }

    void loadAndCount()
    {
        ClickHouseLoader loader(m_server->url());
        const auto loaded = loader.recreateAndLoad(*m_scenario, m_logs);
        QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(query(u"SELECT count() FROM gateway_requests"_s),
                 QByteArray::number(quint64(m_logs.requests.size())));
        QCOMPARE(query(u"SELECT count() FROM webhook_deliveries"_s),
                 QByteArray::number(quint64(m_logs.webhooks.size())));

        quint64 prompt = 0;
        quint64 errors = 0;
        for (const RequestRow &r : m_logs.requests) {
            prompt += r.promptTokens;
            errors += r.status >= 400;
        }
        QCOMPARE(query(u"SELECT sum(prompt_tokens) FROM gateway_requests"_s),
                 QByteArray::number(prompt));
        // Costs survive the text format (shortest round-trip notation).
        double cost = 0;
        for (const RequestRow &r : m_logs.requests)
            cost += r.costUsd;
        const double loadedCost = query(u"SELECT sum(cost_usd) FROM gateway_requests"_s).toDouble();
        QVERIFY2(std::abs(loadedCost - cost) < 1e-6 * cost,
                 qPrintable(QString::number(loadedCost)));
        QCOMPARE(query(u"SELECT countIf(status >= 400) FROM gateway_requests"_s),
                 QByteArray::number(errors));
        QCOMPARE(query(u"SELECT uniqExact(request_id) FROM gateway_requests"_s),
                 QByteArray::number(quint64(m_logs.requests.size())));
        // Times are UTC whatever the server's zone.
        QCOMPARE(query(u"SELECT toString(min(ts), 'UTC') >= '2026-11-19 06:00:00', "
                       u"toString(max(ts), 'UTC') < '2026-11-20 10:05:00' FROM gateway_requests"_s),
                 "1\t1"_ba);
        // Loading again replaces, never appends.
        QVERIFY(loader.recreateAndLoad(*m_scenario, m_logs).has_value());
        QCOMPARE(query(u"SELECT count() FROM gateway_requests"_s),
                 QByteArray::number(quint64(m_logs.requests.size())));
    }

    void schemaMatchesContract()
    {
        const QByteArray columns = query(u"SELECT name, type FROM system.columns WHERE database = "
                                         u"'casefile' AND table = 'gateway_requests' "
                                         u"FORMAT TabSeparated"_s);
        const QList<QByteArray> lines = columns.split('\n');
        // the contract's 22 fields and its optional time to first token
        QCOMPARE(lines.size(), 23);
        QVERIFY(lines.contains("ttft_ms\tUInt32"_ba));
        QVERIFY2(lines.first().startsWith("ts\tDateTime("), lines.first().constData());
        QVERIFY(lines.contains("status\tUInt16"_ba));
        QVERIFY(lines.contains("latency_ms\tUInt32"_ba));
        QVERIFY(lines.contains("attempts\tUInt8"_ba));
        QVERIFY(lines.contains("cost_usd\tFloat64"_ba));
        QVERIFY(lines.contains("metadata\tString"_ba));
        const QByteArray engine =
            query(u"SELECT engine FROM system.tables WHERE database = 'casefile' "
                  u"AND name = 'webhook_deliveries' FORMAT TabSeparated"_s);
        QVERIFY(engine.startsWith("MergeTree"));
    }

    // The worked scenario's anomaly, seen through SQL as a connector would.
    void latencyAnomalyInSql()
    {
        const QByteArray result = query(
            u"SELECT quantileExactIf(0.95)(latency_ms, ts < toDateTime('2026-11-20 09:14:00')), "
            u"quantileExactIf(0.95)(latency_ms, ts >= toDateTime('2026-11-20 09:14:00')) "
            u"FROM gateway_requests WHERE route = '/v1/analytics' FORMAT TabSeparated"_s);
        const QList<QByteArray> parts = result.split('\t');
        QCOMPARE(parts.size(), 2);
        const double ratio = parts.at(1).toDouble() / parts.at(0).toDouble();
        QVERIFY2(ratio > 3.3 && ratio < 3.7, result.constData());
    }

    void escapingRoundTrip()
    {
        const QByteArray nasty = "{\"note\":\"tab\\there\\nnewline \\\\ back'slash \\u00e9\"}";
        QJsonObject root = m_scenario->root;
        QJsonObject traffic = root.value(u"traffic"_s).toObject();
        QJsonArray streams = traffic.value(u"streams"_s).toArray();
        QJsonObject first = streams.at(0).toObject();
        first.insert(u"metadata"_s, QJsonDocument::fromJson(nasty).object());
        first.insert(u"sdk"_s, u"sdk\twith\ttabs\\"_s);
        streams[0] = first;
        traffic.insert(u"streams"_s, streams);
        traffic.insert(u"to"_s, u"2026-11-19T07:00:00Z"_s);
        root.insert(u"traffic"_s, traffic);
        const auto s = parseScenario(QJsonDocument(root).toJson());
        QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
        const GeneratedLogs logs = generateLogs(*s);

        ClickHouseLoader loader(m_server->url(), u"casefile_escaping"_s);
        QVERIFY(loader.recreateAndLoad(*s, logs).has_value());
        const auto body = loader.execute(
            u"SELECT DISTINCT metadata, sdk FROM gateway_requests WHERE org_id = 'org_acme' "
            u"AND route = '/v1/chat/completions' FORMAT JSONEachRow"_s);
        QVERIFY(body.has_value());
        const QJsonObject row = QJsonDocument::fromJson(body->trimmed()).object();
        QCOMPARE(QJsonDocument::fromJson(row.value(u"metadata"_s).toString().toUtf8()).object(),
                 s->streams.at(0).metadataJson.isEmpty()
                     ? QJsonObject()
                     : QJsonDocument::fromJson(s->streams.at(0).metadataJson).object());
        QCOMPARE(row.value(u"sdk"_s).toString(), u"sdk\twith\ttabs\\"_s);
        QVERIFY(loader.execute(u"DROP DATABASE casefile_escaping"_s).has_value());
    }

    void errorsAreOneLine()
    {
        ClickHouseLoader loader(m_server->url());
        const auto result = loader.execute(u"SELECT * FROM no_such_table"_s);
        QVERIFY(!result.has_value());
        QVERIFY2(result.error().message.contains(u"no_such_table"_s),
                 qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(u'\n'));
        ClickHouseLoader badName(m_server->url(), u"drop; table"_s);
        QVERIFY(!badName.recreate().has_value());
    }

    void stopRemovesEverything()
    {
        ClickHouseServer server;
        QVERIFY(server.start().has_value());
        const qint64 pid = server.processId();
        QVERIFY(pid > 0);
        QVERIFY(QFile::exists(u"/proc/%1"_s.arg(pid)));
        const QUrl url = server.url();
        server.stop();
        QVERIFY(!server.isRunning());
        QVERIFY(!QFile::exists(u"/proc/%1"_s.arg(pid)));
        ClickHouseHttp http(url);
        QVERIFY(!http.get(u"/ping"_s, 2000).has_value());
    }

    void unreachableServer()
    {
        ClickHouseLoader loader(QUrl(u"http://127.0.0.1:1/"_s));
        const auto result = loader.recreate();
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Unreachable);
    }
};

QTEST_GUILESS_MAIN(TestClickHouseServer)
#include "tst_clickhouseserver.moc"
