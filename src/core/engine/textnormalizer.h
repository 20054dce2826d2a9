#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Casefile {

// Folds untrusted ticket text for matching: capped, lowercase (case-folded), accents removed
// (NFKD without combining marks), apostrophes dropped ("doesn't" -> "doesnt") except after an
// elided French or Italian word ("d'erreur" -> "d erreur"), everything that is not a letter or
// digit turned into one space, padded with a space at both ends so " term" finds a word start.
// Invalid UTF-8 has already become U+FFFD, which is dropped.
QString foldForMatching(QStringView text, qsizetype cap = 20000);

// A match of a folded term in folded text.
struct TermHits
{
    int count = 0;        // occurrences at a word start, not negated
    int negated = 0;      // occurrences right after "no", "not", "without", "never"
    qsizetype first = -1; // where the first occurrence not negated starts, -1 when none
};
// `term` is folded with foldForMatching(); matches where a word starts, so "slow" finds
// "slowly" but not "unslow"; scripts without spaces (CJK) match anywhere.
TermHits findTerm(const QString &foldedText, const QString &foldedTerm);

// Words of folded text without stop words, in order of first appearance.
QStringList salientWords(const QString &foldedText, int limit);

} // namespace Casefile
