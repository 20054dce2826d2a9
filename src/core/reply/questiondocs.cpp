#include "core/reply/questiondocs.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile::Reply {

namespace {

constexpr int MinScore = 4;
constexpr int MaxPages = 2;

QStringList wordsOf(const QString &text)
{
    static const QRegularExpression word(u"[\\p{L}\\p{N}]{3,}"_s);
    QStringList out;
    for (auto it = word.globalMatch(text.toLower()); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

} // namespace

QStringList questionWords(const Ticket &ticket)
{
    // Frequent words of support questions that say nothing about the topic.
    static const QSet<QString> common{
        u"the"_s,      u"and"_s,     u"for"_s,   u"you"_s,      u"your"_s,  u"our"_s,
        u"can"_s,      u"how"_s,     u"what"_s,  u"when"_s,     u"where"_s, u"which"_s,
        u"who"_s,      u"why"_s,     u"does"_s,  u"this"_s,     u"that"_s,  u"with"_s,
        u"from"_s,     u"have"_s,    u"has"_s,   u"are"_s,      u"was"_s,   u"were"_s,
        u"will"_s,     u"would"_s,   u"could"_s, u"should"_s,   u"there"_s, u"their"_s,
        u"they"_s,     u"them"_s,    u"about"_s, u"any"_s,      u"all"_s,   u"into"_s,
        u"also"_s,     u"just"_s,    u"need"_s,  u"want"_s,     u"like"_s,  u"thanks"_s,
        u"thank"_s,    u"please"_s,  u"hello"_s, u"question"_s, u"know"_s,  u"get"_s,
        u"use"_s,      u"using"_s,   u"not"_s,   u"but"_s,      u"some"_s,  u"more"_s,
        u"than"_s,     u"then"_s,    u"next"_s,  u"week"_s,     u"team"_s,  u"way"_s,
        u"possible"_s, u"there's"_s, u"send"_s,  u"latest"_s,   u"due"_s,   u"its"_s,
        u"it's"_s,     u"we're"_s,   u"i'm"_s};
    QStringList out;
    for (const QString &w : wordsOf(ticket.subject + u' ' + ticket.description)) {
        if (!common.contains(w) && !out.contains(w))
            out << w;
    }
    return out;
}

Result<std::optional<Evidence>> findQuestionDocs(const Ticket &ticket, Connector &docs,
                                                 const WorkLimits &limits)
{
    const QStringList words = questionWords(ticket);
    if (words.isEmpty())
        return std::optional<Evidence>();
    OperationCall call;
    call.stepId = u"question_docs"_s;
    call.operation = u"search"_s;
    QStringList terms;
    if (!ticket.subject.trimmed().isEmpty())
        terms << ticket.subject.simplified().left(200);
    terms << words.mid(0, 8).join(u' ');
    call.args = QJsonObject{{u"terms"_s, QJsonArray::fromStringList(terms)}, {u"limit"_s, 5}};
    call.limits = limits;
    auto answer = docs.run(call);
    if (!answer)
        return std::unexpected(answer.error());
    struct Scored
    {
        int score = 0;
        QJsonObject item;
    };
    QList<Scored> scored;
    QSet<QString> seen;
    for (const Evidence &e : std::as_const(answer->evidence)) {
        for (const QJsonValue &v : e.data.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            const QString ref = item.value(u"ref"_s).toString();
            if (ref.isEmpty() || seen.contains(ref))
                continue;
            seen.insert(ref);
            const QStringList title = wordsOf(item.value(u"title"_s).toString() + u' ' +
                                              ref.section(u'/', -1).replace(u'-', u' '));
            const QStringList body = wordsOf(item.value(u"text"_s).toString());
            int score = 0;
            int distinct = 0;
            for (const QString &w : words) {
                const int s = title.contains(w) ? 3 : (body.contains(w) ? 1 : 0);
                score += s;
                distinct += s > 0 ? 1 : 0;
            }
            if (score >= MinScore && distinct >= 2)
                scored.append({score, item});
        }
    }
    if (scored.isEmpty())
        return std::optional<Evidence>();
    std::stable_sort(scored.begin(), scored.end(),
                     [](const Scored &a, const Scored &b) { return a.score > b.score; });
    QJsonArray items;
    for (const Scored &s : scored.mid(0, MaxPages))
        items.append(s.item);
    Evidence e;
    e.kind = EvidenceKind::Text;
    e.connector = u"docs"_s;
    e.title = u"Documentation that answers the question"_s;
    e.source = u"docs:search"_s;
    e.data = QJsonObject{{u"items"_s, items}};
    return std::optional<Evidence>(e);
}

} // namespace Casefile::Reply
