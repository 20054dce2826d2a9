#pragma once

#include <QLoggingCategory>

namespace Casefile {

// casefile.core: the engine, playbooks and failed internal assertions (CF_ASSERT).
Q_DECLARE_LOGGING_CATEGORY(lcCore)

} // namespace Casefile
