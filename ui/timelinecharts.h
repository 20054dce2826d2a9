#pragma once

#include "core/domain.h"
#include "ui/timelinedata.h"

#include <QChartView>
#include <QDateTime>
#include <QTimeZone>
#include <QTimer>
#include <QWidget>

#include <deque>
#include <functional>

QT_BEGIN_NAMESPACE
class QChart;
class QComboBox;
class QDateTimeAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLabel;
class QToolButton;
class QValueAxis;
QT_END_NAMESPACE

namespace Casefile {

// A chart view that zooms the time axis only: rubber band, wheel, keyboard (+/-, arrows),
// and reports where the pointer is for the crosshair.
class TimelineChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineChartView)

public:
    explicit TimelineChartView(QChart *chart, QWidget *parent = nullptr);

signals:
    void pointerMoved(const QPointF &scenePos);
    void pointerLeft();
    void homeRequested();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
};

// The investigation's charts, chosen by its playbook (TimelineData): a primary chart and
// an optional secondary one sharing one UTC time range, zooming or panning one moves the
// other. The affected series is drawn strong and the others dimmed; deploys and releases
// are labelled vertical lines, incidents labelled bands, the change point a red line. The
// view opens zoomed to the change (with context); "Whole window" shows everything. A
// crosshair follows the pointer with the values at that time.
//
// Series are computed on a worker (buildTimelineData) and set here in one replace() each.
// Putting them into the charts is the costly part on the GUI thread, so data that arrives
// while the charts are hidden (another tab, another page) is kept and applied when they show.
// The charts themselves are built with the first data that has a series to draw.
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

    // The zone of the time axis, the marker labels, their tooltips and the crosshair: the
    // customer's (the zone the ticket names; UTC when it names none), UTC, or this computer's.
    enum class TimeDisplay { Customer, Utc, Local };
    void setTimeDisplay(TimeDisplay display); // kept for the next investigation too
    TimeDisplay timeDisplay() const { return m_display; }
    QTimeZone displayZone() const { return m_zone; } // the zone shown now
    QString axisTitle() const; // "Time (Europe/Berlin (UTC+01:00))", under the top chart

    void setComparisonVisible(bool visible);
    bool comparisonVisible() const { return m_comparisonVisible; }

    void setTimeRange(const QDateTime &from, const QDateTime &to); // UTC, both charts
    QDateTime rangeFrom() const;
    QDateTime rangeTo() const;
    void resetZoom(); // to the change with context, or the whole window when toggled on
    void setWholeWindow(bool whole);
    bool isWholeWindow() const;
    void zoom(double factor); // > 1 zooms in, around the centre

    // Null until the first data with a series: the charts are built then.
    QChart *primaryChart() const { return m_primaryChart; }
    QChart *secondaryChart() const { return m_secondaryChart; }
    int dataSeriesCount() const; // data series (markers excluded)
    int markerSeriesCount() const;
    QStringList markerLabels() const; // the labels drawn on the primary chart, left to right
    QString hoverText(const QDateTime &at) const;           // what the crosshair shows at a time
    QString markerText(const TimelineMarker &marker) const; // a marker's tooltip, plain text

signals:
    void dataApplied();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Overlay
    {
        QChart *chart = nullptr;
        QGraphicsRectItem *box = nullptr; // the label's background; the text is its child
        double x = 0;                     // chart time
        bool change = false;              // the change point's label sits at the bottom
    };

    void ensureCharts();     // builds the charts unless built
    void applyData();        // all of it now
    void applyDataInSteps(); // a piece per turn of the event loop, dataApplied() at the end
    void runNextStep();
    std::deque<std::function<void()>> planApply();
    void planPanel(std::deque<std::function<void()>> &steps, QChart *chart, QDateTimeAxis *x,
                   QValueAxis *y, const TimelinePanel &panel,
                   const std::shared_ptr<const TimelineData> &data,
                   const std::shared_ptr<std::pair<int, int>> &counts);
    void syncFrom(QDateTimeAxis *source);
    int addMarkers(QChart *chart, QDateTimeAxis *x, QValueAxis *y, double yMax,
                   const TimelineData &data); // how many it added
    void addLabel(QChart *chart, double x, const QString &text, const QColor &color, bool change);
    void layoutOverlays();
    void clearChart(QChart *chart);
    void showMarkerTip(const TimelineMarker &marker, bool state);
    void moveCrosshair(const QPointF &scenePos, QChart *source);
    void hideCrosshair();
    void applyPaletteColors();
    void updateAxisFormat();
    void updateSecondaryVisibility();
    double chartX(QChart *chart, qreal sceneX) const;
    double toChart(const QDateTime &utc) const; // chart time in the zone shown
    QTimeZone zoneFor(TimeDisplay display) const;
    void fillZoneChoice();

    QChart *m_primaryChart = nullptr;
    QChart *m_secondaryChart = nullptr;
    QDateTimeAxis *m_primaryX = nullptr;
    QDateTimeAxis *m_secondaryX = nullptr;
    QValueAxis *m_primaryY = nullptr;
    QValueAxis *m_secondaryY = nullptr;
    TimelineChartView *m_primaryView = nullptr;
    TimelineChartView *m_secondaryView = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_axisNote = nullptr;
    QComboBox *m_zoneChoice = nullptr;
    QToolButton *m_wholeWindow = nullptr;
    QList<Overlay> m_overlays;
    QGraphicsLineItem *m_crossLine[2] = {nullptr, nullptr};
    QGraphicsRectItem *m_crossBox[2] = {nullptr, nullptr};
    TimelineData m_data;
    quint64 m_generation = 0;
    bool m_syncing = false;
    bool m_pending = false; // m_data is newer than what the charts show
    QTimer m_stepTimer;
    std::deque<std::function<void()>> m_steps;
    bool m_comparisonVisible = true;
    TimeDisplay m_display = TimeDisplay::Customer;
    QTimeZone m_zone = QTimeZone::utc(); // what the axes show now
    int m_dataSeries = 0;
    int m_markerSeries = 0;
};

} // namespace Casefile
