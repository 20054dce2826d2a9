// The analyzers' judgements on their own: typed facts in, a verdict out, no evidence rows and
// no wording in between. Each table states a situation real data produces (a background error
// rate, an incident on another model, a fallback target that stalled, a weak diagnosis).
#include "evidence.h"

#include "core/analysis/deploycorrelation.h"
#include "core/analysis/errorbreakdown.h"
#include "core/analysis/fallbackanalysis.h"
#include "core/analysis/incidentcorrelation.h"
#include "core/analysis/ranking.h"
#include "core/investigationjson.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace TestSupport;
using namespace Casefile::Analysis;

Q_DECLARE_METATYPE(Casefile::Analysis::ErrorLevel)
Q_DECLARE_METATYPE(Casefile::Analysis::ServerErrorSpread)
Q_DECLARE_METATYPE(Casefile::Analysis::IncidentMatch)
Q_DECLARE_METATYPE(Casefile::Analysis::ErrorProfile)
Q_DECLARE_METATYPE(Casefile::Analysis::OrgScope)
Q_DECLARE_METATYPE(Casefile::Analysis::StatusIncident)
Q_DECLARE_METATYPE(Casefile::Analysis::FallbackConfig)
Q_DECLARE_METATYPE(Casefile::Analysis::ConfigIssue)
Q_DECLARE_METATYPE(Casefile::Hypothesis)

namespace {

// An error profile: `total` requests, of which 429, 5xx and other 4xx as given.
ErrorProfile profile(double total, double rateLimited, double server, double client,
                     const QString &serverProvider = u"openai"_s, int clientStatus = 404)
{
    ErrorProfile p;
    p.present = true;
    p.evidenceId = u"ev1"_s;
    p.totalRequests = total;
    p.rateLimited = rateLimited;
    p.serverErrors = server;
    p.clientErrors = client;
    p.errors = rateLimited + server + client;
    p.serverProvider = serverProvider;
    p.serverModel = serverProvider.isEmpty() ? QString() : u"gpt-4o"_s;
    if (serverProvider.isEmpty())
        p.serverProviders = {u"openai"_s, u"anthropic"_s};
    p.clientProvider = u"anthropic"_s;
    p.clientModel = u"claude-sonnet-4-6"_s;
    if (client > 0)
        p.groups.append({u"anthropic"_s, u"claude-sonnet-4-6"_s, clientStatus, {}, client, {}, {}});
    return p;
}

OrgScope scope(int otherOrgs, int otherOrgsWithErrors)
{
    OrgScope s;
    s.present = otherOrgs >= 0;
    s.otherOrgs = std::max(0, otherOrgs);
    s.otherOrgsWithErrors = otherOrgsWithErrors;
    return s;
}

const QDateTime Ten = at(u"2026-11-20T10:00:00Z"_s);

StatusIncident statusIncident(const QString &page, const QString &title, const QDateTime &start,
                              const QDateTime &end, const QStringList &models = {})
{
    StatusIncident i;
    i.ref = u"statuspage:"_s + page + u":incident:k1"_s;
    i.page = page;
    i.title = title;
    i.text = title;
    i.start = start;
    i.end = end;
    i.models = models;
    return i;
}

Hypothesis hypothesis(const char *category, double score, const QStringList &refs,
                      double failures = 0, double refusals = 0)
{
    Hypothesis h;
    h.refusals = refusals;
    h.cause.category = QLatin1StringView(category);
    h.cause.summary = u"cause"_s;
    h.cause.confidence = score;
    h.cause.refs = refs;
    h.score = score;
    h.failures = failures;
    return h;
}

// fallback_stats rows: provider, model, config_id, status, error_code, fallback_used, n,
// avg_latency_ms.
QJsonObject fallbackTable(const QList<QJsonArray> &rows)
{
    return table({u"provider"_s, u"model"_s, u"config_id"_s, u"status"_s, u"error_code"_s,
                  u"fallback_used"_s, u"n"_s, u"avg_latency_ms"_s},
                 rows);
}

ConfigIssue issue(ConfigIssue::Kind kind, const QString &config, QList<int> missing = {})
{
    ConfigIssue i;
    i.kind = kind;
    i.configRef = u"config:"_s + config;
    i.evidenceId = u"ev-"_s + config;
    i.message = u"problem in "_s + config;
    i.missingCodes = missing;
    return i;
}

// The deploy hypothesis of `in` says `words` (or not), in phrases that match its summary.
void expectDeploySummary(const AnalysisInput &in, const QString &words, bool says)
{
    const AnalyzerOutput out = analyzeDeployCorrelation(withChanges(in));
    QVERIFY(!out.hypotheses.isEmpty());
    QCOMPARE(out.hypotheses.first().cause.summary.contains(words), says);
    const QString mismatch = phrasesMismatch(out, in);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

} // namespace

class TestVerdicts final : public QObject
{
    Q_OBJECT

private slots:
    // A daily traffic cycle's rise: the first hour after the quietest that reaches halfway.
    void dailyRiseHour_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<int>("from"); // busy hours [from, to) UTC
        QTest::addColumn<int>("to");
        QTest::addColumn<double>("busy"); // requests an hour then
        QTest::addColumn<int>("expected");
        QTest::newRow("office hours 14-23 UTC, three days") << 3 << 14 << 23 << 100.0 << 14;
        QTest::newRow("across midnight 22-06") << 3 << 22 << 30 << 80.0 << 22;
        QTest::newRow("one day is no cycle") << 1 << 14 << 23 << 100.0 << -1;
        QTest::newRow("flat traffic") << 3 << 14 << 23 << 12.0 << -1;
    }

    void dailyRiseHour()
    {
        QFETCH(int, days);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(double, busy);
        QFETCH(int, expected);
        const QDateTime start(QDate(2031, 6, 23), QTime(0, 0), QTimeZone::utc());
        QList<QDateTime> times;
        QList<double> requests;
        for (int m = 0; m < days * 24 * 12; ++m) { // five-minute buckets
            const QDateTime t = start.addSecs(m * 300);
            const int h = t.time().hour();
            const bool inBusy = (h >= from && h < to) || (h + 24 >= from && h + 24 < to);
            times.append(t);
            requests.append(inBusy ? busy : 10.0);
        }
        QCOMPARE(Analysis::dailyRiseHour(times, requests), expected);
    }

    void errorBreakdown_data()
    {
        QTest::addColumn<ErrorProfile>("errors");
        QTest::addColumn<OrgScope>("orgs");
        QTest::addColumn<bool>("seriesFlat");
        QTest::addColumn<ErrorLevel>("level");
        QTest::addColumn<ServerErrorSpread>("server");
        QTest::addColumn<double>("rateLimitedScore"); // 0: not proposed
        QTest::addColumn<double>("outageScore");
        QTest::addColumn<double>("invalidScore");
        const auto None = ServerErrorSpread::None;
        QTest::newRow("nothing failed") << profile(1000, 0, 0, 0) << scope(-1, 0) << false
                                        << ErrorLevel::NoErrors << None << 0.0 << 0.0 << 0.0;
        QTest::newRow("steady background rate of a big org")
            << profile(200000, 0, 4000, 0) << scope(-1, 0) << true << ErrorLevel::Background << None
            << 0.0 << 0.0 << 0.0;
        QTest::newRow("same share, but the error series rose")
            << profile(200000, 0, 4000, 0) << scope(-1, 0) << false << ErrorLevel::Significant
            << ServerErrorSpread::OneProvider << 0.0 << 0.5 << 0.0;
        QTest::newRow("a high share is never background")
            << profile(1000, 0, 300, 0) << scope(-1, 0) << true << ErrorLevel::Significant
            << ServerErrorSpread::OneProvider << 0.0 << 0.5 << 0.0;
        QTest::newRow("a normal level") << profile(10000, 0, 20, 0) << scope(-1, 0) << false
                                        << ErrorLevel::Normal << None << 0.0 << 0.0 << 0.0;
        QTest::newRow("rate limited, other orgs spared")
            << profile(1000, 300, 0, 0) << scope(5, 0) << false << ErrorLevel::Significant << None
            << 0.82 << 0.0 << 0.0;
        QTest::newRow("provider errors, other orgs hit too")
            << profile(1000, 0, 200, 0) << scope(5, 3) << false << ErrorLevel::Significant
            << ServerErrorSpread::OneProvider << 0.0 << 0.65 << 0.0;
        QTest::newRow("provider errors, only this org")
            << profile(1000, 0, 200, 0) << scope(5, 0) << false << ErrorLevel::Significant
            << ServerErrorSpread::OneProvider << 0.0 << 0.4 << 0.0;
        QTest::newRow("5xx spread over providers")
            << profile(1000, 0, 200, 0, {}) << scope(-1, 0) << false << ErrorLevel::Significant
            << ServerErrorSpread::Spread << 0.0 << 0.0 << 0.0;
        QTest::newRow("model not found, only this org")
            << profile(1000, 0, 0, 100) << scope(5, 0) << false << ErrorLevel::Significant << None
            << 0.0 << 0.0 << 0.70;
        QTest::newRow("malformed requests other orgs get too")
            << profile(1000, 0, 0, 100, u"openai"_s, 400) << scope(5, 4) << false
            << ErrorLevel::Significant << None << 0.0 << 0.0 << 0.3;
    }
    void errorBreakdown()
    {
        QFETCH(ErrorProfile, errors);
        QFETCH(OrgScope, orgs);
        QFETCH(bool, seriesFlat);
        ErrorBreakdownFacts facts;
        facts.profile = errors;
        facts.scope = orgs;
        facts.errorSeriesFlat = seriesFlat;
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QTEST(v.level, "level");
        QTEST(v.server, "server");
        QFETCH(double, rateLimitedScore);
        QFETCH(double, outageScore);
        QFETCH(double, invalidScore);
        QCOMPARE(v.rateLimited.proposed, rateLimitedScore > 0);
        QCOMPARE(v.providerOutage.proposed, outageScore > 0);
        QCOMPARE(v.invalidRequests.proposed, invalidScore > 0);
        QVERIFY(qAbs(v.rateLimited.score - rateLimitedScore) < 1e-9);
        QVERIFY(qAbs(v.providerOutage.score - outageScore) < 1e-9);
        QVERIFY(qAbs(v.invalidRequests.score - invalidScore) < 1e-9);
        if (v.providerOutage.proposed)
            QCOMPARE(v.providerOutage.refs, (QStringList{u"provider:openai"_s, u"model:gpt-4o"_s}));
    }

    // The route whose traffic jumped is cited with the rate limiting; the config the rejected
    // requests used is cited with them.
    void errorBreakdownRefs()
    {
        ErrorBreakdownFacts facts;
        facts.profile = profile(1000, 200, 0, 150);
        facts.volume =
            VolumeChange{u"/v1/embeddings"_s, u"route:/v1/embeddings"_s, Ten, 10, 80, u"ev2"_s};
        facts.clientConfigRef = u"config:pc-claude"_s;
        facts.clientConfigSpecific = true;
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QVERIFY(v.volumeJump);
        QCOMPARE(v.rateLimited.refs, QStringList{u"route:/v1/embeddings"_s});
        QCOMPARE(v.invalidRequests.refs,
                 (QStringList{u"config:pc-claude"_s, u"model:claude-sonnet-4-6"_s}));
        QVERIFY(qAbs(v.invalidRequests.score - 0.72) < 1e-9);
    }

    // Refusals with no traffic jump behind them are scoped by the config they went through (a
    // key's budget, a quota); with a traffic jump, the route that grew and, when the refusals
    // went through one config, that config: the job that pushed the org over its limit when
    // several configs share the route.
    void rateLimitedRefs_data()
    {
        QTest::addColumn<bool>("jump");
        QTest::addColumn<QString>("rateConfig");
        QTest::addColumn<QString>("jobConfig");
        QTest::addColumn<QStringList>("refs");
        QTest::newRow("no jump: the config the refusals used")
            << false << u"config:pc-summaries"_s << QString()
            << QStringList{u"config:pc-summaries"_s};
        QTest::newRow("a jump: the route that grew and the config that sent most refusals")
            << true << u"config:pc-summaries"_s << QString()
            << QStringList{u"route:/v1/embeddings"_s, u"config:pc-summaries"_s};
        QTest::newRow("a jump, refusals over several configs: the route")
            << true << QString() << QString() << QStringList{u"route:/v1/embeddings"_s};
        QTest::newRow("spread refusals: nothing to cite")
            << false << QString() << QString() << QStringList{};
        QTest::newRow("a rise with the refusals over several configs: the config carrying it")
            << true << QString() << u"config:pc-archive"_s
            << QStringList{u"route:/v1/embeddings"_s, u"config:pc-archive"_s};
    }
    void rateLimitedRefs()
    {
        QFETCH(bool, jump);
        QFETCH(QString, rateConfig);
        QFETCH(QString, jobConfig);
        ErrorBreakdownFacts facts;
        facts.profile = profile(1000, 300, 0, 0);
        const VolumeChange rise{
            u"/v1/embeddings"_s, u"route:/v1/embeddings"_s, Ten, 10, 80, u"ev2"_s};
        if (jump && jobConfig.isEmpty())
            facts.volume = rise;
        else if (jump)
            facts.rateVolume = rise;
        facts.rateConfigRef = rateConfig;
        facts.rateJobConfigRef = jobConfig;
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QVERIFY(v.rateLimited.proposed);
        QTEST(v.rateLimited.refs, "refs");
    }

    // On a slowness ticket only the refusals are judged (a client retrying 429s makes slow
    // calls); provider and client errors are left to the change detector.
    void refusalsOnly_data()
    {
        QTest::addColumn<ErrorProfile>("errors");
        QTest::addColumn<bool>("rateLimited");
        QTest::newRow("refusals dominate") << profile(1000, 300, 0, 0) << true;
        QTest::newRow("refusals beside provider and client errors")
            << profile(1000, 300, 200, 100) << true;
        QTest::newRow("provider errors only") << profile(1000, 0, 300, 0) << false;
        QTest::newRow("a normal level") << profile(10000, 5, 10, 0) << false;
    }
    void refusalsOnly()
    {
        QFETCH(ErrorProfile, errors);
        ErrorBreakdownFacts facts;
        facts.profile = errors;
        facts.scope = scope(3, 0);
        facts.refusalsOnly = true;
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QTEST(v.rateLimited.proposed, "rateLimited");
        QCOMPARE(v.server, ServerErrorSpread::None);
        QVERIFY(!v.providerOutage.proposed);
        QVERIFY(!v.invalidRequests.proposed);
        // the served requests of another model slowed down too: the retries explain less
        facts.servedSlower = true;
        const ErrorBreakdownVerdict slower = judgeErrorBreakdown(facts);
        QCOMPARE(slower.rateLimited.proposed, v.rateLimited.proposed);
        if (v.rateLimited.proposed)
            QVERIFY(slower.rateLimited.score < v.rateLimited.score &&
                    slower.rateLimited.score >= 0.65);
    }

    // Provider errors through a config whose target is the customer's own server (custom_host)
    // are that server's failure when no other org on the provider failed.
    void ownServer_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<OrgScope>("orgs");
        QTest::addColumn<bool>("ownServer");
        QTest::addColumn<double>("outageScore");
        const QString host = u"https://llm.example.co.jp/v1"_s;
        QTest::newRow("own server, other orgs fine") << host << scope(4, 0) << true << 0.2;
        QTest::newRow("own server, other orgs not compared") << host << scope(-1, 0) << true << 0.3;
        QTest::newRow("own server, other orgs hit too") << host << scope(4, 3) << false << 0.65;
        QTest::newRow("the provider's API") << QString() << scope(4, 0) << false << 0.4;
    }
    void ownServer()
    {
        QFETCH(QString, host);
        QFETCH(OrgScope, orgs);
        ErrorBreakdownFacts facts;
        facts.profile = profile(1000, 0, 400, 0);
        facts.scope = orgs;
        facts.serverConfigRef = u"config:pc-onprem"_s;
        facts.serverConfigHost = host;
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QTEST(v.ownServer.proposed, "ownServer");
        QFETCH(double, outageScore);
        QVERIFY2(qAbs(v.providerOutage.score - outageScore) < 1e-9,
                 qPrintable(QString::number(v.providerOutage.score)));
        if (v.ownServer.proposed) {
            QCOMPARE(v.ownServer.refs, (QStringList{u"config:pc-onprem"_s, u"endpoint:"_s + host}));
            QVERIFY(v.ownServer.score > v.providerOutage.score);
        }
    }

    // 429s are a cause on their own scope, not on their share of all failures: a minority of
    // refusals beside a provider outage is proposed when its route's traffic rose in their
    // minutes, or when they are a run that began in the window through one config of several (a
    // key's budget spent); without either, a minority is not.
    void minorityRateLimiting_data()
    {
        QTest::addColumn<double>("refused");
        QTest::addColumn<bool>("routeRose");
        QTest::addColumn<bool>("oneConfigRun");
        QTest::addColumn<bool>("proposed");
        QTest::addColumn<QStringList>("refs");
        QTest::newRow("a tenth of the failures, the route's traffic rose")
            << 100.0 << true << false << true << QStringList{u"route:/v1/embeddings"_s};
        QTest::newRow("a tenth of the failures, no rise")
            << 100.0 << false << false << false << QStringList{};
        QTest::newRow("a tenth, a new run through one config")
            << 100.0 << false << true << true << QStringList{u"config:pc-copy"_s};
        QTest::newRow("a handful, the route rose")
            << 5.0 << true << false << false << QStringList{};
        QTest::newRow("most of the failures, no rise")
            << 900.0 << false << false << true << QStringList{};
    }
    void minorityRateLimiting()
    {
        QFETCH(double, refused);
        QFETCH(bool, routeRose);
        QFETCH(bool, oneConfigRun);
        ErrorBreakdownFacts facts;
        facts.profile = profile(20000, refused, 900, 0);
        facts.scope = scope(5, 3);
        if (oneConfigRun) {
            facts.rateConfigRef = u"config:pc-copy"_s;
            facts.rateConfigOfSeveral = true;
            facts.rateRunBegan = true;
        }
        if (routeRose)
            facts.rateVolume = VolumeChange{
                u"/v1/embeddings"_s, u"route:/v1/embeddings"_s, Ten, 30, 120, u"ev2"_s};
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QTEST(v.rateLimited.proposed, "proposed");
        QTEST(v.rateLimited.refs, "refs");
        QCOMPARE(v.providerOutage.proposed, true);
    }

    // A page naming the refusal's status and code: beside a config whose every request is
    // refused for its key or model (401, 404) it says what is wrong with the config; for a limit
    // met by some of a config's requests it is the documented limit (expected_behavior); for the
    // gateway's 429s it says which limit.
    void documentedRefusals_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<double>("rejectedShare");
        QTest::addColumn<bool>("documented");
        QTest::addColumn<QStringList>("refs");
        const QString config = u"config:pc-a"_s;
        const QString doc = u"docs:docs/keys/virtual-keys.md"_s;
        QTest::newRow("401 on every request: the config, then the page")
            << 401 << 1.0 << false << QStringList{config, doc, u"model:claude-sonnet-4-6"_s};
        QTest::newRow("404 on every request: the config, then the page")
            << 404 << 1.0 << false << QStringList{config, doc, u"model:claude-sonnet-4-6"_s};
        QTest::newRow("401 on some requests: still a key, not a documented limit")
            << 401 << 0.3 << false << QStringList{config, doc, u"model:claude-sonnet-4-6"_s};
        QTest::newRow("413 on some requests: the documented limit")
            << 413 << 0.3 << true << QStringList{doc, config};
    }
    void documentedRefusals()
    {
        QFETCH(int, status);
        QFETCH(double, rejectedShare);
        ErrorBreakdownFacts facts;
        facts.profile = profile(10000, 0, 0, 800, QString(), status);
        facts.scope = scope(5, 0);
        facts.clientConfigRef = u"config:pc-a"_s;
        facts.clientConfigRejectedShare = rejectedShare;
        facts.clientDocRef = u"docs:docs/keys/virtual-keys.md"_s;
        facts.clientDocNamesTarget = status == 401 || status == 403 || status == 404;
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QVERIFY(v.invalidRequests.proposed);
        QTEST(v.invalidDocumented, "documented");
        QTEST(v.invalidRequests.refs, "refs");

        ErrorBreakdownFacts limited;
        limited.profile = profile(20000, 900, 0, 0, QString());
        limited.scope = scope(5, 0);
        limited.rateConfigRef = u"config:pc-batch"_s;
        limited.rateDocRef = u"docs:docs/limits/rate-limits.md"_s;
        QCOMPARE(judgeErrorBreakdown(limited).rateLimited.refs,
                 (QStringList{u"config:pc-batch"_s, u"docs:docs/limits/rate-limits.md"_s}));
    }

    // Provider errors that came through one config, edited just before they began, while the
    // org's other configs on that provider work, are the edit's; not when other orgs failed too,
    // when another config failed, or when the edited config is not the one that failed.
    void editedConfigOverProvider_data()
    {
        QTest::addColumn<int>("othersWithErrors");
        QTest::addColumn<bool>("specific");
        QTest::addColumn<QString>("edited");
        QTest::addColumn<bool>("proposed");
        QTest::newRow("one config, edited, others fine") << 0 << true << u"config:pc-a"_s << true;
        QTest::newRow("other orgs failed too") << 3 << true << u"config:pc-a"_s << false;
        QTest::newRow("the org's other configs failed too")
            << 0 << false << u"config:pc-a"_s << false;
        QTest::newRow("another config was edited") << 0 << true << u"config:pc-b"_s << false;
        QTest::newRow("no edit") << 0 << true << QString() << false;
    }
    void editedConfigOverProvider()
    {
        QFETCH(int, othersWithErrors);
        QFETCH(bool, specific);
        QFETCH(QString, edited);
        QFETCH(bool, proposed);
        ErrorBreakdownFacts facts;
        facts.profile = profile(1000, 0, 200, 0);
        facts.scope = scope(5, othersWithErrors);
        facts.serverConfigRef = u"config:pc-a"_s;
        facts.serverConfigSpecific = specific;
        if (!edited.isEmpty())
            facts.configEdit = ConfigEdit{edited, Ten, Ten.addSecs(180), u"ev3"_s};
        const ErrorBreakdownVerdict v = judgeErrorBreakdown(facts);
        QVERIFY(v.providerOutage.proposed);
        QCOMPARE(v.editedConfig.proposed, proposed);
        if (proposed) {
            QCOMPARE(v.editedConfig.refs, QStringList{u"config:pc-a"_s});
            QVERIFY(v.editedConfig.score > v.providerOutage.score);
        }
    }

    void incidentMatch_data()
    {
        QTest::addColumn<StatusIncident>("incident");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<IncidentMatch>("match");
        // when the model is unknown: the models of the org's failing requests to the provider
        QTest::addColumn<QStringList>("failingModels");
        const QDateTime none;
        const auto h = [](int minutes) {
            return Ten.addSecs(minutes * 60);
        };
        QTest::newRow("same provider and time")
            << statusIncident(u"openai"_s, u"Elevated errors"_s, h(-5), h(60)) << u"openai"_s
            << u"gpt-4o"_s << Ten << h(50) << IncidentMatch::Explains << QStringList();
        QTest::newRow("another provider's page")
            << statusIncident(u"anthropic"_s, u"Elevated errors"_s, h(-5), h(60)) << u"openai"_s
            << u"gpt-4o"_s << Ten << h(50) << IncidentMatch::OtherProvider << QStringList();
        // a page is keyed by the vendor, the logs by the provider's id
        QTest::newRow("the vendor's page under a shorter key")
            << statusIncident(u"mistral"_s, u"Elevated errors"_s, h(-5), h(60)) << u"mistral-ai"_s
            << u"mistral-large-latest"_s << Ten << h(50) << IncidentMatch::Explains
            << QStringList();
        QTest::newRow("the cloud's page for its hosted models")
            << statusIncident(u"azure"_s, u"Elevated errors"_s, h(-5), h(60)) << u"azure-openai"_s
            << u"gpt-4o"_s << Ten << h(50) << IncidentMatch::Explains << QStringList();
        QTest::newRow("the model maker's page for a cloud's hosting")
            << statusIncident(u"openai"_s, u"Elevated errors"_s, h(-5), h(60)) << u"azure-openai"_s
            << u"gpt-4o"_s << Ten << h(50) << IncidentMatch::OtherProvider << QStringList();
        QTest::newRow("a product's page under its maker")
            << statusIncident(u"google"_s, u"Elevated errors"_s, h(-5), h(60)) << u"gemini"_s
            << u"gemini-2.5-pro"_s << Ten << h(50) << IncidentMatch::Explains << QStringList();
        QTest::newRow("a hosting service's page under its cloud")
            << statusIncident(u"aws"_s, u"Elevated errors"_s, h(-5), h(60)) << u"bedrock"_s
            << u"claude-sonnet-4-6"_s << Ten << h(50) << IncidentMatch::Explains << QStringList();
        QTest::newRow("another model of the same provider")
            << statusIncident(u"openai"_s, u"Errors on gpt-4o-mini"_s, h(-5), h(60),
                              {u"gpt-4o-mini"_s})
            << u"openai"_s << u"gpt-4o"_s << Ten << h(50) << IncidentMatch::OtherModel
            << QStringList();
        QTest::newRow("another model family")
            << statusIncident(u"anthropic"_s, u"Claude Haiku degraded"_s, h(-5), h(60))
            << u"anthropic"_s << u"claude-sonnet-4-6"_s << Ten << h(50)
            << IncidentMatch::OtherFamily << QStringList();
        QTest::newRow("ended before the failure began")
            << statusIncident(u"openai"_s, u"Elevated errors"_s, h(-180), h(-60)) << u"openai"_s
            << u"gpt-4o"_s << Ten << h(50) << IncidentMatch::OtherTime << QStringList();
        QTest::newRow("began hours after the failure")
            << statusIncident(u"openai"_s, u"Elevated errors"_s, h(120), none) << u"openai"_s
            << u"gpt-4o"_s << Ten << none << IncidentMatch::OtherTime << QStringList();
        QTest::newRow("after the failure recovered")
            << statusIncident(u"openai"_s, u"Elevated errors"_s, h(40), h(90)) << u"openai"_s
            << u"gpt-4o"_s << Ten << h(30) << IncidentMatch::OtherTime << QStringList();
        QTest::newRow("ongoing, began with the failure")
            << statusIncident(u"openai"_s, u"Elevated errors"_s, h(10), none) << u"openai"_s
            << u"gpt-4o"_s << Ten << none << IncidentMatch::Explains << QStringList();
        // the failing requests' models come from the org's logs, not from the provider's name
        const QStringList sonnetAndHaiku{u"claude-sonnet-4-6"_s, u"claude-haiku-4-5"_s};
        QTest::newRow("a family none of the failing requests used")
            << statusIncident(u"anthropic"_s, u"Elevated errors on Claude Opus 4.1"_s, h(5), h(60))
            << u"anthropic"_s << QString() << Ten << none << IncidentMatch::OtherFamily
            << sonnetAndHaiku;
        QTest::newRow("a family one of the failing requests used")
            << statusIncident(u"anthropic"_s, u"Claude Haiku degraded"_s, h(5), h(60))
            << u"anthropic"_s << QString() << Ten << none << IncidentMatch::Explains
            << sonnetAndHaiku;
        QTest::newRow("a model none of the failing requests used")
            << statusIncident(u"openai"_s, u"Errors on gpt-4o-mini"_s, h(-5), h(60),
                              {u"gpt-4o-mini"_s})
            << u"openai"_s << QString() << Ten << h(50) << IncidentMatch::OtherModel
            << QStringList{u"gpt-4o"_s, u"gpt-4.1"_s};
        QTest::newRow("a model one of the failing requests used")
            << statusIncident(u"openai"_s, u"Errors on gpt-4.1"_s, h(-5), h(60), {u"gpt-4.1"_s})
            << u"openai"_s << QString() << Ten << h(50) << IncidentMatch::Explains
            << QStringList{u"gpt-4o"_s, u"gpt-4.1"_s};
        QTest::newRow("the same model written with a dot")
            << statusIncident(u"anthropic"_s, u"Errors on claude-opus-4.1"_s, h(-5), h(60),
                              {u"claude-opus-4.1"_s})
            << u"anthropic"_s << u"claude-opus-4-1"_s << Ten << h(50) << IncidentMatch::Explains
            << QStringList();
        QTest::newRow("nothing known of the models")
            << statusIncident(u"anthropic"_s, u"Elevated errors on Claude Opus 4.1"_s, h(5), h(60))
            << u"anthropic"_s << QString() << Ten << none << IncidentMatch::Explains
            << QStringList();
    }
    // Status pages write model names with spaces; the ids they name are the logs' ids.
    void incidentModels_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("models");
        QTest::newRow("an id") << u"Errors on gpt-4o-mini"_s << QStringList{u"gpt-4o-mini"_s};
        QTest::newRow("a size after a space")
            << u"Errors on GPT-4o mini"_s << QStringList{u"gpt-4o-mini"_s};
        QTest::newRow("family, version and variant")
            << u"Increased latency for Gemini 2.5 Pro"_s << QStringList{u"gemini-2.5-pro"_s};
        QTest::newRow("a variant with a dash")
            << u"Gemini 2.5 Flash-Lite is slow"_s << QStringList{u"gemini-2.5-flash-lite"_s};
        QTest::newRow("several variant words")
            << u"Llama 3.3 70B Versatile degraded"_s << QStringList{u"llama-3.3-70b-versatile"_s};
        QTest::newRow("a spaced name beside an id")
            << u"Gemini 2.5 Flash errors (gemini-2.5-flash)"_s
            << QStringList{u"gemini-2.5-flash"_s};
        QTest::newRow("Claude, family then version")
            << u"Increased latency on Claude Sonnet 4.5"_s << QStringList{u"claude-sonnet-4.5"_s};
        QTest::newRow("Claude, version then family")
            << u"Errors on Claude 3.5 Haiku"_s << QStringList{u"claude-3.5-haiku"_s};
        QTest::newRow("a family alone") << u"Gemini API degraded"_s << QStringList();
        QTest::newRow("a product after the version")
            << u"Gemini 2.5 in AI Studio"_s << QStringList{u"gemini-2.5"_s};
    }
    void incidentModels()
    {
        QFETCH(QString, text);
        QTEST(modelsIn(text), "models");
    }

    void incidentMatch()
    {
        QFETCH(StatusIncident, incident);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QStringList, failingModels);
        const IncidentFailure failure{from, to, provider, model, std::nullopt, failingModels};
        QTEST(matchIncident(incident, failure, Ten.addSecs(4 * 3600)), "match");
    }

    // On a billing ticket, a page about metering is a clue only while the meter departed from
    // the logs, not whenever it falls in the invoice's period.
    void billingPage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("start");
        QTest::addColumn<QDateTime>("end");
        QTest::addColumn<QList<QDateTime>>("departure"); // from, to; empty: the meters match
        QTest::addColumn<bool>("relevant");
        const QDateTime none;
        const auto h = [](int hours) {
            return Ten.addSecs(hours * 3600);
        };
        const QList<QDateTime> morning{h(-4), h(2)};
        QTest::newRow("metering lag while the meter missed hours")
            << u"meter event queue lag"_s << h(-3) << h(-2) << morning << true;
        QTest::newRow("metering lag in the evening of the same invoice")
            << u"meter event queue lag"_s << h(10) << h(11) << morning << false;
        QTest::newRow("metering lag the hour after the meter came back")
            << u"meter event queue lag"_s << h(3) << none << morning << true;
        QTest::newRow("still open from before the departure")
            << u"stripe sync degraded"_s << h(-30) << none << morning << true;
        QTest::newRow("not about billing, during the departure")
            << u"openai upstream errors"_s << h(-3) << h(-2) << morning << false;
        QTest::newRow("about billing, the invoice matches the logs")
            << u"meter event queue lag"_s << h(-3) << h(-2) << QList<QDateTime>() << false;
    }
    void billingPage()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, start);
        QFETCH(QDateTime, end);
        QFETCH(QList<QDateTime>, departure);
        IncidentFacts facts;
        facts.billing = true;
        facts.windowTo = Ten.addSecs(12 * 3600);
        if (!departure.isEmpty())
            facts.meterDepartures = {{departure.at(0), departure.at(1)}};
        OnCallPage page;
        page.text = text;
        page.start = start;
        page.end = end;
        facts.pages = {page};
        QTEST(judgeIncidents(facts).pages.at(0).relevant, "relevant");
    }

    // The judgement of every incident: the refs it cites, what backs it, and why not.
    void incidentVerdict()
    {
        IncidentFacts facts;
        facts.statusAnswered = true;
        facts.windowTo = Ten.addSecs(3600);
        facts.serverErrors = 300;
        facts.serverProvider = u"openai"_s;
        StatusIncident product = statusIncident(u"openai"_s, u"Sora down"_s, Ten, {});
        product.otherProduct = u"sora"_s;
        facts.incidents = {statusIncident(u"openai"_s, u"Errors on gpt-4o"_s, Ten.addSecs(-300), {},
                                          {u"gpt-4o"_s}),
                           product};
        OnCallPage page;
        page.start = Ten;
        page.text = u"openai upstream errors"_s;
        OnCallPage billing;
        billing.start = Ten.addSecs(-20 * 3600);
        billing.text = u"metering lag"_s;
        facts.pages = {page, billing};

        IncidentCorrelationVerdict v = judgeIncidents(facts);
        QCOMPARE(v.incidents.size(), 2);
        QCOMPARE(v.incidents.at(0).match, IncidentMatch::NoChange); // nothing failed yet
        QVERIFY(!v.pages.at(0).relevant);

        facts.failures = {{Ten, {}, u"openai"_s, u"gpt-4o"_s, std::nullopt}};
        v = judgeIncidents(facts);
        QCOMPARE(v.incidents.at(0).match, IncidentMatch::Explains);
        QVERIFY(v.incidents.at(0).providerErrors);
        QVERIFY(qAbs(v.incidents.at(0).score - 0.85) < 1e-9);
        QCOMPARE(v.incidents.at(0).refs, (QStringList{u"statuspage:openai:incident:k1"_s,
                                                      u"provider:openai"_s, u"model:gpt-4o"_s}));
        QCOMPARE(v.incidents.at(1).match, IncidentMatch::OtherProduct);
        QVERIFY(!v.noIncidentListed);
        // a failure seen per provider cites the one model of the incident's its requests used
        facts.failures = {{Ten, {}, u"openai"_s, {}, std::nullopt, {u"gpt-4o"_s, u"o3"_s}}};
        QCOMPARE(judgeIncidents(facts).incidents.at(0).refs,
                 (QStringList{u"statuspage:openai:incident:k1"_s, u"provider:openai"_s,
                              u"model:gpt-4o"_s}));
        facts.incidents[0].models = {u"gpt-4o"_s, u"o3"_s}; // which of the two: neither is cited
        QCOMPARE(judgeIncidents(facts).incidents.at(0).refs,
                 (QStringList{u"statuspage:openai:incident:k1"_s, u"provider:openai"_s}));
        // the incident writes the version with a dot, the logs with a dash: the same model
        facts.incidents[0].models = {u"gpt-4.1"_s};
        facts.failures = {{Ten, {}, u"openai"_s, u"gpt-4-1"_s, std::nullopt}};
        QCOMPARE(judgeIncidents(facts).incidents.at(0).refs,
                 (QStringList{u"statuspage:openai:incident:k1"_s, u"provider:openai"_s,
                              u"model:gpt-4-1"_s}));
        facts.failures = {{Ten, {}, u"openai"_s, {}, std::nullopt, {u"gpt-4-1"_s, u"o3"_s}}};
        QCOMPARE(judgeIncidents(facts).incidents.at(0).refs,
                 (QStringList{u"statuspage:openai:incident:k1"_s, u"provider:openai"_s,
                              u"model:gpt-4-1"_s}));
        facts.incidents[0].models = {u"gpt-4o"_s};
        facts.failures = {{Ten, {}, u"openai"_s, u"gpt-4o"_s, std::nullopt}};
        QVERIFY(v.pages.at(0).relevant && v.pages.at(0).overlaps);
        QVERIFY(!v.pages.at(1).relevant); // not about the provider, not a billing ticket

        facts.billing = true;
        QVERIFY(judgeIncidents(facts).pages.at(1).aboutBilling);
        facts.incidents.clear();
        QVERIFY(judgeIncidents(facts).noIncidentListed);
    }

    void fallback_data()
    {
        QTest::addColumn<QJsonObject>("stats");
        QTest::addColumn<QList<FallbackConfig>>("configs");
        QTest::addColumn<QList<ConfigIssue>>("issues");
        QTest::addColumn<bool>("stalled");
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("configExplains");
        QTest::addColumn<QStringList>("refs");
        QTest::addColumn<bool>("flatErrorRate"); // the org's error-rate series never rose
        const QJsonArray servedRow{
            u"anthropic"_s, u"claude-sonnet-4-6"_s, u"pc-1"_s, 200, u""_s, 1, 400, 900};
        const QJsonArray timeoutRow{u"openai"_s,  u"gpt-4o"_s, u"pc-1"_s, 504,
                                    u"timeout"_s, 0,           120,       45000};
        const QJsonArray unavailableRow{u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 503,
                                        u""_s,       0,           120,       300};
        const QList<FallbackConfig> pc1 = {
            {u"pc-1"_s, u"ev-pc-1"_s, {429, 500}, u"fallback"_s, true}};
        QTest::newRow("fallback worked")
            << fallbackTable({servedRow, QJsonArray{u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 504,
                                                    u"timeout"_s, 0, 2, 45000}})
            << pc1 << QList<ConfigIssue>{} << false << QString() << false << QStringList{} << false;
        QTest::newRow("stalled on timeouts, no request_timeout")
            << fallbackTable({servedRow, timeoutRow}) << pc1
            << QList<ConfigIssue>{issue(ConfigIssue::Kind::NoRequestTimeout, u"pc-1"_s)} << true
            << u"openai/gpt-4o"_s << true << QStringList{u"config:pc-1"_s} << false;
        QTest::newRow("stalled on a status the config does not list")
            << fallbackTable({unavailableRow}) << pc1 << QList<ConfigIssue>{} << true
            << u"openai/gpt-4o"_s << true << QStringList{u"config:pc-1"_s} << false;
        QTest::newRow("a timeout problem does not explain 503s")
            << fallbackTable({unavailableRow})
            << QList<FallbackConfig>{{u"pc-1"_s, u"ev-pc-1"_s, {503}, u"fallback"_s, true}}
            << QList<ConfigIssue>{issue(ConfigIssue::Kind::NoRequestTimeout, u"pc-1"_s)} << true
            << u"openai/gpt-4o"_s << false << QStringList{} << false;
        QTest::newRow("a problem in a config the failing requests did not use")
            << fallbackTable({timeoutRow}) << pc1
            << QList<ConfigIssue>{issue(ConfigIssue::Kind::NoRequestTimeout, u"pc-other"_s)} << true
            << u"openai/gpt-4o"_s << false << QStringList{} << false;
        // the config the failing requests used has no fallback strategy: nothing could fail over
        QTest::newRow("stalled under a loadbalance config")
            << fallbackTable({unavailableRow})
            << QList<FallbackConfig>{{u"pc-1"_s, u"ev-pc-1"_s, {503}, u"loadbalance"_s, false}}
            << QList<ConfigIssue>{} << true << u"openai/gpt-4o"_s << true
            << QStringList{u"config:pc-1"_s} << false;
        QTest::newRow("another config without failover does not explain it")
            << fallbackTable({unavailableRow})
            << QList<FallbackConfig>{{u"pc-1"_s, u"ev-pc-1"_s, {503}, u"fallback"_s, true},
                                     {u"pc-2"_s, u"ev-pc-2"_s, {}, u"single"_s, false}}
            << QList<ConfigIssue>{} << true << u"openai/gpt-4o"_s << false << QStringList{}
            << false;
        // A fallback config with a steady background of provider errors (2% of requests, the
        // same through the window) during an incident its fallback served: the background is
        // not a fallback that stopped working. The same share on a rising error rate is.
        const QJsonArray served{
            u"anthropic"_s, u"claude-sonnet-4-6"_s, u"pc-1"_s, 200, u""_s, 1, 230, 900};
        const QJsonArray ok{u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 200, u""_s, 0, 9500, 800};
        const QJsonArray background{u"openai"_s,         u"gpt-4o"_s, u"pc-1"_s, 500,
                                    u"provider_error"_s, 0,           200,       280};
        const QList<FallbackConfig> pc500 = {
            {u"pc-1"_s, u"ev-pc-1"_s, {429, 500, 502, 503}, u"fallback"_s, true}};
        QTest::newRow("background failures at a flat error rate")
            << fallbackTable({served, ok, background}) << pc500 << QList<ConfigIssue>{} << false
            << QString() << false << QStringList{} << true;
        QTest::newRow("the same failures on a rising error rate")
            << fallbackTable({served, ok, background}) << pc500 << QList<ConfigIssue>{} << true
            << u"openai/gpt-4o"_s << false << QStringList{} << false;
        const QJsonArray many{u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 503, u"provider_unavailable"_s,
                              0,           900,         280};
        QTest::newRow("a share above the background level stalls even on a flat series")
            << fallbackTable({served, ok, many}) << pc500 << QList<ConfigIssue>{} << true
            << u"openai/gpt-4o"_s << false << QStringList{} << true;
    }

    // One config failing beside another of the same provider that works: on a big noisy org
    // "works" is the org's own background, not an absolute 2%.
    void configSpecific_data()
    {
        QTest::addColumn<double>("otherErrors"); // of 1,000 requests through pc-other
        QTest::addColumn<QString>("otherProvider");
        QTest::addColumn<bool>("specific");
        // pc-edit: 1,200 of 11,000 requests failed (11%)
        QTest::newRow("the other config is clean") << 5.0 << u"openai"_s << true;
        QTest::newRow("the other config has the org's background") << 25.0 << u"openai"_s << true;
        QTest::newRow("the other config fails as much") << 100.0 << u"openai"_s << false;
        QTest::newRow("the other config is on another provider") << 0.0 << u"anthropic"_s << false;
    }
    void configSpecific()
    {
        QFETCH(double, otherErrors);
        QFETCH(QString, otherProvider);
        const QList<ConfigTraffic> traffic{
            {u"pc-edit"_s, u"openai"_s, u"gpt-4o"_s, 11000, 1200, u"ev1"_s},
            {u"pc-other"_s, otherProvider, u"gpt-4o"_s, 1000, otherErrors, u"ev1"_s}};
        QTEST(Casefile::Analysis::configSpecific(traffic, u"config:pc-edit"_s, u"openai"_s),
              "specific");
        QVERIFY(!Casefile::Analysis::configSpecific(traffic, QString(), u"openai"_s));
    }

    void errorSpansBoundToTheBurst()
    {
        const QDateTime at = QDateTime(QDate(2026, 11, 20), QTime(15, 30), QTimeZone::utc());
        ErrorProfile p;
        p.serverProvider = u"openai"_s;
        p.serverFirst = at.addDays(-1);      // a background failure the day before
        p.serverLast = at.addSecs(3 * 3600); // and one long after the burst
        ErrorGroup burst{u"openai"_s,    u"gpt-4o"_s,         500, u"provider_error"_s, 560,
                         at.addDays(-1), at.addSecs(3 * 3600)};
        ErrorGroup other{u"anthropic"_s, u"claude-sonnet-4-6"_s, 400, u"invalid_request"_s, 20,
                         at.addDays(-1), at.addSecs(3 * 3600)};
        ErrorGroup inside{u"openai"_s,     u"gpt-4o"_s,     502, u"provider_error"_s, 40,
                          at.addSecs(600), at.addSecs(3000)};
        // the same provider's failures that ended before the burst began
        ErrorGroup before{u"openai"_s,    u"gpt-4o"_s,     504, u"timeout"_s, 9,
                          at.addDays(-1), at.addSecs(-300)};
        p.groups = {burst, other, inside, before};
        SeriesChange c;
        c.kind = MetricKind::ErrorRate;
        c.labels = QJsonObject{{u"provider"_s, u"openai"_s}};
        c.at = at;
        c.end = at.addSecs(75 * 60);
        boundToBurst(p, c);
        QCOMPARE(p.serverFirst, at);
        QCOMPARE(p.serverLast, c.end);
        QCOMPARE(p.groups.at(0).first, at);
        QCOMPARE(p.groups.at(0).last, c.end);
        QCOMPARE(p.groups.at(1).first, at.addDays(-1));  // another provider's group is left alone
        QCOMPARE(p.groups.at(2).first, at.addSecs(600)); // inside the burst already
        QCOMPARE(p.groups.at(2).last, at.addSecs(3000));
        QCOMPARE(p.groups.at(3).first, at.addDays(-1)); // no span that ends before it begins
        QCOMPARE(p.groups.at(3).last, at.addSecs(-300));
        // refusals of the same provider: yesterday's burst does not start today's span
        ErrorProfile r;
        r.rateLimited = 300;
        r.rateProvider = u"openai"_s;
        r.rateFirst = at.addDays(-1);
        r.rateLast = at.addSecs(40 * 60);
        boundToBurst(r, c);
        QCOMPARE(r.rateFirst, at);
        QCOMPARE(r.rateLast, at.addSecs(40 * 60));
        QCOMPARE(r.rateEarlier, at.addDays(-1)); // the count is the window's: said in the reply
        r.rateProvider = u"anthropic"_s;         // another provider's refusals are left alone
        r.rateFirst = at.addDays(-1);
        r.rateEarlier = {};
        boundToBurst(r, c);
        QCOMPARE(r.rateFirst, at.addDays(-1));
        QVERIFY(!r.rateEarlier.isValid());
        // a change with no provider or model says nothing of which groups it bounds
        ErrorProfile q = p;
        q.groups[1].first = at.addDays(-1);
        c.labels = QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}};
        boundToBurst(q, c);
        QCOMPARE(q.groups.at(1).first, at.addDays(-1));
    }
    void deployProximity_data()
    {
        QTest::addColumn<int>("minutes"); // deploy this many minutes before the change
        QTest::addColumn<bool>("continuous");
        QTest::addColumn<double>("expected");
        QTest::newRow("3 min, traffic flows") << 3 << true << 1.0;
        QTest::newRow("10 min, traffic flows") << 10 << true << 1.0;
        QTest::newRow("20 min, traffic flows: it would have shown") << 20 << true << 0.875;
        QTest::newRow("30 min, traffic flows") << 30 << true << 0.75;
        QTest::newRow("20 min, waiting for a trigger") << 20 << false << 1.0;
        QTest::newRow("30 min, waiting for a trigger") << 30 << false << 1.0;
        QTest::newRow("75 min, traffic flows") << 75 << true << 0.525;
        QTest::newRow("after the change") << -5 << true << 0.0;
    }
    void deployProximity()
    {
        QFETCH(int, minutes);
        QFETCH(bool, continuous);
        QFETCH(double, expected);
        const QDateTime change = QDateTime(QDate(2026, 11, 20), QTime(12, 0), QTimeZone::utc());
        const double got =
            Analysis::proximityScore(change.addSecs(-60 * minutes), change, continuous);
        QVERIFY2(qAbs(got - expected) < 1e-9, qPrintable(QString::number(got)));
    }
    void deployNearTheEnd()
    {
        DeployRanking ranking;
        const QDateTime end = QDateTime(QDate(2026, 11, 20), QTime(12, 0), QTimeZone::utc());
        DeployCandidate blamed;
        blamed.ref = u"github:deployment:1"_s;
        blamed.time = end.addSecs(-3600);
        DeployCandidate docs;
        docs.ref = u"github:deployment:2"_s;
        docs.time = end.addSecs(-300);
        docs.docsOnly = true;
        ranking.candidates = {blamed, docs};
        // the blamed deploy itself and a docs-only deploy are no rollback
        QVERIFY(!Analysis::deployNear(ranking, end, blamed.ref));
        DeployCandidate rollback;
        rollback.ref = u"github:deployment:3"_s;
        rollback.time = end.addSecs(-600);
        ranking.candidates.append(rollback);
        QVERIFY(Analysis::deployNear(ranking, end, blamed.ref));
        QVERIFY(!Analysis::deployNear(ranking, end.addSecs(3600), blamed.ref));
    }
    void failoverShape_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("canFailOver");
        QTest::newRow("fallback") << QByteArray(
                                         R"({"strategy":{"mode":"fallback"},"targets":[{},{}]})")
                                  << u"fallback"_s << true;
        QTest::newRow("loadbalance")
            << QByteArray(R"({"strategy":{"mode":"loadbalance"},"targets":[{},{}]})")
            << u"loadbalance"_s << false;
        QTest::newRow("no strategy")
            << QByteArray(R"({"targets":[{"virtual_key":"vk"}]})") << u"single"_s << false;
        QTest::newRow("mode at the top level, capitalised")
            << QByteArray(R"({"mode":"Fallback","targets":[{},{}]})") << u"fallback"_s << true;
        QTest::newRow("loadbalance over nested fallbacks")
            << QByteArray(
                   R"({"strategy":{"mode":"loadbalance"},"targets":[{"strategy":{"mode":"fallback"},"targets":[{},{}]},{}]})")
            << u"loadbalance"_s << true;
    }
    void failoverShape()
    {
        QFETCH(QByteArray, json);
        const FallbackConfig c = Analysis::failoverShape(QJsonDocument::fromJson(json).object());
        QTEST(c.mode, "mode");
        QTEST(c.canFailOver, "canFailOver");
    }
    void fallback()
    {
        QFETCH(QJsonObject, stats);
        FallbackFacts facts;
        facts.stats = fallbackStats(stats, u"ev1"_s);
        facts.configsRead = true;
        QFETCH(QList<FallbackConfig>, configs);
        QFETCH(QList<ConfigIssue>, issues);
        facts.configs = configs;
        facts.issues = issues;
        QFETCH(bool, flatErrorRate);
        facts.errorsAtBaseline = flatErrorRate;
        const FallbackVerdict v = judgeFallback(facts);
        QTEST(v.stalled, "stalled");
        QTEST(v.stalledTarget, "target");
        QTEST(v.configExplains, "configExplains");
        QTEST(v.refs, "refs");
        QCOMPARE(v.workedAsConfigured, !v.stalled);
    }

    // A fallback config stalled during an incident while its fallback target's key refused the
    // requests of another config that uses it: the stall is the fallback config's, the refusals
    // are why it had nowhere to go. Refusals that began after the stall, or that are a small
    // share of that config's requests since they began, explain nothing.
    void fallbackTargetRefused_data()
    {
        QTest::addColumn<QString>("refusedFrom");
        QTest::addColumn<double>("otherServed"); // the other config's answered requests
        QTest::addColumn<QString>("via");        // '' when no refused target explains it
        QTest::newRow("the key refused from before the stall")
            << u"2030-03-19T10:05:00Z"_s << 6500.0 << u"pc-mail"_s;
        QTest::newRow("the refusals began after the stall")
            << u"2030-03-19T14:00:00Z"_s << 6500.0 << QString();
        QTest::newRow("a small share of the key's requests")
            << u"2030-03-19T10:05:00Z"_s << 60000.0 << QString();
    }
    void fallbackTargetRefused()
    {
        QFETCH(QString, refusedFrom);
        QFETCH(double, otherServed);
        QFETCH(QString, via);
        const QStringList columns{
            u"config_id"_s,     u"provider"_s, u"model"_s, u"status"_s,         u"error_code"_s,
            u"fallback_used"_s, u"attempts"_s, u"n"_s,     u"avg_latency_ms"_s, u"first"_s};
        const QJsonObject stats =
            table(columns, {{u"pc-claims"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s, 200, u""_s, 0,
                             1, 20000, 2700, u"2030-03-18T12:00:00Z"_s},
                            {u"pc-claims"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s, 529,
                             u"provider_overloaded"_s, 0, 1, 520, 860, u"2030-03-19T13:00:00Z"_s},
                            {u"pc-claims"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s, 500,
                             u"provider_error"_s, 0, 1, 27, 700, u"2030-03-18T12:40:00Z"_s},
                            {u"pc-mail"_s, u"openai"_s, u"gpt-4.1"_s, 200, u""_s, 0, 1, otherServed,
                             1700, u"2030-03-18T12:00:00Z"_s},
                            {u"pc-mail"_s, u"openai"_s, u"gpt-4.1"_s, 429, u"budget_exceeded"_s, 0,
                             1, 2300, 510, refusedFrom}});
        FallbackFacts facts;
        facts.stats = fallbackStats(stats, u"ev1"_s);
        facts.configsRead = true;
        facts.windowFrom = QDateTime(QDate(2030, 3, 18), QTime(12, 0), QTimeZone::utc());
        facts.windowTo = QDateTime(QDate(2030, 3, 19), QTime(16, 15), QTimeZone::utc());
        FallbackConfig claims{u"pc-claims"_s, u"ev-claims"_s, {429, 500, 529}, u"fallback"_s, true};
        claims.keys = {u"vk-anthropic"_s, u"vk-openai"_s};
        claims.fallbackTargets = {{u"vk-openai"_s, u"gpt-4.1"_s}};
        FallbackConfig mail{u"pc-mail"_s, u"ev-mail"_s, {}, u"single"_s, false};
        mail.keys = {u"vk-openai"_s};
        facts.configs = {claims, mail};
        const FallbackVerdict v = judgeFallback(facts);
        QVERIFY(v.stalled);
        QCOMPARE(v.refusedTarget ? v.refusedTarget->via : QString(), via);
        if (via.isEmpty())
            return;
        // the verdict is about the fallback config, not the single config the refusals came on
        QCOMPARE(v.stalledConfig, u"pc-claims"_s);
        QCOMPARE(v.stalledTarget, u"anthropic/claude-sonnet-4-5"_s);
        QCOMPARE(v.stalledCount, 547.0);
        QCOMPARE(v.refusedTarget->refusal.status, 429);
        QCOMPARE(v.refusedTarget->refusal.code, u"budget_exceeded"_s);
        QVERIFY(v.refusedTarget->refusal.isLimit());
        QCOMPARE(v.refusedTarget->model, u"gpt-4.1"_s);
        QVERIFY(!v.cannotFailOver);
        QVERIFY(!v.configExplains); // the config itself lists 529
    }

    void fallbackFacts()
    {
        FallbackFacts facts;
        facts.stats = fallbackStats(
            fallbackTable({{u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 504, u"timeout"_s, 0, 90, 45000},
                           {u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 500, u""_s, 0, 30, 200}}),
            u"ev1"_s);
        QCOMPARE(facts.stats.stuck, 120.0);
        QCOMPARE(facts.stats.stuckTimeouts, 90.0);
        QCOMPARE(facts.stats.stuckStatuses, (QList<int>{504, 500}));
        FallbackVerdict v = judgeFallback(facts);
        QVERIFY(v.configUnknown); // the configs were not read: nothing can explain it
        QVERIFY(v.mostlyTimeouts);
        QCOMPARE(v.stalledProvider, u"openai"_s);
        // the first target's provider reported an incident: the fallback did its job
        facts.stats = fallbackStats(
            fallbackTable({{u"anthropic"_s, u"claude"_s, u"pc-1"_s, 200, u""_s, 1, 50, 300}}),
            u"ev1"_s);
        QVERIFY(qAbs(judgeFallback(facts).expectedScore - 0.5) < 1e-9);
        facts.firstTargetIncidents = {{u"openai"_s, u"Outage"_s, Ten, {}}};
        QVERIFY(qAbs(judgeFallback(facts).expectedScore - 0.7) < 1e-9);
    }

    // The fallback served, but why the first target failed is the customer's own: its own
    // server behind custom_host, or a request_timeout below the model's usual answer time.
    void fallbackFirstTarget_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<double>("timeoutMs");
        QTest::addColumn<double>("p50");
        QTest::addColumn<bool>("ownServer");
        QTest::addColumn<bool>("timeoutShort");
        QTest::newRow("a provider's API, a timeout well above the median")
            << QString() << 15000.0 << 1200.0 << false << false;
        QTest::newRow("the customer's own server")
            << u"https://llm.example.com/v1"_s << 15000.0 << 700.0 << true << false;
        QTest::newRow("a timeout at the model's median")
            << QString() << 4000.0 << 4100.0 << false << true;
        QTest::newRow("a timeout a little above the median")
            << QString() << 4500.0 << 4000.0 << false << true;
        QTest::newRow("no timeout") << QString() << 0.0 << 4000.0 << false << false;
        QTest::newRow("the model's time unknown") << QString() << 4000.0 << 0.0 << false << false;
    }
    void fallbackFirstTarget()
    {
        QFETCH(QString, host);
        QFETCH(double, timeoutMs);
        QFETCH(double, p50);
        FallbackFacts facts;
        facts.stats = fallbackStats(
            fallbackTable(
                {{u"google"_s, u"gemini-2.5-flash"_s, u"pc-1"_s, 200, u""_s, 1, 300, 5200},
                 {u"google"_s, u"gemini-2.5-pro"_s, u"pc-1"_s, 200, u""_s, 0, 400, 3900}}),
            u"ev1"_s);
        facts.firstTargetHost = host;
        facts.firstTargetTimeoutMs = timeoutMs;
        facts.firstTargetP50 = p50;
        const FallbackVerdict v = judgeFallback(facts);
        QVERIFY(v.workedAsConfigured);
        QTEST(v.ownServerFailed, "ownServer");
        QTEST(v.timeoutBelowModel, "timeoutShort");
    }

    // Requests the gateway refused itself (attempts 0: an org limit, a key's budget) never
    // reached a target: no config could fail over on them, so they are no stall.
    void fallbackRefusedBeforeRouting_data()
    {
        QTest::addColumn<QList<QJsonArray>>("rows");
        QTest::addColumn<double>("refused");
        QTest::addColumn<double>("stuck");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("stalled");
        // provider, model, config_id, status, error_code, fallback_used, attempts, n, avg ms
        const QJsonArray limited{u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 429, u"rate_limited"_s,
                                 0,           0,           400,       20};
        const QJsonArray budget{u"openai"_s, u"gpt-4o"_s, u"pc-2"_s, 429, u"budget_exceeded"_s,
                                0,           0,           60,        15};
        const QJsonArray providerLimited{
            u"openai"_s, u"gpt-4o"_s, u"pc-1"_s, 429, u"rate_limited"_s, 0, 1, 300, 400};
        const QJsonArray served{u"anthropic"_s, u"claude"_s, u"pc-1"_s, 200, u""_s, 1, 2,
                                5000,           900};
        QTest::newRow("the org's limit")
            << QList<QJsonArray>{limited, served} << 400.0 << 0.0 << u"429 rate_limited"_s << false;
        QTest::newRow("the org's limit and a key's budget")
            << QList<QJsonArray>{budget, limited, served} << 460.0 << 0.0 << u"429 rate_limited"_s
            << false;
        QTest::newRow("the provider's own 429, one attempt")
            << QList<QJsonArray>{providerLimited, served} << 0.0 << 300.0 << QString() << true;
    }
    void fallbackRefusedBeforeRouting()
    {
        QFETCH(QList<QJsonArray>, rows);
        FallbackFacts facts;
        facts.stats = fallbackStats(
            table({u"provider"_s, u"model"_s, u"config_id"_s, u"status"_s, u"error_code"_s,
                   u"fallback_used"_s, u"attempts"_s, u"n"_s, u"avg_latency_ms"_s},
                  rows),
            u"ev1"_s);
        QTEST(facts.stats.refused, "refused");
        QTEST(facts.stats.stuck, "stuck");
        QTEST(facts.stats.refusedStatus, "status");
        QTEST(judgeFallback(facts).stalled, "stalled");
    }

    // A cause is counted on the failures that began in the window, not on its traffic's
    // background failing all along: a provider's steady 500s do not make its deploy's burst
    // as large as a config's hours of 404s.
    void failuresOfACause()
    {
        const QDateTime from = QDateTime(QDate(2027, 3, 27), QTime(9, 0), QTimeZone::utc());
        const TimeWindow window{from, from.addSecs(28 * 3600)};
        ErrorProfile p;
        p.groups = {{u"anthropic"_s, u"claude-sonnet-4-6"_s, 502, u"invalid_upstream_response"_s,
                     821, from.addSecs(25 * 3600), window.to.addSecs(-60)},
                    {u"anthropic"_s, u"claude-sonnet-4-6"_s, 500, u"provider_error"_s, 203,
                     from.addSecs(60), window.to.addSecs(-120)},
                    {u"anthropic"_s, u"claude-sonnet-4-6"_s, 400, u"invalid_request"_s, 188,
                     from.addSecs(180), window.to.addSecs(-900)},
                    {u"openai"_s, u"gpt-4o"_s, 500, u"provider_error"_s, 156, from.addSecs(120),
                     window.to.addSecs(-60)}};
        const QStringList anthropic{u"github:deployment:1"_s, u"provider:anthropic"_s};
        QCOMPARE(failuresInScope(p, anthropic, window), 821.0);
        QCOMPARE(failuresInScope(p, anthropic), 1212.0); // no window: every failure counts
        // traffic that fails all along and nothing more: those are the failures there are
        QCOMPARE(failuresInScope(p, {u"provider:openai"_s}, window), 156.0);
        QCOMPARE(failuresInScope(p, {u"github:deployment:1"_s}, window), 0.0);
    }

    // A deploy just before the org passed its limit, whose rise is the org's own refusals,
    // is weighed below the rate limit; one with failures of its own keeps its score.
    void refusalsAreTheRateLimits()
    {
        QList<Hypothesis> ranked{
            hypothesis(Category::DeployRegression, 0.89,
                       {u"github:deployment:17140"_s, u"provider:openai"_s}, 274, 274),
            hypothesis(Category::RateLimited, 0.72, {u"config:pc-batch"_s}, 274),
            hypothesis(Category::ProviderOutage, 0.6, {u"provider:anthropic"_s}, 500, 0)};
        weighRefusals(ranked);
        QCOMPARE(ranked.at(0).cause.category, QString::fromLatin1(Category::RateLimited));
        QCOMPARE(ranked.at(1).cause.category, QString::fromLatin1(Category::ProviderOutage));
        QVERIFY(ranked.at(2).score < 0.72);
        QList<Hypothesis> own{hypothesis(Category::DeployRegression, 0.89,
                                         {u"github:deployment:17140"_s, u"provider:openai"_s}, 1200,
                                         274),
                              hypothesis(Category::RateLimited, 0.72, {u"config:pc-batch"_s}, 274)};
        weighRefusals(own);
        QCOMPARE(own.at(0).cause.category, QString::fromLatin1(Category::DeployRegression));
        QCOMPARE(own.at(0).score, 0.89);
    }

    // The failures of a cause are counted from where the organisation's logs begin: a window
    // widened to before its first request does not make its background look like a burst.
    void failuresFromWhereTheLogsBegin()
    {
        const QDateTime logs = QDateTime(QDate(2027, 3, 29), QTime(9, 0), QTimeZone::utc());
        const TimeWindow window{logs.addSecs(-9 * 3600), logs.addSecs(28 * 3600)};
        ErrorProfile p;
        p.groups = {{u"anthropic"_s, u"claude-sonnet-4-6"_s, 502, u"invalid_upstream_response"_s,
                     762, logs.addSecs(25 * 3600), window.to.addSecs(-600)},
                    {u"anthropic"_s, u"claude-sonnet-4-6"_s, 500, u"provider_error"_s, 237,
                     logs.addSecs(1), window.to.addSecs(-900)}};
        QCOMPARE(failuresInScope(p, {u"provider:anthropic"_s}, window), 762.0);
    }

    void ranking_data()
    {
        QTest::addColumn<QList<Hypothesis>>("ranked");
        QTest::addColumn<int>("findings");
        QTest::addColumn<bool>("sawChange");
        QTest::addColumn<int>("missingSteps");
        QTest::addColumn<int>("best");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<bool>("needsHuman");
        QTest::addColumn<QList<int>>("secondary");
        const QStringList deployRefs{u"github:deployment:447"_s, u"route:/v1/analytics"_s};
        QTest::newRow("a strong cause")
            << QList<Hypothesis>{hypothesis(Category::DeployRegression, 0.85, deployRefs)} << 2
            << true << 0 << 0 << 0.85 << false << QList<int>{};
        QTest::newRow("a strong cause, three steps missing")
            << QList<Hypothesis>{hypothesis(Category::DeployRegression, 0.85, deployRefs)} << 2
            << true << 3 << 0 << 0.65 << false << QList<int>{};
        QTest::newRow("a weak cause weakened below the threshold")
            << QList<Hypothesis>{hypothesis(Category::DeployRegression, 0.45, deployRefs)} << 2
            << true << 2 << 0 << 0.38 << true << QList<int>{};
        QTest::newRow("checked, nothing wrong")
            << QList<Hypothesis>{} << 2 << false << 0 << -1 << 0.6 << false << QList<int>{};
        QTest::newRow("a change nothing explains")
            << QList<Hypothesis>{} << 2 << true << 0 << -1 << 0.3 << true << QList<int>{};
        QTest::newRow("nothing could be read")
            << QList<Hypothesis>{} << 0 << false << 4 << -1 << 0.21 << true << QList<int>{};
        QTest::newRow("only candidates too weak to conclude")
            << QList<Hypothesis>{hypothesis(Category::KnownBug, 0.35, {u"linear:issue:GW-1"_s})}
            << 2 << false << 0 << -1 << 0.4 << false << QList<int>{};
        QTest::newRow("two causes, each with its own evidence")
            << QList<Hypothesis>{hypothesis(Category::DeployRegression, 0.85, deployRefs),
                                 hypothesis(
                                     Category::ProviderOutage, 0.75,
                                     {u"statuspage:openai:incident:k1"_s, u"provider:openai"_s})}
            << 2 << true << 0 << 0 << 0.85 << false << QList<int>{1};
        QTest::newRow("a second cause sharing the root cause's evidence")
            << QList<Hypothesis>{hypothesis(Category::DeployRegression, 0.85, deployRefs),
                                 hypothesis(Category::KnownBug, 0.75,
                                            {u"linear:issue:GW-1"_s, u"route:/v1/analytics"_s})}
            << 2 << true << 0 << 0 << 0.85 << false << QList<int>{};
        // the weaker-scored cause behind most of the failures is the root cause
        const QStringList configRefs{u"config:pc-1"_s, u"model:gpt-4o"_s};
        const QStringList incidentRefs{u"statuspage:anthropic:incident:k2"_s,
                                       u"provider:anthropic"_s};
        QTest::newRow("two causes, the smaller score behind most failures")
            << QList<Hypothesis>{hypothesis(Category::ProviderOutage, 0.85, incidentRefs, 300),
                                 hypothesis(Category::CustomerConfig, 0.7, configRefs, 2600)}
            << 2 << true << 0 << 1 << 0.7 << false << QList<int>{0};
        QTest::newRow("two causes, failures of the same order keep the score's order")
            << QList<Hypothesis>{hypothesis(Category::ProviderOutage, 0.85, incidentRefs, 900),
                                 hypothesis(Category::CustomerConfig, 0.7, configRefs, 2600)}
            << 2 << true << 0 << 0 << 0.85 << false << QList<int>{1};
        // a deploy whose rise on the provider is the org's own refusals: one cause
        const QStringList limitRefs{u"config:pc-batch"_s};
        const QStringList routerDeploy{u"github:deployment:17140"_s, u"provider:openai"_s};
        QTest::newRow("a deploy standing on the refusals the rate limit explains")
            << QList<Hypothesis>{hypothesis(Category::RateLimited, 0.72, limitRefs, 373),
                                 hypothesis(Category::DeployRegression, 0.67, routerDeploy, 420,
                                            373)}
            << 2 << true << 0 << 0 << 0.72 << false << QList<int>{};
        QTest::newRow("a deploy behind failures of its own beside the refusals")
            << QList<Hypothesis>{hypothesis(Category::RateLimited, 0.72, limitRefs, 373),
                                 hypothesis(Category::DeployRegression, 0.67, routerDeploy, 900,
                                            373)}
            << 2 << true << 0 << 0 << 0.72 << false << QList<int>{1};
        QTest::newRow("two causes, one not counted keeps the score's order")
            << QList<Hypothesis>{hypothesis(Category::ProviderOutage, 0.85, incidentRefs, 0),
                                 hypothesis(Category::CustomerConfig, 0.7, configRefs, 2600)}
            << 2 << true << 0 << 0 << 0.85 << false << QList<int>{1};
    }
    // On a slowness ticket the cause of the slower answers leads, even when another cause
    // (refused requests) has more failed requests behind it.
    void rankingOnSlowness()
    {
        const QStringList incidentRefs{u"statuspage:groq:incident:k3"_s, u"provider:groq"_s};
        const QStringList limitRefs{u"config:pc-batch"_s};
        RankingFacts facts;
        facts.ranked = {hypothesis(Category::ProviderOutage, 0.7, incidentRefs, 40),
                        hypothesis(Category::RateLimited, 0.65, limitRefs, 570)};
        QCOMPARE(judgeRanking(facts).best, 1); // failed requests decide on an errors ticket
        facts.slowness = true;
        const RankingVerdict v = judgeRanking(facts);
        QCOMPARE(v.best, 0);
        QCOMPARE(v.secondary, QList<int>{1});
    }
    void ranking()
    {
        QFETCH(QList<Hypothesis>, ranked);
        QFETCH(int, findings);
        QFETCH(bool, sawChange);
        QFETCH(int, missingSteps);
        RankingFacts facts;
        facts.ranked = ranked;
        for (int i = 0; i < findings; ++i)
            facts.findings.append(Finding{u"finding %1"_s.arg(i), {}, {}, 0.7});
        facts.sawChange = sawChange;
        facts.missingSteps = missingSteps;
        const RankingVerdict v = judgeRanking(facts);
        QTEST(v.best, "best");
        QFETCH(double, confidence);
        QVERIFY2(qAbs(v.confidence - confidence) < 1e-9, qPrintable(QString::number(v.confidence)));
        QTEST(v.needsHuman, "needsHuman");
        QTEST(v.secondary, "secondary");
    }

    // A deploy that changed one provider's adapter, just before one provider's latency rose:
    // pinned on in full when it is that provider's, weighed down when the provider it changed
    // stayed flat; and weighed down when only one client SDK version fails while another is
    // served by the same model.
    void deployAgainstWhatMoved_data()
    {
        QTest::addColumn<QString>("adapter");
        QTest::addColumn<bool>("oneSdk");
        QTest::addColumn<bool>("strong");
        QTest::newRow("the provider that moved") << u"anthropic"_s << false << true;
        QTest::newRow("a provider that stayed flat") << u"openai"_s << false << false;
        QTest::newRow("the provider that moved, one SDK version failing")
            << u"anthropic"_s << true << false;
    }
    void deployAgainstWhatMoved()
    {
        QFETCH(QString, adapter);
        QFETCH(bool, oneSdk);
        QFETCH(bool, strong);
        AnalysisInput in = baseInput(u"api-errors"_s, {u"change_point"_s, u"deploy_correlation"_s});
        in.params.route = u"/v1/chat/completions"_s;
        const QDateTime start = in.params.window.from;
        const int onset = 1200; // minutes into the window
        const auto rises = [onset](int i) {
            return i >= onset ? 0.3 : 0.002;
        };
        const auto flat = [](int) {
            return 0.002;
        };
        addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
                EvidenceKind::TimeSeries,
                timeseries(start, 1500, 60,
                           {{QJsonObject{{u"provider"_s, u"anthropic"_s}}, {}, rises, 20},
                            {QJsonObject{{u"provider"_s, u"openai"_s}}, {}, flat, 20}},
                           false));
        if (oneSdk) {
            addStep(in, u"errors_by_sdk"_s, u"clickhouse"_s, u"error_series"_s,
                    EvidenceKind::TimeSeries,
                    timeseries(start, 1500, 60,
                               {{QJsonObject{{u"sdk"_s, u"portkey-node/1.4.2"_s}}, {}, rises, 20},
                                {QJsonObject{{u"sdk"_s, u"portkey-node/2.3.0"_s}}, {}, flat, 20}},
                               false));
            addStep(in, u"org_overview"_s, u"clickhouse"_s, u"traffic_overview"_s,
                    EvidenceKind::Table,
                    table({u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s,
                           u"errors"_s, u"p50"_s, u"p95"_s},
                          {{u"/v1/chat/completions"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s,
                            u"pc-a"_s, u"portkey-node/1.4.2"_s, 30000, 1800, 900, 2000},
                           {u"/v1/chat/completions"_s, u"anthropic"_s, u"claude-sonnet-4-6"_s,
                            u"pc-b"_s, u"portkey-node/2.3.0"_s, 30000, 60, 900, 2000}}));
        }
        const QString at = iso(start.addSecs(qint64(onset - 6) * 60));
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy(
                    77, at, u"Deploy #77: "_s + adapter + u" adapter: chat completions mapping"_s,
                    {u"src/providers/"_s + adapter + u"/chat-completions.ts"_s})}));
        const AnalyzerOutput out = analyzeDeployCorrelation(withChanges(in));
        QVERIFY(!out.hypotheses.isEmpty());
        const double score = out.hypotheses.first().score;
        QVERIFY2(strong ? score >= 0.6 : score < 0.5, qPrintable(QString::number(score)));
    }

    void failoversAfterDeploy_data()
    {
        QTest::addColumn<int>("servedFrom"); // minute the config's failovers were first seen
        QTest::addColumn<bool>("weakened");
        QTest::newRow("failed over since the onset, after the deploy") << 1200 << true;
        QTest::newRow("failed over only before the deploy") << 600 << false;
    }

    // A router deploy that broke failover breaks it for the config's every request: when the
    // config whose requests did not fail over failed others over after the deploy went live,
    // the deploy is a weaker explanation of the missing failovers.
    void failoversAfterDeploy()
    {
        QFETCH(int, servedFrom);
        QFETCH(bool, weakened);
        AnalysisInput in = baseInput(u"fallback"_s, {u"change_point"_s, u"deploy_correlation"_s});
        const QDateTime start = in.params.window.from;
        const int onset = 1200;
        addStep(
            in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
            EvidenceKind::TimeSeries,
            timeseries(
                start, 1500, 60,
                {{QJsonObject{{u"provider"_s, u"anthropic"_s}},
                  {},
                  [onset](int i) { return i >= onset ? 0.2 : 0.002; },
                  20},
                 {QJsonObject{{u"provider"_s, u"openai"_s}}, {}, [](int) { return 0.002; }, 20}},
                false));
        const QString first = iso(start.addSecs(qint64(servedFrom) * 60));
        addStep(in, u"fb"_s, u"clickhouse"_s, u"fallback_stats"_s, EvidenceKind::Table,
                table({u"config_id"_s, u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s,
                       u"fallback_used"_s, u"attempts"_s, u"n"_s, u"first"_s},
                      {{u"pc-a"_s, u"anthropic"_s, u"claude-sonnet-4-5"_s, 408,
                        u"provider_timeout"_s, 0, 1, 500, iso(start.addSecs(qint64(onset) * 60))},
                       {u"pc-a"_s, u"openai"_s, u"gpt-4.1"_s, 200, u""_s, 1, 2, 230, first}}));
        const QString at = iso(start.addSecs(qint64(onset - 30) * 60));
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy(77, at, u"Deploy #77: router: fallback logging"_s,
                               {u"src/router/fallback.ts"_s})}));
        expectDeploySummary(in, u"failed over"_s, weakened);
    }

    void bugFiledBeforeDeploy_data()
    {
        QTest::addColumn<int>("filedAt"); // minute of the window the issue was filed
        QTest::addColumn<bool>("weakened");
        QTest::newRow("filed days before the deploy") << -4000 << true;
        QTest::newRow("filed after the deploy went live") << 1190 << false;
    }

    // A failover failure shows only when the first target fails: an open issue that already
    // describes it (the provider, the logs' status, failing over), filed before a router deploy
    // went live, says the behaviour was there before that deploy.
    void bugFiledBeforeDeploy()
    {
        QFETCH(int, filedAt);
        QFETCH(bool, weakened);
        AnalysisInput in = baseInput(u"fallback"_s, {u"change_point"_s, u"deploy_correlation"_s});
        const QDateTime start = in.params.window.from;
        const int onset = 1200;
        addStep(in, u"errors_by_provider"_s, u"clickhouse"_s, u"error_series"_s,
                EvidenceKind::TimeSeries,
                timeseries(start, 1500, 60,
                           {{QJsonObject{{u"provider"_s, u"google"_s}},
                             {},
                             [onset](int i) { return i >= onset ? 0.3 : 0.002; },
                             20}},
                           false));
        const QString first = iso(start.addSecs(qint64(onset) * 60));
        addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
                table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                       u"last"_s},
                      {QJsonArray{u"google"_s, u"gemini-2.5-pro"_s, 500, u"provider_error"_s, 1800,
                                  first, iso(start.addSecs(1499 * 60))}},
                      {{u"total_requests"_s, 1500 * 20}}));
        addStep(
            in, u"bugs"_s, u"jira"_s, u"search_issues"_s, EvidenceKind::Events,
            events({issue(u"jira:issue:RT-7"_s, u"Fallback: Google 500 never fails over"_s,
                          u"A 500 from a Google first target is returned to the client."_s,
                          u"started"_s, iso(start.addSecs(qint64(filedAt) * 60)), {u"router"_s})}));
        const QString at = iso(start.addSecs(qint64(onset - 15) * 60));
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy(78, at, u"Deploy #78: router: fallback attempt metrics"_s,
                               {u"src/router/fallback-metrics.ts"_s})}));
        expectDeploySummary(in, u"already describes"_s, weakened);
    }

    // Through analyze(): a weak diagnosis says a human must look and what is missing, and the
    // result document carries it; a confident one carries neither.
    void needsHumanInTheResult()
    {
        AnalysisInput in =
            baseInput(u"latency-spike"_s, {u"change_point"_s, u"deploy_correlation"_s});
        addFailedStep(in, u"recent_deploys"_s, u"github"_s, u"deployments"_s);
        addStep(in, u"status_incidents"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
                events({}));
        const AnalysisResult result = analyze(in);
        QVERIFY(result.rootCause);
        QVERIFY(result.rootCause->confidence < NeedsHumanBelow);
        QVERIFY(result.needsHuman);
        QVERIFY(result.missing.size() >= 2);
        QVERIFY2(result.missing.at(0).contains(u"returned nothing"_s) ||
                     result.missing.at(1).contains(u"returned nothing"_s),
                 qPrintable(result.missing.join(u'\n')));

        Investigation inv;
        inv.ticket = in.ticket;
        inv.rootCause = result.rootCause;
        inv.needsHuman = result.needsHuman;
        inv.missing = result.missing;
        QJsonObject doc = investigationToJson(inv);
        QCOMPARE(doc.value(u"needs_human"_s).toBool(), true);
        QCOMPARE(doc.value(u"missing"_s).toArray().size(), result.missing.size());
        QCOMPARE(doc.value(u"root_cause"_s).toObject().value(u"category"_s).toString(),
                 u"no_fault_found"_s);
        const auto back = investigationFromJson(doc);
        QVERIFY(back);
        QVERIFY(back->needsHuman);
        QCOMPARE(back->missing, result.missing);

        // the engineer reads it in the internal note, never the customer in the reply
        const ComposedReply composed = composeReply(in, inv);
        QVERIFY2(composed.note.contains(u"Needs a human"_s), qPrintable(composed.note));
        QVERIFY(!composed.reply.contains(u"Needs a human"_s));

        inv.needsHuman = false;
        QVERIFY(!composeReply(in, inv).note.contains(u"Needs a human"_s));
        doc = investigationToJson(inv);
        QVERIFY(!doc.contains(u"needs_human"_s));
        QVERIFY(!doc.contains(u"missing"_s));
    }
};

QTEST_GUILESS_MAIN(TestVerdicts)
#include "tst_verdicts.moc"
