#include "core/analysis/unchecked.h"

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

const QList<UncheckedLine> &uncheckedLines()
{
    static const QList<UncheckedLine> lines{
        {u"log_trends"_s, u"request latency and error trends (the log query failed)"_s},
        {u"error_breakdown"_s, u"the breakdown of failed requests (the log query failed)"_s},
        {u"routing_config"_s, u"the customer's routing config (could not be fetched)"_s},
        {u"fallback_config"_s, u"the routing config, to see why the fallback did not trigger"_s},
        {u"fallback_stats"_s, u"fallback and retry statistics (the log query failed)"_s},
        {u"deploys"_s, u"recent deploys (GitHub could not be queried)"_s},
        {u"docs"_s, u"our documentation (the docs search failed)"_s},
        {u"status_pages"_s, u"the providers' status pages (could not be reached)"_s},
        {u"known_bugs_none"_s, u"known bugs (no issue tracker is connected)"_s},
        {u"known_bugs_failed"_s, u"known bugs (the issue tracker could not be searched)"_s},
        {u"metadata"_s, u"custom metadata by SDK (the log query failed)"_s},
        {u"token_usage"_s, u"logged token usage (the log query failed)"_s},
        {u"invoices"_s, u"the customer's invoices (Stripe could not be queried)"_s},
        {u"org_comparison"_s,
         u"whether other organisations were affected (the comparison query failed)"_s},
        {u"webhooks"_s, u"webhook deliveries (the log query failed)"_s},
    };
    return lines;
}

QString unchecked(const QString &key)
{
    for (const UncheckedLine &l : uncheckedLines()) {
        if (l.key == key)
            return l.english;
    }
    return {};
}

QString uncheckedKey(const QString &line)
{
    for (const UncheckedLine &l : uncheckedLines()) {
        if (l.english == line)
            return l.key;
    }
    return {};
}

namespace {

// The system a step asks, as a phrase-book term ("source.clickhouse"; "source.other").
PhraseArg sourceTerm(const QString &connector)
{
    static const QStringList known{u"clickhouse"_s, u"github"_s, u"statuspage"_s,
                                   u"pagerduty"_s,  u"linear"_s, u"jira"_s,
                                   u"stripe"_s,     u"docs"_s,   u"gateway"_s};
    const QString name = connector.toLower();
    return Say::term(u"what"_s, u"source."_s + (known.contains(name) ? name : u"other"_s));
}

} // namespace

WordedLine uncheckedWording(const QString &line, const QString &key)
{
    return {line, {{u"unchecked."_s + key, {}}}};
}

WordedLine stepWording(const QString &line, const StepRecord &step)
{
    QString why = u"why.timeout"_s;
    if (step.status == StepStatus::Failed)
        why = u"why.failed"_s;
    else if (step.status == StepStatus::Skipped)
        why = u"why.skipped"_s;
    else if (step.status == StepStatus::Cancelled)
        why = u"why.cancelled"_s;
    return {line, {{u"unchecked.step"_s, {sourceTerm(step.connector), Say::term(u"why"_s, why)}}}};
}

WordedLine notConnectedWording(const QString &line, const QString &connector)
{
    return {line, {{u"unchecked.not_connected"_s, {sourceTerm(connector)}}}};
}

} // namespace Casefile::Analysis
