#include "sandbox/fakes/graphqlreader.h"
#include "sandbox/fakes/vendorfakes.h"

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultFirst = 50;

QString uuidFrom(const QString &seed)
{
    const QString h = stableHex(u"linear:"_s + seed, 32);
    return h.mid(0, 8) + u'-' + h.mid(8, 4) + u"-4"_s + h.mid(13, 3) + u"-8"_s + h.mid(17, 3) +
           u'-' + h.mid(20, 12);
}

QJsonObject graphQLError(const QString &message, const QString &type, const QString &code,
                         bool userError = true)
{
    return QJsonObject{{u"message"_s, message},
                       {u"extensions"_s, QJsonObject{{u"type"_s, type},
                                                     {u"code"_s, code},
                                                     {u"userError"_s, userError},
                                                     {u"userPresentableMessage"_s, message}}}};
}

HttpResponse errors(int status, const QJsonObject &error)
{
    return jsonAnswer(status, QJsonObject{{u"errors"_s, QJsonArray{error}}});
}

void rateHeaders(HttpResponse &response, bool exhausted)
{
    const QByteArray reset = QByteArray::number(QDateTime::currentMSecsSinceEpoch() + 60000);
    response.setHeader("X-RateLimit-Requests-Limit"_ba, "5000"_ba);
    response.setHeader("X-RateLimit-Requests-Remaining"_ba, exhausted ? "0"_ba : "4999"_ba);
    response.setHeader("X-RateLimit-Requests-Reset"_ba, reset);
    response.setHeader("X-RateLimit-Complexity-Limit"_ba, "250000"_ba);
    response.setHeader("X-RateLimit-Complexity-Remaining"_ba, exhausted ? "0"_ba : "249000"_ba);
    response.setHeader("X-RateLimit-Complexity-Reset"_ba, reset);
}

// IssueFilter subset: string comparators on title/description/identifier, date comparators
// on createdAt/updatedAt, number comparators on priority, state {name,type}, labels, and/or.
bool stringMatches(const QString &actual, const QJsonObject &comparator)
{
    for (auto it = comparator.begin(); it != comparator.end(); ++it) {
        const QString op = it.key();
        const QString v = it.value().toString();
        bool ok = true;
        if (op == u"eq"_s)
            ok = actual == v;
        else if (op == u"neq"_s)
            ok = actual != v;
        else if (op == u"eqIgnoreCase"_s)
            ok = actual.compare(v, Qt::CaseInsensitive) == 0;
        else if (op == u"contains"_s)
            ok = actual.contains(v);
        else if (op == u"containsIgnoreCase"_s || op == u"containsIgnoreCaseAndAccent"_s)
            ok = actual.contains(v, Qt::CaseInsensitive);
        else if (op == u"notContains"_s)
            ok = !actual.contains(v);
        else if (op == u"notContainsIgnoreCase"_s)
            ok = !actual.contains(v, Qt::CaseInsensitive);
        else if (op == u"startsWith"_s)
            ok = actual.startsWith(v);
        else if (op == u"startsWithIgnoreCase"_s)
            ok = actual.startsWith(v, Qt::CaseInsensitive);
        else if (op == u"endsWith"_s)
            ok = actual.endsWith(v);
        else if (op == u"in"_s)
            ok = it.value().toArray().contains(QJsonValue(actual));
        else if (op == u"nin"_s)
            ok = !it.value().toArray().contains(QJsonValue(actual));
        else if (op == u"null"_s)
            ok = it.value().toBool() == actual.isEmpty();
        if (!ok)
            return false;
    }
    return true;
}

bool orderedMatches(double actual, const QJsonObject &comparator,
                    const std::function<double(const QJsonValue &)> &read)
{
    for (auto it = comparator.begin(); it != comparator.end(); ++it) {
        const QString op = it.key();
        bool ok = true;
        if (op == u"in"_s || op == u"nin"_s) {
            bool found = false;
            for (const QJsonValue &v : it.value().toArray())
                found = found || read(v) == actual;
            ok = op == u"in"_s ? found : !found;
        } else {
            const double v = read(it.value());
            if (op == u"eq"_s)
                ok = actual == v;
            else if (op == u"neq"_s)
                ok = actual != v;
            else if (op == u"gt"_s)
                ok = actual > v;
            else if (op == u"gte"_s)
                ok = actual >= v;
            else if (op == u"lt"_s)
                ok = actual < v;
            else if (op == u"lte"_s)
                ok = actual <= v;
        }
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

LinearFake::LinearFake(FakeContext &context)
    : VendorFake(context)
{
    const QJsonArray issues = context.section(u"linear"_s).value(u"issues"_s).toArray();
    for (const QJsonValue &value : issues) {
        const QJsonObject source = value.toObject();
        const QString identifier = source.value(u"identifier"_s).toString();
        const QString teamKey = identifier.section(u'-', 0, 0);
        const int priority = source.value(u"priority"_s).toInt();
        static const QStringList labels{u"No priority"_s, u"Urgent"_s, u"High"_s, u"Medium"_s,
                                        u"Low"_s};
        const QJsonObject state = source.value(u"state"_s).toObject();
        QJsonArray labelNodes;
        QJsonArray labelIds;
        for (const QJsonValue &l :
             source.value(u"labels"_s).toObject().value(u"nodes"_s).toArray()) {
            const QString name = l.toObject().value(u"name"_s).toString();
            const QJsonObject label =
                withDefaults(QJsonObject{{u"id"_s, uuidFrom(u"label:"_s + name)},
                                         {u"name"_s, name},
                                         {u"color"_s, u"#eb5757"_s}},
                             l.toObject());
            labelNodes.append(label);
            labelIds.append(label.value(u"id"_s));
        }
        const QString created = source.value(u"createdAt"_s).toString();
        const QString type = state.value(u"type"_s).toString(u"backlog"_s);
        QJsonObject issue = withDefaults(
            QJsonObject{{u"id"_s, uuidFrom(identifier)},
                        {u"identifier"_s, identifier},
                        {u"number"_s, identifier.section(u'-', 1).toInt()},
                        {u"title"_s, u""_s},
                        {u"description"_s, QJsonValue::Null},
                        {u"url"_s, jv(u"https://linear.app/issue/"_s + identifier)},
                        {u"priority"_s, priority},
                        {u"priorityLabel"_s, labels.value(priority, labels.first())},
                        {u"createdAt"_s, created},
                        {u"updatedAt"_s, source.value(u"updatedAt"_s).toString(created)},
                        {u"completedAt"_s, QJsonValue::Null},
                        {u"canceledAt"_s, QJsonValue::Null},
                        {u"archivedAt"_s, QJsonValue::Null},
                        {u"startedAt"_s, QJsonValue::Null},
                        {u"dueDate"_s, QJsonValue::Null},
                        {u"estimate"_s, QJsonValue::Null},
                        {u"assignee"_s, QJsonValue::Null},
                        {u"trashed"_s, false},
                        {u"branchName"_s, jv(identifier.toLower() + u"-issue"_s)},
                        {u"customerTicketCount"_s, 0},
                        {u"boardOrder"_s, 0},
                        {u"sortOrder"_s, 0},
                        {u"team"_s, QJsonObject{{u"id"_s, uuidFrom(u"team:"_s + teamKey)},
                                                {u"key"_s, teamKey},
                                                {u"name"_s, teamKey}}}},
            source);
        issue.insert(u"state"_s, withDefaults(QJsonObject{{u"id"_s, uuidFrom(u"state:"_s + type)},
                                                          {u"name"_s, type},
                                                          {u"type"_s, type},
                                                          {u"color"_s, u"#95a2b3"_s},
                                                          {u"position"_s, 0}},
                                              state));
        issue.insert(u"labels"_s, QJsonObject{{u"nodes"_s, labelNodes}});
        issue.insert(u"labelIds"_s, labelIds);
        m_issues.append(issue);
    }
    // Newest first, as Linear orders by createdAt by default.
    std::stable_sort(
        m_issues.begin(), m_issues.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"createdAt"_s).toString() > b.value(u"createdAt"_s).toString();
        });
}

HttpResponse LinearFake::faultAnswer(int status)
{
    HttpResponse response;
    if (status == 429) {
        response = errors(429, graphQLError(u"Rate limit exceeded. Please try again later."_s,
                                            u"ratelimited"_s, u"RATELIMITED"_s));
        rateHeaders(response, true);
    } else {
        response =
            errors(status, graphQLError(u"An internal error occurred."_s, u"internal error"_s,
                                        u"INTERNAL_SERVER_ERROR"_s, false));
        rateHeaders(response, false);
    }
    return response;
}

namespace {

bool issueMatches(const QJsonObject &issue, const QJsonObject &filter)
{
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const QString key = it.key();
        const QJsonObject comparator = it.value().toObject();
        bool ok = true;
        if (key == u"and"_s || key == u"or"_s) {
            const QJsonArray parts = it.value().toArray();
            if (key == u"and"_s) {
                for (const QJsonValue &p : parts)
                    ok = ok && issueMatches(issue, p.toObject());
            } else {
                ok = parts.isEmpty();
                for (const QJsonValue &p : parts)
                    ok = ok || issueMatches(issue, p.toObject());
            }
        } else if (key == u"title"_s || key == u"description"_s || key == u"identifier"_s ||
                   key == u"id"_s || key == u"branchName"_s) {
            ok = stringMatches(issue.value(key).toString(), comparator);
        } else if (key == u"createdAt"_s || key == u"updatedAt"_s || key == u"completedAt"_s) {
            const auto read = [](const QJsonValue &v) {
                return static_cast<double>(parseTime(v.toString()).toMSecsSinceEpoch());
            };
            const QDateTime t = parseTime(issue.value(key).toString());
            ok = t.isValid() &&
                 orderedMatches(static_cast<double>(t.toMSecsSinceEpoch()), comparator, read);
        } else if (key == u"priority"_s || key == u"number"_s || key == u"estimate"_s) {
            ok = orderedMatches(issue.value(key).toDouble(), comparator,
                                [](const QJsonValue &v) { return v.toDouble(); });
        } else if (key == u"state"_s) {
            const QJsonObject state = issue.value(u"state"_s).toObject();
            for (auto s = comparator.begin(); s != comparator.end() && ok; ++s)
                ok = stringMatches(state.value(s.key()).toString(), s.value().toObject());
        } else if (key == u"team"_s) {
            const QJsonObject team = issue.value(u"team"_s).toObject();
            for (auto s = comparator.begin(); s != comparator.end() && ok; ++s)
                ok = stringMatches(team.value(s.key()).toString(), s.value().toObject());
        } else if (key == u"labels"_s) {
            // IssueLabelCollectionFilter: {name: StringComparator} or {some/every: {name: ...}}.
            const QJsonArray nodes =
                issue.value(u"labels"_s).toObject().value(u"nodes"_s).toArray();
            QJsonObject inner = comparator.value(u"some"_s).toObject();
            if (inner.isEmpty())
                inner = comparator;
            bool any = false;
            for (const QJsonValue &n : nodes) {
                bool all = true;
                for (auto s = inner.begin(); s != inner.end(); ++s)
                    all = all && stringMatches(n.toObject().value(s.key()).toString(),
                                               s.value().toObject());
                any = any || all;
            }
            ok = any;
        }
        if (!ok)
            return false;
    }
    return true;
}

// One Relay connection page of `all` per first/after, into `out`; the problem, if any.
std::optional<QString> relayConnection(const QList<QJsonObject> &all, const QJsonObject &args,
                                       bool search, QJsonObject &out)
{
    const int first = args.contains(u"first"_s) ? args.value(u"first"_s).toInt() : DefaultFirst;
    if (first < 0 || first > 250)
        return u"first must be between 0 and 250"_s;
    qsizetype start = 0;
    if (const QString after = args.value(u"after"_s).toString(); !after.isEmpty()) {
        start = -1;
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (all.at(i).value(u"id"_s).toString() == after)
                start = i + 1;
        }
        if (start < 0)
            return u"Invalid cursor"_s;
    }
    const QList<QJsonObject> slice = all.mid(start, first);
    QJsonArray nodes;
    QJsonArray edges;
    for (QJsonObject node : slice) {
        if (search)
            node.insert(u"metadata"_s, QJsonObject{{u"score"_s, 1}});
        nodes.append(node);
        edges.append(QJsonObject{{u"cursor"_s, node.value(u"id"_s)}, {u"node"_s, node}});
    }
    out.insert(u"nodes"_s, nodes);
    out.insert(u"edges"_s, edges);
    out.insert(u"pageInfo"_s,
               QJsonObject{{u"hasNextPage"_s, jv(start + slice.size() < all.size())},
                           {u"hasPreviousPage"_s, start > 0},
                           {u"startCursor"_s, slice.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                              : slice.first().value(u"id"_s)},
                           {u"endCursor"_s, slice.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                            : slice.last().value(u"id"_s)}});
    if (search) {
        out.insert(u"totalCount"_s, all.size());
        out.insert(u"archivePayload"_s, QJsonObject{{u"success"_s, true}, {u"lastSyncId"_s, 0}});
    }
    return std::nullopt;
}

} // namespace

std::optional<HttpResponse> LinearFake::resolve(const GraphQLField &field, QJsonObject &data,
                                                QJsonArray &errorList) const
{
    const QJsonObject args = field.arguments;
    if (field.name == u"searchIssues"_s || field.name == u"issueSearch"_s) {
        const QString term =
            args.value(field.name == u"searchIssues"_s ? u"term"_s : u"query"_s).toString();
        const QStringList words = searchWords(term);
        QList<QPair<int, QJsonObject>> scored;
        for (const QJsonObject &issue : std::as_const(m_issues)) {
            const QString text = (issue.value(u"identifier"_s).toString() + u' ' +
                                  issue.value(u"title"_s).toString() + u' ' +
                                  issue.value(u"description"_s).toString())
                                     .toLower();
            const QStringList issueWords = searchWords(text);
            int score = 0;
            for (const QString &w : words) {
                if (issueWords.contains(w) || (w.size() >= 4 && text.contains(w)))
                    score +=
                        issue.value(u"title"_s).toString().contains(w, Qt::CaseInsensitive) ? 2 : 1;
            }
            if (score > 0 && issueMatches(issue, args.value(u"filter"_s).toObject()))
                scored.append({score, issue});
        }
        std::stable_sort(scored.begin(), scored.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        QList<QJsonObject> hits;
        for (const auto &s : std::as_const(scored))
            hits.append(s.second);
        QJsonObject out;
        if (const auto problem = relayConnection(hits, args, true, out)) {
            errorList.append(graphQLError(*problem, u"invalid input"_s, u"INVALID_INPUT"_s));
            data.insert(field.alias, QJsonValue::Null);
        } else {
            data.insert(field.alias, out);
        }
    } else if (field.name == u"issues"_s) {
        QList<QJsonObject> hits;
        const QJsonObject filter = args.value(u"filter"_s).toObject();
        for (const QJsonObject &issue : std::as_const(m_issues)) {
            if (issueMatches(issue, filter))
                hits.append(issue);
        }
        if (args.value(u"orderBy"_s).toString() == u"updatedAt"_s) {
            std::stable_sort(
                hits.begin(), hits.end(), [](const QJsonObject &a, const QJsonObject &b) {
                    return a.value(u"updatedAt"_s).toString() > b.value(u"updatedAt"_s).toString();
                });
        }
        QJsonObject out;
        if (const auto problem = relayConnection(hits, args, false, out)) {
            errorList.append(graphQLError(*problem, u"invalid input"_s, u"INVALID_INPUT"_s));
            data.insert(field.alias, QJsonValue::Null);
        } else {
            data.insert(field.alias, out);
        }
    } else if (field.name == u"issue"_s) {
        const QString id = args.value(u"id"_s).toString();
        bool found = false;
        for (const QJsonObject &issue : std::as_const(m_issues)) {
            if (issue.value(u"id"_s).toString() == id ||
                issue.value(u"identifier"_s).toString().compare(id, Qt::CaseInsensitive) == 0) {
                data.insert(field.alias, issue);
                found = true;
            }
        }
        if (!found) {
            QJsonObject e =
                graphQLError(u"Entity not found: Issue"_s, u"invalid input"_s, u"INVALID_INPUT"_s);
            e.insert(u"path"_s, QJsonArray{field.alias});
            errorList.append(e);
            data.insert(field.alias, QJsonValue::Null);
        }
    } else if (field.name == u"viewer"_s) {
        data.insert(field.alias, QJsonObject{{u"id"_s, uuidFrom(u"viewer"_s)},
                                             {u"name"_s, u"Support Agent"_s},
                                             {u"email"_s, m_context.agentEmail},
                                             {u"active"_s, true}});
    } else if (field.name == u"__typename"_s) {
        data.insert(field.alias, u"Query"_s);
    } else {
        HttpResponse response = errors(
            400, graphQLError(u"Cannot query field \"%1\" on type \"Query\"."_s.arg(field.name),
                              u"graphql error"_s, u"GRAPHQL_VALIDATION_FAILED"_s));
        rateHeaders(response, false);
        return response;
    }
    return std::nullopt;
}

HttpResponse LinearFake::answer(const HttpRequest &request)
{
    HttpResponse response;
    const QString expected = m_context.token(u"linear"_s);
    QString key = QString::fromUtf8(request.header("Authorization")).trimmed();
    if (key.startsWith(u"Bearer "_s))
        key = key.mid(7).trimmed();
    if (key != expected) {
        response = errors(401, graphQLError(u"Authentication required, not authenticated"_s,
                                            u"authentication error"_s, u"AUTHENTICATION_ERROR"_s));
        rateHeaders(response, false);
        return response;
    }
    if (request.path != u"/graphql"_s) {
        response = HttpResponse::text(404, "Cannot "_ba + request.method + ' ' +
                                               request.path.toUtf8() + '\n');
        rateHeaders(response, false);
        return response;
    }
    QString query;
    QJsonObject variables;
    QString operationName;
    if (request.method == "POST") {
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            response =
                errors(400, graphQLError(u"POST body must be a JSON object with a \"query\"."_s,
                                         u"graphql error"_s, u"BAD_REQUEST"_s));
            rateHeaders(response, false);
            return response;
        }
        query = document.object().value(u"query"_s).toString();
        variables = document.object().value(u"variables"_s).toObject();
        operationName = document.object().value(u"operationName"_s).toString();
    } else {
        query = request.queryValue(u"query"_s);
        variables = QJsonDocument::fromJson(request.queryValue(u"variables"_s).toUtf8()).object();
    }
    const auto fields = readGraphQLOperation(query, variables, operationName);
    if (!fields) {
        response = errors(400, graphQLError(fields.error().message, u"graphql error"_s,
                                            u"GRAPHQL_PARSE_FAILED"_s));
        rateHeaders(response, false);
        return response;
    }

    QJsonObject data;
    QJsonArray errorList;
    for (const GraphQLField &field : *fields) {
        if (auto fatal = resolve(field, data, errorList))
            return *fatal;
    }
    QJsonObject body{{u"data"_s, data}};
    if (!errorList.isEmpty())
        body.insert(u"errors"_s, errorList);
    response = jsonAnswer(200, body);
    rateHeaders(response, false);
    return response;
}

} // namespace Casefile::Sandbox
