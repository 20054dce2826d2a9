#include "sandboxprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Casefile::Testing {

QString SandboxProcess::binaryDir()
{
    return qEnvironmentVariable("CASEFILE_BINARY_DIR");
}

QString SandboxProcess::sandboxBinary()
{
    return binaryDir() + u"/sandbox/casefile-sandbox"_s;
}

QString SandboxProcess::casefileBinary()
{
    return binaryDir() + u"/app/casefile"_s;
}

SandboxProcess::SandboxProcess(const QString &scenario, const QStringList &extraArgs)
    : m_process(std::make_unique<QProcess>())
{
    m_profile = m_dir.filePath(u"profile.json"_s);
    QStringList args{u"--scenario"_s, scenario, u"--profile-out"_s, m_profile, u"--quiet"_s};
    const QString clickhouse = qEnvironmentVariable("CASEFILE_CLICKHOUSE_URL");
    if (!clickhouse.isEmpty()) {
        // A database of its own: sandboxes of tests running side by side share the server.
        static std::atomic<int> counter = 0;
        args << u"--clickhouse-url"_s << clickhouse << u"--clickhouse-database"_s
             << u"casefile_e2e_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
    }
    args << extraArgs;
    m_process->setProgram(sandboxBinary());
    m_process->setArguments(args);
    m_process->start();
}

SandboxProcess::~SandboxProcess()
{
    stop();
}

bool SandboxProcess::waitReady(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    while (timer.elapsed() < timeoutMs) {
        if (m_process->state() == QProcess::NotRunning) {
            m_error = QString::fromUtf8(m_process->readAllStandardError());
            return false;
        }
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        if (out.contains("ready ")) {
            for (const QByteArray &line : out.split('\n')) {
                if (line.startsWith("control "))
                    m_control = QUrl(QString::fromUtf8(line.mid(8).trimmed()));
            }
            return QFile::exists(m_profile);
        }
    }
    m_error = u"casefile-sandbox was not ready after %1 ms"_s.arg(timeoutMs);
    return false;
}

int SandboxProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : -1;
    m_process->terminate();
    if (!m_process->waitForFinished(30000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

CommandResult runCasefile(const QStringList &args, int timeoutMs, const QStringList &environment)
{
    QProcess process;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : environment) {
            const qsizetype eq = entry.indexOf(u'=');
            env.insert(entry.left(eq), entry.mid(eq + 1));
        }
        process.setProcessEnvironment(env);
    }
    process.start(SandboxProcess::casefileBinary(), args);
    CommandResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = "casefile did not finish in time";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace Casefile::Testing
