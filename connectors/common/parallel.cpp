#include "connectors/common/parallel.h"

#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>

#include <exception>

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
    QSemaphore done;
    QMutex mutex;
    std::exception_ptr failure;
    for (const auto &task : tasks) {
        requestPool().start([&task, &done, &mutex, &failure] {
            try {
                task();
            } catch (...) {
                QMutexLocker lock(&mutex);
                if (!failure)
                    failure = std::current_exception();
            }
            done.release();
        });
    }
    done.acquire(int(tasks.size()));
    if (failure)
        std::rethrow_exception(failure); // after every task finished: nothing refers to us
}

} // namespace Casefile::Connectors
