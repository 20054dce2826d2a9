#pragma once

#include "connectors/common/connection.h"
#include "connectors/common/keptvalues.h"

#include <chrono>

namespace Casefile::Connectors {

// Stripe (read-only): the customer of an org (search by metadata.org_id, falling back to the
// list and the e-mail domain; the search and the list's first page are asked together), its
// invoices with their lines (every invoice's at once), and billing-meter event
// summaries. Lists page with starting_after/has_more, search with next_page. Option `meter`
// (event name or id) is the default meter, "*" every active one; the ids of meters named by
// event name (or "*") are kept a few minutes (MeterIdTtl), so the next investigation asks
// their summaries without listing the meters first. Thread-safe.
class StripeConnector final : public HttpConnector
{
public:
    StripeConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("stripe")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // A value inside a Stripe search query's single quotes.
    static QString searchLiteral(const QString &value);
    // One row of the invoices table: the invoice with its lines.
    static QJsonArray invoiceRow(const QJsonObject &invoice, const QJsonArray &lineItems);
    // How well an e-mail address belongs to an org's domain: 2 the domain itself, 1 one of its
    // sub-domains (ap@finance.acme.com for acme.com), 0 neither.
    static int emailDomainMatch(const QString &email, const QString &domain);

private:
    // GETs a list endpoint page by page (starting_after), at most `maxPages`; `after`: the
    // last id of a page already read.
    Result<QJsonArray> list(const QString &path, QUrlQuery query, const WorkLimits &limits,
                            int maxPages, const QString &after = {}) const;
    Result<OperationOutput> customer(const OperationCall &call) const;
    Result<OperationOutput> invoices(const OperationCall &call) const;
    Result<OperationOutput> meterSummaries(const OperationCall &call) const;

    static constexpr std::chrono::minutes MeterIdTtl{5};
    static constexpr qsizetype MaxKeptMeterLists = 256;
    // as asked ("*" or a name) → (event name, id) pairs
    mutable KeptValues<QList<std::pair<QString, QString>>> m_meterIds{MeterIdTtl,
                                                                      MaxKeptMeterLists};
};

} // namespace Casefile::Connectors
