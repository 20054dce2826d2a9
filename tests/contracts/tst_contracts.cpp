// Contract tests: every connector against the vendors' published API descriptions.
//
// For each OpenAPI description in vendor-specs/, one Prism mock server (`prism mock
// --errors`) on loopback serves the description's examples and validates each request against
// it (a request that breaks the description is logged as a violation and answered with 422).
// Every operation of the vendor's connector runs against it: no request may violate the
// description, and the generated answers must parse. Linear's GraphQL documents (and their
// variables) are validated against its schema with graphql-js, and the sandbox's fakes are
// checked the same way: their answers must fit the schema.
//
// Skips, saying why, when the descriptions (CASEFILE_SHARED_DIR/vendor-specs) or the tools
// (scripts/setup-deps.sh installs them in .cache/npm-tools) are absent.

#include "connectors/common/httpclient.h"
#include "connectors/connectorfactory.h"
#include "prismserver.h"
#include "stubserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;
using Casefile::Tests::contractCall;
using Casefile::Tests::contractTableProblems;
using Casefile::Tests::PrismServer;
using Casefile::Tests::specsDir;
using Casefile::Tests::StubServer;

namespace {

const QJsonObject Window{{u"from"_s, u"2026-11-20T09:00:00Z"_s},
                         {u"to"_s, u"2026-11-20T10:00:00Z"_s}};

QJsonObject readJson(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
}

// The description's own example answer of GET `path` (200, application/json), as the body
// a server would send; or, for Stripe's slice (which has none), a list of the fixture.
QByteArray exampleAnswer(const QString &vendor, const QString &specFile, const QString &path)
{
    if (vendor == u"stripe"_s) {
        const QJsonObject invoice = readJson(specsDir() + u"/stripe-fixtures3.json"_s)
                                        .value(u"resources"_s)
                                        .toObject()
                                        .value(u"invoice"_s)
                                        .toObject();
        return QJsonDocument(QJsonObject{{u"object"_s, u"list"_s},
                                         {u"has_more"_s, false},
                                         {u"url"_s, u"/v1/invoices"_s},
                                         {u"data"_s, QJsonArray{invoice}}})
            .toJson(QJsonDocument::Compact);
    }
    const QJsonObject spec = readJson(specFile);
    const QJsonObject content = spec.value(u"paths"_s)
                                    .toObject()
                                    .value(path)
                                    .toObject()
                                    .value(u"get"_s)
                                    .toObject()
                                    .value(u"responses"_s)
                                    .toObject()
                                    .value(u"200"_s)
                                    .toObject()
                                    .value(u"content"_s)
                                    .toObject()
                                    .value(u"application/json"_s)
                                    .toObject();
    QJsonValue example = content.value(u"example"_s);
    if (example.isUndefined() && content.value(u"examples"_s).isObject()) {
        QJsonObject first = content.value(u"examples"_s).toObject().begin()->toObject();
        const QString ref = first.value(u"$ref"_s).toString();
        if (ref.startsWith(u"#/components/examples/"_s)) {
            first = spec.value(u"components"_s)
                        .toObject()
                        .value(u"examples"_s)
                        .toObject()
                        .value(ref.mid(22))
                        .toObject();
        }
        example = first.value(u"value"_s);
    }
    if (example.isString()) // some descriptions hold the example as JSON text
        return example.toString().toUtf8();
    if (example.isObject())
        return QJsonDocument(example.toObject()).toJson(QJsonDocument::Compact);
    if (example.isArray())
        return QJsonDocument(example.toArray()).toJson(QJsonDocument::Compact);
    return {};
}

// Answers the mock server could not give: its content negotiation refuses a vendor media
// type the description does not list for the body, it cannot generate a body for a deep
// schema, or the description's own example breaks its schema.
bool mockCouldNotAnswer(const QString &message)
{
    return message.contains(u"HTTP 406: Unable to find content"_s) ||
           message.contains(u"Unable to generate body"_s) ||
           message.contains(u"Your request/response is not valid"_s);
}

} // namespace

class TestContracts : public QObject
{
    Q_OBJECT

private:
    Tests::PrismServers m_prism;
    // Per vendor: rows run, rows whose requests were valid, rows whose answers parsed.
    QMap<QString, int> m_rows;
    QMap<QString, int> m_requestsValid;
    QMap<QString, int> m_answersParsed;

    static QMap<QString, bool> allPassed(const QMap<QString, int> &rows,
                                         const QMap<QString, int> &passed)
    {
        QMap<QString, bool> out;
        for (auto it = rows.cbegin(); it != rows.cend(); ++it)
            out.insert(it.key(), passed.value(it.key()) == it.value());
        return out;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (const QString reason = Tests::prismSkipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        // Mocks of every description, all at once.
        for (const auto &[name, description] : Tests::vendorDescriptions())
            m_prism.start(name);
        m_prism.waitUntilUp();
    }

    void cleanupTestCase() { m_prism.clear(); }

    // Each row: one connector operation (or its connection test) against the vendor's mock.
    void requestsValidAndAnswersParse_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("operation"); // "" = testConnection
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<QJsonObject>("options");
        QTest::addColumn<QString>("examplePath"); // the main GET, for the example fallback
        const QJsonObject repo{{u"repo"_s, u"octocat/hello-world"_s}};
        QTest::newRow("github deployments")
            << u"github"_s << u"github"_s << u"deployments"_s << Window << repo
            << u"/repos/{owner}/{repo}/deployments"_s;
        QTest::newRow("github releases") << u"github"_s << u"github"_s << u"releases"_s << Window
                                         << repo << u"/repos/{owner}/{repo}/releases"_s;
        QTest::newRow("github connection")
            << u"github"_s << u"github"_s << QString() << QJsonObject{} << repo << u"/user"_s;
        QTest::newRow("stripe customer")
            << u"stripe"_s << u"stripe"_s << u"customer"_s
            << QJsonObject{{u"org"_s, u"org_acme"_s}, {u"email_domain"_s, u"acme.example"_s}}
            << QJsonObject{} << u"/v1/customers/search"_s;
        QTest::newRow("stripe invoices") << u"stripe"_s << u"stripe"_s << u"invoices"_s
                                         << QJsonObject{{u"customer"_s, u"cus_1"_s},
                                                        {u"from"_s, u"1970-01-01T00:00:00Z"_s},
                                                        {u"to"_s, u"2030-01-01T00:00:00Z"_s}}
                                         << QJsonObject{} << u"/v1/invoices"_s;
        QTest::newRow("stripe connection") << u"stripe"_s << u"stripe"_s << QString()
                                           << QJsonObject{} << QJsonObject{} << u"/v1/customers"_s;
        QTest::newRow("jira search_issues")
            << u"jira"_s << u"jira"_s << u"search_issues"_s
            << QJsonObject{{u"terms"_s, QJsonArray{u"latency"_s, u"timeout"_s}}} << QJsonObject{}
            << u"/rest/api/3/search/jql"_s;
        QTest::newRow("jira connection") << u"jira"_s << u"jira"_s << QString() << QJsonObject{}
                                         << QJsonObject{} << u"/rest/api/3/search/jql"_s;
        QTest::newRow("openai chat")
            << u"openai"_s << u"openai"_s << u"chat"_s
            << QJsonObject{{u"system"_s, u"You write replies."_s}, {u"prompt"_s, u"Hello"_s}}
            << QJsonObject{{u"model"_s, u"gpt-4o-mini"_s}} << u"/chat/completions"_s;
        QTest::newRow("openai connection")
            << u"openai"_s << u"openai"_s << QString() << QJsonObject{}
            << QJsonObject{{u"model"_s, u"gpt-4o-mini"_s}} << u"/models"_s;
        QTest::newRow("pagerduty incidents") << u"pagerduty"_s << u"pagerduty"_s << u"incidents"_s
                                             << Window << QJsonObject{} << u"/incidents"_s;
        QTest::newRow("pagerduty connection") << u"pagerduty"_s << u"pagerduty"_s << QString()
                                              << QJsonObject{} << QJsonObject{} << u"/incidents"_s;
        QTest::newRow("portkey config")
            << u"portkey"_s << u"portkey"_s << u"config"_s
            << QJsonObject{{u"config_id"_s, u"pc-prod"_s}} << QJsonObject{} << u"/configs/{slug}"_s;
        QTest::newRow("portkey connection") << u"portkey"_s << u"portkey"_s << QString()
                                            << QJsonObject{} << QJsonObject{} << u"/configs"_s;
    }

    void requestsValidAndAnswersParse()
    {
        QFETCH(QString, vendor);
        QFETCH(QString, type);
        QFETCH(QString, operation);
        QFETCH(QJsonObject, args);
        QFETCH(QJsonObject, options);
        QFETCH(QString, examplePath);
        ++m_rows[vendor];
        QString problem;
        PrismServer *prism = m_prism.server(vendor, &problem);
        QVERIFY2(prism, qPrintable(problem));
        (void)prism->logSinceLastCall();

        ConnectionSettings s;
        s.system = Tests::vendorDescriptions().at(vendor).system;
        s.type = type;
        s.account = u"agent@example.com"_s;
        s.options = options;
        const auto runOnce = [&](const QString &url, QString *outcome) -> bool {
            s.url = url;
            auto connector = createConnector(s, u"test-secret-0123456789"_s);
            if (!connector)
                return false;
            if (operation.isEmpty()) {
                WorkLimits l;
                l.deadline = QDeadlineTimer(60s);
                const ConnectionCheck check = (*connector)->testConnection(l);
                *outcome = check.message;
                // An example's model list need not hold ours: that is an answer too.
                return check.ok || check.message.contains(u"is not offered"_s);
            }
            auto r = (*connector)->run(contractCall(operation, args));
            *outcome = r ? u"ok"_s : r.error().message;
            // The examples need not match what we look for: NotFound is an answer too.
            return r || r.error().code == Error::Code::NotFound;
        };
        QString outcome;
        bool answered = runOnce(prism->url(), &outcome);
        const QByteArray log = prism->logSinceLastCall();
        QVERIFY2(log.contains("Request received"), "the connector sent nothing to the mock");
        const QStringList problems = PrismServer::requestViolations(log);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
        ++m_requestsValid[vendor];
        QString how = u"mock"_s;
        if (!answered && mockCouldNotAnswer(outcome)) {
            // The same operation against the description's own example answer.
            const QByteArray example = exampleAnswer(vendor, prism->spec(), examplePath);
            QVERIFY2(!example.isEmpty(), "the description has no example for this operation");
            StubServer stub;
            stub.script({StubServer::json(example)});
            how = u"description's example (the mock: %1)"_s.arg(outcome.left(80));
            answered = runOnce(QString::fromLatin1(stub.baseUrl()), &outcome);
        }
        qInfo("%s %s: requests valid; answer from the %s parsed: %s", qPrintable(vendor),
              qPrintable(operation.isEmpty() ? u"connection"_s : operation), qPrintable(how),
              answered ? "yes" : "no");
        QVERIFY2(answered, qPrintable(outcome));
        ++m_answersParsed[vendor];
    }

    // Every GraphQL document the Linear connector sends, with its variables, validates
    // against Linear's schema.
    void linearDocumentsValidate()
    {
        ++m_rows[u"linear"_s];
        if (const QString reason = Tests::graphqlSkipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QString problem;
        const QList<QByteArray> bodies =
            Tests::linearRequestBodies(QJsonArray{u"latency"_s, u"p95 \"quoted\""_s}, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QJsonArray requests;
        for (const QByteArray &body : bodies)
            requests.append(QJsonDocument::fromJson(body).object());
        const QString invalid = Tests::validateLinearRequests(requests);
        QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
        ++m_requestsValid[u"linear"_s];
    }

    // docs/connectors.md's vendor table says exactly what the rows above saw (runs last).
    void vendorTableTellsWhatWasChecked()
    {
        QStringList problems =
            contractTableProblems(u"requests valid"_s, allPassed(m_rows, m_requestsValid));
        problems +=
            contractTableProblems(u"responses parsed"_s, allPassed(m_rows, m_answersParsed));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    }
};

QTEST_GUILESS_MAIN(TestContracts)
#include "tst_contracts.moc"
