#include "sandbox/billing.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

// Quantities are summed in thousandths of a unit so that discounts add up exactly and the
// index and a direct sum always agree.
constexpr qint64 Milli = 1000;

struct OrgIndex
{
    std::vector<qint64> times;      // sorted
    std::vector<qint64> cumulative; // cumulative[i] = sum of the first i rows, in milli-units
};

using Index = QHash<QString, OrgIndex>;
using MeterIndexes = QHash<QString, Index>; // per meter event name

double hashFraction(quint64 id)
{
    id ^= id >> 33;
    id *= 0xff51afd7ed558ccdULL;
    id ^= id >> 33;
    return static_cast<double>(id >> 11) * 0x1.0p-53;
}

qint64 rowQuantity(const Scenario &scenario, const BillingMeter &b, const GeneratedLogs &logs,
                   const RequestRow &r)
{
    const double prompt = r.promptTokens;
    const double cached = std::min<double>(r.cachedTokens, r.promptTokens);
    double q = 0;
    for (const QString &count : b.counts) {
        if (count == "prompt_tokens"_L1) {
            switch (b.cachedTokens) {
            case CachedTokens::Excluded:
                q += prompt - cached;
                break;
            case CachedTokens::BilledFull:
                q += prompt;
                break;
            case CachedTokens::BilledDiscounted:
                q += prompt - cached + cached * b.cachedDiscount;
                break;
            }
        } else if (count == "completion_tokens"_L1) {
            q += r.completionTokens;
        } else if (count == "cached_tokens"_L1) {
            q += cached;
        } else if (count == "requests"_L1) {
            q += r.status < 400 ? 1 : 0;
        }
    }
    if (q == 0 || b.faults.isEmpty())
        return std::llround(q * Milli);

    const TrafficStream &stream = scenario.streams.at(r.stream);
    auto lookup = [&](const QString &key) {
        if (key == "provider"_L1)
            return logs.string(r.provider);
        if (key == "model"_L1)
            return logs.string(r.model);
        return stream.field(key);
    };
    for (const BillingFault &fault : b.faults) {
        if (!fault.activeAt(r.ts) || !matches(fault.match, lookup))
            continue;
        if (fault.rate < 1.0 && hashFraction(r.requestId) >= fault.rate)
            continue;
        if (fault.kind == BillingFault::Kind::Dropped)
            return 0;
        q *= 2;
    }
    return std::llround(q * Milli);
}

Index buildIndex(const Scenario &scenario, const BillingMeter &meter, const GeneratedLogs &logs)
{
    QHash<QString, std::vector<std::pair<qint64, qint64>>> rows;
    for (const RequestRow &r : logs.requests) {
        const qint64 q = rowQuantity(scenario, meter, logs, r);
        rows[scenario.streams.at(r.stream).org].emplace_back(r.ts, q);
    }
    Index index;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        auto &list = it.value();
        std::sort(list.begin(), list.end());
        OrgIndex &org = index[it.key()];
        org.times.reserve(list.size());
        org.cumulative.reserve(list.size() + 1);
        org.cumulative.push_back(0);
        for (const auto &[ts, q] : list) {
            org.times.push_back(ts);
            org.cumulative.push_back(org.cumulative.back() + q);
        }
    }
    return index;
}

qint64 query(const Index &index, const QString &org, const QDateTime &from, const QDateTime &to)
{
    const auto it = index.constFind(org);
    if (it == index.cend() || !from.isValid() || !to.isValid() || to <= from)
        return 0;
    const OrgIndex &o = it.value();
    const auto lo = std::lower_bound(o.times.begin(), o.times.end(), from.toSecsSinceEpoch());
    const auto hi = std::lower_bound(o.times.begin(), o.times.end(), to.toSecsSinceEpoch());
    const qint64 milli = o.cumulative[static_cast<size_t>(hi - o.times.begin())] -
                         o.cumulative[static_cast<size_t>(lo - o.times.begin())];
    return (milli + Milli / 2) / Milli;
}

// The meter of an event name; '' or an unknown name: the first.
const BillingMeter *meterOf(const BillingRules &rules, const QString &name)
{
    for (const BillingMeter &m : rules.meters) {
        if (m.meter == name)
            return &m;
    }
    return rules.meters.isEmpty() ? nullptr : &rules.meters.first();
}

} // namespace

qint64 meteredQuantity(const Scenario &scenario, const GeneratedLogs &logs, const QString &org,
                       const QDateTime &from, const QDateTime &to, const QString &meterName)
{
    const BillingMeter *meter = meterOf(scenario.billing, meterName);
    if (!meter || !from.isValid() || !to.isValid() || to <= from)
        return 0;
    const qint64 f = from.toSecsSinceEpoch();
    const qint64 t = to.toSecsSinceEpoch();
    qint64 milli = 0;
    for (const RequestRow &r : logs.requests) {
        if (r.ts < f || r.ts >= t || scenario.streams.at(r.stream).org != org)
            continue;
        milli += rowQuantity(scenario, *meter, logs, r);
    }
    return (milli + Milli / 2) / Milli;
}

BillingFunction makeBillingFunction(const Scenario &scenario, const GeneratedLogs &logs)
{
    auto indexes = std::make_shared<MeterIndexes>();
    for (const BillingMeter &meter : scenario.billing.meters)
        indexes->insert(meter.meter, buildIndex(scenario, meter, logs));
    const QString first =
        scenario.billing.meters.isEmpty() ? QString() : scenario.billing.meters.first().meter;
    return [indexes, first](const QString &org, const QDateTime &from, const QDateTime &to,
                            const QString &meter) -> qint64 {
        const auto it = indexes->constFind(meter.isEmpty() ? first : meter);
        return it == indexes->cend() ? 0 : query(*it, org, from, to);
    };
}

} // namespace Casefile::Sandbox
