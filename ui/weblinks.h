#pragma once

#include "core/domain.h"
#include "core/profile.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace Casefile {

// A web page of the system an evidence or a ticket came from.
struct WebLink
{
    QString label; // "Open in GitHub"
    QUrl url;
};

// The helpdesk's own page of a ticket (Zendesk: /agent/tickets/ID); invalid when the
// profile has no helpdesk or its vendor has no known ticket page.
QUrl helpdeskTicketUrl(const WorkspaceProfile &profile, const QString &ticketId);

// The pages an evidence points at, read from the vendors' own URL fields in its data
// (GitHub html_url, Linear/Jira issue url, Statuspage/PagerDuty incident shortlink/html_url,
// Stripe ids to the dashboard). Only http(s) URLs; at most `limit`, without duplicates.
QList<WebLink> evidenceLinks(const Evidence &evidence, int limit = 8);

// The vendor's display name for a connector or system name ("github" -> "GitHub").
QString vendorName(const QString &connector);

} // namespace Casefile
