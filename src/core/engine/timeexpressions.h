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

// The UTC instant of a clock time on the ticket's local day (the day before when it would be
// after the ticket), read in `zone` (UTC when none).
QDateTime toUtc(const Clock &clock, const QDateTime &ticketUtc,
                const std::optional<QTimeZone> &zone);

} // namespace Casefile::TimeText
