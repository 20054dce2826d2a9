#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeIncidentCorrelation(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
