#pragma once

#include "core/analysis.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

// routing_share in three steps: the facts (the org's loadbalance configs with each target's
// weight, and the requests each target's provider and model answered through that config), a
// pure judgement of whether the traffic was shared as weighted, and the wording. A customer who
// sees another provider or model answer part of the requests of a loadbalance config is seeing
// the config do what its weights say; a share far from the weight is the gateway's doing.
namespace Casefile::Analysis {

struct WeightedTarget
{
    QString provider;
    QString model;
    double weight = 0;   // as written (default 1)
    double expected = 0; // the share of requests the weights give it
    double requests = 0; // the config's requests this target's provider and model answered
    double errors = 0;
    // the org's requests a minute to this target's provider before and after the config was
    // saved (from the per-provider series; negative: not known)
    double perMinuteBefore = -1;
    double perMinuteAfter = -1;
};

struct LoadbalanceConfig
{
    QString id;
    QString evidenceId;
    QDateTime updatedAt; // invalid: not said
    QList<WeightedTarget> targets;
};

struct RoutingShareFacts
{
    QList<LoadbalanceConfig> configs;
    QString trafficEvidenceId;
    double orgRequests = 0; // every config's requests in the window
    double orgErrors = 0;
    QString ticketProvider; // what the ticket names ('' when nothing)
    QString ticketModel;
    QDateTime windowFrom;
};

struct RoutingShareVerdict
{
    enum class Kind {
        None,
        AsWeighted, // every target answered its weight's share, nothing failing: as configured
        OffWeight,  // a target answered far more or less than its weight gives it
        Reweighted, // saved in the window, and the org's requests moved at that minute towards
                    // the target its new weights favour: the customer's own edit
    };
    Kind kind = Kind::None;
    QString config;
    QString evidenceId;
    QDateTime since;         // the config unchanged since then (invalid: not said)
    double requests = 0;     // the config's requests
    WeightedTarget minority; // AsWeighted: the target with the smaller share; OffWeight: the
                             // target furthest from its weight; Reweighted: the target the new
                             // weights favour
    QList<WeightedTarget> targets;
    bool concernsTicket = false; // the ticket names a provider or model of the config's targets
    // AsWeighted, though the config was saved in the window: the save moved no share, but what
    // it changed is not known, so the split is reported without concluding on it.
    bool savedInWindow = false;
};

// The weights' shares of a config's targets (normalised; zero or negative weights get none).
QList<double> expectedShares(const QList<double> &weights);

// The weighted targets of a config: its own when it is a loadbalance config, else those of a
// loadbalance group that is its first target (a fallback whose first choice is shared by
// weight); none otherwise.
QList<WeightedTarget> weightedTargets(const QJsonObject &config);

RoutingShareFacts gatherRoutingShare(const AnalysisInput &input);
RoutingShareVerdict judgeRoutingShare(const RoutingShareFacts &facts);

} // namespace Casefile::Analysis
