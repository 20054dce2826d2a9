#pragma once

#include "core/domain.h"
#include "ui/timelinedata.h"

#include <QChartView>
#include <QDateTime>
#include <QTimer>
#include <QWidget>

#include <deque>
#include <functional>

QT_BEGIN_NAMESPACE
class QChart;
class QDateTimeAxis;
class QValueAxis;
QT_END_NAMESPACE

namespace Casefile {

// A chart view that zooms the time axis only: rubber band, wheel, keyboard (+/-, arrows).
class TimelineChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineChartView)

public:
    explicit TimelineChartView(QChart *chart, QWidget *parent = nullptr);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
};

// Latency (p50/p95/p99) and error rate over the investigation window as stacked charts that
// share one UTC time range: zooming or panning one moves the other. Deploys and releases
// show as vertical lines, incidents as shaded bands, the change point as a red line.
//
// Series are computed on a worker (buildTimelineData) and set here in one replace() each.
// Putting them into the charts is the costly part on the GUI thread, so data that arrives
// while the charts are hidden (another tab, another page) is kept and applied when they show.
class TimelineCharts final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineCharts)

public:
    explicit TimelineCharts(QWidget *parent = nullptr);

    void setInvestigation(const Investigation &investigation); // builds on a worker
    void setData(const TimelineData &data);                    // GUI thread, applied now
    const TimelineData &data() const { return m_data; }        // the newest, even if pending
    bool hasPendingData() const { return m_pending; }

    void setComparisonVisible(bool visible);
    bool comparisonVisible() const { return m_comparisonVisible; }

    void setTimeRange(const QDateTime &from, const QDateTime &to); // UTC, both charts
    QDateTime rangeFrom() const;
    QDateTime rangeTo() const;
    void resetZoom();
    void zoom(double factor); // > 1 zooms in, around the centre

    QChart *latencyChart() const { return m_latencyChart; }
    QChart *errorChart() const { return m_errorChart; }
    int dataSeriesCount() const; // p-series and error series (markers excluded)
    int markerSeriesCount() const;

signals:
    void dataApplied();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyData();        // all of it now
    void applyDataInSteps(); // a piece per turn of the event loop, dataApplied() at the end
    void runNextStep();
    std::deque<std::function<void()>> planApply();
    void syncFrom(QDateTimeAxis *source);
    int addMarkers(QChart *chart, QDateTimeAxis *x, QValueAxis *y, double yMax,
                   const TimelineData &data); // how many it added
    void clearChart(QChart *chart);
    void showHover(const QString &series, const QPointF &point, bool state);

    QChart *m_latencyChart = nullptr;
    QChart *m_errorChart = nullptr;
    QDateTimeAxis *m_latencyX = nullptr;
    QDateTimeAxis *m_errorX = nullptr;
    QValueAxis *m_latencyY = nullptr;
    QValueAxis *m_errorY = nullptr;
    TimelineChartView *m_latencyView = nullptr;
    TimelineChartView *m_errorView = nullptr;
    TimelineData m_data;
    quint64 m_generation = 0;
    bool m_syncing = false;
    bool m_pending = false; // m_data is newer than what the charts show
    QTimer m_stepTimer;
    std::deque<std::function<void()>> m_steps;
    bool m_comparisonVisible = true;
    int m_dataSeries = 0;
    int m_markerSeries = 0;
};

} // namespace Casefile
