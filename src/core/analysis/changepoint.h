#pragma once

#include "core/analysis.h"
#include "core/analysis/analysisutil.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace Casefile::Analysis {

// A sustained level shift in one sequence of values.
struct LevelShift
{
    bool found = false;
    int start = 0;          // first index of the shifted level
    int end = 0;            // one past the last shifted index (== size while it lasts)
    double before = 0.0;    // median before `start`
    double after = 0.0;     // median of [start, end)
    double z = 0.0;         // rank statistic of the split (Pettitt / Mann-Whitney)
    double sustained = 0.0; // share of [start, end) beyond the midpoint of the two levels
};

// Finds the first upward sustained shift of at least `minRatio` x and `minAbsolute` over the
// baseline, by binary segmentation with a rank-based (Pettitt) split score: robust to single
// spikes and to noise, O(n log n) per level. `minLength` points at least on each side.
// How far a shift's step stands out of the noise of the values before it: the step over their
// robust standard deviation (1.4826 × the median absolute deviation, the last 120 values).
double stepOverNoise(const QList<double> &values, const LevelShift &shift);

LevelShift detectUpwardShift(const QList<double> &values, double minRatio, double minAbsolute,
                             int minLength = 5);

// The first index of a change found at `start` (where the series first stays past the midpoint
// of `before` and `after`): earlier indexes that already left the old level's noise band (a
// change inside a bucket, a ramp) belong to it. At most 10 indexes earlier.
int firstBucketOfChange(const QList<double> &values, int start, double before, double after);
// A latency shift read against the same clock hours of another day of the series: a daily
// cycle (office hours, evening traffic) is a baseline, not a change.
struct DailyComparison
{
    bool compared = false; // another day of the series covers most of the shift's hours
    bool repeats = false;  // those hours rose as much that day: the daily cycle
    QDate otherDay;
    double usual = 0; // that day's level over the same hours
    // a rise above that day's same hours (indices into the values; `before` is that day's
    // level over the same hours), e.g. a provider slowdown on top of the busy hours
    LevelShift onTop;
};
DailyComparison compareWithOtherDays(const QList<QDateTime> &times, const QList<double> &values,
                                     const LevelShift &shift, int minLength);

// The first latency shift of `values` that is not the daily cycle: a shift whose hours rose as
// much on another day of the series is passed over (`cycleDay` then names that day), unless
// something rose on top of it; detection goes on after it.
LevelShift shiftBeyondDailyCycle(const QList<QDateTime> &times, const QList<double> &values,
                                 int minLength, QDate *cycleDay = nullptr);

enum class MetricKind { Latency, ErrorRate, WebhookErrors };

// The verdict on one series of a latency/error/webhook timeseries evidence.
struct SeriesChange
{
    MetricKind kind = MetricKind::Latency;
    QString evidenceId;
    QJsonObject labels;
    QString group;    // "route /v1/analytics" or "all traffic"
    QString groupRef; // "route:/v1/analytics" ('' when ungrouped)
    bool changed = false;
    QDateTime at;  // first bucket of the new level
    QDateTime end; // first bucket back at the old level; invalid while it lasts
    double before = 0.0;
    double after = 0.0;
    double level = 0.0; // median over the whole series (for flat ones)
    double confidence = 0.0;
    qint64 requestsAfter = 0;
    qint64 errorsAfter = 0;
    int points = 0;
    bool median = false;     // a latency shift seen in p50 (a fixed overhead), not in p95
    double clarity = 0.0;    // the step over the noise of the values before it (stepOverNoise)
    QDate cycleDay;          // a rise passed over: the same hours rose as much on this day
    bool firstToken = false; // a time-to-first-token series (streamed responses), not the total

    double ratio() const;
    // A change that was over (back at its old level) by `t`: another episode than a problem
    // that goes on from `t`. False when `t` is invalid or the change lasts.
    bool overBefore(const QDateTime &t) const
    {
        return changed && t.isValid() && end.isValid() && end <= t;
    }
    // The change as one key: metric, group and onset ("error_rate route:/v1/x 2030-05-06T13:00").
    QString key() const;
    QString metricName() const; // "p95", "error rate", "webhook failure rate"
    QString formatValue(double v) const;
    QString describe(const QDateTime &reference) const; // one sentence with numbers and times
    // describe() as phrase-book clauses (change.*): the metric as a term, the group by its
    // label values (routes, models as written), values and times typed.
    QList<Phrase> phrases() const;
    // A series that rose at the same hours on `cycleDay` as in the window, as a clause: "rose
    // at the same hours yesterday too: the daily cycle" when that day is the one before
    // `reference`'s, the date otherwise.
    Phrase cyclePhrase(const QDateTime &reference) const;
    PhraseArg metricTerm() const;                         // "metric": metric.<name>
    PhraseArg value(const QString &name, double v) const; // a latency or a share
    PhraseArg groupNames() const;                         // "group": the label values
};

struct ChangeReport
{
    QList<SeriesChange> series;
    // The most telling change for the playbook (latency first for latency-spike, webhook
    // failures for webhook-failures, else error rate), or nullptr. A first-token rise is the
    // latency change when the total latency stayed flat or the ticket complains of streaming.
    const SeriesChange *primary = nullptr;
    QList<const SeriesChange *> changed() const;
    QList<const SeriesChange *> flat(MetricKind kind) const;
};

// Runs detection over every latency_series, error_series and webhook_series evidence. A
// first-token series is a latency change of its own (`firstToken`), which judgeFirstToken()
// also reads against a total-latency rise.
ChangeReport detectChanges(const AnalysisInput &input);

// The changes of the organisation's series per routing config, which detectChanges leaves to the
// latency scope: groups inside the report's routes and providers, for reading an onset where the
// other configs' traffic does not blur it.
QList<SeriesChange> configChanges(const AnalysisInput &input);

// Where a change that is still going on when a window opens began, read on a coarse series of
// the days before it (hourly buckets of the same query, `evidence`): the level of each series
// in the window's first hours against its usual level before (the lower quartile of the hours
// before the window); when it stands out (an error rate 2x and 2 points above, a p95 1.4x and
// 80 ms above), the onset is the first hour of the run above the midpoint that reaches the
// window. Not when the hours before that run are too few to be a baseline (two), nor, for a
// latency, when the same hours of the day before were as high (a daily cycle). The earliest
// onset of the evidence's series; invalid when none. Series per organisation are skipped.
QDateTime onsetBeforeWindow(const Evidence &evidence, MetricKind kind, const QDateTime &windowFrom);

// Where a change found on coarse buckets (`coarseBucketSeconds`, wider than a minute when a long
// window holds more buckets than a query returns) began, read on `fine`: the same series (same
// query, same labels) in finer buckets around it. The onset is the first fine bucket, from one
// coarse bucket before the change's to two after, that left the old level's band (30% of the
// way to the new level; a failed request at least, for a rate), stays out of it with the next
// bucket, and from which the next five fine buckets together stand past the midpoint (their
// failures over their requests, or the median latency): a lone failure of the background is
// not the onset. Invalid when the fine series does not show the change there.
QDateTime refineOnset(const SeriesChange &change, const Series &fine, int coarseBucketSeconds);

// A copy of `report` in which the change of `series` (an index into report.series) began at
// `at`; `primary` points into the copy's own series.
std::shared_ptr<const ChangeReport> withOnset(const ChangeReport &report, qsizetype series,
                                              const QDateTime &at);

// Whether the ticket's complaint is about streamed responses (streaming, the first token, TTFT,
// in six languages): then a first-token rise is the latency change even beside a total rise.
bool complainsOfStreaming(const Ticket &ticket);

// The input's change report: the one computed once for the analysis (input.changes), else a
// report detected now. Analyzers read the changes through this, never detect them again.
std::shared_ptr<const ChangeReport> changeReport(const AnalysisInput &input);

// The input with its change report computed (a no-op when it already has one).
AnalysisInput withChanges(AnalysisInput input);

// Time to first token of streamed responses against a total-latency rise: when the first token
// comes as fast as before while the total rose, the answers take longer to finish (longer
// completions), the responses are not slower to start.
struct FirstTokenVerdict
{
    bool compared = false; // enough streamed requests before and after the rise
    double before = 0;     // median of the per-bucket p50 time to first token
    double after = 0;
    bool flat = false; // under 1.25x and 80 ms more
};
FirstTokenVerdict judgeFirstToken(const SeriesChange &change, const QList<QDateTime> &times,
                                  const QList<double> &firstTokenP50);

// A sustained rise of request volume (the `n` column) in one group, e.g. a route whose
// traffic grew sixfold: what pushes an organisation over its rate limits.
struct VolumeChange
{
    QString group; // "/v1/embeddings"
    QString ref;   // "route:/v1/embeddings"
    QDateTime at;
    double before = 0; // requests per bucket
    double after = 0;
    QString evidenceId;
};
QList<VolumeChange> detectVolumeChanges(const AnalysisInput &input, QStringView groupKey);
// The group whose volume rose inside [from, to] (the minutes of a burst of 429s): the median
// requests per bucket inside against the buckets before `from`, at least `minRatio` times and
// 5 requests more. Judged on the burst's own minutes, so an hour's jump of a small route at the
// end of two days is seen where a split over the whole series misses it. Largest rise first.
QList<VolumeChange> volumeRisesWithin(const AnalysisInput &input, QStringView groupKey,
                                      const QDateTime &from, const QDateTime &to,
                                      double minRatio = 2.0);

} // namespace Casefile::Analysis
