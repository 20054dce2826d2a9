#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QRegularExpression;

namespace Casefile::Reply {

// The phrasing of customer replies: one Markdown file per language and category, plus a
// "_frame" per language that wraps every category (greeting, sections, closing). Built-ins
// ship as Qt resources (":/replies/<lang>/<category>.md"); a "replies/<lang>/" folder in the
// user's playbook folder or in a team playbook folder overrides them file by file.
//
// Template syntax (small on purpose):
//   {{key}}                   the composer's value for key (empty when it has none)
//   {{#key}}...{{/key}}       kept only when key has a value
//   {{^key}}...{{/key}}       kept only when key has none
//   [UPPER CASE]              a placeholder the engineer fills or deletes before sending
//
// A value type: load it once, then share it read-only across threads.
class Templates
{
public:
    // Built-ins, then <userDirectory>/replies unless `includeUserDirectory` is false, then
    // <dir>/replies of each extra folder (later ones win).
    static Templates load(const QStringList &extraDirs = {}, bool includeUserDirectory = true);
    static QString userDirectory(); // the playbook user folder + "/replies"

    // The languages replies are written in ("en" first) and the template names of each.
    static const QStringList &languages();
    static const QStringList &categories(); // root-cause categories + question kinds
    static QString frameName() { return QStringLiteral("_frame"); }
    // The analyzers' sentences of each language (phrasebook.h).
    static QString phrasesName() { return QStringLiteral("_phrases"); }

    // The template, or the English one when the language has none ('' when neither).
    QString text(const QString &language, const QString &name) const;
    bool has(const QString &language, const QString &name) const;
    // Where a template came from (resource or file path), for the playbook editor and tests.
    QString origin(const QString &language, const QString &name) const;
    QStringList problems() const { return m_problems; } // unreadable override files

    void addDirectory(const QString &dir); // <dir>/<lang>/<name>.md

private:
    QHash<QString, QString> m_texts;   // "lang/name" -> text
    QHash<QString, QString> m_origins; // "lang/name" -> path
    QStringList m_problems;
};

// The one substitution of the reply texts: each match of `variable` (its first capture is the
// name) is replaced by value(name, text so far), in one pass, so a value is never read as a
// template. A value of std::nullopt stops it: the result is then std::nullopt.
using ValueOf = std::function<std::optional<QString>(const QString &name, const QString &before)>;
std::optional<QString> substitute(const QString &text, const QRegularExpression &variable,
                                  const ValueOf &value);

// Fills a template: sections first, then {{key}} from `values` in one pass (a value is never
// read as a template). Runs of blank lines collapse to one; the result ends with a newline.
QString fill(const QString &templateText, const QHash<QString, QString> &values);

// The engineer placeholders of a text ("[ETA]", "[FIX STATUS]"), in order, without repeats.
// A Markdown link label ("[TEXT](url)") is not one.
QStringList placeholders(const QString &text);

} // namespace Casefile::Reply
