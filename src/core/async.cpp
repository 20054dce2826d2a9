#include "core/async.h"

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace Casefile {

void lowerWorkerPriority()
{
#if defined(Q_OS_LINUX)
    // Linux schedules threads as tasks: a per-thread nice value. Done once per thread.
    thread_local bool lowered = false;
    if (!lowered) {
        lowered = true;
        const auto tid = id_t(::syscall(SYS_gettid));
        const int current = ::getpriority(PRIO_PROCESS, tid);
        if (current < WorkerNice)
            (void)::setpriority(PRIO_PROCESS, tid, WorkerNice);
    }
#endif
}

} // namespace Casefile
