#pragma once

#include "storage/store.h"
#include "ui/sendconfirmdialog.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
QT_END_NAMESPACE

namespace Casefile {

class HelpdeskConnector;
class SafeTextBrowser;
class SendConfirmDialog;
class SendController;

// The reply draft: Markdown on the left, a debounced safe preview on the right, revisions
// autosaved to the store, and the confirmed send (public reply or internal note). After a
// send the engineer can judge the diagnosis right / partly / wrong.
class DiagnosisEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisEditor)

public:
    explicit DiagnosisEditor(QWidget *parent = nullptr);

    void setStore(std::shared_ptr<Store> store);
    void setHelpdesk(std::shared_ptr<HelpdeskConnector> helpdesk);

    // The investigation the draft belongs to; `original` is the composed diagnosis.
    void setInvestigation(const QString &investigationId, const QString &ticketId,
                          const QString &original);
    void setInvestigationId(const QString &investigationId); // once the store assigned one
    QString investigationId() const { return m_investigationId; }

    QString markdown() const;
    void setMarkdown(const QString &markdown);

    // Opens the confirmation (window-modal, non-blocking); sending happens on accept.
    void requestSend(bool isPublic);
    SendConfirmDialog *confirmationDialog() const { return m_confirm; }
    bool isSending() const;
    bool wasSent() const { return m_sent; }
    QString statusText() const;

    void saveDraftNow();
    void giveFeedback(const QString &verdict, const QString &note = {});
    double editedShareSoFar() const;

    QPushButton *sendReplyButton() const { return m_sendReply; }
    QPushButton *sendNoteButton() const { return m_sendNote; }

signals:
    void replySent(const QString &ticketId, const QString &remoteId);
    void draftSaved(int revision);
    void feedbackSaved();

private:
    void updatePreview();
    void updateButtons();
    void setStatus(const QString &text, bool error = false);
    void loadDrafts();

    std::shared_ptr<Store> m_store;
    SendController *m_sender = nullptr;
    QString m_investigationId;
    QString m_ticketId;
    QString m_original;
    bool m_sent = false;
    bool m_loading = false;
    QTimer m_previewTimer;
    QTimer m_autosaveTimer;
    QPointer<SendConfirmDialog> m_confirm;

    QSplitter *m_splitter = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    SafeTextBrowser *m_preview = nullptr;
    QComboBox *m_history = nullptr;
    QPushButton *m_sendReply = nullptr;
    QPushButton *m_sendNote = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_feedbackRow = nullptr;
    QLineEdit *m_feedbackNote = nullptr;
};

} // namespace Casefile
