#include "core/async.h"
#include "core/investigationjson.h"
#include "storage/sqlitestore.h"

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

namespace {

QDateTime utc(int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute, second), QTimeZone::utc());
}

// A rich investigation: every step status, every evidence kind, findings, a root cause,
// rejected hypotheses, unicode and hostile text. `variant` makes distinct ones.
Investigation richInvestigation(const QString &variant = u"a"_s, int revision = 0)
{
    Investigation inv;
    inv.ticket.id = u"1042-"_s + variant;
    inv.ticket.subject =
        u"Latency doubled since this morning — Zürich 東京 🚀 ("_s + variant + u")"_s;
    inv.ticket.description =
        u"Our dashboard is slow. <b>not html</b> '); DROP TABLE investigations; --"_s;
    inv.ticket.orgId = u"org_acme"_s;
    inv.ticket.orgName = u"Acme Analytics"_s;
    inv.ticket.requesterEmail = u"jun@acme.dev"_s;
    inv.ticket.createdAt = utc(20, 9, 58);
    inv.playbook = {u"latency-spike"_s, u"ticket mentions latency; p95 shifted"_s};
    inv.window = {utc(19, 9, 0), utc(20, 10, 5)};
    inv.startedAt = utc(20, 10, 5, 1);
    inv.durationMs = 1830 + revision;

    const StepStatus statuses[] = {StepStatus::Ok, StepStatus::Failed, StepStatus::Timeout,
                                   StepStatus::Skipped, StepStatus::Cancelled};
    const QString connectors[] = {u"clickhouse"_s, u"github"_s, u"linear"_s, u"statuspage"_s,
                                  u"pagerduty"_s};
    for (int i = 0; i < 5; ++i) {
        StepRecord s;
        s.id = u"step_%1"_s.arg(i);
        s.connector = connectors[i];
        s.operation = u"op_%1"_s.arg(i);
        s.title = u"Step %1 «ünïcode»"_s.arg(i);
        s.status = statuses[i];
        s.durationMs = 100 * (i + 1);
        s.error = statuses[i] == StepStatus::Ok ? QString() : u"timed out after 5 s"_s;
        s.evidenceIds = i == 0 ? QStringList{u"ev1"_s, u"ev2"_s} : QStringList{};
        s.required = i == 0;
        s.attempts = i + 1;
        inv.steps.append(s);
    }

    const EvidenceKind kinds[] = {EvidenceKind::TimeSeries, EvidenceKind::Events,
                                  EvidenceKind::Table, EvidenceKind::Text, EvidenceKind::Config};
    const QJsonObject payloads[] = {
        QJsonObject{
            {u"unit"_s, u"ms"_s},
            {u"series"_s,
             QJsonArray{QJsonObject{
                 {u"name"_s, u"p95"_s},
                 {u"points"_s, QJsonArray{QJsonArray{u"2026-11-20T09:00:00Z"_s, 340},
                                          QJsonArray{u"2026-11-20T09:15:00Z"_s, 1210.5}}}}}}},
        QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"at"_s, u"2026-11-20T09:12:00Z"_s},
                                                         {u"title"_s, u"Deploy #447"_s},
                                                         {u"ref"_s, u"github:deployment:447"_s}}}}},
        QJsonObject{{u"columns"_s, QJsonArray{u"route"_s, u"p95_ms"_s}},
                    {u"rows"_s, QJsonArray{QJsonArray{u"/v1/analytics"_s, 1200},
                                           QJsonArray{u"/v1/chat"_s, 310}}}},
        QJsonObject{{u"text"_s, u"Status: all systems operational ✓"_s}},
        QJsonObject{{u"format"_s, u"json"_s},
                    {u"config"_s, QJsonObject{{u"retry"_s, QJsonObject{{u"attempts"_s, 3}}}}}},
    };
    for (int i = 0; i < 5; ++i) {
        Evidence e;
        e.id = u"ev%1"_s.arg(i + 1);
        e.stepId = u"step_0"_s;
        e.kind = kinds[i];
        e.connector = connectors[i];
        e.title = u"Evidence %1"_s.arg(i + 1);
        e.source = u"clickhouse:query:q-%1"_s.arg(i + 1);
        e.data = payloads[i];
        inv.evidence.append(e);
    }

    inv.findings.append({u"p95 rose from 340 ms to 1.2 s at 09:14 UTC on /v1/analytics"_s,
                         {u"route:/v1/analytics"_s},
                         {u"ev1"_s},
                         0.9});
    inv.findings.append(
        {u"Deploy #447 landed at 09:12 UTC"_s, {u"github:deployment:447"_s}, {u"ev2"_s}, 0.8});
    inv.rootCause = RootCause{u"deploy_regression"_s,
                              u"Deploy #447 added an unindexed query to /v1/analytics"_s,
                              0.85,
                              {u"github:deployment:447"_s, u"route:/v1/analytics"_s},
                              {u"ev1"_s, u"ev2"_s}};
    inv.rejected.append({u"provider_outage"_s,
                         u"all provider status pages green in window"_s,
                         {u"statuspage:openai:incident:none"_s}});
    inv.diagnosisMarkdown =
        u"## Diagnosis\n\nDeploy **#447** regressed `/v1/analytics`. Revision "_s +
        QString::number(revision);
    inv.notChecked = {u"jira"_s};
    return inv;
}

QByteArray canonical(const Investigation &inv)
{
    return investigationToJsonBytes(inv, false);
}

// A direct connection for checks and for building old-schema databases.
class DirectDb
{
public:
    explicit DirectDb(const QString &path)
        : m_name(u"direct-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~DirectDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.prepare(sql)) {
            qWarning() << "prepare" << q.lastError().text() << sql;
            return false;
        }
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec()) {
            qWarning() << "exec" << q.lastError().text() << sql;
            return false;
        }
        return true;
    }
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }

private:
    QString m_name;
    bool m_ok = false;
};

// The schemas as released, frozen here so migrations are tested from what real users have.
const QStringList schemaV1 = {
    uR"(CREATE TABLE investigations (
            id TEXT PRIMARY KEY NOT NULL, ticket_id TEXT, subject TEXT, org_id TEXT,
            playbook TEXT, category TEXT, confidence REAL NOT NULL DEFAULT 0, started_at TEXT,
            duration_ms INTEGER NOT NULL DEFAULT 0, saved_at TEXT NOT NULL,
            document TEXT NOT NULL))"_s,
    u"CREATE INDEX investigations_by_saved_at ON investigations (saved_at)"_s,
    u"CREATE INDEX investigations_by_ticket ON investigations (ticket_id)"_s,
    uR"(CREATE TABLE steps (
            investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
            position INTEGER NOT NULL, step_id TEXT, connector TEXT, operation TEXT, title TEXT,
            status TEXT, duration_ms INTEGER NOT NULL DEFAULT 0, error TEXT,
            PRIMARY KEY (investigation_id, position)))"_s,
    uR"(CREATE TABLE evidence (
            investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
            position INTEGER NOT NULL, evidence_id TEXT, step_id TEXT, kind TEXT, connector TEXT,
            title TEXT, source TEXT, data TEXT, PRIMARY KEY (investigation_id, position)))"_s,
    uR"(CREATE TABLE tickets (
            workspace TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, subject TEXT,
            status TEXT, updated_at TEXT, snapshot TEXT NOT NULL, PRIMARY KEY (workspace, id)))"_s,
    u"PRAGMA user_version = 1"_s,
};

const QStringList schemaV2 = {
    uR"(CREATE TABLE drafts (
            investigation_id TEXT NOT NULL, revision INTEGER NOT NULL, ticket_id TEXT,
            markdown TEXT, saved_at TEXT NOT NULL, PRIMARY KEY (investigation_id, revision)))"_s,
    uR"(CREATE TABLE sends (
            id TEXT PRIMARY KEY NOT NULL, investigation_id TEXT NOT NULL, ticket_id TEXT,
            body TEXT NOT NULL, is_public INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
            remote_id TEXT, error TEXT, created_at TEXT NOT NULL, sent_at TEXT))"_s,
    u"CREATE INDEX sends_by_investigation ON sends (investigation_id, created_at)"_s,
    u"PRAGMA user_version = 2"_s,
};

QString crashId(int i)
{
    return u"crash-%1"_s.arg(i);
}

Investigation crashInvestigation(int i, int revision)
{
    Investigation inv = richInvestigation(u"crash%1"_s.arg(i), revision);
    // Bulk, so a save takes long enough to be killed in the middle now and then.
    inv.diagnosisMarkdown += QString(2000 + (i % 7) * 500, QChar(u'x'));
    return inv;
}

// The child of crashSafety(): saves in a loop and acknowledges each commit on stdout.
int runCrashChild(const QString &path, int start)
{
    auto store = SqliteStore::open(path);
    if (!store) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(store.error().message));
        return 2;
    }
    for (int i = start;; ++i) {
        const int revision = 0;
        auto saved = (*store)->saveInvestigation(crashInvestigation(i, revision), crashId(i));
        if (!saved)
            return 3;
        std::printf("saved %d %d\n", i, revision);
        std::fflush(stdout);
        if (i > start) {
            // Rewrite the previous one: an upsert that replaces steps, evidence and index rows.
            auto again = (*store)->saveInvestigation(crashInvestigation(i - 1, 1), crashId(i - 1));
            if (!again)
                return 3;
            std::printf("saved %d %d\n", i - 1, 1);
            std::fflush(stdout);
        }
        auto draft = (*store)->saveDraft(crashId(i), u"t"_s, u"draft %1"_s.arg(i));
        if (!draft)
            return 4;
        std::printf("draft %d %d\n", i, draft->revision);
        std::fflush(stdout);
    }
}

// An integer from the environment (trial counts, seeds), or `fallback`.
int envInt(const char *name, int fallback)
{
    return qEnvironmentVariableIsSet(name) ? qEnvironmentVariableIntValue(name) : fallback;
}

// The child of crashDuringMigration(): opens (and so migrates) the store, then says so.
int runMigrateChild(const QString &path)
{
    std::printf("opening\n");
    std::fflush(stdout);
    auto store = SqliteStore::open(path);
    if (!store) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(store.error().message));
        return 2;
    }
    std::printf("migrated\n");
    std::fflush(stdout);
    return 0;
}

bool fillSearchStore(Store &store)
{
    Investigation latency = richInvestigation(u"lat"_s);
    latency.ticket.description += u" The customer is upset."_s;
    if (!store.saveInvestigation(latency, u"latency"_s))
        return false;

    Investigation hooks;
    hooks.ticket.id = u"2001"_s;
    hooks.ticket.subject = u"Webhooks failing for every event"_s;
    hooks.ticket.description =
        u"We see a signature mismatch on each delivery; the customer retries."_s;
    hooks.ticket.orgId = u"org_globex"_s;
    hooks.playbook = {u"webhook-failures"_s, u"mentions webhooks"_s};
    hooks.startedAt = utc(21, 8, 0);
    hooks.durationMs = 900;
    if (!store.saveInvestigation(hooks, u"hooks"_s))
        return false;
    return true;
}

} // namespace

class TestStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void openCreatesLatestSchema();
    void refusesNewerSchema();
    void refusesGarbage();
    void roundTrip();
    void upsertReplacesRows();
    void loadMissing();
    void listOrderAndPaging();
    void search_data();
    void search();
    void searchSnippet();
    void fullTextIndexBuiltLater();
    void removeKeepsAudit();
    void ticketCache();
    void draftHistory();
    void sendStateMachine();
    void feedbackAndMetrics();
    void concurrentUse();
    void fromThreadPool();
    void migrations_data();
    void migrations();
    void crashSafety();
    void crashDuringMigration();

private:
    std::unique_ptr<SqliteStore> openStore(const StoreOptions &options = {});
    QString dbPath() const { return m_dir->filePath(u"casefile.sqlite"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QTemporaryDir m_searchDir;
    std::map<bool, std::unique_ptr<SqliteStore>> m_searchStores;
};

void TestStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStore::cleanupTestCase()
{
    m_searchStores.clear();
}

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStore::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<SqliteStore> TestStore::openStore(const StoreOptions &options)
{
    auto store = SqliteStore::open(dbPath(), options);
    if (!store) {
        qWarning() << store.error().message << store.error().detail;
        return {};
    }
    return std::move(*store);
}

void TestStore::openCreatesLatestSchema()
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

void TestStore::refusesNewerSchema()
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

void TestStore::refusesGarbage()
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

void TestStore::roundTrip()
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

void TestStore::upsertReplacesRows()
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

void TestStore::loadMissing()
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

void TestStore::listOrderAndPaging()
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

void TestStore::search_data()
{
    QTest::addColumn<bool>("fullText");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // ids, any order

    const QList<std::pair<QString, bool>> modes = {{u"fts"_s, true}, {u"like"_s, false}};
    for (const auto &[mode, fullText] : modes) {
        auto row = [&](const char *tag, const QString &text, const QStringList &expected) {
            QTest::newRow(qPrintable(mode + u": "_s + QString::fromUtf8(tag)))
                << fullText << text << expected;
        };
        row("subject word", u"webhooks"_s, {u"hooks"_s});
        row("case-insensitive", u"WEBHOOKS"_s, {u"hooks"_s});
        row("prefix of the last word", u"webho"_s, {u"hooks"_s});
        row("two words, both needed", u"deploy analytics"_s, {u"latency"_s});
        row("words in different fields", u"acme deploy_regression"_s, {u"latency"_s});
        row("description text", u"signature mismatch"_s, {u"hooks"_s});
        row("diagnosis text", u"unindexed"_s, {u"latency"_s});
        row("unicode", u"Zürich"_s, {u"latency"_s});
        row("cjk", u"東京"_s, {u"latency"_s});
        row("org id with underscore", u"org_globex"_s, {u"hooks"_s});
        row("shared word", u"customer"_s, {u"latency"_s, u"hooks"_s});
        row("no match", u"kubernetes"_s, {});
        row("empty", u""_s, {});
        row("only spaces", u"   "_s, {});
        row("double quote", u"\""_s, {});
        row("quote inside a word", u"web\"hooks"_s, {});
        row("star", u"*"_s, {});
        row("star prefix", u"webhook*"_s, {u"hooks"_s});
        row("NEAR(", u"NEAR("_s, {});
        row("NEAR with args", u"NEAR(deploy analytics, 2)"_s, {});
        row("sql injection", u"') OR 1=1 --"_s, {});
        row("column filter", u"subject:webhooks"_s, {});
        row("boolean operators", u"webhooks OR latency"_s, {});
        row("NOT", u"NOT webhooks"_s, {});
        row("caret and plus", u"^webhooks + x"_s, {});
        row("percent", u"%"_s, {});
        row("underscore", u"_"_s, {});
        row("backslash", u"\\"_s, {});
        row("parentheses", u"(webhooks)"_s, {u"hooks"_s});
    }
}

void TestStore::search()
{
    QFETCH(bool, fullText);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    // One store per mode for all rows: opening and filling one per row is slow under ASan.
    std::unique_ptr<SqliteStore> &cached = m_searchStores[fullText];
    if (!cached) {
        cached =
            SqliteStore::open(m_searchDir.filePath(fullText ? u"fts.sqlite"_s : u"like.sqlite"_s),
                              {.fullTextSearch = fullText})
                .value_or(nullptr);
        QVERIFY(cached);
        QVERIFY(fillSearchStore(*cached));
    }
    SqliteStore *store = cached.get();
    QCOMPARE(store->hasFullTextSearch(), fullText);

    auto found = store->search(text);
    QVERIFY2(found, qPrintable(found ? QString()
                                     : found.error().message + u" / "_s + found.error().detail));
    QStringList ids;
    for (const SavedInvestigationSummary &s : *found)
        ids.append(s.id);
    ids.sort();
    expected.sort();
    QCOMPARE(ids, expected);
    for (const SavedInvestigationSummary &s : *found)
        QVERIFY2(!s.snippet.isEmpty(), qPrintable(s.id));

    // Hostile input never damages anything.
    auto list = store->listInvestigations();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
}

void TestStore::searchSnippet()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->saveInvestigation(richInvestigation(), u"x"_s));
    auto found = store->search(u"unindexed"_s);
    QVERIFY(found);
    QCOMPARE(found->size(), 1);
    QVERIFY2(found->first().snippet.contains(u"«unindexed»"_s), qPrintable(found->first().snippet));
    QCOMPARE(found->first().subject, richInvestigation().ticket.subject);
}

void TestStore::fullTextIndexBuiltLater()
{
    // A database written where SQLite had no FTS5, later opened where it has: the index is
    // built from the saved documents, and saves made without it are found.
    {
        auto store = openStore({.fullTextSearch = false});
        QVERIFY(store);
        QVERIFY(store->saveInvestigation(richInvestigation(u"a"_s), u"a"_s));
        QVERIFY(store->saveInvestigation(richInvestigation(u"b"_s), u"b"_s));
    }
    {
        DirectDb db(dbPath());
        QCOMPARE(
            db.scalar(u"SELECT count(*) FROM sqlite_schema WHERE name = 'investigation_text'"_s)
                .toInt(),
            0);
    }
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasFullTextSearch());
    auto found = store->search(u"unindexed"_s);
    QVERIFY(found);
    QCOMPARE(found->size(), 2);
    QVERIFY(store->removeInvestigation(u"a"_s));
    found = store->search(u"unindexed"_s);
    QVERIFY(found);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().id, u"b"_s);

    // A save the index missed (made where SQLite had no FTS5) is indexed at the next open.
    store.reset();
    {
        DirectDb db(dbPath());
        QVERIFY(db.exec(u"DELETE FROM investigation_text_rows WHERE investigation_id = 'b'"_s));
    }
    store = openStore();
    QVERIFY(store);
    found = store->search(u"unindexed"_s);
    QVERIFY(found);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().id, u"b"_s);
    DirectDb db(dbPath());
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text"_s).toInt(), 1);
}

void TestStore::removeKeepsAudit()
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

void TestStore::ticketCache()
{
    auto store = openStore();
    QVERIFY(store);
    QList<Ticket> tickets;
    for (int i = 0; i < 3; ++i) {
        Ticket t;
        t.id = QString::number(100 - i);
        t.subject = u"Ticket %1 «ü»"_s.arg(i);
        t.description = u"'); DROP TABLE tickets; --"_s;
        t.status = u"open"_s;
        t.priority = u"high"_s;
        t.requesterName = u"Jun"_s;
        t.requesterEmail = u"jun@acme.dev"_s;
        t.orgId = u"org_acme"_s;
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

void TestStore::draftHistory()
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

void TestStore::sendStateMachine()
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

void TestStore::feedbackAndMetrics()
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

void TestStore::concurrentUse()
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

void TestStore::fromThreadPool()
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

void TestStore::migrations_data()
{
    QTest::addColumn<int>("fromVersion");
    for (int v = 0; v < SqliteStore::latestSchemaVersion(); ++v)
        QTest::newRow(qPrintable(u"from v%1"_s.arg(v))) << v;
}

void TestStore::migrations()
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

void TestStore::crashSafety()
{
    const int trials = envInt("CASEFILE_KILL_TRIALS", 20);
    const auto seed =
        quint32(envInt("CASEFILE_KILL_SEED", int(QRandomGenerator::global()->generate())));
    qInfo("crash trials: %d, seed %u (CASEFILE_KILL_SEED to repeat)", trials, seed);
    QRandomGenerator random(seed);

    QMap<int, int> acked;       // investigation index -> highest acknowledged revision
    QMap<int, int> draftsAcked; // investigation index -> acknowledged draft revision
    int next = 0;
    for (int trial = 0; trial < trials; ++trial) {
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({u"--crash-child"_s, dbPath(), QString::number(next)});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));

        const int waitForAcks = int(random.bounded(1, 12));
        QByteArray output;
        while (output.count('\n') < waitForAcks && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            output += child.readAllStandardOutput();
        }
        QVERIFY2(child.state() == QProcess::Running, "the child stopped by itself");
        QThread::usleep(random.bounded(0, 20000)); // land anywhere inside the next save
        child.kill();                              // SIGKILL
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        output += child.readAllStandardOutput();

        // Only complete lines are acknowledgements.
        const QList<QByteArray> lines = output.left(output.lastIndexOf('\n') + 1).split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3)
                continue;
            const int index = parts.at(1).toInt();
            const int revision = parts.at(2).toInt();
            if (parts.at(0) == "saved") {
                acked[index] = std::max(acked.value(index, -1), revision);
                next = std::max(next, index + 1);
            } else if (parts.at(0) == "draft") {
                draftsAcked[index] = std::max(draftsAcked.value(index, 0), revision);
            }
        }

        auto store = SqliteStore::open(dbPath());
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QVERIFY((*store)->checkIntegrity());
        for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
            auto loaded = (*store)->loadInvestigation(crashId(it.key()));
            QVERIFY2(loaded, qPrintable(u"trial %1: acknowledged %2 is missing"_s.arg(trial).arg(
                                 crashId(it.key()))));
            // A later revision may have committed without its acknowledgement: both are intact.
            const QByteArray stored = canonical(*loaded);
            const bool acknowledged = stored == canonical(crashInvestigation(it.key(), it.value()));
            const bool newer =
                it.value() == 0 && stored == canonical(crashInvestigation(it.key(), 1));
            QVERIFY2(acknowledged || newer,
                     qPrintable(u"trial %1: %2 is damaged"_s.arg(trial).arg(crashId(it.key()))));
        }
        for (auto it = draftsAcked.cbegin(); it != draftsAcked.cend(); ++it) {
            auto drafts = (*store)->drafts(crashId(it.key()));
            QVERIFY(drafts);
            QVERIFY(!drafts->isEmpty());
            QVERIFY(drafts->first().revision >= it.value());
        }
        auto list = (*store)->listInvestigations(100000);
        QVERIFY(list);
        QVERIFY(list->size() >= acked.size());
        // Every listed investigation loads: no half-written rows.
        for (const SavedInvestigationSummary &s : *list)
            QVERIFY2((*store)->loadInvestigation(s.id), qPrintable(s.id));
        next = std::max(next, int(list->size()));
    }
    QVERIFY(!acked.isEmpty());
}

namespace {

// A store of schema v1, as released, holding `count` investigations (crashId(0..count-1)).
bool writeV1Store(const QString &path, int count)
{
    DirectDb db(path);
    if (!db.ok())
        return false;
    for (const QString &sql : schemaV1) {
        if (!db.exec(sql))
            return false;
    }
    if (!db.exec(u"BEGIN"_s))
        return false;
    for (int i = 0; i < count; ++i) {
        const Investigation inv = crashInvestigation(i, 0);
        if (!db.exec(u"INSERT INTO investigations (id, ticket_id, subject, org_id, playbook, "
                     u"category, confidence, started_at, duration_ms, saved_at, document) "
                     u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                     {crashId(i), inv.ticket.id, inv.ticket.subject, inv.ticket.orgId,
                      inv.playbook.name, inv.rootCause->category, inv.rootCause->confidence,
                      inv.startedAt.toString(Qt::ISODateWithMs), inv.durationMs,
                      u"2026-11-20T10:06:00.000Z"_s, QString::fromUtf8(canonical(inv))}))
            return false;
    }
    return db.exec(u"COMMIT"_s);
}

} // namespace

// kill -9 while an old store is being migrated (v1 → latest: new tables, the full-text index
// built over every document): the next open finishes the migration and nothing is lost.
void TestStore::crashDuringMigration()
{
    const int trials = envInt("CASEFILE_MIGRATION_KILL_TRIALS", 20);
    const auto seed =
        quint32(envInt("CASEFILE_KILL_SEED", int(QRandomGenerator::global()->generate())));
    QRandomGenerator random(seed);
    constexpr int Count = 200;
    const QString original = m_dir->filePath(u"v1.sqlite"_s);
    QVERIFY(writeV1Store(original, Count));

    // How long an undisturbed migration takes, so the kills land across all of it.
    QVERIFY(QFile::copy(original, dbPath()));
    QElapsedTimer clock;
    clock.start();
    {
        auto store = SqliteStore::open(dbPath());
        QVERIFY(store);
        QCOMPARE((*store)->schemaVersion(), SqliteStore::latestSchemaVersion());
    }
    const int migrationMs = std::max(5, int(clock.elapsed()));
    qInfo("migration kill trials: %d, seed %u, an undisturbed migration takes %d ms", trials, seed,
          migrationMs);

    int killedMidway = 0;
    for (int trial = 0; trial < trials; ++trial) {
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(dbPath() + suffix);
        QVERIFY(QFile::copy(original, dbPath()));

        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({u"--migrate-child"_s, dbPath()});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        QByteArray output;
        while (!output.contains("opening\n") && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            output += child.readAllStandardOutput();
        }
        QThread::usleep(random.bounded(0, migrationMs * 1500)); // up to 1.5 × its length
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        output += child.readAllStandardOutput();
        if (!output.contains("migrated"))
            ++killedMidway;

        auto store = SqliteStore::open(dbPath());
        QVERIFY2(store, qPrintable(u"trial %1: %2"_s.arg(trial).arg(
                            store ? QString() : store.error().message)));
        QCOMPARE((*store)->schemaVersion(), SqliteStore::latestSchemaVersion());
        QVERIFY((*store)->checkIntegrity());
        auto list = (*store)->listInvestigations(Count * 2);
        QVERIFY(list);
        QCOMPARE(int(list->size()), Count);
        for (int probe = 0; probe < 5; ++probe) {
            const int i = int(random.bounded(Count));
            auto loaded = (*store)->loadInvestigation(crashId(i));
            QVERIFY2(loaded, qPrintable(u"trial %1: %2 is missing"_s.arg(trial).arg(crashId(i))));
            QCOMPARE(canonical(*loaded), canonical(crashInvestigation(i, 0)));
        }
        // The full-text index covers the old documents too.
        auto found = (*store)->search(u"crash%1"_s.arg(random.bounded(Count)), 10);
        QVERIFY(found);
        QVERIFY(!found->isEmpty());
    }
    qInfo("migration kill trials: %d survived, %d killed before the migration finished", trials,
          killedMidway);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args.at(1) == u"--crash-child"_s)
        return runCrashChild(args.at(2), args.at(3).toInt());
    if (args.size() == 3 && args.at(1) == u"--migrate-child"_s)
        return runMigrateChild(args.at(2));
    TestStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store.moc"
