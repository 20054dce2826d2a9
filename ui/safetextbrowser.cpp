#include "ui/safetextbrowser.h"

#if __has_include("core/analysis/markdown.h") && defined(CASEFILE_UI_HAVE_MARKDOWN)
#include "core/analysis/markdown.h"
#define CASEFILE_UI_USE_CORE_MARKDOWN 1
#endif

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Casefile {

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenExternalLinks(false);
    setOpenLinks(false);
    setUndoRedoEnabled(false);
}

void SafeTextBrowser::setMarkdown(const QString &markdown)
{
    setHtml(renderSafeHtml(markdown));
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl &name)
{
    if (name.scheme() == "qrc"_L1 || (name.scheme().isEmpty() && name.path().startsWith(u':')))
        return QTextBrowser::loadResource(type, name);
    return {};
}

QString renderSafeHtml(const QString &markdown)
{
#ifdef CASEFILE_UI_USE_CORE_MARKDOWN
    return renderMarkdownToSafeHtml(markdown);
#else
    return u"<pre style=\"white-space: pre-wrap\">"_s + markdown.toHtmlEscaped() + u"</pre>"_s;
#endif
}

} // namespace Casefile
