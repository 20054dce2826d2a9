#pragma once

#include "core/domain.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>
#include <QTimeZone>

namespace Casefile {

// What the timeline charts draw, computed from an investigation's evidence on a worker
// thread (buildTimelineData is pure) and handed to the GUI thread as a value.
//
// X values are UTC milliseconds since the epoch (timeX()/fromTimeX()); the charts turn them
// into "chart time" for the zone they show (chartTimeX()).
struct TimelineSeries
{
    QString name;          // "p95", "p95 route=/v1/analytics", "p95 (a day earlier)"
    QList<QPointF> points; // (chart time, value) in time order
    bool comparison = false;
    bool emphasised = false; // the affected series: drawn strong, the others dimmed
    bool context = false;    // another route/label for comparison: hidden when it would
                             // dominate the scale of the affected one
};

// One chart: what it measures and its series.
struct TimelinePanel
{
    QString title;    // "Latency of route=/v1/analytics", "Tokens per day: logged vs metered"
    QString unit;     // the y axis: "ms", "%", "tokens", "failures"
    int decimals = 0; // of the y labels and hover values
    QList<TimelineSeries> series;
    QString evidenceId; // the evidence the series come from (the first, when several)

    bool isEmpty() const { return series.isEmpty(); }
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

    QString label() const; // short, for the chart: "deploy #447", "incident: API errors"
};

// The charts of an investigation, chosen by its playbook: latency and error rate for a
// latency spike, error rate per provider/model for API errors, failures per endpoint for
// webhooks, logged vs metered tokens for billing.
struct TimelineData
{
    QDateTime from; // UTC, the investigation window (or the data's extent)
    QDateTime to;
    // The change with context around it, shown first; invalid when there is nothing to
    // zoom to (the whole window is shown).
    QDateTime focusFrom;
    QDateTime focusTo;
    TimelinePanel primary;   // the top chart: what the playbook is about
    TimelinePanel secondary; // below it, on the same time range; may be empty
    QList<TimelineMarker> markers;
    QDateTime changePoint; // UTC; invalid when none was found
    QString changePointLabel;
    QTimeZone customerZone; // the zone the ticket names; invalid when it names none (or UTC)

    bool isEmpty() const { return primary.isEmpty() && secondary.isEmpty(); }
};

double timeX(const QDateTime &time); // UTC milliseconds since the epoch
QDateTime fromTimeX(double x);       // UTC

// QDateTimeAxis formats its values as this machine's local time. Chart time is the value the
// axis reads as the wall clock of `zone` at a UTC instant, and back. Pure and thread-safe;
// near a change of the local or the zone's offset a label can be an hour off, never the
// instant a value stands for (the crosshair and tooltips convert back through the same zone).
double chartTimeX(const QDateTime &utc, const QTimeZone &zone);
QDateTime fromChartTimeX(double x, const QTimeZone &zone); // UTC

// "CET", "PST", "UTC+05:30" (when the zone has no letters of its own), "UTC".
QString zoneAbbreviation(const QTimeZone &zone, const QDateTime &at);
// "Europe/Berlin (UTC+01:00)", "UTC+02:00", "UTC": what an axis title names.
QString zoneName(const QTimeZone &zone, const QDateTime &at);
// `utc` as the wall clock of `zone` in `format`, then the zone's abbreviation.
QString formatInZone(const QDateTime &utc, const QTimeZone &zone, QStringView format);

TimelineData buildTimelineData(const Investigation &investigation);

} // namespace Casefile
