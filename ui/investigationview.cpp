#include "ui/investigationview.h"

#include "ui/constants.h"
#include "ui/highlighter.h"
#include "ui/jsontablemodel.h"
#include "ui/jsontreemodel.h"
#include "ui/stepsmodel.h"
#include "ui/timelinecharts.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr int EvidenceIdRole = UiRoles::IdRole;
constexpr int FindingIndexRole = UiRoles::IdRole + 10;
constexpr int StackTable = 0;
constexpr int StackText = 1;
constexpr int StackConfig = 2;
} // namespace

QJsonObject evidenceToJson(const Evidence &e)
{
    QJsonObject o;
    o.insert("id"_L1, e.id);
    if (!e.stepId.isEmpty())
        o.insert("step"_L1, e.stepId);
    o.insert("kind"_L1, evidenceKindName(e.kind));
    o.insert("connector"_L1, e.connector);
    o.insert("title"_L1, e.title);
    o.insert("source"_L1, e.source);
    o.insert("data"_L1, e.data);
    return o;
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

    // Header: what is being investigated and how far it got.
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText); // ticket subjects are customer text
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_playbook = new QLabel(this);
    m_playbook->setTextFormat(Qt::PlainText);
    // The customer's words: untrusted text, shown as plain text only.
    m_description = new QPlainTextEdit(this);
    m_description->setReadOnly(true);
    m_description->setAccessibleName(tr("Ticket description"));
    m_description->setMaximumHeight(m_description->fontMetrics().height() * 4 + 12);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Investigation progress"));
    m_progress->setFormat(tr("%v of %m steps"));
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

    // Steps.
    m_stepsView = new QTableView(this);
    m_stepsView->setAccessibleName(tr("Steps"));
    m_stepsView->setModel(m_steps);
    m_stepsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepsView->verticalHeader()->hide();
    m_stepsView->horizontalHeader()->setStretchLastSection(true);
    m_stepsView->setWordWrap(false);
    connect(m_stepsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                updateButtons();
                if (current.isValid())
                    showStepRaw(m_steps->stepAt(current.row()).id);
            });

    // Timeline.
    m_charts = new TimelineCharts(this);

    // Evidence: list on the left, the panel for its kind and the raw JSON on the right.
    m_evidenceList = new QListWidget(this);
    m_evidenceList->setAccessibleName(tr("Evidence list"));
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
    m_tableView = new QTableView(this);
    m_tableView->setAccessibleName(tr("Evidence table"));
    auto *tableProxy = new QSortFilterProxyModel(this);
    tableProxy->setSourceModel(m_tableModel);
    tableProxy->setSortRole(UiRoles::SortRole);
    m_tableView->setModel(tableProxy);
    m_tableView->setSortingEnabled(true);
    m_tableView->verticalHeader()->hide();
    m_textView = new QPlainTextEdit(this);
    m_textView->setReadOnly(true);
    m_textView->setAccessibleName(tr("Evidence text"));
    m_configView = new QPlainTextEdit(this);
    m_configView->setReadOnly(true);
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
    m_evidenceTabs->addTab(m_evidenceStack, tr("View"));
    m_evidenceTabs->addTab(m_rawView, tr("Raw JSON"));
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_evidenceSource);
    detailLayout->addWidget(m_evidenceTabs, 1);
    auto *evidenceSplit = new QSplitter(Qt::Horizontal, this);
    evidenceSplit->addWidget(m_evidenceList);
    evidenceSplit->addWidget(detail);
    evidenceSplit->setStretchFactor(1, 3);

    // Findings, root cause, rejected hypotheses.
    m_findings = new QTreeWidget(this);
    m_findings->setAccessibleName(tr("Findings"));
    m_findings->setHeaderLabels({tr("Finding"), tr("Confidence")});
    m_findings->setRootIsDecorated(true);
    connect(m_findings, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { activateFindingItem(item); });
    m_rootCause = new QLabel(this);
    m_rootCause->setTextFormat(Qt::PlainText);
    m_rootCause->setWordWrap(true);
    m_rootCause->setAccessibleName(tr("Root cause"));
    m_confidence = new QProgressBar(this);
    m_confidence->setRange(0, 100);
    m_confidence->setFormat(tr("confidence %p%"));
    m_confidence->setAccessibleName(tr("Root cause confidence"));
    m_rejected = new QListWidget(this);
    m_rejected->setAccessibleName(tr("Rejected hypotheses"));
    m_notChecked = new QLabel(this);
    m_notChecked->setTextFormat(Qt::PlainText);
    m_notChecked->setWordWrap(true);
    auto *findingsPage = new QWidget(this);
    auto *fl = new QVBoxLayout(findingsPage);
    auto *rootTitle = new QLabel(tr("Root cause"), findingsPage);
    rootTitle->setBuddy(m_rootCause);
    fl->addWidget(rootTitle);
    fl->addWidget(m_rootCause);
    fl->addWidget(m_confidence);
    fl->addWidget(new QLabel(tr("Findings (activate a link to see its evidence)"), findingsPage));
    fl->addWidget(m_findings, 2);
    fl->addWidget(new QLabel(tr("Rejected hypotheses"), findingsPage));
    fl->addWidget(m_rejected, 1);
    fl->addWidget(m_notChecked);

    m_pages = new QTabWidget(this);
    m_pages->setAccessibleName(tr("Investigation pages"));
    m_pages->insertTab(int(Page::Timeline), m_charts, tr("&Timeline"));
    m_pages->insertTab(int(Page::Evidence), evidenceSplit, tr("&Evidence"));
    m_pages->insertTab(int(Page::Findings), findingsPage, tr("&Findings"));

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"investigationSplitter"_s);
    m_splitter->addWidget(m_stepsView);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 3);
    QSettings settings;
    m_splitter->restoreState(
        settings.value(QLatin1StringView(SettingsKeys::ViewSplitter)).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        QSettings().setValue(QLatin1StringView(SettingsKeys::ViewSplitter),
                             m_splitter->saveState());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_playbook);
    layout->addWidget(m_description);
    layout->addLayout(buttons);
    layout->addWidget(m_splitter, 1);
}

void InvestigationView::setPlanned(const Investigation &skeleton)
{
    m_investigation = skeleton;
    m_steps->setSteps(skeleton.steps);
    m_evidenceList->clear();
    m_tableModel->clear();
    m_rawModel->clear();
    for (const Evidence &e : skeleton.evidence)
        addEvidence(e);
    m_investigation.evidence = skeleton.evidence;
    fillFindings();
    setRunning(true);
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
    for (int i = 0; i < m_evidenceList->count(); ++i) {
        if (m_evidenceList->item(i)->data(EvidenceIdRole).toString() == evidence.id)
            return;
    }
    auto *item = new QListWidgetItem(
        u"%1 · %2 · %3"_s.arg(evidence.id, evidence.connector, evidence.title), m_evidenceList);
    item->setData(EvidenceIdRole, evidence.id);
    item->setToolTip(evidence.source);
    if (evidence.kind == EvidenceKind::TimeSeries || evidence.kind == EvidenceKind::Events)
        scheduleCharts();
}

void InvestigationView::setFinished(const Investigation &investigation)
{
    const QString keepEvidence = currentEvidenceId();
    m_investigation = investigation;
    m_steps->setSteps(investigation.steps);
    m_evidenceList->clear();
    for (const Evidence &e : investigation.evidence)
        addEvidence(e);
    fillFindings();
    setRunning(false);
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
    m_rawView->expandToDepth(0);
}

void InvestigationView::showEvidenceDetail(const QString &evidenceId)
{
    const Evidence *e = m_investigation.evidenceById(evidenceId);
    if (!e) {
        m_tableModel->clear();
        m_rawModel->clear();
        m_evidenceSource->clear();
        return;
    }
    m_evidenceSource->setText(tr("%1 — from %2").arg(e->title, e->source));
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
            const QString labels = JsonTableModel::displayText(so.value("labels"_L1));
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
            text += item.value("title"_L1).toString() + u"  ("_s + item.value("ref"_L1).toString() +
                    u")\n\n"_s + item.value("text"_L1).toString() + u"\n\n"_s;
        }
        m_textView->setPlainText(text);
        m_evidenceStack->setCurrentIndex(StackText);
        break;
    }
    }
}

void InvestigationView::fillFindings()
{
    m_findings->clear();
    for (int i = 0; i < m_investigation.findings.size(); ++i) {
        const Finding &f = m_investigation.findings.at(i);
        auto *item =
            new QTreeWidgetItem(m_findings, {f.summary, u"%1 %"_s.arg(qRound(f.confidence * 100))});
        item->setData(0, FindingIndexRole, i);
        item->setToolTip(0, f.refs.join(u", "_s));
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
    const auto &rc = m_investigation.rootCause;
    if (rc) {
        m_rootCause->setText(tr("%1: %2").arg(rc->category, rc->summary));
        m_confidence->setValue(qRound(rc->confidence * 100));
        m_confidence->setVisible(true);
    } else {
        m_rootCause->setText(m_running ? tr("Still investigating…") : tr("No root cause found."));
        m_confidence->setVisible(false);
    }
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
    if (!id.isEmpty())
        selectEvidence(id);
}

bool InvestigationView::activateFindingLink(int finding, int link)
{
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
    const QListWidgetItem *item = m_evidenceList->currentItem();
    return item ? item->data(EvidenceIdRole).toString() : QString();
}

QString InvestigationView::rootCauseText() const
{
    return m_rootCause->text();
}

int InvestigationView::rejectedCount() const
{
    return m_rejected->count();
}

} // namespace Casefile
