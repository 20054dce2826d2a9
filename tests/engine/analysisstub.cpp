// A stand-in for the analyzers (src/core/analysis/) for builds that do not have them yet.
#include "core/analysis.h"
#include "core/engine/playbook.h"

using namespace Qt::StringLiterals;

namespace Casefile {

const QStringList &knownAnalyzers()
{
    static const QStringList names{
        u"change_point"_s,         u"deploy_correlation"_s, u"incident_correlation"_s,
        u"error_breakdown"_s,      u"fallback_analysis"_s,  u"config_lint"_s,
        u"token_reconciliation"_s, u"metadata_presence"_s,  u"webhook_breakdown"_s,
        u"known_bugs"_s,           u"docs_lookup"_s,        u"scope"_s};
    return names;
}

AnalysisResult analyze(const AnalysisInput &input)
{
    AnalysisResult result;
    for (auto it = input.steps.cbegin(); it != input.steps.cend(); ++it) {
        if (it->record.status == StepStatus::Ok)
            result.findings.append(Finding{u"step %1 ran"_s.arg(it.key()), {}, {}, 0.5});
    }
    return result;
}

QString composeDiagnosis(const AnalysisInput &input, const Investigation &investigation)
{
    return u"Draft for ticket %1 (%2 steps)"_s.arg(input.ticket.id,
                                                   QString::number(investigation.steps.size()));
}

} // namespace Casefile
