// The store: Full-text search (and its LIKE fallback) over saved investigations.
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

class TestStoreSearch final
    : public QObject
    , private StoreTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanupTestCase() { m_searchStores.clear(); }
    void init() { QVERIFY(makeDir()); }
    void cleanup() { removeDir(); }

    void search_data();
    void search();
    void searchSnippet();
    void snippet_data();
    void snippet();
    void ranking();
    void pages_data();
    void pages();
    void resaveCountsAsLatest();
    void rankWindow();
    void scanWindow();
    void fullTextIndexBuiltLater();
    void fullTextIndexLayoutUpgraded();

private:
    QTemporaryDir m_searchDir;
    std::map<bool, std::unique_ptr<SqliteStore>> m_searchStores;
};

void TestStoreSearch::search_data()
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

void TestStoreSearch::search()
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

void TestStoreSearch::searchSnippet()
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

void TestStoreSearch::fullTextIndexBuiltLater()
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

namespace {

Investigation textInvestigation(const QString &ticketId, const QString &subject,
                                const QString &description = {})
{
    Investigation inv;
    inv.ticket.id = ticketId;
    inv.ticket.subject = subject;
    inv.ticket.description = description;
    inv.startedAt = utc(21, 9, 0);
    return inv;
}

QStringList idsOf(const QList<SavedInvestigationSummary> &found)
{
    QStringList ids;
    for (const SavedInvestigationSummary &s : found)
        ids.append(s.id);
    return ids;
}

// Four investigations that match "quota" differently well, saved in this order: "strong"
// says it three times in a short subject, "weak" once among many words, "tie1" and "tie2" the
// same text (the same score; tie2 is the later save).
bool fillRankingStore(Store &store)
{
    const QString many = u"the customer wrote a long message about invoices and billing and "
                         u"exports and dashboards and mentions the quota only once near the end"_s;
    return store.saveInvestigation(textInvestigation(u"1"_s, u"Quota quota quota"_s),
                                   u"strong"_s) &&
           store.saveInvestigation(textInvestigation(u"2"_s, u"Invoice question"_s, many),
                                   u"weak"_s) &&
           store.saveInvestigation(textInvestigation(u"3"_s, u"Quota question"_s), u"tie1"_s) &&
           store.saveInvestigation(textInvestigation(u"4"_s, u"Quota question"_s), u"tie2"_s);
}

} // namespace

void TestStoreSearch::snippet_data()
{
    QTest::addColumn<bool>("fullText");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    for (const bool fullText : {true, false}) {
        const QString mode = fullText ? u"fts: "_s : u"like: "_s;
        auto row = [&](const char *tag, const QString &text, const QString &expected) {
            QTest::newRow(qPrintable(mode + QString::fromUtf8(tag)))
                << fullText << text << expected;
        };
        row("word in the subject", u"checkout"_s, u"«Checkout» latency after the Zürich deploy"_s);
        row("folded", u"zurich"_s, u"Checkout latency after the «Zürich» deploy"_s);
        row("prefix of the last word", u"checkout lat"_s,
            u"«Checkout» «latency» after the Zürich deploy"_s);
        row("a window in a long text", u"signature"_s,
            u"…twelve thirteen fourteen fifteen the «signature» of each delivery fails since "
            u"Tuesday…"_s);
    }
}

void TestStoreSearch::snippet()
{
    QFETCH(bool, fullText);
    QFETCH(QString, text);
    QFETCH(QString, expected);

    auto store = openStore({.fullTextSearch = fullText});
    QVERIFY(store);
    QString description = u"one two three four five six seven eight nine ten eleven twelve "
                          u"thirteen fourteen fifteen the signature of each delivery fails since "
                          u"Tuesday nineteen twenty twenty-one twenty-two"_s;
    QVERIFY(store->saveInvestigation(
        textInvestigation(u"7"_s, u"Checkout latency after the Zürich deploy"_s, description),
        u"x"_s));
    auto found = store->search(text);
    QVERIFY(found);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().snippet, expected);
}

void TestStoreSearch::ranking()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasFullTextSearch());
    QVERIFY(fillRankingStore(*store));
    auto found = store->search(u"quota"_s);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), (QStringList{u"strong"_s, u"tie2"_s, u"tie1"_s, u"weak"_s}));
    QCOMPARE(found->first().subject, u"Quota quota quota"_s);
    QCOMPARE(found->first().ticketId, u"1"_s);
    QCOMPARE(found->first().snippet, u"«Quota» «quota» «quota»"_s);
}

void TestStoreSearch::pages_data()
{
    QTest::addColumn<bool>("fullText");
    QTest::newRow("fts") << true;
    QTest::newRow("like") << false;
}

void TestStoreSearch::pages()
{
    QFETCH(bool, fullText);
    auto store = openStore({.fullTextSearch = fullText});
    QVERIFY(store);
    QVERIFY(fillRankingStore(*store));
    auto all = store->search(u"quota"_s);
    QVERIFY(all);
    QCOMPARE(all->size(), 4);
    QStringList paged;
    for (int offset = 0; offset < 6; offset += 2) {
        auto page = store->search(u"quota"_s, 2, offset);
        QVERIFY(page);
        QCOMPARE(page->size(), offset < 4 ? 2 : 0);
        paged += idsOf(*page);
    }
    QCOMPARE(paged, idsOf(*all));
    auto none = store->search(u"quota"_s, 0);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
}

void TestStoreSearch::resaveCountsAsLatest()
{
    // Saved again (a rerun), an investigation is the latest save among equal matches.
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(fillRankingStore(*store));
    QVERIFY(store->saveInvestigation(textInvestigation(u"3"_s, u"Quota question"_s), u"tie1"_s));
    auto found = store->search(u"quota"_s);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), (QStringList{u"strong"_s, u"tie1"_s, u"tie2"_s, u"weak"_s}));
    DirectDb db(dbPath());
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text"_s).toInt(), 4);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text_rows"_s).toInt(), 4);
}

void TestStoreSearch::rankWindow()
{
    // Only the newest matches are ranked: the best match, saved first, is left out when more
    // newer ones match than the window holds.
    auto store = openStore({.searchRankWindow = 2});
    QVERIFY(store);
    QVERIFY(fillRankingStore(*store));
    auto found = store->search(u"quota"_s);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), (QStringList{u"tie2"_s, u"tie1"_s}));
    found = store->search(u"invoice"_s);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), QStringList{u"weak"_s});
}

void TestStoreSearch::scanWindow()
{
    // Without FTS5 only the newest saves are looked through: the older ones are left out,
    // however well they match; pages are pages of what the window holds.
    auto store = openStore({.fullTextSearch = false, .searchScanWindow = 2});
    QVERIFY(store);
    QVERIFY(fillRankingStore(*store));
    auto found = store->search(u"quota"_s);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), (QStringList{u"tie2"_s, u"tie1"_s}));
    found = store->search(u"invoice"_s);
    QVERIFY(found);
    QVERIFY(found->isEmpty());
    found = store->search(u"quota"_s, 1, 1);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), QStringList{u"tie1"_s});
    found = store->search(u"quota"_s, 5, 2);
    QVERIFY(found);
    QVERIFY(found->isEmpty());
}

void TestStoreSearch::fullTextIndexLayoutUpgraded()
{
    // An index in an earlier version's layout (prefix lists of 2 and 3 characters only) is
    // moved to this version's at the next open, row for row: the same searches find the same
    // saves in the same order, and saves go on being indexed.
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(fillRankingStore(*store));
    }
    const QString layout = u"SELECT sql FROM sqlite_schema WHERE name = 'investigation_text'"_s;
    {
        DirectDb db(dbPath());
        QVERIFY(db.exec(u"CREATE VIRTUAL TABLE old_text USING fts5(subject, ticket, body, "
                        u"tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"_s));
        QVERIFY(db.exec(u"INSERT INTO old_text (rowid, subject, ticket, body) "
                        u"SELECT rowid, subject, ticket, body FROM investigation_text"_s));
        QVERIFY(db.exec(u"DROP TABLE investigation_text"_s));
        QVERIFY(db.exec(u"ALTER TABLE old_text RENAME TO investigation_text"_s));
        QVERIFY(db.scalar(layout).toString().contains(u"prefix = '2 3')"_s));
    }
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasFullTextSearch());
    {
        DirectDb db(dbPath());
        QVERIFY2(db.scalar(layout).toString().contains(u"prefix = '2 3 4"_s),
                 qPrintable(db.scalar(layout).toString()));
        QCOMPARE(db.scalar(u"SELECT count(*) FROM investigation_text"_s).toInt(), 4);
    }
    for (const QString &typed : {u"quo"_s, u"quot"_s, u"quota"_s}) {
        auto found = store->search(typed);
        QVERIFY(found);
        QCOMPARE(idsOf(*found), (QStringList{u"strong"_s, u"tie2"_s, u"tie1"_s, u"weak"_s}));
    }
    auto found = store->search(u"invoic"_s);
    QVERIFY(found);
    QCOMPARE(idsOf(*found), QStringList{u"weak"_s});
    QVERIFY(store->saveInvestigation(textInvestigation(u"5"_s, u"Invoices twice"_s), u"new"_s));
    found = store->search(u"invoice"_s);
    QVERIFY(found);
    QCOMPARE(found->size(), 2);
}

QTEST_GUILESS_MAIN(TestStoreSearch)
#include "tst_store_search.moc"
