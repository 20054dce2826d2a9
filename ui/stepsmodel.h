#pragma once

#include "core/domain.h"

#include <QAbstractTableModel>
#include <QList>

namespace Casefile {

// The steps of one investigation with their live state, timing and error, updated from the
// engine's stepChanged signal. Thread affinity: the GUI thread.
class StepsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepsModel)

public:
    enum Column { Title, System, State, Duration, Error, ColumnCount };

    explicit StepsModel(QObject *parent = nullptr);

    void setSteps(const QList<StepRecord> &steps);
    void updateStep(const StepRecord &step); // appends a step it does not know yet
    const QList<StepRecord> &steps() const { return m_steps; }
    StepRecord stepAt(int row) const;
    int rowOfStep(const QString &stepId) const;
    int finishedCount() const;

    static QString stateText(StepStatus status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<StepRecord> m_steps;
};

} // namespace Casefile
