#include "core/analysis/ranking.h"
#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
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

} // namespace Casefile

namespace Casefile::Analysis {

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

// "Known bugs (Linear)": a step by its title, with the system it asks unless the title already
// names it.
QString stepName(const StepRecord &record)
{
    const QString title = record.title.isEmpty() ? record.id : record.title;
    const QString system = systemName(record.connector);
    if (system.isEmpty() || title.contains(system, Qt::CaseInsensitive))
        return title;
    return title + u" ("_s + system + u')';
}

QString stepInWords(const StepRecord &record)
{
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
    return stepName(record) + u": "_s + how;
}

// Refs that say which traffic a cause is about, as opposed to what proves it.
bool isScopeRef(const QString &ref)
{
    return ref.startsWith(u"route:") || ref.startsWith(u"provider:") || ref.startsWith(u"model:");
}

int categoryOrder(const QString &category)
{
    const qsizetype i = knownCategories().indexOf(category);
    return i < 0 ? 99 : int(i);
}

// A step that answered ok with nothing in it: no rows, no events, no series.
bool returnedNothing(const StepData &step)
{
    if (step.record.status != StepStatus::Ok)
        return false;
    for (const Evidence &e : step.evidence) {
        bool empty = false;
        for (const QString &key : {u"rows"_s, u"events"_s, u"series"_s}) {
            if (e.data.contains(key))
                empty = empty || e.data.value(key).toArray().isEmpty();
        }
        if (!empty)
            return false;
    }
    return true;
}

} // namespace

double failuresInScope(const ErrorProfile &errors, const QStringList &refs,
                       const TimeWindow &window, bool refusalsOnly)
{
    QString provider;
    QString model;
    for (const QString &r : refs) {
        if (r.startsWith(u"provider:"))
            provider = r.mid(9);
        else if (r.startsWith(u"model:"))
            model = r.mid(6);
    }
    if (provider.isEmpty() && model.isEmpty())
        return 0.0;
    // within a tenth of the window of either end: failing all along. The window as the logs
    // fill it: a window widened to before the organisation's first logged request starts there.
    TimeWindow seen = window;
    QDateTime earliest;
    QDateTime latest;
    for (const ErrorGroup &g : errors.groups) {
        if (g.first.isValid() && (!earliest.isValid() || g.first < earliest))
            earliest = g.first;
        if (g.last.isValid() && (!latest.isValid() || g.last > latest))
            latest = g.last;
    }
    if (seen.isValid() && earliest.isValid() && latest.isValid()) {
        seen.from = std::max(seen.from, earliest);
        seen.to = std::min(seen.to, latest);
    }
    const qint64 edge = seen.seconds() / 10;
    const auto spans = [&](const ErrorGroup &g) {
        return seen.isValid() && g.first.isValid() && g.last.isValid() &&
               seen.from.secsTo(g.first) <= edge && g.last.secsTo(seen.to) <= edge;
    };
    double all = 0;
    double began = 0;
    for (const ErrorGroup &g : errors.groups) {
        if (refusalsOnly && g.status != 429 && g.errorCode != u"rate_limited")
            continue;
        if ((provider.isEmpty() || g.provider == provider) &&
            (model.isEmpty() || g.model == model)) {
            all += g.n;
            if (!spans(g))
                began += g.n;
        }
    }
    return began > 0 ? began : all;
}

namespace {

// The specific terms of a text with their weights: identifiers (`on_status_codes`,
// `strategy.mode`, `gpt-4o`, `portkey-node`) and versions (`2.0.1`) 2 each, status codes 1.
// Counts ("1,255"), times ("16:59"), shares ("0.7%") and dates are not terms.
QHash<QString, int> specificTerms(const QString &text)
{
    static const QRegularExpression token(u"[A-Za-z0-9][A-Za-z0-9_.,:%/\\-]*"_s);
    static const QRegularExpression status(u"^[1-5][0-9][0-9]$"_s);
    static const QRegularExpression version(u"^[0-9]+(\\.[0-9]+){2,}$"_s);
    QHash<QString, int> out;
    for (const QRegularExpressionMatch &m : token.globalMatch(text)) {
        QString raw = m.captured().toLower();
        while (!raw.isEmpty() && u".,:-/"_s.contains(raw.back()))
            raw.chop(1);
        if (raw.contains(u',') || raw.contains(u':') || raw.contains(u'%'))
            continue;
        for (const QString &part : raw.split(u'/', Qt::SkipEmptyParts)) {
            const bool letters = std::ranges::any_of(part, [](QChar c) { return c.isLetter(); });
            const bool marked = std::ranges::any_of(
                part, [](QChar c) { return c == u'_' || c == u'.' || c == u'-' || c.isDigit(); });
            if (status.match(part).hasMatch())
                out.insert(part, std::max(out.value(part), 1));
            else if (version.match(part).hasMatch() || (letters && marked && part.size() >= 3))
                out.insert(part, 2);
        }
    }
    return out;
}

// A title's words that say what the page is about, in the singular ("Fallbacks" -> fallback);
// words any page of a gateway's docs could carry are left out.
QSet<QString> subjectWords(const QString &text)
{
    static const QSet<QString> generic{
        u"request"_s, u"config"_s, u"configuration"_s, u"error"_s,     u"gateway"_s, u"provider"_s,
        u"model"_s,   u"guide"_s,  u"overview"_s,      u"reference"_s, u"api"_s,     u"doc"_s};
    QSet<QString> out;
    for (QString w : wordsOf(text)) {
        if (w.size() > 4 && w.endsWith(u's'))
            w.chop(1);
        if (!generic.contains(w))
            out.insert(w);
    }
    return out;
}

} // namespace

qsizetype docStatingCause(const RootCause &cause, const QList<DocPage> &pages)
{
    static const QStringList stated{QString::fromLatin1(Category::ExpectedBehavior),
                                    QString::fromLatin1(Category::CustomerConfig),
                                    QString::fromLatin1(Category::RateLimited),
                                    QString::fromLatin1(Category::SdkVersion)};
    if (!stated.contains(cause.category) ||
        std::ranges::any_of(cause.refs, [](const QString &r) { return r.startsWith(u"docs:"); }))
        return -1;
    const QHash<QString, int> terms = specificTerms(cause.summary + u' ' + cause.refs.join(u' '));
    const QSet<QString> said = subjectWords(cause.summary);
    qsizetype best = -1;
    int bestScore = 1; // at least 2
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QHash<QString, int> onPage =
            specificTerms(pages.at(i).title + u' ' + pages.at(i).text);
        int score = 0;
        for (auto it = terms.cbegin(); it != terms.cend(); ++it)
            score += onPage.contains(it.key()) ? it.value() : 0;
        for (const QString &w : subjectWords(pages.at(i).title))
            score += said.contains(w) ? 2 : 0;
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best;
}

namespace {

RankingFacts gatherRanking(const AnalysisInput &input)
{
    AnalyzerOutput all;
    QStringList names = input.analyzers.isEmpty() ? knownAnalyzers() : input.analyzers;
    names.removeDuplicates();
    for (const QString &name : std::as_const(names)) {
        if (const AnalyzerFunction fn = analyzerByName(name)) {
            AnalyzerOutput out = fn(input);
            for (Hypothesis &h : out.hypotheses)
                h.analyzer = name;
            all.append(out);
        }
    }
    RankingFacts facts;
    // what could not be asked, in words, and how much it weakens the verdict
    for (auto it = input.steps.cbegin(); it != input.steps.cend(); ++it) {
        const StepRecord &r = it.value().record;
        if (returnedNothing(it.value())) {
            appendUnique(facts.missing, stepName(r) + u": returned nothing"_s);
            continue;
        }
        if (r.status == StepStatus::Ok || !isFinished(r.status))
            continue;
        const QString line = stepInWords(r);
        if (!facts.notChecked.contains(line))
            facts.notCheckedWording.append(stepWording(line, r));
        appendUnique(facts.notChecked, line);
        appendUnique(facts.missing, line);
        if (r.status != StepStatus::Skipped)
            ++facts.missingSteps;
    }
    for (const QString &line : std::as_const(all.notChecked)) {
        const QString key = uncheckedKey(line);
        if (!key.isEmpty() && !facts.notChecked.contains(line))
            facts.notCheckedWording.append(uncheckedWording(line, key));
    }
    appendUnique(facts.notChecked, all.notChecked);
    appendUnique(facts.missing, all.notChecked);
    QList<Hypothesis> proposed = all.hypotheses;
    foldAccountedFor(proposed);
    facts.ranked = mergeHypotheses(proposed, input.playbook);
    // causes an analyzer did not count are counted on the traffic their refs name
    const ErrorProfile errors = errorProfile(input);
    for (Hypothesis &h : facts.ranked) {
        if (h.failures <= 0)
            h.failures = failuresInScope(errors, h.cause.refs, input.params.window);
        if (h.cause.category != QLatin1StringView(Category::RateLimited))
            h.refusals = failuresInScope(errors, h.cause.refs, input.params.window, true);
    }
    weighRefusals(facts.ranked);
    facts.rejected = all.rejected;
    facts.findings = all.findings;
    facts.docPages = fetchedDocPages(input);
    facts.slowness = input.playbook == u"latency-spike";
    facts.failover = input.playbook == u"fallback";
    facts.theory = input.params.customerHypothesis;
    facts.theoryCategory = input.params.customerHypothesisCategory;
    for (const Finding &f : std::as_const(all.findings))
        facts.sawChange = facts.sawChange || f.summary.contains(u" rose from "_s);
    return facts;
}

// two decimals are all the precision a confidence has
double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

double noFaultConfidence(const RankingFacts &facts, double penalty)
{
    double c = facts.findings.isEmpty() || facts.sawChange ? 0.3 : 0.6;
    if (!facts.ranked.isEmpty())
        c = std::min(c, 0.4);
    return std::max(0.1, c * (1.0 - penalty));
}

double causeConfidence(const Hypothesis &h, double penalty)
{
    return std::clamp(std::min(h.cause.confidence, h.score) * (1.0 - penalty), 0.05, 0.97);
}

QList<Finding> byConfidence(QList<Finding> findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        return a.confidence > b.confidence;
    });
    return findings;
}

// no_fault_found, with the two strongest findings as what was checked.
RootCause noFaultFound(const RankingFacts &facts, const RankingVerdict &v)
{
    RootCause cause;
    cause.category = QLatin1StringView(Category::NoFaultFound);
    QStringList facts2;
    bool phrased = true; // every finding cited has phrases: the cause has them too
    for (const Finding &f : byConfidence(facts.findings)) {
        if (facts2.size() >= 2)
            break;
        facts2.append(f.summary);
        phrased = phrased && !f.phrases.isEmpty();
        cause.phrases.append(f.phrases);
        appendUnique(cause.evidenceIds, f.evidenceIds);
        // what shows nothing is wrong (the endpoint that answered 2xx) is what it cites
        appendUnique(cause.refs, f.refs);
    }
    if (facts2.isEmpty())
        cause.summary = u"The data that could be checked shows nothing wrong"_s;
    else if (facts.sawChange)
        cause.summary = facts2.join(u"; "_s) +
                        u"; no deploy, provider incident, configuration problem or known bug "
                        u"explains it"_s;
    else
        cause.summary = facts2.join(u"; "_s) + u"; nothing in the data points at a fault"_s;
    const QString closing = facts2.isEmpty()  ? u"nofault.nothing_wrong"_s
                            : facts.sawChange ? u"nofault.nothing_explains"_s
                                              : u"nofault.no_fault"_s;
    if (phrased)
        cause.phrases.append({closing, {}});
    else
        cause.phrases.clear();
    cause.confidence = v.confidence;
    return cause;
}

bool isWinner(const RankingVerdict &v, qsizetype i)
{
    return i == v.best || v.secondary.contains(int(i));
}

// Every hypothesis that lost, with why; then the analyzers' own rejections that the causes
// do not contradict.
QList<RejectedHypothesis> phraseRejected(const RankingFacts &facts, const RankingVerdict &v,
                                         const AnalysisResult &result)
{
    QList<RejectedHypothesis> out;
    QSet<QString> seen;
    const QString winner = result.rootCause ? result.rootCause->category : QString();
    for (qsizetype i = 0; i < facts.ranked.size(); ++i) {
        if (isWinner(v, i))
            continue;
        const Hypothesis &h = facts.ranked.at(i);
        RejectedHypothesis r;
        r.category = h.cause.category;
        r.reason = v.best >= 0
                       ? QString(h.cause.summary + u" \u2014 less supported than the "_s + winner +
                                 u" evidence"_s)
                       : QString(h.cause.summary + u" \u2014 too weakly supported to conclude"_s);
        r.refs = h.cause.refs;
        if (!seen.contains(r.category + r.reason)) {
            seen.insert(r.category + r.reason);
            out.append(r);
        }
    }
    for (const RejectedHypothesis &r : facts.rejected) {
        // a generic "not X" is moot once X won on specific evidence
        if (r.category == winner && r.refs.isEmpty())
            continue;
        bool contradicts = false;
        for (const QString &ref : r.refs) {
            contradicts = contradicts || (result.rootCause && result.rootCause->refs.contains(ref));
            for (const RootCause &cause : result.secondaryCauses)
                contradicts = contradicts || cause.refs.contains(ref);
        }
        if (contradicts)
            continue;
        bool secondaryCategory = false;
        for (const RootCause &cause : result.secondaryCauses)
            secondaryCategory =
                secondaryCategory || (cause.category == r.category && r.refs.isEmpty());
        if (secondaryCategory || seen.contains(r.category + r.reason))
            continue;
        seen.insert(r.category + r.reason);
        out.append(r);
    }
    return out;
}

// The root cause and the secondary causes.
QList<const RootCause *> causesOf(const AnalysisResult &result)
{
    QList<const RootCause *> out;
    if (result.rootCause)
        out.append(&*result.rootCause);
    for (const RootCause &cause : result.secondaryCauses)
        out.append(&cause);
    return out;
}

// The customer's theory of the cause, tested: when the evidence found a cause and none of the
// theory's kind, the theory is ruled out in the result, with what the evidence showed instead.
// (A theory of the kind found needs no entry: the cause says it.)
void testTheory(const RankingFacts &facts, const RankingVerdict &v, AnalysisResult &result)
{
    if (facts.theoryCategory.isEmpty() || v.best < 0 || !result.rootCause)
        return;
    const QList<const RootCause *> causes = causesOf(result);
    if (std::any_of(causes.cbegin(), causes.cend(),
                    [&](const RootCause *c) { return c->category == facts.theoryCategory; }))
        return;
    RejectedHypothesis r;
    r.category = facts.theoryCategory;
    r.reason =
        u"the customer's own theory (\u201c%1\u201d): the evidence points to %2 instead"_s.arg(
            facts.theory.left(160), result.rootCause->category);
    result.rejected.prepend(r);
}

// Findings never cite what lost: a bystander's ref stays in `rejected` only. Strongest first,
// one per summary.
QList<Finding> phraseFindings(const RankingFacts &facts, const RankingVerdict &v,
                              const AnalysisResult &result)
{
    QSet<QString> losing;
    for (qsizetype i = 0; i < facts.ranked.size(); ++i) {
        if (!isWinner(v, i))
            for (const QString &ref : facts.ranked.at(i).cause.refs)
                losing.insert(ref);
    }
    for (const RejectedHypothesis &r : result.rejected) {
        for (const QString &ref : r.refs)
            losing.insert(ref);
    }
    if (result.rootCause) {
        for (const QString &ref : result.rootCause->refs)
            losing.remove(ref);
    }
    for (const RootCause &cause : result.secondaryCauses) {
        for (const QString &ref : cause.refs)
            losing.remove(ref);
    }
    QList<Finding> findings = facts.findings;
    // The pages the causes cite are the documentation that applies: a page offered only for the
    // ticket's words (the docs lookup's) goes when they cite one of their own.
    QSet<QString> causeDocs;
    for (const RootCause *cause : causesOf(result)) {
        for (const QString &ref : cause->refs) {
            if (ref.startsWith(u"docs:"))
                causeDocs.insert(ref);
        }
    }
    findings.removeIf([&](const Finding &f) {
        return !causeDocs.isEmpty() && f.forTicketWords &&
               !std::ranges::any_of(f.refs,
                                    [&](const QString &r) { return causeDocs.contains(r); });
    });
    for (Finding &f : findings) {
        f.refs.erase(std::remove_if(f.refs.begin(), f.refs.end(),
                                    [&](const QString &ref) { return losing.contains(ref); }),
                     f.refs.end());
    }
    QSet<QString> summaries;
    QList<Finding> out;
    for (const Finding &f : byConfidence(findings)) {
        if (summaries.contains(f.summary))
            continue;
        summaries.insert(f.summary);
        Finding rounded = f;
        rounded.confidence = round2(f.confidence);
        out.append(rounded);
    }
    return out;
}

// A cause the customer acts on cites the page that states it, beside its own evidence.
void citeDocStating(RootCause &cause, const QList<DocPage> &pages)
{
    if (const qsizetype i = docStatingCause(cause, pages); i >= 0) {
        cause.refs.append(pages.at(i).ref);
        if (!pages.at(i).evidenceId.isEmpty())
            appendUnique(cause.evidenceIds, pages.at(i).evidenceId);
    }
}

AnalysisResult phraseRanking(const RankingFacts &facts, const RankingVerdict &v)
{
    AnalysisResult result;
    result.notChecked = facts.notChecked;
    result.notCheckedWording = facts.notCheckedWording;
    if (v.best >= 0) {
        result.rootCause = facts.ranked.at(v.best).cause;
        result.rootCause->confidence = v.confidence;
        result.rootCauseAnalyzer = facts.ranked.at(v.best).analyzer;
    } else {
        result.rootCause = noFaultFound(facts, v);
    }
    // a second cause with its own evidence is reported as such, not rejected
    for (qsizetype i = 0; i < v.secondary.size(); ++i) {
        RootCause cause = facts.ranked.at(v.secondary.at(i)).cause;
        cause.confidence = v.secondaryConfidence.at(i);
        result.secondaryCauses.append(cause);
    }
    if (v.best >= 0)
        citeDocStating(*result.rootCause, facts.docPages);
    for (RootCause &cause : result.secondaryCauses)
        citeDocStating(cause, facts.docPages);
    result.rejected = phraseRejected(facts, v, result);
    testTheory(facts, v, result);
    result.findings = phraseFindings(facts, v, result);
    result.needsHuman = v.needsHuman;
    result.missing = facts.missing;
    if (v.best >= 0 && isUnexplainedRegression(facts.ranked.at(v.best)))
        appendUnique(result.missing, facts.ranked.at(v.best).why);
    return result;
}

} // namespace

void weighRefusals(QList<Hypothesis> &ranked)
{
    const auto limit = std::find_if(ranked.cbegin(), ranked.cend(), [](const Hypothesis &h) {
        return h.cause.category == QLatin1StringView(Category::RateLimited) && h.score >= 0.5;
    });
    if (limit == ranked.cend())
        return;
    const double below = 0.8 * limit->score;
    bool moved = false;
    for (Hypothesis &h : ranked) {
        if (h.cause.category == QLatin1StringView(Category::RateLimited) || h.failures <= 0 ||
            h.refusals < 0.7 * h.failures || h.score <= below)
            continue;
        h.score = below;
        moved = true;
    }
    if (moved)
        std::stable_sort(
            ranked.begin(), ranked.end(),
            [](const Hypothesis &a, const Hypothesis &b) { return a.score > b.score; });
}

bool independentCause(const Hypothesis &best, const Hypothesis &other)
{
    if (other.cause.category == best.cause.category || other.score < 0.65 ||
        other.score < 0.7 * best.score)
        return false;
    // two accounts of the same change in the traffic: the better one is the cause
    if (!best.explains.isEmpty() && best.explains == other.explains)
        return false;
    const bool proof = std::any_of(other.cause.refs.cbegin(), other.cause.refs.cend(),
                                   [](const QString &r) { return !isScopeRef(r); }) ||
                       (other.cause.category == QLatin1StringView(Category::RateLimited) &&
                        !other.cause.refs.isEmpty());
    if (!proof)
        return false;
    // the root cause explains a part: a route, provider or model, a config, an SDK, an endpoint
    bool bestScoped = false;
    for (const QString &r : best.cause.refs)
        bestScoped = bestScoped || isScopeRef(r) || r.startsWith(u"config:") ||
                     r.startsWith(u"endpoint:") || r.startsWith(u"sdk:");
    // or the other cause is a customer's endpoint the root cause does not involve: a second
    // endpoint failing on its own is a part of its own
    const bool otherEndpoint =
        std::any_of(other.cause.refs.cbegin(), other.cause.refs.cend(), [&](const QString &r) {
            return r.startsWith(u"endpoint:") && !best.cause.refs.contains(r);
        });
    if (!bestScoped && !otherEndpoint)
        return false;
    // the failures it stands on are the refusals a rate-limit root cause already explains
    if (best.cause.category == QLatin1StringView(Category::RateLimited) && other.failures > 0 &&
        other.refusals >= 0.7 * other.failures)
        return false;
    for (const QString &r : other.cause.refs) {
        if (best.cause.refs.contains(r))
            return false;
    }
    return true;
}

bool upstreamOfFailover(const Hypothesis &best, const Hypothesis &other)
{
    const QString kept = best.cause.category;
    const bool keptFromFailover = kept == QLatin1StringView(Category::KnownBug) ||
                                  kept == QLatin1StringView(Category::DeployRegression) ||
                                  kept == QLatin1StringView(Category::CustomerConfig);
    if (!keptFromFailover || other.cause.category != QLatin1StringView(Category::ProviderOutage))
        return false;
    const auto names = [&](QStringView kind) {
        return std::any_of(other.cause.refs.cbegin(), other.cause.refs.cend(),
                           [&](const QString &r) { return r.startsWith(kind); });
    };
    // an incident the provider posted about the very model that failed counts a little lower
    const double least = names(u"model:") ? 0.6 : 0.65;
    return other.score >= least && other.score >= 0.7 * best.score && names(u"statuspage:");
}

namespace {

// Whether `h` is a rate-limit cause standing only on refusals `teller` tells.
bool toldBy(const Hypothesis &teller, const Hypothesis &h)
{
    if (h.cause.category != QLatin1StringView(Category::RateLimited))
        return false;
    bool any = false;
    for (const QString &r : h.cause.refs) {
        if (!r.startsWith(u"config:"))
            continue;
        if (!teller.accountsFor.contains(r))
            return false;
        any = true;
    }
    return any;
}

} // namespace

void foldAccountedFor(QList<Hypothesis> &all)
{
    for (qsizetype t = 0; t < all.size(); ++t) {
        if (all.at(t).accountsFor.isEmpty())
            continue;
        for (qsizetype i = all.size() - 1; i >= 0; --i) {
            if (i == t || !toldBy(all.at(t), all.at(i)))
                continue;
            const QStringList evidence = all.at(i).cause.evidenceIds;
            all.removeAt(i);
            if (i < t)
                --t;
            appendUnique(all[t].cause.evidenceIds, evidence);
        }
    }
}

QList<Hypothesis> mergeHypotheses(const QList<Hypothesis> &all, const QString &playbook)
{
    QHash<QString, Hypothesis> byCategory;
    QHash<QString, int> support;
    for (const Hypothesis &h : all) {
        Hypothesis scored = h;
        scored.score *= categoryPrior(playbook, h.cause.category);
        auto it = byCategory.find(h.cause.category);
        if (it == byCategory.end()) {
            byCategory.insert(h.cause.category, scored);
            support[h.cause.category] = 1;
            continue;
        }
        ++support[h.cause.category];
        QStringList evidence = it->cause.evidenceIds;
        appendUnique(evidence, scored.cause.evidenceIds);
        const double failures = std::max(it->failures, scored.failures);
        if (scored.score > it->score)
            *it = scored;
        it->cause.evidenceIds = evidence;
        it->failures = failures;
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
    return ranked;
}

RankingVerdict judgeRanking(const RankingFacts &facts)
{
    RankingVerdict v;
    v.penalty = std::min(0.3, 0.08 * facts.missingSteps);
    if (!facts.ranked.isEmpty() && facts.ranked.first().score >= 0.4)
        v.best = 0;
    // failures of ours that nothing explains are not "no fault found": they stand, weakly, for
    // a human to look at
    if (v.best < 0 && !facts.ranked.isEmpty() && facts.ranked.first().score >= 0.25 &&
        isUnexplainedRegression(facts.ranked.first())) {
        v.best = 0;
        v.confidence = round2(
            std::min(NeedsHumanBelow - 0.05, causeConfidence(facts.ranked.first(), v.penalty)));
        v.needsHuman = true;
        return v;
    }
    if (v.best < 0) {
        v.confidence = round2(noFaultConfidence(facts, v.penalty));
    } else {
        const Hypothesis &best = facts.ranked.at(v.best);
        v.confidence = round2(causeConfidence(best, v.penalty));
        for (qsizetype i = 1; i < facts.ranked.size() && v.secondary.size() < 2; ++i) {
            const Hypothesis &h = facts.ranked.at(i);
            if (!independentCause(best, h) && !(facts.failover && upstreamOfFailover(best, h)))
                continue;
            v.secondary.append(int(i));
            v.secondaryConfidence.append(round2(causeConfidence(h, v.penalty)));
        }
        // two supported causes: the one behind several times more of the failures is primary
        // (not on a slowness ticket, where failed requests are not what is measured)
        for (qsizetype k = 0; k < v.secondary.size() && !facts.slowness; ++k) {
            const Hypothesis &h = facts.ranked.at(v.secondary.at(k));
            // the incident the requests failed on stays beside what kept them from failing over,
            // and answers first when the config was right and only the catch failed
            if (facts.failover && upstreamOfFailover(facts.ranked.at(v.best), h)) {
                if (facts.ranked.at(v.best).missedCatch) {
                    std::swap(v.best, v.secondary[k]);
                    std::swap(v.confidence, v.secondaryConfidence[k]);
                }
                continue;
            }
            const double primaryFailures = facts.ranked.at(v.best).failures;
            if (primaryFailures > 0 && h.failures >= 3.0 * primaryFailures) {
                std::swap(v.best, v.secondary[k]);
                std::swap(v.confidence, v.secondaryConfidence[k]);
            }
        }
    }
    v.needsHuman = v.confidence < NeedsHumanBelow;
    return v;
}

} // namespace Casefile::Analysis

namespace Casefile {

AnalysisResult analyze(const AnalysisInput &input)
{
    if (input.steps.isEmpty() && input.analyzers.isEmpty())
        return {};
    // the change points are found once here, and every analyzer reads them
    const Analysis::RankingFacts facts = Analysis::gatherRanking(Analysis::withChanges(input));
    return Analysis::phraseRanking(facts, Analysis::judgeRanking(facts));
}

} // namespace Casefile
