#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"

#include <QRegularExpression>

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
    QStringList out;
    auto it = re.globalMatch(text);
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
    QString provider = affectedProvider(input);
    QString model = affectedModel(input);
    QDateTime from;
    QDateTime to;
    if (report.primary) {
        from = report.primary->at;
        to = report.primary->end;
        const QString p = report.primary->labels.value(u"provider"_s).toString();
        const QString m = report.primary->labels.value(u"model"_s).toString();
        if (!p.isEmpty())
            provider = p;
        if (!m.isEmpty()) {
            model = m;
            if (provider.isEmpty())
                provider = providerOfModel(m);
        }
    } else if (errors.serverFirst.isValid() && errors.serverErrors >= 10) {
        from = errors.serverFirst;
        to = errors.serverLast;
    }
    if (!to.isValid())
        to = input.params.window.to.isValid() ? input.params.window.to : input.now;
    const bool haveChange = from.isValid();
    const bool providerErrors = errors.serverErrors >= 10 && !errors.serverProvider.isEmpty() &&
                                (provider.isEmpty() || errors.serverProvider == provider);

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
            const bool providerMatches = provider.isEmpty() || page.contains(provider) ||
                                         text.contains(provider, Qt::CaseInsensitive);
            const bool modelMatches =
                model.isEmpty() || models.isEmpty() || models.contains(model.toLower());
            QString reason;
            if (!haveChange) {
                reason = label + u" has no matching change in this customer's latency or errors"_s;
            } else if (!providerMatches) {
                reason = label + u" is for "_s + page + u", but the affected traffic goes to "_s +
                         provider;
            } else if (!modelMatches) {
                reason = label + u" concerns "_s + models.join(u", "_s) + u", not "_s + model;
            } else if ((end.isValid() && end < from.addSecs(-15 * 60)) ||
                       (start.isValid() && start > to)) {
                reason = label + u" does not overlap the change at "_s + clock(from, reference) +
                         (to.isValid() && to < input.params.window.to
                              ? u"\u2013"_s + clock(to, reference)
                              : QString());
            }
            if (!reason.isEmpty()) {
                out.rejected.append({QString(category), reason, {ref}});
                continue;
            }
            Hypothesis h;
            h.cause.category = QString(category);
            h.score = 0.6;
            if (providerErrors)
                h.score += 0.15;
            if (start.isValid() && std::abs(start.secsTo(from)) <= 45 * 60)
                h.score += 0.1;
            QString s = (page.isEmpty() ? QString() : page.at(0).toUpper() + page.mid(1)) +
                        u" reported \u201c"_s + title + u"\u201d from "_s + when;
            if (report.primary)
                s += u", matching "_s + report.primary->describe(reference);
            else if (providerErrors)
                s += u", matching "_s + formatCount(errors.serverErrors) +
                     u" failed requests to "_s + errors.serverProvider;
            h.cause.summary = s;
            h.cause.confidence = std::min(0.92, h.score);
            h.cause.refs = {ref};
            if (!provider.isEmpty())
                h.cause.refs.append(u"provider:"_s + provider);
            if (!model.isEmpty() && models.contains(model.toLower()))
                h.cause.refs.append(u"model:"_s + model);
            h.cause.evidenceIds = {f.evidence->id};
            if (report.primary)
                h.cause.evidenceIds.append(report.primary->evidenceId);
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
            const bool aboutIt = !provider.isEmpty() && text.contains(provider);
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
