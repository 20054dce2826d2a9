#include "ui/timelinecharts.h"

#include "core/async.h"
#include "ui/stallmonitor.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
constexpr auto MarkerProperty = "casefileMarker";
constexpr int MaxHoverLines = 7;

QColor seriesColor(int i)
{
    static const QColor colors[] = {QColor(0x1e, 0x6f, 0xd9), QColor(0xef, 0x6c, 0x00),
                                    QColor(0x8e, 0x24, 0xaa), QColor(0x00, 0x89, 0x7b),
                                    QColor(0x5d, 0x40, 0x37), QColor(0x75, 0x75, 0x75)};
    return colors[i % 6];
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// The value of a series at (or just before) time x (timeX); nullopt outside its points.
std::optional<double> valueAt(const TimelineSeries &series, double x)
{
    const auto it = std::upper_bound(series.points.cbegin(), series.points.cend(), x,
                                     [](double v, const QPointF &p) { return v < p.x(); });
    if (it == series.points.cbegin())
        return std::nullopt;
    return std::prev(it)->y();
}

QString formatValue(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}
} // namespace

TimelineChartView::TimelineChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRubberBand(QChartView::HorizontalRubberBand);
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
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
        emit homeRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
    }
}

void TimelineChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    emit pointerMoved(mapToScene(event->position().toPoint()));
}

void TimelineChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    emit pointerLeft();
}

TimelineCharts::TimelineCharts(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Timeline charts"));
    m_stepTimer.setInterval(0);
    connect(&m_stepTimer, &QTimer::timeout, this, &TimelineCharts::runNextStep);
    m_empty = new QLabel(tr("No chart for this investigation: its steps returned no time "
                            "series."),
                         this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_axisNote = new QLabel(this);
    m_axisNote->setTextFormat(Qt::PlainText);
    m_axisNote->setWordWrap(true);
    m_zoneChoice = new QComboBox(this);
    m_zoneChoice->setAccessibleName(tr("Time zone of the charts"));
    m_zoneChoice->setToolTip(tr("Show the times in the customer's time zone, in UTC or in "
                                "this computer's time zone"));
    m_zoneChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_zoneChoice, &QComboBox::activated, this, [this](int index) {
        setTimeDisplay(TimeDisplay(m_zoneChoice->itemData(index).toInt()));
    });
    m_wholeWindow = new QToolButton(this);
    m_wholeWindow->setText(tr("&Whole window"));
    m_wholeWindow->setCheckable(true);
    m_wholeWindow->setToolTip(tr("Show the whole investigation window instead of the change"));
    connect(m_wholeWindow, &QToolButton::toggled, this, [this] { resetZoom(); });
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_axisNote, 1);
    bar->addWidget(m_zoneChoice);
    bar->addWidget(m_wholeWindow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_empty, 1);
    setMinimumHeight(200);
}

void TimelineCharts::ensureCharts()
{
    // Built with the first data that has a series: a new investigation's tab (and one whose
    // steps return no series) never pays for two charts' scenes and their first layout.
    if (m_primaryChart)
        return;
    StallProbe probe("timeline charts built");
    const auto makeChart = [this](QDateTimeAxis **x, QValueAxis **y) {
        auto *chart = new QChart;
        chart->legend()->setAlignment(Qt::AlignRight);
        chart->setMargins(QMargins(4, 4, 4, 4));
        *x = new QDateTimeAxis(chart);
        (*x)->setFormat(u"HH:mm"_s);
        (*x)->setTickCount(7);
        *y = new QValueAxis(chart);
        (*y)->setLabelFormat(u"%.0f"_s);
        (*y)->setTruncateLabels(false); // "1,250" whole, never "…"
        (*x)->setTruncateLabels(false);
        QFont titleFont = (*x)->titleFont();
        titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
        titleFont.setBold(false);
        (*x)->setTitleFont(titleFont);
        chart->addAxis(*x, Qt::AlignBottom);
        chart->addAxis(*y, Qt::AlignLeft);
        connect(*x, &QDateTimeAxis::rangeChanged, this,
                [this, axis = *x](const QDateTime &, const QDateTime &) {
                    syncFrom(axis);
                    updateAxisFormat();
                    layoutOverlays();
                });
        connect(chart, &QChart::plotAreaChanged, this, [this] { layoutOverlays(); });
        return chart;
    };
    m_primaryChart = makeChart(&m_primaryX, &m_primaryY);
    m_secondaryChart = makeChart(&m_secondaryX, &m_secondaryY);

    m_primaryView = new TimelineChartView(m_primaryChart, this);
    m_primaryView->setAccessibleName(tr("Main chart"));
    m_secondaryView = new TimelineChartView(m_secondaryChart, this);
    m_secondaryView->setAccessibleName(tr("Second chart"));
    for (TimelineChartView *view : {m_primaryView, m_secondaryView}) {
        connect(view, &TimelineChartView::pointerMoved, this,
                [this, view](const QPointF &pos) { moveCrosshair(pos, view->chart()); });
        connect(view, &TimelineChartView::pointerLeft, this, &TimelineCharts::hideCrosshair);
        connect(view, &TimelineChartView::homeRequested, this, &TimelineCharts::resetZoom);
    }
    auto *layout = static_cast<QVBoxLayout *>(this->layout()); // the constructor's
    layout->addWidget(m_primaryView, 3);
    layout->addWidget(m_secondaryView, 2);
    m_primaryView->hide();
    m_secondaryView->hide();
    applyPaletteColors();
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
    for (qsizetype i = m_overlays.size() - 1; i >= 0; --i) {
        if (m_overlays.at(i).chart == chart) {
            delete m_overlays.at(i).box;
            m_overlays.removeAt(i);
        }
    }
}

QString TimelineCharts::markerText(const TimelineMarker &marker) const
{
    // In the zone of the axis, with UTC beside it when that is another zone.
    const auto when = [this](const QDateTime &t, QStringView format) {
        QString text = formatInZone(t, m_zone, format);
        if (zoneAbbreviation(m_zone, t) != u"UTC"_s)
            text += u" ("_s + formatInZone(t, QTimeZone::utc(), u"HH:mm") + u')';
        return text;
    };
    QString text = marker.label() + u'\n' + when(marker.from, u"yyyy-MM-dd HH:mm");
    if (marker.to.isValid())
        text += u" – "_s + when(marker.to, u"HH:mm");
    if (!marker.title.isEmpty())
        text += u'\n' + marker.title;
    return text + u'\n' + marker.ref;
}

void TimelineCharts::showMarkerTip(const TimelineMarker &marker, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    // Titles are vendor text: escaped, since tooltips render rich text.
    QToolTip::showText(QCursor::pos(),
                       u"<pre>"_s + markerText(marker).toHtmlEscaped() + u"</pre>"_s, this);
}

void TimelineCharts::addLabel(QChart *chart, double x, const QString &text, const QColor &color,
                              bool change)
{
    // A plain-text item (never rich text) on a background, so a label stays readable over
    // the lines under it.
    auto *box = new QGraphicsRectItem(chart);
    auto *label = new QGraphicsSimpleTextItem(text, box);
    label->setBrush(color);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    label->setFont(font);
    const QRectF r = label->boundingRect();
    box->setRect(r.adjusted(-3, -1, 3, 1));
    QColor fill = palette().color(QPalette::Base);
    fill.setAlpha(215);
    box->setBrush(fill);
    box->setPen(QPen(color, 0.8));
    box->setZValue(20);
    m_overlays.append({chart, box, x, change});
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
        // Labelled on the chart itself; the legend keeps to the data.
        for (QLegendMarker *m : chart->legend()->markers(s))
            m->setVisible(false);
        ++added;
    };
    const bool primary = chart == m_primaryChart;
    for (const TimelineMarker &m : std::as_const(data.markers)) {
        const double x0 = toChart(m.from);
        QColor color;
        if (m.to.isValid()) {
            const double x1 = toChart(m.to);
            auto *upper = new QLineSeries;
            upper->replace({QPointF(x0, yMax), QPointF(x1, yMax)});
            auto *lower = new QLineSeries;
            lower->replace({QPointF(x0, 0), QPointF(x1, 0)});
            auto *band = new QAreaSeries(upper, lower);
            upper->setParent(band);
            lower->setParent(band);
            band->setName(m.label());
            color = QColor(0xe6, 0x8a, 0x00);
            QColor fill = color;
            fill.setAlpha(45);
            band->setBrush(fill);
            band->setPen(QPen(QColor(0xe6, 0x8a, 0x00, 110)));
            connect(band, &QAreaSeries::hovered, this,
                    [this, m](const QPointF &, bool state) { showMarkerTip(m, state); });
            attach(band);
        } else {
            auto *line = new QLineSeries;
            line->replace({QPointF(x0, 0), QPointF(x0, yMax)});
            line->setName(m.label());
            color = m.kind == TimelineMarker::Kind::Deploy ? palette().color(QPalette::Text)
                                                           : QColor(0x00, 0x89, 0x7b);
            QPen pen(color);
            pen.setWidthF(1.5);
            pen.setStyle(Qt::DashLine);
            line->setPen(pen);
            connect(line, &QLineSeries::hovered, this,
                    [this, m](const QPointF &, bool state) { showMarkerTip(m, state); });
            attach(line);
        }
        if (primary)
            addLabel(chart, x0, m.label(), color, false);
    }
    if (data.changePoint.isValid()) {
        const double cx = toChart(data.changePoint);
        auto *line = new QLineSeries;
        line->replace({QPointF(cx, 0), QPointF(cx, yMax)});
        line->setName(tr("change point"));
        QPen pen(QColor(0xd5, 0x00, 0x00));
        pen.setWidthF(2.0);
        line->setPen(pen);
        attach(line);
        if (primary)
            addLabel(chart, cx,
                     tr("change %1").arg(formatInZone(data.changePoint, m_zone, u"HH:mm")),
                     QColor(0xd5, 0x00, 0x00), true);
    }
    return added;
}

double TimelineCharts::chartX(QChart *chart, qreal sceneX) const
{
    // Scene position to chart time through the axis range (the chart's own mapping needs a
    // series, and may be asked before one is attached).
    const QDateTimeAxis *x = chart == m_primaryChart ? m_primaryX : m_secondaryX;
    const QRectF area = chart->plotArea();
    const double from = double(x->min().toMSecsSinceEpoch());
    const double to = double(x->max().toMSecsSinceEpoch());
    if (area.width() <= 0)
        return from;
    return from + (sceneX - area.left()) / area.width() * (to - from);
}

void TimelineCharts::layoutOverlays()
{
    // Labels along the top of the plot area, left to right, moved down a row when they
    // would overlap the one before; the change point's label along the bottom.
    std::sort(m_overlays.begin(), m_overlays.end(),
              [](const Overlay &a, const Overlay &b) { return a.x < b.x; });
    QList<qreal> rowEnds;
    for (const Overlay &o : std::as_const(m_overlays)) {
        const QDateTimeAxis *x = o.chart == m_primaryChart ? m_primaryX : m_secondaryX;
        const QRectF area = o.chart->plotArea();
        const double from = double(x->min().toMSecsSinceEpoch());
        const double to = double(x->max().toMSecsSinceEpoch());
        const bool inside = to > from && o.x >= from && o.x <= to && area.width() > 0;
        o.box->setVisible(inside);
        if (!inside)
            continue;
        const qreal px = area.left() + (o.x - from) / (to - from) * area.width();
        const QRectF r = o.box->rect();
        qreal left = std::min(px + 3, area.right() - r.width());
        if (o.change) {
            o.box->setPos(left - r.left(), area.bottom() - r.height() - 2 - r.top());
            continue;
        }
        int row = 0;
        while (row < rowEnds.size() && rowEnds.at(row) > left)
            ++row;
        if (row == rowEnds.size())
            rowEnds.append(0);
        rowEnds[row] = left + r.width() + 4;
        o.box->setPos(left - r.left(), area.top() + 2 + row * (r.height() + 2) - r.top());
    }
}

QStringList TimelineCharts::markerLabels() const
{
    QList<std::pair<double, QString>> labels;
    for (const Overlay &o : m_overlays) {
        if (o.chart != m_primaryChart)
            continue;
        const auto children = o.box->childItems();
        if (!children.isEmpty())
            if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(children.first()))
                labels.append({o.x, text->text()});
    }
    std::stable_sort(labels.begin(), labels.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList out;
    for (const auto &l : labels)
        out << l.second;
    return out;
}

QString TimelineCharts::hoverText(const QDateTime &at) const
{
    const double x = timeX(at);
    QStringList lines{formatInZone(at, m_zone, u"yyyy-MM-dd HH:mm")};
    for (const TimelinePanel *panel : {&m_data.primary, &m_data.secondary}) {
        QList<const TimelineSeries *> order;
        for (const TimelineSeries &s : panel->series) {
            if (!s.comparison || m_comparisonVisible)
                s.emphasised ? order.prepend(&s) : order.append(&s);
        }
        for (const TimelineSeries *s : std::as_const(order)) {
            if (lines.size() >= MaxHoverLines * 2)
                break;
            if (const auto v = valueAt(*s, x))
                lines << u"%1: %2 %3"_s.arg(s->name, formatValue(*v, panel->decimals), panel->unit);
        }
    }
    return lines.join(u'\n');
}

void TimelineCharts::moveCrosshair(const QPointF &scenePos, QChart *source)
{
    if (m_data.isEmpty() || !m_primaryChart)
        return;
    const double x = chartX(source, scenePos.x());
    const QRectF sourceArea = source->plotArea();
    if (scenePos.x() < sourceArea.left() || scenePos.x() > sourceArea.right()) {
        hideCrosshair();
        return;
    }
    const QDateTime at = fromChartTimeX(x, m_zone);
    const double t = timeX(at);
    const QPalette pal = palette();
    int i = 0;
    for (QChart *chart : {m_primaryChart, m_secondaryChart}) {
        const TimelinePanel &panel = i == 0 ? m_data.primary : m_data.secondary;
        if (!m_crossLine[i]) {
            m_crossLine[i] = new QGraphicsLineItem(chart);
            m_crossLine[i]->setZValue(30);
            m_crossBox[i] = new QGraphicsRectItem(chart);
            m_crossBox[i]->setZValue(31);
            new QGraphicsSimpleTextItem(m_crossBox[i]);
        }
        const QRectF area = chart->plotArea();
        const QDateTimeAxis *axis = i == 0 ? m_primaryX : m_secondaryX;
        const double from = double(axis->min().toMSecsSinceEpoch());
        const double to = double(axis->max().toMSecsSinceEpoch());
        const qreal px = area.left() + (x - from) / std::max(1.0, to - from) * area.width();
        m_crossLine[i]->setPen(QPen(pal.color(QPalette::Text), 0.8, Qt::DotLine));
        m_crossLine[i]->setLine(px, area.top(), px, area.bottom());
        QStringList lines{formatInZone(at, m_zone, u"HH:mm")};
        for (const TimelineSeries &s : panel.series) {
            if (lines.size() > MaxHoverLines || (s.comparison && !m_comparisonVisible))
                continue;
            if (const auto v = valueAt(s, t))
                lines << u"%1: %2 %3"_s.arg(s.name, formatValue(*v, panel.decimals), panel.unit);
        }
        auto *text = static_cast<QGraphicsSimpleTextItem *>(m_crossBox[i]->childItems().first());
        text->setText(lines.join(u'\n'));
        text->setBrush(pal.color(QPalette::Text));
        const QRectF r = text->boundingRect().adjusted(-4, -2, 4, 2);
        m_crossBox[i]->setRect(r);
        QColor fill = pal.color(QPalette::Base);
        fill.setAlpha(230);
        m_crossBox[i]->setBrush(fill);
        m_crossBox[i]->setPen(QPen(pal.color(QPalette::Mid)));
        const qreal left = px + 8 + r.width() < area.right() ? px + 8 : px - 8 - r.width();
        m_crossBox[i]->setPos(left - r.left(), area.top() + area.height() / 3 - r.top());
        const bool show = !panel.isEmpty() && chart->isVisible();
        m_crossLine[i]->setVisible(show);
        m_crossBox[i]->setVisible(show);
        ++i;
    }
}

void TimelineCharts::hideCrosshair()
{
    for (int i = 0; i < 2; ++i) {
        if (m_crossLine[i]) {
            m_crossLine[i]->hide();
            m_crossBox[i]->hide();
        }
    }
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

void TimelineCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPaletteColors();
        if (!m_data.isEmpty() && !m_pending)
            applyData(); // markers and labels take the new text colour
    }
}

void TimelineCharts::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateSecondaryVisibility();
    updateAxisFormat();
}

void TimelineCharts::applyPaletteColors()
{
    // Charts follow the window's palette: a dark palette gets dark charts.
    if (!m_primaryChart)
        return; // built with the palette of their day
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(isDark(pal) ? 90 : 120);
    for (QChart *chart : {m_primaryChart, m_secondaryChart}) {
        chart->setBackgroundBrush(pal.base());
        chart->setBackgroundPen(Qt::NoPen);
        chart->setTitleBrush(text);
        chart->legend()->setLabelColor(text);
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(pal.color(QPalette::Mid));
        }
    }
    for (QChartView *view : {m_primaryView, m_secondaryView})
        view->setBackgroundBrush(pal.base());
}

void TimelineCharts::updateAxisFormat()
{
    // Labels that fit: about one per 110 px, with the date only when the range spans days.
    if (!m_primaryChart)
        return;
    const qint64 span = m_primaryX->min().msecsTo(m_primaryX->max());
    const QString format = span > 36LL * 3600 * 1000 ? u"MM-dd HH:mm"_s : u"HH:mm"_s;
    const int ticks = std::clamp(m_primaryView->width() / 110, 3, 12);
    for (QDateTimeAxis *x : {m_primaryX, m_secondaryX}) {
        if (x->format() != format)
            x->setFormat(format);
        if (x->tickCount() != ticks)
            x->setTickCount(ticks);
    }
    if (m_data.from.isValid()) {
        const QDateTime from = rangeFrom().toTimeZone(m_zone);
        const QDateTime to = rangeTo().toTimeZone(m_zone);
        QString note =
            tr("Times in %1, %2 – %3.  Drag to zoom, wheel or +/- to zoom, arrows to pan, 0 to "
               "return.")
                .arg(zoneName(m_zone, from), from.toString(u"yyyy-MM-dd HH:mm"_s),
                     to.toString(from.date() == to.date() ? u"HH:mm"_s : u"yyyy-MM-dd HH:mm"_s));
        if (!m_data.secondary.isEmpty() && m_secondaryView->isHidden())
            note += u"  "_s + tr("“%1” shows when the pane is taller.").arg(m_data.secondary.title);
        m_axisNote->setText(note);
    }
}

void TimelineCharts::updateSecondaryVisibility()
{
    // Two charts squeezed into a short pane show neither's labels: below the height both
    // need, only the playbook's own chart is drawn (the other keeps its data).
    constexpr int BothChartsHeight = 380;
    if (!m_primaryChart)
        return;
    const bool show = !m_data.secondary.isEmpty() && height() >= BothChartsHeight;
    if (m_secondaryView->isHidden() == show) {
        m_secondaryView->setVisible(show);
        hideCrosshair();
    }
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

void TimelineCharts::planPanel(std::deque<std::function<void()>> &steps, QChart *chart,
                               QDateTimeAxis *x, QValueAxis *y, const TimelinePanel &panel,
                               const std::shared_ptr<const TimelineData> &data,
                               const std::shared_ptr<std::pair<int, int>> &counts)
{
    // `panel` lies in `data`, which every step holds: the steps point at its series.
    const auto peak = [](const TimelineSeries &ts) {
        double m = 0;
        for (const QPointF &p : ts.points)
            m = std::max(m, p.y());
        return m;
    };
    // The scale is the affected series' (and its siblings'); a context series that would
    // squash it (a noisy unrelated route) is left out rather than dominating the chart.
    double yMax = 0;
    for (const TimelineSeries &ts : panel.series) {
        if (!ts.context && (!ts.comparison || m_comparisonVisible))
            yMax = std::max(yMax, peak(ts));
    }
    QList<const TimelineSeries *> shown;
    for (const TimelineSeries &ts : panel.series) {
        if (ts.comparison && !m_comparisonVisible)
            continue;
        if (ts.context && yMax > 0 && peak(ts) > yMax * 1.25)
            continue;
        shown.append(&ts);
    }
    for (const TimelineSeries *ts : std::as_const(shown))
        yMax = std::max(yMax, peak(*ts));
    // The axes get their final ranges first: a series attached to axes whose range then
    // changes is laid out again, so filling before ranging costs O(series²) layouts.
    yMax = yMax > 0 ? yMax * 1.1 : 1.0;
    steps.push_back([this, chart, x, y, yMax, data, &panel] {
        clearChart(chart);
        chart->setTitle(panel.title);
        y->setTitleText(panel.unit);
        y->setRange(0, yMax);
        y->applyNiceNumbers(); // round ticks: 0, 250, 500 … not 4325, 3244
        y->setLabelFormat(panel.decimals > 0 || y->max() < 5 ? u"%.1f"_s : u"%.0f"_s);
        if (data->from.isValid() && data->to.isValid())
            x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(toChart(data->from))),
                        QDateTime::fromMSecsSinceEpoch(qint64(toChart(data->to))));
    });
    const bool anyEmphasis = std::any_of(shown.cbegin(), shown.cend(),
                                         [](const TimelineSeries *s) { return s->emphasised; });
    for (qsizetype i = 0; i < shown.size(); ++i) {
        const TimelineSeries *ts = shown.at(i);
        QColor color = ts->emphasised ? QColor(0xd8, 0x1b, 0x60) : seriesColor(int(i));
        qreal width = ts->emphasised ? 2.6 : 1.4;
        if (anyEmphasis && !ts->emphasised) {
            color.setAlpha(isDark(palette()) ? 140 : 110); // the others stay as context
            width = 1.1;
        }
        steps.push_back([this, chart, x, y, ts, data, color, width, counts] {
            auto *series = new QLineSeries;
            series->setName(ts->name);
            QList<QPointF> points;
            points.reserve(ts->points.size());
            for (const QPointF &p : ts->points)
                points.append(QPointF(toChart(fromTimeX(p.x())), p.y()));
            series->replace(points); // one call: one repaint, not one per point
            QPen pen(color);
            pen.setWidthF(width);
            if (ts->comparison)
                pen.setStyle(Qt::DotLine);
            series->setPen(pen);
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
            ++counts->first;
        });
    }
    steps.push_back([this, chart, x, y, data, counts] {
        counts->second += addMarkers(chart, x, y, y->max(), *data); // to the nice top tick
    });
}

std::deque<std::function<void()>> TimelineCharts::planApply()
{
    m_pending = false;
    const auto data = std::make_shared<const TimelineData>(m_data);
    auto counts = std::make_shared<std::pair<int, int>>(0, 0); // data series, marker series
    std::deque<std::function<void()>> steps;
    hideCrosshair();
    m_zone = zoneFor(m_display);
    fillZoneChoice();
    m_empty->setVisible(data->isEmpty());
    m_wholeWindow->setVisible(data->focusFrom.isValid());
    m_axisNote->setVisible(!data->isEmpty());
    m_zoneChoice->setVisible(!data->isEmpty());
    if (data->isEmpty() && !m_primaryChart) {
        steps.push_back([this] {
            m_dataSeries = 0;
            m_markerSeries = 0;
            emit dataApplied();
        });
        return steps;
    }
    ensureCharts();
    m_primaryView->setVisible(!data->primary.isEmpty());
    updateSecondaryVisibility();
    // The zone is named once, under the top chart (the taller one; both share its axis): a
    // title under the lower one would take the room its labels need in a short window.
    m_primaryX->setTitleText(tr("Time (%1)").arg(zoneName(m_zone, data->to)));
    planPanel(steps, m_primaryChart, m_primaryX, m_primaryY, data->primary, data, counts);
    planPanel(steps, m_secondaryChart, m_secondaryX, m_secondaryY, data->secondary, data, counts);
    steps.push_back([this, counts] {
        m_dataSeries = counts->first;
        m_markerSeries = counts->second;
        applyPaletteColors();
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
    if (!from.isValid() || !to.isValid() || from >= to || !m_primaryChart)
        return;
    // The axis works in "chart time": the local time that reads like the shown zone's time.
    m_primaryX->setRange(QDateTime::fromMSecsSinceEpoch(qint64(toChart(from))),
                         QDateTime::fromMSecsSinceEpoch(qint64(toChart(to))));
    syncFrom(m_primaryX);
}

QDateTime TimelineCharts::rangeFrom() const
{
    if (!m_primaryChart)
        return {};
    return fromChartTimeX(double(m_primaryX->min().toMSecsSinceEpoch()), m_zone);
}

QDateTime TimelineCharts::rangeTo() const
{
    if (!m_primaryChart)
        return {};
    return fromChartTimeX(double(m_primaryX->max().toMSecsSinceEpoch()), m_zone);
}

void TimelineCharts::resetZoom()
{
    if (!m_primaryChart)
        return;
    m_primaryChart->zoomReset();
    m_secondaryChart->zoomReset();
    if (!m_wholeWindow->isChecked() && m_data.focusFrom.isValid())
        setTimeRange(m_data.focusFrom, m_data.focusTo);
    else if (m_data.from.isValid() && m_data.to.isValid())
        setTimeRange(m_data.from, m_data.to);
}

void TimelineCharts::setWholeWindow(bool whole)
{
    if (m_wholeWindow->isChecked() == whole)
        resetZoom();
    else
        m_wholeWindow->setChecked(whole); // resets the zoom
}

bool TimelineCharts::isWholeWindow() const
{
    return m_wholeWindow->isChecked() || !m_data.focusFrom.isValid();
}

void TimelineCharts::zoom(double factor)
{
    if (factor <= 0 || !m_primaryChart)
        return;
    const qint64 from = m_primaryX->min().toMSecsSinceEpoch();
    const qint64 to = m_primaryX->max().toMSecsSinceEpoch();
    const qint64 centre = from + (to - from) / 2;
    const qint64 half = qint64((to - from) / 2 / factor);
    m_primaryX->setRange(QDateTime::fromMSecsSinceEpoch(centre - half),
                         QDateTime::fromMSecsSinceEpoch(centre + half));
}

void TimelineCharts::syncFrom(QDateTimeAxis *source)
{
    if (m_syncing)
        return;
    m_syncing = true;
    QDateTimeAxis *other = source == m_primaryX ? m_secondaryX : m_primaryX;
    if (other->min() != source->min() || other->max() != source->max())
        other->setRange(source->min(), source->max());
    m_syncing = false;
}

double TimelineCharts::toChart(const QDateTime &utc) const
{
    return chartTimeX(utc, m_zone);
}

QTimeZone TimelineCharts::zoneFor(TimeDisplay display) const
{
    switch (display) {
    case TimeDisplay::Customer:
        if (m_data.customerZone.isValid())
            return m_data.customerZone;
        break;
    case TimeDisplay::Local:
        return QTimeZone::systemTimeZone();
    case TimeDisplay::Utc:
        break;
    }
    return QTimeZone::utc();
}

void TimelineCharts::fillZoneChoice()
{
    const QDateTime at = m_data.to.isValid() ? m_data.to : QDateTime::currentDateTimeUtc();
    const QSignalBlocker blocker(m_zoneChoice);
    m_zoneChoice->clear();
    if (m_data.customerZone.isValid()) {
        m_zoneChoice->addItem(tr("Customer: %1").arg(zoneName(m_data.customerZone, at)),
                              int(TimeDisplay::Customer));
    }
    m_zoneChoice->addItem(tr("UTC"), int(TimeDisplay::Utc));
    m_zoneChoice->addItem(tr("Local: %1").arg(zoneName(QTimeZone::systemTimeZone(), at)),
                          int(TimeDisplay::Local));
    // Without a customer zone the customer's choice shows UTC, and comes back with the next
    // ticket that names one.
    const TimeDisplay shown = m_display == TimeDisplay::Customer && !m_data.customerZone.isValid()
                                  ? TimeDisplay::Utc
                                  : m_display;
    m_zoneChoice->setCurrentIndex(m_zoneChoice->findData(int(shown)));
}

void TimelineCharts::setTimeDisplay(TimeDisplay display)
{
    if (display == m_display && zoneFor(display) == m_zone)
        return;
    m_display = display;
    const QDateTime from = rangeFrom();
    const QDateTime to = rangeTo();
    const bool hadRange = !m_data.isEmpty() && !m_pending;
    if (m_pending || m_data.isEmpty()) {
        m_zone = zoneFor(display);
        fillZoneChoice();
        return; // applied with the data
    }
    setData(m_data);
    if (hadRange)
        setTimeRange(from, to);
}

QString TimelineCharts::axisTitle() const
{
    if (!m_primaryX)
        return {};
    return m_primaryX->titleText();
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
