#include "storage/schema.h"

#include "core/investigationjson.h"
#include "storage/sqlsupport.h"
#include "storage/storagelogging.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace Casefile::Schema {

namespace {

struct Migration
{
    int version;
    QString what;
    std::function<Result<void>(const QSqlDatabase &, const MigrationOptions &)> apply;
};

Result<void> execAll(const QSqlDatabase &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (auto ok = Sql::exec(db, sql); !ok)
            return ok;
    }
    return {};
}

// v1: saved investigations (document + list columns), their steps and evidence, and the
// ticket snapshot cache. Frozen: a released schema is never edited, only migrated.
Result<void> migrateTo1(const QSqlDatabase &db, const MigrationOptions &)
{
    return execAll(db,
                   {
                       uR"(CREATE TABLE investigations (
                id TEXT PRIMARY KEY NOT NULL,
                ticket_id TEXT,
                subject TEXT,
                org_id TEXT,
                playbook TEXT,
                category TEXT,
                confidence REAL NOT NULL DEFAULT 0,
                started_at TEXT,
                duration_ms INTEGER NOT NULL DEFAULT 0,
                saved_at TEXT NOT NULL,
                document TEXT NOT NULL))"_s,
                       u"CREATE INDEX investigations_by_saved_at ON investigations (saved_at)"_s,
                       u"CREATE INDEX investigations_by_ticket ON investigations (ticket_id)"_s,
                       uR"(CREATE TABLE steps (
                investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                step_id TEXT,
                connector TEXT,
                operation TEXT,
                title TEXT,
                status TEXT,
                duration_ms INTEGER NOT NULL DEFAULT 0,
                error TEXT,
                PRIMARY KEY (investigation_id, position)))"_s,
                       uR"(CREATE TABLE evidence (
                investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                evidence_id TEXT,
                step_id TEXT,
                kind TEXT,
                connector TEXT,
                title TEXT,
                source TEXT,
                data TEXT,
                PRIMARY KEY (investigation_id, position)))"_s,
                       uR"(CREATE TABLE tickets (
                workspace TEXT NOT NULL,
                id TEXT NOT NULL,
                position INTEGER NOT NULL,
                subject TEXT,
                status TEXT,
                updated_at TEXT,
                snapshot TEXT NOT NULL,
                PRIMARY KEY (workspace, id)))"_s,
                   });
}

// v2: reply drafts (every revision) and sent replies (the audit trail of what went out).
Result<void> migrateTo2(const QSqlDatabase &db, const MigrationOptions &)
{
    return execAll(
        db, {
                uR"(CREATE TABLE drafts (
                investigation_id TEXT NOT NULL,
                revision INTEGER NOT NULL,
                ticket_id TEXT,
                markdown TEXT,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (investigation_id, revision)))"_s,
                uR"(CREATE TABLE sends (
                id TEXT PRIMARY KEY NOT NULL,
                investigation_id TEXT NOT NULL,
                ticket_id TEXT,
                body TEXT NOT NULL,
                is_public INTEGER NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
                remote_id TEXT,
                error TEXT,
                created_at TEXT NOT NULL,
                sent_at TEXT))"_s,
                u"CREATE INDEX sends_by_investigation ON sends (investigation_id, created_at)"_s,
            });
}

// v3: feedback on diagnoses, and search: a folded text column for the LIKE fallback plus an
// FTS5 index when SQLite has it. Existing investigations are indexed from their documents.
Result<void> migrateTo3(const QSqlDatabase &db, const MigrationOptions &options)
{
    if (auto ok = execAll(
            db,
            {
                u"ALTER TABLE investigations ADD COLUMN search_text TEXT"_s,
                // Stable integer ids for the FTS rows (an INTEGER PRIMARY KEY survives VACUUM), so
                // re-indexing one investigation touches one row instead of scanning the index.
                uR"(CREATE TABLE investigation_text_rows (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    investigation_id TEXT NOT NULL UNIQUE))"_s,
                uR"(CREATE TABLE feedback (
                    investigation_id TEXT PRIMARY KEY NOT NULL,
                    verdict TEXT NOT NULL CHECK (verdict IN ('right', 'wrong', 'partly')),
                    edited_share REAL NOT NULL DEFAULT 0,
                    note TEXT,
                    at TEXT NOT NULL))"_s,
            });
        !ok) {
        return ok;
    }
    auto rows = Sql::prepare(db, u"SELECT id, document FROM investigations"_s);
    if (!rows)
        return std::unexpected(rows.error());
    if (auto ok = Sql::run(*rows, u"read saved investigations"_s); !ok)
        return ok;
    QList<std::pair<QString, QString>> folded;
    while (rows->next()) {
        const QString id = rows->value(0).toString();
        auto inv = investigationFromJsonBytes(rows->value(1).toString().toUtf8());
        if (!inv) {
            // Keep the row: it still loads (and fails) the same way it did before.
            qCWarning(lcStorage) << "cannot index investigation" << id << inv.error().detail;
            continue;
        }
        folded.append({id, searchTextOf(*inv).folded()});
    }
    rows->finish();
    for (const auto &[id, text] : std::as_const(folded)) {
        if (auto ok = Sql::exec(db, u"UPDATE investigations SET search_text = ? WHERE id = ?"_s,
                                {text, id});
            !ok) {
            return ok;
        }
    }
    if (options.createFullTextIndex)
        return createFullTextIndex(db);
    return {};
}

const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1, u"investigations, steps, evidence, tickets"_s, migrateTo1},
        {2, u"drafts and sends"_s, migrateTo2},
        {3, u"feedback and search"_s, migrateTo3},
    };
    return all;
}

} // namespace

int latestVersion()
{
    return migrations().constLast().version;
}

Result<int> userVersion(const QSqlDatabase &db)
{
    auto value = Sql::scalar(db, u"PRAGMA user_version"_s);
    if (!value)
        return std::unexpected(value.error());
    return value->toInt();
}

Result<int> migrate(const QSqlDatabase &db, const MigrationOptions &options)
{
    auto current = userVersion(db);
    if (!current)
        return current;
    if (*current > latestVersion()) {
        return fail(Error::Code::Storage,
                    u"The local database was written by a newer Casefile (schema %1; this "
                    u"version knows up to %2). Update Casefile to open it."_s.arg(*current)
                        .arg(latestVersion()));
    }
    for (const Migration &migration : migrations()) {
        if (migration.version <= *current)
            continue;
        Sql::Transaction transaction(db);
        if (auto ok = transaction.begin(); !ok)
            return std::unexpected(ok.error());
        auto applied = migration.apply(db, options);
        if (applied) {
            // PRAGMA takes no bound parameters; the value is our own constant.
            applied = Sql::exec(db, u"PRAGMA user_version = %1"_s.arg(migration.version));
        }
        if (applied)
            applied = transaction.commit();
        if (!applied) {
            Error error = applied.error();
            error.message = u"The local database could not be upgraded to schema %1 (%2)."_s
                                .arg(migration.version)
                                .arg(migration.what);
            return std::unexpected(error);
        }
        qCInfo(lcStorage) << "database migrated to schema" << migration.version;
        *current = migration.version;
    }
    return *current;
}

bool fts5Available(const QSqlDatabase &db)
{
    QSqlQuery probe(db);
    if (!probe.exec(u"CREATE VIRTUAL TABLE temp.casefile_fts5_probe USING fts5(x)"_s))
        return false;
    probe.exec(u"DROP TABLE temp.casefile_fts5_probe"_s);
    return true;
}

Result<bool> fullTextIndexExists(const QSqlDatabase &db)
{
    auto value =
        Sql::scalar(db, u"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?"_s,
                    {u"investigation_text"_s});
    if (!value)
        return std::unexpected(value.error());
    return value->toInt() > 0;
}

namespace {

// The prefix lengths the index keeps lists for. A prefix query of another length (the last
// word as typed so far) merges the list of every word that starts so before it can return
// a row: for a prefix of very common words (deploy*: deploy, deployment, 100,000 saves each)
// that costs ~100 ms. With a list per length up to 8 characters, search-as-you-type reads one
// list at each keystroke up to there; the index is larger and a save indexes a few more
// entries per word. Longer prefixes match few words.
constexpr auto FullTextPrefixes = "2 3 4 5 6 7 8";

QString fullTextTableSql(const QString &name)
{
    return uR"(CREATE VIRTUAL TABLE %1 USING fts5(subject, ticket, body,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '%2'))"_s.arg(
        name, QLatin1StringView(FullTextPrefixes));
}

} // namespace

Result<void> createFullTextIndex(const QSqlDatabase &db)
{
    if (auto ok = Sql::exec(db, fullTextTableSql(u"investigation_text"_s)); !ok)
        return ok;
    return rebuildFullTextIndex(db);
}

Result<bool> fullTextIndexIsCurrent(const QSqlDatabase &db)
{
    auto sql = Sql::scalar(db, u"SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"_s,
                           {u"investigation_text"_s});
    if (!sql)
        return std::unexpected(sql.error());
    return sql->toString().contains(u"prefix = '%1'"_s.arg(QLatin1StringView(FullTextPrefixes)));
}

Result<void> upgradeFullTextIndex(const QSqlDatabase &db)
{
    // The indexed text is copied as it is (no document is read again), under the same row ids.
    for (const QString &sql :
         {fullTextTableSql(u"investigation_text_next"_s),
          u"INSERT INTO investigation_text_next (rowid, subject, ticket, body) "
          u"SELECT rowid, subject, ticket, body FROM investigation_text"_s,
          u"DROP TABLE investigation_text"_s,
          u"ALTER TABLE investigation_text_next RENAME TO investigation_text"_s}) {
        if (auto ok = Sql::exec(db, sql); !ok)
            return ok;
    }
    return {};
}

Result<void> rebuildFullTextIndex(const QSqlDatabase &db)
{
    for (const QString &sql :
         {u"DELETE FROM investigation_text"_s, u"DELETE FROM investigation_text_rows"_s}) {
        if (auto ok = Sql::exec(db, sql); !ok)
            return ok;
    }
    // Oldest save first: the index's row order is the order of saves (see indexInvestigation).
    auto rows =
        Sql::prepare(db, u"SELECT id, document FROM investigations ORDER BY saved_at, rowid"_s);
    if (!rows)
        return std::unexpected(rows.error());
    if (auto ok = Sql::run(*rows, u"read saved investigations"_s); !ok)
        return ok;
    QList<std::pair<QString, SearchText>> texts;
    while (rows->next()) {
        auto inv = investigationFromJsonBytes(rows->value(1).toString().toUtf8());
        // A damaged document gets an empty row, so the index does not look stale forever.
        texts.append({rows->value(0).toString(), inv ? searchTextOf(*inv) : SearchText{}});
    }
    rows->finish();
    for (const auto &[id, text] : std::as_const(texts)) {
        if (auto ok = indexInvestigation(db, id, text); !ok)
            return ok;
    }
    return {};
}

Result<bool> fullTextIndexIsStale(const QSqlDatabase &db)
{
    auto saved = Sql::scalar(db, u"SELECT count(*) FROM investigations"_s);
    if (!saved)
        return std::unexpected(saved.error());
    auto indexed = Sql::scalar(db, u"SELECT count(*) FROM investigation_text_rows"_s);
    if (!indexed)
        return std::unexpected(indexed.error());
    return saved->toLongLong() != indexed->toLongLong();
}

QString foldForSearch(const QString &text)
{
    // Like FTS5's unicode61 tokenizer with remove_diacritics: "Zürich" finds "zurich".
    QString folded = text.normalized(QString::NormalizationForm_KD);
    folded.removeIf([](QChar c) { return c.isMark(); });
    return folded.toCaseFolded();
}

QString SearchText::folded() const
{
    // Tokens between single spaces, so the LIKE fallback can match whole words and phrases
    // the way the FTS index does: ' word ' and ' prefix%'.
    const QStringList words = searchWords(foldForSearch(subject + u'\n' + ticket + u'\n' + body));
    return u' ' + words.join(u' ') + u' ';
}

SearchText searchTextOf(const Investigation &inv)
{
    SearchText text;
    text.subject = inv.ticket.subject;
    text.ticket = QStringList{inv.ticket.id,
                              inv.ticket.orgId,
                              inv.ticket.orgName,
                              inv.ticket.requesterName,
                              inv.ticket.requesterEmail,
                              inv.ticket.tags.join(u' '),
                              inv.ticket.description}
                      .join(u'\n');
    QStringList body{inv.playbook.name};
    if (inv.rootCause) {
        body << inv.rootCause->category << inv.rootCause->summary << inv.rootCause->refs.join(u' ');
    }
    for (const Finding &finding : inv.findings)
        body << finding.summary << finding.refs.join(u' ');
    for (const RejectedHypothesis &rejected : inv.rejected)
        body << rejected.category << rejected.reason;
    body << inv.diagnosisMarkdown;
    text.body = body.join(u'\n');
    return text;
}

QStringList searchWords(const QString &text)
{
    QStringList words;
    QString word;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.isMark()) {
            word.append(c);
        } else if (!word.isEmpty()) {
            words.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        words.append(word);
    return words;
}

namespace {

struct Token
{
    qsizetype from = 0;
    qsizetype to = 0; // one past the end
    bool hit = false;
};

QList<Token> tokensOf(const QString &text, const QStringList &terms, bool lastIsPrefix)
{
    QList<Token> tokens;
    const auto isWordChar = [](QChar c) {
        return c.isLetterOrNumber() || c.isMark();
    };
    for (qsizetype i = 0; i < text.size();) {
        if (!isWordChar(text.at(i))) {
            ++i;
            continue;
        }
        Token token{.from = i};
        while (i < text.size() && isWordChar(text.at(i)))
            ++i;
        token.to = i;
        const QStringView word = QStringView(text).sliced(token.from, token.to - token.from);
        // Most words are ASCII: folding them is lower-casing, without a normalisation.
        const bool ascii =
            std::all_of(word.begin(), word.end(), [](QChar c) { return c.unicode() < 0x80; });
        const QString folded = ascii ? word.toString().toLower() : foldForSearch(word.toString());
        for (qsizetype t = 0; t < terms.size() && !token.hit; ++t) {
            token.hit = folded == terms.at(t) ||
                        (lastIsPrefix && t == terms.size() - 1 && folded.startsWith(terms.at(t)));
        }
        tokens.append(token);
    }
    return tokens;
}

} // namespace

QString searchSnippet(const SearchText &text, const QStringList &terms, bool lastIsPrefix,
                      int words)
{
    words = std::max(1, words);
    // The best window of each column: the most hits, the earliest on a tie.
    const QString *bestText = nullptr;
    QList<Token> bestTokens;
    qsizetype bestStart = 0;
    int bestHits = -1;
    for (const QString *column : {&text.subject, &text.ticket, &text.body}) {
        const QList<Token> tokens = tokensOf(*column, terms, lastIsPrefix);
        if (tokens.isEmpty())
            continue;
        int hits = 0;
        for (qsizetype i = 0; i < std::min<qsizetype>(words, tokens.size()); ++i)
            hits += tokens.at(i).hit ? 1 : 0;
        qsizetype start = 0;
        int most = hits;
        for (qsizetype i = words; i < tokens.size(); ++i) {
            hits += (tokens.at(i).hit ? 1 : 0) - (tokens.at(i - words).hit ? 1 : 0);
            if (hits > most) {
                most = hits;
                start = i - words + 1;
            }
        }
        if (most > bestHits) {
            bestHits = most;
            bestText = column;
            bestTokens = tokens;
            bestStart = start;
        }
    }
    if (!bestText)
        return {};
    // The hits in the middle of the window rather than at its end.
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype i = bestStart; i < std::min<qsizetype>(bestStart + words, bestTokens.size());
         ++i) {
        if (bestTokens.at(i).hit) {
            first = first < 0 ? i : first;
            last = i;
        }
    }
    if (first >= 0) {
        const qsizetype slack = words - (last - first + 1);
        bestStart = std::clamp<qsizetype>(first - slack / 2, 0,
                                          std::max<qsizetype>(0, bestTokens.size() - words));
    }
    const qsizetype end = std::min<qsizetype>(bestStart + words, bestTokens.size());
    QString out;
    if (bestStart > 0)
        out += u"…"_s;
    qsizetype at = bestTokens.at(bestStart).from;
    for (qsizetype i = bestStart; i < end; ++i) {
        const Token &token = bestTokens.at(i);
        out += bestText->sliced(at, token.from - at);
        const QString word = bestText->sliced(token.from, token.to - token.from);
        out += token.hit ? u'«' + word + u'»' : word;
        at = token.to;
    }
    if (end < bestTokens.size())
        out += u"…"_s;
    return out.simplified();
}

Result<void> indexInvestigation(const QSqlDatabase &db, const QString &id, const SearchText &text)
{
    // A new row id on every save, so the index's row order is the order of the latest saves:
    // search() ranks the newest matches by walking the index backwards.
    if (auto ok = unindexInvestigation(db, id); !ok)
        return ok;
    if (auto ok = Sql::exec(
            db, u"INSERT INTO investigation_text_rows (investigation_id) VALUES (?)"_s, {id});
        !ok) {
        return ok;
    }
    auto row = Sql::scalar(
        db, u"SELECT id FROM investigation_text_rows WHERE investigation_id = ?"_s, {id});
    if (!row)
        return std::unexpected(row.error());
    return Sql::exec(db,
                     u"INSERT INTO investigation_text (rowid, subject, ticket, body) "
                     u"VALUES (?, ?, ?, ?)"_s,
                     {*row, Sql::text(text.subject), Sql::text(text.ticket), Sql::text(text.body)});
}

Result<void> unindexInvestigation(const QSqlDatabase &db, const QString &id)
{
    auto row = Sql::scalar(
        db, u"SELECT id FROM investigation_text_rows WHERE investigation_id = ?"_s, {id});
    if (!row)
        return std::unexpected(row.error());
    if (!row->isValid())
        return {};
    if (auto ok = Sql::exec(db, u"DELETE FROM investigation_text WHERE rowid = ?"_s, {*row}); !ok)
        return ok;
    return Sql::exec(db, u"DELETE FROM investigation_text_rows WHERE id = ?"_s, {*row});
}

Result<void> forgetIndexRow(const QSqlDatabase &db, const QString &id)
{
    return Sql::exec(db, u"DELETE FROM investigation_text_rows WHERE investigation_id = ?"_s, {id});
}

} // namespace Casefile::Schema
