#pragma once

#include "storage/store.h"

#include <QAbstractTableModel>

namespace Casefile {

// Saved investigations (a page of the list, or search hits) for the browser.
class SavedInvestigationsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedInvestigationsModel)

public:
    enum Column { Saved, Ticket, Subject, Playbook, Category, Confidence, Snippet, ColumnCount };

    explicit SavedInvestigationsModel(QObject *parent = nullptr);
    void setSummaries(const QList<SavedInvestigationSummary> &summaries);
    SavedInvestigationSummary summaryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<SavedInvestigationSummary> m_rows;
};

} // namespace Casefile
