#include "connectors/common/connection.h"

#include "core/time.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

Connection::Connection(ConnectionSettings settings, Result<QString> secret,
                       HttpClient::Options options, AuthHeaders auth)
    : m_settings(std::move(settings))
    , m_secret(std::move(secret))
    , m_http([&] {
        if (m_secret && !m_secret->isEmpty())
            options.secrets << *m_secret;
        return options;
    }())
    , m_auth(std::move(auth))
{}

QUrl Connection::join(const QUrl &base, const QString &path, const QUrlQuery &query)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + (path.startsWith(u'/') ? path : u"/"_s + path));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QUrl Connection::endpoint(const QString &path, const QUrlQuery &query) const
{
    return join(QUrl(m_settings.url), path, query);
}

Result<HttpRequest> Connection::request(const QByteArray &method, const QUrl &url) const
{
    if (!m_secret)
        return std::unexpected(m_secret.error());
    HttpRequest r;
    r.method = method;
    r.url = url;
    if (m_auth) {
        for (const HttpHeader &h : m_auth(m_settings, *m_secret))
            r.setHeader(h.first, h.second);
    }
    r.setHeader("Accept"_ba, "application/json"_ba);
    r.setHeader("User-Agent"_ba, "Casefile/0.1"_ba);
    return r;
}

Result<QJsonObject> Connection::sendJson(const HttpRequest &request, const WorkLimits &limits,
                                         HttpResponse *response) const
{
    auto r = m_http.send(request, limits);
    if (!r)
        return std::unexpected(r.error());
    if (response)
        *response = *r;
    return parseJsonObject(r->body, m_settings.system);
}

Result<QJsonObject> Connection::getJson(const QUrl &url, const WorkLimits &limits,
                                        HttpResponse *response) const
{
    auto r = request("GET"_ba, url);
    if (!r)
        return std::unexpected(r.error());
    return sendJson(*r, limits, response);
}

bool Connection::isOwnUrl(const QUrl &url) const
{
    const QUrl base(m_settings.url);
    return url.scheme() == base.scheme() &&
           url.host().compare(base.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == u"https"_s ? 443 : 80) ==
               base.port(base.scheme() == u"https"_s ? 443 : 80);
}

std::optional<QString> Connection::urlProblem() const
{
    const QUrl url(m_settings.url);
    if (m_settings.url.isEmpty())
        return u"No %1 URL is configured"_s.arg(displayName());
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
        return u"The %1 URL \"%2\" is not a valid http(s) URL"_s.arg(displayName(), redactUrl(url));
    }
    return std::nullopt;
}

ConnectionCheck Connection::failedCheck(const Error &error) const
{
    return ConnectionCheck{false, error.message};
}

Error Connection::unknownOperation(const QString &operation) const
{
    return Error::make(Error::Code::Unsupported, u"The %1 connector has no operation \"%2\""_s.arg(
                                                     m_settings.system, operation));
}

namespace Args {

Result<QString> requiredString(const QJsonObject &args, const QString &name)
{
    const QJsonValue v = args.value(name);
    QString s;
    if (v.isString())
        s = v.toString();
    else if (v.isDouble())
        s = QString::number(v.toDouble(), 'g', 17);
    if (s.isEmpty())
        return fail(Error::Code::InvalidInput, u"The argument \"%1\" is missing"_s.arg(name));
    return s;
}

QString string(const QJsonObject &args, const QString &name, const QString &fallback)
{
    const QJsonValue v = args.value(name);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return fallback;
}

QStringList stringList(const QJsonObject &args, const QString &name)
{
    const QJsonValue v = args.value(name);
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray()) {
            const QString s =
                item.isDouble() ? QString::number(item.toDouble(), 'g', 17) : item.toString();
            if (!s.trimmed().isEmpty())
                out << s.trimmed();
        }
    } else if (v.isString() && !v.toString().trimmed().isEmpty()) {
        out << v.toString().trimmed();
    }
    return out;
}

int integer(const QJsonObject &args, const QString &name, int fallback)
{
    const QJsonValue v = args.value(name);
    if (v.isDouble())
        return v.toInt(fallback);
    if (v.isString()) {
        bool ok = false;
        const int i = v.toString().toInt(&ok);
        return ok ? i : fallback;
    }
    return fallback;
}

Result<QDateTime> requiredTime(const QJsonObject &args, const QString &name)
{
    auto s = requiredString(args, name);
    if (!s)
        return std::unexpected(s.error());
    const QDateTime t = parseTime(*s);
    if (!t.isValid()) {
        return fail(
            Error::Code::InvalidInput,
            u"The argument \"%1\" is not an ISO-8601 time: %2"_s.arg(name, truncated(*s, 60)));
    }
    return t;
}

Result<TimeWindow> window(const QJsonObject &args)
{
    auto from = requiredTime(args, u"from"_s);
    if (!from)
        return std::unexpected(from.error());
    auto to = requiredTime(args, u"to"_s);
    if (!to)
        return std::unexpected(to.error());
    TimeWindow w{*from, *to};
    if (!w.isValid()) {
        return fail(Error::Code::InvalidInput,
                    u"The time window is empty: \"from\" must be before \"to\""_s);
    }
    return w;
}

} // namespace Args

Evidence makeEvidence(EvidenceKind kind, const QString &connector, const QString &title,
                      const QString &source, const QJsonObject &data)
{
    Evidence e;
    e.kind = kind;
    e.connector = connector;
    e.title = title;
    e.source = source;
    e.data = data;
    return e;
}

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? toIsoUtc(time) : QString();
}

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toIsoUtc(time)) : QJsonValue(QJsonValue::Null);
}

QDateTime parseTime(const QString &text)
{
    return fromIso(text.trimmed());
}

QString truncated(const QString &text, int max)
{
    if (text.size() <= max)
        return text;
    return text.left(max - 1) + u"…"_s;
}

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

void addQueryItem(QUrlQuery &query, const QString &key, const QString &value)
{
    query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(key, "[]")),
                       QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

QByteArray basicAuth(const QString &user, const QString &password)
{
    return "Basic "_ba + (user + u":"_s + password).toUtf8().toBase64();
}

} // namespace Casefile::Connectors

namespace Casefile::Connectors {

QUrl nextLink(const HttpResponse &response)
{
    static const QRegularExpression re(u"<([^>]+)>\\s*;\\s*rel=\"?next\"?"_s);
    const auto m = re.match(QString::fromLatin1(response.header("link"_ba)));
    return m.hasMatch() ? QUrl(m.captured(1)) : QUrl();
}

bool isFatal(const Error &error)
{
    switch (error.code) {
    case Error::Code::Cancelled:
    case Error::Code::Timeout:
    case Error::Code::Unauthorized:
    case Error::Code::RateLimited:
    case Error::Code::Unreachable:
        return true;
    default:
        return false;
    }
}

QString sourceOf(const QString &system, const QByteArray &method, const QUrl &url)
{
    return system + u":"_s + QString::fromLatin1(method) + u" "_s + url.path();
}

} // namespace Casefile::Connectors
