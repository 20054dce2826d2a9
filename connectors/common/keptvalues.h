#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QString>

#include <chrono>
#include <optional>

namespace Casefile::Connectors {

// Answers a connector keeps for a short time so the next investigation need not ask again
// (meter ids, commit details): each value expires `ttl` after it was kept, and at most
// `maxValues` are kept (when full, the expired ones go first, then all). Thread-safe: the
// steps of an investigation run on several threads.
template<typename Value>
class KeptValues
{
public:
    KeptValues(std::chrono::milliseconds ttl, qsizetype maxValues)
        : m_ttl(ttl)
        , m_maxValues(maxValues)
    {}

    std::optional<Value> find(const QString &key) const
    {
        QMutexLocker lock(&m_mutex);
        const auto kept = m_values.constFind(key);
        if (kept == m_values.cend() || kept->second.hasExpired())
            return std::nullopt;
        return kept->first;
    }

    void keep(const QString &key, Value value)
    {
        QMutexLocker lock(&m_mutex);
        if (m_values.size() >= m_maxValues && !m_values.contains(key)) {
            m_values.removeIf([](const auto &it) { return it.value().second.hasExpired(); });
            if (m_values.size() >= m_maxValues)
                m_values.clear();
        }
        m_values.insert(key, {std::move(value), QDeadlineTimer(m_ttl)});
    }

private:
    const std::chrono::milliseconds m_ttl;
    const qsizetype m_maxValues;
    mutable QMutex m_mutex;
    QHash<QString, std::pair<Value, QDeadlineTimer>> m_values;
};

} // namespace Casefile::Connectors
