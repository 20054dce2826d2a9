#include "ui/stepsmodel.h"
#include "ui/plaintext.h"

#include "ui/constants.h"

#include <QColor>

using namespace Qt::StringLiterals;

namespace Casefile {

StepsModel::StepsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void StepsModel::setSteps(const QList<StepRecord> &steps)
{
    beginResetModel();
    m_steps = steps;
    endResetModel();
}

void StepsModel::updateStep(const StepRecord &step)
{
    const int row = rowOfStep(step.id);
    if (row < 0) {
        const int at = int(m_steps.size());
        beginInsertRows({}, at, at);
        m_steps.append(step);
        endInsertRows();
        return;
    }
    m_steps[row] = step;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

StepRecord StepsModel::stepAt(int row) const
{
    return row >= 0 && row < m_steps.size() ? m_steps.at(row) : StepRecord{};
}

int StepsModel::rowOfStep(const QString &stepId) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).id == stepId)
            return i;
    }
    return -1;
}

int StepsModel::finishedCount() const
{
    return int(std::count_if(m_steps.cbegin(), m_steps.cend(),
                             [](const StepRecord &s) { return isFinished(s.status); }));
}

QString StepsModel::stateText(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return tr("Pending");
    case StepStatus::Running:
        return tr("Running");
    case StepStatus::Ok:
        return tr("OK");
    case StepStatus::Failed:
        return tr("Failed");
    case StepStatus::Timeout:
        return tr("Timed out");
    case StepStatus::Skipped:
        return tr("Skipped");
    case StepStatus::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

static QColor stateColor(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return QColor(0x9e, 0x9e, 0x9e);
    case StepStatus::Running:
        return QColor(0x19, 0x76, 0xd2);
    case StepStatus::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case StepStatus::Failed:
    case StepStatus::Timeout:
        return QColor(0xc6, 0x28, 0x28);
    case StepStatus::Skipped:
    case StepStatus::Cancelled:
        return QColor(0xef, 0x6c, 0x00);
    }
    return {};
}

int StepsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

int StepsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StepsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StepRecord &s = m_steps.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return s.title.isEmpty() ? s.id : s.title;
        case System:
            return s.operation.isEmpty() ? s.connector : s.connector + u'.' + s.operation;
        case State:
            return stateText(s.status);
        case Duration:
            if (s.status == StepStatus::Pending)
                return {};
            return s.durationMs < 1000 ? tr("%1 ms").arg(s.durationMs)
                                       : tr("%1 s").arg(s.durationMs / 1000.0, 0, 'f', 1);
        case Error:
            return s.error;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == State)
            return stateColor(s.status);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Error || index.column() == State)
            return s.error.isEmpty() ? stateText(s.status) : plainToolTip(s.error);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Duration)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case UiRoles::IdRole:
        return s.id;
    case UiRoles::StatusRole:
        return int(s.status);
    case UiRoles::SortRole:
        return index.column() == Duration ? QVariant(s.durationMs) : data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant StepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title:
        return tr("Step");
    case System:
        return tr("System");
    case State:
        return tr("State");
    case Duration:
        return tr("Time");
    case Error:
        return tr("Error");
    }
    return {};
}

} // namespace Casefile
