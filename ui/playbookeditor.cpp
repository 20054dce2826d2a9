#include "ui/playbookeditor.h"

#include "core/async.h"
#include "core/engine/playbooklibrary.h"
#include "ui/highlighter.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr int LineRole = Qt::UserRole + 1;
constexpr int ColumnRole = Qt::UserRole + 2;
} // namespace

PlaybookEditor::PlaybookEditor(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Playbook editor"));
    setWindowTitle(tr("Playbook editor"));
    m_editor = new QPlainTextEdit(this);
    m_editor->setAccessibleName(tr("Playbook JSON"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    attachHighlighter(m_editor->document(), u"JSON"_s);
    m_problems = new QListWidget(this);
    m_problems->setAccessibleName(tr("Playbook problems"));
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);

    auto *open = new QPushButton(tr("&Open…"), this);
    auto *save = new QPushButton(tr("&Save"), this);
    m_save = save;
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Playbooks"));
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { openListed(item->data(Qt::UserRole).toString()); });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            openListed(item->data(Qt::UserRole).toString());
    });
    m_readOnlyNote =
        new QLabel(tr("A built-in playbook: read-only. Duplicate it to edit a copy."), this);
    m_readOnlyNote->setWordWrap(true);
    m_duplicate = new QPushButton(tr("&Duplicate to edit"), this);
    connect(m_duplicate, &QPushButton::clicked, this, &PlaybookEditor::duplicateToEdit);
    auto *saveAs = new QPushButton(tr("Save &as…"), this);
    m_run = new QPushButton(tr("&Run on current ticket"), this);
    m_run->setAccessibleName(tr("Run playbook on current ticket"));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open playbook"), {}, tr("Playbooks (*.json)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(save, &QPushButton::clicked, this, [this] { saveFile(); });
    connect(saveAs, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save playbook"), m_path,
                                                          tr("Playbooks (*.json)"));
        if (!path.isEmpty())
            saveFile(path);
    });
    connect(m_run, &QPushButton::clicked, this,
            [this] { emit runRequested(text().toUtf8(), m_fileName); });
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int line = item->data(LineRole).toInt();
        const QTextBlock block = m_editor->document()->findBlockByNumber(std::max(0, line - 1));
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                            std::max(0, item->data(ColumnRole).toInt() - 1));
        m_editor->setTextCursor(cursor);
        m_editor->setFocus();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(save);
    buttons->addWidget(saveAs);
    buttons->addStretch(1);
    buttons->addWidget(m_status);
    buttons->addWidget(m_run);
    auto *note = new QHBoxLayout;
    note->addWidget(m_readOnlyNote, 1);
    note->addWidget(m_duplicate);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_editor);
    split->addWidget(m_problems);
    split->setStretchFactor(0, 4);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(note);
    rightLayout->addWidget(split, 1);
    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->setChildrenCollapsible(false);
    sides->addWidget(m_list);
    sides->addWidget(right);
    sides->setStretchFactor(1, 4);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(sides, 1);
    refreshList();
    m_readOnlyNote->hide();
    m_duplicate->hide();

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &PlaybookEditor::validateNow);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] { m_debounce.start(); });
    resize(900, 700);
}

void PlaybookEditor::refreshList()
{
    m_list->clear();
    const auto add = [this](const QString &dir, bool builtIn) {
        const QStringList files = QDir(dir).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            const QString path = QDir(dir).filePath(file);
            auto *item = new QListWidgetItem(
                builtIn ? tr("%1 (built-in)").arg(QFileInfo(file).completeBaseName())
                        : QFileInfo(file).completeBaseName(),
                m_list);
            item->setData(Qt::UserRole, path);
        }
    };
    add(u":/playbooks"_s, true);
    add(PlaybookLibrary::userDirectory(), false);
}

QStringList PlaybookEditor::listedPlaybooks() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

bool PlaybookEditor::openListed(const QString &path)
{
    if (path == m_path)
        return true;
    return openFile(path);
}

bool PlaybookEditor::isReadOnly() const
{
    return m_editor->isReadOnly();
}

void PlaybookEditor::duplicateToEdit()
{
    const QString base = QFileInfo(m_fileName).completeBaseName();
    QDir dir(PlaybookLibrary::userDirectory());
    QString target = dir.filePath(base + u"-copy.json"_s);
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = dir.filePath(u"%1-copy-%2.json"_s.arg(base).arg(n));
    m_path = target; // "Save" writes the copy, never the built-in
    m_fileName = QFileInfo(target).fileName();
    m_editor->setReadOnly(false);
    m_readOnlyNote->hide();
    m_duplicate->hide();
    m_save->setEnabled(true);
    m_status->setText(tr("Editing a copy: Save writes %1").arg(m_fileName));
    m_editor->setFocus();
}

bool PlaybookEditor::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(
            tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), file.errorString()));
        return false;
    }
    m_path = path;
    setText(QString::fromUtf8(file.readAll()), QFileInfo(path).fileName());
    const bool builtIn = path.startsWith(u":/"_s);
    m_editor->setReadOnly(builtIn);
    m_readOnlyNote->setVisible(builtIn);
    m_duplicate->setVisible(builtIn);
    m_save->setEnabled(!builtIn);
    return true;
}

bool PlaybookEditor::saveFile(const QString &path)
{
    const QString target = path.isEmpty() ? m_path : path;
    if (target.isEmpty() || target.startsWith(u":/"_s))
        return false;
    QDir().mkpath(QFileInfo(target).absolutePath());
    QSaveFile file(target);
    const QByteArray bytes = text().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_status->setText(
            tr("Could not save %1: %2").arg(QFileInfo(target).fileName(), file.errorString()));
        return false;
    }
    m_path = target;
    m_fileName = QFileInfo(target).fileName();
    m_status->setText(tr("Saved %1").arg(m_fileName));
    return true;
}

void PlaybookEditor::setText(const QString &text, const QString &fileName)
{
    m_fileName = fileName.isEmpty() ? u"untitled.json"_s : fileName;
    m_editor->setPlainText(text);
    validateNow();
}

QString PlaybookEditor::text() const
{
    return m_editor->toPlainText();
}

void PlaybookEditor::validateNow()
{
    m_debounce.stop();
    const quint64 generation = ++m_generation;
    runAsync(
        this,
        [bytes = text().toUtf8(), name = m_fileName] {
            return PlaybookLibrary::validate(bytes, name);
        },
        [this, generation](QList<PlaybookDiagnostic> diagnostics) {
            if (generation == m_generation)
                showDiagnostics(diagnostics);
        });
}

void PlaybookEditor::showDiagnostics(const QList<PlaybookDiagnostic> &diagnostics)
{
    m_problems->clear();
    QList<QTextEdit::ExtraSelection> selections;
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    format.setUnderlineColor(QColor(0xd5, 0x00, 0x00));
    format.setBackground(QColor(0xff, 0xeb, 0xee));
    format.setProperty(QTextFormat::FullWidthSelection, true);
    for (const PlaybookDiagnostic &d : diagnostics) {
        const QString where = d.line > 0 ? tr("line %1:%2").arg(d.line).arg(d.column) : tr("file");
        auto *item = new QListWidgetItem(d.jsonPath.isEmpty()
                                             ? tr("%1: %2").arg(where, d.message)
                                             : tr("%1: %2: %3").arg(where, d.jsonPath, d.message),
                                         m_problems);
        item->setData(LineRole, d.line);
        item->setData(ColumnRole, d.column);
        if (d.line > 0) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(m_editor->document()->findBlockByNumber(d.line - 1));
            selection.format = format;
            selections.append(selection);
        }
    }
    m_editor->setExtraSelections(selections);
    m_status->setText(diagnostics.isEmpty()
                          ? tr("Valid")
                          : tr("%n problem(s)", nullptr, int(diagnostics.size())));
    m_run->setEnabled(diagnostics.isEmpty());
    emit validated(int(diagnostics.size()));
}

int PlaybookEditor::problemCount() const
{
    return m_problems->count();
}

QList<int> PlaybookEditor::markedLines() const
{
    QList<int> lines;
    for (const QTextEdit::ExtraSelection &s : m_editor->extraSelections())
        lines.append(s.cursor.blockNumber() + 1);
    return lines;
}

} // namespace Casefile
