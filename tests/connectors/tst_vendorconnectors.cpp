#include "connectors/clickhouse/clickhouseconnector.h"
#include "connectors/connectorfactory.h"
#include "connectors/docs/docsconnector.h"
#include "connectors/gateway/portkeyconnector.h"
#include "connectors/github/githubconnector.h"
#include "connectors/helpdesk/zendeskconnector.h"
#include "connectors/jira/jiraconnector.h"
#include "connectors/linear/linearconnector.h"
#include "connectors/llm/llmconnector.h"
#include "connectors/pagerduty/pagerdutyconnector.h"
#include "connectors/statuspage/statuspageconnector.h"
#include "connectors/stripe/stripeconnector.h"
#include "core/time.h"
#include "stubserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::StubServer;

namespace {

QByteArray data(const QString &name)
{
    const QString root = qEnvironmentVariable("CASEFILE_SOURCE_DIR");
    QFile f(root + u"/tests/connectors/data/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

ConnectionSettings settings(const QString &system, const QString &type, const StubServer &server,
                            const QJsonObject &options = {}, const QString &path = {})
{
    ConnectionSettings s;
    s.system = system;
    s.type = type;
    s.url = QString::fromLatin1(server.baseUrl()) + path;
    s.options = options;
    return s;
}

OperationCall call(const QString &operation, const QJsonObject &args)
{
    OperationCall c;
    c.stepId = u"step"_s;
    c.operation = operation;
    c.args = args;
    c.limits.deadline = QDeadlineTimer(20s);
    return c;
}

WorkLimits limits()
{
    WorkLimits l;
    l.deadline = QDeadlineTimer(20s);
    return l;
}

const QJsonObject Window{{u"from"_s, u"2026-11-20T09:00:00Z"_s},
                         {u"to"_s, u"2026-11-20T10:00:00Z"_s}};

QJsonObject withWindow(QJsonObject args)
{
    for (auto it = Window.begin(); it != Window.end(); ++it)
        args.insert(it.key(), it.value());
    return args;
}

// The target of the first request sent to a path + query starting with `prefix`, or empty.
QByteArray sentTo(const StubServer &server, const QByteArray &prefix)
{
    for (const StubServer::Request &r : server.requests()) {
        if (r.target.startsWith(prefix))
            return r.target;
    }
    return {};
}

#define VERIFY_OK(r) QVERIFY2((r).has_value(), qPrintable((r) ? QString() : (r).error().message))

} // namespace

class TestVendorConnectors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void githubDeployments()
    {
        StubServer server;
        const QByteArray base = "/repos/relay-ai/gateway";
        const QByteArray page2 = base + "/deployments?environment=production&per_page=100&page=2";
        server.route(page2, StubServer::json(data(u"github_deployments_2.json"_s)));
        server.route(base + "/deployments?",
                     StubServer::http(
                         200, data(u"github_deployments_1.json"_s),
                         {{"Link"_ba, "<"_ba + server.baseUrl() + page2 + ">; rel=\"next\", <"_ba +
                                          server.baseUrl() + page2 + ">; rel=\"last\""_ba}}));
        server.route(base + "/deployments/448/statuses",
                     StubServer::json(data(u"github_statuses_448.json"_s)));
        server.route(base + "/deployments/447/statuses", StubServer::json("[]"_ba));
        server.route(base + "/commits/9f1c2d3e4b5a69788796a5b4c3d2e1f009988776/pulls",
                     StubServer::json(data(u"github_pulls_448.json"_s)));
        server.route(base + "/commits/9f1c2d3e4b5a69788796a5b4c3d2e1f009988776",
                     StubServer::json(data(u"github_commit_448.json"_s)));
        GitHubConnector github(
            settings(u"github"_s, u"github"_s, server, {{u"repo"_s, u"relay-ai/gateway"_s}}),
            u"ghp_test_token"_s);
        auto r = github.run(call(u"deployments"_s, Window));
        VERIFY_OK(r);
        const QJsonArray events = r->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), 2);
        QCOMPARE(r->evidence.first().source, u"github:GET /repos/relay-ai/gateway/deployments"_s);
        const QJsonObject older = events.at(0).toObject();
        QCOMPARE(older.value(u"ref"_s).toString(), u"github:deployment:447"_s);
        QCOMPARE(older.value(u"title"_s).toString(), u"Deploy 1111111 to production"_s);
        QVERIFY(older.value(u"state"_s).isNull());
        const QJsonObject deploy = events.at(1).toObject();
        QCOMPARE(deploy.value(u"type"_s).toString(), u"deploy"_s);
        QCOMPARE(deploy.value(u"time"_s).toString(), u"2026-11-20T09:05:00Z"_s);
        QCOMPARE(deploy.value(u"title"_s).toString(), u"Deploy gateway v2.14.0"_s);
        QCOMPARE(deploy.value(u"state"_s).toString(), u"success"_s);
        QCOMPARE(deploy.value(u"finished"_s).toString(), u"2026-11-20T09:09:00Z"_s);
        QCOMPARE(deploy.value(u"creator"_s).toString(), u"mara"_s);
        QCOMPARE(deploy.value(u"files"_s).toArray(),
                 (QJsonArray{u"src/routing/batcher.ts"_s, u"src/routes/analytics.ts"_s}));
        QVERIFY(deploy.value(u"message"_s).toString().startsWith(u"Route analytics"_s));
        QCOMPARE(deploy.value(u"pulls"_s).toArray().at(0).toObject().value(u"ref"_s).toString(),
                 u"github:pull:1234"_s);
        QCOMPARE(r->outputs.value(u"deployment_ids"_s).toArray().size(), 2);
        // The Link header was followed; the credentials went along.
        bool sawPage2 = false;
        for (const auto &request : server.requests()) {
            sawPage2 = sawPage2 || request.target == page2;
            QCOMPARE(request.header("Authorization"_ba), "Bearer ghp_test_token"_ba);
            QCOMPARE(request.header("X-GitHub-Api-Version"_ba), "2022-11-28"_ba);
        }
        QVERIFY(sawPage2);
    }

    void githubReleasesAndErrors()
    {
        StubServer server;
        server.route("/repos/relay-ai/gateway/releases",
                     StubServer::json(data(u"github_releases.json"_s)));
        server.route(
            "/user",
            StubServer::http(
                401,
                R"({"message":"Bad credentials","documentation_url":"https:\/\/docs.github.com\/rest"})"_ba));
        GitHubConnector github(
            settings(u"github"_s, u"github"_s, server, {{u"repo"_s, u"relay-ai/gateway"_s}}),
            u"bad"_s);
        auto r = github.run(call(u"releases"_s, Window));
        VERIFY_OK(r);
        const QJsonArray events = r->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), 1); // the draft and the old release are left out
        QCOMPARE(events.at(0).toObject().value(u"ref"_s).toString(), u"github:release:v2.14.0"_s);
        QCOMPARE(events.at(0).toObject().value(u"title"_s).toString(), u"Gateway 2.14"_s);
        QVERIFY(!events.at(0).toObject().contains(u"before_window"_s));

        // with a lookback the older release is read too, marked as before the window
        auto back = github.run(call(u"releases"_s, withWindow({{u"lookback_days"_s, 30}})));
        VERIFY_OK(back);
        const QJsonArray all = back->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(all.size(), 2); // still no draft
        QCOMPARE(all.at(0).toObject().value(u"ref"_s).toString(), u"github:release:v2.13.0"_s);
        QVERIFY(all.at(0).toObject().value(u"before_window"_s).toBool());
        QVERIFY(!all.at(1).toObject().value(u"before_window"_s).toBool());

        const ConnectionCheck check = github.testConnection(limits());
        QVERIFY(!check.ok);
        QCOMPARE(check.message, u"GitHub rejected the token (HTTP 401: Bad credentials)"_s);

        auto badRepo = github.run(call(u"releases"_s, withWindow({{u"repo"_s, u"../../etc"_s}})));
        QVERIFY(!badRepo.has_value());
        QCOMPARE(badRepo.error().code, Error::Code::InvalidInput);
    }

    void githubTestConnection()
    {
        StubServer server;
        server.route("/user", StubServer::http(200, R"({"login":"mara","id":11})"_ba,
                                               {{"X-OAuth-Scopes"_ba, "repo"_ba}}));
        server.route("/repos/relay-ai/gateway",
                     StubServer::json(R"({"full_name":"relay-ai/gateway"})"_ba));
        GitHubConnector github(
            settings(u"github"_s, u"github"_s, server, {{u"repo"_s, u"relay-ai/gateway"_s}}),
            u"t"_s);
        const ConnectionCheck check = github.testConnection(limits());
        QVERIFY2(check.ok, qPrintable(check.message));
        QCOMPARE(check.message,
                 u"Connected to GitHub as mara (scopes: repo) / repo relay-ai/gateway visible"_s);

        GitHubConnector missing(
            settings(u"github"_s, u"github"_s, server, {{u"repo"_s, u"relay-ai/other"_s}}), u"t"_s);
        const ConnectionCheck notVisible = missing.testConnection(limits());
        QVERIFY(!notVisible.ok);
        QVERIFY2(notVisible.message.contains(u"not visible"_s), qPrintable(notVisible.message));

        ConnectionSettings bad = settings(u"github"_s, u"github"_s, server);
        bad.url = u"not a url"_s;
        QVERIFY(!GitHubConnector(bad, u"t"_s).testConnection(limits()).ok);
    }

    void linearSearch()
    {
        StubServer server;
        server.script({StubServer::json(data(u"linear_issues.json"_s))});
        LinearConnector linear(settings(u"linear"_s, u"linear"_s, server), u"lin_api_key"_s);
        const QJsonArray terms{u"latency"_s, u"batching"_s,   u"p95"_s,     u"analytics"_s,
                               u"flush"_s,   u"regression"_s, u"window"_s,  u"deploy"_s,
                               u"timeout"_s, u"slow"_s,       u"gateway"_s, u"batch"_s};
        auto r = linear.run(call(u"search_issues"_s, {{u"terms"_s, terms}}));
        VERIFY_OK(r);
        // Twelve terms, one request: Linear's searchIssues allows 30 a minute, so a request per
        // term would have the third investigation of a minute rate-limited.
        QCOMPARE(server.requests().size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(server.requests().at(0).body).object();
        QVERIFY(!body.value(u"query"_s).toString().contains(u"searchIssues"_s));
        const QJsonArray any = body.value(u"variables"_s)
                                   .toObject()
                                   .value(u"filter"_s)
                                   .toObject()
                                   .value(u"or"_s)
                                   .toArray();
        QCOMPARE(any.size(), 2 * terms.size());
        const QJsonArray events = r->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), 3);
        QCOMPARE(r->outputs.value(u"count"_s).toInt(), 3);
        // Best match first: GW-198 has five terms in its title.
        const QJsonObject first = events.at(0).toObject();
        QCOMPARE(first.value(u"ref"_s).toString(), u"linear:issue:GW-198"_s);
        QCOMPARE(first.value(u"state_type"_s).toString(), u"started"_s);
        QCOMPARE(first.value(u"labels"_s).toArray().size(), 2);
        QCOMPARE(first.value(u"time"_s).toString(), u"2026-11-20T10:02:00Z"_s);
        QCOMPARE(server.requests().at(0).header("Authorization"_ba), "lin_api_key"_ba);

        StubServer denied;
        denied.script({StubServer::json(data(u"linear_unauthenticated.json"_s))});
        LinearConnector bad(settings(u"linear"_s, u"linear"_s, denied), u"wrong"_s);
        const ConnectionCheck check = bad.testConnection(limits());
        QVERIFY(!check.ok);
        QVERIFY2(check.message.startsWith(u"Linear rejected the API key"_s),
                 qPrintable(check.message));
    }

    void jiraSearch()
    {
        StubServer paged;
        paged.script({StubServer::json(data(u"jira_search_1.json"_s)),
                      StubServer::json(data(u"jira_search_2.json"_s))});
        ConnectionSettings s = settings(u"jira"_s, u"jira"_s, paged);
        s.account = u"agent@relay.ai"_s;
        JiraConnector pagedJira(s, u"api-token"_s);
        auto r = pagedJira.run(
            call(u"search_issues"_s,
                 {{u"terms"_s, QJsonArray{u"latency \"analytics\" OR x"_s, u"batch+ing"_s}}}));
        VERIFY_OK(r);
        const QJsonArray events = r->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), 2);
        const QJsonObject first = events.at(0).toObject();
        QCOMPARE(first.value(u"ref"_s).toString(), u"jira:issue:OPS-12"_s);
        QCOMPARE(first.value(u"description"_s).toString(),
                 u"Customers see slow analytics\nsince 09:05."_s);
        QCOMPARE(first.value(u"state_type"_s).toString(), u"indeterminate"_s);
        QCOMPARE(first.value(u"updated"_s).toString(), u"2026-11-20T10:34:56Z"_s);
        QCOMPARE(first.value(u"url"_s).toString(),
                 QString::fromLatin1(paged.baseUrl()) + u"/browse/OPS-12"_s);
        QCOMPARE(paged.requests().size(), 2);
        QVERIFY(paged.requests().at(1).target.contains("nextPageToken=tok-2"));
        QCOMPARE(paged.requests().at(0).header("Authorization"_ba),
                 "Basic "_ba + "agent@relay.ai:api-token"_ba.toBase64());
        // Ticket words never become JQL syntax.
        QCOMPARE(
            JiraConnector::jqlFor({u"latency \"analytics\" OR x"_s, u"batch+ing"_s}),
            u"(text ~ \"latency analytics OR x\" OR text ~ \"batch ing\") ORDER BY updated DESC"_s);
        QVERIFY(JiraConnector::jqlFor({u"\"\\"_s}).isEmpty());
    }

    void pagerDutyPagingAndRateLimit()
    {
        StubServer server;
        server.script(
            {StubServer::json(data(u"pagerduty_incidents_1.json"_s)),
             StubServer::http(429, R"({"error":{"code":2020,"message":"Rate Limit Exceeded"}})"_ba,
                              {{"ratelimit-reset"_ba, "1"_ba}}),
             StubServer::json(data(u"pagerduty_incidents_2.json"_s))});
        PagerDutyConnector pd(settings(u"pagerduty"_s, u"pagerduty"_s, server), u"pd_key"_s);
        auto r = pd.run(call(u"incidents"_s, Window));
        VERIFY_OK(r);
        const QJsonArray events = r->evidence.first().data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), 2); // the one of yesterday is out
        QCOMPARE(events.at(0).toObject().value(u"ref"_s).toString(),
                 u"pagerduty:incident:PT4KHLK"_s);
        QCOMPARE(events.at(0).toObject().value(u"service"_s).toString(), u"LLM Gateway"_s);
        QCOMPARE(events.at(0).toObject().value(u"end"_s).toString(), u"2026-11-20T09:50:00Z"_s);
        QVERIFY(events.at(1).toObject().value(u"end"_s).isNull());
        QCOMPARE(server.requests().size(), 3);
        QVERIFY(server.requests().at(2).target.contains("offset=100"));
        QCOMPARE(server.requests().at(0).header("Authorization"_ba), "Token token=pd_key"_ba);
    }

    void statuspage()
    {
        StubServer server;
        server.route("/openai/api/v2/incidents.json",
                     StubServer::json(data(u"statuspage_incidents.json"_s)));
        server.route("/openai/api/v2/summary.json",
                     StubServer::json(data(u"statuspage_summary.json"_s)));
        server.route("/broken/api/v2/", StubServer::json("{\"incidents\": [tru"_ba));
        const QString base = QString::fromLatin1(server.baseUrl());
        StatuspageConnector sp(
            settings(u"statuspage"_s, u"statuspage"_s, server,
                     {{u"pages"_s, QJsonObject{{u"openai"_s, QString(base + u"/openai"_s)},
                                               {u"broken"_s, QString(base + u"/broken"_s)}}}}),
            QString());
        auto r = sp.run(call(u"incidents"_s, Window));
        VERIFY_OK(r);
        const QJsonObject data = r->evidence.first().data;
        const QJsonArray events = data.value(u"events"_s).toArray();
        QCOMPARE(events.size(), 1);
        const QJsonObject incident = events.at(0).toObject();
        QCOMPARE(incident.value(u"ref"_s).toString(), u"statuspage:openai:incident:x0ljvc9m1wxj"_s);
        QCOMPARE(incident.value(u"time"_s).toString(),
                 u"2026-11-20T09:05:00Z"_s); // -06:00 converted
        QCOMPARE(incident.value(u"end"_s).toString(), u"2026-11-20T09:40:00Z"_s);
        QCOMPARE(incident.value(u"components"_s).toArray(), QJsonArray{u"Chat Completions"_s});
        QCOMPARE(incident.value(u"updates"_s).toArray().size(), 2);
        QCOMPARE(r->outputs.value(u"incident_refs"_s).toArray().size(), 1);
        QCOMPARE(data.value(u"errors"_s).toArray().size(), 1); // the malformed page is reported

        // The same pages read again at once (a window widened by a day): the page that answered
        // is not asked twice, the malformed one is.
        const qsizetype asked = server.requests().size();
        QJsonObject widened = Window;
        widened.insert(u"from"_s, u"2026-11-19T09:00:00Z"_s);
        auto again = sp.run(call(u"incidents"_s, widened));
        VERIFY_OK(again);
        QCOMPARE(again->evidence.first().data.value(u"events"_s).toArray().size(), 1);
        QCOMPARE(server.requests().size(), asked + 1);
        QVERIFY(server.requests().last().target.startsWith("/broken/"));

        auto summary = sp.run(call(u"summary"_s, {{u"providers"_s, QJsonArray{u"openai"_s}}}));
        VERIFY_OK(summary);
        const QJsonArray row =
            summary->evidence.first().data.value(u"rows"_s).toArray().at(0).toArray();
        QCOMPARE(row.at(1).toString(), u"minor"_s);
        QCOMPARE(row.at(3).toArray(), QJsonArray{u"Chat Completions (degraded_performance)"_s});
    }

    // Pages on any host (not only *.statuspage.io), summaries without components, and the
    // 50-incident history stated when it does not reach back to the window.
    void statuspageOtherHostsAndBounds()
    {
        StubServer vendorHost;
        QJsonArray recent;
        for (int i = 0; i < 50; ++i) {
            const QString at = QDateTime(QDate(2026, 11, 20), QTime(9, 30), QTimeZone::utc())
                                   .addSecs(i * 3600)
                                   .toString(Qt::ISODate);
            recent.append(QJsonObject{{u"id"_s, u"inc%1"_s.arg(i)},
                                      {u"name"_s, u"Incident %1"_s.arg(i)},
                                      {u"status"_s, u"resolved"_s},
                                      {u"impact"_s, u"minor"_s},
                                      {u"created_at"_s, at},
                                      {u"started_at"_s, at},
                                      {u"resolved_at"_s, at},
                                      {u"incident_updates"_s, QJsonArray{}},
                                      {u"components"_s, QJsonArray{}}});
        }
        vendorHost.route("/api/v2/incidents.json",
                         StubServer::json(QJsonDocument(QJsonObject{{u"incidents"_s, recent}})
                                              .toJson(QJsonDocument::Compact)));
        vendorHost.route(
            "/api/v2/summary.json",
            StubServer::json(
                R"({"page":{"id":"p","name":"Vendor"},"status":{"indicator":"none","description":"All Systems Operational"},"components":[],"incidents":[]})"_ba));
        StatuspageConnector sp(
            settings(u"statuspage"_s, u"statuspage"_s, vendorHost,
                     {{u"pages"_s,
                       QJsonObject{{u"vendor"_s, QString::fromLatin1(vendorHost.baseUrl())}}}}),
            QString());
        auto r = sp.run(call(u"incidents"_s, Window));
        VERIFY_OK(r);
        const QJsonObject data = r->evidence.first().data;
        QCOMPARE(data.value(u"events"_s).toArray().size(), 1); // 09:30, inside the window
        const QJsonArray limits = data.value(u"limits"_s).toArray();
        QCOMPARE(limits.size(), 1);
        QVERIFY2(limits.at(0).toString().contains(u"last 50 incidents"_s),
                 qPrintable(limits.at(0).toString()));
        // A window the 50 incidents do cover needs no such note.
        auto covered = sp.run(call(u"incidents"_s, {{u"from"_s, u"2026-11-21T00:00:00Z"_s},
                                                    {u"to"_s, u"2026-11-21T06:00:00Z"_s}}));
        VERIFY_OK(covered);
        QVERIFY(!covered->evidence.first().data.contains(u"limits"_s));
        auto summary = sp.run(call(u"summary"_s, {}));
        VERIFY_OK(summary);
        const QJsonArray row =
            summary->evidence.first().data.value(u"rows"_s).toArray().at(0).toArray();
        QCOMPARE(row.at(1).toString(), u"none"_s);
        QCOMPARE(row.at(3).toArray().size(), 0);
    }

    void stripe()
    {
        StubServer server;
        server.route("/v1/customers/search?",
                     StubServer::json(data(u"stripe_customer_search.json"_s)));
        server.route("/v1/invoices?customer=cus_QXg1o8vcGmoR32&limit=100&starting_after=in_A",
                     StubServer::json(data(u"stripe_invoices_2.json"_s)));
        server.route("/v1/invoices?", StubServer::json(data(u"stripe_invoices_1.json"_s)));
        server.route("/v1/billing/meters/mtr_test_123/event_summaries?",
                     StubServer::json(data(u"stripe_summaries.json"_s)));
        server.route("/v1/billing/meters?", StubServer::json(data(u"stripe_meters.json"_s)));
        StripeConnector stripe(
            settings(u"stripe"_s, u"stripe"_s, server, {{u"meter"_s, u"api_tokens"_s}}),
            u"sk_test_1234"_s);

        auto customer = stripe.run(call(u"customer"_s, {{u"org"_s, u"org_acme"_s}}));
        VERIFY_OK(customer);
        QCOMPARE(customer->outputs.value(u"customer_id"_s).toString(), u"cus_QXg1o8vcGmoR32"_s);
        QCOMPARE(customer->outputs.value(u"ref"_s).toString(),
                 u"stripe:customer:cus_QXg1o8vcGmoR32"_s);
        // The search and the list are sent together, in either order.
        const QByteArray search = sentTo(server, "/v1/customers/search?");
        QVERIFY2(search.contains("query=metadata%5B%27org_id%27%5D%3A%27org_acme%27"),
                 search.constData());
        QCOMPARE(StripeConnector::searchLiteral(u"a'b\\"_s), u"a\\'b\\\\"_s);

        QJsonObject window{{u"customer"_s, u"cus_QXg1o8vcGmoR32"_s},
                           {u"from"_s, u"2026-11-18T00:00:00Z"_s},
                           {u"to"_s, u"2026-11-21T00:00:00Z"_s}};
        auto invoices = stripe.run(call(u"invoices"_s, window));
        VERIFY_OK(invoices);
        const QJsonObject data = invoices->evidence.first().data;
        QCOMPARE(data.value(u"rows"_s).toArray().size(),
                 1); // in_OLD (page 2) is outside the window
        const QJsonArray row = data.value(u"rows"_s).toArray().at(0).toArray();
        QCOMPARE(row.at(0).toString(), u"in_A"_s);
        QCOMPARE(row.at(6).toInteger(), 1200000);
        QCOMPARE(row.at(7).toArray().size(), 2);
        QCOMPARE(row.at(7).toArray().at(0).toObject().value(u"meter"_s).toString(),
                 u"mtr_test_123"_s);
        // the legacy line shape (`price` on the line): the metered line and the licensed fee
        const QJsonObject tokens = row.at(7).toArray().at(0).toObject();
        const QJsonObject fee = row.at(7).toArray().at(1).toObject();
        QCOMPARE(tokens.value(u"metered"_s).toBool(), true);
        QCOMPARE(tokens.value(u"price"_s).toString(), u"price_1"_s);
        QCOMPARE(fee.value(u"metered"_s).toBool(), false);
        QCOMPARE(fee.value(u"price"_s).toString(), u"price_2"_s);
        QCOMPARE(data.value(u"refs"_s).toArray(), QJsonArray{u"stripe:invoice:in_A"_s});
        QCOMPARE(invoices->outputs.value(u"invoice_ids"_s).toArray(), QJsonArray{u"in_A"_s});

        auto summaries = stripe.run(call(u"meter_summaries"_s, window));
        VERIFY_OK(summaries);
        QCOMPARE(summaries->outputs.value(u"total"_s).toDouble(), 1200000.0);
        const QJsonArray points = summaries->evidence.first()
                                      .data.value(u"series"_s)
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(u"points"_s)
                                      .toArray();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.at(0).toArray().at(0).toString(), u"2026-11-19T00:00:00Z"_s); // sorted
        QVERIFY(server.requests().last().target.contains("value_grouping_window=day"));
        QVERIFY(server.requests().last().target.contains("start_time=1794960000"));
    }

    // The customer's org id under a metadata key of the connection's choosing (default
    // org_id), or failing that the customer whose e-mail is in the org's domain.
    void stripeCustomerLookup_data()
    {
        QTest::addColumn<QString>("key");      // connection option customer_metadata_key
        QTest::addColumn<QString>("metadata"); // the customer's metadata key
        QTest::addColumn<QByteArray>("query"); // the search query sent
        QTest::addColumn<QString>("matchedBy");
        QTest::newRow("default key")
            << QString() << u"org_id"_s << "metadata%5B%27org_id%27%5D"_ba << u"metadata"_s;
        QTest::newRow("configured key") << u"workspace_id"_s << u"workspace_id"_s
                                        << "metadata%5B%27workspace_id%27%5D"_ba << u"metadata"_s;
        QTest::newRow("unusable key falls back to org_id")
            << u"a'] OR email:'x"_s << u"org_id"_s << "metadata%5B%27org_id%27%5D"_ba
            << u"metadata"_s;
        QTest::newRow("no metadata: the e-mail domain")
            << u"workspace_id"_s << u"legacy_ref"_s << "metadata%5B%27workspace_id%27%5D"_ba
            << u"email domain"_s;
    }
    void stripeCustomerLookup()
    {
        QFETCH(QString, key);
        QFETCH(QString, metadata);
        QFETCH(QByteArray, query);
        QFETCH(QString, matchedBy);
        const QJsonObject customer{{u"id"_s, u"cus_1"_s},
                                   {u"object"_s, u"customer"_s},
                                   {u"email"_s, u"billing@acme.dev"_s},
                                   {u"name"_s, u"Acme"_s},
                                   {u"metadata"_s, QJsonObject{{metadata, u"org_acme"_s}}}};
        const QJsonObject other{{u"id"_s, u"cus_2"_s},
                                {u"object"_s, u"customer"_s},
                                {u"email"_s, u"ops@other.dev"_s},
                                {u"metadata"_s, QJsonObject{}}};
        const bool byMetadata = matchedBy == u"metadata"_s;
        const auto list = [](const QJsonArray &data) {
            return QJsonDocument(QJsonObject{{u"object"_s, u"list"_s},
                                             {u"has_more"_s, false},
                                             {u"data"_s, data}})
                .toJson(QJsonDocument::Compact);
        };
        StubServer server;
        server.route("/v1/customers/search?",
                     StubServer::json(list(byMetadata ? QJsonArray{customer} : QJsonArray{})));
        server.route("/v1/customers?", StubServer::json(list(QJsonArray{other, customer})));
        QJsonObject options;
        if (!key.isEmpty())
            options.insert(u"customer_metadata_key"_s, key);
        StripeConnector stripe(settings(u"stripe"_s, u"stripe"_s, server, options),
                               u"sk_test_1234"_s);
        auto r = stripe.run(
            call(u"customer"_s, {{u"org"_s, u"org_acme"_s}, {u"email_domain"_s, u"acme.dev"_s}}));
        VERIFY_OK(r);
        QCOMPARE(r->outputs.value(u"customer_id"_s).toString(), u"cus_1"_s);
        // The search and the list are sent together, in either order.
        const QByteArray search = sentTo(server, "/v1/customers/search?");
        QVERIFY2(search.contains(query), search.constData());
        const QJsonArray row = r->evidence.first().data.value(u"rows"_s).toArray().at(0).toArray();
        QCOMPARE(row.at(4).toString(), matchedBy);
        QCOMPARE(row.at(3).toString(), byMetadata ? u"org_acme"_s : QString());
    }

    // A customer without the org id is the one whose billing address is in the org's domain:
    // the domain itself before any of its sub-domains, never a look-alike domain.
    void stripeEmailDomainMatch_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<int>("match");
        QTest::newRow("the domain") << u"billing@acme.dev"_s << u"acme.dev"_s << 2;
        QTest::newRow("case and spaces") << u"AP@Acme.Dev "_s << u"acme.dev"_s << 2;
        QTest::newRow("a sub-domain") << u"ap@finance.acme.dev"_s << u"acme.dev"_s << 1;
        QTest::newRow("a look-alike domain") << u"ap@notacme.dev"_s << u"acme.dev"_s << 0;
        QTest::newRow("the domain as a user name") << u"acme.dev@gmail.com"_s << u"acme.dev"_s << 0;
        QTest::newRow("another domain") << u"ops@other.dev"_s << u"acme.dev"_s << 0;
        QTest::newRow("no address") << QString() << u"acme.dev"_s << 0;
        QTest::newRow("no domain") << u"billing@acme.dev"_s << QString() << 0;
    }
    void stripeEmailDomainMatch()
    {
        QFETCH(QString, email);
        QFETCH(QString, domain);
        QFETCH(int, match);
        QCOMPARE(StripeConnector::emailDomainMatch(email, domain), match);
    }

    // Since API version 2025-03-31 a line's price is an id under pricing.price_details; the
    // connector pins that version and expands the price to find the meter.
    void stripeCurrentLineShape()
    {
        StubServer server;
        const QByteArray line = R"({"id":"il_1","object":"line_item","quantity":900000,"amount":18,
            "period":{"start":1794960000,"end":1795046400},"metadata":{},
            "parent":{"type":"subscription_item_details","subscription_item_details":{"subscription":"sub_1"}},
            "pricing":{"type":"price_details","price_details":{"price":"price_M","product":"prod_1"},
                       "unit_amount_decimal":"0.002"}})"_ba;
        QByteArray expandedLine = line;
        expandedLine.replace(
            R"("price":"price_M")"_ba,
            R"("price":{"id":"price_M","object":"price","recurring":{"interval":"month","meter":"mtr_test_123","usage_type":"metered"}})"_ba);
        server.route("/v1/invoices/in_A/lines?",
                     StubServer::json(R"({"object":"list","has_more":false,"data":[)"_ba +
                                      expandedLine + "]}"_ba));
        server.route(
            "/v1/invoices?",
            StubServer::json(
                R"({"object":"list","has_more":false,"data":[{"id":"in_A","object":"invoice","status":"open",
                "customer":"cus_1","created":1795046400,"period_start":1794960000,"period_end":1795046400,
                "amount_due":18,"currency":"usd","lines":{"object":"list","has_more":false,"data":[)"_ba +
                line + "]}}]}"_ba));
        StripeConnector stripe(settings(u"stripe"_s, u"stripe"_s, server), u"sk_test_1234"_s);
        auto invoices = stripe.run(call(u"invoices"_s, {{u"customer"_s, u"cus_1"_s},
                                                        {u"from"_s, u"2026-11-18T00:00:00Z"_s},
                                                        {u"to"_s, u"2026-11-21T00:00:00Z"_s}}));
        VERIFY_OK(invoices);
        const QJsonArray row =
            invoices->evidence.first().data.value(u"rows"_s).toArray().at(0).toArray();
        QCOMPARE(row.at(6).toInteger(), 900000); // metered tokens, not 0
        const QJsonObject first = row.at(7).toArray().at(0).toObject();
        QCOMPARE(first.value(u"meter"_s).toString(), u"mtr_test_123"_s);
        QCOMPARE(first.value(u"metered"_s).toBool(), true);
        QCOMPARE(first.value(u"price"_s).toString(), u"price_M"_s);
        QCOMPARE(server.requests().size(), 2);
        QVERIFY2(server.requests().at(1).target.contains("=data.pricing.price_details.price"),
                 server.requests().at(1).target.constData());
        for (const StubServer::Request &r : server.requests())
            QCOMPARE(r.header("Stripe-Version"_ba), "2025-03-31.basil"_ba);
    }

    void stripeErrors()
    {
        StubServer server;
        server.script({StubServer::http(
            401,
            R"({"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****1234"}})"_ba)});
        StripeConnector stripe(settings(u"stripe"_s, u"stripe"_s, server), u"sk_test_bad1234"_s);
        const ConnectionCheck check = stripe.testConnection(limits());
        QVERIFY(!check.ok);
        QVERIFY2(
            check.message.startsWith(u"Stripe rejected the token (HTTP 401: Invalid API Key"_s),
            qPrintable(check.message));

        StubServer malformed;
        malformed.script({StubServer::json(R"({"object":"list","data":[{"id":)"_ba)});
        StripeConnector broken(settings(u"stripe"_s, u"stripe"_s, malformed), u"sk_test_1"_s);
        auto r = broken.run(call(u"invoices"_s, withWindow({{u"customer"_s, u"cus_1"_s}})));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::Parse);
        QVERIFY2(r.error().message.startsWith(u"stripe answered with malformed JSON"_s),
                 qPrintable(r.error().message));
    }

    // Fuzzer finds: out-of-range numbers in an invoice give no time and a saturated total,
    // not undefined behaviour.
    void stripeOutOfRangeNumbers()
    {
        const QJsonObject invoice =
            QJsonDocument::fromJson(
                R"({"id":"in_1","period_start":1e300,"period_end":"99999999999999999"})"_ba)
                .object();
        const QJsonArray lines =
            QJsonDocument::fromJson(
                R"([{"quantity":9e18,"price":{"recurring":{"usage_type":"metered"}},
                     "period":{"start":-1e19,"end":1794960000}},
                    {"quantity":9e18,"price":{"recurring":{"usage_type":"metered"}}}])"_ba)
                .array();
        const QJsonArray row = StripeConnector::invoiceRow(invoice, lines);
        QVERIFY(row.at(2).isNull());
        QVERIFY(row.at(3).isNull());
        QCOMPARE(row.at(6).toInteger(), std::numeric_limits<qint64>::max());
        const QJsonObject first = row.at(7).toArray().at(0).toObject();
        QVERIFY(first.value(u"period_start"_s).isNull());
        QCOMPARE(first.value(u"period_end"_s).toString(), u"2026-11-18T00:00:00Z"_s);
        QVERIFY(!fromUnixSeconds(QJsonValue(-1e19)).isValid());
        QVERIFY(!fromUnixSeconds(QJsonValue(std::numeric_limits<double>::quiet_NaN())).isValid());
        QCOMPARE(fromUnixSeconds(QJsonValue(u"1794960000"_s)),
                 QDateTime(QDate(2026, 11, 18), QTime(0, 0), QTimeZone::utc()));
    }

    // Found by fuzzing: a ticket id beyond qint64 is no id, so no ticket.
    void zendeskOutOfRangeIds()
    {
        const QJsonObject answer =
            QJsonDocument::fromJson(R"({"tickets":[{"id":1e41,"subject":"a"},{"id":101,
                "subject":"b","requester_id":1e300}],"users":[{"id":-1e300}]})"_ba)
                .object();
        const QList<Ticket> tickets = ZendeskConnector::parseTickets(answer);
        QCOMPARE(tickets.size(), 1);
        QCOMPARE(tickets.first().id, u"101"_s);
        QVERIFY(tickets.first().requesterName.isEmpty());
    }

    void zendeskQueue()
    {
        StubServer server;
        QByteArray page1 = data(u"zendesk_tickets_1.json"_s);
        page1.replace(
            "NEXT_PAGE_URL"_ba,
            QByteArray(server.baseUrl() +
                       "/api/v2/tickets.json?page=2&per_page=100&include=users,organizations"));
        server.route("/api/v2/tickets.json?page=2",
                     StubServer::json(data(u"zendesk_tickets_2.json"_s)));
        server.route("/api/v2/tickets.json?", StubServer::json(page1));
        ConnectionSettings s = settings(u"helpdesk"_s, u"zendesk"_s, server);
        s.account = u"agent@relay.ai"_s;
        ZendeskConnector zendesk(s, u"zd_token"_s);
        auto tickets = zendesk.listTickets(limits());
        VERIFY_OK(tickets);
        QCOMPARE(tickets->size(), 3);
        QCOMPARE(tickets->at(0).id, u"103"_s); // new, newest update
        QCOMPARE(tickets->at(1).id, u"102"_s); // open
        QCOMPARE(tickets->at(2).id, u"101"_s); // solved last
        const Ticket &t = tickets->at(1);
        QCOMPARE(t.orgId, u"org_acme"_s);
        QCOMPARE(t.orgName, u"Acme Corp"_s);
        QCOMPARE(t.requesterName, u"Dana Smith"_s);
        QCOMPARE(t.requesterEmail, u"dana@acme.example"_s);
        QCOMPARE(t.tags, QStringList{u"latency"_s});
        QCOMPARE(t.createdAt, QDateTime(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::utc()));
        // No organization_id on the ticket: the requester's organisation is used.
        QCOMPARE(tickets->at(0).orgId, u"org_beta"_s);
        QCOMPARE(server.requests().at(0).header("Authorization"_ba),
                 "Basic "_ba + "agent@relay.ai/token:zd_token"_ba.toBase64());

        auto bad = zendesk.ticket(u"1 OR 1=1"_s, limits());
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().code, Error::Code::InvalidInput);
        auto missing = zendesk.ticket(u"999"_s, limits());
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, Error::Code::NotFound);
    }

    void zendeskAddComment()
    {
        StubServer server;
        server.route("/api/v2/tickets/102/comments.json",
                     StubServer::json(data(u"zendesk_comments.json"_s)));
        server.route("/api/v2/tickets/102.json", StubServer::json(data(u"zendesk_put.json"_s)));
        ZendeskConnector zendesk(settings(u"helpdesk"_s, u"zendesk"_s, server), u"zd_oauth"_s);
        // Already posted (a retried send): no PUT, the existing comment's id.
        auto existing = zendesk.addComment(u"102"_s, u"Hi Dana,\r\n\r\nwe found the cause.\n"_s,
                                           true, u"key-1"_s, limits());
        VERIFY_OK(existing);
        QCOMPARE(*existing, u"7002"_s);
        for (const auto &request : server.requests())
            QCOMPARE(request.method, "GET"_ba);
        // Same words as an internal note: a different comment, so it is posted.
        auto posted = zendesk.addComment(u"102"_s, u"New reply"_s, true, u"key-2"_s, limits());
        VERIFY_OK(posted);
        QCOMPARE(*posted, u"7003"_s);
        const auto &put = server.requests().last();
        QCOMPARE(put.method, "PUT"_ba);
        QCOMPARE(put.header("Idempotency-Key"_ba), "key-2"_ba);
        QCOMPARE(put.header("Authorization"_ba), "Bearer zd_oauth"_ba);
        const QJsonObject comment = QJsonDocument::fromJson(put.body)
                                        .object()
                                        .value(u"ticket"_s)
                                        .toObject()
                                        .value(u"comment"_s)
                                        .toObject();
        QCOMPARE(comment.value(u"body"_s).toString(), u"New reply"_s);
        QCOMPARE(comment.value(u"public"_s).toBool(), true);
    }

    void zendeskAddCommentTimeoutIsUnknown()
    {
        StubServer server;
        server.route("/api/v2/tickets/102/comments.json",
                     StubServer::json(R"({"comments":[],"next_page":null})"_ba));
        server.route("/api/v2/tickets/102.json", StubServer::stall());
        ZendeskConnector zendesk(settings(u"helpdesk"_s, u"zendesk"_s, server), u"zd"_s);
        WorkLimits l;
        l.deadline = QDeadlineTimer(1500ms);
        auto r = zendesk.addComment(u"102"_s, u"Reply"_s, false, u"key-3"_s, l);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::Timeout);
        QVERIFY2(r.error().message.contains(u"outcome is unknown"_s),
                 qPrintable(r.error().message));
        int puts = 0;
        for (const auto &request : server.requests())
            puts += request.method == "PUT" ? 1 : 0;
        QCOMPARE(puts, 1); // never retried
    }

    void zendeskOrganisationsOperation()
    {
        StubServer server;
        server.route(
            "/api/v2/organizations.json",
            StubServer::json(
                R"({"organizations":[{"id":501,"name":"Acme Corp","external_id":"org_acme","domain_names":["acme.example"]},
                                 {"id":502,"name":"No External","external_id":null,"domain_names":[]}],"next_page":null})"_ba));
        ZendeskConnector zendesk(settings(u"helpdesk"_s, u"zendesk"_s, server), u"zd"_s);
        auto r = zendesk.run(call(u"organisations"_s, {}));
        VERIFY_OK(r);
        QCOMPARE(r->evidence.first().data.value(u"rows"_s).toArray().size(), 2);
        const QJsonObject orgs = r->outputs.value(u"orgs"_s).toObject();
        QCOMPARE(orgs.keys(), QStringList{u"org_acme"_s});
        QCOMPARE(orgs.value(u"org_acme"_s).toObject().value(u"domains"_s).toArray(),
                 QJsonArray{u"acme.example"_s});
    }

    void docs()
    {
        StubServer server;
        server.route("/api/search?", StubServer::json(data(u"docs_search.json"_s)));
        server.route("/api/pages?path=docs%2Frouting%2Ffallbacks.md",
                     StubServer::json(data(u"docs_page.json"_s)));
        DocsConnector docs(settings(u"docs"_s, u"docs"_s, server), QString());
        auto r = docs.run(
            call(u"search"_s, {{u"terms"_s, QJsonArray{u"fallback & retry+"_s}}, {u"limit"_s, 2}}));
        VERIFY_OK(r);
        const QJsonArray items = r->evidence.first().data.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).toObject().value(u"ref"_s).toString(),
                 u"docs:docs/routing/fallbacks.md"_s);
        QVERIFY(
            items.at(0).toObject().value(u"text"_s).toString().contains(u"tries the next one"_s));
        QCOMPARE(items.at(1).toObject().value(u"text"_s).toString(),
                 u"Retries happen…"_s); // page missing: snippet
        QVERIFY(server.requests().at(0).target.contains("q=fallback%20%26%20retry%2B"));
        auto fetched = docs.run(call(u"fetch"_s, {{u"path"_s, u"docs/routing/fallbacks.md"_s}}));
        VERIFY_OK(fetched);
        QCOMPARE(fetched->evidence.first().data.value(u"items"_s).toArray().size(), 1);
    }

    void docsSearchWithPagesNeedsNoFetch()
    {
        // A search that answers with each page's body: one search per term, no page fetch.
        StubServer server;
        server.route("/api/search?",
                     StubServer::json(R"({"results":[{"path":"docs/a.md","title":"A",
                        "snippet":"short","body":"the whole page A"}],"total":1})"_ba));
        DocsConnector docs(settings(u"docs"_s, u"docs"_s, server), QString());
        auto r =
            docs.run(call(u"search"_s, {{u"terms"_s, QJsonArray{u"one"_s, u"two"_s, u"three"_s}},
                                        {u"limit"_s, 5}}));
        VERIFY_OK(r);
        const QJsonArray items = r->evidence.first().data.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1); // the same page for every term, once
        QCOMPARE(items.at(0).toObject().value(u"text"_s).toString(), u"the whole page A"_s);
        int searches = 0;
        for (const auto &request : server.requests()) {
            QVERIFY2(!request.target.contains("/api/pages"), request.target.constData());
            searches += request.target.contains("/api/search") ? 1 : 0;
            QVERIFY(request.target.contains("include=body"));
        }
        QCOMPARE(searches, 3);
    }

    // The settings output names what the configs set besides the model, and the hooks they
    // fill (on the config or on a target), for later steps to look up in the documentation.
    void portkeySettingsNameHooks()
    {
        StubServer server;
        server.route("/v1/configs/pc-masked",
                     StubServer::json(
                         R"({"success":true,"data":{"slug":"pc-masked","org":"org_acme","config":{
                    "before_request_hooks":[{"id":"pii","type":"guardrail","async":false}],
                    "targets":[{"virtual_key":"vk-1","override_params":{"model":"gpt-4.1-mini",
                    "service_tier":"flex"},"output_guardrails":[{"id":"tox"}]}]}}})"_ba));
        server.route("/v1/configs/pc-plain",
                     StubServer::json(
                         R"({"success":true,"data":{"slug":"pc-plain","org":"org_acme","config":{
                    "after_request_hooks":[],"targets":[{"virtual_key":"vk-2"}]}}})"_ba));
        PortkeyConnector gateway(settings(u"gateway"_s, u"portkey"_s, server, {}, u"/v1"_s),
                                 u"pk_key"_s);
        auto r = gateway.run(
            call(u"config"_s, {{u"config_ids"_s, QJsonArray{u"pc-masked"_s, u"pc-plain"_s}}}));
        VERIFY_OK(r);
        QCOMPARE(r->evidence.size(), 2);
        QStringList settings;
        for (const QJsonValue &v : r->outputs.value(u"settings"_s).toArray())
            settings.append(v.toString());
        settings.sort();
        // an empty hook list fills nothing
        QCOMPARE(settings, (QStringList{u"before_request_hooks"_s, u"flex"_s,
                                        u"output_guardrails"_s, u"service_tier"_s}));
    }

    void portkey()
    {
        StubServer server;
        server.route("/v1/configs/pc-acme-prod", StubServer::json(data(u"portkey_config.json"_s)));
        server.route("/v1/configs/missing",
                     StubServer::http(404, R"({"success":false,"message":"Config not found"})"_ba));
        PortkeyConnector gateway(settings(u"gateway"_s, u"portkey"_s, server, {}, u"/v1"_s),
                                 u"pk_key"_s);
        auto r = gateway.run(
            call(u"config"_s, {{u"config_ids"_s, QJsonArray{u"pc-acme-prod"_s, u"missing"_s}}}));
        VERIFY_OK(r);
        QCOMPARE(r->evidence.size(), 1);
        const QJsonObject data = r->evidence.first().data;
        QCOMPARE(r->evidence.first().kind, EvidenceKind::Config);
        QCOMPARE(data.value(u"ref"_s).toString(), u"config:pc-acme-prod"_s);
        QCOMPARE(data.value(u"org"_s).toString(), u"org_acme"_s);
        QCOMPARE(data.value(u"config"_s)
                     .toObject()
                     .value(u"strategy"_s)
                     .toObject()
                     .value(u"mode"_s)
                     .toString(),
                 u"fallback"_s);
        QCOMPARE(server.requests().at(0).header("x-portkey-api-key"_ba), "pk_key"_ba);
        auto none = gateway.run(call(u"config"_s, {{u"config_id"_s, u"missing"_s}}));
        QVERIFY(!none.has_value());
        QCOMPARE(none.error().code, Error::Code::NotFound);
    }

    void llmFallbackChain()
    {
        StubServer primary;
        primary.script({StubServer::http(500, R"({"error":{"message":"overloaded"}})"_ba)});
        StubServer backup;
        backup.script({StubServer::json(data(u"llm_chat.json"_s))});
        ConnectionSettings s =
            settings(u"llm"_s, u"openai"_s, primary,
                     {{u"model"_s, u"main-model"_s},
                      {u"timeout_ms"_s, 5000},
                      {u"fallback"_s,
                       QJsonArray{QJsonObject{
                           {u"url"_s, QString(QString::fromLatin1(backup.baseUrl()) + u"/v1"_s)},
                           {u"model"_s, u"backup-model"_s}}}}},
                     u"/v1"_s);
        LlmConnector llm(s, u"sk-llm"_s);
        auto r = llm.run(call(u"chat"_s, {{u"system"_s, u"You write replies."_s},
                                          {u"prompt"_s, u"Draft a reply."_s}}));
        VERIFY_OK(r);
        QVERIFY(r->evidence.isEmpty());
        QCOMPARE(r->outputs.value(u"target"_s).toInt(), 1);
        QCOMPARE(r->outputs.value(u"model"_s).toString(), u"backup-model"_s);
        QVERIFY(r->outputs.value(u"text"_s).toString().startsWith(u"Hi Dana"_s));
        QCOMPARE(primary.requests().at(0).target, "/v1/chat/completions"_ba);
        const QJsonObject body = QJsonDocument::fromJson(backup.requests().at(0).body).object();
        QCOMPARE(body.value(u"model"_s).toString(), u"backup-model"_s);
        QCOMPARE(body.value(u"messages"_s).toArray().size(), 2);

        // A stalled target gives up after timeout_ms and the next one answers.
        StubServer stalled;
        stalled.script({StubServer::stall()});
        StubServer backup2;
        backup2.script({StubServer::json(data(u"llm_chat.json"_s))});
        ConnectionSettings t = settings(
            u"llm"_s, u"openai"_s, stalled,
            {{u"model"_s, u"m"_s},
             {u"timeout_ms"_s, 1000},
             {u"fallback"_s,
              QJsonArray{QJsonObject{
                  {u"url"_s, QString(QString::fromLatin1(backup2.baseUrl()) + u"/v1"_s)}}}}},
            u"/v1"_s);
        auto second = LlmConnector(t, u"sk"_s).run(call(u"chat"_s, {{u"prompt"_s, u"x"_s}}));
        VERIFY_OK(second);
        QCOMPARE(second->outputs.value(u"target"_s).toInt(), 1);
    }

    void linearSearchesThePluralAsItsSingular()
    {
        // the filter matches substrings: "webhook" finds an issue that says "Webhook deliveries"
        // as well as one that says "webhooks"; "access" and "dns" stay as they are
        StubServer server;
        const QJsonObject issue{
            {u"id"_s, u"1"_s},
            {u"identifier"_s, u"GW-9"_s},
            {u"title"_s, u"Webhook deliveries drop the query"_s},
            {u"description"_s, u""_s},
            {u"url"_s, u"https://linear.app/x/issue/GW-9"_s},
            {u"createdAt"_s, u"2027-01-01T00:00:00Z"_s},
            {u"updatedAt"_s, u"2027-01-01T00:00:00Z"_s},
            {u"state"_s, QJsonObject{{u"name"_s, u"Todo"_s}, {u"type"_s, u"unstarted"_s}}},
            {u"labels"_s, QJsonObject{{u"nodes"_s, QJsonArray{}}}}};
        const QJsonObject issues{{u"pageInfo"_s, QJsonObject{{u"hasNextPage"_s, false}}},
                                 {u"nodes"_s, QJsonArray{issue}}};
        const QByteArray answer =
            QJsonDocument(QJsonObject{{u"data"_s, QJsonObject{{u"issues"_s, issues}}}}).toJson();
        server.script({StubServer::json(answer)});
        LinearConnector linear(settings(u"linear"_s, u"linear"_s, server), u"lin_api_key"_s);
        const QJsonArray terms{u"webhooks"_s, u"access"_s, u"dns"_s, u"Webhook"_s};
        auto r = linear.run(call(u"search_issues"_s, {{u"terms"_s, terms}}));
        VERIFY_OK(r);
        const QJsonArray any = QJsonDocument::fromJson(server.requests().at(0).body)
                                   .object()
                                   .value(u"variables"_s)
                                   .toObject()
                                   .value(u"filter"_s)
                                   .toObject()
                                   .value(u"or"_s)
                                   .toArray();
        QStringList searched;
        for (const QJsonValue &v : any) {
            const QJsonObject field = v.toObject().begin().value().toObject();
            if (!searched.contains(field.value(u"containsIgnoreCase"_s).toString()))
                searched.append(field.value(u"containsIgnoreCase"_s).toString());
        }
        QCOMPARE(searched, (QStringList{u"webhook"_s, u"access"_s, u"dns"_s}));
        QCOMPARE(r->evidence.first().data.value(u"events"_s).toArray().size(), 1);
    }

    void linearRateLimitIsReportedNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("HTTP 400 RATELIMITED") << 400;
        QTest::newRow("HTTP 429 RATELIMITED") << 429;
    }

    void linearRateLimitIsReportedNotRetried()
    {
        QFETCH(int, status);
        StubServer server;
        const QByteArray reset = QByteArray::number(QDateTime::currentMSecsSinceEpoch() + 42000);
        server.script({StubServer::http(
            status,
            R"({"errors":[{"message":"Rate limit exceeded","extensions":{"type":"ratelimited","code":"RATELIMITED"}}]})"_ba,
            {{"X-RateLimit-Requests-Remaining"_ba, "0"_ba},
             {"X-RateLimit-Requests-Reset"_ba, reset}})});
        LinearConnector linear(settings(u"linear"_s, u"linear"_s, server), u"lin_api_key"_s);
        auto r = linear.run(call(u"search_issues"_s, {{u"terms"_s, QJsonArray{u"latency"_s}}}));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::RateLimited);
        QVERIFY2(r.error().message.contains(u"retry after 4"_s), qPrintable(r.error().message));
        QCOMPARE(server.requests().size(), 1); // asking again at once would only deepen the hole
    }

    void pagerDutyHeadersAreItsOwn()
    {
        StubServer server;
        server.script(
            {StubServer::json(R"({"incidents":[],"limit":100,"offset":0,"more":false})"_ba)});
        PagerDutyConnector pd(settings(u"pagerduty"_s, u"pagerduty"_s, server), u"pd_token"_s);
        auto r = pd.run(call(u"incidents"_s, Window));
        VERIFY_OK(r);
        const StubServer::Request &sent = server.requests().at(0);
        QCOMPARE(sent.header("Accept"_ba), "application/vnd.pagerduty+json;version=2"_ba);
        QCOMPARE(sent.header("Content-Type"_ba), "application/json"_ba);
        QCOMPARE(sent.header("Authorization"_ba), "Token token=pd_token"_ba);
    }

    void portkeyConfigSecretsMasked()
    {
        StubServer server;
        server.script({StubServer::json(R"({"success":true,"data":{"slug":"pc-1","config":{
            "strategy":{"mode":"fallback"},
            "targets":[{"provider":"openai","api_key":"sk-proj-abcdefghijklmnopqrstuvwx",
                        "override_params":{"model":"gpt-4o","max_tokens":512}},
                       {"provider":"bedrock","aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG",
                        "aws_access_key_id":"AKIAIOSFODNN7EXAMPLE","virtual_key":"vk-bedrock",
                        "custom_headers":{"Authorization":"Bearer abcdefgh12345678"}},
                       {"provider":"azure-openai","forward":["sk-abcdefghijklmnopqrstuvwxyz"]}]}}})"_ba)});
        PortkeyConnector gateway(settings(u"gateway"_s, u"portkey"_s, server, {}, u"/v1"_s),
                                 u"pk_key"_s);
        auto r = gateway.run(call(u"config"_s, {{u"config_id"_s, u"pc-1"_s}}));
        VERIFY_OK(r);
        const QByteArray stored =
            QJsonDocument(r->evidence.first().data).toJson(QJsonDocument::Compact);
        for (const QByteArray &secret :
             {"sk-proj-abcdefghijklmnopqrstuvwx"_ba, "wJalrXUtnFEMI/K7MDENG"_ba,
              "AKIAIOSFODNN7EXAMPLE"_ba, "abcdefgh12345678"_ba, "sk-abcdefghijklmnopqrstuvwxyz"_ba})
            QVERIFY2(!stored.contains(secret), stored.constData());
        // What is not a credential stays readable.
        QVERIFY(stored.contains("\"max_tokens\":512"_ba));
        QVERIFY(stored.contains("vk-bedrock"_ba));
        QVERIFY(stored.contains("gpt-4o"_ba));
    }

    void llmFallbackTargetsGetTheirOwnSecret()
    {
        StubServer primary;
        primary.script({StubServer::http(503, R"({"error":{"message":"overloaded"}})"_ba)});
        StubServer own;
        own.script({StubServer::http(503, R"({"error":{"message":"overloaded"}})"_ba)});
        StubServer none;
        none.script({StubServer::json(data(u"llm_chat.json"_s))});
        const auto url = [](const StubServer &s) {
            return QString(QString::fromLatin1(s.baseUrl()) + u"/v1"_s);
        };
        ConnectionSettings s = settings(
            u"llm"_s, u"openai"_s, primary,
            {{u"model"_s, u"main-model"_s},
             {u"fallback"_s, QJsonArray{QJsonObject{{u"url"_s, url(own)},
                                                    {u"secret"_s, QJsonObject{{u"env"_s, u"X"_s}}}},
                                        QJsonObject{{u"url"_s, url(none)}}}}},
            u"/v1"_s);
        LlmConnector llm(s, u"sk-primary-key"_s, {u"sk-fallback-key"_s, QString()});
        auto r = llm.run(call(u"chat"_s, {{u"prompt"_s, u"Draft a reply."_s}}));
        VERIFY_OK(r);
        QCOMPARE(r->outputs.value(u"target"_s).toInt(), 2);
        QCOMPARE(primary.requests().at(0).header("Authorization"_ba), "Bearer sk-primary-key"_ba);
        QCOMPARE(own.requests().at(0).header("Authorization"_ba), "Bearer sk-fallback-key"_ba);
        // A fallback on another origin without a secret of its own gets none, not the primary's.
        QVERIFY(none.requests().at(0).header("Authorization"_ba).isEmpty());
        const QJsonObject body = QJsonDocument::fromJson(none.requests().at(0).body).object();
        QCOMPARE(body.value(u"model"_s).toString(), u"main-model"_s);
        QVERIFY(body.contains(u"max_completion_tokens"_s));
        QVERIFY(!body.contains(u"max_tokens"_s));
    }

    // Every authenticated connector, pointed at a server that redirects everything to a
    // second origin: the second origin never sees a credential.
    void credentialsStayWithTheirOrigin_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<QJsonObject>("options");
        QTest::addColumn<QString>("path");
        QTest::newRow("zendesk") << u"helpdesk"_s << u"zendesk"_s << u"organisations"_s
                                 << QJsonObject{} << QJsonObject{} << QString();
        QTest::newRow("clickhouse") << u"clickhouse"_s << u"clickhouse"_s << u"traffic_overview"_s
                                    << withWindow({{u"org"_s, u"org_a"_s}})
                                    << QJsonObject{{u"database"_s, u"casefile"_s}} << QString();
        QTest::newRow("github") << u"github"_s << u"github"_s << u"deployments"_s << Window
                                << QJsonObject{{u"repo"_s, u"o/r"_s}} << QString();
        QTest::newRow("linear") << u"linear"_s << u"linear"_s << u"search_issues"_s
                                << QJsonObject{{u"terms"_s, QJsonArray{u"x"_s}}} << QJsonObject{}
                                << QString();
        QTest::newRow("jira") << u"jira"_s << u"jira"_s << u"search_issues"_s
                              << QJsonObject{{u"terms"_s, QJsonArray{u"x"_s}}} << QJsonObject{}
                              << QString();
        QTest::newRow("stripe") << u"stripe"_s << u"stripe"_s << u"customer"_s
                                << QJsonObject{{u"org"_s, u"org_a"_s}} << QJsonObject{}
                                << QString();
        QTest::newRow("pagerduty") << u"pagerduty"_s << u"pagerduty"_s << u"incidents"_s << Window
                                   << QJsonObject{} << QString();
        QTest::newRow("docs") << u"docs"_s << u"docs"_s << u"search"_s
                              << QJsonObject{{u"terms"_s, QJsonArray{u"x"_s}}} << QJsonObject{}
                              << QString();
        QTest::newRow("portkey") << u"gateway"_s << u"portkey"_s << u"config"_s
                                 << QJsonObject{{u"config_id"_s, u"pc-1"_s}} << QJsonObject{}
                                 << u"/v1"_s;
        QTest::newRow("llm") << u"llm"_s << u"openai"_s << u"chat"_s
                             << QJsonObject{{u"prompt"_s, u"x"_s}}
                             << QJsonObject{{u"model"_s, u"m"_s}} << u"/v1"_s;
    }

    void credentialsStayWithTheirOrigin()
    {
        QFETCH(QString, system);
        QFETCH(QString, type);
        QFETCH(QString, operation);
        QFETCH(QJsonObject, args);
        QFETCH(QJsonObject, options);
        QFETCH(QString, path);
        StubServer second;
        second.script({StubServer::http(401, R"({"message":"who are you"})"_ba)});
        StubServer first;
        // Same-origin hops first (followed with the credentials), then off to another port.
        first.route("/hop/",
                    StubServer::http(307, {}, {{"Location"_ba, second.baseUrl() + "/landed"_ba}}));
        first.route("/", StubServer::http(302, {}, {{"Location"_ba, "/hop/next"_ba}}));
        const QString secret = u"s3cret-token-value"_s;
        ConnectionSettings s = settings(system, type, first, options, path);
        s.account = u"agent@example.com"_s;
        auto connector = createConnector(s, secret);
        VERIFY_OK(connector);
        auto r = (*connector)->run(call(operation, args));
        QVERIFY(!r.has_value());
        QVERIFY2(!first.requests().isEmpty(), "the connector sent nothing");
        QVERIFY2(first.requests().size() >= 2, "the same-origin redirect was not followed");
        QVERIFY2(!second.requests().isEmpty(),
                 "the redirect to the second origin was not followed");
        const QByteArray basic = QByteArray("agent@example.com:" + secret.toUtf8()).toBase64();
        const QByteArray basicToken =
            QByteArray("agent@example.com/token:" + secret.toUtf8()).toBase64();
        // Same origin: the credentials went along.
        bool sawCredential = false;
        for (const StubServer::Request &req : first.requests()) {
            for (const auto &[name, value] : req.headers)
                sawCredential = sawCredential || value.contains(secret.toUtf8()) ||
                                value.contains(basic) || value.contains(basicToken);
        }
        QVERIFY2(sawCredential, "the first origin never saw the credential");
        for (const StubServer::Request &req : second.requests()) {
            QVERIFY2(!req.target.contains(secret.toUtf8()), req.target.constData());
            QVERIFY(!req.body.contains(secret.toUtf8()));
            for (const auto &[name, value] : req.headers) {
                QVERIFY2(!value.contains(secret.toUtf8()) && !value.contains(basic) &&
                             !value.contains(basicToken),
                         QByteArray(name + ": " + value).constData());
                QVERIFY2(name.toLower() != "authorization" &&
                             name.toLower() != "x-portkey-api-key" &&
                             name.toLower() != "x-clickhouse-key",
                         name.constData());
            }
        }
    }

    void zendeskSendKeepsCredentialsAtHome()
    {
        StubServer second;
        second.script({StubServer::http(401, R"({"error":"Could not authenticate you"})"_ba)});
        StubServer first;
        first.script({StubServer::http(307, {}, {{"Location"_ba, second.baseUrl() + "/x"_ba}})});
        ConnectionSettings s = settings(u"helpdesk"_s, u"zendesk"_s, first);
        s.account = u"agent@example.com"_s;
        ZendeskConnector zendesk(s, u"zd-secret-token"_s);
        WorkLimits l = limits();
        auto r = zendesk.addComment(u"102"_s, u"Reply"_s, false, u"key-9"_s, l);
        QVERIFY(!r.has_value());
        QCOMPARE(first.requests().size(), 1);
        for (const StubServer::Request &req : second.requests()) {
            QVERIFY(req.header("Authorization"_ba).isEmpty());
            for (const auto &[name, value] : req.headers)
                QVERIFY(
                    !QByteArray::fromBase64(value.split(' ').last()).contains("zd-secret-token"));
        }
    }

    void plainHttpRefusedForCredentialsExceptLoopback()
    {
        ConnectionSettings s;
        s.system = u"github"_s;
        s.type = u"github"_s;
        s.url = u"http://github.example.com"_s;
        s.options = {{u"repo"_s, u"o/r"_s}};
        GitHubConnector github(s, u"ghp_secret_value"_s);
        auto r = github.run(call(u"releases"_s, Window));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Error::Code::InvalidInput);
        QVERIFY2(r.error().message.contains(u"https"_s), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(u"ghp_secret_value"_s));
        const ConnectionCheck check = github.testConnection(limits());
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains(u"http://"_s), qPrintable(check.message));
    }

    void oversizedAndBombAnswersEndInAStepError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QString>("expected");
        // 80 MiB of JSON-ish zeros compress to well under a megabyte.
        QByteArray huge(80 * 1024 * 1024, ' ');
        huge[0] = '[';
        huge[huge.size() - 1] = ']';
        QByteArray zlib = qCompress(huge, 9).mid(4); // qCompress prefixes the length
        QTest::newRow("deflate bomb") << zlib << "deflate"_ba << u"expands beyond"_s;
        QTest::newRow("oversized plain body") << huge << QByteArray() << u"more than 32 MiB"_s;
    }

    void oversizedAndBombAnswersEndInAStepError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, encoding);
        QFETCH(QString, expected);
        StubServer server;
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!encoding.isEmpty())
            headers.append({"Content-Encoding"_ba, encoding});
        server.script({StubServer::http(200, body, headers)});
        GitHubConnector github(settings(u"github"_s, u"github"_s, server, {{u"repo"_s, u"o/r"_s}}),
                               u"ghp_x"_s);
        auto r = github.run(call(u"releases"_s, Window));
        QVERIFY(!r.has_value());
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY(r.error().message.startsWith(u"GitHub"_s));
    }

    void factory()
    {
        const QByteArray profileJson = R"({
          "format": "casefile-profile/1", "name": "test", "sandbox": true,
          "connections": {
            "helpdesk": {"type": "zendesk", "url": "http://127.0.0.1:1", "account": "a@b.c", "secret": {"inline": "t"}},
            "clickhouse": {"type": "clickhouse", "url": "http://127.0.0.1:1", "options": {"database": "casefile"}},
            "github": {"type": "github", "url": "http://127.0.0.1:1", "secret": {"env": "CASEFILE_TEST_UNSET_VARIABLE"}},
            "linear": {"type": "linear", "url": "http://127.0.0.1:1"},
            "jira": {"type": "jira", "url": "http://127.0.0.1:1"},
            "stripe": {"type": "stripe", "url": "http://127.0.0.1:1"},
            "statuspage": {"type": "statuspage", "url": "http://127.0.0.1:1", "options": {"pages": {}}},
            "pagerduty": {"type": "pagerduty", "url": "http://127.0.0.1:1"},
            "docs": {"type": "docs", "url": "http://127.0.0.1:1"},
            "gateway": {"type": "portkey", "url": "http://127.0.0.1:1/v1"},
            "llm": {"type": "openai", "url": "http://127.0.0.1:1/v1", "options": {"model": "m"}}
          }})"_ba;
        auto profile = parseProfile(profileJson);
        VERIFY_OK(profile);
        auto set = createConnectors(*profile, resolveSecretWithoutKeychain);
        VERIFY_OK(set);
        QCOMPARE((*set)->systems().size(), 11);
        QVERIFY((*set)->helpdesk() != nullptr);
        QCOMPARE((*set)->get(u"clickhouse"_s)->operations().size(), 12);
        // The unresolved secret is reported by that connector only.
        const ConnectionCheck check = (*set)->get(u"github"_s)->testConnection(limits());
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains(u"CASEFILE_TEST_UNSET_VARIABLE"_s),
                 qPrintable(check.message));

        WorkspaceProfile unknown = *profile;
        unknown.connections[u"docs"_s].type = u"confluence"_s;
        auto bad = createConnectors(unknown, resolveSecretWithoutKeychain);
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().code, Error::Code::InvalidInput);
        QVERIFY(bad.error().message.contains(u"confluence"_s));
    }
};

QTEST_GUILESS_MAIN(TestVendorConnectors)
#include "tst_vendorconnectors.moc"
