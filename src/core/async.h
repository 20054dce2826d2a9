#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace Casefile {

// Runs `work` on `pool` and hands its value to `done` in `guard`'s thread. If `guard` is
// destroyed first, `done` is never called (the watcher dies with it), so a callback can
// never reach a destroyed widget. `work` must not touch `guard`.
template<typename Work, typename Done>
void runAsync(QObject *guard, Work work, Done done,
              QThreadPool *pool = QThreadPool::globalInstance())
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
