#pragma once

// Internal to the storage module: small helpers over Qt Sql that turn failures into Result
// values. Every SQL value goes through bound parameters; statements are constants.

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>

namespace Casefile::Sql {

// One line for the engineer, the driver's words in the detail.
Error error(const QString &what, const QSqlError &sqlError);

// Prepares `sql` and binds `values` positionally.
Result<QSqlQuery> prepare(const QSqlDatabase &db, const QString &sql,
                          std::initializer_list<QVariant> values = {});
Result<void> run(QSqlQuery &query, const QString &what);
// prepare + run, for statements whose rows are not needed.
Result<void> exec(const QSqlDatabase &db, const QString &sql,
                  std::initializer_list<QVariant> values = {});
// The first column of the first row, or an invalid QVariant without rows.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql,
                        std::initializer_list<QVariant> values = {});

// A write transaction (BEGIN IMMEDIATE, so it takes the write lock up front and never has
// to upgrade). Rolled back unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db)
        : m_db(std::move(db))
    {}
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

// Qt binds a null QString as SQL NULL; text columns want '' for "nothing".
QVariant text(const QString &value);
QString timeText(const QDateTime &time); // UTC ISO with milliseconds, sorts as text
QDateTime timeFromText(const QString &text);

} // namespace Casefile::Sql
