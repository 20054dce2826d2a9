#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/configlint.h"

using namespace Qt::StringLiterals;

namespace Casefile {

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
    const ErrorProfile errors = errorProfile(input);
    QString observed =
        formatCount(stuck) + u" requests to "_s + target + u" failed"_s +
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
    for (const ConfigIssue &i : lintConfigs(input)) {
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
