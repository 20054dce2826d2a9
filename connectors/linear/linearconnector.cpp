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

// The known-bug search, one request per investigation: `issues` with one filter that matches
// any term in the title or the description. searchIssues would cost a request per term, and
// Linear allows that query 30 times a minute. Complexity stays far below Linear's per-query
// bound: at most 50 issues with at most 10 labels each.
const QString SearchQuery = uR"(query CasefileKnownBugs($filter: IssueFilter!, $first: Int!) {
  issues(filter: $filter, first: $first, orderBy: updatedAt) {
    pageInfo { hasNextPage endCursor }
    nodes { id identifier title description url createdAt updatedAt priority
            state { name type } labels(first: 10) { nodes { name } } team { key } }
  }
})"_s;

constexpr int MaxTerms = 20;
constexpr int FetchFirst = 50;

// The form of a term to search with: the filter matches a substring, so the singular of a plural
// ("webhooks" -> "webhook") finds an issue that says either.
QString searchForm(const QString &term)
{
    const QString t = term.trimmed();
    if (t.size() >= 5 && t.endsWith(u's', Qt::CaseInsensitive) &&
        !t.endsWith(u"ss"_s, Qt::CaseInsensitive) && t.at(t.size() - 2).isLetter())
        return t.chopped(1);
    return t;
}

QJsonObject termsFilter(const QStringList &terms)
{
    QJsonArray any;
    for (const QString &term : terms) {
        any.append(QJsonObject{{u"title"_s, QJsonObject{{u"containsIgnoreCase"_s, term}}}});
        any.append(QJsonObject{{u"description"_s, QJsonObject{{u"containsIgnoreCase"_s, term}}}});
    }
    return QJsonObject{{u"or"_s, any}};
}

// How well an issue matches: a term in the title counts twice, in the description once.
int matchScore(const QJsonObject &issue, const QStringList &terms)
{
    const QString title = issue.value(u"title"_s).toString();
    const QString description = issue.value(u"description"_s).toString();
    int score = 0;
    for (const QString &term : terms) {
        if (title.contains(term, Qt::CaseInsensitive))
            score += 2;
        else if (description.contains(term, Qt::CaseInsensitive))
            score += 1;
    }
    return score;
}

// When a rate-limited answer lets us ask again, from Linear's reset headers (epoch ms).
QString rateLimitHint(const HttpResponse &response)
{
    const auto wait = retryAfter(response, QDateTime::currentDateTimeUtc());
    if (wait)
        return u"; retry after %1 s"_s.arg((wait->count() + 999) / 1000);
    for (const QByteArray &name :
         {"x-ratelimit-requests-reset"_ba, "x-ratelimit-complexity-reset"_ba}) {
        bool ok = false;
        const qint64 ms = response.header(name).trimmed().toLongLong(&ok);
        if (ok && ms > 0) {
            const qint64 seconds =
                std::max<qint64>(1, (ms - QDateTime::currentMSecsSinceEpoch() + 999) / 1000);
            return u"; retry after %1 s"_s.arg(seconds);
        }
    }
    return {};
}

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
    // Linear answers a rate limit with HTTP 400 or 429 and RATELIMITED in the body: read the
    // body whatever the status, so the limit is reported as one (with its reset) instead of
    // being retried blindly or mistaken for a bad query.
    request->acceptAnyStatus = true;
    request->maxRetries = 0;
    auto response = m_connection.http().send(*request, limits);
    if (!response)
        return std::unexpected(response.error());
    auto root = parseJsonObject(response->body, m_connection.system());
    if (root && root->contains(u"errors"_s)) {
        auto data = graphqlData(*root);
        if (!data && data.error().code == Error::Code::RateLimited)
            data.error().message += rateLimitHint(*response);
        // A server error stays a server error, whatever its body says (it goes on below).
        if ((!data && response->status < 500) || response->isSuccess())
            return data;
    }
    if (!response->isSuccess()) {
        Error error = m_connection.http().statusError(*request, *response);
        if (error.code == Error::Code::RateLimited && !error.message.contains(u"retry after"_s))
            error.message += rateLimitHint(*response);
        return std::unexpected(error);
    }
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
    QStringList terms;
    for (const QString &raw : Args::stringList(call.args, u"terms"_s)) {
        const QString term = searchForm(raw);
        if (!term.isEmpty() && !terms.contains(term, Qt::CaseInsensitive) &&
            terms.size() < MaxTerms)
            terms << term;
    }
    if (terms.isEmpty())
        return fail(Error::Code::InvalidInput, u"The argument \"terms\" is missing"_s);
    const int limit = std::clamp(Args::integer(call.args, u"limit"_s, 25), 1, FetchFirst);
    auto data = graphql(SearchQuery, {{u"filter"_s, termsFilter(terms)}, {u"first"_s, FetchFirst}},
                        call.limits);
    if (!data)
        return std::unexpected(data.error());
    const QJsonObject result = data->value(u"issues"_s).toObject();
    QList<std::pair<int, QJsonObject>> scored;
    QSet<QString> seen;
    for (const QJsonValue &n : result.value(u"nodes"_s).toArray()) {
        const QJsonObject issue = n.toObject();
        const QString id = issue.value(u"identifier"_s).toString();
        if (id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        scored.append({matchScore(issue, terms), issue});
    }
    // Best match first; among equals, the most recently updated (the order Linear sent).
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QJsonArray events;
    for (const auto &[score, issue] : std::as_const(scored)) {
        if (events.size() >= limit)
            break;
        events.append(issueEvent(issue));
    }
    QJsonObject evidence{{u"events"_s, events}};
    if (result.value(u"pageInfo"_s).toObject().value(u"hasNextPage"_s).toBool()) {
        evidence.insert(
            u"note"_s,
            u"Only the %1 most recently updated matching issues were checked"_s.arg(FetchFirst));
    }
    OperationOutput out;
    out.evidence.append(makeEvidence(EvidenceKind::Events, u"linear"_s,
                                     u"Linear issues matching %1"_s.arg(terms.join(u" / "_s)),
                                     u"linear:POST /graphql issues"_s, evidence));
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
