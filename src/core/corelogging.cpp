#include "core/corelogging.h"

namespace Casefile {

Q_LOGGING_CATEGORY(lcCore, "casefile.core")

} // namespace Casefile
