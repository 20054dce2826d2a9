#include "ui/timelinedata.h"

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

} // namespace

double chartTimeX(const QDateTime &utc)
{
    // The axis shows x + offset(x); that must read as the UTC time: x = t - offset(x). The
    // offset at t is right except within an offset's width of a change; one more step settles
    // it there (inside a skipped local hour no x reads right, and the label is an hour off).
    const qint64 t = utc.toMSecsSinceEpoch();
    const qint64 guess = t - localOffsetMs(t);
    return double(t - localOffsetMs(guess));
}

QDateTime fromChartTimeX(double x)
{
    const qint64 shifted = qint64(std::llround(x));
    return QDateTime::fromMSecsSinceEpoch(shifted + localOffsetMs(shifted), QTimeZone::utc());
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
        out.points.append(QPointF(chartTimeX(s.times.at(i).addMSecs(shiftMs)), values.at(i)));
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

} // namespace

TimelineData buildTimelineData(const Investigation &inv)
{
    TimelineData data;
    data.from = inv.window.from;
    data.to = inv.window.to;

    QList<ParsedTimeseries> latency;
    QList<ParsedTimeseries> errors;
    for (const Evidence &e : inv.evidence) {
        if (e.kind != EvidenceKind::TimeSeries)
            continue;
        ParsedTimeseries parsed = parseTimeseries(e);
        if (parsed.series.isEmpty() || !parsed.first.isValid())
            continue;
        if (parsed.columns.contains(u"p95"_s))
            latency.append(parsed);
        if (parsed.columns.contains(u"errors"_s) && parsed.columns.contains(u"n"_s))
            errors.append(parsed);
    }

    // The primary latency evidence lies in the window; one that ends before the window starts
    // is the comparison (the same window a day or a week earlier). Among the series in the
    // window, the one whose p95 shifted most is what the customer feels; without any shift,
    // the highest p95 of the first evidence.
    const ParsedTimeseries *primary = nullptr;
    const ParsedTimeseries *comparison = nullptr;
    const ParsedSeries *worst = nullptr;
    std::optional<qsizetype> worstChange;
    double bestShift = 0.0;
    for (const ParsedTimeseries &p : std::as_const(latency)) {
        const bool before = data.from.isValid() && p.last < data.from;
        if (before) {
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
    if (primary && !worst) {
        worst = &primary->series.first();
        for (const ParsedSeries &s : primary->series) {
            if (maxOf(s.values.value(u"p95"_s)) > maxOf(worst->values.value(u"p95"_s)))
                worst = &s;
        }
    }
    if (primary) {
        data.latencyEvidenceId = primary->evidenceId;
        if (!data.from.isValid()) {
            data.from = primary->first;
            data.to = primary->last;
        }
        const QString suffix = worst->label.isEmpty() ? QString() : u' ' + worst->label;
        for (const QString &column : {u"p50"_s, u"p95"_s, u"p99"_s}) {
            if (primary->columns.contains(column))
                data.latency.append(makeSeries(column + suffix, *worst, column));
        }
        int others = 0;
        for (const ParsedSeries &s : primary->series) {
            if (&s == worst || others >= 4)
                continue;
            data.latency.append(makeSeries(u"p95 "_s + s.label, s, u"p95"_s));
            ++others;
        }
        if (comparison) {
            const qint64 day = 86400'000;
            const qint64 gap = comparison->last.msecsTo(primary->last);
            const qint64 shift = gap > 3 * day ? 7 * day : day;
            const ParsedSeries &cs = comparison->series.first();
            TimelineSeries s =
                makeSeries(shift == day ? u"p95 (a day earlier)"_s : u"p95 (a week earlier)"_s, cs,
                           u"p95"_s, shift);
            s.comparison = true;
            data.latency.append(s);
        }
        QString label;
        data.changePoint = declaredChangePoint(inv, &label);
        data.changePointLabel = label;
        if (!data.changePoint.isValid() && worstChange) {
            data.changePoint = worst->times.at(*worstChange);
            data.changePointLabel = u"p95 shift"_s;
        }
    }

    // Error rate: prefer a dedicated error series over the latency evidence's counts.
    const ParsedTimeseries *errorSource = nullptr;
    for (const ParsedTimeseries &p : std::as_const(errors)) {
        if (data.from.isValid() && p.last < data.from)
            continue;
        if (!errorSource || !p.columns.contains(u"p95"_s))
            errorSource = &p;
        if (!p.columns.contains(u"p95"_s))
            break;
    }
    if (errorSource) {
        data.errorEvidenceId = errorSource->evidenceId;
        QMap<QDateTime, std::pair<double, double>> totals; // errors, n
        for (const ParsedSeries &s : errorSource->series) {
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
        for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
            const double pct =
                it.value().second > 0 ? 100.0 * it.value().first / it.value().second : 0.0;
            rate.points.append(QPointF(chartTimeX(it.key()), pct));
        }
        data.errorRate.append(rate);
        if (!data.from.isValid() && !totals.isEmpty()) {
            data.from = totals.firstKey();
            data.to = totals.lastKey();
        }
    }

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
            data.markers.append(m);
        }
    }
    return data;
}

} // namespace Casefile
