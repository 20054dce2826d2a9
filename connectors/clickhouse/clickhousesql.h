#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <utility>

namespace Casefile::Connectors {

// Building ClickHouse SQL from a whitelist. Ticket text and arguments only ever become string
// literals (quote() or a server-side parameter); identifiers only come from FieldMapping.
namespace ClickHouseSql {

// A single-quoted ClickHouse string literal: backslash and quote escaped, control characters
// (NUL, newline, tab, …) written as escape sequences, so nothing can end the literal early.
QString quote(const QString &value);
// The "escaped" (TSV) form a server-side parameter value is sent in (param_x=...).
QString escapeParameterValue(const QString &value);
// Whether `text` is a plain identifier ("ts", "logs.gateway_requests").
bool isIdentifier(const QString &text);
// Whether `text` is an expression made only of identifiers, numbers, function calls and
// arithmetic: no quotes, comments, semicolons or keywords that could start a sub-statement.
bool isSafeExpression(const QString &text);

} // namespace ClickHouseSql

// Collects the literals of one query, as server-side parameters ({p1:String}) when the server
// supports them, else as quoted literals.
class SqlBuilder
{
public:
    explicit SqlBuilder(bool useParameters)
        : m_useParameters(useParameters)
    {}

    QString string(const QString &value);
    static QString time(const QDateTime &time); // toDateTime(<unix seconds>): no time zone involved
    const QList<std::pair<QString, QString>> &parameters() const { return m_parameters; }

private:
    bool m_useParameters = false;
    QList<std::pair<QString, QString>> m_parameters; // name → escaped value
};

// How a table is laid out on the server, as system.tables and system.columns describe it: what
// decides whether a query for one organisation and one window reads only those rows, and which
// clauses the table accepts (PREWHERE and SAMPLE need a MergeTree table; SAMPLE a sampling key).
struct TableLayout
{
    bool known = false;   // read from the server; else the plain, layout-free query shape
    QString engine;       // "MergeTree", "ReplicatedMergeTree", "Distributed", "View", …
    QString sortingKey;   // "org_id, ts"
    QString partitionKey; // "toYYYYMM(ts)"
    QString samplingKey;  // "" when the table has none
    // The table's stored columns (not ALIAS) and their types: "ts" → "DateTime".
    QMap<QString, QString> columns;

    bool isMergeTree() const;
    // The sort key's parts, split at top-level commas and trimmed.
    QStringList sortingColumns() const;
    // Whether the sort key starts with the organisation, then the time (the recommended layout).
    bool sortedByOrgThenTime(const QString &org, const QString &ts) const;
    bool canSample() const { return isMergeTree() && !samplingKey.isEmpty(); }
    // Whether `sql` (a mapped field) is a stored column of the table.
    bool isStoredColumn(const QString &sql) const;
    // Whether `sql` is a stored column the sort key or the partition key is made of: a
    // condition on it goes to PREWHERE.
    bool isKeyColumn(const QString &sql) const;
    // A Date column the table is partitioned by other than `ts` (PARTITION BY
    // toYYYYMM(event_date)): a bound on it lets the server skip the partitions outside the
    // window. Empty when the partition key already uses ts or has no Date column.
    QString partitionDateColumn(const QString &ts) const;
    // What a customer reads when a query for one organisation reads more than that
    // organisation's rows in the window (sorted otherwise); empty for the recommended layout
    // or an unknown one. `table` is the table's name as mapped.
    QString orgQueryNote(const QString &table, const QString &org, const QString &ts) const;
};

// The conditions of one query over a time window, split the way the table's layout reads them
// fastest: the conditions on the key columns (org, ts, a Date partition column) in PREWHERE,
// read first, so the other columns are read only for the granules they keep; the rest (a
// provider filter, status >= 400) in WHERE, read only for those granules. A String filter in
// PREWHERE would be read for every granule the key could not exclude. Without a known MergeTree
// layout everything goes to WHERE, which every table engine accepts. The result is the same
// either way; only what the server reads differs.
struct WindowConditions
{
    // Each condition: (the mapped field it tests, the SQL). The field decides PREWHERE.
    QList<std::pair<QString, QString>> conditions;

    void add(const QString &field, const QString &sql) { conditions.append({field, sql}); }
    // " PREWHERE … WHERE …" (either part left out when empty).
    QString clauses(const TableLayout &layout) const;
};

namespace ClickHouseSql {
// `ts >= toDateTime(<from>) AND ts < toDateTime(<to>)`: DateTime literals from whole unix
// seconds (no time zone involved), compared with the column as it is stored, so the server's
// primary key and partition min/max index narrow the read.
QStringList timeBounds(const QString &ts, const QDateTime &from, const QDateTime &to);
// The bound on a Date partition column covering the window, a day wider on each side (the day
// of a second depends on the time zone the column was filled in).
QStringList dateBounds(const QString &column, const QDateTime &from, const QDateTime &to);
// The SAMPLE clause of a query over every organisation: " SAMPLE <rows>" (ClickHouse then reads
// a sample of about that many of the window's rows, all of them when the window has fewer) when
// the table has a sampling key, else empty.
QString sampleClause(const TableLayout &layout, qint64 rows);
// The WITH clause of a series grouped by a label, naming `cf_labels` (the window's labels,
// counted by the scalar query `countLabels`) and `cf_bucket`: the first of `steps` (ascending,
// each giving at most the points one series may have) at which every label's buckets fit in
// `rowLimit` rows, else the whole window as one bucket. A day of 5-minute buckets for 220
// organisations (63,360 rows) becomes 10-minute buckets instead of losing the last ones.
QString fittingBucket(const QString &countLabels, qint64 windowSeconds, const QList<int> &steps,
                      int rowLimit);
} // namespace ClickHouseSql

// Logical field → column or expression, per table (contracts/log-schema.md). The connection
// option `mapping` overrides entries: {"latency_ms": "duration_ms", "gateway_requests":
// "logs.requests", "webhook_deliveries.ts": "attempted_at"}. A key without a table prefix
// names a gateway_requests field (or a field only webhook_deliveries has).
class FieldMapping
{
public:
    static constexpr auto GatewayRequests = "gateway_requests";
    static constexpr auto WebhookDeliveries = "webhook_deliveries";

    FieldMapping(); // the canonical schema
    static Result<FieldMapping> fromJson(const QJsonObject &mapping);

    QString table(const QString &logicalTable) const;
    // The SQL for a logical field of a logical table (parenthesised when it is an expression).
    QString field(const QString &logicalTable, const QString &logicalField) const;
    static QStringList fields(const QString &logicalTable);
    // Optional fields of the request-log schema (`ttft_ms`): mappable; a table without them
    // is read as having no such data.
    static const QStringList &optionalFields();

private:
    QMap<QString, QString> m_tables;
    QMap<QString, QString> m_fields; // "table.field" → SQL
};

} // namespace Casefile::Connectors
