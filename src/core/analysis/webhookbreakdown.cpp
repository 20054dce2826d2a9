#include "core/analysis/webhookbreakdown.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace Analysis {

QString EndpointStats::mainError() const
{
    return largestKey(byError);
}

QString EndpointStats::mainFailure() const
{
    const QString main = mainError();
    const QMap<int, double> statuses = statusesByError.value(main);
    if (main.startsWith(u"HTTP ") || statuses.isEmpty())
        return main;
    int status = statuses.firstKey();
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
        if (it.value() > statuses.value(status))
            status = it.key();
    }
    return u"HTTP "_s + QString::number(status) + u' ' + main;
}

QStringList EndpointStats::failingEvents() const
{
    bool someFine = false;
    for (auto it = byEvent.cbegin(); it != byEvent.cend(); ++it)
        someFine = someFine || (it.value() >= 20 && failedByEvent.value(it.key()) == 0);
    QStringList out;
    if (!someFine)
        return out;
    for (auto it = failedByEvent.cbegin(); it != failedByEvent.cend(); ++it) {
        if (!it.key().isEmpty() && it.value() >= 0.1 * failed)
            out.append(it.key());
    }
    return out;
}

// ---------------------------------------------------------------- gather

bool deliveryFailed(int status, const QString &error)
{
    return status < 200 || status >= 300 || !error.isEmpty();
}

QMap<QString, EndpointStats> endpointStats(const QJsonObject &table)
{
    QMap<QString, EndpointStats> out;
    const Table t(table);
    for (int r = 0; r < t.rowCount(); ++r) {
        EndpointStats &s = out[t.text(r, u"endpoint")];
        s.endpoint = t.text(r, u"endpoint");
        const double n = t.number(r, u"n");
        const int status = int(t.number(r, u"status"));
        const QString error = t.text(r, u"error");
        s.n += n;
        const QString event = t.text(r, u"event");
        s.byEvent[event] += n;
        const QDateTime seen = t.time(r, u"first");
        const QDateTime seenLast = t.time(r, u"last");
        if (seen.isValid() && (!s.firstSeen.isValid() || seen < s.firstSeen))
            s.firstSeen = seen;
        if (seenLast.isValid() && (!s.lastSeen.isValid() || seenLast > s.lastSeen))
            s.lastSeen = seenLast;
        const bool failed = deliveryFailed(status, error);
        if (!failed) {
            if (seen.isValid() && (!s.okFirst.isValid() || seen < s.okFirst))
                s.okFirst = seen;
            if (seenLast.isValid() && (!s.okLast.isValid() || seenLast > s.okLast))
                s.okLast = seenLast;
            if (status > 0)
                s.okStatuses[status] += n;
            continue;
        }
        s.failed += n;
        s.failedByEvent[event] += n;
        const QString kind = error.isEmpty() ? u"HTTP "_s + QString::number(status) : error;
        s.byError[kind] += n;
        if (status >= 300)
            s.statusesByError[kind][status] += n;
        if (error == u"signature_rejected")
            s.signature += n;
        else
            s.endpointSide += n;
        const QDateTime first = t.time(r, u"first");
        if (first.isValid() && (!s.firstByError.contains(kind) || first < s.firstByError[kind]))
            s.firstByError[kind] = first;
        const QDateTime last = t.time(r, u"last");
        if (last.isValid() && (!s.lastByError.contains(kind) || last > s.lastByError[kind]))
            s.lastByError[kind] = last;
        if (first.isValid() && (!s.firstFailure.isValid() || first < s.firstFailure))
            s.firstFailure = first;
        if (last.isValid() && (!s.lastFailure.isValid() || last > s.lastFailure))
            s.lastFailure = last;
    }
    return out;
}

WebhookFacts gatherWebhooks(const AnalysisInput &input)
{
    WebhookFacts facts;
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"webhook_breakdown");
    if (found.isEmpty())
        return facts;
    // the customer's breakdown names the fewest endpoints; an all-organisations one, if the
    // playbook asked for it, names more
    const Evidence *own = found.first().evidence;
    const Evidence *all = nullptr;
    facts.own = endpointStats(own->data);
    for (const FoundEvidence &f : found) {
        QMap<QString, EndpointStats> s = endpointStats(f.evidence->data);
        if (s.size() < facts.own.size()) {
            all = own;
            facts.all = facts.own;
            own = f.evidence;
            facts.own = std::move(s);
        } else if (f.evidence != own && (!all || s.size() > facts.all.size())) {
            all = f.evidence;
            facts.all = std::move(s);
        }
    }
    facts.ownEvidence = own->id;
    facts.hasAll = all != nullptr;
    if (all)
        facts.allEvidence = all->id;
    return facts;
}

// ---------------------------------------------------------------- judge

double failingShare(const EndpointStats &s)
{
    const QString main = s.mainError();
    const QDateTime from = s.firstByError.value(main, s.firstFailure);
    const QDateTime to = s.lastByError.value(main, s.lastFailure);
    if (s.n <= 0)
        return 0;
    if (!from.isValid() || !to.isValid() || !s.firstSeen.isValid() || !s.lastSeen.isValid())
        return s.failed / s.n;
    const qint64 span = std::max<qint64>(60, s.firstSeen.secsTo(s.lastSeen));
    const qint64 part = std::max<qint64>(60, from.secsTo(to));
    const double expected = std::max(1.0, s.n * std::min(1.0, double(part) / double(span)));
    return std::min(1.0, s.byError.value(main) / expected);
}

namespace {

// Whether the ticket speaks of this endpoint's failure: its host, an event that fails there, or
// the HTTP status it answers.
bool ticketNames(const EndpointStats &s, const QString &ticketText)
{
    if (ticketText.isEmpty())
        return false;
    const QString host = QUrl(s.endpoint).host().toLower();
    if (!host.isEmpty() && ticketText.contains(host))
        return true;
    for (const QString &event : s.failingEvents()) {
        if (ticketText.contains(event.toLower()))
            return true;
    }
    const QString main = s.mainError();
    for (auto it = s.statusesByError.value(main).cbegin();
         it != s.statusesByError.value(main).cend(); ++it) {
        if (QRegularExpression(u"\\b"_s + QString::number(it.key()) + u"\\b"_s)
                .match(ticketText)
                .hasMatch())
            return true;
    }
    return false;
}

} // namespace

std::pair<int, int> othersFailingAlike(const WebhookFacts &facts, const EndpointStats &s,
                                       const QString &kind)
{
    const QDateTime from = s.firstByError.value(kind, s.firstFailure);
    const QDateTime to = s.lastByError.value(kind, s.lastFailure);
    int others = 0;
    int failing = 0;
    for (const EndpointStats &o : facts.all) {
        if (facts.own.contains(o.endpoint) || o.n < 5)
            continue;
        ++others;
        if (o.byError.value(kind) >= 0.2 * o.n || failedAlongside(o, from, to, kind))
            ++failing;
    }
    return {failing, others};
}

WebhookVerdict judgeWebhooks(const WebhookFacts &facts, const QString &ticketText)
{
    WebhookVerdict v;
    QList<EndpointStats> failing;
    for (const EndpointStats &s : facts.own) {
        v.total += s.n;
        v.failed += s.failed;
        // a failure that began late in the window is a small share of the whole window
        if (s.failed >= 20 || (s.failed >= 5 && s.failed >= 0.2 * s.n))
            failing.append(s);
    }
    if (failing.isEmpty())
        return v;
    // the endpoint whose failures stand out: a failure that fills its own stretch (a fifth of
    // the deliveries while it lasted) before a big endpoint's steady background of a few
    // percent, then the one the ticket speaks of, then the most failures
    const QString text = ticketText.toLower();
    v.worst = *std::max_element(failing.cbegin(), failing.cend(),
                                [&text](const EndpointStats &a, const EndpointStats &b) {
                                    const bool aStands = failingShare(a) >= 0.2;
                                    const bool bStands = failingShare(b) >= 0.2;
                                    if (aStands != bStands)
                                        return bStands;
                                    const bool aNamed = ticketNames(a, text);
                                    const bool bNamed = ticketNames(b, text);
                                    if (aNamed != bNamed)
                                        return bNamed;
                                    return a.failed < b.failed;
                                });
    // the failures that matter started with the dominant error, not with the odd timeout
    if (v.worst.firstByError.contains(v.worst.mainError()))
        v.worst.firstFailure = v.worst.firstByError.value(v.worst.mainError());
    // when every delivery fails from then on, the failure began somewhere between the last one
    // that succeeded and the first that failed (sparse deliveries leave a gap): from the minute
    // after the last success
    const QDateTime lastOk = v.worst.okLast;
    if (lastOk.isValid() && v.worst.firstFailure.isValid() && lastOk < v.worst.firstFailure &&
        lastOk.secsTo(v.worst.firstFailure) <= 15 * 60) {
        const QDateTime next = lastOk.addSecs(60 - lastOk.time().second());
        v.worst.firstFailure = std::min(v.worst.firstFailure, next.addMSecs(-next.time().msec()));
    }
    // the customer's other endpoints failing with an error of their own: another problem
    for (const EndpointStats &s : failing) {
        if (s.endpoint != v.worst.endpoint && failingShare(s) >= 0.2 &&
            s.mainError() != v.worst.mainError())
            v.alsoFailing.append(s);
    }
    // do other customers' endpoints fail the same way, over the window or while this one does?
    std::tie(v.othersFailing, v.others) = othersFailingAlike(facts, v.worst, v.worst.mainError());
    v.everyone = v.others > 0 && v.othersFailing * 2 >= v.others;
    // a rejected signature points at how we sign, unless other customers' endpoints accept
    // the same signatures: then what differs is this endpoint's secret or check
    const bool signature = v.worst.signature > v.worst.endpointSide;
    const bool othersAccept = v.others > 0 && v.othersFailing == 0;
    v.side = v.everyone || (signature && !othersAccept) ? WebhookVerdict::Side::Ours
                                                        : WebhookVerdict::Side::Customer;
    return v;
}

FailingSince failingSince(const EndpointStats &s)
{
    FailingSince f;
    const QString main = s.mainError();
    f.from = s.firstByError.value(main, s.firstFailure);
    if (!f.from.isValid() || !s.firstSeen.isValid() || !s.lastSeen.isValid()) {
        f.failed = s.failed;
        f.deliveries = s.n;
        return f;
    }
    // a failure that stopped long before the last delivery is told while it lasted
    const qint64 span = std::max<qint64>(60, s.firstSeen.secsTo(s.lastSeen));
    const QDateTime stopped = s.lastByError.value(main, s.lastFailure);
    const qint64 quiet = stopped.isValid() ? stopped.secsTo(s.lastSeen) : 0;
    f.to = quiet > std::max<qint64>(1800, span / 10) ? stopped : s.lastSeen;
    // the part of [a, b] inside [from, to]; a single moment is in or out
    const auto overlap = [&](const QDateTime &a, const QDateTime &b) {
        if (a.secsTo(b) <= 0)
            return a >= f.from && a <= f.to ? 1.0 : 0.0;
        const qint64 in = std::max<qint64>(0, std::max(a, f.from).secsTo(std::min(b, f.to)));
        return double(in) / double(a.secsTo(b));
    };
    for (auto it = s.byError.cbegin(); it != s.byError.cend(); ++it) {
        const QDateTime first = s.firstByError.value(it.key(), s.firstFailure);
        const QDateTime last = s.lastByError.value(it.key(), first);
        f.failed += it.key() == main ? it.value() : it.value() * overlap(first, last);
    }
    // the deliveries that succeeded, over the span they were seen in: none since, when they
    // stopped as the failures began
    const bool okSpan = s.okFirst.isValid() && s.okLast.isValid();
    f.deliveries =
        f.failed + std::max(0.0, s.n - s.failed) *
                       overlap(okSpan ? s.okFirst : s.firstSeen, okSpan ? s.okLast : s.lastSeen);
    return f;
}

bool failedAlongside(const EndpointStats &other, const QDateTime &from, const QDateTime &to,
                     const QString &kind)
{
    if (!from.isValid() || !to.isValid() || to <= from || !other.firstSeen.isValid() ||
        !other.lastSeen.isValid())
        return false;
    const auto overlap = [&](const QDateTime &a, const QDateTime &b) {
        return std::max<qint64>(0, std::max(a, from).secsTo(std::min(b, to)));
    };
    const qint64 span = std::max<qint64>(60, other.firstSeen.secsTo(other.lastSeen));
    const double expected = other.n * double(overlap(other.firstSeen, other.lastSeen)) / span;
    double failed = 0;
    for (auto it = other.byError.cbegin(); it != other.byError.cend(); ++it) {
        if (!kind.isEmpty() && it.key() != kind)
            continue;
        const QDateTime first = other.firstByError.value(it.key());
        const QDateTime last = other.lastByError.value(it.key(), first);
        if (first.isValid() && first <= to && last >= from)
            failed += it.value();
    }
    return failed >= 5 && failed >= 0.2 * expected;
}

QStringList failureKindWords(const QString &kind)
{
    static const QStringList timeout{u"timeout"_s, u"timeouts"_s, u"deadline"_s, u"deadlines"_s};
    static const QStringList signing{u"signature"_s, u"signatures"_s, u"signing"_s, u"sign"_s,
                                     u"signer"_s,    u"hmac"_s,       u"secret"_s,  u"secrets"_s,
                                     u"key"_s,       u"keys"_s,       u"rotate"_s,  u"rotated"_s};
    static const QStringList tls{u"tls"_s,   u"ssl"_s,   u"certificate"_s, u"certificates"_s,
                                 u"cert"_s,  u"certs"_s, u"cipher"_s,      u"ciphers"_s,
                                 u"trust"_s, u"sni"_s,   u"openssl"_s,     u"truststore"_s};
    static const QStringList dns{u"dns"_s, u"resolver"_s, u"resolve"_s, u"resolving"_s,
                                 u"hostname"_s};
    static const QStringList connect{u"egress"_s, u"proxy"_s,    u"port"_s,
                                     u"ports"_s,  u"outbound"_s, u"firewall"_s};
    static const QStringList payload{u"payload"_s,   u"payloads"_s,   u"body"_s,        u"schema"_s,
                                     u"serialize"_s, u"serializer"_s, u"encoding"_s,    u"field"_s,
                                     u"fields"_s,    u"format"_s,     u"compression"_s, u"gzip"_s,
                                     u"content"_s};
    static const QStringList load{u"concurrency"_s, u"concurrent"_s, u"parallel"_s,
                                  u"burst"_s,       u"batch"_s,      u"batching"_s};
    if (kind == u"timeout")
        return timeout;
    if (kind == u"signature_rejected")
        return signing;
    if (kind == u"tls_error")
        return tls;
    if (kind == u"dns_error")
        return dns;
    if (kind == u"connection_refused")
        return connect;
    if (!kind.startsWith(u"HTTP "))
        return {};
    const int status = kind.mid(5).toInt();
    if (status == 401 || status == 403)
        return signing;
    if (status == 408 || status == 504)
        return timeout;
    if (status == 429 || status == 502 || status == 503)
        return load;
    if (status >= 400)
        return payload;
    return {};
}

bool deployFitsFailure(const DeployCandidate &c, const QString &kind, const QDateTime &began)
{
    // shortly before (within the hour), about webhook delivery, and about this kind of failure
    if (!c.reason.isEmpty() || c.matched.isEmpty() || c.docsOnly || c.proximity < 0.7 ||
        !c.time.isValid() || !began.isValid() || c.time > began.addSecs(120))
        return false;
    const QStringList wanted = failureKindWords(kind);
    return std::any_of(c.words.cbegin(), c.words.cend(),
                       [&](const QString &w) { return wanted.contains(w); });
}

QString unsubscribedEvent(const WebhookFacts &facts, const QString &ticketText)
{
    static const QRegularExpression separators(u"[^a-z0-9]+"_s);
    static const QStringList generic{u"request"_s, u"requests"_s, u"event"_s,
                                     u"events"_s,  u"webhook"_s,  u"webhooks"_s};
    QSet<QString> own;
    for (const EndpointStats &e : facts.own) {
        for (auto it = e.byEvent.cbegin(); it != e.byEvent.cend(); ++it)
            own.insert(it.key());
    }
    QMap<QString, double> others;
    for (const EndpointStats &e : facts.all) {
        if (facts.own.contains(e.endpoint))
            continue;
        for (auto it = e.byEvent.cbegin(); it != e.byEvent.cend(); ++it)
            others[it.key()] += it.value();
    }
    const QString text = ticketText.toLower();
    const QStringList words = text.split(separators, Qt::SkipEmptyParts);
    for (auto it = others.cbegin(); it != others.cend(); ++it) {
        const QString event = it.key();
        if (event.isEmpty() || own.contains(event) || it.value() < 20)
            continue;
        if (text.contains(event.toLower()))
            return event;
        // its distinctive word, by its stem: "failed" is said as "fail", "failing", "failures"
        for (const QString &w : event.toLower().split(separators, Qt::SkipEmptyParts)) {
            if (generic.contains(w) || w.size() < 4)
                continue;
            const QString stem = w.left(4);
            if (std::any_of(words.cbegin(), words.cend(),
                            [&](const QString &t) { return t.startsWith(stem); }))
                return event;
        }
    }
    return {};
}

std::pair<QString, double> receivedEventAsked(const WebhookFacts &facts, const QString &ticketText)
{
    QMap<QString, double> own;
    for (const EndpointStats &e : facts.own) {
        for (auto it = e.byEvent.cbegin(); it != e.byEvent.cend(); ++it)
            own[it.key()] += it.value();
    }
    const QString text = ticketText.toLower();
    for (auto it = own.cbegin(); it != own.cend(); ++it) {
        // the name as written, not inside a longer one
        const QRegularExpression name(u"(?<![a-z0-9_.])"_s +
                                      QRegularExpression::escape(it.key().toLower()) +
                                      u"(?![a-z0-9_])"_s);
        if (it.key().contains(u'.') && text.contains(name))
            return {it.key(), it.value()};
    }
    return {};
}

} // namespace Analysis

// ---------------------------------------------------------------- phrase

namespace {

using namespace Analysis;

QString observedWords(const EndpointStats &worst, const QDateTime &reference)
{
    const FailingSince since = failingSince(worst);
    return u"Since "_s + clock(worst.firstFailure, reference) + u", "_s +
           formatShare(since.share()) + u" of deliveries to "_s + worst.endpoint + u" ("_s +
           formatCount(since.failed) + u" of about "_s + formatCount(since.deliveries) +
           u") failed with "_s + worst.mainFailure();
}

// The values of observedWords, for the phrase book.
QList<PhraseArg> observedArgs(const EndpointStats &worst)
{
    const FailingSince since = failingSince(worst);
    return {Say::time(u"from"_s, worst.firstFailure), Say::share(u"share"_s, since.share()),
            Say::name(u"endpoint"_s, worst.endpoint), Say::count(u"failed"_s, since.failed),
            Say::count(u"total"_s, since.deliveries), Say::name(u"error"_s, worst.mainFailure())};
}

void phraseNormal(AnalyzerOutput &out, const AnalysisInput &input, const WebhookFacts &facts,
                  const WebhookVerdict &v, const QDateTime &reference)
{
    Finding f;
    f.summary = formatCount(v.failed) + u" of "_s + formatCount(v.total) +
                u" webhook deliveries failed ("_s +
                formatShare(v.total > 0 ? v.failed / v.total : 0) + u"), a normal level"_s;
    f.phrases = {{u"webhook.normal"_s,
                  {Say::count(u"failed"_s, v.failed), Say::count(u"total"_s, v.total),
                   Say::share(u"share"_s, v.total > 0 ? v.failed / v.total : 0)}}};
    f.evidenceIds = {facts.ownEvidence};
    f.confidence = 0.7;
    out.findings.append(f);
    // what each endpoint answered, and until when: "nothing arrives" is answered by the
    // endpoint's own replies to our deliveries
    QList<const EndpointStats *> endpoints;
    for (const EndpointStats &e : facts.own)
        endpoints.append(&e);
    std::ranges::stable_sort(endpoints, std::greater{},
                             [](const EndpointStats *e) { return e->n; });
    for (const EndpointStats *e : endpoints.mid(0, 3)) {
        if (e->okStatuses.isEmpty() || !e->okLast.isValid())
            continue;
        int status = 0;
        for (auto it = e->okStatuses.cbegin(); it != e->okStatuses.cend(); ++it) {
            if (status == 0 || it.value() > e->okStatuses.value(status))
                status = it.key();
        }
        const double delivered = e->n - e->failed;
        Finding d;
        d.summary = e->endpoint + u" answered HTTP "_s + QString::number(status) + u" to "_s +
                    formatCount(delivered) + u" deliveries, the last at "_s +
                    clock(e->okLast, reference);
        d.phrases = {{u"webhook.delivered_ok"_s,
                      {Say::name(u"endpoint"_s, e->endpoint),
                       Say::name(u"status"_s, QString::number(status)),
                       Say::count(u"count"_s, delivered), Say::time(u"last"_s, e->okLast)}}};
        // the evidence that deliveries succeed, cited for the endpoint the ticket is about: the
        // customer's only one, or the one it names
        const QString text = input.ticket.subject + u' ' + input.ticket.description;
        if (facts.own.size() == 1 || input.params.endpoint == e->endpoint ||
            text.contains(e->endpoint))
            d.refs = {u"endpoint:"_s + e->endpoint};
        d.evidenceIds = {facts.ownEvidence};
        d.confidence = 0.7;
        out.findings.append(d);
    }
    out.rejected.append({QLatin1StringView(Category::CustomerEndpoint),
                         u"deliveries to the customer's endpoints succeed"_s,
                         {}});
}

// Every delivery succeeds and the customer asks for an event none of its endpoints subscribes
// to, which other organisations' endpoints receive: works as the docs page naming the event
// says, quoted from its sentence about that event.
bool phraseUnsubscribedEvent(AnalyzerOutput &out, const AnalysisInput &input,
                             const WebhookFacts &facts)
{
    const QString event =
        unsubscribedEvent(facts, input.ticket.subject + u'\n' + input.ticket.description);
    if (event.isEmpty())
        return false;
    const QString quoted = u'`' + event + u'`';
    for (const FoundEvidence &f : findEvidence(input, u"docs", u"search")) {
        for (const QJsonValue &item : f.evidence->data.value(u"items"_s).toArray()) {
            const QJsonObject page = item.toObject();
            const QString text = page.value(u"text"_s).toString();
            if (!text.contains(quoted))
                continue;
            // the sentence that names the event and says how to get it, else the first naming it
            QString sentence;
            for (const QString &line : text.split(u'\n')) {
                for (const QString &part : line.split(u". "_s)) {
                    const QString t = part.trimmed();
                    if (!t.contains(quoted) || t.startsWith(u'|'))
                        continue;
                    if (sentence.isEmpty() || t.contains(u"subscrib"_s))
                        sentence = t;
                }
            }
            QStringList received;
            for (const EndpointStats &e : facts.own)
                appendUnique(received, e.byEvent.keys());
            Hypothesis h;
            h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
            h.score = 0.7;
            h.cause.confidence = 0.7;
            h.cause.summary =
                u"None of the organisation's endpoints receives `"_s + event +
                u"` (they receive "_s + received.join(u", "_s) +
                u"), while other organisations' endpoints do; the documentation \u201c"_s +
                page.value(u"title"_s).toString() + u"\u201d: \u201c"_s + sentence + u"\u201d"_s;
            h.cause.phrases = {{u"webhook.unsubscribed_event"_s,
                                {Say::name(u"event"_s, event), Say::names(u"received"_s, received),
                                 Say::name(u"title"_s, page.value(u"title"_s).toString()),
                                 Say::name(u"quote"_s, sentence)}}};
            h.cause.refs = {page.value(u"ref"_s).toString()};
            h.cause.evidenceIds = {facts.ownEvidence, f.evidence->id};
            h.why = u"the event the customer expects is one its endpoints never subscribed to"_s;
            out.hypotheses.append(h);
            return true;
        }
    }
    return false;
}

// The sentence of a docs page (not a table row) that names `quoted`, and the page, among the
// pages `pageFits` accepts (any, when unset); empty: none.
std::pair<QString, QJsonObject>
sentenceNaming(const AnalysisInput &input, const QString &quoted, QString *evidenceId,
               const std::function<bool(const QJsonObject &)> &pageFits = {})
{
    for (const FoundEvidence &f : findEvidence(input, u"docs", u"search")) {
        for (const QJsonValue &item : f.evidence->data.value(u"items"_s).toArray()) {
            const QJsonObject page = item.toObject();
            if (pageFits && !pageFits(page))
                continue;
            for (const QString &line : page.value(u"text"_s).toString().split(u'\n')) {
                for (const QString &part : line.split(u". "_s)) {
                    const QString t = part.trimmed();
                    if (t.contains(quoted) && !t.startsWith(u'|') && !t.startsWith(u'#')) {
                        *evidenceId = f.evidence->id;
                        return {t.left(400), page};
                    }
                }
            }
        }
    }
    return {};
}

// Every delivery succeeds, the customer's endpoints do receive the event the ticket names, and
// a docs page says in a sentence of its own when that event is (not) sent: works as documented,
// quoted from that sentence.
void phraseDocumentedEvent(AnalyzerOutput &out, const AnalysisInput &input,
                           const WebhookFacts &facts)
{
    const auto [event, count] =
        receivedEventAsked(facts, input.ticket.subject + u'\n' + input.ticket.description);
    if (event.isEmpty())
        return;
    QString evidenceId;
    const auto [sentence, page] = sentenceNaming(input, u'`' + event + u'`', &evidenceId);
    if (sentence.isEmpty())
        return;
    const QString title = page.value(u"title"_s).toString();
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
    h.score = 0.7;
    h.cause.confidence = 0.7;
    h.cause.summary = u"Every delivery to your endpoints succeeded, "_s + formatCount(count) +
                      u" of them `"_s + event + u"`; our documentation \u201c"_s + title +
                      u"\u201d says when it is sent: \u201c"_s + sentence + u"\u201d"_s;
    h.cause.phrases = {{u"webhook.documented_event"_s,
                        {Say::count(u"count"_s, count), Say::name(u"event"_s, event),
                         Say::name(u"title"_s, title), Say::name(u"quote"_s, sentence)}}};
    h.cause.refs = {page.value(u"ref"_s).toString()};
    h.cause.evidenceIds = {facts.ownEvidence, evidenceId};
    h.why = u"the event the customer asks about is delivered as the docs say it is sent"_s;
    out.hypotheses.append(h);
}

// Whether what a deploy changed speaks of a kind of failure it could cause; true for a kind no
// delivery change is known to explain (nothing to hold against the deploy).
bool speaksOfFailure(const DeployCandidate &c, const QString &kind)
{
    const QStringList wanted = failureKindWords(kind);
    return wanted.isEmpty() || std::any_of(c.words.cbegin(), c.words.cend(),
                                           [&](const QString &w) { return wanted.contains(w); });
}

// The deploy (if any) that explains deliveries failing with `kind` from `began`.
const DeployCandidate *fittingDeploy(const DeployRanking &ranking, const QString &kind,
                                     const QDateTime &began)
{
    for (const DeployCandidate &c : ranking.candidates) {
        if (deployFitsFailure(c, kind, began))
            return &c;
    }
    return nullptr;
}

// The deliveries to the endpoint that went through after the deploy went live and before its
// failures began, as its rate puts them there: a change of ours that breaks an endpoint failing
// most deliveries since shows from the first delivery after it, not ten minutes later. 0 when
// the failures began within ten minutes of it or fail too few deliveries to tell.
double deliveredAfterDeploy(const EndpointStats &s, const DeployCandidate &d, const QString &kind)
{
    const QDateTime live = d.finished.isValid() ? d.finished : d.time;
    const QDateTime began = s.firstByError.value(kind, s.firstFailure);
    if (!live.isValid() || !began.isValid() || !s.firstSeen.isValid() || !s.lastSeen.isValid() ||
        live.secsTo(began) < 600 || failingSince(s).share() < 0.5)
        return 0;
    const double perSecond = s.n / double(std::max<qint64>(60, s.firstSeen.secsTo(s.lastSeen)));
    return perSecond * double(std::max(live, s.firstSeen).secsTo(began));
}

Hypothesis deployHypothesis(const DeployCandidate &d, const WebhookFacts &facts,
                            const EndpointStats &worst, const QString &kind, const QDateTime &began,
                            const QDateTime &reference, double score, bool citeEndpoint = true)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::DeployRegression);
    h.score = score;
    h.cause.summary = describeDeploy(d, reference) + u" shipped "_s +
                      formatDuration(d.time.secsTo(began)) + u" before deliveries to "_s +
                      worst.endpoint + u" started failing with "_s + kind + u" at "_s +
                      clock(began, reference) + u" ("_s + formatCount(worst.byError.value(kind)) +
                      u" deliveries); it changed "_s + d.files.mid(0, 3).join(u", "_s);
    h.cause.phrases = deployPhrases(d, began);
    h.cause.phrases += QList<Phrase>{
        {u"webhook.failing_since"_s,
         {Say::name(u"endpoint"_s, worst.endpoint), Say::name(u"error"_s, kind),
          Say::time(u"at"_s, began), Say::count(u"count"_s, worst.byError.value(kind))}},
        {u"deploy.changed_files"_s, {Say::names(u"files"_s, d.files.mid(0, 3))}}};
    h.cause.confidence = h.score;
    // the deploy, and the endpoint where what it broke shows (unless another cause there
    // already cites it)
    h.cause.refs = {d.ref};
    if (citeEndpoint)
        h.cause.refs.append(u"endpoint:"_s + worst.endpoint);
    h.cause.evidenceIds = {d.evidenceId, facts.ownEvidence};
    h.why = u"deploy changed webhook delivery just before this kind of failure began"_s;
    return h;
}

void phraseCustomerSide(AnalyzerOutput &out, const AnalysisInput &input, const WebhookFacts &facts,
                        const WebhookVerdict &v, const QString &observed,
                        const QDateTime &reference)
{
    const bool compared = facts.hasAll && v.others > 0;
    const QString main = v.worst.mainError();
    DeployRanking ranking;
    const bool deploysKnown = !dataMissing(input, u"github", u"deployments");
    if (deploysKnown)
        ranking = rankDeploys(input, v.worst.firstFailure, topicWords(u"webhook-failures"_s),
                              input.params.keywords, false);
    // a change of ours can break a customer's endpoint: a shorter timeout, new keys, a new
    // TLS client; the failure's kind and its timing decide
    const DeployCandidate *ours = fittingDeploy(ranking, main, v.worst.firstFailure);
    if (const double delivered = ours ? deliveredAfterDeploy(v.worst, *ours, main) : 0;
        delivered >= 10) {
        const QDateTime live = ours->finished.isValid() ? ours->finished : ours->time;
        out.rejected.append({QLatin1StringView(Category::DeployRegression),
                             ours->label + u" was live from "_s + clock(live, reference) +
                                 u", and about "_s + formatCount(delivered) + u" deliveries to "_s +
                                 v.worst.endpoint +
                                 u" went through after it before the failures began at "_s +
                                 clock(v.worst.firstFailure, reference),
                             {ours->ref}});
        ours = nullptr;
    }
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerEndpoint);
    h.score = ours ? 0.5 : compared ? 0.88 : 0.78;
    h.cause.summary =
        observed +
        (compared ? u"; other customers' webhooks are delivered normally"_s : QString()) +
        u". The failure happens at the customer's endpoint ("_s + v.worst.mainFailure() + u')';
    if (v.worst.firstFailure.isValid())
        h.cause.phrases = {
            {compared ? u"webhook.customer_endpoint_compared"_s : u"webhook.customer_endpoint"_s,
             observedArgs(v.worst)}};
    h.cause.confidence = h.score;
    h.cause.refs = {u"endpoint:"_s + v.worst.endpoint};
    h.cause.evidenceIds = {facts.ownEvidence};
    if (facts.hasAll)
        h.cause.evidenceIds.append(facts.allEvidence);
    // what our delivery docs say of that answer ("a 308 answer is a failed delivery"); an error
    // of ours the endpoint answered with a status (signature_rejected: 401) by that status
    const QMap<int, double> answered = v.worst.statusesByError.value(main);
    const auto mostAnswered = std::max_element(answered.cbegin(), answered.cend());
    QString status = main.startsWith(u"HTTP "_s)       ? main.mid(5)
                     : mostAnswered != answered.cend() ? QString::number(mostAnswered.key())
                                                       : QString();
    // no answer at all (a timeout, a refused connection): the page names the failure itself
    if (status.isEmpty() || status == u"0")
        status = main;
    if (!status.isEmpty()) {
        // on a page about deliveries; the failure's own name in backticks before the bare word
        // (a delivery `timeout`, not a routing request_timeout the same page mentions)
        const auto onDeliveryPage = [](const QJsonObject &p) {
            const QString text = p.value(u"text"_s).toString();
            return text.contains(u"webhook"_s, Qt::CaseInsensitive) ||
                   text.contains(u"deliver"_s, Qt::CaseInsensitive);
        };
        QString evidenceId;
        auto [found, page] =
            sentenceNaming(input, u'`' + status + u'`', &evidenceId, onDeliveryPage);
        if (found.isEmpty())
            std::tie(found, page) = sentenceNaming(input, status, &evidenceId, onDeliveryPage);
        // the sentence as read, without the markdown around it
        const QString sentence = plainDocLine(found);
        if (!sentence.isEmpty()) {
            const QString title = page.value(u"title"_s).toString();
            const QString ref = page.value(u"ref"_s).toString();
            h.cause.summary += u"; our documentation \u201c"_s + title + u"\u201d says: \u201c"_s +
                               sentence + u"\u201d"_s;
            h.cause.phrases.append({u"docs.page_quote"_s,
                                    {Say::name(u"title"_s, title), Say::name(u"path"_s, ref.mid(5)),
                                     Say::name(u"quote"_s, sentence)}});
            h.cause.refs.append(ref);
            h.cause.evidenceIds.append(evidenceId);
        }
    }
    h.why = u"endpoint-side failures"_s;
    out.hypotheses.append(h);
    if (ours) {
        out.hypotheses.append(
            deployHypothesis(*ours, facts, v.worst, main, v.worst.firstFailure, reference, 0.9));
        out.rejected.append({QLatin1StringView(Category::CustomerEndpoint),
                             u"the endpoint began failing with "_s + main + u" right after "_s +
                                 ours->label + u", which changed that part of delivery"_s,
                             {}});
        return;
    }
    // a second kind of failure at the same endpoint, with a cause of its own
    bool secondDeploy = false;
    for (auto it = v.worst.byError.cbegin(); it != v.worst.byError.cend(); ++it) {
        const QString &kind = it.key();
        if (kind == main || it.value() < std::max(20.0, 0.1 * v.worst.failed))
            continue;
        const QDateTime began = v.worst.firstByError.value(kind);
        const DeployRanking at = rankDeploys(input, began, topicWords(u"webhook-failures"_s),
                                             input.params.keywords, false);
        if (const DeployCandidate *d = deploysKnown ? fittingDeploy(at, kind, began) : nullptr) {
            // a cause of its own beside the endpoint's: the endpoint is that one's
            out.hypotheses.append(
                deployHypothesis(*d, facts, v.worst, kind, began, reference, 0.8, false));
            secondDeploy = true;
        }
    }
    if (!secondDeploy)
        out.rejected.append({QLatin1StringView(Category::DeployRegression),
                             u"the deliveries fail at the customer's endpoint ("_s + main +
                                 u"), and no change of ours shortly before touched that part of "
                                 u"delivery"_s,
                             {}});
}

void phraseOurSide(AnalyzerOutput &out, const AnalysisInput &input, const WebhookFacts &facts,
                   const WebhookVerdict &v, const QString &observed, const QDateTime &reference)
{
    out.rejected.append(
        {QLatin1StringView(Category::CustomerEndpoint),
         v.everyone ? u"webhooks of "_s + QString::number(v.othersFailing) +
                          u" other customers fail in the same window"_s
                    : u"the endpoint answers but rejects our signature (signature_rejected), "
                      u"which points at how we sign deliveries"_s,
         {}});
    // which deploy changed webhook delivery just before the failures began
    if (dataMissing(input, u"github", u"deployments")) {
        out.notChecked.append(unchecked(u"deploys"_s));
        return;
    }
    const DeployRanking ranking =
        rankDeploys(input, v.worst.firstFailure, topicWords(u"webhook-failures"_s),
                    input.params.keywords, false);
    if (ranking.candidates.isEmpty() || !ranking.candidates.first().reason.isEmpty() ||
        ranking.candidates.first().score < 0.45)
        return;
    const DeployCandidate &best = ranking.candidates.first();
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::DeployRegression);
    h.score = std::min(0.93, best.score);
    // a failure a delivery change can cause (a rejected signature, a timeout) is pinned on a
    // deploy that speaks of it; one that touched another part of delivery fits by timing only
    if (!speaksOfFailure(best, v.worst.mainError()))
        h.score *= 0.6;
    h.cause.summary = describeDeploy(best, reference) + u" shipped "_s +
                      formatDuration(best.time.secsTo(v.worst.firstFailure)) +
                      u" before webhook deliveries started failing; "_s +
                      observed.mid(0, 1).toLower() + observed.mid(1);
    if (v.worst.firstFailure.isValid())
        h.cause.phrases = deployPhrases(best, v.worst.firstFailure) +
                          QList<Phrase>{{u"webhook.observed"_s, observedArgs(v.worst)}};
    h.cause.confidence = h.score;
    // the deploy, and the customer's endpoint where the failures it caused show
    h.cause.refs = {best.ref, u"endpoint:"_s + v.worst.endpoint};
    h.cause.evidenceIds = {best.evidenceId, facts.ownEvidence};
    h.why = u"deploy touched webhook delivery just before the failures"_s;
    out.hypotheses.append(h);
    for (qsizetype i = 1; i < ranking.candidates.size(); ++i) {
        const DeployCandidate &c = ranking.candidates.at(i);
        out.rejected.append(
            {QLatin1StringView(Category::DeployRegression),
             c.reason.isEmpty()
                 ? QString(c.label + u" fits the failures less well than "_s + best.label)
                 : c.reason,
             {c.ref}});
    }
}

// A second endpoint of the customer failing with an error of its own: a cause of its own, on
// our side when other customers' endpoints fail the same way and a deploy speaks of it, at the
// endpoint otherwise. Weighed below the endpoint the ticket is about.
void phraseAlsoFailing(AnalyzerOutput &out, const AnalysisInput &input, const WebhookFacts &facts,
                       const WebhookVerdict &v, const QDateTime &reference)
{
    for (qsizetype i = 0; i < v.alsoFailing.size() && i < 2; ++i) {
        EndpointStats e = v.alsoFailing.at(i);
        const QString kind = e.mainError();
        e.firstFailure = e.firstByError.value(kind, e.firstFailure);
        const auto [failing, others] = othersFailingAlike(facts, e, kind);
        const bool everyone = others > 0 && failing * 2 >= others;
        Finding f;
        f.summary = observedWords(e, reference);
        f.phrases = {{u"webhook.observed"_s, observedArgs(e)}};
        f.evidenceIds = {facts.ownEvidence};
        f.confidence = 0.8;
        if (everyone) {
            out.findings.append(f);
            if (dataMissing(input, u"github", u"deployments"))
                continue;
            const DeployRanking at =
                rankDeploys(input, e.firstFailure, topicWords(u"webhook-failures"_s),
                            input.params.keywords, false);
            if (const DeployCandidate *d = fittingDeploy(at, kind, e.firstFailure))
                out.hypotheses.append(
                    deployHypothesis(*d, facts, e, kind, e.firstFailure, reference, 0.72));
            continue;
        }
        f.refs = {u"endpoint:"_s + e.endpoint};
        out.findings.append(f);
        // as for the main endpoint: a change of ours that speaks of this kind of failure and
        // shipped just before it began explains it (a shorter timeout and a slow endpoint)
        if (!dataMissing(input, u"github", u"deployments")) {
            const DeployRanking at =
                rankDeploys(input, e.firstFailure, topicWords(u"webhook-failures"_s),
                            input.params.keywords, false);
            if (const DeployCandidate *d = fittingDeploy(at, kind, e.firstFailure)) {
                out.hypotheses.append(
                    deployHypothesis(*d, facts, e, kind, e.firstFailure, reference, 0.72));
                continue;
            }
        }
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::CustomerEndpoint);
        h.score = others > 0 ? 0.75 : 0.7;
        h.cause.summary =
            f.summary +
            (others > 0 ? u"; other customers' webhooks are delivered normally"_s : QString()) +
            u". The failure happens at the customer's endpoint ("_s + kind + u')';
        h.cause.phrases = {
            {others > 0 ? u"webhook.customer_endpoint_compared"_s : u"webhook.customer_endpoint"_s,
             observedArgs(e)}};
        h.cause.confidence = h.score;
        h.cause.refs = f.refs;
        h.cause.evidenceIds = {facts.ownEvidence};
        h.why = u"another endpoint fails on its own"_s;
        out.hypotheses.append(h);
    }
}

// Only some events fail at the endpoint (its other events are delivered): which ones.
void phraseFailingEvents(AnalyzerOutput &out, const WebhookFacts &facts, const EndpointStats &worst)
{
    const QStringList events = worst.failingEvents();
    if (events.isEmpty())
        return;
    Finding f;
    f.summary = u"Only "_s + events.join(u", "_s) + u" deliveries to "_s + worst.endpoint +
                u" fail; its other events are delivered"_s;
    f.phrases = {{u"webhook.failing_events"_s,
                  {Say::names(u"events"_s, events), Say::name(u"endpoint"_s, worst.endpoint)}}};
    f.evidenceIds = {facts.ownEvidence};
    f.confidence = 0.8;
    out.findings.append(f);
}

} // namespace

AnalyzerOutput analyzeWebhookBreakdown(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const WebhookFacts facts = gatherWebhooks(input);
    if (facts.ownEvidence.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"webhook_breakdown"))
            out.notChecked.append(unchecked(u"webhooks"_s));
        return out;
    }
    const WebhookVerdict v =
        judgeWebhooks(facts, input.ticket.subject + u' ' + input.ticket.description);
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    if (v.side == WebhookVerdict::Side::None) {
        phraseNormal(out, input, facts, v, reference);
        if (!phraseUnsubscribedEvent(out, input, facts))
            phraseDocumentedEvent(out, input, facts);
        return out;
    }
    const QString observed = observedWords(v.worst, reference);
    const bool ourSide = v.side == WebhookVerdict::Side::Ours;
    Finding f;
    f.summary = observed;
    if (v.worst.firstFailure.isValid())
        f.phrases = {{u"webhook.observed"_s, observedArgs(v.worst)}};
    // the endpoint is cited as a cause only when the failure happens there
    if (!ourSide)
        f.refs = {u"endpoint:"_s + v.worst.endpoint};
    f.evidenceIds = {facts.ownEvidence};
    f.confidence = 0.85;
    out.findings.append(f);
    if (facts.hasAll && v.others > 0) {
        Finding g;
        g.summary = QString::number(v.othersFailing) + u" of "_s + QString::number(v.others) +
                    u" other customers' webhook endpoints show failures in the same window"_s;
        g.phrases = {
            {u"webhook.others_failing"_s,
             {Say::count(u"failing"_s, v.othersFailing), Say::count(u"others"_s, v.others)}}};
        g.evidenceIds = {facts.allEvidence};
        g.confidence = 0.7;
        out.findings.append(g);
    }
    phraseFailingEvents(out, facts, v.worst);
    if (ourSide)
        phraseOurSide(out, input, facts, v, observed, reference);
    else
        phraseCustomerSide(out, input, facts, v, observed, reference);
    phraseAlsoFailing(out, input, facts, v, reference);
    return out;
}

} // namespace Casefile
