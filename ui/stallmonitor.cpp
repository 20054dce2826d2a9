#include "ui/stallmonitor.h"

#include "ui/uilogging.h"

#include <QEvent>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>

#if defined(Q_OS_UNIX)
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

std::atomic<StallMonitor *> activeMonitor{nullptr};

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

// The calling thread's scheduler statistics (Linux: "<on cpu ns> <run-queue wait ns> <slices>"),
// opened once and re-read; -1 where there are none.
int openSchedstat()
{
#if defined(Q_OS_LINUX)
    return ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#else
    return -1;
#endif
}

// How long the thread behind `fd` has waited on a run queue so far, in microseconds.
qint64 runQueueWaitUs(int fd)
{
#if defined(Q_OS_LINUX)
    if (fd < 0)
        return -1;
    char buffer[96] = {};
    const ssize_t got = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (got <= 0)
        return -1;
    unsigned long long onCpu = 0;
    unsigned long long waited = 0;
    if (std::sscanf(buffer, "%llu %llu", &onCpu, &waited) != 2)
        return -1;
    return qint64(waited / 1000);
#else
    Q_UNUSED(fd);
    return -1;
#endif
}

QString describe(const char *what, const char *owner, int eventType)
{
    QString out = QString::fromLatin1(what ? what : "?");
    if (owner)
        out += u" in "_s + QString::fromLatin1(owner);
    if (eventType == int(QEvent::MetaCall))
        out += u" (queued call)"_s;
    else if (eventType >= 0)
        out += u" (event %1)"_s.arg(eventType);
    return out;
}

} // namespace

QString Stall::text() const
{
    QStringList facts;
    if (cpuMs >= 0)
        facts << u"GUI-thread CPU %1 ms"_s.arg(cpuMs);
    if (queuedMs >= 0)
        facts << u"waiting for a core %1 ms"_s.arg(queuedMs);
    if (events > 0)
        facts << u"%1 events"_s.arg(events);
    QString out = u"%1 ms"_s.arg(ms);
    if (!facts.isEmpty())
        out += u" ("_s + facts.join(u", "_s) + u')';
    if (!longest.isEmpty())
        out += u": "_s + longest.join(u", "_s);
    return out;
}

StallMonitor::StallMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(IntervalMs);
    // A precise timer: coarse timers may fire 5 % late by design, which is not a stall.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
}

StallMonitor::~StallMonitor()
{
    StallMonitor *self = this;
    activeMonitor.compare_exchange_strong(self, nullptr);
#if defined(Q_OS_UNIX)
    if (m_schedstat >= 0)
        ::close(m_schedstat);
#endif
}

StallMonitor *StallMonitor::active()
{
    return activeMonitor.load(std::memory_order_acquire);
}

void StallMonitor::start()
{
    if (m_schedstat < 0)
        m_schedstat = openSchedstat();
    m_clock.start();
    m_last = -1;
    m_lastCpuUs = -1;
    m_lastQueuedUs = -1;
    m_events = 0;
    m_pieces = {};
    activeMonitor.store(this, std::memory_order_release);
    m_timer.start();
}

void StallMonitor::stop()
{
    m_timer.stop();
    StallMonitor *self = this;
    activeMonitor.compare_exchange_strong(self, nullptr);
}

void StallMonitor::reset()
{
    m_maxStallMs = 0;
    m_over50 = 0;
    m_over100 = 0;
    m_ticks = 0;
    m_worst.clear();
    m_events = 0;
    m_pieces = {};
    m_lastCpuUs = threadCpuUs();
    m_lastQueuedUs = runQueueWaitUs(m_schedstat);
    m_last = m_clock.isValid() ? m_clock.elapsed() : -1;
}

void StallMonitor::noteDispatch(const char *receiverClass, const char *ownerClass, int eventType,
                                qint64 ns)
{
    ++m_events;
    notePiece(Piece{ns, receiverClass, ownerClass, eventType});
}

void StallMonitor::noteProbe(const char *label, qint64 ns)
{
    notePiece(Piece{ns, label, nullptr, -1});
}

void StallMonitor::notePiece(const Piece &piece)
{
    // The longest few since the last tick, longest first; the rest are only counted.
    auto slot = std::find_if(m_pieces.begin(), m_pieces.end(),
                             [&](const Piece &p) { return piece.ns > p.ns; });
    if (slot == m_pieces.end())
        return;
    std::move_backward(slot, m_pieces.end() - 1, m_pieces.end());
    *slot = piece;
}

void StallMonitor::tick()
{
    feedTick(m_clock.elapsed(), threadCpuUs(), runQueueWaitUs(m_schedstat));
}

void StallMonitor::feedTick(qint64 nowMs, qint64 cpuUs, qint64 queuedUs)
{
    if (m_last >= 0) {
        const qint64 stall = std::max<qint64>(nowMs - m_last - IntervalMs, 0);
        if (stall > 50)
            ++m_over50;
        if (stall > 100)
            ++m_over100;
        m_maxStallMs = std::max(m_maxStallMs, stall);
        const bool kept = m_worst.size() < WorstKept || stall > m_worst.last().ms;
        const bool logged = m_logThresholdMs >= 0 && stall > m_logThresholdMs;
        if (stall > 0 && (kept || logged)) {
            Stall s;
            s.atMs = nowMs;
            s.ms = stall;
            s.cpuMs = (cpuUs >= 0 && m_lastCpuUs >= 0) ? (cpuUs - m_lastCpuUs) / 1000 : -1;
            s.queuedMs =
                (queuedUs >= 0 && m_lastQueuedUs >= 0) ? (queuedUs - m_lastQueuedUs) / 1000 : -1;
            s.events = m_events;
            for (const Piece &p : m_pieces) {
                if (p.ns >= 0)
                    s.longest << u"%1 ms %2"_s.arg(p.ns / 1'000'000)
                                     .arg(describe(p.what, p.owner, p.eventType));
            }
            if (logged)
                qCInfo(lcUi).noquote() << "GUI thread stalled" << s.text();
            if (kept)
                keep(s);
        }
    }
    m_last = nowMs;
    m_lastCpuUs = cpuUs;
    m_lastQueuedUs = queuedUs;
    m_events = 0;
    m_pieces = {};
    ++m_ticks;
}

void StallMonitor::keep(const Stall &stall)
{
    auto at = std::find_if(m_worst.begin(), m_worst.end(),
                           [&](const Stall &s) { return stall.ms > s.ms; });
    m_worst.insert(at, stall);
    while (m_worst.size() > WorstKept)
        m_worst.removeLast();
}

StallProbe::StallProbe(const char *label)
    : m_label(label)
    , m_monitor(StallMonitor::active())
{
    if (m_monitor && m_monitor->thread() != QThread::currentThread())
        m_monitor = nullptr; // work on another thread stalls nothing
    if (m_monitor)
        m_timer.start();
}

StallProbe::~StallProbe()
{
    // Still the active one: a monitor destroyed meanwhile has left its place.
    if (m_monitor && StallMonitor::active() == m_monitor)
        m_monitor->noteProbe(m_label, m_timer.nsecsElapsed());
}

} // namespace Casefile
