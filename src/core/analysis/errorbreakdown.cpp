#include "core/analysis/errorbreakdown.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/unchecked.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

// The busiest hour of a daily traffic cycle carries at least this many times the quietest.
constexpr double DailyCycleRatio = 2.5;

namespace {

// A cause the verdict proposed, with its wording.
Hypothesis hypothesisOf(const char *category, const CauseVerdict &verdict, double failures,
                        const QString &summary, const QList<Phrase> &phrases, const QString &why)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(category);
    h.score = verdict.score;
    h.failures = failures;
    h.cause.summary = summary;
    h.cause.phrases = phrases;
    h.cause.confidence = h.score;
    h.cause.refs = verdict.refs;
    h.why = why;
    return h;
}

// "it was edited at 07:55 UTC, 5 min before the failures began at 08:00 UTC"
QString describeEdit(const ConfigEdit &e, const QDateTime &reference)
{
    const qint64 seconds = std::max<qint64>(0, e.editedAt.secsTo(e.onset));
    return u"it was edited at "_s + clock(e.editedAt, reference) + u", "_s +
           (seconds < 60 ? u"just"_s : formatDuration(seconds)) +
           u" before the failures began at "_s + clock(e.onset, reference);
}

// "openai/gpt-4o 503 provider_unavailable": where the requests went and how they failed.
QString groupName(const ErrorGroup &g)
{
    QString s = g.provider.isEmpty() ? u"(no provider)"_s : g.provider;
    if (!g.model.isEmpty())
        s += u'/' + g.model;
    s += u' ' + QString::number(g.status);
    if (!g.errorCode.isEmpty())
        s += u' ' + g.errorCode;
    return s;
}

// The routing config the failing requests to a provider/model used (config_id in the logs);
// without the org's traffic per config, the fetched config that routes to them.
QString configRefFor(const AnalysisInput &input, const QString &provider, const QString &model)
{
    const QList<ConfigTraffic> traffic = configTraffic(input);
    if (!traffic.isEmpty())
        return failingConfigRef(traffic, provider, model);
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QString text =
            QString::fromUtf8(QJsonDocument(f.evidence->data.value(u"config"_s).toObject())
                                  .toJson(QJsonDocument::Compact));
        if ((!model.isEmpty() && text.contains(model)) ||
            (!provider.isEmpty() && text.contains(provider)))
            return f.evidence->data.value(u"ref"_s).toString(
                u"config:"_s + f.evidence->data.value(u"config_id"_s).toString());
    }
    return {};
}

} // namespace

// The fetched config `ref` and its targets (its strategy's settings sit on the first, each
// target's on its own); empty when it was not fetched.
QList<QJsonObject> configNodes(const AnalysisInput &input, const QString &ref)
{
    QList<QJsonObject> nodes;
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &data = f.evidence->data;
        if (ref.isEmpty() || configRefOf(data) != ref)
            continue;
        const QJsonObject config = data.value(u"config"_s).toObject();
        nodes.append(config);
        for (const QJsonValue &t : config.value(u"targets"_s).toArray())
            nodes.append(t.toObject());
    }
    return nodes;
}

// The shortest request_timeout (ms) the fetched config `ref` sets on a target or its strategy;
// 0 when it sets none or was not fetched.
double shortestTimeout(const AnalysisInput &input, const QString &ref)
{
    double shortest = 0;
    for (const QJsonObject &node : configNodes(input, ref)) {
        const double ms = toNumber(node.value(u"request_timeout"_s));
        if (ms > 0 && (shortest <= 0 || ms < shortest))
            shortest = ms;
    }
    return shortest;
}

// The largest max_tokens the fetched config `ref`'s targets ask for (0: none set).
double largestMaxTokens(const AnalysisInput &input, const QString &ref)
{
    double largest = 0;
    for (const QJsonObject &node : configNodes(input, ref)) {
        const QJsonObject params = node.value(u"override_params"_s).toObject();
        largest = std::max({largest, toNumber(node.value(u"max_tokens"_s)),
                            toNumber(params.value(u"max_tokens"_s))});
    }
    return largest;
}

// The custom_host of the fetched config `ref`'s targets (the customer's own server); '' when
// its targets use the provider's API or it was not fetched.
QString ownServerHost(const AnalysisInput &input, const QString &ref)
{
    for (const QJsonObject &node : configNodes(input, ref)) {
        const QString host = node.value(u"custom_host"_s).toString().trimmed();
        if (!host.isEmpty())
            return host;
    }
    return {};
}

namespace {

void judgeRateLimiting(const ErrorBreakdownFacts &f, ErrorBreakdownVerdict &v)
{
    const ErrorProfile &p = f.profile;
    // A cause is judged on its own scope: refusals that dominate the failures, or fewer of them
    // concentrated on one provider/model, that began while the route they came from carried
    // several times its earlier traffic (a second cause beside a larger one).
    // Or fewer of them, a run that began in the window through one config of several: a key's
    // budget or quota spent, whatever else fails beside it.
    const bool oneConfigRefused =
        !f.rateConfigRef.isEmpty() && f.rateConfigOfSeveral && f.rateRunBegan;
    if (p.rateLimited < 10 ||
        (p.rateLimited < 0.3 * p.errors && !f.rateVolume && !oneConfigRefused))
        return;
    v.rateLimited.proposed = true;
    v.rateLimited.score = 0.72;
    if (v.onlyThisOrg)
        v.rateLimited.score += 0.1;
    const std::optional<VolumeChange> &volume = f.rateVolume ? f.rateVolume : f.volume;
    if (volume) {
        v.volumeJump = true;
        v.rateLimited.refs.append(volume->ref);
        v.rateLimited.score += 0.05;
    }
    // The config that sent most of the refused requests: with no traffic jump, what scopes the
    // refusals (a key's quota, a config's budget); beside a route's jump, the job on that route
    // that pushed the org over its limit when several configs share the route. Either way it is
    // what the customer changes.
    if (!f.rateConfigRef.isEmpty())
        v.rateLimited.refs.append(f.rateConfigRef);
    // refusals on every config: the job whose traffic rose is what the customer changes
    if (volume && !f.rateJobConfigRef.isEmpty())
        v.rateLimited.refs.append(f.rateJobConfigRef);
    // the page that names the refusal's status and code says which limit it is
    if (!f.rateDocRef.isEmpty())
        v.rateLimited.refs.append(f.rateDocRef);
}

void judgeServerErrors(const ErrorBreakdownFacts &f, ErrorBreakdownVerdict &v)
{
    const ErrorProfile &p = f.profile;
    if (p.serverErrors < 10 || p.serverErrors < 0.3 * p.errors)
        return;
    if (p.serverProvider.isEmpty()) {
        v.server = ServerErrorSpread::Spread;
        return;
    }
    v.server = ServerErrorSpread::OneProvider;
    CauseVerdict &c = v.providerOutage;
    c.proposed = true;
    c.score = 0.5;
    const OrgScope &others = f.serverScope.present ? f.serverScope : f.scope;
    if (others.present && others.otherOrgsWithErrors > 0) {
        v.othersHit = true;
        c.score += 0.15;
    } else if (others.present && others.otherOrgs > 0) {
        v.othersFine = true;
        c.score -= 0.1;
    }
    c.refs = {u"provider:"_s + p.serverProvider};
    if (!p.serverModel.isEmpty())
        c.refs.append(u"model:"_s + p.serverModel);
    // the failing config sends its requests to the customer's own server, and no other org
    // on that provider failed: the server failed, not the provider
    if (!v.othersHit && !f.serverConfigHost.isEmpty()) {
        v.ownServer.proposed = true;
        v.ownServer.score = std::max(0.8, c.score + 0.2);
        v.ownServer.refs = {f.serverConfigRef, u"endpoint:"_s + f.serverConfigHost};
        c.score -= 0.2;
    }
    // one config failing, edited just before, beside configs on the same provider that work
    if (!v.othersHit && f.serverConfigSpecific && f.configEdit &&
        f.configEdit->ref == f.serverConfigRef) {
        v.editedConfig.proposed = true;
        v.editedConfig.score = c.score + 0.25;
        v.editedConfig.refs = {f.configEdit->ref};
        c.score -= 0.1;
    }
}

// A config whose rejected share stays under this still serves its other requests.
constexpr double MostRejected = 0.9;

void judgeClientErrors(const ErrorBreakdownFacts &f, ErrorBreakdownVerdict &v)
{
    const ErrorProfile &p = f.profile;
    if (p.clientErrors < 10 || p.clientErrors < 0.3 * p.errors) {
        v.rejectInvalidRequests = f.expectsClientVerdict;
        return;
    }
    CauseVerdict &c = v.invalidRequests;
    c.proposed = true;
    c.score = clientErrorScore(p, f.scope, f.clientConfigSpecific);
    if (v.onlyThisOrg)
        c.score += 0.08;
    if (!f.clientConfigRef.isEmpty())
        c.refs.append(f.clientConfigRef);
    // the config those requests used was edited minutes before they began to be rejected
    if (f.configEdit && (f.clientConfigRef.isEmpty() || f.clientConfigRef == f.configEdit->ref)) {
        v.invalidAfterEdit = true;
        c.score += 0.12;
        if (!c.refs.contains(f.configEdit->ref))
            c.refs.append(f.configEdit->ref);
    }
    if (!p.clientModel.isEmpty())
        c.refs.append(u"model:"_s + p.clientModel);
    // a config that is wrong fails every request it carries; one whose other requests are
    // served, rejected with the very status and code a doc page describes, met that limit
    if (!v.invalidAfterEdit && !f.clientDocRef.isEmpty() && !f.clientDocNamesTarget &&
        f.clientConfigRejectedShare > 0 && f.clientConfigRejectedShare < MostRejected) {
        v.invalidDocumented = true;
        c.refs.removeIf([](const QString &r) { return r.startsWith(u"model:"); });
        c.refs.prepend(f.clientDocRef);
    } else if (!f.clientDocRef.isEmpty() && !f.clientConfigRef.isEmpty()) {
        // a wrong config: the page that names the very refusal says what is wrong with it
        c.refs.insert(c.refs.indexOf(f.clientConfigRef) + 1, f.clientDocRef);
    }
}

// The three causes the breakdown rules out when the failures are no finding, and why.
void rejectAll(AnalyzerOutput &out, const QString &reason)
{
    for (const char *c :
         {Category::ProviderOutage, Category::RateLimited, Category::CustomerConfig})
        out.rejected.append({QLatin1StringView(c), reason, {}});
}

Finding overviewFinding(const ErrorBreakdownFacts &f)
{
    const ErrorProfile &p = f.profile;
    Finding overview;
    overview.evidenceIds = {p.evidenceId};
    overview.confidence = 0.8;
    if (p.errors <= 0) {
        overview.summary = u"No failed requests in the window ("_s + formatCount(p.totalRequests) +
                           u" requests)"_s;
        overview.phrases = {{u"errors.none"_s, {Say::count(u"total"_s, p.totalRequests)}}};
        return overview;
    }
    overview.summary = formatCount(p.errors) + u" of "_s + formatCount(p.totalRequests) +
                       u" requests failed ("_s + formatShare(p.rate()) + u')';
    // each group a clause of its own: its count and times in the reader's format and zone
    overview.phrases = {
        {u"errors.overview_head"_s,
         {Say::count(u"failed"_s, p.errors), Say::count(u"total"_s, p.totalRequests),
          Say::share(u"share"_s, p.rate())}}};
    for (qsizetype i = 0; i < p.groups.size() && i < 3; ++i) {
        const ErrorGroup &g = p.groups.at(i);
        const bool timed = g.first.isValid() && g.last.isValid();
        Phrase group{QString(i == 0 ? u"errors.group_first"_s : u"errors.group_next"_s) +
                         (timed ? QString() : u"_untimed"_s),
                     {Say::name(u"what"_s, groupName(g)), Say::count(u"count"_s, g.n)}};
        overview.summary += (i == 0 ? u"; the largest group: "_s : u"; then "_s) + groupName(g) +
                            u", "_s + formatCount(g.n);
        if (timed) {
            group.args << Say::time(u"from"_s, g.first) << Say::time(u"to"_s, g.last);
            overview.summary +=
                u" from "_s + clock(g.first, f.reference) + u" to "_s + clock(g.last, f.reference);
        }
        overview.phrases.append(group);
    }
    return overview;
}

void phraseRateLimiting(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v,
                        AnalyzerOutput &out)
{
    const ErrorProfile &p = f.profile;
    if (!v.rateLimited.proposed) {
        out.rejected.append({QLatin1StringView(Category::RateLimited),
                             p.rateLimited > 0
                                 ? u"only "_s + formatCount(p.rateLimited) + u" requests got 429"_s
                                 : u"no request was rate limited (no 429)"_s,
                             {}});
        return;
    }
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::RateLimited);
    h.score = v.rateLimited.score;
    h.failures = p.rateLimited;
    // the code the refusals carried: a rate limit, a quota, a key's budget
    const QString code = p.rateCode.isEmpty() ? u"rate_limited"_s : p.rateCode;
    QString s = formatCount(p.rateLimited) + u" requests ("_s +
                formatShare(p.rateLimited / std::max(1.0, p.totalRequests)) +
                u" of all) were rejected with 429 "_s + code;
    const QList<PhraseArg> limited{
        Say::count(u"count"_s, p.rateLimited),
        Say::share(u"share"_s, p.rateLimited / std::max(1.0, p.totalRequests)),
        Say::name(u"code"_s, code)};
    if (p.rateFirst.isValid() && p.rateEarlier.isValid()) {
        // the count is the window's: say when the refusals began as well as the latest run
        s += u": first at "_s + clock(p.rateEarlier, f.reference) + u", and again between "_s +
             clock(p.rateFirst, f.reference) + u" and "_s + clock(p.rateLast, f.reference);
        h.cause.phrases.append({u"errors.rate_limited_again"_s,
                                limited + QList<PhraseArg>{Say::time(u"earlier"_s, p.rateEarlier),
                                                           Say::time(u"from"_s, p.rateFirst),
                                                           Say::time(u"to"_s, p.rateLast)}});
    } else if (p.rateFirst.isValid()) {
        s += u" between "_s + clock(p.rateFirst, f.reference) + u" and "_s +
             clock(p.rateLast, f.reference);
        h.cause.phrases.append({u"errors.rate_limited_between"_s,
                                limited + QList<PhraseArg>{Say::time(u"from"_s, p.rateFirst),
                                                           Say::time(u"to"_s, p.rateLast)}});
    } else {
        h.cause.phrases.append({u"errors.rate_limited"_s, limited});
    }
    if (v.onlyThisOrg) {
        s += u"; other organisations were not limited"_s;
        h.cause.phrases.append({u"scope.others_not_limited"_s, {}});
    }
    // the config the refusals came through, when the org sends through several
    if (!f.rateConfigRef.isEmpty() && f.rateConfigOfSeveral) {
        const QString config = refId(f.rateConfigRef);
        s += u"; the largest share of the failed requests came through config "_s + config;
        h.cause.phrases.append({u"errors.limited_config"_s, {Say::name(u"config"_s, config)}});
    }
    // a config of the org's edited just before the refusals began: what changed on its side,
    // with the max_tokens it asks for (a token budget counts what a request may use)
    if (const std::optional<ConfigEdit> &edit = f.rateConfigEdit) {
        const QString config = refId(edit->ref);
        s += u"; config "_s + config + u" was edited at "_s + clock(edit->editedAt, f.reference) +
             u", just before"_s;
        if (f.rateConfigMaxTokens > 0) {
            s += u", and asks for max_tokens "_s + formatCount(f.rateConfigMaxTokens) +
                 u" per request"_s;
            h.cause.phrases.append(
                {u"errors.edited_config_max_tokens"_s,
                 {Say::name(u"config"_s, config), Say::time(u"at"_s, edit->editedAt),
                  Say::count(u"max_tokens"_s, f.rateConfigMaxTokens)}});
        } else {
            h.cause.phrases.append(
                {u"errors.config_edited_before"_s,
                 {Say::name(u"config"_s, config), Say::time(u"at"_s, edit->editedAt)}});
        }
        appendUnique(h.cause.refs, edit->ref);
    }
    // what pushed the org over its limits: a route whose traffic jumped
    if (v.volumeJump) {
        const VolumeChange &vc = f.rateVolume ? *f.rateVolume : *f.volume;
        s += u"; traffic on "_s + vc.group + u" grew "_s +
             QString::number(vc.after / std::max(1.0, vc.before), 'f', 1) + u"x at "_s +
             clock(vc.at, f.reference) + u" (from about "_s + formatCount(vc.before) + u" to "_s +
             formatCount(vc.after) + u" requests per interval)"_s;
        h.cause.phrases.append({u"traffic.jump"_s,
                                {Say::name(u"group"_s, vc.group),
                                 Say::number(u"factor"_s, vc.after / std::max(1.0, vc.before), 1),
                                 Say::time(u"at"_s, vc.at), Say::count(u"before"_s, vc.before),
                                 Say::count(u"after"_s, vc.after)}});
        h.cause.evidenceIds.append(vc.evidenceId);
        if (!f.rateJobConfigRef.isEmpty()) {
            const QString config = refId(f.rateJobConfigRef);
            s += u"; most of the requests on "_s + vc.group + u" come through config "_s + config;
            h.cause.phrases.append(
                {u"traffic.jump_config"_s,
                 {Say::name(u"group"_s, vc.group), Say::name(u"config"_s, config)}});
        }
    }
    h.cause.refs = v.rateLimited.refs + h.cause.refs;
    h.cause.summary = s;
    h.cause.confidence = h.score;
    h.cause.evidenceIds.append(p.evidenceId);
    if (!f.scope.evidenceId.isEmpty())
        h.cause.evidenceIds.append(f.scope.evidenceId);
    h.why = p.rateLimited >= 0.3 * p.errors
                ? u"429 responses dominate the errors"_s
                : u"429 responses on one model began with its route's traffic jump"_s;
    out.hypotheses.append(h);
}

void phraseServerErrors(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v,
                        AnalyzerOutput &out)
{
    const ErrorProfile &p = f.profile;
    if (v.server == ServerErrorSpread::None) {
        out.rejected.append({QLatin1StringView(Category::ProviderOutage),
                             u"no significant 5xx or overloaded errors from a provider"_s,
                             {}});
        return;
    }
    if (v.server == ServerErrorSpread::Spread) {
        Finding fd;
        fd.summary = u"Server errors are spread over "_s + p.serverProviders.join(u", "_s) +
                     u", which points at the gateway rather than one provider"_s;
        fd.phrases = {{u"errors.spread"_s, {Say::names(u"providers"_s, p.serverProviders)}}};
        fd.evidenceIds = {p.evidenceId};
        fd.confidence = 0.6;
        out.findings.append(fd);
        out.rejected.append({QLatin1StringView(Category::ProviderOutage),
                             u"server errors are spread over "_s + p.serverProviders.join(u", "_s) +
                                 u", not one provider"_s,
                             {}});
        return;
    }
    QString s = formatCount(p.serverErrors) + u" requests to "_s + p.serverProvider +
                (p.serverModel.isEmpty() ? QString() : u" ("_s + p.serverModel + u')') +
                u" failed with provider errors"_s;
    const auto main = std::find_if(p.groups.cbegin(), p.groups.cend(), [&](const ErrorGroup &g) {
        return g.provider == p.serverProvider && g.isServerError();
    });
    QList<Phrase> phrases;
    QList<PhraseArg> args{
        Say::count(u"count"_s, p.serverErrors),
        Say::name(u"target"_s,
                  p.serverProvider +
                      (p.serverModel.isEmpty() ? QString() : u" ("_s + p.serverModel + u')'))};
    QString key = u"errors.provider"_s;
    if (main != p.groups.cend()) {
        const QString status = QString::number(main->status) +
                               (main->errorCode.isEmpty() ? QString() : u' ' + main->errorCode);
        s += u" (mostly "_s + status + u')';
        key += u"_mostly"_s;
        args.append(Say::name(u"status"_s, status));
    }
    if (p.serverFirst.isValid()) {
        s += u" between "_s + clock(p.serverFirst, f.reference) + u" and "_s +
             clock(p.serverLast, f.reference);
        key += u"_between"_s;
        args << Say::time(u"from"_s, p.serverFirst) << Say::time(u"to"_s, p.serverLast);
    }
    phrases.append({key, args});
    if (v.othersHit) {
        const OrgScope &others = f.serverScope.present ? f.serverScope : f.scope;
        s += u"; "_s + QString::number(others.otherOrgsWithErrors) +
             u" other organisations were hit too"_s;
        phrases.append(
            {u"scope.others_hit"_s, {Say::count(u"count"_s, others.otherOrgsWithErrors)}});
    } else if (v.othersFine) {
        s += u"; other organisations were not affected"_s;
        phrases.append({u"scope.others_fine"_s, {}});
    }
    Hypothesis h = hypothesisOf(Category::ProviderOutage, v.providerOutage, p.serverErrors, s,
                                phrases, u"errors concentrated on one provider"_s);
    h.cause.evidenceIds = {p.evidenceId};
    out.hypotheses.append(h);
    Finding fd;
    fd.summary = s;
    fd.phrases = phrases;
    fd.refs = h.cause.refs;
    fd.evidenceIds = {p.evidenceId};
    fd.confidence = 0.75;
    out.findings.append(fd);
}

// The provider errors came through one config the customer edited just before they began.
void phraseEditedConfig(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v,
                        AnalyzerOutput &out)
{
    if (!v.editedConfig.proposed)
        return;
    const ErrorProfile &p = f.profile;
    const ConfigEdit &e = *f.configEdit;
    const QString config = refId(e.ref);
    QString s = formatCount(p.serverErrors) + u" requests through config "_s + config +
                u" failed from "_s + clock(e.onset, f.reference) +
                u" while the organisation's other configs on "_s + p.serverProvider +
                u" kept working; "_s + describeEdit(e, f.reference);
    QList<Phrase> phrases{
        {u"errors.config_alone_failed"_s,
         {Say::count(u"count"_s, p.serverErrors), Say::name(u"config"_s, config),
          Say::time(u"from"_s, e.onset), Say::name(u"provider"_s, p.serverProvider)}},
        {u"errors.config_edited_before"_s,
         {Say::name(u"config"_s, config), Say::time(u"at"_s, e.editedAt)}}};
    const auto main = std::find_if(p.groups.cbegin(), p.groups.cend(), [&](const ErrorGroup &g) {
        return g.provider == p.serverProvider;
    });
    const bool timedOut = main != p.groups.cend() && main->isTimeout();
    if (timedOut && f.serverConfigTimeoutMs > 0) {
        const QString ms = QString::number(f.serverConfigTimeoutMs, 'f', 0);
        s += u"; the failures are timeouts and it now sets request_timeout "_s + ms + u" ms"_s;
        phrases.append({u"errors.config_timeout_now"_s,
                        {Say::name(u"config"_s, config), Say::name(u"ms"_s, ms)}});
    }
    Hypothesis h = hypothesisOf(
        Category::CustomerConfig, v.editedConfig, p.serverErrors, s, phrases,
        u"one config fails, edited just before, while the org's others on the provider work"_s);
    h.cause.evidenceIds = {p.evidenceId, e.evidenceId};
    out.hypotheses.append(h);
}

void phraseOwnServer(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v,
                     AnalyzerOutput &out)
{
    if (!v.ownServer.proposed)
        return;
    const ErrorProfile &p = f.profile;
    const QString config = refId(f.serverConfigRef);
    const auto main = std::find_if(p.groups.cbegin(), p.groups.cend(), [&](const ErrorGroup &g) {
        return g.provider == p.serverProvider;
    });
    const QString status =
        main == p.groups.cend()
            ? QString()
            : QString::number(main->status) +
                  (main->errorCode.isEmpty() ? QString() : QString(u' ' + main->errorCode));
    QString s = formatCount(p.serverErrors) + u" requests through config "_s + config +
                u" failed ("_s + status +
                u"); its target sends them to the customer's own server "_s + f.serverConfigHost +
                u" (custom_host), not to "_s + p.serverProvider +
                u"'s API, and no other organisation on "_s + p.serverProvider + u" failed"_s;
    QList<Phrase> phrases{
        {u"errors.own_server"_s,
         {Say::count(u"count"_s, p.serverErrors), Say::name(u"config"_s, config),
          Say::name(u"status"_s, status), Say::name(u"host"_s, f.serverConfigHost),
          Say::name(u"provider"_s, p.serverProvider)}}};
    if (p.serverFirst.isValid()) {
        s += u"; from "_s + clock(p.serverFirst, f.reference);
        phrases.append({u"errors.own_server_since"_s, {Say::time(u"from"_s, p.serverFirst)}});
    }
    Hypothesis h = hypothesisOf(Category::CustomerEndpoint, v.ownServer, p.serverErrors, s, phrases,
                                u"the failing config sends its requests to the customer's own "
                                u"server while the provider served every other org"_s);
    h.cause.evidenceIds = {p.evidenceId};
    out.hypotheses.append(h);
}

void phraseClientErrors(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v,
                        AnalyzerOutput &out)
{
    const ErrorProfile &p = f.profile;
    if (!v.invalidRequests.proposed) {
        if (v.rejectInvalidRequests)
            out.rejected.append({QLatin1StringView(Category::CustomerConfig),
                                 u"few requests were rejected as invalid (4xx other than 429)"_s,
                                 {}});
        return;
    }
    QString target = p.clientProvider;
    if (!p.clientModel.isEmpty())
        target += (target.isEmpty() ? QString() : u"/"_s) + p.clientModel;
    QString s = formatCount(p.clientErrors) + u" requests"_s +
                (target.isEmpty() ? QString() : u" to "_s + target) +
                u" were rejected as invalid ("_s + p.clientCodes.mid(0, 3).join(u", "_s) +
                u"): the request or routing config sent is not accepted"_s;
    QList<Phrase> phrases;
    const QList<PhraseArg> invalid{Say::count(u"count"_s, p.clientErrors),
                                   Say::names(u"codes"_s, p.clientCodes.mid(0, 3))};
    if (target.isEmpty())
        phrases.append({u"errors.invalid"_s, invalid});
    else
        phrases.append(
            {u"errors.invalid_to"_s, invalid + QList<PhraseArg>{Say::name(u"target"_s, target)}});
    if (v.invalidAfterEdit) {
        s += u"; "_s + describeEdit(*f.configEdit, f.reference);
        phrases.append({u"errors.config_edited_before"_s,
                        {Say::name(u"config"_s, refId(f.configEdit->ref)),
                         Say::time(u"at"_s, f.configEdit->editedAt)}});
    }
    if (!f.clientConfigModel.isEmpty()) {
        s += u"; config "_s + refId(f.clientConfigRef) + u" asks for the model "_s +
             f.clientConfigModel;
        phrases.append({u"errors.config_model"_s,
                        {Say::name(u"config"_s, refId(f.clientConfigRef)),
                         Say::name(u"model"_s, f.clientConfigModel)}});
    }
    if (v.onlyThisOrg) {
        s += u"; only "_s + f.orgName + u" is affected"_s;
        phrases.append({u"scope.only_org"_s, {Say::name(u"org"_s, f.orgName)}});
    }
    if (v.invalidDocumented) {
        s += u"; this is what the documentation page "_s + f.clientDocTitle +
             u" describes: \u201c"_s + f.clientDocQuote +
             u"\u201d; the other requests through config "_s + refId(f.clientConfigRef) +
             u" were served"_s;
        phrases.append(
            {u"errors.documented"_s,
             {Say::name(u"title"_s, f.clientDocTitle), Say::name(u"quote"_s, f.clientDocQuote),
              Say::name(u"config"_s, refId(f.clientConfigRef))}});
    }
    Hypothesis h;
    h.cause.category = QLatin1StringView(v.invalidDocumented ? Category::ExpectedBehavior
                                                             : Category::CustomerConfig);
    h.score = v.invalidRequests.score;
    h.failures = p.clientErrors;
    h.cause.summary = s;
    h.cause.phrases = phrases;
    h.cause.confidence = h.score;
    h.cause.refs = v.invalidRequests.refs;
    h.cause.evidenceIds = {p.evidenceId};
    h.why = v.invalidDocumented ? u"client errors a doc page describes, on a config that serves "
                                  u"its other requests"_s
                                : u"client errors dominate"_s;
    out.hypotheses.append(h);
}

// On a slowness ticket: the refusals, when they are a cause, and what the client makes of
// them; nothing is rejected, since slowness has causes the failures do not show.
AnalyzerOutput phraseRefusalsOnly(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v)
{
    AnalyzerOutput out;
    if (v.level != ErrorLevel::Significant || !v.rateLimited.proposed)
        return out;
    out.findings.append(overviewFinding(f));
    phraseRateLimiting(f, v, out);
    Hypothesis &h = out.hypotheses.last();
    if (f.servedSlower) {
        h.cause.summary += u"; clients retry refused requests after a pause, so those calls take "
                           u"longer on the client's side"_s;
        h.cause.phrases.append({u"errors.rate_limited_retries_also"_s, {}});
    } else {
        h.cause.summary +=
            u"; clients retry refused requests after a pause, so calls take longer on "
            u"the client's side while the requests that were served were not slower"_s;
        h.cause.phrases.append({u"errors.rate_limited_retries"_s, {}});
    }
    h.why = u"429 refusals, retried by the client, are felt as slow calls"_s;
    return out;
}

AnalyzerOutput phraseErrorBreakdown(const ErrorBreakdownFacts &f, const ErrorBreakdownVerdict &v)
{
    if (f.refusalsOnly)
        return phraseRefusalsOnly(f, v);
    AnalyzerOutput out;
    const ErrorProfile &p = f.profile;
    out.findings.append(overviewFinding(f));
    switch (v.level) {
    case ErrorLevel::NoErrors:
        rejectAll(out, u"no request failed in the window"_s);
        return out;
    case ErrorLevel::Background: {
        Finding background;
        background.summary = formatShare(p.rate()) +
                             u" of requests failed, at the same rate through the whole window: "
                             u"this organisation's usual background level, not a new failure"_s;
        background.phrases = {{u"errors.background"_s, {Say::share(u"share"_s, p.rate())}}};
        // the failures counted rise with the traffic every day, their share does not
        // on the ticket's day, said against the day before: the same rise at the same hour
        const QDateTime rise = f.trafficRise.at;
        const bool sinceYesterday =
            rise.isValid() && f.trafficRise.dayBefore && rise.date() == f.reference.toUTC().date();
        if (sinceYesterday) {
            background.summary +=
                u"; the number of failures follows the traffic, which rose at "_s +
                rise.toString(u"HH:mm"_s) +
                u" UTC today and at the same hour yesterday, as every day"_s;
            background.phrases.append(
                {u"errors.follow_traffic_yesterday"_s, {Say::time(u"at"_s, rise)}});
        } else if (rise.isValid()) {
            background.summary += u"; the number of failures follows the traffic, which rises "
                                  u"every day at "_s +
                                  rise.toString(u"HH:mm"_s) + u" UTC"_s;
            background.phrases.append({u"errors.follow_traffic"_s, {Say::time(u"at"_s, rise)}});
        }
        background.evidenceIds = {p.evidenceId};
        background.confidence = 0.7;
        out.findings.append(background);
        rejectAll(out, u"the failures are the usual background rate ("_s + formatShare(p.rate()) +
                           u"), unchanged in the window"_s);
        return out;
    }
    case ErrorLevel::Normal:
        rejectAll(out,
                  u"only "_s + formatShare(p.rate()) + u" of requests failed, a normal level"_s);
        return out;
    case ErrorLevel::Significant:
        break;
    }
    if (f.configEdit) {
        Finding edit;
        edit.summary = u"Config "_s + refId(f.configEdit->ref) +
                       u", which the failing requests "
                       u"used, "_s +
                       describeEdit(*f.configEdit, f.reference).mid(3);
        edit.refs = {f.configEdit->ref};
        edit.evidenceIds = {f.configEdit->evidenceId};
        edit.confidence = 0.75;
        out.findings.append(edit);
    }
    phraseRateLimiting(f, v, out);
    phraseServerErrors(f, v, out);
    phraseEditedConfig(f, v, out);
    phraseOwnServer(f, v, out);
    phraseClientErrors(f, v, out);
    return out;
}

} // namespace

bool errorSeriesFlat(const AnalysisInput &input)
{
    bool haveSeries = false;
    const auto changes = changeReport(input); // kept alive over the loop
    for (const SeriesChange &c : changes->series) {
        if (c.kind != MetricKind::ErrorRate)
            continue;
        haveSeries = true;
        if (c.changed)
            return false;
    }
    return haveSeries;
}

double clientErrorScore(const ErrorProfile &p, const OrgScope &scope, bool configSpecific)
{
    bool namesRequest = false;
    for (const ErrorGroup &g : p.groups) {
        if (g.status == 429 || g.status < 400 || g.status >= 500)
            continue;
        namesRequest = g.status == 401 || g.status == 403 || g.status == 404 ||
                       g.errorCode.contains(u"not_found") || g.errorCode.contains(u"api_key");
        break; // the largest client-error group decides
    }
    double score = namesRequest ? 0.62 : 0.5;
    if (configSpecific)
        score += 0.1;
    if (scope.present && scope.otherOrgsWithErrors > 0)
        score -= 0.2;
    return score;
}

// A config on the same provider works beside the failing one when its error rate over the
// window is at most this share of the failing one's: the failing config's burst is often a few
// hours of a day-long window, its rate diluted by the hours before.
constexpr double WorkingBelow = 2.0;

bool configSpecific(const QList<ConfigTraffic> &traffic, const QString &config,
                    const QString &provider)
{
    if (config.isEmpty())
        return false;
    double requests = 0;
    double errors = 0;
    for (const ConfigTraffic &c : traffic) {
        if (u"config:"_s + c.configId == config && c.provider == provider) {
            requests += c.requests;
            errors += c.errors;
        }
    }
    const double failing = requests > 0 ? errors / requests : 0.0;
    // working: a few percent at most, or well under the failing config's rate (a big org's
    // background of a few percent is every config's)
    for (const ConfigTraffic &c : traffic) {
        if (u"config:"_s + c.configId == config || c.provider != provider || c.requests < 20)
            continue;
        if (c.errorRate() < 0.02 ||
            (c.errorRate() < 0.1 && WorkingBelow * c.errorRate() <= failing))
            return true;
    }
    return false;
}

void boundToBurst(ErrorProfile &p, const SeriesChange &c)
{
    const QString provider = c.labels.value(u"provider"_s).toString();
    const QString model = c.labels.value(u"model"_s).toString();
    if (provider.isEmpty() && model.isEmpty())
        return;
    const auto inBurst = [&](const ErrorGroup &g) {
        return (provider.isEmpty() || g.provider == provider) &&
               (model.isEmpty() || g.model == model);
    };
    const auto bound = [&](QDateTime &first, QDateTime &last) {
        // a span that ended before the burst began is no part of it: its own times stand
        if (last.isValid() && last < c.at)
            return;
        if (first.isValid() && first.secsTo(c.at) > 30 * 60)
            first = c.at;
        if (c.end.isValid() && last.isValid() && c.end.secsTo(last) > 30 * 60)
            last = c.end;
    };
    for (ErrorGroup &g : p.groups) {
        if (inBurst(g))
            bound(g.first, g.last);
    }
    if ((provider.isEmpty() || p.serverProvider == provider) &&
        (model.isEmpty() || p.serverModel.isEmpty() || p.serverModel == model))
        bound(p.serverFirst, p.serverLast);
    // refusals of yesterday's burst and today's are told as today's
    if (p.rateLimited > 0 && (provider.isEmpty() || p.rateProvider == provider) &&
        (model.isEmpty() || p.rateModel.isEmpty() || p.rateModel == model)) {
        const QDateTime first = p.rateFirst;
        bound(p.rateFirst, p.rateLast);
        if (p.rateFirst != first)
            p.rateEarlier = first;
    }
}

ErrorProfile burstProfile(const AnalysisInput &input)
{
    ErrorProfile p = errorProfile(input);
    if (!p.present)
        return p;
    // A group's span runs from its first to its last failure in the window, background
    // failures of the day before included: a detected error-rate rise on that provider or
    // model bounds the burst instead. Each provider's (or model's) first such rise bounds its
    // own groups: another provider's failures since the morning do not bound an incident's.
    const auto changes = changeReport(input);
    QSet<QString> bounded;
    for (const SeriesChange *c : changes->changed()) {
        if (c->kind != MetricKind::ErrorRate)
            continue;
        const QString part = c->labels.value(u"provider"_s).toString() + u'/' +
                             c->labels.value(u"model"_s).toString();
        if (part == u"/" || bounded.contains(part))
            continue;
        bounded.insert(part);
        boundToBurst(p, *c);
    }
    return p;
}

namespace {

// The org comparison in the minutes of the provider errors: the error-rate rise on their
// provider (and model) if one was detected, else their first to last failure.
OrgScope serverErrorScope(const AnalysisInput &input, const ErrorProfile &p, const OrgScope &scope)
{
    if (p.serverProvider.isEmpty())
        return scope;
    const auto changes = changeReport(input);
    for (const SeriesChange *c : changes->changed()) {
        const QString provider = c->labels.value(u"provider"_s).toString();
        const QString model = c->labels.value(u"model"_s).toString();
        if (c->kind == MetricKind::ErrorRate &&
            ((!provider.isEmpty() && provider == p.serverProvider) ||
             (!model.isEmpty() && model == p.serverModel)))
            return orgScopeIn(input, c->at, c->end);
    }
    if (!scope.timeResolved || !p.serverFirst.isValid())
        return scope;
    return orgScopeIn(input, p.serverFirst, p.serverLast.addSecs(60));
}

// Whether the latency of some provider or model other than the refused one rose (a change
// grouped by provider or model, not a route's or the whole traffic's, which the refusals'
// retries may move too).
bool servedLatencyRoseElsewhere(const AnalysisInput &input, const ErrorProfile &p)
{
    const auto changes = changeReport(input);
    for (const SeriesChange *c : changes->changed()) {
        if (c->kind != MetricKind::Latency || c->after <= c->before)
            continue;
        const QString provider = c->labels.value(u"provider"_s).toString();
        const QString model = c->labels.value(u"model"_s).toString();
        if ((!provider.isEmpty() && provider != p.rateProvider) ||
            (!model.isEmpty() && model != p.rateModel))
            return true;
    }
    return false;
}

// The failed share of the requests through config `ref` ("config:<id>"); 0 when unknown.
double rejectedShare(const QList<ConfigTraffic> &traffic, const QString &ref)
{
    double requests = 0;
    double errors = 0;
    for (const ConfigTraffic &c : traffic) {
        if (u"config:"_s + c.configId == ref) {
            requests += c.requests;
            errors += c.errors;
        }
    }
    return requests > 0 ? errors / requests : 0.0;
}

// The fetched doc page that names `group`'s status and error code, or nullptr.
const DocPage *pageNaming(const QList<DocPage> &pages, const ErrorGroup &group)
{
    if (group.errorCode.isEmpty())
        return nullptr;
    const QString status = QString::number(group.status);
    for (const DocPage &page : pages) {
        if (page.text.contains(group.errorCode) && page.text.contains(status))
            return &page;
    }
    return nullptr;
}

// The fetched doc page that names the largest 429 group's status and code.
void documentRefusals(const QList<DocPage> &pages, ErrorBreakdownFacts &f)
{
    const ErrorGroup *largest = nullptr;
    for (const ErrorGroup &g : f.profile.groups) {
        if (g.isRateLimit() && (!largest || g.n > largest->n))
            largest = &g;
    }
    if (const DocPage *page = largest ? pageNaming(pages, *largest) : nullptr)
        f.rateDocRef = page->ref;
}

// The fetched doc page that names the largest client-error group's status and error code, and
// its sentence that does. Refusals that name the request's target or key (401, 403, 404) are
// about what the request asked for, not a limit it ran into: the page then only explains a
// wrong config.
void documentClientErrors(const QList<DocPage> &pages, ErrorBreakdownFacts &f)
{
    const ErrorGroup *largest = nullptr;
    for (const ErrorGroup &g : f.profile.groups) {
        if (g.status >= 400 && g.status < 500 && !g.isRateLimit() && (!largest || g.n > largest->n))
            largest = &g;
    }
    if (!largest)
        return;
    f.clientDocNamesTarget =
        largest->status == 401 || largest->status == 403 || largest->status == 404;
    if (const DocPage *found = pageNaming(pages, *largest)) {
        const DocPage &page = *found;
        for (const QStringList &sentences : paragraphSentences(page.text)) {
            const auto named =
                std::find_if(sentences.cbegin(), sentences.cend(), [&](const QString &sentence) {
                    return sentence.contains(largest->errorCode) && !sentence.startsWith(u'#');
                });
            if (named != sentences.cend()) {
                f.clientDocQuote = cutAtWord(*named, 300);
                break;
            }
        }
        f.clientDocRef = page.ref;
        f.clientDocTitle = page.title;
    }
}

// The model id the client config's targets ask for, when its requests were refused 404 and
// the logs carry another id ('' otherwise): the id the provider did not know.
QString modelAskedFor(const AnalysisInput &input, const ErrorBreakdownFacts &f)
{
    const bool notFound =
        std::any_of(f.profile.groups.cbegin(), f.profile.groups.cend(), [&](const ErrorGroup &g) {
            return g.status == 404 && g.model == f.profile.clientModel;
        });
    if (!notFound || f.clientConfigRef.isEmpty())
        return {};
    for (const QJsonObject &node : configNodes(input, f.clientConfigRef)) {
        const QString model =
            node.value(u"override_params"_s).toObject().value(u"model"_s).toString();
        if (!model.isEmpty() && model != f.profile.clientModel)
            return model;
    }
    return {};
}

} // namespace

int dailyRiseHour(const QList<QDateTime> &times, const QList<double> &requests)
{
    std::array<double, 24> sum{};
    std::array<int, 24> count{};
    QSet<QDate> days;
    for (qsizetype i = 0; i < times.size() && i < requests.size(); ++i) {
        const QDateTime t = times.at(i).toUTC();
        sum.at(size_t(t.time().hour())) += requests.at(i);
        ++count.at(size_t(t.time().hour()));
        days.insert(t.date());
    }
    if (days.size() < 2)
        return -1;
    std::array<double, 24> mean{};
    for (size_t h = 0; h < 24; ++h) {
        if (count.at(h) == 0)
            return -1;
        mean.at(h) = sum.at(h) / count.at(h);
    }
    const auto quiet = size_t(std::ranges::min_element(mean) - mean.begin());
    const double busiest = std::ranges::max(mean);
    if (busiest < DailyCycleRatio * std::max(mean.at(quiet), 1e-9))
        return -1;
    const double half = (mean.at(quiet) + busiest) / 2;
    for (size_t k = 1; k < 24; ++k) {
        const size_t h = (quiet + k) % 24;
        if (mean.at(h) >= half)
            return int(h);
    }
    return -1;
}

namespace {

// When the org's traffic rises on the window's last day, from the request counts of the first
// error series (all its groups summed); invalid without a daily cycle; whether the series also
// covers that hour of the day before (the same rise was seen then).
ErrorBreakdownFacts::TrafficRise trafficRiseOf(const AnalysisInput &input)
{
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"error_series");
    if (found.isEmpty())
        return {};
    QMap<QDateTime, double> total;
    for (const Series &series : seriesOf(*found.first().evidence)) {
        for (int i = 0; i < series.size(); ++i)
            total[series.times.at(i)] += series.value(i, u"n", 0);
    }
    const int hour = dailyRiseHour(total.keys(), total.values());
    if (hour < 0)
        return {};
    const QDate last = total.lastKey().toUTC().date();
    QDateTime rise(last, QTime(hour, 0), QTimeZone::utc());
    if (rise > total.lastKey())
        rise = rise.addDays(-1);
    // seen the day before: the series covers that hour then, or begins within the hour after it
    // (a window a day before the time the ticket gives begins in the rise's ramp)
    return {rise, total.firstKey() <= rise.addDays(-1).addSecs(3600)};
}

} // namespace

std::optional<ErrorBreakdownFacts> gatherErrorBreakdown(const AnalysisInput &input)
{
    ErrorBreakdownFacts f;
    f.profile = burstProfile(input);
    if (!f.profile.present)
        return std::nullopt;
    f.scope = orgScope(input);
    f.serverScope = serverErrorScope(input, f.profile, f.scope);
    f.errorSeriesFlat = errorSeriesFlat(input);
    f.trafficRise = trafficRiseOf(input);
    if (const QList<VolumeChange> volume = detectVolumeChanges(input, u"route"); !volume.isEmpty())
        f.volume = volume.first();
    f.clientConfigRef = configRefFor(input, f.profile.clientProvider, f.profile.clientModel);
    const QList<ConfigTraffic> traffic = configTraffic(input);
    QSet<QString> configs;
    for (const ConfigTraffic &c : traffic)
        configs.insert(c.configId);
    f.rateConfigOfSeveral = configs.size() >= 2;
    if (!f.profile.rateProvider.isEmpty()) {
        // refusals spread over the provider's models are its quota's, shared by the configs
        // sending to it: no one config scopes them (the job whose traffic rose may, below)
        if (!f.profile.rateModel.isEmpty())
            f.rateConfigRef = configRefFor(input, f.profile.rateProvider, f.profile.rateModel);
        const QDateTime windowFrom = input.params.window.from;
        f.rateRunBegan = f.profile.rateFirst.isValid() && !f.profile.rateEarlier.isValid() &&
                         windowFrom.isValid() && windowFrom.secsTo(f.profile.rateFirst) >= 3 * 3600;
        QStringView roseOn = u"route";
        QList<VolumeChange> rose =
            volumeRisesWithin(input, roseOn, f.profile.rateFirst, f.profile.rateLast);
        // a job on a route the org's other services share shows on the refusals' provider
        if (rose.isEmpty()) {
            roseOn = u"provider";
            rose = volumeRisesWithin(input, roseOn, f.profile.rateFirst, f.profile.rateLast);
            rose.removeIf([&](const VolumeChange &c) {
                return c.group.compare(f.profile.rateProvider, Qt::CaseInsensitive) != 0;
            });
        }
        if (!rose.isEmpty()) {
            f.rateVolume = rose.first();
            if (f.rateConfigRef.isEmpty() && f.rateConfigOfSeveral)
                f.rateJobConfigRef = configCarrying(input, roseOn, f.rateVolume->group);
        }
    } else if (f.profile.rateLimited > 0 && f.volume && f.rateConfigOfSeveral) {
        // refusals on every provider: the route whose traffic jumped, and the job that sends it
        f.rateJobConfigRef = configCarrying(input, u"route", f.volume->group);
    }
    f.clientConfigSpecific = configSpecific(traffic, f.clientConfigRef, f.profile.clientProvider);
    f.clientConfigRejectedShare = rejectedShare(traffic, f.clientConfigRef);
    const QList<DocPage> pages = fetchedDocPages(input);
    documentClientErrors(pages, f);
    f.clientConfigModel = modelAskedFor(input, f);
    documentRefusals(pages, f);
    f.configEdit = configEditBeforeFailures(input);
    if (f.profile.rateLimited > 0)
        f.rateConfigEdit = configEditedBefore(input, errorOnset(input));
    if (f.rateConfigEdit)
        f.rateConfigMaxTokens = largestMaxTokens(input, f.rateConfigEdit->ref);
    if (!f.profile.serverProvider.isEmpty()) {
        f.serverConfigRef = configRefFor(input, f.profile.serverProvider, f.profile.serverModel);
        f.serverConfigSpecific =
            configSpecific(traffic, f.serverConfigRef, f.profile.serverProvider);
        f.serverConfigTimeoutMs = shortestTimeout(input, f.serverConfigRef);
        f.serverConfigHost = ownServerHost(input, f.serverConfigRef);
    }
    f.expectsClientVerdict =
        input.playbook == u"api-errors" || input.playbook == u"provider-routing";
    f.refusalsOnly = input.playbook == u"latency-spike";
    if (f.refusalsOnly)
        f.servedSlower = servedLatencyRoseElsewhere(input, f.profile);
    f.reference = input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    f.orgName = input.params.orgName.isEmpty() ? input.params.org : input.params.orgName;
    return f;
}

ErrorBreakdownVerdict judgeErrorBreakdown(const ErrorBreakdownFacts &f)
{
    ErrorBreakdownVerdict v;
    const ErrorProfile &p = f.profile;
    if (p.errors <= 0)
        return v; // NoErrors
    const bool significant = p.rate() >= 0.01 || p.errors >= 50;
    // a low failure share that no error-rate series saw rise: the baseline, not a finding
    if (significant && p.rate() < 0.05 && f.errorSeriesFlat) {
        v.level = ErrorLevel::Background;
        return v;
    }
    if (!significant) {
        v.level = ErrorLevel::Normal;
        return v;
    }
    v.level = ErrorLevel::Significant;
    v.onlyThisOrg = f.scope.present && f.scope.otherOrgs > 0 && f.scope.otherOrgsWithErrors == 0;
    judgeRateLimiting(f, v);
    // on a slowness ticket whose served requests slowed down too, elsewhere than the refused
    // model: the retries explain some calls, what slowed the served ones explains more
    if (f.refusalsOnly && f.servedSlower && v.rateLimited.proposed)
        v.rateLimited.score = std::min(v.rateLimited.score, 0.65);
    if (f.refusalsOnly)
        return v;
    judgeServerErrors(f, v);
    judgeClientErrors(f, v);
    return v;
}

} // namespace Casefile::Analysis

namespace Casefile {

AnalyzerOutput analyzeErrorBreakdown(const AnalysisInput &input)
{
    using namespace Analysis;
    const std::optional<ErrorBreakdownFacts> facts = gatherErrorBreakdown(input);
    if (!facts) {
        AnalyzerOutput out;
        if (dataMissing(input, u"clickhouse", u"error_breakdown"))
            out.notChecked.append(unchecked(u"error_breakdown"_s));
        return out;
    }
    return phraseErrorBreakdown(*facts, judgeErrorBreakdown(*facts));
}

} // namespace Casefile
