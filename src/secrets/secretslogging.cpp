#include "secrets/secretslogging.h"

namespace Casefile {

Q_LOGGING_CATEGORY(lcSecrets, "casefile.secrets", QtInfoMsg)

} // namespace Casefile
