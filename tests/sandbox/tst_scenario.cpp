#include "sandbox/scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Sandbox;

namespace {

QString sharedScenario()
{
    return qEnvironmentVariable("CASEFILE_DEMO_SCENARIO");
}

QJsonObject readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Sets the value at a dotted path ("traffic.streams.2.per_minute"; numbers index arrays);
// an undefined value removes the key.
QJsonValue setAt(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QString head = path.takeFirst();
    bool isIndex = false;
    const int index = head.toInt(&isIndex);
    if (isIndex) {
        QJsonArray array = node.toArray();
        while (array.size() <= index)
            array.append(QJsonValue());
        array[index] = setAt(array.at(index), path, value);
        return array;
    }
    QJsonObject object = node.toObject();
    if (path.isEmpty() && value.isUndefined())
        object.remove(head);
    else
        object[head] = setAt(object.value(head), path, value);
    return object;
}

QByteArray mutated(const QString &path, const QJsonValue &value)
{
    const QJsonObject root = readObject(sharedScenario());
    const QJsonValue changed = setAt(root, path.split(u'.'), value);
    return QJsonDocument(changed.toObject()).toJson();
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFile::exists(sharedScenario()),
                 "CASEFILE_DEMO_SCENARIO must name the demo scenario");
    }

    void sharedScenarioTypedView()
    {
        const auto s = loadScenario(sharedScenario());
        QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
        QCOMPARE(s->name, u"latency-after-deploy"_s);
        QCOMPARE(s->now, QDateTime(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc()));
        QCOMPARE(s->seed, 7u);
        QCOMPARE(s->orgs.size(), 2);
        QCOMPARE(s->orgs.at(0).stripeCustomer, u"cus_Q1acme"_s);
        QCOMPARE(s->streams.size(), 3);
        QCOMPARE(s->streams.at(1).route, u"/v1/analytics"_s);
        QCOMPARE(s->streams.at(1).gatewayMs, 340.0);
        QCOMPARE(s->streams.at(2).cachedShare, 0.2);
        QCOMPARE(s->streams.at(0).metadataJson, R"({"feature":"support-chat"})"_ba);
        QCOMPARE(s->anomalies.size(), 1);
        QCOMPARE(s->anomalies.at(0).kind, TrafficAnomaly::Kind::Latency);
        QCOMPARE(s->anomalies.at(0).component, TrafficAnomaly::Component::Gateway);
        QCOMPARE(s->anomalies.at(0).factor, 3.5);
        QVERIFY(!s->anomalies.at(0).to.isValid());
        QCOMPARE(s->webhookStreams.size(), 1);
        QCOMPARE(s->webhookStreams.at(0).events, QStringList{u"request.completed"_s});
        QCOMPARE(s->billing.cachedTokens, BillingRules::CachedTokens::Excluded);
        QCOMPARE(s->tickets.size(), 2);
        QVERIFY(s->truth.contains(u"1042"_s));
        // The raw document is kept for the fakes, vendor objects included.
        QCOMPARE(s->root.value(u"github"_s).toObject().value(u"deployments"_s).toArray().size(), 2);
    }

    void everyScenarioLoads_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList dirs = {
            qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/resources/demo"_s,
            qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/scenarios"_s};
        int count = 0;
        for (const QString &dir : dirs) {
            for (const QFileInfo &info :
                 QDir(dir).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(info.fileName())) << info.absoluteFilePath();
                ++count;
            }
        }
        QVERIFY(count >= 1);
    }

    void everyScenarioLoads()
    {
        QFETCH(QString, path);
        const auto s = loadScenario(path);
        QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
        QVERIFY(!s->name.isEmpty());
        QVERIFY(s->trafficFrom < s->trafficTo);
    }

    void badScenario_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");

        QTest::newRow("per_minute is a string")
            << mutated(u"traffic.streams.2.per_minute"_s, u"many"_s)
            << u"$.traffic.streams[2].per_minute: expected a number"_s;
        QTest::newRow("unknown top-level key")
            << mutated(u"zendesk"_s, QJsonObject()) << u"$.zendesk: unknown key"_s;
        QTest::newRow("wrong format") << mutated(u"format"_s, u"casefile-scenario/2"_s)
                                      << u"$.format: expected \"casefile-scenario/1\""_s;
        QTest::newRow("missing format")
            << mutated(u"format"_s, QJsonValue(QJsonValue::Undefined)) << u"$.format: missing"_s;
        QTest::newRow("missing now") << mutated(u"now"_s, QJsonValue(QJsonValue::Undefined))
                                     << u"$.now: expected an ISO-8601"_s;
        QTest::newRow("bad time")
            << mutated(u"traffic.anomalies.0.from"_s, u"yesterday"_s)
            << u"$.traffic.anomalies[0].from: \"yesterday\" is not an ISO-8601 time"_s;
        QTest::newRow("unknown anomaly kind")
            << mutated(u"traffic.anomalies.0.kind"_s, u"slowness"_s)
            << u"$.traffic.anomalies[0].kind: unknown anomaly kind \"slowness\""_s;
        QTest::newRow("factor missing")
            << mutated(u"traffic.anomalies.0.factor"_s, QJsonValue(QJsonValue::Undefined))
            << u"$.traffic.anomalies[0].factor: expected a number"_s;
        QTest::newRow("bad component")
            << mutated(u"traffic.anomalies.0.component"_s, u"database"_s)
            << u"$.traffic.anomalies[0].component: expected \"provider\", \"gateway\" or "
               "\"generation\""_s;
        QTest::newRow("unknown match key")
            << mutated(u"traffic.anomalies.0.match.region"_s, u"eu"_s)
            << u"$.traffic.anomalies[0].match.region: unknown match key"_s;
        QTest::newRow("p95 below p50")
            << mutated(u"traffic.streams.0.latency_ms.p95"_s, 100)
            << u"$.traffic.streams[0].latency_ms.p95: must not be below p50"_s;
        QTest::newRow("error_rate above 1")
            << mutated(u"traffic.streams.1.error_rate"_s, 2)
            << u"$.traffic.streams[1].error_rate: 2 is out of range"_s;
        QTest::newRow("typo in stream key") << mutated(u"traffic.streams.0.per_minut"_s, 3)
                                            << u"$.traffic.streams[0].per_minut: unknown key"_s;
        QTest::newRow("stream is not an object")
            << mutated(u"traffic.streams.1"_s, 5)
            << u"$.traffic.streams[1]: expected an object, found a number"_s;
        QTest::newRow("traffic ends before it starts")
            << mutated(u"traffic.to"_s, u"2026-11-01T00:00:00Z"_s)
            << u"$.traffic.to: must be after \"from\""_s;
        QTest::newRow("webhook events not an array")
            << mutated(u"webhooks.streams.0.events"_s, u"request.completed"_s)
            << u"$.webhooks.streams[0].events: expected an array"_s;
        QTest::newRow("webhook anomaly kind")
            << mutated(u"webhooks.anomalies.0"_s, QJsonObject{{u"kind"_s, u"latency"_s}})
            << u"$.webhooks.anomalies[0].kind: unknown webhook anomaly kind"_s;
        QTest::newRow("billing cached_tokens")
            << mutated(u"billing.cached_tokens"_s, u"free"_s)
            << u"$.billing.cached_tokens: expected excluded, billed_full or billed_discounted"_s;
        QTest::newRow("billing fault kind")
            << mutated(u"billing.faults.0"_s, QJsonObject{{u"kind"_s, u"tripled"_s}})
            << u"$.billing.faults[0].kind: unknown billing fault"_s;
        QTest::newRow("errors without status")
            << mutated(u"traffic.anomalies.1"_s, QJsonObject{{u"kind"_s, u"errors"_s},
                                                             {u"from"_s, u"2026-11-20T09:00:00Z"_s},
                                                             {u"to"_s, QJsonValue()},
                                                             {u"match"_s, QJsonObject()},
                                                             {u"error_code"_s, u"boom"_s}})
            << u"$.traffic.anomalies[1].status: expected a number"_s;
        QTest::newRow("timeouts with status 500")
            << mutated(u"traffic.anomalies.1"_s, QJsonObject{{u"kind"_s, u"timeouts"_s},
                                                             {u"after_ms"_s, 30000},
                                                             {u"status"_s, 500}})
            << u"$.traffic.anomalies[1].status: expected 408 or 504"_s;
        QTest::newRow("fallback_to without model")
            << mutated(u"traffic.anomalies.1"_s,
                       QJsonObject{{u"kind"_s, u"timeouts"_s},
                                   {u"after_ms"_s, 30000},
                                   {u"fallback_to"_s, QJsonObject{{u"provider"_s, u"openai"_s}}}})
            << u"$.traffic.anomalies[1].fallback_to.model: expected a string"_s;
        QTest::newRow("github is an array") << mutated(u"github"_s, QJsonArray())
                                            << u"$.github: expected an object, found an array"_s;
        QTest::newRow("root is an array") << "[1, 2]"_ba << u"$: expected an object"_s;
        QTest::newRow("syntax error")
            << "{\n  \"format\": \"casefile-scenario/1\",\n  \"name\": oops\n}"_ba
            << u"line 3, column"_s;
    }

    void badScenario()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto s = parseScenario(json, u"bad.json"_s);
        QVERIFY(!s.has_value());
        const QString message = s.error().message;
        QVERIFY2(message.startsWith(u"bad.json: "_s), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
    }

    void missingFile()
    {
        const auto s = loadScenario(u"/nonexistent/scenario.json"_s);
        QVERIFY(!s.has_value());
        QCOMPARE(s.error().code, Error::Code::NotFound);
        QVERIFY(s.error().message.contains(u"/nonexistent/scenario.json"_s));
    }

    void commentsAndNullsAreAccepted()
    {
        QJsonObject root = readObject(sharedScenario());
        QJsonObject traffic = root.value(u"traffic"_s).toObject();
        QJsonArray anomalies = traffic.value(u"anomalies"_s).toArray();
        QJsonObject a = anomalies.at(0).toObject();
        a.insert(u"description"_s, u"deploy #447 made the analytics query slow"_s);
        a.insert(u"from"_s, QJsonValue()); // null: from the start of the traffic
        anomalies[0] = a;
        traffic.insert(u"anomalies"_s, anomalies);
        root.insert(u"traffic"_s, traffic);
        const auto s = parseScenario(QJsonDocument(root).toJson());
        QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
        QVERIFY(!s->anomalies.at(0).from.isValid());
        QVERIFY(s->anomalies.at(0).activeAt(s->trafficFrom.toSecsSinceEpoch()));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
