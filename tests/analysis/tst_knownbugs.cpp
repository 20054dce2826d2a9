// known_bugs: an issue of the tracker is cited only when it names what failed (two specific
// details of it: provider, model, route, error signature, component), never on one word in
// common or on the words of the area ("billing", "invoice") alone. Each tracker (Linear,
// Jira) counts the same, and a workspace without a tracker says so.
#include "evidence.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/knownbugs.h"

#include <QTest>

using namespace TestSupport;
using namespace Casefile::Analysis;

Q_DECLARE_METATYPE(Casefile::Analysis::KnownBugMatch)

namespace {

// Anthropic's chat route answers 400 invalid_request since 10:00, for tool calls.
KnownBugProblem toolCallProblem()
{
    KnownBugProblem p;
    p.providers = {u"anthropic"_s};
    p.models = {u"sonnet"_s};
    p.routes = {u"chat"_s, u"completions"_s};
    p.components = {u"tool_calls"_s, u"tools"_s};
    p.area = {u"routing"_s, u"provider"_s};
    p.symptoms = {u"errors"_s};
    p.signatures = {u"400"_s, u"invalid_request"_s};
    p.orgRoutes = {u"/v1/chat/completions"_s, u"/v1/embeddings"_s};
    p.onset = at(u"2026-11-20T10:00:00Z"_s);
    return p;
}

// An invoice's metered token count is higher than the customer's logs: no change, no error.
KnownBugProblem billingProblem()
{
    KnownBugProblem p;
    p.providers = {u"anthropic"_s};
    p.components = {u"counts"_s, u"logged"_s};
    p.area = {u"billing"_s, u"meter"_s,  u"metering"_s, u"invoice"_s,
              u"usage"_s,   u"tokens"_s, u"cached"_s,   u"stripe"_s};
    return p;
}

TrackerIssue trackerIssue(const QString &title, const QString &description,
                          const QStringList &labels = {}, bool open = true,
                          const QString &created = u"2026-11-20T10:30:00Z"_s)
{
    TrackerIssue i;
    i.ref = u"jira:issue:OPS-7"_s;
    i.title = title;
    i.description = description;
    i.state = open ? u"In Progress"_s : u"Done"_s;
    i.labels = labels;
    i.open = open;
    i.created = at(created);
    i.evidenceId = u"ev1"_s;
    return i;
}

} // namespace

class TestKnownBugs final : public QObject
{
    Q_OBJECT

private slots:
    void judgement_data()
    {
        QTest::addColumn<bool>("billing");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<bool>("open");
        QTest::addColumn<QString>("created");
        QTest::addColumn<KnownBugMatch>("match");
        const QString after = u"2026-11-20T10:30:00Z"_s;
        const QString longBefore = u"2026-10-01T10:00:00Z"_s;
        QTest::newRow("provider, route and error signature")
            << false << u"Anthropic adapter: 400 for parallel tool_calls on chat completions"_s
            << u"The adapter answers invalid_request."_s
            << QStringList{u"bug"_s, u"provider:anthropic"_s} << true << after
            << KnownBugMatch::Describes;
        QTest::newRow("model and signature, in the description")
            << false << u"Sonnet rejects long tool lists"_s
            << u"Anthropic answers 400 invalid_request when a request lists 130 tools."_s
            << QStringList{} << true << after << KnownBugMatch::Describes;
        QTest::newRow("only the provider's name")
            << false << u"Anthropic adapter drops stop_sequences"_s
            << u"stop_sequences are not forwarded."_s << QStringList{u"bug"_s} << true << after
            << KnownBugMatch::OneDetail;
        QTest::newRow("another provider's label")
            << false << u"Adapter: 400 for parallel tool_calls"_s
            << u"Chat completions fail with invalid_request."_s
            << QStringList{u"provider:azure-openai"_s} << true << after
            << KnownBugMatch::OtherProvider;
        QTest::newRow("another component's label")
            << false << u"Playground chat renders tool calls slowly"_s << u"Front end only."_s
            << QStringList{u"playground"_s} << true << after << KnownBugMatch::OtherComponent;
        QTest::newRow("provider and signature, on a path the org never called")
            << false << u"Anthropic: 400 invalid_request on /v1/messages/batches"_s
            << u"Batch requests are refused."_s << QStringList{u"provider:anthropic"_s} << true
            << after << KnownBugMatch::OtherComponent;
        QTest::newRow("provider and signature, on a path the org called")
            << false << u"Anthropic: 400 invalid_request for tool_calls"_s
            << u"Seen on /v1/chat/completions and /v1/messages."_s
            << QStringList{u"provider:anthropic"_s} << true << after << KnownBugMatch::Describes;
        QTest::newRow("closed") << false << u"Anthropic: 400 invalid_request for tool_calls"_s
                                << u"Fixed."_s << QStringList{} << false << after
                                << KnownBugMatch::Closed;
        QTest::newRow("filed long before, without the signature")
            << false << u"Anthropic chat completions drop tool results"_s
            << u"Tool results vanish."_s << QStringList{} << true << longBefore
            << KnownBugMatch::TooOld;
        QTest::newRow("filed long before, with the signature")
            << false << u"Anthropic chat completions: 400 on tool results"_s << QString()
            << QStringList{} << true << longBefore << KnownBugMatch::Describes;
        QTest::newRow("nothing in common")
            << false << u"Dark mode for the dashboard"_s << QString() << QStringList{} << true
            << after << KnownBugMatch::Unrelated;
        QTest::newRow("only the symptom")
            << false << u"Export errors on large CSV files"_s << QString() << QStringList{} << true
            << after << KnownBugMatch::OneDetail;
        QTest::newRow("the area and the symptom")
            << false << u"Provider routing errors after a config change"_s << QString()
            << QStringList{} << true << after << KnownBugMatch::Describes;
        QTest::newRow("billing: only the area's words")
            << true << u"Stripe tax ID not shown on EU invoices"_s << QString()
            << QStringList{u"billing"_s, u"tax"_s} << true << after << KnownBugMatch::AreaOnly;
        QTest::newRow("billing: a display-only bug")
            << true << u"Usage page rounds token totals"_s << u"Display only."_s
            << QStringList{u"usage-ui"_s} << true << after << KnownBugMatch::AreaOnly;
        QTest::newRow("billing: the area and one detail")
            << true << u"Anthropic invoices show the wrong currency"_s << QString()
            << QStringList{u"billing"_s} << true << after << KnownBugMatch::OneDetail;
        QTest::newRow("billing: what failed, named")
            << true << u"Logged token counts differ from the invoice for Anthropic"_s << QString()
            << QStringList{u"billing"_s} << true << after << KnownBugMatch::Describes;
    }

    void judgement()
    {
        QFETCH(bool, billing);
        QFETCH(QString, title);
        QFETCH(QString, description);
        QFETCH(QStringList, labels);
        QFETCH(bool, open);
        QFETCH(QString, created);
        QFETCH(KnownBugMatch, match);
        const KnownBugProblem problem = billing ? billingProblem() : toolCallProblem();
        const KnownBugJudgement j =
            judgeKnownBug(problem, trackerIssue(title, description, labels, open, created));
        QCOMPARE(j.match, match);
        if (match == KnownBugMatch::Describes) {
            QVERIFY(j.confidence >= 0.5 && j.confidence <= 0.9);
            QVERIFY(j.overlap.strongKinds() >= 1);
        }
    }

    // Without the error signature, words alone make a weaker case than with it.
    void signatureStrengthensTheCase()
    {
        const KnownBugProblem p = toolCallProblem();
        const KnownBugJudgement with = judgeKnownBug(
            p, trackerIssue(u"Anthropic chat completions: 400 on tool_calls"_s, QString()));
        const KnownBugJudgement without = judgeKnownBug(
            p, trackerIssue(u"Anthropic chat completions drop tool_calls"_s, QString()));
        QCOMPARE(with.match, KnownBugMatch::Describes);
        QCOMPARE(without.match, KnownBugMatch::Describes);
        QVERIFY(with.confidence > without.confidence);
        QVERIFY(without.confidence < 0.61);
    }

    // An invoice off by exactly one provider's tokens: an open billing issue naming that
    // provider describes what the data measured, more firmly than any word overlap; an issue
    // about another provider does not.
    void measuredPartDescribesTheFault()
    {
        KnownBugProblem p = billingProblem();
        const TrackerIssue issue =
            trackerIssue(u"Usage meter counts Anthropic requests twice"_s,
                         u"Invoices overstate Anthropic tokens."_s, {u"billing"_s});
        const KnownBugJudgement words = judgeKnownBug(p, issue);
        QVERIFY(words.match != KnownBugMatch::Describes || words.confidence < 0.8);
        p.measured = u"anthropic"_s;
        p.signatures = {u"anthropic"_s};
        const KnownBugJudgement measured = judgeKnownBug(p, issue);
        QCOMPARE(measured.match, KnownBugMatch::Describes);
        QCOMPARE(measured.confidence, 0.95);
        const KnownBugJudgement other =
            judgeKnownBug(p, trackerIssue(u"Usage meter counts OpenAI requests twice"_s,
                                          u"Invoices overstate OpenAI tokens."_s, {u"billing"_s}));
        QVERIFY(other.match != KnownBugMatch::Describes || other.confidence < 0.8);
    }

    // Metadata lost on the requests to one provider ("azure-openai", its words "azure" and
    // "openai" taken from the text): an issue labelled with that provider is about what the
    // logs measured; one labelled with another provider is not.
    void providerLabelOfTheMeasuredProvider()
    {
        KnownBugProblem p;
        p.providers = {u"azure"_s, u"openai"_s};
        p.area = {u"metadata"_s};
        p.measured = u"azure-openai"_s;
        p.measuredOn = u"provider:azure-openai"_s;
        p.signatures = {p.measured};
        p.areaIsTheFault = true;
        p.onset = at(u"2026-11-20T10:00:00Z"_s);
        const QString title = u"Azure OpenAI: custom metadata not stored"_s;
        const QString text = u"Requests routed to Azure OpenAI are logged with metadata {}."_s;
        const KnownBugJudgement labelled =
            judgeKnownBug(p, trackerIssue(title, text, {u"provider:azure-openai"_s}));
        QCOMPARE(labelled.match, KnownBugMatch::Describes);
        const KnownBugJudgement other =
            judgeKnownBug(p, trackerIssue(title, text, {u"provider:google"_s}));
        QCOMPARE(other.match, KnownBugMatch::OtherProvider);
    }

    // Metadata lost on one route: the route is what the logs measured, and an issue must name
    // the loss itself; another fault on the same route (usage figures missing) is no match.
    void metadataIssueMustNameMetadata()
    {
        KnownBugProblem p;
        p.routes = {u"responses"_s};
        p.area = {u"metadata"_s, u"header"_s, u"headers"_s};
        p.measured = u"/v1/responses"_s;
        p.signatures = {p.measured};
        p.areaIsTheFault = true;
        p.onset = at(u"2026-11-20T10:00:00Z"_s);
        const KnownBugJudgement lost = judgeKnownBug(
            p, trackerIssue(u"Metadata missing from /v1/responses request logs"_s,
                            u"Requests to /v1/responses are logged without their metadata."_s,
                            {u"metadata"_s}));
        QCOMPARE(lost.match, KnownBugMatch::Describes);
        QCOMPARE(lost.confidence, 0.95);
        const KnownBugJudgement usage = judgeKnownBug(
            p, trackerIssue(u"/v1/responses: cached tokens absent from usage"_s,
                            u"The logs of /v1/responses requests show no cached tokens."_s));
        QCOMPARE(usage.match, KnownBugMatch::OneDetail);
        p.areaIsTheFault = false;
        QCOMPARE(judgeKnownBug(p, trackerIssue(u"/v1/responses: cached tokens absent from usage"_s,
                                               u"The logs of /v1/responses requests show no "
                                               u"cached tokens."_s))
                     .match,
                 KnownBugMatch::Describes);
    }

    // An issue sharing the ticket's words is cited while the error rate rose; over an error
    // rate that stayed where it was all window, and without an error signature of the logs, it
    // has nothing to explain and is rejected.
    void steadyErrorsCiteNoWordMatch_data()
    {
        QTest::addColumn<double>("lateRate");
        QTest::addColumn<bool>("cited");
        QTest::newRow("steady 3%") << 0.03 << false;
        QTest::newRow("rose to 40%") << 0.4 << true;
    }

    void steadyErrorsCiteNoWordMatch()
    {
        QFETCH(double, lateRate);
        QFETCH(bool, cited);
        AnalysisInput in = baseInput(u"provider-routing"_s, {u"known_bugs"_s});
        in.params.provider = u"anthropic"_s;
        in.params.keywords = {u"claude"_s, u"tutor"_s};
        addStep(
            in, u"bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events,
            events({issue(u"linear:issue:GW-9"_s, u"Anthropic: Claude refusals lose their reason"_s,
                          u"Refusals arrive without a finish reason."_s, u"started"_s,
                          u"2026-11-20T05:00:00Z"_s, {u"provider:anthropic"_s})}));
        const QList<SeriesSpec> specs = {{QJsonObject{{u"provider"_s, u"anthropic"_s}},
                                          {},
                                          [lateRate](int i) { return i >= 120 ? lateRate : 0.03; },
                                          100}};
        addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
                timeseries(at(u"2026-11-20T06:00:00Z"_s), 240, 60, specs, false));
        const AnalyzerOutput out = analyzeKnownBugs(withChanges(in));
        QCOMPARE(out.hypotheses.size(), cited ? 1 : 0);
        if (!cited)
            QVERIFY2(out.rejected.first().reason.contains(u"no error rate changed"_s),
                     qPrintable(out.rejected.first().reason));
    }

    // The same with the error signature the issue names among the failures: while the rate
    // stays at the org's low background it is the everyday failure, not the bug's; once the
    // rate rises the signature makes the case.
    void steadyBackgroundSignatureCitesNothing_data()
    {
        QTest::addColumn<double>("lateRate");
        QTest::addColumn<bool>("cited");
        QTest::newRow("steady 0.5% with 400s") << 0.005 << false;
        QTest::newRow("400s rose to 40%") << 0.4 << true;
    }

    void steadyBackgroundSignatureCitesNothing()
    {
        QFETCH(double, lateRate);
        QFETCH(bool, cited);
        AnalysisInput in = baseInput(u"provider-routing"_s, {u"known_bugs"_s});
        in.params.provider = u"google"_s;
        in.params.keywords = {u"gemini"_s};
        addStep(in, u"bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events,
                events({issue(u"linear:issue:GW-9"_s,
                              u"Gemini: 400 on requests with very long tool lists"_s,
                              u"The Google adapter refuses such requests with 400."_s, u"started"_s,
                              u"2026-11-19T05:00:00Z"_s, {u"provider:google"_s})}));
        const QList<SeriesSpec> specs = {{QJsonObject{{u"provider"_s, u"google"_s}},
                                          {},
                                          [lateRate](int i) { return i >= 120 ? lateRate : 0.005; },
                                          100}};
        addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
                timeseries(at(u"2026-11-20T06:00:00Z"_s), 240, 60, specs, false));
        const int failed = int(120 * 100 * 0.005 + 120 * 100 * lateRate);
        addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
                table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                       u"last"_s},
                      {QJsonArray{u"google"_s, u"gemini-2.5-flash"_s, 400, u"invalid_request"_s,
                                  failed, u"2026-11-20T06:01:00Z"_s, u"2026-11-20T09:59:00Z"_s}},
                      {{u"total_requests"_s, 240 * 100}}));
        const AnalyzerOutput out = analyzeKnownBugs(withChanges(in));
        QCOMPARE(out.hypotheses.size(), cited ? 1 : 0);
        if (!cited)
            QVERIFY2(out.rejected.first().reason.contains(u"no error rate changed"_s),
                     qPrintable(out.rejected.first().reason));
    }

    // The whole analyzer over each tracker's evidence: a Jira-only workspace is searched and
    // cited like a Linear one; rejections say why in words.
    // What a bug covers is counted on the logs: the failures with the error signature it
    // names, on the provider it names. Two causes are then weighed by what each explains.
    void failuresCovered_data()
    {
        QTest::addColumn<QStringList>("signatures");
        QTest::addColumn<QStringList>("providers");
        QTest::addColumn<double>("covered");
        QTest::newRow("signature and provider")
            << QStringList{u"400"_s, u"invalid_request"_s} << QStringList{u"bedrock"_s} << 1080.0;
        QTest::newRow("signature, no provider named")
            << QStringList{u"400"_s} << QStringList() << 1100.0;
        QTest::newRow("another provider's signature")
            << QStringList{u"529"_s} << QStringList{u"bedrock"_s} << 0.0;
        QTest::newRow("no signature shared") << QStringList() << QStringList{u"bedrock"_s} << 0.0;
    }
    void failuresCovered()
    {
        QFETCH(QStringList, signatures);
        QFETCH(QStringList, providers);
        const QList<Analysis::ErrorGroup> failures{
            {u"bedrock"_s, u"claude"_s, 400, u"invalid_request"_s, 1080, {}, {}},
            {u"anthropic"_s, u"claude-sonnet-4-6"_s, 529, u"provider_overloaded"_s, 157, {}, {}},
            {u"google"_s, u"gemini-2.5-flash"_s, 400, u"invalid_request"_s, 20, {}, {}}};
        Analysis::KnownBugOverlap overlap;
        overlap.signatures = signatures;
        overlap.providers = providers;
        QTEST(Analysis::failuresCovered(failures, overlap), "covered");
    }

    void trackers_data()
    {
        QTest::addColumn<QString>("connector");
        QTest::newRow("linear") << u"linear"_s;
        QTest::newRow("jira") << u"jira"_s;
    }

    void trackers()
    {
        QFETCH(QString, connector);
        AnalysisInput in = baseInput(u"fallback"_s, {u"known_bugs"_s});
        in.params.provider = u"openai"_s;
        in.params.keywords = {u"fallback"_s, u"timeout"_s, u"openai"_s, u"failover"_s};
        const QString prefix = connector + u":issue:"_s;
        QJsonObject cited =
            issue(prefix + u"OPS-230"_s, u"Fallback never fails over from OpenAI on timeouts"_s,
                  u"OpenAI requests that time out never fail over."_s, u"started"_s,
                  u"2026-11-20T08:30:00Z"_s, {u"routing"_s});
        QJsonObject areaOnly =
            issue(prefix + u"OPS-231"_s, u"Retry settings page is hard to find"_s,
                  u"Routing docs."_s, u"backlog"_s, u"2026-11-19T08:30:00Z"_s, {u"routing"_s});
        addStep(in, u"bugs"_s, connector, u"search_issues"_s, EvidenceKind::Events,
                events({cited, areaOnly}));
        const AnalyzerOutput out = analyzeKnownBugs(in);
        QCOMPARE(out.hypotheses.size(), 1);
        QCOMPARE(out.hypotheses.first().cause.refs, QStringList{prefix + u"OPS-230"_s});
        QVERIFY(out.hypotheses.first().cause.summary.contains(u"openai"_s));
        QCOMPARE(out.rejected.size(), 1);
        QCOMPARE(out.rejected.first().refs, QStringList{prefix + u"OPS-231"_s});
        QVERIFY2(out.rejected.first().reason.contains(u"shares only"_s),
                 qPrintable(out.rejected.first().reason));
    }

    // Two searches of the tracker (the ticket's words, the providers of the org's logs) that find
    // the same issue: it is gathered once, cited once and never both cited and rejected; an
    // issue found by only one of them is still there.
    void issueFoundTwiceCountsOnce()
    {
        AnalysisInput in = baseInput(u"fallback"_s, {u"known_bugs"_s});
        in.params.provider = u"openai"_s;
        in.params.keywords = {u"fallback"_s, u"timeout"_s, u"openai"_s, u"failover"_s};
        const QJsonObject cited =
            issue(u"linear:issue:GW-230"_s, u"Fallback never fails over from OpenAI on timeouts"_s,
                  u"OpenAI requests that time out never fail over."_s, u"started"_s,
                  u"2026-11-20T08:30:00Z"_s, {u"routing"_s});
        const QJsonObject other =
            issue(u"linear:issue:GW-231"_s, u"Retry settings page is hard to find"_s,
                  u"Routing docs."_s, u"backlog"_s, u"2026-11-19T08:30:00Z"_s, {u"routing"_s});
        addStep(in, u"known_bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events,
                events({cited, other}));
        addStep(in, u"known_bugs_providers"_s, u"linear"_s, u"search_issues"_s,
                EvidenceKind::Events, events({cited}));

        const KnownBugFacts facts = gatherKnownBugs(in);
        QStringList refs;
        for (const TrackerIssue &i : facts.issues)
            refs << i.ref;
        refs.sort();
        QCOMPARE(refs, (QStringList{u"linear:issue:GW-230"_s, u"linear:issue:GW-231"_s}));

        const AnalyzerOutput out = analyzeKnownBugs(in);
        QCOMPARE(out.hypotheses.size(), 1);
        QCOMPARE(out.hypotheses.first().cause.refs, QStringList{u"linear:issue:GW-230"_s});
        QCOMPARE(out.rejected.size(), 1);
        QCOMPARE(out.rejected.first().refs, QStringList{u"linear:issue:GW-231"_s});
    }

    // Webhook deliveries of one event refused 401 while the org's other event is delivered: an
    // issue naming that event and the status describes it; one sharing only the area does not.
    void webhookEventSignature_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::addColumn<bool>("cited");
        QTest::newRow("names the event and the status")
            << u"budget.exceeded deliveries refused by receivers"_s
            << u"Receivers answer 401 to budget.exceeded events since the payload change."_s
            << true;
        QTest::newRow("only the area's words")
            << u"Webhook signature header missing on replayed deliveries"_s
            << u"Replays from the dashboard are sent unsigned."_s << false;
    }

    void webhookEventSignature()
    {
        QFETCH(QString, title);
        QFETCH(QString, description);
        QFETCH(bool, cited);
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"known_bugs"_s});
        in.params.keywords = {u"webhooks"_s, u"rejected"_s};
        const QStringList columns{u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                                  u"n"_s,        u"first"_s, u"last"_s};
        const QString hook = u"https://hooks.example.com/relay"_s;
        addStep(in, u"webhook_breakdown"_s, u"clickhouse"_s, u"webhook_breakdown"_s,
                EvidenceKind::Table,
                table(columns, {{hook, u"request.completed"_s, 200, u""_s, 900,
                                 u"2026-11-20T00:00:00Z"_s, u"2026-11-20T12:00:00Z"_s},
                                {hook, u"budget.exceeded"_s, 200, u""_s, 60,
                                 u"2026-11-20T00:00:00Z"_s, u"2026-11-20T09:00:00Z"_s},
                                {hook, u"budget.exceeded"_s, 401, u"signature_rejected"_s, 90,
                                 u"2026-11-20T09:00:00Z"_s, u"2026-11-20T12:00:00Z"_s}}));
        addStep(in, u"bugs"_s, u"jira"_s, u"search_issues"_s, EvidenceKind::Events,
                events({issue(u"jira:issue:WH-7"_s, title, description, u"started"_s,
                              u"2026-11-20T10:00:00Z"_s, {u"webhooks"_s})}));
        const AnalyzerOutput out = analyzeKnownBugs(in);
        QCOMPARE(out.hypotheses.size(), cited ? 1 : 0);
        // the issue, with the endpoint whose deliveries fail as what it hits
        if (cited)
            QCOMPARE(out.hypotheses.first().cause.refs,
                     (QStringList{u"jira:issue:WH-7"_s, u"endpoint:"_s + hook}));
    }

    void notChecked_data()
    {
        QTest::addColumn<StepStatus>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("note");
        QTest::newRow("no tracker connected")
            << StepStatus::Skipped << u"jira is not connected in this workspace"_s
            << u"known bugs (no issue tracker is connected)"_s;
        QTest::newRow("tracker failed")
            << StepStatus::Failed << u"timed out after 20 s"_s
            << u"known bugs (the issue tracker could not be searched)"_s;
    }

    void notChecked()
    {
        QFETCH(StepStatus, status);
        QFETCH(QString, error);
        QFETCH(QString, note);
        AnalysisInput in = baseInput(u"fallback"_s, {u"known_bugs"_s});
        addStep(in, u"known_bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events, {},
                status);
        addStep(in, u"known_bugs_jira"_s, u"jira"_s, u"search_issues"_s, EvidenceKind::Events, {},
                status);
        for (const QString &id : {u"known_bugs"_s, u"known_bugs_jira"_s})
            in.steps[id].record.error =
                error.contains(u"not connected"_s)
                    ? in.steps[id].record.connector + u" is not connected in this workspace"_s
                    : error;
        const AnalyzerOutput out = analyzeKnownBugs(in);
        QCOMPARE(out.notChecked, QStringList{note});
        QVERIFY(out.hypotheses.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKnownBugs)
#include "tst_knownbugs.moc"
