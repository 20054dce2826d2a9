#include "core/engine.h"

#include "core/analysis.h"
#include "core/analysis/analysisutil.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/ranking.h"
#include "core/analysis/unchecked.h"
#include "core/async.h"
#include "core/corelogging.h"
#include "core/engine/classifier.h"
#include "core/engine/lookupcache.h"
#include "core/engine/parameterbinder.h"
#include "core/engine/playbooklibrary.h"
#include "core/engine/privacymask.h"
#include "core/reply/questiondocs.h"
#include "core/result.h"
#include "core/time.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <future>
#include <latch>
#include <map>
#include <mutex>
#include <optional>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

constexpr int OrganisationsTimeoutMs = 10000;
constexpr int PolishTimeoutMs = 60000;
constexpr int QuestionDocsTimeoutMs = 15000;
// How long after a step's deadline its connector may still report before the step is cut off.
constexpr int StepOverrunGraceMs = 500;
const QString OrganisationsKey = u"helpdesk.organisations"_s;

// A diagnosis weakened below what it can stand on needs a human, who is told what is missing
// (the list is kept only with that call).
void settleNeedsHuman(Investigation &result, const QStringList &missingRequired)
{
    if (!missingRequired.isEmpty() && result.rootCause &&
        result.rootCause->confidence < Analysis::NeedsHumanBelow) {
        result.needsHuman = true;
        Analysis::appendUnique(result.missing, missingRequired);
    }
    if (!result.needsHuman)
        result.missing.clear();
}

// A "not checked" line with its wording, once.
void noteUnchecked(Investigation &result, const WordedLine &line)
{
    if (result.notChecked.contains(line.text))
        return;
    result.notChecked.append(line.text);
    result.notCheckedWording.append(line);
}

// Operations whose answer is a stable mapping (an organisation's billing customer): their
// outputs may come from the workspace's lookup cache instead of another round trip.
bool isCachedLookup(const PlaybookStep &step)
{
    return step.connector == u"stripe"_s && step.operation == u"customer"_s;
}

// A parameter the ticket and the logs left without a value.
bool isEmptyParam(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()) ||
           (v.isArray() && v.toArray().isEmpty());
}

// The first of a step's skip_unless parameters without a value in `values` (none: it runs).
QString firstEmptyParam(const PlaybookStep &step, const QJsonObject &values)
{
    for (const QString &name : step.skipUnless) {
        if (isEmptyParam(values.value(name)))
            return name;
    }
    return {};
}

QString lookupKey(const OperationCall &call, const QString &connector)
{
    return connector + u'.' + call.operation + u'|' +
           QString::fromUtf8(QJsonDocument(call.args).toJson(QJsonDocument::Compact));
}

bool isRetriable(Error::Code code)
{
    switch (code) {
    case Error::Code::InvalidInput:
    case Error::Code::Unauthorized:
    case Error::Code::NotFound:
    case Error::Code::Cancelled:
    case Error::Code::Unsupported:
        return false;
    default:
        return true;
    }
}

QString secondsText(qint64 ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000)
                          : QString::number(double(ms) / 1000.0, 'f', 1);
}

QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text.simplified().left(300);
}

// What the preparation worker hands back: the playbook choice and the bound parameters.
struct Prepared
{
    PlaybookChoice choice;
    std::optional<Playbook> playbook;
    BoundParameters params;
    QString orgProblem; // why the org could not be resolved, if it could not
    // A runner-up that scored close ran too: its name and the analyzers only it has. When one
    // of those finds the cause, the evidence decided for it.
    QString runnerUp;
    QStringList runnerUpAnalyzers;
    QStringList contrastFailing; // Classifier::Decision::contrastFailing
};

// What the look at the window found: the onset of the change the organisation's logs show
// (invalid: none, or the ticket's window already holds it), and the coarse look-back's verdict.
struct WindowCheck
{
    // the change points of the steps' answers as they stand: the analysis reads them when the
    // window stays
    std::shared_ptr<const Analysis::ChangeReport> changes;
    QDateTime onset;
    QString lookBack; // what the coarse look-back found, in words ('' when it did not run)
    bool lookBackFailed = false;
};

// The query a change was found on, to ask again in one-minute buckets around the change when
// its buckets were wider (a long window holds more minutes than a series query returns).
struct OnsetQuery
{
    std::shared_ptr<Connector> connector;
    OperationCall call; // the step's own operation and arguments
    qint64 timeoutMs = 0;
    int bucketSeconds = 0; // the width of the buckets the change was found on
    // The step's series in one-minute buckets, when its answer carried them (outputs.minutes):
    // the onset is read on them, and the query is not asked again
    std::optional<Evidence> minutes;
};

// A connector's answer, with an exception it throws turned into a failed answer.
Result<OperationOutput> runGuarded(Connector &connector, const OperationCall &call)
{
    try {
        return connector.run(call);
    } catch (const std::exception &e) {
        return fail(Error::Code::Unknown, u"%1 failed unexpectedly"_s.arg(call.operation),
                    QString::fromUtf8(e.what()));
    } catch (...) {
        return fail(Error::Code::Unknown, u"%1 failed unexpectedly"_s.arg(call.operation));
    }
}

// The answers of the window check's queries (the onset to the minute, the look-back), shared by
// its early start and the check itself: the check begins as soon as the series it reads has
// returned, while the other steps still run, and again once every step is in; a query both of
// them ask goes out once and the later one waits for its answer. Thread-safe.
class QueryMemo
{
public:
    Result<OperationOutput> run(const std::shared_ptr<Connector> &connector,
                                const OperationCall &call)
    {
        const QString key =
            call.operation + u'\n' +
            QString::fromUtf8(QJsonDocument(call.args).toJson(QJsonDocument::Compact)) + u'\n' +
            QString::number(quintptr(connector.get()));
        std::promise<Result<OperationOutput>> promise;
        std::shared_future<Result<OperationOutput>> answer;
        bool asked = false;
        {
            const std::lock_guard lock(m_mutex);
            if (const auto it = m_answers.find(key); it != m_answers.end()) {
                answer = it->second;
                asked = true;
            } else {
                answer = promise.get_future().share();
                m_answers.emplace(key, answer);
            }
        }
        if (asked)
            return answer.get();
        Result<OperationOutput> result = runGuarded(*connector, call);
        promise.set_value(result);
        return result;
    }

private:
    std::mutex m_mutex;
    std::map<QString, std::shared_future<Result<OperationOutput>>> m_answers;
};

// Everything a look at the window needs, copied off the run so that it can work on a worker.
struct WindowProbe
{
    AnalysisInput input;
    std::shared_ptr<Connector> connector; // the look-back's (none: no look-back possible)
    OperationCall call;
    Analysis::MetricKind kind = Analysis::MetricKind::ErrorRate;
    qint64 timeoutMs = 0;
    QHash<QString, OnsetQuery> refines;
    CancelToken token;
    std::shared_ptr<QueryMemo> memo;
};

struct Analysed
{
    Investigation investigation;
    QList<Evidence> derived;
    int nextEvidence = 1;

    // Evidence the analysis made, numbered after the steps' own.
    void addDerived(Evidence e)
    {
        e.id = u"ev"_s + QString::number(nextEvidence++);
        investigation.evidence.append(e);
        derived.append(std::move(e));
    }
};

// Threads the investigations of the process may hold at once. Their steps wait on the network,
// not on a core: 20 investigations of 10 steps each fit.
constexpr int MaxInvestigationThreads = 256;

// How long a finished run's destructor lets the queries it asked ahead end on their own.
constexpr std::chrono::milliseconds LeftoverQueriesMs{1500};

// The one pool every investigation works on. Its threads outlive the runs, so starting an
// investigation creates no thread on the calling (GUI) thread and ending one joins none: both
// cost a busy machine tens of milliseconds on that thread. Never destroyed, like the background
// pool: a cancelled step may still be returning from its connector at exit.
QThreadPool *investigationPool()
{
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool;
        p->setObjectName(u"casefile-investigations"_s);
        p->setMaxThreadCount(MaxInvestigationThreads);
        p->setExpiryTimeout(-1); // a thread made once serves the rest of the session
        return p;
    }();
    return pool;
}

// The tasks one run has on the shared pool. The run's destructor waits for them, not for the
// pool: a task holds the run's address for its queued answer until it has posted it.
class RunTasks
{
public:
    // Held by a task from when it is handed to the pool until the pool has destroyed it.
    using Hold = std::shared_ptr<void>;

    Hold hold()
    {
        {
            const std::lock_guard lock(m_mutex);
            ++m_count;
        }
        return Hold(nullptr, [this](void *) {
            const std::lock_guard lock(m_mutex);
            if (--m_count == 0)
                m_idle.notify_all();
        });
    }

    void waitIdle()
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_count == 0; });
    }

    // at most `timeout`
    void waitIdleFor(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait_for(lock, timeout, [this] { return m_count == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_count = 0;
};

} // namespace

class InvestigationRunPrivate
{
public:
    enum class Phase { Idle, Preparing, Steps, Analysing, Finished };

    struct Attempt
    {
        int generation = 0;
        CancelToken token;
        QString cacheKey; // where a successful answer is kept, for cached lookups
        QString callKey;  // what was asked
    };

    struct Answer
    {
        QString callKey;
        OperationOutput output;
    };

    InvestigationRun *q = nullptr;
    std::shared_ptr<const ConnectorSet> connectors;
    std::shared_ptr<const PlaybookLibrary> playbooks;
    QDateTime now;
    RunTasks tasks;      // this run's work on investigationPool()
    int baseThreads = 8; // steps in flight at once
    CancelToken runToken;
    InvestigationRun::Options options;
    Phase phase = Phase::Idle;
    Investigation inv;
    std::optional<Playbook> playbook;
    QString runnerUp;              // a close runner-up whose checks run too
    QStringList runnerUpAnalyzers; // the analyzers only it has
    QStringList contrastFailing;   // the providers a contrast says fail, for the logs to check
    BoundParameters params;
    QMap<QString, StepData> data;
    QMap<QString, Attempt> active;
    QMap<QString, QElapsedTimer> stepClocks;
    QList<WordedLine> engineNotChecked; // the engine's own "not checked" lines
    bool entitiesChecked = false;       // the ticket's provider and model checked against the logs
    bool windowChecked = false;         // the window checked against the onset in the logs
    bool windowChecking = false;        // that check is running
    bool windowProbed = false;          // the check's queries started early, on the first series
    std::shared_ptr<QueryMemo> windowAnswers = std::make_shared<QueryMemo>();
    // the steps' queries over a widened window, asked as soon as the early look at the window
    // showed it would widen; the steps that run again take their first answer from here
    std::shared_ptr<QueryMemo> rerunAnswers = std::make_shared<QueryMemo>();
    QSet<QString> rerunning; // steps running again over the widened window, not yet started
    // each step's last successful answer and what it asked: a step running again over the
    // widened window that asks the very same (a config by its id, known bugs by provider) takes
    // it instead of asking twice
    QHash<QString, Answer> answered;
    QSet<QString> prefetched; // the queries over a widened window asked early
    // why a step's attempt before its retry failed, until the step finishes: a retry that
    // times out still tells what went wrong first
    QHash<QString, QString> earlierErrors;
    int generationCounter = 0;
    int runGeneration = 0; // bumps on every start/rerun so stale callbacks are recognised
    int nextEvidence = 1;
    QElapsedTimer elapsed;
    QTimer *overallTimer = nullptr;

    StepRecord *record(const QString &id)
    {
        for (StepRecord &r : inv.steps) {
            if (r.id == id)
                return &r;
        }
        return nullptr;
    }

    // `task` run on the shared pool, counted as this run's until it is done
    template<typename Task>
    void startTask(Task task)
    {
        investigationPool()->start([hold = tasks.hold(), task = std::move(task)]() mutable {
            lowerWorkerPriority();
            task();
        });
    }

    // runAsync on the shared pool, its work counted as this run's; `done` comes only while the
    // run lives
    template<typename Work, typename Done>
    void runTask(Work work, Done done)
    {
        runAsync(
            q, [hold = tasks.hold(), work = std::move(work)]() mutable { return work(); },
            std::move(done), investigationPool());
    }

    qint64 scaled(qint64 ms) const { return options.scaledTimeout(ms); }

    void prepare(const Ticket &ticket);
    void onPrepared(const Prepared &prepared);
    void schedule();
    void startStep(const PlaybookStep &step);
    void onStepResult(const QString &id, int generation, const Result<OperationOutput> &result);
    void onStepTimeout(const QString &id, int generation);
    QString withEarlierError(const QString &id, const QString &message) const;
    void abandon(const QString &id);
    void finishStep(const QString &id, StepStatus status, const QString &error,
                    const OperationOutput *output = nullptr);
    void onOverallTimeout();
    void startAnalysis(bool analyzeSteps,
                       std::shared_ptr<const Analysis::ChangeReport> knownChanges = {});
    bool waitsForEntities(const PlaybookStep &step);
    void checkEntities();
    void checkContrast();
    bool checkWindow();
    std::optional<WindowProbe> windowProbe();
    OperationCall lookBackCall(const PlaybookStep &coarse) const;
    void askLookBackEarly();
    void probeWindowEarly(const PlaybookStep &step);
    QHash<QString, OnsetQuery> onsetQueries() const;
    void onWindowChecked(const WindowCheck &check);
    void rerunWindowSteps();
    QSet<QString> windowSteps() const;
    void prefetchRerun(const WindowCheck &early);
    void prefetchStepOnsets(const PlaybookStep &step);
    void finish(const Analysed &result);
    QJsonObject templateValues() const { return templateValues(params); }
    QJsonObject templateValues(const BoundParameters &with) const;
};

InvestigationRun::InvestigationRun(std::shared_ptr<const ConnectorSet> connectors,
                                   std::shared_ptr<const PlaybookLibrary> playbooks, QDateTime now,
                                   QObject *parent)
    : QObject(parent)
    , d(std::make_unique<InvestigationRunPrivate>())
{
    d->q = this;
    d->connectors = connectors ? std::move(connectors) : std::make_shared<const ConnectorSet>();
    d->playbooks = playbooks ? std::move(playbooks) : std::make_shared<const PlaybookLibrary>();
    d->now = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    d->overallTimer = new QTimer(this);
    d->overallTimer->setSingleShot(true);
    connect(d->overallTimer, &QTimer::timeout, this, [this] { d->onOverallTimeout(); });
}

InvestigationRun::~InvestigationRun()
{
    // A finished run may still have queries out that it asked ahead and no longer needs: they
    // are let end for a moment, as cancelling one costs a round trip of its own (ClickHouse's
    // KILL QUERY, and a second when the query is not found) where waiting costs at most one.
    if (d->phase == InvestigationRunPrivate::Phase::Finished)
        d->tasks.waitIdleFor(LeftoverQueriesMs);
    // Stop everything else we started and wait for the workers: they return at their next
    // cancellation point. Their queued results die with this object.
    d->runToken.cancel();
    for (const auto &attempt : std::as_const(d->active))
        attempt.token.cancel();
    d->tasks.waitIdle();
}

void InvestigationRun::startWorkerThreads(int count)
{
    QThreadPool *pool = investigationPool();
    count = std::clamp(count, 0, pool->maxThreadCount() / 2);
    if (count == 0)
        return;
    // Each task waits until all have begun, so the pool makes one thread per task (an idle
    // thread takes a task before a new one is made).
    struct Gate
    {
        explicit Gate(int n)
            : begun(n)
            , ended(n)
        {}
        std::latch begun;
        std::latch ended;
    };
    auto gate = std::make_shared<Gate>(count);
    for (int i = 0; i < count; ++i) {
        pool->start([gate] {
            lowerWorkerPriority();
            gate->begun.arrive_and_wait();
            gate->ended.count_down();
        });
    }
    gate->ended.wait();
}

bool InvestigationRun::isRunning() const
{
    return d->phase == InvestigationRunPrivate::Phase::Preparing ||
           d->phase == InvestigationRunPrivate::Phase::Steps ||
           d->phase == InvestigationRunPrivate::Phase::Analysing;
}

Investigation InvestigationRun::snapshot() const
{
    Investigation out = d->inv;
    if (isRunning())
        out.durationMs = d->elapsed.elapsed();
    return out;
}

void InvestigationRun::start(const Ticket &ticket, const Options &options)
{
    CF_ASSERT(!isRunning(), return );
    d->options = options;
    d->baseThreads = std::clamp(options.maxParallelSteps, 1, 64);
    d->runToken = CancelToken();
    d->inv = Investigation();
    d->inv.ticket = ticket;
    d->inv.startedAt = d->now;
    d->playbook.reset();
    d->params = BoundParameters();
    d->data.clear();
    d->active.clear();
    d->stepClocks.clear();
    d->engineNotChecked.clear();
    d->entitiesChecked = false;
    d->windowChecked = false;
    d->windowChecking = false;
    d->windowProbed = false;
    d->windowAnswers = std::make_shared<QueryMemo>();
    d->rerunAnswers = std::make_shared<QueryMemo>();
    d->rerunning.clear();
    d->answered.clear();
    d->prefetched.clear();
    d->nextEvidence = 1;
    ++d->runGeneration;
    d->phase = InvestigationRunPrivate::Phase::Preparing;
    d->elapsed.start();
    d->overallTimer->start(std::max<qint64>(1000, options.overallTimeout.count()));
    d->prepare(ticket);
}

void InvestigationRunPrivate::prepare(const Ticket &ticket)
{
    // Classification, the helpdesk's organisations and binding run off this thread.
    auto work = [ticket, forced = options.playbook, library = playbooks, set = connectors,
                 clock = now, token = runToken, lookups = options.lookups,
                 workspace = options.workspace,
                 organisationsMs = scaled(OrganisationsTimeoutMs)]() -> Prepared {
        Prepared out;
        try {
            if (!forced.isEmpty()) {
                if (const Playbook *pb = library->find(forced)) {
                    out.playbook = *pb;
                    out.choice = PlaybookChoice{forced, u"chosen by hand"_s};
                } else {
                    out.choice = PlaybookChoice{QString(), u"no playbook named '%1'"_s.arg(forced)};
                }
            } else {
                const Classifier::Decision decision =
                    Classifier(library->playbooks()).decide(ticket);
                out.choice = decision.choice;
                out.contrastFailing = decision.contrastFailing;
                if (!out.choice.name.isEmpty()) {
                    if (const Playbook *pb = library->find(out.choice.name)) {
                        out.playbook = *pb;
                        if (const Playbook *second = library->find(decision.runnerUp)) {
                            out.playbook = planWithRunnerUp(*pb, *second);
                            out.runnerUp = second->name;
                            for (const QString &a : second->analyzers) {
                                if (!pb->analyzers.contains(a))
                                    out.runnerUpAnalyzers.append(a);
                            }
                        }
                    }
                }
            }
            QList<Organisation> organisations;
            if (ticket.orgId.isEmpty() && out.playbook) {
                auto cached = lookups
                                  ? lookups->find<QList<Organisation>>(workspace, OrganisationsKey)
                                  : std::nullopt;
                if (cached) {
                    organisations = *cached;
                } else if (auto helpdesk = set->helpdesk()) {
                    WorkLimits limits{QDeadlineTimer(organisationsMs), token};
                    auto orgs = helpdesk->organisations(limits);
                    if (orgs) {
                        organisations = *orgs;
                        if (lookups)
                            lookups->store(workspace, OrganisationsKey, organisations);
                    } else {
                        out.orgProblem = orgs.error().message;
                    }
                }
            }
            out.params = ParameterBinder::bind(ticket, organisations, clock,
                                               out.playbook ? out.playbook->windowHoursBefore : 24);
            if (out.params.org.isEmpty() && out.orgProblem.isEmpty())
                out.orgProblem = u"the ticket names no organisation and the requester's e-mail "
                                 u"domain matches none"_s;
        } catch (const std::exception &e) {
            qCWarning(lcCore) << "preparing the investigation failed:" << e.what();
            out.choice.reason = u"internal error while choosing the playbook"_s;
        }
        return out;
    };
    const int generation = runGeneration;
    runTask(std::move(work), [this, generation](Prepared prepared) {
        if (generation == runGeneration && phase == Phase::Preparing)
            onPrepared(prepared);
    });
}

void InvestigationRunPrivate::onPrepared(const Prepared &prepared)
{
    inv.playbook = prepared.choice;
    runnerUp = prepared.runnerUp;
    runnerUpAnalyzers = prepared.runnerUpAnalyzers;
    contrastFailing = prepared.contrastFailing;
    params = prepared.params;
    inv.window = params.window;
    playbook = prepared.playbook;
    if (!playbook) {
        emit q->planned(inv);
        startAnalysis(false);
        return;
    }
    for (const PlaybookStep &step : playbook->steps) {
        StepRecord r;
        r.id = step.id;
        r.connector = step.connector;
        r.operation = step.operation;
        r.title = step.title;
        r.required = step.required;
        inv.steps.append(r);
    }
    emit q->planned(inv);
    phase = Phase::Steps;

    // Parameters the playbook cannot run without.
    QStringList missing;
    for (const QString &need : playbook->needs) {
        if (isEmptyParam(params.values.value(need)))
            missing.append(need);
    }
    if (!missing.isEmpty()) {
        const QString why =
            missing.contains(u"org"_s)
                ? u"the organisation could not be resolved (%1)"_s.arg(prepared.orgProblem)
                : u"the ticket does not say which %1"_s.arg(missing.join(u", "_s));
        engineNotChecked.append(Analysis::uncheckedWording(u"Nothing was queried: %1."_s.arg(why),
                                                           u"nothing_queried"_s));
        for (const StepRecord &r : std::as_const(inv.steps))
            finishStep(r.id, StepStatus::Skipped,
                       u"cannot run without %1: %2"_s.arg(missing.join(u", "_s), why));
        schedule();
        return;
    }
    askLookBackEarly();
    schedule();
}

QJsonObject InvestigationRunPrivate::templateValues(const BoundParameters &with) const
{
    QJsonObject values = with.values;
    for (auto it = data.cbegin(); it != data.cend(); ++it) {
        for (auto o = it->outputs.begin(); o != it->outputs.end(); ++o)
            values.insert(u"steps."_s + it.key() + u'.' + o.key(), o.value());
    }
    return values;
}

namespace {

bool argsMention(const PlaybookStep &step, QStringView name)
{
    const QByteArray args = QJsonDocument(step.args).toJson(QJsonDocument::Compact);
    return args.contains(u"{{%1}}"_s.arg(name).toUtf8());
}

// A step that filters by the ticket's provider or model ("other orgs on the same provider").
bool usesEntities(const PlaybookStep &step)
{
    return argsMention(step, u"provider") || argsMention(step, u"model") ||
           step.skipUnless.contains(u"provider"_s) || step.skipUnless.contains(u"model"_s);
}

// A step that reads the organisation's own request logs, whatever the provider: what they show
// is what the ticket's provider and model are checked against.
bool readsOrgLogs(const PlaybookStep &step)
{
    return step.connector == u"clickhouse"_s && argsMention(step, u"org") && !usesEntities(step);
}

// The organisation's own inventory of providers and models: its traffic overview (every
// route, provider and model it sent requests to in the window), one query.
bool isInventory(const PlaybookStep &step)
{
    return readsOrgLogs(step) && step.operation == u"traffic_overview"_s;
}

// What the ticket's provider and model are checked against: the org's traffic overview when
// the playbook reads it, else every step reading the org's logs. Waiting for the overview only
// keeps a provider-filtered step one round trip behind the ticket instead of behind the
// slowest of all the org's log queries.
bool isEntitySource(const Playbook &playbook, const PlaybookStep &step)
{
    const bool hasInventory = std::ranges::any_of(playbook.steps, isInventory);
    return hasInventory ? isInventory(step) : readsOrgLogs(step);
}

} // namespace

// A step filtered by provider or model waits until the org's provider and model inventory has
// returned (see isEntitySource); then the ticket's provider and model are checked against it
// once, so that it runs with what the logs show ("the ticket says Claude, the logs show only
// OpenAI").
bool InvestigationRunPrivate::waitsForEntities(const PlaybookStep &step)
{
    if (entitiesChecked || !usesEntities(step))
        return false;
    // (not for a log step that itself needs this one, which would wait forever)
    const auto needs = [this](const PlaybookStep &from, const QString &id) {
        QStringList pending = from.dependsOn;
        QSet<QString> seen;
        while (!pending.isEmpty()) {
            const QString dep = pending.takeLast();
            if (dep == id)
                return true;
            if (seen.contains(dep))
                continue;
            seen.insert(dep);
            if (const PlaybookStep *d = playbook->step(dep))
                pending += d->dependsOn;
        }
        return false;
    };
    for (const PlaybookStep &other : playbook->steps) {
        const StepRecord *r = record(other.id);
        if (r && isEntitySource(*playbook, other) && !isFinished(r->status) &&
            !needs(other, step.id))
            return true;
    }
    checkEntities();
    return false;
}

void InvestigationRunPrivate::checkEntities()
{
    if (entitiesChecked)
        return;
    entitiesChecked = true;
    QMap<QString, StepData> orgLogs;
    for (auto it = data.cbegin(); it != data.cend(); ++it) {
        const PlaybookStep *step = playbook ? playbook->step(it.key()) : nullptr;
        if (step && isEntitySource(*playbook, *step))
            orgLogs.insert(it.key(), it.value());
    }
    const QStringList notes =
        ParameterBinder::reconcile(params, ParameterBinder::observedIn(orgLogs));
    if (!notes.isEmpty())
        inv.playbook.reason += u"; "_s + notes.join(u"; "_s);
    inv.entityCorrections = params.entityCorrections;
}

// "Gemini fails, Claude works" against the organisation's logs: when the provider the ticket
// says fails works through another of the org's configs in the same window, the failure follows
// the failing config, not the provider, and the generic errors playbook (whose checks ran too)
// names the investigation. The result says why either way.
void InvestigationRunPrivate::checkContrast()
{
    if (contrastFailing.isEmpty() || runnerUp.isEmpty())
        return;
    AnalysisInput logs;
    logs.steps = data;
    const QList<Analysis::ConfigTraffic> traffic = Analysis::configTraffic(logs);
    if (traffic.isEmpty()) {
        inv.playbook.reason +=
            u"; the logs did not show the org's traffic per config, so "
            u"whether the failure follows %1 is not checked"_s.arg(contrastFailing.join(u", "_s));
        return;
    }
    for (const QString &provider : std::as_const(contrastFailing)) {
        const auto elsewhere = Analysis::providerWorksElsewhere(traffic, provider);
        if (!elsewhere)
            continue;
        inv.playbook.reason +=
            u"; the logs show %1 working through %2 (%3 requests, %4 failed) while %5 fails: "
            u"the failure follows that config, not %1, so this is %6"_s.arg(
                provider, Analysis::refId(elsewhere->workingConfig),
                Analysis::formatCount(elsewhere->workingRequests),
                Analysis::formatShare(elsewhere->workingErrorRate),
                Analysis::refId(elsewhere->failingConfig), runnerUp);
        inv.playbook.name = runnerUp;
        return;
    }
    inv.playbook.reason += u"; the logs show no other config of %1 working: the failure follows "
                           u"the provider"_s.arg(contrastFailing.join(u", "_s));
}

namespace {

// The series whose onset the window is checked against: the playbook's first step over the
// organisation's own traffic of the kind its change detection prefers (latency for a latency
// ticket, webhook failures for webhooks, else errors), not a first-token series.
const PlaybookStep *onsetStep(const Playbook &playbook)
{
    const QString wanted = playbook.name == u"latency-spike"_s      ? u"latency_series"_s
                           : playbook.name == u"webhook-failures"_s ? u"webhook_series"_s
                                                                    : u"error_series"_s;
    for (const PlaybookStep &step : playbook.steps) {
        if (step.operation == wanted && readsOrgLogs(step) && argsMention(step, u"window.from") &&
            step.args.value(u"component"_s).toString() != u"first_token"_s)
            return &step;
    }
    return nullptr;
}

// What a series operation measures, as change detection reads it.
Analysis::MetricKind metricKind(const QString &operation)
{
    return operation == u"latency_series"_s   ? Analysis::MetricKind::Latency
           : operation == u"webhook_series"_s ? Analysis::MetricKind::WebhookErrors
                                              : Analysis::MetricKind::ErrorRate;
}

// Whether a step's answer holds any series point: the organisation had traffic in the window.
bool hasSeriesPoints(const StepData &step)
{
    for (const Evidence &e : step.evidence) {
        for (const QJsonValue &series : e.data.value(u"series"_s).toArray()) {
            if (!series.toObject().value(u"points"_s).toArray().isEmpty())
                return true;
        }
    }
    return false;
}

// The onset of the change in `data` (the steps' evidence) as change detection reads it.
const Analysis::SeriesChange *primaryChange(const Analysis::ChangeReport &report)
{
    return report.primary && report.primary->at.isValid() ? report.primary : nullptr;
}

} // namespace

// The series steps over the organisation's own logs whose answers came in buckets wider than a
// minute, by evidence id: where a change found on them began is read again to the minute.
QHash<QString, OnsetQuery> InvestigationRunPrivate::onsetQueries() const
{
    QHash<QString, OnsetQuery> out;
    static const QStringList series{u"error_series"_s, u"latency_series"_s, u"webhook_series"_s};
    for (const PlaybookStep &step : playbook->steps) {
        if (!series.contains(step.operation) || !readsOrgLogs(step))
            continue;
        const auto found = data.constFind(step.id);
        if (found == data.cend() || found->record.status != StepStatus::Ok)
            continue;
        for (const Evidence &e : found->evidence) {
            const int bucket = e.data.value(u"bucket_s"_s).toInt();
            if (bucket <= 60)
                continue;
            OnsetQuery query{connectors->get(step.connector),
                             {},
                             scaled(qint64(step.timeoutS) * 1000),
                             bucket,
                             std::nullopt};
            query.call.stepId = step.id + u"_onset"_s;
            query.call.operation = step.operation;
            query.call.args = renderTemplates(QJsonValue(step.args), templateValues()).toObject();
            const QJsonObject minutes = found->outputs.value(u"minutes"_s).toObject();
            if (!minutes.isEmpty()) {
                query.minutes.emplace();
                query.minutes->kind = EvidenceKind::TimeSeries;
                query.minutes->data = minutes;
            }
            if (query.connector)
                out.insert(e.id, query);
        }
    }
    return out;
}

namespace {

// The query of a change found on buckets wider than a minute, asked again in one-minute buckets
// around it.
OnsetQuery refineQuery(OnsetQuery q, const Analysis::SeriesChange &change, const CancelToken &token)
{
    const qint64 span = std::max<qint64>(30 * 60, 3 * qint64(q.bucketSeconds));
    q.call.args.insert(u"from"_s, toIsoUtc(change.at.addSecs(-span)));
    q.call.args.insert(u"to"_s, toIsoUtc(change.at.addSecs(span)));
    q.call.args.insert(u"bucket_s"_s, 60);
    q.call.limits = WorkLimits{QDeadlineTimer(q.timeoutMs), token};
    return q;
}

// The first change found on each of the probe's series (those per config too, see
// clearestAlike) read again to the minute, into the probe's memo: whichever of them the window
// check then reads the primary change's onset on finds its answer there.
void prefetchOnsets(const WindowProbe &probe)
{
    try {
        const auto report = Analysis::changeReport(probe.input);
        QList<const Analysis::SeriesChange *> changes = report->changed();
        const QList<Analysis::SeriesChange> configs = Analysis::configChanges(probe.input);
        for (const Analysis::SeriesChange &c : configs)
            changes.append(&c);
        QSet<QString> asked;
        for (const Analysis::SeriesChange *change : std::as_const(changes)) {
            if (probe.token.isCancelled())
                return;
            if (!change->at.isValid() || !probe.refines.contains(change->evidenceId) ||
                asked.contains(change->evidenceId) ||
                probe.refines.value(change->evidenceId).minutes)
                continue;
            asked.insert(change->evidenceId);
            qCDebug(lcCore) << "reading the onset on" << change->evidenceId << "early";
            const OnsetQuery q =
                refineQuery(probe.refines.value(change->evidenceId), *change, probe.token);
            probe.memo->run(q.connector, q.call);
        }
    } catch (const std::exception &e) {
        qCWarning(lcCore) << "reading onsets early failed:" << e.what();
    }
}

// Whether a change shows the same moment as `primary`: its kind of metric, its onset bucket.
bool sameOnset(const Analysis::SeriesChange &c, const Analysis::SeriesChange &primary)
{
    return c.kind == primary.kind && c.firstToken == primary.firstToken && c.at == primary.at;
}

// The change to read the primary's onset on: of the changes that begin in the same coarse
// bucket, the one whose step stands clearest out of its noise. A group inside the primary's
// (the config whose requests slowed down, within the route) shows the moment more sharply than
// the whole, whose noisy minutes the other groups' traffic adds. `configs` holds the changes per
// config, which the report leaves out.
const Analysis::SeriesChange *clearestAlike(const Analysis::ChangeReport &report,
                                            const QList<Analysis::SeriesChange> &configs,
                                            const Analysis::SeriesChange &primary,
                                            const QHash<QString, OnsetQuery> &refines)
{
    const Analysis::SeriesChange *best = &primary;
    const auto consider = [&](const Analysis::SeriesChange *c) {
        if (sameOnset(*c, primary) && refines.contains(c->evidenceId) && c->clarity > best->clarity)
            best = c;
    };
    for (const Analysis::SeriesChange *c : report.changed())
        consider(c);
    for (const Analysis::SeriesChange &c : configs)
        consider(&c);
    return best;
}

// The primary change read again in one-minute buckets around it (one query, only when it was
// found on wider buckets; asked early by prefetchOnsets): `out` then holds the report with the
// change's onset to the minute, read on the clearest change that shares its onset.
void refinePrimaryOnset(WindowCheck &out, const WindowProbe &probe)
{
    const Analysis::SeriesChange *primary = out.changes ? out.changes->primary : nullptr;
    if (!primary || !probe.refines.contains(primary->evidenceId) || probe.token.isCancelled())
        return;
    const QList<Analysis::SeriesChange> configs = Analysis::configChanges(probe.input);
    const Analysis::SeriesChange *change =
        clearestAlike(*out.changes, configs, *primary, probe.refines);
    const OnsetQuery q = refineQuery(probe.refines.value(change->evidenceId), *change, probe.token);
    qCDebug(lcCore) << "reading the onset of" << q.call.stepId << "to the minute around"
                    << change->at << "on" << change->group
                    << (q.minutes ? "in the minutes its answer carried" : "");
    QList<Evidence> fineAnswer;
    if (q.minutes) {
        fineAnswer.append(*q.minutes);
    } else {
        const Result<OperationOutput> answer = probe.memo->run(q.connector, q.call);
        if (!answer)
            return; // the coarse onset stands
        fineAnswer = answer->evidence;
    }
    for (const Evidence &e : std::as_const(fineAnswer)) {
        for (const Analysis::Series &fine : Analysis::seriesOf(e)) {
            if (fine.labels != change->labels || fine.bucketSeconds >= q.bucketSeconds)
                continue;
            const QDateTime at = Analysis::refineOnset(*change, fine, q.bucketSeconds);
            if (!at.isValid() || at == primary->at)
                return;
            out.changes =
                Analysis::withOnset(*out.changes, primary - out.changes->series.constData(), at);
            out.onset = at;
            return;
        }
    }
}

// The change the analysis times the investigation on (its onset to the minute when it was read
// again), as evidence of its own: `change_point` is where the workbench's timeline marks the
// change, the moment the diagnosis gives, not where one chart's own series seems to turn.
Evidence changePointEvidence(const Analysis::SeriesChange &change, const QDateTime &reference)
{
    Evidence e;
    e.kind = EvidenceKind::Text;
    e.connector = u"analysis"_s;
    e.source = u"analysis:change_point:"_s + change.evidenceId;
    e.title = u"Change point: %1 %2"_s.arg(change.metricName(), change.group);
    // the series in words, not as a ref: what it cites is the findings' to say
    e.data = QJsonObject{
        {u"change_point"_s, QJsonObject{{u"time"_s, toIsoUtc(change.at)},
                                        {u"metric"_s, change.metricName()},
                                        {u"group"_s, change.group},
                                        {u"evidence"_s, change.evidenceId}}},
        {u"items"_s,
         QJsonArray{QJsonObject{{u"title"_s, e.title}, {u"text"_s, change.describe(reference)}}}}};
    return e;
}

// The change the ticket's own time points at, when it is not the largest: among the changes the
// logs show, the nearest whose onset lies within TimeAgreesSecs of the ticket's time. The window
// is checked on it, not on a larger change elsewhere in the org's traffic that the ticket does
// not speak of (another config's failures since the morning).
const Analysis::SeriesChange *changeAtTicketTime(const Analysis::ChangeReport &report,
                                                 const QDateTime &anchor)
{
    if (!anchor.isValid())
        return nullptr;
    const Analysis::SeriesChange *best = nullptr;
    for (const Analysis::SeriesChange *c : report.changed()) {
        if (!c->at.isValid())
            continue;
        const qint64 apart = std::abs(anchor.secsTo(c->at));
        if (apart <= ParameterBinder::TimeAgreesSecs &&
            (!best || apart < std::abs(anchor.secsTo(best->at))))
            best = c;
    }
    return best == primaryChange(report) ? nullptr : best;
}

// Whether a change is at the window's very start (or none was seen): it may have begun before,
// which only a look-back shows.
bool atWindowStart(const TimeWindow &window, const Analysis::SeriesChange *change)
{
    const qint64 startSpan = std::max<qint64>(2 * 3600, window.seconds() / 10);
    return !change || window.from.secsTo(change->at) < startSpan;
}

// The onset the answers so far show, before any query: the primary change's first bucket, when
// it lies inside the window. Enough to know whether the window widens, since a widened window
// starts on a whole hour; invalid when only a look-back could tell.
WindowCheck coarseWindow(const AnalysisInput &input)
{
    WindowCheck out;
    try {
        out.changes = Analysis::changeReport(input);
        const Analysis::SeriesChange *change = primaryChange(*out.changes);
        if (changeAtTicketTime(*out.changes, input.params.anchor))
            return out; // the ticket's time agrees with a change the logs show: the window stands
        if (!atWindowStart(input.params.window, change))
            out.onset = change->at;
    } catch (const std::exception &e) {
        qCWarning(lcCore) << "checking the window failed:" << e.what();
    }
    return out;
}

// The look at the window, on a worker: the change points of the answers so far, the primary
// change's onset to the minute when it lies inside the window, else a coarse look-back for where
// it began. Its queries go through the probe's memo.
WindowCheck probeWindow(WindowProbe probe)
{
    WindowCheck out;
    try {
        const TimeWindow window = probe.input.params.window;
        out.changes = Analysis::changeReport(probe.input);
        const Analysis::SeriesChange *change = primaryChange(*out.changes);
        if (const Analysis::SeriesChange *agreed =
                changeAtTicketTime(*out.changes, probe.input.params.anchor)) {
            out.onset = agreed->at; // the ticket's time agrees with the logs: the window stands
            return out;
        }
        if (change)
            out.onset = change->at;
        if (!atWindowStart(window, change)) {
            refinePrimaryOnset(out, probe);
            return out;
        }
        if (!probe.connector || probe.token.isCancelled())
            return out;
        probe.call.limits = WorkLimits{QDeadlineTimer(probe.timeoutMs), probe.token};
        qCDebug(lcCore) << "looking back for where the change began:" << probe.call.stepId;
        const Result<OperationOutput> answer = probe.memo->run(probe.connector, probe.call);
        if (!answer) {
            out.lookBack = u"The look-back over the last %1 days for where the change began "
                           u"(%2)"_s.arg(QString::number(ParameterBinder::MaxLookBackDays),
                                         oneLine(answer.error().message));
            out.lookBackFailed = true;
            return out;
        }
        // the same change, still going on when the window opens, and earlier than seen
        QDateTime earlier;
        for (const Evidence &e : answer->evidence) {
            const QDateTime at = Analysis::onsetBeforeWindow(e, probe.kind, window.from);
            if (at.isValid() && (!earlier.isValid() || at < earlier))
                earlier = at;
        }
        if (earlier.isValid() && (!out.onset.isValid() || earlier < out.onset)) {
            out.onset = earlier;
            out.lookBack =
                u"an hourly look-back over the last %1 days shows the change "
                u"already going on when the window opens, from %2"_s.arg(
                    QString::number(ParameterBinder::MaxLookBackDays), toIsoUtc(earlier));
        }
    } catch (const std::exception &e) {
        qCWarning(lcCore) << "checking the window failed:" << e.what();
    }
    return out;
}

} // namespace

// The coarse look-back on the window's series: the same query over the last days, in hourly
// buckets.
OperationCall InvestigationRunPrivate::lookBackCall(const PlaybookStep &coarse) const
{
    OperationCall call;
    call.stepId = coarse.id + u"_lookback"_s;
    call.operation = coarse.operation;
    call.args = renderTemplates(QJsonValue(coarse.args), templateValues()).toObject();
    call.args.insert(u"from"_s,
                     toIsoUtc(params.window.to.addDays(-ParameterBinder::MaxLookBackDays)));
    call.args.insert(u"bucket_s"_s, 3600);
    return call;
}

// The look-back asked with the first steps, when the window's series needs nothing before it:
// whether the change began before the window is then known one round trip after the series
// instead of two, both when it did (the window widens) and when no change shows (nothing moves).
// When the series shows a change well inside the window, the answer is never read.
void InvestigationRunPrivate::askLookBackEarly()
{
    const PlaybookStep *coarse = onsetStep(*playbook);
    if (!coarse || !coarse->dependsOn.isEmpty() || !coarse->skipUnless.isEmpty() ||
        !params.window.isValid())
        return;
    auto connector = connectors->get(coarse->connector);
    if (!connector)
        return;
    OperationCall call = lookBackCall(*coarse);
    call.limits = WorkLimits{QDeadlineTimer(scaled(qint64(coarse->timeoutS) * 1000)), runToken};
    qCDebug(lcCore) << "looking back on" << coarse->id << "with the first steps";
    // When it alone shows the change going on as the window opens, the steps that would run
    // over the widened window ask their queries at once (prefetchRerun), before the series.
    const Analysis::MetricKind kind = metricKind(coarse->operation);
    const QDateTime from = params.window.from;
    const int generation = runGeneration;
    runTask(
        [memo = windowAnswers, connector, call, kind, from] {
            WindowCheck out;
            const Result<OperationOutput> answer = memo->run(connector, call);
            for (const Evidence &e : answer ? answer->evidence : QList<Evidence>()) {
                const QDateTime at = Analysis::onsetBeforeWindow(e, kind, from);
                if (at.isValid() && (!out.onset.isValid() || at < out.onset))
                    out.onset = at;
            }
            return out;
        },
        [this, generation](WindowCheck early) {
            if (generation == runGeneration && phase == Phase::Steps)
                prefetchRerun(early);
        });
}

// What a look at the window reads, from the steps' answers as they stand: none when no step over
// the organisation's logs has answered or the window is unknown.
std::optional<WindowProbe> InvestigationRunPrivate::windowProbe()
{
    const PlaybookStep *coarse = onsetStep(*playbook);
    const StepRecord *coarseRecord = coarse ? record(coarse->id) : nullptr;
    bool anyLogs = false;
    for (const PlaybookStep &step : playbook->steps) {
        const StepRecord *r = record(step.id);
        anyLogs = anyLogs || (r && r->status == StepStatus::Ok && readsOrgLogs(step));
    }
    if (!anyLogs || !params.window.isValid())
        return std::nullopt;
    WindowProbe probe;
    probe.input.ticket = inv.ticket;
    probe.input.playbook = inv.playbook.name;
    probe.input.params = params;
    probe.input.steps = data;
    probe.input.now = now;
    if (coarse && coarseRecord && coarseRecord->status == StepStatus::Ok &&
        hasSeriesPoints(data.value(coarse->id))) {
        probe.connector = connectors->get(coarse->connector);
        probe.call = lookBackCall(*coarse);
        probe.timeoutMs = scaled(qint64(coarse->timeoutS) * 1000);
    }
    probe.refines = onsetQueries();
    probe.kind = metricKind(probe.call.operation);
    probe.token = runToken;
    probe.memo = windowAnswers;
    return probe;
}

// As soon as the series the window is checked on has returned, its check's one query (the onset
// to the minute, or the look-back) starts, while the other steps still run: the check proper,
// once every step is in, then finds the answer ready instead of waiting one more round trip. When
// the other answers move the change elsewhere, the check asks its own query.
void InvestigationRunPrivate::probeWindowEarly(const PlaybookStep &step)
{
    if (windowChecked || !playbook)
        return;
    if (onsetStep(*playbook) != &step || windowProbed) {
        prefetchStepOnsets(step);
        return;
    }
    std::optional<WindowProbe> probe = windowProbe();
    if (!probe)
        return;
    windowProbed = true;
    const int generation = runGeneration;
    // the coarse onset asks nothing: the rerun's queries can start before the onset's own query
    runTask([input = probe->input] { return coarseWindow(input); },
            [this, generation](WindowCheck coarse) {
                if (generation == runGeneration && phase == Phase::Steps)
                    prefetchRerun(coarse);
            });
    runTask([probe = std::move(*probe)] { return probeWindow(probe); },
            [this, generation](WindowCheck early) {
                if (generation == runGeneration && phase == Phase::Steps)
                    prefetchRerun(early);
            });
}

// Another series step over the organisation's logs has returned in buckets wider than a minute:
// where its change began is read to the minute now, beside the other steps, in case the window
// check takes it as the primary change.
void InvestigationRunPrivate::prefetchStepOnsets(const PlaybookStep &step)
{
    std::optional<WindowProbe> probe = windowProbe();
    if (!probe)
        return;
    const StepData found = data.value(step.id);
    QHash<QString, OnsetQuery> mine;
    for (const Evidence &e : found.evidence) {
        if (probe->refines.contains(e.id))
            mine.insert(e.id, probe->refines.value(e.id));
    }
    if (mine.isEmpty())
        return;
    probe->refines = std::move(mine);
    // the change points of this step's own series only: the other steps' were read as they came
    probe->input.steps = {{step.id, found}};
    startTask([probe = std::move(*probe)] { prefetchOnsets(probe); });
}

// When the early look at the window already shows that it widens (the change began long before
// the ticket's time, or before the window), the steps that would run again over the wider window
// ask their queries now, beside the first run's: the rerun then finds their answers ready
// instead of waiting another round trip. Only steps that depend on nothing that runs again are
// asked. When the check proper ends elsewhere (another window, or none), those answers are
// never read.
void InvestigationRunPrivate::prefetchRerun(const WindowCheck &early)
{
    if (!early.onset.isValid() || runToken.isCancelled() || (windowChecked && !windowChecking))
        return;
    BoundParameters moved = params;
    if (ParameterBinder::widenToOnset(moved, early.onset, playbook->windowHoursBefore).isEmpty())
        return;
    const QSet<QString> again = windowSteps();
    const QJsonObject values = templateValues(moved);
    for (const PlaybookStep &step : playbook->steps) {
        // (a step filtered by the ticket's provider or model once they are checked, and only
        // when it would run)
        const bool runs =
            firstEmptyParam(step, values).isEmpty() && (entitiesChecked || !usesEntities(step));
        if (!again.contains(step.id) || !runs || isCachedLookup(step))
            continue;
        const bool ready =
            std::all_of(step.dependsOn.cbegin(), step.dependsOn.cend(), [&](const QString &dep) {
                const StepRecord *r = record(dep);
                return !again.contains(dep) && r && r->status == StepStatus::Ok;
            });
        auto connector = connectors->get(step.connector);
        if (!ready || !connector)
            continue;
        OperationCall call;
        call.stepId = step.id;
        call.operation = step.operation;
        call.args = renderTemplates(QJsonValue(step.args), values).toObject();
        if (const QString key = lookupKey(call, step.connector); !prefetched.contains(key))
            prefetched.insert(key);
        else
            continue; // asked already, on an earlier look
        call.limits = WorkLimits{QDeadlineTimer(scaled(qint64(step.timeoutS) * 1000)), runToken};
        qCDebug(lcCore) << "asking" << step.id << "over the widened window from"
                        << moved.window.from << "early";
        startTask([memo = rerunAnswers, connector, call] { memo->run(connector, call); });
    }
}

// Once every step has returned: does the window hold the change the organisation's logs show?
// When the change begins at the window's very start or is not seen at all (it may have begun
// before: a burst still going on when the window opens is flat in it), one coarse query of the
// same series over the last days (hourly buckets) finds where it began. When the onset is more
// than 90 minutes from the ticket's time (or the ticket gives none) and the window does not hold
// a full look-back before it, the window widens and the steps that read it run again (read-only
// queries, each within its own timeout, cancellable like the first run). Returns false when
// there is nothing to check.
bool InvestigationRunPrivate::checkWindow()
{
    if (windowChecked || !playbook || runToken.isCancelled())
        return false;
    windowChecked = true;
    std::optional<WindowProbe> probe = windowProbe();
    if (!probe)
        return false;
    windowChecking = true;
    const int generation = runGeneration;
    runTask([probe = std::move(*probe)] { return probeWindow(probe); },
            [this, generation](WindowCheck check) {
                if (generation == runGeneration && phase == Phase::Steps && windowChecking)
                    onWindowChecked(check);
            });
    return true;
}

void InvestigationRunPrivate::onWindowChecked(const WindowCheck &check)
{
    windowChecking = false;
    BoundParameters moved = params;
    const QString note =
        check.onset.isValid()
            ? ParameterBinder::widenToOnset(moved, check.onset, playbook->windowHoursBefore)
            : QString();
    if (note.isEmpty()) {
        if (check.lookBackFailed)
            engineNotChecked.append(Analysis::uncheckedWording(check.lookBack, u"log_trends"_s));
        startAnalysis(true, check.changes); // the same answers: their change points stand
        return;
    }
    qCDebug(lcCore) << "the window widens to" << moved.window.from;
    params = moved;
    inv.window = params.window;
    inv.entityCorrections = params.entityCorrections;
    inv.playbook.reason +=
        u"; "_s +
        (check.lookBack.isEmpty() || check.lookBackFailed ? note : check.lookBack + u"; "_s + note);
    rerunWindowSteps();
    schedule();
}

// Every step whose arguments read the window's start, and every step that needs one of them,
// runs again over the corrected window; the others keep what they returned.
QSet<QString> InvestigationRunPrivate::windowSteps() const
{
    QSet<QString> again;
    for (const PlaybookStep &step : playbook->steps) {
        if (argsMention(step, u"window.from"))
            again.insert(step.id);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const PlaybookStep &step : playbook->steps) {
            if (again.contains(step.id))
                continue;
            for (const QString &dep : step.dependsOn) {
                if (again.contains(dep)) {
                    again.insert(step.id);
                    grew = true;
                    break;
                }
            }
        }
    }
    return again;
}

void InvestigationRunPrivate::rerunWindowSteps()
{
    const QSet<QString> again = windowSteps();
    rerunning = again;
    QSet<QString> dropped;
    for (StepRecord &r : inv.steps) {
        if (!again.contains(r.id))
            continue;
        dropped.unite(QSet<QString>(r.evidenceIds.cbegin(), r.evidenceIds.cend()));
        r.status = StepStatus::Pending;
        r.error.clear();
        r.evidenceIds.clear();
        r.attempts = 0;
        r.durationMs = 0;
        data.remove(r.id);
        stepClocks.remove(r.id);
        emit q->stepChanged(r);
    }
    inv.evidence.erase(std::remove_if(inv.evidence.begin(), inv.evidence.end(),
                                      [&](const Evidence &e) { return dropped.contains(e.id); }),
                       inv.evidence.end());
}

void InvestigationRunPrivate::schedule()
{
    if (phase != Phase::Steps || !playbook || windowChecking)
        return;
    bool changed = true;
    while (changed) {
        changed = false;
        for (const PlaybookStep &step : playbook->steps) {
            StepRecord *r = record(step.id);
            if (!r || r->status != StepStatus::Pending)
                continue;
            // Dependencies first: all finished, and all ok.
            bool waiting = false;
            QString blocked;
            for (const QString &dep : step.dependsOn) {
                const StepRecord *dr = record(dep);
                if (!dr)
                    continue;
                if (!isFinished(dr->status)) {
                    waiting = true;
                    break;
                }
                if (dr->status != StepStatus::Ok && blocked.isEmpty()) {
                    const QString how = dr->status == StepStatus::Timeout     ? u"timed out"_s
                                        : dr->status == StepStatus::Skipped   ? u"was skipped"_s
                                        : dr->status == StepStatus::Cancelled ? u"was cancelled"_s
                                                                              : u"failed"_s;
                    blocked = u"needs %1, which %2"_s.arg(dep, how);
                }
            }
            if (waiting || waitsForEntities(step))
                continue;
            if (!blocked.isEmpty()) {
                finishStep(step.id, StepStatus::Skipped, blocked);
                changed = true;
                continue;
            }
            if (const QString emptyParam = firstEmptyParam(step, templateValues(params));
                !emptyParam.isEmpty()) {
                finishStep(step.id, StepStatus::Skipped,
                           emptyParam.startsWith(u"steps."_s)
                               ? u"%1 returned no %2"_s.arg(emptyParam.section(u'.', 1, 1),
                                                            emptyParam.section(u'.', 2))
                               : u"the ticket names no %1"_s.arg(emptyParam));
                changed = true;
                continue;
            }
            if (!connectors->get(step.connector)) {
                const QString msg = u"%1 is not connected in this workspace"_s.arg(step.connector);
                const QString note = u"%1 (%2 is not connected)"_s.arg(step.title, step.connector);
                if (!step.ifConnected &&
                    std::none_of(engineNotChecked.cbegin(), engineNotChecked.cend(),
                                 [&](const WordedLine &l) { return l.text == note; }))
                    engineNotChecked.append(Analysis::notConnectedWording(note, step.connector));
                finishStep(step.id, StepStatus::Skipped, msg);
                changed = true;
                continue;
            }
            if (active.size() >= baseThreads)
                continue; // bounded: it starts when a running step finishes
            startStep(step);
            changed = true;
        }
    }
    bool allDone = true;
    for (const StepRecord &r : std::as_const(inv.steps))
        allDone = allDone && isFinished(r.status);
    if (allDone && !checkWindow())
        startAnalysis(true);
}

void InvestigationRunPrivate::startStep(const PlaybookStep &step)
{
    StepRecord *r = record(step.id);
    CF_ASSERT(r, return );
    auto connector = connectors->get(step.connector);
    CF_ASSERT(connector, return );
    if (r->attempts == 0)
        stepClocks[step.id].start();
    ++r->attempts;
    qCDebug(lcCore) << "step" << step.id << "starts at" << elapsed.elapsed() << "ms";
    r->status = StepStatus::Running;
    r->error.clear();

    OperationCall call;
    call.stepId = step.id;
    call.operation = step.operation;
    call.args = renderTemplates(QJsonValue(step.args), templateValues()).toObject();
    call.awaited =
        std::any_of(playbook->steps.cbegin(), playbook->steps.cend(),
                    [&](const PlaybookStep &s) { return s.dependsOn.contains(step.id); });

    Attempt attempt;
    attempt.generation = ++generationCounter;
    attempt.callKey = lookupKey(call, step.connector);
    if (const auto same = answered.constFind(step.id);
        r->attempts == 1 && rerunning.contains(step.id) && same != answered.cend() &&
        same->callKey == attempt.callKey) {
        rerunning.remove(step.id);
        const OperationOutput output = same->output;
        emit q->stepChanged(*r);
        finishStep(step.id, StepStatus::Ok, QString(), &output);
        return;
    }
    if (options.lookups && isCachedLookup(step)) {
        attempt.cacheKey = attempt.callKey;
        auto hit = r->attempts == 1
                       ? options.lookups->find<OperationOutput>(options.workspace, attempt.cacheKey)
                       : std::nullopt;
        if (hit) {
            // Answered a moment ago for this workspace: no round trip. Only first attempts
            // come from schedule(), which goes on with the steps that depend on this one.
            emit q->stepChanged(*r);
            finishStep(step.id, StepStatus::Ok, QString(), &*hit);
            return;
        }
    }
    active.insert(step.id, attempt);
    const qint64 timeoutMs = scaled(qint64(step.timeoutS) * 1000);
    call.limits = WorkLimits{QDeadlineTimer(timeoutMs), attempt.token};

    emit q->stepChanged(*r);

    // The engine's own deadline: if the connector overruns, the step is marked and we move on.
    // It falls a moment after the connector's, so a connector that keeps its deadline reports
    // why it gave up (the connection closed, then a retry too slow) before it is cut off.
    const int generation = attempt.generation;
    const QString id = step.id;
    QTimer::singleShot(timeoutMs + StepOverrunGraceMs, q,
                       [this, id, generation] { onStepTimeout(id, generation); });

    // the first attempt of a step running again over the widened window may find its answer
    // asked already (prefetchRerun); a retry always asks anew
    const std::shared_ptr<QueryMemo> memo = rerunning.remove(step.id) ? rerunAnswers : nullptr;
    InvestigationRun *guard = q;
    InvestigationRunPrivate *self = this; // lives as long as `guard`
    startTask([guard, self, connector, call, generation, id, memo]() {
        Result<OperationOutput> result =
            memo ? memo->run(connector, call) : runGuarded(*connector, call);
        QMetaObject::invokeMethod(
            guard,
            [self, id, generation, result = std::move(result)]() {
                self->onStepResult(id, generation, result);
            },
            Qt::QueuedConnection);
    });
}

void InvestigationRunPrivate::onStepResult(const QString &id, int generation,
                                           const Result<OperationOutput> &result)
{
    const auto it = active.constFind(id);
    if (it == active.cend() || it->generation != generation)
        return; // late result of a timed-out or cancelled attempt: dropped
    const QString cacheKey = it->cacheKey;
    const QString callKey = it->callKey;
    active.erase(it);
    if (phase != Phase::Steps)
        return;
    const PlaybookStep *step = playbook ? playbook->step(id) : nullptr;
    StepRecord *r = record(id);
    CF_ASSERT(step && r, return );
    if (result) {
        answered.insert(id, Answer{callKey, *result});
        if (options.lookups && !cacheKey.isEmpty())
            options.lookups->store(options.workspace, cacheKey, *result);
        finishStep(id, StepStatus::Ok, QString(), &*result);
        probeWindowEarly(*step);
    } else {
        const Error &e = result.error();
        if (e.code == Error::Code::Cancelled && runToken.isCancelled()) {
            finishStep(id, StepStatus::Cancelled, u"cancelled"_s);
        } else if (r->attempts <= step->retries && isRetriable(e.code)) {
            qCDebug(lcCore) << "retrying step" << id << "after:" << e.message;
            earlierErrors.insert(id, oneLine(e.message));
            startStep(*step);
            return;
        } else {
            const StepStatus status =
                e.code == Error::Code::Timeout ? StepStatus::Timeout : StepStatus::Failed;
            QString message = oneLine(e.message);
            if (message.isEmpty())
                message = u"%1 failed (%2)"_s.arg(step->operation, errorCodeName(e.code));
            finishStep(id, status,
                       status == StepStatus::Timeout ? withEarlierError(id, message) : message);
        }
    }
    schedule();
}

void InvestigationRunPrivate::abandon(const QString &id)
{
    const auto it = active.constFind(id);
    if (it == active.cend())
        return;
    it->token.cancel();
    // Its worker may still be inside the connector; the steps after it are not held up, as it
    // no longer counts against baseThreads and the shared pool has threads to spare.
    active.erase(it);
}

void InvestigationRunPrivate::onStepTimeout(const QString &id, int generation)
{
    const auto it = active.constFind(id);
    if (it == active.cend() || it->generation != generation || phase != Phase::Steps)
        return;
    abandon(id);
    const PlaybookStep *step = playbook ? playbook->step(id) : nullptr;
    StepRecord *r = record(id);
    CF_ASSERT(step && r, return );
    if (r->attempts <= step->retries) {
        qCDebug(lcCore) << "step" << id << "timed out; retrying";
        startStep(*step);
        return;
    }
    finishStep(id, StepStatus::Timeout,
               withEarlierError(id, u"timed out after %1 s"_s.arg(
                                        secondsText(scaled(qint64(step->timeoutS) * 1000)))));
    schedule();
}

QString InvestigationRunPrivate::withEarlierError(const QString &id, const QString &message) const
{
    return withEarlierAttempt(message, earlierErrors.value(id));
}

void InvestigationRunPrivate::finishStep(const QString &id, StepStatus status, const QString &error,
                                         const OperationOutput *output)
{
    StepRecord *r = record(id);
    CF_ASSERT(r, return );
    earlierErrors.remove(id);
    r->status = status;
    r->error = status == StepStatus::Ok ? QString() : error;
    r->durationMs = stepClocks.contains(id) ? stepClocks.value(id).elapsed() : 0;
    qCDebug(lcCore) << "step" << id << "ends at" << elapsed.elapsed() << "ms";
    StepData sd;
    if (output) {
        for (Evidence e : output->evidence) {
            e.id = u"ev"_s + QString::number(nextEvidence++);
            e.stepId = id;
            if (e.connector.isEmpty())
                e.connector = r->connector;
            r->evidenceIds.append(e.id);
            inv.evidence.append(e);
            sd.evidence.append(e);
            emit q->evidenceAdded(e);
        }
        sd.outputs = output->outputs;
    }
    sd.record = *r;
    data.insert(id, sd);
    emit q->stepChanged(*r);
}

void InvestigationRunPrivate::onOverallTimeout()
{
    if (phase != Phase::Steps && phase != Phase::Preparing)
        return;
    const QString why = u"the investigation's time limit of %1 s ran out"_s.arg(
        secondsText(options.overallTimeout.count()));
    qCInfo(lcCore) << "investigation timed out";
    if (phase == Phase::Preparing) {
        runToken.cancel();
        inv.playbook.reason = why;
        phase = Phase::Steps;
        startAnalysis(false);
        return;
    }
    const QStringList running = active.keys();
    for (const QString &id : running) {
        abandon(id);
        finishStep(id, StepStatus::Timeout, why);
    }
    for (const StepRecord &r : QList<StepRecord>(inv.steps)) {
        if (!isFinished(r.status))
            finishStep(r.id, StepStatus::Cancelled, u"not started: "_s + why);
    }
    engineNotChecked.append(
        Analysis::uncheckedWording(u"Some steps did not finish: "_s + why + u'.', u"unfinished"_s));
    startAnalysis(true);
}

void InvestigationRun::cancel()
{
    using Phase = InvestigationRunPrivate::Phase;
    if (!isRunning())
        return;
    d->runToken.cancel();
    const QStringList running = d->active.keys();
    for (const QString &id : running) {
        d->abandon(id);
        d->finishStep(id, StepStatus::Cancelled, u"cancelled"_s);
    }
    for (const StepRecord &r : QList<StepRecord>(d->inv.steps)) {
        if (!isFinished(r.status))
            d->finishStep(r.id, StepStatus::Cancelled, u"cancelled"_s);
    }
    d->overallTimer->stop();
    d->phase = Phase::Finished;
    d->windowChecking = false;
    ++d->runGeneration; // analysis in flight is dropped (and a check of the window)
    d->inv.durationMs = d->elapsed.elapsed();
    if (d->inv.diagnosisMarkdown.isEmpty())
        d->inv.diagnosisMarkdown = u"The investigation was cancelled before it finished; "
                                   u"no diagnosis was drafted."_s;
    // Delivered asynchronously, like every other result.
    QMetaObject::invokeMethod(
        this, [this] { emit finished(d->inv); }, Qt::QueuedConnection);
}

namespace {

// The LLM's edit of the drafted reply, with the requester's name masked; kept only when it keeps
// every placeholder, else the draft stays.
void polishReply(Investigation &result, const Ticket &ticket, const std::shared_ptr<Connector> &llm,
                 qint64 polishMs, const CancelToken &token)
{
    if (!llm || result.diagnosisMarkdown.isEmpty() || token.isCancelled())
        return;
    PrivacyMask mask({ticket.requesterName});
    const QString masked = mask.mask(result.diagnosisMarkdown);
    OperationCall call;
    call.stepId = u"polish"_s;
    call.operation = u"chat"_s;
    call.args = QJsonObject{
        {u"system"_s,
         u"You edit support replies. Improve clarity and tone of the Markdown reply you "
         u"are given. Keep every number, time, identifier, link and placeholder like "
         u"[NAME_1] exactly as written. Do not add facts. Answer with the reply only."_s},
        {u"prompt"_s, masked},
        {u"max_tokens"_s, 1500}};
    call.limits = WorkLimits{QDeadlineTimer(polishMs), token};
    try {
        const auto answer = llm->run(call);
        const QString text =
            answer ? answer->outputs.value(u"text"_s).toString().trimmed() : QString();
        bool keepsPlaceholders = true;
        for (const QString &p : mask.placeholders())
            keepsPlaceholders = keepsPlaceholders && (!masked.contains(p) || text.contains(p));
        if (!text.isEmpty() && keepsPlaceholders)
            result.diagnosisMarkdown = mask.restore(text);
        else if (!answer)
            qCInfo(lcCore) << "LLM polish failed, keeping the draft:" << answer.error().message;
    } catch (const std::exception &e) {
        qCWarning(lcCore) << "LLM polish failed:" << e.what();
    }
}

} // namespace

void InvestigationRunPrivate::startAnalysis(
    bool analyzeSteps, std::shared_ptr<const Analysis::ChangeReport> knownChanges)
{
    phase = Phase::Analysing;
    windowChecking = false;
    qCDebug(lcCore) << "analysis starts at" << elapsed.elapsed() << "ms";
    answered.clear(); // no step runs again
    // The ticket's provider and model against the organisation's own logs (unless a step
    // filtered by them already had them checked): the logs win, and the result says so.
    if (analyzeSteps) {
        checkEntities();
        checkContrast();
    }
    if (!params.customerHypothesis.isEmpty() &&
        !inv.playbook.reason.contains(u"customer's theory"_s))
        inv.playbook.reason += u"; the customer's theory (\"%1\") is a hypothesis to test, not "
                               u"evidence"_s.arg(params.customerHypothesis.left(120));
    AnalysisInput input;
    input.ticket = inv.ticket;
    input.playbook = inv.playbook.name;
    input.analyzers = playbook ? playbook->analyzers : QStringList();
    input.params = params;
    input.steps = data;
    input.now = now;
    input.changes = std::move(knownChanges);

    const Investigation current = inv;
    const QList<WordedLine> notChecked = engineNotChecked;
    const bool polish = options.polishWithLlm && analyzeSteps;
    auto llm = connectors->get(u"llm"_s);
    // a plain question (no playbook, nothing forced) is answered from the docs, if they tell
    const bool question = inv.playbook.name.isEmpty() && options.playbook.isEmpty();
    auto docs = question ? connectors->get(u"docs"_s) : nullptr;
    const int firstEvidence = nextEvidence;
    const CancelToken token = runToken;

    auto work = [input, current, notChecked, analyzeSteps, polish, llm, docs, firstEvidence, token,
                 runnerUp = runnerUp, runnerUpAnalyzers = runnerUpAnalyzers,
                 polishMs = scaled(PolishTimeoutMs),
                 docsMs = scaled(QuestionDocsTimeoutMs)]() -> Analysed {
        Analysed out;
        out.investigation = current;
        out.nextEvidence = firstEvidence;
        Investigation &result = out.investigation;
        try {
            if (analyzeSteps && !current.playbook.name.isEmpty()) {
                // the change points, found once: the analyzers and the time check read them
                const AnalysisInput analysed = Analysis::withChanges(input);
                const AnalysisResult analysis = analyze(analysed);
                for (const Evidence &e : analysis.derived)
                    out.addDerived(e);
                result.findings = analysis.findings;
                result.rootCause = analysis.rootCause;
                result.secondaryCauses = analysis.secondaryCauses;
                result.rejected = analysis.rejected;
                result.notChecked = analysis.notChecked;
                result.notCheckedWording = analysis.notCheckedWording;
                result.needsHuman = analysis.needsHuman;
                result.missing = analysis.missing;
                // the runner-up's own check found the cause: the evidence decided for it
                if (!runnerUp.isEmpty() && analysis.rootCause &&
                    runnerUpAnalyzers.contains(analysis.rootCauseAnalyzer)) {
                    result.playbook.reason +=
                        u"; the evidence decided for %1: its %2 check found the cause"_s.arg(
                            runnerUp, analysis.rootCauseAnalyzer);
                    result.playbook.name = runnerUp;
                }
                if (const Analysis::SeriesChange *primary = analysed.changes->primary;
                    primary && primary->at.isValid())
                    out.addDerived(changePointEvidence(*primary, input.ticket.createdAt));
                // the time the ticket gives against the onset in the organisation's logs (unless
                // another change the logs show agrees with it)
                if (const Analysis::SeriesChange *primary = analysed.changes->primary;
                    primary && !changeAtTicketTime(*analysed.changes, input.params.anchor)) {
                    BoundParameters timed = input.params;
                    const QString note = ParameterBinder::correctTime(timed, primary->at);
                    if (!note.isEmpty()) {
                        result.entityCorrections = timed.entityCorrections;
                        result.window = timed.window;
                        result.playbook.reason += u"; "_s + note;
                    }
                }
            }
            for (const WordedLine &n : notChecked)
                noteUnchecked(result, n);
            // A required step that did not deliver weakens whatever we concluded.
            QStringList missingRequired;
            for (const StepRecord &r : std::as_const(result.steps)) {
                if (r.required && r.status != StepStatus::Ok) {
                    missingRequired.append(r.title);
                    const QString note = u"%1: %2"_s.arg(
                        r.title, r.error.isEmpty() ? stepStatusName(r.status) : r.error);
                    noteUnchecked(result, Analysis::stepWording(note, r));
                }
            }
            if (!missingRequired.isEmpty() && result.rootCause) {
                result.rootCause->confidence = std::min(result.rootCause->confidence * 0.7, 0.6);
                for (Finding &f : result.findings)
                    f.confidence = std::min(f.confidence, 0.8);
            }
            settleNeedsHuman(result, missingRequired);
            if (docs && !token.isCancelled()) {
                auto found = Reply::findQuestionDocs(input.ticket, *docs,
                                                     WorkLimits{QDeadlineTimer(docsMs), token});
                if (!found) {
                    noteUnchecked(
                        result, Analysis::uncheckedWording(
                                    u"our documentation (%1)"_s.arg(oneLine(found.error().message)),
                                    u"docs"_s));
                } else if (*found) {
                    out.addDerived(**found);
                }
            }
            const ComposedReply composed = composeReply(input, result);
            result.diagnosisMarkdown = composed.reply;
            result.internalNoteMarkdown = composed.note;
            result.replyLanguage = composed.language;
        } catch (const std::exception &e) {
            qCWarning(lcCore) << "analysis failed:" << e.what();
            noteUnchecked(result, Analysis::uncheckedWording(
                                      u"The analysis failed; the evidence is shown as collected."_s,
                                      u"analysis_failed"_s));
        }

        if (polish)
            polishReply(result, input.ticket, llm, polishMs, token);
        return out;
    };
    const int generation = runGeneration;
    runTask(std::move(work), [this, generation](Analysed analysed) {
        if (generation == runGeneration && phase == Phase::Analysing)
            finish(analysed);
    });
}

void InvestigationRunPrivate::finish(const Analysed &result)
{
    overallTimer->stop();
    inv = result.investigation;
    nextEvidence = result.nextEvidence;
    inv.durationMs = elapsed.elapsed();
    phase = Phase::Finished;
    for (const Evidence &e : result.derived)
        emit q->evidenceAdded(e);
    emit q->finished(inv);
}

void InvestigationRun::rerunStep(const QString &stepId)
{
    using Phase = InvestigationRunPrivate::Phase;
    if (d->phase != Phase::Finished || !d->playbook || !d->playbook->step(stepId))
        return;
    StepRecord *r = d->record(stepId);
    CF_ASSERT(r, return );
    d->inv.evidence.erase(std::remove_if(d->inv.evidence.begin(), d->inv.evidence.end(),
                                         [&](const Evidence &e) { return e.stepId == stepId; }),
                          d->inv.evidence.end());
    // Derived evidence is recomputed by the analysis.
    QSet<QString> stepEvidence;
    for (const StepRecord &s : std::as_const(d->inv.steps))
        stepEvidence.unite(QSet<QString>(s.evidenceIds.cbegin(), s.evidenceIds.cend()));
    d->inv.evidence.erase(std::remove_if(d->inv.evidence.begin(), d->inv.evidence.end(),
                                         [&](const Evidence &e) {
                                             return e.stepId.isEmpty() &&
                                                    !stepEvidence.contains(e.id);
                                         }),
                          d->inv.evidence.end());
    r->status = StepStatus::Pending;
    r->error.clear();
    r->evidenceIds.clear();
    r->attempts = 0;
    r->durationMs = 0;
    d->data.remove(stepId);
    d->stepClocks.remove(stepId);
    d->inv.findings.clear();
    d->inv.rootCause.reset();
    d->inv.rejected.clear();
    d->inv.diagnosisMarkdown.clear();
    d->inv.internalNoteMarkdown.clear();
    d->runToken = CancelToken();
    d->rerunning.clear(); // a step run again by hand asks anew
    ++d->runGeneration;
    d->phase = Phase::Steps;
    d->elapsed.start();
    d->overallTimer->start(std::max<qint64>(1000, d->options.overallTimeout.count()));
    emit stepChanged(*r);
    d->schedule();
}

} // namespace Casefile
