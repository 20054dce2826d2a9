#include "ui/savedinvestigationsmodel.h"
#include "ui/plaintext.h"

#include "ui/constants.h"

using namespace Qt::StringLiterals;

namespace Casefile {

SavedInvestigationsModel::SavedInvestigationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SavedInvestigationsModel::setSummaries(const QList<SavedInvestigationSummary> &summaries)
{
    beginResetModel();
    m_rows = summaries;
    endResetModel();
}

SavedInvestigationSummary SavedInvestigationsModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : SavedInvestigationSummary{};
}

int SavedInvestigationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SavedInvestigationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SavedInvestigationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SavedInvestigationSummary &s = m_rows.at(index.row());
    if (role == UiRoles::IdRole)
        return s.id;
    if (role == UiRoles::SortRole) {
        if (index.column() == Saved)
            return s.savedAt;
        if (index.column() == Confidence)
            return s.confidence;
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::ToolTipRole) // the ticket's and the findings' words: never markup
        return plainToolTip(data(index, Qt::DisplayRole).toString());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Saved:
        return s.savedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    case Ticket:
        return s.ticketId;
    case Subject:
        return s.subject;
    case Playbook:
        return s.playbook;
    case Category:
        return s.category;
    case Confidence:
        return s.category.isEmpty() ? QString() : u"%1 %"_s.arg(qRound(s.confidence * 100));
    case Snippet:
        return s.snippet;
    }
    return {};
}

QVariant SavedInvestigationsModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Saved:
        return tr("Saved");
    case Ticket:
        return tr("Ticket");
    case Subject:
        return tr("Subject");
    case Playbook:
        return tr("Playbook");
    case Category:
        return tr("Root cause");
    case Confidence:
        return tr("Confidence");
    case Snippet:
        return tr("Match");
    }
    return {};
}

} // namespace Casefile
