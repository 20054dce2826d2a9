#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile {

void AnalyzerOutput::append(const AnalyzerOutput &other)
{
    hypotheses.append(other.hypotheses);
    rejected.append(other.rejected);
    findings.append(other.findings);
    for (const QString &n : other.notChecked) {
        if (!notChecked.contains(n))
            notChecked.append(n);
    }
}

namespace {

QString systemName(const QString &connector)
{
    static const QHash<QString, QString> names = {
        {u"clickhouse"_s, u"request logs"_s}, {u"github"_s, u"GitHub"_s},
        {u"linear"_s, u"Linear"_s},           {u"jira"_s, u"Jira"_s},
        {u"stripe"_s, u"Stripe billing"_s},   {u"statuspage"_s, u"provider status pages"_s},
        {u"pagerduty"_s, u"PagerDuty"_s},     {u"docs"_s, u"documentation"_s},
        {u"gateway"_s, u"routing configs"_s}, {u"helpdesk"_s, u"helpdesk"_s},
        {u"zendesk"_s, u"helpdesk"_s}};
    return names.value(connector.toLower(), connector);
}

QString stepInWords(const StepRecord &record)
{
    const QString what = record.title.isEmpty() ? record.id : record.title;
    QString how;
    switch (record.status) {
    case StepStatus::Failed:
        how = record.error.isEmpty() ? u"failed"_s : record.error;
        break;
    case StepStatus::Timeout:
        how = record.error.isEmpty() ? u"timed out"_s : record.error;
        break;
    case StepStatus::Skipped:
        how = u"skipped (not enough details in the ticket)"_s;
        break;
    case StepStatus::Cancelled:
        how = u"cancelled"_s;
        break;
    default:
        how = u"did not finish"_s;
        break;
    }
    return what + u" ("_s + systemName(record.connector) + u"): "_s + how;
}

// Refs that say which traffic a cause is about, as opposed to what proves it.
bool isScopeRef(const QString &ref)
{
    return ref.startsWith(u"route:") || ref.startsWith(u"provider:") || ref.startsWith(u"model:");
}

// A second cause stands on its own evidence about other traffic than the root cause: it cites
// its own proof (an incident, deploy, bug, config, SDK, endpoint, invoice; for rate limiting the
// route whose volume rose), it shares no ref with the root cause, and it is nearly as strong.
bool independentCause(const Hypothesis &best, const Hypothesis &other)
{
    if (other.cause.category == best.cause.category || other.score < 0.65 ||
        other.score < 0.7 * best.score)
        return false;
    const bool proof = std::any_of(other.cause.refs.cbegin(), other.cause.refs.cend(),
                                   [](const QString &r) { return !isScopeRef(r); }) ||
                       (other.cause.category == QLatin1StringView(Category::RateLimited) &&
                        !other.cause.refs.isEmpty());
    if (!proof)
        return false;
    bool bestScoped = false;
    for (const QString &r : best.cause.refs)
        bestScoped = bestScoped || isScopeRef(r) || r.startsWith(u"config:");
    if (!bestScoped)
        return false;
    for (const QString &r : other.cause.refs) {
        if (best.cause.refs.contains(r))
            return false;
    }
    return true;
}

int categoryOrder(const QString &category)
{
    const qsizetype i = knownCategories().indexOf(category);
    return i < 0 ? 99 : int(i);
}

} // namespace

AnalysisResult analyze(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalysisResult result;
    if (input.steps.isEmpty() && input.analyzers.isEmpty())
        return result;

    AnalyzerOutput all;
    QStringList names = input.analyzers.isEmpty() ? knownAnalyzers() : input.analyzers;
    names.removeDuplicates();
    for (const QString &name : std::as_const(names)) {
        if (const AnalyzerFunction fn = analyzerByName(name))
            all.append(fn(input));
    }

    // what could not be asked, in words, and how much it weakens the verdict
    int missingSteps = 0;
    for (auto it = input.steps.cbegin(); it != input.steps.cend(); ++it) {
        const StepRecord &r = it.value().record;
        if (r.status == StepStatus::Ok || !isFinished(r.status))
            continue;
        appendUnique(result.notChecked, stepInWords(r));
        if (r.status != StepStatus::Skipped)
            ++missingSteps;
    }
    appendUnique(result.notChecked, all.notChecked);

    // one hypothesis per category: the strongest, a little stronger when several analyzers
    // agree; its refs stay its own so corroboration never drags a bystander in
    QHash<QString, Hypothesis> byCategory;
    QHash<QString, int> support;
    for (const Hypothesis &h : std::as_const(all.hypotheses)) {
        Hypothesis scored = h;
        scored.score *= categoryPrior(input.playbook, h.cause.category);
        auto it = byCategory.find(h.cause.category);
        if (it == byCategory.end()) {
            byCategory.insert(h.cause.category, scored);
            support[h.cause.category] = 1;
            continue;
        }
        ++support[h.cause.category];
        QStringList evidence = it->cause.evidenceIds;
        appendUnique(evidence, scored.cause.evidenceIds);
        if (scored.score > it->score)
            *it = scored;
        it->cause.evidenceIds = evidence;
    }
    QList<Hypothesis> ranked;
    for (auto it = byCategory.begin(); it != byCategory.end(); ++it) {
        Hypothesis h = it.value();
        h.score = std::min(0.97, h.score + 0.04 * (support.value(it.key()) - 1));
        ranked.append(h);
    }
    std::sort(ranked.begin(), ranked.end(), [](const Hypothesis &a, const Hypothesis &b) {
        if (a.score != b.score)
            return a.score > b.score;
        return categoryOrder(a.cause.category) < categoryOrder(b.cause.category);
    });

    const double penalty = std::min(0.3, 0.08 * missingSteps);
    const Hypothesis *best = nullptr;
    if (!ranked.isEmpty() && ranked.first().score >= 0.4)
        best = &ranked.first();
    if (best) {
        RootCause cause = best->cause;
        cause.confidence =
            std::clamp(std::min(cause.confidence, best->score) * (1.0 - penalty), 0.05, 0.97);
        result.rootCause = cause;
    } else {
        RootCause cause;
        cause.category = QLatin1StringView(Category::NoFaultFound);
        QStringList facts;
        QStringList refs;
        QStringList evidence;
        QList<Finding> sorted = all.findings;
        std::stable_sort(sorted.begin(), sorted.end(), [](const Finding &a, const Finding &b) {
            return a.confidence > b.confidence;
        });
        for (const Finding &f : std::as_const(sorted)) {
            if (facts.size() >= 2)
                break;
            facts.append(f.summary);
            appendUnique(evidence, f.evidenceIds);
        }
        bool anyChange = false;
        for (const Finding &f : std::as_const(all.findings))
            anyChange = anyChange || f.summary.contains(u" rose from "_s);
        if (facts.isEmpty()) {
            cause.summary = u"The data that could be checked shows nothing wrong"_s;
            cause.confidence = 0.3;
        } else if (anyChange) {
            cause.summary = facts.join(u"; "_s) +
                            u"; no deploy, provider incident, configuration problem or known bug "
                            u"explains it"_s;
            cause.confidence = 0.3;
        } else {
            cause.summary = facts.join(u"; "_s) + u"; nothing in the data points at a fault"_s;
            cause.confidence = 0.6;
        }
        if (!ranked.isEmpty())
            cause.confidence = std::min(cause.confidence, 0.4);
        cause.confidence = std::max(0.1, cause.confidence * (1.0 - penalty));
        cause.refs = refs;
        cause.evidenceIds = evidence;
        result.rootCause = cause;
    }

    // a second cause with its own evidence is reported as such, not rejected
    QList<const Hypothesis *> secondary;
    if (best) {
        for (const Hypothesis &h : std::as_const(ranked)) {
            if (&h != best && secondary.size() < 2 && independentCause(*best, h)) {
                secondary.append(&h);
                RootCause cause = h.cause;
                cause.confidence =
                    std::clamp(std::min(cause.confidence, h.score) * (1.0 - penalty), 0.05, 0.97);
                result.secondaryCauses.append(cause);
            }
        }
    }

    // everything else with a reason
    QSet<QString> seen;
    const QString winner = result.rootCause ? result.rootCause->category : QString();
    for (const Hypothesis &h : std::as_const(ranked)) {
        if ((best && &h == best) || secondary.contains(&h))
            continue;
        RejectedHypothesis r;
        r.category = h.cause.category;
        r.reason = best ? QString(h.cause.summary + u" \u2014 less supported than the "_s + winner +
                                  u" evidence"_s)
                        : QString(h.cause.summary + u" \u2014 too weakly supported to conclude"_s);
        r.refs = h.cause.refs;
        if (!seen.contains(r.category + r.reason)) {
            seen.insert(r.category + r.reason);
            result.rejected.append(r);
        }
    }
    for (const RejectedHypothesis &r : std::as_const(all.rejected)) {
        // a generic "not X" is moot once X won on specific evidence
        if (r.category == winner && r.refs.isEmpty())
            continue;
        bool contradicts = false;
        for (const QString &ref : r.refs) {
            contradicts = contradicts || (result.rootCause && result.rootCause->refs.contains(ref));
            for (const RootCause &cause : std::as_const(result.secondaryCauses))
                contradicts = contradicts || cause.refs.contains(ref);
        }
        if (contradicts)
            continue;
        bool secondaryCategory = false;
        for (const RootCause &cause : std::as_const(result.secondaryCauses))
            secondaryCategory =
                secondaryCategory || (cause.category == r.category && r.refs.isEmpty());
        if (secondaryCategory)
            continue;
        if (seen.contains(r.category + r.reason))
            continue;
        seen.insert(r.category + r.reason);
        result.rejected.append(r);
    }

    // findings never cite what lost: a bystander's ref stays in `rejected` only
    QSet<QString> losing;
    for (const Hypothesis &h : std::as_const(ranked)) {
        if (!(best && &h == best) && !secondary.contains(&h))
            for (const QString &ref : h.cause.refs)
                losing.insert(ref);
    }
    for (const RejectedHypothesis &r : std::as_const(result.rejected)) {
        for (const QString &ref : r.refs)
            losing.insert(ref);
    }
    if (result.rootCause) {
        for (const QString &ref : result.rootCause->refs)
            losing.remove(ref);
    }
    for (const RootCause &cause : std::as_const(result.secondaryCauses)) {
        for (const QString &ref : cause.refs)
            losing.remove(ref);
    }
    QSet<QString> summaries;
    QList<Finding> findings = all.findings;
    for (Finding &f : findings) {
        f.refs.erase(std::remove_if(f.refs.begin(), f.refs.end(),
                                    [&](const QString &ref) { return losing.contains(ref); }),
                     f.refs.end());
    }
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        return a.confidence > b.confidence;
    });
    for (const Finding &f : std::as_const(findings)) {
        if (summaries.contains(f.summary))
            continue;
        summaries.insert(f.summary);
        result.findings.append(f);
    }
    // two decimals are all the precision a confidence has
    const auto round2 = [](double v) {
        return std::round(v * 100.0) / 100.0;
    };
    if (result.rootCause)
        result.rootCause->confidence = round2(result.rootCause->confidence);
    for (RootCause &cause : result.secondaryCauses)
        cause.confidence = round2(cause.confidence);
    for (Finding &f : result.findings)
        f.confidence = round2(f.confidence);
    return result;
}

} // namespace Casefile
