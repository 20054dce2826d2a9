#pragma once

// Builders for synthetic evidence: each analyzer test writes the evidence payloads of
// docs/operations.md by hand, so the tests say exactly what the analyzer sees.

#include "core/analysis.h"
#include "core/analysis/analyzers.h"
#include "core/reply/phrasebook.h"
#include "core/reply/replycomposer.h"
#include "core/reply/replytemplates.h"
#include "core/time.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cmath>
#include <functional>

namespace TestSupport {

using namespace Qt::StringLiterals;
using namespace Casefile;

inline QDateTime at(const QString &iso)
{
    return fromIso(iso).toUTC();
}

inline QString iso(const QDateTime &t)
{
    return toIsoUtc(t);
}

inline AnalysisInput baseInput(const QString &playbook, const QStringList &analyzers,
                               const QString &ticketTime = u"2026-11-20T10:01:00Z"_s)
{
    AnalysisInput in;
    in.playbook = playbook;
    in.analyzers = analyzers;
    in.ticket.id = u"1042"_s;
    in.ticket.subject = u"Something is wrong"_s;
    in.ticket.requesterName = u"Jun Park"_s;
    in.ticket.orgId = u"org_acme"_s;
    in.ticket.orgName = u"Acme Robotics"_s;
    in.ticket.createdAt = at(ticketTime);
    in.now = in.ticket.createdAt.addSecs(240);
    in.params.org = u"org_acme"_s;
    in.params.orgName = u"Acme Robotics"_s;
    in.params.window.to = in.ticket.createdAt.addSecs(300);
    in.params.window.from = in.params.window.to.addSecs(-26 * 3600);
    return in;
}

inline int g_evidenceCounter = 0;

// Adds a step with one evidence (or none when `data` is empty and status is not ok).
inline void addStep(AnalysisInput &in, const QString &stepId, const QString &connector,
                    const QString &operation, EvidenceKind kind, const QJsonObject &data,
                    StepStatus status = StepStatus::Ok, const QJsonObject &outputs = {})
{
    StepData step;
    step.record.id = stepId;
    step.record.connector = connector;
    step.record.operation = operation;
    step.record.title = stepId;
    step.record.status = status;
    step.record.required = true;
    if (status != StepStatus::Ok)
        step.record.error = u"timed out after 20 s"_s;
    if (status == StepStatus::Ok) {
        Evidence ev;
        ev.id = u"ev"_s + QString::number(++g_evidenceCounter);
        ev.stepId = stepId;
        ev.kind = kind;
        ev.connector = connector;
        ev.title = stepId;
        ev.source = connector + u":test"_s;
        ev.data = data;
        step.evidence.append(ev);
        step.record.evidenceIds.append(ev.id);
    }
    step.outputs = outputs;
    in.steps.insert(stepId, step);
}

inline void addFailedStep(AnalysisInput &in, const QString &stepId, const QString &connector,
                          const QString &operation)
{
    addStep(in, stepId, connector, operation, EvidenceKind::Text, {}, StepStatus::Failed);
}

// A per-minute series: value(i) gives p95 (latency) for point i; n per point fixed.
struct SeriesSpec
{
    QJsonObject labels;
    std::function<double(int)> p95;
    std::function<double(int)> errorRate; // may be empty
    int n = 20;
};

inline QJsonObject timeseries(const QDateTime &start, int points, int bucketSeconds,
                              const QList<SeriesSpec> &specs, bool latency = true)
{
    QJsonArray series;
    for (const SeriesSpec &spec : specs) {
        QJsonArray pts;
        for (int i = 0; i < points; ++i) {
            const double rate = spec.errorRate ? spec.errorRate(i) : 0.002;
            const int errors = int(std::lround(rate * spec.n));
            const QString t = iso(start.addSecs(qint64(i) * bucketSeconds));
            if (latency) {
                const double p95 = spec.p95 ? spec.p95(i) : 500.0;
                pts.append(QJsonArray{t, spec.n, errors, p95 * 0.55, p95, p95 * 1.2});
            } else {
                pts.append(QJsonArray{t, spec.n, errors});
            }
        }
        series.append(QJsonObject{{u"labels"_s, spec.labels}, {u"points"_s, pts}});
    }
    QJsonArray columns = latency
                             ? QJsonArray{u"t"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s, u"p99"_s}
                             : QJsonArray{u"t"_s, u"n"_s, u"errors"_s};
    return QJsonObject{
        {u"bucket_s"_s, bucketSeconds}, {u"columns"_s, columns}, {u"series"_s, series}};
}

// Deterministic noise in [-amp, amp] for point i.
inline double noise(int i, double amp, quint32 seed = 7)
{
    QRandomGenerator g(seed * 7919u + quint32(i) * 104729u);
    return (g.generateDouble() * 2.0 - 1.0) * amp;
}

inline QJsonObject table(const QStringList &columns, const QList<QJsonArray> &rows,
                         const QJsonObject &extra = {})
{
    QJsonObject o = extra;
    QJsonArray cols;
    for (const QString &c : columns)
        cols.append(c);
    QJsonArray rs;
    for (const QJsonArray &r : rows)
        rs.append(r);
    o.insert(u"columns"_s, cols);
    o.insert(u"rows"_s, rs);
    return o;
}

inline QJsonObject events(const QList<QJsonObject> &list)
{
    QJsonArray a;
    for (const QJsonObject &o : list)
        a.append(o);
    return QJsonObject{{u"events"_s, a}};
}

inline QJsonObject deploy(int id, const QString &time, const QString &title,
                          const QStringList &files, const QString &message = {})
{
    QJsonArray f;
    for (const QString &s : files)
        f.append(s);
    return QJsonObject{{u"type"_s, u"deploy"_s},
                       {u"ref"_s, QString(u"github:deployment:"_s + QString::number(id))},
                       {u"time"_s, time},
                       {u"end"_s, QJsonValue::Null},
                       {u"title"_s, title},
                       {u"sha"_s, u"abc1234"_s},
                       {u"environment"_s, u"production"_s},
                       {u"state"_s, u"success"_s},
                       {u"files"_s, f},
                       {u"message"_s, message},
                       {u"pulls"_s, QJsonArray{}}};
}

inline QJsonObject incident(const QString &page, const QString &id, const QString &title,
                            const QString &from, const QString &to,
                            const QStringList &components = {})
{
    QJsonArray c;
    for (const QString &s : components)
        c.append(s);
    return QJsonObject{{u"type"_s, u"incident"_s},
                       {u"ref"_s, QString(u"statuspage:"_s + page + u":incident:"_s + id)},
                       {u"page"_s, page},
                       {u"title"_s, title},
                       {u"impact"_s, u"major"_s},
                       {u"status"_s, u"resolved"_s},
                       {u"time"_s, from},
                       {u"end"_s, to.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(to)},
                       {u"components"_s, c},
                       {u"updates"_s, QJsonArray{}}};
}

inline QJsonObject issue(const QString &ref, const QString &title, const QString &description,
                         const QString &stateType, const QString &created,
                         const QStringList &labels = {})
{
    QJsonArray l;
    for (const QString &s : labels)
        l.append(s);
    return QJsonObject{
        {u"type"_s, u"issue"_s},
        {u"ref"_s, ref},
        {u"title"_s, title},
        {u"description"_s, description},
        {u"state"_s, stateType == u"started" ? u"In Progress"_s : u"Backlog"_s},
        {u"state_type"_s, stateType},
        {u"labels"_s, l},
        {u"time"_s, created},
        {u"updated"_s, created},
        {u"url"_s, QString(u"https://linear.app/x/issue/"_s + ref.section(u':', -1))}};
}

inline QJsonObject docs(const QList<std::pair<QString, QString>> &pages)
{
    QJsonArray items;
    for (const auto &[path, text] : pages)
        items.append(QJsonObject{{u"ref"_s, QString(u"docs:"_s + path)},
                                 {u"title"_s, path.section(u'/', -1)},
                                 {u"text"_s, text}});
    return QJsonObject{{u"items"_s, items}};
}

inline bool containsRef(const QStringList &refs, const QString &ref)
{
    return refs.contains(ref);
}

// Every finding and cause of `out` comes with its phrases, and every language's built-in
// phrase book words them all. The sentences that mirror the analyzer's summary (the error and
// webhook breakdowns' own: errors.*, webhook.*, scope.*, traffic.*) say in English exactly what
// the summary says; the others (a deploy, a series change ...) are the customer's wording of
// it. '' when so, else what differs.
inline QString phrasesMismatch(const AnalyzerOutput &out, const AnalysisInput &in)
{
    const Reply::Templates templates = Reply::Templates::load({}, false);
    const auto english =
        Reply::PhraseBook::parse(templates.text(u"en"_s, Reply::Templates::phrasesName()));
    const QDateTime reference = in.ticket.createdAt.isValid() ? in.ticket.createdAt : in.now;
    QList<std::pair<QString, QList<Phrase>>> sentences;
    for (const Finding &f : out.findings)
        sentences.append({f.summary, f.phrases});
    for (const Hypothesis &h : out.hypotheses)
        sentences.append({h.cause.summary, h.cause.phrases});
    if (sentences.isEmpty())
        return u"no sentence"_s;
    const auto mirrors = [](const QList<Phrase> &phrases) {
        return std::all_of(phrases.cbegin(), phrases.cend(), [](const Phrase &p) {
            return p.key.startsWith(u"errors."_s) || p.key.startsWith(u"webhook."_s) ||
                   p.key.startsWith(u"scope."_s) || p.key.startsWith(u"traffic."_s);
        });
    };
    for (const auto &[summary, phrases] : sentences) {
        const QString worded = Reply::renderPhrases(phrases, english, u"en"_s, reference);
        if (worded.isEmpty() || (mirrors(phrases) && worded != summary))
            return u"summary: "_s + summary + u"\nphrases: "_s + worded;
        for (const QString &language : Reply::Templates::languages()) {
            const auto book =
                Reply::PhraseBook::parse(templates.text(language, Reply::Templates::phrasesName()));
            if (Reply::renderPhrases(phrases, book, language, reference).isEmpty())
                return u"not worded in "_s + language + u": "_s + summary;
        }
    }
    return {};
}

// An investigation of the input's ticket and window that concludes `cause` with `findings`, for
// composing its replies.
inline Investigation investigationConcluding(const AnalysisInput &in, const RootCause &cause,
                                             const QList<Finding> &findings = {})
{
    Investigation inv;
    inv.ticket = in.ticket;
    inv.playbook = {in.playbook, u"chosen for the test"_s};
    inv.window = in.params.window;
    inv.rootCause = cause;
    inv.findings = findings;
    return inv;
}

// The first English left in the reply to `inv` in a language other than English: a stretch
// of the English phrase book's words, the English summary of its cause or of a finding, or the
// frame's "this part is in English" label; '' when every reply is worded in its language.
inline QString englishLeftInReplies(const Investigation &inv)
{
    const Reply::Templates templates = Reply::Templates::load({}, false);
    const auto english =
        Reply::PhraseBook::parse(templates.text(u"en"_s, Reply::Templates::phrasesName()));
    static const QRegularExpression placeholder(u"\\{[a-z][a-z0-9_]*\\}"_s);
    QStringList summaries;
    if (inv.rootCause)
        summaries.append(inv.rootCause->summary);
    for (const Finding &f : inv.findings)
        summaries.append(f.summary);
    for (const QString &language : Reply::Templates::languages()) {
        if (language == u"en"_s)
            continue;
        Reply::ComposeOptions options;
        options.language = language;
        options.templates = &templates;
        const QString reply = Reply::compose(inv, options).reply;
        for (const QString &summary : std::as_const(summaries)) {
            if (reply.contains(summary.left(40)))
                return language + u": the English summary \u201c"_s + summary + u"\u201d\n"_s +
                       reply;
        }
        for (const QString &key : english.keys()) {
            for (QString words : english.text(key).split(placeholder)) {
                words = words.trimmed();
                if (words.size() >= 12 && reply.contains(words, Qt::CaseInsensitive))
                    return language + u": \u201c"_s + words + u"\u201d ("_s + key + u")\n"_s +
                           reply;
            }
        }
        for (const QString &label :
             {u"en inglés"_s, u"em inglês"_s, u"auf Englisch"_s, u"en anglais"_s, u"英語"_s}) {
            if (reply.contains(label))
                return language + u": said to be in English\n"_s + reply;
        }
    }
    return {};
}

} // namespace TestSupport
