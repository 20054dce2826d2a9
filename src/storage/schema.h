#pragma once

// Internal to the storage module: the schema's ordered migrations and the text the search
// indexes. A database carries its schema version in PRAGMA user_version; each migration runs
// in one transaction together with the version bump, so an interrupted upgrade leaves the
// previous version intact.

#include "core/domain.h"
#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

namespace Casefile::Schema {

int latestVersion();

struct MigrationOptions
{
    bool createFullTextIndex = true; // FTS5 available and wanted
};

// Brings `db` (the writer's connection) to latestVersion(). Returns the version reached.
Result<int> migrate(const QSqlDatabase &db, const MigrationOptions &options);
Result<int> userVersion(const QSqlDatabase &db);

// Can this SQLite create FTS5 tables?
bool fts5Available(const QSqlDatabase &db);
Result<bool> fullTextIndexExists(const QSqlDatabase &db);
// Creates the FTS5 index and fills it from the saved documents; call inside a transaction.
Result<void> createFullTextIndex(const QSqlDatabase &db);
// Refills the index from the saved documents; call inside a transaction.
Result<void> rebuildFullTextIndex(const QSqlDatabase &db);
// Is the index in this version's layout (its prefix lengths)? An index from an earlier
// version is moved to it with upgradeFullTextIndex(), inside a transaction.
Result<bool> fullTextIndexIsCurrent(const QSqlDatabase &db);
Result<void> upgradeFullTextIndex(const QSqlDatabase &db);
// Were investigations saved while the index could not be written (SQLite without FTS5)?
Result<bool> fullTextIndexIsStale(const QSqlDatabase &db);
// Marks one investigation as not indexed, for saves made without FTS5.
Result<void> forgetIndexRow(const QSqlDatabase &db, const QString &id);

// The searchable text of an investigation, in the index's columns.
struct SearchText
{
    QString subject;
    QString ticket; // id, organisation, requester, the customer's words
    QString body;   // playbook, root cause, findings, rejected causes, diagnosis

    QString folded() const; // all of it as folded words, for the LIKE fallback
};
SearchText searchTextOf(const Investigation &inv);

// Words of user text as the index's tokenizer sees them: runs of letters and digits.
QStringList searchWords(const QString &text);
// Case and diacritics folded, as the index compares.
QString foldForSearch(const QString &text);

// A plain-text excerpt of `text` around the hits of a search, the way the list shows it: the
// part with the most hits (up to `words` words of one column; subject first on a tie), each
// hit wrapped in « », "…" where text is left out. `terms` are folded search words; with
// `lastIsPrefix` the last one also matches words it begins. Without a hit: the first words.
QString searchSnippet(const SearchText &text, const QStringList &terms, bool lastIsPrefix,
                      int words = 12);

// Replaces the index rows of one investigation; call inside a transaction.
Result<void> indexInvestigation(const QSqlDatabase &db, const QString &id, const SearchText &text);
Result<void> unindexInvestigation(const QSqlDatabase &db, const QString &id);

} // namespace Casefile::Schema
