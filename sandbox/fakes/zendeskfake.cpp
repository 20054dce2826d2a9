#include "sandbox/fakes/vendorfakes.h"

#include "core/analysis/markdown.h"

#include <QRegularExpression>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 OrganizationIdBase = 360000100000;
constexpr qint64 UserIdBase = 380000200000;
constexpr int MaxPerPage = 100;

QJsonObject zendeskError(const QString &error, const QString &description)
{
    return QJsonObject{{u"error"_s, error}, {u"description"_s, description}};
}

QString htmlEscaped(const QString &text)
{
    return u"<p>"_s + text.toHtmlEscaped().replace(u"\n"_s, u"<br>"_s) + u"</p>"_s;
}

// Zendesk drops scripts, styles, event handlers and javascript: links from html_body.
QString withoutActiveContent(QString html)
{
    static const QRegularExpression blocks(u"<(script|style|iframe|object)\\b.*?</\\1\\s*>"_s,
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression handlers(u"\\son\\w+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression scripts(u"javascript:"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    html.remove(blocks);
    html.remove(handlers);
    html.replace(scripts, u"blocked:"_s);
    return html;
}

} // namespace

ZendeskFake::ZendeskFake(FakeContext &context)
    : VendorFake(context)
{
    const QDateTime created = context.now.addYears(-1);
    // Organisations from the scenario's orgs, numbered in file order.
    QHash<QString, qint64> orgIds;
    const QJsonArray orgs = context.scenario.value(u"orgs"_s).toArray();
    for (qsizetype i = 0; i < orgs.size(); ++i) {
        const QJsonObject org = orgs.at(i).toObject();
        const qint64 id = OrganizationIdBase + i + 1;
        orgIds.insert(org.value(u"id"_s).toString(), id);
        QJsonArray domains;
        if (const QString domain = org.value(u"domain"_s).toString(); !domain.isEmpty())
            domains.append(domain);
        m_organizations.insert(
            id,
            QJsonObject{{u"id"_s, id},
                        {u"name"_s, org.value(u"name"_s)},
                        {u"external_id"_s, org.value(u"id"_s)},
                        {u"domain_names"_s, domains},
                        {u"details"_s, u""_s},
                        {u"notes"_s, u""_s},
                        {u"group_id"_s, QJsonValue::Null},
                        {u"shared_tickets"_s, false},
                        {u"shared_comments"_s, false},
                        {u"tags"_s, QJsonArray{org.value(u"plan"_s).toString()}},
                        {u"organization_fields"_s, QJsonObject{{u"plan"_s, org.value(u"plan"_s)}}},
                        {u"created_at"_s, isoUtc(created)},
                        {u"updated_at"_s, isoUtc(created)}});
    }

    // The agent who writes the replies.
    m_agentId = UserIdBase;
    m_users.insert(m_agentId, QJsonObject{{u"id"_s, m_agentId},
                                          {u"name"_s, u"Support Agent"_s},
                                          {u"email"_s, context.agentEmail},
                                          {u"role"_s, u"agent"_s},
                                          {u"organization_id"_s, QJsonValue::Null},
                                          {u"active"_s, true},
                                          {u"verified"_s, true},
                                          {u"time_zone"_s, u"UTC"_s},
                                          {u"created_at"_s, isoUtc(created)},
                                          {u"updated_at"_s, isoUtc(created)}});

    QHash<QString, qint64> userByEmail;
    const QJsonArray tickets = context.scenario.value(u"tickets"_s).toArray();
    for (const QJsonValue &value : tickets) {
        const QJsonObject source = value.toObject();
        const qint64 id = source.value(u"id"_s).toVariant().toLongLong();
        const QJsonObject requester = source.value(u"requester"_s).toObject();
        const QString email = requester.value(u"email"_s).toString();
        const QJsonValue orgId =
            orgIds.contains(source.value(u"organization"_s).toString())
                ? QJsonValue(orgIds.value(source.value(u"organization"_s).toString()))
                : QJsonValue(QJsonValue::Null);
        qint64 userId = userByEmail.value(email.toLower(), 0);
        if (userId == 0) {
            userId = UserIdBase + 1 + userByEmail.size();
            userByEmail.insert(email.toLower(), userId);
            m_users.insert(userId, QJsonObject{{u"id"_s, userId},
                                               {u"name"_s, requester.value(u"name"_s)},
                                               {u"email"_s, email},
                                               {u"role"_s, u"end-user"_s},
                                               {u"organization_id"_s, orgId},
                                               {u"active"_s, true},
                                               {u"verified"_s, true},
                                               {u"time_zone"_s, u"UTC"_s},
                                               {u"created_at"_s, isoUtc(created)},
                                               {u"updated_at"_s, isoUtc(created)}});
        }
        const QString createdAt = source.value(u"created_at"_s).toString();
        QJsonObject ticket =
            withDefaults(QJsonObject{{u"id"_s, id},
                                     {u"external_id"_s, QJsonValue::Null},
                                     {u"type"_s, QJsonValue::Null},
                                     {u"status"_s, u"open"_s},
                                     {u"priority"_s, QJsonValue::Null},
                                     {u"assignee_id"_s, QJsonValue::Null},
                                     {u"group_id"_s, QJsonValue::Null},
                                     {u"tags"_s, QJsonArray{}},
                                     {u"via"_s, QJsonObject{{u"channel"_s, u"web"_s}}},
                                     {u"custom_fields"_s, QJsonArray{}},
                                     {u"updated_at"_s, createdAt},
                                     {u"is_public"_s, true},
                                     {u"has_incidents"_s, false}},
                         source);
        ticket.remove(u"requester"_s);
        ticket.remove(u"organization"_s);
        ticket.insert(u"raw_subject"_s, ticket.value(u"subject"_s));
        ticket.insert(u"requester_id"_s, userId);
        ticket.insert(u"submitter_id"_s, userId);
        ticket.insert(u"organization_id"_s, orgId);
        if (!source.contains(u"updated_at"_s))
            ticket.insert(u"updated_at"_s, createdAt);
        m_tickets.append(ticket);

        const QString body = source.value(u"description"_s).toString();
        m_comments[id].append(QJsonObject{{u"id"_s, jv(id * 1000 + 1)},
                                          {u"type"_s, u"Comment"_s},
                                          {u"author_id"_s, userId},
                                          {u"body"_s, body},
                                          {u"html_body"_s, htmlEscaped(body)},
                                          {u"plain_body"_s, body},
                                          {u"public"_s, true},
                                          {u"attachments"_s, QJsonArray{}},
                                          {u"audit_id"_s, id * 1000},
                                          {u"via"_s, QJsonObject{{u"channel"_s, u"web"_s}}},
                                          {u"created_at"_s, createdAt}});
    }
    m_nextCommentId = 900000000;
}

const QJsonObject *ZendeskFake::findTicket(qint64 id) const
{
    for (const QJsonObject &ticket : m_tickets) {
        if (ticket.value(u"id"_s).toVariant().toLongLong() == id)
            return &ticket;
    }
    return nullptr;
}

QJsonObject ZendeskFake::ticketJson(const QJsonObject &ticket) const
{
    QJsonObject out = ticket;
    out.insert(u"url"_s,
               jv(m_context.base(u"helpdesk"_s) + u"/api/v2/tickets/"_s +
                  QString::number(ticket.value(u"id"_s).toVariant().toLongLong()) + u".json"_s));
    return out;
}

QList<QJsonObject> ZendeskFake::receivedComments(const QString &ticketId) const
{
    return m_received.value(ticketId.toLongLong());
}

HttpResponse ZendeskFake::faultAnswer(int status)
{
    HttpResponse response;
    if (status == 429) {
        response = jsonAnswer(
            429,
            zendeskError(u"TooManyRequests"_s,
                         u"You have exceeded the API rate limit of 700 requests per minute"_s));
        response.setHeader("X-Rate-Limit"_ba, "700"_ba);
        response.setHeader("X-Rate-Limit-Remaining"_ba, "0"_ba);
        response.setHeader("X-Rate-Limit-Reset"_ba, "1"_ba);
    } else {
        response = jsonAnswer(status, zendeskError(u"InternalServerError"_s,
                                                   u"Something went wrong; please try again"_s));
    }
    return response;
}

HttpResponse ZendeskFake::answer(const HttpRequest &request)
{
    HttpResponse response;
    const auto credentials = basicCredentials(request);
    const QString expectedUser = m_context.agentEmail + u"/token"_s;
    const bool basicOk = credentials && credentials->first == expectedUser &&
                         credentials->second == m_context.token(u"helpdesk"_s);
    const bool oauthOk = bearerToken(request) == m_context.token(u"helpdesk"_s);
    if (!basicOk && !oauthOk) {
        response = jsonAnswer(401, QJsonObject{{u"error"_s, u"Couldn't authenticate you"_s}});
        response.setHeader("WWW-Authenticate"_ba, "Basic realm=\"Web Password\""_ba);
    } else {
        response = route(request);
    }
    response.setHeader("X-Rate-Limit"_ba, "700"_ba);
    response.setHeader("X-Rate-Limit-Remaining"_ba, "699"_ba);
    response.setHeader("X-Zendesk-API-Version"_ba, "v2"_ba);
    return response;
}

HttpResponse ZendeskFake::route(const HttpRequest &request)
{
    static const QRegularExpression ticketPath(u"^/api/v2/tickets/(\\d+)\\.json$"_s);
    static const QRegularExpression commentsPath(u"^/api/v2/tickets/(\\d+)/comments\\.json$"_s);
    static const QRegularExpression userPath(u"^/api/v2/users/(\\d+)\\.json$"_s);
    static const QRegularExpression orgPath(u"^/api/v2/organizations/(\\d+)\\.json$"_s);
    const QString &path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const auto notFound = [] {
        return jsonAnswer(404, zendeskError(u"RecordNotFound"_s, u"Not found"_s));
    };

    if (path == u"/api/v2/tickets.json"_s && get)
        return listTickets(request);
    if ((path == u"/api/v2/search.json"_s || path == u"/api/v2/search"_s) && get)
        return search(request);
    if (path == u"/api/v2/organizations.json"_s && get) {
        QJsonArray orgs;
        for (const QJsonObject &org : m_organizations)
            orgs.append(withDefaults(
                org, {{u"url"_s, jv(m_context.base(u"helpdesk"_s) + u"/api/v2/organizations/"_s +
                                    QString::number(org.value(u"id"_s).toVariant().toLongLong()) +
                                    u".json"_s)}}));
        return jsonAnswer(200, QJsonObject{{u"organizations"_s, orgs},
                                           {u"next_page"_s, QJsonValue::Null},
                                           {u"previous_page"_s, QJsonValue::Null},
                                           {u"count"_s, orgs.size()}});
    }
    if (const auto m = ticketPath.match(path); m.hasMatch()) {
        const qint64 id = m.captured(1).toLongLong();
        const QJsonObject *ticket = findTicket(id);
        if (!ticket)
            return notFound();
        if (request.method == "PUT")
            return addComment(request, id);
        if (!get)
            return jsonAnswer(405, zendeskError(u"MethodNotAllowed"_s, u"Method not allowed"_s));
        QJsonObject out{{u"ticket"_s, ticketJson(*ticket)}};
        sideload(request, {*ticket}, out);
        return jsonAnswer(200, out);
    }
    if (const auto m = commentsPath.match(path); m.hasMatch() && get) {
        const qint64 id = m.captured(1).toLongLong();
        if (!findTicket(id))
            return notFound();
        const QList<QJsonObject> comments = m_comments.value(id);
        return jsonAnswer(200, QJsonObject{{u"comments"_s, toArray(comments)},
                                           {u"next_page"_s, QJsonValue::Null},
                                           {u"previous_page"_s, QJsonValue::Null},
                                           {u"count"_s, comments.size()}});
    }
    if (const auto m = userPath.match(path); m.hasMatch() && get) {
        const qint64 id = m.captured(1).toLongLong();
        if (!m_users.contains(id))
            return notFound();
        return jsonAnswer(200, QJsonObject{{u"user"_s, m_users.value(id)}});
    }
    if (const auto m = orgPath.match(path); m.hasMatch() && get) {
        const qint64 id = m.captured(1).toLongLong();
        if (!m_organizations.contains(id))
            return notFound();
        return jsonAnswer(200, QJsonObject{{u"organization"_s, m_organizations.value(id)}});
    }
    return jsonAnswer(404, zendeskError(u"InvalidEndpoint"_s, u"Not found"_s));
}

void ZendeskFake::sideload(const HttpRequest &request, const QList<QJsonObject> &tickets,
                           QJsonObject &out) const
{
    const QStringList include = request.queryValue(u"include"_s).split(u',', Qt::SkipEmptyParts);
    if (include.contains(u"users"_s)) {
        QList<qint64> ids;
        for (const QJsonObject &ticket : tickets) {
            for (const QString &key : {u"requester_id"_s, u"submitter_id"_s, u"assignee_id"_s}) {
                const qint64 id = ticket.value(key).toVariant().toLongLong();
                if (id && !ids.contains(id) && m_users.contains(id))
                    ids.append(id);
            }
        }
        QJsonArray users;
        for (const qint64 id : std::as_const(ids))
            users.append(m_users.value(id));
        out.insert(u"users"_s, users);
    }
    if (include.contains(u"organizations"_s)) {
        QList<qint64> ids;
        for (const QJsonObject &ticket : tickets) {
            const qint64 id = ticket.value(u"organization_id"_s).toVariant().toLongLong();
            if (id && !ids.contains(id) && m_organizations.contains(id))
                ids.append(id);
        }
        QJsonArray orgs;
        for (const qint64 id : std::as_const(ids))
            orgs.append(m_organizations.value(id));
        out.insert(u"organizations"_s, orgs);
    }
}

HttpResponse ZendeskFake::listTickets(const HttpRequest &request)
{
    const QString base = m_context.base(u"helpdesk"_s) + u"/api/v2/tickets.json"_s;
    QList<QJsonObject> tickets = m_tickets;
    std::stable_sort(tickets.begin(), tickets.end(),
                     [](const QJsonObject &a, const QJsonObject &b) {
                         return a.value(u"id"_s).toVariant().toLongLong() <
                                b.value(u"id"_s).toVariant().toLongLong();
                     });
    const QString include = request.queryValue(u"include"_s);
    const QString includeParam = include.isEmpty() ? QString() : u"&include="_s + include;
    QJsonObject out;

    if (request.hasQuery(u"page[size]"_s) || request.hasQuery(u"page[after]"_s)) {
        // Cursor pagination.
        const int size = std::clamp(request.queryValue(u"page[size]"_s).toInt(), 1, MaxPerPage);
        qsizetype start = 0;
        if (request.hasQuery(u"page[after]"_s)) {
            start = decodeCursor(request.queryValue(u"page[after]"_s));
            if (start < 0)
                return jsonAnswer(400, zendeskError(u"InvalidPaginationParameter"_s,
                                                    u"page[after] is not a valid cursor"_s));
        }
        const QList<QJsonObject> slice = tickets.mid(start, size);
        const bool hasMore = start + size < tickets.size();
        QJsonArray array;
        for (const QJsonObject &ticket : slice)
            array.append(ticketJson(ticket));
        out.insert(u"tickets"_s, array);
        const QString after = slice.isEmpty() ? QString() : encodeCursor(start + slice.size());
        const QString before = slice.isEmpty() ? QString() : encodeCursor(start);
        out.insert(u"meta"_s,
                   QJsonObject{
                       {u"has_more"_s, hasMore},
                       {u"after_cursor"_s, after.isEmpty() ? QJsonValue() : QJsonValue(after)},
                       {u"before_cursor"_s, before.isEmpty() ? QJsonValue() : QJsonValue(before)}});
        const QString sizeParam = u"?page%5Bsize%5D="_s + QString::number(size);
        out.insert(
            u"links"_s,
            QJsonObject{{u"next"_s, hasMore ? QJsonValue(base + sizeParam + u"&page%5Bafter%5D="_s +
                                                         after + includeParam)
                                            : QJsonValue(QJsonValue::Null)},
                        {u"prev"_s, start > 0
                                        ? QJsonValue(base + sizeParam + u"&page%5Bbefore%5D="_s +
                                                     before + includeParam)
                                        : QJsonValue(QJsonValue::Null)}});
        sideload(request, slice, out);
        return jsonAnswer(200, out);
    }

    // Offset pagination.
    const int perPage = request.hasQuery(u"per_page"_s)
                            ? std::clamp(request.queryValue(u"per_page"_s).toInt(), 1, MaxPerPage)
                            : MaxPerPage;
    const int page =
        std::max(1, request.hasQuery(u"page"_s) ? request.queryValue(u"page"_s).toInt() : 1);
    if (static_cast<qint64>(page - 1) * perPage >= 10000)
        return jsonAnswer(400,
                          zendeskError(u"InvalidPaginationParameter"_s,
                                       u"Offset pagination is limited to the first 100 pages"_s));
    const QList<QJsonObject> slice =
        tickets.mid(static_cast<qsizetype>(page - 1) * perPage, perPage);
    QJsonArray array;
    for (const QJsonObject &ticket : slice)
        array.append(ticketJson(ticket));
    const auto pageUrl = [&](int n) -> QString {
        return base + u"?page="_s + QString::number(n) + u"&per_page="_s +
               QString::number(perPage) + includeParam;
    };
    out.insert(u"tickets"_s, array);
    out.insert(u"next_page"_s, static_cast<qsizetype>(page) * perPage < tickets.size()
                                   ? QJsonValue(pageUrl(page + 1))
                                   : QJsonValue(QJsonValue::Null));
    out.insert(u"previous_page"_s,
               page > 1 ? QJsonValue(pageUrl(page - 1)) : QJsonValue(QJsonValue::Null));
    out.insert(u"count"_s, tickets.size());
    sideload(request, slice, out);
    return jsonAnswer(200, out);
}

HttpResponse ZendeskFake::search(const HttpRequest &request)
{
    const QString query = request.queryValue(u"query"_s);
    // Tokens: key:value / key>value / key<value filters, "quoted phrases" and words.
    static const QRegularExpression token(
        u"(\\w+)([:<>]=?)(\"[^\"]*\"|\\S+)|\"([^\"]*)\"|(\\S+)"_s);
    QStringList phrases;
    QList<std::function<bool(const QJsonObject &)>> filters;
    bool typeTicket = true;
    for (auto it = token.globalMatch(query); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            const QString key = m.captured(1).toLower();
            const QString op = m.captured(2);
            QString value = m.captured(3);
            if (value.startsWith(u'"'))
                value = value.mid(1, value.size() - 2);
            if (key == u"type"_s) {
                typeTicket = value == u"ticket"_s;
            } else if (key == u"status"_s || key == u"priority"_s || key == u"ticket_type"_s) {
                static const QStringList order{u"new"_s,  u"open"_s,   u"pending"_s,
                                               u"hold"_s, u"solved"_s, u"closed"_s};
                const QString field = key == u"ticket_type"_s ? u"type"_s : key;
                filters.append([field, op, value](const QJsonObject &t) {
                    const QString actual = t.value(field).toString();
                    if (field == u"status"_s && op.startsWith(u'<'))
                        return order.indexOf(actual) <=
                               order.indexOf(value) - (op == u"<"_s ? 1 : 0);
                    if (field == u"status"_s && op.startsWith(u'>'))
                        return order.indexOf(actual) >=
                               order.indexOf(value) + (op == u">"_s ? 1 : 0);
                    return actual.compare(value, Qt::CaseInsensitive) == 0;
                });
            } else if (key == u"created"_s || key == u"updated"_s) {
                const QDateTime bound = parseTime(value);
                const QString field = key + u"_at"_s;
                filters.append([field, op, bound](const QJsonObject &t) {
                    const QDateTime actual = parseTime(t.value(field).toString());
                    if (op == u">"_s)
                        return actual > bound;
                    if (op == u">="_s)
                        return actual >= bound;
                    if (op == u"<"_s)
                        return actual < bound;
                    if (op == u"<="_s)
                        return actual <= bound;
                    return actual.date() == bound.date();
                });
            } else if (key == u"organization"_s) {
                const auto &orgs = m_organizations;
                filters.append([value, &orgs](const QJsonObject &t) {
                    const QJsonObject org =
                        orgs.value(t.value(u"organization_id"_s).toVariant().toLongLong());
                    return org.value(u"name"_s).toString().compare(value, Qt::CaseInsensitive) ==
                               0 ||
                           org.value(u"external_id"_s).toString() == value ||
                           QString::number(org.value(u"id"_s).toVariant().toLongLong()) == value;
                });
            } else if (key == u"requester"_s) {
                const auto &users = m_users;
                filters.append([value, &users](const QJsonObject &t) {
                    const QJsonObject user =
                        users.value(t.value(u"requester_id"_s).toVariant().toLongLong());
                    return user.value(u"email"_s).toString().compare(value, Qt::CaseInsensitive) ==
                               0 ||
                           QString::number(user.value(u"id"_s).toVariant().toLongLong()) == value;
                });
            } else if (key == u"tags"_s || key == u"tag"_s) {
                filters.append([value](const QJsonObject &t) {
                    return t.value(u"tags"_s).toArray().contains(QJsonValue(value));
                });
            } else {
                phrases.append(value.toLower());
            }
        } else if (!m.captured(4).isEmpty()) {
            phrases.append(m.captured(4).toLower());
        } else {
            phrases.append(m.captured(5).toLower());
        }
    }

    QList<QJsonObject> hits;
    if (typeTicket) {
        for (const QJsonObject &ticket : std::as_const(m_tickets)) {
            const QString text = (ticket.value(u"subject"_s).toString() + u' ' +
                                  ticket.value(u"description"_s).toString())
                                     .toLower();
            bool ok = std::all_of(filters.cbegin(), filters.cend(),
                                  [&](const auto &f) { return f(ticket); });
            for (const QString &phrase : std::as_const(phrases))
                ok = ok && text.contains(phrase);
            if (ok)
                hits.append(withDefaults(ticketJson(ticket), {{u"result_type"_s, u"ticket"_s}}));
        }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"created_at"_s).toString() > b.value(u"created_at"_s).toString();
    });
    const int perPage = request.hasQuery(u"per_page"_s)
                            ? std::clamp(request.queryValue(u"per_page"_s).toInt(), 1, MaxPerPage)
                            : MaxPerPage;
    const int page =
        std::max(1, request.hasQuery(u"page"_s) ? request.queryValue(u"page"_s).toInt() : 1);
    if (static_cast<qint64>(page) * perPage > 1000)
        return jsonAnswer(422, zendeskError(u"InvalidPaginationParameter"_s,
                                            u"Search results are limited to 1000"_s));
    const QString base = m_context.base(u"helpdesk"_s) + u"/api/v2/search.json?query="_s +
                         QString::fromLatin1(QUrl::toPercentEncoding(query)) + u"&per_page="_s +
                         QString::number(perPage) + u"&page="_s;
    const qsizetype start = static_cast<qsizetype>(page - 1) * perPage;
    return jsonAnswer(
        200,
        QJsonObject{{u"results"_s, toArray(hits.mid(start, perPage))},
                    {u"count"_s, hits.size()},
                    {u"facets"_s, QJsonValue::Null},
                    {u"next_page"_s, start + perPage < hits.size()
                                         ? QJsonValue(base + QString::number(page + 1))
                                         : QJsonValue(QJsonValue::Null)},
                    {u"previous_page"_s, page > 1 ? QJsonValue(base + QString::number(page - 1))
                                                  : QJsonValue(QJsonValue::Null)}});
}

HttpResponse ZendeskFake::addComment(const HttpRequest &request, qint64 id)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    const QJsonObject ticketIn = document.object().value(u"ticket"_s).toObject();
    const QJsonObject commentIn = ticketIn.value(u"comment"_s).toObject();
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return jsonAnswer(400,
                          zendeskError(u"InvalidJSON"_s, u"The request body is not valid JSON"_s));
    QJsonObject *ticket = nullptr;
    for (QJsonObject &t : m_tickets) {
        if (t.value(u"id"_s).toVariant().toLongLong() == id)
            ticket = &t;
    }
    if (!ticket)
        return jsonAnswer(404, zendeskError(u"RecordNotFound"_s, u"Not found"_s));
    // Like Zendesk: html_body is kept as the comment's HTML and its text becomes body and
    // plain_body; a plain body is shown as escaped text.
    const QString htmlIn = commentIn.value(u"html_body"_s).toString();
    const QString body = commentIn.contains(u"body"_s) || htmlIn.isEmpty()
                             ? commentIn.value(u"body"_s).toString()
                             : safeHtmlToPlainText(htmlIn);
    const QString html = commentIn.contains(u"body"_s) || htmlIn.isEmpty()
                             ? htmlEscaped(body)
                             : withoutActiveContent(htmlIn);
    if (!ticketIn.contains(u"comment"_s) || body.trimmed().isEmpty()) {
        if (!ticketIn.contains(u"status"_s))
            return jsonAnswer(
                422,
                QJsonObject{
                    {u"error"_s, u"RecordInvalid"_s},
                    {u"description"_s, u"Record validation errors"_s},
                    {u"details"_s,
                     QJsonObject{{u"base"_s, QJsonArray{QJsonObject{
                                                 {u"description"_s, u"Comment: cannot be blank"_s},
                                                 {u"error"_s, u"BlankValue"_s}}}}}}});
    }
    const QString now = isoUtc(m_context.currentTime());
    if (const QString status = ticketIn.value(u"status"_s).toString(); !status.isEmpty())
        ticket->insert(u"status"_s, status);
    ticket->insert(u"updated_at"_s, now);

    const QString key = QString::fromUtf8(request.header("Idempotency-Key"));
    QJsonObject comment;
    if (!key.isEmpty() && m_idempotent.contains(key)) {
        comment = m_idempotent.value(key); // a retry: the same comment, not a second one
    } else if (!body.trimmed().isEmpty()) {
        const qint64 commentId = ++m_nextCommentId;
        comment = QJsonObject{{u"id"_s, commentId},
                              {u"type"_s, u"Comment"_s},
                              {u"author_id"_s, commentIn.contains(u"author_id"_s)
                                                   ? commentIn.value(u"author_id"_s)
                                                   : QJsonValue(m_agentId)},
                              {u"body"_s, body},
                              {u"html_body"_s, html},
                              {u"plain_body"_s, body},
                              {u"public"_s, commentIn.value(u"public"_s).toBool(true)},
                              {u"attachments"_s, QJsonArray{}},
                              {u"audit_id"_s, jv(commentId + 1)},
                              {u"via"_s, QJsonObject{{u"channel"_s, u"api"_s}}},
                              {u"created_at"_s, now}};
        m_comments[id].append(comment);
        m_received[id].append(comment);
        if (!key.isEmpty())
            m_idempotent.insert(key, comment);
    }
    QJsonObject out{{u"ticket"_s, ticketJson(*ticket)}};
    if (!comment.isEmpty()) {
        out.insert(u"audit"_s,
                   QJsonObject{{u"id"_s, comment.value(u"audit_id"_s)},
                               {u"ticket_id"_s, id},
                               {u"author_id"_s, comment.value(u"author_id"_s)},
                               {u"created_at"_s, comment.value(u"created_at"_s)},
                               {u"events"_s,
                                QJsonArray{withDefaults(comment, {{u"type"_s, u"Comment"_s}})}}});
    }
    HttpResponse response = jsonAnswer(200, out);
    if (!key.isEmpty())
        response.setHeader("Idempotency-Key"_ba, key.toUtf8());
    return response;
}

} // namespace Casefile::Sandbox
