#pragma once

// A helpdesk for tests, with no network: tickets and organisations as given, comments recorded
// and, like Zendesk with our key, never posted twice for the same idempotency key. Every call
// is counted.

#include "core/connector.h"

#include <QMutex>
#include <QThread>

#include <chrono>

namespace Casefile::TestData {

using namespace Qt::StringLiterals;

class FakeHelpdesk final : public HelpdeskConnector
{
public:
    struct Comment
    {
        QString ticketId;
        QString body;
        bool isPublic = true;
        QString key;
    };

    explicit FakeHelpdesk(QList<Ticket> tickets = {}, QList<Organisation> organisations = {})
        : m_tickets(std::move(tickets))
        , m_organisations(std::move(organisations))
    {}

    QString system() const override { return u"helpdesk"_s; }
    QStringList operations() const override { return {}; }
    Result<OperationOutput> run(const OperationCall &) override
    {
        return fail(Error::Code::Unsupported, u"no operations"_s);
    }
    ConnectionCheck testConnection(const WorkLimits &) override { return {true, u"ok"_s}; }
    Result<QList<Ticket>> listTickets(const WorkLimits &) override
    {
        QMutexLocker lock(&m_mutex);
        return m_tickets;
    }
    Result<Ticket> ticket(const QString &id, const WorkLimits &) override
    {
        QMutexLocker lock(&m_mutex);
        for (const Ticket &t : std::as_const(m_tickets)) {
            if (t.id == id)
                return t;
        }
        return fail(Error::Code::NotFound, u"Ticket %1 does not exist"_s.arg(id));
    }
    Result<QList<Organisation>> organisations(const WorkLimits &) override
    {
        QMutexLocker lock(&m_mutex);
        ++m_organisationCalls;
        return m_organisations;
    }
    Result<QString> addComment(const QString &ticketId, const QString &body, bool isPublic,
                               const QString &key, const WorkLimits &) override
    {
        QThread::msleep(static_cast<unsigned long>(commentDelay().count()));
        QMutexLocker lock(&m_mutex);
        ++m_calls;
        if (m_failNext) {
            m_failNext = false;
            return fail(Error::Code::Unreachable, u"The helpdesk could not be reached."_s);
        }
        for (int i = 0; i < m_comments.size(); ++i) {
            if (m_comments.at(i).key == key)
                return QString::number(i + 1);
        }
        m_comments.append({ticketId, body, isPublic, key});
        return QString::number(m_comments.size());
    }

    void setTickets(const QList<Ticket> &tickets)
    {
        QMutexLocker lock(&m_mutex);
        m_tickets = tickets;
    }
    // How long a comment takes to post, so that a second Send can arrive while one is in
    // flight.
    void setCommentDelay(std::chrono::milliseconds delay)
    {
        QMutexLocker lock(&m_mutex);
        m_commentDelay = delay;
    }
    QList<Comment> comments() const
    {
        QMutexLocker lock(&m_mutex);
        return m_comments;
    }
    // addComment() calls, posted or not.
    int calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    int organisationCalls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_organisationCalls;
    }
    // The next comment fails as an unreachable helpdesk would.
    void failNext()
    {
        QMutexLocker lock(&m_mutex);
        m_failNext = true;
    }

private:
    std::chrono::milliseconds commentDelay() const
    {
        QMutexLocker lock(&m_mutex);
        return m_commentDelay;
    }

    mutable QMutex m_mutex;
    QList<Ticket> m_tickets;
    QList<Organisation> m_organisations;
    QList<Comment> m_comments;
    std::chrono::milliseconds m_commentDelay{0};
    int m_calls = 0;
    int m_organisationCalls = 0;
    bool m_failNext = false;
};

} // namespace Casefile::TestData
