#pragma once

#include "storage/store.h"

#include <QObject>

#include <memory>

namespace Casefile {

class HelpdeskConnector;

// Sends one confirmed reply: records the intent in the store (which hands out the
// idempotency key), asks the helpdesk to add the comment with that key, then marks the send
// sent or failed. All of it runs on a worker; while a send is in flight further requests
// are refused, and a retry of the same text reuses the recorded key, so the helpdesk never
// gets the reply twice.
//
// Thread affinity: the GUI thread. The store and helpdesk must outlive pending work (they
// are shared_ptrs captured by the worker).
class SendController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendController)

public:
    explicit SendController(QObject *parent = nullptr);

    void setStore(std::shared_ptr<Store> store) { m_store = std::move(store); }
    void setHelpdesk(std::shared_ptr<HelpdeskConnector> helpdesk)
    {
        m_helpdesk = std::move(helpdesk);
    }

    // Returns false (and does nothing) while a send is in flight or without store/helpdesk.
    bool send(const QString &investigationId, const QString &ticketId, const QString &body,
              bool isPublic);
    bool isInFlight() const { return m_inFlight; }

signals:
    void inFlightChanged(bool inFlight);
    void sent(const Casefile::SentReply &record);
    void failed(const QString &message);

private:
    std::shared_ptr<Store> m_store;
    std::shared_ptr<HelpdeskConnector> m_helpdesk;
    bool m_inFlight = false;
};

} // namespace Casefile
