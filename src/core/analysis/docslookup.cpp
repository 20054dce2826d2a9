#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeDocsLookup(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
