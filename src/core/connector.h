#pragma once

#include "core/cancel.h"
#include "core/domain.h"
#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

namespace Casefile {

// One call of a connector operation, as the engine makes it for a playbook step.
struct OperationCall
{
    QString stepId;
    QString operation; // e.g. "latency_series"; see docs/operations.md
    QJsonObject args;  // already templated from the ticket's parameters and earlier steps
    WorkLimits limits; // the step's deadline and the investigation's cancel token
    // Later steps wait for this answer: a system that orders its work (ClickHouse's query
    // priority) puts it before the others of the investigation.
    bool awaited = false;
};

// What a successful operation returns: evidence (ids are assigned by the engine) and
// outputs later steps may template against ("{{steps.org_overview.config_ids}}").
struct OperationOutput
{
    QList<Evidence> evidence;
    QJsonObject outputs;
};

// A few rows of a log table as text, for a person to check a column mapping against.
struct TablePreview
{
    QString query; // what ran, plain text
    QStringList columns;
    QList<QStringList> rows;
};

// The answer of "test connection": ok, or exactly what is wrong.
struct ConnectionCheck
{
    bool ok = false;
    QString message; // "Connected as mara (scopes: repo)" or "Token rejected (HTTP 401) ..."
};

// A read-only client of one external system.
//
// Thread affinity: none. run() and testConnection() are called on worker threads, possibly
// concurrently for different steps, and block until they finish, time out
// (call.limits.deadline) or are cancelled (call.limits.cancel). Implementations keep no
// per-call state in members. Lifetime: owned by a ConnectorSet, which outlives every run.
class Connector
{
public:
    virtual ~Connector() = default;

    virtual QString system() const = 0;         // "clickhouse", "github", ...
    virtual QStringList operations() const = 0; // what run() understands
    virtual Result<OperationOutput> run(const OperationCall &call) = 0;
    virtual ConnectionCheck testConnection(const WorkLimits &limits) = 0;
};

// The helpdesk is also written to (the confirmed reply), so it has its own typed interface
// besides the step operations. Same threading rules as Connector.
class HelpdeskConnector : public Connector
{
public:
    struct Organisations
    {
        QList<Organisation> list;
    };

    virtual Result<QList<Ticket>> listTickets(const WorkLimits &limits) = 0;
    virtual Result<Ticket> ticket(const QString &id, const WorkLimits &limits) = 0;
    virtual Result<QList<Organisation>> organisations(const WorkLimits &limits) = 0;
    // Adds a public reply (isPublic) or an internal note. `idempotencyKey` lets a retried send
    // be recognised: implementations first look for a comment carrying the key and return
    // its id instead of posting again. Returns the helpdesk's comment id.
    virtual Result<QString> addComment(const QString &ticketId, const QString &body, bool isPublic,
                                       const QString &idempotencyKey, const WorkLimits &limits) = 0;

    // One comment as the workbench sends it: the Markdown the engineer wrote, the HTML the
    // preview showed (from the same safe renderer), and optionally the ticket's new status.
    struct CommentRequest
    {
        QString ticketId;
        QString markdown;
        QString html; // '' = send `markdown` as plain text
        bool isPublic = true;
        QString status; // '' = unchanged; else one of statuses()
        QString idempotencyKey;
    };
    struct PostedComment
    {
        QString remoteId;
        bool alreadyPosted = false; // the ticket had this comment already: nothing was sent
    };
    // The statuses a reply can set ("open", "pending", "solved"); empty when unsupported.
    virtual QStringList statuses() const { return {}; }
    // Posts the comment (HTML where the helpdesk takes it). The default sends the Markdown as
    // plain text through addComment and cannot change the status.
    virtual Result<PostedComment> postComment(const CommentRequest &request,
                                              const WorkLimits &limits)
    {
        if (!request.status.isEmpty())
            return fail(Error::Code::Unsupported,
                        QStringLiteral("This helpdesk connection cannot change a ticket's status"));
        auto id = addComment(request.ticketId, request.markdown, request.isPublic,
                             request.idempotencyKey, limits);
        if (!id)
            return std::unexpected(id.error());
        return PostedComment{*id, false};
    }
};

// The connectors of one workspace, by system name. Built by the connectors module from a
// WorkspaceProfile; immutable after construction, so it can be shared across threads.
class ConnectorSet
{
public:
    void add(std::shared_ptr<Connector> connector);
    std::shared_ptr<Connector> get(const QString &system) const;
    std::shared_ptr<HelpdeskConnector> helpdesk() const;
    QStringList systems() const;

private:
    std::map<QString, std::shared_ptr<Connector>> m_connectors;
};

} // namespace Casefile
