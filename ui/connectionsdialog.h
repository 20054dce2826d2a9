#pragma once

#include "core/profile.h"
#include "ui/workbenchservices.h"

#include <QDialog>
#include <QMap>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Casefile {

// The connections of a workspace: per system its URL, account and secret, and a "Test
// connection" button that shows the connector's own message. Secrets go to the OS keychain
// only; the profile keeps {"keychain": key}. Sandbox profiles show their inline throwaway
// tokens read-only.
class ConnectionsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsDialog)

public:
    ConnectionsDialog(const WorkspaceProfile &profile, const WorkbenchServices &services,
                      QWidget *parent = nullptr);

    WorkspaceProfile profile() const; // as edited (secrets replaced by keychain references)
    void testConnection(const QString &system);
    QString testMessage(const QString &system) const;
    void setSecret(const QString &system, const QString &secret); // as if typed
    void setUrl(const QString &system, const QString &url);

    // Stores typed secrets in the keychain, then writes the profile file; `saved` or
    // `saveFailed` follows.
    void save();

signals:
    void tested(const QString &system, bool ok, const QString &message);
    void saved(const Casefile::WorkspaceProfile &profile);
    void saveFailed(const QString &message);

private:
    struct Row
    {
        QLineEdit *url = nullptr;
        QLineEdit *account = nullptr;
        QLineEdit *secret = nullptr;
        QPushButton *test = nullptr;
        QLabel *result = nullptr;
    };
    WorkspaceProfile edited(bool withTypedSecretsInKeychain) const;
    void storeSecrets(std::function<void(Result<void>)> done);
    void writeProfile(const WorkspaceProfile &profile);

    WorkspaceProfile m_profile;
    WorkbenchServices m_services;
    QMap<QString, Row> m_rows;
};

} // namespace Casefile
