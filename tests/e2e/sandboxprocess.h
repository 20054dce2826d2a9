#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Casefile::Testing {

// Runs casefile-sandbox on a scenario for the lifetime of the object; stops it (SIGTERM) and
// waits for a clean exit on destruction. Uses the ClickHouse at CASEFILE_CLICKHOUSE_URL when
// set, so many scenarios can share one server, each sandbox in a database of its own.
class SandboxProcess final
{
public:
    explicit SandboxProcess(const QString &scenario, const QStringList &extraArgs = {});
    ~SandboxProcess();
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    bool waitReady(int timeoutMs = 120000);
    QString profilePath() const { return m_profile; }
    // The control endpoint's base URL when started with "--control", after waitReady().
    QUrl controlUrl() const { return m_control; }
    QString errorText() const { return m_error; }
    int stop(); // exit code, -1 if it had to be killed

    static QString binaryDir();
    static QString sandboxBinary();
    static QString casefileBinary();

private:
    QTemporaryDir m_dir;
    QString m_profile;
    QString m_error;
    QUrl m_control;
    std::unique_ptr<QProcess> m_process;
};

// Runs `casefile ARGS`; returns exit code, stdout, stderr.
struct CommandResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
// `environment` entries (NAME=VALUE) are added to this process's environment.
CommandResult runCasefile(const QStringList &args, int timeoutMs = 300000,
                          const QStringList &environment = {});

} // namespace Casefile::Testing
