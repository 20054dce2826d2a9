#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

namespace Casefile {

// What the workbench keeps between sessions, as the widgets need it: saved investigations,
// drafts, sends, feedback and metrics. The storage module's Store implements it through an
// adapter (makeWorkbenchStore); tests and the offline viewer use MemoryWorkbenchStore.
//
// Thread affinity: none; every method is thread-safe and may block (SQL), so widgets call
// it only through runAsync (core/async.h), never on the GUI thread.
struct SavedSummary
{
    QString id;
    QString ticketId;
    QString subject;
    QString orgId;
    QString playbook;
    QString category;
    double confidence = 0.0;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QDateTime savedAt;
    QString snippet; // plain text, where a search matched
};

struct SendRecord
{
    enum class State { Pending, Sent, Failed };
    QString id;
    QString investigationId;
    QString ticketId;
    QString body;
    bool isPublic = true;
    QString idempotencyKey;
    State state = State::Pending;
    QString remoteId;
    QString error;
};

struct FeedbackRecord
{
    QString investigationId;
    QString verdict; // right | wrong | partly
    double editedShare = 0.0;
    QString note;
    QDateTime at;
};

struct MetricsRow
{
    QString playbook; // "" = overall
    int investigated = 0;
    double medianSecondsToDiagnosis = 0.0;
    double medianSecondsToSend = 0.0;
    double meanSystemsQueried = 0.0;
    int confirmed = 0;
    int judged = 0;
};

class WorkbenchStore
{
public:
    virtual ~WorkbenchStore() = default;

    virtual Result<QString> saveInvestigation(const Investigation &investigation,
                                              const QString &id) = 0; // id '' = new
    virtual Result<Investigation> loadInvestigation(const QString &id) = 0;
    virtual Result<QList<SavedSummary>> listInvestigations(int limit, int offset) = 0;
    virtual Result<QList<SavedSummary>> search(const QString &text, int limit) = 0;

    virtual Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets) = 0;
    virtual Result<QList<Ticket>> tickets(const QString &workspace) = 0;

    virtual Result<DiagnosisDraft> saveDraft(const QString &investigationId,
                                             const QString &ticketId, const QString &markdown) = 0;
    virtual Result<QList<DiagnosisDraft>> drafts(const QString &investigationId) = 0;

    // Records the intent to send before the helpdesk is asked, so a retry reuses the same
    // idempotency key. A pending send with the same body is returned as is.
    virtual Result<SendRecord> beginSend(const QString &investigationId, const QString &ticketId,
                                         const QString &body, bool isPublic) = 0;
    virtual Result<void> markSent(const QString &sendId, const QString &remoteId) = 0;
    virtual Result<void> markFailed(const QString &sendId, const QString &error) = 0;
    virtual Result<QList<SendRecord>> sends(const QString &investigationId) = 0;

    virtual Result<void> saveFeedback(const FeedbackRecord &feedback) = 0;
    virtual Result<QList<MetricsRow>> metrics() = 0;
};

// Everything in memory, thread-safe. Used by tests and when no store could be opened.
class MemoryWorkbenchStore final : public WorkbenchStore
{
public:
    Result<QString> saveInvestigation(const Investigation &investigation,
                                      const QString &id) override;
    Result<Investigation> loadInvestigation(const QString &id) override;
    Result<QList<SavedSummary>> listInvestigations(int limit, int offset) override;
    Result<QList<SavedSummary>> search(const QString &text, int limit) override;
    Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets) override;
    Result<QList<Ticket>> tickets(const QString &workspace) override;
    Result<DiagnosisDraft> saveDraft(const QString &investigationId, const QString &ticketId,
                                     const QString &markdown) override;
    Result<QList<DiagnosisDraft>> drafts(const QString &investigationId) override;
    Result<SendRecord> beginSend(const QString &investigationId, const QString &ticketId,
                                 const QString &body, bool isPublic) override;
    Result<void> markSent(const QString &sendId, const QString &remoteId) override;
    Result<void> markFailed(const QString &sendId, const QString &error) override;
    Result<QList<SendRecord>> sends(const QString &investigationId) override;
    Result<void> saveFeedback(const FeedbackRecord &feedback) override;
    Result<QList<MetricsRow>> metrics() override;

    QList<FeedbackRecord> feedback() const;

private:
    struct Saved
    {
        QString id;
        Investigation investigation;
        QDateTime savedAt;
    };
    mutable QMutex m_mutex;
    QList<Saved> m_investigations;
    QMap<QString, QList<Ticket>> m_tickets;
    QList<DiagnosisDraft> m_drafts;
    QList<SendRecord> m_sends;
    QList<FeedbackRecord> m_feedback;
    int m_nextId = 1;
};

// The storage module's Store behind WorkbenchStore, or nullptr with the reason when the
// store cannot be opened (or is not part of this build).
Result<std::shared_ptr<WorkbenchStore>> openWorkbenchStore(const QString &path = {});

SavedSummary summarize(const QString &id, const Investigation &investigation,
                       const QDateTime &savedAt);

} // namespace Casefile
