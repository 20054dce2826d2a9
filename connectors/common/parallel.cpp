#include "connectors/common/parallel.h"

#include "core/async.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <exception>
#include <memory>

namespace Casefile::Connectors {

namespace {

// Threads that only wait on sockets; kept a while so their network managers (and the
// connections those keep open) are reused. The pool never queues a request behind another:
// it holds at least as many threads as there are tasks in flight, so every task of every
// caller is sent at once. The ceiling only guards against a runaway caller.
constexpr int MinThreads = 32;
constexpr int MaxThreads = 1024;

class RequestPool
{
public:
    RequestPool()
    {
        m_pool.setMaxThreadCount(MinThreads);
        m_pool.setExpiryTimeout(60000);
    }

    // Makes room for `count` more tasks (negative: they are done) before they are started.
    void reserve(int count)
    {
        QMutexLocker lock(&m_mutex);
        m_inFlight += count;
        const int wanted = std::clamp(m_inFlight, MinThreads, MaxThreads);
        // Grows at once; shrinks only by what is no longer in flight (idle threads expire).
        if (wanted != m_pool.maxThreadCount())
            m_pool.setMaxThreadCount(wanted);
    }

    QThreadPool &pool() { return m_pool; }

private:
    QThreadPool m_pool;
    QMutex m_mutex;
    int m_inFlight = 0;
};

RequestPool &requestPool()
{
    static auto *pool = new RequestPool;
    return *pool;
}

} // namespace

void warmUp(int threads, const std::function<void()> &prepare)
{
    threads = std::clamp(threads, 0, MaxThreads);
    if (threads == 0)
        return;
    // Each task holds its thread until all have started, so that `threads` distinct threads
    // exist afterwards (idle ones are reused, new ones started); none waits long.
    struct Barrier
    {
        QMutex mutex;
        QWaitCondition all;
        int arrived = 0;
    };
    auto barrier = std::make_shared<Barrier>();
    const std::function<void()> task = [barrier, prepare, threads] {
        lowerWorkerPriority(); // the threads serve investigations: below the GUI thread
        if (prepare)
            prepare();
        {
            QMutexLocker lock(&barrier->mutex);
            if (++barrier->arrived == threads)
                barrier->all.wakeAll();
            QDeadlineTimer patience(2000);
            while (barrier->arrived < threads && !patience.hasExpired())
                barrier->all.wait(&barrier->mutex, patience);
        }
        requestPool().reserve(-1);
    };
    requestPool().reserve(threads);
    // The threads are started from the pool, not by the caller, which goes on at once.
    requestPool().pool().start([task, threads] {
        for (int i = 1; i < threads; ++i)
            requestPool().pool().start(task);
        task();
    });
}

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
    const int count = int(tasks.size());
    requestPool().reserve(count);
    for (const auto &task : tasks) {
        // `task` outlives this: the caller waits below until every task has released.
        requestPool().pool().start([&task, state] {
            lowerWorkerPriority();
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
    while (!state->done.tryAcquire(count, 2))
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    requestPool().reserve(-count);
    if (state->failure)
        std::rethrow_exception(state->failure); // every task has finished
}

} // namespace Casefile::Connectors
