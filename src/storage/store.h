#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace Casefile {

// One row of the investigation list: what the list and search views show without loading
// the whole result document.
struct SavedInvestigationSummary
{
    QString id;
    QString ticketId;
    QString subject;
    QString orgId;
    QString playbook; // empty when no investigation was needed
    QString category; // root cause category, empty without a root cause
    double confidence = 0;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QDateTime savedAt;
    QString snippet; // search only: plain text, matches wrapped in « »; never HTML
};

// One reply sent (or being sent) to the helpdesk. A send is recorded as Pending with its
// idempotency key BEFORE the network call, so a crash between the call and markSent() leaves
// an auditable Pending row and a retry reuses the same key.
struct SentReply
{
    enum class State { Pending, Sent, Failed };

    QString id;
    QString investigationId;
    QString ticketId;
    QString body;
    bool isPublic = true;
    QString idempotencyKey;
    State state = State::Pending;
    QString remoteId; // the helpdesk's comment id once sent
    QString error;    // one line, when Failed
    QDateTime createdAt;
    QDateTime sentAt;
};

QString sendStateName(SentReply::State state); // pending | sent | failed

// The engineer's judgement of an investigation's diagnosis; the latest one per
// investigation counts.
struct Feedback
{
    QString investigationId;
    QString verdict;        // right | wrong | partly
    double editedShare = 0; // 0..1: how much of the drafted reply the engineer changed
    QString note;
    QDateTime at; // when given; now when invalid
};

// How a playbook performs, from saved investigations, sends and feedback.
struct PlaybookMetrics
{
    QString playbook; // "" = all investigations
    int investigated = 0;
    double medianSecondsToDiagnosis = 0; // duration of the investigation run
    double medianSecondsToSend = 0;      // investigation start to first reply sent (sent ones only)
    double meanSystemsQueried = 0;       // distinct connectors whose steps actually ran
    int confirmed = 0;                   // feedback "right"
    int judged = 0;                      // any feedback
};

struct StoreOptions
{
    // Use SQLite FTS5 for search() when the SQLite library has it. Off = the LIKE fallback,
    // as on a system whose SQLite lacks FTS5.
    bool fullTextSearch = true;
};

// The local SQLite store: ticket snapshots, saved investigations (the full result document
// plus denormalised columns, steps and evidence rows), reply drafts, sent replies, feedback.
//
// Threading: every method is thread-safe and blocks until done, so call it from worker
// threads (the GUI goes through runAsync, core/async.h). All writes run on one writer thread
// that owns the only writing connection; reads use one connection per calling thread.
// Lifetime: the Store must outlive every call; destroying it finishes queued writes, stops the
// writer thread and closes every connection it opened.
//
// Crash safety: every write is one transaction (WAL journal), so a crash leaves either the
// previous or the new state, never a mix. Sends are committed with synchronous=FULL.
class Store
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    static QString defaultPath(); // <AppDataLocation>/casefile.sqlite
    // Opens (creating if needed) and migrates the database at `path`; blocks while migrating,
    // so call it off the GUI thread too. Fails on a database from a newer Casefile.
    static Result<std::unique_ptr<Store>> open(const QString &path,
                                               const StoreOptions &options = {});
    static int latestSchemaVersion();

    QString path() const;
    int schemaVersion() const;
    bool hasFullTextSearch() const; // FTS5 available and in use?

    // Upsert; an id is assigned when `id` is empty. Returns the id.
    Result<QString> saveInvestigation(const Investigation &inv, const QString &id = {});
    Result<Investigation> loadInvestigation(const QString &id) const;
    Result<QList<SavedInvestigationSummary>> listInvestigations(int limit = 200,
                                                                int offset = 0) const;
    // Words of `text` must all match (the last one as a prefix) in the ticket, playbook, root
    // cause, findings or diagnosis. `text` is data, never query syntax.
    Result<QList<SavedInvestigationSummary>> search(const QString &text, int limit = 100) const;
    // Removes the investigation, its steps, evidence and drafts; sends and feedback stay
    // for the audit trail.
    Result<void> removeInvestigation(const QString &id);

    // The ticket queue snapshot of a workspace, replaced as a whole, in the given order.
    Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets);
    Result<QList<Ticket>> tickets(const QString &workspace) const;

    // A new revision of the reply draft; returns it with its revision number and time.
    Result<DiagnosisDraft> saveDraft(const QString &investigationId, const QString &ticketId,
                                     const QString &markdown);
    Result<QList<DiagnosisDraft>> drafts(const QString &investigationId) const; // newest first

    // Records a Pending send with a fresh idempotency key before the network call. If a
    // Pending or Failed send of the same body for the same investigation exists, it is
    // returned (as Pending) so a retry reuses its key and the helpdesk can drop a duplicate.
    Result<SentReply> beginSend(const QString &investigationId, const QString &ticketId,
                                const QString &body, bool isPublic);
    Result<void> markSent(const QString &sendId, const QString &remoteId);
    Result<void> markFailed(const QString &sendId, const QString &error);
    Result<QList<SentReply>> sends(const QString &investigationId = {}) const; // oldest first

    Result<void> saveFeedback(const Feedback &feedback);
    Result<QList<Feedback>> feedback(const QString &investigationId = {}) const;
    Result<QList<PlaybookMetrics>> metrics() const; // per playbook (sorted) + "" = overall

    // PRAGMA integrity_check, for diagnostics and tests.
    Result<void> checkIntegrity() const;

private:
    struct Private;
    explicit Store(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace Casefile
