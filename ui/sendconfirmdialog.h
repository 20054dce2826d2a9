#pragma once

#include <QDialog>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
QT_END_NAMESPACE

namespace Casefile {

class SafeTextBrowser;

// What a confirmation names: where the text goes and what it is.
struct SendSummary
{
    QString ticketId;
    QString subject;      // the ticket's subject (customer text: shown as plain text)
    QString organisation; // the customer's organisation, '' when unknown
    QString workspace;    // the workspace the helpdesk connection belongs to
    QString markdown;     // exactly what is sent
    bool isPublic = true;
    QStringList statuses; // statuses the helpdesk can set with the reply ('' = unchanged)
};

// "Send this?": shows the reply rendered exactly as the helpdesk will show it (the same safe
// renderer as the preview), the ticket's number and subject, the customer's organisation,
// the workspace, whether the customer sees it, and the ticket status to set with it.
class SendConfirmDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendConfirmDialog)

public:
    explicit SendConfirmDialog(const SendSummary &summary, QWidget *parent = nullptr);

    QString ticketId() const { return m_summary.ticketId; }
    QString bodyText() const { return m_summary.markdown; } // the text that is sent
    QString renderedText() const;                           // what the reader will see
    bool isPublic() const { return m_summary.isPublic; }
    QString summaryText() const;
    QString detailsText() const; // workspace, organisation, subject

    // The status to set with the reply ('' = leave it).
    QString status() const;
    void setStatus(const QString &status);

private:
    SendSummary m_summary;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_details = nullptr;
    SafeTextBrowser *m_body = nullptr;
    QComboBox *m_status = nullptr;
};

} // namespace Casefile
