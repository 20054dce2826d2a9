#pragma once

#include "core/domain.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>

namespace Casefile {

// What the timeline charts draw, computed from an investigation's evidence on a worker
// thread (buildTimelineData is pure) and handed to the GUI thread as a value.
//
// X values are "chart time": milliseconds chosen so that QDateTimeAxis, which formats in
// local time, shows UTC wall-clock time. Use chartTimeX()/fromChartTimeX() to convert.
struct TimelineSeries
{
    QString name;          // "p95", "p95 route=/v1/analytics", "p95 (a day earlier)"
    QList<QPointF> points; // (chart time, value) in time order
    bool comparison = false;
};

struct TimelineMarker
{
    enum class Kind { Deploy, Release, Incident, Page };
    Kind kind = Kind::Deploy;
    QDateTime from; // UTC
    QDateTime to;   // UTC; invalid for an instant (deploy, release)
    QString ref;    // "github:deployment:447"
    QString title;
    QString evidenceId;
};

struct TimelineData
{
    QDateTime from; // UTC, the investigation window (or the data's extent)
    QDateTime to;
    QList<TimelineSeries> latency;   // milliseconds
    QList<TimelineSeries> errorRate; // percent of requests
    QList<TimelineMarker> markers;
    QDateTime changePoint; // UTC; invalid when none was found
    QString changePointLabel;
    QString latencyEvidenceId;
    QString errorEvidenceId;

    bool isEmpty() const { return latency.isEmpty() && errorRate.isEmpty(); }
};

double chartTimeX(const QDateTime &utc);
QDateTime fromChartTimeX(double x); // UTC

TimelineData buildTimelineData(const Investigation &investigation);

} // namespace Casefile
