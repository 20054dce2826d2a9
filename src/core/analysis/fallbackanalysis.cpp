#include "core/analysis/fallbackanalysis.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/errorbreakdown.h"
#include "core/analysis/unchecked.h"
#include "core/time.h"

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

namespace {

// The statuses a fallback config's first target fails over on: strategy.on_status_codes, else
// the first target's retry.on_status_codes; empty when the config lists none.
QList<int> failoverCodes(const QJsonObject &config)
{
    QJsonArray codes = config.value(u"strategy"_s).toObject().value(u"on_status_codes"_s).toArray();
    const QJsonArray targets = config.value(u"targets"_s).toArray();
    if (codes.isEmpty() && !targets.isEmpty())
        codes = targets.first()
                    .toObject()
                    .value(u"retry"_s)
                    .toObject()
                    .value(u"on_status_codes"_s)
                    .toArray();
    QList<int> out;
    for (const QJsonValue &c : std::as_const(codes))
        out.append(int(toNumber(c)));
    return out;
}

// Incidents on the status page of the provider that `config`'s first target sends to: the
// first one of each status evidence. Also the evidence ids of the config's fetched copies.
void firstTargetFacts(const AnalysisInput &input, const QString &config, FallbackFacts &facts)
{
    QString primaryProvider;
    for (const FoundEvidence &c : findEvidence(input, u"gateway", u"config")) {
        if (configIdOf(c.evidence->data) != config)
            continue;
        const QJsonArray targets =
            c.evidence->data.value(u"config"_s).toObject().value(u"targets"_s).toArray();
        if (!targets.isEmpty()) {
            const QJsonObject first = targets.first().toObject();
            primaryProvider = targetProvider(first);
            facts.firstTargetHost = first.value(u"custom_host"_s).toString().trimmed();
            facts.firstTargetTimeoutMs = toNumber(first.value(u"request_timeout"_s));
            facts.firstTargetModel =
                first.value(u"override_params"_s).toObject().value(u"model"_s).toString();
        }
        facts.servedConfigEvidence.append(c.evidence->id);
        facts.servedConfigCodes = failoverCodes(c.evidence->data.value(u"config"_s).toObject());
    }
    // the customer's own server is no provider's: the provider's incidents say nothing of it
    if (primaryProvider.isEmpty() || !facts.firstTargetHost.isEmpty())
        return;
    for (const FoundEvidence &f : findEvidence(input, u"statuspage", u"incidents")) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            const QString page = e.value(u"page"_s).toString().toLower();
            if (!sameVendor(page, primaryProvider))
                continue;
            facts.firstTargetIncidents.append({page, e.value(u"title"_s).toString(),
                                               timeOf(e.value(u"time"_s)),
                                               timeOf(e.value(u"end"_s))});
            break;
        }
    }
}

// A status by which a target's key turns a request away: payment or budget, permission, a
// revoked key, a limit.
bool keyRefusal(int status)
{
    return status == 401 || status == 402 || status == 403 || status == 429;
}

// Every target's virtual key, at any level of the config.
void collectKeys(const QJsonObject &node, int depth, QStringList &keys)
{
    const QString key = node.value(u"virtual_key"_s).toString().trimmed();
    if (!key.isEmpty() && !keys.contains(key))
        keys.append(key);
    if (depth >= 4)
        return;
    for (const QJsonValue &t : node.value(u"targets"_s).toArray())
        collectKeys(t.toObject(), depth + 1, keys);
}

bool hasFallbackStrategy(const QJsonObject &node, int depth)
{
    const QString mode = strategyMode(node);
    if (mode == u"fallback")
        return true;
    if (depth >= 4)
        return false;
    for (const QJsonValue &t : node.value(u"targets"_s).toArray()) {
        if (hasFallbackStrategy(t.toObject(), depth + 1))
            return true;
    }
    return false;
}

QList<UnlistedStatus> unlistedStatuses(const FallbackFacts &facts)
{
    QList<UnlistedStatus> out;
    const QStringList stalledConfigs = facts.stats.stuckConfigs.keys();
    for (const FallbackConfig &c : facts.configs) {
        if (!stalledConfigs.contains(c.id) || c.failoverCodes.isEmpty())
            continue;
        UnlistedStatus u{u"config:"_s + c.id, c.evidenceId, {}};
        for (int status : facts.stats.stuckStatuses) {
            if (status >= 400 && status != 408 && status != 504 &&
                !c.failoverCodes.contains(status))
                u.statuses.append(status);
        }
        if (!u.statuses.isEmpty())
            out.append(u);
    }
    return out;
}

// The median time of `model`'s answers in the org's traffic: that of its busiest row.
double modelMedianMs(const AnalysisInput &input, const QString &model)
{
    double busiest = 0;
    double p50 = 0;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
        const Table t(f.evidence->data);
        for (int r = 0; r < t.rowCount(); ++r) {
            if (model.isEmpty() || t.text(r, u"model") != model || t.number(r, u"n") <= busiest)
                continue;
            busiest = t.number(r, u"n");
            p50 = t.number(r, u"p50");
        }
    }
    return p50;
}

// Why the first target failed, when the customer's own setup says so: the first target is the
// customer's own server (custom_host), or its request_timeout is shorter than the model's
// ordinary answers (a quarter above their median: half of them and more time out).
void judgeFirstTarget(const FallbackFacts &facts, FallbackVerdict &v)
{
    if (v.servedConfig.isEmpty())
        return;
    if (!facts.firstTargetHost.isEmpty()) {
        v.ownServerFailed = true;
        return;
    }
    v.timeoutBelowModel = facts.firstTargetTimeoutMs > 0 && facts.firstTargetP50 > 0 &&
                          facts.firstTargetTimeoutMs < 1.25 * facts.firstTargetP50;
}

void judgeStall(const FallbackFacts &facts, FallbackVerdict &v)
{
    const FallbackStats &st = facts.stats;
    v.averageLatencyMs = st.stuckLatencySum / std::max(1.0, st.stuck);
    v.stalledTarget = largestKey(st.stuckByTarget);
    v.stalledConfig = largestKey(st.stuckConfigs);
    v.stalledCount = st.stuck;
    v.mostlyTimeouts = st.stuckTimeouts >= st.stuck / 2;
    if (!facts.configsRead) {
        v.stalledProvider = v.stalledTarget.section(u'/', 0, 0);
        v.configUnknown = true;
        return;
    }
    // A fallback config stalled while its fallback target's key turned requests away: the stall
    // is that config's, and the refusals on the key say why it had nowhere to go (they are no
    // stall of their own).
    v.refusedTarget = refusedFallbackTarget(facts);
    if (v.refusedTarget) {
        v.stalledConfig = v.refusedTarget->config;
        v.stalledTarget = largestKey(st.stuckTargetsByConfig.value(v.stalledConfig));
        v.stalledCount = st.stuckConfigs.value(v.stalledConfig);
    }
    v.stalledProvider = v.stalledTarget.section(u'/', 0, 0);
    v.evidenceIds = {st.evidenceId};
    for (const FallbackConfig &c : facts.configs) {
        if (c.id == v.stalledConfig && !c.id.isEmpty() && !c.canFailOver) {
            v.cannotFailOver = c;
            appendUnique(v.refs, u"config:"_s + c.id);
            appendUnique(v.evidenceIds, c.evidenceId);
        }
    }
    // only the configs the stalled requests used can explain them
    v.unlisted = unlistedStatuses(facts);
    if (v.refusedTarget) {
        // the key's refusals are why the target could not answer, not a status to fail over on
        for (UnlistedStatus &u : v.unlisted)
            u.statuses.removeAll(v.refusedTarget->refusal.status);
        v.unlisted.removeIf([&](const UnlistedStatus &u) {
            return u.configRef != u"config:"_s + v.stalledConfig || u.statuses.isEmpty();
        });
    }
    for (const UnlistedStatus &u : std::as_const(v.unlisted)) {
        appendUnique(v.refs, u.configRef);
        appendUnique(v.evidenceIds, u.evidenceId);
    }
    const QStringList stalledConfigs =
        v.refusedTarget ? QStringList{v.stalledConfig} : st.stuckConfigs.keys();
    for (const ConfigIssue &i : facts.issues) {
        if (!stalledConfigs.isEmpty() && !stalledConfigs.contains(i.configRef.mid(7)))
            continue;
        if (!issueExplainsStall(i, st, v.stalledProvider))
            continue;
        v.explaining.append(i);
        appendUnique(v.refs, i.configRef);
        appendUnique(v.evidenceIds, i.evidenceId);
    }
    v.configExplains = v.cannotFailOver || !v.unlisted.isEmpty() || !v.explaining.isEmpty();
}

// stallReasons() as phrase-book clauses, in the same order.
QList<Phrase> stallPhrases(const FallbackVerdict &v)
{
    QList<Phrase> out;
    if (v.cannotFailOver)
        out.append({u"fallback.cannot_fail_over"_s,
                    {Say::name(u"config"_s, v.cannotFailOver->id),
                     Say::name(u"mode"_s, v.cannotFailOver->mode)}});
    for (const UnlistedStatus &u : v.unlisted) {
        QStringList codes;
        for (int c : u.statuses)
            codes.append(QString::number(c));
        const Phrase p{u"fallback.codes_unlisted"_s,
                       {Say::name(u"config"_s, u.configRef.mid(7)), Say::names(u"codes"_s, codes)}};
        if (!out.contains(p))
            out.append(p);
    }
    for (const ConfigIssue &i : v.explaining) {
        if (!out.contains(i.phrase))
            out.append(i.phrase);
    }
    return out;
}

// The config settings at fault in a stall, as the config and the docs spell them.
QStringList faultySettings(const FallbackVerdict &v)
{
    QStringList settings;
    // a mode that never fails over ("loadbalance"): the page on that mode says what it does
    if (v.cannotFailOver && !v.cannotFailOver->mode.isEmpty())
        settings.append(v.cannotFailOver->mode);
    if (!v.unlisted.isEmpty())
        settings.append(u"on_status_codes"_s);
    for (const ConfigIssue &i : v.explaining) {
        switch (i.kind) {
        case ConfigIssue::Kind::StatusCodesMissing:
            appendUnique(settings, u"on_status_codes"_s);
            break;
        case ConfigIssue::Kind::NoRequestTimeout:
        case ConfigIssue::Kind::TimeoutTooLong:
        case ConfigIssue::Kind::TimeoutUnits:
            appendUnique(settings, u"request_timeout"_s);
            break;
        default:
            break;
        }
    }
    return settings;
}

// The first fetched doc page that names every one of `settings` ('' when none, or no settings).
QString pageOnSettings(const QList<DocPage> &pages, const QStringList &settings)
{
    if (settings.isEmpty())
        return {};
    for (const DocPage &page : pages) {
        if (std::ranges::all_of(settings, [&](const QString &s) { return page.text.contains(s); }))
            return page.ref;
    }
    return {};
}

// Why the config kept the gateway from failing over, one line per problem, no repeats.
QStringList stallReasons(const FallbackVerdict &v)
{
    QStringList why;
    if (v.cannotFailOver)
        why.append(u"Config "_s + v.cannotFailOver->id + u": strategy.mode is \u201c"_s +
                   v.cannotFailOver->mode +
                   u"\u201d, not \u201cfallback\u201d, so a failed request is returned to the "
                   u"caller and never retried on another target; set strategy.mode to "
                   u"\u201cfallback\u201d with the targets in order"_s);
    for (const UnlistedStatus &u : v.unlisted) {
        QStringList codes;
        for (int c : u.statuses)
            codes.append(QString::number(c));
        appendUnique(why, u"Config "_s + u.configRef.mid(7) +
                              u": on_status_codes does not list "_s + codes.join(u", "_s) +
                              u", the status the first target answered, so "_s +
                              u"those failures were returned instead of failing over"_s);
    }
    for (const ConfigIssue &i : v.explaining)
        appendUnique(why, i.message);
    return why;
}

// The fallback did its work, but the first target failed for a reason of the customer's own:
// its own server, or a request_timeout below the model's usual time.
void phraseFirstTargetFault(const FallbackFacts &facts, const FallbackVerdict &v,
                            AnalyzerOutput &out)
{
    const FallbackStats &st = facts.stats;
    Hypothesis h;
    h.score = 0.8;
    h.cause.refs = {u"config:"_s + v.servedConfig};
    const QList<PhraseArg> served{Say::name(u"config"_s, v.servedConfig),
                                  Say::count(u"served"_s, st.served),
                                  Say::name(u"target"_s, v.servedTarget)};
    QString s;
    if (v.ownServerFailed) {
        h.cause.category = QLatin1StringView(Category::CustomerEndpoint);
        h.cause.refs.append(u"endpoint:"_s + facts.firstTargetHost);
        s = u"The first target of "_s + v.servedConfig + u" is the customer's own server "_s +
            facts.firstTargetHost +
            u" (custom_host), not a provider's API: its requests failed "
            u"and "_s +
            formatCount(st.served) + u" of them were answered by "_s + v.servedTarget +
            u" instead"_s;
        h.cause.phrases = {
            {u"fallback.first_own_server"_s,
             served + QList<PhraseArg>{Say::name(u"host"_s, facts.firstTargetHost)}}};
        h.why = u"the first target is the customer's own server, and it failed"_s;
    } else {
        h.cause.category = QLatin1StringView(Category::CustomerConfig);
        const QString ms = QString::number(facts.firstTargetTimeoutMs, 'f', 0);
        s = v.servedConfig + u" gives "_s + facts.firstTargetModel + u' ' + ms +
            u" ms (request_timeout), while its answers usually take "_s +
            formatMs(facts.firstTargetP50) + u" at the median: "_s + formatCount(st.served) +
            u" ordinary answers timed out and were answered by "_s + v.servedTarget;
        h.cause.phrases = {
            {u"fallback.first_timeout_short"_s,
             served + QList<PhraseArg>{Say::name(u"model"_s, facts.firstTargetModel),
                                       Say::name(u"ms"_s, ms),
                                       Say::millis(u"p50"_s, facts.firstTargetP50)}}};
        h.why = u"the first target's request_timeout is below the model's usual time"_s;
    }
    if (facts.fallbackSince.isValid()) {
        s += u"; the fallbacks began at "_s + clock(facts.fallbackSince, facts.reference);
        h.cause.phrases.append({u"fallback.since"_s, {Say::time(u"at"_s, facts.fallbackSince)}});
    }
    h.cause.summary = s;
    h.cause.confidence = h.score;
    h.cause.evidenceIds = facts.servedConfigEvidence;
    h.cause.evidenceIds.prepend(st.evidenceId);
    out.hypotheses.append(h);
    out.rejected.append({QLatin1StringView(Category::ExpectedBehavior),
                         u"the fallback worked, but the first target failed for a reason of the "
                         u"customer's own setup"_s,
                         {}});
}

void phraseWorked(const FallbackFacts &facts, const FallbackVerdict &v, AnalyzerOutput &out)
{
    const FallbackStats &st = facts.stats;
    if (v.ownServerFailed || v.timeoutBelowModel) {
        phraseFirstTargetFault(facts, v, out);
        return;
    }
    if (v.workedAsConfigured) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
        h.score = v.expectedScore;
        QString s = u"Fallback worked as configured"_s +
                    (v.servedConfig.isEmpty() ? QString() : u" in "_s + v.servedConfig) + u": "_s +
                    formatCount(st.served) + u" requests were answered by the fallback target "_s +
                    v.servedTarget + u" when the first target failed, and only "_s +
                    formatCount(st.stuck) + u" failed without a fallback"_s;
        QList<PhraseArg> worked{Say::count(u"served"_s, st.served),
                                Say::name(u"target"_s, v.servedTarget),
                                Say::count(u"stuck"_s, st.stuck)};
        if (!v.servedConfig.isEmpty())
            worked.append(Say::name(u"config"_s, v.servedConfig));
        h.cause.phrases = {
            {v.servedConfig.isEmpty() ? u"fallback.worked"_s : u"fallback.worked_in"_s, worked}};
        // what it fails over on, as the config says: what the reader can check against the
        // provider's errors of the time
        if (!v.servedConfig.isEmpty() && !facts.servedConfigCodes.isEmpty()) {
            QStringList codes;
            for (const int c : facts.servedConfigCodes)
                codes.append(QString::number(c));
            s += u"; "_s + v.servedConfig + u" fails over on "_s + codes.join(u", "_s);
            h.cause.phrases.append(
                {u"fallback.fails_over_on"_s,
                 {Say::name(u"config"_s, v.servedConfig), Say::names(u"codes"_s, codes)}});
        }
        // why the first target failed: the provider's own incident, if one overlaps
        for (const FirstTargetIncident &e : facts.firstTargetIncidents) {
            QList<PhraseArg> args{Say::name(u"provider"_s, e.page), Say::name(u"title"_s, e.title),
                                  Say::time(u"from"_s, e.start)};
            if (e.end.isValid())
                args.append(Say::time(u"to"_s, e.end));
            h.cause.phrases.append({e.end.isValid() ? u"fallback.first_incident"_s
                                                    : u"fallback.first_incident_ongoing"_s,
                                    args});
        }
        for (const FirstTargetIncident &e : facts.firstTargetIncidents)
            s += u"; the first target's provider, "_s + e.page + u", reported \u201c"_s + e.title +
                 u"\u201d from "_s + clock(e.start, facts.reference) + u" to "_s +
                 (e.end.isValid() ? clock(e.end, facts.reference) : u"now"_s);
        h.cause.summary = s;
        h.cause.confidence = h.score;
        if (!v.servedConfig.isEmpty())
            h.cause.refs.append(u"config:"_s + v.servedConfig);
        h.cause.evidenceIds = facts.servedConfigEvidence;
        h.cause.evidenceIds.prepend(st.evidenceId);
        h.why = u"fallback triggered"_s;
        out.hypotheses.append(h);
    }
    out.rejected.append(
        {QLatin1StringView(Category::CustomerConfig),
         u"only "_s + formatCount(st.stuck) + u" requests failed without failing over"_s,
         {}});
}

// The stalled config's fallback target turned requests away (its key's budget, quota or access):
// the failures had nowhere to fail over. Beside their own cause (an incident, a server), not
// above it: the config itself is right.
void phraseRefusedTarget(const FallbackFacts &facts, const FallbackVerdict &v,
                         const WordedLine &stall, AnalyzerOutput &out)
{
    const RefusedTarget &t = *v.refusedTarget;
    const QString target = t.model.isEmpty() ? t.key : t.model + u" (virtual key "_s + t.key + u')';
    const bool limit = t.refusal.isLimit();
    const QString why = u"Config "_s + t.config + u" fails over to "_s + target + u", but from "_s +
                        clock(t.first, facts.reference) + u" that key refused "_s +
                        formatCount(t.refused) + u" requests with "_s + t.refusal.text() +
                        u" on config "_s + t.via +
                        u", so the failures had nowhere to fail over: "_s +
                        (limit ? u"raise or reset the key's budget or quota"_s
                               : u"update the key's provider credential"_s) +
                        u", or give the fallback a key of its own"_s;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerConfig);
    // The config itself is right: the failures' own cause (an incident the requests failed on)
    // answers first when there is one, and the spent key is why nothing caught them.
    h.score = 0.7;
    h.missedCatch = true;
    h.cause.summary = stall.text + u". "_s + why;
    h.cause.phrases = stall.phrases;
    h.cause.phrases.append(
        {limit ? u"fallback.target_refused"_s : u"fallback.target_key_refused"_s,
         {Say::name(u"config"_s, t.config), Say::name(u"target"_s, target),
          Say::count(u"refused"_s, t.refused), Say::time(u"from"_s, t.first),
          Say::name(u"status"_s, t.refusal.text()), Say::name(u"via"_s, t.via)}});
    h.cause.confidence = 0.75;
    h.cause.refs = {u"config:"_s + t.config};
    // the page that documents the refusal (its error code) says what the limit is
    const QString &code = t.refusal.code;
    if (const QString doc =
            pageOnSettings(facts.docs, code.isEmpty() ? QStringList() : QStringList{code});
        !doc.isEmpty())
        h.cause.refs.append(doc);
    h.cause.evidenceIds = v.evidenceIds;
    for (const FallbackConfig &c : facts.configs) {
        if (c.id == t.config || c.id == t.via)
            appendUnique(h.cause.evidenceIds, c.evidenceId);
    }
    h.failures = v.stalledCount;
    h.accountsFor = {u"config:"_s + t.via};
    h.why = u"the fallback target's key refused the requests that would have failed over"_s;
    out.hypotheses.append(h);
}

void phraseStalled(const FallbackFacts &facts, const FallbackVerdict &v, AnalyzerOutput &out)
{
    const FallbackStats &st = facts.stats;
    QString observed =
        formatCount(v.stalledCount) + u" requests to "_s + v.stalledTarget +
        (v.stalledConfig.isEmpty() ? QString() : u" (config "_s + v.stalledConfig + u')') +
        u" failed"_s +
        (v.mostlyTimeouts ? QString(u" on timeouts after about "_s + formatMs(v.averageLatencyMs))
                          : QString(u" (average "_s + formatMs(v.averageLatencyMs) + u')')) +
        u" without failing over (fallback_used 0, one attempt)"_s;
    QList<Phrase> phrases{
        {v.mostlyTimeouts ? u"fallback.stalled_timeouts"_s : u"fallback.stalled"_s,
         {Say::count(u"count"_s, v.stalledCount), Say::name(u"target"_s, v.stalledTarget),
          Say::millis(u"latency"_s, v.averageLatencyMs)}}};
    if (!v.stalledConfig.isEmpty())
        phrases.append({u"fallback.config_used"_s, {Say::name(u"config"_s, v.stalledConfig)}});
    if (facts.serverFirst.isValid() && v.stalledTarget.startsWith(facts.serverProvider + u'/')) {
        observed += u" between "_s + clock(facts.serverFirst, facts.reference) + u" and "_s +
                    clock(facts.serverLast, facts.reference);
        phrases.append(
            {u"fallback.between"_s,
             {Say::time(u"from"_s, facts.serverFirst), Say::time(u"to"_s, facts.serverLast)}});
    }
    Finding f;
    f.summary = observed;
    f.phrases = phrases;
    f.evidenceIds = {st.evidenceId};
    f.confidence = 0.8;
    if (!v.stalledProvider.isEmpty())
        f.refs = {u"provider:"_s + v.stalledProvider};
    out.findings.append(f);
    if (v.configUnknown) {
        out.notChecked.append(unchecked(u"fallback_config"_s));
        return;
    }
    if (v.configExplains) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::CustomerConfig);
        // the page that documents the setting at fault says what the config should set
        const QString doc = pageOnSettings(facts.docs, faultySettings(v));
        // a config that cannot fail over at all settles why nothing failed over
        h.score = v.cannotFailOver ? 0.92 : 0.86;
        h.cause.summary = observed + u". "_s + stallReasons(v).mid(0, 2).join(u"; "_s);
        h.cause.phrases = phrases + stallPhrases(v).mid(0, 2);
        h.cause.confidence = 0.85;
        h.cause.refs = v.refs;
        if (!doc.isEmpty())
            h.cause.refs.append(doc);
        if (!v.stalledProvider.isEmpty())
            h.cause.refs.append(u"provider:"_s + v.stalledProvider);
        h.cause.evidenceIds = v.evidenceIds;
        h.why = u"the config explains the missing fallback"_s;
        out.hypotheses.append(h);
        return;
    }
    if (v.refusedTarget) {
        phraseRefusedTarget(facts, v, {observed, phrases}, out);
        return;
    }
    out.rejected.append({QLatin1StringView(Category::CustomerConfig),
                         u"the routing config has request_timeout and fallback status codes that "
                         u"should have triggered the fallback, so the gateway did not apply it"_s,
                         {}});
    Finding g;
    g.summary = u"The routing config is correct, yet the gateway did not fail over"_s;
    g.phrases = {{u"fallback.gateway_did_not"_s, {}}};
    g.evidenceIds = v.evidenceIds;
    g.confidence = 0.6;
    out.findings.append(g);
}

AnalyzerOutput phraseFallback(const FallbackFacts &facts, const FallbackVerdict &v)
{
    AnalyzerOutput out;
    if (v.fallbackServed) {
        Finding f;
        f.summary = u"The fallback served "_s + formatCount(facts.stats.served) +
                    u" requests (mostly "_s + v.servedTarget + u')';
        f.phrases = {
            {u"fallback.served"_s,
             {Say::count(u"count"_s, facts.stats.served), Say::name(u"target"_s, v.servedTarget)}}};
        f.evidenceIds = {facts.stats.evidenceId};
        f.confidence = 0.6;
        out.findings.append(f);
    }
    if (facts.stats.refused >= 10) {
        Finding f;
        f.summary = formatCount(facts.stats.refused) +
                    u" requests were refused by the gateway itself ("_s +
                    facts.stats.refusedStatus +
                    u") before any target was tried, so no retry or fallback of a config could "
                    u"apply to them"_s;
        f.phrases = {{u"fallback.refused_before_routing"_s,
                      {Say::count(u"count"_s, facts.stats.refused),
                       Say::name(u"status"_s, facts.stats.refusedStatus)}}};
        f.evidenceIds = {facts.stats.evidenceId};
        f.confidence = 0.7;
        out.findings.append(f);
    }
    if (v.stalled)
        phraseStalled(facts, v, out);
    else
        phraseWorked(facts, v, out);
    return out;
}

} // namespace

QString Refusal::text() const
{
    return code.isEmpty() ? QString::number(status) : QString::number(status) + u' ' + code;
}

FallbackConfig failoverShape(const QJsonObject &config)
{
    FallbackConfig c;
    c.failoverCodes = failoverCodes(config);
    c.mode = strategyMode(config);
    if (c.mode.isEmpty())
        c.mode = u"single"_s;
    c.canFailOver = hasFallbackStrategy(config, 0);
    collectKeys(config, 0, c.keys);
    if (c.mode == u"fallback") {
        const QJsonArray targets = config.value(u"targets"_s).toArray();
        for (qsizetype i = 1; i < targets.size(); ++i) {
            const QJsonObject t = targets.at(i).toObject();
            const QString key = t.value(u"virtual_key"_s).toString().trimmed();
            if (!key.isEmpty())
                c.fallbackTargets.append(
                    {key, t.value(u"override_params"_s).toObject().value(u"model"_s).toString()});
        }
    }
    return c;
}

FallbackStats fallbackStats(const QJsonObject &table, const QString &evidenceId)
{
    FallbackStats st;
    st.evidenceId = evidenceId;
    const Table t(table);
    const bool countsAttempts = t.hasColumn(u"attempts");
    double largestRefused = 0;
    QMap<QString, double> largestKeyRefusal;
    QMap<QString, double> largestStuck;
    for (int r = 0; r < t.rowCount(); ++r) {
        const double n = t.number(r, u"n");
        const int status = int(t.number(r, u"status"));
        const QString code = t.text(r, u"error_code");
        const bool fellBack = t.number(r, u"fallback_used") > 0;
        const double avg = t.number(r, u"avg_latency_ms");
        const QString target = t.text(r, u"provider") + u'/' + t.text(r, u"model");
        const QString config = t.text(r, u"config_id");
        st.total += n;
        st.requestsByConfig[config] += n;
        // (a refusal before any target was tried is the org's limit, not a target's key)
        const bool beforeRouting = countsAttempts && t.number(r, u"attempts") == 0;
        if (keyRefusal(status) && !fellBack && !beforeRouting) {
            st.keyRefusalsByConfig[config] += n;
            if (n > largestKeyRefusal.value(config)) {
                largestKeyRefusal[config] = n;
                st.keyRefusalByConfig[config] = Refusal{status, code};
            }
            const QDateTime first = fromIso(t.text(r, u"first"));
            if (first.isValid() &&
                (!st.keyRefusalFirst.contains(config) || first < st.keyRefusalFirst.value(config)))
                st.keyRefusalFirst[config] = first;
        }
        if (countsAttempts && status >= 400 && t.number(r, u"attempts") == 0) {
            st.refused += n;
            if (n > largestRefused) {
                largestRefused = n;
                st.refusedStatus =
                    QString::number(status) + (code.isEmpty() ? QString() : QString(u' ' + code));
            }
            continue;
        }
        const bool failed = status >= 500 || status == 429 || isTimeoutFailure(status, code) ||
                            code.startsWith(u"provider_");
        if (failed && !fellBack) {
            st.stuck += n;
            st.stuckLatencySum += avg * n;
            if (isTimeoutFailure(status, code) || avg >= 30000)
                st.stuckTimeouts += n;
            st.stuckByTarget[target] += n;
            if (!config.isEmpty()) {
                st.stuckConfigs[config] += n;
                st.stuckTargetsByConfig[config][target] += n;
                if (n > largestStuck.value(config)) {
                    largestStuck[config] = n;
                    st.stuckFirst[config] = fromIso(t.text(r, u"first"));
                }
            }
            if (!st.stuckStatuses.contains(status))
                st.stuckStatuses.append(status);
        } else if (fellBack && status < 400) {
            st.served += n;
            st.servedBy[target] += n;
            const QDateTime first = fromIso(t.text(r, u"first"));
            if (first.isValid() &&
                (!st.servedFirst.contains(target) || first < st.servedFirst.value(target)))
                st.servedFirst[target] = first;
            st.servedConfigs[t.text(r, u"config_id")] += n;
        }
    }
    return st;
}

bool issueExplainsStall(const ConfigIssue &i, const FallbackStats &st, const QString &provider)
{
    switch (i.kind) {
    case ConfigIssue::Kind::NoRequestTimeout:
    case ConfigIssue::Kind::TimeoutTooLong:
        return st.stuckTimeouts > 0;
    case ConfigIssue::Kind::StatusCodesMissing: {
        for (int s : st.stuckStatuses) {
            if (i.missingCodes.contains(s))
                return true;
        }
        return st.stuckTimeouts > 0 &&
               (i.missingCodes.contains(408) || i.missingCodes.contains(504));
    }
    case ConfigIssue::Kind::SingleTargetFallback:
        return true;
    case ConfigIssue::Kind::SameProviderOnly:
        return i.provider == provider;
    default:
        return false;
    }
}

std::optional<FallbackFacts> gatherFallback(const AnalysisInput &input)
{
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"fallback_stats");
    if (found.isEmpty())
        return std::nullopt;
    FallbackFacts facts;
    facts.reference = input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    facts.windowFrom = input.params.window.from;
    facts.windowTo = input.params.window.to;
    facts.stats = fallbackStats(found.first().evidence->data, found.first().evidence->id);
    facts.docs = fetchedDocPages(input);
    firstTargetFacts(input, largestKey(facts.stats.servedConfigs), facts);
    const ErrorProfile errors = burstProfile(input);
    facts.serverProvider = errors.serverProvider;
    facts.serverFirst = errors.serverFirst;
    facts.serverLast = errors.serverLast;
    facts.errorsAtBaseline = errorSeriesFlat(input);
    facts.firstTargetP50 = modelMedianMs(input, facts.firstTargetModel);
    facts.fallbackSince = facts.stats.servedFirst.value(largestKey(facts.stats.servedBy));
    const QList<FoundEvidence> configs = findEvidence(input, u"gateway", u"config");
    facts.configsRead = !dataMissing(input, u"gateway", u"config") && !configs.isEmpty();
    for (const FoundEvidence &c : configs) {
        FallbackConfig fc = failoverShape(c.evidence->data.value(u"config"_s).toObject());
        fc.id = configIdOf(c.evidence->data);
        fc.evidenceId = c.evidence->id;
        facts.configs.append(fc);
    }
    facts.issues = lintConfigs(input);
    return facts;
}

std::optional<RefusedTarget> refusedFallbackTarget(const FallbackFacts &facts)
{
    const FallbackStats &st = facts.stats;
    const double windowS = facts.windowFrom.isValid() && facts.windowTo.isValid()
                               ? double(facts.windowFrom.secsTo(facts.windowTo))
                               : 0.0;
    if (windowS <= 0)
        return std::nullopt;
    std::optional<RefusedTarget> best;
    for (const FallbackConfig &c : facts.configs) {
        const QDateTime stall = st.stuckFirst.value(c.id);
        if (!c.canFailOver || st.stuckConfigs.value(c.id) < 10 || !stall.isValid())
            continue;
        for (const auto &[key, model] : c.fallbackTargets) {
            for (const FallbackConfig &user : facts.configs) {
                const QDateTime since = st.keyRefusalFirst.value(user.id);
                if (!user.keys.contains(key) || !since.isValid() || since > stall.addSecs(10 * 60))
                    continue;
                const double refused = st.keyRefusalsByConfig.value(user.id);
                // the config's requests since the refusals began, at its average rate
                const double sinceS = double(std::max<qint64>(60, since.secsTo(facts.windowTo)));
                const double requests =
                    st.requestsByConfig.value(user.id) * std::min(1.0, sinceS / windowS);
                if (refused < 10 || refused < 0.5 * requests || (best && refused <= best->refused))
                    continue;
                best = RefusedTarget{c.id,
                                     key,
                                     model,
                                     user.id,
                                     refused,
                                     st.keyRefusalByConfig.value(user.id),
                                     st.keyRefusalFirst.value(user.id)};
            }
        }
    }
    return best;
}

FallbackVerdict judgeFallback(const FallbackFacts &facts)
{
    FallbackVerdict v;
    const FallbackStats &st = facts.stats;
    v.fallbackServed = st.served > 0;
    v.servedTarget = largestKey(st.servedBy);
    const double stuckShare = st.total > 0 ? st.stuck / st.total : 0.0;
    // a few failures in the window, or a low share that never rose above the org's usual
    // rate, are the baseline: a stall makes the error rate rise
    const bool background = facts.errorsAtBaseline && stuckShare < 0.05;
    v.stalled = st.stuck >= 10 && stuckShare >= 0.005 && !background;
    if (v.stalled) {
        judgeStall(facts, v);
        return v;
    }
    v.workedAsConfigured = v.fallbackServed;
    v.servedConfig = largestKey(st.servedConfigs);
    v.expectedScore = facts.firstTargetIncidents.isEmpty() ? 0.5 : 0.7;
    if (v.workedAsConfigured)
        judgeFirstTarget(facts, v);
    return v;
}

} // namespace Casefile::Analysis

namespace Casefile {

AnalyzerOutput analyzeFallback(const AnalysisInput &input)
{
    using namespace Analysis;
    const std::optional<FallbackFacts> facts = gatherFallback(input);
    if (!facts) {
        AnalyzerOutput out;
        if (dataMissing(input, u"clickhouse", u"fallback_stats"))
            out.notChecked.append(unchecked(u"fallback_stats"_s));
        return out;
    }
    return phraseFallback(*facts, judgeFallback(*facts));
}

} // namespace Casefile
