#include "connectors/pagerduty/pagerdutyconnector.h"

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options pagerDutyOptions()
{
    HttpClient::Options o;
    o.system = u"pagerduty"_s;
    o.displayName = u"PagerDuty"_s;
    return o;
}

QList<HttpHeader> pagerDutyAuth(const ConnectionSettings &, const QString &secret)
{
    // PagerDuty's description asks for the versioned Accept and a JSON Content-Type on every
    // request.
    QList<HttpHeader> h{{"Accept"_ba, "application/vnd.pagerduty+json;version=2"_ba},
                        {"Content-Type"_ba, "application/json"_ba}};
    if (!secret.isEmpty())
        h.append({"Authorization"_ba, "Token token="_ba + secret.toUtf8()});
    return h;
}

} // namespace

PagerDutyConnector::PagerDutyConnector(ConnectionSettings settings, Result<QString> secret)
    : HttpConnector(std::move(settings), std::move(secret), pagerDutyOptions(), pagerDutyAuth)
{}

QJsonArray PagerDutyConnector::incidentEvents(const QJsonObject &page, const TimeWindow &window)
{
    QJsonArray events;
    for (const QJsonValue &v : page.value(u"incidents"_s).toArray()) {
        const QJsonObject i = v.toObject();
        const QDateTime created = parseTime(i.value(u"created_at"_s).toString());
        const QDateTime resolved = parseTime(i.value(u"resolved_at"_s).toString());
        if (!created.isValid() || created >= window.to ||
            (resolved.isValid() && resolved < window.from))
            continue;
        const QString title = i.value(u"title"_s).toString(i.value(u"summary"_s).toString());
        events.append(QJsonObject{
            {u"time"_s, isoOrNull(created)},
            {u"end"_s, isoOrNull(resolved)},
            {u"type"_s, u"pagerduty"_s},
            {u"ref"_s, QString(u"pagerduty:incident:"_s + i.value(u"id"_s).toString())},
            {u"title"_s, title},
            {u"service"_s, i.value(u"service"_s).toObject().value(u"summary"_s).toString()},
            {u"urgency"_s, i.value(u"urgency"_s).toString()},
            {u"status"_s, i.value(u"status"_s).toString()}});
    }
    return events;
}

Result<OperationOutput> PagerDutyConnector::run(const OperationCall &call)
{
    if (call.operation != u"incidents"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    auto window = Args::window(call.args);
    if (!window)
        return std::unexpected(window.error());
    // PagerDuty filters by creation time: look a day back for incidents still open in the window.
    const QDateTime since = window->from.addDays(-1);
    QJsonArray events;
    QUrl first;
    constexpr int Limit = 100;
    for (int page = 0, offset = 0; page < 10; ++page, offset += Limit) {
        QUrlQuery q;
        addQueryItem(q, u"since"_s, isoUtc(since));
        addQueryItem(q, u"until"_s, isoUtc(window->to));
        addQueryItem(q, u"time_zone"_s, u"UTC"_s);
        addQueryItem(q, u"sort_by"_s, u"created_at:asc"_s);
        addQueryItem(q, u"limit"_s, QString::number(Limit));
        addQueryItem(q, u"offset"_s, QString::number(offset));
        const QUrl url = m_connection.endpoint(u"/incidents"_s, q);
        if (page == 0)
            first = url;
        auto root = m_connection.getJson(url, call.limits);
        if (!root)
            return std::unexpected(root.error());
        for (const QJsonValue &e : incidentEvents(*root, *window))
            events.append(e);
        if (!root->value(u"more"_s).toBool())
            break;
    }
    OperationOutput out;
    out.evidence.append(makeEvidence(EvidenceKind::Events, u"pagerduty"_s, u"PagerDuty incidents"_s,
                                     sourceOf(u"pagerduty"_s, "GET"_ba, first),
                                     {{u"events"_s, events}}));
    return out;
}

ConnectionCheck PagerDutyConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    QUrlQuery q;
    addQueryItem(q, u"limit"_s, u"1"_s);
    auto root = m_connection.getJson(m_connection.endpoint(u"/incidents"_s, q), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    return {true, u"Connected to PagerDuty; incidents readable"_s};
}

} // namespace Casefile::Connectors
