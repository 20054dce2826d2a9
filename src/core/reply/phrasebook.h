#pragma once

#include "core/domain.h"

#include <QHash>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace Casefile::Reply {

// The analyzers' customer sentences in one language: the "_phrases" template of the reply
// templates (":/replies/<lang>/_phrases.md", overridable like the others), one "key: text" a
// line, '#' lines are comments. A {name} in a text is a typed value of the phrase
// (domain.h, Phrase): the reply words a finding from its key and values, never by
// translating the English summary.
class PhraseBook
{
public:
    static PhraseBook parse(const QString &text);

    bool has(const QString &key) const { return m_texts.contains(key); }
    QString text(const QString &key) const { return m_texts.value(key); }
    QStringList keys() const;

private:
    QHash<QString, QString> m_texts;
};

// The locale numbers and dates of a reply language are written in.
QLocale localeFor(const QString &language);

// The {name} placeholders of a phrase text, in order.
QStringList phrasePlaceholders(const QString &text);

// A day as the language writes it ("20 November 2026", "20. November 2026", "2026年11月20日").
QString dateText(const QDate &date, const QString &language);

// "12:32 CET" for a UTC time in `zone` ("00:32⁺¹ JST" on the next day; "UTC+05:30" when the
// zone has no abbreviation).
QString localClock(const QDateTime &utc, const QTimeZone &zone);

// Whether the text so far leaves an open round bracket (ASCII or full width): a local time
// written there follows a comma, not brackets of its own.
bool insideBrackets(QStringView text);

// How phrases are worded: the language, the day times are dated against (a time on another
// day shows its date), and the customer's zone, written after each time when known.
struct PhraseContext
{
    QString language = QStringLiteral("en");
    QDateTime reference{};
    std::optional<QTimeZone> zone{};
};

// The phrases as one text in the context's language (clauses joined the language's way;
// times as "HH:mm UTC (HH:mm <zone>)", inside brackets "HH:mm UTC, HH:mm <zone>"). Values are
// written from their types only: a name (a model, a version, an id, a URL, a quoted title)
// is never reformatted. '' when a key is missing from the book or a placeholder has no value:
// the caller falls back to the summary.
QString renderPhrases(const QList<Phrase> &phrases, const PhraseBook &book,
                      const PhraseContext &context);
QString renderPhrases(const QList<Phrase> &phrases, const PhraseBook &book, const QString &language,
                      const QDateTime &reference = {});

} // namespace Casefile::Reply
