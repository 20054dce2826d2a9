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
    // the ticket's day; "seit 14 Uhr MEZ" -> 13:00 UTC), in six languages, local times
    // converted to UTC; invalid when they say nothing. Exposed for tests.
    static QDateTime anchorFromText(const QString &text, const QDateTime &ticketTime);

    static QJsonObject templateValues(const BoundParameters &params, const Ticket &ticket);

    // What the organisation's own logs show (the clickhouse steps' evidence: series labels,
    // objects and table columns named "provider" and "model"): providers and models with
    // traffic in the window. The engine passes only the steps that read the organisation's
    // logs, not a comparison with other organisations.
    struct Observed
    {
        QStringList providers;
        QStringList models;
    };
    static Observed observedIn(const QMap<QString, StepData> &steps);

    // Checks the ticket's provider and model against the logs; where they disagree the logs
    // win. Returns (and appends to params.entityNotes) what changed, in words.
    static QStringList reconcile(BoundParameters &params, const Observed &seen);

    // Checks the time the ticket gives (params.anchor) against `onset`, the first bucket of the
    // anomaly in the organisation's logs (invalid: none found). More than 90 minutes apart
    // (a wrong time zone, "this morning" for last night) the logs win: the anchor moves to the
    // onset, the window is widened to hold it if it did not, and an entity correction "time"
    // (ISO-8601 UTC) says so. Returns what changed, in words ('' when nothing did).
    static QString correctTime(BoundParameters &params, const QDateTime &onset);
    // How far apart the ticket's time and the onset in the logs may be and still agree.
    static constexpr qint64 TimeAgreesSecs = 90 * 60;

    // The window the ticket would have been given had it said when the change the logs show
    // began: [onset - `hoursBefore`, window.to), whole hours, never more than `maxLookBackDays`
    // before window.to. The window only ever widens, and only when the ticket's time
    // (params.anchor) disagrees with the onset by more than 90 minutes or the ticket gives none:
    // a window that already holds `hoursBefore` of baseline before the onset stays. When it
    // moves, window.from and the template values change and an entity correction "window"
    // (the old and the new start, ISO-8601 UTC) says so. Returns what changed, in words.
    static constexpr int MaxLookBackDays = 7;
    static QString widenToOnset(BoundParameters &params, const QDateTime &onset, int hoursBefore,
                                int maxLookBackDays = MaxLookBackDays);
};

} // namespace Casefile
