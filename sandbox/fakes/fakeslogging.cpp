#include "sandbox/fakes/fakeslogging.h"

namespace Casefile::Sandbox {

Q_LOGGING_CATEGORY(lcFakes, "casefile.sandbox.fakes")

} // namespace Casefile::Sandbox
