#include "core/reply/privacyfilter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

const QRegularExpression &trackerIdPattern()
{
    static const QRegularExpression re(u"\\b[A-Z][A-Z0-9]{1,9}-\\d{1,6}\\b"_s);
    return re;
}

// "src/db/queries/usage_by_org.sql", "ui/config-editor/editor.tsx": a folder and a file with
// an extension. URLs ("https://x/y.json") are not paths, nor is a provider and a model id with
// dots ("bedrock/anthropic.claude-sonnet-4-20250514-v1:0"): an extension ends the name.
const QRegularExpression &pathPattern()
{
    static const QRegularExpression re(
        u"(?<![\\w/.:@-])(?:[\\w.-]+/)+[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z][A-Za-z0-9]{0,5}(?![\\w/-])"_s);
    return re;
}

const QRegularExpression &orgIdPattern()
{
    static const QRegularExpression re(u"\\borg_[A-Za-z0-9_-]+"_s);
    return re;
}

const QRegularExpression &othersPattern()
{
    static const QRegularExpression re(
        u"\\b(other|another|remaining)\\s+(\\d+\\s+)?(org|orgs|organi[sz]ations?|customers?|tenants?|accounts?)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

void walk(const QJsonValue &value,
          const std::function<void(const QString &, const QJsonValue &)> &visit,
          const QString &key = {}, int depth = 0)
{
    if (depth > 12)
        return;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            walk(it.value(), visit, it.key(), depth + 1);
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            walk(v, visit, key, depth + 1);
    } else {
        visit(key, value);
    }
}

// The columns of a table evidence by name.
int column(const QJsonArray &columns, QStringView name)
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).toString() == name)
            return i;
    }
    return -1;
}

} // namespace

QStringList PrivacyFilter::sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

PrivacyFilter::PrivacyFilter(const Investigation &inv)
    : m_orgId(inv.ticket.orgId)
    , m_orgName(inv.ticket.orgName)
{
    QStringList refs;
    if (inv.rootCause)
        refs << inv.rootCause->refs;
    for (const RootCause &c : inv.secondaryCauses)
        refs << c.refs;
    for (const Finding &f : inv.findings)
        refs << f.refs;
    for (const RejectedHypothesis &r : inv.rejected)
        refs << r.refs;
    for (const QString &ref : std::as_const(refs)) {
        if (ref.startsWith(u"linear:issue:"_s) || ref.startsWith(u"jira:issue:"_s))
            m_trackerIds.insert(ref.section(u':', 2));
        else if (ref.startsWith(u"pagerduty:incident:"_s))
            m_incidents.insert(ref.section(u':', 2));
        else if (ref.startsWith(u"docs:"_s))
            m_docsPaths.insert(ref.mid(5));
    }

    for (const Evidence &e : inv.evidence) {
        const QJsonValue data(e.data);
        if (e.connector == u"linear"_s || e.connector == u"jira"_s) {
            walk(data, [this](const QString &, const QJsonValue &v) {
                for (auto it = trackerIdPattern().globalMatch(v.toString()); it.hasNext();)
                    m_trackerIds.insert(it.next().captured(0));
            });
        } else if (e.connector == u"pagerduty"_s) {
            walk(data, [this](const QString &key, const QJsonValue &v) {
                const QString s = v.toString().trimmed();
                if (s.size() >= 8 &&
                    (key == u"title"_s || key == u"summary"_s || key == u"description"_s ||
                     key == u"id"_s || key == u"name"_s))
                    m_incidents.insert(s);
            });
            // a table of incidents: every text cell of the title/summary/id columns
            const QJsonArray columns = e.data.value(u"columns"_s).toArray();
            for (const QJsonValue &row : e.data.value(u"rows"_s).toArray()) {
                for (const auto name : {u"title", u"summary", u"id"}) {
                    const int c = column(columns, name);
                    const QString s = c >= 0 ? row.toArray().at(c).toString().trimmed() : QString();
                    if (s.size() >= 8)
                        m_incidents.insert(s);
                }
            }
        } else if (e.connector == u"github"_s) {
            walk(data, [this](const QString &, const QJsonValue &v) {
                for (auto it = pathPattern().globalMatch(v.toString()); it.hasNext();)
                    m_paths.insert(it.next().captured(0));
            });
        } else if (e.connector == u"docs"_s) {
            walk(data, [this](const QString &key, const QJsonValue &v) {
                if (key == u"ref"_s && v.toString().startsWith(u"docs:"_s))
                    m_docsPaths.insert(v.toString().mid(5));
            });
        }
        // other organisations: ids anywhere; names where a row or object pairs one with an id
        walk(data, [this](const QString &, const QJsonValue &v) {
            for (auto it = orgIdPattern().globalMatch(v.toString()); it.hasNext();) {
                const QString id = it.next().captured(0);
                // column names in query texts are no organisation
                static const QStringList columns{u"org_id"_s, u"org_ids"_s, u"org_name"_s};
                if (id != m_orgId && !columns.contains(id))
                    m_otherOrgs.insert(id);
            }
        });
        const QJsonArray columns = e.data.value(u"columns"_s).toArray();
        const int nameCol = column(columns, u"name");
        int idCol = column(columns, u"external_id");
        if (idCol < 0)
            idCol = column(columns, u"org");
        if (nameCol >= 0 && idCol >= 0) {
            for (const QJsonValue &row : e.data.value(u"rows"_s).toArray()) {
                const QJsonArray r = row.toArray();
                const QString id = r.at(idCol).toString();
                const QString name = r.at(nameCol).toString().trimmed();
                if (!id.isEmpty() && id != m_orgId && name.size() >= 3 && name != m_orgName)
                    m_otherOrgs.insert(name);
            }
        }
        const QJsonObject orgs = e.data.value(u"orgs"_s).toObject();
        for (auto it = orgs.begin(); it != orgs.end(); ++it) {
            const QString name = it.value().toObject().value(u"name"_s).toString().trimmed();
            if (it.key() != m_orgId && name.size() >= 3 && name != m_orgName)
                m_otherOrgs.insert(name);
        }
    }
    m_paths.subtract(m_docsPaths);
    m_otherOrgs.remove(QString());
}

QString PrivacyFilter::withoutTrackerIds(QString text) const
{
    // "Linear GW-418", "Jira issue OPS-12", "bug GW-418": the id and the tracker's name go,
    // the words around them stay.
    QStringList ids = trackerIds();
    for (auto it = trackerIdPattern().globalMatch(text); it.hasNext();) {
        const QString id = it.next().captured(0);
        // a generic id is only a tracker id when a tracker is named next to it
        const qsizetype at = text.indexOf(id);
        const QString before =
            text.mid(std::max<qsizetype>(0, at - 14), std::min<qsizetype>(at, 14));
        if (before.contains(u"Linear"_s, Qt::CaseInsensitive) ||
            before.contains(u"Jira"_s, Qt::CaseInsensitive) ||
            before.contains(u"issue"_s, Qt::CaseInsensitive) ||
            before.contains(u"bug"_s, Qt::CaseInsensitive) ||
            before.contains(u"ticket"_s, Qt::CaseInsensitive))
            ids.append(id);
    }
    for (const QString &id : std::as_const(ids)) {
        const QRegularExpression re(u"(?:\\b(?:Linear|Jira)\\s+(?:issue\\s+)?)?\\b"_s +
                                    QRegularExpression::escape(id) + u"\\b:?"_s);
        text.replace(re, QString());
    }
    static const QRegularExpression spaces(u"[ \\t]{2,}"_s);
    text.replace(spaces, u" "_s);
    text.replace(u" ,"_s, u","_s);
    text.replace(u"( "_s, u"("_s);
    return text.trimmed();
}

QString PrivacyFilter::reason(const QString &text) const
{
    for (const QString &org : m_otherOrgs) {
        const QRegularExpression re(u"(?<![\\w-])"_s + QRegularExpression::escape(org) +
                                        u"(?![\\w-])"_s,
                                    QRegularExpression::CaseInsensitiveOption);
        if (text.contains(re))
            return u"names another organisation (%1)"_s.arg(org);
    }
    for (auto it = orgIdPattern().globalMatch(text); it.hasNext();) {
        const QString id = it.next().captured(0);
        if (id != m_orgId && id != u"org_id"_s && id != u"org_ids"_s && id != u"org_name"_s)
            return u"names another organisation (%1)"_s.arg(id);
    }
    if (const auto m = othersPattern().match(text); m.hasMatch()) {
        static const QRegularExpression digit(u"\\d"_s);
        if (text.contains(digit))
            return u"gives other organisations' figures"_s;
    }
    for (const QString &p : m_paths) {
        if (text.contains(p))
            return u"names an internal file (%1)"_s.arg(p);
    }
    for (auto it = pathPattern().globalMatch(text); it.hasNext();) {
        const QString p = it.next().captured(0);
        if (!m_docsPaths.contains(p))
            return u"names an internal file (%1)"_s.arg(p);
    }
    for (const QString &i : m_incidents) {
        if (text.contains(i, Qt::CaseInsensitive))
            return u"quotes an on-call incident (%1)"_s.arg(i.left(60));
    }
    if (text.contains(u"PagerDuty"_s, Qt::CaseInsensitive) ||
        text.contains(u"on-call"_s, Qt::CaseInsensitive))
        return u"refers to on-call paging"_s;
    for (const QString &id : m_trackerIds) {
        if (text.contains(id))
            return u"names an internal issue (%1)"_s.arg(id);
    }
    static const QRegularExpression tracker(u"\\b(Linear|Jira)\\b"_s);
    if (text.contains(tracker))
        return u"names an internal issue tracker"_s;
    return {};
}

QString PrivacyFilter::customerSafe(const QString &text, QStringList *withheld) const
{
    QStringList kept;
    for (const QString &original : text.split(u"; "_s)) {
        const QString clause = withoutTrackerIds(original);
        QString why = reason(clause);
        // "Linear GW-77 tracks it" without its id says nothing: it goes whole
        if (why.isEmpty() && clause != original.trimmed() &&
            clause.split(u' ', Qt::SkipEmptyParts).size() < 4)
            why = u"names an internal issue"_s;
        if (why.isEmpty()) {
            kept.append(clause.trimmed());
        } else if (withheld) {
            withheld->append(original.trimmed() + u" — "_s + why);
        }
    }
    kept.removeAll(QString());
    return kept.join(u"; "_s);
}

} // namespace Casefile::Reply
