#pragma once

#include "connectors/readonlypolicy.h"
#include "core/cancel.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>
#include <utility>

namespace Casefile::Connectors {

using HttpHeader = std::pair<QByteArray, QByteArray>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<HttpHeader> headers;
    QByteArray body;
    std::chrono::milliseconds timeout{30000}; // per attempt; capped by the deadline
    int maxRetries = -1;                      // -1 = the client's default
    // Whether sending twice is harmless. Defaults to true for GET/HEAD; read-only POSTs
    // (GraphQL, ClickHouse queries) set it. Non-idempotent requests are retried only on 429.
    std::optional<bool> idempotent;
    // false: any non-2xx status becomes an Error. true: the response is returned whatever its
    // status (after retries), for callers that parse the vendor's error body themselves.
    bool acceptAnyStatus = false;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    bool isIdempotent() const;
};

struct HttpResponse
{
    int status = 0;
    QList<HttpHeader> headers;
    QByteArray body;
    QUrl url; // the URL that answered (after redirects)
    int attempts = 0;

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    bool isSuccess() const { return status >= 200 && status < 300; }
};

// Redaction: secrets never reach a log line or an Error. These helpers are used for every
// message the client builds, and connectors use them for their own messages.
bool isSecretHeader(const QByteArray &name);
QByteArray redactHeaderValue(const QByteArray &name, const QByteArray &value);
QString redactUrl(const QUrl &url); // drops user info and secret-looking query values
// Replaces each of `secrets` (exact values) and anything that looks like a credential
// (Authorization: …, Bearer …, password=…, token=…, api_key=…) by "***".
QString redact(const QString &text, const QStringList &secrets = {});

// Where the server was, for messages: "http://127.0.0.1:4711".
QString displayOrigin(const QUrl &url);
// Same scheme, host and port (default ports filled in).
bool sameOrigin(const QUrl &a, const QUrl &b);
// localhost, 127.0.0.0/8, ::1.
bool isLoopbackHost(const QString &host);
// Decodes a gzip or deflate body; nullopt when it is corrupt or would exceed `maxBytes`
// (`tooLarge` tells which).
std::optional<QByteArray> decodeContent(const QByteArray &body, const QByteArray &encoding,
                                        qint64 maxBytes, bool *tooLarge = nullptr);
// "5 s", "1.5 s", "250 ms"
QString formatDuration(std::chrono::milliseconds ms);

// When a rate-limited answer says the client may try again: Retry-After (seconds or an HTTP
// date), X-RateLimit-Reset / x-ratelimit-reset (epoch seconds, seconds to wait, or ISO 8601),
// ratelimit-reset (seconds). Returns the wait from `now`, if any header says so.
std::optional<std::chrono::milliseconds> retryAfter(const HttpResponse &response,
                                                    const QDateTime &now);

// The human part of a vendor's error body ("Bad credentials"), one line, ≤ 200 characters.
QString vendorErrorMessage(const QByteArray &body);

// JSON parse helpers: a parse failure is an Error naming the system.
Result<QJsonDocument> parseJson(const QByteArray &body, const QString &system);
Result<QJsonObject> parseJsonObject(const QByteArray &body, const QString &system);

// The HTTP client every connector uses.
//
// Credentials stay with their origin: redirects are followed by the client itself (at most
// Options::maxRedirects); a hop to another scheme, host or port drops every credential
// (secret headers, any header carrying a configured secret, user info, secret query items).
// A request carrying credentials over plain http:// is refused unless the host is loopback.
// Bodies are read with a cap (Options::maxBodyBytes) and gzip/deflate decoded here with
// another (Options::maxDecodedBytes).
//
// Thread affinity: none. send() blocks the calling thread (a worker thread: a connector's
// run()) and uses a QNetworkAccessManager owned by that thread plus a local QEventLoop, so
// one HttpClient may be used from many threads at once. It checks the WorkLimits' cancel
// token every ~20 ms, never waits past the deadline, retries what is safe to retry, and
// refuses any request its ReadOnlyPolicy does not allow.
class HttpClient
{
public:
    struct Options
    {
        QString system;      // "github": used in "Cannot reach github at …"
        QString displayName; // "GitHub": used in "GitHub rejected the token …"
        ReadOnlyPolicy policy = ReadOnlyPolicy::readsOnly();
        int maxRetries = 2;
        std::chrono::milliseconds backoffBase{200};
        std::chrono::milliseconds maxWait{60000}; // longest Retry-After we are willing to honour
        QStringList secrets; // values scrubbed from every message besides the secret headers
        // Bounds on one answer: bytes on the wire, and bytes after gzip/deflate decoding. A
        // longer answer is refused with a step error instead of filling memory.
        qint64 maxBodyBytes = 32LL * 1024 * 1024;
        qint64 maxDecodedBytes = 64LL * 1024 * 1024;
        int maxRedirects = 5;
    };

    explicit HttpClient(Options options);

    const Options &options() const { return m_options; }
    Result<HttpResponse> send(const HttpRequest &request, const WorkLimits &limits) const;

    // Maps a final non-2xx answer to an Error (used by send() unless acceptAnyStatus).
    Error statusError(const HttpRequest &request, const HttpResponse &response) const;

private:
    struct Attempt;
    Attempt sendOnce(const HttpRequest &request, const WorkLimits &limits) const;
    QString scrub(const QString &text, const HttpRequest &request) const;
    bool carriesCredentials(const HttpRequest &request) const;
    HttpRequest withoutCredentials(const HttpRequest &request) const;
    Result<HttpResponse> sendRetrying(const HttpRequest &request, const WorkLimits &limits) const;

    Options m_options;
};

} // namespace Casefile::Connectors
