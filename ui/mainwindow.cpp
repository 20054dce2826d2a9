#include "ui/mainwindow.h"

#include "core/async.h"
#include "core/engine.h"
#include "core/engine/playbooklibrary.h"
#include "ui/connectionsdialog.h"
#include "ui/constants.h"
#include "ui/diagnosiseditor.h"
#include "ui/exporter.h"
#include "ui/investigationview.h"
#include "ui/metricsview.h"
#include "ui/palette.h"
#include "ui/playbookeditor.h"
#include "ui/savedinvestigationsview.h"
#include "ui/ticketfiltermodel.h"
#include "ui/ticketqueuemodel.h"
#include "ui/timelinecharts.h"
#include "ui/uilogging.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr int SavedTabIndex = 0;
constexpr int MetricsTabIndex = 1;
constexpr int MaxRecentProfiles = 8;
// Investigations that take longer than this notify when the window is not active.
constexpr qint64 LongInvestigationMs = 5000;
} // namespace

// ---------------------------------------------------------------------------------------
// InvestigationTab

InvestigationTab::InvestigationTab(const Ticket &ticket, QWidget *parent)
    : QWidget(parent)
    , m_ticket(ticket)
{
    setAccessibleName(tr("Investigation of ticket %1").arg(ticket.id));
    m_view = new InvestigationView(this);
    m_editor = new DiagnosisEditor(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    connect(m_view, &InvestigationView::cancelRequested, this, &InvestigationTab::cancel);
    connect(m_view, &InvestigationView::rerunStepRequested, this, &InvestigationTab::rerunStep);
}

InvestigationTab::~InvestigationTab()
{
    // The run's destructor cancels and waits for its workers; do it before the view goes.
    delete m_run.data();
}

void InvestigationTab::setStoredId(const QString &id)
{
    m_storedId = id;
    m_editor->setInvestigationId(id);
}

bool InvestigationTab::isRunning() const
{
    return m_run && m_run->isRunning();
}

void InvestigationTab::follow(InvestigationRun *run)
{
    if (m_run) {
        m_run->cancel();
        m_run->deleteLater();
    }
    m_run = run;
    run->setParent(this);
    m_editorLoaded = false;
    m_clock.start();
    connect(run, &InvestigationRun::planned, m_view, &InvestigationView::setPlanned);
    connect(run, &InvestigationRun::stepChanged, m_view, &InvestigationView::updateStep);
    connect(run, &InvestigationRun::evidenceAdded, m_view, &InvestigationView::addEvidence);
    connect(run, &InvestigationRun::finished, this, [this](const Investigation &investigation) {
        m_view->setFinished(investigation);
        if (!m_editorLoaded || m_editor->markdown().trimmed().isEmpty()) {
            m_editor->setInvestigation(m_storedId, investigation.ticket.id,
                                       investigation.diagnosisMarkdown);
            m_editorLoaded = true;
        }
        emit finished(investigation);
    });
}

void InvestigationTab::cancel()
{
    if (m_run)
        m_run->cancel();
}

void InvestigationTab::rerunStep(const QString &stepId)
{
    if (m_run && !m_run->isRunning()) {
        m_view->setRunning(true);
        m_clock.start();
        m_run->rerunStep(stepId);
    }
}

void InvestigationTab::showOffline(const Investigation &investigation)
{
    m_view->setInvestigation(investigation);
    m_editor->setInvestigation(m_storedId, investigation.ticket.id,
                               investigation.diagnosisMarkdown);
    m_editorLoaded = true;
}

// ---------------------------------------------------------------------------------------
// MainWindow

MainWindow::MainWindow(WorkbenchServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
{
    Q_ASSERT(m_services.store); // the composition root always provides one
    setWindowIcon(QIcon(u":/icons/casefile.svg"_s));
    buildUi();
    buildMenus();
    updateTitle();
    updateActions();

    QSettings settings;
    restoreGeometry(settings.value(QLatin1StringView(SettingsKeys::Geometry)).toByteArray());
    restoreState(settings.value(QLatin1StringView(SettingsKeys::State)).toByteArray());
    m_splitter->restoreState(
        settings.value(QLatin1StringView(SettingsKeys::MainSplitter)).toByteArray());

    const int minutes =
        std::max(1, settings.value(QLatin1StringView(SettingsKeys::RefreshMinutes), 5).toInt());
    m_refreshTimer.setInterval(minutes * 60 * 1000);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshTickets);

    m_saved->setStore(m_services.store);
    m_metrics->setStore(m_services.store);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    m_queue = new TicketQueueModel(this);
    m_filter = new TicketFilterModel(this);
    m_filter->setQueue(m_queue);

    m_queuePanel = new QWidget(this);
    m_queuePanel->setAccessibleName(tr("Ticket queue"));
    m_search = new QLineEdit(m_queuePanel);
    m_search->setPlaceholderText(tr("Search tickets (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search tickets"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &TicketFilterModel::setSearchText);
    m_onlyWaiting = new QCheckBox(tr("Only &waiting on us"), m_queuePanel);
    m_onlyWaiting->setAccessibleName(tr("Only tickets waiting on us"));
    connect(m_onlyWaiting, &QCheckBox::toggled, m_filter, &TicketFilterModel::setOnlyWaitingOnUs);
    auto *investigable = new QCheckBox(tr("Only with a &playbook"), m_queuePanel);
    connect(investigable, &QCheckBox::toggled, m_filter,
            &TicketFilterModel::setOnlyWithSuggestedPlaybook);
    m_queueView = new QTableView(m_queuePanel);
    m_queueView->setAccessibleName(tr("Tickets"));
    m_queueView->setModel(m_filter);
    m_queueView->setSortingEnabled(true);
    m_queueView->sortByColumn(TicketQueueModel::Priority, Qt::DescendingOrder);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->verticalHeader()->hide();
    // Fixed row heights: no per-row size hints, so 10,000 rows scroll smoothly.
    m_queueView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_queueView->verticalHeader()->setDefaultSectionSize(m_queueView->fontMetrics().height() + 8);
    m_queueView->horizontalHeader()->setStretchLastSection(false);
    m_queueView->horizontalHeader()->setSectionResizeMode(TicketQueueModel::Subject,
                                                          QHeaderView::Stretch);
    m_queueView->setWordWrap(false);
    connect(m_queueView, &QTableView::activated, this, [this] { runCurrentTicket(); });
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateActions(); });
    m_queueStatus = new QLabel(m_queuePanel);
    m_queueStatus->setTextFormat(Qt::PlainText);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_onlyWaiting);
    filters->addWidget(investigable);
    filters->addStretch(1);
    auto *queueLayout = new QVBoxLayout(m_queuePanel);
    queueLayout->setContentsMargins(4, 4, 4, 4);
    queueLayout->addWidget(m_search);
    queueLayout->addLayout(filters);
    queueLayout->addWidget(m_queueView, 1);
    queueLayout->addWidget(m_queueStatus);

    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Investigations"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(false);
    m_tabs->setDocumentMode(true);
    m_saved = new SavedInvestigationsView(m_tabs);
    m_metrics = new MetricsView(m_tabs);
    m_tabs->insertTab(SavedTabIndex, m_saved, tr("Saved"));
    m_tabs->insertTab(MetricsTabIndex, m_metrics, tr("Metrics"));
    for (int i : {SavedTabIndex, MetricsTabIndex}) {
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
        m_tabs->tabBar()->setTabButton(i, QTabBar::LeftSide, nullptr);
    }
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (index <= MetricsTabIndex)
            return;
        QWidget *w = m_tabs->widget(index);
        m_tabs->removeTab(index);
        w->deleteLater();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == MetricsTabIndex)
            m_metrics->refresh();
        updateActions();
    });
    connect(m_saved, &SavedInvestigationsView::openRequested, this, &MainWindow::openSaved);
    connect(m_saved, &SavedInvestigationsView::importRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import investigation"), {},
                                                          tr("Investigation JSON (*.json)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_saved, &SavedInvestigationsView::exportRequested, this, [this](const QString &id) {
        openSaved(id);
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export investigation"), {},
            tr("Markdown (*.md);;HTML (*.html);;PDF (*.pdf);;JSON (*.json)"));
        if (!path.isEmpty())
            exportCurrent(path);
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_queuePanel);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({420, 1000});
    setCentralWidget(m_splitter);

    m_connectionBar = new QWidget(this);
    auto *barLayout = new QHBoxLayout(m_connectionBar);
    barLayout->setContentsMargins(0, 0, 0, 0);
    statusBar()->addPermanentWidget(m_connectionBar);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Casefile"));
    }
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open profile…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace profile"), {},
                                                          tr("Workspace profiles (*.json)"));
        if (!path.isEmpty())
            openProfile(path);
    });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("&Switch workspace"));
    rebuildRecentMenu();
    file->addAction(tr("&Connections…"), this, &MainWindow::showConnections);
    file->addSeparator();
    QAction *import = file->addAction(tr("&Import investigation JSON…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import investigation"), {},
                                                          tr("Investigation JSON (*.json)"));
        if (!path.isEmpty())
            importFile(path);
    });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_exportAction = file->addAction(tr("&Export investigation…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export investigation"), {},
            tr("Markdown (*.md);;HTML (*.html);;PDF (*.pdf);;JSON (*.json)"));
        if (!path.isEmpty())
            exportCurrent(path);
    });
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *inv = menuBar()->addMenu(tr("&Investigation"));
    m_runAction =
        inv->addAction(tr("&Run on selected ticket"), this, &MainWindow::runCurrentTicket);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_cancelAction = inv->addAction(tr("&Cancel"), this, &MainWindow::cancelCurrent);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_rerunStepAction = inv->addAction(tr("Re-run selected &step"), this, [this] {
        if (InvestigationTab *tab = currentInvestigationTab())
            tab->rerunStep(tab->view()->currentStepId());
    });
    m_sendAction = inv->addAction(tr("&Send reply…"), this, &MainWindow::sendCurrent);
    m_sendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    inv->addSeparator();
    inv->addAction(tr("&Playbook editor…"), this, &MainWindow::showPlaybookEditor);
    QAction *refresh = inv->addAction(tr("Re&fresh tickets"), this, &MainWindow::refreshTickets);
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_darkAction = view->addAction(tr("&Dark palette"));
    m_darkAction->setCheckable(true);
    m_darkAction->setChecked(
        QSettings().value(QLatin1StringView(SettingsKeys::DarkPalette)).toBool());
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::setDarkPalette);
    m_comparisonAction = view->addAction(tr("&Comparison overlay (a day/week earlier)"));
    m_comparisonAction->setCheckable(true);
    m_comparisonAction->setChecked(true);
    connect(m_comparisonAction, &QAction::toggled, this, &MainWindow::setComparisonOverlay);
    view->addSeparator();
    view->addAction(tr("&Saved investigations"), this,
                    [this] { m_tabs->setCurrentIndex(SavedTabIndex); });
    view->addAction(tr("&Metrics"), this, [this] { m_tabs->setCurrentIndex(MetricsTabIndex); });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QAction *next = go->addAction(tr("&Next ticket"), this, &MainWindow::selectNextTicket);
    next->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_J), QKeySequence(Qt::ALT | Qt::Key_Down)});
    QAction *search = go->addAction(tr("&Search tickets"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    search->setShortcut(QKeySequence::Find);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent =
        QSettings().value(QLatin1StringView(SettingsKeys::RecentProfiles)).toStringList();
    for (const QString &path : recent) {
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openProfile(path); })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::rememberProfile(const QString &path)
{
    if (path.isEmpty())
        return;
    QSettings settings;
    QStringList recent =
        settings.value(QLatin1StringView(SettingsKeys::RecentProfiles)).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > MaxRecentProfiles)
        recent.removeLast();
    settings.setValue(QLatin1StringView(SettingsKeys::RecentProfiles), recent);
    settings.setValue(QLatin1StringView(SettingsKeys::LastProfile), path);
    rebuildRecentMenu();
}

void MainWindow::openProfile(const QString &path)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    runAsync(
        this, [path] { return loadProfile(path); },
        [this, path](Result<WorkspaceProfile> profile) {
            if (!profile) {
                showError(profile.error().message);
                emit profileFailed(profile.error().message);
                return;
            }
            rememberProfile(path);
            setProfile(*profile);
        });
}

void MainWindow::setProfile(const WorkspaceProfile &profile)
{
    m_profile = profile;
    m_connectors.reset();
    const quint64 generation = ++m_profileGeneration;
    m_queue->setNow(profile.currentTime());
    updateTitle();
    emit profileLoaded(profile);

    // The cached queue first, so the window is useful before the helpdesk answers.
    runAsync(
        this, [store = m_services.store, ws = profile.name] { return store->tickets(ws); },
        [this, generation](Result<QList<Ticket>> cached) {
            if (generation == m_profileGeneration && cached && m_queue->rowCount() == 0 &&
                !cached->isEmpty())
                m_queue->setTickets(*cached);
        });

    qDeleteAll(m_connectionDots);
    m_connectionDots.clear();
    m_connectionMessages.clear();
    for (const QString &system : profile.connections.keys())
        setConnectionState(system, 0, tr("Connecting…"));

    if (!m_services.connect) {
        showError(tr("This build cannot connect to the workspace's systems."));
        return;
    }
    runAsync(
        this, [connect = m_services.connect, profile] { return connect(profile); },
        [this, generation](Result<std::shared_ptr<ConnectorSet>> set) {
            if (generation != m_profileGeneration)
                return; // another workspace was opened meanwhile
            if (!set) {
                showError(set.error().message);
                for (const QString &system : m_profile.connections.keys())
                    setConnectionState(system, -1, set.error().message);
                return;
            }
            m_connectors = *set;
            for (int i = MetricsTabIndex + 1; i < m_tabs->count(); ++i) {
                if (auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i)))
                    tab->editor()->setHelpdesk(m_connectors->helpdesk());
            }
            emit connectorsReady();
            updateActions();
            refreshTickets();
            checkConnections();
            m_refreshTimer.start();
        });
}

void MainWindow::checkConnections()
{
    if (!m_connectors)
        return;
    const quint64 generation = m_profileGeneration;
    for (const QString &system : m_connectors->systems()) {
        std::shared_ptr<Connector> connector = m_connectors->get(system);
        runAsync(
            this,
            [connector] {
                WorkLimits limits;
                limits.deadline = QDeadlineTimer(15'000);
                return connector->testConnection(limits);
            },
            [this, system, generation](ConnectionCheck check) {
                if (generation != m_profileGeneration)
                    return;
                setConnectionState(system, check.ok ? 1 : -1, check.message);
                emit connectionChecked(system, check.ok);
            });
    }
}

void MainWindow::setConnectionState(const QString &system, int state, const QString &message)
{
    QLabel *dot = m_connectionDots.value(system);
    if (!dot) {
        dot = new QLabel(m_connectionBar);
        dot->setTextFormat(Qt::PlainText);
        m_connectionBar->layout()->addWidget(dot);
        m_connectionDots.insert(system, dot);
    }
    dot->setText(u"● "_s + system);
    QPalette p = dot->palette();
    p.setColor(QPalette::WindowText, state > 0   ? QColor(0x2e, 0x7d, 0x32)
                                     : state < 0 ? QColor(0xc6, 0x28, 0x28)
                                                 : QColor(0x9e, 0x9e, 0x9e));
    dot->setPalette(p);
    // Tooltips render rich text; the connector's message is shown escaped.
    dot->setToolTip(u"<p>"_s + QString(system + u": "_s + message).toHtmlEscaped() + u"</p>"_s);
    dot->setAccessibleName(tr("%1 connection").arg(system));
    dot->setAccessibleDescription(message);
    m_connectionMessages.insert(system, message);
}

QString MainWindow::connectionMessage(const QString &system) const
{
    return m_connectionMessages.value(system);
}

void MainWindow::refreshTickets()
{
    if (!m_connectors || !m_connectors->helpdesk()) {
        m_queueStatus->setText(tr("No helpdesk connected."));
        return;
    }
    m_queueStatus->setText(tr("Refreshing tickets…"));
    const quint64 generation = ++m_ticketGeneration;
    runAsync(
        this,
        [helpdesk = m_connectors->helpdesk()]()
            -> Result<std::pair<QList<Ticket>, QList<TicketQueueModel::Row>>> {
            WorkLimits limits;
            limits.deadline = QDeadlineTimer(60'000);
            auto tickets = helpdesk->listTickets(limits);
            if (!tickets)
                return std::unexpected(tickets.error());
            return std::pair{*tickets, TicketQueueModel::makeRows(*tickets)};
        },
        [this, generation](Result<std::pair<QList<Ticket>, QList<TicketQueueModel::Row>>> result) {
            if (generation != m_ticketGeneration)
                return;
            if (!result) {
                m_queueStatus->setText(tr("Tickets not refreshed: %1").arg(result.error().message));
                return;
            }
            const QString keep = currentTicket().id;
            m_queue->setNow(m_profile.currentTime());
            m_queue->setRows(std::move(result->second));
            if (!keep.isEmpty())
                selectTicket(keep);
            m_queueStatus->setText(
                tr("%n ticket(s), refreshed %1", nullptr, int(result->first.size()))
                    .arg(QDateTime::currentDateTime().toString(u"HH:mm"_s)));
            runAsync(
                this,
                [store = m_services.store, ws = m_profile.name, tickets = result->first] {
                    return store->saveTickets(ws, tickets);
                },
                [](Result<void> saved) {
                    if (!saved)
                        qCWarning(lcUi) << "ticket cache not saved:" << saved.error().message;
                });
            emit ticketsLoaded(int(result->first.size()));
        });
}

bool MainWindow::selectTicket(const QString &ticketId)
{
    const int sourceRow = m_queue->rowOfTicket(ticketId);
    if (sourceRow < 0)
        return false;
    const QModelIndex proxy = m_filter->mapFromSource(m_queue->index(sourceRow, 0));
    if (!proxy.isValid())
        return false;
    m_queueView->setCurrentIndex(proxy);
    m_queueView->scrollTo(proxy);
    return true;
}

Ticket MainWindow::currentTicket() const
{
    const QModelIndex current = m_queueView->currentIndex();
    if (!current.isValid())
        return {};
    return m_queue->ticketAt(m_filter->mapToSource(current).row());
}

void MainWindow::selectNextTicket()
{
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_queueView->currentIndex();
    const int next = current.isValid() ? std::min(rows - 1, current.row() + 1) : 0;
    m_queueView->setCurrentIndex(m_filter->index(next, 0));
    m_queueView->scrollTo(m_filter->index(next, 0));
}

InvestigationTab *MainWindow::tabForTicket(const QString &ticketId) const
{
    for (int i = MetricsTabIndex + 1; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i));
        if (tab && tab->ticket().id == ticketId)
            return tab;
    }
    return nullptr;
}

InvestigationTab *MainWindow::currentInvestigationTab() const
{
    return qobject_cast<InvestigationTab *>(m_tabs->currentWidget());
}

InvestigationView *MainWindow::currentInvestigationView() const
{
    InvestigationTab *tab = currentInvestigationTab();
    return tab ? tab->view() : nullptr;
}

DiagnosisEditor *MainWindow::currentEditor() const
{
    InvestigationTab *tab = currentInvestigationTab();
    return tab ? tab->editor() : nullptr;
}

InvestigationTab *MainWindow::runInvestigation(const Ticket &ticket, const QString &playbook,
                                               std::shared_ptr<const PlaybookLibrary> playbooks)
{
    if (!ticket.isValid())
        return nullptr;
    if (!m_connectors) {
        showError(tr("The workspace is not connected yet."));
        return nullptr;
    }
    InvestigationTab *tab = tabForTicket(ticket.id);
    if (!tab) {
        tab = new InvestigationTab(ticket, m_tabs);
        tab->editor()->setStore(m_services.store);
        tab->editor()->setHelpdesk(m_connectors->helpdesk());
        tab->view()->charts()->setComparisonVisible(m_comparisonAction->isChecked());
        const int index = m_tabs->addTab(tab, tr("#%1").arg(ticket.id));
        m_tabs->setTabToolTip(index, ticket.subject);
        connect(tab->view(), &InvestigationView::rerunAllRequested, this,
                [this, tab] { runInvestigation(tab->ticket()); });
        // Every completed run (and re-run step) is saved and, when it took long, announced.
        connect(tab, &InvestigationTab::finished, this,
                [this, tab](const Investigation &investigation) {
                    saveInvestigation(tab, investigation);
                    if (tab->elapsedMs() > LongInvestigationMs)
                        notifyFinished(investigation);
                    updateActions();
                });
        connect(tab->editor(), &DiagnosisEditor::replySent, this, [this](const QString &ticketId) {
            statusBar()->showMessage(tr("Reply sent to ticket #%1").arg(ticketId), 10'000);
            m_metrics->refresh();
        });
    }
    if (tab->isRunning())
        return tab;
    m_tabs->setCurrentWidget(tab);
    auto *run = new InvestigationRun(m_connectors, playbooks ? playbooks : m_services.playbooks,
                                     m_profile.currentTime());
    tab->follow(run);
    InvestigationRun::Options options;
    options.playbook = playbook;
    run->start(ticket, options);
    updateActions();
    return tab;
}

void MainWindow::saveInvestigation(InvestigationTab *tab, const Investigation &investigation)
{
    QPointer<InvestigationTab> guard(tab);
    runAsync(
        this,
        [store = m_services.store, investigation, id = tab->storedId()] {
            return store->saveInvestigation(investigation, id);
        },
        [this, guard, investigation](Result<QString> id) {
            if (!id) {
                showError(tr("The investigation was not saved: %1").arg(id.error().message));
                return;
            }
            if (guard)
                guard->setStoredId(*id);
            m_saved->refresh();
            emit investigationSaved(*id);
            emit investigationFinished(investigation, *id);
        });
}

void MainWindow::notifyFinished(const Investigation &investigation)
{
    if (isActiveWindow())
        return;
    QApplication::alert(this);
    if (m_tray) {
        m_tray->show();
        const QString cause =
            investigation.rootCause ? investigation.rootCause->summary : tr("No root cause found.");
        m_tray->showMessage(tr("Ticket #%1 investigated").arg(investigation.ticket.id), cause,
                            QSystemTrayIcon::Information, 8000);
    }
}

void MainWindow::runCurrentTicket()
{
    runInvestigation(currentTicket());
}

void MainWindow::cancelCurrent()
{
    if (InvestigationTab *tab = currentInvestigationTab())
        tab->cancel();
}

void MainWindow::sendCurrent()
{
    if (DiagnosisEditor *editor = currentEditor())
        editor->requestSend(true);
}

void MainWindow::openSaved(const QString &id)
{
    for (int i = MetricsTabIndex + 1; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i));
        if (tab && tab->storedId() == id) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    runAsync(
        this, [store = m_services.store, id] { return store->loadInvestigation(id); },
        [this, id](Result<Investigation> investigation) {
            if (!investigation) {
                showError(investigation.error().message);
                return;
            }
            openOffline(*investigation, id);
        });
}

InvestigationTab *MainWindow::openOffline(const Investigation &investigation,
                                          const QString &storedId)
{
    auto *tab = new InvestigationTab(investigation.ticket, m_tabs);
    tab->setStoredId(storedId);
    tab->editor()->setStore(m_services.store);
    if (m_connectors)
        tab->editor()->setHelpdesk(m_connectors->helpdesk());
    tab->view()->charts()->setComparisonVisible(m_comparisonAction->isChecked());
    tab->showOffline(investigation);
    const int index = m_tabs->addTab(tab, tr("#%1 (saved)").arg(investigation.ticket.id));
    m_tabs->setTabToolTip(index, investigation.ticket.subject);
    m_tabs->setCurrentIndex(index);
    updateActions();
    return tab;
}

void MainWindow::importFile(const QString &path)
{
    runAsync(
        this,
        [path, store = m_services.store]() -> Result<std::pair<Investigation, QString>> {
            auto investigation = importInvestigation(path);
            if (!investigation)
                return std::unexpected(investigation.error());
            auto id = store->saveInvestigation(*investigation, {});
            return std::pair{*investigation, id ? *id : QString()};
        },
        [this](Result<std::pair<Investigation, QString>> imported) {
            if (!imported) {
                showError(imported.error().message);
                return;
            }
            openOffline(imported->first, imported->second);
            m_saved->refresh();
        });
}

void MainWindow::exportCurrent(const QString &path)
{
    InvestigationView *view = currentInvestigationView();
    if (!view)
        return;
    const auto format = exportFormatForPath(path);
    if (!format) {
        showError(tr("Choose a file ending in .md, .html, .pdf or .json."));
        return;
    }
    Investigation investigation = view->investigation();
    if (DiagnosisEditor *editor = currentEditor(); editor && !editor->markdown().isEmpty())
        investigation.diagnosisMarkdown = editor->markdown(); // export what the engineer sees
    runAsync(
        this,
        [investigation, format, path] { return exportInvestigation(investigation, *format, path); },
        [this, path](Result<void> done) {
            if (!done)
                showError(done.error().message);
            else
                statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 8000);
        });
}

void MainWindow::showConnections()
{
    if (m_profile.connections.isEmpty()) {
        showError(tr("Open a workspace profile first."));
        return;
    }
    auto *dialog = new ConnectionsDialog(m_profile, m_services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionsDialog::saved, this,
            [this](const WorkspaceProfile &profile) { setProfile(profile); });
    connect(dialog, &ConnectionsDialog::saveFailed, this, &MainWindow::showError);
    dialog->open();
}

void MainWindow::showPlaybookEditor()
{
    if (!m_playbookEditor) {
        m_playbookEditor = new PlaybookEditor(this);
        m_playbookEditor->setWindowFlag(Qt::Window);
        m_playbookEditor->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_playbookEditor, &PlaybookEditor::runRequested, this,
                [this](const QByteArray &text, const QString &fileName) {
                    auto library = std::make_shared<PlaybookLibrary>(
                        m_services.playbooks ? *m_services.playbooks : PlaybookLibrary());
                    const auto problems = library->addPlaybook(text, fileName);
                    if (!problems.isEmpty()) {
                        showError(problems.first().toString());
                        return;
                    }
                    const QString name =
                        QJsonDocument::fromJson(text).object().value("name"_L1).toString();
                    runInvestigation(currentTicket(), name, library);
                });
    }
    m_playbookEditor->show();
    m_playbookEditor->raise();
    m_playbookEditor->activateWindow();
}

void MainWindow::setDarkPalette(bool dark)
{
    QSettings().setValue(QLatin1StringView(SettingsKeys::DarkPalette), dark);
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
        applyPalette(*app, dark);
}

void MainWindow::setComparisonOverlay(bool on)
{
    for (int i = MetricsTabIndex + 1; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i)))
            tab->view()->charts()->setComparisonVisible(on);
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_profile.name.isEmpty() ? tr("Casefile")
                                            : tr("%1 — Casefile").arg(m_profile.name));
}

void MainWindow::updateActions()
{
    InvestigationTab *tab = currentInvestigationTab();
    m_runAction->setEnabled(m_connectors && currentTicket().isValid());
    m_cancelAction->setEnabled(tab && tab->isRunning());
    m_rerunStepAction->setEnabled(tab && tab->run() && !tab->isRunning());
    m_sendAction->setEnabled(tab != nullptr);
    m_exportAction->setEnabled(tab != nullptr);
}

void MainWindow::showError(const QString &message)
{
    qCInfo(lcUi) << message;
    statusBar()->showMessage(message, 15'000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QLatin1StringView(SettingsKeys::Geometry), saveGeometry());
    settings.setValue(QLatin1StringView(SettingsKeys::State), saveState());
    settings.setValue(QLatin1StringView(SettingsKeys::MainSplitter), m_splitter->saveState());
    m_refreshTimer.stop();
    // Cancel every run; each tab's destructor waits for its run's workers.
    for (int i = MetricsTabIndex + 1; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i)))
            tab->cancel();
    }
    event->accept();
}

} // namespace Casefile
