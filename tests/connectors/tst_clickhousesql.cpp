// The query shapes the ClickHouse connector builds from a table's described layout, without a
// server: where each condition goes (PREWHERE or WHERE), the time and partition bounds, the
// sampling choice and the note a step's evidence carries when the sort key does not fit.
#include "connectors/clickhouse/clickhousesql.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile::Connectors;

Q_DECLARE_METATYPE(Casefile::Connectors::TableLayout)

namespace {

// The recommended layout, as system.tables and system.columns describe it.
TableLayout recommended()
{
    TableLayout l;
    l.known = true;
    l.engine = u"MergeTree"_s;
    l.partitionKey = u"toYYYYMM(ts)"_s;
    l.sortingKey = u"org_id, ts"_s;
    l.columns = {{u"ts"_s, u"DateTime"_s},
                 {u"org_id"_s, u"String"_s},
                 {u"status"_s, u"UInt16"_s},
                 {u"provider"_s, u"String"_s},
                 {u"metadata"_s, u"String"_s}};
    return l;
}

QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

} // namespace

class TestClickHouseSql : public QObject
{
    Q_OBJECT

private slots:
    void timeBoundsAreTypedLiterals()
    {
        const QStringList bounds = ClickHouseSql::timeBounds(
            u"ts"_s, utc(u"2026-11-05T00:00:00Z"_s), utc(u"2026-11-06T00:00:00Z"_s));
        // Whole unix seconds as DateTime: no string to parse in the server's time zone, and the
        // column itself on the left, so the primary key and the partitions' min/max narrow it.
        QCOMPARE(bounds, (QStringList{u"ts >= toDateTime(1793836800)"_s,
                                      u"ts < toDateTime(1793923200)"_s}));
    }

    void dateBoundsCoverTheWindowWithADayOfSlack()
    {
        const QStringList bounds = ClickHouseSql::dateBounds(
            u"event_date"_s, utc(u"2026-11-05T00:00:00Z"_s), utc(u"2026-11-06T00:00:00Z"_s));
        // The last second of the window is 2026-11-05T23:59:59Z (1793923199).
        QCOMPARE(bounds,
                 (QStringList{u"event_date >= subtractDays(toDate(toDateTime(1793836800)), 1)"_s,
                              u"event_date <= addDays(toDate(toDateTime(1793923199)), 1)"_s}));
    }

    void fittingBucketCountsTheLabels()
    {
        // A day, the requested 300 s first, then the wider steps; 60,000 rows at most. The
        // server picks the first step at which every label's buckets fit, else one bucket for
        // the whole window (the answer then says how many labels it cut off).
        const QString with = ClickHouseSql::fittingBucket(u"(SELECT uniqExact(org_id) FROM t)"_s,
                                                          86400, {300, 600, 900}, 60000);
        QCOMPARE(with,
                 u"WITH (SELECT uniqExact(org_id) FROM t) AS cf_labels, "
                 u"arrayFirst(s -> (intDiv(86400, s) + 1) * cf_labels <= 60000, "
                 u"[300, 600, 900]) AS cf_fit, if(cf_fit = 0, 86401, cf_fit) AS cf_bucket "_s);
    }

    void sortingColumns_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QStringList>("columns");
        QTest::newRow("plain") << u"org_id, ts"_s << QStringList{u"org_id"_s, u"ts"_s};
        QTest::newRow("bracketed") << u"(org_id, ts)"_s << QStringList{u"org_id"_s, u"ts"_s};
        QTest::newRow("function with commas")
            << u"org_id, ts, cityHash64(request_id, org_id)"_s
            << QStringList{u"org_id"_s, u"ts"_s, u"cityHash64(request_id, org_id)"_s};
        QTest::newRow("one column") << u"ts"_s << QStringList{u"ts"_s};
        QTest::newRow("two brackets") << u"(a), (b)"_s << QStringList{u"(a)"_s, u"(b)"_s};
        QTest::newRow("none") << QString() << QStringList();
    }
    void sortingColumns()
    {
        QFETCH(QString, key);
        QFETCH(QStringList, columns);
        TableLayout l;
        l.sortingKey = key;
        QCOMPARE(l.sortingColumns(), columns);
    }

    void orgNote_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("note");
        QTest::newRow("recommended") << u"MergeTree"_s << u"org_id, ts"_s << QString();
        QTest::newRow("recommended, longer key")
            << u"ReplicatedMergeTree"_s << u"org_id, ts, cityHash64(request_id)"_s << QString();
        QTest::newRow("time first")
            << u"MergeTree"_s << u"ts, org_id"_s
            << u"Table logs.requests is sorted by (ts, org_id), so a query for one organisation "
               u"reads more than that organisation's rows in the window; ORDER BY (org_id, ts) "
               u"keeps it to them (see the ClickHouse table layout guide)"_s;
        QTest::newRow("org after another column")
            << u"MergeTree"_s << u"route, org_id, ts"_s
            << u"Table logs.requests is sorted by (route, org_id, ts), so a query for one "
               u"organisation reads more than that organisation's rows in the window; ORDER BY "
               u"(org_id, ts) keeps it to them (see the ClickHouse table layout guide)"_s;
        QTest::newRow("no key")
            << u"MergeTree"_s << QString()
            << u"Table logs.requests is sorted by nothing, so a query for one organisation reads "
               u"more than that organisation's rows in the window; ORDER BY (org_id, ts) keeps "
               u"it to them (see the ClickHouse table layout guide)"_s;
        // Not judged: the layout of the tables behind it decides.
        QTest::newRow("distributed") << u"Distributed"_s << QString() << QString();
        QTest::newRow("view") << u"View"_s << QString() << QString();
    }
    void orgNote()
    {
        QFETCH(QString, engine);
        QFETCH(QString, key);
        QFETCH(QString, note);
        TableLayout l = recommended();
        l.engine = engine;
        l.sortingKey = key;
        QCOMPARE(l.orgQueryNote(u"logs.requests"_s, u"org_id"_s, u"ts"_s), note);
    }

    void mappedKeyFieldsAreReadBare()
    {
        // The mapping parenthesises expressions; the server writes the key without brackets.
        TableLayout l = recommended();
        l.sortingKey = u"tenant, toDateTime(ts_ms / 1000)"_s;
        QVERIFY(l.sortedByOrgThenTime(u"tenant"_s, u"(toDateTime(ts_ms / 1000))"_s));
        QVERIFY(!l.sortedByOrgThenTime(u"org_id"_s, u"ts"_s));
        QVERIFY(l.orgQueryNote(u"t"_s, u"tenant"_s, u"(toDateTime(ts_ms / 1000))"_s).isEmpty());
    }

    void unknownLayoutIsNotJudged()
    {
        TableLayout l; // the server did not describe the table
        l.sortingKey = u"ts"_s;
        QVERIFY(!l.isMergeTree());
        QVERIFY(l.orgQueryNote(u"t"_s, u"org_id"_s, u"ts"_s).isEmpty());
    }

    // Conditions on the stored key columns of a MergeTree table go to PREWHERE; filters on
    // other columns, expressions, ALIAS (not stored) columns and any other engine keep WHERE.
    void clauses_data()
    {
        QTest::addColumn<TableLayout>("layout");
        QTest::addColumn<QString>("expected");
        const TableLayout mergeTree = recommended();
        QTest::newRow("recommended") << mergeTree
                                     << u" PREWHERE org_id = 'a' AND ts >= toDateTime(1)"
                                        u" WHERE provider = 'p' AND (toUInt16(code)) >= 400"_s;
        TableLayout replicated = recommended();
        replicated.engine = u"ReplicatedReplacingMergeTree"_s;
        QTest::newRow("replicated") << replicated
                                    << u" PREWHERE org_id = 'a' AND ts >= toDateTime(1)"
                                       u" WHERE provider = 'p' AND (toUInt16(code)) >= 400"_s;
        TableLayout byProvider = recommended();
        byProvider.sortingKey = u"provider, ts"_s;
        QTest::newRow("filter column in the key")
            << byProvider
            << u" PREWHERE ts >= toDateTime(1) AND provider = 'p'"
               u" WHERE org_id = 'a' AND (toUInt16(code)) >= 400"_s;
        TableLayout aliasOrg = recommended();
        aliasOrg.columns.remove(u"org_id"_s); // an ALIAS column: not listed as stored
        QTest::newRow("alias column")
            << aliasOrg
            << u" PREWHERE ts >= toDateTime(1)"
               u" WHERE org_id = 'a' AND provider = 'p' AND (toUInt16(code)) >= 400"_s;
        TableLayout distributed = recommended();
        distributed.engine = u"Distributed"_s;
        QTest::newRow("distributed") << distributed
                                     << u" WHERE org_id = 'a' AND ts >= toDateTime(1) AND provider "
                                        u"= 'p' AND (toUInt16(code)) >= 400"_s;
        QTest::newRow("unknown") << TableLayout{}
                                 << u" WHERE org_id = 'a' AND ts >= toDateTime(1) AND provider = "
                                    u"'p' AND (toUInt16(code)) >= 400"_s;
    }
    void clauses()
    {
        QFETCH(TableLayout, layout);
        QFETCH(QString, expected);
        WindowConditions c;
        c.add(u"org_id"_s, u"org_id = 'a'"_s);
        c.add(u"ts"_s, u"ts >= toDateTime(1)"_s);
        c.add(u"provider"_s, u"provider = 'p'"_s);
        c.add(u"(toUInt16(code))"_s, u"(toUInt16(code)) >= 400"_s);
        QCOMPARE(c.clauses(layout), expected);
    }

    void keyColumns_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("key");
        QTest::newRow("org") << u"org_id"_s << true;
        QTest::newRow("ts") << u"ts"_s << true;
        QTest::newRow("ts with table prefix") << u"gateway_requests.ts"_s << true;
        QTest::newRow("date partition column") << u"event_date"_s << true;
        QTest::newRow("payload") << u"metadata"_s << false;
        QTest::newRow("status") << u"status"_s << false;
        QTest::newRow("expression") << u"(toDate(ts))"_s << false;
        QTest::newRow("unknown column") << u"tenant"_s << false;
    }
    void keyColumns()
    {
        QFETCH(QString, field);
        QFETCH(bool, key);
        TableLayout l = recommended();
        l.partitionKey = u"toYYYYMM(event_date)"_s;
        l.columns.insert(u"event_date"_s, u"Date"_s);
        QCOMPARE(l.isKeyColumn(field), key);
    }

    void onlyPrewhereOrOnlyWhere()
    {
        WindowConditions c;
        c.add(u"ts"_s, u"ts < toDateTime(2)"_s);
        QCOMPARE(c.clauses(recommended()), u" PREWHERE ts < toDateTime(2)"_s);
        QCOMPARE(c.clauses(TableLayout{}), u" WHERE ts < toDateTime(2)"_s);
        QCOMPARE(WindowConditions{}.clauses(recommended()), QString());
    }

    void partitionDateColumn_data()
    {
        QTest::addColumn<QString>("partitionKey");
        QTest::addColumn<QString>("ts");
        QTest::addColumn<QString>("column");
        QTest::newRow("by ts month") << u"toYYYYMM(ts)"_s << u"ts"_s << QString();
        QTest::newRow("by ts day") << u"toYYYYMMDD(ts)"_s << u"ts"_s << QString();
        QTest::newRow("by event_date month")
            << u"toYYYYMM(event_date)"_s << u"ts"_s << u"event_date"_s;
        QTest::newRow("by event_date") << u"event_date"_s << u"ts"_s << u"event_date"_s;
        QTest::newRow("by date and org") << u"(event_date, org_id)"_s << u"ts"_s << u"event_date"_s;
        QTest::newRow("mapped ts with table prefix")
            << u"toYYYYMM(ts)"_s << u"logs.ts"_s << QString();
        QTest::newRow("not a Date column") << u"toYYYYMM(created)"_s << u"ts"_s << QString();
        QTest::newRow("none") << QString() << u"ts"_s << QString();
    }
    void partitionDateColumn()
    {
        QFETCH(QString, partitionKey);
        QFETCH(QString, ts);
        QFETCH(QString, column);
        TableLayout l = recommended();
        l.partitionKey = partitionKey;
        l.columns.insert(u"event_date"_s, u"Date"_s);
        l.columns.insert(u"created"_s, u"DateTime"_s);
        QCOMPARE(l.partitionDateColumn(ts), column);
    }

    // SAMPLE only where the table has a sampling key (else the server rejects it).
    void sampling_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("samplingKey");
        QTest::addColumn<QString>("clause");
        QTest::newRow("sampling key")
            << u"MergeTree"_s << u"cityHash64(request_id)"_s << u" SAMPLE 1000000"_s;
        QTest::newRow("no sampling key") << u"MergeTree"_s << QString() << QString();
        QTest::newRow("not MergeTree")
            << u"Distributed"_s << u"cityHash64(request_id)"_s << QString();
    }
    void sampling()
    {
        QFETCH(QString, engine);
        QFETCH(QString, samplingKey);
        QFETCH(QString, clause);
        TableLayout l = recommended();
        l.engine = engine;
        l.samplingKey = samplingKey;
        QCOMPARE(ClickHouseSql::sampleClause(l, 1000000), clause);
        QVERIFY(ClickHouseSql::sampleClause(TableLayout{}, 1000000).isEmpty());
    }

    // The values stay escaped literals whatever the layout: a hostile org cannot leave PREWHERE.
    void hostileValueStaysALiteral()
    {
        SqlBuilder sql(false);
        WindowConditions c;
        const QString org = u"x' OR 1=1) WHERE 1 -- \\"_s;
        c.add(u"org_id"_s, u"org_id = "_s + sql.string(org));
        QCOMPARE(c.clauses(recommended()), u" PREWHERE org_id = 'x\\' OR 1=1) WHERE 1 -- \\\\'"_s);
    }
};

QTEST_GUILESS_MAIN(TestClickHouseSql)
#include "tst_clickhousesql.moc"
