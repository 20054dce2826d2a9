#include "ui/timelinedata.h"

#include "core/reply/replycomposer.h"
#include "core/time.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// The offset from UTC that QDateTimeAxis applies when it formats `msecs` as local time.
// Read from this thread's own copy of the system time zone, not through a local-time QDateTime:
// every local-time conversion takes one process-wide lock (around tzset), chart data is built
// point by point on workers, and the GUI thread needs that lock to label the axes, so it
// would queue behind lower-priority threads.
qint64 localOffsetMs(qint64 msecs)
{
    thread_local const QTimeZone system = QTimeZone::systemTimeZone();
    return qint64(system.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc()))) *
           1000;
}

qint64 zoneOffsetMs(const QTimeZone &zone, qint64 msecs)
{
    if (!zone.isValid() || zone == QTimeZone::utc())
        return 0;
    return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc()))) *
           1000;
}

} // namespace

double timeX(const QDateTime &time)
{
    return double(time.toMSecsSinceEpoch());
}

QDateTime fromTimeX(double x)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(x)), QTimeZone::utc());
}

double chartTimeX(const QDateTime &utc, const QTimeZone &zone)
{
    // The axis shows x + local(x); that must read as the wall clock of `zone` at t, which is
    // t + zone(t) taken as UTC: x = wall - local(x). The local offset at `wall` is right
    // except within an offset's width of a local change; one more step settles it there
    // (inside a skipped local hour no x reads right, and the label is an hour off).
    const qint64 t = utc.toMSecsSinceEpoch();
    const qint64 wall = t + zoneOffsetMs(zone, t);
    const qint64 guess = wall - localOffsetMs(wall);
    return double(wall - localOffsetMs(guess));
}

QDateTime fromChartTimeX(double x, const QTimeZone &zone)
{
    // The wall clock the axis shows at x, then the instant that wall clock is in `zone`
    // (the same fixed point the other way round).
    const qint64 shifted = qint64(std::llround(x));
    const qint64 wall = shifted + localOffsetMs(shifted);
    const qint64 guess = wall - zoneOffsetMs(zone, wall);
    return QDateTime::fromMSecsSinceEpoch(wall - zoneOffsetMs(zone, guess), QTimeZone::utc());
}

QString zoneAbbreviation(const QTimeZone &zone, const QDateTime &at)
{
    if (!zone.isValid() || zone == QTimeZone::utc())
        return u"UTC"_s;
    const QString abbreviation = zone.abbreviation(at);
    // Some zones have no letters of their own ("-03", "UTC+02"): the offset written out.
    if (abbreviation.isEmpty() || abbreviation.startsWith(u'+') || abbreviation.startsWith(u'-') ||
        abbreviation.startsWith(u"UTC"_s) || abbreviation.startsWith(u"GMT"_s))
        return zone.displayName(at, QTimeZone::OffsetName);
    return abbreviation;
}

QString zoneName(const QTimeZone &zone, const QDateTime &at)
{
    if (!zone.isValid() || zone == QTimeZone::utc())
        return u"UTC"_s;
    const QString id = QString::fromUtf8(zone.id());
    const QString offset = zone.displayName(at, QTimeZone::OffsetName);
    // An offset zone's id ("UTC+02") says less than its offset written out.
    if (id.startsWith(u"UTC"_s) || id.startsWith(u"GMT"_s))
        return zone.offsetFromUtc(at) == 0 ? u"UTC"_s : offset;
    return u"%1 (%2)"_s.arg(id, offset);
}

QString formatInZone(const QDateTime &utc, const QTimeZone &zone, QStringView format)
{
    const QDateTime local = zone.isValid() ? utc.toTimeZone(zone) : utc.toUTC();
    return local.toString(format) + u' ' + zoneAbbreviation(zone, utc);
}

namespace {

struct ParsedSeries
{
    QString label; // "route=/v1/analytics" or ""
    QList<QDateTime> times;
    QMap<QString, QList<double>> values; // column -> values, parallel to times
};

struct ParsedTimeseries
{
    QString evidenceId;
    QStringList columns;
    QList<ParsedSeries> series;
    QDateTime first;
    QDateTime last;
};

ParsedTimeseries parseTimeseries(const Evidence &evidence)
{
    ParsedTimeseries parsed;
    parsed.evidenceId = evidence.id;
    for (const QJsonValue &c : evidence.data.value("columns"_L1).toArray())
        parsed.columns.append(c.toString());
    const qsizetype tIndex = parsed.columns.indexOf(u"t"_s);
    if (tIndex < 0)
        return parsed;
    for (const QJsonValue &sv : evidence.data.value("series"_L1).toArray()) {
        const QJsonObject so = sv.toObject();
        ParsedSeries series;
        const QJsonObject labels = so.value("labels"_L1).toObject();
        QStringList parts;
        for (auto it = labels.begin(); it != labels.end(); ++it)
            parts.append(it.key() + u'=' + it.value().toString());
        series.label = parts.join(u", "_s);
        for (const QJsonValue &pv : so.value("points"_L1).toArray()) {
            const QJsonArray p = pv.toArray();
            const QDateTime t = fromIso(p.at(tIndex).toString());
            if (!t.isValid())
                continue;
            series.times.append(t);
            for (qsizetype c = 0; c < parsed.columns.size(); ++c) {
                if (c != tIndex)
                    series.values[parsed.columns.at(c)].append(p.at(c).toDouble());
            }
            if (!parsed.first.isValid() || t < parsed.first)
                parsed.first = t;
            if (!parsed.last.isValid() || t > parsed.last)
                parsed.last = t;
        }
        parsed.series.append(std::move(series));
    }
    return parsed;
}

TimelineSeries makeSeries(const QString &name, const ParsedSeries &s, const QString &column,
                          qint64 shiftMs = 0)
{
    TimelineSeries out;
    out.name = name;
    const QList<double> values = s.values.value(column);
    out.points.reserve(s.times.size());
    for (qsizetype i = 0; i < s.times.size() && i < values.size(); ++i)
        out.points.append(QPointF(timeX(s.times.at(i).addMSecs(shiftMs)), values.at(i)));
    return out;
}

double maxOf(const QList<double> &values)
{
    return values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
}

// The split that best separates the series into "before" and "after" levels, by the largest
// difference of means; none when the shift is small against the level before.
std::optional<qsizetype> changePointIndex(const QList<double> &values)
{
    const qsizetype n = values.size();
    if (n < 8)
        return std::nullopt;
    QList<double> prefix(n + 1, 0.0);
    for (qsizetype i = 0; i < n; ++i)
        prefix[i + 1] = prefix[i] + values.at(i);
    const qsizetype margin = std::max<qsizetype>(3, n / 50);
    double bestScore = 0.0;
    qsizetype best = -1;
    double bestBefore = 0.0;
    for (qsizetype k = margin; k <= n - margin; ++k) {
        const double before = prefix[k] / double(k);
        const double after = (prefix[n] - prefix[k]) / double(n - k);
        // Weighted so splits near the ends (few points on one side) score lower.
        const double score =
            std::abs(after - before) * std::sqrt(double(k) * double(n - k) / double(n));
        if (score > bestScore) {
            bestScore = score;
            best = k;
            bestBefore = before;
        }
    }
    if (best < 0)
        return std::nullopt;
    const double after = (prefix[n] - prefix[best]) / double(n - best);
    if (std::abs(after - bestBefore) < 0.3 * std::max(1.0, std::abs(bestBefore)))
        return std::nullopt;
    return best;
}

double relativeShift(const QList<double> &values, qsizetype k)
{
    double before = 0.0;
    double after = 0.0;
    for (qsizetype i = 0; i < values.size(); ++i)
        (i < k ? before : after) += values.at(i);
    before /= double(std::max<qsizetype>(1, k));
    after /= double(std::max<qsizetype>(1, values.size() - k));
    return std::abs(after - before) / std::max(1.0, std::abs(before));
}

QDateTime declaredChangePoint(const Investigation &inv, QString *label)
{
    // Analyzers may publish the change point they found in derived evidence.
    for (const Evidence &e : inv.evidence) {
        const QJsonValue cp = e.data.value("change_point"_L1);
        QDateTime t;
        if (cp.isString())
            t = fromIso(cp.toString());
        else if (cp.isObject())
            t = fromIso(cp.toObject().value("time"_L1).toString());
        if (t.isValid()) {
            *label = e.title;
            return t;
        }
    }
    return {};
}

// ---- Series and panels ----------------------------------------------------------------

struct Inputs
{
    QList<ParsedTimeseries> latency;  // columns include p95
    QList<ParsedTimeseries> requests; // columns include errors and n (gateway or webhooks)
    QList<ParsedTimeseries> meters;   // Stripe meter summaries (t, value)
    QList<const Evidence *> usage;    // token usage tables (day, prompt/completion tokens)
};

Inputs collectInputs(const Investigation &inv)
{
    Inputs in;
    for (const Evidence &e : inv.evidence) {
        if (e.kind == EvidenceKind::Table) {
            const QJsonArray columns = e.data.value("columns"_L1).toArray();
            if (columns.contains(u"day"_s) && columns.contains(u"prompt_tokens"_s))
                in.usage.append(&e);
            continue;
        }
        if (e.kind != EvidenceKind::TimeSeries)
            continue;
        ParsedTimeseries parsed = parseTimeseries(e);
        if (parsed.series.isEmpty() || !parsed.first.isValid())
            continue;
        if (parsed.columns.contains(u"p95"_s))
            in.latency.append(parsed);
        if (parsed.columns.contains(u"errors"_s) && parsed.columns.contains(u"n"_s))
            in.requests.append(parsed);
        if (e.connector == "stripe"_L1 && parsed.columns.contains(u"value"_s))
            in.meters.append(parsed);
    }
    return in;
}

bool before(const ParsedTimeseries &p, const TimelineData &data)
{
    return data.from.isValid() && p.last < data.from;
}

QString labelKey(const ParsedTimeseries &p)
{
    return p.series.isEmpty() ? QString() : p.series.first().label.section(u'=', 0, 0);
}

// Latency: p50/p95/p99 of the route whose p95 shifted most (p95 emphasised), up to four
// other routes' p95 dimmed, and the same window a day or a week earlier when it was fetched.
TimelinePanel latencyPanel(const QList<ParsedTimeseries> &latency, TimelineData &data,
                           std::optional<QDateTime> *change)
{
    TimelinePanel panel;
    const ParsedTimeseries *primary = nullptr;
    const ParsedTimeseries *comparison = nullptr;
    const ParsedSeries *worst = nullptr;
    std::optional<qsizetype> worstChange;
    double bestShift = 0.0;
    for (const ParsedTimeseries &p : latency) {
        if (before(p, data)) {
            if (!comparison)
                comparison = &p;
            continue;
        }
        for (const ParsedSeries &s : p.series) {
            const QList<double> p95 = s.values.value(u"p95"_s);
            const auto k = changePointIndex(p95);
            const double shift = k ? relativeShift(p95, *k) : 0.0;
            if (shift > bestShift) {
                bestShift = shift;
                primary = &p;
                worst = &s;
                worstChange = k;
            }
        }
        if (!primary)
            primary = &p;
    }
    if (!primary)
        return panel;
    if (!worst) {
        worst = &primary->series.first();
        for (const ParsedSeries &s : primary->series) {
            if (maxOf(s.values.value(u"p95"_s)) > maxOf(worst->values.value(u"p95"_s)))
                worst = &s;
        }
    }
    panel.evidenceId = primary->evidenceId;
    panel.unit = QObject::tr("ms");
    panel.title = worst->label.isEmpty() ? QObject::tr("Latency")
                                         : QObject::tr("Latency of %1").arg(worst->label);
    if (!data.from.isValid()) {
        data.from = primary->first;
        data.to = primary->last;
    }
    const QString suffix = worst->label.isEmpty() ? QString() : u' ' + worst->label;
    for (const QString &column : {u"p50"_s, u"p95"_s, u"p99"_s}) {
        if (primary->columns.contains(column)) {
            TimelineSeries series = makeSeries(column + suffix, *worst, column);
            series.emphasised = column == "p95"_L1;
            panel.series.append(series);
        }
    }
    int others = 0;
    for (const ParsedSeries &s : primary->series) {
        if (&s == worst || others >= 4)
            continue;
        TimelineSeries other = makeSeries(u"p95 "_s + s.label, s, u"p95"_s);
        other.context = true;
        panel.series.append(other);
        ++others;
    }
    if (comparison) {
        const qint64 day = 86400'000;
        const qint64 gap = comparison->last.msecsTo(primary->last);
        const qint64 shift = gap > 3 * day ? 7 * day : day;
        TimelineSeries s =
            makeSeries(shift == day ? u"p95 (a day earlier)"_s : u"p95 (a week earlier)"_s,
                       comparison->series.first(), u"p95"_s, shift);
        s.comparison = true;
        panel.series.append(s);
    }
    if (worstChange)
        *change = worst->times.at(*worstChange);
    return panel;
}

// Error rate in percent: one series per label (provider, model, route, endpoint) when the
// evidence is grouped, the one whose rate moved most emphasised; the total otherwise.
TimelinePanel errorRatePanel(const ParsedTimeseries &source, bool perLabel)
{
    TimelinePanel panel;
    panel.evidenceId = source.evidenceId;
    panel.unit = QObject::tr("%");
    panel.decimals = 1;
    const auto rateOf = [](const ParsedSeries &s, TimelineSeries &out, QList<double> *rates) {
        const QList<double> e = s.values.value(u"errors"_s);
        const QList<double> n = s.values.value(u"n"_s);
        for (qsizetype i = 0; i < s.times.size() && i < e.size() && i < n.size(); ++i) {
            const double pct = n.at(i) > 0 ? 100.0 * e.at(i) / n.at(i) : 0.0;
            out.points.append(QPointF(timeX(s.times.at(i)), pct));
            rates->append(pct);
        }
    };
    const QString key = labelKey(source);
    if (perLabel && source.series.size() > 1) {
        panel.title = QObject::tr("Error rate per %1").arg(key);
        double bestScore = -1.0;
        qsizetype best = -1;
        for (const ParsedSeries &s : source.series) {
            TimelineSeries series;
            series.name = s.label.section(u'=', 1);
            QList<double> rates;
            rateOf(s, series, &rates);
            const auto k = changePointIndex(rates);
            const double score = (k ? relativeShift(rates, *k) : 0.0) + maxOf(rates) / 100.0;
            if (score > bestScore) {
                bestScore = score;
                best = panel.series.size();
            }
            panel.series.append(series);
        }
        if (best >= 0)
            panel.series[best].emphasised = true;
        return panel;
    }
    panel.title = QObject::tr("Error rate");
    QMap<QDateTime, std::pair<double, double>> totals; // errors, n
    for (const ParsedSeries &s : source.series) {
        const QList<double> e = s.values.value(u"errors"_s);
        const QList<double> n = s.values.value(u"n"_s);
        for (qsizetype i = 0; i < s.times.size() && i < e.size() && i < n.size(); ++i) {
            auto &slot = totals[s.times.at(i)];
            slot.first += e.at(i);
            slot.second += n.at(i);
        }
    }
    TimelineSeries rate;
    rate.name = u"error rate"_s;
    rate.emphasised = true;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        const double pct =
            it.value().second > 0 ? 100.0 * it.value().first / it.value().second : 0.0;
        rate.points.append(QPointF(timeX(it.key()), pct));
    }
    panel.series.append(rate);
    return panel;
}

// Webhook failures (counts) per endpoint; the endpoint with the most failures emphasised.
TimelinePanel webhookPanel(const ParsedTimeseries &source)
{
    TimelinePanel panel;
    panel.evidenceId = source.evidenceId;
    panel.title = QObject::tr("Webhook failures per endpoint");
    panel.unit = QObject::tr("failures");
    double most = -1.0;
    for (const ParsedSeries &s : source.series) {
        TimelineSeries series = makeSeries(s.label.section(u'=', 1), s, u"errors"_s);
        if (series.name.isEmpty())
            series.name = QObject::tr("all endpoints");
        double sum = 0.0;
        for (const QPointF &p : series.points)
            sum += p.y();
        if (sum > most) {
            most = sum;
            for (TimelineSeries &other : panel.series)
                other.emphasised = false;
            series.emphasised = true;
        }
        panel.series.append(series);
    }
    return panel;
}

// Billing: tokens the gateway logged per day against what the meter billed.
TimelinePanel billingPanel(const Inputs &in)
{
    TimelinePanel panel;
    panel.title = QObject::tr("Tokens per day: logged vs metered");
    panel.unit = QObject::tr("tokens");
    for (const Evidence *e : in.usage) {
        QStringList columns;
        for (const QJsonValue &c : e->data.value("columns"_L1).toArray())
            columns.append(c.toString());
        const qsizetype day = columns.indexOf(u"day"_s);
        const qsizetype prompt = columns.indexOf(u"prompt_tokens"_s);
        const qsizetype completion = columns.indexOf(u"completion_tokens"_s);
        TimelineSeries logged;
        logged.name = QObject::tr("logged by the gateway");
        for (const QJsonValue &rv : e->data.value("rows"_L1).toArray()) {
            const QJsonArray row = rv.toArray();
            const QDateTime t = fromIso(row.at(day).toString() + u"T00:00:00Z"_s);
            if (t.isValid())
                logged.points.append(
                    QPointF(timeX(t), row.at(prompt).toDouble() +
                                          (completion >= 0 ? row.at(completion).toDouble() : 0.0)));
        }
        if (!logged.points.isEmpty()) {
            panel.evidenceId = e->id;
            panel.series.append(logged);
            break;
        }
    }
    for (const ParsedTimeseries &m : in.meters) {
        // The daily meter when there is one: it compares with the daily log.
        const qint64 step = m.series.first().times.size() > 1
                                ? m.series.first().times.at(0).secsTo(m.series.first().times.at(1))
                                : 0;
        if (step != 86400 && in.meters.size() > 1)
            continue;
        TimelineSeries metered =
            makeSeries(QObject::tr("metered by Stripe"), m.series.first(), u"value"_s);
        metered.emphasised = true;
        panel.series.append(metered);
        if (panel.evidenceId.isEmpty())
            panel.evidenceId = m.evidenceId;
        break;
    }
    return panel;
}

QList<TimelineMarker> collectMarkers(const Investigation &inv, const TimelineData &data)
{
    QList<TimelineMarker> markers;
    for (const Evidence &e : inv.evidence) {
        if (e.kind != EvidenceKind::Events)
            continue;
        for (const QJsonValue &ev : e.data.value("events"_L1).toArray()) {
            const QJsonObject o = ev.toObject();
            const QString type = o.value("type"_L1).toString();
            TimelineMarker m;
            if (type == "deploy"_L1)
                m.kind = TimelineMarker::Kind::Deploy;
            else if (type == "release"_L1)
                m.kind = TimelineMarker::Kind::Release;
            else if (type == "incident"_L1)
                m.kind = TimelineMarker::Kind::Incident;
            else if (type == "pagerduty"_L1)
                m.kind = TimelineMarker::Kind::Page;
            else
                continue; // issues are not moments on the timeline
            m.from = fromIso(o.value("time"_L1).toString());
            if (!m.from.isValid())
                continue;
            const bool band =
                m.kind == TimelineMarker::Kind::Incident || m.kind == TimelineMarker::Kind::Page;
            if (band) {
                m.to = fromIso(o.value("end"_L1).toString());
                if (!m.to.isValid())
                    m.to = data.to.isValid() ? data.to : m.from.addSecs(3600);
            }
            const QDateTime end = band ? m.to : m.from;
            if (data.from.isValid() && (end < data.from || m.from > data.to))
                continue;
            m.ref = o.value("ref"_L1).toString();
            m.title = o.value("title"_L1).toString();
            m.evidenceId = e.id;
            markers.append(m);
        }
    }
    return markers;
}

// The change with context: a third of the view before it, the rest after, at least two
// hours wide; nothing when that is most of the window anyway.
void chooseFocus(TimelineData &data)
{
    if (!data.changePoint.isValid() || !data.from.isValid() || !data.to.isValid())
        return;
    const qint64 span = data.from.secsTo(data.to);
    const qint64 width = std::max<qint64>(2 * 3600, span / 6);
    if (width * 10 >= span * 8)
        return;
    QDateTime from = data.changePoint.addSecs(-width / 3);
    QDateTime to = from.addSecs(width);
    if (from < data.from) {
        from = data.from;
        to = from.addSecs(width);
    }
    if (to > data.to) {
        to = data.to;
        from = to.addSecs(-width);
    }
    data.focusFrom = from;
    data.focusTo = to;
}

const ParsedTimeseries *requestSource(const Inputs &in, const TimelineData &data, bool webhooks)
{
    // Prefer a dedicated error series over the latency evidence's counts.
    const ParsedTimeseries *found = nullptr;
    for (const ParsedTimeseries &p : in.requests) {
        if (before(p, data) || (labelKey(p) == "endpoint"_L1) != webhooks)
            continue;
        if (!found || !p.columns.contains(u"p95"_s))
            found = &p;
        if (!p.columns.contains(u"p95"_s))
            break;
    }
    return found;
}

} // namespace

QString TimelineMarker::label() const
{
    const QString id = ref.section(u':', -1);
    switch (kind) {
    case Kind::Deploy:
        return QObject::tr("deploy #%1").arg(id);
    case Kind::Release:
        return QObject::tr("release %1").arg(id);
    case Kind::Incident:
        return QObject::tr("incident: %1").arg(title.isEmpty() ? id : title.left(40));
    case Kind::Page:
        return QObject::tr("page: %1").arg(title.isEmpty() ? id : title.left(40));
    }
    return id;
}

namespace {

// The zone the ticket names, if it names one other than UTC ("UTC+0" is UTC).
QTimeZone customerZone(const Investigation &inv)
{
    const std::optional<QTimeZone> zone = Reply::customerZoneFor(inv.ticket);
    if (!zone || !zone->isValid())
        return {};
    const QDateTime at = inv.window.isValid() ? inv.window.to : QDateTime::currentDateTimeUtc();
    if (zone->offsetFromUtc(at) == 0 && !QString::fromUtf8(zone->id()).contains(u'/'))
        return {};
    return *zone;
}

} // namespace

TimelineData buildTimelineData(const Investigation &inv)
{
    TimelineData data;
    data.from = inv.window.from;
    data.to = inv.window.to;
    const Inputs in = collectInputs(inv);
    const QString playbook = inv.playbook.name;

    std::optional<QDateTime> latencyChange;
    TimelinePanel latency = latencyPanel(in.latency, data, &latencyChange);
    const bool byLabel = playbook == "api-errors"_L1 || playbook == "provider-routing"_L1 ||
                         playbook == "fallback"_L1;
    TimelinePanel errors;
    if (const ParsedTimeseries *source = requestSource(in, data, false))
        errors = errorRatePanel(*source, byLabel);
    TimelinePanel webhooks;
    if (const ParsedTimeseries *source = requestSource(in, data, true))
        webhooks = webhookPanel(*source);
    TimelinePanel billing = billingPanel(in);

    // The playbook's own measure on top; latency and error rate otherwise.
    QList<TimelinePanel *> order;
    if (playbook == "token-billing"_L1)
        order = {&billing, &errors};
    else if (playbook == "webhook-failures"_L1)
        order = {&webhooks, &errors};
    else if (byLabel)
        order = {&errors, &latency};
    else
        order = {&latency, &errors};
    order << &latency << &errors << &webhooks << &billing;
    for (TimelinePanel *panel : std::as_const(order)) {
        if (panel->isEmpty())
            continue;
        if (data.primary.isEmpty())
            data.primary = std::move(*panel);
        else if (data.secondary.isEmpty())
            data.secondary = std::move(*panel);
        *panel = {};
    }
    if (!data.from.isValid()) {
        for (const TimelinePanel *panel : {&data.primary, &data.secondary}) {
            for (const TimelineSeries &s : panel->series) {
                if (s.points.isEmpty() || s.comparison)
                    continue;
                const QDateTime first = fromTimeX(s.points.first().x());
                const QDateTime last = fromTimeX(s.points.last().x());
                data.from = data.from.isValid() ? std::min(data.from, first) : first;
                data.to = data.to.isValid() ? std::max(data.to, last) : last;
            }
        }
    }

    QString label;
    data.changePoint = declaredChangePoint(inv, &label);
    data.changePointLabel = label;
    if (!data.changePoint.isValid() && latencyChange) {
        data.changePoint = *latencyChange;
        data.changePointLabel = u"p95 shift"_s;
    }
    data.markers = collectMarkers(inv, data);
    chooseFocus(data);
    data.customerZone = customerZone(inv);
    return data;
}

} // namespace Casefile
