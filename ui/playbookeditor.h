#pragma once

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Casefile {

struct PlaybookDiagnostic;

// Opens, edits and validates a playbook file. Validation (PlaybookLibrary::validate) runs on
// a worker as the engineer types; each problem is listed and marked at its line. "Run on
// current ticket" hands the text to the owner, which runs it without saving it first.
class PlaybookEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaybookEditor)

public:
    explicit PlaybookEditor(QWidget *parent = nullptr);

    bool openFile(const QString &path);
    // The list on the left: the built-in playbooks (read-only) and the user's own folder.
    void refreshList();
    QStringList listedPlaybooks() const;
    bool openListed(const QString &fileName); // a built-in opens read-only
    bool isReadOnly() const;
    void duplicateToEdit(); // a built-in becomes an editable copy in the user folder
    bool saveFile(const QString &path = {});
    void setText(const QString &text, const QString &fileName = {});
    QString text() const;
    QString fileName() const { return m_fileName; }

    void validateNow();
    int problemCount() const;
    QList<int> markedLines() const; // 1-based lines with an error selection

signals:
    void validated(int problems);
    void runRequested(const QByteArray &playbookText, const QString &fileName);

private:
    void showDiagnostics(const QList<PlaybookDiagnostic> &diagnostics);

    QString m_fileName;
    QString m_path;
    QTimer m_debounce;
    quint64 m_generation = 0;
    QPlainTextEdit *m_editor = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_readOnlyNote = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_save = nullptr;
    QListWidget *m_problems = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace Casefile
