#include "core/analysis/sdkerrors.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

namespace {

constexpr double MinShare = 0.10;      // a version failing less is not "failing"
constexpr double MinFailed = 20;       // failed requests of the version since the onset
constexpr double MinGoodRequests = 30; // the other version's requests at the same minutes
constexpr double GoodShareCeiling = 0.05;
constexpr double KeyOrLimitRefused = 0.7; // of the version's target's failures
constexpr qint64 TogetherSecs = 30 * 60;  // versions whose failures began this close fail together

double rateAt(const SdkErrorSeries &s, int i)
{
    return s.requests.at(i) > 0 ? s.errors.at(i) / s.requests.at(i) : 0.0;
}

// Requests and failed requests of `s` in [from, to) (to invalid: to the end).
std::pair<double, double> countsIn(const SdkErrorSeries &s, const QDateTime &from,
                                   const QDateTime &to)
{
    double n = 0;
    double e = 0;
    for (int i = 0; i < s.times.size(); ++i) {
        if (s.times.at(i) < from || (to.isValid() && s.times.at(i) >= to))
            continue;
        n += s.requests.at(i);
        e += s.errors.at(i);
    }
    return {n, e};
}

// The provider, model and route that most of a version's failed requests went to.
const SdkTraffic *failingTarget(const QList<SdkTraffic> &traffic, const QString &sdk)
{
    const SdkTraffic *top = nullptr;
    for (const SdkTraffic &t : traffic) {
        if (t.sdk == sdk && t.errors > 0 && (!top || t.errors > top->errors))
            top = &t;
    }
    return top;
}

// `sdk` sent enough requests to the same provider and model on the same route: a version that
// only ever used another route is no contrast, since the route may be what fails.
bool serves(const QList<SdkTraffic> &traffic, const QString &sdk, const SdkTraffic &failing)
{
    return std::any_of(traffic.cbegin(), traffic.cend(), [&](const SdkTraffic &t) {
        return t.sdk == sdk && t.provider == failing.provider && t.model == failing.model &&
               t.route == failing.route && t.requests >= MinGoodRequests;
    });
}

// The two versions shared a config whose fallback served at least half the requests the good
// version would have lost at the failing version's rate.
bool rescuedAlike(const SdkErrorFacts &facts, const SdkErrorVerdict &v)
{
    const double wouldHaveFailed = v.share * v.goodRequests;
    const QSet<QString> good = facts.configs.value(v.goodSdk);
    for (const QString &config : facts.failingConfigs.value(v.sdk)) {
        if (good.contains(config) && facts.rescued.value(config) >= 0.5 * wouldHaveFailed)
            return true;
    }
    return false;
}

// The share of the failed requests to `provider`/`model` that the gateway or the provider
// refused for the key, the budget or a limit (401, 403, 429): what the org's keys and limits
// say, the same whichever client sent the request. 0 when the breakdown is not known.
double keyOrLimitRefusedShare(const QList<ErrorGroup> &groups, const QString &provider,
                              const QString &model)
{
    double all = 0;
    double refused = 0;
    for (const ErrorGroup &g : groups) {
        if (g.provider != provider || g.model != model)
            continue;
        all += g.n;
        if (g.status == 401 || g.status == 403 || g.isRateLimit())
            refused += g.n;
    }
    return all > 0 ? refused / all : 0.0;
}

} // namespace

// ---------------------------------------------------------------- gather

SdkErrorFacts gatherSdkErrors(const AnalysisInput &input)
{
    SdkErrorFacts facts;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"error_series")) {
        for (const Series &s : seriesOf(*f.evidence)) {
            const QString sdk = s.labels.value(u"sdk"_s).toString();
            if (sdk.isEmpty() || s.labels.contains(u"org"_s))
                continue;
            SdkErrorSeries out{sdk, s.times, {}, {}};
            for (int i = 0; i < s.size(); ++i) {
                out.requests.append(s.value(i, u"n"));
                out.errors.append(s.value(i, u"errors"));
            }
            facts.series.append(out);
            facts.evidenceId = f.evidence->id;
        }
    }
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
        const Table t(f.evidence->data);
        if (!t.hasColumn(u"sdk") || !t.hasColumn(u"errors"))
            continue;
        facts.trafficEvidenceId = f.evidence->id;
        for (int r = 0; r < t.rowCount(); ++r) {
            const SdkTraffic row{t.text(r, u"sdk"), t.text(r, u"provider"), t.text(r, u"model"),
                                 t.number(r, u"n"), t.number(r, u"errors"), t.text(r, u"route")};
            if (const QString config = t.text(r, u"config_id"); !config.isEmpty()) {
                if (row.requests > 0)
                    facts.configs[row.sdk].insert(config);
                if (row.errors > 0)
                    facts.failingConfigs[row.sdk].insert(config);
            }
            auto it = std::find_if(facts.traffic.begin(), facts.traffic.end(), [&](const auto &x) {
                return x.sdk == row.sdk && x.provider == row.provider && x.model == row.model &&
                       x.route == row.route;
            });
            if (it == facts.traffic.end()) {
                facts.traffic.append(row);
            } else {
                it->requests += row.requests;
                it->errors += row.errors;
            }
        }
    }
    if (const ErrorProfile errors = errorProfile(input); errors.present)
        facts.errorGroups = errors.groups;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"fallback_stats")) {
        const Table t(f.evidence->data);
        for (int r = 0; r < t.rowCount(); ++r) {
            if (t.number(r, u"fallback_used") > 0 && t.number(r, u"status") < 400)
                facts.rescued[t.text(r, u"config_id")] += t.number(r, u"n");
        }
    }
    return facts;
}

// ---------------------------------------------------------------- judge

namespace {

// Every version whose failure rate rose to a sustained level (10% or more, 20 failed requests).
QList<SdkErrorVerdict> failingVersions(const SdkErrorFacts &facts)
{
    QList<SdkErrorVerdict> out;
    for (const SdkErrorSeries &s : facts.series) {
        QList<double> rates;
        for (int i = 0; i < s.times.size(); ++i)
            rates.append(rateAt(s, i));
        const LevelShift shift = detectUpwardShift(rates, 2.0, 0.02, rates.size() >= 60 ? 5 : 3);
        if (!shift.found)
            continue;
        SdkErrorVerdict v;
        v.sdk = s.sdk;
        v.since = s.times.at(shift.start);
        v.until = shift.end < s.times.size() ? s.times.at(shift.end) : QDateTime();
        const auto [n, e] = countsIn(s, v.since, v.until);
        const auto [n0, e0] = countsIn(s, s.times.first(), v.since);
        if (n <= 0 || e / n < MinShare || e < MinFailed)
            continue;
        v.share = e / n;
        v.failed = e;
        v.before = n0 > 0 ? e0 / n0 : 0.0;
        out.append(v);
    }
    return out;
}

// The failed share of `sdk`'s requests to the failing version's target: over the window from
// the overview when it breaks the version down by target (another target's failures, an
// incident on another model, are not this one's), else of all its requests at the minutes the
// other version failed.
double goodShareOf(const SdkErrorFacts &facts, const SdkErrorSeries &s, const SdkTraffic &target,
                   const SdkErrorVerdict &v, double *requests)
{
    const auto [n, e] = countsIn(s, v.since, v.until);
    *requests = n;
    const double share = n > 0 ? e / n : 1.0;
    for (const SdkTraffic &t : facts.traffic) {
        if (t.sdk == s.sdk && t.provider == target.provider && t.model == target.model &&
            t.route == target.route && t.requests >= MinGoodRequests)
            return std::min(share, t.errors / t.requests);
    }
    return share;
}

// `v`, the one version failing at its minutes, against a version of the org served by the
// same target at those minutes; not found when there is none.
SdkErrorVerdict contrasted(const SdkErrorFacts &facts, SdkErrorVerdict v)
{
    const SdkTraffic *target = failingTarget(facts.traffic, v.sdk);
    if (!target || target->provider.isEmpty())
        return {};
    v.provider = target->provider;
    v.model = target->model;
    v.route = target->route;
    // refusals of a key or a limit do not depend on the client version that sent the request
    if (keyOrLimitRefusedShare(facts.errorGroups, v.provider, v.model) >= KeyOrLimitRefused)
        return {};
    for (const SdkErrorSeries &s : facts.series) {
        if (s.sdk == v.sdk || !serves(facts.traffic, s.sdk, *target))
            continue;
        double n = 0;
        const double share = goodShareOf(facts, s, *target, v, &n);
        if (n < MinGoodRequests || share > std::min(GoodShareCeiling, v.share / 5.0))
            continue;
        if (v.goodSdk.isEmpty() || n > v.goodRequests) {
            v.goodSdk = s.sdk;
            v.goodShare = share;
            v.goodRequests = n;
        }
    }
    if (v.goodSdk.isEmpty() || rescuedAlike(facts, v))
        return {};
    return v;
}

} // namespace

SdkErrorVerdict judgeSdkErrors(const SdkErrorFacts &facts)
{
    const QList<SdkErrorVerdict> failing = failingVersions(facts);
    SdkErrorVerdict best;
    for (const SdkErrorVerdict &candidate : failing) {
        // several versions failing from the same minutes: not a matter of one client
        const bool together = std::ranges::any_of(failing, [&](const SdkErrorVerdict &other) {
            return other.sdk != candidate.sdk &&
                   std::abs(other.since.secsTo(candidate.since)) <= TogetherSecs;
        });
        if (together)
            continue;
        const SdkErrorVerdict v = contrasted(facts, candidate);
        if (v.found() && v.failed > best.failed)
            best = v;
    }
    return best;
}

SdkErrorVerdict sdkErrorVerdict(const AnalysisInput &input)
{
    return judgeSdkErrors(gatherSdkErrors(input));
}

} // namespace Casefile::Analysis

// ---------------------------------------------------------------- phrase

namespace Casefile {

AnalyzerOutput analyzeSdkErrors(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const SdkErrorFacts facts = gatherSdkErrors(input);
    const SdkErrorVerdict v = judgeSdkErrors(facts);
    if (!v.found())
        return out;
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    const QString target = v.provider + u'/' + v.model;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::SdkVersion);
    h.score = 0.88;
    h.cause.confidence = 0.88;
    h.cause.summary = u"From "_s + clock(v.since, reference) + u", "_s + formatShare(v.share) +
                      u" of the requests sent with "_s + v.sdk + u" fail ("_s +
                      formatCount(v.failed) + u" requests, "_s + formatShare(v.before) +
                      u" before), while "_s + v.goodSdk + u", sent to the same "_s + target +
                      u" at the same minutes, fails "_s + formatShare(v.goodShare) +
                      u": the client version, not the gateway or the provider"_s;
    h.cause.phrases = {{u"sdk.errors_one_version"_s,
                        {Say::name(u"sdk"_s, v.sdk), Say::time(u"since"_s, v.since),
                         Say::share(u"share"_s, v.share), Say::count(u"count"_s, v.failed),
                         Say::name(u"good_sdk"_s, v.goodSdk), Say::name(u"model"_s, v.model),
                         Say::share(u"good_share"_s, v.goodShare)}}};
    h.cause.refs = {u"sdk:"_s + v.sdk};
    h.cause.evidenceIds = {facts.evidenceId, facts.trafficEvidenceId};
    // a later release of the same SDK whose notes speak of that provider: what changed and the
    // way out ("no longer sends the legacy header Anthropic refuses")
    if (const SdkRelease fix = laterSdkRelease(input, v.sdk, v.provider, reference);
        !fix.ref.isEmpty() && fix.quote.contains(v.provider, Qt::CaseInsensitive)) {
        h.cause.refs.append(fix.ref);
        tellFixedRelease(h, fix);
        appendUnique(h.cause.evidenceIds, fix.evidenceId);
    } else {
        // the failing version's own notes, where they speak of that provider (by its id or its
        // name: "azure-openai", "Azure OpenAI"): what that release changed for it
        SdkRelease own = ownSdkRelease(input, v.sdk, v.provider);
        if (own.ref.isEmpty())
            own = ownSdkRelease(input, v.sdk, QString(v.provider).replace(u'-', u' '));
        if (!own.ref.isEmpty())
            citeOwnRelease(h, own);
    }
    h.failures = v.failed;
    h.why = u"one SDK version fails where another is served by the same model"_s;
    out.hypotheses.append(h);
    const QString same = v.goodSdk + u" is served by the same "_s + target +
                         u" through the same gateway without these failures"_s;
    out.rejected.append({QLatin1StringView(Category::DeployRegression), same, {}});
    out.rejected.append({QLatin1StringView(Category::ProviderOutage), same, {}});
    return out;
}

} // namespace Casefile
