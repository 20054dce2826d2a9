#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace Casefile::Sandbox {

// A small blocking HTTP client for the sandbox's own talks with ClickHouse (start-up, schema,
// loading). It spins a local event loop, so it is only for threads where blocking is fine
// (casefile-sandbox's start-up, tests, benchmarks), never the GUI thread. Credentials in the
// URL's user info are sent as X-ClickHouse-User/-Key headers and never appear in errors.
class ClickHouseHttp
{
public:
    explicit ClickHouseHttp(const QUrl &server);
    ~ClickHouseHttp();
    Q_DISABLE_COPY_MOVE(ClickHouseHttp)

    struct Reply
    {
        int status = 0;
        QByteArray body;
    };

    // GET `path` (e.g. "/ping"). A connection failure is an error; any HTTP status is a Reply.
    Result<Reply> get(const QString &path, int timeoutMs);
    // POST `sql` as the body, or with `sql` in ?query= and `data` as the body (INSERT ... FORMAT).
    // A non-200 status or an exception text in the body is an error with the server's message.
    Result<QByteArray> post(const QString &sql, const QByteArray &data = {}, int timeoutMs = 120000,
                            const QString &database = {});

    QUrl serverUrl() const { return m_server; } // without credentials

private:
    QUrl m_server;
    QString m_user;
    QString m_password;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace Casefile::Sandbox
