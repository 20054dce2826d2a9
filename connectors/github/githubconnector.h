#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// GitHub REST (deployments with their statuses, commits and pull requests; releases).
// Option `repo` ("owner/name"). Pages follow the Link header, at most a few pages per list.
// Thread-safe (no per-call state).
class GitHubConnector final : public HttpConnector
{
public:
    GitHubConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("github")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // A deployment of the list as an event, without its statuses, files and pulls.
    static QJsonObject deploymentEvent(const QJsonObject &deployment, const QString &environment);
    // A published release inside `window` as an event; drafts and others give nothing.
    static std::optional<QJsonObject> releaseEvent(const QJsonObject &release,
                                                   const TimeWindow &window, const QString &repo);

private:
    Result<QString> repo(const QJsonObject &args) const;
    // GETs `url` and the pages after it while `more` says the last page is still relevant.
    Result<QJsonArray> list(QUrl url, const WorkLimits &limits, int maxPages,
                            const std::function<bool(const QJsonArray &page)> &more = {}) const;
    Result<OperationOutput> deployments(const OperationCall &call) const;
    Result<OperationOutput> releases(const OperationCall &call) const;
};

} // namespace Casefile::Connectors
