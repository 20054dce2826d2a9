#include "core/investigationjson.h"
#include "core/time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

QJsonArray stringsToJson(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QStringList stringsFromJson(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray a = v.toArray();
    out.reserve(a.size());
    for (const QJsonValue &item : a) {
        if (item.isString())
            out.append(item.toString());
    }
    return out;
}

QJsonValue nullableString(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Optional "phrases": [{"key": ..., "args": {"name": {"count": 12} | {"share": 0.3} |
// {"number": 1.5, "decimals": 1} | {"time": iso} | {"name": "x"} | {"names": [...]} |
// {"ms": 1200} | {"date": iso} | {"term": "metric.error_rate"}}}].
QJsonArray phrasesToJson(const QList<Phrase> &phrases)
{
    QJsonArray out;
    for (const Phrase &p : phrases) {
        QJsonObject args;
        for (const PhraseArg &a : p.args) {
            QJsonObject v;
            switch (a.kind) {
            case PhraseArg::Kind::Count:
                v.insert(u"count"_s, a.number);
                break;
            case PhraseArg::Kind::Share:
                v.insert(u"share"_s, a.number);
                break;
            case PhraseArg::Kind::Number:
                v.insert(u"number"_s, a.number);
                v.insert(u"decimals"_s, a.decimals);
                break;
            case PhraseArg::Kind::Time:
                v.insert(u"time"_s, toIsoUtc(a.time));
                break;
            case PhraseArg::Kind::Name:
                v.insert(u"name"_s, a.names.value(0));
                break;
            case PhraseArg::Kind::Names:
                v.insert(u"names"_s, stringsToJson(a.names));
                break;
            case PhraseArg::Kind::Duration:
                v.insert(u"ms"_s, a.number);
                break;
            case PhraseArg::Kind::Date:
                v.insert(u"date"_s, toIsoUtc(a.time));
                break;
            case PhraseArg::Kind::Term:
                v.insert(u"term"_s, a.names.value(0));
                break;
            }
            args.insert(a.name, v);
        }
        out.append(QJsonObject{{u"key"_s, p.key}, {u"args"_s, args}});
    }
    return out;
}

QList<Phrase> phrasesFromJson(const QJsonValue &value)
{
    QList<Phrase> out;
    for (const QJsonValue &pv : value.toArray()) {
        const QJsonObject o = pv.toObject();
        Phrase p;
        p.key = o.value(u"key"_s).toString();
        const QJsonObject args = o.value(u"args"_s).toObject();
        for (auto it = args.begin(); it != args.end(); ++it) {
            const QJsonObject v = it.value().toObject();
            if (v.contains(u"count"_s))
                p.args.append(Say::count(it.key(), v.value(u"count"_s).toDouble()));
            else if (v.contains(u"share"_s))
                p.args.append(Say::share(it.key(), v.value(u"share"_s).toDouble()));
            else if (v.contains(u"number"_s))
                p.args.append(Say::number(it.key(), v.value(u"number"_s).toDouble(),
                                          std::clamp(v.value(u"decimals"_s).toInt(), 0, 6)));
            else if (v.contains(u"time"_s))
                p.args.append(Say::time(it.key(), fromIso(v.value(u"time"_s).toString())));
            else if (v.contains(u"ms"_s))
                p.args.append(Say::millis(it.key(), v.value(u"ms"_s).toDouble()));
            else if (v.contains(u"date"_s))
                p.args.append(Say::date(it.key(), fromIso(v.value(u"date"_s).toString())));
            else if (v.contains(u"term"_s))
                p.args.append(Say::term(it.key(), v.value(u"term"_s).toString()));
            else if (v.contains(u"names"_s))
                p.args.append(Say::names(it.key(), stringsFromJson(v.value(u"names"_s))));
            else
                p.args.append(Say::name(it.key(), v.value(u"name"_s).toString()));
        }
        if (!p.key.isEmpty())
            out.append(p);
    }
    return out;
}

QJsonObject rootCauseToJson(const RootCause &rc)
{
    QJsonObject o{{u"category"_s, rc.category},
                  {u"summary"_s, rc.summary},
                  {u"confidence"_s, rc.confidence},
                  {u"refs"_s, stringsToJson(rc.refs)}};
    if (!rc.evidenceIds.isEmpty())
        o.insert(u"evidence"_s, stringsToJson(rc.evidenceIds));
    if (!rc.phrases.isEmpty())
        o.insert(u"phrases"_s, phrasesToJson(rc.phrases));
    return o;
}

Result<RootCause> rootCauseFromJson(const QJsonObject &o)
{
    RootCause cause;
    cause.category = o.value(u"category"_s).toString();
    if (!knownCategories().contains(cause.category)) {
        return fail(Error::Code::InvalidInput,
                    u"Unknown root-cause category \"%1\"."_s.arg(cause.category));
    }
    cause.summary = o.value(u"summary"_s).toString();
    cause.confidence = o.value(u"confidence"_s).toDouble();
    cause.refs = stringsFromJson(o.value(u"refs"_s));
    cause.evidenceIds = stringsFromJson(o.value(u"evidence"_s));
    cause.phrases = phrasesFromJson(o.value(u"phrases"_s));
    return cause;
}

} // namespace

QJsonObject ticketToJson(const Ticket &t)
{
    QJsonObject o{
        {u"id"_s, t.id},
        {u"subject"_s, t.subject},
        {u"description"_s, t.description},
        {u"status"_s, t.status},
        {u"priority"_s, t.priority},
        {u"requester_name"_s, t.requesterName},
        {u"requester_email"_s, t.requesterEmail},
        {u"org_id"_s, t.orgId},
        {u"org_name"_s, t.orgName},
        {u"tags"_s, stringsToJson(t.tags)},
        {u"created_at"_s, toIsoUtc(t.createdAt)},
        {u"updated_at"_s, toIsoUtc(t.updatedAt)},
    };
    return o;
}

Ticket ticketFromJson(const QJsonObject &o)
{
    Ticket t;
    const QJsonValue id = o.value(u"id"_s);
    if (!id.isDouble())
        t.id = id.toString();
    else if (const auto n = toInt64(id.toDouble()))
        t.id = QString::number(*n);
    t.subject = o.value(u"subject"_s).toString();
    t.description = o.value(u"description"_s).toString();
    t.status = o.value(u"status"_s).toString();
    t.priority = o.value(u"priority"_s).toString();
    t.requesterName = o.value(u"requester_name"_s).toString();
    t.requesterEmail = o.value(u"requester_email"_s).toString();
    t.orgId = o.value(u"org_id"_s).toString();
    t.orgName = o.value(u"org_name"_s).toString();
    t.tags = stringsFromJson(o.value(u"tags"_s));
    t.createdAt = fromIso(o.value(u"created_at"_s).toString());
    t.updatedAt = fromIso(o.value(u"updated_at"_s).toString());
    return t;
}

QJsonObject evidenceToJson(const Evidence &e)
{
    QJsonObject o{{u"id"_s, e.id},
                  {u"kind"_s, evidenceKindName(e.kind)},
                  {u"connector"_s, e.connector},
                  {u"title"_s, e.title},
                  {u"source"_s, e.source},
                  {u"data"_s, e.data}};
    if (!e.stepId.isEmpty())
        o.insert(u"step"_s, e.stepId);
    if (!e.query.isEmpty())
        o.insert(u"query"_s, e.query);
    return o;
}

Result<Evidence> evidenceFromJson(const QJsonObject &o)
{
    Evidence e;
    e.id = o.value(u"id"_s).toString();
    const auto kind = evidenceKindFromName(o.value(u"kind"_s).toString());
    if (!kind) {
        return fail(Error::Code::InvalidInput, u"Evidence \"%1\" has an unknown kind \"%2\"."_s.arg(
                                                   e.id, o.value(u"kind"_s).toString()));
    }
    e.kind = *kind;
    e.connector = o.value(u"connector"_s).toString();
    e.title = o.value(u"title"_s).toString();
    e.source = o.value(u"source"_s).toString();
    e.data = o.value(u"data"_s).toObject();
    e.stepId = o.value(u"step"_s).toString();
    e.query = o.value(u"query"_s).toString();
    return e;
}

QJsonObject investigationToJson(const Investigation &inv)
{
    QJsonObject doc;
    doc.insert(u"format"_s, QString::fromLatin1(Investigation::FormatId));

    QJsonObject ticket{{u"id"_s, inv.ticket.id},
                       {u"subject"_s, inv.ticket.subject},
                       {u"org_id"_s, inv.ticket.orgId}};
    // Optional extension: the rest of the snapshot, so an exported document reviews offline.
    if (!inv.ticket.description.isEmpty())
        ticket.insert(u"description"_s, inv.ticket.description);
    if (!inv.ticket.requesterEmail.isEmpty())
        ticket.insert(u"requester_email"_s, inv.ticket.requesterEmail);
    if (!inv.ticket.orgName.isEmpty())
        ticket.insert(u"org_name"_s, inv.ticket.orgName);
    if (inv.ticket.createdAt.isValid())
        ticket.insert(u"created_at"_s, toIsoUtc(inv.ticket.createdAt));
    doc.insert(u"ticket"_s, ticket);

    doc.insert(u"playbook"_s, QJsonObject{{u"name"_s, nullableString(inv.playbook.name)},
                                          {u"reason"_s, inv.playbook.reason}});
    if (inv.window.isValid()) {
        doc.insert(u"window"_s, QJsonObject{{u"from"_s, toIsoUtc(inv.window.from)},
                                            {u"to"_s, toIsoUtc(inv.window.to)}});
    } else {
        doc.insert(u"window"_s, QJsonValue::Null);
    }
    doc.insert(u"started_at"_s, toIsoUtc(inv.startedAt));
    doc.insert(u"duration_ms"_s, double(inv.durationMs));

    QJsonArray steps;
    for (const StepRecord &s : inv.steps) {
        QJsonObject o{{u"id"_s, s.id},
                      {u"connector"_s, s.connector},
                      {u"title"_s, s.title},
                      {u"status"_s, stepStatusName(s.status)},
                      {u"duration_ms"_s, double(s.durationMs)},
                      {u"error"_s, nullableString(s.error)},
                      {u"evidence"_s, stringsToJson(s.evidenceIds)}};
        if (!s.operation.isEmpty())
            o.insert(u"operation"_s, s.operation);
        o.insert(u"required"_s, s.required);
        if (s.attempts > 0)
            o.insert(u"attempts"_s, s.attempts);
        steps.append(o);
    }
    doc.insert(u"steps"_s, steps);

    QJsonArray evidence;
    for (const Evidence &e : inv.evidence)
        evidence.append(evidenceToJson(e));
    doc.insert(u"evidence"_s, evidence);

    QJsonArray findings;
    for (const Finding &f : inv.findings) {
        QJsonObject o{{u"summary"_s, f.summary},
                      {u"refs"_s, stringsToJson(f.refs)},
                      {u"evidence"_s, stringsToJson(f.evidenceIds)},
                      {u"confidence"_s, f.confidence}};
        if (!f.phrases.isEmpty())
            o.insert(u"phrases"_s, phrasesToJson(f.phrases));
        findings.append(o);
    }
    doc.insert(u"findings"_s, findings);

    if (inv.rootCause)
        doc.insert(u"root_cause"_s, rootCauseToJson(*inv.rootCause));
    else
        doc.insert(u"root_cause"_s, QJsonValue::Null);
    if (!inv.secondaryCauses.isEmpty()) {
        QJsonArray secondary;
        for (const RootCause &c : inv.secondaryCauses)
            secondary.append(rootCauseToJson(c));
        doc.insert(u"secondary_causes"_s, secondary);
    }

    QJsonArray rejected;
    for (const RejectedHypothesis &r : inv.rejected) {
        QJsonObject o{{u"category"_s, r.category}, {u"reason"_s, r.reason}};
        if (!r.refs.isEmpty())
            o.insert(u"refs"_s, stringsToJson(r.refs));
        rejected.append(o);
    }
    doc.insert(u"rejected"_s, rejected);
    doc.insert(u"diagnosis_markdown"_s, inv.diagnosisMarkdown);
    if (!inv.internalNoteMarkdown.isEmpty())
        doc.insert(u"internal_note_markdown"_s, inv.internalNoteMarkdown);
    if (!inv.replyLanguage.isEmpty())
        doc.insert(u"reply_language"_s, inv.replyLanguage);
    if (!inv.workspace.isEmpty())
        doc.insert(u"workspace"_s, inv.workspace);
    if (!inv.notChecked.isEmpty())
        doc.insert(u"not_checked"_s, stringsToJson(inv.notChecked));
    if (!inv.notCheckedWording.isEmpty()) {
        QJsonArray worded;
        for (const WordedLine &w : inv.notCheckedWording)
            worded.append(
                QJsonObject{{u"text"_s, w.text}, {u"phrases"_s, phrasesToJson(w.phrases)}});
        doc.insert(u"not_checked_phrases"_s, worded);
    }
    if (inv.needsHuman) {
        doc.insert(u"needs_human"_s, true);
        doc.insert(u"missing"_s, stringsToJson(inv.missing));
    }
    if (!inv.entityCorrections.isEmpty()) {
        QJsonArray corrections;
        for (const EntityCorrection &c : inv.entityCorrections)
            corrections.append(
                QJsonObject{{u"entity"_s, c.entity}, {u"ticket"_s, c.ticket}, {u"logs"_s, c.logs}});
        doc.insert(u"entity_corrections"_s, corrections);
    }
    return doc;
}

QByteArray investigationToJsonBytes(const Investigation &investigation, bool indented)
{
    return QJsonDocument(investigationToJson(investigation))
        .toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
}

Result<Investigation> investigationFromJson(const QJsonObject &doc)
{
    if (doc.value(u"format"_s).toString() != QLatin1StringView(Investigation::FormatId)) {
        return fail(Error::Code::InvalidInput,
                    u"Not a Casefile investigation document (format must be \"%1\")."_s.arg(
                        QLatin1StringView(Investigation::FormatId)));
    }
    Investigation inv;
    const QJsonObject ticket = doc.value(u"ticket"_s).toObject();
    if (ticket.isEmpty())
        return fail(Error::Code::InvalidInput, u"The document has no ticket."_s);
    inv.ticket = ticketFromJson(ticket);

    const QJsonObject playbook = doc.value(u"playbook"_s).toObject();
    inv.playbook.name = playbook.value(u"name"_s).toString();
    inv.playbook.reason = playbook.value(u"reason"_s).toString();

    const QJsonObject window = doc.value(u"window"_s).toObject();
    inv.window.from = fromIso(window.value(u"from"_s).toString());
    inv.window.to = fromIso(window.value(u"to"_s).toString());
    inv.startedAt = fromIso(doc.value(u"started_at"_s).toString());
    inv.durationMs = toInt64(doc.value(u"duration_ms"_s).toDouble()).value_or(0);

    const QJsonArray steps = doc.value(u"steps"_s).toArray();
    for (const QJsonValue &v : steps) {
        const QJsonObject o = v.toObject();
        StepRecord s;
        s.id = o.value(u"id"_s).toString();
        s.connector = o.value(u"connector"_s).toString();
        s.operation = o.value(u"operation"_s).toString();
        s.title = o.value(u"title"_s).toString();
        const auto status = stepStatusFromName(o.value(u"status"_s).toString());
        if (!status) {
            return fail(Error::Code::InvalidInput,
                        u"Step \"%1\" has an unknown status \"%2\"."_s.arg(
                            s.id, o.value(u"status"_s).toString()));
        }
        s.status = *status;
        s.durationMs = toInt64(o.value(u"duration_ms"_s).toDouble()).value_or(0);
        s.error = o.value(u"error"_s).toString();
        s.evidenceIds = stringsFromJson(o.value(u"evidence"_s));
        s.required = o.value(u"required"_s).toBool();
        s.attempts = o.value(u"attempts"_s).toInt();
        inv.steps.append(s);
    }

    const QJsonArray evidence = doc.value(u"evidence"_s).toArray();
    for (const QJsonValue &v : evidence) {
        auto e = evidenceFromJson(v.toObject());
        if (!e)
            return std::unexpected(e.error());
        inv.evidence.append(std::move(*e));
    }

    const QJsonArray findings = doc.value(u"findings"_s).toArray();
    for (const QJsonValue &v : findings) {
        const QJsonObject o = v.toObject();
        inv.findings.append(
            Finding{o.value(u"summary"_s).toString(), stringsFromJson(o.value(u"refs"_s)),
                    stringsFromJson(o.value(u"evidence"_s)), o.value(u"confidence"_s).toDouble(),
                    phrasesFromJson(o.value(u"phrases"_s))});
    }

    const QJsonValue rc = doc.value(u"root_cause"_s);
    if (rc.isObject()) {
        auto cause = rootCauseFromJson(rc.toObject());
        if (!cause)
            return std::unexpected(cause.error());
        inv.rootCause = *cause;
    }
    for (const QJsonValue &v : doc.value(u"secondary_causes"_s).toArray()) {
        auto cause = rootCauseFromJson(v.toObject());
        if (!cause)
            return std::unexpected(cause.error());
        inv.secondaryCauses.append(*cause);
    }

    const QJsonArray rejected = doc.value(u"rejected"_s).toArray();
    for (const QJsonValue &v : rejected) {
        const QJsonObject o = v.toObject();
        inv.rejected.append(RejectedHypothesis{o.value(u"category"_s).toString(),
                                               o.value(u"reason"_s).toString(),
                                               stringsFromJson(o.value(u"refs"_s))});
    }
    inv.diagnosisMarkdown = doc.value(u"diagnosis_markdown"_s).toString();
    inv.internalNoteMarkdown = doc.value(u"internal_note_markdown"_s).toString();
    inv.replyLanguage = doc.value(u"reply_language"_s).toString();
    inv.workspace = doc.value(u"workspace"_s).toString();
    inv.notChecked = stringsFromJson(doc.value(u"not_checked"_s));
    for (const QJsonValue &v : doc.value(u"not_checked_phrases"_s).toArray()) {
        const QJsonObject o = v.toObject();
        inv.notCheckedWording.append(
            {o.value(u"text"_s).toString(), phrasesFromJson(o.value(u"phrases"_s))});
    }
    inv.needsHuman = doc.value(u"needs_human"_s).toBool();
    inv.missing = stringsFromJson(doc.value(u"missing"_s));
    for (const QJsonValue &v : doc.value(u"entity_corrections"_s).toArray()) {
        const QJsonObject o = v.toObject();
        inv.entityCorrections.append({o.value(u"entity"_s).toString(),
                                      o.value(u"ticket"_s).toString(),
                                      o.value(u"logs"_s).toString()});
    }
    return inv;
}

Result<Investigation> investigationFromJsonBytes(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(Error::Code::Parse,
                    u"The file is not valid JSON (%1 at byte %2)."_s.arg(error.errorString())
                        .arg(error.offset));
    }
    if (!doc.isObject())
        return fail(Error::Code::Parse, u"The file is not a JSON object."_s);
    return investigationFromJson(doc.object());
}

} // namespace Casefile
