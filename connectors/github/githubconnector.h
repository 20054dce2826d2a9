#pragma once

#include "connectors/common/connection.h"
#include "connectors/common/keptvalues.h"

#include <QJsonArray>

#include <chrono>
#include <future>
#include <mutex>
#include <optional>

namespace Casefile::Connectors {

// GitHub REST (deployments with their statuses, commits and pull requests; releases).
// Option `repo` ("owner/name"). Pages follow the Link header, at most a few pages per list.
// A commit's details (message, files, pull requests) are kept a few minutes (CommitTtl): the
// next investigation of the same repository asks only for what is new (the deployment list
// and statuses, commits not seen yet), so its fan-out shrinks from up to 90 requests to the
// deployments' statuses. A finished deployment's statuses are kept as long: it has no more to
// come. The deployment and release lists are kept a few seconds (ListTtl): an investigation whose
// window widens asks them again at once and finds them there. Thread-safe (KeptValues).
class GitHubConnector final : public HttpConnector
{
public:
    static constexpr std::chrono::seconds ListTtl{10};

    GitHubConnector(ConnectionSettings settings, Result<QString> secret,
                    std::chrono::milliseconds listTtl = ListTtl);

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

    // A list read newest first, as far back as it was read.
    struct KeptList
    {
        QJsonArray items;
        QDateTime reaches; // the oldest item's time; invalid when the list ended
    };

    Result<QString> repo(const QJsonObject &args) const;
    // GETs `url` and the pages after it while `more` says the last page is still relevant;
    // `ended` says whether the last page was the list's last.
    Result<QJsonArray> list(QUrl url, const WorkLimits &limits, int maxPages,
                            const std::function<bool(const QJsonArray &page)> &more = {},
                            bool *ended = nullptr) const;
    // The list at `url` (newest first; `timeOf` reads an item's time) back to `since`, at most
    // `maxPages` pages: kept from a moment ago when that read reached as far back.
    Result<QJsonArray> listSince(const QUrl &url, const WorkLimits &limits, int maxPages,
                                 const QDateTime &since,
                                 const std::function<QDateTime(const QJsonObject &)> &timeOf) const;
    Result<OperationOutput> deployments(const OperationCall &call) const;
    enum class Shape { List, Object };
    // `url`'s answer (one page of a list, or an object as a list of one), or that of the same
    // request under way.
    Result<QJsonArray> detail(const QUrl &url, Shape shape, const WorkLimits &limits) const;
    // A deployment's statuses (newest first): kept a while once finished.
    Result<QJsonArray> statuses(const QString &repo, const QString &id,
                                const WorkLimits &limits) const;
    Result<OperationOutput> releases(const OperationCall &call) const;

    mutable KeptValues<KeptCommit> m_commits{CommitTtl, MaxKeptCommits}; // "owner/name@sha"
    // a finished deployment's statuses ("owner/name#id")
    mutable KeptValues<QJsonArray> m_finishedStatuses{CommitTtl, MaxKeptCommits};
    mutable KeptValues<KeptList> m_lists; // by URL
    // details being asked, by URL: asked again meanwhile (the same investigation over a
    // widened window), the answer under way is awaited, not asked twice
    mutable std::mutex m_inFlightMutex;
    mutable QHash<QString, std::shared_future<Result<QJsonArray>>> m_inFlight;
};

} // namespace Casefile::Connectors
