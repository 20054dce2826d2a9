#include "core/analysis.h"
#include "core/reply/replycomposer.h"

namespace Casefile {

ComposedReply composeReply(const AnalysisInput &input, const Investigation &investigation)
{
    Investigation inv = investigation;
    if (!inv.ticket.isValid())
        inv.ticket = input.ticket;
    if (!inv.window.isValid())
        inv.window = input.params.window;
    if (inv.ticket.orgName.isEmpty())
        inv.ticket.orgName = input.params.orgName;
    if (inv.ticket.orgId.isEmpty())
        inv.ticket.orgId = input.params.org;
    Reply::ComposeOptions options;
    options.orgName = input.params.orgName;
    const Reply::Composed composed = Reply::compose(inv, options);
    return {composed.reply, composed.note, composed.language};
}

QString composeDiagnosis(const AnalysisInput &input, const Investigation &investigation)
{
    return composeReply(input, investigation).reply;
}

} // namespace Casefile
