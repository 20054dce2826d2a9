#include "connectors/common/parallel.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>

#include <exception>
#include <memory>

namespace Casefile::Connectors {

namespace {

// Threads that only wait on sockets; kept a while so their network managers are reused.
QThreadPool &requestPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(32);
        p->setExpiryTimeout(60000);
        return p;
    }();
    return *pool;
}

} // namespace

void runTogether(const QList<std::function<void()>> &tasks)
{
    if (tasks.size() == 1) {
        tasks.first()();
        return;
    }
    // Shared, so that a task finishing last never touches what the caller already released.
    struct State
    {
        QSemaphore done;
        QMutex mutex;
        std::exception_ptr failure;
    };
    auto state = std::make_shared<State>();
    for (const auto &task : tasks) {
        // `task` outlives this: the caller waits below until every task has released.
        requestPool().start([&task, state] {
            try {
                task();
            } catch (...) {
                QMutexLocker lock(&state->mutex);
                if (!state->failure)
                    state->failure = std::current_exception();
            }
            state->done.release();
        });
    }
    // The caller's events keep being served while it waits, as they are inside every request
    // (HttpClient runs an event loop): whatever lives on this thread still answers.
    const int count = int(tasks.size());
    while (!state->done.tryAcquire(count, 2))
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    if (state->failure)
        std::rethrow_exception(state->failure); // every task has finished
}

} // namespace Casefile::Connectors
