#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace Casefile {

class MainWindow;

// Drives the window through the main views and saves a PNG of each; quits with 0 when all
// are written, 1 on a failure or after two minutes.
class ScreenshotDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotDriver)

public:
    // Parented to the window; starts once the window's profile loads its tickets.
    ScreenshotDriver(MainWindow *window, const QString &dir);

private:
    bool grab(QWidget *widget, const QString &name);
    void onTickets(int count);
    void onFinished();
    void finish(int code, const QString &message);

    MainWindow *m_window;
    QString m_dir;
    bool m_done = false;
};

} // namespace Casefile
