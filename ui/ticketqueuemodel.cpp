#include "ui/ticketqueuemodel.h"

#include "core/async.h"
#include "ui/constants.h"

#include <QBrush>
#include <QColor>
#include <QHash>

#include <algorithm>
#include <numeric>
#include <utility>

using namespace Qt::StringLiterals;

namespace Casefile {

TicketQueueModel::TicketQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
{}

int TicketQueueModel::priorityRank(const QString &priority)
{
    if (priority == "urgent"_L1)
        return 4;
    if (priority == "high"_L1)
        return 3;
    if (priority == "normal"_L1)
        return 2;
    if (priority == "low"_L1)
        return 1;
    return 0;
}

QString TicketQueueModel::suggestPlaybook(const Ticket &ticket)
{
    // Only a hint for ordering the queue; the engine's classifier makes the real choice.
    const QString text = (ticket.subject + u' ' + ticket.description).toLower();
    const auto has = [&text](std::initializer_list<QLatin1StringView> words) {
        for (QLatin1StringView w : words) {
            if (text.contains(w))
                return true;
        }
        return false;
    };
    if (has({"webhook"_L1}))
        return u"webhook-failures"_s;
    if (has({"invoice"_L1, "billing"_L1, "charged"_L1, "tokens don"_L1}))
        return u"token-billing"_s;
    if (has({"fallback"_L1, "failover"_L1}))
        return u"fallback"_s;
    if (has({"metadata"_L1}))
        return u"metadata"_s;
    if (has({"claude"_L1, "anthropic"_L1, "gemini"_L1, "provider"_L1}) &&
        has({"fail"_L1, "error"_L1, "work"_L1}))
        return u"provider-routing"_s;
    if (has({"slow"_L1, "latency"_L1, "timeout"_L1, "takes forever"_L1}))
        return u"latency-spike"_s;
    if (has({"error"_L1, "500"_L1, "502"_L1, "503"_L1, "failing"_L1, "fails"_L1}))
        return u"api-errors"_s;
    return {};
}

QList<TicketQueueModel::Row> TicketQueueModel::makeRows(const QList<Ticket> &tickets)
{
    QList<Row> rows;
    rows.reserve(tickets.size());
    for (const Ticket &t : tickets) {
        Row row;
        row.ticket = t;
        row.suggestedPlaybook = suggestPlaybook(t);
        row.priorityRank = priorityRank(t.priority);
        row.search = (t.id + u' ' + t.subject + u' ' + t.orgName + u' ' + t.orgId + u' ' +
                      t.requesterName + u' ' + t.requesterEmail + u' ' + t.tags.join(u' '))
                         .toLower();
        row.idNumber = t.id.toLongLong(&row.idIsNumber);
        row.ageKey = t.createdAt.isValid() ? -t.createdAt.toSecsSinceEpoch() : 0;
        rows.append(std::move(row));
    }
    return rows;
}

namespace {

// <0, 0, >0 as a sorts before, with or after b in ascending order of `column`.
int compareRows(const TicketQueueModel::Row &a, const TicketQueueModel::Row &b, int column)
{
    const auto text = [](const QString &x, const QString &y) {
        return x.compare(y, Qt::CaseInsensitive);
    };
    const auto org = [](const Ticket &t) -> const QString & {
        return t.orgName.isEmpty() ? t.orgId : t.orgName;
    };
    switch (column) {
    case TicketQueueModel::Id:
        // Numbers as numbers (9 before 10), before ids that are not numbers.
        if (a.idIsNumber && b.idIsNumber)
            return a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0;
        if (a.idIsNumber != b.idIsNumber)
            return a.idIsNumber ? -1 : 1;
        return text(a.ticket.id, b.ticket.id);
    case TicketQueueModel::Priority:
        return a.priorityRank - b.priorityRank;
    case TicketQueueModel::Age:
        return a.ageKey < b.ageKey ? -1 : a.ageKey > b.ageKey ? 1 : 0;
    case TicketQueueModel::Org:
        return text(org(a.ticket), org(b.ticket));
    case TicketQueueModel::Status:
        return text(a.ticket.status, b.ticket.status);
    case TicketQueueModel::Subject:
        return text(a.ticket.subject, b.ticket.subject);
    case TicketQueueModel::Playbook:
        return text(a.suggestedPlaybook, b.suggestedPlaybook);
    }
    return 0;
}

// The rows' positions in `key`'s order: order[i] is the row that goes to position i.
QList<int> sortedOrder(const QList<TicketQueueModel::Row> &rows, TicketQueueModel::SortKey key)
{
    QList<int> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    if (key.column < 0)
        return order;
    const bool descending = key.order == Qt::DescendingOrder;
    // Stable both ways: equal rows keep their order, as a sorting proxy keeps them.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const int c = compareRows(rows.at(a), rows.at(b), key.column);
        return descending ? c > 0 : c < 0;
    });
    return order;
}

// Frees a large list of rows on a worker: 10,000 tickets' strings are thousands of frees the
// GUI thread need not wait for.
void releaseOffThread(QList<TicketQueueModel::Row> rows)
{
    if (rows.size() <= TicketQueueModel::SyncSortRows)
        return;
    backgroundPool()->start([rows = std::move(rows)]() mutable { rows.clear(); });
}

QList<TicketQueueModel::Row> inOrder(const QList<TicketQueueModel::Row> &rows,
                                     const QList<int> &order)
{
    QList<TicketQueueModel::Row> sorted;
    sorted.reserve(rows.size());
    for (int i : order)
        sorted.append(rows.at(i));
    return sorted;
}

} // namespace

void TicketQueueModel::sortRows(QList<Row> &rows, SortKey key)
{
    if (key.column >= 0)
        rows = inOrder(rows, sortedOrder(rows, key));
}

void TicketQueueModel::setRows(QList<Row> rows, SortKey sortedBy)
{
    ++m_generation;
    m_sorting = false;
    const bool sorted = sortedBy == m_sortKey || m_sortKey.column < 0;
    if (!sorted && rows.size() <= SyncSortRows) {
        sortRows(rows, m_sortKey);
        sortedBy = m_sortKey;
    }
    beginResetModel();
    QList<Row> old = std::exchange(m_rows, std::move(rows));
    endResetModel();
    releaseOffThread(std::move(old));
    if (sortedBy != m_sortKey && m_sortKey.column >= 0)
        sort(m_sortKey.column, m_sortKey.order);
}

void TicketQueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortKey = {column, order};
    const quint64 generation = ++m_generation;
    if (m_rows.size() <= SyncSortRows) {
        const QList<int> positions = sortedOrder(m_rows, m_sortKey);
        applyOrder(inOrder(m_rows, positions), positions);
        return;
    }
    m_sorting = true;
    runAsync(
        this,
        [rows = m_rows, key = m_sortKey] {
            QList<int> positions = sortedOrder(rows, key);
            return std::pair{inOrder(rows, positions), positions};
        },
        [this, generation](std::pair<QList<Row>, QList<int>> result) {
            if (generation != m_generation)
                return; // the rows were replaced or sorted again meanwhile
            applyOrder(std::move(result.first), result.second);
        });
}

void TicketQueueModel::applyOrder(QList<Row> sorted, const QList<int> &order)
{
    // One layout change; selections and current rows (persistent indexes) follow their rows.
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<int> newRow(order.size());
    for (int i = 0; i < order.size(); ++i)
        newRow[order.at(i)] = i;
    QList<Row> old = std::exchange(m_rows, std::move(sorted));
    m_sorting = false;
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        const int row = index.row() < newRow.size() ? newRow.at(index.row()) : -1;
        to.append(row < 0 ? QModelIndex() : this->index(row, index.column()));
    }
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    releaseOffThread(std::move(old));
    emit sortApplied();
}

void TicketQueueModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Age), index(int(m_rows.size()) - 1, Age), {Qt::DisplayRole});
}

const TicketQueueModel::Row *TicketQueueModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

Ticket TicketQueueModel::ticketAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? r->ticket : Ticket{};
}

int TicketQueueModel::rowOfTicket(const QString &ticketId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).ticket.id == ticketId)
            return i;
    }
    return -1;
}

int TicketQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TicketQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TicketQueueModel::ageText(const QDateTime &created) const
{
    if (!created.isValid())
        return {};
    const qint64 secs = std::max<qint64>(0, created.secsTo(m_now));
    if (secs < 3600)
        return tr("%n min", nullptr, int(secs / 60));
    if (secs < 86400)
        return tr("%n h", nullptr, int(secs / 3600));
    return tr("%n d", nullptr, int(secs / 86400));
}

QVariant TicketQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Ticket &t = row.ticket;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return t.id;
        case Priority:
            return t.priority;
        case Age:
            return ageText(t.createdAt);
        case Org:
            return t.orgName.isEmpty() ? t.orgId : t.orgName;
        case Status:
            return t.status;
        case Subject:
            return t.subject;
        case Playbook:
            return row.suggestedPlaybook;
        }
        return {};
    case Qt::ToolTipRole:
        // QToolTip renders rich text: the customer's words go in escaped.
        if (index.column() == Subject || index.column() == Id)
            return QString(u"<p>"_s + t.subject.toHtmlEscaped() + u"</p><p>"_s +
                           t.description.left(500).toHtmlEscaped() + u"</p>"_s);
        return {};
    case UiRoles::SortRole:
        switch (index.column()) {
        case Id: {
            // Numeric ids sort as numbers (9 before 10), others as text.
            bool numeric = false;
            const qlonglong n = t.id.toLongLong(&numeric);
            return numeric ? QVariant(n) : QVariant(t.id);
        }
        case Priority:
            return row.priorityRank;
        case Age:
            // Older tickets first when sorted ascending by age.
            return t.createdAt.isValid() ? -t.createdAt.toSecsSinceEpoch() : qint64(0);
        case Org:
            return t.orgName.isEmpty() ? t.orgId : t.orgName;
        case Status:
            return t.status;
        case Subject:
            return t.subject;
        case Playbook:
            return row.suggestedPlaybook;
        }
        return {};
    case UiRoles::IdRole:
        return t.id;
    case UiRoles::SearchRole:
        return row.search;
    case Qt::ForegroundRole:
        if (index.column() == Priority && row.priorityRank >= 3)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == Subject)
            return tr("Ticket %1: %2").arg(t.id, t.subject);
        return {};
    }
    return {};
}

QVariant TicketQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("ID");
    case Priority:
        return tr("Priority");
    case Age:
        return tr("Age");
    case Org:
        return tr("Organisation");
    case Status:
        return tr("Status");
    case Subject:
        return tr("Subject");
    case Playbook:
        return tr("Suggested playbook");
    }
    return {};
}

} // namespace Casefile
