#include "core/corelogging.h"
#pragma once

#include <QString>

#include <expected>
#include <utility>

namespace Casefile {

// What went wrong, for two audiences: `message` is one line a support engineer understands,
// `detail` is for logs and bug reports. Neither may contain a secret.
struct Error
{
    enum class Code {
        Unknown,
        InvalidInput, // bad ticket text, bad arguments, bad file
        Parse,        // malformed JSON or response body
        NotFound,
        Unauthorized, // 401/403: bad or missing credentials or scope
        RateLimited,  // 429 after the retries we were allowed
        Timeout,
        Unreachable, // DNS, refused, reset, TLS
        Server,      // 5xx
        Cancelled,
        Storage,
        Keychain,
        Unsupported,
    };

    Code code = Code::Unknown;
    QString message;
    QString detail;

    static Error make(Code code, QString message, QString detail = {})
    {
        return Error{code, std::move(message), std::move(detail)};
    }
};

QString errorCodeName(Error::Code code);

// A failure's message with why the attempt before its retry failed, when that differs: a retry
// cut short by a deadline still says what went wrong first. Used by every layer that retries.
QString withEarlierAttempt(const QString &message, const QString &earlier);

template<typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error::Code code, QString message, QString detail = {})
{
    return std::unexpected<Error>(Error::make(code, std::move(message), std::move(detail)));
}

} // namespace Casefile

// Programmer mistakes: log file:line and take the safe path given as `action`.
#define CF_ASSERT(cond, action)                                                                    \
    if (Q_LIKELY(cond)) {                                                                          \
    } else {                                                                                       \
        qCCritical(::Casefile::lcCore, "ASSERTION %s FAILED AT %s:%d", #cond, __FILE__, __LINE__); \
        action;                                                                                    \
    }                                                                                              \
    do {                                                                                           \
    } while (false)
