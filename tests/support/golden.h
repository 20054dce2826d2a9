#pragma once

// Golden files: an output compared with a checked-in expected file, shown as a readable diff
// when they differ. Run with CASEFILE_UPDATE_GOLDEN=1 (scripts/update-golden.sh) to rewrite
// the expected files from the current output on purpose, then review the change in git.

#include <QList>
#include <QString>

namespace TestSupport {

// Whether this run rewrites expected files instead of comparing.
bool updatingGolden();

// Compares `actual` with the file at `expectedPath` (UTF-8). Returns an empty string when
// they agree (or the file was rewritten), else a message with the first differing lines.
QString compareGolden(const QString &actual, const QString &expectedPath);

// One input/expected pair of a golden folder: `name.<inputSuffix>` and `name.<expectedSuffix>`.
struct GoldenCase
{
    QString name;
    QString inputPath;
    QString expectedPath;
};

// Every input file of `folder` ending in `inputSuffix` (".md"), with its expected file beside
// it (same name, `expectedSuffix`, ".html"), sorted by name. An input without an expected file
// is listed too: the comparison then fails, or the update writes it.
QList<GoldenCase> goldenCases(const QString &folder, const QString &inputSuffix,
                              const QString &expectedSuffix);

// The text of a file (UTF-8), or a null string when it cannot be read.
QString readText(const QString &path);

} // namespace TestSupport
