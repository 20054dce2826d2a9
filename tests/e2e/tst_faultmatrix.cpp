// The fault matrix and the read-only promise, end to end: one casefile-sandbox (with its control
// endpoint) per scenario, real `casefile investigate --format json` runs against it.
//
// Fault matrix: every system the sandbox says it serves × every fault kind it injects. For each
// cell the fault is switched on through the control endpoint, the scenario's ticket is
// investigated, and the run must exit normally with a valid result whose steps of that system
// say in words what happened, whose not_checked names them, whose confidence is below the
// fault-free run's when that system carried the diagnosis, and whose steps kept their time
// limits. CASEFILE_TIMEOUT_SCALE shortens every limit so a stalled system costs seconds.
//
// Read-only promise: every request the fakes receive during fault-free investigations is a read
// (GET/HEAD, GraphQL queries, Jira searches, ClickHouse SELECTs with readonly=1, the LLM polish);
// the helpdesk's one write is reachable only through the confirmed send.
#include "sandboxprocess.h"

#include "core/investigationjson.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Testing;

namespace {

// Every time limit of a run is multiplied by this: the longest step (30 s, one retry) then
// gives up after 6 s instead of a minute.
constexpr double TimeoutScale = 0.1;
constexpr qint64 LongestStepLimitMs = 30000;
constexpr int StepAttempts = 2;
// Room for the engine's own bookkeeping on a loaded machine, on top of a step's limits.
constexpr qint64 StepSlackMs = 3000;
// A run that has not ended after this long hangs.
constexpr int HangMs = 120000;

// What a failed step's error must say for each fault the sandbox injects.
struct FaultKind
{
    QString name;
    QString expected; // in words, for the failure message
    QRegularExpression says;
    // The runs' time limits: shortened where a fault only stalls, whole where reading the
    // answer is the work (a bomb is inflated up to the cap before it is refused).
    double timeoutScale = TimeoutScale;
};

const QList<FaultKind> &faultKinds()
{
    static const QList<FaultKind> kinds = {
        {u"timeout"_s, u"timed out"_s, QRegularExpression(u"timed out|did not answer within"_s)},
        {u"429"_s, u"rate limited"_s, QRegularExpression(u"rate limit"_s)},
        // ClickHouse's 5xx in the sandbox is the server's own query time limit (Code 159).
        {u"500"_s, u"server error"_s,
         QRegularExpression(u"\\b5\\d\\d\\b|server error|stopped the query at its time limit"_s)},
        {u"malformed"_s, u"unreadable answer"_s,
         QRegularExpression(u"malformed|unreadable|not valid|invalid|could not (be )?read"_s)},
        {u"reset"_s, u"connection closed"_s,
         QRegularExpression(u"connection (was )?closed|closed the connection|reset"_s)},
        {u"slow"_s, u"timed out"_s, QRegularExpression(u"timed out|did not answer within"_s)},
        // Bounded answers: the step says what was refused, the investigation goes on.
        {u"gzip-bomb"_s, u"a compressed body refused"_s,
         QRegularExpression(u"compressed body that expands beyond \\d+ MiB"_s), 1.0},
        {u"oversized"_s, u"an answer over the cap refused"_s,
         QRegularExpression(u"answered with more than \\d+ MiB"_s), 1.0},
    };
    return kinds;
}

// Systems with a role besides playbook steps: the helpdesk is where the ticket is read, the
// LLM polishes the draft (`--polish`).
const QString Helpdesk = u"helpdesk"_s;
const QString Llm = u"llm"_s;

struct ControlAnswer
{
    int status = 0;
    QByteArray body;
};

ControlAnswer control(const QUrl &base, const QByteArray &method, const QString &path,
                      const QByteArray &body = {})
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    ControlAnswer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         reply->readAll()};
    delete reply;
    return answer;
}

// Which system a `SYSTEM:TYPE:ID` ref comes from. Routes, providers, models, SDKs and
// endpoints are read from the request logs in ClickHouse; configs from the gateway.
QString refSystem(const QString &ref)
{
    const QString prefix = ref.section(u':', 0, 0);
    if (prefix == u"config"_s)
        return u"gateway"_s;
    static const QStringList logs = {u"route"_s, u"provider"_s, u"model"_s, u"sdk"_s,
                                     u"endpoint"_s};
    if (logs.contains(prefix))
        return u"clickhouse"_s;
    return prefix;
}

struct Case
{
    QString scenario;    // file
    QString ticket;      // the one the matrix investigates
    QStringList tickets; // every ticket with a truth, for the read-only promise
    QString playbook;
    QSet<QString> connectors; // of its playbook's steps
    std::unique_ptr<SandboxProcess> sandbox;
    std::optional<Investigation> baseline;
    QSet<QString> requiredConnectors;
};

QStringList investigateArgs(const Case &c, const QString &ticket = {})
{
    return {u"investigate"_s,
            u"--profile"_s,
            c.sandbox->profilePath(),
            u"--ticket"_s,
            ticket.isEmpty() ? c.ticket : ticket,
            u"--format"_s,
            u"json"_s,
            u"--polish"_s};
}

QStringList runEnvironment(double scale = TimeoutScale)
{
    return {u"CASEFILE_TIMEOUT_SCALE="_s + QString::number(scale)};
}

// Statements a read-only ClickHouse session may run; anything else changes something.
bool isReadOnlySql(QString sql, QString *why)
{
    sql.remove(QRegularExpression(u"'(?:[^'\\\\]|\\\\.)*'"_s)); // string literals
    sql.remove(QRegularExpression(u"--[^\\n]*"_s));
    const QString upper = sql.trimmed().toUpper();
    static const QRegularExpression reads(
        u"^\\(?\\s*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN|EXISTS)\\b"_s);
    static const QRegularExpression writes(
        u"\\b(INSERT|ALTER|DROP|CREATE|TRUNCATE|DELETE|UPDATE|RENAME|ATTACH|DETACH|OPTIMIZE|"
        u"GRANT|REVOKE|KILL|EXCHANGE|UNDROP|MOVE|REPLACE\\s+(TABLE|DICTIONARY))\\b"_s);
    if (!reads.match(upper).hasMatch()) {
        *why = u"not a SELECT: "_s + upper.left(80);
        return false;
    }
    if (const auto m = writes.match(upper); m.hasMatch()) {
        *why = u"contains %1"_s.arg(m.captured(1));
        return false;
    }
    return true;
}

// Whether a request the fakes received during an investigation is a read.
bool isRead(const QJsonObject &request, QString *why)
{
    const QString system = request.value(u"system"_s).toString();
    const QString method = request.value(u"method"_s).toString();
    const QUrl target(request.value(u"target"_s).toString());
    const QString path = target.path();
    const QByteArray body = request.value(u"body"_s).toString().toUtf8();
    if (method == u"GET"_s || method == u"HEAD"_s)
        return true;
    if (method != u"POST"_s) {
        *why = u"%1 is a write"_s.arg(method);
        return false;
    }
    if ((system == u"linear"_s || system == u"github"_s) && path.endsWith(u"/graphql"_s)) {
        const QString query =
            QJsonDocument::fromJson(body).object().value(u"query"_s).toString().trimmed();
        if (query.isEmpty()) {
            *why = u"a GraphQL POST without a query"_s;
            return false;
        }
        if (query.contains(QRegularExpression(u"\\bmutation\\b"_s))) {
            *why = u"a GraphQL mutation"_s;
            return false;
        }
        return true;
    }
    if (system == u"jira"_s && path.endsWith(u"/search/jql"_s))
        return true;
    if (system == Llm && path.endsWith(u"/chat/completions"_s))
        return true; // the draft's polish: text in, text out
    if (system == u"clickhouse"_s) {
        const QUrlQuery query(target);
        if (query.queryItemValue(u"readonly"_s) != u"1"_s) {
            *why = u"a ClickHouse query without readonly=1"_s;
            return false;
        }
        const QString sql = body.isEmpty() ? query.queryItemValue(u"query"_s, QUrl::FullyDecoded)
                                           : QString::fromUtf8(body);
        return isReadOnlySql(sql, why);
    }
    *why = u"POST %1 is not a read this system needs"_s.arg(path);
    return false;
}

} // namespace

class TestFaultMatrix final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readOnlyRules_data();
    void readOnlyRules();
    void readOnlyPromise();
    void replyOnlyThroughConfirmedSend();
    void faultMatrix_data();
    void faultMatrix();
    void cleanupTestCase();

private:
    Case *caseFor(const QString &system);
    QStringList checkCell(Case &c, const QString &system, const FaultKind &kind,
                          const CommandResult &run, QString *outcome);

    std::vector<std::unique_ptr<Case>> m_cases;
    QStringList m_systems; // as the sandbox lists them
    QMap<QString, QSet<QString>> m_playbookConnectors;
    int m_tried = 0;
    int m_survived = 0;
    int m_skipped = 0;
};

void TestFaultMatrix::initTestCase()
{
    QVERIFY2(QFile::exists(SandboxProcess::sandboxBinary()), "casefile-sandbox is not built");
    QVERIFY2(QFile::exists(SandboxProcess::casefileBinary()), "casefile is not built");

    // Which systems each playbook's steps read, from the app itself.
    const CommandResult listed = runCasefile({u"playbooks"_s, u"--format"_s, u"json"_s});
    QCOMPARE(listed.exitCode, 0);
    QMap<QString, QSet<QString>> required;
    for (const QJsonValue pb :
         QJsonDocument::fromJson(listed.out).object().value(u"playbooks"_s).toArray()) {
        const QString name = pb[u"name"_s].toString();
        for (const QJsonValue step : pb[u"steps"_s].toArray()) {
            m_playbookConnectors[name].insert(step[u"connector"_s].toString());
            if (step[u"required"_s].toBool())
                required[name].insert(step[u"connector"_s].toString());
        }
    }
    QVERIFY(!m_playbookConnectors.isEmpty());

    // The project's scenarios, each by its first ticket; those whose playbook reads the most
    // systems first, so few sandboxes cover every system.
    const QDir dir(qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/scenarios"_s);
    std::vector<std::unique_ptr<Case>> candidates;
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject truth =
            QJsonDocument::fromJson(f.readAll()).object().value(u"truth"_s).toObject();
        if (truth.isEmpty())
            continue;
        auto c = std::make_unique<Case>();
        c->scenario = dir.filePath(name);
        c->tickets = truth.keys();
        c->ticket = c->tickets.constFirst();
        c->playbook = truth.value(c->ticket)[u"playbook"_s].toString();
        c->connectors = m_playbookConnectors.value(c->playbook);
        c->requiredConnectors = required.value(c->playbook);
        candidates.push_back(std::move(c));
    }
    QVERIFY2(!candidates.empty(), "no scenarios found");
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto &a, const auto &b) {
        return a->connectors.size() > b->connectors.size();
    });

    // The systems come from the sandbox, so a system added there joins the matrix.
    Case &first = *candidates.front();
    first.sandbox = std::make_unique<SandboxProcess>(first.scenario, QStringList{u"--control"_s});
    QVERIFY2(first.sandbox->waitReady(), qPrintable(first.sandbox->errorText()));
    QVERIFY2(first.sandbox->controlUrl().isValid(), "the sandbox printed no control URL");
    const ControlAnswer systems = control(first.sandbox->controlUrl(), "GET", u"/systems"_s);
    QCOMPARE(systems.status, 200);
    for (const QJsonValue v : QJsonDocument::fromJson(systems.body)[u"systems"_s].toArray())
        m_systems.append(v.toString());
    QVERIFY(m_systems.size() >= 10);

    // Cover every system with as few scenarios as possible.
    QSet<QString> covered = first.connectors;
    m_cases.push_back(std::move(candidates.front()));
    for (size_t i = 1; i < candidates.size(); ++i) {
        if ((candidates[i]->connectors - covered).isEmpty())
            continue;
        covered.unite(candidates[i]->connectors);
        m_cases.push_back(std::move(candidates[i]));
    }
    for (const auto &c : m_cases) {
        if (!c->sandbox) {
            c->sandbox = std::make_unique<SandboxProcess>(c->scenario, QStringList{u"--control"_s});
            QVERIFY2(c->sandbox->waitReady(), qPrintable(c->sandbox->errorText()));
        }
        qInfo("scenario %s, ticket %s, playbook %s reads %s",
              qPrintable(QFileInfo(c->scenario).completeBaseName()), qPrintable(c->ticket),
              qPrintable(c->playbook),
              qPrintable(QStringList(c->connectors.cbegin(), c->connectors.cend()).join(u", "_s)));
    }
}

void TestFaultMatrix::cleanupTestCase()
{
    // The closing figure, skipped cells (no playbook reads the system) counted apart.
    std::printf("fault matrix: %d survived / %d tried (%d skipped)\n", m_survived, m_tried,
                m_skipped);
    std::fflush(stdout);
    for (const auto &c : m_cases) {
        if (c->sandbox)
            QCOMPARE(c->sandbox->stop(), 0);
    }
}

Case *TestFaultMatrix::caseFor(const QString &system)
{
    if (system == Helpdesk || system == Llm)
        return m_cases.front().get(); // every run reads its ticket and polishes its draft
    for (const auto &c : m_cases) {
        if (c->connectors.contains(system))
            return c.get();
    }
    return nullptr;
}

void TestFaultMatrix::readOnlyRules_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("read");
    const QString select = u"SELECT count() FROM requests WHERE org = 'DROP TABLE x' FORMAT JSON"_s;
    QTest::newRow("GET") << u"github"_s << u"GET"_s << u"/repos/a/b/deployments"_s << QString()
                         << true;
    QTest::newRow("PUT") << u"helpdesk"_s << u"PUT"_s << u"/api/v2/tickets/1.json"_s << u"{}"_s
                         << false;
    QTest::newRow("DELETE") << u"github"_s << u"DELETE"_s << u"/repos/a/b"_s << QString() << false;
    QTest::newRow("GraphQL query") << u"linear"_s << u"POST"_s << u"/graphql"_s
                                   << u"{\"query\": \"query { viewer { id } }\"}"_s << true;
    QTest::newRow("GraphQL mutation")
        << u"linear"_s << u"POST"_s << u"/graphql"_s
        << u"{\"query\": \"mutation { issueCreate(input: {}) { success } }\"}"_s << false;
    QTest::newRow("Jira search") << u"jira"_s << u"POST"_s << u"/rest/api/3/search/jql"_s << u"{}"_s
                                 << true;
    QTest::newRow("Jira create") << u"jira"_s << u"POST"_s << u"/rest/api/3/issue"_s << u"{}"_s
                                 << false;
    QTest::newRow("SELECT, readonly")
        << u"clickhouse"_s << u"POST"_s << u"/?readonly=1&query_id=q1"_s << select << true;
    QTest::newRow("SELECT, no readonly")
        << u"clickhouse"_s << u"POST"_s << u"/?query_id=q1"_s << select << false;
    QTest::newRow("INSERT") << u"clickhouse"_s << u"POST"_s << u"/?readonly=1"_s
                            << u"INSERT INTO requests VALUES (1)"_s << false;
    QTest::newRow("SELECT then DROP") << u"clickhouse"_s << u"POST"_s << u"/?readonly=1"_s
                                      << u"SELECT 1; DROP TABLE requests"_s << false;
    QTest::newRow("POST elsewhere")
        << u"stripe"_s << u"POST"_s << u"/v1/customers"_s << u"a=b"_s << false;
}

void TestFaultMatrix::readOnlyRules()
{
    QFETCH(QString, system);
    QFETCH(QString, method);
    QFETCH(QString, target);
    QFETCH(QString, body);
    QFETCH(bool, read);
    QString why;
    const bool isReadRequest = isRead(
        QJsonObject{
            {u"system"_s, system}, {u"method"_s, method}, {u"target"_s, target}, {u"body"_s, body}},
        &why);
    QVERIFY2(isReadRequest == read, qPrintable(why));
    QCOMPARE(why.isEmpty(), read);
}

void TestFaultMatrix::readOnlyPromise()
{
    QStringList problems;
    int requests = 0;
    for (const auto &c : m_cases) {
        const QUrl controlUrl = c->sandbox->controlUrl();
        QCOMPARE(control(controlUrl, "DELETE", u"/requests"_s).status, 204);
        for (const QString &ticket : std::as_const(c->tickets)) {
            const CommandResult run =
                runCasefile(investigateArgs(*c, ticket), HangMs, runEnvironment());
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const auto inv = investigationFromJsonBytes(run.out);
            QVERIFY2(inv, qPrintable(inv ? QString() : inv.error().message));
            if (ticket != c->ticket)
                continue;
            c->baseline = *inv;
            for (const StepRecord &step : inv->steps)
                QVERIFY2(step.status == StepStatus::Ok,
                         qPrintable(u"%1: the fault-free step %2 did not deliver: %3"_s.arg(
                             ticket, step.id, step.error)));
        }

        const ControlAnswer log = control(controlUrl, "GET", u"/requests"_s);
        QCOMPARE(log.status, 200);
        const QJsonArray list = QJsonDocument::fromJson(log.body)[u"requests"_s].toArray();
        QSet<QString> systemsSeen;
        for (const QJsonValue v : list) {
            const QJsonObject request = v.toObject();
            systemsSeen.insert(request.value(u"system"_s).toString());
            QString why;
            if (!isRead(request, &why))
                problems << u"%1 %2 %3: %4"_s.arg(
                    request.value(u"system"_s).toString(), request.value(u"method"_s).toString(),
                    request.value(u"target"_s).toString().left(120), why);
        }
        requests += int(list.size());
        // The log covers what the investigation read: each system its playbook uses.
        for (const QString &system : std::as_const(c->connectors))
            QVERIFY2(systemsSeen.contains(system),
                     qPrintable(u"no request to %1 was recorded"_s.arg(system)));
        QVERIFY(systemsSeen.contains(Helpdesk));
    }
    std::printf("read-only promise: %d requests, %d not reads\n", requests, int(problems.size()));
    std::fflush(stdout);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestFaultMatrix::replyOnlyThroughConfirmedSend()
{
    // The helpdesk's write (addComment) has one caller, the send controller, and the send
    // controller one caller: the reply editor, once its confirmation dialog is accepted.
    const QString root = qEnvironmentVariable("CASEFILE_SOURCE_DIR");
    QStringList commentCallers;
    QStringList sendCallers;
    for (const QString &module : {u"src"_s, u"ui"_s, u"connectors"_s}) {
        QDirIterator it(root + u'/' + module, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            const QString relative = QDir(root).relativeFilePath(file);
            if (text.contains(QRegularExpression(u"(->|\\.)(addComment|postComment)\\("_s)))
                commentCallers << relative;
            if (text.contains(
                    QRegularExpression(u"m_sender->send\\(|SendController\\b.*\\.send\\("_s)))
                sendCallers << relative;
        }
    }
    QCOMPARE(commentCallers, QStringList{u"ui/sendcontroller.cpp"_s});
    QCOMPARE(sendCallers, QStringList{u"ui/diagnosiseditor.cpp"_s});
    QFile editor(root + u"/ui/diagnosiseditor.cpp"_s);
    QVERIFY(editor.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(editor.readAll());
    const qsizetype accepted = text.indexOf(u"&QDialog::accepted"_s);
    const qsizetype send = text.indexOf(u"m_sender->send("_s);
    QVERIFY2(accepted >= 0 && send > accepted && text.count(u"m_sender->send("_s) == 1,
             "the reply is sent somewhere else than on the confirmation's acceptance");

    // And no investigation wrote: the helpdesk saw no PUT during the fault-free runs above.
    for (const auto &c : m_cases) {
        const ControlAnswer log = control(c->sandbox->controlUrl(), "GET", u"/requests"_s);
        for (const QJsonValue v : QJsonDocument::fromJson(log.body)[u"requests"_s].toArray())
            QVERIFY2(v[u"method"_s].toString() != u"PUT"_s, qPrintable(v[u"target"_s].toString()));
    }
}

QStringList TestFaultMatrix::checkCell(Case &c, const QString &system, const FaultKind &kind,
                                       const CommandResult &run, QString *outcome)
{
    QStringList problems;
    if (run.exitCode == -1 && run.err.contains("did not finish in time"))
        return {u"hung: casefile did not finish within %1 s"_s.arg(HangMs / 1000)};
    const QString err = QString::fromUtf8(run.err).trimmed();
    *outcome = err.section(u'\n', 0, 0).left(160);
    if (system == Helpdesk && run.exitCode == 1) {
        // The ticket could not be read, so there is nothing to investigate: one clear line.
        if (err.count(u'\n') > 0 || !err.contains(u"cannot read ticket"_s))
            problems << u"expected one line about the ticket, got: "_s + err;
        if (!err.contains(kind.says))
            problems << u"the error does not say %1: %2"_s.arg(kind.expected, err);
        return problems;
    }
    if (run.exitCode != 0)
        return {u"exit %1: %2"_s.arg(run.exitCode).arg(err)};
    const auto document = QJsonDocument::fromJson(run.out).object();
    if (document.value(u"format"_s).toString() != u"casefile-investigation/1"_s)
        return {u"not an investigation document"_s};
    const auto inv = investigationFromJsonBytes(run.out);
    if (!inv)
        return {u"invalid result: "_s + inv.error().message};
    if (inv->playbook.name != c.playbook)
        problems << u"playbook %1, expected %2"_s.arg(inv->playbook.name, c.playbook);
    if (inv->diagnosisMarkdown.trimmed().isEmpty())
        problems << u"no diagnosis"_s;
    const auto cause = [](const std::optional<RootCause> &rc) {
        return rc ? u"%1 %2"_s.arg(rc->category, QString::number(rc->confidence)) : u"none"_s;
    };
    *outcome = u"root cause %1 (fault-free: %2)"_s.arg(
        cause(inv->rootCause), c.baseline ? cause(c.baseline->rootCause) : u"?"_s);

    const qint64 stepBoundMs =
        qint64(LongestStepLimitMs * kind.timeoutScale) * StepAttempts + StepSlackMs;
    bool delivered = true;
    for (const StepRecord &step : inv->steps) {
        if (step.durationMs > stepBoundMs)
            problems << u"step %1 ran %2 ms, past its limits (%3 ms)"_s.arg(step.id)
                            .arg(step.durationMs)
                            .arg(stepBoundMs);
        if (step.connector != system || step.status == StepStatus::Ok ||
            step.status == StepStatus::Skipped)
            continue;
        delivered = false;
        if (step.error.isEmpty() || !step.error.contains(kind.says))
            problems << u"step %1 (%2): \"%3\" does not say %4"_s.arg(
                step.id, stepStatusName(step.status), step.error, kind.expected);
        bool named = false;
        for (const QString &note : inv->notChecked)
            named = named || note.contains(step.title) || note.contains(step.error);
        if (!named)
            problems << u"not_checked does not name step %1 (%2): [%3]"_s.arg(
                step.id, step.title, inv->notChecked.join(u" | "_s));
    }
    const bool hasSteps = std::any_of(inv->steps.cbegin(), inv->steps.cend(),
                                      [&](const StepRecord &s) { return s.connector == system; });
    if (system != Helpdesk && system != Llm && !hasSteps)
        problems << u"the result has no step of "_s + system;
    if (kind.name != u"slow"_s && system != Helpdesk && system != Llm && delivered)
        problems << u"every step of %1 succeeded despite the fault"_s.arg(system);

    // A diagnosis that leaned on this system must be less sure without it.
    if (!delivered && c.baseline && c.baseline->rootCause) {
        const RootCause &before = *c.baseline->rootCause;
        bool used = c.requiredConnectors.contains(system);
        for (const QString &ref : before.refs)
            used = used || refSystem(ref) == system;
        if (used && inv->rootCause && inv->rootCause->confidence >= before.confidence)
            problems << u"confidence %1 (%2), not below the fault-free %3 (%4)"_s.arg(
                QString::number(inv->rootCause->confidence), inv->rootCause->category,
                QString::number(before.confidence), before.category);
    }
    return problems;
}

void TestFaultMatrix::faultMatrix_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<int>("kind");
    for (const QString &system : std::as_const(m_systems)) {
        for (qsizetype k = 0; k < faultKinds().size(); ++k)
            QTest::addRow("%s=%s", qPrintable(system), qPrintable(faultKinds().at(k).name))
                << system << int(k);
    }
}

void TestFaultMatrix::faultMatrix()
{
    QFETCH(QString, system);
    QFETCH(int, kind);
    const FaultKind &fault = faultKinds().at(kind);
    if (system == u"clickhouse"_s && fault.name == u"gzip-bomb"_s) {
        // A ClickHouse answer may expand to 1 GiB (results up to max_result_bytes, as JSON
        // text), so each of a step's queries inflates that much before it is refused: on a
        // loaded sanitizer build that outlasts the step's limit as often as not. The other
        // systems' caps (64 MiB) are tested here; the refusal is the same HTTP client path
        // (tst_vendorconnectors).
        ++m_skipped;
        QSKIP("a ClickHouse gzip bomb is inflated up to its 1 GiB cap per query: too slow here");
    }
    Case *c = caseFor(system);
    if (!c) {
        ++m_skipped;
        QSKIP(qPrintable(u"no playbook step reads %1"_s.arg(system)));
    }
    if (!c->baseline) {
        const CommandResult run = runCasefile(investigateArgs(*c), HangMs, runEnvironment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto inv = investigationFromJsonBytes(run.out);
        QVERIFY(inv);
        c->baseline = *inv;
    }

    const QUrl controlUrl = c->sandbox->controlUrl();
    const ControlAnswer set =
        control(controlUrl, "PUT", u"/faults/"_s + system, fault.name.toUtf8());
    QVERIFY2(set.status == 204, set.body.constData());
    QElapsedTimer wall;
    wall.start();
    const CommandResult run =
        runCasefile(investigateArgs(*c), HangMs, runEnvironment(fault.timeoutScale));
    const qint64 ms = wall.elapsed();
    QCOMPARE(control(controlUrl, "DELETE", u"/faults/"_s + system).status, 204);

    ++m_tried;
    QString outcome;
    const QStringList problems = checkCell(*c, system, fault, run, &outcome);
    // The cell's line says what failed first: a log cut short after it still tells why.
    qInfo("%s=%s: %s in %lld ms; %s%s", qPrintable(system), qPrintable(fault.name),
          problems.isEmpty() ? "survived" : "FAILED", ms, qPrintable(outcome),
          problems.isEmpty() ? "" : qPrintable(u"; "_s + problems.constFirst().left(300)));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    ++m_survived;
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
