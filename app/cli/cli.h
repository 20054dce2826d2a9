#pragma once

#include "core/connector.h"
#include "core/profile.h"
#include "core/result.h"

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

// The headless commands of contracts/cli.md: `casefile tickets`, `casefile investigate`,
// `casefile playbooks`, `casefile --version`. They run on a QCoreApplication (which the
// caller creates), need no display and never prompt for the keychain.
namespace Casefile::Cli {

// True when argv asks for a headless command (a subcommand, --version or --help), so
// main() can pick QCoreApplication instead of the desktop app.
bool isHeadless(int argc, char **argv);

// Runs the command in argv. Exit codes: 0 done; 2 bad arguments, unknown ticket or invalid
// profile (one line on stderr); 1 internal error.
int run(int argc, char **argv);

// The same with explicit streams; `arguments` starts with the program name.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

// Builds the connectors of a profile. The default uses the connectors module with
// environment and inline secrets only (no keychain prompt); tests replace it.
using ConnectorFactory =
    std::function<Result<std::shared_ptr<const ConnectorSet>>(const WorkspaceProfile &)>;
void setConnectorFactory(ConnectorFactory factory); // empty: back to the default

} // namespace Casefile::Cli
