#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeFallback(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
