#include "ui/uilogging.h"

namespace Casefile {

Q_LOGGING_CATEGORY(lcUi, "casefile.ui")

} // namespace Casefile
