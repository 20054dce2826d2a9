#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Sandbox;

namespace {

QString sharedScenario()
{
    return qEnvironmentVariable("CASEFILE_DEMO_SCENARIO");
}

QJsonObject stream(const QString &org, const QString &provider, const QString &model,
                   double perMinute, const QString &sdk = u"portkey-python/1.9.2"_s)
{
    return QJsonObject{
        {u"org"_s, org},
        {u"route"_s, u"/v1/chat/completions"_s},
        {u"provider"_s, provider},
        {u"model"_s, model},
        {u"per_minute"_s, perMinute},
        {u"latency_ms"_s, QJsonObject{{u"p50"_s, 800}, {u"p95"_s, 2000}}},
        {u"gateway_ms"_s, 10},
        {u"error_rate"_s, 0.0},
        {u"tokens"_s,
         QJsonObject{{u"prompt"_s, 1000}, {u"completion"_s, 200}, {u"cached_share"_s, 0.25}}},
        {u"config_id"_s, u"pc-1"_s},
        {u"api_key_id"_s, u"vk-1"_s},
        {u"sdk"_s, sdk},
        {u"metadata"_s, QJsonObject{{u"feature"_s, u"chat"_s}}}};
}

// Traffic from 06:00 to 12:00 on 2026-11-20; anomalies from 09:00 to 10:00 unless given.
Scenario makeScenario(const QJsonArray &streams, const QJsonArray &anomalies,
                      const QJsonObject &webhooks = {}, quint64 seed = 11)
{
    QJsonObject root{{u"format"_s, u"casefile-scenario/1"_s},
                     {u"name"_s, u"test"_s},
                     {u"now"_s, u"2026-11-20T12:00:00Z"_s},
                     {u"traffic"_s, QJsonObject{{u"seed"_s, static_cast<double>(seed)},
                                                {u"from"_s, u"2026-11-20T06:00:00Z"_s},
                                                {u"to"_s, u"2026-11-20T12:00:00Z"_s},
                                                {u"streams"_s, streams},
                                                {u"anomalies"_s, anomalies}}}};
    if (!webhooks.isEmpty())
        root.insert(u"webhooks"_s, webhooks);
    auto s = parseScenario(QJsonDocument(root).toJson(), u"inline"_s);
    if (!s) {
        qWarning() << s.error().message;
        return {};
    }
    return *s;
}

QJsonObject anomaly(const QString &kind, const QJsonObject &match, QJsonObject extra = {})
{
    extra.insert(u"kind"_s, kind);
    extra.insert(u"from"_s, u"2026-11-20T09:00:00Z"_s);
    extra.insert(u"to"_s, u"2026-11-20T10:00:00Z"_s);
    extra.insert(u"match"_s, match);
    return extra;
}

qint64 at(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, 20), QTime(hour, minute), QTimeZone::utc()).toSecsSinceEpoch();
}

bool inWindow(const RequestRow &r)
{
    return r.ts >= at(9) && r.ts < at(10);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index =
        std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())));
    return values[index];
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void deterministicForASeed()
    {
        const auto s = loadScenario(sharedScenario());
        QVERIFY(s.has_value());
        const GeneratedLogs a = generateLogs(*s);
        const GeneratedLogs b = generateLogs(*s);
        QVERIFY(a.requests.size() > 10000);
        QCOMPARE(a.requests.size(), b.requests.size());
        QCOMPARE(a.webhooks.size(), b.webhooks.size());
        QCOMPARE(logsChecksum(*s, a), logsChecksum(*s, b));
        QCOMPARE(a.requests.front().requestId, b.requests.front().requestId);
        QCOMPARE(a.requests.back().latencyMs, b.requests.back().latencyMs);

        // Streaming gives the same rows as the vector.
        Generator generator(*s);
        size_t index = 0;
        bool same = true;
        generator.generate(
            [&](const RequestRow &r) {
                same = same && index < a.requests.size() &&
                       a.requests[index].requestId == r.requestId &&
                       a.requests[index].latencyMs == r.latencyMs && a.requests[index].ts == r.ts;
                ++index;
            },
            {});
        QVERIFY(same);
        QCOMPARE(index, a.requests.size());

        Scenario other = *s;
        other.seed = 8;
        QVERIFY(logsChecksum(other, generateLogs(other)) != logsChecksum(*s, a));
    }

    void rowsMatchTheScenario()
    {
        const auto s = loadScenario(sharedScenario());
        QVERIFY(s.has_value());
        const GeneratedLogs logs = generateLogs(*s);
        const qint64 from = s->trafficFrom.toSecsSinceEpoch();
        const qint64 to = s->trafficTo.toSecsSinceEpoch();
        const double minutes = static_cast<double>(to - from) / 60.0;
        const double expected = (30 + 6 + 12) * minutes;
        const double n = static_cast<double>(logs.requests.size());
        QVERIFY2(std::abs(n - expected) < expected * 0.05,
                 qPrintable(u"%1 rows, expected about %2"_s.arg(n).arg(expected)));

        QSet<quint64> ids;
        for (const RequestRow &r : logs.requests) {
            QVERIFY(r.ts >= from && r.ts < to);
            ids.insert(r.requestId);
            const TrafficStream &st = s->streams.at(r.stream);
            if (r.status == 200) {
                QVERIFY(r.latencyMs >= r.providerLatencyMs);
                QVERIFY(r.latencyMs - r.providerLatencyMs <=
                        static_cast<quint32>(st.gatewayMs * 3.5 * 1.06 + 1));
                QCOMPARE(r.cachedTokens,
                         static_cast<quint32>(std::llround(st.cachedShare * r.promptTokens)));
                QCOMPARE(logs.string(r.provider), st.provider);
                if (st.promptTokens > 0)
                    QVERIFY(r.costUsd > 0);
            }
        }
        QCOMPARE(static_cast<size_t>(ids.size()), logs.requests.size());

        // Webhooks: 2 per minute, all delivered first time.
        QVERIFY(std::abs(static_cast<double>(logs.webhooks.size()) - 2 * minutes) <
                2 * minutes * 0.1);
        for (const WebhookRow &w : logs.webhooks) {
            QCOMPARE(w.status, quint16(200));
            QCOMPARE(w.attempt, quint8(1));
        }
    }

    // The worked scenario's truth: /v1/analytics p95 is ~3.5x higher from 09:14.
    void latencyAnomalyStandsOut()
    {
        const auto s = loadScenario(sharedScenario());
        QVERIFY(s.has_value());
        const GeneratedLogs logs = generateLogs(*s);
        const qint64 change =
            QDateTime(QDate(2026, 11, 20), QTime(9, 14), QTimeZone::utc()).toSecsSinceEpoch();
        std::vector<double> before, after, chatBefore, chatAfter;
        for (const RequestRow &r : logs.requests) {
            const QString &route = s->streams.at(r.stream).route;
            const bool isAfter = r.ts >= change;
            if (route == "/v1/analytics"_L1)
                (isAfter ? after : before).push_back(r.latencyMs);
            else if (s->streams.at(r.stream).org == "org_acme"_L1)
                (isAfter ? chatAfter : chatBefore).push_back(r.latencyMs);
        }
        QVERIFY(after.size() > 200);
        const double p95Before = percentile(before, 0.95);
        const double p95After = percentile(after, 0.95);
        QVERIFY2(p95Before > 320 && p95Before < 380, qPrintable(QString::number(p95Before)));
        const double ratio = p95After / p95Before;
        QVERIFY2(ratio > 3.3 && ratio < 3.7, qPrintable(QString::number(ratio)));
        // Other routes are untouched.
        const double chatRatio = percentile(chatAfter, 0.95) / percentile(chatBefore, 0.95);
        QVERIFY2(chatRatio > 0.8 && chatRatio < 1.25, qPrintable(QString::number(chatRatio)));
    }

    void providerLatencyFit()
    {
        const Scenario s = makeScenario({stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 60)}, {});
        const GeneratedLogs logs = generateLogs(s);
        std::vector<double> provider;
        for (const RequestRow &r : logs.requests)
            provider.push_back(r.providerLatencyMs);
        const double p50 = percentile(provider, 0.5);
        const double p95 = percentile(provider, 0.95);
        QVERIFY2(std::abs(p50 - 800) < 40, qPrintable(QString::number(p50)));
        QVERIFY2(std::abs(p95 - 2000) < 150, qPrintable(QString::number(p95)));
    }

    void errorsAnomaly()
    {
        const Scenario s =
            makeScenario({stream(u"org_a"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 60),
                          stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 60)},
                         {anomaly(u"errors"_s, {{u"provider"_s, u"anthropic"_s}},
                                  {{u"rate"_s, 0.4},
                                   {u"status"_s, 529},
                                   {u"error_code"_s, u"provider_overloaded"_s},
                                   {u"fallback_to"_s, QJsonValue()}})});
        const GeneratedLogs logs = generateLogs(s);
        int inside = 0, failedInside = 0, failedOutside = 0, otherFailed = 0;
        for (const RequestRow &r : logs.requests) {
            const bool anthropic = r.stream == 0;
            if (!anthropic) {
                otherFailed += r.status != 200;
                continue;
            }
            if (inWindow(r)) {
                ++inside;
                if (r.status == 529) {
                    ++failedInside;
                    QCOMPARE(logs.string(r.errorCode), u"provider_overloaded"_s);
                    QCOMPARE(logs.string(r.provider), u"anthropic"_s);
                    QCOMPARE(r.completionTokens, 0u);
                    QCOMPARE(r.fallbackUsed, quint8(0));
                }
            } else {
                failedOutside += r.status != 200;
            }
        }
        const double share = static_cast<double>(failedInside) / inside;
        QVERIFY2(share > 0.33 && share < 0.47, qPrintable(QString::number(share)));
        QCOMPARE(failedOutside, 0);
        QCOMPARE(otherFailed, 0);
    }

    void errorsWithFallback()
    {
        const Scenario s = makeScenario(
            {stream(u"org_a"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 60)},
            {anomaly(u"errors"_s, {},
                     {{u"rate"_s, 1.0},
                      {u"status"_s, 529},
                      {u"error_code"_s, u"provider_overloaded"_s},
                      {u"fallback_to"_s, QJsonObject{{u"provider"_s, u"openai"_s},
                                                     {u"model"_s, u"gpt-4o-mini"_s}}}})});
        const GeneratedLogs logs = generateLogs(s);
        int served = 0;
        for (const RequestRow &r : logs.requests) {
            if (!inWindow(r)) {
                QCOMPARE(r.fallbackUsed, quint8(0));
                continue;
            }
            QCOMPARE(r.status, quint16(200));
            QCOMPARE(r.fallbackUsed, quint8(1));
            QCOMPARE(r.attempts, quint8(2));
            QCOMPARE(logs.string(r.provider), u"openai"_s);
            QCOMPARE(logs.string(r.model), u"gpt-4o-mini"_s);
            QVERIFY(r.completionTokens > 0);
            ++served;
        }
        QVERIFY(served > 2000);
    }

    void timeouts_data()
    {
        QTest::addColumn<bool>("withFallback");
        QTest::newRow("no fallback") << false;
        QTest::newRow("fallback to gpt-4o") << true;
    }

    void timeouts()
    {
        QFETCH(bool, withFallback);
        QJsonObject extra{{u"rate"_s, 0.2}, {u"after_ms"_s, 45000}};
        extra.insert(u"fallback_to"_s, withFallback
                                           ? QJsonValue(QJsonObject{{u"provider"_s, u"openai"_s},
                                                                    {u"model"_s, u"gpt-4o"_s}})
                                           : QJsonValue());
        const Scenario s =
            makeScenario({stream(u"org_a"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 60)},
                         {anomaly(u"timeouts"_s, {{u"org"_s, u"org_a"_s}}, extra)});
        const GeneratedLogs logs = generateLogs(s);
        int inside = 0, affected = 0;
        for (const RequestRow &r : logs.requests) {
            if (!inWindow(r)) {
                QCOMPARE(r.status, quint16(200));
                QVERIFY(r.latencyMs < 45000);
                continue;
            }
            ++inside;
            if (withFallback && r.fallbackUsed) {
                ++affected;
                QCOMPARE(r.status, quint16(200));
                QCOMPARE(r.attempts, quint8(2));
                QCOMPARE(logs.string(r.provider), u"openai"_s);
                QCOMPARE(logs.string(r.model), u"gpt-4o"_s);
                QVERIFY(r.latencyMs > 45000);
                QVERIFY(r.providerLatencyMs > 45000);
            } else if (!withFallback && r.status != 200) {
                ++affected;
                QVERIFY(r.status == 504 || r.status == 408);
                QCOMPARE(logs.string(r.errorCode), u"provider_timeout"_s);
                QCOMPARE(r.latencyMs, 45000u);
                QCOMPARE(r.fallbackUsed, quint8(0));
            } else {
                QCOMPARE(r.status, quint16(200));
                QVERIFY(r.latencyMs < 45000);
            }
        }
        const double share = static_cast<double>(affected) / inside;
        QVERIFY2(share > 0.15 && share < 0.25, qPrintable(QString::number(share)));
    }

    void metadataDropped()
    {
        const Scenario s = makeScenario(
            {stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 20, u"portkey-node/2.0.0"_s),
             stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 20, u"portkey-node/1.9.0"_s)},
            {anomaly(u"metadata_dropped"_s, {{u"sdk"_s, u"portkey-node/2.0.0"_s}})});
        const GeneratedLogs logs = generateLogs(s);
        int dropped = 0;
        for (const RequestRow &r : logs.requests) {
            const bool expected = r.stream == 0 && inWindow(r);
            QCOMPARE(r.metadataDropped, expected);
            dropped += r.metadataDropped;
        }
        QVERIFY(dropped > 800);
    }

    void rateLimited()
    {
        const Scenario s = makeScenario(
            {stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 60),
             stream(u"org_b"_s, u"openai"_s, u"gpt-4o"_s, 60)},
            {anomaly(u"rate_limited"_s, {{u"org"_s, u"org_a"_s}}, {{u"rate"_s, 0.3}})});
        const GeneratedLogs logs = generateLogs(s);
        int inside = 0, limited = 0;
        for (const RequestRow &r : logs.requests) {
            if (r.status == 429) {
                QVERIFY(inWindow(r));
                QCOMPARE(r.stream, quint16(0));
                QCOMPARE(logs.string(r.errorCode), u"rate_limited"_s);
                ++limited;
            }
            inside += (r.stream == 0 && inWindow(r));
        }
        const double share = static_cast<double>(limited) / inside;
        QVERIFY2(share > 0.25 && share < 0.35, qPrintable(QString::number(share)));
    }

    void volume()
    {
        const Scenario s =
            makeScenario({stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 30)},
                         {anomaly(u"volume"_s, {{u"org"_s, u"org_a"_s}}, {{u"factor"_s, 3.0}})});
        const GeneratedLogs logs = generateLogs(s);
        int window = 0, hourBefore = 0;
        for (const RequestRow &r : logs.requests) {
            window += inWindow(r);
            hourBefore += (r.ts >= at(8) && r.ts < at(9));
        }
        const double ratio = static_cast<double>(window) / hourBefore;
        QVERIFY2(ratio > 2.6 && ratio < 3.5, qPrintable(QString::number(ratio)));
    }

    // A business-hours cycle: full volume and `latency` × provider time from 09:00, `night` of
    // the volume before 08:00, a ramp between.
    void dailyCycle_data()
    {
        QTest::addColumn<double>("night");
        QTest::addColumn<double>("latency");
        QTest::newRow("quiet nights, slower days") << 0.25 << 1.5;
        QTest::newRow("half at night, same speed") << 0.5 << 1.0;
    }
    void dailyCycle()
    {
        QFETCH(double, night);
        QFETCH(double, latency);
        QJsonObject busy = stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 40);
        busy.insert(u"daily_cycle"_s, QJsonObject{{u"from_hour"_s, 9},
                                                  {u"to_hour"_s, 17},
                                                  {u"night"_s, night},
                                                  {u"latency"_s, latency}});
        const Scenario s = makeScenario({busy}, {});
        QVERIFY(s.streams.first().cycle.set);
        const GeneratedLogs logs = generateLogs(s);
        int early = 0, day = 0;
        std::vector<double> earlyMs, dayMs;
        for (const RequestRow &r : logs.requests) {
            if (r.ts >= at(6) && r.ts < at(8)) {
                ++early;
                earlyMs.push_back(r.providerLatencyMs);
            } else if (r.ts >= at(9) && r.ts < at(11)) {
                ++day;
                dayMs.push_back(r.providerLatencyMs);
            }
        }
        const double volume = static_cast<double>(day) / std::max(1, early);
        QVERIFY2(std::abs(volume - 1.0 / night) < 0.15 / night,
                 qPrintable(QString::number(volume)));
        const double slower = percentile(dayMs, 0.5) / percentile(earlyMs, 0.5);
        QVERIFY2(std::abs(slower - latency) < 0.12, qPrintable(QString::number(slower)));
    }

    void providerLatencyAnomaly()
    {
        const Scenario s = makeScenario(
            {stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 60)},
            {anomaly(u"latency"_s, {{u"model"_s, u"gpt-4o"_s}}, {{u"factor"_s, 2.0}})});
        const GeneratedLogs logs = generateLogs(s);
        std::vector<double> inside, outside;
        for (const RequestRow &r : logs.requests)
            (inWindow(r) ? inside : outside).push_back(r.providerLatencyMs);
        const double ratio = percentile(inside, 0.5) / percentile(outside, 0.5);
        QVERIFY2(ratio > 1.8 && ratio < 2.2, qPrintable(QString::number(ratio)));
    }

    void webhookFailuresAndRetries()
    {
        const QJsonObject webhooks{
            {u"streams"_s, QJsonArray{QJsonObject{{u"org"_s, u"org_a"_s},
                                                  {u"endpoint"_s, u"https://hooks.a.dev/x"_s},
                                                  {u"events"_s, QJsonArray{u"request.completed"_s,
                                                                           u"budget.exceeded"_s}},
                                                  {u"per_minute"_s, 10},
                                                  {u"latency_ms"_s, 120}}}},
            {u"anomalies"_s,
             QJsonArray{
                 QJsonObject{{u"kind"_s, u"failures"_s},
                             {u"from"_s, u"2026-11-20T09:00:00Z"_s},
                             {u"to"_s, u"2026-11-20T10:00:00Z"_s},
                             {u"match"_s, QJsonObject{{u"endpoint"_s, u"https://hooks.a.dev/x"_s}}},
                             {u"rate"_s, 1.0},
                             {u"status"_s, 0},
                             {u"error"_s, u"tls_error"_s}}}}};
        const Scenario s = makeScenario({}, {}, webhooks);
        const GeneratedLogs logs = generateLogs(s);
        QHash<quint64, QList<WebhookRow>> byDelivery;
        for (const WebhookRow &w : logs.webhooks)
            byDelivery[w.deliveryId].append(w);
        int failedFirst = 0;
        for (const auto &attempts : std::as_const(byDelivery)) {
            const WebhookRow &first = attempts.constFirst();
            QCOMPARE(first.attempt, quint8(1));
            const bool failing = first.ts >= at(9) && first.ts < at(10);
            if (!failing) {
                QCOMPARE(attempts.size(), 1);
                QCOMPARE(first.status, quint16(200));
                continue;
            }
            ++failedFirst;
            QCOMPARE(first.status, quint16(0));
            QCOMPARE(logs.string(first.error), u"tls_error"_s);
            QVERIFY(attempts.size() >= 2 && attempts.size() <= 3);
            for (int i = 0; i < attempts.size(); ++i) {
                QCOMPARE(attempts.at(i).attempt, quint8(i + 1));
                QCOMPARE(attempts.at(i).deliveryId, first.deliveryId);
                QVERIFY(attempts.at(i).ts > first.ts || i == 0);
                const bool stillFailing = attempts.at(i).ts < at(10);
                QCOMPARE(attempts.at(i).status, quint16(stillFailing ? 0 : 200));
            }
        }
        QVERIFY(failedFirst > 400);
    }

    void largeVolume()
    {
        // 1 M rows: the generator must be fast enough for benchmarks (no timing assertion).
        const Scenario s =
            makeScenario({stream(u"org_a"_s, u"openai"_s, u"gpt-4o"_s, 1000),
                          stream(u"org_b"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 1800)},
                         {});
        quint64 n = 0;
        Generator generator(s, 1.0);
        generator.generate([&n](const RequestRow &) { ++n; }, {});
        QVERIFY2(n > 950000 && n < 1070000, qPrintable(QString::number(n)));
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
