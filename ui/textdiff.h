#pragma once

#include <QString>

namespace Casefile {

// The share of `edited` that differs from `original` (0 = untouched, 1 = rewritten), from a
// word-level longest common subsequence; falls back to lines for very long texts so it stays
// cheap. Used for the "edited share" of feedback.
double editedShare(const QString &original, const QString &edited);

} // namespace Casefile
