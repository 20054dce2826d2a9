#pragma once

#include "sandbox/scenario.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace Casefile::Sandbox {

// One row of `gateway_requests` (contracts/log-schema.md). Strings that repeat across rows
// (provider, model, error code, cache status) are indices into GeneratedLogs::strings so that
// a million rows stay small; the rest of the stream's fields come from `stream`.
struct RequestRow
{
    qint64 ts = 0;         // Unix seconds, UTC
    quint64 requestId = 0; // rendered by requestIdText()
    quint64 traceId = 0;   // 0: no trace id
    quint32 latencyMs = 0;
    quint32 providerLatencyMs = 0;
    quint32 ttftMs = 0; // time to the first streamed token (0: not streamed or failed)
    quint32 promptTokens = 0;
    quint32 completionTokens = 0;
    quint32 cachedTokens = 0;
    double costUsd = 0;
    quint16 stream = 0;   // index into Scenario::streams
    quint16 provider = 0; // index into GeneratedLogs::strings
    quint16 model = 0;
    quint16 errorCode = 0; // 0 is ''
    quint16 cacheStatus = 0;
    quint16 status = 200;
    quint8 attempts = 1;
    quint8 fallbackUsed = 0;
    bool metadataDropped = false;
};

// One row of `webhook_deliveries`.
struct WebhookRow
{
    qint64 ts = 0;
    quint64 deliveryId = 0; // rendered by deliveryIdText(); shared by the retries of one event
    quint32 latencyMs = 0;
    quint16 stream = 0; // index into Scenario::webhookStreams
    quint16 event = 0;  // index into GeneratedLogs::strings
    quint16 error = 0;  // index into GeneratedLogs::strings, 0 is ''
    quint16 status = 200;
    quint8 attempt = 1;
};

// The generated logs of one scenario. Rows are in generation order (minute by minute);
// they are not sorted within a minute.
struct GeneratedLogs
{
    QStringList strings{QString()}; // interned values; index 0 is the empty string
    std::vector<RequestRow> requests;
    std::vector<WebhookRow> webhooks;

    const QString &string(quint16 index) const { return strings.at(index); }
};

QByteArray requestIdText(quint64 id);  // "req_0123456789abcdef"
QByteArray traceIdText(quint64 id);    // "trc_…" or '' for 0
QByteArray deliveryIdText(quint64 id); // "whd_…"

// Generates a scenario's logs, deterministically for its seed: the same scenario gives the
// same rows on every run. `rowsScale` multiplies every stream's rate (benchmarks).
// Not thread-safe; a Generator may be used from any one thread.
class Generator
{
public:
    explicit Generator(const Scenario &scenario, double rowsScale = 1.0);

    // Streams the rows in generation order; the rows reference `strings()`, which only grows.
    void generate(const std::function<void(const RequestRow &)> &onRequest,
                  const std::function<void(const WebhookRow &)> &onWebhook);
    const QStringList &strings() const { return m_strings; }

private:
    quint16 intern(const QString &value);
    qint64 firstMinute() const; // the whole minute the traffic window starts in
    // Interns every request stream's strings, then streams the rows if `onRequest` is set.
    void generateRequests(const std::function<void(const RequestRow &)> &onRequest);
    void generateWebhooks(const std::function<void(const WebhookRow &)> &onWebhook);

    const Scenario &m_scenario;
    double m_rowsScale = 1.0;
    QStringList m_strings{QString()};
};

GeneratedLogs generateLogs(const Scenario &scenario, double rowsScale = 1.0);

// An order-independent checksum of every field of every row (tests, determinism checks).
quint64 logsChecksum(const Scenario &scenario, const GeneratedLogs &logs);

// Price per million tokens used for cost_usd (input, output, cached input).
struct ModelPrice
{
    double input = 1.0;
    double output = 3.0;
    double cachedInput = 0.5;
};
ModelPrice modelPrice(const QString &model);

} // namespace Casefile::Sandbox
