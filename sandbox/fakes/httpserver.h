#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTcpServer>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>

class QTcpSocket;
class QTimer;

namespace Casefile::Sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One parsed HTTP/1.1 request. Header names keep their case; lookups ignore it.
struct HttpRequest
{
    QByteArray method;                    // GET, HEAD, POST, PUT, ...
    QByteArray target;                    // path and query exactly as sent
    QString path;                         // percent-decoded path
    QList<QPair<QString, QString>> query; // form-decoded ('+' is a space) query items
    HeaderList headers;
    QByteArray body; // de-chunked

    QByteArray header(QByteArrayView name) const;
    // Query value with '+' as space and percent-decoding (form encoding).
    QString queryValue(const QString &key) const;
    QStringList queryValues(const QString &key) const;
    bool hasQuery(const QString &key) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
    static HttpResponse json(int status, const QByteArray &body);
    static HttpResponse text(int status, const QByteArray &body);
};

using Responder = std::function<void(HttpResponse)>;
using RequestHandler = std::function<void(const HttpRequest &, Responder)>;
// Vendor-shaped error answers the server sends when it injects a `429` or `500` fault.
using FaultAnswer = std::function<HttpResponse(int status)>;

// Sees every request a server receives, before any fault or latency is applied.
using RequestObserver = std::function<void(const HttpRequest &)>;

// A fault to inject into a share of answers (see FaultSpec in fakeservices.h).
struct InjectedFault
{
    // GzipBomb: a small gzip body that expands beyond any answer cap; Oversized: an answer
    // that announces (and keeps sending) more bytes than any client should read.
    enum class Kind {
        Timeout,
        TooManyRequests,
        ServerError,
        Malformed,
        Reset,
        Slow,
        GzipBomb,
        Oversized
    };
    Kind kind = Kind::ServerError;
    double rate = 1.0;
};

// A small HTTP/1.1 server on QTcpServer. Every connection is its own state machine driven by
// the event loop, so a delayed, stalled or dripping answer never holds up another request.
// Lives in (and must be used from) the thread that created it.
class FakeHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHttpServer)

public:
    FakeHttpServer(const QString &name, RequestHandler handler, FaultAnswer faultAnswer,
                   QObject *parent = nullptr);
    ~FakeHttpServer() override;

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const;
    QString errorString() const;
    QString name() const { return m_name; }

    // Every answer waits `ms`, or a uniformly drawn time in [ms, maxMs] when maxMs > ms.
    void setLatency(int ms, int maxMs = 0)
    {
        m_latencyMs = ms;
        m_latencyMaxMs = std::max(ms, maxMs);
    }
    void setFault(std::optional<InjectedFault> fault) { m_fault = fault; }
    void setObserver(RequestObserver observer) { m_observer = std::move(observer); }

private:
    class Connection;
    friend class Connection;
    void dispatch(Connection *connection, const HttpRequest &request);
    bool drawFault();

    QString m_name;
    RequestHandler m_handler;
    FaultAnswer m_faultAnswer;
    QTcpServer m_server;
    int m_latencyMs = 0;
    int m_latencyMaxMs = 0;
    std::optional<InjectedFault> m_fault;
    RequestObserver m_observer;
    // Seeded per system, so a run with the same options injects the same faults.
    std::mt19937_64 m_random;
};

QByteArray reasonPhrase(int status);

} // namespace Casefile::Sandbox
