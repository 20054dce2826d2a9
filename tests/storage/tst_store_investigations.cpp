// The store: Saving, loading, listing and removing investigations; the ticket cache; use from
// several threads.
#include "core/async.h"
#include "core/investigationjson.h"
#include "fixtures.h"
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

class TestStoreInvestigations final
    : public QObject
    , private StoreTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(makeDir()); }
    void cleanup() { removeDir(); }

    void openCreatesLatestSchema();
    void refusesNewerSchema();
    void refusesGarbage();
    void roundTrip();
    void upsertReplacesRows();
    void loadMissing();
    void listOrderAndPaging();
    void removeKeepsAudit();
    void ticketCache();
    void concurrentUse();
    void fromThreadPool();
};

void TestStoreInvestigations::openCreatesLatestSchema()
{
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), SqliteStore::latestSchemaVersion());
    QVERIFY(SqliteStore::latestSchemaVersion() >= 3);
    QVERIFY(store->hasFullTextSearch()); // Debian's SQLite has FTS5
    QVERIFY(store->checkIntegrity().has_value());
    QVERIFY(SqliteStore::defaultPath().endsWith(u"/casefile.sqlite"_s));

    DirectDb db(dbPath());
    QVERIFY(db.ok());
    QCOMPARE(db.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), SqliteStore::latestSchemaVersion());

    auto noFts = openStore({.fullTextSearch = false});
    QVERIFY(noFts);
    QVERIFY(!noFts->hasFullTextSearch());
}

void TestStoreInvestigations::refusesNewerSchema()
{
    {
        auto store = openStore();
        QVERIFY(store);
    }
    {
        DirectDb db(dbPath());
        QVERIFY(db.exec(u"PRAGMA user_version = 99"_s));
    }
    auto store = SqliteStore::open(dbPath());
    QVERIFY(!store);
    QCOMPARE(store.error().code, Error::Code::Storage);
    QVERIFY2(store.error().message.contains(u"newer Casefile"_s),
             qPrintable(store.error().message));
}

void TestStoreInvestigations::refusesGarbage()
{
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'z'));
    file.close();
    auto store = SqliteStore::open(dbPath());
    QVERIFY(!store);
    QCOMPARE(store.error().code, Error::Code::Storage);
    QVERIFY2(store.error().message.contains(u"is not a Casefile database"_s),
             qPrintable(store.error().message));

    auto nowhere = SqliteStore::open(QString());
    QVERIFY(!nowhere);
    QCOMPARE(nowhere.error().code, Error::Code::InvalidInput);
}

void TestStoreInvestigations::roundTrip()
{
    auto store = openStore();
    QVERIFY(store);
    const Investigation inv = richInvestigation();
    auto id = store->saveInvestigation(inv);
    QVERIFY(id);
    QVERIFY(!id->isEmpty());

    auto loaded = store->loadInvestigation(*id);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(canonical(*loaded), canonical(inv));
    QCOMPARE(loaded->ticket.subject, inv.ticket.subject);
    QCOMPARE(loaded->steps.size(), 5);
    QCOMPARE(loaded->steps.at(2).status, StepStatus::Timeout);
    QCOMPARE(loaded->evidence.size(), 5);
    QCOMPARE(loaded->evidence.at(4).kind, EvidenceKind::Config);
    QCOMPARE(loaded->evidence.at(0).data, inv.evidence.at(0).data);
    QVERIFY(loaded->rootCause);
    QCOMPARE(loaded->rootCause->category, u"deploy_regression"_s);
    QCOMPARE(loaded->rejected.size(), 1);
    QCOMPARE(loaded->notChecked, QStringList{u"jira"_s});

    // The denormalised rows match the document.
    DirectDb db(dbPath());
    QCOMPARE(db.scalar(u"SELECT count(*) FROM steps WHERE investigation_id = ?"_s, {*id}).toInt(),
             5);
    QCOMPARE(
        db.scalar(u"SELECT count(*) FROM evidence WHERE investigation_id = ?"_s, {*id}).toInt(), 5);
    QCOMPARE(
        db.scalar(u"SELECT status FROM steps WHERE investigation_id = ? AND position = 3"_s, {*id})
            .toString(),
        u"skipped"_s);
    QCOMPARE(
        db.scalar(u"SELECT kind FROM evidence WHERE investigation_id = ? AND position = 0"_s, {*id})
            .toString(),
        u"timeseries"_s);
    QCOMPARE(db.scalar(u"SELECT category FROM investigations WHERE id = ?"_s, {*id}).toString(),
             u"deploy_regression"_s);

    auto list = store->listInvestigations();
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    const SavedInvestigationSummary &s = list->first();
    QCOMPARE(s.id, *id);
    QCOMPARE(s.ticketId, inv.ticket.id);
    QCOMPARE(s.subject, inv.ticket.subject);
    QCOMPARE(s.orgId, u"org_acme"_s);
    QCOMPARE(s.playbook, u"latency-spike"_s);
    QCOMPARE(s.category, u"deploy_regression"_s);
    QCOMPARE(s.confidence, 0.85);
    QCOMPARE(s.startedAt, inv.startedAt);
    QCOMPARE(s.durationMs, inv.durationMs);
    QVERIFY(s.savedAt.isValid());

    // A plain question: no playbook, no root cause.
    Investigation question;
    question.ticket.id = u"7"_s;
    question.ticket.subject = u"How do I rotate my key?"_s;
    question.playbook.reason = u"a how-to question"_s;
    auto qid = store->saveInvestigation(question, u"question"_s);
    QVERIFY(qid);
    QCOMPARE(*qid, u"question"_s);
    auto q = store->loadInvestigation(u"question"_s);
    QVERIFY(q);
    QCOMPARE(canonical(*q), canonical(question));
    QVERIFY(!q->rootCause);
}

void TestStoreInvestigations::upsertReplacesRows()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->saveInvestigation(richInvestigation(u"a"_s, 0), u"inv1"_s));
    Investigation second = richInvestigation(u"a"_s, 1);
    second.steps.removeLast();
    second.evidence.removeLast();
    second.rootCause->category = u"known_bug"_s;
    QVERIFY(store->saveInvestigation(second, u"inv1"_s));

    auto list = store->listInvestigations();
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().category, u"known_bug"_s);
    auto loaded = store->loadInvestigation(u"inv1"_s);
    QVERIFY(loaded);
    QCOMPARE(canonical(*loaded), canonical(second));
    DirectDb db(dbPath());
    QCOMPARE(db.scalar(u"SELECT count(*) FROM steps"_s).toInt(), 4);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM evidence"_s).toInt(), 4);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text"_s).toInt(), 1);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text_rows"_s).toInt(), 1);
}

void TestStoreInvestigations::loadMissing()
{
    auto store = openStore();
    QVERIFY(store);
    auto loaded = store->loadInvestigation(u"nope"_s);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, Error::Code::NotFound);
    auto removed = store->removeInvestigation(u"nope"_s);
    QVERIFY(!removed);
    QCOMPARE(removed.error().code, Error::Code::NotFound);
}

void TestStoreInvestigations::listOrderAndPaging()
{
    auto store = openStore();
    QVERIFY(store);
    for (int i = 0; i < 5; ++i)
        QVERIFY(store->saveInvestigation(richInvestigation(QString::number(i)), u"id%1"_s.arg(i)));
    auto all = store->listInvestigations();
    QVERIFY(all);
    QCOMPARE(all->size(), 5);
    QCOMPARE(all->first().id, u"id4"_s); // newest first
    QCOMPARE(all->last().id, u"id0"_s);
    auto page = store->listInvestigations(2, 1);
    QVERIFY(page);
    QCOMPARE(page->size(), 2);
    QCOMPARE(page->at(0).id, u"id3"_s);
    QCOMPARE(page->at(1).id, u"id2"_s);
}

void TestStoreInvestigations::removeKeepsAudit()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->saveInvestigation(richInvestigation(u"a"_s), u"a"_s));
    QVERIFY(store->saveInvestigation(richInvestigation(u"b"_s), u"b"_s));
    QVERIFY(store->saveDraft(u"a"_s, u"1042-a"_s, u"draft"_s));
    auto send = store->beginSend(u"a"_s, u"1042-a"_s, u"Hello"_s, true);
    QVERIFY(send);
    QVERIFY(store->saveFeedback({u"a"_s, u"right"_s, 0.1, u"good"_s, {}}));

    QVERIFY(store->removeInvestigation(u"a"_s));
    QVERIFY(!store->loadInvestigation(u"a"_s));
    auto list = store->listInvestigations();
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, u"b"_s);
    auto found = store->search(u"deploy"_s);
    QVERIFY(found);
    QCOMPARE(found->size(), 1);
    auto drafts = store->drafts(u"a"_s);
    QVERIFY(drafts);
    QVERIFY(drafts->isEmpty());
    auto sends = store->sends(u"a"_s);
    QVERIFY(sends);
    QCOMPARE(sends->size(), 1);

    DirectDb db(dbPath());
    QCOMPARE(db.scalar(u"SELECT count(*) FROM steps WHERE investigation_id = 'a'"_s).toInt(), 0);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM evidence WHERE investigation_id = 'a'"_s).toInt(), 0);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM steps"_s).toInt(), 5);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text"_s).toInt(), 1);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text_rows"_s).toInt(), 1);
}

void TestStoreInvestigations::ticketCache()
{
    auto store = openStore();
    QVERIFY(store);
    QList<Ticket> tickets;
    for (int i = 0; i < 3; ++i) {
        Ticket t = TestData::ticket(QString::number(100 - i));
        t.subject = u"Ticket %1 «ü»"_s.arg(i);
        t.description = u"'); DROP TABLE tickets; --"_s;
        t.tags = {u"latency"_s, u"vip"_s};
        t.createdAt = utc(20, 8, i);
        t.updatedAt = utc(20, 9, i);
        tickets.append(t);
    }
    QVERIFY(store->saveTickets(u"acme"_s, tickets));
    QVERIFY(store->saveTickets(u"other"_s, {tickets.first()}));
    auto loaded = store->tickets(u"acme"_s);
    QVERIFY(loaded);
    QCOMPARE(loaded->size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(loaded->at(i).id, tickets.at(i).id);
        QCOMPARE(loaded->at(i).subject, tickets.at(i).subject);
        QCOMPARE(loaded->at(i).description, tickets.at(i).description);
        QCOMPARE(loaded->at(i).tags, tickets.at(i).tags);
        QCOMPARE(loaded->at(i).updatedAt, tickets.at(i).updatedAt);
    }
    // A new snapshot replaces the old one.
    QVERIFY(store->saveTickets(u"acme"_s, {tickets.at(2)}));
    loaded = store->tickets(u"acme"_s);
    QVERIFY(loaded);
    QCOMPARE(loaded->size(), 1);
    QCOMPARE(loaded->first().id, tickets.at(2).id);
    auto other = store->tickets(u"other"_s);
    QVERIFY(other);
    QCOMPARE(other->size(), 1);
    auto none = store->tickets(u"nobody"_s);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
}

void TestStoreInvestigations::concurrentUse()
{
    auto store = openStore();
    QVERIFY(store);
    constexpr int threads = 4;
    constexpr int perThread = 15;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                const QString id = u"t%1-%2"_s.arg(t).arg(i);
                if (!store->saveInvestigation(richInvestigation(id), id))
                    ++failures;
                auto loaded = store->loadInvestigation(id);
                if (!loaded || canonical(*loaded) != canonical(richInvestigation(id)))
                    ++failures;
                if (!store->listInvestigations(10) || !store->search(u"deploy"_s))
                    ++failures;
                if (!store->saveDraft(id, id, u"draft"_s))
                    ++failures;
            }
        });
    }
    for (std::thread &w : workers)
        w.join();
    QCOMPARE(failures.load(), 0);
    auto list = store->listInvestigations(1000);
    QVERIFY(list);
    QCOMPARE(list->size(), threads * perThread);
    QVERIFY(store->checkIntegrity());
}

void TestStoreInvestigations::fromThreadPool()
{
    // The GUI's way: runAsync on a pool whose threads come and go. An expired thread drops
    // its reading connection; a new thread opens its own.
    auto store = openStore();
    QVERIFY(store);
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    pool.setExpiryTimeout(1);
    QObject guard;
    int done = 0;
    int failures = 0;
    constexpr int rounds = 6;
    for (int round = 0; round < rounds; ++round) {
        const QString id = u"pool-%1"_s.arg(round);
        runAsync(
            &guard,
            [&store, id] {
                if (!store->saveInvestigation(richInvestigation(id), id))
                    return false;
                auto loaded = store->loadInvestigation(id);
                return loaded && canonical(*loaded) == canonical(richInvestigation(id));
            },
            [&](bool ok) {
                ++done;
                failures += ok ? 0 : 1;
            },
            &pool);
        QTRY_COMPARE(done, round + 1);
        QTest::qWait(20); // let the pool thread expire
    }
    QCOMPARE(failures, 0);
    auto list = store->listInvestigations();
    QVERIFY(list);
    QCOMPARE(list->size(), rounds);
}

QTEST_GUILESS_MAIN(TestStoreInvestigations)
#include "tst_store_investigations.moc"
