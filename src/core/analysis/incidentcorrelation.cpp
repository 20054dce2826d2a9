#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using namespace Analysis;

// Model names an incident mentions ("gpt-4o-mini", "claude-sonnet-4-6").
QStringList modelsIn(const QString &text)
{
    static const QRegularExpression re(
        u"\\b((?:gpt|claude|gemini|mistral|mixtral|llama|command|o[134])(?:[\\w.\\-]*[\\w])?)"_s,
        QRegularExpression::CaseInsensitiveOption);
    // "GPT-4o mini" names the model gpt-4o-mini
    static const QRegularExpression size(u"(\\d[a-z]?)\\s+(mini|nano|turbo)\\b"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    QString joined = text;
    joined.replace(size, u"\\1-\\2"_s);
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

// One thing that failed: a changed series, or the provider errors of the error breakdown.
struct Failure
{
    QDateTime from;
    QDateTime to;
    QString provider;
    QString model;
    const SeriesChange *change = nullptr;
};

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

QList<Failure> failuresOf(const AnalysisInput &input, const ChangeReport &report,
                          const ErrorProfile &errors, const QString &provider, const QString &model)
{
    QList<Failure> out;
    QList<const SeriesChange *> changes = report.changed();
    if (report.primary) {
        changes.removeAll(report.primary);
        changes.prepend(report.primary);
    }
    for (const SeriesChange *c : std::as_const(changes)) {
        Failure f{c->at, c->end, provider, model, c};
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
        out.append({errors.serverFirst, errors.serverLast, provider, model, nullptr});
    // a change seen per provider or route is about the models whose own series changed
    for (Failure &f : out) {
        if (!f.model.isEmpty())
            continue;
        for (const Failure &other : std::as_const(out)) {
            if (!other.model.isEmpty() && other.provider == f.provider) {
                f.model = other.model;
                break;
            }
        }
        // the org sends one model to that provider: that is what failed
        if (const QStringList models = orgModels(input, f.provider);
            f.model.isEmpty() && models.size() == 1)
            f.model = models.first();
    }
    return out;
}

// Model families an incident may name without a full model id ("Claude Haiku 4.5").
QStringList familiesIn(const QString &text)
{
    QStringList out;
    const QString lower = text.toLower();
    for (const QString &family : {u"haiku"_s, u"sonnet"_s, u"opus"_s})
        if (lower.contains(family))
            out.append(family);
    return out;
}

// Why an incident does not explain a failure ('' when it does).
QString mismatch(const QString &label, const QString &page, const QString &text,
                 const QStringList &models, const QDateTime &start, const QDateTime &end,
                 const Failure &f, const QDateTime &windowTo, const QDateTime &reference)
{
    const bool providerMatches = f.provider.isEmpty() || page.contains(f.provider) ||
                                 text.contains(f.provider, Qt::CaseInsensitive);
    if (!providerMatches)
        return label + u" is for "_s + page + u", but the affected traffic goes to "_s + f.provider;
    if (!f.model.isEmpty() && !models.isEmpty() && !models.contains(f.model.toLower()))
        return label + u" concerns "_s + models.join(u", "_s) + u", not "_s + f.model;
    const QStringList families = familiesIn(text);
    if (!f.model.isEmpty() && models.isEmpty() && !families.isEmpty() &&
        std::none_of(families.cbegin(), families.cend(),
                     [&](const QString &fam) { return f.model.toLower().contains(fam); }))
        return label + u" concerns Claude "_s + families.join(u", "_s) + u", not "_s + f.model;
    const QDateTime to = f.to.isValid() ? f.to : windowTo;
    // an incident explains a change that began while it was starting, not hours before it
    if ((end.isValid() && end < f.from.addSecs(-15 * 60)) || (start.isValid() && start > to) ||
        (start.isValid() && start > f.from.addSecs(90 * 60)))
        return label + u" does not overlap the change at "_s + clock(f.from, reference) +
               (f.to.isValid() ? u"\u2013"_s + clock(f.to, reference) : QString());
    return {};
}

} // namespace

AnalyzerOutput analyzeIncidentCorrelation(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const QLatin1StringView category(Category::ProviderOutage);
    const bool statusMissing = dataMissing(input, u"statuspage", u"incidents");
    if (statusMissing)
        out.notChecked.append(u"the providers' status pages (could not be reached)"_s);
    const QList<FoundEvidence> status = findEvidence(input, u"statuspage", u"incidents");
    const QList<FoundEvidence> pager = findEvidence(input, u"pagerduty", u"incidents");
    if (status.isEmpty() && pager.isEmpty())
        return out;

    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    const ChangeReport report = detectChanges(input);
    const ErrorProfile errors = errorProfile(input);
    const QString provider = affectedProvider(input);
    const QString model = affectedModel(input);
    const QList<Failure> failures = failuresOf(input, report, errors, provider, model);
    const QDateTime windowTo =
        input.params.window.to.isValid() ? input.params.window.to : input.now;
    // the routes of what failed: the change's, the ticket's, else every route of the org
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
    // what failed, for the on-call pages below: the first failure
    const bool haveChange = !failures.isEmpty();
    const QDateTime from = haveChange ? failures.first().from : QDateTime();
    const QDateTime to =
        haveChange && failures.first().to.isValid() ? failures.first().to : windowTo;
    const QString firstProvider = haveChange ? failures.first().provider : provider;

    bool anyIncident = false;
    QStringList pages;
    for (const FoundEvidence &f : status) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            anyIncident = true;
            const QString ref = e.value(u"ref"_s).toString();
            const QString page = e.value(u"page"_s).toString().toLower();
            appendUnique(pages, page);
            const QString title = e.value(u"title"_s).toString();
            const QDateTime start = timeOf(e.value(u"time"_s));
            const QDateTime end = timeOf(e.value(u"end"_s));
            const QString when = clock(start, reference) + u"\u2013"_s +
                                 (end.isValid() ? clock(end, reference) : u"ongoing"_s);
            const QString label =
                u"\u201c"_s + title + u"\u201d ("_s + page + u", "_s + when + u')';
            const QString text = incidentText(e);
            const QStringList models = modelsIn(text);
            // the failure this incident explains: provider, model, product and time overlap
            QString reason;
            const Failure *matched = nullptr;
            const QString product = otherProduct(e, routes);
            if (!haveChange) {
                reason = label + u" has no matching change in this customer's latency or errors"_s;
            } else if (!product.isEmpty()) {
                reason = label + u" is about "_s + product +
                         u", which the failing traffic does not use"_s;
            } else {
                for (const Failure &fl : failures) {
                    const QString why =
                        mismatch(label, page, text, models, start, end, fl, windowTo, reference);
                    if (why.isEmpty()) {
                        matched = &fl;
                        break;
                    }
                    if (reason.isEmpty())
                        reason = why; // the primary failure's mismatch explains best
                }
            }
            if (!matched) {
                out.rejected.append({QString(category), reason, {ref}});
                continue;
            }
            const bool providerErrors =
                errors.serverErrors >= 10 && !errors.serverProvider.isEmpty() &&
                (matched->provider.isEmpty() || errors.serverProvider == matched->provider);
            Hypothesis h;
            h.cause.category = QString(category);
            h.score = 0.6;
            if (providerErrors)
                h.score += 0.15;
            if (start.isValid() && std::abs(start.secsTo(matched->from)) <= 45 * 60)
                h.score += 0.1;
            QString s = (page.isEmpty() ? QString() : page.at(0).toUpper() + page.mid(1)) +
                        u" reported \u201c"_s + title + u"\u201d from "_s + when;
            if (matched->change)
                s += u", matching "_s + matched->change->describe(reference);
            else if (providerErrors)
                s += u", matching "_s + formatCount(errors.serverErrors) +
                     u" failed requests to "_s + errors.serverProvider;
            h.cause.summary = s;
            h.cause.confidence = std::min(0.92, h.score);
            h.cause.refs = {ref};
            if (!matched->provider.isEmpty())
                h.cause.refs.append(u"provider:"_s + matched->provider);
            if (!matched->model.isEmpty() && models.contains(matched->model.toLower()))
                h.cause.refs.append(u"model:"_s + matched->model);
            h.cause.evidenceIds = {f.evidence->id};
            if (matched->change)
                h.cause.evidenceIds.append(matched->change->evidenceId);
            h.why = u"provider incident overlaps the change"_s;
            out.hypotheses.append(h);
            Finding fd;
            fd.summary = s;
            fd.refs = {ref};
            fd.evidenceIds = {f.evidence->id};
            fd.confidence = h.cause.confidence;
            out.findings.append(fd);
        }
    }
    if (!status.isEmpty() && !anyIncident) {
        out.rejected.append(
            {QString(category), u"no incident on the provider status pages in the window"_s, {}});
    }

    for (const FoundEvidence &f : pager) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            const QString ref = e.value(u"ref"_s).toString();
            const QString title = e.value(u"title"_s).toString();
            const QDateTime start = timeOf(e.value(u"time"_s));
            const QDateTime end = timeOf(e.value(u"end"_s));
            const bool overlaps = haveChange && start.isValid() && start <= to &&
                                  (!end.isValid() || end >= from.addSecs(-15 * 60));
            const QString text = (title + u' ' + e.value(u"service"_s).toString()).toLower();
            const bool aboutIt = !firstProvider.isEmpty() && text.contains(firstProvider);
            // billing has no change point: a page about metering in the window is the clue
            bool aboutBilling = false;
            if (input.playbook == u"token-billing") {
                for (const QString &w : {u"billing"_s, u"meter"_s, u"metering"_s, u"invoice"_s,
                                         u"usage"_s, u"stripe"_s})
                    aboutBilling = aboutBilling || text.contains(w);
            }
            if ((overlaps && aboutIt) || aboutBilling) {
                Finding fd;
                fd.summary =
                    u"Our on-call was paged at "_s + clock(start, reference) +
                    (end.isValid() ? u" (resolved "_s + clock(end, reference) + u')' : QString()) +
                    u": \u201c"_s + title + u"\u201d"_s;
                fd.refs = {ref};
                fd.evidenceIds = {f.evidence->id};
                fd.confidence = aboutBilling ? 0.75 : 0.6;
                out.findings.append(fd);
            } else {
                out.rejected.append(
                    {QString(category),
                     u"PagerDuty incident \u201c"_s + title + u"\u201d at "_s +
                         clock(start, reference) +
                         (overlaps ? u" is about something else"_s : u" is at another time"_s),
                     {ref}});
            }
        }
    }
    return out;
}

} // namespace Casefile
