#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Casefile::Connectors {

// One result of a `FORMAT JSON` query, with values converted by their ClickHouse type:
// (U)Int* → qint64 (quoted or not; quint64 above INT64_MAX), Float*/Decimal → double,
// DateTime → QDateTime (UTC, or the column's time zone), Date → QDate, Array(T) → QVariantList,
// String and the rest → QString, NULL → invalid QVariant.
struct ClickHouseResult
{
    struct Column
    {
        QString name;
        QString type;
    };
    QList<Column> columns;
    QList<QVariantList> rows;

    qsizetype columnIndex(const QString &name) const;
    QVariant value(qsizetype row, const QString &column) const;

    static Result<ClickHouseResult> parse(const QByteArray &body);
    static QVariant convert(const QJsonValue &value, const QString &type);
};

// A ClickHouse exception as found in a response body, in either the 18.16 form
// ("Code: 60, e.displayText() = DB::Exception: …, e.what() = DB::Exception") or the modern
// one ("Code: 60. DB::Exception: … (UNKNOWN_TABLE) (version …)").
struct ClickHouseException
{
    int code = 0;
    QString name;    // "UNKNOWN_TABLE" (modern servers only)
    QString message; // "Table default.x doesn't exist."

    static std::optional<ClickHouseException> find(const QByteArray &body);
    Error toError() const; // one line for a support engineer, with the code
};

} // namespace Casefile::Connectors
