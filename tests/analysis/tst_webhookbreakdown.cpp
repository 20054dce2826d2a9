// Webhook breakdown, step by step: deliveries per endpoint and error, on which side the
// failures happen (the customer's endpoint, or ours: a rejected signature or every customer
// failing), and the wording of each verdict.
#include "evidence.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/webhookbreakdown.h"

#include <QTest>

using namespace TestSupport;
using namespace Casefile::Analysis;

Q_DECLARE_METATYPE(Casefile::Analysis::WebhookVerdict::Side)

namespace {

using Side = WebhookVerdict::Side;

// "endpoint|status|error|n|first" rows of a webhook_breakdown table
QJsonObject breakdown(const QStringList &specs)
{
    QList<QJsonArray> rows;
    for (const QString &spec : specs) {
        const QStringList p = spec.split(u'|');
        const QString first = p.value(4, u"2026-11-20T08:00:00Z"_s);
        rows.append(QJsonArray{p.at(0), u"request.completed"_s, p.at(1).toInt(), p.at(2),
                               p.at(3).toInt(), first, p.value(5, u"2026-11-20T10:00:00Z"_s)});
    }
    return table(
        {u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s, u"n"_s, u"first"_s, u"last"_s}, rows);
}

WebhookFacts facts(const QStringList &own, const QStringList &others)
{
    WebhookFacts f;
    f.own = endpointStats(breakdown(own));
    f.ownEvidence = u"ev_own"_s;
    if (!others.isEmpty()) {
        f.all = endpointStats(breakdown(own + others));
        f.hasAll = true;
        f.allEvidence = u"ev_all"_s;
    }
    return f;
}

const QString Hook = u"https://hooks.acme.dev/relay"_s;

} // namespace

class TestWebhookBreakdown final : public QObject
{
    Q_OBJECT

private slots:
    void judge_data()
    {
        QTest::addColumn<QStringList>("own");
        QTest::addColumn<QStringList>("others");
        QTest::addColumn<Side>("side");
        QTest::addColumn<QString>("mainError");
        QTest::addColumn<int>("othersFailing");
        const QString ok = Hook + u"|200||100"_s;
        const QStringList healthyOthers = {u"https://a.dev/h|200||200"_s,
                                           u"https://b.dev/h|200||150"_s};
        QTest::newRow("TLS at the customer's endpoint, others delivered")
            << QStringList{ok, Hook + u"|0|tls_error|300"_s} << healthyOthers << Side::Customer
            << u"tls_error"_s << 0;
        QTest::newRow("their server answers 500")
            << QStringList{ok, Hook + u"|500||120"_s} << QStringList{} << Side::Customer
            << u"HTTP 500"_s << 0;
        // a delivery succeeds on a 2xx answer only: a redirect is not followed
        QTest::newRow("their endpoint now redirects, others delivered")
            << QStringList{ok, Hook + u"|308||240"_s} << healthyOthers << Side::Customer
            << u"HTTP 308"_s << 0;
        QTest::newRow("our signature rejected, nothing to compare with")
            << QStringList{ok, Hook + u"|401|signature_rejected|300"_s} << QStringList{}
            << Side::Ours << u"signature_rejected"_s << 0;
        QTest::newRow("only this endpoint rejects signatures the others accept")
            << QStringList{ok, Hook + u"|401|signature_rejected|300"_s} << healthyOthers
            << Side::Customer << u"signature_rejected"_s << 0;
        QTest::newRow("every endpoint rejects our signature")
            << QStringList{Hook + u"|401|signature_rejected|300"_s}
            << QStringList{u"https://a.dev/h|401|signature_rejected|200"_s,
                           u"https://b.dev/h|401|signature_rejected|150"_s}
            << Side::Ours << u"signature_rejected"_s << 2;
        QTest::newRow("most customers fail the same way")
            << QStringList{Hook + u"|0|timeout|300"_s}
            << QStringList{u"https://a.dev/h|0|timeout|100"_s, u"https://b.dev/h|0|timeout|80"_s,
                           u"https://c.dev/h|200||100"_s}
            << Side::Ours << u"timeout"_s << 2;
        QTest::newRow("a normal level of failures")
            << QStringList{Hook + u"|200||1000"_s, Hook + u"|500||3"_s} << QStringList{}
            << Side::None << QString() << 0;
        // a day of deliveries; the customer's endpoint and every other one time out 14:00-16:00
        const QString day = u"|2026-11-20T00:00:00Z|2026-11-20T23:59:00Z"_s;
        const QString outage = u"|2026-11-20T14:00:00Z|2026-11-20T16:00:00Z"_s;
        QTest::newRow("a short outage on every endpoint, in a long window")
            << QStringList{Hook + u"|200||1100"_s + day, Hook + u"|0|timeout|100"_s + outage}
            << QStringList{u"https://a.dev/h|200||2200"_s + day,
                           u"https://a.dev/h|0|timeout|180"_s + outage,
                           u"https://b.dev/h|200||1100"_s + day,
                           u"https://b.dev/h|0|timeout|90"_s + outage}
            << Side::Ours << u"timeout"_s << 2;
        QTest::newRow("others' odd timeouts over the day are no outage")
            << QStringList{Hook + u"|200||1100"_s + day, Hook + u"|0|timeout|100"_s + outage}
            << QStringList{u"https://a.dev/h|200||2200"_s + day,
                           u"https://a.dev/h|0|timeout|6"_s + day,
                           u"https://b.dev/h|200||1100"_s + day}
            << Side::Customer << u"timeout"_s << 0;
        // a big org: its main endpoint times out on 3% of the day's deliveries, as always; its
        // second endpoint fails the TLS handshake from 14:00
        const QString big = u"https://events.acme.dev/relay"_s;
        QTest::newRow("a big endpoint's steady background beside the one that fails")
            << QStringList{big + u"|200||50000"_s + day, big + u"|0|timeout|1500"_s + day,
                           Hook + u"|200||300"_s + day, Hook + u"|0|tls_error|250"_s + outage}
            << healthyOthers << Side::Customer << u"tls_error"_s << 0;
        QTest::newRow("others failing another way are not the same failure")
            << QStringList{ok, Hook + u"|0|tls_error|300"_s}
            << QStringList{u"https://a.dev/h|422||200"_s, u"https://b.dev/h|200||150"_s}
            << Side::Customer << u"tls_error"_s << 0;
        QTest::newRow("a late failure: a small share but many deliveries")
            << QStringList{Hook + u"|200||5000"_s, Hook + u"|0|dns_error|25"_s} << QStringList{}
            << Side::Customer << u"dns_error"_s << 0;
    }
    void judge()
    {
        QFETCH(QStringList, own);
        QFETCH(QStringList, others);
        QFETCH(Side, side);
        QFETCH(QString, mainError);
        QFETCH(int, othersFailing);
        const WebhookVerdict v = judgeWebhooks(facts(own, others));
        QCOMPARE(v.side, side);
        QCOMPARE(v.worst.mainError(), mainError);
        QCOMPARE(v.othersFailing, othersFailing);
    }

    // Two endpoints of the customer fail, each its own way: an event of the main endpoint is
    // refused 422 (as at another customer's endpoint), the archive fails TLS from midnight.
    void twoEndpointsFailingEachTheirOwnWay()
    {
        const QString main = u"https://api.acme.dev/hooks"_s;
        const QString archive = u"https://archive.acme.dev/relay"_s;
        const QString other = u"https://b.dev/h"_s;
        const auto row = [](const QString &endpoint, const QString &event, int status,
                            const QString &error, int n, const QString &first) -> QJsonArray {
            return QJsonArray{endpoint,
                              event,
                              status,
                              error,
                              n,
                              QString(u"2026-11-20T"_s + first + u":00Z"_s),
                              u"2026-11-20T12:00:00Z"_s};
        };
        const QStringList columns{u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                                  u"n"_s,        u"first"_s, u"last"_s};
        const QList<QJsonArray> own{
            row(main, u"request.completed"_s, 200, {}, 900, u"00:00"_s),
            row(main, u"usage.threshold"_s, 200, {}, 100, u"00:00"_s),
            row(main, u"usage.threshold"_s, 422, {}, 600, u"08:15"_s),
            row(archive, u"request.completed"_s, 0, u"tls_error"_s, 900, u"00:02"_s)};
        QList<QJsonArray> all = own;
        all << row(other, u"usage.threshold"_s, 422, {}, 300, u"08:15"_s)
            << row(other, u"request.completed"_s, 200, {}, 900, u"00:00"_s)
            << row(u"https://c.dev/h"_s, u"request.completed"_s, 200, {}, 800, u"00:00"_s);
        WebhookFacts f;
        f.own = endpointStats(table(columns, own));
        f.all = endpointStats(table(columns, all));
        f.hasAll = true;
        f.ownEvidence = u"ev_own"_s;
        f.allEvidence = u"ev_all"_s;
        QCOMPARE(f.own.value(main).failingEvents(), QStringList{u"usage.threshold"_s});
        QVERIFY(f.own.value(archive).failingEvents().isEmpty());

        // the ticket asks about the refused usage.threshold events: that endpoint is judged
        // first, on our side (another customer's endpoint refuses them too); the archive is
        // another problem
        const WebhookVerdict asked =
            judgeWebhooks(f, u"Our usage.threshold alerts are rejected with 422"_s);
        QCOMPARE(asked.worst.endpoint, main);
        QCOMPARE(asked.side, Side::Ours);
        QCOMPARE(asked.alsoFailing.size(), 1);
        QCOMPARE(asked.alsoFailing.first().endpoint, archive);
        QCOMPARE(othersFailingAlike(f, asked.alsoFailing.first(), u"tls_error"_s),
                 std::make_pair(0, 2));
        // without a word of either, the endpoint with the most failures is judged first: at the
        // customer's endpoint, since no other endpoint fails TLS
        const WebhookVerdict unasked = judgeWebhooks(f);
        QCOMPARE(unasked.worst.endpoint, archive);
        QCOMPARE(unasked.side, Side::Customer);
        QCOMPARE(unasked.alsoFailing.first().endpoint, main);

        // the archive's failure is a cause of its own, at the customer's endpoint
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        in.ticket.description = u"Our usage.threshold alerts are rejected with 422"_s;
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                table(columns, own));
        addStep(in, u"all"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                table(columns, all));
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        const auto archiveCause =
            std::find_if(out.hypotheses.cbegin(), out.hypotheses.cend(), [&](const Hypothesis &h) {
                return h.cause.refs == QStringList{u"endpoint:"_s + archive};
            });
        QVERIFY(archiveCause != out.hypotheses.cend());
        QCOMPARE(archiveCause->cause.category, u"customer_endpoint"_s);
        QVERIFY(std::any_of(out.findings.cbegin(), out.findings.cend(), [](const Finding &fd) {
            return fd.summary.startsWith(u"Only usage.threshold deliveries"_s);
        }));
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void onsetOfTheMainError()
    {
        // an odd timeout at 06:00 does not date the TLS failures that began at 09:00
        const WebhookVerdict v =
            judgeWebhooks(facts({Hook + u"|0|timeout|2|2026-11-20T06:00:00Z"_s,
                                 Hook + u"|0|tls_error|300|2026-11-20T09:00:00Z"_s},
                                {}));
        QCOMPARE(v.worst.firstFailure, at(u"2026-11-20T09:00:00Z"_s));
    }

    // "Since 18:00, N% failed" counts the deliveries since 18:00, not the whole window's
    void failingSince_data()
    {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<double>("share");
        const QString day = u"|2026-11-20T00:00:00Z|2026-11-21T00:00:00Z"_s;
        // 1,000 good deliveries over the day, 250 of them after 18:00; 300 failures from 18:00
        QTest::newRow("a late failure, still going")
            << QStringList{Hook + u"|200||1000"_s + day,
                           Hook + u"|0|tls_error|300|2026-11-20T18:00:00Z|2026-11-21T00:00:00Z"_s}
            << u"2026-11-20T18:00:00Z"_s << u"2026-11-21T00:00:00Z"_s << 300.0 / 550.0;
        // 1,200 good over the day (100 in 14:00-16:00), 100 timeouts 14:00-16:00, then quiet
        QTest::newRow("a failure that stopped is told while it lasted")
            << QStringList{Hook + u"|200||1200"_s + day,
                           Hook + u"|0|timeout|100|2026-11-20T14:00:00Z|2026-11-20T16:00:00Z"_s}
            << u"2026-11-20T14:00:00Z"_s << u"2026-11-20T16:00:00Z"_s << 0.5;
        // a big endpoint's steady 3% over the whole day stays 3%
        QTest::newRow("a steady background")
            << QStringList{Hook + u"|200||48500"_s + day, Hook + u"|0|timeout|1500"_s + day}
            << u"2026-11-20T00:00:00Z"_s << u"2026-11-21T00:00:00Z"_s << 0.03;
        // the deliveries that succeeded stopped when the failures began: every one since failed
        QTest::newRow("every delivery fails from then on")
            << QStringList{Hook + u"|200||1000|2026-11-20T00:00:00Z|2026-11-20T17:59:40Z"_s,
                           Hook + u"|0|dns_error|300|2026-11-20T18:00:30Z|2026-11-21T00:00:00Z"_s}
            << u"2026-11-20T18:00:30Z"_s << u"2026-11-21T00:00:00Z"_s << 1.0;
        // an odd 503 in the morning is not part of what failed since 18:00
        QTest::newRow("an earlier odd failure is left out")
            << QStringList{Hook + u"|200||1000"_s + day,
                           Hook + u"|503||4|2026-11-20T06:00:00Z|2026-11-20T06:30:00Z"_s,
                           Hook + u"|0|tls_error|300|2026-11-20T18:00:00Z|2026-11-21T00:00:00Z"_s}
            << u"2026-11-20T18:00:00Z"_s << u"2026-11-21T00:00:00Z"_s << 300.0 / 550.0;
    }
    void failingSince()
    {
        QFETCH(QStringList, rows);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(double, share);
        const FailingSince f =
            Casefile::Analysis::failingSince(endpointStats(breakdown(rows)).value(Hook));
        QCOMPARE(f.from, at(from));
        QCOMPARE(f.to, at(to));
        QVERIFY2(std::abs(f.share() - share) < 0.005,
                 qPrintable(QString::number(f.share()) + u" != "_s + QString::number(share)));
    }

    // Sparse deliveries: the last success at 04:09:58, the first failure at 04:11:30. The
    // failure began in between, from the minute after the last success.
    void onsetBetweenTheLastSuccessAndTheFirstFailure()
    {
        const WebhookVerdict v = judgeWebhooks(
            facts({Hook + u"|200||500|2026-11-20T00:00:00Z|2026-11-20T04:09:58Z"_s,
                   Hook + u"|0|dns_error|300|2026-11-20T04:11:30Z|2026-11-20T08:00:00Z"_s},
                  {}));
        QCOMPARE(v.worst.firstFailure, at(u"2026-11-20T04:10:00Z"_s));
        // dense deliveries: the first failure comes first
        const WebhookVerdict dense = judgeWebhooks(
            facts({Hook + u"|200||500|2026-11-20T00:00:00Z|2026-11-20T04:10:01Z"_s,
                   Hook + u"|0|dns_error|300|2026-11-20T04:10:03Z|2026-11-20T08:00:00Z"_s},
                  {}));
        QCOMPARE(dense.worst.firstFailure, at(u"2026-11-20T04:10:03Z"_s));
        // a failure beside deliveries that still succeed keeps its first failure
        const WebhookVerdict partial = judgeWebhooks(
            facts({Hook + u"|200||500|2026-11-20T00:00:00Z|2026-11-20T08:00:00Z"_s,
                   Hook + u"|0|dns_error|300|2026-11-20T04:11:30Z|2026-11-20T08:00:00Z"_s},
                  {}));
        QCOMPARE(partial.worst.firstFailure, at(u"2026-11-20T04:11:30Z"_s));
    }

    // The customer asks about an event none of its endpoints receives while other
    // organisations' endpoints do: by its name, or by its distinctive word ("failures" for
    // request.failed); an event it receives, or one no ticket word speaks of, is none.
    void unsubscribedEvent_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("event");
        QTest::newRow("by its word")
            << u"No webhooks for our failures since noon"_s << u"request.failed"_s;
        QTest::newRow("by its name")
            << u"¿Dónde están los eventos request.failed?"_s << u"request.failed"_s;
        QTest::newRow("not spoken of") << u"Webhooks arrive late since noon"_s << QString();
    }

    void unsubscribedEvent()
    {
        QFETCH(QString, ticket);
        QFETCH(QString, event);
        const auto rows = [](const QString &endpoint, const QString &name, int n) {
            return QJsonArray{endpoint,
                              name,
                              200,
                              u""_s,
                              n,
                              u"2026-11-20T08:00:00Z"_s,
                              u"2026-11-20T10:00:00Z"_s};
        };
        const QStringList columns{u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                                  u"n"_s,        u"first"_s, u"last"_s};
        WebhookFacts f;
        f.own = endpointStats(table(columns, {rows(Hook, u"request.completed"_s, 900)}));
        f.all = endpointStats(
            table(columns, {rows(Hook, u"request.completed"_s, 900),
                            rows(u"https://other.example/h"_s, u"request.failed"_s, 300),
                            rows(u"https://other.example/h"_s, u"request.completed"_s, 300)}));
        f.hasAll = true;
        QCOMPARE(Casefile::Analysis::unsubscribedEvent(f, ticket), event);
    }

    void gatherOwnAndAll()
    {
        // the breakdown naming fewer endpoints is the customer's, whatever the step order
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        addStep(in, u"all"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|0|tls_error|300"_s, u"https://a.dev/h|200||200"_s}));
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|0|tls_error|300"_s}));
        const WebhookFacts f = gatherWebhooks(in);
        QCOMPARE(f.own.size(), 1);
        QCOMPARE(f.all.size(), 2);
        QVERIFY(f.hasAll);
    }

    // An event the customer's endpoints do receive, named by the ticket as it is written; a
    // word alone, an event they never receive or a longer name is none.
    void receivedEventAsked_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("event");
        QTest::newRow("by its name")
            << u"Unser Endpunkt für request.failed bekommt nichts"_s << u"request.failed"_s;
        QTest::newRow("a word only") << u"no webhooks for our failures"_s << QString();
        QTest::newRow("never received") << u"where is budget.exceeded?"_s << QString();
        QTest::newRow("inside a longer name")
            << u"request.failed_v2 events are missing"_s << QString();
    }

    void receivedEventAsked()
    {
        QFETCH(QString, ticket);
        QFETCH(QString, event);
        const QStringList columns{u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                                  u"n"_s,        u"first"_s, u"last"_s};
        WebhookFacts f;
        f.own =
            endpointStats(table(columns, {{Hook, u"request.completed"_s, 200, u""_s, 900,
                                           u"2026-11-20T08:00:00Z"_s, u"2026-11-20T10:00:00Z"_s},
                                          {Hook, u"request.failed"_s, 200, u""_s, 3,
                                           u"2026-11-20T08:30:00Z"_s, u"2026-11-20T09:40:00Z"_s}}));
        const auto [name, count] = Casefile::Analysis::receivedEventAsked(f, ticket);
        QCOMPARE(name, event);
        QCOMPARE(count, event.isEmpty() ? 0.0 : 3.0);
    }

    // Every delivery succeeds and the endpoints receive the event the ticket asks about: the
    // docs sentence that says when it is sent is the answer (works as documented); with no such
    // sentence, nothing is concluded.
    void phraseDocumentedEvent()
    {
        for (const bool documented : {true, false}) {
            AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
            in.ticket.description = u"Our request.failed endpoint got almost nothing today"_s;
            const QStringList columns{u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s,
                                      u"n"_s,        u"first"_s, u"last"_s};
            addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                    table(columns, {{Hook, u"request.completed"_s, 200, u""_s, 900,
                                     u"2026-11-20T08:00:00Z"_s, u"2026-11-20T10:00:00Z"_s},
                                    {Hook, u"request.failed"_s, 200, u""_s, 3,
                                     u"2026-11-20T08:30:00Z"_s, u"2026-11-20T09:40:00Z"_s}}));
            const QString text =
                documented
                    ? u"# Events\n\n| `request.failed` | a request ends with an error |\n\nA "
                      u"request a fallback target serves sends `request.completed`, not "
                      u"`request.failed`.\n"_s
                    : u"# Delivery\n\nFailed deliveries are retried five times.\n"_s;
            addStep(in, u"docs"_s, u"docs"_s, u"search"_s, EvidenceKind::Text,
                    QJsonObject{
                        {u"items"_s, QJsonArray{QJsonObject{{u"ref"_s, u"docs:docs/events.md"_s},
                                                            {u"title"_s, u"Events"_s},
                                                            {u"text"_s, text}}}}});
            const AnalyzerOutput out = analyzeWebhookBreakdown(in);
            const auto expected = std::ranges::find_if(out.hypotheses, [](const Hypothesis &h) {
                return h.cause.category == u"expected_behavior"_s;
            });
            QCOMPARE(expected != out.hypotheses.end(), documented);
            if (!documented)
                continue;
            QCOMPARE(expected->cause.refs, QStringList{u"docs:docs/events.md"_s});
            QVERIFY2(expected->cause.summary.contains(u"not `request.failed`"_s),
                     qPrintable(expected->cause.summary));
            AnalyzerOutput own;
            own.hypotheses = {*expected};
            const QString mismatch = phrasesMismatch(own, in);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
    }

    void phraseCustomerEndpoint()
    {
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|200||100"_s, Hook + u"|0|tls_error|300"_s}));
        addStep(in, u"all"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|200||100"_s, Hook + u"|0|tls_error|300"_s,
                           u"https://a.dev/h|200||200"_s}));
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        QCOMPARE(out.hypotheses.size(), 1);
        const RootCause &c = out.hypotheses.first().cause;
        QCOMPARE(c.category, u"customer_endpoint"_s);
        QCOMPARE(c.refs, QStringList{u"endpoint:"_s + Hook});
        QVERIFY2(c.summary.contains(u"other customers' webhooks are delivered normally"_s),
                 qPrintable(c.summary));
        QVERIFY2(
            c.summary.startsWith(u"Since 08:00 UTC, 75% of deliveries"_s),
            qPrintable(c.summary)); // and in phrases the reply words in the customer's language
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    // The failure as the customer's endpoint logs it: the HTTP status it answered beside our
    // error code, so a reply about "the 401s" names the 401 whatever the ticket's subject.
    void mainFailure_data()
    {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QString>("failure");
        QTest::newRow("status and error")
            << QStringList{Hook + u"|401|signature_rejected|300"_s, Hook + u"|200||900"_s}
            << u"HTTP 401 signature_rejected"_s;
        QTest::newRow("the status most deliveries got")
            << QStringList{Hook + u"|403|signature_rejected|40"_s,
                           Hook + u"|401|signature_rejected|260"_s}
            << u"HTTP 401 signature_rejected"_s;
        QTest::newRow("status only") << QStringList{Hook + u"|503||120"_s} << u"HTTP 503"_s;
        QTest::newRow("no answer") << QStringList{Hook + u"|0|tls_error|80"_s} << u"tls_error"_s;
    }
    void mainFailure()
    {
        QFETCH(QStringList, rows);
        QFETCH(QString, failure);
        const QMap<QString, EndpointStats> stats = endpointStats(breakdown(rows));
        QCOMPARE(stats.value(Hook).mainFailure(), failure);
    }

    // A deploy explains a failure kind at one customer's endpoint when it went out shortly
    // before and changed that part of delivery; neither side is assumed from the kind alone.
    void deployFitsFailure_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("deployedAt");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("fits");
        const auto row = [](const char *name, const QString &title, const QString &at,
                            const QString &kind, bool fits) {
            QTest::newRow(name) << title << at << kind << fits;
        };
        row("shorter timeout, then timeouts", u"webhooks: lower the delivery timeout to 3 s"_s,
            u"13:58"_s, u"timeout"_s, true);
        row("new keys, then 401s", u"webhooks: sign with the rotated key set"_s, u"13:40"_s,
            u"HTTP 401"_s, true);
        row("new tls client, then tls errors", u"webhooks: new TLS client for deliveries"_s,
            u"13:55"_s, u"tls_error"_s, true);
        row("payload change, then their 500s", u"webhooks: new payload schema for events"_s,
            u"13:50"_s, u"HTTP 500"_s, true);
        row("retry cap, then their 503s", u"webhooks: cap retry backoff at 10 minutes"_s,
            u"13:35"_s, u"HTTP 503"_s, false);
        row("shorter timeout, then tls errors", u"webhooks: lower the delivery timeout to 3 s"_s,
            u"13:58"_s, u"tls_error"_s, false);
        row("shorter timeout, hours before", u"webhooks: lower the delivery timeout to 3 s"_s,
            u"09:00"_s, u"timeout"_s, false);
        row("shorter timeout, after the onset", u"webhooks: lower the delivery timeout to 3 s"_s,
            u"14:30"_s, u"timeout"_s, false);
        row("timeout elsewhere", u"router: request timeout for embeddings"_s, u"13:58"_s,
            u"timeout"_s, false);
        row("dns is never a payload", u"webhooks: new payload schema for events"_s, u"13:50"_s,
            u"dns_error"_s, false);
    }
    void deployFitsFailure()
    {
        QFETCH(QString, title);
        QFETCH(QString, deployedAt);
        QFETCH(QString, kind);
        QFETCH(bool, fits);
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        const QString at = u"2026-11-20T"_s + deployedAt + u":00Z"_s;
        const QJsonObject deploy{{u"ref"_s, u"github:deployment:7"_s},
                                 {u"type"_s, u"deployment"_s},
                                 {u"title"_s, QString(u"Deploy #7: "_s + title)},
                                 {u"time"_s, at},
                                 {u"files"_s, QJsonArray{u"src/app.ts"_s}}};
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy}));
        const QDateTime began = QDateTime::fromString(u"2026-11-20T14:00:00Z"_s, Qt::ISODate);
        const DeployRanking r =
            rankDeploys(in, began, topicWords(u"webhook-failures"_s), {}, false);
        QCOMPARE(r.candidates.size(), 1);
        QCOMPARE(Casefile::Analysis::deployFitsFailure(r.candidates.first(), kind, began), fits);
    }

    // A second endpoint of the customer failing with a kind of its own: a deploy of ours that
    // speaks of that kind and shipped just before it began explains it (a shorter delivery
    // timeout and a slow endpoint), citing the deploy and that endpoint; without such a deploy
    // it fails at the customer's endpoint.
    void alsoFailingEndpointAfterOurDeploy_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("category");
        QTest::newRow("timeout lowered")
            << u"webhooks: lower the delivery timeout to 4 s"_s << u"deploy_regression"_s;
        QTest::newRow("unrelated change")
            << u"webhooks: event ids as ULIDs"_s << u"customer_endpoint"_s;
    }
    void alsoFailingEndpointAfterOurDeploy()
    {
        QFETCH(QString, title);
        QFETCH(QString, category);
        const QString reports = u"https://reports.acme.dev/relay"_s;
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|0|dns_error|3000|2026-11-20T05:10:00Z"_s,
                           reports + u"|0|timeout|120|2026-11-20T09:04:00Z"_s}));
        const QJsonObject deploy{{u"ref"_s, u"github:deployment:7"_s},
                                 {u"type"_s, u"deployment"_s},
                                 {u"title"_s, QString(u"Deploy #7: "_s + title)},
                                 {u"time"_s, u"2026-11-20T09:02:00Z"_s},
                                 {u"files"_s, QJsonArray{u"src/webhooks/deliver.ts"_s}}};
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy}));
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        const auto second =
            std::find_if(out.hypotheses.cbegin(), out.hypotheses.cend(), [&](const Hypothesis &h) {
                return h.cause.refs.contains(u"endpoint:"_s + reports);
            });
        QVERIFY(second != out.hypotheses.cend());
        QCOMPARE(second->cause.category, category);
        QCOMPARE(second->cause.refs.contains(u"github:deployment:7"_s),
                 category == u"deploy_regression"_s);
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    // One endpoint rejects every signature from 14:02 while the org's other endpoint and every
    // other customer's accept them. A signing deploy live at 14:01 broke it; one live at 13:42,
    // after which the endpoint went on accepting deliveries for twenty minutes, did not: the
    // endpoint's own side is the cause, the deploy is rejected with its ref.
    void signingDeployLongBeforeTheFailures_data()
    {
        QTest::addColumn<QString>("live");
        QTest::addColumn<bool>("deployCause");
        QTest::newRow("live a minute before") << u"2026-11-20T14:01:00Z"_s << true;
        QTest::newRow("live twenty minutes before, deliveries went through")
            << u"2026-11-20T13:42:00Z"_s << false;
    }
    void signingDeployLongBeforeTheFailures()
    {
        QFETCH(QString, live);
        QFETCH(bool, deployCause);
        const QString orders = u"https://orders.acme.dev/relay"_s;
        const QStringList own{
            Hook + u"|200||720|2026-11-20T12:00:00Z|2026-11-20T14:01:00Z"_s,
            Hook + u"|401|signature_rejected|720|2026-11-20T14:02:00Z|2026-11-20T16:00:00Z"_s,
            orders + u"|200||1440|2026-11-20T12:00:00Z|2026-11-20T16:00:00Z"_s};
        const QStringList others{
            u"https://a.dev/h|200||900|2026-11-20T12:00:00Z|2026-11-20T16:00:00Z"_s,
            u"https://b.dev/h|200||600|2026-11-20T12:00:00Z|2026-11-20T16:00:00Z"_s};
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown(own));
        addStep(in, u"all"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown(own + others));
        const QDateTime at = Casefile::fromIso(live).addSecs(-120);
        const QJsonObject deploy{
            {u"ref"_s, u"github:deployment:9"_s},
            {u"type"_s, u"deployment"_s},
            {u"title"_s, u"Deploy #9: webhooks: send a second signature header"_s},
            {u"time"_s, Casefile::toIsoUtc(at)},
            {u"finished"_s, live},
            {u"files"_s, QJsonArray{u"src/webhooks/sign.ts"_s, u"src/webhooks/sign-v2.ts"_s}}};
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy}));
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        const bool deployHypothesis =
            std::any_of(out.hypotheses.cbegin(), out.hypotheses.cend(), [](const Hypothesis &h) {
                return h.cause.category == u"deploy_regression"_s &&
                       h.cause.refs.contains(u"github:deployment:9"_s);
            });
        QCOMPARE(deployHypothesis, deployCause);
        const bool rejected =
            std::any_of(out.rejected.cbegin(), out.rejected.cend(), [](const auto &r) {
                return r.category == u"deploy_regression"_s &&
                       r.refs.contains(u"github:deployment:9"_s);
            });
        QCOMPARE(rejected, !deployCause);
        const QString mismatch = phrasesMismatch(out, in);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    // Our signature rejected: a delivery deploy just before is pinned on it in full only when it
    // changed signing; one that changed another part of delivery fits by its timing alone.
    void ourSideDeployWeight_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("strong");
        QTest::newRow("signing change") << u"webhooks: sign with the rotated key set"_s << true;
        QTest::newRow("retry change") << u"webhooks: retry backoff with jitter"_s << false;
    }
    void ourSideDeployWeight()
    {
        QFETCH(QString, title);
        QFETCH(bool, strong);
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|401|signature_rejected|300|2026-11-20T08:00:00Z"_s}));
        const QJsonObject deploy{{u"ref"_s, u"github:deployment:7"_s},
                                 {u"type"_s, u"deployment"_s},
                                 {u"title"_s, QString(u"Deploy #7: "_s + title)},
                                 {u"time"_s, u"2026-11-20T07:50:00Z"_s},
                                 {u"files"_s, QJsonArray{u"src/webhooks/deliver.ts"_s}}};
        addStep(in, u"deploys"_s, u"github"_s, u"deployments"_s, EvidenceKind::Events,
                events({deploy}));
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        QCOMPARE(out.hypotheses.size(), 1);
        const double score = out.hypotheses.first().score;
        QVERIFY2(strong ? score >= 0.6 : score < 0.6, qPrintable(QString::number(score)));
        // the deploy, and the customer's endpoint where its failures show
        QCOMPARE(out.hypotheses.first().cause.refs,
                 (QStringList{u"github:deployment:7"_s, u"endpoint:"_s + Hook}));
    }

    // Every delivery answered 2xx: the answers of the endpoint the ticket is about are the
    // evidence (the customer's only endpoint, or the one the ticket names), never those of an
    // endpoint it does not speak of.
    void deliveredEndpointCited_data()
    {
        QTest::addColumn<QStringList>("endpoints");
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QStringList>("cited");
        const QString alerts = u"https://alerts.acme.dev/relay"_s;
        QTest::newRow("the only endpoint")
            << QStringList{Hook} << u"No events since this morning."_s
            << QStringList{u"endpoint:"_s + Hook};
        QTest::newRow("two, none named")
            << QStringList{Hook, alerts} << u"No events since this morning."_s << QStringList{};
        QTest::newRow("two, one named")
            << QStringList{Hook, alerts}
            << QString(u"No events at "_s + alerts + u" since this morning."_s)
            << QStringList{u"endpoint:"_s + alerts};
    }
    void deliveredEndpointCited()
    {
        QFETCH(QStringList, endpoints);
        QFETCH(QString, ticket);
        QFETCH(QStringList, cited);
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        in.ticket.description = ticket;
        QStringList rows;
        for (const QString &e : endpoints)
            rows.append(e + u"|200||400"_s);
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown(rows));
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        QVERIFY(out.hypotheses.isEmpty());
        QStringList refs;
        for (const Finding &f : out.findings)
            refs += f.refs;
        QCOMPARE(refs, cited);
    }

    void phraseOurSideWithoutGitHub()
    {
        AnalysisInput in = baseInput(u"webhook-failures"_s, {u"webhook_breakdown"_s});
        addStep(in, u"own"_s, u"clickhouse"_s, u"webhook_breakdown"_s, EvidenceKind::Table,
                breakdown({Hook + u"|401|signature_rejected|300"_s}));
        addFailedStep(in, u"deploys"_s, u"github"_s, u"deployments"_s);
        const AnalyzerOutput out = analyzeWebhookBreakdown(in);
        QVERIFY(out.hypotheses.isEmpty());
        QCOMPARE(out.rejected.first().category, u"customer_endpoint"_s);
        QVERIFY(out.notChecked.contains(u"recent deploys (GitHub could not be queried)"_s));
        QVERIFY(out.findings.first().refs.isEmpty()); // the endpoint is not blamed
    }
};

QTEST_GUILESS_MAIN(TestWebhookBreakdown)
#include "tst_webhookbreakdown.moc"
