// routing_share: a loadbalance config whose targets answered the shares their weights give,
// with nothing failing, is doing what it was configured to do; a share far from its weight is a
// finding; a config edited in the window, or too few requests, says nothing.
#include "evidence.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/routingshare.h"

#include <QJsonArray>
#include <QTest>

using namespace TestSupport;
using namespace Casefile;
using namespace Casefile::Analysis;

Q_DECLARE_METATYPE(Casefile::Analysis::LoadbalanceConfig)

namespace {

WeightedTarget target(const QString &provider, const QString &model, double weight, double requests,
                      double errors = 0)
{
    WeightedTarget t;
    t.provider = provider;
    t.model = model;
    t.weight = weight;
    t.requests = requests;
    t.errors = errors;
    return t;
}

LoadbalanceConfig lb(const QList<WeightedTarget> &targets, const QString &updated)
{
    LoadbalanceConfig c;
    c.id = u"pc-ads"_s;
    c.evidenceId = u"ev-config"_s;
    c.updatedAt = at(updated);
    c.targets = targets;
    QList<double> weights;
    for (const WeightedTarget &t : targets)
        weights.append(t.weight);
    const QList<double> shares = expectedShares(weights);
    for (int i = 0; i < c.targets.size(); ++i)
        c.targets[i].expected = shares.at(i);
    return c;
}

using Kind = RoutingShareVerdict::Kind;

QJsonObject targetJson(const QString &vk, const QString &model, double weight)
{
    return QJsonObject{{u"virtual_key"_s, vk},
                       {u"override_params"_s, QJsonObject{{u"model"_s, model}}},
                       {u"weight"_s, weight}};
}

} // namespace

class TestRoutingShare final : public QObject
{
    Q_OBJECT

private slots:
    void expectedSharesAreNormalised()
    {
        QCOMPARE(expectedShares({0.75, 0.25}), (QList<double>{0.75, 0.25}));
        QCOMPARE(expectedShares({3, 1}), (QList<double>{0.75, 0.25}));
        QCOMPARE(expectedShares({1, 0}), (QList<double>{1.0, 0.0}));
        QCOMPARE(expectedShares({1, -2, 1}), (QList<double>{0.5, 0.0, 0.5}));
        QCOMPARE(expectedShares({0, 0}), (QList<double>{0.0, 0.0}));
    }

    void judgement_data()
    {
        QTest::addColumn<LoadbalanceConfig>("config");
        QTest::addColumn<QString>("ticketModel");
        QTest::addColumn<double>("orgErrors");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("concernsTicket");
        const QString months = u"2028-04-11T13:00:00Z"_s;
        const auto gpt = [](double w, double n, double e = 0) {
            return target(u"openai"_s, u"gpt-4.1"_s, w, n, e);
        };
        const auto claude = [](double w, double n, double e = 0) {
            return target(u"anthropic"_s, u"claude-sonnet-4-5"_s, w, n, e);
        };
        QTest::newRow("a quarter to Claude by weight, as logged")
            << lb({gpt(0.75, 3050), claude(0.25, 990)}, months) << u"claude-sonnet-4-5"_s << 0.0
            << int(Kind::AsWeighted) << true;
        QTest::newRow("weights in any unit: 3 and 1")
            << lb({gpt(3, 2980), claude(1, 1020)}, months) << u"gpt-4.1"_s << 0.0
            << int(Kind::AsWeighted) << true;
        QTest::newRow("the ticket names a model the config does not send to")
            << lb({gpt(0.75, 3050), claude(0.25, 990)}, months) << u"gemini-2.5-pro"_s << 0.0
            << int(Kind::AsWeighted) << false;
        QTest::newRow("a zero-weight target answering a third: off its weight")
            << lb({gpt(1, 2700), claude(0, 1300)}, months) << u"claude-sonnet-4-5"_s << 0.0
            << int(Kind::OffWeight) << true;
        QTest::newRow("half and half where the weights say 90/10: off")
            << lb({gpt(0.9, 2000), claude(0.1, 2000)}, months) << QString() << 0.0
            << int(Kind::OffWeight) << true;
        QTest::newRow("the config's requests fail: not a matter of shares")
            << lb({gpt(0.75, 3050, 400), claude(0.25, 990, 120)}, months) << QString() << 0.0
            << int(Kind::None) << false;
        QTest::newRow("the org's requests fail elsewhere: not only shares")
            << lb({gpt(0.75, 3050), claude(0.25, 990)}, months) << QString() << 0.2
            << int(Kind::None) << false;
        // what the save changed is not known: the split is reported, not concluded on
        QTest::newRow("saved in the window, no share moved: as weighted, saved in the window")
            << lb({gpt(0.75, 3050), claude(0.25, 990)}, u"2028-06-27T09:00:00Z"_s) << QString()
            << 0.0 << int(Kind::AsWeighted) << true;
        QTest::newRow("too few requests to tell") << lb({gpt(0.75, 30), claude(0.25, 9)}, months)
                                                  << QString() << 0.0 << int(Kind::None) << false;
    }

    // A noisy org's background (2% failing everywhere) is no failure of the config; a config
    // failing well above the rest of the org is.
    void background_data()
    {
        QTest::addColumn<double>("configErrors");
        QTest::addColumn<double>("otherErrors");
        QTest::addColumn<int>("kind");
        QTest::newRow("quiet org") << 0.0 << 0.0 << int(Kind::AsWeighted);
        QTest::newRow("the org's 2% background, the config at it")
            << 0.021 << 0.02 << int(Kind::AsWeighted);
        QTest::newRow("the config at three times the org's rest")
            << 0.06 << 0.02 << int(Kind::None);
        QTest::newRow("a quiet rest, the config at 3%") << 0.03 << 0.0 << int(Kind::None);
    }

    void background()
    {
        QFETCH(double, configErrors);
        QFETCH(double, otherErrors);
        QFETCH(int, kind);
        const auto t = [&](const QString &provider, const QString &model, double w, double n) {
            return target(provider, model, w, n, n * configErrors);
        };
        RoutingShareFacts facts;
        facts.configs = {lb({t(u"openai"_s, u"gpt-4.1"_s, 0.75, 3050),
                             t(u"anthropic"_s, u"claude-sonnet-4-5"_s, 0.25, 990)},
                            u"2028-04-11T13:00:00Z"_s)};
        facts.windowFrom = at(u"2028-06-26T18:00:00Z"_s);
        const double other = 20000;
        facts.orgRequests = 4040 + other;
        facts.orgErrors = 4040 * configErrors + other * otherErrors;
        QCOMPARE(int(judgeRoutingShare(facts).kind), kind);
    }

    void judgement()
    {
        QFETCH(LoadbalanceConfig, config);
        QFETCH(QString, ticketModel);
        QFETCH(double, orgErrors);
        QFETCH(int, kind);
        QFETCH(bool, concernsTicket);
        RoutingShareFacts facts;
        facts.configs = {config};
        facts.ticketModel = ticketModel;
        facts.windowFrom = at(u"2028-06-26T18:00:00Z"_s);
        for (const WeightedTarget &t : config.targets) {
            facts.orgRequests += t.requests;
            facts.orgErrors += t.errors;
        }
        facts.orgErrors += orgErrors * facts.orgRequests;
        const RoutingShareVerdict v = judgeRoutingShare(facts);
        QCOMPARE(int(v.kind), kind);
        if (v.kind == Kind::None)
            return;
        QCOMPARE(v.config, u"pc-ads"_s);
        QCOMPARE(v.concernsTicket, concernsTicket);
        if (v.kind == Kind::AsWeighted) {
            QCOMPARE(v.minority.model, u"claude-sonnet-4-5"_s);
            QCOMPARE(v.savedInWindow, config.updatedAt >= facts.windowFrom);
            QCOMPARE(v.since, v.savedInWindow ? QDateTime() : config.updatedAt);
        }
    }

    // A fallback config whose first target is a loadbalance group shares by the group's weights;
    // other strategies, or a group that is not first, share nothing by weight.
    void weightedTargetsOfNestedGroups()
    {
        const QJsonObject group{
            {u"strategy"_s, QJsonObject{{u"mode"_s, u"loadbalance"_s}}},
            {u"targets"_s, QJsonArray{targetJson(u"vk-openai"_s, u"gpt-4.1"_s, 0.2),
                                      targetJson(u"vk-google"_s, u"gemini-2.5-flash"_s, 0.8)}}};
        const QJsonObject single = targetJson(u"vk-anthropic"_s, u"claude-sonnet-4-5"_s, 1);
        const auto withMode = [](const QString &mode, const QJsonArray &targets) {
            return QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, mode}}},
                               {u"targets"_s, targets}};
        };
        const QList<WeightedTarget> nested =
            weightedTargets(withMode(u"fallback"_s, QJsonArray{group, single}));
        QCOMPARE(nested.size(), 2);
        QCOMPARE(nested.at(1).model, u"gemini-2.5-flash"_s);
        QCOMPARE(nested.at(1).expected, 0.8);
        QVERIFY(weightedTargets(withMode(u"fallback"_s, QJsonArray{single, group})).isEmpty());
        QVERIFY(weightedTargets(withMode(u"single"_s, QJsonArray{group})).isEmpty());
        QVERIFY(weightedTargets(withMode(u"loadbalance"_s, QJsonArray{group, single})).isEmpty());
        QCOMPARE(weightedTargets(group).size(), 2);
    }

    // Saved in the window: when the org's requests moved at that minute towards the target the
    // new weights favour and away from another, the customer's edit did it.
    void reweightedJudgement_data()
    {
        QTest::addColumn<QList<double>>("rates"); // gpt before, after, gemini before, after
        QTest::addColumn<int>("kind");
        QTest::newRow("moved to the favoured target")
            << QList<double>{20, 11, 3, 12} << int(Kind::Reweighted);
        QTest::newRow("nothing moved at the save")
            << QList<double>{20, 19, 3, 3.5} << int(Kind::None);
        QTest::newRow("the favoured target rose, no other fell")
            << QList<double>{20, 20, 3, 12} << int(Kind::None);
        QTest::newRow("moved away from the favoured target")
            << QList<double>{3, 12, 20, 11} << int(Kind::None);
        QTest::newRow("no series") << QList<double>{-1, -1, -1, -1} << int(Kind::None);
    }

    void reweightedJudgement()
    {
        QFETCH(QList<double>, rates);
        QFETCH(int, kind);
        LoadbalanceConfig c = lb({target(u"openai"_s, u"gpt-4.1"_s, 0.2, 900),
                                  target(u"google"_s, u"gemini-2.5-flash"_s, 0.8, 2600)},
                                 u"2028-06-26T21:20:00Z"_s);
        c.targets[0].perMinuteBefore = rates.at(0);
        c.targets[0].perMinuteAfter = rates.at(1);
        c.targets[1].perMinuteBefore = rates.at(2);
        c.targets[1].perMinuteAfter = rates.at(3);
        RoutingShareFacts facts;
        facts.configs = {c};
        facts.windowFrom = at(u"2028-06-26T18:00:00Z"_s);
        facts.orgRequests = 3500;
        const RoutingShareVerdict v = judgeRoutingShare(facts);
        QCOMPARE(int(v.kind), kind);
        if (v.kind == Kind::Reweighted) {
            QCOMPARE(v.minority.model, u"gemini-2.5-flash"_s);
            QCOMPARE(v.since, c.updatedAt);
        }
    }

    // From evidence: the fetched config and the org's traffic per config give the verdict, the
    // cause cites the config, and every language words it.
    void analyzerOnEvidence()
    {
        AnalysisInput in =
            baseInput(u"provider-routing"_s, {u"routing_share"_s}, u"2028-06-27T15:00:00Z"_s);
        in.params.model = u"claude-sonnet-4-5"_s;
        const QJsonObject config{
            {u"strategy"_s, QJsonObject{{u"mode"_s, u"loadbalance"_s}}},
            {u"targets"_s,
             QJsonArray{targetJson(u"vk-openai"_s, u"gpt-4.1"_s, 0.75),
                        targetJson(u"vk-anthropic"_s, u"claude-sonnet-4-5"_s, 0.25)}}};
        addStep(in, u"routing_config"_s, u"gateway"_s, u"config"_s, EvidenceKind::Config,
                QJsonObject{{u"config_id"_s, u"pc-ads"_s},
                            {u"updated_at"_s, u"2028-04-11T13:00:00Z"_s},
                            {u"config"_s, config}});
        addStep(in, u"org_overview"_s, u"clickhouse"_s, u"traffic_overview"_s, EvidenceKind::Table,
                table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s,
                       u"errors"_s},
                      {QJsonArray{u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4.1"_s, u"pc-ads"_s,
                                  u"portkey-node/1.13.0"_s, 3030, 6},
                       QJsonArray{u"/v1/chat/completions"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s,
                                  u"pc-ads"_s, u"portkey-node/1.13.0"_s, 1010, 2},
                       QJsonArray{u"/v1/chat/completions"_s, u"openai"_s, u"gpt-4.1-mini"_s,
                                  u"pc-search"_s, u"portkey-node/1.13.0"_s, 2000, 4}}));
        const AnalyzerOutput out = analyzeRoutingShare(in);
        QCOMPARE(out.hypotheses.size(), 1);
        const RootCause &cause = out.hypotheses.first().cause;
        QCOMPARE(cause.category, u"expected_behavior"_s);
        QCOMPARE(cause.refs, QStringList{u"config:pc-ads"_s});
        QVERIFY2(cause.summary.contains(u"loadbalance"_s), qPrintable(cause.summary));
        QVERIFY2(cause.summary.contains(u"25%"_s), qPrintable(cause.summary));
        QVERIFY2(cause.summary.contains(u"2028-04-11"_s), qPrintable(cause.summary));
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(std::any_of(out.rejected.cbegin(), out.rejected.cend(),
                            [](const auto &r) { return r.category == u"deploy_regression"_s; }));
    }
};

QTEST_GUILESS_MAIN(TestRoutingShare)
#include "tst_routingshare.moc"
