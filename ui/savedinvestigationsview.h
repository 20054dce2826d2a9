#pragma once

#include "storage/store.h"

#include <QTimer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTableView;
QT_END_NAMESPACE

namespace Casefile {

class SavedInvestigationsModel;

// Saved investigations: the latest ones, or full-text search hits as the engineer types
// (debounced, through the store on a worker). Opening one asks the owner to show it offline.
class SavedInvestigationsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedInvestigationsView)

public:
    explicit SavedInvestigationsView(QWidget *parent = nullptr);

    void setStore(std::shared_ptr<Store> store);
    void refresh();
    void setSearchText(const QString &text);
    SavedInvestigationsModel *model() const { return m_model; }
    QString currentId() const;

signals:
    void openRequested(const QString &id);
    void importRequested();
    void exportRequested(const QString &id);
    void refreshed();

private:
    std::shared_ptr<Store> m_store;
    SavedInvestigationsModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QTimer m_debounce;
    quint64 m_generation = 0;
};

} // namespace Casefile
