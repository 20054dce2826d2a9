#pragma once

#include <QString>
#include <QTimeZone>

#include <optional>

namespace Casefile::Text {

// Japanese and Chinese script: kana (hiragana, katakana with its prolonged sound mark and
// iteration marks, half-width katakana) and han (unified ideographs, extension A,
// compatibility ideographs). Text in it has no spaces between words.
bool isKana(QChar c);
bool isHan(QChar c);
inline bool isCjk(QChar c)
{
    return isKana(c) || isHan(c);
}

// What a line of a ticket is: the customer's own words, a ``` fence line, or pasted.
enum class LineKind { Written, Fence, Pasted };

// Which lines of a ticket the customer pasted rather than wrote: those inside a ``` fence and a
// JSON object on a line of its own or after a status line ({"error": …}, [{…, POST 404 {…,
// Response: {"code": …). What they hold is what a system said, not the customer's words. One
// kind per line of `lines`.
QList<LineKind> pastedLines(const QStringList &lines);

// The language of a customer's text as a BCP 47 tag: "en", "es", "pt", "de", "fr", "ja", "zh",
// "ko", "it" or "nl"; empty when the text gives no usable signal. Script first (kana, hangul,
// han), then the share of each language's most common function words. Pure, thread-safe,
// linear in the text.
QString detectLanguage(const QString &text);

// The time zone a customer's text names, if it names one: an IANA id ("Europe/Berlin"), an
// offset ("UTC+2", "GMT-03:00"), an abbreviation in capitals ("CET", "PST", "MEZ", "JST",
// "BRT"; "ET"/"PT" only right after a time) or a city or country next to a word for time in
// the six languages ("Berlin time", "hora de Madrid", "horário de Brasília", "Berliner Zeit",
// "heure de Paris", "日本時間"). Abbreviations map to the zone observing them, so the date of
// each time decides its offset. Plain "UTC"/"GMT"/"Z" is no hint. The one zone table of the
// product: the investigation window and the reply's local times both read it. Pure,
// thread-safe.
std::optional<QTimeZone> detectTimeZone(const QString &text);

// The zone a customer's times are in: the one the text names (detectTimeZone), else, when the
// text never speaks of UTC or GMT, the one zone of its language where every country speaking
// it keeps one clock (Japanese: Asia/Tokyo, Korean: Asia/Seoul); none otherwise, and the
// times are read as UTC. A Japanese ticket's "本日11時頃から" is 11:00 in Tokyo. Pure,
// thread-safe.
std::optional<QTimeZone> customerTimeZone(const QString &text);

} // namespace Casefile::Text
