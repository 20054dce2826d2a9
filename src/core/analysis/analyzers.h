#pragma once

#include "core/analysis.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <span>

// The analyzers: pure functions over an AnalysisInput. Each reads evidence by what was asked
// (connector + operation, docs/operations.md), proposes hypotheses (a category of
// contracts/investigation-result.md, a summary with numbers and UTC times, a score, the refs
// that prove it) and rejects the hypotheses its evidence argues against, with a reason. The
// ranking (analyze()) merges them. Missing evidence gives an empty output, never a crash.
namespace Casefile {

struct AnalyzerOutput
{
    QList<Hypothesis> hypotheses;
    QList<RejectedHypothesis> rejected;
    QList<Finding> findings;
    QStringList notChecked; // in words, for the reply and the result
    void append(const AnalyzerOutput &other);
};

using AnalyzerFunction = AnalyzerOutput (*)(const AnalysisInput &);

AnalyzerOutput analyzeChangePoints(const AnalysisInput &input);
AnalyzerOutput analyzeDeployCorrelation(const AnalysisInput &input);
AnalyzerOutput analyzeIncidentCorrelation(const AnalysisInput &input);
AnalyzerOutput analyzeErrorBreakdown(const AnalysisInput &input);
AnalyzerOutput analyzeFallback(const AnalysisInput &input);
AnalyzerOutput analyzeConfigLint(const AnalysisInput &input);
AnalyzerOutput analyzeTokenReconciliation(const AnalysisInput &input);
AnalyzerOutput analyzeMetadataPresence(const AnalysisInput &input);
AnalyzerOutput analyzeWebhookBreakdown(const AnalysisInput &input);
AnalyzerOutput analyzeKnownBugs(const AnalysisInput &input);
AnalyzerOutput analyzeDocsLookup(const AnalysisInput &input);
AnalyzerOutput analyzeScope(const AnalysisInput &input);
AnalyzerOutput analyzeSdkErrors(const AnalysisInput &input);
AnalyzerOutput analyzeLatencyScope(const AnalysisInput &input);
AnalyzerOutput analyzeRoutingShare(const AnalysisInput &input);

// One analyzer as playbooks name it. The registry (registry.cpp) is the one list of
// analyzers: the ranking runs from it, playbook validation checks names against it and
// docs/analyzers.md lists the same names (a test compares them).
struct AnalyzerInfo
{
    QLatin1StringView name; // as playbooks list it under "analyzers"
    AnalyzerFunction function;
    QLatin1StringView description; // one line: what it reads and what it concludes
};

// Every analyzer, in the order analyze() runs them when a playbook names none.
std::span<const AnalyzerInfo> analyzerRegistry();

// The analyzer of a name, or nullptr.
AnalyzerFunction analyzerByName(const QString &name);

// The names of the registry, in its order.
const QStringList &knownAnalyzers();

} // namespace Casefile
