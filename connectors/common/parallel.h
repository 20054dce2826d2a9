#pragma once

#include <QList>

#include <functional>
#include <optional>
#include <type_traits>

namespace Casefile::Connectors {

// Runs every task at once and returns their results in the tasks' order, once all are done.
// For independent requests of one operation (a search per term, a page per hit) that wait on
// the network, not on the CPU: n requests cost one round trip instead of n. The tasks run on
// a pool of their own (never the caller's), so a caller that is itself a pool worker cannot
// starve it; that pool grows with the tasks in flight, so no task waits for another's thread,
// however many callers send at once. A single task runs on the calling thread. If a task throws,
// the first exception is rethrown once all have finished.
void runTogether(const QList<std::function<void()>> &tasks);

// Starts `threads` threads of that pool ahead of the requests (each runs `prepare` once) and
// returns at once: a step's first wave of requests then goes out together instead of behind
// threads starting one after another. For the idle time before the work, such as a ticket
// being read.
void warmUp(int threads, const std::function<void()> &prepare = {});

template<typename Fn>
auto inParallel(qsizetype count, Fn fn) -> QList<std::invoke_result_t<Fn, qsizetype>>
{
    using R = std::invoke_result_t<Fn, qsizetype>;
    QList<std::optional<R>> answers(count);
    QList<std::function<void()>> tasks;
    tasks.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        tasks.append([&answers, &fn, i] { answers[i].emplace(fn(i)); });
    runTogether(tasks);
    QList<R> out;
    out.reserve(count);
    for (auto &answer : answers)
        out.append(std::move(*answer));
    return out;
}

} // namespace Casefile::Connectors
