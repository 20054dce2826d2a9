#pragma once

#include "storage/store.h"

#include <QAbstractTableModel>

namespace Casefile {

// Per-playbook metrics (and the overall row, playbook "") for the dashboard.
class MetricsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsModel)

public:
    enum Column {
        Playbook,
        Investigated,
        SecondsToDiagnosis,
        SecondsToSend,
        SystemsQueried,
        ConfirmedShare,
        ColumnCount
    };

    explicit MetricsModel(QObject *parent = nullptr);
    void setRows(const QList<PlaybookMetrics> &rows);
    const QList<PlaybookMetrics> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<PlaybookMetrics> m_rows;
};

} // namespace Casefile
