#pragma once

#include "storage/store.h"

#include <memory>

namespace Casefile {

struct StoreOptions
{
    // Use SQLite FTS5 for search() when the SQLite library has it. Off = the LIKE fallback,
    // as on a system whose SQLite lacks FTS5.
    bool fullTextSearch = true;
    // search() with FTS5 ranks the newest this many matches and leaves older ones out: ranking
    // reads every ranked match's column sizes, so a common word over 100,000 saved
    // investigations would cost seconds. A search that matches more is not specific enough to
    // show them all anyway.
    int searchRankWindow = 5000;
    // search() without FTS5 (LIKE over each row's folded text) tests the newest this many
    // saved investigations and leaves older ones out: LIKE reads every row it tests, so
    // looking through 100,000 for a rare word would cost a second or more.
    int searchScanWindow = 20000;
};

// The local SQLite store: ticket snapshots, saved investigations (the full result document
// plus denormalised columns, steps and evidence rows), reply drafts, sent replies, feedback.
//
// Threading: every method is thread-safe and blocks until done (Store's contract). All writes
// run on one writer thread that owns the only writing connection; reads use one connection
// per calling thread.
// Lifetime: the store must outlive every call; destroying it finishes queued writes, stops the
// writer thread and closes every connection it opened.
//
// Crash safety: every write is one transaction (WAL journal), so a crash leaves either the
// previous or the new state, never a mix. Sends are committed with synchronous=FULL.
class SqliteStore final : public Store
{
public:
    ~SqliteStore() override;

    static QString defaultPath(); // <AppDataLocation>/casefile.sqlite
    // Opens (creating if needed) and migrates the database at `path`; blocks while migrating,
    // so call it off the GUI thread too. Fails on a database from a newer Casefile.
    // InMemory keeps the database in a private temporary folder that goes with the store.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path,
                                                     const StoreOptions &options = {});
    static constexpr QStringView InMemory = u":memory:";
    static int latestSchemaVersion();

    QString path() const;
    int schemaVersion() const;
    bool hasFullTextSearch() const; // FTS5 available and in use?
    // PRAGMA integrity_check, for diagnostics and tests.
    Result<void> checkIntegrity() const;

    Result<QString> saveInvestigation(const Investigation &inv, const QString &id = {}) override;
    Result<Investigation> loadInvestigation(const QString &id) const override;
    Result<QList<SavedInvestigationSummary>> listInvestigations(int limit = 200,
                                                                int offset = 0) const override;
    Result<QList<SavedInvestigationSummary>> search(const QString &text, int limit = 100,
                                                    int offset = 0) const override;
    Result<void> removeInvestigation(const QString &id) override;

    Result<void> saveTickets(const QString &workspace, const QList<Ticket> &tickets) override;
    Result<QList<Ticket>> tickets(const QString &workspace) const override;

    Result<DiagnosisDraft> saveDraft(const QString &investigationId, const QString &ticketId,
                                     const QString &markdown) override;
    Result<QList<DiagnosisDraft>> drafts(const QString &investigationId) const override;

    Result<SentReply> beginSend(const QString &investigationId, const QString &ticketId,
                                const QString &body, bool isPublic) override;
    Result<void> markSent(const QString &sendId, const QString &remoteId) override;
    Result<void> markFailed(const QString &sendId, const QString &error) override;
    Result<QList<SentReply>> sends(const QString &investigationId = {}) const override;

    Result<void> saveFeedback(const Feedback &feedback) override;
    Result<QList<Feedback>> feedback(const QString &investigationId = {}) const override;
    Result<QList<PlaybookMetrics>> metrics() const override;

private:
    struct Private;
    explicit SqliteStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace Casefile
