#pragma once

#include "connectors/clickhouse/clickhouseresult.h"
#include "connectors/clickhouse/clickhousesql.h"
#include "connectors/common/connection.h"

#include <map>
#include <mutex>
#include <optional>

namespace Casefile::Connectors {

// The gateway's request logs in ClickHouse, over the HTTP interface (docs/operations.md,
// contracts/log-schema.md). Every query is read-only (`readonly=1`), bounded
// (`max_execution_time`, capped by the step's deadline), carries a fresh `query_id` and
// aggregates in ClickHouse. On cancel or deadline the HTTP request is aborted and
// `KILL QUERY` is sent, since ClickHouse 18.16 keeps running a query whose client went away.
//
// Options: database, max_execution_time (s, default 30), mapping (see FieldMapping),
// sample_rows (default 1000000; 0 never samples).
// Thread-safe: run() may be called concurrently. A step costs one round trip: its queries are
// sent together, and until the server's version is known they carry quoted literals while the
// version is asked beside them (once per connection, then cached), so no step waits for it.
// The table's layout is read the same way (once per table, beside the first step that uses
// it); from then on the queries put their conditions on the key columns in PREWHERE (MergeTree
// tables), bound a Date partition column that is not ts, sample the steps over every
// organisation when the table has a sampling key, and the evidence of a step for one
// organisation says when the table's sort key makes it read more than that organisation's rows
// (docs/clickhouse-layout.md). A step that later steps wait for sends its queries at a higher
// priority (AwaitedPriority) than the others (OtherPriority): ClickHouse pauses the others while
// it runs, so the next steps do not wait for a query that shares the server with ten more.
class ClickHouseConnector final : public Connector
{
public:
    static constexpr int AwaitedPriority = 1;
    static constexpr int OtherPriority = 2;

    ClickHouseConnector(ConnectionSettings settings, Result<QString> secret);

    QString system() const override { return m_connection.system(); }
    QStringList operations() const override;
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    struct Query
    {
        QString sql;                                   // must end in FORMAT JSON
        QList<std::pair<QString, QString>> parameters; // from SqlBuilder
        // ClickHouse's `priority` setting (0: none): while a query of a smaller number runs,
        // those of larger ones pause
        int priority = 0;
        // An extra the step's answer can do without: when it fails, the step answers without it
        // (an operation's optional queries come after its others)
        bool optional = false;

        // The SQL as sent, its parameters first as comments ("-- param_p1 = 'org_acme'"):
        // what a person reads and copies from the evidence. No credentials: they travel in
        // headers.
        QString text() const;
    };
    // Runs one query; `queryId` receives the id it ran under.
    Result<ClickHouseResult> query(const Query &query, const WorkLimits &limits,
                                   QString *queryId = nullptr) const;
    // "18.16.1"; probed once, then cached.
    Result<QString> serverVersion(const WorkLimits &limits) const;
    // The version when a probe already found it.
    std::optional<QString> knownVersion() const;
    // Server-side {name:Type} parameters exist from 19.11.
    static bool versionSupportsParameters(const QString &version);
    const FieldMapping &mapping() const { return m_mapping; }
    // How a logical table ("gateway_requests") is laid out, read from system.tables and
    // system.columns (one round trip); an unknown layout when the server does not describe it
    // (a table in a database it does not show). Blocking, on a worker.
    Result<TableLayout> readLayout(const QString &logicalTable, const WorkLimits &limits) const;
    // The layout when a step or a connection check already read it.
    std::optional<TableLayout> knownLayout(const QString &logicalTable) const;
    // `limit` rows of the requests table, the given logical fields
    // through the connection's mapping: what the connection wizard shows so the mapping can
    // be checked against real rows. Read-only like every query; blocking, on a worker.
    Result<TablePreview> previewRequests(const QStringList &fields, int limit,
                                         const WorkLimits &limits) const;

private:
    // Claims the one version probe in flight; false when another step already runs it.
    bool claimVersionProbe() const;
    // Claims the one layout probe of a table in flight; false when it is known or being read.
    bool claimLayoutProbe(const QString &logicalTable) const;
    void killQuery(const QString &queryId) const;
    // Advice when a MergeTree table is not sorted by (org, ts): each step for one organisation
    // then reads more than that organisation's rows. Nothing when the layout cannot be read.
    std::optional<QString> layoutNote(const QString &logicalTable, const WorkLimits &limits) const;

    Connection m_connection;
    FieldMapping m_mapping;
    std::optional<Error> m_configError;
    int m_maxExecutionTime = 30;
    // Server-side bounds sent with every query (profile options of the same names).
    qint64 m_maxMemoryUsage = 2LL * 1024 * 1024 * 1024;
    qint64 m_maxResultRows = 500000;
    qint64 m_maxResultBytes = 256LL * 1024 * 1024;
    // Rows the steps over every organisation read of the window when the table has a sampling
    // key (option sample_rows; 0: never sample).
    qint64 m_sampleRows = 1000000;
    mutable std::mutex m_versionMutex;
    mutable std::optional<QString> m_version;
    mutable bool m_versionProbeInFlight = false;
    mutable std::map<QString, TableLayout> m_layouts; // by logical table, under m_versionMutex
    mutable QStringList m_layoutProbesInFlight;
};

} // namespace Casefile::Connectors
