#include "sandbox/fakes/vendorfakes.h"

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultLimit = 25;
constexpr int MaxLimit = 100;
const QString Api = u"https://api.pagerduty.com"_s;
const QString Web = u"https://sandbox.pagerduty.com"_s;

QJsonObject pdError(int code, const QString &message, const QStringList &errors = {})
{
    return QJsonObject{
        {u"error"_s, QJsonObject{{u"code"_s, code},
                                 {u"message"_s, message},
                                 {u"errors"_s, QJsonArray::fromStringList(errors)}}}};
}

QJsonObject reference(const QString &type, const QString &id, const QString &summary,
                      const QString &collection)
{
    return QJsonObject{{u"id"_s, id},
                       {u"type"_s, jv(type + u"_reference"_s)},
                       {u"summary"_s, summary},
                       {u"self"_s, jv(Api + u'/' + collection + u'/' + id)},
                       {u"html_url"_s, jv(Web + u'/' + collection + u'/' + id)}};
}

void rateHeaders(HttpResponse &response, bool exhausted)
{
    response.setHeader("ratelimit-limit"_ba, "960"_ba);
    response.setHeader("ratelimit-remaining"_ba, exhausted ? "0"_ba : "959"_ba);
    response.setHeader("ratelimit-reset"_ba, exhausted ? "1"_ba : "60"_ba);
}

} // namespace

PagerDutyFake::PagerDutyFake(FakeContext &context)
    : VendorFake(context)
{
    const QJsonArray incidents = context.section(u"pagerduty"_s).value(u"incidents"_s).toArray();
    int number = 1000;
    for (const QJsonValue &v : incidents) {
        const QJsonObject source = v.toObject();
        const QString id = source.value(u"id"_s).toString(
            u"P"_s + stableHex(QString::number(number), 6).toUpper());
        const int incidentNumber = source.contains(u"incident_number"_s)
                                       ? source.value(u"incident_number"_s).toInt()
                                       : ++number;
        const QString title = source.value(u"title"_s).toString();
        const QString status = source.value(u"status"_s).toString(u"triggered"_s);
        const QString created = source.value(u"created_at"_s).toString();
        const QJsonValue resolved = source.value(u"resolved_at"_s);
        const QString serviceName =
            source.value(u"service"_s).toObject().value(u"summary"_s).toString(u"Gateway"_s);
        QJsonObject service =
            withDefaults(reference(u"service"_s, u"PSVC"_s + stableHex(serviceName, 3).toUpper(),
                                   serviceName, u"services"_s),
                         source.value(u"service"_s).toObject());
        QJsonObject incident = withDefaults(
            QJsonObject{
                {u"id"_s, id},
                {u"type"_s, u"incident"_s},
                {u"summary"_s, u"[#%1] %2"_s.arg(incidentNumber).arg(title)},
                {u"self"_s, jv(Api + u"/incidents/"_s + id)},
                {u"html_url"_s, jv(Web + u"/incidents/"_s + id)},
                {u"incident_number"_s, incidentNumber},
                {u"title"_s, title},
                {u"created_at"_s, created},
                {u"updated_at"_s, resolved.isString() ? resolved.toString() : created},
                {u"status"_s, status},
                {u"incident_key"_s, stableHex(id, 32)},
                {u"assignments"_s, QJsonArray{}},
                {u"assigned_via"_s, u"escalation_policy"_s},
                {u"acknowledgements"_s, QJsonArray{}},
                {u"last_status_change_at"_s, resolved.isString() ? resolved.toString() : created},
                {u"last_status_change_by"_s, service},
                {u"resolved_at"_s, QJsonValue::Null},
                {u"first_trigger_log_entry"_s,
                 reference(u"trigger_log_entry"_s, u"R"_s + stableHex(id, 10).toUpper(),
                           u"Triggered through the API"_s, u"log_entries"_s)},
                {u"alert_counts"_s, QJsonObject{{u"all"_s, 1},
                                                {u"triggered"_s, status == u"resolved"_s ? 0 : 1},
                                                {u"resolved"_s, status == u"resolved"_s ? 1 : 0}}},
                {u"is_mergeable"_s, true},
                {u"escalation_policy"_s,
                 reference(u"escalation_policy"_s, u"PEP"_s + stableHex(serviceName, 4).toUpper(),
                           serviceName + u" on-call"_s, u"escalation_policies"_s)},
                {u"teams"_s, QJsonArray{}},
                {u"pending_actions"_s, QJsonArray{}},
                {u"urgency"_s, u"high"_s},
                {u"priority"_s, QJsonValue::Null},
                {u"resolve_reason"_s, QJsonValue::Null},
                {u"conference_bridge"_s, QJsonValue::Null},
                {u"incidents_responders"_s, QJsonArray{}},
                {u"responder_requests"_s, QJsonArray{}},
                {u"alert_grouping"_s, QJsonValue::Null}},
            source);
        incident.insert(u"service"_s, service);
        m_incidents.append(incident);
    }
    std::stable_sort(
        m_incidents.begin(), m_incidents.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"created_at"_s).toString() < b.value(u"created_at"_s).toString();
        });
}

HttpResponse PagerDutyFake::faultAnswer(int status)
{
    HttpResponse response =
        status == 429
            ? jsonAnswer(429,
                         pdError(2020, u"Rate Limit Exceeded"_s,
                                 {u"You have exceeded your rate limit. Please wait and retry."_s}))
            : jsonAnswer(status, pdError(2000, u"Internal Server Error"_s));
    rateHeaders(response, status == 429);
    return response;
}

HttpResponse PagerDutyFake::answer(const HttpRequest &request)
{
    HttpResponse response;
    const QByteArray auth = request.header("Authorization");
    const QString expected = m_context.token(u"pagerduty"_s);
    const bool ok =
        auth == "Token token="_ba + expected.toUtf8() || auth == "Bearer "_ba + expected.toUtf8();
    const QByteArray accept = request.header("Accept");
    if (!ok) {
        response = jsonAnswer(401, pdError(2006, u"Invalid Credentials"_s,
                                           {u"The authorization token provided is not valid."_s}));
    } else if (!accept.contains("application/vnd.pagerduty+json") ||
               !accept.contains("version=2")) {
        // the REST API v2 is asked for by its versioned media type; anything else is refused
        response = jsonAnswer(
            406, pdError(2001, u"Invalid Input Provided"_s,
                         {u"Accept must be application/vnd.pagerduty+json;version=2."_s}));
    } else if (request.path != u"/incidents"_s) {
        response = jsonAnswer(404, pdError(2100, u"Not Found"_s));
    } else if (request.method != "GET" && request.method != "HEAD") {
        response = jsonAnswer(405, pdError(2100, u"Not Found"_s));
    } else {
        const QString sinceText = request.queryValue(u"since"_s);
        const QString untilText = request.queryValue(u"until"_s);
        QDateTime until = untilText.isEmpty() ? m_context.currentTime() : parseTime(untilText);
        QDateTime since = sinceText.isEmpty() ? until.addMonths(-1) : parseTime(sinceText);
        const bool allDates = request.queryValue(u"date_range"_s) == u"all"_s;
        const int limit =
            request.hasQuery(u"limit"_s) ? request.queryValue(u"limit"_s).toInt() : DefaultLimit;
        const int offset = request.queryValue(u"offset"_s).toInt();
        if (!allDates && (!since.isValid() || !until.isValid())) {
            response = jsonAnswer(400, pdError(2001, u"Invalid Input Provided"_s,
                                               {u"Since and until must be valid dates."_s}));
        } else if (!allDates && since.daysTo(until) > 183) {
            response =
                jsonAnswer(400, pdError(2001, u"Invalid Input Provided"_s,
                                        {u"The maximum range for since and until is 6 months."_s}));
        } else if (limit < 1 || limit > MaxLimit || offset < 0) {
            response = jsonAnswer(400, pdError(2001, u"Invalid Input Provided"_s,
                                               {u"Limit must be between 1 and 100."_s}));
        } else {
            QStringList statuses = request.queryValues(u"statuses[]"_s);
            const QStringList urgencies = request.queryValues(u"urgencies[]"_s);
            const QStringList services = request.queryValues(u"service_ids[]"_s);
            QList<QJsonObject> hits;
            for (const QJsonObject &i : std::as_const(m_incidents)) {
                const QDateTime created = parseTime(i.value(u"created_at"_s).toString());
                if (!allDates && (created < since || created >= until))
                    continue;
                if (!statuses.isEmpty() && !statuses.contains(i.value(u"status"_s).toString()))
                    continue;
                if (!urgencies.isEmpty() && !urgencies.contains(i.value(u"urgency"_s).toString()))
                    continue;
                if (!services.isEmpty() &&
                    !services.contains(i.value(u"service"_s).toObject().value(u"id"_s).toString()))
                    continue;
                hits.append(i);
            }
            if (request.queryValue(u"sort_by"_s).startsWith(u"created_at:desc"_s))
                std::reverse(hits.begin(), hits.end());
            const bool total = request.queryValue(u"total"_s) == u"true"_s;
            response =
                jsonAnswer(200, QJsonObject{{u"incidents"_s, toArray(hits.mid(offset, limit))},
                                            {u"limit"_s, limit},
                                            {u"offset"_s, offset},
                                            {u"more"_s, jv(offset + limit < hits.size())},
                                            {u"total"_s, total ? QJsonValue(hits.size())
                                                               : QJsonValue(QJsonValue::Null)}});
        }
    }
    rateHeaders(response, false);
    return response;
}

} // namespace Casefile::Sandbox
