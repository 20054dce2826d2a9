#include "connectors/clickhouse/clickhouseconnector.h"
#include "connectors/common/parallel.h"
#include "connectors/connectorslogging.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QTimeZone>
#include <QUuid>

#include <cmath>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Casefile::Connectors {

namespace {

constexpr int MaxPoints = 1500;
const QString Gateway = QLatin1StringView(FieldMapping::GatewayRequests);
const QString Webhooks = QLatin1StringView(FieldMapping::WebhookDeliveries);

QList<HttpHeader> clickHouseAuth(const ConnectionSettings &settings, const QString &secret)
{
    QList<HttpHeader> headers;
    headers.append({"X-ClickHouse-User"_ba,
                    (settings.account.isEmpty() ? u"default"_s : settings.account).toUtf8()});
    if (!secret.isEmpty())
        headers.append({"X-ClickHouse-Key"_ba, secret.toUtf8()});
    return headers;
}

HttpClient::Options clickHouseOptions()
{
    HttpClient::Options o;
    o.system = u"clickhouse"_s;
    o.displayName = u"ClickHouse"_s;
    o.policy = ReadOnlyPolicy::readsAndPostQueries();
    // Results are bounded on the server (max_result_bytes); the answer's JSON text is larger.
    o.maxBodyBytes = 512LL * 1024 * 1024;
    o.maxDecodedBytes = 1024LL * 1024 * 1024;
    return o;
}

// A positive whole-number option, or the default.
qint64 positiveOption(const QJsonObject &options, const QString &name, qint64 fallback)
{
    const QJsonValue v = options.value(name);
    const qint64 n = v.isDouble() ? qint64(v.toDouble()) : v.toString().toLongLong();
    return n > 0 ? n : fallback;
}

QJsonValue number(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QJsonValue(QJsonValue::Null);
    if (v.typeId() == QMetaType::Double) {
        const double d = v.toDouble();
        if (!std::isfinite(d))
            return QJsonValue(QJsonValue::Null);
        return std::round(d * 1000.0) / 1000.0;
    }
    if (v.typeId() == QMetaType::QString)
        return v.toString();
    return QJsonValue(v.toLongLong());
}

QJsonValue epochIso(const QVariant &v)
{
    if (!v.isValid())
        return QJsonValue(QJsonValue::Null);
    if (v.typeId() == QMetaType::QDateTime)
        return isoOrNull(v.toDateTime());
    return isoOrNull(QDateTime::fromSecsSinceEpoch(v.toLongLong(), QTimeZone::utc()));
}

QJsonValue text(const QVariant &v)
{
    return v.isValid() ? QJsonValue(v.toString()) : QJsonValue(QJsonValue::Null);
}

QJsonValue quantile(const QVariant &array, int index)
{
    return number(array.toList().value(index));
}

// The rows a series query may return: a grouped series widens its buckets to stay within them.
constexpr int SeriesRowLimit = 60000;

const QList<int> &bucketSteps()
{
    static const QList<int> steps = {10,   30,   60,    120,   300,   600,   900,   1800,
                                     3600, 7200, 10800, 21600, 43200, 86400, 604800};
    return steps;
}

// Bucket size: the requested one (if any), enlarged until the window has ≤ maxPoints buckets.
int chooseBucket(qint64 windowSeconds, int requested, int maxPoints = MaxPoints)
{
    int bucket = requested > 0 ? requested : 60;
    if (windowSeconds / bucket <= maxPoints)
        return bucket;
    for (int step : bucketSteps()) {
        if (step > bucket && windowSeconds / step <= maxPoints)
            return step;
    }
    return int(windowSeconds / maxPoints) + 1;
}

// The buckets a grouped series may use: the one chosen for a single series, then every larger
// step, widest last.
QList<int> widerBuckets(int bucket)
{
    QList<int> out{bucket};
    for (int step : bucketSteps()) {
        if (step > bucket)
            out.append(step);
    }
    return out;
}

// One query's parts, built from the whitelist only, in the shape the table's layout reads
// fastest (the conditions on its key columns in PREWHERE when it is a MergeTree table).
class QueryContext
{
public:
    QueryContext(const FieldMapping &mapping, QString table, const TableLayout &layout,
                 bool useParameters)
        : m_mapping(mapping)
        , m_table(std::move(table))
        , m_layout(layout)
        , m_sql(useParameters)
    {}
    QString f(const QString &field) const { return m_mapping.field(m_table, field); }
    QString from() const { return m_mapping.table(m_table); }
    const TableLayout &layout() const { return m_layout; }
    QString lit(const QString &value) { return m_sql.string(value); }
    const QList<std::pair<QString, QString>> &parameters() const { return m_sql.parameters(); }

    // The org (unless empty/absent), the ts window (and the Date partition column's days when
    // the table is partitioned by one other than ts), the optional equality filters and `extra`
    // conditions (logical field → SQL): " PREWHERE … WHERE …".
    QString where(const QJsonObject &args, const TimeWindow &window, bool withOrg,
                  const QStringList &filters, const QList<std::pair<QString, QString>> &extra = {})
    {
        WindowConditions conditions;
        const QString org = Args::string(args, u"org"_s);
        if (withOrg && !org.isEmpty())
            conditions.add(f(u"org_id"_s), f(u"org_id"_s) + u" = "_s + lit(org));
        const QString ts = f(u"ts"_s);
        for (const QString &bound : ClickHouseSql::timeBounds(ts, window.from, window.to))
            conditions.add(ts, bound);
        if (const QString day = m_layout.partitionDateColumn(ts); !day.isEmpty()) {
            for (const QString &bound : ClickHouseSql::dateBounds(day, window.from, window.to))
                conditions.add(day, bound);
        }
        for (const QString &name : filters) {
            const QString value = Args::string(args, name);
            if (!value.isEmpty())
                conditions.add(f(name), f(name) + u" = "_s + lit(value));
        }
        for (const auto &[field, sql] : extra)
            conditions.add(f(field), sql);
        return conditions.clauses(m_layout);
    }

private:
    const FieldMapping &m_mapping;
    QString m_table;
    const TableLayout &m_layout;
    SqlBuilder m_sql;
};

const QStringList GatewayFilters = {u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s,
                                    u"sdk"_s};

QJsonArray distinctStrings(const ClickHouseResult &r, const QString &column)
{
    QJsonArray out;
    QSet<QString> seen;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        const QString v = r.value(i, column).toString();
        if (!v.isEmpty() && !seen.contains(v)) {
            seen.insert(v);
            out.append(v);
        }
    }
    return out;
}

QString orgLabel(const QJsonObject &args)
{
    const QString org = Args::string(args, u"org"_s);
    return org.isEmpty() ? u"all orgs"_s : org;
}

// One call, as the SQL builders and row mappers see it.
struct Request
{
    const QString &operation;
    const QJsonObject &args;
    const TimeWindow &window;
    const FieldMapping &mapping;
    const TableLayout &layout; // of the operation's table; unknown until read once
    qint64 sampleRows = 0;     // steps over every org on a table with a sampling key; 0: never
    bool useParameters = false;
    QString suffix; // " for acme, 2026-11-20T08:00:00Z – 2026-11-20T10:00:00Z"

    QueryContext context(const QString &table) const
    {
        return QueryContext(mapping, table, layout, useParameters);
    }
    // The evidence columns, as the operations table names them.
    QStringList columns() const { return Operations::columns(u"clickhouse"_s, operation); }
};

// What the rows of an operation become: one evidence item and the outputs later steps use.
struct Mapped
{
    EvidenceKind kind = EvidenceKind::Table;
    QString title;
    QJsonObject data;
    QJsonObject outputs;
};

using Query = ClickHouseConnector::Query;
// The queries of one operation (the first one is the evidence's source), or why the
// arguments cannot be asked.
using SqlBuilderFunction = Result<QList<Query>> (*)(const Request &request);
// Results come in the order of the queries.
using RowMapperFunction = Mapped (*)(const QList<ClickHouseResult> &results,
                                     const Request &request);

QJsonObject table(const QStringList &columns, const QJsonArray &rows)
{
    return {{u"columns"_s, QJsonArray::fromStringList(columns)}, {u"rows"_s, rows}};
}

// traffic_overview

Result<QList<Query>> trafficOverviewSql(const Request &request)
{
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters);
    const QString sql = u"SELECT "_s + c.f(u"route"_s) + u" AS cf_route, "_s + c.f(u"provider"_s) +
                        u" AS cf_provider, "_s + c.f(u"model"_s) + u" AS cf_model, "_s +
                        c.f(u"config_id"_s) + u" AS cf_config_id, "_s + c.f(u"sdk"_s) +
                        u" AS cf_sdk, count() AS cf_n, countIf("_s + c.f(u"status"_s) +
                        u" >= 400) AS cf_errors, quantilesExact(0.5, 0.95)("_s +
                        c.f(u"latency_ms"_s) + u") AS cf_q FROM "_s + c.from() + where +
                        u" GROUP BY cf_route, cf_provider, cf_model, cf_config_id, cf_sdk"
                        u" ORDER BY cf_n DESC LIMIT 500 FORMAT JSON"_s;
    return QList<Query>{{sql, c.parameters()}};
}

Mapped trafficOverviewRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    QJsonArray rows;
    qint64 requests = 0;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        const QVariant q = r.value(i, u"cf_q"_s);
        rows.append(QJsonArray{text(r.value(i, u"cf_route"_s)), text(r.value(i, u"cf_provider"_s)),
                               text(r.value(i, u"cf_model"_s)), text(r.value(i, u"cf_config_id"_s)),
                               text(r.value(i, u"cf_sdk"_s)), number(r.value(i, u"cf_n"_s)),
                               number(r.value(i, u"cf_errors"_s)), quantile(q, 0), quantile(q, 1)});
        requests += r.value(i, u"cf_n"_s).toLongLong();
    }
    return {EvidenceKind::Table,
            u"Traffic overview"_s + request.suffix,
            table(request.columns(), rows),
            {{u"config_ids"_s, distinctStrings(r, u"cf_config_id"_s)},
             {u"providers"_s, distinctStrings(r, u"cf_provider"_s)},
             {u"models"_s, distinctStrings(r, u"cf_model"_s)},
             {u"routes"_s, distinctStrings(r, u"cf_route"_s)},
             {u"sdks"_s, distinctStrings(r, u"cf_sdk"_s)},
             {u"requests"_s, requests}}};
}

// latency_series, error_series, webhook_series

// What a series operation counts, read from its name and arguments.
struct SeriesShape
{
    bool webhook = false;
    bool latency = false;
    int bucket = 60;
    QString groupBy;    // the label of each series ("" for one series)
    QString groupField; // the logical field grouped by
    QString component;  // latency only: total, provider or gateway
};

Result<SeriesShape> seriesShape(const Request &request)
{
    SeriesShape shape;
    shape.webhook = request.operation == u"webhook_series"_s;
    shape.latency = request.operation == u"latency_series"_s;
    shape.bucket =
        chooseBucket(request.window.seconds(), Args::integer(request.args, u"bucket_s"_s, 0));
    shape.groupBy = shape.webhook ? u"endpoint"_s : Args::string(request.args, u"group_by"_s);
    static const QStringList groups = {u""_s,    u"route"_s, u"provider"_s, u"model"_s,
                                       u"org"_s, u"sdk"_s,   u"config_id"_s};
    if (!shape.webhook && !groups.contains(shape.groupBy)) {
        return fail(
            Error::Code::InvalidInput,
            u"The argument \"group_by\" must be one of route, provider, model, org, sdk, config_id "
            u"(got \"%1\")"_s.arg(truncated(shape.groupBy, 40)));
    }
    shape.groupField = shape.groupBy == u"org"_s ? u"org_id"_s : shape.groupBy;
    shape.component = Args::string(request.args, u"component"_s, u"total"_s);
    if (shape.latency && shape.component != u"total"_s && shape.component != u"provider"_s &&
        shape.component != u"gateway"_s && shape.component != u"first_token"_s) {
        return fail(
            Error::Code::InvalidInput,
            u"The argument \"component\" must be total, provider, gateway or first_token"_s);
    }
    return shape;
}

// The latency a latency series measures, as SQL.
QString latencyMetric(const QueryContext &c, const QString &component)
{
    if (component == u"provider"_s)
        return c.f(u"provider_latency_ms"_s);
    if (component == u"first_token"_s) // optional field: streamed responses only
        return c.f(u"ttft_ms"_s);
    if (component == u"gateway"_s) {
        return u"(toInt64("_s + c.f(u"latency_ms"_s) + u") - toInt64("_s +
               c.f(u"provider_latency_ms"_s) + u"))"_s;
    }
    return c.f(u"latency_ms"_s);
}

// A series' columns in buckets `bucket` seconds wide (a number or the fitted `cf_bucket`): the
// bucket's start, its requests, its failures and, for latency, its quantiles.
QString seriesColumns(const QueryContext &c, const SeriesShape &shape, const QString &bucket,
                      const QString &errorsExpr)
{
    QString sql = u"intDiv(toUInt32("_s + c.f(u"ts"_s) + u"), "_s + bucket + u") * "_s + bucket +
                  u" AS cf_t, count() AS cf_n, "_s + errorsExpr + u" AS cf_errors"_s;
    if (shape.latency) {
        sql += u", quantilesExact(0.5, 0.95, 0.99)("_s + latencyMetric(c, shape.component) +
               u") AS cf_q"_s;
    }
    return sql;
}

// How a series' rows are grouped and ordered: by label (when grouped), then by time; `first`
// an order before both.
QString seriesGrouping(bool grouped, const QString &first = {})
{
    const QString label = grouped ? u"cf_label, "_s : QString();
    return u" GROUP BY "_s + label + u"cf_t ORDER BY "_s + first + label + u"cf_t"_s;
}

// Beside a series of one organisation in buckets wider than a minute, over at most
// 2 × MaxPoints minutes: the same series in one-minute buckets, sent with it. Where a change
// found on the wider buckets began is then read to the minute on them (outputs.minutes), not by
// asking once more after the answer. Optional: its failure or a cut answer leaves the step as it
// was without it.
std::optional<Query> minuteSql(const Request &request, const SeriesShape &shape,
                               const QueryContext &c, const QString &where,
                               const QString &errorsExpr)
{
    if (shape.bucket <= 60 || request.window.seconds() / 60 > 2 * MaxPoints ||
        Args::string(request.args, u"org"_s).isEmpty() || shape.groupBy == u"org"_s)
        return std::nullopt;
    const bool grouped = !shape.groupField.isEmpty();
    QString sql = u"SELECT "_s;
    if (grouped)
        sql += c.f(shape.groupField) + u" AS cf_label, "_s;
    sql += seriesColumns(c, shape, u"60"_s, errorsExpr) + u" FROM "_s + c.from() + where +
           seriesGrouping(grouped) + u" LIMIT %1 FORMAT JSON"_s.arg(SeriesRowLimit);
    Query q{sql, c.parameters()};
    q.optional = true;
    return q;
}

Result<QList<Query>> seriesSql(const Request &request)
{
    auto shape = seriesShape(request);
    if (!shape)
        return std::unexpected(shape.error());
    QueryContext c = request.context(shape->webhook ? Webhooks : Gateway);
    // a webhook delivery succeeds on a 2xx answer only: a redirect is not followed
    const QString errorsExpr = shape->webhook
                                   ? QString(u"countIf("_s + c.f(u"status"_s) + u" < 200 OR "_s +
                                             c.f(u"status"_s) + u" >= 300)"_s)
                                   : QString(u"countIf("_s + c.f(u"status"_s) + u" >= 400)"_s);
    // time to first token: only the streamed responses have one
    QList<std::pair<QString, QString>> extra;
    if (shape->latency && shape->component == u"first_token"_s)
        extra.append({u"ttft_ms"_s, c.f(u"ttft_ms"_s) + u" > 0"_s});
    const QString where = c.where(request.args, request.window, true,
                                  shape->webhook ? QStringList() : GatewayFilters, extra);
    const bool grouped = !shape->groupField.isEmpty();
    QString bucket = QString::number(shape->bucket);
    QString sql;
    QString order;
    if (grouped) {
        // Every label's buckets fit in the row limit: with many labels (220 organisations over
        // a day) the buckets widen instead of the last labels being cut off.
        const QString label = c.f(shape->groupField);
        sql = ClickHouseSql::fittingBucket(
            u"(SELECT uniqExact("_s + label + u") FROM "_s + c.from() + where + u')',
            request.window.seconds(), widerBuckets(shape->bucket), SeriesRowLimit);
        bucket = u"cf_bucket"_s;
        sql += u"SELECT "_s + label + u" AS cf_label, cf_labels, cf_bucket, "_s;
        // The ticket's org first: in the answer whatever else is cut off.
        const QString keep = Args::string(request.args, u"keep_org"_s);
        if (shape->groupBy == u"org"_s && !keep.isEmpty())
            order = u"cf_label = "_s + c.lit(keep) + u" DESC, "_s;
    } else {
        sql = u"SELECT "_s;
    }
    sql += seriesColumns(c, *shape, bucket, errorsExpr);
    sql += u" FROM "_s + c.from() + where + seriesGrouping(grouped, order) +
           (grouped ? u" LIMIT %1 BY cf_label"_s.arg(MaxPoints + 2) : QString()) +
           u" LIMIT %1 FORMAT JSON"_s.arg(SeriesRowLimit);
    QList<Query> queries{{sql, c.parameters()}};
    if (std::optional<Query> minutes = minuteSql(request, *shape, c, where, errorsExpr))
        queries.append(std::move(*minutes));
    return queries;
}

// Rows ordered by label then time become one series per label.
QJsonArray seriesByLabel(const ClickHouseResult &r, const SeriesShape &shape)
{
    QJsonArray series;
    QString currentLabel;
    QJsonArray points;
    bool any = false;
    const auto flush = [&] {
        if (!any)
            return;
        QJsonObject labels;
        if (!shape.groupBy.isEmpty())
            labels.insert(shape.groupBy, currentLabel);
        series.append(QJsonObject{{u"labels"_s, labels}, {u"points"_s, points}});
        points = QJsonArray();
    };
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        const QString label = r.value(i, u"cf_label"_s).toString();
        if (!any || label != currentLabel) {
            flush();
            currentLabel = label;
            any = true;
        }
        QJsonArray point{epochIso(r.value(i, u"cf_t"_s)), number(r.value(i, u"cf_n"_s)),
                         number(r.value(i, u"cf_errors"_s))};
        if (shape.latency) {
            const QVariant q = r.value(i, u"cf_q"_s);
            point << quantile(q, 0) << quantile(q, 1) << quantile(q, 2);
        }
        points.append(point);
    }
    flush();
    return series;
}

// What a grouped series says about its labels: how many the window had, how many the answer
// holds, whether the buckets were widened for them and whether the row limit cut any off.
QString groupedNote(const ClickHouseResult &r, const SeriesShape &shape, int bucket,
                    qsizetype shown, QJsonObject &data)
{
    const qint64 labels = r.rows.isEmpty() ? 0 : r.value(0, u"cf_labels"_s).toLongLong();
    const bool truncated = r.rows.size() >= SeriesRowLimit || shown < labels;
    const QString what = shape.groupBy == u"org"_s ? u"organisations"_s : shape.groupBy + u"s"_s;
    data.insert(u"labels"_s, labels);
    data.insert(u"labels_shown"_s, shown);
    data.insert(u"truncated"_s, truncated);
    QStringList notes;
    if (bucket > shape.bucket) {
        data.insert(u"bucket_requested_s"_s, shape.bucket);
        notes.append(u"%1-second buckets instead of %2 so that all %3 %4 fit"_s.arg(bucket)
                         .arg(shape.bucket)
                         .arg(labels)
                         .arg(what));
    }
    if (truncated) {
        notes.append(
            u"truncated: %1 of %2 %3 shown, the others cut off by the %4-row limit"_s.arg(shown)
                .arg(labels)
                .arg(what)
                .arg(SeriesRowLimit));
    }
    return notes.isEmpty() ? QString() : u" ("_s + notes.join(u"; "_s) + u')';
}

Mapped seriesRows(const QList<ClickHouseResult> &results, const Request &request)
{
    // The builder accepted these arguments, so the shape reads the same here.
    const SeriesShape shape = seriesShape(request).value_or(SeriesShape{});
    const ClickHouseResult &r = results.first();
    const bool grouped = !shape.groupField.isEmpty();
    // A grouped series' buckets may have been widened for its labels: the answer says how wide.
    const int bucket = grouped && !r.rows.isEmpty()
                           ? std::max(shape.bucket, r.value(0, u"cf_bucket"_s).toInt())
                           : shape.bucket;
    const QString title =
        shape.latency   ? u"Latency (%1) p50/p95/p99 per %2 s"_s.arg(shape.component).arg(bucket)
        : shape.webhook ? u"Webhook deliveries per %1 s by endpoint"_s.arg(bucket)
                        : u"Requests and errors per %1 s"_s.arg(bucket);
    const QJsonArray series = seriesByLabel(r, shape);
    QJsonObject data{{u"bucket_s"_s, bucket},
                     {u"columns"_s, QJsonArray::fromStringList(request.columns())},
                     {u"series"_s, series}};
    const QString note = grouped ? groupedNote(r, shape, bucket, series.size(), data) : QString();
    Mapped mapped{
        EvidenceKind::TimeSeries,
        title + (shape.groupBy.isEmpty() || shape.webhook ? QString() : u" by "_s + shape.groupBy) +
            note + request.suffix,
        data,
        {}};
    if (shape.latency)
        mapped.outputs = {{u"bucket_s"_s, bucket}};
    // the one-minute buckets sent beside, unless the row limit cut them
    if (results.size() > 1 && results.at(1).rows.size() < SeriesRowLimit) {
        mapped.outputs.insert(u"minutes"_s,
                              QJsonObject{{u"bucket_s"_s, 60},
                                          {u"columns"_s, data.value(u"columns"_s)},
                                          {u"series"_s, seriesByLabel(results.at(1), shape)}});
    }
    if (shape.latency && shape.component == u"first_token"_s)
        mapped.data.insert(u"component"_s, shape.component);
    return mapped;
}

// A first-token series asked of logs without the optional `ttft_ms` field: no streaming data,
// not a failure (the field is optional in the log schema).
bool firstTokenFieldMissing(const Request &request, const Error &error)
{
    if (request.operation != u"latency_series"_s ||
        Args::string(request.args, u"component"_s) != u"first_token"_s ||
        error.code != Error::Code::InvalidInput)
        return false;
    const QString field = request.mapping.field(Gateway, u"ttft_ms"_s);
    return error.message.contains(field) || error.detail.contains(field);
}

// error_breakdown: the errors, and the count of all requests they are a share of.

Result<QList<Query>> errorBreakdownSql(const Request &request)
{
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters,
                                  {{u"status"_s, c.f(u"status"_s) + u" >= 400"_s}});
    const QString sql = u"SELECT "_s + c.f(u"provider"_s) + u" AS cf_provider, "_s +
                        c.f(u"model"_s) + u" AS cf_model, "_s + c.f(u"status"_s) +
                        u" AS cf_status, "_s + c.f(u"error_code"_s) +
                        u" AS cf_error_code, count() AS cf_n, toUInt32(min("_s + c.f(u"ts"_s) +
                        u")) AS cf_first, toUInt32(max("_s + c.f(u"ts"_s) +
                        u")) AS cf_last FROM "_s + c.from() + where +
                        u" GROUP BY cf_provider, cf_model, cf_status, cf_error_code"
                        u" ORDER BY cf_n DESC LIMIT 500 FORMAT JSON"_s;
    QueryContext total = request.context(Gateway);
    const QString totalWhere = total.where(request.args, request.window, true, GatewayFilters);
    return QList<Query>{
        {sql, c.parameters()},
        {u"SELECT count() AS cf_n FROM "_s + total.from() + totalWhere + u" FORMAT JSON"_s,
         total.parameters()}};
}

Mapped errorBreakdownRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.at(0);
    const qint64 totalRequests = results.at(1).value(0, u"cf_n"_s).toLongLong();
    QJsonArray rows;
    qint64 errors = 0;
    // the error codes of the largest groups (rows come largest first), for a docs search
    QJsonArray codes;
    for (qsizetype i = 0; i < r.rows.size() && codes.size() < 3; ++i) {
        const QString code = text(r.value(i, u"cf_error_code"_s)).toString();
        if (!code.isEmpty() && !codes.contains(code))
            codes.append(code);
    }
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        rows.append(QJsonArray{text(r.value(i, u"cf_provider"_s)), text(r.value(i, u"cf_model"_s)),
                               number(r.value(i, u"cf_status"_s)),
                               text(r.value(i, u"cf_error_code"_s)), number(r.value(i, u"cf_n"_s)),
                               epochIso(r.value(i, u"cf_first"_s)),
                               epochIso(r.value(i, u"cf_last"_s))});
        errors += r.value(i, u"cf_n"_s).toLongLong();
    }
    QJsonObject data = table(request.columns(), rows);
    data.insert(u"total_requests"_s, totalRequests);
    return {EvidenceKind::Table,
            u"Errors by provider, model and status"_s + request.suffix,
            data,
            {{u"error_requests"_s, errors},
             {u"total_requests"_s, totalRequests},
             {u"error_codes"_s, codes}}};
}

// fallback_stats

Result<QList<Query>> fallbackStatsSql(const Request &request)
{
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters);
    const QString lat = c.f(u"latency_ms"_s);
    const QString sql =
        u"SELECT "_s + c.f(u"config_id"_s) + u" AS cf_config_id, "_s + c.f(u"provider"_s) +
        u" AS cf_provider, "_s + c.f(u"model"_s) + u" AS cf_model, "_s + c.f(u"status"_s) +
        u" AS cf_status, "_s + c.f(u"error_code"_s) + u" AS cf_error_code, "_s +
        c.f(u"fallback_used"_s) + u" AS cf_fallback_used, "_s + c.f(u"attempts"_s) +
        u" AS cf_attempts, count() AS cf_n, avg("_s + lat + u") AS cf_avg, quantileExact(0.95)("_s +
        lat + u") AS cf_p95, max("_s + lat + u") AS cf_max, toUInt32(min("_s + c.f(u"ts"_s) +
        u")) AS cf_first FROM "_s + c.from() + where +
        u" GROUP BY cf_config_id, cf_provider, cf_model, cf_status, cf_error_code,"
        u" cf_fallback_used, cf_attempts ORDER BY cf_n DESC LIMIT 1000 FORMAT JSON"_s;
    return QList<Query>{{sql, c.parameters()}};
}

Mapped fallbackStatsRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    QJsonArray rows;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        rows.append(QJsonArray{
            text(r.value(i, u"cf_config_id"_s)), text(r.value(i, u"cf_provider"_s)),
            text(r.value(i, u"cf_model"_s)), number(r.value(i, u"cf_status"_s)),
            text(r.value(i, u"cf_error_code"_s)), number(r.value(i, u"cf_fallback_used"_s)),
            number(r.value(i, u"cf_attempts"_s)), number(r.value(i, u"cf_n"_s)),
            number(r.value(i, u"cf_avg"_s)), number(r.value(i, u"cf_p95"_s)),
            number(r.value(i, u"cf_max"_s)), epochIso(r.value(i, u"cf_first"_s))});
    }
    return {EvidenceKind::Table,
            u"Fallbacks and attempts by config and provider"_s + request.suffix,
            table(request.columns(), rows),
            {}};
}

// token_usage

Result<QList<Query>> tokenUsageSql(const Request &request)
{
    const QString groupBy = Args::string(request.args, u"group_by"_s);
    if (!QStringList{u""_s, u"provider"_s, u"model"_s, u"config_id"_s, u"route"_s}.contains(
            groupBy)) {
        return fail(Error::Code::InvalidInput,
                    u"The argument \"group_by\" must be one of provider, model, config_id, route "
                    u"(got \"%1\")"_s.arg(truncated(groupBy, 40)));
    }
    const QString bucket = Args::string(request.args, u"bucket"_s, u"day"_s);
    if (bucket != u"day" && bucket != u"hour") {
        return fail(Error::Code::InvalidInput,
                    u"The argument \"bucket\" must be day or hour (got \"%1\")"_s.arg(
                        truncated(bucket, 40)));
    }
    const bool hourly = bucket == u"hour";
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters);
    const QString group = groupBy.isEmpty() ? QString() : c.f(groupBy);
    // an hour a row: a month of hours for each of a few dozen groups
    const QString limit = hourly ? u"20000"_s : u"1000"_s;
    const QString sql =
        u"SELECT intDiv(toUInt32("_s + c.f(u"ts"_s) + (hourly ? u"), 3600)"_s : u"), 86400)"_s) +
        u" AS cf_day, "_s + (group.isEmpty() ? QString() : group + u" AS cf_group, "_s) +
        u"count() AS cf_requests, sum("_s + c.f(u"prompt_tokens"_s) + u") AS cf_prompt, sum("_s +
        c.f(u"completion_tokens"_s) + u") AS cf_completion, sum("_s + c.f(u"cached_tokens"_s) +
        u") AS cf_cached, sum("_s + c.f(u"cost_usd"_s) + u") AS cf_cost, toUInt32(min("_s +
        c.f(u"ts"_s) + u")) AS cf_first, toUInt32(max("_s + c.f(u"ts"_s) +
        u")) AS cf_last FROM "_s + c.from() + where + u" GROUP BY cf_day"_s +
        (group.isEmpty() ? QString() : u", cf_group"_s) + u" ORDER BY cf_day"_s +
        (group.isEmpty() ? QString() : u", cf_group"_s) + u" LIMIT "_s + limit + u" FORMAT JSON"_s;
    return QList<Query>{{sql, c.parameters()}};
}

Mapped tokenUsageRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    const QString groupBy = Args::string(request.args, u"group_by"_s);
    const bool hourly = Args::string(request.args, u"bucket"_s, u"day"_s) == u"hour";
    QJsonArray rows;
    qint64 prompt = 0, completion = 0, cached = 0;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        const qint64 bucket = r.value(i, u"cf_day"_s).toLongLong();
        const QDateTime start =
            QDateTime::fromSecsSinceEpoch(bucket * (hourly ? 3600 : 86400), QTimeZone::utc());
        rows.append(
            QJsonArray{start.date().toString(Qt::ISODate), number(r.value(i, u"cf_requests"_s)),
                       number(r.value(i, u"cf_prompt"_s)), number(r.value(i, u"cf_completion"_s)),
                       number(r.value(i, u"cf_cached"_s)), number(r.value(i, u"cf_cost"_s)),
                       groupBy.isEmpty() ? QString() : r.value(i, u"cf_group"_s).toString(),
                       epochIso(r.value(i, u"cf_first"_s)), epochIso(r.value(i, u"cf_last"_s)),
                       hourly ? start.toString(Qt::ISODate) : QString()});
        prompt += r.value(i, u"cf_prompt"_s).toLongLong();
        completion += r.value(i, u"cf_completion"_s).toLongLong();
        cached += r.value(i, u"cf_cached"_s).toLongLong();
    }
    QJsonObject data = table(request.columns(), rows);
    if (!groupBy.isEmpty())
        data.insert(u"group_by"_s, groupBy);
    if (hourly)
        data.insert(u"bucket"_s, u"hour"_s);
    return {EvidenceKind::Table,
            (hourly ? u"Token usage per hour"_s : u"Token usage per day"_s) +
                (groupBy.isEmpty() ? QString() : u" by "_s + groupBy) + request.suffix,
            data,
            {{u"prompt_tokens"_s, prompt},
             {u"completion_tokens"_s, completion},
             {u"cached_tokens"_s, cached}}};
}

// metadata_by_sdk

Result<QList<Query>> metadataBySdkSql(const Request &request)
{
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters);
    const QString meta = c.f(u"metadata"_s);
    const QString sql = u"SELECT "_s + c.f(u"sdk"_s) + u" AS cf_sdk, count() AS cf_n, countIf("_s +
                        meta + u" != '{}' AND "_s + meta + u" != '') AS cf_with, toUInt32(min("_s +
                        c.f(u"ts"_s) + u")) AS cf_first, toUInt32(max("_s + c.f(u"ts"_s) +
                        u")) AS cf_last, toUInt32(maxIf("_s + c.f(u"ts"_s) + u", "_s + meta +
                        u" != '{}' AND "_s + meta + u" != '')) AS cf_last_with FROM "_s + c.from() +
                        where + u" GROUP BY cf_sdk ORDER BY cf_n DESC LIMIT 500 FORMAT JSON"_s;
    return QList<Query>{{sql, c.parameters()}};
}

Mapped metadataBySdkRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    QJsonArray rows;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        rows.append(QJsonArray{
            text(r.value(i, u"cf_sdk"_s)), number(r.value(i, u"cf_n"_s)),
            number(r.value(i, u"cf_with"_s)), epochIso(r.value(i, u"cf_first"_s)),
            epochIso(r.value(i, u"cf_last"_s)),
            // 0 when no request of the SDK carried metadata
            r.value(i, u"cf_with"_s).toLongLong() > 0 ? epochIso(r.value(i, u"cf_last_with"_s))
                                                      : QJsonValue(QJsonValue::Null)});
    }
    return {EvidenceKind::Table,
            u"Requests with custom metadata by SDK"_s + request.suffix,
            table(request.columns(), rows),
            {}};
}

// metadata_by_group: the share of requests carrying metadata per route, config and SDK, in
// buckets (at most MetadataBuckets per group), with the first request of each bucket that carried
// none, so a drop is timed by the group's own requests rather than by a bucket's edge. Every
// group's buckets fit in the row limit: an org with many route × config × SDK groups gets wider
// buckets instead of losing its last groups, and the answer says so.

constexpr int MetadataBuckets = 240;
constexpr int MetadataRowLimit = 20000;

Result<QList<Query>> metadataByGroupSql(const Request &request)
{
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters);
    const QString meta = c.f(u"metadata"_s);
    const QString ts = c.f(u"ts"_s);
    const QString with = meta + u" != '{}' AND "_s + meta + u" != ''"_s;
    const QString group = c.f(u"route"_s) + u", "_s + c.f(u"config_id"_s) + u", "_s + c.f(u"sdk"_s);
    const int bucket =
        chooseBucket(std::max<qint64>(1, request.window.seconds()), 60, MetadataBuckets);
    const QString sql =
        ClickHouseSql::fittingBucket(
            u"(SELECT uniqExact("_s + group + u") FROM "_s + c.from() + where + u')',
            request.window.seconds(), widerBuckets(bucket), MetadataRowLimit) +
        u"SELECT "_s + c.f(u"route"_s) + u" AS cf_route, "_s + c.f(u"config_id"_s) +
        u" AS cf_config_id, "_s + c.f(u"sdk"_s) +
        u" AS cf_sdk, cf_labels, cf_bucket, intDiv(toUInt32("_s + ts +
        u"), cf_bucket) * cf_bucket AS cf_t, count() AS cf_n, countIf("_s + with +
        u") AS cf_with, toUInt32(minIf("_s + ts + u", NOT ("_s + with +
        u"))) AS cf_first_without FROM "_s + c.from() + where +
        u" GROUP BY cf_route, cf_config_id, cf_sdk, cf_t ORDER BY cf_route, cf_config_id, cf_sdk, cf_t"_s +
        u" LIMIT %1 FORMAT JSON"_s.arg(MetadataRowLimit);
    return QList<Query>{{sql, c.parameters()}};
}

// What the answer says about its groups: the bucket width when it was widened for them, and how
// many groups the row limit cut off (a group's buckets all come before the next group's).
QString metadataGroupsNote(const ClickHouseResult &r, int requestedBucket)
{
    if (r.rows.isEmpty())
        return {};
    const qint64 groups = r.value(0, u"cf_labels"_s).toLongLong();
    const int bucket = r.value(0, u"cf_bucket"_s).toInt();
    QSet<QString> shown;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        shown.insert(r.value(i, u"cf_route"_s).toString() + u'\n' +
                     r.value(i, u"cf_config_id"_s).toString() + u'\n' +
                     r.value(i, u"cf_sdk"_s).toString());
    }
    QStringList notes;
    if (bucket > requestedBucket) {
        notes.append(u"%1-second buckets instead of %2 so that all %3 groups fit"_s.arg(bucket)
                         .arg(requestedBucket)
                         .arg(groups));
    }
    if (r.rows.size() >= MetadataRowLimit || shown.size() < groups) {
        notes.append(u"truncated: %1 of %2 groups shown, the others cut off by the %3-row limit"_s
                         .arg(shown.size())
                         .arg(groups)
                         .arg(MetadataRowLimit));
    }
    return notes.isEmpty() ? QString() : u" ("_s + notes.join(u"; "_s) + u')';
}

Mapped metadataByGroupRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    QJsonArray rows;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        const bool someWithout =
            r.value(i, u"cf_with"_s).toLongLong() < r.value(i, u"cf_n"_s).toLongLong();
        rows.append(QJsonArray{text(r.value(i, u"cf_route"_s)), text(r.value(i, u"cf_config_id"_s)),
                               text(r.value(i, u"cf_sdk"_s)), epochIso(r.value(i, u"cf_t"_s)),
                               number(r.value(i, u"cf_n"_s)), number(r.value(i, u"cf_with"_s)),
                               // 0 when every request of the bucket carried metadata
                               someWithout ? epochIso(r.value(i, u"cf_first_without"_s))
                                           : QJsonValue(QJsonValue::Null)});
    }
    const int requested =
        chooseBucket(std::max<qint64>(1, request.window.seconds()), 60, MetadataBuckets);
    return {EvidenceKind::Table,
            u"Requests with custom metadata by route, config and SDK"_s + request.suffix +
                metadataGroupsNote(r, requested),
            table(request.columns(), rows),
            {}};
}

// metadata_keys: the top-level keys of the metadata objects, each with the requests carrying it
// (a key counted once per request) and its first and last request. The metadata column is a
// JSON object string and 18.16 has no JSON parser, so a key is a quoted name after `{` or `,`
// and before `:`.

Result<QList<Query>> metadataKeysSql(const Request &request)
{
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, true, GatewayFilters);
    const QString ts = c.f(u"ts"_s);
    const QString sql = u"SELECT arrayJoin(arrayDistinct(extractAll("_s + c.f(u"metadata"_s) +
                        uR"sql(, '[{,]\\s*"([^"]+)"\\s*:'))) AS cf_key, count() AS cf_n, )sql"_s +
                        u"toUInt32(min("_s + ts + u")) AS cf_first, toUInt32(max("_s + ts +
                        u")) AS cf_last FROM "_s + c.from() + where +
                        u" GROUP BY cf_key ORDER BY cf_n DESC, cf_key LIMIT 200 FORMAT JSON"_s;
    return QList<Query>{{sql, c.parameters()}};
}

Mapped metadataKeysRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    QJsonArray rows;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        rows.append(QJsonArray{text(r.value(i, u"cf_key"_s)), number(r.value(i, u"cf_n"_s)),
                               epochIso(r.value(i, u"cf_first"_s)),
                               epochIso(r.value(i, u"cf_last"_s))});
    }
    return {EvidenceKind::Table,
            u"Custom metadata keys and the requests carrying each"_s + request.suffix,
            table(request.columns(), rows),
            {{u"keys"_s, distinctStrings(r, u"cf_key"_s)}}};
}

// org_comparison: every org, so no org filter. The window holds every customer's traffic, so
// the percentiles are ClickHouse's approximate quantiles (a reservoir of 8192 values per org,
// bounded memory whatever the traffic) instead of exact ones. When the table has a sampling key
// the query reads a sample of about `sample_rows` of the window's rows (all of them when the
// window has fewer) and the counts are estimated from it; the ticket's org is then
// counted exactly by a second query, which its sort key keeps to its own rows. Otherwise the
// counts are exact. The busiest 200 orgs are kept, and the ticket's org (`org`, optional)
// always, however small it is.

Result<QList<Query>> orgComparisonSql(const Request &request)
{
    const QStringList filters = {u"route"_s, u"provider"_s, u"model"_s};
    QueryContext c = request.context(Gateway);
    const QString where = c.where(request.args, request.window, false, filters);
    const QString org = Args::string(request.args, u"org"_s);
    const QString sample = ClickHouseSql::sampleClause(c.layout(), request.sampleRows);
    const QString errors = c.f(u"status"_s) + u" >= 400"_s;
    const QString percentiles = u"quantiles(0.5, 0.95)("_s + c.f(u"latency_ms"_s) + u") AS cf_q"_s;
    if (sample.isEmpty()) {
        const QString ticketOrgFirst =
            org.isEmpty() ? QString() : u"cf_org = "_s + c.lit(org) + u" DESC, "_s;
        const QString sql =
            u"SELECT "_s + c.f(u"org_id"_s) + u" AS cf_org, count() AS cf_n, countIf("_s + errors +
            u") AS cf_errors, "_s + percentiles + u" FROM "_s + c.from() + where +
            u" GROUP BY cf_org ORDER BY "_s + ticketOrgFirst + u"cf_n DESC LIMIT 200 FORMAT JSON"_s;
        return QList<Query>{{sql, c.parameters()}};
    }
    // Each sampled row stands for _sample_factor rows of the window.
    QList<Query> queries{{u"SELECT "_s + c.f(u"org_id"_s) +
                              u" AS cf_org, toUInt64(round(sum(_sample_factor))) AS cf_n, "
                              u"toUInt64(round(sumIf(_sample_factor, "_s +
                              errors + u"))) AS cf_errors, "_s + percentiles +
                              u", max(_sample_factor) AS cf_factor FROM "_s + c.from() + sample +
                              where +
                              u" GROUP BY cf_org ORDER BY cf_n DESC LIMIT 200 FORMAT JSON"_s,
                          c.parameters()}};
    if (!org.isEmpty()) {
        QueryContext exact = request.context(Gateway);
        queries.append({u"SELECT "_s + exact.f(u"org_id"_s) +
                            u" AS cf_org, count() AS cf_n, countIf("_s + errors +
                            u") AS cf_errors, "_s + percentiles + u" FROM "_s + exact.from() +
                            exact.where(request.args, request.window, true, filters) +
                            u" GROUP BY cf_org FORMAT JSON"_s,
                        exact.parameters()});
    }
    return queries;
}

Mapped orgComparisonRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const auto row = [](const ClickHouseResult &r, qsizetype i) {
        const QVariant q = r.value(i, u"cf_q"_s);
        return QJsonArray{text(r.value(i, u"cf_org"_s)), number(r.value(i, u"cf_n"_s)),
                          number(r.value(i, u"cf_errors"_s)), quantile(q, 0), quantile(q, 1)};
    };
    const ClickHouseResult &r = results.first();
    const bool sampled = r.columnIndex(u"cf_factor"_s) >= 0;
    double factor = 1;
    QJsonArray rows;
    QString exactOrg;
    if (results.size() > 1 && !results.at(1).rows.isEmpty()) {
        rows.append(row(results.at(1), 0)); // the ticket's org, counted exactly, first
        exactOrg = results.at(1).value(0, u"cf_org"_s).toString();
    }
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        factor = std::max(factor, r.value(i, u"cf_factor"_s).toDouble());
        if (exactOrg.isEmpty() || r.value(i, u"cf_org"_s).toString() != exactOrg)
            rows.append(row(r, i));
    }
    QJsonObject data = table(request.columns(), rows);
    QString title = u"Orgs compared (approximate percentiles)"_s;
    if (!sampled || factor <= 1) {
        data.insert(u"approximate"_s,
                    u"p50 and p95 are estimated from a sample of up to 8192 requests per org; "
                    u"n and errors are exact"_s);
    } else {
        const int percent = std::max(1, int(std::lround(100.0 / factor)));
        data.insert(u"sampled"_s, 1.0 / factor);
        data.insert(
            u"approximate"_s,
            u"read from a sample of about %1 % of the window's requests (the table's sampling "
            u"key): n and errors are estimated, p50 and p95 approximate%2"_s.arg(percent)
                .arg(exactOrg.isEmpty()
                         ? QString()
                         : u"; %1 is counted exactly"_s.arg(truncated(exactOrg, 80))));
        title = u"Orgs compared (%1 % sample, estimated counts)"_s.arg(percent);
    }
    return {EvidenceKind::Table,
            title + u", %1 – %2"_s.arg(isoUtc(request.window.from), isoUtc(request.window.to)),
            data,
            {}};
}

// webhook_breakdown

Result<QList<Query>> webhookBreakdownSql(const Request &request)
{
    QueryContext c = request.context(Webhooks);
    const QString where = c.where(request.args, request.window, true, {});
    const QString sql =
        u"SELECT "_s + c.f(u"endpoint"_s) + u" AS cf_endpoint, "_s + c.f(u"event"_s) +
        u" AS cf_event, "_s + c.f(u"status"_s) + u" AS cf_status, "_s + c.f(u"error"_s) +
        u" AS cf_error, count() AS cf_n, toUInt32(min("_s + c.f(u"ts"_s) +
        u")) AS cf_first, toUInt32(max("_s + c.f(u"ts"_s) + u")) AS cf_last FROM "_s + c.from() +
        where +
        u" GROUP BY cf_endpoint, cf_event, cf_status, cf_error ORDER BY cf_n DESC LIMIT 500 FORMAT JSON"_s;
    return QList<Query>{{sql, c.parameters()}};
}

Mapped webhookBreakdownRows(const QList<ClickHouseResult> &results, const Request &request)
{
    const ClickHouseResult &r = results.first();
    QJsonArray rows;
    // what the failed deliveries met, as words a docs search finds: "308", "timeout"
    QStringList failures;
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        const QString error = text(r.value(i, u"cf_error"_s)).toString();
        const qint64 status = r.value(i, u"cf_status"_s).toLongLong();
        const QString failure = !error.isEmpty()                ? error
                                : status < 200 || status >= 300 ? QString::number(status)
                                                                : QString();
        if (!failure.isEmpty() && !failures.contains(failure) && failures.size() < 5)
            failures.append(failure);
    }
    for (qsizetype i = 0; i < r.rows.size(); ++i) {
        rows.append(QJsonArray{text(r.value(i, u"cf_endpoint"_s)), text(r.value(i, u"cf_event"_s)),
                               number(r.value(i, u"cf_status"_s)), text(r.value(i, u"cf_error"_s)),
                               number(r.value(i, u"cf_n"_s)), epochIso(r.value(i, u"cf_first"_s)),
                               epochIso(r.value(i, u"cf_last"_s))});
    }
    return {EvidenceKind::Table,
            u"Webhook deliveries by endpoint, event and status"_s + request.suffix,
            table(request.columns(), rows),
            {{u"endpoints"_s, distinctStrings(r, u"cf_endpoint"_s)},
             {u"failures"_s, QJsonArray::fromStringList(failures)}}};
}

// Every operation of the connector: the SQL it asks and how its rows are read.
struct OperationHandler
{
    QStringView name;
    SqlBuilderFunction sql;
    RowMapperFunction rows;
};

constexpr OperationHandler Handlers[] = {
    {u"traffic_overview", trafficOverviewSql, trafficOverviewRows},
    {u"latency_series", seriesSql, seriesRows},
    {u"error_breakdown", errorBreakdownSql, errorBreakdownRows},
    {u"error_series", seriesSql, seriesRows},
    {u"fallback_stats", fallbackStatsSql, fallbackStatsRows},
    {u"token_usage", tokenUsageSql, tokenUsageRows},
    {u"metadata_by_sdk", metadataBySdkSql, metadataBySdkRows},
    {u"metadata_by_group", metadataByGroupSql, metadataByGroupRows},
    {u"metadata_keys", metadataKeysSql, metadataKeysRows},
    {u"org_comparison", orgComparisonSql, orgComparisonRows},
    {u"webhook_breakdown", webhookBreakdownSql, webhookBreakdownRows},
    {u"webhook_series", seriesSql, seriesRows},
};

const OperationHandler *handler(const QString &operation)
{
    for (const OperationHandler &h : Handlers) {
        if (h.name == operation)
            return &h;
    }
    return nullptr;
}

} // namespace

QString ClickHouseConnector::Query::text() const
{
    // Parameter values are kept escaped as ClickHouse reads them, so between quotes each is
    // the literal it stands for, on one line.
    QString out;
    for (const auto &[name, value] : parameters)
        out += u"-- param_"_s + name + u" = '"_s + value + u"'\n"_s;
    return out + sql;
}

ClickHouseConnector::ClickHouseConnector(ConnectionSettings settings, Result<QString> secret)
    : m_connection(std::move(settings), std::move(secret), clickHouseOptions(), clickHouseAuth)
{
    const QJsonObject options = m_connection.options();
    m_maxExecutionTime = std::max(1, options.value(u"max_execution_time"_s).toInt(30));
    m_maxMemoryUsage = positiveOption(options, u"max_memory_usage"_s, m_maxMemoryUsage);
    m_maxResultRows = positiveOption(options, u"max_result_rows"_s, m_maxResultRows);
    m_maxResultBytes = positiveOption(options, u"max_result_bytes"_s, m_maxResultBytes);
    if (options.contains(u"sample_rows"_s)) // 0 turns sampling off
        m_sampleRows = std::max<qint64>(0, positiveOption(options, u"sample_rows"_s, 0));
    auto mapping = FieldMapping::fromJson(options.value(u"mapping"_s).toObject());
    if (mapping)
        m_mapping = *mapping;
    else
        m_configError = mapping.error();
    const QString database = options.value(u"database"_s).toString();
    if (!database.isEmpty() && !ClickHouseSql::isIdentifier(database)) {
        m_configError =
            Error::make(Error::Code::InvalidInput,
                        u"ClickHouse: the database name \"%1\" is not valid"_s.arg(database));
    }
}

QStringList ClickHouseConnector::operations() const
{
    return Operations::names(u"clickhouse"_s);
}

bool ClickHouseConnector::versionSupportsParameters(const QString &version)
{
    const QStringList parts = version.split(u'.');
    const int major = parts.value(0).toInt();
    const int minor = parts.value(1).toInt();
    return major > 19 || (major == 19 && minor >= 11);
}

Result<QString> ClickHouseConnector::serverVersion(const WorkLimits &limits) const
{
    if (auto known = knownVersion())
        return *known;
    auto r = query({u"SELECT version() AS v FORMAT JSON"_s, {}}, limits);
    if (!r)
        return std::unexpected(r.error());
    const QString version = r->value(0, u"v"_s).toString();
    std::lock_guard lock(m_versionMutex);
    m_version = version;
    return version;
}

std::optional<QString> ClickHouseConnector::knownVersion() const
{
    std::lock_guard lock(m_versionMutex);
    return m_version;
}

bool ClickHouseConnector::claimVersionProbe() const
{
    std::lock_guard lock(m_versionMutex);
    if (m_version || m_versionProbeInFlight)
        return false;
    m_versionProbeInFlight = true;
    return true;
}

void ClickHouseConnector::killQuery(const QString &queryId) const
{
    // A separate request with its own short deadline: the step's own limits have run out.
    WorkLimits limits;
    limits.deadline = QDeadlineTimer(5s);
    auto request = m_connection.request("POST"_ba, m_connection.endpoint(u"/"_s));
    if (!request)
        return;
    QUrlQuery q;
    q.addQueryItem(u"readonly"_s, u"1"_s);
    request->url.setQuery(q);
    request->body =
        (u"KILL QUERY WHERE query_id = "_s + ClickHouseSql::quote(queryId) + u" SYNC FORMAT JSON"_s)
            .toUtf8();
    request->setHeader("Content-Type"_ba, "text/plain; charset=utf-8"_ba);
    request->idempotent = true;
    request->timeout = 3s;
    // A query aborted just after it was sent may not be registered yet: one more try a moment
    // later, else it would run on until max_execution_time.
    for (int attempt = 0; attempt < 2 && !limits.deadline.hasExpired(); ++attempt) {
        auto r = m_connection.http().send(*request, limits);
        if (!r) {
            qCWarning(lcConnectors, "KILL QUERY %s failed: %s", qUtf8Printable(queryId),
                      qUtf8Printable(r.error().message));
            return;
        }
        auto killed = ClickHouseResult::parse(r->body);
        if (killed && !killed->rows.isEmpty()) {
            qCInfo(lcConnectors, "KILL QUERY %s: stopped", qUtf8Printable(queryId));
            return;
        }
        if (attempt == 0)
            QThread::msleep(300);
    }
    qCInfo(lcConnectors, "KILL QUERY %s: no such query running", qUtf8Printable(queryId));
}

Result<ClickHouseResult> ClickHouseConnector::query(const Query &query, const WorkLimits &limits,
                                                    QString *queryId) const
{
    if (m_configError)
        return std::unexpected(*m_configError);
    if (auto problem = m_connection.urlProblem())
        return fail(Error::Code::InvalidInput, *problem);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (queryId)
        *queryId = id;
    int maxExecution = m_maxExecutionTime;
    if (!limits.deadline.isForever()) {
        const qint64 remainingS = (limits.deadline.remainingTime() + 999) / 1000;
        maxExecution = int(std::clamp<qint64>(remainingS, 1, maxExecution));
    }
    auto request = m_connection.request("POST"_ba, m_connection.endpoint(u"/"_s));
    if (!request)
        return std::unexpected(request.error());
    // Built by hand: QUrlQuery would leave '+' and '&' in values ambiguous.
    QStringList items;
    const auto add = [&items](const QString &name, const QString &value) {
        items << name + u"="_s + QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    const QString database = m_connection.options().value(u"database"_s).toString();
    if (!database.isEmpty())
        add(u"database"_s, database);
    add(u"readonly"_s, u"1"_s);
    add(u"max_execution_time"_s, QString::number(maxExecution));
    // Bounds on what one query may take from the server and send back; past them the query
    // fails with ClickHouse's own message instead of returning a silently cut result.
    add(u"max_memory_usage"_s, QString::number(m_maxMemoryUsage));
    add(u"max_result_rows"_s, QString::number(m_maxResultRows));
    add(u"max_result_bytes"_s, QString::number(m_maxResultBytes));
    add(u"result_overflow_mode"_s, u"throw"_s);
    if (query.priority > 0)
        add(u"priority"_s, QString::number(query.priority));
    add(u"query_id"_s, id);
    // A retry after a dropped connection replaces the query still running under this id.
    add(u"replace_running_query"_s, u"1"_s);
    for (const auto &[name, value] : query.parameters)
        add(u"param_"_s + name, value);
    request->url.setQuery(items.join(u'&'), QUrl::StrictMode);
    request->body = query.sql.toUtf8();
    request->setHeader("Content-Type"_ba, "text/plain; charset=utf-8"_ba);
    request->idempotent = true;
    request->acceptAnyStatus = true;
    request->timeout = std::chrono::seconds(maxExecution + 5);
    qCDebug(lcConnectors, "clickhouse query %s: %s", qUtf8Printable(id), qUtf8Printable(query.sql));

    auto response = m_connection.http().send(*request, limits);
    if (!response) {
        if (response.error().code == Error::Code::Cancelled ||
            response.error().code == Error::Code::Timeout)
            killQuery(id);
        return std::unexpected(response.error());
    }
    if (response->status != 200) {
        if (auto exception = ClickHouseException::find(response->body))
            return std::unexpected(exception->toError());
        return std::unexpected(m_connection.http().statusError(*request, *response));
    }
    return ClickHouseResult::parse(response->body);
}

Result<TablePreview> ClickHouseConnector::previewRequests(const QStringList &fields, int limit,
                                                          const WorkLimits &limits) const
{
    if (m_configError)
        return std::unexpected(*m_configError);
    const QStringList known = FieldMapping::fields(Gateway);
    QStringList columns;
    for (const QString &field : fields) {
        if (!known.contains(field))
            return fail(Error::Code::InvalidInput,
                        u"ClickHouse: \"%1\" is not a field of the request log"_s.arg(field));
        // The aliases are the logical names, prefixed so a mapped expression that names
        // another field's column still reads that column.
        columns << m_mapping.field(Gateway, field) + u" AS cf_"_s + field;
    }
    if (columns.isEmpty())
        return fail(Error::Code::InvalidInput, u"ClickHouse: no fields to preview"_s);
    // No ORDER BY: any few rows show whether the columns exist and read right, and on a
    // table of billions of rows a sort would cost what the preview is not worth.
    const QString sql = u"SELECT "_s + columns.join(u", "_s) + u" FROM "_s +
                        m_mapping.table(Gateway) + u" LIMIT "_s +
                        QString::number(std::clamp(limit, 1, 100)) + u" FORMAT JSON"_s;
    auto result = query({sql, {}}, limits);
    if (!result)
        return std::unexpected(result.error());
    TablePreview preview;
    preview.query = sql;
    preview.columns = fields;
    for (qsizetype row = 0; row < result->rows.size(); ++row) {
        QStringList cells;
        for (const QString &field : fields)
            cells << result->value(row, u"cf_"_s + field).toString();
        preview.rows.append(cells);
    }
    return preview;
}

ConnectionCheck ClickHouseConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    if (m_configError)
        return {false, m_configError->message};
    auto version = serverVersion(limits);
    if (!version)
        return {false, version.error().message};
    QStringList readable;
    for (const QString &table : {Gateway, Webhooks}) {
        auto r = query(
            {u"SELECT 1 AS x FROM "_s + m_mapping.table(table) + u" LIMIT 1 FORMAT JSON"_s, {}},
            limits);
        if (!r) {
            return {false, u"ClickHouse %1 answered at %2, but table %3 is not readable: %4"_s.arg(
                               *version, displayOrigin(QUrl(m_connection.settings().url)),
                               m_mapping.table(table), r.error().message)};
        }
        readable << m_mapping.table(table);
    }
    QString message = u"Connected to ClickHouse %1 at %2; tables %3 readable"_s.arg(
        *version, displayOrigin(QUrl(m_connection.settings().url)), readable.join(u", "_s));
    for (const QString &table : {Gateway, Webhooks}) {
        if (auto note = layoutNote(table, limits))
            message += u". "_s + *note;
    }
    return {true, message};
}

Result<TableLayout> ClickHouseConnector::readLayout(const QString &logicalTable,
                                                    const WorkLimits &limits) const
{
    const QString name = m_mapping.table(logicalTable);
    QString database = m_connection.options().value(u"database"_s).toString();
    QString table = name;
    if (const qsizetype dot = name.indexOf(u'.'); dot > 0) {
        database = name.left(dot);
        table = name.mid(dot + 1);
    }
    // (composed, not formatted with arg(): a "%1" in a database or table name stays as written)
    const auto where = [&](const QString &nameColumn) -> QString {
        return u" WHERE database = "_s +
               (database.isEmpty() ? u"currentDatabase()"_s : ClickHouseSql::quote(database)) +
               u" AND "_s + nameColumn + u" = "_s + ClickHouseSql::quote(table);
    };
    // Both at once: one round trip. ALIAS columns are computed on read, not stored.
    std::optional<Result<ClickHouseResult>> tables;
    std::optional<Result<ClickHouseResult>> columns;
    runTogether({[&] {
                     tables.emplace(query({u"SELECT engine, partition_key, sorting_key, "
                                           u"sampling_key FROM system.tables"_s +
                                               where(u"name"_s) + u" FORMAT JSON"_s,
                                           {}},
                                          limits));
                 },
                 [&] {
                     columns.emplace(
                         query({u"SELECT name, type FROM system.columns"_s + where(u"table"_s) +
                                    u" AND default_kind != 'ALIAS' FORMAT JSON"_s,
                                {}},
                               limits));
                 }});
    if (!*tables)
        return std::unexpected(tables->error());
    if (!*columns)
        return std::unexpected(columns->error());
    TableLayout layout; // not described: the layout-free query shape, not asked again
    if (const ClickHouseResult &t = **tables; !t.rows.isEmpty()) {
        layout.known = true;
        layout.engine = t.value(0, u"engine"_s).toString();
        layout.partitionKey = t.value(0, u"partition_key"_s).toString();
        layout.sortingKey = t.value(0, u"sorting_key"_s).toString();
        layout.samplingKey = t.value(0, u"sampling_key"_s).toString();
        const ClickHouseResult &c = **columns;
        for (qsizetype i = 0; i < c.rows.size(); ++i) {
            layout.columns.insert(c.value(i, u"name"_s).toString(),
                                  c.value(i, u"type"_s).toString());
        }
    }
    std::lock_guard lock(m_versionMutex);
    m_layouts[logicalTable] = layout;
    return layout;
}

std::optional<TableLayout> ClickHouseConnector::knownLayout(const QString &logicalTable) const
{
    std::lock_guard lock(m_versionMutex);
    const auto it = m_layouts.find(logicalTable);
    if (it == m_layouts.end())
        return std::nullopt;
    return it->second;
}

bool ClickHouseConnector::claimLayoutProbe(const QString &logicalTable) const
{
    std::lock_guard lock(m_versionMutex);
    if (m_layouts.contains(logicalTable) || m_layoutProbesInFlight.contains(logicalTable))
        return false;
    m_layoutProbesInFlight.append(logicalTable);
    return true;
}

std::optional<QString> ClickHouseConnector::layoutNote(const QString &logicalTable,
                                                       const WorkLimits &limits) const
{
    // Read afresh: the check is where a changed table shows. Only a MergeTree table is judged;
    // a view or a Distributed table is not.
    auto layout = readLayout(logicalTable, limits);
    if (!layout)
        return std::nullopt;
    const QString note = layout->orgQueryNote(m_mapping.table(logicalTable),
                                              m_mapping.field(logicalTable, u"org_id"_s),
                                              m_mapping.field(logicalTable, u"ts"_s));
    if (note.isEmpty())
        return std::nullopt;
    return note;
}

Result<OperationOutput> ClickHouseConnector::run(const OperationCall &call)
{
    const OperationHandler *operation = handler(call.operation);
    if (!operation)
        return std::unexpected(m_connection.unknownOperation(call.operation));
    auto window = Args::window(call.args);
    if (!window)
        return std::unexpected(window.error());
    // Server-side parameters once the version says the server has them; until then quoted
    // literals, which every version reads, and the version is asked beside this step's queries.
    const std::optional<QString> version = knownVersion();
    const bool probeVersion = !version && claimVersionProbe();
    // The layout likewise: until it is known, the plain shape every table accepts.
    const QString logicalTable = call.operation.startsWith(u"webhook_"_s) ? Webhooks : Gateway;
    const TableLayout layout = knownLayout(logicalTable).value_or(TableLayout{});
    const bool probeLayout = !layout.known && claimLayoutProbe(logicalTable);
    const Request request{
        call.operation,
        call.args,
        *window,
        m_mapping,
        layout,
        m_sampleRows,
        version && versionSupportsParameters(*version),
        u" for %1, %2 – %3"_s.arg(orgLabel(call.args), isoUtc(window->from), isoUtc(window->to))};

    auto queries = operation->sql(request);
    if (!queries)
        return std::unexpected(queries.error());
    // Every query of the step (and the version probe) at once: one round trip.
    const qsizetype count = queries->size();
    std::vector<QString> ids(static_cast<size_t>(count));
    std::vector<std::optional<Result<ClickHouseResult>>> answers(static_cast<size_t>(count));
    QList<std::function<void()>> tasks;
    for (qsizetype i = 0; i < count; ++i) {
        tasks.append([this, &queries, &ids, &answers, &call, i] {
            // a query other steps wait for first, the others paused while it runs
            Query q = queries->at(i);
            q.priority = call.awaited ? AwaitedPriority : OtherPriority;
            answers[size_t(i)].emplace(query(q, call.limits, &ids[size_t(i)]));
        });
    }
    if (probeVersion) {
        tasks.append([this, &call] {
            auto probed = serverVersion(call.limits);
            if (!probed) {
                qCInfo(lcConnectors, "ClickHouse version probe failed: %s",
                       qUtf8Printable(probed.error().message));
            }
            std::lock_guard lock(m_versionMutex);
            m_versionProbeInFlight = false;
        });
    }
    if (probeLayout) {
        tasks.append([this, &call, &logicalTable] {
            // A failed read is asked again by a later step; an answer is kept.
            auto probed = readLayout(logicalTable, call.limits);
            if (!probed) {
                qCInfo(lcConnectors, "ClickHouse layout of %s not read: %s",
                       qUtf8Printable(logicalTable), qUtf8Printable(probed.error().message));
            }
            std::lock_guard lock(m_versionMutex);
            m_layoutProbesInFlight.removeAll(logicalTable);
        });
    }
    runTogether(tasks);
    QList<ClickHouseResult> results;
    for (size_t i = 0; i < answers.size(); ++i) {
        auto &answer = answers[i];
        if (!*answer && firstTokenFieldMissing(request, answer->error())) {
            OperationOutput none;
            none.evidence.append(makeEvidence(
                EvidenceKind::TimeSeries, u"clickhouse"_s,
                u"Time to first token: the logs have no such field (optional)"_s + request.suffix,
                u"clickhouse:query:"_s + ids.front(),
                QJsonObject{{u"bucket_s"_s, 0},
                            {u"columns"_s, QJsonArray::fromStringList(request.columns())},
                            {u"series"_s, QJsonArray{}},
                            {u"component"_s, u"first_token"_s},
                            {u"absent"_s, true}}));
            return none;
        }
        // an optional query comes after the queries it adds to: the step answers without it
        if (!*answer && queries->at(qsizetype(i)).optional) {
            qCInfo(lcConnectors, "ClickHouse: an optional query of %s failed: %s",
                   qUtf8Printable(call.operation), qUtf8Printable(answer->error().message));
            break;
        }
        if (!*answer)
            return std::unexpected(answer->error());
        results.append(std::move(**answer));
    }
    const QString sourceId = ids.front();
    // the queries the evidence was read from: not an optional one that failed
    QStringList texts;
    for (qsizetype i = 0; i < results.size(); ++i)
        texts << queries->at(i).text();
    Mapped mapped = operation->rows(results, request);
    OperationOutput out;
    // A step for one organisation on a table sorted otherwise says what it cost: it read more
    // than that organisation's rows, and which sort key would keep it to them.
    QString note;
    if (!Args::string(call.args, u"org"_s).isEmpty() && call.operation != u"org_comparison"_s) {
        note = layout.orgQueryNote(m_mapping.table(logicalTable),
                                   m_mapping.field(logicalTable, u"org_id"_s),
                                   m_mapping.field(logicalTable, u"ts"_s));
    }
    if (!note.isEmpty())
        mapped.data.insert(u"layout"_s, note);
    Evidence evidence = makeEvidence(mapped.kind, u"clickhouse"_s, mapped.title,
                                     u"clickhouse:query:"_s + sourceId, mapped.data);
    evidence.query =
        (note.isEmpty() ? QString() : u"-- "_s + note + u"\n"_s) + texts.join(u"\n\n"_s);
    out.evidence.append(std::move(evidence));
    out.outputs = std::move(mapped.outputs);
    return out;
}

} // namespace Casefile::Connectors
