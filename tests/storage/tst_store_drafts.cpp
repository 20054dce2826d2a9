// The store: Draft history, the send state machine, feedback and metrics.
#include "core/async.h"
#include "core/investigationjson.h"
#include "storage/sqlitestore.h"
#include "storetestsupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimeZone>
#include <QUuid>

#include <cstdio>
#include <map>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace StoreTestSupport;

class TestStoreDrafts final
    : public QObject
    , private StoreTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(makeDir()); }
    void cleanup() { removeDir(); }

    void draftHistory();
    void sendStateMachine();
    void feedbackAndMetrics();
};

void TestStoreDrafts::draftHistory()
{
    auto store = openStore();
    QVERIFY(store);
    for (int i = 1; i <= 3; ++i) {
        auto draft = store->saveDraft(u"inv"_s, u"1042"_s, u"Draft %1 — ünïcode"_s.arg(i));
        QVERIFY(draft);
        QCOMPARE(draft->revision, i);
        QVERIFY(draft->savedAt.isValid());
    }
    QVERIFY(store->saveDraft(u"other"_s, u"9"_s, u"x"_s));
    auto history = store->drafts(u"inv"_s);
    QVERIFY(history);
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(0).revision, 3);
    QCOMPARE(history->at(0).markdown, u"Draft 3 — ünïcode"_s);
    QCOMPARE(history->at(2).revision, 1);
    QCOMPARE(history->at(2).ticketId, u"1042"_s);
    QVERIFY(!store->saveDraft(QString(), u"1"_s, u"x"_s));
}

void TestStoreDrafts::sendStateMachine()
{
    auto store = openStore();
    QVERIFY(store);
    auto first = store->beginSend(u"inv"_s, u"1042"_s, u"Hello, the fix is out."_s, true);
    QVERIFY(first);
    QCOMPARE(first->state, SentReply::State::Pending);
    QVERIFY(!first->idempotencyKey.isEmpty());
    QVERIFY(first->createdAt.isValid());
    QCOMPARE(first->isPublic, true);

    // A retry (after a crash or a failure) reuses the pending send and its key.
    auto retry = store->beginSend(u"inv"_s, u"1042"_s, u"Hello, the fix is out."_s, true);
    QVERIFY(retry);
    QCOMPARE(retry->id, first->id);
    QCOMPARE(retry->idempotencyKey, first->idempotencyKey);

    // Another body is another send.
    auto other = store->beginSend(u"inv"_s, u"1042"_s, u"Internal note"_s, false);
    QVERIFY(other);
    QVERIFY(other->id != first->id);
    QVERIFY(other->idempotencyKey != first->idempotencyKey);
    QCOMPARE(other->isPublic, false);

    QVERIFY(store->markFailed(other->id, u"Zendesk answered 503"_s));
    auto again = store->beginSend(u"inv"_s, u"1042"_s, u"Internal note"_s, false);
    QVERIFY(again);
    QCOMPARE(again->id, other->id);
    QCOMPARE(again->idempotencyKey, other->idempotencyKey);
    QCOMPARE(again->state, SentReply::State::Pending);
    QVERIFY(again->error.isEmpty());

    QVERIFY(store->markSent(first->id, u"comment-77"_s));
    QVERIFY(store->markSent(first->id, u"comment-77"_s)); // idempotent
    auto twice = store->markSent(first->id, u"comment-78"_s);
    QVERIFY(!twice);
    auto late = store->markFailed(first->id, u"timeout"_s);
    QVERIFY(!late);
    QVERIFY(!store->markSent(u"missing"_s, u"x"_s));
    QVERIFY(!store->beginSend(u"inv"_s, u"1042"_s, u"   "_s, true));

    // After it went out, the same text again is a new send with a new key.
    auto resend = store->beginSend(u"inv"_s, u"1042"_s, u"Hello, the fix is out."_s, true);
    QVERIFY(resend);
    QVERIFY(resend->id != first->id);
    QVERIFY(resend->idempotencyKey != first->idempotencyKey);

    QVERIFY(store->markFailed(other->id, u"Zendesk answered 503 again"_s));
    auto all = store->sends();
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).id, first->id);
    QCOMPARE(all->at(0).state, SentReply::State::Sent);
    QCOMPARE(all->at(0).remoteId, u"comment-77"_s);
    QVERIFY(all->at(0).sentAt.isValid());
    QCOMPARE(all->at(1).state, SentReply::State::Failed);
    QCOMPARE(all->at(1).error, u"Zendesk answered 503 again"_s);
    QCOMPARE(all->at(2).state, SentReply::State::Pending);
    auto forOther = store->sends(u"another"_s);
    QVERIFY(forOther);
    QVERIFY(forOther->isEmpty());

    // Pending sends survive a restart (a crash between the network call and markSent).
    store.reset();
    store = openStore();
    QVERIFY(store);
    auto reopened = store->sends(u"inv"_s);
    QVERIFY(reopened);
    QCOMPARE(reopened->size(), 3);
    QCOMPARE(reopened->at(2).state, SentReply::State::Pending);
    QCOMPARE(reopened->at(2).idempotencyKey, resend->idempotencyKey);
    QCOMPARE(sendStateName(SentReply::State::Failed), u"failed"_s);
}

void TestStoreDrafts::feedbackAndMetrics()
{
    auto store = openStore();
    QVERIFY(store);
    auto empty = store->metrics();
    QVERIFY(empty);
    QCOMPARE(empty->size(), 1);
    QCOMPARE(empty->first().playbook, QString());
    QCOMPARE(empty->first().investigated, 0);

    const QDateTime started = QDateTime::currentDateTimeUtc().addSecs(-600);
    auto make = [&](const QString &playbook, qint64 durationMs, const QStringList &ranConnectors) {
        Investigation inv;
        inv.ticket.id = u"t"_s;
        inv.ticket.subject = u"s"_s;
        inv.playbook = {playbook, u"r"_s};
        inv.startedAt = started;
        inv.durationMs = durationMs;
        int n = 0;
        for (const QString &c : ranConnectors) {
            StepRecord s;
            s.id = u"s%1"_s.arg(++n);
            s.connector = c;
            s.status = StepStatus::Ok;
            inv.steps.append(s);
        }
        StepRecord skipped;
        skipped.id = u"skipped"_s;
        skipped.connector = u"jira"_s; // skipped: not queried
        skipped.status = StepStatus::Skipped;
        inv.steps.append(skipped);
        return inv;
    };
    QVERIFY(store->saveInvestigation(
        make(u"latency-spike"_s, 10000, {u"clickhouse"_s, u"github"_s, u"clickhouse"_s}), u"l1"_s));
    QVERIFY(
        store->saveInvestigation(make(u"latency-spike"_s, 30000,
                                      {u"clickhouse"_s, u"github"_s, u"statuspage"_s, u"linear"_s}),
                                 u"l2"_s));
    QVERIFY(store->saveInvestigation(make(u"latency-spike"_s, 20000, {u"clickhouse"_s}), u"l3"_s));
    QVERIFY(store->saveInvestigation(make(u"api-errors"_s, 5000, {u"clickhouse"_s, u"github"_s}),
                                     u"a1"_s));
    QVERIFY(store->saveInvestigation(make(QString(), 100, {}), u"q1"_s));

    auto s1 = store->beginSend(u"l1"_s, u"t"_s, u"reply"_s, true);
    QVERIFY(s1);
    QVERIFY(store->markSent(s1->id, u"c1"_s));
    auto s2 = store->beginSend(u"l2"_s, u"t"_s, u"reply"_s, true);
    QVERIFY(s2);
    QVERIFY(store->markSent(s2->id, u"c2"_s));
    auto failed = store->beginSend(u"a1"_s, u"t"_s, u"reply"_s, true);
    QVERIFY(failed);
    QVERIFY(store->markFailed(failed->id, u"503"_s));

    QVERIFY(store->saveFeedback({u"l1"_s, u"wrong"_s, 0.9, {}, {}}));
    QVERIFY(
        store->saveFeedback({u"l1"_s, u"right"_s, 0.2, u"changed my mind"_s, {}})); // latest counts
    QVERIFY(store->saveFeedback({u"l2"_s, u"partly"_s, 0.5, {}, {}}));
    QVERIFY(store->saveFeedback({u"a1"_s, u"right"_s, 0.0, {}, {}}));
    QVERIFY(!store->saveFeedback({u"a1"_s, u"maybe"_s, 0.0, {}, {}}));
    QVERIFY(!store->saveFeedback({QString(), u"right"_s, 0.0, {}, {}}));
    auto fb = store->feedback(u"l1"_s);
    QVERIFY(fb);
    QCOMPARE(fb->size(), 1);
    QCOMPARE(fb->first().verdict, u"right"_s);
    QCOMPARE(fb->first().editedShare, 0.2);
    QCOMPARE(fb->first().note, u"changed my mind"_s);

    auto sends = store->sends();
    QVERIFY(sends);
    QMap<QString, double> toSend;
    for (const SentReply &s : *sends) {
        if (s.state == SentReply::State::Sent)
            toSend[s.investigationId] = started.msecsTo(s.sentAt) / 1000.0;
    }
    QCOMPARE(toSend.size(), 2);

    auto metrics = store->metrics();
    QVERIFY(metrics);
    QCOMPARE(metrics->size(), 3);
    const PlaybookMetrics &api = metrics->at(0);
    QCOMPARE(api.playbook, u"api-errors"_s);
    QCOMPARE(api.investigated, 1);
    QCOMPARE(api.medianSecondsToDiagnosis, 5.0);
    QCOMPARE(api.medianSecondsToSend, 0.0); // the send failed
    QCOMPARE(api.meanSystemsQueried, 2.0);
    QCOMPARE(api.confirmed, 1);
    QCOMPARE(api.judged, 1);

    const PlaybookMetrics &latency = metrics->at(1);
    QCOMPARE(latency.playbook, u"latency-spike"_s);
    QCOMPARE(latency.investigated, 3);
    QCOMPARE(latency.medianSecondsToDiagnosis, 20.0);
    QCOMPARE(latency.medianSecondsToSend, (toSend[u"l1"_s] + toSend[u"l2"_s]) / 2);
    QCOMPARE(latency.meanSystemsQueried, (2.0 + 4.0 + 1.0) / 3);
    QCOMPARE(latency.confirmed, 1);
    QCOMPARE(latency.judged, 2);

    const PlaybookMetrics &all = metrics->at(2);
    QCOMPARE(all.playbook, QString());
    QCOMPARE(all.investigated, 5);
    QCOMPARE(all.medianSecondsToDiagnosis, 10.0); // 0.1 5 10 20 30
    QCOMPARE(all.meanSystemsQueried, (2.0 + 4.0 + 1.0 + 2.0 + 0.0) / 5);
    QCOMPARE(all.confirmed, 2);
    QCOMPARE(all.judged, 3);
}

QTEST_GUILESS_MAIN(TestStoreDrafts)
#include "tst_store_drafts.moc"
