// GUI benchmark: start-up time, the largest event-loop stall of the main window while
// investigations run and the queue holds thousands of tickets, and peak memory.
//
//   bench_gui --profile PROFILE --tickets ID,ID,... [--concurrent 5] [--open 20]
//
// Opens the workbench on PROFILE (a sandbox whose helpdesk serves the whole queue), waits for
// the queue, then starts `--concurrent` investigations on the listed tickets, 100 ms apart as
// by hand, and lets them run at once while a StallMonitor watches the GUI thread; then starts
// more the same way until `--open` investigations are open (the stall while those run is
// reported too) and reads the peak RSS. Then, with those open, it saves copies of the last
// finished investigation under other tickets and opens each saved one in a tab (the time from
// the click to the tab shown, event loop idle again). Prints one JSON object on stdout.
#include "connectors/connectorfactory.h"
#include "core/async.h"
#include "core/engine/playbooklibrary.h"
#include "core/profile.h"
#include "storage/sqlitestore.h"
#include "ui/mainwindow.h"
#include "ui/stallmonitor.h"
#include "ui/ticketqueuemodel.h"
#include "ui/workbenchapplication.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

// VmHWM (peak resident set) of this process, in MiB; 0 where /proc is not there.
double peakRssMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// CPU time the calling thread has used, in ms.
double guiCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

// The stalls the monitor kept, each with what ran in it, as JSON lines.
QJsonArray stallTexts(const StallMonitor &monitor)
{
    QJsonArray out;
    for (const Stall &stall : monitor.worstStalls())
        out.append(stall.text());
    return out;
}

// Time between two investigations started by hand (next ticket, Run: two keystrokes).
constexpr int LaunchSpacingMs = 100;

class Driver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Driver)

public:
    Driver(MainWindow *window, std::shared_ptr<Store> store, QStringList tickets, int concurrent,
           int open, const QElapsedTimer &sinceStart)
        : m_window(window)
        , m_store(std::move(store))
        , m_tickets(std::move(tickets))
        , m_concurrent(concurrent)
        , m_open(open)
        , m_sinceStart(sinceStart)
    {
        connect(window, &MainWindow::profileFailed, this,
                [this](const QString &message) { fail(u"profile: "_s + message); });
        connect(window, &MainWindow::ticketsLoaded, this, &Driver::onTickets);
        connect(window, &MainWindow::investigationFinished, this, &Driver::onFinished);
        QTimer::singleShot(600'000, this, [this] { fail(u"timed out after 10 minutes"_s); });
    }

    void start(const QString &profile)
    {
        // The first turn of the event loop after show(): the window is usable.
        QTimer::singleShot(0, this, [this, profile] {
            m_result.insert(u"startup_ms"_s, double(m_sinceStart.elapsed()));
            m_stalls.start();
            m_phase.start();
            m_window->openProfile(profile);
        });
    }

private:
    void onTickets(int count)
    {
        if (m_ticketsSeen)
            return; // a later background refresh
        m_ticketsSeen = true;
        m_result.insert(u"tickets"_s, count);
        m_result.insert(u"queue_load_ms"_s, double(m_phase.elapsed()));
        if (m_tickets.size() < m_open) {
            fail(u"%1 tickets given, %2 investigations asked for"_s.arg(m_tickets.size())
                     .arg(m_open));
            return;
        }
        // This runs inside the event that fills the queue: read the stall figure once that
        // event is over, so it counts.
        QTimer::singleShot(0, this, [this] {
            m_result.insert(u"queue_load_max_stall_ms"_s, double(m_stalls.maxStallMs()));
            m_stalls.reset();
            m_phase.start();
            launch(m_concurrent);
        });
    }

    // Starts n investigations LaunchSpacingMs apart, each in its own event: a person starts
    // them one at a time, never several in one event.
    void launch(int n)
    {
        for (int i = 0; i < n; ++i) {
            QTimer::singleShot(i * LaunchSpacingMs, this, [this] {
                const QString id = m_tickets.value(m_launched);
                if (!m_window->selectTicket(id)) {
                    fail(u"ticket %1 is not in the queue"_s.arg(id));
                    return;
                }
                m_window->runCurrentTicket();
                ++m_launched;
            });
        }
    }

    void onFinished(const Investigation &investigation)
    {
        m_last = investigation;
        ++m_finished;
        if (m_finished == m_concurrent) {
            // Charts and findings are built on workers after finished(): let them land
            // before the stall figure is taken.
            QTimer::singleShot(1500, this, [this] {
                m_result.insert(u"concurrent"_s, m_concurrent);
                m_result.insert(u"launch_spacing_ms"_s, LaunchSpacingMs);
                m_result.insert(u"concurrent_wall_ms"_s, double(m_phase.elapsed()));
                m_result.insert(u"max_stall_ms"_s, double(m_stalls.maxStallMs()));
                m_result.insert(u"stall_ticks"_s, double(m_stalls.ticks()));
                m_result.insert(u"max_stall_gui_cpu_ms"_s, double(m_stalls.maxStallCpuMs()));
                m_result.insert(u"max_stall_queued_ms"_s, double(m_stalls.maxStallQueuedMs()));
                m_result.insert(u"stalls_over_50ms"_s, double(m_stalls.stallsOver50Ms()));
                m_result.insert(u"stalls_over_100ms"_s, double(m_stalls.stallsOver100Ms()));
                m_result.insert(u"slowest_events"_s, stallTexts(m_stalls));
                m_stalls.reset();
                m_phase.start();
                if (m_launched == m_open)
                    finishWithMemory();
                else
                    launch(m_open - m_launched);
            });
        } else if (m_finished == m_open) {
            QTimer::singleShot(1500, this, &Driver::finishWithMemory);
        }
    }

    void finishWithMemory()
    {
        int open = 0;
        for (int i = 0; i < m_window->tabs()->count(); ++i)
            open += qobject_cast<InvestigationTab *>(m_window->tabs()->widget(i)) ? 1 : 0;
        m_result.insert(u"open_investigations"_s, open);
        m_result.insert(u"more_max_stall_ms"_s, double(m_stalls.maxStallMs()));
        m_result.insert(u"more_max_stall_gui_cpu_ms"_s, double(m_stalls.maxStallCpuMs()));
        m_result.insert(u"more_max_stall_queued_ms"_s, double(m_stalls.maxStallQueuedMs()));
        m_result.insert(u"more_stalls_over_50ms"_s, double(m_stalls.stallsOver50Ms()));
        m_result.insert(u"more_wall_ms"_s, double(m_phase.elapsed()));
        m_result.insert(u"more_slowest_events"_s, stallTexts(m_stalls));
        m_result.insert(u"peak_rss_mb"_s, peakRssMb());
        openSaved();
    }

    // Opening a saved investigation: from the call until its tab is current and the event loop
    // has handled what that posted (layout, paint requests).
    void openSaved()
    {
        for (int i = 0; i < SavedToOpen; ++i) {
            Investigation copy = m_last;
            copy.ticket.id = QString::number(900000 + i);
            auto id = m_store->saveInvestigation(copy);
            if (!id) {
                fail(u"save: "_s + id.error().message);
                return;
            }
            m_saved.append(*id);
        }
        openNextSaved();
    }

    void openNextSaved()
    {
        if (qsizetype(m_openTimes.size()) == m_saved.size()) {
            std::vector<double> times = m_openTimes;
            std::sort(times.begin(), times.end());
            m_result.insert(u"open_saved_median_ms"_s, times[times.size() / 2]);
            m_result.insert(u"open_saved_worst_ms"_s, times.back());
            std::vector<double> cpu = m_openCpu;
            std::sort(cpu.begin(), cpu.end());
            m_result.insert(u"open_saved_gui_cpu_median_ms"_s, cpu[cpu.size() / 2]);
            m_result.insert(u"open_saved_gui_cpu_worst_ms"_s, cpu.back());
            m_result.insert(u"open_saved_count"_s, int(times.size()));
            m_result.insert(u"open_saved_with_tabs_open"_s, m_window->tabs()->count());
            finish(0);
            return;
        }
        const int before = m_window->tabs()->count();
        auto timer = std::make_shared<QElapsedTimer>();
        auto poll = std::make_shared<QMetaObject::Connection>();
        const double cpuBefore = guiCpuMs();
        timer->start();
        m_window->openSaved(m_saved.at(qsizetype(m_openTimes.size())));
        // The tab arrives once the store read (a worker) is back on the GUI thread.
        *poll = connect(m_window->tabs(), &QTabWidget::currentChanged, this,
                        [this, before, timer, poll, cpuBefore] {
                            if (m_window->tabs()->count() <= before)
                                return;
                            disconnect(*poll);
                            QTimer::singleShot(0, this, [this, timer, cpuBefore] {
                                m_openTimes.push_back(timer->nsecsElapsed() / 1e6);
                                m_openCpu.push_back(guiCpuMs() - cpuBefore);
                                // A moment between two opens, as between two clicks.
                                QTimer::singleShot(200, this, &Driver::openNextSaved);
                            });
                        });
    }

    void fail(const QString &message)
    {
        QTextStream(stderr) << "bench_gui: " << message << '\n';
        m_result.insert(u"error"_s, message);
        finish(1);
    }

    void finish(int code)
    {
        if (m_done)
            return;
        m_done = true;
        std::fputs(QJsonDocument(m_result).toJson(QJsonDocument::Indented).constData(), stdout);
        QCoreApplication::exit(code);
    }

    static constexpr int SavedToOpen = 10;
    MainWindow *m_window;
    std::shared_ptr<Store> m_store;
    QStringList m_tickets;
    int m_concurrent;
    int m_open;
    const QElapsedTimer &m_sinceStart;
    StallMonitor m_stalls;
    QElapsedTimer m_phase;
    QJsonObject m_result;
    int m_launched = 0;
    int m_finished = 0;
    bool m_ticketsSeen = false;
    bool m_done = false;
    Investigation m_last;
    QStringList m_saved;
    std::vector<double> m_openTimes;
    std::vector<double> m_openCpu; // GUI thread CPU time of each open: what load cannot inflate
};

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    WorkbenchApplication app(argc, argv);
    QApplication::setApplicationName(u"casefile-bench"_s);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption profileOption(u"profile"_s, u"Workspace profile."_s, u"PROFILE"_s);
    const QCommandLineOption ticketsOption(u"tickets"_s, u"Ticket ids to investigate."_s, u"IDS"_s);
    const QCommandLineOption concurrentOption(u"concurrent"_s, u"Investigations at once."_s, u"N"_s,
                                              u"5"_s);
    const QCommandLineOption openOption(u"open"_s, u"Investigations open in the end."_s, u"N"_s,
                                        u"20"_s);
    parser.addOptions({profileOption, ticketsOption, concurrentOption, openOption});
    parser.process(app);
    const int concurrent = parser.value(concurrentOption).toInt();
    const int open = parser.value(openOption).toInt();
    if (!parser.isSet(profileOption) || concurrent < 1 || open < concurrent) {
        QTextStream(stderr) << "bench_gui: --profile is required and 1 <= --concurrent <= --open\n";
        return 2;
    }

    QTemporaryDir dir;
    WorkbenchServices services;
    auto store = SqliteStore::open(dir.filePath(u"casefile.sqlite"_s));
    if (!store) {
        QTextStream(stderr) << "bench_gui: " << store.error().message << '\n';
        return 1;
    }
    services.store = std::move(*store);
    services.connect = [](const WorkspaceProfile &p) {
        return createConnectors(p, &resolveSecretWithoutKeychain);
    };
    services.playbooks = std::make_shared<const PlaybookLibrary>(PlaybookLibrary::load({}, false));

    int code = 0;
    {
        MainWindow window(services);
        window.resize(1600, 1000);
        Driver driver(&window, services.store, parser.value(ticketsOption).split(u','), concurrent,
                      open, sinceStart);
        window.show();
        driver.start(parser.value(profileOption));
        code = QApplication::exec();
        window.close();
    }
    backgroundPool()->waitForDone();
    QThreadPool::globalInstance()->waitForDone();
    return code;
}

#include "bench_gui.moc"
