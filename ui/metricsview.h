#pragma once

#include "storage/store.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QTableView;
QT_END_NAMESPACE

namespace Casefile {

class MetricsModel;

// The dashboard: per playbook and overall, how many investigations, how fast to a diagnosis
// and to a sent reply, how many systems asked, and how often engineers judged it right.
class MetricsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsView)

public:
    explicit MetricsView(QWidget *parent = nullptr);
    void setStore(std::shared_ptr<Store> store);
    void refresh();
    MetricsModel *model() const { return m_model; }

signals:
    void refreshed();

private:
    std::shared_ptr<Store> m_store;
    MetricsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace Casefile
