#pragma once

#include <QDeadlineTimer>

#include <atomic>
#include <memory>

namespace Casefile {

// A shared cancellation flag. Copies share one state; cancel() is thread-safe and sticky.
class CancelToken
{
public:
    CancelToken()
        : m_state(std::make_shared<std::atomic_bool>(false))
    {}
    void cancel() const { m_state->store(true, std::memory_order_release); }
    bool isCancelled() const { return m_state->load(std::memory_order_acquire); }

private:
    std::shared_ptr<std::atomic_bool> m_state;
};

// What bounds one unit of work: a deadline and a cancel token.
struct WorkLimits
{
    QDeadlineTimer deadline{QDeadlineTimer::Forever};
    CancelToken cancel;
};

} // namespace Casefile
