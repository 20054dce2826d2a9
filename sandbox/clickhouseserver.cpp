#include "sandbox/clickhouseserver.h"

#include "sandbox/clickhousehttp.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/scenario.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString xmlEscape(const QString &text)
{
    return text.toHtmlEscaped();
}

// Only the HTTP interface listens (no TCP, no interserver port): nothing else is needed and
// fewer ports means fewer collisions with other servers on the machine.
QByteArray configXml(const QString &dir, quint16 port)
{
    const QString d = xmlEscape(QDir(dir).absolutePath());
    const QString xml = uR"(<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>%1/server.log</log>
        <errorlog>%1/error.log</errorlog>
        <size>10M</size>
        <count>1</count>
        <console>false</console>
    </logger>
    <http_port>%2</http_port>
    <listen_host>127.0.0.1</listen_host>
    <max_connections>512</max_connections>
    <keep_alive_timeout>10</keep_alive_timeout>
    <max_concurrent_queries>200</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>%1/data/</path>
    <tmp_path>%1/tmp/</tmp_path>
    <user_files_path>%1/user_files/</user_files_path>
    <format_schema_path>%1/format_schemas/</format_schema_path>
    <users_config>users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
</yandex>
)"_s.arg(d)
                            .arg(port);
    return xml.toUtf8();
}

QByteArray usersXml()
{
    return R"(<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <load_balancing>random</load_balancing>
        </default>
        <readonly>
            <readonly>1</readonly>
        </readonly>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>::1</ip>
                <ip>127.0.0.1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
)"_ba;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

} // namespace

ClickHouseServer::ClickHouseServer() = default;

ClickHouseServer::~ClickHouseServer()
{
    stop();
}

QString ClickHouseServer::findExecutable()
{
    const QString fromEnv = qEnvironmentVariable("CASEFILE_CLICKHOUSE_SERVER");
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv).isExecutable() ? fromEnv : QString();
    QString found = QStandardPaths::findExecutable(u"clickhouse-server"_s);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(u"clickhouse-server"_s,
                                               {u"/usr/sbin"_s, u"/usr/local/sbin"_s});
    return found;
}

Result<void> ClickHouseServer::start(int timeoutMs)
{
    if (isRunning())
        return {};
    const QString executable = findExecutable();
    if (executable.isEmpty()) {
        return fail(Error::Code::NotFound,
                    u"clickhouse-server is not installed (set CASEFILE_CLICKHOUSE_SERVER or pass "
                    u"--clickhouse-url)"_s);
    }
    // A port found free can be taken before the server binds it: try again with another.
    Result<void> result;
    for (int attempt = 0; attempt < 3; ++attempt) {
        result = startOnce(executable, timeoutMs);
        if (result)
            return result;
        qCWarning(lcSandbox).noquote()
            << "ClickHouse did not start:" << result.error().message << result.error().detail;
        stop();
    }
    return result;
}

Result<void> ClickHouseServer::startOnce(const QString &executable, int timeoutMs)
{
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/casefile-clickhouse-XXXXXX"_s);
    if (!m_dir->isValid()) {
        return fail(
            Error::Code::Storage,
            u"Cannot create a temporary directory for ClickHouse: %1"_s.arg(m_dir->errorString()));
    }
    const QString dir = m_dir->path();
    for (const QString &sub : {u"data"_s, u"tmp"_s, u"user_files"_s, u"format_schemas"_s})
        QDir(dir).mkpath(sub);
    m_port = freeLoopbackPort();
    if (m_port == 0)
        return fail(Error::Code::Unreachable, u"No free loopback port for ClickHouse"_s);
    if (!writeFile(dir + u"/config.xml"_s, configXml(dir, m_port)) ||
        !writeFile(dir + u"/users.xml"_s, usersXml())) {
        return fail(Error::Code::Storage,
                    u"Cannot write the ClickHouse configuration in %1"_s.arg(dir));
    }

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(executable);
    m_process->setArguments({u"--config-file=%1/config.xml"_s.arg(dir)});
    m_process->setWorkingDirectory(dir);
    m_process->setStandardOutputFile(dir + u"/stdout.log"_s);
    m_process->setStandardErrorFile(dir + u"/stderr.log"_s);
#ifdef Q_OS_LINUX
    // If the sandbox dies without cleaning up, its ClickHouse goes with it.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        return fail(Error::Code::Unreachable,
                    u"Cannot run %1: %2"_s.arg(executable, m_process->errorString()));
    }

    ClickHouseHttp http(url());
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            return fail(Error::Code::Unreachable, u"clickhouse-server exited during start-up"_s,
                        logTail());
        }
        const auto reply = http.get(u"/ping"_s, 1000);
        if (reply && reply->status == 200 && reply->body.startsWith("Ok.")) {
            qCInfo(lcSandbox) << "ClickHouse ready on port" << m_port << "pid" << processId();
            return {};
        }
        QThread::msleep(50);
    }
    return fail(Error::Code::Timeout,
                u"clickhouse-server did not answer /ping within %1 s"_s.arg(timeoutMs / 1000),
                logTail());
}

void ClickHouseServer::stop()
{
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(15000)) {
                qCWarning(lcSandbox) << "ClickHouse ignored SIGTERM; killing it";
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        m_process.reset();
    }
    m_dir.reset();
    m_port = 0;
}

bool ClickHouseServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl ClickHouseServer::url() const
{
    QUrl u;
    u.setScheme(u"http"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(m_port);
    u.setPath(u"/"_s);
    return u;
}

qint64 ClickHouseServer::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

QString ClickHouseServer::logTail() const
{
    if (!m_dir)
        return {};
    QString tail;
    for (const QString &name : {u"stderr.log"_s, u"error.log"_s}) {
        QFile file(m_dir->path() + u'/' + name);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray all = file.readAll();
            tail += QString::fromUtf8(all.right(2000));
        }
    }
    return tail.trimmed();
}

} // namespace Casefile::Sandbox
