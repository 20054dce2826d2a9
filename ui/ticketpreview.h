#pragma once

#include "core/domain.h"

#include <QDateTime>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
QT_END_NAMESPACE

namespace Casefile {

// The selected ticket under the queue: subject, requester, organisation, tags, age and the
// customer's words. Everything in it is customer text: shown as plain text only.
class TicketPreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketPreview)

public:
    explicit TicketPreview(QWidget *parent = nullptr);

    // An invalid ticket clears it. `investigatedAs`: the playbook the ticket's last investigation
    // ran, shown beside the suggestion from the text when the organisation's logs led elsewhere.
    void setTicket(const Ticket &ticket, const QDateTime &now, const QString &investigatedAs = {});
    const Ticket &ticket() const { return m_ticket; }

    QString headerText() const;
    QString bodyText() const;

private:
    Ticket m_ticket;
    QLabel *m_subject = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_tags = nullptr;
    QPlainTextEdit *m_body = nullptr;
};

// "3 min", "5 h", "2 d" from a number of seconds (negative counts as zero).
QString humanAge(qint64 seconds);

} // namespace Casefile
