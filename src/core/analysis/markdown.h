#pragma once

#include <QString>

namespace Casefile {

// Renders the Markdown subset of reply drafts to HTML that is safe to show and export:
// headings, paragraphs, **strong**, *emphasis*, `code`, fenced code blocks, bullet and
// numbered lists, block quotes, rules. Links become "text (url)" as plain text, images become
// "[image: alt]": nothing refers to a remote resource. Every character of the input is
// escaped; no raw HTML ever passes through. Linear in the input size; pure and thread-safe.
QString renderMarkdownToSafeHtml(const QString &markdown);

// The text a reader sees in HTML made by renderMarkdownToSafeHtml (or a helpdesk's copy of
// it): tags dropped, entities decoded, one line per block, list item or line break, blank
// lines and surrounding spaces gone. Compares what a helpdesk stored with the preview.
QString safeHtmlToPlainText(const QString &html);

// Escapes text for HTML element content and attribute values.
QString escapeHtml(QStringView text);

} // namespace Casefile
