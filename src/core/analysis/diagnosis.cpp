#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/time.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using Analysis::escapeMarkdown;

QString firstName(const QString &name)
{
    const QString n = name.trimmed().section(u' ', 0, 0);
    return n.isEmpty() ? u"there"_s : n;
}

QString sentence(const QString &text)
{
    QString s = text.trimmed();
    if (s.isEmpty())
        return s;
    s[0] = s.at(0).toUpper();
    if (!s.endsWith(u'.') && !s.endsWith(u'!') && !s.endsWith(u'?'))
        s += u'.';
    return s;
}

QString refValue(const RootCause &cause, QStringView prefix)
{
    for (const QString &ref : cause.refs) {
        if (ref.startsWith(prefix))
            return ref.mid(prefix.size());
    }
    return {};
}

QString configSnippet(const RootCause &cause)
{
    const QString s = cause.summary;
    QStringList lines;
    const bool timeout = s.contains(u"request_timeout"_s);
    const bool codes = s.contains(u"on_status_codes"_s);
    lines << u"{"_s << u"  \"strategy\": {"_s;
    lines << (codes ? u"    \"mode\": \"fallback\","_s : u"    \"mode\": \"fallback\""_s);
    if (codes)
        lines << u"    \"on_status_codes\": [408, 429, 500, 502, 503, 504]"_s;
    lines << u"  },"_s << u"  \"targets\": ["_s;
    lines << u"    { \"virtual_key\": \"<primary key>\", \"request_timeout\": 20000 },"_s;
    lines
        << u"    { \"virtual_key\": \"<fallback key on another provider>\", \"request_timeout\": 20000 }"_s;
    lines << u"  ]"_s << u"}"_s;
    Q_UNUSED(timeout)
    return u"```json\n"_s + lines.join(u'\n') + u"\n```"_s;
}

QString doingText(const RootCause &cause)
{
    const QString c = cause.category;
    if (c == QLatin1StringView(Category::DeployRegression))
        return u"This was caused by a change we shipped. Our engineers are rolling it back or "
               u"fixing it now, and we will confirm here as soon as it is back to normal."_s;
    if (c == QLatin1StringView(Category::ProviderOutage))
        return u"This was caused by an incident at the upstream provider. We are monitoring it "
               u"and requests recover as the provider recovers."_s;
    if (c == QLatin1StringView(Category::KnownBug))
        return u"This is a known issue on our side that our engineers are already working on. "
               u"We will update you here when the fix is released."_s;
    if (c == QLatin1StringView(Category::BillingPipeline))
        return u"Our usage metering counted these tokens incorrectly. We are correcting it and "
               u"will issue a corrected invoice; you do not need to do anything."_s;
    if (c == QLatin1StringView(Category::NoFaultFound))
        return u"We did not find a fault on our side in the data we checked."_s;
    return u"Nothing on our side needs to be fixed for this; the steps below resolve it."_s;
}

QString nextStepsText(const RootCause &cause, const AnalysisInput &input)
{
    const QString c = cause.category;
    if (c == QLatin1StringView(Category::CustomerConfig)) {
        const QString config = refValue(cause, u"config:");
        QString t = config.isEmpty() ? u"Please update your routing config"_s
                                     : u"Please update your routing config `"_s + config + u'`';
        t +=
            u": set `request_timeout` (in milliseconds) on every target so a slow provider fails "
            u"over instead of hanging, let the fallback trigger on timeouts, rate limits and "
            u"server errors, and keep a fallback target on a different provider. For example:\n\n"_s +
            configSnippet(cause);
        return t;
    }
    if (c == QLatin1StringView(Category::CustomerEndpoint)) {
        const QString endpoint = refValue(cause, u"endpoint:");
        return u"Please check that your endpoint "_s +
               (endpoint.isEmpty() ? QString() : u'`' + endpoint + u"` "_s) +
               u"is reachable from the internet, presents a valid TLS certificate for its host "
               u"name and answers with a 2xx status within 10 seconds. We retry failed "
               u"deliveries automatically once it answers again."_s;
    }
    if (c == QLatin1StringView(Category::RateLimited))
        return u"Please spread requests over time or retry with exponential backoff, honouring the "
               u"`Retry-After` header. If you need a higher limit, reply here and we will look at "
               u"your plan."_s;
    if (c == QLatin1StringView(Category::SdkVersion)) {
        const QString sdk = refValue(cause, u"sdk:");
        return u"Please pin the previous SDK version"_s +
               (sdk.isEmpty() ? QString() : u" (instead of `"_s + sdk + u"`)"_s) +
               u" until a fixed release is available, or pass the metadata header explicitly."_s;
    }
    if (c == QLatin1StringView(Category::ProviderOutage))
        return u"To ride out future provider incidents, add a fallback target on another provider "
               u"to your routing config, with `request_timeout` set on each target."_s;
    if (c == QLatin1StringView(Category::ExpectedBehavior)) {
        const QString doc = refValue(cause, u"docs:");
        return u"This matches the documented behaviour"_s +
               (doc.isEmpty() ? QString() : u" (see `"_s + doc + u"` in our docs)"_s) +
               u". Let us know if anything in it is unclear."_s;
    }
    if (c == QLatin1StringView(Category::NoFaultFound))
        return u"If you still see the problem, please reply with a request ID (or trace ID) and "
               u"the time it happened, and we will look at that request directly."_s;
    Q_UNUSED(input)
    return u"No action is needed on your side."_s;
}

} // namespace

QString composeDiagnosis(const AnalysisInput &input, const Investigation &investigation)
{
    using namespace Analysis;
    const Ticket &ticket = investigation.ticket.isValid() ? investigation.ticket : input.ticket;
    QString md;
    md += u"Hi "_s + escapeMarkdown(firstName(ticket.requesterName)) + u",\n\n"_s;
    QString intro = u"Thanks for reaching out"_s;
    if (!ticket.subject.trimmed().isEmpty())
        intro +=
            u" about \u201c"_s + escapeMarkdown(ticket.subject.trimmed().left(200)) + u"\u201d"_s;
    intro += u". We looked into it"_s;
    const TimeWindow window =
        investigation.window.isValid() ? investigation.window : input.params.window;
    const QString org = !input.params.orgName.isEmpty() ? input.params.orgName : ticket.orgName;
    if (!org.isEmpty())
        intro += u" using "_s + escapeMarkdown(org) + u"'s request logs"_s;
    if (window.isValid())
        intro +=
            u" from "_s +
            escapeMarkdown(toIsoUtc(window.from).replace(u'T', u' ').replace(u"Z"_s, u" UTC"_s)) +
            u" to "_s +
            escapeMarkdown(toIsoUtc(window.to).replace(u'T', u' ').replace(u"Z"_s, u" UTC"_s));
    md += intro + u".\n\n"_s;

    const std::optional<RootCause> &cause = investigation.rootCause;
    if (cause) {
        md += u"**Summary:** "_s + escapeMarkdown(sentence(cause->summary)) + u"\n\n"_s;
    }
    if (!investigation.findings.isEmpty()) {
        md += u"### What we found\n\n"_s;
        int shown = 0;
        for (const Finding &f : investigation.findings) {
            if (shown++ >= 5)
                break;
            md += u"- "_s + escapeMarkdown(sentence(f.summary)) + u'\n';
        }
        md += u'\n';
    }
    if (cause) {
        md += u"### What we are doing\n\n"_s + doingText(*cause) + u"\n\n"_s;
        md += u"### What you can do\n\n"_s + nextStepsText(*cause, input) + u"\n\n"_s;
    }
    if (!investigation.notChecked.isEmpty()) {
        md += u"### What we could not check\n\n"_s;
        for (const QString &n : investigation.notChecked)
            md += u"- "_s + escapeMarkdown(sentence(n)) + u'\n';
        md += u"\nWe will follow up if any of these change the picture.\n\n"_s;
    }
    md += u"All times are in UTC.\n\nBest regards,\nSupport team\n"_s;
    return md;
}

} // namespace Casefile
