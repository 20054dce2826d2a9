#pragma once

#include "core/analysis.h"
#include "core/analysis/analysisutil.h"

#include <QList>
#include <QString>
#include <QStringList>

// The ranking (analyze()) in three steps: the facts (every analyzer's output, merged per
// category, and what could not be read), a pure judgement (the root cause, second causes, the
// confidence, whether a human must look) and the wording.
namespace Casefile::Analysis {

// Below this confidence the diagnosis needs a human: the result says so, and what is missing.
inline constexpr double NeedsHumanBelow = 0.4;

struct RankingFacts
{
    QList<Hypothesis> ranked;           // one per category, strongest first
    QList<RejectedHypothesis> rejected; // the analyzers' own
    QList<Finding> findings;
    QList<DocPage> docPages;             // every page the docs steps answered with
    QStringList notChecked;              // in words, for the reply
    QList<WordedLine> notCheckedWording; // the same lines as phrase-book clauses
    int missingSteps = 0;                // steps that failed, timed out or were cancelled
    QStringList missing;                 // steps that did not deliver or returned nothing, in words
    bool sawChange = false;              // a finding reports a metric that rose
    // The ticket complains of slowness: how many requests failed does not measure how much of
    // it a cause explains.
    bool slowness = false;
    // The ticket asks why failed requests did not fail over: what made them fail and what kept
    // them from failing over are two causes.
    bool failover = false;
    // The customer's own theory of the cause (their words) and the category it suggests: a
    // hypothesis the evidence supports or argues against, never evidence itself.
    QString theory;
    QString theoryCategory;
};

struct RankingVerdict
{
    int best = -1;         // index into ranked: the root cause; -1: no fault found
    double penalty = 0.0;  // confidence lost to missing steps
    double confidence = 0; // of the root cause, or of no_fault_found (two decimals)
    QList<int> secondary;  // indexes into ranked: causes with their own evidence
    QList<double> secondaryConfidence;
    bool needsHuman = false; // confidence below NeedsHumanBelow
};

// A rate-limit cause whose config refs are all refusals another cause already tells as part of
// its own story (its accountsFor) is folded into that cause: its evidence joins it, and it is no
// cause of its own.
void foldAccountedFor(QList<Hypothesis> &all);

// One hypothesis per category: the strongest (after the playbook's prior), a little stronger
// when several analyzers agree; its refs stay its own. Strongest first.
QList<Hypothesis> mergeHypotheses(const QList<Hypothesis> &all, const QString &playbook);

// A cause whose failures are mostly requests refused for a limit (429), beside a rate-limit
// cause that explains them, stands on those refusals rather than on failures of its own (a deploy
// shipped just before the org passed its limit): it is weighed below the rate limit. Strongest
// first again afterwards.
void weighRefusals(QList<Hypothesis> &ranked);

// A second cause stands on its own evidence about other traffic than the root cause.
bool independentCause(const Hypothesis &best, const Hypothesis &other);

// On a fallback ticket: `other` is the provider incident the requests failed on, beside a root
// cause of why they did not fail over (a known bug, a deploy, the config), each well supported.
bool upstreamOfFailover(const Hypothesis &best, const Hypothesis &other);

// The failed requests of `errors` on the traffic a cause's provider:/model: refs name (0 when
// it names none); with `refusalsOnly`, only those refused for a limit (429). A group that fails
// from the start to the end of `window` is that traffic's background, not the cause's, when
// other groups of it began inside the window.
double failuresInScope(const ErrorProfile &errors, const QStringList &refs,
                       const TimeWindow &window = {}, bool refusalsOnly = false);

// The page that states a cause the customer acts on (works as documented, their config, their
// limit, their SDK): of the pages read, the one sharing the most of the cause's specific terms
// (identifiers such as `on_status_codes`, model and SDK names, versions: 2 each; status codes:
// 1 each; a word of the page's title the cause's summary uses: 2), at least 2 in all. -1 when
// none shares that much, the cause is of another kind or already cites a page.
qsizetype docStatingCause(const RootCause &cause, const QList<DocPage> &pages);

// Pure: the verdict of the facts. No text for people. Of two causes each standing on its own
// evidence, the one behind three times the failures or more is the root cause.
RankingVerdict judgeRanking(const RankingFacts &facts);

} // namespace Casefile::Analysis
