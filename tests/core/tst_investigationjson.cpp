#include "core/investigationjson.h"
#include "core/time.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

Investigation fullInvestigation()
{
    Investigation inv;
    inv.ticket.id = u"1042"_s;
    inv.ticket.subject = u"Dashboard is loading slowly — «ünïcode» 🚀"_s;
    inv.ticket.orgId = u"org_acme"_s;
    inv.ticket.description = u"<script>alert(1)</script>'; DROP TABLE x; --"_s;
    inv.ticket.requesterEmail = u"jun@acme.dev"_s;
    inv.ticket.createdAt = QDateTime(QDate(2026, 11, 20), QTime(10, 1), QTimeZone::utc());
    inv.playbook = {u"latency-spike"_s, u"mentions 'slow'"_s};
    inv.window = {QDateTime(QDate(2026, 11, 19), QTime(9, 0), QTimeZone::utc()),
                  QDateTime(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc())};
    inv.startedAt = QDateTime(QDate(2026, 11, 20), QTime(10, 5, 1), QTimeZone::utc());
    inv.durationMs = 1830;
    const StepStatus statuses[] = {StepStatus::Ok, StepStatus::Failed, StepStatus::Timeout,
                                   StepStatus::Skipped, StepStatus::Cancelled};
    int n = 0;
    for (StepStatus s : statuses) {
        StepRecord r;
        r.id = u"step%1"_s.arg(++n);
        r.connector = u"clickhouse"_s;
        r.operation = u"latency_series"_s;
        r.title = u"Step %1"_s.arg(n);
        r.status = s;
        r.durationMs = 100 * n;
        r.error = s == StepStatus::Ok ? QString() : u"timed out after 5 s"_s;
        r.evidenceIds = s == StepStatus::Ok ? QStringList{u"ev1"_s} : QStringList{};
        r.required = n == 1;
        r.attempts = n;
        inv.steps.append(r);
    }
    const EvidenceKind kinds[] = {EvidenceKind::TimeSeries, EvidenceKind::Events,
                                  EvidenceKind::Table, EvidenceKind::Text, EvidenceKind::Config};
    n = 0;
    for (EvidenceKind k : kinds) {
        Evidence e;
        e.id = u"ev%1"_s.arg(++n);
        e.stepId = u"step1"_s;
        e.kind = k;
        e.connector = u"clickhouse"_s;
        e.title = u"Evidence %1"_s.arg(n);
        e.source = u"clickhouse:query:abc-%1"_s.arg(n);
        e.data = QJsonObject{{u"columns"_s, QJsonArray{u"t"_s, u"n"_s}},
                             {u"rows"_s, QJsonArray{QJsonArray{u"2026-11-20T09:14:00Z"_s, 6}}}};
        inv.evidence.append(e);
    }
    inv.findings.append(Finding{u"p95 rose from 340 ms to 1.2 s at 09:14 UTC"_s,
                                {u"route:/v1/analytics"_s},
                                {u"ev1"_s},
                                0.9});
    inv.rootCause = RootCause{QString::fromLatin1(Category::DeployRegression),
                              u"Deploy #447 (09:12 UTC) slowed /v1/analytics"_s,
                              0.85,
                              {u"github:deployment:447"_s, u"route:/v1/analytics"_s},
                              {u"ev1"_s, u"ev2"_s}};
    inv.rejected.append(RejectedHypothesis{QString::fromLatin1(Category::ProviderOutage),
                                           u"all provider status pages green in window"_s,
                                           {u"statuspage:openai:incident:k3"_s}});
    inv.secondaryCauses.append(RootCause{QString::fromLatin1(Category::ProviderOutage),
                                         u"OpenAI latency incident 09:20-09:40"_s,
                                         0.6,
                                         {u"statuspage:openai:incident:k3yq"_s},
                                         {}});
    inv.diagnosisMarkdown = u"# Hi\n\n*p95* rose at **09:14 UTC**."_s;
    inv.internalNoteMarkdown = u"**Internal**: `src/db/queries/usage_by_org.sql`, GW-123"_s;
    inv.replyLanguage = u"ja"_s;
    inv.workspace = u"Relay production"_s;
    inv.notChecked = {u"PagerDuty (not connected)"_s};
    inv.notCheckedWording = {
        {u"PagerDuty (not connected)"_s,
         {{u"unchecked.not_connected"_s, {Say::term(u"what"_s, u"source.pagerduty"_s)}}}}};
    inv.entityCorrections = {{u"provider"_s, u"anthropic"_s, u"openai"_s},
                             {u"model"_s, u"gpt-5"_s, QString()}};
    return inv;
}

} // namespace

class TestInvestigationJson final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripKeepsEverything()
    {
        const Investigation original = fullInvestigation();
        const QByteArray bytes = investigationToJsonBytes(original);
        const auto loaded = investigationFromJsonBytes(bytes);
        QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : loaded.error().message));
        // Serialising the loaded document again gives the same bytes: nothing was lost.
        QCOMPARE(investigationToJsonBytes(*loaded), bytes);
        QCOMPARE(loaded->steps.size(), 5);
        QCOMPARE(loaded->steps.at(2).status, StepStatus::Timeout);
        QCOMPARE(loaded->evidence.at(4).kind, EvidenceKind::Config);
        QCOMPARE(loaded->ticket.description, original.ticket.description);
        QCOMPARE(loaded->rootCause->refs, original.rootCause->refs);
        QCOMPARE(loaded->window.from, original.window.from);
        QCOMPARE(loaded->secondaryCauses.size(), 1);
        QCOMPARE(loaded->secondaryCauses.first().refs, original.secondaryCauses.first().refs);
        QCOMPARE(loaded->internalNoteMarkdown, original.internalNoteMarkdown);
        QCOMPARE(loaded->replyLanguage, u"ja"_s);
        QCOMPARE(loaded->workspace, u"Relay production"_s);
        QCOMPARE(loaded->entityCorrections, original.entityCorrections);
        QCOMPARE(loaded->notCheckedWording, original.notCheckedWording);
    }

    void secondOptionalFieldsMayBeAbsent()
    {
        QJsonObject doc = investigationToJson(fullInvestigation());
        for (const QString &key :
             {u"secondary_causes"_s, u"internal_note_markdown"_s, u"reply_language"_s,
              u"workspace"_s, u"entity_corrections"_s, u"not_checked_phrases"_s})
            doc.remove(key);
        const auto loaded = investigationFromJson(doc);
        QVERIFY(loaded.has_value());
        QVERIFY(loaded->secondaryCauses.isEmpty());
        QVERIFY(loaded->internalNoteMarkdown.isEmpty());
        QVERIFY(loaded->replyLanguage.isEmpty());
        QVERIFY(loaded->entityCorrections.isEmpty());
        QVERIFY(loaded->notCheckedWording.isEmpty());
        QJsonObject bad = investigationToJson(fullInvestigation());
        bad.insert(u"secondary_causes"_s, QJsonArray{QJsonObject{{u"category"_s, u"nope"_s}}});
        QVERIFY(!investigationFromJson(bad).has_value());
    }

    void contractFieldsPresent()
    {
        const QJsonObject doc = investigationToJson(fullInvestigation());
        for (const char *key :
             {"format", "ticket", "playbook", "window", "started_at", "duration_ms", "steps",
              "evidence", "findings", "root_cause", "rejected", "diagnosis_markdown"}) {
            QVERIFY2(doc.contains(QLatin1StringView(key)), key);
        }
        QCOMPARE(doc.value(u"format"_s).toString(), u"casefile-investigation/1"_s);
        QCOMPARE(doc.value(u"started_at"_s).toString(), u"2026-11-20T10:05:01Z"_s);
        const QJsonObject step = doc.value(u"steps"_s).toArray().at(0).toObject();
        QVERIFY(step.value(u"error"_s).isNull());
        QCOMPARE(doc.value(u"steps"_s).toArray().at(1).toObject().value(u"status"_s).toString(),
                 u"failed"_s);
    }

    void noRootCauseIsNull()
    {
        Investigation inv = fullInvestigation();
        inv.rootCause.reset();
        inv.playbook = {QString(), u"a plain question"_s};
        const QJsonObject doc = investigationToJson(inv);
        QVERIFY(doc.value(u"root_cause"_s).isNull());
        QVERIFY(doc.value(u"playbook"_s).toObject().value(u"name"_s).isNull());
        const auto back = investigationFromJson(doc);
        QVERIFY(back.has_value());
        QVERIFY(!back->rootCause.has_value());
        QVERIFY(back->playbook.name.isEmpty());
    }

    void rejectsBadDocuments_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{nope"_ba << u"not valid JSON"_s;
        QTest::newRow("array") << "[]"_ba << u"not a JSON object"_s;
        QTest::newRow("wrong format") << R"({"format":"other/1"})"_ba << u"format must be"_s;
        QTest::newRow("no ticket")
            << R"({"format":"casefile-investigation/1"})"_ba << u"no ticket"_s;
        QTest::newRow("bad status")
            << R"({"format":"casefile-investigation/1","ticket":{"id":"1"},"steps":[{"id":"s","status":"weird"}]})"_ba
            << u"unknown status"_s;
        QTest::newRow("bad kind")
            << R"({"format":"casefile-investigation/1","ticket":{"id":"1"},"evidence":[{"id":"e","kind":"video"}]})"_ba
            << u"unknown kind"_s;
        QTest::newRow("bad category")
            << R"({"format":"casefile-investigation/1","ticket":{"id":"1"},"root_cause":{"category":"aliens"}})"_ba
            << u"Unknown root-cause category"_s;
    }

    void rejectsBadDocuments()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto result = investigationFromJsonBytes(json);
        QVERIFY(!result.has_value());
        QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
    }

    void parsesTimesOfEveryVendor_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("utc");
        QTest::newRow("zulu") << u"2026-11-20T09:14:00Z"_s << u"2026-11-20T09:14:00Z"_s;
        QTest::newRow("millis offset")
            << u"2019-02-20T12:00:19.418-06:00"_s << u"2019-02-20T18:00:19Z"_s;
        QTest::newRow("jira no colon")
            << u"2024-05-01T12:34:56.789+0000"_s << u"2024-05-01T12:34:56Z"_s;
        QTest::newRow("clickhouse") << u"2026-11-20 09:14:00"_s << u"2026-11-20T09:14:00Z"_s;
        QTest::newRow("garbage") << u"yesterday-ish"_s << QString();
    }

    // Whatever this machine's zone: a time without an offset is UTC, never local time.
    void parsesTimesOfEveryVendor()
    {
        QFETCH(QString, text);
        QFETCH(QString, utc);
        const bool hadZone = qEnvironmentVariableIsSet("TZ");
        const QByteArray saved = qgetenv("TZ");
        for (const char *zone : {"UTC", "America/New_York", "Asia/Kolkata"}) {
            qputenv("TZ", zone);
            const QString parsed = toIsoUtc(fromIso(text));
            if (hadZone)
                qputenv("TZ", saved);
            else
                qunsetenv("TZ");
            QVERIFY2(parsed == utc,
                     qPrintable(u"in %1: %2"_s.arg(QLatin1StringView(zone), parsed)));
        }
    }

    // Found by fuzzing: numbers beyond qint64 are no id and no duration (they were undefined
    // behaviour).
    void outOfRangeNumbers()
    {
        const auto inv = investigationFromJsonBytes(R"({"format":"casefile-investigation/1",
          "ticket":{"id":-1e30},"duration_ms":1e300,
          "steps":[{"id":"s","status":"ok","duration_ms":-1e19}]})"_ba);
        QVERIFY(inv.has_value());
        QVERIFY(inv->ticket.id.isEmpty());
        QCOMPARE(inv->durationMs, 0);
        QCOMPARE(inv->steps.at(0).durationMs, 0);
        QCOMPARE(toInt64(-3.7), qint64(-3));
        QCOMPARE(toInt64(-9223372036854775808.0), std::numeric_limits<qint64>::min());
        QVERIFY(!toInt64(9223372036854775808.0));
        QVERIFY(!toInt64(std::numeric_limits<double>::quiet_NaN()));
    }

    void sharedExampleParses()
    {
        // The contract's example document (with its "…" placeholders replaced) must load.
        const QByteArray doc = R"({"format":"casefile-investigation/1",
          "ticket":{"id":"1042","subject":"Dashboard slow since this morning","org_id":"org_acme"},
          "playbook":{"name":"latency-spike","reason":"ticket mentions latency/slow"},
          "window":{"from":"2026-11-19T09:00:00Z","to":"2026-11-20T10:05:00Z"},
          "started_at":"2026-11-20T10:05:01Z","duration_ms":1830,
          "steps":[{"id":"recent_deploys","connector":"github","title":"Deploys in window",
                    "status":"failed","duration_ms":5000,"error":"timed out after 5 s","evidence":[]}],
          "evidence":[{"id":"ev1","kind":"timeseries","connector":"clickhouse","title":"p95",
                       "source":"clickhouse:query:q1","data":{}}],
          "findings":[{"summary":"p95 rose","refs":["route:/v1/analytics"],"evidence":["ev1"],"confidence":0.9}],
          "root_cause":{"category":"deploy_regression","summary":"Deploy #447","confidence":0.85,
                        "refs":["github:deployment:447","route:/v1/analytics"]},
          "rejected":[{"category":"provider_outage","reason":"all green"}],
          "diagnosis_markdown":"draft"})"_ba;
        const auto inv = investigationFromJsonBytes(doc);
        QVERIFY(inv.has_value());
        QCOMPARE(inv->steps.at(0).error, u"timed out after 5 s"_s);
        QCOMPARE(inv->rootCause->category, u"deploy_regression"_s);
        QCOMPARE(inv->durationMs, 1830);
    }

    void customerSideCategories_data()
    {
        // every category of the contract, and which side of the line it is on
        QTest::addColumn<QString>("category");
        QTest::addColumn<bool>("customerSide");
        const QHash<QString, bool> customerSide{
            {u"customer_config"_s, true},    {u"customer_endpoint"_s, true},
            {u"sdk_version"_s, true},        {u"rate_limited"_s, true},
            {u"deploy_regression"_s, false}, {u"provider_outage"_s, false},
            {u"known_bug"_s, false},         {u"billing_pipeline"_s, false},
            {u"expected_behavior"_s, false}, {u"no_fault_found"_s, false},
        };
        for (const QString &category : knownCategories()) {
            QVERIFY2(customerSide.contains(category), qPrintable(category));
            QTest::newRow(qPrintable(category)) << category << customerSide.value(category);
        }
        QTest::newRow("unknown") << u"customer"_s << false;
    }
    void customerSideCategories()
    {
        QFETCH(QString, category);
        QFETCH(bool, customerSide);
        QCOMPARE(Category::onCustomerSide(category), customerSide);
    }
};

QTEST_GUILESS_MAIN(TestInvestigationJson)
#include "tst_investigationjson.moc"
