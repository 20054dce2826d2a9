#include "fakestestsupport.h"

#include <QStandardPaths>

using namespace Casefile::Sandbox;
using namespace Casefile::Sandbox::Testing;
using namespace Qt::StringLiterals;

// Latency and fault injection: every kind is observable, and a stalled system never holds up
// another.
class FakeFaultsTest final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    static Headers authFor(const QJsonObject &connections, const QString &system)
    {
        const QByteArray token = secretOf(connections, system).toUtf8();
        if (system == u"github"_s || system == u"stripe"_s || system == u"llm"_s)
            return {{"Authorization"_ba, "Bearer "_ba + token}};
        if (system == u"pagerduty"_s)
            return {{"Authorization"_ba, "Token token="_ba + token},
                    {"Accept"_ba, "application/vnd.pagerduty+json;version=2"_ba}};
        if (system == u"helpdesk"_s)
            return {{"Authorization"_ba, basic(accountOf(connections, system) + u"/token"_s,
                                               secretOf(connections, system))}};
        if (system == u"jira"_s)
            return {{"Authorization"_ba,
                     basic(accountOf(connections, system), secretOf(connections, system))}};
        if (system == u"linear"_s)
            return {{"Authorization"_ba, token}};
        if (system == u"gateway"_s)
            return {{"x-portkey-api-key"_ba, token}};
        return {};
    }

    static QString probePath(const QString &system)
    {
        static const QMap<QString, QString> paths{
            {u"helpdesk"_s, u"/api/v2/tickets.json"_s},
            {u"github"_s, u"/repos/relay-ai/gateway/deployments"_s},
            {u"jira"_s, u"/rest/api/3/search/jql?jql=project%3DOPS&fields=summary"_s},
            {u"stripe"_s, u"/v1/customers"_s},
            {u"statuspage"_s, u"/openai/api/v2/summary.json"_s},
            {u"pagerduty"_s, u"/incidents"_s},
            {u"docs"_s, u"/api/search?q=fallback"_s},
            {u"gateway"_s, u"/v1/configs"_s},
            {u"llm"_s, u"/v1/models"_s}};
        return paths.value(system);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stalledSystemDoesNotHoldUpAnother()
    {
        FakeServices services(testScenario(), &stubBilling, QUrl());
        QVERIFY(services
                    .start({{u"statuspage"_s, ServiceOptions{0, FaultSpec{u"timeout"_s, 1.0}}},
                            {u"github"_s, ServiceOptions{3000, std::nullopt}}})
                    .has_value());
        const QJsonObject connections = services.profileConnections();
        QNetworkReply *stalled = m_network.get(QNetworkRequest(
            QUrl(services.url(u"statuspage"_s).toString() + probePath(u"statuspage"_s))));
        QNetworkRequest delayedRequest(
            QUrl(services.url(u"github"_s).toString() + probePath(u"github"_s)));
        delayedRequest.setRawHeader("Authorization"_ba,
                                    authFor(connections, u"github"_s).first().second);
        QNetworkReply *delayed = m_network.get(delayedRequest);
        // Docs answers while the other two are still waiting.
        const Reply docs = send(m_network, "GET"_ba,
                                QUrl(services.url(u"docs"_s).toString() + probePath(u"docs"_s)));
        QCOMPARE(docs.status, 200);
        QVERIFY(!stalled->isFinished());
        QVERIFY(!delayed->isFinished());
        // The delayed answer arrives; the stalled one never does.
        QTRY_VERIFY_WITH_TIMEOUT(delayed->isFinished(), 15000);
        QCOMPARE(delayed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(!stalled->isFinished());
        stalled->abort();
        stalled->deleteLater();
        delayed->deleteLater();
    }

    void sameSystemAnswersConcurrently()
    {
        // Half of the answers stall forever; the others, to the same system on other
        // connections, still arrive.
        FakeServices services(testScenario(), &stubBilling, QUrl());
        QVERIFY(services.start({{u"docs"_s, ServiceOptions{0, FaultSpec{u"timeout"_s, 0.5}}}})
                    .has_value());
        std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 8; ++i) {
            clients.push_back(std::make_unique<QNetworkAccessManager>());
            replies.append(clients.back()->get(
                QNetworkRequest(QUrl(services.url(u"docs"_s).toString() + probePath(u"docs"_s)))));
        }
        const auto finished = [&] {
            return std::count_if(replies.cbegin(), replies.cend(),
                                 [](QNetworkReply *r) { return r->isFinished(); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(finished() >= 2, 10000);
        QTest::qWait(300);
        QVERIFY(finished() > 0);
        QVERIFY(finished() < replies.size());
        for (QNetworkReply *r : std::as_const(replies)) {
            if (r->isFinished())
                QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            r->abort();
            r->deleteLater();
        }
    }

    void faultKinds_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("kind");
        const QStringList systems{u"helpdesk"_s, u"github"_s,     u"jira"_s,
                                  u"stripe"_s,   u"statuspage"_s, u"pagerduty"_s,
                                  u"docs"_s,     u"gateway"_s,    u"llm"_s};
        for (const QString &kind :
             {u"429"_s, u"500"_s, u"malformed"_s, u"reset"_s, u"slow"_s, u"timeout"_s}) {
            for (const QString &system : systems)
                QTest::newRow(qPrintable(system + u' ' + kind)) << system << kind;
        }
    }

    void faultKinds()
    {
        QFETCH(QString, system);
        QFETCH(QString, kind);
        FakeServices services(testScenario(), &stubBilling, QUrl());
        QVERIFY(services.start({{system, ServiceOptions{0, FaultSpec{kind, 1.0}}}}).has_value());
        const QJsonObject connections = services.profileConnections();
        const QUrl url(services.url(system).toString() + probePath(system));
        const Headers auth = authFor(connections, system);

        if (kind == u"timeout"_s) {
            const Reply reply = send(m_network, "GET"_ba, url, auth, {}, 700);
            QVERIFY(!reply.finished);
            return;
        }
        if (kind == u"slow"_s) {
            QNetworkRequest request(url);
            for (const auto &[k, v] : auth)
                request.setRawHeader(k, v);
            QNetworkReply *reply = m_network.get(request);
            int reads = 0;
            QByteArray body;
            connect(reply, &QNetworkReply::readyRead, this, [&] {
                ++reads;
                body += reply->readAll();
            });
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
            body += reply->readAll();
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QVERIFY2(reads >= 2, "a dripped answer arrives in pieces");
            QVERIFY(!QJsonDocument::fromJson(body).isNull());
            reply->deleteLater();
            return;
        }
        const Reply reply = send(m_network, "GET"_ba, url, auth);
        QVERIFY(reply.finished);
        if (kind == u"429"_s) {
            QCOMPARE(reply.status, 429);
            QCOMPARE(reply.header("Retry-After"), "1"_ba);
            QVERIFY(QJsonDocument::fromJson(reply.body).isObject());
            if (system == u"github"_s)
                QCOMPARE(reply.header("x-ratelimit-remaining"), "0"_ba);
            if (system == u"helpdesk"_s)
                QCOMPARE(reply.header("X-Rate-Limit-Remaining"), "0"_ba);
            if (system == u"jira"_s)
                QCOMPARE(reply.header("X-RateLimit-Remaining"), "0"_ba);
            if (system == u"pagerduty"_s)
                QCOMPARE(reply.header("ratelimit-remaining"), "0"_ba);
            if (system == u"stripe"_s)
                QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(),
                         u"rate_limit"_s);
        } else if (kind == u"500"_s) {
            QCOMPARE(reply.status, 500);
            QVERIFY(QJsonDocument::fromJson(reply.body).isObject());
            if (system == u"stripe"_s)
                QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"type"_s).toString(),
                         u"api_error"_s);
        } else if (kind == u"malformed"_s) {
            QCOMPARE(reply.status, 200);
            QJsonParseError error{};
            QJsonDocument::fromJson(reply.body, &error);
            QVERIFY(error.error != QJsonParseError::NoError);
        } else if (kind == u"reset"_s) {
            QVERIFY(reply.error != QNetworkReply::NoError);
        }
    }

    void linearAndClickhouseFaults()
    {
        FakeServices services(testScenario(), &stubBilling, QUrl());
        QVERIFY(services
                    .start({{u"linear"_s, ServiceOptions{0, FaultSpec{u"429"_s, 1.0}}},
                            {u"clickhouse"_s, ServiceOptions{0, FaultSpec{u"500"_s, 1.0}}}})
                    .has_value());
        const Reply linear =
            send(m_network, "POST"_ba, QUrl(services.url(u"linear"_s).toString() + u"/graphql"_s),
                 authFor(services.profileConnections(), u"linear"_s),
                 R"({"query":"{ viewer { id } }"})"_ba);
        QCOMPARE(linear.status, 429);
        QCOMPARE(linear.header("X-RateLimit-Requests-Remaining"), "0"_ba);
        QCOMPARE(linear.json()
                     .value(u"errors"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"extensions"_s)
                     .toObject()
                     .value(u"type"_s)
                     .toString(),
                 u"ratelimited"_s);
        const Reply clickhouse =
            send(m_network, "POST"_ba, QUrl(services.url(u"clickhouse"_s).toString() + u"/"_s), {},
                 "SELECT 1"_ba);
        QCOMPARE(clickhouse.status, 500);
        QVERIFY(clickhouse.body.startsWith("Code: 159, e.displayText() = DB::Exception:"));
    }

    void faultRateIsSeededAndPartial()
    {
        const auto run = [this] {
            FakeServices services(testScenario(), &stubBilling, QUrl());
            if (!services.start({{u"docs"_s, ServiceOptions{0, FaultSpec{u"500"_s, 0.5}}}}))
                return QList<int>{};
            QList<int> statuses;
            for (int i = 0; i < 24; ++i)
                statuses.append(
                    send(m_network, "GET"_ba,
                         QUrl(services.url(u"docs"_s).toString() + probePath(u"docs"_s)))
                        .status);
            return statuses;
        };
        const QList<int> first = run();
        QCOMPARE(first.size(), 24);
        QVERIFY(first.contains(200));
        QVERIFY(first.contains(500));
        QCOMPARE(run(), first);
    }

    void latencyDelaysAnswers()
    {
        FakeServices services(testScenario(), &stubBilling, QUrl());
        QVERIFY(services.start({{u"docs"_s, ServiceOptions{1500, std::nullopt}}}).has_value());
        // Not a timing assertion: with a short client deadline the answer is not there yet,
        // with a long one it is.
        QVERIFY(!send(m_network, "GET"_ba,
                      QUrl(services.url(u"docs"_s).toString() + probePath(u"docs"_s)), {}, {}, 200)
                     .finished);
        QCOMPARE(send(m_network, "GET"_ba,
                      QUrl(services.url(u"docs"_s).toString() + probePath(u"docs"_s)), {}, {},
                      15000)
                     .status,
                 200);
    }
};

QTEST_GUILESS_MAIN(FakeFaultsTest)
#include "tst_fakefaults.moc"
