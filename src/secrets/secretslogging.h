#pragma once

#include <QLoggingCategory>

namespace Casefile {

// casefile.secrets: never logs a secret, only keys and keychain errors.
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace Casefile
