#pragma once

#include <QLoggingCategory>

namespace Casefile::Connectors {

// casefile.connectors: requests, retries and vendor errors; never a secret or an Authorization
// header.
Q_DECLARE_LOGGING_CATEGORY(lcConnectors)

} // namespace Casefile::Connectors
