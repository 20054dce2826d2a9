#pragma once

#include "core/analysis.h"
#include "core/analysis/analysisutil.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

// latency_scope in three steps: the facts read from the evidence (the org's latency per routing
// config and per client SDK version, when each config was last edited), a pure judgement of
// whether the org's latency rise is confined to one part of its traffic the customer controls,
// and the wording. A change of ours or of the provider slows every config and every client
// alike; a rise on one config just edited while the org's others kept their latency is that
// edit, and a rise that came with the org's traffic moving to a client version that was slower
// all along (before it took over too) is that version.
namespace Casefile::Analysis {

// The org's requests and median latency (ms) of one config or one SDK version, per bucket.
struct ScopedLatencySeries
{
    QString key; // the config id or the SDK version
    QList<QDateTime> times;
    QList<double> requests;
    QList<double> p50;
};

struct LatencyScopeFacts
{
    QDateTime onset;          // the org's latency rise ('' when there is none)
    QString changeEvidenceId; // the series the rise was found in
    QString configEvidenceId; // the latency per config
    QString sdkEvidenceId;    // the latency per SDK version
    QList<ScopedLatencySeries> configs;
    QList<ScopedLatencySeries> sdks;
    QHash<QString, QDateTime> editedAt;     // config id -> last edit the gateway reports
    QHash<QString, QString> editEvidenceId; // config id -> the config's evidence
    QHash<QString, QString> ownServer;      // config id -> the custom_host its target calls
    QList<ScopedLatencySeries> models;      // the org's latency per model
    QString modelEvidenceId;
    QList<DocPage> docs;                 // the documentation pages the investigation fetched
    QHash<QString, QString> configModel; // config id -> its first target's model
    QHash<QString, QHash<QString, QString>> settings; // config id -> text settings besides it
    QHash<QString, QHash<QString, double>> numbers;   // config id -> {"max_tokens": 6000}
    QHash<QString, QStringList> hooks; // config id -> the hook keys it fills (guardrails)
};

// Before and after the onset, in the two hours either side.
struct ScopedLevel
{
    double before = 0; // median latency
    double after = 0;
    double requestsBefore = 0; // requests
    double requestsAfter = 0;
    double overall = 0; // median latency over the whole window
};

struct LatencyScopeVerdict
{
    // one config rose while others of the org did not, edited just before, or sending its
    // requests to the customer's own server (serverHost)
    QString config;
    ScopedLevel configLevel;
    QDateTime editedAt;
    QDateTime configOnset; // when that config's latency rose
    // the numbers its target sets otherwise than a config on the same model that kept its
    // latency: "max_tokens 6000 (pc-chat: 800)"
    QStringList settingsApart;
    QString serverHost;
    QStringList flatConfigs;
    // what that config sets and the configs that kept their latency do not, as a fetched doc
    // page describes it ("before_request_hooks"), with the page's sentence on its cost
    QString configSetting;
    DocPage configDoc;
    QString configDocLine;
    // the org's traffic moved to a version slower all along
    QString sdk;
    QString oldSdk;
    ScopedLevel sdkLevel;
    ScopedLevel oldLevel;
    QDateTime onset;
    // no rise at all, and the org's slowest model is one a doc page describes: its latency is
    // the documented one
    QString documentedModel;
    double modelMedian = 0; // ms, over the window
    DocPage modelDoc;
    QString modelDocLine; // the page's sentence (or table row) that names the model
    // no rise, and the org's slowest config sets what a doc page describes ("service_tier:
    // flex") while another config on the same model, without it, is at most 2/3 as slow
    QString settingConfig;
    QString setting; // "service_tier: flex"
    double settingMedian = 0;
    QString settingOther;
    double otherMedian = 0;
    DocPage settingDoc;
    QString settingDocLine;
    bool configFound() const { return !config.isEmpty() && serverHost.isEmpty(); }
    bool ownServerFound() const { return !config.isEmpty() && !serverHost.isEmpty(); }
    bool sdkFound() const { return !sdk.isEmpty(); }
    bool found() const { return !config.isEmpty() || sdkFound(); }
};

// Pure: the levels of `s` in [onset - 2 h, onset) and [onset, onset + 2 h).
ScopedLevel levelAround(const ScopedLatencySeries &s, const QDateTime &onset);

LatencyScopeFacts gatherLatencyScope(const AnalysisInput &input);

// Pure. A config: its median latency rose 1.5x or more at the onset (30 requests or more either
// side) while at least one other config of the org stayed within 1.2x, no other config rose,
// and the gateway reports it edited at most an hour before the onset. Or, when other configs
// rose too (a provider's incident on their model at the same hours): a config edited in the
// window whose latency rose 1.5x from its edit while another config of the org on the same model
// kept its own within 1.2x at those minutes. An SDK version: it sent
// at most a third of its later traffic per minute before the onset and most of the org's requests
// after it, while another version's traffic fell to a third or less; the new version's median
// latency is 1.5x the old one's over the window and did not itself rise at the onset.
LatencyScopeVerdict judgeLatencyScope(const LatencyScopeFacts &facts);

// gather + judge, for the analyzers that weigh their own cause against it (deploy correlation).
LatencyScopeVerdict latencyScopeVerdict(const AnalysisInput &input);

} // namespace Casefile::Analysis
