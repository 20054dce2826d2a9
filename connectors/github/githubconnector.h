#pragma once

#include "connectors/common/connection.h"
#include "connectors/common/keptvalues.h"

#include <QJsonArray>

#include <chrono>
#include <optional>

namespace Casefile::Connectors {

// GitHub REST (deployments with their statuses, commits and pull requests; releases).
// Option `repo` ("owner/name"). Pages follow the Link header, at most a few pages per list.
// A commit's details (message, files, pull requests) are kept a few minutes (CommitTtl): the
// next investigation of the same repository asks only for what is new (the deployment list
// and statuses, commits not seen yet), so its fan-out shrinks from up to 90 requests to the
// deployments' statuses. Thread-safe (KeptValues).
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

    static constexpr std::chrono::minutes CommitTtl{10};
    // Commits kept at most: a few investigations' worth of deployments in a few repositories.
    static constexpr qsizetype MaxKeptCommits = 2000;

private:
    struct KeptCommit
    {
        QJsonArray commit; // [the commit object]
        QJsonArray pulls;
    };

    Result<QString> repo(const QJsonObject &args) const;
    // GETs `url` and the pages after it while `more` says the last page is still relevant.
    Result<QJsonArray> list(QUrl url, const WorkLimits &limits, int maxPages,
                            const std::function<bool(const QJsonArray &page)> &more = {}) const;
    Result<OperationOutput> deployments(const OperationCall &call) const;
    Result<OperationOutput> releases(const OperationCall &call) const;

    mutable KeptValues<KeptCommit> m_commits{CommitTtl, MaxKeptCommits}; // "owner/name@sha"
};

} // namespace Casefile::Connectors
