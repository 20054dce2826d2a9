#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace Casefile {

class TicketQueueModel;

// The queue as the engineer filters it. Filters are named for what the engineer wants
// ("only tickets still waiting on us"), not for columns; each setter refilters once.
// Sorting is the queue's own (TicketQueueModel::sort, off the GUI thread for a large queue):
// sort() passes it on and this proxy keeps the queue's order.
class TicketFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketFilterModel)

public:
    explicit TicketFilterModel(QObject *parent = nullptr);

    void setQueue(TicketQueueModel *queue); // also the source model

    void setSearchText(const QString &text);          // words, all must match (id, subject, org...)
    void setOnlyWaitingOnUs(bool on);                 // hide pending/hold/solved/closed
    void setMinimumPriority(const QString &priority); // "" = any
    void setOrganisation(const QString &orgIdOrName); // "" = any
    void setOnlyWithSuggestedPlaybook(bool on);       // tickets a playbook can investigate

    QString searchText() const { return m_words.join(u' '); }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    TicketQueueModel *m_queue = nullptr;
    QStringList m_words;
    bool m_onlyWaitingOnUs = false;
    int m_minimumPriority = 0;
    QString m_org;
    bool m_onlyWithPlaybook = false;
};

} // namespace Casefile
