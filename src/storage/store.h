#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

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

// The summary the investigation list shows for `investigation` saved under `id` at `savedAt`.
SavedInvestigationSummary summarize(const QString &id, const Investigation &investigation,
                                    const QDateTime &savedAt);

// What Casefile keeps between sessions: ticket snapshots, saved investigations, reply drafts,
// sent replies and feedback. SqliteStore (storage/sqlitestore.h) is the local implementation;
// the widgets and the commands work with this interface.
//
// Threading: every method is thread-safe and may block (SQL, disk), so the GUI calls it only
// from worker threads (runAsync, core/async.h), never on the GUI thread.
class Store
{
public:
    Store() = default;
    virtual ~Store() = default;
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Upsert; an id is assigned when `id` is empty. Returns the id.
    virtual Result<QString> saveInvestigation(const Investigation &inv, const QString &id = {}) = 0;
    virtual Result<Investigation> loadInvestigation(const QString &id) const = 0;
    virtual Result<QList<SavedInvestigationSummary>> listInvestigations(int limit = 200,
                                                                        int offset = 0) const = 0;
    // Words of `text` must all match (the last one as a prefix) in the ticket, playbook, root
    // cause, findings or diagnosis. `text` is data, never query syntax. Best match first, the
    // latest save first among equals (a store without ranking: latest save first); `offset`
    // skips that many, for the next page. A store may rank only the newest matches, or look
    // only through the newest saves (see StoreOptions), so that a search costs the same
    // however many investigations are saved: an older investigation is found by a more
    // specific search, or in the list.
    virtual Result<QList<SavedInvestigationSummary>> search(const QString &text, int limit = 100,
                                                            int offset = 0) const = 0;
    // Removes the investigation, its steps, evidence and drafts; sends and feedback stay
    // for the audit trail.
    virtual Result<void> removeInvestigation(const QString &id) = 0;

    // The ticket queue snapshot of a workspace, replaced as a whole, in the given order.
    virtual Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets) = 0;
    virtual Result<QList<Ticket>> tickets(const QString &workspace) const = 0;

    // A new revision of the reply draft; returns it with its revision number and time.
    virtual Result<DiagnosisDraft> saveDraft(const QString &investigationId,
                                             const QString &ticketId, const QString &markdown) = 0;
    virtual Result<QList<DiagnosisDraft>>
    drafts(const QString &investigationId) const = 0; // newest first

    // Records a Pending send with a fresh idempotency key before the network call. If a
    // Pending or Failed send of the same body for the same investigation exists, it is
    // returned (as Pending) so a retry reuses its key and the helpdesk can drop a duplicate.
    virtual Result<SentReply> beginSend(const QString &investigationId, const QString &ticketId,
                                        const QString &body, bool isPublic) = 0;
    virtual Result<void> markSent(const QString &sendId, const QString &remoteId) = 0;
    virtual Result<void> markFailed(const QString &sendId, const QString &error) = 0;
    virtual Result<QList<SentReply>>
    sends(const QString &investigationId = {}) const = 0; // oldest first

    virtual Result<void> saveFeedback(const Feedback &feedback) = 0;
    virtual Result<QList<Feedback>> feedback(const QString &investigationId = {}) const = 0;
    // Per playbook (sorted) + "" = overall.
    virtual Result<QList<PlaybookMetrics>> metrics() const = 0;
};

} // namespace Casefile
