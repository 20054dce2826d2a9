#pragma once

#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace Casefile {

// Where connection secrets (API tokens, passwords) live: the OS keychain, and nothing else.
//
// The API follows QtKeychain's jobs: read/write/remove start an operation and report once,
// always asynchronously (even when the answer is known at once), in `context`'s thread; if
// `context` is destroyed first the callback is never called. The *Blocking variants are for
// worker threads and the CLI; they must not be called on the GUI thread (it would freeze).
//
// Keys name a connection: keyFor(workspace, system) = "<workspace>/<system>".
// Thread affinity: none; every method may be called from any thread.
class CredentialStore
{
public:
    using ReadCallback = std::function<void(Result<QString>)>;
    using DoneCallback = std::function<void(Result<void>)>;

    virtual ~CredentialStore() = default;

    void read(const QString &key, QObject *context, ReadCallback done);
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done);
    void remove(const QString &key, QObject *context, DoneCallback done);

    Result<QString> readBlocking(const QString &key,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(30));
    Result<void> writeBlocking(const QString &key, const QString &secret,
                               std::chrono::milliseconds timeout = std::chrono::seconds(30));
    Result<void> removeBlocking(const QString &key,
                                std::chrono::milliseconds timeout = std::chrono::seconds(30));

    static QString keyFor(const QString &workspace, const QString &system);
    // The one message for "there is no keychain to talk to".
    static Error noKeychainError(const QString &reason);

protected:
    // Called exactly once, from any thread.
    using ReadCompletion = std::function<void(Result<QString>)>;
    using DoneCompletion = std::function<void(Result<void>)>;

    virtual void startRead(const QString &key, ReadCompletion complete) = 0;
    virtual void startWrite(const QString &key, const QString &secret, DoneCompletion complete) = 0;
    virtual void startRemove(const QString &key, DoneCompletion complete) = 0;
};

// The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows), service "casefile". QtKeychain's insecure plain-text fallback is off:
// without a keychain every operation fails with noKeychainError() and nothing is written.
// Jobs run on one keychain thread shared by all instances.
class KeychainCredentialStore final : public CredentialStore
{
public:
    static constexpr auto DefaultService = "casefile";

    explicit KeychainCredentialStore(const QString &service = QString::fromLatin1(DefaultService));

    QString service() const { return m_service; }

protected:
    void startRead(const QString &key, ReadCompletion complete) override;
    void startWrite(const QString &key, const QString &secret, DoneCompletion complete) override;
    void startRemove(const QString &key, DoneCompletion complete) override;

private:
    QString m_service;
};

// In memory, for unit tests and sandbox sessions. Can pretend that no keychain exists.
class FakeCredentialStore final : public CredentialStore
{
public:
    void setAvailable(bool available);
    bool contains(const QString &key) const;
    QStringList keys() const;
    int operations() const; // reads + writes + removes started

protected:
    void startRead(const QString &key, ReadCompletion complete) override;
    void startWrite(const QString &key, const QString &secret, DoneCompletion complete) override;
    void startRemove(const QString &key, DoneCompletion complete) override;

private:
    mutable std::mutex m_mutex;
    QHash<QString, QString> m_secrets;
    bool m_available = true;
    int m_operations = 0;
};

} // namespace Casefile
