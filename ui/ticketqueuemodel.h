#pragma once

#include "core/domain.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Casefile {

// The helpdesk's ticket queue as a table: id, subject, priority, age, org, status and the
// playbook Casefile would suggest. Holds a few tens of thousands of rows comfortably: rows
// are plain values with their search text precomputed, and a refresh is a single reset.
//
// Thread affinity: the GUI thread. Build the rows on a worker with makeRows() and hand
// them over with setRows().
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
        int priorityRank = 0; // urgent 4 .. low 1, none 0
        QString search;       // lowercase id + subject + org + requester + tags
    };

    explicit TicketQueueModel(QObject *parent = nullptr);

    static QList<Row> makeRows(const QList<Ticket> &tickets); // pure; any thread
    static QString suggestPlaybook(const Ticket &ticket);     // keyword heuristic for the queue
    static int priorityRank(const QString &priority);

    void setTickets(const QList<Ticket> &tickets) { setRows(makeRows(tickets)); }
    void setRows(QList<Row> rows);
    void setNow(const QDateTime &now); // the workspace clock the Age column counts from

    const Row *rowAt(int row) const;
    Ticket ticketAt(int row) const;
    int rowOfTicket(const QString &ticketId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString ageText(const QDateTime &created) const;

    QList<Row> m_rows;
    QDateTime m_now;
};

} // namespace Casefile
