#pragma once

#include "core/connector.h"
#include "core/domain.h"

namespace Casefile::Reply {

// A plain question's documentation: searches the workspace's docs connection with the
// ticket's words and keeps the pages that share enough of them (title words count most).
// Returns one text evidence whose items are the matching pages ({ref, title, text}), or
// nothing when no page matches. Blocking; call it off the GUI thread.
Result<std::optional<Evidence>> findQuestionDocs(const Ticket &ticket, Connector &docs,
                                                 const WorkLimits &limits);

// The ticket's words a documentation page must share (lower case, no function words).
QStringList questionWords(const Ticket &ticket);

} // namespace Casefile::Reply
