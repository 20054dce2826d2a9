#include "ui/diagnosiseditor.h"

#include "core/async.h"
#include "core/connector.h"
#include "core/reply/replycomposer.h"
#include "ui/constants.h"
#include "ui/needshumanbanner.h"
#include "ui/safetextbrowser.h"
#include "ui/sendconfirmdialog.h"
#include "ui/sendcontroller.h"
#include "ui/textdiff.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

DiagnosisEditor::DiagnosisEditor(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Diagnosis editor"));
    m_sender = new SendController(this);

    m_editor = new QPlainTextEdit(this);
    m_editor->setAccessibleName(tr("Reply draft (Markdown)"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(
        tr("The diagnosis draft appears here when the investigation finishes."));
    m_preview = new SafeTextBrowser(this);
    m_preview->setAccessibleName(tr("Reply preview"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(m_preview);
    m_splitter->restoreState(
        QSettings().value(QLatin1StringView(SettingsKeys::EditorSplitter)).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        QSettings().setValue(QLatin1StringView(SettingsKeys::EditorSplitter),
                             m_splitter->saveState());
    });
    m_note = new QPlainTextEdit(this);
    m_note->setAccessibleName(tr("Internal note (Markdown)"));
    m_note->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_note->setPlaceholderText(tr("What colleagues need and the customer must not read: other "
                                  "customers, internal files and issue ids, on-call incidents."));
    m_notePreview = new SafeTextBrowser(this);
    m_notePreview->setAccessibleName(tr("Internal note preview"));
    auto *noteSplitter = new QSplitter(Qt::Horizontal, this);
    noteSplitter->addWidget(m_note);
    noteSplitter->addWidget(m_notePreview);
    m_texts = new QTabWidget(this);
    m_texts->setDocumentMode(true); // no frame to redraw with every repaint of the tab
    m_texts->setAccessibleName(tr("Reply and internal note"));
    m_texts->addTab(m_splitter, tr("Customer reply"));
    m_texts->addTab(noteSplitter, tr("Internal note"));

    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Reply language"));
    m_language->setToolTip(tr("The reply's language, from the ticket's; choosing another "
                              "recomposes the reply in it"));
    const QList<std::pair<QString, QString>> languages{
        {u"en"_s, tr("English")}, {u"es"_s, tr("Spanish")}, {u"pt"_s, tr("Portuguese")},
        {u"de"_s, tr("German")},  {u"fr"_s, tr("French")},  {u"ja"_s, tr("Japanese")}};
    for (const auto &[code, name] : languages)
        m_language->addItem(u"%1 (%2)"_s.arg(name, code), code);
    connect(m_language, &QComboBox::activated, this,
            [this](int index) { setLanguage(m_language->itemData(index).toString()); });
    m_blocked = new QLabel(this);
    m_blocked->setTextFormat(Qt::PlainText);
    m_blocked->setWordWrap(true);
    m_blocked->setAccessibleName(tr("Why Send is disabled"));

    m_history = new QComboBox(this);
    m_history->setAccessibleName(tr("Draft history"));
    m_history->setToolTip(tr("Saved revisions of this draft"));
    connect(m_history, &QComboBox::activated, this, [this](int index) {
        const QString text = m_history->itemData(index).toString();
        if (!text.isNull() && text != markdown()) {
            // Through the cursor so the switch can be undone.
            QTextCursor cursor(m_editor->document());
            cursor.select(QTextCursor::Document);
            cursor.insertText(text);
        }
    });
    m_sendReply = new QPushButton(tr("Send as public &reply…"), this);
    m_sendReply->setAccessibleName(tr("Send as public reply"));
    m_sendReply->setToolTip(tr("Send the draft to the customer (Ctrl+Shift+S)"));
    m_sendNote = new QPushButton(tr("Add as internal &note…"), this);
    m_sendNote->setAccessibleName(tr("Add as internal note"));
    connect(m_sendReply, &QPushButton::clicked, this, [this] { requestSend(true); });
    connect(m_sendNote, &QPushButton::clicked, this, [this] { requestSend(false); });
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Send status"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("History:"), this));
    top->addWidget(m_history, 1);
    top->addWidget(new QLabel(tr("Language:"), this));
    top->addWidget(m_language);
    top->addWidget(m_sendNote);
    top->addWidget(m_sendReply);

    // Feedback on a sent diagnosis.
    m_feedbackRow = new QWidget(this);
    auto *fb = new QHBoxLayout(m_feedbackRow);
    fb->setContentsMargins(0, 0, 0, 0);
    fb->addWidget(new QLabel(tr("Was the diagnosis right?"), m_feedbackRow));
    m_feedbackNote = new QLineEdit(m_feedbackRow);
    m_feedbackNote->setPlaceholderText(tr("Optional note"));
    m_feedbackNote->setAccessibleName(tr("Feedback note"));
    for (const auto &[verdict, label] :
         {std::pair{u"right"_s, tr("Right")}, std::pair{u"partly"_s, tr("Partly")},
          std::pair{u"wrong"_s, tr("Wrong")}}) {
        auto *button = new QPushButton(label, m_feedbackRow);
        button->setAccessibleName(tr("Diagnosis was %1").arg(label.toLower()));
        connect(button, &QPushButton::clicked, this,
                [this, v = verdict] { giveFeedback(v, m_feedbackNote->text()); });
        fb->addWidget(button);
    }
    fb->addWidget(m_feedbackNote, 1);
    m_feedbackRow->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    // The engineer is told before editing when the diagnosis needs checking; Send stays on.
    m_needsHuman = new NeedsHumanBanner(this);
    layout->addWidget(m_needsHuman);
    layout->addWidget(m_texts, 1);
    layout->addWidget(m_blocked);
    layout->addWidget(m_status);
    layout->addWidget(m_feedbackRow);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(250);
    connect(&m_previewTimer, &QTimer::timeout, this, &DiagnosisEditor::updatePreview);
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(2000);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &DiagnosisEditor::saveDraftNow);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_previewTimer.start();
        if (!m_loading)
            m_autosaveTimer.start();
        updateButtons();
    });
    connect(m_note, &QPlainTextEdit::textChanged, this, [this] {
        m_previewTimer.start();
        updateButtons();
    });

    connect(m_sender, &SendController::inFlightChanged, this, [this](bool inFlight) {
        if (inFlight)
            setStatus(tr("Sending…"));
        updateButtons();
    });
    connect(m_sender, &SendController::sent, this, &DiagnosisEditor::onSent);
    connect(m_sender, &SendController::failed, this, [this](const QString &message) {
        // The draft stays as it is; sending again reuses the same idempotency key.
        setStatus(tr("Not sent: %1 Your draft is kept; you can try again.").arg(message), true);
        updateButtons();
    });
    updateButtons();
}

void DiagnosisEditor::setStore(std::shared_ptr<Store> store)
{
    m_store = store;
    m_sender->setStore(std::move(store));
    updateButtons();
}

void DiagnosisEditor::setHelpdesk(std::shared_ptr<HelpdeskConnector> helpdesk)
{
    m_sender->setHelpdesk(std::move(helpdesk));
    updateButtons();
}

void DiagnosisEditor::setInvestigation(const QString &investigationId, const QString &ticketId,
                                       const QString &original)
{
    m_investigationId = investigationId;
    m_ticketId = ticketId;
    m_original = original;
    m_sent = false;
    m_sentReply.clear();
    m_sentNote.clear();
    m_feedbackRow->setVisible(false);
    setMarkdown(original);
    setStatus({});
    m_history->clear();
    loadDrafts();
}

void DiagnosisEditor::setInvestigation(const QString &investigationId,
                                       const Investigation &investigation)
{
    m_investigation = investigation;
    m_sentReply.clear();
    m_sentNote.clear();
    const int index = m_language->findData(
        investigation.replyLanguage.isEmpty() ? u"en"_s : investigation.replyLanguage);
    m_language->setCurrentIndex(std::max(0, index));
    m_note->setPlainText(investigation.internalNoteMarkdown);
    m_needsHuman->setInvestigation(investigation);
    setInvestigation(investigationId, investigation.ticket.id, investigation.diagnosisMarkdown);
}

void DiagnosisEditor::setWorkspace(const QString &workspace)
{
    m_workspace = workspace;
    updateButtons();
}

QString DiagnosisEditor::noteMarkdown() const
{
    return m_note->toPlainText();
}

void DiagnosisEditor::setNoteMarkdown(const QString &markdown)
{
    m_note->setPlainText(markdown);
    updatePreview();
}

QString DiagnosisEditor::previewText() const
{
    return m_preview->toPlainText();
}

QString DiagnosisEditor::language() const
{
    return m_language->currentData().toString();
}

void DiagnosisEditor::setLanguage(const QString &language)
{
    const int index = m_language->findData(language);
    if (index < 0)
        return;
    m_language->setCurrentIndex(index);
    if (!m_investigation.ticket.isValid())
        return; // nothing to recompose from (a draft without its investigation)
    Reply::ComposeOptions options;
    options.language = language;
    const QString text = Reply::compose(m_investigation, options).reply;
    if (text == markdown())
        return;
    // Through the cursor so the switch can be undone.
    QTextCursor cursor(m_editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    m_investigation.replyLanguage = language;
}

void DiagnosisEditor::setInvestigationId(const QString &investigationId)
{
    m_investigationId = investigationId;
    loadDrafts();
}

void DiagnosisEditor::loadDrafts()
{
    if (!m_store || m_investigationId.isEmpty())
        return;
    struct Saved
    {
        Result<QList<DiagnosisDraft>> drafts;
        std::optional<SentReply> interrupted; // a send still pending from an earlier session
    };
    const bool sending = m_sender->isInFlight();
    runAsync(
        this,
        [store = m_store, id = m_investigationId, sending] {
            Saved saved{store->drafts(id), std::nullopt};
            if (saved.drafts) // the store lists newest first; the history reads oldest first
                std::reverse(saved.drafts->begin(), saved.drafts->end());
            if (const auto sends = store->sends(id); sends && !sending) {
                for (const SentReply &s : *sends) {
                    if (s.state == SentReply::State::Pending)
                        saved.interrupted = s; // the latest one wins
                }
            }
            return saved;
        },
        [this, id = m_investigationId](Saved saved) {
            if (!saved.drafts || id != m_investigationId)
                return;
            const QList<DiagnosisDraft> &drafts = *saved.drafts;
            m_history->clear();
            m_history->addItem(tr("Composed diagnosis"), m_original);
            for (const DiagnosisDraft &d : drafts) {
                m_history->addItem(tr("Revision %1 — %2 UTC")
                                       .arg(d.revision)
                                       .arg(d.savedAt.toUTC().toString(u"HH:mm:ss"_s)),
                                   d.markdown);
            }
            m_history->setCurrentIndex(m_history->count() - 1);
            const bool untouched = markdown() == m_original;
            // Resume the latest revision when the editor still shows the composed text.
            if (!drafts.isEmpty() && untouched)
                setMarkdown(drafts.last().markdown);
            // A send cut short (crash, kill, power loss) has an unknown outcome. Its exact text
            // goes back into the editor: sending it again reuses its idempotency key, and the
            // helpdesk connector looks for the comment on the ticket before posting it.
            if (saved.interrupted && untouched && !m_sender->isInFlight()) {
                setMarkdown(saved.interrupted->body);
                setStatus(tr("This reply was being sent to ticket #%1 when Casefile stopped; "
                             "whether it arrived is unknown. Send it again to finish: Casefile "
                             "checks the ticket first and never posts it twice.")
                              .arg(saved.interrupted->ticketId),
                          true);
            }
        });
}

QString DiagnosisEditor::markdown() const
{
    return m_editor->toPlainText();
}

void DiagnosisEditor::setMarkdown(const QString &markdown)
{
    m_loading = true;
    m_editor->setPlainText(markdown);
    m_loading = false;
    updatePreview();
}

void DiagnosisEditor::updatePreview()
{
    m_previewTimer.stop();
    m_preview->setMarkdown(markdown());
    m_notePreview->setMarkdown(noteMarkdown());
}

bool DiagnosisEditor::isSending() const
{
    return m_sender->isInFlight();
}

QString DiagnosisEditor::textToSend(bool isPublic) const
{
    // The note goes as the internal note; without one, the draft itself can be filed.
    return isPublic || noteMarkdown().trimmed().isEmpty() ? markdown() : noteMarkdown();
}

QString DiagnosisEditor::sendBlockedReason(bool isPublic) const
{
    if (m_ticketId.isEmpty())
        return tr("No ticket to send to.");
    if (m_sender->isInFlight())
        return tr("Sending…");
    const QString text = textToSend(isPublic);
    if (text.trimmed().isEmpty())
        return tr("The text is empty.");
    if (!m_investigation.workspace.isEmpty() && !m_workspace.isEmpty() &&
        m_investigation.workspace != m_workspace) {
        return tr("This investigation was made in the workspace \u201c%1\u201d; open that "
                  "workspace to send it (this one is \u201c%2\u201d).")
            .arg(m_investigation.workspace, m_workspace);
    }
    const QStringList left = Reply::placeholders(text);
    if (!left.isEmpty())
        return tr("Fill in or delete %1 before sending.").arg(left.join(u", "_s));
    if (text == (isPublic ? m_sentReply : m_sentNote))
        return tr("This text was sent; change it to send again.");
    return {};
}

void DiagnosisEditor::updateButtons()
{
    const bool idle = !m_confirm;
    const QString replyBlocked = sendBlockedReason(true);
    const QString noteBlocked = sendBlockedReason(false);
    m_sendReply->setEnabled(idle && replyBlocked.isEmpty());
    m_sendNote->setEnabled(idle && noteBlocked.isEmpty());
    m_sendReply->setToolTip(replyBlocked.isEmpty()
                                ? tr("Send the reply to the customer (Ctrl+Shift+S)")
                                : replyBlocked);
    m_sendNote->setToolTip(noteBlocked.isEmpty() ? tr("Add the internal note to the ticket")
                                                 : noteBlocked);
    const bool quiet = m_ticketId.isEmpty() || m_sender->isInFlight();
    m_blocked->setText(quiet || replyBlocked.isEmpty() ? QString()
                                                       : tr("Send is off: %1").arg(replyBlocked));
    m_blocked->setVisible(!m_blocked->text().isEmpty());
}

void DiagnosisEditor::onSent(const SentReply &record, bool alreadyPosted)
{
    m_sent = true;
    const QString at = QDateTime::currentDateTimeUtc().toString(u"HH:mm"_s);
    if (record.isPublic || textToSend(false) == markdown())
        m_sentReply = record.body;
    if (!record.isPublic)
        m_sentNote = record.body;
    if (alreadyPosted) {
        setStatus(tr("Ticket #%1 already had this text; nothing was sent again (checked at %2 "
                     "UTC).")
                      .arg(record.ticketId, at));
    } else {
        setStatus(
            record.isPublic
                ? tr("Reply sent to ticket #%1 at %2 UTC.").arg(record.ticketId, at)
                : tr("Internal note added to ticket #%1 at %2 UTC.").arg(record.ticketId, at));
    }
    m_feedbackRow->setVisible(true);
    updateButtons();
    emit replySent(record.ticketId, record.remoteId);
}

void DiagnosisEditor::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_status->setPalette(p);
}

QString DiagnosisEditor::statusText() const
{
    return m_status->text();
}

void DiagnosisEditor::requestSend(bool isPublic)
{
    if (m_confirm || !sendBlockedReason(isPublic).isEmpty())
        return;
    SendSummary summary;
    summary.ticketId = m_ticketId;
    summary.subject = m_investigation.ticket.subject;
    summary.organisation = m_investigation.ticket.orgName.isEmpty()
                               ? m_investigation.ticket.orgId
                               : m_investigation.ticket.orgName;
    summary.workspace = m_workspace;
    summary.markdown = textToSend(isPublic);
    summary.isPublic = isPublic;
    summary.statuses = m_sender->statuses();
    const QString body = summary.markdown;
    m_confirm = new SendConfirmDialog(summary, this);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    m_confirm->setWindowModality(Qt::WindowModal);
    connect(m_confirm, &QDialog::accepted, this, [this, body, isPublic] {
        m_autosaveTimer.stop();
        saveDraftNow();
        // The helpdesk gets the HTML the preview showed, from the same renderer.
        const SendController::Extras extras{renderSafeHtml(body),
                                            m_confirm ? m_confirm->status() : QString()};
        m_sender->send(m_investigationId, m_ticketId, body, isPublic, extras);
    });
    connect(m_confirm, &QDialog::finished, this, [this] {
        m_confirm.clear(); // deleted later (WA_DeleteOnClose); no longer "the" confirmation
        updateButtons();
    });
    updateButtons();
    m_confirm->open();
}

void DiagnosisEditor::saveDraftNow()
{
    m_autosaveTimer.stop();
    if (!m_store || m_investigationId.isEmpty())
        return;
    const QString text = markdown();
    runAsync(
        this,
        [store = m_store, id = m_investigationId, ticket = m_ticketId, text] {
            return store->saveDraft(id, ticket, text);
        },
        [this](Result<DiagnosisDraft> draft) {
            if (!draft) {
                setStatus(tr("Draft not saved: %1").arg(draft.error().message), true);
                return;
            }
            m_history->addItem(tr("Revision %1 — %2 UTC")
                                   .arg(draft->revision)
                                   .arg(draft->savedAt.toUTC().toString(u"HH:mm:ss"_s)),
                               draft->markdown);
            emit draftSaved(draft->revision);
        });
}

double DiagnosisEditor::editedShareSoFar() const
{
    return editedShare(m_original, markdown());
}

void DiagnosisEditor::giveFeedback(const QString &verdict, const QString &note)
{
    if (!m_store || m_investigationId.isEmpty())
        return;
    Feedback feedback;
    feedback.investigationId = m_investigationId;
    feedback.verdict = verdict;
    feedback.note = note;
    feedback.at = QDateTime::currentDateTimeUtc();
    const QString original = m_original;
    const QString edited = markdown();
    runAsync(
        this,
        [store = m_store, feedback, original, edited]() mutable {
            feedback.editedShare = editedShare(original, edited); // cheap, but not on the GUI
            return store->saveFeedback(feedback);
        },
        [this](Result<void> saved) {
            if (!saved) {
                setStatus(tr("Feedback not saved: %1").arg(saved.error().message), true);
                return;
            }
            setStatus(tr("Thanks — feedback saved."));
            m_feedbackRow->setVisible(false);
            emit feedbackSaved();
        });
}

} // namespace Casefile
