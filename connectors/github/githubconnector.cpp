#include "connectors/github/githubconnector.h"

#include "connectors/common/parallel.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

// The deployments of a window whose details are read (the newest): a team shipping every hour
// has more than thirty in a window widened to two days, and the one that matters is then among
// the oldest. Their details go out together, one round trip.
constexpr int MaxDeployments = 80;

// Whether a deployment's statuses (newest first) have no more to come: its last state is final.
bool isFinished(const QJsonArray &statuses)
{
    static const QStringList finalStates{u"success"_s, u"failure"_s, u"error"_s, u"inactive"_s};
    return !statuses.isEmpty() &&
           finalStates.contains(statuses.first().toObject().value(u"state"_s).toString());
}

HttpClient::Options githubOptions()
{
    HttpClient::Options o;
    o.system = u"github"_s;
    o.displayName = u"GitHub"_s;
    return o;
}

QList<HttpHeader> githubAuth(const ConnectionSettings &, const QString &secret)
{
    // GitHub's recommended media type; its published description names the same body
    // application/json, which the list also accepts.
    QList<HttpHeader> h{{"Accept"_ba, "application/vnd.github+json, application/json"_ba},
                        {"X-GitHub-Api-Version"_ba, "2022-11-28"_ba}};
    if (!secret.isEmpty())
        h.append({"Authorization"_ba, "Bearer "_ba + secret.toUtf8()});
    return h;
}

} // namespace

GitHubConnector::GitHubConnector(ConnectionSettings settings, Result<QString> secret,
                                 std::chrono::milliseconds listTtl)
    : HttpConnector(std::move(settings), std::move(secret), githubOptions(), githubAuth)
    , m_lists(listTtl, 64)
{}

Result<QString> GitHubConnector::repo(const QJsonObject &args) const
{
    QString repo = Args::string(args, u"repo"_s);
    if (repo.isEmpty())
        repo = m_connection.options().value(u"repo"_s).toString();
    static const QRegularExpression re(u"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"_s);
    if (repo.isEmpty())
        return fail(Error::Code::InvalidInput,
                    u"No GitHub repository: set the connection option \"repo\" (owner/name)"_s);
    if (!re.match(repo).hasMatch())
        return fail(
            Error::Code::InvalidInput,
            u"\"%1\" is not a GitHub repository name (owner/name)"_s.arg(truncated(repo, 80)));
    return repo;
}

Result<QJsonArray> GitHubConnector::list(QUrl url, const WorkLimits &limits, int maxPages,
                                         const std::function<bool(const QJsonArray &)> &more,
                                         bool *ended) const
{
    QJsonArray all;
    if (ended)
        *ended = false;
    for (int page = 0; page < maxPages && url.isValid(); ++page) {
        auto request = m_connection.request("GET"_ba, url);
        if (!request)
            return std::unexpected(request.error());
        auto response = m_connection.http().send(*request, limits);
        if (!response)
            return std::unexpected(response.error());
        auto doc = parseJson(response->body, u"github"_s);
        if (!doc)
            return std::unexpected(doc.error());
        if (!doc->isArray())
            return fail(Error::Code::Parse,
                        u"github answered with malformed JSON: expected a list"_s);
        const QJsonArray items = doc->array();
        for (const QJsonValue &v : items)
            all.append(v);
        const QUrl next = nextLink(*response);
        url = !items.isEmpty() && next.isValid() && m_connection.isOwnUrl(next) ? next : QUrl();
        if (ended)
            *ended = !url.isValid();
        if (more && !items.isEmpty() && !more(items))
            break;
    }
    return all;
}

Result<QJsonArray>
GitHubConnector::listSince(const QUrl &url, const WorkLimits &limits, int maxPages,
                           const QDateTime &since,
                           const std::function<QDateTime(const QJsonObject &)> &timeOf) const
{
    const QString key = url.toString(QUrl::FullyEncoded) + u'\n' + QString::number(maxPages);
    if (const auto kept = m_lists.find(key);
        kept && (!kept->reaches.isValid() || kept->reaches < since))
        return kept->items;
    bool ended = false;
    auto items = list(
        url, limits, maxPages,
        [&](const QJsonArray &page) { return timeOf(page.last().toObject()) >= since; }, &ended);
    if (!items)
        return items;
    m_lists.keep(key,
                 KeptList{*items, ended || items->isEmpty() ? QDateTime()
                                                            : timeOf(items->last().toObject())});
    return items;
}

Result<OperationOutput> GitHubConnector::run(const OperationCall &call)
{
    if (call.operation == u"deployments"_s)
        return deployments(call);
    if (call.operation == u"releases"_s)
        return releases(call);
    return std::unexpected(m_connection.unknownOperation(call.operation));
}

QJsonObject GitHubConnector::deploymentEvent(const QJsonObject &d, const QString &environment)
{
    const QString id = d.value(u"id"_s).toVariant().toString();
    const QString sha = d.value(u"sha"_s).toString();
    const QString description = d.value(u"description"_s).toString();
    return QJsonObject{
        {u"time"_s, isoOrNull(parseTime(d.value(u"created_at"_s).toString()))},
        {u"end"_s, QJsonValue::Null},
        {u"type"_s, u"deploy"_s},
        {u"ref"_s, QString(u"github:deployment:"_s + id)},
        {u"sha"_s, sha},
        {u"environment"_s, d.value(u"environment"_s).toString(environment)},
        {u"creator"_s, d.value(u"creator"_s).toObject().value(u"login"_s).toString()},
        {u"title"_s,
         description.isEmpty() ? u"Deploy %1 to %2"_s.arg(sha.left(7), environment) : description}};
}

std::optional<QJsonObject>
GitHubConnector::releaseEvent(const QJsonObject &r, const TimeWindow &window, const QString &repo)
{
    if (r.value(u"draft"_s).toBool())
        return std::nullopt;
    QDateTime when = parseTime(r.value(u"published_at"_s).toString());
    if (!when.isValid())
        when = parseTime(r.value(u"created_at"_s).toString());
    if (!window.contains(when))
        return std::nullopt;
    const QString tag = r.value(u"tag_name"_s).toString();
    const QString name = r.value(u"name"_s).toString();
    return QJsonObject{{u"time"_s, isoOrNull(when)},
                       {u"end"_s, QJsonValue::Null},
                       {u"type"_s, u"release"_s},
                       {u"ref"_s, QString(u"github:release:"_s + tag)},
                       {u"title"_s, name.isEmpty() ? tag : name},
                       {u"tag"_s, tag},
                       {u"body"_s, truncated(r.value(u"body"_s).toString(), 4000)},
                       {u"repo"_s, repo}};
}

Result<QJsonArray> GitHubConnector::detail(const QUrl &url, Shape shape,
                                           const WorkLimits &limits) const
{
    const QString key = url.toString(QUrl::FullyEncoded);
    std::promise<Result<QJsonArray>> promise;
    std::shared_future<Result<QJsonArray>> underWay;
    {
        const std::lock_guard lock(m_inFlightMutex);
        if (const auto it = m_inFlight.constFind(key); it != m_inFlight.cend())
            underWay = *it;
        else
            m_inFlight.insert(key, promise.get_future().share());
    }
    if (underWay.valid()) {
        // within this call's own deadline and cancellation
        while (underWay.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready) {
            if (limits.cancel.isCancelled())
                return fail(Error::Code::Cancelled, u"cancelled"_s);
            if (limits.deadline.hasExpired())
                return fail(Error::Code::Timeout, u"github did not answer in time"_s);
        }
        const Result<QJsonArray> shared = underWay.get();
        if (shared || shared.error().code != Error::Code::Cancelled)
            return shared;
    }
    // (asked here, also when the other asker gave up)
    Result<QJsonArray> answer = std::unexpected(Error{});
    if (shape == Shape::Object) {
        auto one = m_connection.getJson(url, limits);
        answer = one ? Result<QJsonArray>(QJsonArray{*one})
                     : Result<QJsonArray>(std::unexpected(one.error()));
    } else {
        answer = list(url, limits, 1);
    }
    if (!underWay.valid()) {
        const std::lock_guard lock(m_inFlightMutex);
        m_inFlight.remove(key);
        promise.set_value(answer);
    }
    return answer;
}

Result<QJsonArray> GitHubConnector::statuses(const QString &repo, const QString &id,
                                             const WorkLimits &limits) const
{
    const QString key = repo + u'#' + id;
    if (auto kept = m_finishedStatuses.find(key))
        return *kept;
    QUrlQuery one;
    one.addQueryItem(u"per_page"_s, u"10"_s);
    Result<QJsonArray> answer = detail(
        m_connection.endpoint(u"/repos/"_s + repo + u"/deployments/"_s + id + u"/statuses"_s, one),
        Shape::List, limits);
    if (answer && isFinished(*answer))
        m_finishedStatuses.keep(key, *answer);
    return answer;
}

Result<OperationOutput> GitHubConnector::deployments(const OperationCall &call) const
{
    auto repoName = repo(call.args);
    if (!repoName)
        return std::unexpected(repoName.error());
    auto window = Args::window(call.args);
    if (!window)
        return std::unexpected(window.error());
    const QString environment = Args::string(call.args, u"environment"_s, u"production"_s);
    // A deploy just before the window still matters.
    const QDateTime since = window->from.addSecs(-6 * 3600);
    const QString base = u"/repos/"_s + *repoName;
    QUrlQuery q;
    addQueryItem(q, u"environment"_s, environment);
    q.addQueryItem(u"per_page"_s, u"100"_s);
    const QUrl listUrl = m_connection.endpoint(base + u"/deployments"_s, q);
    // Newest first: no further than a page reaching before the window.
    auto items = listSince(listUrl, call.limits, 5, since, [](const QJsonObject &d) {
        return parseTime(d.value(u"created_at"_s).toString());
    });
    if (!items)
        return std::unexpected(items.error());

    QList<QJsonObject> selected;
    for (const QJsonValue &v : *items) {
        const QJsonObject d = v.toObject();
        const QDateTime created = parseTime(d.value(u"created_at"_s).toString());
        if (created >= since && created < window->to)
            selected.append(d);
    }
    std::sort(selected.begin(), selected.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return parseTime(a.value(u"created_at"_s).toString()) >
               parseTime(b.value(u"created_at"_s).toString());
    });
    if (selected.size() > MaxDeployments)
        selected.resize(MaxDeployments);

    // Each deployment's statuses, and each deployed commit's files, message and pull requests
    // (once per commit: a redeploy or a rollback ships a commit already asked for; not at all
    // for a commit an earlier investigation asked for a few minutes ago: a commit does not
    // change). Every one of these requests at once, one round trip after the list.
    QStringList shas;
    QHash<QString, KeptCommit> kept;
    for (const QJsonObject &d : std::as_const(selected)) {
        const QString sha = d.value(u"sha"_s).toString();
        if (sha.isEmpty() || shas.contains(sha) || kept.contains(sha))
            continue;
        if (auto details = m_commits.find(*repoName + u'@' + sha))
            kept.insert(sha, *details);
        else
            shas.append(sha);
    }
    enum CommitDetail { Commit, Pulls, CommitDetails };
    const qsizetype statusCount = selected.size();
    const auto details = inParallel(statusCount + shas.size() * CommitDetails, [&](qsizetype i) {
        if (i < statusCount)
            return statuses(*repoName, selected.at(i).value(u"id"_s).toVariant().toString(),
                            call.limits);
        const qsizetype j = i - statusCount;
        const QString path = base + u"/commits/"_s + shas.at(j / CommitDetails);
        if (j % CommitDetails == Pulls)
            return detail(m_connection.endpoint(path + u"/pulls"_s), Shape::List, call.limits);
        return detail(m_connection.endpoint(path), Shape::Object, call.limits);
    });
    for (const auto &detail : details) {
        if (!detail && isFatal(detail.error()))
            return std::unexpected(detail.error());
    }
    for (qsizetype n = 0; n < shas.size(); ++n) {
        const auto &commit = details.at(statusCount + n * CommitDetails + Commit);
        const auto &pulls = details.at(statusCount + n * CommitDetails + Pulls);
        if (commit && pulls && !commit->isEmpty())
            m_commits.keep(*repoName + u'@' + shas.at(n), {*commit, *pulls});
    }
    const auto commitDetail = [&](const QString &sha, CommitDetail which) -> Result<QJsonArray> {
        if (const auto it = kept.constFind(sha); it != kept.cend())
            return which == Commit ? it->commit : it->pulls;
        const qsizetype n = shas.indexOf(sha);
        return n < 0 ? Result<QJsonArray>(QJsonArray{})
                     : details.at(statusCount + n * CommitDetails + which);
    };

    QJsonArray events;
    QJsonArray ids;
    for (qsizetype n = 0; n < selected.size(); ++n) {
        const QJsonObject &d = selected.at(n);
        QJsonObject event = deploymentEvent(d, environment);

        const auto &statuses = details.at(n);
        if (statuses && !statuses->isEmpty()) {
            // Newest first.
            const QJsonObject latest = statuses->first().toObject();
            event.insert(u"state"_s, latest.value(u"state"_s).toString());
            event.insert(u"finished"_s,
                         isoOrNull(parseTime(latest.value(u"created_at"_s).toString())));
        } else {
            event.insert(u"state"_s, QJsonValue::Null);
            event.insert(u"finished"_s, QJsonValue::Null);
        }

        QJsonArray files;
        QString message;
        const QString sha = d.value(u"sha"_s).toString();
        const auto commit = commitDetail(sha, Commit);
        if (commit && !commit->isEmpty()) {
            const QJsonObject c = commit->first().toObject();
            for (const QJsonValue &f : c.value(u"files"_s).toArray())
                files.append(f.toObject().value(u"filename"_s).toString());
            message = c.value(u"commit"_s).toObject().value(u"message"_s).toString();
        }
        event.insert(u"files"_s, files);
        event.insert(u"message"_s, truncated(message, 2000));

        QJsonArray pulls;
        const auto prs = commitDetail(sha, Pulls);
        if (prs) {
            for (const QJsonValue &p : *prs) {
                const QJsonObject pr = p.toObject();
                const int number = pr.value(u"number"_s).toInt();
                pulls.append(QJsonObject{{u"number"_s, number},
                                         {u"title"_s, pr.value(u"title"_s).toString()},
                                         {u"ref"_s, u"github:pull:%1"_s.arg(number)}});
            }
        }
        event.insert(u"pulls"_s, pulls);
        events.append(event);
        ids.append(d.value(u"id"_s));
    }
    // Oldest first, like every events list.
    QJsonArray ordered;
    for (qsizetype i = events.size() - 1; i >= 0; --i)
        ordered.append(events.at(i));
    OperationOutput out;
    out.evidence.append(makeEvidence(
        EvidenceKind::Events, u"github"_s, u"Deployments of %1 to %2"_s.arg(*repoName, environment),
        sourceOf(u"github"_s, "GET"_ba, listUrl), {{u"events"_s, ordered}}));
    out.outputs.insert(u"deployment_ids"_s, ids);
    return out;
}

Result<OperationOutput> GitHubConnector::releases(const OperationCall &call) const
{
    auto repoName = repo(call.args);
    if (!repoName)
        return std::unexpected(repoName.error());
    auto asked = Args::window(call.args);
    if (!asked)
        return std::unexpected(asked.error());
    // A client SDK's notes announce a change ahead of it ("upgrade before 12 December"): the
    // releases of the days before the window too, each marked as such.
    const int lookbackDays = std::clamp(Args::integer(call.args, u"lookback_days"_s, 0), 0, 366);
    const TimeWindow window{asked->from.addDays(-lookbackDays), asked->to};
    QUrlQuery q;
    q.addQueryItem(u"per_page"_s, u"100"_s);
    const QUrl url = m_connection.endpoint(u"/repos/"_s + *repoName + u"/releases"_s, q);
    auto items = listSince(url, call.limits, 3, window.from, [](const QJsonObject &r) {
        return parseTime(r.value(u"published_at"_s).toString(r.value(u"created_at"_s).toString()));
    });
    if (!items)
        return std::unexpected(items.error());
    QList<QJsonObject> events;
    for (const QJsonValue &v : *items) {
        if (auto event = releaseEvent(v.toObject(), window, *repoName)) {
            if (parseTime(event->value(u"time"_s).toString()) < asked->from)
                event->insert(u"before_window"_s, true);
            events.append(*event);
        }
    }
    std::sort(events.begin(), events.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"time"_s).toString() < b.value(u"time"_s).toString();
    });
    QJsonArray array;
    for (const QJsonObject &e : std::as_const(events))
        array.append(e);
    OperationOutput out;
    out.evidence.append(makeEvidence(EvidenceKind::Events, u"github"_s,
                                     u"Releases of %1"_s.arg(*repoName),
                                     sourceOf(u"github"_s, "GET"_ba, url), {{u"events"_s, array}}));
    return out;
}

ConnectionCheck GitHubConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    QString who;
    HttpResponse response;
    auto user = m_connection.getJson(m_connection.endpoint(u"/user"_s), limits, &response);
    if (user) {
        who = u" as "_s + user->value(u"login"_s).toString();
        const QByteArray scopes = response.header("x-oauth-scopes"_ba);
        if (!scopes.isEmpty())
            who += u" (scopes: "_s + QString::fromLatin1(scopes) + u")"_s;
    } else if (user.error().code != Error::Code::NotFound) {
        return m_connection.failedCheck(user.error()); // bad token, unreachable, …
    }
    auto repoName = repo({});
    if (!repoName)
        return {false, u"Connected to GitHub%1, but %2"_s.arg(who, repoName.error().message)};
    auto r = m_connection.getJson(m_connection.endpoint(u"/repos/"_s + *repoName), limits);
    if (!r) {
        if (r.error().code == Error::Code::NotFound) {
            return {
                false,
                u"Connected to GitHub%1, but repo %2 is not visible: check its name and the token's repo scope"_s
                    .arg(who, *repoName)};
        }
        return m_connection.failedCheck(r.error());
    }
    return {true, u"Connected to GitHub%1 / repo %2 visible"_s.arg(who, *repoName)};
}

} // namespace Casefile::Connectors
