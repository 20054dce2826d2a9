#include "core/analysis/routingshare.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/configlint.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

namespace {

constexpr double MinRequests = 50; // a config's requests before its split says anything
constexpr double MinOffRequests = 100;
constexpr double MaxUnmatched = 0.10; // requests no target accounts for
constexpr double MaxConfigErrors = 0.02;
constexpr double MaxOrgErrors = 0.05;
// A config failing at up to this multiple of the org's other traffic shares its background.
constexpr double BackgroundMultiple = 1.5;
constexpr double MinSideMinutes = 30; // of the per-provider series either side of a config save
constexpr double MinShift = 1.5;      // a provider's requests a minute rose or fell this much

// Within what a weighted random choice gives over this many requests.
bool closeToWeight(double share, double expected)
{
    return std::abs(share - expected) <= std::max(0.05, 0.25 * expected);
}

bool farFromWeight(double share, double expected)
{
    return std::abs(share - expected) > std::max(0.10, 0.5 * expected);
}

bool sameModel(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    return a.compare(b, Qt::CaseInsensitive) == 0 || a.startsWith(b, Qt::CaseInsensitive) ||
           b.startsWith(a, Qt::CaseInsensitive);
}

// The targets of a loadbalance group, with the shares their weights give; none when a target is
// itself a group (its share is not one provider's) or names neither provider nor model.
QList<WeightedTarget> groupTargets(const QJsonObject &group)
{
    QList<WeightedTarget> out;
    QList<double> weights;
    for (const QJsonValue &v : group.value(u"targets"_s).toArray()) {
        const QJsonObject t = v.toObject();
        if (isGroup(t))
            return {};
        WeightedTarget w;
        w.provider = targetProvider(t);
        w.model = t.value(u"override_params"_s).toObject().value(u"model"_s).toString();
        w.weight = t.contains(u"weight"_s) ? toNumber(t.value(u"weight"_s)) : 1.0;
        if (w.provider.isEmpty() && w.model.isEmpty())
            return {};
        weights.append(w.weight);
        out.append(w);
    }
    const QList<double> shares = expectedShares(weights);
    for (int i = 0; i < out.size(); ++i)
        out[i].expected = shares.at(i);
    return out.size() >= 2 ? out : QList<WeightedTarget>{};
}

// The target a logged provider/model belongs to: by model when the target names one, else by
// provider; -1 when none or several could.
int targetOf(const QList<WeightedTarget> &targets, const ConfigTraffic &row)
{
    int found = -1;
    for (int i = 0; i < targets.size(); ++i) {
        const WeightedTarget &t = targets.at(i);
        const bool match = t.model.isEmpty() ? t.provider == row.provider.toLower()
                                             : sameModel(t.model, row.model);
        if (!match)
            continue;
        if (found >= 0)
            return -1;
        found = i;
    }
    return found;
}

bool namesATarget(const RoutingShareFacts &facts, const QList<WeightedTarget> &targets)
{
    if (facts.ticketProvider.isEmpty() && facts.ticketModel.isEmpty())
        return true;
    return std::any_of(targets.cbegin(), targets.cend(), [&](const WeightedTarget &t) {
        return (!facts.ticketProvider.isEmpty() && t.provider == facts.ticketProvider) ||
               sameModel(t.model, facts.ticketModel);
    });
}

// Saved in the window, and at that minute the org's requests moved towards the target the new
// weights favour (up by half or more) and away from another (down as much): the edit did it. Only
// when every target is on its own provider, as the per-provider series cannot split one.
const WeightedTarget *favouredByEdit(const LoadbalanceConfig &c)
{
    QStringList providers;
    for (const WeightedTarget &t : c.targets) {
        if (t.perMinuteBefore < 0 || t.perMinuteAfter < 0 || providers.contains(t.provider))
            return nullptr;
        providers.append(t.provider);
    }
    const auto favoured = std::max_element(
        c.targets.cbegin(), c.targets.cend(),
        [](const WeightedTarget &a, const WeightedTarget &b) { return a.expected < b.expected; });
    if (favoured->perMinuteAfter < MinShift * favoured->perMinuteBefore ||
        favoured->perMinuteAfter <= 0)
        return nullptr;
    const bool anotherFell = std::any_of(c.targets.cbegin(), c.targets.cend(), [&](const auto &t) {
        return &t != &*favoured && t.perMinuteAfter * MinShift <= t.perMinuteBefore;
    });
    return anotherFell ? &*favoured : nullptr;
}

// The verdict on one config from its split.
RoutingShareVerdict judgeConfig(const RoutingShareFacts &facts, const LoadbalanceConfig &c)
{
    RoutingShareVerdict v;
    double n = 0;
    double errors = 0;
    for (const WeightedTarget &t : c.targets) {
        n += t.requests;
        errors += t.errors;
    }
    if (n < MinRequests)
        return v;
    v.config = c.id;
    v.evidenceId = c.evidenceId;
    v.requests = n;
    v.targets = c.targets;
    v.concernsTicket = namesATarget(facts, c.targets);
    const auto share = [&](const WeightedTarget &t) {
        return t.requests / n;
    };
    const bool allClose = std::all_of(c.targets.cbegin(), c.targets.cend(), [&](const auto &t) {
        return closeToWeight(share(t), t.expected);
    });
    // Nothing failing beyond the org's steady background: a big org's few percent that fail
    // everywhere are no failure of this config.
    const double otherRequests = facts.orgRequests - n;
    const double otherRate =
        otherRequests >= MinRequests ? std::max(0.0, facts.orgErrors - errors) / otherRequests : 0;
    const bool quiet =
        errors / n < std::max(MaxConfigErrors, BackgroundMultiple * otherRate) &&
        (facts.orgRequests <= 0 || facts.orgErrors / facts.orgRequests < MaxOrgErrors);
    const bool unchanged =
        !c.updatedAt.isValid() || !facts.windowFrom.isValid() || c.updatedAt < facts.windowFrom;
    if (!unchanged && quiet && n >= MinOffRequests) {
        if (const WeightedTarget *favoured = favouredByEdit(c)) {
            v.kind = RoutingShareVerdict::Kind::Reweighted;
            v.since = c.updatedAt;
            v.minority = *favoured;
            return v;
        }
    }
    if (allClose && quiet) {
        v.kind = RoutingShareVerdict::Kind::AsWeighted;
        v.savedInWindow = !unchanged;
        v.since = unchanged ? c.updatedAt : QDateTime();
        v.minority = *std::min_element(c.targets.cbegin(), c.targets.cend(),
                                       [](const WeightedTarget &a, const WeightedTarget &b) {
                                           return a.requests < b.requests;
                                       });
        return v;
    }
    // the target furthest off its weight, of those far enough off to say so
    const WeightedTarget *off = nullptr;
    double worst = 0;
    for (const WeightedTarget &t : c.targets) {
        const double relative = std::abs(share(t) - t.expected) / std::max(t.expected, 0.05);
        if (farFromWeight(share(t), t.expected) && relative > worst) {
            off = &t;
            worst = relative;
        }
    }
    if (off && n >= MinOffRequests && unchanged) {
        v.kind = RoutingShareVerdict::Kind::OffWeight;
        v.minority = *off;
        return v;
    }
    return {};
}

} // namespace

QList<double> expectedShares(const QList<double> &weights)
{
    double sum = 0;
    for (const double w : weights)
        sum += std::max(0.0, w);
    QList<double> out;
    for (const double w : weights)
        out.append(sum > 0 ? std::max(0.0, w) / sum : 0.0);
    return out;
}

QList<WeightedTarget> weightedTargets(const QJsonObject &config)
{
    const QString mode = strategyMode(config);
    if (mode == u"loadbalance"_s)
        return groupTargets(config);
    if (mode != u"fallback"_s)
        return {};
    // a fallback whose first choice is a loadbalance group: the requests it does not fail over
    // are shared by the group's weights
    const QJsonObject first = config.value(u"targets"_s).toArray().at(0).toObject();
    if (isGroup(first) && strategyMode(first) == u"loadbalance"_s)
        return groupTargets(first);
    return {};
}

// ---------------------------------------------------------------- gather

namespace {

// The org's requests a minute to each target's provider before and after the config was saved,
// from the per-provider series (the buckets wholly on one side).
void addProviderRates(const AnalysisInput &input, LoadbalanceConfig &c)
{
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"error_series")) {
        for (const Series &s : seriesOf(*f.evidence)) {
            const QString provider = s.labels.value(u"provider"_s).toString().toLower();
            if (provider.isEmpty() || s.labels.contains(u"org"_s) || s.bucketSeconds <= 0)
                continue;
            double before = 0, after = 0, minutesBefore = 0, minutesAfter = 0;
            for (int i = 0; i < s.size(); ++i) {
                const double minutes = s.bucketSeconds / 60.0;
                if (s.times.at(i).addSecs(s.bucketSeconds) <= c.updatedAt) {
                    before += s.value(i, u"n");
                    minutesBefore += minutes;
                } else if (s.times.at(i) >= c.updatedAt) {
                    after += s.value(i, u"n");
                    minutesAfter += minutes;
                }
            }
            if (minutesBefore < MinSideMinutes || minutesAfter < MinSideMinutes)
                continue;
            for (WeightedTarget &t : c.targets) {
                if (t.provider != provider)
                    continue;
                t.perMinuteBefore = before / minutesBefore;
                t.perMinuteAfter = after / minutesAfter;
            }
        }
    }
}

} // namespace

RoutingShareFacts gatherRoutingShare(const AnalysisInput &input)
{
    RoutingShareFacts facts;
    facts.ticketProvider = input.params.provider.toLower();
    facts.ticketModel = input.params.model;
    facts.windowFrom = input.params.window.from;
    const QList<ConfigTraffic> traffic = configTraffic(input);
    for (const ConfigTraffic &row : traffic) {
        facts.orgRequests += row.requests;
        facts.orgErrors += row.errors;
        facts.trafficEvidenceId = row.evidenceId;
    }
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &data = f.evidence->data;
        LoadbalanceConfig c;
        c.id = configIdOf(data);
        c.evidenceId = f.evidence->id;
        c.updatedAt = timeOf(data.value(u"updated_at"_s));
        c.targets = weightedTargets(data.value(u"config"_s).toObject());
        if (c.id.isEmpty() || c.targets.isEmpty())
            continue;
        double unmatched = 0;
        double all = 0;
        for (const ConfigTraffic &row : traffic) {
            if (row.configId != c.id)
                continue;
            all += row.requests;
            const int i = targetOf(c.targets, row);
            if (i < 0) {
                unmatched += row.requests;
                continue;
            }
            c.targets[i].requests += row.requests;
            c.targets[i].errors += row.errors;
        }
        if (all > 0 && unmatched / all <= MaxUnmatched) {
            if (c.updatedAt.isValid())
                addProviderRates(input, c);
            facts.configs.append(c);
        }
    }
    return facts;
}

// ---------------------------------------------------------------- judge

RoutingShareVerdict judgeRoutingShare(const RoutingShareFacts &facts)
{
    RoutingShareVerdict best;
    for (const LoadbalanceConfig &c : facts.configs) {
        const RoutingShareVerdict v = judgeConfig(facts, c);
        if (v.kind == RoutingShareVerdict::Kind::None)
            continue;
        const bool better = best.kind == RoutingShareVerdict::Kind::None ||
                            (v.concernsTicket && !best.concernsTicket) ||
                            (v.concernsTicket == best.concernsTicket && v.requests > best.requests);
        if (better)
            best = v;
    }
    return best;
}

} // namespace Casefile::Analysis

// ---------------------------------------------------------------- phrase

namespace Casefile {

namespace {

QString targetName(const Analysis::WeightedTarget &t)
{
    return t.model.isEmpty() ? t.provider : t.model;
}

QStringList weightNames(const QList<Analysis::WeightedTarget> &targets)
{
    QStringList out;
    for (const Analysis::WeightedTarget &t : targets)
        out.append(targetName(t) + u' ' + QString::number(t.weight));
    return out;
}

// What a config's split says, as a finding, and when the ticket is about its targets as the
// cause, with a deploy ruled out for the reason given.
struct SplitConclusion
{
    QString summary;
    Phrase phrase;
    QString config;
    QStringList evidenceIds;
    double confidence = 0;
    QLatin1StringView category;
    QString why;
    QString notADeploy;
};

void conclude(AnalyzerOutput &out, const SplitConclusion &c, bool concernsTicket)
{
    const QString configRef = u"config:"_s + c.config;
    Finding f;
    f.summary = c.summary;
    f.phrases = {c.phrase};
    f.refs = {configRef};
    f.evidenceIds = c.evidenceIds;
    f.confidence = c.confidence;
    out.findings.append(f);
    if (!concernsTicket)
        return;
    Hypothesis h;
    h.cause.category = c.category;
    h.cause.summary = c.summary;
    h.cause.phrases = f.phrases;
    h.cause.refs = {configRef};
    h.cause.evidenceIds = c.evidenceIds;
    h.cause.confidence = c.confidence;
    h.score = c.confidence;
    h.why = c.why;
    out.hypotheses.append(h);
    out.rejected.append({QLatin1StringView(Category::DeployRegression),
                         u"the requests of "_s + c.config + c.notADeploy,
                         {}});
}

// The customer saved new weights and the traffic followed them: its own edit.
AnalyzerOutput reweighted(const Analysis::RoutingShareVerdict &v, const QStringList &weights,
                          const QString &trafficEvidenceId)
{
    AnalyzerOutput out;
    const Analysis::WeightedTarget &t = v.minority;
    const QString target = targetName(t);
    const QString summary =
        u"config "_s + v.config + u" was saved at "_s + Analysis::clock(v.since) +
        u" with loadbalance weights "_s + weights.join(u", "_s) + u": from then "_s + target +
        u" received "_s + QString::number(t.perMinuteAfter, 'f', 1) +
        u" of the org's requests a minute instead of "_s +
        QString::number(t.perMinuteBefore, 'f', 1) +
        u", without failures: the traffic follows the weights as they were saved"_s;
    const QList<PhraseArg> args{Say::name(u"config"_s, v.config),
                                Say::time(u"at"_s, v.since),
                                Say::names(u"weights"_s, weights),
                                Say::name(u"target"_s, target),
                                Say::number(u"before"_s, t.perMinuteBefore, 1),
                                Say::number(u"after"_s, t.perMinuteAfter, 1)};
    conclude(out,
             {summary,
              {u"routing.reweighted"_s, args},
              v.config,
              QStringList{v.evidenceId, trafficEvidenceId},
              0.7,
              QLatin1StringView(Category::CustomerConfig),
              u"the org's traffic moved between providers at the minute its config's weights "
              u"were saved"_s,
              u" moved between its targets when the config was saved, as its new weights say"_s},
             v.concernsTicket);
    return out;
}

} // namespace

AnalyzerOutput analyzeRoutingShare(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const RoutingShareFacts facts = gatherRoutingShare(input);
    const RoutingShareVerdict v = judgeRoutingShare(facts);
    if (v.kind == RoutingShareVerdict::Kind::None)
        return out;
    const double share = v.minority.requests / v.requests;
    const QString target = targetName(v.minority);
    const QString configRef = u"config:"_s + v.config;
    const QStringList evidence{v.evidenceId, facts.trafficEvidenceId};
    if (v.kind == RoutingShareVerdict::Kind::OffWeight) {
        Finding f;
        f.summary = u"config "_s + v.config + u": "_s + formatShare(share) + u" of its "_s +
                    formatCount(v.requests) + u" requests went to "_s + target +
                    u", whose loadbalance weight gives it "_s + formatShare(v.minority.expected) +
                    u": the traffic does not follow the weights"_s;
        f.phrases = {{u"routing.off_weight"_s,
                      {Say::name(u"config"_s, v.config), Say::share(u"share"_s, share),
                       Say::count(u"count"_s, v.requests), Say::name(u"target"_s, target),
                       Say::share(u"expected"_s, v.minority.expected)}}};
        f.refs = {configRef};
        f.evidenceIds = evidence;
        f.confidence = 0.6;
        out.findings.append(f);
        return out;
    }
    const QStringList weights = weightNames(v.targets);
    if (v.kind == RoutingShareVerdict::Kind::Reweighted)
        return reweighted(v, weights, facts.trafficEvidenceId);
    QString summary = u"config "_s + v.config +
                      u" is a loadbalance config that shares requests between its targets by "
                      u"weight ("_s +
                      weights.join(u", "_s) + u')';
    QList<PhraseArg> args{Say::name(u"config"_s, v.config), Say::names(u"weights"_s, weights),
                          Say::share(u"share"_s, share), Say::count(u"count"_s, v.requests),
                          Say::name(u"target"_s, target)};
    QString key = u"routing.as_weighted"_s;
    if (v.since.isValid()) {
        summary += u", unchanged since "_s + v.since.date().toString(Qt::ISODate);
        args.append(Say::date(u"since"_s, v.since));
        key = u"routing.as_weighted_since"_s;
    }
    summary += u": "_s + formatShare(share) + u" of its "_s + formatCount(v.requests) +
               u" requests were answered by "_s + target +
               u", as weighted, and almost none failed: the traffic is shared as configured"_s;
    conclude(out,
             {summary,
              {key, args},
              v.config,
              evidence,
              0.75,
              QLatin1StringView(Category::ExpectedBehavior),
              u"a loadbalance config shares traffic by its weights"_s,
              u" went to its targets in the shares its weights give, with no change in the "
              u"window"_s},
             v.concernsTicket && !v.savedInWindow);
    return out;
}

} // namespace Casefile
