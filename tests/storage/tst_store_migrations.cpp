// The store: Every released schema migrates to the latest one.
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

class TestStoreMigrations final
    : public QObject
    , private StoreTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(makeDir()); }
    void cleanup() { removeDir(); }

    void migrations_data();
    void migrations();
};

void TestStoreMigrations::migrations_data()
{
    QTest::addColumn<int>("fromVersion");
    for (int v = 0; v < SqliteStore::latestSchemaVersion(); ++v)
        QTest::newRow(qPrintable(u"from v%1"_s.arg(v))) << v;
}

void TestStoreMigrations::migrations()
{
    QFETCH(int, fromVersion);
    QVERIFY2(fromVersion <= 2, "add the frozen schema of the new version to this test");

    const Investigation inv = richInvestigation(u"old"_s);
    Ticket ticket;
    ticket.id = u"55"_s;
    ticket.subject = u"Old ticket ü"_s;
    ticket.status = u"open"_s;
    if (fromVersion >= 1) {
        DirectDb db(dbPath());
        QVERIFY(db.ok());
        for (const QString &sql : schemaV1)
            QVERIFY(db.exec(sql));
        QVERIFY(db.exec(u"INSERT INTO investigations (id, ticket_id, subject, org_id, playbook, "
                        u"category, confidence, started_at, duration_ms, saved_at, document) "
                        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                        {u"old-1"_s, inv.ticket.id, inv.ticket.subject, inv.ticket.orgId,
                         inv.playbook.name, inv.rootCause->category, inv.rootCause->confidence,
                         inv.startedAt.toString(Qt::ISODateWithMs), inv.durationMs,
                         u"2026-11-20T10:06:00.000Z"_s, QString::fromUtf8(canonical(inv))}));
        QVERIFY(db.exec(u"INSERT INTO steps (investigation_id, position, step_id, connector, "
                        u"operation, title, status, duration_ms, error) VALUES "
                        u"('old-1', 0, 'step_0', 'clickhouse', 'op', 't', 'ok', 100, '')"_s));
        QVERIFY(db.exec(u"INSERT INTO evidence (investigation_id, position, evidence_id, step_id, "
                        u"kind, connector, title, source, data) VALUES "
                        u"('old-1', 0, 'ev1', 'step_0', 'text', 'clickhouse', 't', 's', '{}')"_s));
        QVERIFY(db.exec(u"INSERT INTO tickets (workspace, id, position, subject, status, "
                        u"updated_at, snapshot) VALUES (?, ?, 0, ?, ?, '', ?)"_s,
                        {u"acme"_s, ticket.id, ticket.subject, ticket.status,
                         QString::fromUtf8(QJsonDocument(ticketToJson(ticket)).toJson())}));
    }
    if (fromVersion >= 2) {
        DirectDb db(dbPath());
        for (const QString &sql : schemaV2)
            QVERIFY(db.exec(sql));
        QVERIFY(
            db.exec(u"INSERT INTO drafts (investigation_id, revision, ticket_id, markdown, "
                    u"saved_at) VALUES ('old-1', 1, ?, 'old draft', '2026-11-20T10:07:00.000Z')"_s,
                    {inv.ticket.id}));
        QVERIFY(db.exec(u"INSERT INTO sends (id, investigation_id, ticket_id, body, is_public, "
                        u"idempotency_key, state, remote_id, error, created_at, sent_at) VALUES "
                        u"('send-1', 'old-1', ?, 'old reply', 1, 'key-1', 'pending', '', '', "
                        u"'2026-11-20T10:08:00.000Z', '')"_s,
                        {inv.ticket.id}));
    }
    if (fromVersion >= 1) {
        DirectDb db(dbPath());
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), fromVersion);
    }

    bool firstOpen = true;
    for (const bool fullText : {true, false}) {
        // Opened first with FTS when asked, then the other way round: both must see the data.
        auto store = SqliteStore::open(dbPath(), {.fullTextSearch = fullText});
        QVERIFY2(store,
                 qPrintable(store ? QString()
                                  : store.error().message + u" / "_s + store.error().detail));
        QCOMPARE((*store)->schemaVersion(), SqliteStore::latestSchemaVersion());
        QVERIFY((*store)->checkIntegrity());
        if (fromVersion == 0) {
            auto list = (*store)->listInvestigations();
            QVERIFY(list);
            QVERIFY(list->isEmpty());
            continue;
        }
        auto loaded = (*store)->loadInvestigation(u"old-1"_s);
        QVERIFY(loaded);
        QCOMPARE(canonical(*loaded), canonical(inv));
        auto list = (*store)->listInvestigations();
        QVERIFY(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().category, u"deploy_regression"_s);
        auto found = (*store)->search(u"unindexed analytics"_s);
        QVERIFY(found);
        QCOMPARE(found->size(), 1);
        auto tickets = (*store)->tickets(u"acme"_s);
        QVERIFY(tickets);
        QCOMPARE(tickets->size(), 1);
        QCOMPARE(tickets->first().subject, ticket.subject);
        auto drafts = (*store)->drafts(u"old-1"_s);
        QVERIFY(drafts);
        auto sends = (*store)->sends(u"old-1"_s);
        QVERIFY(sends);
        if (!firstOpen) {
            // The second open sees what the first one wrote on top.
            QCOMPARE(drafts->first().markdown, u"new draft"_s);
        } else if (fromVersion >= 2) {
            QCOMPARE(drafts->size(), 1);
            QCOMPARE(drafts->first().markdown, u"old draft"_s);
            QCOMPARE(sends->size(), 1);
            QCOMPARE(sends->first().idempotencyKey, u"key-1"_s);
            // The old pending send is retried with its key.
            auto retry = (*store)->beginSend(u"old-1"_s, inv.ticket.id, u"old reply"_s, true);
            QVERIFY(retry);
            QCOMPARE(retry->idempotencyKey, u"key-1"_s);
        } else {
            QVERIFY(drafts->isEmpty());
            QVERIFY(sends->isEmpty());
        }
        // The migrated database takes new writes of every kind.
        QVERIFY((*store)->saveDraft(u"old-1"_s, inv.ticket.id, u"new draft"_s));
        QVERIFY((*store)->saveFeedback({u"old-1"_s, u"right"_s, 0.1, {}, {}}));
        QVERIFY((*store)->saveInvestigation(inv, u"old-1"_s));
        firstOpen = false;
    }
}

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_store_migrations.moc"
