#include "ui/stallmonitor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

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
