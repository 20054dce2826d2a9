#include "fakestestsupport.h"

#include <QStandardPaths>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Casefile::Sandbox;
using namespace Casefile::Sandbox::Testing;
using namespace Qt::StringLiterals;

// Each vendor fake: happy path, paging, its 401 shape and its rate-limit headers.
class VendorFakesTest final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeServices> m_services;
    QJsonObject m_connections;
    QNetworkAccessManager m_network;

    QUrl at(const QString &system, const QString &pathAndQuery) const
    {
        return QUrl(m_services->url(system).toString() + pathAndQuery);
    }
    Headers zendeskAuth() const
    {
        return {{"Authorization"_ba, basic(accountOf(m_connections, u"helpdesk"_s) + u"/token"_s,
                                           secretOf(m_connections, u"helpdesk"_s))}};
    }
    Headers bearer(const QString &system) const
    {
        return {{"Authorization"_ba, "Bearer "_ba + secretOf(m_connections, system).toUtf8()}};
    }
    Reply linear(const QString &query, const QJsonObject &variables = {})
    {
        return send(
            m_network, "POST"_ba, at(u"linear"_s, u"/graphql"_s),
            {{"Authorization"_ba, secretOf(m_connections, u"linear"_s).toUtf8()}},
            QJsonDocument(QJsonObject{{u"query"_s, query}, {u"variables"_s, variables}}).toJson());
    }
    Headers jiraAuth() const
    {
        return {{"Authorization"_ba,
                 basic(accountOf(m_connections, u"jira"_s), secretOf(m_connections, u"jira"_s))}};
    }
    Headers pagerDutyAuth() const
    {
        return {{"Authorization"_ba,
                 "Token token="_ba + secretOf(m_connections, u"pagerduty"_s).toUtf8()},
                {"Accept"_ba, "application/vnd.pagerduty+json;version=2"_ba}};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QJsonObject scenario = testScenario();
        QVERIFY2(!scenario.isEmpty(),
                 "CASEFILE_DEMO_SCENARIO (resources/demo/demo-scenario.json) not readable");
        m_services = std::make_unique<FakeServices>(scenario, &stubBilling, QUrl());
        const auto started = m_services->start({});
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        m_connections = m_services->profileConnections();
    }

    void profileShape()
    {
        for (const QString &system : FakeServices::systemNames()) {
            QVERIFY2(m_connections.contains(system), qPrintable(system));
            QVERIFY(m_services->url(system).isValid());
            QCOMPARE(m_services->url(system).host(), u"127.0.0.1"_s);
        }
        QCOMPARE(m_connections.value(u"helpdesk"_s).toObject().value(u"type"_s).toString(),
                 u"zendesk"_s);
        QCOMPARE(accountOf(m_connections, u"helpdesk"_s), u"agent@sandbox.casefile"_s);
        QCOMPARE(m_connections.value(u"github"_s)
                     .toObject()
                     .value(u"options"_s)
                     .toObject()
                     .value(u"repo"_s)
                     .toString(),
                 u"relay-ai/gateway"_s);
        QCOMPARE(m_connections.value(u"stripe"_s)
                     .toObject()
                     .value(u"options"_s)
                     .toObject()
                     .value(u"meter"_s)
                     .toString(),
                 u"llm_tokens"_s);
        QVERIFY(secretOf(m_connections, u"stripe"_s).startsWith(u"sk_test_"_s));
        const QJsonObject pages = m_connections.value(u"statuspage"_s)
                                      .toObject()
                                      .value(u"options"_s)
                                      .toObject()
                                      .value(u"pages"_s)
                                      .toObject();
        QCOMPARE(pages.value(u"openai"_s).toString(),
                 m_services->url(u"statuspage"_s).toString() + u"/openai"_s);
        QCOMPARE(m_connections.value(u"gateway"_s).toObject().value(u"url"_s).toString(),
                 m_services->url(u"gateway"_s).toString() + u"/v1"_s);
        QCOMPARE(m_connections.value(u"llm"_s)
                     .toObject()
                     .value(u"options"_s)
                     .toObject()
                     .value(u"model"_s)
                     .toString(),
                 u"casefile-sandbox-1"_s);
        QCOMPARE(m_connections.value(u"clickhouse"_s)
                     .toObject()
                     .value(u"options"_s)
                     .toObject()
                     .value(u"database"_s)
                     .toString(),
                 u"casefile"_s);
    }

    void unknownOptionsAreRefused()
    {
        FakeServices services(testScenario(), &stubBilling, QUrl());
        QVERIFY(!services.start({{u"nosuch"_s, ServiceOptions{}}}).has_value());
        FakeServices other(testScenario(), &stubBilling, QUrl());
        QVERIFY(!other.start({{u"github"_s, ServiceOptions{0, FaultSpec{u"explode"_s, 1.0}}}})
                     .has_value());
    }

    void zendeskTicketsOffsetPaging()
    {
        const Reply first =
            send(m_network, "GET"_ba, at(u"helpdesk"_s, u"/api/v2/tickets.json?per_page=2"_s),
                 zendeskAuth());
        QCOMPARE(first.status, 200);
        const QJsonObject body = first.json();
        QCOMPARE(body.value(u"tickets"_s).toArray().size(), 2);
        QCOMPARE(body.value(u"count"_s).toInt(), 5);
        QVERIFY(body.value(u"next_page"_s).isString());
        QVERIFY(body.value(u"previous_page"_s).isNull());
        QVERIFY(!first.header("X-Rate-Limit-Remaining").isEmpty());
        // Follow next_page to the end.
        int seen = 2;
        QString next = body.value(u"next_page"_s).toString();
        while (!next.isEmpty()) {
            const Reply page = send(m_network, "GET"_ba, QUrl(next), zendeskAuth());
            QCOMPARE(page.status, 200);
            seen += static_cast<int>(page.json().value(u"tickets"_s).toArray().size());
            next = page.json().value(u"next_page"_s).toString();
        }
        QCOMPARE(seen, 5);
    }

    void zendeskTicketsCursorPagingAndSideloads()
    {
        QStringList ids;
        QString url = at(u"helpdesk"_s,
                         u"/api/v2/tickets.json?page%5Bsize%5D=2&include=users,organizations"_s)
                          .toString();
        int pages = 0;
        while (!url.isEmpty()) {
            const Reply reply = send(m_network, "GET"_ba, QUrl(url), zendeskAuth());
            QCOMPARE(reply.status, 200);
            const QJsonObject body = reply.json();
            for (const QJsonValue &t : body.value(u"tickets"_s).toArray())
                ids.append(QString::number(t.toObject().value(u"id"_s).toInteger()));
            QVERIFY(body.value(u"users"_s).isArray());
            QVERIFY(body.value(u"organizations"_s).isArray());
            const bool more = body.value(u"meta"_s).toObject().value(u"has_more"_s).toBool();
            url = more ? body.value(u"links"_s).toObject().value(u"next"_s).toString() : QString();
            QVERIFY(++pages < 10);
        }
        QCOMPARE(ids.size(), 5);
        QCOMPARE(ids.first(), u"1042"_s);
    }

    void zendeskTicketShape()
    {
        const Reply reply =
            send(m_network, "GET"_ba,
                 at(u"helpdesk"_s, u"/api/v2/tickets/1042.json?include=users,organizations"_s),
                 zendeskAuth());
        QCOMPARE(reply.status, 200);
        const QJsonObject ticket = reply.json().value(u"ticket"_s).toObject();
        QCOMPARE(ticket.value(u"subject"_s).toString(),
                 u"Dashboard is loading slowly since this morning"_s);
        QVERIFY(ticket.value(u"requester_id"_s).isDouble());
        const qint64 orgId = ticket.value(u"organization_id"_s).toInteger();
        const QJsonArray orgs = reply.json().value(u"organizations"_s).toArray();
        QCOMPARE(orgs.size(), 1);
        QCOMPARE(orgs.at(0).toObject().value(u"id"_s).toInteger(), orgId);
        QCOMPARE(orgs.at(0).toObject().value(u"external_id"_s).toString(), u"org_acme"_s);
        QCOMPARE(orgs.at(0).toObject().value(u"domain_names"_s).toArray().at(0).toString(),
                 u"acme.dev"_s);
        const QJsonArray users = reply.json().value(u"users"_s).toArray();
        QCOMPARE(users.at(0).toObject().value(u"email"_s).toString(), u"jun@acme.dev"_s);
        const Reply user =
            send(m_network, "GET"_ba,
                 at(u"helpdesk"_s,
                    u"/api/v2/users/%1.json"_s.arg(ticket.value(u"requester_id"_s).toInteger())),
                 zendeskAuth());
        QCOMPARE(user.json().value(u"user"_s).toObject().value(u"name"_s).toString(),
                 u"Jun Park"_s);
        const Reply comments =
            send(m_network, "GET"_ba, at(u"helpdesk"_s, u"/api/v2/tickets/1042/comments.json"_s),
                 zendeskAuth());
        QCOMPARE(comments.json()
                     .value(u"comments"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"body"_s)
                     .toString(),
                 ticket.value(u"description"_s).toString());
        const Reply organizations = send(
            m_network, "GET"_ba, at(u"helpdesk"_s, u"/api/v2/organizations.json"_s), zendeskAuth());
        QCOMPARE(organizations.json().value(u"organizations"_s).toArray().size(), 2);
        QCOMPARE(send(m_network, "GET"_ba, at(u"helpdesk"_s, u"/api/v2/tickets/999.json"_s),
                      zendeskAuth())
                     .status,
                 404);
    }

    void zendeskSearch_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("count");
        QTest::newRow("type only") << u"type:ticket"_s << 5;
        QTest::newRow("status open") << u"type:ticket status:open"_s << 4;
        QTest::newRow("status below solved") << u"type:ticket status<solved"_s << 4;
        QTest::newRow("word") << u"type:ticket dashboard"_s << 1;
        QTest::newRow("phrase") << u"type:ticket \"TLS errors\""_s << 3;
        QTest::newRow("created after") << u"type:ticket created>2026-11-20"_s << 2;
        QTest::newRow("organization") << u"type:ticket organization:org_bluefin"_s << 1;
        QTest::newRow("requester") << u"type:ticket requester:ana@bluefin.health"_s << 1;
        QTest::newRow("no match") << u"type:ticket kubernetes"_s << 0;
    }

    void zendeskSearch()
    {
        QFETCH(QString, query);
        QFETCH(int, count);
        QUrlQuery q;
        q.addQueryItem(u"query"_s, QString::fromLatin1(QUrl::toPercentEncoding(query)));
        const Reply reply =
            send(m_network, "GET"_ba,
                 at(u"helpdesk"_s, u"/api/v2/search.json?"_s + q.toString(QUrl::FullyEncoded)),
                 zendeskAuth());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"count"_s).toInt(), count);
        for (const QJsonValue &r : reply.json().value(u"results"_s).toArray())
            QCOMPARE(r.toObject().value(u"result_type"_s).toString(), u"ticket"_s);
    }

    void zendeskAddCommentIsIdempotent()
    {
        const QByteArray body =
            R"({"ticket":{"comment":{"body":"We rolled back deploy 447.","public":false}}})"_ba;
        Headers headers = zendeskAuth();
        headers.append({"Idempotency-Key"_ba, "reply-1043-1"_ba});
        const Reply first = send(m_network, "PUT"_ba,
                                 at(u"helpdesk"_s, u"/api/v2/tickets/1043.json"_s), headers, body);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger(), 1043);
        const Reply again = send(m_network, "PUT"_ba,
                                 at(u"helpdesk"_s, u"/api/v2/tickets/1043.json"_s), headers, body);
        QCOMPARE(again.status, 200);
        QCOMPARE(m_services->receivedComments(u"1043"_s).size(), 1);
        const QJsonObject comment = m_services->receivedComments(u"1043"_s).first();
        QCOMPARE(comment.value(u"body"_s).toString(), u"We rolled back deploy 447."_s);
        QCOMPARE(comment.value(u"public"_s).toBool(), false);
        // Another key is another comment; the comments list shows both after the description.
        headers.last().second = "reply-1043-2"_ba;
        QCOMPARE(send(m_network, "PUT"_ba, at(u"helpdesk"_s, u"/api/v2/tickets/1043.json"_s),
                      headers, body)
                     .status,
                 200);
        QCOMPARE(m_services->receivedComments(u"1043"_s).size(), 2);
        const Reply comments =
            send(m_network, "GET"_ba, at(u"helpdesk"_s, u"/api/v2/tickets/1043/comments.json"_s),
                 zendeskAuth());
        QCOMPARE(comments.json().value(u"comments"_s).toArray().size(), 3);
        // An empty comment is refused.
        const Reply blank =
            send(m_network, "PUT"_ba, at(u"helpdesk"_s, u"/api/v2/tickets/1043.json"_s),
                 zendeskAuth(), R"({"ticket":{"comment":{"body":"  "}}})"_ba);
        QCOMPARE(blank.status, 422);
    }

    void unauthorizedShapes_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("jsonPointer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zendesk") << u"helpdesk"_s << "GET"_ba << u"/api/v2/tickets.json"_s
                                 << basic(u"agent@sandbox.casefile/token"_s, u"wrong"_s)
                                 << u"error"_s << u"Couldn't authenticate you"_s;
        QTest::newRow("github") << u"github"_s << "GET"_ba
                                << u"/repos/relay-ai/gateway/deployments"_s << "Bearer wrong"_ba
                                << u"message"_s << u"Bad credentials"_s;
        QTest::newRow("linear") << u"linear"_s << "POST"_ba << u"/graphql"_s << "wrong"_ba
                                << u"errors/0/extensions/type"_s << u"authentication error"_s;
        QTest::newRow("jira") << u"jira"_s << "GET"_ba
                              << u"/rest/api/3/search/jql?jql=project%3DOPS"_s
                              << basic(u"agent@sandbox.casefile"_s, u"wrong"_s)
                              << u"errorMessages/0"_s
                              << u"Client must be authenticated to access this resource."_s;
        QTest::newRow("stripe") << u"stripe"_s << "GET"_ba << u"/v1/customers"_s
                                << "Bearer sk_test_wrong"_ba << u"error/type"_s
                                << u"invalid_request_error"_s;
        QTest::newRow("pagerduty")
            << u"pagerduty"_s << "GET"_ba << u"/incidents"_s << "Token token=wrong"_ba
            << u"error/message"_s << u"Invalid Credentials"_s;
        QTest::newRow("llm") << u"llm"_s << "GET"_ba << u"/v1/models"_s << "Bearer wrong"_ba
                             << u"error/code"_s << u"invalid_api_key"_s;
        QTest::newRow("docs wrong bearer") << u"docs"_s << "GET"_ba << u"/api/search?q=fallback"_s
                                           << "Bearer wrong"_ba << u"error"_s << u"unauthorized"_s;
    }

    void unauthorizedShapes()
    {
        QFETCH(QString, system);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, authorization);
        QFETCH(QString, jsonPointer);
        QFETCH(QString, expected);
        const Reply reply =
            send(m_network, method, at(system, path), {{"Authorization"_ba, authorization}},
                 method == "POST" ? R"({"query":"{ viewer { id } }"})"_ba : QByteArray());
        QCOMPARE(reply.status, 401);
        QJsonValue value = QJsonDocument::fromJson(reply.body).object();
        for (const QString &part : jsonPointer.split(u'/')) {
            bool isIndex = false;
            const int index = part.toInt(&isIndex);
            value = isIndex ? value.toArray().at(index) : value.toObject().value(part);
        }
        QCOMPARE(value.toString(), expected);
        QVERIFY2(!reply.body.contains(secretOf(m_connections, system).toUtf8()) ||
                     secretOf(m_connections, system).isEmpty(),
                 "an answer must not echo a token");
    }

    void portkeyUnauthorized()
    {
        const Reply reply = send(m_network, "GET"_ba, at(u"gateway"_s, u"/v1/configs"_s),
                                 {{"x-portkey-api-key"_ba, "wrong"_ba}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(u"success"_s).toBool(true), false);
    }

    void githubDeploymentsAndPaging()
    {
        const Reply all =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/deployments?environment=production"_s),
                 bearer(u"github"_s));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.array().size(), 2);
        QCOMPARE(all.array().at(0).toObject().value(u"id"_s).toInteger(), 447); // newest first
        QVERIFY(!all.array().at(0).toObject().contains(u"statuses"_s));
        QCOMPARE(all.header("x-ratelimit-resource"), "core"_ba);
        QVERIFY(!all.header("x-ratelimit-remaining").isEmpty());
        QVERIFY(!all.header("x-ratelimit-reset").isEmpty());

        const Reply first =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/deployments?per_page=1"_s),
                 bearer(u"github"_s));
        QCOMPARE(first.array().size(), 1);
        const QByteArray link = first.header("Link");
        QVERIFY2(link.contains("rel=\"next\"") && link.contains("rel=\"last\""), link.constData());
        const qsizetype start = link.indexOf('<') + 1;
        const QUrl next(QString::fromUtf8(link.mid(start, link.indexOf('>') - start)));
        const Reply second = send(m_network, "GET"_ba, next, bearer(u"github"_s));
        QCOMPARE(second.array().at(0).toObject().value(u"id"_s).toInteger(), 446);
        QVERIFY(!second.header("Link").contains("rel=\"next\""));

        const Reply bySha =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/deployments?sha=9f1c2e7"_s),
                 bearer(u"github"_s));
        QCOMPARE(bySha.array().size(), 1);
        const Reply statuses =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/deployments/447/statuses"_s),
                 bearer(u"github"_s));
        QCOMPARE(statuses.array().at(0).toObject().value(u"state"_s).toString(), u"success"_s);
        QCOMPARE(send(m_network, "GET"_ba, at(u"github"_s, u"/repos/other/repo/deployments"_s),
                      bearer(u"github"_s))
                     .status,
                 404);
    }

    void githubCommitsPullsCompare()
    {
        const Reply commits = send(
            m_network, "GET"_ba,
            at(u"github"_s,
               u"/repos/relay-ai/gateway/commits?since=2026-11-20T08:00:00Z&until=2026-11-20T10:00:00Z"_s),
            bearer(u"github"_s));
        QCOMPARE(commits.status, 200);
        QCOMPARE(commits.array().size(), 1);
        QVERIFY(
            commits.array().at(0).toObject().value(u"sha"_s).toString().startsWith(u"9f1c2e7"_s));
        QVERIFY(!commits.array().at(0).toObject().contains(u"files"_s));
        const Reply commit =
            send(m_network, "GET"_ba, at(u"github"_s, u"/repos/relay-ai/gateway/commits/9f1c2e7"_s),
                 bearer(u"github"_s));
        QCOMPARE(commit.json().value(u"files"_s).toArray().size(), 2);
        QCOMPARE(commit.json().value(u"stats"_s).toObject().value(u"total"_s).toInt(), 63);
        const Reply pulls =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/commits/9f1c2e7/pulls"_s),
                 bearer(u"github"_s));
        QCOMPARE(pulls.array().size(), 1);
        QCOMPARE(pulls.array().at(0).toObject().value(u"number"_s).toInt(), 812);
        QCOMPARE(send(m_network, "GET"_ba, at(u"github"_s, u"/repos/relay-ai/gateway/pulls"_s),
                      bearer(u"github"_s))
                     .array()
                     .size(),
                 0);
        QCOMPARE(send(m_network, "GET"_ba,
                      at(u"github"_s, u"/repos/relay-ai/gateway/pulls?state=closed"_s),
                      bearer(u"github"_s))
                     .array()
                     .size(),
                 1);
        const Reply compare =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/compare/41aa0d3...9f1c2e7"_s),
                 bearer(u"github"_s));
        QCOMPARE(compare.json().value(u"status"_s).toString(), u"ahead"_s);
        QCOMPARE(compare.json().value(u"ahead_by"_s).toInt(), 1);
        QCOMPARE(compare.json().value(u"files"_s).toArray().size(), 2);
        const Reply releases =
            send(m_network, "GET"_ba, at(u"github"_s, u"/repos/relay-ai/sdk-node/releases"_s),
                 bearer(u"github"_s));
        QCOMPARE(releases.array().at(0).toObject().value(u"tag_name"_s).toString(), u"v2.0.0"_s);
    }

    void linearQueries()
    {
        const Reply search = linear(
            u"query($term:String!,$after:String){ searchIssues(term:$term, first:25, after:$after){ totalCount pageInfo{hasNextPage endCursor} nodes{ id identifier title state{name type} labels{nodes{name}} } } }"_s,
            {{u"term"_s, u"slow playground"_s}});
        QCOMPARE(search.status, 200);
        const QJsonObject payload =
            search.json().value(u"data"_s).toObject().value(u"searchIssues"_s).toObject();
        QCOMPARE(payload.value(u"totalCount"_s).toInt(), 1);
        QCOMPARE(
            payload.value(u"nodes"_s).toArray().at(0).toObject().value(u"identifier"_s).toString(),
            u"GW-198"_s);
        QCOMPARE(payload.value(u"pageInfo"_s).toObject().value(u"hasNextPage"_s).toBool(), false);
        QVERIFY(!search.header("X-RateLimit-Requests-Remaining").isEmpty());

        const Reply filtered = linear(
            u"{ issues(filter:{or:[{title:{containsIgnoreCase:\"SLOW\"}},{description:{containsIgnoreCase:\"nothing\"}}]}, first:1) { nodes { identifier } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"_s);
        QCOMPARE(filtered.json()
                     .value(u"data"_s)
                     .toObject()
                     .value(u"issues"_s)
                     .toObject()
                     .value(u"nodes"_s)
                     .toArray()
                     .size(),
                 1);
        const Reply none = linear(
            u"{ issues(filter:{title:{containsIgnoreCase:\"kubernetes\"}}) { nodes { identifier } } }"_s);
        QCOMPARE(none.json()
                     .value(u"data"_s)
                     .toObject()
                     .value(u"issues"_s)
                     .toObject()
                     .value(u"nodes"_s)
                     .toArray()
                     .size(),
                 0);

        const Reply one = linear(u"query { issue(id: \"GW-198\") { id title } }"_s);
        QCOMPARE(one.json()
                     .value(u"data"_s)
                     .toObject()
                     .value(u"issue"_s)
                     .toObject()
                     .value(u"title"_s)
                     .toString(),
                 u"Playground feels slow when streaming long responses"_s);
        const Reply missing = linear(u"query { issue(id: \"GW-1\") { id } }"_s);
        QCOMPARE(missing.json()
                     .value(u"errors"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"extensions"_s)
                     .toObject()
                     .value(u"type"_s)
                     .toString(),
                 u"invalid input"_s);
        const Reply bad = linear(u"query { nosuch { id } }"_s);
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.json().value(u"errors"_s).isArray());
        const Reply syntax = linear(u"query { issues(first: ) "_s);
        QCOMPARE(syntax.status, 400);
    }

    void linearPaging()
    {
        // Three issues via a scenario of our own, paged one at a time.
        QJsonObject scenario = testScenario();
        QJsonArray issues;
        for (int i = 1; i <= 3; ++i)
            issues.append(QJsonObject{{u"identifier"_s, u"GW-%1"_s.arg(i)},
                                      {u"title"_s, u"timeout bug %1"_s.arg(i)},
                                      {u"createdAt"_s, u"2026-11-1%1T00:00:00Z"_s.arg(i)}});
        scenario.insert(u"linear"_s, QJsonObject{{u"issues"_s, issues}});
        FakeServices services(scenario, &stubBilling, QUrl());
        QVERIFY(services.start({}).has_value());
        const QJsonObject connections = services.profileConnections();
        QStringList seen;
        QJsonValue after;
        for (int guard = 0; guard < 5; ++guard) {
            const Reply r = send(
                m_network, "POST"_ba, QUrl(services.url(u"linear"_s).toString() + u"/graphql"_s),
                {{"Authorization"_ba, secretOf(connections, u"linear"_s).toUtf8()}},
                QJsonDocument(
                    QJsonObject{
                        {u"query"_s,
                         u"query Q($after: String) { searchIssues(term: \"timeout\", first: 1, after: $after) { nodes { identifier } pageInfo { hasNextPage endCursor } } }"_s},
                        {u"variables"_s, QJsonObject{{u"after"_s, after}}}})
                    .toJson());
            const QJsonObject p =
                r.json().value(u"data"_s).toObject().value(u"searchIssues"_s).toObject();
            seen.append(
                p.value(u"nodes"_s).toArray().at(0).toObject().value(u"identifier"_s).toString());
            if (!p.value(u"pageInfo"_s).toObject().value(u"hasNextPage"_s).toBool())
                break;
            after = p.value(u"pageInfo"_s).toObject().value(u"endCursor"_s);
        }
        QCOMPARE(seen.size(), 3);
        seen.sort();
        QCOMPARE(seen, (QStringList{u"GW-1"_s, u"GW-2"_s, u"GW-3"_s}));
    }

    void jiraSearch_data()
    {
        QTest::addColumn<QString>("jql");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("text") << u"text ~ \"analytics\""_s << QStringList{u"OPS-12"_s, u"SEC-3"_s};
        QTest::newRow("summary and project")
            << u"project = OPS AND summary ~ \"webhook\""_s << QStringList{u"OPS-11"_s};
        QTest::newRow("or") << u"summary ~ webhook OR summary ~ rotate ORDER BY created DESC"_s
                            << QStringList{u"OPS-11"_s, u"SEC-3"_s};
        QTest::newRow("created") << u"project = OPS AND created >= \"2026-11-19\""_s
                                 << QStringList{u"OPS-12"_s};
        QTest::newRow("relative date")
            << u"created >= -3d ORDER BY created ASC"_s << QStringList{u"OPS-11"_s, u"OPS-12"_s};
        QTest::newRow("status in")
            << u"status IN (Open, \"In Progress\")"_s << QStringList{u"OPS-12"_s, u"SEC-3"_s};
        QTest::newRow("parentheses")
            << u"(summary ~ webhook OR summary ~ dashboard) AND project = OPS"_s
            << QStringList{u"OPS-12"_s, u"OPS-11"_s};
    }

    void jiraSearch()
    {
        QFETCH(QString, jql);
        QFETCH(QStringList, keys);
        QUrlQuery q;
        q.addQueryItem(u"jql"_s, QString::fromLatin1(QUrl::toPercentEncoding(jql)));
        q.addQueryItem(u"fields"_s, u"summary,status,created"_s);
        const Reply reply =
            send(m_network, "GET"_ba,
                 at(u"jira"_s, u"/rest/api/3/search/jql?"_s + q.toString(QUrl::FullyEncoded)),
                 jiraAuth());
        QCOMPARE(reply.status, 200);
        QStringList got;
        for (const QJsonValue &i : reply.json().value(u"issues"_s).toArray()) {
            got.append(i.toObject().value(u"key"_s).toString());
            QVERIFY(i.toObject().value(u"fields"_s).toObject().contains(u"summary"_s));
            QVERIFY(!i.toObject().value(u"fields"_s).toObject().contains(u"labels"_s));
        }
        QCOMPARE(got, keys);
        QCOMPARE(reply.json().value(u"isLast"_s).toBool(), true);
        QVERIFY(!reply.json().contains(u"nextPageToken"_s));
    }

    void jiraPagingAndErrors()
    {
        QStringList keys;
        QString token;
        for (int guard = 0; guard < 5; ++guard) {
            QJsonObject body{{u"jql"_s, u"created >= \"2026-01-01\" ORDER BY created DESC"_s},
                             {u"maxResults"_s, 2}};
            if (!token.isEmpty())
                body.insert(u"nextPageToken"_s, token);
            const Reply reply =
                send(m_network, "POST"_ba, at(u"jira"_s, u"/rest/api/3/search/jql"_s), jiraAuth(),
                     QJsonDocument(body).toJson());
            QCOMPARE(reply.status, 200);
            for (const QJsonValue &i : reply.json().value(u"issues"_s).toArray()) {
                keys.append(i.toObject().value(u"key"_s).toString());
                QVERIFY(!i.toObject().contains(u"fields"_s)); // no fields asked: id, key, self only
            }
            if (reply.json().value(u"isLast"_s).toBool())
                break;
            token = reply.json().value(u"nextPageToken"_s).toString();
            QVERIFY(!token.isEmpty());
        }
        QCOMPARE(keys, (QStringList{u"OPS-12"_s, u"OPS-11"_s, u"SEC-3"_s}));
        const Reply bad =
            send(m_network, "GET"_ba, at(u"jira"_s, u"/rest/api/3/search/jql?jql=summary%20~"_s),
                 jiraAuth());
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.json().value(u"errorMessages"_s).toArray().size() == 1);
        QCOMPARE(
            send(m_network, "GET"_ba, at(u"jira"_s, u"/rest/api/3/search/jql?jql="_s), jiraAuth())
                .status,
            400);
        QCOMPARE(send(m_network, "GET"_ba, at(u"jira"_s, u"/rest/api/3/search?jql=project%3DOPS"_s),
                      jiraAuth())
                     .status,
                 410);
    }

    void stripeCustomers()
    {
        const Reply list = send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/customers?limit=1"_s),
                                bearer(u"stripe"_s));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(u"object"_s).toString(), u"list"_s);
        QCOMPARE(list.json().value(u"has_more"_s).toBool(), true);
        QVERIFY(!list.header("Request-Id").isEmpty());
        const QString last =
            list.json().value(u"data"_s).toArray().at(0).toObject().value(u"id"_s).toString();
        const Reply next = send(m_network, "GET"_ba,
                                at(u"stripe"_s, u"/v1/customers?limit=1&starting_after="_s + last),
                                bearer(u"stripe"_s));
        QCOMPARE(next.json().value(u"has_more"_s).toBool(), false);
        QVERIFY(next.json().value(u"data"_s).toArray().at(0).toObject().value(u"id"_s).toString() !=
                last);

        const QByteArray query = QUrl::toPercentEncoding(u"metadata['org_id']:'org_acme'"_s);
        const Reply search =
            send(m_network, "GET"_ba,
                 at(u"stripe"_s, u"/v1/customers/search?query="_s + QString::fromLatin1(query)),
                 bearer(u"stripe"_s));
        QCOMPARE(search.status, 200);
        QCOMPARE(search.json().value(u"object"_s).toString(), u"search_result"_s);
        QCOMPARE(search.json().value(u"data"_s).toArray().size(), 1);
        QCOMPARE(
            search.json().value(u"data"_s).toArray().at(0).toObject().value(u"id"_s).toString(),
            u"cus_Q1acme"_s);
        const Reply byEmail = send(
            m_network, "GET"_ba, at(u"stripe"_s, u"/v1/customers?email=finance%40bluefin.health"_s),
            bearer(u"stripe"_s));
        QCOMPARE(byEmail.json().value(u"data"_s).toArray().size(), 1);
        const Reply missing = send(
            m_network, "GET"_ba, at(u"stripe"_s, u"/v1/customers/cus_nope"_s), bearer(u"stripe"_s));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json().value(u"error"_s).toObject().value(u"code"_s).toString(),
                 u"resource_missing"_s);
        const Reply badQuery =
            send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/customers/search?query=nonsense"_s),
                 bearer(u"stripe"_s));
        QCOMPARE(badQuery.status, 400);
    }

    void stripeLineShapeFollowsTheVersion()
    {
        const QString path = u"/v1/invoices/in_1Qacme1119/lines"_s;
        // The current shape (the account's default version): the price is under
        // pricing.price_details, and there is no legacy `price`.
        const Reply current = send(m_network, "GET"_ba, at(u"stripe"_s, path), bearer(u"stripe"_s));
        QCOMPARE(current.status, 200);
        const QJsonObject line = current.json().value(u"data"_s).toArray().at(0).toObject();
        QVERIFY(!line.contains(u"price"_s));
        const QJsonValue priceId = line.value(u"pricing"_s)
                                       .toObject()
                                       .value(u"price_details"_s)
                                       .toObject()
                                       .value(u"price"_s);
        QVERIFY(priceId.toString().startsWith(u"price_"_s));
        const Reply expanded =
            send(m_network, "GET"_ba,
                 at(u"stripe"_s, path + u"?expand%5B%5D=data.pricing.price_details.price"_s),
                 bearer(u"stripe"_s));
        const QJsonObject price = expanded.json()
                                      .value(u"data"_s)
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(u"pricing"_s)
                                      .toObject()
                                      .value(u"price_details"_s)
                                      .toObject()
                                      .value(u"price"_s)
                                      .toObject();
        QCOMPARE(price.value(u"recurring"_s).toObject().value(u"usage_type"_s).toString(),
                 u"metered"_s);
        // An account pinned to an older version gets the legacy shape.
        Headers old = bearer(u"stripe"_s);
        old.append({"Stripe-Version"_ba, "2024-06-20"_ba});
        const Reply legacy = send(m_network, "GET"_ba, at(u"stripe"_s, path), old);
        const QJsonObject legacyLine = legacy.json().value(u"data"_s).toArray().at(0).toObject();
        QVERIFY(!legacyLine.contains(u"pricing"_s));
        QCOMPARE(legacyLine.value(u"price"_s).toObject().value(u"id"_s), priceId);
        QCOMPARE(legacy.header("Stripe-Version"), "2024-06-20"_ba);
    }

    void stripeInvoicesFromBilling()
    {
        const Reply list =
            send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/invoices?customer=cus_Q1acme"_s),
                 bearer(u"stripe"_s));
        QCOMPARE(list.status, 200);
        const QJsonObject invoice = list.json().value(u"data"_s).toArray().at(0).toObject();
        QCOMPARE(invoice.value(u"id"_s).toString(), u"in_1Qacme1119"_s);
        const QJsonObject line =
            invoice.value(u"lines"_s).toObject().value(u"data"_s).toArray().at(0).toObject();
        QCOMPARE(line.value(u"quantity"_s).toInteger(), 24000); // 24 h × 1000
        QCOMPARE(line.value(u"amount"_s).toInteger(), 5);       // 24000 × 0.0002 cents, rounded
        QCOMPARE(line.value(u"period"_s).toObject().value(u"start"_s).toInteger(),
                 QDateTime(QDate(2026, 11, 19), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
        QCOMPARE(invoice.value(u"period_end"_s).toInteger(),
                 QDateTime(QDate(2026, 11, 20), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
        const Reply lines =
            send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/invoices/in_1Qacme1119/lines"_s),
                 bearer(u"stripe"_s));
        QCOMPARE(lines.json().value(u"data"_s).toArray().size(), 1);
        const Reply one =
            send(m_network, "GET"_ba,
                 at(u"stripe"_s, u"/v1/invoices/in_1Qacme1119?expand%5B%5D=customer"_s),
                 bearer(u"stripe"_s));
        QCOMPARE(one.json().value(u"customer"_s).toObject().value(u"id"_s).toString(),
                 u"cus_Q1acme"_s);
        QCOMPARE(send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/invoices?customer=cus_Q2blue"_s),
                      bearer(u"stripe"_s))
                     .json()
                     .value(u"data"_s)
                     .toArray()
                     .size(),
                 0);
    }

    // Several meters: a metered line per meter, each of its own quantity, licensed extra lines
    // beside them, and each meter's summaries from its own numbers.
    void stripeSeveralMetersAndSeats()
    {
        QJsonObject root = testScenario();
        QJsonObject billing = root.value(u"billing"_s).toObject();
        billing.insert(u"meter"_s, u"input_tokens"_s);
        billing.insert(u"meters"_s, QJsonArray{QJsonObject{{u"meter"_s, u"input_tokens"_s},
                                                           {u"nickname"_s, u"Input tokens"_s}},
                                               QJsonObject{{u"meter"_s, u"output_tokens"_s},
                                                           {u"nickname"_s, u"Output tokens"_s}}});
        QJsonObject invoice = billing.value(u"invoices"_s).toArray().at(0).toObject();
        invoice.insert(u"extra_lines"_s, QJsonArray{QJsonObject{{u"description"_s, u"Seats"_s},
                                                                {u"quantity"_s, 40},
                                                                {u"unit_amount"_s, 3000}}});
        billing.insert(u"invoices"_s, QJsonArray{invoice});
        root.insert(u"billing"_s, billing);
        // input 1000 an hour, output 200 an hour
        const BillingFunction perMeter = [](const QString &org, const QDateTime &from,
                                            const QDateTime &to, const QString &meter) {
            const qint64 perHour = meter == u"output_tokens"_s ? 200 : 1000;
            return org == u"org_acme"_s ? from.secsTo(to) / 3600 * perHour : 0;
        };
        FakeServices services(root, perMeter, QUrl());
        QVERIFY(services.start({}).has_value());
        const QString base = services.url(u"stripe"_s).toString();
        const Headers auth{
            {"Authorization"_ba,
             "Bearer "_ba + secretOf(services.profileConnections(), u"stripe"_s).toUtf8()}};
        const Reply list =
            send(m_network, "GET"_ba, QUrl(base + u"/v1/invoices?customer=cus_Q1acme"_s), auth);
        QCOMPARE(list.status, 200);
        const QJsonObject inv = list.json().value(u"data"_s).toArray().at(0).toObject();
        const QJsonArray lines = inv.value(u"lines"_s).toObject().value(u"data"_s).toArray();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).toObject().value(u"quantity"_s).toInteger(), 24000);
        QCOMPARE(lines.at(1).toObject().value(u"quantity"_s).toInteger(), 4800);
        QCOMPARE(lines.at(2).toObject().value(u"quantity"_s).toInteger(), 40);
        QCOMPARE(lines.at(2).toObject().value(u"amount"_s).toInteger(), 120000);
        QVERIFY(inv.value(u"amount_due"_s).toInteger() > 120000);
        const Reply meters = send(m_network, "GET"_ba, QUrl(base + u"/v1/billing/meters"_s), auth);
        QString outputId;
        for (const QJsonValue &m : meters.json().value(u"data"_s).toArray()) {
            if (m.toObject().value(u"event_name"_s).toString() == u"output_tokens"_s)
                outputId = m.toObject().value(u"id"_s).toString();
        }
        QVERIFY(!outputId.isEmpty());
        const qint64 start =
            QDateTime(QDate(2026, 11, 19), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        const Reply summary = send(
            m_network, "GET"_ba,
            QUrl(
                base +
                u"/v1/billing/meters/%1/event_summaries?customer=cus_Q1acme&start_time=%2&end_time=%3&value_grouping_window=day"_s
                    .arg(outputId)
                    .arg(start)
                    .arg(start + 86400)),
            auth);
        QCOMPARE(summary.json()
                     .value(u"data"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"aggregated_value"_s)
                     .toDouble(),
                 4800.0);
    }

    void stripeMeterSummaries()
    {
        const Reply meters = send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/billing/meters"_s),
                                  bearer(u"stripe"_s));
        const QJsonObject meter = meters.json().value(u"data"_s).toArray().at(0).toObject();
        QCOMPARE(meter.value(u"event_name"_s).toString(), u"llm_tokens"_s);
        const qint64 start =
            QDateTime(QDate(2026, 11, 17), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        const qint64 end = start + 3 * 86400;
        const QString path =
            u"/v1/billing/meters/%1/event_summaries?customer=cus_Q1acme&start_time=%2&end_time=%3&value_grouping_window=day&limit=2"_s
                .arg(meter.value(u"id"_s).toString())
                .arg(start)
                .arg(end);
        const Reply page1 = send(m_network, "GET"_ba, at(u"stripe"_s, path), bearer(u"stripe"_s));
        QCOMPARE(page1.status, 200);
        const QJsonArray data = page1.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(page1.json().value(u"has_more"_s).toBool(), true);
        QCOMPARE(data.at(0).toObject().value(u"aggregated_value"_s).toDouble(), 24000.0);
        QCOMPARE(data.at(0).toObject().value(u"end_time"_s).toInteger() -
                     data.at(0).toObject().value(u"start_time"_s).toInteger(),
                 86400);
        const Reply page2 =
            send(m_network, "GET"_ba,
                 at(u"stripe"_s,
                    path + u"&starting_after="_s + data.at(1).toObject().value(u"id"_s).toString()),
                 bearer(u"stripe"_s));
        QCOMPARE(page2.json().value(u"data"_s).toArray().size(), 1);
        const Reply missingCustomer = send(
            m_network, "GET"_ba,
            at(u"stripe"_s, u"/v1/billing/meters/%1/event_summaries?start_time=0&end_time=60"_s.arg(
                                meter.value(u"id"_s).toString())),
            bearer(u"stripe"_s));
        QCOMPARE(missingCustomer.status, 400);
        QCOMPARE(missingCustomer.json().value(u"error"_s).toObject().value(u"param"_s).toString(),
                 u"customer"_s);
    }

    void statuspage()
    {
        const Reply summary =
            send(m_network, "GET"_ba, at(u"statuspage"_s, u"/openai/api/v2/summary.json"_s));
        QCOMPARE(summary.status, 200);
        QCOMPARE(summary.json().value(u"status"_s).toObject().value(u"indicator"_s).toString(),
                 u"none"_s);
        QCOMPARE(summary.json().value(u"page"_s).toObject().value(u"name"_s).toString(),
                 u"OpenAI"_s);
        QCOMPARE(summary.json().value(u"incidents"_s).toArray().size(),
                 0); // the only one is resolved
        const Reply incidents =
            send(m_network, "GET"_ba, at(u"statuspage"_s, u"/openai/api/v2/incidents.json"_s));
        const QJsonObject incident =
            incidents.json().value(u"incidents"_s).toArray().at(0).toObject();
        QCOMPARE(incident.value(u"id"_s).toString(), u"k3yq9r1m2t4z"_s);
        QCOMPARE(incident.value(u"incident_updates"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"status"_s)
                     .toString(),
                 u"resolved"_s);
        QCOMPARE(
            send(m_network, "GET"_ba, at(u"statuspage"_s, u"/anthropic/api/v2/components.json"_s))
                .json()
                .value(u"components"_s)
                .toArray()
                .size(),
            1);
        QCOMPARE(send(m_network, "GET"_ba,
                      at(u"statuspage"_s, u"/anthropic/api/v2/incidents/unresolved.json"_s))
                     .status,
                 200);
        QCOMPARE(
            send(m_network, "GET"_ba, at(u"statuspage"_s, u"/nosuch/api/v2/summary.json"_s)).status,
            404);
    }

    void pagerDuty()
    {
        const Reply window = send(
            m_network, "GET"_ba,
            at(u"pagerduty"_s,
               u"/incidents?since=2026-11-19T00:00:00Z&until=2026-11-21T00:00:00Z&limit=1&total=true"_s),
            pagerDutyAuth());
        QCOMPARE(window.status, 200);
        QCOMPARE(window.json().value(u"incidents"_s).toArray().size(), 1);
        QCOMPARE(window.json().value(u"more"_s).toBool(), true);
        QCOMPARE(window.json().value(u"total"_s).toInt(), 2);
        QVERIFY(!window.header("ratelimit-remaining").isEmpty());
        const Reply second = send(
            m_network, "GET"_ba,
            at(u"pagerduty"_s,
               u"/incidents?since=2026-11-19T00:00:00Z&until=2026-11-21T00:00:00Z&limit=1&offset=1"_s),
            pagerDutyAuth());
        QCOMPARE(second.json().value(u"more"_s).toBool(), false);
        QVERIFY(second.json().value(u"total"_s).isNull());
        const Reply resolved = send(
            m_network, "GET"_ba,
            at(u"pagerduty"_s,
               u"/incidents?since=2026-11-19T00:00:00Z&until=2026-11-21T00:00:00Z&statuses%5B%5D=resolved"_s),
            pagerDutyAuth());
        QCOMPARE(resolved.json().value(u"incidents"_s).toArray().size(), 1);
        QCOMPARE(resolved.json()
                     .value(u"incidents"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 u"PT4KHLK"_s);
        const Reply defaults =
            send(m_network, "GET"_ba, at(u"pagerduty"_s, u"/incidents"_s), pagerDutyAuth());
        QCOMPARE(defaults.json().value(u"incidents"_s).toArray().size(),
                 2); // the last month of the scenario
        const Reply tooWide =
            send(m_network, "GET"_ba,
                 at(u"pagerduty"_s,
                    u"/incidents?since=2025-01-01T00:00:00Z&until=2026-11-21T00:00:00Z"_s),
                 pagerDutyAuth());
        QCOMPARE(tooWide.status, 400);
        QVERIFY(tooWide.json().value(u"error"_s).toObject().value(u"errors"_s).isArray());
    }

    void docs()
    {
        const Reply search =
            send(m_network, "GET"_ba, at(u"docs"_s, u"/api/search?q=fallback%20timeout&limit=5"_s));
        QCOMPARE(search.status, 200);
        const QJsonArray results = search.json().value(u"results"_s).toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.at(0).toObject().value(u"path"_s).toString(),
                 u"docs/routing/fallbacks.md"_s);
        QVERIFY(!results.at(0).toObject().value(u"snippet"_s).toString().isEmpty());
        const Reply ranked =
            send(m_network, "GET"_ba, at(u"docs"_s, u"/api/search?q=analytics%20dashboard"_s));
        QCOMPARE(ranked.json()
                     .value(u"results"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"title"_s)
                     .toString(),
                 u"Analytics dashboard"_s);
        const Reply page = send(m_network, "GET"_ba,
                                at(u"docs"_s, u"/api/pages?path=docs/dashboard/analytics.md"_s));
        QVERIFY(page.json().value(u"body"_s).toString().contains(u"/v1/analytics"_s));
        QCOMPARE(send(m_network, "GET"_ba, at(u"docs"_s, u"/api/pages?path=docs/nope.md"_s)).status,
                 404);
    }

    void portkeyConfigs()
    {
        const Headers key{{"x-portkey-api-key"_ba, secretOf(m_connections, u"gateway"_s).toUtf8()}};
        const Reply list = send(m_network, "GET"_ba, at(u"gateway"_s, u"/v1/configs"_s), key);
        QCOMPARE(list.status, 200);
        QCOMPARE(
            list.json().value(u"data"_s).toArray().at(0).toObject().value(u"slug"_s).toString(),
            u"pc-acme-prod"_s);
        const Reply one =
            send(m_network, "GET"_ba, at(u"gateway"_s, u"/v1/configs/pc-acme-prod"_s), key);
        QCOMPARE(one.json().value(u"success"_s).toBool(), true);
        const QJsonObject config =
            one.json().value(u"data"_s).toObject().value(u"config"_s).toObject();
        QCOMPARE(config.value(u"strategy"_s).toObject().value(u"mode"_s).toString(), u"fallback"_s);
        QCOMPARE(config.value(u"targets"_s).toArray().size(), 2);
        // Only the fields Portkey's config API has: the scenario's org is the workspace.
        const QJsonObject data = one.json().value(u"data"_s).toObject();
        QVERIFY(!data.contains(u"org"_s));
        QVERIFY(!data.value(u"workspace_id"_s).toString().isEmpty());
        QCOMPARE(send(m_network, "GET"_ba, at(u"gateway"_s, u"/v1/configs/pc-nope"_s), key).status,
                 404);
    }

    void llmChat()
    {
        const QByteArray body =
            R"({"model":"casefile-sandbox-1","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"  Hello\u0007   there\n\n\n\nworld  "}]})"_ba;
        const Reply reply = send(m_network, "POST"_ba, at(u"llm"_s, u"/v1/chat/completions"_s),
                                 bearer(u"llm"_s), body);
        QCOMPARE(reply.status, 200);
        const QJsonObject json = reply.json();
        QCOMPARE(json.value(u"object"_s).toString(), u"chat.completion"_s);
        QCOMPARE(json.value(u"model"_s).toString(), u"casefile-sandbox-1"_s);
        const QJsonObject choice = json.value(u"choices"_s).toArray().at(0).toObject();
        QCOMPARE(choice.value(u"message"_s).toObject().value(u"role"_s).toString(), u"assistant"_s);
        QCOMPARE(choice.value(u"message"_s).toObject().value(u"content"_s).toString(),
                 u"Hello there\n\nworld"_s);
        QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"stop"_s);
        const QJsonObject usage = json.value(u"usage"_s).toObject();
        QCOMPARE(usage.value(u"total_tokens"_s).toInt(),
                 usage.value(u"prompt_tokens"_s).toInt() +
                     usage.value(u"completion_tokens"_s).toInt());
        // Deterministic.
        QCOMPARE(send(m_network, "POST"_ba, at(u"llm"_s, u"/v1/chat/completions"_s),
                      bearer(u"llm"_s), body)
                     .json()
                     .value(u"id"_s),
                 json.value(u"id"_s));
        const Reply models =
            send(m_network, "GET"_ba, at(u"llm"_s, u"/v1/models"_s), bearer(u"llm"_s));
        QCOMPARE(
            models.json().value(u"data"_s).toArray().at(0).toObject().value(u"id"_s).toString(),
            u"casefile-sandbox-1"_s);
        const Reply empty = send(m_network, "POST"_ba, at(u"llm"_s, u"/v1/chat/completions"_s),
                                 bearer(u"llm"_s), R"({"messages":[]})"_ba);
        QCOMPARE(empty.status, 400);
    }

    void clickhouseWithoutUpstream()
    {
        const Reply reply = send(m_network, "POST"_ba,
                                 at(u"clickhouse"_s, u"/?database=casefile"_s), {}, "SELECT 1"_ba);
        QCOMPARE(reply.status, 502);
        QVERIFY2(reply.body.startsWith("Code: 210, e.displayText() = "), reply.body.constData());
    }

    void clickhouseProxyForwards()
    {
        // Any HTTP server stands in for ClickHouse here: the docs fake of a second sandbox.
        FakeServices upstream(testScenario(), &stubBilling, QUrl());
        QVERIFY(upstream.start({}).has_value());
        FakeServices services(testScenario(), &stubBilling, upstream.url(u"docs"_s));
        QVERIFY(services.start({}).has_value());
        const Reply reply = send(m_network, "GET"_ba,
                                 QUrl(services.url(u"clickhouse"_s).toString() +
                                      u"/api/pages?path=docs/routing/fallbacks.md"_s));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"title"_s).toString(), u"Fallbacks"_s);
        const Reply missing =
            send(m_network, "POST"_ba,
                 QUrl(services.url(u"clickhouse"_s).toString() + u"/api/pages?path=nope"_s), {},
                 "SELECT 1"_ba);
        QCOMPARE(missing.status, 405); // the method went through: the upstream refuses POST
    }

    void cleanupTestCase() { m_services.reset(); }
};

QTEST_GUILESS_MAIN(VendorFakesTest)
#include "tst_vendorfakes.moc"
