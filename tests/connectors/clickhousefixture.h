#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Casefile::Tests {

// A real clickhouse-server for the connector tests, in a temporary directory on loopback
// ports, with user `default` and a password. Stopped (and its files removed) on destruction.
class ClickHouseFixture
{
public:
    ClickHouseFixture();
    ~ClickHouseFixture();
    ClickHouseFixture(const ClickHouseFixture &) = delete;
    ClickHouseFixture &operator=(const ClickHouseFixture &) = delete;

    static QString serverBinary(); // empty when not installed
    Result<void> start();
    QString url() const;
    static QString password() { return QStringLiteral("fixture-pass-8812"); }
    // Runs a statement (DDL, INSERT) as a writable client; returns the body.
    Result<QByteArray> exec(const QString &sql) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_httpPort = 0;
};

} // namespace Casefile::Tests
