#include "ui/stallmonitor.h"

#include <algorithm>

#if defined(Q_OS_UNIX)
#include <time.h>
#endif

namespace Casefile {

namespace {

// CPU time used by the calling thread, in microseconds; -1 where the platform has no clock.
qint64 threadCpuUs()
{
#if defined(Q_OS_UNIX) && defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return qint64(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
#endif
    return -1;
}

} // namespace

StallMonitor::StallMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(IntervalMs);
    // A precise timer: coarse timers may fire 5 % late by design, which is not a stall.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
}

void StallMonitor::start()
{
    m_clock.start();
    m_last = -1;
    m_lastCpuUs = -1;
    m_timer.start();
}

void StallMonitor::stop()
{
    m_timer.stop();
}

void StallMonitor::reset()
{
    m_maxStallMs = 0;
    m_maxStallCpuMs = -1;
    m_over50 = 0;
    m_over100 = 0;
    m_ticks = 0;
    m_lastCpuUs = threadCpuUs();
    m_last = m_clock.isValid() ? m_clock.elapsed() : -1;
}

void StallMonitor::tick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 cpu = threadCpuUs();
    if (m_last >= 0) {
        const qint64 stall = now - m_last - IntervalMs;
        if (stall > 50)
            ++m_over50;
        if (stall > 100)
            ++m_over100;
        if (stall > m_maxStallMs || m_ticks == 0) {
            m_maxStallMs = std::max<qint64>(stall, 0);
            m_maxStallCpuMs = (cpu >= 0 && m_lastCpuUs >= 0) ? (cpu - m_lastCpuUs) / 1000 : -1;
        }
    }
    m_last = now;
    m_lastCpuUs = cpu;
    ++m_ticks;
}

} // namespace Casefile
