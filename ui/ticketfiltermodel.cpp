#include "ui/ticketfiltermodel.h"

#include "ui/constants.h"
#include "ui/ticketqueuemodel.h"

using namespace Qt::StringLiterals;

namespace Casefile {

TicketFilterModel::TicketFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UiRoles::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void TicketFilterModel::setQueue(TicketQueueModel *queue)
{
    m_queue = queue;
    setSourceModel(queue);
}

void TicketFilterModel::setSearchText(const QString &text)
{
    const QStringList words = text.toLower().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

void TicketFilterModel::setOnlyWaitingOnUs(bool on)
{
    if (on == m_onlyWaitingOnUs)
        return;
    m_onlyWaitingOnUs = on;
    invalidateFilter();
}

void TicketFilterModel::setMinimumPriority(const QString &priority)
{
    const int rank = TicketQueueModel::priorityRank(priority);
    if (rank == m_minimumPriority)
        return;
    m_minimumPriority = rank;
    invalidateFilter();
}

void TicketFilterModel::setOrganisation(const QString &orgIdOrName)
{
    if (orgIdOrName == m_org)
        return;
    m_org = orgIdOrName;
    invalidateFilter();
}

void TicketFilterModel::setOnlyWithSuggestedPlaybook(bool on)
{
    if (on == m_onlyWithPlaybook)
        return;
    m_onlyWithPlaybook = on;
    invalidateFilter();
}

void TicketFilterModel::sort(int column, Qt::SortOrder order)
{
    if (m_queue)
        m_queue->sort(column, order);
}

bool TicketFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_queue)
        return false;
    // Straight to the row struct: with 10,000 tickets a QVariant per cell per keystroke shows.
    const TicketQueueModel::Row *row = m_queue->rowAt(sourceRow);
    if (!row)
        return false;
    const Ticket &t = row->ticket;
    if (m_onlyWaitingOnUs && t.status != "new"_L1 && t.status != "open"_L1)
        return false;
    if (row->priorityRank < m_minimumPriority)
        return false;
    if (!m_org.isEmpty() && t.orgId != m_org && t.orgName.compare(m_org, Qt::CaseInsensitive) != 0)
        return false;
    if (m_onlyWithPlaybook && row->suggestedPlaybook.isEmpty())
        return false;
    for (const QString &word : m_words) {
        if (!row->search.contains(word))
            return false;
    }
    return true;
}

} // namespace Casefile
