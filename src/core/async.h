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
        promise->start();
        promise->addResult(work());
        promise->finish();
    });
}

} // namespace Casefile
