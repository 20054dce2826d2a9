#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeTokenReconciliation(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
