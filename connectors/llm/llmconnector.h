#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// An OpenAI-compatible chat API (`POST {url}/chat/completions`, url usually ending in /v1),
// with a fallback chain: options {model, timeout_ms (per target), fallback: [{url, model,
// secret}]}. Each target gets at most timeout_ms (and never more than the call's deadline);
// the first that answers wins. Each target is sent its own secret: a fallback without one is
// sent the connection's secret only when it is on the connection's own origin, else none.
// Thread-safe.
class LlmConnector final : public HttpConnector
{
public:
    // `fallbackSecrets`: the resolved secret of each fallback target (options.fallback[i]),
    // an empty string where a target has none.
    LlmConnector(ConnectionSettings settings, Result<QString> secret,
                 QList<Result<QString>> fallbackSecrets = {});

    QStringList operations() const override { return Operations::names(QStringLiteral("llm")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // The reply text of a chat-completion answer ("" when it has none).
    static QString answerText(const QJsonObject &answer);

    struct Target
    {
        QUrl url;
        QString model;
        Result<QString> secret; // what this target is sent ("" = no Authorization)
    };
    QList<Target> targets() const;

private:
    QList<Result<QString>> m_fallbackSecrets;
};

} // namespace Casefile::Connectors
