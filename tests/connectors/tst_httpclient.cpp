#include "connectors/common/httpclient.h"
#include "stubserver.h"

#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>
#include <QTimeZone>
#include <QTimer>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::StubServer;

class TestHttpClient : public QObject
{
    Q_OBJECT

private:
    static HttpClient client(ReadOnlyPolicy policy = ReadOnlyPolicy::readsOnly())
    {
        HttpClient::Options o;
        o.system = u"github"_s;
        o.displayName = u"GitHub"_s;
        o.policy = std::move(policy);
        o.backoffBase = 20ms;
        return HttpClient(o);
    }
    static HttpRequest get(const StubServer &server, const QByteArray &path = "/x")
    {
        HttpRequest r;
        r.url = QUrl::fromEncoded(QByteArray(server.baseUrl() + path));
        r.timeout = 5s;
        return r;
    }
    static WorkLimits limits(std::chrono::milliseconds deadline = 20s)
    {
        WorkLimits l;
        l.deadline = QDeadlineTimer(deadline);
        return l;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void okAnswer()
    {
        StubServer server;
        server.script({StubServer::json(R"({"ok":true})"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, R"({"ok":true})"_ba);
        QCOMPARE(r->attempts, 1);
    }

    void retryAfterThenOk()
    {
        StubServer server;
        server.script(
            {StubServer::http(429, R"({"message":"slow down"})"_ba, {{"Retry-After"_ba, "1"_ba}}),
             StubServer::json("{}"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->attempts, 2);
        QCOMPARE(server.requests().size(), 2);
    }

    void retryAfterBeyondDeadlineFailsAtOnce()
    {
        StubServer server;
        server.script({StubServer::http(429, "{}"_ba, {{"Retry-After"_ba, "30"_ba}})});
        auto r = client().send(get(server), limits(3s));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::RateLimited);
        QCOMPARE(r.error().message, u"rate limited by GitHub; retry after 30 s"_s);
        QCOMPARE(server.requests().size(), 1);
    }

    void githubRateLimit403()
    {
        StubServer server;
        const QByteArray reset = QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600);
        server.script({StubServer::http(
            403, R"({"message":"API rate limit exceeded for user"})"_ba,
            {{"x-ratelimit-remaining"_ba, "0"_ba}, {"x-ratelimit-reset"_ba, reset}})});
        auto r = client().send(get(server), limits(5s));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::RateLimited);
        QVERIFY2(r.error().message.startsWith(u"rate limited by GitHub; retry after "_s),
                 qPrintable(r.error().message));
        QCOMPARE(server.requests().size(), 1);
    }

    void missingScope403()
    {
        StubServer server;
        server.script({StubServer::http(
            403, R"({"message":"Resource not accessible by personal access token"})"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::Unauthorized);
        QVERIFY2(r.error().message.contains(u"scope"_s), qPrintable(r.error().message));
        QCOMPARE(server.requests().size(), 1); // never retried
    }

    void status_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("requests");
        QTest::newRow("401") << 401 << R"({"message":"Bad credentials"})"_ba
                             << int(Error::Code::Unauthorized)
                             << u"GitHub rejected the token (HTTP 401: Bad credentials)"_s << 1;
        QTest::newRow("404") << 404 << R"({"message":"Not Found"})"_ba << int(Error::Code::NotFound)
                             << u"GitHub has no /x (HTTP 404: Not Found)"_s << 1;
        QTest::newRow("503 retried twice") << 503 << "upstream down"_ba << int(Error::Code::Server)
                                           << u"GitHub failed (HTTP 503: upstream down)"_s << 3;
        QTest::newRow("500 not retried")
            << 500 << R"({"error":{"message":"boom"}})"_ba << int(Error::Code::Server)
            << u"GitHub failed (HTTP 500: boom)"_s << 1;
        QTest::newRow("400") << 400 << R"({"errorMessages":["bad jql"]})"_ba
                             << int(Error::Code::InvalidInput)
                             << u"GitHub refused the request (HTTP 400: bad jql)"_s << 1;
    }
    void status()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(int, requests);
        StubServer server;
        server.script({StubServer::http(status, body)});
        auto r = client().send(get(server), limits());
        QVERIFY(!r.has_value());
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(r.error().message, message);
        QCOMPARE(server.requests().size(), requests);
    }

    void retries503ThenOk()
    {
        StubServer server;
        server.script({StubServer::http(503, ""_ba), StubServer::http(502, ""_ba),
                       StubServer::json("[]"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->attempts, 3);
    }

    void nonIdempotentNotRetried()
    {
        StubServer server;
        server.script({StubServer::http(503, ""_ba), StubServer::json("{}"_ba)});
        HttpRequest r = get(server, "/api/v2/tickets/1.json");
        r.method = "PUT";
        r.body = "{}";
        auto result =
            client(ReadOnlyPolicy::readsOnly().allow("PUT"_ba, u"/api/v2/tickets/\\d+\\.json"_s))
                .send(r, limits());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Server);
        QCOMPARE(server.requests().size(), 1);
    }

    void timeout()
    {
        StubServer server;
        server.script({StubServer::stall()});
        HttpRequest r = get(server);
        r.timeout = 300ms;
        auto result = client().send(r, limits());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Timeout);
        QCOMPARE(result.error().message, u"github did not answer within 300 ms"_s);
        QCOMPARE(server.requests().size(), 1);
    }

    void deadlineCapsTimeout()
    {
        StubServer server;
        server.script({StubServer::stall()});
        auto result = client().send(get(server), limits(400ms)); // request timeout is 5 s
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Timeout);
    }

    void retryCutShortSaysWhyTheFirstFailed()
    {
        // A 503, then a retry that outlasts the step's deadline: the error names both.
        StubServer server;
        server.script({StubServer::http(503, "{}"_ba), StubServer::stall()});
        auto result = client().send(get(server), limits(600ms));
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Timeout);
        QVERIFY2(result.error().message.startsWith(u"github did not answer within"_s),
                 qPrintable(result.error().message));
        QVERIFY2(result.error().message.endsWith(u"(the attempt before: HTTP 503)"_s),
                 qPrintable(result.error().message));
        QCOMPARE(server.requests().size(), 2);
    }

    void cancelMidRequest()
    {
        StubServer server;
        server.script({StubServer::stall()});
        WorkLimits l = limits();
        QTimer::singleShot(150ms, this, [l] { l.cancel.cancel(); });
        auto result = client().send(get(server), l);
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Cancelled);
        QCOMPARE(server.requests().size(), 1);
        // The request was aborted: the server sees its connection go away.
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void connectionReset()
    {
        StubServer server;
        server.script({StubServer::reset(), StubServer::json("{}"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(server.requests().size(), 2);

        StubServer always;
        always.script({StubServer::reset()});
        auto failed = client().send(get(always), limits());
        QVERIFY(!failed.has_value());
        QCOMPARE(failed.error().code, Error::Code::Unreachable);
        // Our two retries; Qt's network stack may add one of its own on a closed connection.
        QVERIFY2(always.requests().size() >= 3 && always.requests().size() <= 6,
                 qPrintable(QString::number(always.requests().size())));
    }

    // An answer cut short (fewer bytes than its Content-Length, then the connection reset) is a
    // closed connection, retried like one, never a response with half a body.
    void answerCutShort()
    {
        StubServer server;
        const QByteArray body = R"({"issues": [{"key": "GW-1", "summary": "a long title"}]})"_ba;
        server.script({StubServer::cutShort(body), StubServer::json("{}"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->body, "{}"_ba);

        StubServer always;
        always.script({StubServer::cutShort(body)});
        auto failed = client().send(get(always), limits());
        QVERIFY(!failed.has_value());
        QCOMPARE(failed.error().code, Error::Code::Unreachable);
        QVERIFY2(failed.error().message.contains(u"closed"_s), qPrintable(failed.error().message));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        HttpRequest r;
        r.url = QUrl(u"http://127.0.0.1:%1/user"_s.arg(port));
        auto result = client().send(r, limits());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Unreachable);
        QCOMPARE(result.error().message,
                 u"Cannot reach github at http://127.0.0.1:%1: connection refused"_s.arg(port));
    }

    void policyRefusesWrites()
    {
        StubServer server;
        server.script({StubServer::json("{}"_ba)});
        HttpRequest r = get(server);
        r.method = "DELETE";
        auto result = client().send(r, limits());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Unsupported);
        r.method = "PUT";
        r.url = QUrl::fromEncoded(QByteArray(server.baseUrl() + "/api/v2/users/1.json"));
        result =
            client(ReadOnlyPolicy::readsOnly().allow("PUT"_ba, u"/api/v2/tickets/\\d+\\.json"_s))
                .send(r, limits());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::Unsupported);
        QCOMPARE(server.requests().size(), 0);
    }

    void workerThreads()
    {
        // Connectors call send() from pool threads, each with its own network manager.
        StubServer server;
        server.script({StubServer::json("{}"_ba)});
        const HttpClient c = client();
        const HttpRequest request = get(server);
        std::atomic_int ok = 0;
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        for (int i = 0; i < 8; ++i) {
            pool.start([&] {
                if (c.send(request, limits()))
                    ++ok;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(ok.load(), 8, 15000);
        pool.waitForDone();
        QCOMPARE(server.requests().size(), 8);
    }

    void badUrl()
    {
        HttpRequest r;
        r.url = QUrl(u"ftp://example.com/x"_s);
        auto result = client().send(r, limits());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, Error::Code::InvalidInput);
    }

    void malformedJson()
    {
        StubServer server;
        server.script({StubServer::json(R"({"data": [1, 2,)"_ba)});
        auto r = client().send(get(server), limits());
        QVERIFY(r.has_value());
        auto doc = parseJson(r->body, u"stripe"_s);
        QVERIFY(!doc.has_value());
        QCOMPARE(doc.error().code, Error::Code::Parse);
        QVERIFY2(doc.error().message.startsWith(u"stripe answered with malformed JSON: "_s),
                 qPrintable(doc.error().message));
        QVERIFY(!parseJsonObject("[]"_ba, u"stripe"_s).has_value());
        QVERIFY(!parseJson(""_ba, u"stripe"_s).has_value());
    }

    void secretsNeverInErrors()
    {
        const QByteArray token = "ghp_SuperSecretToken123456"_ba;
        StubServer server;
        server.script({StubServer::http(
            401, R"({"message":"Bad credentials for token ghp_SuperSecretToken123456"})"_ba)});
        HttpRequest r = get(server, "/x?password=hunter22&token=abc123456");
        r.setHeader("Authorization"_ba, "Bearer "_ba + token);
        r.setHeader("x-portkey-api-key"_ba, "pk-live-0987654321"_ba);
        auto result = client().send(r, limits());
        QVERIFY(!result.has_value());
        const QString all = result.error().message + u"\n"_s + result.error().detail;
        QVERIFY2(!all.contains(QString::fromLatin1(token)), qPrintable(all));
        QVERIFY2(!all.contains(u"hunter22"_s), qPrintable(all));
        QVERIFY2(!all.contains(u"abc123456"_s), qPrintable(all));
        QVERIFY2(!all.contains(u"pk-live-0987654321"_s), qPrintable(all));
        QVERIFY(result.error().message.startsWith(u"GitHub rejected the token (HTTP 401"_s));
        // The server did get the credentials.
        QCOMPARE(server.requests().value(0).header("Authorization"_ba), "Bearer "_ba + token);
    }

    void redact_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<QString>("expected");
        QTest::newRow("authorization header")
            << u"Authorization: Bearer abc.def-123"_s << QStringList() << u"Authorization: ***"_s;
        QTest::newRow("basic") << u"sent Basic dXNlcjpwYXNz ok"_s << QStringList()
                               << u"sent Basic *** ok"_s;
        QTest::newRow("portkey header")
            << u"x-portkey-api-key: pk_123456"_s << QStringList() << u"x-portkey-api-key: ***"_s;
        QTest::newRow("clickhouse key")
            << u"X-ClickHouse-Key=s3cr3t"_s << QStringList() << u"X-ClickHouse-Key=***"_s;
        QTest::newRow("password param") << u"GET /?user=a&password=hunter2&x=1"_s << QStringList()
                                        << u"GET /?user=a&password=***&x=1"_s;
        QTest::newRow("token param")
            << u"token=abcdef; next"_s << QStringList() << u"token=***; next"_s;
        QTest::newRow("json field")
            << uR"({"api_key":"sk-live-1"})"_s << QStringList() << uR"({"api_key":"***"})"_s;
        QTest::newRow("pagerduty") << u"Authorization: Token token=y_NbAkKc66ryYTWUXYEu"_s
                                   << QStringList() << u"Authorization: ***"_s;
        QTest::newRow("known secret")
            << u"the server said sk_test_4242 is wrong"_s << QStringList{u"sk_test_4242"_s}
            << u"the server said *** is wrong"_s;
        QTest::newRow("harmless")
            << u"Cannot reach github at http://127.0.0.1:1: connection refused"_s << QStringList()
            << u"Cannot reach github at http://127.0.0.1:1: connection refused"_s;
    }
    void redact()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, secrets);
        QFETCH(QString, expected);
        QCOMPARE(Connectors::redact(input, secrets), expected);
    }

    void redactUrlAndHeaders()
    {
        QCOMPARE(redactUrl(QUrl(u"http://bob:pw@h:1/p?password=x&database=d"_s)),
                 u"http://h:1/p?password=***&database=d"_s);
        QCOMPARE(redactHeaderValue("Authorization"_ba, "Bearer x"_ba), "***"_ba);
        QCOMPARE(redactHeaderValue("X-ClickHouse-Key"_ba, "x"_ba), "***"_ba);
        QCOMPARE(redactHeaderValue("Accept"_ba, "application/json"_ba), "application/json"_ba);
    }

    void retryAfterHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expectedMs");
        const QDateTime now = QDateTime::fromString(u"2026-11-20T10:00:00Z"_s, Qt::ISODate);
        QTest::newRow("seconds") << "Retry-After"_ba
                                 << "7"_ba << qint64(7000);
        QTest::newRow("http date") << "Retry-After"_ba
                                   << "Fri, 20 Nov 2026 10:00:30 GMT"_ba << qint64(30000);
        QTest::newRow("github epoch")
            << "x-ratelimit-reset"_ba << QByteArray::number(now.toSecsSinceEpoch() + 60)
            << qint64(60000);
        QTest::newRow("delta") << "X-RateLimit-Reset"_ba
                               << "12"_ba << qint64(12000);
        QTest::newRow("jira iso") << "X-RateLimit-Reset"_ba
                                  << "2026-11-20T10:02Z"_ba << qint64(120000);
        QTest::newRow("pagerduty") << "ratelimit-reset"_ba
                                   << "3"_ba << qint64(3000);
        // Found by fuzzing: absurd numbers are a year's wait (they were undefined behaviour).
        const qint64 year = qint64(365) * 24 * 3600 * 1000;
        QTest::newRow("huge seconds") << "Retry-After"_ba << QByteArray(70, '7') << year;
        QTest::newRow("infinite ms") << "retry-after-ms"_ba
                                     << "inf"_ba << year;
        QTest::newRow("huge delta") << "ratelimit-reset"_ba
                                    << "1e300"_ba << year;
        QTest::newRow("epoch past 9999")
            << "x-ratelimit-reset"_ba
            << "1e300"_ba
            << now.msecsTo(QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), QTimeZone::utc()));
    }
    void retryAfterHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(qint64, expectedMs);
        const QDateTime now = QDateTime::fromString(u"2026-11-20T10:00:00Z"_s, Qt::ISODate);
        HttpResponse r;
        r.status = 429;
        r.headers.append({name, value});
        const auto wait = retryAfter(r, now);
        QVERIFY(wait.has_value());
        QCOMPARE(qint64(wait->count()), expectedMs);
    }

    void vendorMessages_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("github") << R"({"message":"Bad credentials","documentation_url":"x"})"_ba
                                << u"Bad credentials"_s;
        QTest::newRow("stripe")
            << R"({"error":{"type":"invalid_request_error","message":"No such customer"}})"_ba
            << u"No such customer"_s;
        QTest::newRow("zendesk") << R"({"error":"RecordNotFound","description":"Not found"})"_ba
                                 << u"RecordNotFound (Not found)"_s;
        QTest::newRow("jira") << R"({"errorMessages":["Issue does not exist"],"errors":{}})"_ba
                              << u"Issue does not exist"_s;
        QTest::newRow("pagerduty")
            << R"({"error":{"code":2006,"message":"Invalid Token"}})"_ba << u"Invalid Token"_s;
        QTest::newRow("graphql") << R"({"errors":[{"message":"Authentication required"}]})"_ba
                                 << u"Authentication required"_s;
        QTest::newRow("text") << "Code: 60, e.displayText() = DB::Exception: x\nmore"_ba
                              << u"Code: 60, e.displayText() = DB::Exception: x"_s;
        QTest::newRow("html") << "<html><body>502</body></html>"_ba << QString();
    }
    void vendorMessages()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(vendorErrorMessage(body), expected);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
