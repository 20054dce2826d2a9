#pragma once

#include "core/analysis/analysisutil.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// known_bugs in three steps: the facts read from the evidence (what failed, the tracker's
// issues), a pure judgement of whether an issue describes what failed, and the wording.
namespace Casefile::Analysis {

// What failed, in words: from the ticket, the logs and the change in the series.
struct KnownBugProblem
{
    QStringList providers;  // "anthropic"
    QStringList models;     // a model's own words, without its family: "haiku", "sonnet"
    QStringList routes;     // "embeddings", "chat", "completions"
    QStringList components; // other words naming what failed: changed labels, SDK, the
                            // ticket's own words (not how it fails, not the area)
    QStringList area;       // the playbook's topic words: the area, never enough on their own
    QStringList symptoms;   // how it fails, in the ticket's words ("timeout", "slow")
    QStringList signatures; // the logs' main error signatures: "400", "invalid_request"
    QStringList orgRoutes;  // the API paths the org's requests used ("/v1/chat/completions");
                            // empty: not known
    // the part of the traffic the data ties exactly to the fault ("anthropic": an invoice off
    // by exactly its tokens); an issue naming it describes what the data shows
    QString measured;
    QString measuredOn; // the ref of the evidence it was measured on (the invoice)
    // a second part the data ties to the fault beside `measured` (the SDK version every request
    // that lost its metadata sent with, beside the provider they went to), and its ref
    QString alsoMeasured{};
    QString alsoMeasuredOn{};
    // the part of the customer's traffic that fails ("endpoint:…"): cited with an issue that
    // describes the failure, as what it hits
    QStringList scope{};
    // the config the failures come through while another config on the same provider works, and
    // how its requests fail ("502", "upstream_stream_error"): cited with an issue naming that
    QString configScope{};
    QStringList configSignatures{};
    // the area is what went wrong (metadata lost), not only where: an issue must name it
    bool areaIsTheFault = false;
    QDateTime onset;               // when the change began (invalid: no change seen)
    QString change;                // that change in words, for the summary ('' when none)
    QString changeKey;             // SeriesChange::key() of that change ('' when none)
    QList<Phrase> changePhrases{}; // the same as phrase-book clauses
};

// One issue of a tracker (Linear or Jira), as the search_issues evidence holds it.
struct TrackerIssue
{
    QString ref; // "linear:issue:GW-418", "jira:issue:FIN-44"
    QString title;
    QString description;
    QString state;
    QStringList labels; // lower case
    bool open = true;
    QDateTime created;
    QString evidenceId;
};

struct KnownBugFacts
{
    bool asked = false;        // a step searched (or was to search) a tracker
    bool answered = false;     // a tracker answered, with or without issues
    bool notConnected = false; // every tracker step was skipped: none is connected
    KnownBugProblem problem;
    QList<TrackerIssue> issues;
    QList<ErrorGroup> failures; // the org's failed requests by provider, model and status
    QDateTime reference;        // for the wording
};

// Whether an issue describes what failed, and if not, why.
enum class KnownBugMatch {
    Describes,      // open, and names what failed: two strong details, or a strong and a weak
    Closed,         // would describe it, but is closed
    Unrelated,      // shares nothing with what failed
    AreaOnly,       // shares only the area's or the symptom's words ("billing", "slow")
    OneDetail,      // shares a single detail (a provider's name, a route)
    OtherProvider,  // labelled for another provider
    OtherComponent, // labelled for components that are not the affected one
    TooOld,         // filed long before the problem began, without its error signature
};

// What an issue shares with the problem, by kind of detail (the problem's words matched).
// Strong kinds name what failed: the model, the route, the error signature, a component, or
// how it fails (a symptom, in the issue's title). Weak kinds are shared by most issues of a
// gateway: a provider's name, the area's words.
struct KnownBugOverlap
{
    QStringList providers;
    QStringList models;
    QStringList routes;
    QStringList signatures;
    QStringList components;
    QStringList area;
    QStringList symptoms; // in the title or labels only
    bool inTitle = false; // a detail in the title or the labels

    int strongKinds() const;
    int weakKinds() const;
    // The words matched, the strong kinds' first.
    QStringList words() const;
};

struct KnownBugJudgement
{
    KnownBugMatch match = KnownBugMatch::Unrelated;
    KnownBugOverlap overlap;
    QStringList otherLabels; // the labels naming something else (OtherProvider/Component)
    double confidence = 0.0; // for Describes
};

// The facts of the evidence: what failed and every issue the trackers returned.
KnownBugFacts gatherKnownBugs(const AnalysisInput &input);

// Pure: what `issue` shares with `problem`.
KnownBugOverlap overlapOf(const KnownBugProblem &problem, const TrackerIssue &issue);

// Pure: how many of `failures` an issue that shares `overlap` covers: the groups with an error
// signature it names, on a provider it names when it names one.
double failuresCovered(const QList<ErrorGroup> &failures, const KnownBugOverlap &overlap);

// Pure: whether `issue` describes `problem`. A single detail in common, or only the area's
// words and a provider's name, never ties a bug to this problem.
KnownBugJudgement judgeKnownBug(const KnownBugProblem &problem, const TrackerIssue &issue);

} // namespace Casefile::Analysis
