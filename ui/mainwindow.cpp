#include "ui/mainwindow.h"
#include "ui/plaintext.h"
#include "ui/stallmonitor.h"

#include "core/async.h"
#include "core/engine.h"
#include "core/engine/playbooklibrary.h"
#include "ui/commandpalette.h"
#include "ui/connectionsdialog.h"
#include "ui/connectionwizard.h"
#include "ui/constants.h"
#include "ui/diagnosiseditor.h"
#include "ui/exporter.h"
#include "ui/investigationview.h"
#include "ui/metricsview.h"
#include "ui/palette.h"
#include "ui/playbookeditor.h"
#include "ui/savedinvestigationsview.h"
#include "ui/ticketfiltermodel.h"
#include "ui/ticketpreview.h"
#include "ui/ticketqueuemodel.h"
#include "ui/timelinecharts.h"
#include "ui/uilogging.h"
#include "ui/weblinks.h"
#include "ui/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
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
// Worker threads made at start-up: what a handful of investigations running at once use.
constexpr int WarmWorkerThreads = 96;
// Rows of the queue (besides the visible ones) that size its columns.
constexpr int QueueSizingRows = 200;
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

    m_staleBar = new QFrame(this);
    m_staleBar->setAccessibleName(tr("Draft is out of date"));
    m_staleBar->setAutoFillBackground(true);
    QPalette warn = m_staleBar->palette();
    warn.setColor(QPalette::Window, QColor(0xff, 0xec, 0xb3));
    warn.setColor(QPalette::WindowText, QColor(0x3e, 0x27, 0x23));
    m_staleBar->setPalette(warn);
    m_staleText = new QLabel(m_staleBar);
    m_staleText->setTextFormat(Qt::PlainText);
    m_staleText->setWordWrap(true);
    auto *useNew = new QPushButton(tr("Use the &new diagnosis"), m_staleBar);
    auto *keep = new QPushButton(tr("&Keep my draft"), m_staleBar);
    connect(useNew, &QPushButton::clicked, this, &InvestigationTab::useNewDiagnosis);
    connect(keep, &QPushButton::clicked, this, &InvestigationTab::keepDraft);
    auto *barLayout = new QHBoxLayout(m_staleBar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->addWidget(m_staleText, 1);
    barLayout->addWidget(useNew);
    barLayout->addWidget(keep);
    m_staleBar->hide();

    auto *editorPane = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_staleBar);
    editorLayout->addWidget(m_editor, 1);

    // The reply editor gets at least a third of the tab; neither pane collapses on a drag.
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"investigationTabSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(editorPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_view->setMinimumHeight(240);
    editorPane->setMinimumHeight(200);
    m_splitter->setSizes({600, 400});
    if (const QByteArray state =
            QSettings().value(QLatin1StringView(SettingsKeys::TabSplitter)).toByteArray();
        !state.isEmpty())
        m_splitter->restoreState(state);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        QSettings().setValue(QLatin1StringView(SettingsKeys::TabSplitter), m_splitter->saveState());
    });
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
        StallProbe probe("investigation finished in its tab");
        m_playbook = investigation.playbook.name;
        m_view->setFinished(investigation);
        const RunHealth health = runHealth(investigation);
        if (!m_editorLoaded || m_editor->markdown().trimmed().isEmpty()) {
            loadDiagnosis(investigation);
            if (health.couldNotInvestigate())
                setDraftStale(true, tr("This run could not investigate (%1): the draft below "
                                       "is not a diagnosis.")
                                        .arg(health.firstError));
        } else if (investigation.diagnosisMarkdown != m_draftBase) {
            m_newerRun = investigation;
            setDraftStale(true, health.couldNotInvestigate()
                                    ? tr("The latest run could not investigate (%1). The draft "
                                         "below is from an earlier run.")
                                          .arg(health.firstError)
                                    : tr("The latest run changed the diagnosis. The draft below "
                                         "is from an earlier run."));
        } else {
            setDraftStale(false);
        }
        emit finished(investigation);
    });
}

void InvestigationTab::loadDiagnosis(const Investigation &investigation)
{
    // The editor composes the customer reply and the internal note from the whole run.
    m_editor->setInvestigation(m_storedId, investigation);
    m_editorLoaded = true;
    m_draftBase = investigation.diagnosisMarkdown;
    m_newerRun.reset();
    setDraftStale(false);
}

void InvestigationTab::useNewDiagnosis()
{
    if (m_newerRun)
        loadDiagnosis(Investigation(*m_newerRun));
    else
        setDraftStale(false);
}

void InvestigationTab::keepDraft()
{
    // The engineer read the warning and keeps the draft: it now stands for the newest run.
    if (m_newerRun)
        m_draftBase = m_newerRun->diagnosisMarkdown;
    m_newerRun.reset();
    setDraftStale(false);
}

void InvestigationTab::setDraftStale(bool stale, const QString &reason)
{
    m_staleText->setText(reason);
    m_staleBar->setVisible(stale);
    if (stale == m_draftStale)
        return;
    m_draftStale = stale;
    emit draftStaleChanged(stale);
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
    m_playbook = investigation.playbook.name;
    m_view->setInvestigation(investigation);
    loadDiagnosis(investigation);
}

// ---------------------------------------------------------------------------------------
// MainWindow

MainWindow::MainWindow(WorkbenchServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
{
    Q_ASSERT(m_services.store); // the composition root always provides one
    // The investigations' worker threads are made now, off this thread: made by the first
    // investigations, on this thread, they stalled it while others ran.
    backgroundPool()->start([] { InvestigationRun::startWorkerThreads(WarmWorkerThreads); });
    setWindowIcon(QIcon(u":/icons/casefile.svg"_s));
    buildUi();
    buildMenus();
    updateTitle();
    updateActions();

    QSettings settings;
    const bool restored =
        restoreGeometry(settings.value(QLatin1StringView(SettingsKeys::Geometry)).toByteArray());
    restoreState(settings.value(QLatin1StringView(SettingsKeys::State)).toByteArray());
    m_splitter->restoreState(
        settings.value(QLatin1StringView(SettingsKeys::MainSplitter)).toByteArray());
    m_queueSplitter->restoreState(
        settings.value(QLatin1StringView(SettingsKeys::QueueSplitter)).toByteArray());
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect();
    // First run (or a saved geometry from a bigger screen): fit the window to this screen.
    if (available.isValid() &&
        (!restored || width() > available.width() || height() > available.height()))
        fitToScreen(available);

    const int minutes =
        std::max(1, settings.value(QLatin1StringView(SettingsKeys::RefreshMinutes), 5).toInt());
    m_refreshTimer.setInterval(minutes * 60 * 1000);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshTickets);

    m_saved->setStore(m_services.store);
    m_metrics->setStore(m_services.store);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildQueuePanel()
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
    m_queueView->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    // ID and Subject first and always visible; the rest sized to their contents, the
    // status and the suggested playbook in the preview instead.
    QHeaderView *queueHeader = m_queueView->horizontalHeader();
    for (int column : {TicketQueueModel::Id, TicketQueueModel::Priority, TicketQueueModel::Age})
        queueHeader->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // Sized from the rows on screen and a sample around them, not a thousand rows of a
    // 10,000-ticket queue on every change: ids, priorities and ages are alike in width.
    queueHeader->setResizeContentsPrecision(QueueSizingRows);
    queueHeader->setSectionResizeMode(TicketQueueModel::Org, QHeaderView::Interactive);
    queueHeader->resizeSection(TicketQueueModel::Org, 120);
    m_queueView->setColumnHidden(TicketQueueModel::Status, true);
    m_queueView->setColumnHidden(TicketQueueModel::Playbook, true);
    m_queueView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_queueView, &QWidget::customContextMenuRequested, this, &MainWindow::showQueueMenu);
    connect(m_queueView, &QTableView::activated, this, [this] { runCurrentTicket(); });
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showPreview();
        updateActions();
    });
    m_preview = new TicketPreview(m_queuePanel);
    m_queueStatus = new QLabel(m_queuePanel);
    m_queueStatus->setTextFormat(Qt::PlainText);
    m_queueStatus->setWordWrap(true); // an error message wraps, it never widens the window
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_onlyWaiting);
    filters->addWidget(investigable);
    filters->addStretch(1);
    m_queueSplitter = new QSplitter(Qt::Vertical, m_queuePanel);
    m_queueSplitter->setChildrenCollapsible(false);
    m_queueSplitter->addWidget(m_queueView);
    m_queueSplitter->addWidget(m_preview);
    m_queueView->setMinimumHeight(120);
    m_preview->setMinimumHeight(120);
    m_queueSplitter->setStretchFactor(0, 3);
    m_queueSplitter->setStretchFactor(1, 2);
    auto *queueLayout = new QVBoxLayout(m_queuePanel);
    queueLayout->setContentsMargins(4, 4, 4, 4);
    queueLayout->addWidget(m_search);
    queueLayout->addLayout(filters);
    queueLayout->addWidget(m_queueSplitter, 1);
    queueLayout->addWidget(m_queueStatus);
}

// The investigations: Saved and Metrics first (never closed), then one tab per investigation.
void MainWindow::buildTabs()
{
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
        showPreview();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        // A hidden page never paints, and with its updates off Qt skips it when the stack
        // switches pages (QStackedLayout turns updates off and on again for every widget
        // that takes them): switching then costs one page, not every open investigation.
        for (int i = 0; i < m_tabs->count(); ++i) {
            QWidget *page = m_tabs->widget(i);
            if (i != index && page->updatesEnabled())
                page->setUpdatesEnabled(false);
        }
        if (QWidget *current = m_tabs->widget(index); current && !current->updatesEnabled())
            current->setUpdatesEnabled(true);
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
        const QString path = chooseExportPath();
        if (!path.isEmpty())
            exportCurrent(path);
    });
}

void MainWindow::buildUi()
{
    buildQueuePanel();
    buildTabs();

    // Neither side collapses on a drag: the queue keeps room for ID and Subject.
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_queuePanel);
    m_splitter->addWidget(m_tabs);
    m_queuePanel->setMinimumWidth(280);
    m_tabs->setMinimumWidth(480);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({460, 1140});

    // No workspace yet: the welcome page; the workbench once a profile is open.
    m_welcome = new WelcomePage(this);
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemoWorkspace);
    connect(m_welcome, &WelcomePage::openProfileRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace profile"), {},
                                                          tr("Workspace profiles (*.json)"));
        if (!path.isEmpty())
            openProfile(path);
    });
    connect(m_welcome, &WelcomePage::wizardRequested, this, &MainWindow::showConnectionWizard);
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_welcome);
    m_central->addWidget(m_splitter);
    setCentralWidget(m_central);

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
    file->addAction(tr("Connect &new workspace…"), this, &MainWindow::showConnectionWizard);
    file->addAction(tr("Open the &demo workspace"), this, &MainWindow::openDemoWorkspace);
    file->addSeparator();
    QAction *import = file->addAction(tr("&Import investigation JSON…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import investigation"), {},
                                                          tr("Investigation JSON (*.json)"));
        if (!path.isEmpty())
            importFile(path);
    });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_exportAction = file->addAction(tr("&Export investigation…"), this, [this] {
        const QString path = chooseExportPath();
        if (!path.isEmpty())
            exportCurrent(path);
    });
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts({QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)});

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
    go->addSeparator();
    QAction *nextPane = go->addAction(tr("Next &pane"), this, [this] { focusPane(+1); });
    nextPane->setShortcut(QKeySequence(Qt::Key_F6));
    QAction *previousPane = go->addAction(tr("Pre&vious pane"), this, [this] { focusPane(-1); });
    previousPane->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    QAction *queue = go->addAction(tr("Ticket &queue"), this,
                                   [this] { m_queueView->setFocus(Qt::ShortcutFocusReason); });
    queue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *reply = go->addAction(tr("&Reply editor"), this, [this] {
        if (InvestigationTab *tab = currentInvestigationTab())
            focusInto(tab->editor());
    });
    reply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *palette =
        help->addAction(tr("&Command palette…"), this, &MainWindow::showCommandPalette);
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(tr("&About Casefile"), this, &MainWindow::showAbout);
}

void MainWindow::showQueueMenu(const QPoint &pos)
{
    const QModelIndex index = m_queueView->indexAt(pos);
    if (index.isValid())
        m_queueView->setCurrentIndex(index);
    const Ticket ticket = currentTicket();
    if (!ticket.isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_runAction);
    const QUrl page = helpdeskTicketUrl(m_profile, ticket.id);
    QAction *open =
        menu.addAction(tr("&Open in helpdesk"), this, [page] { QDesktopServices::openUrl(page); });
    open->setEnabled(page.isValid());
    QAction *copyLink = menu.addAction(
        tr("Copy &link"), this, [page] { QGuiApplication::clipboard()->setText(page.toString()); });
    copyLink->setEnabled(page.isValid());
    menu.addAction(tr("Copy ticket &ID"), this,
                   [id = ticket.id] { QGuiApplication::clipboard()->setText(id); });
    menu.exec(m_queueView->viewport()->mapToGlobal(pos));
}

QList<QWidget *> MainWindow::panes() const
{
    QList<QWidget *> list{m_search, m_queueView, m_preview};
    if (InvestigationTab *tab = currentInvestigationTab())
        list << tab->view() << tab->editor();
    else if (m_tabs->currentWidget())
        list << m_tabs->currentWidget();
    return list;
}

void MainWindow::focusInto(QWidget *pane)
{
    if (!pane)
        return;
    if (pane->focusPolicy() & Qt::TabFocus && pane->isEnabled()) {
        pane->setFocus(Qt::TabFocusReason);
        return;
    }
    // A pane to write in (the reply editor) puts the cursor in its text.
    for (QPlainTextEdit *text : pane->findChildren<QPlainTextEdit *>()) {
        if (!text->isReadOnly() && text->isVisible() && text->isEnabled()) {
            text->setFocus(Qt::TabFocusReason);
            return;
        }
    }
    // The first widget inside the pane that takes Tab focus, in focus-chain order.
    for (QWidget *w = pane->nextInFocusChain(); w && w != pane; w = w->nextInFocusChain()) {
        if (!pane->isAncestorOf(w))
            continue;
        if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled()) {
            w->setFocus(Qt::TabFocusReason);
            return;
        }
    }
}

void MainWindow::focusPane(int direction)
{
    const QList<QWidget *> list = panes();
    if (list.isEmpty())
        return;
    int current = -1;
    QWidget *focus = QApplication::focusWidget();
    for (int i = 0; i < list.size(); ++i) {
        if (focus && (focus == list.at(i) || list.at(i)->isAncestorOf(focus)))
            current = i;
    }
    const int n = int(list.size());
    const int next = current < 0 ? 0 : ((current + direction) % n + n) % n;
    focusInto(list.at(next));
}

void MainWindow::fitToScreen(const QRect &available)
{
    // At least 1200x750 where the screen allows, never larger than the screen; a small
    // screen gets the whole of it.
    if (available.width() < 1200 || available.height() < 750) {
        setGeometry(available);
        setWindowState(windowState() | Qt::WindowMaximized);
        return;
    }
    const QSize size(
        std::clamp(available.width() * 9 / 10, 1200, std::min(1680, available.width())),
        std::clamp(available.height() * 9 / 10, 750, std::min(1050, available.height())));
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::showCommandPalette()
{
    auto *palette = new CommandPalette(commandsOf(menuBar()), this);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    m_palette = palette;
    palette->open();
    palette->filterEdit()->setFocus();
}

QString MainWindow::shortcutListText() const
{
    QString text;
    for (const CommandEntry &c : commandsOf(menuBar())) {
        if (!c.shortcut.isEmpty())
            text += c.shortcut.leftJustified(22) + u' ' + c.path + u'\n';
    }
    text += tr("\nIn tables: arrow keys move, Enter runs or opens; Tab and Shift+Tab leave "
               "the table. In charts: + and - zoom, arrows pan, 0 shows the whole window.\n");
    return text;
}

void MainWindow::showShortcuts()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    auto *text = new QPlainTextEdit(dialog);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(shortcutListText());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(620, 520);
    dialog->open();
}

QString MainWindow::aboutText() const
{
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString settings = QSettings().fileName();
    return tr("Casefile %1\n\nAn investigation workbench for support engineers.\n\n"
              "Licence: %2\n\nInvestigations, drafts and the ticket cache: %3\n"
              "Settings: %4\nSecrets: the operating system's keychain, never files.\n"
              "Profile: %5\n\nQt %6")
        .arg(QStringLiteral(CASEFILE_VERSION), tr("MIT"), dataDir, settings,
             m_profile.path.isEmpty() ? tr("none open") : m_profile.path,
             QString::fromLatin1(qVersion()));
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About Casefile"), aboutText(),
                                QMessageBox::Close, this);
    box->setTextFormat(Qt::PlainText);
    box->setIconPixmap(windowIcon().pixmap(64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent =
        QSettings().value(QLatin1StringView(SettingsKeys::RecentProfiles)).toStringList();
    for (const QString &path : recent) {
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openProfile(path); })
            ->setToolTip(plainToolTip(path));
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
                m_rememberOpened = true;
                m_welcome->setBusy(false);
                m_welcome->setStatus(profile.error().message, true);
                emit profileFailed(profile.error().message);
                return;
            }
            if (m_rememberOpened)
                rememberProfile(path);
            m_rememberOpened = true;
            setProfile(*profile);
        });
}

bool MainWindow::isWelcomeShown() const
{
    return m_central->currentWidget() == m_welcome;
}

void MainWindow::openDemoWorkspace()
{
    if (!m_demo) {
        m_demo = new DemoWorkspace(this);
        connect(m_demo, &DemoWorkspace::ready, this, [this](const QString &path) {
            m_welcome->setStatus(tr("The demo workspace is up; opening it…"));
            m_rememberOpened = false;
            openProfile(path);
        });
        connect(m_demo, &DemoWorkspace::failed, this, [this](const QString &message) {
            m_welcome->setBusy(false);
            m_welcome->setStatus(message, true);
            showError(message);
        });
    }
    if (m_demo->isRunning())
        return;
    m_welcome->setBusy(true);
    m_welcome->setStatus(tr("Starting the demo workspace (its sandbox and log database)…"));
    m_demo->start();
}

void MainWindow::showConnectionWizard()
{
    auto *wizard = new ConnectionWizard(this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setPreviewFunction(m_services.preview);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        // The Connections dialog tests each system and saves: secrets to the keychain, the
        // profile to its file.
        auto *dialog = new ConnectionsDialog(wizard->profile(), m_services, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const QMap<QString, QString> secrets = wizard->secrets();
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
            dialog->setSecret(it.key(), it.value());
        connect(dialog, &ConnectionsDialog::saved, this, [this](const WorkspaceProfile &p) {
            rememberProfile(p.path);
            setProfile(p);
        });
        connect(dialog, &ConnectionsDialog::saveFailed, this, &MainWindow::showError);
        dialog->open();
    });
    wizard->open();
}

void MainWindow::setProfile(const WorkspaceProfile &profile)
{
    m_profile = profile;
    statusBar()->showMessage(tr("Opened %1").arg(profile.name), 5000);
    m_central->setCurrentWidget(profile.connections.isEmpty() ? static_cast<QWidget *>(m_welcome)
                                                              : m_splitter);
    m_welcome->setBusy(false);
    m_connectors.reset();
    const quint64 generation = ++m_profileGeneration;
    m_queue->setNow(profile.currentTime());
    updateTitle();
    emit profileLoaded(profile);

    // The cached queue first, so the window is useful before the helpdesk answers. Its rows
    // are built and sorted on the worker.
    runAsync(
        this,
        [store = m_services.store, ws = profile.name,
         key = m_queue->sortKey()]() -> Result<QList<TicketQueueModel::Row>> {
            auto cached = store->tickets(ws);
            if (!cached)
                return std::unexpected(cached.error());
            QList<TicketQueueModel::Row> rows = TicketQueueModel::makeRows(*cached);
            TicketQueueModel::sortRows(rows, key);
            return rows;
        },
        [this, generation, key = m_queue->sortKey()](Result<QList<TicketQueueModel::Row>> rows) {
            if (generation == m_profileGeneration && rows && m_queue->rowCount() == 0 &&
                !rows->isEmpty())
                m_queue->setRows(std::move(*rows), key);
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
                if (auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i))) {
                    tab->editor()->setHelpdesk(m_connectors->helpdesk());
                    tab->editor()->setWorkspace(m_profile.name);
                }
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
    dot->setToolTip(plainToolTip(system + u": "_s + message));
    dot->setAccessibleName(tr("%1 connection").arg(system));
    dot->setAccessibleDescription(message);
    m_connectionMessages.insert(system, message);
}

void MainWindow::followRunConnections(const Investigation &investigation)
{
    // The dots show the last thing each system did: a step that failed turns its system red
    // (with the step's error), one that answered turns it green.
    QMap<QString, std::pair<int, QString>> latest;
    for (const StepRecord &step : investigation.steps) {
        if (step.connector.isEmpty() || !m_connectionDots.contains(step.connector))
            continue;
        // A step skipped because its system is not in the connected set could not ask it.
        const bool notConnected = step.status == StepStatus::Skipped && m_connectors &&
                                  !m_connectors->get(step.connector);
        const bool couldNotAsk =
            step.status == StepStatus::Failed || step.status == StepStatus::Timeout || notConnected;
        if (couldNotAsk) {
            latest.insert(step.connector,
                          {-1, step.error.isEmpty() ? tr("no answer") : step.error});
        } else if (step.status == StepStatus::Ok) {
            if (!latest.contains(step.connector) || latest.value(step.connector).first > 0)
                latest.insert(step.connector, {1, tr("answered the last investigation")});
        }
    }
    for (auto it = latest.cbegin(); it != latest.cend(); ++it)
        setConnectionState(it.key(), it->first, it->second);
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
    // The rows are built and put in the queue's order on the worker: the GUI thread only
    // swaps them in (the queue sorts again, on a worker, if its order changed meanwhile).
    const TicketQueueModel::SortKey key = m_queue->sortKey();
    runAsync(
        this,
        [helpdesk = m_connectors->helpdesk(),
         key]() -> Result<std::pair<QList<Ticket>, QList<TicketQueueModel::Row>>> {
            WorkLimits limits;
            limits.deadline = QDeadlineTimer(60'000);
            auto tickets = helpdesk->listTickets(limits);
            if (!tickets)
                return std::unexpected(tickets.error());
            QList<TicketQueueModel::Row> rows = TicketQueueModel::makeRows(*tickets);
            TicketQueueModel::sortRows(rows, key);
            return std::pair{*tickets, std::move(rows)};
        },
        [this, generation,
         key](Result<std::pair<QList<Ticket>, QList<TicketQueueModel::Row>>> result) {
            if (generation != m_ticketGeneration)
                return;
            if (!result) {
                m_queueStatus->setText(tr("Tickets not refreshed: %1").arg(result.error().message));
                return;
            }
            const QString keep = currentTicket().id;
            m_queue->setNow(m_profile.currentTime());
            m_queue->setRows(std::move(result->second), key);
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

// The selected ticket, with the playbook its open investigation ran beside the suggestion.
void MainWindow::showPreview()
{
    const Ticket ticket = currentTicket();
    const InvestigationTab *tab = ticket.isValid() ? tabForTicket(ticket.id) : nullptr;
    m_preview->setTicket(ticket, m_profile.currentTime(), tab ? tab->playbookName() : QString());
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
    StallProbe probe("start investigation");
    InvestigationTab *tab = tabForTicket(ticket.id);
    if (!tab) {
        tab = new InvestigationTab(ticket, m_tabs);
        tab->editor()->setStore(m_services.store);
        tab->editor()->setHelpdesk(m_connectors->helpdesk());
        tab->editor()->setWorkspace(m_profile.name);
        tab->view()->charts()->setComparisonVisible(m_comparisonAction->isChecked());
        const int index = m_tabs->addTab(tab, tr("#%1").arg(ticket.id));
        m_tabs->setTabToolTip(index, ticket.subject);
        connect(tab->view(), &InvestigationView::rerunAllRequested, this,
                [this, tab] { runInvestigation(tab->ticket()); });
        // Every completed run (and re-run step) is saved and, when it took long, announced.
        connect(tab, &InvestigationTab::finished, this,
                [this, tab](const Investigation &investigation) {
                    followRunConnections(investigation);
                    saveInvestigation(tab, investigation);
                    if (investigation.ticket.id == currentTicket().id)
                        showPreview(); // the logs may have led to another playbook
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
    options.lookups = m_lookups;
    options.workspace = m_profile.path.isEmpty() ? m_profile.name : m_profile.path;
    run->start(ticket, options);
    updateActions();
    return tab;
}

void MainWindow::saveInvestigation(InvestigationTab *tab, const Investigation &finished)
{
    // The workspace it was made in: only that workspace's helpdesk may receive its reply.
    Investigation investigation = finished;
    if (investigation.workspace.isEmpty())
        investigation.workspace = m_profile.name;
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
        const RunHealth health = runHealth(investigation);
        const QString cause = health.couldNotInvestigate()
                                  ? tr("Could not investigate: %1").arg(health.firstError)
                              : investigation.rootCause ? investigation.rootCause->summary
                                                        : tr("No root cause found.");
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
    tab->editor()->setWorkspace(m_profile.name);
    tab->view()->charts()->setComparisonVisible(m_comparisonAction->isChecked());
    tab->showOffline(investigation);
    const int index = m_tabs->addTab(tab, tr("#%1 (saved)").arg(investigation.ticket.id));
    m_tabs->setTabToolTip(index, investigation.ticket.subject);
    m_tabs->setCurrentIndex(index);
    showPreview();
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

QString MainWindow::chooseExportPath()
{
    // A suggested name in the documents folder; a name typed without an extension gets the
    // chosen format's.
    InvestigationView *view = currentInvestigationView();
    const QString name =
        view ? suggestedExportName(view->investigation()) : u"casefile-investigation.md"_s;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString filter = tr("Markdown (*.md)");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export investigation"), QDir(dir).filePath(name),
        tr("Markdown (*.md);;HTML (*.html);;PDF (*.pdf);;JSON (*.json)"), &filter);
    return withExportExtension(path, filter);
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
        showConnectionWizard();
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
    settings.setValue(QLatin1StringView(SettingsKeys::QueueSplitter), m_queueSplitter->saveState());
    m_refreshTimer.stop();
    // Cancel every run; each tab's destructor waits for its run's workers.
    for (int i = MetricsTabIndex + 1; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<InvestigationTab *>(m_tabs->widget(i)))
            tab->cancel();
    }
    event->accept();
}

} // namespace Casefile
