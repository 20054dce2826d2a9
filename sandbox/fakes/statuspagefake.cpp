#include "sandbox/fakes/vendorfakes.h"

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxIncidents = 50;

int impactRank(const QString &impact)
{
    static const QStringList order{u"none"_s, u"minor"_s, u"major"_s, u"critical"_s};
    return std::max<int>(0, static_cast<int>(order.indexOf(impact)));
}

} // namespace

StatuspageFake::StatuspageFake(FakeContext &context)
    : VendorFake(context)
{
    const QJsonObject pages = context.section(u"statuspage"_s);
    for (auto it = pages.begin(); it != pages.end(); ++it) {
        const QJsonObject source = it.value().toObject();
        Page page;
        const QString pageId =
            source.value(u"page"_s).toObject().value(u"id"_s).toString(stableHex(it.key(), 12));
        page.page =
            withDefaults(QJsonObject{{u"id"_s, pageId},
                                     {u"name"_s, it.key()},
                                     {u"url"_s, jv(u"https://status."_s + it.key() + u".com"_s)},
                                     {u"time_zone"_s, u"Etc/UTC"_s},
                                     {u"updated_at"_s, isoUtc(context.now)}},
                         source.value(u"page"_s).toObject());
        for (const QJsonValue &c : source.value(u"components"_s).toArray()) {
            const QJsonObject component = c.toObject();
            page.components.append(withDefaults(
                QJsonObject{
                    {u"id"_s, stableHex(pageId + component.value(u"name"_s).toString(), 12)},
                    {u"status"_s, u"operational"_s},
                    {u"created_at"_s, isoUtc(context.now.addYears(-2))},
                    {u"updated_at"_s, isoUtc(context.now.addDays(-1))},
                    {u"position"_s, 1},
                    {u"description"_s, QJsonValue::Null},
                    {u"showcase"_s, true},
                    {u"start_date"_s, QJsonValue::Null},
                    {u"group_id"_s, QJsonValue::Null},
                    {u"page_id"_s, pageId},
                    {u"group"_s, false},
                    {u"only_show_if_degraded"_s, false}},
                component));
        }
        for (const QJsonValue &i : source.value(u"incidents"_s).toArray()) {
            const QJsonObject incident = i.toObject();
            const QString id = incident.value(u"id"_s).toString();
            const QString created = incident.value(u"created_at"_s).toString();
            QList<QJsonObject> updates;
            for (const QJsonValue &u : incident.value(u"incident_updates"_s).toArray()) {
                const QJsonObject update = u.toObject();
                const QString at = update.value(u"created_at"_s).toString(created);
                updates.append(
                    withDefaults(QJsonObject{{u"id"_s, stableHex(id + at, 12)},
                                             {u"incident_id"_s, id},
                                             {u"updated_at"_s, at},
                                             {u"display_at"_s, at},
                                             {u"affected_components"_s, QJsonValue::Null},
                                             {u"deliver_notifications"_s, true},
                                             {u"custom_tweet"_s, QJsonValue::Null},
                                             {u"tweet_id"_s, QJsonValue::Null}},
                                 update));
            }
            std::stable_sort(updates.begin(), updates.end(),
                             [](const QJsonObject &a, const QJsonObject &b) {
                                 return a.value(u"created_at"_s).toString() >
                                        b.value(u"created_at"_s).toString();
                             });
            QJsonObject out =
                withDefaults(QJsonObject{{u"status"_s, u"investigating"_s},
                                         {u"impact"_s, u"none"_s},
                                         {u"updated_at"_s, created},
                                         {u"monitoring_at"_s, QJsonValue::Null},
                                         {u"resolved_at"_s, QJsonValue::Null},
                                         {u"started_at"_s, created},
                                         {u"shortlink"_s, jv(u"https://stspg.io/"_s + id.left(8))},
                                         {u"page_id"_s, pageId},
                                         {u"components"_s, QJsonArray{}}},
                             incident);
            out.insert(u"incident_updates"_s, toArray(updates));
            page.incidents.append(out);
        }
        std::stable_sort(page.incidents.begin(), page.incidents.end(),
                         [](const QJsonObject &a, const QJsonObject &b) {
                             return a.value(u"created_at"_s).toString() >
                                    b.value(u"created_at"_s).toString();
                         });
        m_pages.insert(it.key(), page);
    }
}

HttpResponse StatuspageFake::faultAnswer(int status)
{
    if (status == 429)
        return jsonAnswer(429, QJsonObject{{u"error"_s, u"Rate limit exceeded"_s}});
    return jsonAnswer(status, QJsonObject{{u"error"_s, u"Internal Server Error"_s}});
}

HttpResponse StatuspageFake::answer(const HttpRequest &request)
{
    // /{page}/api/v2/{resource}.json
    const QString path = request.path;
    const qsizetype slash = path.indexOf(u'/', 1);
    const QString pageName = path.mid(1, slash - 1);
    const QString rest = slash < 0 ? QString() : path.mid(slash);
    if (!m_pages.contains(pageName) || !rest.startsWith(u"/api/v2/"_s))
        return HttpResponse::text(404, "The page you were looking for doesn't exist.\n"_ba);
    if (request.method != "GET" && request.method != "HEAD")
        return HttpResponse::text(405, "Method Not Allowed\n"_ba);
    const Page &page = m_pages[pageName];
    const QString resource = rest.mid(8);

    QList<QJsonObject> unresolved;
    int worst = 0;
    for (const QJsonObject &i : page.incidents) {
        const QString status = i.value(u"status"_s).toString();
        if (status != u"resolved"_s && status != u"postmortem"_s && status != u"completed"_s) {
            unresolved.append(i);
            worst = std::max(worst, impactRank(i.value(u"impact"_s).toString()));
        }
    }
    for (const QJsonObject &c : page.components) {
        const QString s = c.value(u"status"_s).toString();
        if (s == u"major_outage"_s)
            worst = std::max(worst, 3);
        else if (s == u"partial_outage"_s)
            worst = std::max(worst, 2);
        else if (s == u"degraded_performance"_s)
            worst = std::max(worst, 1);
    }
    static const QStringList indicators{u"none"_s, u"minor"_s, u"major"_s, u"critical"_s};
    static const QStringList descriptions{u"All Systems Operational"_s, u"Minor Service Outage"_s,
                                          u"Partial System Outage"_s, u"Major System Outage"_s};
    const QJsonObject status{{u"indicator"_s, indicators.at(worst)},
                             {u"description"_s, descriptions.at(worst)}};
    QJsonObject pageJson = page.page;

    QJsonObject body{{u"page"_s, pageJson}};
    if (resource == u"summary.json"_s) {
        body.insert(u"components"_s, toArray(page.components));
        body.insert(u"incidents"_s, toArray(unresolved));
        body.insert(u"scheduled_maintenances"_s, QJsonArray{});
        body.insert(u"status"_s, status);
    } else if (resource == u"status.json"_s) {
        body.insert(u"status"_s, status);
    } else if (resource == u"components.json"_s) {
        body.insert(u"components"_s, toArray(page.components));
    } else if (resource == u"incidents.json"_s) {
        body.insert(u"incidents"_s, toArray(page.incidents.mid(0, MaxIncidents)));
    } else if (resource == u"incidents/unresolved.json"_s) {
        body.insert(u"incidents"_s, toArray(unresolved));
    } else if (resource == u"scheduled-maintenances.json"_s ||
               resource == u"scheduled-maintenances/upcoming.json"_s ||
               resource == u"scheduled-maintenances/active.json"_s) {
        body.insert(u"scheduled_maintenances"_s, QJsonArray{});
    } else {
        return HttpResponse::text(404, "The page you were looking for doesn't exist.\n"_ba);
    }
    HttpResponse response = jsonAnswer(200, body);
    response.setHeader("Cache-Control"_ba, "max-age=0, private, must-revalidate"_ba);
    return response;
}

} // namespace Casefile::Sandbox
