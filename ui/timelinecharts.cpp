#include "ui/timelinecharts.h"

#include "core/async.h"

#include <QAreaSeries>
#include <QChart>
#include <QCursor>
#include <QDateTimeAxis>
#include <QKeyEvent>
#include <QLabel>
#include <QLineSeries>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr auto MarkerProperty = "casefileMarker";

QColor seriesColor(int i)
{
    static const QColor colors[] = {QColor(0x42, 0x85, 0xf4), QColor(0xef, 0x6c, 0x00),
                                    QColor(0xc6, 0x28, 0x28), QColor(0x6a, 0x1b, 0x9a),
                                    QColor(0x00, 0x89, 0x7b), QColor(0x5d, 0x40, 0x37)};
    return colors[i % 6];
}
} // namespace

TimelineChartView::TimelineChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRubberBand(QChartView::HorizontalRubberBand);
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
}

void TimelineChartView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        chart()->scroll(
            delta > 0 ? -chart()->plotArea().width() / 10 : chart()->plotArea().width() / 10, 0);
    } else {
        // Zoom the time axis around the plot area's centre; the y axis keeps its scale.
        const qreal factor = delta > 0 ? 1.25 : 0.8;
        QRectF area = chart()->plotArea();
        const qreal width = area.width() / factor;
        area.setLeft(area.center().x() - width / 2);
        area.setWidth(width);
        area.setTop(chart()->plotArea().top());
        area.setHeight(chart()->plotArea().height());
        chart()->zoomIn(area);
    }
    event->accept();
}

void TimelineChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        chart()->zoomIn();
        break;
    case Qt::Key_Minus:
        chart()->zoomOut();
        break;
    case Qt::Key_Left:
        chart()->scroll(-chart()->plotArea().width() / 10, 0);
        break;
    case Qt::Key_Right:
        chart()->scroll(chart()->plotArea().width() / 10, 0);
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        chart()->zoomReset();
        break;
    default:
        QChartView::keyPressEvent(event);
    }
}

TimelineCharts::TimelineCharts(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Timeline charts"));
    m_stepTimer.setInterval(0);
    connect(&m_stepTimer, &QTimer::timeout, this, &TimelineCharts::runNextStep);
    const auto makeChart = [this](const QString &title, const QString &unit, QDateTimeAxis **x,
                                  QValueAxis **y) {
        auto *chart = new QChart;
        chart->setTitle(title);
        chart->legend()->setAlignment(Qt::AlignRight);
        chart->setMargins(QMargins(4, 4, 4, 4));
        *x = new QDateTimeAxis(chart);
        (*x)->setFormat(u"MM-dd HH:mm"_s);
        (*x)->setTitleText(tr("UTC"));
        (*x)->setTickCount(7);
        *y = new QValueAxis(chart);
        (*y)->setTitleText(unit);
        (*y)->setLabelFormat(u"%.0f"_s);
        chart->addAxis(*x, Qt::AlignBottom);
        chart->addAxis(*y, Qt::AlignLeft);
        connect(*x, &QDateTimeAxis::rangeChanged, this,
                [this, axis = *x](const QDateTime &, const QDateTime &) { syncFrom(axis); });
        return chart;
    };
    m_latencyChart = makeChart(tr("Latency"), tr("ms"), &m_latencyX, &m_latencyY);
    m_errorChart = makeChart(tr("Error rate"), tr("%"), &m_errorX, &m_errorY);
    m_errorY->setLabelFormat(u"%.1f"_s);

    m_latencyView = new TimelineChartView(m_latencyChart, this);
    m_latencyView->setAccessibleName(tr("Latency chart"));
    m_errorView = new TimelineChartView(m_errorChart, this);
    m_errorView->setAccessibleName(tr("Error rate chart"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_latencyView, 3);
    layout->addWidget(m_errorView, 2);
    setMinimumHeight(260);
}

void TimelineCharts::setInvestigation(const Investigation &investigation)
{
    const quint64 generation = ++m_generation;
    runAsync(
        this, [investigation] { return buildTimelineData(investigation); },
        [this, generation](TimelineData data) {
            if (generation != m_generation) // a newer snapshot is on its way
                return;
            m_data = std::move(data);
            m_pending = true;
            if (isVisible())
                applyDataInSteps();
        });
}

void TimelineCharts::clearChart(QChart *chart)
{
    const auto all = chart->series();
    for (QAbstractSeries *s : all) {
        chart->removeSeries(s);
        delete s;
    }
}

void TimelineCharts::showHover(const QString &series, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QString when = fromChartTimeX(point.x()).toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    // Series names carry evidence labels (routes): escaped, since tooltips render rich text.
    const QString text = u"%1\n%2: %3"_s.arg(when, series, QString::number(point.y(), 'f', 1));
    QToolTip::showText(QCursor::pos(), u"<pre>"_s + text.toHtmlEscaped() + u"</pre>"_s, this);
}

int TimelineCharts::addMarkers(QChart *chart, QDateTimeAxis *x, QValueAxis *y, double yMax,
                               const TimelineData &data)
{
    int added = 0;
    const auto attach = [&](QAbstractSeries *s) {
        s->setProperty(MarkerProperty, true);
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        ++added;
    };
    for (const TimelineMarker &m : std::as_const(data.markers)) {
        const double x0 = chartTimeX(m.from);
        if (m.to.isValid()) {
            const double x1 = chartTimeX(m.to);
            auto *upper = new QLineSeries;
            upper->replace({QPointF(x0, yMax), QPointF(x1, yMax)});
            auto *lower = new QLineSeries;
            lower->replace({QPointF(x0, 0), QPointF(x1, 0)});
            auto *band = new QAreaSeries(upper, lower);
            upper->setParent(band);
            lower->setParent(band);
            band->setName(m.kind == TimelineMarker::Kind::Page ? tr("page: %1").arg(m.ref)
                                                               : tr("incident: %1").arg(m.ref));
            QColor fill(0xff, 0xa0, 0x00, 50);
            band->setBrush(fill);
            band->setPen(QPen(QColor(0xff, 0xa0, 0x00, 120)));
            attach(band);
        } else {
            auto *line = new QLineSeries;
            line->replace({QPointF(x0, 0), QPointF(x0, yMax)});
            line->setName(m.kind == TimelineMarker::Kind::Deploy ? tr("deploy: %1").arg(m.ref)
                                                                 : tr("release: %1").arg(m.ref));
            QPen pen(m.kind == TimelineMarker::Kind::Deploy ? QColor(0x37, 0x47, 0x4f)
                                                            : QColor(0x00, 0x89, 0x7b));
            pen.setWidthF(1.5);
            pen.setStyle(Qt::DashLine);
            line->setPen(pen);
            attach(line);
        }
    }
    if (data.changePoint.isValid()) {
        const double cx = chartTimeX(data.changePoint);
        auto *line = new QLineSeries;
        line->replace({QPointF(cx, 0), QPointF(cx, yMax)});
        line->setName(tr("change point"));
        QPen pen(QColor(0xd5, 0x00, 0x00));
        pen.setWidthF(2.5);
        line->setPen(pen);
        attach(line);
    }
    return added;
}

void TimelineCharts::setData(const TimelineData &data)
{
    m_data = data;
    applyData();
}

void TimelineCharts::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_pending)
        applyDataInSteps();
}

void TimelineCharts::applyData()
{
    m_stepTimer.stop();
    m_steps.clear();
    for (const auto &step : planApply())
        step();
}

void TimelineCharts::applyDataInSteps()
{
    // One series per turn of the event loop: with a dozen series of a thousand points the
    // whole apply is tens of milliseconds, too long to hold the GUI thread in one piece.
    m_steps = planApply();
    m_stepTimer.start();
}

void TimelineCharts::runNextStep()
{
    if (m_steps.empty()) {
        m_stepTimer.stop();
        return;
    }
    const auto step = std::move(m_steps.front());
    m_steps.pop_front();
    step();
    if (m_steps.empty())
        m_stepTimer.stop();
}

std::deque<std::function<void()>> TimelineCharts::planApply()
{
    m_pending = false;
    const auto data = std::make_shared<const TimelineData>(m_data);
    auto counts = std::make_shared<std::pair<int, int>>(0, 0); // data series, marker series
    std::deque<std::function<void()>> steps;
    // `list` lies in `data`, which every step holds: the steps point at its series.
    const auto plan = [&](QChart *chart, QDateTimeAxis *x, QValueAxis *y,
                          const QList<TimelineSeries> &list) {
        QList<const TimelineSeries *> shown;
        for (const TimelineSeries &ts : list) {
            if (!ts.comparison || m_comparisonVisible)
                shown.append(&ts);
        }
        // The axes get their final ranges first: a series attached to axes whose range then
        // changes is laid out again, so filling before ranging costs O(series²) layouts.
        double yMax = 0;
        for (const TimelineSeries *ts : std::as_const(shown)) {
            for (const QPointF &p : ts->points)
                yMax = std::max(yMax, p.y());
        }
        yMax = yMax > 0 ? yMax * 1.1 : 1.0;
        steps.push_back([this, chart, x, y, yMax, data] {
            clearChart(chart);
            y->setRange(0, yMax);
            if (data->from.isValid() && data->to.isValid())
                x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(chartTimeX(data->from))),
                            QDateTime::fromMSecsSinceEpoch(qint64(chartTimeX(data->to))));
        });
        for (qsizetype i = 0; i < shown.size(); ++i) {
            const QColor color = seriesColor(int(i));
            steps.push_back([this, chart, x, y, ts = shown.at(i), data, color, counts] {
                auto *series = new QLineSeries;
                series->setName(ts->name);
                series->replace(ts->points); // one call: one repaint, not one per point
                QPen pen(color);
                pen.setWidthF(ts->comparison ? 1.0 : 1.6);
                if (ts->comparison)
                    pen.setStyle(Qt::DotLine);
                series->setPen(pen);
                chart->addSeries(series);
                series->attachAxis(x);
                series->attachAxis(y);
                const QString name = ts->name;
                connect(series, &QLineSeries::hovered, this,
                        [this, name](const QPointF &p, bool state) { showHover(name, p, state); });
                ++counts->first;
            });
        }
        steps.push_back([this, chart, x, y, yMax, data, counts] {
            counts->second += addMarkers(chart, x, y, yMax, *data);
        });
    };
    plan(m_latencyChart, m_latencyX, m_latencyY, data->latency);
    plan(m_errorChart, m_errorX, m_errorY, data->errorRate);
    steps.push_back([this, counts] {
        m_dataSeries = counts->first;
        m_markerSeries = counts->second;
        resetZoom();
        emit dataApplied();
    });
    return steps;
}

void TimelineCharts::setComparisonVisible(bool visible)
{
    if (visible == m_comparisonVisible)
        return;
    m_comparisonVisible = visible;
    const QDateTime from = rangeFrom();
    const QDateTime to = rangeTo();
    setData(m_data);
    if (from.isValid())
        setTimeRange(from, to);
}

void TimelineCharts::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid() || from >= to)
        return;
    // The axis works in "chart time": the local time that reads like the UTC time.
    m_latencyX->setRange(QDateTime::fromMSecsSinceEpoch(qint64(chartTimeX(from))),
                         QDateTime::fromMSecsSinceEpoch(qint64(chartTimeX(to))));
    syncFrom(m_latencyX);
}

QDateTime TimelineCharts::rangeFrom() const
{
    return fromChartTimeX(double(m_latencyX->min().toMSecsSinceEpoch()));
}

QDateTime TimelineCharts::rangeTo() const
{
    return fromChartTimeX(double(m_latencyX->max().toMSecsSinceEpoch()));
}

void TimelineCharts::resetZoom()
{
    m_latencyChart->zoomReset();
    m_errorChart->zoomReset();
    if (m_data.from.isValid() && m_data.to.isValid())
        setTimeRange(m_data.from, m_data.to);
}

void TimelineCharts::zoom(double factor)
{
    if (factor <= 0)
        return;
    const qint64 from = m_latencyX->min().toMSecsSinceEpoch();
    const qint64 to = m_latencyX->max().toMSecsSinceEpoch();
    const qint64 centre = from + (to - from) / 2;
    const qint64 half = qint64((to - from) / 2 / factor);
    m_latencyX->setRange(QDateTime::fromMSecsSinceEpoch(centre - half),
                         QDateTime::fromMSecsSinceEpoch(centre + half));
}

void TimelineCharts::syncFrom(QDateTimeAxis *source)
{
    if (m_syncing)
        return;
    m_syncing = true;
    QDateTimeAxis *other = source == m_latencyX ? m_errorX : m_latencyX;
    if (other->min() != source->min() || other->max() != source->max())
        other->setRange(source->min(), source->max());
    m_syncing = false;
}

int TimelineCharts::dataSeriesCount() const
{
    return m_dataSeries;
}

int TimelineCharts::markerSeriesCount() const
{
    return m_markerSeries;
}

} // namespace Casefile
