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
    // The config is masked with maskSecrets().
    static Result<QJsonObject> configData(const QJsonObject &answer, const QString &slug);
    // `value` with every credential replaced by "***", recursively: values under api_key-like
    // keys (api_key, aws_secret_access_key, authorization…) and values that look like keys.
    static QJsonValue maskSecrets(const QJsonValue &value, const QString &key = {});
};

} // namespace Casefile::Connectors
