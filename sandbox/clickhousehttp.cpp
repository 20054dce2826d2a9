#include "sandbox/clickhousehttp.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStringList>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Casefile::Sandbox {

namespace {

struct RawReply
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    int status = 0;
    QByteArray body;
};

RawReply waitFor(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // Looped: QCoreApplication::exit() also ends nested loops, and the reply must still finish.
    while (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    RawReply raw;
    raw.error = reply->error();
    raw.errorString = reply->errorString();
    raw.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    raw.body = reply->readAll();
    reply->deleteLater();
    return raw;
}

// The first line of a ClickHouse error body, short enough for one line of stderr.
QString firstLine(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(2000)).trimmed();
    const qsizetype newline = text.indexOf(u'\n');
    if (newline >= 0)
        text.truncate(newline);
    if (text.size() > 300)
        text = text.left(300) + u"…"_s;
    return text;
}

} // namespace

ClickHouseHttp::ClickHouseHttp(const QUrl &server)
    : m_server(server)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    m_user = m_server.userName();
    m_password = m_server.password();
    m_server.setUserInfo({});
    m_server.setPath(u"/"_s);
    m_server.setQuery(QString());
}

ClickHouseHttp::~ClickHouseHttp() = default;

Result<ClickHouseHttp::Reply> ClickHouseHttp::get(const QString &path, int timeoutMs)
{
    QUrl url = m_server;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    const RawReply raw = waitFor(m_network->get(request));
    if (raw.status == 0) {
        return fail(Error::Code::Unreachable, u"ClickHouse at %1 does not answer: %2"_s.arg(
                                                  m_server.toString(), raw.errorString));
    }
    return Reply{raw.status, raw.body};
}

Result<QByteArray> ClickHouseHttp::post(const QString &sql, const QByteArray &data, int timeoutMs,
                                        const QString &database)
{
    QUrl url = m_server;
    // Encoded by hand: QUrlQuery leaves '+' and ';' alone, which a server may read differently.
    QStringList items;
    if (!database.isEmpty())
        items << u"database="_s + QString::fromLatin1(QUrl::toPercentEncoding(database));
    if (!data.isEmpty())
        items << u"query="_s + QString::fromLatin1(QUrl::toPercentEncoding(sql));
    if (!items.isEmpty())
        url.setQuery(items.join(u'&'), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "text/plain; charset=utf-8"_ba);
    if (!m_user.isEmpty()) {
        request.setRawHeader("X-ClickHouse-User"_ba, m_user.toUtf8());
        request.setRawHeader("X-ClickHouse-Key"_ba, m_password.toUtf8());
    }
    const RawReply raw = waitFor(m_network->post(request, data.isEmpty() ? sql.toUtf8() : data));
    if (raw.status == 0) {
        return fail(Error::Code::Unreachable, u"ClickHouse at %1 does not answer: %2"_s.arg(
                                                  m_server.toString(), raw.errorString));
    }
    // An HTTP 200 can still end in an exception written after the first rows.
    const bool exceptionInBody = raw.body.startsWith("Code: ") || raw.body.contains("\nCode: ");
    if (raw.status != 200 || exceptionInBody) {
        const Error::Code code = raw.status == 401 || raw.status == 403 ? Error::Code::Unauthorized
                                                                        : Error::Code::Server;
        return fail(
            code,
            u"ClickHouse refused a query (HTTP %1): %2"_s.arg(raw.status).arg(firstLine(raw.body)),
            sql.left(500));
    }
    return raw.body;
}

} // namespace Casefile::Sandbox
