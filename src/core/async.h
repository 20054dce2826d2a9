#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <memory>
#include <type_traits>
#include <utility>

namespace Casefile {

// Lowers the calling worker thread's CPU priority (on Linux a per-thread nice of WorkerNice),
// so that on a busy machine the GUI thread gets the CPU first and the window stays responsive
// while investigations run. No effect elsewhere; called at the start of every background task.
inline constexpr int WorkerNice = 5;
void lowerWorkerPriority();

// The pool for the application's own background work (helpdesk refreshes, connection checks,
// the store, building charts). Not QThreadPool::globalInstance(): Qt borrows that one for its
// own work on the GUI thread's behalf (the raster engine splits large fills and image scaling
// across it and waits), and it has only as many threads as cores, so a few blocking network
// calls there would freeze painting until they return.
inline QThreadPool *backgroundPool()
{
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool; // never destroyed: tasks may still be draining at exit
        p->setObjectName(QStringLiteral("casefile-background"));
        p->setMaxThreadCount(std::max(8, QThread::idealThreadCount() * 4));
        return p;
    }();
    return pool;
}

// Runs `work` on `pool` and hands its value to `done` in `guard`'s thread. If `guard` is
// destroyed first, `done` is never called (the watcher dies with it), so a callback can
// never reach a destroyed widget. `work` must not touch `guard`.
template<typename Work, typename Done>
void runAsync(QObject *guard, Work work, Done done, QThreadPool *pool = backgroundPool())
{
    using T = std::invoke_result_t<Work>;
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    auto *watcher = new QFutureWatcher<T>(guard);
    QObject::connect(watcher, &QFutureWatcherBase::finished, guard,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         if (watcher->future().resultCount() > 0)
                             done(watcher->future().takeResult());
                     });
    watcher->setFuture(future);
    pool->start([promise, work = std::move(work)]() mutable {
        lowerWorkerPriority();
        promise->start();
        promise->addResult(work());
        promise->finish();
    });
}

} // namespace Casefile
