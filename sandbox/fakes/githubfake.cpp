#include "sandbox/fakes/vendorfakes.h"

#include <QRegularExpression>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultPerPage = 30;
constexpr int MaxPerPage = 100;
const QString Docs = u"https://docs.github.com/rest"_s;

QJsonObject githubError(const QString &message, int status, const QString &docs = Docs)
{
    return QJsonObject{{u"message"_s, message},
                       {u"documentation_url"_s, docs},
                       {u"status"_s, QString::number(status)}};
}

QString fullSha(const QString &sha)
{
    // Scenario SHAs may be short; pad deterministically so they look like Git's.
    return sha.size() >= 40 ? sha : sha + stableHex(sha, 40 - static_cast<int>(sha.size()));
}

} // namespace

GitHubFake::GitHubFake(FakeContext &context)
    : VendorFake(context)
{
    m_repo = context.section(u"company"_s).value(u"github_repo"_s).toString();
    const QJsonObject github = context.section(u"github"_s);
    for (const QJsonValue &v : github.value(u"deployments"_s).toArray())
        m_deployments.append(v.toObject());
    std::stable_sort(
        m_deployments.begin(), m_deployments.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"created_at"_s).toString() > b.value(u"created_at"_s).toString();
        });
    for (const QJsonValue &v : github.value(u"commits"_s).toArray())
        m_commits.append(v.toObject());
    const auto commitDate = [](const QJsonObject &c) {
        const QJsonObject commit = c.value(u"commit"_s).toObject();
        const QString committer =
            commit.value(u"committer"_s).toObject().value(u"date"_s).toString();
        return committer.isEmpty()
                   ? commit.value(u"author"_s).toObject().value(u"date"_s).toString()
                   : committer;
    };
    std::stable_sort(
        m_commits.begin(), m_commits.end(),
        [&](const QJsonObject &a, const QJsonObject &b) { return commitDate(a) < commitDate(b); });
    for (const QJsonValue &v : github.value(u"pulls"_s).toArray())
        m_pulls.append(v.toObject());
    for (const QJsonValue &v : github.value(u"releases"_s).toArray())
        m_releases.append(v.toObject());
    std::stable_sort(
        m_releases.begin(), m_releases.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"created_at"_s).toString() > b.value(u"created_at"_s).toString();
        });
}

void GitHubFake::addRateHeaders(HttpResponse &response, bool exhausted) const
{
    response.setHeader("x-ratelimit-limit"_ba, "5000"_ba);
    response.setHeader("x-ratelimit-remaining"_ba, exhausted ? "0"_ba : "4999"_ba);
    response.setHeader("x-ratelimit-used"_ba, exhausted ? "5000"_ba : "1"_ba);
    response.setHeader("x-ratelimit-reset"_ba,
                       epochSecondsFromNow(exhausted ? 1 : 3600).toLatin1());
    response.setHeader("x-ratelimit-resource"_ba, "core"_ba);
    response.setHeader("X-GitHub-Api-Version-Selected"_ba, "2022-11-28"_ba);
    response.setHeader(
        "X-GitHub-Request-Id"_ba,
        stableHex(QString::number(m_context.sinceStart.nsecsElapsed()), 16).toUpper().toLatin1());
}

HttpResponse GitHubFake::faultAnswer(int status)
{
    HttpResponse response;
    if (status == 429) {
        response = jsonAnswer(
            429, githubError(u"API rate limit exceeded for user ID 1. If you reach out to "
                             "GitHub Support for help, please include the request ID."_s,
                             429, Docs + u"/overview/rate-limits-for-the-rest-api"_s));
        addRateHeaders(response, true);
    } else {
        response = jsonAnswer(status, githubError(u"Server Error"_s, status));
        addRateHeaders(response, false);
    }
    return response;
}

HttpResponse GitHubFake::notFound() const
{
    return jsonAnswer(404, githubError(u"Not Found"_s, 404));
}

HttpResponse GitHubFake::answer(const HttpRequest &request)
{
    HttpResponse response;
    const QString token = bearerToken(request);
    const QByteArray header = request.header("Authorization");
    const QString classic =
        header.startsWith("token ") ? QString::fromUtf8(header.mid(6).trimmed()) : QString();
    if (token != m_context.token(u"github"_s) && classic != m_context.token(u"github"_s))
        response = jsonAnswer(401, githubError(u"Bad credentials"_s, 401));
    else
        response = route(request);
    addRateHeaders(response, false);
    return response;
}

QJsonObject GitHubFake::authenticatedUser() const
{
    QJsonObject me = user(u"casefile-support"_s);
    const QString created = isoUtc(m_context.now.addYears(-3));
    const QJsonObject more{{u"name"_s, u"Casefile Support"_s},
                           {u"company"_s, m_context.section(u"company"_s).value(u"name"_s)},
                           {u"blog"_s, u""_s},
                           {u"location"_s, u""_s},
                           {u"email"_s, m_context.agentEmail},
                           {u"hireable"_s, false},
                           {u"bio"_s, u""_s},
                           {u"public_repos"_s, 0},
                           {u"public_gists"_s, 0},
                           {u"followers"_s, 0},
                           {u"following"_s, 0},
                           {u"created_at"_s, created},
                           {u"updated_at"_s, created},
                           {u"private_gists"_s, 0},
                           {u"total_private_repos"_s, 1},
                           {u"owned_private_repos"_s, 0},
                           {u"disk_usage"_s, 0},
                           {u"collaborators"_s, 0},
                           {u"two_factor_authentication"_s, true}};
    for (auto it = more.begin(); it != more.end(); ++it)
        me.insert(it.key(), it.value());
    return me;
}

QJsonObject GitHubFake::user(const QString &login) const
{
    const QString api = m_context.base(u"github"_s);
    const QString name = login.isEmpty() ? u"ghost"_s : login;
    const qint64 id = 1000 + stableNumber(name, 9000000);
    const QString url = api + u"/users/"_s + name;
    return QJsonObject{{u"login"_s, name},
                       {u"id"_s, id},
                       {u"node_id"_s, jv(u"U_kgDO"_s + stableHex(name, 10))},
                       {u"avatar_url"_s, jv(u"https://avatars.githubusercontent.com/u/"_s +
                                            QString::number(id) + u"?v=4"_s)},
                       {u"gravatar_id"_s, u""_s},
                       {u"url"_s, url},
                       {u"html_url"_s, jv(u"https://github.com/"_s + name)},
                       {u"followers_url"_s, jv(url + u"/followers"_s)},
                       {u"following_url"_s, jv(url + u"/following{/other_user}"_s)},
                       {u"gists_url"_s, jv(url + u"/gists{/gist_id}"_s)},
                       {u"starred_url"_s, jv(url + u"/starred{/owner}{/repo}"_s)},
                       {u"subscriptions_url"_s, jv(url + u"/subscriptions"_s)},
                       {u"organizations_url"_s, jv(url + u"/orgs"_s)},
                       {u"repos_url"_s, jv(url + u"/repos"_s)},
                       {u"events_url"_s, jv(url + u"/events{/privacy}"_s)},
                       {u"received_events_url"_s, jv(url + u"/received_events"_s)},
                       {u"type"_s, u"User"_s},
                       {u"site_admin"_s, false},
                       {u"user_view_type"_s, u"public"_s}};
}

const QJsonObject *GitHubFake::findCommit(const QString &ref) const
{
    if (ref.size() < 4)
        return nullptr;
    for (const QJsonObject &c : m_commits) {
        const QString sha = c.value(u"sha"_s).toString();
        if (fullSha(sha).startsWith(ref) || (sha.startsWith(ref)) || ref.startsWith(sha))
            return &c;
    }
    return nullptr;
}

QJsonObject GitHubFake::commitJson(const QJsonObject &source, bool full) const
{
    const QString repoApi = m_context.base(u"github"_s) + u"/repos/"_s + m_repo;
    const QString sha = fullSha(source.value(u"sha"_s).toString());
    QJsonObject commit = source.value(u"commit"_s).toObject();
    QJsonObject author = commit.value(u"author"_s).toObject();
    const QString authorName = author.value(u"name"_s).toString(u"unknown"_s);
    if (!author.contains(u"email"_s))
        author.insert(u"email"_s, jv(authorName.toLower() + u"@users.noreply.github.com"_s));
    QJsonObject committer = commit.value(u"committer"_s).toObject();
    if (committer.isEmpty())
        committer = author;
    const QString treeSha = stableHex(u"tree:"_s + sha, 40);
    commit = withDefaults(
        QJsonObject{{u"url"_s, jv(repoApi + u"/git/commits/"_s + sha)},
                    {u"comment_count"_s, 0},
                    {u"message"_s, u""_s},
                    {u"tree"_s, QJsonObject{{u"sha"_s, treeSha},
                                            {u"url"_s, jv(repoApi + u"/git/trees/"_s + treeSha)}}},
                    {u"verification"_s, QJsonObject{{u"verified"_s, false},
                                                    {u"reason"_s, u"unsigned"_s},
                                                    {u"signature"_s, QJsonValue::Null},
                                                    {u"payload"_s, QJsonValue::Null},
                                                    {u"verified_at"_s, QJsonValue::Null}}}},
        commit);
    commit.insert(u"author"_s, author);
    commit.insert(u"committer"_s, committer);

    // Parents: the previous commit in time, as a linear history.
    QJsonArray parents;
    for (qsizetype i = 1; i < m_commits.size(); ++i) {
        if (m_commits.at(i).value(u"sha"_s) == source.value(u"sha"_s)) {
            const QString parent = fullSha(m_commits.at(i - 1).value(u"sha"_s).toString());
            parents.append(QJsonObject{
                {u"sha"_s, parent},
                {u"url"_s, jv(repoApi + u"/commits/"_s + parent)},
                {u"html_url"_s, jv(u"https://github.com/"_s + m_repo + u"/commit/"_s + parent)}});
        }
    }
    const QString login =
        source.value(u"author"_s).toObject().value(u"login"_s).toString(authorName.toLower());
    QJsonObject out = withDefaults(
        QJsonObject{{u"url"_s, jv(repoApi + u"/commits/"_s + sha)},
                    {u"node_id"_s, jv(u"C_kwDO"_s + stableHex(sha, 24))},
                    {u"html_url"_s, jv(u"https://github.com/"_s + m_repo + u"/commit/"_s + sha)},
                    {u"comments_url"_s, jv(repoApi + u"/commits/"_s + sha + u"/comments"_s)},
                    {u"author"_s, user(login)},
                    {u"committer"_s, user(login)},
                    {u"parents"_s, parents}},
        source);
    out.insert(u"sha"_s, sha);
    out.insert(u"commit"_s, commit);
    QJsonArray files;
    int additions = 0;
    int deletions = 0;
    for (const QJsonValue &v : source.value(u"files"_s).toArray()) {
        const QJsonObject f = v.toObject();
        const QString filename = f.value(u"filename"_s).toString();
        const int add = f.value(u"additions"_s).toInt();
        const int del = f.value(u"deletions"_s).toInt();
        additions += add;
        deletions += del;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(filename, "/"));
        files.append(withDefaults(
            QJsonObject{
                {u"sha"_s, stableHex(sha + u':' + filename, 40)},
                {u"status"_s, u"modified"_s},
                {u"changes"_s, jv(add + del)},
                {u"blob_url"_s,
                 jv(u"https://github.com/"_s + m_repo + u"/blob/"_s + sha + u'/' + encoded)},
                {u"raw_url"_s,
                 jv(u"https://github.com/"_s + m_repo + u"/raw/"_s + sha + u'/' + encoded)},
                {u"contents_url"_s, jv(repoApi + u"/contents/"_s + encoded + u"?ref="_s + sha)},
                {u"patch"_s, jv(u"@@ -1,"_s + QString::number(del) + u" +1,"_s +
                                QString::number(add) + u" @@"_s)}},
            f));
    }
    if (full) {
        out.insert(u"files"_s, files);
        out.insert(u"stats"_s, QJsonObject{{u"total"_s, jv(additions + deletions)},
                                           {u"additions"_s, additions},
                                           {u"deletions"_s, deletions}});
    } else {
        out.remove(u"files"_s);
        out.remove(u"stats"_s);
    }
    return out;
}

QList<QJsonObject> GitHubFake::deploymentStatuses(const QJsonObject &deployment) const
{
    const QString repoApi = m_context.base(u"github"_s) + u"/repos/"_s + m_repo;
    const qint64 id = deployment.value(u"id"_s).toVariant().toLongLong();
    const QString deploymentUrl = repoApi + u"/deployments/"_s + QString::number(id);
    const QJsonArray statuses = deployment.value(u"statuses"_s).toArray();
    QList<QJsonObject> out;
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const QJsonObject s = statuses.at(i).toObject();
        const qint64 statusId = id * 1000 + i + 1;
        const QString created =
            s.value(u"created_at"_s).toString(deployment.value(u"created_at"_s).toString());
        out.append(withDefaults(
            QJsonObject{
                {u"url"_s, jv(deploymentUrl + u"/statuses/"_s + QString::number(statusId))},
                {u"id"_s, statusId},
                {u"node_id"_s, jv(u"DES_kwDO"_s + stableHex(QString::number(statusId), 16))},
                {u"state"_s, u"success"_s},
                // A whole simple-user, as GitHub sends it.
                {u"creator"_s,
                 withDefaults(
                     user(deployment.value(u"creator"_s).toObject().value(u"login"_s).toString()),
                     deployment.value(u"creator"_s).toObject())},
                {u"description"_s, u""_s},
                {u"environment"_s, deployment.value(u"environment"_s)},
                // URLs, as the description's format says (never "").
                {u"target_url"_s, jv(u"https://github.com/"_s + m_repo + u"/actions/runs/"_s +
                                     QString::number(statusId))},
                {u"log_url"_s, jv(u"https://github.com/"_s + m_repo + u"/actions/runs/"_s +
                                  QString::number(statusId))},
                {u"environment_url"_s,
                 jv(u"https://"_s + deployment.value(u"environment"_s).toString(u"production"_s) +
                    u".example.com"_s)},
                {u"created_at"_s, created},
                {u"updated_at"_s, created},
                {u"deployment_url"_s, deploymentUrl},
                {u"repository_url"_s, repoApi}},
            s));
    }
    std::stable_sort(out.begin(), out.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"created_at"_s).toString() > b.value(u"created_at"_s).toString();
    });
    return out;
}

QJsonObject GitHubFake::deploymentJson(const QJsonObject &d) const
{
    const QString repoApi = m_context.base(u"github"_s) + u"/repos/"_s + m_repo;
    const qint64 id = d.value(u"id"_s).toVariant().toLongLong();
    const QString url = repoApi + u"/deployments/"_s + QString::number(id);
    const QString env = d.value(u"environment"_s).toString(u"production"_s);
    QJsonObject out = withDefaults(
        QJsonObject{{u"url"_s, url},
                    {u"id"_s, id},
                    {u"node_id"_s, jv(u"DE_kwDO"_s + stableHex(QString::number(id), 16))},
                    {u"task"_s, u"deploy"_s},
                    {u"payload"_s, QJsonObject{}},
                    {u"original_environment"_s, env},
                    {u"environment"_s, env},
                    {u"description"_s, QJsonValue::Null},
                    {u"updated_at"_s, d.value(u"created_at"_s)},
                    {u"statuses_url"_s, jv(url + u"/statuses"_s)},
                    {u"repository_url"_s, repoApi},
                    {u"transient_environment"_s, false},
                    {u"production_environment"_s, env == u"production"_s}},
        d);
    out.remove(u"statuses"_s); // the scenario's way of giving statuses; served at /statuses
    out.insert(u"creator"_s,
               withDefaults(user(d.value(u"creator"_s).toObject().value(u"login"_s).toString()),
                            d.value(u"creator"_s).toObject()));
    const QList<QJsonObject> statuses = deploymentStatuses(d);
    if (!statuses.isEmpty() && !d.contains(u"updated_at"_s))
        out.insert(u"updated_at"_s, statuses.first().value(u"created_at"_s));
    return out;
}

QJsonObject GitHubFake::pullJson(const QJsonObject &p) const
{
    const QString repoApi = m_context.base(u"github"_s) + u"/repos/"_s + m_repo;
    const int number = p.value(u"number"_s).toInt();
    const QString n = QString::number(number);
    const QString state = p.value(u"state"_s).toString(u"open"_s);
    const QJsonValue merged = p.value(u"merged_at"_s);
    const QString created =
        p.value(u"created_at"_s).toString(merged.toString(isoUtc(m_context.now)));
    const QString mergeSha = p.value(u"merge_commit_sha"_s).toString();
    QJsonObject out = withDefaults(
        QJsonObject{
            {u"url"_s, jv(repoApi + u"/pulls/"_s + n)},
            {u"id"_s, jv(2000000000 + number)},
            {u"node_id"_s, jv(u"PR_kwDO"_s + stableHex(n, 16))},
            {u"html_url"_s, jv(u"https://github.com/"_s + m_repo + u"/pull/"_s + n)},
            {u"diff_url"_s, jv(u"https://github.com/"_s + m_repo + u"/pull/"_s + n + u".diff"_s)},
            {u"patch_url"_s, jv(u"https://github.com/"_s + m_repo + u"/pull/"_s + n + u".patch"_s)},
            {u"issue_url"_s, jv(repoApi + u"/issues/"_s + n)},
            {u"number"_s, number},
            {u"state"_s, state},
            {u"locked"_s, false},
            {u"title"_s, u""_s},
            {u"body"_s, QJsonValue::Null},
            {u"created_at"_s, created},
            {u"updated_at"_s, merged.isString() ? merged.toString() : created},
            {u"closed_at"_s, state == u"closed"_s
                                 ? (merged.isString() ? merged : QJsonValue(created))
                                 : QJsonValue::Null},
            {u"merged_at"_s, QJsonValue::Null},
            {u"merge_commit_sha"_s,
             mergeSha.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(fullSha(mergeSha))},
            {u"draft"_s, false},
            {u"merged"_s, merged.isString()},
            {u"head"_s, QJsonObject{{u"label"_s, jv(u"branch-"_s + n)},
                                    {u"ref"_s, jv(u"branch-"_s + n)},
                                    {u"sha"_s, mergeSha.isEmpty() ? stableHex(u"head:"_s + n, 40)
                                                                  : fullSha(mergeSha)}}},
            {u"base"_s, QJsonObject{{u"label"_s, u"main"_s},
                                    {u"ref"_s, u"main"_s},
                                    {u"sha"_s, stableHex(u"base:"_s + n, 40)}}}},
        p);
    out.insert(u"user"_s,
               withDefaults(user(p.value(u"user"_s).toObject().value(u"login"_s).toString()),
                            p.value(u"user"_s).toObject()));
    // the rest of pull-request-simple: links, people, labels and both branches' repository
    const QString issue = repoApi + u"/issues/"_s + n;
    const QString pull = repoApi + u"/pulls/"_s + n;
    const QString statuses =
        repoApi + u"/statuses/"_s + out.value(u"head"_s).toObject().value(u"sha"_s).toString();
    const auto link = [](const QString &href) {
        return QJsonObject{{u"href"_s, href}};
    };
    const QJsonObject defaults{
        {u"_links"_s,
         QJsonObject{{u"self"_s, link(pull)},
                     {u"html"_s, link(out.value(u"html_url"_s).toString())},
                     {u"issue"_s, link(issue)},
                     {u"comments"_s, link(issue + u"/comments"_s)},
                     {u"review_comments"_s, link(pull + u"/comments"_s)},
                     {u"review_comment"_s, link(repoApi + u"/pulls/comments{/number}"_s)},
                     {u"commits"_s, link(pull + u"/commits"_s)},
                     {u"statuses"_s, link(statuses)}}},
        {u"commits_url"_s, QString(pull + u"/commits"_s)},
        {u"review_comments_url"_s, QString(pull + u"/comments"_s)},
        {u"review_comment_url"_s, QString(repoApi + u"/pulls/comments{/number}"_s)},
        {u"comments_url"_s, QString(issue + u"/comments"_s)},
        {u"statuses_url"_s, statuses},
        {u"assignee"_s, QJsonValue::Null},
        {u"assignees"_s, QJsonArray()},
        {u"requested_reviewers"_s, QJsonArray()},
        {u"requested_teams"_s, QJsonArray()},
        {u"labels"_s, QJsonArray()},
        {u"milestone"_s, QJsonValue::Null},
        {u"author_association"_s, u"MEMBER"_s},
        {u"auto_merge"_s, QJsonValue::Null},
        {u"active_lock_reason"_s, QJsonValue::Null}};
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        if (!out.contains(it.key()))
            out.insert(it.key(), it.value());
    }
    for (const QString &side : {u"head"_s, u"base"_s}) {
        QJsonObject branch = out.value(side).toObject();
        if (!branch.contains(u"repo"_s))
            branch.insert(u"repo"_s, repositoryJson(false));
        if (!branch.contains(u"user"_s))
            branch.insert(u"user"_s, branch.value(u"repo"_s).toObject().value(u"owner"_s));
        out.insert(side, branch);
    }
    if (!mergeSha.isEmpty())
        out.insert(u"merge_commit_sha"_s, fullSha(mergeSha));
    return out;
}

QJsonObject GitHubFake::repositoryJson(bool full) const
{
    const QString api = m_context.base(u"github"_s);
    const QString url = api + u"/repos/"_s + m_repo;
    const QString html = u"https://github.com/"_s + m_repo;
    QJsonObject owner = user(m_repo.section(u'/', 0, 0));
    owner.insert(u"type"_s, u"Organization"_s);
    const QString created = isoUtc(m_context.now.addYears(-2));
    QJsonObject out{{u"id"_s, 1296269},
                    {u"node_id"_s, jv(u"R_kgDO"_s + stableHex(m_repo, 10))},
                    {u"name"_s, m_repo.section(u'/', 1)},
                    {u"full_name"_s, m_repo},
                    {u"owner"_s, owner},
                    {u"private"_s, true},
                    {u"html_url"_s, html},
                    {u"description"_s, QJsonValue::Null},
                    {u"fork"_s, false},
                    {u"url"_s, url},
                    {u"clone_url"_s, QString(html + u".git"_s)},
                    {u"git_url"_s, QString(u"git://github.com/"_s + m_repo + u".git"_s)},
                    {u"ssh_url"_s, QString(u"git@github.com:"_s + m_repo + u".git"_s)},
                    {u"svn_url"_s, html},
                    {u"mirror_url"_s, QJsonValue::Null},
                    {u"homepage"_s, QJsonValue::Null},
                    {u"language"_s, u"TypeScript"_s},
                    {u"default_branch"_s, u"main"_s},
                    {u"forks"_s, 0},
                    {u"forks_count"_s, 0},
                    {u"stargazers_count"_s, 0},
                    {u"watchers"_s, 0},
                    {u"watchers_count"_s, 0},
                    {u"open_issues"_s, 0},
                    {u"open_issues_count"_s, 0},
                    {u"size"_s, 4096},
                    {u"has_issues"_s, true},
                    {u"has_projects"_s, false},
                    {u"has_wiki"_s, false},
                    {u"has_pages"_s, false},
                    {u"has_downloads"_s, true},
                    {u"archived"_s, false},
                    {u"disabled"_s, false},
                    {u"visibility"_s, u"private"_s},
                    {u"license"_s, QJsonValue::Null},
                    {u"pushed_at"_s, isoUtc(m_context.now)},
                    {u"created_at"_s, created},
                    {u"updated_at"_s, isoUtc(m_context.now)}};
    // the URL templates every repository object carries
    const std::pair<const char16_t *, const char16_t *> templates[] = {
        {u"archive_url", u"/{archive_format}{/ref}"},
        {u"assignees_url", u"/assignees{/user}"},
        {u"blobs_url", u"/git/blobs{/sha}"},
        {u"branches_url", u"/branches{/branch}"},
        {u"collaborators_url", u"/collaborators{/collaborator}"},
        {u"comments_url", u"/comments{/number}"},
        {u"commits_url", u"/commits{/sha}"},
        {u"compare_url", u"/compare/{base}...{head}"},
        {u"contents_url", u"/contents/{+path}"},
        {u"contributors_url", u"/contributors"},
        {u"deployments_url", u"/deployments"},
        {u"downloads_url", u"/downloads"},
        {u"events_url", u"/events"},
        {u"forks_url", u"/forks"},
        {u"git_commits_url", u"/git/commits{/sha}"},
        {u"git_refs_url", u"/git/refs{/sha}"},
        {u"git_tags_url", u"/git/tags{/sha}"},
        {u"hooks_url", u"/hooks"},
        {u"issue_comment_url", u"/issues/comments{/number}"},
        {u"issue_events_url", u"/issues/events{/number}"},
        {u"issues_url", u"/issues{/number}"},
        {u"keys_url", u"/keys{/key_id}"},
        {u"labels_url", u"/labels{/name}"},
        {u"languages_url", u"/languages"},
        {u"merges_url", u"/merges"},
        {u"milestones_url", u"/milestones{/number}"},
        {u"notifications_url", u"/notifications{?since,all,participating}"},
        {u"pulls_url", u"/pulls{/number}"},
        {u"releases_url", u"/releases{/id}"},
        {u"stargazers_url", u"/stargazers"},
        {u"statuses_url", u"/statuses/{sha}"},
        {u"subscribers_url", u"/subscribers"},
        {u"subscription_url", u"/subscription"},
        {u"tags_url", u"/tags"},
        {u"teams_url", u"/teams"},
        {u"trees_url", u"/git/trees{/sha}"}};
    for (const auto &[key, path] : templates)
        out.insert(QString::fromUtf16(key), QString(url + QString::fromUtf16(path)));
    if (full) {
        out.insert(u"network_count"_s, 0);
        out.insert(u"subscribers_count"_s, 0);
        out.insert(u"permissions"_s, QJsonObject{{u"admin"_s, false},
                                                 {u"maintain"_s, false},
                                                 {u"push"_s, false},
                                                 {u"triage"_s, false},
                                                 {u"pull"_s, true}});
    }
    return out;
}

QJsonObject GitHubFake::releaseJson(const QJsonObject &r) const
{
    const QString repo = r.value(u"repo"_s).toString(m_repo);
    const QString repoApi = m_context.base(u"github"_s) + u"/repos/"_s + repo;
    const QString tag = r.value(u"tag_name"_s).toString();
    const qint64 id = r.contains(u"id"_s) ? r.value(u"id"_s).toVariant().toLongLong()
                                          : 100000 + stableNumber(repo + tag, 9000000);
    const QString created = r.value(u"created_at"_s).toString();
    QJsonObject out = withDefaults(
        QJsonObject{
            {u"url"_s, jv(repoApi + u"/releases/"_s + QString::number(id))},
            {u"id"_s, id},
            {u"node_id"_s, jv(u"RE_kwDO"_s + stableHex(QString::number(id), 16))},
            {u"html_url"_s, jv(u"https://github.com/"_s + repo + u"/releases/tag/"_s + tag)},
            {u"assets_url"_s, jv(repoApi + u"/releases/"_s + QString::number(id) + u"/assets"_s)},
            {u"upload_url"_s, jv(u"https://uploads.github.com/repos/"_s + repo + u"/releases/"_s +
                                 QString::number(id) + u"/assets{?name,label}"_s)},
            {u"tarball_url"_s, jv(repoApi + u"/tarball/"_s + tag)},
            {u"zipball_url"_s, jv(repoApi + u"/zipball/"_s + tag)},
            {u"tag_name"_s, tag},
            {u"target_commitish"_s, u"main"_s},
            {u"name"_s, tag},
            {u"body"_s, u""_s},
            {u"draft"_s, false},
            {u"prerelease"_s, false},
            {u"immutable"_s, false},
            {u"created_at"_s, created},
            {u"published_at"_s, created},
            {u"updated_at"_s, created},
            {u"assets"_s, QJsonArray{}}},
        r);
    out.insert(u"author"_s,
               withDefaults(user(r.value(u"author"_s).toObject().value(u"login"_s).toString()),
                            r.value(u"author"_s).toObject()));
    out.remove(u"repo"_s);
    return out;
}

HttpResponse GitHubFake::page(const HttpRequest &request, const QList<QJsonObject> &items)
{
    const int perPage = request.hasQuery(u"per_page"_s)
                            ? std::clamp(request.queryValue(u"per_page"_s).toInt(), 1, MaxPerPage)
                            : DefaultPerPage;
    const int pageNumber =
        std::max(1, request.hasQuery(u"page"_s) ? request.queryValue(u"page"_s).toInt() : 1);
    const int last = std::max(1, static_cast<int>((items.size() + perPage - 1) / perPage));
    HttpResponse response = jsonAnswer(
        200, toArray(items.mid(static_cast<qsizetype>(pageNumber - 1) * perPage, perPage)));

    // Link header: the same query with another page number.
    QList<QPair<QString, QString>> query;
    for (const auto &item : request.query) {
        if (item.first != u"page"_s)
            query.append(item);
    }
    const auto link = [&](int n, const char *rel) -> QString {
        QString url = m_context.base(u"github"_s) +
                      QString::fromUtf8(QUrl::toPercentEncoding(request.path, "/")) + u'?';
        for (const auto &[k, v] : query)
            url += QString::fromLatin1(QUrl::toPercentEncoding(k)) + u'=' +
                   QString::fromLatin1(QUrl::toPercentEncoding(v)) + u'&';
        url += u"page="_s + QString::number(n);
        return u"<"_s + url + u">; rel=\""_s + QLatin1StringView(rel) + u'"';
    };
    QStringList links;
    if (pageNumber < last) {
        links << link(pageNumber + 1, "next") << link(last, "last");
    }
    if (pageNumber > 1)
        links << link(pageNumber - 1, "prev") << link(1, "first");
    if (!links.isEmpty())
        response.setHeader("Link"_ba, links.join(u", "_s).toUtf8());
    return response;
}

HttpResponse GitHubFake::compare(const QString &spec)
{
    const qsizetype dots = spec.indexOf(u"..."_s);
    if (dots < 0)
        return notFound();
    const QString baseRef = spec.left(dots);
    const QString headRef = spec.mid(dots + 3);
    const QJsonObject *base = findCommit(baseRef);
    const QJsonObject *head = findCommit(headRef);
    if (!base || !head)
        return notFound();
    const qsizetype baseIndex = m_commits.indexOf(*base);
    const qsizetype headIndex = m_commits.indexOf(*head);
    QJsonArray commits;
    QJsonArray files;
    QStringList seen;
    for (qsizetype i = baseIndex + 1; i <= headIndex; ++i) {
        commits.append(commitJson(m_commits.at(i), false));
        for (const QJsonValue &f : commitJson(m_commits.at(i), true).value(u"files"_s).toArray()) {
            const QString name = f.toObject().value(u"filename"_s).toString();
            if (!seen.contains(name)) {
                seen.append(name);
                files.append(f);
            }
        }
    }
    const qsizetype ahead = std::max<qsizetype>(0, headIndex - baseIndex);
    const qsizetype behind = std::max<qsizetype>(0, baseIndex - headIndex);
    const QString baseSha = fullSha(base->value(u"sha"_s).toString());
    const QString headSha = fullSha(head->value(u"sha"_s).toString());
    const QString repoApi = m_context.base(u"github"_s) + u"/repos/"_s + m_repo;
    const QString html = u"https://github.com/"_s + m_repo + u"/compare/"_s + spec;
    return jsonAnswer(
        200, QJsonObject{{u"url"_s, jv(repoApi + u"/compare/"_s + spec)},
                         {u"html_url"_s, html},
                         {u"permalink_url"_s, jv(u"https://github.com/"_s + m_repo +
                                                 u"/compare/"_s + baseSha + u"..."_s + headSha)},
                         {u"diff_url"_s, jv(html + u".diff"_s)},
                         {u"patch_url"_s, jv(html + u".patch"_s)},
                         {u"base_commit"_s, commitJson(*base, false)},
                         {u"merge_base_commit"_s, commitJson(behind > 0 ? *head : *base, false)},
                         {u"status"_s, ahead > 0    ? u"ahead"_s
                                       : behind > 0 ? u"behind"_s
                                                    : u"identical"_s},
                         {u"ahead_by"_s, ahead},
                         {u"behind_by"_s, behind},
                         {u"total_commits"_s, commits.size()},
                         {u"commits"_s, commits},
                         {u"files"_s, files}});
}

HttpResponse GitHubFake::deployments(const HttpRequest &request)
{
    QList<QJsonObject> items;
    for (const QJsonObject &d : std::as_const(m_deployments)) {
        const QString sha = d.value(u"sha"_s).toString();
        if (request.hasQuery(u"sha"_s) && !fullSha(sha).startsWith(request.queryValue(u"sha"_s)))
            continue;
        if (request.hasQuery(u"ref"_s) &&
            d.value(u"ref"_s).toString() != request.queryValue(u"ref"_s))
            continue;
        if (request.hasQuery(u"environment"_s) &&
            d.value(u"environment"_s).toString(u"production"_s) !=
                request.queryValue(u"environment"_s))
            continue;
        if (request.hasQuery(u"task"_s) &&
            d.value(u"task"_s).toString(u"deploy"_s) != request.queryValue(u"task"_s))
            continue;
        items.append(deploymentJson(d));
    }
    return page(request, items);
}

HttpResponse GitHubFake::commits(const HttpRequest &request)
{
    const QDateTime since = parseTime(request.queryValue(u"since"_s));
    const QDateTime until = parseTime(request.queryValue(u"until"_s));
    const QString path = request.queryValue(u"path"_s);
    QList<QJsonObject> items;
    for (auto it = m_commits.crbegin(); it != m_commits.crend(); ++it) { // newest first
        const QJsonObject full = commitJson(*it, true);
        const QDateTime date = parseTime(full.value(u"commit"_s)
                                             .toObject()
                                             .value(u"committer"_s)
                                             .toObject()
                                             .value(u"date"_s)
                                             .toString());
        if (since.isValid() && date < since)
            continue;
        if (until.isValid() && date > until)
            continue;
        if (!path.isEmpty()) {
            bool touches = false;
            for (const QJsonValue &f : full.value(u"files"_s).toArray())
                touches = touches || f.toObject().value(u"filename"_s).toString().startsWith(path);
            if (!touches)
                continue;
        }
        items.append(commitJson(*it, false));
    }
    return page(request, items);
}

HttpResponse GitHubFake::pulls(const HttpRequest &request)
{
    const QString state = request.hasQuery(u"state"_s) ? request.queryValue(u"state"_s) : u"open"_s;
    QList<QJsonObject> pulls;
    for (const QJsonObject &p : std::as_const(m_pulls)) {
        const QJsonObject pull = pullJson(p);
        if (state == u"all"_s || pull.value(u"state"_s).toString() == state)
            pulls.append(pull);
    }
    const bool asc = request.queryValue(u"direction"_s) == u"asc"_s;
    const QString sortKey =
        request.queryValue(u"sort"_s) == u"updated"_s ? u"updated_at"_s : u"created_at"_s;
    std::stable_sort(pulls.begin(), pulls.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        return asc ? a.value(sortKey).toString() < b.value(sortKey).toString()
                   : a.value(sortKey).toString() > b.value(sortKey).toString();
    });
    return page(request, pulls);
}

HttpResponse GitHubFake::route(const HttpRequest &request)
{
    static const QRegularExpression repoPath(u"^/repos/([^/]+/[^/]+)(/.*)?$"_s);
    if (request.method != "GET" && request.method != "HEAD")
        return notFound();
    if (request.path == u"/user"_s) // the token's own account, as a private user
        return jsonAnswer(200, authenticatedUser());
    const auto m = repoPath.match(request.path);
    if (!m.hasMatch())
        return notFound();
    const QString repo = m.captured(1);
    const QString rest = m.captured(2);

    if (rest == u"/releases"_s) {
        QList<QJsonObject> releases;
        for (const QJsonObject &r : std::as_const(m_releases)) {
            if (r.value(u"repo"_s).toString(m_repo).compare(repo, Qt::CaseInsensitive) == 0)
                releases.append(releaseJson(r));
        }
        if (releases.isEmpty() && repo.compare(m_repo, Qt::CaseInsensitive) != 0)
            return notFound();
        return page(request, releases);
    }
    if (repo.compare(m_repo, Qt::CaseInsensitive) != 0)
        return notFound();
    if (rest.isEmpty()) {
        return jsonAnswer(200, repositoryJson(true));
    }
    if (rest == u"/deployments"_s)
        return deployments(request);
    static const QRegularExpression deploymentPath(u"^/deployments/(\\d+)(/statuses)?$"_s);
    if (const auto d = deploymentPath.match(rest); d.hasMatch()) {
        for (const QJsonObject &deployment : std::as_const(m_deployments)) {
            if (deployment.value(u"id"_s).toVariant().toLongLong() == d.captured(1).toLongLong()) {
                if (d.captured(2).isEmpty())
                    return jsonAnswer(200, deploymentJson(deployment));
                return page(request, deploymentStatuses(deployment));
            }
        }
        return notFound();
    }
    if (rest == u"/commits"_s)
        return commits(request);
    static const QRegularExpression commitPath(u"^/commits/([^/]+)(/pulls)?$"_s);
    if (const auto c = commitPath.match(rest); c.hasMatch()) {
        const QJsonObject *commit = findCommit(c.captured(1));
        if (!commit)
            return jsonAnswer(422,
                              githubError(u"No commit found for SHA: "_s + c.captured(1), 422));
        if (c.captured(2).isEmpty())
            return jsonAnswer(200, commitJson(*commit, true));
        const QString sha = fullSha(commit->value(u"sha"_s).toString());
        QList<QJsonObject> pulls;
        for (const QJsonObject &p : std::as_const(m_pulls)) {
            const QJsonObject pull = pullJson(p);
            if (pull.value(u"merge_commit_sha"_s).toString() == sha ||
                pull.value(u"head"_s).toObject().value(u"sha"_s).toString() == sha)
                pulls.append(pull);
        }
        return page(request, pulls);
    }
    if (rest == u"/pulls"_s)
        return pulls(request);
    static const QRegularExpression pullPath(u"^/pulls/(\\d+)(/merge)?$"_s);
    if (const auto p = pullPath.match(rest); p.hasMatch()) {
        for (const QJsonObject &pull : std::as_const(m_pulls)) {
            if (pull.value(u"number"_s).toInt() == p.captured(1).toInt()) {
                const QJsonObject out = pullJson(pull);
                if (p.captured(2).isEmpty())
                    return jsonAnswer(200, out);
                if (out.value(u"merged"_s).toBool()) {
                    HttpResponse r;
                    r.status = 204;
                    return r;
                }
                return notFound();
            }
        }
        return notFound();
    }
    if (rest == u"/releases/latest"_s) {
        for (const QJsonObject &r : std::as_const(m_releases)) {
            const QJsonObject out = releaseJson(r);
            if (r.value(u"repo"_s).toString(m_repo) == m_repo && !out.value(u"draft"_s).toBool() &&
                !out.value(u"prerelease"_s).toBool())
                return jsonAnswer(200, out);
        }
        return notFound();
    }
    if (rest.startsWith(u"/compare/"_s))
        return compare(rest.mid(9));
    return notFound();
}

} // namespace Casefile::Sandbox
