#include "core/analysis/webhookbreakdown.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace Analysis {

QString EndpointStats::mainError() const
{
    return largestKey(byError);
}

// ---------------------------------------------------------------- gather

QMap<QString, EndpointStats> endpointStats(const QJsonObject &table)
{
    QMap<QString, EndpointStats> out;
    const Table t(table);
    for (int r = 0; r < t.rowCount(); ++r) {
        EndpointStats &s = out[t.text(r, u"endpoint")];
        s.endpoint = t.text(r, u"endpoint");
        const double n = t.number(r, u"n");
        const int status = int(t.number(r, u"status"));
        const QString error = t.text(r, u"error");
        s.n += n;
        const bool failed = status == 0 || status >= 400 || !error.isEmpty();
        if (!failed)
            continue;
        s.failed += n;
        const QString kind = error.isEmpty() ? u"HTTP "_s + QString::number(status) : error;
        s.byError[kind] += n;
        if (error == u"signature_rejected")
            s.signature += n;
        else
            s.endpointSide += n;
        const QDateTime first = t.time(r, u"first");
        if (first.isValid() && (!s.firstByError.contains(kind) || first < s.firstByError[kind]))
            s.firstByError[kind] = first;
        const QDateTime last = t.time(r, u"last");
        if (first.isValid() && (!s.firstFailure.isValid() || first < s.firstFailure))
            s.firstFailure = first;
        if (last.isValid() && (!s.lastFailure.isValid() || last > s.lastFailure))
            s.lastFailure = last;
    }
    return out;
}

WebhookFacts gatherWebhooks(const AnalysisInput &input)
{
    WebhookFacts facts;
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"webhook_breakdown");
    if (found.isEmpty())
        return facts;
    // the customer's breakdown names the fewest endpoints; an all-organisations one, if the
    // playbook asked for it, names more
    const Evidence *own = found.first().evidence;
    const Evidence *all = nullptr;
    facts.own = endpointStats(own->data);
    for (const FoundEvidence &f : found) {
        QMap<QString, EndpointStats> s = endpointStats(f.evidence->data);
        if (s.size() < facts.own.size()) {
            all = own;
            facts.all = facts.own;
            own = f.evidence;
            facts.own = std::move(s);
        } else if (f.evidence != own && (!all || s.size() > facts.all.size())) {
            all = f.evidence;
            facts.all = std::move(s);
        }
    }
    facts.ownEvidence = own->id;
    facts.hasAll = all != nullptr;
    if (all)
        facts.allEvidence = all->id;
    return facts;
}

// ---------------------------------------------------------------- judge

WebhookVerdict judgeWebhooks(const WebhookFacts &facts)
{
    WebhookVerdict v;
    QList<EndpointStats> failing;
    for (const EndpointStats &s : facts.own) {
        v.total += s.n;
        v.failed += s.failed;
        // a failure that began late in the window is a small share of the whole window
        if (s.failed >= 20 || (s.failed >= 5 && s.failed >= 0.2 * s.n))
            failing.append(s);
    }
    if (failing.isEmpty())
        return v;
    v.worst = *std::max_element(
        failing.cbegin(), failing.cend(),
        [](const EndpointStats &a, const EndpointStats &b) { return a.failed < b.failed; });
    // the failures that matter started with the dominant error, not with the odd timeout
    if (v.worst.firstByError.contains(v.worst.mainError()))
        v.worst.firstFailure = v.worst.firstByError.value(v.worst.mainError());
    // do other customers' endpoints fail the same way?
    for (const EndpointStats &s : facts.all) {
        if (facts.own.contains(s.endpoint) || s.n < 5)
            continue;
        ++v.others;
        if (s.failed >= 0.2 * s.n)
            ++v.othersFailing;
    }
    v.everyone = v.others > 0 && v.othersFailing * 2 >= v.others;
    v.side = v.worst.signature > v.worst.endpointSide || v.everyone
                 ? WebhookVerdict::Side::Ours
                 : WebhookVerdict::Side::Customer;
    return v;
}

} // namespace Analysis

// ---------------------------------------------------------------- phrase

namespace {

using namespace Analysis;

QString observedWords(const EndpointStats &worst, const QDateTime &reference)
{
    return u"Since "_s + clock(worst.firstFailure, reference) + u", "_s +
           formatShare(worst.failed / std::max(1.0, worst.n)) + u" of deliveries to "_s +
           worst.endpoint + u" ("_s + formatCount(worst.failed) + u" of "_s + formatCount(worst.n) +
           u") failed with "_s + worst.mainError();
}

// The values of observedWords, for the phrase book.
QList<PhraseArg> observedArgs(const EndpointStats &worst)
{
    return {Say::time(u"from"_s, worst.firstFailure),
            Say::share(u"share"_s, worst.failed / std::max(1.0, worst.n)),
            Say::name(u"endpoint"_s, worst.endpoint),
            Say::count(u"failed"_s, worst.failed),
            Say::count(u"total"_s, worst.n),
            Say::name(u"error"_s, worst.mainError())};
}

void phraseNormal(AnalyzerOutput &out, const WebhookFacts &facts, const WebhookVerdict &v)
{
    Finding f;
    f.summary = formatCount(v.failed) + u" of "_s + formatCount(v.total) +
                u" webhook deliveries failed ("_s +
                formatShare(v.total > 0 ? v.failed / v.total : 0) + u"), a normal level"_s;
    f.phrases = {{u"webhook.normal"_s,
                  {Say::count(u"failed"_s, v.failed), Say::count(u"total"_s, v.total),
                   Say::share(u"share"_s, v.total > 0 ? v.failed / v.total : 0)}}};
    f.evidenceIds = {facts.ownEvidence};
    f.confidence = 0.7;
    out.findings.append(f);
    out.rejected.append({QLatin1StringView(Category::CustomerEndpoint),
                         u"deliveries to the customer's endpoints succeed"_s,
                         {}});
}

void phraseCustomerSide(AnalyzerOutput &out, const WebhookFacts &facts, const WebhookVerdict &v,
                        const QString &observed)
{
    const bool compared = facts.hasAll && v.others > 0;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerEndpoint);
    h.score = compared ? 0.88 : 0.78;
    h.cause.summary =
        observed +
        (compared ? u"; other customers' webhooks are delivered normally"_s : QString()) +
        u". The failure happens at the customer's endpoint ("_s + v.worst.mainError() + u')';
    if (v.worst.firstFailure.isValid())
        h.cause.phrases = {
            {compared ? u"webhook.customer_endpoint_compared"_s : u"webhook.customer_endpoint"_s,
             observedArgs(v.worst)}};
    h.cause.confidence = h.score;
    h.cause.refs = {u"endpoint:"_s + v.worst.endpoint};
    h.cause.evidenceIds = {facts.ownEvidence};
    if (facts.hasAll)
        h.cause.evidenceIds.append(facts.allEvidence);
    h.why = u"endpoint-side failures"_s;
    out.hypotheses.append(h);
    out.rejected.append({QLatin1StringView(Category::DeployRegression),
                         u"the deliveries fail at the customer's endpoint ("_s +
                             v.worst.mainError() + u"), which no change on our side causes"_s,
                         {}});
}

void phraseOurSide(AnalyzerOutput &out, const AnalysisInput &input, const WebhookFacts &facts,
                   const WebhookVerdict &v, const QString &observed, const QDateTime &reference)
{
    out.rejected.append(
        {QLatin1StringView(Category::CustomerEndpoint),
         v.everyone ? u"webhooks of "_s + QString::number(v.othersFailing) +
                          u" other customers fail in the same window"_s
                    : u"the endpoint answers but rejects our signature (signature_rejected), "
                      u"which points at how we sign deliveries"_s,
         {}});
    // which deploy changed webhook delivery just before the failures began
    if (dataMissing(input, u"github", u"deployments")) {
        out.notChecked.append(u"recent deploys (GitHub could not be queried)"_s);
        return;
    }
    const DeployRanking ranking =
        rankDeploys(input, v.worst.firstFailure, topicWords(u"webhook-failures"_s),
                    input.params.keywords, false);
    if (ranking.candidates.isEmpty() || !ranking.candidates.first().reason.isEmpty() ||
        ranking.candidates.first().score < 0.45)
        return;
    const DeployCandidate &best = ranking.candidates.first();
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::DeployRegression);
    h.score = std::min(0.93, best.score);
    h.cause.summary = describeDeploy(best, reference) + u" shipped "_s +
                      formatDuration(best.time.secsTo(v.worst.firstFailure)) +
                      u" before webhook deliveries started failing; "_s +
                      observed.mid(0, 1).toLower() + observed.mid(1);
    h.cause.confidence = h.score;
    h.cause.refs = {best.ref};
    h.cause.evidenceIds = {best.evidenceId, facts.ownEvidence};
    h.why = u"deploy touched webhook delivery just before the failures"_s;
    out.hypotheses.append(h);
    for (qsizetype i = 1; i < ranking.candidates.size(); ++i) {
        const DeployCandidate &c = ranking.candidates.at(i);
        out.rejected.append(
            {QLatin1StringView(Category::DeployRegression),
             c.reason.isEmpty()
                 ? QString(c.label + u" fits the failures less well than "_s + best.label)
                 : c.reason,
             {c.ref}});
    }
}

} // namespace

AnalyzerOutput analyzeWebhookBreakdown(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const WebhookFacts facts = gatherWebhooks(input);
    if (facts.ownEvidence.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"webhook_breakdown"))
            out.notChecked.append(u"webhook deliveries (the log query failed)"_s);
        return out;
    }
    const WebhookVerdict v = judgeWebhooks(facts);
    if (v.side == WebhookVerdict::Side::None) {
        phraseNormal(out, facts, v);
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    const QString observed = observedWords(v.worst, reference);
    const bool ourSide = v.side == WebhookVerdict::Side::Ours;
    Finding f;
    f.summary = observed;
    if (v.worst.firstFailure.isValid())
        f.phrases = {{u"webhook.observed"_s, observedArgs(v.worst)}};
    // the endpoint is cited as a cause only when the failure happens there
    if (!ourSide)
        f.refs = {u"endpoint:"_s + v.worst.endpoint};
    f.evidenceIds = {facts.ownEvidence};
    f.confidence = 0.85;
    out.findings.append(f);
    if (facts.hasAll && v.others > 0) {
        Finding g;
        g.summary = QString::number(v.othersFailing) + u" of "_s + QString::number(v.others) +
                    u" other customers' webhook endpoints show failures in the same window"_s;
        g.phrases = {
            {u"webhook.others_failing"_s,
             {Say::count(u"failing"_s, v.othersFailing), Say::count(u"others"_s, v.others)}}};
        g.evidenceIds = {facts.allEvidence};
        g.confidence = 0.7;
        out.findings.append(g);
    }
    if (ourSide)
        phraseOurSide(out, input, facts, v, observed, reference);
    else
        phraseCustomerSide(out, facts, v, observed);
    return out;
}

} // namespace Casefile
