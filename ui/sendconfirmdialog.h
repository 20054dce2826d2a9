#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
QT_END_NAMESPACE

namespace Casefile {

// "Send this?": shows exactly the text that will be sent (plain, not rendered), the ticket
// and whether it is a public reply the customer sees or an internal note.
class SendConfirmDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendConfirmDialog)

public:
    SendConfirmDialog(const QString &ticketId, const QString &body, bool isPublic,
                      QWidget *parent = nullptr);

    QString ticketId() const { return m_ticketId; }
    QString bodyText() const;
    bool isPublic() const { return m_isPublic; }
    QString summaryText() const;

private:
    QString m_ticketId;
    bool m_isPublic;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_body = nullptr;
};

} // namespace Casefile
