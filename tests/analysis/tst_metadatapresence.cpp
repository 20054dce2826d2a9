// Metadata presence, step by step: which SDK version drops custom metadata while another keeps
// it, which route or config lost it and when (from its own requests), when every SDK loses it
// (the gateway changed), and the wording of each verdict.
#include "evidence.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/metadatapresence.h"

#include <QJsonDocument>
#include <QTest>

#include <algorithm>

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

// One group's buckets of 30 minutes from 18:00: "n:with" or "n:with:HH:mm" (the bucket's first
// request without metadata); "-" a bucket with no request of the group.
MetadataGroup group(const QString &key, const QStringList &buckets)
{
    const QStringList k = key.split(u'|');
    MetadataGroup g{k.at(0), k.at(1), k.at(2), {}};
    QDateTime t(QDate(2027, 3, 19), QTime(18, 0), QTimeZone::utc());
    for (const QString &spec : buckets) {
        if (spec == u"-") {
            t = t.addSecs(1800);
            continue;
        }
        const QStringList p = spec.split(u':');
        MetadataBucket b{t, p.at(0).toDouble(), p.at(1).toDouble(), {}};
        if (p.size() == 4)
            b.firstWithout =
                QDateTime(t.date(), QTime(p.at(2).toInt(), p.at(3).toInt()), QTimeZone::utc());
        else if (b.with < b.n)
            b.firstWithout = t;
        g.buckets.append(b);
        t = t.addSecs(1800);
    }
    return g;
}

// Groups of "route|config|sdk=bucket,bucket" specs (see group()).
QList<MetadataGroup> groupsOf(const QStringList &specs)
{
    QList<MetadataGroup> list;
    for (const QString &g : specs)
        list.append(group(g.section(u'=', 0, 0), g.section(u'=', 1).split(u',')));
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

    void groupDrop_data()
    {
        QTest::addColumn<QStringList>("buckets");
        QTest::addColumn<bool>("dropped");
        QTest::addColumn<QString>("since"); // HH:mm
        QTest::addColumn<double>("lost");
        QTest::newRow("stops inside a bucket: timed by its first request without")
            << QStringList{u"480:480"_s, u"480:480"_s, u"480:160:19:10"_s, u"480:0"_s} << true
            << u"19:10"_s << 800.0;
        QTest::newRow("stops at a bucket's edge")
            << QStringList{u"480:480"_s, u"480:480"_s, u"480:0:19:00"_s, u"480:0"_s} << true
            << u"19:00"_s << 960.0;
        QTest::newRow("a steady few percent without, then nothing")
            << QStringList{u"1000:970:18:02"_s, u"1000:975:18:31"_s, u"1000:0:19:00"_s} << true
            << u"19:00"_s << 1000.0;
        QTest::newRow("never carried any: not a drop")
            << QStringList{u"100:0"_s, u"100:0"_s, u"100:0"_s} << false << QString() << 0.0;
        QTest::newRow("carries it to the end")
            << QStringList{u"100:100"_s, u"100:98"_s, u"100:100"_s} << false << QString() << 0.0;
        QTest::newRow("too few requests since")
            << QStringList{u"100:100"_s, u"100:100"_s, u"5:0"_s} << false << QString() << 0.0;
        QTest::newRow("half carried it before: no clear drop")
            << QStringList{u"100:50"_s, u"100:50"_s, u"100:0"_s} << false << QString() << 0.0;
    }
    void groupDrop()
    {
        QFETCH(QStringList, buckets);
        QFETCH(bool, dropped);
        QFETCH(QString, since);
        QFETCH(double, lost);
        const GroupDrop d = judgeGroupDrop(group(u"/v1/x|c|s/1"_s, buckets));
        QCOMPARE(d.dropped, dropped);
        QCOMPARE(d.since.isValid() ? d.since.toString(u"HH:mm"_s) : QString(), since);
        QCOMPARE(d.lost, lost);
    }

    void groups_data()
    {
        QTest::addColumn<QStringList>("groups"); // "route|config|sdk=bucket,bucket"
        QTest::addColumn<bool>("partDropped");
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("silentSdk");
        const QString kept = u"400:400,400:400,400:400,400:400"_s;
        const QString lost = u"400:400,400:400,400:100:19:15,400:0"_s;
        const QString none = u"60:0,60:0,60:0,60:0"_s;
        QTest::newRow("one route lost it, another SDK never sent any")
            << QStringList{u"/v1/chat|chat|portkey-python/1.9.2="_s + kept,
                           u"/v1/embeddings|search|portkey-python/1.9.2="_s + lost,
                           u"/v1/chat|batch|portkey-node/2.0.0="_s + none}
            << true << u"/v1/embeddings"_s << QString() << u"portkey-node/2.0.0"_s;
        QTest::newRow("one config of a route lost it")
            << QStringList{u"/v1/chat|a|portkey-python/1.9.2="_s + kept,
                           u"/v1/chat|b|portkey-python/1.9.2="_s + lost}
            << true << QString() << u"b"_s << QString();
        QTest::newRow("every group lost it: not a part")
            << QStringList{u"/v1/chat|a|portkey-python/1.9.2="_s + lost,
                           u"/v1/embeddings|b|portkey-node/1.8.0="_s + lost}
            << false << QString() << QString() << QString();
        QTest::newRow("nothing dropped, a job that never tags")
            << QStringList{u"/v1/chat|a|portkey-python/1.9.2="_s + kept,
                           u"/v1/chat|job|portkey-python/1.9.2="_s + none}
            << false << QString() << QString() << QString();
        QTest::newRow("our dashboard never sends any: not a client SDK")
            << QStringList{u"/v1/chat|a|portkey-python/1.9.2="_s + kept,
                           u"/v1/embeddings|b|portkey-python/1.9.2="_s + lost,
                           u"/v1/chat||relay-dashboard/3.1="_s + none}
            << true << u"/v1/embeddings"_s << QString() << QString();
    }
    void groups()
    {
        QFETCH(QStringList, groups);
        QFETCH(bool, partDropped);
        QFETCH(QString, route);
        QFETCH(QString, config);
        QFETCH(QString, silentSdk);
        const QList<MetadataGroup> list = groupsOf(groups);
        const GroupVerdict v = judgeGroups(list, QString());
        QCOMPARE(v.partDropped(), partDropped);
        if (partDropped)
            QCOMPARE(v.since.toString(u"HH:mm"_s), u"19:15"_s);
        QCOMPARE(v.route, route);
        QCOMPARE(v.config, config);
        QCOMPARE(v.silentSdk, silentSdk);
    }

    // A service upgraded its SDK at 19:00 and lost its metadata, while the same version keeps
    // it in another config.
    static QStringList upgradeGroups()
    {
        return {u"/v1/chat|desk|portkey-node/2.30.2=400:400,400:400,-,-,-"_s,
                u"/v1/chat|desk|portkey-node/2.31.0=-,-,400:0:19:02,400:0,400:0"_s,
                u"/v1/chat|other|portkey-node/2.31.0=100:100,100:100,100:100,100:100,100:100"_s};
    }

    // The group an SDK upgrade left without metadata; none when the upgrade kept it, or when
    // the service moved to another config.
    void upgradeDrops()
    {
        QCOMPARE(Casefile::Analysis::upgradeDrops(groupsOf(upgradeGroups())), QList<int>{1});
        QStringList kept = upgradeGroups();
        kept[1] = u"/v1/chat|desk|portkey-node/2.31.0=-,-,400:400,400:400,400:400"_s;
        QCOMPARE(Casefile::Analysis::upgradeDrops(groupsOf(kept)), QList<int>{});
        QStringList moved = upgradeGroups();
        moved[1] = u"/v1/chat|new|portkey-node/2.31.0=-,-,400:0,400:0,400:0"_s;
        QCOMPARE(Casefile::Analysis::upgradeDrops(groupsOf(moved)), QList<int>{});
    }

    // Traffic moved at one time to a config that carries no metadata from its first request,
    // from one on the same route and SDK that carried it: a drop at the switch. A config that
    // never carried any all along (a job that never tags) or began long after the other ended is
    // none.
    void switchDrop_data()
    {
        QTest::addColumn<QStringList>("groups"); // "route|config|sdk=bucket,bucket"
        QTest::addColumn<QString>("config");     // the config that lost it ('' none)
        QTest::addColumn<QString>("since");
        const QString kept = u"100:100,100:100,100:100,100:100,100:100"_s;
        const QStringList upgrade = upgradeGroups();
        QTest::newRow("moved to a new config at 19:00")
            << QStringList{u"/v1/chat|old|portkey-node/2.1.0=400:400,400:400,-,-,-"_s,
                           u"/v1/chat|new|portkey-node/2.1.0=-,-,400:0:19:02,400:0,400:0"_s,
                           u"/v1/chat|other|portkey-node/2.1.0="_s + kept}
            << u"new"_s << u"19:02"_s;
        QTest::newRow("the same config upgraded its SDK: no config switch")
            << upgrade << QString() << QString();
        QTest::newRow("a job that never tags, no switch")
            << QStringList{u"/v1/chat|job|portkey-node/2.1.0=400:0,400:0,400:0,400:0,400:0"_s,
                           u"/v1/chat|other|portkey-node/2.1.0="_s + kept}
            << QString() << QString();
        QTest::newRow("began two hours after the other ended")
            << QStringList{u"/v1/chat|old|portkey-node/2.1.0=400:400,-,-,-,-"_s,
                           u"/v1/chat|new|portkey-node/2.1.0=-,-,-,-,400:0"_s,
                           u"/v1/chat|other|portkey-node/2.1.0="_s + kept}
            << QString() << QString();
        QTest::newRow("another SDK's config ended")
            << QStringList{u"/v1/chat|old|portkey-python/1.9.0=400:400,400:400,-,-,-"_s,
                           u"/v1/chat|new|portkey-node/2.1.0=-,-,400:0,400:0,400:0"_s,
                           u"/v1/chat|other|portkey-node/2.1.0="_s + kept}
            << QString() << QString();
    }
    void switchDrop()
    {
        QFETCH(QStringList, groups);
        QFETCH(QString, config);
        QFETCH(QString, since);
        const QList<MetadataGroup> list = groupsOf(groups);
        const GroupVerdict v = judgeGroups(list, QString());
        QCOMPARE(v.config, config);
        QCOMPARE(v.atSwitch, !config.isEmpty());
        if (!config.isEmpty())
            QCOMPARE(v.since.toString(u"HH:mm"_s), since);
    }

    void splitDrops_data()
    {
        const QString kept = u"400:400,400:400,400:400,400:400"_s;
        const QString early = u"400:400,400:100:18:40,400:0,400:0"_s;
        const QString late = u"100:100,100:100,100:40:19:10,100:0"_s;
        QTest::addColumn<QStringList>("groups"); // "route|config|sdk=bucket,bucket"
        QTest::addColumn<QStringList>("parts");  // "route:…" or "config:…", largest first
        QTest::newRow("a route at one minute, a config of another route later")
            << QStringList{u"/v1/responses|assistant|portkey-node/1.21.0="_s + early,
                           u"/v1/chat|reports|portkey-python/1.22.0="_s + late,
                           u"/v1/chat|collections|portkey-python/1.22.0="_s + kept}
            << QStringList{u"route:/v1/responses"_s, u"config:reports"_s};
        QTest::newRow("two configs of a route another config keeps")
            << QStringList{u"/v1/chat|a|portkey-python/1.22.0="_s + late,
                           u"/v1/chat|b|portkey-python/1.22.0="_s + early,
                           u"/v1/chat|c|portkey-python/1.22.0="_s + kept}
            << QStringList{u"config:b"_s, u"config:a"_s};
        QTest::newRow("one route lost it: nothing to split")
            << QStringList{u"/v1/responses|assistant|portkey-node/1.21.0="_s + early,
                           u"/v1/chat|collections|portkey-python/1.22.0="_s + kept}
            << QStringList{};
        QTest::newRow("a drop no config bounds: not split")
            << QStringList{u"/v1/chat||portkey-python/1.22.0="_s + early,
                           u"/v1/chat|a|portkey-python/1.22.0="_s + late,
                           u"/v1/chat|c|portkey-python/1.22.0="_s + kept}
            << QStringList{};
    }
    void splitDrops()
    {
        QFETCH(QStringList, groups);
        QFETCH(QStringList, parts);
        const QList<MetadataGroup> list = groupsOf(groups);
        QStringList got;
        for (const GroupVerdict &p :
             Casefile::Analysis::splitDrops(list, judgeGroups(list, QString())))
            got << (p.route.isEmpty() ? u"config:"_s + p.config : u"route:"_s + p.route);
        QCOMPARE(got, parts);
    }

    void phraseGroupDropWithoutDeploys()
    {
        // the route's drop is timed by its own requests, and the SDK that never sent metadata
        // is a cause of its own beside it
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable({{u"portkey-python/1.9.2"_s, 3200, 2700, u"2027-03-19T18:00:00Z"_s,
                                u"2027-03-19T20:00:00Z"_s},
                               {u"portkey-node/2.0.0"_s, 240, 0, u"2027-03-19T18:00:00Z"_s,
                                u"2027-03-19T20:00:00Z"_s}}));
        QList<QJsonArray> rows;
        const auto add = [&](const QString &route, const QString &sdk, const MetadataGroup &g) {
            for (const MetadataBucket &b : g.buckets)
                rows.append(QJsonArray{
                    QJsonValue(route), QJsonValue(route.section(u'/', -1)), QJsonValue(sdk),
                    QJsonValue(b.t.toString(Qt::ISODate)), QJsonValue(b.n), QJsonValue(b.with),
                    b.firstWithout.isValid() ? QJsonValue(b.firstWithout.toString(Qt::ISODate))
                                             : QJsonValue()});
        };
        add(u"/v1/chat"_s, u"portkey-python/1.9.2"_s,
            group(u"a|b|c"_s, {u"400:400"_s, u"400:400"_s, u"400:400"_s, u"400:400"_s}));
        add(u"/v1/embeddings"_s, u"portkey-python/1.9.2"_s,
            group(u"a|b|c"_s, {u"400:400"_s, u"400:400"_s, u"400:100:19:15"_s, u"400:0"_s}));
        add(u"/v1/chat"_s, u"portkey-node/2.0.0"_s,
            group(u"a|b|c"_s, {u"60:0"_s, u"60:0"_s, u"60:0"_s, u"60:0"_s}));
        addStep(in, u"mg"_s, u"clickhouse"_s, u"metadata_by_group"_s, EvidenceKind::Table,
                table({u"route"_s, u"config_id"_s, u"sdk"_s, u"t"_s, u"n"_s, u"with_metadata"_s,
                       u"first_without"_s},
                      rows));
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        QCOMPARE(out.hypotheses.size(), 2);
        const Hypothesis &route = out.hypotheses.at(0);
        QCOMPARE(route.cause.category, u"deploy_regression"_s);
        QVERIFY(route.cause.refs.contains(u"route:/v1/embeddings"_s));
        QVERIFY2(route.cause.summary.contains(u"19:15"_s), qPrintable(route.cause.summary));
        QCOMPARE(route.failures, 700.0);
        const Hypothesis &sdk = out.hypotheses.at(1);
        QCOMPARE(sdk.cause.category, u"sdk_version"_s);
        QCOMPARE(sdk.cause.refs, QStringList{u"sdk:portkey-node/2.0.0"_s});
        QCOMPARE(sdk.failures, 240.0);
    }

    // The settings of a config whose key names metadata, nested ones too, and whether one of
    // them turns metadata off: a "stop" key when true, any other when false or null.
    void configMetadataSettings_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<int>("settings");
        QTest::addColumn<bool>("turnsOff");
        QTest::newRow("store false")
            << QByteArray(R"({"store_metadata": false, "targets": []})") << 1 << true;
        QTest::newRow("store true") << QByteArray(R"({"store_metadata": true})") << 1 << false;
        QTest::newRow("strip true, nested")
            << QByteArray(R"({"targets": [{"virtual_key": "vk", "strip_metadata": true}]})") << 1
            << true;
        QTest::newRow("strip false") << QByteArray(R"({"redact_metadata": false})") << 1 << false;
        QTest::newRow("mode off") << QByteArray(R"({"metadata_logging": "off"})") << 1 << true;
        QTest::newRow("no metadata key")
            << QByteArray(R"({"strategy": {"mode": "single"}, "cache": {"mode": "simple"}})") << 0
            << false;
    }

    void configMetadataSettings()
    {
        QFETCH(QByteArray, config);
        QFETCH(int, settings);
        QFETCH(bool, turnsOff);
        const ConfigMetadata c = configMetadata(QJsonDocument::fromJson(config).object());
        QCOMPARE(c.settings.size(), settings);
        QCOMPARE(c.turnsOff, turnsOff);
    }

    // A config that turns metadata off explains its drop; an edit just before the drop does
    // only when no deploy of ours fits it.
    void configExplainsDrop_data()
    {
        QTest::addColumn<bool>("turnsOff");
        QTest::addColumn<int>("editedMinutesBefore"); // -1: not edited in the window
        QTest::addColumn<bool>("deployFits");
        QTest::addColumn<bool>("explains");
        QTest::newRow("turns off") << true << -1 << true << true;
        QTest::newRow("edited just before, no deploy") << false << 5 << false << true;
        QTest::newRow("edited just before, a deploy fits") << false << 5 << true << false;
        QTest::newRow("edited hours before") << false << 300 << false << false;
        QTest::newRow("untouched") << false << -1 << false << false;
    }

    void configExplainsDrop()
    {
        QFETCH(bool, turnsOff);
        QFETCH(int, editedMinutesBefore);
        QFETCH(bool, deployFits);
        QFETCH(bool, explains);
        const QDateTime since = at(u"2027-03-19T19:15:00Z"_s);
        ConfigMetadata c;
        c.ref = u"config:pc-a"_s;
        c.turnsOff = turnsOff;
        if (editedMinutesBefore >= 0)
            c.editedAt = since.addSecs(-60 * editedMinutesBefore);
        QCOMPARE(Casefile::Analysis::configExplainsDrop(c, since, deployFits), explains);
    }

    // One config of the org lost its metadata while another on the same route and SDK keeps
    // it, and the config says `store_metadata: false`: the customer's setting, and a deploy that
    // touched metadata a quarter of an hour before is rejected (it would reach both configs).
    void phraseConfigDrop()
    {
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable({{u"portkey-node/1.12.0"_s, 1600, 1300, u"2027-03-19T18:00:00Z"_s,
                                u"2027-03-19T20:00:00Z"_s}}));
        QList<QJsonArray> rows;
        const auto add = [&](const QString &config, const MetadataGroup &g) {
            for (const MetadataBucket &b : g.buckets)
                rows.append(QJsonArray{
                    QJsonValue(u"/v1/chat/completions"_s), QJsonValue(config),
                    QJsonValue(u"portkey-node/1.12.0"_s), QJsonValue(b.t.toString(Qt::ISODate)),
                    QJsonValue(b.n), QJsonValue(b.with),
                    b.firstWithout.isValid() ? QJsonValue(b.firstWithout.toString(Qt::ISODate))
                                             : QJsonValue()});
        };
        add(u"pc-keep"_s,
            group(u"a|b|c"_s, {u"200:200"_s, u"200:200"_s, u"200:200"_s, u"200:200"_s}));
        add(u"pc-notes"_s,
            group(u"a|b|c"_s, {u"200:200"_s, u"200:200"_s, u"200:100:19:15"_s, u"200:0"_s}));
        addStep(in, u"mg"_s, u"clickhouse"_s, u"metadata_by_group"_s, EvidenceKind::Table,
                table({u"route"_s, u"config_id"_s, u"sdk"_s, u"t"_s, u"n"_s, u"with_metadata"_s,
                       u"first_without"_s},
                      rows));
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy(77, u"2027-03-19T19:00:00Z"_s, u"logs: metadata column encoding"_s,
                               {u"src/logs/metadata.ts"_s})}));
        addStep(in, u"cfg"_s, u"gateway"_s, u"config"_s, EvidenceKind::Config,
                QJsonObject{{u"ref"_s, u"config:pc-notes"_s},
                            {u"config_id"_s, u"pc-notes"_s},
                            {u"updated_at"_s, u"2027-03-19T19:14:00Z"_s},
                            {u"config"_s, QJsonObject{{u"store_metadata"_s, false}}}});
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        QCOMPARE(out.hypotheses.size(), 1);
        const RootCause &c = out.hypotheses.first().cause;
        QCOMPARE(c.category, u"customer_config"_s);
        QCOMPARE(c.refs, QStringList{u"config:pc-notes"_s});
        QVERIFY2(c.summary.contains(u"store_metadata: false"_s), qPrintable(c.summary));
        QVERIFY(std::any_of(out.rejected.cbegin(), out.rejected.cend(),
                            [](const Casefile::RejectedHypothesis &r) {
                                return r.refs.contains(u"github:deployment:77"_s);
                            }));
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

    // A later release of the same SDK whose notes speak of the failure is the way out, said in
    // the cause; releases of other packages, older ones and those published after the ticket
    // are not.
    void phraseSdkVersionWithTheFixingRelease()
    {
        const auto release = [](const QString &tag, const QString &title, const QString &time,
                                const QString &body) -> QJsonObject {
            return QJsonObject{
                {u"type"_s, u"release"_s}, {u"ref"_s, QString(u"github:release:"_s + tag)},
                {u"tag"_s, tag},           {u"title"_s, title},
                {u"time"_s, time},         {u"body"_s, body}};
        };
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        in.ticket.createdAt = at(u"2026-11-20T10:30:00Z"_s);
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable({{u"portkey-node/1.8.0"_s, 4000, 4000, u"2026-11-18T00:00:00Z"_s,
                                u"2026-11-20T10:00:00Z"_s},
                               {u"portkey-node/2.0.0"_s, 1500, 0, u"2026-11-20T06:00:00Z"_s,
                                u"2026-11-20T10:00:00Z"_s}}));
        addStep(in, u"rel"_s, u"github"_s, u"releases"_s, EvidenceKind::Events,
                events({release(u"v1.9.0"_s, u"portkey-node v1.9.0"_s, u"2026-11-10T09:00:00Z"_s,
                                u"- Faster streaming."_s),
                        release(u"v2.0.2"_s, u"portkey-python v2.0.2"_s, u"2026-11-19T09:00:00Z"_s,
                                u"- Metadata fix for python."_s),
                        release(u"v2.0.1"_s, u"portkey-node v2.0.1"_s, u"2026-11-19T12:00:00Z"_s,
                                u"## Fixes\n\n- Typings.\n- Metadata set per request was not "
                                u"sent since 2.0.0."_s),
                        release(u"v2.0.3"_s, u"portkey-node v2.0.3"_s, u"2026-11-20T11:00:00Z"_s,
                                u"- Metadata again."_s)}));
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        const RootCause &c = out.hypotheses.first().cause;
        QCOMPARE(c.category, u"sdk_version"_s);
        QVERIFY2(
            c.summary.contains(u"portkey-node 2.0.1, released 2026-11-19, fixes this: "
                               u"\u201cMetadata set per request was not sent since 2.0.0.\u201d"_s),
            qPrintable(c.summary));
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    // What accounts for a version's missing metadata besides the logs is cited with it: the
    // version's own release notes that speak of metadata, a docs line saying versions before a
    // bound do not send it. Another package's line, a bound the version is past, a page that
    // does not speak of metadata and notes of another version are not.
    void phraseSdkVersionCitesItsAccounts_data()
    {
        QTest::addColumn<QString>("notes");
        QTest::addColumn<QString>("docLine");
        QTest::addColumn<QStringList>("cited");
        const QString rel = u"github:release:v2.0.0"_s;
        const QString page = u"docs:docs/sdk.md"_s;
        QTest::newRow("release notes")
            << u"- The metadata option is no longer sent as a header."_s << QString()
            << QStringList{u"sdk:portkey-node/2.0.0"_s, rel};
        QTest::newRow("notes without metadata")
            << u"- Node 18 is no longer supported."_s << QString()
            << QStringList{u"sdk:portkey-node/2.0.0"_s};
        QTest::newRow("docs table row")
            << QString() << u"| portkey-node | before 2.1.0 | custom metadata not sent |"_s
            << QStringList{u"sdk:portkey-node/2.0.0"_s, page};
        QTest::newRow("docs sentence")
            << QString() << u"portkey-node versions older than 2.1 do not send metadata."_s
            << QStringList{u"sdk:portkey-node/2.0.0"_s, page};
        QTest::newRow("bound already passed")
            << QString() << u"| portkey-node | before 1.8.0 | custom metadata not sent |"_s
            << QStringList{u"sdk:portkey-node/2.0.0"_s};
        QTest::newRow("another package")
            << QString() << u"| portkey-python | before 2.1.0 | custom metadata not sent |"_s
            << QStringList{u"sdk:portkey-node/2.0.0"_s};
    }
    void phraseSdkVersionCitesItsAccounts()
    {
        QFETCH(QString, notes);
        QFETCH(QString, docLine);
        QFETCH(QStringList, cited);
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                metadataTable({{u"portkey-node/1.8.0"_s, 4000, 4000, u"2026-11-18T00:00:00Z"_s,
                                u"2026-11-20T10:00:00Z"_s},
                               {u"portkey-node/2.0.0"_s, 1500, 0, u"2026-11-20T06:00:00Z"_s,
                                u"2026-11-20T10:00:00Z"_s}}));
        if (!notes.isEmpty())
            addStep(in, u"rel"_s, u"github"_s, u"releases"_s, EvidenceKind::Events,
                    events({QJsonObject{{u"type"_s, u"release"_s},
                                        {u"ref"_s, u"github:release:v2.0.0"_s},
                                        {u"tag"_s, u"v2.0.0"_s},
                                        {u"title"_s, u"portkey-node v2.0.0"_s},
                                        {u"time"_s, u"2026-11-12T09:00:00Z"_s},
                                        {u"body"_s, QString(u"## Breaking\n\n"_s + notes)}}}));
        if (!docLine.isEmpty())
            addStep(
                in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
                QJsonObject{{u"items"_s,
                             QJsonArray{QJsonObject{
                                 {u"ref"_s, u"docs:docs/sdk.md"_s},
                                 {u"title"_s, u"SDK versions"_s},
                                 {u"text"_s, QString(u"# SDK versions and custom metadata\n\n"_s +
                                                     docLine + u"\n"_s)}}}}});
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        QVERIFY(!out.hypotheses.isEmpty());
        const RootCause &c = out.hypotheses.first().cause;
        QCOMPARE(c.category, u"sdk_version"_s);
        QCOMPARE(c.refs, cited);
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void documentedKey_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("key");
        const QString doc = u"# Metadata\n\nThe `user` field of a request body is kept in metadata "
                            u"under the reserved key `_user`. Send metadata in the "
                            u"`x-portkey-metadata` header or the SDK's `metadata` option."_s;
        QTest::newRow("a field kept under a key derived from it")
            << u"We send `user` on every call but the logs never show it"_s << doc << u"user"_s
            << u"_user"_s;
        QTest::newRow("a header name is no metadata key")
            << u"Is `metadata` forwarded?"_s << doc << QString() << QString();
        QTest::newRow("no field named in code")
            << u"We send the user on every call"_s << doc << QString() << QString();
        QTest::newRow("the ticket already knows the key")
            << u"We send `user` and look for `_user`"_s << doc << QString() << QString();
    }
    void documentedKey()
    {
        QFETCH(QString, ticket);
        QFETCH(QString, page);
        QFETCH(QString, field);
        QFETCH(QString, key);
        const QJsonObject item{
            {u"ref"_s, u"docs:docs/metadata.md"_s}, {u"title"_s, u"Metadata"_s}, {u"text"_s, page}};
        const DocumentedKey k = Casefile::Analysis::documentedKey(ticket, {{u"ev1"_s, item}});
        QCOMPARE(k.field, field);
        QCOMPARE(k.key, key);
        if (!field.isEmpty())
            QCOMPARE(k.ref, u"docs:docs/metadata.md"_s);
    }

    // Metadata lost on some configs of one route: the provider all of them send to is the part
    // of the traffic that lost it, when no config that keeps it sends there.
    void droppedProvider_data()
    {
        QTest::addColumn<QStringList>("droppedProviders"); // one config each
        QTest::addColumn<QStringList>("keepingProviders");
        QTest::addColumn<QString>("provider");
        QTest::newRow("gemini configs lost it")
            << QStringList{u"google"_s, u"google"_s} << QStringList{u"openai"_s} << u"google"_s;
        QTest::newRow("a kept config on the same provider")
            << QStringList{u"google"_s} << QStringList{u"google"_s, u"openai"_s} << QString();
        QTest::newRow("two providers lost it")
            << QStringList{u"google"_s, u"anthropic"_s} << QStringList{u"openai"_s} << QString();
    }
    void droppedProvider()
    {
        QFETCH(QStringList, droppedProviders);
        QFETCH(QStringList, keepingProviders);
        QFETCH(QString, provider);
        QList<MetadataGroup> groups;
        QList<ConfigTraffic> traffic;
        GroupVerdict v;
        const auto add = [&](const QString &p, QList<int> &into) {
            const QString config = u"pc-"_s + QString::number(groups.size());
            groups.append({u"/v1/chat/completions"_s, config, u"portkey-python/1.0.0"_s, {}});
            traffic.append({config, p, u"m"_s, 100, 0, u"ev"_s});
            into.append(int(groups.size() - 1));
        };
        for (const QString &p : droppedProviders)
            add(p, v.dropped);
        for (const QString &p : keepingProviders)
            add(p, v.keeping);
        QCOMPARE(Casefile::Analysis::droppedProvider(groups, v, traffic), provider);
    }

    // A docs sentence that limits the keys a request keeps, read by its words.
    void documentedKeyLimitSentence_data()
    {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<int>("limit");
        QTest::newRow("at most") << u"- At most 16 keys per request."_s << 16;
        QTest::newRow("up to, metadata keys") << u"Send up to 10 metadata keys"_s << 10;
        QTest::newRow("a maximum of") << u"A request keeps a maximum of 32 custom keys"_s << 32;
        QTest::newRow("characters are no keys")
            << u"Values are strings of at most 128 characters."_s << 0;
        QTest::newRow("no number") << u"Keys are case sensitive."_s << 0;
    }
    void documentedKeyLimitSentence()
    {
        QFETCH(QString, sentence);
        QFETCH(int, limit);
        QCOMPARE(Casefile::Analysis::documentedKeyLimit(sentence), limit);
    }

    // A docs sentence that limits the length of a metadata value, read by its words.
    void documentedValueLimitSentence_data()
    {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<int>("limit");
        QTest::newRow("at most") << u"values at most 128 characters. A longer one is left out"_s
                                 << 128;
        QTest::newRow("longer than") << u"Values longer than 256 characters are dropped."_s << 256;
        QTest::newRow("bytes") << u"Each value may be up to 512 bytes"_s << 512;
        QTest::newRow("keys are no values") << u"keys at most 64 characters, case sensitive"_s << 0;
        QTest::newRow("key count") << u"at most 16 keys per request"_s << 0;
        QTest::newRow("no limit") << u"Values are UTF-8 strings; accents are kept."_s << 0;
    }
    void documentedValueLimitSentence()
    {
        QFETCH(QString, sentence);
        QFETCH(int, limit);
        QCOMPARE(Casefile::Analysis::documentedValueLimit(sentence), limit);
    }

    // Keys the ticket names that no request carries, while the org already sends as many keys
    // as the docs let a request keep: beyond the documented limit.
    void documentedKeyLimit_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<int>("carried");
        QTest::addColumn<QStringList>("missing");
        const QString asked = u"We added `campaign` and `cohort` but they never show up"_s;
        QTest::newRow("two keys beyond sixteen")
            << asked << 16 << QStringList{u"campaign"_s, u"cohort"_s};
        QTest::newRow("more keys than the limit")
            << asked << 18 << QStringList{u"campaign"_s, u"cohort"_s};
        QTest::newRow("below the limit: not the limit's doing") << asked << 9 << QStringList{};
        QTest::newRow("the asked key is carried") << u"Where is `k3`?"_s << 16 << QStringList{};
        QTest::newRow("nothing named") << u"some keys never show up"_s << 16 << QStringList{};
    }
    void documentedKeyLimit()
    {
        QFETCH(QString, ticket);
        QFETCH(int, carried);
        QFETCH(QStringList, missing);
        QList<MetadataKey> keys;
        for (int i = 0; i < carried; ++i)
            keys.append({u"k"_s + QString::number(i), 500, {}, {}});
        const QJsonObject page{{u"ref"_s, u"docs:docs/metadata.md"_s},
                               {u"title"_s, u"Metadata"_s},
                               {u"text"_s,
                                u"# Metadata\n\n## Limits\n\n- At most 16 keys per "
                                u"request. Keys beyond the sixteenth are not stored."_s}};
        const DocumentedKeyLimit k =
            Casefile::Analysis::documentedKeyLimit(ticket, keys, {{u"ev1"_s, page}});
        QCOMPARE(k.missing, missing);
        if (!missing.isEmpty()) {
            QCOMPARE(k.limit, 16);
            QCOMPARE(k.carried, carried);
            QCOMPARE(k.ref, u"docs:docs/metadata.md"_s);
        }
    }

    // Metadata on every request and a documented key for the field the ticket asks about: works
    // as documented; with one SDK dropping metadata, that drop is the answer instead.
    void phraseDocumentedKey()
    {
        const QJsonObject page{{u"ref"_s, u"docs:docs/metadata.md"_s},
                               {u"title"_s, u"Metadata"_s},
                               {u"text"_s, u"The `user` field of a request body is kept in "
                                           u"metadata under the reserved key `_user`."_s}};
        for (const bool dropped : {false, true}) {
            AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
            in.ticket.description = u"We send `user` on every call but cannot find it"_s;
            addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                    metadataTable({{u"portkey-node/1.8.0"_s, 4000, 4000, u"2026-11-18T00:00:00Z"_s,
                                    u"2026-11-20T10:00:00Z"_s},
                                   {u"portkey-node/2.0.0"_s, 1500, dropped ? 0 : 1500,
                                    u"2026-11-20T06:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}}));
            addStep(in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
                    QJsonObject{{u"items"_s, QJsonArray{page}}});
            const AnalyzerOutput out = analyzeMetadataPresence(in);
            QCOMPARE(out.hypotheses.size(), 1);
            const RootCause &c = out.hypotheses.first().cause;
            QCOMPARE(c.category, dropped ? u"sdk_version"_s : u"expected_behavior"_s);
            if (!dropped) {
                QCOMPARE(c.refs, QStringList{u"docs:docs/metadata.md"_s});
                const QString mismatch = phrasesMismatch(out, in);
                QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            }
        }
    }

    // A key the ticket names, read per key: on every request that carries metadata and as late
    // as any of them, or on a part of them, or stopped before the others; keys it does not name
    // (or names only inside a longer word) are not judged.
    void askedKeys_data()
    {
        QTest::addColumn<double>("keyCount");
        QTest::addColumn<QString>("keyLast");
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<int>("asked");
        QTest::addColumn<bool>("onEvery");
        QTest::newRow("on every request")
            << 5500.0 << u"10:00"_s << u"we lost session_id since yesterday"_s << 1 << true;
        QTest::newRow("on a part")
            << 4000.0 << u"10:00"_s << u"(session_id) missing"_s << 1 << false;
        QTest::newRow("stopped before the others")
            << 5480.0 << u"08:30"_s << u"session_id is gone"_s << 1 << false;
        QTest::newRow("not named") << 5500.0 << u"10:00"_s << u"our tags are gone"_s << 0 << false;
        QTest::newRow("a plain word named in prose")
            << 5500.0 << u"10:00"_s << u"we lost the tier breakdown"_s << 0 << false;
        QTest::newRow("a plain word between backticks")
            << 5500.0 << u"10:00"_s << u"we lost `tier` and session_id"_s << 2 << true;
        QTest::newRow("inside a longer word")
            << 5500.0 << u"10:00"_s << u"player_session_ids vanished"_s << 0 << false;
    }

    void askedKeys()
    {
        QFETCH(double, keyCount);
        QFETCH(QString, keyLast);
        QFETCH(QString, ticket);
        QFETCH(int, asked);
        QFETCH(bool, onEvery);
        QList<SdkMetadata> judged =
            sdks({u"portkey-node/1.12.0:4000:4000"_s, u"portkey-python/1.14.0:1800:1500"_s});
        judged[0].lastWith = QDateTime(QDate(2028, 6, 14), QTime(10, 0), QTimeZone::utc());
        const QTime last = QTime::fromString(keyLast, u"HH:mm"_s);
        const QList<MetadataKey> keys{
            {u"session_id"_s, keyCount, {}, QDateTime(QDate(2028, 6, 14), last, QTimeZone::utc())},
            {u"tier"_s, 4000, {}, QDateTime(QDate(2028, 6, 14), QTime(10, 0), QTimeZone::utc())}};
        const QList<KeyPresence> p = judgeAskedKeys(keys, judged, ticket);
        QCOMPARE(p.size(), asked);
        if (asked > 0) {
            QCOMPARE(p.first().key, u"session_id"_s);
            QCOMPARE(p.first().with, 5500.0);
            QCOMPARE(p.first().onEvery, onEvery);
        }
    }

    // The evidence read per key: the reply can say the key the customer asks about is on every
    // request, where the SDK totals only say how many requests carry some metadata.
    void phraseAskedKey()
    {
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        in.ticket.description = u"session_id no longer shows up in the logs"_s;
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s, u"last_with"_s},
                      {{u"portkey-node/1.12.0"_s, 4000, 4000, u"2028-06-12T22:00:00Z"_s,
                        u"2028-06-14T02:29:00Z"_s, u"2028-06-14T02:29:00Z"_s},
                       {u"portkey-python/1.14.0"_s, 1700, 0, u"2028-06-12T22:00:00Z"_s,
                        u"2028-06-14T02:20:00Z"_s, QJsonValue()}}));
        addStep(
            in, u"mk"_s, u"clickhouse"_s, u"metadata_keys"_s, EvidenceKind::Table,
            table(
                {u"key"_s, u"n"_s, u"first"_s, u"last"_s},
                {{u"session_id"_s, 4000, u"2028-06-12T22:00:00Z"_s, u"2028-06-14T02:29:00Z"_s},
                 {u"player_tier"_s, 2600, u"2028-06-12T22:00:00Z"_s, u"2028-06-14T02:28:00Z"_s}}));
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        const auto key = std::ranges::find_if(out.findings, [](const Finding &f) {
            return !f.phrases.isEmpty() && f.phrases.first().key == u"metadata.key_on_every"_s;
        });
        QVERIFY(key != out.findings.end());
        QVERIFY2(key->summary.contains(u"`session_id`"_s), qPrintable(key->summary));
        QVERIFY(!key->summary.contains(u"player_tier"_s));
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    // A client SDK that never sent metadata beside SDKs that keep it: the answer when nothing
    // says what the customer looks for; steady and beside the point when the key the ticket
    // asks about is on every request that carries metadata and the ticket does not name it.
    void silentSdkBesideAskedKey_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<bool>("keysRead");
        QTest::addColumn<QString>("category"); // "" none
        QTest::newRow("the asked key is on every request")
            << u"tenant_id no longer in the logs of our KYC service"_s << true << QString();
        QTest::newRow("the ticket names the silent SDK")
            << u"tenant_id missing on the calls made with openai-python"_s << true
            << u"sdk_version"_s;
        QTest::newRow("keys not read")
            << u"tenant_id no longer in the logs"_s << false << u"sdk_version"_s;
        QTest::newRow("no key asked") << u"our metadata is gone"_s << true << u"sdk_version"_s;
    }

    void silentSdkBesideAskedKey()
    {
        QFETCH(QString, ticket);
        QFETCH(bool, keysRead);
        QFETCH(QString, category);
        AnalysisInput in = baseInput(u"metadata"_s, {u"metadata_presence"_s});
        in.ticket.description = ticket;
        addStep(in, u"md"_s, u"clickhouse"_s, u"metadata_by_sdk"_s, EvidenceKind::Table,
                table({u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s, u"last_with"_s},
                      {{u"portkey-node/1.12.4"_s, 9000, 9000, u"2028-01-25T06:00:00Z"_s,
                        u"2028-01-26T11:39:00Z"_s, u"2028-01-26T11:39:00Z"_s},
                       {u"openai-python/1.52.0"_s, 2000, 0, u"2028-01-25T06:00:00Z"_s,
                        u"2028-01-26T11:30:00Z"_s, QJsonValue()}}));
        if (keysRead)
            addStep(in, u"mk"_s, u"clickhouse"_s, u"metadata_keys"_s, EvidenceKind::Table,
                    table({u"key"_s, u"n"_s, u"first"_s, u"last"_s},
                          {{u"tenant_id"_s, 9000, u"2028-01-25T06:00:00Z"_s,
                            u"2028-01-26T11:39:00Z"_s}}));
        const AnalyzerOutput out = analyzeMetadataPresence(in);
        if (category.isEmpty()) {
            QVERIFY(out.hypotheses.isEmpty());
        } else {
            QCOMPARE(out.hypotheses.size(), 1);
            QCOMPARE(out.hypotheses.first().cause.category, category);
        }
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
