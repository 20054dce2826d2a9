// The store: kill -9 while saving or migrating loses nothing that was committed.
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

namespace {

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

} // namespace

class TestStoreDurability final
    : public QObject
    , private StoreTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(makeDir()); }
    void cleanup() { removeDir(); }

    void crashSafety();
    void crashDuringMigration();
};

void TestStoreDurability::crashSafety()
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

// kill -9 while an old store is being migrated (v1 → latest: new tables, the full-text index
// built over every document): the next open finishes the migration and nothing is lost.
void TestStoreDurability::crashDuringMigration()
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
    TestStoreDurability test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store_durability.moc"
