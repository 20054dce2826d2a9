#include "ui/savedinvestigationsview.h"

#include "core/async.h"
#include "ui/constants.h"
#include "ui/savedinvestigationsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Casefile {

SavedInvestigationsView::SavedInvestigationsView(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Saved investigations"));
    m_model = new SavedInvestigationsModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(UiRoles::SortRole);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(
        tr("Search saved investigations (ticket, root cause, diagnosis…)"));
    m_search->setAccessibleName(tr("Search saved investigations"));
    m_search->setClearButtonEnabled(true);
    m_view = new QTableView(this);
    m_view->setAccessibleName(tr("Saved investigations list"));
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    auto *open = new QPushButton(tr("&Open"), this);
    auto *exportButton = new QPushButton(tr("E&xport…"), this);
    auto *importButton = new QPushButton(tr("&Import…"), this);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(refreshButton);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(importButton);
    bottom->addWidget(exportButton);
    bottom->addWidget(open);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, &SavedInvestigationsView::refresh);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(refreshButton, &QPushButton::clicked, this, &SavedInvestigationsView::refresh);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit openRequested(index.data(UiRoles::IdRole).toString());
    });
    connect(open, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            emit openRequested(currentId());
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            emit exportRequested(currentId());
    });
    connect(importButton, &QPushButton::clicked, this, &SavedInvestigationsView::importRequested);
}

void SavedInvestigationsView::setStore(std::shared_ptr<Store> store)
{
    m_store = std::move(store);
    refresh();
}

void SavedInvestigationsView::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_debounce.stop();
    refresh();
}

QString SavedInvestigationsView::currentId() const
{
    return m_view->currentIndex().data(UiRoles::IdRole).toString();
}

void SavedInvestigationsView::refresh()
{
    m_debounce.stop();
    if (!m_store)
        return;
    const QString text = m_search->text().trimmed();
    const quint64 generation = ++m_generation;
    runAsync(
        this,
        [store = m_store, text] {
            return text.isEmpty() ? store->listInvestigations(500, 0) : store->search(text, 200);
        },
        [this, generation](Result<QList<SavedInvestigationSummary>> result) {
            if (generation != m_generation)
                return; // an older query answered late
            if (!result) {
                m_status->setText(result.error().message);
                return;
            }
            m_model->setSummaries(*result);
            m_status->setText(tr("%n investigation(s)", nullptr, int(result->size())));
            emit refreshed();
        });
}

} // namespace Casefile
