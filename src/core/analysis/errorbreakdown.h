#pragma once

#include "core/analysis/analysisutil.h"
#include "core/analysis/changepoint.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

// error_breakdown in three steps: the facts read from the evidence, a pure judgement over them
// (which causes the failures support, how strongly, with which refs) and the wording.
namespace Casefile::Analysis {

struct ErrorBreakdownFacts
{
    ErrorProfile profile; // the error_breakdown table
    OrgScope scope;       // org_comparison, when asked (in the minutes of the largest burst)
    OrgScope serverScope; // the same in the minutes of the provider errors
    // Error-rate series were fetched and none of them changed in the window.
    bool errorSeriesFlat = false;
    // The route whose request volume jumped (error_series by route), if one did.
    std::optional<VolumeChange> volume;
    // When the 429s went to one provider/model: the route whose traffic rose in their own
    // minutes against the hours before, when they were served without a refusal. Evidence in
    // the refusals' scope, whatever their share of all the failures.
    std::optional<VolumeChange> rateVolume;
    // The config the rejected (4xx) requests used, as "config:<id>" ('' when unknown), and
    // whether another config of the org on the same provider works.
    QString clientConfigRef;
    bool clientConfigSpecific = false;
    // The share of that config's requests that were rejected (0 when unknown).
    double clientConfigRejectedShare = 0;
    // A fetched doc page naming the status and error code of the largest client-error group:
    // the documented limit or policy those requests ran into ('' ref when none).
    QString clientDocRef;
    QString clientDocTitle;
    QString clientDocQuote;
    // The page names a refusal of what the requests asked for (401, 403, 404: a key, a
    // permission, a model), not a limit they ran into: it explains a wrong config, never a
    // documented limit the org met.
    bool clientDocNamesTarget = false;
    // The requests were refused 404 for their model and the config they used asks its targets
    // for another model id than the logs carry: the id the config sends ('' otherwise).
    QString clientConfigModel;
    // A fetched doc page naming the 429s' status and error code (a key's limit, a budget): the
    // limit those requests ran into ('' when none).
    QString rateDocRef;
    // The config the refused (429) requests used, when most of them went to one provider/model
    // ('' when unknown or spread).
    QString rateConfigRef;
    bool rateConfigOfSeveral = false; // the org sends through several configs
    // The refusals are one run that began hours into the window, none before it: something new,
    // not the org's background of 429s.
    bool rateRunBegan = false;
    // The config that carries most of the route (or provider) whose traffic rose with the
    // refusals, when the refusals themselves are spread over the org's configs: the job that
    // pushed the org over its limit ('' otherwise).
    QString rateJobConfigRef;
    // a config of the org's edited just before the failures began, and its largest max_tokens
    std::optional<ConfigEdit> rateConfigEdit;
    double rateConfigMaxTokens = 0;
    // The config the failing requests used, edited just before their failures began.
    std::optional<ConfigEdit> configEdit;
    // The config the provider errors (5xx, timeouts) came through, whether another config of
    // the org on the same provider works, and the shortest request_timeout it sets (ms, 0: none).
    QString serverConfigRef;
    bool serverConfigSpecific = false;
    double serverConfigTimeoutMs = 0;
    // The customer's own server that config sends its requests to (a target's custom_host,
    // e.g. a self-hosted model behind an OpenAI-format provider); '' when it uses the
    // provider's API.
    QString serverConfigHost;
    // The playbook asks whether the customer's requests are at fault even when few failed.
    bool expectsClientVerdict = false;
    // The ticket complains of slowness: of the failures only the refusals (429) are a cause of
    // their own, felt as slow calls while the client retries them; the other failures are the
    // change detector's to weigh.
    bool refusalsOnly = false;
    // The latency of served requests rose on a provider or model other than the refused one:
    // the refusals are then not all that slowed the calls down.
    bool servedSlower = false;
    // The org's traffic follows a daily cycle: when it rises on the last day of the window
    // (invalid: no cycle, or too few days to tell). Failures counted, not their share, then
    // rise at that hour every day.
    struct TrafficRise
    {
        QDateTime at;
        bool dayBefore = false; // the series covers the same hour the day before
    };
    TrafficRise trafficRise;
    // For the wording.
    QDateTime reference;
    QString orgName;
};

// The hour of the day (UTC) at which a daily traffic cycle rises, from request counts at
// `times`: each hour's mean over the series, the first hour after the quietest one that reaches
// halfway to the busiest. -1 without two days of every hour, or when the busiest hour is not
// well above the quietest (no cycle).
int dailyRiseHour(const QList<QDateTime> &times, const QList<double> &requests);

// What the figures are, before any cause is weighed.
enum class ErrorLevel {
    NoErrors,   // nothing failed
    Background, // a steady low failure share, unchanged through the window
    Normal,     // too few failures to be a finding
    Significant,
};

enum class ServerErrorSpread {
    None,        // too few 5xx to say anything
    OneProvider, // concentrated on one provider/model
    Spread,      // spread over providers: the gateway rather than one provider
};

struct CauseVerdict
{
    bool proposed = false;
    double score = 0.0;
    QStringList refs;
};

struct ErrorBreakdownVerdict
{
    ErrorLevel level = ErrorLevel::NoErrors;
    bool onlyThisOrg = false; // other orgs in the comparison had no failures
    CauseVerdict rateLimited; // 429 dominate
    bool volumeJump = false;  // the rate limiting follows a route's traffic jump
    ServerErrorSpread server = ServerErrorSpread::None;
    CauseVerdict providerOutage; // set when server == OneProvider
    bool othersHit = false;      // other orgs failed too (provider errors)
    bool othersFine = false;     // other orgs were compared and not hit
    // The provider errors came through one config, edited just before they began, while the
    // org's other configs on that provider worked: the edit, not the provider.
    CauseVerdict editedConfig;
    // The provider errors came through a config whose target is the customer's own server
    // (custom_host) while other orgs on that provider were fine: that server failed.
    CauseVerdict ownServer;
    CauseVerdict invalidRequests;
    bool invalidAfterEdit = false; // the rejected requests' config was edited just before
    // the rejections are what a doc page describes for some requests of a config that serves
    // the others: the documented behaviour, not a wrong config
    bool invalidDocumented = false;
    bool rejectInvalidRequests = false; // few 4xx and the playbook asks about them
};

// Bounds the spans of the failure groups (and of the provider errors) on `change`'s provider
// or model to the burst it detected, where a group's first or last failure lies more than 30
// minutes outside it (background failures of the rest of the window).
void boundToBurst(ErrorProfile &profile, const SeriesChange &change);

// Error-rate series were fetched and none of them changed in the window: whatever failed,
// failed at the org's usual rate.
bool errorSeriesFlat(const AnalysisInput &input);

// errorProfile() with its spans bounded to the first error-rate rise detected, if any.
ErrorProfile burstProfile(const AnalysisInput &input);

// The fetched config `ref` and its targets (its strategy's settings sit on the first, each
// target's on its own); empty when it was not fetched.
QList<QJsonObject> configNodes(const AnalysisInput &input, const QString &ref);
// The shortest request_timeout (ms) the fetched config `ref` sets; 0 when none or not fetched.
double shortestTimeout(const AnalysisInput &input, const QString &ref);
// The custom_host of the fetched config `ref`'s targets (the customer's own server); ''
// when its targets use the provider's API or it was not fetched.
QString ownServerHost(const AnalysisInput &input, const QString &ref);

// The facts of an input; nullopt when the error_breakdown table is absent.
// One config failing while another config of the org on the same provider works: its error
// rate is a few percent at most, or well under the failing config's (a big org's background of
// a few percent is every config's).
bool configSpecific(const QList<ConfigTraffic> &traffic, const QString &config,
                    const QString &provider);

std::optional<ErrorBreakdownFacts> gatherErrorBreakdown(const AnalysisInput &input);

// Pure: the verdict of the facts. No text for people.
ErrorBreakdownVerdict judgeErrorBreakdown(const ErrorBreakdownFacts &facts);

// How much 4xx answers say about the customer's own config: a missing model or a refused key
// names what the customer sent; a malformed request can as well be our translation of it, and
// 4xx that other organisations get too are not any one customer's doing.
double clientErrorScore(const ErrorProfile &p, const OrgScope &scope, bool configSpecific);

} // namespace Casefile::Analysis
