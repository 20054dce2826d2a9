#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// The company's documentation site: `GET /api/search?q=&limit=` and `GET /api/pages?path=`.
// A secret, if configured, is sent as a Bearer token. Thread-safe.
class DocsConnector final : public HttpConnector
{
public:
    DocsConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("docs")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // The text item of an /api/pages answer for `path` (the answer's own path wins).
    static QJsonObject pageItem(const QJsonObject &page, const QString &path);

private:
    Result<QJsonObject> page(const QString &path, const WorkLimits &limits) const;
};

} // namespace Casefile::Connectors
