#include "clickhousefixture.h"

#include "connectors/common/httpclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Casefile::Tests {

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text.toUtf8()) >= 0;
}

Connectors::HttpClient adminClient()
{
    Connectors::HttpClient::Options o;
    o.system = u"clickhouse"_s;
    o.displayName = u"ClickHouse"_s;
    o.policy = Connectors::ReadOnlyPolicy::readsAndPostQueries();
    o.maxRetries = 0;
    return Connectors::HttpClient(o);
}
} // namespace

ClickHouseFixture::ClickHouseFixture() = default;

ClickHouseFixture::~ClickHouseFixture()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
}

QString ClickHouseFixture::serverBinary()
{
    for (const QString &candidate :
         {u"/usr/sbin/clickhouse-server"_s, u"/usr/bin/clickhouse-server"_s}) {
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return QStandardPaths::findExecutable(u"clickhouse-server"_s);
}

QString ClickHouseFixture::url() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_httpPort);
}

Result<void> ClickHouseFixture::start()
{
    const QString binary = serverBinary();
    if (binary.isEmpty())
        return fail(Error::Code::NotFound, u"clickhouse-server is not installed"_s);
    if (!m_dir.isValid())
        return fail(Error::Code::Storage, u"cannot create a temporary directory"_s);
    const QString root = m_dir.path();
    for (const QString &sub : {u"data"_s, u"tmp"_s, u"log"_s, u"format_schemas"_s})
        QDir(root).mkpath(sub);
    m_httpPort = freePort();
    const quint16 tcpPort = freePort();
    const QString config = uR"(<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>%1/log/server.log</log><errorlog>%1/log/error.log</errorlog><console>0</console></logger>
  <http_port>%2</http_port>
  <tcp_port>%3</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>%1/data/</path>
  <tmp_path>%1/tmp/</tmp_path>
  <format_schema_path>%1/format_schemas/</format_schema_path>
  <users_config>%1/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>5368709</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
</yandex>
)"_s.arg(root)
                               .arg(m_httpPort)
                               .arg(tcpPort);
    const QString users = uR"(<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password>%1</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
)"_s.arg(password());
    if (!writeFile(root + u"/config.xml"_s, config) || !writeFile(root + u"/users.xml"_s, users))
        return fail(Error::Code::Storage, u"cannot write the ClickHouse config"_s);
    m_process = std::make_unique<QProcess>();
    m_process->setWorkingDirectory(root);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(root + u"/log/stdout.log"_s);
    m_process->start(binary, {u"--config-file="_s + root + u"/config.xml"_s});
    if (!m_process->waitForStarted(10000))
        return fail(Error::Code::Unknown, u"clickhouse-server did not start"_s);
    const auto client = adminClient();
    QDeadlineTimer deadline(30s);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning) {
            QFile log(root + u"/log/error.log"_s);
            log.open(QIODevice::ReadOnly);
            return fail(Error::Code::Unknown, u"clickhouse-server exited: "_s +
                                                  QString::fromUtf8(log.readAll().right(500)));
        }
        Connectors::HttpRequest ping;
        ping.url = QUrl(url() + u"/ping"_s);
        ping.timeout = 1s;
        WorkLimits limits;
        limits.deadline = QDeadlineTimer(2s);
        if (auto r = client.send(ping, limits); r && r->status == 200)
            return {};
        QThread::msleep(100);
    }
    return fail(Error::Code::Timeout, u"clickhouse-server did not answer /ping within 30 s"_s);
}

Result<QByteArray> ClickHouseFixture::exec(const QString &sql) const
{
    Connectors::HttpRequest r;
    r.method = "POST";
    r.url = QUrl(url() + u"/"_s);
    r.body = sql.toUtf8();
    r.setHeader("X-ClickHouse-User"_ba, "default"_ba);
    r.setHeader("X-ClickHouse-Key"_ba, password().toUtf8());
    r.setHeader("Content-Type"_ba, "text/plain"_ba);
    r.timeout = 30s;
    WorkLimits limits;
    limits.deadline = QDeadlineTimer(60s);
    auto response = adminClient().send(r, limits);
    if (!response)
        return std::unexpected(response.error());
    return response->body;
}

} // namespace Casefile::Tests
