#pragma once

#include "core/domain.h"

#include <QHash>
#include <QLocale>
#include <QString>
#include <QStringList>

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

// The phrases as one text in `language` (clauses joined the language's way; times as "HH:mm
// UTC", with the date when it is not `reference`'s day, which the composer annotates with the
// customer's zone). '' when a key is missing from the book or a placeholder has no value:
// the caller falls back to the summary.
QString renderPhrases(const QList<Phrase> &phrases, const PhraseBook &book, const QString &language,
                      const QDateTime &reference = {});

} // namespace Casefile::Reply
