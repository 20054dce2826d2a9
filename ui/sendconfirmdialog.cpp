#include "ui/sendconfirmdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Casefile {

SendConfirmDialog::SendConfirmDialog(const QString &ticketId, const QString &body, bool isPublic,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ticketId(ticketId)
    , m_isPublic(isPublic)
{
    setWindowTitle(isPublic ? tr("Send public reply?") : tr("Add internal note?"));
    setAccessibleName(windowTitle());
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(summaryText());
    m_body = new QPlainTextEdit(this);
    m_body->setReadOnly(true);
    m_body->setTabChangesFocus(true); // Tab reaches the buttons: no keyboard trap
    m_body->setPlainText(body);       // exactly what goes out, Markdown source included
    m_body->setAccessibleName(tr("Text to send"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *send = buttons->addButton(isPublic ? tr("&Send reply") : tr("&Add note"),
                                           QDialogButtonBox::AcceptRole);
    send->setAccessibleName(isPublic ? tr("Send reply") : tr("Add note"));
    // Cancel is the default: Enter must not send by accident.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_body, 1);
    layout->addWidget(buttons);
    resize(640, 480);
}

QString SendConfirmDialog::bodyText() const
{
    return m_body->toPlainText();
}

QString SendConfirmDialog::summaryText() const
{
    return m_isPublic
               ? tr("This public reply will be sent to ticket #%1; the customer will see it:")
                     .arg(m_ticketId)
               : tr("This internal note will be added to ticket #%1; only agents see it:")
                     .arg(m_ticketId);
}

} // namespace Casefile
