#include "ui/workbenchapplication.h"

#include "ui/stallmonitor.h"

#include <QElapsedTimer>
#include <QThread>

namespace Casefile {

WorkbenchApplication::WorkbenchApplication(int &argc, char **argv)
    : QApplication(argc, argv)
{}

WorkbenchApplication::~WorkbenchApplication() = default;

bool WorkbenchApplication::notify(QObject *receiver, QEvent *event)
{
    StallMonitor *monitor = StallMonitor::active();
    // Workers deliver their own events (their network replies) through here too: only the
    // monitor's thread's are its business, and only the outermost one (it holds the nested).
    if (!monitor || m_depth > 0 || !receiver || QThread::currentThread() != monitor->thread())
        return QApplication::notify(receiver, event);
    // Read before the dispatch: a deferred delete, for one, destroys the receiver.
    const char *what = receiver->metaObject()->className();
    const char *owner =
        receiver->parent() ? receiver->parent()->metaObject()->className() : nullptr;
    const int type = int(event->type());
    const qint64 ticks = monitor->ticks();
    QElapsedTimer timer;
    timer.start();
    ++m_depth;
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    // Not when the monitor was stopped or destroyed by the event itself, nor when it ticked
    // meanwhile (a nested event loop, a dialog's: that time was no stall).
    if (StallMonitor::active() == monitor && monitor->ticks() == ticks)
        monitor->noteDispatch(what, owner, type, timer.nsecsElapsed());
    return handled;
}

} // namespace Casefile
