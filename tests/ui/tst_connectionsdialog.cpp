#include "fakeconnector.h"
#include "fixtures.h"
#include "secrets/credentialstore.h"
#include "secrets/secretresolver.h"
#include "ui/connectionsdialog.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

// A GitHub connection that accepts exactly one token, like a real API would, and says so in
// its own words.
std::shared_ptr<Connector> tokenCheckingGithub(const QString &token)
{
    auto github = std::make_shared<TestData::FakeConnector>(u"github"_s, QStringList{});
    if (token == "good-token"_L1)
        github->setConnectionCheck({true, u"Connected as mara (scopes: repo)"_s});
    else
        github->setConnectionCheck(
            {false, u"Token rejected (HTTP 401): check the token's scopes"_s});
    return github;
}

WorkspaceProfile profile(bool sandbox, const QString &path = {})
{
    WorkspaceProfile p;
    p.name = u"acme"_s;
    p.sandbox = sandbox;
    p.path = path;
    ConnectionSettings github;
    github.system = u"github"_s;
    github.type = u"github"_s;
    github.url = u"https://api.github.com"_s;
    github.options.insert(u"repo"_s, u"relay-ai/gateway"_s);
    if (sandbox) {
        github.secret.where = SecretRef::Where::Inline;
        github.secret.value = u"sandbox-token"_s;
    } else {
        github.secret.where = SecretRef::Where::Keychain;
        github.secret.name = u"acme/github"_s;
    }
    p.connections.insert(u"github"_s, github);
    return p;
}

} // namespace

class TestConnectionsDialog : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<FakeCredentialStore> m_credentials;
    WorkbenchServices services()
    {
        m_credentials = std::make_shared<FakeCredentialStore>();
        WorkbenchServices s;
        s.store = TestData::store();
        s.credentials = m_credentials;
        s.connect = [resolver = makeSecretResolver(m_credentials)](
                        const WorkspaceProfile &p) -> Result<std::shared_ptr<ConnectorSet>> {
            auto token = resolver(p.connections.value(u"github"_s));
            if (!token)
                return std::unexpected(token.error());
            auto set = std::make_shared<ConnectorSet>();
            set->add(tokenCheckingGithub(*token));
            return set;
        };
        return s;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testShowsTheConnectorsMessage_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");
        QTest::newRow("accepted") << u"good-token"_s << true
                                  << u"Connected as mara (scopes: repo)"_s;
        QTest::newRow("rejected") << u"bad-token"_s << false
                                  << u"Token rejected (HTTP 401): check the token's scopes"_s;
    }

    void testShowsTheConnectorsMessage()
    {
        QFETCH(QString, token);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        ConnectionsDialog dialog(profile(false), services());
        QSignalSpy tested(&dialog, &ConnectionsDialog::tested);
        dialog.setSecret(u"github"_s, token);
        dialog.testConnection(u"github"_s);
        QVERIFY(tested.wait(5000));
        QCOMPARE(tested.first().at(1).toBool(), ok);
        QCOMPARE(tested.first().at(2).toString(), message);
        QVERIFY(dialog.testMessage(u"github"_s).endsWith(message));
        // The typed secret went to the keychain, under the workspace's key.
        QVERIFY(m_credentials->contains(u"acme/github"_s));
    }

    void secretsGoToTheKeychainOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"acme.json"_s);
        ConnectionsDialog dialog(profile(false, path), services());
        QSignalSpy saved(&dialog, &ConnectionsDialog::saved);
        dialog.setSecret(u"github"_s, u"ghp_supersecret"_s);
        dialog.setUrl(u"github"_s, u"https://github.example/api/v3"_s);
        dialog.save();
        QVERIFY(saved.wait(5000));
        const WorkspaceProfile p = saved.first().first().value<WorkspaceProfile>();
        QCOMPARE(p.connections.value(u"github"_s).secret.where, SecretRef::Where::Keychain);
        QCOMPARE(p.connections.value(u"github"_s).secret.name, u"acme/github"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(!written.contains("ghp_supersecret"));
        QVERIFY(written.contains("keychain"));
        QVERIFY(written.contains("github.example"));
        QVERIFY(m_credentials->contains(u"acme/github"_s));
    }

    void sandboxTokensAreReadOnly()
    {
        ConnectionsDialog dialog(profile(true), services());
        QLineEdit *secret = nullptr;
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
            if (edit->accessibleName() == "github secret"_L1)
                secret = edit;
        }
        QVERIFY(secret);
        QVERIFY(secret->isReadOnly());
        QCOMPARE(secret->text(), u"sandbox-token"_s);
        QCOMPARE(dialog.profile().connections.value(u"github"_s).secret.where,
                 SecretRef::Where::Inline);
        QSignalSpy tested(&dialog, &ConnectionsDialog::tested);
        dialog.testConnection(u"github"_s);
        QVERIFY(tested.wait(5000));
        QCOMPARE(m_credentials->operations(), 0); // nothing written to the keychain
    }
};

QTEST_MAIN(TestConnectionsDialog)
#include "tst_connectionsdialog.moc"
