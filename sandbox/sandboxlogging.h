#pragma once

#include <QLoggingCategory>

namespace Casefile::Sandbox {

// casefile.sandbox: scenario loading, log generation and the ClickHouse server.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace Casefile::Sandbox
