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
