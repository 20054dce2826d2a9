#pragma once

#include "core/domain.h"
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
class QTabWidget;
QT_END_NAMESPACE

namespace Casefile {

class HelpdeskConnector;
class NeedsHumanBanner;
class SafeTextBrowser;
class SendConfirmDialog;
class SendController;

// The two texts of an investigation: the customer reply (Markdown on the left, a debounced
// safe preview on the right, revisions autosaved to the store, its language shown and
// switchable) and the internal note; each is sent after a confirmation, the reply as a
// public reply and the note as an internal note. Send stays disabled, with the reason shown,
// while a placeholder like [ETA] is left, after a send until the text changes, and for a
// saved investigation opened in another workspace than the one it was made in. After a send
// the engineer can judge the diagnosis right / partly / wrong.
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
    // The same for a whole investigation: its reply, note, language, ticket and workspace.
    void setInvestigation(const QString &investigationId, const Investigation &investigation);
    void setInvestigationId(const QString &investigationId); // once the store assigned one
    // The workspace the helpdesk connection belongs to.
    void setWorkspace(const QString &workspace);
    QString investigationId() const { return m_investigationId; }

    QString markdown() const;
    void setMarkdown(const QString &markdown);
    QString noteMarkdown() const;
    void setNoteMarkdown(const QString &markdown);
    QString previewText() const; // the reply preview as the reader sees it

    // The reply's language; switching recomposes the reply from the investigation in that
    // language (undoable in the editor).
    QString language() const;
    void setLanguage(const QString &language);

    // Why the reply (isPublic) or the note cannot be sent now; '' when it can.
    QString sendBlockedReason(bool isPublic) const;

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
    QComboBox *languageBox() const { return m_language; }
    NeedsHumanBanner *needsHumanBanner() const { return m_needsHuman; }

signals:
    void replySent(const QString &ticketId, const QString &remoteId);
    void draftSaved(int revision);
    void feedbackSaved();

private:
    void updatePreview();
    void updateButtons();
    void setStatus(const QString &text, bool error = false);
    void loadDrafts();
    QString textToSend(bool isPublic) const;
    void onSent(const SentReply &record, bool alreadyPosted);

    std::shared_ptr<Store> m_store;
    SendController *m_sender = nullptr;
    QString m_investigationId;
    QString m_ticketId;
    QString m_original;
    Investigation m_investigation; // ticket, causes and evidence of the draft ('' ticket: none)
    QString m_workspace;
    QString m_sentReply; // the texts last sent, to keep Send off until they change
    QString m_sentNote;
    bool m_sent = false;
    bool m_loading = false;
    QTimer m_previewTimer;
    QTimer m_autosaveTimer;
    QPointer<SendConfirmDialog> m_confirm;

    NeedsHumanBanner *m_needsHuman = nullptr;
    QTabWidget *m_texts = nullptr;
    QSplitter *m_splitter = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    SafeTextBrowser *m_preview = nullptr;
    QPlainTextEdit *m_note = nullptr;
    SafeTextBrowser *m_notePreview = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_blocked = nullptr;
    QComboBox *m_history = nullptr;
    QPushButton *m_sendReply = nullptr;
    QPushButton *m_sendNote = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_feedbackRow = nullptr;
    QLineEdit *m_feedbackNote = nullptr;
};

} // namespace Casefile
