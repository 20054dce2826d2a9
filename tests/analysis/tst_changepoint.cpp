#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "evidence.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace TestSupport;

Q_DECLARE_METATYPE(std::function<double(int)>)

class TestChangePoint final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void levelShift_data();
    void levelShift();
    void volumeJump_data();
    void volumeJump();
    void onset_data();
    void onset();
    void backgroundErrorsAreNoShift();
    void officeHoursAreNoErrorShift_data();
    void officeHoursAreNoErrorShift();
    void lastBucketsAreNoRecovery();
    void dailyCycle_data();
    void dailyCycle();
    void dailyCycleInWords_data();
    void dailyCycleInWords();
    void dailyCycleIsWhatWasSeen();
    void episodeOverBeforeTheTicketsTime();
    void firstToken_data();
    void firstToken();
    void firstTokenRanks_data();
    void firstTokenRanks();
    void onsetBeforeWindow_data();
    void onsetBeforeWindow();
    void seriesGroups();
    void errorRateBurst();
    void primaryOfTwoFailureEpisodes_data();
    void primaryOfTwoFailureEpisodes();
    void shortBurstInALongWindow();
    void errorRateOnsetInsideBucket();
    void onsetToTheMinute_data();
    void onsetToTheMinute();
    void reportWithOnset();
    void onsetByTheClearerPercentile();
    void configChangesOnTheClearerPercentile();
    void emptyAndMissing();
    void analyzersReadTheSharedReport_data();
    void analyzersReadTheSharedReport();
};

void TestChangePoint::levelShift_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<bool>("found");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("end");

    const auto make = [](int n, const std::function<double(int)> &f) {
        QList<double> v;
        for (int i = 0; i < n; ++i)
            v.append(f(i));
        return v;
    };
    QTest::newRow("step up near the end")
        << make(1500, [](int i) { return (i >= 1454 ? 1190.0 : 340.0) + noise(i, 60); }) << true
        << 1454 << 1500;
    QTest::newRow("step up in the middle")
        << make(600, [](int i) { return (i >= 300 ? 900.0 : 400.0) + noise(i, 80); }) << true << 300
        << 600;
    QTest::newRow("bump that recovers")
        << make(600, [](int i) { return (i >= 200 && i < 320 ? 2000.0 : 500.0) + noise(i, 100); })
        << true << 200 << 320;
    QTest::newRow("single spikes are not a shift")
        << make(600, [](int i) { return (i % 97 == 0 ? 9000.0 : 500.0) + noise(i, 100); }) << false
        << 0 << 0;
    QTest::newRow("noise only") << make(800, [](int i) { return 2100.0 + noise(i, 700); }) << false
                                << 0 << 0;
    QTest::newRow("a day of noise only")
        << make(1440, [](int i) { return 2100.0 + noise(i, 700, 13); }) << false << 0 << 0;
    QTest::newRow("small shift below threshold")
        << make(600, [](int i) { return (i >= 300 ? 560.0 : 500.0) + noise(i, 20); }) << false << 0
        << 0;
    QTest::newRow("drop is not an upward shift")
        << make(600, [](int i) { return (i >= 300 ? 200.0 : 900.0) + noise(i, 20); }) << false << 0
        << 0;
    QTest::newRow("too short") << QList<double>{1, 2, 3} << false << 0 << 0;
}

void TestChangePoint::levelShift()
{
    QFETCH(QList<double>, values);
    QFETCH(bool, found);
    QFETCH(int, start);
    QFETCH(int, end);
    const Analysis::LevelShift s = Analysis::detectUpwardShift(values, 1.4, 80.0, 5);
    QCOMPARE(s.found, found);
    if (found) {
        QVERIFY2(std::abs(s.start - start) <= 1, qPrintable(QString::number(s.start)));
        QVERIFY2(std::abs(s.end - end) <= 1, qPrintable(QString::number(s.end)));
        QVERIFY(s.after > s.before);
    }
}

// A small route's traffic multiplied for an hour at the end of two days of five-minute buckets,
// over a daily cycle: a jump of that route's own volume, however small beside the others.
void TestChangePoint::volumeJump_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<bool>("found");
    QTest::addColumn<int>("start");

    const auto make = [](int n, const std::function<double(int)> &f) {
        QList<double> v;
        for (int i = 0; i < n; ++i)
            v.append(std::max(0.0, f(i)));
        return v;
    };
    const auto cycle = [](int i) {
        return 30.0 - 8.0 * std::sin(i * 2.0 * M_PI / 288.0);
    };
    QTest::newRow("4x for an hour near the end") << make(321, [&](int i) {
        return cycle(i) * (i >= 296 && i < 308 ? 4.0 : 1.0) + noise(i, 7);
    }) << true << 296;
    QTest::newRow("the daily cycle alone")
        << make(321, [&](int i) { return cycle(i) + noise(i, 7); }) << false << 0;
}

void TestChangePoint::volumeJump()
{
    QFETCH(QList<double>, values);
    QFETCH(bool, found);
    QFETCH(int, start);
    const Analysis::LevelShift s = Analysis::detectUpwardShift(values, 2.0, 5.0, 5);
    QCOMPARE(s.found, found);
    if (found)
        QVERIFY2(std::abs(s.start - start) <= 1, qPrintable(QString::number(s.start)));
}

// The onset is the first bucket of the change, exactly: a report one bucket late puts a deploy
// that went live in that bucket after the change.
void TestChangePoint::onset_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<bool>("latency"); // latency thresholds, else error-rate ones
    QTest::addColumn<int>("start");

    const auto make = [](int n, const std::function<double(int)> &f) {
        QList<double> v;
        for (int i = 0; i < n; ++i)
            v.append(f(i));
        return v;
    };
    QTest::newRow("clean step") << make(300, [](int i) { return i >= 120 ? 0.4 : 0.0; }) << false
                                << 120;
    QTest::newRow("step on a small background")
        << make(300, [](int i) { return i >= 120 ? 0.35 : (i % 17 == 0 ? 0.025 : 0.0); }) << false
        << 120;
    QTest::newRow("noisy step") << make(600, [](int i) {
        return (i >= 250 ? 900.0 : 400.0) + noise(i, 120);
    }) << true << 250;
    QTest::newRow("noisy error step")
        << make(400, [](int i) { return (i >= 200 ? 0.3 : 0.03) + noise(i, 0.03, 11); }) << false
        << 200;
    // the change began 40 s into a minute: that minute holds a third of the new level
    QTest::newRow("step inside a bucket")
        << make(300, [](int i) { return i > 150 ? 0.45 : (i == 150 ? 0.15 : 0.0); }) << false
        << 150;
    QTest::newRow("step inside a bucket, noisy latency") << make(500, [](int i) {
        return (i > 300 ? 1500.0 : (i == 300 ? 850.0 : 500.0)) + noise(i, 40, 3);
    }) << true << 300;
    QTest::newRow("step at a bucket boundary")
        << make(300, [](int i) { return i >= 151 ? 0.45 : 0.0; }) << false << 151;
    QTest::newRow("ramp over three buckets")
        << make(400, [](int i) { return i < 200 ? 0.0 : (i < 203 ? 0.05 + 0.1 * (i - 199) : 0.4); })
        << false << 200;
    QTest::newRow("latency ramp") << make(400, [](int i) {
        return (i < 180 ? 300.0 : (i < 182 ? 650.0 + 300.0 * (i - 180) : 1200.0)) + noise(i, 30, 5);
    }) << true << 180;
    QTest::newRow("step near the end")
        << make(240, [](int i) { return i >= 232 ? 0.5 : 0.0; }) << false << 232;
    // twenty minutes in a day of minutes: the split over the whole day barely moves
    QTest::newRow("a twenty-minute burst in a day")
        << make(1440, [](int i) { return i >= 900 && i < 920 ? 0.3 : (i % 29 == 0 ? 0.083 : 0.0); })
        << false << 900;
    QTest::newRow("a lone high bucket well before the step is not the onset")
        << make(300, [](int i) { return i >= 120 ? 0.4 : (i == 100 ? 0.4 : 0.0); }) << false << 120;
}

void TestChangePoint::onset()
{
    QFETCH(QList<double>, values);
    QFETCH(bool, latency);
    QFETCH(int, start);
    const Analysis::LevelShift s = latency ? Analysis::detectUpwardShift(values, 1.4, 80.0, 5)
                                           : Analysis::detectUpwardShift(values, 2.0, 0.02, 5);
    QVERIFY(s.found);
    QCOMPARE(s.start, start);
}

// A big org's steady background (one failed request in ten in a quarter of the minutes): no
// stretch of it, however the day is cut, is a shift.
// A day and two hours of two-minute buckets of one provider's requests and failures, from a
// burst of a third of requests failing to the end of the window, whose last bucket held three
// requests and no failure: the burst has not ended, the window has.
void TestChangePoint::lastBucketsAreNoRecovery()
{
    const auto numbers = [](const char *text) {
        QList<double> out;
        for (const QString &t : QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts))
            out.append(t.toDouble());
        return out;
    };
    const QList<double> requests =
        numbers("12 11 11 11 11 15 7 9 10 15 7 12 10 12 10 13 9 6 10 6 7 12 5 12 13 7 8 4 9 11 10 "
                "10 8 13 5 8 "
                "12 11 13 6 6 7 15 10 3 14 11 12 9 5 6 6 3 10 10 9 7 11 7 9 10 7 8 9 9 6 18 8 11 6 "
                "12 9 6 12 "
                "10 3 5 7 11 10 7 13 16 13 12 6 12 5 9 7 18 9 9 15 6 9 9 7 11 11 9 8 11 9 10 13 16 "
                "8 5 11 6 "
                "14 6 12 9 11 11 12 12 13 9 6 11 5 7 6 9 10 11 7 10 11 9 6 7 9 14 7 8 9 10 6 8 4 8 "
                "8 8 5 9 12 "
                "16 13 12 7 13 8 7 13 9 13 6 9 11 11 8 11 11 6 7 9 11 12 9 9 9 9 11 13 4 10 12 10 "
                "8 6 10 3 10 "
                "8 11 7 8 10 8 9 6 11 9 13 12 3 10 11 9 13 6 12 11 10 8 10 10 13 5 11 5 9 14 11 11 "
                "7 9 9 8 7 "
                "16 3 5 16 10 11 5 6 14 9 11 14 12 10 9 9 9 11 6 6 13 5 14 7 3 10 8 11 12 8 12 11 "
                "7 7 7 11 11 "
                "7 9 10 3 11 14 2 9 10 13 7 4 8 10 16 3 7 11 6 12 16 7 6 12 7 9 8 12 19 11 9 17 13 "
                "13 7 13 13 "
                "8 5 8 9 5 12 10 14 10 5 9 5 9 8 14 7 8 11 12 8 16 11 8 6 12 5 9 8 12 6 9 8 12 7 8 "
                "5 8 10 10 "
                "8 14 10 9 6 13 12 5 14 11 7 17 10 14 11 2 11 4 13 8 12 9 15 5 6 8 9 11 16 13 18 "
                "23 15 11 17 "
                "20 12 14 22 24 12 23 19 20 16 22 17 12 25 8 20 28 23 28 25 28 22 22 21 25 26 34 "
                "33 37 22 30 "
                "24 21 18 25 22 15 21 15 16 25 25 28 17 23 24 28 24 35 17 25 20 31 27 28 21 22 22 "
                "30 28 29 28 "
                "27 30 23 31 29 24 20 21 22 27 28 26 18 28 21 23 18 26 25 19 20 25 37 29 24 25 24 "
                "26 17 25 16 "
                "12 26 23 27 25 16 24 23 25 21 19 23 21 21 26 21 19 19 30 29 18 23 19 26 25 24 33 "
                "24 15 18 24 "
                "23 29 20 21 27 27 17 20 24 23 23 36 24 18 32 15 18 32 19 30 26 14 19 22 25 31 28 "
                "19 24 30 26 "
                "24 16 23 22 24 17 23 28 22 17 23 27 28 19 21 25 19 24 22 28 25 17 17 23 14 27 28 "
                "21 27 28 28 "
                "18 31 25 30 26 17 19 29 23 23 11 17 19 30 27 24 26 28 23 26 20 30 19 22 26 27 25 "
                "30 29 22 22 "
                "19 27 24 21 29 29 27 22 20 26 19 28 25 21 24 23 26 22 21 22 23 32 29 21 21 22 17 "
                "26 21 27 27 "
                "34 15 22 20 27 18 28 22 23 27 22 18 21 18 18 22 20 29 21 23 27 21 22 22 30 29 21 "
                "31 26 19 24 "
                "22 30 19 27 27 18 27 25 28 32 25 19 23 28 30 22 24 13 22 30 25 20 20 26 23 22 19 "
                "22 28 30 32 "
                "24 30 23 21 22 28 23 19 28 28 16 32 21 22 18 26 20 15 15 18 23 24 25 16 17 21 22 "
                "21 16 11 10 "
                "10 8 15 6 11 12 12 10 12 8 10 6 14 4 8 17 10 9 7 13 8 7 10 13 8 17 10 7 7 16 10 8 "
                "10 7 9 9 5 "
                "9 6 10 9 9 4 6 9 5 7 9 11 10 9 12 13 9 8 10 11 14 4 15 7 7 5 13 8 12 8 13 6 3 ");
    const QList<double> failed = numbers("0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 0 0 0 0 1 0 0 0 0 "
                                         "0 1 0 1 0 0 0 1 0 1 0 0 0 0 0 1 0 0 "
                                         "0 1 1 1 0 0 0 1 0 0 0 0 0 1 0 0 1 0 1 0 1 0 0 0 0 1 0 1 "
                                         "0 0 0 0 0 0 0 1 1 0 0 1 0 0 0 0 0 2 "
                                         "0 1 0 1 0 0 0 1 0 1 1 0 0 1 2 0 0 0 0 0 0 0 0 0 0 1 0 0 "
                                         "1 0 0 1 0 1 1 1 0 0 0 0 1 0 0 1 0 0 "
                                         "0 0 0 0 0 0 1 0 0 0 0 0 1 1 2 1 0 0 1 1 0 1 1 1 1 1 1 0 "
                                         "0 0 0 0 0 0 0 0 1 0 0 2 0 0 1 0 0 1 "
                                         "1 0 1 0 0 0 0 0 0 0 0 0 1 0 1 0 0 0 1 0 0 0 0 0 2 0 1 2 "
                                         "0 0 0 1 0 0 1 0 0 1 0 0 0 0 0 0 1 0 "
                                         "0 0 1 0 0 0 1 0 1 0 0 0 0 0 1 0 1 0 0 0 1 0 0 0 0 1 0 0 "
                                         "0 0 0 0 0 0 0 0 0 1 0 0 0 0 0 0 0 0 "
                                         "0 0 0 0 0 2 0 0 0 1 0 0 0 1 0 1 0 0 0 0 1 0 0 0 0 0 0 2 "
                                         "0 2 0 0 0 0 0 1 0 0 0 1 0 0 1 1 0 0 "
                                         "0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 0 1 1 0 0 1 0 0 0 0 0 0 0 "
                                         "0 0 0 0 0 2 0 0 0 0 0 0 0 1 0 0 0 1 "
                                         "1 0 1 0 1 0 0 1 0 1 0 0 0 0 0 1 1 1 0 1 1 0 1 1 1 1 1 0 "
                                         "3 0 2 2 2 5 1 1 0 0 1 2 1 1 0 0 1 0 "
                                         "0 0 0 0 0 1 1 0 0 0 1 1 0 1 0 2 0 2 1 0 2 1 1 1 0 1 0 1 "
                                         "0 1 0 0 2 0 0 1 0 2 0 1 0 1 0 1 0 1 "
                                         "1 0 0 2 0 2 0 0 1 1 0 0 0 1 2 0 2 1 2 0 0 0 0 2 1 0 2 3 "
                                         "1 2 1 1 0 0 1 1 0 1 0 0 4 0 0 0 1 0 "
                                         "2 2 1 0 0 1 0 1 0 1 0 0 1 0 0 0 0 0 1 0 1 0 0 0 0 0 1 0 "
                                         "0 2 0 0 1 0 0 0 2 0 0 2 3 0 0 0 0 0 "
                                         "0 3 1 0 2 0 1 0 1 1 0 0 0 0 0 0 3 0 0 3 1 0 0 0 1 1 0 1 "
                                         "1 1 1 0 3 1 0 0 0 1 0 0 0 0 2 1 0 0 "
                                         "1 0 0 2 0 1 1 0 0 2 0 0 1 0 0 0 0 0 0 1 1 1 3 0 0 1 3 2 "
                                         "0 3 0 1 1 1 0 0 1 0 0 1 1 0 1 0 1 1 "
                                         "0 1 0 1 0 0 0 0 3 0 1 1 0 1 0 3 1 0 0 3 0 0 1 0 0 1 1 0 "
                                         "3 0 1 1 1 0 3 0 1 1 3 1 0 0 0 0 1 0 "
                                         "0 0 0 2 0 2 2 0 1 1 0 1 0 1 2 0 1 1 0 2 3 0 1 0 0 0 0 0 "
                                         "0 0 1 0 0 1 0 0 0 0 2 1 0 1 1 1 0 0 "
                                         "0 0 1 1 1 0 1 1 4 3 2 1 4 1 3 2 2 3 2 0 2 4 2 2 3 6 4 3 "
                                         "4 7 5 3 4 2 7 2 5 2 3 1 7 0 2 2 4 1 "
                                         "0 ");
    QCOMPARE(requests.size(), failed.size());
    QList<double> rate;
    for (qsizetype i = 0; i < requests.size(); ++i)
        rate.append(requests.at(i) > 0 ? failed.at(i) / requests.at(i) : 0.0);
    const Analysis::LevelShift s = Analysis::detectUpwardShift(rate, 2.0, 0.02, 5);
    QVERIFY(s.found);
    QCOMPARE(s.end, int(rate.size()));
}

void TestChangePoint::backgroundErrorsAreNoShift()
{
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QList<double> values;
        for (int i = 0; i < 1440; ++i)
            values.append(noise(i, 1.0, seed) > 0.45 ? 0.1 : 0.0);
        const Analysis::LevelShift s = Analysis::detectUpwardShift(values, 2.0, 0.02, 5);
        QVERIFY2(!s.found, qPrintable(u"seed %1: %2-%3"_s.arg(seed).arg(s.start).arg(s.end)));
    }
}

// Ten quiet hours (3 requests a bucket, a failure every eleventh bucket: 3%) then ten busy ones
// (30 a bucket): the buckets' median share steps from 0 to the usual few percent, but the rate
// weighted by requests does not move, so it is no change; the same busy hours at 13% are one.
void TestChangePoint::officeHoursAreNoErrorShift_data()
{
    QTest::addColumn<int>("busyErrors"); // failed requests of each busy bucket
    QTest::addColumn<bool>("changed");
    QTest::newRow("same 3% all day") << 1 << false;
    QTest::newRow("13% in the busy hours") << 4 << true;
}

void TestChangePoint::officeHoursAreNoErrorShift()
{
    QFETCH(int, busyErrors);
    QFETCH(bool, changed);
    AnalysisInput in = baseInput(u"provider-routing"_s, {u"change_point"_s});
    const QDateTime start = at(u"2028-06-06T00:00:00Z"_s);
    QJsonArray points;
    for (int i = 0; i < 240; ++i) {
        const bool busy = i >= 120;
        const int n = busy ? 30 : 3;
        const int errors = busy ? busyErrors : (i % 11 == 5 ? 1 : 0);
        points.append(QJsonArray{iso(start.addSecs(qint64(i) * 300)), n, errors});
    }
    const QJsonObject series{
        {u"bucket_s"_s, 300},
        {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s}},
        {u"series"_s,
         QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{{u"provider"_s, u"anthropic"_s}}},
                                {u"points"_s, points}}}}};
    addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries, series);
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QCOMPARE(report.series.size(), 1);
    QCOMPARE(report.series.first().changed, changed);
}

// An incident the evening before (p95 1 s -> 2.6 s for an hour, then back) and this morning's
// smaller rise (1 s -> 1.6 s from 08:00 UTC, still going on): with the customer's time at 08:00
// the series is read again after the incident and this morning's change is the primary; without
// a time the incident is the series' one change.
void TestChangePoint::episodeOverBeforeTheTicketsTime()
{
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    const QDateTime from = in.params.window.from; // 2026-11-19 08:06 UTC
    const int points = int(from.secsTo(in.params.window.to) / 120);
    const int rise = int(from.secsTo(at(u"2026-11-20T08:00:00Z"_s)) / 120);
    const QList<SeriesSpec> routes = {
        {QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}},
         [=](int i) {
             const double level = i >= 300 && i < 330 ? 2600.0 : i >= rise ? 1600.0 : 1000.0;
             return level + noise(i, 60);
         },
         {},
         30}};
    addStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            timeseries(from, points, 120, routes));
    const Analysis::ChangeReport alone = Analysis::detectChanges(in);
    QCOMPARE(alone.changed().size(), 1);
    QVERIFY(alone.primary && alone.primary->end.isValid());
    QVERIFY(std::abs(alone.primary->at.secsTo(from.addSecs(300 * 120))) <= 240);

    in.params.anchor = at(u"2026-11-20T08:00:00Z"_s);
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QCOMPARE(report.changed().size(), 2);
    QVERIFY(report.primary);
    QVERIFY2(std::abs(report.primary->at.secsTo(in.params.anchor)) <= 240,
             qPrintable(report.primary->at.toString(Qt::ISODate)));
    QVERIFY(!report.primary->end.isValid());
    QVERIFY(report.primary->after >= 1.4 * report.primary->before);
    // a time during the incident keeps it the primary
    in.params.anchor = from.addSecs(310 * 120);
    const Analysis::ChangeReport during = Analysis::detectChanges(in);
    QVERIFY(during.primary);
    QVERIFY(std::abs(during.primary->at.secsTo(from.addSecs(300 * 120))) <= 240);

    // the provider's incident of the evening explains the evening, not this morning
    in.analyzers = {u"incident_correlation"_s};
    const QString ref = u"statuspage:openai:incident:ev1"_s;
    addStep(in, u"status"_s, u"statuspage"_s, u"incidents"_s, EvidenceKind::Events,
            events({incident(u"openai"_s, u"ev1"_s, u"Elevated latency on the API"_s,
                             toIsoUtc(from.addSecs(299 * 120)), toIsoUtc(from.addSecs(332 * 120)),
                             {u"API"_s})}));
    const auto proposed = [&](const AnalyzerOutput &out) {
        return std::ranges::any_of(out.hypotheses,
                                   [&](const Hypothesis &h) { return h.cause.refs.contains(ref); });
    };
    in.changes.reset();
    in.params.anchor = QDateTime();
    QVERIFY(proposed(analyzeIncidentCorrelation(in)));
    in.changes.reset();
    in.params.anchor = at(u"2026-11-20T08:00:00Z"_s);
    const AnalyzerOutput morning = analyzeIncidentCorrelation(in);
    QVERIFY(!proposed(morning));
    QVERIFY(std::ranges::any_of(morning.rejected,
                                [&](const RejectedHypothesis &r) { return r.refs.contains(ref); }));
}

// 36 hours of one-minute p95 buckets from 2026-11-19 00:00 UTC: a rise that the same clock hours
// of the other day show too is the daily cycle, not a change; a rise on top of it is.
void TestChangePoint::dailyCycle_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<bool>("found");
    QTest::addColumn<int>("start"); // bucket index
    QTest::addColumn<int>("cycle"); // 0: no rise passed over, 1: one was, 2: either
    const auto make = [](const std::function<double(int, int)> &f) {
        QList<double> v;
        for (int i = 0; i < 36 * 60; ++i)
            v.append(f(i / (24 * 60), (i / 60) % 24) + noise(i, 60));
        return v;
    };
    const auto office = [](int hour) {
        return hour >= 8 && hour < 18 ? 1800.0 : 1000.0;
    };
    QTest::newRow("office hours every day")
        << make([&](int, int h) { return office(h); }) << false << 0 << 1;
    QTest::newRow("a slowdown on top of the office hours")
        << make([&](int d, int h) { return office(h) * (d == 1 && h == 10 ? 2.6 : 1.0); }) << true
        << (24 + 10) * 60 << 2;
    QTest::newRow("a rise on one day only")
        << make([](int d, int h) { return d == 1 && h >= 9 ? 2000.0 : 1000.0; }) << true
        << (24 + 9) * 60 << 0;
    QTest::newRow("yesterday's bump is not today's baseline")
        << make([](int d, int h) { return d == 0 && h >= 20 && h < 22 ? 2500.0 : 1000.0; }) << true
        << 20 * 60 << 0;
}

void TestChangePoint::dailyCycle()
{
    QFETCH(QList<double>, values);
    QFETCH(bool, found);
    QFETCH(int, start);
    QFETCH(int, cycle);
    QList<QDateTime> times;
    for (int i = 0; i < values.size(); ++i)
        times.append(at(u"2026-11-19T00:00:00Z"_s).addSecs(60LL * i));
    QDate day;
    const Analysis::LevelShift s = Analysis::shiftBeyondDailyCycle(times, values, 5, &day);
    QCOMPARE(s.found, found);
    if (cycle != 2)
        QCOMPARE(day.isValid(), cycle == 1);
    if (found) {
        QVERIFY2(std::abs(s.start - start) <= 2, qPrintable(QString::number(s.start)));
        QVERIFY(s.after >= 1.4 * s.before);
    }
}

// A series that rose at the same hours the other day as in the window is said to be the daily
// cycle in the reply's words: "yesterday" when that day is the one before the ticket's.
void TestChangePoint::dailyCycleInWords_data()
{
    QTest::addColumn<QString>("cycleDay");
    QTest::addColumn<QString>("groupRef");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("dated"); // the day given as a date
    QTest::newRow("yesterday, one model")
        << u"2026-11-19"_s << u"model:gpt-4.1"_s << u"change.cycle_yesterday_on"_s << false;
    QTest::newRow("yesterday, all traffic")
        << u"2026-11-19"_s << QString() << u"change.cycle_yesterday_all"_s << false;
    QTest::newRow("two days before")
        << u"2026-11-18"_s << u"model:gpt-4.1"_s << u"change.cycle_on"_s << true;
}

void TestChangePoint::dailyCycleInWords()
{
    QFETCH(QString, cycleDay);
    QFETCH(QString, groupRef);
    QFETCH(QString, key);
    QFETCH(bool, dated);
    Analysis::SeriesChange c;
    c.kind = Analysis::MetricKind::Latency;
    c.changed = false;
    c.cycleDay = QDate::fromString(cycleDay, Qt::ISODate);
    c.groupRef = groupRef;
    c.group = groupRef.isEmpty() ? u"all traffic"_s : u"model gpt-4.1"_s;
    if (!groupRef.isEmpty())
        c.labels = {{u"model"_s, u"gpt-4.1"_s}};
    c.level = 4100;
    // a ticket of 10:30 in Tokyo (01:30 UTC)
    const Phrase p = c.cyclePhrase(at(u"2026-11-20T01:30:00Z"_s));
    QCOMPARE(p.key, key);
    const auto has = [&](const QString &name) {
        return std::ranges::any_of(p.args, [&](const PhraseArg &a) { return a.name == name; });
    };
    QVERIFY(has(u"metric"_s) && has(u"level"_s));
    QCOMPARE(has(u"group"_s), !groupRef.isEmpty());
    QCOMPARE(has(u"day"_s), dated);
}

// Office hours as slow as the same hours the day before, and nothing else: the finding that no
// change was found says each series' daily cycle itself (first, in words: "yesterday"), and no
// other finding repeats it.
void TestChangePoint::dailyCycleIsWhatWasSeen()
{
    AnalysisInput in =
        baseInput(u"latency-spike"_s, {u"change_point"_s}, u"2026-11-20T12:00:00Z"_s);
    const QDateTime start = at(u"2026-11-19T00:00:00Z"_s);
    in.params.window.from = start;
    const auto office = [](int i) {
        const int hour = (i / 60) % 24;
        return (hour >= 8 && hour < 18 ? 1800.0 : 1000.0) + noise(i, 60);
    };
    addStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 36 * 60, 60,
                       {{QJsonObject{{u"model"_s, u"gpt-4.1"_s}}, office, {}, 20}}));
    const AnalyzerOutput out = analyzeChangePoints(in);
    int saying = 0;
    for (const Finding &f : out.findings) {
        const bool cycle = std::ranges::any_of(
            f.phrases, [](const Phrase &p) { return p.key.startsWith(u"change.cycle_"_s); });
        if (!cycle)
            continue;
        ++saying;
        QCOMPARE(f.phrases.first().key, u"change.none"_s);
        QCOMPARE(f.phrases.at(1).key, u"change.cycle_yesterday_on"_s);
    }
    QCOMPARE(saying, 1);
}

// A total-latency rise at minute 120 of 240, against the time to first token of the same
// route's streamed requests: flat (longer completions) or risen too (slower to start).
void TestChangePoint::firstToken_data()
{
    QTest::addColumn<double>("firstTokenAfter"); // p95 of the first token after the rise
    QTest::addColumn<bool>("withFirstToken");    // the first-token step answered
    QTest::addColumn<QString>("says");           // '' no first-token finding
    QTest::newRow("flat: longer completions") << 600.0 << true << u"longer completions"_s;
    QTest::newRow("risen: slower to start") << 1500.0 << true << u"start later"_s;
    QTest::newRow("no streamed requests") << 0.0 << true << QString();
    QTest::newRow("no first-token field") << 600.0 << false << QString();
}

void TestChangePoint::firstToken()
{
    QFETCH(double, firstTokenAfter);
    QFETCH(bool, withFirstToken);
    QFETCH(QString, says);
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    const QDateTime start = at(u"2026-11-20T12:00:00Z"_s);
    const QJsonObject route{{u"route"_s, u"/v1/chat/completions"_s}};
    addStep(
        in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
        timeseries(
            start, 240, 60,
            {{route, [](int i) { return (i >= 120 ? 6400.0 : 3200.0) + noise(i, 200); }, {}, 20}}));
    QJsonObject first =
        timeseries(start, 240, 60,
                   {{route,
                     [&](int i) {
                         if (firstTokenAfter <= 0)
                             return 0.0;
                         return (i >= 120 ? firstTokenAfter : 600.0) + noise(i, 40, 5);
                     },
                     {},
                     20}});
    first.insert(u"component"_s, u"first_token"_s);
    if (!withFirstToken)
        first = QJsonObject{{u"bucket_s"_s, 0},
                            {u"columns"_s, first.value(u"columns"_s)},
                            {u"series"_s, QJsonArray{}},
                            {u"component"_s, u"first_token"_s},
                            {u"absent"_s, true}};
    addStep(in, u"ttft"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries, first);
    // the first-token series is a change of its own, but the total's rise stays the latency
    // change when the ticket does not speak of streaming
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    int totals = 0;
    for (const Analysis::SeriesChange &c : report.series)
        totals += c.firstToken ? 0 : 1;
    QCOMPARE(totals, 2); // the route's latency and its error rate
    QVERIFY(report.primary);
    QVERIFY(!report.primary->firstToken);
    const AnalyzerOutput out = analyzeChangePoints(in);
    QString said;
    for (const Finding &f : out.findings) {
        if (f.summary.startsWith(u"Time to first token"_s))
            said = f.summary;
    }
    if (says.isEmpty())
        QVERIFY2(said.isEmpty(), qPrintable(said));
    else
        QVERIFY2(said.contains(says), qPrintable(said));
}

void TestChangePoint::firstTokenRanks_data()
{
    QTest::addColumn<double>("totalAfter"); // p95 of the total after minute 120 (before: 3200)
    QTest::addColumn<double>("firstAfter"); // p50 time to first token after it (before: 600)
    QTest::addColumn<QString>("complaint"); // the ticket's words
    QTest::addColumn<int>("primary");       // 0 none, 1 the total, 2 the first token
    QTest::newRow("first token up, total flat") << 3200.0 << 1900.0 << u"Slow answers"_s << 2;
    QTest::newRow("both up, no word of streaming") << 6400.0 << 1900.0 << u"Slow answers"_s << 1;
    QTest::newRow("both up, streaming is the complaint")
        << 6400.0 << 1900.0 << u"Streaming responses take ages to start"_s << 2;
    QTest::newRow("es: primer token") << 6400.0 << 1900.0 << u"El primer token tarda mucho"_s << 2;
    QTest::newRow("de: ersten Token") << 6400.0 << 1900.0 << u"Der erste Token kommt spät"_s << 2;
    QTest::newRow("fr: premier token")
        << 6400.0 << 1900.0 << u"Le premier token arrive tard"_s << 2;
    QTest::newRow("ja: ストリーミング") << 6400.0 << 1900.0 << u"ストリーミングの応答が遅い"_s << 2;
    QTest::newRow("only the total up, streaming complaint")
        << 6400.0 << 600.0 << u"Streaming is slow"_s << 1;
    QTest::newRow("nothing moved") << 3200.0 << 600.0 << u"Streaming is slow"_s << 0;
    QTest::newRow("an upstream error is no streaming complaint")
        << 6400.0 << 1900.0 << u"upstream connect error"_s << 1;
}

void TestChangePoint::firstTokenRanks()
{
    // a first-token rise counts in the ranking: it is the latency change when the total did
    // not move or when the ticket complains of streaming
    QFETCH(double, totalAfter);
    QFETCH(double, firstAfter);
    QFETCH(QString, complaint);
    QFETCH(int, primary);
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    in.ticket.subject = complaint;
    const QDateTime start = at(u"2026-11-20T07:00:00Z"_s);
    const QJsonObject route{{u"route"_s, u"/v1/chat/completions"_s}};
    addStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 240, 60,
                       {{route,
                         [&](int i) { return (i >= 120 ? totalAfter : 3200.0) + noise(i, 200); },
                         {},
                         20}}));
    QJsonObject first =
        timeseries(start, 240, 60,
                   {{route,
                     [&](int i) { return (i >= 120 ? firstAfter : 600.0) + noise(i, 40, 5); },
                     {},
                     20}});
    first.insert(u"component"_s, u"first_token"_s);
    addStep(in, u"ttft"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries, first);
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    if (primary == 0) {
        QVERIFY(!report.primary);
        return;
    }
    QVERIFY(report.primary);
    QCOMPARE(report.primary->firstToken, primary == 2);
    QCOMPARE(report.primary->at, at(u"2026-11-20T09:00:00Z"_s));
    if (primary == 2) {
        QCOMPARE(report.primary->groupRef, u"route:/v1/chat/completions"_s);
        // the finding says which latency rose, in words and as phrase-book clauses
        const AnalyzerOutput out = analyzeChangePoints(in);
        bool said = false;
        for (const Finding &f : out.findings) {
            if (!f.summary.startsWith(
                    u"P95 time to first token on route /v1/chat/completions rose"_s))
                continue;
            said = true;
            QVERIFY(!f.phrases.isEmpty());
            QCOMPARE(f.phrases.first().args.first().names.value(0), u"metric.p95_first_token"_s);
        }
        QVERIFY(said);
    }
}

// Hourly buckets from 2026-11-18 00:00 to 2026-11-20 10:00 (58 points); the window opens at
// 2026-11-19 10:00 (index 34).
void TestChangePoint::onsetBeforeWindow_data()
{
    using Values = std::function<double(int)>;
    QTest::addColumn<bool>("latency");
    QTest::addColumn<Values>("values"); // p95 ms, or an error rate
    QTest::addColumn<int>("onset");     // the index found, -1 none
    QTest::newRow("errors from 09:00 the day before, still going on")
        << false << Values([](int i) { return i >= 33 ? 0.3 : 0.002; }) << 33;
    QTest::newRow("errors from a day and a half before the window")
        << false << Values([](int i) { return i >= 20 ? 0.25 : 0.003; }) << 20;
    QTest::newRow("errors only inside the window: the fine series sees them")
        << false << Values([](int i) { return i >= 36 ? 0.3 : 0.002; }) << -1;
    QTest::newRow("a burst that ended before the window")
        << false << Values([](int i) { return i >= 20 && i < 30 ? 0.3 : 0.002; }) << -1;
    QTest::newRow("a steady background") << false << Values([](int) { return 0.04; }) << -1;
    QTest::newRow("failing since before the data: no baseline")
        << false << Values([](int i) { return i >= 1 ? 0.3 : 0.002; }) << -1;
    QTest::newRow("latency tripled from 07:00 the day before")
        << true << Values([](int i) { return (i >= 31 ? 6000.0 : 2000.0) + noise(i, 100); }) << 31;
    // office hours 08:00-18:00 every day: the window opens at 10:00, in them
    QTest::newRow("a daily cycle is no onset") << true << Values([](int i) {
        const int hour = i % 24;
        return (hour >= 8 && hour < 18 ? 4000.0 : 1500.0) + noise(i, 80);
    }) << -1;
}

void TestChangePoint::onsetBeforeWindow()
{
    QFETCH(bool, latency);
    QFETCH(std::function<double(int)>, values);
    QFETCH(int, onset);
    const QDateTime start = at(u"2026-11-18T00:00:00Z"_s);
    SeriesSpec spec;
    spec.labels = QJsonObject{{u"provider"_s, u"anthropic"_s}};
    spec.n = 600;
    if (latency)
        spec.p95 = values;
    else
        spec.errorRate = values;
    Evidence e;
    e.id = u"ev1"_s;
    e.kind = EvidenceKind::TimeSeries;
    e.data = timeseries(start, 58, 3600, {spec}, latency);
    const QDateTime got = Analysis::onsetBeforeWindow(
        e, latency ? Analysis::MetricKind::Latency : Analysis::MetricKind::ErrorRate,
        at(u"2026-11-19T10:00:00Z"_s));
    QCOMPARE(got, onset < 0 ? QDateTime() : start.addSecs(qint64(onset) * 3600));
}

void TestChangePoint::seriesGroups()
{
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    const QDateTime start = at(u"2026-11-19T09:00:00Z"_s);
    // change at 09:14 on 2026-11-20 = minute 1454
    const QList<SeriesSpec> specs = {
        {QJsonObject{{u"route"_s, u"/v1/analytics"_s}},
         [](int i) { return (i >= 1454 ? 1190.0 : 340.0) + noise(i, 50); },
         {},
         6},
        {QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}},
         [](int i) { return 2100.0 + noise(i, 500, 3); },
         {},
         30},
    };
    addStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 1505, 60, specs));
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QVERIFY(report.primary);
    QCOMPARE(report.primary->groupRef, u"route:/v1/analytics"_s);
    QCOMPARE(report.primary->at, at(u"2026-11-20T09:14:00Z"_s));
    QVERIFY(!report.primary->end.isValid());
    QCOMPARE(report.flat(Analysis::MetricKind::Latency).size(), 1);

    const AnalyzerOutput out = analyzeChangePoints(in);
    QVERIFY(!out.findings.isEmpty());
    const QString s = out.findings.first().summary;
    QVERIFY2(s.contains(u"09:14 UTC"_s) && s.contains(u"/v1/analytics"_s) &&
                 s.contains(u"340 ms"_s) && s.contains(u"1.2 s"_s),
             qPrintable(s));
    QVERIFY(out.findings.first().refs.contains(u"route:/v1/analytics"_s));
    QVERIFY(out.hypotheses.isEmpty());
}

void TestChangePoint::errorRateBurst()
{
    AnalysisInput in = baseInput(u"api-errors"_s, {u"change_point"_s});
    const QDateTime start = at(u"2026-11-20T06:00:00Z"_s);
    const QList<SeriesSpec> specs = {
        {QJsonObject{{u"provider"_s, u"anthropic"_s}},
         {},
         [](int i) { return i >= 120 && i < 200 ? 0.4 : 0.0; },
         40},
        {QJsonObject{{u"provider"_s, u"openai"_s}}, {}, [](int) { return 0.0; }, 40},
    };
    addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 240, 60, specs, false));
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QVERIFY(report.primary);
    QCOMPARE(report.primary->groupRef, u"provider:anthropic"_s);
    QCOMPARE(report.primary->at, at(u"2026-11-20T08:00:00Z"_s));
    QCOMPARE(report.primary->end, at(u"2026-11-20T09:20:00Z"_s));
    QVERIFY(report.primary->after > 0.3);
}

// Two providers failing in one organisation's logs: when the two rises began apart and are
// alike in strength, the one that failed more requests is the primary, even if the other rose by
// a slightly larger factor; a rise many times stronger, or the same failure seen at one onset,
// is still chosen by its factor.
void TestChangePoint::primaryOfTwoFailureEpisodes_data()
{
    QTest::addColumn<double>("otherBefore"); // openai's rate before its episode
    QTest::addColumn<int>("otherStart");     // the minute openai's episode begins
    QTest::addColumn<QString>("primary");
    QTest::newRow("apart and alike: the most failures") << 0.02 << 160 << u"provider:bedrock"_s;
    QTest::newRow("apart, the other many times stronger: its factor")
        << 0.0 << 160 << u"provider:openai"_s;
    QTest::newRow("one onset: the factor") << 0.02 << 60 << u"provider:openai"_s;
}

void TestChangePoint::primaryOfTwoFailureEpisodes()
{
    QFETCH(double, otherBefore);
    QFETCH(int, otherStart);
    QFETCH(QString, primary);
    AnalysisInput in = baseInput(u"api-errors"_s, {u"change_point"_s});
    const QDateTime start = at(u"2026-11-20T06:00:00Z"_s);
    const QList<SeriesSpec> specs = {
        // from minute 60 on, half of bedrock's requests fail (25 times its 2%)
        {QJsonObject{{u"provider"_s, u"bedrock"_s}},
         {},
         [](int i) { return i >= 60 ? 0.5 : 0.02; },
         50},
        // for 30 minutes, 60% of openai's fail (30 times its 2%)
        {QJsonObject{{u"provider"_s, u"openai"_s}},
         {},
         [=](int i) { return i >= otherStart && i < otherStart + 30 ? 0.6 : otherBefore; },
         50},
    };
    addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 240, 60, specs, false));
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QCOMPARE(report.changed().size(), 2);
    QVERIFY(report.primary);
    QCOMPARE(report.primary->groupRef, primary);
}

// Twenty-two minutes of 30% failures in a day and a half of two-minute buckets, over a
// background of a lone failure now and then: too short for any split of the series or of a
// stretch of it to clear the bar, found as a bump that rises and ends.
void TestChangePoint::shortBurstInALongWindow()
{
    AnalysisInput in = baseInput(u"api-errors"_s, {u"change_point"_s});
    const QDateTime start = at(u"2026-12-27T05:00:00Z"_s);
    const QList<SeriesSpec> specs = {
        {QJsonObject{{u"provider"_s, u"anthropic"_s}},
         {},
         [](int i) { return i >= 600 && i < 611 ? 0.3
                            : i % 37 == 0       ? 0.05
                                                : 0.0; },
         20},
    };
    addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 758, 120, specs, false));
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QVERIFY(report.primary);
    QCOMPARE(report.primary->at, start.addSecs(600 * 120));
    QCOMPARE(report.primary->end, start.addSecs(611 * 120));
    QVERIFY(report.primary->after > 0.2);
}

void TestChangePoint::errorRateOnsetInsideBucket()
{
    // errors began at 08:00:40: the 08:00 bucket holds a third of the new rate
    AnalysisInput in = baseInput(u"api-errors"_s, {u"change_point"_s});
    const QDateTime start = at(u"2026-11-20T06:00:00Z"_s);
    const QList<SeriesSpec> specs = {
        {QJsonObject{{u"provider"_s, u"anthropic"_s}},
         {},
         [](int i) { return i == 120 ? 0.15 : (i > 120 && i < 200 ? 0.45 : 0.0); },
         40},
    };
    addStep(in, u"err"_s, u"clickhouse"_s, u"error_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 240, 60, specs, false));
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QVERIFY(report.primary);
    QCOMPARE(report.primary->at, at(u"2026-11-20T08:00:00Z"_s));
}

// A change found on wide buckets (a long window) read again minute by minute around it: the
// onset is the first minute that left the old level and from which the next minutes stay at
// the new one, not a lone background failure just before, nor the wide bucket's start.
void TestChangePoint::onsetToTheMinute_data()
{
    QTest::addColumn<bool>("latency");
    QTest::addColumn<QString>("coarseAt"); // the wide bucket the change was found in
    QTest::addColumn<int>("coarseBucket");
    QTest::addColumn<int>("requests");                     // per minute
    QTest::addColumn<std::function<double(int)>>("value"); // per minute from 12:30
    QTest::addColumn<QString>("onset");                    // '' when the minutes do not show it
    const auto step = [](int from, double low, double high) {
        return std::function<double(int)>([=](int i) { return i >= from ? high : low; });
    };
    QTest::newRow("inside a two-minute bucket") << false << u"2027-03-16T13:04:00Z"_s << 120 << 22
                                                << step(35, 0.0, 0.2) << u"2027-03-16T13:05:00Z"_s;
    QTest::newRow("inside a five-minute bucket, quiet traffic")
        << false << u"2027-03-16T13:05:00Z"_s << 300 << 6 << step(38, 0.0, 0.5)
        << u"2027-03-16T13:08:00Z"_s;
    QTest::newRow("a lone background failure the minutes before is not the onset")
        << false << u"2027-03-16T13:04:00Z"_s << 120 << 6 << std::function<double(int)>([](int i) {
               return i == 33 ? 1.0 / 6 : i >= 35 ? 0.5 : 0;
           })
        << u"2027-03-16T13:05:00Z"_s;
    QTest::newRow("began in the bucket before the one found")
        << false << u"2027-03-16T13:06:00Z"_s << 120 << 22 << step(35, 0.0, 0.2)
        << u"2027-03-16T13:05:00Z"_s;
    QTest::newRow("the minutes show no change there")
        << false << u"2027-03-16T13:04:00Z"_s << 120 << 22 << step(200, 0.0, 0.2) << QString();
    QTest::newRow("a latency rise inside a five-minute bucket")
        << true << u"2027-03-16T13:00:00Z"_s << 300 << 20 << step(33, 500.0, 1800.0)
        << u"2027-03-16T13:03:00Z"_s;
    QTest::newRow("one slow request the minute before a latency rise is not the onset")
        << true << u"2027-03-16T13:00:00Z"_s << 120 << 20 << std::function<double(int)>([](int i) {
               return i == 32 ? 900.0 : i >= 33 ? 1800.0 : 500.0;
           })
        << u"2027-03-16T13:03:00Z"_s;
}

void TestChangePoint::onsetToTheMinute()
{
    QFETCH(bool, latency);
    QFETCH(QString, coarseAt);
    QFETCH(int, coarseBucket);
    QFETCH(int, requests);
    QFETCH(std::function<double(int)>, value);
    QFETCH(QString, onset);
    Analysis::SeriesChange change;
    change.kind = latency ? Analysis::MetricKind::Latency : Analysis::MetricKind::ErrorRate;
    change.labels = QJsonObject{{u"provider"_s, u"anthropic"_s}};
    change.changed = true;
    change.at = at(coarseAt);
    change.before = latency ? 500.0 : 0.002;
    change.after = latency ? 1800.0 : value(59);
    const SeriesSpec spec{change.labels, latency ? value : std::function<double(int)>(),
                          latency ? std::function<double(int)>() : value, requests};
    Evidence e;
    e.data = timeseries(at(u"2027-03-16T12:30:00Z"_s), 60, 60, {spec}, latency);
    const QList<Analysis::Series> fine = Analysis::seriesOf(e);
    QCOMPARE(fine.size(), 1);
    const QDateTime got = Analysis::refineOnset(change, fine.first(), coarseBucket);
    QCOMPARE(got, onset.isEmpty() ? QDateTime() : at(onset));
}

// A sparse route (15 requests a minute) whose every request became 400 ms slower at 12:57: the
// median steps cleanly, while the per-minute p95 swings with single slow requests and already
// looks high minutes before. The onset is read on the median, whose
// step stands out more clearly, not early on the tail's noise (which would clear a deploy made
// at 12:55 as "after the change began").
void TestChangePoint::onsetByTheClearerPercentile()
{
    // 11:00-13:14 per minute; every request 400 ms slower from 12:57 (index 117), a few slow
    // requests lifting the tail from 12:50
    const QDateTime start = at(u"2027-04-16T11:00:00Z"_s);
    const auto p95 = [](int i) {
        if (i >= 110 && i < 117)
            return 1300.0 + noise(i, 100, 12);
        return (i >= 117 ? 1300.0 : 800.0) + noise(i, 250, 13);
    };
    const auto p50 = [](int i) {
        return (i >= 117 ? 800.0 : 400.0) + noise(i, 40, 11);
    };
    QJsonArray points;
    QList<double> tail;
    for (int i = 0; i < 135; ++i) {
        points.append(QJsonArray{iso(start.addSecs(60 * i)), 15, 0, p50(i), p95(i), p95(i) * 1.2});
        tail.append(p95(i));
    }
    // the case is the one described: on the tail alone the change would begin minutes early
    const Analysis::LevelShift byTail = Analysis::detectUpwardShift(tail, 1.4, 80, 5);
    QVERIFY(byTail.found);
    QVERIFY2(byTail.start < 115, qPrintable(QString::number(byTail.start)));

    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    const QJsonObject route{{u"route"_s, u"/v1/completions"_s}};
    addStep(
        in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
        QJsonObject{
            {u"bucket_s"_s, 60},
            {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s, u"p99"_s}},
            {u"series"_s, QJsonArray{QJsonObject{{u"labels"_s, route}, {u"points"_s, points}}}}});
    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QVERIFY(report.primary);
    QVERIFY(report.primary->median);
    const qint64 offBy = std::abs(report.primary->at.secsTo(at(u"2027-04-16T12:57:00Z"_s)));
    QVERIFY2(offBy <= 60, qPrintable(report.primary->at.toString(Qt::ISODate)));
}

// One config's requests twice as slow from 11:20 on a route shared with two quieter configs: the
// route's p95 moves by half its level and swings with every slow request of the others; the
// config's median doubles and hardly swings. The report leaves the series per config to the
// latency scope; configChanges reads them, each on its clearer percentile.
void TestChangePoint::configChangesOnTheClearerPercentile()
{
    const QDateTime start = at(u"2027-07-07T08:00:00Z"_s);
    const int onset = 200; // 11:20
    const auto points = [&](double p50Before, double p50After, double p50Noise, double p95Before,
                            double p95After, double p95Noise, quint32 seed) {
        QJsonArray out;
        for (int i = 0; i < 260; ++i) {
            const bool after = i >= onset;
            const double p50 = (after ? p50After : p50Before) + noise(i, p50Noise, seed);
            const double p95 = (after ? p95After : p95Before) + noise(i, p95Noise, seed + 1);
            out.append(QJsonArray{iso(start.addSecs(60 * i)), 20, 0, p50, p95, p95 * 1.2});
        }
        return out;
    };
    const QJsonArray columns{u"t"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s, u"p99"_s};
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    addStep(in, u"by_route"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            QJsonObject{{u"bucket_s"_s, 60},
                        {u"columns"_s, columns},
                        {u"series"_s,
                         QJsonArray{QJsonObject{
                             {u"labels"_s, QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}}},
                             {u"points"_s, points(1300, 1300, 100, 4800, 7400, 900, 21)}}}}});
    addStep(
        in, u"by_config"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
        QJsonObject{
            {u"bucket_s"_s, 60},
            {u"columns"_s, columns},
            {u"series"_s,
             QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{{u"config_id"_s, u"pc-subtitles"_s}}},
                                    {u"points"_s, points(2800, 5300, 150, 6000, 8600, 1400, 31)}},
                        QJsonObject{{u"labels"_s, QJsonObject{{u"config_id"_s, u"pc-tags"_s}}},
                                    {u"points"_s, points(800, 800, 60, 2000, 2000, 300, 41)}}}}});

    const Analysis::ChangeReport report = Analysis::detectChanges(in);
    QVERIFY(report.primary);
    QCOMPARE(report.primary->groupRef, u"route:/v1/chat/completions"_s);
    for (const Analysis::SeriesChange &c : report.series)
        QVERIFY2(!c.labels.contains(u"config_id"_s), qPrintable(c.group));

    const QList<Analysis::SeriesChange> configs = Analysis::configChanges(in);
    QCOMPARE(configs.size(), 1); // the quiet config did not change
    const Analysis::SeriesChange &slowed = configs.first();
    QCOMPARE(slowed.labels.value(u"config_id"_s).toString(), u"pc-subtitles"_s);
    QVERIFY(slowed.median);
    QCOMPARE(slowed.at, report.primary->at);
    QVERIFY2(slowed.clarity > report.primary->clarity,
             qPrintable(u"%1 vs %2"_s.arg(slowed.clarity).arg(report.primary->clarity)));
}

// The report with a change's onset moved keeps its primary pointing into its own series.
void TestChangePoint::reportWithOnset()
{
    Analysis::ChangeReport report;
    report.series.resize(2);
    report.series[0].at = at(u"2027-03-16T10:00:00Z"_s);
    report.series[1].at = at(u"2027-03-16T13:04:00Z"_s);
    report.primary = &report.series.at(1);
    const auto moved = Analysis::withOnset(report, 1, at(u"2027-03-16T13:05:00Z"_s));
    QVERIFY(moved->primary);
    QCOMPARE(moved->primary, &moved->series.at(1));
    QCOMPARE(moved->primary->at, at(u"2027-03-16T13:05:00Z"_s));
    QCOMPARE(moved->series.at(0).at, at(u"2027-03-16T10:00:00Z"_s));
    QCOMPARE(report.primary->at, at(u"2027-03-16T13:04:00Z"_s)); // the original stays
}

void TestChangePoint::emptyAndMissing()
{
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s});
    QCOMPARE(analyzeChangePoints(in).findings.size(), 0);
    addFailedStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s);
    const AnalyzerOutput out = analyzeChangePoints(in);
    QCOMPARE(out.findings.size(), 0);
    QCOMPARE(out.notChecked.size(), 1);
    addStep(in, u"lat2"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            QJsonObject{{u"series"_s, u"garbage"_s}});
    QCOMPARE(analyzeChangePoints(in).findings.size(), 0);
}

namespace {

// A latency rise on /v1/analytics at 09:14 and a deploy touching it two minutes before.
AnalysisInput analyticsRise()
{
    AnalysisInput in = baseInput(u"latency-spike"_s, {u"change_point"_s, u"deploy_correlation"_s,
                                                      u"incident_correlation"_s, u"known_bugs"_s,
                                                      u"error_breakdown"_s, u"scope"_s});
    const QDateTime start = at(u"2026-11-20T07:00:00Z"_s);
    const QList<SeriesSpec> specs = {
        {QJsonObject{{u"route"_s, u"/v1/analytics"_s}},
         [](int i) { return (i >= 134 ? 1190.0 : 340.0) + noise(i, 50); },
         {},
         6},
        {QJsonObject{{u"route"_s, u"/v1/chat/completions"_s}},
         [](int i) { return 2100.0 + noise(i, 500, 3); },
         {},
         30},
    };
    addStep(in, u"lat"_s, u"clickhouse"_s, u"latency_series"_s, EvidenceKind::TimeSeries,
            timeseries(start, 180, 60, specs));
    addStep(
        in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
        events({deploy(447, u"2026-11-20T09:12:03Z"_s, u"Deploy #447: analytics query rewrite"_s,
                       {u"src/routes/analytics.ts"_s})}));
    return in;
}

QStringList said(const AnalyzerOutput &out)
{
    QStringList s;
    for (const Finding &f : out.findings)
        s.append(f.summary);
    for (const Hypothesis &h : out.hypotheses)
        s.append(h.cause.summary);
    for (const RejectedHypothesis &r : out.rejected)
        s.append(r.reason);
    return s;
}

} // namespace

// The change points are found once for an analysis and shared: each analyzer reads the same
// report whether it was computed up front or on demand, and reads the one it is given.
void TestChangePoint::analyzersReadTheSharedReport_data()
{
    QTest::addColumn<QString>("analyzer");
    QTest::addColumn<bool>("readsTheChange"); // its verdict names the rise
    QTest::newRow("change_point") << u"change_point"_s << true;
    QTest::newRow("deploy_correlation") << u"deploy_correlation"_s << true;
    QTest::newRow("incident_correlation") << u"incident_correlation"_s << false;
    QTest::newRow("known_bugs") << u"known_bugs"_s << false;
    QTest::newRow("error_breakdown") << u"error_breakdown"_s << false;
    QTest::newRow("scope") << u"scope"_s << false;
}

void TestChangePoint::analyzersReadTheSharedReport()
{
    QFETCH(QString, analyzer);
    QFETCH(bool, readsTheChange);
    const AnalysisInput in = analyticsRise();
    QVERIFY(!in.changes);
    const AnalysisInput shared = Analysis::withChanges(in);
    QVERIFY(shared.changes);
    QVERIFY(shared.changes->primary);
    QCOMPARE(shared.changes->primary->at, at(u"2026-11-20T09:14:00Z"_s));
    // computing it again gives nothing new: the report is kept
    QCOMPARE(Analysis::withChanges(shared).changes.get(), shared.changes.get());
    QCOMPARE(Analysis::changeReport(shared).get(), shared.changes.get());
    const AnalyzerFunction fn = analyzerByName(analyzer);
    QVERIFY(fn);
    QCOMPARE(said(fn(shared)), said(fn(in)));
    // what the analyzer reads is the report it is given: one with no change, no rise
    AnalysisInput none = in;
    none.changes = std::make_shared<const Analysis::ChangeReport>();
    const QString withRise = said(fn(shared)).join(u" | "_s);
    const QString without = said(fn(none)).join(u" | "_s);
    if (readsTheChange) {
        QVERIFY2(withRise.contains(u"09:14"_s), qPrintable(withRise));
        QVERIFY2(!without.contains(u"09:14"_s), qPrintable(without));
    }
    // the whole analysis reads the same verdicts either way
    const AnalysisResult whole = analyze(in);
    const AnalysisResult once = analyze(shared);
    QVERIFY(whole.rootCause && once.rootCause);
    QCOMPARE(once.rootCause->summary, whole.rootCause->summary);
    QCOMPARE(once.rootCause->refs, QStringList(whole.rootCause->refs));
}

QTEST_GUILESS_MAIN(TestChangePoint)
#include "tst_changepoint.moc"
