#pragma once

#include "core/connector.h"

#include <QMutex>
#include <QThread>

namespace Casefile::TestData {

using namespace Qt::StringLiterals;

// A helpdesk that records comments and, like Zendesk with our key, never posts the same
// idempotency key twice. It answers slowly so a second Send arrives while one is in flight.
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
    void setTickets(const QList<Ticket> &tickets)
    {
        QMutexLocker lock(&m_mutex);
        m_tickets = tickets;
    }
    Result<Ticket> ticket(const QString &, const WorkLimits &) override { return Ticket{}; }
    Result<QList<Organisation>> organisations(const WorkLimits &) override
    {
        return QList<Organisation>{};
    }
    Result<QString> addComment(const QString &ticketId, const QString &body, bool isPublic,
                               const QString &key, const WorkLimits &) override
    {
        QThread::msleep(100);
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

    QList<Comment> comments() const
    {
        QMutexLocker lock(&m_mutex);
        return m_comments;
    }
    int calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    void failNext()
    {
        QMutexLocker lock(&m_mutex);
        m_failNext = true;
    }

private:
    mutable QMutex m_mutex;
    QList<Comment> m_comments;
    QList<Ticket> m_tickets;
    int m_calls = 0;
    bool m_failNext = false;
};

} // namespace Casefile::TestData
