#include "secrets/credentialstore.h"

#include "secrets/secretslogging.h"

#include <QCoreApplication>
#include <QThread>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

std::mutex keychainThreadMutex;
QThread *keychainThreadInstance = nullptr;
QObject *keychainHome = nullptr; // lives in the keychain thread

void stopKeychainThread()
{
    std::lock_guard lock(keychainThreadMutex);
    if (!keychainThreadInstance)
        return;
    keychainThreadInstance->quit();
    keychainThreadInstance->wait();
    delete keychainThreadInstance;
    keychainThreadInstance = nullptr;
    keychainHome = nullptr;
}

// QtKeychain queues its jobs through one process-wide executor object that lives in the
// thread of the first job, and its backends answer in the thread that created the job. So
// every job is created, started and finished in one long-lived thread that ends with the
// application. Returns an object living in that thread, to run code there.
QObject *keychainThread()
{
    std::lock_guard lock(keychainThreadMutex);
    if (!keychainThreadInstance) {
        keychainThreadInstance = new QThread;
        keychainThreadInstance->setObjectName(u"casefile-keychain"_s);
        keychainHome = new QObject;
        keychainHome->moveToThread(keychainThreadInstance);
        QObject::connect(keychainThreadInstance, &QThread::finished, keychainHome,
                         &QObject::deleteLater);
        keychainThreadInstance->start();
        qAddPostRoutine(stopKeychainThread);
    }
    return keychainHome;
}

bool meansNoKeychain(const QString &text)
{
    static const QStringList signs = {
        u"dbus"_s,
        u"d-bus"_s,
        u"org.freedesktop.secrets"_s,
        u"serviceunknown"_s,
        u"could not connect"_s,
        u"autolaunch"_s,
        u"secret service"_s,
        u"no such interface"_s,
        u"not provided by any .service"_s,
    };
    const QString lower = text.toLower();
    for (const QString &sign : signs) {
        if (lower.contains(sign))
            return true;
    }
    return false;
}

Error jobError(const QKeychain::Job *job, const QString &doing, const QString &key)
{
    const QString text = job->errorString().simplified();
    switch (job->error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        return Error::make(Error::Code::NotFound,
                           u"No secret is stored in the OS keychain for %1."_s.arg(key), text);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::make(Error::Code::Unauthorized,
                           u"The OS keychain refused access while %1 %2 (it may be locked, or "
                           u"access was denied)."_s.arg(doing, key),
                           text);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return CredentialStore::noKeychainError(text.isEmpty() ? u"no keychain service"_s : text);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        if (meansNoKeychain(text))
            return CredentialStore::noKeychainError(text);
        break;
    }
    return Error::make(Error::Code::Keychain,
                       u"The OS keychain failed while %1 %2 (%3)."_s.arg(doing, key, text), text);
}

bool haveApplication(const std::function<void(Error)> &failWith)
{
    if (QCoreApplication::instance())
        return true;
    failWith(Error::make(Error::Code::Keychain,
                         u"Internal error: the keychain needs a running application."_s));
    return false;
}

// Creates a job in the keychain thread, configures it the one safe way and starts it there;
// `finish` runs there too.
template<typename Job>
void startJob(const QString &service, const QString &key, std::function<void(Job *)> configure,
              std::function<void(Job *)> finish)
{
    QMetaObject::invokeMethod(
        keychainThread(),
        [service, key, configure = std::move(configure), finish = std::move(finish)] {
            auto *job = new Job(service);
            job->setKey(key);
            job->setAutoDelete(true);
            // Never fall back to a plain-text file when no keychain is reachable.
            job->setInsecureFallback(false);
            if (configure)
                configure(job);
            QObject::connect(job, &QKeychain::Job::finished, job,
                             [job, finish](QKeychain::Job *) { finish(job); });
            job->start();
        },
        Qt::QueuedConnection);
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(const QString &service)
    : m_service(service)
{}

void KeychainCredentialStore::startRead(const QString &key, ReadCompletion complete)
{
    if (!haveApplication([&](Error e) { complete(std::unexpected(std::move(e))); }))
        return;
    startJob<QKeychain::ReadPasswordJob>(
        m_service, key, {}, [key, complete](QKeychain::ReadPasswordJob *j) {
            if (j->error() != QKeychain::NoError) {
                const Error error = jobError(j, u"reading"_s, key);
                qCInfo(lcSecrets) << "read" << key << "failed:" << error.detail;
                complete(std::unexpected(error));
                return;
            }
            complete(j->textData());
        });
}

void KeychainCredentialStore::startWrite(const QString &key, const QString &secret,
                                         DoneCompletion complete)
{
    if (!haveApplication([&](Error e) { complete(std::unexpected(std::move(e))); }))
        return;
    if (key.isEmpty()) {
        complete(fail(Error::Code::InvalidInput, u"A secret needs a key."_s));
        return;
    }
    startJob<QKeychain::WritePasswordJob>(
        m_service, key, [secret](QKeychain::WritePasswordJob *j) { j->setTextData(secret); },
        [key, complete](QKeychain::WritePasswordJob *j) {
            if (j->error() != QKeychain::NoError) {
                const Error error = jobError(j, u"storing"_s, key);
                qCWarning(lcSecrets) << "write" << key << "failed:" << error.detail;
                complete(std::unexpected(error));
                return;
            }
            complete({});
        });
}

void KeychainCredentialStore::startRemove(const QString &key, DoneCompletion complete)
{
    if (!haveApplication([&](Error e) { complete(std::unexpected(std::move(e))); }))
        return;
    startJob<QKeychain::DeletePasswordJob>(
        m_service, key, {}, [key, complete](QKeychain::DeletePasswordJob *j) {
            if (j->error() != QKeychain::NoError) {
                const Error error = jobError(j, u"removing"_s, key);
                qCInfo(lcSecrets) << "remove" << key << "failed:" << error.detail;
                complete(std::unexpected(error));
                return;
            }
            complete({});
        });
}

} // namespace Casefile
