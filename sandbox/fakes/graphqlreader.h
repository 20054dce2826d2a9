#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Casefile::Sandbox {

// A field of a GraphQL operation with its arguments resolved against the variables.
struct GraphQLField
{
    QString alias; // the response key: the alias, or the name
    QString name;
    QJsonObject arguments;
    QList<GraphQLField> selection;
};

// Enough of a GraphQL reader for the Linear fake: picks the operation (by name, or the first),
// resolves variables (with defaults) and returns its root fields. Fragments are skipped.
Result<QList<GraphQLField>> readGraphQLOperation(const QString &document,
                                                 const QJsonObject &variables,
                                                 const QString &operationName = {});

} // namespace Casefile::Sandbox
