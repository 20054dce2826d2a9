#include "sandbox/generator.h"

#include <QHash>

#include <cmath>
#include <numbers>
#include <random>

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

// Invertible 64-bit mixer (splitmix64's finaliser): distinct inputs give distinct outputs,
// so ids made from a counter never collide.
quint64 mix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Random numbers whose sequence is the same on every standard library: mt19937_64 is
// specified bit for bit, but std::*_distribution are not, so the distributions are ours.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {}

    quint64 next() { return m_engine(); }
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)

    double normal() // Box-Muller
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = uniform();
        while (u1 <= 0.0)
            u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double theta = 2.0 * std::numbers::pi * u2;
        m_spare = r * std::sin(theta);
        m_hasSpare = true;
        return r * std::cos(theta);
    }

    int poisson(double lambda)
    {
        if (lambda <= 0)
            return 0;
        if (lambda > 30) {
            const double n = std::round(lambda + std::sqrt(lambda) * normal());
            return n < 0 ? 0 : static_cast<int>(n);
        }
        const double limit = std::exp(-lambda);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }

private:
    std::mt19937_64 m_engine;
    double m_spare = 0;
    bool m_hasSpare = false;
};

// Log-normal fitted to a median and a 95th percentile.
struct LogNormal
{
    double mu = 0;
    double sigma = 0;
    bool zero = true;

    static LogNormal fit(double p50, double p95)
    {
        LogNormal d;
        if (p50 <= 0)
            return d;
        d.zero = false;
        d.mu = std::log(p50);
        d.sigma = p95 > p50 ? (std::log(p95) - d.mu) / 1.6448536269514722 : 0.0;
        return d;
    }
    double sample(Random &random) const
    {
        return zero ? 0.0 : std::exp(mu + sigma * random.normal());
    }
};

// The traffic's daily rhythm: ±30 % around the mean, busiest at 15:00 UTC.
double dailyFactor(qint64 unixSeconds)
{
    const double dayFraction = static_cast<double>(unixSeconds % 86400) / 86400.0;
    return 1.0 + 0.3 * std::sin(2.0 * std::numbers::pi * (dayFraction - 9.0 / 24.0));
}

quint32 toMs(double value)
{
    if (!(value > 0))
        return 0;
    if (value > 4e9)
        return 4000000000U;
    return static_cast<quint32>(std::llround(value));
}

quint32 jitterTokens(double mean, Random &random)
{
    if (mean <= 0)
        return 0;
    return static_cast<quint32>(std::llround(mean * (0.5 + random.uniform())));
}

quint64 fnv(const QString &text)
{
    quint64 h = 1469598103934665603ULL;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return h;
}

QByteArray prefixedHex(const char *prefix, quint64 id)
{
    QByteArray out(prefix);
    out += QByteArray::number(id, 16).rightJustified(16, '0');
    return out;
}

} // namespace

QByteArray requestIdText(quint64 id)
{
    return prefixedHex("req_", id);
}

QByteArray traceIdText(quint64 id)
{
    return id == 0 ? QByteArray() : prefixedHex("trc_", id);
}

QByteArray deliveryIdText(quint64 id)
{
    return prefixedHex("whd_", id);
}

ModelPrice modelPrice(const QString &model)
{
    // USD per million tokens, list prices of late 2025; close enough for a sandbox.
    struct Entry
    {
        QLatin1StringView prefix;
        ModelPrice price;
    };
    static const Entry table[] = {{"gpt-4o-mini"_L1, {0.15, 0.6, 0.075}},
                                  {"gpt-4o"_L1, {2.5, 10.0, 1.25}},
                                  {"gpt-4.1-mini"_L1, {0.4, 1.6, 0.1}},
                                  {"gpt-4.1"_L1, {2.0, 8.0, 0.5}},
                                  {"o3"_L1, {2.0, 8.0, 0.5}},
                                  {"claude-opus"_L1, {15.0, 75.0, 1.5}},
                                  {"claude-sonnet"_L1, {3.0, 15.0, 0.3}},
                                  {"claude-haiku"_L1, {0.8, 4.0, 0.08}},
                                  {"claude-3-5-haiku"_L1, {0.8, 4.0, 0.08}},
                                  {"claude-3"_L1, {3.0, 15.0, 0.3}},
                                  {"gemini"_L1, {1.25, 10.0, 0.31}},
                                  {"mistral"_L1, {0.4, 2.0, 0.2}},
                                  {"llama"_L1, {0.2, 0.6, 0.1}}};
    for (const Entry &e : table) {
        if (model.startsWith(e.prefix))
            return e.price;
    }
    return {};
}

Generator::Generator(const Scenario &scenario, double rowsScale)
    : m_scenario(scenario)
    , m_rowsScale(rowsScale > 0 ? rowsScale : 1.0)
{}

quint16 Generator::intern(const QString &value)
{
    const qsizetype index = m_strings.indexOf(value);
    if (index >= 0)
        return static_cast<quint16>(index);
    m_strings.append(value);
    return static_cast<quint16>(m_strings.size() - 1);
}

void Generator::generate(const std::function<void(const RequestRow &)> &onRequest,
                         const std::function<void(const WebhookRow &)> &onWebhook)
{
    const Scenario &sc = m_scenario;
    const qint64 from = sc.trafficFrom.toSecsSinceEpoch();
    const qint64 to = sc.trafficTo.toSecsSinceEpoch();
    const qint64 firstMinute = from - ((from % 60) + 60) % 60;

    const quint16 invalidRequest = intern(u"invalid_request"_s);
    const quint16 providerError = intern(u"provider_error"_s);
    const quint16 cacheMiss = intern(u"miss"_s);
    const quint16 cacheDisabled = intern(u"disabled"_s);

    // Everything that does not change per row, per stream.
    struct AnomalyUse
    {
        const TrafficAnomaly *anomaly = nullptr;
        quint16 errorCode = 0;
        quint16 targetProvider = 0;
        quint16 targetModel = 0;
        LogNormal targetLatency;
        ModelPrice targetPrice;
    };
    struct StreamState
    {
        const TrafficStream *stream = nullptr;
        Random random{0};
        LogNormal latency;
        ModelPrice price;
        quint16 provider = 0;
        quint16 model = 0;
        quint16 cacheStatus = 0;
        QList<const TrafficAnomaly *> latencyAnomalies;
        QList<const TrafficAnomaly *> volumeAnomalies;
        QList<const TrafficAnomaly *> metadataAnomalies;
        QList<AnomalyUse> failures; // errors, timeouts, rate_limited in scenario order
    };

    std::vector<StreamState> streams;
    streams.reserve(static_cast<size_t>(sc.streams.size()));
    for (qsizetype i = 0; i < sc.streams.size(); ++i) {
        const TrafficStream &s = sc.streams.at(i);
        StreamState st;
        st.stream = &s;
        st.random = Random(mix64(sc.seed ^ mix64(0x5eed0000ULL + static_cast<quint64>(i))));
        st.latency = LogNormal::fit(s.latencyP50, s.latencyP95);
        st.price = modelPrice(s.model);
        st.provider = intern(s.provider);
        st.model = intern(s.model);
        st.cacheStatus = s.configId.isEmpty() ? cacheDisabled : cacheMiss;
        for (const TrafficAnomaly &a : sc.anomalies) {
            if (!matches(a.match, [&s](const QString &key) { return s.field(key); }))
                continue;
            switch (a.kind) {
            case TrafficAnomaly::Kind::Latency:
                st.latencyAnomalies.append(&a);
                break;
            case TrafficAnomaly::Kind::Volume:
                st.volumeAnomalies.append(&a);
                break;
            case TrafficAnomaly::Kind::MetadataDropped:
                st.metadataAnomalies.append(&a);
                break;
            case TrafficAnomaly::Kind::Errors:
            case TrafficAnomaly::Kind::Timeouts:
            case TrafficAnomaly::Kind::RateLimited: {
                AnomalyUse use;
                use.anomaly = &a;
                use.errorCode = intern(a.errorCode);
                if (a.fallbackTo) {
                    use.targetProvider = intern(a.fallbackTo->provider);
                    use.targetModel = intern(a.fallbackTo->model);
                    use.targetPrice = modelPrice(a.fallbackTo->model);
                    // The fallback target answers like the stream that serves it normally
                    // (preferring the same org), else like the failing stream.
                    use.targetLatency = st.latency;
                    const TrafficStream *best = nullptr;
                    for (const TrafficStream &other : sc.streams) {
                        if (other.provider != a.fallbackTo->provider ||
                            other.model != a.fallbackTo->model) {
                            continue;
                        }
                        if (!best || (other.org == s.org && best->org != s.org))
                            best = &other;
                    }
                    if (best)
                        use.targetLatency = LogNormal::fit(best->latencyP50, best->latencyP95);
                }
                st.failures.append(use);
                break;
            }
            }
        }
        streams.push_back(std::move(st));
    }

    quint64 requestCounter = mix64(sc.seed ^ 0x7265717565737473ULL);
    const quint64 traceBase = mix64(sc.seed ^ 0x7472616365ULL);

    auto cost = [](const ModelPrice &price, const RequestRow &r) {
        const double uncached = static_cast<double>(r.promptTokens - r.cachedTokens);
        return (uncached * price.input + static_cast<double>(r.cachedTokens) * price.cachedInput +
                static_cast<double>(r.completionTokens) * price.output) /
               1e6;
    };

    if (onRequest) {
        for (qint64 minute = firstMinute; minute < to; minute += 60) {
            const double daily = dailyFactor(minute);
            for (size_t i = 0; i < streams.size(); ++i) {
                StreamState &st = streams[i];
                const TrafficStream &s = *st.stream;
                double rate = s.perMinute * m_rowsScale * daily;
                for (const TrafficAnomaly *a : std::as_const(st.volumeAnomalies)) {
                    if (a->activeAt(minute))
                        rate *= a->factor;
                }
                Random &rnd = st.random;
                const int count = rnd.poisson(rate);
                for (int k = 0; k < count; ++k) {
                    const qint64 ts = minute + static_cast<qint64>(rnd.uniform() * 60.0);
                    // Every row draws the same numbers whatever happens to it, so one anomaly
                    // does not reshuffle the noise of the rows after it.
                    const double providerBase = st.latency.sample(rnd);
                    const double gatewayJitter = 0.95 + 0.1 * rnd.uniform();
                    const double failureDraw = rnd.uniform();
                    const double errorDraw = rnd.uniform();
                    const double errorKindDraw = rnd.uniform();
                    const double traceDraw = rnd.uniform();
                    const quint32 prompt = jitterTokens(s.promptTokens, rnd);
                    const quint32 completion = jitterTokens(s.completionTokens, rnd);
                    if (ts < from || ts >= to)
                        continue;

                    RequestRow r;
                    r.ts = ts;
                    r.requestId = mix64(++requestCounter);
                    r.traceId = traceDraw < 0.35 ? mix64(traceBase + r.requestId) | 1 : 0;
                    r.stream = static_cast<quint16>(i);
                    r.provider = st.provider;
                    r.model = st.model;
                    r.cacheStatus = st.cacheStatus;
                    double provider = providerBase;
                    double gateway = s.gatewayMs * gatewayJitter;
                    for (const TrafficAnomaly *a : std::as_const(st.latencyAnomalies)) {
                        if (!a->activeAt(ts))
                            continue;
                        if (a->component == TrafficAnomaly::Component::Gateway)
                            gateway *= a->factor;
                        else
                            provider *= a->factor;
                    }
                    for (const TrafficAnomaly *a : std::as_const(st.metadataAnomalies)) {
                        if (a->activeAt(ts))
                            r.metadataDropped = true;
                    }

                    // The first active failure anomaly whose rate fires decides; one draw
                    // serves them all (each owns its own slice of [0, 1)).
                    const AnomalyUse *failure = nullptr;
                    double slice = 0;
                    for (const AnomalyUse &use : std::as_const(st.failures)) {
                        if (!use.anomaly->activeAt(ts))
                            continue;
                        const double remaining = 1.0 - slice;
                        if (failureDraw < slice + remaining * use.anomaly->rate) {
                            failure = &use;
                            break;
                        }
                        slice += remaining * use.anomaly->rate;
                    }

                    auto serve = [&](quint16 prov, quint16 model, const ModelPrice &price,
                                     double providerMs) {
                        r.status = 200;
                        r.provider = prov;
                        r.model = model;
                        r.promptTokens = prompt;
                        r.completionTokens = completion;
                        r.cachedTokens = static_cast<quint32>(
                            std::llround(s.cachedShare * static_cast<double>(prompt)));
                        r.providerLatencyMs = toMs(providerMs);
                        r.latencyMs = toMs(providerMs + gateway);
                        r.costUsd = cost(price, r);
                    };
                    auto failWith = [&](quint16 status, quint16 code, double providerMs,
                                        double totalMs) {
                        r.status = status;
                        r.errorCode = code;
                        r.providerLatencyMs = toMs(providerMs);
                        r.latencyMs = toMs(totalMs);
                    };

                    if (failure) {
                        const TrafficAnomaly &a = *failure->anomaly;
                        switch (a.kind) {
                        case TrafficAnomaly::Kind::Errors: {
                            const double failedAttempt = provider * 0.3;
                            if (a.fallbackTo) {
                                r.attempts = 2;
                                r.fallbackUsed = 1;
                                // The target's own time, not scaled by this stream's anomalies.
                                const double target = failure->targetLatency.sample(rnd);
                                serve(failure->targetProvider, failure->targetModel,
                                      failure->targetPrice, failedAttempt + target);
                            } else {
                                failWith(static_cast<quint16>(a.status), failure->errorCode,
                                         failedAttempt, failedAttempt + gateway);
                            }
                            break;
                        }
                        case TrafficAnomaly::Kind::Timeouts:
                            if (a.fallbackTo) {
                                r.attempts = 2;
                                r.fallbackUsed = 1;
                                const double target = failure->targetLatency.sample(rnd);
                                serve(failure->targetProvider, failure->targetModel,
                                      failure->targetPrice, a.afterMs + target);
                            } else {
                                failWith(static_cast<quint16>(a.status), failure->errorCode,
                                         a.afterMs, a.afterMs);
                            }
                            break;
                        case TrafficAnomaly::Kind::RateLimited:
                            // Refused by the gateway itself: no provider attempt.
                            r.attempts = 0;
                            failWith(429, failure->errorCode, 0, gateway);
                            break;
                        case TrafficAnomaly::Kind::Latency:
                        case TrafficAnomaly::Kind::Volume:
                        case TrafficAnomaly::Kind::MetadataDropped:
                            break;
                        }
                    } else if (errorDraw < s.errorRate) {
                        if (errorKindDraw < 0.5)
                            failWith(400, invalidRequest, provider * 0.1, provider * 0.1 + gateway);
                        else
                            failWith(500, providerError, provider * 0.3, provider * 0.3 + gateway);
                    } else {
                        serve(st.provider, st.model, st.price, provider);
                    }
                    onRequest(r);
                }
            }
        }
    }

    if (!onWebhook)
        return;

    struct WebhookState
    {
        const WebhookStream *stream = nullptr;
        Random random{0};
        QList<quint16> events;
        QList<const WebhookAnomaly *> anomalies; // matching org and endpoint
        QList<quint16> anomalyErrors;            // interned `error` of each
    };
    std::vector<WebhookState> hooks;
    for (qsizetype i = 0; i < sc.webhookStreams.size(); ++i) {
        const WebhookStream &w = sc.webhookStreams.at(i);
        WebhookState st;
        st.stream = &w;
        st.random = Random(mix64(sc.seed ^ mix64(0x400c0000ULL + static_cast<quint64>(i))));
        for (const QString &e : w.events)
            st.events.append(intern(e));
        for (const WebhookAnomaly &a : sc.webhookAnomalies) {
            const bool orgAndEndpoint = matches(a.match, [&w](const QString &key) {
                if (key == "org"_L1)
                    return w.org;
                if (key == "endpoint"_L1)
                    return w.endpoint;
                return QString(); // "event" is checked per delivery
            });
            bool possible = orgAndEndpoint;
            if (!possible && a.match.contains(u"event"_s)) {
                MatchRule withoutEvent = a.match;
                withoutEvent.remove(u"event"_s);
                possible = matches(withoutEvent, [&w](const QString &key) {
                    return key == "org"_L1 ? w.org : w.endpoint;
                });
            }
            if (possible) {
                st.anomalies.append(&a);
                st.anomalyErrors.append(intern(a.error));
            }
        }
        hooks.push_back(std::move(st));
    }

    quint64 deliveryCounter = mix64(sc.seed ^ 0x776562686f6f6bULL);
    const qint64 retryDelays[] = {60, 300}; // attempt 2 after a minute, attempt 3 after five
    for (qint64 minute = firstMinute; minute < to; minute += 60) {
        const double daily = dailyFactor(minute);
        for (size_t i = 0; i < hooks.size(); ++i) {
            WebhookState &st = hooks[i];
            const WebhookStream &w = *st.stream;
            Random &rnd = st.random;
            const int count = rnd.poisson(w.perMinute * m_rowsScale * daily);
            for (int k = 0; k < count; ++k) {
                const qint64 ts = minute + static_cast<qint64>(rnd.uniform() * 60.0);
                const auto eventIndex =
                    static_cast<qsizetype>(rnd.uniform() * static_cast<double>(st.events.size()));
                const double latencyNoise = std::exp(0.25 * rnd.normal());
                const double failureDraw = rnd.uniform();
                if (ts < from || ts >= to)
                    continue;
                const quint16 event = st.events.at(std::min(eventIndex, st.events.size() - 1));
                const QString &eventName = m_strings.at(event); // m_strings no longer grows here

                WebhookRow row;
                row.deliveryId = mix64(++deliveryCounter);
                row.stream = static_cast<quint16>(i);
                row.event = event;
                for (int attempt = 1; attempt <= 3; ++attempt) {
                    const qint64 at = attempt == 1 ? ts : ts + retryDelays[attempt - 2];
                    if (at >= to)
                        break;
                    row.ts = at;
                    row.attempt = static_cast<quint8>(attempt);
                    const WebhookAnomaly *failure = nullptr;
                    quint16 failureError = 0;
                    for (qsizetype n = 0; n < st.anomalies.size(); ++n) {
                        const WebhookAnomaly *a = st.anomalies.at(n);
                        if (!a->activeAt(at) || failureDraw >= a->rate)
                            continue;
                        const bool eventMatches = !a->match.contains(u"event"_s) ||
                                                  a->match.value(u"event"_s) == eventName;
                        if (eventMatches) {
                            failure = a;
                            failureError = st.anomalyErrors.at(n);
                            break;
                        }
                    }
                    if (!failure) {
                        row.status = 200;
                        row.error = 0;
                        row.latencyMs = toMs(w.latencyMs * latencyNoise);
                        onWebhook(row);
                        break;
                    }
                    row.status = static_cast<quint16>(failure->status);
                    row.error = failureError;
                    if (failure->error == "timeout"_L1)
                        row.latencyMs = 30000;
                    else if (failure->status == 0)
                        row.latencyMs = toMs(w.latencyMs * 0.2 * latencyNoise);
                    else
                        row.latencyMs = toMs(w.latencyMs * latencyNoise);
                    onWebhook(row);
                }
            }
        }
    }
}

GeneratedLogs generateLogs(const Scenario &scenario, double rowsScale)
{
    GeneratedLogs logs;
    Generator generator(scenario, rowsScale);
    // A first guess at the size avoids most reallocations of large vectors.
    double perMinute = 0;
    for (const TrafficStream &s : scenario.streams)
        perMinute += s.perMinute;
    const double minutes =
        static_cast<double>(scenario.trafficFrom.secsTo(scenario.trafficTo)) / 60.0;
    logs.requests.reserve(
        static_cast<size_t>(std::max(0.0, perMinute * rowsScale * minutes * 1.05)));
    generator.generate([&logs](const RequestRow &r) { logs.requests.push_back(r); },
                       [&logs](const WebhookRow &w) { logs.webhooks.push_back(w); });
    logs.strings = generator.strings();
    return logs;
}

quint64 logsChecksum(const Scenario &scenario, const GeneratedLogs &logs)
{
    QList<quint64> stringHashes;
    for (const QString &s : logs.strings)
        stringHashes.append(fnv(s));
    quint64 sum = 0;
    for (const RequestRow &r : logs.requests) {
        quint64 h = mix64(static_cast<quint64>(r.ts));
        auto add = [&h](quint64 v) {
            h = mix64(h ^ v);
        };
        add(r.requestId);
        add(r.traceId);
        add(r.latencyMs);
        add(r.providerLatencyMs);
        add(r.promptTokens);
        add(r.completionTokens);
        add(r.cachedTokens);
        add(static_cast<quint64>(std::llround(r.costUsd * 1e9)));
        add(fnv(scenario.streams.at(r.stream).org) ^ fnv(scenario.streams.at(r.stream).route));
        add(stringHashes.at(r.provider));
        add(stringHashes.at(r.model));
        add(stringHashes.at(r.errorCode));
        add(stringHashes.at(r.cacheStatus));
        add(r.status);
        add(r.attempts);
        add(r.fallbackUsed);
        add(r.metadataDropped ? 1 : 0);
        sum += h;
    }
    for (const WebhookRow &w : logs.webhooks) {
        quint64 h = mix64(static_cast<quint64>(w.ts) ^ 0x1234);
        auto add = [&h](quint64 v) {
            h = mix64(h ^ v);
        };
        add(w.deliveryId);
        add(w.latencyMs);
        add(fnv(scenario.webhookStreams.at(w.stream).endpoint));
        add(stringHashes.at(w.event));
        add(stringHashes.at(w.error));
        add(w.status);
        add(w.attempt);
        sum += h;
    }
    return sum;
}

} // namespace Casefile::Sandbox
