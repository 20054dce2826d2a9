#include "connectors/common/httpclient.h"
#include "connectors/connectorslogging.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThreadStorage>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <mutex>

#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Casefile::Connectors {

namespace {

constexpr auto PollInterval = 20ms;

// One manager per thread: QNetworkAccessManager is not thread-safe, and connectors run on
// pool threads. QThreadStorage deletes it when the thread ends.
QNetworkAccessManager *threadManager()
{
    static std::once_flag proxyOnce;
    std::call_once(proxyOnce, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
    static QThreadStorage<QNetworkAccessManager *> managers;
    if (!managers.hasLocalData()) {
        auto *manager = new QNetworkAccessManager;
        // Redirects are followed by HttpClient::send(), which decides what may cross origins.
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        managers.setLocalData(manager);
    }
    return managers.localData();
}

QString truncatedLatin1(const QByteArray &text, qsizetype max)
{
    const QString s = QString::fromLatin1(text.left(max)).simplified();
    return text.size() > max ? s + u"…"_s : s;
}

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArray headerOf(const QList<HttpHeader> &headers, const QByteArray &name)
{
    for (const HttpHeader &h : headers) {
        if (sameName(h.first, name))
            return h.second;
    }
    return {};
}

// Waits `wait` unless cancelled; keeps the thread's event loop turning meanwhile.
bool waitInterruptible(std::chrono::milliseconds wait, const WorkLimits &limits)
{
    QDeadlineTimer until(wait);
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(PollInterval);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (limits.cancel.isCancelled() || until.hasExpired())
            loop.quit();
    });
    tick.start();
    if (!until.hasExpired() && !limits.cancel.isCancelled())
        loop.exec();
    return !limits.cancel.isCancelled();
}

QString networkErrorText(QNetworkReply::NetworkError error, const QString &fallback)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return u"connection refused"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"the connection was closed"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host not found"_s;
    case QNetworkReply::TimeoutError:
        return u"the connection timed out"_s;
    case QNetworkReply::SslHandshakeFailedError:
        return u"TLS handshake failed"_s;
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return u"the network is down"_s;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return u"the proxy failed"_s;
    default:
        return fallback;
    }
}

bool isConnectionError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
        return true;
    default:
        return false;
    }
}

bool looksRateLimited(const HttpResponse &response)
{
    if (response.status == 429)
        return true;
    if (response.status != 403)
        return false;
    if (!response.header("retry-after"_ba).isEmpty())
        return true;
    if (response.header("x-ratelimit-remaining"_ba).trimmed() == "0")
        return true;
    return QString::fromUtf8(response.body.left(2000))
        .contains(u"rate limit"_s, Qt::CaseInsensitive);
}

QString withVendorMessage(int status, const QByteArray &body)
{
    const QString message = vendorErrorMessage(body);
    if (message.isEmpty())
        return u"HTTP %1"_s.arg(status);
    return u"HTTP %1: %2"_s.arg(status).arg(message);
}

} // namespace

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (HttpHeader &h : headers) {
        if (sameName(h.first, name)) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    return headerOf(headers, name);
}

bool HttpRequest::isIdempotent() const
{
    if (idempotent)
        return *idempotent;
    const QByteArray m = method.toUpper();
    return m == "GET" || m == "HEAD" || m == "OPTIONS";
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    return headerOf(headers, name);
}

bool isSecretHeader(const QByteArray &name)
{
    static const QList<QByteArray> names = {
        "authorization"_ba, "proxy-authorization"_ba, "x-portkey-api-key"_ba, "x-clickhouse-key"_ba,
        "cookie"_ba,        "set-cookie"_ba,          "x-api-key"_ba};
    const QByteArray lower = name.toLower();
    return names.contains(lower);
}

QByteArray redactHeaderValue(const QByteArray &name, const QByteArray &value)
{
    return isSecretHeader(name) ? "***"_ba : value;
}

namespace {
bool isSecretParameter(const QString &name)
{
    static const QRegularExpression re(
        u"^(password|passwd|pwd|token|access_token|api_key|apikey|key|secret|client_secret|auth)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}
} // namespace

QString redactUrl(const QUrl &url)
{
    QUrl copy = url;
    copy.setUserInfo({});
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        QList<std::pair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            if (isSecretParameter(item.first))
                item.second = u"***"_s;
        }
        query.setQueryItems(items);
        copy.setQuery(query);
    }
    return copy.toString(QUrl::RemoveUserInfo);
}

QString redact(const QString &text, const QStringList &secrets)
{
    QString out = text;
    // Longest first, so a secret containing another is replaced whole.
    QStringList sorted = secrets;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(sorted)) {
        if (secret.size() >= 4) {
            out.replace(secret, u"***"_s);
            const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
            if (encoded != secret)
                out.replace(encoded, u"***"_s);
        }
    }
    static const QRegularExpression header(
        u"\\b(authorization|proxy-authorization|x-portkey-api-key|x-clickhouse-key|x-api-key)"
        u"(\"?\\s*[:=]\\s*\"?)(?:(?:bearer|basic|token)\\s+)?[^\\s\",;&]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    out.replace(header, u"\\1\\2***"_s);
    static const QRegularExpression scheme(
        u"\\b(bearer|basic)\\s+(?!\\*\\*\\*)[A-Za-z0-9._~+/=-]{4,}"_s,
        QRegularExpression::CaseInsensitiveOption);
    out.replace(scheme, u"\\1 ***"_s);
    static const QRegularExpression assignment(
        u"\\b(password|passwd|pwd|token|access_token|api_key|apikey|secret|client_secret)"
        u"(\"?\\s*[=:]\\s*\"?)(?!\\*\\*\\*)[^\\s&\"',;]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    out.replace(assignment, u"\\1\\2***"_s);
    return out;
}

QString displayOrigin(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    QString origin = url.scheme() + u"://"_s + url.host();
    if (url.port() != -1)
        origin += u":"_s + QString::number(url.port());
    return origin;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 ||
        host.endsWith(u".localhost"_s, Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

namespace {
// A cap in words: "64", "1024", "0.5" (MiB).
QString mebibytes(qint64 bytes)
{
    constexpr qint64 MiB = 1024 * 1024;
    return bytes % MiB == 0 ? QString::number(bytes / MiB)
                            : QString::number(double(bytes) / double(MiB), 'g', 3);
}

// The bytes `body` inflates to, counted up to just past `limit` (-1 when it is not a stream
// of that kind; a corrupt or truncated stream counts what it gave).
qint64 decodedSize(const QByteArray &body, int windowBits, qint64 limit)
{
    z_stream zs{};
    if (inflateInit2(&zs, windowBits) != Z_OK)
        return -1;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
    zs.avail_in = uInt(body.size());
    static thread_local char scratch[256 * 1024];
    qint64 total = 0;
    int rc = Z_OK;
    while (rc == Z_OK && total <= limit) {
        zs.next_out = reinterpret_cast<Bytef *>(scratch);
        zs.avail_out = sizeof scratch;
        rc = inflate(&zs, Z_NO_FLUSH);
        const qint64 produced = qint64(sizeof scratch - zs.avail_out);
        total += produced;
        if (rc == Z_OK && zs.avail_in == 0 && produced == 0)
            break;
    }
    inflateEnd(&zs);
    return total;
}
} // namespace

std::optional<QByteArray> decodeContent(const QByteArray &body, const QByteArray &encoding,
                                        qint64 maxBytes, bool *tooLarge)
{
    if (tooLarge)
        *tooLarge = false;
    const QByteArray e = encoding.trimmed().toLower();
    if (e.isEmpty() || e == "identity")
        return body;
    if (e != "gzip" && e != "x-gzip" && e != "deflate")
        return std::nullopt;
    // 15 + 32: zlib or gzip, detected from the header; a bare deflate stream (some servers'
    // "deflate") is retried as raw deflate.
    for (const int windowBits : {15 + 32, -15}) {
        // First only counted, into a scratch buffer: a body that expands beyond the cap (a
        // gzip bomb) is refused without ever holding its expansion in memory.
        if (decodedSize(body, windowBits, maxBytes) > maxBytes) {
            if (tooLarge)
                *tooLarge = true;
            return std::nullopt;
        }
        z_stream zs{};
        if (inflateInit2(&zs, windowBits) != Z_OK)
            return std::nullopt;
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
        zs.avail_in = uInt(body.size());
        QByteArray out;
        char chunk[64 * 1024];
        int rc = Z_OK;
        bool over = false;
        while (rc == Z_OK) {
            zs.next_out = reinterpret_cast<Bytef *>(chunk);
            zs.avail_out = sizeof chunk;
            rc = inflate(&zs, Z_NO_FLUSH);
            const qsizetype produced = qsizetype(sizeof chunk - zs.avail_out);
            if (out.size() + produced > maxBytes) {
                over = true;
                break;
            }
            out.append(chunk, produced);
            if (rc == Z_OK && zs.avail_in == 0 && produced == 0)
                break; // truncated stream
        }
        inflateEnd(&zs);
        if (over) {
            if (tooLarge)
                *tooLarge = true;
            return std::nullopt;
        }
        if (rc == Z_STREAM_END)
            return out;
        if (e != "deflate")
            return std::nullopt;
    }
    return std::nullopt;
}

QString formatDuration(std::chrono::milliseconds ms)
{
    const qint64 v = ms.count();
    if (v < 1000)
        return u"%1 ms"_s.arg(v);
    if (v % 1000 == 0)
        return u"%1 s"_s.arg(v / 1000);
    return u"%1 s"_s.arg(double(v) / 1000.0, 0, 'f', 1);
}

std::optional<std::chrono::milliseconds> retryAfter(const HttpResponse &response,
                                                    const QDateTime &now)
{
    const auto untilTime = [&](const QDateTime &when) -> std::optional<std::chrono::milliseconds> {
        if (!when.isValid())
            return std::nullopt;
        return std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(when)));
    };
    // A wait from a header's number (never negative here). Absurd ones (or "inf") are a year:
    // still refused against any deadline, and the arithmetic on them stays defined.
    const auto waitMs = [](double ms) {
        constexpr double Year = 365.0 * 24 * 3600 * 1000;
        return std::chrono::milliseconds(qint64(std::min(ms, Year)));
    };
    const QByteArray ms = response.header("retry-after-ms"_ba).trimmed();
    if (!ms.isEmpty()) {
        bool ok = false;
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0)
            return waitMs(v);
    }
    const QByteArray ra = response.header("retry-after"_ba).trimmed();
    if (!ra.isEmpty()) {
        bool ok = false;
        const double seconds = ra.toDouble(&ok);
        if (ok && seconds >= 0)
            return waitMs(seconds * 1000);
        // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); Qt's RFC 2822 parser rejects "GMT".
        QDateTime when =
            QLocale::c().toDateTime(QString::fromLatin1(ra), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
        if (when.isValid())
            when.setTimeZone(QTimeZone::utc());
        else
            when = QDateTime::fromString(QString::fromLatin1(ra), Qt::RFC2822Date);
        if (auto wait = untilTime(when))
            return wait;
    }
    const QByteArray reset = response.header("x-ratelimit-reset"_ba).trimmed();
    if (!reset.isEmpty()) {
        bool ok = false;
        const double v = reset.toDouble(&ok);
        if (ok && v >= 0) {
            if (v > 1e9) { // epoch seconds (GitHub), up to the year 9999
                return untilTime(QDateTime::fromSecsSinceEpoch(qint64(std::min(v, 253402300799.0)),
                                                               QTimeZone::utc()));
            }
            return waitMs(v * 1000);
        }
        QDateTime when = QDateTime::fromString(QString::fromLatin1(reset), Qt::ISODate); // Jira
        if (!when.isValid())
            when = QDateTime::fromString(QString::fromLatin1(reset), Qt::ISODateWithMs);
        if (auto wait = untilTime(when))
            return wait;
    }
    const QByteArray rl = response.header("ratelimit-reset"_ba).trimmed(); // PagerDuty: seconds
    if (!rl.isEmpty()) {
        bool ok = false;
        const double v = rl.toDouble(&ok);
        if (ok && v >= 0)
            return waitMs(v * 1000);
    }
    return std::nullopt;
}

QString vendorErrorMessage(const QByteArray &body)
{
    QString message;
    const QByteArray trimmed = body.trimmed();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        const auto text = [](const QJsonValue &v) {
            return v.isString() ? v.toString() : QString();
        };
        if (!text(o.value(u"message"_s)).isEmpty()) {
            message = text(o.value(u"message"_s));
        } else if (o.value(u"error"_s).isObject()) {
            const QJsonObject e = o.value(u"error"_s).toObject();
            message = text(e.value(u"message"_s));
            if (message.isEmpty())
                message = text(e.value(u"title"_s));
            if (message.isEmpty() && e.value(u"errors"_s).isArray())
                message = text(e.value(u"errors"_s).toArray().first());
        } else if (!text(o.value(u"error"_s)).isEmpty()) {
            message = text(o.value(u"error"_s));
            const QString description = text(o.value(u"description"_s)).isEmpty()
                                            ? text(o.value(u"error_description"_s))
                                            : text(o.value(u"description"_s));
            if (!description.isEmpty())
                message += u" ("_s + description + u")"_s;
        } else if (o.value(u"errorMessages"_s).isArray() &&
                   !o.value(u"errorMessages"_s).toArray().isEmpty()) {
            message = text(o.value(u"errorMessages"_s).toArray().first());
        } else if (o.value(u"errors"_s).isArray() && !o.value(u"errors"_s).toArray().isEmpty()) {
            const QJsonValue first = o.value(u"errors"_s).toArray().first();
            message = first.isObject() ? text(first.toObject().value(u"message"_s)) : text(first);
        } else if (!text(o.value(u"detail"_s)).isEmpty()) {
            message = text(o.value(u"detail"_s));
        } else if (!text(o.value(u"title"_s)).isEmpty()) {
            message = text(o.value(u"title"_s));
        }
    } else if (!trimmed.isEmpty() && !trimmed.startsWith('<')) {
        const QList<QByteArray> lines = trimmed.split('\n');
        message = QString::fromUtf8(lines.first()).trimmed();
    }
    // One line, printable.
    for (QChar &c : message) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    message = message.simplified();
    if (message.size() > 200)
        message = message.left(199) + u"…"_s;
    return message;
}

Result<QJsonDocument> parseJson(const QByteArray &body, const QString &system)
{
    if (body.trimmed().isEmpty()) {
        return fail(Error::Code::Parse,
                    u"%1 answered with an empty body where JSON was expected"_s.arg(system));
    }
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(
            Error::Code::Parse,
            u"%1 answered with malformed JSON: %2 at byte %3"_s.arg(system, error.errorString())
                .arg(error.offset),
            redact(QString::fromUtf8(body.left(300))));
    }
    return doc;
}

Result<QJsonObject> parseJsonObject(const QByteArray &body, const QString &system)
{
    auto doc = parseJson(body, system);
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->isObject()) {
        return fail(Error::Code::Parse,
                    u"%1 answered with malformed JSON: expected an object"_s.arg(system));
    }
    return doc->object();
}

// ---------------------------------------------------------------------------------------

struct HttpClient::Attempt
{
    enum class Outcome { Response, NetworkError, Timeout, Cancelled, Refused };
    Outcome outcome = Outcome::NetworkError;
    HttpResponse response;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText;
    std::chrono::milliseconds timeout{0};
    Error refusal; // Outcome::Refused: the answer was too large or undecodable
};

HttpClient::HttpClient(Options options)
    : m_options(std::move(options))
{
    if (m_options.displayName.isEmpty())
        m_options.displayName = m_options.system;
}

QString HttpClient::scrub(const QString &text, const HttpRequest &request) const
{
    QStringList secrets = m_options.secrets;
    for (const HttpHeader &h : request.headers) {
        if (!isSecretHeader(h.first))
            continue;
        const QString value = QString::fromLatin1(h.second);
        secrets << value;
        const qsizetype space = value.indexOf(u' ');
        if (space > 0)
            secrets << value.mid(space + 1).trimmed();
    }
    if (!request.url.password().isEmpty())
        secrets << request.url.password();
    return redact(text, secrets);
}

HttpClient::Attempt HttpClient::sendOnce(const HttpRequest &request, const WorkLimits &limits) const
{
    Attempt attempt;
    // The request's own timeout unless the deadline comes first; the message names whichever
    // applied, so it reads "within 5 s" rather than "within 4999 ms".
    QDeadlineTimer attemptDeadline(request.timeout);
    attempt.timeout = request.timeout;
    if (attemptDeadline.deadlineNSecs() > limits.deadline.deadlineNSecs()) {
        attemptDeadline = limits.deadline;
        attempt.timeout =
            std::chrono::milliseconds(std::max<qint64>(0, attemptDeadline.remainingTime()));
    }

    QNetworkRequest qrequest(request.url);
    qrequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                          QNetworkRequest::AlwaysNetwork);
    for (const HttpHeader &h : request.headers)
        qrequest.setRawHeader(h.first, h.second);
    if (!request.body.isEmpty() && qrequest.header(QNetworkRequest::ContentTypeHeader).isNull() &&
        request.header("content-type"_ba).isEmpty()) {
        qrequest.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    }
    // Asking for the encodings ourselves turns Qt's unbounded automatic decompression off:
    // decodeContent() decodes with a cap.
    if (request.header("accept-encoding"_ba).isEmpty())
        qrequest.setRawHeader("Accept-Encoding"_ba, "gzip, deflate"_ba);

    QNetworkAccessManager *manager = threadManager();
    QNetworkReply *reply = manager->sendCustomRequest(qrequest, request.method, request.body);
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(PollInterval);
    bool cancelled = false;
    bool timedOut = false;
    bool tooLarge = false;
    QByteArray body;
    const qint64 maxBody = m_options.maxBodyBytes;
    const auto readSome = [&] {
        if (tooLarge)
            return;
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if ((length.isValid() && length.toLongLong() > maxBody) ||
            body.size() + reply->bytesAvailable() > maxBody) {
            tooLarge = true;
            reply->abort();
            return;
        }
        body.append(reply->readAll());
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, readSome);
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, readSome);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (reply->isFinished())
            return;
        if (limits.cancel.isCancelled()) {
            cancelled = true;
            reply->abort();
        } else if (attemptDeadline.hasExpired()) {
            timedOut = true;
            reply->abort();
        }
    });
    tick.start();
    if (!reply->isFinished())
        loop.exec();
    tick.stop();
    if (!tooLarge && !cancelled && !timedOut)
        readSome();

    if (cancelled) {
        attempt.outcome = Attempt::Outcome::Cancelled;
    } else if (timedOut) {
        attempt.outcome = Attempt::Outcome::Timeout;
    } else if (tooLarge) {
        attempt.outcome = Attempt::Outcome::Refused;
        attempt.refusal = Error::make(
            Error::Code::Unsupported,
            u"%1 answered with more than %2 MiB; Casefile reads at most that much from one answer"_s
                .arg(m_options.displayName)
                .arg(mebibytes(maxBody)));
    } else {
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        // fewer bytes than the answer announced: the connection closed in the middle of it,
        // whatever the network stack made of the close (an answer to HEAD, a 204 or a 304 has
        // no body whatever its length says)
        const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
        const bool bodiless =
            request.method == "HEAD" || status.toInt() == 204 || status.toInt() == 304;
        const bool cutShort =
            announced.isValid() && !bodiless && body.size() < announced.toLongLong();
        // (an error of the transport, not one Qt derives from the answer's status)
        const bool transport =
            reply->error() != QNetworkReply::NoError && int(reply->error()) < 200;
        if (status.isValid() && !transport && !cutShort) {
            attempt.outcome = Attempt::Outcome::Response;
            attempt.response.status = status.toInt();
            attempt.response.url = reply->url();
            for (const auto &pair : reply->rawHeaderPairs())
                attempt.response.headers.append({pair.first, pair.second});
            const QByteArray encoding = attempt.response.header("content-encoding"_ba);
            bool decodedTooLarge = false;
            auto decoded =
                decodeContent(body, encoding, m_options.maxDecodedBytes, &decodedTooLarge);
            if (decoded) {
                attempt.response.body = std::move(*decoded);
            } else {
                attempt.outcome = Attempt::Outcome::Refused;
                attempt.refusal =
                    decodedTooLarge
                        ? Error::make(
                              Error::Code::Unsupported,
                              u"%1 answered with a compressed body that expands beyond %2 MiB; "
                              u"Casefile refuses it"_s.arg(m_options.displayName)
                                  .arg(mebibytes(m_options.maxDecodedBytes)))
                        : Error::make(Error::Code::Parse,
                                      u"%1 answered with a body Casefile cannot decode "
                                      u"(Content-Encoding: %2)"_s.arg(
                                          m_options.displayName, truncatedLatin1(encoding, 40)));
            }
        } else {
            attempt.outcome = Attempt::Outcome::NetworkError;
            attempt.error = cutShort ? QNetworkReply::RemoteHostClosedError : reply->error();
            attempt.errorText = networkErrorText(attempt.error, reply->errorString());
        }
    }
    // Deleted here, outside its finished() handler: a pool thread may never run an event loop
    // that would process a deleteLater().
    delete reply;
    return attempt;
}

namespace {
bool isRedirect(const HttpResponse &r)
{
    return (r.status == 301 || r.status == 302 || r.status == 303 || r.status == 307 ||
            r.status == 308) &&
           !r.header("location"_ba).isEmpty();
}
} // namespace

bool HttpClient::carriesCredentials(const HttpRequest &request) const
{
    const auto hasSecret = [&](const QString &text) {
        for (const QString &secret : m_options.secrets) {
            if (secret.size() >= 4 && text.contains(secret))
                return true;
        }
        return false;
    };
    for (const HttpHeader &h : request.headers) {
        if (isSecretHeader(h.first) || hasSecret(QString::fromLatin1(h.second)))
            return true;
    }
    if (!request.url.userInfo().isEmpty())
        return true;
    const QUrlQuery query(request.url);
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (isSecretParameter(item.first) || hasSecret(item.second))
            return true;
    }
    return !request.body.isEmpty() && hasSecret(QString::fromUtf8(request.body));
}

HttpRequest HttpClient::withoutCredentials(const HttpRequest &request) const
{
    HttpRequest out = request;
    const auto hasSecret = [&](const QString &text) {
        for (const QString &secret : m_options.secrets) {
            if (secret.size() >= 4 && text.contains(secret))
                return true;
        }
        return false;
    };
    out.headers.removeIf([&](const HttpHeader &h) {
        return isSecretHeader(h.first) || hasSecret(QString::fromLatin1(h.second));
    });
    out.url.setUserInfo({});
    if (out.url.hasQuery()) {
        QUrlQuery query(out.url);
        QList<std::pair<QString, QString>> kept;
        for (const auto &item : query.queryItems(QUrl::FullyEncoded)) {
            const QString value = QUrl::fromPercentEncoding(item.second.toLatin1());
            if (!isSecretParameter(item.first) && !hasSecret(value))
                kept.append(item);
        }
        query.setQueryItems(kept);
        out.url.setQuery(query);
    }
    if (hasSecret(QString::fromUtf8(out.body)))
        out.body.clear();
    return out;
}

Error HttpClient::statusError(const HttpRequest &request, const HttpResponse &response) const
{
    const QString &name = m_options.displayName;
    const QString what = withVendorMessage(response.status, response.body);
    const QString detail = scrub(
        // One pass: the URL's percent escapes ("%2C") and the body's text are not placeholders.
        u"%1 %2 → HTTP %3: %4"_s.arg(QString::fromLatin1(request.method), redactUrl(request.url),
                                     QString::number(response.status),
                                     QString::fromUtf8(response.body.left(500))),
        request);
    Error error;
    error.detail = detail;
    const int s = response.status;
    if (s == 401) {
        error.code = Error::Code::Unauthorized;
        error.message = u"%1 rejected the token (%2)"_s.arg(name, what);
    } else if (looksRateLimited(response)) {
        error.code = Error::Code::RateLimited;
        const auto wait = retryAfter(response, QDateTime::currentDateTimeUtc());
        error.message = wait ? u"rate limited by %1; retry after %2 s"_s.arg(name).arg(
                                   (wait->count() + 999) / 1000)
                             : u"rate limited by %1 (%2)"_s.arg(name, what);
    } else if (s == 403) {
        error.code = Error::Code::Unauthorized;
        error.message =
            u"%1 refused access (%2): the token lacks a permission or scope"_s.arg(name, what);
    } else if (s == 404) {
        error.code = Error::Code::NotFound;
        error.message = u"%1 has no %2 (%3)"_s.arg(name, request.url.path(), what);
    } else if (s >= 500) {
        error.code = Error::Code::Server;
        error.message = u"%1 failed (%2)"_s.arg(name, what);
    } else if (s >= 300 && s < 400) {
        error.code = Error::Code::Unsupported;
        error.message =
            u"%1 redirected to another site (%2); check the connection URL"_s.arg(name, what);
    } else {
        error.code = Error::Code::InvalidInput;
        error.message = u"%1 refused the request (%2)"_s.arg(name, what);
    }
    error.message = scrub(error.message, request);
    return error;
}

Result<HttpResponse> HttpClient::send(const HttpRequest &request, const WorkLimits &limits) const
{
    const QString &name = m_options.displayName;
    HttpRequest hop = request;
    for (int redirects = 0;; ++redirects) {
        if (!hop.url.isValid() ||
            (hop.url.scheme() != u"http"_s && hop.url.scheme() != u"https"_s) ||
            hop.url.host().isEmpty()) {
            return fail(Error::Code::InvalidInput,
                        redirects == 0
                            ? u"The %1 URL \"%2\" is not a valid http(s) URL"_s.arg(
                                  name, redactUrl(hop.url))
                            : u"%1 redirected to \"%2\", which is not an http(s) URL"_s.arg(
                                  name, redactUrl(hop.url)));
        }
        if (hop.url.scheme() == u"http"_s && !isLoopbackHost(hop.url.host()) &&
            carriesCredentials(hop)) {
            return fail(Error::Code::InvalidInput,
                        u"Casefile sends the %1 credentials over https only: %2 uses plain "
                        u"http:// to a host that is not this machine. Use an https:// URL."_s.arg(
                            name, displayOrigin(hop.url)));
        }
        if (!m_options.policy.allows(hop.method, hop.url.path())) {
            return fail(Error::Code::Unsupported,
                        u"Casefile does not send %1 %2 to %3: the connection is read-only"_s.arg(
                            QString::fromLatin1(hop.method), hop.url.path(), name));
        }
        auto response = sendRetrying(hop, limits);
        if (!response || !isRedirect(*response))
            return response;
        if (redirects >= m_options.maxRedirects) {
            return fail(
                Error::Code::Unsupported,
                u"%1 redirected more than %2 times; check the connection URL"_s.arg(name).arg(
                    m_options.maxRedirects));
        }
        const QUrl next = hop.url.resolved(QUrl::fromEncoded(response->header("location"_ba)));
        HttpRequest following = hop;
        following.url = next;
        const QByteArray method = hop.method.toUpper();
        if (response->status == 303 ||
            ((response->status == 301 || response->status == 302) && method == "POST")) {
            following.method = "GET"_ba;
            following.body.clear();
            following.headers.removeIf(
                [](const HttpHeader &h) { return sameName(h.first, "content-type"_ba); });
        }
        if (!sameOrigin(hop.url, next)) {
            qCInfo(lcConnectors, "%s redirected from %s to %s; credentials are not forwarded",
                   qUtf8Printable(name), qUtf8Printable(displayOrigin(hop.url)),
                   qUtf8Printable(displayOrigin(next)));
            following = withoutCredentials(following);
        }
        hop = std::move(following);
    }
}

Result<HttpResponse> HttpClient::sendRetrying(const HttpRequest &request,
                                              const WorkLimits &limits) const
{
    const QString &system = m_options.system;
    const QString &name = m_options.displayName;
    const int maxRetries = request.maxRetries >= 0 ? request.maxRetries : m_options.maxRetries;
    const bool idempotent = request.isIdempotent();
    const QString target =
        u"%1 %2"_s.arg(QString::fromLatin1(request.method), redactUrl(request.url));

    // Why the attempt before a retry failed: a retry cut short by the deadline still says it.
    QString earlier;
    const auto withEarlier = [&earlier](const QString &message) {
        return withEarlierAttempt(message, earlier);
    };
    for (int attempt = 0;; ++attempt) {
        if (limits.cancel.isCancelled())
            return fail(Error::Code::Cancelled, u"Cancelled before %1 answered"_s.arg(system));
        if (limits.deadline.hasExpired()) {
            return fail(Error::Code::Timeout,
                        withEarlier(u"%1 did not answer before the step's deadline"_s.arg(system)),
                        target);
        }
        QElapsedTimer clock;
        clock.start();
        Attempt a = sendOnce(request, limits);
        a.response.attempts = attempt + 1;
        std::optional<std::chrono::milliseconds> wait;
        switch (a.outcome) {
        case Attempt::Outcome::Cancelled:
            qCDebug(lcConnectors, "%s: cancelled", qUtf8Printable(target));
            return fail(Error::Code::Cancelled, u"Cancelled while waiting for %1"_s.arg(system),
                        target);
        case Attempt::Outcome::Refused:
            qCInfo(lcConnectors, "%s: %s", qUtf8Printable(target),
                   qUtf8Printable(a.refusal.message));
            a.refusal.detail = target;
            return std::unexpected(a.refusal);
        case Attempt::Outcome::Timeout:
            qCInfo(lcConnectors, "%s: no answer within %s", qUtf8Printable(target),
                   qUtf8Printable(formatDuration(a.timeout)));
            return fail(Error::Code::Timeout,
                        withEarlier(u"%1 did not answer within %2"_s.arg(
                            system, formatDuration(a.timeout))),
                        target);
        case Attempt::Outcome::NetworkError: {
            const QString message = scrub(
                u"Cannot reach %1 at %2: %3"_s.arg(system, displayOrigin(request.url), a.errorText),
                request);
            qCInfo(lcConnectors, "%s: %s", qUtf8Printable(target), qUtf8Printable(message));
            if (idempotent && attempt < maxRetries && isConnectionError(a.error)) {
                wait = m_options.backoffBase * (1 << attempt) +
                       std::chrono::milliseconds(QRandomGenerator::global()->bounded(
                           int(m_options.backoffBase.count()) + 1));
                break;
            }
            return fail(Error::Code::Unreachable, message, target);
        }
        case Attempt::Outcome::Response: {
            const HttpResponse &r = a.response;
            // Sent and answered (ms): where a step's requests queue or wait on each other.
            qCDebug(lcConnectors, "%s → %d (attempt %d, %lld ms)", qUtf8Printable(target), r.status,
                    attempt + 1, static_cast<long long>(clock.elapsed()));
            if (r.isSuccess() || isRedirect(r))
                return std::move(a.response);
            const bool limited = looksRateLimited(r);
            const bool retryable =
                limited || (idempotent && (r.status == 502 || r.status == 503 || r.status == 504));
            if (retryable && attempt < maxRetries) {
                const auto hinted = retryAfter(r, QDateTime::currentDateTimeUtc());
                if (hinted) {
                    const qint64 remaining = limits.deadline.isForever()
                                                 ? std::numeric_limits<qint64>::max()
                                                 : limits.deadline.remainingTime();
                    if (hinted->count() > remaining || *hinted > m_options.maxWait) {
                        if (limited) {
                            return fail(Error::Code::RateLimited,
                                        u"rate limited by %1; retry after %2 s"_s.arg(name).arg(
                                            (hinted->count() + 999) / 1000),
                                        target);
                        }
                        break; // fall through to the status error below
                    }
                    wait = *hinted;
                } else {
                    wait = m_options.backoffBase * (1 << attempt) +
                           std::chrono::milliseconds(QRandomGenerator::global()->bounded(
                               int(m_options.backoffBase.count()) + 1));
                }
                break;
            }
            if (request.acceptAnyStatus)
                return std::move(a.response);
            return std::unexpected(statusError(request, r));
        }
        }
        if (!wait) {
            if (request.acceptAnyStatus)
                return std::move(a.response);
            return std::unexpected(statusError(request, a.response));
        }
        // Never sleep past the deadline.
        if (!limits.deadline.isForever() && wait->count() >= limits.deadline.remainingTime()) {
            if (a.outcome == Attempt::Outcome::Response) {
                if (request.acceptAnyStatus)
                    return std::move(a.response);
                return std::unexpected(statusError(request, a.response));
            }
            return fail(Error::Code::Unreachable,
                        scrub(u"Cannot reach %1 at %2: %3"_s.arg(system, displayOrigin(request.url),
                                                                 a.errorText),
                              request),
                        target);
        }
        earlier = a.outcome == Attempt::Outcome::NetworkError ? a.errorText
                                                              : u"HTTP %1"_s.arg(a.response.status);
        qCDebug(lcConnectors, "%s: retrying in %lld ms", qUtf8Printable(target),
                static_cast<long long>(wait->count()));
        if (!waitInterruptible(*wait, limits))
            return fail(Error::Code::Cancelled, u"Cancelled while waiting for %1"_s.arg(system),
                        target);
    }
}

} // namespace Casefile::Connectors
