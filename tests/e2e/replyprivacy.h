#pragma once

// What a scenario says the customer of one ticket must never read in a reply: the other
// organisations' names and ids, the files of the scenario's commits, its Linear and Jira
// identifiers and its PagerDuty incident texts. Used by the scenario tests on every reply.
#include "core/domain.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Casefile::Testing {

inline QStringList forbiddenInReply(const QJsonObject &scenario, const QString &customerOrg)
{
    using namespace Qt::StringLiterals;
    QStringList out;
    const auto add = [&out](const QString &s) {
        if (s.trimmed().size() >= 3 && !out.contains(s))
            out.append(s);
    };
    for (const QJsonValue &v : scenario.value(u"orgs"_s).toArray()) {
        const QJsonObject org = v.toObject();
        if (org.value(u"id"_s).toString() == customerOrg)
            continue;
        add(org.value(u"id"_s).toString());
        add(org.value(u"name"_s).toString());
        add(org.value(u"stripe_customer"_s).toString());
    }
    const QJsonObject github = scenario.value(u"github"_s).toObject();
    for (const QJsonValue &c : github.value(u"commits"_s).toArray()) {
        for (const QJsonValue &f : c.toObject().value(u"files"_s).toArray()) {
            add(f.toObject().value(u"filename"_s).toString());
            add(f.toObject().value(u"previous_filename"_s).toString());
        }
    }
    for (const QJsonValue &i : scenario.value(u"linear"_s).toObject().value(u"issues"_s).toArray())
        add(i.toObject().value(u"identifier"_s).toString());
    for (const QJsonValue &i : scenario.value(u"jira"_s).toObject().value(u"issues"_s).toArray())
        add(i.toObject().value(u"key"_s).toString());
    for (const QJsonValue &i :
         scenario.value(u"pagerduty"_s).toObject().value(u"incidents"_s).toArray()) {
        const QJsonObject incident = i.toObject();
        add(incident.value(u"id"_s).toString());
        add(incident.value(u"title"_s).toString());
        add(incident.value(u"summary"_s).toString());
    }
    return out;
}

// Problems of one investigation's two texts against the scenario: anything forbidden in the
// reply, and anything forbidden that the investigation's own findings mention but the
// internal note does not hold.
inline QStringList replyPrivacyProblems(const QJsonObject &scenario, const Investigation &inv)
{
    using namespace Qt::StringLiterals;
    QString customerOrg = inv.ticket.orgId;
    if (customerOrg.isEmpty()) {
        for (const QJsonValue &t : scenario.value(u"tickets"_s).toArray()) {
            const QJsonObject ticket = t.toObject();
            if (ticket.value(u"id"_s).toVariant().toString() == inv.ticket.id)
                customerOrg = ticket.value(u"organization"_s).toString();
        }
    }
    QString investigated;
    if (inv.rootCause)
        investigated += inv.rootCause->summary + u'\n';
    for (const Finding &f : inv.findings)
        investigated += f.summary + u'\n';
    QStringList problems;
    if (inv.diagnosisMarkdown.trimmed().isEmpty())
        problems << u"ticket %1: the reply is empty"_s.arg(inv.ticket.id);
    if (inv.internalNoteMarkdown.trimmed().isEmpty())
        problems << u"ticket %1: the internal note is empty"_s.arg(inv.ticket.id);
    for (const QString &item : forbiddenInReply(scenario, customerOrg)) {
        if (inv.diagnosisMarkdown.contains(item, Qt::CaseInsensitive))
            problems << u"ticket %1: the reply contains \"%2\""_s.arg(inv.ticket.id, item);
        if (investigated.contains(item, Qt::CaseInsensitive) &&
            !inv.internalNoteMarkdown.contains(item, Qt::CaseInsensitive))
            problems << u"ticket %1: the note lacks \"%2\" that the findings mention"_s.arg(
                inv.ticket.id, item);
    }
    return problems;
}

} // namespace Casefile::Testing
