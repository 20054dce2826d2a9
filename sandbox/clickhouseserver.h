#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace Casefile::Sandbox {

// A private ClickHouse server for the sandbox, tests and benchmarks: the installed
// clickhouse-server (CASEFILE_CLICKHOUSE_SERVER, else PATH, else /usr/sbin) run with a
// generated config in a temporary directory, listening on a free loopback HTTP port only,
// user `default` without a password. The destructor stops it (SIGTERM, then SIGKILL) and
// removes its data. On Linux the server also gets SIGTERM if the thread that started it
// dies, so start() it from a thread that outlives the server (normally the main thread).
// Not thread-safe; start() blocks until the server answers /ping.
class ClickHouseServer final
{
public:
    ClickHouseServer();
    ~ClickHouseServer();
    Q_DISABLE_COPY_MOVE(ClickHouseServer)

    static QString findExecutable(); // '' when none is installed

    Result<void> start(int timeoutMs = 30000);
    void stop();
    bool isRunning() const;

    QUrl url() const;         // http://127.0.0.1:PORT/
    qint64 processId() const; // 0 when not running
    QString logTail() const;  // the last lines of the server's error log, for diagnostics

private:
    Result<void> startOnce(const QString &executable, int timeoutMs);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace Casefile::Sandbox
