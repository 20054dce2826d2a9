#include "ui/stallmonitor.h"

#include <algorithm>

namespace Casefile {

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
    m_timer.start();
}

void StallMonitor::stop()
{
    m_timer.stop();
}

void StallMonitor::reset()
{
    m_maxStallMs = 0;
    m_ticks = 0;
    m_last = m_clock.isValid() ? m_clock.elapsed() : -1;
}

void StallMonitor::tick()
{
    const qint64 now = m_clock.elapsed();
    if (m_last >= 0)
        m_maxStallMs = std::max(m_maxStallMs, now - m_last - IntervalMs);
    m_last = now;
    ++m_ticks;
}

} // namespace Casefile
