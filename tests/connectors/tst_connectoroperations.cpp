// Every connector offers exactly the operations the operations table (src/core/operations.h)
// gives its system, and the ClickHouse connector has a query for each of them.

#include "connectors/connectorfactory.h"
#include "core/operations.h"
#include "core/profile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

// One connection of every vendor type, on a port nothing listens on: nothing here connects.
QByteArray everyConnector()
{
    const QString url = u"http://127.0.0.1:1"_s;
    const auto connection = [&url](const QString &type, const QJsonObject &more = {}) {
        QJsonObject c = more;
        c.insert(u"type"_s, type);
        c.insert(u"url"_s, url);
        return c;
    };
    const QJsonObject connections{
        {u"helpdesk"_s,
         connection(u"zendesk"_s, {{u"account"_s, u"a@b.c"_s},
                                   {u"secret"_s, QJsonObject{{u"inline"_s, u"t"_s}}}})},
        {u"clickhouse"_s, connection(u"clickhouse"_s)},
        {u"github"_s,
         connection(u"github"_s, {{u"options"_s, QJsonObject{{u"repo"_s, u"o/r"_s}}}})},
        {u"linear"_s, connection(u"linear"_s)},
        {u"jira"_s, connection(u"jira"_s)},
        {u"stripe"_s, connection(u"stripe"_s)},
        {u"statuspage"_s,
         connection(u"statuspage"_s, {{u"options"_s, QJsonObject{{u"pages"_s, QJsonObject{}}}}})},
        {u"pagerduty"_s, connection(u"pagerduty"_s)},
        {u"docs"_s, connection(u"docs"_s)},
        {u"gateway"_s, connection(u"portkey"_s)},
        {u"llm"_s,
         connection(u"openai"_s, {{u"options"_s, QJsonObject{{u"model"_s, u"gpt-4o-mini"_s}}}})},
    };
    return QJsonDocument(QJsonObject{{u"format"_s, u"casefile-profile/1"_s},
                                     {u"name"_s, u"test"_s},
                                     {u"sandbox"_s, true},
                                     {u"connections"_s, connections}})
        .toJson();
}

} // namespace

class TestConnectorOperations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto profile = parseProfile(everyConnector());
        QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));
        auto set = createConnectors(*profile, resolveSecretWithoutKeychain);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        m_connectors = *set;
    }

    void everySystemHasATable()
    {
        QStringList systems = m_connectors->systems();
        QStringList table = Operations::connectors();
        systems.sort();
        table.sort();
        QCOMPARE(systems, table);
    }

    void operationsComeFromTheTable_data()
    {
        QTest::addColumn<QString>("system");
        for (const QString &system : Operations::connectors())
            QTest::newRow(qPrintable(system)) << system;
    }

    void operationsComeFromTheTable()
    {
        QFETCH(QString, system);
        const auto connector = m_connectors->get(system);
        QVERIFY(connector);
        QCOMPARE(connector->operations(), Operations::names(system));
    }

    // Each operation is known to the connector: a call without its window fails on the
    // arguments, before any query, and never as an unknown operation.
    void clickHouseHasAQueryForEachOperation_data()
    {
        QTest::addColumn<QString>("operation");
        for (const QString &name : Operations::names(u"clickhouse"_s))
            QTest::newRow(qPrintable(name)) << name;
    }

    void clickHouseHasAQueryForEachOperation()
    {
        QFETCH(QString, operation);
        OperationCall call;
        call.stepId = u"s"_s;
        call.operation = operation;
        call.args = QJsonObject{{u"to"_s, u"2026-11-20T10:00:00Z"_s}};
        const auto result = m_connectors->get(u"clickhouse"_s)->run(call);
        QVERIFY(!result);
        QCOMPARE(result.error().code, Error::Code::InvalidInput);
        QVERIFY2(result.error().message.contains(u"\"from\""_s),
                 qPrintable(result.error().message));

        call.operation = u"no_such_operation"_s;
        const auto unknown = m_connectors->get(u"clickhouse"_s)->run(call);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, Error::Code::Unsupported);
    }

private:
    std::shared_ptr<ConnectorSet> m_connectors;
};

QTEST_GUILESS_MAIN(TestConnectorOperations)
#include "tst_connectoroperations.moc"
