#include "connectors/helpdesk/zendeskconnector.h"

#include "connectors/connectorslogging.h"
#include "core/time.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options zendeskOptions()
{
    HttpClient::Options o;
    o.system = u"helpdesk"_s;
    o.displayName = u"Zendesk"_s;
    // The one write: a comment on a ticket.
    o.policy = ReadOnlyPolicy::readsOnly().allow("PUT"_ba, u".*/api/v2/tickets/\\d+\\.json"_s);
    return o;
}

QList<HttpHeader> zendeskAuth(const ConnectionSettings &settings, const QString &secret)
{
    if (secret.isEmpty())
        return {};
    if (settings.account.isEmpty())
        return {{"Authorization"_ba, "Bearer "_ba + secret.toUtf8()}};
    return {{"Authorization"_ba, basicAuth(settings.account + u"/token"_s, secret)}};
}

QString idString(const QJsonValue &v)
{
    if (v.isDouble()) {
        const auto id = toInt64(v.toDouble());
        return id ? QString::number(*id) : QString();
    }
    return v.toString();
}

bool validTicketId(const QString &id)
{
    static const QRegularExpression re(u"^\\d{1,18}$"_s);
    return re.match(id).hasMatch();
}

QString normalisedBody(const QString &text)
{
    QString t = text;
    t.replace(u"\r\n"_s, u"\n"_s);
    return t.trimmed();
}

} // namespace

ZendeskConnector::ZendeskConnector(ConnectionSettings settings, Result<QString> secret)
    : m_connection(std::move(settings), std::move(secret), zendeskOptions(), zendeskAuth)
{}

QList<Ticket> ZendeskConnector::parseTickets(const QJsonObject &root)
{
    QHash<QString, QJsonObject> users;
    for (const QJsonValue &u : root.value(u"users"_s).toArray())
        users.insert(idString(u.toObject().value(u"id"_s)), u.toObject());
    QHash<QString, QJsonObject> orgs;
    for (const QJsonValue &o : root.value(u"organizations"_s).toArray())
        orgs.insert(idString(o.toObject().value(u"id"_s)), o.toObject());
    QJsonArray items = root.value(u"tickets"_s).toArray();
    if (root.value(u"ticket"_s).isObject())
        items.append(root.value(u"ticket"_s));
    QList<Ticket> out;
    for (const QJsonValue &v : std::as_const(items)) {
        const QJsonObject t = v.toObject();
        Ticket ticket;
        ticket.id = idString(t.value(u"id"_s));
        ticket.subject = t.value(u"subject"_s).toString(t.value(u"raw_subject"_s).toString());
        ticket.description = t.value(u"description"_s).toString();
        ticket.status = t.value(u"status"_s).toString();
        ticket.priority = t.value(u"priority"_s).toString();
        for (const QJsonValue &tag : t.value(u"tags"_s).toArray())
            ticket.tags << tag.toString();
        ticket.createdAt = parseTime(t.value(u"created_at"_s).toString());
        ticket.updatedAt = parseTime(t.value(u"updated_at"_s).toString());
        const QJsonObject requester = users.value(idString(t.value(u"requester_id"_s)));
        ticket.requesterName = requester.value(u"name"_s).toString();
        ticket.requesterEmail = requester.value(u"email"_s).toString();
        QString orgKey = idString(t.value(u"organization_id"_s));
        if (orgKey.isEmpty())
            orgKey = idString(requester.value(u"organization_id"_s));
        const QJsonObject org = orgs.value(orgKey);
        ticket.orgId = org.value(u"external_id"_s).toString();
        ticket.orgName = org.value(u"name"_s).toString();
        if (ticket.isValid())
            out.append(ticket);
    }
    return out;
}

void ZendeskConnector::sortQueue(QList<Ticket> &tickets)
{
    const auto rank = [](const Ticket &t) {
        if (t.status == u"new"_s || t.status == u"open"_s)
            return 0;
        if (t.status == u"pending"_s)
            return 1;
        if (t.status == u"hold"_s)
            return 2;
        return 3;
    };
    std::stable_sort(tickets.begin(), tickets.end(), [&](const Ticket &a, const Ticket &b) {
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        return a.updatedAt > b.updatedAt;
    });
}

Result<QList<QJsonObject>> ZendeskConnector::pages(const QUrl &first, const WorkLimits &limits,
                                                   int maxPages) const
{
    QList<QJsonObject> out;
    QUrl url = first;
    for (int page = 0; page < maxPages && url.isValid(); ++page) {
        auto root = m_connection.getJson(url, limits);
        if (!root)
            return std::unexpected(root.error());
        out.append(*root);
        QUrl next;
        const QJsonObject meta = root->value(u"meta"_s).toObject();
        if (meta.contains(u"has_more"_s)) { // cursor pagination
            if (meta.value(u"has_more"_s).toBool())
                next = QUrl(root->value(u"links"_s).toObject().value(u"next"_s).toString());
        } else if (root->value(u"next_page"_s).isString()) {
            next = QUrl(root->value(u"next_page"_s).toString());
        }
        // Never follow a link to another host: it would get our credentials.
        url = next.isValid() && m_connection.isOwnUrl(next) ? next : QUrl();
    }
    return out;
}

Result<QList<Ticket>> ZendeskConnector::listTickets(const WorkLimits &limits)
{
    // Cursor pagination: Zendesk's recommended kind, and offset paging stops at 100 pages.
    QUrlQuery q;
    addQueryItem(q, u"include"_s, u"users,organizations"_s);
    addQueryItem(q, u"page[size]"_s, u"100"_s);
    addQueryItem(q, u"sort"_s, u"-updated_at"_s);
    auto all = pages(m_connection.endpoint(u"/api/v2/tickets.json"_s, q), limits, MaxTicketPages);
    if (!all)
        return std::unexpected(all.error());
    QList<Ticket> tickets;
    for (const QJsonObject &page : std::as_const(*all))
        tickets += parseTickets(page);
    sortQueue(tickets);
    return tickets;
}

Result<Ticket> ZendeskConnector::ticket(const QString &id, const WorkLimits &limits)
{
    if (!validTicketId(id))
        return fail(Error::Code::InvalidInput,
                    u"\"%1\" is not a Zendesk ticket number"_s.arg(truncated(id, 40)));
    QUrlQuery q;
    addQueryItem(q, u"include"_s, u"users,organizations"_s);
    auto root = m_connection.getJson(
        m_connection.endpoint(u"/api/v2/tickets/"_s + id + u".json"_s, q), limits);
    if (!root) {
        if (root.error().code == Error::Code::NotFound)
            return fail(Error::Code::NotFound, u"Zendesk has no ticket %1"_s.arg(id));
        return std::unexpected(root.error());
    }
    const QList<Ticket> tickets = parseTickets(*root);
    if (tickets.isEmpty())
        return fail(Error::Code::Parse, u"Zendesk answered without ticket %1"_s.arg(id));
    return tickets.first();
}

QList<Organisation> ZendeskConnector::parseOrganisations(const QJsonObject &root)
{
    QList<Organisation> out;
    for (const QJsonValue &v : root.value(u"organizations"_s).toArray()) {
        const QJsonObject o = v.toObject();
        Organisation org;
        org.id = o.value(u"external_id"_s).toString();
        org.name = o.value(u"name"_s).toString();
        org.helpdeskId = idString(o.value(u"id"_s));
        for (const QJsonValue &d : o.value(u"domain_names"_s).toArray())
            org.domains << d.toString();
        out.append(org);
    }
    return out;
}

Result<QList<Organisation>> ZendeskConnector::organisations(const WorkLimits &limits)
{
    QUrlQuery q;
    addQueryItem(q, u"per_page"_s, u"100"_s);
    auto all = pages(m_connection.endpoint(u"/api/v2/organizations.json"_s, q), limits, 20);
    if (!all)
        return std::unexpected(all.error());
    QList<Organisation> out;
    for (const QJsonObject &page : std::as_const(*all))
        out += parseOrganisations(page);
    return out;
}

Result<QString> ZendeskConnector::findComment(const QString &ticketId, const QString &body,
                                              bool isPublic, const WorkLimits &limits) const
{
    QUrlQuery q;
    addQueryItem(q, u"per_page"_s, u"100"_s);
    auto all =
        pages(m_connection.endpoint(u"/api/v2/tickets/"_s + ticketId + u"/comments.json"_s, q),
              limits, 50);
    if (!all)
        return std::unexpected(all.error());
    const QString wanted = normalisedBody(body);
    QString found;
    for (const QJsonObject &page : std::as_const(*all)) {
        for (const QJsonValue &v : page.value(u"comments"_s).toArray()) {
            const QJsonObject c = v.toObject();
            const QString text = c.contains(u"plain_body"_s) ? c.value(u"plain_body"_s).toString()
                                                             : c.value(u"body"_s).toString();
            if (c.value(u"public"_s).toBool(true) == isPublic &&
                (normalisedBody(text) == wanted ||
                 normalisedBody(c.value(u"body"_s).toString()) == wanted)) {
                found = idString(c.value(u"id"_s)); // the latest match wins
            }
        }
    }
    return found;
}

Result<QString> ZendeskConnector::addComment(const QString &ticketId, const QString &body,
                                             bool isPublic, const QString &idempotencyKey,
                                             const WorkLimits &limits)
{
    if (!validTicketId(ticketId))
        return fail(Error::Code::InvalidInput,
                    u"\"%1\" is not a Zendesk ticket number"_s.arg(truncated(ticketId, 40)));
    if (body.trimmed().isEmpty())
        return fail(Error::Code::InvalidInput, u"The reply is empty"_s);
    // A retried send finds its first attempt instead of posting the same reply twice.
    auto existing = findComment(ticketId, body, isPublic, limits);
    if (!existing)
        return std::unexpected(existing.error());
    if (!existing->isEmpty()) {
        qCInfo(lcConnectors, "ticket %s already has this comment (%s); not posting again",
               qUtf8Printable(ticketId), qUtf8Printable(*existing));
        return *existing;
    }
    auto request = m_connection.request(
        "PUT"_ba, m_connection.endpoint(u"/api/v2/tickets/"_s + ticketId + u".json"_s));
    if (!request)
        return std::unexpected(request.error());
    request->body =
        QJsonDocument(
            QJsonObject{{u"ticket"_s,
                         QJsonObject{{u"comment"_s,
                                      QJsonObject{{u"body"_s, body}, {u"public"_s, isPublic}}}}}})
            .toJson(QJsonDocument::Compact);
    request->setHeader("Content-Type"_ba, "application/json"_ba);
    if (!idempotencyKey.isEmpty())
        request->setHeader("Idempotency-Key"_ba, idempotencyKey.toUtf8());
    request->maxRetries = 0; // never sent twice automatically
    request->idempotent = false;
    auto response = m_connection.http().send(*request, limits);
    if (!response) {
        const Error &e = response.error();
        if (e.code == Error::Code::Timeout ||
            (e.code == Error::Code::Unreachable && !e.message.contains(u"refused"_s)) ||
            e.code == Error::Code::Cancelled) {
            return fail(Error::Code::Timeout,
                        u"Zendesk did not confirm the comment on ticket %1 (%2): the outcome is "
                        u"unknown. Reload "
                        u"the ticket before sending again."_s.arg(ticketId, e.message),
                        e.detail);
        }
        return std::unexpected(e);
    }
    auto root = parseJsonObject(response->body, u"helpdesk"_s);
    if (root) {
        for (const QJsonValue &ev :
             root->value(u"audit"_s).toObject().value(u"events"_s).toArray()) {
            const QJsonObject event = ev.toObject();
            if (event.value(u"type"_s).toString() == u"Comment"_s)
                return idString(event.value(u"id"_s));
        }
    }
    // The answer did not say which comment it made: look it up.
    auto posted = findComment(ticketId, body, isPublic, limits);
    if (posted && !posted->isEmpty())
        return *posted;
    return QString();
}

Result<OperationOutput> ZendeskConnector::run(const OperationCall &call)
{
    if (call.operation != u"organisations"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    auto orgs = organisations(call.limits);
    if (!orgs)
        return std::unexpected(orgs.error());
    QJsonArray rows;
    QJsonObject byExternalId;
    for (const Organisation &o : std::as_const(*orgs)) {
        rows.append(QJsonArray{o.helpdeskId, o.name, o.id, toJsonArray(o.domains)});
        if (!o.id.isEmpty()) {
            byExternalId.insert(o.id, QJsonObject{{u"id"_s, o.helpdeskId},
                                                  {u"name"_s, o.name},
                                                  {u"domains"_s, toJsonArray(o.domains)}});
        }
    }
    OperationOutput out;
    out.evidence.append(makeEvidence(
        EvidenceKind::Table, u"helpdesk"_s, u"Helpdesk organisations"_s,
        u"helpdesk:GET /api/v2/organizations.json"_s,
        {{u"columns"_s, QJsonArray{u"id"_s, u"name"_s, u"external_id"_s, u"domains"_s}},
         {u"rows"_s, rows}}));
    out.outputs.insert(u"orgs"_s, byExternalId);
    return out;
}

ConnectionCheck ZendeskConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    QUrlQuery q;
    addQueryItem(q, u"page[size]"_s, u"1"_s);
    auto root = m_connection.getJson(m_connection.endpoint(u"/api/v2/tickets.json"_s, q), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    const QString who = m_connection.settings().account;
    return {true, u"Connected to Zendesk%1; tickets readable"_s.arg(
                      who.isEmpty() ? QString() : u" as "_s + who)};
}

} // namespace Casefile::Connectors
