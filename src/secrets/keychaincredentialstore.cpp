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

void stopKeychainThread()
{
    std::lock_guard lock(keychainThreadMutex);
    if (!keychainThreadInstance)
        return;
    keychainThreadInstance->quit();
    keychainThreadInstance->wait();
    delete keychainThreadInstance;
    keychainThreadInstance = nullptr;
}

// QtKeychain queues its jobs through one process-wide executor object that lives in the
// thread of the first job, so every job runs in the same long-lived thread. It ends with the
// application.
QThread *keychainThread()
{
    std::lock_guard lock(keychainThreadMutex);
    if (!keychainThreadInstance) {
        keychainThreadInstance = new QThread;
        keychainThreadInstance->setObjectName(u"casefile-keychain"_s);
        keychainThreadInstance->start();
        qAddPostRoutine(stopKeychainThread);
    }
    return keychainThreadInstance;
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

// Configures a job the one safe way and starts it on the keychain thread; `finish` runs there.
template<typename Job>
void startJob(Job *job, const QString &key, std::function<void(Job *)> finish)
{
    job->setKey(key);
    job->setAutoDelete(true);
    // Never fall back to a plain-text file when no keychain is reachable.
    job->setInsecureFallback(false);
    job->moveToThread(keychainThread());
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [job, finish = std::move(finish)](QKeychain::Job *) { finish(job); });
    QMetaObject::invokeMethod(
        job, [job] { job->start(); }, Qt::QueuedConnection);
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(const QString &service)
    : m_service(service)
{}

void KeychainCredentialStore::startRead(const QString &key, ReadCompletion complete)
{
    if (!haveApplication([&](Error e) { complete(std::unexpected(std::move(e))); }))
        return;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    startJob<QKeychain::ReadPasswordJob>(job, key, [key, complete](QKeychain::ReadPasswordJob *j) {
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
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    startJob<QKeychain::WritePasswordJob>(
        job, key, [key, complete](QKeychain::WritePasswordJob *j) {
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
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    startJob<QKeychain::DeletePasswordJob>(
        job, key, [key, complete](QKeychain::DeletePasswordJob *j) {
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
