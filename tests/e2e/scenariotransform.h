#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <expected>

namespace Casefile::Testing {

// Changes to a scenario that leave its truth as it is: a support engineer reading the changed
// scenario would reach the same diagnosis from the same evidence. Each one is deterministic for
// its `variant` (which picks its parameters: how many days, which names, which zone...).
enum class ScenarioTransform {
    ShiftDays,  // the whole timeline N days later (ticket, logs, deploys, incidents, invoices)
    ShiftHours, // the whole timeline a few hours later or earlier, clock times in the ticket too
    RenameIds,  // org, config, virtual key, Stripe customer ids and the repository, everywhere
    RoutineDeploys,   // 10-25 routine deploys in unrelated areas, hours away from any change
    BackgroundErrors, // a 1.5-3% background error rate on every request stream
    BusinessHours,    // an office-hours volume cycle on every request stream
    NoisyOrg,         // another big org with its own 3% background errors on models nothing hits
    QuotedThread,     // a stale subject, the old subject in the body, a signature, a quoted reply
    LocalTime,        // the ticket's "HH:MM UTC" restated in a local zone in the ticket's language
    OldIncident,      // a resolved provider incident on another product days before
    UnusedConfig,     // a second config of the ticket's org on the same model, lint issues and
                      // all, that no request uses
    Combined,         // every one of the above that applies, one after the other (three at least)
    Reseed, // another seed for the log generator: the same streams and anomalies, other noise
};

QList<ScenarioTransform> allScenarioTransforms();
QString scenarioTransformName(ScenarioTransform transform);

// The transformed scenario (its truth adapted: renamed refs, the new bystanders forbidden), or
// why the transform does not apply to this scenario without changing its truth.
std::expected<QJsonObject, QString> transformScenario(const QJsonObject &scenario,
                                                      ScenarioTransform transform, int variant);

} // namespace Casefile::Testing
