#include "secrets/credentialstore.h"

#include "secrets/secretslogging.h"

#include <QCoreApplication>
#include <QThread>

#include <condition_variable>
#include <optional>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// Wraps `done` so that it runs once, later, in `context`'s thread, and never after `context`
// is gone. The relay's deferred deletion carries the call across threads; Qt drops the queued
// call by itself when the receiver dies, which a checked pointer could not do race-free.
template<typename T>
std::function<void(T)> deliverTo(QObject *context, std::function<void(T)> done)
{
    auto value = std::make_shared<std::optional<T>>();
    auto *relay = new QObject;
    relay->moveToThread(context->thread());
    QObject::connect(
        relay, &QObject::destroyed, context,
        [value, done = std::move(done)] {
            if (*value)
                done(std::move(**value));
        },
        Qt::QueuedConnection);
    return [value, relay](T result) {
        *value = std::move(result);
        relay->deleteLater();
    };
}

bool onGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread() && app->inherits("QGuiApplication");
}

template<typename T>
struct Waiter
{
    std::mutex mutex;
    std::condition_variable ready;
    std::optional<T> value;
};

template<typename T, typename Start>
T waitFor(const QString &what, std::chrono::milliseconds timeout, Start start)
{
    CF_ASSERT(!onGuiThread(), return T(fail(Error::Code::Unsupported,
                                            u"Internal error: the keychain was asked on the "
                                            u"GUI thread."_s)));
    auto waiter = std::make_shared<Waiter<T>>();
    start([waiter](T result) {
        {
            std::lock_guard lock(waiter->mutex);
            waiter->value = std::move(result);
        }
        waiter->ready.notify_all();
    });
    std::unique_lock lock(waiter->mutex);
    if (!waiter->ready.wait_for(lock, timeout, [&] { return waiter->value.has_value(); })) {
        return T(fail(Error::Code::Timeout,
                      u"The OS keychain did not answer within %1 s while %2; it may be waiting "
                      u"for you to unlock it."_s.arg(timeout.count() / 1000.0)
                          .arg(what)));
    }
    return std::move(*waiter->value);
}

} // namespace

void CredentialStore::read(const QString &key, QObject *context, ReadCallback done)
{
    CF_ASSERT(context, return );
    startRead(key, deliverTo<Result<QString>>(context, std::move(done)));
}

void CredentialStore::write(const QString &key, const QString &secret, QObject *context,
                            DoneCallback done)
{
    CF_ASSERT(context, return );
    startWrite(key, secret, deliverTo<Result<void>>(context, std::move(done)));
}

void CredentialStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    CF_ASSERT(context, return );
    startRemove(key, deliverTo<Result<void>>(context, std::move(done)));
}

Result<QString> CredentialStore::readBlocking(const QString &key, std::chrono::milliseconds timeout)
{
    return waitFor<Result<QString>>(u"reading %1"_s.arg(key), timeout,
                                    [&](ReadCompletion complete) { startRead(key, complete); });
}

Result<void> CredentialStore::writeBlocking(const QString &key, const QString &secret,
                                            std::chrono::milliseconds timeout)
{
    return waitFor<Result<void>>(u"storing %1"_s.arg(key), timeout, [&](DoneCompletion complete) {
        startWrite(key, secret, complete);
    });
}

Result<void> CredentialStore::removeBlocking(const QString &key, std::chrono::milliseconds timeout)
{
    return waitFor<Result<void>>(u"removing %1"_s.arg(key), timeout,
                                 [&](DoneCompletion complete) { startRemove(key, complete); });
}

QString CredentialStore::keyFor(const QString &workspace, const QString &system)
{
    return workspace + u'/' + system;
}

Error CredentialStore::noKeychainError(const QString &reason)
{
    return Error::make(Error::Code::Keychain,
                       u"No OS keychain is available (%1): secrets cannot be stored; Casefile "
                       u"never writes them in clear."_s.arg(reason),
                       reason);
}

// FakeCredentialStore --------------------------------------------------------------------

void FakeCredentialStore::setAvailable(bool available)
{
    std::lock_guard lock(m_mutex);
    m_available = available;
}

bool FakeCredentialStore::contains(const QString &key) const
{
    std::lock_guard lock(m_mutex);
    return m_secrets.contains(key);
}

QStringList FakeCredentialStore::keys() const
{
    std::lock_guard lock(m_mutex);
    QStringList keys = m_secrets.keys();
    keys.sort();
    return keys;
}

int FakeCredentialStore::operations() const
{
    std::lock_guard lock(m_mutex);
    return m_operations;
}

void FakeCredentialStore::startRead(const QString &key, ReadCompletion complete)
{
    Result<QString> result;
    {
        std::lock_guard lock(m_mutex);
        ++m_operations;
        if (!m_available) {
            result = std::unexpected(noKeychainError(u"the fake keychain is switched off"_s));
        } else if (const auto it = m_secrets.constFind(key); it != m_secrets.cend()) {
            result = *it;
        } else {
            result = fail(Error::Code::NotFound, u"No secret is stored for %1."_s.arg(key));
        }
    }
    complete(std::move(result));
}

void FakeCredentialStore::startWrite(const QString &key, const QString &secret,
                                     DoneCompletion complete)
{
    Result<void> result;
    {
        std::lock_guard lock(m_mutex);
        ++m_operations;
        if (!m_available)
            result = std::unexpected(noKeychainError(u"the fake keychain is switched off"_s));
        else if (key.isEmpty())
            result = fail(Error::Code::InvalidInput, u"A secret needs a key."_s);
        else
            m_secrets.insert(key, secret);
    }
    complete(std::move(result));
}

void FakeCredentialStore::startRemove(const QString &key, DoneCompletion complete)
{
    Result<void> result;
    {
        std::lock_guard lock(m_mutex);
        ++m_operations;
        if (!m_available)
            result = std::unexpected(noKeychainError(u"the fake keychain is switched off"_s));
        else if (!m_secrets.remove(key))
            result = fail(Error::Code::NotFound, u"No secret is stored for %1."_s.arg(key));
    }
    complete(std::move(result));
}

} // namespace Casefile
