#pragma once

#include "core/analysis.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Casefile::Analysis {

// One deploy or release, scored against an observed change.
struct DeployCandidate
{
    QString ref;   // "github:deployment:447", "github:release:v2.3.0"
    QString label; // "deploy #447", "release v2.3.0"
    QString title; // what it was about, without the "Deploy #447:" prefix
    QString evidenceId;
    QDateTime time;
    QDateTime finished; // latest deployment status: when it was live
    QStringList files;
    QStringList matched; // topic words its files/message/PR titles share with the change
    QStringList words;   // every word of its title, message, files and PR titles
    QStringList pullRefs;
    bool docsOnly = false;
    // every file is the dashboard's front end (pages, components, styles): no request through
    // the gateway runs that code
    bool frontEndOnly = false;
    double proximity = 0.0;
    double score = 0.0;
    QString reason; // why it is not the cause (empty for a plausible one)
};

struct DeployRanking
{
    bool checked = false;              // GitHub answered (deployments or releases)
    QList<DeployCandidate> candidates; // best first
};

// Scores every deploy (and release) against a change that began at `changeAt` (invalid:
// unknown, then words decide) and the words naming what changed. `strongWords` name the
// affected thing (route, provider, feature); `weakWords` are the ticket's words.
DeployRanking rankDeploys(const AnalysisInput &input, const QDateTime &changeAt,
                          const QStringList &strongWords, const QStringList &weakWords,
                          bool includeReleases = true);

// "deploy #447 (09:12 UTC, live 09:13 UTC, “analytics query rewrite”)"
QString describeDeploy(const DeployCandidate &c, const QDateTime &reference);
// The deploy as phrase-book clauses: "deploy.<went_out|release_went_out>[_before]" with its
// number or tag and time (and how long before `changeAt`, when valid), then what it was about.
QList<Phrase> deployPhrases(const DeployCandidate &c, const QDateTime &changeAt = {});

// How well a deploy's time fits a change that began at `changeAt`, 0..1: 1 up to 10 minutes
// before (30 when the effect waits for a trigger, not `continuous`), then less, 0 after it.
double proximityScore(const QDateTime &deployAt, const QDateTime &changeAt, bool continuous);

// Whether a deploy other than `except` (documentation-only ones aside) shipped within 20
// minutes of `when`: what a rollback or a fix looks like at the end of a change.
bool deployNear(const DeployRanking &ranking, const QDateTime &when, const QString &except);

// Pure: failures on our side that no deploy explains. Most other organisations failed in the
// same minutes (`everyone`), and not as one provider's outage would fail them: server errors
// with no dominant provider (`serverSpread`), or most failures requests rejected as invalid
// (4xx other than 429) for everyone alike.
bool oursWithoutDeploy(bool everyone, bool serverSpread, double clientErrors, double errors);

// The weak cause "ours, but no deploy fits the onset": a deploy_regression that cites no
// deploy. Below the ranking's threshold it still stands as the root cause, with a human asked
// to look (`missing` says what is missing). `what` and `whatPhrases` say what went wrong, in
// English and as phrase-book clauses; the "no deploy fits" clause follows them in both.
Hypothesis unexplainedRegression(const QString &what, const QList<Phrase> &whatPhrases,
                                 const QDateTime &onset, const QString &groupRef,
                                 const QDateTime &reference);
bool isUnexplainedRegression(const Hypothesis &h);

// Whether a file is the dashboard's front end (ui/, frontend/, web/, dashboard/; components
// and styles: .tsx, .jsx, .vue, .svelte, .css, .scss, .sass, .less).
bool isFrontEndFile(const QString &file);

// Words a playbook's topic adds to the affected thing ("webhook", "signature", ...).
QStringList topicWords(const QString &playbook);

} // namespace Casefile::Analysis
