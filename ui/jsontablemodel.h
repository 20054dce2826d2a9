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

    // The rows behind a claim: a row is highlighted when one of its cells is one of `refs`
    // ("github:deployment:447") or the id at a ref's end ("447"). Empty clears.
    void setHighlightedRefs(const QStringList &refs);
    QList<int> highlightedRows() const { return m_highlighted; }

    QString toCsv() const;     // RFC 4180: header line, then the rows
    QJsonArray toJson() const; // one object per row, keyed by column

    static QString displayText(const QJsonValue &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QStringList m_columns;
    QJsonArray m_rows; // each an array of cells
    QStringList m_refs;
    QList<int> m_highlighted; // sorted
};

} // namespace Casefile
