#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Casefile {
struct Investigation;
}

namespace Casefile::Testing {

// What one investigation got wrong against its scenario's truth entry: the playbook, the
// category, every refs_required cited by the root cause, no refs_forbidden cited anywhere,
// every must_mention in the reply draft, and each expected secondary cause (category and
// refs) among the result's secondary causes. Empty when the investigation is right.
QStringList truthProblems(const QString &ticket, const QJsonObject &expected,
                          const Investigation &investigation);

// Every ticket of one scenario file through casefile-sandbox and `casefile investigate`: the
// truth tickets scored against their truth, all of them checked for what their reply may show;
// `verbose` prints each ticket's timing and category.
struct ScenarioScore
{
    int tickets = 0;
    int right = 0;
    QStringList problems;    // what the engine got wrong, one line each
    QStringList runFailures; // the sandbox or the CLI failed (not a judgement on the engine)
    // For every ticket, plain questions included: what a reply shows that belongs to another
    // customer or is internal, what the note lacks, and a root cause without an investigation.
    QStringList replyProblems;
};
ScenarioScore scoreScenario(const QString &file, bool verbose = true);

// Library scenarios written after the engine that it gets wrong today, by file base name, each
// with the defect behind it: a pattern still to solve (see tst_classifier's list).
// tst_scenarios expects them to fail; tst_metamorphic does not vary them.
const QHash<QString, QString> &libraryKnownWrong();

} // namespace Casefile::Testing
