// The Markdown renderer sees LLM output and edited drafts: it must never pass HTML through.
#include "core/analysis/markdown.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString html = Casefile::renderMarkdownToSafeHtml(text);
    // Whatever the input, no live script or remote image can come out.
    if (html.contains(QLatin1StringView("<script"), Qt::CaseInsensitive) ||
        html.contains(QLatin1StringView("<img"), Qt::CaseInsensitive) ||
        html.contains(QLatin1StringView("href=\"javascript:"), Qt::CaseInsensitive)) {
        std::abort();
    }
    return 0;
}
