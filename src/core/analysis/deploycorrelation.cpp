#include "core/analysis/deploycorrelation.h"
#include "core/analysis/errorbreakdown.h"
#include "core/analysis/latencyscope.h"
#include "core/analysis/sdkerrors.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/fallbackanalysis.h"
#include "core/analysis/knownbugs.h"
#include "core/analysis/unchecked.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Casefile {
namespace Analysis {

namespace {

bool wordsMatch(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    // "webhook"/"webhooks", "analytic"/"analytics": a shared stem of five letters or more
    const QString &shorter = a.size() < b.size() ? a : b;
    const QString &longer = a.size() < b.size() ? b : a;
    return shorter.size() >= 5 && longer.startsWith(shorter);
}

QStringList matchedWords(const QStringList &candidate, const QStringList &wanted)
{
    QStringList out;
    for (const QString &w : wanted) {
        for (const QString &c : candidate) {
            if (wordsMatch(w, c)) {
                appendUnique(out, w);
                break;
            }
        }
    }
    return out;
}

bool isDocsFile(const QString &file)
{
    const QString f = file.toLower();
    return f.startsWith(u"docs/") || f.startsWith(u"doc/") || f.contains(u"/docs/") ||
           f.endsWith(u".md") || f.endsWith(u".mdx") || f.endsWith(u".rst") ||
           f.endsWith(u".txt") || f.startsWith(u"changelog");
}

} // namespace

bool isFrontEndFile(const QString &file)
{
    // the dashboard's own code: pages, components and styles the browser runs, which no
    // request through the gateway passes
    const QString f = file.toLower();
    static const QStringList dirs{u"ui/"_s, u"frontend/"_s, u"web/"_s, u"dashboard/"_s};
    static const QStringList kinds{u".tsx"_s, u".jsx"_s,  u".vue"_s,  u".svelte"_s,
                                   u".css"_s, u".scss"_s, u".sass"_s, u".less"_s};
    return std::any_of(dirs.cbegin(), dirs.cend(),
                       [&](const QString &d) { return f.startsWith(d); }) ||
           std::any_of(kinds.cbegin(), kinds.cend(),
                       [&](const QString &k) { return f.endsWith(k); });
}

namespace {} // namespace

double proximityScore(const QDateTime &deployAt, const QDateTime &changeAt, bool continuous)
{
    if (!changeAt.isValid() || !deployAt.isValid())
        return 0.5;
    const double minutes = deployAt.secsTo(changeAt) / 60.0; // > 0: deploy before the change
    if (minutes < -2.0)
        return 0.0;
    // Traffic that flows all the time through the changed code shows a regression within
    // minutes of the rollout; a change that waits for a trigger (a failover needs a failing
    // provider) can show much later.
    if (minutes <= (continuous ? 10.0 : 30.0))
        return 1.0;
    if (minutes <= 30.0)
        return 1.0 - 0.25 * (minutes - 10.0) / 20.0;
    if (minutes <= 120.0)
        return (continuous ? 0.75 : 1.0) - (continuous ? 0.45 : 0.7) * (minutes - 30.0) / 90.0;
    if (minutes <= 360.0)
        return 0.3 - 0.25 * (minutes - 120.0) / 240.0;
    if (minutes <= 24 * 60.0)
        return 0.05;
    return 0.0;
}

namespace {

QString stripDeployPrefix(const QString &title)
{
    static const QRegularExpression prefix(
        u"^\\s*(deploy|deployment|release)\\s*#?[\\w.\\-]*\\s*[:\\-–]\\s*"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString t = title;
    t.remove(prefix);
    return t.trimmed();
}

} // namespace

bool deployNear(const DeployRanking &ranking, const QDateTime &when, const QString &except)
{
    for (const DeployCandidate &c : ranking.candidates) {
        if (c.ref == except || !c.time.isValid() || c.docsOnly || c.frontEndOnly)
            continue;
        if (std::abs(c.time.secsTo(when)) <= 20 * 60)
            return true;
    }
    return false;
}

QString describeDeploy(const DeployCandidate &c, const QDateTime &reference)
{
    QString s = c.label.isEmpty() ? QString() : c.label.at(0).toUpper() + c.label.mid(1);
    s += u" ("_s + clock(c.time, reference);
    if (c.finished.isValid() && c.time.isValid() && c.time.secsTo(c.finished) >= 60) {
        // requests see the new code from the first full minute after the rollout finished
        QDateTime live = c.finished;
        if (live.time().second() > 0 || live.time().msec() > 0)
            live = live.addSecs(60 - live.time().second()).addMSecs(-live.time().msec());
        s += u", live from "_s + clock(live, reference);
    }
    if (!c.title.isEmpty())
        s += u", \u201c"_s + c.title + u"\u201d"_s;
    return s + u')';
}

bool oursWithoutDeploy(bool everyone, bool serverSpread, double clientErrors, double errors)
{
    if (!everyone || errors <= 0)
        return false;
    return serverSpread || clientErrors >= 0.5 * errors;
}

Hypothesis unexplainedRegression(const QString &what, const QList<Phrase> &whatPhrases,
                                 const QDateTime &onset, const QString &groupRef,
                                 const QDateTime &reference)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::DeployRegression);
    h.score = 0.3;
    h.cause.confidence = 0.3;
    h.cause.summary = what +
                      u", which points at our side, but no deploy in the window fits "_s
                      u"its onset at "_s +
                      clock(onset, reference);
    h.cause.phrases = whatPhrases;
    h.cause.phrases.append({u"deploy.no_deploy_fits"_s, {Say::time(u"at"_s, onset)}});
    if (!groupRef.isEmpty())
        h.cause.refs = {groupRef};
    h.why = u"the change of ours that began it at "_s + clock(onset, reference) +
            u": no deploy in the window fits that time"_s;
    return h;
}

bool isUnexplainedRegression(const Hypothesis &h)
{
    if (h.cause.category != QLatin1StringView(Category::DeployRegression))
        return false;
    return std::none_of(h.cause.refs.cbegin(), h.cause.refs.cend(),
                        [](const QString &r) { return r.startsWith(u"github:"); });
}

QList<Phrase> deployPhrases(const DeployCandidate &c, const QDateTime &changeAt)
{
    const bool release = c.ref.contains(u":release:"_s);
    QList<PhraseArg> args{Say::name(u"id"_s, refId(c.ref)), Say::time(u"at"_s, c.time)};
    QString key = release ? u"deploy.release_went_out"_s : u"deploy.went_out"_s;
    if (changeAt.isValid() && c.time.isValid()) {
        key += u"_before"_s;
        args.append(Say::seconds(u"lead"_s, c.time.secsTo(changeAt)));
    }
    QList<Phrase> out{{key, args}};
    if (c.finished.isValid() && c.time.isValid() && c.time.secsTo(c.finished) >= 60) {
        // requests see the new code from the first full minute after the rollout finished
        QDateTime live = c.finished;
        if (live.time().second() > 0 || live.time().msec() > 0)
            live = live.addSecs(60 - live.time().second()).addMSecs(-live.time().msec());
        out.append({u"deploy.live"_s, {Say::time(u"at"_s, live)}});
    }
    if (!c.title.trimmed().isEmpty())
        out.append({u"deploy.about"_s, {Say::name(u"title"_s, c.title)}});
    return out;
}

QStringList topicWords(const QString &playbook)
{
    if (playbook == u"webhook-failures")
        return {u"webhook"_s, u"webhooks"_s, u"signature"_s, u"signing"_s,
                u"signer"_s,  u"hmac"_s,     u"delivery"_s,  u"deliveries"_s};
    if (playbook == u"metadata")
        return {u"metadata"_s, u"header"_s, u"headers"_s, u"passthrough"_s, u"forward"_s};
    if (playbook == u"fallback")
        return {u"fallback"_s, u"fallbacks"_s, u"failover"_s, u"retry"_s, u"retries"_s,
                u"timeout"_s,  u"timeouts"_s,  u"routing"_s,  u"router"_s};
    if (playbook == u"token-billing")
        return {u"billing"_s, u"meter"_s,  u"metering"_s, u"invoice"_s,
                u"usage"_s,   u"tokens"_s, u"cached"_s,   u"stripe"_s};
    if (playbook == u"provider-routing")
        return {u"routing"_s, u"router"_s, u"provider"_s, u"providers"_s};
    return {};
}

DeployRanking rankDeploys(const AnalysisInput &input, const QDateTime &changeAt,
                          const QStringList &strongWords, const QStringList &weakWords,
                          bool includeReleases)
{
    DeployRanking ranking;
    QList<FoundEvidence> found = findEvidence(input, u"github", u"deployments");
    const QList<FoundEvidence> releases = findEvidence(input, u"github", u"releases");
    ranking.checked = !found.isEmpty() || !releases.isEmpty();
    found.append(releases);
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    for (const FoundEvidence &f : std::as_const(found)) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            DeployCandidate c;
            c.ref = e.value(u"ref"_s).toString();
            const bool release = e.value(u"type"_s).toString() == u"release";
            // (a release of the days before the window is read for its notes, not as a change)
            if (release && (!includeReleases || e.value(u"before_window"_s).toBool()))
                continue;
            c.label = release ? u"release "_s + e.value(u"tag"_s).toString(refId(c.ref))
                              : u"deploy #"_s + refId(c.ref);
            c.title = stripDeployPrefix(e.value(u"title"_s).toString());
            c.evidenceId = f.evidence->id;
            c.time = timeOf(e.value(u"time"_s));
            c.finished = timeOf(e.value(u"finished"_s));
            for (const QJsonValue &v : e.value(u"files"_s).toArray())
                c.files.append(v.toString());
            QString text = e.value(u"title"_s).toString() + u' ' +
                           e.value(u"message"_s).toString() + u' ' + e.value(u"body"_s).toString() +
                           u' ' + c.files.join(u' ');
            for (const QJsonValue &v : e.value(u"pulls"_s).toArray()) {
                const QJsonObject pull = v.toObject();
                text += u' ' + pull.value(u"title"_s).toString();
                appendUnique(c.pullRefs, pull.value(u"ref"_s).toString());
            }
            const QStringList words = wordsOf(text);
            c.words = words;
            c.matched = matchedWords(words, strongWords);
            const QStringList weak = matchedWords(words, weakWords);
            c.docsOnly =
                !c.files.isEmpty() && std::all_of(c.files.cbegin(), c.files.cend(), isDocsFile);
            c.frontEndOnly = !c.docsOnly && !c.files.isEmpty() &&
                             std::all_of(c.files.cbegin(), c.files.cend(), [](const QString &file) {
                                 return isFrontEndFile(file) || isDocsFile(file);
                             });
            c.proximity = proximityScore(c.time, changeAt, input.playbook != u"fallback");
            // more shared words, more likely: "headers", "allowlist", "forward" beat one "metadata"
            const double relevance = !c.matched.isEmpty()
                                         ? 0.3 + 0.05 * std::min<qsizetype>(3, c.matched.size())
                                         : (!weak.isEmpty() ? 0.12 : 0.0);
            c.score = 0.5 * c.proximity + relevance;
            if (release)
                c.score *= 0.85; // a release tag says less about what reached production
            const QString at = c.label + u" at "_s + clock(c.time, reference);
            if (c.docsOnly || c.frontEndOnly) {
                c.score = 0.0;
                QStringList dirs;
                for (const QString &file : std::as_const(c.files))
                    appendUnique(dirs, file.section(u'/', 0, 0) +
                                           (file.contains(u'/') ? u"/"_s : QString()));
                c.reason = at +
                           (c.docsOnly ? u" touched only documentation ("_s
                                       : u" touched only the dashboard's front end ("_s) +
                           dirs.join(u", "_s) + u')';
            } else if (changeAt.isValid() && c.proximity == 0.0) {
                c.score = 0.0;
                c.reason =
                    c.time > changeAt
                        ? QString(at + u" shipped after the change began at "_s +
                                  clock(changeAt, reference))
                        : QString(at + u" shipped "_s + formatDuration(c.time.secsTo(changeAt)) +
                                  u" before the change, too early to explain it"_s);
            } else if (changeAt.isValid() && c.proximity < 0.3) {
                c.reason = at + u" shipped "_s + formatDuration(c.time.secsTo(changeAt)) +
                           u" before the change at "_s + clock(changeAt, reference) +
                           u"; the change would have shown sooner"_s;
            } else if (c.matched.isEmpty() && !strongWords.isEmpty()) {
                c.reason = at + u" changed nothing related to "_s +
                           strongWords.mid(0, 3).join(u", "_s) +
                           (c.files.isEmpty() ? QString()
                                              : u" ("_s + c.files.mid(0, 3).join(u", "_s) + u')');
            }
            ranking.candidates.append(c);
        }
    }
    std::stable_sort(
        ranking.candidates.begin(), ranking.candidates.end(),
        [](const DeployCandidate &a, const DeployCandidate &b) { return a.score > b.score; });
    return ranking;
}

} // namespace Analysis

namespace {

// Failures of ours that no deploy fits (most other organisations failed in the same minutes,
// errors spread over providers or the customers' own requests): a human must find the change
// behind them.
std::optional<Hypothesis> oursWithNoFittingDeploy(const AnalysisInput &input,
                                                  const Analysis::SeriesChange &change,
                                                  const QDateTime &reference)
{
    using namespace Analysis;
    const OrgScope scope = orgScopeIn(input, change.at, change.end);
    const bool everyone =
        scope.present && scope.otherOrgs > 0 && scope.otherOrgsWithErrors * 2 >= scope.otherOrgs;
    const ErrorProfile errors = errorProfile(input);
    const bool spread = errors.serverErrors >= 0.5 * errors.errors &&
                        errors.serverProvider.isEmpty() && errors.serverProviders.size() >= 2;
    if (!oursWithoutDeploy(everyone, spread, errors.clientErrors, errors.errors))
        return std::nullopt;
    QList<Phrase> what = change.phrases();
    what.append({u"deploy.others_orgs_failed"_s, {}});
    Hypothesis h = unexplainedRegression(
        change.describe(reference) + u", and most other organisations failed in the same minutes"_s,
        what, change.at, change.groupRef, reference);
    h.cause.summary[0] = h.cause.summary.at(0).toUpper();
    h.cause.evidenceIds = {change.evidenceId};
    if (!scope.evidenceId.isEmpty())
        h.cause.evidenceIds.append(scope.evidenceId);
    return h;
}

// "The fallback did not trigger" over a config with no fallback strategy: no change of ours
// to failing over could have made those requests fail over.
std::optional<RejectedHypothesis>
cannotExplainMissingFailover(const AnalysisInput &input, const Analysis::DeployCandidate &best,
                             const QDateTime &reference)
{
    using namespace Analysis;
    if (input.playbook != u"fallback")
        return std::nullopt;
    const auto facts = gatherFallback(input);
    if (!facts)
        return std::nullopt;
    const FallbackVerdict fv = judgeFallback(*facts);
    // the failures never reached a target: refused by the gateway's own limits before routing
    const FallbackStats &st = facts->stats;
    if (!fv.stalled && st.refused >= 10 && st.refused > st.stuck)
        return RejectedHypothesis{
            QString(QLatin1StringView(Category::DeployRegression)),
            describeDeploy(best, reference) +
                u" cannot explain the missing failover: the failing requests were refused by "
                u"the gateway itself ("_s +
                st.refusedStatus + u") before any target was tried"_s,
            {best.ref}};
    if (!fv.cannotFailOver)
        return std::nullopt;
    return RejectedHypothesis{QString(QLatin1StringView(Category::DeployRegression)),
                              describeDeploy(best, reference) +
                                  u" cannot explain the missing failover: the failing requests "
                                  u"used config "_s +
                                  fv.cannotFailOver->id + u", whose strategy ("_s +
                                  fv.cannotFailOver->mode + u") never fails over"_s,
                              {best.ref}};
}

// Whether the failures of `change` are mostly requests refused as the customer's own (unknown
// model, bad key: 401, 403, 404; over the org's own limit or quota: 429), which a gateway
// deploy rarely produces: the error groups of the change's provider or model when it names
// one, else all of them.
bool failuresNameTheRequest(const Analysis::ErrorProfile &errors,
                            const Analysis::SeriesChange &change)
{
    using namespace Analysis;
    const QString provider = change.labels.value(u"provider"_s).toString();
    const QString model = change.labels.value(u"model"_s).toString();
    double total = 0;
    const ErrorGroup *top = nullptr;
    for (const ErrorGroup &g : errors.groups) {
        if ((!provider.isEmpty() && g.provider != provider) ||
            (!model.isEmpty() && g.model != model))
            continue;
        total += g.n;
        if (!top || g.n > top->n)
            top = &g;
    }
    return top && top->n >= 0.5 * total &&
           (top->status == 401 || top->status == 403 || top->status == 404 || top->status == 429 ||
            top->errorCode.contains(u"not_found") || top->errorCode.contains(u"api_key"));
}

// The one model whose failures began with `change` (within ten minutes of its onset) and make
// at least four in five of those failures, when the change's group names no model: what the
// deploy broke, said as the customer's logs name it. '' otherwise.
QString failingModelOf(const Analysis::ErrorProfile &errors, const Analysis::SeriesChange &change)
{
    using namespace Analysis;
    constexpr qint64 Near = 10 * 60;
    if (change.kind != MetricKind::ErrorRate || change.labels.contains(u"model"_s) ||
        !change.at.isValid())
        return {};
    const QString provider = change.labels.value(u"provider"_s).toString();
    QHash<QString, double> byModel;
    double total = 0;
    for (const ErrorGroup &g : errors.groups) {
        if ((!provider.isEmpty() && g.provider != provider) || g.model.isEmpty() ||
            !g.first.isValid() || std::abs(change.at.secsTo(g.first)) > Near)
            continue;
        byModel[g.model] += g.n;
        total += g.n;
    }
    for (auto it = byModel.cbegin(); it != byModel.cend(); ++it) {
        if (it.value() >= 0.8 * total && total > 0)
            return it.key();
    }
    return {};
}

// The providers of the org's traffic a deploy's words name ("src/providers/openai/stream.ts":
// openai) whose own series of the change's metric stayed flat, when another provider's changed: the
// deploy touched the adapter of a provider whose traffic did not move. Empty otherwise.
QStringList namedProvidersUnchanged(const Analysis::ChangeReport &report,
                                    const Analysis::DeployCandidate &deploy,
                                    const Analysis::SeriesChange &change)
{
    using namespace Analysis;
    QStringList flat;
    bool otherChanged = false;
    for (const SeriesChange &c : report.series) {
        const QString provider = c.labels.value(u"provider"_s).toString();
        if (provider.isEmpty() || c.kind != change.kind || c.firstToken != change.firstToken)
            continue;
        if (!deploy.words.contains(provider.toLower()))
            otherChanged = otherChanged || c.changed;
        else if (c.changed)
            return {}; // a provider it names moved: nothing against it
        else
            appendUnique(flat, provider);
    }
    return otherChanged ? flat : QStringList();
}

// The case for `best` behind `change`: timing, what it touched, the scope, and what argues
// against it (other organisations fine, a recovery no deploy explains, refused requests).
// Requests served by the fallback, in groups first seen at `since` or later, of a config whose
// other requests failed without failing over (fallback_stats); 0 when none or not fetched.
double failoversSince(const AnalysisInput &input, const QDateTime &since)
{
    using namespace Analysis;
    QHash<QString, double> served;
    QSet<QString> unserved;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"fallback_stats")) {
        const Table t(f.evidence->data);
        for (int r = 0; r < t.rowCount(); ++r) {
            const QString config = t.text(r, u"config_id");
            const bool fellBack = t.number(r, u"fallback_used") > 0;
            if (!fellBack && t.number(r, u"status") >= 400)
                unserved.insert(config);
            else if (fellBack && t.number(r, u"status") < 400 &&
                     timeOf(t.value(r, u"first")) >= since)
                served[config] += t.number(r, u"n");
        }
    }
    double most = 0;
    for (auto it = served.cbegin(); it != served.cend(); ++it) {
        if (unserved.contains(it.key()))
            most = std::max(most, it.value());
    }
    return most;
}

// The config most of whose failed requests from `since` on were not failed over
// (fallback_stats), as "config:<id>"; '' when none or not fetched. A deploy that broke failover
// is told with the config it left without its fallback.
QString stuckConfigRef(const AnalysisInput &input, const QDateTime &since)
{
    using namespace Analysis;
    QHash<QString, double> stuck;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"fallback_stats")) {
        const Table t(f.evidence->data);
        for (int r = 0; r < t.rowCount(); ++r) {
            const QDateTime first = timeOf(t.value(r, u"first"));
            if (t.number(r, u"fallback_used") > 0 || t.number(r, u"status") < 400 ||
                t.text(r, u"config_id").isEmpty())
                continue;
            // the failures that began with the change, else any of the config's
            stuck[t.text(r, u"config_id")] += t.number(r, u"n") * (first >= since ? 2.0 : 1.0);
        }
    }
    // a config with a fallback to fail over to
    const auto fallsBack = [&](const QString &config) {
        const QList<QJsonObject> nodes = configNodes(input, u"config:"_s + config);
        return !nodes.isEmpty() && strategyMode(nodes.first()) == u"fallback";
    };
    QString most;
    for (auto it = stuck.cbegin(); it != stuck.cend(); ++it) {
        if (fallsBack(it.key()) && (most.isEmpty() || it.value() > stuck.value(most)))
            most = it.key();
    }
    return most.isEmpty() ? QString() : u"config:"_s + most;
}

// An open tracker issue filed before `since` that already describes the failure, with an error
// signature of the logs ('' when none): a failure filed before a deploy went live was not
// introduced by it.
QString filedBefore(const AnalysisInput &input, const QDateTime &since)
{
    using namespace Analysis;
    const KnownBugFacts facts = gatherKnownBugs(input);
    for (const TrackerIssue &issue : facts.issues) {
        if (!issue.created.isValid() || issue.created >= since)
            continue;
        const KnownBugJudgement j = judgeKnownBug(facts.problem, issue);
        if (j.match == KnownBugMatch::Describes && !j.overlap.signatures.isEmpty())
            return issue.ref;
    }
    return {};
}

// The one config of the org's whose own series changed with `change` (the same metric, within
// ten minutes of it) while its other configs kept their level: what the deploy broke is what that
// config sends, cited as "config:<id>". '' when several changed, or none, or the org has one.
QString soleChangedConfig(const AnalysisInput &input, const Analysis::SeriesChange &change)
{
    using namespace Analysis;
    QSet<QString> configs;
    for (const auto operation : {u"latency_series", u"error_series"}) {
        for (const FoundEvidence &f : findEvidence(input, u"clickhouse", operation)) {
            for (const Series &series : seriesOf(*f.evidence)) {
                if (const QString id = series.labels.value(u"config_id"_s).toString();
                    !id.isEmpty())
                    configs.insert(id);
            }
        }
    }
    if (configs.size() < 2)
        return {};
    QString sole;
    for (const SeriesChange &c : configChanges(input)) {
        if (c.kind != change.kind || c.firstToken != change.firstToken ||
            std::abs(c.at.secsTo(change.at)) > 10 * 60)
            continue;
        const QString id = c.labels.value(u"config_id"_s).toString();
        if (id.isEmpty() || (!sole.isEmpty() && sole != id))
            return {};
        sole = id;
    }
    return sole.isEmpty() ? QString() : u"config:"_s + sole;
}

Hypothesis blameDeploy(const AnalysisInput &input, const Analysis::ChangeReport &report,
                       const Analysis::SeriesChange &change, const Analysis::DeployRanking &ranking,
                       const Analysis::DeployCandidate &best, const QDateTime &reference)
{
    using namespace Analysis;
    Hypothesis h;
    h.cause.category = QString(QLatin1StringView(Category::DeployRegression));
    h.explains = change.key();
    // the scope makes the case: only the affected group moved
    const bool othersFlat = !report.flat(change.kind).isEmpty();
    QString summary = describeDeploy(best, reference) + u" shipped "_s +
                      formatDuration(best.time.secsTo(change.at)) + u" before "_s +
                      change.describe(reference);
    QList<Phrase> phrases = deployPhrases(best, change.at);
    phrases.append(change.phrases());
    if (!best.files.isEmpty() && !best.matched.isEmpty()) {
        summary += u"; it changed "_s + best.files.mid(0, 3).join(u", "_s);
        phrases.append({u"deploy.changed_files"_s, {Say::names(u"files"_s, best.files.mid(0, 3))}});
    }
    if (othersFlat && !change.groupRef.isEmpty()) {
        summary += u"; other "_s + change.labels.begin().key() + u"s are unchanged"_s;
        phrases.append(
            {u"deploy.others_unchanged"_s,
             {Say::term(u"dimension"_s, u"dimension."_s + change.labels.begin().key())}});
    }
    h.score = std::min(0.95, best.score + (othersFlat ? 0.04 : 0.0)) *
              (0.75 + 0.25 * change.confidence / 0.95);
    // a gateway deploy breaks every customer's traffic through the changed code: errors
    // confined to this one organisation argue against it
    const OrgScope scope = orgScopeIn(input, change.at, change.end);
    if (change.kind == MetricKind::ErrorRate && scope.present && scope.orgFound &&
        scope.otherOrgs > 0 && scope.otherOrgsWithErrors == 0 && scope.orgErrorRate >= 0.02) {
        h.score *= 0.6;
        summary += u"; but other organisations on the same traffic are unaffected"_s;
        phrases.append({u"deploy.others_orgs_fine"_s, {}});
    }
    // a deploy that changed one provider's adapter moves that provider's traffic: it stayed flat
    // while another provider's changed
    if (const QStringList unchanged = namedProvidersUnchanged(report, best, change);
        !unchanged.isEmpty()) {
        h.score *= 0.5;
        summary += u"; but it changed the "_s + unchanged.join(u", "_s) +
                   u" adapter, whose traffic did not change"_s;
        phrases.append({u"deploy.other_provider"_s, {Say::names(u"providers"_s, unchanged)}});
    }
    // a deploy that broke failover breaks it for the config's every request: a config that
    // failed over only after the deploy went live, beside its requests that did not, argues
    // against it
    if (input.playbook == u"fallback") {
        if (const double served = failoversSince(input, best.time); served > 0) {
            h.score *= 0.6;
            summary += u"; but the same config failed over "_s + formatCount(served) +
                       u" requests after it went live"_s;
            phrases.append({u"deploy.failovers_after"_s, {Say::count(u"count"_s, served)}});
        }
        // a failover failure only shows when the first target fails: an issue filed before
        // the deploy went live that describes it says the behaviour was there before
        if (const QString issue = filedBefore(input, best.time); !issue.isEmpty()) {
            h.score *= 0.6;
            summary += u"; but "_s + issue.section(u':', -1) +
                       u", filed before it went live, already describes this failure"_s;
            phrases.append({u"deploy.bug_filed_before"_s, {}});
        }
    }
    // a deploy of ours fails every client alike: failures of one client SDK version while
    // another version of this org is served by the same model without them argue against it
    if (change.kind == MetricKind::ErrorRate) {
        if (const SdkErrorVerdict sdk = sdkErrorVerdict(input); sdk.found()) {
            h.score *= 0.5;
            summary += u"; but only requests sent with "_s + sdk.sdk + u" fail, while "_s +
                       sdk.goodSdk + u" is served by the same model without these failures"_s;
            phrases.append({u"deploy.one_sdk_only"_s,
                            {Say::name(u"sdk"_s, sdk.sdk), Say::name(u"good_sdk"_s, sdk.goodSdk)}});
        }
    }
    // a deploy of ours slows every config and client alike: a rise on one config the customer
    // had just edited, or one that came with the org's traffic moving to a slower client
    // version, argues against it
    if (change.kind == MetricKind::Latency) {
        if (const LatencyScopeVerdict scoped = latencyScopeVerdict(input); scoped.found()) {
            h.score *= 0.5;
            if (scoped.configFound())
                summary += u"; but only config "_s + scoped.config +
                           u" slowed down, edited just before, while the organisation's other "
                           u"configs kept their latency"_s;
            else if (scoped.ownServerFound())
                summary += u"; but only config "_s + scoped.config +
                           u" slowed down, whose target is the customer's own server "_s +
                           scoped.serverHost +
                           u", while the organisation's other configs kept "
                           u"their latency"_s;
            else
                summary +=
                    u"; but the slowdown came with the organisation's requests moving to "_s +
                    scoped.sdk + u", slower than "_s + scoped.oldSdk + u" before the switch too"_s;
        }
    }
    // a change a deploy brought stays until a deploy takes it back: one that went away by
    // itself, with no deploy near its end, came from outside. (For a fallback ticket the
    // deploy is blamed for the missing failover, which the provider's recovery says nothing
    // about.)
    if (change.end.isValid() && input.playbook != u"fallback" &&
        !deployNear(ranking, change.end, best.ref)) {
        h.score *= 0.75;
        summary += u"; but it went back to normal at "_s + clock(change.end, reference) +
                   u" with no deploy to undo it"_s;
        phrases.removeIf([](const Phrase &p) { return p.key == u"change.recovered"_s; });
        phrases.append({u"deploy.recovered_alone"_s, {Say::time(u"at"_s, change.end)}});
    }
    // errors that name the customer's own request (unknown model, bad key, its own limit) are
    // rarely what a gateway deploy produces
    const ErrorProfile errors =
        change.kind == MetricKind::ErrorRate ? errorProfile(input) : ErrorProfile{};
    if (change.kind == MetricKind::ErrorRate && failuresNameTheRequest(errors, change))
        h.score *= 0.75;
    h.cause.summary = summary;
    h.cause.phrases = phrases;
    h.cause.confidence = std::min(0.95, h.score);
    h.cause.refs = {best.ref};
    // the pull requests the deploy shipped are what it changed: the same proof, by its review
    for (const QString &pull : std::as_const(best.pullRefs))
        appendUnique(h.cause.refs, pull);
    appendUnique(h.cause.refs, change.groupRef);
    if (const QString model = failingModelOf(errors, change); !model.isEmpty())
        appendUnique(h.cause.refs, u"model:"_s + model);
    if (input.playbook == u"fallback") {
        if (const QString config = stuckConfigRef(input, change.at); !config.isEmpty())
            appendUnique(h.cause.refs, config);
    }
    // the provider's failures follow one config of the org's while another of its configs on
    // that provider works: the deploy broke what that config sends, which is cited with it
    if (const QString provider = change.labels.value(u"provider"_s).toString();
        change.kind == MetricKind::ErrorRate && !provider.isEmpty()) {
        if (const auto elsewhere = providerWorksElsewhere(configTraffic(input), provider))
            appendUnique(h.cause.refs, elsewhere->failingConfig);
    }
    if (const QString config = soleChangedConfig(input, change); !config.isEmpty())
        appendUnique(h.cause.refs, config);
    h.cause.evidenceIds = {best.evidenceId, change.evidenceId};
    h.why = best.matched.isEmpty() ? u"timing only"_s
                                   : u"timing and touched "_s + best.matched.join(u", "_s);
    return h;
}

// The words naming what `change` is about: the playbook's topic and the changed group (its
// route's segments, its provider, the provider of its model: the traffic passes through that
// provider's adapter).
QStringList changeWords(const QString &playbook, const Analysis::SeriesChange &change)
{
    using namespace Analysis;
    QStringList strong = topicWords(playbook);
    for (auto it = change.labels.begin(); it != change.labels.end(); ++it) {
        const QString value = it.value().toString();
        appendUnique(strong, it.key() == u"route" ? routeWords(value) : wordsOf(value));
        if (it.key() == u"model" && !providerOfModel(value).isEmpty())
            appendUnique(strong, providerOfModel(value));
    }
    return strong;
}

// Two things can go wrong at once: every other change of the window (of the primary's kind,
// about a named group, beginning more than ten minutes from the primary: the same change seen
// grouped another way is the primary's) is weighed against the deploys too. A deploy is blamed
// for one only when it fits its timing and touched what changed (a shared word with its group,
// not the ticket's words), never for what the primary's deploy already explains.
QList<Hypothesis> deploysBehindOtherChanges(const AnalysisInput &input,
                                            const Analysis::ChangeReport &report,
                                            const QStringList &weak, const QDateTime &reference,
                                            QStringList &blamed)
{
    using namespace Analysis;
    QList<Hypothesis> out;
    const SeriesChange *primary = report.primary;
    if (!primary || input.playbook == u"fallback" || input.playbook == u"webhook-failures")
        return out;
    for (const SeriesChange *change : report.changed()) {
        if (change == primary || change->kind != primary->kind || change->groupRef.isEmpty() ||
            std::abs(change->at.secsTo(primary->at)) <= 10 * 60)
            continue;
        const DeployRanking ranking =
            rankDeploys(input, change->at, changeWords(input.playbook, *change), weak);
        if (ranking.candidates.isEmpty())
            continue;
        const DeployCandidate &best = ranking.candidates.first();
        if (!best.reason.isEmpty() || best.score < 0.45 || best.matched.isEmpty() ||
            blamed.contains(best.ref))
            continue;
        out.append(blameDeploy(input, report, *change, ranking, best, reference));
        blamed.append(best.ref);
    }
    return out;
}

} // namespace

AnalyzerOutput analyzeDeployCorrelation(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const QLatin1StringView category(Category::DeployRegression);
    if (dataMissing(input, u"github", u"deployments")) {
        out.notChecked.append(unchecked(u"deploys"_s));
        return out;
    }
    const auto changes = changeReport(input);
    const ChangeReport &report = *changes;
    const SeriesChange *change = report.primary;
    const QStringList weak = input.params.keywords;
    if (!change) {
        if (input.playbook == u"metadata" || input.playbook == u"token-billing")
            return out; // metadata and billing have no series: their analyzers rank deploys
        const auto ranking = rankDeploys(input, {}, topicWords(input.playbook), weak);
        if (ranking.checked && !ranking.candidates.isEmpty()) {
            QStringList labels;
            for (const DeployCandidate &c : ranking.candidates)
                labels.append(c.label);
            out.rejected.append({QString(category),
                                 u"no latency or error change in the window for "_s +
                                     labels.mid(0, 4).join(u", "_s) + u" to explain"_s,
                                 {}});
        }
        return out;
    }
    QStringList strong = changeWords(input.playbook, *change);
    if (!input.params.route.isEmpty())
        appendUnique(strong, routeWords(input.params.route));
    // the affected traffic passes through its provider's adapter: touching it is plausible
    if (const QString provider = affectedProvider(input);
        !provider.isEmpty() && !change->labels.contains(u"provider"_s))
        appendUnique(strong, provider);
    const DeployRanking ranking = rankDeploys(input, change->at, strong, weak);
    if (!ranking.checked)
        return out;
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    if (ranking.candidates.isEmpty()) {
        out.rejected.append({QString(category),
                             u"no deploy or release in the window before the change at "_s +
                                 clock(change->at, reference),
                             {}});
        return out;
    }
    const DeployCandidate &best = ranking.candidates.first();
    const bool plausible = best.reason.isEmpty() && best.score >= 0.45;
    QStringList blamed;
    if (plausible) {
        if (auto rejected = cannotExplainMissingFailover(input, best, reference)) {
            out.rejected.append(*rejected);
            return out;
        }
        if (input.playbook == u"webhook-failures") {
            // webhook_breakdown decides between the customer's endpoint and our signing, and
            // ranks deploys against the first failed delivery itself
            return out;
        }
        out.hypotheses.append(blameDeploy(input, report, *change, ranking, best, reference));
        blamed.append(best.ref);
    } else if (change->kind == MetricKind::ErrorRate && input.playbook != u"fallback" &&
               input.playbook != u"webhook-failures") {
        if (auto h = oursWithNoFittingDeploy(input, *change, reference))
            out.hypotheses.append(*h);
    }
    out.hypotheses.append(deploysBehindOtherChanges(input, report, weak, reference, blamed));
    for (const DeployCandidate &c : ranking.candidates) {
        if (blamed.contains(c.ref))
            continue;
        QString reason = c.reason;
        if (reason.isEmpty()) {
            reason = plausible ? QString(c.label + u" at "_s + clock(c.time, reference) +
                                         u" fits the change less well than "_s + best.label)
                               : QString(c.label + u" at "_s + clock(c.time, reference) +
                                         u" is not close enough to the change at "_s +
                                         clock(change->at, reference) +
                                         u" nor related to what changed"_s);
        }
        out.rejected.append({QString(category), reason, {c.ref}});
    }
    return out;
}

} // namespace Casefile
