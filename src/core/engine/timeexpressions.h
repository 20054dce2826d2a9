#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Casefile::TimeText {

// Local times in a customer's words, in English, Spanish, Portuguese, German, French and
// Japanese. The zone they are in is Text::detectTimeZone's (core/text/language.h), the
// product's one zone table. Pure and thread-safe; the text is untrusted and capped by the
// caller.

// A time of day the text says something started at or happened at.
struct Clock
{
    int hour = 0;
    int minute = 0;
    bool utc = false; // "13:45 UTC", "9am GMT": already UTC whatever the zone
};

// "since 9am", "at 14:30", "desde las 9 de la mañana", "seit 14 Uhr", "depuis 10h", "desde
// as 14h", "午前9時から", "17時40分ごろ". A bare number ("since 3") is too vague and is skipped.
QList<Clock> clockTimes(const QString &text);

// How long ago the text says something started, in seconds, each as said: "for the last 90
// mins", "2 hours ago", "an hour and a half ago", "depuis 2 h 30 min", "il y a une heure",
// "seit 2 Stunden", "vor einer halben Stunde", "hace unas 3 horas", "desde hace 20 minutos",
// "há 45 minutos", "2時間前から", "30分ほど前". A duration is never read as a time of day
// (clockTimes skips it): "depuis 2 h 30 min" is two and a half hours, not 02:00.
QList<qint64> durationsAgo(const QString &text);

// A part of a day: the whole day, or the hours a part of it names.
enum class DayPart { Whole, Morning, Noon, Afternoon, Evening, Night };

// A day (and part of it) said relative to the ticket's day: "yesterday afternoon" {-1,
// Afternoon}, "esta mañana" {0, Morning}, "gestern Abend" {-1, Evening}, "avant-hier" {-2},
// "昨日の午後" {-1, Afternoon}, "earlier today" {0, Whole, start}. `start` when the words say the
// problem began then ("since yesterday", "depuis hier soir", "seit heute Morgen", "昨日から",
// "earlier today"), not only that something happened then.
struct DayReference
{
    int dayOffset = 0;
    DayPart part = DayPart::Whole;
    bool start = false;
};

// The day references of the text, in six languages. They are composed from a grammar of time
// words per language (day words, day-part words, the words that join them, "this" and "last",
// "earlier" and the words that mark a start), never from whole phrases; a reference inside a
// longer one ("yesterday" in "yesterday afternoon") is not counted twice.
QList<DayReference> dayReferences(const QString &text);

// A weekday the text names, Monday = 1 ... Sunday = 7, said as a start ("since Monday", "desde
// el lunes", "seit Montag", "depuis lundi", "火曜日から") or only dating something ("on Friday",
// "el viernes", "am Freitag"). Composed from the same grammar as the day references.
struct WeekdayReference
{
    int weekday = 0;
    bool start = false;
};
QList<WeekdayReference> weekdayReferences(const QString &text);

// The words of every language that, before a day, say the problem began then ("since",
// "desde", "seit", "depuis"), as foldForMatching() writes them; and the marks that say so after
// it (から).
const QStringList &startWords();
const QStringList &startMarksAfter();

// The UTC instant a day reference starts at, on the customer's clock (`zone`, UTC when none)
// of the ticket's day. A part of today that has not begun yet by the ticket's time means the
// part before it ("this afternoon" said at 09:00: the morning); "night" of today is last night
// unless the ticket was written after 18:00.
QDateTime startOf(const DayReference &reference, const QDateTime &ticketUtc,
                  const std::optional<QTimeZone> &zone);

// The UTC instant of a clock time on the ticket's local day (the day before when it would be
// after the ticket), read in `zone` (UTC when none).
QDateTime toUtc(const Clock &clock, const QDateTime &ticketUtc,
                const std::optional<QTimeZone> &zone);

} // namespace Casefile::TimeText
