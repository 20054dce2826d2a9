#include "connectors/jira/jiraconnector.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options jiraOptions()
{
    HttpClient::Options o;
    o.system = u"jira"_s;
    o.displayName = u"Jira"_s;
    return o;
}

QList<HttpHeader> jiraAuth(const ConnectionSettings &settings, const QString &secret)
{
    if (secret.isEmpty())
        return {};
    if (settings.account.isEmpty())
        return {{"Authorization"_ba, "Bearer "_ba + secret.toUtf8()}};
    return {{"Authorization"_ba, basicAuth(settings.account, secret)}};
}

void collectText(const QJsonValue &node, QString &out)
{
    if (node.isString()) {
        out += node.toString();
        return;
    }
    const QJsonObject o = node.toObject();
    const QString type = o.value(u"type"_s).toString();
    if (type == u"text"_s)
        out += o.value(u"text"_s).toString();
    else if (type == u"hardBreak"_s)
        out += u'\n';
    for (const QJsonValue &child : o.value(u"content"_s).toArray())
        collectText(child, out);
    if (type == u"paragraph"_s || type == u"heading"_s || type == u"listItem"_s ||
        type == u"codeBlock"_s)
        out += u'\n';
}

} // namespace

JiraConnector::JiraConnector(ConnectionSettings settings, Result<QString> secret)
    : HttpConnector(std::move(settings), std::move(secret), jiraOptions(), jiraAuth)
{}

QString JiraConnector::jqlFor(const QStringList &terms)
{
    static const QRegularExpression unsafe(u"[^\\p{L}\\p{N}_.@ ]"_s);
    QStringList clauses;
    for (const QString &term : terms) {
        QString words = term;
        words.replace(unsafe, u" "_s);
        words = words.simplified();
        if (!words.isEmpty())
            clauses << u"text ~ \"%1\""_s.arg(words);
    }
    if (clauses.isEmpty())
        return {};
    return u"("_s + clauses.join(u" OR "_s) + u") ORDER BY updated DESC"_s;
}

QString JiraConnector::plainText(const QJsonValue &adf)
{
    QString out;
    collectText(adf, out);
    return out.trimmed();
}

QJsonObject JiraConnector::issueEvent(const QJsonObject &issue, const QUrl &base)
{
    const QJsonObject fields = issue.value(u"fields"_s).toObject();
    const QString key = issue.value(u"key"_s).toString();
    const QJsonObject status = fields.value(u"status"_s).toObject();
    return QJsonObject{
        {u"time"_s, isoOrNull(parseTime(fields.value(u"created"_s).toString()))},
        {u"end"_s, QJsonValue::Null},
        {u"type"_s, u"issue"_s},
        {u"ref"_s, QString(u"jira:issue:"_s + key)},
        {u"title"_s, fields.value(u"summary"_s).toString()},
        {u"description"_s, truncated(plainText(fields.value(u"description"_s)), 2000)},
        {u"state"_s, status.value(u"name"_s).toString()},
        {u"state_type"_s, status.value(u"statusCategory"_s).toObject().value(u"key"_s).toString()},
        {u"labels"_s, fields.value(u"labels"_s).toArray()},
        {u"updated"_s, isoOrNull(parseTime(fields.value(u"updated"_s).toString()))},
        {u"url"_s, Connection::join(base, u"/browse/"_s + key).toString()}};
}

Result<OperationOutput> JiraConnector::run(const OperationCall &call)
{
    if (call.operation != u"search_issues"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    const QStringList terms = Args::stringList(call.args, u"terms"_s);
    const QString jql = jqlFor(terms);
    if (jql.isEmpty())
        return fail(Error::Code::InvalidInput, u"The argument \"terms\" is missing"_s);
    const int limit = std::clamp(Args::integer(call.args, u"limit"_s, 25), 1, 100);
    QJsonArray events;
    QString token;
    QUrl first;
    for (int page = 0; page < 5 && events.size() < limit; ++page) {
        QUrlQuery q;
        addQueryItem(q, u"jql"_s, jql);
        q.addQueryItem(u"maxResults"_s, QString::number(std::min(50, limit)));
        q.addQueryItem(u"fields"_s, u"summary,description,status,labels,created,updated"_s);
        if (!token.isEmpty())
            addQueryItem(q, u"nextPageToken"_s, token);
        const QUrl url = m_connection.endpoint(u"/rest/api/3/search/jql"_s, q);
        if (page == 0)
            first = url;
        auto root = m_connection.getJson(url, call.limits);
        if (!root)
            return std::unexpected(root.error());
        for (const QJsonValue &v : root->value(u"issues"_s).toArray()) {
            if (events.size() >= limit)
                break;
            events.append(issueEvent(v.toObject(), QUrl(m_connection.settings().url)));
        }
        token = root->value(u"nextPageToken"_s).toString();
        if (root->value(u"isLast"_s).toBool(token.isEmpty()) || token.isEmpty())
            break;
    }
    OperationOutput out;
    out.evidence.append(makeEvidence(
        EvidenceKind::Events, u"jira"_s, u"Jira issues matching %1"_s.arg(terms.join(u" / "_s)),
        sourceOf(u"jira"_s, "GET"_ba, first), {{u"events"_s, events}}));
    out.outputs.insert(u"count"_s, events.size());
    return out;
}

ConnectionCheck JiraConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    QUrlQuery q;
    addQueryItem(q, u"jql"_s, u"created >= -30d ORDER BY created DESC"_s);
    q.addQueryItem(u"maxResults"_s, u"1"_s);
    q.addQueryItem(u"fields"_s, u"summary"_s);
    auto root = m_connection.getJson(m_connection.endpoint(u"/rest/api/3/search/jql"_s, q), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    const QString who = m_connection.settings().account;
    return {true, u"Connected to Jira%1; issue search works"_s.arg(
                      who.isEmpty() ? QString() : u" as "_s + who)};
}

} // namespace Casefile::Connectors
