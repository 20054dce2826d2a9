#include "core/profile.h"
#include "sandbox/clickhousehttp.h"
#include "sandbox/clickhouseserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Sandbox;

namespace {

QString sandboxBinary()
{
    return QStringLiteral(CASEFILE_SANDBOX_BINARY);
}

QString sharedScenario()
{
    return qEnvironmentVariable("CASEFILE_DEMO_SCENARIO");
}

// Children of `pid` by their command name, from /proc.
QList<qint64> childrenNamed(qint64 pid, const QString &name)
{
    QList<qint64> found;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 child = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile stat(u"/proc/%1/stat"_s.arg(child));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        const QByteArray comm = line.mid(line.indexOf('(') + 1, close - line.indexOf('(') - 1);
        if (fields.size() > 1 && fields.at(1).toLongLong() == pid &&
            QString::fromUtf8(comm).startsWith(name.left(15)))
            found.append(child);
    }
    return found;
}

} // namespace

// Runs the real casefile-sandbox binary the way the app's end-to-end tests do.
class TestSandboxCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFile::exists(sandboxBinary()), qPrintable(sandboxBinary()));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no scenario")
            << QStringList{u"--profile-out"_s, u"p.json"_s} << u"--scenario"_s;
        QTest::newRow("missing file") << QStringList{u"--scenario"_s, u"/nonexistent/x.json"_s,
                                                     u"--profile-out"_s, u"p.json"_s}
                                      << u"/nonexistent/x.json"_s;
        QTest::newRow("unknown system")
            << QStringList{u"--scenario"_s, sharedScenario(), u"--profile-out"_s,
                           u"p.json"_s,     u"--fault"_s,     u"mainframe=500"_s}
            << u"unknown system \"mainframe\""_s;
        QTest::newRow("unknown fault")
            << QStringList{u"--scenario"_s, sharedScenario(), u"--profile-out"_s,
                           u"p.json"_s,     u"--fault"_s,     u"stripe=explode"_s}
            << u"unknown fault \"explode\""_s;
        QTest::newRow("bad rate") << QStringList{u"--scenario"_s,    sharedScenario(),
                                                 u"--profile-out"_s, u"p.json"_s,
                                                 u"--fault"_s,       u"stripe=429:2"_s}
                                  << u"between 0 and 1"_s;
        QTest::newRow("bad latency")
            << QStringList{u"--scenario"_s, sharedScenario(), u"--profile-out"_s,
                           u"p.json"_s,     u"--latency"_s,   u"github=soon"_s}
            << u"--latency github=soon"_s;
        QTest::newRow("latency range upside down")
            << QStringList{u"--scenario"_s, sharedScenario(), u"--profile-out"_s,
                           u"p.json"_s,     u"--latency"_s,   u"clickhouse=900-400"_s}
            << u"--latency clickhouse=900-400"_s;
    }

    void badArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QProcess process;
        process.start(sandboxBinary(), arguments);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        QVERIFY2(err.contains(expected), qPrintable(err));
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }

    void badScenarioNamesThePath()
    {
        QTemporaryDir dir;
        QFile shared(sharedScenario());
        QVERIFY(shared.open(QIODevice::ReadOnly));
        QByteArray json = shared.readAll();
        json.replace("\"per_minute\": 12", "\"per_minute\": \"twelve\"");
        const QString path = dir.filePath(u"broken.json"_s);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(json);
        out.close();
        QProcess process;
        process.start(sandboxBinary(),
                      {u"--scenario"_s, path, u"--profile-out"_s, dir.filePath(u"p.json"_s)});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        QVERIFY2(err.contains(path + u": $.traffic.streams[2].per_minute: expected a number"_s),
                 qPrintable(err));
        QCOMPARE(err.count(u'\n'), 0);
    }

    void servesUntilSigterm()
    {
        // The sandbox starts its own server here; without an installed one (Debian 13 has no
        // ClickHouse package) the other tests reach a server through --clickhouse-url.
        if (ClickHouseServer::findExecutable().isEmpty())
            QSKIP("clickhouse-server is not installed");
        QTemporaryDir dir;
        const QString profilePath = dir.filePath(u"sandbox-profile.json"_s);
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(sandboxBinary(), {u"--scenario"_s, sharedScenario(), u"--profile-out"_s,
                                        profilePath, u"--latency"_s, u"github=10-30"_s,
                                        u"--fault"_s, u"statuspage=500:0.1"_s, u"--quiet"_s});
        QVERIFY(process.waitForStarted(10000));
        QByteArray out;
        QDeadlineTimer deadline(90000);
        while (!out.contains('\n') && !deadline.hasExpired() &&
               process.state() == QProcess::Running) {
            process.waitForReadyRead(500);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.contains('\n'), process.readAllStandardError().constData());
        QCOMPARE(out.trimmed(), u"ready %1"_s.arg(profilePath).toLocal8Bit());

        const auto profile = loadProfile(profilePath);
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        QVERIFY(profile->sandbox);
        QCOMPARE(profile->name, u"latency-after-deploy"_s);
        QCOMPARE(profile->now, QDateTime(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc()));
        QVERIFY(profile->connections.contains(u"clickhouse"_s));
        const ConnectionSettings ch = profile->connections.value(u"clickhouse"_s);
        QCOMPARE(ch.options.value(u"database"_s).toString(), u"casefile"_s);

        // The logs answer through the profile's URL.
        ClickHouseHttp http{QUrl(ch.url)};
        const auto count =
            http.post(u"SELECT count() > 50000 FROM gateway_requests"_s, {}, 30000, u"casefile"_s);
        QVERIFY2(count.has_value(), qPrintable(count ? QString() : count.error().message));
        QCOMPARE(count->trimmed(), "1"_ba);

        const QList<qint64> clickhouse = childrenNamed(process.processId(), u"clickhouse-server"_s);
        QCOMPARE(clickhouse.size(), 1);

        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(!QFile::exists(u"/proc/%1"_s.arg(clickhouse.first())),
                 "ClickHouse outlived the sandbox");
    }

    // With --clickhouse-url the sandbox loads into that server, replaces only its own database
    // and leaves the server running.
    void externalClickHouse()
    {
        if (ClickHouseServer::findExecutable().isEmpty())
            QSKIP("clickhouse-server is not installed");
        ClickHouseServer server;
        const auto started = server.start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        ClickHouseHttp http(server.url());
        QVERIFY(http.post(u"CREATE DATABASE keep_me"_s).has_value());
        QVERIFY(http.post(u"CREATE DATABASE casefile"_s).has_value());
        QVERIFY(http.post(u"CREATE TABLE casefile.stale (x UInt8) ENGINE = Memory"_s).has_value());

        QTemporaryDir dir;
        const QString profilePath = dir.filePath(u"external.json"_s);
        QProcess process;
        process.start(sandboxBinary(),
                      {u"--scenario"_s, sharedScenario(), u"--profile-out"_s, profilePath,
                       u"--clickhouse-url"_s, server.url().toString(), u"--quiet"_s});
        QVERIFY(process.waitForStarted(10000));
        QByteArray out;
        QDeadlineTimer deadline(90000);
        while (!out.contains('\n') && !deadline.hasExpired() &&
               process.state() == QProcess::Running) {
            process.waitForReadyRead(500);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.startsWith("ready "), process.readAllStandardError().constData());
        QVERIFY(childrenNamed(process.processId(), u"clickhouse-server"_s).isEmpty());

        const auto tables = http.post(u"SELECT name FROM system.tables WHERE database = 'casefile' "
                                      u"ORDER BY name FORMAT TabSeparated"_s);
        QVERIFY(tables.has_value());
        QCOMPARE(tables->trimmed(), "gateway_requests\nwebhook_deliveries"_ba);
        const auto databases =
            http.post(u"SELECT count() FROM system.databases WHERE name = 'keep_me'"_s);
        QVERIFY(databases.has_value());
        QCOMPARE(databases->trimmed(), "1"_ba);

        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(server.isRunning());
        QVERIFY(http.get(u"/ping"_s, 5000).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandboxcli.moc"
