#include "core/analysis/analyzers.h"

namespace Casefile {

AnalyzerOutput analyzeMetadataPresence(const AnalysisInput &)
{
    return {};
}

} // namespace Casefile
