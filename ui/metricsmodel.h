#pragma once

#include "storage/store.h"

#include <QAbstractTableModel>

namespace Casefile {

// Per-playbook metrics (and the overall row, playbook "") for the dashboard.
// A duration as people say it: "4.2 s", "3 min 20 s", "2 h 5 min", "12 d 22 h".
QString humanDuration(double seconds);

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
