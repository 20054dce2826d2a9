#include "ui/ticketpreview.h"

#include "ui/ticketqueuemodel.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

QString humanAge(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 3600)
        return TicketPreview::tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return TicketPreview::tr("%n h", nullptr, int(seconds / 3600));
    return TicketPreview::tr("%n d", nullptr, int(seconds / 86400));
}

TicketPreview::TicketPreview(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Ticket preview"));
    const auto plainLabel = [this] {
        auto *label = new QLabel(this);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_subject = plainLabel();
    QFont bold = m_subject->font();
    bold.setBold(true);
    m_subject->setFont(bold);
    m_meta = plainLabel();
    m_tags = plainLabel();
    m_body = new QPlainTextEdit(this);
    m_body->setReadOnly(true);
    m_body->setAccessibleName(tr("Ticket body"));
    m_body->setTabChangesFocus(true);
    m_body->setPlaceholderText(tr("Select a ticket to read it here."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_subject);
    layout->addWidget(m_meta);
    layout->addWidget(m_tags);
    layout->addWidget(m_body, 1);
    setTicket({}, {});
}

void TicketPreview::setTicket(const Ticket &ticket, const QDateTime &now,
                              const QString &investigatedAs)
{
    m_ticket = ticket;
    if (!ticket.isValid()) {
        m_subject->clear();
        m_meta->clear();
        m_tags->clear();
        m_tags->hide();
        m_body->clear();
        return;
    }
    m_subject->setText(u"#"_s + ticket.id + u"  "_s + ticket.subject);
    QStringList meta;
    QString requester = ticket.requesterName;
    if (!ticket.requesterEmail.isEmpty())
        requester +=
            requester.isEmpty() ? ticket.requesterEmail : u" <"_s + ticket.requesterEmail + u'>';
    if (!requester.isEmpty())
        meta << tr("From %1").arg(requester);
    const QString org = ticket.orgName.isEmpty() ? ticket.orgId : ticket.orgName;
    if (!org.isEmpty())
        meta << org;
    if (!ticket.status.isEmpty())
        meta << ticket.status;
    if (!ticket.priority.isEmpty())
        meta << tr("%1 priority").arg(ticket.priority);
    if (ticket.createdAt.isValid() && now.isValid())
        meta << tr("opened %1 ago").arg(humanAge(ticket.createdAt.secsTo(now)));
    const QString playbook = TicketQueueModel::suggestPlaybook(ticket);
    if (!playbook.isEmpty() && !investigatedAs.isEmpty() && investigatedAs != playbook)
        meta << tr("suggested playbook: %1 (investigated as %2)").arg(playbook, investigatedAs);
    else if (!playbook.isEmpty())
        meta << tr("suggested playbook: %1").arg(playbook);
    else if (!investigatedAs.isEmpty())
        meta << tr("investigated as %1").arg(investigatedAs);
    m_meta->setText(meta.join(u" · "_s));
    m_tags->setText(tr("Tags: %1").arg(ticket.tags.join(u", "_s)));
    m_tags->setVisible(!ticket.tags.isEmpty());
    m_body->setPlainText(ticket.description);
}

QString TicketPreview::headerText() const
{
    return m_subject->text() + u'\n' + m_meta->text() + u'\n' + m_tags->text();
}

QString TicketPreview::bodyText() const
{
    return m_body->toPlainText();
}

} // namespace Casefile
