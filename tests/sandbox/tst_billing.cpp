#include "sandbox/billing.h"
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Sandbox;

namespace {

QDateTime t(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
}

QJsonObject stream(const QString &org, const QString &model, double perMinute)
{
    return QJsonObject{
        {u"org"_s, org},
        {u"route"_s, u"/v1/chat/completions"_s},
        {u"provider"_s, model.startsWith(u"claude"_s) ? u"anthropic"_s : u"openai"_s},
        {u"model"_s, model},
        {u"per_minute"_s, perMinute},
        {u"latency_ms"_s, QJsonObject{{u"p50"_s, 500}, {u"p95"_s, 1200}}},
        {u"gateway_ms"_s, 8},
        {u"error_rate"_s, 0.01},
        {u"tokens"_s,
         QJsonObject{{u"prompt"_s, 1200}, {u"completion"_s, 300}, {u"cached_share"_s, 0.4}}}};
}

Scenario makeScenario(const QJsonObject &billing)
{
    const QJsonObject root{
        {u"format"_s, u"casefile-scenario/1"_s},
        {u"name"_s, u"billing"_s},
        {u"now"_s, u"2026-11-21T12:00:00Z"_s},
        {u"traffic"_s,
         QJsonObject{{u"seed"_s, 3},
                     {u"from"_s, u"2026-11-19T00:00:00Z"_s},
                     {u"to"_s, u"2026-11-21T12:00:00Z"_s},
                     {u"streams"_s, QJsonArray{stream(u"org_a"_s, u"gpt-4o"_s, 10),
                                               stream(u"org_a"_s, u"claude-sonnet-4-6"_s, 5),
                                               stream(u"org_b"_s, u"gpt-4o"_s, 7)}}}},
        {u"billing"_s, billing}};
    auto s = parseScenario(QJsonDocument(root).toJson(), u"billing.json"_s);
    if (!s) {
        qWarning() << s.error().message;
        return {};
    }
    return *s;
}

struct Totals
{
    double prompt = 0, completion = 0, cached = 0;
};

Totals totals(const Scenario &s, const GeneratedLogs &logs, const QString &org,
              const QDateTime &from, const QDateTime &to, const QString &model = {})
{
    Totals total;
    for (const RequestRow &r : logs.requests) {
        if (s.streams.at(r.stream).org != org || r.ts < from.toSecsSinceEpoch() ||
            r.ts >= to.toSecsSinceEpoch())
            continue;
        if (!model.isEmpty() && logs.string(r.model) != model)
            continue;
        total.prompt += r.promptTokens;
        total.completion += r.completionTokens;
        total.cached += r.cachedTokens;
    }
    return total;
}

} // namespace

class TestBilling : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cachedTokenRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QStringList>("counts");
        QTest::newRow("excluded") << u"excluded"_s
                                  << QStringList{u"prompt_tokens"_s, u"completion_tokens"_s};
        QTest::newRow("billed_full")
            << u"billed_full"_s << QStringList{u"prompt_tokens"_s, u"completion_tokens"_s};
        QTest::newRow("billed_discounted")
            << u"billed_discounted"_s << QStringList{u"prompt_tokens"_s, u"completion_tokens"_s};
        QTest::newRow("completion only") << u"billed_full"_s << QStringList{u"completion_tokens"_s};
    }

    void cachedTokenRules()
    {
        QFETCH(QString, rule);
        QFETCH(QStringList, counts);
        const Scenario s =
            makeScenario(QJsonObject{{u"counts"_s, QJsonArray::fromStringList(counts)},
                                     {u"cached_tokens"_s, rule},
                                     {u"cached_discount"_s, 0.1}});
        QCOMPARE(s.streams.size(), 3);
        const GeneratedLogs logs = generateLogs(s);
        const QDateTime from = t(19, 0);
        const QDateTime to = t(20, 0);
        const Totals x = totals(s, logs, u"org_a"_s, from, to);
        QVERIFY(x.cached > 0.3 * x.prompt);

        double expected = 0;
        if (counts.contains(u"prompt_tokens"_s)) {
            if (rule == "excluded"_L1)
                expected += x.prompt - x.cached;
            else if (rule == "billed_full"_L1)
                expected += x.prompt;
            else
                expected += x.prompt - x.cached + 0.1 * x.cached;
        }
        if (counts.contains(u"completion_tokens"_s))
            expected += x.completion;

        const qint64 direct = meteredQuantity(s, logs, u"org_a"_s, from, to);
        QVERIFY2(std::abs(static_cast<double>(direct) - expected) <= 1.0,
                 qPrintable(u"%1 vs %2"_s.arg(direct).arg(expected)));
        const BillingFunction billing = makeBillingFunction(s, logs);
        QCOMPARE(billing(u"org_a"_s, from, to, {}), direct);
        QCOMPARE(billing(u"org_nobody"_s, from, to, {}), 0);
        QCOMPARE(billing(u"org_a"_s, to, from, {}), 0);
    }

    void indexAgreesWithDirectSum()
    {
        const Scenario s = makeScenario(QJsonObject{{u"cached_tokens"_s, u"billed_discounted"_s},
                                                    {u"cached_discount"_s, 0.25}});
        const GeneratedLogs logs = generateLogs(s);
        const BillingFunction billing = makeBillingFunction(s, logs);
        const QList<std::pair<QDateTime, QDateTime>> windows = {{t(19, 0), t(20, 0)},
                                                                {t(19, 3, 17), t(19, 3, 18)},
                                                                {t(18, 0), t(22, 0)},
                                                                {t(20, 23, 59), t(21, 0, 1)},
                                                                {t(21, 11), t(21, 13)}};
        for (const auto &[from, to] : windows) {
            for (const QString &org : {u"org_a"_s, u"org_b"_s})
                QCOMPARE(billing(org, from, to, {}), meteredQuantity(s, logs, org, from, to));
        }
        // Whole days add up to the whole period.
        const qint64 total = billing(u"org_b"_s, t(19, 0), t(21, 12), {});
        const qint64 days = billing(u"org_b"_s, t(19, 0), t(20, 0), {}) +
                            billing(u"org_b"_s, t(20, 0), t(21, 0), {}) +
                            billing(u"org_b"_s, t(21, 0), t(21, 12), {});
        QVERIFY(std::abs(total - days) <= 2);
    }

    void doubleCountFault()
    {
        const QJsonObject fault{{u"kind"_s, u"double_count"_s},
                                {u"from"_s, u"2026-11-20T06:00:00Z"_s},
                                {u"to"_s, u"2026-11-20T12:00:00Z"_s},
                                {u"match"_s, QJsonObject{{u"org"_s, u"org_a"_s}}}};
        const Scenario faulty = makeScenario(QJsonObject{{u"faults"_s, QJsonArray{fault}}});
        const Scenario clean = makeScenario(QJsonObject{});
        const GeneratedLogs logs = generateLogs(clean);
        // Same seed, same rows: only the billing differs.
        QCOMPARE(logsChecksum(faulty, generateLogs(faulty)), logsChecksum(clean, logs));
        const auto faultyBilling = makeBillingFunction(faulty, logs);
        const auto cleanBilling = makeBillingFunction(clean, logs);

        const qint64 inside = cleanBilling(u"org_a"_s, t(20, 6), t(20, 12), {});
        QVERIFY(inside > 0);
        QCOMPARE(faultyBilling(u"org_a"_s, t(20, 6), t(20, 12), {}), 2 * inside);
        QCOMPARE(faultyBilling(u"org_a"_s, t(19, 0), t(20, 6), {}),
                 cleanBilling(u"org_a"_s, t(19, 0), t(20, 6), {}));
        QCOMPARE(faultyBilling(u"org_b"_s, t(20, 6), t(20, 12), {}),
                 cleanBilling(u"org_b"_s, t(20, 6), t(20, 12), {}));
        // The day's invoice is off by exactly the window.
        QCOMPARE(faultyBilling(u"org_a"_s, t(20, 0), t(21, 0), {}) -
                     cleanBilling(u"org_a"_s, t(20, 0), t(21, 0), {}),
                 inside);
    }

    void droppedFault()
    {
        const QJsonObject fault{{u"kind"_s, u"dropped"_s},
                                {u"from"_s, u"2026-11-20T00:00:00Z"_s},
                                {u"to"_s, QJsonValue()},
                                {u"match"_s, QJsonObject{{u"model"_s, u"claude-sonnet-4-6"_s}}}};
        const Scenario s = makeScenario(QJsonObject{{u"faults"_s, QJsonArray{fault}}});
        const GeneratedLogs logs = generateLogs(s);
        const auto billing = makeBillingFunction(s, logs);
        const Totals all = totals(s, logs, u"org_a"_s, t(20, 0), t(21, 12));
        const Totals claude =
            totals(s, logs, u"org_a"_s, t(20, 0), t(21, 12), u"claude-sonnet-4-6"_s);
        QVERIFY(claude.prompt > 0);
        const double expected = (all.prompt - all.cached + all.completion) -
                                (claude.prompt - claude.cached + claude.completion);
        const qint64 billed = billing(u"org_a"_s, t(20, 0), t(21, 12), {});
        QVERIFY2(std::abs(static_cast<double>(billed) - expected) <= 1.0,
                 qPrintable(u"%1 vs %2"_s.arg(billed).arg(expected)));
    }

    // Several meters: each counts its own column, and a fault of one meter leaves the others.
    void severalMeters()
    {
        const QJsonObject doubled{{u"kind"_s, u"double_count"_s},
                                  {u"from"_s, u"2026-11-20T06:00:00Z"_s},
                                  {u"to"_s, u"2026-11-20T12:00:00Z"_s},
                                  {u"match"_s, QJsonObject{}}};
        const QJsonArray meters{QJsonObject{{u"meter"_s, u"input_tokens"_s},
                                            {u"counts"_s, QJsonArray{u"prompt_tokens"_s}},
                                            {u"cached_tokens"_s, u"excluded"_s}},
                                QJsonObject{{u"meter"_s, u"output_tokens"_s},
                                            {u"counts"_s, QJsonArray{u"completion_tokens"_s}},
                                            {u"faults"_s, QJsonArray{doubled}}},
                                QJsonObject{{u"meter"_s, u"cached_tokens"_s},
                                            {u"counts"_s, QJsonArray{u"cached_tokens"_s}}}};
        const Scenario s = makeScenario(QJsonObject{{u"meters"_s, meters}});
        QCOMPARE(s.billing.meters.size(), 3);
        const GeneratedLogs logs = generateLogs(s);
        const auto billing = makeBillingFunction(s, logs);
        const Totals day = totals(s, logs, u"org_a"_s, t(19, 0), t(20, 0));
        QCOMPARE(billing(u"org_a"_s, t(19, 0), t(20, 0), u"input_tokens"_s),
                 std::llround(day.prompt - day.cached));
        QCOMPARE(billing(u"org_a"_s, t(19, 0), t(20, 0), u"output_tokens"_s),
                 std::llround(day.completion));
        QCOMPARE(billing(u"org_a"_s, t(19, 0), t(20, 0), u"cached_tokens"_s),
                 std::llround(day.cached));
        QCOMPARE(billing(u"org_a"_s, t(19, 0), t(20, 0), {}),
                 billing(u"org_a"_s, t(19, 0), t(20, 0), u"input_tokens"_s)); // the first
        QCOMPARE(billing(u"org_a"_s, t(19, 0), t(20, 0), u"images"_s), 0);
        // the output meter's fault doubles its own window only
        const Totals window = totals(s, logs, u"org_a"_s, t(20, 6), t(20, 12));
        QCOMPARE(billing(u"org_a"_s, t(20, 6), t(20, 12), u"output_tokens"_s),
                 std::llround(2 * window.completion));
        QCOMPARE(billing(u"org_a"_s, t(20, 6), t(20, 12), u"input_tokens"_s),
                 std::llround(window.prompt - window.cached));
    }

    void sharedScenarioBilling()
    {
        const auto s = loadScenario(qEnvironmentVariable("CASEFILE_DEMO_SCENARIO"));
        QVERIFY(s.has_value());
        const GeneratedLogs logs = generateLogs(*s);
        const auto billing = makeBillingFunction(*s, logs);
        const Totals acme = totals(*s, logs, u"org_acme"_s, t(19, 6), t(20, 0));
        // Acme's prompts are never cached: the meter equals prompt + completion in the logs.
        QCOMPARE(acme.cached, 0.0);
        QCOMPARE(billing(u"org_acme"_s, t(19, 6), t(20, 0), {}),
                 static_cast<qint64>(acme.prompt + acme.completion));
    }
};

QTEST_GUILESS_MAIN(TestBilling)
#include "tst_billing.moc"
