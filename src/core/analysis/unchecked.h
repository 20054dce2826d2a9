#pragma once

#include "core/domain.h"

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

// The wording of a "not checked" line, given where the line is written:
// a line of its own phrase "unchecked.<key>" (no values), e.g. "nothing_queried", "unfinished",
// "analysis_failed", "docs", or an analyzer's key;
WordedLine uncheckedWording(const QString &line, const QString &key);
// a step that did not deliver: "unchecked.step", the system it asks and how it ended;
WordedLine stepWording(const QString &line, const StepRecord &step);
// a step whose system is not connected in the workspace: "unchecked.not_connected".
WordedLine notConnectedWording(const QString &line, const QString &connector);

} // namespace Casefile::Analysis
