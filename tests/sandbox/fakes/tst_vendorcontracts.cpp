#include "fakestestsupport.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

using namespace Casefile::Sandbox;
using namespace Casefile::Sandbox::Testing;
using namespace Qt::StringLiterals;

namespace {

nlohmann::json readSpec(const QString &name)
{
    std::ifstream in(QString(sharedDir() + u"/vendor-specs/"_s + name).toStdString());
    if (!in)
        return {};
    return nlohmann::json::parse(in, nullptr, false);
}
QString readText(const QString &name)
{
    QFile file(sharedDir() + u"/vendor-specs/"_s + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
QStringList missingKeys(const std::set<std::string> &required, const QJsonObject &object)
{
    QStringList missing;
    for (const std::string &key : required) {
        if (!object.contains(QString::fromStdString(key)))
            missing.append(QString::fromStdString(key));
    }
    return missing;
}
std::set<std::string> keysOf(const nlohmann::json &object)
{
    std::set<std::string> keys;
    if (object.is_object()) {
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.insert(it.key());
    }
    return keys;
}
std::set<std::string> requiredOf(const nlohmann::json &schema)
{
    std::set<std::string> keys;
    if (schema.contains("required"))
        for (const auto &k : schema["required"])
            keys.insert(k.get<std::string>());
    return keys;
}
} // namespace

// The fakes' objects against the vendors' published descriptions in vendor-specs/.
class VendorContractsTest final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeServices> m_services;
    QJsonObject m_connections;
    QNetworkAccessManager m_network;

    QUrl at(const QString &system, const QString &path) const
    {
        return QUrl(m_services->url(system).toString() + path);
    }
    Headers bearer(const QString &system) const
    {
        return {{"Authorization"_ba, "Bearer "_ba + secretOf(m_connections, system).toUtf8()}};
    }

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(sharedDir() + u"/vendor-specs"_s))
            QSKIP("the vendors' descriptions are not beside this checkout "
                  "(CASEFILE_SHARED_DIR/vendor-specs): nothing to check the fakes against");
        QStandardPaths::setTestModeEnabled(true);
        m_services = std::make_unique<FakeServices>(testScenario(), &stubBilling, QUrl());
        QVERIFY(m_services->start({}).has_value());
        m_connections = m_services->profileConnections();
    }

    void stripeObjectsHaveFixtureFields_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("customer") << u"customer"_s << u"/v1/customers/cus_Q1acme"_s << QString();
        QTest::newRow("invoice") << u"invoice"_s << u"/v1/invoices/in_1Qacme1119"_s << QString();
        QTest::newRow("line_item")
            << u"line_item"_s << u"/v1/invoices/in_1Qacme1119/lines"_s << u"data"_s;
        QTest::newRow("billing.meter")
            << u"billing.meter"_s << u"/v1/billing/meters"_s << u"data"_s;
    }

    void stripeObjectsHaveFixtureFields()
    {
        QFETCH(QString, resource);
        QFETCH(QString, path);
        QFETCH(QString, pointer);
        const nlohmann::json fixtures = readSpec(u"stripe-fixtures3.json"_s);
        QVERIFY2(fixtures.contains("resources"), "stripe-fixtures3.json not readable");
        const nlohmann::json fixture = fixtures["resources"][resource.toStdString()];
        QVERIFY(fixture.is_object());
        const Reply reply = send(m_network, "GET"_ba, at(u"stripe"_s, path), bearer(u"stripe"_s));
        QCOMPARE(reply.status, 200);
        QJsonObject object = reply.json();
        if (!pointer.isEmpty())
            object = object.value(pointer).toArray().at(0).toObject();
        const QStringList missing = missingKeys(keysOf(fixture), object);
        QVERIFY2(missing.isEmpty(), qPrintable(resource + u" lacks: "_s + missing.join(u", "_s)));
        QCOMPARE(object.value(u"object"_s).toString(),
                 QString::fromStdString(fixture["object"].get<std::string>()));
    }

    void stripeMeterEventSummary()
    {
        const nlohmann::json fixture =
            readSpec(u"stripe-fixtures3.json"_s)["resources"]["billing.meter_event_summary"];
        const Reply meters = send(m_network, "GET"_ba, at(u"stripe"_s, u"/v1/billing/meters"_s),
                                  bearer(u"stripe"_s));
        const QString meter =
            meters.json().value(u"data"_s).toArray().at(0).toObject().value(u"id"_s).toString();
        const Reply reply = send(
            m_network, "GET"_ba,
            at(u"stripe"_s,
               u"/v1/billing/meters/%1/event_summaries?customer=cus_Q1acme&start_time=1763510400&end_time=1763596800&value_grouping_window=day"_s
                   .arg(meter)),
            bearer(u"stripe"_s));
        QCOMPARE(reply.status, 200);
        const QJsonObject summary = reply.json().value(u"data"_s).toArray().at(0).toObject();
        const QStringList missing = missingKeys(keysOf(fixture), summary);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
        QVERIFY(summary.value(u"aggregated_value"_s).isDouble());
    }

    void pagerDutyIncidentFields()
    {
        const nlohmann::json spec = readSpec(u"pagerduty-rest-openapiv3.json"_s);
        QVERIFY2(spec.contains("components"), "pagerduty-rest-openapiv3.json not readable");
        const nlohmann::json &schemas = spec["components"]["schemas"];
        // Incident = Tag/allOf/0 (id, summary, type, self, html_url) + the incident's own
        // properties.
        std::set<std::string> properties = keysOf(schemas["Tag"]["allOf"][0]["properties"]);
        std::set<std::string> required = requiredOf(schemas["Incident"]);
        for (const auto &part : schemas["Incident"]["allOf"]) {
            for (const std::string &k : keysOf(part.value("properties", nlohmann::json::object())))
                properties.insert(k);
            for (const std::string &k : requiredOf(part))
                required.insert(k);
        }
        QVERIFY(properties.size() > 10);
        const Reply reply =
            send(m_network, "GET"_ba,
                 at(u"pagerduty"_s,
                    u"/incidents?since=2026-11-19T00:00:00Z&until=2026-11-21T00:00:00Z"_s),
                 {{"Authorization"_ba,
                   "Token token="_ba + secretOf(m_connections, u"pagerduty"_s).toUtf8()},
                  {"Accept"_ba, "application/vnd.pagerduty+json;version=2"_ba}});
        const QJsonObject incident = reply.json().value(u"incidents"_s).toArray().at(0).toObject();
        QVERIFY(!incident.isEmpty());
        QVERIFY2(missingKeys(required, incident).isEmpty(),
                 qPrintable(missingKeys(required, incident).join(u", "_s)));
        // Fields connectors read must be schema properties, and present.
        for (const char *key : {"id", "type", "summary", "self", "html_url", "incident_number",
                                "title", "created_at", "updated_at", "status", "incident_key",
                                "service", "assignments", "last_status_change_at", "resolved_at",
                                "urgency", "escalation_policy", "teams", "alert_counts"}) {
            QVERIFY2(properties.count(key), key);
            QVERIFY2(incident.contains(QLatin1StringView(key)), key);
        }
        // Every field the fake serves is one the schema knows.
        QStringList unknown;
        for (const QString &key : incident.keys()) {
            if (!properties.count(key.toStdString()))
                unknown.append(key);
        }
        QVERIFY2(unknown.isEmpty(),
                 qPrintable(u"not in the Incident schema: "_s + unknown.join(u", "_s)));
    }

    void githubCommitAndFileSchemas()
    {
        const nlohmann::json spec = readSpec(u"github-compare-commits.deref.json"_s);
        QVERIFY2(spec.contains("responses"), "github-compare-commits.deref.json not readable");
        const nlohmann::json &schema =
            spec["responses"]["200"]["content"]["application/json"]["schema"];
        const nlohmann::json &commitSchema = schema["properties"]["commits"]["items"];
        const nlohmann::json &fileSchema = schema["properties"]["files"]["items"];

        const Reply compare =
            send(m_network, "GET"_ba,
                 at(u"github"_s, u"/repos/relay-ai/gateway/compare/41aa0d3...9f1c2e7"_s),
                 bearer(u"github"_s));
        QCOMPARE(compare.status, 200);
        const QJsonObject body = compare.json();
        QVERIFY2(missingKeys(requiredOf(schema), body).isEmpty(),
                 qPrintable(missingKeys(requiredOf(schema), body).join(u", "_s)));

        const Reply commitReply =
            send(m_network, "GET"_ba, at(u"github"_s, u"/repos/relay-ai/gateway/commits/9f1c2e7"_s),
                 bearer(u"github"_s));
        for (const QJsonObject &commit :
             {body.value(u"commits"_s).toArray().at(0).toObject(), commitReply.json()}) {
            QVERIFY2(missingKeys(requiredOf(commitSchema), commit).isEmpty(),
                     qPrintable(missingKeys(requiredOf(commitSchema), commit).join(u", "_s)));
            const nlohmann::json &inner = commitSchema["properties"]["commit"];
            const QJsonObject innerCommit = commit.value(u"commit"_s).toObject();
            QVERIFY2(missingKeys(requiredOf(inner), innerCommit).isEmpty(),
                     qPrintable(missingKeys(requiredOf(inner), innerCommit).join(u", "_s)));
            QVERIFY(missingKeys(requiredOf(inner["properties"]["tree"]),
                                innerCommit.value(u"tree"_s).toObject())
                        .isEmpty());
            QVERIFY(missingKeys(requiredOf(inner["properties"]["verification"]),
                                innerCommit.value(u"verification"_s).toObject())
                        .isEmpty());
            for (const QJsonValue &p : commit.value(u"parents"_s).toArray())
                QVERIFY(missingKeys(requiredOf(commitSchema["properties"]["parents"]["items"]),
                                    p.toObject())
                            .isEmpty());
            // author/committer: the simple-user branch of the schema.
            for (const char *who : {"author", "committer"}) {
                const nlohmann::json &userSchema = commitSchema["properties"][who];
                std::set<std::string> required;
                for (const char *alt : {"anyOf", "oneOf"}) {
                    if (userSchema.contains(alt))
                        for (const auto &branch : userSchema[alt])
                            for (const std::string &k : requiredOf(branch))
                                required.insert(k);
                }
                for (const std::string &k : requiredOf(userSchema))
                    required.insert(k);
                const QStringList missing =
                    missingKeys(required, commit.value(QLatin1StringView(who)).toObject());
                QVERIFY2(missing.isEmpty(), qPrintable(QLatin1StringView(who) + u" lacks: "_s +
                                                       missing.join(u", "_s)));
            }
        }
        const QJsonArray files = commitReply.json().value(u"files"_s).toArray();
        QCOMPARE(files.size(), 2);
        for (const QJsonValue &f : files) {
            const QStringList missing = missingKeys(requiredOf(fileSchema), f.toObject());
            QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
            QVERIFY(f.toObject().value(u"sha"_s).toString().size() == 40);
        }
    }

    void linearIssueFieldsExistInSchema()
    {
        const QString schema = readText(u"linear-schema.graphql"_s);
        QVERIFY2(!schema.isEmpty(), "linear-schema.graphql not readable");
        // The body of `type Issue` up to its closing brace at the start of a line.
        static const QRegularExpression typeIssue(
            u"\\ntype Issue (?:implements [^\\x7b]*)?\\x7b(.*?)\\n\\x7d"_s,
            QRegularExpression::DotMatchesEverythingOption);
        const auto m = typeIssue.match(schema);
        QVERIFY(m.hasMatch());
        QSet<QString> fields;
        static const QRegularExpression field(u"^  (\\w+)\\s*[(:]"_s,
                                              QRegularExpression::MultilineOption);
        for (auto it = field.globalMatch(m.captured(1)); it.hasNext();)
            fields.insert(it.next().captured(1));
        QVERIFY(fields.contains(u"identifier"_s));

        const Reply reply = send(
            m_network, "POST"_ba, at(u"linear"_s, u"/graphql"_s),
            {{"Authorization"_ba, secretOf(m_connections, u"linear"_s).toUtf8()}},
            QJsonDocument(QJsonObject{{u"query"_s, u"query { issue(id: \"GW-198\") { id } }"_s}})
                .toJson());
        const QJsonObject issue =
            reply.json().value(u"data"_s).toObject().value(u"issue"_s).toObject();
        QVERIFY(!issue.isEmpty());
        QStringList unknown;
        for (const QString &key : issue.keys()) {
            if (!fields.contains(key))
                unknown.append(key);
        }
        QVERIFY2(unknown.isEmpty(),
                 qPrintable(u"not fields of type Issue: "_s + unknown.join(u", "_s)));
    }

    void portkeyConfigShape()
    {
        const QString yaml = readText(u"portkey-openapi.yaml"_s);
        const qsizetype start = yaml.indexOf(u"\n  /configs/{slug}:"_s);
        QVERIFY2(start > 0, "portkey-openapi.yaml not readable");
        const qsizetype get = yaml.indexOf(u"\n    get:"_s, start);
        const qsizetype end = yaml.indexOf(u"\n  /"_s, get);
        const QString operation = yaml.mid(get, end - get);
        // The 200 schema: {success: boolean, data: {config: {retry, cache, strategy, targets}}}.
        for (const QString &key :
             {u"success:"_s, u"data:"_s, u"config:"_s, u"strategy:"_s, u"targets:"_s})
            QVERIFY2(operation.contains(key), qPrintable(key));
        const Reply reply =
            send(m_network, "GET"_ba, at(u"gateway"_s, u"/v1/configs/pc-acme-prod"_s),
                 {{"x-portkey-api-key"_ba, secretOf(m_connections, u"gateway"_s).toUtf8()}});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value(u"success"_s).isBool());
        const QJsonObject config =
            reply.json().value(u"data"_s).toObject().value(u"config"_s).toObject();
        QVERIFY(config.value(u"strategy"_s).toObject().value(u"mode"_s).isString());
        for (const QJsonValue &t : config.value(u"targets"_s).toArray())
            QVERIFY(t.toObject().value(u"virtual_key"_s).isString());
        // The list's items carry the listed properties.
        const qsizetype listStart = yaml.indexOf(u"\n  /configs:"_s);
        const QString listOp =
            yaml.mid(listStart, yaml.indexOf(u"examples:"_s, listStart) - listStart);
        const Reply list =
            send(m_network, "GET"_ba, at(u"gateway"_s, u"/v1/configs"_s),
                 {{"x-portkey-api-key"_ba, secretOf(m_connections, u"gateway"_s).toUtf8()}});
        const QJsonObject item = list.json().value(u"data"_s).toArray().at(0).toObject();
        static const QRegularExpression property(u"^ {24}(\\w+):$"_s,
                                                 QRegularExpression::MultilineOption);
        int checked = 0;
        for (auto it = property.globalMatch(listOp); it.hasNext();) {
            const QString key = it.next().captured(1);
            QVERIFY2(item.contains(key), qPrintable(key));
            ++checked;
        }
        QVERIFY(checked >= 8);
    }

    void cleanupTestCase() { m_services.reset(); }
};

QTEST_GUILESS_MAIN(VendorContractsTest)
#include "tst_vendorcontracts.moc"
