#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Casefile {

// A table evidence payload ({"columns": [...], "rows": [[...], ...]}) or a list of events as
// a read-only table. Cells that are arrays or objects show as compact JSON text.
class JsonTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTableModel)

public:
    explicit JsonTableModel(QObject *parent = nullptr);

    void setTable(const QJsonObject &tablePayload);
    void setEvents(const QJsonArray &events); // columns time, end, type, ref, title
    void setData(const QStringList &columns, const QJsonArray &rows);
    void clear();

    QStringList columns() const { return m_columns; }
    QJsonValue cell(int row, int column) const;

    static QString displayText(const QJsonValue &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QStringList m_columns;
    QJsonArray m_rows; // each an array of cells
};

} // namespace Casefile
