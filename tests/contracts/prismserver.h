#pragma once

#include "core/connector.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

namespace Casefile::Tests {

// The vendors' descriptions folder (CASEFILE_SHARED_DIR/vendor-specs), the npm tools folder
// scripts/setup-deps.sh fills, and the Prism executable ("" when absent).
QString specsDir();
QString toolsDir();
QString prismPath();
// Why the Prism-based tests cannot run here ("" when they can): the descriptions or Prism (or
// Node.js) are missing.
QString prismSkipReason();

// The vendors with an OpenAPI description: the connection system that talks to each, and the
// description's file in specsDir().
struct VendorDescription
{
    QString system; // "llm" for OpenAI, "gateway" for Portkey
    QString file;
};
const std::map<QString, VendorDescription> &vendorDescriptions();

// An operation call as the contract tests make it: a generous deadline, no cancel.
OperationCall contractCall(const QString &operation, const QJsonObject &args);

// The vendor table of docs/connectors.md (between its contract-table markers) against what a
// test observed: `observed` maps a vendor key ("github") to whether every check of `column`
// passed for it; a vendor the test did not check must say "no" there. Returns the cells that
// say otherwise (empty when the table tells what was seen).
QStringList contractTableProblems(const QString &column, const QMap<QString, bool> &observed);

// One Prism server on loopback, `prism mock --errors SPEC` or `prism proxy --errors SPEC
// UPSTREAM`, started at once and awaited later (Prism takes seconds to read a description).
class PrismServer
{
public:
    PrismServer(const QString &spec, const QString &upstream = {});
    ~PrismServer();
    PrismServer(const PrismServer &) = delete;
    PrismServer &operator=(const PrismServer &) = delete;

    // Waits until Prism listens; "" when it does, else what went wrong.
    QString waitUntilUp();
    QString url() const;
    QString spec() const { return m_spec; }
    // What Prism logged since the previous call: a marker request makes sure the log has
    // caught up with every request before it.
    QByteArray logSinceLastCall();
    // The request violations in a log ("Violation: request.query …"), one per line.
    static QStringList requestViolations(const QByteArray &log);
    // The response violations in a proxy's log (what the upstream answered against the
    // description).
    static QStringList responseViolations(const QByteArray &log);

private:
    std::unique_ptr<QProcess> m_process;
    QString m_spec;
    quint16 m_port = 0;
    QByteArray m_log;
    int m_marks = 0;
};

// One Prism server per vendor, all started at once and awaited together (each takes seconds
// to read its description).
class PrismServers
{
public:
    // `upstream`: proxy to it; "": a mock of the description.
    void start(const QString &vendor, const QString &upstream = {});
    void waitUntilUp();
    void clear() { m_servers.clear(); }
    // The vendor's server, or nullptr when it was not started or did not come up; `problem`
    // says why.
    PrismServer *server(const QString &vendor, QString *problem);

private:
    struct Entry
    {
        std::unique_ptr<PrismServer> prism;
        QString startProblem;
    };
    std::map<QString, Entry> m_servers;
};

// Linear's GraphQL checks with graphql-js. Why they cannot run here ("" when they can).
QString graphqlSkipReason();
// The request bodies the Linear connector sends for a search of `terms` and a connection
// test, captured from a stub server; "" in `problem` when both were sent.
QList<QByteArray> linearRequestBodies(const QJsonArray &terms, QString *problem);
// Validates GraphQL requests ({query, variables} and optionally the "response" to execute)
// against Linear's schema; "" when all are valid, else the validator's output.
QString validateLinearRequests(const QJsonArray &requests);

} // namespace Casefile::Tests
