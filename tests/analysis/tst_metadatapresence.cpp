// Metadata presence, step by step: which SDK version drops custom metadata while another keeps
// it, when every SDK loses it (the gateway changed), and the wording of each verdict.
#include "evidence.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/metadatapresence.h"

#include <QTest>

using namespace TestSupport;
using namespace Casefile::Analysis;

namespace {

// "sdk:n:with" -> the metadata_by_sdk facts of one SDK
QList<SdkMetadata> sdks(const QStringList &specs)
{
    QList<SdkMetadata> list;
    for (const QString &spec : specs) {
        const QStringList p = spec.split(u':');
        SdkMetadata s;
        s.sdk = p.at(0);
        s.name = s.sdk.section(u'/', 0, 0);
        s.n = p.at(1).toDouble();
        s.with = p.at(2).toDouble();
        list.append(s);
    }
    return list;
}

QJsonObject metadataTable(const QList<QJsonArray> &rows)
{
    return table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s}, rows);
}

} // namespace

class TestMetadataPresence final : public QObject
{
    Q_OBJECT

private slots:
    void sdkDrop_data()
    {
        QTest::addColumn<QStringList>("judged");
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("bad"); // "" none
        QTest::addColumn<QString>("good");
        QTest::newRow("new version drops, old keeps")
            << QStringList{u"portkey-node/1.8.0:4000:4000"_s, u"portkey-node/2.0.0:1500:0"_s}
            << QString() << u"portkey-node/2.0.0"_s << u"portkey-node/1.8.0"_s;
        QTest::newRow("a client SDK beside one that keeps it")
            << QStringList{u"openai-python/1.40.0:800:3"_s, u"portkey-python/1.9.2:3000:2990"_s}
            << QString() << u"openai-python/1.40.0"_s << u"portkey-python/1.9.2"_s;
        QTest::newRow("our dashboard never sends any")
            << QStringList{u"relay-dashboard/3.1:500:0"_s, u"portkey-python/1.9.2:3000:3000"_s}
            << QString() << QString() << QString();
        QTest::newRow("the version the ticket names")
            << QStringList{u"inhouse-client/4.2.0:500:0"_s, u"portkey-python/1.9.2:3000:3000"_s}
            << u"since we moved to 4.2.0 the tags are gone"_s << u"inhouse-client/4.2.0"_s
            << u"portkey-python/1.9.2"_s;
        QTest::newRow("too few requests to judge")
            << QStringList{u"portkey-node/2.0.0:8:0"_s, u"portkey-node/1.8.0:4000:4000"_s}
            << QString() << QString() << QString();
        QTest::newRow("a third still carries it: not dropped")
            << QStringList{u"portkey-node/2.0.0:900:300"_s, u"portkey-node/1.8.0:4000:4000"_s}
            << QString() << QString() << QString();
        QTest::newRow("no version keeps it")
            << QStringList{u"portkey-node/2.0.0:900:0"_s, u"portkey-node/1.8.0:4000:1000"_s}
            << QString() << QString() << QString();
    }
    void sdkDrop()
    {
        QFETCH(QStringList, judged);
        QFETCH(QString, ticket);
        QFETCH(QString, bad);
        QFETCH(QString, good);
        const QList<SdkMetadata> list = sdks(judged);
        const SdkDrop drop = judgeSdkDrop(list, ticket);
        QCOMPARE(drop.bad >= 0 ? list.at(drop.bad).sdk : QString(), bad);
        QCOMPARE(drop.good >= 0 ? list.at(drop.good).sdk : QString(), good);
    }

    void gatewayDrop_data()
    {
        QTest::addColumn<QStringList>("window");
        QTest::addColumn<QStringList>("recent");
        QTest::addColumn<bool>("everySdk");
        QTest::addColumn<int>("partial");
        QTest::newRow("every SDK lost it part of the window")
            << QStringList{u"a/1:1000:500"_s, u"b/1:800:480"_s} << QStringList{} << true << 2;
        QTest::newRow("one SDK still whole")
            << QStringList{u"a/1:1000:500"_s, u"b/1:100:100"_s} << QStringList{} << false << 1;
        QTest::newRow("nothing since the anchor")
            << QStringList{u"a/1:1000:700"_s, u"b/1:800:560"_s}
            << QStringList{u"a/1:200:0"_s, u"b/1:150:0"_s} << true << 2;
        QTest::newRow("whole again since the anchor")
            << QStringList{u"a/1:1000:700"_s, u"b/1:800:560"_s}
            << QStringList{u"a/1:200:200"_s, u"b/1:150:150"_s} << false << 0;
        QTest::newRow("a steady share below 100% is the org's habit, not a drop")
            << QStringList{u"a/1:10000:9700"_s, u"b/1:8000:7760"_s}
            << QStringList{u"a/1:2000:1940"_s, u"b/1:1500:1455"_s} << false << 0;
        QTest::newRow("one SDK dropped, the other steady below 100%")
            << QStringList{u"a/1:10000:9000"_s, u"b/1:8000:7760"_s}
            << QStringList{u"a/1:2000:0"_s, u"b/1:1500:1455"_s} << false << 1;
        QTest::newRow("SDKs that never send metadata say nothing")
            << QStringList{u"a/1:1000:0"_s, u"b/1:800:5"_s} << QStringList{} << false << 0;
    }
    void gatewayDrop()
    {
        QFETCH(QStringList, window);
        QFETCH(QStringList, recent);
        QFETCH(bool, everySdk);
        QFETCH(int, partial);
        const GatewayDrop drop = judgeGatewayDrop(sdks(window), sdks(recent));
        QCOMPARE(drop.everySdk(), everySdk);
        QCOMPARE(int(drop.partial.size()), partial);
    }

    void gatherRecentWindow()
    {
        // the table whose requests start latest is the recent window, whatever the step order
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        addStep(in, u"md_recent"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable(
                    {{u"a/1"_s, 100, 0, u"2026-11-20T08:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}}));
        addStep(in, u"md_window"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable(
                    {{u"a/1"_s, 1000, 900, u"2026-11-19T08:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}}));
        const MetadataFacts facts = gatherMetadata(in);
        QCOMPARE(facts.sdks.size(), 1);
        QCOMPARE(facts.sdks.first().n, 1000.0);
        QCOMPARE(facts.recent.first().n, 100.0);
    }

    void phraseSdkVersion()
    {
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable({{u"portkey-node/1.8.0"_s, 4000, 4000, u"2026-11-18T00:00:00Z"_s,
                                u"2026-11-20T10:00:00Z"_s},
                               {u"portkey-node/2.0.0"_s, 1500, 0, u"2026-11-20T06:00:00Z"_s,
                                u"2026-11-20T10:00:00Z"_s}}));
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        QCOMPARE(out.hypotheses.size(), 1);
        const RootCause &c = out.hypotheses.first().cause;
        QCOMPARE(c.category, u"sdk_version"_s);
        QCOMPARE(c.refs, QStringList{u"sdk:portkey-node/2.0.0"_s});
        QVERIFY2(c.summary.contains(u"first seen 06:00 UTC"_s), qPrintable(c.summary));
        QCOMPARE(out.rejected.first().category, u"deploy_regression"_s);
    }

    void missingData()
    {
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        addFailedStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s);
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        QVERIFY(out.hypotheses.isEmpty());
        QCOMPARE(out.notChecked.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMetadataPresence)
#include "tst_metadatapresence.moc"
