#include "storage/sqlsupport.h"

#include "storage/storagelogging.h"

#include <QDateTime>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Casefile::Sql {

Error error(const QString &what, const QSqlError &sqlError)
{
    return Error::make(Error::Code::Storage, u"The local database could not %1."_s.arg(what),
                       sqlError.text().simplified());
}

Result<QSqlQuery> prepare(const QSqlDatabase &db, const QString &sql,
                          std::initializer_list<QVariant> values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qCWarning(lcStorage) << "prepare failed:" << query.lastError().text() << sql;
        return std::unexpected(error(u"prepare a statement"_s, query.lastError()));
    }
    int index = 0;
    for (const QVariant &value : values)
        query.bindValue(index++, value);
    return query;
}

Result<void> run(QSqlQuery &query, const QString &what)
{
    if (!query.exec()) {
        qCWarning(lcStorage) << "statement failed:" << query.lastError().text()
                             << query.lastQuery();
        return std::unexpected(error(what, query.lastError()));
    }
    return {};
}

Result<void> exec(const QSqlDatabase &db, const QString &sql,
                  std::initializer_list<QVariant> values)
{
    auto query = prepare(db, sql, values);
    if (!query)
        return std::unexpected(query.error());
    return run(*query, u"save the change"_s);
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql,
                        std::initializer_list<QVariant> values)
{
    auto query = prepare(db, sql, values);
    if (!query)
        return std::unexpected(query.error());
    if (auto ok = run(*query, u"be read"_s); !ok)
        return std::unexpected(ok.error());
    QVariant value;
    if (query->next())
        value = query->value(0);
    query->finish();
    return value;
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery rollback(m_db);
        if (!rollback.exec(u"ROLLBACK"_s))
            qCWarning(lcStorage) << "rollback failed:" << rollback.lastError().text();
    }
}

Result<void> Transaction::begin()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return std::unexpected(error(u"start a transaction"_s, query.lastError()));
    m_open = true;
    return {};
}

Result<void> Transaction::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"COMMIT"_s))
        return std::unexpected(error(u"commit the change"_s, query.lastError()));
    m_open = false;
    return {};
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

QString timeText(const QDateTime &time)
{
    if (!time.isValid())
        return u""_s;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromText(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : time;
}

} // namespace Casefile::Sql
