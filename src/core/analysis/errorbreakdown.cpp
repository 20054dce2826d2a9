#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeErrorBreakdown(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
