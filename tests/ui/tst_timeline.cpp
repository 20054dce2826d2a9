#include "fixtures.h"

#include "ui/timelinecharts.h"
#include "ui/timelinedata.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QJsonArray>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestTimeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void chartTimeRoundTrips_data()
    {
        QTest::addColumn<QByteArray>("machine");
        QTest::addColumn<QByteArray>("shown");
        QTest::addColumn<QDateTime>("time");
        const auto at = [](const char *iso) {
            return TestData::utc(QString::fromLatin1(iso));
        };
        QTest::newRow("UTC machine, UTC") << "UTC"_ba
                                          << "UTC"_ba << at("2026-11-20T09:14:00Z");
        QTest::newRow("Berlin machine, winter, UTC") << "Europe/Berlin"_ba
                                                     << "UTC"_ba << at("2026-11-20T09:14:00Z");
        QTest::newRow("Berlin machine, summer, UTC") << "Europe/Berlin"_ba
                                                     << "UTC"_ba << at("2026-07-01T23:30:00Z");
        // The day clocks go forward, well after the change and just before it.
        QTest::newRow("New York machine, spring forward, UTC")
            << "America/New_York"_ba
            << "UTC"_ba << at("2026-03-08T12:00:00Z");
        QTest::newRow("New York machine, before the change, UTC")
            << "America/New_York"_ba
            << "UTC"_ba << at("2026-03-08T05:00:00Z");
        QTest::newRow("New York machine, fall back, UTC") << "America/New_York"_ba
                                                          << "UTC"_ba << at("2026-11-01T12:00:00Z");
        QTest::newRow("Kolkata machine (+05:30), UTC") << "Asia/Kolkata"_ba
                                                       << "UTC"_ba << at("2026-11-20T00:10:00Z");
        QTest::newRow("Chatham machine (+13:45), UTC") << "Pacific/Chatham"_ba
                                                       << "UTC"_ba << at("2026-11-20T18:59:00Z");
        // The customer's zone on the axis, whatever the machine's.
        QTest::newRow("UTC machine, Berlin customer")
            << "UTC"_ba
            << "Europe/Berlin"_ba << at("2026-11-20T09:14:00Z");
        QTest::newRow("UTC machine, Berlin customer in summer")
            << "UTC"_ba
            << "Europe/Berlin"_ba << at("2026-07-01T23:30:00Z");
        QTest::newRow("UTC machine, Sao Paulo customer")
            << "UTC"_ba
            << "America/Sao_Paulo"_ba << at("2026-11-20T02:30:00Z");
        QTest::newRow("UTC machine, Kolkata customer (+05:30)")
            << "UTC"_ba
            << "Asia/Kolkata"_ba << at("2026-11-20T20:10:00Z");
        QTest::newRow("UTC machine, offset customer (UTC-03:00)")
            << "UTC"_ba
            << "UTC-03:00"_ba << at("2026-11-20T01:00:00Z");
        QTest::newRow("Berlin machine, Tokyo customer")
            << "Europe/Berlin"_ba
            << "Asia/Tokyo"_ba << at("2026-11-20T16:45:00Z");
        QTest::newRow("New York machine, Berlin customer, US clocks just went back")
            << "America/New_York"_ba
            << "Europe/Berlin"_ba << at("2026-11-01T12:00:00Z");
        QTest::newRow("Los Angeles machine, Sydney customer in their summer")
            << "America/Los_Angeles"_ba
            << "Australia/Sydney"_ba << at("2026-01-15T22:05:00Z");
        QTest::newRow("Chatham machine, Kolkata customer")
            << "Pacific/Chatham"_ba
            << "Asia/Kolkata"_ba << at("2026-11-20T18:59:00Z");
        QTest::newRow("Kolkata machine, local time shown")
            << "Asia/Kolkata"_ba
            << "Asia/Kolkata"_ba << at("2026-11-20T18:59:00Z");
    }

    // The axis formats chart time as the machine's local time: whatever that zone, it must read
    // as the wall clock of the zone shown, and chart time must convert back to the same instant.
    void chartTimeRoundTrips()
    {
        QFETCH(QByteArray, machine);
        QFETCH(QByteArray, shown);
        QFETCH(QDateTime, time);
        const QTimeZone zone(shown);
        if (!QTimeZone(machine).isValid() || !zone.isValid())
            QSKIP("this machine has no data for the zone");
        const QByteArray saved = qgetenv("TZ");
        const bool hadZone = qEnvironmentVariableIsSet("TZ");
        qputenv("TZ", machine);
        // Each thread reads the system zone once: ask a thread started in this zone.
        double x = 0;
        QDateTime back;
        QString label;
        std::thread([&] {
            x = chartTimeX(time, zone);
            back = fromChartTimeX(x, zone);
            label = QDateTime::fromMSecsSinceEpoch(qint64(x)).toString(u"yyyy-MM-dd HH:mm"_s);
        }).join();
        if (hadZone)
            qputenv("TZ", saved);
        else
            qunsetenv("TZ");
        QCOMPARE(back, time);
        QCOMPARE(label, time.toTimeZone(zone).toString(u"yyyy-MM-dd HH:mm"_s));
    }

    void namesZones_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("formatted");
        const QDateTime winter = TestData::utc(u"2026-11-20T09:14:00Z"_s);
        const QDateTime summer = TestData::utc(u"2026-07-01T09:14:00Z"_s);
        QTest::newRow("UTC") << "UTC"_ba << winter << u"UTC"_s << u"09:14 UTC"_s;
        QTest::newRow("Berlin, winter")
            << "Europe/Berlin"_ba << winter << u"Europe/Berlin (UTC+01:00)"_s << u"10:14 CET"_s;
        QTest::newRow("Berlin, summer")
            << "Europe/Berlin"_ba << summer << u"Europe/Berlin (UTC+02:00)"_s << u"11:14 CEST"_s;
        QTest::newRow("Los Angeles") << "America/Los_Angeles"_ba << winter
                                     << u"America/Los_Angeles (UTC-08:00)"_s << u"01:14 PST"_s;
        QTest::newRow("an offset")
            << "UTC+02:00"_ba << winter << u"UTC+02:00"_s << u"11:14 UTC+02:00"_s;
        // Zones without letters of their own are named by their offset.
        QTest::newRow("Sao Paulo") << "America/Sao_Paulo"_ba << winter
                                   << u"America/Sao_Paulo (UTC-03:00)"_s << u"06:14 UTC-03:00"_s;
    }

    void namesZones()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QDateTime, at);
        QFETCH(QString, name);
        QFETCH(QString, formatted);
        const QTimeZone z(zone);
        if (!z.isValid())
            QSKIP("this machine has no data for the zone");
        QCOMPARE(zoneName(z, at), name);
        QCOMPARE(formatInZone(at, z, u"HH:mm"), formatted);
    }

    void buildsSeriesMarkersAndChangePoint()
    {
        const TimelineData data = buildTimelineData(TestData::investigation());
        QCOMPARE(data.primary.series.size(), 3);
        QCOMPARE(data.primary.series.at(1).name, u"p95 route=/v1/analytics"_s);
        QCOMPARE(data.primary.series.at(1).points.size(), 125);
        QCOMPARE(data.secondary.series.size(), 1);
        QCOMPARE(data.primary.evidenceId, u"ev1"_s);
        QCOMPARE(data.markers.size(), 3); // two deploys and one incident band
        int deploys = 0;
        int bands = 0;
        for (const TimelineMarker &m : data.markers) {
            if (m.kind == TimelineMarker::Kind::Deploy)
                ++deploys;
            if (m.to.isValid())
                ++bands;
        }
        QCOMPARE(deploys, 2);
        QCOMPARE(bands, 1);
        QCOMPARE(data.changePoint, TestData::utc(u"2026-11-20T09:14:00Z"_s));
        QCOMPARE(data.from, TestData::utc(u"2026-11-20T08:00:00Z"_s));
        // 1 error in 6 requests after the change: 16.7 %.
        QCOMPARE(qRound(data.secondary.series.first().points.last().y() * 10), 167);
    }

    void comparisonSeriesIsShiftedIntoTheWindow()
    {
        const TimelineData data = buildTimelineData(TestData::investigation(true));
        QCOMPARE(data.primary.series.size(), 4);
        const TimelineSeries &cmp = data.primary.series.last();
        QVERIFY(cmp.comparison);
        QCOMPARE(cmp.name, u"p95 (a day earlier)"_s);
        QCOMPARE(fromTimeX(cmp.points.first().x()), TestData::utc(u"2026-11-20T08:00:00Z"_s));
    }

    void prefersTheSeriesThatShifted()
    {
        Investigation inv = TestData::investigation();
        Evidence flat = inv.evidence.first();
        flat.id = u"ev0"_s;
        QJsonArray points;
        for (int i = 0; i < 125; ++i)
            points.append(
                QJsonArray{TestData::iso(inv.window.from.addSecs(60 * i)), 30, 0, 800, 2100, 2600});
        flat.data.insert(u"series"_s, QJsonArray{QJsonObject{
                                          {u"labels"_s, QJsonObject{{u"provider"_s, u"openai"_s}}},
                                          {u"points"_s, points}}});
        inv.evidence.prepend(flat);
        const TimelineData data = buildTimelineData(inv);
        QCOMPARE(data.primary.evidenceId, u"ev1"_s);
        QCOMPARE(data.primary.series.at(1).name, u"p95 route=/v1/analytics"_s);
        QCOMPARE(data.changePoint, TestData::utc(u"2026-11-20T09:14:00Z"_s));
    }

    // The change the diagnosis is timed on (the engine's evidence of it) is marked, not the turn
    // the chart's own series seems to take: the two may be minutes apart on a mixed route.
    void marksTheChangeTheDiagnosisGives()
    {
        Investigation inv = TestData::investigation();
        Evidence point;
        point.id = u"ev9"_s;
        point.kind = EvidenceKind::Text;
        point.connector = u"analysis"_s;
        point.title = u"Change point: p95 config pc-a"_s;
        point.data.insert(u"change_point"_s, QJsonObject{{u"time"_s, u"2026-11-20T09:12:00Z"_s}});
        inv.evidence.append(point);
        const TimelineData data = buildTimelineData(inv);
        QCOMPARE(data.changePoint, TestData::utc(u"2026-11-20T09:12:00Z"_s));
        QCOMPARE(data.changePointLabel, point.title);
    }

    void noChangePointInAFlatSeries()
    {
        Investigation inv = TestData::investigation();
        inv.evidence.first().data.insert(
            u"series"_s,
            QJsonArray{QJsonObject{
                {u"labels"_s, QJsonObject{}},
                {u"points"_s, TestData::latencyPoints(inv.window.from, 60, inv.window.to)}}});
        const TimelineData data = buildTimelineData(inv);
        QVERIFY(!data.changePoint.isValid());
        QCOMPARE(data.primary.series.first().name, u"p50"_s);
    }

    // Hidden charts (another tab or page) keep the newest data and apply it when shown.
    void hiddenChartsApplyWhenShown()
    {
        TimelineCharts charts;
        charts.resize(900, 500);
        QSignalSpy applied(&charts, &TimelineCharts::dataApplied);
        charts.setInvestigation(TestData::investigation());
        QTRY_VERIFY(charts.hasPendingData());
        QCOMPARE(applied.count(), 0);
        QCOMPARE(charts.dataSeriesCount(), 0);
        QVERIFY(!charts.data().primary.series.isEmpty()); // built, not yet drawn
        charts.show(); // applied a piece per turn of the event loop
        QVERIFY(!charts.hasPendingData());
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(charts.dataSeriesCount(), 4);
        charts.hide();
        charts.show(); // nothing new: not applied again
        QTest::qWait(50);
        QCOMPARE(applied.count(), 1);
    }

    // The charts are built with the first data that has a series: an investigation that is
    // starting (or whose steps return none) shows the note and builds no chart.
    void chartsAreBuiltWithTheFirstSeries()
    {
        TimelineCharts charts;
        charts.resize(900, 500);
        charts.show();
        QVERIFY(!charts.primaryChart());
        QCOMPARE(charts.rangeFrom(), QDateTime());
        charts.setTimeRange(TestData::utc(u"2026-11-20T08:00:00Z"_s),
                            TestData::utc(u"2026-11-20T09:00:00Z"_s)); // nothing to range yet
        charts.resetZoom();
        QSignalSpy applied(&charts, &TimelineCharts::dataApplied);
        Investigation starting = TestData::investigation();
        starting.evidence.clear();
        charts.setInvestigation(starting);
        QVERIFY(applied.wait(5000));
        QVERIFY(!charts.primaryChart());
        QVERIFY(!charts.secondaryChart());
        QCOMPARE(charts.dataSeriesCount(), 0);
        QCOMPARE(charts.axisTitle(), QString());

        charts.setInvestigation(TestData::investigation());
        QVERIFY(applied.wait(5000));
        QVERIFY(charts.primaryChart());
        QCOMPARE(charts.dataSeriesCount(), 4);
        QVERIFY(charts.rangeFrom().isValid());

        // Built once: later data, with or without series, reuses them.
        QChart *built = charts.primaryChart();
        charts.setInvestigation(starting);
        QVERIFY(applied.wait(5000));
        QCOMPARE(charts.primaryChart(), built);
        QCOMPARE(charts.dataSeriesCount(), 0);
    }

    void opensOnTheChangeWithLabelledMarkers();
    void axisInTheCustomersZone_data();
    void axisInTheCustomersZone();
    void billingChartsLoggedAgainstMetered();

    void chartsShowSeriesOnOneTimeRange()
    {
        TimelineCharts charts;
        charts.resize(900, 500);
        charts.show();
        QSignalSpy applied(&charts, &TimelineCharts::dataApplied);
        charts.setInvestigation(TestData::investigation(true)); // built on a worker
        QVERIFY(applied.wait(5000));
        QCOMPARE(charts.dataSeriesCount(), 5);       // p50 p95 p99 comparison + error rate
        QCOMPARE(charts.markerSeriesCount(), 2 * 4); // 3 markers + change point, on both charts
        QCOMPARE(charts.rangeFrom(), TestData::utc(u"2026-11-20T08:00:00Z"_s));
        QCOMPARE(charts.rangeTo(), TestData::utc(u"2026-11-20T10:05:00Z"_s));

        auto *latencyX =
            qobject_cast<QDateTimeAxis *>(charts.primaryChart()->axes(Qt::Horizontal).constFirst());
        auto *errorX = qobject_cast<QDateTimeAxis *>(
            charts.secondaryChart()->axes(Qt::Horizontal).constFirst());
        QVERIFY(latencyX && errorX);
        QCOMPARE(errorX->min(), latencyX->min());

        charts.zoom(2.0);
        QVERIFY(charts.rangeTo().toMSecsSinceEpoch() - charts.rangeFrom().toMSecsSinceEpoch() <
                125LL * 60 * 1000);
        QCOMPARE(errorX->min(), latencyX->min());
        QCOMPARE(errorX->max(), latencyX->max());

        // Zooming the error chart by itself (rubber band, wheel) moves the latency chart too.
        charts.secondaryChart()->zoomIn();
        QCOMPARE(latencyX->min(), errorX->min());
        QCOMPARE(latencyX->max(), errorX->max());

        charts.resetZoom();
        QCOMPARE(charts.rangeFrom(), TestData::utc(u"2026-11-20T08:00:00Z"_s));

        charts.setComparisonVisible(false);
        QCOMPARE(charts.dataSeriesCount(), 4);

        int lines = 0;
        for (QAbstractSeries *s : charts.primaryChart()->series()) {
            if (auto *line = qobject_cast<QLineSeries *>(s);
                line && line->name() == "p99 route=/v1/analytics"_L1)
                lines = int(line->count());
        }
        QCOMPARE(lines, 125);
    }
};

// The demo's story on a day-long window: zoomed to the change with context, the deploys and
// the incident labelled, the affected route emphasised; "Whole window" shows everything.
void TestTimeline::opensOnTheChangeWithLabelledMarkers()
{
    Investigation inv = TestData::investigation();
    inv.window.from = TestData::utc(u"2026-11-19T06:00:00Z"_s);
    const TimelineData data = buildTimelineData(inv);
    QVERIFY(data.focusFrom.isValid());
    QVERIFY(data.focusFrom < data.changePoint && data.changePoint < data.focusTo);
    QVERIFY(data.focusFrom.secsTo(data.focusTo) * 2 < data.from.secsTo(data.to));
    QCOMPARE(data.primary.title, u"Latency of route=/v1/analytics"_s);
    QCOMPARE(data.primary.unit, u"ms"_s);
    int emphasised = 0;
    for (const TimelineSeries &s : data.primary.series)
        emphasised += s.emphasised ? 1 : 0;
    QCOMPARE(emphasised, 1);

    TimelineCharts charts;
    charts.resize(1000, 500);
    charts.show();
    QSignalSpy applied(&charts, &TimelineCharts::dataApplied);
    charts.setInvestigation(inv);
    QVERIFY(applied.wait(5000));
    QCOMPARE(charts.rangeFrom(), data.focusFrom);
    QCOMPARE(charts.rangeTo(), data.focusTo);
    const QStringList labels = charts.markerLabels();
    QVERIFY2(labels.contains(u"deploy #446"_s) && labels.contains(u"deploy #447"_s),
             qPrintable(labels.join(u" | "_s)));
    QVERIFY(labels.contains(u"incident: Elevated latency"_s));
    QVERIFY(labels.contains(u"change 09:14 UTC"_s));
    const QString hover = charts.hoverText(TestData::utc(u"2026-11-20T09:30:00Z"_s));
    QVERIFY2(hover.startsWith(u"2026-11-20 09:30 UTC"_s), qPrintable(hover));
    QVERIFY(hover.contains(u"p95 route=/v1/analytics: "_s));

    charts.setWholeWindow(true);
    QCOMPARE(charts.rangeFrom(), inv.window.from);
    charts.setWholeWindow(false);
    QCOMPARE(charts.rangeFrom(), data.focusFrom);
}

// The playbook chooses the chart: billing compares logged and metered tokens per day.
void TestTimeline::billingChartsLoggedAgainstMetered()
{
    Investigation inv;
    inv.playbook.name = u"token-billing"_s;
    inv.window = {TestData::utc(u"2026-11-01T00:00:00Z"_s),
                  TestData::utc(u"2026-11-04T00:00:00Z"_s)};
    Evidence usage;
    usage.id = u"ev1"_s;
    usage.kind = EvidenceKind::Table;
    usage.connector = u"clickhouse"_s;
    usage.data = QJsonObject{
        {u"columns"_s, QJsonArray{u"day"_s, u"requests"_s, u"prompt_tokens"_s,
                                  u"completion_tokens"_s, u"cached_tokens"_s, u"cost_usd"_s}},
        {u"rows"_s, QJsonArray{QJsonArray{u"2026-11-01"_s, 10, 1000, 500, 0, 1.0},
                               QJsonArray{u"2026-11-02"_s, 10, 1000, 500, 0, 1.0},
                               QJsonArray{u"2026-11-03"_s, 10, 1000, 500, 0, 1.0}}}};
    Evidence meter;
    meter.id = u"ev2"_s;
    meter.kind = EvidenceKind::TimeSeries;
    meter.connector = u"stripe"_s;
    meter.data =
        QJsonObject{{u"columns"_s, QJsonArray{u"t"_s, u"value"_s}},
                    {u"series"_s,
                     QJsonArray{QJsonObject{
                         {u"labels"_s, QJsonObject{{u"meter"_s, u"tokens"_s}}},
                         {u"points"_s, QJsonArray{QJsonArray{u"2026-11-01T00:00:00Z"_s, 1500},
                                                  QJsonArray{u"2026-11-02T00:00:00Z"_s, 3000},
                                                  QJsonArray{u"2026-11-03T00:00:00Z"_s, 3000}}}}}}};
    inv.evidence = {usage, meter};
    const TimelineData data = buildTimelineData(inv);
    QCOMPARE(data.primary.title, u"Tokens per day: logged vs metered"_s);
    QCOMPARE(data.primary.series.size(), 2);
    QCOMPARE(data.primary.series.at(0).points.at(1).y(), 1500.0);
    QCOMPARE(data.primary.series.at(1).points.at(1).y(), 3000.0);
    QVERIFY(data.secondary.isEmpty());
}

void TestTimeline::axisInTheCustomersZone_data()
{
    QTest::addColumn<QString>("words"); // what the ticket says of its zone
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("hover");
    QTest::addColumn<QString>("deploy");
    QTest::newRow("an IANA id") << u"Our team is in Europe/Berlin."_s << "Europe/Berlin"_ba
                                << u"Time (Europe/Berlin (UTC+01:00))"_s << u"change 10:14 CET"_s
                                << u"2026-11-20 10:30 CET"_s
                                << u"2026-11-20 10:12 CET (09:12 UTC)"_s;
    QTest::newRow("an abbreviation")
        << u"It started around 1am PST."_s << "America/Los_Angeles"_ba
        << u"Time (America/Los_Angeles (UTC-08:00))"_s << u"change 01:14 PST"_s
        << u"2026-11-20 01:30 PST"_s << u"2026-11-20 01:12 PST (09:12 UTC)"_s;
    QTest::newRow("a half-hour zone")
        << u"Since 2pm IST, every call is slow."_s << "Asia/Kolkata"_ba
        << u"Time (Asia/Kolkata (UTC+05:30))"_s << u"change 14:44 IST"_s
        << u"2026-11-20 15:00 IST"_s << u"2026-11-20 14:42 IST (09:12 UTC)"_s;
    QTest::newRow("an offset") << u"We are on UTC+2."_s << "UTC+02:00"_ba << u"Time (UTC+02:00)"_s
                               << u"change 11:14 UTC+02:00"_s << u"2026-11-20 11:30 UTC+02:00"_s
                               << u"2026-11-20 11:12 UTC+02:00 (09:12 UTC)"_s;
    QTest::newRow("no zone named")
        << QString() << "UTC"_ba << u"Time (UTC)"_s << u"change 09:14 UTC"_s
        << u"2026-11-20 09:30 UTC"_s << u"2026-11-20 09:12 UTC"_s;
}

// The axis, the marker labels, their tooltips and the crosshair all speak the customer's zone
// when the ticket names one; UTC and this computer's zone are a choice away, on the same range.
void TestTimeline::axisInTheCustomersZone()
{
    QFETCH(QString, words);
    QFETCH(QByteArray, zone);
    QFETCH(QString, title);
    QFETCH(QString, change);
    QFETCH(QString, hover);
    QFETCH(QString, deploy);
    if (!QTimeZone(zone).isValid())
        QSKIP("this machine has no data for the zone");
    Investigation inv = TestData::investigation();
    inv.ticket.description += u"\n"_s + words;
    TimelineCharts charts;
    charts.resize(1000, 600);
    charts.show();
    QSignalSpy applied(&charts, &TimelineCharts::dataApplied);
    charts.setInvestigation(inv);
    QVERIFY(applied.wait(5000));

    const QDateTime jump = TestData::utc(u"2026-11-20T09:14:00Z"_s);
    QCOMPARE(charts.displayZone().offsetFromUtc(jump), QTimeZone(zone).offsetFromUtc(jump));
    QCOMPARE(charts.axisTitle(), title);
    auto *x =
        qobject_cast<QDateTimeAxis *>(charts.primaryChart()->axes(Qt::Horizontal).constFirst());
    QVERIFY(x);
    QCOMPARE(x->titleText(), title);
    // What the axis prints at its ends is the shown zone's wall clock of the range.
    QCOMPARE(x->min().toString(u"yyyy-MM-dd HH:mm"_s),
             charts.rangeFrom().toTimeZone(QTimeZone(zone)).toString(u"yyyy-MM-dd HH:mm"_s));
    QCOMPARE(charts.rangeFrom(), TestData::utc(u"2026-11-20T08:00:00Z"_s));
    QVERIFY2(charts.markerLabels().contains(change), qPrintable(charts.markerLabels().join(u'|')));
    QVERIFY2(charts.hoverText(TestData::utc(u"2026-11-20T09:30:00Z"_s)).startsWith(hover),
             qPrintable(charts.hoverText(TestData::utc(u"2026-11-20T09:30:00Z"_s))));
    const TimelineData &data = charts.data();
    const auto deploy447 =
        std::find_if(data.markers.cbegin(), data.markers.cend(),
                     [](const TimelineMarker &m) { return m.ref == u"github:deployment:447"_s; });
    QVERIFY(deploy447 != data.markers.cend());
    QVERIFY2(charts.markerText(*deploy447).contains(deploy),
             qPrintable(charts.markerText(*deploy447)));

    // UTC on the same range, then back to the customer's zone.
    charts.zoom(2.0);
    const QDateTime from = charts.rangeFrom();
    const QDateTime to = charts.rangeTo();
    charts.setTimeDisplay(TimelineCharts::TimeDisplay::Utc);
    QCOMPARE(charts.axisTitle(), u"Time (UTC)"_s);
    QVERIFY(charts.markerLabels().contains(u"change 09:14 UTC"_s));
    QVERIFY(charts.hoverText(TestData::utc(u"2026-11-20T09:30:00Z"_s))
                .startsWith(u"2026-11-20 09:30 UTC"_s));
    QCOMPARE(charts.rangeFrom(), from);
    QCOMPARE(charts.rangeTo(), to);
    charts.setTimeDisplay(TimelineCharts::TimeDisplay::Local);
    QCOMPARE(charts.displayZone(), QTimeZone::systemTimeZone());
    QCOMPARE(charts.rangeFrom(), from);
    charts.setTimeDisplay(TimelineCharts::TimeDisplay::Customer);
    QCOMPARE(charts.axisTitle(), title);
    QVERIFY(charts.markerLabels().contains(change));
    QCOMPARE(charts.rangeFrom(), from);
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
