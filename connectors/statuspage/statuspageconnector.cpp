#include "connectors/statuspage/statuspageconnector.h"

#include "connectors/common/parallel.h"

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options statuspageOptions()
{
    HttpClient::Options o;
    o.system = u"statuspage"_s;
    o.displayName = u"Statuspage"_s;
    return o;
}

// The time under `key`, or under `fallback` when that is missing or unreadable.
QDateTime timeOf(const QJsonObject &object, const QString &key, const QString &fallback)
{
    const QDateTime t = parseTime(object.value(key).toString());
    return t.isValid() ? t : parseTime(object.value(fallback).toString());
}

} // namespace

StatuspageConnector::StatuspageConnector(ConnectionSettings settings, Result<QString> secret,
                                         std::chrono::milliseconds pageTtl)
    : HttpConnector(std::move(settings), std::move(secret), statuspageOptions(), {})
    , m_answers(pageTtl, 64)
{}

Result<QList<std::pair<QString, QUrl>>> StatuspageConnector::pages(const QJsonObject &args) const
{
    QJsonObject configured = args.value(u"pages"_s).toObject();
    if (configured.isEmpty())
        configured = m_connection.options().value(u"pages"_s).toObject();
    if (configured.isEmpty())
        return fail(Error::Code::InvalidInput,
                    u"No status pages configured: set the statuspage option \"pages\""_s);
    const QStringList wanted = Args::stringList(args, u"providers"_s);
    QList<std::pair<QString, QUrl>> out;
    for (auto it = configured.begin(); it != configured.end(); ++it) {
        if (!wanted.isEmpty() && !wanted.contains(it.key(), Qt::CaseInsensitive))
            continue;
        const QUrl url(it.value().toString());
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
            return fail(Error::Code::InvalidInput,
                        u"The status page URL of %1 is not a valid http(s) URL"_s.arg(it.key()));
        }
        out.append({it.key(), url});
    }
    if (out.isEmpty())
        return fail(
            Error::Code::InvalidInput,
            u"None of the providers %1 has a configured status page"_s.arg(wanted.join(u", "_s)));
    return out;
}

QJsonArray StatuspageConnector::summaryRow(const QString &page, const QJsonObject &summary)
{
    const QJsonObject status = summary.value(u"status"_s).toObject();
    QJsonArray degraded;
    for (const QJsonValue &c : summary.value(u"components"_s).toArray()) {
        const QJsonObject component = c.toObject();
        if (component.value(u"status"_s).toString() != u"operational"_s)
            degraded.append(QString(component.value(u"name"_s).toString() + u" ("_s +
                                    component.value(u"status"_s).toString() + u")"_s));
    }
    return QJsonArray{page, status.value(u"indicator"_s).toString(),
                      status.value(u"description"_s).toString(), degraded};
}

QJsonArray StatuspageConnector::incidentEvents(const QString &page, const QJsonObject &answer,
                                               const TimeWindow &window)
{
    QJsonArray events;
    for (const QJsonValue &v : answer.value(u"incidents"_s).toArray()) {
        const QJsonObject i = v.toObject();
        const QDateTime start = timeOf(i, u"started_at"_s, u"created_at"_s);
        const QDateTime end = parseTime(i.value(u"resolved_at"_s).toString());
        if (!start.isValid() || start >= window.to || (end.isValid() && end < window.from))
            continue;
        QJsonArray components;
        for (const QJsonValue &c : i.value(u"components"_s).toArray())
            components.append(c.toObject().value(u"name"_s).toString());
        QJsonArray updates;
        for (const QJsonValue &u : i.value(u"incident_updates"_s).toArray()) {
            const QJsonObject update = u.toObject();
            const QDateTime when = timeOf(update, u"display_at"_s, u"created_at"_s);
            updates.append(
                QJsonObject{{u"time"_s, isoOrNull(when)},
                            {u"status"_s, update.value(u"status"_s).toString()},
                            {u"body"_s, truncated(update.value(u"body"_s).toString(), 2000)}});
        }
        const QString ref = u"statuspage:"_s + page + u":incident:"_s + i.value(u"id"_s).toString();
        events.append(QJsonObject{{u"time"_s, isoOrNull(start)},
                                  {u"end"_s, isoOrNull(end)},
                                  {u"type"_s, u"incident"_s},
                                  {u"ref"_s, ref},
                                  {u"page"_s, page},
                                  {u"title"_s, i.value(u"name"_s).toString()},
                                  {u"impact"_s, i.value(u"impact"_s).toString()},
                                  {u"status"_s, i.value(u"status"_s).toString()},
                                  {u"components"_s, components},
                                  {u"updates"_s, updates}});
    }
    return events;
}

std::optional<QString> StatuspageConnector::historyBound(const QString &page,
                                                         const QJsonObject &answer,
                                                         const TimeWindow &window)
{
    const QJsonArray incidents = answer.value(u"incidents"_s).toArray();
    if (incidents.size() < IncidentHistory)
        return std::nullopt;
    QDateTime oldest;
    for (const QJsonValue &v : incidents) {
        const QDateTime t = timeOf(v.toObject(), u"started_at"_s, u"created_at"_s);
        if (t.isValid() && (!oldest.isValid() || t < oldest))
            oldest = t;
    }
    if (oldest.isValid() && oldest <= window.from)
        return std::nullopt;
    return u"%1: the status page lists only its last %2 incidents, which reach back to %3; "
           u"earlier incidents in the window were not checked"_s.arg(page)
               .arg(IncidentHistory)
               .arg(oldest.isValid() ? isoUtc(oldest) : u"an unknown time"_s);
}

Result<OperationOutput> StatuspageConnector::run(const OperationCall &call)
{
    const bool incidents = call.operation == u"incidents"_s;
    if (!incidents && call.operation != u"summary"_s)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    auto list = pages(call.args);
    if (!list)
        return std::unexpected(list.error());
    std::optional<TimeWindow> window;
    if (incidents) {
        auto w = Args::window(call.args);
        if (!w)
            return std::unexpected(w.error());
        window = *w;
    }
    OperationOutput out;
    QJsonArray events;
    QJsonArray refs;
    QJsonArray rows;
    QJsonArray failures;
    QJsonArray bounds;
    int answered = 0;
    // Every provider's page at once: one round trip however many are configured.
    const auto answers = inParallel(list->size(), [&](qsizetype i) {
        const QUrl url =
            Connection::join(list->at(i).second,
                             incidents ? u"/api/v2/incidents.json"_s : u"/api/v2/summary.json"_s);
        const QString key = url.toString(QUrl::FullyEncoded);
        if (auto kept = m_answers.find(key))
            return Result<QJsonObject>(*kept);
        auto answer = m_connection.getJson(url, call.limits);
        if (answer)
            m_answers.keep(key, *answer);
        return answer;
    });
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QString &name = list->at(i).first;
        const auto &root = answers.at(i);
        if (!root) {
            if (root.error().code == Error::Code::Cancelled ||
                root.error().code == Error::Code::Timeout)
                return std::unexpected(root.error());
            failures.append(QString(name + u": "_s + root.error().message));
            continue;
        }
        ++answered;
        if (!incidents) {
            rows.append(summaryRow(name, *root));
            continue;
        }
        for (const QJsonValue &e : incidentEvents(name, *root, *window)) {
            events.append(e);
            refs.append(e.toObject().value(u"ref"_s));
        }
        if (auto bound = historyBound(name, *root, *window))
            bounds.append(*bound);
    }
    if (answered == 0) {
        return fail(Error::Code::Unreachable,
                    u"No status page answered: %1"_s.arg(failures.first().toString()));
    }
    QStringList names;
    for (const auto &page : std::as_const(*list))
        names << page.first;
    if (incidents) {
        QJsonObject data{{u"events"_s, events}};
        if (!failures.isEmpty())
            data.insert(u"errors"_s, failures);
        if (!bounds.isEmpty())
            data.insert(u"limits"_s, bounds);
        out.evidence.append(
            makeEvidence(EvidenceKind::Events, u"statuspage"_s,
                         u"Provider status incidents (%1)"_s.arg(names.join(u", "_s)),
                         u"statuspage:GET /api/v2/incidents.json"_s, data));
        out.outputs.insert(u"incident_refs"_s, refs);
    } else {
        QJsonObject data{{u"columns"_s, QJsonArray{u"page"_s, u"indicator"_s, u"description"_s,
                                                   u"degraded_components"_s}},
                         {u"rows"_s, rows}};
        if (!failures.isEmpty())
            data.insert(u"errors"_s, failures);
        out.evidence.append(makeEvidence(EvidenceKind::Table, u"statuspage"_s,
                                         u"Provider status now (%1)"_s.arg(names.join(u", "_s)),
                                         u"statuspage:GET /api/v2/summary.json"_s, data));
    }
    return out;
}

ConnectionCheck StatuspageConnector::testConnection(const WorkLimits &limits)
{
    auto list = pages({});
    if (!list)
        return {false, list.error().message};
    QStringList reached;
    for (const auto &[name, base] : std::as_const(*list)) {
        auto root = m_connection.getJson(Connection::join(base, u"/api/v2/summary.json"_s), limits);
        if (!root)
            return {false, u"Status page %1: %2"_s.arg(name, root.error().message)};
        reached << name;
    }
    return {true, u"Reached %1 status pages (%2)"_s.arg(reached.size()).arg(reached.join(u", "_s))};
}

} // namespace Casefile::Connectors
