#include "core/analysis/configlint.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/unchecked.h"

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Casefile {
namespace Analysis {

namespace {

QString targetName(const QJsonObject &target, int index)
{
    QString model = target.value(u"override_params"_s).toObject().value(u"model"_s).toString();
    if (model.isEmpty())
        model = target.value(u"model"_s).toString();
    QString name = u"target "_s + QString::number(index + 1);
    if (!model.isEmpty())
        name += u" ("_s + model + u')';
    else if (!target.value(u"virtual_key"_s).toString().isEmpty())
        name += u" ("_s + target.value(u"virtual_key"_s).toString() + u')';
    return name;
}

// The target as the customer names it: its model, else its virtual key, else "#2".
QString targetLabel(const QJsonObject &target, int index)
{
    QString model = target.value(u"override_params"_s).toObject().value(u"model"_s).toString();
    if (model.isEmpty())
        model = target.value(u"model"_s).toString();
    if (model.isEmpty())
        model = target.value(u"virtual_key"_s).toString();
    return model.isEmpty() ? u"#"_s + QString::number(index + 1) : model;
}

QStringList codeNames(const QList<int> &codes)
{
    QStringList out;
    for (int c : codes)
        out.append(QString::number(c));
    return out;
}

QList<int> codesOf(const QJsonValue &v)
{
    QList<int> codes;
    for (const QJsonValue &c : v.toArray())
        codes.append(int(toNumber(c)));
    return codes;
}

// A target's virtual key and model, each with the provider it belongs to: the key's from its
// name ("vk-acme-openai-2031"), the model's from its family ("claude-…" is Anthropic's).
struct KeyAndModel
{
    QString key;
    QString keyProvider;
    QString model;
    QString modelProvider;
    // Only providers that serve nothing but their own models: Bedrock, Azure or Vertex keys
    // serve other vendors' models by design.
    bool mismatched() const
    {
        static const QStringList own{u"openai"_s, u"anthropic"_s, u"google"_s, u"mistral"_s,
                                     u"cohere"_s};
        return own.contains(keyProvider) && own.contains(modelProvider) &&
               keyProvider != modelProvider;
    }
};

KeyAndModel keyAndModel(const QJsonObject &target)
{
    KeyAndModel km;
    km.key = target.value(u"virtual_key"_s).toString();
    const QString vk = km.key.toLower();
    // (a Vertex or Azure key names its cloud beside the vendor: "vk-vertex-google")
    for (const QString &cloud : {u"azure"_s, u"bedrock"_s, u"vertex"_s})
        if (vk.contains(cloud))
            return km;
    for (const QString &known :
         {u"anthropic"_s, u"openai"_s, u"google"_s, u"mistral"_s, u"cohere"_s}) {
        if (vk.contains(known)) {
            if (!km.keyProvider.isEmpty())
                return {}; // names two providers: nothing to tell from it
            km.keyProvider = known;
        }
    }
    km.model = target.value(u"override_params"_s).toObject().value(u"model"_s).toString();
    if (km.model.isEmpty())
        km.model = target.value(u"model"_s).toString();
    km.modelProvider = providerOfModel(km.model);
    return km;
}

// A target whose virtual key belongs to one provider and whose model to another: its requests
// go to the key's provider, which does not serve the model.
std::optional<ConfigIssue> keyModelIssue(const QJsonObject &target, int index, const QString &ref,
                                         const QString &prefix)
{
    const KeyAndModel km = keyAndModel(target);
    if (!km.mismatched())
        return std::nullopt;
    ConfigIssue i;
    i.kind = ConfigIssue::Kind::KeyModelMismatch;
    i.configRef = ref;
    i.severe = true;
    i.message = u"Config "_s + prefix + u": "_s + targetName(target, index) +
                u" names virtual key "_s + km.key + u" (a key of "_s + km.keyProvider +
                u") with model "_s + km.model + u" (a model of "_s + km.modelProvider +
                u"), so its requests go to "_s + km.keyProvider +
                u", which does not serve that model"_s;
    i.phrase = {u"config.key_model_mismatch"_s,
                {Say::name(u"config"_s, prefix), Say::name(u"key"_s, km.key),
                 Say::name(u"provider"_s, km.keyProvider), Say::name(u"model"_s, km.model)}};
    i.provider = km.keyProvider;
    i.model = km.model;
    i.key = km.key;
    return i;
}

void lintNode(const QJsonObject &node, const QString &ref, const QString &where,
              double inheritedTimeout, QList<ConfigIssue> &issues)
{
    const QJsonObject strategy = node.value(u"strategy"_s).toObject();
    const QString mode = strategyMode(node);
    const QJsonArray targets = node.value(u"targets"_s).toArray();
    const double nodeTimeout = node.contains(u"request_timeout"_s)
                                   ? toNumber(node.value(u"request_timeout"_s))
                                   : inheritedTimeout;
    const QString prefix = where.isEmpty() ? ref.mid(7) : ref.mid(7) + u' ' + where;
    const auto add = [&](ConfigIssue::Kind kind, const QString &message, bool severe,
                         const QString &key, QList<PhraseArg> args) {
        ConfigIssue i;
        i.kind = kind;
        i.configRef = ref;
        i.message = u"Config "_s + prefix + u": "_s + message;
        i.severe = severe;
        args.prepend(Say::name(u"config"_s, prefix));
        i.phrase = {u"config."_s + key, args};
        issues.append(i);
        return &issues.last();
    };

    if (mode == u"fallback") {
        if (targets.size() < 2)
            add(ConfigIssue::Kind::SingleTargetFallback,
                u"strategy.mode is \"fallback\" but there is only "_s +
                    QString::number(targets.size()) +
                    u" target, so there is nothing to fail over to"_s,
                true, u"single_target_fallback"_s, {Say::count(u"count"_s, targets.size())});
        if (strategy.contains(u"on_status_codes"_s)) {
            const QList<int> codes = codesOf(strategy.value(u"on_status_codes"_s));
            QList<int> missing;
            for (int c : {408, 429, 500, 502, 503, 504}) {
                if (!codes.contains(c))
                    missing.append(c);
            }
            if (!missing.isEmpty()) {
                QStringList m;
                for (int c : missing)
                    m.append(QString::number(c));
                ConfigIssue *i =
                    add(ConfigIssue::Kind::StatusCodesMissing,
                        u"strategy.on_status_codes does not include "_s + m.join(u", "_s) +
                            u", so those failures do not trigger the fallback"_s,
                        missing.contains(408) || missing.contains(504) || missing.contains(500) ||
                            missing.contains(503),
                        u"status_codes_missing"_s, {Say::names(u"codes"_s, codeNames(missing))});
                i->missingCodes = missing;
            }
        }
        QStringList providers;
        bool allKnown = !targets.isEmpty();
        for (int t = 0; t < targets.size(); ++t) {
            const QJsonObject target = targets.at(t).toObject();
            const QString p = targetProvider(target);
            allKnown = allKnown && !p.isEmpty();
            appendUnique(providers, p);
            if (isGroup(target))
                continue; // a nested strategy is linted below
            const bool hasTimeout = target.contains(u"request_timeout"_s) || nodeTimeout > 0;
            if (!hasTimeout) {
                add(ConfigIssue::Kind::NoRequestTimeout,
                    targetName(target, t) + u" has no request_timeout, so a hanging provider is "
                                            u"waited on for its own timeout (often 45\u201360 s) "
                                            u"before the fallback can start"_s,
                    true, u"no_request_timeout"_s,
                    {Say::name(u"target"_s, targetLabel(target, t))});
            }
        }
        if (allKnown && providers.size() == 1 && targets.size() >= 2) {
            ConfigIssue *i =
                add(ConfigIssue::Kind::SameProviderOnly,
                    u"every fallback target is on "_s + providers.first() +
                        u", so an outage of that provider cannot be routed around"_s,
                    false, u"same_provider_only"_s, {Say::name(u"provider"_s, providers.first())});
            i->provider = providers.first();
        }
    } else if (mode == u"loadbalance") {
        double sum = 0;
        bool bad = false;
        for (const QJsonValue &tv : targets) {
            const QJsonObject target = tv.toObject();
            const double w =
                target.contains(u"weight"_s) ? toNumber(target.value(u"weight"_s)) : 1.0;
            bad = bad || w <= 0;
            sum += w;
        }
        const bool sumsUp = std::abs(sum - 1.0) < 0.01 || std::abs(sum - 100.0) < 0.5;
        if (!targets.isEmpty() && (bad || !sumsUp))
            add(ConfigIssue::Kind::WeightsOff,
                u"loadbalance weights add up to "_s + QString::number(sum) +
                    (bad ? u" and some are zero or negative"_s : QString()) +
                    u"; traffic shares are not what they look like"_s,
                bad, bad ? u"weights_off_bad"_s : u"weights_off"_s,
                {Say::name(u"sum"_s, QString::number(sum))});
    }

    for (int t = 0; t < targets.size(); ++t) {
        const QJsonObject target = targets.at(t).toObject();
        const QJsonObject retry = target.value(u"retry"_s).toObject();
        if (retry.contains(u"attempts"_s) && toNumber(retry.value(u"attempts"_s), 1) <= 0)
            add(ConfigIssue::Kind::RetryZero,
                targetName(target, t) + u" has retry.attempts 0, so it never retries"_s, false,
                u"retry_zero"_s, {Say::name(u"target"_s, targetLabel(target, t))});
        if (retry.contains(u"on_status_codes"_s)) {
            const QList<int> codes = codesOf(retry.value(u"on_status_codes"_s));
            QList<int> missing;
            for (int c : {429, 500, 502, 503, 504}) {
                if (!codes.contains(c))
                    missing.append(c);
            }
            if (!missing.isEmpty() && missing.size() >= 3) {
                QStringList m;
                for (int c : missing)
                    m.append(QString::number(c));
                ConfigIssue *i =
                    add(ConfigIssue::Kind::StatusCodesMissing,
                        targetName(target, t) + u" retry.on_status_codes does not include "_s +
                            m.join(u", "_s),
                        false, u"retry_codes_missing"_s,
                        {Say::name(u"target"_s, targetLabel(target, t)),
                         Say::names(u"codes"_s, codeNames(missing))});
                i->missingCodes = missing;
            }
        }
        if (auto issue = keyModelIssue(target, t, ref, prefix))
            issues.append(*issue);
        if (target.contains(u"request_timeout"_s)) {
            const double ms = toNumber(target.value(u"request_timeout"_s));
            if (ms > 0 && ms < 1000)
                add(ConfigIssue::Kind::TimeoutUnits,
                    targetName(target, t) + u" sets request_timeout "_s + QString::number(ms) +
                        u", which is milliseconds: every request would time out almost at once"_s,
                    true, u"timeout_units"_s,
                    {Say::name(u"target"_s, targetLabel(target, t)),
                     Say::name(u"ms"_s, QString::number(ms))});
            else if (ms >= 45000)
                add(ConfigIssue::Kind::TimeoutTooLong,
                    targetName(target, t) + u" sets request_timeout "_s + QString::number(ms) +
                        u" ms, as long as a hanging provider's own timeout, so fallback comes too late"_s,
                    true, u"timeout_too_long"_s,
                    {Say::name(u"target"_s, targetLabel(target, t)),
                     Say::name(u"ms"_s, QString::number(ms))});
        }
        if (isGroup(target))
            lintNode(target, ref, where + u" > "_s + targetName(target, t), nodeTimeout, issues);
    }
}

} // namespace

QString targetProvider(const QJsonObject &target)
{
    QString p = target.value(u"provider"_s).toString().toLower();
    if (!p.isEmpty())
        return p;
    const QString vk = target.value(u"virtual_key"_s).toString().toLower();
    for (const QString &known : {u"anthropic"_s, u"openai"_s, u"azure"_s, u"google"_s, u"bedrock"_s,
                                 u"mistral"_s, u"cohere"_s, u"groq"_s}) {
        if (vk.contains(known))
            return known;
    }
    QString model = target.value(u"override_params"_s).toObject().value(u"model"_s).toString();
    if (model.isEmpty())
        model = target.value(u"model"_s).toString();
    return providerOfModel(model);
}

QList<ConfigIssue> lintConfig(const QJsonObject &config, const QString &ref)
{
    QList<ConfigIssue> issues;
    lintNode(config, ref, {}, 0, issues);
    return issues;
}

QList<ConfigIssue> lintConfigs(const AnalysisInput &input)
{
    QList<ConfigIssue> issues;
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &d = f.evidence->data;
        QList<ConfigIssue> found = lintConfig(d.value(u"config"_s).toObject(), configRefOf(d));
        for (ConfigIssue &i : found)
            i.evidenceId = f.evidence->id;
        issues.append(found);
    }
    return issues;
}

} // namespace Analysis

namespace {

using namespace Analysis;

// Whether what an issue of the config would break is what the logs show failed. A timeout set
// too long (or not at all) shows as slow requests, fallbacks that come late or requests that
// time out; status codes missing from a retry or fallback list show as failures with those
// codes. Requests refused as invalid (404 model_not_found) say nothing of either, and a reply
// that named them would send the customer after the wrong field. Without the breakdown of
// failures every issue is a candidate.
bool concernsFailures(const ConfigIssue &i, const ErrorProfile &errors, const QString &playbook)
{
    if (!errors.present || errors.groups.isEmpty())
        return true;
    const auto any = [&](auto &&pred) {
        return std::any_of(errors.groups.cbegin(), errors.groups.cend(),
                           [&](const ErrorGroup &g) { return g.n >= 5 && pred(g); });
    };
    switch (i.kind) {
    case ConfigIssue::Kind::NoRequestTimeout:
    case ConfigIssue::Kind::TimeoutTooLong:
        return playbook == u"fallback"_s || playbook == u"latency-spike"_s ||
               any([](const ErrorGroup &g) { return g.isTimeout(); });
    case ConfigIssue::Kind::StatusCodesMissing:
        return playbook == u"fallback"_s ||
               any([&](const ErrorGroup &g) { return i.missingCodes.contains(g.status); });
    default:
        return true;
    }
}

// The first fetched page that speaks of virtual keys and of `words` (an error code, a provider).
QString pageOnKeys(const QList<DocPage> &pages, const QStringList &words)
{
    for (const DocPage &page : pages) {
        const bool keys = page.text.contains(u"virtual key"_s, Qt::CaseInsensitive) ||
                          page.text.contains(u"virtual_key"_s);
        if (keys && std::ranges::any_of(words, [&](const QString &w) {
                return !w.isEmpty() && page.text.contains(w, Qt::CaseInsensitive);
            }))
            return page.ref;
    }
    return {};
}

// A config whose failing requests name another provider's model beside the key they are sent
// with: the config, not the provider, fails them.
Hypothesis keyModelHypothesis(const ConfigIssue &i, const ErrorProfile &errors,
                              const QList<DocPage> &docs)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerConfig);
    h.score = 0.85;
    h.cause.confidence = 0.85;
    // what the key's provider answers the model it does not serve
    QStringList answers;
    for (const ErrorGroup &g : errors.groups) {
        if (g.provider == i.provider && g.model == i.model && g.n >= 5)
            answers.append(QString::number(g.status) +
                           (g.errorCode.isEmpty() ? QString() : QString(u' ' + g.errorCode)));
    }
    answers.removeDuplicates();
    h.cause.summary = i.message + u"; point the target at a virtual key of "_s +
                      providerOfModel(i.model) + u", or name a model of "_s + i.provider;
    h.cause.phrases = {i.phrase};
    if (!answers.isEmpty()) {
        h.cause.summary +=
            u" (its requests are answered "_s + answers.mid(0, 2).join(u", "_s) + u')';
        h.cause.phrases.append(
            {u"config.key_model_answered"_s, {Say::names(u"answers"_s, answers.mid(0, 2))}});
    }
    h.cause.refs = {i.configRef};
    QStringList words;
    for (const QString &a : std::as_const(answers))
        words.append(a.section(u' ', 1));
    words.append(i.provider);
    if (const QString page = pageOnKeys(docs, words); !page.isEmpty())
        h.cause.refs.append(page);
    h.cause.evidenceIds = {i.evidenceId};
    if (!errors.evidenceId.isEmpty())
        h.cause.evidenceIds.append(errors.evidenceId);
    h.why = u"the config sends a model to a provider that does not serve it"_s;
    return h;
}

} // namespace

AnalyzerOutput analyzeConfigLint(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    if (dataMissing(input, u"gateway", u"config")) {
        out.notChecked.append(unchecked(u"routing_config"_s));
        return out;
    }
    const QList<ConfigIssue> issues = lintConfigs(input);
    const ErrorProfile errors = errorProfile(input);
    const QString failing = affectedProvider(input);
    // a config matters when the failing requests used it (config_id in the logs); without the
    // org's traffic per config every fetched config is a candidate
    const QList<ConfigTraffic> traffic = configTraffic(input);
    const auto usedByFailures = [&](const QString &ref) {
        if (traffic.isEmpty())
            return true;
        return std::any_of(traffic.cbegin(), traffic.cend(), [&](const ConfigTraffic &c) {
            return u"config:"_s + c.configId == ref && c.errors >= 5 && c.errorRate() >= 0.05;
        });
    };
    QStringList severe;
    QList<Phrase> severePhrases;
    QStringList refs;
    QStringList evidence;
    const QList<DocPage> docs = fetchedDocPages(input);
    for (const ConfigIssue &i : issues) {
        if (!usedByFailures(i.configRef) || !concernsFailures(i, errors, input.playbook))
            continue;
        if (i.kind == ConfigIssue::Kind::KeyModelMismatch) {
            out.hypotheses.append(keyModelHypothesis(i, errors, docs));
            continue;
        }
        Finding f;
        f.summary = i.message;
        f.phrases = {i.phrase};
        f.refs = {i.configRef};
        f.evidenceIds = {i.evidenceId};
        f.confidence = i.severe ? 0.7 : 0.5;
        out.findings.append(f);
        bool relevant = i.severe;
        if (i.kind == ConfigIssue::Kind::SameProviderOnly)
            relevant = !failing.isEmpty() && i.provider == failing && errors.serverErrors >= 10;
        if (relevant) {
            severe.append(i.message);
            if (severePhrases.size() < 2)
                severePhrases.append(i.phrase);
            appendUnique(refs, i.configRef);
            appendUnique(evidence, i.evidenceId);
        }
    }
    if (!severe.isEmpty()) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::CustomerConfig);
        // a config problem alone is a candidate; fallback_analysis makes it the cause when the
        // logs show requests that failed the way the config allows
        h.score = 0.5;
        h.cause.summary = severe.mid(0, 2).join(u"; "_s);
        h.cause.phrases = severePhrases;
        h.cause.confidence = 0.5;
        h.cause.refs = refs;
        if (!failing.isEmpty() && errors.serverErrors >= 10)
            h.cause.refs.append(u"provider:"_s + failing);
        h.cause.evidenceIds = evidence;
        h.why = u"routing config problem"_s;
        out.hypotheses.append(h);
    } else if (!findEvidence(input, u"gateway", u"config").isEmpty()) {
        out.rejected.append(
            {QLatin1StringView(Category::CustomerConfig),
             u"the routing config sets timeouts, fallback status codes and targets correctly"_s,
             {}});
    }
    return out;
}

} // namespace Casefile
