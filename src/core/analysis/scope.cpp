#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeScope(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
