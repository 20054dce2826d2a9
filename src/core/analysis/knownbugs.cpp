#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeKnownBugs(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
