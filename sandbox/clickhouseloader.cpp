#include "sandbox/clickhouseloader.h"

#include "sandbox/clickhousehttp.h"
#include "sandbox/sandboxlogging.h"

#include <QElapsedTimer>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <future>
#include <vector>

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

constexpr const char *RequestColumns =
    "ts, request_id, trace_id, org_id, api_key_id, config_id, route, provider, model, status, "
    "error_code, latency_ms, provider_latency_ms, attempts, fallback_used, cache_status, "
    "prompt_tokens, completion_tokens, cached_tokens, cost_usd, sdk, metadata, ttft_ms";
constexpr const char *WebhookColumns =
    "ts, delivery_id, org_id, endpoint, event, status, error, attempt, latency_ms";

// A growing byte buffer written through a raw cursor: building a million TSV rows with
// QByteArray::append() costs more than ClickHouse takes to parse them.
class TsvBuffer
{
public:
    explicit TsvBuffer(qsizetype capacity) { m_data.resize(std::max<qsizetype>(capacity, 4096)); }

    void bytes(const char *data, qsizetype size)
    {
        char *p = reserve(size);
        std::memcpy(p, data, static_cast<size_t>(size));
        m_size += size;
    }
    void bytes(const QByteArray &data) { bytes(data.constData(), data.size()); }
    void tab() { character('\t'); }
    void newline() { character('\n'); }
    void character(char c)
    {
        *reserve(1) = c;
        ++m_size;
    }
    template<typename T>
    void number(T value)
    {
        char *p = reserve(32);
        const auto result = std::to_chars(p, p + 32, value);
        m_size += result.ptr - p;
    }
    void hex16(quint64 value) // zero-padded, lower case
    {
        static constexpr char digits[] = "0123456789abcdef";
        char *p = reserve(16);
        for (int i = 15; i >= 0; --i) {
            p[i] = digits[value & 0xf];
            value >>= 4;
        }
        m_size += 16;
    }
    QByteArray take()
    {
        m_data.truncate(m_size);
        return std::move(m_data);
    }

private:
    char *reserve(qsizetype extra)
    {
        if (m_size + extra > m_data.size())
            m_data.resize(std::max(m_data.size() * 2, m_size + extra));
        return m_data.data() + m_size;
    }

    QByteArray m_data;
    qsizetype m_size = 0;
};

QByteArray escaped(const QString &value)
{
    return tsvEscape(value.toUtf8());
}

bool isIdentifier(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
            return false;
    }
    return !name.front().isDigit();
}

} // namespace

QByteArray tsvEscape(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    for (const char c : value) {
        switch (c) {
        case '\\':
            out.append("\\\\");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\0':
            out.append("\\0");
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

ClickHouseLoader::ClickHouseLoader(const QUrl &server, const QString &database)
    : m_database(database)
    , m_http(std::make_unique<ClickHouseHttp>(server))
{}

ClickHouseLoader::~ClickHouseLoader() = default;

QString ClickHouseLoader::gatewayRequestsDdl(const QString &database)
{
    return uR"(CREATE TABLE %1.gateway_requests (
    ts DateTime('UTC'),
    request_id String,
    trace_id String,
    org_id String,
    api_key_id String,
    config_id String,
    route String,
    provider String,
    model String,
    status UInt16,
    error_code String,
    latency_ms UInt32,
    provider_latency_ms UInt32,
    attempts UInt8,
    fallback_used UInt8,
    cache_status String,
    prompt_tokens UInt32,
    completion_tokens UInt32,
    cached_tokens UInt32,
    cost_usd Float64,
    sdk String,
    metadata String,
    ttft_ms UInt32
) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (org_id, ts))"_s.arg(database);
}

QString ClickHouseLoader::webhookDeliveriesDdl(const QString &database)
{
    return uR"(CREATE TABLE %1.webhook_deliveries (
    ts DateTime('UTC'),
    delivery_id String,
    org_id String,
    endpoint String,
    event String,
    status UInt16,
    error String,
    attempt UInt8,
    latency_ms UInt32
) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (org_id, ts))"_s.arg(database);
}

Result<QByteArray> ClickHouseLoader::execute(const QString &sql)
{
    return m_http->post(sql, {}, 120000, m_database);
}

Result<void> ClickHouseLoader::recreate()
{
    if (!isIdentifier(m_database)) {
        return fail(Error::Code::InvalidInput,
                    u"\"%1\" is not a valid ClickHouse database name"_s.arg(m_database));
    }
    const QStringList statements = {
        u"DROP DATABASE IF EXISTS %1"_s.arg(m_database), u"CREATE DATABASE %1"_s.arg(m_database),
        gatewayRequestsDdl(m_database), webhookDeliveriesDdl(m_database)};
    for (const QString &sql : statements) {
        auto result = m_http->post(sql, {}, 60000);
        if (!result)
            return std::unexpected(result.error());
    }
    return {};
}

Result<void> ClickHouseLoader::insert(const QString &table, const char *columns,
                                      const QByteArray &tsv)
{
    if (tsv.isEmpty())
        return {};
    const QString sql = u"INSERT INTO %1.%2 (%3) FORMAT TabSeparated"_s.arg(
        m_database, table, QString::fromLatin1(columns));
    QElapsedTimer timer;
    timer.start();
    auto result = m_http->post(sql, tsv, 300000);
    qCDebug(lcSandbox) << "inserted" << tsv.size() << "bytes into" << table << "in"
                       << timer.elapsed() << "ms";
    if (!result)
        return std::unexpected(result.error());
    return {};
}

Result<void> ClickHouseLoader::load(const Scenario &scenario, const GeneratedLogs &logs,
                                    int batchRows)
{
    QElapsedTimer timer;
    timer.start();
    const size_t batch = static_cast<size_t>(std::max(1000, batchRows));

    // Escape every repeated value once.
    std::vector<QByteArray> strings;
    for (const QString &s : logs.strings)
        strings.push_back(escaped(s));
    struct StreamText
    {
        QByteArray org, apiKey, config, route, sdk, metadata;
    };
    std::vector<StreamText> streams;
    for (const TrafficStream &s : scenario.streams) {
        streams.push_back({escaped(s.org), escaped(s.apiKeyId), escaped(s.configId),
                           escaped(s.route), escaped(s.sdk), tsvEscape(s.metadataJson)});
    }
    std::vector<StreamText> hooks;
    for (const WebhookStream &w : scenario.webhookStreams)
        hooks.push_back({escaped(w.org), {}, {}, escaped(w.endpoint), {}, {}});
    const QByteArray emptyMetadata = "{}";

    const auto buildRequests = [&](size_t begin, size_t end) {
        TsvBuffer out(static_cast<qsizetype>(end - begin) * 240);
        for (size_t i = begin; i < end; ++i) {
            const RequestRow &r = logs.requests[i];
            const StreamText &st = streams[r.stream];
            out.number(r.ts);
            out.tab();
            out.bytes("req_", 4);
            out.hex16(r.requestId);
            out.tab();
            if (r.traceId != 0) {
                out.bytes("trc_", 4);
                out.hex16(r.traceId);
            }
            out.tab();
            out.bytes(st.org);
            out.tab();
            out.bytes(st.apiKey);
            out.tab();
            out.bytes(st.config);
            out.tab();
            out.bytes(st.route);
            out.tab();
            out.bytes(strings[r.provider]);
            out.tab();
            out.bytes(strings[r.model]);
            out.tab();
            out.number(r.status);
            out.tab();
            out.bytes(strings[r.errorCode]);
            out.tab();
            out.number(r.latencyMs);
            out.tab();
            out.number(r.providerLatencyMs);
            out.tab();
            out.number(static_cast<unsigned>(r.attempts));
            out.tab();
            out.number(static_cast<unsigned>(r.fallbackUsed));
            out.tab();
            out.bytes(strings[r.cacheStatus]);
            out.tab();
            out.number(r.promptTokens);
            out.tab();
            out.number(r.completionTokens);
            out.tab();
            out.number(r.cachedTokens);
            out.tab();
            out.number(r.costUsd);
            out.tab();
            out.bytes(st.sdk);
            out.tab();
            out.bytes(r.metadataDropped ? emptyMetadata : st.metadata);
            out.tab();
            out.number(r.ttftMs);
            out.newline();
        }
        return out.take();
    };
    const auto buildWebhooks = [&](size_t begin, size_t end) {
        TsvBuffer out(static_cast<qsizetype>(end - begin) * 120);
        for (size_t i = begin; i < end; ++i) {
            const WebhookRow &w = logs.webhooks[i];
            const StreamText &st = hooks[w.stream];
            out.number(w.ts);
            out.tab();
            out.bytes("whd_", 4);
            out.hex16(w.deliveryId);
            out.tab();
            out.bytes(st.org);
            out.tab();
            out.bytes(st.route);
            out.tab();
            out.bytes(strings[w.event]);
            out.tab();
            out.number(w.status);
            out.tab();
            out.bytes(strings[w.error]);
            out.tab();
            out.number(static_cast<unsigned>(w.attempt));
            out.tab();
            out.number(w.latencyMs);
            out.newline();
        }
        return out.take();
    };

    // The next batch is written on another thread while ClickHouse takes the current one.
    const auto pipeline = [&](size_t rows, const auto &build, const QString &table,
                              const char *columns) -> Result<void> {
        if (rows == 0)
            return {};
        std::future<QByteArray> next =
            std::async(std::launch::async, build, size_t(0), std::min(batch, rows));
        for (size_t begin = 0; begin < rows; begin += batch) {
            const QByteArray tsv = next.get();
            const size_t following = begin + batch;
            if (following < rows) {
                next = std::async(std::launch::async, build, following,
                                  std::min(following + batch, rows));
            }
            if (auto result = insert(table, columns, tsv); !result)
                return result; // `next` finishes before it is destroyed
        }
        return {};
    };

    if (auto result =
            pipeline(logs.requests.size(), buildRequests, u"gateway_requests"_s, RequestColumns);
        !result) {
        return result;
    }
    if (auto result =
            pipeline(logs.webhooks.size(), buildWebhooks, u"webhook_deliveries"_s, WebhookColumns);
        !result) {
        return result;
    }
    qCInfo(lcSandbox) << "loaded" << logs.requests.size() << "requests and" << logs.webhooks.size()
                      << "webhook deliveries in" << timer.elapsed() << "ms";
    return {};
}

Result<void> ClickHouseLoader::recreateAndLoad(const Scenario &scenario, const GeneratedLogs &logs)
{
    if (auto result = recreate(); !result)
        return result;
    return load(scenario, logs);
}

} // namespace Casefile::Sandbox
