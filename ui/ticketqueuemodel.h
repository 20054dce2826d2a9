#pragma once

#include "core/domain.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Casefile {

// The order of the ticket queue: a column of TicketQueueModel and a direction.
struct TicketSortKey
{
    int column = -1; // no order: as the helpdesk listed them
    Qt::SortOrder order = Qt::AscendingOrder;
    friend bool operator==(const TicketSortKey &, const TicketSortKey &) = default;
};

// The helpdesk's ticket queue as a table: id, subject, priority, age, org, status and the
// playbook Casefile would suggest. Holds a few tens of thousands of rows comfortably: rows
// are plain values with their search and sort keys precomputed, and a refresh is a single
// reset.
//
// The model sorts itself (a proxy above it only filters): sort() puts a large queue in order
// on a worker and applies the result as one layout change, so sorting 10,000 tickets never
// stalls the GUI thread; a small one (up to SyncSortRows) is sorted at once. The sort is
// stable, text case-insensitive, ids numerically when they are numbers.
//
// Thread affinity: the GUI thread. Build (and sort) the rows on a worker with makeRows() and
// sortRows() and hand them over with setRows().
class TicketQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketQueueModel)

public:
    enum Column { Id, Subject, Priority, Age, Org, Status, Playbook, ColumnCount };

    struct Row
    {
        Ticket ticket;
        QString suggestedPlaybook;
        int priorityRank = 0;   // urgent 4 .. low 1, none 0
        QString search;         // lowercase id + subject + org + requester + tags
        qlonglong idNumber = 0; // the id as a number, when it is one
        bool idIsNumber = false;
        qint64 ageKey = 0; // -created (s since epoch): the Age column's order
    };

    using SortKey = TicketSortKey;

    // Up to this many rows sort() sorts at once; more are sorted on a worker.
    static constexpr qsizetype SyncSortRows = 1000;

    explicit TicketQueueModel(QObject *parent = nullptr);

    static QList<Row> makeRows(const QList<Ticket> &tickets); // pure; any thread
    static QString suggestPlaybook(const Ticket &ticket);     // keyword heuristic for the queue
    static int priorityRank(const QString &priority);
    static void sortRows(QList<Row> &rows, SortKey key); // pure, stable; any thread

    void setTickets(const QList<Ticket> &tickets) { setRows(makeRows(tickets)); }
    // `sortedBy`: the order the rows are already in; when it is not sortKey(), they are
    // sorted again (on a worker when there are many).
    void setRows(QList<Row> rows, SortKey sortedBy = {});
    SortKey sortKey() const { return m_sortKey; }
    bool isSorting() const { return m_sorting; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    void setNow(const QDateTime &now); // the workspace clock the Age column counts from

    const Row *rowAt(int row) const;
    Ticket ticketAt(int row) const;
    int rowOfTicket(const QString &ticketId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void sortApplied(); // the rows are now in sortKey()'s order

private:
    QString ageText(const QDateTime &created) const;
    void applyOrder(QList<Row> sorted, const QList<int> &order);

    QList<Row> m_rows;
    QDateTime m_now;
    SortKey m_sortKey;
    quint64 m_generation = 0; // of the rows and their order: a late sort result is dropped
    bool m_sorting = false;
};

} // namespace Casefile
