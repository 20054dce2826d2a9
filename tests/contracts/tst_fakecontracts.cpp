// The sandbox's vendor fakes against the vendors' published API descriptions.
//
// Each connector operation runs through a Prism proxy (`prism proxy --errors SPEC FAKE`) in
// front of the vendor's fake: Prism checks the connector's request and the fake's answer
// against the description, so a fake that answers in a shape the vendor never would, or
// accepts what the vendor would refuse without the connector noticing, fails here. Linear's
// fake is checked by executing the connector's documents over its answers with graphql-js.
//
// Skips, saying why, when the descriptions or the tools are absent.

#include "connectors/common/connection.h"
#include "connectors/common/httpclient.h"
#include "connectors/connectorfactory.h"
#include "core/investigationjson.h"
#include "prismserver.h"
#include "sandbox/billing.h"
#include "sandbox/fakes/fakeservices.h"
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::contractCall;
using Casefile::Tests::PrismServer;

namespace {

const QJsonObject Window{{u"org"_s, u"org_acme"_s},
                         {u"from"_s, u"2026-11-20T08:00:00Z"_s},
                         {u"to"_s, u"2026-11-20T10:05:00Z"_s}};

// A GET of `path` as the connection would send it (its auth headers), for diagnostics.
HttpRequest ConnectionRequest(const ConnectionSettings &s, const QString &secret,
                              const QString &path)
{
    auto connector = createConnector(s, secret);
    auto *http = dynamic_cast<HttpConnector *>(connector ? connector->get() : nullptr);
    HttpRequest r;
    if (http) {
        if (auto built = http->connection().request("GET"_ba, QUrl(s.url + path)))
            r = *built;
    }
    r.url = QUrl(s.url + path);
    return r;
}

// One raw request to a fake, as a client other than Casefile might send it: (status, body).
std::pair<int, QJsonObject> rawRequest(const QByteArray &method, const QUrl &url,
                                       const QList<std::pair<QByteArray, QByteArray>> &headers,
                                       const QByteArray &body = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(request, method, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30s, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return {status, QJsonDocument::fromJson(reply->readAll()).object()};
}

// The value at a dotted path ("error.message", "errors.0.message") of a JSON object.
QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &part : path.split(u'.')) {
        bool index = false;
        const int i = part.toInt(&index);
        v = index ? v.toArray().at(i) : v.toObject().value(part);
    }
    return v;
}

} // namespace

class TestFakeContracts : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox::FakeServices> m_fakes;
    QJsonObject m_connections; // the sandbox profile's connections
    Tests::PrismServers m_prism;
    // Per vendor (the table's keys): checks run and checks passed.
    QMap<QString, int> m_checks;
    QMap<QString, int> m_passed;

    static QString tableKey(const QString &name)
    {
        return name == u"llm"_s ? u"openai"_s : name == u"gateway"_s ? u"portkey"_s : name;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (const QString reason = Tests::prismSkipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        auto scenario = Sandbox::loadScenario(qEnvironmentVariable("CASEFILE_DEMO_SCENARIO"));
        QVERIFY2(scenario.has_value(), qPrintable(scenario ? QString() : scenario.error().message));
        const Sandbox::GeneratedLogs logs = Sandbox::generateLogs(*scenario, 0.05);
        m_fakes = std::make_unique<Sandbox::FakeServices>(
            scenario->root, Sandbox::makeBillingFunction(*scenario, logs), QUrl());
        auto started = m_fakes->start({});
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        m_connections = m_fakes->profileConnections();
        // A proxy in front of each vendor's fake, all at once.
        for (const auto &[name, description] : Tests::vendorDescriptions()) {
            // The profile's URL of the fake, which for OpenAI and Portkey ends in the /v1 their
            // descriptions' servers carry.
            m_prism.start(
                name,
                m_connections.value(description.system).toObject().value(u"url"_s).toString());
        }
        m_prism.waitUntilUp();
    }

    void cleanupTestCase()
    {
        m_prism.clear();
        m_fakes.reset();
    }

    void fakeAnswersFitTheDescription_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<QString>("operation"); // "" = testConnection
        QTest::addColumn<QJsonObject>("args");
        QTest::newRow("github deployments") << u"github"_s << u"deployments"_s << Window;
        QTest::newRow("github releases") << u"github"_s << u"releases"_s
                                         << QJsonObject{{u"from"_s, u"2026-10-01T00:00:00Z"_s},
                                                        {u"to"_s, u"2026-11-20T10:05:00Z"_s}};
        QTest::newRow("github connection") << u"github"_s << QString() << QJsonObject{};
        QTest::newRow("stripe customer")
            << u"stripe"_s << u"customer"_s << QJsonObject{{u"org"_s, u"org_acme"_s}};
        QTest::newRow("stripe connection") << u"stripe"_s << QString() << QJsonObject{};
        QTest::newRow("jira search_issues")
            << u"jira"_s << u"search_issues"_s
            << QJsonObject{{u"terms"_s, QJsonArray{u"latency"_s, u"dashboard"_s}}};
        QTest::newRow("jira connection") << u"jira"_s << QString() << QJsonObject{};
        QTest::newRow("openai chat")
            << u"openai"_s << u"chat"_s
            << QJsonObject{{u"system"_s, u"You draft replies."_s}, {u"prompt"_s, u"Say hello."_s}};
        QTest::newRow("openai connection") << u"openai"_s << QString() << QJsonObject{};
        QTest::newRow("pagerduty incidents") << u"pagerduty"_s << u"incidents"_s << Window;
        QTest::newRow("pagerduty connection") << u"pagerduty"_s << QString() << QJsonObject{};
        QTest::newRow("portkey config")
            << u"portkey"_s << u"config"_s << QJsonObject{{u"config_id"_s, u"pc-acme-prod"_s}};
        QTest::newRow("portkey connection") << u"portkey"_s << QString() << QJsonObject{};
    }

    void fakeAnswersFitTheDescription()
    {
        QFETCH(QString, vendor);
        QFETCH(QString, operation);
        QFETCH(QJsonObject, args);
        ++m_checks[vendor];
        QString problem;
        PrismServer *prism = m_prism.server(vendor, &problem);
        QVERIFY2(prism, qPrintable(problem));
        (void)prism->logSinceLastCall();
        const QString system = Tests::vendorDescriptions().at(vendor).system;

        // The sandbox's own connection, pointed at the proxy.
        const QJsonObject connection = m_connections.value(system).toObject();
        const QJsonObject profileJson{{u"format"_s, QLatin1StringView(WorkspaceProfile::FormatId)},
                                      {u"sandbox"_s, true},
                                      {u"connections"_s, QJsonObject{{system, connection}}}};
        auto profile = parseProfile(QJsonDocument(profileJson).toJson());
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        ConnectionSettings s = profile->connections.value(system);
        s.url = prism->url();
        auto secret = resolveSecretWithoutKeychain(s);
        QVERIFY(secret.has_value());
        auto connector = createConnector(s, *secret);
        QVERIFY(connector.has_value());
        QString outcome;
        bool ok = false;
        if (operation.isEmpty()) {
            WorkLimits l;
            l.deadline = QDeadlineTimer(60s);
            const ConnectionCheck check = (*connector)->testConnection(l);
            ok = check.ok;
            outcome = check.message;
        } else {
            auto r = (*connector)->run(contractCall(operation, args));
            ok = r.has_value();
            outcome = r ? u"ok"_s : r.error().message;
        }
        const QByteArray log = prism->logSinceLastCall();
        QVERIFY2(log.contains("Request received"), "nothing reached the proxy");
        const QStringList requests = PrismServer::requestViolations(log);
        QVERIFY2(requests.isEmpty(), qPrintable(requests.join(u"\n"_s)));
        QStringList answers = PrismServer::responseViolations(log);
        // Ask again for what was refused, to say why: the proxy's 500 lists the violations.
        for (QString &line : answers) {
            static const QRegularExpression path(u"\\] get (\\S+)"_s);
            const auto m = path.match(line);
            if (!m.hasMatch())
                continue;
            auto request = ConnectionRequest(s, *secret, m.captured(1));
            HttpClient::Options o;
            o.system = u"proxy"_s;
            HttpClient client(o);
            request.acceptAnyStatus = true;
            request.maxRetries = 0;
            WorkLimits l;
            l.deadline = QDeadlineTimer(30s);
            if (auto answer = client.send(request, l)) {
                const QJsonArray found =
                    QJsonDocument::fromJson(answer->body).object().value(u"validation"_s).toArray();
                for (qsizetype i = 0; i < std::min<qsizetype>(4, found.size()); ++i)
                    line += u"\n    "_s + found.at(i).toObject().value(u"message"_s).toString();
            }
        }
        (void)prism->logSinceLastCall();
        QVERIFY2(answers.isEmpty(), qPrintable(answers.join(u"\n"_s)));
        QStringList errors;
        for (const QByteArray &line : log.split('\n')) {
            if (line.contains("error"))
                errors << QString::fromUtf8(line);
        }
        QVERIFY2(ok, qPrintable(outcome + u"\n"_s + errors.join(u"\n"_s)));
        ++m_passed[vendor];
    }

    // What each vendor refuses, its fake refuses too, in the vendor's error shape: a request
    // without credentials, with a method the endpoint does not take, with query values out of
    // the description's range, and (PagerDuty) without the versioned Accept header. Sent to
    // the fakes directly: a client other than Casefile's connectors may send anything.
    void fakeRefusesWhatTheVendorRefuses_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("authenticated");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorAt"); // where the vendor's error message lies
        const QByteArray json = "application/json"_ba;
        const QByteArray pd = "application/vnd.pagerduty+json;version=2"_ba;
        const QString deployments = u"/repos/relay-ai/gateway/deployments"_s;
        QTest::newRow("github without credentials")
            << u"github"_s << "GET"_ba << deployments << false << json << QByteArray() << 401
            << u"message"_s;
        QTest::newRow("github write") << u"github"_s << "DELETE"_ba << u"/repos/relay-ai/gateway"_s
                                      << true << json << QByteArray() << 404 << u"message"_s;
        QTest::newRow("stripe without credentials")
            << u"stripe"_s << "GET"_ba << u"/v1/invoices"_s << false << json << QByteArray() << 401
            << u"error.message"_s;
        QTest::newRow("stripe list limit over 100")
            << u"stripe"_s << "GET"_ba << u"/v1/invoices?limit=500"_s << true << json
            << QByteArray() << 400 << u"error.message"_s;
        QTest::newRow("stripe search limit over 100")
            << u"stripe"_s << "GET"_ba
            << u"/v1/customers/search?query=email%7E%22acme%22&limit=500"_s << true << json
            << QByteArray() << 400 << u"error.message"_s;
        QTest::newRow("stripe search without query")
            << u"stripe"_s << "GET"_ba << u"/v1/customers/search"_s << true << json << QByteArray()
            << 400 << u"error.message"_s;
        QTest::newRow("jira without credentials")
            << u"jira"_s << "GET"_ba << u"/rest/api/3/search/jql?jql=text~%22x%22"_s << false
            << json << QByteArray() << 401 << u"errorMessages.0"_s;
        QTest::newRow("jira unbounded search")
            << u"jira"_s << "GET"_ba << u"/rest/api/3/search/jql?jql=ORDER%20BY%20created"_s << true
            << json << QByteArray() << 400 << u"errorMessages.0"_s;
        QTest::newRow("openai without credentials")
            << u"llm"_s << "GET"_ba << u"/models"_s << false << json << QByteArray() << 401
            << u"error.message"_s;
        QTest::newRow("openai chat by GET")
            << u"llm"_s << "GET"_ba << u"/chat/completions"_s << true << json << QByteArray() << 405
            << u"error.message"_s;
        QTest::newRow("openai chat without model")
            << u"llm"_s << "POST"_ba << u"/chat/completions"_s << true << json
            << R"({"messages":[{"role":"user","content":"hi"}]})"_ba << 400 << u"error.message"_s;
        QTest::newRow("pagerduty without credentials")
            << u"pagerduty"_s << "GET"_ba << u"/incidents"_s << false << pd << QByteArray() << 401
            << u"error.message"_s;
        QTest::newRow("pagerduty without the versioned Accept")
            << u"pagerduty"_s << "GET"_ba << u"/incidents"_s << true << json << QByteArray() << 406
            << u"error.message"_s;
        QTest::newRow("pagerduty limit over 100")
            << u"pagerduty"_s << "GET"_ba << u"/incidents?limit=1000"_s << true << pd
            << QByteArray() << 400 << u"error.message"_s;
        QTest::newRow("pagerduty write") << u"pagerduty"_s << "DELETE"_ba << u"/incidents"_s << true
                                         << pd << QByteArray() << 405 << u"error.message"_s;
        QTest::newRow("portkey without credentials")
            << u"gateway"_s << "GET"_ba << u"/configs"_s << false << json << QByteArray() << 401
            << u"data.message"_s;
        QTest::newRow("portkey write") << u"gateway"_s << "DELETE"_ba << u"/configs/pc-acme-prod"_s
                                       << true << json << QByteArray() << 405 << u"data.message"_s;
        QTest::newRow("linear without credentials")
            << u"linear"_s << "POST"_ba << u"/graphql"_s << false << json
            << R"({"query":"{ viewer { id } }"})"_ba << 401 << u"errors.0.message"_s;
    }

    void fakeRefusesWhatTheVendorRefuses()
    {
        QFETCH(QString, system);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, authenticated);
        QFETCH(QByteArray, accept);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, errorAt);
        ++m_checks[tableKey(system)];
        const QJsonObject connection = m_connections.value(system).toObject();
        QVERIFY(!connection.isEmpty());
        const QJsonObject profileJson{{u"format"_s, QLatin1StringView(WorkspaceProfile::FormatId)},
                                      {u"sandbox"_s, true},
                                      {u"connections"_s, QJsonObject{{system, connection}}}};
        auto profile = parseProfile(QJsonDocument(profileJson).toJson());
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        const ConnectionSettings s = profile->connections.value(system);
        auto secret = resolveSecretWithoutKeychain(s);
        QVERIFY(secret.has_value());
        // The connection's own credentials, as its connector sends them.
        const HttpRequest built = ConnectionRequest(s, *secret, path);
        QList<std::pair<QByteArray, QByteArray>> headers{{"Accept"_ba, accept}};
        if (!body.isEmpty())
            headers.append({"Content-Type"_ba, "application/json"_ba});
        if (authenticated) {
            for (const HttpHeader &h : built.headers) {
                if (isSecretHeader(h.first))
                    headers.append(h);
            }
            QVERIFY2(headers.size() > (body.isEmpty() ? 1 : 2),
                     "the connection sends no credentials");
        }
        const auto [answered, error] = rawRequest(method, QUrl(s.url + path), headers, body);
        QCOMPARE(answered, status);
        QVERIFY2(at(error, errorAt).isString() && !at(error, errorAt).toString().isEmpty(),
                 QJsonDocument(error).toJson(QJsonDocument::Compact).constData());
        ++m_passed[tableKey(system)];
    }

    // Linear: the connector's documents, sent to the fake, and the fake's answers executed
    // against Linear's schema.
    void linearFakeAnswersFitTheSchema()
    {
        ++m_checks[u"linear"_s];
        if (const QString reason = Tests::graphqlSkipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        // What the connector sends, captured…
        QString problem;
        const QList<QByteArray> bodies =
            Tests::linearRequestBodies(QJsonArray{u"latency"_s, u"dashboard"_s}, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        WorkLimits l;
        l.deadline = QDeadlineTimer(20s);
        // …then sent to the fake, whose answers go with them to the validator.
        const QJsonObject connection = m_connections.value(u"linear"_s).toObject();
        const QString token =
            connection.value(u"secret"_s).toObject().value(u"inline"_s).toString();
        HttpClient::Options o;
        o.system = u"linear"_s;
        o.policy = ReadOnlyPolicy::readsAndPostQueries();
        HttpClient client(o);
        QJsonArray requests;
        for (const QByteArray &body : bodies) {
            HttpRequest request;
            request.method = "POST"_ba;
            request.url = QUrl(connection.value(u"url"_s).toString() + u"/graphql"_s);
            request.body = body;
            request.setHeader("Content-Type"_ba, "application/json"_ba);
            request.setHeader("Authorization"_ba, token.toUtf8());
            auto answer = client.send(request, l);
            QVERIFY2(answer.has_value(), qPrintable(answer ? QString() : answer.error().message));
            QJsonObject entry = QJsonDocument::fromJson(body).object();
            entry.insert(u"response"_s, QJsonDocument::fromJson(answer->body).object());
            QVERIFY(!entry.value(u"response"_s).toObject().value(u"data"_s).toObject().isEmpty());
            requests.append(entry);
        }
        const QString invalid = Tests::validateLinearRequests(requests);
        QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
        ++m_passed[u"linear"_s];
    }

    // docs/connectors.md's vendor table says exactly what the checks above saw (runs last).
    void vendorTableTellsWhatWasChecked()
    {
        QMap<QString, bool> observed;
        for (auto it = m_checks.cbegin(); it != m_checks.cend(); ++it)
            observed.insert(it.key(), m_passed.value(it.key()) == it.value());
        const QStringList problems = Tests::contractTableProblems(u"fake valid"_s, observed);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    }
};

QTEST_GUILESS_MAIN(TestFakeContracts)
#include "tst_fakecontracts.moc"
