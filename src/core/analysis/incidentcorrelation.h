#pragma once

#include "core/analysis/analysisutil.h"
#include "core/analysis/changepoint.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// incident_correlation in three steps: the facts read from the evidence (incidents, what
// failed), a pure judgement of which incident explains which failure, and the wording.
namespace Casefile::Analysis {

// One thing that failed: a changed series, or the provider errors of the error breakdown.
struct IncidentFailure
{
    QDateTime from;
    QDateTime to; // invalid while it lasts
    QString provider;
    QString model;
    std::optional<SeriesChange> change; // absent for the error breakdown's provider errors
    // When `model` is unknown: the models the org's failing requests to `provider` used (the
    // error breakdown's), else every model the org sends there. An incident that names only
    // other models or families cannot explain the failure.
    QStringList models = {};
};

// An incident of a provider's status page.
struct StatusIncident
{
    QString ref;
    QString page; // lower case: "openai"
    QString title;
    QString text; // title, component names and update bodies
    QString evidenceId;
    QDateTime start;
    QDateTime end;
    QStringList models; // model names it mentions, lower case
    // A product of the provider's that the failing traffic does not use ('' when none).
    QString otherProduct;
};

// A page of our own on-call.
struct OnCallPage
{
    QString ref;
    QString title;
    QString text; // title and service, lower case
    QString evidenceId;
    QDateTime start;
    QDateTime end;
};

struct IncidentFacts
{
    bool statusAnswered = false; // the status pages answered, with or without incidents
    QList<StatusIncident> incidents;
    QList<OnCallPage> pages;
    QList<IncidentFailure> failures; // the most telling first
    QString affectedProvider;        // from the ticket and the logs
    double serverErrors = 0;         // 5xx of the error breakdown
    QString serverProvider;          // the provider carrying them ('' when spread)
    QDateTime windowTo;
    bool billing = false; // billing has no change: a page about metering is the clue
    // Billing: the hours (or days) the meter departed from the logged usage. A page about
    // metering is a clue only when it overlaps them.
    QList<std::pair<QDateTime, QDateTime>> meterDepartures;
    QDateTime reference; // for the wording
};

// Whether an incident explains a failure, and if not, why.
enum class IncidentMatch {
    Explains,
    NoChange,      // nothing failed that an incident could explain
    OtherProduct,  // about a product the failing traffic does not use
    OtherProvider, // another provider's page
    OtherModel,    // names other models
    OtherFamily,   // names another model family ("Haiku" for a Sonnet failure)
    OtherTime,     // does not overlap the failure
};

struct IncidentJudgement
{
    IncidentMatch match = IncidentMatch::NoChange;
    int failure = -1; // the failure it explains, or whose mismatch says best why not
    double score = 0.0;
    bool providerErrors = false; // the error breakdown's provider errors back it
    QStringList refs;
};

struct PageJudgement
{
    bool relevant = false;
    bool overlaps = false; // in time with the first failure, or with a meter's departure
    bool aboutBilling = false;
};

struct IncidentCorrelationVerdict
{
    QList<IncidentJudgement> incidents; // one per facts.incidents
    bool noIncidentListed = false;      // the status pages answered with no incident
    QList<PageJudgement> pages;         // one per facts.pages
};

// nullopt when neither the status pages nor PagerDuty answered.
std::optional<IncidentFacts> gatherIncidents(const AnalysisInput &input);

// Pure: whether `incident` explains `failure` (provider, model and time overlap).
IncidentMatch matchIncident(const StatusIncident &incident, const IncidentFailure &failure,
                            const QDateTime &windowTo);

// Pure: the verdict of the facts. No text for people.
IncidentCorrelationVerdict judgeIncidents(const IncidentFacts &facts);

// The model ids a status text names, spelled with or without dashes ("Gemini 2.5 Pro",
// "gpt-4o-mini"), lower case; families alone ("Claude", "GPT") are not models.
QStringList modelsIn(const QString &text);

// Model families an incident may name without a full model id ("Claude Haiku 4.5").
QStringList familiesIn(const QString &text);

} // namespace Casefile::Analysis
