#include "core/analysis/tokenreconciliation.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace Analysis {

LoggedTokens &LoggedTokens::operator+=(const LoggedTokens &other)
{
    prompt += other.prompt;
    completion += other.completion;
    cached += other.cached;
    return *this;
}

// ---------------------------------------------------------------- gather

LineKind lineKind(const QString &names, bool metered, int meteredLines)
{
    if (!metered)
        return LineKind::Other;
    QString text = names.toLower();
    text.replace(u'_', u' ').replace(u'-', u' ').replace(u'.', u' ');
    static const QRegularExpression cached(u"\\bcach(e|ed|ing)\\b"_s);
    static const QRegularExpression input(u"\\b(input|prompt)\\b"_s);
    static const QRegularExpression output(u"\\b(output|completion)s?\\b"_s);
    static const QRegularExpression tokens(u"\\btokens?\\b"_s);
    if (cached.match(text).hasMatch())
        return LineKind::Cached;
    if (input.match(text).hasMatch())
        return LineKind::Input;
    if (output.match(text).hasMatch())
        return LineKind::Output;
    // one metered line without a narrower name is the token meter; next to others, a line
    // that does not name tokens bills something else (images, requests, storage)
    if (tokens.match(text).hasMatch() || meteredLines == 1)
        return LineKind::AllTokens;
    return LineKind::Other;
}

namespace {

bool lineIsMetered(const QJsonObject &line)
{
    const QJsonValue metered = line.value(u"metered"_s);
    if (metered.isBool())
        return metered.toBool();
    return !line.value(u"meter"_s).toString().isEmpty(); // evidence saved before `metered`
}

QString lineNames(const QJsonObject &line)
{
    QStringList names;
    for (const QString &key :
         {u"price_nickname"_s, u"lookup_key"_s, u"description"_s, u"meter"_s}) {
        const QString value = line.value(key).toString().trimmed();
        if (!value.isEmpty())
            names.append(value);
    }
    return names.join(u" | "_s);
}

} // namespace

InvoiceLine invoiceLine(const QJsonObject &line, int meteredLines)
{
    InvoiceLine l;
    l.id = line.value(u"id"_s).toString();
    l.meter = line.value(u"meter"_s).toString();
    const QString names = lineNames(line);
    l.kind = lineKind(names, lineIsMetered(line), meteredLines);
    for (const QString &key : {u"price_nickname"_s, u"lookup_key"_s, u"description"_s}) {
        if (l.name.isEmpty())
            l.name = line.value(key).toString().trimmed();
    }
    if (l.name.isEmpty())
        l.name = names.isEmpty() ? l.id : names;
    l.quantity = toNumber(line.value(u"quantity"_s));
    if (line.value(u"amount"_s).isDouble())
        l.amount = line.value(u"amount"_s).toDouble();
    return l;
}

QList<BillingPolicy::LinePrice> pricesOfPage(const QString &text, const QString &ref)
{
    static const QRegularExpression perMillion(
        u"\\$\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(?:per|/|a)\\s*(?:million|1m|1,000,000)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression centsPerToken(
        u"([0-9]+(?:\\.[0-9]+)?)\\s*cents?\\s*(?:a|per|/)\\s*token"_s,
        QRegularExpression::CaseInsensitiveOption);
    QList<BillingPolicy::LinePrice> prices;
    for (const QString &row : text.split(u'\n')) {
        const QString t = row.trimmed();
        if (!t.startsWith(u'|'))
            continue;
        const QStringList cells = t.mid(1).split(u'|');
        if (cells.size() < 2)
            continue;
        const QString name = QString(cells.first()).remove(u'`').remove(u'*').trimmed().toLower();
        for (const QString &cell : cells.mid(1)) {
            double cents = 0;
            const QRegularExpressionMatch inCents = centsPerToken.match(cell);
            const QRegularExpressionMatch inDollars = perMillion.match(cell);
            if (inCents.hasMatch())
                cents = inCents.captured(1).toDouble();
            else if (inDollars.hasMatch())
                cents = inDollars.captured(1).toDouble() * 100.0 / 1e6;
            if (name.isEmpty() || cents <= 0)
                continue;
            prices.append({name, cents, ref, QString(cell).remove(u"**"_s).trimmed()});
            break;
        }
    }
    return prices;
}

std::optional<PriceDeparture> judgePrices(const InvoiceVerdict &verdict,
                                          const BillingPolicy &policy)
{
    for (qsizetype i = 0; i < verdict.lines.size(); ++i) {
        const LineVerdict &v = verdict.lines.at(i);
        if (v.outcome != LineVerdict::Outcome::Matches || v.line.amount < 0 || v.line.quantity <= 0)
            continue;
        const QString name = v.line.name.toLower();
        for (const BillingPolicy::LinePrice &price : policy.prices) {
            if (price.line != name)
                continue;
            const double billed = v.line.amount / v.line.quantity;
            const double extra = v.line.amount - price.centsPerToken * v.line.quantity;
            const double ratio = billed / price.centsPerToken;
            if ((ratio > 1.05 || ratio < 0.95) && std::abs(extra) >= 100)
                return PriceDeparture{int(i),    billed,       price.centsPerToken, extra,
                                      price.ref, price.stated, price.evidenceId};
        }
    }
    return std::nullopt;
}

namespace {

// A share of a price stated in the sentence: "10%", "0.1x", "× 0.25", "one tenth", "a quarter",
// "half"; "90% off" or "a 90% discount" state the share left to pay. Negative: none stated.
double statedShare(const QString &l)
{
    static const QRegularExpression percent(u"(\\d+(?:\\.\\d+)?)\\s*(?:%|percent|per cent)"_s);
    static const QRegularExpression factor(
        u"(?:(?<![\\d.])(0?\\.\\d+)\\s*(?:x|×)(?![a-z]))|(?:(?:x|×)\\s*(0?\\.\\d+))"_s);
    static const QRegularExpression words(
        u"\\b(a|one|two|three|four|five|six|seven|eight|nine|1|2|3|4|5|6|7|8|9)?[\\s-]*"
        u"(half|halves|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths|hundredth|"
        u"hundredths)\\b"
        u"(?![\\s-]part)"_s);
    static const QRegularExpression off(u"^\\s*(?:off|discount|less|reduction|cheaper)"_s);
    static const QRegularExpression discountBefore(u"(?:discount|reduction)\\s+of\\s*$"_s);
    if (const auto m = percent.match(l); m.hasMatch()) {
        const double v = m.captured(1).toDouble() / 100.0;
        const bool isOff = off.match(l.mid(m.capturedEnd())).hasMatch() ||
                           discountBefore.match(l.left(m.capturedStart())).hasMatch();
        return isOff ? 1.0 - v : v;
    }
    if (const auto m = factor.match(l); m.hasMatch())
        return (m.captured(1).isEmpty() ? m.captured(2) : m.captured(1)).toDouble();
    if (const auto m = words.match(l); m.hasMatch()) {
        static const QStringList numbers{u"one"_s, u"two"_s,   u"three"_s, u"four"_s, u"five"_s,
                                         u"six"_s, u"seven"_s, u"eight"_s, u"nine"_s};
        const QString n = m.captured(1);
        double count = 1;
        if (const qsizetype i = numbers.indexOf(n); i >= 0)
            count = double(i + 1);
        else if (!n.isEmpty() && n.at(0).isDigit())
            count = n.toDouble();
        const QString d = m.captured(2);
        const double denominator = d.startsWith(u"hal")       ? 2
                                   : d.startsWith(u"third")   ? 3
                                   : d.startsWith(u"quarter") ? 4
                                   : d.startsWith(u"fifth")   ? 5
                                   : d.startsWith(u"tenth")   ? 10
                                                              : 100;
        const double v = count / denominator;
        // "prompt tokens minus nine tenths of the cache reads": the share left to pay
        static const QRegularExpression minus(u"(?:minus|less|without)\\s*$"_s);
        return minus.match(l.left(m.capturedStart()).trimmed()).hasMatch() ? 1.0 - v : v;
    }
    return -1;
}

bool saysOneOf(const QString &l, std::initializer_list<QStringView> phrases)
{
    return std::any_of(phrases.begin(), phrases.end(),
                       [&](QStringView p) { return l.contains(p); });
}

} // namespace

CachedStatement cachedStatement(const QString &sentence)
{
    const QString l = sentence.toLower().simplified();
    if (!l.contains(u"cache"))
        return {};
    const bool formulaExcluded = saysOneOf(l, {u"- cached_tokens", u"-cached_tokens",
                                               u"minus cached", u"minus the cached"}) &&
                                 !saysOneOf(l, {u"x cached", u"* cached", u"× cached"});
    const double share = statedShare(l);
    const bool rate = share >= 0 && share < 1;
    CachedStatement st;
    // an explicit rate wins over a formula that subtracts cached tokens first
    if (rate || saysOneOf(l, {u"x cached", u"* cached", u"× cached"})) {
        st.rule = CachedRule::Discounted;
        st.share = rate ? share : 0.1;
    } else if (formulaExcluded ||
               saysOneOf(l, {u"not billed", u"excluded", u"free of charge", u"not counted",
                             u"aren't billed", u"are free", u"not charged", u"aren't charged",
                             u"no charge", u"at no cost", u"cost nothing", u"never billed",
                             u"not invoiced", u"never invoiced"})) {
        st.rule = CachedRule::Excluded;
    } else if (saysOneOf(l, {u"discount", u"reduced rate", u"reduced price", u"lower rate",
                             u"cheaper"})) {
        st.rule = CachedRule::Discounted;
        st.share = 0.1;
    } else if (saysOneOf(l, {u"full price", u"billed in full", u"charged in full", u"same rate",
                             u"same price", u"like any other", u"full input price",
                             u"full input rate", u"full rate"})) {
        st.rule = CachedRule::Full;
    }
    if (st.rule == CachedRule::Unknown)
        return {};
    // an explicit rate or a stated exclusion beats a passing mention
    st.strength = (rate || formulaExcluded ||
                   saysOneOf(l, {u"not billed", u"not charged", u"free of charge", u"no charge"}))
                      ? 3
                      : 1;
    return st;
}

// "Usage is invoiced per UTC day, whatever the time zone of your organisation": the invoice's
// day against a local one. A sentence naming UTC days alone states no difference to explain.
bool saysUtcDays(const QString &l)
{
    return l.contains(u"utc") && saysOneOf(l, {u"time zone", u"timezone", u"local"});
}

double tokenCount(const QString &text)
{
    const QString l = text.toLower();
    // a number, a multiplier, then "tokens" within two words ("1,000 input tokens")
    static const QRegularExpression digits(
        u"(?<![\\w.,])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*"
        u"(thousand|million|billion|mio|k|m|b)?\\b\\s*(?:[a-z-]+\\s+){0,2}?tokens?\\b"_s);
    static const QRegularExpression words(
        u"\\b(?:a|one)\\s+(thousand|million|billion)\\s+(?:[a-z-]+\\s+){0,2}?tokens?\\b"_s);
    const auto times = [](const QString &m) {
        if (m == u"thousand" || m == u"k")
            return 1e3;
        if (m == u"million" || m == u"mio" || m == u"m")
            return 1e6;
        if (m == u"billion" || m == u"b")
            return 1e9;
        return 1.0;
    };
    const auto d = digits.match(l);
    const auto w = words.match(l);
    if (d.hasMatch() && (!w.hasMatch() || d.capturedStart() <= w.capturedStart()))
        return QString(d.captured(1)).remove(u',').toDouble() * times(d.captured(2));
    if (w.hasMatch())
        return times(w.captured(1));
    return -1;
}

UsageStatement usageStatement(const QString &sentence)
{
    const QString l = sentence.toLower().simplified();
    UsageStatement st;
    // "prompts of at least 1,024 tokens are cached" is about caching, not billing
    if (l.contains(u"cach"))
        return st;
    const double count = tokenCount(l);
    if (count <= 0)
        return st;
    const bool billing = saysOneOf(l, {u"bill", u"charge", u"invoice", u"pay"});
    if (saysOneOf(l, {u"minimum", u"minimal", u"commitment", u"committed"}) ||
        (billing && saysOneOf(l, {u"at least", u"no less than", u"never less than"}))) {
        st.minimum = count;
        const bool input = saysOneOf(l, {u"input", u"prompt"});
        const bool output = saysOneOf(l, {u"output", u"completion"});
        st.onInput = input && !output;
        st.onOutput = output && !input;
    } else if (saysOneOf(l, {u"round", u"block", u"increment", u"per started", u"started unit",
                             u"whole unit", u"units of"}))
        st.roundTo = count;
    return st;
}

double policyQuantity(double billable, const BillingPolicy &policy)
{
    double q = billable;
    if (policy.roundTo > 0)
        q = std::ceil(q / policy.roundTo - 1e-9) * policy.roundTo;
    if (policy.minimum > 0)
        q = std::max(q, policy.minimum);
    return q;
}

namespace {

QList<InvoiceLine> linesOf(const Table &inv, int row);

// The names the invoices give a line of cached tokens of its own ("Cached input tokens").
QStringList cachedLineNames(const AnalysisInput &input)
{
    QStringList names;
    for (const FoundEvidence &f : findEvidence(input, u"stripe", u"invoices")) {
        const Table inv(f.evidence->data);
        for (int r = 0; r < inv.rowCount(); ++r) {
            for (const InvoiceLine &l : linesOf(inv, r)) {
                if (l.kind == LineKind::Cached && l.name.size() >= 6)
                    appendUnique(names, l.name.toLower());
            }
        }
    }
    return names;
}

} // namespace

BillingPolicy policyFromDocs(const AnalysisInput &input)
{
    BillingPolicy p;
    QList<FoundEvidence> found = findEvidence(input, u"docs", u"search");
    found.append(findEvidence(input, u"docs", u"fetch"));
    // an invoice with a line of cached tokens of its own is explained by the page that
    // describes that line, above a page about caching in general
    const QStringList cachedLines = cachedLineNames(input);
    static const QRegularExpression sentences(u"\\n|\\.(?!\\d)"_s);
    int bestStrength = 0;
    for (const FoundEvidence &f : found) {
        for (const QJsonValue &v : f.evidence->data.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            const QString ref = item.value(u"ref"_s).toString();
            const QString title = item.value(u"title"_s).toString().toLower();
            const QString text = item.value(u"text"_s).toString().toLower();
            const bool describesLine =
                std::any_of(cachedLines.cbegin(), cachedLines.cend(),
                            [&](const QString &name) { return text.contains(name); });
            // a page both searched and fetched states each of its prices once
            for (BillingPolicy::LinePrice price :
                 pricesOfPage(item.value(u"text"_s).toString(), ref)) {
                const bool known = std::any_of(
                    p.prices.cbegin(), p.prices.cend(), [&](const BillingPolicy::LinePrice &other) {
                        return other.ref == ref && other.line == price.line;
                    });
                if (known)
                    continue;
                price.evidenceId = f.evidence->id;
                p.prices.append(price);
            }
            for (const QString &line : item.value(u"text"_s).toString().split(sentences)) {
                const UsageStatement usage = usageStatement(line);
                if (usage.minimum > 0 && p.minimum <= 0) {
                    p.minimum = usage.minimum;
                    p.minimumRef = ref;
                    p.minimumOnInput = usage.onInput;
                    p.minimumOnOutput = usage.onOutput;
                }
                if (p.utcDaysRef.isEmpty() && saysUtcDays(line.toLower()))
                    p.utcDaysRef = ref;
                if (usage.roundTo > 0 && p.roundTo <= 0) {
                    p.roundTo = usage.roundTo;
                    p.roundingRef = ref;
                }
                const CachedStatement st = cachedStatement(line);
                if (st.rule == CachedRule::Unknown)
                    continue;
                int strength = st.strength;
                if (ref.contains(u"cach") || title.contains(u"cach")) // the page about caching
                    ++strength;
                if (describesLine) // the page about the invoice's own cached line
                    strength += 2;
                if (strength <= bestStrength)
                    continue;
                bestStrength = strength;
                p.rule = st.rule;
                if (st.rule == CachedRule::Discounted)
                    p.discount = st.share;
                p.docRef = ref;
                p.evidenceId = f.evidence->id;
            }
        }
    }
    return p;
}

namespace {

QMap<QDate, LoggedTokens> usageByDay(const Evidence &usage)
{
    QMap<QDate, LoggedTokens> days;
    const Table u(usage.data);
    for (int r = 0; r < u.rowCount(); ++r) {
        const QDate date = u.time(r, u"day").date();
        if (date.isValid())
            days[date] += {u.number(r, u"prompt_tokens"), u.number(r, u"completion_tokens"),
                           u.number(r, u"cached_tokens")};
    }
    return days;
}

// The tokens of each group of a grouped token_usage table over the days of [from, to).
QList<UsageGroup> usageGroups(const Evidence &usage, const QDateTime &from, const QDateTime &to)
{
    const QString by = usage.data.value(u"group_by"_s).toString();
    QMap<QString, LoggedTokens> byValue;
    const Table u(usage.data);
    for (int r = 0; r < u.rowCount(); ++r) {
        const QDateTime start(u.time(r, u"day").date(), QTime(0, 0), QTimeZone::utc());
        if (!start.isValid() || start < from || start >= to)
            continue;
        byValue[u.text(r, u"group")] +=
            {u.number(r, u"prompt_tokens"), u.number(r, u"completion_tokens"),
             u.number(r, u"cached_tokens")};
    }
    QList<UsageGroup> out;
    for (auto it = byValue.cbegin(); it != byValue.cend(); ++it)
        out.append({by, it.key(), it.value()});
    return out;
}

// The tokens of each group of an hourly token_usage table, hour by hour within [from, to).
QList<std::pair<QDateTime, UsageGroup>> usageHours(const Evidence &usage, const QDateTime &from,
                                                   const QDateTime &to)
{
    const QString by = usage.data.value(u"group_by"_s).toString();
    QList<std::pair<QDateTime, UsageGroup>> out;
    const Table u(usage.data);
    for (int r = 0; r < u.rowCount(); ++r) {
        const QDateTime hour = u.time(r, u"hour");
        if (!hour.isValid() || hour < from || hour >= to)
            continue;
        out.append({hour,
                    {by,
                     u.text(r, u"group"),
                     {u.number(r, u"prompt_tokens"), u.number(r, u"completion_tokens"),
                      u.number(r, u"cached_tokens")}}});
    }
    return out;
}

QList<ConfigDay> configDays(const Evidence &usage)
{
    QList<ConfigDay> out;
    const Table u(usage.data);
    for (int r = 0; r < u.rowCount(); ++r) {
        ConfigDay d{u.text(r, u"group"),
                    u.time(r, u"day").date(),
                    {u.number(r, u"prompt_tokens"), u.number(r, u"completion_tokens"),
                     u.number(r, u"cached_tokens")},
                    u.number(r, u"requests"),
                    u.time(r, u"first"),
                    u.time(r, u"last")};
        if (!d.config.isEmpty() && d.day.isValid())
            out.append(d);
    }
    return out;
}

struct MeterSeries
{
    QMap<QDate, double> days;
    QList<std::pair<QDateTime, double>> hours;
};

struct MeterReadings
{
    QMap<QString, MeterSeries> byMeter; // by meter id ('' when the evidence does not say)
    QString evidenceId;
};

MeterReadings meterReadings(const AnalysisInput &input)
{
    MeterReadings m;
    for (const FoundEvidence &f : findEvidence(input, u"stripe", u"meter_summaries")) {
        m.evidenceId = f.evidence->id;
        // one series per meter (a step may ask for every meter)
        for (const Series &s : seriesOf(*f.evidence)) {
            MeterSeries &readings = m.byMeter[s.labels.value(u"meter_id"_s).toString()];
            // hourly summaries (a second step may ask for them) locate a fault within a day
            const bool hourly = s.size() >= 2 && s.times.at(0).secsTo(s.times.at(1)) <= 3600;
            for (int i = 0; i < s.size(); ++i) {
                if (hourly)
                    readings.hours.append({s.times.at(i), s.value(i, u"value")});
                else
                    readings.days[s.times.at(i).date()] += s.value(i, u"value");
            }
        }
    }
    return m;
}

QList<InvoiceLine> linesOf(const Table &inv, int row)
{
    const QJsonArray array = inv.value(row, u"lines").toArray();
    int metered = 0;
    for (const QJsonValue &v : array)
        metered += lineIsMetered(v.toObject()) ? 1 : 0;
    QList<InvoiceLine> lines;
    for (const QJsonValue &v : array)
        lines.append(invoiceLine(v.toObject(), metered));
    // evidence without its lines: the metered total is the one token meter
    const double total = inv.number(row, u"metered_quantity", -1);
    if (array.isEmpty() && total >= 0)
        lines.append({inv.text(row, u"id"), u"metered usage"_s, LineKind::AllTokens, total, {}});
    return lines;
}

} // namespace

BillingFacts gatherBilling(const AnalysisInput &input)
{
    BillingFacts facts;
    const QList<FoundEvidence> usage = findEvidence(input, u"clickhouse", u"token_usage");
    const QList<FoundEvidence> invoices = findEvidence(input, u"stripe", u"invoices");
    if (usage.isEmpty())
        facts.notChecked.append(unchecked(u"token_usage"_s));
    if (invoices.isEmpty())
        facts.notChecked.append(unchecked(u"invoices"_s));
    for (const FoundEvidence &f : findEvidence(input, u"stripe", u"customer")) {
        const Table c(f.evidence->data);
        if (c.rowCount() > 0 && c.text(0, u"matched_by") == u"email domain"_s)
            facts.customerId = c.text(0, u"id");
    }
    if (usage.isEmpty() || invoices.isEmpty())
        return facts;
    facts.policy = policyFromDocs(input);
    facts.invoiceEvidence = invoices.first().evidence->id;
    // the usage of the whole org, a day a row; the tables grouped by provider, model or config
    // split it
    const Evidence *whole = usage.first().evidence;
    QList<const Evidence *> grouped;
    QList<const Evidence *> hourly;
    // the usage an hour a row is read apart, for the hours since a fault began
    const auto hourRows = [](const Evidence *e) {
        return e->data.value(u"bucket"_s).toString() == u"hour";
    };
    for (const FoundEvidence &u : usage) {
        const QString by = u.evidence->data.value(u"group_by"_s).toString();
        if (hourRows(u.evidence)) {
            if (!by.isEmpty())
                hourly.append(u.evidence);
            continue;
        }
        if (!by.isEmpty())
            grouped.append(u.evidence);
        if (by == u"config_id" && facts.configEvidence.isEmpty()) {
            facts.configEvidence = u.evidence->id;
            facts.configDays = configDays(*u.evidence);
        }
    }
    for (const FoundEvidence &u : usage) {
        if (u.evidence->data.value(u"group_by"_s).toString().isEmpty() && !hourRows(u.evidence)) {
            whole = u.evidence;
            break;
        }
    }
    facts.usageEvidence = whole->id;
    const QMap<QDate, LoggedTokens> days = usageByDay(*whole);
    const MeterReadings meter = meterReadings(input);
    facts.meterEvidence = meter.evidenceId;

    const Table inv(invoices.first().evidence->data);
    const QString ticketText = input.ticket.subject + u' ' + input.ticket.description;
    bool ticketNamesOne = false; // then only the invoice the ticket names is reconciled
    for (int r = 0; r < inv.rowCount(); ++r)
        ticketNamesOne = ticketNamesOne ||
                         (!inv.text(r, u"id").isEmpty() && ticketText.contains(inv.text(r, u"id")));
    for (int r = 0; r < inv.rowCount(); ++r) {
        InvoiceFacts f;
        f.id = inv.text(r, u"id");
        if (ticketNamesOne && !ticketText.contains(f.id))
            continue;
        f.ref = inv.ref(r).isEmpty() ? u"stripe:invoice:"_s + f.id : inv.ref(r);
        f.from = inv.time(r, u"period_start");
        f.to = inv.time(r, u"period_end");
        f.lines = linesOf(inv, r);
        if (!f.from.isValid() || !f.to.isValid())
            continue;
        // the summaries of each meter measure the token line of that meter; summaries that do
        // not name their meter measure the invoice's only token line
        QList<const InvoiceLine *> tokenLines;
        for (const InvoiceLine &l : std::as_const(f.lines)) {
            if (l.kind != LineKind::Other)
                tokenLines.append(&l);
        }
        QMap<QString, const MeterSeries *> ofLine;
        for (const InvoiceLine *l : std::as_const(tokenLines)) {
            if (!l->meter.isEmpty() && meter.byMeter.contains(l->meter))
                ofLine.insert(l->id, &*meter.byMeter.constFind(l->meter));
        }
        if (ofLine.isEmpty() && tokenLines.size() == 1 && meter.byMeter.size() == 1 &&
            (meter.byMeter.firstKey().isEmpty() || tokenLines.first()->meter.isEmpty()))
            ofLine.insert(tokenLines.first()->id, &*meter.byMeter.cbegin());
        for (auto it = days.cbegin(); it != days.cend(); ++it) {
            const QDateTime start(it.key(), QTime(0, 0), QTimeZone::utc());
            if (start < f.from || start >= f.to)
                continue;
            f.logged += *it;
            f.days.append({it.key(), *it, -1});
        }
        if (f.days.isEmpty())
            continue;
        for (const Evidence *g : std::as_const(grouped))
            f.groups.append(usageGroups(*g, f.from, f.to));
        for (const Evidence *g : std::as_const(hourly))
            f.hourlyGroups.append(usageHours(*g, f.from, f.to));
        for (auto it = ofLine.cbegin(); it != ofLine.cend(); ++it) {
            LineReadings &lr = f.readings[it.key()];
            for (const MeterDay &d : std::as_const(f.days))
                lr.days.append({d.day, d.logged,
                                it.value()->days.isEmpty() ? -1 : it.value()->days.value(d.day)});
            for (const auto &h : it.value()->hours) {
                if (h.first >= f.from && h.first < f.to)
                    lr.hours.append(h);
            }
        }
        // the first measured line keeps the one-meter fields filled
        if (!f.readings.isEmpty()) {
            f.meterLine = f.readings.firstKey();
            f.days = f.readings.first().days;
            f.hours = f.readings.first().hours;
        }
        facts.invoices.append(f);
    }
    return facts;
}

// ---------------------------------------------------------------- judge

LoggedTokens tokensOfLine(LineKind kind, const LoggedTokens &logged, bool cachedLine)
{
    switch (kind) {
    case LineKind::AllTokens:
        return logged;
    case LineKind::Input:
        if (cachedLine)
            return {std::max(0.0, logged.prompt - logged.cached), 0, 0};
        return {logged.prompt, 0, logged.cached};
    case LineKind::Output:
        return {0, logged.completion, 0};
    case LineKind::Cached:
        return {logged.cached, 0, 0};
    case LineKind::Other:
        break;
    }
    return {};
}

double billableTokens(const LoggedTokens &t, CachedRule rule, double discount)
{
    switch (rule) {
    case CachedRule::Excluded:
        return t.prompt + t.completion - t.cached;
    case CachedRule::Discounted:
        return t.prompt + t.completion - t.cached + discount * t.cached;
    case CachedRule::Full:
    case CachedRule::Unknown:
        break;
    }
    return t.prompt + t.completion;
}

ConfigSwitch judgeConfigSwitch(const QList<ConfigDay> &days, const QDateTime &periodFrom,
                               const QDateTime &periodTo, const BillingPolicy &policy)
{
    struct Life
    {
        LoggedTokens logged;
        double requests = 0;
        QDateTime first;
        QDateTime last;
        LoggedTokens period;
        double periodRequests = 0;
        // requests per hour of its life in the window
        double rate() const
        {
            const qint64 secs = first.isValid() && last.isValid() ? first.secsTo(last) : 0;
            return requests / std::max(1.0, double(secs) / 3600.0);
        }
        LoggedTokens perRequest() const
        {
            const double n = std::max(1.0, requests);
            return {logged.prompt / n, logged.completion / n, logged.cached / n};
        }
    };
    QMap<QString, Life> lives;
    for (const ConfigDay &d : days) {
        Life &l = lives[d.config];
        l.logged += d.logged;
        l.requests += d.requests;
        if (d.first.isValid() && (!l.first.isValid() || d.first < l.first))
            l.first = d.first;
        if (d.last.isValid() && (!l.last.isValid() || d.last > l.last))
            l.last = d.last;
        const QDateTime start(d.day, QTime(0, 0), QTimeZone::utc());
        if (start >= periodFrom && start < periodTo) {
            l.period += d.logged;
            l.periodRequests += d.requests;
        }
    }
    const auto billable = [&](const LoggedTokens &t) {
        return billableTokens(t, policy.rule, policy.discount);
    };
    ConfigSwitch best;
    for (auto a = lives.cbegin(); a != lives.cend(); ++a) {
        if (a->requests < 20 || !a->last.isValid())
            continue;
        for (auto b = lives.cbegin(); b != lives.cend(); ++b) {
            if (b.key() == a.key() || b->requests < 20 || !b->first.isValid() ||
                b->first < periodFrom || b->first >= periodTo)
                continue;
            // the old config stops where the new one starts and the new one serves requests
            // at a rate of the same order
            const qint64 gap = b->first.secsTo(a->last);
            if (gap < -3600 || gap > 3600 || b->rate() < 0.3 * a->rate())
                continue;
            ConfigSwitch sw{a.key(), b.key(), b->first, a->perRequest(), b->perRequest()};
            sw.fromBillable = billable(sw.fromPerRequest);
            sw.toBillable = billable(sw.toPerRequest);
            if (sw.toBillable < 1.5 * std::max(1.0, sw.fromBillable))
                continue;
            const double fromShare = sw.cachedShare(sw.fromPerRequest);
            sw.cacheFell = policy.rule != CachedRule::Full && fromShare >= 0.2 &&
                           sw.cachedShare(sw.toPerRequest) < 0.25 * fromShare;
            sw.completionRose =
                sw.toPerRequest.completion >= 1.5 * std::max(1.0, sw.fromPerRequest.completion);
            sw.promptRose = sw.toPerRequest.prompt >= 1.5 * std::max(1.0, sw.fromPerRequest.prompt);
            sw.extraTokens = billable(b->period) - b->periodRequests * sw.fromBillable;
            if ((sw.cacheFell || sw.completionRose || sw.promptRose) &&
                sw.extraTokens > best.extraTokens)
                best = sw;
        }
    }
    return best;
}

double LineVerdict::diffShare() const
{
    return (line.quantity - expected) / std::max(1.0, expected);
}

namespace {

// Each hour as a share of the reference's same hour (hours without a reference are left out).
QList<std::pair<QDateTime, double>> relativeTo(const QList<std::pair<QDateTime, double>> &hours,
                                               const QList<std::pair<QDateTime, double>> &reference)
{
    QHash<qint64, double> ref;
    for (const auto &h : reference)
        ref[h.first.toSecsSinceEpoch()] += h.second;
    QList<std::pair<QDateTime, double>> out;
    for (const auto &h : hours) {
        const double r = ref.value(h.first.toSecsSinceEpoch());
        if (r > 0)
            out.append({h.first, h.second / r});
    }
    return out;
}

bool nothingToExplain(const InvoiceVerdict &verdict)
{
    return !verdict.cachedSplit &&
           std::all_of(verdict.lines.cbegin(), verdict.lines.cend(),
                       [](const LineVerdict &v) { return v.nothingToExplain; });
}

} // namespace

std::pair<QDateTime, QDateTime> doubledRun(const QList<std::pair<QDateTime, double>> &hours,
                                           const QList<std::pair<QDateTime, double>> &reference)
{
    const QList<std::pair<QDateTime, double>> read =
        reference.isEmpty() ? hours : relativeTo(hours, reference);
    QList<double> values;
    for (const auto &h : read)
        values.append(h.second);
    const double typical = median(values);
    QDateTime start;
    QDateTime end;
    for (const auto &h : read) {
        const bool high = typical > 0 && h.second >= 1.6 * typical;
        if (high && !start.isValid())
            start = h.first;
        if (high)
            end = h.first.addSecs(3600);
        if (!high && start.isValid())
            break;
    }
    if (start.isValid() && start.secsTo(end) <= 12 * 3600)
        return {start, end};
    return {};
}

namespace {

// The hour from which the meter's share of `reference` steps up (`more`) or down by at least a
// quarter and stays there: the split that puts the most hours on their own side of the midpoint,
// the larger step on a tie; the factor is after over before. A meter that stops counting while
// the reference goes on steps down to nothing: the largest step there is.
std::pair<QDateTime, double> countStepFrom(const QList<std::pair<QDateTime, double>> &hours,
                                           const QList<std::pair<QDateTime, double>> &reference,
                                           bool more)
{
    if (reference.isEmpty())
        return {};
    const QList<std::pair<QDateTime, double>> read = relativeTo(hours, reference);
    QList<double> r;
    for (const auto &h : read)
        r.append(h.second);
    const auto step = [more](double before, double after) {
        if (!more && after <= 0)
            return std::numeric_limits<double>::infinity();
        return more ? after / before : before / after;
    };
    std::pair<QDateTime, double> best;
    qsizetype bestSided = 0;
    for (qsizetype k = 2; k + 2 <= r.size(); ++k) {
        const double before = median(r.mid(0, k));
        const double after = median(r.mid(k));
        if (before <= 0 || (more && after <= 0) || step(before, after) < 1.25)
            continue;
        const double mid = (before + after) / 2.0;
        qsizetype low = 0;
        qsizetype high = 0;
        for (qsizetype i = 0; i < r.size(); ++i)
            (i < k ? low : high) += ((r.at(i) > mid) == more) == (i >= k);
        if (low < 0.8 * double(k) || high < 0.8 * double(r.size() - k) || low + high < bestSided ||
            (low + high == bestSided && best.second > 0 &&
             step(before, after) <= step(1.0, best.second)))
            continue;
        bestSided = low + high;
        best = {read.at(k).first, after / before};
    }
    return best;
}

} // namespace

std::pair<QDateTime, double> overcountFrom(const QList<std::pair<QDateTime, double>> &hours,
                                           const QList<std::pair<QDateTime, double>> &reference)
{
    return countStepFrom(hours, reference, true);
}

std::pair<QDateTime, double> undercountFrom(const QList<std::pair<QDateTime, double>> &hours,
                                            const QList<std::pair<QDateTime, double>> &reference)
{
    return countStepFrom(hours, reference, false);
}

std::pair<QDateTime, QDateTime> missingRun(const QList<std::pair<QDateTime, double>> &hours)
{
    QList<double> values;
    for (const auto &h : hours)
        values.append(h.second);
    const double typical = median(values);
    if (typical <= 0)
        return {};
    // A quiet night of a daily cycle still meters a share of the day; a stopped meter, nothing.
    const auto silent = [typical](double value) {
        return value <= 0.05 * typical;
    };
    bool meteredBefore = false;
    QDateTime start;
    for (const auto &h : hours) {
        if (!silent(h.second)) {
            if (start.isValid())
                return start.secsTo(h.first) <= 24 * 3600 ? std::pair{start, h.first}
                                                          : std::pair<QDateTime, QDateTime>{};
            meteredBefore = true;
        } else if (meteredBefore && !start.isValid()) {
            start = h.first;
        }
    }
    return {};
}

namespace {

// Days the meter counted about twice, or (almost) nothing, of what the logs bill.
void judgeDays(LineVerdict &v, const QList<MeterDay> &days, const BillingPolicy &policy,
               bool cachedLine)
{
    for (const MeterDay &d : days) {
        if (d.metered < 0)
            break;
        const double e = billableTokens(tokensOfLine(v.line.kind, d.logged, cachedLine), v.rule,
                                        policy.discount);
        if (e <= 0)
            continue;
        if (d.metered >= 1.8 * e)
            v.doubledDays.append(d.day.toString(Qt::ISODate));
        else if (d.metered <= 0.2 * e)
            v.droppedDays.append(d.day.toString(Qt::ISODate));
    }
}

} // namespace

LineVerdict judgeLine(const InvoiceLine &line, const LoggedTokens &logged,
                      const BillingPolicy &policy, const QList<MeterDay> &days,
                      const QList<std::pair<QDateTime, double>> &hours, bool cachedLine,
                      const QList<std::pair<QDateTime, double>> &reference,
                      const QList<std::pair<QDateTime, double>> &loggedHours)
{
    LineVerdict v;
    v.line = line;
    v.logged = logged;
    const double billed = line.quantity;
    // which cached-token rule reproduces the quantity (only a question with cached tokens)
    // (the documented minimum and rounding apply under every rule)
    const auto errorOf = [&](CachedRule rule) {
        const double expected =
            policyQuantity(billableTokens(logged, rule, policy.discount), policy);
        return std::abs(billed - expected) / std::max(1.0, expected);
    };
    double bestError = 1e18;
    for (CachedRule rule : {CachedRule::Excluded, CachedRule::Full, CachedRule::Discounted}) {
        const double error = errorOf(rule);
        if (error < bestError) {
            bestError = error;
            v.matched = rule;
        }
    }
    const bool withCached = logged.cached > 0;
    const bool reproduced = bestError <= 0.01;
    if (!reproduced)
        v.matched = CachedRule::Unknown;
    // the documented rule reproduces it too (a minimum every rule reaches): no mismatch
    else if (policy.rule != CachedRule::Unknown && errorOf(policy.rule) <= 0.01)
        v.matched = policy.rule;
    v.rule = policy.rule != CachedRule::Unknown ? policy.rule
             : reproduced && withCached         ? v.matched
                                                : CachedRule::Excluded;
    const double billable = billableTokens(logged, v.rule, policy.discount);
    v.expected = policyQuantity(billable, policy);
    BillingPolicy roundingOnly = policy;
    roundingOnly.minimum = 0;
    const double rounded = policyQuantity(billable, roundingOnly);
    v.rounded = rounded - billable >= 0.5;
    v.minimumApplied = policy.minimum > 0 && v.expected > rounded;
    judgeDays(v, days, policy, cachedLine);
    const double raw = logged.prompt + logged.completion;
    if (!v.doubledDays.isEmpty() || !v.droppedDays.isEmpty()) {
        v.outcome = LineVerdict::Outcome::MeterFault;
    } else if (policy.rule != CachedRule::Unknown && reproduced && withCached &&
               v.matched != policy.rule) {
        v.outcome = LineVerdict::Outcome::RuleMismatch;
    } else if (std::abs(billed - v.expected) <= 0.01 * std::max(1.0, v.expected)) {
        v.outcome = LineVerdict::Outcome::Matches;
        // equal to the raw logged tokens: no rule was needed to explain it
        v.nothingToExplain = std::abs(billed - raw) <= 0.01 * std::max(1.0, raw);
    } else {
        v.outcome = LineVerdict::Outcome::Differs;
        // a step read against the other meters, else against the logs' own hours
        const auto stepFrom = [&](auto &&from) {
            std::tie(v.overFrom, v.overFactor) = from(hours, reference);
            if (!v.overFrom.isValid() && reference.isEmpty()) {
                std::tie(v.overFrom, v.overFactor) = from(hours, loggedHours);
                v.againstLogs = v.overFrom.isValid();
            }
        };
        if (billed > v.expected) {
            std::tie(v.runFrom, v.runTo) = doubledRun(hours, reference);
            if (!v.runFrom.isValid())
                stepFrom(overcountFrom);
        } else {
            std::tie(v.runFrom, v.runTo) = missingRun(hours);
            v.runMissing = v.runFrom.isValid();
            if (!v.runMissing)
                stepFrom(undercountFrom);
        }
    }
    return v;
}

InvoiceVerdict judgeInvoice(const InvoiceFacts &facts, const BillingPolicy &policy)
{
    InvoiceVerdict verdict;
    const bool cachedLine = std::any_of(facts.lines.cbegin(), facts.lines.cend(),
                                        [](const auto &l) { return l.kind == LineKind::Cached; });
    verdict.cachedSplit = cachedLine && facts.logged.cached > 0;
    const auto measured = [&](const InvoiceLine &line) {
        return !facts.meterLine.isEmpty() && line.id == facts.meterLine;
    };
    // a minimum per invoice is one line's when the invoice bills tokens on one line, or the
    // line's the docs state it for (input or output); the docs would otherwise have to say how
    // it splits over several
    const auto tokenLines = std::count_if(facts.lines.cbegin(), facts.lines.cend(),
                                          [](const auto &l) { return l.kind != LineKind::Other; });
    const auto minimumOn = [&](LineKind kind) {
        if (tokenLines > 1 && (policy.minimumOnInput || policy.minimumOnOutput))
            return kind == (policy.minimumOnInput ? LineKind::Input : LineKind::Output);
        return tokenLines <= 1;
    };
    // the logs' tokens of each hour, per line: the shape a meter no other meter is read beside
    // is read against
    const auto loggedHours = [&](LineKind kind) {
        QMap<QDateTime, double> perHour;
        QString by;
        for (const auto &[hour, g] : facts.hourlyGroups) {
            if (by.isEmpty())
                by = g.by; // one grouping: every request once
            if (g.by != by)
                continue;
            const LoggedTokens t = tokensOfLine(kind, g.logged, cachedLine);
            perHour[hour] += t.prompt + t.completion;
        }
        QList<std::pair<QDateTime, double>> out;
        for (auto it = perHour.cbegin(); it != perHour.cend(); ++it)
            out.append({it.key(), it.value()});
        return out;
    };
    for (const InvoiceLine &line : facts.lines) {
        if (line.kind == LineKind::Other) {
            verdict.ignored.append(line.name);
            continue;
        }
        BillingPolicy linePolicy = policy;
        if (!minimumOn(line.kind))
            linePolicy.minimum = 0;
        // each line against its own meter's summaries, when they were read, and its hours
        // against the other token meters' same hours (the traffic's daily shape)
        const auto own = facts.readings.constFind(line.id);
        const bool read = own != facts.readings.cend();
        QList<std::pair<QDateTime, double>> reference;
        for (const InvoiceLine &other : facts.lines) {
            if (other.id == line.id || other.kind == LineKind::Other)
                continue;
            if (const auto r = facts.readings.constFind(other.id); r != facts.readings.cend())
                reference.append(r->hours);
        }
        verdict.lines.append(
            judgeLine(line, tokensOfLine(line.kind, facts.logged, cachedLine), linePolicy,
                      read             ? own->days
                      : measured(line) ? facts.days
                                       : QList<MeterDay>{},
                      read             ? own->hours
                      : measured(line) ? facts.hours
                                       : QList<std::pair<QDateTime, double>>{},
                      cachedLine, read ? reference : QList<std::pair<QDateTime, double>>{},
                      read || measured(line) ? loggedHours(line.kind)
                                             : QList<std::pair<QDateTime, double>>{}));
    }
    // the line to explain: a meter fault, then a rule mismatch, then the largest difference
    const auto rank = [](const LineVerdict &v) {
        switch (v.outcome) {
        case LineVerdict::Outcome::MeterFault:
            return 3;
        case LineVerdict::Outcome::RuleMismatch:
            return 2;
        case LineVerdict::Outcome::Differs:
            return 1;
        case LineVerdict::Outcome::Matches:
            break;
        }
        return 0;
    };
    for (int i = 0; i < verdict.lines.size(); ++i) {
        const LineVerdict &v = verdict.lines.at(i);
        if (rank(v) == 0)
            continue;
        if (verdict.worst < 0 || rank(v) > rank(verdict.lines.at(verdict.worst)) ||
            (rank(v) == rank(verdict.lines.at(verdict.worst)) &&
             std::abs(v.diffShare()) > std::abs(verdict.lines.at(verdict.worst).diffShare())))
            verdict.worst = i;
    }
    return verdict;
}

BillingSlice billingSlice(const LineVerdict &v, const QList<UsageGroup> &groups,
                          const BillingPolicy &policy, bool cachedLine)
{
    const double diff = v.line.quantity - v.expected;
    if (v.outcome == LineVerdict::Outcome::Matches || v.expected <= 0 ||
        std::abs(diff) < 0.05 * v.expected)
        return {};
    const double tolerance = 0.02 * std::max(v.line.quantity, v.expected);
    // a provider first, then a model, then a config: the widest part that accounts for it
    for (const QString &by : {u"provider"_s, u"route"_s, u"model"_s, u"config_id"_s}) {
        for (const UsageGroup &g : groups) {
            if (g.by != by || g.value.isEmpty())
                continue;
            const double tokens = billableTokens(tokensOfLine(v.line.kind, g.logged, cachedLine),
                                                 v.rule, policy.discount);
            if (tokens <= 0 || tokens > 0.9 * v.expected ||
                std::abs(std::abs(diff) - tokens) > tolerance)
                continue;
            return {by, g.value, tokens, diff > 0, {}};
        }
    }
    return {};
}

// One metered line of several is off while the invoice's other token lines match the logs:
// that line's meter is the part that failed ("cached input" for the cache-read line), whatever
// traffic it counts.
BillingSlice lineSlice(const InvoiceVerdict &verdict, int worst)
{
    const LineVerdict &v = verdict.lines.at(worst);
    const auto tokenLine = [](LineKind k) {
        return k == LineKind::Input || k == LineKind::Output || k == LineKind::Cached;
    };
    if (!tokenLine(v.line.kind) || v.expected <= 0)
        return {};
    int matching = 0;
    for (qsizetype i = 0; i < verdict.lines.size(); ++i) {
        const LineVerdict &o = verdict.lines.at(i);
        if (i == worst || !tokenLine(o.line.kind))
            continue;
        if (o.outcome != LineVerdict::Outcome::Matches)
            return {};
        ++matching;
    }
    if (matching == 0)
        return {};
    const QString meter = v.line.kind == LineKind::Cached  ? u"cached input"_s
                          : v.line.kind == LineKind::Input ? u"input"_s
                                                           : u"output"_s;
    const double diff = v.line.quantity - v.expected;
    return {u"line"_s, meter, std::abs(diff), diff > 0, {}};
}

QList<UsageGroup> groupsSince(const InvoiceFacts &f, const QDateTime &from)
{
    QList<UsageGroup> out;
    for (const auto &[hour, g] : f.hourlyGroups) {
        if (hour < from)
            continue;
        auto same = std::ranges::find_if(
            out, [&](const UsageGroup &o) { return o.by == g.by && o.value == g.value; });
        if (same == out.end())
            out.append(g);
        else
            same->logged += g.logged;
    }
    return out;
}

BillingSlice sliceOfLine(const InvoiceFacts &f, const LineVerdict &v, const BillingPolicy &policy)
{
    const bool cachedLine = std::any_of(f.lines.cbegin(), f.lines.cend(),
                                        [](const auto &l) { return l.kind == LineKind::Cached; });
    BillingSlice slice = billingSlice(v, f.groups, policy, cachedLine);
    // a meter counting more or less from some hour on: the part whose tokens since then (or
    // since the hour before, the fault beginning within it) the difference equals; the closest
    // of those and the period's parts
    const double diff = std::abs(v.line.quantity - v.expected);
    for (int back = 0; v.overFrom.isValid() && back <= 1; ++back) {
        const QDateTime since = v.overFrom.addSecs(-3600 * back);
        BillingSlice part = billingSlice(v, groupsSince(f, since), policy, cachedLine);
        if (part.value.isEmpty())
            continue;
        part.since = since;
        if (slice.value.isEmpty() || std::abs(part.tokens - diff) < std::abs(slice.tokens - diff))
            slice = part;
    }
    return slice;
}

BillingSlice billingSliceOf(const BillingFacts &facts)
{
    for (const InvoiceFacts &f : facts.invoices) {
        const InvoiceVerdict verdict = judgeInvoice(f, facts.policy);
        if (verdict.worst < 0)
            continue;
        const LineVerdict &worst = verdict.lines.at(verdict.worst);
        BillingSlice slice = sliceOfLine(f, worst, facts.policy);
        if (slice.value.isEmpty())
            slice = lineSlice(verdict, verdict.worst);
        slice.invoiceRef = f.ref;
        return slice;
    }
    return {};
}

QString matchingInvoiceOf(const BillingFacts &facts)
{
    for (const InvoiceFacts &f : facts.invoices) {
        const InvoiceVerdict verdict = judgeInvoice(f, facts.policy);
        if (verdict.worst < 0 && nothingToExplain(verdict))
            return f.ref;
    }
    return {};
}

} // namespace Analysis

// ---------------------------------------------------------------- phrase

namespace {

using namespace Analysis;

QString ruleWords(CachedRule r, double discount)
{
    switch (r) {
    case CachedRule::Excluded:
        return u"cached tokens not billed"_s;
    case CachedRule::Full:
        return u"cached tokens billed in full"_s;
    case CachedRule::Discounted:
        return u"cached tokens billed at "_s + formatShare(discount);
    case CachedRule::Unknown:
        break;
    }
    return u"unknown"_s;
}

QString kindWords(LineKind kind)
{
    switch (kind) {
    case LineKind::Input:
        return u"input tokens"_s;
    case LineKind::Output:
        return u"output tokens"_s;
    case LineKind::Cached:
        return u"cached tokens"_s;
    case LineKind::AllTokens:
    case LineKind::Other:
        break;
    }
    return u"tokens"_s;
}

QString signedShare(double share)
{
    return (share >= 0 ? u"+"_s : QString()) + formatShare(share);
}

QString periodOf(const InvoiceFacts &f)
{
    return f.from.date().toString(Qt::ISODate) + u" to "_s +
           f.to.addSecs(-1).date().toString(Qt::ISODate);
}

// What the logs say a line bills: "1,000 prompt + 200 completion tokens, of which 300 cached".
QString loggedWords(const LineVerdict &v, bool cachedSplit)
{
    const LoggedTokens &t = v.logged;
    switch (v.line.kind) {
    case LineKind::AllTokens:
        return formatCount(t.prompt) + u" prompt + "_s + formatCount(t.completion) +
               u" completion tokens, of which "_s + formatCount(t.cached) + u" cached"_s;
    case LineKind::Input:
        if (cachedSplit)
            return formatCount(t.prompt) + u" uncached prompt tokens"_s;
        return formatCount(t.prompt) + u" prompt tokens"_s +
               (t.cached > 0 ? u", of which "_s + formatCount(t.cached) + u" cached"_s : QString());
    case LineKind::Output:
        return formatCount(t.completion) + u" completion tokens"_s;
    case LineKind::Cached:
        return formatCount(t.prompt) + u" cached tokens"_s;
    case LineKind::Other:
        break;
    }
    return {};
}

// "Invoice in_1" for an invoice of one token line; "the output tokens line “…” of invoice in_1".
QString subject(const InvoiceFacts &f, const InvoiceVerdict &verdict, const LineVerdict &v)
{
    if (verdict.lines.size() == 1 && v.line.kind == LineKind::AllTokens)
        return u"Invoice "_s + f.id;
    return u"The "_s + kindWords(v.line.kind) + u" line (“"_s + v.line.name + u"”) of invoice "_s +
           f.id;
}

QString lineSummary(const InvoiceFacts &f, const InvoiceVerdict &verdict, const LineVerdict &v,
                    const BillingPolicy &policy)
{
    return subject(f, verdict, v) + u" ("_s + periodOf(f) + u") bills "_s +
           formatCount(v.line.quantity) + u" "_s + kindWords(v.line.kind) + u"; the logs show "_s +
           loggedWords(v, verdict.cachedSplit) + u", i.e. "_s + formatCount(v.expected) +
           u" billable"_s +
           (v.logged.cached > 0 || v.line.kind == LineKind::AllTokens
                ? u" with "_s + ruleWords(v.rule, policy.discount)
                : QString());
}

// The documented usage rules a line's expectation rests on: "a minimum of 10,000,000 tokens per
// invoice (docs/billing/minimums.md)", with the docs' refs.
struct UsageRules
{
    QString words;
    QStringList refs;
};

UsageRules usageRules(const LineVerdict &v, const BillingPolicy &policy)
{
    UsageRules out;
    QStringList parts;
    const auto cite = [&](const QString &ref) {
        if (!ref.isEmpty() && !out.refs.contains(ref))
            out.refs.append(ref);
        return ref.isEmpty() ? QString() : u" ("_s + ref.mid(5) + u')';
    };
    if (v.rounded)
        parts.append(u"usage rounded up to a multiple of "_s + formatCount(policy.roundTo) +
                     u" tokens"_s + cite(policy.roundingRef));
    if (v.minimumApplied)
        parts.append(u"a minimum of "_s + formatCount(policy.minimum) + u" tokens per invoice"_s +
                     cite(policy.minimumRef));
    out.words = parts.join(u" and "_s);
    return out;
}

// The meter's own fault accounts for the line's difference (days or hours counted twice or
// missed, a step from some hour on): the documented rules say what the logs bill, and the line
// neither follows nor departs from them.
bool meterAccounts(const LineVerdict &v)
{
    return v.outcome == LineVerdict::Outcome::MeterFault || v.runFrom.isValid() ||
           v.overFrom.isValid();
}

// Whether the line follows the policy our docs state or departs from it, citing the doc (only
// the rules when the meter's fault accounts for it); '' when no documented rule bears on it.
UsageRules policyVerdict(const LineVerdict &v, const BillingPolicy &policy)
{
    UsageRules rules = usageRules(v, policy);
    const bool cachedRule =
        policy.rule != CachedRule::Unknown && !policy.docRef.isEmpty() && v.logged.cached > 0;
    if (!cachedRule && rules.words.isEmpty())
        return {};
    QStringList said;
    if (cachedRule) {
        said.append(ruleWords(policy.rule, policy.discount) + u" ("_s + policy.docRef.mid(5) +
                    u')');
        if (!rules.refs.contains(policy.docRef))
            rules.refs.prepend(policy.docRef);
    }
    if (!rules.words.isEmpty())
        said.append(rules.words);
    const bool follows = v.outcome == LineVerdict::Outcome::Matches;
    rules.words = (meterAccounts(v) ? QString()
                   : follows        ? u"it follows the policy our documentation states: "_s
                                    : u"it departs from the policy our documentation states: "_s) +
                  said.join(u"; "_s);
    return rules;
}

QString ignoredWords(const InvoiceVerdict &verdict)
{
    if (verdict.ignored.isEmpty())
        return {};
    return u"; not token usage, not reconciled: "_s + verdict.ignored.join(u", "_s);
}

// "; the input tokens and cached tokens lines match the logs; not token usage, …: Seats"
QString othersWords(const InvoiceVerdict &verdict, int except)
{
    QStringList matching;
    for (int i = 0; i < verdict.lines.size(); ++i) {
        if (i != except && verdict.lines.at(i).outcome == LineVerdict::Outcome::Matches)
            matching.append(kindWords(verdict.lines.at(i).line.kind));
    }
    QString words;
    if (!matching.isEmpty())
        words += u"; the "_s + matching.join(u" and "_s) +
                 (matching.size() == 1 ? u" line matches"_s : u" lines match"_s) + u" the logs"_s;
    return words + ignoredWords(verdict);
}

// The phrase-book words of a line's tokens ("billing.unit.input", ...).
PhraseArg unitTerm(LineKind kind)
{
    switch (kind) {
    case LineKind::Input:
        return Say::term(u"unit"_s, u"billing.unit.input"_s);
    case LineKind::Output:
        return Say::term(u"unit"_s, u"billing.unit.output"_s);
    case LineKind::Cached:
        return Say::term(u"unit"_s, u"billing.unit.cached"_s);
    case LineKind::AllTokens:
    case LineKind::Other:
        break;
    }
    return Say::term(u"unit"_s, u"billing.unit.tokens"_s);
}

// What the pricing says of cached tokens, as a clause; nothing when it does not say.
QList<Phrase> policyPhrases(CachedRule rule, double discount)
{
    const PhraseArg cached = unitTerm(LineKind::Cached);
    switch (rule) {
    case CachedRule::Excluded:
        return {{u"billing.policy_excluded"_s, {cached}}};
    case CachedRule::Full:
        return {{u"billing.policy_full"_s, {cached}}};
    case CachedRule::Discounted:
        return {{u"billing.policy_discounted"_s, {cached, Say::share(u"discount"_s, discount)}}};
    case CachedRule::Unknown:
        break;
    }
    return {};
}

// usageRules() as phrase-book clauses: the rounding and the minimum a line's quantity rests on.
QList<Phrase> usageRulePhrases(const LineVerdict &v, const BillingPolicy &policy)
{
    QList<Phrase> out;
    if (v.rounded)
        out.append({u"billing.rounded"_s, {Say::count(u"round_to"_s, double(policy.roundTo))}});
    if (v.minimumApplied)
        out.append({u"billing.minimum"_s, {Say::count(u"minimum"_s, double(policy.minimum))}});
    return out;
}

// policyVerdict() as phrase-book clauses: whether the line follows the policy our docs state or
// departs from it, then the rules it rests on; nothing when no documented rule bears on it.
QList<Phrase> policyVerdictPhrases(const LineVerdict &v, const BillingPolicy &policy)
{
    const bool cachedRule =
        policy.rule != CachedRule::Unknown && !policy.docRef.isEmpty() && v.logged.cached > 0;
    const QList<Phrase> rules = usageRulePhrases(v, policy);
    if (!cachedRule && rules.isEmpty())
        return {};
    QList<Phrase> out;
    if (!meterAccounts(v))
        out.append({v.outcome == LineVerdict::Outcome::Matches ? u"billing.follows_policy"_s
                                                               : u"billing.departs_policy"_s,
                    {}});
    if (cachedRule)
        out.append(policyPhrases(policy.rule, policy.discount));
    return out + rules;
}

QList<Phrase> othersPhrases(const InvoiceVerdict &verdict, int except)
{
    for (int i = 0; i < verdict.lines.size(); ++i) {
        if (i != except && verdict.lines.at(i).outcome == LineVerdict::Outcome::Matches)
            return {{u"billing.others_match"_s, {}}};
    }
    return {};
}

QList<Phrase> faultPhrases(const InvoiceFacts &f, const InvoiceVerdict &verdict,
                           const BillingPolicy &policy)
{
    const LineVerdict &v = verdict.lines.at(verdict.worst);
    const QList<PhraseArg> billed{Say::name(u"invoice"_s, f.id),
                                  Say::count(u"billed"_s, v.line.quantity), unitTerm(v.line.kind),
                                  Say::count(u"expected"_s, v.expected)};
    QList<Phrase> out;
    switch (v.outcome) {
    case LineVerdict::Outcome::MeterFault:
        out.append({u"billing.meter_fault"_s,
                    billed + QList<PhraseArg>{Say::share(u"diff"_s, v.diffShare())}});
        if (!v.doubledDays.isEmpty())
            out.append(
                {u"billing.counted_twice_on"_s, {Say::names(u"days"_s, v.doubledDays.mid(0, 5))}});
        if (!v.droppedDays.isEmpty())
            out.append({u"billing.missing_on"_s, {Say::names(u"days"_s, v.droppedDays.mid(0, 5))}});
        break;
    case LineVerdict::Outcome::RuleMismatch:
        out.append({u"billing.rule_mismatch"_s, billed});
        out.append(policyPhrases(policy.rule, policy.discount));
        break;
    case LineVerdict::Outcome::Differs:
    case LineVerdict::Outcome::Matches:
        out.append({u"billing.differs"_s,
                    billed + QList<PhraseArg>{Say::share(u"diff"_s, v.diffShare()),
                                              Say::date(u"first_day"_s, f.from),
                                              Say::date(u"last_day"_s, f.to.addSecs(-1))}});
        if (v.runFrom.isValid())
            out.append({v.runMissing ? u"billing.not_metered_between"_s
                                     : u"billing.counted_twice_between"_s,
                        {Say::time(u"from"_s, v.runFrom), Say::time(u"to"_s, v.runTo)}});
        else if (v.overFrom.isValid())
            out.append({v.overFactor < 1.0 ? (v.againstLogs ? u"billing.under_logs_from"_s
                                                            : u"billing.undercounted_from"_s)
                        : v.againstLogs    ? u"billing.over_logs_from"_s
                                           : u"billing.overcounted_from"_s,
                        {Say::time(u"from"_s, v.overFrom),
                         Say::share(u"share"_s, std::abs(v.overFactor - 1.0))}});
        else if (v.outcome == LineVerdict::Outcome::Differs)
            out.append(policyVerdictPhrases(v, policy)); // as faultHypothesis() says it
        break;
    }
    out.append(othersPhrases(verdict, verdict.worst));
    return out;
}

// A correct invoice whose days our docs say are UTC days whatever the customer's time zone:
// what the customer counted in local days differs by design, and the page says so.
bool byUtcDays(const InvoiceVerdict &verdict, const BillingPolicy &policy)
{
    return nothingToExplain(verdict) && !policy.utcDaysRef.isEmpty();
}

QList<Phrase> correctPhrases(const InvoiceFacts &f, const InvoiceVerdict &verdict,
                             const BillingPolicy &policy)
{
    QList<Phrase> out;
    if (verdict.lines.size() == 1 && verdict.lines.first().line.kind == LineKind::AllTokens) {
        const LineVerdict &v = verdict.lines.first();
        out.append({u"billing.correct"_s,
                    {Say::name(u"invoice"_s, f.id), Say::count(u"billed"_s, v.line.quantity),
                     Say::count(u"prompt"_s, v.logged.prompt),
                     Say::count(u"completion"_s, v.logged.completion),
                     Say::count(u"cached"_s, v.logged.cached)}});
    } else {
        out.append({u"billing.correct_lines"_s, {Say::name(u"invoice"_s, f.id)}});
        for (const LineVerdict &v : verdict.lines)
            out.append({u"billing.line"_s,
                        {Say::count(u"billed"_s, v.line.quantity), unitTerm(v.line.kind)}});
    }
    out.append(policyPhrases(policy.rule, policy.discount));
    // a quantity the documented usage rules explain, as correctHypothesis() says it
    QList<Phrase> rules;
    for (const LineVerdict &v : verdict.lines) {
        for (const Phrase &p : usageRulePhrases(v, policy)) {
            if (!rules.contains(p))
                rules.append(p);
        }
    }
    if (!rules.isEmpty())
        out += QList<Phrase>{{u"billing.follows_policy"_s, {}}} + rules;
    if (byUtcDays(verdict, policy))
        out.append({u"billing.utc_days"_s, {}});
    return out;
}

Hypothesis faultHypothesis(const InvoiceFacts &f, const InvoiceVerdict &verdict,
                           const BillingPolicy &policy, const QDateTime &reference)
{
    const LineVerdict &v = verdict.lines.at(verdict.worst);
    const QString who = subject(f, verdict, v);
    const QString unit = u" "_s + kindWords(v.line.kind);
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::BillingPipeline);
    switch (v.outcome) {
    case LineVerdict::Outcome::MeterFault: {
        h.score = 0.88;
        QStringList what;
        if (!v.doubledDays.isEmpty())
            what.append(u"counted twice on "_s + v.doubledDays.mid(0, 5).join(u", "_s));
        if (!v.droppedDays.isEmpty())
            what.append(u"missing on "_s + v.droppedDays.mid(0, 5).join(u", "_s));
        h.cause.summary = u"Our metering is wrong: usage was "_s + what.join(u" and "_s) +
                          u", so "_s + who.at(0).toLower() + who.mid(1) + u" bills "_s +
                          formatCount(v.line.quantity) + unit + u" instead of the "_s +
                          formatCount(v.expected) + u" logged ("_s + signedShare(v.diffShare()) +
                          u')';
        break;
    }
    case LineVerdict::Outcome::RuleMismatch:
        h.score = 0.85;
        h.cause.summary = who + u" bills "_s + formatCount(v.line.quantity) + unit + u" with "_s +
                          ruleWords(v.matched, policy.discount) + u", but our pricing says "_s +
                          ruleWords(policy.rule, policy.discount) + u": "_s +
                          formatCount(v.expected) + unit + u" should have been billed"_s;
        if (!policy.docRef.isEmpty())
            h.cause.refs.append(policy.docRef);
        break;
    case LineVerdict::Outcome::Differs:
    case LineVerdict::Outcome::Matches:
        h.score = 0.7;
        h.cause.summary = who + u" bills "_s + formatCount(v.line.quantity) + unit +
                          u" but the logs give "_s + formatCount(v.expected) + u" billable"_s +
                          unit + u" ("_s + signedShare(v.diffShare()) + u") for "_s + periodOf(f);
        if (v.runFrom.isValid() && v.runMissing) {
            h.cause.summary += u"; the meter recorded almost nothing between "_s +
                               clock(v.runFrom, reference) + u" and "_s +
                               clock(v.runTo, reference) +
                               u" while the usual usage went on before and after, i.e. those "
                               u"hours were not metered"_s;
            h.score = 0.85;
        } else if (v.runFrom.isValid()) {
            h.cause.summary += u"; the meter counted about twice the usual usage between "_s +
                               clock(v.runFrom, reference) + u" and "_s +
                               clock(v.runTo, reference) +
                               u", i.e. those hours were counted twice"_s;
            h.score = 0.85;
        } else if (v.overFrom.isValid()) {
            h.cause.summary += u"; from "_s + clock(v.overFrom, reference) +
                               u" the meter counts "_s + signedShare(v.overFactor - 1.0) +
                               (v.againstLogs ? u" against the logged usage"_s
                                              : u" against the invoice's other meters"_s) +
                               u", to the end of the period"_s;
            h.score = 0.85;
        }
        break;
    }
    if (v.outcome == LineVerdict::Outcome::Differs && !v.runFrom.isValid() &&
        !v.overFrom.isValid()) {
        // no meter fault explains it and the expectation rests on what our docs state: say
        // that the invoice departs from them and cite them
        const UsageRules documented = policyVerdict(v, policy);
        if (!documented.words.isEmpty())
            h.cause.summary += u"; "_s + documented.words;
        for (const QString &ref : documented.refs) {
            if (!h.cause.refs.contains(ref))
                h.cause.refs.append(ref);
        }
    }
    h.cause.summary += othersWords(verdict, verdict.worst);
    return h;
}

// A line whose quantity matches the logs, billed at another price than the docs give it.
Hypothesis priceHypothesis(const InvoiceFacts &f, const InvoiceVerdict &verdict,
                           const PriceDeparture &d)
{
    const InvoiceLine &line = verdict.lines.at(d.line).line;
    const auto perMillion = [](double cents) {
        return cents * 1e6 / 100.0;
    };
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::BillingPipeline);
    h.score = 0.86;
    h.cause.summary = u"The \u201c"_s + line.name + u"\u201d line of invoice "_s + f.id +
                      u" bills its "_s + formatCount(line.quantity) + u" tokens at $"_s +
                      QString::number(perMillion(d.billedCents), 'f', 2) +
                      u" per million, where our pricing page ("_s + d.ref.mid(5) + u") gives $"_s +
                      QString::number(perMillion(d.documentedCents), 'f', 2) +
                      u" per million (\u201c"_s + d.stated + u"\u201d): $"_s +
                      QString::number(std::abs(d.extraCents) / 100.0, 'f', 2) +
                      (d.extraCents > 0 ? u" above"_s : u" below"_s) +
                      u" the documented price, while its quantity matches the logs"_s;
    h.cause.phrases = {{d.extraCents > 0 ? u"billing.price_above"_s : u"billing.price_below"_s,
                        {Say::name(u"line"_s, line.name), Say::name(u"invoice"_s, f.id),
                         Say::count(u"tokens"_s, line.quantity),
                         Say::number(u"billed"_s, perMillion(d.billedCents), 2),
                         Say::number(u"documented"_s, perMillion(d.documentedCents), 2),
                         Say::name(u"stated"_s, d.stated),
                         Say::number(u"extra"_s, std::abs(d.extraCents) / 100.0, 2)}}};
    h.cause.refs = {d.ref};
    h.why = u"a line's price per token against the pricing page"_s;
    return h;
}

Hypothesis correctHypothesis(const InvoiceFacts &f, const InvoiceVerdict &verdict,
                             const BillingPolicy &policy)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(nothingToExplain(verdict) && !byUtcDays(verdict, policy)
                                             ? Category::NoFaultFound
                                             : Category::ExpectedBehavior);
    h.score = policy.rule != CachedRule::Unknown || byUtcDays(verdict, policy) ? 0.82 : 0.65;
    const bool byUsageRules =
        std::any_of(verdict.lines.cbegin(), verdict.lines.cend(),
                    [](const LineVerdict &v) { return v.minimumApplied || v.rounded; });
    if (byUsageRules) {
        // the quantity is not the logged usage, and the docs say why
        h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
        h.score = 0.82;
        QStringList parts;
        for (const LineVerdict &v : verdict.lines) {
            const UsageRules rules = usageRules(v, policy);
            if (rules.words.isEmpty())
                continue;
            parts.append(formatCount(v.line.quantity) + u" "_s + kindWords(v.line.kind) +
                         u" where the logs give "_s +
                         formatCount(billableTokens(v.logged, v.rule, policy.discount)) +
                         u" billable ("_s + loggedWords(v, verdict.cachedSplit) + u"), under "_s +
                         rules.words);
            for (const QString &ref : rules.refs) {
                if (!h.cause.refs.contains(ref))
                    h.cause.refs.append(ref);
            }
        }
        h.cause.summary = u"Invoice "_s + f.id +
                          u" follows the billing policy our documentation states: it bills "_s +
                          parts.join(u"; "_s) + ignoredWords(verdict);
        if (!policy.docRef.isEmpty() && !h.cause.refs.contains(policy.docRef) &&
            std::any_of(verdict.lines.cbegin(), verdict.lines.cend(),
                        [](const LineVerdict &v) { return v.logged.cached > 0; }))
            h.cause.refs.append(policy.docRef);
        return h;
    }
    if (verdict.lines.size() == 1 && verdict.lines.first().line.kind == LineKind::AllTokens) {
        const LineVerdict &v = verdict.lines.first();
        h.cause.summary = u"Invoice "_s + f.id + u" is correct: it bills "_s +
                          formatCount(v.line.quantity) + u" tokens = "_s +
                          formatCount(v.logged.prompt) + u" prompt + "_s +
                          formatCount(v.logged.completion) + u" completion tokens with "_s +
                          ruleWords(v.rule, policy.discount) + u" ("_s +
                          formatCount(v.logged.cached) + u" cached tokens)"_s;
    } else {
        QStringList parts;
        QString rule;
        for (const LineVerdict &v : verdict.lines) {
            parts.append(formatCount(v.line.quantity) + u" "_s + kindWords(v.line.kind) +
                         u" (logs: "_s + loggedWords(v, verdict.cachedSplit) + u')');
            if (v.logged.cached > 0)
                rule = u" with "_s + ruleWords(v.rule, policy.discount);
        }
        if (verdict.cachedSplit && policy.rule != CachedRule::Unknown)
            rule = u" with "_s + ruleWords(policy.rule, policy.discount) + u" on their own line"_s;
        h.cause.summary = u"Invoice "_s + f.id + u" is correct line by line: it bills "_s +
                          parts.join(u", "_s) + rule + ignoredWords(verdict);
    }
    if (!policy.docRef.isEmpty())
        h.cause.refs.append(policy.docRef);
    if (byUtcDays(verdict, policy)) {
        h.cause.summary += u"; it counts the UTC day ("_s + periodOf(f) +
                           u"), as our documentation states, so a day counted in local time "
                           u"differs from it by the usage between the two midnights"_s;
        appendUnique(h.cause.refs, policy.utcDaysRef);
    }
    return h;
}

// A correct invoice: where its tokens came from, when one config of several bills most of them.
void phraseLargestConfig(AnalyzerOutput &out, const BillingFacts &facts, const InvoiceFacts &f,
                         const BillingPolicy &policy)
{
    double total = 0;
    const UsageGroup *largest = nullptr;
    double largestTokens = 0;
    int configs = 0;
    for (const UsageGroup &g : f.groups) {
        if (g.by != u"config_id")
            continue;
        const double tokens = billableTokens(g.logged, policy.rule, policy.discount);
        total += tokens;
        if (g.value.isEmpty())
            continue;
        ++configs;
        if (tokens > largestTokens) {
            largestTokens = tokens;
            largest = &g;
        }
    }
    if (!largest || configs < 2 || total <= 0 || largestTokens < 0.4 * total)
        return;
    Finding g;
    g.summary = formatShare(largestTokens / total) + u" of the tokens of invoice "_s + f.id +
                u" came from config "_s + largest->value + u" ("_s + formatCount(largestTokens) +
                u")"_s;
    g.phrases = {
        {u"billing.largest_config"_s,
         {Say::share(u"share"_s, largestTokens / total), Say::name(u"invoice"_s, f.id),
          Say::name(u"config"_s, largest->value), Say::count(u"tokens"_s, largestTokens)}}};
    g.refs = {u"config:"_s + largest->value};
    g.evidenceIds = {facts.usageEvidence};
    g.confidence = 0.7;
    out.findings.append(g);
}

// The settings of a config (nested ones too, by their path) whose key names caching or tokens:
// "prompt_caching" -> "auto", "targets.0.override_params.max_tokens" -> "600".
void tokenSettings(const QJsonValue &value, const QString &path, QMap<QString, QString> &out)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            tokenSettings(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), out);
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            tokenSettings(a.at(i), path + u'.' + QString::number(i), out);
    } else {
        const QString key = path.section(u'.', -1);
        if (!key.contains(u"cach"_s, Qt::CaseInsensitive) &&
            !key.contains(u"token"_s, Qt::CaseInsensitive))
            return;
        out.insert(path, value.isString() ? value.toString()
                         : value.isBool() ? (value.toBool() ? u"true"_s : u"false"_s)
                                          : QString::number(value.toDouble()));
    }
}

// The gateway's description of config `id`: its caching and token settings, and whether a step
// read it.
std::pair<bool, QMap<QString, QString>> configTokenSettings(const AnalysisInput &input,
                                                            const QString &id)
{
    QMap<QString, QString> settings;
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        if (f.evidence->data.value(u"config_id"_s).toString() != id)
            continue;
        tokenSettings(f.evidence->data.value(u"config"_s), QString(), settings);
        return {true, settings};
    }
    return {false, settings};
}

// The caching and token settings the two configs of a switch set differently, in words and
// phrases.
void settingsChanged(Hypothesis &h, const AnalysisInput &input, const ConfigSwitch &sw)
{
    const auto [oldRead, oldSettings] = configTokenSettings(input, sw.from);
    const auto [newRead, newSettings] = configTokenSettings(input, sw.to);
    if (!oldRead || !newRead)
        return;
    QStringList keys = oldSettings.keys();
    for (const QString &k : newSettings.keys())
        appendUnique(keys, k);
    for (const QString &path : std::as_const(keys)) {
        const QString key = path.section(u'.', -1);
        const QString before = oldSettings.value(path);
        const QString after = newSettings.value(path);
        if (before == after)
            continue;
        if (after.isEmpty()) {
            h.cause.summary += u"; config "_s + sw.from + u" sets `"_s + key + u": "_s + before +
                               u"`, config "_s + sw.to + u" does not set `"_s + key + u'`';
            h.cause.phrases.append(
                {u"billing.setting_missing"_s,
                 {Say::name(u"old"_s, sw.from), Say::name(u"setting"_s, key + u": "_s + before),
                  Say::name(u"new"_s, sw.to), Say::name(u"key"_s, key)}});
        } else {
            const QString was = before.isEmpty() ? u"does not set it"_s : u'`' + before + u'`';
            h.cause.summary += u"; config "_s + sw.to + u" sets `"_s + key + u": "_s + after +
                               u"` (config "_s + sw.from + u": "_s + was + u')';
            h.cause.phrases.append(
                {before.isEmpty() ? u"billing.setting_added"_s : u"billing.setting_changed"_s,
                 {Say::name(u"new"_s, sw.to), Say::name(u"setting"_s, key + u": "_s + after),
                  Say::name(u"old"_s, sw.from), Say::name(u"was"_s, key + u": "_s + before)}});
        }
    }
}

// A correct invoice that is larger because the org's traffic moved to a config that bills far
// more tokens a request: the customer's own config change, with the minute it took effect.
void phraseConfigSwitch(AnalyzerOutput &out, const AnalysisInput &input, const BillingFacts &facts,
                        const InvoiceFacts &f, const QDateTime &reference)
{
    const ConfigSwitch sw = judgeConfigSwitch(facts.configDays, f.from, f.to, facts.policy);
    if (!sw.found())
        return;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerConfig);
    h.score = 0.88;
    h.cause.confidence = 0.8;
    h.cause.summary = u"From "_s + clock(sw.at, reference) + u" the requests of config "_s +
                      sw.from + u" go through config "_s + sw.to + u", which bills "_s +
                      formatCount(sw.toBillable) + u" tokens a request where "_s + sw.from +
                      u" billed "_s + formatCount(sw.fromBillable) + u": about "_s +
                      formatCount(sw.extraTokens) + u" more tokens on invoice "_s + f.id;
    h.cause.phrases = {
        {u"billing.config_switch"_s,
         {Say::time(u"at"_s, sw.at), Say::name(u"old"_s, sw.from), Say::name(u"new"_s, sw.to),
          Say::count(u"new_tokens"_s, sw.toBillable), Say::count(u"old_tokens"_s, sw.fromBillable),
          Say::count(u"tokens"_s, sw.extraTokens), Say::name(u"invoice"_s, f.id)}}};
    if (sw.cacheFell) {
        const double before = sw.cachedShare(sw.fromPerRequest);
        const double after = sw.cachedShare(sw.toPerRequest);
        h.cause.summary += u"; "_s + formatShare(before) + u" of the input of "_s + sw.from +
                           u" was served from the prompt cache, "_s + formatShare(after) +
                           u" of "_s + sw.to + u"'s"_s;
        h.cause.phrases.append({u"billing.cached_share_fell"_s,
                                {Say::name(u"old"_s, sw.from), Say::share(u"old_share"_s, before),
                                 Say::name(u"new"_s, sw.to), Say::share(u"new_share"_s, after)}});
    }
    for (const auto &[rose, kind, before, after] :
         {std::tuple{sw.completionRose, u"completion"_s, sw.fromPerRequest.completion,
                     sw.toPerRequest.completion},
          std::tuple{sw.promptRose, u"prompt"_s, sw.fromPerRequest.prompt,
                     sw.toPerRequest.prompt}}) {
        if (!rose)
            continue;
        h.cause.summary += u"; "_s + kind + u" tokens a request rose from "_s +
                           formatCount(before) + u" to "_s + formatCount(after);
        h.cause.phrases.append(
            {kind == u"completion" ? u"billing.completion_rose"_s : u"billing.prompt_rose"_s,
             {Say::name(u"old"_s, sw.from), Say::count(u"old_tokens"_s, before),
              Say::name(u"new"_s, sw.to), Say::count(u"new_tokens"_s, after)}});
    }
    settingsChanged(h, input, sw);
    h.cause.refs = {u"config:"_s + sw.to, f.ref};
    h.cause.evidenceIds = {facts.configEvidence, facts.invoiceEvidence};
    h.why = u"the tokens a request rose with the config that took the traffic"_s;
    out.hypotheses.append(h);
}

// The hour the meter began to count wrong, and a deploy of the metering or billing code that
// shipped in that hour or the one before it: what changed the meter then; false when none.
bool citeMeteringDeploy(Hypothesis &h, const AnalysisInput &input, const LineVerdict &v,
                        const QDateTime &reference)
{
    const QDateTime hour = v.runFrom.isValid() ? v.runFrom : v.overFrom;
    if (!hour.isValid() || dataMissing(input, u"github", u"deployments"))
        return false;
    // the words of counting usage: a deploy of invoices' layout (PDF, VAT) meters nothing
    static const QStringList metering{u"meter"_s,  u"meters"_s, u"metering"_s, u"usage"_s,
                                      u"tokens"_s, u"token"_s,  u"cached"_s};
    const DeployRanking ranking = rankDeploys(input, hour.addSecs(3600), metering, {}, false);
    const DeployCandidate *best = nullptr;
    for (const DeployCandidate &c : ranking.candidates) {
        // (the meter's hours say only which hour it began in)
        const bool inTime = c.time >= hour.addSecs(-3600) && c.time < hour.addSecs(3600);
        if (!inTime || c.matched.isEmpty() || c.docsOnly || c.frontEndOnly)
            continue;
        if (!best || c.matched.size() > best->matched.size() ||
            (c.matched.size() == best->matched.size() && c.time > best->time))
            best = &c;
    }
    if (!best)
        return false;
    h.cause.summary += u"; "_s + describeDeploy(*best, reference) +
                       u" changed the metering code in that hour ("_s +
                       best->files.mid(0, 3).join(u", "_s) + u')';
    h.cause.phrases.append(deployPhrases(*best));
    h.cause.refs.append(best->ref);
    appendUnique(h.cause.evidenceIds, best->evidenceId);
    return true;
}

// An on-call incident of ours about the meters within the invoice's period (a meter exporter
// failing, its backlog replayed), when no deploy changed the metering code as the line went
// wrong (that is the proof; a page beside it is not), and that meets the hours the meter went
// wrong in when they are known: what miscounted the line, cited with it. Its title is internal
// and stays out of the wording.
void citeMeteringIncident(Hypothesis &h, const AnalysisInput &input, const InvoiceFacts &f,
                          const LineVerdict &v, const QDateTime &reference)
{
    static const QStringList metering{u"meter"_s, u"meters"_s, u"metering"_s, u"usage"_s};
    // where the meter's hours place the fault, the page must meet those hours (or begin within
    // the hour after them); a page hours away from them is another matter
    const QDateTime faultFrom = v.runFrom.isValid() ? v.runFrom : v.overFrom;
    const QDateTime faultTo = v.runTo.isValid() ? v.runTo : f.to;
    for (const FoundEvidence &e : findEvidence(input, u"pagerduty", u"incidents")) {
        for (const QJsonObject &page : eventsOf(*e.evidence)) {
            const QDateTime at = timeOf(page.value(u"time"_s));
            const QDateTime ended = timeOf(page.value(u"end"_s));
            const QDateTime end = ended.isValid() ? ended : at;
            const QString ref = page.value(u"ref"_s).toString();
            if (ref.isEmpty() || !at.isValid() || at < f.from || at >= f.to)
                continue;
            if (faultFrom.isValid() && (end < faultFrom || at > faultTo.addSecs(3600)))
                continue;
            const QStringList words = wordsOf(page.value(u"title"_s).toString() + u' ' +
                                              page.value(u"service"_s).toString());
            if (!std::ranges::any_of(metering, [&](const QString &w) { return words.contains(w); }))
                continue;
            h.cause.summary += u"; our on-call incident \u201c"_s +
                               page.value(u"title"_s).toString() + u"\u201d at "_s +
                               clock(at, reference) + u" concerns the meters in that period"_s;
            h.cause.phrases.append({u"billing.meter_incident"_s, {Say::time(u"at"_s, at)}});
            appendUnique(h.cause.refs, ref);
            appendUnique(h.cause.evidenceIds, e.evidence->id);
            return;
        }
    }
}

// Beside a meter fault, on a ticket that asks about the prompt cache: the cached tokens the
// logs count, which our pricing does not bill, are a part of the customer's own sum of prompt and
// completion tokens the invoice rightly leaves out.
void phraseCachedBeside(AnalyzerOutput &out, const AnalysisInput &input, const BillingFacts &facts,
                        const InvoiceVerdict &verdict)
{
    static const QRegularExpression cache(u"cach|キャッシュ"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const BillingPolicy &policy = facts.policy;
    if (verdict.worst < 0 || policy.rule != CachedRule::Excluded || policy.docRef.isEmpty() ||
        !QString(input.ticket.subject + u' ' + input.ticket.description).contains(cache))
        return;
    const LineVerdict &v = verdict.lines.at(verdict.worst);
    if (v.logged.cached <= 0 || v.logged.cached < 0.05 * v.logged.prompt)
        return;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
    h.score = 0.7;
    h.cause.confidence = h.score;
    h.cause.summary =
        formatCount(v.logged.cached) +
        u" of the prompt tokens in the logs were read from the prompt cache, which "
        u"our documentation says are not billed ("_s +
        refId(policy.docRef) +
        u"): a sum of prompt and completion tokens counts them, the invoice does not"_s;
    h.cause.phrases = {
        {u"billing.cached_not_billed"_s, {Say::count(u"cached"_s, v.logged.cached)}}};
    h.cause.refs = {policy.docRef};
    h.cause.evidenceIds = {facts.usageEvidence};
    h.why = u"the customer asks about cached tokens, which are documented as not billed"_s;
    out.hypotheses.append(h);
}

void phraseInvoice(AnalyzerOutput &out, const AnalysisInput &input, const BillingFacts &facts,
                   const InvoiceFacts &f, const InvoiceVerdict &verdict, const QDateTime &reference)
{
    if (verdict.lines.isEmpty())
        return;
    const BillingPolicy &policy = facts.policy;
    Finding finding;
    QStringList lines;
    QStringList docRefs;
    for (const LineVerdict &v : verdict.lines) {
        QString line = lineSummary(f, verdict, v, policy);
        const UsageRules documented = policyVerdict(v, policy);
        if (!documented.words.isEmpty())
            line += u" ("_s + documented.words + u')';
        for (const QString &ref : documented.refs) {
            if (!docRefs.contains(ref))
                docRefs.append(ref);
        }
        lines.append(line);
    }
    finding.summary = lines.join(u"; "_s) + ignoredWords(verdict);
    finding.phrases = {{u"billing.invoice"_s,
                        {Say::name(u"invoice"_s, f.id), Say::date(u"first_day"_s, f.from),
                         Say::date(u"last_day"_s, f.to.addSecs(-1))}}};
    for (const LineVerdict &v : verdict.lines) {
        finding.phrases.append({u"billing.line_vs_logs"_s,
                                {Say::count(u"billed"_s, v.line.quantity), unitTerm(v.line.kind),
                                 Say::count(u"expected"_s, v.expected)}});
        if (v.logged.cached > 0 && v.line.kind != LineKind::Output)
            finding.phrases.append(
                {u"billing.logged_cached"_s,
                 {Say::count(u"cached"_s, v.logged.cached), unitTerm(LineKind::Cached)}});
        finding.phrases.append(policyVerdictPhrases(v, policy));
    }
    finding.refs = QStringList{f.ref} + docRefs;
    finding.evidenceIds = {facts.invoiceEvidence, facts.usageEvidence};
    finding.confidence = 0.8;
    out.findings.append(finding);

    const std::optional<PriceDeparture> price =
        verdict.worst < 0 ? judgePrices(verdict, policy) : std::nullopt;
    if (price) {
        // every quantity matches the logs; the price of one line is not the documented one
        Hypothesis h = priceHypothesis(f, verdict, *price);
        h.cause.refs.prepend(f.ref);
        h.cause.evidenceIds = {facts.invoiceEvidence, facts.usageEvidence};
        if (!price->evidenceId.isEmpty())
            h.cause.evidenceIds.append(price->evidenceId);
        h.cause.confidence = h.score;
        out.hypotheses.append(h);
        return;
    }
    const bool correct = verdict.worst < 0;
    Hypothesis h = correct ? correctHypothesis(f, verdict, policy)
                           : faultHypothesis(f, verdict, policy, reference);
    h.cause.phrases =
        correct ? correctPhrases(f, verdict, policy) : faultPhrases(f, verdict, policy);
    if (!correct) {
        if (!citeMeteringDeploy(h, input, verdict.lines.at(verdict.worst), reference))
            citeMeteringIncident(h, input, f, verdict.lines.at(verdict.worst), reference);
        const BillingSlice slice = sliceOfLine(f, verdict.lines.at(verdict.worst), policy);
        if (!slice.value.isEmpty()) {
            const bool since = slice.since.isValid();
            const QString words =
                u"the difference equals the "_s + formatCount(slice.tokens) +
                u" billable tokens of "_s + slice.by + u' ' + slice.value +
                (since ? u" since "_s + clock(slice.since, reference) : QString()) +
                (slice.doubled ? u": they were counted twice"_s : u": they were not counted"_s);
            h.cause.summary += u"; "_s + words;
            QList<PhraseArg> args{Say::count(u"tokens"_s, slice.tokens),
                                  Say::name(u"part"_s, slice.value)};
            if (since)
                args.append(Say::time(u"since"_s, slice.since));
            const Phrase phrase{since           ? (slice.doubled ? u"billing.slice_doubled_since"_s
                                                                 : u"billing.slice_missing_since"_s)
                                : slice.doubled ? u"billing.slice_doubled"_s
                                                : u"billing.slice_missing"_s,
                                args};
            h.cause.phrases.append(phrase);
            Finding s;
            s.summary = words;
            s.phrases = {phrase};
            const QString scope = slice.by == u"config_id" ? u"config:"_s : slice.by + u':';
            s.refs = {scope + slice.value};
            s.evidenceIds = {facts.invoiceEvidence, facts.usageEvidence};
            s.confidence = 0.8;
            out.findings.append(s);
            appendUnique(h.cause.refs, s.refs); // the part of the traffic it concerns
        }
    }
    h.cause.refs.prepend(f.ref);
    h.cause.evidenceIds = {facts.invoiceEvidence, facts.usageEvidence};
    if (!facts.meterEvidence.isEmpty())
        h.cause.evidenceIds.append(facts.meterEvidence);
    h.cause.confidence = h.score;
    h.why = u"invoice against logs"_s;
    out.hypotheses.append(h);
    if (!correct) {
        phraseCachedBeside(out, input, facts, verdict);
        return;
    }
    phraseConfigSwitch(out, input, facts, f, reference);
    phraseLargestConfig(out, facts, f, policy);
    out.rejected.append({QLatin1StringView(Category::BillingPipeline),
                         u"the invoice matches the logged usage to within 1%"_s,
                         {}});
    // an on-call page in the invoice's period changed nothing that was billed
    for (const FoundEvidence &e : findEvidence(input, u"pagerduty", u"incidents")) {
        for (const QJsonObject &page : eventsOf(*e.evidence)) {
            const QDateTime at = timeOf(page.value(u"time"_s));
            const QString ref = page.value(u"ref"_s).toString();
            if (ref.isEmpty() || !at.isValid() || at < f.from.addDays(-1) || at >= f.to)
                continue;
            out.rejected.append({QLatin1StringView(Category::BillingPipeline),
                                 u"our on-call page \u201c"_s + page.value(u"title"_s).toString() +
                                     u"\u201d at "_s + clock(at, reference) +
                                     u" left no trace on invoice "_s + f.id +
                                     u", which matches the logged usage"_s,
                                 {ref}});
        }
    }
}

} // namespace

AnalyzerOutput analyzeTokenReconciliation(const AnalysisInput &input)
{
    const BillingFacts facts = gatherBilling(input);
    AnalyzerOutput out;
    out.notChecked = facts.notChecked;
    if (!facts.customerId.isEmpty()) {
        Finding f;
        f.summary = u"The Stripe customer "_s + facts.customerId +
                    u" carries no org id in its metadata; it was found by the organisation's "
                    u"e-mail domain"_s;
        f.phrases = {
            {u"billing.customer_by_domain"_s, {Say::name(u"customer"_s, facts.customerId)}}};
        f.refs = {u"stripe:customer:"_s + facts.customerId};
        f.confidence = 0.6;
        out.findings.append(f);
    }
    for (const InvoiceFacts &f : facts.invoices)
        phraseInvoice(out, input, facts, f, judgeInvoice(f, facts.policy), input.ticket.createdAt);
    return out;
}

} // namespace Casefile
