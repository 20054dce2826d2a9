#include "ui/ticketqueuemodel.h"

#include "ui/constants.h"

#include <QBrush>
#include <QColor>
#include <QHash>

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
        rows.append(std::move(row));
    }
    return rows;
}

void TicketQueueModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
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
