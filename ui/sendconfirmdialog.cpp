#include "ui/sendconfirmdialog.h"

#include "ui/safetextbrowser.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

SendConfirmDialog::SendConfirmDialog(const SendSummary &summary, QWidget *parent)
    : QDialog(parent)
    , m_summary(summary)
{
    setWindowTitle(summary.isPublic ? tr("Send public reply?") : tr("Add internal note?"));
    setAccessibleName(windowTitle());
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setTextFormat(Qt::PlainText);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setText(summaryText());
    m_details = new QLabel(this);
    m_details->setTextFormat(Qt::PlainText); // the subject is customer text
    m_details->setWordWrap(true);
    m_details->setText(detailsText());
    m_details->setAccessibleName(tr("Where it goes"));
    m_body = new SafeTextBrowser(this);
    m_body->setMarkdown(summary.markdown); // rendered as the helpdesk will show it
    m_body->setTabChangesFocus(true);      // Tab reaches the buttons: no keyboard trap
    m_body->setAccessibleName(tr("Text to send, as the customer will see it"));
    auto *form = new QFormLayout;
    if (!summary.statuses.isEmpty()) {
        m_status = new QComboBox(this);
        m_status->setAccessibleName(tr("Ticket status after sending"));
        m_status->addItem(tr("Leave as it is"), QString());
        for (const QString &s : summary.statuses)
            m_status->addItem(s.at(0).toUpper() + s.mid(1), s);
        form->addRow(tr("Then set the ticket to:"), m_status);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *send = buttons->addButton(summary.isPublic ? tr("&Send reply") : tr("&Add note"),
                                           QDialogButtonBox::AcceptRole);
    send->setAccessibleName(summary.isPublic ? tr("Send reply") : tr("Add note"));
    // Cancel is the default: Enter must not send by accident.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_details);
    layout->addWidget(m_body, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(680, 560);
}

QString SendConfirmDialog::renderedText() const
{
    return m_body->toPlainText();
}

QString SendConfirmDialog::status() const
{
    return m_status ? m_status->currentData().toString() : QString();
}

void SendConfirmDialog::setStatus(const QString &status)
{
    if (!m_status)
        return;
    const int index = m_status->findData(status);
    if (index >= 0)
        m_status->setCurrentIndex(index);
}

QString SendConfirmDialog::summaryText() const
{
    return m_summary.isPublic
               ? tr("This public reply will be sent to ticket #%1; the customer will see it:")
                     .arg(m_summary.ticketId)
               : tr("This internal note will be added to ticket #%1; only agents see it:")
                     .arg(m_summary.ticketId);
}

QString SendConfirmDialog::detailsText() const
{
    QStringList lines;
    lines << tr("Ticket: #%1 %2").arg(m_summary.ticketId, m_summary.subject.left(200));
    lines << tr("Customer: %1")
                 .arg(m_summary.organisation.isEmpty() ? tr("(organisation unknown)")
                                                       : m_summary.organisation);
    lines << tr("Workspace: %1")
                 .arg(m_summary.workspace.isEmpty() ? tr("(unnamed)") : m_summary.workspace);
    return lines.join(u'\n');
}

} // namespace Casefile
