#include "stubserver.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

namespace Casefile::Tests {

QByteArray StubServer::Request::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

StubServer::StubServer(QObject *parent)
    : QObject(parent)
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &StubServer::onNewConnection);
    m_patience.setSingleShot(true);
    connect(&m_patience, &QTimer::timeout, this, &StubServer::releaseRound);
}

void StubServer::answerInRounds(QList<int> sizes, std::chrono::milliseconds patience)
{
    m_roundSizes = std::move(sizes);
    m_patience.setInterval(patience);
    m_rounds.clear();
}

void StubServer::releaseRound()
{
    m_patience.stop();
    if (m_held.isEmpty())
        return;
    m_rounds.append(int(m_held.size()));
    const auto held = std::exchange(m_held, {});
    for (const auto &[socket, reply] : held) {
        if (socket)
            answer(socket, reply);
    }
}

QByteArray StubServer::baseUrl() const
{
    return "http://127.0.0.1:"_ba + QByteArray::number(port());
}

StubServer::Reply StubServer::http(int status, const QByteArray &body,
                                   const QList<std::pair<QByteArray, QByteArray>> &headers,
                                   const QByteArray &contentType)
{
    QByteArray raw = "HTTP/1.1 "_ba + QByteArray::number(status) + " Stub\r\n"_ba;
    raw += "Content-Type: "_ba + contentType + "\r\n"_ba;
    raw += "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n"_ba;
    raw += "Connection: close\r\n"_ba;
    for (const auto &h : headers)
        raw += h.first + ": "_ba + h.second + "\r\n"_ba;
    raw += "\r\n"_ba + body;
    return Reply{Reply::Kind::Send, raw};
}

StubServer::Reply StubServer::cutShort(const QByteArray &body)
{
    const QByteArray full = http(200, body).raw;
    return Reply{Reply::Kind::Reset, full.left(full.size() - body.size() + body.size() / 3)};
}

int StubServer::openConnections() const
{
    int n = 0;
    for (const auto &s : m_sockets) {
        if (s && s->state() == QAbstractSocket::ConnectedState)
            ++n;
    }
    return n;
}

void StubServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_sockets.append(socket);
        socket->setProperty("buffer", QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void StubServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (buffer.size() < end + 4 + length)
        return; // body incomplete
    request.body = buffer.mid(end + 4, length);
    socket->setProperty("buffer", buffer.mid(end + 4 + length));
    m_requests.append(request);

    Reply reply;
    bool routed = false;
    for (const auto &[prefix, r] : std::as_const(m_routes)) {
        if (request.target.startsWith(prefix)) {
            reply = r;
            routed = true;
            break;
        }
    }
    if (!routed) {
        if (m_responder)
            reply = m_responder(request);
        else if (m_script.isEmpty())
            reply = http(404, R"({"message":"Not Found"})"_ba);
        else
            reply = m_script.at(std::min(m_next++, m_script.size() - 1));
    }
    if (!m_roundSizes.isEmpty()) {
        m_held.append({socket, reply});
        if (m_held.size() >= m_roundSizes.value(m_rounds.size(), m_roundSizes.last()))
            releaseRound();
        else
            m_patience.start();
        return;
    }
    answer(socket, reply);
}

void StubServer::answer(QTcpSocket *socket, const Reply &reply)
{
    switch (reply.kind) {
    case Reply::Kind::Send:
        socket->write(reply.raw);
        socket->flush();
        socket->disconnectFromHost();
        break;
    case Reply::Kind::Stall:
        break;
    case Reply::Kind::Reset:
        if (!reply.raw.isEmpty()) {
            socket->write(reply.raw);
            socket->flush();
        }
        socket->abort();
        break;
    }
}

bool runBeside(const std::function<void()> &work, std::chrono::milliseconds patience)
{
    std::atomic<bool> done = false;
    std::thread worker([&] {
        work();
        done = true;
    });
    const bool finished = QTest::qWaitFor([&] { return done.load(); }, int(patience.count()));
    worker.join();
    return finished;
}

} // namespace Casefile::Tests
