#include "core/engine/classifier.h"

#include "core/engine/lexicon.h"
#include "core/engine/textnormalizer.h"
#include "core/text/language.h"
#include "core/text/quotedthread.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <array>
#include <optional>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

using Lexicon::Kind;

constexpr qsizetype MaxBody = 20000;
constexpr qsizetype MaxSubject = 2000;
// A subject carried over from an older thread ("Re: Re: invoice question") says little about
// what the body now reports.
constexpr double StaleSubjectWeight = 0.35;
// What a symptom weighs once more for being the subject's headline (named there and taken up
// by the body), against symptoms the body alone adds.
constexpr double HeadlineShare = 0.5;
// A symptom named inside a question that is generic or hypothetical ("what happens if a
// provider is down?") counts this much; inside "why is our ... failing?" it counts fully.
constexpr double GenericQuestionFactor = 0.3;
// The longest question read as a statement said with a question mark (see Sentence): longer
// ones without a question word are sentences of their own, judged by what they name.
constexpr qsizetype MaxStatementQuestionTokens = 8;
constexpr double SymptomThreshold = 0.9;
constexpr int NegationWindow = 3; // words before a symptom that can negate it
// What a topic named only in a sentence saying it works weighs, against the same topic named
// as what is wrong.
constexpr double SaidToWorkTopicShare = 0.25;
// What a symptom said to happen now and then ("also sometimes a 429") weighs against one said
// to happen, so that a side remark does not outweigh the complaint.
constexpr double OccasionalSymptomShare = 0.6;
constexpr int JapaneseNegationWindow = 8;

bool isSpacelessChar(QChar c)
{
    const auto script = c.script();
    const char16_t u = c.unicode();
    // The kana block also holds the prolonged sound mark (U+30FC) and iteration marks, which
    // Unicode files under "Common"; half-width katakana live in U+FF66..U+FF9F.
    return script == QChar::Script_Han || script == QChar::Script_Hiragana ||
           script == QChar::Script_Katakana || script == QChar::Script_Thai ||
           (u >= 0x3005 && u <= 0x30FF) || (u >= 0xFF66 && u <= 0xFF9F);
}

// ---- Text structure: zones (subject, body) -> sentences -> clauses -> tokens ----

struct Clause
{
    QStringList tokens;
    QString joined; // " tok tok " for substring (Japanese) search
};

struct Sentence
{
    QString raw;
    QList<Clause> clauses;
    bool question = false;
    bool hypothetical = false;
    bool firstPerson = false;
    bool why = false;
    // What kind of question it is, when it is one. A request for information asks how
    // something works, what it costs, whether it can be done ("how do retries work on 500s?",
    // "which codes trigger the fallback?"): a symptom named in it is a topic. A question that
    // reports asks about something that happened or is happening: said as a statement with a
    // question mark, about a named provider, model or id, anchored in time, comparing figures,
    // or asking whether a thing is in a state ("are webhooks down?", "billed 61M but the
    // dashboard shows 47M?", "requests to Mistral failing since 10:00?").
    bool asksInformation = false; // opens like a request for information
    bool concrete = false;        // names a provider, a model, an id, a route or "your ..."
    bool figures = false;         // two figures or durations side by side
    bool stateQuestion = false;   // asks whether something is in a state ("is ... down?")
    bool timed = false;           // a clock time ("10:40", "9am", "11 Uhr", "10h", "9時")
    // A short statement said with a question mark, opening with no question word, modal or
    // copula: "Requests failing?", "¿Fallan las peticiones?", "Webhooks down?". A symptom it
    // says of something is reported; one it names after a preposition ("Retries on timeouts?")
    // is a topic.
    bool statement = false;
    QList<double> durations; // the durations it gives, in ms ("800 ms", "2,5 s", "3秒")
};

// Folded words, split where Latin letters meet Japanese ones ("webhookが届かない").
QStringList tokensOf(const QString &folded)
{
    QStringList out;
    for (const QString &word : folded.split(u' ', Qt::SkipEmptyParts)) {
        qsizetype start = 0;
        for (qsizetype i = 1; i <= word.size(); ++i) {
            if (i == word.size() ||
                isSpacelessChar(word.at(i)) != isSpacelessChar(word.at(i - 1))) {
                out.append(word.mid(start, i - start));
                start = i;
            }
        }
    }
    return out;
}

bool containsAny(const QString &text, std::initializer_list<const char16_t *> needles)
{
    for (const char16_t *n : needles) {
        if (text.contains(QString::fromUtf16(n)))
            return true;
    }
    return false;
}

int distinctAmounts(const QString &text);
QList<double> durationsOf(const QString &sentence);
int distinctModels(const QString &text);

// The words that open a request for information in the six languages (folded): question
// words and the modal or auxiliary verbs a "can it / does it / is there" question starts with.
// A question that opens with "is", "are", "ist", "está"... asks about a state and is not here.
bool opensInformationRequest(const QStringList &tokens)
{
    static const QSet<QString> openers{
        // English
        u"how"_s, u"what"_s, u"whats"_s, u"which"_s, u"who"_s, u"where"_s, u"when"_s, u"do"_s,
        u"does"_s, u"can"_s, u"could"_s, u"will"_s, u"would"_s, u"should"_s, u"may"_s, u"might"_s,
        u"shall"_s, u"any"_s,
        // Spanish
        u"como"_s, u"cual"_s, u"cuales"_s, u"cuanto"_s, u"cuanta"_s, u"cuantos"_s, u"cuantas"_s,
        u"cuando"_s, u"donde"_s, u"quien"_s, u"puedo"_s, u"puede"_s, u"pueden"_s, u"podemos"_s,
        u"podria"_s, u"hay"_s, u"existe"_s, u"ofrecen"_s, u"ofreceis"_s, u"soportan"_s,
        u"soportais"_s, u"tienen"_s, u"teneis"_s,
        // Portuguese
        u"qual"_s, u"quais"_s, u"quantos"_s, u"quantas"_s, u"quando"_s, u"onde"_s, u"quem"_s,
        u"posso"_s, u"pode"_s, u"podem"_s, u"oferecem"_s, u"suportam"_s, u"tem"_s, u"da"_s,
        // German
        u"wie"_s, u"was"_s, u"welche"_s, u"welcher"_s, u"welches"_s, u"welchen"_s, u"wann"_s,
        u"wo"_s, u"wer"_s, u"kann"_s, u"konnen"_s, u"konnt"_s, u"gibt"_s, u"wird"_s, u"werden"_s,
        u"unterstutzt"_s, u"unterstutzen"_s, u"darf"_s, u"durfen"_s, u"soll"_s, u"sollte"_s,
        u"bietet"_s, u"bieten"_s,
        // French
        u"comment"_s, u"quel"_s, u"quelle"_s, u"quels"_s, u"quelles"_s, u"combien"_s, u"quand"_s,
        u"peut"_s, u"peuvent"_s, u"pouvez"_s, u"puis"_s, u"proposez"_s, u"supportez"_s, u"faut"_s};
    if (tokens.isEmpty())
        return false;
    const QString &first = tokens.first();
    // "is there", "are there", "y a-t-il", "es posible", "é possível", "est-il possible"
    const QString second = tokens.value(1);
    if ((first == u"is"_s || first == u"are"_s) && second == u"there"_s)
        return true;
    if ((first == u"es"_s || first == u"e"_s || first == u"est"_s) &&
        (second.startsWith(u"posib"_s) || second.startsWith(u"possi"_s) ||
         tokens.value(2).startsWith(u"possi"_s)))
        return true;
    if (first == u"y"_s && second == u"a"_s)
        return true;
    if ((first == u"que"_s || first == u"o"_s) && second != u"estan"_s && second != u"esta"_s)
        return first == u"que"_s || second == u"que"_s;
    return openers.contains(first);
}

// A question about a state: "is/are ... down?", "ist ... kaputt?", "están fallando?".
bool opensStateQuestion(const QStringList &tokens)
{
    // the verb comes after the subject in a Romance statement said as a question ("os
    // webhooks estão falhando?", "las llamadas están fallando?"), first elsewhere
    static const QSet<QString> copulas{
        u"is"_s,   u"are"_s,   u"was"_s,    u"were"_s,   u"isnt"_s,   u"arent"_s, u"has"_s,
        u"have"_s, u"hasnt"_s, u"havent"_s, u"ist"_s,    u"sind"_s,   u"war"_s,   u"waren"_s,
        u"esta"_s, u"estan"_s, u"estao"_s,  u"estaba"_s, u"estava"_s, u"sont"_s,  u"etait"_s};
    if (tokens.isEmpty() || tokens.value(1) == u"there"_s)
        return false;
    static const QSet<QString> romance{u"esta"_s,   u"estan"_s,  u"estao"_s,
                                       u"estaba"_s, u"estava"_s, u"sont"_s};
    for (qsizetype i = 0; i < std::min<qsizetype>(tokens.size(), 4); ++i) {
        if (i == 0 ? copulas.contains(tokens.at(i)) : romance.contains(tokens.at(i)))
            return true;
    }
    return false;
}

// Japanese: a request for information ("できますか", "どのように"), or a state ("〜ていますか").
bool japaneseAsksInformation(const QString &raw)
{
    return containsAny(raw, {u"できますか", u"できるか", u"可能ですか", u"可能でしょうか",
                             u"ありますか", u"どう", u"どのよう", u"どれ", u"何", u"いくら",
                             u"いつ", u"どこ", u"対応していますか"});
}

bool japaneseState(const QString &raw)
{
    return containsAny(
        raw, {u"ている", u"ています", u"ていない", u"ていません", u"てる", u"でいる", u"でいます"});
}

// Names something particular: a provider or model, an id ("in_8823", "req_7f3a"), a route, or
// the vendor's own thing ("your webhooks", "vos webhooks", "御社").
bool namesSomething(const QString &raw, const QStringList &tokens)
{
    static const QSet<QString> yours{u"your"_s,    u"yours"_s,   u"vos"_s,      u"votre"_s,
                                     u"vuestro"_s, u"vuestra"_s, u"vuestros"_s, u"vuestras"_s,
                                     u"eure"_s,    u"euer"_s,    u"euren"_s,    u"eurem"_s};
    static const QRegularExpression id(
        u"(?<![\\w])(?:[a-z]{2,}_[a-z0-9_]*\\d[\\w]*|/v\\d+/[\\w/-]+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    for (const QString &t : tokens) {
        if (yours.contains(t))
            return true;
    }
    return containsAny(raw, {u"御社", u"貴社"}) || id.match(raw).hasMatch() ||
           !Lexicon::providerFamilies(u' ' + tokens.join(u' ') + u' ').isEmpty() ||
           distinctModels(raw) > 0;
}

bool saysTime(const QString &raw)
{
    static const QRegularExpression clock(
        u"(?<![\\d.,])\\d{1,2}(?::\\d{2}|\\s?(?:am|pm|uhr|h\\b)|時)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return clock.match(raw).hasMatch();
}

// `lang`: the ticket's language when clear ("on" is the French "we", an English preposition).
Sentence makeSentence(const QString &raw, bool questionMark, std::optional<Lexicon::Lang> lang)
{
    Sentence s;
    const QString trimmed = raw.trimmed();
    s.raw = trimmed;
    s.durations = durationsOf(trimmed.normalized(QString::NormalizationForm_KC).toLower());
    s.question = questionMark || trimmed.endsWith(u'か') ||
                 containsAny(trimmed, {u"ですか", u"ますか", u"でしょうか"});
    s.hypothetical = containsAny(trimmed, {u"場合"});
    s.firstPerson = containsAny(trimmed, {u"弊社", u"当社", u"こちら", u"私", u"うち", u"我々"});
    s.why = containsAny(trimmed, {u"なぜ", u"どうして"});
    static const QRegularExpression clauseBreak(u"[,;:、，()（）\\[\\]]"_s);
    for (const QString &part : trimmed.split(clauseBreak, Qt::SkipEmptyParts)) {
        Clause clause;
        const QStringList tokens = tokensOf(foldForMatching(part, MaxBody));
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const QString &tok = tokens.at(i);
            s.hypothetical = s.hypothetical || Lexicon::isHypothetical(tok) ||
                             (tok == u"happens"_s && i > 0 && tokens.at(i - 1) == u"what"_s);
            s.firstPerson =
                s.firstPerson || (Lexicon::isFirstPerson(tok) &&
                                  !(tok == u"on"_s && lang && *lang != Lexicon::Lang::Fr));
            s.why = s.why || Lexicon::isWhy(tok) ||
                    (tok == u"que"_s && i > 0 && tokens.at(i - 1) == u"por"_s);
            clause.tokens.append(tok);
        }
        if (!clause.tokens.isEmpty())
            s.clauses.append(clause);
    }
    for (Clause &c : s.clauses)
        c.joined = u' ' + c.tokens.join(u' ') + u' ';
    if (s.question) {
        // how it opens: its first clause past a greeting ("Hi, how do I ...?"), so that a
        // request for action after the report ("..., can you check?") does not make it one
        QStringList all;
        const Clause *opening = nullptr;
        for (const Clause &c : std::as_const(s.clauses)) {
            if (!opening && (c.tokens.size() > 2 || &c == &s.clauses.constLast()))
                opening = &c;
            all += c.tokens;
        }
        if (opening) {
            s.asksInformation = opensInformationRequest(opening->tokens);
            s.stateQuestion = opensStateQuestion(opening->tokens);
        }
        s.asksInformation = s.asksInformation || japaneseAsksInformation(trimmed);
        s.stateQuestion = s.stateQuestion || japaneseState(trimmed);
        s.concrete = namesSomething(trimmed, all);
        s.figures = distinctAmounts(trimmed) >= 2 || s.durations.size() >= 2;
        s.timed = saysTime(trimmed);
        s.statement = !s.asksInformation && !s.stateQuestion && !s.hypothetical &&
                      all.size() <= MaxStatementQuestionTokens;
    }
    return s;
}

QList<Sentence> sentencesOf(QStringView text, std::optional<Lexicon::Lang> lang)
{
    QList<Sentence> out;
    QString current;
    auto flush = [&](bool question) {
        if (!current.trimmed().isEmpty())
            out.append(makeSentence(current, question, lang));
        current.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'?' || c == QChar(0xFF1F)) {
            flush(true);
        } else if (c == u'!' || c == u'\n' || c == QChar(0x3002) || c == QChar(0xFF01) ||
                   (c == u'.' && (i + 1 == text.size() || text.at(i + 1).isSpace()))) {
            flush(false);
        } else {
            current += c;
        }
    }
    flush(false);
    return out;
}

// ---- Term matching: exact, inflected (prefix or stem), or misspelt (edit distance) ----

// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), for
// words of up to MaxWord letters (longer ones are never compared).
constexpr qsizetype MaxWord = 32;

int editDistance(QStringView a, QStringView b)
{
    const qsizetype n = std::min(a.size(), MaxWord);
    const qsizetype m = std::min(b.size(), MaxWord);
    std::array<std::array<int, MaxWord + 1>, 3> rows{};
    auto row = [&](qsizetype i) -> std::array<int, MaxWord + 1> & {
        return rows[i % 3];
    };
    for (qsizetype j = 0; j <= m; ++j)
        row(0)[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        auto &cur = row(i);
        const auto &prev = row(i - 1);
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, row(i - 2)[j - 2] + 1);
            cur[j] = v;
        }
    }
    return row(n)[m];
}

// Typos allowed between two words, by the shorter one's length: none below 5 letters, one up
// to 7, two beyond. Measured on the shorter word so that a short word of another language is
// not a mangled long term: Portuguese "metade" (half) is two edits from "metadata", more than
// a six-letter word can carry.
int allowedTypos(qsizetype termLength)
{
    return termLength < 5 ? 0 : termLength <= 7 ? 1 : 2;
}

bool inflectionOf(const QString &token, const Lexicon::Term &t, const QString &word, bool last)
{
    if (token == word)
        return true;
    if (last && !t.wholeWord && token.startsWith(word))
        return true;
    if (t.wholeWord)
        return false;
    // Same stem, and endings of like length (or the bare stem): "fails" is "failing", but
    // Portuguese "metade" (half) is not "metadados", whose stripped "-ados" was part of its root.
    const QString stem = Lexicon::stem(word, t.lang);
    return Lexicon::stem(token, t.lang) == stem &&
           (token == stem || std::abs(token.size() - word.size()) <= 2);
}

bool misspeltAs(const QString &token, const Lexicon::Term &t)
{
    const QString &word = t.folded;
    const int allowed = allowedTypos(std::min(token.size(), word.size()));
    if (allowed == 0 || token.size() < 5 || token.size() > MaxWord || token.at(0) != word.at(0))
        return false;
    // A whole-word term excludes its own inflections on purpose ("tokens", not "token"), and a
    // word that differs from it only in its last letters is another form ("different" is not
    // "difference"), not a typo.
    if (t.wholeWord && (word.startsWith(token) || token.startsWith(word)))
        return false;
    if (t.wholeWord) {
        qsizetype common = 0;
        while (common < std::min(token.size(), word.size()) && token.at(common) == word.at(common))
            ++common;
        if (common >= word.size() - 2)
            return false;
    }
    if (std::abs(token.size() - word.size()) <= allowed && editDistance(token, word) <= allowed)
        return true;
    if (t.wholeWord || token.size() <= word.size())
        return false;
    // A misspelt inflection ("latancy" for "latenc"): the token's start against the term.
    for (qsizetype len = word.size() - 1; len <= word.size() + 1; ++len) {
        if (len < token.size() && editDistance(QStringView(token).left(len), word) <= allowed)
            return true;
    }
    return false;
}

struct TermRef
{
    int index = 0; // into Lexicon::concepts()
    int term = 0;
};

struct TermIndex
{
    QList<TermRef> single;    // one Latin word
    QList<TermRef> multi;     // a Latin phrase
    QList<TermRef> spaceless; // Japanese
    // Common words one typo away from a term ("falling" is not "failing").
    QSet<QString> confusable;
};

const TermIndex &termIndex()
{
    static const TermIndex index = [] {
        TermIndex ix;
        const QList<Lexicon::Concept> &all = Lexicon::concepts();
        for (int c = 0; c < all.size(); ++c) {
            for (int t = 0; t < all.at(c).terms.size(); ++t) {
                const Lexicon::Term &term = all.at(c).terms.at(t);
                if (term.spaceless)
                    ix.spaceless.append({c, t});
                else if (term.words.size() == 1)
                    ix.single.append({c, t});
                else
                    ix.multi.append({c, t});
            }
        }
        const QStringList confusable =
            u"falling fall falls leader leaders reader readers heater router routers voice "
            u"invite invited invites filling billion billions building metal slot flow flows "
            u"lower slower slowed arrival errand meters matter matters letter better change "
            u"changed changes chance range orange large planning planned plans"_s.split(u' ');
        ix.confusable = QSet<QString>(confusable.cbegin(), confusable.cend());
        return ix;
    }();
    return index;
}

struct Occurrence
{
    int index = 0; // into Lexicon::concepts()
    bool negated = false;
    QString token;       // as found in the ticket (folded)
    bool object = false; // right after a preposition: what is asked about ("on timeouts")
    bool aside = false;  // after "apart from", "abgesehen von" in its clause: an exception
};

// Prepositions of the six languages (folded) that make the word after them the thing a
// question is about rather than something said of a subject.
bool isPreposition(const QString &token)
{
    static const QSet<QString> words{
        u"on"_s,   u"for"_s,   u"with"_s, u"about"_s, u"after"_s, u"of"_s,     u"en"_s,
        u"con"_s,  u"sobre"_s, u"para"_s, u"tras"_s,  u"de"_s,    u"em"_s,     u"com"_s,
        u"apos"_s, u"bei"_s,   u"mit"_s,  u"fur"_s,   u"uber"_s,  u"nach"_s,   u"von"_s,
        u"sur"_s,  u"avec"_s,  u"pour"_s, u"apres"_s, u"del"_s,   u"al"_s,     u"zu"_s,
        u"zum"_s,  u"beim"_s,  u"in"_s,   u"im"_s,    u"dans"_s,  u"against"_s};
    return words.contains(token);
}

// Whether the word at `i` follows a preposition, directly or past an article ("sur les
// timeouts", "bei den Timeouts").
bool objectAt(const QStringList &tokens, qsizetype i)
{
    return (i > 0 && isPreposition(tokens.at(i - 1))) ||
           (i > 1 && tokens.at(i - 1).size() <= 3 && isPreposition(tokens.at(i - 2)));
}

const Lexicon::Term &termOf(const TermRef &r)
{
    return Lexicon::concepts().at(r.index).terms.at(r.term);
}

// The ticket's language as a lexicon language; nullopt when it is none of the six or unclear.
std::optional<Lexicon::Lang> lexiconLang(const QString &tag)
{
    static const QHash<QString, Lexicon::Lang> langs{
        {u"en"_s, Lexicon::Lang::En}, {u"es"_s, Lexicon::Lang::Es}, {u"pt"_s, Lexicon::Lang::Pt},
        {u"de"_s, Lexicon::Lang::De}, {u"fr"_s, Lexicon::Lang::Fr}, {u"ja"_s, Lexicon::Lang::Ja}};
    const auto it = langs.constFind(tag);
    return it == langs.cend() ? std::nullopt : std::optional<Lexicon::Lang>(*it);
}

// Which single-word terms a token stands for; cached per ticket. A typo is read as a term of
// the ticket's own language or of English (which tickets in every language quote), never of a
// third one: "triage" in an English ticket is not a misspelt German "träge", nor Spanish
// "tocamos" a Portuguese "troca".
class TokenMatcher
{
public:
    explicit TokenMatcher(std::optional<Lexicon::Lang> lang = std::nullopt)
        : m_lang(lang)
    {}

    const QList<TermRef> &matches(const QString &token)
    {
        auto it = m_cache.constFind(token);
        if (it != m_cache.cend())
            return *it;
        QList<TermRef> exact;
        const TermIndex &ix = termIndex();
        for (const TermRef &r : ix.single) {
            const Lexicon::Term &t = termOf(r);
            if (inflectionOf(token, t, t.folded, true))
                exact.append(r);
        }
        if (exact.isEmpty() && !ix.confusable.contains(token) && !isNumber(token)) {
            for (const TermRef &r : ix.single) {
                const Lexicon::Term &t = termOf(r);
                if (m_lang && t.lang != *m_lang && t.lang != Lexicon::Lang::En)
                    continue;
                if (misspeltAs(token, t))
                    exact.append(r);
            }
        }
        return *m_cache.insert(token, exact);
    }

private:
    static bool isNumber(const QString &token)
    {
        return std::all_of(token.cbegin(), token.cend(), [](QChar c) { return c.isDigit(); });
    }
    std::optional<Lexicon::Lang> m_lang;
    QHash<QString, QList<TermRef>> m_cache;
};

bool negatedBefore(const QStringList &tokens, qsizetype at)
{
    // Back from the symptom; a contrast ("but", "aber", "mais") ends the negation's scope.
    for (qsizetype i = at - 1; i >= std::max<qsizetype>(0, at - NegationWindow); --i) {
        if (Lexicon::isContrast(tokens.at(i)))
            return false;
        if (Lexicon::isNegationCue(tokens.at(i)))
            return true;
    }
    return false;
}

// Whether a negation cue stands among tokens [from, to).
bool negatedInside(const QStringList &tokens, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i) {
        if (Lexicon::isNegationCue(tokens.at(i)))
            return true;
    }
    return false;
}

// "nothing to do with", "nada a ver com", "rien à voir avec", "no tiene que ver con": a
// negation, then "do/ver/voir" followed by "with/con/com/avec", just before a topic dismisses it.
bool dismissedBefore(const QStringList &tokens, qsizetype at)
{
    static const QSet<QString> relate{u"do"_s, u"ver"_s, u"voir"_s};
    static const QSet<QString> with{u"with"_s, u"con"_s, u"com"_s, u"avec"_s};
    for (qsizetype j = at - 2; j >= std::max<qsizetype>(0, at - NegationWindow - 1); --j) {
        if (relate.contains(tokens.at(j)) && with.contains(tokens.at(j + 1)) &&
            negatedInside(tokens, std::max<qsizetype>(0, j - 4), j))
            return true;
    }
    return false;
}

// "unrelated to the invoice thing", "aparte de la factura": a topic the customer sets aside in
// the words just before it (a contrast ends the scope) is not what the ticket is about.
bool setAsideBefore(const QStringList &tokens, qsizetype at)
{
    for (qsizetype i = at - 1; i >= std::max<qsizetype>(0, at - NegationWindow); --i) {
        if (Lexicon::isContrast(tokens.at(i)))
            return false;
        if (Lexicon::isAsideCue(tokens.at(i)))
            return true;
    }
    return dismissedBefore(tokens, at);
}

// "look normal, apart from the usual trickle of 5xx": a word anywhere after an aside cue of its
// clause (a contrast ends the scope) is the exception to what the clause says, not its point.
bool afterAsideInClause(const QStringList &tokens, qsizetype at)
{
    for (qsizetype i = at - 1; i >= 0; --i) {
        if (Lexicon::isContrast(tokens.at(i)))
            return false;
        if (Lexicon::isAsideCue(tokens.at(i)))
            return true;
    }
    return false;
}

// "our billing service", "nosso serviço de cobrança", "notre service de facturation": a topic
// word naming one of the customer's own services says which service, not what the ticket is
// about (its logs may lose metadata like any other's).
bool namesOwnService(const QStringList &tokens, qsizetype at)
{
    static const QSet<QString> service{u"service"_s,  u"services"_s,    u"servico"_s,
                                       u"servicos"_s, u"servicio"_s,    u"servicios"_s,
                                       u"dienst"_s,   u"microservice"_s};
    static const QSet<QString> of{u"de"_s, u"do"_s, u"da"_s, u"of"_s, u"del"_s};
    const auto token = [&tokens](qsizetype i) {
        return i >= 0 && i < tokens.size() ? tokens.at(i) : QString();
    };
    if (Lexicon::isFirstPerson(token(at - 1)) && service.contains(token(at + 1)))
        return true; // our billing service
    return of.contains(token(at - 1)) && service.contains(token(at - 2)) &&
           Lexicon::isFirstPerson(token(at - 3)); // nosso serviço de cobrança
}

// "latency is fine", "errors: none": a symptom followed closely by a word that clears it.
bool clearedAfter(const QStringList &tokens, qsizetype at)
{
    static const QSet<QString> clear{u"fine"_s,        u"ok"_s,      u"okay"_s,      u"normal"_s,
                                     u"stable"_s,      u"none"_s,    u"unchanged"_s, u"bien"_s,
                                     u"estable"_s,     u"estavel"_s, u"gut"_s,       u"stabil"_s,
                                     u"unverandert"_s, u"normale"_s, u"bon"_s};
    for (qsizetype i = at + 1; i < std::min(tokens.size(), at + 1 + NegationWindow); ++i) {
        if (clear.contains(tokens.at(i)))
            return true;
    }
    return false;
}

// "returns nothing", "liefert nichts", "comes back with zero rows": an event negated by the
// word after it (German, English and French put it there; the others negate before the verb).
bool nothingAfter(const QStringList &tokens, qsizetype end)
{
    static const QSet<QString> nothing{u"nothing"_s, u"zero"_s, u"nichts"_s, u"nada"_s,
                                       u"rien"_s,    u"none"_s, u"nix"_s};
    for (qsizetype i = end; i < std::min(tokens.size(), end + 2); ++i) {
        if (nothing.contains(tokens.at(i)))
            return true;
    }
    return false;
}

bool negatedAfterJapanese(const QString &joined, qsizetype end)
{
    const QString window = joined.mid(end, JapaneseNegationWindow);
    for (const QStringView cue : {u"ない", u"なく", u"ません", u"なし", u"ず"}) {
        const qsizetype at = window.indexOf(cue);
        if (at < 0)
            continue;
        // 「二重に計上されていないか」「遅くなっていませんか」: asking whether it happens, a
        // suspicion to check, not a denial
        const QStringView after = QStringView(joined).mid(end + at + cue.size());
        const bool asks = (cue == u"ない" || cue == u"ません") &&
                          (after.startsWith(u'か') || after.startsWith(u"でしょうか") ||
                           after.startsWith(u"ですか"));
        if (!asks)
            return true;
    }
    return false;
}

// Where a phrase term that starts at token `at` ends (exclusive), or `at` when it does not
// match. Between the words of the phrase one function word may stand ("tiempo espera" finds
// "tiempo de espera", "not match" finds "do not match"... "doesn't match").
qsizetype phraseEnd(const QStringList &tokens, qsizetype at, const Lexicon::Term &t)
{
    static const QSet<QString> function{u"de"_s,  u"d"_s,   u"do"_s,  u"da"_s,  u"del"_s, u"of"_s,
                                        u"the"_s, u"a"_s,   u"an"_s,  u"to"_s,  u"lo"_s,  u"la"_s,
                                        u"le"_s,  u"l"_s,   u"que"_s, u"des"_s, u"du"_s,  u"der"_s,
                                        u"die"_s, u"das"_s, u"von"_s, u"al"_s,  u"em"_s,  u"na"_s};
    qsizetype pos = at;
    for (qsizetype w = 0; w < t.words.size(); ++w) {
        if (w > 0 && pos < tokens.size() && function.contains(tokens.at(pos)) &&
            tokens.at(pos) != t.words.at(w))
            ++pos;
        if (pos >= tokens.size() ||
            !inflectionOf(tokens.at(pos), t, t.words.at(w), w + 1 == t.words.size()))
            return at;
        ++pos;
    }
    return pos;
}

int conceptIndex(QStringView id);

// A German separable verb in a main clause: the verb early, its particle last ("kommen ... an",
// "kommt bei uns nicht mehr an"): a phrase term "kommen an" read across the clause (the verb
// bracket), negated by a negation before the verb or inside the bracket. Where the phrase term
// ends (exclusive; the clause's end), or `at` when it does not match.
qsizetype bracketEnd(const QStringList &tokens, qsizetype at, const Lexicon::Term &t)
{
    static const QSet<QString> particles{u"an"_s,  u"ab"_s, u"auf"_s,    u"aus"_s,
                                         u"ein"_s, u"zu"_s, u"zuruck"_s, u"durch"_s};
    if (t.lang != Lexicon::Lang::De || t.words.size() != 2 || !particles.contains(t.words.at(1)) ||
        tokens.size() < at + 3 || tokens.last() != t.words.at(1) ||
        !inflectionOf(tokens.at(at), t, t.words.first(), false))
        return at;
    return tokens.size();
}

// "without metadata", "sin metadatos", "sem metadados", "ohne Metadaten", "sans métadonnées":
// a piece of request data said to be absent is data missing, whatever verb carries it.
bool withoutBefore(const QStringList &tokens, qsizetype at)
{
    static const QSet<QString> without{u"without"_s, u"sin"_s, u"sem"_s, u"ohne"_s, u"sans"_s};
    for (qsizetype i = at - 1; i >= std::max<qsizetype>(0, at - 2); --i) {
        if (without.contains(tokens.at(i)))
            return true;
    }
    return false;
}

void collectLatin(const Clause &clause, TokenMatcher &matcher, QList<Occurrence> *out)
{
    // The lexicon's phrases first: a word inside one belongs to that phrase's concept ("fehl"
    // of "schlagen fehl" is a failure, not the "fehlen" of missing data).
    const qsizetype n = clause.tokens.size();
    QList<QList<int>> inPhrase(n);
    QList<QList<Occurrence>> phrasesAt(n);
    for (qsizetype i = 0; i < n; ++i) {
        const bool negated = negatedBefore(clause.tokens, i);
        const bool aside = setAsideBefore(clause.tokens, i);
        for (const TermRef &r : termIndex().multi) {
            const Lexicon::Term &t = termOf(r);
            qsizetype end = phraseEnd(clause.tokens, i, t);
            const bool bracket = end <= i && (end = bracketEnd(clause.tokens, i, t)) > i;
            if (end <= i || (aside && Lexicon::concepts().at(r.index).kind == Kind::Topic))
                continue;
            if (bracket) {
                inPhrase[i].append(r.index);
                inPhrase[end - 1].append(r.index);
            } else {
                for (qsizetype k = i; k < end; ++k)
                    inPhrase[k].append(r.index);
            }
            const bool emptied = Lexicon::concepts().at(r.index).kind == Kind::Event &&
                                 nothingAfter(clause.tokens, end);
            const bool negatedInBracket = bracket && negatedInside(clause.tokens, i + 1, end - 1);
            phrasesAt[i].append(
                {r.index,
                 emptied || negatedInBracket ||
                     (negated && !Lexicon::isNegationCue(t.words.first())),
                 bracket ? t.words.join(u' ') : clause.tokens.mid(i, end - i).join(u' '),
                 objectAt(clause.tokens, i), afterAsideInClause(clause.tokens, i)});
        }
    }
    for (qsizetype i = 0; i < n; ++i) {
        const QString &tok = clause.tokens.at(i);
        const bool negated = negatedBefore(clause.tokens, i);
        const bool aside = setAsideBefore(clause.tokens, i) || namesOwnService(clause.tokens, i);
        // "roughly 400 keys": a count, not an HTTP 400
        const bool quantity = tok.front().isDigit() && Lexicon::isQuantity(clause.tokens, i);
        for (const TermRef &r : matcher.matches(tok)) {
            const Kind kind = Lexicon::concepts().at(r.index).kind;
            if ((aside && kind == Kind::Topic) || (quantity && termOf(r).wholeWord) ||
                (!inPhrase.at(i).isEmpty() && !inPhrase.at(i).contains(r.index)))
                continue;
            const bool cleared = kind == Kind::Symptom && clearedAfter(clause.tokens, i);
            const bool emptied = kind == Kind::Event && nothingAfter(clause.tokens, i + 1);
            out->append({r.index,
                         cleared || emptied ||
                             (negated && !Lexicon::isNegationCue(termOf(r).words.first())),
                         tok, objectAt(clause.tokens, i), afterAsideInClause(clause.tokens, i)});
            // request data said to be absent ("requests without metadata") is missing data
            static const int dropped = conceptIndex(u"dropped");
            if (kind == Kind::Topic &&
                Lexicon::concepts().at(r.index).playbooks.contains(u"metadata"_s) &&
                withoutBefore(clause.tokens, i))
                out->append({dropped, false, tok, false});
        }
        out->append(phrasesAt.at(i));
    }
}

void collectSpaceless(const Clause &clause, QList<Occurrence> *out)
{
    bool hasSpaceless = false;
    for (const QChar c : clause.joined)
        hasSpaceless = hasSpaceless || isSpacelessChar(c);
    if (!hasSpaceless)
        return;
    for (const TermRef &r : termIndex().spaceless) {
        const Lexicon::Term &t = termOf(r);
        const qsizetype at = clause.joined.indexOf(t.folded);
        if (at < 0)
            continue;
        const bool inherentNegation = containsAny(t.folded, {u"ない", u"なく", u"ません"});
        out->append({r.index,
                     !inherentNegation && negatedAfterJapanese(clause.joined, at + t.folded.size()),
                     t.folded});
    }
}

// ---- Reading a ticket: what each concept says, in which zone, negated or not ----

struct ConceptRead
{
    double subject = 0.0; // zone weight where it was found, not negated (0: not found)
    double body = 0.0;
    double negated = 0.0;  // found only negated
    double symptom = 0.0;  // as a symptom: zone weight x question factor
    double asserted = 0.0; // any kind: zone weight x question factor
    double stated = 0.0;   // any kind: zone weight where said outside a question
    QStringList tokens;    // distinct words that matched
    double presence() const
    {
        const double p = std::max(subject, body);
        return subject > 0 && body > 0 ? p + 0.15 : p;
    }
};

struct Reading
{
    QList<ConceptRead> concepts;
    bool staleSubject = false;
    bool asks = false;            // a sentence asks something
    double symptomStrength = 0.0; // how much the ticket describes something going wrong
    QStringList providers;        // provider families named (not in a stale subject)
    QString folded;               // subject and body, folded, for the playbooks' own keywords
    QString foldedSubject;
    QString foldedBody;
    bool onlyWord = false;
    std::optional<Lexicon::Lang> lang; // the ticket's language, when clear
    bool otherModelServed = false;     // "answered by model B instead of A"
    // A clause that says "instead of" or "answered by" names a model's provider in it ("the text
    // arrives in lumps instead of a stream" is no switch of target).
    bool switchNamesTarget = false;
    // Providers named in a sentence that says only that something fails, or only that
    // something works; and whether a sentence says both of two providers ("Claude fails, GPT
    // works"). Stale subjects aside.
    QStringList failingProviders;
    QStringList workingProviders;
    bool contrastSaid = false;
};

int conceptIndex(QStringView id)
{
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    for (int c = 0; c < all.size(); ++c) {
        if (all.at(c).id == id)
            return c;
    }
    return -1;
}

bool present(const Reading &r, const char16_t *conceptId)
{
    const int c = conceptIndex(conceptId);
    return c >= 0 && r.concepts.at(c).presence() > 0;
}

bool inBody(const Reading &r, const char16_t *conceptId)
{
    const int c = conceptIndex(conceptId);
    return c >= 0 && r.concepts.at(c).body > 0;
}

// Distinct amounts in a text ("61M", "$4,210", "4 200 USD", "1240万"): two of them next to an
// invoice are a customer comparing figures, which is a mismatch even unsaid.
int distinctAmounts(const QString &text)
{
    static const QRegularExpression amount(
        u"(?<![\\w.,])(?:[$€£]\\s?)?(\\d{1,3}(?:[.,  ]\\d{3})+|\\d+[.,]\\d+\\s?(?:m|mio|k|万)|\\d+\\s?(?:m|mio|k|万)(?![a-z])|\\d{3,})"_s,
        QRegularExpression::CaseInsensitiveOption);
    // a figure followed by a unit of time is a duration ("2480 ms", "1,5 s", "3 Sekunden")
    static const QRegularExpression timeUnit(
        u"^\\s?(?:ms|msec|s|sec|secs|seconds?|secondes?|segundos?|sekunden|sek|min|mins|minutes?|minutos?|minuten|h|hrs?|hours?|heures?|horas?|stunden|秒|分|時間)(?![a-z])"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression currencyAfter(
        u"^\\s?(?:usd|eur|gbp|jpy|brl|mxn|chf|dollars?|euros?|d[oó]lares|reais|tokens?|€|\\$|円)"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QString head = text.left(MaxBody);
    QSet<QString> seen;
    for (auto it = amount.globalMatch(head); it.hasNext() && seen.size() < 10;) {
        const QRegularExpressionMatch m = it.next();
        if (timeUnit.match(head.mid(m.capturedEnd(1), 16)).hasMatch())
            continue;
        QString a = m.captured(1);
        a.remove(u' ').remove(QChar(0x00A0));
        const int year = a.toInt();
        if (year >= 1990 && year <= 2100)
            continue;
        // "errors of several kinds (500, 400...)": a bare 4xx or 5xx is a status code, not a
        // figure, unless a currency or a unit goes with it
        if (a.size() == 3 && year >= 400 && year < 600 && !m.captured(0).contains(u'$') &&
            !m.captured(0).contains(u'€') && !m.captured(0).contains(u'£') &&
            !currencyAfter.match(head.mid(m.capturedEnd(1), 16)).hasMatch())
            continue;
        seen.insert(a);
    }
    return int(seen.size());
}

// A ratio between two counts ("half the tokens", "2.5x more", "a third", "la mitad", "半分",
// "three times as high", "dreimal so hoch", "el triple", "trois fois plus", "三倍"): next to an
// invoice, the customer is comparing it with their own figures.
bool saysRatio(const QString &folded)
{
    static const QRegularExpression ratio(
        u" (half (?:the|of|as|what)|twice (?:the|as|what)|a third|a quarter|\\d+(?: \\d+)? ?x|"
        u"la mitad|a metade|die halfte|halb so|ein drittel|moitie|un tiers|un quart|um terco|"
        u"un tercio|(?:two|three|four|five|ten) times|(?:double|triple) (?:the|what)|"
        u"el (?:doble|triple)|(?:dos|tres|cuatro|cinco|diez) veces|o (?:dobro|triplo)|"
        u"(?:duas|tres|quatro|cinco|dez) vezes|(?:doppelt|zweimal|dreimal|viermal|funfmal|zehnmal) "
        u"so|(?:deux|trois|quatre|cinq|dix) fois) |半分|\\d+倍|[二三四五十]倍|三分の一"_s);
    return ratio.match(folded).hasMatch();
}

// How much a symptom named in a sentence says that something is wrong: fully outside a
// question and in a question that reports (see Sentence); little in a request for information
// or a hypothetical one. `changed`: the sentence says when ("since", "today", "seit", "から").
double questionFactor(const Sentence &s, bool changed = false)
{
    if (!s.question)
        return 1.0;
    if (s.hypothetical)
        return GenericQuestionFactor;
    if (s.firstPerson || s.why)
        return 1.0;
    if (s.asksInformation)
        return GenericQuestionFactor;
    const bool reports = s.concrete || s.figures || s.stateQuestion || s.timed || changed;
    return reports ? 1.0 : GenericQuestionFactor;
}

// A sentence that only says something works ("the metadata goes through without a problem",
// "les métadonnées passent sans problème"): what it names is the part that is fine, not what
// the ticket is about. A contrast with a negation keeps it ("works for chat but not for
// embeddings"), and so does any symptom said in it.
bool saysItWorks(const Sentence &s, const QList<QList<Occurrence>> &perClause)
{
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    bool works = false;
    for (const QList<Occurrence> &found : perClause) {
        for (const Occurrence &o : found) {
            const Kind kind = all.at(o.index).kind;
            if ((kind == Kind::Symptom && !o.negated) || (kind == Kind::Event && o.negated))
                return false;
            works = works || (kind == Kind::Works && !o.negated);
        }
    }
    if (!works)
        return false;
    bool contrast = false;
    bool negation = false;
    for (const Clause &clause : s.clauses) {
        for (const QString &tok : clause.tokens) {
            contrast = contrast || Lexicon::isContrast(tok);
            negation = negation || Lexicon::isNegationCue(tok);
        }
    }
    return !(contrast && negation);
}

// Which providers a sentence says fail, or work (from the concepts found in each clause,
// `found`): a provider takes what its own clause says, else what a clause of the sentence that
// names no provider says ("GPT-4o (the support bot) works fine"). A sentence that says one
// provider fails and another works states the contrast itself.
void attributeProviders(const Sentence &s, const QList<QList<Occurrence>> &found, Reading *r)
{
    static const QList<int> failures{conceptIndex(u"failure"), conceptIndex(u"server-status"),
                                     conceptIndex(u"client-status"), conceptIndex(u"overloaded")};
    static const int works = conceptIndex(u"works");
    struct Said
    {
        QStringList providers;
        bool fails = false;
        bool works = false;
    };
    QList<Said> clauses;
    Said orphan; // what clauses naming no provider say
    for (qsizetype k = 0; k < s.clauses.size() && k < found.size(); ++k) {
        Said c;
        c.providers = Lexicon::providerFamilies(s.clauses.at(k).joined);
        for (const Occurrence &o : found.at(k)) {
            c.fails = c.fails || (failures.contains(o.index) && !o.negated && !o.aside);
            c.works = c.works || (o.index == works && !o.negated);
        }
        if (c.providers.isEmpty()) {
            orphan.fails = orphan.fails || c.fails;
            orphan.works = orphan.works || c.works;
        }
        clauses.append(c);
    }
    QStringList failing;
    QStringList working;
    // A clause naming a provider and saying nothing itself, with "too"/"also": "and the Haiku
    // service too" ends on it and says what the clause before said; "(also Claude)" opens with
    // it and is said of by the clause after.
    const auto saying = [](const Said &c) {
        return c.fails || c.works;
    };
    const auto elided = [&](qsizetype k) -> const Said * {
        const QStringList &tokens = s.clauses.at(k).tokens;
        if (saying(clauses.at(k)) || clauses.at(k).providers.isEmpty() ||
            !std::ranges::any_of(tokens, Lexicon::isAdditive))
            return nullptr;
        const bool back = Lexicon::isAdditive(tokens.last());
        for (qsizetype j = back ? k - 1 : k + 1; j >= 0 && j < clauses.size(); j += back ? -1 : 1) {
            if (saying(clauses.at(j)))
                return &clauses.at(j);
        }
        return nullptr;
    };
    for (qsizetype k = 0; k < clauses.size(); ++k) {
        const Said &c = clauses.at(k);
        const Said *shared = elided(k);
        const Said &said = saying(c) ? c : shared ? *shared : orphan;
        if (said.fails && said.works) {
            r->contrastSaid = r->contrastSaid || c.providers.size() >= 2;
            continue;
        }
        for (const QString &p : c.providers) {
            if (said.fails && !failing.contains(p))
                failing.append(p);
            if (said.works && !working.contains(p))
                working.append(p);
        }
    }
    r->contrastSaid =
        r->contrastSaid || std::ranges::any_of(failing, [&](const QString &p) {
            return std::ranges::any_of(working, [&](const QString &w) { return w != p; });
        });
    for (const QString &p : std::as_const(failing)) {
        if (!r->failingProviders.contains(p))
            r->failingProviders.append(p);
    }
    for (const QString &p : std::as_const(working)) {
        if (!r->workingProviders.contains(p))
            r->workingProviders.append(p);
    }
}

// The providers a ticket says fail when one of its sentences sets a failing provider against a
// working one ("Gemini fails, while Claude works") and it says none of them works elsewhere
// ("our chat, also on OpenAI, is fine" says it does): the customer takes the provider for the
// dividing line, which the logs can confirm or refute.
QStringList contrastOnlyAcrossProviders(const Reading &r)
{
    if (!r.contrastSaid || r.failingProviders.isEmpty())
        return {};
    // "Gemini fails while Claude works" in one clause states the contrast without saying which
    // side each provider is on: the providers not said to fail are the side that works.
    QStringList working = r.workingProviders;
    if (working.isEmpty()) {
        for (const QString &p : r.providers) {
            if (!r.failingProviders.contains(p))
                working.append(p);
        }
    }
    if (working.isEmpty())
        return {};
    for (const QString &p : r.failingProviders) {
        if (working.contains(p))
            return {};
    }
    return r.failingProviders;
}

// "One provider fails, another works" unless the ticket says every provider it says works
// fails too ("GPT-4o works" beside "an outage at OpenAI and at Anthropic?"): then the failures
// are said of both, and what works is another model or config of a failing provider.
bool contrastRefuted(const Reading &r)
{
    return !r.contrastSaid && !r.workingProviders.isEmpty() &&
           std::ranges::all_of(r.workingProviders,
                               [&](const QString &p) { return r.failingProviders.contains(p); });
}

// Whether a clause of a sentence says a switch or who answered ("instead of", "served by") and
// names a model's provider in it: "answered by GPT-4o instead of Claude", not "the text arrives in
// lumps instead of a stream" beside a clause that names Claude.
bool saysSwitchOfTarget(const Sentence &s, const QList<QList<Occurrence>> &perClause)
{
    static const int sw = conceptIndex(u"switch");
    static const int served = conceptIndex(u"served");
    for (qsizetype k = 0; k < perClause.size() && k < s.clauses.size(); ++k) {
        const bool says =
            std::any_of(perClause.at(k).cbegin(), perClause.at(k).cend(),
                        [](const Occurrence &o) { return o.index == sw || o.index == served; });
        if (says && !Lexicon::providerFamilies(s.clauses.at(k).joined).isEmpty())
            return true;
    }
    return false;
}

void readZone(const QList<Sentence> &sentences, double weight, bool subject, Reading *r)
{
    TokenMatcher matcher(r->lang);
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    static const QSet<QString> only{u"only"_s, u"solo"_s,      u"solamente"_s, u"somente"_s,
                                    u"nur"_s,  u"seulement"_s, u"uniquement"_s};
    static const int change = conceptIndex(u"change");
    static const int mismatch = conceptIndex(u"mismatch");
    for (const Sentence &s : sentences) {
        r->asks = r->asks || (s.question && weight > StaleSubjectWeight);
        QList<QList<Occurrence>> perClause;
        bool changed = false;
        for (const Clause &clause : s.clauses) {
            QList<Occurrence> found;
            collectLatin(clause, matcher, &found);
            collectSpaceless(clause, &found);
            // ("no llegan desde ayer": the negation is the symptom's, not the time's)
            for (const Occurrence &o : std::as_const(found))
                changed = changed || o.index == change;
            perClause.append(found);
        }
        const double factor = questionFactor(s, changed);
        const double topicWeight =
            saysItWorks(s, perClause) ? SaidToWorkTopicShare * weight : weight;
        QString sentenceWords;
        for (const Clause &clause : s.clauses)
            sentenceWords += clause.joined;
        const bool namesProvider = !Lexicon::providerFamilies(sentenceWords).isEmpty();
        if (!(subject && r->staleSubject)) {
            attributeProviders(s, perClause, r);
            r->switchNamesTarget = r->switchNamesTarget || saysSwitchOfTarget(s, perClause);
        }
        for (qsizetype k = 0; k < s.clauses.size(); ++k) {
            const Clause &clause = s.clauses.at(k);
            const QList<Occurrence> &found = perClause.at(k);
            // "only" counts where a provider is named ("only Claude fails"), not where it
            // qualifies something else ("we only lowered the timeout")
            for (const QString &tok : clause.tokens)
                r->onlyWord =
                    r->onlyWord ||
                    ((only.contains(tok) || tok.contains(u"だけ"_s) || tok.contains(u"のみ"_s)) &&
                     namesProvider);
            const double occasional =
                Lexicon::saysOccasional(clause.tokens) ? OccasionalSymptomShare : 1.0;
            for (const Occurrence &o : std::as_const(found)) {
                ConceptRead &c = r->concepts[o.index];
                const Kind kind = all.at(o.index).kind;
                const bool counts = kind == Kind::Event   ? o.negated
                                    : kind == Kind::Topic ? true
                                                          : !o.negated;
                if (!counts) {
                    if (kind == Kind::Symptom)
                        c.negated = std::max(c.negated, weight);
                    continue;
                }
                const double w = kind == Kind::Topic ? topicWeight
                                 : kind == Kind::Symptom || kind == Kind::Event
                                     ? occasional * weight
                                     : weight;
                double &zone = subject ? c.subject : c.body;
                zone = std::max(zone, w);
                c.asserted = std::max(c.asserted, w * factor);
                if (!s.question)
                    c.stated = std::max(c.stated, w);
                // a comparison said with a question mark ("invoice higher than our usage?") is
                // a discrepancy seen, unless it asks how things work
                const bool compares =
                    o.index == mismatch && s.question && !s.hypothetical && !s.asksInformation;
                // a symptom said of something in a statement with a question mark
                const bool said =
                    s.statement && !o.object && (kind == Kind::Symptom || kind == Kind::Event);
                if (kind == Kind::Symptom || kind == Kind::Event)
                    c.symptom = std::max(c.symptom, w * (compares || said ? 1.0 : factor));
                else if (kind == Kind::Change)
                    c.symptom = std::max(c.symptom, 0.5 * weight * factor);
                if (!c.tokens.contains(o.token) && c.tokens.size() < 8)
                    c.tokens.append(o.token);
            }
        }
    }
}

bool asksToKnow(const QString &folded)
{
    static const QStringList phrases{u" wondering "_s,          u" quisiera saber "_s,
                                     u" gustaria saber "_s,     u" gostaria de saber "_s,
                                     u" mochte wissen "_s,      u" voudrais savoir "_s,
                                     u" would like to know "_s, u" 教えて"_s};
    return std::any_of(phrases.cbegin(), phrases.cend(),
                       [&](const QString &p) { return folded.contains(p); });
}

// A duration in milliseconds at `at` of a lowercased text ("300 ms", "2.5s", "1,2 s",
// "8 Sekunden", "1.5秒", "half a second"), the unit of a bare number taken from the next one
// ("800->2400ms", "from 2 to 9 s").
QList<double> durationsOf(const QString &sentence)
{
    static const QRegularExpression number(
        u"(?<![\\w.,:])(\\d+(?:[.,]\\d+)?)\\s*"
        u"(ms|msec|millisec\\w*|milisegundo\\w*|millisekunde\\w*|milliseconde\\w*|ミリ秒|"
        u"s|sec|secs|second\\w*|segundo\\w*|sekunde\\w*|seconde\\w*|秒|"
        u"min|mins|minute\\w*|minuto\\w*|minuten)?(?![\\w:])"_s);
    static const QRegularExpression connector(
        u"^\\s*(?:->|→|=>|>|~|to|a|para|auf|bis|à|au|から|-)\\s*$"_s);
    static const QRegularExpression half(
        u"half a second|medio segundo|meio segundo|halbe sekunde|demi[- ]seconde|半秒"_s);
    struct Found
    {
        double value;
        QString unit;
        qsizetype start;
        qsizetype end;
    };
    QList<Found> found;
    for (auto it = number.globalMatch(sentence); it.hasNext() && found.size() < 20;) {
        const auto m = it.next();
        QString digits = m.captured(1);
        // "4,200" is four thousand two hundred; "1,2" is one point two.
        const qsizetype comma = digits.indexOf(u',');
        if (comma >= 0)
            digits =
                digits.size() - comma - 1 == 3 ? digits.remove(u',') : digits.replace(u',', u'.');
        found.append({digits.toDouble(), m.captured(2), m.capturedStart(), m.capturedEnd()});
    }
    QList<std::pair<qsizetype, double>> out;
    for (qsizetype i = 0; i < found.size(); ++i) {
        QString unit = found.at(i).unit;
        if (unit.isEmpty() && i + 1 < found.size() && !found.at(i + 1).unit.isEmpty() &&
            connector.match(sentence.mid(found.at(i).end, found.at(i + 1).start - found.at(i).end))
                .hasMatch())
            unit = found.at(i + 1).unit;
        if (unit.isEmpty())
            continue;
        const double scale = unit.startsWith(u"mi"_s) && !unit.startsWith(u"min"_s) ? 1.0
                             : unit.startsWith(u"ms"_s) || unit == u"ミリ秒"_s      ? 1.0
                             : unit.startsWith(u"min"_s)                            ? 60000.0
                                                                                    : 1000.0;
        out.append({found.at(i).start, found.at(i).value * scale});
    }
    for (auto it = half.globalMatch(sentence); it.hasNext();)
        out.append({it.next().capturedStart(), 500.0});
    std::sort(out.begin(), out.end());
    QList<double> values;
    for (const auto &v : std::as_const(out))
        values.append(v.second);
    return values;
}

// Two durations, one from each list, of which one is at least twice the other.
bool severalFold(const QList<double> &a, const QList<double> &b)
{
    for (const double x : a) {
        for (const double y : b) {
            const double lo = std::min(x, y);
            if (lo > 0 && std::max(x, y) >= 2.0 * lo)
                return true;
        }
    }
    return false;
}

// Slowness told in figures: two durations in one sentence, one at least twice the other ("took
// ~100 ms, now half a second", "p95 went 800->2400ms", "8 Sekunden statt 800 ms"). Returns the
// question factor of the strongest such sentence (0: none), so that "is it 10 ms or 50 ms?"
// stays a question.
double durationsDiffer(const QList<Sentence> &sentences)
{
    double best = 0.0;
    for (const Sentence &s : sentences) {
        const QList<double> &d = s.durations;
        bool differ = false;
        for (qsizetype i = 0; i + 1 < d.size() && !differ; ++i)
            differ = severalFold({d.at(i)}, d.mid(i + 1));
        if (differ)
            best = std::max(best, questionFactor(s));
    }
    return best;
}

// A subject that gives one duration and a body that gives another ("answers take 9 s since
// yesterday?" over "they used to take 2 s"): the question factor of the subject, 0 when not.
double subjectDurationAgainstBody(const QList<Sentence> &subject, const QList<Sentence> &body)
{
    QList<double> inBody;
    for (const Sentence &s : body)
        inBody += s.durations;
    double best = 0.0;
    for (const Sentence &s : subject) {
        if (severalFold(s.durations, inBody))
            best = std::max(best, questionFactor(s, true));
    }
    return best;
}

// Distinct models named with a version ("gpt-4o", "claude-3-haiku", "mistral-large").
int distinctModels(const QString &text)
{
    static const QRegularExpression model(
        u"(?<![\\w-])((?:gpt|claude|gemini|mistral|mixtral|llama|command|deepseek|qwen)"
        u"-[\\w.-]*\\w|o[134](?:-mini|-pro)?)(?![\\w-])"_s);
    QSet<QString> seen;
    for (auto it = model.globalMatch(text.left(MaxBody).toLower());
         it.hasNext() && seen.size() < 10;)
        seen.insert(it.next().captured(1));
    return int(seen.size());
}

// An SDK's exception class qualified by its module ("openai.APIError", "anthropic.RateLimitError"
// in a pasted log line) without the module: the OpenAI client raises it whichever provider the
// gateway routed to, so it names no provider.
QString withoutSdkModules(const QString &text)
{
    static const QRegularExpression qualified(
        u"\\b(?:openai|anthropic|cohere|groq|mistralai)\\.((?:[A-Za-z_]+\\.)*[A-Za-z_]*(?:Error|Exception))\\b"_s);
    return QString(text).replace(qualified, u"\\1"_s);
}

// A pasted response, log line or config (a fenced block, a JSON line) read for what it reports,
// not for its prose: numbers (status codes, counts), error codes and exception names, a timeout,
// and values of one word ("mode": "fallback"). The rest is the vendor's wording ("… is not
// available for this provider"): it says nothing of what the customer finds wrong, and read as
// theirs it names topics they did not.
QString pastedAsCodes(const QString &text)
{
    static const QRegularExpression codes(
        u"\\b\\d+(?:[.,]\\d+)?\\b|\\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\\b|\\b\\w*(?:Error|Exception)\\b|"
        u"\\btim(?:ed|es|e)[ _-]?out\\b|(?<=\")[a-z]+(?=\")"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    const QStringList lines = text.split(u'\n');
    const QList<Text::LineKind> kinds = Text::pastedLines(lines);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (kinds.at(i) == Text::LineKind::Fence) {
            out += u'\n';
            continue;
        }
        if (kinds.at(i) == Text::LineKind::Written) {
            out += line + u'\n';
            continue;
        }
        QStringList found;
        for (auto it = codes.globalMatch(line); it.hasNext();)
            found.append(it.next().captured(0));
        out += found.join(u' ') + u'\n';
    }
    return out;
}

Reading readTicket(const Ticket &ticket)
{
    Reading r;
    r.concepts.resize(Lexicon::concepts().size());
    r.staleSubject = Text::isReplySubject(ticket.subject);
    const QString subject = withoutSdkModules(ticket.subject.left(MaxSubject));
    // What the customer wrote this time, not the earlier thread quoted under it.
    const QString own = withoutSdkModules(
        pastedAsCodes(Text::withoutQuotedThread(ticket.description.left(MaxBody))));
    const QString body = QString(own + u'\n' + ticket.tags.join(u' '));
    r.lang = lexiconLang(Text::detectLanguage(subject + u'\n' + body));
    const double subjectWeight = r.staleSubject ? StaleSubjectWeight : 1.0;
    const QList<Sentence> bodySentences = sentencesOf(body, r.lang);
    QList<Sentence> subjectSentences = sentencesOf(subject, r.lang);
    // A subject over a body made only of questions is the question's title ("Provider
    // outages" over "what happens if ...?"): its words are read as part of the question.
    const bool bodyOnlyAsks =
        !bodySentences.isEmpty() && std::all_of(bodySentences.cbegin(), bodySentences.cend(),
                                                [](const Sentence &s) { return s.question; });
    if (bodyOnlyAsks) {
        for (Sentence &s : subjectSentences)
            s.question = true;
    }
    readZone(subjectSentences, subjectWeight, true, &r);
    readZone(bodySentences, 1.0, false, &r);
    r.foldedSubject = foldForMatching(subject, MaxSubject);
    r.foldedBody = foldForMatching(body, MaxBody);
    r.folded = r.foldedSubject + r.foldedBody;
    r.asks = r.asks || asksToKnow(r.folded);
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    for (int c = 0; c < all.size(); ++c)
        r.symptomStrength += r.concepts.at(c).symptom;
    // By token, so that "openaiは正常" (no space between scripts) names OpenAI.
    r.providers = Lexicon::providerFamilies(
        u' ' + tokensOf(r.staleSubject ? r.foldedBody : r.folded).join(u' ') + u' ');
    // Response times told as figures that differ several-fold are slowness said in numbers.
    const int slowness = conceptIndex(u"slowness");
    if (const double said = std::max(
            durationsDiffer(bodySentences),
            r.staleSubject ? 0.0 : subjectDurationAgainstBody(subjectSentences, bodySentences));
        slowness >= 0 && said > 0) {
        ConceptRead &c = r.concepts[slowness];
        if (c.symptom < said)
            r.symptomStrength += said - c.symptom;
        c.body = std::max(c.body, 1.0);
        c.symptom = std::max(c.symptom, said);
        c.tokens.append(u"durations that differ several-fold"_s);
    }
    // A switch or an answer "served by" a model, with two models or providers named: the
    // requests went to another target than the one configured.
    // Said as a fact ("were answered by", "switched to" outside a question), it is something
    // that happened, a symptom to investigate even when the ticket then asks why.
    if ((present(r, u"switch") || present(r, u"served")) && r.switchNamesTarget &&
        (r.providers.size() >= 2 || distinctModels(subject + u'\n' + body) >= 2)) {
        r.otherModelServed = true;
        const int served = conceptIndex(u"served");
        const int sw = conceptIndex(u"switch");
        const double said = std::max(served >= 0 ? r.concepts.at(served).asserted : 0.0,
                                     sw >= 0 ? r.concepts.at(sw).stated : 0.0);
        r.symptomStrength += said;
    }
    // (figures in a subject count too: "billed 61M but the dashboard shows 47M?")
    const int mismatch = conceptIndex(u"mismatch");
    if (present(r, u"billing") && mismatch >= 0 &&
        (distinctAmounts(own) >= 2 || (!r.staleSubject && distinctAmounts(subject) >= 2) ||
         (inBody(r, u"billing") && saysRatio(r.foldedBody)))) {
        ConceptRead &c = r.concepts[mismatch];
        if (c.symptom < 1.0)
            r.symptomStrength += 1.0 - c.symptom;
        c.body = std::max(c.body, 1.0);
        c.symptom = 1.0;
        c.tokens.append(u"figures compared"_s);
    }
    return r;
}

QString fmt(double v)
{
    return QString::number(v, 'f', 1);
}

} // namespace

Classifier::Classifier(const QList<Playbook> &playbooks)
{
    for (const Playbook &pb : playbooks) {
        Entry e;
        e.name = pb.name;
        e.weight = pb.weight;
        auto add = [](QList<Signal> *list, const QString &text, double weight) {
            const QString folded = foldForMatching(text).trimmed();
            if (folded.isEmpty())
                return;
            for (const Signal &s : std::as_const(*list)) {
                if (s.folded == folded)
                    return;
            }
            list->append(Signal{folded, folded.split(u' '), weight});
        };
        for (const QString &k : pb.keywords) // multi-word phrases are stronger evidence
            add(&e.positive, k, k.contains(u' ') ? 1.5 : 1.0);
        for (const QString &k : pb.negative)
            add(&e.negative, k, 1.0);
        m_entries.append(e);
    }
}

// What the status codes a ticket quotes (4xx, 5xx) weigh for `playbook`.
static double statusDetail(const Reading &r, const QString &playbook)
{
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    double total = 0;
    for (const char16_t *id : {u"server-status", u"client-status"}) {
        const int c = conceptIndex(id);
        if (c < 0)
            continue;
        const ConceptRead &cr = r.concepts.at(c);
        const double variety = 1.0 + std::min(0.45, 0.15 * double(cr.tokens.size() - 1));
        total += all.at(c).playbooks.value(playbook) * cr.presence() * variety;
    }
    return total;
}

// The playbook of the one kind of symptom a (current) subject names and the body takes up,
// and what it weighs there; none when the subject names none, or symptoms of several playbooks
// ("404 + 502").
struct Headline
{
    QString playbook;
    double weight = 0.0;
};

static Headline headlineOf(const Reading &r)
{
    Headline h;
    if (r.staleSubject)
        return h;
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    for (int c = 0; c < all.size(); ++c) {
        const ConceptRead &cr = r.concepts.at(c);
        if (all.at(c).kind != Kind::Symptom || cr.subject <= 0)
            continue;
        QString top;
        double weight = 0.0;
        const QHash<QString, double> &playbooks = all.at(c).playbooks;
        for (auto it = playbooks.cbegin(); it != playbooks.cend(); ++it) {
            if (it.value() > weight) {
                top = it.key();
                weight = it.value();
            }
        }
        if (top.isEmpty())
            continue;
        if (!h.playbook.isEmpty() && h.playbook != top)
            return {};
        h.playbook = top;
        if (cr.body > 0)
            h.weight = std::max(h.weight, HeadlineShare * weight * cr.subject);
    }
    if (h.weight <= 0)
        return {};
    return h;
}

// The body describes a symptom that weighs for `playbook` (outside a question or negation).
static bool bodySymptomFor(const Reading &r, const QString &playbook)
{
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    for (int c = 0; c < all.size(); ++c) {
        const ConceptRead &cr = r.concepts.at(c);
        if (all.at(c).kind == Kind::Symptom && all.at(c).playbooks.value(playbook) > 0 &&
            cr.body > 0 && cr.symptom > 0)
            return true;
    }
    return false;
}

bool saysFailure(const Reading &r)
{
    // beside slowness, failure words that all name an outage are the provider's incident the
    // customer reads the slowness as, not a failure of their own requests
    const int failure = conceptIndex(u"failure");
    const int outage = conceptIndex(u"outage");
    const bool onlyOutage =
        failure >= 0 && outage >= 0 && present(r, u"slowness") &&
        std::ranges::all_of(r.concepts.at(failure).tokens, [&](const QString &t) {
            return r.concepts.at(outage).tokens.contains(t);
        });
    return (present(r, u"failure") && !onlyOutage) || present(r, u"server-status") ||
           present(r, u"client-status") || present(r, u"overloaded");
}

// A failure the ticket only asks about ("is there an outage at your Tokyo edge?") and says of no
// provider: a suspicion to check, not the failing half of a contrast of providers.
bool failureOnlyAsked(const Reading &r)
{
    if (!r.failingProviders.isEmpty())
        return false;
    for (const char16_t *id : {u"failure", u"server-status", u"client-status", u"overloaded"}) {
        const int c = conceptIndex(id);
        if (c >= 0 && r.concepts.at(c).stated > 0)
            return false;
    }
    return true;
}

// "Claude fails, GPT works": a failure, something that works, two providers, no fallback named
// and no provider said to work that is also said to fail.
bool providerContrast(const Reading &r)
{
    return saysFailure(r) && !failureOnlyAsked(r) && !present(r, u"fallback") &&
           present(r, u"works") && r.providers.size() >= 2 && !contrastRefuted(r);
}

static QList<Classifier::Score> scoreReading(const Reading &r, const auto &entries)
{
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    QList<Classifier::Score> out;
    const bool failure = saysFailure(r);
    const bool works = present(r, u"works");
    const bool namesFallback = present(r, u"fallback");
    // A body that reports a symptom of its own tells what is wrong now: the topic of a subject
    // left over from an older thread, which the body never takes up, is that thread's.
    bool bodyReports = false;
    for (int c = 0; c < all.size() && r.staleSubject; ++c) {
        const Kind kind = all.at(c).kind;
        bodyReports = bodyReports || (r.concepts.at(c).body > 0 && r.concepts.at(c).symptom > 0 &&
                                      (kind == Kind::Symptom || kind == Kind::Event));
    }
    const bool subjectSpeaks = !(r.staleSubject && bodyReports);
    // A contrast of providers ("Claude fails, GPT works") is the headline itself: the subject's
    // status codes then say how the one provider fails (below).
    const Headline headline = providerContrast(r) ? Headline{} : headlineOf(r);
    for (const auto &e : entries) {
        QList<std::pair<double, QString>> parts;
        double total = 0;
        // Under a stale subject, the body reports a symptom of another kind than the subject's
        // topic: a topic word of the old thread the body names again, with no symptom of its
        // own ("not about the invoice"), weighs as little as the stale subject.
        const bool staleTopic = r.staleSubject && bodyReports && !bodySymptomFor(r, e.name);
        for (int c = 0; c < all.size(); ++c) {
            const double w = all.at(c).playbooks.value(e.name);
            const ConceptRead &cr = r.concepts.at(c);
            if (w <= 0)
                continue;
            double p = subjectSpeaks || cr.body > 0 ? cr.presence() : 0.0;
            if (staleTopic && all.at(c).kind == Kind::Topic && cr.subject > 0)
                p = std::min(p, StaleSubjectWeight);
            if (p > 0) {
                const double variety = 1.0 + std::min(0.45, 0.15 * double(cr.tokens.size() - 1));
                total += w * p * variety;
                parts.append({w * p, cr.tokens.value(0)});
            } else if (cr.negated > 0) {
                total -= 0.5 * w * cr.negated; // "not slow": a point against
            }
        }
        // The subject is the ticket's headline: the one kind of symptom it names, taken up by
        // the body, is what the ticket is about, beside symptoms only the body adds ("also a
        // few 429s").
        if (e.name == headline.playbook) {
            total += headline.weight;
            parts.append({headline.weight, u"the subject's symptom"_s});
        }
        // The playbook's own signals.
        const double subjectWeight = r.staleSubject ? StaleSubjectWeight : 1.0;
        for (const auto &s : e.positive) {
            const double inSubject =
                subjectSpeaks && findTerm(r.foldedSubject, s.folded).count > 0 ? subjectWeight : 0;
            const double inBody = findTerm(r.foldedBody, s.folded).count > 0 ? 1.0 : 0;
            if (inSubject + inBody > 0) {
                total += s.weight * std::max(inSubject, inBody);
                parts.append({s.weight * std::max(inSubject, inBody), s.folded});
            }
        }
        // A stale subject the body does not take up argues for nothing, nor against anything.
        for (const auto &s : e.negative) {
            const double inSubject =
                subjectSpeaks && findTerm(r.foldedSubject, s.folded).count > 0 ? subjectWeight : 0;
            const double inBody = findTerm(r.foldedBody, s.folded).count > 0 ? 1.0 : 0;
            total -= s.weight * std::max(inSubject, inBody);
        }
        // "Answered by model B instead of model A": another target than the configured one
        // served the requests, which is what a fallback does (unless one provider plainly
        // fails, or is slow, while the other works, below).
        if (e.name == u"fallback"_s && r.otherModelServed &&
            !((failure || present(r, u"slowness")) && works)) {
            total += 3.0;
            parts.append({3.0, u"another model answered than the one asked for"_s});
        }
        // "Claude fails but GPT-4o works": two providers and a failure point at routing;
        // unless the customer names a fallback, whose chain is why two providers are named.
        if (e.name == u"provider-routing"_s && failure && !failureOnlyAsked(r) && !namesFallback) {
            // every provider said to work is said to fail too: no routing contrast at all
            const bool refuted = contrastRefuted(r);
            const bool contrast = works && !refuted;
            if (r.providers.size() >= 2 && !refuted) {
                total += contrast ? 4.0 : 1.5;
                parts.append({contrast ? 4.0 : 1.5, u"one provider fails, another works"_s});
                // The status codes then say how the one provider fails: they are details of
                // the contrast, as much evidence for routing as for a generic error.
                if (contrast)
                    total += statusDetail(r, u"api-errors"_s);
            } else if (r.providers.size() == 1 && r.onlyWord) {
                total += 1.5;
                parts.append({1.5, u"only one provider fails"_s});
            }
        }
        std::stable_sort(parts.begin(), parts.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        Classifier::Score s;
        s.playbook = e.name;
        s.score = std::max(0.0, total * e.weight);
        for (const auto &p : std::as_const(parts)) {
            if (!p.second.isEmpty() && !s.matched.contains(p.second))
                s.matched.append(p.second);
        }
        out.append(s);
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const Classifier::Score &a, const Classifier::Score &b) { return a.score > b.score; });
    return out;
}

QList<Classifier::Score> Classifier::scores(const Ticket &ticket) const
{
    return scoreReading(readTicket(ticket), m_entries);
}

static QString questionReason(const Reading &r)
{
    QStringList topics;
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    for (int c = 0; c < all.size() && topics.size() < 3; ++c) {
        if (all.at(c).kind == Kind::Topic && r.concepts.at(c).presence() > 0)
            topics.append(r.concepts.at(c).tokens.value(0));
    }
    return (topics.isEmpty() ? u"a plain question"_s
                             : u"a plain question about %1"_s.arg(topics.join(u", "_s))) +
           u": it asks and describes no symptom (no failure, slowness, mismatch or missing "
           u"data; symptom score %1 < %2); answered from the docs, no investigation"_s.arg(
               fmt(r.symptomStrength), fmt(SymptomThreshold));
}

bool Classifier::isPlainQuestion(const Ticket &ticket, QString *why)
{
    const Reading r = readTicket(ticket);
    const bool plain = r.asks && r.symptomStrength < SymptomThreshold;
    if (plain && why)
        *why = questionReason(r);
    return plain;
}

bool Classifier::subjectIsStale(const Ticket &ticket)
{
    const Reading r = readTicket(ticket);
    if (!r.staleSubject)
        return false;
    const QList<Lexicon::Concept> &all = Lexicon::concepts();
    for (int c = 0; c < all.size(); ++c) {
        const ConceptRead &read = r.concepts.at(c);
        if (all.at(c).kind != Kind::Change && read.subject > 0 && read.body > 0)
            return false;
    }
    return true;
}

Classifier::Decision Classifier::decide(const Ticket &ticket) const
{
    const Reading r = readTicket(ticket);
    if (r.asks && r.symptomStrength < SymptomThreshold)
        return {PlaybookChoice{QString(), questionReason(r)}, {}};
    const QList<Score> ranked = scoreReading(r, m_entries);
    if (ranked.isEmpty())
        return {PlaybookChoice{QString(), u"no playbook is available"_s}, {}};
    const Score &best = ranked.first();
    if (best.score < 1.0) {
        // Nothing recognisable: start broad.
        const bool hasGeneric = std::any_of(ranked.cbegin(), ranked.cend(), [](const Score &s) {
            return s.playbook == u"api-errors"_s;
        });
        if (hasGeneric)
            return {PlaybookChoice{u"api-errors"_s,
                                   u"no pattern stands out (best score %1); starting with the "
                                   u"broad api-errors checks"_s.arg(fmt(best.score))},
                    {}};
        return {
            PlaybookChoice{best.playbook, u"no pattern stands out; using %1"_s.arg(best.playbook)},
            {}};
    }
    QStringList quoted;
    for (const QString &m : best.matched.mid(0, 5))
        quoted.append(u"'"_s + m + u"'"_s);
    QString reason =
        u"mentions %1; %2 scores %3"_s.arg(quoted.join(u", "_s), best.playbook, fmt(best.score));
    QString runnerUp;
    if (ranked.size() > 1) {
        const Score &second = ranked.at(1);
        reason += u" vs %1 %2"_s.arg(second.playbook, fmt(second.score));
        if (second.score >= CloseFloor && second.score >= CloseRatio * best.score) {
            runnerUp = second.playbook;
            reason +=
                u"; close, so %1's checks run too and the evidence decides"_s.arg(second.playbook);
        }
    }
    QStringList contrastFailing;
    if (best.playbook == u"provider-routing"_s && providerContrast(r)) {
        // the generic errors playbook runs beside it, unless another runner-up scored close
        const bool generic = std::ranges::any_of(
            ranked, [](const Score &s) { return s.playbook == u"api-errors"_s; });
        if (generic && (runnerUp.isEmpty() || runnerUp == u"api-errors"_s))
            contrastFailing = contrastOnlyAcrossProviders(r);
        if (!contrastFailing.isEmpty() && runnerUp.isEmpty()) {
            runnerUp = u"api-errors"_s;
            reason += u"; whether the failure follows %1 or one config of it is for the logs "
                      u"to say, so api-errors' checks run too"_s.arg(contrastFailing.join(u", "_s));
        }
    }
    if (r.staleSubject)
        reason += u"; the subject is from an older thread and weighs less than the body"_s;
    if (r.symptomStrength >= SymptomThreshold && r.asks)
        reason += u"; asked as a question but describes a symptom, so it is investigated"_s;
    return {PlaybookChoice{best.playbook, reason}, runnerUp, contrastFailing};
}

Playbook planWithRunnerUp(Playbook chosen, const Playbook &runnerUp)
{
    for (const PlaybookStep &step : runnerUp.steps) {
        if (!chosen.step(step.id))
            chosen.steps.append(step);
    }
    for (const QString &a : runnerUp.analyzers) {
        if (!chosen.analyzers.contains(a))
            chosen.analyzers.append(a);
    }
    chosen.windowHoursBefore = std::max(chosen.windowHoursBefore, runnerUp.windowHoursBefore);
    return chosen;
}

} // namespace Casefile
