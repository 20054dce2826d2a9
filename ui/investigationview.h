#pragma once

#include "core/domain.h"

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTabWidget;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace Casefile {

// How a finished (or running) investigation went, read from its steps: the view and the
// window show a run whose steps all failed as failed, never as a diagnosis.
struct RunHealth
{
    int total = 0;
    int ok = 0;
    int failed = 0;  // failed or timed out
    int skipped = 0; // not run: system not connected, nothing to ask about, a failed input
    int cancelled = 0;
    QString firstError; // "system: message" of the first failed step (else the first skip)
    QString firstSkip;

    // Nothing could be asked: no step answered, and steps failed or were skipped.
    bool couldNotInvestigate() const { return total > 0 && ok == 0 && failed + skipped > 0; }
};

RunHealth runHealth(const Investigation &investigation);

class JsonTableModel;
class JsonTreeModel;
class NeedsHumanBanner;
class StepsModel;
class TimelineCharts;

// One investigation, live or saved: the steps with their state, the timeline charts, the
// evidence panels (tables, events, routing config, text, raw JSON), the findings with links
// to their evidence, and the root cause with the hypotheses it beat.
//
// Fed either live (setPlanned, updateStep, addEvidence, setFinished: connect them to an
// InvestigationRun's signals) or from a stored document (setInvestigation). It never runs
// anything itself; the buttons emit requests the owner acts on. The evidence and findings
// pages are built and filled the first time they are shown or asked for (opening a saved
// investigation builds the timeline only); what they would say is kept meanwhile.
class InvestigationView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvestigationView)

public:
    enum class Page { Timeline, Evidence, Findings };

    explicit InvestigationView(QWidget *parent = nullptr);

    void setPlanned(const Casefile::Investigation &skeleton);
    void updateStep(const Casefile::StepRecord &step);
    void addEvidence(const Casefile::Evidence &evidence);
    void setFinished(const Casefile::Investigation &investigation);
    void setInvestigation(const Casefile::Investigation &investigation); // offline
    void setRunning(bool running);

    const Investigation &investigation() const { return m_investigation; }
    bool isRunning() const { return m_running; }

    // Navigation, for the menus, findings links and tests.
    void showPage(Page page);
    Page currentPage() const;
    bool selectEvidence(const QString &evidenceId);
    QString currentEvidenceId() const;
    QString currentStepId() const;
    bool activateFindingLink(int finding, int link = 0); // as a click on the link
    QList<int> highlightedEvidenceRows() const;          // of the evidence table, source rows
    QString evidenceCsv() const;   // the shown evidence as "Copy as CSV" copies it
    QString evidenceJson() const;  // ... and as "Copy as JSON"
    QString evidenceQuery() const; // the shown query or request, as "Copy query" copies it

    StepsModel *stepsModel() const { return m_steps; }
    TimelineCharts *charts() const { return m_charts; }
    QTreeWidget *findingsTree(); // builds the findings page if it was never shown
    QListWidget *evidenceList(); // ... and the evidence page
    QProgressBar *progressBar() const { return m_progress; }
    NeedsHumanBanner *needsHumanBanner() const { return m_needsHuman; }
    QString rootCauseText() const;
    int rejectedCount() const;
    RunHealth health() const { return runHealth(m_investigation); }

signals:
    void cancelRequested();
    void rerunStepRequested(const QString &stepId);
    void rerunAllRequested();
    void evidenceSelected(const QString &evidenceId);

private:
    void buildUi();
    void buildHeader(QVBoxLayout *layout);
    QWidget *buildStepsView();
    void ensureEvidencePage();
    void ensureFindingsPage();
    QWidget *buildEvidencePage();
    QWidget *buildFindingsPage();
    void addEvidenceItem(const Evidence &evidence);
    void updateHeader();
    void updateProgress();
    void updateButtons();
    void showEvidenceDetail(const QString &evidenceId);
    void showStepRaw(const QString &stepId);
    void fillFindings();
    void scheduleCharts();
    void activateFindingItem(QTreeWidgetItem *item);

    Investigation m_investigation;
    bool m_running = false;
    QTimer m_chartsDebounce;

    StepsModel *m_steps = nullptr;
    JsonTableModel *m_tableModel = nullptr;
    JsonTreeModel *m_rawModel = nullptr;

    QLabel *m_title = nullptr;
    QLabel *m_playbook = nullptr;
    NeedsHumanBanner *m_needsHuman = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_rerunStep = nullptr;
    QPushButton *m_rerunAll = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_stepsView = nullptr;
    QTabWidget *m_pages = nullptr;
    QWidget *m_evidencePage = nullptr; // holds the page once built
    QWidget *m_findingsPage = nullptr;
    QString m_rootCauseLine; // what the root cause label says, built or not
    TimelineCharts *m_charts = nullptr;
    QListWidget *m_evidenceList = nullptr;
    QLabel *m_evidenceSource = nullptr;
    QPlainTextEdit *m_evidenceQuery = nullptr;
    QPushButton *m_copyQuery = nullptr;
    QToolButton *m_openIn = nullptr;
    QStackedWidget *m_evidenceStack = nullptr;
    QTableView *m_tableView = nullptr;
    QPlainTextEdit *m_textView = nullptr;
    QPlainTextEdit *m_configView = nullptr;
    QTreeView *m_rawView = nullptr;
    QTabWidget *m_evidenceTabs = nullptr;
    QTreeWidget *m_findings = nullptr;
    QLabel *m_rootCause = nullptr;
    QProgressBar *m_confidence = nullptr;
    QListWidget *m_rejected = nullptr;
    QLabel *m_notChecked = nullptr;
};

QString evidenceQueryText(const Evidence &evidence); // the query/request, else the source
QString labelsText(const QJsonObject &labels);       // "route=/v1/chat, provider=openai"

} // namespace Casefile
