#include "ui/jsontablemodel.h"

#include "ui/constants.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Casefile {

JsonTableModel::JsonTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void JsonTableModel::setTable(const QJsonObject &tablePayload)
{
    QStringList columns;
    for (const QJsonValue &c : tablePayload.value("columns"_L1).toArray())
        columns.append(c.toString());
    setData(columns, tablePayload.value("rows"_L1).toArray());
}

void JsonTableModel::setEvents(const QJsonArray &events)
{
    const QStringList columns{u"time"_s, u"end"_s, u"type"_s, u"ref"_s, u"title"_s};
    QJsonArray rows;
    for (const QJsonValue &e : events) {
        const QJsonObject o = e.toObject();
        QJsonArray row;
        for (const QString &c : columns)
            row.append(o.value(c));
        rows.append(row);
    }
    setData(columns, rows);
}

void JsonTableModel::setData(const QStringList &columns, const QJsonArray &rows)
{
    beginResetModel();
    m_columns = columns;
    m_rows = rows;
    endResetModel();
}

void JsonTableModel::clear()
{
    setData({}, {});
}

QJsonValue JsonTableModel::cell(int row, int column) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const QJsonArray r = m_rows.at(row).toArray();
    return column >= 0 && column < r.size() ? r.at(column) : QJsonValue();
}

QString JsonTableModel::displayText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)) && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 6);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonValue v = cell(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return displayText(v);
    case UiRoles::SortRole:
        return v.isDouble() ? QVariant(v.toDouble()) : QVariant(displayText(v));
    case Qt::TextAlignmentRole:
        return v.isDouble() ? int(Qt::AlignRight | Qt::AlignVCenter)
                            : int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole && orientation == Qt::Horizontal && section >= 0 &&
        section < m_columns.size())
        return m_columns.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace Casefile
