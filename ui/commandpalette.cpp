#include "ui/commandpalette.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr int EntryRole = Qt::UserRole + 1;

QString plainText(QString text)
{
    // "&Run" -> "Run", "&&" -> "&"; the trailing ellipsis stays (it says a dialog follows).
    text.replace("&&"_L1, "\u0001"_L1);
    text.remove(u'&');
    text.replace("\u0001"_L1, "&"_L1);
    return text;
}

void collect(const QList<QAction *> &actions, const QString &prefix, QList<CommandEntry> &out)
{
    for (QAction *action : actions) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QString name = prefix + plainText(action->text());
        if (QMenu *menu = action->menu()) {
            collect(menu->actions(), name + u" › "_s, out);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        out.append({name, keys.join(u", "_s), action});
    }
}
} // namespace

QList<CommandEntry> commandsOf(const QMenuBar *menuBar)
{
    QList<CommandEntry> out;
    if (menuBar)
        collect(menuBar->actions(), {}, out);
    return out;
}

CommandPalette::CommandPalette(QList<CommandEntry> commands, QWidget *parent)
    : QDialog(parent)
    , m_commands(std::move(commands))
{
    setWindowTitle(tr("Command palette"));
    setAccessibleName(tr("Command palette"));
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Type a command…"));
    m_filter->setAccessibleName(tr("Command"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Commands"));
    m_list->setUniformItemSizes(true);
    auto *hint = new QLabel(tr("Enter runs the command, Esc closes."), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(hint);
    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_list, &QListWidget::itemActivated, this, [this] { runCurrent(); });
    resize(560, 420);
    refill();
}

void CommandPalette::setFilter(const QString &text)
{
    m_filter->setText(text);
}

void CommandPalette::refill()
{
    m_list->clear();
    const QStringList words = m_filter->text().simplified().split(u' ', Qt::SkipEmptyParts);
    for (int i = 0; i < m_commands.size(); ++i) {
        const CommandEntry &c = m_commands.at(i);
        if (!c.action)
            continue;
        const bool matches = std::all_of(words.cbegin(), words.cend(), [&c](const QString &w) {
            return c.path.contains(w, Qt::CaseInsensitive) ||
                   c.shortcut.contains(w, Qt::CaseInsensitive);
        });
        if (!matches)
            continue;
        auto *item = new QListWidgetItem(
            c.shortcut.isEmpty() ? c.path : c.path + u"    "_s + c.shortcut, m_list);
        item->setData(EntryRole, i);
        if (!c.action->isEnabled())
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->flags() & Qt::ItemIsEnabled) {
            m_list->setCurrentRow(row);
            break;
        }
    }
}

int CommandPalette::visibleCount() const
{
    return m_list->count();
}

QString CommandPalette::currentPath() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? m_commands.at(item->data(EntryRole).toInt()).path : QString();
}

bool CommandPalette::runCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || !(item->flags() & Qt::ItemIsEnabled))
        return false;
    const QPointer<QAction> action = m_commands.at(item->data(EntryRole).toInt()).action;
    accept();
    if (!action || !action->isEnabled())
        return false;
    action->trigger();
    return true;
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    // Up/Down/Page keys in the filter box move in the list, so the hands stay on the keys.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QCoreApplication::sendEvent(m_list, event);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Casefile
