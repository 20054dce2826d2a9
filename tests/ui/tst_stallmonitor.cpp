#include "ui/stallmonitor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#if defined(Q_OS_UNIX)
#include <time.h>
#endif

using namespace Casefile;

class TestStallMonitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ticksWhileIdle()
    {
        StallMonitor monitor;
        monitor.start();
        QVERIFY(monitor.isActive());
        QTRY_VERIFY(monitor.ticks() >= 3);
    }

    void measuresABlockedEventLoop()
    {
        StallMonitor monitor;
        monitor.start();
        QTRY_VERIFY(monitor.ticks() >= 2);
        // Block the GUI thread on purpose: the monitor must see a gap at least this long.
        const qint64 before = monitor.ticks();
        QThread::msleep(120);
        QTRY_VERIFY(monitor.ticks() >= before + 2);
        QVERIFY2(monitor.maxStallMs() >= 100, qPrintable(QString::number(monitor.maxStallMs())));
    }

#if defined(Q_OS_UNIX)
    // A stall spent waiting uses no CPU on the GUI thread; one spent working does.
    void tellsWaitingFromWorking()
    {
        StallMonitor monitor;
        monitor.start();
        QTRY_VERIFY(monitor.ticks() >= 2);
        qint64 before = monitor.ticks();
        QThread::msleep(120);
        QTRY_VERIFY(monitor.ticks() >= before + 2);
        QVERIFY(monitor.maxStallMs() >= 100);
        QVERIFY2(monitor.maxStallCpuMs() >= 0 && monitor.maxStallCpuMs() < 50,
                 qPrintable(QString::number(monitor.maxStallCpuMs())));
        QCOMPARE(monitor.stallsOver50Ms(), 1);
        QCOMPARE(monitor.stallsOver100Ms(), 1);

        monitor.reset();
        QTRY_VERIFY(monitor.ticks() >= 2);
        before = monitor.ticks();
        // Burn 200 ms of this thread's own CPU time (not wall time: a busy machine may
        // deschedule it, which would then count as waiting).
        const auto cpuMs = [] {
            timespec ts{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
        };
        const qint64 start = cpuMs();
        volatile quint64 sink = 0;
        while (cpuMs() - start < 200)
            sink = sink + 1;
        QTRY_VERIFY(monitor.ticks() >= before + 2);
        QVERIFY(monitor.maxStallMs() >= 200);
        QVERIFY2(monitor.maxStallCpuMs() >= 190,
                 qPrintable(QString::number(monitor.maxStallCpuMs())));
    }
#endif

    void resetForgetsTheWorstGap()
    {
        StallMonitor monitor;
        monitor.start();
        QTRY_VERIFY(monitor.ticks() >= 2);
        const qint64 before = monitor.ticks();
        QThread::msleep(60);
        QTRY_VERIFY(monitor.ticks() >= before + 2);
        QVERIFY(monitor.maxStallMs() >= 40);
        monitor.reset();
        QCOMPARE(monitor.maxStallMs(), 0);
        monitor.stop();
        QVERIFY(!monitor.isActive());
    }
};

QTEST_MAIN(TestStallMonitor)
#include "tst_stallmonitor.moc"
