#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace Casefile::Connectors {

// nlohmann/json stays inside the connectors module: these turn its exceptions into Errors at
// the boundary, with the same one-line messages as parseJson().
Result<nlohmann::json> parseNlohmann(const QByteArray &body, const QString &system);

// A member of an object as T, or an Error naming the member when it is missing or has
// another type.
template<typename T>
Result<T> member(const nlohmann::json &object, const char *name, const QString &system)
{
    try {
        if (!object.is_object() || !object.contains(name)) {
            return fail(
                Error::Code::Parse,
                QStringLiteral("%1 answered without \"%2\"").arg(system, QString::fromUtf8(name)));
        }
        return object.at(name).get<T>();
    } catch (const nlohmann::json::exception &e) {
        return fail(Error::Code::Parse,
                    QStringLiteral("%1 answered with an unexpected \"%2\": %3")
                        .arg(system, QString::fromUtf8(name), QString::fromUtf8(e.what())));
    }
}

} // namespace Casefile::Connectors
