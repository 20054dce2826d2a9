#include "sandbox/fakes/httpserver.h"

#include "sandbox/fakes/fakeslogging.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include <zlib.h>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qsizetype MaxBodyBytes = 32 * 1024 * 1024;
constexpr int DripIntervalMs = 200;
constexpr int DripMaxTicks = 10; // a dripped answer still finishes within ~2 s
// Beyond every connector's caps (ClickHouse's are the largest: 512 MiB read, 1 GiB decoded).
constexpr qint64 BombDecodedMiB = 1280;
constexpr qint64 OversizedBytes = 1536LL * 1024 * 1024;
constexpr qint64 StreamChunk = 1024 * 1024;

// A gzip member of BombDecodedMiB MiB of zeros, about 1 MB on the wire. Each MiB is deflated
// after a full flush, so every MiB but the first compresses to the same bytes: two are
// compressed and the second repeated, then the trailer says the whole length and CRC-32.
QByteArray gzipBomb()
{
    static const QByteArray bomb = []() -> QByteArray {
        const QByteArray zeros(StreamChunk, '\0');
        z_stream s{};
        if (deflateInit2(&s, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
            return QByteArray();
        const auto run = [&s](const QByteArray &in, int flush) {
            QByteArray out;
            s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
            s.avail_in = uInt(in.size());
            char buffer[65536];
            do {
                s.next_out = reinterpret_cast<Bytef *>(buffer);
                s.avail_out = sizeof buffer;
                deflate(&s, flush);
                out.append(buffer, qsizetype(sizeof buffer - s.avail_out));
            } while (s.avail_out == 0);
            return out;
        };
        QByteArray out = run(zeros, Z_FULL_FLUSH);
        const QByteArray repeated = run(zeros, Z_FULL_FLUSH);
        for (qint64 i = 2; i < BombDecodedMiB; ++i)
            out += repeated;
        QByteArray end = run(QByteArray(), Z_FINISH);
        deflateEnd(&s);
        uLong crc =
            crc32(0L, reinterpret_cast<const Bytef *>(zeros.constData()), uInt(StreamChunk));
        const uLong one = crc;
        for (qint64 i = 1; i < BombDecodedMiB; ++i)
            crc = crc32_combine(crc, one, StreamChunk);
        const quint32 size = quint32((BombDecodedMiB * StreamChunk) & 0xffffffffU);
        end.chop(8); // the trailer zlib wrote counts two MiB: the real one
        for (quint32 v : {quint32(crc), size}) {
            for (int b = 0; b < 4; ++b)
                end.append(char((v >> (8 * b)) & 0xff));
        }
        out += end;
        return out;
    }();
    return bomb;
}

quint64 fnv1a(const QByteArray &bytes)
{
    quint64 hash = 1469598103934665603ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

QString formDecode(QByteArray part)
{
    part.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
}

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
        .toLatin1();
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpRequest::queryValue(const QString &key) const
{
    for (const auto &[k, v] : query) {
        if (k == key)
            return v;
    }
    return {};
}

QStringList HttpRequest::queryValues(const QString &key) const
{
    QStringList values;
    for (const auto &[k, v] : query) {
        if (k == key)
            values.append(v);
    }
    return values;
}

bool HttpRequest::hasQuery(const QString &key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return true;
    }
    return false;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.setHeader("Content-Type"_ba, "application/json; charset=utf-8"_ba);
    return response;
}

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.setHeader("Content-Type"_ba, "text/plain; charset=UTF-8"_ba);
    return response;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue"_ba;
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 204:
        return "No Content"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 408:
        return "Request Timeout"_ba;
    case 410:
        return "Gone"_ba;
    case 413:
        return "Payload Too Large"_ba;
    case 422:
        return "Unprocessable Entity"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Status"_ba;
    }
}

// One client connection: reads requests (pipelined ones wait their turn), hands each to the
// server, writes the answer when it is ready, then reads the next. Owned by the server;
// deletes itself when the client goes away.
class FakeHttpServer::Connection final : public QObject
{
public:
    Connection(FakeHttpServer *server, QTcpSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    }

    // Sends `response` to the request being served, with the injected behaviour.
    void send(HttpResponse response, const QByteArray &method,
              std::optional<InjectedFault::Kind> fault)
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        const bool head = method == "HEAD";
        response.setHeader("Date"_ba, httpDate());
        response.setHeader("Server"_ba, "casefile-sandbox"_ba);
        response.setHeader("Connection"_ba, m_keepAlive ? "keep-alive"_ba : "close"_ba);
        QByteArray body = response.body;
        if (fault == InjectedFault::Kind::GzipBomb) {
            body = gzipBomb();
            response.status = 200;
            response.setHeader("Content-Encoding"_ba, "gzip"_ba);
        }
        if (fault == InjectedFault::Kind::Oversized && !head) {
            response.status = 200;
            response.setHeader("Content-Length"_ba, QByteArray::number(OversizedBytes));
            QByteArray start = "HTTP/1.1 200 OK\r\n"_ba;
            for (const auto &[key, value] : std::as_const(response.headers))
                start += key + ": "_ba + value + "\r\n"_ba;
            m_socket->write(start + "\r\n"_ba);
            stream(OversizedBytes);
            return;
        }
        if (fault == InjectedFault::Kind::Malformed) {
            // A truncated document with a stray byte: no JSON parser accepts it.
            body = body.left(std::max<qsizetype>(1, body.size() / 2)) + "\x01{\"truncated"_ba;
            response.status = 200;
        }
        response.setHeader("Content-Length"_ba, QByteArray::number(body.size()));
        QByteArray head_ = "HTTP/1.1 "_ba + QByteArray::number(response.status) + ' ' +
                           reasonPhrase(response.status) + "\r\n"_ba;
        for (const auto &[key, value] : std::as_const(response.headers))
            head_ += key + ": "_ba + value + "\r\n"_ba;
        head_ += "\r\n"_ba;
        if (head)
            body.clear();

        if (fault == InjectedFault::Kind::Reset) {
            // Part of the answer, then an abrupt close (RST), as a crashing proxy would.
            m_socket->write(head_ + body.left(body.size() / 3));
            m_socket->flush();
            m_socket->abort();
            deleteLater();
            return;
        }
        if (fault == InjectedFault::Kind::Slow && !body.isEmpty()) {
            m_socket->write(head_);
            const qsizetype chunk =
                std::max<qsizetype>(8, (body.size() + DripMaxTicks - 1) / DripMaxTicks);
            drip(body, chunk);
            return;
        }
        m_socket->write(head_ + body);
        finishAnswer();
    }

    bool busy() const { return m_busy; }

private:
    // Zeros until `remaining` is sent or the client hangs up, a MiB at a time as the socket
    // drains, so the sandbox never holds more than a few MiB of it.
    void stream(qint64 remaining)
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        static const QByteArray zeros(StreamChunk, '\0');
        while (remaining > 0 && m_socket->bytesToWrite() < 4 * StreamChunk) {
            const qint64 n = std::min(remaining, StreamChunk);
            m_socket->write(zeros.constData(), n);
            remaining -= n;
        }
        if (remaining <= 0) {
            finishAnswer();
            return;
        }
        QTimer::singleShot(5, this, [this, remaining] { stream(remaining); });
    }

    void drip(QByteArray rest, qsizetype chunk)
    {
        QTimer::singleShot(DripIntervalMs, this, [this, rest, chunk] {
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                return;
            m_socket->write(rest.left(chunk));
            if (rest.size() > chunk)
                drip(rest.mid(chunk), chunk);
            else
                finishAnswer();
        });
    }

    void finishAnswer()
    {
        m_busy = false;
        if (!m_keepAlive) {
            m_socket->disconnectFromHost();
            return;
        }
        // The next pipelined request, if one is waiting.
        QTimer::singleShot(0, this, &Connection::processBuffer);
    }

    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        processBuffer();
    }

    void badRequest(const QByteArray &why, int status = 400)
    {
        m_keepAlive = false;
        HttpResponse response = HttpResponse::text(status, why + '\n');
        m_busy = true;
        send(response, "GET"_ba, std::nullopt);
    }

    void processBuffer()
    {
        if (m_busy || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (!m_haveHead) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > MaxHeaderBytes)
                    badRequest("request header too large"_ba, 413);
                return;
            }
            if (!parseHead(m_buffer.left(end)))
                return badRequest("malformed request"_ba);
            m_buffer.remove(0, end + 4);
            m_haveHead = true;
            if (m_current.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0)
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n"_ba);
        }
        if (!readBody())
            return;
        m_haveHead = false;
        m_busy = true;
        HttpRequest request = std::move(m_current);
        m_current = {};
        m_server->dispatch(this, request);
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
            return false;
        m_current = {};
        m_current.method = requestLine.at(0);
        m_current.target = requestLine.at(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            m_current.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const qsizetype q = m_current.target.indexOf('?');
        const QByteArray rawPath = q < 0 ? m_current.target : m_current.target.left(q);
        m_current.path = QString::fromUtf8(QByteArray::fromPercentEncoding(rawPath));
        if (q >= 0) {
            for (const QByteArray &part : m_current.target.mid(q + 1).split('&')) {
                if (part.isEmpty())
                    continue;
                const qsizetype eq = part.indexOf('=');
                m_current.query.append({formDecode(eq < 0 ? part : part.left(eq)),
                                        eq < 0 ? QString() : formDecode(part.mid(eq + 1))});
            }
        }
        const QByteArray connection = m_current.header("Connection").toLower();
        m_keepAlive = requestLine.at(2) == "HTTP/1.1" ? !connection.contains("close")
                                                      : connection.contains("keep-alive");
        m_chunked = m_current.header("Transfer-Encoding").toLower().contains("chunked");
        m_contentLength = m_current.header("Content-Length").toLongLong();
        return m_contentLength >= 0 && m_contentLength <= MaxBodyBytes;
    }

    // Moves the body out of the buffer; false while it is still incomplete.
    bool readBody()
    {
        if (!m_chunked) {
            if (m_buffer.size() < m_contentLength)
                return false;
            m_current.body = m_buffer.left(m_contentLength);
            m_buffer.remove(0, m_contentLength);
            return true;
        }
        // Chunked: parse from the start of the buffer each time; only consume when complete.
        QByteArray body;
        qsizetype pos = 0;
        for (;;) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return false;
            QByteArray sizeText = m_buffer.mid(pos, lineEnd - pos);
            if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
                sizeText.truncate(semi);
            bool ok = false;
            const qsizetype size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || body.size() + size > MaxBodyBytes) {
                badRequest("malformed chunked body"_ba);
                return false;
            }
            pos = lineEnd + 2;
            if (size == 0) {
                // Trailers end with an empty line.
                const qsizetype end = m_buffer.indexOf("\r\n\r\n", pos - 2);
                if (end < 0)
                    return false;
                m_current.body = body;
                m_buffer.remove(0, end + 4);
                return true;
            }
            if (m_buffer.size() < pos + size + 2)
                return false;
            body += m_buffer.mid(pos, size);
            pos += size + 2;
        }
    }

    FakeHttpServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    HttpRequest m_current;
    bool m_haveHead = false;
    bool m_busy = false;
    bool m_keepAlive = true;
    bool m_chunked = false;
    qint64 m_contentLength = 0;
};

FakeHttpServer::FakeHttpServer(const QString &name, RequestHandler handler, FaultAnswer faultAnswer,
                               QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_handler(std::move(handler))
    , m_faultAnswer(std::move(faultAnswer))
    , m_random(fnv1a(name.toUtf8()))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            new Connection(this, socket);
    });
}

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeHttpServer::port() const
{
    return m_server.serverPort();
}

QString FakeHttpServer::errorString() const
{
    return m_server.errorString();
}

bool FakeHttpServer::drawFault()
{
    if (!m_fault)
        return false;
    // 53 random bits -> [0, 1), the same on every platform for the same seed.
    const double draw = static_cast<double>(m_random() >> 11) * 0x1.0p-53;
    return draw < m_fault->rate;
}

void FakeHttpServer::dispatch(Connection *connection, const HttpRequest &request)
{
    if (m_observer)
        m_observer(request);
    std::optional<InjectedFault::Kind> fault;
    if (drawFault())
        fault = m_fault->kind;
    qCDebug(lcFakes) << m_name << request.method << request.path
                     << (fault ? "with an injected fault" : "");

    QPointer<Connection> guard(connection);
    const QByteArray method = request.method;
    const int latency =
        m_latencyMaxMs > m_latencyMs
            ? int(QRandomGenerator::global()->bounded(m_latencyMs, m_latencyMaxMs + 1))
            : m_latencyMs;
    auto deliver = [guard, method, fault, latency](HttpResponse response) {
        if (!guard)
            return;
        if (latency <= 0) {
            guard->send(std::move(response), method, fault);
            return;
        }
        QTimer::singleShot(latency, guard.data(), [guard, response, method, fault] {
            if (guard)
                guard->send(response, method, fault);
        });
    };

    if (fault == InjectedFault::Kind::Timeout)
        return; // accepted, never answered
    if (fault == InjectedFault::Kind::TooManyRequests ||
        fault == InjectedFault::Kind::ServerError) {
        const int status = fault == InjectedFault::Kind::TooManyRequests ? 429 : 500;
        HttpResponse response = m_faultAnswer(status);
        if (status == 429)
            response.setHeader("Retry-After"_ba, "1"_ba);
        deliver(std::move(response));
        return;
    }
    m_handler(request, deliver);
}

} // namespace Casefile::Sandbox
