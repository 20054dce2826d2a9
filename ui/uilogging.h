#pragma once

#include <QLoggingCategory>

namespace Casefile {

// casefile.ui: the workbench (stalls, failed loads and saves, sends).
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace Casefile
