#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/unchecked.h"

using namespace Qt::StringLiterals;

namespace Casefile {

AnalyzerOutput analyzeScope(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const OrgScope s = orgScope(input);
    if (!s.present) {
        if (dataMissing(input, u"clickhouse", u"org_comparison"))
            out.notChecked.append(unchecked(u"org_comparison"_s));
        return out;
    }
    if (!s.orgFound || s.otherOrgs == 0)
        return out;
    Finding f;
    f.evidenceIds = {s.evidenceId};
    f.confidence = 0.7;
    const QString org = input.params.orgName.isEmpty() ? s.org : input.params.orgName;
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    if (s.timeResolved) {
        f.summary =
            u"In the minutes of the failure burst ("_s + clock(s.burstFrom, reference) +
            (s.burstTo.isValid() ? u" to "_s + clock(s.burstTo, reference) : u" onwards"_s) +
            u"), "_s;
    }
    f.summary +=
        org + u": "_s + formatShare(s.orgErrorRate) + u" errors"_s +
        (s.orgP95 > 0 && !s.timeResolved ? u", p95 "_s + formatMs(s.orgP95) : QString()) +
        (s.otherOrgs == 1
             ? u"; the other organisation: "_s
             : QString(u"; the other "_s + QString::number(s.otherOrgs) + u" organisations: "_s)) +
        formatShare(s.othersErrorRate) + u" errors"_s +
        (s.othersMedianP95 > 0 && !s.timeResolved ? u", median p95 "_s + formatMs(s.othersMedianP95)
                                                  : QString());
    if (s.otherOrgsWithErrors > 0)
        f.summary +=
            u" ("_s + QString::number(s.otherOrgsWithErrors) + u" of them with elevated errors)"_s;
    // the same clauses as the summary: a p95 only over the whole window and when there is one
    const bool orgP95 = s.orgP95 > 0 && !s.timeResolved;
    const bool othersP95 = s.othersMedianP95 > 0 && !s.timeResolved;
    const QString others = s.otherOrgs == 1 ? u"orgs.other_"_s : u"orgs.others_"_s;
    if (s.timeResolved) {
        f.phrases.append(
            s.burstTo.isValid()
                ? Phrase{u"orgs.in_burst"_s,
                         {Say::time(u"from"_s, s.burstFrom), Say::time(u"to"_s, s.burstTo)}}
                : Phrase{u"orgs.in_burst_from"_s, {Say::time(u"from"_s, s.burstFrom)}});
    }
    f.phrases.append({orgP95 ? u"orgs.org_levels"_s : u"orgs.org_errors"_s,
                      {Say::name(u"org"_s, org), Say::share(u"errors"_s, s.orgErrorRate),
                       Say::millis(u"p95"_s, s.orgP95)}});
    f.phrases.append(
        {others + (othersP95 ? u"levels"_s : u"errors"_s),
         {Say::count(u"count"_s, s.otherOrgs), Say::share(u"errors"_s, s.othersErrorRate),
          Say::millis(u"p95"_s, s.othersMedianP95)}});
    if (s.otherOrgsWithErrors > 0)
        f.phrases.append(
            {u"orgs.others_elevated"_s, {Say::count(u"count"_s, s.otherOrgsWithErrors)}});
    out.findings.append(f);
    const bool onlyThisOrg = s.orgErrorRate >= 0.05 && s.otherOrgsWithErrors == 0;
    const bool everyone = s.otherOrgsWithErrors > 0 && s.otherOrgsWithErrors * 2 >= s.otherOrgs;
    if (onlyThisOrg) {
        out.rejected.append(
            {QLatin1StringView(Category::ProviderOutage),
             u"other organisations on the same providers saw normal error rates ("_s +
                 formatShare(s.othersErrorRate) + u')',
             {}});
    } else if (everyone) {
        out.rejected.append(
            {QLatin1StringView(Category::CustomerConfig),
             u"most other organisations saw the same errors, so it is not one customer's config"_s,
             {}});
    }
    return out;
}

} // namespace Casefile
