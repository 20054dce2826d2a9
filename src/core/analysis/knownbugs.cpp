#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/deploycorrelation.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using namespace Analysis;

// Words that say how something fails, not what fails: on their own they never tie a bug to
// this ticket.
const QSet<QString> &symptomWords()
{
    static const QSet<QString> words = {
        u"slow"_s,      u"slower"_s,    u"latency"_s,      u"timeout"_s,    u"timeouts"_s,
        u"error"_s,     u"errors"_s,    u"fail"_s,         u"fails"_s,      u"failing"_s,
        u"failed"_s,    u"failure"_s,   u"failures"_s,     u"broken"_s,     u"crash"_s,
        u"hang"_s,      u"hangs"_s,     u"stuck"_s,        u"wrong"_s,      u"missing"_s,
        u"spike"_s,     u"degraded"_s,  u"intermittent"_s, u"requests"_s,   u"request"_s,
        u"response"_s,  u"responses"_s, u"feels"_s,        u"load"_s,       u"loading"_s,
        u"customers"_s, u"customer"_s,  u"users"_s,        u"production"_s, u"prod"_s};
    return words;
}

bool matches(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    const QString &s = a.size() < b.size() ? a : b;
    const QString &l = a.size() < b.size() ? b : a;
    return s.size() >= 5 && l.startsWith(s);
}

bool isOpen(const QJsonObject &issue)
{
    const QString type = issue.value(u"state_type"_s).toString().toLower();
    const QString state = issue.value(u"state"_s).toString().toLower();
    static const QStringList closed = {u"completed"_s, u"canceled"_s, u"cancelled"_s, u"done"_s,
                                       u"closed"_s,    u"resolved"_s, u"duplicate"_s};
    return !closed.contains(type) && !closed.contains(state);
}

} // namespace

AnalyzerOutput analyzeKnownBugs(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const QLatin1StringView category(Category::KnownBug);
    QList<FoundEvidence> found = findEvidence(input, u"linear", u"search_issues");
    found.append(findEvidence(input, u"jira", u"search_issues"));
    if (found.isEmpty()) {
        if (dataMissing(input, u"linear", u"search_issues") ||
            dataMissing(input, u"jira", u"search_issues"))
            out.notChecked.append(u"known bugs (the issue tracker could not be searched)"_s);
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;

    // the affected component in words: what moved, what the ticket names, the playbook topic
    QStringList component;
    const ChangeReport report = detectChanges(input);
    if (report.primary) {
        for (auto it = report.primary->labels.begin(); it != report.primary->labels.end(); ++it)
            appendUnique(component, it.key() == u"route" ? routeWords(it.value().toString())
                                                         : wordsOf(it.value().toString()));
    }
    appendUnique(component, routeWords(input.params.route));
    appendUnique(component, wordsOf(input.params.provider));
    appendUnique(component, wordsOf(input.params.model));
    appendUnique(component, wordsOf(input.params.sdk));
    const QString provider = affectedProvider(input);
    appendUnique(component, wordsOf(provider));
    appendUnique(component, topicWords(input.playbook));
    QStringList ticketWords;
    for (const QString &k : input.params.keywords)
        appendUnique(ticketWords, wordsOf(k));
    for (const QString &w : std::as_const(ticketWords)) {
        if (!symptomWords().contains(w))
            appendUnique(component, w);
    }
    // the error signature seen in the logs: "invalid_request", "400"
    QStringList signatures;
    const ErrorProfile errors = errorProfile(input);
    for (qsizetype i = 0; i < errors.groups.size() && i < 2; ++i) {
        const ErrorGroup &g = errors.groups.at(i);
        if (g.n < 0.2 * errors.errors)
            continue;
        if (!g.errorCode.isEmpty())
            appendUnique(signatures, g.errorCode.toLower());
        if (g.status >= 400)
            appendUnique(signatures, QString::number(g.status));
    }
    QStringList componentOnly;
    for (const QString &w : std::as_const(component)) {
        if (!symptomWords().contains(w))
            componentOnly.append(w);
    }

    for (const FoundEvidence &f : found) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            const QString ref = e.value(u"ref"_s).toString();
            const QString title = e.value(u"title"_s).toString();
            QString labels;
            for (const QJsonValue &l : e.value(u"labels"_s).toArray())
                labels += u' ' + l.toString();
            const QStringList titleWords = wordsOf(title + labels);
            const QStringList allWords =
                wordsOf(title + labels + u' ' + e.value(u"description"_s).toString());
            QStringList hits;
            QStringList titleHits;
            for (const QString &c : std::as_const(componentOnly)) {
                for (const QString &w : allWords) {
                    if (matches(c, w)) {
                        appendUnique(hits, c);
                        break;
                    }
                }
                for (const QString &w : titleWords) {
                    if (matches(c, w)) {
                        appendUnique(titleHits, c);
                        break;
                    }
                }
            }
            QStringList symptoms;
            for (const QString &w : allWords) {
                if (symptomWords().contains(w) &&
                    (ticketWords.contains(w) || input.playbook.contains(w)))
                    appendUnique(symptoms, w);
            }
            const QString id = refId(ref);
            const bool open = isOpen(e);
            // what the bug is about: its labels, else its title's own words
            QStringList about;
            for (const QString &w : titleWords) {
                if (!symptomWords().contains(w))
                    about.append(w);
            }
            if (hits.isEmpty()) {
                out.rejected.append(
                    {QString(category),
                     id + u" (\u201c"_s + title + u"\u201d) is about "_s +
                         (about.isEmpty() ? u"something else"_s : about.mid(0, 3).join(u", "_s)) +
                         u", not the affected "_s +
                         (componentOnly.isEmpty() ? u"component"_s
                                                  : componentOnly.mid(0, 3).join(u", "_s)),
                     {ref}});
                continue;
            }
            if (!open) {
                out.rejected.append({QString(category),
                                     id + u" (\u201c"_s + title + u"\u201d) is already closed ("_s +
                                         e.value(u"state"_s).toString() + u')',
                                     {ref}});
                continue;
            }
            // the observed error signature (status, error code) named in the bug ties it to
            // this problem far more than a shared provider name
            const QString raw =
                (title + labels + u' ' + e.value(u"description"_s).toString()).toLower();
            bool signature = false;
            for (const QString &code : std::as_const(signatures)) {
                if (code.at(0).isDigit())
                    signature =
                        signature ||
                        QRegularExpression(u"\\b"_s + code + u"\\b"_s).match(raw).hasMatch();
                else
                    signature = signature || raw.contains(code);
            }
            // a bug labelled for another component ("playground", "usage-ui") is about that
            static const QSet<QString> genericLabels = {
                u"bug"_s,    u"regression"_s, u"performance"_s, u"edge"_s,       u"p0"_s,
                u"p1"_s,     u"p2"_s,         u"p3"_s,          u"customer"_s,   u"urgent"_s,
                u"triage"_s, u"sev1"_s,       u"sev2"_s,        u"improvement"_s};
            QStringList labelWords;
            bool labelMatches = false;
            for (const QJsonValue &l : e.value(u"labels"_s).toArray()) {
                const QString label = l.toString().toLower();
                if (genericLabels.contains(label))
                    continue;
                const QStringList words = wordsOf(label.section(u':', -1));
                labelWords.append(label);
                for (const QString &w : words) {
                    for (const QString &c : std::as_const(componentOnly))
                        labelMatches = labelMatches || matches(c, w);
                }
            }
            const QDateTime created = timeOf(e.value(u"time"_s));
            const QDateTime onset = report.primary ? report.primary->at : QDateTime();
            const double strength =
                std::min(1.0, 0.3 * titleHits.size() + 0.1 * (hits.size() - titleHits.size()) +
                                  (signature ? 0.3 : 0.0) + 0.05 * symptoms.size());
            if (!labelWords.isEmpty() && !labelMatches && !signature) {
                out.rejected.append({QString(category),
                                     id + u" (\u201c"_s + title + u"\u201d) is about "_s +
                                         labelWords.join(u", "_s) + u", not the affected "_s +
                                         componentOnly.mid(0, 3).join(u", "_s),
                                     {ref}});
                continue;
            }
            if (onset.isValid() && created.isValid() && created < onset.addDays(-1) && !signature) {
                out.rejected.append({QString(category),
                                     id + u" (\u201c"_s + title + u"\u201d) was filed "_s +
                                         created.toString(u"yyyy-MM-dd"_s) +
                                         u", long before the problem began at "_s +
                                         clock(onset, reference),
                                     {ref}});
                continue;
            }
            if (strength < 0.5 || (titleHits.isEmpty() && !signature)) {
                out.rejected.append({QString(category),
                                     id + u" (\u201c"_s + title + u"\u201d) shares only \u201c"_s +
                                         hits.join(u", "_s) + u"\u201d with this problem"_s,
                                     {ref}});
                continue;
            }
            Hypothesis h;
            h.cause.category = QString(category);
            h.score = 0.5 + 0.4 * strength;
            // without the observed error signature, words alone make a weak case
            if (!signature)
                h.score = std::min(h.score, 0.55);
            // a bug filed after the problem began was most likely filed about it
            if (report.primary && created.isValid() && created >= report.primary->at.addSecs(-3600))
                h.score += 0.05;
            h.cause.summary = u"Open bug "_s + id + u" \u201c"_s + title + u"\u201d ("_s +
                              e.value(u"state"_s).toString() + u", filed "_s +
                              clock(created, reference) + u") describes this: it matches "_s +
                              hits.join(u", "_s);
            if (report.primary)
                h.cause.summary += u"; "_s + report.primary->describe(reference);
            h.cause.confidence = std::min(0.9, h.score);
            h.cause.refs = {ref};
            h.cause.evidenceIds = {f.evidence->id};
            h.why = u"open bug about the affected component"_s;
            out.hypotheses.append(h);
            Finding fd;
            fd.summary = u"Open bug "_s + id + u": "_s + title;
            fd.refs = {ref};
            fd.evidenceIds = {f.evidence->id};
            fd.confidence = h.cause.confidence;
            out.findings.append(fd);
        }
    }
    return out;
}

} // namespace Casefile
