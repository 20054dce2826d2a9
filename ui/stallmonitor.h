#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Casefile {

// Measures how long the GUI thread's event loop stalls: a 5 ms timer records the largest gap
// between two of its ticks beyond the interval. Tests and the benchmark read maxStallMs();
// the desktop app prints it on exit when CASEFILE_REPORT_STALLS=1.
//
// Thread affinity: the thread it is created in (the GUI thread).
class StallMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMonitor)

public:
    static constexpr int IntervalMs = 5;

    explicit StallMonitor(QObject *parent = nullptr);

    void start();
    void stop();
    void reset();
    bool isActive() const { return m_timer.isActive(); }

    qint64 maxStallMs() const { return m_maxStallMs; } // largest gap minus the interval
    // CPU time the GUI thread itself used during that largest gap (-1 where unknown): close
    // to maxStallMs() means work on the GUI thread, far below it means the thread was waiting
    // or not scheduled (a busy machine).
    qint64 maxStallCpuMs() const { return m_maxStallCpuMs; }
    qint64 stallsOver50Ms() const { return m_over50; } // gaps longer than 50 ms
    qint64 stallsOver100Ms() const { return m_over100; }
    qint64 ticks() const { return m_ticks; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_maxStallMs = 0;
    qint64 m_maxStallCpuMs = -1;
    qint64 m_lastCpuUs = -1;
    qint64 m_over50 = 0;
    qint64 m_over100 = 0;
    qint64 m_ticks = 0;
};

} // namespace Casefile
