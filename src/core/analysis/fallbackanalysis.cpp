#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/configlint.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using namespace Analysis;

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

// Stuck statuses (not timeouts) a failing config does not list among its fail-over codes: the
// config kept the gateway from failing over on them.
struct UnlistedStatus
{
    QString configRef;
    QString evidenceId;
    QList<int> statuses;
};
QList<UnlistedStatus> unlistedStatuses(const AnalysisInput &input, const QStringList &configs,
                                       const QList<int> &stuckStatuses)
{
    QList<UnlistedStatus> out;
    for (const FoundEvidence &c : findEvidence(input, u"gateway", u"config")) {
        const QString id = c.evidence->data.value(u"config_id"_s).toString();
        if (!configs.contains(id))
            continue;
        const QJsonObject config = c.evidence->data.value(u"config"_s).toObject();
        const QList<int> codes = failoverCodes(config);
        if (codes.isEmpty())
            continue;
        UnlistedStatus u{u"config:"_s + id, c.evidence->id, {}};
        for (int status : stuckStatuses) {
            if (status >= 400 && status != 408 && status != 504 && !codes.contains(status))
                u.statuses.append(status);
        }
        if (!u.statuses.isEmpty())
            out.append(u);
    }
    return out;
}

} // namespace

AnalyzerOutput analyzeFallback(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"fallback_stats");
    if (found.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"fallback_stats"))
            out.notChecked.append(u"fallback and retry statistics (the log query failed)"_s);
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    const Table t(found.first().evidence->data);
    const QString evidenceId = found.first().evidence->id;
    double total = 0;
    double stuck = 0; // failed without failing over
    double stuckTimeouts = 0;
    double stuckLatencySum = 0;
    double stuckMaxLatency = 0;
    double served = 0; // served by a fallback target
    QMap<QString, double> stuckByTarget;
    QMap<QString, double> servedBy;
    QMap<QString, double> servedConfigs;
    QMap<QString, double> stuckConfigs; // config_id the stalled requests used
    QList<int> stuckStatuses;
    for (int r = 0; r < t.rowCount(); ++r) {
        const double n = t.number(r, u"n");
        const int status = int(t.number(r, u"status"));
        const QString code = t.text(r, u"error_code");
        const bool fellBack = t.number(r, u"fallback_used") > 0;
        const double attempts = t.number(r, u"attempts", 1);
        const double avg = t.number(r, u"avg_latency_ms");
        total += n;
        const bool failed = status >= 500 || status == 408 || status == 429 ||
                            code.contains(u"timeout") || code.startsWith(u"provider_");
        if (failed && !fellBack) {
            Q_UNUSED(attempts)
            stuck += n;
            stuckLatencySum += avg * n;
            stuckMaxLatency = std::max(stuckMaxLatency, t.number(r, u"max_latency_ms"));
            const bool timeout =
                code.contains(u"timeout") || status == 408 || status == 504 || avg >= 30000;
            if (timeout)
                stuckTimeouts += n;
            stuckByTarget[t.text(r, u"provider") + u'/' + t.text(r, u"model")] += n;
            if (!t.text(r, u"config_id").isEmpty())
                stuckConfigs[t.text(r, u"config_id")] += n;
            if (!stuckStatuses.contains(status))
                stuckStatuses.append(status);
        } else if (fellBack && status < 400) {
            served += n;
            servedBy[t.text(r, u"provider") + u'/' + t.text(r, u"model")] += n;
            servedConfigs[t.text(r, u"config_id")] += n;
        }
    }
    const auto top = [](const QMap<QString, double> &m) {
        QString best;
        double n = -1;
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (it.value() > n) {
                n = it.value();
                best = it.key();
            }
        }
        return best;
    };
    if (served > 0) {
        Finding f;
        f.summary = u"The fallback served "_s + formatCount(served) + u" requests (mostly "_s +
                    top(servedBy) + u')';
        f.evidenceIds = {evidenceId};
        f.confidence = 0.6;
        out.findings.append(f);
    }
    if (stuck < 10 || (total > 0 && stuck / total < 0.005)) {
        if (served > 0) {
            Hypothesis h;
            h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
            h.score = 0.5;
            const QString config = top(servedConfigs);
            QString s = u"Fallback worked as configured"_s +
                        (config.isEmpty() ? QString() : u" in "_s + config) + u": "_s +
                        formatCount(served) + u" requests were answered by the fallback target "_s +
                        top(servedBy) + u" when the first target failed, and only "_s +
                        formatCount(stuck) + u" failed without a fallback"_s;
            // why the first target failed: the provider's own incident, if one overlaps
            QString primaryProvider;
            for (const FoundEvidence &c : findEvidence(input, u"gateway", u"config")) {
                if (c.evidence->data.value(u"config_id"_s).toString() != config)
                    continue;
                const QJsonArray targets =
                    c.evidence->data.value(u"config"_s).toObject().value(u"targets"_s).toArray();
                if (!targets.isEmpty())
                    primaryProvider = targetProvider(targets.first().toObject());
                h.cause.evidenceIds.append(c.evidence->id);
            }
            for (const FoundEvidence &f : findEvidence(input, u"statuspage", u"incidents")) {
                for (const QJsonObject &e : eventsOf(*f.evidence)) {
                    const QString page = e.value(u"page"_s).toString().toLower();
                    if (primaryProvider.isEmpty() || !page.contains(primaryProvider))
                        continue;
                    const QDateTime start = timeOf(e.value(u"time"_s));
                    const QDateTime end = timeOf(e.value(u"end"_s));
                    s += u"; the first target's provider, "_s + page + u", reported \u201c"_s +
                         e.value(u"title"_s).toString() + u"\u201d from "_s +
                         clock(start, reference) + u" to "_s +
                         (end.isValid() ? clock(end, reference) : u"now"_s);
                    h.score = 0.7;
                    break;
                }
            }
            h.cause.summary = s;
            h.cause.confidence = h.score;
            if (!config.isEmpty())
                h.cause.refs.append(u"config:"_s + config);
            h.cause.evidenceIds.prepend(evidenceId);
            h.why = u"fallback triggered"_s;
            out.hypotheses.append(h);
        }
        out.rejected.append(
            {QLatin1StringView(Category::CustomerConfig),
             u"only "_s + formatCount(stuck) + u" requests failed without failing over"_s,
             {}});
        return out;
    }
    const double avgLatency = stuckLatencySum / std::max(1.0, stuck);
    const QString target = top(stuckByTarget);
    const QString stuckConfig = top(stuckConfigs);
    const ErrorProfile errors = errorProfile(input);
    QString observed =
        formatCount(stuck) + u" requests to "_s + target +
        (stuckConfig.isEmpty() ? QString() : u" (config "_s + stuckConfig + u')') + u" failed"_s +
        (stuckTimeouts >= stuck / 2 ? QString(u" on timeouts after about "_s + formatMs(avgLatency))
                                    : QString(u" (average "_s + formatMs(avgLatency) + u')')) +
        u" without failing over (fallback_used 0, one attempt)"_s;
    if (errors.serverFirst.isValid() && target.startsWith(errors.serverProvider + u'/'))
        observed += u" between "_s + clock(errors.serverFirst, reference) + u" and "_s +
                    clock(errors.serverLast, reference);
    Finding f;
    f.summary = observed;
    f.evidenceIds = {evidenceId};
    f.confidence = 0.8;
    const QString provider = target.section(u'/', 0, 0);
    if (!provider.isEmpty())
        f.refs = {u"provider:"_s + provider};
    out.findings.append(f);

    if (dataMissing(input, u"gateway", u"config") ||
        findEvidence(input, u"gateway", u"config").isEmpty()) {
        out.notChecked.append(u"the routing config, to see why the fallback did not trigger"_s);
        return out;
    }
    // which config problems explain what the logs show
    QStringList why;
    QStringList refs;
    QStringList evidence = {evidenceId};
    // only the configs the stalled requests used can explain them
    const QStringList failingConfigs = stuckConfigs.keys();
    for (const UnlistedStatus &u : unlistedStatuses(input, failingConfigs, stuckStatuses)) {
        QStringList codes;
        for (int c : u.statuses)
            codes.append(QString::number(c));
        appendUnique(why, u"Config "_s + u.configRef.mid(7) +
                              u": on_status_codes does not list "_s + codes.join(u", "_s) +
                              u", the status the first target answered, so "_s +
                              u"those failures were returned instead of failing over"_s);
        appendUnique(refs, u.configRef);
        appendUnique(evidence, u.evidenceId);
    }
    for (const ConfigIssue &i : lintConfigs(input)) {
        if (!failingConfigs.isEmpty() && !failingConfigs.contains(i.configRef.mid(7)))
            continue;
        bool explains = false;
        switch (i.kind) {
        case ConfigIssue::Kind::NoRequestTimeout:
        case ConfigIssue::Kind::TimeoutTooLong:
            explains = stuckTimeouts > 0;
            break;
        case ConfigIssue::Kind::StatusCodesMissing:
            for (int s : stuckStatuses)
                explains = explains || i.missingCodes.contains(s);
            explains = explains || (stuckTimeouts > 0 &&
                                    (i.missingCodes.contains(408) || i.missingCodes.contains(504)));
            break;
        case ConfigIssue::Kind::SingleTargetFallback:
            explains = true;
            break;
        case ConfigIssue::Kind::SameProviderOnly:
            explains = i.provider == provider;
            break;
        default:
            break;
        }
        if (explains) {
            appendUnique(why, i.message);
            appendUnique(refs, i.configRef);
            appendUnique(evidence, i.evidenceId);
        }
    }
    if (!why.isEmpty()) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::CustomerConfig);
        h.score = 0.86;
        h.cause.summary = observed + u". "_s + why.mid(0, 2).join(u"; "_s);
        h.cause.confidence = 0.85;
        h.cause.refs = refs;
        if (!provider.isEmpty())
            h.cause.refs.append(u"provider:"_s + provider);
        h.cause.evidenceIds = evidence;
        h.why = u"the config explains the missing fallback"_s;
        out.hypotheses.append(h);
    } else {
        out.rejected.append(
            {QLatin1StringView(Category::CustomerConfig),
             u"the routing config has request_timeout and fallback status codes that "
             u"should have triggered the fallback, so the gateway did not apply it"_s,
             {}});
        Finding g;
        g.summary = u"The routing config is correct, yet the gateway did not fail over"_s;
        g.evidenceIds = evidence;
        g.confidence = 0.6;
        out.findings.append(g);
    }
    return out;
}

} // namespace Casefile
