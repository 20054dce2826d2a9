#include "connectors/connectorslogging.h"

namespace Casefile::Connectors {

Q_LOGGING_CATEGORY(lcConnectors, "casefile.connectors")

} // namespace Casefile::Connectors
