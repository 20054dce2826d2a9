#include "sandbox/sandboxlogging.h"

namespace Casefile::Sandbox {

Q_LOGGING_CATEGORY(lcSandbox, "casefile.sandbox")

} // namespace Casefile::Sandbox
