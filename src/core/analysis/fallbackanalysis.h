#pragma once

#include "core/analysis/analysisutil.h"
#include "core/analysis/configlint.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

// fallback_analysis in three steps: the facts read from fallback_stats and the routing
// configs, a pure judgement (did the fallback work; if not, which target stalled and which
// config problem explains it) and the wording.
namespace Casefile::Analysis {

// The fallback_stats table, summed.
// A status a target's key was refused with and its error code: 429 budget_exceeded.
struct Refusal
{
    int status = 0;
    QString code;
    // a spent budget or quota (402, 429) is raised or reset; a rejected key (401, 403) needs
    // its credential
    bool isLimit() const { return status == 402 || status == 429; }
    QString text() const;
};

struct FallbackStats
{
    QString evidenceId;
    double total = 0;
    double stuck = 0; // failed without failing over
    double stuckTimeouts = 0;
    double stuckLatencySum = 0;
    double served = 0;                   // served by a fallback target
    QMap<QString, double> stuckByTarget; // "provider/model"
    QMap<QString, double> servedBy;
    QMap<QString, QDateTime> servedFirst; // the first request each fallback target served
    QMap<QString, double> servedConfigs;
    QMap<QString, double> stuckConfigs; // config_id the stalled requests used
    QList<int> stuckStatuses;
    // Refused by the gateway itself before any target was tried (attempts 0: an org or key
    // limit): no config's retry or fallback applies to them, so they are no stall.
    double refused = 0;
    QString refusedStatus; // the largest group's "429 rate_limited"
    // Per config: its requests, the stalled ones by target, and those a target's key refused
    // (401, 402, 403 or 429: a spent budget, a quota, a revoked key) with the largest such
    // group's "429 budget_exceeded" and the first of them.
    QMap<QString, double> requestsByConfig;
    QMap<QString, QMap<QString, double>> stuckTargetsByConfig;
    QMap<QString, double> keyRefusalsByConfig;
    QMap<QString, Refusal> keyRefusalByConfig;
    QMap<QString, QDateTime> keyRefusalFirst;
    QMap<QString, QDateTime> stuckFirst; // per config: when its largest stalled group began
};
// Sums the rows of a fallback_stats table.
FallbackStats fallbackStats(const QJsonObject &table, const QString &evidenceId);

// A routing config as fetched, with the statuses its first target fails over on.
struct FallbackConfig
{
    QString id;
    QString evidenceId;
    QList<int> failoverCodes; // empty when the config lists none
    QString mode;             // strategy.mode of the top level ("single" when none)
    bool canFailOver = true;  // a "fallback" strategy at the top or in a nested target
    // The virtual key of every target, at any level, and the targets a top-level "fallback"
    // strategy fails over to (all but the first) as {virtual key, model}.
    QStringList keys{};
    QList<QPair<QString, QString>> fallbackTargets{};
};

// The config's strategy mode and whether any level of it fails over to another target.
FallbackConfig failoverShape(const QJsonObject &config);

// An incident on the status page of the provider the fallback's first target sends to.
struct FirstTargetIncident
{
    QString page;
    QString title;
    QDateTime start;
    QDateTime end;
};

struct FallbackFacts
{
    FallbackStats stats;
    QList<DocPage> docs; // the fetched doc pages
    // The config that served most fallbacks, the evidence of its fetched copies, and the
    // incidents of its first target's provider.
    QStringList servedConfigEvidence;
    QList<FirstTargetIncident> firstTargetIncidents;
    // The statuses that config's first target fails over on (empty: none listed or not read).
    QList<int> servedConfigCodes;
    // That config's first target: the customer's own server ('' when a provider's API), its
    // request_timeout (0: none) and model, and the median time of that model's answers in the
    // org's traffic (0: unknown).
    QString firstTargetHost;
    double firstTargetTimeoutMs = 0;
    QString firstTargetModel;
    double firstTargetP50 = 0;
    // When the main fallback target served its first request of the window (invalid: unknown).
    QDateTime fallbackSince;
    // The provider errors of the error breakdown (when they were counted).
    QString serverProvider;
    QDateTime serverFirst;
    QDateTime serverLast;
    // The org's error-rate series stayed flat through the window: requests that failed without
    // failing over at a low share are its usual background failures, not a fallback that
    // stopped working.
    bool errorsAtBaseline = false;
    bool configsRead = false; // the routing configs were fetched
    QList<FallbackConfig> configs;
    QList<ConfigIssue> issues; // lint of every fetched config
    QDateTime reference;       // for the wording
    QDateTime windowFrom;      // the window the table covers
    QDateTime windowTo;
};

// Statuses (not timeouts) a config that stalled does not list among its fail-over codes.
struct UnlistedStatus
{
    QString configRef;
    QString evidenceId;
    QList<int> statuses;
};

// A fallback config's stall explained by its fallback target: the target's virtual key refused
// most requests of a config that uses it (`via`, possibly the stalled config itself).
struct RefusedTarget
{
    QString config; // the fallback config that stalled
    QString key;
    QString model;
    QString via;
    double refused = 0;
    Refusal refusal; // 429 budget_exceeded
    QDateTime first;
};

struct FallbackVerdict
{
    bool fallbackServed = false; // some requests were answered by a fallback target
    bool stalled = false;        // enough requests failed without failing over
    // Not stalled and served: works as configured (expected_behavior).
    bool workedAsConfigured = false;
    double expectedScore = 0.0;
    // Worked, yet why the first target failed is the customer's own doing: its own server
    // failed (customer_endpoint), or its request_timeout cuts the model's ordinary answers
    // short (customer_config).
    bool ownServerFailed = false;
    bool timeoutBelowModel = false;
    QString servedConfig;
    QString servedTarget;
    // Stalled: the target, the config its requests used, and why.
    QString stalledTarget; // "provider/model"
    QString stalledProvider;
    QString stalledConfig;
    double averageLatencyMs = 0;
    bool mostlyTimeouts = false;
    bool configUnknown = false; // the routing configs could not be read
    QList<UnlistedStatus> unlisted;
    QList<ConfigIssue> explaining; // config issues that explain the stall
    // The config most stalled requests used has no fallback strategy at all (loadbalance,
    // single): nothing could have failed over, whatever the gateway did.
    std::optional<FallbackConfig> cannotFailOver;
    // The stalled config's fallback target could not answer: its key refused requests.
    std::optional<RefusedTarget> refusedTarget;
    double stalledCount = 0;     // the requests of the stall the verdict is about
    bool configExplains = false; // customer_config
    QStringList refs;
    QStringList evidenceIds;
};

// nullopt when no fallback_stats table was fetched.
std::optional<FallbackFacts> gatherFallback(const AnalysisInput &input);

// Pure: whether a config issue explains requests that stalled on `provider` with `stats`.
bool issueExplainsStall(const ConfigIssue &issue, const FallbackStats &stats,
                        const QString &provider);

// Pure: the fallback config that stalled while a fallback target's key refused most requests of
// a config using that key from before the stall on (nullopt when none): the failures had nowhere
// to fail over. "Most" is counted against that config's requests since the refusals began, at
// its average rate over the window.
std::optional<RefusedTarget> refusedFallbackTarget(const FallbackFacts &facts);

// Pure: the verdict of the facts. No text for people.
FallbackVerdict judgeFallback(const FallbackFacts &facts);

} // namespace Casefile::Analysis
