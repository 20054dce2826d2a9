#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeConfigLint(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
