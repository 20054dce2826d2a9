// Judgements that depend on when things happened: the org comparison is made in the minutes of
// this org's failure burst, not over the whole window; a config edited just before the failures
// is named; a deploy is blamed only when its time fits the onset; failures of ours that no
// deploy fits need a human instead of ending as "no fault found".
#include "evidence.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/ranking.h"
#include "core/engine/parameterbinder.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <functional>

using namespace TestSupport;

namespace {

// 24 hours in 5-minute buckets from 2026-11-19 10:00: the ticket's org fails at 40% in
// buckets 100-103 (18:20-18:40, a 20-minute burst) and at 0.2% otherwise.
const QDateTime WindowStart = at(u"2026-11-19T10:00:00Z"_s);
constexpr int Buckets = 288;
constexpr int BurstFirst = 100;
constexpr int BurstEnd = 104;

using RateOf = std::function<double(int)>;

Analysis::Series orgSeries(const QString &org, int perBucket, const RateOf &rate)
{
    Analysis::Series s;
    s.labels = QJsonObject{{u"org"_s, org}};
    s.columns = {u"t"_s, u"n"_s, u"errors"_s};
    s.bucketSeconds = 300;
    for (int i = 0; i < Buckets; ++i) {
        const QDateTime t = WindowStart.addSecs(qint64(i) * 300);
        s.times.append(t);
        s.points.append(QJsonArray{iso(t), perBucket, int(std::lround(rate(i) * perBucket))});
    }
    return s;
}

double acmeRate(int i)
{
    return i >= BurstFirst && i < BurstEnd ? 0.4 : 0.002;
}

QJsonObject asEvidence(const QList<Analysis::Series> &series)
{
    QJsonArray out;
    for (const Analysis::Series &s : series) {
        QJsonArray points;
        for (const QJsonArray &p : s.points)
            points.append(p);
        out.append(QJsonObject{{u"labels"_s, s.labels}, {u"points"_s, points}});
    }
    return QJsonObject{{u"bucket_s"_s, 300},
                       {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s}},
                       {u"series"_s, out}};
}

} // namespace

Q_DECLARE_METATYPE(RateOf)
Q_DECLARE_METATYPE(QList<Casefile::Hypothesis>)
Q_DECLARE_METATYPE(QList<QJsonObject>)

class TestTimeResolution final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void otherOrgInBurst_data();
    void otherOrgInBurst();
    void ticketOrgAlwaysCompared();
    void scopeFromTheLogs();
    void editFitsOnset_data();
    void editFitsOnset();
    void configEditBeforeFailures_data();
    void configEditBeforeFailures();
    void providerErrorsNamedByTheirOwnStatus();
    void oursWithoutDeploy_data();
    void oursWithoutDeploy();
    void unexplainedNeedsHuman_data();
    void unexplainedNeedsHuman();
    void unexplainedEndToEnd();
    void metadataDeployByOnset_data();
    void metadataDeployByOnset();
    void correctTime_data();
    void correctTime();
    void widenToOnset_data();
    void widenToOnset();
};

void TestTimeResolution::otherOrgInBurst_data()
{
    QTest::addColumn<int>("perBucket");
    QTest::addColumn<RateOf>("rate");
    QTest::addColumn<bool>("hit");

    const auto in = [](int i, int from, int to) {
        return i >= from && i < to;
    };
    QTest::newRow("the same 20-minute burst")
        << 600 << RateOf([=](int i) { return in(i, BurstFirst, BurstEnd) ? 0.35 : 0.003; }) << true;
    QTest::newRow("a burst of its own at another time")
        << 600 << RateOf([=](int i) { return in(i, 200, 204) ? 0.4 : 0.003; }) << false;
    QTest::newRow("a steady 4% background") << 900 << RateOf([](int) { return 0.04; }) << false;
    QTest::newRow("a 4% background with the shared burst on top")
        << 900 << RateOf([=](int i) { return in(i, BurstFirst, BurstEnd) ? 0.3 : 0.04; }) << true;
    QTest::newRow("the burst on a fifth of its traffic")
        << 1000 << RateOf([=](int i) { return in(i, BurstFirst, BurstEnd) ? 0.08 : 0.002; })
        << true;
    QTest::newRow("a quiet org with one failure in the burst")
        << 4 << RateOf([=](int i) { return in(i, BurstFirst, BurstFirst + 1) ? 0.25 : 0.0; })
        << false;
    // this org's burst lasts twenty minutes; the other's five of them (another cause)
    QTest::newRow("a shorter burst inside this org's")
        << 600 << RateOf([=](int i) { return in(i, BurstFirst + 3, BurstEnd) ? 0.6 : 0.003; })
        << false;
    QTest::newRow("no errors at all") << 600 << RateOf([](int) { return 0.0; }) << false;
}

void TestTimeResolution::otherOrgInBurst()
{
    QFETCH(int, perBucket);
    QFETCH(RateOf, rate);
    QFETCH(bool, hit);
    Analysis::OrgScope base;
    base.org = u"org_acme"_s;
    const QList<Analysis::Series> series = {orgSeries(u"org_acme"_s, 300, acmeRate),
                                            orgSeries(u"org_other"_s, perBucket, rate)};
    const QDateTime from = WindowStart.addSecs(BurstFirst * 300);
    const QDateTime to = WindowStart.addSecs(BurstEnd * 300);
    const Analysis::OrgScope s = Analysis::compareInBurst(base, series, from, to);
    QVERIFY(s.present && s.timeResolved && s.orgFound);
    QCOMPARE(s.otherOrgs, 1);
    QCOMPARE(s.otherOrgsWithErrors, hit ? 1 : 0);
    // this org's share is that of its burst, not diluted by the rest of the day
    QVERIFY2(std::abs(s.orgErrorRate - 0.4) < 0.01, qPrintable(QString::number(s.orgErrorRate)));
}

void TestTimeResolution::ticketOrgAlwaysCompared()
{
    // the all-orgs series left the ticket's org out (a limit on rows): its own counts stand in
    Analysis::OrgScope base;
    base.org = u"org_acme"_s;
    const QList<Analysis::Series> series = {orgSeries(
        u"org_other"_s, 600, [](int i) { return i >= BurstFirst && i < BurstEnd ? 0.3 : 0.002; })};
    const Analysis::OrgScope s =
        Analysis::compareInBurst(base, series, WindowStart.addSecs(BurstFirst * 300),
                                 WindowStart.addSecs(BurstEnd * 300), 1200, 480);
    QVERIFY(s.orgFound);
    QCOMPARE(s.orgRequests, 1200.0);
    QCOMPARE(s.orgErrorRate, 0.4);
    QCOMPARE(s.otherOrgs, 1);
    QCOMPARE(s.otherOrgsWithErrors, 1);
}

void TestTimeResolution::scopeFromTheLogs()
{
    // The org's own per-minute series shows the burst; every org's series per 5 minutes shows
    // who else failed then. A noisy big org (4% all day) is not "hit"; over the whole window
    // the old comparison counted it.
    for (const bool shared : {false, true}) {
        AnalysisInput in = baseInput(u"api-errors"_s, {u"scope"_s}, u"2026-11-20T09:00:00Z"_s);
        SeriesSpec own;
        own.labels = QJsonObject{{u"provider"_s, u"openai"_s}};
        own.n = 60;
        own.errorRate = [](int i) {
            return i >= 500 && i < 520 ? 0.4 : 0.0;
        }; // 18:20-18:40
        addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
                EvidenceKind::TimeSeries, timeseries(WindowStart, 1440, 60, {own}, false));
        const QList<Analysis::Series> byOrg = {
            orgSeries(u"org_acme"_s, 300, acmeRate),
            orgSeries(u"org_big"_s, 3000, [](int) { return 0.04; }),
            orgSeries(
                u"org_small"_s, 300,
                [=](int i) { return shared && i >= BurstFirst && i < BurstEnd ? 0.3 : 0.002; }),
        };
        addStep(in, u"orgs_over_time"_s, u"clickhouse"_s, u"error_series"_s,
                EvidenceKind::TimeSeries, asEvidence(byOrg));
        const Analysis::OrgScope s = Analysis::orgScope(in);
        QVERIFY(s.timeResolved);
        QCOMPARE(s.burstFrom, at(u"2026-11-19T18:20:00Z"_s));
        QCOMPARE(s.otherOrgs, 2);
        QCOMPARE(s.otherOrgsWithErrors, shared ? 1 : 0);

        const AnalyzerOutput out = analyzeScope(in);
        QCOMPARE(out.findings.size(), 1);
        QVERIFY2(out.findings.first().summary.contains(u"18:20"_s),
                 qPrintable(out.findings.first().summary));
        // the customer's wording says the same: the burst's minutes, and no whole-window p95
        // beside the burst's error shares
        const QList<Phrase> &phrases = out.findings.first().phrases;
        QVERIFY(!phrases.isEmpty());
        QCOMPARE(phrases.first().key, u"orgs.in_burst"_s);
        for (const Phrase &p : phrases)
            QVERIFY2(!p.key.endsWith(u"_levels"_s), qPrintable(p.key));
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        if (!shared) {
            QCOMPARE(out.rejected.size(), 1);
            QCOMPARE(out.rejected.first().category, u"provider_outage"_s);
        }
    }
}

void TestTimeResolution::editFitsOnset_data()
{
    QTest::addColumn<int>("minutesBefore"); // edit time relative to the onset
    QTest::addColumn<bool>("fits");
    QTest::newRow("five minutes before") << 5 << true;
    QTest::newRow("the same minute") << 0 << true;
    QTest::newRow("one minute after (clock skew)") << -1 << true;
    QTest::newRow("an hour before") << 60 << true;
    QTest::newRow("three hours before") << 180 << false;
    QTest::newRow("ten minutes after") << -10 << false;
    QTest::newRow("months before") << 90 * 24 * 60 << false;
}

void TestTimeResolution::editFitsOnset()
{
    QFETCH(int, minutesBefore);
    QFETCH(bool, fits);
    const QDateTime onset = at(u"2026-11-20T08:00:00Z"_s);
    QCOMPARE(Analysis::editFitsOnset(onset.addSecs(-60 * qint64(minutesBefore)), onset), fits);
    QVERIFY(!Analysis::editFitsOnset({}, onset));
    QVERIFY(!Analysis::editFitsOnset(onset, {}));
}

void TestTimeResolution::configEditBeforeFailures_data()
{
    QTest::addColumn<QString>("updatedAt");
    QTest::addColumn<bool>("named");
    QTest::newRow("edited five minutes before the 401s") << u"2026-11-20T07:55:00Z"_s << true;
    QTest::newRow("edited two months ago") << u"2026-09-01T09:00:00Z"_s << false;
    QTest::newRow("edited after the failures began") << u"2026-11-20T08:40:00Z"_s << false;
    QTest::newRow("no edit time from the gateway") << QString() << false;
}

void TestTimeResolution::configEditBeforeFailures()
{
    // pc-batch's requests fail 401 invalid_api_key from 08:00 (minute 120); pc-main works
    QFETCH(QString, updatedAt);
    QFETCH(bool, named);
    AnalysisInput in =
        baseInput(u"api-errors"_s, {u"error_breakdown"_s}, u"2026-11-20T09:00:00Z"_s);
    SeriesSpec spec;
    spec.labels = QJsonObject{{u"provider"_s, u"openai"_s}};
    spec.n = 40;
    spec.errorRate = [](int i) {
        return i >= 120 ? 0.35 : 0.0;
    };
    addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
            EvidenceKind::TimeSeries,
            timeseries(at(u"2026-11-20T06:00:00Z"_s), 180, 60, {spec}, false));
    addStep(in, u"error_breakdown"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {QJsonArray{u"openai"_s, u"gpt-4o"_s, 401, u"invalid_api_key"_s, 840,
                              u"2026-11-20T08:00:05Z"_s, u"2026-11-20T08:59:50Z"_s}},
                  {{u"total_requests"_s, 7200}}));
    addStep(in, u"org_overview"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
            table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s,
                   u"errors"_s, u"p50"_s, u"p95"_s},
                  {QJsonArray{u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4o"_s, u"pc-batch"_s,
                              u"portkey-python/1.9.2"_s, 2400, 840, 500, 1200},
                   QJsonArray{u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4o"_s, u"pc-main"_s,
                              u"portkey-python/1.9.2"_s, 4800, 0, 500, 1200}}));
    for (const QString &id : {u"pc-batch"_s, u"pc-main"_s}) {
        QJsonObject config{
            {u"ref"_s, QString(u"config:"_s + id)},
            {u"config_id"_s, id},
            {u"name"_s, id},
            {u"org"_s, u"org_acme"_s},
            {u"config"_s, QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, u"single"_s}}}}}};
        // the other config was edited at the same minute: only the failing one is named
        config.insert(u"updated_at"_s, id == u"pc-batch"_s ? updatedAt : u"2026-11-20T07:56:00Z"_s);
        if (id == u"pc-batch"_s && updatedAt.isEmpty())
            config.remove(u"updated_at"_s);
        addStep(in, u"config_"_s + id, u"gateway"_s, u"config"_s, EvidenceKind::Config, config);
    }
    const std::optional<Analysis::ConfigEdit> edit = Analysis::configEditBeforeFailures(in);
    QCOMPARE(edit.has_value(), named);
    const AnalyzerOutput out = analyzeErrorBreakdown(in);
    const Hypothesis *config = nullptr;
    for (const Hypothesis &h : out.hypotheses) {
        if (h.cause.category == u"customer_config"_s)
            config = &h;
    }
    QVERIFY(config);
    QVERIFY(config->cause.refs.contains(u"config:pc-batch"_s));
    QVERIFY(!config->cause.refs.contains(u"config:pc-main"_s));
    QCOMPARE(config->cause.summary.contains(u"edited at 07:55"_s), named);
    bool finding = false;
    for (const Finding &f : out.findings)
        finding =
            finding || (f.summary.contains(u"edited"_s) && f.refs.contains(u"config:pc-batch"_s));
    QCOMPARE(finding, named);
    if (named) {
        QCOMPARE(edit->ref, u"config:pc-batch"_s);
        QCOMPARE(edit->onset, at(u"2026-11-20T08:00:00Z"_s));
        QCOMPARE(edit->minutesBefore(), qint64(5));
    }
}

void TestTimeResolution::providerErrorsNamedByTheirOwnStatus()
{
    // "provider errors (mostly ...)" names the provider's largest group of server errors, not
    // its largest group of any error: a 400 is the request's, not the provider's.
    AnalysisInput in =
        baseInput(u"api-errors"_s, {u"error_breakdown"_s}, u"2026-11-20T09:00:00Z"_s);
    SeriesSpec spec;
    spec.labels = QJsonObject{{u"provider"_s, u"openai"_s}};
    spec.n = 40;
    spec.errorRate = [](int i) {
        return i >= 120 ? 0.4 : 0.0;
    };
    addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
            EvidenceKind::TimeSeries,
            timeseries(at(u"2026-11-20T06:00:00Z"_s), 180, 60, {spec}, false));
    addStep(in, u"error_breakdown"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {QJsonArray{u"openai"_s, u"gpt-4o"_s, 400, u"invalid_request"_s, 560,
                              u"2026-11-20T06:00:05Z"_s, u"2026-11-20T08:59:50Z"_s},
                   QJsonArray{u"openai"_s, u"gpt-4o"_s, 503, u"provider_unavailable"_s, 420,
                              u"2026-11-20T08:00:05Z"_s, u"2026-11-20T08:59:50Z"_s}},
                  {{u"total_requests"_s, 7200}}));
    const AnalyzerOutput out = analyzeErrorBreakdown(in);
    bool named = false;
    for (const Hypothesis &h : out.hypotheses) {
        if (h.cause.summary.contains(u"provider errors"_s)) {
            QVERIFY2(h.cause.summary.contains(u"mostly 503 provider_unavailable"_s),
                     qPrintable(h.cause.summary));
            named = true;
        }
    }
    QVERIFY(named);
}

void TestTimeResolution::oursWithoutDeploy_data()
{
    QTest::addColumn<bool>("everyone");
    QTest::addColumn<bool>("serverSpread");
    QTest::addColumn<double>("clientErrors");
    QTest::addColumn<double>("errors");
    QTest::addColumn<bool>("ours");
    QTest::newRow("5xx on every provider, for everyone") << true << true << 0.0 << 1000.0 << true;
    QTest::newRow("400s for everyone") << true << false << 800.0 << 820.0 << true;
    QTest::newRow("one provider's 5xx for everyone: its outage")
        << true << false << 30.0 << 1000.0 << false;
    QTest::newRow("429s for everyone are limits, not a regression")
        << true << false << 10.0 << 1000.0 << false;
    QTest::newRow("only this org") << false << true << 0.0 << 1000.0 << false;
    QTest::newRow("no errors") << true << true << 0.0 << 0.0 << false;
}

void TestTimeResolution::oursWithoutDeploy()
{
    QFETCH(bool, everyone);
    QFETCH(bool, serverSpread);
    QFETCH(double, clientErrors);
    QFETCH(double, errors);
    QFETCH(bool, ours);
    QCOMPARE(Analysis::oursWithoutDeploy(everyone, serverSpread, clientErrors, errors), ours);
}

void TestTimeResolution::unexplainedNeedsHuman_data()
{
    QTest::addColumn<QList<Hypothesis>>("ranked");
    QTest::addColumn<bool>("sawChange");
    QTest::addColumn<int>("best");
    QTest::addColumn<bool>("needsHuman");

    const QDateTime onset = at(u"2026-11-20T14:00:00Z"_s);
    const Hypothesis unexplained = Analysis::unexplainedRegression(
        u"error rate rose from 0.2% to 30% at 14:00 UTC"_s, {}, onset, u"provider:openai"_s, onset);
    Hypothesis weakOutage;
    weakOutage.cause.category = u"provider_outage"_s;
    weakOutage.cause.refs = {u"provider:openai"_s};
    weakOutage.score = 0.3;
    Hypothesis deploy;
    deploy.cause.category = u"deploy_regression"_s;
    deploy.cause.refs = {u"github:deployment:12"_s};
    deploy.score = 0.3;
    QTest::newRow("ours, no deploy fits") << QList<Hypothesis>{unexplained} << true << 0 << true;
    QTest::newRow("nothing at all, nothing changed") << QList<Hypothesis>{} << false << -1 << false;
    QTest::newRow("a weak outage is not promoted")
        << QList<Hypothesis>{weakOutage} << true << -1 << true;
    QTest::newRow("a weak deploy with a ref is not promoted")
        << QList<Hypothesis>{deploy} << true << -1 << true;
}

void TestTimeResolution::unexplainedNeedsHuman()
{
    QFETCH(QList<Hypothesis>, ranked);
    QFETCH(bool, sawChange);
    QFETCH(int, best);
    QFETCH(bool, needsHuman);
    Analysis::RankingFacts facts;
    facts.ranked = ranked;
    facts.sawChange = sawChange;
    if (!sawChange) {
        Finding f;
        f.summary = u"No sustained change in the window"_s;
        f.confidence = 0.7;
        facts.findings = {f};
    }
    const Analysis::RankingVerdict v = Analysis::judgeRanking(facts);
    QCOMPARE(v.best, best);
    QCOMPARE(v.needsHuman, needsHuman);
    if (best >= 0)
        QVERIFY(v.confidence < Analysis::NeedsHumanBelow && v.confidence > 0.1);
}

void TestTimeResolution::unexplainedEndToEnd()
{
    // From 14:00 a third of every org's requests fail with 500s on both providers; the only
    // deploy shipped at 09:00, five hours before. Ours, but no deploy fits: a human must look.
    AnalysisInput in =
        baseInput(u"api-errors"_s,
                  {u"error_breakdown"_s, u"change_point"_s, u"scope"_s, u"deploy_correlation"_s},
                  u"2026-11-20T15:00:00Z"_s);
    const QDateTime start = at(u"2026-11-20T12:00:00Z"_s);
    QList<SeriesSpec> specs;
    for (const QString &provider : {u"openai"_s, u"anthropic"_s}) {
        SeriesSpec spec;
        spec.labels = QJsonObject{{u"provider"_s, provider}};
        spec.n = 30;
        spec.errorRate = [](int i) {
            return i >= 120 ? 0.33 : 0.0;
        };
        specs.append(spec);
    }
    addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
            EvidenceKind::TimeSeries, timeseries(start, 180, 60, specs, false));
    addStep(in, u"error_breakdown"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {QJsonArray{u"openai"_s, u"gpt-4o"_s, 500, u"internal_error"_s, 600,
                              u"2026-11-20T14:00:03Z"_s, u"2026-11-20T14:59:58Z"_s},
                   QJsonArray{u"anthropic"_s, u"claude-sonnet-4-6"_s, 500, u"internal_error"_s, 590,
                              u"2026-11-20T14:00:09Z"_s, u"2026-11-20T14:59:41Z"_s}},
                  {{u"total_requests"_s, 10800}}));
    QList<Analysis::Series> byOrg;
    for (const QString &org : {u"org_acme"_s, u"org_other"_s, u"org_third"_s}) {
        Analysis::Series s;
        s.labels = QJsonObject{{u"org"_s, org}};
        s.bucketSeconds = 300;
        for (int i = 0; i < 36; ++i) {
            const QDateTime t = start.addSecs(qint64(i) * 300);
            s.times.append(t);
            s.points.append(QJsonArray{iso(t), 300, i >= 24 ? 100 : 0});
        }
        byOrg.append(s);
    }
    addStep(in, u"orgs_over_time"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            asEvidence(byOrg));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(880, u"2026-11-20T09:00:00Z"_s, u"Deploy #880: usage page charts"_s,
                           {u"dashboard/usage/charts.tsx"_s})}));
    const AnalysisResult result = analyze(in);
    QVERIFY(result.rootCause);
    QCOMPARE(result.rootCause->category, u"deploy_regression"_s);
    QVERIFY(!result.rootCause->refs.contains(u"github:deployment:880"_s));
    QVERIFY(result.needsHuman);
    QVERIFY(result.rootCause->confidence < Analysis::NeedsHumanBelow);
    bool saysWhatIsMissing = false;
    for (const QString &m : result.missing)
        saysWhatIsMissing = saysWhatIsMissing || m.contains(u"no deploy"_s);
    QVERIFY2(saysWhatIsMissing, qPrintable(result.missing.join(u" | "_s)));
    bool deployRejected = false;
    for (const RejectedHypothesis &r : result.rejected)
        deployRejected = deployRejected || r.refs.contains(u"github:deployment:880"_s);
    QVERIFY(deployRejected);
    // the cause is worded in every reply language, none of it left in English
    QVERIFY(!result.rootCause->phrases.isEmpty());
    const Investigation inv = investigationConcluding(in, *result.rootCause);
    QVERIFY2(englishLeftInReplies(inv).isEmpty(), qPrintable(englishLeftInReplies(inv)));
}

void TestTimeResolution::metadataDeployByOnset_data()
{
    QTest::addColumn<QList<QJsonObject>>("deploys");
    QTest::addColumn<QString>("blamed"); // '' = none: ours, no deploy fits

    // metadata last arrived at 10:27:55; since then every SDK loses it
    const QJsonObject allowlist =
        deploy(1555, u"2026-11-20T10:22:00Z"_s, u"Deploy #1555: forward only allowlisted headers"_s,
               {u"gateway/headers/allowlist.ts"_s}, u"forwarded header allowlist"_s);
    const QJsonObject oldCap =
        deploy(1500, u"2026-11-20T07:10:00Z"_s, u"Deploy #1500: cap metadata values at 128 chars"_s,
               {u"gateway/metadata/cap.ts"_s}, u"metadata value cap"_s);
    const QJsonObject lateMetadata = deploy(
        1560, u"2026-11-20T10:40:00Z"_s, u"Deploy #1560: metadata logging in the headers module"_s,
        {u"gateway/metadata/log.ts"_s}, u"log metadata headers"_s);
    const QJsonObject dashboard =
        deploy(1556, u"2026-11-20T10:25:00Z"_s, u"Deploy #1556: usage charts"_s,
               {u"dashboard/usage/charts.tsx"_s});
    QTest::newRow("the deploy just before the onset")
        << QList<QJsonObject>{oldCap, allowlist, dashboard} << u"github:deployment:1555"_s;
    QTest::newRow("only a metadata deploy three hours earlier")
        << QList<QJsonObject>{oldCap, dashboard} << QString();
    QTest::newRow("a metadata deploy after the onset")
        << QList<QJsonObject>{lateMetadata} << QString();
    QTest::newRow("an unrelated deploy at the onset") << QList<QJsonObject>{dashboard} << QString();
}

void TestTimeResolution::metadataDeployByOnset()
{
    QFETCH(QList<QJsonObject>, deploys);
    QFETCH(QString, blamed);
    AnalysisInput in =
        baseInput(u"metadata"_s, {u"metadata_presence"_s}, u"2026-11-20T12:00:00Z"_s);
    addStep(in, u"metadata_by_sdk"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
            table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s, u"last_with"_s},
                  {QJsonArray{u"portkey-python/1.9.2"_s, 600, 300, u"2026-11-19T12:00:00Z"_s,
                              u"2026-11-20T11:59:00Z"_s, u"2026-11-20T10:27:40Z"_s},
                   QJsonArray{u"portkey-node/2.0.1"_s, 400, 200, u"2026-11-19T12:00:00Z"_s,
                              u"2026-11-20T11:58:00Z"_s, u"2026-11-20T10:27:55Z"_s}}));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events, events(deploys));
    const AnalyzerOutput out = analyzeMetadataPresence(in);
    QList<const Hypothesis *> regressions;
    for (const Hypothesis &h : out.hypotheses) {
        if (h.cause.category == u"deploy_regression"_s)
            regressions.append(&h);
    }
    QCOMPARE(regressions.size(), 1);
    const Hypothesis &h = *regressions.first();
    if (blamed.isEmpty()) {
        QVERIFY(Analysis::isUnexplainedRegression(h));
        QVERIFY2(h.cause.summary.contains(u"10:27"_s), qPrintable(h.cause.summary));
        // worded in every reply language, none of it left in English
        const Investigation inv = investigationConcluding(in, h.cause);
        QVERIFY2(englishLeftInReplies(inv).isEmpty(), qPrintable(englishLeftInReplies(inv)));
        for (const QJsonObject &d : deploys) {
            bool rejected = false;
            for (const RejectedHypothesis &r : out.rejected)
                rejected = rejected || r.refs.contains(d.value(u"ref"_s).toString());
            QVERIFY(rejected);
        }
    } else {
        QCOMPARE(h.cause.refs, QStringList{blamed});
        QVERIFY2(h.cause.summary.contains(u"10:27"_s), qPrintable(h.cause.summary));
    }
}

void TestTimeResolution::correctTime_data()
{
    QTest::addColumn<QString>("anchor"); // '' = the ticket gives no time
    QTest::addColumn<QString>("onset");
    QTest::addColumn<bool>("corrected");
    QTest::addColumn<QString>("windowFrom");
    // the ticket's window: [2026-11-19T10:00, 2026-11-20T10:05)
    QTest::newRow("a local time read as UTC (nine hours off)")
        << u"2026-11-20T10:00:00Z"_s << u"2026-11-20T01:00:00Z"_s << true
        << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("half an hour off: the customer noticed late")
        << u"2026-11-20T08:30:00Z"_s << u"2026-11-20T08:00:00Z"_s << false
        << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("no time in the ticket")
        << QString() << u"2026-11-20T01:00:00Z"_s << false << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("no change in the logs")
        << u"2026-11-20T10:00:00Z"_s << QString() << false << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("the change began before the window")
        << u"2026-11-20T09:00:00Z"_s << u"2026-11-19T06:40:00Z"_s << true
        << u"2026-11-19T06:00:00Z"_s;
}

void TestTimeResolution::correctTime()
{
    QFETCH(QString, anchor);
    QFETCH(QString, onset);
    QFETCH(bool, corrected);
    QFETCH(QString, windowFrom);
    BoundParameters p;
    p.anchor = anchor.isEmpty() ? QDateTime() : at(anchor);
    p.window = TimeWindow{at(u"2026-11-19T10:00:00Z"_s), at(u"2026-11-20T10:05:00Z"_s)};
    const QDateTime logs = onset.isEmpty() ? QDateTime() : at(onset);
    const QString note = ParameterBinder::correctTime(p, logs);
    QCOMPARE(!note.isEmpty(), corrected);
    QCOMPARE(p.window.from, at(windowFrom));
    if (corrected) {
        QCOMPARE(p.anchor, logs);
        QCOMPARE(p.entityCorrections.size(), 1);
        QCOMPARE(p.entityCorrections.first().entity, u"time"_s);
        QCOMPARE(at(p.entityCorrections.first().ticket), at(anchor));
        QCOMPARE(at(p.entityCorrections.first().logs), logs);
        QCOMPARE(p.values.value(u"anchor"_s).toString(), iso(logs));
    } else {
        QVERIFY(p.entityCorrections.isEmpty());
    }
}

void TestTimeResolution::widenToOnset_data()
{
    QTest::addColumn<QString>("anchor"); // '' = the ticket gives no time
    QTest::addColumn<QString>("onset");  // '' = the logs show no change
    QTest::addColumn<QString>(
        "windowFrom"); // after; the window before: [2026-11-19T10:00, 2026-11-20T10:05)
    // a 24-hour look-back before the onset, at most seven days before the window's end
    QTest::newRow("the burst began a day before the ticket's time")
        << u"2026-11-20T10:00:00Z"_s << u"2026-11-19T09:10:00Z"_s << u"2026-11-18T09:00:00Z"_s;
    QTest::newRow("no time in the ticket, the onset at the window's start")
        << QString() << u"2026-11-19T10:20:00Z"_s << u"2026-11-18T10:00:00Z"_s;
    QTest::newRow("the ticket's time agrees with the logs")
        << u"2026-11-19T09:30:00Z"_s << u"2026-11-19T09:10:00Z"_s << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("a wrong time: the look-back goes before the onset")
        << u"2026-11-20T10:00:00Z"_s << u"2026-11-20T02:00:00Z"_s << u"2026-11-19T02:00:00Z"_s;
    QTest::newRow("half an hour apart agrees")
        << u"2026-11-20T10:00:00Z"_s << u"2026-11-20T09:30:00Z"_s << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("a full look-back before the onset already")
        << QString() << u"2026-11-20T10:00:00Z"_s << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("at most seven days back")
        << u"2026-11-20T10:00:00Z"_s << u"2026-11-10T08:00:00Z"_s << u"2026-11-13T10:05:00Z"_s;
    QTest::newRow("no change in the logs")
        << u"2026-11-20T10:00:00Z"_s << QString() << u"2026-11-19T10:00:00Z"_s;
    QTest::newRow("an onset after the window")
        << u"2026-11-20T10:00:00Z"_s << u"2026-11-20T11:00:00Z"_s << u"2026-11-19T10:00:00Z"_s;
}

void TestTimeResolution::widenToOnset()
{
    QFETCH(QString, anchor);
    QFETCH(QString, onset);
    QFETCH(QString, windowFrom);
    BoundParameters p;
    p.anchor = anchor.isEmpty() ? QDateTime() : at(anchor);
    p.window = TimeWindow{at(u"2026-11-19T10:00:00Z"_s), at(u"2026-11-20T10:05:00Z"_s)};
    p.values.insert(u"window.from"_s, iso(p.window.from));
    const QDateTime before = p.window.from;
    const QString note =
        ParameterBinder::widenToOnset(p, onset.isEmpty() ? QDateTime() : at(onset), 24);
    QCOMPARE(p.window.from, at(windowFrom));
    QCOMPARE(p.window.to, at(u"2026-11-20T10:05:00Z"_s)); // the end never moves
    QCOMPARE(p.values.value(u"window.from"_s).toString(), iso(p.window.from));
    const bool moved = p.window.from != before;
    QCOMPARE(!note.isEmpty(), moved);
    if (moved) {
        // what changed and why, as data and in words
        QCOMPARE(p.entityCorrections.size(), 1);
        QCOMPARE(p.entityCorrections.first().entity, u"window"_s);
        QCOMPARE(at(p.entityCorrections.first().ticket), before);
        QCOMPARE(at(p.entityCorrections.first().logs), p.window.from);
        QVERIFY2(note.contains(iso(at(onset))), qPrintable(note));
        QVERIFY2(note.contains(anchor.isEmpty() ? u"gives no time"_s : iso(at(anchor))),
                 qPrintable(note));
        QCOMPARE(p.entityNotes, QStringList{note});
    } else {
        QVERIFY(p.entityCorrections.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestTimeResolution)
#include "tst_timeresolution.moc"
