#pragma once

#include "core/analysis.h"

#include <QList>
#include <QString>
#include <QStringList>

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

AnalyzerOutput analyzeChangePoints(const AnalysisInput &input);        // "change_point"
AnalyzerOutput analyzeDeployCorrelation(const AnalysisInput &input);   // "deploy_correlation"
AnalyzerOutput analyzeIncidentCorrelation(const AnalysisInput &input); // "incident_correlation"
AnalyzerOutput analyzeErrorBreakdown(const AnalysisInput &input);      // "error_breakdown"
AnalyzerOutput analyzeFallback(const AnalysisInput &input);            // "fallback_analysis"
AnalyzerOutput analyzeConfigLint(const AnalysisInput &input);          // "config_lint"
AnalyzerOutput analyzeTokenReconciliation(const AnalysisInput &input); // "token_reconciliation"
AnalyzerOutput analyzeMetadataPresence(const AnalysisInput &input);    // "metadata_presence"
AnalyzerOutput analyzeWebhookBreakdown(const AnalysisInput &input);    // "webhook_breakdown"
AnalyzerOutput analyzeKnownBugs(const AnalysisInput &input);           // "known_bugs"
AnalyzerOutput analyzeDocsLookup(const AnalysisInput &input);          // "docs_lookup"
AnalyzerOutput analyzeScope(const AnalysisInput &input);               // "scope"

// The analyzer of a name, or nullptr.
AnalyzerFunction analyzerByName(const QString &name);

// Names every playbook may list under "analyzers" (also declared by the playbook loader).
const QStringList &knownAnalyzers();

} // namespace Casefile
