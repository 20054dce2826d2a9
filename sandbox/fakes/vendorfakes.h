#pragma once

#include "sandbox/fakes/graphqlreader.h"
#include "sandbox/fakes/vendorfake.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>

namespace Casefile::Sandbox {

// Zendesk Support (helpdesk): tickets, search, comments, organizations, users, and the one
// write — a comment added with PUT /api/v2/tickets/{id}.json.
class ZendeskFake final : public VendorFake
{
public:
    explicit ZendeskFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;
    QList<QJsonObject> receivedComments(const QString &ticketId) const;

private:
    HttpResponse route(const HttpRequest &request);
    QJsonObject ticketJson(const QJsonObject &ticket) const;
    HttpResponse listTickets(const HttpRequest &request);
    HttpResponse search(const HttpRequest &request);
    HttpResponse addComment(const HttpRequest &request, qint64 id);
    void sideload(const HttpRequest &request, const QList<QJsonObject> &tickets,
                  QJsonObject &out) const;
    const QJsonObject *findTicket(qint64 id) const;

    QList<QJsonObject> m_tickets; // Zendesk shape, without url fields
    QMap<qint64, QJsonObject> m_users;
    QMap<qint64, QJsonObject> m_organizations;
    QMap<qint64, QList<QJsonObject>> m_comments; // all comments per ticket
    QMap<qint64, QList<QJsonObject>> m_received; // only the ones added through the API
    QHash<QString, QJsonObject> m_idempotent;    // Idempotency-Key -> the answer's comment
    qint64 m_agentId = 0;
    qint64 m_nextCommentId = 0;
};

// GitHub REST: deployments and their statuses, commits, pulls, releases, compare.
class GitHubFake final : public VendorFake
{
public:
    explicit GitHubFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    HttpResponse route(const HttpRequest &request);
    QJsonObject authenticatedUser() const;
    HttpResponse deployments(const HttpRequest &request);
    HttpResponse commits(const HttpRequest &request);
    HttpResponse pulls(const HttpRequest &request);
    HttpResponse page(const HttpRequest &request, const QList<QJsonObject> &items);
    QJsonObject user(const QString &login) const;
    QJsonObject commitJson(const QJsonObject &commit, bool full) const;
    QJsonObject deploymentJson(const QJsonObject &deployment) const;
    QList<QJsonObject> deploymentStatuses(const QJsonObject &deployment) const;
    QJsonObject pullJson(const QJsonObject &pull) const;
    // The repository as GitHub describes it (`repository`; `full` adds full-repository's
    // counters).
    QJsonObject repositoryJson(bool full) const;
    QJsonObject releaseJson(const QJsonObject &release) const;
    const QJsonObject *findCommit(const QString &ref) const;
    HttpResponse compare(const QString &spec);
    HttpResponse notFound() const;
    void addRateHeaders(HttpResponse &response, bool exhausted) const;

    QString m_repo;
    QList<QJsonObject> m_deployments; // newest first
    QList<QJsonObject> m_commits;     // oldest first
    QList<QJsonObject> m_pulls;
    QList<QJsonObject> m_releases;
};

// Linear GraphQL: searchIssues, issues(filter), issue(id).
class LinearFake final : public VendorFake
{
public:
    explicit LinearFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    // Adds one root field's answer to `data` (or its error to `errors`); a whole-request
    // failure (an unknown field) is returned as the answer.
    std::optional<HttpResponse> resolve(const GraphQLField &field, QJsonObject &data,
                                        QJsonArray &errors) const;
    QList<QJsonObject> m_issues;
};

// Jira Cloud v3: search/jql with a JQL subset.
class JiraFake final : public VendorFake
{
public:
    explicit JiraFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    HttpResponse searchJql(const QString &jql, const QStringList &fields, int maxResults,
                           const QString &pageToken);
    QList<QJsonObject> m_issues;
};

// Stripe: customers, subscriptions, invoices (derived from the billing function), meters and
// meter event summaries.
class StripeFake final : public VendorFake
{
public:
    explicit StripeFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    // Answers without a Stripe-Version come in the account's default version; an invoice
    // line's price moved under pricing.price_details in PricingVersion.
    static constexpr auto AccountVersion = "2025-03-31.basil";
    static constexpr auto PricingVersion = "2025-03-31";

    void addCustomers(const QJsonObject &stripe);
    void addMeteredPrice();
    // The scenario's metered prices: `billing.meters`, or the `billing` block itself.
    QList<QJsonObject> meterSpecs() const;
    QJsonObject priceOf(const QString &id) const;
    QJsonObject meteredLine(const QJsonObject &meter, const QString &invoice, const QString &org,
                            const QDateTime &from, const QDateTime &to, const QString &subscription,
                            const QString &subscriptionItem) const;
    QJsonObject billedInvoice(const QJsonObject &spec) const;
    QJsonDocument legacyLines(const QJsonDocument &document) const;
    HttpResponse route(const HttpRequest &request);
    HttpResponse customerSearch(const HttpRequest &request) const;
    HttpResponse list(const HttpRequest &request, const QString &url, QList<QJsonObject> items);
    HttpResponse missing(const QString &what, const QString &id, const QString &param = {}) const;
    HttpResponse eventSummaries(const HttpRequest &request, const QJsonObject &meter);
    QString orgOfCustomer(const QString &customer) const;
    QJsonObject invoiceJson(const QJsonObject &invoice) const;
    void expand(QJsonObject &object, const QStringList &paths, const QString &prefix) const;

    QList<QJsonObject> m_customers;
    QList<QJsonObject> m_subscriptions;
    QList<QJsonObject> m_invoices; // literal and derived, with lines
    QList<QJsonObject> m_prices;
    QList<QJsonObject> m_meters;
    QMap<QString, QString> m_meteredPrices; // meter event name -> its metered price's id
    int m_requestCounter = 0;
};

// Atlassian Statuspage public API, one page per scenario key under /{page}/api/v2/.
class StatuspageFake final : public VendorFake
{
public:
    explicit StatuspageFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    struct Page
    {
        QJsonObject page;
        QList<QJsonObject> components;
        QList<QJsonObject> incidents; // newest first
    };
    QMap<QString, Page> m_pages;
};

// PagerDuty REST v2: GET /incidents.
class PagerDutyFake final : public VendorFake
{
public:
    explicit PagerDutyFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    QList<QJsonObject> m_incidents;
};

// The company's docs site: word search and page fetch.
class DocsFake final : public VendorFake
{
public:
    explicit DocsFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    QList<QJsonObject> m_pages;
};

// Portkey-style gateway control plane: routing configs.
class PortkeyFake final : public VendorFake
{
public:
    explicit PortkeyFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    QJsonObject summary(const QJsonObject &config) const;
    QList<QJsonObject> m_configs;
};

// An OpenAI-compatible chat endpoint that answers deterministically.
class LlmFake final : public VendorFake
{
public:
    explicit LlmFake(FakeContext &context);
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;
};

// An HTTP proxy in front of the real ClickHouse, so latency and faults apply to it too.
class ClickHouseProxy final : public VendorFake
{
public:
    explicit ClickHouseProxy(FakeContext &context);
    void handle(const HttpRequest &request, const Responder &respond) override;
    HttpResponse answer(const HttpRequest &request) override;
    HttpResponse faultAnswer(int status) override;

private:
    QNetworkAccessManager m_network;
};

} // namespace Casefile::Sandbox
