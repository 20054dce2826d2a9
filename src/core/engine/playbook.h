#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Casefile {

// One problem found in a playbook or shared-steps file. `line`/`column` are 1-based; 0 when
// unknown. `jsonPath` is "$.steps[2].connector" style; empty for syntax errors.
struct PlaybookDiagnostic
{
    QString file;
    int line = 0;
    int column = 0;
    QString jsonPath;
    QString message;

    QString toString() const; // "file:3:14: $.steps[0].operation: unknown operation 'foo'"
};

// One step of a playbook (format casefile-playbook/1, see docs/playbooks.md).
struct PlaybookStep
{
    QString id;
    QString connector;
    QString operation;
    QString title;
    QJsonObject args;      // with "{{name}}" templates, rendered by renderTemplates()
    QStringList dependsOn; // declared and implied ("{{steps.<id>.x}}") dependencies
    int timeoutS = 30;
    int retries = 0;
    bool required = true;
    QStringList skipUnless; // parameter names that must be non-empty, or the step is skipped
    // The step belongs to workspaces that connect its system: elsewhere it is skipped
    // quietly, not listed among what was not checked (e.g. Jira's known-bug search).
    bool ifConnected = false;
    QString includedFrom; // shared steps file name, if it came from one
};

// A validated playbook. Values only; safe to copy between threads.
struct Playbook
{
    static constexpr auto FormatId = "casefile-playbook/1";
    static constexpr auto StepsFormatId = "casefile-steps/1";

    QString name;
    QString title;
    QString description;
    QStringList patterns;
    QStringList keywords; // classifier signals
    QStringList negative;
    double weight = 1.0;
    int windowHoursBefore = 24;
    QStringList needs; // parameters without which the playbook cannot run
    QStringList includes;
    QList<PlaybookStep> steps; // includes resolved, own steps override included ones by id
    QStringList analyzers;
    QString file; // where it was loaded from (":/playbooks/x.json" for built-ins)
    bool builtIn = false;

    bool isValid() const { return !name.isEmpty(); }
    const PlaybookStep *step(const QString &id) const;
};

// Steps of a shared steps file (casefile-steps/1), by file name ("context").
using SharedSteps = QMap<QString, QList<PlaybookStep>>;

struct PlaybookParseResult
{
    std::optional<Playbook> playbook; // set only when there are no diagnostics
    QList<PlaybookDiagnostic> diagnostics;
};

struct SharedStepsParseResult
{
    QString name;
    QList<PlaybookStep> steps;
    QList<PlaybookDiagnostic> diagnostics;
};

// Parses and validates a playbook. Never throws; every problem becomes a diagnostic with the
// file, line, column and JSON path. Comments (// and /* */) are allowed.
PlaybookParseResult parsePlaybook(const QByteArray &text, const QString &fileName,
                                  const SharedSteps &shared = {});
SharedStepsParseResult parseSharedSteps(const QByteArray &text, const QString &fileName);

// Template names a step's args may use besides "steps.<id>.<output>".
const QStringList &knownTemplateNames();

// Renders "{{name}}" templates in `value`: a string that is exactly one template becomes that
// value (arrays stay arrays; a missing value becomes ""), otherwise templates are
// interpolated as text. `values` is flat: {"org": ..., "window.from": ..., "steps.a.b": ...}.
QJsonValue renderTemplates(const QJsonValue &value, const QJsonObject &values);
// Template names used in `value` ("org", "steps.overview.config_ids", ...).
QStringList templateNames(const QJsonValue &value);

} // namespace Casefile
