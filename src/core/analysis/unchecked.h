#pragma once

#include <QString>
#include <QStringList>

namespace Casefile::Analysis {

// What an analyzer could not check, one line for the result's `not_checked` (English, as the
// note and the workbench show it). Each line has a key: the reply words it from the phrase
// book ("unchecked.<key>") in the customer's language.
struct UncheckedLine
{
    QString key;
    QString english;
};

const QList<UncheckedLine> &uncheckedLines();
// The English line of `key` ('' for an unknown key).
QString unchecked(const QString &key);
// The key of an English line ('' when no analyzer writes it).
QString uncheckedKey(const QString &line);

} // namespace Casefile::Analysis
