#include "core/time.h"

#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Casefile {

QString toIsoUtc(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODate);
}

std::optional<qint64> toInt64(double value)
{
    // 2^63 is exact as a double; NaN fails both comparisons.
    constexpr double Bound = 9223372036854775808.0;
    if (value >= -Bound && value < Bound)
        return qint64(value);
    return std::nullopt;
}

QDateTime fromUnixSeconds(const QJsonValue &seconds)
{
    std::optional<qint64> secs;
    if (seconds.isDouble()) {
        secs = toInt64(seconds.toDouble());
    } else if (seconds.isString()) {
        bool ok = false;
        const qint64 v = seconds.toString().toLongLong(&ok);
        if (ok)
            secs = v;
    }
    // 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z
    if (!secs || *secs < -62'135'596'800 || *secs > 253'402'300'799)
        return {};
    return QDateTime::fromSecsSinceEpoch(*secs, QTimeZone::utc());
}

QDateTime fromIso(const QString &text)
{
    if (text.isEmpty())
        return {};
    // Qt's ISO parser also takes a space for the 'T' (ClickHouse's "2026-11-20 09:14:00"),
    // a bare date and milliseconds.
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        // Jira writes offsets without a colon: 2024-05-01T12:34:56.789+0000
        static const QRegularExpression noColon(uR"(([+-]\d\d)(\d\d)$)"_s);
        QString fixed = text;
        fixed.replace(noColon, u"\\1:\\2"_s);
        t = QDateTime::fromString(fixed, Qt::ISODateWithMs);
    }
    if (!t.isValid())
        return {};
    // No offset in the text: the time is UTC, as every time in the contracts, never this
    // machine's local time.
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc());
    return t.toUTC();
}

} // namespace Casefile
