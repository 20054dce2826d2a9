#include "fixtures.h"

#include "ui/investigationview.h"
#include "ui/needshumanbanner.h"
#include "ui/stepsmodel.h"
#include "ui/timelinecharts.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestInvestigationView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsAFullInvestigation()
    {
        InvestigationView view;
        QAbstractItemModelTester tester(view.stepsModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 800);
        view.show();
        QSignalSpy charts(view.charts(), &TimelineCharts::dataApplied);
        view.setInvestigation(TestData::investigation());
        QVERIFY(charts.wait(5000));

        QCOMPARE(view.stepsModel()->rowCount(), 7);
        QCOMPARE(view.stepsModel()->index(6, StepsModel::Error).data().toString(),
                 u"Linear did not answer within 5 s"_s);
        QCOMPARE(view.progressBar()->value(), 7);
        QCOMPARE(view.evidenceList()->count(), 6);
        QCOMPARE(view.findingsTree()->topLevelItemCount(), 2);
        QCOMPARE(view.findingsTree()->topLevelItem(1)->childCount(), 2);
        QVERIFY(view.rootCauseText().startsWith(u"deploy_regression: Deploy #447"_s));
        QCOMPARE(view.rejectedCount(), 1);
        QCOMPARE(view.charts()->dataSeriesCount(), 4);
        QCOMPARE(view.charts()->rangeFrom(), TestData::utc(u"2026-11-20T08:00:00Z"_s));
        QCOMPARE(view.charts()->rangeTo(), TestData::utc(u"2026-11-20T10:05:00Z"_s));
        QVERIFY(!view.isRunning());

        // The customer's words are shown as plain text, markup and all.
        QPlainTextEdit *description = nullptr;
        for (QPlainTextEdit *edit : view.findChildren<QPlainTextEdit *>()) {
            if (edit->accessibleName() == "Ticket description"_L1)
                description = edit;
        }
        QVERIFY(description);
        QCOMPARE(description->toPlainText(), TestData::ticket().description);
    }

    // Below the confidence a conclusion stands on, the view says so above everything else,
    // with what is missing; otherwise it says nothing.
    void needsHumanBannerNamesWhatIsMissing_data()
    {
        QTest::addColumn<bool>("needsHuman");
        QTest::addColumn<QStringList>("missing");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("confident: no banner") << false << QStringList() << QStringList();
        QTest::newRow("the analysis's list")
            << true
            << QStringList{u"Error breakdown (timed out)"_s, u"Provider incidents (no data)"_s}
            << QStringList{u"• Error breakdown (timed out)"_s, u"• Provider incidents (no data)"_s};
        // no list given: the steps that did not answer, with their errors
        QTest::newRow("from the steps")
            << true << QStringList()
            << QStringList{u"• Known bugs: failed (Linear did not answer within 5 s)"_s};
        QTest::newRow("six missing: four and the count")
            << true << QStringList{u"A (failed)"_s,  u"B (failed)"_s,  u"C (timed out)"_s,
                                   u"D (skipped)"_s, u"E (no data)"_s, u"F (no data)"_s}
            << QStringList{u"• A (failed)"_s, u"• B (failed)"_s, u"• C (timed out)"_s,
                           u"• D (skipped)"_s, u"• and 2 more (point here for all)"_s};
        QTest::newRow("markup stays text") << true << QStringList{u"<b>Deploys</b> (skipped)"_s}
                                           << QStringList{u"• <b>Deploys</b> (skipped)"_s};
    }
    void needsHumanBannerNamesWhatIsMissing()
    {
        QFETCH(bool, needsHuman);
        QFETCH(QStringList, missing);
        QFETCH(QStringList, shown);
        InvestigationView view;
        view.resize(1200, 800);
        view.show();
        Investigation inv = TestData::investigation();
        inv.needsHuman = needsHuman;
        inv.missing = missing;
        inv.rootCause->confidence = needsHuman ? 0.32 : 0.85;
        view.setInvestigation(inv);
        NeedsHumanBanner *banner = view.needsHumanBanner();
        QVERIFY(banner);
        QCOMPARE(banner->isVisible(), needsHuman);
        const QStringList lines = banner->text().split(u'\n');
        if (!needsHuman) {
            QVERIFY(banner->text().isEmpty());
            return;
        }
        QVERIFY2(lines.first().contains(u"Needs a human"_s), qPrintable(banner->text()));
        QVERIFY(lines.first().contains(u"32%"_s));
        QVERIFY(lines.contains(u"Missing:"_s));
        for (const QString &line : shown)
            QVERIFY2(lines.contains(line), qPrintable(banner->text()));
        qsizetype bullets = 0;
        for (const QString &line : lines)
            bullets += line.startsWith(u"• "_s) ? 1 : 0;
        QCOMPARE(bullets, shown.size());
        for (QLabel *label : banner->findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);
        // all of them in the tooltip, escaped
        for (const QString &m : std::as_const(missing))
            QVERIFY2(banner->toolTip().contains(m.toHtmlEscaped()), qPrintable(banner->toolTip()));
        // one line until the engineer asks for the details
        QVERIFY(!banner->summary().contains(u'\n'));
        QVERIFY(banner->summary().contains(u"32%"_s));
        QVERIFY(!banner->detailsShown());
        auto *toggle = banner->findChild<QToolButton *>(u"needsHumanDetailsToggle"_s);
        QVERIFY(toggle && toggle->isVisible());
        const int collapsed = banner->sizeHint().height();
        QVERIFY2(collapsed < 3 * banner->fontMetrics().height(),
                 qPrintable(QString::number(collapsed)));
        toggle->click();
        QVERIFY(banner->detailsShown());
        QVERIFY(banner->sizeHint().height() > collapsed);
        toggle->click();
        QVERIFY(!banner->detailsShown());
        // A confident re-run of the same ticket takes the banner away.
        inv.needsHuman = false;
        inv.missing.clear();
        view.setInvestigation(inv);
        QVERIFY(!banner->isVisible());
    }

    // Opening an investigation builds the page in view only: the evidence and findings pages
    // are built the first time they are shown, with the same content, and follow later runs.
    void hiddenPagesAreBuiltWhenFirstShown()
    {
        InvestigationView view;
        view.resize(1200, 800);
        view.show();
        const Investigation inv = TestData::investigation();
        view.setInvestigation(inv);
        const auto named = [&view](const QString &name) -> QWidget * {
            for (QWidget *w : view.findChildren<QWidget *>()) {
                if (w->accessibleName() == name)
                    return w;
            }
            return nullptr;
        };
        QCOMPARE(view.currentPage(), InvestigationView::Page::Timeline);
        QVERIFY(!named(u"Evidence list"_s));
        QVERIFY(!named(u"Findings"_s));
        // What the hidden pages would say is known without them.
        QVERIFY(view.rootCauseText().startsWith(u"deploy_regression: Deploy #447"_s));
        QCOMPARE(view.rejectedCount(), 1);
        QCOMPARE(view.currentEvidenceId(), QString());
        QCOMPARE(view.evidenceQuery(), QString());
        QCOMPARE(view.evidenceCsv(), QString());

        view.showPage(InvestigationView::Page::Findings);
        auto *findings = qobject_cast<QTreeWidget *>(named(u"Findings"_s));
        QVERIFY(findings);
        QVERIFY(findings->isVisible());
        QCOMPARE(findings->topLevelItemCount(), 2);
        auto *rootCause = qobject_cast<QLabel *>(named(u"Root cause"_s));
        QVERIFY(rootCause);
        QCOMPARE(rootCause->text(), view.rootCauseText());
        QVERIFY(!named(u"Evidence list"_s));

        view.showPage(InvestigationView::Page::Evidence);
        auto *list = qobject_cast<QListWidget *>(named(u"Evidence list"_s));
        QVERIFY(list);
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), int(inv.evidence.size()));

        // Built pages follow the next run's result.
        Investigation next = inv;
        next.evidence.removeLast();
        next.findings.removeLast();
        next.rootCause.reset();
        view.setFinished(next);
        QCOMPARE(list->count(), int(next.evidence.size()));
        QCOMPARE(findings->topLevelItemCount(), 1);
        QCOMPARE(rootCause->text(), view.rootCauseText());
        QVERIFY(!view.rootCauseText().startsWith(u"deploy_regression"_s));
    }

    void findingLinkSelectsItsEvidence()
    {
        InvestigationView view;
        view.show();
        view.setInvestigation(TestData::investigation());
        view.showPage(InvestigationView::Page::Findings);
        QSignalSpy selected(&view, &InvestigationView::evidenceSelected);

        QVERIFY(view.activateFindingLink(1, 0));
        QCOMPARE(view.currentEvidenceId(), u"ev2"_s);
        QCOMPARE(view.currentPage(), InvestigationView::Page::Evidence);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().toString(), u"ev2"_s);

        view.showPage(InvestigationView::Page::Findings);
        QVERIFY(view.activateFindingLink(0, 0));
        QCOMPARE(view.currentEvidenceId(), u"ev1"_s);
        QCOMPARE(view.currentPage(), InvestigationView::Page::Evidence);
        QVERIFY(!view.activateFindingLink(5, 0));
    }

    void everyEvidenceKindHasAPanel()
    {
        InvestigationView view;
        view.show();
        const Investigation inv = TestData::investigation();
        view.setInvestigation(inv);
        for (const Evidence &e : inv.evidence) {
            QVERIFY(view.selectEvidence(e.id));
            QCOMPARE(view.currentEvidenceId(), e.id);
        }
        QVERIFY(!view.selectEvidence(u"ev404"_s));
    }

    void followsALiveRun()
    {
        InvestigationView view;
        view.show();
        const Investigation full = TestData::investigation();
        Investigation skeleton = full;
        skeleton.evidence.clear();
        skeleton.findings.clear();
        skeleton.rootCause.reset();
        skeleton.rejected.clear();
        for (StepRecord &s : skeleton.steps) {
            s.status = StepStatus::Pending;
            s.evidenceIds.clear();
        }
        QSignalSpy cancel(&view, &InvestigationView::cancelRequested);
        view.setPlanned(skeleton);
        QVERIFY(view.isRunning());
        QCOMPARE(view.progressBar()->value(), 0);
        auto *cancelButton = view.findChild<QPushButton *>();
        QVERIFY(cancelButton);

        StepRecord running = skeleton.steps.first();
        running.status = StepStatus::Running;
        view.updateStep(running);
        QCOMPARE(view.stepsModel()->index(0, StepsModel::State).data().toString(), u"Running"_s);
        view.updateStep(full.steps.first());
        view.addEvidence(full.evidence.first());
        QCOMPARE(view.progressBar()->value(), 1);
        QCOMPARE(view.evidenceList()->count(), 1);

        QSignalSpy charts(view.charts(), &TimelineCharts::dataApplied);
        QVERIFY(charts.wait(5000)); // the live charts refresh, debounced
        QCOMPARE(view.charts()->dataSeriesCount(), 4);

        emit view.cancelRequested();
        QCOMPARE(cancel.count(), 1);
        view.setFinished(full);
        QVERIFY(!view.isRunning());
        QCOMPARE(view.evidenceList()->count(), 6);
        QCOMPARE(view.progressBar()->value(), 7);
    }
};

QTEST_MAIN(TestInvestigationView)
#include "tst_investigationview.moc"
