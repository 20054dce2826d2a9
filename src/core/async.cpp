#include "core/async.h"

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>

namespace Casefile {

namespace {
std::atomic<int> niceOfWorkers{WorkerNice};
} // namespace

void setWorkerNice(int nice)
{
    niceOfWorkers.store(std::clamp(nice, 0, 19), std::memory_order_relaxed);
}

int workerNice()
{
    return niceOfWorkers.load(std::memory_order_relaxed);
}

void lowerWorkerPriority()
{
#if defined(Q_OS_LINUX)
    // Linux schedules threads as tasks: a per-thread nice value. Done once per thread.
    thread_local bool lowered = false;
    if (!lowered) {
        lowered = true;
        const auto tid = id_t(::syscall(SYS_gettid));
        const int current = ::getpriority(PRIO_PROCESS, tid);
        const int wanted = workerNice();
        if (current < wanted)
            (void)::setpriority(PRIO_PROCESS, tid, wanted);
    }
#endif
}

} // namespace Casefile
