#include "ui/investigationview.h"
#include "ui/plaintext.h"

#include "core/investigationjson.h"
#include "ui/constants.h"
#include "ui/highlighter.h"
#include "ui/jsontablemodel.h"
#include "ui/jsontreemodel.h"
#include "ui/needshumanbanner.h"
#include "ui/stallmonitor.h"
#include "ui/stepsmodel.h"
#include "ui/timelinecharts.h"
#include "ui/weblinks.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

// A progress bar drawn flat: a frame, the chunk and the text. The Fusion style draws an
// unfinished bar's stripes as a batch of lines that the raster engine hands to Qt's painting
// threads and waits for, at every repaint (each step of every run in view); on a busy machine
// the GUI thread then waits for a core for each of them.
class FlatProgressBar final : public QProgressBar
{
public:
    using QProgressBar::QProgressBar;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRect frame = rect().adjusted(0, 0, -1, -1);
        painter.setPen(palette().color(QPalette::Mid));
        painter.setBrush(palette().color(QPalette::Base));
        painter.drawRect(frame);
        const QRect inside = frame.adjusted(1, 1, 0, 0);
        QRect chunk = inside;
        const qint64 span = qint64(maximum()) - minimum();
        const qint64 done = std::clamp<qint64>(qint64(value()) - minimum(), 0, span);
        chunk.setWidth(span > 0 ? int(inside.width() * done / span) : 0);
        painter.fillRect(chunk, palette().color(QPalette::Highlight));
        if (!isTextVisible())
            return;
        // The text in the highlight's colour over the chunk, in the text colour beside it.
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(inside, Qt::AlignCenter, text());
        painter.setClipRect(chunk);
        painter.setPen(palette().color(QPalette::HighlightedText));
        painter.drawText(inside, Qt::AlignCenter, text());
    }
};

constexpr int EvidenceIdRole = UiRoles::IdRole;
constexpr int FindingIndexRole = UiRoles::IdRole + 10;
constexpr int StackTable = 0;
constexpr int StackText = 1;
constexpr int StackConfig = 2;
} // namespace

RunHealth runHealth(const Investigation &investigation)
{
    RunHealth health;
    for (const StepRecord &step : investigation.steps) {
        ++health.total;
        switch (step.status) {
        case StepStatus::Ok:
            ++health.ok;
            break;
        case StepStatus::Skipped:
            ++health.skipped;
            if (health.firstSkip.isEmpty() && !step.error.isEmpty())
                health.firstSkip =
                    step.connector.isEmpty() ? step.error : step.connector + u": "_s + step.error;
            break;
        case StepStatus::Failed:
        case StepStatus::Timeout:
            ++health.failed;
            if (health.firstError.isEmpty()) {
                const QString error =
                    step.error.isEmpty() ? InvestigationView::tr("no answer") : step.error;
                health.firstError =
                    step.connector.isEmpty() ? error : step.connector + u": "_s + error;
            }
            break;
        case StepStatus::Cancelled:
            ++health.cancelled;
            break;
        case StepStatus::Pending:
        case StepStatus::Running:
            break;
        }
    }
    if (health.firstError.isEmpty())
        health.firstError = health.firstSkip;
    return health;
}

InvestigationView::InvestigationView(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Investigation"));
    m_chartsDebounce.setSingleShot(true);
    m_chartsDebounce.setInterval(150);
    connect(&m_chartsDebounce, &QTimer::timeout, this,
            [this] { m_charts->setInvestigation(m_investigation); });
    buildUi();
    updateButtons();
}

void InvestigationView::buildUi()
{
    m_steps = new StepsModel(this);
    m_tableModel = new JsonTableModel(this);
    m_rawModel = new JsonTreeModel(this);
    m_charts = new TimelineCharts(this);

    // The evidence and findings pages are built the first time they are shown (or asked
    // for): opening an investigation builds and fills only the page in view.
    m_pages = new QTabWidget(this);
    // No frame around the pages: a frame the size of the view is redrawn, fill by fill, with
    // every repaint of the tab.
    m_pages->setDocumentMode(true);
    m_pages->setAccessibleName(tr("Investigation pages"));
    m_evidencePage = new QWidget(this);
    m_findingsPage = new QWidget(this);
    for (QWidget *page : {m_evidencePage, m_findingsPage})
        (new QVBoxLayout(page))->setContentsMargins(0, 0, 0, 0);
    m_pages->insertTab(int(Page::Timeline), m_charts, tr("&Timeline"));
    m_pages->insertTab(int(Page::Evidence), m_evidencePage, tr("&Evidence"));
    m_pages->insertTab(int(Page::Findings), m_findingsPage, tr("&Findings"));
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == int(Page::Evidence))
            ensureEvidencePage();
        else if (index == int(Page::Findings))
            ensureFindingsPage();
    });

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"investigationSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildStepsView());
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 3);
    m_stepsView->setMinimumHeight(m_stepsView->fontMetrics().height() * 4);
    m_pages->setMinimumHeight(160);
    // The steps get a few rows; the charts, evidence and findings the rest.
    m_splitter->setSizes({m_stepsView->fontMetrics().height() * 9, 1000});
    QSettings settings;
    m_splitter->restoreState(
        settings.value(QLatin1StringView(SettingsKeys::ViewSplitter)).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        QSettings().setValue(QLatin1StringView(SettingsKeys::ViewSplitter),
                             m_splitter->saveState());
    });

    auto *layout = new QVBoxLayout(this);
    buildHeader(layout);
    layout->addWidget(m_splitter, 1);
}

void InvestigationView::buildHeader(QVBoxLayout *layout)
{
    // What is being investigated and how far it got. Every label wraps: a long subject or
    // playbook reason never widens the window.
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText); // ticket subjects are customer text
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_playbook = new QLabel(this);
    m_playbook->setTextFormat(Qt::PlainText);
    m_playbook->setWordWrap(true);
    // The customer's words: untrusted text, shown as plain text only.
    m_description = new QPlainTextEdit(this);
    m_description->setReadOnly(true);
    m_description->setTabChangesFocus(true);
    m_description->setAccessibleName(tr("Ticket description"));
    m_description->setMaximumHeight(m_description->fontMetrics().height() * 3 + 12);
    m_progress = new FlatProgressBar(this);
    m_progress->setAccessibleName(tr("Investigation progress"));
    m_progress->setFormat(tr("%v of %m steps"));
    m_progress->setMinimumWidth(120);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setAccessibleName(tr("Cancel investigation"));
    m_rerunStep = new QPushButton(tr("Re-run &step"), this);
    m_rerunStep->setAccessibleName(tr("Re-run selected step"));
    m_rerunAll = new QPushButton(tr("Re-run &all"), this);
    m_rerunAll->setAccessibleName(tr("Re-run investigation"));
    connect(m_cancel, &QPushButton::clicked, this, &InvestigationView::cancelRequested);
    connect(m_rerunAll, &QPushButton::clicked, this, &InvestigationView::rerunAllRequested);
    connect(m_rerunStep, &QPushButton::clicked, this, [this] {
        const QString id = currentStepId();
        if (!id.isEmpty())
            emit rerunStepRequested(id);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_rerunStep);
    buttons->addWidget(m_rerunAll);
    layout->addWidget(m_title);
    layout->addWidget(m_playbook);
    // Too little evidence to conclude: said above everything else, with what is missing.
    m_needsHuman = new NeedsHumanBanner(this);
    layout->addWidget(m_needsHuman);
    layout->addWidget(m_description);
    layout->addLayout(buttons);
}

QWidget *InvestigationView::buildStepsView()
{
    m_stepsView = new QTableView(this);
    m_stepsView->setAccessibleName(tr("Steps"));
    m_stepsView->setModel(m_steps);
    m_stepsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepsView->setTabKeyNavigation(false);
    m_stepsView->verticalHeader()->hide();
    QHeaderView *header = m_stepsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(StepsModel::Title, QHeaderView::Stretch);
    header->setSectionResizeMode(StepsModel::Error, QHeaderView::Stretch);
    m_stepsView->setWordWrap(false);
    connect(m_stepsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                updateButtons();
                if (current.isValid())
                    showStepRaw(m_steps->stepAt(current.row()).id);
            });
    return m_stepsView;
}

void InvestigationView::ensureEvidencePage()
{
    if (m_evidenceList)
        return;
    // Shown at once (a layout would show it on the next turn of the event loop) when its
    // page is; on a hidden page it shows with the page.
    QWidget *page = buildEvidencePage();
    m_evidencePage->layout()->addWidget(page);
    page->show();
    for (const Evidence &e : std::as_const(m_investigation.evidence))
        addEvidenceItem(e);
    if (const QString step = currentStepId(); !step.isEmpty())
        showStepRaw(step);
}

void InvestigationView::ensureFindingsPage()
{
    if (m_findings)
        return;
    QWidget *page = buildFindingsPage();
    m_findingsPage->layout()->addWidget(page);
    page->show();
    fillFindings();
}

QWidget *InvestigationView::buildEvidencePage()
{
    // The list on the left; on the right what the evidence is, the query or request that
    // produced it, its rows (those behind a finding highlighted) and the raw JSON.
    m_evidenceList = new QListWidget(this);
    m_evidenceList->setAccessibleName(tr("Evidence list"));
    m_evidenceList->setWordWrap(true);
    m_evidenceList->setTextElideMode(Qt::ElideRight);
    connect(m_evidenceList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        const QString id = item ? item->data(EvidenceIdRole).toString() : QString();
        showEvidenceDetail(id);
        if (!id.isEmpty())
            emit evidenceSelected(id);
    });
    m_evidenceSource = new QLabel(this);
    m_evidenceSource->setTextFormat(Qt::PlainText);
    m_evidenceSource->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_evidenceSource->setWordWrap(true);
    m_evidenceQuery = new QPlainTextEdit(this);
    m_evidenceQuery->setReadOnly(true);
    m_evidenceQuery->setTabChangesFocus(true);
    m_evidenceQuery->setAccessibleName(tr("Query or request"));
    m_evidenceQuery->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                             Qt::TextSelectableByKeyboard);
    m_evidenceQuery->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_evidenceQuery->setMaximumHeight(m_evidenceQuery->fontMetrics().height() * 5 + 12);
    m_evidenceQuery->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_copyQuery = new QPushButton(tr("Copy &query"), this);
    m_copyQuery->setToolTip(tr("Copy the query or request that produced this evidence"));
    connect(m_copyQuery, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(evidenceQuery()); });
    auto *copyCsv = new QPushButton(tr("Copy as CS&V"), this);
    connect(copyCsv, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(evidenceCsv()); });
    auto *copyJson = new QPushButton(tr("Copy as &JSON"), this);
    connect(copyJson, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(evidenceJson()); });
    m_openIn = new QToolButton(this);
    m_openIn->setText(tr("&Open in…"));
    m_openIn->setPopupMode(QToolButton::InstantPopup);
    m_openIn->setMenu(new QMenu(m_openIn));
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_copyQuery);
    actions->addWidget(copyCsv);
    actions->addWidget(copyJson);
    actions->addWidget(m_openIn);
    actions->addStretch(1);

    m_tableView = new QTableView(this);
    m_tableView->setAccessibleName(tr("Evidence table"));
    m_tableView->setTabKeyNavigation(false);
    auto *tableProxy = new QSortFilterProxyModel(this);
    tableProxy->setSourceModel(m_tableModel);
    tableProxy->setSortRole(UiRoles::SortRole);
    m_tableView->setModel(tableProxy);
    m_tableView->setSortingEnabled(true);
    m_tableView->verticalHeader()->hide();
    m_textView = new QPlainTextEdit(this);
    m_textView->setReadOnly(true);
    m_textView->setTabChangesFocus(true);
    m_textView->setAccessibleName(tr("Evidence text"));
    m_configView = new QPlainTextEdit(this);
    m_configView->setReadOnly(true);
    m_configView->setTabChangesFocus(true);
    m_configView->setAccessibleName(tr("Routing configuration"));
    m_configView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    attachHighlighter(m_configView->document(), u"JSON"_s);
    m_evidenceStack = new QStackedWidget(this);
    m_evidenceStack->insertWidget(StackTable, m_tableView);
    m_evidenceStack->insertWidget(StackText, m_textView);
    m_evidenceStack->insertWidget(StackConfig, m_configView);
    m_rawView = new QTreeView(this);
    m_rawView->setAccessibleName(tr("Raw JSON"));
    m_rawView->setModel(m_rawModel);
    m_rawView->setUniformRowHeights(true);
    m_evidenceTabs = new QTabWidget(this);
    m_evidenceTabs->setDocumentMode(true);
    m_evidenceTabs->addTab(m_evidenceStack, tr("View"));
    m_evidenceTabs->addTab(m_rawView, tr("Raw JSON"));
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_evidenceSource);
    detailLayout->addWidget(m_evidenceQuery);
    detailLayout->addLayout(actions);
    detailLayout->addWidget(m_evidenceTabs, 1);
    auto *evidenceSplit = new QSplitter(Qt::Horizontal, this);
    evidenceSplit->setChildrenCollapsible(false);
    evidenceSplit->addWidget(m_evidenceList);
    evidenceSplit->addWidget(detail);
    evidenceSplit->setStretchFactor(1, 3);
    m_evidenceList->setMinimumWidth(160);
    detail->setMinimumWidth(280);
    return evidenceSplit;
}

QWidget *InvestigationView::buildFindingsPage()
{
    // Findings, root cause, rejected hypotheses. Findings wrap: a claim is read whole.
    m_findings = new QTreeWidget(this);
    m_findings->setAccessibleName(tr("Findings"));
    m_findings->setHeaderLabels({tr("Finding"), tr("Confidence")});
    m_findings->setRootIsDecorated(true);
    m_findings->setWordWrap(true);
    m_findings->setUniformRowHeights(false);
    m_findings->setTextElideMode(Qt::ElideNone);
    m_findings->header()->setStretchLastSection(false);
    m_findings->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_findings->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(m_findings, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { activateFindingItem(item); });
    m_rootCause = new QLabel(this);
    m_rootCause->setTextFormat(Qt::PlainText);
    m_rootCause->setWordWrap(true);
    m_rootCause->setAccessibleName(tr("Root cause"));
    m_confidence = new FlatProgressBar(this);
    m_confidence->setRange(0, 100);
    m_confidence->setFormat(tr("confidence %p%"));
    m_confidence->setAccessibleName(tr("Root cause confidence"));
    m_rejected = new QListWidget(this);
    m_rejected->setAccessibleName(tr("Rejected hypotheses"));
    m_rejected->setWordWrap(true);
    m_notChecked = new QLabel(this);
    m_notChecked->setTextFormat(Qt::PlainText);
    m_notChecked->setWordWrap(true);
    auto *page = new QWidget(this);
    auto *fl = new QVBoxLayout(page);
    auto *rootTitle = new QLabel(tr("Root cause"), page);
    rootTitle->setBuddy(m_rootCause);
    fl->addWidget(rootTitle);
    fl->addWidget(m_rootCause);
    fl->addWidget(m_confidence);
    auto *findingsTitle =
        new QLabel(tr("Findings (activate a link to see the rows behind it)"), page);
    findingsTitle->setWordWrap(true);
    fl->addWidget(findingsTitle);
    fl->addWidget(m_findings, 2);
    fl->addWidget(new QLabel(tr("Rejected hypotheses"), page));
    fl->addWidget(m_rejected, 1);
    fl->addWidget(m_notChecked);
    // A long root cause, many findings or a short pane scroll the page rather than squeeze
    // the wrapped root cause into fewer lines than it needs.
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the page wraps to its width
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    return scroll;
}

void InvestigationView::setPlanned(const Investigation &skeleton)
{
    StallProbe probe("steps planned");
    m_investigation = skeleton;
    m_steps->setSteps(skeleton.steps);
    if (m_evidenceList)
        m_evidenceList->clear();
    m_tableModel->clear();
    m_rawModel->clear();
    for (const Evidence &e : skeleton.evidence)
        addEvidence(e);
    m_investigation.evidence = skeleton.evidence;
    setRunning(true);
    m_needsHuman->setInvestigation(m_investigation);
    fillFindings();
    updateHeader();
    updateProgress();
    scheduleCharts();
}

void InvestigationView::updateStep(const StepRecord &step)
{
    m_steps->updateStep(step);
    bool known = false;
    for (StepRecord &s : m_investigation.steps) {
        if (s.id == step.id) {
            s = step;
            known = true;
        }
    }
    if (!known)
        m_investigation.steps.append(step);
    updateProgress();
    updateButtons();
}

void InvestigationView::addEvidence(const Evidence &evidence)
{
    if (!m_investigation.evidenceById(evidence.id))
        m_investigation.evidence.append(evidence);
    if (m_evidenceList)
        addEvidenceItem(evidence);
    if (evidence.kind == EvidenceKind::TimeSeries || evidence.kind == EvidenceKind::Events)
        scheduleCharts();
}

void InvestigationView::addEvidenceItem(const Evidence &evidence)
{
    for (int i = 0; i < m_evidenceList->count(); ++i) {
        if (m_evidenceList->item(i)->data(EvidenceIdRole).toString() == evidence.id)
            return;
    }
    auto *item = new QListWidgetItem(
        u"%1 · %2\n%3"_s.arg(evidence.id, vendorName(evidence.connector), evidence.title),
        m_evidenceList);
    item->setData(EvidenceIdRole, evidence.id);
    item->setToolTip(u"<p>"_s +
                     QString(evidence.title + u" — "_s + evidence.source).toHtmlEscaped() +
                     u"</p>"_s);
}

void InvestigationView::setFinished(const Investigation &investigation)
{
    const QString keepEvidence = currentEvidenceId();
    m_investigation = investigation;
    m_steps->setSteps(investigation.steps);
    if (m_evidenceList) {
        m_evidenceList->clear();
        for (const Evidence &e : investigation.evidence)
            addEvidenceItem(e);
    }
    setRunning(false); // before the findings: a finished run is never "still investigating"
    m_needsHuman->setInvestigation(m_investigation);
    fillFindings();
    updateHeader();
    updateProgress();
    m_chartsDebounce.stop();
    m_charts->setInvestigation(m_investigation);
    if (!keepEvidence.isEmpty())
        selectEvidence(keepEvidence);
}

void InvestigationView::setInvestigation(const Investigation &investigation)
{
    setFinished(investigation);
}

void InvestigationView::setRunning(bool running)
{
    m_running = running;
    updateButtons();
}

void InvestigationView::updateHeader()
{
    const Ticket &t = m_investigation.ticket;
    m_title->setText(tr("#%1 %2").arg(t.id, t.subject));
    if (m_description->toPlainText() != t.description)
        m_description->setPlainText(t.description);
    m_description->setVisible(!t.description.isEmpty());
    QString playbook = m_investigation.playbook.name.isEmpty()
                           ? tr("No playbook")
                           : tr("Playbook: %1").arg(m_investigation.playbook.name);
    if (!m_investigation.playbook.reason.isEmpty())
        playbook += u" — "_s + m_investigation.playbook.reason;
    if (m_investigation.window.isValid()) {
        playbook += tr("  ·  window %1 – %2 UTC")
                        .arg(m_investigation.window.from.toUTC().toString(u"MM-dd HH:mm"_s),
                             m_investigation.window.to.toUTC().toString(u"MM-dd HH:mm"_s));
    }
    m_playbook->setText(playbook);
}

void InvestigationView::updateProgress()
{
    m_progress->setRange(0, std::max(1, m_steps->rowCount()));
    m_progress->setValue(m_steps->rowCount() == 0 ? (m_running ? 0 : 1) : m_steps->finishedCount());
    // The bar says how the run went, not only how far: red when nothing could be asked,
    // amber when some systems failed.
    const RunHealth health = runHealth(m_investigation);
    QPalette p = palette();
    if (!m_running && health.couldNotInvestigate()) {
        p.setColor(QPalette::Highlight, QColor(0xc6, 0x28, 0x28));
        m_progress->setFormat(tr("could not investigate: %1").arg(health.firstError));
    } else if (!m_running && health.failed > 0) {
        p.setColor(QPalette::Highlight, QColor(0xe6, 0x8a, 0x00));
        m_progress->setFormat(tr("%v of %m steps — %n failed", nullptr, health.failed));
    } else {
        m_progress->setFormat(tr("%v of %m steps"));
    }
    m_progress->setPalette(p);
    m_progress->setToolTip(plainToolTip(health.firstError));
}

void InvestigationView::updateButtons()
{
    m_cancel->setEnabled(m_running);
    m_rerunAll->setEnabled(!m_running && m_investigation.ticket.isValid());
    m_rerunStep->setEnabled(!m_running && !currentStepId().isEmpty());
}

QString InvestigationView::currentStepId() const
{
    const QModelIndex current = m_stepsView->currentIndex();
    return current.isValid() ? m_steps->stepAt(current.row()).id : QString();
}

void InvestigationView::showStepRaw(const QString &stepId)
{
    QJsonArray evidence;
    for (const Evidence &e : std::as_const(m_investigation.evidence)) {
        if (e.stepId == stepId)
            evidence.append(evidenceToJson(e));
    }
    const int row = m_steps->rowOfStep(stepId);
    if (evidence.isEmpty() && row >= 0) {
        for (const QString &id : m_steps->stepAt(row).evidenceIds) {
            if (const Evidence *e = m_investigation.evidenceById(id))
                evidence.append(evidenceToJson(*e));
        }
    }
    m_rawModel->setJson(evidence);
    if (m_rawView)
        m_rawView->expandToDepth(0);
}

void InvestigationView::showEvidenceDetail(const QString &evidenceId)
{
    const Evidence *e = m_investigation.evidenceById(evidenceId);
    if (!e) {
        m_tableModel->clear();
        m_rawModel->clear();
        m_evidenceSource->clear();
        m_evidenceQuery->clear();
        m_evidenceQuery->hide();
        m_copyQuery->setEnabled(false);
        m_openIn->menu()->clear();
        m_openIn->setEnabled(false);
        return;
    }
    m_evidenceSource->setText(
        tr("%1 — from %2 (%3)").arg(e->title, vendorName(e->connector), e->id));
    const QString query = evidenceQueryText(*e);
    m_evidenceQuery->setPlainText(query); // plain text: vendor and ticket words stay words
    m_evidenceQuery->setVisible(!query.isEmpty());
    m_copyQuery->setEnabled(!query.isEmpty());
    QMenu *menu = m_openIn->menu();
    menu->clear();
    for (const WebLink &link : evidenceLinks(*e)) {
        QAction *open =
            menu->addAction(link.label, this, [url = link.url] { QDesktopServices::openUrl(url); });
        open->setToolTip(plainToolTip(link.url.toString()));
    }
    m_openIn->setEnabled(!menu->isEmpty());
    m_rawModel->setJson(e->data);
    m_rawView->expandToDepth(0);
    switch (e->kind) {
    case EvidenceKind::Table:
        m_tableModel->setTable(e->data);
        m_evidenceStack->setCurrentIndex(StackTable);
        break;
    case EvidenceKind::Events:
        m_tableModel->setEvents(e->data.value("events"_L1).toArray());
        m_evidenceStack->setCurrentIndex(StackTable);
        break;
    case EvidenceKind::TimeSeries: {
        // Flatten the series into one table: labels, then the columns.
        QStringList columns{u"labels"_s};
        for (const QJsonValue &c : e->data.value("columns"_L1).toArray())
            columns.append(c.toString());
        QJsonArray rows;
        for (const QJsonValue &sv : e->data.value("series"_L1).toArray()) {
            const QJsonObject so = sv.toObject();
            const QString labels = labelsText(so.value("labels"_L1).toObject());
            for (const QJsonValue &p : so.value("points"_L1).toArray()) {
                QJsonArray row{labels};
                for (const QJsonValue &v : p.toArray())
                    row.append(v);
                rows.append(row);
            }
        }
        m_tableModel->setData(columns, rows);
        m_evidenceStack->setCurrentIndex(StackTable);
        break;
    }
    case EvidenceKind::Config: {
        const QJsonObject config = e->data.value("config"_L1).toObject();
        m_configView->setPlainText(
            QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Indented)));
        m_evidenceStack->setCurrentIndex(StackConfig);
        break;
    }
    case EvidenceKind::Text: {
        QString text;
        for (const QJsonValue &iv : e->data.value("items"_L1).toArray()) {
            const QJsonObject item = iv.toObject();
            const QString ref = item.value("ref"_L1).toString();
            text += item.value("title"_L1).toString() +
                    (ref.isEmpty() ? QString() : u"  ("_s + ref + u')') + u"\n\n"_s +
                    item.value("text"_L1).toString() + u"\n\n"_s;
        }
        m_textView->setPlainText(text);
        m_evidenceStack->setCurrentIndex(StackText);
        break;
    }
    }
}

void InvestigationView::fillFindings()
{
    const auto &rc = m_investigation.rootCause;
    const RunHealth health = runHealth(m_investigation);
    const bool couldNotInvestigate = !m_running && health.couldNotInvestigate();
    if (couldNotInvestigate) {
        // Nothing was asked successfully: no diagnosis, whatever the analysis concluded.
        m_rootCauseLine = tr("Could not investigate: %n step(s) failed, none answered. "
                             "First error: %1",
                             nullptr, health.failed)
                              .arg(health.firstError);
    } else if (rc) {
        m_rootCauseLine = tr("%1: %2").arg(rc->category, rc->summary);
    } else {
        m_rootCauseLine = m_running ? tr("Still investigating…") : tr("No root cause found.");
    }
    if (!m_findings)
        return; // the page is filled when it is first shown
    m_findings->clear();
    for (int i = 0; i < m_investigation.findings.size(); ++i) {
        const Finding &f = m_investigation.findings.at(i);
        auto *item =
            new QTreeWidgetItem(m_findings, {f.summary, u"%1 %"_s.arg(qRound(f.confidence * 100))});
        item->setData(0, FindingIndexRole, i);
        item->setToolTip(0, plainToolTip(f.refs.join(u", "_s)));
        for (const QString &id : f.evidenceIds) {
            const Evidence *e = m_investigation.evidenceById(id);
            auto *link =
                new QTreeWidgetItem(item, {tr("→ %1: %2").arg(id, e ? e->title : tr("(missing)"))});
            link->setData(0, EvidenceIdRole, id);
            QFont font = link->font(0);
            font.setUnderline(true);
            link->setFont(0, font);
            link->setForeground(0, palette().link());
        }
        item->setExpanded(true);
    }
    QPalette rootPalette = palette();
    m_rootCause->setText(m_rootCauseLine);
    if (couldNotInvestigate)
        rootPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    else if (rc)
        m_confidence->setValue(qRound(rc->confidence * 100));
    m_confidence->setVisible(!couldNotInvestigate && rc);
    m_rootCause->setPalette(rootPalette);
    m_rejected->clear();
    for (const RejectedHypothesis &r : m_investigation.rejected)
        m_rejected->addItem(tr("%1 — %2").arg(r.category, r.reason));
    m_notChecked->setText(
        m_investigation.notChecked.isEmpty()
            ? QString()
            : tr("Not checked: %1").arg(m_investigation.notChecked.join(u"; "_s)));
}

void InvestigationView::activateFindingItem(QTreeWidgetItem *item)
{
    if (!item)
        return;
    QString id = item->data(0, EvidenceIdRole).toString();
    if (id.isEmpty() && item->childCount() > 0)
        id = item->child(0)->data(0, EvidenceIdRole).toString();
    if (id.isEmpty() || !selectEvidence(id))
        return;
    // The rows behind the claim: those naming one of the finding's refs.
    QTreeWidgetItem *top = item->parent() ? item->parent() : item;
    const int finding = top->data(0, FindingIndexRole).toInt();
    if (finding < 0 || finding >= m_investigation.findings.size())
        return;
    m_tableModel->setHighlightedRefs(m_investigation.findings.at(finding).refs);
    const QList<int> rows = m_tableModel->highlightedRows();
    if (!rows.isEmpty()) {
        auto *proxy = static_cast<QSortFilterProxyModel *>(m_tableView->model());
        const QModelIndex first = proxy->mapFromSource(m_tableModel->index(rows.first(), 0));
        m_tableView->scrollTo(first, QAbstractItemView::PositionAtCenter);
    }
}

QList<int> InvestigationView::highlightedEvidenceRows() const
{
    return m_tableModel->highlightedRows();
}

QString InvestigationView::evidenceCsv() const
{
    const Evidence *e = m_investigation.evidenceById(currentEvidenceId());
    if (!e || !m_evidenceStack)
        return {};
    if (e->kind == EvidenceKind::Text || e->kind == EvidenceKind::Config)
        return m_evidenceStack->currentIndex() == StackText ? m_textView->toPlainText()
                                                            : m_configView->toPlainText();
    return m_tableModel->toCsv();
}

QString InvestigationView::evidenceJson() const
{
    const Evidence *e = m_investigation.evidenceById(currentEvidenceId());
    return e ? QString::fromUtf8(QJsonDocument(evidenceToJson(*e)).toJson(QJsonDocument::Indented))
             : QString();
}

QString InvestigationView::evidenceQuery() const
{
    return m_evidenceQuery ? m_evidenceQuery->toPlainText() : QString();
}

QString evidenceQueryText(const Evidence &evidence)
{
    // The query or request as the connector recorded it; the source names it otherwise.
    if (!evidence.query.isEmpty())
        return evidence.query;
    for (auto key : {"query"_L1, "sql"_L1, "request"_L1, "graphql"_L1}) {
        const QJsonValue v = evidence.data.value(key);
        if (v.isString() && !v.toString().isEmpty())
            return v.toString();
        if (v.isObject())
            return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented));
    }
    return evidence.source;
}

QString labelsText(const QJsonObject &labels)
{
    QStringList parts;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        parts << it.key() + u'=' + JsonTableModel::displayText(it.value());
    return parts.join(u", "_s);
}

bool InvestigationView::activateFindingLink(int finding, int link)
{
    ensureFindingsPage();
    if (finding < 0 || finding >= m_findings->topLevelItemCount())
        return false;
    QTreeWidgetItem *top = m_findings->topLevelItem(finding);
    if (link < 0 || link >= top->childCount())
        return false;
    m_findings->setCurrentItem(top->child(link));
    emit m_findings->itemActivated(top->child(link), 0);
    return true;
}

void InvestigationView::scheduleCharts()
{
    m_chartsDebounce.start();
}

void InvestigationView::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}

InvestigationView::Page InvestigationView::currentPage() const
{
    return Page(m_pages->currentIndex());
}

bool InvestigationView::selectEvidence(const QString &evidenceId)
{
    ensureEvidencePage();
    for (int i = 0; i < m_evidenceList->count(); ++i) {
        QListWidgetItem *item = m_evidenceList->item(i);
        if (item->data(EvidenceIdRole).toString() == evidenceId) {
            showPage(Page::Evidence);
            m_evidenceList->setCurrentItem(item);
            m_evidenceList->scrollToItem(item);
            return true;
        }
    }
    return false;
}

QString InvestigationView::currentEvidenceId() const
{
    const QListWidgetItem *item = m_evidenceList ? m_evidenceList->currentItem() : nullptr;
    return item ? item->data(EvidenceIdRole).toString() : QString();
}

QTreeWidget *InvestigationView::findingsTree()
{
    ensureFindingsPage();
    return m_findings;
}

QListWidget *InvestigationView::evidenceList()
{
    ensureEvidencePage();
    return m_evidenceList;
}

QString InvestigationView::rootCauseText() const
{
    return m_rootCauseLine;
}

int InvestigationView::rejectedCount() const
{
    return m_rejected ? m_rejected->count() : int(m_investigation.rejected.size());
}

} // namespace Casefile
