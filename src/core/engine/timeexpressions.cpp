#include "core/engine/timeexpressions.h"

#include "core/engine/textnormalizer.h"
#include "core/text/language.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile::TimeText {

namespace {

int dayPartShift(const QString &tail)
{
    // "de la tarde", "da tarde", "de l'après-midi", "du soir", "nachmittags", "abends": PM.
    static const QRegularExpression pm(
        u"^\\s*(?:de la |da |de l |du |in the )?(tarde|noche|noite|apres midi|soir|afternoon|evening|nachmittags|abends)\\b"_s);
    static const QRegularExpression am(
        u"^\\s*(?:de la |da |du |in the )?(manana|manha|matin|morning|morgens|vormittags)\\b"_s);
    const QString folded = foldForMatching(tail.left(40)).trimmed();
    if (pm.match(folded).hasMatch())
        return 12;
    if (am.match(folded).hasMatch())
        return -1; // morning: as said
    return 0;
}

bool saysUtc(const QString &tail)
{
    static const QRegularExpression utc(
        u"^\\s*\\(?\\s*(?:utc|gmt|z)\\b(?!\\s*[+\\-\u2212]\\s*\\d)"_s);
    return utc.match(tail.left(20)).hasMatch();
}

// Whether `tail` (the text after a clock without am/pm) ends a range on a pm clock that the
// clock's afternoon reading still precedes.
bool rangeEndsAfternoon(const QString &tail, int hour, int minute)
{
    static const QRegularExpression end(
        u"^\\s*(?:(?:and|to|until|till|through|bis|und|et|à|a|y|e|até|hasta)\\s+|[-–]\\s*)"
        u"(?:about\\s+|around\\s+)?(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:pm|p\\.m\\.)"_s);
    const auto m = end.match(tail);
    if (!m.hasMatch() || hour >= 12)
        return false;
    int endHour = m.captured(1).toInt();
    if (endHour < 12)
        endHour += 12;
    const int endMinute = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
    return (hour + 12) * 60 + minute <= endHour * 60 + endMinute;
}

void latinClocks(const QString &lower, QList<Clock> *out)
{
    static const QRegularExpression clock(
        u"\\b(?:since|from|at|around|about|after|starting|started|between|seit|ab|gegen|um|"
        u"zwischen|von|depuis|vers|entre|desde|a partir d(?:e|as|os|a|o)|a|as|às|sobre|pelas|hacia|"
        u"por volta de|à|des|dès)\\s+"
        u"(?:(?:about|around|roughly|approximately|approx\\.?|etwa|ungefähr|ca\\.?|environ|unos|"
        u"eso de|aproximadamente|las|as|às|la|das|dos|les)\\s+)*(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.|uhr|heures?|h(?![a-z]))?(?!\\d)"_s);
    for (auto it = clock.globalMatch(lower); it.hasNext();) {
        const auto m = it.next();
        int hour = m.captured(1).toInt();
        const int minute = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
        const QString unit = m.captured(3);
        const QString tail = lower.mid(m.capturedEnd(), 40);
        const int part = dayPartShift(tail);
        // "between 1:10 and 2pm": a range's start without its own am/pm takes its end's, when
        // the start then still comes first ("from 11:30 to 1pm" stays the morning)
        const bool afternoon =
            unit.isEmpty() && part == 0 && rangeEndsAfternoon(tail, hour, minute);
        if (afternoon)
            hour += 12;
        const QString matched = m.captured(0);
        const bool article = matched.contains(u" las "_s) || matched.contains(u" as "_s) ||
                             matched.contains(u" às "_s) || matched.startsWith(u"a las"_s);
        if (m.captured(2).isEmpty() && unit.isEmpty() && part == 0 && !article && !afternoon &&
            !saysUtc(tail))
            continue; // "since 3" is too vague (3 what?)
        if ((unit.startsWith(u'p') || part == 12) && hour < 12)
            hour += 12;
        if (unit.startsWith(u'a') && hour == 12)
            hour = 0;
        if (hour > 23 || minute > 59)
            continue;
        out->append(Clock{hour, minute, saysUtc(tail)});
    }
    // A UTC time of day anywhere ("13:45 UTC").
    static const QRegularExpression utcClock(
        u"\\b(\\d{1,2}):(\\d{2})\\s*(?:utc|gmt|z)\\b(?!\\s*[+\\-\u2212]\\s*\\d)"_s);
    for (auto it = utcClock.globalMatch(lower); it.hasNext();) {
        const auto m = it.next();
        const int hour = m.captured(1).toInt();
        const int minute = m.captured(2).toInt();
        if (hour <= 23 && minute <= 59)
            out->append(Clock{hour, minute, true});
    }
}

void japaneseClocks(const QString &text, QList<Clock> *out)
{
    // "14:30から", "9:05ごろから", "13:00以降": a clock with a start word after it.
    static const QRegularExpression digital(
        u"(?<![\\d:])(\\d{1,2}):(\\d{2})(?![\\d:])\\s*(?:頃|ごろ|過ぎ)?\\s*(?:から|以降|に|より)"_s);
    for (auto it = digital.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int hour = m.captured(1).toInt();
        const int minute = m.captured(2).toInt();
        if (hour <= 23 && minute <= 59)
            out->append(Clock{hour, minute, false});
    }
    // 午前9時, 午後2時半, 17時40分ごろ; "2時間" (two hours) is a duration, not a time.
    static const QRegularExpression clock(
        u"(午前|午後)?\\s*(\\d{1,2})時(?!間)(?:(\\d{1,2})分|(半))?"_s);
    for (auto it = clock.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        int hour = m.captured(2).toInt();
        const int minute = !m.captured(3).isEmpty()   ? m.captured(3).toInt()
                           : !m.captured(4).isEmpty() ? 30
                                                      : 0;
        if (m.captured(1) == u"午後"_s && hour < 12)
            hour += 12;
        if (hour > 23 || minute > 59)
            continue;
        const QString tail = text.mid(m.capturedEnd(), 12);
        out->append(Clock{hour, minute, saysUtc(tail.toLower())});
    }
}

// ---------------------------------------------------------------- durations

// The number words of the six languages (and "a few", "half an", "einer halben" ...).
const QHash<QString, double> &numberWords()
{
    static const QHash<QString, double> words{{u"a"_s, 1},
                                              {u"an"_s, 1},
                                              {u"one"_s, 1},
                                              {u"un"_s, 1},
                                              {u"una"_s, 1},
                                              {u"uno"_s, 1},
                                              {u"um"_s, 1},
                                              {u"uma"_s, 1},
                                              {u"ein"_s, 1},
                                              {u"eine"_s, 1},
                                              {u"einer"_s, 1},
                                              {u"einem"_s, 1},
                                              {u"une"_s, 1},
                                              {u"two"_s, 2},
                                              {u"dos"_s, 2},
                                              {u"duas"_s, 2},
                                              {u"dois"_s, 2},
                                              {u"zwei"_s, 2},
                                              {u"deux"_s, 2},
                                              {u"three"_s, 3},
                                              {u"tres"_s, 3},
                                              {u"três"_s, 3},
                                              {u"drei"_s, 3},
                                              {u"trois"_s, 3},
                                              {u"four"_s, 4},
                                              {u"cuatro"_s, 4},
                                              {u"quatro"_s, 4},
                                              {u"vier"_s, 4},
                                              {u"quatre"_s, 4},
                                              {u"five"_s, 5},
                                              {u"cinco"_s, 5},
                                              {u"fünf"_s, 5},
                                              {u"cinq"_s, 5},
                                              {u"six"_s, 6},
                                              {u"ten"_s, 10},
                                              {u"diez"_s, 10},
                                              {u"dez"_s, 10},
                                              {u"zehn"_s, 10},
                                              {u"dix"_s, 10},
                                              {u"several"_s, 3},
                                              // "unos días", "ein paar Tage", "quelques
                                              // jours", 数日: a few, read as three
                                              {u"unos"_s, 3},
                                              {u"unas"_s, 3},
                                              {u"algunos"_s, 3},
                                              {u"algunas"_s, 3},
                                              {u"varios"_s, 3},
                                              {u"varias"_s, 3},
                                              {u"uns"_s, 3},
                                              {u"umas"_s, 3},
                                              {u"alguns"_s, 3},
                                              {u"algumas"_s, 3},
                                              {u"vários"_s, 3},
                                              {u"várias"_s, 3},
                                              {u"ein paar"_s, 3},
                                              {u"einigen"_s, 3},
                                              {u"einige"_s, 3},
                                              {u"mehreren"_s, 3},
                                              {u"mehrere"_s, 3},
                                              {u"quelques"_s, 3},
                                              {u"plusieurs"_s, 3},
                                              {u"数"_s, 3},
                                              {u"few"_s, 3},
                                              {u"a few"_s, 3},
                                              {u"couple of"_s, 2},
                                              {u"a couple of"_s, 2},
                                              {u"half a"_s, 0.5},
                                              {u"half an"_s, 0.5},
                                              {u"media"_s, 0.5},
                                              {u"meia"_s, 0.5},
                                              {u"einer halben"_s, 0.5},
                                              {u"eine halbe"_s, 0.5},
                                              {u"une demi-"_s, 0.5},
                                              {u"une demi"_s, 0.5},
                                              {u"demi-"_s, 0.5},
                                              {u"anderthalb"_s, 1.5},
                                              {u"eineinhalb"_s, 1.5}};
    return words;
}

// "2", "1.5", "two", "a few", "half an", "una", "einer halben", "une demi-" as a number.
double amountOf(const QString &words)
{
    QString w = words.simplified();
    w.replace(u',', u'.');
    bool ok = false;
    const double n = w.toDouble(&ok);
    if (ok)
        return n;
    return numberWords().value(w, 0.0);
}

// The regex alternation of numberWords(): longest first, so "a few" wins over "a" and
// "einer halben" over "einer"; a space matches any run of white space.
QString numberWordsPattern()
{
    QStringList keys = numberWords().keys();
    std::sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    QStringList alternatives;
    for (const QString &k : std::as_const(keys))
        alternatives.append(QRegularExpression::escape(k).replace(u"\\ "_s, u"\\s+"_s));
    return alternatives.join(u'|');
}

// "minutes", "horas", "Stunden", "heures", "h", "días", "Tage", "jours", "weeks", 分, 時間, 日,
// 週間 in seconds (0 for anything else).
qint64 unitOf(const QString &unit)
{
    const QString u = unit.trimmed();
    if (u.startsWith(u"min"_s) || u == u"mn"_s || u == u"分"_s)
        return 60;
    if (u.startsWith(u'h') || u.startsWith(u"stund"_s) || u.startsWith(u"std"_s) || u == u"時間"_s)
        return 3600;
    if (u.startsWith(u'd') || u.startsWith(u"tag"_s) || u.startsWith(u"jour"_s) || u == u"日"_s)
        return 86400;
    if (u.startsWith(u'w') || u.startsWith(u"sem"_s) || u.startsWith(u"woch"_s) || u == u"週間"_s)
        return 7 * 86400;
    return 0;
}

// A unit said without a number after "the last" ("the last days", "les dernières heures"):
// one of a singular unit, "a few" of a plural one, read as three (as the number words read "a
// few", "unos", "quelques", 数), and half an hour for minutes ("the last minutes").
qint64 unnamedAmount(const QString &unit)
{
    const qint64 perUnit = unitOf(unit);
    const bool plural = unit.endsWith(u's') || unit.endsWith(u"en"_s) || unit == u"tage"_s;
    if (!plural)
        return perUnit;
    return perUnit == 60 ? 30 * 60 : 3 * perUnit;
}

struct DurationSpan
{
    qsizetype start = 0;
    qsizetype end = 0;
    qint64 seconds = 0;
};

// The durations of lower-case, NFKC text, with where each one stands.
QList<DurationSpan> durationSpans(const QString &lower)
{
    static const QString intro =
        u"(?<intro>(?:for|in|over|during)\\s+(?:the\\s+)?(?:last|past)|the\\s+(?:last|past)|"
        u"for|since|desde\\s+hace|hace|(?:durante\\s+|en\\s+)?(?:las|los)\\s+[uú]ltim[ao]s|há|"
        u"faz|ha|(?:nas|nos)\\s+[uú]ltim[ao]s|vor|seit|(?:in\\s+den|w[aä]hrend\\s+der|die)\\s+"
        u"letzten|il\\s+y\\s+a|depuis|(?:pendant|durant)\\s+les\\s+derni[eè]re?s|(?:ces|les)\\s+"
        u"derni[eè]re?s|last|past)"_s;
    static const QString approx =
        u"(?:(?:about|around|roughly|some|approx\\.?|approximately|nearly|almost|over|more\\s+"
        u"than|unas|unos|cerca\\s+de|alrededor\\s+de|aproximadamente|casi|m[aá]s\\s+de|umas|uns|"
        u"quase|mais\\s+ou\\s+menos|mais\\s+de|etwa|ca\\.?|circa|[aà]\\s+peu\\s+pr[eè]s|"
        u"ungef[aä]hr|rund|fast|[uü]ber|mehr\\s+als|knapp|environ|presque|pr[eè]s\\s+de|plus\\s+"
        u"de|bien)\\s+)*"_s;
    static const QString number =
        u"(?<n>\\d{1,3}(?:[.,]\\d{1,2})?|"_s + numberWordsPattern() + u')';
    static const QString unit =
        u"(?<u>minutes?|minutos?|minuten?|mins?|mn|hours?|hrs?|horas?|stunden?|std\\.?|heures?|"
        u"h|days?|d[ií]as?|tagen?|jours?|weeks?|semanas?|wochen?|semaines?)(?![\\p{L}])"_s;
    static const QString minutes =
        u"(?:\\s*(?:and|y|e|und|et)?\\s*(?<m>\\d{1,2})\\s*(?:minutes?|minutos?|minuten?|mins?|mn)"
        u"(?![\\p{L}\\d]))?"_s;
    static const QString half =
        u"(?<half>\\s+(?:and\\s+a\\s+half|y\\s+media|e\\s+meia|et\\s+demie|und\\s+eine\\s+halbe))?"_s;
    static const QRegularExpression introduced(u"(?<![\\p{L}\\d])"_s + intro + u"\\s+"_s + approx +
                                                   number + u"\\s*"_s + unit + minutes + half +
                                                   u"(?<ago>\\s+(?:ago|atr[aá]s))?"_s,
                                               QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression ago(u"(?<![\\p{L}\\d])"_s + approx + number + u"\\s*"_s + unit +
                                            minutes + half + u"\\s+(?:ago|atr[aá]s)(?![\\p{L}])"_s,
                                        QRegularExpression::UseUnicodePropertiesOption);
    // "in the last days", "ces derniers jours", "nos últimos dias", "in den letzten Tagen": a
    // few of the unit without a number (see unnamedAmount())
    static const QRegularExpression unnumbered(
        u"(?<![\\p{L}\\d])(?<intro>(?:(?:for|in|over|during)\\s+)?(?:the\\s+)?(?:last|past)|"
        u"(?:durante\\s+|en\\s+)?(?:las|los)\\s+[uú]ltim[ao]s|(?:nas|nos|os|as)\\s+[uú]ltim[ao]s|"
        u"(?:in\\s+den|w[aä]hrend\\s+der|die)\\s+letzten|(?:pendant\\s+|durant\\s+)?(?:ces|les)"
        u"\\s+derni[eè]re?s)\\s+"_s +
            unit,
        QRegularExpression::UseUnicodePropertiesOption);
    // 2時間前, 2時間半前, 1時間30分ほど前, ここ90分, 過去3日間
    static const QRegularExpression japanese(
        u"(?<pre>ここ|この|過去|直近)?\\s*(?:約|およそ)?\\s*(?<n>\\d{1,3}(?:\\.\\d)?|数)\\s*"
        u"(?<u>分|時間|日|週間)(?:\\s*(?<m>\\d{1,2})\\s*分|(?<half>半))?\\s*(?:ほど|くらい|ぐらい|"
        u"程)?"
        u"\\s*(?<ago>前)?"_s);

    QList<DurationSpan> out;
    const auto overlaps = [&](qsizetype start, qsizetype end) {
        return std::any_of(out.cbegin(), out.cend(),
                           [&](const DurationSpan &d) { return start < d.end && d.start < end; });
    };
    const auto add = [&](const QRegularExpressionMatch &m) {
        const double n = amountOf(m.captured(u"n"));
        const qint64 perUnit = unitOf(m.captured(u"u"));
        if (n <= 0 || perUnit == 0 || overlaps(m.capturedStart(), m.capturedEnd()))
            return;
        if (m.capturedEnd() < lower.size() && lower.at(m.capturedEnd()).isDigit())
            return; // "2h30": a time of day, not a duration

        double seconds = n * double(perUnit);
        if (!m.captured(u"half").isEmpty())
            seconds += perUnit / 2.0;
        if (!m.captured(u"m").isEmpty())
            seconds += m.captured(u"m").toInt() * 60.0;
        out.append({m.capturedStart(), m.capturedEnd(), qint64(seconds)});
    };
    for (auto it = introduced.globalMatch(lower); it.hasNext();) {
        const auto m = it.next();
        const QString word = m.captured(u"intro");
        // "depuis 2 h", "seit 2h", "since 2h": a time of day unless minutes or "ago" follow;
        // "depuis 2 heures du matin" is one too.
        const bool startWord = word == u"since"_s || word == u"depuis"_s || word == u"seit"_s;
        if (startWord && m.captured(u"u") == u"h"_s && m.captured(u"m").isEmpty() &&
            m.captured(u"ago").isEmpty())
            continue;
        if (startWord && dayPartShift(lower.mid(m.capturedEnd(), 40)) != 0)
            continue;
        add(m);
    }
    for (auto it = ago.globalMatch(lower); it.hasNext();)
        add(it.next());
    for (auto it = unnumbered.globalMatch(lower); it.hasNext();) {
        const auto m = it.next();
        const qint64 seconds = unnamedAmount(m.captured(u"u"));
        // "last week" alone is a calendar week (a day word), not seven days back
        const bool bare = m.captured(u"intro") == u"last"_s || m.captured(u"intro") == u"past"_s;
        if (bare && seconds >= 7 * 86400)
            continue;
        if (seconds > 0 && !overlaps(m.capturedStart(), m.capturedEnd()))
            out.append({m.capturedStart(), m.capturedEnd(), seconds});
    }
    for (auto it = japanese.globalMatch(lower); it.hasNext();) {
        const auto m = it.next();
        if (m.captured(u"pre").isEmpty() && m.captured(u"ago").isEmpty())
            continue; // "2時間" alone: how long, not since when
        add(m);
    }
    return out;
}

} // namespace

QList<qint64> durationsAgo(const QString &rawText)
{
    QList<qint64> out;
    for (const DurationSpan &d :
         durationSpans(rawText.normalized(QString::NormalizationForm_KC).toLower()))
        out.append(d.seconds);
    return out;
}

QList<Clock> clockTimes(const QString &rawText)
{
    const QString text = rawText.normalized(QString::NormalizationForm_KC);
    QList<Clock> out;
    // "14 h 30", "14h30", "9 Uhr 30": hours and minutes around the unit, as "14:30".
    static const QRegularExpression split(
        u"\\b(\\d{1,2})\\s?(?:h|uhr)\\s?(\\d{2})(?!\\d)(?!\\s?(?:min|mn))"_s,
        QRegularExpression::CaseInsensitiveOption);
    // A duration is no time of day: "depuis 2 h 30 min" is blanked before clocks are read.
    QString lower = text.toLower();
    for (const DurationSpan &d : durationSpans(lower))
        lower.replace(d.start, d.end - d.start, QString(d.end - d.start, u' '));
    latinClocks(QString(lower).replace(split, u"\\1:\\2"_s), &out);
    japaneseClocks(text, &out);
    return out;
}

// ---------------------------------------------------------------- day references

namespace {

struct DayWord
{
    const char16_t *word;
    int value; // a day offset (days), or a DayPart (parts)
};

struct Compound
{
    const char16_t *word; // one word that is a day and a part at once ("tonight", "anoche")
    int dayOffset;
    DayPart part;
};

// The time words of one language, as foldForMatching() writes them (lower case, no accents,
// punctuation as one space).
struct Grammar
{
    std::initializer_list<DayWord> days;                // today 0, yesterday -1, ...
    std::initializer_list<DayWord> parts;               // morning, afternoon, ...
    std::initializer_list<const char16_t *> joiners;    // between a day and its part
    std::initializer_list<const char16_t *> thisWords;  // "this" + part: today's
    std::initializer_list<const char16_t *> lastWords;  // "last" + part: yesterday's
    std::initializer_list<Compound> compounds;          // day and part in one word
    std::initializer_list<const char16_t *> earlier;    // "earlier" before or after today
    std::initializer_list<const char16_t *> startWords; // "since" before a day
    std::initializer_list<const char16_t *> startAfter; // a start mark after it (から)
    // Weekdays, Monday first ('|' between forms), the words before one that do not mark a start
    // ("on", "el", "am") and the articles between a start word and it ("desde el lunes").
    std::initializer_list<const char16_t *> weekdays;
    std::initializer_list<const char16_t *> weekdayWords;
    std::initializer_list<const char16_t *> weekdayArticles;
};

constexpr int M = int(DayPart::Morning);
constexpr int N = int(DayPart::Noon);
constexpr int A = int(DayPart::Afternoon);
constexpr int E = int(DayPart::Evening);
constexpr int G = int(DayPart::Night);

const Grammar Grammars[] = {
    // English
    {{{u"today", 0}, {u"yesterday", -1}, {u"day before yesterday", -2}},
     {{u"morning", M},
      {u"noon", N},
      {u"midday", N},
      {u"afternoon", A},
      {u"evening", E},
      {u"night", G}},
     {u"", u"in the", u"at"},
     {u"this", u"early"},
     {u"last"},
     {{u"tonight", 0, DayPart::Evening},
      {u"overnight", -1, DayPart::Night},
      {u"noon", 0, DayPart::Noon},
      {u"midday", 0, DayPart::Noon},
      {u"lunchtime", 0, DayPart::Noon}},
     {u"earlier"},
     {u"since", u"from", u"started", u"starting", u"began", u"until", u"all day", u"earlier"},
     {},
     {u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday"},
     {u"on", u"last"},
     {u"last"}},
    // Spanish
    {{{u"hoy", 0}, {u"ayer", -1}, {u"anteayer", -2}, {u"antier", -2}},
     {{u"manana", M}, {u"mediodia", N}, {u"tarde", A}, {u"noche", G}},
     {u"por la", u"en la", u"a la", u"al", u"de"},
     {u"esta", u"este"},
     {},
     {{u"anoche", -1, DayPart::Night}, {u"mediodia", 0, DayPart::Noon}},
     {u"mas temprano"},
     {u"desde", u"a partir de", u"a partir del", u"empezo", u"comenzo"},
     {},
     {u"lunes", u"martes", u"miercoles", u"jueves", u"viernes", u"sabado", u"domingo"},
     {u"el"},
     {u"el"}},
    // Portuguese
    {{{u"hoje", 0}, {u"ontem", -1}, {u"anteontem", -2}},
     {{u"manha", M}, {u"cedo", M}, {u"meio dia", N}, {u"tarde", A}, {u"noite", G}},
     {u"", u"de", u"a", u"pela", u"na", u"ao", u"durante a"},
     {u"esta", u"nesta", u"este", u"neste"},
     {},
     {{u"meio dia", 0, DayPart::Noon}},
     {u"mais cedo"},
     {u"desde", u"a partir de", u"comecou"},
     {},
     {u"segunda|segunda feira", u"terca|terca feira", u"quarta|quarta feira",
      u"quinta|quinta feira", u"sexta|sexta feira", u"sabado", u"domingo"},
     {u"na", u"no"},
     {u"a", u"o"}},
    // German
    {{{u"heute", 0}, {u"gestern", -1}, {u"vorgestern", -2}},
     {{u"morgen", M},
      {u"fruh", M},
      {u"vormittag", M},
      {u"mittag", N},
      {u"nachmittag", A},
      {u"abend", E},
      {u"nacht", G}},
     {u""},
     {u"diese", u"diesen", u"heute"},
     {u"letzte", u"letzten"},
     {{u"mittag", 0, DayPart::Noon}},
     {u"fruher"},
     {u"seit", u"ab", u"von"},
     {},
     {u"montag", u"dienstag", u"mittwoch", u"donnerstag", u"freitag", u"samstag", u"sonntag"},
     {u"am"},
     {u"letztem", u"letzten"}},
    // French
    {{{u"aujourdhui", 0}, {u"aujourd hui", 0}, {u"hier", -1}, {u"avant hier", -2}},
     {{u"matin", M},
      {u"matinee", M},
      {u"midi", N},
      {u"apres midi", A},
      {u"soir", E},
      {u"soiree", E},
      {u"nuit", G}},
     {u"", u"dans l", u"en fin de", u"en debut de"},
     {u"ce", u"cet", u"cette"},
     {},
     {{u"midi", 0, DayPart::Noon}},
     {u"plus tot"},
     {u"depuis", u"des", u"a partir d", u"a partir de"},
     {},
     {u"lundi", u"mardi", u"mercredi", u"jeudi", u"vendredi", u"samedi", u"dimanche"},
     {},
     {u"le"}},
    // Japanese
    {{{u"今日", 0}, {u"本日", 0}, {u"昨日", -1}, {u"一昨日", -2}, {u"おととい", -2}},
     {{u"朝", M},
      {u"午前中", M},
      {u"午前", M},
      {u"昼", N},
      {u"正午", N},
      {u"午後", A},
      {u"夕方", E},
      {u"晩", E},
      {u"夜", G}},
     {u"", u"の"},
     {},
     {},
     {{u"今朝", 0, DayPart::Morning},
      {u"今夜", 0, DayPart::Evening},
      {u"今晩", 0, DayPart::Evening},
      {u"昨夜", -1, DayPart::Night},
      {u"昨晩", -1, DayPart::Night},
      {u"正午", 0, DayPart::Noon},
      {u"昼", 0, DayPart::Noon},
      {u"午後", 0, DayPart::Afternoon}},
     {},
     {},
     {u"から", u"以降", u"より"},
     {u"月曜日|月曜", u"火曜日|火曜", u"水曜日|水曜", u"木曜日|木曜", u"金曜日|金曜",
      u"土曜日|土曜", u"日曜日|日曜"},
     {},
     {}},
};

struct Form
{
    QString phrase;
    DayReference reference;
    const Grammar *grammar = nullptr;
};

// Japanese: no spaces between words.
bool spaceless(const QString &phrase)
{
    return !phrase.isEmpty() && Text::isCjk(phrase.front());
}

QString joined(const QString &a, const QString &joiner, const QString &b)
{
    if (spaceless(a) || spaceless(b))
        return a + joiner + b;
    if (joiner.isEmpty())
        return a + u' ' + b;
    return a + u' ' + joiner + u' ' + b;
}

// Every form the grammars compose, longest first.
const QList<Form> &forms()
{
    static const QList<Form> all = [] {
        QList<Form> out;
        for (const Grammar &g : Grammars) {
            const auto add = [&](const QString &phrase, int day, DayPart part, bool start) {
                out.append({phrase, {day, part, start}, &g});
            };
            for (const DayWord &d : g.days) {
                const QString day = QString::fromUtf16(d.word);
                add(day, d.value, DayPart::Whole, false);
                for (const DayWord &p : g.parts) {
                    for (const char16_t *j : g.joiners)
                        add(joined(day, QString::fromUtf16(j), QString::fromUtf16(p.word)), d.value,
                            DayPart(p.value), false);
                }
                if (d.value != 0)
                    continue;
                for (const char16_t *e : g.earlier) {
                    add(joined(QString::fromUtf16(e), QString(), day), 0, DayPart::Whole, true);
                    add(joined(day, QString(), QString::fromUtf16(e)), 0, DayPart::Whole, true);
                }
            }
            for (const DayWord &p : g.parts) {
                const QString part = QString::fromUtf16(p.word);
                for (const char16_t *t : g.thisWords)
                    add(joined(QString::fromUtf16(t), QString(), part), 0, DayPart(p.value), false);
                if (p.value == G || p.value == E) {
                    for (const char16_t *l : g.lastWords)
                        add(joined(QString::fromUtf16(l), QString(), part), -1, DayPart(p.value),
                            false);
                }
            }
            for (const Compound &c : g.compounds)
                add(QString::fromUtf16(c.word), c.dayOffset, c.part, false);
        }
        std::stable_sort(out.begin(), out.end(), [](const Form &a, const Form &b) {
            return a.phrase.size() > b.phrase.size();
        });
        return out;
    }();
    return all;
}

// "nothing was deployed since Monday", "rien n'a été changé depuis lundi", "no hemos tocado nada
// desde el lunes", "seit Montag nichts geändert": a day said beside a denial of any change of the
// customer's dates that denial, not the start of the problem.
bool deniesChangeAround(const QString &folded, qsizetype at)
{
    static const QStringList nothing{u" nothing "_s, u" anything "_s, u" rien "_s,
                                     u" nada "_s,    u" nichts "_s,   u"何も"_s};
    static const QStringList changed{
        u" chang"_s,    u" deploy"_s,    u" touch"_s,     u" modif"_s,      u" releas"_s,
        u" deplo"_s,    u" cambi"_s,     u" despleg"_s,   u" tocad"_s,      u" tocamos"_s,
        u" mudad"_s,    u" mudamos"_s,   u" mudou"_s,     u" alter"_s,      u" implant"_s,
        u" geandert"_s, u" verandert"_s, u" angefasst"_s, u" ausgerollt"_s, u"変更"_s,
        u"デプロイ"_s};
    const QString around = u' ' + folded.mid(std::max<qsizetype>(0, at - 60), 120) + u' ';
    const auto has = [&](const QStringList &words) {
        return std::ranges::any_of(words, [&](const QString &w) { return around.contains(w); });
    };
    return has(nothing) && has(changed);
}

bool marksStart(const QString &folded, qsizetype start, qsizetype end, const Grammar &g)
{
    if (deniesChangeAround(folded, start))
        return false;
    for (const char16_t *w : g.startWords) {
        if (folded.left(start).endsWith(u' ' + QString::fromUtf16(w)))
            return true;
    }
    for (const char16_t *w : g.startAfter) {
        if (QStringView(folded).mid(end).trimmed().startsWith(QString::fromUtf16(w)))
            return true;
    }
    return false;
}

} // namespace

QList<DayReference> dayReferences(const QString &text)
{
    const QString folded = foldForMatching(text);
    QList<std::pair<qsizetype, qsizetype>> taken;
    QList<DayReference> out;
    for (const Form &f : forms()) {
        const bool cjk = spaceless(f.phrase);
        // a Latin form is whole words: " <phrase> " in the padded folded text
        const QString needle = cjk ? f.phrase : u' ' + f.phrase + u' ';
        for (qsizetype at = folded.indexOf(needle); at >= 0 && out.size() < 40;
             at = folded.indexOf(needle, at + 1)) {
            const qsizetype start = cjk ? at : at + 1;
            const qsizetype end = start + f.phrase.size();
            const bool inside = std::any_of(taken.cbegin(), taken.cend(), [&](const auto &t) {
                return start < t.second && t.first < end;
            });
            if (inside)
                continue;
            taken.append({start, end});
            DayReference r = f.reference;
            r.start = r.start || marksStart(folded, cjk ? start : start - 1, end, *f.grammar);
            out.append(r);
        }
    }
    return out;
}

QList<WeekdayReference> weekdayReferences(const QString &text)
{
    const QString folded = foldForMatching(text);
    QList<qsizetype> taken; // where each weekday said stands: a day is counted once
    QList<WeekdayReference> out;
    const auto take = [&](qsizetype at, int weekday, bool start) {
        if (taken.contains(at) || out.size() >= 40)
            return;
        taken.append(at);
        out.append({weekday, start});
    };
    for (const Grammar &g : Grammars) {
        int weekday = 0;
        for (const char16_t *forms : g.weekdays) {
            ++weekday;
            for (const QString &name : QString::fromUtf16(forms).split(u'|')) {
                if (spaceless(name)) {
                    // 火曜日から: only with a start mark after it
                    for (qsizetype at = folded.indexOf(name); at >= 0;
                         at = folded.indexOf(name, at + 1)) {
                        const QStringView after =
                            QStringView(folded).mid(at + name.size()).trimmed();
                        if (std::any_of(g.startAfter.begin(), g.startAfter.end(),
                                        [&](const char16_t *w) { return after.startsWith(w); }))
                            take(at, weekday, !deniesChangeAround(folded, at));
                    }
                    continue;
                }
                const auto said = [&](const QString &before, bool start) {
                    const QString needle = u' ' + before + u' ' + name + u' ';
                    for (qsizetype at = folded.indexOf(needle); at >= 0;
                         at = folded.indexOf(needle, at + 1))
                        take(at + needle.size() - name.size() - 1, weekday,
                             start && !deniesChangeAround(folded, at));
                };
                // a start word (and an article: "desde el lunes") before it, then the words
                // that only date something ("on Friday", "el viernes", "am Freitag")
                for (const char16_t *w : g.startWords) {
                    said(QString::fromUtf16(w), true);
                    for (const char16_t *a : g.weekdayArticles)
                        said(QString::fromUtf16(w) + u' ' + QString::fromUtf16(a), true);
                }
                for (const char16_t *w : g.weekdayWords)
                    said(QString::fromUtf16(w), false);
            }
        }
    }
    return out;
}

const QStringList &startWords()
{
    static const QStringList words = [] {
        QStringList out;
        for (const Grammar &g : Grammars) {
            for (const char16_t *w : g.startWords) {
                if (!out.contains(QString::fromUtf16(w)))
                    out.append(QString::fromUtf16(w));
            }
        }
        return out;
    }();
    return words;
}

const QStringList &startMarksAfter()
{
    static const QStringList marks = [] {
        QStringList out;
        for (const Grammar &g : Grammars) {
            for (const char16_t *w : g.startAfter)
                out.append(QString::fromUtf16(w));
        }
        return out;
    }();
    return marks;
}

QDateTime startOf(const DayReference &r, const QDateTime &ticketUtc,
                  const std::optional<QTimeZone> &zone)
{
    const QTimeZone z = zone ? *zone : QTimeZone::utc();
    const QDateTime t = ticketUtc.toTimeZone(z);
    const int hour = t.time().hour();
    const auto at = [&](int days, int h) {
        return QDateTime(t.date().addDays(days), QTime(h, 0), z).toUTC();
    };
    const int d = r.dayOffset;
    switch (r.part) {
    case DayPart::Whole:
        return at(d, 0);
    case DayPart::Morning:
        return d == 0 && hour < 6 ? at(0, 0) : at(d, 6);
    case DayPart::Noon:
        return d == 0 && hour < 12 ? at(-1, 12) : at(d, 12);
    case DayPart::Afternoon:
        return d == 0 && hour < 12 ? at(0, 6) : at(d, 12);
    case DayPart::Evening:
        return d == 0 && hour < 17 ? at(0, 12) : at(d, 17);
    case DayPart::Night:
        return d == 0 && hour >= 18 ? at(0, 18) : at(std::min(d, -1), 18);
    }
    return {};
}

QDateTime toUtc(const Clock &clock, const QDateTime &ticketUtc,
                const std::optional<QTimeZone> &zone)
{
    const QTimeZone z = clock.utc || !zone ? QTimeZone::utc() : *zone;
    const QDateTime localTicket = ticketUtc.toTimeZone(z);
    QDateTime c(localTicket.date(), QTime(clock.hour, clock.minute), z);
    if (c > localTicket)
        c = c.addDays(-1); // "since 23:00" said at 01:00 means last night
    return c.toUTC();
}

} // namespace Casefile::TimeText
