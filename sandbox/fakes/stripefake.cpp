#include "sandbox/fakes/vendorfakes.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <functional>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultLimit = 10;
constexpr int MaxLimit = 100;
const QString DefaultUnitAmount = u"0.0002"_s; // USD cents per token

QJsonObject stripeError(const QString &type, const QString &code, const QString &message,
                        const QString &param = {})
{
    QJsonObject error{{u"type"_s, type}, {u"message"_s, message}};
    if (!code.isEmpty()) {
        error.insert(u"code"_s, code);
        error.insert(u"doc_url"_s, jv(u"https://stripe.com/docs/error-codes/"_s +
                                      QString(code).replace(u'_', u'-')));
    }
    if (!param.isEmpty())
        error.insert(u"param"_s, param);
    return QJsonObject{{u"error"_s, error}};
}

bool createdMatches(const HttpRequest &request, const QString &key, qint64 value)
{
    for (const QString &op : {u"gt"_s, u"gte"_s, u"lt"_s, u"lte"_s}) {
        const QString name = key + u'[' + op + u']';
        if (!request.hasQuery(name))
            continue;
        const qint64 bound = request.queryValue(name).toLongLong();
        if ((op == u"gt"_s && !(value > bound)) || (op == u"gte"_s && !(value >= bound)) ||
            (op == u"lt"_s && !(value < bound)) || (op == u"lte"_s && !(value <= bound)))
            return false;
    }
    if (request.hasQuery(key) && request.queryValue(key).toLongLong() != value)
        return false;
    return true;
}

} // namespace

StripeFake::StripeFake(FakeContext &context)
    : VendorFake(context)
{
    const QJsonObject stripe = context.section(u"stripe"_s);
    const qint64 nowSecs = unixSeconds(context.now);
    addCustomers(stripe);
    addMeteredPrice();
    for (const QJsonValue &v : stripe.value(u"prices"_s).toArray())
        m_prices.append(withDefaults(QJsonObject{{u"object"_s, u"price"_s},
                                                 {u"currency"_s, u"usd"_s},
                                                 {u"livemode"_s, false},
                                                 {u"active"_s, true}},
                                     v.toObject()));

    for (const QJsonValue &v : stripe.value(u"subscriptions"_s).toArray()) {
        const QJsonObject s = v.toObject();
        const QString id = s.value(u"id"_s).toString();
        m_subscriptions.append(withDefaults(
            QJsonObject{
                {u"object"_s, u"subscription"_s},
                {u"application"_s, QJsonValue::Null},
                {u"billing_cycle_anchor"_s, nowSecs - 86400 * 30},
                {u"cancel_at"_s, QJsonValue::Null},
                {u"cancel_at_period_end"_s, false},
                {u"canceled_at"_s, QJsonValue::Null},
                {u"collection_method"_s, u"charge_automatically"_s},
                {u"created"_s, nowSecs - 86400 * 60},
                {u"currency"_s, u"usd"_s},
                {u"description"_s, QJsonValue::Null},
                {u"discounts"_s, QJsonArray{}},
                {u"ended_at"_s, QJsonValue::Null},
                {u"latest_invoice"_s, QJsonValue::Null},
                {u"livemode"_s, false},
                {u"metadata"_s, QJsonObject{}},
                {u"start_date"_s, nowSecs - 86400 * 60},
                {u"status"_s, u"active"_s},
                {u"test_clock"_s, QJsonValue::Null},
                {u"trial_end"_s, QJsonValue::Null},
                {u"trial_start"_s, QJsonValue::Null},
                {u"items"_s,
                 QJsonObject{{u"object"_s, u"list"_s},
                             {u"data"_s, QJsonArray{}},
                             {u"has_more"_s, false},
                             {u"url"_s, jv(u"/v1/subscription_items?subscription="_s + id)}}}},
            s));
    }

    // Literal invoices first, then those derived from the billing function.
    QList<QJsonObject> invoices;
    for (const QJsonValue &v : stripe.value(u"invoices"_s).toArray())
        invoices.append(v.toObject());
    for (const QJsonValue &v : context.section(u"billing"_s).value(u"invoices"_s).toArray())
        invoices.append(billedInvoice(v.toObject()));
    for (const QJsonObject &invoice : std::as_const(invoices))
        m_invoices.append(invoiceJson(invoice));
    std::stable_sort(
        m_invoices.begin(), m_invoices.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"created"_s).toInteger() > b.value(u"created"_s).toInteger();
        });
    std::stable_sort(
        m_customers.begin(), m_customers.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"created"_s).toInteger() > b.value(u"created"_s).toInteger();
        });
}

void StripeFake::addCustomers(const QJsonObject &stripe)
{
    const qint64 nowSecs = unixSeconds(m_context.now);
    for (const QJsonValue &v : stripe.value(u"customers"_s).toArray()) {
        const QJsonObject c = v.toObject();
        const QString id = c.value(u"id"_s).toString();
        m_customers.append(
            withDefaults(QJsonObject{{u"id"_s, id},
                                     {u"object"_s, u"customer"_s},
                                     {u"address"_s, QJsonValue::Null},
                                     {u"balance"_s, 0},
                                     {u"created"_s, nowSecs - 86400 * 365},
                                     {u"currency"_s, u"usd"_s},
                                     {u"default_source"_s, QJsonValue::Null},
                                     {u"delinquent"_s, false},
                                     {u"description"_s, QJsonValue::Null},
                                     {u"discount"_s, QJsonValue::Null},
                                     {u"email"_s, QJsonValue::Null},
                                     {u"invoice_prefix"_s, stableHex(id, 7).toUpper()},
                                     {u"invoice_settings"_s,
                                      QJsonObject{{u"custom_fields"_s, QJsonValue::Null},
                                                  {u"default_payment_method"_s, QJsonValue::Null},
                                                  {u"footer"_s, QJsonValue::Null},
                                                  {u"rendering_options"_s, QJsonValue::Null}}},
                                     {u"livemode"_s, false},
                                     {u"metadata"_s, QJsonObject{}},
                                     {u"name"_s, QJsonValue::Null},
                                     {u"next_invoice_sequence"_s, 1},
                                     {u"phone"_s, QJsonValue::Null},
                                     {u"preferred_locales"_s, QJsonArray{}},
                                     {u"shipping"_s, QJsonValue::Null},
                                     {u"tax_exempt"_s, u"none"_s},
                                     {u"test_clock"_s, QJsonValue::Null}},
                         c));
    }
}

QList<QJsonObject> StripeFake::meterSpecs() const
{
    const QJsonObject billing = m_context.section(u"billing"_s);
    QList<QJsonObject> specs;
    for (const QJsonValue &v : billing.value(u"meters"_s).toArray()) {
        QJsonObject m = v.toObject();
        for (const QString &key : {u"unit"_s, u"unit_amount_decimal"_s, u"minimum_quantity"_s}) {
            if (!m.contains(key) && billing.contains(key))
                m.insert(key, billing.value(key));
        }
        specs.append(m);
    }
    if (specs.isEmpty() && !billing.value(u"meter"_s).toString().isEmpty())
        specs.append(billing);
    return specs;
}

QJsonObject StripeFake::priceOf(const QString &id) const
{
    for (const QJsonObject &p : m_prices) {
        if (p.value(u"id"_s).toString() == id)
            return p;
    }
    return {};
}

// A metered price and its meter for each of the scenario's meters.
void StripeFake::addMeteredPrice()
{
    const qint64 nowSecs = unixSeconds(m_context.now);
    for (const QJsonObject &spec : meterSpecs()) {
        const QString meterEvent = spec.value(u"meter"_s).toString();
        const QString unitAmount =
            spec.value(u"unit_amount_decimal"_s).isDouble()
                ? QString::number(spec.value(u"unit_amount_decimal"_s).toDouble())
                : spec.value(u"unit_amount_decimal"_s).toString(DefaultUnitAmount);
        const QString meterId = u"mtr_test_"_s + stableHex(meterEvent, 24);
        const QString nickname = spec.value(u"nickname"_s).toString(meterEvent);
        m_meters.append(QJsonObject{
            {u"id"_s, meterId},
            {u"object"_s, u"billing.meter"_s},
            {u"created"_s, nowSecs - 86400 * 400},
            {u"customer_mapping"_s, QJsonObject{{u"event_payload_key"_s, u"stripe_customer_id"_s},
                                                {u"type"_s, u"by_id"_s}}},
            {u"default_aggregation"_s, QJsonObject{{u"formula"_s, u"sum"_s}}},
            {u"display_name"_s, nickname},
            {u"event_name"_s, meterEvent},
            {u"event_time_window"_s, QJsonValue::Null},
            {u"livemode"_s, false},
            {u"status"_s, u"active"_s},
            {u"status_transitions"_s, QJsonObject{{u"deactivated_at"_s, QJsonValue::Null}}},
            {u"updated"_s, nowSecs - 86400 * 400},
            {u"value_settings"_s, QJsonObject{{u"event_payload_key"_s, u"value"_s}}}});
        const QString priceId = u"price_"_s + stableHex(u"price:"_s + meterEvent, 24);
        m_meteredPrices.insert(meterEvent, priceId);
        m_prices.append(QJsonObject{{u"id"_s, priceId},
                                    {u"object"_s, u"price"_s},
                                    {u"active"_s, true},
                                    {u"billing_scheme"_s, u"per_unit"_s},
                                    {u"created"_s, nowSecs - 86400 * 400},
                                    {u"currency"_s, u"usd"_s},
                                    {u"livemode"_s, false},
                                    {u"lookup_key"_s, QJsonValue::Null},
                                    {u"metadata"_s, QJsonObject{}},
                                    {u"nickname"_s, nickname},
                                    {u"product"_s, jv(u"prod_"_s + stableHex(meterEvent, 14))},
                                    {u"recurring"_s, QJsonObject{{u"interval"_s, u"month"_s},
                                                                 {u"interval_count"_s, 1},
                                                                 {u"meter"_s, meterId},
                                                                 {u"usage_type"_s, u"metered"_s}}},
                                    {u"tax_behavior"_s, u"unspecified"_s},
                                    {u"type"_s, u"recurring"_s},
                                    {u"unit_amount"_s, QJsonValue::Null},
                                    {u"unit_amount_decimal"_s, unitAmount}});
    }
}

namespace {

QJsonObject lineJson(const QString &id, const QString &invoice, qint64 amount,
                     const QString &description, const QString &priceId, const QJsonValue &product,
                     const QString &unitAmount, qint64 quantity, const QDateTime &from,
                     const QDateTime &to, const QString &subscription,
                     const QString &subscriptionItem)
{
    return QJsonObject{
        {u"id"_s, id},
        {u"object"_s, u"line_item"_s},
        {u"amount"_s, amount},
        {u"currency"_s, u"usd"_s},
        {u"description"_s, description},
        {u"discount_amounts"_s, QJsonArray{}},
        {u"discountable"_s, true},
        {u"discounts"_s, QJsonArray{}},
        {u"invoice"_s, invoice},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject{}},
        {u"parent"_s,
         QJsonObject{{u"type"_s, u"subscription_item_details"_s},
                     {u"invoice_item_details"_s, QJsonValue::Null},
                     {u"subscription_item_details"_s,
                      QJsonObject{{u"invoice_item"_s, QJsonValue::Null},
                                  {u"proration"_s, false},
                                  {u"proration_details"_s,
                                   QJsonObject{{u"credited_items"_s, QJsonValue::Null}}},
                                  {u"subscription"_s, subscription},
                                  {u"subscription_item"_s, subscriptionItem}}}}},
        {u"period"_s, QJsonObject{{u"start"_s, unixSeconds(from)}, {u"end"_s, unixSeconds(to)}}},
        {u"pretax_credit_amounts"_s, QJsonArray{}},
        {u"pricing"_s, QJsonObject{{u"type"_s, u"price_details"_s},
                                   {u"price_details"_s,
                                    QJsonObject{{u"price"_s, priceId}, {u"product"_s, product}}},
                                   {u"unit_amount_decimal"_s, unitAmount}}},
        {u"quantity"_s, quantity},
        {u"quantity_decimal"_s, QString::number(quantity)},
        {u"subscription"_s, subscription},
        {u"subtotal"_s, amount},
        {u"taxes"_s, QJsonArray{}}};
}

} // namespace

// One metered line in the current (2025-03-31) shape: the price is referenced from
// pricing.price_details.
QJsonObject StripeFake::meteredLine(const QJsonObject &meter, const QString &invoice,
                                    const QString &org, const QDateTime &from, const QDateTime &to,
                                    const QString &subscription,
                                    const QString &subscriptionItem) const
{
    const QString meterEvent = meter.value(u"meter"_s).toString();
    const QString priceId = m_meteredPrices.value(meterEvent);
    const QJsonObject price = priceOf(priceId);
    const QString unitAmount = price.value(u"unit_amount_decimal"_s).toString(DefaultUnitAmount);
    // a minimum per invoice (the price's documented commitment) bills at least that quantity;
    // the meter's summaries keep the usage as metered
    const qint64 quantity = std::max(m_context.billed(org, from, to, meterEvent),
                                     meter.value(u"minimum_quantity"_s).toInteger(0));
    const qint64 amount = std::llround(static_cast<double>(quantity) * unitAmount.toDouble());
    const QString description = u"%1 %2 × %3 (at $%4 / unit)"_s.arg(
        QString::number(quantity), meter.value(u"unit"_s).toString(u"tokens"_s),
        price.value(u"nickname"_s).toString(meterEvent),
        QString::number(unitAmount.toDouble() / 100.0, 'f', 8));
    // the first meter's line keeps the id of the one-meter invoices
    const bool first =
        m_meteredPrices.isEmpty() || meterSpecs().first().value(u"meter"_s) == meterEvent;
    const QString lineId =
        u"il_"_s + stableHex(u"line:"_s + invoice + (first ? QString() : meterEvent), 24);
    return lineJson(lineId, invoice, amount, description, priceId, price.value(u"product"_s),
                    unitAmount, quantity, from, to, subscription, subscriptionItem);
}

// An invoice of the scenario's billing function: a metered line per meter, then the invoice's
// `extra_lines` (seats, a support plan) on licensed prices.
QJsonObject StripeFake::billedInvoice(const QJsonObject &spec) const
{
    const QJsonArray orgs = m_context.scenario.value(u"orgs"_s).toArray();
    const QString org = spec.value(u"org"_s).toString();
    QString customer;
    for (const QJsonValue &o : orgs) {
        if (o.toObject().value(u"id"_s).toString() == org)
            customer = o.toObject().value(u"stripe_customer"_s).toString();
    }
    const QDateTime from = parseTime(spec.value(u"from"_s).toString());
    const QDateTime to = parseTime(spec.value(u"to"_s).toString());
    const QString id = spec.value(u"id"_s).toString(
        u"in_"_s + stableHex(org + spec.value(u"from"_s).toString(), 24));
    const QString status = spec.value(u"status"_s).toString(u"open"_s);
    const QString subscription = u"sub_"_s + stableHex(u"sub:"_s + customer, 24);
    QJsonArray lines;
    qint64 amount = 0;
    const QList<QJsonObject> meters = meterSpecs();
    for (qsizetype i = 0; i < meters.size(); ++i) {
        // the first meter keeps the subscription item of the one-meter invoices
        const QString item =
            i == 0 ? u"si_"_s + stableHex(u"si:"_s + customer, 14)
                   : u"si_"_s + stableHex(u"si:"_s + customer + QString::number(i), 14);
        const QJsonObject line = meteredLine(meters.at(i), id, org, from, to, subscription, item);
        amount += line.value(u"amount"_s).toInteger();
        lines.append(line);
    }
    for (const QJsonValue &v : spec.value(u"extra_lines"_s).toArray()) {
        const QJsonObject extra = v.toObject();
        const QString description = extra.value(u"description"_s).toString();
        const qint64 quantity = extra.value(u"quantity"_s).toInteger(1);
        const qint64 unitAmount = extra.value(u"unit_amount"_s).toInteger();
        const QString priceId = u"price_"_s + stableHex(u"licensed:"_s + description, 24);
        const QString item = u"si_"_s + stableHex(u"si:"_s + customer + description, 14);
        lines.append(lineJson(u"il_"_s + stableHex(u"line:"_s + id + description, 24), id,
                              quantity * unitAmount, description, priceId,
                              jv(u"prod_"_s + stableHex(description, 14)),
                              QString::number(unitAmount), quantity, from, to, subscription, item));
        amount += quantity * unitAmount;
    }
    return QJsonObject{
        {u"id"_s, id},
        {u"customer"_s, customer},
        {u"status"_s, status},
        {u"period_start"_s, unixSeconds(from)},
        {u"period_end"_s, unixSeconds(to)},
        {u"created"_s, unixSeconds(to)},
        {u"amount_due"_s, amount},
        {u"amount_paid"_s, status == u"paid"_s ? amount : 0},
        {u"amount_remaining"_s, status == u"paid"_s ? 0 : amount},
        {u"subtotal"_s, amount},
        {u"subtotal_excluding_tax"_s, amount},
        {u"total"_s, amount},
        {u"total_excluding_tax"_s, amount},
        {u"subscription"_s, subscription},
        {u"billing_reason"_s, u"subscription_cycle"_s},
        {u"lines"_s, QJsonObject{{u"object"_s, u"list"_s},
                                 {u"data"_s, lines},
                                 {u"has_more"_s, false},
                                 {u"total_count"_s, lines.size()},
                                 {u"url"_s, jv(u"/v1/invoices/"_s + id + u"/lines"_s)}}}};
}

QJsonObject StripeFake::invoiceJson(const QJsonObject &invoice) const
{
    const QString id = invoice.value(u"id"_s).toString();
    const QString customer = invoice.value(u"customer"_s).toString();
    QJsonObject c;
    for (const QJsonObject &candidate : m_customers) {
        if (candidate.value(u"id"_s).toString() == customer)
            c = candidate;
    }
    const qint64 created = invoice.value(u"created"_s).toInteger();
    const bool finalized = invoice.value(u"status"_s).toString() != u"draft"_s;
    return withDefaults(
        QJsonObject{
            {u"id"_s, id},
            {u"object"_s, u"invoice"_s},
            {u"account_country"_s, u"US"_s},
            {u"account_name"_s, m_context.section(u"company"_s).value(u"name"_s)},
            {u"account_tax_ids"_s, QJsonValue::Null},
            {u"amount_due"_s, 0},
            {u"amount_overpaid"_s, 0},
            {u"amount_paid"_s, 0},
            {u"amount_remaining"_s, 0},
            {u"amount_shipping"_s, 0},
            {u"application"_s, QJsonValue::Null},
            {u"attempt_count"_s, 0},
            {u"attempted"_s, false},
            {u"auto_advance"_s, true},
            {u"automatic_tax"_s, QJsonObject{{u"enabled"_s, false},
                                             {u"liability"_s, QJsonValue::Null},
                                             {u"status"_s, QJsonValue::Null}}},
            {u"automatically_finalizes_at"_s, QJsonValue::Null},
            {u"billing_reason"_s, u"manual"_s},
            {u"collection_method"_s, u"charge_automatically"_s},
            {u"created"_s, created},
            {u"currency"_s, u"usd"_s},
            {u"custom_fields"_s, QJsonValue::Null},
            {u"customer"_s, customer},
            {u"customer_account"_s, QJsonValue::Null},
            {u"customer_address"_s, QJsonValue::Null},
            {u"customer_email"_s, c.value(u"email"_s)},
            {u"customer_name"_s, c.value(u"name"_s)},
            {u"customer_phone"_s, QJsonValue::Null},
            {u"customer_shipping"_s, QJsonValue::Null},
            {u"customer_tax_exempt"_s, u"none"_s},
            {u"customer_tax_ids"_s, QJsonArray{}},
            {u"default_payment_method"_s, QJsonValue::Null},
            {u"default_source"_s, QJsonValue::Null},
            {u"default_tax_rates"_s, QJsonArray{}},
            {u"description"_s, QJsonValue::Null},
            {u"discounts"_s, QJsonArray{}},
            {u"due_date"_s, QJsonValue::Null},
            {u"effective_at"_s, finalized ? QJsonValue(created) : QJsonValue(QJsonValue::Null)},
            {u"ending_balance"_s, finalized ? QJsonValue(0) : QJsonValue(QJsonValue::Null)},
            {u"footer"_s, QJsonValue::Null},
            {u"from_invoice"_s, QJsonValue::Null},
            {u"hosted_invoice_url"_s,
             finalized ? QJsonValue(u"https://invoice.stripe.com/i/acct_test/"_s + id)
                       : QJsonValue(QJsonValue::Null)},
            {u"invoice_pdf"_s,
             finalized ? QJsonValue(u"https://pay.stripe.com/invoice/acct_test/"_s + id + u"/pdf"_s)
                       : QJsonValue(QJsonValue::Null)},
            {u"issuer"_s, QJsonObject{{u"type"_s, u"self"_s}}},
            {u"last_finalization_error"_s, QJsonValue::Null},
            {u"latest_revision"_s, QJsonValue::Null},
            {u"lines"_s, QJsonObject{{u"object"_s, u"list"_s},
                                     {u"data"_s, QJsonArray{}},
                                     {u"has_more"_s, false},
                                     {u"total_count"_s, 0},
                                     {u"url"_s, jv(u"/v1/invoices/"_s + id + u"/lines"_s)}}},
            {u"livemode"_s, false},
            {u"metadata"_s, QJsonObject{}},
            {u"next_payment_attempt"_s, QJsonValue::Null},
            {u"number"_s,
             finalized ? QJsonValue(c.value(u"invoice_prefix"_s).toString(u"INV"_s) + u"-0001"_s)
                       : QJsonValue(QJsonValue::Null)},
            {u"on_behalf_of"_s, QJsonValue::Null},
            {u"parent"_s, QJsonValue::Null},
            {u"payment_settings"_s, QJsonObject{{u"default_mandate"_s, QJsonValue::Null},
                                                {u"payment_method_options"_s, QJsonValue::Null},
                                                {u"payment_method_types"_s, QJsonValue::Null}}},
            {u"period_end"_s, created},
            {u"period_start"_s, created},
            {u"post_payment_credit_notes_amount"_s, 0},
            {u"pre_payment_credit_notes_amount"_s, 0},
            {u"receipt_number"_s, QJsonValue::Null},
            {u"rendering"_s, QJsonValue::Null},
            {u"shipping_cost"_s, QJsonValue::Null},
            {u"shipping_details"_s, QJsonValue::Null},
            {u"starting_balance"_s, 0},
            {u"statement_descriptor"_s, QJsonValue::Null},
            {u"status"_s, u"draft"_s},
            {u"status_transitions"_s,
             QJsonObject{{u"finalized_at"_s,
                          finalized ? QJsonValue(created) : QJsonValue(QJsonValue::Null)},
                         {u"marked_uncollectible_at"_s, QJsonValue::Null},
                         {u"paid_at"_s, QJsonValue::Null},
                         {u"voided_at"_s, QJsonValue::Null}}},
            {u"subscription"_s, QJsonValue::Null},
            {u"subtotal"_s, 0},
            {u"subtotal_excluding_tax"_s, 0},
            {u"test_clock"_s, QJsonValue::Null},
            {u"total"_s, 0},
            {u"total_discount_amounts"_s, QJsonArray{}},
            {u"total_excluding_tax"_s, 0},
            {u"total_pretax_credit_amounts"_s, QJsonArray{}},
            {u"total_taxes"_s, QJsonArray{}},
            {u"webhooks_delivered_at"_s, created}},
        invoice);
}

QString StripeFake::orgOfCustomer(const QString &customer) const
{
    for (const QJsonValue &o : m_context.scenario.value(u"orgs"_s).toArray()) {
        if (o.toObject().value(u"stripe_customer"_s).toString() == customer)
            return o.toObject().value(u"id"_s).toString();
    }
    for (const QJsonObject &c : m_customers) {
        if (c.value(u"id"_s).toString() == customer)
            return c.value(u"metadata"_s).toObject().value(u"org_id"_s).toString();
    }
    return {};
}

HttpResponse StripeFake::faultAnswer(int status)
{
    HttpResponse response;
    if (status == 429) {
        response = jsonAnswer(
            429,
            stripeError(
                u"invalid_request_error"_s, u"rate_limit"_s,
                u"Too many requests hit the API too quickly. We recommend an exponential backoff of your requests."_s));
        response.setHeader("Stripe-Should-Retry"_ba, "true"_ba);
    } else {
        response =
            jsonAnswer(status, stripeError(u"api_error"_s, {}, u"An unknown error occurred"_s));
        response.setHeader("Stripe-Should-Retry"_ba, "true"_ba);
    }
    response.setHeader("Request-Id"_ba,
                       "req_"_ba + stableHex(QString::number(++m_requestCounter), 14).toLatin1());
    return response;
}

HttpResponse StripeFake::answer(const HttpRequest &request)
{
    HttpResponse response;
    QString key = bearerToken(request);
    if (const auto basic = basicCredentials(request))
        key = basic->first;
    if (key.isEmpty()) {
        response = jsonAnswer(
            401,
            stripeError(
                u"invalid_request_error"_s, {},
                u"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."_s));
    } else if (key != m_context.token(u"stripe"_s)) {
        response = jsonAnswer(401, stripeError(u"invalid_request_error"_s, u"api_key_invalid"_s,
                                               u"Invalid API Key provided."_s));
    } else {
        response = route(request);
    }
    // The account's default version when the request pins none.
    const QByteArray version = request.header("Stripe-Version").isEmpty()
                                   ? QByteArray(AccountVersion)
                                   : request.header("Stripe-Version");
    if (version < QByteArray(PricingVersion) && response.status == 200)
        response.body =
            QJsonDocument::fromJson(response.body).isNull()
                ? response.body
                : QJsonDocument(legacyLines(QJsonDocument::fromJson(response.body)).object())
                      .toJson(QJsonDocument::Compact);
    response.setHeader("Request-Id"_ba,
                       "req_"_ba + stableHex(QString::number(++m_requestCounter), 14).toLatin1());
    response.setHeader("Stripe-Version"_ba, version);
    return response;
}

// An answer as an API version before 2025-03-31 had it: each invoice line carries the
// legacy `price` object and neither `pricing` nor `parent`.
QJsonDocument StripeFake::legacyLines(const QJsonDocument &document) const
{
    std::function<QJsonValue(const QJsonValue &)> walk = [&](const QJsonValue &v) -> QJsonValue {
        if (v.isArray()) {
            QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                a[i] = walk(a.at(i));
            return a;
        }
        if (!v.isObject())
            return v;
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = walk(it.value());
        if (o.value(u"object"_s).toString() == u"line_item"_s && o.contains(u"pricing"_s)) {
            const QJsonValue price = o.value(u"pricing"_s)
                                         .toObject()
                                         .value(u"price_details"_s)
                                         .toObject()
                                         .value(u"price"_s);
            QJsonObject priceObject = price.toObject();
            for (const QJsonObject &p : m_prices) {
                if (price.isString() && p.value(u"id"_s) == price)
                    priceObject = p;
            }
            o.insert(u"price"_s, priceObject.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                       : QJsonValue(priceObject));
            o.remove(u"pricing"_s);
            o.remove(u"parent"_s);
        }
        return o;
    };
    return QJsonDocument(walk(document.object()).toObject());
}

HttpResponse StripeFake::missing(const QString &what, const QString &id, const QString &param) const
{
    return jsonAnswer(404, stripeError(u"invalid_request_error"_s, u"resource_missing"_s,
                                       u"No such %1: '%2'"_s.arg(what, id),
                                       param.isEmpty() ? u"id"_s : param));
}

void StripeFake::expand(QJsonObject &object, const QStringList &paths, const QString &prefix) const
{
    for (const QString &path : paths) {
        if (!path.startsWith(prefix))
            continue;
        const QString rest = path.mid(prefix.size());
        if (rest == u"customer"_s && object.value(u"customer"_s).isString()) {
            for (const QJsonObject &c : m_customers) {
                if (c.value(u"id"_s) == object.value(u"customer"_s))
                    object.insert(u"customer"_s, c);
            }
        } else if (rest == u"subscription"_s && object.value(u"subscription"_s).isString()) {
            for (const QJsonObject &s : m_subscriptions) {
                if (s.value(u"id"_s) == object.value(u"subscription"_s))
                    object.insert(u"subscription"_s, s);
            }
        } else if (rest == u"pricing.price_details.price"_s) {
            QJsonObject pricing = object.value(u"pricing"_s).toObject();
            QJsonObject details = pricing.value(u"price_details"_s).toObject();
            for (const QJsonObject &p : m_prices) {
                if (details.value(u"price"_s).isString() &&
                    p.value(u"id"_s) == details.value(u"price"_s))
                    details.insert(u"price"_s, p);
            }
            pricing.insert(u"price_details"_s, details);
            object.insert(u"pricing"_s, pricing);
        } else if (rest == u"latest_invoice"_s && object.value(u"latest_invoice"_s).isString()) {
            for (const QJsonObject &i : m_invoices) {
                if (i.value(u"id"_s) == object.value(u"latest_invoice"_s))
                    object.insert(u"latest_invoice"_s, i);
            }
        }
    }
}

HttpResponse StripeFake::list(const HttpRequest &request, const QString &url,
                              QList<QJsonObject> items)
{
    const int limit =
        request.hasQuery(u"limit"_s) ? request.queryValue(u"limit"_s).toInt() : DefaultLimit;
    if (limit < 1 || limit > MaxLimit)
        return jsonAnswer(
            400, stripeError(u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                             u"Invalid integer: limit must be between 1 and 100"_s, u"limit"_s));
    qsizetype start = 0;
    qsizetype end = items.size();
    const auto indexOf = [&](const QString &id) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (items.at(i).value(u"id"_s).toString() == id)
                return i;
        }
        return qsizetype(-1);
    };
    if (request.hasQuery(u"starting_after"_s)) {
        const qsizetype at = indexOf(request.queryValue(u"starting_after"_s));
        if (at < 0)
            return missing(u"object"_s, request.queryValue(u"starting_after"_s),
                           u"starting_after"_s);
        start = at + 1;
    } else if (request.hasQuery(u"ending_before"_s)) {
        const qsizetype at = indexOf(request.queryValue(u"ending_before"_s));
        if (at < 0)
            return missing(u"object"_s, request.queryValue(u"ending_before"_s), u"ending_before"_s);
        end = at;
        start = std::max<qsizetype>(0, end - limit);
    }
    const QList<QJsonObject> slice = items.mid(start, std::min<qsizetype>(limit, end - start));
    const QStringList expandPaths = request.queryValues(u"expand[]"_s);
    QJsonArray data;
    for (QJsonObject item : slice) {
        expand(item, expandPaths, u"data."_s);
        data.append(item);
    }
    const bool hasMore =
        request.hasQuery(u"ending_before"_s) ? start > 0 : start + slice.size() < end;
    return jsonAnswer(200, QJsonObject{{u"object"_s, u"list"_s},
                                       {u"url"_s, url},
                                       {u"has_more"_s, hasMore},
                                       {u"data"_s, data}});
}

HttpResponse StripeFake::eventSummaries(const HttpRequest &request, const QJsonObject &meter)
{
    for (const QString &param : {u"customer"_s, u"start_time"_s, u"end_time"_s}) {
        if (request.queryValue(param).isEmpty())
            return jsonAnswer(400, stripeError(u"invalid_request_error"_s, u"parameter_missing"_s,
                                               u"Missing required param: %1."_s.arg(param), param));
    }
    const qint64 start = request.queryValue(u"start_time"_s).toLongLong();
    const qint64 end = request.queryValue(u"end_time"_s).toLongLong();
    const QString window = request.queryValue(u"value_grouping_window"_s);
    if (!window.isEmpty() && window != u"day"_s && window != u"hour"_s)
        return jsonAnswer(
            400, stripeError(u"invalid_request_error"_s, u"parameter_invalid_empty"_s,
                             u"Invalid value_grouping_window: must be one of day or hour"_s,
                             u"value_grouping_window"_s));
    const qint64 step = window == u"day"_s ? 86400 : window == u"hour"_s ? 3600 : 0;
    if (end <= start || start % 60 != 0 || end % 60 != 0 ||
        (step && (start % step != 0 || end % step != 0)))
        return jsonAnswer(
            400,
            stripeError(
                u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                step
                    ? u"start_time and end_time must be aligned to the value_grouping_window."_s
                    : u"start_time and end_time must be minute-aligned and start_time must be before end_time."_s,
                u"start_time"_s));
    const QString customer = request.queryValue(u"customer"_s);
    const QString org = orgOfCustomer(customer);
    if (org.isEmpty())
        return missing(u"customer"_s, customer, u"customer"_s);
    const QString meterId = meter.value(u"id"_s).toString();
    QList<QJsonObject> summaries;
    for (qint64 t = start; t < end; t += step ? step : end - start) {
        const qint64 windowEnd = step ? std::min(end, t + step) : end;
        const qint64 value =
            m_context.billed(org, QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc()),
                             QDateTime::fromSecsSinceEpoch(windowEnd, QTimeZone::utc()),
                             meter.value(u"event_name"_s).toString());
        summaries.append(QJsonObject{
            {u"id"_s, jv(u"mtrusg_"_s + stableHex(meterId + customer + QString::number(t), 20))},
            {u"object"_s, u"billing.meter_event_summary"_s},
            {u"aggregated_value"_s, static_cast<double>(value)},
            {u"end_time"_s, windowEnd},
            {u"livemode"_s, false},
            {u"meter"_s, meterId},
            {u"start_time"_s, t}});
    }
    return list(request, u"/v1/billing/meters/"_s + meterId + u"/event_summaries"_s, summaries);
}

HttpResponse StripeFake::customerSearch(const HttpRequest &request) const
{
    const QString &path = request.path;
    const QString query = request.queryValue(u"query"_s);
    static const QRegularExpression clause(
        u"^\\s*(email|name|phone|description|metadata\\[['\"]([^'\"]+)['\"]\\])\\s*(:|~)\\s*['\"]([^'\"]*)['\"]\\s*$"_s);
    const bool anyOf = query.contains(u" OR "_s);
    if (anyOf && query.contains(u" AND "_s))
        return jsonAnswer(400,
                          stripeError(u"invalid_request_error"_s, u"parameter_invalid_string"_s,
                                      u"Mixing AND and OR in one search query is not supported."_s,
                                      u"query"_s));
    const QStringList parts =
        query.split(QRegularExpression(u"\\s+(?:AND|OR)\\s+"_s), Qt::SkipEmptyParts);
    QList<std::function<bool(const QJsonObject &)>> tests;
    for (const QString &part : parts) {
        const auto m = clause.match(part);
        if (!m.hasMatch())
            return jsonAnswer(
                400, stripeError(u"invalid_request_error"_s, u"parameter_invalid_string"_s,
                                 u"Invalid search query: %1"_s.arg(part.trimmed()), u"query"_s));
        const QString field = m.captured(1).startsWith(u"metadata"_s) ? QString() : m.captured(1);
        const QString metaKey = m.captured(2);
        const bool substring = m.captured(3) == u"~"_s;
        const QString value = m.captured(4);
        tests.append([field, metaKey, substring, value](const QJsonObject &c) {
            const QString actual = field.isEmpty()
                                       ? c.value(u"metadata"_s).toObject().value(metaKey).toString()
                                       : c.value(field).toString();
            return substring ? actual.contains(value, Qt::CaseInsensitive)
                             : actual.compare(value, Qt::CaseInsensitive) == 0;
        });
    }
    if (tests.isEmpty())
        return jsonAnswer(400, stripeError(u"invalid_request_error"_s, u"parameter_missing"_s,
                                           u"Missing required param: query."_s, u"query"_s));
    QList<QJsonObject> hits;
    for (const QJsonObject &c : std::as_const(m_customers)) {
        const bool ok =
            anyOf ? std::any_of(tests.cbegin(), tests.cend(), [&](const auto &t) { return t(c); })
                  : std::all_of(tests.cbegin(), tests.cend(), [&](const auto &t) { return t(c); });
        if (ok)
            hits.append(c);
    }
    const int limit =
        request.hasQuery(u"limit"_s) ? request.queryValue(u"limit"_s).toInt() : DefaultLimit;
    if (limit < 1 || limit > MaxLimit) // Stripe refuses, as for lists: it never clamps
        return jsonAnswer(
            400, stripeError(u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                             u"Invalid integer: limit must be between 1 and 100"_s, u"limit"_s));
    qsizetype start = 0;
    if (request.hasQuery(u"page"_s)) {
        start = decodeCursor(request.queryValue(u"page"_s));
        if (start < 0)
            return jsonAnswer(400,
                              stripeError(u"invalid_request_error"_s, u"parameter_invalid_string"_s,
                                          u"Invalid page token."_s, u"page"_s));
    }
    const bool hasMore = start + limit < hits.size();
    return jsonAnswer(200,
                      QJsonObject{{u"object"_s, u"search_result"_s},
                                  {u"url"_s, path},
                                  {u"has_more"_s, hasMore},
                                  {u"next_page"_s, hasMore ? QJsonValue(encodeCursor(start + limit))
                                                           : QJsonValue(QJsonValue::Null)},
                                  {u"total_count"_s, hits.size()},
                                  {u"data"_s, toArray(hits.mid(start, limit))}});
}

HttpResponse StripeFake::route(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return jsonAnswer(405, stripeError(u"invalid_request_error"_s, {},
                                           u"The sandbox serves read-only Stripe endpoints."_s));
    const QString &path = request.path;
    const QStringList expandPaths = request.queryValues(u"expand[]"_s);
    static const QRegularExpression one(
        u"^/v1/(customers|subscriptions|invoices|prices)/([^/]+)$"_s);
    static const QRegularExpression lines(u"^/v1/invoices/([^/]+)/lines$"_s);
    static const QRegularExpression meterPath(u"^/v1/billing/meters/([^/]+)(/event_summaries)?$"_s);

    if (path == u"/v1/customers"_s) {
        QList<QJsonObject> items;
        for (const QJsonObject &c : std::as_const(m_customers)) {
            if (request.hasQuery(u"email"_s) &&
                c.value(u"email"_s).toString() != request.queryValue(u"email"_s))
                continue;
            if (!createdMatches(request, u"created"_s, c.value(u"created"_s).toInteger()))
                continue;
            items.append(c);
        }
        return list(request, path, items);
    }
    if (path == u"/v1/customers/search"_s)
        return customerSearch(request);
    if (path == u"/v1/subscriptions"_s) {
        const QString status = request.queryValue(u"status"_s);
        QList<QJsonObject> items;
        for (QJsonObject s : m_subscriptions) {
            if (request.hasQuery(u"customer"_s) &&
                s.value(u"customer"_s).toString() != request.queryValue(u"customer"_s))
                continue;
            const QString st = s.value(u"status"_s).toString();
            if (status.isEmpty() ? st == u"canceled"_s : (status != u"all"_s && status != st))
                continue;
            items.append(s);
        }
        return list(request, path, items);
    }
    if (path == u"/v1/invoices"_s) {
        QList<QJsonObject> items;
        for (const QJsonObject &i : std::as_const(m_invoices)) {
            if (request.hasQuery(u"customer"_s) &&
                i.value(u"customer"_s).toString() != request.queryValue(u"customer"_s))
                continue;
            if (request.hasQuery(u"status"_s) &&
                i.value(u"status"_s).toString() != request.queryValue(u"status"_s))
                continue;
            if (request.hasQuery(u"subscription"_s) &&
                i.value(u"subscription"_s).toString() != request.queryValue(u"subscription"_s))
                continue;
            if (!createdMatches(request, u"created"_s, i.value(u"created"_s).toInteger()))
                continue;
            items.append(i);
        }
        return list(request, path, items);
    }
    if (path == u"/v1/prices"_s)
        return list(request, path, m_prices);
    if (path == u"/v1/billing/meters"_s)
        return list(request, path, m_meters);
    if (const auto m = lines.match(path); m.hasMatch()) {
        for (const QJsonObject &i : std::as_const(m_invoices)) {
            if (i.value(u"id"_s).toString() == m.captured(1)) {
                QList<QJsonObject> items;
                for (const QJsonValue &l :
                     i.value(u"lines"_s).toObject().value(u"data"_s).toArray())
                    items.append(l.toObject());
                return list(request, path, items);
            }
        }
        return missing(u"invoice"_s, m.captured(1));
    }
    if (const auto m = meterPath.match(path); m.hasMatch()) {
        for (const QJsonObject &meter : std::as_const(m_meters)) {
            if (meter.value(u"id"_s).toString() == m.captured(1))
                return m.captured(2).isEmpty() ? jsonAnswer(200, meter)
                                               : eventSummaries(request, meter);
        }
        return missing(u"billing.meter"_s, m.captured(1));
    }
    if (const auto m = one.match(path); m.hasMatch() && m.captured(2) != u"search"_s) {
        const QString kind = m.captured(1);
        const QList<QJsonObject> &items = kind == u"customers"_s       ? m_customers
                                          : kind == u"subscriptions"_s ? m_subscriptions
                                          : kind == u"invoices"_s      ? m_invoices
                                                                       : m_prices;
        for (QJsonObject item : items) {
            if (item.value(u"id"_s).toString() == m.captured(2)) {
                expand(item, expandPaths, {});
                return jsonAnswer(200, item);
            }
        }
        return missing(kind.chopped(1), m.captured(2));
    }
    return jsonAnswer(404, stripeError(u"invalid_request_error"_s, {},
                                       u"Unrecognized request URL (%1: %2)."_s.arg(
                                           QString::fromLatin1(request.method), path)));
}

} // namespace Casefile::Sandbox
