#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// Linear's GraphQL API: issue search (searchIssues, Relay paging). A personal API key is sent
// as is in Authorization (no "Bearer"), an OAuth token with it. Thread-safe.
class LinearConnector final : public HttpConnector
{
public:
    LinearConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("linear")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // POSTs a GraphQL document; GraphQL errors become an Error.
    Result<QJsonObject> graphql(const QString &query, const QJsonObject &variables,
                                const WorkLimits &limits) const;
    // The `data` of a GraphQL answer, or the Error its `errors` stand for.
    static Result<QJsonObject> graphqlData(const QJsonObject &answer);
    // One node of searchIssues as an event.
    static QJsonObject issueEvent(const QJsonObject &issue);

private:
    QUrl graphqlUrl() const;
};

} // namespace Casefile::Connectors
