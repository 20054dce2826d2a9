#include "connectors/stripe/stripeconnector.h"

#include "connectors/common/parallel.h"

#include "core/time.h"

#include <QRegularExpression>
#include <QTimeZone>
#include <QtNumeric>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

namespace {

HttpClient::Options stripeOptions()
{
    HttpClient::Options o;
    o.system = u"stripe"_s;
    o.displayName = u"Stripe"_s;
    return o;
}

// The API version Casefile reads: an invoice line's price is under pricing.price_details
// (since 2025-03-31). Pinned, so an account's default version cannot change the shapes.
constexpr auto ApiVersion = "2025-03-31.basil";

QList<HttpHeader> stripeAuth(const ConnectionSettings &, const QString &secret)
{
    QList<HttpHeader> h{{"Stripe-Version"_ba, QByteArray(ApiVersion)}};
    if (!secret.isEmpty())
        h.append({"Authorization"_ba, "Bearer "_ba + secret.toUtf8()});
    return h;
}

// The line's price object: `pricing.price_details.price` when expanded (current shape), or
// the legacy `price` (API versions before 2025-03-31).
QJsonObject linePrice(const QJsonObject &line)
{
    const QJsonValue current =
        line.value(u"pricing"_s).toObject().value(u"price_details"_s).toObject().value(u"price"_s);
    if (current.isObject())
        return current.toObject();
    return line.value(u"price"_s).toObject();
}

// A current-shape line whose price is only an id: the meter needs the expanded price.
bool needsPriceExpansion(const QJsonObject &line)
{
    return line.value(u"pricing"_s)
               .toObject()
               .value(u"price_details"_s)
               .toObject()
               .value(u"price"_s)
               .isString() &&
           !line.value(u"price"_s).isObject();
}

QJsonArray customerRow(const QJsonObject &c, const QString &key, const QString &matchedBy)
{
    return QJsonArray{c.value(u"id"_s).toString(), c.value(u"email"_s).toString(),
                      c.value(u"name"_s).toString(),
                      c.value(u"metadata"_s).toObject().value(key).toString(), matchedBy};
}

// The customer metadata key that holds the org id: connection option `customer_metadata_key`,
// default `org_id`. Only a plain key is used (it goes into a search query).
QString metadataKey(const QJsonObject &options)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_.-]{1,40}$"_s);
    const QString key = options.value(u"customer_metadata_key"_s).toString().trimmed();
    return plain.match(key).hasMatch() ? key : u"org_id"_s;
}

QString lineMeter(const QJsonObject &line)
{
    const QJsonObject recurring = linePrice(line).value(u"recurring"_s).toObject();
    QString meter = recurring.value(u"meter"_s).toString();
    if (meter.isEmpty())
        meter = line.value(u"metadata"_s).toObject().value(u"meter"_s).toString();
    return meter;
}

bool isMetered(const QJsonObject &line)
{
    return !lineMeter(line).isEmpty() ||
           linePrice(line).value(u"recurring"_s).toObject().value(u"usage_type"_s).toString() ==
               u"metered"_s;
}

} // namespace

StripeConnector::StripeConnector(ConnectionSettings settings, Result<QString> secret)
    : HttpConnector(std::move(settings), std::move(secret), stripeOptions(), stripeAuth)
{}

QString StripeConnector::searchLiteral(const QString &value)
{
    QString out = value;
    out.replace(u"\\"_s, u"\\\\"_s);
    out.replace(u"'"_s, u"\\'"_s);
    return out;
}

Result<QJsonArray> StripeConnector::list(const QString &path, QUrlQuery query,
                                         const WorkLimits &limits, int maxPages,
                                         const QString &startAfter) const
{
    QJsonArray all;
    QString after = startAfter;
    for (int page = 0; page < maxPages; ++page) {
        QUrlQuery q = query;
        addQueryItem(q, u"limit"_s, u"100"_s);
        if (!after.isEmpty())
            addQueryItem(q, u"starting_after"_s, after);
        auto root = m_connection.getJson(m_connection.endpoint(path, q), limits);
        if (!root)
            return std::unexpected(root.error());
        const QJsonArray data = root->value(u"data"_s).toArray();
        for (const QJsonValue &v : data)
            all.append(v);
        if (!root->value(u"has_more"_s).toBool() || data.isEmpty())
            break;
        after = data.last().toObject().value(u"id"_s).toString();
    }
    return all;
}

Result<OperationOutput> StripeConnector::run(const OperationCall &call)
{
    if (call.operation == u"customer"_s)
        return customer(call);
    if (call.operation == u"invoices"_s)
        return invoices(call);
    if (call.operation == u"meter_summaries"_s)
        return meterSummaries(call);
    return std::unexpected(m_connection.unknownOperation(call.operation));
}

int StripeConnector::emailDomainMatch(const QString &email, const QString &domain)
{
    const qsizetype at = email.lastIndexOf(u'@');
    const QString host = email.mid(at + 1).trimmed().toLower();
    const QString want = domain.trimmed().toLower();
    if (at < 1 || want.isEmpty() || host.isEmpty())
        return 0;
    if (host == want)
        return 2;
    return host.endsWith(u'.' + want) ? 1 : 0;
}

Result<OperationOutput> StripeConnector::customer(const OperationCall &call) const
{
    auto org = Args::requiredString(call.args, u"org"_s);
    if (!org)
        return std::unexpected(org.error());
    const QString domain = Args::string(call.args, u"email_domain"_s).toLower();
    const QString key = metadataKey(m_connection.options());
    const auto hasOrg = [&](const QJsonValue &v) {
        return v.toObject().value(u"metadata"_s).toObject().value(key).toString() == *org;
    };
    QJsonObject found;
    QString source;
    QString matchedBy = u"metadata"_s;
    // The search (exact metadata match) and the list's first page together: the list is the
    // answer when the search finds nothing (its index lags behind new customers), is not
    // available to the key, or the customer is matched by e-mail domain. One round trip
    // whichever answers.
    const auto searchPage = [&](const QString &page) {
        QUrlQuery q;
        addQueryItem(q, u"query"_s, u"metadata['%1']:'%2'"_s.arg(key, searchLiteral(*org)));
        addQueryItem(q, u"limit"_s, u"10"_s);
        if (!page.isEmpty())
            addQueryItem(q, u"page"_s, page);
        return m_connection.getJson(m_connection.endpoint(u"/v1/customers/search"_s, q),
                                    call.limits);
    };
    QUrlQuery firstPage;
    addQueryItem(firstPage, u"limit"_s, u"100"_s);
    const auto first = inParallel(2, [&](qsizetype i) {
        return i == 0 ? searchPage({})
                      : m_connection.getJson(m_connection.endpoint(u"/v1/customers"_s, firstPage),
                                             call.limits);
    });
    auto root = first.at(0);
    for (int page = 0; page < 3 && found.isEmpty(); ++page) {
        if (!root) {
            if (isFatal(root.error()))
                return std::unexpected(root.error());
            break; // search unavailable (restricted key, region): fall back to the list
        }
        source = u"stripe:GET /v1/customers/search"_s;
        for (const QJsonValue &v : root->value(u"data"_s).toArray()) {
            if (hasOrg(v)) {
                found = v.toObject();
                break;
            }
        }
        const QString nextPage = root->value(u"next_page"_s).toString();
        if (!found.isEmpty() || !root->value(u"has_more"_s).toBool() || nextPage.isEmpty())
            break;
        root = searchPage(nextPage);
    }
    if (found.isEmpty()) {
        const auto &listed = first.at(1);
        if (!listed)
            return std::unexpected(listed.error());
        QJsonArray all = listed->value(u"data"_s).toArray();
        if (listed->value(u"has_more"_s).toBool() && !all.isEmpty()) {
            auto more = list(u"/v1/customers"_s, {}, call.limits, 4,
                             all.last().toObject().value(u"id"_s).toString());
            if (!more)
                return std::unexpected(more.error());
            for (const QJsonValue &v : std::as_const(*more))
                all.append(v);
        }
        source = u"stripe:GET /v1/customers"_s;
        for (const QJsonValue &v : std::as_const(all)) {
            if (hasOrg(v)) {
                found = v.toObject();
                break;
            }
        }
        if (found.isEmpty() && !domain.isEmpty()) {
            // the org's own domain first, else one of its sub-domains (a finance team's address)
            int best = 0;
            for (const QJsonValue &v : std::as_const(all)) {
                const QJsonObject c = v.toObject();
                const int match = emailDomainMatch(c.value(u"email"_s).toString(), domain);
                if (match > best) {
                    best = match;
                    found = c;
                    matchedBy = u"email domain"_s;
                }
            }
        }
    }
    if (found.isEmpty()) {
        return fail(Error::Code::NotFound,
                    u"Stripe has no customer for org %1%2"_s.arg(
                        truncated(*org, 80),
                        domain.isEmpty() ? QString() : u" or e-mail domain "_s + domain));
    }
    const QString id = found.value(u"id"_s).toString();
    OperationOutput out;
    out.evidence.append(makeEvidence(
        EvidenceKind::Table, u"stripe"_s, u"Stripe customer of %1"_s.arg(*org), source,
        {{u"columns"_s, QJsonArray{u"id"_s, u"email"_s, u"name"_s, u"org_id"_s, u"matched_by"_s}},
         {u"rows"_s, QJsonArray{customerRow(found, key, matchedBy)}},
         {u"refs"_s, QJsonArray{QString(u"stripe:customer:"_s + id)}}}));
    out.outputs = {{u"customer_id"_s, id}, {u"ref"_s, QString(u"stripe:customer:"_s + id)}};
    return out;
}

QJsonArray StripeConnector::invoiceRow(const QJsonObject &invoice, const QJsonArray &lineItems)
{
    const QDateTime start = fromUnixSeconds(invoice.value(u"period_start"_s));
    const QDateTime end = fromUnixSeconds(invoice.value(u"period_end"_s));
    const QString id = invoice.value(u"id"_s).toString();
    QJsonArray lines;
    qint64 metered = 0;
    for (const QJsonValue &l : std::as_const(lineItems)) {
        const QJsonObject line = l.toObject();
        const qint64 quantity = line.value(u"quantity"_s).toInteger();
        // Saturates: a corrupt quantity must not wrap the total around.
        if (isMetered(line) && qAddOverflow(metered, quantity, &metered))
            metered = quantity > 0 ? std::numeric_limits<qint64>::max()
                                   : std::numeric_limits<qint64>::min();
        const QString meter = lineMeter(line);
        const QJsonObject price = linePrice(line);
        const QJsonObject period = line.value(u"period"_s).toObject();
        const auto orNull = [](const QString &text) {
            return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
        };
        // the price's id (a string when not expanded) and the names that say what it bills
        QString priceId = price.value(u"id"_s).toString();
        if (priceId.isEmpty())
            priceId = line.value(u"pricing"_s)
                          .toObject()
                          .value(u"price_details"_s)
                          .toObject()
                          .value(u"price"_s)
                          .toString();
        lines.append(
            QJsonObject{{u"id"_s, line.value(u"id"_s).toString()},
                        {u"description"_s, line.value(u"description"_s).toString()},
                        {u"quantity"_s, quantity},
                        {u"amount"_s, line.value(u"amount"_s).toInteger()},
                        {u"period_start"_s, isoOrNull(fromUnixSeconds(period.value(u"start"_s)))},
                        {u"period_end"_s, isoOrNull(fromUnixSeconds(period.value(u"end"_s)))},
                        {u"meter"_s, orNull(meter)},
                        {u"metered"_s, isMetered(line)},
                        {u"price"_s, orNull(priceId)},
                        {u"price_nickname"_s, orNull(price.value(u"nickname"_s).toString())},
                        {u"lookup_key"_s, orNull(price.value(u"lookup_key"_s).toString())}});
    }
    return QJsonArray{id,
                      invoice.value(u"status"_s).toString(),
                      isoOrNull(start),
                      isoOrNull(end),
                      invoice.value(u"amount_due"_s).toInteger(),
                      invoice.value(u"currency"_s).toString(),
                      metered,
                      lines};
}

Result<OperationOutput> StripeConnector::invoices(const OperationCall &call) const
{
    auto customerId = Args::requiredString(call.args, u"customer"_s);
    if (!customerId)
        return std::unexpected(customerId.error());
    auto window = Args::window(call.args);
    if (!window)
        return std::unexpected(window.error());
    QUrlQuery q;
    addQueryItem(q, u"customer"_s, *customerId);
    auto all = list(u"/v1/invoices"_s, q, call.limits, 5);
    if (!all)
        return std::unexpected(all.error());
    QList<QJsonObject> inWindow;
    for (const QJsonValue &v : *all) {
        const QJsonObject invoice = v.toObject();
        const QDateTime start = fromUnixSeconds(invoice.value(u"period_start"_s));
        const QDateTime end = fromUnixSeconds(invoice.value(u"period_end"_s));
        const QDateTime created = fromUnixSeconds(invoice.value(u"created"_s));
        const bool overlaps =
            start.isValid() && end.isValid() && start < window->to && end > window->from;
        if (overlaps || window->contains(created))
            inWindow.append(invoice);
    }
    // The lines again, with their prices (an invoice list cannot expand that deep), for every
    // invoice that needs them at once: one round trip however many invoices.
    const auto needsLines = [](const QJsonObject &invoice) {
        const QJsonObject lines = invoice.value(u"lines"_s).toObject();
        const QJsonArray data = lines.value(u"data"_s).toArray();
        return lines.value(u"has_more"_s).toBool() ||
               std::any_of(data.cbegin(), data.cend(),
                           [](const auto &l) { return needsPriceExpansion(l.toObject()); });
    };
    const auto fetched = inParallel(inWindow.size(), [&](qsizetype i) -> Result<QJsonArray> {
        const QJsonObject &invoice = inWindow.at(i);
        if (!needsLines(invoice))
            return invoice.value(u"lines"_s).toObject().value(u"data"_s).toArray();
        QUrlQuery expand;
        addQueryItem(expand, u"expand[]"_s, u"data.pricing.price_details.price"_s);
        const QString id = invoice.value(u"id"_s).toString();
        return list(u"/v1/invoices/"_s + QString::fromLatin1(QUrl::toPercentEncoding(id)) +
                        u"/lines"_s,
                    expand, call.limits, 5);
    });
    QJsonArray rows;
    QJsonArray refs;
    QJsonArray ids;
    for (qsizetype i = 0; i < inWindow.size(); ++i) {
        if (!fetched.at(i))
            return std::unexpected(fetched.at(i).error());
        const QString id = inWindow.at(i).value(u"id"_s).toString();
        rows.append(invoiceRow(inWindow.at(i), *fetched.at(i)));
        refs.append(QString(u"stripe:invoice:"_s + id));
        ids.append(id);
    }
    OperationOutput out;
    out.evidence.append(
        makeEvidence(EvidenceKind::Table, u"stripe"_s, u"Stripe invoices of %1"_s.arg(*customerId),
                     u"stripe:GET /v1/invoices"_s,
                     {{u"columns"_s, QJsonArray{u"id"_s, u"status"_s, u"period_start"_s,
                                                u"period_end"_s, u"amount_due"_s, u"currency"_s,
                                                u"metered_quantity"_s, u"lines"_s}},
                      {u"rows"_s, rows},
                      {u"refs"_s, refs}}));
    out.outputs.insert(u"invoice_ids"_s, ids);
    return out;
}

Result<OperationOutput> StripeConnector::meterSummaries(const OperationCall &call) const
{
    auto customerId = Args::requiredString(call.args, u"customer"_s);
    if (!customerId)
        return std::unexpected(customerId.error());
    auto window = Args::window(call.args);
    if (!window)
        return std::unexpected(window.error());
    QString meter = Args::string(call.args, u"meter"_s);
    if (meter.isEmpty())
        meter = m_connection.options().value(u"meter"_s).toString();
    if (meter.isEmpty())
        return fail(Error::Code::InvalidInput,
                    u"The argument \"meter\" is missing (and no default meter is configured)"_s);
    const QString grouping = Args::string(call.args, u"window"_s, u"day"_s);
    if (grouping != u"day"_s && grouping != u"hour"_s)
        return fail(Error::Code::InvalidInput, u"The argument \"window\" must be day or hour"_s);

    // The meters asked for: one by id or event name, or "*" for every active meter (an
    // invoice has a line per meter: input, output, cached tokens, images). Ids found by name are
    // kept a few minutes, so the next investigation asks its summaries without the listing.
    constexpr qsizetype MaxMeters = 8;
    QList<std::pair<QString, QString>> meters; // event name (as asked), id
    if (meter.startsWith(u"mtr_"_s)) {
        meters.append({meter, meter});
    } else if (auto known = m_meterIds.find(meter)) {
        meters = std::move(*known);
    }
    if (meters.isEmpty()) {
        auto all = list(u"/v1/billing/meters"_s, {}, call.limits, 3);
        if (!all)
            return std::unexpected(all.error());
        for (const QJsonValue &v : *all) {
            const QJsonObject m = v.toObject();
            const QString id = m.value(u"id"_s).toString();
            const QString name = m.value(u"event_name"_s).toString();
            if (meter == u"*"_s) {
                if (m.value(u"status"_s).toString(u"active"_s) == u"active"_s &&
                    meters.size() < MaxMeters)
                    meters.append({name.isEmpty() ? id : name, id});
            } else if (id == meter || name == meter) {
                meters.append({meter, id});
                break;
            }
        }
        if (!meters.isEmpty())
            m_meterIds.keep(meter, meters);
    }
    if (meters.isEmpty())
        return fail(Error::Code::NotFound,
                    meter == u"*"_s
                        ? u"Stripe has no active billing meter"_s
                        : u"Stripe has no billing meter \"%1\""_s.arg(truncated(meter, 80)));

    // Windows must align to UTC hours/days.
    const qint64 step = grouping == u"day"_s ? 86400 : 3600;
    const qint64 start = window->from.toSecsSinceEpoch() / step * step;
    const qint64 end = (window->to.toSecsSinceEpoch() + step - 1) / step * step;
    // A page holds 100 summaries and the list pages by cursor, one page after another: the
    // window is cut into spans of 100 buckets, asked all at once (35 days per hour: 9 spans).
    constexpr qint64 BucketsPerPage = 100;
    constexpr qint64 MaxSpans = 20;
    const qint64 buckets = std::max<qint64>(1, (end - start) / step);
    const qint64 spans = std::min(MaxSpans, (buckets + BucketsPerPage - 1) / BucketsPerPage);
    const qint64 perSpan = (buckets + spans - 1) / spans * step;
    const qsizetype calls = meters.size() * qsizetype(spans);
    const auto parts = inParallel(calls, [&](qsizetype i) {
        const QString &meterId = meters.at(i / spans).second;
        const qint64 from = start + (i % spans) * perSpan;
        QUrlQuery q;
        addQueryItem(q, u"customer"_s, *customerId);
        addQueryItem(q, u"start_time"_s, QString::number(from));
        addQueryItem(q, u"end_time"_s, QString::number(std::min(end, from + perSpan)));
        addQueryItem(q, u"value_grouping_window"_s, grouping);
        return list(u"/v1/billing/meters/"_s +
                        QString::fromLatin1(QUrl::toPercentEncoding(meterId)) +
                        u"/event_summaries"_s,
                    q, call.limits, 10);
    });
    QJsonArray series;
    double total = 0;
    for (qsizetype m = 0; m < meters.size(); ++m) {
        QList<std::pair<qint64, double>> points;
        for (qsizetype i = m * spans; i < (m + 1) * spans; ++i) {
            const auto &part = parts.at(i);
            if (!part)
                return std::unexpected(part.error());
            for (const QJsonValue &v : *part) {
                const QJsonObject summary = v.toObject();
                const double value = summary.value(u"aggregated_value"_s).toDouble();
                points.append({summary.value(u"start_time"_s).toInteger(), value});
                total += value;
            }
        }
        std::sort(points.begin(), points.end());
        QJsonArray array;
        for (const auto &[t, value] : std::as_const(points))
            array.append(
                QJsonArray{isoUtc(QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc())), value});
        series.append(QJsonObject{{u"labels"_s, QJsonObject{{u"meter"_s, meters.at(m).first},
                                                            {u"meter_id"_s, meters.at(m).second}}},
                                  {u"points"_s, array}});
    }
    const QString path =
        meters.size() == 1
            ? u"/v1/billing/meters/"_s +
                  QString::fromLatin1(QUrl::toPercentEncoding(meters.first().second)) +
                  u"/event_summaries"_s
            : u"/v1/billing/meters/*/event_summaries"_s;
    OperationOutput out;
    out.evidence.append(
        makeEvidence(EvidenceKind::TimeSeries, u"stripe"_s,
                     u"Stripe meter %1 for %2 per %3"_s.arg(
                         meter == u"*"_s ? u"summaries"_s : meter, *customerId, grouping),
                     u"stripe:GET "_s + path,
                     {{u"bucket_s"_s, step},
                      {u"columns"_s, QJsonArray{u"t"_s, u"value"_s}},
                      {u"series"_s, series}}));
    out.outputs.insert(u"total"_s, total);
    return out;
}

ConnectionCheck StripeConnector::testConnection(const WorkLimits &limits)
{
    if (auto problem = m_connection.urlProblem())
        return {false, *problem};
    QUrlQuery q;
    addQueryItem(q, u"limit"_s, u"1"_s);
    auto root = m_connection.getJson(m_connection.endpoint(u"/v1/customers"_s, q), limits);
    if (!root)
        return m_connection.failedCheck(root.error());
    const auto secret = m_connection.secret();
    const bool test =
        secret && (secret->startsWith(u"sk_test_"_s) || secret->startsWith(u"rk_test_"_s));
    return {true, u"Connected to Stripe%1; customers readable"_s.arg(test ? u" (test mode)"_s
                                                                          : QString())};
}

} // namespace Casefile::Connectors
