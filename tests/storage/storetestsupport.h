#pragma once

// What the store's test suites share: a rich investigation to save, a direct SQLite
// connection for checks and old schemas, the released schemas, and a fresh folder per test.

#include "storage/sqlitestore.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>
#include <QUuid>
#include <QVariant>

#include <memory>

namespace StoreTestSupport {

using namespace Qt::StringLiterals;
using Casefile::Investigation;
using Casefile::SqliteStore;
using Casefile::Store;
using Casefile::StoreOptions;

QDateTime utc(int day, int hour, int minute, int second = 0);

// A rich investigation: every step status, every evidence kind, findings, a root cause,
// rejected hypotheses, unicode and hostile text. `variant` makes distinct ones.
Investigation richInvestigation(const QString &variant = u"a"_s, int revision = 0);
QByteArray canonical(const Investigation &inv);

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

// The schemas as released, frozen so migrations are tested from what real users have.
extern const QStringList schemaV1;
extern const QStringList schemaV2;

QString crashId(int i);
Investigation crashInvestigation(int i, int revision);
// An integer from the environment (trial counts, seeds), or `fallback`.
int envInt(const char *name, int fallback);
// Two investigations with words to search for.
bool fillSearchStore(Store &store);
// A store of schema v1, as released, holding `count` investigations (crashId(0..count-1)).
bool writeV1Store(const QString &path, int count);

// A fresh temporary folder for each test function (init() → makeDir(), cleanup() →
// removeDir()), and the store at its casefile.sqlite.
class StoreTestBase
{
protected:
    bool makeDir()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        return m_dir->isValid();
    }
    void removeDir() { m_dir.reset(); }
    std::unique_ptr<SqliteStore> openStore(const StoreOptions &options = {});
    QString dbPath() const { return m_dir->filePath(u"casefile.sqlite"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace StoreTestSupport
