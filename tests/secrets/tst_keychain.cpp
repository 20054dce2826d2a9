#include "secrets/credentialstore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Casefile;

// QSKIP returns from the test function, so this has to be a macro.
#define REQUIRE_KEYRING()                                                                          \
    if (qEnvironmentVariableIsEmpty("CASEFILE_KEYRING_SESSION"))                                   \
    QSKIP("needs a Secret Service: run through scripts/with-keyring.sh")

// Against the real Secret Service. ctest runs this through scripts/with-keyring.sh, which
// starts a private D-Bus session with an unlocked gnome-keyring and sets
// CASEFILE_KEYRING_SESSION; without it the keyring tests are skipped (noSessionBus always runs).
class TestKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeReadOverwriteRemove();
    void asyncApi();
    void blockingFromWorker();
    void missingEntry();
    void noSessionBus();
    void busWithoutSecretService();

private:
    QString uniqueKey() const
    {
        return u"casefile-test/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
};

namespace {

bool fileContains(const QString &path, const QByteArray &needle)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.readAll().contains(needle);
}

QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (fileContains(path, needle))
            hits.append(path);
    }
    return hits;
}

// The child of noSessionBus(): tries to store and read a secret with no D-Bus session.
int runNoBusChild(const QString &secret)
{
    KeychainCredentialStore store;
    auto written = store.writeBlocking(u"casefile-test/no-bus"_s, secret, std::chrono::seconds(20));
    if (written) {
        std::printf("stored\n");
        return 0;
    }
    std::printf("write-error %s: %s\n", qPrintable(errorCodeName(written.error().code)),
                qPrintable(written.error().message));
    auto read = store.readBlocking(u"casefile-test/no-bus"_s, std::chrono::seconds(20));
    if (read)
        std::printf("read %s\n", qPrintable(*read));
    else
        std::printf("read-error %s: %s\n", qPrintable(errorCodeName(read.error().code)),
                    qPrintable(read.error().message));
    std::fflush(stdout);
    return 0;
}

} // namespace

void TestKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestKeychain::writeReadOverwriteRemove()
{
    REQUIRE_KEYRING();
    KeychainCredentialStore store;
    QCOMPARE(store.service(), u"casefile"_s);
    const QString key = uniqueKey();
    auto written = store.writeBlocking(key, u"ghp_first_value"_s);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    auto read = store.readBlocking(key);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(*read, u"ghp_first_value"_s);

    QVERIFY(store.writeBlocking(key, u"ghp_second «ü» value"_s));
    read = store.readBlocking(key);
    QVERIFY(read);
    QCOMPARE(*read, u"ghp_second «ü» value"_s);

    // Another instance (another window, the CLI) sees the same keychain.
    KeychainCredentialStore other;
    auto seen = other.readBlocking(key);
    QVERIFY(seen);
    QCOMPARE(*seen, u"ghp_second «ü» value"_s);

    auto removed = store.removeBlocking(key);
    QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
    auto gone = store.readBlocking(key);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, Error::Code::NotFound);
}

void TestKeychain::asyncApi()
{
    REQUIRE_KEYRING();
    KeychainCredentialStore store;
    const QString key = uniqueKey();
    QObject context;
    std::optional<Result<void>> written;
    store.write(key, u"sk_live_async"_s, &context, [&](Result<void> r) { written = r; });
    QVERIFY(!written);
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000);
    QVERIFY2(*written, qPrintable(written->has_value() ? QString() : written->error().message));

    std::optional<Result<QString>> read;
    store.read(key, &context, [&](Result<QString> r) {
        QCOMPARE(QThread::currentThread(), context.thread());
        read = r;
    });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 20000);
    QVERIFY(*read);
    QCOMPARE(**read, u"sk_live_async"_s);

    std::optional<Result<void>> removed;
    store.remove(key, &context, [&](Result<void> r) { removed = r; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 20000);
    QVERIFY(*removed);
}

void TestKeychain::blockingFromWorker()
{
    REQUIRE_KEYRING();
    KeychainCredentialStore store;
    const QString key = uniqueKey();
    QVERIFY(store.writeBlocking(key, u"token-from-worker"_s));
    std::optional<Result<QString>> read;
    std::thread worker([&] { read = store.readBlocking(key); });
    worker.join();
    QVERIFY(read && *read);
    QCOMPARE(**read, u"token-from-worker"_s);
    QVERIFY(store.removeBlocking(key));
}

void TestKeychain::missingEntry()
{
    REQUIRE_KEYRING();
    KeychainCredentialStore store;
    const QString key = uniqueKey();
    auto read = store.readBlocking(key);
    QVERIFY(!read);
    QCOMPARE(read.error().code, Error::Code::NotFound);
    QVERIFY(read.error().message.contains(key));
}

namespace {

struct ChildRun
{
    QString out;
    QString err;
    int exitCode = -1;
};

// Runs this binary as the no-keychain child with an empty home under `dir`.
ChildRun runChild(const QTemporaryDir &dir, const QString &secret, QProcessEnvironment env,
                  const QStringList &wrapper = {})
{
    env.insert(u"HOME"_s, dir.filePath(u"home"_s));
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"home/.local/share"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"home/.config"_s));
    env.insert(u"XDG_CACHE_HOME"_s, dir.filePath(u"home/.cache"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, dir.filePath(u"run"_s));
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"CASEFILE_KEYRING_SESSION"_s);
    for (const QString &sub :
         {u"home/.local/share"_s, u"home/.config"_s, u"home/.cache"_s, u"run"_s})
        QDir().mkpath(dir.filePath(sub));

    QProcess child;
    child.setProcessEnvironment(env);
    QStringList command = wrapper;
    command << QCoreApplication::applicationFilePath() << u"--no-bus-child"_s << secret;
    child.setProgram(command.takeFirst());
    child.setArguments(command);
    child.start();
    ChildRun run;
    if (!child.waitForStarted(10000) || !child.waitForFinished(60000))
        return run;
    run.out = QString::fromUtf8(child.readAllStandardOutput());
    run.err = QString::fromUtf8(child.readAllStandardError());
    run.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    return run;
}

// Nothing written in clear anywhere the child could write: its home, data, config, cache
// and runtime dirs, nor this test's own data and config dirs.
QStringList leaks(const QTemporaryDir &dir, const QString &secret)
{
    QStringList hits = filesContaining(dir.path(), secret.toUtf8());
    for (const auto location : {QStandardPaths::AppDataLocation, QStandardPaths::AppConfigLocation,
                                QStandardPaths::GenericConfigLocation}) {
        const QString path = QStandardPaths::writableLocation(location);
        if (QFileInfo::exists(path))
            hits += filesContaining(path, secret.toUtf8());
    }
    return hits;
}

QString canary()
{
    return u"casefile-canary-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

void TestKeychain::noSessionBus()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString secret = canary();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + dir.filePath(u"no-such-bus"_s));
    const ChildRun run = runChild(dir, secret, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(u"write-error keychain: No OS keychain is available ("_s),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"secrets cannot be stored; Casefile never writes them in clear."_s),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"read-error keychain: No OS keychain is available"_s),
             qPrintable(run.out));
    QVERIFY(!run.out.contains(secret));
    QVERIFY(!run.err.contains(secret)); // not even in the logs
    const QStringList hits = leaks(dir, secret);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
}

void TestKeychain::busWithoutSecretService()
{
    // A session bus that cannot start a Secret Service (a desktop without a keyring): a bus
    // configuration with no service directories, so nothing is activated.
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    if (dbusRunSession.isEmpty())
        QSKIP("dbus-run-session is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString config = dir.filePath(u"session.conf"_s);
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
                   "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                   "<busconfig><type>session</type><listen>unix:dir=" +
                   dir.path().toUtf8() +
                   "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
                   "<allow send_destination=\"*\" eavesdrop=\"true\"/>"
                   "<allow eavesdrop=\"true\"/><allow receive_type=\"*\"/>"
                   "<allow own=\"*\"/></policy></busconfig>\n");
    }
    const QString secret = canary();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    const ChildRun run =
        runChild(dir, secret, env, {dbusRunSession, u"--config-file="_s + config, u"--"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(u"write-error keychain: No OS keychain is available ("_s),
             qPrintable(run.out + run.err));
    QVERIFY(!run.out.contains(secret));
    QVERIFY(!run.err.contains(secret));
    const QStringList hits = leaks(dir, secret);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == u"--no-bus-child"_s)
        return runNoBusChild(args.at(2));
    TestKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
