#include "storage/store.h"

using namespace Qt::StringLiterals;

namespace Casefile {

QString sendStateName(SentReply::State state)
{
    switch (state) {
    case SentReply::State::Pending:
        return u"pending"_s;
    case SentReply::State::Sent:
        return u"sent"_s;
    case SentReply::State::Failed:
        return u"failed"_s;
    }
    return u"pending"_s;
}

SavedInvestigationSummary summarize(const QString &id, const Investigation &investigation,
                                    const QDateTime &savedAt)
{
    SavedInvestigationSummary s;
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

} // namespace Casefile
