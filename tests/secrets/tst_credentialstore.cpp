#include "secrets/credentialstore.h"
#include "secrets/secretresolver.h"

#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestCredentialStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyFor();
    void writeReadOverwriteRemove();
    void callbacksAreAsynchronous();
    void noCallbackAfterContextDies();
    void callbackInContextThread();
    void blockingFromWorker();
    void missingSecret();
    void unavailableKeychain();
    void resolver_data();
    void resolver();
    void resolverWithoutStore();
};

namespace {

Result<void> writeAndWait(CredentialStore &store, const QString &key, const QString &secret)
{
    QObject context;
    std::optional<Result<void>> result;
    store.write(key, secret, &context, [&](Result<void> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return fail(Error::Code::Timeout, u"no answer"_s);
    return *result;
}

Result<QString> readAndWait(CredentialStore &store, const QString &key)
{
    QObject context;
    std::optional<Result<QString>> result;
    store.read(key, &context, [&](Result<QString> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return fail(Error::Code::Timeout, u"no answer"_s);
    return *result;
}

Result<void> removeAndWait(CredentialStore &store, const QString &key)
{
    QObject context;
    std::optional<Result<void>> result;
    store.remove(key, &context, [&](Result<void> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return fail(Error::Code::Timeout, u"no answer"_s);
    return *result;
}

} // namespace

void TestCredentialStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCredentialStore::keyFor()
{
    QCOMPARE(CredentialStore::keyFor(u"acme"_s, u"github"_s), u"acme/github"_s);
    const Error e = CredentialStore::noKeychainError(u"no D-Bus"_s);
    QCOMPARE(e.code, Error::Code::Keychain);
    QCOMPARE(e.message, u"No OS keychain is available (no D-Bus): secrets cannot be stored; "
                        u"Casefile never writes them in clear."_s);
}

void TestCredentialStore::writeReadOverwriteRemove()
{
    FakeCredentialStore store;
    QVERIFY(writeAndWait(store, u"acme/github"_s, u"ghp_first"_s));
    auto secret = readAndWait(store, u"acme/github"_s);
    QVERIFY(secret);
    QCOMPARE(*secret, u"ghp_first"_s);
    QVERIFY(writeAndWait(store, u"acme/github"_s, u"ghp_second ü"_s));
    secret = readAndWait(store, u"acme/github"_s);
    QVERIFY(secret);
    QCOMPARE(*secret, u"ghp_second ü"_s);
    QCOMPARE(store.keys(), QStringList{u"acme/github"_s});
    QVERIFY(removeAndWait(store, u"acme/github"_s));
    QVERIFY(!store.contains(u"acme/github"_s));
    auto gone = removeAndWait(store, u"acme/github"_s);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, Error::Code::NotFound);
    auto empty = writeAndWait(store, QString(), u"x"_s);
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, Error::Code::InvalidInput);
}

void TestCredentialStore::callbacksAreAsynchronous()
{
    FakeCredentialStore store;
    QObject context;
    bool called = false;
    store.read(u"k"_s, &context, [&](Result<QString>) { called = true; });
    QVERIFY(!called); // even an immediate answer comes later, from the event loop
    QTRY_VERIFY(called);
}

void TestCredentialStore::noCallbackAfterContextDies()
{
    FakeCredentialStore store;
    bool called = false;
    {
        QObject context;
        store.write(u"k"_s, u"v"_s, &context, [&](Result<void>) { called = true; });
    }
    QTest::qWait(50);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTest::qWait(50);
    QVERIFY(!called);
    QVERIFY(store.contains(u"k"_s)); // the operation itself still happened
}

void TestCredentialStore::callbackInContextThread()
{
    FakeCredentialStore store;
    QObject context;
    std::atomic<QThread *> calledIn{nullptr};
    std::thread worker([&] {
        store.write(u"k"_s, u"v"_s, &context, [&](Result<void> r) {
            QVERIFY(r.has_value());
            calledIn = QThread::currentThread();
        });
    });
    worker.join();
    QTRY_VERIFY(calledIn.load() != nullptr);
    QCOMPARE(calledIn.load(), QThread::currentThread());
}

void TestCredentialStore::blockingFromWorker()
{
    FakeCredentialStore store;
    std::optional<Result<QString>> read;
    std::optional<Result<void>> removed;
    std::thread worker([&] {
        if (store.writeBlocking(u"acme/stripe"_s, u"sk_test_1"_s))
            read = store.readBlocking(u"acme/stripe"_s);
        removed = store.removeBlocking(u"acme/stripe"_s);
    });
    worker.join();
    QVERIFY(read && *read);
    QCOMPARE(**read, u"sk_test_1"_s);
    QVERIFY(removed && *removed);
    QCOMPARE(store.operations(), 3);
    // A plain (non-GUI) application's main thread may block too: the CLI does.
    auto missing = store.readBlocking(u"acme/stripe"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Error::Code::NotFound);
}

void TestCredentialStore::missingSecret()
{
    FakeCredentialStore store;
    auto secret = readAndWait(store, u"acme/linear"_s);
    QVERIFY(!secret);
    QCOMPARE(secret.error().code, Error::Code::NotFound);
    QVERIFY(secret.error().message.contains(u"acme/linear"_s));
}

void TestCredentialStore::unavailableKeychain()
{
    FakeCredentialStore store;
    store.setAvailable(false);
    auto written = writeAndWait(store, u"acme/github"_s, u"ghp_secret_value"_s);
    QVERIFY(!written);
    QCOMPARE(written.error().code, Error::Code::Keychain);
    QVERIFY(written.error().message.startsWith(u"No OS keychain is available"_s));
    QVERIFY(!written.error().message.contains(u"ghp_secret_value"_s));
    QVERIFY(!store.contains(u"acme/github"_s));
    auto read = store.readBlocking(u"acme/github"_s);
    QVERIFY(!read);
    QCOMPARE(read.error().code, Error::Code::Keychain);
}

void TestCredentialStore::resolver_data()
{
    QTest::addColumn<int>("where"); // SecretRef::Where
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // the secret, or a part of the error message

    const int keychain = int(SecretRef::Where::Keychain);
    QTest::newRow("keychain") << keychain << u"acme/github"_s << QString() << true
                              << u"ghp_stored"_s;
    QTest::newRow("keychain, missing")
        << keychain << u"acme/jira"_s << QString() << false << u"not in the OS keychain"_s;
    QTest::newRow("environment") << int(SecretRef::Where::Environment) << u"CASEFILE_TEST_TOKEN"_s
                                 << QString() << true << u"from-env"_s;
    QTest::newRow("environment, unset")
        << int(SecretRef::Where::Environment) << u"CASEFILE_TEST_UNSET"_s << QString() << false
        << u"CASEFILE_TEST_UNSET"_s;
    QTest::newRow("inline") << int(SecretRef::Where::Inline) << QString() << u"sandbox-token"_s
                            << true << u"sandbox-token"_s;
    QTest::newRow("none") << int(SecretRef::Where::None) << QString() << QString() << true
                          << QString();
}

void TestCredentialStore::resolver()
{
    QFETCH(int, where);
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QString, expected);

    qputenv("CASEFILE_TEST_TOKEN", "from-env");
    qunsetenv("CASEFILE_TEST_UNSET");
    auto store = std::make_shared<FakeCredentialStore>();
    QVERIFY(store->writeBlocking(u"acme/github"_s, u"ghp_stored"_s));
    const SecretResolver resolve = makeSecretResolver(store);

    ConnectionSettings connection;
    connection.system = u"github"_s;
    connection.secret.where = SecretRef::Where(where);
    connection.secret.name = name;
    connection.secret.value = value;

    std::optional<Result<QString>> result;
    std::thread worker([&] { result = resolve(connection); });
    worker.join();
    QVERIFY(result);
    QCOMPARE(result->has_value(), ok);
    if (ok) {
        QCOMPARE(**result, expected);
    } else {
        QVERIFY2(result->error().message.contains(expected), qPrintable(result->error().message));
        QVERIFY(!result->error().message.contains(u"ghp_stored"_s));
    }
}

void TestCredentialStore::resolverWithoutStore()
{
    const SecretResolver resolve = makeSecretResolver(nullptr);
    ConnectionSettings connection;
    connection.system = u"github"_s;
    connection.secret = {SecretRef::Where::Keychain, u"acme/github"_s, {}};
    auto result = resolve(connection);
    QVERIFY(!result);
    QCOMPARE(result.error().code, Error::Code::Keychain);
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
