#pragma once

#include "core/domain.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Casefile {

namespace Analysis {
struct ChangeReport;
}

// Parameters bound from a ticket before a playbook runs (see the engine's ParameterBinder).
struct BoundParameters
{
    QString org; // gateway org id ('' when it could not be resolved)
    QString orgName;
    TimeWindow window; // investigation window, UTC
    QDateTime anchor; // when the ticket says the problem started, if it says ("since this morning")
    QString provider; // e.g. "anthropic" ('' when the ticket names none)
    QString model;    // e.g. "claude-sonnet-4-6"
    QString route;    // e.g. "/v1/chat/completions"
    QString endpoint; // a customer webhook URL, if mentioned
    QString sdk;      // e.g. "portkey-node/2.0.0", if mentioned
    QStringList keywords; // salient words of the ticket, for bug and doc searches
    // The customer's own theory of the cause ("I think it's your deploy"): a hypothesis to
    // test against the data, never evidence. `customerHypothesisCategory` is the root-cause
    // category it suggests ("deploy_regression", "provider_outage", ...; '' when unclear).
    QString customerHypothesis;
    QString customerHypothesisCategory;
    // Where the ticket's provider or model disagreed with the organisation's own logs and the
    // logs won, in words (empty when they agreed or there was nothing to compare).
    QStringList entityNotes;
    QList<EntityCorrection> entityCorrections; // the same, as data
    QJsonObject values; // everything above as template values ("org", "window.from", ...)
};

// Everything one step produced, as the analyzers see it.
struct StepData
{
    StepRecord record;        // status, error, timing; record.connector and record.operation
                              // identify what was asked
    QList<Evidence> evidence; // ids already assigned
    QJsonObject outputs;
};

struct AnalysisInput
{
    Ticket ticket;
    QString playbook;      // playbook name
    QStringList analyzers; // analyzer names the playbook asks for, in order
    BoundParameters params;
    QMap<QString, StepData> steps; // by step id
    QDateTime now;                 // the workspace's clock
    // The change points of the steps' latency, error and webhook series, found once for the
    // whole analysis and read by every analyzer (Analysis::withChanges(), changeReport()).
    // Immutable and shared; null until computed, then computed on demand.
    std::shared_ptr<const Analysis::ChangeReport> changes{};
};

// A candidate root cause with the evidence that supports it.
struct Hypothesis
{
    RootCause cause;
    double score = 0.0; // ranking score; the best becomes the root cause
    QString why;        // one line: why it is (or is not) the cause
    // How many of the organisation's failed requests it accounts for (0: not counted). Of
    // two causes each supported by its own evidence, the one behind most failures is primary.
    double failures = 0.0;
    // Of those, the requests the gateway refused for a limit (429): a rate-limit cause explains
    // them whatever else changed in their minutes.
    double refusals = 0.0;
    QString analyzer{}; // the analyzer that proposed it (filled by the ranking)
    // Refs (config:…) whose refusals this cause already tells as part of its own story (a
    // fallback target's key over its budget, seen on another config that uses the key): a
    // rate-limit cause standing on those refusals alone is folded into this one.
    QStringList accountsFor{};
    // It says why failures were not caught (a fallback with nowhere to go), not why they
    // happened: beside an incident the requests failed on, the incident is the root cause.
    bool missedCatch = false;
    // The change in the org's traffic it stands on (SeriesChange::key()): two hypotheses that
    // explain the same change compete for it; they are not two causes.
    QString explains{};
};

struct AnalysisResult
{
    QList<Finding> findings;
    std::optional<RootCause> rootCause;
    QList<RootCause> secondaryCauses; // also supported by their own evidence, strongest first
    QString rootCauseAnalyzer;        // the analyzer whose hypothesis became the root cause
    QList<RejectedHypothesis> rejected;
    QStringList notChecked;              // systems/steps whose data was missing, in words
    QList<WordedLine> notCheckedWording; // the same lines as phrase-book clauses
    QList<Evidence> derived;             // evidence the analyzers made (ids assigned by the engine)
    // The confidence is too low to conclude: a human must look; `missing` says what could not
    // be read (steps that failed, timed out, were skipped or returned nothing; filled either way).
    bool needsHuman = false;
    QStringList missing;
};

// Runs the named analyzers over the steps' data and ranks the hypotheses. Pure and
// thread-safe: called on a worker thread; deterministic for the same input.
AnalysisResult analyze(const AnalysisInput &input);

// The Markdown reply draft a support engineer would send: what we found (numbers, times in
// UTC), what we did or will do, next steps for the customer; says what could not be checked.
QString composeDiagnosis(const AnalysisInput &input, const Investigation &investigation);

// The reply and the internal note of a finished run (the run's bound organisation and window
// fill what the ticket lacks), see core/reply/replycomposer.h.
struct ComposedReply
{
    QString reply;
    QString note;
    QString language;
};
ComposedReply composeReply(const AnalysisInput &input, const Investigation &investigation);

} // namespace Casefile
