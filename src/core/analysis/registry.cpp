#include "core/analysis/analyzers.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// The analyzers, in the order they run when a playbook names none.
constexpr std::array Registry = {
    AnalyzerInfo{"change_point"_L1, &analyzeChangePoints,
                 "sustained shifts of latency, error and webhook series, with their onset"_L1},
    AnalyzerInfo{"deploy_correlation"_L1, &analyzeDeployCorrelation,
                 "deploys ranked by timing before the change and by what they touched"_L1},
    AnalyzerInfo{"incident_correlation"_L1, &analyzeIncidentCorrelation,
                 "provider and on-call incidents whose provider, model and time overlap what "
                 "failed"_L1},
    AnalyzerInfo{"error_breakdown"_L1, &analyzeErrorBreakdown,
                 "failed requests split into rate limiting, provider errors and rejected "
                 "requests"_L1},
    AnalyzerInfo{"fallback_analysis"_L1, &analyzeFallback,
                 "requests that failed without failing over, and the config that explains it"_L1},
    AnalyzerInfo{"config_lint"_L1, &analyzeConfigLint,
                 "routing configs checked for timeouts, fail-over codes and targets"_L1},
    AnalyzerInfo{"token_reconciliation"_L1, &analyzeTokenReconciliation,
                 "invoiced quantities against logged tokens under each billing rule"_L1},
    AnalyzerInfo{"metadata_presence"_L1, &analyzeMetadataPresence,
                 "custom metadata passed through per SDK and version"_L1},
    AnalyzerInfo{"webhook_breakdown"_L1, &analyzeWebhookBreakdown,
                 "webhook failures by endpoint and error: the customer's endpoint or our side"_L1},
    AnalyzerInfo{"known_bugs"_L1, &analyzeKnownBugs,
                 "open issues naming the affected component and the observed error"_L1},
    AnalyzerInfo{"docs_lookup"_L1, &analyzeDocsLookup,
                 "the documentation page and sentence most related to the ticket"_L1},
    AnalyzerInfo{"scope"_L1, &analyzeScope,
                 "this organisation against the others: one customer or everyone"_L1},
    AnalyzerInfo{"sdk_errors"_L1, &analyzeSdkErrors,
                 "failures of one client SDK version while another version is served by the "
                 "same model"_L1},
    AnalyzerInfo{"latency_scope"_L1, &analyzeLatencyScope,
                 "a latency rise on one config just edited, or with a move to a slower client "
                 "version"_L1},
    AnalyzerInfo{"routing_share"_L1, &analyzeRoutingShare,
                 "a loadbalance config's traffic per target against its weights"_L1},
};

} // namespace

std::span<const AnalyzerInfo> analyzerRegistry()
{
    return Registry;
}

AnalyzerFunction analyzerByName(const QString &name)
{
    const auto it = std::find_if(Registry.cbegin(), Registry.cend(),
                                 [&](const AnalyzerInfo &a) { return a.name == name; });
    return it == Registry.cend() ? nullptr : it->function;
}

const QStringList &knownAnalyzers()
{
    static const QStringList names = [] {
        QStringList out;
        for (const AnalyzerInfo &a : Registry)
            out.append(QString(a.name));
        return out;
    }();
    return names;
}

} // namespace Casefile
