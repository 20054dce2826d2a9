#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using namespace Analysis;

struct EndpointStats
{
    QString endpoint;
    double n = 0;
    double failed = 0;
    double endpointSide = 0; // tls, dns, refused, timeout, their 5xx/4xx
    double signature = 0;    // signature_rejected: how we sign
    QMap<QString, double> byError;
    QMap<QString, QDateTime> firstByError;
    QDateTime firstFailure;
    QDateTime lastFailure;
    QString mainError() const
    {
        QString best;
        double m = -1;
        for (auto it = byError.cbegin(); it != byError.cend(); ++it) {
            if (it.value() > m) {
                m = it.value();
                best = it.key();
            }
        }
        return best;
    }
};

QMap<QString, EndpointStats> statsOf(const Evidence &evidence)
{
    QMap<QString, EndpointStats> out;
    const Table t(evidence.data);
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

} // namespace

AnalyzerOutput analyzeWebhookBreakdown(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"webhook_breakdown");
    if (found.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"webhook_breakdown"))
            out.notChecked.append(u"webhook deliveries (the log query failed)"_s);
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    // the customer's breakdown names the fewest endpoints; an all-organisations one, if the
    // playbook asked for it, names more
    const FoundEvidence *own = &found.first();
    const FoundEvidence *all = nullptr;
    QMap<QString, EndpointStats> ownStats = statsOf(*own->evidence);
    for (const FoundEvidence &f : found) {
        const QMap<QString, EndpointStats> s = statsOf(*f.evidence);
        if (s.size() < ownStats.size()) {
            all = own;
            own = &f;
            ownStats = s;
        } else if (&f != own && (!all || s.size() > statsOf(*all->evidence).size())) {
            all = &f;
        }
    }
    QList<EndpointStats> failing;
    double total = 0;
    double failed = 0;
    for (const EndpointStats &s : std::as_const(ownStats)) {
        total += s.n;
        failed += s.failed;
        // a failure that began late in the window is a small share of the whole window
        if (s.failed >= 20 || (s.failed >= 5 && s.failed >= 0.2 * s.n))
            failing.append(s);
    }
    if (failing.isEmpty()) {
        Finding f;
        f.summary = formatCount(failed) + u" of "_s + formatCount(total) +
                    u" webhook deliveries failed ("_s +
                    formatShare(total > 0 ? failed / total : 0) + u"), a normal level"_s;
        f.evidenceIds = {own->evidence->id};
        f.confidence = 0.7;
        out.findings.append(f);
        out.rejected.append({QLatin1StringView(Category::CustomerEndpoint),
                             u"deliveries to the customer's endpoints succeed"_s,
                             {}});
        return out;
    }
    std::sort(failing.begin(), failing.end(),
              [](const EndpointStats &a, const EndpointStats &b) { return a.failed > b.failed; });
    EndpointStats &worst = failing.first();
    // the failures that matter started with the dominant error, not with the odd timeout
    if (worst.firstByError.contains(worst.mainError()))
        worst.firstFailure = worst.firstByError.value(worst.mainError());

    // do other customers' endpoints fail the same way?
    int others = 0;
    int othersFailing = 0;
    if (all) {
        for (const EndpointStats &s : statsOf(*all->evidence)) {
            if (ownStats.contains(s.endpoint) || s.n < 5)
                continue;
            ++others;
            if (s.failed >= 0.2 * s.n)
                ++othersFailing;
        }
    }
    const bool everyone = others > 0 && othersFailing * 2 >= others;
    const QString observed = u"Since "_s + clock(worst.firstFailure, reference) + u", "_s +
                             formatShare(worst.failed / std::max(1.0, worst.n)) +
                             u" of deliveries to "_s + worst.endpoint + u" ("_s +
                             formatCount(worst.failed) + u" of "_s + formatCount(worst.n) +
                             u") failed with "_s + worst.mainError();
    const bool ourSide = worst.signature > worst.endpointSide || everyone;
    Finding f;
    f.summary = observed;
    // the endpoint is cited as a cause only when the failure happens there
    if (!ourSide)
        f.refs = {u"endpoint:"_s + worst.endpoint};
    f.evidenceIds = {own->evidence->id};
    f.confidence = 0.85;
    out.findings.append(f);
    if (all && others > 0) {
        Finding g;
        g.summary = QString::number(othersFailing) + u" of "_s + QString::number(others) +
                    u" other customers' webhook endpoints show failures in the same window"_s;
        g.evidenceIds = {all->evidence->id};
        g.confidence = 0.7;
        out.findings.append(g);
    }

    if (!ourSide) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::CustomerEndpoint);
        h.score = (all && others > 0) ? 0.88 : 0.78;
        h.cause.summary =
            observed +
            (all && others > 0 ? u"; other customers' webhooks are delivered normally"_s
                               : QString()) +
            u". The failure happens at the customer's endpoint ("_s + worst.mainError() + u')';
        h.cause.confidence = h.score;
        h.cause.refs = {u"endpoint:"_s + worst.endpoint};
        h.cause.evidenceIds = f.evidenceIds;
        if (all)
            h.cause.evidenceIds.append(all->evidence->id);
        h.why = u"endpoint-side failures"_s;
        out.hypotheses.append(h);
        out.rejected.append({QLatin1StringView(Category::DeployRegression),
                             u"the deliveries fail at the customer's endpoint ("_s +
                                 worst.mainError() + u"), which no change on our side causes"_s,
                             {}});
        return out;
    }

    out.rejected.append(
        {QLatin1StringView(Category::CustomerEndpoint),
         everyone ? u"webhooks of "_s + QString::number(othersFailing) +
                        u" other customers fail in the same window"_s
                  : u"the endpoint answers but rejects our signature (signature_rejected), "
                    u"which points at how we sign deliveries"_s,
         {}});
    // our side: which deploy changed webhook delivery just before the failures began
    if (dataMissing(input, u"github", u"deployments")) {
        out.notChecked.append(u"recent deploys (GitHub could not be queried)"_s);
        return out;
    }
    const DeployRanking ranking = rankDeploys(
        input, worst.firstFailure, topicWords(u"webhook-failures"_s), input.params.keywords, false);
    if (!ranking.candidates.isEmpty() && ranking.candidates.first().reason.isEmpty() &&
        ranking.candidates.first().score >= 0.45) {
        const DeployCandidate &best = ranking.candidates.first();
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::DeployRegression);
        h.score = std::min(0.93, best.score);
        h.cause.summary = describeDeploy(best, reference) + u" shipped "_s +
                          formatDuration(best.time.secsTo(worst.firstFailure)) +
                          u" before webhook deliveries started failing; "_s +
                          observed.mid(0, 1).toLower() + observed.mid(1);
        h.cause.confidence = h.score;
        h.cause.refs = {best.ref};
        h.cause.evidenceIds = {best.evidenceId, own->evidence->id};
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
    return out;
}

} // namespace Casefile
