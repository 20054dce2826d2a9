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

using Intern = std::function<quint16(const QString &)>;

// A failure anomaly as one request stream meets it: everything that does not change per row.
struct AnomalyUse
{
    const TrafficAnomaly *anomaly = nullptr;
    quint16 errorCode = 0;
    quint16 targetProvider = 0;
    quint16 targetModel = 0;
    LogNormal targetLatency;
    ModelPrice targetPrice;
};

// One request stream, ready to draw rows: its random sequence, distributions and anomalies.
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

// The values every request stream shares: ordinary failures' codes and the id sequences.
struct RequestIds
{
    quint16 invalidRequest = 0;
    quint16 providerError = 0;
    quint64 requestCounter = 0;
    quint64 traceBase = 0;
};

AnomalyUse failureUse(const Scenario &sc, const TrafficAnomaly &a, const StreamState &st,
                      const Intern &intern)
{
    AnomalyUse use;
    use.anomaly = &a;
    use.errorCode = intern(a.errorCode);
    if (!a.fallbackTo)
        return use;
    use.targetProvider = intern(a.fallbackTo->provider);
    use.targetModel = intern(a.fallbackTo->model);
    use.targetPrice = modelPrice(a.fallbackTo->model);
    // The fallback target answers like the stream that serves it normally (preferring the
    // same org), else like the failing stream.
    use.targetLatency = st.latency;
    const TrafficStream *best = nullptr;
    for (const TrafficStream &other : sc.streams) {
        if (other.provider != a.fallbackTo->provider || other.model != a.fallbackTo->model)
            continue;
        if (!best || (other.org == st.stream->org && best->org != st.stream->org))
            best = &other;
    }
    if (best)
        use.targetLatency = LogNormal::fit(best->latencyP50, best->latencyP95);
    return use;
}

StreamState streamState(const Scenario &sc, qsizetype index, quint16 cacheStatus,
                        const Intern &intern)
{
    const TrafficStream &s = sc.streams.at(index);
    StreamState st;
    st.stream = &s;
    st.random = Random(mix64(sc.seed ^ mix64(0x5eed0000ULL + static_cast<quint64>(index))));
    st.latency = LogNormal::fit(s.latencyP50, s.latencyP95);
    st.price = modelPrice(s.model);
    st.provider = intern(s.provider);
    st.model = intern(s.model);
    st.cacheStatus = cacheStatus;
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
        case TrafficAnomaly::Kind::RateLimited:
            st.failures.append(failureUse(sc, a, st, intern));
            break;
        }
    }
    return st;
}

// The numbers one request row draws. Every row draws all of them, whatever happens to it, so
// one anomaly does not reshuffle the noise of the rows after it.
struct RowDraws
{
    double providerBase = 0;
    double gatewayJitter = 0;
    double failure = 0;
    double error = 0;
    double errorKind = 0;
    double trace = 0;
    quint32 prompt = 0;
    quint32 completion = 0;

    static RowDraws draw(Random &rnd, const StreamState &st)
    {
        RowDraws d;
        d.providerBase = st.latency.sample(rnd);
        d.gatewayJitter = 0.95 + 0.1 * rnd.uniform();
        d.failure = rnd.uniform();
        d.error = rnd.uniform();
        d.errorKind = rnd.uniform();
        d.trace = rnd.uniform();
        d.prompt = jitterTokens(st.stream->promptTokens, rnd);
        d.completion = jitterTokens(st.stream->completionTokens, rnd);
        return d;
    }
};

// The first active failure anomaly whose rate fires decides; one draw serves them all (each
// owns its own slice of [0, 1)).
const AnomalyUse *firingFailure(const StreamState &st, qint64 ts, double failureDraw)
{
    double slice = 0;
    for (const AnomalyUse &use : st.failures) {
        if (!use.anomaly->activeAt(ts))
            continue;
        const double remaining = 1.0 - slice;
        if (failureDraw < slice + remaining * use.anomaly->rate)
            return &use;
        slice += remaining * use.anomaly->rate;
    }
    return nullptr;
}

double cost(const ModelPrice &price, const RequestRow &r)
{
    const double uncached = static_cast<double>(r.promptTokens - r.cachedTokens);
    return (uncached * price.input + static_cast<double>(r.cachedTokens) * price.cachedInput +
            static_cast<double>(r.completionTokens) * price.output) /
           1e6;
}

// Fills in how one request ended: served (by its own provider or a fallback) or failed.
class RequestOutcome
{
public:
    RequestOutcome(RequestRow &row, const TrafficStream &stream, const RowDraws &draws,
                   double gatewayMs)
        : m_row(row)
        , m_stream(stream)
        , m_draws(draws)
        , m_gatewayMs(gatewayMs)
    {}

    void serve(quint16 provider, quint16 model, const ModelPrice &price, double providerMs)
    {
        m_row.status = 200;
        m_row.provider = provider;
        m_row.model = model;
        m_row.promptTokens = m_draws.prompt;
        m_row.completionTokens =
            m_completionFactor == 1.0
                ? m_draws.completion
                : static_cast<quint32>(
                      std::llround(m_completionFactor * static_cast<double>(m_draws.completion)));
        m_row.cachedTokens = static_cast<quint32>(
            std::llround(m_stream.cachedShare * static_cast<double>(m_draws.prompt)));
        m_row.providerLatencyMs = toMs(providerMs);
        m_row.latencyMs = toMs(providerMs + m_gatewayMs);
        // streamed: the customer sees the first token after the gateway and the provider's start
        if (m_firstTokenMs > 0)
            m_row.ttftMs = toMs(std::min(m_firstTokenMs, providerMs) + m_gatewayMs);
        m_row.costUsd = cost(price, m_row);
    }

    // A streamed response's first token after `ms` of provider time; completions `factor` × as
    // long as drawn.
    void setStreaming(double firstTokenMs, double completionFactor)
    {
        m_firstTokenMs = firstTokenMs;
        m_completionFactor = completionFactor;
    }

    void fail(quint16 status, quint16 code, double providerMs, double totalMs)
    {
        m_row.status = status;
        m_row.errorCode = code;
        m_row.providerLatencyMs = toMs(providerMs);
        m_row.latencyMs = toMs(totalMs);
    }

    // A failure anomaly fired; a fallback target, if any, answers after the failed attempt.
    void applyAnomaly(const AnomalyUse &failure, double providerMs, Random &rnd)
    {
        const TrafficAnomaly &a = *failure.anomaly;
        switch (a.kind) {
        case TrafficAnomaly::Kind::Errors: {
            const double failedAttempt = providerMs * 0.3;
            if (a.fallbackTo)
                serveByFallback(failure, failedAttempt, rnd);
            else
                fail(static_cast<quint16>(a.status), failure.errorCode, failedAttempt,
                     failedAttempt + m_gatewayMs);
            break;
        }
        case TrafficAnomaly::Kind::Timeouts:
            if (a.fallbackTo)
                serveByFallback(failure, a.afterMs, rnd);
            else
                fail(static_cast<quint16>(a.status), failure.errorCode, a.afterMs, a.afterMs);
            break;
        case TrafficAnomaly::Kind::RateLimited:
            // Refused by the gateway itself: no provider attempt.
            m_row.attempts = 0;
            fail(429, failure.errorCode, 0, m_gatewayMs);
            break;
        case TrafficAnomaly::Kind::Latency:
        case TrafficAnomaly::Kind::Volume:
        case TrafficAnomaly::Kind::MetadataDropped:
            break;
        }
    }

private:
    void serveByFallback(const AnomalyUse &failure, double failedAttemptMs, Random &rnd)
    {
        m_row.attempts = 2;
        m_row.fallbackUsed = 1;
        // The target's own time, not scaled by this stream's anomalies.
        const double target = failure.targetLatency.sample(rnd);
        serve(failure.targetProvider, failure.targetModel, failure.targetPrice,
              failedAttemptMs + target);
    }

    RequestRow &m_row;
    const TrafficStream &m_stream;
    const RowDraws &m_draws;
    double m_gatewayMs = 0;
    double m_firstTokenMs = 0;
    double m_completionFactor = 1.0;
};

// One request row of a stream at `ts`, from the numbers it drew.
RequestRow requestRow(StreamState &st, quint16 streamIndex, qint64 ts, const RowDraws &draws,
                      RequestIds &ids)
{
    const TrafficStream &s = *st.stream;
    RequestRow r;
    r.ts = ts;
    r.requestId = mix64(++ids.requestCounter);
    r.traceId = draws.trace < 0.35 ? mix64(ids.traceBase + r.requestId) | 1 : 0;
    r.stream = streamIndex;
    r.provider = st.provider;
    r.model = st.model;
    r.cacheStatus = st.cacheStatus;
    double provider = draws.providerBase;
    if (s.cycle.set) // busy hours are slower at the provider
        provider *= s.cycle.latencyFactor(ts);
    double gateway = s.gatewayMs * draws.gatewayJitter;
    double generation = 1.0; // how many times longer the completions are
    for (const TrafficAnomaly *a : std::as_const(st.latencyAnomalies)) {
        if (!a->activeAt(ts))
            continue;
        if (a->component == TrafficAnomaly::Component::Gateway)
            gateway *= a->factor;
        else if (a->component == TrafficAnomaly::Component::Generation)
            generation *= a->factor;
        else
            provider *= a->factor;
    }
    // the provider's time: the first token after a share of it, the rest generating the answer
    // (longer completions lengthen that part only); no draw, so the noise stays the same
    const double firstTokenShare = s.firstTokenShare > 0 ? s.firstTokenShare : 0.3;
    const double firstToken = provider * firstTokenShare;
    if (generation != 1.0)
        provider = firstToken + (provider - firstToken) * generation;
    for (const TrafficAnomaly *a : std::as_const(st.metadataAnomalies)) {
        if (a->activeAt(ts))
            r.metadataDropped = true;
    }
    RequestOutcome outcome(r, s, draws, gateway);
    outcome.setStreaming(s.firstTokenShare > 0 ? firstToken : 0.0, generation);
    if (const AnomalyUse *failure = firingFailure(st, ts, draws.failure)) {
        outcome.applyAnomaly(*failure, provider, st.random);
    } else if (draws.error < s.errorRate) {
        if (draws.errorKind < 0.5)
            outcome.fail(400, ids.invalidRequest, provider * 0.1, provider * 0.1 + gateway);
        else
            outcome.fail(500, ids.providerError, provider * 0.3, provider * 0.3 + gateway);
    } else {
        outcome.serve(st.provider, st.model, st.price, provider);
    }
    return r;
}

// One webhook stream, ready to draw deliveries.
struct WebhookState
{
    const WebhookStream *stream = nullptr;
    Random random{0};
    QList<quint16> events;
    QList<const WebhookAnomaly *> anomalies; // matching org and endpoint
    QList<quint16> anomalyErrors;            // interned `error` of each
};

WebhookState webhookState(const Scenario &sc, qsizetype index, const Intern &intern)
{
    const WebhookStream &w = sc.webhookStreams.at(index);
    WebhookState st;
    st.stream = &w;
    st.random = Random(mix64(sc.seed ^ mix64(0x400c0000ULL + static_cast<quint64>(index))));
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
    return st;
}

// The webhook anomaly that fails a delivery attempt at `at`, with its interned error.
std::pair<const WebhookAnomaly *, quint16>
webhookFailure(const WebhookState &st, qint64 at, double failureDraw, const QString &eventName)
{
    for (qsizetype n = 0; n < st.anomalies.size(); ++n) {
        const WebhookAnomaly *a = st.anomalies.at(n);
        if (!a->activeAt(at) || failureDraw >= a->rate)
            continue;
        const bool eventMatches =
            !a->match.contains(u"event"_s) || a->match.value(u"event"_s) == eventName;
        if (eventMatches)
            return {a, st.anomalyErrors.at(n)};
    }
    return {nullptr, 0};
}

// One event's delivery: the first attempt at `ts`, retried after a minute and after five more
// while an anomaly fails it, as long as the attempts fall inside the traffic window.
void deliver(const WebhookState &st, WebhookRow row, qint64 ts, qint64 to, double latencyNoise,
             double failureDraw, const QString &eventName,
             const std::function<void(const WebhookRow &)> &onWebhook)
{
    const qint64 retryDelays[] = {60, 300}; // attempt 2 after a minute, attempt 3 after five
    const WebhookStream &w = *st.stream;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const qint64 at = attempt == 1 ? ts : ts + retryDelays[attempt - 2];
        if (at >= to)
            break;
        row.ts = at;
        row.attempt = static_cast<quint8>(attempt);
        const auto [failure, failureError] = webhookFailure(st, at, failureDraw, eventName);
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
    generateRequests(onRequest);
    if (onWebhook)
        generateWebhooks(onWebhook);
}

qint64 Generator::firstMinute() const
{
    const qint64 from = m_scenario.trafficFrom.toSecsSinceEpoch();
    return from - ((from % 60) + 60) % 60;
}

void Generator::generateRequests(const std::function<void(const RequestRow &)> &onRequest)
{
    const Scenario &sc = m_scenario;
    const qint64 from = sc.trafficFrom.toSecsSinceEpoch();
    const qint64 to = sc.trafficTo.toSecsSinceEpoch();
    const Intern intern = [this](const QString &value) {
        return this->intern(value);
    };

    RequestIds ids;
    ids.invalidRequest = intern(u"invalid_request"_s);
    ids.providerError = intern(u"provider_error"_s);
    const quint16 cacheMiss = intern(u"miss"_s);
    const quint16 cacheDisabled = intern(u"disabled"_s);
    std::vector<StreamState> streams;
    streams.reserve(static_cast<size_t>(sc.streams.size()));
    for (qsizetype i = 0; i < sc.streams.size(); ++i) {
        const quint16 cacheStatus = sc.streams.at(i).configId.isEmpty() ? cacheDisabled : cacheMiss;
        streams.push_back(streamState(sc, i, cacheStatus, intern));
    }
    if (!onRequest)
        return;
    ids.requestCounter = mix64(sc.seed ^ 0x7265717565737473ULL);
    ids.traceBase = mix64(sc.seed ^ 0x7472616365ULL);
    for (qint64 minute = firstMinute(); minute < to; minute += 60) {
        const double daily = dailyFactor(minute);
        for (size_t i = 0; i < streams.size(); ++i) {
            StreamState &st = streams[i];
            const DailyCycle &cycle = st.stream->cycle;
            double rate =
                st.stream->perMinute * m_rowsScale * (cycle.set ? cycle.volume(minute) : daily);
            for (const TrafficAnomaly *a : std::as_const(st.volumeAnomalies)) {
                if (a->activeAt(minute))
                    rate *= a->factor;
            }
            const int count = st.random.poisson(rate);
            for (int k = 0; k < count; ++k) {
                const qint64 ts = minute + static_cast<qint64>(st.random.uniform() * 60.0);
                const RowDraws draws = RowDraws::draw(st.random, st);
                if (ts < from || ts >= to)
                    continue;
                onRequest(requestRow(st, static_cast<quint16>(i), ts, draws, ids));
            }
        }
    }
}

void Generator::generateWebhooks(const std::function<void(const WebhookRow &)> &onWebhook)
{
    const Scenario &sc = m_scenario;
    const qint64 from = sc.trafficFrom.toSecsSinceEpoch();
    const qint64 to = sc.trafficTo.toSecsSinceEpoch();
    const Intern intern = [this](const QString &value) {
        return this->intern(value);
    };
    std::vector<WebhookState> hooks;
    for (qsizetype i = 0; i < sc.webhookStreams.size(); ++i)
        hooks.push_back(webhookState(sc, i, intern));

    quint64 deliveryCounter = mix64(sc.seed ^ 0x776562686f6f6bULL);
    for (qint64 minute = firstMinute(); minute < to; minute += 60) {
        const double daily = dailyFactor(minute);
        for (size_t i = 0; i < hooks.size(); ++i) {
            WebhookState &st = hooks[i];
            Random &rnd = st.random;
            const int count = rnd.poisson(st.stream->perMinute * m_rowsScale * daily);
            for (int k = 0; k < count; ++k) {
                const qint64 ts = minute + static_cast<qint64>(rnd.uniform() * 60.0);
                const auto eventIndex =
                    static_cast<qsizetype>(rnd.uniform() * static_cast<double>(st.events.size()));
                const double latencyNoise = std::exp(0.25 * rnd.normal());
                const double failureDraw = rnd.uniform();
                if (ts < from || ts >= to)
                    continue;
                WebhookRow row;
                row.deliveryId = mix64(++deliveryCounter);
                row.stream = static_cast<quint16>(i);
                row.event = st.events.at(std::min(eventIndex, st.events.size() - 1));
                // m_strings no longer grows here, so the reference stays valid.
                deliver(st, row, ts, to, latencyNoise, failureDraw, m_strings.at(row.event),
                        onWebhook);
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
        if (r.ttftMs > 0)
            add(r.ttftMs);
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
