#include "storage/storagelogging.h"

namespace Casefile {

Q_LOGGING_CATEGORY(lcStorage, "casefile.storage", QtInfoMsg)

} // namespace Casefile
