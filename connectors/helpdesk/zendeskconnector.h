#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// Zendesk Support: the ticket queue, one ticket, organisations, and the one write Casefile
// makes, a comment on a ticket (PUT /api/v2/tickets/{id}.json). Tickets carry the requester
// and organisation from the sideloads (include=users,organizations); Ticket::orgId is the
// organisation's external_id (the gateway's org id). Auth: Basic "{email}/token:{token}",
// or Bearer when no account is set. Thread-safe.
class ZendeskConnector final : public HelpdeskConnector
{
public:
    ZendeskConnector(ConnectionSettings settings, Result<QString> secret);

    QString system() const override { return m_connection.system(); }
    QStringList operations() const override
    {
        return Operations::names(QStringLiteral("helpdesk"));
    }
    Result<OperationOutput> run(const OperationCall &call) override;
    // The queue holds at most this many pages of 100 tickets (10,000 tickets).
    static constexpr int MaxTicketPages = 100;

    ConnectionCheck testConnection(const WorkLimits &limits) override;

    Result<QList<Ticket>> listTickets(const WorkLimits &limits) override;
    Result<Ticket> ticket(const QString &id, const WorkLimits &limits) override;
    Result<QList<Organisation>> organisations(const WorkLimits &limits) override;
    // Never posts twice: an existing comment with the same body and visibility is returned
    // instead, and a send whose answer never came is reported as "unknown outcome", not retried.
    Result<QString> addComment(const QString &ticketId, const QString &body, bool isPublic,
                               const QString &idempotencyKey, const WorkLimits &limits) override;

    // Tickets of one tickets.json / ticket.json answer, resolved against its sideloads.
    static QList<Ticket> parseTickets(const QJsonObject &root);
    // Organisations of one organizations.json answer.
    static QList<Organisation> parseOrganisations(const QJsonObject &root);
    // new/open/pending first, then the rest; newest update first within each group.
    static void sortQueue(QList<Ticket> &tickets);

private:
    // Follows next_page (offset) or links.next (cursor), at most `maxPages`, on our own host.
    Result<QList<QJsonObject>> pages(const QUrl &first, const WorkLimits &limits,
                                     int maxPages) const;
    Result<QString> findComment(const QString &ticketId, const QString &body, bool isPublic,
                                const WorkLimits &limits) const;

    Connection m_connection;
};

} // namespace Casefile::Connectors
