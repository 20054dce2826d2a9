#include "core/analysis/changepoint.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/unchecked.h"
#include "core/engine/parameterbinder.h"

#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Casefile {
namespace Analysis {

namespace {

// What counts as a rise: latency at least 1.4 times its level and 80 ms above it; an error rate
// at least twice its level and two points above it.
constexpr double LatencyRiseFactor = 1.4;
constexpr double LatencyRiseMs = 80.0;
constexpr double ErrorRiseFactor = 2.0;
constexpr double ErrorRiseShare = 0.02;

bool latencyRose(double before, double after)
{
    return after >= LatencyRiseFactor * before && after - before >= LatencyRiseMs;
}

// The shift is found on the buckets' own shares, whose median is 0 while a quiet night's
// buckets hold a handful of requests each: an office-hours cycle then looks like a step from 0
// to the usual few percent. Weighted by requests, a real rise still stands out (half as much
// again and a point above the rate before it); a steady background rate does not.
constexpr double WeightedRiseFactor = 1.5;
constexpr double WeightedRiseShare = 0.01;

bool weightedRateRose(const QList<double> &counts, const QList<double> &errors, int start,
                      qint64 requestsAfter, qint64 errorsAfter)
{
    double n = 0;
    double e = 0;
    for (int i = 0; i < start; ++i) {
        n += counts.at(i);
        e += errors.at(i);
    }
    if (n <= 0 || requestsAfter <= 0)
        return true; // nothing before to compare with: the shift's own levels decide
    const double before = e / n;
    const double after = double(errorsAfter) / double(requestsAfter);
    return after >= WeightedRiseFactor * before && after - before >= WeightedRiseShare;
}

struct Split
{
    int index = -1; // absolute index of the first element of the right part
    double z = 0.0;
};

// The ranks of values[lo, hi) from 1, ties given the average of the ranks they share.
std::vector<double> averageRanks(const QList<double> &values, int lo, int hi)
{
    const int m = hi - lo;
    std::vector<int> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return values.at(lo + a) < values.at(lo + b); });
    std::vector<double> rank(static_cast<std::size_t>(m));
    for (int i = 0; i < m;) {
        int j = i;
        while (j + 1 < m &&
               values.at(lo + order[std::size_t(j + 1)]) == values.at(lo + order[std::size_t(i)]))
            ++j;
        const double r = (i + j) / 2.0 + 1.0;
        for (int k = i; k <= j; ++k)
            rank[std::size_t(order[std::size_t(k)])] = r;
        i = j + 1;
    }
    return rank;
}

// Pettitt's statistic over values[lo, hi): the split maximising |U_k - E[U_k]| / sd, with
// average ranks for ties. Ranks make one huge spike count as much as one slightly high value.
Split bestSplit(const QList<double> &values, int lo, int hi, int minLength)
{
    const int m = hi - lo;
    Split best;
    if (m < 2 * minLength)
        return best;
    const std::vector<double> rank = averageRanks(values, lo, hi);
    double rankSum = 0.0;
    for (int k = 1; k < m; ++k) {
        rankSum += rank[std::size_t(k - 1)];
        if (k < minLength || m - k < minLength)
            continue;
        const double left = k;
        const double right = m - k;
        const double u = rankSum - left * (left + 1) / 2.0; // pairs where left > right
        const double expected = left * right / 2.0;
        const double sd = std::sqrt(left * right * (m + 1) / 12.0);
        if (sd <= 0)
            continue;
        const double z = std::abs(u - expected) / sd;
        if (z > best.z) {
            best.z = z;
            best.index = lo + k;
        }
    }
    return best;
}

double medianOf(const QList<double> &values, int lo, int hi)
{
    return median(values.mid(lo, hi - lo));
}

bool bigEnough(double from, double to, double minRatio, double minAbsolute)
{
    const double lowLevel = std::min(from, to);
    const double highLevel = std::max(from, to);
    if (highLevel - lowLevel < minAbsolute)
        return false;
    return lowLevel <= 0 ? highLevel > 0 : highLevel / lowLevel >= minRatio;
}

// A short burst in a long series (twenty minutes in a day of minutes) barely moves the split
// over the whole of it: the best split over shorter stretches of [lo, hi) (halves, quarters...
// down to 40 points, each overlapping the next by half, as in wild binary segmentation on a
// fixed grid), with a stricter bar for the many looks.
Split localSplit(const QList<double> &values, int lo, int hi, int minLength)
{
    Split best;
    for (int len = (hi - lo) / 2; len >= std::max(8 * minLength, 40); len /= 2) {
        const int step = std::max(1, len / 2);
        for (int a = lo;; a += step) {
            const int from = std::min(a, hi - len); // the last stretch ends at hi
            const Split s = bestSplit(values, from, from + len, minLength);
            if (s.index >= 0 && s.z >= 5.0 && s.z > best.z)
                best = s;
            if (from + len >= hi)
                break;
        }
    }
    return best;
}

// A burst that ends again (twenty minutes of failures in a day and a half of two-minute
// buckets) is a bump, not a step: no single split sees it, and a stretch short enough for a split
// to see it holds too few points to clear the bar. The stretch [a, b) whose values rank above
// all the others' (a Mann-Whitney z of inside against outside, over the whole series) finds it;
// its edges join the splits. Bumps of minLength to 120 points and at most half the series (a
// longer rise is a step, which the splits see).
struct Bump
{
    int from = -1;
    int to = -1;
    double z = 0.0;
};

Bump bestBump(const QList<double> &values, int minLength)
{
    const int m = int(values.size());
    Bump best;
    if (m < 4 * minLength)
        return best;
    const std::vector<double> rank = averageRanks(values, 0, m);
    std::vector<double> prefix(static_cast<std::size_t>(m) + 1, 0.0); // sums of average ranks
    for (int k = 0; k < m; ++k)
        prefix[std::size_t(k) + 1] = prefix[std::size_t(k)] + rank[std::size_t(k)];
    const int longest = std::min(m / 2, 120);
    // the U statistic's mean and standard deviation depend on the stretch's length only
    std::vector<double> mean(std::size_t(longest) + 1, 0.0);
    std::vector<double> spread(std::size_t(longest) + 1, 1.0);
    for (int len = minLength; len <= longest; ++len) {
        const double inside = len;
        const double outside = m - inside;
        mean[std::size_t(len)] = inside * (inside + 1) / 2.0 + inside * outside / 2.0;
        spread[std::size_t(len)] = std::sqrt(inside * outside * (m + 1) / 12.0);
    }
    for (int a = 0; a < m; ++a) {
        for (int b = a + minLength; b <= m && b - a <= longest; ++b) {
            const std::size_t len = std::size_t(b - a);
            // (rank sum of the stretch, less the pairs within it: pairs where inside ranks higher)
            const double z =
                (prefix[std::size_t(b)] - prefix[std::size_t(a)] - mean[len]) / spread[len];
            if (z > best.z)
                best = {a, b, z};
        }
    }
    return best;
}

void segment(const QList<double> &values, int lo, int hi, int depth, int minLength,
             QList<Split> &splits)
{
    // every significant split is kept, whatever its size: a bump that recovers has its best
    // single split at one edge with equal medians on both sides, and is found one level down
    if (depth > 4)
        return;
    Split s = bestSplit(values, lo, hi, minLength);
    if (s.index < 0 || s.z < 4.0)
        s = localSplit(values, lo, hi, minLength);
    if (s.index < 0)
        return;
    splits.append(s);
    segment(values, lo, s.index, depth + 1, minLength, splits);
    segment(values, s.index, hi, depth + 1, minLength, splits);
}

} // namespace

namespace {

// The robust standard deviation of the (up to) 120 values before `start` around `centre`:
// 1.4826 × their median absolute deviation from it.
double spreadBefore(const QList<double> &values, int start, double centre)
{
    QList<double> deviations;
    for (int i = std::max(0, start - 120); i < start; ++i)
        deviations.append(std::abs(values.at(i) - centre));
    return 1.4826 * median(deviations);
}

} // namespace

double stepOverNoise(const QList<double> &values, const LevelShift &shift)
{
    if (!shift.found || shift.start <= 0 || shift.start > values.size())
        return 0;
    const double centre = medianOf(values, std::max(0, shift.start - 120), shift.start);
    const double spread = std::max(spreadBefore(values, shift.start, centre), 1e-9);
    return (shift.after - shift.before) / spread;
}

int firstBucketOfChange(const QList<double> &values, int start, double before, double after)
{
    // A change that begins inside a bucket, or ramps up over a few, shows part of the new level
    // in the buckets before the first one past the midpoint: the change began at the first
    // bucket that left the old level's noise band, not where the midpoint was crossed.
    if (start <= 0 || start > values.size() || after <= before)
        return start;
    const double spread = spreadBefore(values, start, before);
    const double threshold = before + std::max(3.0 * spread, 0.3 * (after - before));
    int first = start;
    while (first > 1 && start - first < 10 && values.at(first - 1) > threshold)
        --first;
    return first;
}

LevelShift detectUpwardShift(const QList<double> &values, double minRatio, double minAbsolute,
                             int minLength)
{
    LevelShift shift;
    const int n = int(values.size());
    if (minLength < 2)
        minLength = 2;
    if (n < 2 * minLength)
        return shift;
    QList<Split> splits;
    segment(values, 0, n, 0, minLength, splits);
    if (const Bump bump = bestBump(values, minLength); bump.z >= 5.0) {
        for (const int edge : {bump.from, bump.to}) {
            const bool known = std::any_of(splits.cbegin(), splits.cend(),
                                           [&](const Split &s) { return s.index == edge; });
            if (edge > 0 && edge < n && !known)
                splits.append({edge, bump.z});
        }
    }
    std::sort(splits.begin(), splits.end(),
              [](const Split &a, const Split &b) { return a.index < b.index; });
    if (splits.isEmpty())
        return shift;
    QList<int> bounds = {0};
    for (const Split &s : std::as_const(splits))
        bounds.append(s.index);
    bounds.append(n);
    for (int s = 1; s + 1 < bounds.size(); ++s) {
        int start = bounds.at(s);
        const double before = medianOf(values, 0, start);
        const double level = medianOf(values, start, bounds.at(s + 1));
        if (level <= before || !bigEnough(before, level, minRatio, minAbsolute))
            continue;
        // the shift lasts while later segments stay nearer the new level than the old one; the
        // last few buckets of a window (a minute still filling) are too few to show it ended
        int end = n;
        const double mid = before + (level - before) / 2.0;
        for (int e = s + 1; e + 1 < bounds.size() && n - bounds.at(e) >= minLength; ++e) {
            if (medianOf(values, bounds.at(e), bounds.at(e + 1)) < mid) {
                end = bounds.at(e);
                break;
            }
        }
        double after = medianOf(values, start, end);
        if (!bigEnough(before, after, minRatio, minAbsolute))
            continue;
        // a rank split on noisy data can land a few buckets off: move the start to the first
        // bucket from which the series stays at the new level
        {
            const double cut = (before + after) / 2.0;
            const auto mostlyAbove = [&](int from) {
                const int len = std::min(10, end - from);
                int above = 0;
                for (int i = from; i < from + len; ++i)
                    above += values.at(i) > cut ? 1 : 0;
                return len > 0 && above >= 0.7 * len;
            };
            int refined = start;
            for (int k = 0; k < 30 && refined + minLength < end; ++k) {
                if (values.at(refined) > cut && mostlyAbove(refined))
                    break;
                ++refined;
            }
            while (refined > 1 && start - refined < 30 && values.at(refined - 1) > cut &&
                   mostlyAbove(refined - 1))
                --refined;
            if (refined != start && refined > 0) {
                start = refined;
                after = medianOf(values, start, end);
            }
        }
        start = firstBucketOfChange(values, start, before, after);
        const double beforeRefined = medianOf(values, 0, start);
        const double half = (beforeRefined + after) / 2.0;
        int above = 0;
        for (int i = start; i < end; ++i)
            above += values.at(i) > half ? 1 : 0;
        const double sustained = double(above) / std::max(1, end - start);
        if (end - start < minLength || sustained < 0.6)
            continue;
        const double ratio = after / std::max(beforeRefined, 1e-9);
        if (shift.found && ratio <= shift.after / std::max(shift.before, 1e-9))
            continue;
        shift.found = true;
        shift.start = start;
        shift.end = end;
        shift.before = beforeRefined;
        shift.after = after;
        shift.sustained = sustained;
        shift.z = splits.at(s - 1).z;
    }
    return shift;
}

DailyComparison compareWithOtherDays(const QList<QDateTime> &times, const QList<double> &values,
                                     const LevelShift &shift, int minLength)
{
    DailyComparison out;
    if (!shift.found || shift.end <= shift.start || times.size() != values.size())
        return out;
    QHash<qint64, int> index;
    for (int i = 0; i < times.size(); ++i)
        index.insert(times.at(i).toSecsSinceEpoch(), i);
    // the other day that covers most of the shift's clock hours
    constexpr qint64 Day = 86400;
    qint64 bestOffset = 0;
    int bestCovered = 0;
    for (const qint64 offset : {-Day, Day, -2 * Day, 2 * Day}) {
        int covered = 0;
        for (int i = shift.start; i < shift.end; ++i)
            covered += index.contains(times.at(i).toSecsSinceEpoch() + offset) ? 1 : 0;
        if (covered > bestCovered) {
            bestCovered = covered;
            bestOffset = offset;
        }
    }
    // the series may hold only part of the other day's hours (a busy day ending at the ticket)
    const int span = shift.end - shift.start;
    if (bestCovered < std::max(2 * minLength, int(std::ceil(0.25 * span))))
        return out;
    QList<int> idx;
    QList<double> reference;
    QList<double> ratios;
    for (int i = shift.start; i < shift.end; ++i) {
        const auto j = index.constFind(times.at(i).toSecsSinceEpoch() + bestOffset);
        if (j == index.cend())
            continue;
        idx.append(i);
        reference.append(values.at(*j));
        ratios.append(values.at(*j) > 0 ? values.at(i) / values.at(*j) : 1.0);
    }
    out.compared = true;
    out.otherDay = times.at(shift.start).addSecs(bestOffset).date();
    const double usual = median(reference);
    out.usual = usual;
    out.repeats = usual >= shift.before + 0.75 * (shift.after - shift.before);
    if (!out.repeats)
        return out;
    // something on top of the cycle: a rise against that day's same hours
    const LevelShift s = detectUpwardShift(ratios, LatencyRiseFactor, 0.0, minLength);
    if (!s.found)
        return out;
    const double before = median(reference.mid(s.start, s.end - s.start));
    QList<double> raw;
    for (int k = s.start; k < s.end; ++k)
        raw.append(values.at(idx.at(k)));
    const double after = median(raw);
    if (!latencyRose(before, after))
        return out;
    out.onTop = s;
    out.onTop.start = idx.at(s.start);
    out.onTop.end = s.end < idx.size() ? idx.at(s.end) : shift.end;
    out.onTop.before = before;
    out.onTop.after = after;
    return out;
}

LevelShift shiftBeyondDailyCycle(const QList<QDateTime> &times, const QList<double> &values,
                                 int minLength, QDate *cycleDay)
{
    int from = 0;
    for (int round = 0; round < 4 && from < values.size(); ++round) {
        LevelShift s =
            detectUpwardShift(values.mid(from), LatencyRiseFactor, LatencyRiseMs, minLength);
        if (!s.found)
            return {};
        s.start += from;
        s.end += from;
        const DailyComparison daily = compareWithOtherDays(times, values, s, minLength);
        // against what those hours usually are, when the other day says so
        // (`cycleDay` names the day whose level `before` is, if it is one)
        if (daily.compared && !daily.repeats && daily.usual > 1.1 * s.before) {
            s.before = daily.usual;
            if (latencyRose(s.before, s.after)) {
                if (cycleDay)
                    *cycleDay = daily.otherDay;
                return s;
            }
        } else if (!daily.repeats) {
            if (cycleDay)
                *cycleDay = QDate();
            return s;
        }
        // the cycle: what those hours are every day
        if (cycleDay)
            *cycleDay = daily.otherDay;
        if (daily.onTop.found)
            return daily.onTop;
        from = s.end;
    }
    return {};
}

QString SeriesChange::key() const
{
    return QString::number(int(kind)) + u' ' + groupRef + u' ' + at.toString(Qt::ISODate);
}

double SeriesChange::ratio() const
{
    const double floor = kind == MetricKind::Latency ? 1.0 : 0.001;
    return after / std::max(before, floor);
}

QString SeriesChange::metricName() const
{
    switch (kind) {
    case MetricKind::Latency:
        if (firstToken)
            return median ? u"median time to first token"_s : u"p95 time to first token"_s;
        return median ? u"median latency"_s : u"p95 latency"_s;
    case MetricKind::ErrorRate:
        return u"error rate"_s;
    case MetricKind::WebhookErrors:
        return u"webhook failure rate"_s;
    }
    return {};
}

QString SeriesChange::formatValue(double v) const
{
    return kind == MetricKind::Latency ? formatMs(v) : formatShare(v);
}

QString SeriesChange::describe(const QDateTime &reference) const
{
    const QString where = groupRef.isEmpty() ? u"across all traffic"_s : u"on "_s + group;
    if (!changed && cycleDay.isValid())
        return metricName() + u' ' + where + u" rose at the same hours on "_s +
               cycleDay.toString(Qt::ISODate) +
               u" as in the window: the daily cycle, no change (about "_s + formatValue(level) +
               u" overall)"_s;
    if (!changed)
        return metricName() + u' ' + where + u" stayed flat at about "_s + formatValue(level);
    QString s = metricName() + u' ' + where + u" rose from "_s + formatValue(before) +
                (cycleDay.isValid() ? u" (its level at the same hours on "_s +
                                          cycleDay.toString(Qt::ISODate) + u')'
                                    : QString()) +
                u" to "_s + formatValue(after) + u" at "_s + clock(at, reference);
    if (end.isValid())
        s += u" and returned to normal at "_s + clock(end, reference);
    return s;
}

PhraseArg SeriesChange::metricTerm() const
{
    switch (kind) {
    case MetricKind::Latency:
        if (firstToken)
            return Say::term(u"metric"_s,
                             median ? u"metric.median_first_token"_s : u"metric.p95_first_token"_s);
        return Say::term(u"metric"_s,
                         median ? u"metric.median_latency"_s : u"metric.p95_latency"_s);
    case MetricKind::ErrorRate:
        return Say::term(u"metric"_s, u"metric.error_rate"_s);
    case MetricKind::WebhookErrors:
        return Say::term(u"metric"_s, u"metric.webhook_failure_rate"_s);
    }
    return {};
}

PhraseArg SeriesChange::value(const QString &name, double v) const
{
    return kind == MetricKind::Latency ? Say::millis(name, v) : Say::share(name, v);
}

PhraseArg SeriesChange::groupNames() const
{
    QStringList values;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        values.append(it.value().toString());
    return Say::names(u"group"_s, values);
}

QList<Phrase> SeriesChange::phrases() const
{
    const bool all = groupRef.isEmpty();
    if (!changed) {
        if (all)
            return {{u"change.flat_all"_s, {metricTerm(), value(u"level"_s, level)}}};
        return {{u"change.flat_on"_s, {metricTerm(), groupNames(), value(u"level"_s, level)}}};
    }
    QList<PhraseArg> args{metricTerm(), value(u"before"_s, before), value(u"after"_s, after),
                          Say::time(u"at"_s, at)};
    if (!all)
        args.append(groupNames());
    QList<Phrase> out{{all ? u"change.rose_all"_s : u"change.rose_on"_s, args}};
    if (end.isValid())
        out.append({u"change.recovered"_s, {Say::time(u"at"_s, end)}});
    return out;
}

Phrase SeriesChange::cyclePhrase(const QDateTime &reference) const
{
    const bool all = groupRef.isEmpty();
    const bool yesterday = cycleDay.daysTo(reference.toUTC().date()) == 1;
    Phrase p{u"change.cycle_"_s + (yesterday ? u"yesterday_"_s : QString()) +
                 (all ? u"all"_s : u"on"_s),
             {metricTerm(), value(u"level"_s, level)}};
    if (!all)
        p.args.append(groupNames());
    if (!yesterday)
        p.args.append(Say::date(u"day"_s, cycleDay.startOfDay(QTimeZone::utc())));
    return p;
}

QList<const SeriesChange *> ChangeReport::changed() const
{
    QList<const SeriesChange *> out;
    for (const SeriesChange &c : series) {
        if (c.changed)
            out.append(&c);
    }
    return out;
}

QList<const SeriesChange *> ChangeReport::flat(MetricKind kind) const
{
    QList<const SeriesChange *> out;
    for (const SeriesChange &c : series) {
        if (!c.changed && c.kind == kind && !c.firstToken)
            out.append(&c);
    }
    return out;
}

namespace {

// One series' values from index `from` on, as the change detection reads them.
struct SeriesValues
{
    QList<QDateTime> times;
    QList<double> values; // p95, or the share of failed requests
    QList<double> medians;
    QList<double> counts;
    QList<double> errors;
    bool hasMedian = false;
    qsizetype size() const { return values.size(); }
};

SeriesValues valuesOf(const Series &series, MetricKind kind, int from)
{
    SeriesValues v;
    v.hasMedian = kind == MetricKind::Latency && series.columns.contains(u"p50"_s);
    for (int i = from; i < series.size(); ++i) {
        const double n = series.value(i, u"n", 0);
        const double e = series.value(i, u"errors", 0);
        v.times.append(series.times.at(i));
        v.counts.append(n);
        v.errors.append(e);
        if (kind == MetricKind::Latency) {
            v.values.append(series.value(i, u"p95", 0));
            v.medians.append(series.value(i, u"p50", 0));
        } else
            v.values.append(n > 0 ? e / n : 0.0);
    }
    return v;
}

// The first sustained shift of `v` filled into `change` (its labels already set); `endIndex`,
// when given, receives the index (in `v`) of the first value back at the old level. With
// `clearest`, a latency shift seen at the same time in p95 and p50 is read on the one that stands
// out more from its noise (to time it, not to describe it).
void fillChange(const SeriesValues &v, MetricKind kind, SeriesChange &change, int *endIndex,
                bool clearest = false)
{
    const int minLength = v.size() >= 60 ? 5 : 3;
    // latency: the same hours of the other days are the baseline (a daily cycle is not a
    // change)
    LevelShift shift =
        kind == MetricKind::Latency
            ? shiftBeyondDailyCycle(v.times, v.values, minLength, &change.cycleDay)
            : detectUpwardShift(v.values, ErrorRiseFactor, ErrorRiseShare, minLength);
    // a fixed overhead added to every request shows in the median before the tail; and
    // when both move, the one whose step stands out more clearly from its noise times it (a
    // sparse route's per-minute p95 swings with a single slow request, its median does not)
    if (v.hasMedian) {
        QDate medianCycleDay;
        const LevelShift byMedian =
            shiftBeyondDailyCycle(v.times, v.medians, minLength, &medianCycleDay);
        if (byMedian.found && (!shift.found || ((byMedian.start != shift.start || clearest) &&
                                                stepOverNoise(v.medians, byMedian) >
                                                    stepOverNoise(v.values, shift)))) {
            shift = byMedian;
            change.cycleDay = medianCycleDay;
            change.median = true;
        }
    }
    if (!shift.found)
        return;
    qint64 n = 0;
    qint64 e = 0;
    for (int i = shift.start; i < shift.end; ++i) {
        n += qint64(v.counts.at(i));
        e += qint64(v.errors.at(i));
    }
    // a few failed requests in a quiet hour are not an incident
    bool enough = kind == MetricKind::Latency || e >= 5;
    if (enough && kind != MetricKind::Latency)
        enough = weightedRateRose(v.counts, v.errors, shift.start, n, e);
    if (!enough)
        return;
    change.changed = true;
    change.at = v.times.at(shift.start);
    change.end = shift.end < v.size() ? v.times.at(shift.end) : QDateTime();
    change.before = shift.before;
    change.after = shift.after;
    change.requestsAfter = n;
    change.errorsAfter = e;
    if (kind != MetricKind::Latency) {
        // request-weighted rates read better than a median of per-bucket shares
        qint64 nb = 0;
        qint64 eb = 0;
        for (int i = 0; i < shift.start; ++i) {
            nb += qint64(v.counts.at(i));
            eb += qint64(v.errors.at(i));
        }
        change.before = nb > 0 ? double(eb) / double(nb) : shift.before;
        change.after = n > 0 ? double(e) / double(n) : shift.after;
    }
    change.confidence =
        std::clamp(0.55 + 0.04 * (shift.z - 4.0), 0.55, 0.95) * (0.7 + 0.3 * shift.sustained);
    change.clarity = stepOverNoise(change.median ? v.medians : v.values, shift);
    if (endIndex)
        *endIndex = shift.end;
}

// The series a change detection reads: those of the change report, or those per config alone.
enum class Groups { Report, Configs };

// The change of each series of `evidence`. When a series' change was over before the time the
// customer says theirs began (`reported`), it is another episode (last night's incident beside
// this morning's slowness): the series after it is read again for a change of its own.
void analyseSeries(const Evidence &evidence, MetricKind kind, QList<SeriesChange> &out,
                   const QDateTime &reported, bool firstToken = false,
                   Groups groups = Groups::Report)
{
    for (const Series &series : seriesOf(evidence)) {
        // series per organisation are the org comparison's (every org's traffic), not changes
        // of this org's own traffic; series per client SDK version are read by sdk_errors, and
        // those and the series per config by latency_scope (and by configChanges)
        const bool perConfig = series.labels.contains(u"config_id"_s);
        if (series.size() == 0 || series.labels.contains(u"org"_s) ||
            series.labels.contains(u"sdk"_s) || perConfig != (groups == Groups::Configs))
            continue;
        if (kind == MetricKind::Latency && !series.columns.contains(u"p95"_s))
            continue;
        const SeriesValues all = valuesOf(series, kind, 0);
        SeriesChange change;
        change.kind = kind;
        change.firstToken = firstToken;
        change.evidenceId = evidence.id;
        change.labels = series.labels;
        change.group = describeLabels(series.labels);
        change.groupRef = refForLabels(series.labels);
        change.points = int(series.size());
        change.level = median(all.values);
        if (kind != MetricKind::Latency) {
            const double total = std::accumulate(all.counts.cbegin(), all.counts.cend(), 0.0);
            const double failed = std::accumulate(all.errors.cbegin(), all.errors.cend(), 0.0);
            change.level = total > 0 ? failed / total : 0.0;
        }
        const SeriesChange unchanged = change;
        int end = 0;
        fillChange(all, kind, change, &end, groups == Groups::Configs);
        out.append(change);
        if (change.overBefore(reported)) {
            SeriesChange later = unchanged;
            fillChange(valuesOf(series, kind, end), kind, later, nullptr);
            if (later.changed)
                out.append(later);
        }
    }
}

MetricKind preferredKind(const QString &playbook)
{
    if (playbook == u"latency-spike")
        return MetricKind::Latency;
    if (playbook == u"webhook-failures")
        return MetricKind::WebhookErrors;
    return MetricKind::ErrorRate;
}

bool isFirstToken(const Evidence &e)
{
    return e.data.value(u"component"_s).toString() == u"first_token"_s;
}

} // namespace

FirstTokenVerdict judgeFirstToken(const SeriesChange &change, const QList<QDateTime> &times,
                                  const QList<double> &firstTokenP50)
{
    FirstTokenVerdict v;
    if (!change.changed || change.kind != MetricKind::Latency || !change.at.isValid())
        return v;
    QList<double> before;
    QList<double> after;
    for (int i = 0; i < times.size() && i < firstTokenP50.size(); ++i) {
        if (firstTokenP50.at(i) <= 0)
            continue;
        if (times.at(i) < change.at)
            before.append(firstTokenP50.at(i));
        else if (!change.end.isValid() || times.at(i) < change.end)
            after.append(firstTokenP50.at(i));
    }
    if (before.size() < 3 || after.size() < 3)
        return v;
    v.compared = true;
    v.before = median(before);
    v.after = median(after);
    v.flat = v.after < 1.25 * v.before || v.after - v.before < 80.0;
    return v;
}

namespace {

// The first-token series of the same group as a change (its route, provider or model), else
// the one of all traffic.
const Series *firstTokenSeriesFor(const SeriesChange &change, const QList<Series> &series)
{
    const Series *all = nullptr;
    for (const Series &s : series) {
        if (s.labels == change.labels)
            return &s;
        if (s.labels.isEmpty())
            all = &s;
    }
    return all;
}

// The failures a change of the error rate added: those after its onset beyond its old rate.
double excessFailures(const SeriesChange &c)
{
    return std::max(0.0, double(c.errorsAfter) - c.before * double(c.requestsAfter));
}

// Two rises of the error rate that began apart (two things failed, not one seen in two series)
// and are alike in strength (neither ratio twice the other): the one that failed more requests
// is the customer's larger problem, whichever rose by the larger factor.
bool separateFailureEpisodes(const SeriesChange &a, const SeriesChange &b)
{
    constexpr qint64 Apart = 30 * 60;
    constexpr double Alike = 2.0;
    if (a.kind != MetricKind::ErrorRate || b.kind != MetricKind::ErrorRate || !a.at.isValid() ||
        !b.at.isValid() || std::abs(a.at.secsTo(b.at)) < Apart)
        return false;
    const double ra = a.ratio();
    const double rb = b.ratio();
    return ra > 0 && rb > 0 && std::max(ra, rb) < Alike * std::min(ra, rb);
}

// Every change of `input`'s organisation series, those per config alone or all others.
void analyseAll(const AnalysisInput &input, QList<SeriesChange> &out, Groups groups)
{
    const QDateTime reported = input.params.anchor;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"latency_series")) {
        if (isFirstToken(*f.evidence)) {
            analyseSeries(*f.evidence, MetricKind::Latency, out, reported, true, groups);
            continue;
        }
        analyseSeries(*f.evidence, MetricKind::Latency, out, reported, false, groups);
        analyseSeries(*f.evidence, MetricKind::ErrorRate, out, reported, false, groups);
    }
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"error_series"))
        analyseSeries(*f.evidence, MetricKind::ErrorRate, out, reported, false, groups);
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"webhook_series"))
        analyseSeries(*f.evidence, MetricKind::WebhookErrors, out, reported, false, groups);
}

// Fills `report` in place: `primary` points into its own series.
void detectInto(const AnalysisInput &input, ChangeReport &report)
{
    const QDateTime reported = input.params.anchor;
    analyseAll(input, report.series, Groups::Report);

    // the same change seen in two evidences (by route and by provider) is one change; the
    // primary is the strongest of the preferred kind
    const MetricKind preferred = preferredKind(input.playbook);
    // the first token counts when the total did not move, or when streaming is the complaint
    bool totalRose = false;
    for (const SeriesChange &c : report.series)
        totalRose = totalRose || (c.changed && c.kind == MetricKind::Latency && !c.firstToken);
    const bool streaming = complainsOfStreaming(input.ticket);
    const auto better = [streaming](const SeriesChange *a, const SeriesChange *b) {
        if (streaming && a->firstToken != b->firstToken)
            return a->firstToken;
        if (a->groupRef.isEmpty() != b->groupRef.isEmpty())
            return !a->groupRef.isEmpty(); // a named group says more than "all traffic"
        if (separateFailureEpisodes(*a, *b))
            return excessFailures(*a) > excessFailures(*b);
        return a->ratio() > b->ratio();
    };
    for (int pass = 0; pass < 2 && !report.primary; ++pass) {
        for (const SeriesChange &c : report.series) {
            if (!c.changed || (pass == 0 && c.kind != preferred) ||
                (c.firstToken && totalRose && !streaming))
                continue;
            if (!report.primary || better(&c, report.primary))
                report.primary = &c;
        }
    }
    // the customer's problem goes on from the time they give: a change over before then is
    // another episode, and one that began at that time and lasts past it is theirs
    if (!report.primary || !report.primary->overBefore(reported))
        return;
    const SeriesChange *theirs = nullptr;
    for (const SeriesChange &c : report.series) {
        if (!c.changed || c.kind != report.primary->kind ||
            (c.firstToken && totalRose && !streaming) ||
            std::abs(reported.secsTo(c.at)) > ParameterBinder::TimeAgreesSecs ||
            c.overBefore(reported))
            continue;
        if (!theirs || better(&c, theirs))
            theirs = &c;
    }
    if (theirs)
        report.primary = theirs;
}

} // namespace

ChangeReport detectChanges(const AnalysisInput &input)
{
    ChangeReport report;
    detectInto(input, report);
    return report;
}

QList<SeriesChange> configChanges(const AnalysisInput &input)
{
    QList<SeriesChange> all;
    analyseAll(input, all, Groups::Configs);
    all.removeIf([](const SeriesChange &c) { return !c.changed; });
    return all;
}

QDateTime onsetBeforeWindow(const Evidence &evidence, MetricKind kind, const QDateTime &windowFrom)
{
    QDateTime earliest;
    for (const Series &series : seriesOf(evidence)) {
        if (series.size() == 0 || series.labels.contains(u"org"_s) ||
            series.labels.contains(u"sdk"_s))
            continue;
        if (kind == MetricKind::Latency && !series.columns.contains(u"p95"_s))
            continue;
        QList<double> values;
        QHash<qint64, int> index;
        for (int i = 0; i < series.size(); ++i) {
            const double n = series.value(i, u"n", 0);
            values.append(kind == MetricKind::Latency ? series.value(i, u"p95", 0)
                          : n > 0                     ? series.value(i, u"errors", 0) / n
                                                      : 0.0);
            index.insert(series.times.at(i).toSecsSinceEpoch(), i);
        }
        // the level when the window opens (its first three hours) and the usual one before
        QList<double> opening;
        QList<double> before;
        int first = -1; // the first bucket of the window
        for (int i = 0; i < series.size(); ++i) {
            const QDateTime &t = series.times.at(i);
            if (t < windowFrom) {
                before.append(values.at(i));
            } else if (t < windowFrom.addSecs(3 * 3600)) {
                opening.append(values.at(i));
                if (first < 0)
                    first = i;
            }
        }
        if (first <= 0 || opening.isEmpty() || before.size() < 3)
            continue;
        std::sort(before.begin(), before.end());
        const double usual = before.at(before.size() / 4);
        const double level = median(opening);
        const bool stands = kind == MetricKind::Latency ? latencyRose(usual, level)
                                                        : level >= ErrorRiseFactor * usual &&
                                                              level - usual >= ErrorRiseShare;
        if (!stands)
            continue;
        const double mid = (usual + level) / 2.0;
        int start = first;
        while (start > 0 && values.at(start - 1) > mid)
            --start;
        if (start < 2 || start == first)
            continue; // no baseline before it, or it began in the window itself
        if (kind == MetricKind::Latency) {
            // the same hours the day before as high: the daily cycle, not a change
            const auto dayBefore =
                index.constFind(series.times.at(start).toSecsSinceEpoch() - 86400);
            if (dayBefore != index.cend() && values.at(*dayBefore) > mid)
                continue;
        }
        const QDateTime at = series.times.at(start);
        if (!earliest.isValid() || at < earliest)
            earliest = at;
    }
    return earliest;
}

QDateTime refineOnset(const SeriesChange &change, const Series &fine, int coarseBucketSeconds)
{
    if (!change.changed || !change.at.isValid() || change.after <= change.before ||
        fine.size() == 0)
        return {};
    const bool latency = change.kind == MetricKind::Latency;
    const QString column = !latency ? QString() : change.median ? u"p50"_s : u"p95"_s;
    if (latency && !fine.columns.contains(column))
        return {};
    const double band = change.before + 0.3 * (change.after - change.before);
    const double mid = (change.before + change.after) / 2.0;
    const QDateTime from = change.at.addSecs(-coarseBucketSeconds);
    const QDateTime to = change.at.addSecs(2 * qint64(coarseBucketSeconds));
    // the level of the fine buckets [i, i + count): their failures over their requests, or
    // their median latency
    const auto level = [&](int i, int count) {
        const int end = std::min(fine.size(), i + count);
        if (latency) {
            QList<double> values;
            for (int k = i; k < end; ++k)
                values.append(fine.value(k, column, 0));
            return median(values);
        }
        double requests = 0;
        double failed = 0;
        for (int k = i; k < end; ++k) {
            requests += fine.value(k, u"n", 0);
            failed += fine.value(k, u"errors", 0);
        }
        return requests > 0 ? failed / requests : 0.0;
    };
    for (int i = 0; i < fine.size(); ++i) {
        const QDateTime &t = fine.times.at(i);
        if (t < from || t >= to)
            continue;
        const bool failed = latency || fine.value(i, u"errors", 0) >= 1;
        // it left the old level and stays out of it: the next bucket too, the next five
        // together past the midpoint. A latency minute must itself be nearer the new level than
        // the old: one slow request lifts a quiet minute's p95 a third of the way, and a change
        // that begins inside the minute lifts its p95 most of the way.
        const double first = latency ? mid : band;
        if (failed && level(i, 1) > first && level(i, 2) > band && level(i, 5) >= mid)
            return t;
    }
    return {};
}

std::shared_ptr<const ChangeReport> withOnset(const ChangeReport &report, qsizetype series,
                                              const QDateTime &at)
{
    auto copy = std::make_shared<ChangeReport>();
    copy->series = report.series;
    if (series >= 0 && series < copy->series.size())
        copy->series[series].at = at;
    if (report.primary)
        copy->primary = &copy->series.at(report.primary - report.series.constData());
    return copy;
}

bool complainsOfStreaming(const Ticket &ticket)
{
    // the words of streamed responses: streaming and its first token, by language
    static const QRegularExpression words(
        u"\\bstream|\\bttft\\b|first[ -]tokens?\\b|time to first|primer token|primeiro token|"
        u"ersten? tokens?\\b|premier token|ストリーミング|最初のトークン|ファーストトークン"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    const QString text = QString(ticket.subject + u'\n' + ticket.description).left(20000);
    return words.match(text).hasMatch();
}

std::shared_ptr<const ChangeReport> changeReport(const AnalysisInput &input)
{
    if (input.changes)
        return input.changes;
    auto report = std::make_shared<ChangeReport>();
    detectInto(input, *report);
    return report;
}

AnalysisInput withChanges(AnalysisInput input)
{
    input.changes = changeReport(input);
    return input;
}

QList<VolumeChange> detectVolumeChanges(const AnalysisInput &input, QStringView groupKey)
{
    QList<VolumeChange> out;
    QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"error_series");
    found.append(findEvidence(input, u"clickhouse", u"latency_series"));
    for (const FoundEvidence &f : std::as_const(found)) {
        for (const Series &series : seriesOf(*f.evidence)) {
            const QString group = series.labels.value(groupKey.toString()).toString();
            if (group.isEmpty() || series.size() < 10)
                continue;
            QList<double> n;
            for (int i = 0; i < series.size(); ++i)
                n.append(series.value(i, u"n", 0));
            const LevelShift shift = detectUpwardShift(n, 2.0, 5.0, 5);
            if (!shift.found)
                continue;
            VolumeChange v;
            v.group = group;
            v.ref = groupKey.toString() + u':' + group;
            v.at = series.times.at(shift.start);
            v.before = shift.before;
            v.after = shift.after;
            v.evidenceId = f.evidence->id;
            out.append(v);
        }
    }
    std::sort(out.begin(), out.end(), [](const VolumeChange &a, const VolumeChange &b) {
        return a.after / std::max(1.0, a.before) > b.after / std::max(1.0, b.before);
    });
    return out;
}

QList<VolumeChange> volumeRisesWithin(const AnalysisInput &input, QStringView groupKey,
                                      const QDateTime &from, const QDateTime &to, double minRatio)
{
    QList<VolumeChange> out;
    if (!from.isValid() || !to.isValid() || to < from)
        return out;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"error_series")) {
        for (const Series &series : seriesOf(*f.evidence)) {
            const QString group = series.labels.value(groupKey.toString()).toString();
            if (group.isEmpty())
                continue;
            QList<double> before;
            QList<double> within;
            QDateTime start;
            for (int i = 0; i < series.size(); ++i) {
                const QDateTime &t = series.times.at(i);
                const double n = series.value(i, u"n", 0);
                if (t < from.addSecs(-60)) {
                    before.append(n);
                } else if (t <= to) {
                    within.append(n);
                    if (!start.isValid())
                        start = t;
                }
            }
            // enough buckets on both sides to call it a level, not a spike
            if (before.size() < 10 || within.size() < 3)
                continue;
            const double was = median(before);
            const double now = median(within);
            if (!bigEnough(was, now, minRatio, 5.0) || now <= was)
                continue;
            VolumeChange v;
            v.group = group;
            v.ref = groupKey.toString() + u':' + group;
            v.at = start;
            v.before = was;
            v.after = now;
            v.evidenceId = f.evidence->id;
            out.append(v);
        }
    }
    std::sort(out.begin(), out.end(), [](const VolumeChange &a, const VolumeChange &b) {
        return a.after / std::max(1.0, a.before) > b.after / std::max(1.0, b.before);
    });
    return out;
}

} // namespace Analysis

AnalyzerOutput analyzeChangePoints(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const auto changes = changeReport(input);
    const ChangeReport &report = *changes;
    const QDateTime ref = input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    // with nothing changed, the finding that says so gives each series' daily cycle itself
    const bool nothingChanged = report.changed().isEmpty();
    for (const SeriesChange &c : report.series) {
        if (!c.changed && c.cycleDay.isValid() && !nothingChanged) {
            // a rise every day at the same hours: a baseline, said once per series
            Finding f;
            f.summary = c.describe(ref);
            f.summary[0] = f.summary.at(0).toUpper();
            f.phrases = {c.cyclePhrase(ref)};
            f.evidenceIds.append(c.evidenceId);
            f.confidence = 0.6;
            out.findings.append(f);
        }
        if (!c.changed)
            continue;
        Finding f;
        f.summary = c.describe(ref);
        f.summary[0] = f.summary.at(0).toUpper();
        f.phrases = c.phrases();
        if (!c.groupRef.isEmpty())
            f.refs.append(c.groupRef);
        f.evidenceIds.append(c.evidenceId);
        f.confidence = c.confidence;
        out.findings.append(f);
    }
    // streamed responses: did the first token come later too, or only the end of the answer?
    QList<Series> firstToken;
    QStringList firstTokenEvidence;
    for (const FoundEvidence &e : findEvidence(input, u"clickhouse", u"latency_series")) {
        if (!isFirstToken(*e.evidence))
            continue;
        for (const Series &s : seriesOf(*e.evidence)) {
            firstToken.append(s);
            firstTokenEvidence.append(e.evidence->id);
        }
    }
    for (const SeriesChange &c : report.series) {
        if (!c.changed || c.kind != MetricKind::Latency || c.median || c.firstToken)
            continue;
        const Series *s = firstTokenSeriesFor(c, firstToken);
        if (!s)
            continue;
        QList<double> p50;
        for (int i = 0; i < s->size(); ++i)
            p50.append(s->value(i, u"p50", 0));
        const FirstTokenVerdict v = judgeFirstToken(c, s->times, p50);
        if (!v.compared)
            continue;
        const QString where = c.groupRef.isEmpty() ? u"across all traffic"_s : u"on "_s + c.group;
        Finding f;
        if (v.flat)
            f.summary = u"Time to first token "_s + where + u" stayed at about "_s +
                        formatMs(v.before) + u" ("_s + formatMs(v.after) + u" after "_s +
                        clock(c.at, ref) + u") while the p95 latency rose from "_s +
                        formatMs(c.before) + u" to "_s + formatMs(c.after) +
                        u": the responses start as fast as before and take longer to finish, "
                        u"i.e. longer completions, not slower responses"_s;
        else
            f.summary = u"Time to first token "_s + where + u" rose too, from "_s +
                        formatMs(v.before) + u" to "_s + formatMs(v.after) + u" at "_s +
                        clock(c.at, ref) +
                        u": the responses start later, not only the answers are longer"_s;
        if (!c.groupRef.isEmpty())
            f.refs.append(c.groupRef);
        f.evidenceIds = {c.evidenceId, firstTokenEvidence.at(int(s - firstToken.constData()))};
        f.confidence = 0.75;
        out.findings.append(f);
    }
    // the groups that did not move tell the scope: say so once per kind
    for (MetricKind kind :
         {MetricKind::Latency, MetricKind::ErrorRate, MetricKind::WebhookErrors}) {
        bool anyChanged = false;
        for (const SeriesChange &c : report.series)
            anyChanged = anyChanged || (c.changed && c.kind == kind);
        const auto flat = report.flat(kind);
        if (!anyChanged || flat.isEmpty())
            continue;
        QStringList names;
        QStringList evidence;
        for (const SeriesChange *c : flat) {
            if (c->groupRef.isEmpty())
                continue;
            appendUnique(names, c->group + u" ("_s + c->formatValue(c->level) + u')');
            appendUnique(evidence, c->evidenceId);
        }
        if (names.isEmpty())
            continue;
        Finding f;
        f.summary =
            u"Unchanged "_s + flat.first()->metricName() + u": "_s + names.mid(0, 6).join(u", "_s);
        for (const SeriesChange *c : flat) {
            if (!c->groupRef.isEmpty() && f.phrases.size() < 6)
                f.phrases.append(c->phrases());
        }
        f.evidenceIds = evidence;
        f.confidence = 0.6;
        out.findings.append(f);
    }
    // nothing moved: say what was checked, with the numbers
    if (report.changed().isEmpty()) {
        QStringList levels;
        QStringList evidence;
        QList<Phrase> phrases{{u"change.none"_s, {}}};
        // a rise at the same hours the day before too is what the customer saw: said first
        QList<const SeriesChange *> series;
        for (const SeriesChange &c : report.series)
            series.append(&c);
        std::stable_partition(series.begin(), series.end(),
                              [](const SeriesChange *c) { return c->cycleDay.isValid(); });
        for (const SeriesChange *each : std::as_const(series)) {
            const SeriesChange &c = *each;
            if (c.kind == MetricKind::ErrorRate && c.level < 0.01)
                continue;
            const bool cycle = c.cycleDay.isValid();
            const QString level = cycle ? c.describe(ref)
                                        : c.metricName() + u" on "_s + c.group + u" about "_s +
                                              c.formatValue(c.level);
            if (!levels.contains(level) && levels.size() < 5) {
                phrases.append(
                    cycle ? c.cyclePhrase(ref)
                          : Phrase{u"change.level_on"_s,
                                   {c.metricTerm(), c.groupNames(), c.value(u"level"_s, c.level)}});
            }
            appendUnique(levels, level);
            appendUnique(evidence, c.evidenceId);
        }
        if (!levels.isEmpty()) {
            Finding f;
            f.summary = u"No sustained change in the window: "_s + levels.mid(0, 5).join(u"; "_s);
            f.phrases = phrases;
            f.evidenceIds = evidence;
            f.confidence = 0.7;
            out.findings.append(f);
        }
    }
    if (report.series.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"latency_series") ||
            dataMissing(input, u"clickhouse", u"error_series"))
            out.notChecked.append(unchecked(u"log_trends"_s));
    }
    return out;
}

} // namespace Casefile
