#include "ui/metricsview.h"

#include "core/async.h"
#include "ui/metricsmodel.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Casefile {

MetricsView::MetricsView(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Metrics"));
    m_model = new MetricsModel(this);
    m_view = new QTableView(this);
    m_view->setAccessibleName(tr("Playbook metrics"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &MetricsView::refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(refreshButton, 0, Qt::AlignRight);
}

void MetricsView::setStore(std::shared_ptr<Store> store)
{
    m_store = std::move(store);
    refresh();
}

void MetricsView::refresh()
{
    if (!m_store)
        return;
    runAsync(
        this, [store = m_store] { return store->metrics(); },
        [this](Result<QList<PlaybookMetrics>> rows) {
            if (rows)
                m_model->setRows(*rows);
            emit refreshed();
        });
}

} // namespace Casefile
