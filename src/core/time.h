#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

// Times as the contracts and the vendors write them. Every time Casefile keeps is UTC.
namespace Casefile {

QString toIsoUtc(const QDateTime &time); // "2026-11-20T10:05:01Z"
QDateTime fromIso(const QString &text);  // accepts offsets and milliseconds
// A JSON number as qint64 (truncated toward zero), or nothing when it is NaN or outside
// qint64's range (where a plain cast would be undefined behaviour).
std::optional<qint64> toInt64(double value);
// Unix seconds (a JSON number, or a string of digits as some vendors send) as a UTC time; no
// time for anything else or outside the years 1–9999.
QDateTime fromUnixSeconds(const QJsonValue &seconds);

} // namespace Casefile
