#pragma once

#include "core/profile.h"
#include "ui/workbenchservices.h"

#include <QMap>
#include <QWizard>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
QT_END_NAMESPACE

namespace Casefile {

// A supported system: its key in a profile, its vendor type and what the wizard asks.
struct SystemKind
{
    QString system;       // "helpdesk"
    QString type;         // "zendesk"
    QString title;        // "Helpdesk (Zendesk)"
    QString urlExample;   // "https://acme.zendesk.com"
    bool account = false; // the vendor needs a user name / e-mail with the token
    bool secret = true;
};
const QList<SystemKind> &supportedSystems();

// Connects a new workspace: which systems, then per system its URL, account, secret and
// options (GitHub repository, ClickHouse database, tables and column mapping with the query
// it leads to, status pages, LLM model, Stripe meter). Finishing gives the profile and the
// typed secrets; the caller tests each connection and saves (secrets to the OS keychain).
// Nothing here touches the network or the disk.
class ConnectionWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionWizard)

public:
    explicit ConnectionWizard(QWidget *parent = nullptr);

    WorkspaceProfile profile() const;       // secrets as keychain references
    QMap<QString, QString> secrets() const; // system -> typed secret
    QString previewQuery() const;           // the ClickHouse query the mapping leads to

    // Runs the mapping's preview (five rows) on a worker with what is typed now; the rows or
    // a clear error replace the previous ones, then previewFinished(). Without a function
    // the button stays off.
    void setPreviewFunction(PreviewFunction preview);
    void runPreview();
    QString previewStatus() const; // "5 rows from gateway_requests" or the error
    QTableWidget *previewRows() const { return m_previewRows; } // nullptr without ClickHouse

    // For tests and scripted setups: as if chosen or typed.
    void setWorkspace(const QString &name, const QString &path);
    void setSystemChosen(const QString &system, bool chosen);
    void setValue(const QString &system, const QString &field, const QString &value);
    void setMapping(const QString &logicalField, const QString &column);

signals:
    void previewFinished(bool ok);

private:
    struct Form
    {
        QLineEdit *url = nullptr;
        QLineEdit *account = nullptr;
        QLineEdit *secret = nullptr;
        QMap<QString, QLineEdit *> options;
    };
    QWizardPage *makeSystemsPage();
    QWizardPage *makeDetailsPage();
    QWizardPage *makeSummaryPage();
    void buildForms();
    QWidget *makeForm(const SystemKind &kind);
    void updatePreview();
    QStringList chosenSystems() const;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_path = nullptr;
    QMap<QString, QCheckBox *> m_choices;
    QTabWidget *m_tabs = nullptr;
    QMap<QString, Form> m_forms;
    QTableWidget *m_mapping = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QPushButton *m_runPreview = nullptr;
    QLabel *m_previewStatus = nullptr;
    QTableWidget *m_previewRows = nullptr;
    PreviewFunction m_previewFunction;
    quint64 m_previewGeneration = 0;
    QPlainTextEdit *m_summary = nullptr;
};

} // namespace Casefile
