#include "ui/metricsmodel.h"

#include "ui/constants.h"

#include <QFont>

namespace Casefile {

MetricsModel::MetricsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void MetricsModel::setRows(const QList<PlaybookMetrics> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int MetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MetricsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlaybookMetrics &r = m_rows.at(index.row());
    if (role == Qt::FontRole && r.playbook.isEmpty()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() != Playbook)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != UiRoles::SortRole)
        return {};
    const bool sort = role == UiRoles::SortRole;
    switch (index.column()) {
    case Playbook:
        return r.playbook.isEmpty() ? tr("All playbooks") : r.playbook;
    case Investigated:
        return r.investigated;
    case SecondsToDiagnosis:
        return sort ? QVariant(r.medianSecondsToDiagnosis)
                    : QVariant(tr("%1 s").arg(r.medianSecondsToDiagnosis, 0, 'f', 1));
    case SecondsToSend:
        return sort ? QVariant(r.medianSecondsToSend)
                    : QVariant(tr("%1 s").arg(r.medianSecondsToSend, 0, 'f', 0));
    case SystemsQueried:
        return sort ? QVariant(r.meanSystemsQueried)
                    : QVariant(QString::number(r.meanSystemsQueried, 'f', 1));
    case ConfirmedShare: {
        const double share = r.judged > 0 ? double(r.confirmed) / r.judged : 0.0;
        if (sort)
            return share;
        return r.judged > 0 ? tr("%1 % of %2").arg(qRound(share * 100)).arg(r.judged) : tr("—");
    }
    }
    return {};
}

QVariant MetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Playbook:
        return tr("Playbook");
    case Investigated:
        return tr("Investigated");
    case SecondsToDiagnosis:
        return tr("Median time to diagnosis");
    case SecondsToSend:
        return tr("Median time to send");
    case SystemsQueried:
        return tr("Systems queried (mean)");
    case ConfirmedShare:
        return tr("Confirmed right");
    }
    return {};
}

} // namespace Casefile
