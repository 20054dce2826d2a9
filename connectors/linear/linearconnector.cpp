#include "connectors/linear/linearconnector.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options linearOptions()
{
    HttpClient::Options o;
    o.system = u"linear"_s;
    o.displayName = u"Linear"_s;
    o.policy = ReadOnlyPolicy::readsAndPostQueries();
    return o;
}

QList<HttpHeader> linearAuth(const ConnectionSettings &, const QString &secret)
{
    if (secret.isEmpty())
        return {};
    return {{"Authorization"_ba, secret.toUtf8()}};
}

const QString SearchQuery = uR"(query CasefileSearch($term: String!, $first: Int!, $after: String) {
  searchIssues(term: $term, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id identifier title description url createdAt updatedAt priority
            state { name type } labels { nodes { name } } team { key } }
  }
})"_s;

} // namespace

LinearConnector::LinearConnector(ConnectionSettings settings, Result<QString> secret)
    : HttpConnector(std::move(settings), std::move(secret), linearOptions(), linearAuth)
{}

QUrl LinearConnector::graphqlUrl() const
{
    const QUrl base(m_connection.settings().url);
    if (base.path().endsWith(u"/graphql"_s))
        return base;
    return m_connection.endpoint(u"/graphql"_s);
}

Result<QJsonObject> LinearConnector::graphql(const QString &query, const QJsonObject &variables,
                                             const WorkLimits &limits) const
{
    auto request = m_connection.request("POST"_ba, graphqlUrl());
    if (!request)
        return std::unexpected(request.error());
    request->body = QJsonDocument(QJsonObject{{u"query"_s, query}, {u"variables"_s, variables}})
                        .toJson(QJsonDocument::Compact);
    request->setHeader("Content-Type"_ba, "application/json"_ba);
    request->idempotent = true; // queries only
    auto root = m_connection.sendJson(*request, limits);
    if (!root)
        return std::unexpected(root.error());
    return graphqlData(*root);
}

Result<QJsonObject> LinearConnector::graphqlData(const QJsonObject &answer)
{
    const QJsonArray errors = answer.value(u"errors"_s).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        const QJsonObject ext = first.value(u"extensions"_s).toObject();
        const QString type =
            (ext.value(u"type"_s).toString() + u" "_s + ext.value(u"code"_s).toString()).toLower();
        QString message = ext.value(u"userPresentableMessage"_s).toString();
        if (message.isEmpty())
            message = first.value(u"message"_s).toString();
        message = redact(truncated(message.simplified(), 200));
        if (type.contains(u"authentication"_s) || type.contains(u"forbidden"_s))
            return fail(Error::Code::Unauthorized,
                        u"Linear rejected the API key (%1)"_s.arg(message));
        if (type.contains(u"ratelimit"_s))
            return fail(Error::Code::RateLimited, u"rate limited by Linear (%1)"_s.arg(message));
        if (answer.value(u"data"_s).isNull() || !answer.contains(u"data"_s))
            return fail(Error::Code::InvalidInput, u"Linear refused the query (%1)"_s.arg(message));
    }
    return answer.value(u"data"_s).toObject();
}

QJsonObject LinearConnector::issueEvent(const QJsonObject &issue)
{
    QJsonArray labels;
    for (const QJsonValue &l : issue.value(u"labels"_s).toObject().value(u"nodes"_s).toArray())
        labels.append(l.toObject().value(u"name"_s).toString());
    const QJsonObject state = issue.value(u"state"_s).toObject();
    return QJsonObject{
        {u"time"_s, isoOrNull(parseTime(issue.value(u"createdAt"_s).toString()))},
        {u"end"_s, QJsonValue::Null},
        {u"type"_s, u"issue"_s},
        {u"ref"_s, QString(u"linear:issue:"_s + issue.value(u"identifier"_s).toString())},
        {u"title"_s, issue.value(u"title"_s).toString()},
        {u"description"_s, truncated(issue.value(u"description"_s).toString(), 2000)},
        {u"state"_s, state.value(u"name"_s).toString()},
        {u"state_type"_s, state.value(u"type"_s).toString()},
        {u"labels"_s, labels},
        {u"updated"_s, isoOrNull(parseTime(issue.value(u"updatedAt"_s).toString()))},
        {u"url"_s, issue.value(u"url"_s).toString()}};
}

Result<OperationOutput> LinearConnector::run(const OperationCall &call)
{
    if (call.operation != u"search_issues"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    const QStringList terms = Args::stringList(call.args, u"terms"_s);
    if (terms.isEmpty())
        return fail(Error::Code::InvalidInput, u"The argument \"terms\" is missing"_s);
    const int limit = std::clamp(Args::integer(call.args, u"limit"_s, 25), 1, 100);
    QSet<QString> seen;
    QJsonArray events;
    for (const QString &term : terms) {
        QString after;
        for (int page = 0; page < 4 && events.size() < limit; ++page) {
            QJsonObject variables{{u"term"_s, term}, {u"first"_s, std::min(50, limit)}};
            if (!after.isEmpty())
                variables.insert(u"after"_s, after);
            auto data = graphql(SearchQuery, variables, call.limits);
            if (!data)
                return std::unexpected(data.error());
            const QJsonObject result = data->value(u"searchIssues"_s).toObject();
            for (const QJsonValue &n : result.value(u"nodes"_s).toArray()) {
                const QJsonObject issue = n.toObject();
                const QString id = issue.value(u"identifier"_s).toString();
                if (id.isEmpty() || seen.contains(id) || events.size() >= limit)
                    continue;
                seen.insert(id);
                events.append(issueEvent(issue));
            }
            const QJsonObject pageInfo = result.value(u"pageInfo"_s).toObject();
            after = pageInfo.value(u"endCursor"_s).toString();
            if (!pageInfo.value(u"hasNextPage"_s).toBool() || after.isEmpty())
                break;
        }
    }
    OperationOutput out;
    out.evidence.append(makeEvidence(
        EvidenceKind::Events, u"linear"_s, u"Linear issues matching %1"_s.arg(terms.join(u" / "_s)),
        u"linear:POST /graphql searchIssues"_s, {{u"events"_s, events}}));
    out.outputs.insert(u"count"_s, events.size());
    return out;
}

ConnectionCheck LinearConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    auto data = graphql(u"query { viewer { id name email } }"_s, {}, limits);
    if (!data)
        return m_connection.failedCheck(data.error());
    const QJsonObject viewer = data->value(u"viewer"_s).toObject();
    const QString name = viewer.value(u"name"_s).toString(viewer.value(u"email"_s).toString());
    return {true, u"Connected to Linear as %1"_s.arg(name.isEmpty() ? u"(unnamed user)"_s : name)};
}

} // namespace Casefile::Connectors
