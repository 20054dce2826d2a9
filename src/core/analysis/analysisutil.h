#pragma once

#include "core/analysis.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// Helpers shared by the analyzers: finding evidence by what was asked (connector +
// operation, never by step id, so user playbooks may name steps freely), reading the
// evidence payloads of docs/operations.md defensively, and formatting numbers and times the
// way summaries and replies show them. Everything here is pure and thread-safe.
namespace Casefile::Analysis {

struct FoundEvidence
{
    const StepData *step = nullptr;
    const Evidence *evidence = nullptr;
};

// Evidence of every finished step that asked `connector` for `operation`, in step-id order.
QList<FoundEvidence> findEvidence(const AnalysisInput &input, QStringView connector,
                                  QStringView operation);
// Steps that asked for connector/operation (whatever their status).
QList<const StepData *> stepsAsking(const AnalysisInput &input, QStringView connector,
                                    QStringView operation);
// True when at least one step asked for it and none of them finished ok: the data is
// missing, not empty.
bool dataMissing(const AnalysisInput &input, QStringView connector, QStringView operation);
bool dataPresent(const AnalysisInput &input, QStringView connector, QStringView operation);

// Numbers arrive as JSON numbers or, for ClickHouse UInt64, as strings.
double toNumber(const QJsonValue &value, double fallback = 0.0);

// A `table` evidence payload: {"columns": [...], "rows": [[...], ...], "refs": [...]}.
class Table
{
public:
    Table() = default;
    explicit Table(const QJsonObject &data);

    int rowCount() const { return int(m_rows.size()); }
    bool hasColumn(QStringView name) const { return column(name) >= 0; }
    int column(QStringView name) const;
    QJsonValue value(int row, QStringView name) const;
    double number(int row, QStringView name, double fallback = 0.0) const;
    QString text(int row, QStringView name) const;
    QDateTime time(int row, QStringView name) const;
    QString ref(int row) const; // the parallel `refs` array, or a `ref` column
    const QJsonObject &data() const { return m_data; }

private:
    QJsonObject m_data;
    QStringList m_columns;
    QJsonArray m_rows;
    QJsonArray m_refs;
};

// One series of a `timeseries` evidence payload.
struct Series
{
    QJsonObject labels;
    QStringList columns;
    QList<QDateTime> times;
    QList<QJsonArray> points;
    int bucketSeconds = 0;

    int size() const { return int(times.size()); }
    double value(int i, QStringView column, double fallback = 0.0) const;
};
QList<Series> seriesOf(const Evidence &evidence);

// An ISO-8601 string or Unix seconds, as UTC; invalid when absent.
QDateTime timeOf(const QJsonValue &value);

// Events of an `events` evidence payload.
QList<QJsonObject> eventsOf(const Evidence &evidence);

// "09:14 UTC"; with the date ("2026-11-19 09:14 UTC") when it is not the reference's day.
QString clock(const QDateTime &time, const QDateTime &reference = {});
// "19:46 UTC\u201321:04 UTC"; the end's date is given whenever it is not the start's ("19:46
// UTC\u20132026-12-03 19:38 UTC"), so a range over midnight never reads as ending before it
// starts.
QString clockRange(const QDateTime &from, const QDateTime &to, const QDateTime &reference = {});
QString formatMs(double ms);            // "340 ms", "1.2 s", "45 s"
QString formatShare(double share);      // 0.384 -> "38%", 0.0031 -> "0.3%"
QString formatCount(double count);      // 12345 -> "12,345"
QString formatDuration(qint64 seconds); // "2 min", "1 h 34 min"

// A page's paragraphs (its lines), each split into sentences: a sentence ends at ".", "!" or
// "?" before a space and a capital letter, so "e.g. `eu.anthropic…`" stays inside its sentence.
QList<QStringList> paragraphSentences(const QString &text);
// `text` cut to at most `max` characters at a word, never inside one, ending in "…" when cut.
QString cutAtWord(const QString &text, qsizetype max);

// Lowercase words of at least three letters/digits, without common English and HTTP filler
// words; paths and identifiers are split on '/', '_', '-', '.'.
QStringList wordsOf(const QString &text);
// A docs line or sentence as read: without bold markers, surrounding space or a list bullet
// ("- **values at most 128 characters**" -> "values at most 128 characters").
QString plainDocLine(const QString &line);
// Words naming a thing ("/v1/analytics" -> ["analytics"]): route segments without versions.
QStringList routeWords(const QString &route);

// A later release of a client SDK ("portkey-python/1.13.0" -> the release "portkey-python
// v1.13.1") published before `before`, from the releases the steps read; the one whose notes
// speak of the SDK's version or of `topic` first, then the earliest. Empty ref: none.
struct SdkRelease
{
    QString ref;     // github:release:<tag>
    QString package; // "portkey-python"
    QString version; // "1.13.1"
    QDateTime published;
    QString quote;      // the line of its notes that names the version or the topic
    QString evidenceId; // the releases read
};
SdkRelease laterSdkRelease(const AnalysisInput &input, const QString &sdk, const QString &topic,
                           const QDateTime &before);
// Tells `fix` in the hypothesis: "; portkey-node 2.7.0, released 2030-10-28, fixes this: “…”"
// and its phrase-book clause (sdk.fixed_release).
void tellFixedRelease(Hypothesis &h, const SdkRelease &fix);
// The release of that very version ("portkey-node/3.0.0" -> "portkey-node v3.0.0") whose notes
// speak of `topic`: its own account of what it changed. Empty ref: none.
SdkRelease ownSdkRelease(const AnalysisInput &input, const QString &sdk, const QString &topic);
// Cites `own` in the hypothesis: its ref, "; the release notes of portkey-node 3.0.0 say: “…”" and
// its phrase-book clause (sdk.own_release).
void citeOwnRelease(Hypothesis &h, const SdkRelease &own);

// A docs line that names a client SDK's package and a version bound this version falls under
// ("| portkey-python | before 1.5.0 | not sent |", "versions older than 1.5 do not send
// metadata"), on a page that speaks of `topic`: the documented gap of that version.
struct SdkDocumentedGap
{
    QString ref;  // docs:<path>
    QString line; // the line, without table pipes
};
// `pages`: docs items (`ref`, `text`).
SdkDocumentedGap sdkDocumentedGap(const QList<QJsonObject> &pages, const QString &sdk,
                                  const QString &topic);

double median(QList<double> values);
// The key with the largest value ('' for an empty map; the first key in order on a tie).
QString largestKey(const QMap<QString, double> &counts);

// "route /v1/analytics", "provider anthropic", "all traffic".
QString describeLabels(const QJsonObject &labels);
// "route:/v1/analytics" for a series' labels ('' for an ungrouped series).
QString refForLabels(const QJsonObject &labels);
// "github:deployment:447" -> "447".
QString refId(const QString &ref);
// A gateway config's evidence data: its ref ("config:cfg-prod", from `ref` or else
// `config_id`) and its bare id ("cfg-prod", from `config_id` or else the ref).
QString configRefOf(const QJsonObject &data);
QString configIdOf(const QJsonObject &data);
// Whether a config target is itself a strategy (loadbalance, fallback) over targets of its own.
bool isGroup(const QJsonObject &target);
// A config node's strategy mode, lower case ("fallback", "loadbalance", "single"): from
// `strategy.mode`, else a bare `mode`; '' when it has neither.
QString strategyMode(const QJsonObject &node);

// The provider a model name belongs to ("claude-sonnet-4-6" -> "anthropic"), or ''.
QString providerOfModel(const QString &model);
// Whether a status page's key and a provider id from the logs name one vendor: "mistral" and
// "mistral-ai", "azure" and "azure-openai" (Azure's page, not OpenAI's), "aws" and "bedrock",
// "google" and "gemini" or "vertex-ai".
bool sameVendor(const QString &page, const QString &provider);
// The vendor a provider id or a page key names by its first word: "azure-openai" -> "azure",
// "mistral-ai" and "mistralai" -> "mistral", "bedrock" -> "aws", "vertex-ai" -> "google".
QString vendorOf(const QString &name);

// Markdown-escapes text that came from a ticket or an API (not our own sentences).
QString escapeMarkdown(const QString &text);

void appendUnique(QStringList &list, const QString &value);
void appendUnique(QStringList &list, const QStringList &values);

} // namespace Casefile::Analysis

namespace Casefile::Analysis {

// A status or an error code that says the request timed out: 408, 504, 524 (a proxy's
// timeout), or a code naming a timeout ("request_timeout", "upstream_timed_out").
inline bool isTimeoutFailure(int status, QStringView errorCode)
{
    return status == 408 || status == 504 || status == 524 || errorCode.contains(u"timeout") ||
           errorCode.contains(u"timed_out");
}

// The error_breakdown table, summarised.
struct ErrorGroup
{
    QString provider;
    QString model;
    int status = 0;
    QString errorCode;
    double n = 0;
    QDateTime first;
    QDateTime last;

    // refused by a rate limit (429, rate_limited)
    bool isRateLimit() const { return status == 429 || errorCode == u"rate_limited"; }
    // the request timed out (isTimeoutFailure)
    bool isTimeout() const { return isTimeoutFailure(status, errorCode); }
    // the provider's or the network's failure (5xx, 408, provider_*), not the request's
    bool isServerError() const
    {
        return !isRateLimit() &&
               (status >= 500 || status == 408 || errorCode.startsWith(u"provider_"));
    }
};

struct ErrorProfile
{
    bool present = false;
    QString evidenceId;
    double totalRequests = 0;
    double errors = 0;
    double serverErrors = 0;  // 5xx incl. 529 overloaded and 504 timeouts
    double rateLimited = 0;   // 429
    double clientErrors = 0;  // other 4xx
    QList<ErrorGroup> groups; // largest first
    // Provider/model carrying at least 60% of the 5xx, or '' when spread out.
    QString serverProvider;
    QString serverModel;
    QDateTime serverFirst;
    QDateTime serverLast;
    QStringList serverProviders; // every provider with 5xx
    QString clientProvider;
    QString clientModel;
    QStringList clientCodes;
    QDateTime rateFirst;
    QDateTime rateLast;
    // The window's first refusal when it came long before the burst rateFirst was bounded to
    // (yesterday's run of 429s); invalid otherwise.
    QDateTime rateEarlier;
    // The error code of the largest 429 group ("rate_limited", "budget_exceeded", ...), and its
    // provider/model when that group holds at least 80% of the 429s, its provider alone when that
    // provider's groups do ('' otherwise).
    QString rateCode;
    QString rateProvider;
    QString rateModel;

    double rate() const { return totalRequests > 0 ? errors / totalRequests : 0.0; }
};
ErrorProfile errorProfile(const AnalysisInput &input);

// org_comparison: how the ticket's org compares with the others in the same window.
struct OrgScope
{
    bool present = false;
    QString evidenceId;
    QString org;
    bool orgFound = false;
    double orgRequests = 0;
    double orgErrorRate = 0;
    double orgP95 = 0;
    int otherOrgs = 0;
    int otherOrgsWithErrors = 0; // >= 5% errors (10+), or 30+ at half this org's share (1%+)
    double othersErrorRate = 0;  // request-weighted
    double othersMedianP95 = 0;
    // Compared in the minutes of this org's failure burst (error series grouped by org), not
    // over the whole window: the error figures above are then those of [burstFrom, burstTo).
    bool timeResolved = false;
    QDateTime burstFrom;
    QDateTime burstTo; // invalid: the burst lasts to the end of the window
};
// The org comparison: in the minutes of the org's own error-rate burst when the evidence has
// error series grouped by org (every org's traffic) and the org's own series show a burst, else
// over the whole window (org_comparison).
OrgScope orgScope(const AnalysisInput &input);
// The same in the minutes of [from, to) (to invalid: to the end of the window): a second cause
// is compared in its own minutes. Over the whole window without series by org.
OrgScope orgScopeIn(const AnalysisInput &input, const QDateTime &from, const QDateTime &to);

// Pure: `scope` with its error figures replaced by those of the buckets of `byOrg` (error
// series labelled by org) that overlap [from, to) (to invalid: open-ended). Another org is hit
// when, in those buckets, it has 5 failed requests or more at 5% or at half this org's share,
// and at least twice its own rate outside them plus a point, in at least half of those buckets:
// a steady background rate is not a burst, and another org's burst at other times, or a shorter
// one of another cause inside a long burst of this org, does not count. `ownRate`/`ownRequests`
// stand for this org when `byOrg` has no series for it.
OrgScope compareInBurst(OrgScope scope, const QList<Series> &byOrg, const QDateTime &from,
                        const QDateTime &to, double ownRequests = 0, double ownErrors = 0);

// A documentation page the investigation fetched (docs search or fetch), once per page.
struct DocPage
{
    QString ref; // docs:<path>
    QString title;
    QString text;
    QString evidenceId{}; // the evidence that carried it
};
QList<DocPage> fetchedDocPages(const AnalysisInput &input);

// The org's traffic per routing config (traffic_overview rows: config_id, provider, model, n,
// errors): which configs the failing requests actually used.
struct ConfigTraffic
{
    QString configId;
    QString provider;
    QString model;
    double requests = 0;
    double errors = 0;
    QString evidenceId;
    double errorRate() const { return requests > 0 ? errors / requests : 0.0; }
};
QList<ConfigTraffic> configTraffic(const AnalysisInput &input);
// The config whose requests to provider/model ('' = any) failed most (at least 5% and 5
// requests, or most of the org's failures at ten times its other configs' rate), as
// "config:<id>"; '' when no config's requests failed that way.
QString failingConfigRef(const QList<ConfigTraffic> &traffic, const QString &provider,
                         const QString &model);

// The config that carries most (60% or more) of the org's requests whose `column` (route,
// provider) is `value`, from the traffic_overview rows, as "config:<id>"; '' when no config
// carries most of them or the rows do not name configs. Where a route's traffic jumped, the job
// that sends it.
QString configCarrying(const AnalysisInput &input, QStringView column, const QString &value);

// "Gemini fails, Claude works" against the logs: the provider's failures held by one config
// (failingConfigRef) while another config of the organisation's sends it a tenth or more of its
// requests (50 at least) at under 2% errors and a fifth of the failing config's rate. The
// failure then follows that config, not the provider.
struct ProviderWorksElsewhere
{
    QString failingConfig; // "config:<id>"
    QString workingConfig; // "config:<id>"
    double workingRequests = 0;
    double workingErrorRate = 0;
};
std::optional<ProviderWorksElsewhere> providerWorksElsewhere(const QList<ConfigTraffic> &traffic,
                                                             const QString &provider);

// A routing config edited shortly before the requests that used it began to fail.
struct ConfigEdit
{
    QString ref; // "config:<id>"
    QDateTime editedAt;
    QDateTime onset; // when its requests began to fail
    QString evidenceId;
    qint64 minutesBefore() const { return editedAt.secsTo(onset) / 60; }
};
// Pure: an edit explains failures that began at `onset` when it was made at most an hour
// before them (or within the two minutes after: clocks and buckets differ).
bool editFitsOnset(const QDateTime &editedAt, const QDateTime &onset);
// The config the failing requests used (config_id in the logs), when the gateway says it was
// edited just before the onset of the org's failures (its error-rate rise, else the first
// failure of the largest group); nullopt otherwise.
std::optional<ConfigEdit> configEditBeforeFailures(const AnalysisInput &input);
// The org's error onset: its strongest error-rate rise, else the first failure of the kind that
// dominates (invalid: none).
QDateTime errorOnset(const AnalysisInput &input);
// The fetched config edited last within the hour before `onset` (or the two minutes after),
// whichever requests failed; nullopt when none was.
std::optional<ConfigEdit> configEditedBefore(const AnalysisInput &input, const QDateTime &onset);

// The provider and model a ticket is about: bound parameters first, then the logs.
QString affectedProvider(const AnalysisInput &input);
QString affectedModel(const AnalysisInput &input);
// The same, for a caller that already holds the input's error profile.
QString affectedProvider(const AnalysisInput &input, const ErrorProfile &errors);
QString affectedModel(const AnalysisInput &input, const ErrorProfile &errors);

// Score of a playbook-specific prior for a category (1.0 = neutral).
double categoryPrior(const QString &playbook, const QString &category);

} // namespace Casefile::Analysis
