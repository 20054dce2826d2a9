#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QListWidget;
class QMenuBar;
QT_END_NAMESPACE

namespace Casefile {

// One action of the window as the palette and the shortcut list show it.
struct CommandEntry
{
    QString path;     // "Investigation › Run on selected ticket"
    QString shortcut; // native text, "Ctrl+R"; empty when none
    QPointer<QAction> action;
};

// Every action of a menu bar with its menu path and shortcuts, in menu order; separators,
// submenus' own entries and invisible actions left out.
QList<CommandEntry> commandsOf(const QMenuBar *menuBar);

// Ctrl+K: a filter box over every action of the window; Enter runs the chosen one.
// Typed words match anywhere in the menu path (all of them, any order).
class CommandPalette final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    explicit CommandPalette(QList<CommandEntry> commands, QWidget *parent = nullptr);

    void setFilter(const QString &text);
    int visibleCount() const;
    QString currentPath() const;
    bool runCurrent(); // triggers the selected action (if enabled) and closes

    QLineEdit *filterEdit() const { return m_filter; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();

    QList<CommandEntry> m_commands;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace Casefile
