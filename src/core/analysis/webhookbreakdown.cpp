#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeWebhookBreakdown(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
