#pragma once

#include "core/analysis.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// Token reconciliation in three steps: gather typed facts from the Stripe invoices (per line:
// which log column it bills) and the logged usage, judge each token line against its own
// column (pure, no wording), and phrase the verdicts.
namespace Casefile::Analysis {

// How cached prompt tokens are billed.
enum class CachedRule { Unknown, Excluded, Full, Discounted };

// The rule the docs state, and the doc that states it; the usage rules the docs state beside
// it (a minimum billed per invoice, quantities rounded up to a unit), each with its doc.
struct BillingPolicy
{
    CachedRule rule = CachedRule::Unknown;
    double discount = 0.1;
    QString docRef;
    QString evidenceId;
    double minimum = 0; // tokens billed at least per invoice (0: none stated)
    QString minimumRef;
    bool minimumOnInput = false;  // the docs state the minimum for the input tokens line
    bool minimumOnOutput = false; // … for the output tokens line
    double roundTo = 0;           // billed tokens rounded up to a multiple of it (0: none stated)
    QString roundingRef;
    // A page saying that invoices count UTC days whatever the organisation's time zone, so that
    // a day counted in local time differs from the invoice's by the usage between the two
    // midnights ('' when no page says so).
    QString utcDaysRef;
    // The price per token the docs' pricing table gives each invoice line, by the line's name
    // (a table row naming it, with "$2.00 per million" or "0.0002 cents a token").
    struct LinePrice
    {
        QString line; // lower case
        double centsPerToken = 0;
        QString ref;
        QString stated{};     // the table cell, as the page words it
        QString evidenceId{}; // the docs evidence that carried the page
    };
    QList<LinePrice> prices{};
};

// Logged tokens (clickhouse token_usage) over a day or a period.
struct LoggedTokens
{
    double prompt = 0;
    double completion = 0;
    double cached = 0;
    LoggedTokens &operator+=(const LoggedTokens &other);
};

// The log column an invoice line is reconciled with.
enum class LineKind {
    AllTokens, // one meter for prompt + completion tokens, cached ones under the billing rule
    Input,     // prompt tokens (the uncached ones when a cached line bills the rest)
    Output,    // completion tokens
    Cached,    // cached prompt tokens
    Other,     // seats, a support plan, another product's meter: not reconciled
};

struct InvoiceLine
{
    QString id;
    QString name; // what it bills, as Stripe names it (price nickname, lookup key, description)
    LineKind kind = LineKind::Other;
    double quantity = 0;
    QString meter;      // the Stripe meter's id ('' for a licensed line)
    double amount = -1; // what the line bills, in cents (-1: not given)
};

struct MeterDay
{
    QDate day;
    LoggedTokens logged;
    double metered = -1; // the meter's daily summary; -1: none
};

// One meter's summaries over an invoice's period, for the line of that meter.
struct LineReadings
{
    QList<MeterDay> days; // metered: the meter's daily summary (-1: none)
    QList<std::pair<QDateTime, double>> hours;
};

// The logged tokens of one provider, model or config (`by`) over an invoice's period.
struct UsageGroup
{
    QString by;
    QString value;
    LoggedTokens logged;
};

struct InvoiceFacts
{
    QString id;
    QString ref;
    QDateTime from;
    QDateTime to;
    QList<InvoiceLine> lines; // every line, token lines and others
    LoggedTokens logged;      // over the period
    QList<MeterDay> days;     // days of the period with logged usage
    QString meterLine;        // the id of the token line the meter summaries measure ('' none): the
                              // line of the summaries' meter, or else the invoice's only token line
    QList<std::pair<QDateTime, double>> hours; // hourly meter summaries in the period
    QMap<QString, LineReadings> readings;      // by line id: every line whose meter was read
    QList<UsageGroup> groups; // the period's tokens per provider, model or config, when read
    // the same an hour a row (token_usage with bucket hour), when read: the part of the traffic
    // behind a fault that began within a day
    QList<std::pair<QDateTime, UsageGroup>> hourlyGroups;
};

// One config's logged tokens on one day (token_usage grouped by config_id), with the day's
// first and last request through it.
struct ConfigDay
{
    QString config;
    QDate day;
    LoggedTokens logged;
    double requests = 0;
    QDateTime first;
    QDateTime last;
};

struct BillingFacts
{
    QList<InvoiceFacts> invoices;
    BillingPolicy policy;
    QString invoiceEvidence;
    QString usageEvidence;
    QString meterEvidence;
    QList<ConfigDay> configDays; // per config and day, when a step asked for them
    QString configEvidence;
    QString customerId;     // the Stripe customer, when found by the org's e-mail domain
    QStringList notChecked; // in words
};

// --- gather ---
// The kind of a line from its names (meter, price nickname, lookup key, description),
// whether its price is metered and how many metered lines the invoice has.
LineKind lineKind(const QString &names, bool metered, int meteredLines);
// One line of the `lines` array of a stripe invoices row.
InvoiceLine invoiceLine(const QJsonObject &line, int meteredLines);
// What the docs say about billing cached tokens.
BillingPolicy policyFromDocs(const AnalysisInput &input);

// What one sentence of a doc says cached input tokens cost: the rule, the share of the input
// price they are billed at (Discounted only, else 0) and how plainly it is said (0: not at all).
// Read by meaning: "10%", "0.1×", "one tenth of the input rate", "90% off", "free of charge",
// "not charged", "at the full input price".
struct CachedStatement
{
    CachedRule rule = CachedRule::Unknown;
    double share = 0;
    int strength = 0;
};
CachedStatement cachedStatement(const QString &sentence);

// What one sentence of a doc says about billed quantities, read by meaning: a minimum ("a
// minimum of 10M tokens per invoice", "at least 1,000,000 tokens a month are billed") and a
// rounding unit ("rounded up to the next 1,000 tokens", "billed in blocks of a million
// tokens"). 0: not stated. Money amounts ("a minimum charge of $50") are not quantities.
struct UsageStatement
{
    double minimum = 0;
    double roundTo = 0;
    // the one line the sentence states its minimum for ("the input tokens line bills at
    // least …"); neither: the invoice's tokens as a whole
    bool onInput = false;
    bool onOutput = false;
};
UsageStatement usageStatement(const QString &sentence);
// A number of tokens written out: "10M", "1,000,000", "2.5 million", "a thousand" (-1: none).
double tokenCount(const QString &text);
// The quantity a line bills for `billable` tokens under the stated usage rules.
double policyQuantity(double billable, const BillingPolicy &policy);
BillingFacts gatherBilling(const AnalysisInput &input);

// --- judge ---
// The logged tokens a line of `kind` is reconciled with; `cachedLine`: the invoice bills
// cached tokens on a line of their own.
LoggedTokens tokensOfLine(LineKind kind, const LoggedTokens &logged, bool cachedLine);
double billableTokens(const LoggedTokens &tokens, CachedRule rule, double discount);

struct LineVerdict
{
    enum class Outcome {
        Matches,      // within 1% of the logs under the rule
        MeterFault,   // days metered about twice, or not at all
        RuleMismatch, // reproduced by a cached-token rule other than the documented one
        Differs,      // no rule explains it
    };
    InvoiceLine line;
    LoggedTokens logged;                      // the tokens this line is reconciled with
    CachedRule rule = CachedRule::Unknown;    // the one applied
    CachedRule matched = CachedRule::Unknown; // the one that reproduces the quantity
    double expected = 0;
    Outcome outcome = Outcome::Differs;
    bool nothingToExplain = false; // the quantity is the raw logged tokens
    QStringList doubledDays;       // ISO dates
    QStringList droppedDays;
    QDateTime runFrom; // hours metered about twice (Differs above the logs), or hours the
    QDateTime runTo;   // meter missed (Differs below the logs): see runMissing
    bool runMissing = false;
    // Above the logs with no bounded run: the hour from which the meter counts more against the
    // invoice's other meters and keeps doing so to the period's end, and by how much.
    // Below the logs with no silent run: the hour from which it counts less (a factor below 1).
    QDateTime overFrom;
    double overFactor = 0;
    bool againstLogs = false; // read against the logs' hours, no other meter being read
    // the documented usage rules that made `expected` differ from the billable tokens
    bool minimumApplied = false;
    bool rounded = false;
    double diffShare() const;
};

// `days` and `hours`: the meter's summaries of this line; `cachedLine` as for tokensOfLine;
// `reference`: the hourly summaries of the invoice's other meters, the traffic's own daily
// shape against which this meter's hours are read; `loggedHours`: the logs' tokens of the line
// per hour, read against when no other meter was.
LineVerdict judgeLine(const InvoiceLine &line, const LoggedTokens &logged,
                      const BillingPolicy &policy, const QList<MeterDay> &days = {},
                      const QList<std::pair<QDateTime, double>> &hours = {},
                      bool cachedLine = false,
                      const QList<std::pair<QDateTime, double>> &reference = {},
                      const QList<std::pair<QDateTime, double>> &loggedHours = {});

struct InvoiceVerdict
{
    QList<LineVerdict> lines; // the token lines
    QStringList ignored;      // names of the other lines
    int worst = -1;           // the line that does not match the logs (-1: all match)
    // the invoice bills cached tokens on a line of their own: a rule, even where every line
    // bills its raw tokens
    bool cachedSplit = false;
};

InvoiceVerdict judgeInvoice(const InvoiceFacts &facts, const BillingPolicy &policy);

// A token line whose quantity matches the logs but whose price per token is not the one the
// docs' pricing table gives it (5% apart and a dollar on the line at least).
struct PriceDeparture
{
    int line = -1;              // into InvoiceVerdict::lines
    double billedCents = 0;     // per token
    double documentedCents = 0; // per token
    double extraCents = 0;      // the line's amount above the documented one (negative: below)
    QString ref;                // the page stating the price
    QString stated;             // the price as the page words it
    QString evidenceId{};       // the docs evidence that carried the page
};
std::optional<PriceDeparture> judgePrices(const InvoiceVerdict &verdict,
                                          const BillingPolicy &policy);
// The prices a docs page's table gives per line ("| Cached input tokens | … | $0.20 per
// million |"); none when it states no price per token.
QList<BillingPolicy::LinePrice> pricesOfPage(const QString &text, const QString &ref);

// The part of the traffic a line's difference with the logs equals: the tokens of one provider,
// model or config counted twice (`doubled`) or not at all, to within 2% of the line. Empty
// `value`: no part of the traffic alone accounts for it (or the whole of it does).
struct BillingSlice
{
    QString by; // "provider", "model", "config_id"
    QString value;
    double tokens = 0;
    bool doubled = false;
    QString invoiceRef; // billingSliceOf(): the invoice it was read on
    QDateTime since{};  // the tokens are those from then to the period's end (invalid: all)
};
BillingSlice billingSlice(const LineVerdict &v, const QList<UsageGroup> &groups,
                          const BillingPolicy &policy, bool cachedLine);
// The tokens of each group from `from` to the end of the invoice's period, from its hourly
// usage (empty when none was read).
QList<UsageGroup> groupsSince(const InvoiceFacts &f, const QDateTime &from);
// One metered token line of several off while the others match: that line's meter ("cached
// input", "input", "output") as the slice, by "line"; empty otherwise.
BillingSlice lineSlice(const InvoiceVerdict &verdict, int worst);
// The slice behind line `v` of invoice `f`: the part of the traffic its difference equals over
// the period, else (a meter counting more from some hour on) over the hours since.
BillingSlice sliceOfLine(const InvoiceFacts &f, const LineVerdict &v, const BillingPolicy &policy);
// The slice behind the first invoice whose lines do not match the logs, from the steps' data.
BillingSlice billingSliceOf(const BillingFacts &facts);
// The ref of the first invoice whose every line matches the logs with nothing to explain ('' when
// none does), from the steps' data.
QString matchingInvoiceOf(const BillingFacts &facts);

// The traffic of one config moved, within an invoice's period, to another config that bills
// far more tokens a request (under the documented cached-token rule): the old config's last
// request comes within an hour of the new one's first, the new one serves requests at no less
// than 30% of the old one's hourly rate, and bills at least 1.5 times as many tokens a request.
// What changed is read from the tokens: the share of input served from the prompt cache fell
// (the old one's at least 20%, the new one's under a quarter of it), or the completion or
// prompt tokens a request rose 1.5 times or more. `extraTokens`: the tokens the new config
// billed in the period beyond what the old one would have for as many requests.
struct ConfigSwitch
{
    QString from; // the config that had the traffic
    QString to;   // the config that took it
    QDateTime at; // the new config's first request
    LoggedTokens fromPerRequest;
    LoggedTokens toPerRequest;
    double fromBillable = 0; // billable tokens a request
    double toBillable = 0;
    double extraTokens = 0;
    bool cacheFell = false;
    bool completionRose = false;
    bool promptRose = false;
    bool found() const { return !to.isEmpty(); }
    double cachedShare(const LoggedTokens &t) const
    {
        return t.prompt > 0 ? t.cached / t.prompt : 0;
    }
};
ConfigSwitch judgeConfigSwitch(const QList<ConfigDay> &days, const QDateTime &periodFrom,
                               const QDateTime &periodTo, const BillingPolicy &policy);

// Hours metered at about twice their neighbours: the first such stretch of at most 12 hours.
// With a `reference` (other meters' hours of the same traffic), each hour is read as a share of
// the reference's same hour, so a quiet night of a daily cycle counted twice still stands out.
std::pair<QDateTime, QDateTime>
doubledRun(const QList<std::pair<QDateTime, double>> &hours,
           const QList<std::pair<QDateTime, double>> &reference = {});
// With a `reference` (the invoice's other meters' hours): the hour from which this meter counts
// at least 1.25 times its earlier share of the reference and keeps doing so to the end, most of
// the hours on either side on their own side of the midpoint; the factor is after over before.
// Invalid when the share does not step up (at least two hours either side).
std::pair<QDateTime, double> overcountFrom(const QList<std::pair<QDateTime, double>> &hours,
                                           const QList<std::pair<QDateTime, double>> &reference);
// The same for a meter that counts at most 0.8 times its earlier share from some hour on (a
// part of the traffic no longer metered); the factor is below 1.
std::pair<QDateTime, double> undercountFrom(const QList<std::pair<QDateTime, double>> &hours,
                                            const QList<std::pair<QDateTime, double>> &reference);
// Hours the meter recorded (almost) nothing between hours it metered as usual: the first such
// stretch of at most 24 hours that the meter came back from (a quiet end is no evidence).
std::pair<QDateTime, QDateTime> missingRun(const QList<std::pair<QDateTime, double>> &hours);

} // namespace Casefile::Analysis
