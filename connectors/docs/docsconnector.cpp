#include "connectors/docs/docsconnector.h"

#include "connectors/common/parallel.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

constexpr int MaxText = 4000;

HttpClient::Options docsOptions()
{
    HttpClient::Options o;
    o.system = u"docs"_s;
    o.displayName = u"Docs"_s;
    return o;
}

QList<HttpHeader> docsAuth(const ConnectionSettings &, const QString &secret)
{
    if (secret.isEmpty())
        return {};
    return {{"Authorization"_ba, "Bearer "_ba + secret.toUtf8()}};
}

} // namespace

DocsConnector::DocsConnector(ConnectionSettings settings, Result<QString> secret)
    : HttpConnector(std::move(settings), std::move(secret), docsOptions(), docsAuth)
{}

Result<QJsonObject> DocsConnector::page(const QString &path, const WorkLimits &limits) const
{
    QUrlQuery q;
    addQueryItem(q, u"path"_s, path);
    return m_connection.getJson(m_connection.endpoint(u"/api/pages"_s, q), limits);
}

QJsonObject DocsConnector::pageItem(const QJsonObject &page, const QString &path)
{
    const QString realPath = page.value(u"path"_s).toString(path);
    return QJsonObject{{u"ref"_s, QString(u"docs:"_s + realPath)},
                       {u"title"_s, page.value(u"title"_s).toString()},
                       {u"text"_s, truncated(page.value(u"body"_s).toString(), MaxText)}};
}

Result<OperationOutput> DocsConnector::run(const OperationCall &call)
{
    OperationOutput out;
    if (call.operation == u"fetch"_s) {
        auto path = Args::requiredString(call.args, u"path"_s);
        if (!path)
            return std::unexpected(path.error());
        auto p = page(*path, call.limits);
        if (!p)
            return std::unexpected(p.error());
        const QString realPath = p->value(u"path"_s).toString(*path);
        const QJsonObject item = pageItem(*p, *path);
        out.evidence.append(
            makeEvidence(EvidenceKind::Text, u"docs"_s, p->value(u"title"_s).toString(realPath),
                         u"docs:GET /api/pages"_s, {{u"items"_s, QJsonArray{item}}}));
        return out;
    }
    if (call.operation != u"search"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    const QStringList terms = Args::stringList(call.args, u"terms"_s);
    if (terms.isEmpty())
        return fail(Error::Code::InvalidInput, u"The argument \"terms\" is missing"_s);
    const int limit = std::clamp(Args::integer(call.args, u"limit"_s, 5), 1, 20);
    // One search per term and then one page per hit, each group sent at once: two round
    // trips whatever the number of terms, one when the search answers with the pages. Answers are
    // merged in the terms' order, as if asked one after another, so a failed search past the limit
    // changes nothing.
    const auto answers = inParallel(terms.size(), [&](qsizetype i) {
        QUrlQuery q;
        addQueryItem(q, u"q"_s, terms.at(i));
        addQueryItem(q, u"limit"_s, QString::number(limit));
        // Servers that know include=body answer with the pages; others ignore it.
        addQueryItem(q, u"include"_s, u"body"_s);
        return m_connection.getJson(m_connection.endpoint(u"/api/search"_s, q), call.limits);
    });
    QList<QJsonObject> hits;
    QSet<QString> seen;
    for (const auto &root : answers) {
        if (hits.size() >= limit)
            break;
        if (!root)
            return std::unexpected(root.error());
        for (const QJsonValue &v : root->value(u"results"_s).toArray()) {
            const QJsonObject hit = v.toObject();
            const QString path = hit.value(u"path"_s).toString();
            if (path.isEmpty() || seen.contains(path) || hits.size() >= limit)
                continue;
            seen.insert(path);
            hits.append(hit);
        }
    }
    // A search that already answers with the page's body needs no fetch.
    const auto pages = inParallel(hits.size(), [&](qsizetype i) -> Result<QJsonObject> {
        if (hits.at(i).value(u"body"_s).isString())
            return hits.at(i);
        return page(hits.at(i).value(u"path"_s).toString(), call.limits);
    });
    QJsonArray items;
    for (qsizetype i = 0; i < hits.size(); ++i) {
        const QJsonObject &hit = hits.at(i);
        const auto &p = pages.at(i);
        const QString path = hit.value(u"path"_s).toString();
        QString text = hit.value(u"snippet"_s).toString();
        QString title = hit.value(u"title"_s).toString();
        if (!p && isFatal(p.error()))
            return std::unexpected(p.error());
        if (p) {
            text = p->value(u"body"_s).toString(text);
            title = p->value(u"title"_s).toString(title);
        }
        items.append(QJsonObject{{u"ref"_s, QString(u"docs:"_s + path)},
                                 {u"title"_s, title},
                                 {u"text"_s, truncated(text, MaxText)}});
    }
    out.evidence.append(makeEvidence(EvidenceKind::Text, u"docs"_s,
                                     u"Documentation about %1"_s.arg(terms.join(u" / "_s)),
                                     u"docs:GET /api/search"_s, {{u"items"_s, items}}));
    return out;
}

ConnectionCheck DocsConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    QUrlQuery q;
    addQueryItem(q, u"q"_s, u"api"_s);
    addQueryItem(q, u"limit"_s, u"1"_s);
    auto root = m_connection.getJson(m_connection.endpoint(u"/api/search"_s, q), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    if (!root->value(u"results"_s).isArray())
        return {false, u"The docs site answered, but not with search results: is the URL right?"_s};
    return {true, u"Connected to the docs at %1; search works"_s.arg(
                      displayOrigin(QUrl(m_connection.settings().url)))};
}

} // namespace Casefile::Connectors
