#include "sandbox/scenario.h"

#include "core/time.h"
#include "sandbox/sandboxlogging.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

// Thrown inside the parser only; parseScenario() turns it into an Error. It keeps the
// checks below linear instead of threading a Result through every accessor.
struct InvalidField
{
    QString path;
    QString what;
};

[[noreturn]] void invalid(const QString &path, const QString &what)
{
    throw InvalidField{path, what};
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// Keys that may annotate any generator object without meaning anything to it.
bool isCommentKey(const QString &key)
{
    return key == "description"_L1 || key == "comment"_L1 || key == "note"_L1 ||
           key == "_comment"_L1;
}

// A JSON object with a path, and typed accessors that fail with that path.
class Node
{
public:
    Node(QJsonObject object, QString path)
        : m_object(std::move(object))
        , m_path(std::move(path))
    {}

    const QJsonObject &object() const { return m_object; }
    const QString &path() const { return m_path; }
    QString at(const QString &key) const { return m_path + u'.' + key; }
    bool has(const QString &key) const
    {
        return m_object.contains(key) && !m_object.value(key).isNull();
    }

    void allowOnly(const QStringList &keys) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!keys.contains(it.key()) && !isCommentKey(it.key()))
                invalid(at(it.key()),
                        u"unknown key (expected one of %1)"_s.arg(keys.join(u", "_s)));
        }
    }

    QJsonValue required(const QString &key) const
    {
        if (!m_object.contains(key))
            invalid(at(key), u"missing"_s);
        return m_object.value(key);
    }

    QString string(const QString &key, const QString &fallback = {}, bool isRequired = false) const
    {
        if (!has(key)) {
            if (isRequired)
                invalid(at(key), u"expected a string"_s);
            return fallback;
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isString())
            invalid(at(key), u"expected a string, found %1"_s.arg(typeName(v)));
        return v.toString();
    }

    double number(const QString &key, double fallback, bool isRequired = false, double min = 0,
                  double max = 1e12) const
    {
        if (!has(key)) {
            if (isRequired)
                invalid(at(key), u"expected a number"_s);
            return fallback;
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isDouble())
            invalid(at(key), u"expected a number, found %1"_s.arg(typeName(v)));
        const double d = v.toDouble();
        if (d < min || d > max)
            invalid(at(key), u"%1 is out of range [%2, %3]"_s.arg(d).arg(min).arg(max));
        return d;
    }

    int integer(const QString &key, int fallback, bool isRequired = false, int min = 0,
                int max = 1 << 30) const
    {
        const double d = number(key, fallback, isRequired, min, max);
        if (d != static_cast<double>(static_cast<int>(d)))
            invalid(at(key), u"expected an integer"_s);
        return static_cast<int>(d);
    }

    QDateTime time(const QString &key, bool isRequired) const
    {
        if (!has(key)) {
            if (isRequired)
                invalid(at(key), u"expected an ISO-8601 UTC time"_s);
            return {};
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isString())
            invalid(at(key), u"expected an ISO-8601 UTC time, found %1"_s.arg(typeName(v)));
        const QDateTime t = fromIso(v.toString());
        if (!t.isValid())
            invalid(at(key), u"\"%1\" is not an ISO-8601 time"_s.arg(v.toString()));
        return t.toUTC();
    }

    Node child(const QString &key, bool isRequired = false) const
    {
        if (!has(key)) {
            if (isRequired)
                invalid(at(key), u"expected an object"_s);
            return Node({}, at(key));
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isObject())
            invalid(at(key), u"expected an object, found %1"_s.arg(typeName(v)));
        return Node(v.toObject(), at(key));
    }

    QJsonArray array(const QString &key, bool isRequired = false) const
    {
        if (!has(key)) {
            if (isRequired)
                invalid(at(key), u"expected an array"_s);
            return {};
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isArray())
            invalid(at(key), u"expected an array, found %1"_s.arg(typeName(v)));
        return v.toArray();
    }

    // Each element of an array of objects, with its path.
    QList<Node> objects(const QString &key, bool isRequired = false) const
    {
        const QJsonArray items = array(key, isRequired);
        QList<Node> nodes;
        nodes.reserve(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(at(key)).arg(i);
            if (!items.at(i).isObject())
                invalid(p, u"expected an object, found %1"_s.arg(typeName(items.at(i))));
            nodes.append(Node(items.at(i).toObject(), p));
        }
        return nodes;
    }

    QStringList strings(const QString &key, bool isRequired = false) const
    {
        const QJsonArray items = array(key, isRequired);
        QStringList out;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isString()) {
                invalid(u"%1[%2]"_s.arg(at(key)).arg(i),
                        u"expected a string, found %1"_s.arg(typeName(items.at(i))));
            }
            out.append(items.at(i).toString());
        }
        return out;
    }

    MatchRule match(const QStringList &allowedKeys) const
    {
        const Node m = child(u"match"_s);
        MatchRule rule;
        for (auto it = m.object().begin(); it != m.object().end(); ++it) {
            if (!allowedKeys.contains(it.key())) {
                invalid(m.at(it.key()),
                        u"unknown match key (expected one of %1)"_s.arg(allowedKeys.join(u", "_s)));
            }
            if (!it.value().isString())
                invalid(m.at(it.key()), u"expected a string, found %1"_s.arg(typeName(it.value())));
            rule.insert(it.key(), it.value().toString());
        }
        return rule;
    }

private:
    QJsonObject m_object;
    QString m_path;
};

const QStringList &streamMatchKeys()
{
    static const QStringList keys = {u"org"_s, u"route"_s,     u"provider"_s,  u"model"_s,
                                     u"sdk"_s, u"config_id"_s, u"api_key_id"_s};
    return keys;
}

void checkWindow(const Node &n, const QDateTime &from, const QDateTime &to)
{
    if (from.isValid() && to.isValid() && to < from)
        invalid(n.at(u"to"_s), u"ends before \"from\""_s);
}

TrafficStream parseStream(const Node &n)
{
    n.allowOnly({u"org"_s, u"route"_s, u"provider"_s, u"model"_s, u"per_minute"_s, u"latency_ms"_s,
                 u"gateway_ms"_s, u"error_rate"_s, u"tokens"_s, u"config_id"_s, u"api_key_id"_s,
                 u"sdk"_s, u"metadata"_s, u"daily_cycle"_s, u"streaming"_s});
    TrafficStream s;
    if (n.has(u"streaming"_s)) {
        const Node streaming = n.child(u"streaming"_s);
        streaming.allowOnly({u"first_token_share"_s});
        s.firstTokenShare = streaming.number(u"first_token_share"_s, 0.3, false, 0.01, 1);
    }
    s.org = n.string(u"org"_s, {}, true);
    s.route = n.string(u"route"_s, {}, true);
    s.provider = n.string(u"provider"_s, {}, true);
    s.model = n.string(u"model"_s, {});
    s.perMinute = n.number(u"per_minute"_s, 0, true, 0, 1e6);
    const Node latency = n.child(u"latency_ms"_s, true);
    latency.allowOnly({u"p50"_s, u"p95"_s});
    s.latencyP50 = latency.number(u"p50"_s, 0, true, 0, 1e7);
    s.latencyP95 = latency.number(u"p95"_s, 0, true, 0, 1e7);
    if (s.latencyP95 < s.latencyP50)
        invalid(latency.at(u"p95"_s), u"must not be below p50"_s);
    if (s.latencyP50 == 0 && s.latencyP95 > 0)
        invalid(latency.at(u"p50"_s), u"must be above 0 when p95 is"_s);
    s.gatewayMs = n.number(u"gateway_ms"_s, 0, false, 0, 1e7);
    s.errorRate = n.number(u"error_rate"_s, 0, false, 0, 1);
    const Node tokens = n.child(u"tokens"_s);
    tokens.allowOnly({u"prompt"_s, u"completion"_s, u"cached_share"_s});
    s.promptTokens = tokens.number(u"prompt"_s, 0, false, 0, 1e8);
    s.completionTokens = tokens.number(u"completion"_s, 0, false, 0, 1e8);
    s.cachedShare = tokens.number(u"cached_share"_s, 0, false, 0, 1);
    s.configId = n.string(u"config_id"_s);
    s.apiKeyId = n.string(u"api_key_id"_s);
    s.sdk = n.string(u"sdk"_s);
    const Node metadata = n.child(u"metadata"_s);
    s.metadataJson = QJsonDocument(metadata.object()).toJson(QJsonDocument::Compact);
    if (n.has(u"daily_cycle"_s)) {
        const Node c = n.child(u"daily_cycle"_s);
        c.allowOnly({u"from_hour"_s, u"to_hour"_s, u"night"_s, u"latency"_s});
        s.cycle.set = true;
        s.cycle.fromHour = c.integer(u"from_hour"_s, 8, false, 1, 22);
        s.cycle.toHour = c.integer(u"to_hour"_s, 18, false, 2, 23);
        if (s.cycle.toHour <= s.cycle.fromHour)
            invalid(c.at(u"to_hour"_s), u"must be after \"from_hour\""_s);
        s.cycle.night = c.number(u"night"_s, 0.3, false, 0, 1);
        s.cycle.latency = c.number(u"latency"_s, 1.0, false, 0.1, 10);
    }
    return s;
}

std::optional<FallbackTarget> parseFallback(const Node &n)
{
    if (!n.has(u"fallback_to"_s))
        return std::nullopt;
    const Node f = n.child(u"fallback_to"_s);
    f.allowOnly({u"provider"_s, u"model"_s});
    return FallbackTarget{f.string(u"provider"_s, {}, true), f.string(u"model"_s, {}, true)};
}

TrafficAnomaly parseAnomaly(const Node &n)
{
    static const QMap<QString, TrafficAnomaly::Kind> kinds = {
        {u"latency"_s, TrafficAnomaly::Kind::Latency},
        {u"errors"_s, TrafficAnomaly::Kind::Errors},
        {u"timeouts"_s, TrafficAnomaly::Kind::Timeouts},
        {u"metadata_dropped"_s, TrafficAnomaly::Kind::MetadataDropped},
        {u"rate_limited"_s, TrafficAnomaly::Kind::RateLimited},
        {u"volume"_s, TrafficAnomaly::Kind::Volume}};
    const QString kindName = n.string(u"kind"_s, {}, true);
    if (!kinds.contains(kindName)) {
        invalid(n.at(u"kind"_s), u"unknown anomaly kind \"%1\" (expected one of %2)"_s.arg(
                                     kindName, kinds.keys().join(u", "_s)));
    }
    TrafficAnomaly a;
    a.kind = kinds.value(kindName);
    QStringList allowed = {u"kind"_s, u"from"_s, u"to"_s, u"match"_s};
    a.from = n.time(u"from"_s, false);
    a.to = n.time(u"to"_s, false);
    checkWindow(n, a.from, a.to);
    a.match = n.match(streamMatchKeys());
    switch (a.kind) {
    case TrafficAnomaly::Kind::Latency: {
        allowed << u"component"_s << u"factor"_s;
        const QString component = n.string(u"component"_s, u"provider"_s);
        if (component == "gateway"_L1)
            a.component = TrafficAnomaly::Component::Gateway;
        else if (component == "generation"_L1)
            a.component = TrafficAnomaly::Component::Generation;
        else if (component != "provider"_L1)
            invalid(n.at(u"component"_s),
                    u"expected \"provider\", \"gateway\" or \"generation\""_s);
        a.factor = n.number(u"factor"_s, 1, true, 0, 1e4);
        break;
    }
    case TrafficAnomaly::Kind::Errors:
        allowed << u"rate"_s << u"status"_s << u"error_code"_s << u"fallback_to"_s;
        a.rate = n.number(u"rate"_s, 1, false, 0, 1);
        a.status = n.integer(u"status"_s, 0, true, 100, 599);
        a.errorCode = n.string(u"error_code"_s, {}, true);
        a.fallbackTo = parseFallback(n);
        break;
    case TrafficAnomaly::Kind::Timeouts:
        allowed << u"rate"_s << u"after_ms"_s << u"fallback_to"_s << u"status"_s;
        a.rate = n.number(u"rate"_s, 1, false, 0, 1);
        a.afterMs = n.integer(u"after_ms"_s, 0, true, 1, 3600 * 1000);
        a.status = n.integer(u"status"_s, 504, false, 100, 599);
        if (a.status != 408 && a.status != 504)
            invalid(n.at(u"status"_s), u"expected 408 or 504"_s);
        a.errorCode = u"provider_timeout"_s;
        a.fallbackTo = parseFallback(n);
        break;
    case TrafficAnomaly::Kind::MetadataDropped:
        break;
    case TrafficAnomaly::Kind::RateLimited:
        allowed << u"rate"_s;
        a.rate = n.number(u"rate"_s, 1, false, 0, 1);
        a.status = 429;
        a.errorCode = u"rate_limited"_s;
        break;
    case TrafficAnomaly::Kind::Volume:
        allowed << u"factor"_s;
        a.factor = n.number(u"factor"_s, 1, true, 0, 1e4);
        break;
    }
    n.allowOnly(allowed);
    return a;
}

void parseTraffic(const Node &n, Scenario &s)
{
    n.allowOnly({u"seed"_s, u"from"_s, u"to"_s, u"streams"_s, u"anomalies"_s});
    const double seed = n.number(u"seed"_s, 0, false, 0, 9007199254740991.0);
    s.seed = static_cast<quint64>(seed);
    s.trafficFrom = n.time(u"from"_s, true);
    s.trafficTo = n.time(u"to"_s, true);
    if (s.trafficTo <= s.trafficFrom)
        invalid(n.at(u"to"_s), u"must be after \"from\""_s);
    if (s.trafficFrom.secsTo(s.trafficTo) > 400LL * 24 * 3600)
        invalid(n.at(u"to"_s), u"the traffic spans more than 400 days"_s);
    for (const Node &stream : n.objects(u"streams"_s))
        s.streams.append(parseStream(stream));
    const QList<Node> anomalies = n.objects(u"anomalies"_s);
    for (const Node &a : anomalies)
        s.anomalies.append(parseAnomaly(a));
}

void parseWebhooks(const Node &n, Scenario &s)
{
    n.allowOnly({u"streams"_s, u"anomalies"_s});
    for (const Node &w : n.objects(u"streams"_s)) {
        w.allowOnly({u"org"_s, u"endpoint"_s, u"events"_s, u"per_minute"_s, u"latency_ms"_s});
        WebhookStream ws;
        ws.org = w.string(u"org"_s, {}, true);
        ws.endpoint = w.string(u"endpoint"_s, {}, true);
        ws.events = w.strings(u"events"_s, true);
        if (ws.events.isEmpty())
            invalid(w.at(u"events"_s), u"expected at least one event"_s);
        ws.perMinute = w.number(u"per_minute"_s, 0, true, 0, 1e6);
        ws.latencyMs = w.number(u"latency_ms"_s, 100, false, 0, 1e7);
        s.webhookStreams.append(ws);
    }
    for (const Node &a : n.objects(u"anomalies"_s)) {
        a.allowOnly(
            {u"kind"_s, u"from"_s, u"to"_s, u"match"_s, u"rate"_s, u"status"_s, u"error"_s});
        const QString kind = a.string(u"kind"_s, {}, true);
        if (kind != "failures"_L1)
            invalid(a.at(u"kind"_s),
                    u"unknown webhook anomaly kind \"%1\" (expected failures)"_s.arg(kind));
        WebhookAnomaly wa;
        wa.from = a.time(u"from"_s, false);
        wa.to = a.time(u"to"_s, false);
        checkWindow(a, wa.from, wa.to);
        wa.match = a.match({u"org"_s, u"endpoint"_s, u"event"_s});
        wa.rate = a.number(u"rate"_s, 1, false, 0, 1);
        wa.status = a.integer(u"status"_s, 0, false, 0, 599);
        wa.error = a.string(u"error"_s);
        s.webhookAnomalies.append(wa);
    }
}

CachedTokens parseCachedTokens(const Node &n, CachedTokens fallback)
{
    if (!n.has(u"cached_tokens"_s))
        return fallback;
    const QString cached = n.string(u"cached_tokens"_s);
    if (cached == "excluded"_L1)
        return CachedTokens::Excluded;
    if (cached == "billed_full"_L1)
        return CachedTokens::BilledFull;
    if (cached == "billed_discounted"_L1)
        return CachedTokens::BilledDiscounted;
    invalid(n.at(u"cached_tokens"_s), u"expected excluded, billed_full or billed_discounted"_s);
    return fallback;
}

QStringList parseCounts(const Node &n, const QStringList &fallback)
{
    if (!n.has(u"counts"_s))
        return fallback;
    const QStringList counts = n.strings(u"counts"_s);
    const QStringList known = {u"prompt_tokens"_s, u"completion_tokens"_s, u"cached_tokens"_s,
                               u"requests"_s};
    for (qsizetype i = 0; i < counts.size(); ++i) {
        if (!known.contains(counts.at(i))) {
            invalid(u"%1[%2]"_s.arg(n.at(u"counts"_s)).arg(i),
                    u"unknown count \"%1\" (expected one of %2)"_s.arg(counts.at(i),
                                                                       known.join(u", "_s)));
        }
    }
    return counts;
}

QString parseUnitAmount(const Node &n, const QString &fallback)
{
    if (!n.has(u"unit_amount_decimal"_s))
        return fallback;
    if (n.object().value(u"unit_amount_decimal"_s).isDouble())
        return QString::number(n.object().value(u"unit_amount_decimal"_s).toDouble());
    return n.string(u"unit_amount_decimal"_s);
}

QList<BillingFault> parseBillingFaults(const Node &n)
{
    QList<BillingFault> faults;
    for (const Node &f : n.objects(u"faults"_s)) {
        f.allowOnly({u"kind"_s, u"from"_s, u"to"_s, u"match"_s, u"rate"_s});
        BillingFault fault;
        const QString kind = f.string(u"kind"_s, {}, true);
        if (kind == "double_count"_L1)
            fault.kind = BillingFault::Kind::DoubleCount;
        else if (kind == "dropped"_L1)
            fault.kind = BillingFault::Kind::Dropped;
        else
            invalid(f.at(u"kind"_s),
                    u"unknown billing fault \"%1\" (expected double_count or dropped)"_s.arg(kind));
        fault.from = f.time(u"from"_s, false);
        fault.to = f.time(u"to"_s, false);
        checkWindow(f, fault.from, fault.to);
        fault.match = f.match(streamMatchKeys());
        fault.rate = f.number(u"rate"_s, 1, false, 0, 1);
        faults.append(fault);
    }
    return faults;
}

BillingInvoice parseBillingInvoice(const Node &i)
{
    BillingInvoice inv;
    inv.id = i.string(u"id"_s, {}, true);
    inv.org = i.string(u"org"_s, {}, true);
    inv.status = i.string(u"status"_s, u"open"_s);
    inv.from = i.time(u"from"_s, true);
    inv.to = i.time(u"to"_s, true);
    checkWindow(i, inv.from, inv.to);
    for (const Node &l : i.objects(u"extra_lines"_s)) {
        l.allowOnly({u"description"_s, u"nickname"_s, u"quantity"_s, u"unit_amount"_s});
        BillingExtraLine line;
        line.description = l.string(u"description"_s, {}, true);
        line.nickname = l.string(u"nickname"_s);
        line.quantity = l.integer(u"quantity"_s, 1, false, 0, 1000000000);
        line.unitAmount = l.integer(u"unit_amount"_s, 0, false, 0, 1000000000);
        inv.extraLines.append(line);
    }
    return inv;
}

void parseBilling(const Node &n, Scenario &s)
{
    n.allowOnly({u"meter"_s, u"unit"_s, u"counts"_s, u"cached_tokens"_s, u"cached_discount"_s,
                 u"unit_amount_decimal"_s, u"invoices"_s, u"faults"_s, u"meters"_s,
                 u"minimum_quantity"_s});
    // optional: an invoice line bills at least this quantity (read by the Stripe fake)
    n.number(u"minimum_quantity"_s, 0, false, 0, 1e15);
    BillingRules &b = s.billing;
    b.meter = n.string(u"meter"_s, b.meter);
    b.unit = n.string(u"unit"_s, b.unit);
    b.counts = parseCounts(n, b.counts);
    b.cachedTokens = parseCachedTokens(n, CachedTokens::Excluded);
    b.cachedDiscount = n.number(u"cached_discount"_s, b.cachedDiscount, false, 0, 1);
    b.unitAmountDecimal = parseUnitAmount(n, {});
    for (const Node &i : n.objects(u"invoices"_s))
        b.invoices.append(parseBillingInvoice(i));
    b.faults = parseBillingFaults(n);
    // several metered prices (input, output, cached tokens…); each defaults to the rules above
    for (const Node &m : n.objects(u"meters"_s)) {
        m.allowOnly({u"meter"_s, u"nickname"_s, u"unit"_s, u"counts"_s, u"cached_tokens"_s,
                     u"cached_discount"_s, u"unit_amount_decimal"_s, u"faults"_s,
                     u"minimum_quantity"_s});
        m.number(u"minimum_quantity"_s, 0, false, 0, 1e15);
        BillingMeter meter;
        meter.meter = m.string(u"meter"_s, {}, true);
        meter.nickname = m.string(u"nickname"_s);
        meter.unit = m.string(u"unit"_s, b.unit);
        meter.counts = parseCounts(m, b.counts);
        meter.cachedTokens = parseCachedTokens(m, b.cachedTokens);
        meter.cachedDiscount = m.number(u"cached_discount"_s, b.cachedDiscount, false, 0, 1);
        meter.unitAmountDecimal = parseUnitAmount(m, b.unitAmountDecimal);
        meter.faults = parseBillingFaults(m);
        for (const BillingMeter &other : std::as_const(b.meters)) {
            if (other.meter == meter.meter)
                invalid(m.at(u"meter"_s), u"another meter has the name \"%1\""_s.arg(meter.meter));
        }
        b.meters.append(meter);
    }
    if (b.meters.isEmpty())
        b.meters.append({b.meter,
                         {},
                         b.unit,
                         b.counts,
                         b.cachedTokens,
                         b.cachedDiscount,
                         b.unitAmountDecimal,
                         b.faults});
}

void parseRoot(const QJsonObject &root, Scenario &s)
{
    const Node n(root, u"$"_s);
    n.allowOnly({u"format"_s,          u"name"_s,       u"description"_s, u"now"_s,
                 u"company"_s,         u"orgs"_s,       u"traffic"_s,     u"webhooks"_s,
                 u"billing"_s,         u"github"_s,     u"linear"_s,      u"jira"_s,
                 u"stripe"_s,          u"statuspage"_s, u"pagerduty"_s,   u"docs"_s,
                 u"gateway_configs"_s, u"tickets"_s,    u"truth"_s,       u"answers"_s});
    const QJsonValue format = n.required(u"format"_s);
    if (format.toString() != QLatin1StringView(Scenario::FormatId))
        invalid(n.at(u"format"_s), u"expected \"%1\""_s.arg(QLatin1StringView(Scenario::FormatId)));
    s.name = n.string(u"name"_s, {}, true);
    s.description = n.string(u"description"_s);
    s.now = n.time(u"now"_s, true);
    n.child(u"company"_s); // type check only: served by the fakes
    for (const Node &o : n.objects(u"orgs"_s)) {
        ScenarioOrg org;
        org.id = o.string(u"id"_s, {}, true);
        org.name = o.string(u"name"_s, org.id);
        org.domain = o.string(u"domain"_s);
        org.stripeCustomer = o.string(u"stripe_customer"_s);
        org.plan = o.string(u"plan"_s);
        s.orgs.append(org);
    }
    if (n.has(u"traffic"_s)) {
        parseTraffic(n.child(u"traffic"_s), s);
    } else {
        s.trafficFrom = s.now.addDays(-1);
        s.trafficTo = s.now;
    }
    parseWebhooks(n.child(u"webhooks"_s), s);
    parseBilling(n.child(u"billing"_s), s);
    for (const QString &key : {u"github"_s, u"linear"_s, u"jira"_s, u"stripe"_s, u"statuspage"_s,
                               u"pagerduty"_s, u"truth"_s}) {
        n.child(key);
    }
    n.array(u"docs"_s);
    n.array(u"gateway_configs"_s);
    s.tickets = n.array(u"tickets"_s);
    s.truth = n.child(u"truth"_s).object();
}

std::pair<int, int> lineAndColumn(const QByteArray &json, int offset)
{
    int line = 1;
    int column = 1;
    const int end = std::min<int>(offset, static_cast<int>(json.size()));
    for (int i = 0; i < end; ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

bool windowContains(const QDateTime &from, const QDateTime &to, qint64 t)
{
    if (from.isValid() && t < from.toSecsSinceEpoch())
        return false;
    return !to.isValid() || t < to.toSecsSinceEpoch();
}

} // namespace

QString TrafficStream::field(const QString &name) const
{
    if (name == "org"_L1)
        return org;
    if (name == "route"_L1)
        return route;
    if (name == "provider"_L1)
        return provider;
    if (name == "model"_L1)
        return model;
    if (name == "sdk"_L1)
        return sdk;
    if (name == "config_id"_L1)
        return configId;
    if (name == "api_key_id"_L1)
        return apiKeyId;
    return {};
}

bool TrafficAnomaly::activeAt(qint64 unixSeconds) const
{
    return windowContains(from, to, unixSeconds);
}

bool WebhookAnomaly::activeAt(qint64 unixSeconds) const
{
    return windowContains(from, to, unixSeconds);
}

double DailyCycle::level(qint64 unixSeconds) const
{
    const double hour = static_cast<double>(((unixSeconds % 86400) + 86400) % 86400) / 3600.0;
    const double up = std::clamp(hour - (fromHour - 1), 0.0, 1.0);
    const double down = std::clamp(toHour + 1 - hour, 0.0, 1.0);
    return std::min(up, down);
}

bool BillingFault::activeAt(qint64 unixSeconds) const
{
    return windowContains(from, to, unixSeconds);
}

Result<Scenario> parseScenario(const QByteArray &json, const QString &path)
{
    const QString file = path.isEmpty() ? u"scenario"_s : path;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, error.offset);
        return fail(
            Error::Code::Parse,
            u"%1: line %2, column %3: not valid JSON (%4)"_s.arg(file).arg(line).arg(column).arg(
                error.errorString()));
    }
    if (!doc.isObject())
        return fail(Error::Code::InvalidInput, u"%1: $: expected an object"_s.arg(file));
    Scenario scenario;
    scenario.path = path;
    scenario.root = doc.object();
    try {
        parseRoot(scenario.root, scenario);
    } catch (const InvalidField &e) {
        return fail(Error::Code::InvalidInput, u"%1: %2: %3"_s.arg(file, e.path, e.what));
    }
    return scenario;
}

Result<Scenario> loadScenario(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::Code::NotFound,
                    u"Cannot open scenario %1: %2"_s.arg(path, file.errorString()));
    }
    return parseScenario(file.readAll(), path);
}

} // namespace Casefile::Sandbox
