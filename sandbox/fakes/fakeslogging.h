#pragma once

#include <QLoggingCategory>

namespace Casefile::Sandbox {

// casefile.sandbox.fakes: the vendor fakes' servers and the faults they inject.
Q_DECLARE_LOGGING_CATEGORY(lcFakes)

} // namespace Casefile::Sandbox
