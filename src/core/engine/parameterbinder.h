#pragma once

#include "core/analysis.h"
#include "core/domain.h"
#include "core/engine/playbook.h"

#include <QDateTime>
#include <QList>

namespace Casefile {

// Binds a playbook's parameters from a ticket: organisation, investigation window, provider,
// model, route, endpoint, SDK and keywords. The ticket's text is untrusted: what comes out
// is only ever used as data (templated into operation arguments, which connectors escape).
//
// Pure and thread-safe.
class ParameterBinder
{
public:
    // `organisations`: the helpdesk's organisations, to resolve the org from the requester's
    // e-mail domain when the ticket has none. `now`: the workspace's clock; the window never
    // ends after it. `windowHoursBefore`: look-back before the anchor (playbook default).
    static BoundParameters bind(const Ticket &ticket, const QList<Organisation> &organisations,
                                const QDateTime &now, int windowHoursBefore = 24);

    // When the ticket's words say the problem started ("since this morning" -> 06:00 UTC of
    // the ticket's day); invalid when they say nothing. Exposed for tests.
    static QDateTime anchorFromText(const QString &text, const QDateTime &ticketTime);

    static QJsonObject templateValues(const BoundParameters &params, const Ticket &ticket);
};

} // namespace Casefile
