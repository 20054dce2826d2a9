#include "ui/weblinks.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

bool isWebUrl(const QUrl &url)
{
    return url.isValid() && (url.scheme() == "https"_L1 || url.scheme() == "http"_L1) &&
           !url.host().isEmpty();
}

// The vendors' own page fields, most specific first.
constexpr QLatin1StringView PageFields[] = {"html_url"_L1, "shortlink"_L1, "permalink"_L1,
                                            "url"_L1};

QString labelOf(const QJsonObject &item)
{
    for (auto key : {"title"_L1, "name"_L1, "identifier"_L1, "key"_L1, "ref"_L1, "id"_L1}) {
        const QJsonValue v = item.value(key);
        if (v.isString() && !v.toString().isEmpty())
            return v.toString().left(60);
        if (v.isDouble())
            return QString::number(v.toInteger());
    }
    return {};
}

// A GitHub item without a page field: its ref and repository name its page.
QUrl githubPage(const QJsonObject &item)
{
    const QString repo = item.value("repo"_L1).toString();
    if (repo.isEmpty() || repo.count(u'/') != 1)
        return {};
    const QString base = u"https://github.com/"_s + repo;
    if (const QString tag = item.value("tag"_L1).toString(); !tag.isEmpty())
        return QUrl(base + u"/releases/tag/"_s + QString::fromLatin1(QUrl::toPercentEncoding(tag)));
    if (const QString sha = item.value("sha"_L1).toString(); !sha.isEmpty())
        return QUrl(base + u"/commit/"_s + QString::fromLatin1(QUrl::toPercentEncoding(sha)));
    return {};
}

} // namespace

QString vendorName(const QString &connector)
{
    static const QHash<QString, QString> names{
        {u"github"_s, u"GitHub"_s},
        {u"linear"_s, u"Linear"_s},
        {u"jira"_s, u"Jira"_s},
        {u"stripe"_s, u"Stripe"_s},
        {u"statuspage"_s, u"Statuspage"_s},
        {u"pagerduty"_s, u"PagerDuty"_s},
        {u"helpdesk"_s, u"the helpdesk"_s},
        {u"zendesk"_s, u"Zendesk"_s},
        {u"clickhouse"_s, u"ClickHouse"_s},
        {u"docs"_s, u"the docs"_s},
        {u"gateway"_s, u"the gateway"_s},
    };
    return names.value(connector.toLower(), connector);
}

QUrl helpdeskTicketUrl(const WorkspaceProfile &profile, const QString &ticketId)
{
    const auto it = profile.connections.constFind(u"helpdesk"_s);
    if (it == profile.connections.cend() || ticketId.isEmpty())
        return {};
    QUrl base(it->url);
    if (!isWebUrl(base))
        return {};
    if (it->type == "zendesk"_L1) {
        QString path = base.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        base.setPath(path + u"/agent/tickets/"_s + ticketId);
        base.setQuery(QString());
        return base;
    }
    return {};
}

QList<WebLink> evidenceLinks(const Evidence &evidence, int limit)
{
    QList<WebLink> links;
    QSet<QString> seen;
    const QString vendor = vendorName(evidence.connector);
    const auto add = [&](const QUrl &url, const QString &what) {
        if (links.size() >= limit || !isWebUrl(url) || seen.contains(url.toString()))
            return;
        seen.insert(url.toString());
        links.append({what.isEmpty() ? QObject::tr("Open in %1").arg(vendor)
                                     : QObject::tr("Open in %1: %2").arg(vendor, what),
                      url});
    };
    const auto visit = [&](const QJsonObject &item) {
        for (QLatin1StringView field : PageFields) {
            const QUrl url(item.value(field).toString());
            if (isWebUrl(url)) {
                add(url, labelOf(item));
                return;
            }
        }
        if (evidence.connector == "github"_L1)
            add(githubPage(item), labelOf(item));
        if (evidence.connector == "stripe"_L1) {
            // Stripe pages are its dashboard's, by object id.
            const QString id = item.value("id"_L1).toString();
            const QString kind = id.section(u'_', 0, 0);
            static const QHash<QString, QString> paths{{u"in"_s, u"invoices"_s},
                                                       {u"cus"_s, u"customers"_s},
                                                       {u"sub"_s, u"subscriptions"_s},
                                                       {u"ch"_s, u"payments"_s},
                                                       {u"pi"_s, u"payments"_s}};
            if (paths.contains(kind))
                add(QUrl(u"https://dashboard.stripe.com/"_s + paths.value(kind) + u'/' + id), id);
        }
    };
    for (auto key : {"events"_L1, "items"_L1, "rows"_L1, "issues"_L1, "incidents"_L1}) {
        for (const QJsonValue &v : evidence.data.value(key).toArray()) {
            if (v.isObject())
                visit(v.toObject());
        }
    }
    visit(evidence.data);
    return links;
}

} // namespace Casefile
