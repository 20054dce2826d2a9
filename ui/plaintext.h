#pragma once

#include <QString>

namespace Casefile {

// Qt renders a tooltip as rich text whenever it looks like HTML, so untrusted text (tickets,
// vendors' answers, LLM output, error messages quoting them) goes in escaped, inside a
// paragraph: shown as written, never as markup. "" stays "" (no tooltip).
inline QString plainToolTip(const QString &text, qsizetype maxChars = 2000)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p>") + text.left(maxChars).toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace Casefile
