// Judgements that must hold on real data: an incident counts only when its provider, model,
// product and time overlap what failed; a steady background error rate is a baseline, not a
// finding; the config cited is the one the failing requests used (config_id in the logs).
#include "evidence.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"

#include <QTest>
#include <QTimeZone>

using namespace TestSupport;

Q_DECLARE_METATYPE(Casefile::Analysis::ConfigTraffic)

namespace {

// An org whose OpenAI error rate rises from 0.2% to 40% at 10:00 (point 120 of a per-minute
// series starting 08:00), with one incident on a status page.
AnalysisInput incidentInput(const QJsonObject &incident)
{
    AnalysisInput in = baseInput(u"api-errors"_s, {u"incident_correlation"_s});
    const QDateTime start = at(u"2026-11-20T08:00:00Z"_s);
    SeriesSpec spec;
    spec.labels = QJsonObject{{u"provider"_s, u"openai"_s}};
    spec.n = 40;
    spec.errorRate = [](int i) {
        return i >= 120 ? 0.4 : 0.002;
    };
    addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
            EvidenceKind::TimeSeries, timeseries(start, 150, 60, {spec}, false));
    addStep(in, u"status_incidents"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
            events({incident}));
    addStep(in, u"org_overview"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
            table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s,
                   u"errors"_s, u"p50"_s, u"p95"_s},
                  {QJsonArray{u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4o"_s, u"pc-main"_s,
                              u"portkey-python/1.9.2"_s, 6000, 600, 500, 1200}}));
    return in;
}

bool proposes(const AnalyzerOutput &out, const QString &ref)
{
    for (const Hypothesis &h : out.hypotheses) {
        if (h.cause.refs.contains(ref))
            return true;
    }
    return false;
}

QJsonArray breakdownRow(const QString &provider, const QString &model, int status,
                        const QString &code, int n)
{
    return QJsonArray{
        provider, model, status, code, n, u"2026-11-20T08:00:00Z"_s, u"2026-11-20T10:29:00Z"_s};
}

} // namespace

class TestJudgement final : public QObject
{
    Q_OBJECT

private slots:
    void incidentOverlap_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("components");
        QTest::addColumn<QString>("from");
        QTest::addColumn<bool>("cited");
        const QString t = u"2026-11-20T10:00:00Z"_s;
        QTest::newRow("same provider and time")
            << u"openai"_s << u"Elevated 503 errors on the API"_s << QStringList{u"API"_s} << t
            << true;
        QTest::newRow("another product") << u"openai"_s << u"Video generations failing"_s
                                         << QStringList{u"Sora"_s} << t << false;
        QTest::newRow("consumer app")
            << u"openai"_s << u"Login issues"_s << QStringList{u"ChatGPT"_s} << t << false;
        QTest::newRow("product on another route")
            << u"openai"_s << u"Connection drops"_s << QStringList{u"Realtime API"_s} << t << false;
        QTest::newRow("another provider")
            << u"anthropic"_s << u"Elevated errors"_s << QStringList{u"Claude API"_s} << t << false;
        QTest::newRow("hours after the change began")
            << u"openai"_s << u"Elevated 503 errors on the API"_s << QStringList{u"API"_s}
            << u"2026-11-20T13:30:00Z"_s << false;
        QTest::newRow("over before the change")
            << u"openai"_s << u"Elevated 503 errors on the API"_s << QStringList{u"API"_s}
            << u"2026-11-20T06:00:00Z"_s << false;
    }

    void incidentOverlap()
    {
        QFETCH(QString, page);
        QFETCH(QString, title);
        QFETCH(QStringList, components);
        QFETCH(QString, from);
        QFETCH(bool, cited);
        const QString to = toIsoUtc(fromIso(from).addSecs(3600));
        const QString ref = u"statuspage:"_s + page + u":incident:x1"_s;
        const AnalyzerOutput out = analyzeIncidentCorrelation(
            incidentInput(incident(page, u"x1"_s, title, from, to, components)));
        QCOMPARE(proposes(out, ref), cited);
        if (!cited) {
            bool rejected = false;
            for (const RejectedHypothesis &r : out.rejected)
                rejected = rejected || r.refs.contains(ref);
            QVERIFY2(rejected, "a bystander incident is rejected with a reason");
        }
    }

    void documentedLimit_data()
    {
        QTest::addColumn<double>("rejectedShare"); // of the config's requests
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("category");
        QTest::newRow("a third rejected with the code a page documents")
            << 0.35 << 413 << u"payload_too_large"_s << u"expected_behavior"_s;
        QTest::newRow("every request rejected: the config is wrong")
            << 1.0 << 413 << u"payload_too_large"_s << u"customer_config"_s;
        QTest::newRow("a code no page names")
            << 0.35 << 400 << u"invalid_request"_s << u"customer_config"_s;
        QTest::newRow("a 404 names the request's target, not a limit")
            << 0.35 << 404 << u"model_not_found"_s << u"customer_config"_s;
    }

    // Requests refused with the status and code a doc page describes, on a config that serves
    // its other requests, ran into a documented limit; a config whose every request is refused
    // is wrong, whatever the docs say of the code, and the page that names the refusal is cited
    // beside it.
    void documentedLimit()
    {
        QFETCH(double, rejectedShare);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, category);
        AnalysisInput in = baseInput(u"api-errors"_s, {u"error_breakdown"_s});
        const int requests = 2000;
        const int failed = int(requests * rejectedShare);
        addStep(in, u"error_breakdown"_s, u"clickhouse"_s, u"error_breakdown"_s,
                EvidenceKind::Table,
                table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                       u"last"_s},
                      {breakdownRow(u"openai"_s, u"whisper-1"_s, status, code, failed)},
                      {{u"total_requests"_s, 3 * requests}}));
        addStep(in, u"traffic"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
                table({u"config_id"_s, u"provider"_s, u"model"_s, u"n"_s, u"errors"_s},
                      {QJsonArray{u"pc-audio"_s, u"openai"_s, u"whisper-1"_s, requests, failed},
                       QJsonArray{u"pc-chat"_s, u"openai"_s, u"gpt-4.1"_s, 2 * requests, 0}}));
        const QString page = u"Audio above 25 MB is answered `413` with `error_code: "
                             u"payload_too_large`. Split long recordings."_s;
        addStep(in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
                QJsonObject{
                    {u"items"_s, QJsonArray{QJsonObject{{u"ref"_s, u"docs:docs/limits/size.md"_s},
                                                        {u"title"_s, u"Request size limits"_s},
                                                        {u"text"_s, page}}}}});
        const AnalyzerOutput out = analyzeErrorBreakdown(in);
        QVERIFY(!out.hypotheses.isEmpty());
        const Hypothesis &h = out.hypotheses.first();
        QCOMPARE(h.cause.category, category);
        QCOMPARE(h.cause.refs.contains(u"docs:docs/limits/size.md"_s),
                 code == u"payload_too_large"_s);
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void backgroundErrors_data()
    {
        QTest::addColumn<double>("lateRate"); // error rate from 10:00
        QTest::addColumn<bool>("hypothesis");
        QTest::newRow("steady 3% background") << 0.03 << false;
        QTest::newRow("rise to 40%") << 0.4 << true;
    }

    // The same 3% of failed requests all day is the org's baseline; a rise is a finding.
    void backgroundErrors()
    {
        QFETCH(double, lateRate);
        QFETCH(bool, hypothesis);
        AnalysisInput in = baseInput(u"api-errors"_s, {u"error_breakdown"_s});
        const QDateTime start = at(u"2026-11-20T08:00:00Z"_s);
        SeriesSpec spec;
        spec.labels = QJsonObject{{u"provider"_s, u"openai"_s}};
        spec.n = 40;
        spec.errorRate = [lateRate](int i) {
            return i >= 120 ? lateRate : 0.03;
        };
        addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
                EvidenceKind::TimeSeries, timeseries(start, 150, 60, {spec}, false));
        const int total = 150 * 40;
        const int failed = int(120 * 40 * 0.03 + 30 * 40 * lateRate);
        addStep(in, u"error_breakdown"_s, u"clickhouse"_s, u"error_breakdown"_s,
                EvidenceKind::Table,
                table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                       u"last"_s},
                      {breakdownRow(u"openai"_s, u"gpt-4o"_s, 500, u"provider_error"_s, failed / 2),
                       breakdownRow(u"openai"_s, u"gpt-4o"_s, 400, u"invalid_request"_s,
                                    failed - failed / 2)},
                      {{u"total_requests"_s, total}}));
        const AnalyzerOutput out = analyzeErrorBreakdown(in);
        QCOMPARE(!out.hypotheses.isEmpty(), hypothesis);
        // Each sentence comes with its phrases, and the English phrase book says the same.
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void failingConfig_data()
    {
        QTest::addColumn<QList<Analysis::ConfigTraffic>>("traffic");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");
        using Analysis::ConfigTraffic;
        const QList<ConfigTraffic> twoClaude = {
            {u"pc-batch"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 500, 500, {}},
            {u"pc-prod"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 800, 2, {}},
            {u"pc-gpt"_s, u"openai"_s, u"gpt-4o"_s, 700, 1, {}}};
        QTest::newRow("the failing one of two configs on the same model")
            << twoClaude << u"anthropic"_s << u"claude-sonnet-4-6"_s << u"config:pc-batch"_s;
        QTest::newRow("any provider")
            << twoClaude << QString() << QString() << u"config:pc-batch"_s;
        QTest::newRow("no config of that provider failed")
            << twoClaude << u"openai"_s << QString() << QString();
        QTest::newRow("a background share is no failure")
            << QList<ConfigTraffic>{{u"pc-big"_s, u"openai"_s, u"gpt-4o"_s, 10000, 300, {}}}
            << u"openai"_s << QString() << QString();
        // the last hour of a day: 4.5% of the config's requests, most of the org's failures
        const QList<ConfigTraffic> lateBurst = {
            {u"pc-review"_s, u"azure-openai"_s, u"gpt-4.1"_s, 11900, 533, {}},
            {u"pc-drafting"_s, u"azure-openai"_s, u"gpt-4o"_s, 17900, 42, {}},
            {u"pc-search"_s, u"google"_s, u"gemini-2.5-flash"_s, 15000, 24, {}}};
        QTest::newRow("a late burst diluted by the window")
            << lateBurst << u"azure-openai"_s << QString() << u"config:pc-review"_s;
        const QList<ConfigTraffic> noisy = {
            {u"pc-chat"_s, u"openai"_s, u"gpt-4o"_s, 12000, 380, {}},
            {u"pc-search"_s, u"openai"_s, u"text-embedding-3-small"_s, 9000, 250, {}}};
        QTest::newRow("every config at the org's background rate")
            << noisy << QString() << QString() << QString();
        // 429s on one of two gpt-4.1-mini configs while an incident fails the org's Claude
        // traffic: most of that model's failures, though not of the org's
        const QList<ConfigTraffic> beside = {
            {u"pc-chat"_s, u"anthropic"_s, u"claude-haiku-4-5"_s, 36000, 820, {}},
            {u"pc-labels"_s, u"openai"_s, u"gpt-4.1-mini"_s, 7900, 345, {}},
            {u"pc-address"_s, u"openai"_s, u"gpt-4.1-mini"_s, 10800, 20, {}}};
        QTest::newRow("one model's failing config beside another cause")
            << beside << u"openai"_s << u"gpt-4.1-mini"_s << u"config:pc-labels"_s;
        QTest::newRow("the org as a whole: the other cause holds most failures")
            << beside << QString() << QString() << QString();
    }

    void failingConfig()
    {
        QFETCH(QList<Analysis::ConfigTraffic>, traffic);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, expected);
        QCOMPARE(Analysis::failingConfigRef(traffic, provider, model), expected);
    }

    // The config that carries most of a route's requests: the job whose route's traffic rose.
    void configCarrying_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one config sends the route")
            << u"/v1/embeddings"_s << u"config:pc-archive"_s;
        QTest::newRow("two configs share the route evenly")
            << u"/v1/chat/completions"_s << QString();
        QTest::newRow("a route nobody sends") << u"/v1/images/generations"_s << QString();
    }
    void configCarrying()
    {
        QFETCH(QString, route);
        QFETCH(QString, expected);
        AnalysisInput in;
        const auto row = [](const QString &r, const QString &config, int n) {
            return QJsonArray{r, u"openai"_s, u"gpt-4.1"_s, config, n, 0};
        };
        addStep(in, u"org_overview"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
                table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"n"_s, u"errors"_s},
                      {row(u"/v1/embeddings"_s, u"pc-archive"_s, 9000),
                       row(u"/v1/embeddings"_s, u"pc-search"_s, 1200),
                       row(u"/v1/chat/completions"_s, u"pc-desk"_s, 5000),
                       row(u"/v1/chat/completions"_s, u"pc-translate"_s, 4500)}));
        QCOMPARE(Analysis::configCarrying(in, u"route", route), expected);
    }

    // "Gemini fails, Claude works" against the logs: does another config of the failing
    // provider work in the same window? (the working config's ref, '' when none)
    void providerWorksElsewhere_data()
    {
        QTest::addColumn<QList<Analysis::ConfigTraffic>>("traffic");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("working");
        using Analysis::ConfigTraffic;
        const QList<ConfigTraffic> twoGemini = {
            {u"pc-quotes"_s, u"google"_s, u"gemini-2.5-flash"_s, 20000, 2300, {}},
            {u"pc-tracking"_s, u"google"_s, u"gemini-2.5-flash"_s, 16000, 30, {}},
            {u"pc-claims"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s, 9800, 16, {}}};
        QTest::newRow("the other config of the provider works")
            << twoGemini << u"google"_s << u"config:pc-tracking"_s;
        QTest::newRow("the provider that works is not asked about")
            << twoGemini << u"anthropic"_s << QString();
        const QList<ConfigTraffic> oneGemini = {
            {u"pc-quotes"_s, u"google"_s, u"gemini-2.5-flash"_s, 20000, 2300, {}},
            {u"pc-claims"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s, 9800, 16, {}}};
        QTest::newRow("no other config of the provider") << oneGemini << u"google"_s << QString();
        const QList<ConfigTraffic> tiny = {
            {u"pc-quotes"_s, u"google"_s, u"gemini-2.5-flash"_s, 20000, 2300, {}},
            {u"pc-probe"_s, u"google"_s, u"gemini-2.5-flash"_s, 40, 0, {}}};
        QTest::newRow("a handful of requests elsewhere prove nothing")
            << tiny << u"google"_s << QString();
        const QList<ConfigTraffic> bothFail = {
            {u"pc-quotes"_s, u"google"_s, u"gemini-2.5-flash"_s, 20000, 2300, {}},
            {u"pc-tracking"_s, u"google"_s, u"gemini-2.5-pro"_s, 16000, 900, {}}};
        QTest::newRow("the other config fails too") << bothFail << u"google"_s << QString();
        const QList<ConfigTraffic> noneFails = {
            {u"pc-quotes"_s, u"google"_s, u"gemini-2.5-flash"_s, 20000, 40, {}},
            {u"pc-tracking"_s, u"google"_s, u"gemini-2.5-flash"_s, 16000, 30, {}}};
        QTest::newRow("no config of the provider fails") << noneFails << u"google"_s << QString();
    }

    void providerWorksElsewhere()
    {
        QFETCH(QList<Analysis::ConfigTraffic>, traffic);
        QFETCH(QString, provider);
        QFETCH(QString, working);
        const auto found = Analysis::providerWorksElsewhere(traffic, provider);
        QCOMPARE(found ? found->workingConfig : QString(), working);
        if (found)
            QCOMPARE(found->failingConfig, u"config:pc-quotes"_s);
    }

    // A config's evidence names it by `ref`, by `config_id`, or both: every analyzer reads the
    // same id from it, so the config cited is the config the logs name.
    void configIdentity_data()
    {
        QTest::addColumn<QJsonObject>("data");
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("id");
        QTest::newRow("both") << QJsonObject{{u"ref"_s, u"config:pc-a"_s},
                                             {u"config_id"_s, u"pc-a"_s}}
                              << u"config:pc-a"_s << u"pc-a"_s;
        QTest::newRow("ref only") << QJsonObject{{u"ref"_s, u"config:pc-b"_s}} << u"config:pc-b"_s
                                  << u"pc-b"_s;
        QTest::newRow("id only") << QJsonObject{{u"config_id"_s, u"pc-c"_s}} << u"config:pc-c"_s
                                 << u"pc-c"_s;
    }

    void configIdentity()
    {
        QFETCH(QJsonObject, data);
        QFETCH(QString, ref);
        QFETCH(QString, id);
        QCOMPARE(Analysis::configRefOf(data), ref);
        QCOMPARE(Analysis::configIdOf(data), id);
    }

    // A range over midnight names the end's day: it never reads as ending before it starts.
    void clockRange_data()
    {
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<QString>("text");
        const auto at = [](int day, int h, int m) {
            return QDateTime(QDate(2027, 3, day), QTime(h, m), QTimeZone::utc());
        };
        QTest::newRow("the reference's day")
            << at(25, 9, 5) << at(25, 11, 40) << u"09:05 UTC\u201311:40 UTC"_s;
        QTest::newRow("over midnight") << at(24, 13, 8) << at(25, 9, 29)
                                       << u"2027-03-24 13:08 UTC\u20132027-03-25 09:29 UTC"_s;
        QTest::newRow("into the next day")
            << at(25, 12, 0) << at(26, 1, 30) << u"12:00 UTC\u20132027-03-26 01:30 UTC"_s;
        QTest::newRow("a day before")
            << at(23, 8, 0) << at(23, 9, 0) << u"2027-03-23 08:00 UTC\u201309:00 UTC"_s;
    }

    void clockRange()
    {
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QString, text);
        const QDateTime reference(QDate(2027, 3, 25), QTime(13, 10), QTimeZone::utc());
        QCOMPARE(Analysis::clockRange(from, to, reference), text);
    }

    // A config node's strategy, however the config spells it, and whether a target is itself a
    // group of targets.
    void configShape_data()
    {
        QTest::addColumn<QJsonObject>("node");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("group");
        const QJsonArray two{QJsonObject{{u"provider"_s, u"openai"_s}},
                             QJsonObject{{u"provider"_s, u"anthropic"_s}}};
        QTest::newRow("strategy.mode")
            << QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, u"Fallback"_s}}},
                           {u"targets"_s, two}}
            << u"fallback"_s << true;
        QTest::newRow("bare mode")
            << QJsonObject{{u"mode"_s, u"loadbalance"_s}, {u"targets"_s, two}} << u"loadbalance"_s
            << true;
        QTest::newRow("strategy wins")
            << QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, u"fallback"_s}}},
                           {u"mode"_s, u"single"_s}}
            << u"fallback"_s << false;
        QTest::newRow("a plain target")
            << QJsonObject{{u"provider"_s, u"openai"_s}} << QString() << false;
    }

    void configShape()
    {
        QFETCH(QJsonObject, node);
        QFETCH(QString, mode);
        QFETCH(bool, group);
        QCOMPARE(Analysis::strategyMode(node), mode);
        QCOMPARE(Analysis::isGroup(node), group);
    }
};

QTEST_GUILESS_MAIN(TestJudgement)
#include "tst_judgement.moc"
