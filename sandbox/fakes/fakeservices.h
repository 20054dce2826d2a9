#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace Casefile::Sandbox {

// A fault injected into a share (`rate`, 0..1) of a system's answers. Kinds:
// timeout (accept, never answer), 429 (vendor-shaped, Retry-After: 1), 500 (vendor-shaped),
// malformed (200 with a truncated body), reset (socket closed mid-answer),
// slow (the body dripped a few bytes every 200 ms).
struct FaultSpec
{
    QString kind;
    double rate = 1.0;
};

struct ServiceOptions
{
    int latencyMs = 0; // every answer of the system is delayed by this much,
    std::optional<FaultSpec> fault;
    int latencyMaxMs = 0; // or by a uniformly drawn time up to this when it is larger
};

// Tokens billed to `org` for requests in [from, to) on `meter` (an event name; '': the
// scenario's first meter): the sandbox computes it from the generated request logs; Stripe
// invoices and meter summaries are derived from it.
using BillingFunction = std::function<qint64(const QString &org, const QDateTime &from,
                                             const QDateTime &to, const QString &meter)>;

class FakeHttpServer;
class VendorFake;
struct FakeContext;

// Fakes of every vendor API a workspace connects to, served on 127.0.0.1 from a scenario
// (contracts/scenario-format.md) in the vendors' own shapes, plus a proxy in front of a real
// ClickHouse. Lives in the thread that created it; all servers are driven by that thread's
// event loop and answer concurrently. The servers stop when the object is destroyed.
class FakeServices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeServices)

public:
    // System names, also the keys of profileConnections() and of start()'s options.
    static QStringList systemNames();

    FakeServices(const QJsonObject &scenarioRoot, BillingFunction billing,
                 const QUrl &clickhouseUpstream, QObject *parent = nullptr);
    ~FakeServices() override;

    // Binds each system on 127.0.0.1:<free port>. `options` keys are system names (vendor
    // names such as "zendesk" are accepted too); an unknown name or fault kind is an error.
    Result<void> start(const QMap<QString, ServiceOptions> &options);
    // The ClickHouse database the profile names (default "casefile").
    void setClickHouseDatabase(const QString &database) { m_clickhouseDatabase = database; }
    // The workspace profile's "connections" object, with throwaway tokens of this run.
    QJsonObject profileConnections() const;
    QUrl url(const QString &system) const;
    // Comments added through the helpdesk's PUT /api/v2/tickets/{id}.json, oldest first.
    QList<QJsonObject> receivedComments(const QString &ticketId) const;

    // Changes a system's fault while serving; nullopt clears it.
    Result<void> setFault(const QString &system, const std::optional<FaultSpec> &fault);

    // Every request the fakes received (faulted ones too), oldest first; bodies are cut at
    // 64 KiB, at most 20000 are kept. Recorded once startControl() has run, until the next
    // clearRequests().
    struct ReceivedRequest
    {
        QString system;
        QByteArray method;
        QByteArray target; // path and query as sent
        QByteArray body;
    };
    QList<ReceivedRequest> receivedRequests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

    // A control server on 127.0.0.1 for tests that drive one sandbox through many cases:
    //   GET /systems                 {"systems": [...]}, the systems served
    //   PUT /faults/{system}         body KIND[:RATE], as casefile-sandbox's --fault
    //   DELETE /faults/{system}      no fault
    //   GET /requests                {"requests": [{system, method, target, body}]}
    //   DELETE /requests             forget the requests received so far
    // Returns its base URL. Call after start().
    Result<QUrl> startControl();

private:
    std::unique_ptr<FakeContext> m_context;
    QMap<QString, FakeHttpServer *> m_servers;
    QMap<QString, std::shared_ptr<VendorFake>> m_fakes;
    FakeHttpServer *m_control = nullptr;
    QString m_clickhouseDatabase = QStringLiteral("casefile");
    QList<ReceivedRequest> m_requests;
    bool m_started = false;
};

} // namespace Casefile::Sandbox
