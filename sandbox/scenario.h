#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Casefile::Sandbox {

// A scenario file (contracts/scenario-format.md) as loaded by casefile-sandbox. `root` keeps
// the whole document because vendor objects are served verbatim by the fakes; the typed
// views below are the parts the log generator and the billing rules need, already checked.
// Times are UTC; an invalid QDateTime in a `to` means "until the end of the traffic".

// `match` of an anomaly: field name -> required value; empty matches everything.
using MatchRule = QMap<QString, QString>;

struct ScenarioOrg
{
    QString id;
    QString name;
    QString domain;
    QString stripeCustomer;
    QString plan;
};

// A business-hours rhythm (optional `daily_cycle` of a stream): full volume between
// `from_hour` and `to_hour` UTC, `night` of it outside, an hour-long ramp either side, and the
// provider's latency × `latency` at the busiest hours. Without it the traffic follows the
// default ±30% daily sine.
struct DailyCycle
{
    bool set = false;
    int fromHour = 8;
    int toHour = 18;
    double night = 0.3;
    double latency = 1.0;

    double level(qint64 unixSeconds) const; // 0 at night … 1 in business hours
    double volume(qint64 unixSeconds) const { return night + (1.0 - night) * level(unixSeconds); }
    double latencyFactor(qint64 unixSeconds) const
    {
        return 1.0 + (latency - 1.0) * level(unixSeconds);
    }
};

struct TrafficStream
{
    QString org;
    QString route;
    QString provider;
    QString model;
    double perMinute = 0;
    double latencyP50 = 0; // provider time, ms
    double latencyP95 = 0;
    double gatewayMs = 0;
    double errorRate = 0;
    double promptTokens = 0;
    double completionTokens = 0;
    double cachedShare = 0;
    QString configId;
    QString apiKeyId;
    QString sdk;
    QByteArray metadataJson = "{}"; // compact JSON object
    DailyCycle cycle;
    // optional `streaming`: responses are streamed and the first token arrives after this
    // share of the provider's time (0: not streamed, `ttft_ms` stays 0)
    double firstTokenShare = 0;

    // The value of a `match` key for this stream ('' for an unknown key).
    QString field(const QString &name) const;
};

struct FallbackTarget
{
    QString provider;
    QString model;
};

struct TrafficAnomaly
{
    enum class Kind { Latency, Errors, Timeouts, MetadataDropped, RateLimited, Volume };
    // generation: the answers take longer to finish (longer completions, more completion
    // tokens), the first token arrives as before
    enum class Component { Provider, Gateway, Generation };

    Kind kind = Kind::Latency;
    QDateTime from;
    QDateTime to; // invalid: open-ended
    MatchRule match;
    Component component = Component::Provider; // latency
    double factor = 1.0;                       // latency, volume
    double rate = 1.0;                         // errors, timeouts, rate_limited
    int status = 0;                            // errors (required), timeouts (408 or 504)
    QString errorCode;                         // errors
    int afterMs = 0;                           // timeouts
    std::optional<FallbackTarget> fallbackTo;  // errors, timeouts

    bool activeAt(qint64 unixSeconds) const;
};

struct WebhookStream
{
    QString org;
    QString endpoint;
    QStringList events;
    double perMinute = 0;
    double latencyMs = 0;
};

struct WebhookAnomaly
{
    QDateTime from;
    QDateTime to;
    MatchRule match; // org, endpoint, event
    double rate = 1.0;
    int status = 0;
    QString error;

    bool activeAt(qint64 unixSeconds) const;
};

// A line of a derived invoice that is not usage (seats, a support plan): optional
// `extra_lines` of an invoice, `{description, quantity, unit_amount, nickname?}`.
struct BillingExtraLine
{
    QString description;
    QString nickname;
    qint64 quantity = 1;
    qint64 unitAmount = 0; // cents
};

struct BillingInvoice
{
    QString id;
    QString org;
    QString status;
    QDateTime from;
    QDateTime to;
    QList<BillingExtraLine> extraLines;
};

struct BillingFault
{
    enum class Kind { DoubleCount, Dropped };
    Kind kind = Kind::DoubleCount;
    QDateTime from;
    QDateTime to;
    MatchRule match; // stream fields
    double rate = 1.0;

    bool activeAt(qint64 unixSeconds) const;
};

enum class CachedTokens { Excluded, BilledFull, BilledDiscounted };

// One metered price: which log columns it counts and how, and the faults of its pipeline.
struct BillingMeter
{
    QString meter = QStringLiteral("llm_tokens"); // the meter's event name
    QString nickname;                             // the price's nickname ('' none)
    QString unit = QStringLiteral("tokens");
    QStringList counts = {QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens")};
    CachedTokens cachedTokens = CachedTokens::Excluded;
    double cachedDiscount = 0.1;
    QString unitAmountDecimal;
    QList<BillingFault> faults;
};

struct BillingRules
{
    using CachedTokens = Sandbox::CachedTokens;
    QString meter = QStringLiteral("llm_tokens");
    QString unit = QStringLiteral("tokens");
    QStringList counts = {QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens")};
    CachedTokens cachedTokens = CachedTokens::Excluded;
    double cachedDiscount = 0.1;
    QString unitAmountDecimal;
    QList<BillingInvoice> invoices;
    QList<BillingFault> faults;
    // Every metered price of a derived invoice: the optional `meters`, or else the one above.
    QList<BillingMeter> meters;
};

struct Scenario
{
    static constexpr auto FormatId = "casefile-scenario/1";

    QString path; // where it was loaded from ('' for in-memory scenarios)
    QJsonObject root;
    QString name;
    QString description;
    QDateTime now;
    QList<ScenarioOrg> orgs;

    quint64 seed = 0;
    QDateTime trafficFrom;
    QDateTime trafficTo;
    QList<TrafficStream> streams;
    QList<TrafficAnomaly> anomalies;
    QList<WebhookStream> webhookStreams;
    QList<WebhookAnomaly> webhookAnomalies;
    BillingRules billing;

    QJsonArray tickets;
    QJsonObject truth; // evaluation only; never served
};

// Reads and checks a scenario. Errors are one line: `FILE: $.json.path: what is wrong`, or
// `FILE: line L, column C: ...` for a JSON syntax error.
Result<Scenario> loadScenario(const QString &path);
Result<Scenario> parseScenario(const QByteArray &json, const QString &path = {});

// Whether `rule` matches, given a lookup of field values.
template<typename Lookup>
bool matches(const MatchRule &rule, Lookup &&lookup)
{
    for (auto it = rule.cbegin(); it != rule.cend(); ++it) {
        if (lookup(it.key()) != it.value())
            return false;
    }
    return true;
}

} // namespace Casefile::Sandbox
