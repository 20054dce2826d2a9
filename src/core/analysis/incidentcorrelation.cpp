#include "core/analysis/incidentcorrelation.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/tokenreconciliation.h"
#include "core/analysis/unchecked.h"
#include "core/time.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Analysis {

namespace {

// Whether `models` (lower case) name `model`: "claude-opus-4.1" is "claude-opus-4-1".
bool namesModel(const QStringList &models, const QString &model)
{
    const auto key = [](QString name) -> QString {
        return name.toLower().replace(u'.', u'-');
    };
    const QString wanted = key(model);
    return std::any_of(models.cbegin(), models.cend(),
                       [&](const QString &m) { return key(m) == wanted; });
}

QString incidentText(const QJsonObject &e)
{
    QString text = e.value(u"title"_s).toString();
    for (const QJsonValue &c : e.value(u"components"_s).toArray())
        text += u' ' + (c.isObject() ? c.toObject().value(u"name"_s).toString() : c.toString());
    for (const QJsonValue &u : e.value(u"updates"_s).toArray())
        text += u' ' + u.toObject().value(u"body"_s).toString();
    return text;
}

// A provider's products that gateway traffic never reaches ('' route) or reaches only on
// their own routes: an incident about one of them says nothing about other traffic.
struct Product
{
    QLatin1StringView word;
    QLatin1StringView route;
};
constexpr Product Products[] = {
    {QLatin1StringView("chatgpt"), {}},
    {QLatin1StringView("sora"), {}},
    {QLatin1StringView("claude.ai"), {}},
    {QLatin1StringView("claude code"), {}},
    {QLatin1StringView("claude app"), {}},
    {QLatin1StringView("console"), {}},
    {QLatin1StringView("realtime"), QLatin1StringView("realtime")},
    {QLatin1StringView("batch"), QLatin1StringView("batch")},
    {QLatin1StringView("image"), QLatin1StringView("image")},
    {QLatin1StringView("dall-e"), QLatin1StringView("image")},
    {QLatin1StringView("embedding"), QLatin1StringView("embedding")},
    {QLatin1StringView("fine-tun"), QLatin1StringView("fine")},
    {QLatin1StringView("file search"), QLatin1StringView("file")},
    {QLatin1StringView("audio"), QLatin1StringView("audio")},
    {QLatin1StringView("speech"), QLatin1StringView("audio")},
    {QLatin1StringView("whisper"), QLatin1StringView("audio")},
    {QLatin1StringView("assistants"), QLatin1StringView("assistants")},
    {QLatin1StringView("moderation"), QLatin1StringView("moderation")},
};

// The product an incident is about when the failed traffic does not use it ('' otherwise):
// `routes` are the routes of the failed traffic (or of the org's traffic). Only the title and
// component names count: update bodies mention products in passing.
QString otherProduct(const QJsonObject &incident, const QStringList &routes)
{
    QString text = incident.value(u"title"_s).toString();
    for (const QJsonValue &c : incident.value(u"components"_s).toArray())
        text += u' ' + (c.isObject() ? c.toObject().value(u"name"_s).toString() : c.toString());
    text = text.toLower();
    for (const Product &p : Products) {
        if (!text.contains(p.word))
            continue;
        if (p.route.isEmpty())
            return QString(p.word);
        if (!routes.isEmpty() &&
            std::none_of(routes.cbegin(), routes.cend(),
                         [&](const QString &r) { return r.toLower().contains(p.route); }))
            return QString(p.word);
    }
    return {};
}

// The models the org sends to a provider (traffic_overview rows).
QStringList orgModels(const AnalysisInput &input, const QString &provider)
{
    QStringList models;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
        const Table t(f.evidence->data);
        for (int r = 0; r < t.rowCount(); ++r) {
            if (t.text(r, u"provider") == provider && !t.text(r, u"model").isEmpty())
                appendUnique(models, t.text(r, u"model"));
        }
    }
    return models;
}

// "09:10–10:02 UTC", "09:10 UTC–ongoing"
QString incidentWhen(const StatusIncident &e, const QDateTime &reference)
{
    return e.end.isValid() ? clockRange(e.start, e.end, reference)
                           : clock(e.start, reference) + u"\u2013ongoing"_s;
}

// The models of the org's failed requests to the failure's provider while it lasted.
QStringList failingModels(const ErrorProfile &errors, const IncidentFailure &f,
                          const QDateTime &windowTo)
{
    QStringList models;
    const QDateTime to = f.to.isValid() ? f.to : windowTo;
    for (const ErrorGroup &g : errors.groups) {
        if (g.model.isEmpty() || (!f.provider.isEmpty() && g.provider != f.provider))
            continue;
        if ((g.last.isValid() && f.from.isValid() && g.last < f.from) ||
            (g.first.isValid() && to.isValid() && g.first > to))
            continue;
        appendUnique(models, g.model);
    }
    return models;
}

QList<IncidentFailure> failuresOf(const AnalysisInput &input, const ChangeReport &report,
                                  const ErrorProfile &errors, const QString &provider,
                                  const QString &model)
{
    const QDateTime windowTo =
        input.params.window.to.isValid() ? input.params.window.to : input.now;
    QList<IncidentFailure> out;
    QList<const SeriesChange *> changes = report.changed();
    if (report.primary) {
        changes.removeAll(report.primary);
        changes.prepend(report.primary);
    }
    // an episode over before the time the customer gives, beside a change going on from then,
    // is not what they report (last night's incident beside this morning's slowness)
    const QDateTime reported = input.params.anchor;
    const auto overBefore = [&](const SeriesChange *c) {
        return c->overBefore(reported);
    };
    if (report.primary && !overBefore(report.primary))
        changes.removeIf(overBefore);
    for (const SeriesChange *c : std::as_const(changes)) {
        IncidentFailure f{c->at, c->end, provider, model, *c};
        const QString p = c->labels.value(u"provider"_s).toString();
        const QString m = c->labels.value(u"model"_s).toString();
        if (!p.isEmpty())
            f.provider = p;
        if (!m.isEmpty()) {
            f.model = m;
            if (p.isEmpty())
                f.provider = providerOfModel(m);
        } else if (!p.isEmpty() && p != provider) {
            f.model.clear(); // the ticket's model belongs to another provider
        }
        out.append(f);
    }
    if (out.isEmpty() && errors.serverFirst.isValid() && errors.serverErrors >= 10)
        out.append({errors.serverFirst, errors.serverLast, provider, model, std::nullopt});
    // a change seen per provider or route is about the models whose own series changed
    for (IncidentFailure &f : out) {
        if (!f.model.isEmpty())
            continue;
        for (const IncidentFailure &other : std::as_const(out)) {
            if (!other.model.isEmpty() && other.provider == f.provider) {
                f.model = other.model;
                break;
            }
        }
        // the org sends one model to that provider: that is what failed
        if (const QStringList models = orgModels(input, f.provider);
            f.model.isEmpty() && models.size() == 1)
            f.model = models.first();
        if (f.model.isEmpty()) {
            f.models = failingModels(errors, f, windowTo);
            if (f.models.isEmpty())
                f.models = orgModels(input, f.provider);
        }
    }
    return out;
}

// The routes of what failed: the change's, the ticket's, else every route of the org.
QStringList failedRoutes(const AnalysisInput &input, const ChangeReport &report)
{
    QStringList routes;
    if (report.primary && report.primary->labels.contains(u"route"_s))
        routes = {report.primary->labels.value(u"route"_s).toString()};
    else if (!input.params.route.isEmpty())
        routes = {input.params.route};
    if (routes.isEmpty()) {
        for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
            const Table t(f.evidence->data);
            for (int r = 0; r < t.rowCount(); ++r)
                appendUnique(routes, t.text(r, u"route"));
        }
    }
    return routes;
}

IncidentJudgement judgeIncident(const IncidentFacts &facts, const StatusIncident &incident)
{
    IncidentJudgement j;
    if (facts.failures.isEmpty())
        return j; // NoChange
    if (!incident.otherProduct.isEmpty()) {
        j.match = IncidentMatch::OtherProduct;
        return j;
    }
    for (int i = 0; i < facts.failures.size(); ++i) {
        const IncidentMatch m = matchIncident(incident, facts.failures.at(i), facts.windowTo);
        if (m == IncidentMatch::Explains) {
            j.match = m;
            j.failure = i;
            break;
        }
        if (j.failure < 0) { // the primary failure's mismatch explains best
            j.match = m;
            j.failure = i;
        }
    }
    if (j.match != IncidentMatch::Explains)
        return j;
    const IncidentFailure &matched = facts.failures.at(j.failure);
    j.providerErrors = facts.serverErrors >= 10 && !facts.serverProvider.isEmpty() &&
                       (matched.provider.isEmpty() || facts.serverProvider == matched.provider);
    j.score = 0.6;
    if (j.providerErrors)
        j.score += 0.15;
    if (incident.start.isValid() && std::abs(incident.start.secsTo(matched.from)) <= 45 * 60)
        j.score += 0.1;
    j.refs = {incident.ref};
    if (!matched.provider.isEmpty())
        j.refs.append(u"provider:"_s + matched.provider);
    if (!matched.model.isEmpty() && namesModel(incident.models, matched.model)) {
        j.refs.append(u"model:"_s + matched.model);
    } else if (matched.model.isEmpty()) {
        // the failure's own series names no model: the one model of the incident's that the
        // failing (else the org's) requests to the provider used
        QStringList named;
        for (const QString &m : matched.models) {
            if (namesModel(incident.models, m))
                appendUnique(named, m);
        }
        if (named.size() == 1)
            j.refs.append(u"model:"_s + named.first());
    }
    return j;
}

// Whether a page was open while the meter departed from the logs (an hour's slack each side:
// a lag page fires after the events stop arriving).
bool duringDeparture(const IncidentFacts &facts, const OnCallPage &page)
{
    if (!page.start.isValid())
        return false;
    return std::any_of(facts.meterDepartures.cbegin(), facts.meterDepartures.cend(),
                       [&](const std::pair<QDateTime, QDateTime> &d) {
                           return page.start <= d.second.addSecs(3600) &&
                                  (!page.end.isValid() || page.end >= d.first.addSecs(-3600));
                       });
}

PageJudgement judgePage(const IncidentFacts &facts, const OnCallPage &page)
{
    PageJudgement j;
    if (facts.billing) {
        // billing has no change point: a page counts only when it is about billing and open
        // while the meter departed from the logs, not whenever it falls in the invoice's period
        for (const QString &w :
             {u"billing"_s, u"meter"_s, u"metering"_s, u"invoice"_s, u"usage"_s, u"stripe"_s})
            j.aboutBilling = j.aboutBilling || page.text.contains(w);
        j.overlaps = duringDeparture(facts, page);
        j.relevant = j.aboutBilling && j.overlaps;
        return j;
    }
    const bool haveChange = !facts.failures.isEmpty();
    if (haveChange && page.start.isValid()) {
        const IncidentFailure &first = facts.failures.first();
        const QDateTime to = first.to.isValid() ? first.to : facts.windowTo;
        j.overlaps =
            page.start <= to && (!page.end.isValid() || page.end >= first.from.addSecs(-15 * 60));
    }
    const QString provider = haveChange ? facts.failures.first().provider : facts.affectedProvider;
    const bool aboutIt = !provider.isEmpty() && page.text.contains(provider);
    j.relevant = j.overlaps && aboutIt;
    return j;
}

// The hours each invoice's mismatching line departed from the logs: the run of hours metered
// twice or not at all, else the whole days metered twice or not at all.
QList<std::pair<QDateTime, QDateTime>> meterDepartures(const AnalysisInput &input)
{
    QList<std::pair<QDateTime, QDateTime>> out;
    const BillingFacts billing = gatherBilling(input);
    for (const InvoiceFacts &invoice : billing.invoices) {
        const InvoiceVerdict verdict = judgeInvoice(invoice, billing.policy);
        if (verdict.worst < 0)
            continue;
        const LineVerdict &line = verdict.lines.at(verdict.worst);
        if (line.runFrom.isValid()) {
            out.append({line.runFrom, line.runTo.isValid() ? line.runTo : line.runFrom});
            continue;
        }
        for (const QString &day : line.doubledDays + line.droppedDays) {
            const QDateTime start = fromIso(day + u"T00:00:00Z"_s);
            if (start.isValid())
                out.append({start, start.addDays(1)});
        }
    }
    return out;
}

// “Elevated errors” (openai, 09:10–10:02 UTC)
QString incidentLabel(const StatusIncident &e, const QDateTime &reference)
{
    return u"\u201c"_s + e.title + u"\u201d ("_s + e.page + u", "_s + incidentWhen(e, reference) +
           u')';
}

QString mismatchReason(const IncidentFacts &facts, const StatusIncident &e,
                       const IncidentJudgement &j)
{
    const QString label = incidentLabel(e, facts.reference);
    if (j.match == IncidentMatch::NoChange)
        return label + u" has no matching change in this customer's latency or errors"_s;
    if (j.match == IncidentMatch::OtherProduct)
        return label + u" is about "_s + e.otherProduct +
               u", which the failing traffic does not use"_s;
    const IncidentFailure &f = facts.failures.at(j.failure);
    const QString failed = f.model.isEmpty() ? f.models.join(u", "_s) : f.model;
    switch (j.match) {
    case IncidentMatch::OtherProvider:
        return label + u" is for "_s + e.page + u", but the affected traffic goes to "_s +
               f.provider;
    case IncidentMatch::OtherModel:
        return label + u" concerns "_s + e.models.join(u", "_s) + u", not "_s + failed +
               u", which the failing requests used"_s;
    case IncidentMatch::OtherFamily:
        return label + u" concerns Claude "_s + familiesIn(e.text).join(u", "_s) + u", not "_s +
               failed + u", which the failing requests used"_s;
    default:
        return label + u" does not overlap the change at "_s + clock(f.from, facts.reference) +
               (f.to.isValid() ? u"\u2013"_s + clock(f.to, facts.reference) : QString());
    }
}

void phraseIncident(const IncidentFacts &facts, const StatusIncident &e, const IncidentJudgement &j,
                    AnalyzerOutput &out)
{
    const QString category{QLatin1StringView(Category::ProviderOutage)};
    if (j.match != IncidentMatch::Explains) {
        out.rejected.append({category, mismatchReason(facts, e, j), {e.ref}});
        return;
    }
    const IncidentFailure &matched = facts.failures.at(j.failure);
    QString s = (e.page.isEmpty() ? QString() : e.page.at(0).toUpper() + e.page.mid(1)) +
                u" reported \u201c"_s + e.title + u"\u201d from "_s +
                incidentWhen(e, facts.reference);
    if (matched.change)
        s += u", matching "_s + matched.change->describe(facts.reference);
    else if (j.providerErrors)
        s += u", matching "_s + formatCount(facts.serverErrors) + u" failed requests to "_s +
             facts.serverProvider;
    QList<Phrase> phrases;
    if (e.end.isValid())
        phrases.append({u"incident.reported"_s,
                        {Say::name(u"provider"_s, e.page), Say::name(u"title"_s, e.title),
                         Say::time(u"from"_s, e.start), Say::time(u"to"_s, e.end)}});
    else
        phrases.append({u"incident.reported_ongoing"_s,
                        {Say::name(u"provider"_s, e.page), Say::name(u"title"_s, e.title),
                         Say::time(u"from"_s, e.start)}});
    if (matched.change)
        phrases.append(matched.change->phrases());
    else if (j.providerErrors)
        phrases.append({u"incident.failures"_s,
                        {Say::count(u"count"_s, facts.serverErrors),
                         Say::name(u"provider"_s, facts.serverProvider)}});
    Hypothesis h;
    h.cause.category = category;
    h.score = j.score;
    h.cause.summary = s;
    h.cause.phrases = phrases;
    h.cause.confidence = std::min(0.92, h.score);
    h.cause.refs = j.refs;
    h.cause.evidenceIds = {e.evidenceId};
    if (matched.change)
        h.cause.evidenceIds.append(matched.change->evidenceId);
    h.why = u"provider incident overlaps the change"_s;
    out.hypotheses.append(h);
    Finding fd;
    fd.summary = s;
    fd.phrases = phrases;
    fd.refs = {e.ref};
    fd.evidenceIds = {e.evidenceId};
    fd.confidence = h.cause.confidence;
    out.findings.append(fd);
}

void phrasePage(const IncidentFacts &facts, const OnCallPage &e, const PageJudgement &j,
                AnalyzerOutput &out)
{
    if (j.relevant) {
        Finding fd;
        fd.summary = u"Our on-call was paged at "_s + clock(e.start, facts.reference) +
                     (e.end.isValid() ? u" (resolved "_s + clock(e.end, facts.reference) + u')'
                                      : QString()) +
                     u": \u201c"_s + e.title + u"\u201d"_s;
        fd.phrases = {
            {u"page.paged"_s, {Say::time(u"at"_s, e.start), Say::name(u"title"_s, e.title)}}};
        fd.refs = {e.ref};
        fd.evidenceIds = {e.evidenceId};
        fd.confidence = j.aboutBilling ? 0.75 : 0.6;
        out.findings.append(fd);
        return;
    }
    QString why = j.overlaps ? u" is about something else"_s : u" is at another time"_s;
    if (facts.billing && j.aboutBilling)
        why = facts.meterDepartures.isEmpty()
                  ? u" changed nothing the meters recorded"_s
                  : u" is outside the hours the meter departed from the logs"_s;
    out.rejected.append({QString(QLatin1StringView(facts.billing ? Category::BillingPipeline
                                                                 : Category::ProviderOutage)),
                         u"PagerDuty incident \u201c"_s + e.title + u"\u201d at "_s +
                             clock(e.start, facts.reference) + why,
                         {e.ref}});
}

AnalyzerOutput phraseIncidents(const IncidentFacts &facts, const IncidentCorrelationVerdict &v)
{
    AnalyzerOutput out;
    for (qsizetype i = 0; i < facts.incidents.size(); ++i)
        phraseIncident(facts, facts.incidents.at(i), v.incidents.at(i), out);
    if (v.noIncidentListed)
        out.rejected.append({QString(QLatin1StringView(Category::ProviderOutage)),
                             u"no incident on the provider status pages in the window"_s,
                             {}});
    for (qsizetype i = 0; i < facts.pages.size(); ++i)
        phrasePage(facts, facts.pages.at(i), v.pages.at(i), out);
    return out;
}

} // namespace

// Model names an incident mentions ("gpt-4o-mini", "claude-sonnet-4-6"), written as status
// pages write them too: "Gemini 2.5 Pro" is gemini-2.5-pro, "Llama 3.3 70B" llama-3.3-70b.
QStringList modelsIn(const QString &text)
{
    static const QRegularExpression re(
        u"\\b((?:gpt|claude|gemini|mistral|mixtral|llama|command|o[134])(?:[\\w.\\-]*[\\w])?)"_s,
        QRegularExpression::CaseInsensitiveOption);
    // "GPT-4o mini" names the model gpt-4o-mini
    static const QRegularExpression size(u"(\\d[a-z]?)\\s+(mini|nano|turbo)\\b"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    // a family, a version, then the words of a variant, with spaces: "Gemini 2.5 Flash-Lite"
    static const QRegularExpression spaced(
        u"\\b(gemini|llama|mistral|mixtral|command)\\s+(\\d[\\w.]*)((?:\\s+(?:flash-lite|flash|pro|"
        u"ultra|lite|nano|mini|\\d+b|large|medium|small|versatile|instant|instruct)\\b)*)"_s,
        QRegularExpression::CaseInsensitiveOption);
    // "Claude Sonnet 4.5" is claude-sonnet-4.5; "Claude 3.5 Sonnet" claude-3.5-sonnet
    static const QRegularExpression claude(
        u"\\bclaude\\s+(opus|sonnet|haiku)\\s+(\\d[\\d.]*\\d|\\d)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression claudeVersionFirst(
        u"\\bclaude\\s+(\\d[\\d.]*\\d|\\d)\\s+(opus|sonnet|haiku)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString joined = text;
    joined.replace(size, u"\\1-\\2"_s);
    joined.replace(claude, u"claude-\\1-\\2"_s);
    joined.replace(claudeVersionFirst, u"claude-\\1-\\2"_s);
    QString named;
    qsizetype from = 0;
    for (auto it = spaced.globalMatch(joined); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QStringList parts{m.captured(1), m.captured(2)};
        parts += m.captured(3).simplified().split(u' ', Qt::SkipEmptyParts);
        named += joined.mid(from, m.capturedStart() - from);
        named += parts.join(u'-');
        from = m.capturedEnd();
    }
    named += joined.mid(from);
    joined = named;
    QStringList out;
    auto it = re.globalMatch(joined);
    while (it.hasNext()) {
        const QString name = it.next().captured(1).toLower();
        // "Claude" or "GPT" alone names a family, not a model
        bool specific = false;
        for (QChar c : name)
            specific = specific || c.isDigit();
        if (specific)
            appendUnique(out, name);
    }
    return out;
}

QStringList familiesIn(const QString &text)
{
    QStringList out;
    const QString lower = text.toLower();
    for (const QString &family : {u"haiku"_s, u"sonnet"_s, u"opus"_s})
        if (lower.contains(family))
            out.append(family);
    return out;
}

IncidentMatch matchIncident(const StatusIncident &incident, const IncidentFailure &f,
                            const QDateTime &windowTo)
{
    const bool providerMatches = f.provider.isEmpty() || sameVendor(incident.page, f.provider) ||
                                 incident.text.contains(f.provider, Qt::CaseInsensitive);
    if (!providerMatches)
        return IncidentMatch::OtherProvider;
    // the model that failed, or the models the failing requests may have used
    const QStringList failed = f.model.isEmpty() ? f.models : QStringList{f.model};
    const QStringList &models = incident.models;
    if (!failed.isEmpty() && !models.isEmpty() &&
        std::none_of(failed.cbegin(), failed.cend(),
                     [&](const QString &m) { return namesModel(models, m); }))
        return IncidentMatch::OtherModel;
    const QStringList families = familiesIn(incident.text);
    if (!failed.isEmpty() && models.isEmpty() && !families.isEmpty() &&
        std::none_of(failed.cbegin(), failed.cend(), [&](const QString &m) {
            return std::any_of(families.cbegin(), families.cend(),
                               [&](const QString &fam) { return m.toLower().contains(fam); });
        }))
        return IncidentMatch::OtherFamily;
    const QDateTime to = f.to.isValid() ? f.to : windowTo;
    const QDateTime &start = incident.start;
    const QDateTime &end = incident.end;
    // an incident explains a change that began while it was starting, not hours before it
    if ((end.isValid() && end < f.from.addSecs(-15 * 60)) || (start.isValid() && start > to) ||
        (start.isValid() && start > f.from.addSecs(90 * 60)))
        return IncidentMatch::OtherTime;
    return IncidentMatch::Explains;
}

std::optional<IncidentFacts> gatherIncidents(const AnalysisInput &input)
{
    const QList<FoundEvidence> status = findEvidence(input, u"statuspage", u"incidents");
    const QList<FoundEvidence> pager = findEvidence(input, u"pagerduty", u"incidents");
    if (status.isEmpty() && pager.isEmpty())
        return std::nullopt;
    IncidentFacts facts;
    facts.statusAnswered = !status.isEmpty();
    facts.reference = input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    const auto changes = changeReport(input);
    const ChangeReport &report = *changes;
    const ErrorProfile errors = errorProfile(input);
    facts.affectedProvider = affectedProvider(input);
    facts.failures =
        failuresOf(input, report, errors, facts.affectedProvider, affectedModel(input));
    facts.serverErrors = errors.serverErrors;
    facts.serverProvider = errors.serverProvider;
    facts.windowTo = input.params.window.to.isValid() ? input.params.window.to : input.now;
    facts.billing = input.playbook == u"token-billing";
    if (facts.billing)
        facts.meterDepartures = meterDepartures(input);
    const QStringList routes = failedRoutes(input, report);
    for (const FoundEvidence &f : status) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            StatusIncident i;
            i.ref = e.value(u"ref"_s).toString();
            i.page = e.value(u"page"_s).toString().toLower();
            i.title = e.value(u"title"_s).toString();
            i.text = incidentText(e);
            i.evidenceId = f.evidence->id;
            i.start = timeOf(e.value(u"time"_s));
            i.end = timeOf(e.value(u"end"_s));
            i.models = modelsIn(i.text);
            i.otherProduct = otherProduct(e, routes);
            facts.incidents.append(i);
        }
    }
    for (const FoundEvidence &f : pager) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            OnCallPage p;
            p.ref = e.value(u"ref"_s).toString();
            p.title = e.value(u"title"_s).toString();
            p.text = (p.title + u' ' + e.value(u"service"_s).toString()).toLower();
            p.evidenceId = f.evidence->id;
            p.start = timeOf(e.value(u"time"_s));
            p.end = timeOf(e.value(u"end"_s));
            facts.pages.append(p);
        }
    }
    return facts;
}

IncidentCorrelationVerdict judgeIncidents(const IncidentFacts &facts)
{
    IncidentCorrelationVerdict v;
    for (const StatusIncident &i : facts.incidents)
        v.incidents.append(judgeIncident(facts, i));
    v.noIncidentListed = facts.statusAnswered && facts.incidents.isEmpty();
    for (const OnCallPage &p : facts.pages)
        v.pages.append(judgePage(facts, p));
    return v;
}

} // namespace Casefile::Analysis

namespace Casefile {

AnalyzerOutput analyzeIncidentCorrelation(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    if (dataMissing(input, u"statuspage", u"incidents"))
        out.notChecked.append(unchecked(u"status_pages"_s));
    const std::optional<IncidentFacts> facts = gatherIncidents(input);
    if (!facts)
        return out;
    out.append(phraseIncidents(*facts, judgeIncidents(*facts)));
    return out;
}

} // namespace Casefile
