#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using namespace Analysis;

QString describeGroup(const ErrorGroup &g, const QDateTime &reference)
{
    QString s = g.provider.isEmpty() ? u"(no provider)"_s : g.provider;
    if (!g.model.isEmpty())
        s += u'/' + g.model;
    s += u' ' + QString::number(g.status);
    if (!g.errorCode.isEmpty())
        s += u' ' + g.errorCode;
    s += u": "_s + formatCount(g.n);
    if (g.first.isValid())
        s += u" ("_s + clock(g.first, reference) + u"\u2013"_s + clock(g.last, reference) + u')';
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

// A low failure share that no error-rate series saw rise: the baseline, not a finding.
bool steadyBackground(const AnalysisInput &input, const ErrorProfile &p)
{
    if (p.rate() >= 0.05)
        return false;
    bool haveSeries = false;
    for (const SeriesChange &c : detectChanges(input).series) {
        if (c.kind != MetricKind::ErrorRate)
            continue;
        haveSeries = true;
        if (c.changed)
            return false;
    }
    return haveSeries;
}

// How much 4xx answers say about the customer's own config: a missing model or a refused key
// names what the customer sent; a malformed request can as well be our translation of it, and
// 4xx that other organisations get too are not any one customer's doing.
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

} // namespace

AnalyzerOutput analyzeErrorBreakdown(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const ErrorProfile p = errorProfile(input);
    if (!p.present) {
        if (dataMissing(input, u"clickhouse", u"error_breakdown"))
            out.notChecked.append(u"the breakdown of failed requests (the log query failed)"_s);
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    const OrgScope scope = orgScope(input);
    const QString who = input.params.orgName.isEmpty() ? input.params.org : input.params.orgName;

    Finding overview;
    overview.evidenceIds = {p.evidenceId};
    overview.confidence = 0.8;
    if (p.errors <= 0) {
        overview.summary = u"No failed requests in the window ("_s + formatCount(p.totalRequests) +
                           u" requests)"_s;
        out.findings.append(overview);
        for (const char *c :
             {Category::ProviderOutage, Category::RateLimited, Category::CustomerConfig})
            out.rejected.append({QLatin1StringView(c), u"no request failed in the window"_s, {}});
        return out;
    }
    QStringList top;
    for (qsizetype i = 0; i < p.groups.size() && i < 3; ++i)
        top.append(describeGroup(p.groups.at(i), reference));
    overview.summary = formatCount(p.errors) + u" of "_s + formatCount(p.totalRequests) +
                       u" requests failed ("_s + formatShare(p.rate()) + u"); largest groups: "_s +
                       top.join(u"; "_s);
    out.findings.append(overview);
    const bool significant = p.rate() >= 0.01 || p.errors >= 50;
    if (significant && steadyBackground(input, p)) {
        Finding background;
        background.summary = formatShare(p.rate()) +
                             u" of requests failed, at the same rate through the whole window: "
                             u"this organisation's usual background level, not a new failure"_s;
        background.evidenceIds = {p.evidenceId};
        background.confidence = 0.7;
        out.findings.append(background);
        for (const char *c :
             {Category::ProviderOutage, Category::RateLimited, Category::CustomerConfig})
            out.rejected.append({QLatin1StringView(c),
                                 u"the failures are the usual background rate ("_s +
                                     formatShare(p.rate()) + u"), unchanged in the window"_s,
                                 {}});
        return out;
    }
    if (!significant) {
        for (const char *c :
             {Category::ProviderOutage, Category::RateLimited, Category::CustomerConfig})
            out.rejected.append(
                {QLatin1StringView(c),
                 u"only "_s + formatShare(p.rate()) + u" of requests failed, a normal level"_s,
                 {}});
        return out;
    }

    // 429: the org hits its limits
    if (p.rateLimited >= 10 && p.rateLimited >= 0.3 * p.errors) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::RateLimited);
        h.score = 0.72;
        QString s = formatCount(p.rateLimited) + u" requests ("_s +
                    formatShare(p.rateLimited / std::max(1.0, p.totalRequests)) +
                    u" of all) were rejected with 429 rate_limited"_s;
        if (p.rateFirst.isValid())
            s += u" between "_s + clock(p.rateFirst, reference) + u" and "_s +
                 clock(p.rateLast, reference);
        if (scope.present && scope.otherOrgs > 0 && scope.otherOrgsWithErrors == 0) {
            s += u"; other organisations were not limited"_s;
            h.score += 0.1;
        }
        // what pushed the org over its limits: a route whose traffic jumped
        const QList<VolumeChange> volume = detectVolumeChanges(input, u"route");
        if (!volume.isEmpty()) {
            const VolumeChange &v = volume.first();
            s += u"; traffic on "_s + v.group + u" grew "_s +
                 QString::number(v.after / std::max(1.0, v.before), 'f', 1) + u"x at "_s +
                 clock(v.at, reference) + u" (from about "_s + formatCount(v.before) + u" to "_s +
                 formatCount(v.after) + u" requests per interval)"_s;
            h.cause.refs.append(v.ref);
            h.cause.evidenceIds.append(v.evidenceId);
            h.score += 0.05;
        }
        h.cause.summary = s;
        h.cause.confidence = h.score;
        h.cause.evidenceIds.append(p.evidenceId);
        if (!scope.evidenceId.isEmpty())
            h.cause.evidenceIds.append(scope.evidenceId);
        h.why = u"429 responses dominate the errors"_s;
        out.hypotheses.append(h);
    } else {
        out.rejected.append({QLatin1StringView(Category::RateLimited),
                             p.rateLimited > 0
                                 ? u"only "_s + formatCount(p.rateLimited) + u" requests got 429"_s
                                 : u"no request was rate limited (no 429)"_s,
                             {}});
    }

    // 5xx / overloaded / timeouts from one provider
    if (p.serverErrors >= 10 && p.serverErrors >= 0.3 * p.errors) {
        if (!p.serverProvider.isEmpty()) {
            Hypothesis h;
            h.cause.category = QLatin1StringView(Category::ProviderOutage);
            h.score = 0.5;
            QString s = formatCount(p.serverErrors) + u" requests to "_s + p.serverProvider +
                        (p.serverModel.isEmpty() ? QString() : u" ("_s + p.serverModel + u')') +
                        u" failed with provider errors"_s;
            const ErrorGroup *main = nullptr;
            for (const ErrorGroup &g : p.groups) {
                if (g.provider == p.serverProvider) {
                    main = &g;
                    break;
                }
            }
            if (main)
                s += u" (mostly "_s + QString::number(main->status) +
                     (main->errorCode.isEmpty() ? QString() : u' ' + main->errorCode) + u')';
            if (p.serverFirst.isValid())
                s += u" between "_s + clock(p.serverFirst, reference) + u" and "_s +
                     clock(p.serverLast, reference);
            if (scope.present && scope.otherOrgsWithErrors > 0) {
                s += u"; "_s + QString::number(scope.otherOrgsWithErrors) +
                     u" other organisations were hit too"_s;
                h.score += 0.15;
            } else if (scope.present && scope.otherOrgs > 0) {
                s += u"; other organisations were not affected"_s;
                h.score -= 0.1;
            }
            h.cause.summary = s;
            h.cause.confidence = h.score;
            h.cause.refs = {u"provider:"_s + p.serverProvider};
            if (!p.serverModel.isEmpty())
                h.cause.refs.append(u"model:"_s + p.serverModel);
            h.cause.evidenceIds = {p.evidenceId};
            h.why = u"errors concentrated on one provider"_s;
            out.hypotheses.append(h);
            Finding f;
            f.summary = s;
            f.refs = h.cause.refs;
            f.evidenceIds = {p.evidenceId};
            f.confidence = 0.75;
            out.findings.append(f);
        } else {
            Finding f;
            f.summary = u"Server errors are spread over "_s + p.serverProviders.join(u", "_s) +
                        u", which points at the gateway rather than one provider"_s;
            f.evidenceIds = {p.evidenceId};
            f.confidence = 0.6;
            out.findings.append(f);
            out.rejected.append({QLatin1StringView(Category::ProviderOutage),
                                 u"server errors are spread over "_s +
                                     p.serverProviders.join(u", "_s) + u", not one provider"_s,
                                 {}});
        }
    } else {
        out.rejected.append({QLatin1StringView(Category::ProviderOutage),
                             u"no significant 5xx or overloaded errors from a provider"_s,
                             {}});
    }

    // 4xx: the requests or the routing config are wrong
    if (p.clientErrors >= 10 && p.clientErrors >= 0.3 * p.errors) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::CustomerConfig);
        const QString config = configRefFor(input, p.clientProvider, p.clientModel);
        // one config failing while the org's other configs on the same provider work
        bool configSpecific = false;
        for (const ConfigTraffic &c : configTraffic(input)) {
            configSpecific =
                configSpecific ||
                (!config.isEmpty() && u"config:"_s + c.configId != config &&
                 c.provider == p.clientProvider && c.requests >= 20 && c.errorRate() < 0.02);
        }
        h.score = clientErrorScore(p, scope, configSpecific);
        QString target = p.clientProvider;
        if (!p.clientModel.isEmpty())
            target += (target.isEmpty() ? QString() : u"/"_s) + p.clientModel;
        QString s = formatCount(p.clientErrors) + u" requests"_s +
                    (target.isEmpty() ? QString() : u" to "_s + target) +
                    u" were rejected as invalid ("_s + p.clientCodes.mid(0, 3).join(u", "_s) +
                    u"): the request or routing config sent is not accepted"_s;
        if (scope.present && scope.otherOrgs > 0 && scope.otherOrgsWithErrors == 0) {
            s += u"; only "_s + who + u" is affected"_s;
            h.score += 0.08;
        }
        h.cause.summary = s;
        h.cause.confidence = h.score;
        if (!config.isEmpty())
            h.cause.refs.append(config);
        if (!p.clientModel.isEmpty())
            h.cause.refs.append(u"model:"_s + p.clientModel);
        h.cause.evidenceIds = {p.evidenceId};
        h.why = u"client errors dominate"_s;
        out.hypotheses.append(h);
    } else if (input.playbook == u"api-errors" || input.playbook == u"provider-routing") {
        out.rejected.append({QLatin1StringView(Category::CustomerConfig),
                             u"few requests were rejected as invalid (4xx other than 429)"_s,
                             {}});
    }
    return out;
}

} // namespace Casefile
