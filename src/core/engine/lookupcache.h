#pragma once

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <any>
#include <chrono>
#include <functional>
#include <optional>

namespace Casefile {

// Answers of lookups that rarely change (a helpdesk's organisations, the billing customer of
// an organisation), kept for a short time so the next investigation of the same workspace does
// not wait a round trip for them again. Entries are keyed by workspace first: two workspaces
// never see each other's answers, even when they share one cache. Thread-safe.
class LookupCache
{
public:
    using Clock = std::function<QDateTime()>;
    static constexpr std::chrono::minutes DefaultTtl{5};

    // `clock` defaults to the wall clock (UTC); tests pass their own.
    explicit LookupCache(std::chrono::milliseconds ttl = DefaultTtl, Clock clock = {});

    std::chrono::milliseconds ttl() const { return m_ttl; }

    // The value stored under (workspace, key) if it is younger than the TTL and of type T.
    template<typename T>
    std::optional<T> find(const QString &workspace, const QString &key) const
    {
        const std::any value = findAny(workspace, key);
        if (const T *typed = std::any_cast<T>(&value))
            return *typed;
        return std::nullopt;
    }

    template<typename T>
    void store(const QString &workspace, const QString &key, T value)
    {
        storeAny(workspace, key, std::any(std::move(value)));
    }

    void clear();

private:
    struct Entry
    {
        QDateTime storedAt;
        std::any value;
    };

    std::any findAny(const QString &workspace, const QString &key) const;
    void storeAny(const QString &workspace, const QString &key, std::any value);
    QDateTime now() const;
    static QString fullKey(const QString &workspace, const QString &key);

    std::chrono::milliseconds m_ttl;
    Clock m_clock;
    mutable QMutex m_mutex;
    mutable QHash<QString, Entry> m_entries;
};

} // namespace Casefile
