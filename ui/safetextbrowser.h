#pragma once

#include <QTextBrowser>

namespace Casefile {

// A QTextBrowser for HTML made by the safe Markdown renderer: links are not followed by the
// browser itself (linkActivated-style handling stays with the owner) and nothing outside the
// application's resources is ever loaded, so a remote image in a reply cannot phone home.
class SafeTextBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeTextBrowser)

public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

    void setMarkdown(const QString &markdown); // through renderSafeHtml()

    QVariant loadResource(int type, const QUrl &name) override;
};

// The only way Markdown becomes HTML in the workbench: the core's safe renderer.
QString renderSafeHtml(const QString &markdown);

} // namespace Casefile
