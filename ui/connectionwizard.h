#pragma once

#include "core/profile.h"

#include <QMap>
#include <QWizard>

QT_BEGIN_NAMESPACE
class QCheckBox;
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

    // For tests and scripted setups: as if chosen or typed.
    void setWorkspace(const QString &name, const QString &path);
    void setSystemChosen(const QString &system, bool chosen);
    void setValue(const QString &system, const QString &field, const QString &value);
    void setMapping(const QString &logicalField, const QString &column);

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
    QPlainTextEdit *m_summary = nullptr;
};

} // namespace Casefile
