#pragma once

#include "core/domain.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Casefile::Operations {

// The one table of connector operations: what a playbook step may call, with which arguments,
// and what evidence and outputs it gives. Playbook validation checks steps against it, each
// connector's operations() comes from it, and the tables of docs/operations.md are generated
// from it (a test fails when they disagree). A new operation is added here, then implemented
// by its connector.
//
// Values only, built once on first use; safe to read from any thread.

enum class ArgumentType {
    Text,     // a string (a number is read as its text)
    Time,     // an ISO-8601 UTC time as a string
    Integer,  // a whole number, or a string holding one
    TextList, // an array of strings, or one string
    Choice,   // one of `choices`
};

struct Argument
{
    QString name;
    ArgumentType type = ArgumentType::Text;
    bool required = false;
    QString note;        // "default production", for people
    QStringList choices; // Choice only
};

struct Operation
{
    QString connector; // the system: "clickhouse", "github", ...
    QString name;      // "latency_series"
    QList<Argument> arguments;
    std::optional<EvidenceKind> evidence; // none: the operation gives outputs only
    QStringList columns;                  // table and timeseries columns, in order
    QString evidenceNote;                 // what else the evidence carries, for people
    QStringList outputs;                  // "config_ids[]", "requests"
    QString outputsNote;

    const Argument *argument(const QString &argumentName) const;
};

// Every operation, grouped by connector in the order docs/operations.md lists them.
const QList<Operation> &all();
// The connectors that have step operations, in that order.
QStringList connectors();
// The operation names of one connector (empty for an unknown one).
QStringList names(const QString &connector);
const Operation *find(const QString &connector, const QString &name);
// The evidence columns of an operation; empty when it has none. For producers and readers
// of evidence, so that a column is named in one place.
QStringList columns(const QString &connector, const QString &name);

// Why a literal argument value does not fit its argument, or nothing when it does. Values
// that hold a "{{template}}" are only known at run time and always fit.
std::optional<QString> checkValue(const Argument &argument, const QJsonValue &value);

// The Markdown table of one connector's operations, as docs/operations.md shows it.
QString markdownTable(const QString &connector);

} // namespace Casefile::Operations
