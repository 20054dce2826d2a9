#include "core/engine/lookupcache.h"

namespace Casefile {

namespace {
// Expired entries are dropped whenever the cache holds more than this many.
constexpr qsizetype PruneAbove = 256;
} // namespace

LookupCache::LookupCache(std::chrono::milliseconds ttl, Clock clock)
    : m_ttl(ttl)
    , m_clock(std::move(clock))
{}

QDateTime LookupCache::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QString LookupCache::fullKey(const QString &workspace, const QString &key)
{
    // The length prefix keeps ("a|b", "c") and ("a", "b|c") apart.
    return QString::number(workspace.size()) + u':' + workspace + u'|' + key;
}

std::any LookupCache::findAny(const QString &workspace, const QString &key) const
{
    const QDateTime at = now();
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(fullKey(workspace, key));
    if (it == m_entries.cend())
        return {};
    const qint64 age = it->storedAt.msecsTo(at);
    if (age < 0 || age >= m_ttl.count()) {
        m_entries.erase(it);
        return {};
    }
    return it->value;
}

void LookupCache::storeAny(const QString &workspace, const QString &key, std::any value)
{
    const QDateTime at = now();
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() > PruneAbove) {
        m_entries.removeIf([&](const QHash<QString, Entry>::iterator &it) {
            return it->storedAt.msecsTo(at) >= m_ttl.count();
        });
    }
    m_entries.insert(fullKey(workspace, key), Entry{at, std::move(value)});
}

void LookupCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace Casefile
