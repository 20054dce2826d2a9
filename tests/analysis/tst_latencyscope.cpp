#include "evidence.h"

#include "core/analysis/latencyscope.h"

#include <QTest>

#include <algorithm>

using namespace TestSupport;
using namespace Casefile::Analysis;

namespace {

const QDateTime Start = at(u"2027-03-17T12:00:00Z"_s);
constexpr int Onset = 240; // minute of the org's latency rise
constexpr int Minutes = 420;

// One config's or version's minutes: `before` requests per minute at `slow` ms before the onset,
// `after` requests per minute at `slowAfter` ms from it.
ScopedLatencySeries series(const QString &key, double before, double after, double ms,
                           double msAfter)
{
    ScopedLatencySeries s;
    s.key = key;
    for (int i = 0; i < Minutes; ++i) {
        const bool late = i >= Onset;
        s.times.append(Start.addSecs(60 * i));
        const double rate = late ? after : before;
        // a version at a twentieth of its later traffic sends a request every few minutes
        s.requests.append(rate >= 1 ? rate : (i % int(1.0 / std::max(rate, 0.05)) == 0 ? 1 : 0));
        // a little noise so that a flat level is not a constant
        s.p50.append((late ? msAfter : ms) * (1.0 + 0.05 * ((i % 5) - 2)));
    }
    return s;
}

QDateTime minute(int i)
{
    return Start.addSecs(60 * i);
}

} // namespace

class TestLatencyScope final : public QObject
{
    Q_OBJECT

private slots:
    void configs_data()
    {
        QTest::addColumn<QList<ScopedLatencySeries>>("configs");
        QTest::addColumn<QDateTime>("edited");
        QTest::addColumn<QString>("config");
        const QList<ScopedLatencySeries> oneRose{series(u"pc-chat"_s, 14, 14, 2600, 8300),
                                                 series(u"pc-triage"_s, 8, 8, 1900, 1950)};
        QTest::newRow("one config slowed down, edited just before")
            << oneRose << minute(Onset - 3) << u"pc-chat"_s;
        QTest::newRow("edited a day before: not the edit") << oneRose << minute(-900) << QString();
        QTest::newRow("edited after the rise began: not the edit")
            << oneRose << minute(Onset + 30) << QString();
        QTest::newRow("every config slowed down: not one config")
            << QList<ScopedLatencySeries>{series(u"pc-chat"_s, 14, 14, 2600, 8300),
                                          series(u"pc-triage"_s, 8, 8, 1900, 6000)}
            << minute(Onset - 3) << QString();
        QTest::newRow("the org's only config: nothing to compare")
            << QList<ScopedLatencySeries>{series(u"pc-chat"_s, 14, 14, 2600, 8300)}
            << minute(Onset - 3) << QString();
        QTest::newRow("a small rise is not a slowdown")
            << QList<ScopedLatencySeries>{series(u"pc-chat"_s, 14, 14, 2600, 3300),
                                          series(u"pc-triage"_s, 8, 8, 1900, 1950)}
            << minute(Onset - 3) << QString();
    }

    void configs()
    {
        QFETCH(QList<ScopedLatencySeries>, configs);
        QFETCH(QDateTime, edited);
        QFETCH(QString, config);
        LatencyScopeFacts facts;
        facts.onset = minute(Onset);
        facts.configs = configs;
        for (const ScopedLatencySeries &s : configs)
            facts.editedAt.insert(s.key, s.key == u"pc-chat"_s ? edited : minute(-3000));
        const LatencyScopeVerdict v = judgeLatencyScope(facts);
        QCOMPARE(v.config, config);
        QVERIFY(!v.sdkFound());
        if (v.configFound()) {
            QCOMPARE(v.flatConfigs, QStringList{u"pc-triage"_s});
            QVERIFY(v.configLevel.after >= 1.5 * v.configLevel.before);
        }
    }

    void sdks_data()
    {
        QTest::addColumn<QList<ScopedLatencySeries>>("sdks");
        QTest::addColumn<QString>("sdk");
        QTest::addColumn<QString>("old");
        const QString oldSdk = u"portkey-node/1.12.3"_s;
        const QString newSdk = u"portkey-node/1.13.0"_s;
        QTest::newRow("traffic moved to a version slower all along")
            << QList<ScopedLatencySeries>{series(oldSdk, 14, 0.4, 900, 900),
                                          series(newSdk, 0.5, 14, 2900, 2900)}
            << newSdk << oldSdk;
        QTest::newRow("the new version is as fast: not the version")
            << QList<ScopedLatencySeries>{series(oldSdk, 14, 0.4, 900, 900),
                                          series(newSdk, 0.5, 14, 950, 950)}
            << QString() << QString();
        QTest::newRow("the new version slowed down at the onset itself: something else")
            << QList<ScopedLatencySeries>{series(oldSdk, 14, 0.4, 900, 900),
                                          series(newSdk, 0.5, 14, 900, 2900)}
            << QString() << QString();
        QTest::newRow("both versions kept their traffic: no move")
            << QList<ScopedLatencySeries>{series(oldSdk, 14, 14, 900, 900),
                                          series(newSdk, 6, 6, 2900, 2900)}
            << QString() << QString();
    }

    void sdks()
    {
        QFETCH(QList<ScopedLatencySeries>, sdks);
        QFETCH(QString, sdk);
        QFETCH(QString, old);
        LatencyScopeFacts facts;
        facts.onset = minute(Onset);
        facts.sdks = sdks;
        const LatencyScopeVerdict v = judgeLatencyScope(facts);
        QCOMPARE(v.sdk, sdk);
        QCOMPARE(v.oldSdk, old);
        QVERIFY(!v.configFound());
    }

    void ownServer_data()
    {
        QTest::addColumn<QList<ScopedLatencySeries>>("configs");
        QTest::addColumn<QDateTime>("edited");
        QTest::addColumn<QString>("host");
        const QList<ScopedLatencySeries> oneRose{series(u"pc-claims"_s, 14, 14, 1100, 3900),
                                                 series(u"pc-letters"_s, 6, 6, 1500, 1520)};
        const QString host = u"https://vllm.example.de/v1"_s;
        QTest::newRow("the config calling the customer's own server slowed down alone")
            << oneRose << minute(-3000) << host;
        QTest::newRow("edited just before: the edit is named, not the server")
            << oneRose << minute(Onset - 3) << QString();
        QTest::newRow("every config slowed down: not the customer's server")
            << QList<ScopedLatencySeries>{series(u"pc-claims"_s, 14, 14, 1100, 3900),
                                          series(u"pc-letters"_s, 6, 6, 1500, 4800)}
            << minute(-3000) << QString();
    }

    // A rise confined to a config whose target is the customer's own server (custom_host) is
    // that server's, edited or not; an edit at the onset remains the more precise cause.
    void ownServer()
    {
        QFETCH(QList<ScopedLatencySeries>, configs);
        QFETCH(QDateTime, edited);
        QFETCH(QString, host);
        LatencyScopeFacts facts;
        facts.onset = minute(Onset);
        facts.configs = configs;
        facts.editedAt.insert(u"pc-claims"_s, edited);
        facts.editedAt.insert(u"pc-letters"_s, minute(-3000));
        facts.ownServer.insert(u"pc-claims"_s, u"https://vllm.example.de/v1"_s);
        const LatencyScopeVerdict v = judgeLatencyScope(facts);
        QCOMPARE(v.serverHost, host);
        QCOMPARE(v.ownServerFound(), !host.isEmpty());
        if (v.ownServerFound()) {
            QCOMPARE(v.config, u"pc-claims"_s);
            QVERIFY(!v.configFound());
            QCOMPARE(v.flatConfigs, QStringList{u"pc-letters"_s});
        }
    }

    void documentedModel_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<bool>("onset");
        QTest::addColumn<QString>("model");
        const QString table = u"| model | p50 |\n|---|---|\n| gpt-4.1-mini | 1-2 s |\n"
                              u"| o9-deep | 40-120 s |\n"_s;
        QTest::newRow("flat, and a page names the slowest model") << table << false << u"o9-deep"_s;
        QTest::newRow("a page naming only the fast model says nothing of the slow one")
            << u"| gpt-4.1-mini | 1-2 s |"_s << false << QString();
        QTest::newRow("a longer name is not the model")
            << u"| o9-deep-mini | 4 s |"_s << false << QString();
        QTest::newRow("latency rose: the change is the question, not the docs")
            << table << true << QString();
    }

    // With no latency change in the window, the org's slowest model is slow as a fetched
    // documentation page describes it, when a page names that very model.
    void documentedModel()
    {
        QFETCH(QString, page);
        QFETCH(bool, onset);
        QFETCH(QString, model);
        LatencyScopeFacts facts;
        if (onset)
            facts.onset = minute(Onset);
        facts.models = {series(u"o9-deep"_s, 2, 2, 55000, 56000),
                        series(u"gpt-4.1-mini"_s, 10, 10, 900, 950)};
        facts.docs = {{u"docs:docs/models/latency.md"_s, u"Model latency"_s, page}};
        const LatencyScopeVerdict v = judgeLatencyScope(facts);
        QCOMPARE(v.documentedModel, model);
        if (!model.isEmpty()) {
            QCOMPARE(v.modelDoc.ref, u"docs:docs/models/latency.md"_s);
            QVERIFY(v.modelDocLine.contains(model));
            QVERIFY(v.modelMedian > 50000);
        }
    }

    void documentedSetting_data()
    {
        QTest::addColumn<QString>("slowSetting"); // the slow config's service_tier ('' none)
        QTest::addColumn<QString>("slowModel");
        QTest::addColumn<double>("fastMs");
        QTest::addColumn<bool>("found");
        QTest::newRow("flat, slower by a setting a page describes")
            << u"flex"_s << u"o9-mini"_s << 3500.0 << true;
        QTest::newRow("no setting of its own: nothing to document")
            << QString() << u"o9-mini"_s << 3500.0 << false;
        QTest::newRow("another model: the setting is not the difference")
            << u"flex"_s << u"o9-large"_s << 3500.0 << false;
        QTest::newRow("hardly slower than the config without it")
            << u"flex"_s << u"o9-mini"_s << 10000.0 << false;
    }

    // With no latency change, the org's config that is 1.5x as slow as another on the same model
    // and sets what the other does not ("service_tier": "flex") is slow as a fetched page says,
    // when that page names the value and the setting.
    void documentedSetting()
    {
        QFETCH(QString, slowSetting);
        QFETCH(QString, slowModel);
        QFETCH(double, fastMs);
        QFETCH(bool, found);
        LatencyScopeFacts facts;
        facts.configs = {series(u"pc-report"_s, 6, 6, 12000, 12500),
                         series(u"pc-chat"_s, 14, 14, fastMs, fastMs + 100)};
        facts.configModel = {{u"pc-report"_s, slowModel}, {u"pc-chat"_s, u"o9-mini"_s}};
        if (!slowSetting.isEmpty())
            facts.settings.insert(u"pc-report"_s, {{u"service_tier"_s, slowSetting}});
        facts.settings.insert(u"pc-chat"_s, {});
        facts.docs = {{u"docs:docs/models/tiers.md"_s, u"Tiers"_s,
                       u"# Tiers\n\nRequests sent with `service_tier: \"flex\"` take 2-5 "
                       u"times as long. The default tier is faster."_s}};
        const LatencyScopeVerdict v = judgeLatencyScope(facts);
        QCOMPARE(!v.settingConfig.isEmpty(), found);
        if (found) {
            QCOMPARE(v.settingConfig, u"pc-report"_s);
            QCOMPARE(v.settingOther, u"pc-chat"_s);
            QCOMPARE(v.setting, u"service_tier: flex"_s);
            QVERIFY(v.settingDocLine.contains(u"2-5 times"_s));
            QVERIFY(v.documentedModel.isEmpty());
        }
    }

    void editedConfigHookDocumented_data()
    {
        QTest::addColumn<QStringList>("slowHooks");  // hook keys the config that slowed fills
        QTest::addColumn<QStringList>("otherHooks"); // those the config that kept its latency does
        QTest::addColumn<QString>("setting");        // the hook cited ('' none)
        const QString before = u"before_request_hooks"_s;
        QTest::newRow("a guardrail only the slowed config runs")
            << QStringList{before} << QStringList{} << before;
        QTest::newRow("both configs run it: not what differs")
            << QStringList{before} << QStringList{before} << QString();
        QTest::newRow("no hook: nothing to document")
            << QStringList{} << QStringList{} << QString();
        QTest::newRow("a hook no fetched page names")
            << QStringList{u"output_guardrails"_s} << QStringList{} << QString();
        // the page's other paragraph gives another hook's cost first: this one's is cited
        QTest::newRow("a page on two hooks")
            << QStringList{u"after_request_hooks"_s} << QStringList{} << u"after_request_hooks"_s;
    }

    // The config that slowed down just after its edit fills a hook the configs that kept their
    // latency do not: the fetched page naming that hook is cited, with its sentence giving the
    // hook's cost rather than the one defining it.
    void editedConfigHookDocumented()
    {
        QFETCH(QStringList, slowHooks);
        QFETCH(QStringList, otherHooks);
        QFETCH(QString, setting);
        LatencyScopeFacts facts;
        facts.onset = minute(Onset);
        facts.configs = {series(u"pc-chat"_s, 14, 14, 800, 1600),
                         series(u"pc-triage"_s, 8, 8, 600, 620)};
        facts.editedAt = {{u"pc-chat"_s, minute(Onset - 1)}, {u"pc-triage"_s, minute(-3000)}};
        facts.hooks = {{u"pc-chat"_s, slowHooks}, {u"pc-triage"_s, otherHooks}};
        facts.docs = {{u"docs:docs/routing/checks.md"_s, u"Checks"_s,
                       u"# Checks\n\nA config may run checks before a request is sent "
                       u"(`before_request_hooks`). A synchronous check holds the request: "
                       u"masking adds 300-1000 ms per request.\n\nChecks of the answer "
                       u"(`after_request_hooks`) hold the response until they pass. Scanning "
                       u"an answer takes 50-200 ms."_s}};
        const LatencyScopeVerdict v = judgeLatencyScope(facts);
        QCOMPARE(v.config, u"pc-chat"_s);
        QCOMPARE(v.configSetting, setting);
        if (!setting.isEmpty()) {
            QCOMPARE(v.configDoc.ref, u"docs:docs/routing/checks.md"_s);
            const QString cost =
                setting == u"before_request_hooks"_s ? u"300-1000 ms"_s : u"50-200 ms"_s;
            QVERIFY2(v.configDocLine.contains(cost), qPrintable(v.configDocLine));
        }
    }

    void noOnsetSaysNothing()
    {
        LatencyScopeFacts facts;
        facts.configs = {series(u"pc-chat"_s, 14, 14, 2600, 8300),
                         series(u"pc-triage"_s, 8, 8, 1900, 1950)};
        facts.editedAt.insert(u"pc-chat"_s, minute(Onset - 3));
        QVERIFY(!judgeLatencyScope(facts).found());
    }
};

QTEST_GUILESS_MAIN(TestLatencyScope)
#include "tst_latencyscope.moc"
