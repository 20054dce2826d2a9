#pragma once

#include <QString>
#include <QTimeZone>

#include <optional>

namespace Casefile::Text {

// The language of a customer's text as a BCP 47 tag: "en", "es", "pt", "de", "fr", "ja", "zh",
// "ko", "it" or "nl"; empty when the text gives no usable signal. Script first (kana, hangul,
// han), then the share of each language's most common function words. Pure, thread-safe,
// linear in the text.
QString detectLanguage(const QString &text);

// The time zone a customer's text names, if it names one: an IANA id ("Europe/Berlin"), a
// common abbreviation ("CET", "PST", "JST", "BRT") or an offset ("UTC+2", "GMT-03:00").
// Plain "UTC"/"GMT"/"Z" is no hint. Pure, thread-safe.
std::optional<QTimeZone> detectTimeZone(const QString &text);

} // namespace Casefile::Text
