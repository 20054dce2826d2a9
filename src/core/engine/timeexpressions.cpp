#include "core/engine/timeexpressions.h"

#include "core/engine/textnormalizer.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Casefile::TimeText {

namespace {

struct Abbreviation
{
    const char16_t *name;
    int offsetMinutes;    // standard offset, used when `iana` is empty or unknown here
    const char16_t *iana; // a zone whose offset follows daylight saving ("ET"), or empty
};

// Written in capitals in the ticket: "est", "et", "ist" and "art" are words in lower case.
const Abbreviation Abbreviations[] = {
    {u"PST", -480, u""},
    {u"PDT", -420, u""},
    {u"MST", -420, u""},
    {u"MDT", -360, u""},
    {u"CST", -360, u""},
    {u"CDT", -300, u""},
    {u"EST", -300, u""},
    {u"EDT", -240, u""},
    {u"PT", -480, u"America/Los_Angeles"},
    {u"MT", -420, u"America/Denver"},
    {u"CT", -360, u"America/Chicago"},
    {u"ET", -300, u"America/New_York"},
    {u"BST", 60, u""},
    {u"CET", 60, u""},
    {u"CEST", 120, u""},
    {u"MEZ", 60, u""},
    {u"MESZ", 120, u""},
    {u"EET", 120, u""},
    {u"EEST", 180, u""},
    {u"WET", 0, u""},
    {u"WEST", 60, u""},
    {u"IST", 330, u""},
    {u"JST", 540, u""},
    {u"KST", 540, u""},
    {u"SGT", 480, u""},
    {u"HKT", 480, u""},
    {u"AEST", 600, u""},
    {u"AEDT", 660, u""},
    {u"NZST", 720, u""},
    {u"NZDT", 780, u""},
    {u"BRT", -180, u""},
    {u"ART", -180, u""},
    {u"COT", -300, u""},
    {u"PET", -300, u""},
    {u"CLT", -240, u""},
    {u"MSK", 180, u""},
};

struct City
{
    const char16_t *words; // folded, '|'-separated
    const char16_t *iana;
    int offsetMinutes; // standard offset, when the system has no zone database
};

const City Cities[] = {
    {u"berlin|berliner|munich|munchen|frankfurt|hamburg|deutscher", u"Europe/Berlin", 60},
    {u"madrid|barcelona|espana|peninsular", u"Europe/Madrid", 60},
    {u"paris|france", u"Europe/Paris", 60},
    {u"amsterdam", u"Europe/Amsterdam", 60},
    {u"zurich|wien|vienna", u"Europe/Zurich", 60},
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
    {u"tokyo|東京|日本", u"Asia/Tokyo", 540},
    {u"seoul|韓国", u"Asia/Seoul", 540},
    {u"singapore", u"Asia/Singapore", 480},
    {u"sydney", u"Australia/Sydney", 600},
    {u"india|mumbai|delhi|bangalore|bengaluru", u"Asia/Kolkata", 330},
};

QTimeZone zoneOf(const char16_t *iana, int offsetMinutes)
{
    if (iana && *iana) {
        const QTimeZone z(QString::fromUtf16(iana).toUtf8());
        if (z.isValid())
            return z;
    }
    return QTimeZone(offsetMinutes * 60);
}

std::optional<QTimeZone> offsetZone(const QString &lower)
{
    static const QRegularExpression offset(
        u"\\b(?:utc|gmt)\\s*([+\\-\u2212])\\s*(\\d{1,2})(?::?(\\d{2}))?(?!\\d)"_s);
    const auto m = offset.match(lower);
    if (!m.hasMatch())
        return std::nullopt;
    const int hours = m.captured(2).toInt();
    const int minutes = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    const int sign = m.captured(1) == u"+"_s ? 1 : -1;
    return QTimeZone(sign * (hours * 3600 + minutes * 60));
}

std::optional<QTimeZone> abbreviationZone(const QString &text)
{
    static const QRegularExpression abbreviation = [] {
        QStringList names;
        for (const Abbreviation &a : Abbreviations)
            names.append(QString::fromUtf16(a.name));
        return QRegularExpression(u"(?<![A-Za-z])("_s + names.join(u'|') + u")(?![A-Za-z])"_s);
    }();
    const auto m = abbreviation.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    for (const Abbreviation &a : Abbreviations) {
        if (m.captured(1) == QStringView(a.name))
            return zoneOf(a.iana, a.offsetMinutes);
    }
    return std::nullopt;
}

// A city next to a word for "time" ("Berlin time", "hora de Madrid", "Berliner Zeit",
// "heure de Paris", "日本時間").
std::optional<QTimeZone> cityZone(const QString &text)
{
    const QString folded = foldForMatching(text);
    static const QRegularExpression timeWord(u" (time|hora|horario|zeit|heure|heures|時間)(?= )"_s);
    for (auto it = timeWord.globalMatch(folded); it.hasNext();) {
        const auto m = it.next();
        // Up to three words either side of the time word.
        const qsizetype from = std::max<qsizetype>(0, m.capturedStart() - 40);
        const QString around = folded.mid(from, m.capturedEnd() - from + 40);
        for (const City &c : Cities) {
            for (const QString &w : QString::fromUtf16(c.words).split(u'|')) {
                if (around.contains(u' ' + w + u' '))
                    return zoneOf(c.iana, c.offsetMinutes);
            }
        }
    }
    // Japanese writes the zone as one word: 日本時間, 東京時間.
    if (text.contains(u"日本時間"_s) || text.contains(u"東京時間"_s))
        return zoneOf(u"Asia/Tokyo", 540);
    return std::nullopt;
}

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

void latinClocks(const QString &lower, QList<Clock> *out)
{
    static const QRegularExpression clock(
        u"\\b(?:since|from|at|around|about|after|starting|started|seit|ab|gegen|um|depuis|vers|"
        u"desde|a partir de|a|as|às|sobre|pelas|hacia|por volta de|à|des|dès)\\s+"
        u"(?:(?:about|around|approx\\.?|etwa|ca\\.?|environ|unos|eso de|las|as|às|la|das|dos|"
        u"les)\\s+)*(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.|uhr|h(?![a-z]))?(?!\\d)"_s);
    for (auto it = clock.globalMatch(lower); it.hasNext();) {
        const auto m = it.next();
        int hour = m.captured(1).toInt();
        const int minute = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
        const QString unit = m.captured(3);
        const QString tail = lower.mid(m.capturedEnd(), 40);
        const int part = dayPartShift(tail);
        const QString matched = m.captured(0);
        const bool article = matched.contains(u" las "_s) || matched.contains(u" as "_s) ||
                             matched.contains(u" às "_s) || matched.startsWith(u"a las"_s);
        if (m.captured(2).isEmpty() && unit.isEmpty() && part == 0 && !article && !saysUtc(tail))
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

} // namespace

std::optional<QTimeZone> namedZone(const QString &rawText)
{
    const QString text = rawText.normalized(QString::NormalizationForm_KC);
    if (auto z = offsetZone(text.toLower()))
        return z;
    if (auto z = abbreviationZone(text))
        return z;
    return cityZone(text);
}

QList<Clock> clockTimes(const QString &rawText)
{
    const QString text = rawText.normalized(QString::NormalizationForm_KC);
    QList<Clock> out;
    latinClocks(text.toLower(), &out);
    japaneseClocks(text, &out);
    return out;
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
