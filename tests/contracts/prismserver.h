#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace Casefile::Tests {

// The vendors' descriptions folder (CASEFILE_SHARED_DIR/vendor-specs), the npm tools folder
// scripts/setup-deps.sh fills, and the Prism executable ("" when absent).
QString specsDir();
QString toolsDir();
QString prismPath();

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

} // namespace Casefile::Tests
