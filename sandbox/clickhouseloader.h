#pragma once

#include "core/result.h"
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace Casefile::Sandbox {

class ClickHouseHttp;

// Creates the canonical request-log tables (contracts/log-schema.md) in one database of a
// ClickHouse server and fills them with generated logs over HTTP. recreate() drops and
// creates only that database. Blocking, like ClickHouseHttp; not thread-safe.
class ClickHouseLoader final
{
public:
    static constexpr auto DefaultDatabase = "casefile";

    explicit ClickHouseLoader(const QUrl &server,
                              const QString &database = QString::fromLatin1(DefaultDatabase));
    ~ClickHouseLoader();
    Q_DISABLE_COPY_MOVE(ClickHouseLoader)

    const QString &database() const { return m_database; }

    Result<void> recreate();
    // Inserts every row in batches of about `batchRows` rows (TabSeparated).
    Result<void> load(const Scenario &scenario, const GeneratedLogs &logs, int batchRows = 250000);
    // recreate() + load().
    Result<void> recreateAndLoad(const Scenario &scenario, const GeneratedLogs &logs);

    // Runs any statement (POST) in the loader's database and returns the raw body.
    Result<QByteArray> execute(const QString &sql);

    static QString gatewayRequestsDdl(const QString &database);
    static QString webhookDeliveriesDdl(const QString &database);

private:
    Result<void> insert(const QString &table, const char *columns, const QByteArray &tsv);

    QString m_database;
    std::unique_ptr<ClickHouseHttp> m_http;
};

// TabSeparated escaping of one value (backslash, tab, newline, carriage return, NUL).
QByteArray tsvEscape(const QByteArray &value);

} // namespace Casefile::Sandbox
