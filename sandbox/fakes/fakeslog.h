#pragma once

#include <QLoggingCategory>

namespace Casefile::Sandbox {
Q_DECLARE_LOGGING_CATEGORY(lcFakes)
}
