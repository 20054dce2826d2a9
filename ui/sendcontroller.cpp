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

bool SendController::send(const QString &investigationId, const QString &ticketId,
                          const QString &body, bool isPublic)
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
    auto work = [store = m_store, helpdesk = m_helpdesk, investigationId, ticketId, body,
                 isPublic]() -> Result<SentReply> {
        // A reply already delivered is reported as such, so it is never posted again.
        if (const auto previous = store->sends(investigationId)) {
            for (const SentReply &r : *previous) {
                if (r.state == SentReply::State::Sent && r.ticketId == ticketId && r.body == body &&
                    r.isPublic == isPublic)
                    return r;
            }
        }
        Result<SentReply> begun = store->beginSend(investigationId, ticketId, body, isPublic);
        if (!begun)
            return std::unexpected(begun.error());
        SentReply record = *begun;
        WorkLimits limits;
        limits.deadline = QDeadlineTimer(30'000);
        const Result<QString> remote =
            helpdesk->addComment(ticketId, body, isPublic, record.idempotencyKey, limits);
        if (!remote) {
            (void)store->markFailed(record.id, remote.error().message);
            return std::unexpected(remote.error());
        }
        if (const auto marked = store->markSent(record.id, *remote); !marked)
            qCWarning(lcUi) << "send delivered but not recorded:" << marked.error().message;
        record.state = SentReply::State::Sent;
        record.remoteId = *remote;
        return record;
    };
    runAsync(this, std::move(work), [this](Result<SentReply> result) {
        m_inFlight = false;
        emit inFlightChanged(false);
        if (result)
            emit sent(*result);
        else
            emit failed(result.error().message);
    });
    return true;
}

} // namespace Casefile
