#pragma once

#include "core/analysis.h"
#include "core/analysis/deploycorrelation.h"

#include <QDateTime>
#include <QMap>
#include <QString>

#include <algorithm>

// Webhook breakdown in three steps: gather delivery counts per endpoint and error (the
// customer's and, when asked, every organisation's), judge on which side the failures happen
// (pure), and phrase the verdict (with the deploy that explains a failure on our side).
namespace Casefile::Analysis {

struct EndpointStats
{
    QString endpoint;
    double n = 0;
    double failed = 0;
    double endpointSide = 0; // tls, dns, refused, timeout, their 5xx/4xx
    double signature = 0;    // signature_rejected: how we sign
    QMap<QString, double> byError;
    QMap<QString, QDateTime> firstByError;
    QMap<QString, QDateTime> lastByError;
    QDateTime firstSeen; // the first and last delivery of any outcome
    QDateTime lastSeen;
    QDateTime firstFailure;
    QDateTime lastFailure;
    QDateTime okFirst; // the first and last delivery that succeeded
    QDateTime okLast;
    QMap<int, double> okStatuses; // HTTP statuses the endpoint answered to delivered events
    QMap<QString, QMap<int, double>> statusesByError; // HTTP statuses answered with each error
    QMap<QString, double> byEvent;                    // deliveries of each event, any outcome
    QMap<QString, double> failedByEvent;              // failed deliveries of each event
    QString mainError() const;
    // The events whose deliveries fail when another event of the endpoint is delivered without
    // failing ("usage.threshold" while "request.completed" succeeds); empty otherwise.
    QStringList failingEvents() const;
    // The main error as the customer sees it: with the HTTP status the endpoint answered
    // ("HTTP 401 signature_rejected"), the status alone, or the error alone (no answer).
    QString mainFailure() const;
};

struct WebhookFacts
{
    QMap<QString, EndpointStats> own; // the customer's endpoints
    QMap<QString, EndpointStats> all; // every organisation's, when a step asked for them
    bool hasAll = false;
    QString ownEvidence;
    QString allEvidence;
};

// --- gather ---
// Whether a delivery failed: delivered only on a 2xx answer with no error (a redirect is not
// followed).
bool deliveryFailed(int status, const QString &error);
// One webhook_breakdown table, per endpoint.
QMap<QString, EndpointStats> endpointStats(const QJsonObject &table);
WebhookFacts gatherWebhooks(const AnalysisInput &input);

// --- judge ---
struct WebhookVerdict
{
    enum class Side {
        None,     // a normal level of failures
        Customer, // the customer's endpoint fails (tls, dns, refused, its own errors)
        Ours,     // our signature is rejected, or most other customers fail too
    };
    Side side = Side::None;
    double total = 0;
    double failed = 0;
    EndpointStats worst;   // firstFailure: when its main error began
    int others = 0;        // other customers' endpoints with deliveries
    int othersFailing = 0; // failing over the window, or in the customer's failure window
    bool everyone = false; // at least half the other customers' endpoints fail too
    // the customer's other endpoints that fail on their own, with another error than the worst
    QList<EndpointStats> alsoFailing;
};
// `ticketText` decides between endpoints that both fail: the one whose host, failing event or
// answered status the ticket names is the one it asks about.
WebhookVerdict judgeWebhooks(const WebhookFacts &facts, const QString &ticketText = {});

// An event type other organisations' endpoints receive that none of the customer's endpoints
// does, and that the ticket speaks of (its name, or its distinctive word: "failed" in
// "request.failed" for "failures"): the customer expects an event it never subscribed to.
// Empty: none.
QString unsubscribedEvent(const WebhookFacts &facts, const QString &ticketText);

// An event type the customer's endpoints do receive and that the ticket names as it is written
// ("request.failed"), with how many deliveries of it they received. Empty: none.
std::pair<QString, double> receivedEventAsked(const WebhookFacts &facts, const QString &ticketText);

// How many other customers' endpoints fail with `kind` while `s` does, of how many there are.
std::pair<int, int> othersFailingAlike(const WebhookFacts &facts, const EndpointStats &s,
                                       const QString &kind);

// The main error's share of the deliveries an endpoint had while that error lasted (from its
// first to its last occurrence): a failure that began late fills its stretch; a big endpoint's
// steady background of a few percent does not.
double failingShare(const EndpointStats &s);

// The deliveries to an endpoint since its main error began, to its last delivery (or to the
// last failure, when the failures stopped well before it): how many failed, about how many there
// were (the other deliveries spread evenly over the span they were seen in), and the share. What
// "since 07:20, N% failed" says; the share over the whole window would hide a late failure.
struct FailingSince
{
    QDateTime from;
    QDateTime to;
    double failed = 0;
    double deliveries = 0;
    double share() const { return deliveries > 0 ? std::min(1.0, failed / deliveries) : 0; }
};
FailingSince failingSince(const EndpointStats &s);

// Whether another endpoint failed in [from, to] (the customer's failure window): its failures
// of kinds seen in that window are at least a fifth of the deliveries it would have had there.
// A short outage of ours shows on every endpoint at once, however long the ticket's window.
// With `kind`, only failures of that kind count: a TLS failure elsewhere is not the same failure
// as this endpoint's HTTP 422.
bool failedAlongside(const EndpointStats &other, const QDateTime &from, const QDateTime &to,
                     const QString &kind = {});

// Words a change of ours carries when it can cause a failure kind ("timeout", "tls_error",
// "signature_rejected", "HTTP 500", ...): a shorter delivery timeout, new signing keys, a new
// TLS client, a new payload. Empty for a kind no delivery change explains.
QStringList failureKindWords(const QString &kind);

// Whether a deploy explains a failure kind that began at `began`: it went out shortly before,
// touched webhook delivery, and what it changed speaks of that kind of failure. A failure at
// the customer's endpoint can be caused by a change of ours; the evidence decides.
bool deployFitsFailure(const DeployCandidate &c, const QString &kind, const QDateTime &began);

} // namespace Casefile::Analysis
