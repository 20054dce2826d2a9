#include "core/engine/timeexpressions.h"

#include "core/engine/textnormalizer.h"

#include <QRegularExpression>

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

} // namespace

QList<Clock> clockTimes(const QString &rawText)
{
    const QString text = rawText.normalized(QString::NormalizationForm_KC);
    QList<Clock> out;
    // "14 h 30", "14h30", "9 Uhr 30": hours and minutes around the unit, as "14:30".
    static const QRegularExpression split(
        u"\\b(\\d{1,2})\\s?(?:h|uhr)\\s?(\\d{2})(?!\\d)(?!\\s?(?:min|mn))"_s,
        QRegularExpression::CaseInsensitiveOption);
    latinClocks(QString(text).replace(split, u"\\1:\\2"_s).toLower(), &out);
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
