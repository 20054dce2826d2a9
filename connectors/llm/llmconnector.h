#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// An OpenAI-compatible chat API (`POST {url}/chat/completions`, url usually ending in /v1),
// with a fallback chain: options {model, timeout_ms (per target), fallback: [{url, model}]}.
// Each target gets at most timeout_ms (and never more than the call's deadline); the first
// that answers wins. Thread-safe.
class LlmConnector final : public HttpConnector
{
public:
    LlmConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("llm")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // The reply text of a chat-completion answer ("" when it has none).
    static QString answerText(const QJsonObject &answer);

    struct Target
    {
        QUrl url;
        QString model;
    };
    QList<Target> targets() const;
};

} // namespace Casefile::Connectors
