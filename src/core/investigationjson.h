#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace Casefile {

// The investigation result document of contracts/investigation-result.md, both ways.
// toJson() writes exactly the contract's fields plus optional extensions; fromJson() accepts
// any document toJson() wrote and any contract-conforming document from another tool.
QJsonObject investigationToJson(const Investigation &investigation);
QByteArray investigationToJsonBytes(const Investigation &investigation, bool indented = true);
Result<Investigation> investigationFromJson(const QJsonObject &object);
Result<Investigation> investigationFromJsonBytes(const QByteArray &bytes);

QJsonObject ticketToJson(const Ticket &ticket); // full ticket snapshot (store, cache)
Ticket ticketFromJson(const QJsonObject &object);

QString toIsoUtc(const QDateTime &time); // "2026-11-20T10:05:01Z"
QDateTime fromIso(const QString &text);  // accepts offsets and milliseconds
// A JSON number as qint64 (truncated toward zero), or nothing when it is NaN or outside
// qint64's range (where a plain cast would be undefined behaviour).
std::optional<qint64> toInt64(double value);
// Unix seconds (a JSON number, or a string of digits as some vendors send) as a UTC time; no
// time for anything else or outside the years 1–9999.
QDateTime fromUnixSeconds(const QJsonValue &seconds);

} // namespace Casefile
