#pragma once

#include "core/connector.h"
#include "core/domain.h"

#include <QDateTime>
#include <QObject>

#include <algorithm>
#include <chrono>
#include <memory>

namespace Casefile {

class LookupCache;

class PlaybookLibrary;
class InvestigationRunPrivate;

// Runs one investigation: classifies the ticket (unless a playbook is forced), binds the
// playbook's parameters, runs its steps concurrently (at most Options::maxParallelSteps at
// once) on the worker threads all investigations share, runs the analyzers off the calling
// thread and composes the diagnosis.
//
// Thread affinity: lives in the thread that created it (the GUI thread or the CLI's main
// thread) and never blocks it; all work happens on worker threads and comes back through
// queued calls. Signals are emitted in the object's thread. Destroying a running
// investigation cancels it and waits for its own tasks to finish (they stop at their next
// cancellation point, which the HTTP client checks every few milliseconds), not for the threads.
class InvestigationRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvestigationRun)

public:
    struct Options
    {
        QString playbook; // empty: classify the ticket and choose
        // Steps in flight at once. They wait on the network, not the CPU: a playbook with its
        // shared steps has up to 17 that need nothing before them, and each one held back adds
        // a round trip to the run.
        int maxParallelSteps = 24;
        std::chrono::milliseconds overallTimeout{std::chrono::minutes(5)};
        bool polishWithLlm = false; // polish the draft through the workspace's `llm` connection
        // Multiplies every time limit the run sets itself (each step's timeout_s, the
        // organisations lookup, the polish); below 1 makes a run against a stalled system short.
        double timeoutScale = 1.0;
        // Short-lived answers shared by the investigations of a workspace (its organisations,
        // an organisation's billing customer): a hit saves the round trip. None: ask every time.
        std::shared_ptr<LookupCache> lookups;
        QString workspace; // whose answers: entries of other workspaces are never used

        // `ms` scaled by timeoutScale, never below 100 ms.
        qint64 scaledTimeout(qint64 ms) const
        {
            const double scale = timeoutScale > 0 ? timeoutScale : 1.0;
            return std::max<qint64>(100, qint64(double(ms) * scale));
        }
    };

    InvestigationRun(std::shared_ptr<const ConnectorSet> connectors,
                     std::shared_ptr<const PlaybookLibrary> playbooks, QDateTime now,
                     QObject *parent = nullptr);
    ~InvestigationRun() override;

    // Makes `count` of the threads investigations work on, from the calling thread, so that
    // the first investigations do not make them on theirs (the GUI thread). Blocks until they
    // all run: call it from a background thread. Threads are kept for the session.
    static void startWorkerThreads(int count);

    void start(const Ticket &ticket, const Options &options);
    void cancel();                         // idempotent; finished() still comes
    void rerunStep(const QString &stepId); // after finished(): run one step and re-analyse
    bool isRunning() const;
    Investigation snapshot() const; // the state so far

signals:
    void planned(const Casefile::Investigation &skeleton); // playbook chosen, steps pending
    void stepChanged(const Casefile::StepRecord &step);
    void evidenceAdded(const Casefile::Evidence &evidence);
    void finished(const Casefile::Investigation &investigation);

private:
    std::unique_ptr<InvestigationRunPrivate> d;
};

} // namespace Casefile
