#include "storage/sqlitestore.h"

#include "core/investigationjson.h"
#include "storage/schema.h"
#include "storage/sqlsupport.h"
#include "storage/storagelogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

constexpr auto BusyTimeoutMs = 10000;

std::atomic<quint64> nextStoreSerial{1};

// Reader connections belong to the thread that opened them. This registry lives as long as
// the thread and drops its connections when the thread ends, so a pool thread that expires
// does not leave a connection behind that a later thread with a recycled id would trip over.
struct ThreadConnections
{
    QHash<quint64, QString> names; // store serial -> connection name

    ~ThreadConnections()
    {
        if (!QCoreApplication::instance())
            return;
        for (const QString &name : std::as_const(names)) {
            if (QSqlDatabase::contains(name))
                QSqlDatabase::removeDatabase(name);
        }
    }
};

ThreadConnections &threadConnections()
{
    thread_local ThreadConnections connections;
    return connections;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString normalizedPath(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

Result<void> configureConnection(const QSqlDatabase &db, bool writer)
{
    if (writer) {
        auto mode = Sql::scalar(db, u"PRAGMA journal_mode = WAL"_s);
        if (!mode)
            return std::unexpected(mode.error());
        if (mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
            qCWarning(lcStorage) << "journal mode is" << mode->toString() << "instead of WAL";
        // In WAL mode NORMAL survives a crash of the process (a committed transaction stays
        // committed); only a power cut can lose the last commits. Sends switch to FULL.
        for (const QString &pragma :
             {u"PRAGMA synchronous = NORMAL"_s, u"PRAGMA foreign_keys = ON"_s}) {
            if (auto ok = Sql::exec(db, pragma); !ok)
                return ok;
        }
    } else {
        if (auto ok = Sql::exec(db, u"PRAGMA query_only = ON"_s); !ok)
            return ok;
    }
    return {};
}

Result<QSqlDatabase> openConnection(const QString &name, const QString &path, bool writer)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    if (!db.isValid()) {
        return fail(Error::Code::Storage,
                    u"The SQLite driver of Qt is not installed, so the local database cannot be "
                    u"opened."_s);
    }
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!db.open()) {
        const QSqlError error = db.lastError();
        return fail(
            Error::Code::Storage,
            u"The local database %1 could not be opened."_s.arg(QDir::toNativeSeparators(path)),
            error.text());
    }
    if (auto ok = configureConnection(db, writer); !ok)
        return std::unexpected(ok.error());
    return db;
}

SavedInvestigationSummary summaryFrom(const QSqlQuery &q)
{
    SavedInvestigationSummary s;
    s.id = q.value(0).toString();
    s.ticketId = q.value(1).toString();
    s.subject = q.value(2).toString();
    s.orgId = q.value(3).toString();
    s.playbook = q.value(4).toString();
    s.category = q.value(5).toString();
    s.confidence = q.value(6).toDouble();
    s.startedAt = Sql::timeFromText(q.value(7).toString());
    s.durationMs = q.value(8).toLongLong();
    s.savedAt = Sql::timeFromText(q.value(9).toString());
    return s;
}

const QString summaryColumns = u"i.id, i.ticket_id, i.subject, i.org_id, i.playbook, i.category, "
                               u"i.confidence, i.started_at, i.duration_ms, i.saved_at"_s;

SentReply::State sendStateFromName(const QString &name)
{
    if (name == u"sent"_s)
        return SentReply::State::Sent;
    if (name == u"failed"_s)
        return SentReply::State::Failed;
    return SentReply::State::Pending;
}

const QString sendColumns = u"id, investigation_id, ticket_id, body, is_public, idempotency_key, "
                            u"state, remote_id, error, created_at, sent_at"_s;

SentReply sendFrom(const QSqlQuery &q)
{
    SentReply s;
    s.id = q.value(0).toString();
    s.investigationId = q.value(1).toString();
    s.ticketId = q.value(2).toString();
    s.body = q.value(3).toString();
    s.isPublic = q.value(4).toBool();
    s.idempotencyKey = q.value(5).toString();
    s.state = sendStateFromName(q.value(6).toString());
    s.remoteId = q.value(7).toString();
    s.error = q.value(8).toString();
    s.createdAt = Sql::timeFromText(q.value(9).toString());
    s.sentAt = Sql::timeFromText(q.value(10).toString());
    return s;
}

// The FTS5 query for user text: every whitespace-separated chunk becomes a quoted phrase of
// its words (so punctuation, quotes, '*', NEAR( and column filters are only ever data) and
// the last phrase matches as a prefix, for search-as-you-type.
QString ftsQuery(const QString &text)
{
    QStringList phrases;
    for (const QString &chunk : text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts)) {
        const QStringList words = Schema::searchWords(chunk);
        if (!words.isEmpty())
            phrases.append(u'"' + words.join(u' ') + u'"');
    }
    if (phrases.isEmpty())
        return {};
    phrases.last().append(u'*');
    return phrases.join(u' ');
}

// The LIKE fallback matches the same way: each chunk a phrase of whole words, the last word
// of the last chunk a prefix. search_text holds folded words between single spaces.
QStringList likePatterns(const QString &text)
{
    QStringList patterns;
    for (const QString &chunk : text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts)) {
        const QStringList words = Schema::searchWords(Schema::foldForSearch(chunk));
        if (words.isEmpty())
            continue;
        QString phrase = words.join(u' ');
        phrase.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        patterns.append(u"% "_s + phrase + u" %"_s);
    }
    if (!patterns.isEmpty()) {
        patterns.last().chop(2); // " %" -> "%": the last word is a prefix
        patterns.last().append(u'%');
    }
    return patterns;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

Result<void> requireId(const QString &id, const QString &what)
{
    if (id.trimmed().isEmpty())
        return fail(Error::Code::InvalidInput, u"No %1 id was given."_s.arg(what));
    return {};
}

} // namespace

struct SqliteStore::Private
{
    std::unique_ptr<QTemporaryDir> temporary; // InMemory: the folder, removed last
    QString path;
    StoreOptions options;
    quint64 serial = nextStoreSerial++;
    QString writerName;
    std::atomic<int> schemaVersion{0};
    bool fullTextIndex = false; // the FTS table exists and SQLite can write it
    bool useFullText = false;   // search() uses it

    // The one writer: a thread that owns the writing connection and runs jobs in order.
    std::thread writer;
    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::deque<std::function<void()>> queue;
    bool stopping = false;
    QSqlDatabase writerDb; // used on the writer thread only

    mutable std::mutex readersMutex;
    mutable QSet<QString> readerNames;
    mutable std::atomic<int> readerCount{0};

    void writerLoop()
    {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(queueMutex);
                queueChanged.wait(lock, [this] { return stopping || !queue.empty(); });
                if (queue.empty())
                    break; // stopping, and every queued write is done
                job = std::move(queue.front());
                queue.pop_front();
            }
            job();
        }
        if (writerDb.isValid()) {
            writerDb.close();
            writerDb = QSqlDatabase();
            QSqlDatabase::removeDatabase(writerName);
        }
    }

    // Runs `job` on the writer thread and waits for its result.
    template<typename T>
    Result<T> write(const std::function<Result<T>(const QSqlDatabase &)> &job)
    {
        std::promise<Result<T>> promise;
        std::future<Result<T>> future = promise.get_future();
        {
            std::lock_guard lock(queueMutex);
            if (stopping)
                return fail(Error::Code::Storage, u"The local database is closing."_s);
            queue.push_back([this, &job, &promise] {
                if (!writerDb.isValid() || !writerDb.isOpen()) {
                    promise.set_value(
                        fail(Error::Code::Storage, u"The local database is not open."_s));
                    return;
                }
                promise.set_value(job(writerDb));
            });
        }
        queueChanged.notify_one();
        return future.get();
    }

    // The calling thread's reading connection, opened on first use.
    Result<QSqlDatabase> reader() const
    {
        ThreadConnections &mine = threadConnections();
        const auto it = mine.names.constFind(serial);
        if (it != mine.names.cend()) {
            QSqlDatabase db = QSqlDatabase::database(*it, false);
            if (db.isValid() && db.isOpen())
                return db;
        }
        const QString name = u"casefile-store-%1-reader-%2"_s.arg(serial).arg(readerCount++);
        auto db = openConnection(name, path, false);
        if (!db) {
            QSqlDatabase::removeDatabase(name);
            return db;
        }
        mine.names.insert(serial, name);
        std::lock_guard lock(readersMutex);
        readerNames.insert(name);
        return db;
    }

    Result<QList<SavedInvestigationSummary>> summaries(QSqlQuery &query) const
    {
        if (auto ok = Sql::run(query, u"read saved investigations"_s); !ok)
            return std::unexpected(ok.error());
        QList<SavedInvestigationSummary> list;
        while (query.next())
            list.append(summaryFrom(query));
        return list;
    }
};

SqliteStore::SqliteStore(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{}

SqliteStore::~SqliteStore()
{
    {
        std::lock_guard lock(d->queueMutex);
        d->stopping = true;
    }
    d->queueChanged.notify_all();
    if (d->writer.joinable())
        d->writer.join();
    std::lock_guard lock(d->readersMutex);
    for (const QString &name : std::as_const(d->readerNames))
        QSqlDatabase::removeDatabase(name);
}

QString SqliteStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           u"/casefile.sqlite"_s;
}

int SqliteStore::latestSchemaVersion()
{
    return Schema::latestVersion();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path,
                                                       const StoreOptions &options)
{
    if (path.isEmpty())
        return fail(Error::Code::InvalidInput, u"No path was given for the local database."_s);
    std::unique_ptr<QTemporaryDir> temporary;
    if (path == InMemory) {
        temporary = std::make_unique<QTemporaryDir>();
        if (!temporary->isValid()) {
            return fail(Error::Code::Storage,
                        u"No temporary folder could be created for the database."_s,
                        temporary->errorString());
        }
    }
    const QString absolute =
        normalizedPath(temporary ? temporary->filePath(u"casefile.sqlite"_s) : path);
    const QString folder = QFileInfo(absolute).absolutePath();
    if (!QDir().mkpath(folder)) {
        return fail(Error::Code::Storage,
                    u"The folder %1 for the local database could not be created."_s.arg(
                        QDir::toNativeSeparators(folder)));
    }

    auto d = std::make_unique<Private>();
    d->temporary = std::move(temporary);
    d->path = absolute;
    d->options = options;
    d->writerName = u"casefile-store-%1-writer"_s.arg(d->serial);
    Private *p = d.get();
    p->writer = std::thread([p] { p->writerLoop(); });
    std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(d)));

    // Open and migrate on the writer thread: the connection belongs to it.
    std::promise<Result<void>> opened;
    {
        std::lock_guard lock(p->queueMutex);
        p->queue.push_back([p, &opened] {
            auto db = openConnection(p->writerName, p->path, true);
            if (!db) {
                QSqlDatabase::removeDatabase(p->writerName);
                opened.set_value(std::unexpected(db.error()));
                return;
            }
            p->writerDb = *db;
            const bool haveFts5 = Schema::fts5Available(p->writerDb);
            auto version = Schema::migrate(
                p->writerDb, {.createFullTextIndex = haveFts5 && p->options.fullTextSearch});
            if (!version) {
                opened.set_value(std::unexpected(version.error()));
                return;
            }
            p->schemaVersion = *version;
            auto exists = Schema::fullTextIndexExists(p->writerDb);
            if (!exists) {
                opened.set_value(std::unexpected(exists.error()));
                return;
            }
            // One step on the index, committed whole or not at all.
            const auto inTransaction =
                [p](Result<void> (*step)(const QSqlDatabase &)) -> Result<void> {
                Sql::Transaction transaction(p->writerDb);
                auto ok = transaction.begin();
                if (ok)
                    ok = step(p->writerDb);
                if (ok)
                    ok = transaction.commit();
                return ok;
            };
            if (!*exists && haveFts5 && p->options.fullTextSearch) {
                // A database from a SQLite without FTS5, now opened by one that has it.
                if (auto ok = inTransaction(Schema::createFullTextIndex); !ok) {
                    opened.set_value(std::unexpected(ok.error()));
                    return;
                }
                *exists = true;
            } else if (*exists && haveFts5) {
                // An index in an earlier version's layout: moved to this one's.
                auto current = Schema::fullTextIndexIsCurrent(p->writerDb);
                if (!current) {
                    opened.set_value(std::unexpected(current.error()));
                    return;
                }
                if (!*current) {
                    qCInfo(lcStorage) << "updating the search index's layout";
                    if (auto ok = inTransaction(Schema::upgradeFullTextIndex); !ok) {
                        opened.set_value(std::unexpected(ok.error()));
                        return;
                    }
                }
                // Saved to by a SQLite without FTS5 in between: index what it could not.
                auto stale = Schema::fullTextIndexIsStale(p->writerDb);
                if (!stale) {
                    opened.set_value(std::unexpected(stale.error()));
                    return;
                }
                if (*stale) {
                    qCInfo(lcStorage) << "rebuilding the search index";
                    if (auto ok = inTransaction(Schema::rebuildFullTextIndex); !ok) {
                        opened.set_value(std::unexpected(ok.error()));
                        return;
                    }
                }
            }
            p->fullTextIndex = *exists && haveFts5;
            p->useFullText = p->fullTextIndex && p->options.fullTextSearch;
            opened.set_value({});
        });
    }
    p->queueChanged.notify_one();
    if (auto ok = opened.get_future().get(); !ok) {
        Error error = ok.error();
        if (error.detail.contains(u"not a database"_s) || error.detail.contains(u"malformed"_s)) {
            error.message = u"%1 is not a Casefile database, or it is damaged."_s.arg(
                QDir::toNativeSeparators(p->path));
        }
        return std::unexpected(error);
    }
    qCDebug(lcStorage) << "opened" << p->path << "schema" << p->schemaVersion.load() << "full-text"
                       << p->useFullText;
    return store;
}

QString SqliteStore::path() const
{
    return d->path;
}

int SqliteStore::schemaVersion() const
{
    return d->schemaVersion;
}

bool SqliteStore::hasFullTextSearch() const
{
    return d->useFullText;
}

Result<QString> SqliteStore::saveInvestigation(const Investigation &inv, const QString &id)
{
    const QString key = id.isEmpty() ? newId() : id;
    const SavedInvestigationSummary row = summarize(key, inv, QDateTime::currentDateTimeUtc());
    const QByteArray document = investigationToJsonBytes(inv, false);
    const Schema::SearchText text = Schema::searchTextOf(inv);
    const bool index = d->fullTextIndex;
    return d->write<QString>([&](const QSqlDatabase &db) -> Result<QString> {
        Sql::Transaction transaction(db);
        if (auto ok = transaction.begin(); !ok)
            return std::unexpected(ok.error());
        auto ok = Sql::exec(
            db, uR"(INSERT INTO investigations (id, ticket_id, subject, org_id, playbook, category,
                    confidence, started_at, duration_ms, saved_at, document, search_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id,
                    subject = excluded.subject, org_id = excluded.org_id,
                    playbook = excluded.playbook, category = excluded.category,
                    confidence = excluded.confidence, started_at = excluded.started_at,
                    duration_ms = excluded.duration_ms, saved_at = excluded.saved_at,
                    document = excluded.document, search_text = excluded.search_text)"_s,
            {key, Sql::text(row.ticketId), Sql::text(row.subject), Sql::text(row.orgId),
             Sql::text(row.playbook), Sql::text(row.category), row.confidence,
             Sql::timeText(row.startedAt), row.durationMs, Sql::timeText(row.savedAt),
             QString::fromUtf8(document), text.folded()});
        if (ok)
            ok = Sql::exec(db, u"DELETE FROM steps WHERE investigation_id = ?"_s, {key});
        if (ok)
            ok = Sql::exec(db, u"DELETE FROM evidence WHERE investigation_id = ?"_s, {key});
        for (qsizetype i = 0; ok && i < inv.steps.size(); ++i) {
            const StepRecord &s = inv.steps.at(i);
            ok = Sql::exec(db,
                           u"INSERT INTO steps (investigation_id, position, step_id, connector, "
                           u"operation, title, status, duration_ms, error) "
                           u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                           {key, qint64(i), Sql::text(s.id), Sql::text(s.connector),
                            Sql::text(s.operation), Sql::text(s.title), stepStatusName(s.status),
                            s.durationMs, Sql::text(s.error)});
        }
        for (qsizetype i = 0; ok && i < inv.evidence.size(); ++i) {
            const Evidence &e = inv.evidence.at(i);
            ok = Sql::exec(
                db,
                u"INSERT INTO evidence (investigation_id, position, evidence_id, step_id, kind, "
                u"connector, title, source, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {key, qint64(i), Sql::text(e.id), Sql::text(e.stepId), evidenceKindName(e.kind),
                 Sql::text(e.connector), Sql::text(e.title), Sql::text(e.source),
                 QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact))});
        }
        if (ok && index)
            ok = Schema::indexInvestigation(db, key, text);
        else if (ok)
            ok = Schema::forgetIndexRow(db, key); // reindexed when FTS5 is back
        if (ok)
            ok = transaction.commit();
        if (!ok)
            return std::unexpected(ok.error());
        return key;
    });
}

Result<Investigation> SqliteStore::loadInvestigation(const QString &id) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    auto document = Sql::scalar(*db, u"SELECT document FROM investigations WHERE id = ?"_s, {id});
    if (!document)
        return std::unexpected(document.error());
    if (!document->isValid())
        return fail(Error::Code::NotFound,
                    u"The investigation %1 is not in the local database."_s.arg(id));
    auto inv = investigationFromJsonBytes(document->toString().toUtf8());
    if (!inv) {
        return fail(Error::Code::Storage,
                    u"The saved investigation %1 is damaged and cannot be opened."_s.arg(id),
                    inv.error().message);
    }
    return inv;
}

Result<QList<SavedInvestigationSummary>> SqliteStore::listInvestigations(int limit,
                                                                         int offset) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    auto query = Sql::prepare(*db,
                              u"SELECT "_s + summaryColumns +
                                  u" FROM investigations i ORDER BY i.saved_at DESC, i.rowid DESC "
                                  u"LIMIT ? OFFSET ?"_s,
                              {std::max(0, limit), std::max(0, offset)});
    if (!query)
        return std::unexpected(query.error());
    return d->summaries(*query);
}

Result<QList<SavedInvestigationSummary>> SqliteStore::search(const QString &text, int limit,
                                                             int offset) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    const QStringList words = Schema::searchWords(text);
    if (words.isEmpty())
        return QList<SavedInvestigationSummary>{};
    const QStringList terms = Schema::searchWords(Schema::foldForSearch(text));

    if (d->useFullText) {
        // bm25() reads each match's column sizes, a lookup per row: ranking every match of a
        // common word costs as much as the index is big. So the newest searchRankWindow
        // matches are ranked (walking the index backwards: its row ids follow the saves),
        // then only the page's rows are joined and their text read for the snippet, which is
        // made here rather than by snippet(): SQLite computes the columns of every sorted row.
        auto query =
            Sql::prepare(*db, u"SELECT "_s + summaryColumns + uR"(, t.subject, t.ticket, t.body
                    FROM (SELECT row, score FROM (
                              SELECT rowid AS row, bm25(investigation_text) AS score
                              FROM investigation_text WHERE investigation_text MATCH ?
                              ORDER BY rowid DESC LIMIT ?)
                          ORDER BY score, row DESC LIMIT ? OFFSET ?) hit
                    JOIN investigation_text_rows r ON r.id = hit.row
                    JOIN investigations i ON i.id = r.investigation_id
                    JOIN investigation_text t ON t.rowid = hit.row
                    ORDER BY hit.score, hit.row DESC)"_s,
                         {ftsQuery(text), std::max(1, d->options.searchRankWindow),
                          std::max(0, limit), std::max(0, offset)});
        if (!query)
            return std::unexpected(query.error());
        if (auto ok = Sql::run(*query, u"search saved investigations"_s); !ok)
            return std::unexpected(ok.error());
        QList<SavedInvestigationSummary> list;
        while (query->next()) {
            SavedInvestigationSummary s = summaryFrom(*query);
            const Schema::SearchText found{.subject = query->value(10).toString(),
                                           .ticket = query->value(11).toString(),
                                           .body = query->value(12).toString()};
            s.snippet = Schema::searchSnippet(found, terms, true);
            list.append(s);
        }
        return list;
    }

    // Without FTS5: every word must occur in the folded text. LIKE is only used with
    // escaped, bound patterns. LIKE reads every row it tests, so only the newest
    // searchScanWindow saves are tested (walking the saved_at index backwards): a rare word
    // costs the same however many investigations are saved.
    const QStringList patterns = likePatterns(text);
    QString sql = u"SELECT "_s + summaryColumns + uR"(, i.document FROM (
                        SELECT rowid AS row FROM investigations
                        ORDER BY saved_at DESC, rowid DESC LIMIT ?) newest
                    JOIN investigations i ON i.rowid = newest.row WHERE 1)"_s;
    for (qsizetype i = 0; i < patterns.size(); ++i)
        sql += u" AND i.search_text LIKE ? ESCAPE '\\'"_s;
    sql += u" ORDER BY i.saved_at DESC, i.rowid DESC LIMIT ? OFFSET ?"_s;
    auto query = Sql::prepare(*db, sql);
    if (!query)
        return std::unexpected(query.error());
    int index = 0;
    query->bindValue(index++, std::max(1, d->options.searchScanWindow));
    for (const QString &pattern : patterns)
        query->bindValue(index++, pattern);
    query->bindValue(index++, std::max(0, limit));
    query->bindValue(index, std::max(0, offset));
    if (auto ok = Sql::run(*query, u"search saved investigations"_s); !ok)
        return std::unexpected(ok.error());
    QList<SavedInvestigationSummary> list;
    QList<QString> documents;
    while (query->next()) {
        list.append(summaryFrom(*query));
        documents.append(query->value(10).toString());
    }
    query->finish();
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto inv = investigationFromJsonBytes(documents.at(i).toUtf8());
        if (inv)
            list[i].snippet = Schema::searchSnippet(Schema::searchTextOf(*inv), terms, true);
    }
    return list;
}

Result<void> SqliteStore::removeInvestigation(const QString &id)
{
    if (auto ok = requireId(id, u"investigation"_s); !ok)
        return ok;
    const bool index = d->fullTextIndex;
    return d->write<void>([&](const QSqlDatabase &db) -> Result<void> {
        Sql::Transaction transaction(db);
        auto ok = transaction.begin();
        if (!ok)
            return ok;
        auto exists = Sql::scalar(db, u"SELECT count(*) FROM investigations WHERE id = ?"_s, {id});
        if (!exists)
            return std::unexpected(exists.error());
        if (exists->toInt() == 0) {
            return fail(Error::Code::NotFound,
                        u"The investigation %1 is not in the local database."_s.arg(id));
        }
        if (ok)
            ok = Sql::exec(db, u"DELETE FROM investigations WHERE id = ?"_s, {id});
        if (ok)
            ok = Sql::exec(db, u"DELETE FROM drafts WHERE investigation_id = ?"_s, {id});
        if (ok && index)
            ok = Schema::unindexInvestigation(db, id);
        else if (ok)
            ok = Schema::forgetIndexRow(db, id);
        if (ok)
            ok = transaction.commit();
        return ok;
    });
}

Result<void> SqliteStore::saveTickets(const QString &workspace, const QList<Ticket> &tickets)
{
    return d->write<void>([&](const QSqlDatabase &db) -> Result<void> {
        Sql::Transaction transaction(db);
        auto ok = transaction.begin();
        if (ok)
            ok =
                Sql::exec(db, u"DELETE FROM tickets WHERE workspace = ?"_s, {Sql::text(workspace)});
        QSet<QString> seen;
        for (qsizetype i = 0; ok && i < tickets.size(); ++i) {
            const Ticket &t = tickets.at(i);
            if (!t.isValid() || seen.contains(t.id))
                continue; // a queue lists a ticket once; keep its first position
            seen.insert(t.id);
            ok = Sql::exec(
                db,
                u"INSERT INTO tickets (workspace, id, position, subject, status, "
                u"updated_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                {Sql::text(workspace), t.id, qint64(i), Sql::text(t.subject), Sql::text(t.status),
                 Sql::timeText(t.updatedAt),
                 QString::fromUtf8(QJsonDocument(ticketToJson(t)).toJson(QJsonDocument::Compact))});
        }
        if (ok)
            ok = transaction.commit();
        return ok;
    });
}

Result<QList<Ticket>> SqliteStore::tickets(const QString &workspace) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    auto query =
        Sql::prepare(*db, u"SELECT snapshot FROM tickets WHERE workspace = ? ORDER BY position"_s,
                     {Sql::text(workspace)});
    if (!query)
        return std::unexpected(query.error());
    if (auto ok = Sql::run(*query, u"read the ticket cache"_s); !ok)
        return std::unexpected(ok.error());
    QList<Ticket> list;
    while (query->next()) {
        const QJsonDocument doc = QJsonDocument::fromJson(query->value(0).toString().toUtf8());
        Ticket t = ticketFromJson(doc.object());
        if (t.isValid())
            list.append(t);
    }
    return list;
}

Result<DiagnosisDraft> SqliteStore::saveDraft(const QString &investigationId,
                                              const QString &ticketId, const QString &markdown)
{
    if (auto ok = requireId(investigationId, u"investigation"_s); !ok)
        return std::unexpected(ok.error());
    return d->write<DiagnosisDraft>([&](const QSqlDatabase &db) -> Result<DiagnosisDraft> {
        Sql::Transaction transaction(db);
        if (auto ok = transaction.begin(); !ok)
            return std::unexpected(ok.error());
        auto last = Sql::scalar(
            db, u"SELECT coalesce(max(revision), 0) FROM drafts WHERE investigation_id = ?"_s,
            {investigationId});
        if (!last)
            return std::unexpected(last.error());
        DiagnosisDraft draft;
        draft.investigationId = investigationId;
        draft.ticketId = ticketId;
        draft.markdown = markdown;
        draft.revision = last->toInt() + 1;
        draft.savedAt = QDateTime::currentDateTimeUtc();
        auto ok = Sql::exec(db,
                            u"INSERT INTO drafts (investigation_id, revision, ticket_id, markdown, "
                            u"saved_at) VALUES (?, ?, ?, ?, ?)"_s,
                            {investigationId, draft.revision, Sql::text(ticketId),
                             Sql::text(markdown), Sql::timeText(draft.savedAt)});
        if (ok)
            ok = transaction.commit();
        if (!ok)
            return std::unexpected(ok.error());
        return draft;
    });
}

Result<QList<DiagnosisDraft>> SqliteStore::drafts(const QString &investigationId) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    auto query = Sql::prepare(*db,
                              u"SELECT investigation_id, ticket_id, markdown, revision, saved_at "
                              u"FROM drafts WHERE investigation_id = ? ORDER BY revision DESC"_s,
                              {investigationId});
    if (!query)
        return std::unexpected(query.error());
    if (auto ok = Sql::run(*query, u"read the drafts"_s); !ok)
        return std::unexpected(ok.error());
    QList<DiagnosisDraft> list;
    while (query->next()) {
        DiagnosisDraft draft;
        draft.investigationId = query->value(0).toString();
        draft.ticketId = query->value(1).toString();
        draft.markdown = query->value(2).toString();
        draft.revision = query->value(3).toInt();
        draft.savedAt = Sql::timeFromText(query->value(4).toString());
        list.append(draft);
    }
    return list;
}

namespace {

// Sends are the one write whose loss would matter after a power cut (a reply that went out
// but is not on record), so they are committed with synchronous=FULL.
template<typename T, typename Job>
Result<T> durably(const QSqlDatabase &db, Job job)
{
    if (auto ok = Sql::exec(db, u"PRAGMA synchronous = FULL"_s); !ok)
        return std::unexpected(ok.error());
    Result<T> result = job();
    if (auto ok = Sql::exec(db, u"PRAGMA synchronous = NORMAL"_s); !ok)
        qCWarning(lcStorage) << "could not restore synchronous=NORMAL:" << ok.error().detail;
    return result;
}

Result<SentReply> sendById(const QSqlDatabase &db, const QString &id)
{
    auto query = Sql::prepare(db, u"SELECT "_s + sendColumns + u" FROM sends WHERE id = ?"_s, {id});
    if (!query)
        return std::unexpected(query.error());
    if (auto ok = Sql::run(*query, u"read the sent replies"_s); !ok)
        return std::unexpected(ok.error());
    if (!query->next())
        return fail(Error::Code::NotFound, u"The reply %1 is not on record."_s.arg(id));
    SentReply send = sendFrom(*query);
    query->finish();
    return send;
}

} // namespace

Result<SentReply> SqliteStore::beginSend(const QString &investigationId, const QString &ticketId,
                                         const QString &body, bool isPublic)
{
    if (auto ok = requireId(investigationId, u"investigation"_s); !ok)
        return std::unexpected(ok.error());
    if (body.trimmed().isEmpty())
        return fail(Error::Code::InvalidInput, u"The reply is empty; there is nothing to send."_s);
    return d->write<SentReply>([&](const QSqlDatabase &db) -> Result<SentReply> {
        return durably<SentReply>(db, [&]() -> Result<SentReply> {
            Sql::Transaction transaction(db);
            if (auto ok = transaction.begin(); !ok)
                return std::unexpected(ok.error());
            auto existing = Sql::scalar(
                db,
                u"SELECT id FROM sends WHERE investigation_id = ? AND body = ? AND is_public = ? "
                u"AND state IN ('pending', 'failed') ORDER BY created_at DESC LIMIT 1"_s,
                {investigationId, body, isPublic});
            if (!existing)
                return std::unexpected(existing.error());
            QString id;
            Result<void> ok;
            if (existing->isValid()) {
                // A retry: same key, so the helpdesk can recognise a reply it already got.
                id = existing->toString();
                ok = Sql::exec(db, u"UPDATE sends SET state = 'pending', error = '' WHERE id = ?"_s,
                               {id});
            } else {
                id = newId();
                ok = Sql::exec(db,
                               u"INSERT INTO sends (id, investigation_id, ticket_id, body, "
                               u"is_public, idempotency_key, state, remote_id, error, created_at, "
                               u"sent_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', '', '', ?, '')"_s,
                               {id, investigationId, Sql::text(ticketId), body, isPublic,
                                QString(u"casefile-"_s + newId()),
                                Sql::timeText(QDateTime::currentDateTimeUtc())});
            }
            if (!ok)
                return std::unexpected(ok.error());
            auto send = sendById(db, id);
            if (!send)
                return send;
            if (auto committed = transaction.commit(); !committed)
                return std::unexpected(committed.error());
            return send;
        });
    });
}

Result<void> SqliteStore::markSent(const QString &sendId, const QString &remoteId)
{
    return d->write<void>([&](const QSqlDatabase &db) -> Result<void> {
        return durably<void>(db, [&]() -> Result<void> {
            Sql::Transaction transaction(db);
            if (auto ok = transaction.begin(); !ok)
                return ok;
            auto send = sendById(db, sendId);
            if (!send)
                return std::unexpected(send.error());
            if (send->state == SentReply::State::Sent) {
                if (send->remoteId == remoteId)
                    return {}; // recorded already
                return fail(Error::Code::InvalidInput,
                            u"The reply %1 is already recorded as sent (as %2)."_s.arg(
                                sendId, send->remoteId));
            }
            auto ok = Sql::exec(
                db,
                u"UPDATE sends SET state = 'sent', remote_id = ?, error = '', "
                u"sent_at = ? WHERE id = ?"_s,
                {Sql::text(remoteId), Sql::timeText(QDateTime::currentDateTimeUtc()), sendId});
            if (ok)
                ok = transaction.commit();
            return ok;
        });
    });
}

Result<void> SqliteStore::markFailed(const QString &sendId, const QString &error)
{
    return d->write<void>([&](const QSqlDatabase &db) -> Result<void> {
        return durably<void>(db, [&]() -> Result<void> {
            Sql::Transaction transaction(db);
            if (auto ok = transaction.begin(); !ok)
                return ok;
            auto send = sendById(db, sendId);
            if (!send)
                return std::unexpected(send.error());
            if (send->state == SentReply::State::Sent) {
                return fail(
                    Error::Code::InvalidInput,
                    u"The reply %1 is already recorded as sent; it cannot fail now."_s.arg(sendId));
            }
            auto ok = Sql::exec(db, u"UPDATE sends SET state = 'failed', error = ? WHERE id = ?"_s,
                                {Sql::text(error.simplified()), sendId});
            if (ok)
                ok = transaction.commit();
            return ok;
        });
    });
}

Result<QList<SentReply>> SqliteStore::sends(const QString &investigationId) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    auto query =
        investigationId.isEmpty()
            ? Sql::prepare(*db,
                           u"SELECT "_s + sendColumns + u" FROM sends ORDER BY created_at, rowid"_s)
            : Sql::prepare(
                  *db,
                  u"SELECT "_s + sendColumns +
                      u" FROM sends WHERE investigation_id = ? ORDER BY created_at, rowid"_s,
                  {investigationId});
    if (!query)
        return std::unexpected(query.error());
    if (auto ok = Sql::run(*query, u"read the sent replies"_s); !ok)
        return std::unexpected(ok.error());
    QList<SentReply> list;
    while (query->next())
        list.append(sendFrom(*query));
    return list;
}

Result<void> SqliteStore::saveFeedback(const Feedback &feedback)
{
    if (auto ok = requireId(feedback.investigationId, u"investigation"_s); !ok)
        return ok;
    static const QStringList verdicts = {u"right"_s, u"wrong"_s, u"partly"_s};
    if (!verdicts.contains(feedback.verdict)) {
        return fail(Error::Code::InvalidInput,
                    u"Feedback must say \"right\", \"wrong\" or \"partly\"."_s);
    }
    const double share = std::clamp(feedback.editedShare, 0.0, 1.0);
    const QDateTime at = feedback.at.isValid() ? feedback.at : QDateTime::currentDateTimeUtc();
    return d->write<void>([&](const QSqlDatabase &db) -> Result<void> {
        return Sql::exec(
            db, uR"(INSERT INTO feedback (investigation_id, verdict, edited_share, note, at)
                             VALUES (?, ?, ?, ?, ?)
                             ON CONFLICT (investigation_id) DO UPDATE SET
                                 verdict = excluded.verdict, edited_share = excluded.edited_share,
                                 note = excluded.note, at = excluded.at)"_s,
            {feedback.investigationId, feedback.verdict, share, Sql::text(feedback.note),
             Sql::timeText(at)});
    });
}

Result<QList<Feedback>> SqliteStore::feedback(const QString &investigationId) const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    const QString columns =
        u"SELECT investigation_id, verdict, edited_share, note, at FROM feedback"_s;
    auto query =
        investigationId.isEmpty()
            ? Sql::prepare(*db, columns + u" ORDER BY at"_s)
            : Sql::prepare(*db, columns + u" WHERE investigation_id = ?"_s, {investigationId});
    if (!query)
        return std::unexpected(query.error());
    if (auto ok = Sql::run(*query, u"read the feedback"_s); !ok)
        return std::unexpected(ok.error());
    QList<Feedback> list;
    while (query->next()) {
        Feedback f;
        f.investigationId = query->value(0).toString();
        f.verdict = query->value(1).toString();
        f.editedShare = query->value(2).toDouble();
        f.note = query->value(3).toString();
        f.at = Sql::timeFromText(query->value(4).toString());
        list.append(f);
    }
    return list;
}

Result<QList<PlaybookMetrics>> SqliteStore::metrics() const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    // One read transaction, so the four queries see the same snapshot.
    if (!db->transaction())
        return std::unexpected(Sql::error(u"read the metrics"_s, db->lastError()));
    struct Row
    {
        QString playbook;
        double seconds = 0;
        QDateTime startedAt;
        int systems = 0;
        std::optional<QDateTime> firstSent;
        QString verdict;
    };
    QMap<QString, Row> rows;
    auto collect = [&]() -> Result<void> {
        auto q = Sql::prepare(
            *db, u"SELECT id, playbook, duration_ms, started_at FROM investigations"_s);
        if (!q)
            return std::unexpected(q.error());
        if (auto ok = Sql::run(*q, u"read the metrics"_s); !ok)
            return ok;
        while (q->next()) {
            const QString id = q->value(0).toString();
            Row &row = rows[id];
            row.playbook = q->value(1).toString();
            row.seconds = q->value(2).toLongLong() / 1000.0;
            row.startedAt = Sql::timeFromText(q->value(3).toString());
        }
        q = Sql::prepare(*db, u"SELECT investigation_id, count(DISTINCT connector) FROM steps "
                              u"WHERE status IN ('ok', 'failed', 'timeout') "
                              u"GROUP BY investigation_id"_s);
        if (!q)
            return std::unexpected(q.error());
        if (auto ok = Sql::run(*q, u"read the metrics"_s); !ok)
            return ok;
        while (q->next()) {
            const auto it = rows.find(q->value(0).toString());
            if (it != rows.end())
                it->systems = q->value(1).toInt();
        }
        q = Sql::prepare(*db, u"SELECT investigation_id, min(sent_at) FROM sends "
                              u"WHERE state = 'sent' GROUP BY investigation_id"_s);
        if (!q)
            return std::unexpected(q.error());
        if (auto ok = Sql::run(*q, u"read the metrics"_s); !ok)
            return ok;
        while (q->next()) {
            const auto it = rows.find(q->value(0).toString());
            if (it != rows.end())
                it->firstSent = Sql::timeFromText(q->value(1).toString());
        }
        q = Sql::prepare(*db, u"SELECT investigation_id, verdict FROM feedback"_s);
        if (!q)
            return std::unexpected(q.error());
        if (auto ok = Sql::run(*q, u"read the metrics"_s); !ok)
            return ok;
        while (q->next()) {
            const auto it = rows.find(q->value(0).toString());
            if (it != rows.end())
                it->verdict = q->value(1).toString();
        }
        return {};
    };
    const Result<void> collected = collect();
    db->rollback();
    if (!collected)
        return std::unexpected(collected.error());

    struct Acc
    {
        int investigated = 0;
        QList<double> diagnosis;
        QList<double> toSend;
        double systems = 0;
        int confirmed = 0;
        int judged = 0;
    };
    QMap<QString, Acc> byPlaybook; // sorted by name; "" = overall
    auto add = [](Acc &acc, const Row &row) {
        ++acc.investigated;
        acc.diagnosis.append(row.seconds);
        if (row.firstSent && row.firstSent->isValid() && row.startedAt.isValid())
            acc.toSend.append(row.startedAt.msecsTo(*row.firstSent) / 1000.0);
        acc.systems += row.systems;
        if (!row.verdict.isEmpty()) {
            ++acc.judged;
            if (row.verdict == u"right"_s)
                ++acc.confirmed;
        }
    };
    byPlaybook[QString()]; // the overall row exists even for an empty store
    for (const Row &row : std::as_const(rows)) {
        add(byPlaybook[QString()], row);
        if (!row.playbook.isEmpty())
            add(byPlaybook[row.playbook], row);
    }
    QList<PlaybookMetrics> list;
    for (auto it = byPlaybook.cbegin(); it != byPlaybook.cend(); ++it) {
        if (it.key().isEmpty())
            continue;
        const Acc &acc = it.value();
        list.append({it.key(), acc.investigated, median(acc.diagnosis), median(acc.toSend),
                     acc.investigated ? acc.systems / acc.investigated : 0, acc.confirmed,
                     acc.judged});
    }
    const Acc all = byPlaybook.value(QString());
    list.append({QString(), all.investigated, median(all.diagnosis), median(all.toSend),
                 all.investigated ? all.systems / all.investigated : 0, all.confirmed, all.judged});
    return list;
}

Result<void> SqliteStore::checkIntegrity() const
{
    auto db = d->reader();
    if (!db)
        return std::unexpected(db.error());
    auto value = Sql::scalar(*db, u"PRAGMA integrity_check"_s);
    if (!value)
        return std::unexpected(value.error());
    if (value->toString() != u"ok"_s) {
        return fail(Error::Code::Storage, u"The local database is damaged."_s, value->toString());
    }
    return {};
}

} // namespace Casefile
