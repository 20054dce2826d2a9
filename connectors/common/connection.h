#pragma once

#include "connectors/common/httpclient.h"
#include "core/connector.h"
#include "core/operations.h"
#include "core/profile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace Casefile::Connectors {

// What every HTTP connector shares: its connection settings, the resolved secret, one
// HttpClient, and helpers for URLs, authenticated requests and JSON. Immutable after
// construction, so connectors may use it from several threads at once.
class Connection
{
public:
    using AuthHeaders =
        std::function<QList<HttpHeader>(const ConnectionSettings &, const QString &secret)>;

    // `secret` is the resolved secret, or the error resolving it (reported on every call,
    // so one missing secret does not take down the other connectors).
    Connection(ConnectionSettings settings, Result<QString> secret, HttpClient::Options options,
               AuthHeaders auth);

    const ConnectionSettings &settings() const { return m_settings; }
    const HttpClient &http() const { return m_http; }
    QString displayName() const { return m_http.options().displayName; }
    QString system() const { return m_settings.system; }
    QJsonObject options() const { return m_settings.options; }

    Result<QString> secret() const { return m_secret; }

    // base URL + path; the base's own path is kept ("https://x/api" + "/v2/t" =
    // "https://x/api/v2/t").
    QUrl endpoint(const QString &path, const QUrlQuery &query = {}) const;
    static QUrl join(const QUrl &base, const QString &path, const QUrlQuery &query = {});
    // A request with the auth headers set, or the secret's error.
    Result<HttpRequest> request(const QByteArray &method, const QUrl &url) const;
    // GET url and parse the body as a JSON object.
    Result<QJsonObject> getJson(const QUrl &url, const WorkLimits &limits,
                                HttpResponse *response = nullptr) const;
    Result<QJsonObject> sendJson(const HttpRequest &request, const WorkLimits &limits,
                                 HttpResponse *response = nullptr) const;
    // Whether `url` (e.g. a next-page link from the server) points at our own server, so
    // credentials are never sent elsewhere.
    bool isOwnUrl(const QUrl &url) const;

    // What is wrong with the configured URL, for testConnection.
    std::optional<QString> urlProblem() const;
    ConnectionCheck failedCheck(const Error &error) const;
    Error unknownOperation(const QString &operation) const;

private:
    ConnectionSettings m_settings;
    Result<QString> m_secret;
    HttpClient m_http;
    AuthHeaders m_auth;
};

// Argument helpers (docs/operations.md: a missing required argument is InvalidInput naming it).
namespace Args {
Result<QString> requiredString(const QJsonObject &args, const QString &name);
QString string(const QJsonObject &args, const QString &name, const QString &fallback = {});
QStringList stringList(const QJsonObject &args, const QString &name); // array or single string
int integer(const QJsonObject &args, const QString &name, int fallback);
Result<QDateTime> requiredTime(const QJsonObject &args, const QString &name);
Result<TimeWindow> window(const QJsonObject &args); // from, to
} // namespace Args

Evidence makeEvidence(EvidenceKind kind, const QString &connector, const QString &title,
                      const QString &source, const QJsonObject &data);
QString isoUtc(const QDateTime &time); // "2026-11-20T09:14:00Z", or "" when invalid
QJsonValue isoOrNull(const QDateTime &time);
QDateTime parseTime(const QString &text);        // ISO 8601 with or without offset/ms, Jira's +0000
QString truncated(const QString &text, int max); // at most `max` characters
QJsonArray toJsonArray(const QStringList &list);
// Adds key=value with the value fully percent-encoded, so '+', '&', '=' and '#' in ticket
// text or ids stay data (QUrlQuery alone leaves '+' to be read as a space).
void addQueryItem(QUrlQuery &query, const QString &key, const QString &value);
QByteArray basicAuth(const QString &user, const QString &password);

} // namespace Casefile::Connectors

namespace Casefile::Connectors {

// Base of the connectors that talk HTTP to one system: owns the Connection.
class HttpConnector : public Connector
{
public:
    QString system() const override { return m_connection.system(); }
    const Connection &connection() const { return m_connection; }

protected:
    HttpConnector(ConnectionSettings settings, Result<QString> secret, HttpClient::Options options,
                  Connection::AuthHeaders auth)
        : m_connection(std::move(settings), std::move(secret), std::move(options), std::move(auth))
    {}

    Connection m_connection;
};

// The rel="next" URL of a Link header (GitHub), or an empty URL.
QUrl nextLink(const HttpResponse &response);
// Whether an error of an enrichment request (one extra detail per item) must stop the whole
// operation: cancellation, deadline, credentials. Anything else just leaves the detail out.
bool isFatal(const Error &error);
// "GET /repos/o/r/deployments" for evidence sources.
QString sourceOf(const QString &system, const QByteArray &method, const QUrl &url);

} // namespace Casefile::Connectors
