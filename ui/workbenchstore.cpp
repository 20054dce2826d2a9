#include "ui/workbenchstore.h"

#include <QMutexLocker>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

SavedSummary summarize(const QString &id, const Investigation &investigation,
                       const QDateTime &savedAt)
{
    SavedSummary s;
    s.id = id;
    s.ticketId = investigation.ticket.id;
    s.subject = investigation.ticket.subject;
    s.orgId = investigation.ticket.orgId;
    s.playbook = investigation.playbook.name;
    if (investigation.rootCause) {
        s.category = investigation.rootCause->category;
        s.confidence = investigation.rootCause->confidence;
    }
    s.startedAt = investigation.startedAt;
    s.durationMs = investigation.durationMs;
    s.savedAt = savedAt;
    return s;
}

Result<QString> MemoryWorkbenchStore::saveInvestigation(const Investigation &investigation,
                                                        const QString &id)
{
    QMutexLocker lock(&m_mutex);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!id.isEmpty()) {
        for (Saved &saved : m_investigations) {
            if (saved.id == id) {
                saved.investigation = investigation;
                saved.savedAt = now;
                return id;
            }
        }
    }
    const QString newId = id.isEmpty() ? u"inv-%1"_s.arg(m_nextId++) : id;
    m_investigations.append({newId, investigation, now});
    return newId;
}

Result<Investigation> MemoryWorkbenchStore::loadInvestigation(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    for (const Saved &saved : std::as_const(m_investigations)) {
        if (saved.id == id)
            return saved.investigation;
    }
    return fail(Error::Code::NotFound, u"No saved investigation %1."_s.arg(id));
}

Result<QList<SavedSummary>> MemoryWorkbenchStore::listInvestigations(int limit, int offset)
{
    QMutexLocker lock(&m_mutex);
    QList<SavedSummary> list;
    for (auto it = m_investigations.crbegin(); it != m_investigations.crend(); ++it)
        list.append(summarize(it->id, it->investigation, it->savedAt));
    return list.mid(offset, limit);
}

Result<QList<SavedSummary>> MemoryWorkbenchStore::search(const QString &text, int limit)
{
    QMutexLocker lock(&m_mutex);
    QList<SavedSummary> list;
    for (auto it = m_investigations.crbegin(); it != m_investigations.crend(); ++it) {
        const Investigation &inv = it->investigation;
        const QString hay = inv.ticket.subject + u' ' + inv.ticket.description + u' ' +
                            inv.diagnosisMarkdown + u' ' +
                            (inv.rootCause ? inv.rootCause->summary : QString());
        const qsizetype at = hay.indexOf(text, 0, Qt::CaseInsensitive);
        if (text.isEmpty() || at >= 0) {
            SavedSummary s = summarize(it->id, inv, it->savedAt);
            s.snippet = hay.mid(std::max<qsizetype>(0, at - 30), 100).simplified();
            list.append(s);
        }
        if (list.size() >= limit)
            break;
    }
    return list;
}

Result<void> MemoryWorkbenchStore::saveTickets(const QString &workspace,
                                               const QList<Ticket> &tickets)
{
    QMutexLocker lock(&m_mutex);
    m_tickets.insert(workspace, tickets);
    return {};
}

Result<QList<Ticket>> MemoryWorkbenchStore::tickets(const QString &workspace)
{
    QMutexLocker lock(&m_mutex);
    return m_tickets.value(workspace);
}

Result<DiagnosisDraft> MemoryWorkbenchStore::saveDraft(const QString &investigationId,
                                                       const QString &ticketId,
                                                       const QString &markdown)
{
    QMutexLocker lock(&m_mutex);
    int revision = 0;
    for (const DiagnosisDraft &d : std::as_const(m_drafts)) {
        if (d.investigationId == investigationId)
            revision = std::max(revision, d.revision);
    }
    DiagnosisDraft draft{investigationId, ticketId, markdown, revision + 1,
                         QDateTime::currentDateTimeUtc()};
    m_drafts.append(draft);
    return draft;
}

Result<QList<DiagnosisDraft>> MemoryWorkbenchStore::drafts(const QString &investigationId)
{
    QMutexLocker lock(&m_mutex);
    QList<DiagnosisDraft> list;
    for (const DiagnosisDraft &d : std::as_const(m_drafts)) {
        if (d.investigationId == investigationId)
            list.append(d);
    }
    return list;
}

Result<SendRecord> MemoryWorkbenchStore::beginSend(const QString &investigationId,
                                                   const QString &ticketId, const QString &body,
                                                   bool isPublic)
{
    QMutexLocker lock(&m_mutex);
    for (SendRecord &s : m_sends) {
        // The same reply is the same send: its key lets the helpdesk recognise a retry, even
        // after a failure whose comment may have arrived after all (a timeout).
        if (s.investigationId == investigationId && s.ticketId == ticketId && s.body == body &&
            s.isPublic == isPublic) {
            if (s.state == SendRecord::State::Failed)
                s.state = SendRecord::State::Pending;
            return s;
        }
    }
    SendRecord record;
    record.id = u"send-%1"_s.arg(m_sends.size() + 1);
    record.investigationId = investigationId;
    record.ticketId = ticketId;
    record.body = body;
    record.isPublic = isPublic;
    record.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_sends.append(record);
    return record;
}

Result<void> MemoryWorkbenchStore::markSent(const QString &sendId, const QString &remoteId)
{
    QMutexLocker lock(&m_mutex);
    for (SendRecord &s : m_sends) {
        if (s.id == sendId) {
            s.state = SendRecord::State::Sent;
            s.remoteId = remoteId;
            s.error.clear();
            return {};
        }
    }
    return fail(Error::Code::NotFound, u"No send %1."_s.arg(sendId));
}

Result<void> MemoryWorkbenchStore::markFailed(const QString &sendId, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    for (SendRecord &s : m_sends) {
        if (s.id == sendId) {
            s.state = SendRecord::State::Failed;
            s.error = error;
            return {};
        }
    }
    return fail(Error::Code::NotFound, u"No send %1."_s.arg(sendId));
}

Result<QList<SendRecord>> MemoryWorkbenchStore::sends(const QString &investigationId)
{
    QMutexLocker lock(&m_mutex);
    QList<SendRecord> list;
    for (const SendRecord &s : std::as_const(m_sends)) {
        if (s.investigationId == investigationId)
            list.append(s);
    }
    return list;
}

Result<void> MemoryWorkbenchStore::saveFeedback(const FeedbackRecord &feedback)
{
    QMutexLocker lock(&m_mutex);
    m_feedback.append(feedback);
    return {};
}

QList<FeedbackRecord> MemoryWorkbenchStore::feedback() const
{
    QMutexLocker lock(&m_mutex);
    return m_feedback;
}

Result<QList<MetricsRow>> MemoryWorkbenchStore::metrics()
{
    QMutexLocker lock(&m_mutex);
    QMap<QString, MetricsRow> rows;
    MetricsRow overall;
    for (const Saved &saved : std::as_const(m_investigations)) {
        const QString name = saved.investigation.playbook.name;
        MetricsRow &row = rows[name];
        row.playbook = name;
        ++row.investigated;
        ++overall.investigated;
        const double secs = saved.investigation.durationMs / 1000.0;
        row.medianSecondsToDiagnosis = secs; // a memory store keeps no history: last value
        overall.medianSecondsToDiagnosis = secs;
    }
    for (const FeedbackRecord &f : std::as_const(m_feedback)) {
        ++overall.judged;
        if (f.verdict == "right"_L1)
            ++overall.confirmed;
    }
    QList<MetricsRow> list{overall};
    list.append(rows.values());
    return list;
}

} // namespace Casefile
