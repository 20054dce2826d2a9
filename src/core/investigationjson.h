#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace Casefile {

// The investigation result document of contracts/investigation-result.md, both ways.
// toJson() writes exactly the contract's fields plus optional extensions; fromJson() accepts
// any document toJson() wrote and any contract-conforming document from another tool.
QJsonObject investigationToJson(const Investigation &investigation);
QByteArray investigationToJsonBytes(const Investigation &investigation, bool indented = true);
Result<Investigation> investigationFromJson(const QJsonObject &object);
Result<Investigation> investigationFromJsonBytes(const QByteArray &bytes);

// One item of the document's "evidence" array, both ways (the kind checked by fromJson).
QJsonObject evidenceToJson(const Evidence &evidence);
Result<Evidence> evidenceFromJson(const QJsonObject &object);

QJsonObject ticketToJson(const Ticket &ticket); // full ticket snapshot (store, cache)
Ticket ticketFromJson(const QJsonObject &object);

} // namespace Casefile
