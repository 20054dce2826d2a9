#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/configlint.h"
#include "core/operations.h"
#include "evidence.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace TestSupport;

using Kind = Analysis::ConfigIssue::Kind;
Q_DECLARE_METATYPE(QList<int>)

class TestAnalyzers final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void configLint_data();
    void configLint();
    void configLintConcernsWhatFailed_data();
    void configLintConcernsWhatFailed();
    void docsPageOfWhatFailed();
    void sentencesOfAPage();
    void knownBugs_data();
    void knownBugs();
    void builtInPlaybooks_data();
    void builtInPlaybooks();
};

void TestAnalyzers::configLint_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QList<int>>("kinds");
    const auto k = [](std::initializer_list<Kind> l) {
        QList<int> out;
        for (Kind x : l)
            out.append(int(x));
        return out;
    };
    QTest::newRow("good fallback")
        << QByteArray(
               R"({"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod","request_timeout":20000},{"virtual_key":"anthropic-prod","request_timeout":20000}]})")
        << QList<int>{};
    QTest::newRow("no timeouts")
        << QByteArray(
               R"({"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod"},{"virtual_key":"anthropic-prod","request_timeout":20000}]})")
        << k({Kind::NoRequestTimeout});
    QTest::newRow("top-level timeout covers targets")
        << QByteArray(
               R"({"request_timeout":15000,"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod"},{"virtual_key":"anthropic-prod"}]})")
        << QList<int>{};
    QTest::newRow("status codes miss timeouts")
        << QByteArray(
               R"({"strategy":{"mode":"fallback","on_status_codes":[429,500]},"targets":[{"virtual_key":"openai-prod","request_timeout":20000},{"virtual_key":"anthropic-prod","request_timeout":20000}]})")
        << k({Kind::StatusCodesMissing});
    QTest::newRow("single target")
        << QByteArray(
               R"({"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod","request_timeout":20000}]})")
        << k({Kind::SingleTargetFallback});
    QTest::newRow("same provider only")
        << QByteArray(
               R"({"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"anthropic-a","request_timeout":20000},{"virtual_key":"anthropic-b","request_timeout":20000}]})")
        << k({Kind::SameProviderOnly});
    QTest::newRow("weights off")
        << QByteArray(
               R"({"strategy":{"mode":"loadbalance"},"targets":[{"virtual_key":"a","weight":40},{"virtual_key":"b","weight":40}]})")
        << k({Kind::WeightsOff});
    QTest::newRow("weights fine")
        << QByteArray(
               R"({"strategy":{"mode":"loadbalance"},"targets":[{"virtual_key":"a","weight":0.7},{"virtual_key":"b","weight":0.3}]})")
        << QList<int>{};
    QTest::newRow("retry zero")
        << QByteArray(
               R"({"strategy":{"mode":"single"},"targets":[{"virtual_key":"a","retry":{"attempts":0}}]})")
        << k({Kind::RetryZero});
    QTest::newRow("timeout in seconds")
        << QByteArray(
               R"({"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod","request_timeout":30},{"virtual_key":"anthropic-prod","request_timeout":20000}]})")
        << k({Kind::TimeoutUnits});
    QTest::newRow("timeout too long")
        << QByteArray(
               R"({"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod","request_timeout":60000},{"virtual_key":"anthropic-prod","request_timeout":20000}]})")
        << k({Kind::TimeoutTooLong});
    QTest::newRow("nested strategy")
        << QByteArray(
               R"({"strategy":{"mode":"loadbalance"},"targets":[{"weight":1,"strategy":{"mode":"fallback"},"targets":[{"virtual_key":"openai-prod"}]}]})")
        << k({Kind::SingleTargetFallback, Kind::NoRequestTimeout});
    // a key of one provider beside another provider's own model: sent where it is not served
    QTest::newRow("openai key with a claude model")
        << QByteArray(
               R"({"targets":[{"virtual_key":"vk-acme-openai-2031","override_params":{"model":"claude-sonnet-4-6"}}]})")
        << k({Kind::KeyModelMismatch});
    QTest::newRow("anthropic key with a claude model")
        << QByteArray(
               R"({"targets":[{"virtual_key":"vk-acme-anthropic","override_params":{"model":"claude-sonnet-4-6"}}]})")
        << QList<int>{};
    // Bedrock and Vertex serve other vendors' models by design
    QTest::newRow("a bedrock key with a claude model")
        << QByteArray(
               R"({"targets":[{"virtual_key":"vk-bedrock-anthropic","override_params":{"model":"claude-sonnet-4-6"}}]})")
        << QList<int>{};
    QTest::newRow("a key naming no provider")
        << QByteArray(
               R"({"targets":[{"virtual_key":"vk-prod-2031","override_params":{"model":"gpt-4.1"}}]})")
        << QList<int>{};
}

void TestAnalyzers::configLint()
{
    QFETCH(QByteArray, config);
    QFETCH(QList<int>, kinds);
    const QJsonObject o = QJsonDocument::fromJson(config).object();
    const auto issues = Analysis::lintConfig(o, u"config:pc-test"_s);
    QList<int> got;
    QString text;
    for (const auto &i : issues) {
        if (!got.contains(int(i.kind)))
            got.append(int(i.kind));
        text += i.message + u'\n';
        QVERIFY(i.message.contains(u"pc-test"_s));
    }
    std::sort(got.begin(), got.end());
    std::sort(kinds.begin(), kinds.end());
    QVERIFY2(got == kinds, qPrintable(text));
}

// A page read sentence by sentence: "e.g." and a dotted model id stay inside their sentence, a
// line is a paragraph of its own, and a long sentence is cut at a word.
void TestAnalyzers::sentencesOfAPage()
{
    const QList<QStringList> paragraphs = Analysis::paragraphSentences(
        u"# Bedrock\nUse a profile id, e.g. `eu.anthropic.claude-sonnet-4-6-v1:0`. An id the "
        u"gateway cannot resolve is answered 404! Then what?\n  Rotate keys yearly.  "_s);
    QCOMPARE(paragraphs.size(), 3);
    QCOMPARE(paragraphs.at(0), QStringList{u"# Bedrock"_s});
    QCOMPARE(
        paragraphs.at(1),
        (QStringList{u"Use a profile id, e.g. `eu.anthropic.claude-sonnet-4-6-v1:0`."_s,
                     u"An id the gateway cannot resolve is answered 404!"_s, u"Then what?"_s}));
    QCOMPARE(paragraphs.at(2), QStringList{u"Rotate keys yearly."_s});

    QCOMPARE(Analysis::cutAtWord(u"short enough"_s, 12), u"short enough"_s);
    QCOMPARE(Analysis::cutAtWord(u"a model id the gateway"_s, 13), u"a model id\u2026"_s);
    QCOMPARE(Analysis::cutAtWord(u"unbreakable"_s, 4), u"unbr\u2026"_s);
}

void TestAnalyzers::configLintConcernsWhatFailed_data()
{
    QTest::addColumn<QString>("playbook");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("cited");
    QTest::newRow("refused as not found")
        << u"api-errors"_s << 404 << u"model_not_found"_s << false;
    QTest::newRow("refused as invalid, routing ticket")
        << u"provider-routing"_s << 400 << u"invalid_request"_s << false;
    QTest::newRow("timed out") << u"api-errors"_s << 504 << u"provider_timeout"_s << true;
    // a proxy's timeout, and a code that says it in other words
    QTest::newRow("timed out at the proxy") << u"api-errors"_s << 524 << QString() << true;
    QTest::newRow("a code for a timeout")
        << u"api-errors"_s << 502 << u"upstream_timed_out"_s << true;
    QTest::newRow("a bad gateway is no timeout")
        << u"api-errors"_s << 502 << u"provider_error"_s << false;
    QTest::newRow("a fallback ticket") << u"fallback"_s << 404 << u"model_not_found"_s << true;
    QTest::newRow("a slowness ticket") << u"latency-spike"_s << 400 << u"invalid_request"_s << true;
}

void TestAnalyzers::configLintConcernsWhatFailed()
{
    // A config whose target waits 60 s: whether that is worth telling depends on what failed.
    QFETCH(QString, playbook);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(bool, cited);
    AnalysisInput in = baseInput(playbook, {u"config_lint"_s});
    addStep(in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
            table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
                   u"last"_s},
                  {{u"anthropic"_s, u"claude-sonnet-4-6"_s, status, code, 900,
                    u"2026-11-20T08:00:00Z"_s, u"2026-11-20T10:00:00Z"_s}},
                  QJsonObject{{u"total_requests"_s, 9000}}));
    addStep(in, u"cfg"_s, u"gateway"_s, u"config"_s, EvidenceKind::Config,
            QJsonObject{{u"ref"_s, u"config:pc-acme-prod"_s},
                        {u"config_id"_s, u"pc-acme-prod"_s},
                        {u"config"_s,
                         QJsonObject{{u"targets"_s,
                                      QJsonArray{QJsonObject{{u"virtual_key"_s, u"vk-anthropic"_s},
                                                             {u"request_timeout"_s, 60000}}}}}}});
    const AnalyzerOutput out = analyzeConfigLint(in);
    const bool told = std::any_of(out.findings.cbegin(), out.findings.cend(), [](const Finding &f) {
        return f.summary.contains(u"request_timeout 60000"_s);
    });
    QCOMPARE(told, cited);
    QCOMPARE(out.hypotheses.isEmpty(), !cited);
}

void TestAnalyzers::docsPageOfWhatFailed()
{
    // The ticket guesses at rotated credentials; the logs show the model id refused as unknown.
    AnalysisInput in = baseInput(u"api-errors"_s, {u"docs_lookup"_s});
    in.params.keywords = {u"bedrock"_s, u"rotation"_s, u"credentials"_s, u"iam"_s, u"sonnet"_s};
    addStep(
        in, u"eb"_s, u"clickhouse"_s, u"error_breakdown"_s, EvidenceKind::Table,
        table({u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s,
               u"last"_s},
              {{u"bedrock"_s, u"eu.anthropic.claude-sonnet-4-6-v1:0"_s, 404, u"model_not_found"_s,
                2700, u"2026-11-20T07:50:00Z"_s, u"2026-11-20T10:00:00Z"_s}},
              QJsonObject{{u"total_requests"_s, 30000}}));
    const QString overview =
        u"A Bedrock virtual key holds the AWS region and IAM credentials of your account. Set "
        u"`override_params.model` to a Bedrock model id: a foundation model or a cross-region "
        u"inference profile, whose id starts with its geography (`eu.`, `us.`, e.g. "
        u"`eu.anthropic.claude-sonnet-4-6-v1:0`), which every region the key may name supports, "
        u"whatever the account and whichever of its users signs the requests. A model id the "
        u"gateway cannot resolve is answered 404 with `error_code: model_not_found`."_s;
    const QString rotation =
        u"To rotate the IAM credentials behind a Bedrock virtual key, create the new key in AWS "
        u"and paste it into the virtual key. Requests signed with deactivated credentials are "
        u"answered 403 with `error_code: provider_auth_failed`."_s;
    addStep(in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
            docs({{u"docs/providers/bedrock-credential-rotation.md"_s, rotation},
                  {u"docs/providers/bedrock.md"_s, overview}}));
    const AnalyzerOutput out = analyzeDocsLookup(in);
    QCOMPARE(out.findings.size(), 1);
    const Finding &f = out.findings.first();
    QCOMPARE(f.refs, QStringList{u"docs:docs/providers/bedrock.md"_s});
    // the sentence that names what failed, whole
    QVERIFY2(f.summary.endsWith(u": A model id the gateway cannot resolve is answered 404 with "
                                u"`error_code: model_not_found`"_s),
             qPrintable(f.summary));
}

void TestAnalyzers::knownBugs_data()
{
    QTest::addColumn<QJsonObject>("bug");
    QTest::addColumn<bool>("proposed");
    QTest::newRow("open bug on the affected component")
        << issue(u"linear:issue:GW-230"_s, u"Fallback does not trigger on provider timeouts"_s,
                 u"Requests that time out never fail over to the next target."_s, u"started"_s,
                 u"2026-11-20T08:30:00Z"_s, {u"fallback"_s})
        << true;
    QTest::newRow("matching symptom, other component")
        << issue(u"linear:issue:GW-198"_s, u"Playground feels slow when streaming"_s,
                 u"Streaming in the playground stutters."_s, u"backlog"_s,
                 u"2026-11-12T15:02:00Z"_s, {u"playground"_s})
        << false;
    QTest::newRow("closed bug") << issue(u"linear:issue:GW-100"_s,
                                         u"Fallback does not trigger on timeouts"_s, u"Fixed."_s,
                                         u"completed"_s, u"2026-10-01T08:30:00Z"_s, {u"fallback"_s})
                                << false;
}

void TestAnalyzers::knownBugs()
{
    QFETCH(QJsonObject, bug);
    QFETCH(bool, proposed);
    AnalysisInput in = baseInput(u"fallback"_s, {u"known_bugs"_s});
    in.params.keywords = {u"fallback"_s, u"timeout"_s, u"openai"_s};
    addStep(in, u"bugs"_s, u"linear"_s, u"search_issues"_s, EvidenceKind::Events, events({bug}));
    const AnalyzerOutput out = analyzeKnownBugs(in);
    QCOMPARE(!out.hypotheses.isEmpty(), proposed);
    QCOMPARE(out.rejected.isEmpty(), proposed);
    if (proposed)
        QCOMPARE(out.hypotheses.first().cause.refs, QStringList{bug.value(u"ref"_s).toString()});
}

void TestAnalyzers::builtInPlaybooks_data()
{
    QTest::addColumn<QString>("path");
    const QString dir = qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/resources/playbooks"_s;
    for (const QString &name :
         {u"api-errors"_s, u"latency-spike"_s, u"webhook-failures"_s, u"provider-routing"_s,
          u"fallback"_s, u"token-billing"_s, u"metadata"_s})
        QTest::newRow(qPrintable(name)) << dir + u'/' + name + u".json"_s;
}

void TestAnalyzers::builtInPlaybooks()
{
    // Steps use only the operations (and arguments) of the operations table, templates only
    // the names the binder knows, analyzers only registered names.
    QFETCH(QString, path);
    static const QStringList names = {u"org"_s,
                                      u"org_name"_s,
                                      u"window.from"_s,
                                      u"window.to"_s,
                                      u"anchor"_s,
                                      u"provider"_s,
                                      u"model"_s,
                                      u"route"_s,
                                      u"endpoint"_s,
                                      u"sdk"_s,
                                      u"keywords"_s,
                                      u"ticket.id"_s,
                                      u"ticket.subject"_s,
                                      u"ticket.requester_domain"_s,
                                      u"ticket.org"_s};
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    const QJsonObject pb = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(pb.value(u"format"_s).toString(), u"casefile-playbook/1"_s);
    QCOMPARE(pb.value(u"name"_s).toString() + u".json"_s, QFileInfo(path).fileName());
    // The vocabulary of symptoms lives in the classifier's concept lexicon (six languages); a
    // playbook's own keywords are the product identifiers that point at it.
    QVERIFY(!pb.value(u"signals"_s).toObject().value(u"keywords"_s).toArray().isEmpty());
    QJsonArray steps = pb.value(u"steps"_s).toArray();
    for (const QJsonValue &inc : pb.value(u"include"_s).toArray()) {
        QFile sf(QFileInfo(path).dir().filePath(u"shared/"_s + inc.toString() + u".json"_s));
        QVERIFY(sf.open(QIODevice::ReadOnly));
        const QJsonObject shared = QJsonDocument::fromJson(sf.readAll()).object();
        QCOMPARE(shared.value(u"format"_s).toString(), u"casefile-steps/1"_s);
        for (const QJsonValue &s : shared.value(u"steps"_s).toArray())
            steps.append(s);
    }
    static const QRegularExpression tmpl(u"\\{\\{\\s*([\\w.]+)\\s*\\}\\}"_s);
    for (const QJsonValue &sv : std::as_const(steps)) {
        const QJsonObject s = sv.toObject();
        const QString op =
            s.value(u"connector"_s).toString() + u'/' + s.value(u"operation"_s).toString();
        const Operations::Operation *operation = Operations::find(
            s.value(u"connector"_s).toString(), s.value(u"operation"_s).toString());
        QVERIFY2(operation, qPrintable(op));
        const QJsonObject args = s.value(u"args"_s).toObject();
        for (auto it = args.begin(); it != args.end(); ++it) {
            QVERIFY2(operation->argument(it.key()), qPrintable(op + u' ' + it.key()));
            const QString text = QString::fromUtf8(QJsonDocument(QJsonArray{it.value()}).toJson());
            auto m = tmpl.globalMatch(text);
            while (m.hasNext()) {
                const QString name = m.next().captured(1);
                QVERIFY2(names.contains(name) || name.startsWith(u"steps."_s), qPrintable(name));
            }
        }
    }
    for (const QJsonValue &a : pb.value(u"analyzers"_s).toArray())
        QVERIFY2(knownAnalyzers().contains(a.toString()), qPrintable(a.toString()));
}

QTEST_GUILESS_MAIN(TestAnalyzers)
#include "tst_analyzers.moc"
