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

bool isKana(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x3040 && u <= 0x30FF) || (u >= 0xFF66 && u <= 0xFF9F);
}

bool isHan(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x3400 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF);
}

QList<LineKind> pastedLines(const QStringList &lines)
{
    static const QRegularExpression jsonLine(
        u"^\\s*(?:\\[?\\{|[A-Z]+ \\d{3} \\{)|\\{\\s*\"\\w+\"\\s*:"_s);
    QList<LineKind> out;
    out.reserve(lines.size());
    bool inFence = false;
    for (const QString &line : lines) {
        if (line.trimmed().startsWith(u"```"_s)) {
            inFence = !inFence;
            out.append(LineKind::Fence);
        } else {
            out.append(inFence || line.contains(jsonLine) ? LineKind::Pasted : LineKind::Written);
        }
    }
    return out;
}

QString detectLanguage(const QString &text)
{
    int kana = 0;
    int hangul = 0;
    int han = 0;
    int letters = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (isKana(c))
            ++kana;
        else if (u >= 0xAC00 && u <= 0xD7AF)
            ++hangul;
        else if (isHan(c))
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
    const QStringList lines = text.split(u'\n');
    const QList<LineKind> kinds = pastedLines(lines);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString t = lines.at(i).trimmed();
        // and stack traces, shell prompts, tables and markup
        static const QRegularExpression traced(
            u"^(\\w*(Error|Exception)\\b|Traceback|at |File \"|[{}\\[\\]\"<>$#|]|\\d{3} )"_s);
        if (kinds.at(i) != LineKind::Written || t.contains(traced))
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

namespace {

// One table of the zones customers name, for every reader of ticket times (the investigation
// window, the reply's local times, the charts' axis).
struct NamedZone
{
    const char16_t *name; // an abbreviation (as written) or folded city words, '|'-separated
    const char16_t *iana;
    int offsetMinutes; // the name's own offset, for a system without a zone database
};

// Written in capitals: "est", "et", "ist" and "art" are words in lower case. Each maps to the
// zone that observes it, so that the date of each time decides the offset (a "PST" written in
// July means Pacific time).
const NamedZone Abbreviations[] = {
    {u"PST", u"America/Los_Angeles", -480},
    {u"PDT", u"America/Los_Angeles", -420},
    {u"MST", u"America/Denver", -420},
    {u"MDT", u"America/Denver", -360},
    {u"CST", u"America/Chicago", -360},
    {u"CDT", u"America/Chicago", -300},
    {u"EST", u"America/New_York", -300},
    {u"EDT", u"America/New_York", -240},
    {u"PT", u"America/Los_Angeles", -480},
    {u"MT", u"America/Denver", -420},
    {u"CT", u"America/Chicago", -360},
    {u"ET", u"America/New_York", -300},
    {u"BST", u"Europe/London", 60},
    {u"CET", u"Europe/Berlin", 60},
    {u"CEST", u"Europe/Berlin", 120},
    {u"MEZ", u"Europe/Berlin", 60},
    {u"MESZ", u"Europe/Berlin", 120},
    {u"WET", u"Europe/Lisbon", 0},
    {u"WEST", u"Europe/Lisbon", 60},
    {u"EET", u"Europe/Athens", 120},
    {u"EEST", u"Europe/Athens", 180},
    {u"MSK", u"Europe/Moscow", 180},
    {u"IST", u"Asia/Kolkata", 330},
    {u"JST", u"Asia/Tokyo", 540},
    {u"KST", u"Asia/Seoul", 540},
    {u"SGT", u"Asia/Singapore", 480},
    {u"HKT", u"Asia/Hong_Kong", 480},
    {u"AEST", u"Australia/Sydney", 600},
    {u"AEDT", u"Australia/Sydney", 660},
    {u"NZST", u"Pacific/Auckland", 720},
    {u"NZDT", u"Pacific/Auckland", 780},
    {u"BRT", u"America/Sao_Paulo", -180},
    {u"ART", u"America/Argentina/Buenos_Aires", -180},
    {u"COT", u"America/Bogota", -300},
    {u"PET", u"America/Lima", -300},
    {u"CLT", u"America/Santiago", -240},
};

// A city or country next to a word for "time": "Berlin time", "hora de Madrid", "horário de
// Brasília", "Berliner Zeit", "heure de Paris", "東京時間".
const NamedZone Cities[] = {
    {u"berlin|munich|munchen|munchner|frankfurt|hamburg|koln|cologne|stuttgart|dusseldorf|"
     u"leipzig|dresden|hannover|nurnberg|bremen|deutsch|deutsche|deutschland|germany",
     u"Europe/Berlin", 60},
    {u"madrid|barcelona|espana|peninsular", u"Europe/Madrid", 60},
    {u"paris|france|francaise", u"Europe/Paris", 60},
    {u"amsterdam", u"Europe/Amsterdam", 60},
    {u"zurich|zurcher|basel|bern|wien|vienna|geneve|geneva|schweiz|osterreich", u"Europe/Zurich",
     60},
    {u"rome|roma", u"Europe/Rome", 60},
    {u"london|uk", u"Europe/London", 0},
    {u"lisbon|lisboa|portugal", u"Europe/Lisbon", 0},
    {u"brasilia|sao paulo|rio", u"America/Sao_Paulo", -180},
    {u"cdmx|mexico", u"America/Mexico_City", -360},
    {u"bogota|colombia", u"America/Bogota", -300},
    {u"lima|peru", u"America/Lima", -300},
    {u"buenos aires|argentina", u"America/Argentina/Buenos_Aires", -180},
    {u"santiago|chile", u"America/Santiago", -240},
    {u"new york|eastern", u"America/New_York", -300},
    {u"chicago|central", u"America/Chicago", -360},
    {u"denver|mountain", u"America/Denver", -420},
    {u"los angeles|san francisco|seattle|pacific|california", u"America/Los_Angeles", -480},
    {u"toronto", u"America/Toronto", -300},
    {u"montreal|quebec", u"America/Toronto", -300},
    {u"tokyo|東京|日本", u"Asia/Tokyo", 540},
    {u"seoul|韓国", u"Asia/Seoul", 540},
    {u"singapore", u"Asia/Singapore", 480},
    {u"sydney", u"Australia/Sydney", 600},
    {u"india|mumbai|delhi|bangalore|bengaluru", u"Asia/Kolkata", 330},
};

QTimeZone zoneOf(const NamedZone &z)
{
    const QByteArray id = QString::fromUtf16(z.iana).toUtf8();
    if (QTimeZone::isTimeZoneIdAvailable(id))
        return QTimeZone(id);
    return QTimeZone(z.offsetMinutes * 60);
}

// Lower case, accents removed, everything but letters and digits one space, padded.
QString folded(const QString &text)
{
    const QString decomposed = text.toLower().normalized(QString::NormalizationForm_KD);
    QString out = u" "_s;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.endsWith(u' '))
            out += u' ';
    }
    if (!out.endsWith(u' '))
        out += u' ';
    return out;
}

std::optional<QTimeZone> ianaZone(const QString &text)
{
    static const QRegularExpression iana(
        u"\\b(Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_]+(?:/[A-Za-z_]+)?\\b"_s);
    for (auto it = iana.globalMatch(text); it.hasNext();) {
        const QByteArray id = it.next().captured(0).toUtf8();
        if (QTimeZone::isTimeZoneIdAvailable(id))
            return QTimeZone(id);
    }
    return std::nullopt;
}

// "UTC+2", "GMT-03:00", "utc +05:30"; "UTC+0" is UTC, no local zone.
std::optional<QTimeZone> offsetZone(const QString &text)
{
    static const QRegularExpression offset(
        u"(?<![a-z])(?:utc|gmt)\\s*([+\\-\\x{2212}])\\s*(\\d{1,2})(?::?(\\d{2}))?(?!\\d)"_s,
        QRegularExpression::CaseInsensitiveOption);
    const auto m = offset.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int hours = m.captured(2).toInt();
    const int minutes = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
    if (hours > 14 || minutes > 59 || (hours == 0 && minutes == 0))
        return std::nullopt;
    const int sign = m.captured(1) == u"+"_s ? 1 : -1;
    return QTimeZone(sign * (hours * 3600 + minutes * 60));
}

// Abbreviations as whole upper-case words; a two-letter one ("ET", "PT", "MT", "CT") only right
// after a time of day ("9am ET", "14:00 (PT)"): alone it is more often something else.
std::optional<QTimeZone> abbreviationZone(const QString &text)
{
    static const QRegularExpression abbreviation = [] {
        QStringList names;
        for (const NamedZone &z : Abbreviations)
            names.append(QString::fromUtf16(z.name));
        return QRegularExpression(u"(?<![A-Za-z])("_s + names.join(u'|') + u")(?![A-Za-z])"_s);
    }();
    static const QRegularExpression afterClock(u"(?:\\d|[ap]\\.?m\\.?|uhr|h)\\s*\\(?\\s*$"_s,
                                               QRegularExpression::CaseInsensitiveOption);
    for (auto it = abbreviation.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString name = m.captured(1);
        if (name.size() == 2 && !afterClock
                                     .match(text.mid(std::max<qsizetype>(0, m.capturedStart() - 12),
                                                     std::min<qsizetype>(12, m.capturedStart())))
                                     .hasMatch())
            continue;
        for (const NamedZone &z : Abbreviations) {
            if (name == QStringView(z.name))
                return zoneOf(z);
        }
    }
    return std::nullopt;
}

std::optional<QTimeZone> cityZone(const QString &text)
{
    // Japanese writes the zone as one word: 日本時間, 東京時間.
    static constexpr NamedZone Japan{u"日本時間", u"Asia/Tokyo", 540};
    if (text.contains(u"日本時間"_s) || text.contains(u"東京時間"_s))
        return zoneOf(Japan);
    const QString f = folded(text);
    static const QRegularExpression timeWord(
        u" (time|hora|horario|zeit|heure|heures|ora|時間)(?= )"_s);
    for (auto it = timeWord.globalMatch(f); it.hasNext();) {
        const auto m = it.next();
        // A few words either side of the time word.
        const qsizetype from = std::max<qsizetype>(0, m.capturedStart() - 40);
        const QString around = f.mid(from, m.capturedEnd() - from + 40);
        // German makes the city an adjective before "Zeit": "Hamburger Zeit", "Wiener Zeit"
        const bool german = m.captured(1) == u"zeit"_s;
        for (const NamedZone &z : Cities) {
            for (const QString &w : QString::fromUtf16(z.name).split(u'|')) {
                if (around.contains(u' ' + w + u' ') ||
                    (german && around.contains(u' ' + w + u"er "_s)))
                    return zoneOf(z);
            }
        }
    }
    return std::nullopt;
}

// A zone named right after a time of day, without a word for "time": a US region ("7:40am
// eastern", "9 am Pacific", "14:00 (central)") or, in brackets, a city ("10:15 (New York)",
// "às 10h (Brasília)"); a part of the day may come between ("10:20 this morning (Eastern)").
// Alone the words mean other things ("our Central team", "the Madrid office").
std::optional<QTimeZone> zoneAfterClock(const QString &text)
{
    static const QRegularExpression clock(
        u"(?<![\\d.:])\\d{1,2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?(?![a-z])|\\s*h(?:\\d{2})?(?![a-z]))?(?![\\d:])"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression dayPart(
        u"^\\s*(?:(?:this|today|in the|de la|da|de|du|am|heute)\\s+)?(?:morning|afternoon|"
        u"evening|tonight|manana|tarde|noche|manha|noite|matin|apres midi|soir|morgen|"
        u"vormittag|nachmittag|abend)(?![a-z])"_s);
    static const QStringList regions{u"eastern"_s, u"central"_s, u"mountain"_s, u"pacific"_s};
    for (auto it = clock.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        // the bracket kept as a word through folding
        QString raw = text.mid(m.capturedEnd(), 60);
        raw.replace(u'(', u" zbracket "_s).replace(QChar(0xFF08), u" zbracket "_s);
        QString after = folded(raw).trimmed();
        after.remove(dayPart);
        after = after.trimmed();
        const bool bracketed = after.startsWith(u"zbracket "_s);
        if (bracketed)
            after = after.mid(9);
        for (const NamedZone &z : Cities) {
            for (const QString &w : QString::fromUtf16(z.name).split(u'|')) {
                if ((regions.contains(w) || bracketed) &&
                    QString(after + u' ').startsWith(QString(w + u' ')))
                    return zoneOf(z);
            }
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<QTimeZone> detectTimeZone(const QString &rawText)
{
    const QString text = rawText.left(20000).normalized(QString::NormalizationForm_KC);
    if (auto z = ianaZone(text))
        return z;
    if (auto z = offsetZone(text))
        return z;
    if (auto z = abbreviationZone(text))
        return z;
    if (auto z = cityZone(text))
        return z;
    return zoneAfterClock(text);
}

std::optional<QTimeZone> customerTimeZone(const QString &rawText)
{
    if (auto named = detectTimeZone(rawText))
        return named;
    const QString text = rawText.left(20000).normalized(QString::NormalizationForm_KC);
    static const QRegularExpression universal(
        u"(?<![a-z])(utc|gmt)(?![a-z])|協定世界時|世界標準時|グリニッジ"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (universal.match(text).hasMatch())
        return std::nullopt;
    static const QHash<QString, QByteArray> oneClock = {{u"ja"_s, "Asia/Tokyo"},
                                                        {u"ko"_s, "Asia/Seoul"}};
    const QByteArray zone = oneClock.value(detectLanguage(text));
    if (zone.isEmpty())
        return std::nullopt;
    return QTimeZone(zone);
}

} // namespace Casefile::Text
