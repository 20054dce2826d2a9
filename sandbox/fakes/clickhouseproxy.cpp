#include "sandbox/fakes/vendorfakes.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

HttpResponse clickhouseError(int status, int code, const QString &message,
                             const QString &exception = u"DB::Exception"_s)
{
    return HttpResponse::text(status,
                              u"Code: %1, e.displayText() = %2: %3, e.what() = %2\n"_s.arg(code)
                                  .arg(exception, message)
                                  .toUtf8());
}

} // namespace

ClickHouseProxy::ClickHouseProxy(FakeContext &context)
    : VendorFake(context)
{
    m_network.setAutoDeleteReplies(false);
}

HttpResponse ClickHouseProxy::faultAnswer(int status)
{
    if (status == 429)
        return clickhouseError(429, 202, u"Too many simultaneous queries. Maximum: 100"_s);
    return clickhouseError(status, 159, u"Timeout exceeded: elapsed 30.001 seconds, maximum: 30"_s);
}

HttpResponse ClickHouseProxy::answer(const HttpRequest &)
{
    return clickhouseError(502, 210, u"Connection refused (no upstream ClickHouse)"_s,
                           u"DB::NetException"_s);
}

void ClickHouseProxy::handle(const HttpRequest &request, const Responder &respond)
{
    const QUrl upstream = m_context.clickhouseUpstream;
    if (!upstream.isValid() || upstream.host().isEmpty()) {
        respond(answer(request));
        return;
    }
    QUrl target = upstream;
    const qsizetype q = request.target.indexOf('?');
    QString basePath = upstream.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    target.setPath(basePath + QString::fromUtf8(q < 0 ? request.target : request.target.left(q)),
                   QUrl::TolerantMode);
    target.setQuery(q < 0 ? QString() : QString::fromUtf8(request.target.mid(q + 1)),
                    QUrl::TolerantMode);

    QNetworkRequest forward(target);
    forward.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    forward.setTransferTimeout(0);
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "host" || lower == "content-length" || lower == "transfer-encoding" ||
            lower == "connection" || lower == "expect" || lower == "accept-encoding")
            continue;
        forward.setRawHeader(name, value);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(forward, request.method, request.body);
    // Buffered, then answered: the proxy's own latency and faults apply to the whole answer.
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, respond] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            respond(clickhouseError(502, 210, reply->errorString(), u"DB::NetException"_s));
            return;
        }
        HttpResponse response;
        response.status = status;
        response.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs()) {
            const QByteArray lower = name.toLower();
            if (lower == "content-type" || lower.startsWith("x-clickhouse"))
                response.setHeader(name, value);
        }
        respond(response);
    });
}

} // namespace Casefile::Sandbox
