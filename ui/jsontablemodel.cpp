#include "ui/jsontablemodel.h"

#include "ui/plaintext.h"

#include "ui/constants.h"

#include <QColor>
#include <QFont>
#include <QJsonDocument>

#include <algorithm>

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
    m_refs.clear();
    m_highlighted.clear();
    endResetModel();
}

void JsonTableModel::setHighlightedRefs(const QStringList &refs)
{
    m_refs = refs;
    m_highlighted.clear();
    const auto matches = [&refs](const QString &text) {
        if (text.isEmpty())
            return false;
        return std::any_of(refs.cbegin(), refs.cend(), [&text](const QString &ref) {
            return ref == text || (text.size() >= 2 && ref.endsWith(u':' + text));
        });
    };
    for (int row = 0; row < m_rows.size() && !refs.isEmpty(); ++row) {
        const QJsonArray cells = m_rows.at(row).toArray();
        if (std::any_of(cells.cbegin(), cells.cend(),
                        [&](const QJsonValue &v) { return matches(displayText(v)); }))
            m_highlighted.append(row);
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::BackgroundRole, Qt::FontRole});
}

QString JsonTableModel::toCsv() const
{
    const auto field = [](QString text) -> QString {
        if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
            text.contains(u'\r')) {
            text.replace(u"\""_s, u"\"\""_s);
            return u'"' + text + u'"';
        }
        return text;
    };
    QStringList lines;
    QStringList header;
    for (const QString &c : m_columns)
        header << field(c);
    lines << header.join(u',');
    for (const QJsonValue &r : m_rows) {
        QStringList cells;
        const QJsonArray row = r.toArray();
        for (int c = 0; c < m_columns.size(); ++c)
            cells << field(displayText(c < row.size() ? row.at(c) : QJsonValue()));
        lines << cells.join(u',');
    }
    return lines.join(u"\r\n"_s) + u"\r\n"_s;
}

QJsonArray JsonTableModel::toJson() const
{
    QJsonArray out;
    for (const QJsonValue &r : m_rows) {
        const QJsonArray row = r.toArray();
        QJsonObject o;
        for (int c = 0; c < m_columns.size(); ++c)
            o.insert(m_columns.at(c), c < row.size() ? row.at(c) : QJsonValue());
        out.append(o);
    }
    return out;
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
        return displayText(v);
    case Qt::ToolTipRole: {
        // Evidence is vendor and customer text; tooltips render rich text: escape it.
        const QString text = displayText(v);
        return text.isEmpty() ? QVariant() : QVariant(plainToolTip(text));
    }
    case Qt::BackgroundRole:
        if (std::binary_search(m_highlighted.cbegin(), m_highlighted.cend(), index.row()))
            return QColor(0xff, 0xe0, 0x82);
        return {};
    case Qt::ForegroundRole: // dark text on the highlight, in a dark palette too
        if (std::binary_search(m_highlighted.cbegin(), m_highlighted.cend(), index.row()))
            return QColor(0x21, 0x21, 0x21);
        return {};
    case Qt::FontRole:
        if (std::binary_search(m_highlighted.cbegin(), m_highlighted.cend(), index.row())) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
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
