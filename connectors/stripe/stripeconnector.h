#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// Stripe (read-only): the customer of an org (search by metadata.org_id, falling back to the
// list and the e-mail domain), its invoices with their lines, and billing-meter event
// summaries. Lists page with starting_after/has_more, search with next_page. Option `meter`
// (event name or id) is the default meter. Thread-safe.
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
    // GETs a list endpoint page by page (starting_after), at most `maxPages`.
    Result<QJsonArray> list(const QString &path, QUrlQuery query, const WorkLimits &limits,
                            int maxPages) const;
    Result<OperationOutput> customer(const OperationCall &call) const;
    Result<OperationOutput> invoices(const OperationCall &call) const;
    Result<OperationOutput> meterSummaries(const OperationCall &call) const;
};

} // namespace Casefile::Connectors
