#include "ui/workbenchstore.h"

#include "storage/store.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

SavedSummary toSummary(const SavedInvestigationSummary &s)
{
    SavedSummary out;
    out.id = s.id;
    out.ticketId = s.ticketId;
    out.subject = s.subject;
    out.orgId = s.orgId;
    out.playbook = s.playbook;
    out.category = s.category;
    out.confidence = s.confidence;
    out.startedAt = s.startedAt;
    out.durationMs = s.durationMs;
    out.savedAt = s.savedAt;
    out.snippet = s.snippet;
    return out;
}

SendRecord toRecord(const SentReply &r)
{
    SendRecord out;
    out.id = r.id;
    out.investigationId = r.investigationId;
    out.ticketId = r.ticketId;
    out.body = r.body;
    out.isPublic = r.isPublic;
    out.idempotencyKey = r.idempotencyKey;
    switch (r.state) {
    case SentReply::State::Pending:
        out.state = SendRecord::State::Pending;
        break;
    case SentReply::State::Sent:
        out.state = SendRecord::State::Sent;
        break;
    case SentReply::State::Failed:
        out.state = SendRecord::State::Failed;
        break;
    }
    out.remoteId = r.remoteId;
    out.error = r.error;
    return out;
}

template<typename In, typename Out, typename F>
Result<QList<Out>> mapList(Result<QList<In>> in, F f)
{
    if (!in)
        return std::unexpected(in.error());
    QList<Out> out;
    out.reserve(in->size());
    for (const In &item : *in)
        out.append(f(item));
    return out;
}

// The storage module's Store behind the workbench's interface. Store is thread-safe and
// blocking, exactly the contract WorkbenchStore asks for.
class StoreAdapter final : public WorkbenchStore
{
public:
    explicit StoreAdapter(std::unique_ptr<Store> store)
        : m_store(std::move(store))
    {}

    Result<QString> saveInvestigation(const Investigation &investigation,
                                      const QString &id) override
    {
        return m_store->saveInvestigation(investigation, id);
    }
    Result<Investigation> loadInvestigation(const QString &id) override
    {
        return m_store->loadInvestigation(id);
    }
    Result<QList<SavedSummary>> listInvestigations(int limit, int offset) override
    {
        return mapList<SavedInvestigationSummary, SavedSummary>(
            m_store->listInvestigations(limit, offset), toSummary);
    }
    Result<QList<SavedSummary>> search(const QString &text, int limit) override
    {
        return mapList<SavedInvestigationSummary, SavedSummary>(m_store->search(text, limit),
                                                                toSummary);
    }
    Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets) override
    {
        return m_store->saveTickets(workspace, tickets);
    }
    Result<QList<Ticket>> tickets(const QString &workspace) override
    {
        return m_store->tickets(workspace);
    }
    Result<DiagnosisDraft> saveDraft(const QString &investigationId, const QString &ticketId,
                                     const QString &markdown) override
    {
        return m_store->saveDraft(investigationId, ticketId, markdown);
    }
    Result<QList<DiagnosisDraft>> drafts(const QString &investigationId) override
    {
        // The store lists newest first; the editor's history reads oldest first.
        auto list = m_store->drafts(investigationId);
        if (list)
            std::reverse(list->begin(), list->end());
        return list;
    }
    Result<SendRecord> beginSend(const QString &investigationId, const QString &ticketId,
                                 const QString &body, bool isPublic) override
    {
        // A reply already delivered is reported as such, so it is never posted again.
        if (auto previous = m_store->sends(investigationId)) {
            for (const SentReply &r : *previous) {
                if (r.state == SentReply::State::Sent && r.ticketId == ticketId && r.body == body &&
                    r.isPublic == isPublic)
                    return toRecord(r);
            }
        }
        auto begun = m_store->beginSend(investigationId, ticketId, body, isPublic);
        if (!begun)
            return std::unexpected(begun.error());
        return toRecord(*begun);
    }
    Result<void> markSent(const QString &sendId, const QString &remoteId) override
    {
        return m_store->markSent(sendId, remoteId);
    }
    Result<void> markFailed(const QString &sendId, const QString &error) override
    {
        return m_store->markFailed(sendId, error);
    }
    Result<QList<SendRecord>> sends(const QString &investigationId) override
    {
        return mapList<SentReply, SendRecord>(m_store->sends(investigationId), toRecord);
    }
    Result<void> saveFeedback(const FeedbackRecord &f) override
    {
        return m_store->saveFeedback(
            Feedback{f.investigationId, f.verdict, f.editedShare, f.note, f.at});
    }
    Result<QList<MetricsRow>> metrics() override
    {
        return mapList<PlaybookMetrics, MetricsRow>(
            m_store->metrics(), [](const PlaybookMetrics &m) {
                return MetricsRow{m.playbook,
                                  m.investigated,
                                  m.medianSecondsToDiagnosis,
                                  m.medianSecondsToSend,
                                  m.meanSystemsQueried,
                                  m.confirmed,
                                  m.judged};
            });
    }

private:
    std::unique_ptr<Store> m_store;
};

} // namespace

Result<std::shared_ptr<WorkbenchStore>> openWorkbenchStore(const QString &path)
{
    auto store = Store::open(path.isEmpty() ? Store::defaultPath() : path);
    if (!store)
        return std::unexpected(store.error());
    return std::shared_ptr<WorkbenchStore>(std::make_shared<StoreAdapter>(std::move(*store)));
}

} // namespace Casefile
