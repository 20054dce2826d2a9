#pragma once

#include <QApplication>

namespace Casefile {

// The desktop application object. While a StallMonitor is active it times every top-level
// event the GUI thread dispatches and tells the monitor what it was (the receiver's class and
// its parent's), so a stall names the work inside it. Without an active monitor it only
// forwards: one atomic load per event.
class WorkbenchApplication final : public QApplication
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkbenchApplication)

public:
    WorkbenchApplication(int &argc, char **argv);
    ~WorkbenchApplication() override;

    bool notify(QObject *receiver, QEvent *event) override;

private:
    int m_depth = 0; // nesting of dispatches on the GUI thread
};

} // namespace Casefile
