#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using namespace Analysis;

enum class CachedRule { Unknown, Excluded, Full, Discounted };

QString ruleWords(CachedRule r, double discount)
{
    switch (r) {
    case CachedRule::Excluded:
        return u"cached tokens not billed"_s;
    case CachedRule::Full:
        return u"cached tokens billed in full"_s;
    case CachedRule::Discounted:
        return u"cached tokens billed at "_s + formatShare(discount);
    case CachedRule::Unknown:
        break;
    }
    return u"unknown"_s;
}

struct Policy
{
    CachedRule rule = CachedRule::Unknown;
    double discount = 0.1;
    QString docRef;
    QString evidenceId;
};

// What the docs say about billing cached tokens.
Policy policyFromDocs(const AnalysisInput &input)
{
    Policy p;
    QList<FoundEvidence> found = findEvidence(input, u"docs", u"search");
    found.append(findEvidence(input, u"docs", u"fetch"));
    static const QRegularExpression percent(u"(\\d+(?:\\.\\d+)?)\\s*%"_s);
    int bestStrength = 0;
    for (const FoundEvidence &f : found) {
        for (const QJsonValue &v : f.evidence->data.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            for (const QString &line :
                 item.value(u"text"_s).toString().split(QRegularExpression(u"\\n|\\.(?!\\d)"_s))) {
                const QString l = line.toLower();
                if (!l.contains(u"cache"))
                    continue;
                CachedRule rule = CachedRule::Unknown;
                const bool formulaExcluded =
                    (l.contains(u"- cached_tokens") || l.contains(u"-cached_tokens") ||
                     l.contains(u"minus cached")) &&
                    !l.contains(u"x cached") && !l.contains(u"* cached");
                // an explicit rate wins over a formula that subtracts cached tokens first
                if (percent.match(l).hasMatch() || l.contains(u"x cached") ||
                    l.contains(u"* cached"))
                    rule = CachedRule::Discounted;
                else if (formulaExcluded || l.contains(u"not billed") || l.contains(u"excluded") ||
                         l.contains(u"free of charge") || l.contains(u"not counted") ||
                         l.contains(u"aren't billed") || l.contains(u"are free"))
                    rule = CachedRule::Excluded;
                else if (l.contains(u"discount"))
                    rule = CachedRule::Discounted;
                else if (l.contains(u"full price") || l.contains(u"billed in full") ||
                         l.contains(u"same rate") || l.contains(u"like any other"))
                    rule = CachedRule::Full;
                if (rule == CachedRule::Unknown)
                    continue;
                // the page about caching and an explicit rate beat a passing mention
                int strength =
                    (percent.match(l).hasMatch() || l.contains(u"not billed") || formulaExcluded)
                        ? 3
                        : 1;
                if (item.value(u"ref"_s).toString().contains(u"cach"))
                    ++strength;
                if (strength <= bestStrength)
                    continue;
                bestStrength = strength;
                p.rule = rule;
                if (rule == CachedRule::Discounted) {
                    const auto m = percent.match(l);
                    if (m.hasMatch())
                        p.discount = m.captured(1).toDouble() / 100.0;
                }
                p.docRef = item.value(u"ref"_s).toString();
                p.evidenceId = f.evidence->id;
            }
        }
    }
    return p;
}

struct Day
{
    double prompt = 0;
    double completion = 0;
    double cached = 0;
};

double billable(const Day &d, CachedRule rule, double discount)
{
    switch (rule) {
    case CachedRule::Excluded:
        return d.prompt + d.completion - d.cached;
    case CachedRule::Discounted:
        return d.prompt + d.completion - d.cached + discount * d.cached;
    case CachedRule::Full:
    case CachedRule::Unknown:
        break;
    }
    return d.prompt + d.completion;
}

} // namespace

AnalyzerOutput analyzeTokenReconciliation(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const QList<FoundEvidence> usage = findEvidence(input, u"clickhouse", u"token_usage");
    const QList<FoundEvidence> invoices = findEvidence(input, u"stripe", u"invoices");
    if (usage.isEmpty())
        out.notChecked.append(u"logged token usage (the log query failed)"_s);
    if (invoices.isEmpty())
        out.notChecked.append(u"the customer's invoices (Stripe could not be queried)"_s);
    if (usage.isEmpty() || invoices.isEmpty())
        return out;

    QMap<QDate, Day> days;
    const Table u(usage.first().evidence->data);
    for (int r = 0; r < u.rowCount(); ++r) {
        const QDate date = u.time(r, u"day").date();
        if (!date.isValid())
            continue;
        Day &d = days[date];
        d.prompt += u.number(r, u"prompt_tokens");
        d.completion += u.number(r, u"completion_tokens");
        d.cached += u.number(r, u"cached_tokens");
    }
    QMap<QDate, double> meter;
    QList<std::pair<QDateTime, double>> hours;
    QString meterEvidence;
    for (const FoundEvidence &f : findEvidence(input, u"stripe", u"meter_summaries")) {
        meterEvidence = f.evidence->id;
        for (const Series &s : seriesOf(*f.evidence)) {
            // hourly summaries (a second step may ask for them) locate a fault within a day
            const bool hourly = s.size() >= 2 && s.times.at(0).secsTo(s.times.at(1)) <= 3600;
            for (int i = 0; i < s.size(); ++i) {
                if (hourly)
                    hours.append({s.times.at(i), s.value(i, u"value")});
                else
                    meter[s.times.at(i).date()] += s.value(i, u"value");
            }
        }
    }
    // hours metered at about twice their neighbours: a replayed or double-counted stretch
    const auto doubledHours = [&](const QDateTime &from, const QDateTime &to) {
        QList<std::pair<QDateTime, double>> in;
        for (const auto &h : std::as_const(hours)) {
            if (h.first >= from && h.first < to)
                in.append(h);
        }
        QList<double> values;
        for (const auto &h : std::as_const(in))
            values.append(h.second);
        const double typical = median(values);
        QString run;
        QDateTime start;
        QDateTime end;
        for (const auto &h : std::as_const(in)) {
            const bool high = typical > 0 && h.second >= 1.6 * typical;
            if (high && !start.isValid())
                start = h.first;
            if (high)
                end = h.first.addSecs(3600);
            if (!high && start.isValid())
                break;
        }
        if (start.isValid() && start.secsTo(end) <= 12 * 3600)
            run = clock(start, input.ticket.createdAt) + u" and "_s +
                  clock(end, input.ticket.createdAt);
        return run;
    };
    const Policy policy = policyFromDocs(input);
    const Table inv(invoices.first().evidence->data);
    const QString invoiceEvidence = invoices.first().evidence->id;
    const QString usageEvidence = usage.first().evidence->id;
    const QString ticketText = input.ticket.subject + u' ' + input.ticket.description;
    bool ticketNamesOne = false;
    for (int r = 0; r < inv.rowCount(); ++r)
        ticketNamesOne = ticketNamesOne ||
                         (!inv.text(r, u"id").isEmpty() && ticketText.contains(inv.text(r, u"id")));
    for (int r = 0; r < inv.rowCount(); ++r) {
        QString ref = inv.ref(r);
        const QString id = inv.text(r, u"id");
        if (ticketNamesOne && !ticketText.contains(id))
            continue;
        if (ref.isEmpty())
            ref = u"stripe:invoice:"_s + id;
        const QDateTime from = inv.time(r, u"period_start");
        const QDateTime to = inv.time(r, u"period_end");
        const double billed = inv.number(r, u"metered_quantity", -1);
        if (billed < 0 || !from.isValid() || !to.isValid())
            continue;
        Day total;
        QList<QDate> periodDays;
        for (auto it = days.cbegin(); it != days.cend(); ++it) {
            const QDateTime start(it.key(), QTime(0, 0), QTimeZone::utc());
            if (start >= from && start < to) {
                total.prompt += it->prompt;
                total.completion += it->completion;
                total.cached += it->cached;
                periodDays.append(it.key());
            }
        }
        if (periodDays.isEmpty())
            continue;
        const QString period = from.date().toString(Qt::ISODate) + u" to "_s +
                               to.addSecs(-1).date().toString(Qt::ISODate);
        const QString logged = formatCount(total.prompt) + u" prompt + "_s +
                               formatCount(total.completion) + u" completion tokens, of which "_s +
                               formatCount(total.cached) + u" cached"_s;
        // which rule reproduces the invoice
        CachedRule matched = CachedRule::Unknown;
        double bestError = 1e18;
        for (CachedRule rule : {CachedRule::Excluded, CachedRule::Full, CachedRule::Discounted}) {
            const double expected = billable(total, rule, policy.discount);
            const double error = std::abs(billed - expected) / std::max(1.0, expected);
            if (error < bestError) {
                bestError = error;
                matched = rule;
            }
        }
        const bool reproduced =
            bestError <= 0.01 && (total.cached > 0 || matched != CachedRule::Discounted);
        const CachedRule rule = policy.rule != CachedRule::Unknown
                                    ? policy.rule
                                    : (reproduced ? matched : CachedRule::Excluded);
        const double expected = billable(total, rule, policy.discount);

        // per-day: the meter against the logs under the rule
        QStringList doubled;
        QStringList dropped;
        for (const QDate &d : std::as_const(periodDays)) {
            if (meter.isEmpty())
                break;
            const double e = billable(days.value(d), rule, policy.discount);
            const double m = meter.value(d, 0);
            if (e <= 0)
                continue;
            if (m >= 1.8 * e)
                doubled.append(d.toString(Qt::ISODate));
            else if (m <= 0.2 * e)
                dropped.append(d.toString(Qt::ISODate));
        }
        Finding f;
        f.summary = u"Invoice "_s + id + u" ("_s + period + u") bills "_s + formatCount(billed) +
                    u" tokens; the logs show "_s + logged + u", i.e. "_s + formatCount(expected) +
                    u" billable with "_s + ruleWords(rule, policy.discount);
        f.refs = {ref};
        f.evidenceIds = {invoiceEvidence, usageEvidence};
        f.confidence = 0.8;
        out.findings.append(f);

        Hypothesis h;
        h.cause.refs = {ref};
        h.cause.evidenceIds = {invoiceEvidence, usageEvidence};
        if (!meterEvidence.isEmpty())
            h.cause.evidenceIds.append(meterEvidence);
        const double diff = billed - expected;
        if (!doubled.isEmpty() || !dropped.isEmpty()) {
            h.cause.category = QLatin1StringView(Category::BillingPipeline);
            h.score = 0.88;
            QStringList what;
            if (!doubled.isEmpty())
                what.append(u"counted twice on "_s + doubled.mid(0, 5).join(u", "_s));
            if (!dropped.isEmpty())
                what.append(u"missing on "_s + dropped.mid(0, 5).join(u", "_s));
            h.cause.summary = u"Our metering is wrong: usage was "_s + what.join(u" and "_s) +
                              u", so invoice "_s + id + u" bills "_s + formatCount(billed) +
                              u" tokens instead of the "_s + formatCount(expected) +
                              u" logged ("_s + (diff >= 0 ? u"+"_s : QString()) +
                              formatShare(diff / std::max(1.0, expected)) + u')';
        } else if (policy.rule != CachedRule::Unknown && reproduced && matched != policy.rule) {
            h.cause.category = QLatin1StringView(Category::BillingPipeline);
            h.score = 0.85;
            h.cause.summary = u"Invoice "_s + id + u" bills "_s + formatCount(billed) +
                              u" tokens with "_s + ruleWords(matched, policy.discount) +
                              u", but our pricing says "_s +
                              ruleWords(policy.rule, policy.discount) + u": "_s +
                              formatCount(expected) + u" tokens should have been billed"_s;
            if (!policy.docRef.isEmpty())
                h.cause.refs.append(policy.docRef);
        } else if (std::abs(diff) <= 0.01 * std::max(1.0, expected)) {
            // equal to the raw logged tokens: no rule was needed to explain it, nothing is wrong
            const double raw = total.prompt + total.completion;
            const bool nothingToExplain = std::abs(billed - raw) <= 0.01 * std::max(1.0, raw);
            h.cause.category = QLatin1StringView(nothingToExplain ? Category::NoFaultFound
                                                                  : Category::ExpectedBehavior);
            h.score = policy.rule != CachedRule::Unknown ? 0.82 : 0.65;
            h.cause.summary = u"Invoice "_s + id + u" is correct: it bills "_s +
                              formatCount(billed) + u" tokens = "_s + formatCount(total.prompt) +
                              u" prompt + "_s + formatCount(total.completion) +
                              u" completion tokens with "_s + ruleWords(rule, policy.discount) +
                              u" ("_s + formatCount(total.cached) + u" cached tokens)"_s;
            if (!policy.docRef.isEmpty())
                h.cause.refs.append(policy.docRef);
            out.rejected.append({QLatin1StringView(Category::BillingPipeline),
                                 u"the invoice matches the logged usage to within 1%"_s,
                                 {}});
        } else {
            h.cause.category = QLatin1StringView(Category::BillingPipeline);
            h.score = 0.7;
            h.cause.summary = u"Invoice "_s + id + u" bills "_s + formatCount(billed) +
                              u" tokens but the logs give "_s + formatCount(expected) +
                              u" billable tokens ("_s + (diff >= 0 ? u"+"_s : QString()) +
                              formatShare(diff / std::max(1.0, expected)) + u") for "_s + period;
            const QString run = diff > 0 ? doubledHours(from, to) : QString();
            if (!run.isEmpty()) {
                h.cause.summary += u"; the meter counted about twice the usual usage between "_s +
                                   run + u", i.e. those hours were counted twice"_s;
                h.score = 0.85;
            }
        }
        h.cause.confidence = h.score;
        h.why = u"invoice against logs"_s;
        out.hypotheses.append(h);
    }
    return out;
}

} // namespace Casefile
