#include "core/async.h"
#include "ui/stallmonitor.h"
#include "ui/workbenchapplication.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <optional>
#include <utility>

#if defined(Q_OS_UNIX)
#include <time.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace Casefile;
using namespace Qt::StringLiterals;

// A receiver with a name of its own, so a stall can be seen to name it.
class SlowReceiver : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
};

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

    // Fed ticks and dispatches by hand: what it reports follows from what it was fed.
    void reportsAStallItIsFed()
    {
        StallMonitor monitor;
        monitor.setLogThreshold(30);
        monitor.feedTick(1000, 0, 0);
        monitor.noteDispatch("Casefile::TimelineCharts", "Casefile::InvestigationView",
                             int(QEvent::MetaCall), 40'000'000);
        monitor.noteProbe("new investigation tab", 25'000'000);
        monitor.noteDispatch("QWidget", nullptr, int(QEvent::LayoutRequest), 1'000'000);
        QTest::ignoreMessage(QtInfoMsg,
                             QRegularExpression(u"GUI thread stalled 75 ms .*CPU 30 ms.*"
                                                u"waiting for a core 45 ms.*TimelineCharts"_s));
        monitor.feedTick(1080, 30'000, 45'000);

        QCOMPARE(monitor.maxStallMs(), 75);
        QCOMPARE(monitor.maxStallCpuMs(), 30);
        QCOMPARE(monitor.maxStallQueuedMs(), 45);
        QCOMPARE(monitor.stallsOver50Ms(), 1);
        QCOMPARE(monitor.stallsOver100Ms(), 0);
        const QList<Stall> worst = monitor.worstStalls();
        QCOMPARE(worst.size(), 1);
        QCOMPARE(worst.first().atMs, 1080);
        QCOMPARE(worst.first().events, 2); // the probe ran inside an event, it is no event
        const QStringList expected{
            u"40 ms Casefile::TimelineCharts in Casefile::InvestigationView (queued call)"_s,
            u"25 ms new investigation tab"_s,
            u"1 ms QWidget (event %1)"_s.arg(int(QEvent::LayoutRequest))};
        QCOMPARE(worst.first().longest, expected);

        // The next gap starts empty: what ran in the last one is not counted again.
        monitor.feedTick(1085, 30'000, 45'000);
        QCOMPARE(monitor.worstStalls().size(), 1);
    }

    void keepsTheWorstStallsLongestFirst_data()
    {
        QTest::addColumn<QList<qint64>>("gaps"); // between ticks, ms
        QTest::addColumn<QList<qint64>>("kept"); // stalls reported, longest first
        QTest::addColumn<qint64>("over50");
        QTest::addColumn<qint64>("over100");
        QTest::newRow("none") << QList<qint64>{5, 5, 5} << QList<qint64>{} << qint64(0)
                              << qint64(0);
        QTest::newRow("a few") << QList<qint64>{5, 60, 5, 20, 130} << QList<qint64>{125, 55, 15}
                               << qint64(2) << qint64(1);
        QTest::newRow("more than kept")
            << QList<qint64>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110}
            << QList<qint64>{105, 95, 85, 75, 65, 55, 45, 35} << qint64(6) << qint64(1);
    }

    void keepsTheWorstStallsLongestFirst()
    {
        QFETCH(QList<qint64>, gaps);
        QFETCH(QList<qint64>, kept);
        QFETCH(qint64, over50);
        QFETCH(qint64, over100);
        StallMonitor monitor;
        qint64 now = 0;
        monitor.feedTick(now, -1, -1);
        for (const qint64 gap : gaps)
            monitor.feedTick(now += gap, -1, -1);
        QList<qint64> reported;
        for (const Stall &stall : monitor.worstStalls()) {
            reported.append(stall.ms);
            QCOMPARE(stall.cpuMs, -1); // unknown clocks stay unknown
            QCOMPARE(stall.queuedMs, -1);
        }
        QCOMPARE(reported, kept);
        QCOMPARE(monitor.maxStallMs(), kept.isEmpty() ? 0 : kept.first());
        QCOMPARE(monitor.stallsOver50Ms(), over50);
        QCOMPARE(monitor.stallsOver100Ms(), over100);
        QCOMPARE(monitor.ticks(), qint64(gaps.size() + 1));
    }

    // Through the application's dispatch hook: a stall names the event that caused it and
    // the probe inside it; a probe on another thread is no stall of the GUI thread.
    void namesTheEventThatStalled()
    {
        QVERIFY(qobject_cast<WorkbenchApplication *>(qApp));
        QObject owner;
        auto *receiver = new SlowReceiver(&owner);
        StallMonitor monitor;
        monitor.start();
        QCOMPARE(StallMonitor::active(), &monitor);
        QTRY_VERIFY(monitor.ticks() >= 2);
        QThread *worker = QThread::create([] {
            StallProbe probe("probe on a worker");
            QThread::msleep(20);
        });
        worker->start();
        QVERIFY(worker->wait(10'000));
        delete worker;
        const qint64 before = monitor.ticks();
        QMetaObject::invokeMethod(
            receiver,
            [] {
                StallProbe probe("deliberate block");
                QThread::msleep(120);
            },
            Qt::QueuedConnection);
        QTRY_VERIFY(monitor.ticks() >= before + 2);
        const QList<Stall> worst = monitor.worstStalls();
        const auto it = std::find_if(worst.cbegin(), worst.cend(), [](const Stall &s) {
            return s.longest.join(u'|').contains(u"deliberate block"_s);
        });
        QVERIFY2(it != worst.cend(),
                 qPrintable(monitor.maxStallMs() ? worst.first().text() : u"none"_s));
        QVERIFY2(it->ms >= 100, qPrintable(it->text()));
        QVERIFY(it->events >= 1);
        QVERIFY2(it->longest.join(u'|').contains(u"SlowReceiver in QObject (queued call)"_s),
                 qPrintable(it->text()));
        for (const Stall &stall : worst)
            QVERIFY2(!stall.text().contains(u"probe on a worker"_s), qPrintable(stall.text()));
        monitor.stop();
        QCOMPARE(StallMonitor::active(), nullptr);
    }

#if defined(Q_OS_LINUX)
    // Background work runs on a worker below the GUI thread's priority and its result comes
    // back on the GUI thread, whose own priority is left as it was.
    void workersRunBelowTheGuiThread()
    {
        const auto niceOfThisThread = [] {
            return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
        };
        const int guiNice = niceOfThisThread();
        QObject guard;
        std::optional<std::pair<int, Qt::HANDLE>> worker;
        Qt::HANDLE resultThread = nullptr;
        runAsync(
            &guard,
            [niceOfThisThread] {
                return std::pair{niceOfThisThread(), QThread::currentThreadId()};
            },
            [&](std::pair<int, Qt::HANDLE> seen) {
                worker = seen;
                resultThread = QThread::currentThreadId();
            });
        QTRY_VERIFY(worker.has_value());
        QVERIFY(worker->second != QThread::currentThreadId());
        QCOMPARE(resultThread, QThread::currentThreadId());
        QVERIFY2(worker->first >= WorkerNice, qPrintable(QString::number(worker->first)));
        QCOMPARE(niceOfThisThread(), guiNice);
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

// The stall watchdog needs its application object: the dispatch hook is WorkbenchApplication's.
int main(int argc, char **argv)
{
    WorkbenchApplication app(argc, argv);
    TestStallMonitor test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_stallmonitor.moc"
