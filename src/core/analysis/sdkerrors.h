#pragma once

#include "core/analysis.h"
#include "core/analysis/analysisutil.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

// sdk_errors in three steps: the facts read from the evidence (the org's error series per client
// SDK version, and which provider and model each version's requests went to), a pure judgement
// of whether one SDK version alone began to fail, and the wording. A change of ours or of the
// provider fails every client alike; failures of one SDK version while another version of the
// same org is served by the same provider and model without them point at the client.
namespace Casefile::Analysis {

// The org's requests and failed requests of one SDK version, per bucket.
struct SdkErrorSeries
{
    QString sdk;
    QList<QDateTime> times;
    QList<double> requests;
    QList<double> errors;
};

// The org's requests of one SDK version to one provider and model over the window.
struct SdkTraffic
{
    QString sdk;
    QString provider;
    QString model;
    double requests = 0;
    double errors = 0;
    QString route; // '' when the overview has no routes
};

struct SdkErrorFacts
{
    QString evidenceId;        // the error series per SDK
    QString trafficEvidenceId; // the traffic overview
    QList<SdkErrorSeries> series;
    QList<SdkTraffic> traffic;
    // The routing configs each version's requests went through, and those its failed requests
    // went through; the requests a config's fallback served (fallback_stats, when fetched).
    QHash<QString, QSet<QString>> configs;
    QHash<QString, QSet<QString>> failingConfigs;
    QHash<QString, double> rescued;
    // The org's failed requests by provider, model, status and code (the error breakdown).
    QList<ErrorGroup> errorGroups;
};

// One SDK version failing from `since` while another one of the same org, on the same provider
// and model, is served without failures at the same minutes.
struct SdkErrorVerdict
{
    QString sdk;      // the failing version ('' when no single version fails)
    QString goodSdk;  // a version of the same org served by the same provider and model
    QString provider; // where the failing version's failed requests went
    QString model;
    QString route;
    QDateTime since;
    QDateTime until;  // invalid while it lasts
    double share = 0; // failed share of the version's requests since `since`
    double before = 0;
    double failed = 0;
    double goodShare = 0; // the other version's failed share at the same minutes
    double goodRequests = 0;
    bool found() const { return !sdk.isEmpty(); }
};

SdkErrorFacts gatherSdkErrors(const AnalysisInput &input);

// Pure: one SDK version's failure rate rose (a sustained shift to 10% or more, 20 failed
// requests at least) without another version's rising within 30 minutes of it (another version's
// rise hours apart, on another model, is its own matter), and another version of the org sent 30
// requests or more to the same provider, model and route in those minutes with at most a fifth of
// that share (and under 5%; of its requests to that target when the overview says). Not when both
// versions went through a config whose fallback served about as many requests as the other
// version would have lost at the failing one's rate: that version was rescued, not spared.
SdkErrorVerdict judgeSdkErrors(const SdkErrorFacts &facts);

// gather + judge, for the analyzers that weigh their own cause against it (deploy correlation).
SdkErrorVerdict sdkErrorVerdict(const AnalysisInput &input);

} // namespace Casefile::Analysis
