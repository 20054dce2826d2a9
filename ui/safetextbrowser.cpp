#include "ui/safetextbrowser.h"

#include "core/analysis/markdown.h"

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
    return renderMarkdownToSafeHtml(markdown);
}

} // namespace Casefile
