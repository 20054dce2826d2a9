#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/markdown.h"
#include "core/analysis/ranking.h"
#include "evidence.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace TestSupport;

namespace {

// A deploy event with the pull request its commit came from, as the GitHub connector gives it.
QJsonObject withPull(QJsonObject deploy, int number, const QString &title)
{
    deploy.insert(u"pulls"_s, QJsonArray{QJsonObject{{u"number"_s, number},
                                                     {u"title"_s, title},
                                                     {u"ref"_s, u"github:pull:%1"_s.arg(number)}}});
    return deploy;
}

} // namespace

namespace {

// The latency-after-deploy case: analytics p95 340 ms -> 1.2 s at 09:14, deploy #447 at 09:12,
// a docs-only deploy #446, a playground bug, an OpenAI incident the day before.
AnalysisInput latencyCase(const QStringList &failing = {})
{
    AnalysisInput in = baseInput(u"latency-spike"_s,
                                 {u"change_point"_s, u"scope"_s, u"deploy_correlation"_s,
                                  u"incident_correlation"_s, u"known_bugs"_s, u"docs_lookup"_s});
    in.ticket.subject = u"Dashboard is loading slowly since this morning"_s;
    in.params.keywords = {u"dashboard"_s, u"slow"_s, u"usage"_s, u"load"_s};
    const QDateTime start = in.params.window.from;
    const int points = int(start.secsTo(in.params.window.to) / 60);
    const qint64 changeIndex = start.secsTo(at(u"2026-11-20T09:14:00Z"_s)) / 60;
    const QList<SeriesSpec> routes = {
        {QJsonObject{{u"route"_s, u"/v1/analytics"_s}},
         [=](int i) { return (i >= changeIndex ? 1190.0 : 340.0) + noise(i, 40); },
         {},
         6},
        {QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}},
         [](int i) { return 2100.0 + noise(i, 600, 5); },
         {},
         30},
    };
    const auto add = [&](const QString &id, const QString &c, const QString &op, EvidenceKind k,
                         const QJsonObject &data) {
        if (failing.contains(c))
            addFailedStep(in, id, c, op);
        else
            addStep(in, id, c, op, k, data);
    };
    add(u"latency_by_route"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
        timeseries(start, points, 60, routes));
    add(u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
        events(
            {deploy(446, u"2026-11-20T07:40:11Z"_s, u"Deploy #446: docs typo fixes"_s,
                    {u"docs/routing/fallbacks.md"_s}, u"docs: fix typos in fallback guide"_s),
             withPull(deploy(447, u"2026-11-20T09:12:03Z"_s,
                             u"Deploy #447: analytics query rewrite"_s,
                             {u"src/routes/analytics.ts"_s, u"src/db/queries/usage_by_org.sql"_s},
                             u"analytics: join usage by org for the new dashboard (#812)"_s),
                      812, u"Join usage by org for the new dashboard"_s)}));
    add(u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
        events({incident(u"openai"_s, u"k3yq9r1m2t4z"_s, u"Elevated latency for gpt-4o-mini"_s,
                         u"2026-11-19T12:20:00Z"_s, u"2026-11-19T13:05:00Z"_s, {u"API"_s})}));
    add(u"bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events,
        events({issue(u"linear:issue:GW-198"_s,
                      u"Playground feels slow when streaming long responses"_s,
                      u"Streaming in the web playground stutters for outputs over 4k tokens."_s,
                      u"backlog"_s, u"2026-11-12T15:02:00Z"_s, {u"playground"_s})}));
    add(u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
        docs(
            {{u"docs/dashboard/analytics.md"_s,
              u"# Analytics dashboard\n\nThe dashboard reads per-org usage from `/v1/analytics`. Typical p95 is under 500 ms.\n"_s}}));
    return in;
}

// Every sentence a reply may show (the causes and the findings) has phrases every language's
// phrase book words: '' when so, else the first that does not.
QString unworded(const AnalysisResult &r, const AnalysisInput &in)
{
    AnalyzerOutput out;
    out.findings = r.findings;
    QList<RootCause> causes = r.secondaryCauses;
    if (r.rootCause)
        causes.prepend(*r.rootCause);
    for (const RootCause &c : causes) {
        Hypothesis h;
        h.cause = c;
        out.hypotheses.append(h);
    }
    for (const Finding &f : out.findings) {
        if (f.phrases.isEmpty())
            return u"a finding without phrases: "_s + f.summary;
    }
    for (const RootCause &c : causes) {
        if (c.phrases.isEmpty())
            return u"a cause without phrases: "_s + c.summary;
    }
    return out.findings.isEmpty() && out.hypotheses.isEmpty() ? QString()
                                                              : phrasesMismatch(out, in);
}

Investigation investigationOf(const AnalysisInput &in, const AnalysisResult &r)
{
    Investigation inv;
    inv.ticket = in.ticket;
    inv.window = in.params.window;
    inv.findings = r.findings;
    inv.rootCause = r.rootCause;
    inv.rejected = r.rejected;
    inv.notChecked = r.notChecked;
    inv.notCheckedWording = r.notCheckedWording;
    return inv;
}

QString dump(const AnalysisResult &r)
{
    QString s;
    if (r.rootCause)
        s += r.rootCause->category + u": "_s + r.rootCause->summary + u" ["_s +
             r.rootCause->refs.join(u", "_s) + u"] "_s + QString::number(r.rootCause->confidence) +
             u'\n';
    for (const RejectedHypothesis &x : r.rejected)
        s += u"  rejected "_s + x.category + u": "_s + x.reason + u'\n';
    return s;
}

} // namespace

class TestRanking final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void latencyAfterDeploy();
    void deployBehindTheOtherChange_data();
    void deployBehindTheOtherChange();
    void independentCause_data();
    void independentCause();
    void upstreamOfFailover_data();
    void upstreamOfFailover();
    void failoverCauseStaysFirst();
    void refusalsToldByAnotherCause();
    void degraded_data();
    void degraded();
    void providerOutage();
    void rateLimited();
    void rateLimitedOwnCode();
    void rateLimitedBesideAnOutage();
    void otherOrgsHit_data();
    void otherOrgsHit();
    void everyOrgCountsInWidenedBuckets();
    void fallbackConfig();
    void fallbackWorkedNamesItsCodes();
    void webhookEndpoint();
    void webhookSignatureAfterDeploy();
    void webhooksDeliveredNoFault();
    void metadataSdk();
    void billingDoubleCount();
    void billingExpected();
    void docsPageGivesWayToCausePage();
    void customerTheoryTested();
    void noFault();
    void rateLimitedVolumeSpike();
    void metadataOneVersionOnly();
    void metadataGatewayDeploy();
    void knownBugBySignature();
    void billingDoubledHours();
    void diagnosisEscapesTicket();
    void docStatingCause_data();
    void docStatingCause();
};

void TestRanking::latencyAfterDeploy()
{
    const AnalysisInput in = latencyCase();
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"deploy_regression"_s);
    QVERIFY2(r.rootCause->refs.contains(u"github:deployment:447"_s), qPrintable(dump(r)));
    // the pull request the deploy shipped is cited with it
    QVERIFY2(r.rootCause->refs.contains(u"github:pull:812"_s), qPrintable(dump(r)));
    for (const QString &forbidden : {u"github:deployment:446"_s, u"linear:issue:GW-198"_s,
                                     u"statuspage:openai:incident:k3yq9r1m2t4z"_s})
        QVERIFY2(!r.rootCause->refs.contains(forbidden), qPrintable(dump(r)));
    QVERIFY2(r.rootCause->summary.contains(u"09:14"_s) &&
                 r.rootCause->summary.contains(u"/v1/analytics"_s),
             qPrintable(r.rootCause->summary));
    QVERIFY(r.rootCause->confidence >= 0.7);
    // the analyzer whose hypothesis became the cause is named (the engine reads it when a
    // runner-up playbook ran beside the chosen one)
    QCOMPARE(r.rootCauseAnalyzer, u"deploy_correlation"_s);
    // the bystanders are rejected with a reason
    QString rejected;
    for (const RejectedHypothesis &x : r.rejected)
        rejected += x.reason + u'\n';
    QVERIFY2(rejected.contains(u"#446"_s) && rejected.contains(u"documentation"_s),
             qPrintable(rejected));
    QVERIFY2(rejected.contains(u"GW-198"_s), qPrintable(rejected));
    QVERIFY2(rejected.contains(u"gpt-4o-mini"_s), qPrintable(rejected));
    const QString md = composeDiagnosis(in, investigationOf(in, r));
    QVERIFY2(md.contains(u"09:14"_s) && md.contains(u"/v1/analytics"_s), qPrintable(md));
    QVERIFY(md.contains(u"Hi Jun"_s));
}

// Two things go wrong at once: an OpenAI model the customer's config pins fails 404 from 00:00,
// and a third of the Anthropic requests fail 502 from 09:05. A deploy is weighed against both
// changes: it is blamed for the second when it shipped minutes before it and touched what
// changed (the Anthropic adapter), never when it touched only the dashboard, nothing related,
// or shipped after; and it is not listed as rejected when it is blamed.
namespace {

// The errors of two changes (OpenAI's 404s since midnight, Anthropic's 502s since 09:05) and a
// deploy at `time`.
AnalysisInput twoChanges(const QString &time, const QString &title, const QStringList &files)
{
    AnalysisInput in =
        baseInput(u"api-errors"_s, {u"error_breakdown"_s, u"change_point"_s, u"scope"_s,
                                    u"incident_correlation"_s, u"deploy_correlation"_s});
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"openai"_s, u"gpt-4-turbo-2024-04-09"_s, 404, u"model_not_found"_s, 3600,
                    u"2026-11-20T00:00:10Z"_s, u"2026-11-20T10:00:00Z"_s},
                   {u"anthropic"_s, u"claude-sonnet-4-6"_s, 502, u"invalid_upstream_response"_s,
                    380, u"2026-11-20T09:05:20Z"_s, u"2026-11-20T10:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 40000}}));
    const QDateTime start = in.params.window.from;
    const int points = int(start.secsTo(in.params.window.to) / 60);
    const qint64 first = start.secsTo(at(u"2026-11-20T00:00:00Z"_s)) / 60;
    const qint64 second = start.secsTo(at(u"2026-11-20T09:05:00Z"_s)) / 60;
    const QList<SeriesSpec> providers = {
        {QJsonObject{{u"provider"_s, u"openai"_s}},
         {},
         [=](int i) { return i >= first ? 0.4 : 0.0; },
         15},
        {QJsonObject{{u"provider"_s, u"anthropic"_s}},
         {},
         [=](int i) { return i >= second ? 0.35 : 0.0; },
         20},
    };
    addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
            EvidenceKind::TimeSeries, timeseries(start, points, 60, providers, false));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(89, u"2026-11-19T23:10:00Z"_s, u"Deploy #89: billing page: VAT"_s,
                           {u"src/billing/vat.ts"_s}),
                    deploy(90, time, title, files)}));
    return in;
}

} // namespace

void TestRanking::deployBehindTheOtherChange_data()
{
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<bool>("blamed");
    QTest::newRow("the Anthropic adapter, three minutes before")
        << u"2026-11-20T09:02:00Z"_s << u"Deploy #90: anthropic adapter: new SSE reader"_s
        << QStringList{u"src/providers/anthropic/sse.ts"_s} << true;
    QTest::newRow("the dashboard only, three minutes before")
        << u"2026-11-20T09:02:00Z"_s << u"Deploy #90: anthropic logo on the logs page"_s
        << QStringList{u"ui/logs/provider-logo.tsx"_s} << false;
    QTest::newRow("nothing related, three minutes before")
        << u"2026-11-20T09:02:00Z"_s << u"Deploy #90: emails: weekly digest copy"_s
        << QStringList{u"src/emails/digest.ts"_s} << false;
    QTest::newRow("the Anthropic adapter, after the change")
        << u"2026-11-20T09:20:00Z"_s << u"Deploy #90: anthropic adapter: new SSE reader"_s
        << QStringList{u"src/providers/anthropic/sse.ts"_s} << false;
}

void TestRanking::deployBehindTheOtherChange()
{
    QFETCH(QString, time);
    QFETCH(QString, title);
    QFETCH(QStringList, files);
    QFETCH(bool, blamed);
    AnalysisInput in = twoChanges(time, title, files);
    const AnalysisResult r = analyze(in);
    QVERIFY(r.rootCause);
    QList<RootCause> causes = r.secondaryCauses;
    causes.prepend(*r.rootCause);
    const QString ref = u"github:deployment:90"_s;
    const bool cited = std::any_of(causes.cbegin(), causes.cend(), [&](const RootCause &c) {
        return c.category == u"deploy_regression"_s && c.refs.contains(ref);
    });
    QVERIFY2(cited == blamed, qPrintable(dump(r)));
    for (const RejectedHypothesis &x : r.rejected)
        QVERIFY2(!blamed || !x.refs.contains(ref), qPrintable(dump(r)));
    for (const RootCause &c : causes)
        QVERIFY2(!c.refs.contains(u"github:deployment:89"_s), qPrintable(dump(r)));
}

// The customer's own theory is tested, not taken: ruled out, with what was found instead, when no
// cause of its kind is found; no entry when a cause of its kind is.
void TestRanking::customerTheoryTested()
{
    AnalysisInput in =
        twoChanges(u"2026-11-20T09:02:00Z"_s, u"Deploy #90: anthropic adapter: new SSE reader"_s,
                   {u"src/providers/anthropic/sse.ts"_s});
    in.params.customerHypothesis = u"the rotated IAM credentials lack a permission"_s;
    in.params.customerHypothesisCategory = u"sdk_version"_s;
    const AnalysisResult r = analyze(in);
    QVERIFY(r.rootCause);
    QVERIFY(!r.rejected.isEmpty());
    QCOMPARE(r.rejected.first().category, u"sdk_version"_s);
    QVERIFY2(r.rejected.first().reason.contains(u"rotated IAM credentials"_s) &&
                 r.rejected.first().reason.contains(r.rootCause->category),
             qPrintable(r.rejected.first().reason));

    in.params.customerHypothesisCategory = r.rootCause->category;
    const AnalysisResult agreed = analyze(in);
    for (const RejectedHypothesis &x : agreed.rejected)
        QVERIFY2(!x.reason.contains(u"customer's own theory"_s), qPrintable(x.reason));
}

// A second cause is reported beside the root cause only with evidence of its own, about
// another part of the problem than the root cause's (a route, a config, an SDK, an endpoint).
void TestRanking::independentCause_data()
{
    QTest::addColumn<QString>("bestCategory");
    QTest::addColumn<QStringList>("bestRefs");
    QTest::addColumn<double>("bestScore");
    QTest::addColumn<QString>("otherCategory");
    QTest::addColumn<QStringList>("otherRefs");
    QTest::addColumn<double>("otherScore");
    QTest::addColumn<bool>("independent");
    QTest::addColumn<QStringList>("explains"); // the change each stands on ('' none)
    const QStringList deploy{u"github:deployment:7"_s};
    const QStringList none{QString(), QString()};
    const QString burst = u"1 route:/v1/audio 2031-04-10T18:12:00Z"_s;
    QTest::newRow("endpoint, then our deploy")
        << u"customer_endpoint"_s << QStringList{u"endpoint:https://a.dev/h"_s} << 0.88
        << u"deploy_regression"_s << deploy << 0.8 << true << none;
    QTest::newRow("route, then a provider incident")
        << u"rate_limited"_s << QStringList{u"route:/v1/images"_s} << 0.9 << u"provider_outage"_s
        << QStringList{u"statuspage:anthropic:incident:x"_s} << 0.75 << true << none;
    QTest::newRow("sdk, then our deploy")
        << u"sdk_version"_s << QStringList{u"sdk:node/2.0.1"_s} << 0.85 << u"deploy_regression"_s
        << deploy << 0.7 << true << none;
    QTest::newRow("our deploy, then another endpoint failing on its own")
        << u"deploy_regression"_s << deploy << 0.9 << u"customer_endpoint"_s
        << QStringList{u"endpoint:https://archive.a.dev/h"_s} << 0.75 << true << none;
    QTest::newRow("a whole-traffic cause leaves no part")
        << u"provider_outage"_s << QStringList{u"statuspage:openai:incident:y"_s} << 0.9
        << u"deploy_regression"_s << deploy << 0.8 << false << none;
    QTest::newRow("too weak beside the root cause")
        << u"customer_endpoint"_s << QStringList{u"endpoint:https://a.dev/h"_s} << 0.95
        << u"deploy_regression"_s << deploy << 0.6 << false << none;
    QTest::newRow("the same category")
        << u"deploy_regression"_s << QStringList{u"route:/v1/chat"_s} << 0.9
        << u"deploy_regression"_s << deploy << 0.8 << false << none;
    QTest::newRow("no evidence of its own")
        << u"customer_endpoint"_s << QStringList{u"endpoint:https://a.dev/h"_s} << 0.88
        << u"deploy_regression"_s << QStringList{u"endpoint:https://a.dev/h"_s} << 0.8 << false
        << none;
    // a bug and a deploy both telling the same burst compete for it: the better one is the
    // cause, the other no second cause
    QTest::newRow("two accounts of the same change")
        << u"deploy_regression"_s << QStringList{u"github:deployment:7"_s, u"route:/v1/audio"_s}
        << 0.93 << u"known_bug"_s << QStringList{u"linear:issue:GW-1"_s} << 0.78 << false
        << QStringList{burst, burst};
    QTest::newRow("a bug about another change")
        << u"deploy_regression"_s << QStringList{u"github:deployment:7"_s, u"route:/v1/audio"_s}
        << 0.93 << u"known_bug"_s << QStringList{u"linear:issue:GW-1"_s} << 0.78 << true
        << QStringList{burst, u"1 route:/v1/chat 2031-04-10T09:00:00Z"_s};
}

void TestRanking::independentCause()
{
    QFETCH(QString, bestCategory);
    QFETCH(QStringList, bestRefs);
    QFETCH(double, bestScore);
    QFETCH(QString, otherCategory);
    QFETCH(QStringList, otherRefs);
    QFETCH(double, otherScore);
    QFETCH(bool, independent);
    QFETCH(QStringList, explains);
    Hypothesis best;
    best.cause.category = bestCategory;
    best.cause.refs = bestRefs;
    best.score = bestScore;
    best.explains = explains.value(0);
    Hypothesis other;
    other.cause.category = otherCategory;
    other.cause.refs = otherRefs;
    other.score = otherScore;
    other.explains = explains.value(1);
    QCOMPARE(Analysis::independentCause(best, other), independent);
}

void TestRanking::upstreamOfFailover_data()
{
    QTest::addColumn<QString>("bestCategory");
    QTest::addColumn<QString>("otherCategory");
    QTest::addColumn<QStringList>("otherRefs");
    QTest::addColumn<double>("otherScore");
    QTest::addColumn<bool>("second");
    const QStringList incident{u"statuspage:anthropic:incident:x"_s, u"provider:anthropic"_s};
    QTest::newRow("a filed bug kept the requests from failing over, an incident failed them")
        << u"known_bug"_s << u"provider_outage"_s << incident << 0.8 << true;
    QTest::newRow("a deploy kept them from failing over")
        << u"deploy_regression"_s << u"provider_outage"_s << incident << 0.8 << true;
    QTest::newRow("the fallback worked: the incident is only named")
        << u"expected_behavior"_s << u"provider_outage"_s << incident << 0.8 << false;
    QTest::newRow("no incident page, only the provider's errors")
        << u"known_bug"_s << u"provider_outage"_s << QStringList{u"provider:anthropic"_s} << 0.8
        << false;
    QTest::newRow("too weak") << u"known_bug"_s << u"provider_outage"_s << incident << 0.5 << false;
}

// On a fallback ticket, what made the requests fail (a provider incident) and what kept them
// from failing over (a bug, a deploy, the config) are two causes, each with its own proof.
void TestRanking::upstreamOfFailover()
{
    QFETCH(QString, bestCategory);
    QFETCH(QString, otherCategory);
    QFETCH(QStringList, otherRefs);
    QFETCH(double, otherScore);
    QFETCH(bool, second);
    Hypothesis best;
    best.cause.category = bestCategory;
    best.cause.refs = {u"linear:issue:GW-1"_s};
    best.score = 0.85;
    Hypothesis other;
    other.cause.category = otherCategory;
    other.cause.refs = otherRefs;
    other.score = otherScore;
    QCOMPARE(Analysis::upstreamOfFailover(best, other), second);
}

// The incident behind many more failures stays second on a fallback ticket: what kept the
// requests from failing over is what the ticket asks about, unless the config was right.
void TestRanking::failoverCauseStaysFirst()
{
    Hypothesis config;
    config.cause.category = u"customer_config"_s;
    config.cause.refs = {u"config:pc-a"_s};
    config.score = 0.85;
    config.failures = 100;
    Hypothesis outage;
    outage.cause.category = u"provider_outage"_s;
    outage.cause.refs = {u"statuspage:openai:incident:x"_s, u"provider:openai"_s};
    outage.score = 0.8;
    outage.failures = 600;
    Analysis::RankingFacts facts;
    facts.ranked = {config, outage};
    facts.failover = true;
    Analysis::RankingVerdict v = Analysis::judgeRanking(facts);
    QCOMPARE(v.best, 0);
    QCOMPARE(v.secondary, QList<int>{1});
    facts.failover = false; // elsewhere the cause behind most failures leads
    v = Analysis::judgeRanking(facts);
    QCOMPARE(v.best, 1);
    // a fallback that could not catch the failures (its target's key was spent) while the
    // config is right: the incident the requests failed on answers first, the missed catch beside
    facts.failover = true;
    facts.ranked[0].missedCatch = true;
    v = Analysis::judgeRanking(facts);
    QCOMPARE(v.best, 1);
    QCOMPARE(v.secondary, QList<int>{0});
}

void TestRanking::refusalsToldByAnotherCause()
{
    Hypothesis teller;
    teller.cause.category = u"customer_config"_s;
    teller.cause.refs = {u"config:pc-a"_s};
    teller.cause.evidenceIds = {u"ev1"_s};
    teller.accountsFor = {u"config:pc-mail"_s};
    Hypothesis told;
    told.cause.category = u"rate_limited"_s;
    told.cause.refs = {u"config:pc-mail"_s, u"docs:docs/limits/budgets.md"_s};
    told.cause.evidenceIds = {u"ev2"_s};
    Hypothesis elsewhere = told;
    elsewhere.cause.refs = {u"config:pc-mail"_s, u"config:pc-other"_s};
    Hypothesis unscoped = told;
    unscoped.cause.refs = {u"docs:docs/limits/budgets.md"_s};
    QList<Hypothesis> all{told, teller, elsewhere, unscoped};
    Analysis::foldAccountedFor(all);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).cause.category, u"customer_config"_s);
    QCOMPARE(all.at(0).cause.evidenceIds, (QStringList{u"ev1"_s, u"ev2"_s}));
    // a cause standing also on refusals of another config, or on none, is its own
    QCOMPARE(all.at(1).cause.refs, elsewhere.cause.refs);
    QCOMPARE(all.at(2).cause.refs, unscoped.cause.refs);
}

void TestRanking::degraded_data()
{
    QTest::addColumn<QString>("connector");
    QTest::addColumn<QStringList>("categories");
    const QStringList deployOrNothing = {u"deploy_regression"_s, u"no_fault_found"_s};
    QTest::newRow("no github") << u"github"_s << QStringList{u"no_fault_found"_s};
    QTest::newRow("no statuspage") << u"statuspage"_s << QStringList{u"deploy_regression"_s};
    QTest::newRow("no linear") << u"linear"_s << QStringList{u"deploy_regression"_s};
    QTest::newRow("no docs") << u"docs"_s << QStringList{u"deploy_regression"_s};
    QTest::newRow("no clickhouse") << u"clickhouse"_s << QStringList{u"no_fault_found"_s};
}

void TestRanking::degraded()
{
    QFETCH(QString, connector);
    QFETCH(QStringList, categories);
    const AnalysisInput in = latencyCase({connector});
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QVERIFY2(categories.contains(r.rootCause->category), qPrintable(dump(r)));
    QVERIFY(!r.notChecked.isEmpty());
    QVERIFY(!r.rootCause->refs.contains(u"github:deployment:446"_s));
    const AnalysisResult full = analyze(latencyCase());
    QVERIFY(r.rootCause->confidence < full.rootCause->confidence);
    if (connector == u"github")
        QVERIFY2(r.rootCause->summary.contains(u"09:14"_s), qPrintable(r.rootCause->summary));
    const QString md = composeDiagnosis(in, investigationOf(in, r));
    QVERIFY(md.contains(u"could not check"_s));
    // a step whose title already names its system is not named twice ("(Linear) (Linear)")
    AnalysisInput titled = latencyCase({connector});
    for (auto &step : titled.steps) {
        if (step.record.connector == connector)
            step.record.title = u"Known things (%1)"_s.arg(connector);
    }
    const AnalysisResult t = analyze(titled);
    static const QRegularExpression doubled(u"(\\([^()]+\\))\\s*\\1"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    for (const QString &line : t.notChecked + t.missing)
        QVERIFY2(!doubled.match(line).hasMatch(), qPrintable(line));
}

void TestRanking::providerOutage()
{
    AnalysisInput in =
        baseInput(u"provider-routing"_s,
                  {u"error_breakdown"_s, u"change_point"_s, u"scope"_s, u"incident_correlation"_s,
                   u"config_lint"_s, u"deploy_correlation"_s, u"known_bugs"_s});
    in.params.provider = u"anthropic"_s;
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"anthropic"_s, u"claude-sonnet-4-6"_s, 529, u"provider_overloaded"_s, 1800,
                    u"2026-11-20T08:02:00Z"_s, u"2026-11-20T09:30:00Z"_s},
                   {u"openai"_s, u"gpt-4o"_s, 500, u"provider_error"_s, 3,
                    u"2026-11-20T03:00:00Z"_s, u"2026-11-20T05:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 60000}}));
    addStep(in, u"orgs"_s, u"clickhouse"_s, u"org_comparison"_s, EvidenceKind::Table,
            table({u"org"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s},
                  {{u"org_acme"_s, 20000, 1800, 900, 2500},
                   {u"org_blue"_s, 9000, 800, 1000, 2600},
                   {u"org_cyan"_s, 5000, 420, 950, 2400}}));
    addStep(
        in, u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
        events({incident(u"anthropic"_s, u"inc1"_s, u"Elevated errors on Claude Sonnet"_s,
                         u"2026-11-20T08:00:00Z"_s, u"2026-11-20T09:35:00Z"_s, {u"Claude API"_s}),
                incident(u"openai"_s, u"inc2"_s, u"Degraded performance for gpt-4o-mini"_s,
                         u"2026-11-18T08:00:00Z"_s, u"2026-11-18T09:00:00Z"_s)}));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(450, u"2026-11-20T07:55:00Z"_s, u"Deploy #450: billing export"_s,
                           {u"src/billing/export.ts"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"provider_outage"_s);
    QVERIFY2(r.rootCause->refs.contains(u"statuspage:anthropic:incident:inc1"_s),
             qPrintable(dump(r)));
    QVERIFY(!r.rootCause->refs.contains(u"statuspage:openai:incident:inc2"_s));
    QVERIFY(!r.rootCause->refs.contains(u"github:deployment:450"_s));
}

// The org comparison spans the whole window: an hour-long burst shared by another org is
// diluted there, so an org near this org's error share counts as hit too.
void TestRanking::otherOrgsHit_data()
{
    QTest::addColumn<int>("orgErrors");
    QTest::addColumn<int>("otherErrors");
    QTest::addColumn<int>("hit");
    QTest::newRow("5% or more") << 600 << 500 << 1;
    QTest::newRow("a diluted burst near this org's share") << 460 << 160 << 1;
    QTest::newRow("quiet background") << 460 << 18 << 0;
    QTest::newRow("well below this org's share") << 2400 << 150 << 0;
    QTest::newRow("too few errors to say") << 40 << 20 << 0;
}

void TestRanking::otherOrgsHit()
{
    QFETCH(int, orgErrors);
    QFETCH(int, otherErrors);
    AnalysisInput in = baseInput(u"api-errors"_s, {u"scope"_s});
    addStep(in, u"orgs"_s, u"clickhouse"_s, u"org_comparison"_s, EvidenceKind::Table,
            table({u"org"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s},
                  {{u"org_acme"_s, 20000, orgErrors, 900, 2500},
                   {u"org_blue"_s, 9000, otherErrors, 1000, 2600}}));
    const Analysis::OrgScope s = Analysis::orgScope(in);
    QVERIFY(s.orgFound);
    QTEST(s.otherOrgsWithErrors, "hit");
}

// A day of every organisation's traffic, its buckets widened to 10 minutes so that all 220 fit
// the answer (the ticket's org first): the comparison in the burst's hour counts each of the
// other 219, and the 120 that failed with this org.
void TestRanking::everyOrgCountsInWidenedBuckets()
{
    AnalysisInput in = baseInput(u"api-errors"_s, {u"scope"_s});
    const QDateTime start = at(u"2026-11-20T00:00:00Z"_s);
    const auto burst = [](int i) {
        return i >= 60 && i < 66 ? 0.5 : 0.0;
    };
    QList<SeriesSpec> specs{{QJsonObject{{u"org"_s, u"org_acme"_s}}, {}, burst}};
    for (int org = 0; org < 219; ++org) {
        specs.append({QJsonObject{{u"org"_s, u"org_%1"_s.arg(org)}},
                      {},
                      org < 120 ? std::function<double(int)>(burst)
                                : std::function<double(int)>([](int) { return 0.0; })});
    }
    QJsonObject data = timeseries(start, 144, 600, specs, false);
    data.insert(u"bucket_requested_s"_s, 300);
    data.insert(u"labels"_s, 220);
    addStep(in, u"orgs_over_time"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            data);
    const Analysis::OrgScope s =
        Analysis::orgScopeIn(in, start.addSecs(600 * 60), start.addSecs(600 * 66));
    QVERIFY(s.orgFound);
    QCOMPARE(s.otherOrgs, 219);
    QCOMPARE(s.otherOrgsWithErrors, 120);
    QCOMPARE(s.orgErrorRate, 0.5);
}

void TestRanking::rateLimited()
{
    AnalysisInput in =
        baseInput(u"api-errors"_s, {u"error_breakdown"_s, u"scope"_s, u"incident_correlation"_s});
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"openai"_s, u"gpt-4o"_s, 429, u"rate_limited"_s, 5200,
                    u"2026-11-20T08:00:00Z"_s, u"2026-11-20T09:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 20000}}));
    addStep(in, u"orgs"_s, u"clickhouse"_s, u"org_comparison"_s, EvidenceKind::Table,
            table({u"org"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s},
                  {{u"org_acme"_s, 20000, 5200, 900, 2500}, {u"org_blue"_s, 9000, 8, 1000, 2600}}));
    addStep(in, u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events, events({}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"rate_limited"_s);
    QVERIFY(r.rootCause->summary.contains(u"08:00"_s));
    QVERIFY(r.rootCause->summary.contains(u"429 rate_limited"_s));
}

// The refusals' own code is what the customer is told (a key's budget is not a rate limit),
// and, with no traffic jump behind them, the config they went through is cited.
void TestRanking::rateLimitedOwnCode()
{
    AnalysisInput in =
        baseInput(u"api-errors"_s, {u"error_breakdown"_s, u"scope"_s, u"incident_correlation"_s});
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"anthropic"_s, u"claude-sonnet-4-6"_s, 429, u"budget_exceeded"_s, 1200,
                    u"2026-11-20T08:00:00Z"_s, u"2026-11-20T09:00:00Z"_s},
                   {u"openai"_s, u"gpt-4o"_s, 500, u"provider_error"_s, 20,
                    u"2026-11-20T02:00:00Z"_s, u"2026-11-20T09:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 20000}}));
    addStep(in, u"ov"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
            table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s,
                   u"errors"_s, u"p50"_s, u"p95"_s},
                  {{u"/v1/chat/completions"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s,
                    u"pc-summaries"_s, u"portkey-python/1.9.2"_s, 8000, 1210, 1400, 3200},
                   {u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4o"_s, u"pc-app"_s,
                    u"portkey-python/1.9.2"_s, 12000, 20, 800, 2000}}));
    addStep(in, u"orgs"_s, u"clickhouse"_s, u"org_comparison"_s, EvidenceKind::Table,
            table({u"org"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s},
                  {{u"org_acme"_s, 20000, 1230, 900, 2500}, {u"org_blue"_s, 9000, 8, 1000, 2600}}));
    addStep(in, u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events, events({}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"rate_limited"_s);
    QVERIFY2(r.rootCause->summary.contains(u"429 budget_exceeded"_s),
             qPrintable(r.rootCause->summary));
    QVERIFY2(r.rootCause->refs.contains(u"config:pc-summaries"_s),
             qPrintable(r.rootCause->refs.join(u", "_s)));
    QVERIFY(!r.rootCause->refs.contains(u"config:pc-app"_s));
}

// A provider incident fails most of the org's requests while a batch job, on a route the org's
// other services share, triples one provider's traffic and meets the org's limit: the refusals
// are a second cause, with the config that sent them, though the route's volume hardly moved.
void TestRanking::rateLimitedBesideAnOutage()
{
    AnalysisInput in =
        baseInput(u"api-errors"_s, {u"error_breakdown"_s, u"scope"_s, u"incident_correlation"_s});
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"anthropic"_s, u"claude-haiku-4-5"_s, 529, u"provider_overloaded"_s, 800,
                    u"2026-11-20T06:00:00Z"_s, u"2026-11-20T07:30:00Z"_s},
                   {u"openai"_s, u"gpt-4.1-mini"_s, 429, u"rate_limited"_s, 300,
                    u"2026-11-20T07:00:00Z"_s, u"2026-11-20T08:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 40000}}));
    addStep(in, u"ov"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
            table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s,
                   u"errors"_s, u"p50"_s, u"p95"_s},
                  {{u"/v1/chat/completions"_s, u"anthropic"_s, u"claude-haiku-4-5"_s, u"pc-chat"_s,
                    u"portkey-node/2.8.0"_s, 26000, 820, 600, 1500},
                   {u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4.1-mini"_s, u"pc-labels"_s,
                    u"portkey-python/1.20.0"_s, 6000, 310, 700, 1700},
                   {u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4.1-mini"_s, u"pc-address"_s,
                    u"portkey-node/2.8.0"_s, 8000, 15, 650, 1600}}));
    // five-minute buckets from midnight: openai 50 a bucket, 160 from 07:00 to 08:00; the
    // route carries anthropic's 100 as well
    QJsonArray openai, route;
    const QDateTime start = at(u"2026-11-20T00:00:00Z"_s);
    for (int i = 0; i < 120; ++i) {
        const QString t = iso(start.addSecs(qint64(i) * 300));
        const bool batch = i >= 84 && i < 96;
        const int n = batch ? 160 : 50;
        openai.append(QJsonArray{t, n, batch ? 40 : 0});
        route.append(QJsonArray{t, n + 100, batch ? 40 : (i >= 72 && i < 90 ? 45 : 0)});
    }
    const auto series = [](const QString &key, const QString &value, const QJsonArray &points) {
        return QJsonObject{{u"labels"_s, QJsonObject{{key, value}}}, {u"points"_s, points}};
    };
    addStep(in, u"by_provider"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            QJsonObject{{u"bucket_s"_s, 300},
                        {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s}},
                        {u"series"_s, QJsonArray{series(u"provider"_s, u"openai"_s, openai)}}});
    addStep(in, u"by_route"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            QJsonObject{
                {u"bucket_s"_s, 300},
                {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s}},
                {u"series"_s, QJsonArray{series(u"route"_s, u"/v1/chat/completions"_s, route)}}});
    addStep(
        in, u"orgs"_s, u"clickhouse"_s, u"org_comparison"_s, EvidenceKind::Table,
        table({u"org"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s},
              {{u"org_acme"_s, 40000, 1145, 900, 2500}, {u"org_blue"_s, 9000, 300, 700, 1600}}));
    addStep(in, u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
            events({incident(u"anthropic"_s, u"hk1"_s, u"Elevated errors on Claude Haiku 4.5"_s,
                             u"2026-11-20T06:00:00Z"_s, u"2026-11-20T07:30:00Z"_s)}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"provider_outage"_s);
    const auto limit =
        std::find_if(r.secondaryCauses.cbegin(), r.secondaryCauses.cend(),
                     [](const RootCause &c) { return c.category == u"rate_limited"_s; });
    QVERIFY2(limit != r.secondaryCauses.cend(), qPrintable(dump(r)));
    QVERIFY2(limit->refs.contains(u"config:pc-labels"_s), qPrintable(limit->refs.join(u", "_s)));
}

void TestRanking::fallbackConfig()
{
    AnalysisInput in = baseInput(
        u"fallback"_s, {u"fallback_analysis"_s, u"config_lint"_s, u"incident_correlation"_s});
    addStep(in, u"fb"_s, u"clickhouse"_s, u"fallback_stats"_s, EvidenceKind::Table,
            table({u"config_id"_s, u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s,
                   u"fallback_used"_s, u"attempts"_s, u"n"_s, u"avg_latency_ms"_s,
                   u"p95_latency_ms"_s, u"max_latency_ms"_s},
                  {{u"pc-acme-prod"_s, u"openai"_s, u"gpt-4o"_s, 504, u"provider_timeout"_s, 0, 1,
                    850, 45010, 45100, 45200},
                   {u"pc-acme-prod"_s, u"openai"_s, u"gpt-4o"_s, 200, u""_s, 0, 1, 30000, 800, 2000,
                    9000}}));
    addStep(
        in, u"cfg"_s, u"gateway"_s, u"config"_s, EvidenceKind::Config,
        QJsonObject{
            {u"ref"_s, u"config:pc-acme-prod"_s},
            {u"config_id"_s, u"pc-acme-prod"_s},
            {u"config"_s,
             QJsonObject{
                 {u"strategy"_s, QJsonObject{{u"mode"_s, u"fallback"_s}}},
                 {u"targets"_s,
                  QJsonArray{
                      QJsonObject{{u"virtual_key"_s, u"openai-prod"_s},
                                  {u"override_params"_s, QJsonObject{{u"model"_s, u"gpt-4o"_s}}}},
                      QJsonObject{{u"virtual_key"_s, u"anthropic-prod"_s},
                                  {u"override_params"_s,
                                   QJsonObject{{u"model"_s, u"claude-sonnet-4-6"_s}}}}}}}}});
    addStep(in, u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
            events({incident(u"openai"_s, u"to1"_s, u"Increased latency and timeouts for gpt-4o"_s,
                             u"2026-11-20T08:00:00Z"_s, u"2026-11-20T09:00:00Z"_s)}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"customer_config"_s);
    QVERIFY2(r.rootCause->refs.contains(u"config:pc-acme-prod"_s), qPrintable(dump(r)));
    QVERIFY(r.rootCause->summary.contains(u"request_timeout"_s));
    const QString md = composeDiagnosis(in, investigationOf(in, r));
    QVERIFY2(md.contains(u"\"request_timeout\": 20000"_s), qPrintable(md));
}

// A fallback that worked as configured says which statuses the config fails over on: what the
// reader checks against the provider's errors of the time.
void TestRanking::fallbackWorkedNamesItsCodes()
{
    AnalysisInput in = baseInput(u"fallback"_s, {u"fallback_analysis"_s, u"config_lint"_s});
    addStep(in, u"fb"_s, u"clickhouse"_s, u"fallback_stats"_s, EvidenceKind::Table,
            table({u"config_id"_s, u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s,
                   u"fallback_used"_s, u"attempts"_s, u"n"_s, u"avg_latency_ms"_s,
                   u"p95_latency_ms"_s, u"max_latency_ms"_s},
                  {{u"pc-acme-desk"_s, u"openai"_s, u"gpt-4o"_s, 200, u""_s, 1, 2, 400, 1500, 3000,
                    6000},
                   {u"pc-acme-desk"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s, 200, u""_s, 0, 1,
                    20000, 1300, 3000, 9000}}));
    addStep(
        in, u"cfg"_s, u"gateway"_s, u"config"_s, EvidenceKind::Config,
        QJsonObject{
            {u"ref"_s, u"config:pc-acme-desk"_s},
            {u"config_id"_s, u"pc-acme-desk"_s},
            {u"config"_s,
             QJsonObject{
                 {u"strategy"_s, QJsonObject{{u"mode"_s, u"fallback"_s}}},
                 {u"targets"_s,
                  QJsonArray{
                      QJsonObject{
                          {u"virtual_key"_s, u"anthropic-prod"_s},
                          {u"override_params"_s, QJsonObject{{u"model"_s, u"claude-sonnet-4-6"_s}}},
                          {u"request_timeout"_s, 30000},
                          {u"retry"_s,
                           QJsonObject{{u"attempts"_s, 2},
                                       {u"on_status_codes"_s, QJsonArray{429, 503, 529}}}}},
                      QJsonObject{{u"virtual_key"_s, u"openai-prod"_s},
                                  {u"override_params"_s, QJsonObject{{u"model"_s, u"gpt-4o"_s}}},
                                  {u"request_timeout"_s, 30000}}}}}}});
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"expected_behavior"_s);
    QVERIFY2(r.rootCause->summary.contains(u"fails over on 429, 503, 529"_s),
             qPrintable(r.rootCause->summary));
}

void TestRanking::webhookEndpoint()
{
    AnalysisInput in =
        baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s, u"deploy_correlation"_s});
    const QStringList cols = {u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                              u"n"_s,        u"first"_s, u"last"_s};
    addStep(
        in, u"a_own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
        table(cols, {{u"https://hooks.acme.dev/relay"_s, u"request.completed"_s, 200, u""_s, 3000,
                      u"2026-11-19T10:00:00Z"_s, u"2026-11-20T06:59:00Z"_s},
                     {u"https://hooks.acme.dev/relay"_s, u"request.completed"_s, 0, u"tls_error"_s,
                      900, u"2026-11-20T07:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}}));
    addStep(
        in, u"b_all"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
        table(cols, {{u"https://hooks.acme.dev/relay"_s, u"request.completed"_s, 0, u"tls_error"_s,
                      900, u"2026-11-20T07:00:00Z"_s, u"2026-11-20T10:00:00Z"_s},
                     {u"https://blue.example/wh"_s, u"request.completed"_s, 200, u""_s, 4000,
                      u"2026-11-19T10:00:00Z"_s, u"2026-11-20T10:00:00Z"_s},
                     {u"https://cyan.example/wh"_s, u"request.completed"_s, 200, u""_s, 4000,
                      u"2026-11-19T10:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}}));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(460, u"2026-11-20T06:50:00Z"_s, u"Deploy #460: dashboard colours"_s,
                           {u"web/theme.css"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"customer_endpoint"_s);
    QVERIFY(r.rootCause->refs.contains(u"endpoint:https://hooks.acme.dev/relay"_s));
    QVERIFY(!r.rootCause->refs.contains(u"github:deployment:460"_s));
    QVERIFY(r.rootCause->summary.contains(u"07:00"_s) &&
            r.rootCause->summary.contains(u"tls_error"_s));
}

void TestRanking::webhookSignatureAfterDeploy()
{
    AnalysisInput in =
        baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s, u"deploy_correlation"_s});
    const QStringList cols = {u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                              u"n"_s,        u"first"_s, u"last"_s};
    addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
            table(cols, {{u"https://hooks.acme.dev/relay"_s, u"request.completed"_s, 401,
                          u"signature_rejected"_s, 700, u"2026-11-20T08:31:00Z"_s,
                          u"2026-11-20T10:00:00Z"_s}}));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(461, u"2026-11-20T08:27:00Z"_s,
                           u"Deploy #461: rotate webhook signing keys"_s,
                           {u"src/webhooks/signer.ts"_s}),
                    deploy(459, u"2026-11-20T08:10:00Z"_s, u"Deploy #459: docs"_s,
                           {u"docs/webhooks.md"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"deploy_regression"_s);
    QVERIFY2(r.rootCause->refs.contains(u"github:deployment:461"_s), qPrintable(dump(r)));
    // the deploy, and the endpoint where what it broke shows
    QVERIFY2(r.rootCause->refs.contains(u"endpoint:https://hooks.acme.dev/relay"_s),
             qPrintable(dump(r)));
    QVERIFY(!r.rootCause->refs.contains(u"github:deployment:459"_s));
}

// Nothing wrong with the deliveries: the no-fault cause cites what shows it, the customer's
// endpoint answering 2xx, and nothing else.
void TestRanking::webhooksDeliveredNoFault()
{
    AnalysisInput in =
        baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s, u"deploy_correlation"_s});
    const QStringList cols = {u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                              u"n"_s,        u"first"_s, u"last"_s};
    addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
            table(cols, {{u"https://hooks.acme.dev/relay"_s, u"request.completed"_s, 200, u""_s,
                          900, u"2026-11-20T06:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}}));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(459, u"2026-11-20T08:10:00Z"_s, u"Deploy #459: webhook signing"_s,
                           {u"src/webhooks/signer.ts"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"no_fault_found"_s);
    QCOMPARE(r.rootCause->refs, QStringList{u"endpoint:https://hooks.acme.dev/relay"_s});
}

void TestRanking::metadataSdk()
{
    AnalysisInput in = baseInput(
        u"metadata"_s, {u"metadata_presence"_s, u"deploy_correlation"_s, u"known_bugs"_s});
    addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
            table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s},
                  {{u"portkey-node/1.8.0"_s, 4000, 4000, u"2026-11-18T00:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s},
                   {u"portkey-node/2.0.0"_s, 1500, 0, u"2026-11-20T06:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s}}));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(470, u"2026-11-20T05:00:00Z"_s, u"Deploy #470: metadata size limit"_s,
                           {u"src/middleware/metadata.ts"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"sdk_version"_s);
    QVERIFY(r.rootCause->refs.contains(u"sdk:portkey-node/2.0.0"_s));
    QVERIFY(!r.rootCause->refs.contains(u"github:deployment:470"_s));
}

namespace {

AnalysisInput billingCase(bool doubled)
{
    AnalysisInput in = baseInput(u"token-billing"_s, {u"token_reconciliation"_s, u"docs_lookup"_s});
    QList<QJsonArray> rows;
    QJsonArray meterPoints;
    double quantity = 0;
    for (int d = 0; d < 10; ++d) {
        const QString day = u"2026-11-0"_s + QString::number(d);
        const QDate date(2026, 11, d + 1);
        const double p = 1000000, c = 200000, k = 300000;
        rows.append(QJsonArray{date.toString(Qt::ISODate), 1000, p, c, k, 12.5});
        double billed = p + c - k; // cached excluded
        if (doubled && (d == 3 || d == 4))
            billed *= 2;
        quantity += billed;
        meterPoints.append(
            QJsonArray{QString(date.toString(Qt::ISODate) + u"T00:00:00Z"_s), billed});
        Q_UNUSED(day)
    }
    addStep(in, u"usage"_s, u"clickhouse"_s, u"token_usage"_s, EvidenceKind::Table,
            table({u"day"_s, u"requests"_s, u"prompt_tokens"_s, u"completion_tokens"_s,
                   u"cached_tokens"_s, u"cost_usd"_s},
                  rows));
    addStep(in, u"inv"_s, u"stripe"_s, u"invoices"_s, EvidenceKind::Table,
            table({u"id"_s, u"status"_s, u"period_start"_s, u"period_end"_s, u"amount_due"_s,
                   u"currency"_s, u"metered_quantity"_s, u"lines"_s},
                  {{u"in_1"_s, u"open"_s, u"2026-11-01T00:00:00Z"_s, u"2026-11-11T00:00:00Z"_s,
                    1000, u"usd"_s, quantity, QJsonArray{}}},
                  QJsonObject{{u"refs"_s, QJsonArray{u"stripe:invoice:in_1"_s}}}));
    addStep(in, u"meter"_s, u"stripe"_s, u"meter_summaries"_s, EvidenceKind::TimeSeries,
            QJsonObject{{u"columns"_s, QJsonArray{u"t"_s, u"value"_s}},
                        {u"series"_s, QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{}},
                                                             {u"points"_s, meterPoints}}}}});
    addStep(
        in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
        docs(
            {{u"docs/billing/tokens.md"_s,
              u"# Token billing\n\nCached prompt tokens are not billed: the invoice counts prompt and completion tokens minus cached tokens.\n"_s}}));
    return in;
}

} // namespace

void TestRanking::billingDoubleCount()
{
    const AnalysisInput in = billingCase(true);
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"billing_pipeline"_s);
    QVERIFY(r.rootCause->refs.contains(u"stripe:invoice:in_1"_s));
    QVERIFY2(r.rootCause->summary.contains(u"2026-11-04"_s), qPrintable(r.rootCause->summary));
}

void TestRanking::billingExpected()
{
    const AnalysisInput in = billingCase(false);
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"expected_behavior"_s);
    QVERIFY(r.rootCause->refs.contains(u"stripe:invoice:in_1"_s));
    QVERIFY(r.rootCause->refs.contains(u"docs:docs/billing/tokens.md"_s));
}

void TestRanking::docsPageGivesWayToCausePage()
{
    // a page that shares more of the ticket's words than the policy page the cause cites
    AnalysisInput in = billingCase(false);
    in.params.keywords = {u"invoice"_s, u"usage"_s, u"export"_s};
    const QString page = u"docs:docs/billing/usage-export.md"_s;
    addStep( // (replaces the case's docs step)
        in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
        docs(
            {{u"docs/billing/tokens.md"_s,
              u"# Token billing\n\nCached prompt tokens are not billed: the invoice counts prompt and completion tokens minus cached tokens.\n"_s},
             {u"docs/billing/usage-export.md"_s,
              u"# Invoice usage export\n\nThe usage export lists each invoice's usage per day; an export of the invoice usage is a CSV file.\n"_s}}));
    const auto cites = [](const QList<Finding> &findings, const QString &ref) {
        return std::ranges::any_of(findings,
                                   [&](const Finding &f) { return f.refs.contains(ref); });
    };
    // the docs lookup offers it for the ticket's words
    const AnalyzerOutput lookup = analyzeDocsLookup(in);
    QVERIFY(cites(lookup.findings, page));
    const AnalysisResult r = analyze(in);
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"expected_behavior"_s);
    QVERIFY(r.rootCause->refs.contains(u"docs:docs/billing/tokens.md"_s));
    QVERIFY2(!cites(r.findings, page), "a page offered for the words stays beside the cause's");
    // with no cause citing a page of its own, the lookup's page is a finding
    const AnalysisResult latency = analyze(latencyCase());
    QVERIFY(latency.rootCause);
    QVERIFY(!std::ranges::any_of(latency.rootCause->refs,
                                 [](const QString &ref) { return ref.startsWith(u"docs:"); }));
    QVERIFY(cites(latency.findings, u"docs:docs/dashboard/analytics.md"_s));
}

void TestRanking::noFault()
{
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s, u"deploy_correlation"_s});
    const QList<SeriesSpec> routes = {{QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}},
                                       [](int i) { return 900.0 + noise(i, 200); },
                                       {},
                                       30}};
    addStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            timeseries(in.params.window.from, 1500, 60, routes));
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(480, u"2026-11-20T08:00:00Z"_s, u"Deploy #480: chat tweaks"_s,
                           {u"src/routes/chat.ts"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"no_fault_found"_s);
    QVERIFY(r.rootCause->refs.isEmpty());
}

void TestRanking::diagnosisEscapesTicket()
{
    AnalysisInput in = latencyCase();
    in.ticket.subject = u"<script>alert(1)</script> **urgent** [x](javascript:alert(1))"_s;
    in.ticket.requesterName = u"<img src=x onerror=alert(1)>"_s;
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    const QString md = composeDiagnosis(in, investigationOf(in, r));
    const QString html = renderMarkdownToSafeHtml(md);
    QVERIFY2(!html.contains(u"<script"_s) && !html.contains(u"<img"_s) &&
                 !html.contains(u"<strong>urgent"_s),
             qPrintable(html));
    QVERIFY(html.contains(u"&lt;script&gt;"_s));
}

void TestRanking::rateLimitedVolumeSpike()
{
    AnalysisInput in = baseInput(u"api-errors"_s, {u"error_breakdown"_s, u"deploy_correlation"_s});
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"openai"_s, u"text-embedding-3-small"_s, 429, u"rate_limited"_s, 4000,
                    u"2026-11-20T08:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 12000}}));
    const QDateTime start = at(u"2026-11-20T06:00:00Z"_s);
    QList<SeriesSpec> routes = {
        {QJsonObject{{u"route"_s, u"/v1/embeddings"_s}}, {}, [](int) { return 0.0; }, 10},
        {QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}}, {}, [](int) { return 0.0; }, 30}};
    QJsonObject series = timeseries(start, 240, 60, routes, false);
    // embeddings traffic grows sixfold at 08:00
    QJsonArray all = series.value(u"series"_s).toArray();
    QJsonObject emb = all.at(0).toObject();
    QJsonArray points = emb.value(u"points"_s).toArray();
    for (int i = 120; i < points.size(); ++i) {
        QJsonArray p = points.at(i).toArray();
        p[1] = 60;
        points[i] = p;
    }
    emb.insert(u"points"_s, points);
    all[0] = emb;
    series.insert(u"series"_s, all);
    addStep(in, u"routes"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries, series);
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"rate_limited"_s);
    QVERIFY2(r.rootCause->refs.contains(u"route:/v1/embeddings"_s), qPrintable(dump(r)));
    QVERIFY(r.rootCause->summary.contains(u"08:00"_s));
}

void TestRanking::metadataOneVersionOnly()
{
    AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
    addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
            table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s},
                  {{u"portkey-node/2.0.0"_s, 3000, 0, u"2026-11-19T00:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s},
                   {u"portkey-python/1.9.2"_s, 2000, 2000, u"2026-11-19T00:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s},
                   {u"dashboard/2026.11"_s, 900, 0, u"2026-11-19T00:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s}}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"sdk_version"_s);
    QCOMPARE(r.rootCause->refs, QStringList{u"sdk:portkey-node/2.0.0"_s});
}

void TestRanking::metadataGatewayDeploy()
{
    AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s, u"known_bugs"_s});
    addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
            table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s},
                  {{u"portkey-python/1.9.2"_s, 30000, 28000, u"2026-11-18T00:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s},
                   {u"portkey-node/1.8.0"_s, 9000, 8400, u"2026-11-18T00:00:00Z"_s,
                    u"2026-11-20T10:00:00Z"_s}}));
    QJsonObject d1555 =
        deploy(1555, u"2026-11-20T08:25:20Z"_s,
               u"Deploy #1555: transform: build provider headers from an allowlist"_s,
               {u"src/transform/headers.ts"_s},
               u"transform: forward only allowlisted x-portkey-* headers"_s);
    d1555.insert(u"finished"_s, u"2026-11-20T08:27:45Z"_s);
    addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
            events({deploy(1554, u"2026-11-19T17:00:00Z"_s,
                           u"Deploy #1554: dashboard: metadata column in the logs table"_s,
                           {u"ui/logs/table.tsx"_s}),
                    d1555}));
    addStep(in, u"bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events,
            events({issue(u"linear:issue:GW-470"_s,
                          u"Metadata values over 512 characters are truncated silently"_s,
                          u"Long values are cut."_s, u"backlog"_s, u"2026-11-15T10:00:00Z"_s,
                          {u"metadata"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"deploy_regression"_s);
    QCOMPARE(r.rootCause->refs, QStringList{u"github:deployment:1555"_s});
    QVERIFY2(r.rootCause->summary.contains(u"08:28"_s), qPrintable(r.rootCause->summary));
}

void TestRanking::knownBugBySignature()
{
    AnalysisInput in =
        baseInput(u"provider-routing"_s, {u"error_breakdown"_s, u"scope"_s, u"known_bugs"_s});
    in.params.provider = u"anthropic"_s;
    in.params.keywords = {u"claude"_s, u"tool_use"_s, u"tool_result"_s};
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"anthropic"_s, u"claude-sonnet-4-6"_s, 400, u"invalid_request"_s, 900,
                    u"2026-11-20T00:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 6000}}));
    addStep(in, u"bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events,
            events({issue(u"linear:issue:GW-418"_s,
                          u"Anthropic adapter: 400 invalid_request for parallel tool_calls"_s,
                          u"Tool results are split into separate user turns."_s, u"started"_s,
                          u"2026-11-19T09:30:00Z"_s, {u"bug"_s, u"provider:anthropic"_s}),
                    issue(u"linear:issue:GW-288"_s,
                          u"Anthropic adapter drops cache_control on system blocks"_s,
                          u"cache_control is lost."_s, u"started"_s, u"2026-11-11T10:00:00Z"_s,
                          {u"bug"_s, u"provider:anthropic"_s})}));
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"known_bug"_s);
    QCOMPARE(r.rootCause->refs, QStringList{u"linear:issue:GW-418"_s});
}

void TestRanking::billingDoubledHours()
{
    AnalysisInput in = billingCase(false);
    // the invoice is 20% high and the hourly meter shows 14:00-18:00 counted twice
    QJsonArray hourly;
    for (int h = 0; h < 24 * 10; ++h) {
        const QDateTime t = at(u"2026-11-01T00:00:00Z"_s).addSecs(qint64(h) * 3600);
        double v = 37500.0;
        if (t.date() == QDate(2026, 11, 4) && t.time().hour() >= 14 && t.time().hour() < 18)
            v *= 2;
        hourly.append(QJsonArray{toIsoUtc(t), v});
    }
    addStep(in, u"meter_hourly"_s, u"stripe"_s, u"meter_summaries"_s, EvidenceKind::TimeSeries,
            QJsonObject{{u"columns"_s, QJsonArray{u"t"_s, u"value"_s}},
                        {u"series"_s, QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{}},
                                                             {u"points"_s, hourly}}}}});
    // bill the extra four hours
    StepData &inv = in.steps[u"inv"_s];
    QJsonObject data = inv.evidence[0].data;
    QJsonArray rows = data.value(u"rows"_s).toArray();
    QJsonArray row = rows.at(0).toArray();
    row[6] = row.at(6).toDouble() + 4 * 37500.0;
    rows[0] = row;
    data.insert(u"rows"_s, rows);
    inv.evidence[0].data = data;
    in.steps.remove(u"meter"_s); // no daily summaries: the hourly ones locate the fault
    const AnalysisResult r = analyze(in);
    QVERIFY2(unworded(r, in).isEmpty(), qPrintable(unworded(r, in)));
    QVERIFY(r.rootCause);
    QCOMPARE(r.rootCause->category, u"billing_pipeline"_s);
    QVERIFY2(r.rootCause->summary.contains(u"14:00"_s), qPrintable(r.rootCause->summary));
}

// A cause the customer acts on cites the page that states it: the page sharing its specific
// terms, not any page that happens to carry a status code.
void TestRanking::docStatingCause_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QStringList>("refs");
    QTest::addColumn<QString>("cited");
    const QString limit = u"2,104 requests (6.1% of all) were rejected with 429 budget_exceeded "
                          u"between 11:42 UTC and 12:30"_s;
    QTest::newRow("the page naming the limit's code")
        << u"rate_limited"_s << limit << QStringList{u"config:pc-a"_s}
        << u"docs:docs/limits/budgets.md"_s;
    QTest::newRow("a config key the page explains")
        << u"customer_config"_s
        << u"512 requests (config pc-b) failed on timeouts after 54 s: no request_timeout"_s
        << QStringList{u"config:pc-b"_s} << u"docs:docs/routing/fallbacks.md"_s;
    QTest::newRow("the page's subject in the summary")
        << u"expected_behavior"_s << u"Fallback worked as configured in pc-c"_s
        << QStringList{u"config:pc-c"_s} << u"docs:docs/routing/fallbacks.md"_s;
    QTest::newRow("an SDK version the page names")
        << u"sdk_version"_s << u"Requests from portkey-node/2.0.0 carry nothing (0% of 1,286)"_s
        << QStringList{u"sdk:portkey-node/2.0.0"_s} << u"docs:docs/sdk/node.md"_s;
    QTest::newRow("one status code is not enough")
        << u"customer_config"_s << u"Requests through pc-d failed with 503"_s
        << QStringList{u"config:pc-d"_s} << QString();
    QTest::newRow("counts and times are not codes")
        << u"rate_limited"_s << u"1,429 requests refused from 16:59 to 17:30"_s
        << QStringList{u"config:pc-e"_s} << QString();
    QTest::newRow("an incident states no page")
        << u"provider_outage"_s << u"429 rate_limited from openai during its incident"_s
        << QStringList{u"provider:openai"_s} << QString();
    QTest::newRow("a cause citing a page keeps it")
        << u"expected_behavior"_s << u"429 budget_exceeded as documented"_s
        << QStringList{u"docs:docs/limits/rate-limits.md"_s} << QString();
}

void TestRanking::docStatingCause()
{
    QFETCH(QString, category);
    QFETCH(QString, summary);
    QFETCH(QStringList, refs);
    QFETCH(QString, cited);
    const QList<Analysis::DocPage> pages{
        {u"docs:docs/limits/rate-limits.md"_s, u"Rate limits"_s,
         u"Each key may send 600 requests a minute; above it the gateway answers 429 "
         u"rate_limited. Retry after the Retry-After header."_s,
         u"ev1"_s},
        {u"docs:docs/limits/budgets.md"_s, u"Budgets"_s,
         u"A virtual key with a budget answers 429 budget_exceeded once the month's budget is "
         u"spent."_s,
         u"ev1"_s},
        {u"docs:docs/routing/fallbacks.md"_s, u"Fallbacks"_s,
         u"A target fails over on a status listed in on_status_codes (503, 529) or when it "
         u"exceeds request_timeout."_s,
         u"ev2"_s},
        {u"docs:docs/sdk/node.md"_s, u"Node SDK"_s,
         u"portkey-node 2.0.0 moved metadata to the options object; 2.0.1 restores the "
         u"header."_s,
         u"ev2"_s}};
    RootCause cause;
    cause.category = category;
    cause.summary = summary;
    cause.refs = refs;
    const qsizetype i = Analysis::docStatingCause(cause, pages);
    QCOMPARE(i >= 0 ? pages.at(i).ref : QString(), cited);
}

QTEST_GUILESS_MAIN(TestRanking)
#include "tst_ranking.moc"
