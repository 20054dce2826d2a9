#include "sandbox/clickhouseloader.h"

#include "sandbox/clickhousehttp.h"

#include <QElapsedTimer>

#include <charconv>
#include <vector>

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

constexpr const char *RequestColumns =
    "ts, request_id, trace_id, org_id, api_key_id, config_id, route, provider, model, status, "
    "error_code, latency_ms, provider_latency_ms, attempts, fallback_used, cache_status, "
    "prompt_tokens, completion_tokens, cached_tokens, cost_usd, sdk, metadata";
constexpr const char *WebhookColumns =
    "ts, delivery_id, org_id, endpoint, event, status, error, attempt, latency_ms";

// Appends numbers without the allocations of QByteArray::number().
template<typename T>
void appendNumber(QByteArray &out, T value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

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
    metadata String
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
    auto result = m_http->post(sql, tsv, 300000);
    if (!result)
        return std::unexpected(result.error());
    return {};
}

Result<void> ClickHouseLoader::load(const Scenario &scenario, const GeneratedLogs &logs,
                                    int batchRows)
{
    QElapsedTimer timer;
    timer.start();
    batchRows = std::max(1000, batchRows);

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
    const QByteArray emptyMetadata = "{}";

    QByteArray tsv;
    tsv.reserve(static_cast<qsizetype>(batchRows) * 260);
    int inBatch = 0;
    for (const RequestRow &r : logs.requests) {
        const StreamText &st = streams.at(r.stream);
        appendNumber(tsv, r.ts);
        tsv += '\t';
        tsv += requestIdText(r.requestId);
        tsv += '\t';
        tsv += traceIdText(r.traceId);
        tsv += '\t';
        tsv += st.org;
        tsv += '\t';
        tsv += st.apiKey;
        tsv += '\t';
        tsv += st.config;
        tsv += '\t';
        tsv += st.route;
        tsv += '\t';
        tsv += strings.at(r.provider);
        tsv += '\t';
        tsv += strings.at(r.model);
        tsv += '\t';
        appendNumber(tsv, r.status);
        tsv += '\t';
        tsv += strings.at(r.errorCode);
        tsv += '\t';
        appendNumber(tsv, r.latencyMs);
        tsv += '\t';
        appendNumber(tsv, r.providerLatencyMs);
        tsv += '\t';
        appendNumber(tsv, static_cast<unsigned>(r.attempts));
        tsv += '\t';
        appendNumber(tsv, static_cast<unsigned>(r.fallbackUsed));
        tsv += '\t';
        tsv += strings.at(r.cacheStatus);
        tsv += '\t';
        appendNumber(tsv, r.promptTokens);
        tsv += '\t';
        appendNumber(tsv, r.completionTokens);
        tsv += '\t';
        appendNumber(tsv, r.cachedTokens);
        tsv += '\t';
        appendNumber(tsv, r.costUsd);
        tsv += '\t';
        tsv += st.sdk;
        tsv += '\t';
        tsv += r.metadataDropped ? emptyMetadata : st.metadata;
        tsv += '\n';
        if (++inBatch >= batchRows) {
            if (auto result = insert(u"gateway_requests"_s, RequestColumns, tsv); !result)
                return result;
            tsv.resize(0);
            inBatch = 0;
        }
    }
    if (auto result = insert(u"gateway_requests"_s, RequestColumns, tsv); !result)
        return result;
    tsv.resize(0);
    inBatch = 0;

    std::vector<StreamText> hooks;
    for (const WebhookStream &w : scenario.webhookStreams)
        hooks.push_back({escaped(w.org), {}, {}, escaped(w.endpoint), {}, {}});
    for (const WebhookRow &w : logs.webhooks) {
        const StreamText &st = hooks.at(w.stream);
        appendNumber(tsv, w.ts);
        tsv += '\t';
        tsv += deliveryIdText(w.deliveryId);
        tsv += '\t';
        tsv += st.org;
        tsv += '\t';
        tsv += st.route;
        tsv += '\t';
        tsv += strings.at(w.event);
        tsv += '\t';
        appendNumber(tsv, w.status);
        tsv += '\t';
        tsv += strings.at(w.error);
        tsv += '\t';
        appendNumber(tsv, static_cast<unsigned>(w.attempt));
        tsv += '\t';
        appendNumber(tsv, w.latencyMs);
        tsv += '\n';
        if (++inBatch >= batchRows) {
            if (auto result = insert(u"webhook_deliveries"_s, WebhookColumns, tsv); !result)
                return result;
            tsv.resize(0);
            inBatch = 0;
        }
    }
    if (auto result = insert(u"webhook_deliveries"_s, WebhookColumns, tsv); !result)
        return result;
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
