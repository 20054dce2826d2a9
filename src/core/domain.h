#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Casefile {

// The domain of one investigation, as values. All types are cheap to copy (implicitly
// shared Qt containers) and safe to pass between threads by value.

struct Organisation
{
    QString id; // the gateway's org id, e.g. "org_acme"
    QString name;
    QStringList domains; // e-mail domains of the org's people
    QString helpdeskId;  // the helpdesk's own organisation id, if any
};

struct Ticket
{
    QString id;
    QString subject;
    QString description; // the customer's words: untrusted, never rendered as HTML
    QString status;      // new | open | pending | hold | solved | closed
    QString priority;    // low | normal | high | urgent (may be empty)
    QString requesterName;
    QString requesterEmail;
    QString orgId; // resolved gateway org id ('' when unknown)
    QString orgName;
    QStringList tags;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC

    bool isValid() const { return !id.isEmpty(); }
};

struct TimeWindow
{
    QDateTime from; // UTC, inclusive
    QDateTime to;   // UTC, exclusive

    bool isValid() const { return from.isValid() && to.isValid() && from < to; }
    qint64 seconds() const { return isValid() ? from.secsTo(to) : 0; }
    bool contains(const QDateTime &t) const { return t >= from && t < to; }
};

// The keys of a routing config (or of one of its targets) that list the checks the gateway runs
// on each request or answer, guardrails among them: "before_request_hooks", "input_guardrails".
const QStringList &routingConfigHookKeys();
// Those of the keys a config fills (a non-empty list), on itself or on any of its targets
// (nested strategies too), each once.
QStringList routingConfigHooks(const QJsonObject &config);

enum class EvidenceKind { TimeSeries, Events, Table, Text, Config };
QString evidenceKindName(EvidenceKind kind);
std::optional<EvidenceKind> evidenceKindFromName(const QString &name);

// One piece of evidence a step produced. `data` is the kind-specific payload documented in
// docs/operations.md; `source` says where it came from ("clickhouse:query:<query_id>",
// "github:GET /repos/o/r/deployments").
struct Evidence
{
    QString id;     // assigned by the engine: "ev1", "ev2", ...
    QString stepId; // optional extension field "step"
    EvidenceKind kind = EvidenceKind::Text;
    QString connector;
    QString title;
    QString source;
    QJsonObject data;
    // The query or request that produced it, as plain text a person can read, copy and run
    // again (ClickHouse: the SQL as sent and its parameters); optional extension field
    // "query". Never holds a secret: credentials travel in headers, never in the text.
    QString query;
};

enum class StepStatus { Pending, Running, Ok, Failed, Timeout, Skipped, Cancelled };
QString stepStatusName(StepStatus status); // contract names: ok failed timeout skipped cancelled
std::optional<StepStatus> stepStatusFromName(const QString &name);
inline bool isFinished(StepStatus s)
{
    return s != StepStatus::Pending && s != StepStatus::Running;
}

struct StepRecord
{
    QString id;
    QString connector;
    QString operation; // optional extension field
    QString title;
    StepStatus status = StepStatus::Pending;
    qint64 durationMs = 0;
    QString error; // one line for a support engineer; empty when ok
    QStringList evidenceIds;
    bool required = false; // optional extension field
    int attempts = 0;      // optional extension field
};

// A sentence for the customer as data: a key of the reply phrase book (one per language,
// core/reply/phrasebook.h) and typed values, so the reply words it in its own language:
// counts, shares and numbers in the reader's locale, times in UTC and the customer's zone,
// names as written. The English `summary` beside it stays for the note and English replies.
struct PhraseArg
{
    // Duration: `number` milliseconds ("340 ms", "1.2 s", "12 min"); Date: the day of `time`;
    // Term: names[0] is a phrase-book key whose text is the value ("metric.error_rate").
    enum class Kind { Count, Share, Number, Time, Name, Names, Duration, Date, Term };
    QString name;
    Kind kind = Kind::Name;
    double number = 0.0;
    int decimals = 0;
    QDateTime time;
    QStringList names;
    friend bool operator==(const PhraseArg &, const PhraseArg &) = default;
};

struct Phrase
{
    QString key;
    QList<PhraseArg> args;
    friend bool operator==(const Phrase &, const Phrase &) = default;
};

// Typed phrase values: Say::count(u"failed"_s, 120), Say::time(u"from"_s, t), ...
namespace Say {
inline PhraseArg count(const QString &name, double value)
{
    return {name, PhraseArg::Kind::Count, value, 0, {}, {}};
}
inline PhraseArg share(const QString &name, double value)
{
    return {name, PhraseArg::Kind::Share, value, 0, {}, {}};
}
inline PhraseArg number(const QString &name, double value, int decimals)
{
    return {name, PhraseArg::Kind::Number, value, decimals, {}, {}};
}
inline PhraseArg time(const QString &name, const QDateTime &value)
{
    return {name, PhraseArg::Kind::Time, 0.0, 0, value, {}};
}
inline PhraseArg name(const QString &name, const QString &value)
{
    return {name, PhraseArg::Kind::Name, 0.0, 0, {}, {value}};
}
inline PhraseArg names(const QString &name, const QStringList &values)
{
    return {name, PhraseArg::Kind::Names, 0.0, 0, {}, values};
}
inline PhraseArg millis(const QString &name, double milliseconds)
{
    return {name, PhraseArg::Kind::Duration, milliseconds, 0, {}, {}};
}
inline PhraseArg seconds(const QString &name, qint64 seconds)
{
    return {name, PhraseArg::Kind::Duration, double(seconds) * 1000.0, 0, {}, {}};
}
inline PhraseArg date(const QString &name, const QDateTime &value)
{
    return {name, PhraseArg::Kind::Date, 0.0, 0, value, {}};
}
inline PhraseArg term(const QString &name, const QString &key)
{
    return {name, PhraseArg::Kind::Term, 0.0, 0, {}, {key}};
}
} // namespace Say

struct Finding
{
    QString summary;
    QStringList refs;
    QStringList evidenceIds;
    double confidence = 0.0;
    QList<Phrase> phrases{}; // optional: the summary as phrase-book clauses, in order
    // a documentation page offered only because it shares the ticket's words (the docs
    // lookup's), which gives way to the pages the causes cite; not part of the result JSON
    bool forTicketWords = false;
};

// A "not checked" line as the reply words it: the English line (as in notChecked, which the
// note and the workbench show) and the same as phrase-book clauses (unchecked.*, source.*,
// why.*), given by whoever wrote the line (an analyzer, the ranking, the engine), so that a
// reply in another language words it from its keys, never by reading the English.
struct WordedLine
{
    QString text;
    QList<Phrase> phrases;
    friend bool operator==(const WordedLine &, const WordedLine &) = default;
};

// The root-cause vocabulary of contracts/investigation-result.md.
namespace Category {
inline constexpr auto DeployRegression = "deploy_regression";
inline constexpr auto ProviderOutage = "provider_outage";
inline constexpr auto CustomerConfig = "customer_config";
inline constexpr auto KnownBug = "known_bug";
inline constexpr auto BillingPipeline = "billing_pipeline";
inline constexpr auto ExpectedBehavior = "expected_behavior";
inline constexpr auto CustomerEndpoint = "customer_endpoint";
inline constexpr auto RateLimited = "rate_limited";
inline constexpr auto SdkVersion = "sdk_version";
inline constexpr auto NoFaultFound = "no_fault_found";
// A cause on the customer's side of the line: their config, their endpoint, their SDK, their
// limits; the reply then never says their setup played no part.
bool onCustomerSide(QStringView category);
} // namespace Category
const QStringList &knownCategories();

struct RootCause
{
    QString category;
    QString summary;
    double confidence = 0.0;
    QStringList refs;
    QStringList evidenceIds; // optional extension field "evidence"
    QList<Phrase> phrases{}; // optional: the summary as phrase-book clauses, in order
};

struct RejectedHypothesis
{
    QString category;
    QString reason;
    QStringList refs; // optional extension field
};

struct PlaybookChoice
{
    QString name; // empty = no investigation needed (JSON null)
    QString reason;
};

// Where the ticket named a provider or model that the organisation's own logs contradicted
// and the logs won: what the ticket said ('' when it named none) and what the logs showed.
struct EntityCorrection
{
    QString entity; // "provider", "model", "time", "window" (its start)
    QString ticket;
    QString logs; // '' when the logs showed nothing to use: the filter was dropped
    friend bool operator==(const EntityCorrection &, const EntityCorrection &) = default;
};

struct Investigation
{
    static constexpr auto FormatId = "casefile-investigation/1";

    Ticket ticket;
    PlaybookChoice playbook;
    TimeWindow window;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QList<StepRecord> steps;
    QList<Evidence> evidence;
    QList<Finding> findings;
    std::optional<RootCause> rootCause;
    QList<RootCause> secondaryCauses; // other causes the evidence also supports, strongest first
    QList<RejectedHypothesis> rejected;
    QString diagnosisMarkdown;    // the reply the customer may read
    QString internalNoteMarkdown; // for the engineer and colleagues: ids, paths, other evidence
    QString replyLanguage;        // BCP 47 language of diagnosisMarkdown ("en", "ja", ...)
    QString workspace;      // optional extension: the workspace (profile) the investigation ran in
    QStringList notChecked; // optional extension "not_checked": systems that could not be asked
    // Optional extension "not_checked_phrases": the lines of notChecked with their wording.
    QList<WordedLine> notCheckedWording;
    // Optional extension "needs_human": the confidence is too low to conclude; "missing" says
    // what could not be read (steps that failed, timed out, were skipped or returned nothing).
    bool needsHuman = false;
    QStringList missing;
    // Optional extension "entity_corrections": the ticket's provider or model as the logs
    // corrected it.
    QList<EntityCorrection> entityCorrections;

    const Evidence *evidenceById(const QString &id) const;
};

// An edited reply draft for a ticket; the store keeps every revision.
struct DiagnosisDraft
{
    QString investigationId;
    QString ticketId;
    QString markdown;
    int revision = 0;
    QDateTime savedAt;
};

} // namespace Casefile

Q_DECLARE_METATYPE(Casefile::Ticket)
Q_DECLARE_METATYPE(Casefile::StepRecord)
Q_DECLARE_METATYPE(Casefile::Evidence)
Q_DECLARE_METATYPE(Casefile::EntityCorrection)
Q_DECLARE_METATYPE(Casefile::Investigation)
