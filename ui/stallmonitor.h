#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <array>

namespace Casefile {

// One stall of the GUI thread's event loop: a gap between two ticks of the monitor's timer
// beyond its interval, with what the thread did in it.
struct Stall
{
    qint64 atMs = 0;      // when it ended, since the monitor started
    qint64 ms = 0;        // the gap minus the interval
    qint64 cpuMs = -1;    // CPU time the GUI thread used in it (-1: unknown)
    qint64 queuedMs = -1; // time the GUI thread was ready to run but had no core (-1: unknown)
    int events = 0;       // top-level events dispatched in it (seen only through the hook)
    QStringList longest;  // the longest events and probes in it, longest first: "12 ms what"

    // "83 ms (GUI-thread CPU 21 ms, waiting for a core 50 ms, 14 events): 47 ms ..., ..."
    QString text() const;
};

// Watches the GUI thread's event loop: a 5 ms timer records the gaps between its ticks beyond
// the interval (stalls). For each it knows the GUI thread's own CPU time and, on Linux, how
// long the thread was ready but waiting for a core; with the dispatch hook (noteDispatch, as
// WorkbenchApplication calls it) and probes (StallProbe) it also names the events that ran
// in it. A stall close to its CPU time is work on the GUI thread; one mostly "waiting for a
// core" is other threads having the CPU; the rest is the thread blocked (a lock, the disk).
//
// Off unless started: the desktop app starts one when CASEFILE_STALL_LOG=<ms> is set (each
// stall over <ms> is logged under casefile.ui, the worst are printed at exit) or
// CASEFILE_REPORT_STALLS=1 (the largest is printed at exit). The benchmark reads it directly.
//
// Thread affinity: the thread it is created in (the GUI thread).
class StallMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMonitor)

public:
    static constexpr int IntervalMs = 5;
    static constexpr int WorstKept = 8;   // stalls kept by worstStalls()
    static constexpr int LongestKept = 4; // events and probes named per stall

    explicit StallMonitor(QObject *parent = nullptr);
    ~StallMonitor() override;

    void start(); // becomes the monitor the dispatch hook and probes report to
    void stop();
    void reset();
    bool isActive() const { return m_timer.isActive(); }

    // Logs every stall over `ms` (casefile.ui, info) as it happens; negative: never (default).
    void setLogThreshold(qint64 ms) { m_logThresholdMs = ms; }
    qint64 logThreshold() const { return m_logThresholdMs; }

    qint64 maxStallMs() const { return m_maxStallMs; } // largest gap minus the interval
    // CPU time the GUI thread itself used during that largest gap (-1 where unknown): close
    // to maxStallMs() means work on the GUI thread, far below it means the thread was waiting
    // or not scheduled (a busy machine).
    qint64 maxStallCpuMs() const { return m_worst.isEmpty() ? -1 : m_worst.first().cpuMs; }
    qint64 maxStallQueuedMs() const { return m_worst.isEmpty() ? -1 : m_worst.first().queuedMs; }
    qint64 stallsOver50Ms() const { return m_over50; } // gaps longer than 50 ms
    qint64 stallsOver100Ms() const { return m_over100; }
    qint64 ticks() const { return m_ticks; }
    QList<Stall> worstStalls() const { return m_worst; } // longest first, up to WorstKept

    // The monitor started last on this thread and still alive, else null.
    static StallMonitor *active();

    // A top-level event the GUI thread dispatched, `ns` long. `receiverClass` and
    // `ownerClass` (its parent's class, or null) are read before the dispatch: the receiver
    // may be gone after it.
    void noteDispatch(const char *receiverClass, const char *ownerClass, int eventType, qint64 ns);
    // A named piece of work on the GUI thread (StallProbe), `ns` long.
    void noteProbe(const char *label, qint64 ns);

    // One tick at `nowMs` with the GUI thread's CPU and run-queue wait clocks so far
    // (microseconds, -1 unknown). The timer calls it with the real clocks; tests feed their own.
    void feedTick(qint64 nowMs, qint64 cpuUs, qint64 queuedUs);

private:
    struct Piece
    {
        qint64 ns = -1;
        const char *what = nullptr;  // class name or probe label (static strings)
        const char *owner = nullptr; // the receiver's parent's class
        int eventType = -1;          // -1: a probe
    };

    void tick();
    void notePiece(const Piece &piece);
    void keep(const Stall &stall);

    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_schedstat = -1; // this thread's /proc schedstat, for the run-queue wait
    qint64 m_last = -1;
    qint64 m_lastCpuUs = -1;
    qint64 m_lastQueuedUs = -1;
    qint64 m_maxStallMs = 0;
    qint64 m_over50 = 0;
    qint64 m_over100 = 0;
    qint64 m_ticks = 0;
    qint64 m_logThresholdMs = -1;
    QList<Stall> m_worst;
    // What ran since the last tick.
    int m_events = 0;
    std::array<Piece, LongestKept> m_pieces{};
};

// Times a named piece of GUI-thread work for the active StallMonitor (nothing when none is
// active): `StallProbe probe("new investigation tab");`. `label` must be a string literal.
class StallProbe
{
    Q_DISABLE_COPY_MOVE(StallProbe)

public:
    explicit StallProbe(const char *label);
    ~StallProbe();

private:
    const char *m_label;
    StallMonitor *m_monitor;
    QElapsedTimer m_timer;
};

} // namespace Casefile
