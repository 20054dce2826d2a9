#include "ui/sendcontroller.h"

#include "core/async.h"
#include "core/connector.h"
#include "ui/constants.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace Casefile {

SendController::SendController(QObject *parent)
    : QObject(parent)
{}

QStringList SendController::statuses() const
{
    return m_helpdesk ? m_helpdesk->statuses() : QStringList{};
}

bool SendController::send(const QString &investigationId, const QString &ticketId,
                          const QString &body, bool isPublic, const Extras &extras)
{
    if (m_inFlight) {
        qCDebug(lcUi) << "send refused: one is already in flight";
        return false;
    }
    if (!m_store || !m_helpdesk) {
        emit failed(tr("Not connected to a helpdesk; the reply was not sent."));
        return false;
    }
    m_inFlight = true;
    emit inFlightChanged(true);
    struct Outcome
    {
        SentReply record;
        bool alreadyPosted = false;
    };
    auto work = [store = m_store, helpdesk = m_helpdesk, investigationId, ticketId, body, isPublic,
                 extras]() -> Result<Outcome> {
        // A reply already delivered is reported as such, so it is never posted again.
        if (const auto previous = store->sends(investigationId)) {
            for (const SentReply &r : *previous) {
                if (r.state == SentReply::State::Sent && r.ticketId == ticketId && r.body == body &&
                    r.isPublic == isPublic)
                    return Outcome{r, true};
            }
        }
        Result<SentReply> begun = store->beginSend(investigationId, ticketId, body, isPublic);
        if (!begun)
            return std::unexpected(begun.error());
        SentReply record = *begun;
        WorkLimits limits;
        limits.deadline = QDeadlineTimer(30'000);
        HelpdeskConnector::CommentRequest request;
        request.ticketId = ticketId;
        request.markdown = body;
        request.html = extras.html;
        request.isPublic = isPublic;
        request.status = extras.status;
        request.idempotencyKey = record.idempotencyKey;
        const auto posted = helpdesk->postComment(request, limits);
        if (!posted) {
            (void)store->markFailed(record.id, posted.error().message);
            return std::unexpected(posted.error());
        }
        if (const auto marked = store->markSent(record.id, posted->remoteId); !marked)
            qCWarning(lcUi) << "send delivered but not recorded:" << marked.error().message;
        record.state = SentReply::State::Sent;
        record.remoteId = posted->remoteId;
        return Outcome{record, posted->alreadyPosted};
    };
    runAsync(this, std::move(work), [this](Result<Outcome> result) {
        m_inFlight = false;
        emit inFlightChanged(false);
        if (result)
            emit sent(result->record, result->alreadyPosted);
        else
            emit failed(result.error().message);
    });
    return true;
}

} // namespace Casefile
