#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <functional>
#include <utility>

namespace Casefile::Tests {

// A scripted HTTP/1.1 server on loopback for connector tests. Each request gets the next
// scripted reply (the last one repeats). Lives in the test's thread; the client under test
// runs its own event loop there, which serves this server too.
class StubServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StubServer)

public:
    struct Reply
    {
        enum class Kind { Send, Stall, Reset };
        Kind kind = Kind::Send;
        QByteArray raw;
    };
    struct Request
    {
        QByteArray method;
        QByteArray target; // path + query
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit StubServer(QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    QByteArray baseUrl() const;

    static Reply http(int status, const QByteArray &body,
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                      const QByteArray &contentType = "application/json");
    static Reply json(const QByteArray &body) { return http(200, body); }
    static Reply stall() { return Reply{Reply::Kind::Stall, {}}; }
    static Reply reset() { return Reply{Reply::Kind::Reset, {}}; }
    // The head of a 200 answer that announces all of `body`, a third of the body, then an abrupt
    // close (RST), as a crashing proxy would.
    static Reply cutShort(const QByteArray &body);

    void script(QList<Reply> replies)
    {
        m_script = std::move(replies);
        m_next = 0;
    }
    // Replies chosen by the request's path + query instead of the script's order.
    void route(const QByteArray &targetPrefix, const Reply &reply)
    {
        m_routes.append({targetPrefix, reply});
    }
    // Replies computed from the request (routes still win; the script is used when unset).
    void respond(std::function<Reply(const Request &)> responder)
    {
        m_responder = std::move(responder);
    }
    // Holds every answer until `size` requests wait, or until `patience` passes without a new
    // one, then answers them together. Each release is one round trip of the client's: a
    // client that needs an answer before its next request shows as more rounds.
    void answerInRounds(int size, std::chrono::milliseconds patience)
    {
        answerInRounds(QList<int>{size}, patience);
    }
    // The same with a size per round (the last one repeats), for a client whose rounds differ:
    // a list, then a request per item of it.
    void answerInRounds(QList<int> sizes, std::chrono::milliseconds patience);
    // How many requests each round held, in order.
    const QList<int> &rounds() const { return m_rounds; }
    const QList<Request> &requests() const { return m_requests; }
    int openConnections() const;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Reply &reply);
    void releaseRound();

    QTcpServer m_server;
    QList<Reply> m_script;
    QList<std::pair<QByteArray, Reply>> m_routes;
    qsizetype m_next = 0;
    QList<Request> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    std::function<Reply(const Request &)> m_responder;
    QList<int> m_roundSizes;
    QTimer m_patience;
    QList<std::pair<QPointer<QTcpSocket>, Reply>> m_held;
    QList<int> m_rounds;
};

// Runs `work` on a thread of its own while the calling thread serves its stub servers (and
// whatever else lives there); false if it had not finished within `patience`.
bool runBeside(const std::function<void()> &work,
               std::chrono::milliseconds patience = std::chrono::minutes(2));

} // namespace Casefile::Tests
