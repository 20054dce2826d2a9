#pragma once

#include <QString>

namespace Casefile::Text {

// What the customer wrote this time: a ticket body without the earlier thread it quotes (lines
// starting with '>', everything after a reply header such as "On … wrote:", "Em … escreveu:",
// "El … escribió:", "Am … schrieb …:", "Le … a écrit :", "… に書きました:", Gmail's
// "2026年12月1日(火) 10:00 山田 <x@y>:", such a header wrapped over two lines, an "Original
// message" rule or an Outlook "From:/Sent:" block) and without the signature after a "--" line
// or after a closing line ("Thanks,", "Cordialement,", "よろしくお願いいたします。") that only a
// few short lines (name, title, company, address) follow.
// Earlier replies talk of older topics and older times; read as the customer's words they pick
// the wrong playbook and the wrong window. When nothing would remain (a body that is all
// quotation) the text is returned unchanged. Pure, thread-safe, linear in the text.
QString withoutQuotedThread(const QString &text);

// Whether a subject is that of a reply or a forward ("Re:", "AW:", "Fwd:", "TR:", "RV:", "Res:",
// "SV:", "Antw:", "Re[2]:"): it names the thread's first topic, which may no longer be the body's.
bool isReplySubject(const QString &subject);

} // namespace Casefile::Text
