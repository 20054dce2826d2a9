#include "connectors/clickhouse/clickhouseresult.h"

#include "connectors/common/connection.h"
#include "core/time.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

QString unwrap(QString type)
{
    for (const QString &wrapper : {u"Nullable("_s, u"LowCardinality("_s}) {
        while (type.startsWith(wrapper) && type.endsWith(u')'))
            type = type.mid(wrapper.size(), type.size() - wrapper.size() - 1);
    }
    return type;
}

QVariant toInteger(const QJsonValue &value, bool isUnsigned)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (const auto v = toInt64(d))
            return QVariant::fromValue(*v);
        if (isUnsigned && d >= 0 && d < 18446744073709551616.0) // 2^64
            return QVariant::fromValue(quint64(d));
        return QVariant();
    }
    const QString s = value.toString();
    bool ok = false;
    const qint64 v = s.toLongLong(&ok);
    if (ok)
        return QVariant::fromValue(v);
    if (isUnsigned) {
        const quint64 u = s.toULongLong(&ok);
        if (ok)
            return QVariant::fromValue(u);
    }
    return QVariant();
}

QVariant toFloat(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    const QString s = value.toString();
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (ok)
        return d;
    if (s == u"nan"_s || s == u"-nan"_s)
        return std::numeric_limits<double>::quiet_NaN();
    if (s == u"inf"_s || s == u"+inf"_s)
        return std::numeric_limits<double>::infinity();
    if (s == u"-inf"_s)
        return -std::numeric_limits<double>::infinity();
    return QVariant();
}

} // namespace

QVariant ClickHouseResult::convert(const QJsonValue &value, const QString &rawType)
{
    if (value.isNull() || value.isUndefined())
        return QVariant();
    const QString type = unwrap(rawType);
    if (type.startsWith(u"Array("_s) && type.endsWith(u')')) {
        const QString inner = type.mid(6, type.size() - 7);
        QVariantList list;
        for (const QJsonValue &item : value.toArray())
            list.append(convert(item, inner));
        return list;
    }
    if (type.startsWith(u"UInt"_s))
        return toInteger(value, true);
    if (type.startsWith(u"Int"_s))
        return toInteger(value, false);
    if (type.startsWith(u"Float"_s) || type.startsWith(u"Decimal"_s))
        return toFloat(value);
    if (type.startsWith(u"DateTime"_s)) {
        QDateTime t = QDateTime::fromString(value.toString(), u"yyyy-MM-dd HH:mm:ss"_s);
        static const QRegularExpression zone(u"^DateTime\\('([^']+)'\\)$"_s);
        const auto m = zone.match(type);
        const QByteArray zoneId = m.hasMatch() ? m.captured(1).toUtf8() : QByteArray();
        if (!zoneId.isEmpty() && zoneId != "UTC" && zoneId != "Etc/UTC" &&
            QTimeZone(zoneId).isValid())
            t.setTimeZone(QTimeZone(zoneId));
        else
            t.setTimeZone(QTimeZone::utc());
        return t.toUTC();
    }
    if (type == u"Date"_s)
        return QDate::fromString(value.toString(), u"yyyy-MM-dd"_s);
    if (value.isString())
        return value.toString();
    return value.toVariant();
}

qsizetype ClickHouseResult::columnIndex(const QString &name) const
{
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name)
            return i;
    }
    return -1;
}

QVariant ClickHouseResult::value(qsizetype row, const QString &column) const
{
    const qsizetype c = columnIndex(column);
    if (c < 0 || row < 0 || row >= rows.size())
        return QVariant();
    return rows.at(row).value(c);
}

Result<ClickHouseResult> ClickHouseResult::parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        // An HTTP 200 can still end in an exception written after the first rows.
        if (auto exception = ClickHouseException::find(body))
            return std::unexpected(exception->toError());
        return fail(
            Error::Code::Parse,
            u"ClickHouse answered with malformed JSON: %1"_s.arg(
                error.error != QJsonParseError::NoError ? error.errorString() : u"not an object"_s),
            redact(QString::fromUtf8(body.left(300))));
    }
    const QJsonObject root = doc.object();
    if (!root.value(u"meta"_s).isArray() || !root.value(u"data"_s).isArray()) {
        return fail(
            Error::Code::Parse,
            u"ClickHouse answered without \"meta\" and \"data\": is the query's FORMAT JSON?"_s);
    }
    ClickHouseResult result;
    for (const QJsonValue &m : root.value(u"meta"_s).toArray()) {
        const QJsonObject o = m.toObject();
        result.columns.append({o.value(u"name"_s).toString(), o.value(u"type"_s).toString()});
    }
    for (const QJsonValue &d : root.value(u"data"_s).toArray()) {
        QVariantList row;
        row.reserve(result.columns.size());
        if (d.isArray()) { // JSONCompact
            const QJsonArray a = d.toArray();
            for (qsizetype i = 0; i < result.columns.size(); ++i)
                row.append(convert(a.at(i), result.columns.at(i).type));
        } else {
            const QJsonObject o = d.toObject();
            for (const Column &c : std::as_const(result.columns))
                row.append(convert(o.value(c.name), c.type));
        }
        result.rows.append(row);
    }
    return result;
}

std::optional<ClickHouseException> ClickHouseException::find(const QByteArray &body)
{
    static const QRegularExpression start(
        u"Code: (\\d+)(?:\\.|, e\\.displayText\\(\\) =) (?:DB::Exception: )?"_s);
    const QString text = QString::fromUtf8(body);
    const auto m = start.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    ClickHouseException e;
    e.code = m.captured(1).toInt();
    QString rest = text.mid(m.capturedEnd());
    rest = rest.section(u'\n', 0, 0);
    const qsizetype what = rest.indexOf(u", e.what() = "_s);
    if (what >= 0)
        rest.truncate(what);
    const qsizetype version = rest.indexOf(u" (version "_s);
    if (version >= 0)
        rest.truncate(version);
    static const QRegularExpression name(u"\\s*\\(([A-Z][A-Z0-9_]+)\\)\\s*$"_s);
    const auto n = name.match(rest);
    if (n.hasMatch()) {
        e.name = n.captured(1);
        rest.truncate(n.capturedStart());
    }
    e.message = truncated(rest.trimmed(), 300);
    return e;
}

Error ClickHouseException::toError() const
{
    const QString tag =
        name.isEmpty() ? u"Code %1"_s.arg(code) : u"Code %1 %2"_s.arg(code).arg(name);
    const QString msg = redact(message);
    Error e;
    e.detail = u"ClickHouse exception %1: %2"_s.arg(tag, msg);
    switch (code) {
    case 192:
    case 193:
    case 194:
    case 516:
    case 497:
        e.code = Error::Code::Unauthorized;
        e.message = u"ClickHouse rejected the user or password: %1 (%2)"_s.arg(msg, tag);
        break;
    case 60:
    case 81:
        e.code = Error::Code::NotFound;
        e.message = u"ClickHouse: %1 Check the database and the table mapping (%2)"_s.arg(msg, tag);
        break;
    case 16:
    case 47:
        e.code = Error::Code::InvalidInput;
        e.message =
            u"ClickHouse does not know a column the query uses: %1 Check the field mapping (%2)"_s
                .arg(msg, tag);
        break;
    case 159:
        e.code = Error::Code::Timeout;
        e.message = u"ClickHouse stopped the query at its time limit: %1 (%2)"_s.arg(msg, tag);
        break;
    case 202: // TOO_MANY_SIMULTANEOUS_QUERIES: the server's concurrency limit, sent with a 429
        e.code = Error::Code::RateLimited;
        e.message = u"rate limited by ClickHouse: %1 (%2)"_s.arg(msg, tag);
        break;
    case 394:
        e.code = Error::Code::Cancelled;
        e.message = u"The ClickHouse query was cancelled (%1)"_s.arg(tag);
        break;
    case 164:
        e.code = Error::Code::Unauthorized;
        e.message =
            u"ClickHouse refused a setting for this read-only user: %1 (%2)"_s.arg(msg, tag);
        break;
    case 62:
    case 46:
    case 43:
    case 53:
    case 386:
        e.code = Error::Code::InvalidInput;
        e.message = u"ClickHouse rejected the query: %1 (%2)"_s.arg(msg, tag);
        break;
    default:
        e.code = Error::Code::Server;
        e.message = u"ClickHouse failed: %1 (%2)"_s.arg(msg, tag);
    }
    return e;
}

} // namespace Casefile::Connectors
