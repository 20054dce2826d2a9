#pragma once

#include "core/domain.h"
#include "core/reply/replytemplates.h"

#include <QString>
#include <QTimeZone>

#include <optional>

namespace Casefile::Reply {

struct ComposeOptions
{
    QString language;     // BCP 47; '' = the ticket's language when a template exists, else "en"
    QString orgName;      // the customer's organisation as resolved for the run, if any
    QString customerZone; // IANA id or "UTC+hh:mm"; '' = what the ticket text names, if any
    const Templates *templates = nullptr; // nullptr = the built-ins and the user's folder
};

struct Composed
{
    QString reply;    // Markdown the customer may read
    QString note;     // Markdown for the engineer and colleagues
    QString language; // the reply's language
    QString category; // the template used ("deploy_regression", "question", ...)
};

// Composes the customer reply and the internal note of a finished investigation: facts in
// the customer's terms (what happened, when in UTC and in their zone, what it affected, what
// they can do) from the category's template in their language; everything about other
// customers, internal files, tracker ids and on-call incidents goes to the note only. Pure
// and thread-safe when `templates` is given.
Composed compose(const Investigation &investigation, const ComposeOptions &options = {});

// The reply language for a ticket: its detected language when a template set exists for it,
// else "en".
QString replyLanguageFor(const Ticket &ticket);

// The customer's time zone as the ticket gives it, if it does.
std::optional<QTimeZone> customerZoneFor(const Ticket &ticket);

} // namespace Casefile::Reply
