#pragma once

#include "core/domain.h"
#include "core/engine.h"
#include "core/engine/lookupcache.h"
#include "core/profile.h"
#include "ui/workbenchservices.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QTimer>

#include <optional>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QDialog;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QStackedWidget;
class QSystemTrayIcon;
class QTableView;
class QTabWidget;
QT_END_NAMESPACE

namespace Casefile {

class DiagnosisEditor;
class InvestigationRun;
class InvestigationTab;
class InvestigationView;
class MetricsView;
class PlaybookEditor;
class SavedInvestigationsView;
class TicketFilterModel;
class TicketPreview;
class WelcomePage;
class DemoWorkspace;
class TicketQueueModel;

// The workbench window: the ticket queue on the left, a tab per open investigation on the
// right (plus saved investigations and metrics), connection health in the status bar.
//
// Everything slow (profile loading, connecting, the helpdesk, the store, investigations)
// runs on workers or in the engine; this window only reacts to their results.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(WorkbenchServices services, QWidget *parent = nullptr);
    ~MainWindow() override;

    void openProfile(const QString &path);
    void setProfile(const WorkspaceProfile &profile);
    const WorkspaceProfile &profile() const { return m_profile; }
    std::shared_ptr<ConnectorSet> connectors() const { return m_connectors; }

    void refreshTickets();
    bool selectTicket(const QString &ticketId);
    Ticket currentTicket() const;
    void showPreview();
    void selectNextTicket();

    // Opens (or focuses) the ticket's tab and runs its investigation.
    InvestigationTab *runInvestigation(const Ticket &ticket, const QString &playbook = {},
                                       std::shared_ptr<const PlaybookLibrary> playbooks = {});
    void runCurrentTicket();
    void cancelCurrent();
    void sendCurrent();
    void openSaved(const QString &id);
    InvestigationTab *openOffline(const Investigation &investigation, const QString &storedId);
    void importFile(const QString &path);
    void exportCurrent(const QString &path);
    QString chooseExportPath(); // the save dialog, with a suggested name; empty when cancelled
    void showConnections();
    void showConnectionWizard();
    void openDemoWorkspace();
    bool isWelcomeShown() const;
    WelcomePage *welcomePage() const { return m_welcome; }
    void showPlaybookEditor();
    void setDarkPalette(bool dark);
    void setComparisonOverlay(bool on);

    // For tests and the screenshot mode.
    TicketQueueModel *queueModel() const { return m_queue; }
    TicketFilterModel *filterModel() const { return m_filter; }
    QTableView *queueView() const { return m_queueView; }
    QWidget *queuePanel() const { return m_queuePanel; }
    QTabWidget *tabs() const { return m_tabs; }
    InvestigationTab *currentInvestigationTab() const;
    InvestigationView *currentInvestigationView() const;
    DiagnosisEditor *currentEditor() const;
    SavedInvestigationsView *savedView() const { return m_saved; }
    MetricsView *metricsView() const { return m_metrics; }
    QString connectionMessage(const QString &system) const;
    TicketPreview *preview() const { return m_preview; }
    QSplitter *mainSplitter() const { return m_splitter; }

    // Sizes the window for a screen's available area (first run, or a smaller screen).
    void fitToScreen(const QRect &available);
    // Keyboard: F6/Shift+F6 move between the queue, the preview and the open tab's panes.
    void focusPane(int direction);
    void showCommandPalette();
    QDialog *commandPalette() const { return m_palette; }
    void showShortcuts();
    QString shortcutListText() const;
    void showAbout();
    QString aboutText() const;

signals:
    void profileLoaded(const Casefile::WorkspaceProfile &profile);
    void profileFailed(const QString &message);
    void connectorsReady();
    void connectionChecked(const QString &system, bool ok);
    void ticketsLoaded(int count);
    void investigationFinished(const Casefile::Investigation &investigation,
                               const QString &storedId);
    void investigationSaved(const QString &storedId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildQueuePanel();
    void buildTabs();
    void buildMenus();
    void rebuildRecentMenu();
    void showQueueMenu(const QPoint &pos);
    QList<QWidget *> panes() const;
    static void focusInto(QWidget *pane);
    void rememberProfile(const QString &path);
    void checkConnections();
    void setConnectionState(const QString &system, int state, const QString &message);
    void followRunConnections(const Investigation &investigation);
    void updateTitle();
    void updateActions();
    void notifyFinished(const Investigation &investigation);
    InvestigationTab *tabForTicket(const QString &ticketId) const;
    void saveInvestigation(InvestigationTab *tab, const Investigation &investigation);
    void showError(const QString &message);

    WorkbenchServices m_services;
    WorkspaceProfile m_profile;
    std::shared_ptr<ConnectorSet> m_connectors;
    // Organisations and billing customers, shared by this window's investigations (by workspace).
    std::shared_ptr<LookupCache> m_lookups = std::make_shared<LookupCache>();
    quint64 m_profileGeneration = 0;
    quint64 m_ticketGeneration = 0;
    QTimer m_refreshTimer;

    TicketQueueModel *m_queue = nullptr;
    TicketFilterModel *m_filter = nullptr;
    QWidget *m_queuePanel = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_onlyWaiting = nullptr;
    QTableView *m_queueView = nullptr;
    TicketPreview *m_preview = nullptr;
    QSplitter *m_queueSplitter = nullptr;
    QPointer<QDialog> m_palette;
    QLabel *m_queueStatus = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_central = nullptr;
    WelcomePage *m_welcome = nullptr;
    DemoWorkspace *m_demo = nullptr;
    bool m_rememberOpened = true; // a demo profile lives in a temporary folder: not a recent
    QTabWidget *m_tabs = nullptr;
    SavedInvestigationsView *m_saved = nullptr;
    MetricsView *m_metrics = nullptr;
    QPointer<PlaybookEditor> m_playbookEditor;
    QWidget *m_connectionBar = nullptr;
    QMap<QString, QLabel *> m_connectionDots;
    QMap<QString, QString> m_connectionMessages;
    QSystemTrayIcon *m_tray = nullptr;

    QMenu *m_recentMenu = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_rerunStepAction = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_comparisonAction = nullptr;
};

// One investigation tab: the view, the reply editor and the run feeding them (if live).
class InvestigationTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvestigationTab)

public:
    explicit InvestigationTab(const Ticket &ticket, QWidget *parent = nullptr);
    ~InvestigationTab() override;

    InvestigationView *view() const { return m_view; }
    DiagnosisEditor *editor() const { return m_editor; }
    QSplitter *splitter() const { return m_splitter; }
    const Ticket &ticket() const { return m_ticket; }
    // The playbook of the investigation shown (empty before its first run has finished).
    QString playbookName() const { return m_playbook; }
    QString storedId() const { return m_storedId; }
    void setStoredId(const QString &id);
    bool isRunning() const;

    // Takes ownership of `run` and follows it; a previous run is cancelled first.
    void follow(InvestigationRun *run);
    InvestigationRun *run() const { return m_run; }
    void cancel();
    void rerunStep(const QString &stepId);
    void showOffline(const Investigation &investigation);
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

    // A re-run whose diagnosis differs from the one the draft was written from marks the
    // draft stale: the bar above the editor offers the new diagnosis, the draft is kept.
    bool isDraftStale() const { return m_draftStale; }
    void useNewDiagnosis();
    void keepDraft();

signals:
    void finished(const Casefile::Investigation &investigation);
    void draftStaleChanged(bool stale);

private:
    void loadDiagnosis(const Investigation &investigation);
    void setDraftStale(bool stale, const QString &reason = {});

    Ticket m_ticket;
    QString m_playbook;
    QString m_storedId;
    QPointer<InvestigationRun> m_run;
    bool m_editorLoaded = false;
    bool m_draftStale = false;
    QString m_draftBase;                     // the diagnosis the editor's draft was loaded from
    std::optional<Investigation> m_newerRun; // the newest run, offered while the draft is stale
    QWidget *m_staleBar = nullptr;
    QLabel *m_staleText = nullptr;
    QElapsedTimer m_clock; // since the run (or re-run step) started, for notifications
    InvestigationView *m_view = nullptr;
    DiagnosisEditor *m_editor = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_central = nullptr;
    WelcomePage *m_welcome = nullptr;
    DemoWorkspace *m_demo = nullptr;
    bool m_rememberOpened = true; // a demo profile lives in a temporary folder: not a recent
};

} // namespace Casefile
