#include "ui/connectionsdialog.h"

#include "core/async.h"
#include "secrets/credentialstore.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

ConnectionsDialog::ConnectionsDialog(const WorkspaceProfile &profile,
                                     const WorkbenchServices &services, QWidget *parent)
    : QDialog(parent)
    , m_profile(profile)
    , m_services(services)
{
    setWindowTitle(tr("Connections — %1").arg(profile.name));
    setAccessibleName(tr("Connections"));
    auto *content = new QWidget;
    auto *list = new QVBoxLayout(content);
    for (auto it = m_profile.connections.cbegin(); it != m_profile.connections.cend(); ++it) {
        const QString system = it.key();
        const ConnectionSettings &c = it.value();
        auto *box = new QGroupBox(u"%1 (%2)"_s.arg(system, c.type), content);
        auto *form = new QFormLayout(box);
        Row row;
        row.url = new QLineEdit(c.url, box);
        row.url->setAccessibleName(tr("%1 URL").arg(system));
        row.account = new QLineEdit(c.account, box);
        row.account->setAccessibleName(tr("%1 account").arg(system));
        row.secret = new QLineEdit(box);
        row.secret->setAccessibleName(tr("%1 secret").arg(system));
        switch (c.secret.where) {
        case SecretRef::Where::Inline:
            // Sandbox tokens are throwaway and already in the file: shown, never editable.
            row.secret->setText(c.secret.value);
            row.secret->setReadOnly(true);
            row.secret->setToolTip(tr("Sandbox token from the profile (read-only)"));
            break;
        case SecretRef::Where::Keychain:
            row.secret->setEchoMode(QLineEdit::Password);
            row.secret->setPlaceholderText(tr("Stored in the keychain; type to replace"));
            break;
        case SecretRef::Where::Environment:
            row.secret->setEchoMode(QLineEdit::Password);
            row.secret->setPlaceholderText(
                tr("From $%1; type to store in the keychain instead").arg(c.secret.name));
            break;
        case SecretRef::Where::None:
            row.secret->setEchoMode(QLineEdit::Password);
            row.secret->setPlaceholderText(tr("No secret"));
            break;
        }
        if (m_profile.sandbox) {
            row.url->setReadOnly(true);
            row.account->setReadOnly(true);
        }
        row.test = new QPushButton(tr("Test connection"), box);
        row.test->setAccessibleName(tr("Test %1 connection").arg(system));
        row.result = new QLabel(box);
        row.result->setTextFormat(Qt::PlainText); // the connector's message, verbatim
        row.result->setWordWrap(true);
        row.result->setAccessibleName(tr("%1 test result").arg(system));
        connect(row.test, &QPushButton::clicked, this, [this, system] { testConnection(system); });
        form->addRow(tr("URL:"), row.url);
        form->addRow(tr("Account:"), row.account);
        form->addRow(tr("Secret:"), row.secret);
        auto *testRow = new QHBoxLayout;
        testRow->addWidget(row.test);
        testRow->addWidget(row.result, 1);
        form->addRow(testRow);
        list->addWidget(box);
        m_rows.insert(system, row);
    }
    list->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &ConnectionsDialog::saved, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    if (m_profile.sandbox) {
        auto *note = new QLabel(
            tr("Sandbox workspace: its tokens are throwaway values from the profile."), this);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(720, 640);
}

WorkspaceProfile ConnectionsDialog::edited(bool withTypedSecretsInKeychain) const
{
    WorkspaceProfile p = m_profile;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        ConnectionSettings &c = p.connections[it.key()];
        c.url = it->url->text().trimmed();
        c.account = it->account->text().trimmed();
        if (withTypedSecretsInKeychain && !it->secret->isReadOnly() &&
            !it->secret->text().isEmpty()) {
            c.secret.where = SecretRef::Where::Keychain;
            c.secret.name = CredentialStore::keyFor(p.name, it.key());
            c.secret.value.clear();
        }
    }
    return p;
}

WorkspaceProfile ConnectionsDialog::profile() const
{
    return edited(true);
}

void ConnectionsDialog::setSecret(const QString &system, const QString &secret)
{
    if (m_rows.contains(system))
        m_rows[system].secret->setText(secret);
}

void ConnectionsDialog::setUrl(const QString &system, const QString &url)
{
    if (m_rows.contains(system))
        m_rows[system].url->setText(url);
}

QString ConnectionsDialog::testMessage(const QString &system) const
{
    return m_rows.contains(system) ? m_rows.value(system).result->text() : QString();
}

void ConnectionsDialog::storeSecrets(std::function<void(Result<void>)> done)
{
    struct Pending
    {
        int left = 0;
        std::optional<Error> error;
        std::function<void(Result<void>)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    QList<std::pair<QString, QString>> toWrite;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (!it->secret->isReadOnly() && !it->secret->text().isEmpty())
            toWrite.append({CredentialStore::keyFor(m_profile.name, it.key()), it->secret->text()});
    }
    if (toWrite.isEmpty()) {
        pending->done({});
        return;
    }
    if (!m_services.credentials) {
        pending->done(
            std::unexpected(CredentialStore::noKeychainError(tr("no keychain configured"))));
        return;
    }
    pending->left = int(toWrite.size());
    for (const auto &[key, secret] : toWrite) {
        m_services.credentials->write(key, secret, this, [pending](Result<void> r) {
            if (!r && !pending->error)
                pending->error = r.error();
            if (--pending->left == 0) {
                if (pending->error)
                    pending->done(std::unexpected(*pending->error));
                else
                    pending->done({});
            }
        });
    }
}

void ConnectionsDialog::testConnection(const QString &system)
{
    if (!m_rows.contains(system))
        return;
    Row &row = m_rows[system];
    row.test->setEnabled(false);
    row.result->setText(tr("Testing…"));
    const auto finish = [this, system](bool ok, const QString &message) {
        Row &r = m_rows[system];
        r.test->setEnabled(true);
        r.result->setText(ok ? tr("✔ %1").arg(message) : tr("✘ %1").arg(message));
        emit tested(system, ok, message);
    };
    storeSecrets([this, system, finish](Result<void> stored) {
        if (!stored) {
            finish(false, stored.error().message);
            return;
        }
        if (!m_services.connect) {
            finish(false, tr("This build cannot connect to %1.").arg(system));
            return;
        }
        const WorkspaceProfile p = edited(true);
        runAsync(
            this,
            [connect = m_services.connect, p, system]() -> ConnectionCheck {
                auto set = connect(p);
                if (!set)
                    return {false, set.error().message};
                auto connector = (*set)->get(system);
                if (!connector)
                    return {false, u"No connector for %1."_s.arg(system)};
                WorkLimits limits;
                limits.deadline = QDeadlineTimer(15'000);
                return connector->testConnection(limits);
            },
            [finish](ConnectionCheck check) { finish(check.ok, check.message); });
    });
}

void ConnectionsDialog::save()
{
    storeSecrets([this](Result<void> stored) {
        if (!stored) {
            emit saveFailed(stored.error().message);
            return;
        }
        writeProfile(edited(true));
    });
}

void ConnectionsDialog::writeProfile(const WorkspaceProfile &p)
{
    if (p.path.isEmpty()) {
        emit saved(p);
        return;
    }
    const QByteArray bytes = QJsonDocument(profileToJson(p)).toJson(QJsonDocument::Indented);
    runAsync(
        this,
        [path = p.path, bytes]() -> Result<void> {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
                !file.commit())
                return fail(Error::Code::Storage,
                            u"Could not write %1: %2"_s.arg(QFileInfo(path).fileName(),
                                                            file.errorString()));
            return {};
        },
        [this, p](Result<void> written) {
            if (written)
                emit saved(p);
            else
                emit saveFailed(written.error().message);
        });
}

} // namespace Casefile
