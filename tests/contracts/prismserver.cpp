#include "prismserver.h"

#include "connectors/common/httpclient.h"
#include "connectors/linear/linearconnector.h"
#include "stubserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Casefile::Tests {

QString specsDir()
{
    const QString shared = qEnvironmentVariable("CASEFILE_SHARED_DIR");
    return shared.isEmpty() ? QString() : shared + u"/vendor-specs"_s;
}

QString toolsDir()
{
    return qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/.cache/npm-tools"_s;
}

QString prismPath()
{
    // Prism is a Node.js program: without node on the PATH it cannot run, wherever it lies.
    if (QStandardPaths::findExecutable(u"node"_s).isEmpty())
        return {};
    const QString local = toolsDir() + u"/node_modules/.bin/prism"_s;
    if (QFileInfo(local).isExecutable())
        return local;
    return QStandardPaths::findExecutable(u"prism"_s);
}

QStringList contractTableProblems(const QString &column, const QMap<QString, bool> &observed)
{
    QFile file(qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/docs/connectors.md"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {u"docs/connectors.md cannot be read"_s};
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype begin = text.indexOf(u"<!-- contract-table"_s);
    const qsizetype end = text.indexOf(u"<!-- /contract-table -->"_s);
    if (begin < 0 || end < begin)
        return {u"docs/connectors.md has no contract table"_s};
    QStringList problems;
    int at = -1;
    QMap<QString, bool> unseen = observed;
    static const QRegularExpression key(u"`([a-z]+)`"_s);
    for (const QString &line : text.mid(begin, end - begin).split(u'\n')) {
        if (!line.startsWith(u'|') || line.startsWith(u"|---"_s))
            continue;
        QStringList cells = line.split(u'|');
        cells = cells.mid(1, cells.size() - 2);
        for (QString &c : cells)
            c = c.trimmed();
        if (at < 0) {
            at = int(cells.indexOf(column));
            if (at < 0)
                return {u"the contract table has no column \"%1\""_s.arg(column)};
            continue;
        }
        const auto m = key.match(cells.value(0));
        if (!m.hasMatch() || at >= cells.size()) {
            problems << u"a row of the contract table names no vendor: "_s + line;
            continue;
        }
        const QString vendor = m.captured(1);
        unseen.remove(vendor);
        const QString expected = observed.value(vendor, false) ? u"yes"_s : u"no"_s;
        if (cells.at(at) != expected)
            problems << u"%1, \"%2\": the table says %3, the tests saw %4"_s.arg(
                vendor, column, cells.at(at), expected);
    }
    for (auto it = unseen.cbegin(); it != unseen.cend(); ++it)
        problems << u"%1 was checked but has no row in the contract table"_s.arg(it.key());
    return problems;
}

namespace {
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}
} // namespace

PrismServer::PrismServer(const QString &spec, const QString &upstream)
    : m_process(std::make_unique<QProcess>())
    , m_spec(spec)
    , m_port(freePort())
{
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{upstream.isEmpty() ? u"mock"_s : u"proxy"_s,
                     u"--errors"_s,
                     u"-h"_s,
                     u"127.0.0.1"_s,
                     u"-p"_s,
                     QString::number(m_port),
                     spec};
    if (!upstream.isEmpty())
        args << upstream;
    m_process->start(prismPath(), args);
}

PrismServer::~PrismServer()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString PrismServer::waitUntilUp()
{
    QDeadlineTimer until(240s);
    while (!m_log.contains("Prism is listening") && !until.hasExpired() &&
           m_process->state() != QProcess::NotRunning) {
        m_process->waitForReadyRead(250);
        m_log += m_process->readAllStandardOutput();
    }
    m_log += m_process->readAllStandardOutput();
    if (!m_log.contains("Prism is listening"))
        return u"Prism did not start for %1: %2"_s.arg(m_spec, QString::fromUtf8(m_log.right(400)));
    m_log.clear();
    return {};
}

QString PrismServer::url() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

QByteArray PrismServer::logSinceLastCall()
{
    const QByteArray marker = "/__casefile_mark_"_ba + QByteArray::number(++m_marks);
    Connectors::HttpClient::Options o;
    o.system = u"prism"_s;
    Connectors::HttpClient client(o);
    Connectors::HttpRequest r;
    r.url = QUrl(url() + QString::fromLatin1(marker));
    r.acceptAnyStatus = true;
    r.maxRetries = 0;
    WorkLimits l;
    l.deadline = QDeadlineTimer(30s);
    (void)client.send(r, l);
    const QByteArray seen = QByteArray(marker + " ");
    QDeadlineTimer until(30s);
    while (!m_log.contains(seen) && !until.hasExpired()) {
        m_process->waitForReadyRead(100);
        m_log += m_process->readAllStandardOutput();
    }
    const qsizetype at = m_log.indexOf(seen);
    if (at < 0)
        return std::exchange(m_log, {});
    const QByteArray out = m_log.left(at);
    m_log.remove(0, at + seen.size());
    return out;
}

namespace {
QStringList violationsAt(const QByteArray &log, const QByteArray &where)
{
    QStringList out;
    for (const QByteArray &line : log.split('\n')) {
        if (line.contains(QByteArray("Violation: " + where)))
            out << QString::fromUtf8(line.mid(line.indexOf("Violation:"))).trimmed();
    }
    out.removeDuplicates();
    return out;
}
} // namespace

QStringList PrismServer::requestViolations(const QByteArray &log)
{
    return violationsAt(log, "request");
}

QStringList PrismServer::responseViolations(const QByteArray &log)
{
    // A proxy answers a violating upstream answer with a 500 of its own and logs the request
    // as terminated with VIOLATIONS.
    QStringList out = violationsAt(log, "response");
    for (const QByteArray &line : log.split('\n')) {
        if (line.contains("errors#VIOLATIONS")) {
            const qsizetype at = line.indexOf("[HTTP SERVER]");
            out << QString::fromUtf8(line.mid(at < 0 ? 0 : at, 90)).trimmed();
        }
    }
    out.removeDuplicates();
    return out;
}

} // namespace Casefile::Tests

namespace Casefile::Tests {

QString prismSkipReason()
{
    if (specsDir().isEmpty() || !QFileInfo::exists(specsDir()))
        return u"the vendors' API descriptions (CASEFILE_SHARED_DIR/vendor-specs) are absent"_s;
    if (prismPath().isEmpty())
        return u"Prism or Node.js is not installed (scripts/setup-deps.sh installs both)"_s;
    return {};
}

const std::map<QString, VendorDescription> &vendorDescriptions()
{
    static const std::map<QString, VendorDescription> vendors{
        {u"github"_s, {u"github"_s, u"github-openapi-slice.json"_s}},
        {u"stripe"_s, {u"stripe"_s, u"stripe-openapi-slice.json"_s}},
        {u"jira"_s, {u"jira"_s, u"jira-openapi-slice.json"_s}},
        {u"openai"_s, {u"llm"_s, u"openai-openapi-slice.json"_s}},
        {u"pagerduty"_s, {u"pagerduty"_s, u"pagerduty-rest-openapiv3.json"_s}},
        {u"portkey"_s, {u"gateway"_s, u"portkey-openapi.yaml"_s}}};
    return vendors;
}

OperationCall contractCall(const QString &operation, const QJsonObject &args)
{
    OperationCall c;
    c.stepId = u"contract"_s;
    c.operation = operation;
    c.args = args;
    c.limits.deadline = QDeadlineTimer(60s);
    return c;
}

void PrismServers::start(const QString &vendor, const QString &upstream)
{
    const auto it = vendorDescriptions().find(vendor);
    Entry &entry = m_servers[vendor];
    if (it == vendorDescriptions().end()) {
        entry.startProblem = u"no description of %1"_s.arg(vendor);
        return;
    }
    entry.prism = std::make_unique<PrismServer>(specsDir() + u'/' + it->second.file, upstream);
}

void PrismServers::waitUntilUp()
{
    for (auto &[vendor, entry] : m_servers) {
        if (entry.prism && entry.startProblem.isEmpty())
            entry.startProblem = entry.prism->waitUntilUp();
    }
}

PrismServer *PrismServers::server(const QString &vendor, QString *problem)
{
    const auto it = m_servers.find(vendor);
    if (it == m_servers.end()) {
        *problem = u"no Prism server for %1"_s.arg(vendor);
        return nullptr;
    }
    *problem = it->second.startProblem;
    return problem->isEmpty() ? it->second.prism.get() : nullptr;
}

namespace {
QString graphqlModules()
{
    return toolsDir() + u"/node_modules"_s;
}
} // namespace

QString graphqlSkipReason()
{
    if (QStandardPaths::findExecutable(u"node"_s).isEmpty() ||
        !QFileInfo::exists(graphqlModules() + u"/graphql"_s))
        return u"node or the graphql package is missing (scripts/setup-deps.sh installs it)"_s;
    return {};
}

QList<QByteArray> linearRequestBodies(const QJsonArray &terms, QString *problem)
{
    StubServer capture;
    capture.script({StubServer::json(
        R"({"data":{"issues":{"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[]},
            "viewer":{"id":"u1","name":"Agent","email":"a@example.com"}}})"_ba)});
    ConnectionSettings s;
    s.system = u"linear"_s;
    s.type = u"linear"_s;
    s.url = QString::fromLatin1(capture.baseUrl());
    Connectors::LinearConnector linear(s, u"lin_api_key"_s);
    problem->clear();
    if (auto r = linear.run(contractCall(u"search_issues"_s, {{u"terms"_s, terms}})); !r)
        *problem = u"search_issues: "_s + r.error().message;
    WorkLimits l;
    l.deadline = QDeadlineTimer(20s);
    if (const ConnectionCheck check = linear.testConnection(l); !check.ok)
        *problem += u"connection: "_s + check.message;
    QList<QByteArray> bodies;
    for (const StubServer::Request &r : capture.requests())
        bodies.append(r.body);
    if (problem->isEmpty() && bodies.size() != 2)
        *problem = u"expected 2 requests, the connector sent %1"_s.arg(bodies.size());
    return bodies;
}

QString validateLinearRequests(const QJsonArray &requests)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"requests.json"_s));
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write "_s + file.fileName();
    file.write(QJsonDocument(requests).toJson());
    file.close();
    QProcess validator;
    validator.setProcessChannelMode(QProcess::MergedChannels);
    validator.start(
        QStandardPaths::findExecutable(u"node"_s),
        {qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/contracts/validate-graphql.mjs"_s,
         specsDir() + u"/linear-schema.graphql"_s, file.fileName(), graphqlModules()});
    if (!validator.waitForFinished(120000))
        return u"the GraphQL validator did not finish"_s;
    const QString output = QString::fromUtf8(validator.readAll());
    if (validator.exitStatus() != QProcess::NormalExit || validator.exitCode() != 0)
        return output.isEmpty() ? u"the GraphQL validator failed"_s : output;
    return {};
}

} // namespace Casefile::Tests
