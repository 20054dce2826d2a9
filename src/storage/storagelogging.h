#pragma once

#include <QLoggingCategory>

namespace Casefile {

// casefile.storage: the local database (opening, migrations, writes that failed).
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace Casefile
