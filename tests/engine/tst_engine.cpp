#include "core/engine.h"
#include "core/engine/playbooklibrary.h"
#include "core/investigationjson.h"
#include "core/time.h"
#include "fixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QMutex>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

// What the fake connectors saw, across threads.
struct Recorder
{
    struct Call
    {
        QString stepId;
        qint64 startNs = 0;
        qint64 endNs = 0;
        bool sawCancel = false;
        bool awaited = false;
        QJsonObject args;
    };
    QMutex mutex;
    QElapsedTimer clock;
    QList<Call> calls;
    QSet<QString> started; // steps whose call has begun
    std::atomic_int running{0};
    std::atomic_int maxRunning{0};

    Recorder() { clock.start(); }
    QList<Call> snapshot()
    {
        QMutexLocker lock(&mutex);
        return calls;
    }
    bool hasStarted(const QString &stepId)
    {
        QMutexLocker lock(&mutex);
        return started.contains(stepId);
    }
    std::optional<Call> call(const QString &stepId)
    {
        QMutexLocker lock(&mutex);
        for (const Call &c : calls) {
            if (c.stepId == stepId)
                return c;
        }
        return std::nullopt;
    }
};

// One behaviour per operation: how long it takes, whether it fails, whether it ignores cancel.
struct Behaviour
{
    Behaviour &delay(int ms)
    {
        delayMs = ms;
        return *this;
    }
    Behaviour &failing(Error::Code code, int times = -1)
    {
        failWith = code;
        failTimes = times;
        return *this;
    }
    // The delay only from the attempt `n` on (0: the first): a failure, then a stall.
    Behaviour &delayFrom(int n)
    {
        delayFromAttempt = n;
        return *this;
    }
    Behaviour &slowToCancel()
    {
        ignoresCancel = true;
        return *this;
    }
    // Answers only once the test sets `flag` (a minute at most), cancelled or not: a slow
    // connector that returns late, as late as the test needs.
    Behaviour &heldUntil(const std::shared_ptr<std::atomic_bool> &flag)
    {
        release = flag;
        ignoresCancel = true;
        return *this;
    }
    Behaviour &withEvidence(int n)
    {
        evidence = n;
        return *this;
    }
    Behaviour &withOutputs(const QJsonObject &o)
    {
        outputs = o;
        return *this;
    }
    Behaviour &withData(const QJsonObject &d)
    {
        data = d;
        return *this;
    }
    // The evidence's data computed from the call (a time series over the asked window).
    Behaviour &withSeries(const std::function<QJsonObject(const OperationCall &)> &f)
    {
        series = f;
        return *this;
    }
    // The series in one-minute buckets beside the evidence, as a ClickHouse series whose own
    // buckets are wider carries them (outputs.minutes), computed from the call.
    Behaviour &withMinutes(const std::function<QJsonObject(const OperationCall &)> &f)
    {
        minutes = f;
        return *this;
    }
    // Answers only once `n` calls have run at the same time (or at the deadline: a timeout).
    Behaviour &untilRunning(int n)
    {
        waitRunning = n;
        return *this;
    }
    // Answers only once the step `id` has started (or at the deadline: a timeout).
    Behaviour &untilStarted(const QString &id)
    {
        waitStep = id;
        return *this;
    }

    int delayMs = 0;
    int delayFromAttempt = 0;
    std::optional<Error::Code> failWith;
    int failTimes = -1;         // -1: always (when failWith is set); n: the first n attempts
    bool ignoresCancel = false; // a slow connector that returns late
    int evidence = 1;
    QJsonObject outputs;
    QJsonObject data; // the evidence's data (an empty table when empty)
    std::function<QJsonObject(const OperationCall &)> series;
    std::function<QJsonObject(const OperationCall &)> minutes;
    int waitRunning = 0;
    QString waitStep;
    std::shared_ptr<std::atomic_bool> release;
};

class FakeConnector final : public Connector
{
public:
    FakeConnector(QString system, std::shared_ptr<Recorder> recorder)
        : m_system(std::move(system))
        , m_recorder(std::move(recorder))
    {}

    void setBehaviour(const QString &operation, const Behaviour &b) { m_behaviours[operation] = b; }
    static bool isStep(const OperationCall &call) { return !call.stepId.endsWith(u"_lookback"_s); }

    QString system() const override { return m_system; }
    QStringList operations() const override { return m_behaviours.keys(); }
    ConnectionCheck testConnection(const WorkLimits &) override { return {true, u"ok"_s}; }

    Result<OperationOutput> run(const OperationCall &call) override
    {
        const Behaviour b = m_behaviours.value(call.operation);
        // (running counts the steps' calls: a look-back asked beside them is not a step)
        const int now = (m_recorder->running += isStep(call) ? 1 : 0);
        int seen = m_recorder->maxRunning.load();
        while (now > seen && !m_recorder->maxRunning.compare_exchange_weak(seen, now)) {
        }
        int earlierCalls = 0;
        {
            QMutexLocker lock(&m_recorder->mutex);
            m_recorder->started.insert(call.stepId);
            for (const Recorder::Call &c : m_recorder->calls)
                earlierCalls += c.stepId == call.stepId ? 1 : 0;
        }
        const int delayMs = earlierCalls >= b.delayFromAttempt ? b.delayMs : 0;
        // Conditions, not clocks: a call waits for the others it needs running, up to its deadline.
        while ((m_recorder->maxRunning.load() < b.waitRunning ||
                (!b.waitStep.isEmpty() && !m_recorder->hasStarted(b.waitStep))) &&
               !call.limits.deadline.hasExpired() && !call.limits.cancel.isCancelled())
            QThread::msleep(2);
        if (call.limits.deadline.hasExpired()) {
            m_recorder->running -= isStep(call) ? 1 : 0;
            return fail(Error::Code::Timeout, u"%1 timed out waiting"_s.arg(m_system));
        }
        Recorder::Call rec;
        rec.stepId = call.stepId;
        rec.args = call.args;
        rec.awaited = call.awaited;
        rec.startNs = m_recorder->clock.nsecsElapsed();
        QElapsedTimer t;
        t.start();
        bool cancelled = false;
        const auto held = [&] {
            return b.release && !b.release->load() && t.elapsed() < 60000;
        };
        while (t.elapsed() < delayMs || held()) {
            if (!b.ignoresCancel &&
                (call.limits.cancel.isCancelled() || call.limits.deadline.hasExpired())) {
                cancelled = true;
                break;
            }
            QThread::msleep(2);
        }
        rec.sawCancel = call.limits.cancel.isCancelled();
        rec.endNs = m_recorder->clock.nsecsElapsed();
        int attempt = 0;
        {
            QMutexLocker lock(&m_recorder->mutex);
            for (const Recorder::Call &c : m_recorder->calls)
                attempt += c.stepId == call.stepId ? 1 : 0;
            m_recorder->calls.append(rec);
        }
        m_recorder->running -= isStep(call) ? 1 : 0;
        if (cancelled && call.limits.cancel.isCancelled())
            return fail(Error::Code::Cancelled, u"cancelled"_s);
        if (cancelled)
            return fail(Error::Code::Timeout, u"%1 timed out"_s.arg(m_system));
        if (b.failWith && (b.failTimes < 0 || attempt < b.failTimes))
            return fail(*b.failWith, u"%1 answered HTTP 502 Bad Gateway"_s.arg(m_system));
        OperationOutput out;
        for (int i = 0; i < b.evidence; ++i) {
            Evidence e;
            e.kind = EvidenceKind::Table;
            e.title = call.stepId + u" #"_s + QString::number(i + 1);
            e.source = m_system + u":test"_s;
            e.data = !b.data.isEmpty() ? b.data
                                       : QJsonObject{{u"columns"_s, QJsonArray{u"n"_s}},
                                                     {u"rows"_s, QJsonArray{}}};
            if (b.series) {
                e.kind = EvidenceKind::TimeSeries;
                e.data = b.series(call);
            }
            out.evidence.append(e);
        }
        out.outputs = b.outputs;
        if (b.minutes)
            out.outputs.insert(u"minutes"_s, b.minutes(call));
        return out;
    }

private:
    QString m_system;
    std::shared_ptr<Recorder> m_recorder;
    QMap<QString, Behaviour> m_behaviours;
};

QString stepJson(const QString &id, const QString &connector, const QString &operation,
                 const QString &more = {})
{
    return u"{\"id\": \"%1\", \"connector\": \"%2\", \"operation\": \"%3\", \"args\": {\"org\": \"{{org}}\", \"from\": \"{{window.from}}\", \"to\": \"{{window.to}}\"}%4}"_s
        .arg(id, connector, operation, more);
}

std::shared_ptr<PlaybookLibrary> library(const QString &name, const QStringList &steps,
                                         const QString &parameters = {})
{
    auto lib = std::make_shared<PlaybookLibrary>();
    const QString text =
        u"{\"format\": \"casefile-playbook/1\", \"name\": \"%1\", "
        u"\"signals\": {\"keywords\": [\"slow\"]}, %2 \"steps\": [%3], \"analyzers\": []}"_s.arg(
            name, parameters.isEmpty() ? QString() : parameters + u","_s, steps.join(u", "_s));
    const auto diags = lib->addPlaybook(text.toUtf8(), name + u".json"_s);
    for (const auto &d : diags)
        qWarning().noquote() << d.toString();
    return lib;
}

const QDateTime Now(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc());

// One org's requests per provider over the window a call asks for (its `bucket_s`, one minute
// when absent), 60 a minute from `trafficFrom`, failing at `rate(t)`.
QJsonObject errorSeries(const OperationCall &call, const QDateTime &trafficFrom,
                        const std::function<double(const QDateTime &)> &rate)
{
    const QDateTime from = fromIso(call.args.value(u"from"_s).toString());
    const QDateTime to = fromIso(call.args.value(u"to"_s).toString());
    const int bucket = std::max(60, call.args.value(u"bucket_s"_s).toInt(60));
    QJsonArray points;
    for (QDateTime t = from; t < to; t = t.addSecs(bucket)) {
        if (t < trafficFrom)
            continue;
        const int n = bucket;
        points.append(QJsonArray{toIsoUtc(t), n, int(std::lround(rate(t) * n))});
    }
    return QJsonObject{
        {u"bucket_s"_s, bucket},
        {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s}},
        {u"series"_s,
         QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{{u"provider"_s, u"anthropic"_s}}},
                                {u"points"_s, points}}}}};
}

struct Harness
{
    std::shared_ptr<Recorder> recorder = std::make_shared<Recorder>();
    std::shared_ptr<FakeConnector> clickhouse =
        std::make_shared<FakeConnector>(u"clickhouse"_s, recorder);
    std::shared_ptr<FakeConnector> github = std::make_shared<FakeConnector>(u"github"_s, recorder);

    std::shared_ptr<ConnectorSet> connectors(bool withGithub = true) const
    {
        auto set = std::make_shared<ConnectorSet>();
        set->add(clickhouse);
        if (withGithub)
            set->add(github);
        return set;
    }
};

const StepRecord *stepOf(const Investigation &inv, const QString &id)
{
    for (const StepRecord &s : inv.steps) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

Investigation runToEnd(InvestigationRun &run, const Ticket &t,
                       InvestigationRun::Options options = {})
{
    QSignalSpy finished(&run, &InvestigationRun::finished);
    run.start(t, options);
    if (!finished.wait(30000))
        return {};
    return finished.first().first().value<Investigation>();
}

// An api-errors run of `steps` on a ticket whose body is `description`, to its end.
Investigation runApiErrors(const Harness &h, const QStringList &steps, const QString &description)
{
    InvestigationRun run(h.connectors(), library(u"api-errors"_s, steps), Now);
    InvestigationRun::Options options;
    options.playbook = u"api-errors"_s;
    Ticket t = TestData::ticket();
    t.subject = u"Calls failing"_s;
    t.description = description;
    return runToEnd(run, t, options);
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<Investigation>();
        qRegisterMetaType<StepRecord>();
        qRegisterMetaType<Evidence>();
    }

    void stepsRunInParallel()
    {
        Harness h;
        QStringList steps;
        for (int i = 0; i < 4; ++i) {
            const QString op = QStringList{u"traffic_overview"_s, u"latency_series"_s,
                                           u"error_breakdown"_s, u"error_series"_s}
                                   .at(i);
            h.clickhouse->setBehaviour(op, Behaviour().delay(300));
            steps.append(stepJson(u"s%1"_s.arg(i), u"clickhouse"_s, op));
        }
        InvestigationRun run(h.connectors(), library(u"par"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"par"_s;
        options.maxParallelSteps = 4;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(inv.steps.size(), 4);
        for (const StepRecord &s : inv.steps)
            QCOMPARE(s.status, StepStatus::Ok);
        // Overlap, proven by the recorded intervals: every step started before any ended.
        auto calls = h.recorder->snapshot();
        calls.removeIf([](const Recorder::Call &c) { return c.stepId.endsWith(u"_lookback"_s); });
        QCOMPARE(calls.size(), 4);
        qint64 lastStart = 0;
        qint64 firstEnd = std::numeric_limits<qint64>::max();
        for (const auto &c : calls) {
            lastStart = std::max(lastStart, c.startNs);
            firstEnd = std::min(firstEnd, c.endNs);
        }
        QVERIFY(lastStart < firstEnd);
        QCOMPARE(h.recorder->maxRunning.load(), 4);
    }

    void runsMakeNoThreadsOnceWorkersStarted()
    {
#if defined(Q_OS_LINUX)
        // Investigations share the worker threads started once: a run started on the GUI
        // thread makes none there (making one stalled it on a busy machine), and one ending
        // joins none. Counted through the process's tasks while each step runs.
        const auto threads = [] {
            return int(
                QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
        };
        InvestigationRun::startWorkerThreads(8);
        const int before = threads();
        std::atomic_int most{0};
        Harness h;
        QStringList steps;
        for (int i = 0; i < 3; ++i) {
            const QString op =
                QStringList{u"traffic_overview"_s, u"latency_series"_s, u"error_breakdown"_s}.at(i);
            h.clickhouse->setBehaviour(
                op, Behaviour().untilRunning(3).withSeries([&](const OperationCall &) {
                    for (int seen = most.load(), now = threads();
                         now > seen && !most.compare_exchange_weak(seen, now);) {
                    }
                    return QJsonObject{{u"bucket_s"_s, 60},
                                       {u"columns"_s,
                                        QJsonArray {
                                            u"t"_s,
                                            u"n"_s,
                                            u"errors"_s
                                        }},
                                       { u"series"_s,
                                         QJsonArray {} }};
                }));
            steps.append(stepJson(u"s%1"_s.arg(i), u"clickhouse"_s, op));
        }
        for (int round = 0; round < 3; ++round) {
            h.recorder->maxRunning = 0;
            InvestigationRun run(h.connectors(), library(u"par"_s, steps), Now);
            InvestigationRun::Options options;
            options.playbook = u"par"_s;
            const Investigation inv = runToEnd(run, TestData::ticket(), options);
            QCOMPARE(inv.steps.size(), 3);
            for (const StepRecord &s : inv.steps)
                QCOMPARE(s.status, StepStatus::Ok);
        }
        QVERIFY(most.load() > 0);
        QCOMPARE_LE(most.load(), before);
#else
        QSKIP("counts the process's threads through /proc");
#endif
    }

    void everyIndependentStepStartsAtOnceByDefault()
    {
        // A playbook with its shared steps has up to 17; none may wait for a free worker. Each
        // call answers only once all 17 run together, so a bounded start would time out.
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().untilRunning(17));
        QStringList steps;
        for (int i = 0; i < 17; ++i)
            steps.append(stepJson(u"s%1"_s.arg(i), u"clickhouse"_s, u"traffic_overview"_s,
                                  u", \"timeout_s\": 20"_s));
        InvestigationRun run(h.connectors(), library(u"wide"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"wide"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(inv.steps.size(), 17);
        QCOMPARE(h.recorder->maxRunning.load(), 17);
        for (const StepRecord &s : inv.steps)
            QCOMPARE(stepStatusName(s.status), u"ok"_s);
    }

    void dependentStepDoesNotWaitForUnrelatedOnes()
    {
        // `slow` answers only once `after` (which needs `fast`) has started: the engine must
        // start `after` as soon as `fast` finishes, not when the whole first level has.
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().untilStarted(u"after"_s));
        h.clickhouse->setBehaviour(u"latency_series"_s, Behaviour());
        h.github->setBehaviour(u"deployments"_s, Behaviour());
        const QStringList steps{
            stepJson(u"slow"_s, u"clickhouse"_s, u"traffic_overview"_s, u", \"timeout_s\": 20"_s),
            stepJson(u"fast"_s, u"clickhouse"_s, u"latency_series"_s),
            u"{\"id\": \"after\", \"connector\": \"github\", \"operation\": \"deployments\", "
            u"\"args\": {\"from\": \"{{window.from}}\", \"to\": \"{{window.to}}\"}, "
            u"\"depends_on\": [\"fast\"]}"_s};
        InvestigationRun run(h.connectors(), library(u"levels"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"levels"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepStatusName(stepOf(inv, u"slow"_s)->status), u"ok"_s);
        QCOMPARE(stepStatusName(stepOf(inv, u"after"_s)->status), u"ok"_s);
    }

    void parallelismIsBounded()
    {
        Harness h;
        QStringList steps;
        const QStringList ops{u"traffic_overview"_s, u"latency_series"_s, u"error_breakdown"_s,
                              u"error_series"_s,     u"fallback_stats"_s, u"token_usage"_s};
        for (int i = 0; i < ops.size(); ++i) {
            h.clickhouse->setBehaviour(ops.at(i), Behaviour().delay(100));
            steps.append(stepJson(u"s%1"_s.arg(i), u"clickhouse"_s, ops.at(i)));
        }
        InvestigationRun run(h.connectors(), library(u"bounded"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"bounded"_s;
        options.maxParallelSteps = 2;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(inv.steps.size(), 6);
        QVERIFY(h.recorder->maxRunning.load() <= 2);
    }

    void dependenciesRunInOrderWithOutputs()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s,
                                   Behaviour().delay(100).withOutputs(QJsonObject{
                                       {u"config_ids"_s, QJsonArray{u"pc-1"_s, u"pc-2"_s}}}));
        h.github->setBehaviour(u"deployments"_s, Behaviour().delay(10));
        const QStringList steps{
            stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s),
            u"{\"id\": \"deploys\", \"connector\": \"github\", \"operation\": \"deployments\", "
            u"\"args\": {\"from\": \"{{window.from}}\", \"to\": \"{{window.to}}\", "
            u"\"ids\": \"{{steps.overview.config_ids}}\", \"text\": \"ids: {{steps.overview.config_ids}}\"}}"_s};
        InvestigationRun run(h.connectors(), library(u"deps"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"deps"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        const auto overview = h.recorder->call(u"overview"_s);
        const auto deploys = h.recorder->call(u"deploys"_s);
        QVERIFY(overview && deploys);
        QVERIFY(deploys->startNs >= overview->endNs);
        // the step another waits for is asked as such (a system may put it first)
        QVERIFY(overview->awaited);
        QVERIFY(!deploys->awaited);
        QCOMPARE(deploys->args.value(u"ids"_s).toArray(), (QJsonArray{u"pc-1"_s, u"pc-2"_s}));
        QCOMPARE(deploys->args.value(u"text"_s).toString(), u"ids: pc-1 pc-2"_s);
        QCOMPARE(overview->args.value(u"org"_s).toString(), u"org_acme"_s);
        QCOMPARE(stepOf(inv, u"deploys"_s)->status, StepStatus::Ok);
    }

    void evidenceIdsInArrivalOrder()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().delay(10).withEvidence(2));
        h.clickhouse->setBehaviour(u"latency_series"_s, Behaviour().delay(10).withEvidence(1));
        const QStringList steps{
            stepJson(u"a"_s, u"clickhouse"_s, u"traffic_overview"_s),
            stepJson(u"b"_s, u"clickhouse"_s, u"latency_series"_s, u", \"depends_on\": [\"a\"]"_s)};
        InvestigationRun run(h.connectors(), library(u"ev"_s, steps), Now);
        QSignalSpy added(&run, &InvestigationRun::evidenceAdded);
        InvestigationRun::Options options;
        options.playbook = u"ev"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(added.size(), 3);
        QCOMPARE(inv.evidence.size(), 3);
        QCOMPARE(inv.evidence.at(0).id, u"ev1"_s);
        QCOMPARE(inv.evidence.at(0).stepId, u"a"_s);
        QCOMPARE(inv.evidence.at(2).id, u"ev3"_s);
        QCOMPARE(inv.evidence.at(2).stepId, u"b"_s);
        QCOMPARE(inv.evidence.at(2).connector, u"clickhouse"_s);
        QCOMPARE(stepOf(inv, u"a"_s)->evidenceIds, (QStringList{u"ev1"_s, u"ev2"_s}));
        QCOMPARE(inv.playbook.name, u"ev"_s);
        QCOMPARE(inv.startedAt, Now);
        QVERIFY(inv.window.isValid());
        QVERIFY(!inv.diagnosisMarkdown.isEmpty());
        // The result is the contract document.
        const auto back = investigationFromJsonBytes(investigationToJsonBytes(inv));
        QVERIFY(back.has_value());
    }

    void timeoutIsMarkedWithoutWaiting()
    {
        Harness h;
        // Ignores cancellation and returns only once released; the step's deadline is 1 s.
        const auto release = std::make_shared<std::atomic_bool>(false);
        h.github->setBehaviour(u"deployments"_s, Behaviour().heldUntil(release));
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().delay(10));
        const QStringList steps{stepJson(u"slow"_s, u"github"_s, u"deployments"_s,
                                         u", \"timeout_s\": 1, \"required\": false"_s),
                                stepJson(u"after"_s, u"clickhouse"_s, u"traffic_overview"_s,
                                         u", \"depends_on\": [\"slow\"]"_s),
                                stepJson(u"other"_s, u"clickhouse"_s, u"traffic_overview"_s)};
        auto run = std::make_unique<InvestigationRun>(h.connectors(), library(u"to"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"to"_s;
        options.maxParallelSteps = 1; // the late worker must not starve the rest
        const Investigation inv = runToEnd(*run, TestData::ticket(), options);
        const StepRecord *slow = stepOf(inv, u"slow"_s);
        QVERIFY(slow);
        QCOMPARE(slow->status, StepStatus::Timeout);
        QCOMPARE(slow->error, u"timed out after 1 s"_s);
        QCOMPARE(stepOf(inv, u"after"_s)->status, StepStatus::Skipped);
        QCOMPARE(stepOf(inv, u"after"_s)->error, u"needs slow, which timed out"_s);
        QCOMPARE(stepOf(inv, u"other"_s)->status, StepStatus::Ok);
        // The run finished while the slow connector was still inside run().
        QVERIFY(!h.recorder->call(u"slow"_s).has_value());
        QCOMPARE(h.recorder->running.load(), 1);
        *release = true;
        run.reset(); // waits for the late worker; its result is dropped
        QCOMPARE(h.recorder->running.load(), 0);
        QVERIFY(h.recorder->call(u"slow"_s)->sawCancel);
    }

    void retryTimingOutSaysWhyTheFirstFailed()
    {
        Harness h;
        // The first attempt fails at once; the retry outlasts the step's 1 s deadline.
        h.github->setBehaviour(
            u"deployments"_s,
            Behaviour().failing(Error::Code::Server, 1).delay(3000).delayFrom(1).slowToCancel());
        const QStringList steps{stepJson(u"slow"_s, u"github"_s, u"deployments"_s,
                                         u", \"timeout_s\": 1, \"retries\": 1"_s)};
        auto run = std::make_unique<InvestigationRun>(h.connectors(), library(u"rt"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"rt"_s;
        const Investigation inv = runToEnd(*run, TestData::ticket(), options);
        const StepRecord *slow = stepOf(inv, u"slow"_s);
        QVERIFY(slow);
        QCOMPARE(slow->status, StepStatus::Timeout);
        QCOMPARE(slow->attempts, 2);
        QCOMPARE(
            slow->error,
            u"timed out after 1 s (the attempt before: github answered HTTP 502 Bad Gateway)"_s);
        run.reset();
    }

    void optionalFailureDoesNotSinkTheRun()
    {
        Harness h;
        h.github->setBehaviour(u"deployments"_s, Behaviour().failing(Error::Code::Server));
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        const QStringList steps{
            stepJson(u"deploys"_s, u"github"_s, u"deployments"_s, u", \"required\": false"_s),
            stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s)};
        InvestigationRun run(h.connectors(), library(u"opt"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"opt"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepOf(inv, u"deploys"_s)->status, StepStatus::Failed);
        QCOMPARE(stepOf(inv, u"deploys"_s)->error, u"github answered HTTP 502 Bad Gateway"_s);
        QCOMPARE(stepOf(inv, u"overview"_s)->status, StepStatus::Ok);
        QVERIFY(!inv.diagnosisMarkdown.isEmpty());
    }

    void requiredFailureIsReported()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s,
                                   Behaviour().failing(Error::Code::Unauthorized));
        const QStringList steps{stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s,
                                         u", \"title\": \"Traffic overview\", \"retries\": 2"_s)};
        InvestigationRun run(h.connectors(), library(u"req"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"req"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        const StepRecord *s = stepOf(inv, u"overview"_s);
        QCOMPARE(s->status, StepStatus::Failed);
        QCOMPARE(s->attempts, 1); // a rejected token is not retried
        bool mentioned = false;
        for (const QString &n : inv.notChecked)
            mentioned = mentioned || n.startsWith(u"Traffic overview"_s);
        QVERIFY2(mentioned, qPrintable(inv.notChecked.join(u" | "_s)));
    }

    void retriesRecover()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s,
                                   Behaviour().failing(Error::Code::Server, 1));
        const QStringList steps{
            stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s, u", \"retries\": 1"_s)};
        InvestigationRun run(h.connectors(), library(u"retry"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"retry"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepOf(inv, u"overview"_s)->status, StepStatus::Ok);
        QCOMPARE(stepOf(inv, u"overview"_s)->attempts, 2);
    }

    void missingConnectorIsSkipped()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        const QStringList steps{stepJson(u"deploys"_s, u"github"_s, u"deployments"_s),
                                stepJson(u"after"_s, u"clickhouse"_s, u"traffic_overview"_s,
                                         u", \"depends_on\": [\"deploys\"]"_s),
                                stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s)};
        InvestigationRun run(h.connectors(false), library(u"miss"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"miss"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepOf(inv, u"deploys"_s)->status, StepStatus::Skipped);
        QCOMPARE(stepOf(inv, u"deploys"_s)->error, u"github is not connected in this workspace"_s);
        QCOMPARE(stepOf(inv, u"after"_s)->status, StepStatus::Skipped);
        QCOMPARE(stepOf(inv, u"after"_s)->error, u"needs deploys, which was skipped"_s);
        QCOMPARE(stepOf(inv, u"overview"_s)->status, StepStatus::Ok);
        QVERIFY(!inv.notChecked.isEmpty());
    }

    // A step for a system only some workspaces connect (Jira's known-bug search): where it
    // is not connected the step is skipped without a "not checked" note.
    void ifConnectedStepIsQuietWhereNotConnected()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        const QStringList steps{stepJson(u"jira_bugs"_s, u"github"_s, u"deployments"_s,
                                         u", \"required\": false, \"if_connected\": true"_s),
                                stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s)};
        InvestigationRun run(h.connectors(false), library(u"quiet"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"quiet"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepOf(inv, u"jira_bugs"_s)->status, StepStatus::Skipped);
        QCOMPARE(stepOf(inv, u"overview"_s)->status, StepStatus::Ok);
        for (const QString &note : inv.notChecked)
            QVERIFY2(!note.contains(u"github"_s), qPrintable(note));
    }

    void skipUnlessAndNeeds()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        const QStringList steps{stepJson(u"by_provider"_s, u"clickhouse"_s, u"traffic_overview"_s,
                                         u", \"skip_unless\": [\"provider\"]"_s)};
        {
            InvestigationRun run(h.connectors(), library(u"skip"_s, steps), Now);
            InvestigationRun::Options options;
            options.playbook = u"skip"_s;
            const Investigation inv = runToEnd(run, TestData::ticket(), options);
            QCOMPARE(stepOf(inv, u"by_provider"_s)->status, StepStatus::Skipped);
            QCOMPARE(stepOf(inv, u"by_provider"_s)->error, u"the ticket names no provider"_s);
        }
        {
            InvestigationRun run(h.connectors(),
                                 library(u"needs"_s,
                                         {stepJson(u"o"_s, u"clickhouse"_s, u"traffic_overview"_s)},
                                         u"\"parameters\": {\"needs\": [\"org\"]}"_s),
                                 Now);
            Ticket t = TestData::ticket();
            t.orgId.clear();
            t.requesterEmail = u"someone@unknown.example"_s;
            InvestigationRun::Options options;
            options.playbook = u"needs"_s;
            const Investigation inv = runToEnd(run, t, options);
            QCOMPARE(stepOf(inv, u"o"_s)->status, StepStatus::Skipped);
            QVERIFY(stepOf(inv, u"o"_s)->error.startsWith(u"cannot run without org"_s));
            QVERIFY(!h.recorder->call(u"o"_s).has_value());
        }
    }

    // The ticket's provider against the organisation's logs: a step filtered by provider waits
    // for the org's traffic overview (its inventory of providers and models; without one, for
    // every step reading the org's logs), then runs with what it shows, and the result says
    // "the ticket says X, the logs show Y". Another org's traffic is no evidence of this org's
    // provider.
    void providerFromTheLogs_data()
    {
        QTest::addColumn<bool>("inventory"); // the playbook reads the org's traffic overview
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("logged"); // providers of the org's traffic
        QTest::addColumn<bool>("logsFail");
        QTest::addColumn<QString>(
            "filtered");                   // the provider the comparison ran with; empty: skipped
        QTest::addColumn<QString>("note"); // in the playbook's reason; empty: no note
        QTest::newRow("ticket names another provider")
            << true << u"All our Claude calls fail since 9am."_s << QStringList{u"openai"_s}
            << false << u"openai"_s
            << u"the ticket names anthropic, but the organisation's logs show only openai"_s;
        QTest::newRow("ticket agrees with the logs")
            << true << u"All our Claude calls fail since 9am."_s
            << QStringList{u"anthropic"_s, u"openai"_s} << false << u"anthropic"_s << QString();
        QTest::newRow("ticket silent, one provider logged")
            << true << u"All our calls fail since 9am."_s << QStringList{u"anthropic"_s} << false
            << u"anthropic"_s
            << u"the ticket names no provider; the organisation's logs show only anthropic"_s;
        QTest::newRow("ticket silent, several logged")
            << true << u"All our calls fail since 9am."_s
            << QStringList{u"anthropic"_s, u"openai"_s} << false << QString() << QString();
        QTest::newRow("logs unavailable: the ticket's word, unchecked")
            << true << u"All our Claude calls fail since 9am."_s << QStringList{u"openai"_s} << true
            << u"anthropic"_s << QString();
        QTest::newRow("no overview: waits for every log step")
            << false << u"All our Claude calls fail since 9am."_s << QStringList{u"openai"_s}
            << false << u"openai"_s
            << u"the ticket names anthropic, but the organisation's logs show only openai"_s;
    }

    void providerFromTheLogs()
    {
        QFETCH(bool, inventory);
        QFETCH(QString, description);
        QFETCH(QStringList, logged);
        QFETCH(bool, logsFail);
        QFETCH(QString, filtered);
        QFETCH(QString, note);
        Harness h;
        QJsonArray rows;
        for (const QString &p : logged)
            rows.append(QJsonArray{p, QString(u"model-of-"_s + p), 100});
        const QJsonObject table{{u"columns"_s, QJsonArray{u"provider"_s, u"model"_s, u"n"_s}},
                                {u"rows"_s, rows}};
        Behaviour overview = Behaviour().withData(table);
        if (logsFail)
            overview.failing(Error::Code::Server);
        const QString overviewOperation = inventory ? u"traffic_overview"_s : u"error_breakdown"_s;
        h.clickhouse->setBehaviour(overviewOperation, overview);
        // A second log step. With an inventory the comparison does not wait for it: it answers
        // only once the comparison has started. Without one, it is waited for.
        Behaviour series = Behaviour().delay(50);
        if (inventory && !filtered.isEmpty())
            series.untilStarted(u"orgs"_s);
        h.clickhouse->setBehaviour(u"error_series"_s, series);
        // other organisations' traffic, on another provider
        h.clickhouse->setBehaviour(
            u"org_comparison"_s,
            Behaviour().withData(
                QJsonObject{{u"columns"_s, QJsonArray{u"org"_s, u"provider"_s}},
                            {u"rows"_s, QJsonArray{QJsonArray{u"org_other"_s, u"google"_s}}}}));
        const QStringList steps{stepJson(u"overview"_s, u"clickhouse"_s, overviewOperation),
                                stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s),
                                u"{\"id\": \"orgs\", \"connector\": \"clickhouse\", \"operation\": "
                                u"\"org_comparison\", \"args\": {\"provider\": \"{{provider}}\", "
                                u"\"from\": \"{{window.from}}\", \"to\": \"{{window.to}}\"}, "
                                u"\"skip_unless\": [\"provider\"], \"required\": false}"_s};
        InvestigationRun run(h.connectors(), library(u"routing"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"routing"_s;
        Ticket t = TestData::ticket();
        t.subject = u"Calls failing"_s;
        t.description = description;
        const Investigation inv = runToEnd(run, t, options);
        QVERIFY(stepOf(inv, u"orgs"_s));
        if (filtered.isEmpty()) {
            QCOMPARE(stepOf(inv, u"orgs"_s)->status, StepStatus::Skipped);
        } else {
            const auto orgs = h.recorder->call(u"orgs"_s);
            QVERIFY(orgs.has_value());
            QCOMPARE(orgs->args.value(u"provider"_s).toString(), filtered);
            // only after the inventory had returned (without one: every step reading the
            // org's logs); with an inventory, the other log step answered only once the
            // comparison had started, so the comparison did not wait for it
            const auto first = h.recorder->call(u"overview"_s);
            QVERIFY(first.has_value());
            QVERIFY(first->endNs <= orgs->startNs);
            const auto other = h.recorder->call(u"series"_s);
            QVERIFY2(other.has_value(), "the second log step timed out");
            if (inventory)
                QVERIFY(other->endNs >= orgs->startNs);
            else
                QVERIFY(other->endNs <= orgs->startNs);
        }
        if (note.isEmpty())
            QVERIFY2(!inv.playbook.reason.contains(u"logs show"_s),
                     qPrintable(inv.playbook.reason));
        else
            QVERIFY2(inv.playbook.reason.contains(note), qPrintable(inv.playbook.reason));
        QVERIFY2(!inv.playbook.reason.contains(u"google"_s), qPrintable(inv.playbook.reason));
        QCOMPARE(inv.playbook.reason.count(u"logs show"_s), note.isEmpty() ? 0 : 1);
    }

    // The window against the onset in the organisation's logs: when the ticket's time is missing
    // or disagrees with them, or the change is already on when the window opens, an hourly
    // look-back finds where it began and the steps that read the window run again over the
    // corrected one; when the ticket's time agrees, nothing moves and nothing runs twice.
    void windowFromTheLogs_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("onset");      // the org's failures from then on ('' none)
        QTest::addColumn<bool>("lookBack");      // the hourly look-back shows an earlier onset
        QTest::addColumn<QString>("windowFrom"); // '' = the window did not move
        QTest::newRow("the burst began a day before the ticket's time")
            << u"Claude calls fail since 10:00 UTC."_s << u"2026-11-19T06:00:00Z"_s << true
            << u"2026-11-18T06:00:00Z"_s;
        QTest::newRow("the ticket's time agrees with the logs")
            << u"Claude calls fail since 06:00 UTC."_s << u"2026-11-20T06:00:00Z"_s << false
            << QString();
        QTest::newRow("no time in the ticket")
            << u"Claude calls fail."_s << u"2026-11-20T02:00:00Z"_s << false
            << u"2026-11-19T02:00:00Z"_s;
        QTest::newRow("nothing changed")
            << u"Claude calls fail since 10:00 UTC."_s << QString() << false << QString();
    }

    void windowFromTheLogs()
    {
        QFETCH(QString, description);
        QFETCH(QString, onset);
        QFETCH(bool, lookBack);
        QFETCH(QString, windowFrom);
        Harness h;
        const QDateTime began = onset.isEmpty() ? QDateTime() : fromIso(onset);
        const QDateTime trafficFrom = fromIso(u"2026-11-18T20:00:00Z"_s);
        h.clickhouse->setBehaviour(
            u"error_series"_s, Behaviour().withSeries([=](const OperationCall &call) {
                return errorSeries(call, trafficFrom, [=](const QDateTime &t) {
                    return began.isValid() && t >= began ? 0.3 : 0.002;
                });
            }));
        const QStringList steps{stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s),
                                stepJson(u"deploys"_s, u"github"_s, u"deployments"_s)};
        InvestigationRun run(h.connectors(), library(u"api-errors"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"api-errors"_s;
        Ticket t = TestData::ticket();
        t.subject = u"Calls failing"_s;
        t.description = description;
        const Investigation inv = runToEnd(run, t, options);
        QList<QJsonObject> series;
        QList<QJsonObject> deploys;
        int lookBacks = 0;
        for (const Recorder::Call &c : h.recorder->snapshot()) {
            if (c.stepId == u"series"_s)
                series.append(c.args);
            if (c.stepId == u"deploys"_s)
                deploys.append(c.args);
            lookBacks += c.stepId == u"series_lookback"_s ? 1 : 0;
        }
        // asked once, with the first steps, whether its answer is then needed or not
        QCOMPARE(lookBacks, 1);
        QCOMPARE(inv.playbook.reason.contains(u"hourly look-back"_s), lookBack);
        QCOMPARE(stepOf(inv, u"series"_s)->status, StepStatus::Ok);
        QCOMPARE(stepOf(inv, u"deploys"_s)->status, StepStatus::Ok);
        if (windowFrom.isEmpty()) {
            QCOMPARE(series.size(), 1);
            QCOMPARE(deploys.size(), 1);
            for (const EntityCorrection &c : inv.entityCorrections)
                QVERIFY(c.entity != u"window"_s);
            QVERIFY2(!inv.playbook.reason.contains(u"ran again"_s),
                     qPrintable(inv.playbook.reason));
            return;
        }
        // every step reading the window ran again, over the corrected one (the two calls of a
        // step may be recorded in either order: the widened one can be asked early)
        QCOMPARE(series.size(), 2);
        QCOMPARE(deploys.size(), 2);
        const auto overWidened = [&](const QList<QJsonObject> &calls) {
            return std::ranges::count_if(calls, [&](const QJsonObject &args) {
                return args.value(u"from"_s).toString() == windowFrom;
            });
        };
        QCOMPARE(overWidened(series), 1);
        QCOMPARE(overWidened(deploys), 1);
        QCOMPARE(inv.window.from, fromIso(windowFrom));
        QCOMPARE(inv.window.to, Now);
        // each step's evidence is that of its last run, once
        QCOMPARE(stepOf(inv, u"series"_s)->evidenceIds.size(), 1);
        int seriesEvidence = 0;
        for (const Evidence &e : inv.evidence)
            seriesEvidence += e.stepId == u"series"_s ? 1 : 0;
        QCOMPARE(seriesEvidence, 1);
        // the result says what was corrected and why
        bool window = false;
        for (const EntityCorrection &c : inv.entityCorrections)
            window = window || (c.entity == u"window"_s && fromIso(c.logs) == fromIso(windowFrom));
        QVERIFY(window);
        QVERIFY2(inv.playbook.reason.contains(u"ran again"_s) &&
                     inv.playbook.reason.contains(onset),
                 qPrintable(inv.playbook.reason));
    }

    // The look-back goes out beside the window's series, not after it: where a change going on
    // when the window opens began is known one round trip sooner.
    void lookBackAskedWithTheFirstSteps()
    {
        Harness h;
        // The series answers only once its look-back has started: asked after it, the look-back
        // would leave the series waiting for its deadline.
        h.clickhouse->setBehaviour(u"error_series"_s,
                                   Behaviour().untilStarted(u"series_lookback"_s));
        InvestigationRun run(
            h.connectors(),
            library(u"api-errors"_s, {stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s,
                                               u", \"timeout_s\": 20"_s)}),
            Now);
        InvestigationRun::Options options;
        options.playbook = u"api-errors"_s;
        const Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepOf(inv, u"series"_s)->status, StepStatus::Ok);
        const auto series = h.recorder->call(u"series"_s);
        const auto lookBack = h.recorder->call(u"series_lookback"_s);
        QVERIFY(series && lookBack);
        QCOMPARE_LT(lookBack->startNs, series->endNs);
        QCOMPARE(lookBack->args.value(u"bucket_s"_s).toInt(), 3600);
    }

    // When the first answers already show that the window widens, the steps that read it ask
    // their queries over the wider window at once, beside the first run, and the rerun takes
    // those answers: each query still goes out once. Here the first run's deploys answer only
    // once the wider series query has started; asked only after every first-run step, they
    // would wait for their deadline.
    void rerunAskedEarly()
    {
        Harness h;
        const QDateTime began = fromIso(u"2026-11-19T06:00:00Z"_s);
        const QDateTime trafficFrom = fromIso(u"2026-11-18T20:00:00Z"_s);
        h.clickhouse->setBehaviour(
            u"error_series"_s, Behaviour().withSeries([=](const OperationCall &call) {
                return errorSeries(call, trafficFrom,
                                   [=](const QDateTime &t) { return t >= began ? 0.3 : 0.002; });
            }));
        const std::shared_ptr<Recorder> recorder = h.recorder;
        const auto waitedOut = std::make_shared<std::atomic_bool>(false);
        h.github->setBehaviour(
            u"deployments"_s,
            Behaviour().withSeries([recorder, waitedOut](const OperationCall &call) {
                // (the calls of the series and of the step filtered by the ticket's provider)
                const auto seriesCalls = [&] {
                    int series = 0;
                    int peers = 0;
                    for (const Recorder::Call &c : recorder->snapshot()) {
                        series += c.stepId == u"series"_s ? 1 : 0;
                        peers += c.stepId == u"peers"_s ? 1 : 0;
                    }
                    return std::min(series, peers);
                };
                while (seriesCalls() < 2 && !call.limits.cancel.isCancelled() &&
                       !call.limits.deadline.hasExpired())
                    QThread::msleep(2);
                if (seriesCalls() < 2)
                    *waitedOut = true;
                return QJsonObject{};
            }));
        const QStringList steps{stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s),
                                stepJson(u"deploys"_s, u"github"_s, u"deployments"_s,
                                         u", \"timeout_s\": 20, \"retries\": 0"_s),
                                stepJson(u"peers"_s, u"clickhouse"_s, u"org_comparison"_s,
                                         u", \"skip_unless\": [\"provider\"]"_s)};
        const Investigation inv = runApiErrors(h, steps, u"Claude calls fail since 10:00 UTC."_s);
        QCOMPARE(stepOf(inv, u"peers"_s)->status, StepStatus::Ok);
        QCOMPARE(stepOf(inv, u"deploys"_s)->status, StepStatus::Ok);
        QCOMPARE(stepOf(inv, u"series"_s)->status, StepStatus::Ok);
        QList<Recorder::Call> series;
        QList<Recorder::Call> deploys;
        for (const Recorder::Call &c : h.recorder->snapshot()) {
            if (c.stepId == u"series"_s)
                series.append(c);
            if (c.stepId == u"deploys"_s)
                deploys.append(c);
        }
        const QString widened = u"2026-11-18T06:00:00Z"_s;
        QCOMPARE(series.size(), 2);
        QCOMPARE(deploys.size(), 2);
        // (each asked once over the widened window; calls are recorded as they end, and the two
        // deploys calls end together)
        const auto askedFrom = [](const QList<Recorder::Call> &calls) {
            QStringList from;
            for (const Recorder::Call &c : calls)
                from.append(c.args.value(u"from"_s).toString());
            return from;
        };
        QCOMPARE(askedFrom(series).count(widened), 1);
        QCOMPARE(askedFrom(deploys).count(widened), 1);
        // the wider query went out while the first run's deploys were still waiting
        QVERIFY(!*waitedOut);
        QCOMPARE(inv.window.from, fromIso(widened));
        QCOMPARE(stepOf(inv, u"series"_s)->evidenceIds.size(), 1);
    }

    // An onset to the minute: when the window's series came in two-minute buckets (a long
    // window holds more minutes than a query returns), the step's query runs once more in
    // one-minute buckets around the change, and the onset is the minute the failures began;
    // with one-minute buckets nothing runs twice; when that query shows nothing, the bucket's
    // start stands. When the answer carried its minutes beside the wider buckets, the onset is
    // read on them and nothing runs twice either: the same minute, one round trip fewer.
    void onsetToTheMinute_data()
    {
        QTest::addColumn<int>("windowBucket"); // the bucket the window's series came in
        QTest::addColumn<bool>("fineAnswers"); // the one-minute query shows the series
        QTest::addColumn<bool>("withMinutes"); // the answer carried one-minute buckets beside
        QTest::addColumn<bool>("refined");     // a one-minute query was asked
        QTest::addColumn<QString>("onset");    // the onset the result holds
        QTest::newRow("two-minute buckets")
            << 120 << true << false << true << u"2026-11-20T06:05:00Z"_s;
        QTest::newRow("one-minute buckets")
            << 60 << true << false << false << u"2026-11-20T06:05:00Z"_s;
        QTest::newRow("the finer query shows nothing")
            << 120 << false << false << true << u"2026-11-20T06:06:00Z"_s;
        QTest::newRow("two-minute buckets, their minutes beside them")
            << 120 << false << true << false << u"2026-11-20T06:05:00Z"_s;
    }

    void onsetToTheMinute()
    {
        QFETCH(int, windowBucket);
        QFETCH(bool, fineAnswers);
        QFETCH(bool, withMinutes);
        QFETCH(bool, refined);
        QFETCH(QString, onset);
        Harness h;
        const QDateTime began = fromIso(u"2026-11-20T06:05:00Z"_s);
        const QDateTime trafficFrom = fromIso(u"2026-11-18T20:00:00Z"_s);
        const auto failing = [=](const QDateTime &t) {
            // failures from 06:05: the two-minute buckets show them from 06:06
            return t >= began ? 0.3 : 0.002;
        };
        Behaviour series = Behaviour().withSeries([=](const OperationCall &call) {
            OperationCall asked = call;
            const bool fine = call.stepId.endsWith(u"_onset"_s);
            asked.args.insert(u"bucket_s"_s, fine ? 60 : windowBucket);
            return errorSeries(asked, fine && !fineAnswers ? Now : trafficFrom, failing);
        });
        if (withMinutes) {
            series.withMinutes([=](const OperationCall &call) {
                OperationCall asked = call;
                asked.args.insert(u"bucket_s"_s, 60);
                return errorSeries(asked, trafficFrom, failing);
            });
        }
        h.clickhouse->setBehaviour(u"error_series"_s, series);
        const QStringList steps{stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s)};
        InvestigationRun run(h.connectors(), library(u"api-errors"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"api-errors"_s;
        Ticket t = TestData::ticket();
        t.subject = u"Calls failing"_s;
        t.description = u"Claude calls fail since 02:00 UTC."_s; // the logs disagree
        const Investigation inv = runToEnd(run, t, options);
        QList<QJsonObject> fineCalls;
        for (const Recorder::Call &c : h.recorder->snapshot()) {
            if (c.stepId == u"series_onset"_s)
                fineCalls.append(c.args);
        }
        QCOMPARE(fineCalls.size(), refined ? 1 : 0);
        if (refined) {
            QCOMPARE(fineCalls.first().value(u"bucket_s"_s).toInt(), 60);
            const QDateTime from = fromIso(fineCalls.first().value(u"from"_s).toString());
            const QDateTime to = fromIso(fineCalls.first().value(u"to"_s).toString());
            QVERIFY(from < began && to > began && from.secsTo(to) <= 2 * 3600);
        }
        // the ticket's time is corrected against the onset the logs show
        QString corrected;
        for (const EntityCorrection &c : inv.entityCorrections) {
            if (c.entity == u"time"_s)
                corrected = c.logs;
        }
        QCOMPARE(fromIso(corrected), fromIso(onset));
        // and the workbench's timeline marks the change at that same minute
        QList<QDateTime> marked;
        for (const Evidence &e : inv.evidence) {
            if (e.data.contains(u"change_point"_s))
                marked.append(fromIso(
                    e.data.value(u"change_point"_s).toObject().value(u"time"_s).toString()));
        }
        QCOMPARE(marked, QList<QDateTime>{fromIso(onset)});
    }

    // The window widens on the change's coarse onset already (a widened window starts on a
    // whole hour): the rerun's queries go out before the onset is read to the minute. Here the
    // one-minute query answers only once the wider series query has started.
    void rerunAskedBeforeTheMinute()
    {
        Harness h;
        const QDateTime began = fromIso(u"2026-11-20T06:05:00Z"_s);
        const QDateTime trafficFrom = fromIso(u"2026-11-18T20:00:00Z"_s);
        const std::shared_ptr<Recorder> recorder = h.recorder;
        const auto waitedOut = std::make_shared<std::atomic_bool>(false);
        h.clickhouse->setBehaviour(
            u"error_series"_s, Behaviour().withSeries([=](const OperationCall &call) {
                const bool fine = call.stepId.endsWith(u"_onset"_s);
                const auto seriesCalls = [&] {
                    int n = 0;
                    for (const Recorder::Call &c : recorder->snapshot())
                        n += c.stepId == u"series"_s ? 1 : 0;
                    return n;
                };
                while (fine && seriesCalls() < 2 && !call.limits.cancel.isCancelled() &&
                       !call.limits.deadline.hasExpired())
                    QThread::msleep(2);
                if (fine && seriesCalls() < 2)
                    *waitedOut = true;
                OperationCall asked = call;
                asked.args.insert(u"bucket_s"_s, fine ? 60 : 120);
                return errorSeries(asked, trafficFrom,
                                   [=](const QDateTime &t) { return t >= began ? 0.3 : 0.002; });
            }));
        const QStringList steps{stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s,
                                         u", \"timeout_s\": 20, \"retries\": 0"_s)};
        const Investigation inv = runApiErrors(h, steps, u"Claude calls fail since 10:00 UTC."_s);
        QVERIFY(!*waitedOut);
        QList<QJsonObject> series;
        for (const Recorder::Call &c : h.recorder->snapshot()) {
            if (c.stepId == u"series"_s)
                series.append(c.args);
        }
        QCOMPARE(series.size(), 2);
        QCOMPARE(inv.window.from, fromIso(series.last().value(u"from"_s).toString()));
        QVERIFY(inv.window.from < fromIso(series.first().value(u"from"_s).toString()));
    }

    // Every series over the organisation's logs that came in buckets wider than a minute has
    // its change read to the minute as soon as it returns, beside the other steps: whichever of
    // them the window check then takes as the primary change finds its answer ready. Here the
    // deploys answer only once the second series' one-minute query has started; asked only by
    // the check, after every step, it would come too late.
    void onsetsReadEarly()
    {
        Harness h;
        const QDateTime began = fromIso(u"2026-11-20T06:05:00Z"_s);
        const QDateTime trafficFrom = fromIso(u"2026-11-18T20:00:00Z"_s);
        h.clickhouse->setBehaviour(
            u"error_series"_s, Behaviour().withSeries([=](const OperationCall &call) {
                OperationCall asked = call;
                asked.args.insert(u"bucket_s"_s, call.stepId.endsWith(u"_onset"_s) ? 60 : 120);
                QJsonObject out = errorSeries(asked, trafficFrom, [=](const QDateTime &t) {
                    return t >= began ? 0.3 : 0.002;
                });
                if (call.stepId.startsWith(u"series2"_s)) { // by route, not by provider
                    QJsonArray series = out.value(u"series"_s).toArray();
                    QJsonObject one = series.first().toObject();
                    one.insert(u"labels"_s, QJsonObject{{u"route"_s, u"/v1/messages"_s}});
                    series.replace(0, one);
                    out.insert(u"series"_s, series);
                }
                return out;
            }));
        h.github->setBehaviour(u"deployments"_s, Behaviour().untilStarted(u"series2_onset"_s));
        const QStringList steps{stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s),
                                u"{\"id\": \"series2\", \"connector\": \"clickhouse\", "
                                u"\"operation\": \"error_series\", \"args\": {\"org\": "
                                u"\"{{org}}\", \"group_by\": \"route\", \"from\": "
                                u"\"{{window.from}}\", \"to\": \"{{window.to}}\"}}"_s,
                                stepJson(u"deploys"_s, u"github"_s, u"deployments"_s,
                                         u", \"timeout_s\": 20, \"retries\": 0"_s)};
        const Investigation inv = runApiErrors(h, steps, u"Claude calls fail since 06:00 UTC."_s);
        QCOMPARE(stepOf(inv, u"deploys"_s)->status, StepStatus::Ok);
        int fine = 0;
        for (const Recorder::Call &c : h.recorder->snapshot())
            fine += c.stepId == u"series2_onset"_s ? 1 : 0;
        QCOMPARE(fine, 1); // asked once, early, whoever asks again
    }

    // The look-back is cancellable like any step: cancelling while it runs ends the
    // investigation at once, and nothing runs again.
    void lookBackIsCancellable()
    {
        Harness h;
        const QDateTime trafficFrom = fromIso(u"2026-11-18T20:00:00Z"_s);
        h.clickhouse->setBehaviour(
            u"error_series"_s, Behaviour().withSeries([=](const OperationCall &call) {
                // the look-back answers only when cancelled (or at its deadline)
                while (call.stepId.endsWith(u"_lookback"_s) && !call.limits.cancel.isCancelled() &&
                       !call.limits.deadline.hasExpired())
                    QThread::msleep(2);
                return errorSeries(call, trafficFrom, [](const QDateTime &) { return 0.3; });
            }));
        const QStringList steps{stepJson(u"series"_s, u"clickhouse"_s, u"error_series"_s)};
        InvestigationRun run(h.connectors(), library(u"api-errors"_s, steps), Now);
        InvestigationRun::Options options;
        options.playbook = u"api-errors"_s;
        Ticket t = TestData::ticket();
        t.description = u"Calls fail since 10:00 UTC."_s;
        QSignalSpy finished(&run, &InvestigationRun::finished);
        run.start(t, options);
        // (asked beside the series: cancelled once the series has answered)
        QTRY_VERIFY_WITH_TIMEOUT(h.recorder->hasStarted(u"series_lookback"_s) &&
                                     stepOf(run.snapshot(), u"series"_s)->status == StepStatus::Ok,
                                 20000);
        QVERIFY(run.isRunning());
        run.cancel();
        QVERIFY(finished.wait(20000) || finished.size() == 1);
        QVERIFY(!run.isRunning());
        const Investigation inv = finished.first().first().value<Investigation>();
        QCOMPARE(stepOf(inv, u"series"_s)->status, StepStatus::Ok);
        QVERIFY(inv.diagnosisMarkdown.contains(u"cancelled"_s));
        int seriesCalls = 0;
        for (const Recorder::Call &c : h.recorder->snapshot())
            seriesCalls += c.stepId == u"series"_s ? 1 : 0;
        QCOMPARE(seriesCalls, 1);
    }

    // The customer's own theory of the cause is named as a hypothesis to test, never cited as
    // evidence or a finding.
    void customerTheoryIsAHypothesis_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("theory"); // a phrase of it; empty: none
        QTest::newRow("deploy")
            << u"Latency is up since 9am. I think it's your deploy from today."_s
            << u"your deploy"_s;
        QTest::newRow("spanish") << u"Todo va lento desde las 9. Creo que es culpa del proveedor."_s
                                 << u"culpa del proveedor"_s;
        QTest::newRow("none") << u"Latency is up since 9am."_s << QString();
    }

    void customerTheoryIsAHypothesis()
    {
        QFETCH(QString, description);
        QFETCH(QString, theory);
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        InvestigationRun run(
            h.connectors(),
            library(u"theory"_s, {stepJson(u"overview"_s, u"clickhouse"_s, u"traffic_overview"_s)}),
            Now);
        InvestigationRun::Options options;
        options.playbook = u"theory"_s;
        Ticket t = TestData::ticket();
        t.description = description;
        const Investigation inv = runToEnd(run, t, options);
        QCOMPARE(inv.playbook.reason.contains(u"is a hypothesis to test, not evidence"_s),
                 !theory.isEmpty());
        if (theory.isEmpty())
            return;
        QVERIFY2(inv.playbook.reason.contains(theory), qPrintable(inv.playbook.reason));
        for (const Evidence &e : inv.evidence)
            QVERIFY(!e.title.contains(theory) && !e.source.contains(theory));
        for (const Finding &f : inv.findings)
            QVERIFY(!f.summary.contains(theory));
        QVERIFY(!inv.rootCause || !inv.rootCause->summary.contains(theory));
    }

    void cancelLeavesNothingRunning()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().delay(20000));
        h.clickhouse->setBehaviour(u"latency_series"_s, Behaviour().delay(20000));
        h.github->setBehaviour(u"deployments"_s, Behaviour());
        const QStringList steps{
            stepJson(u"a"_s, u"clickhouse"_s, u"traffic_overview"_s, u", \"timeout_s\": 60"_s),
            stepJson(u"b"_s, u"clickhouse"_s, u"latency_series"_s, u", \"timeout_s\": 60"_s),
            stepJson(u"c"_s, u"github"_s, u"deployments"_s, u", \"depends_on\": [\"a\"]"_s)};
        auto run =
            std::make_unique<InvestigationRun>(h.connectors(), library(u"cancel"_s, steps), Now);
        QSignalSpy changed(run.get(), &InvestigationRun::stepChanged);
        QSignalSpy finished(run.get(), &InvestigationRun::finished);
        InvestigationRun::Options options;
        options.playbook = u"cancel"_s;
        run->start(TestData::ticket(), options);
        QTRY_VERIFY_WITH_TIMEOUT(h.recorder->running.load() == 2, 10000);
        QVERIFY(run->isRunning());
        run->cancel();
        run->cancel(); // idempotent
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        const Investigation inv = finished.first().first().value<Investigation>();
        for (const StepRecord &s : inv.steps)
            QCOMPARE(s.status, StepStatus::Cancelled);
        QVERIFY(!run->isRunning());
        run.reset();
        QCOMPARE(h.recorder->running.load(), 0);
        QVERIFY(h.recorder->call(u"a"_s)->sawCancel);
        QVERIFY(!h.recorder->call(u"c"_s).has_value());
    }

    void destroyWhileRunning()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().delay(20000));
        auto run = std::make_unique<InvestigationRun>(
            h.connectors(),
            library(u"d"_s, {stepJson(u"a"_s, u"clickhouse"_s, u"traffic_overview"_s)}), Now);
        InvestigationRun::Options options;
        options.playbook = u"d"_s;
        run->start(TestData::ticket(), options);
        QTRY_VERIFY_WITH_TIMEOUT(h.recorder->running.load() == 1, 10000);
        run.reset();
        QCOMPARE(h.recorder->running.load(), 0);
    }

    void plainQuestionNeedsNoSteps()
    {
        Harness h;
        InvestigationRun run(
            h.connectors(),
            library(u"latency-spike"_s, {stepJson(u"a"_s, u"clickhouse"_s, u"traffic_overview"_s)}),
            Now);
        Ticket t = TestData::ticket();
        t.subject = u"Question about our plan limits"_s;
        t.description = u"What is the monthly token limit on the growth plan? We may upgrade."_s;
        QSignalSpy planned(&run, &InvestigationRun::planned);
        const Investigation inv = runToEnd(run, t);
        QCOMPARE(planned.size(), 1);
        QVERIFY(inv.playbook.name.isEmpty());
        QVERIFY(!inv.playbook.reason.isEmpty());
        QVERIFY(inv.steps.isEmpty());
        QVERIFY(!inv.rootCause);
        QVERIFY(h.recorder->snapshot().isEmpty());
    }

    void classifiesWhenNoPlaybookIsForced()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        InvestigationRun run(
            h.connectors(),
            library(u"latency-spike"_s, {stepJson(u"a"_s, u"clickhouse"_s, u"traffic_overview"_s)}),
            Now);
        QSignalSpy stepChanges(&run, &InvestigationRun::stepChanged);
        const Investigation inv = runToEnd(run, TestData::ticket());
        QCOMPARE(inv.playbook.name, u"latency-spike"_s);
        QVERIFY(inv.playbook.reason.contains(u"slow"_s));
        QVERIFY(stepChanges.size() >= 2); // running, then ok
    }

    void rerunStep()
    {
        Harness h;
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour().failing(Error::Code::Server));
        InvestigationRun run(
            h.connectors(),
            library(u"re"_s, {stepJson(u"a"_s, u"clickhouse"_s, u"traffic_overview"_s)}), Now);
        InvestigationRun::Options options;
        options.playbook = u"re"_s;
        Investigation inv = runToEnd(run, TestData::ticket(), options);
        QCOMPARE(stepOf(inv, u"a"_s)->status, StepStatus::Failed);
        h.clickhouse->setBehaviour(u"traffic_overview"_s, Behaviour());
        QSignalSpy finished(&run, &InvestigationRun::finished);
        run.rerunStep(u"a"_s);
        QVERIFY(finished.wait(10000));
        inv = finished.first().first().value<Investigation>();
        QCOMPARE(stepOf(inv, u"a"_s)->status, StepStatus::Ok);
        QCOMPARE(inv.evidence.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
