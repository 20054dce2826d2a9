#include "core/text/language.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

namespace Casefile::Text {

namespace {

struct LanguageWords
{
    const char *tag;
    QSet<QString> words;
};

// The most frequent function words of each language (articles, pronouns, prepositions,
// auxiliaries). Words shared by several languages ("a", "de", "que") count for each.
const std::array<LanguageWords, 7> &functionWords()
{
    static const std::array<LanguageWords, 7> table{{
        {"en",
         {u"the"_s,  u"and"_s, u"is"_s,    u"are"_s, u"we"_s,   u"our"_s,  u"you"_s,  u"it"_s,
          u"of"_s,   u"to"_s,  u"in"_s,    u"for"_s, u"with"_s, u"this"_s, u"that"_s, u"have"_s,
          u"has"_s,  u"not"_s, u"since"_s, u"but"_s, u"can"_s,  u"was"_s,  u"what"_s, u"why"_s,
          u"from"_s, u"on"_s,  u"my"_s,    u"do"_s,  u"does"_s, u"i"_s}},
        {"es",
         {u"el"_s,      u"la"_s,      u"los"_s,      u"las"_s,   u"es"_s,   u"y"_s,       u"que"_s,
          u"de"_s,      u"en"_s,      u"un"_s,       u"una"_s,   u"por"_s,  u"para"_s,    u"con"_s,
          u"nuestro"_s, u"nuestra"_s, u"nuestros"_s, u"desde"_s, u"hay"_s,  u"pero"_s,    u"muy"_s,
          u"está"_s,    u"están"_s,   u"tenemos"_s,  u"qué"_s,   u"cómo"_s, u"también"_s, u"del"_s,
          u"al"_s,      u"sí"_s,      u"estamos"_s,  u"hemos"_s}},
        {"pt", {u"o"_s,     u"os"_s,     u"as"_s,    u"é"_s,     u"e"_s,     u"que"_s,   u"de"_s,
                u"em"_s,    u"um"_s,     u"uma"_s,   u"para"_s,  u"com"_s,   u"nosso"_s, u"nossa"_s,
                u"não"_s,   u"mas"_s,    u"está"_s,  u"estão"_s, u"desde"_s, u"temos"_s, u"da"_s,
                u"do"_s,    u"dos"_s,    u"das"_s,   u"na"_s,    u"no"_s,    u"por"_s,   u"você"_s,
                u"vocês"_s, u"também"_s, u"muito"_s, u"ao"_s}},
        {"de", {u"der"_s,   u"die"_s,    u"das"_s,   u"und"_s,  u"ist"_s,   u"sind"_s, u"wir"_s,
                u"unser"_s, u"unsere"_s, u"nicht"_s, u"mit"_s,  u"für"_s,   u"seit"_s, u"auf"_s,
                u"ein"_s,   u"eine"_s,   u"es"_s,    u"ich"_s,  u"sie"_s,   u"den"_s,  u"dem"_s,
                u"von"_s,   u"zu"_s,     u"auch"_s,  u"aber"_s, u"haben"_s, u"wird"_s, u"werden"_s,
                u"bei"_s,   u"kein"_s,   u"keine"_s, u"warum"_s}},
        {"fr", {u"le"_s,    u"la"_s,   u"les"_s,  u"est"_s,   u"et"_s,   u"que"_s,  u"de"_s,
                u"des"_s,   u"du"_s,   u"un"_s,   u"une"_s,   u"pour"_s, u"avec"_s, u"nous"_s,
                u"notre"_s, u"nos"_s,  u"vous"_s, u"votre"_s, u"ne"_s,   u"pas"_s,  u"depuis"_s,
                u"sur"_s,   u"dans"_s, u"il"_s,   u"elle"_s,  u"mais"_s, u"sont"_s, u"avons"_s,
                u"qui"_s,   u"au"_s,   u"aux"_s,  u"plus"_s}},
        {"it", {u"il"_s,    u"lo"_s,  u"gli"_s,    u"è"_s,      u"e"_s,   u"che"_s,   u"di"_s,
                u"per"_s,   u"con"_s, u"nostro"_s, u"nostra"_s, u"non"_s, u"sono"_s,  u"abbiamo"_s,
                u"della"_s, u"dei"_s, u"una"_s,    u"anche"_s,  u"ma"_s,  u"perché"_s}},
        {"nl", {u"de"_s,  u"het"_s,  u"een"_s,  u"en"_s,     u"is"_s,    u"zijn"_s,  u"wij"_s,
                u"we"_s,  u"onze"_s, u"niet"_s, u"met"_s,    u"voor"_s,  u"sinds"_s, u"op"_s,
                u"van"_s, u"ook"_s,  u"maar"_s, u"hebben"_s, u"wordt"_s, u"waarom"_s}},
    }};
    return table;
}

// Letters only; digits, identifiers with '_' or '/' and URLs are no language signal.
QStringList plainWords(const QString &text)
{
    QStringList words;
    QString current;
    bool tainted = false;
    const auto flush = [&] {
        if (!current.isEmpty() && !tainted)
            words.append(current.toLower());
        current.clear();
        tainted = false;
    };
    for (const QChar c : text) {
        if (c.isLetter()) {
            current += c;
        } else if (c.isDigit() || c == u'_' || c == u'/' || c == u'.' || c == u'-' || c == u'@' ||
                   c == u':') {
            if (!current.isEmpty())
                tainted = c != u'.' && c != u':' && c != u'-';
            if (c == u'.' || c == u':' || c == u'-')
                flush();
        } else {
            flush();
        }
    }
    flush();
    return words;
}

} // namespace

QString detectLanguage(const QString &text)
{
    int kana = 0;
    int hangul = 0;
    int han = 0;
    int letters = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x3040 && u <= 0x30FF)
            ++kana;
        else if (u >= 0xAC00 && u <= 0xD7AF)
            ++hangul;
        else if (u >= 0x4E00 && u <= 0x9FFF)
            ++han;
        else if (c.isLetter())
            ++letters;
    }
    const int cjk = kana + hangul + han;
    if (cjk >= 4 && cjk * 3 >= letters / 4) {
        if (kana > 0 && kana >= hangul)
            return u"ja"_s;
        if (hangul > 0)
            return u"ko"_s;
        return u"zh"_s;
    }
    // Pasted errors, stack traces and code say nothing about the customer's language.
    QString prose;
    bool inFence = false;
    for (const QString &line : text.split(u'\n')) {
        const QString t = line.trimmed();
        if (t.startsWith(u"```"_s)) {
            inFence = !inFence;
            continue;
        }
        static const QRegularExpression pasted(
            u"^(\\w*(Error|Exception)\\b|Traceback|at |File \"|[{}\\[\\]\"<>$#|]|\\d{3} )"_s);
        if (inFence || t.contains(pasted))
            continue;
        static const QRegularExpression code(u"`[^`]*`"_s);
        prose += QString(t).remove(code) + u'\n';
    }
    const QStringList words = plainWords(prose);
    if (words.isEmpty())
        return {};
    QString best;
    int bestScore = 0;
    int secondScore = 0;
    for (const LanguageWords &lang : functionWords()) {
        int score = 0;
        for (const QString &w : words)
            score += lang.words.contains(w) ? 1 : 0;
        if (score > bestScore) {
            secondScore = bestScore;
            bestScore = score;
            best = QString::fromLatin1(lang.tag);
        } else if (score > secondScore) {
            secondScore = score;
        }
    }
    // Two function words at least, and a clear lead: a German ticket quoting an English error
    // message is still German.
    if (bestScore < 2 || bestScore == secondScore)
        return {};
    return best;
}

std::optional<QTimeZone> detectTimeZone(const QString &text)
{
    // IANA ids first: "Europe/Berlin", "America/Sao_Paulo".
    static const QRegularExpression iana(
        u"\\b(Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_]+(?:/[A-Za-z_]+)?\\b"_s);
    for (auto it = iana.globalMatch(text); it.hasNext();) {
        const QByteArray id = it.next().captured(0).toUtf8();
        if (QTimeZone::isTimeZoneIdAvailable(id))
            return QTimeZone(id);
    }
    // Offsets: "UTC+2", "GMT-03:00", "UTC +05:30".
    static const QRegularExpression offset(
        u"\\b(?:UTC|GMT)\\s?([+\\x{2212}-])\\s?(\\d{1,2})(?::?(\\d{2}))?\\b"_s);
    if (const auto m = offset.match(text); m.hasMatch()) {
        const int hours = m.captured(2).toInt();
        const int minutes = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
        if (hours <= 14 && minutes < 60 && (hours > 0 || minutes > 0)) {
            const int sign = m.captured(1) == u"+"_s ? 1 : -1;
            return QTimeZone(sign * (hours * 3600 + minutes * 60));
        }
    }
    // Abbreviations, as whole upper-case words. Summer/winter variants map to the zone that
    // observes them, so the date of each time decides the offset.
    static const QHash<QString, QByteArray> abbreviations{
        {u"CET"_s, "Europe/Berlin"},
        {u"CEST"_s, "Europe/Berlin"},
        {u"MEZ"_s, "Europe/Berlin"},
        {u"MESZ"_s, "Europe/Berlin"},
        {u"WET"_s, "Europe/Lisbon"},
        {u"WEST"_s, "Europe/Lisbon"},
        {u"EET"_s, "Europe/Athens"},
        {u"EEST"_s, "Europe/Athens"},
        {u"BST"_s, "Europe/London"},
        {u"PST"_s, "America/Los_Angeles"},
        {u"PDT"_s, "America/Los_Angeles"},
        {u"PT"_s, "America/Los_Angeles"},
        {u"MST"_s, "America/Denver"},
        {u"MDT"_s, "America/Denver"},
        {u"CST"_s, "America/Chicago"},
        {u"CDT"_s, "America/Chicago"},
        {u"EST"_s, "America/New_York"},
        {u"EDT"_s, "America/New_York"},
        {u"ET"_s, "America/New_York"},
        {u"JST"_s, "Asia/Tokyo"},
        {u"KST"_s, "Asia/Seoul"},
        {u"IST"_s, "Asia/Kolkata"},
        {u"SGT"_s, "Asia/Singapore"},
        {u"AEST"_s, "Australia/Sydney"},
        {u"AEDT"_s, "Australia/Sydney"},
        {u"BRT"_s, "America/Sao_Paulo"},
        {u"ART"_s, "America/Argentina/Buenos_Aires"},
        {u"NZST"_s, "Pacific/Auckland"},
        {u"NZDT"_s, "Pacific/Auckland"}};
    static const QRegularExpression word(u"\\b[A-Z]{2,4}\\b"_s);
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const auto found = abbreviations.constFind(it.next().captured(0));
        if (found != abbreviations.cend() && QTimeZone::isTimeZoneIdAvailable(*found))
            return QTimeZone(*found);
    }
    // Written out: "heure de Paris", "日本時間", "Berlin time".
    static const QList<std::pair<QString, QByteArray>> names{
        {u"日本時間"_s, "Asia/Tokyo"},
        {u"heure de paris"_s, "Europe/Paris"},
        {u"horário de brasília"_s, "America/Sao_Paulo"},
        {u"hora de madrid"_s, "Europe/Madrid"},
        {u"hora peninsular"_s, "Europe/Madrid"},
        {u"deutscher zeit"_s, "Europe/Berlin"}};
    const QString lower = text.toLower();
    for (const auto &[name, id] : names) {
        if (lower.contains(name) && QTimeZone::isTimeZoneIdAvailable(id))
            return QTimeZone(id);
    }
    return std::nullopt;
}

} // namespace Casefile::Text
