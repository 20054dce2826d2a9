// A reply send killed (SIGKILL) mid-way, before and after the helpdesk accepted it, then a
// restart: the send is still on record as pending with its idempotency key, resuming it
// delivers the reply exactly once, and the store ends with one sent record.
//
// The send runs in a child process (this executable with --send-child) through the app's own
// send path (SendController → Store → ZendeskConnector) against a Zendesk-shaped fake here
// that can stall before or after it stores the comment. After the restart the reply editor
// tells about the interrupted send and holds its text.
#include "connectors/helpdesk/zendeskconnector.h"
#include "storage/sqlitestore.h"
#include "ui/diagnosiseditor.h"
#include "ui/sendcontroller.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

const QString InvestigationId = u"inv-interrupted"_s;
const QString TicketId = u"1042"_s;
const QString Body = u"Hi Ana,\n\nthe fix for the 503s is live since 10:40 UTC.\n"_s;

// Just enough of Zendesk for addComment: the comments of a ticket and the ticket update that
// adds one. Remembers every PUT with its Idempotency-Key.
class FakeZendesk final : public QObject
{
public:
    enum class Mode { Accept, StallBeforeAccept, StallAfterAccept };

    struct Put
    {
        QByteArray key;
        QByteArray body;
    };

    FakeZendesk()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QString url() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    void setMode(Mode mode) { m_mode = mode; }
    const QList<Put> &puts() const { return m_puts; }
    const QJsonArray &comments() const { return m_comments; }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        QByteArray key;
        qsizetype length = 0;
        for (const QByteArray &raw : lines.mid(1)) {
            const QByteArray line = raw.trimmed();
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            if (name == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
            else if (name == "idempotency-key")
                key = line.mid(colon + 1).trimmed();
        }
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray body = buffer.mid(end + 4, length);
        m_buffers.remove(socket);
        const QByteArray method = first.value(0);
        const QByteArray path = first.value(1).split('?').value(0);
        const QByteArray ticketPath = "/api/v2/tickets/"_ba + TicketId.toUtf8();
        if (method == "GET" && path == ticketPath + "/comments.json") {
            answer(socket, 200, QJsonObject{{u"comments"_s, m_comments}, {u"next_page"_s, {}}});
        } else if (method == "PUT" && path == ticketPath + ".json") {
            m_puts.append({key, body});
            if (m_mode == Mode::StallBeforeAccept)
                return; // never answers, never stores
            const QJsonObject comment = QJsonDocument::fromJson(body)
                                            .object()
                                            .value(u"ticket"_s)
                                            .toObject()
                                            .value(u"comment"_s)
                                            .toObject();
            const int id = 9000 + int(m_comments.size());
            m_comments.append(QJsonObject{{u"id"_s, id},
                                          {u"type"_s, u"Comment"_s},
                                          {u"body"_s, comment.value(u"body"_s)},
                                          {u"plain_body"_s, comment.value(u"body"_s)},
                                          {u"public"_s, comment.value(u"public"_s)}});
            if (m_mode == Mode::StallAfterAccept)
                return; // stored, but the answer never leaves
            answer(socket, 200,
                   QJsonObject{
                       {u"audit"_s,
                        QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"type"_s, u"Comment"_s},
                                                                         {u"id"_s, id}}}}}}});
        } else {
            answer(socket, 404, QJsonObject{{u"error"_s, u"RecordNotFound"_s}});
        }
    }

    static void answer(QTcpSocket *socket, int status, const QJsonObject &json)
    {
        const QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact);
        socket->write("HTTP/1.1 "_ba + QByteArray::number(status) +
                      " Fake\r\nContent-Type: application/json\r\nContent-Length: "_ba +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"_ba + body);
        socket->flush();
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Mode m_mode = Mode::Accept;
    QList<Put> m_puts;
    QJsonArray m_comments;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

std::shared_ptr<HelpdeskConnector> zendesk(const QString &url)
{
    ConnectionSettings s;
    s.system = u"helpdesk"_s;
    s.type = u"zendesk"_s;
    s.url = url;
    s.account = u"agent@acme.example"_s;
    return std::make_shared<Connectors::ZendeskConnector>(s, u"zendesk-token"_s);
}

// The child: one send through the app's send path; exits 0 when sent, 1 when it failed.
int sendChild(const QString &storePath, const QString &url)
{
    auto store = SqliteStore::open(storePath);
    if (!store)
        return 2;
    SendController sender;
    sender.setStore(std::move(*store));
    sender.setHelpdesk(zendesk(url));
    // The child runs on a QCoreApplication: not qApp, which is a QApplication where
    // <QApplication> is included.
    QCoreApplication *app = QCoreApplication::instance();
    QObject::connect(&sender, &SendController::sent, app, [] { QCoreApplication::exit(0); });
    QObject::connect(&sender, &SendController::failed, app, [] { QCoreApplication::exit(1); });
    if (!sender.send(InvestigationId, TicketId, Body, true))
        return 3;
    return QCoreApplication::exec();
}

} // namespace

class TestInterruptedSend final : public QObject
{
    Q_OBJECT

private slots:
    void killedMidSend_data()
    {
        QTest::addColumn<bool>("helpdeskAccepted");
        QTest::newRow("killed before the helpdesk accepted it") << false;
        QTest::newRow("killed after the helpdesk accepted it") << true;
    }

    void killedMidSend()
    {
        QFETCH(bool, helpdeskAccepted);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString storePath = dir.filePath(u"casefile.sqlite"_s);
        FakeZendesk helpdesk;
        helpdesk.setMode(helpdeskAccepted ? FakeZendesk::Mode::StallAfterAccept
                                          : FakeZendesk::Mode::StallBeforeAccept);

        // The first run: killed while the helpdesk holds the request.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {u"--send-child"_s, storePath, helpdesk.url()});
        QVERIFY(child.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            helpdesk.puts().size() == 1 || child.state() == QProcess::NotRunning, 60000);
        QCOMPARE(child.state(), QProcess::Running);
        child.kill(); // SIGKILL: no handler, no cleanup
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QCOMPARE(helpdesk.comments().size(), helpdeskAccepted ? 1 : 0);
        const QByteArray firstKey = helpdesk.puts().at(0).key;
        QVERIFY(!firstKey.isEmpty());

        // The restart: the send is on record, pending, with the key the helpdesk saw.
        auto store = SqliteStore::open(storePath);
        QVERIFY2(store.has_value(), qPrintable(store ? QString() : store.error().message));
        const std::shared_ptr<Store> shared = std::move(*store);
        auto before = shared->sends(InvestigationId);
        QVERIFY(before.has_value());
        QCOMPARE(before->size(), 1);
        QCOMPARE(before->at(0).state, SentReply::State::Pending);
        QCOMPARE(before->at(0).idempotencyKey.toUtf8(), firstKey);
        QCOMPARE(before->at(0).body, Body);
        QCOMPARE(before->at(0).ticketId, TicketId);
        {
            // The reply editor says so and holds the interrupted text, ready to send again.
            DiagnosisEditor editor;
            editor.setStore(shared);
            editor.setInvestigation(InvestigationId, TicketId, u"Composed diagnosis."_s);
            QTRY_VERIFY_WITH_TIMEOUT(editor.statusText().contains(u"unknown"_s), 10000);
            QVERIFY(editor.statusText().contains(TicketId));
            QCOMPARE(editor.markdown(), Body);
        }

        // Resuming it: the helpdesk answers now; the reply reaches the ticket exactly once.
        helpdesk.setMode(FakeZendesk::Mode::Accept);
        SendController sender;
        sender.setStore(shared);
        sender.setHelpdesk(zendesk(helpdesk.url()));
        QSignalSpy sent(&sender, &SendController::sent);
        QSignalSpy failed(&sender, &SendController::failed);
        QVERIFY(sender.send(before->at(0).investigationId, before->at(0).ticketId,
                            before->at(0).body, before->at(0).isPublic));
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QCOMPARE(helpdesk.comments().size(), 1);
        QCOMPARE(helpdesk.comments().at(0).toObject().value(u"body"_s).toString(), Body);
        // Posted again only when the first attempt never arrived, and then with the same key.
        QCOMPARE(helpdesk.puts().size(), helpdeskAccepted ? 1 : 2);
        for (const FakeZendesk::Put &put : helpdesk.puts())
            QCOMPARE(put.key, firstKey);

        const QString remoteId =
            QString::number(helpdesk.comments().at(0).toObject().value(u"id"_s).toInt());
        auto after = shared->sends(InvestigationId);
        QVERIFY(after.has_value());
        QCOMPARE(after->size(), 1);
        QCOMPARE(after->at(0).state, SentReply::State::Sent);
        QCOMPARE(after->at(0).remoteId, remoteId);

        // Sending the same reply once more (a second click, another restart) adds nothing.
        sent.clear();
        QVERIFY(sender.send(InvestigationId, TicketId, Body, true));
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY(failed.isEmpty());
        QCOMPARE(helpdesk.comments().size(), 1);
        QCOMPARE(helpdesk.puts().size(), helpdeskAccepted ? 1 : 2);
    }
};

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--send-child") == 0) {
        QCoreApplication app(argc, argv);
        return sendChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QApplication app(argc, argv);
    TestInterruptedSend test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_interruptedsend.moc"
