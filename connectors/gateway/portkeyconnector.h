#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// The gateway's routing configs, Portkey-style: `GET {url}/configs/{slug}` with
// `x-portkey-api-key`; the config itself is the answer's `config` field. Thread-safe.
class PortkeyConnector final : public HttpConnector
{
public:
    PortkeyConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("gateway")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // The evidence data of a /configs/{slug} answer (ref, config_id, name, org, config), or
    // a Parse error when it holds no config.
    static Result<QJsonObject> configData(const QJsonObject &answer, const QString &slug);
};

} // namespace Casefile::Connectors
