#include "fixtures.h"

#include "ui/connectionwizard.h"
#include "ui/constants.h"
#include "ui/exporter.h"
#include "ui/jsontablemodel.h"
#include "ui/jsontreemodel.h"
#include "ui/metricsmodel.h"
#include "ui/savedinvestigationsmodel.h"
#include "ui/stepsmodel.h"
#include "ui/ticketfiltermodel.h"
#include "ui/ticketpreview.h"
#include "ui/ticketqueuemodel.h"
#include "ui/weblinks.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestModels : public QObject
{
    Q_OBJECT

private:
    static QList<Ticket> sampleTickets()
    {
        QList<Ticket> list;
        const auto add = [&](const QString &id, const QString &subject, const QString &status,
                             const QString &priority, const QString &org) {
            Ticket t = TestData::ticket(id);
            t.subject = subject;
            t.description.clear();
            t.status = status;
            t.priority = priority;
            t.orgId = org;
            t.orgName = org == "org_acme"_L1 ? u"Acme Robotics"_s : u"Bluefin Health"_s;
            list.append(t);
        };
        add(u"1042"_s, u"Dashboard is loading slowly"_s, u"open"_s, u"high"_s, u"org_acme"_s);
        add(u"1043"_s, u"Question about our plan limits"_s, u"new"_s, u"normal"_s,
            u"org_bluefin"_s);
        add(u"1044"_s, u"Webhooks failing since noon"_s, u"pending"_s, u"urgent"_s, u"org_acme"_s);
        add(u"1045"_s, u"Invoice tokens don't match"_s, u"solved"_s, u"low"_s, u"org_bluefin"_s);
        add(u"1046"_s, u"Claude fails but GPT-4o works"_s, u"open"_s, u""_s, u"org_acme"_s);
        return list;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ticketQueueModel()
    {
        TicketQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(TestData::utc(u"2026-11-20T12:01:00Z"_s));
        model.setTickets(sampleTickets());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(TicketQueueModel::ColumnCount));
        QCOMPARE(model.index(0, TicketQueueModel::Subject).data().toString(),
                 u"Dashboard is loading slowly"_s);
        QCOMPARE(model.index(0, TicketQueueModel::Age).data().toString(), u"2 h"_s);
        QCOMPARE(model.index(0, TicketQueueModel::Org).data().toString(), u"Acme Robotics"_s);
        QCOMPARE(model.index(0, TicketQueueModel::Playbook).data().toString(), u"latency-spike"_s);
        QCOMPARE(model.index(2, TicketQueueModel::Playbook).data().toString(),
                 u"webhook-failures"_s);
        QCOMPARE(model.index(3, TicketQueueModel::Playbook).data().toString(), u"token-billing"_s);
        QCOMPARE(model.index(4, TicketQueueModel::Playbook).data().toString(),
                 u"provider-routing"_s);
        QCOMPARE(model.index(1, TicketQueueModel::Playbook).data().toString(), QString());
        QCOMPARE(model.rowOfTicket(u"1044"_s), 2);
        model.setTickets({});
        QCOMPARE(model.rowCount(), 0);
    }

    void queueFilter_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<bool>("waitingOnUs");
        QTest::addColumn<QString>("minPriority");
        QTest::addColumn<QString>("org");
        QTest::addColumn<bool>("withPlaybook");
        QTest::addColumn<QStringList>("ids");

        QTest::newRow("everything")
            << QString() << false << QString() << QString() << false
            << QStringList{u"1042"_s, u"1043"_s, u"1044"_s, u"1045"_s, u"1046"_s};
        QTest::newRow("search one word")
            << u"dashboard"_s << false << QString() << QString() << false << QStringList{u"1042"_s};
        QTest::newRow("search is case-insensitive, all words")
            << u"ACME fails"_s << false << QString() << QString() << false
            << QStringList{u"1046"_s};
        QTest::newRow("search by ticket id")
            << u"1045"_s << false << QString() << QString() << false << QStringList{u"1045"_s};
        QTest::newRow("only waiting on us") << QString() << true << QString() << QString() << false
                                            << QStringList{u"1042"_s, u"1043"_s, u"1046"_s};
        QTest::newRow("high and above") << QString() << false << u"high"_s << QString() << false
                                        << QStringList{u"1042"_s, u"1044"_s};
        QTest::newRow("one organisation by name")
            << QString() << false << QString() << u"bluefin health"_s << false
            << QStringList{u"1043"_s, u"1045"_s};
        QTest::newRow("investigable and open") << QString() << true << QString() << QString()
                                               << true << QStringList{u"1042"_s, u"1046"_s};
        QTest::newRow("nothing matches")
            << u"zzz"_s << false << QString() << QString() << false << QStringList{};
    }

    void queueFilter()
    {
        QFETCH(QString, search);
        QFETCH(bool, waitingOnUs);
        QFETCH(QString, minPriority);
        QFETCH(QString, org);
        QFETCH(bool, withPlaybook);
        QFETCH(QStringList, ids);

        TicketQueueModel queue;
        TicketFilterModel filter;
        filter.setQueue(&queue);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        queue.setTickets(sampleTickets());
        filter.setSearchText(search);
        filter.setOnlyWaitingOnUs(waitingOnUs);
        filter.setMinimumPriority(minPriority);
        filter.setOrganisation(org);
        filter.setOnlyWithSuggestedPlaybook(withPlaybook);
        QStringList got;
        for (int r = 0; r < filter.rowCount(); ++r)
            got.append(filter.index(r, 0).data(UiRoles::IdRole).toString());
        got.sort();
        QCOMPARE(got, ids);
    }

    void queueSortsByPriorityRank()
    {
        TicketQueueModel queue;
        TicketFilterModel filter;
        filter.setQueue(&queue);
        queue.setTickets(sampleTickets());
        filter.sort(TicketQueueModel::Priority, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, 0).data(UiRoles::IdRole).toString(), u"1044"_s); // urgent
        QCOMPARE(filter.index(4, 0).data(UiRoles::IdRole).toString(), u"1046"_s); // none
    }

    void queueHandlesTenThousandTickets()
    {
        QList<Ticket> many;
        for (int i = 0; i < 10000; ++i) {
            Ticket t = TestData::ticket(QString::number(100000 + i));
            t.subject =
                i % 100 == 0 ? u"Webhooks failing %1"_s.arg(i) : u"Slow dashboard %1"_s.arg(i);
            many.append(t);
        }
        TicketQueueModel queue;
        TicketFilterModel filter;
        filter.setQueue(&queue);
        queue.setRows(TicketQueueModel::makeRows(many));
        QCOMPARE(filter.rowCount(), 10000);
        filter.setSearchText(u"webhooks"_s);
        QCOMPARE(filter.rowCount(), 100);
        filter.setSearchText(u"webhooks 9900"_s);
        QCOMPARE(filter.rowCount(), 1);
        filter.setSearchText({});
        filter.sort(TicketQueueModel::Subject);
        QCOMPARE(filter.rowCount(), 10000);
    }

    // A large queue is sorted on a worker and put in order at once: the proxy keeps the
    // queue's order, the current ticket stays current, a late result of an older sort is
    // dropped, and rows handed over already in order are not sorted again.
    void largeQueueSortsOnAWorker()
    {
        const QStringList priorities{u"low"_s, u"urgent"_s, u"normal"_s, u"high"_s, QString()};
        QList<Ticket> many;
        for (int i = 0; i < 3000; ++i) {
            // Ids out of numeric order, and 9 < 10 only as numbers.
            Ticket t = TestData::ticket(QString::number((i * 7919) % 3000 + 1));
            t.priority = priorities.at(i % priorities.size());
            t.subject = u"Subject %1"_s.arg(QChar(u'a' + i % 26));
            many.append(t);
        }
        QVERIFY(many.size() > TicketQueueModel::SyncSortRows);
        TicketQueueModel queue;
        TicketFilterModel filter;
        filter.setQueue(&queue);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        queue.setRows(TicketQueueModel::makeRows(many));
        QItemSelectionModel selection(&filter);
        selection.setCurrentIndex(filter.index(1234, 0), QItemSelectionModel::ClearAndSelect);
        const QString current = many.at(1234).id;
        const auto ids = [&filter] {
            QStringList out;
            for (int r = 0; r < filter.rowCount(); ++r)
                out.append(filter.index(r, 0).data(UiRoles::IdRole).toString());
            return out;
        };
        const auto ranks = [&filter] {
            QList<int> out;
            for (int r = 0; r < filter.rowCount(); ++r)
                out.append(TicketQueueModel::priorityRank(
                    filter.index(r, TicketQueueModel::Priority).data().toString()));
            return out;
        };

        QSignalSpy applied(&queue, &TicketQueueModel::sortApplied);
        filter.sort(TicketQueueModel::Subject);
        filter.sort(TicketQueueModel::Priority, Qt::DescendingOrder); // before the first is back
        QVERIFY(queue.isSorting());
        QVERIFY(applied.wait(20000));
        QVERIFY(!queue.isSorting());
        QCoreApplication::processEvents(); // the older sort's result, if still on its way
        QCOMPARE(applied.count(), 1);
        const QList<int> byPriority = ranks();
        QVERIFY(std::is_sorted(byPriority.crbegin(), byPriority.crend()));
        QCOMPARE(byPriority.first(), 4);
        QCOMPARE(filter.rowCount(), 3000);
        QCOMPARE(selection.currentIndex().data(UiRoles::IdRole).toString(), current);
        // Stable: equal priorities keep the helpdesk's order.
        QStringList urgent;
        for (const Ticket &t : std::as_const(many)) {
            if (t.priority == u"urgent"_s)
                urgent.append(t.id);
        }
        QCOMPARE(ids().mid(0, urgent.size()), urgent);

        // Ids as numbers.
        filter.sort(TicketQueueModel::Id);
        QVERIFY(applied.wait(20000));
        QStringList expected;
        for (int i = 1; i <= 3000; ++i)
            expected.append(QString::number(i));
        QCOMPARE(ids(), expected);
        QCOMPARE(selection.currentIndex().data(UiRoles::IdRole).toString(), current);

        // A refresh in the queue's order is shown as it comes; one in another order is sorted.
        QList<TicketQueueModel::Row> rows = TicketQueueModel::makeRows(many);
        TicketQueueModel::sortRows(rows, queue.sortKey());
        queue.setRows(rows, queue.sortKey());
        QVERIFY(!queue.isSorting());
        QCOMPARE(ids(), expected);
        queue.setRows(TicketQueueModel::makeRows(many));
        QVERIFY(queue.isSorting());
        QVERIFY(applied.wait(20000));
        QCOMPARE(ids(), expected);
    }

    void stepsModel()
    {
        StepsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Investigation inv = TestData::investigation();
        QList<StepRecord> pending = inv.steps;
        for (StepRecord &s : pending)
            s.status = StepStatus::Pending;
        model.setSteps(pending);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.finishedCount(), 0);
        QCOMPARE(model.index(0, StepsModel::Duration).data().toString(), QString());

        StepRecord running = pending.at(0);
        running.status = StepStatus::Running;
        model.updateStep(running);
        QCOMPARE(model.index(0, StepsModel::State).data().toString(), u"Running"_s);
        model.updateStep(inv.steps.at(6));
        QCOMPARE(model.index(6, StepsModel::State).data().toString(), u"Failed"_s);
        QCOMPARE(model.index(6, StepsModel::Error).data().toString(),
                 u"Linear did not answer within 5 s"_s);
        QVERIFY(model.index(6, StepsModel::State).data(Qt::DecorationRole).canConvert<QColor>());
        QCOMPARE(model.finishedCount(), 1);

        StepRecord extra;
        extra.id = u"rerun_extra"_s;
        extra.status = StepStatus::Ok;
        extra.durationMs = 2500;
        model.updateStep(extra);
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.index(7, StepsModel::Duration).data().toString(), u"2.5 s"_s);
    }

    void jsonTableModel()
    {
        JsonTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Investigation inv = TestData::investigation();
        model.setTable(inv.evidenceById(u"ev4"_s)->data);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"route"_s);
        QCOMPARE(model.index(1, 2).data().toString(), u"3750"_s);
        QCOMPARE(model.index(1, 2).data(UiRoles::SortRole).toDouble(), 3750.0);

        model.setEvents(inv.evidenceById(u"ev2"_s)->data.value("events"_L1).toArray());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 3).data().toString(), u"github:deployment:447"_s);

        model.setData({u"a"_s}, QJsonArray{QJsonArray{QJsonArray{1, 2}}, QJsonArray{}});
        QCOMPARE(model.index(0, 0).data().toString(), u"[1,2]"_s);
        QCOMPARE(model.index(1, 0).data().toString(), QString()); // short row
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void jsonTreeModel()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QJsonObject doc =
            QJsonDocument::fromJson(R"({"a": 1, "b": [true, null, {"c": "x"}], "d": {}})"_ba)
                .object();
        model.setJson(doc);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex b = model.index(1, 0);
        QCOMPARE(b.data().toString(), u"b"_s);
        QCOMPARE(model.rowCount(b), 3);
        const QModelIndex inner = model.index(2, 0, b);
        QCOMPARE(model.index(0, JsonTreeModel::Value, inner).data().toString(), u"x"_s);
        QCOMPARE(model.parent(inner), b);
        QCOMPARE(model.index(0, JsonTreeModel::Type, b).data().toString(), u"bool"_s);
        model.setJson(QJsonValue(u"scalar"_s));
        QCOMPARE(model.rowCount(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void metricsModel()
    {
        MetricsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        PlaybookMetrics overall;
        overall.investigated = 10;
        overall.confirmed = 3;
        overall.judged = 4;
        overall.medianSecondsToDiagnosis = 2.5;
        PlaybookMetrics latency = overall;
        latency.playbook = u"latency-spike"_s;
        latency.judged = 0;
        model.setRows({overall, latency});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, MetricsModel::Playbook).data().toString(), u"All playbooks"_s);
        QCOMPARE(model.index(0, MetricsModel::ConfirmedShare).data().toString(), u"75 % of 4"_s);
        QCOMPARE(model.index(1, MetricsModel::ConfirmedShare).data(UiRoles::SortRole).toDouble(),
                 0.0);
        QCOMPARE(model.index(0, MetricsModel::SecondsToDiagnosis).data().toString(), u"2.5 s"_s);
    }

    void savedInvestigationsModel()
    {
        SavedInvestigationsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SavedInvestigationSummary s = summarize(u"inv-1"_s, TestData::investigation(),
                                                      TestData::utc(u"2026-11-20T10:06:00Z"_s));
        model.setSummaries({s, s});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, SavedInvestigationsModel::Category).data().toString(),
                 u"deploy_regression"_s);
        QCOMPARE(model.index(0, SavedInvestigationsModel::Confidence).data().toString(), u"85 %"_s);
        QCOMPARE(model.index(0, SavedInvestigationsModel::Saved).data().toString(),
                 u"2026-11-20 10:06 UTC"_s);
        QCOMPARE(model.summaryAt(1).id, u"inv-1"_s);
    }

    void humanDurations_data();
    void humanDurations();
    void exportNameAndExtension_data();
    void exportNameAndExtension();
    void tableRowsBehindAClaimAndCopies();
    void openInLinksFromTheVendorsFields();
    void queuePreviewIsPlainText();
    void wizardBuildsTheProfileWithoutSecrets();
};

void TestModels::humanDurations_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << 4.25 << u"4.3 s"_s;
    QTest::newRow("minutes") << 200.0 << u"3 min 20 s"_s;
    QTest::newRow("hours") << 7500.0 << u"2 h 5 min"_s;
    QTest::newRow("days, not 1116323 s") << 1116323.0 << u"12 d 22 h"_s;
}

void TestModels::humanDurations()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(humanDuration(seconds), text);
}

void TestModels::exportNameAndExtension_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("path");
    QTest::newRow("no extension, Markdown")
        << u"/tmp/report"_s << u"Markdown (*.md)"_s << u"/tmp/report.md"_s;
    QTest::newRow("no extension, PDF")
        << u"/tmp/report"_s << u"PDF (*.pdf)"_s << u"/tmp/report.pdf"_s;
    QTest::newRow("known extension kept")
        << u"/tmp/r.json"_s << u"PDF (*.pdf)"_s << u"/tmp/r.json"_s;
    QTest::newRow("cancelled") << QString() << u"PDF (*.pdf)"_s << QString();
}

void TestModels::exportNameAndExtension()
{
    QFETCH(QString, typed);
    QFETCH(QString, filter);
    QFETCH(QString, path);
    QCOMPARE(withExportExtension(typed, filter), path);
    Investigation inv;
    inv.ticket.id = u"1042"_s;
    inv.startedAt = TestData::utc(u"2026-11-20T10:05:01Z"_s);
    QCOMPARE(suggestedExportName(inv), u"casefile-ticket-1042-2026-11-20.md"_s);
}

void TestModels::tableRowsBehindAClaimAndCopies()
{
    JsonTableModel model;
    QAbstractItemModelTester tester(&model);
    model.setEvents(QJsonArray{QJsonObject{{u"time"_s, u"2026-11-20T08:40:11Z"_s},
                                           {u"type"_s, u"deploy"_s},
                                           {u"ref"_s, u"github:deployment:446"_s},
                                           {u"title"_s, u"docs, typo"_s}},
                               QJsonObject{{u"time"_s, u"2026-11-20T09:12:03Z"_s},
                                           {u"type"_s, u"deploy"_s},
                                           {u"ref"_s, u"github:deployment:447"_s},
                                           {u"title"_s, u"<b>rewrite</b>"_s}}});
    model.setHighlightedRefs({u"github:deployment:447"_s});
    QCOMPARE(model.highlightedRows(), QList<int>{1});
    QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    // Tooltips render rich text: vendor text is escaped.
    QCOMPARE(model.index(1, 4).data(Qt::ToolTipRole).toString(),
             u"<p>&lt;b&gt;rewrite&lt;/b&gt;</p>"_s);
    const QString csv = model.toCsv();
    QVERIFY(csv.startsWith(u"time,end,type,ref,title\r\n"_s));
    QVERIFY(csv.contains(u"\"docs, typo\""_s));
    QCOMPARE(model.toJson().at(1).toObject().value(u"ref"_s).toString(),
             u"github:deployment:447"_s);
}

void TestModels::openInLinksFromTheVendorsFields()
{
    Evidence issues;
    issues.connector = u"linear"_s;
    issues.data = QJsonObject{
        {u"items"_s,
         QJsonArray{QJsonObject{{u"title"_s, u"Analytics slow"_s},
                                {u"url"_s, u"https://linear.app/acme/issue/ENG-1"_s}},
                    QJsonObject{{u"title"_s, u"bad"_s}, {u"url"_s, u"javascript:alert(1)"_s}}}}};
    const QList<WebLink> links = evidenceLinks(issues);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().url, QUrl(u"https://linear.app/acme/issue/ENG-1"_s));
    QCOMPARE(links.first().label, u"Open in Linear: Analytics slow"_s);

    Evidence deploys;
    deploys.connector = u"github"_s;
    deploys.data =
        QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"ref"_s, u"github:deployment:447"_s},
                                                         {u"repo"_s, u"relay-ai/gateway"_s},
                                                         {u"sha"_s, u"41aa0d3"_s}}}}};
    QCOMPARE(evidenceLinks(deploys).first().url,
             QUrl(u"https://github.com/relay-ai/gateway/commit/41aa0d3"_s));

    WorkspaceProfile profile;
    ConnectionSettings helpdesk;
    helpdesk.type = u"zendesk"_s;
    helpdesk.url = u"https://acme.zendesk.com/"_s;
    profile.connections.insert(u"helpdesk"_s, helpdesk);
    QCOMPARE(helpdeskTicketUrl(profile, u"1042"_s),
             QUrl(u"https://acme.zendesk.com/agent/tickets/1042"_s));
}

void TestModels::queuePreviewIsPlainText()
{
    Ticket t = TestData::ticket();
    t.description = u"<img src=x onerror=alert(1)> it is slow"_s;
    TicketPreview preview;
    preview.setTicket(t, TestData::utc(u"2026-11-20T10:05:00Z"_s));
    QCOMPARE(preview.bodyText(), t.description);
    for (QLabel *label : preview.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    // the suggestion from the text, and beside it the playbook the investigation ran when the
    // organisation's logs led elsewhere
    const QString suggested = TicketQueueModel::suggestPlaybook(t);
    QVERIFY(!suggested.isEmpty());
    QVERIFY2(preview.headerText().contains(u"suggested playbook: "_s + suggested),
             qPrintable(preview.headerText()));
    QVERIFY(!preview.headerText().contains(u"investigated as"_s));
    preview.setTicket(t, TestData::utc(u"2026-11-20T10:05:00Z"_s), suggested);
    QVERIFY(!preview.headerText().contains(u"investigated as"_s));
    preview.setTicket(t, TestData::utc(u"2026-11-20T10:05:00Z"_s), u"api-errors-x"_s);
    QVERIFY2(preview.headerText().contains(u"(investigated as api-errors-x)"_s),
             qPrintable(preview.headerText()));
    TicketQueueModel queue;
    queue.setTickets({t});
    QCOMPARE(queue.headerData(TicketQueueModel::Id, Qt::Horizontal).toString(), u"ID"_s);
    QCOMPARE(int(TicketQueueModel::Id), 0);
    QCOMPARE(int(TicketQueueModel::Subject), 1);
    QVERIFY(queue.index(0, TicketQueueModel::Subject)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"&lt;img"_s));
}

void TestModels::wizardBuildsTheProfileWithoutSecrets()
{
    ConnectionWizard wizard;
    wizard.setWorkspace(u"acme"_s, u"/tmp/acme.json"_s);
    wizard.setSystemChosen(u"github"_s, true);
    wizard.setValue(u"github"_s, u"url"_s, u"https://api.github.com"_s);
    wizard.setValue(u"github"_s, u"repo"_s, u"relay-ai/gateway"_s);
    wizard.setValue(u"github"_s, u"secret"_s, u"ghp_secret"_s);
    wizard.setValue(u"clickhouse"_s, u"database"_s, u"logs"_s);
    wizard.setSystemChosen(u"stripe"_s, true);
    wizard.setValue(u"stripe"_s, u"url"_s, u"https://api.stripe.com"_s);
    wizard.setValue(u"stripe"_s, u"customer_metadata_key"_s, u"workspace_id"_s);
    wizard.setMapping(u"latency_ms"_s, u"duration_ms"_s);
    QVERIFY(wizard.previewQuery().contains(u"duration_ms AS latency_ms"_s));
    QVERIFY(wizard.previewQuery().contains(u"FROM logs.gateway_requests"_s));
    const WorkspaceProfile p = wizard.profile();
    QCOMPARE(p.connections.value(u"github"_s).options.value(u"repo"_s).toString(),
             u"relay-ai/gateway"_s);
    QCOMPARE(p.connections.value(u"clickhouse"_s)
                 .options.value(u"mapping"_s)
                 .toObject()
                 .value(u"latency_ms"_s)
                 .toString(),
             u"duration_ms"_s);
    // the Stripe customer's org id under the account's own metadata key
    QCOMPARE(p.connections.value(u"stripe"_s).options.value(u"customer_metadata_key"_s).toString(),
             u"workspace_id"_s);
    QCOMPARE(wizard.secrets().value(u"github"_s), u"ghp_secret"_s);
    const QByteArray json = QJsonDocument(profileToJson(p)).toJson();
    QVERIFY(!json.contains("ghp_secret"));
    QCOMPARE(p.connections.value(u"github"_s).secret.where, SecretRef::Where::Keychain);
    QCOMPARE(supportedSystems().size(), 11);
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
