// sdk_errors: one client SDK version failing while another version of the same org is served by
// the same provider and model without failures is the client's version; several versions failing
// together, or no other version on that model, say nothing.
#include "evidence.h"

#include "core/analysis/sdkerrors.h"

#include <QTest>

using namespace TestSupport;
using namespace Casefile::Analysis;

namespace {

// One version's minutes: `perMinute` requests, `before` failed share, `after` from minute `onset`
// (-1: never) to `until` (-1: to the end).
SdkErrorSeries series(const QString &sdk, double perMinute, double before, double after, int onset,
                      int until = -1, int minutes = 180)
{
    SdkErrorSeries s;
    s.sdk = sdk;
    const QDateTime start = at(u"2027-05-10T11:00:00Z"_s);
    for (int i = 0; i < minutes; ++i) {
        const bool failing = onset >= 0 && i >= onset && (until < 0 || i < until);
        s.times.append(start.addSecs(60 * i));
        s.requests.append(perMinute);
        // a little noise so that a flat level is not a constant
        s.errors.append(std::round(perMinute * (failing ? after : before) + (i % 7 == 0 ? 1 : 0)));
    }
    return s;
}

SdkTraffic traffic(const QString &sdk, const QString &model, double requests, double errors,
                   const QString &route = u"/v1/chat/completions"_s)
{
    return {sdk, u"openai"_s, model, requests, errors, route};
}

} // namespace

class TestSdkErrors final : public QObject
{
    Q_OBJECT

private slots:
    void judgement_data()
    {
        QTest::addColumn<QList<SdkErrorSeries>>("series");
        QTest::addColumn<QList<SdkTraffic>>("traffic");
        QTest::addColumn<QString>("sdk");
        QTest::addColumn<QString>("good");
        const QString oldSdk = u"portkey-python/1.8.4"_s;
        const QString newSdk = u"portkey-python/1.12.1"_s;
        const QList<SdkTraffic> sameModel{traffic(oldSdk, u"gpt-4.1"_s, 2000, 400),
                                          traffic(newSdk, u"gpt-4.1"_s, 2500, 5)};
        QTest::newRow("old version fails, new one on the same model is fine")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 120), series(newSdk, 14, 0, 0, -1)}
            << sameModel << oldSdk << newSdk;
        QTest::newRow("a burst that ended is the version too")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.4, 60, 130),
                                     series(newSdk, 14, 0, 0, -1)}
            << sameModel << oldSdk << newSdk;
        QTest::newRow("both versions fail together: not the client")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 120),
                                     series(newSdk, 14, 0, 0.4, 120)}
            << sameModel << QString() << QString();
        QTest::newRow("the other version sends to another model: nothing to compare")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 120), series(newSdk, 14, 0, 0, -1)}
            << QList<SdkTraffic>{traffic(oldSdk, u"gpt-4.1"_s, 2000, 400),
                                 traffic(newSdk, u"text-embedding-3-small"_s, 2500, 5)}
            << QString() << QString();
        // the failing version's requests all go through a route the other never uses: the route
        // may be what fails (a deploy of that route), the client version is not shown
        QTest::newRow("the other version sends on another route: nothing to compare")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 120), series(newSdk, 14, 0, 0, -1)}
            << QList<SdkTraffic>{traffic(oldSdk, u"gpt-4.1"_s, 2000, 400, u"/v1/responses"_s),
                                 traffic(newSdk, u"gpt-4.1"_s, 2500, 5)}
            << QString() << QString();
        // the new version's own failures (an incident on another model it also serves) began
        // an hour and a half later: not the same failure, and its requests to the old one's
        // target are served
        QTest::newRow("the other version fails later, on another model")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 30),
                                     series(newSdk, 14, 0, 0.3, 120, 160)}
            << QList<SdkTraffic>{traffic(oldSdk, u"gpt-4.1"_s, 2000, 400),
                                 traffic(newSdk, u"gpt-4.1"_s, 1500, 10),
                                 traffic(newSdk, u"gemini-2.5-flash"_s, 1000, 160)}
            << oldSdk << newSdk;
        QTest::newRow("both versions fail within half an hour: not the client")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 30),
                                     series(newSdk, 14, 0, 0.3, 50)}
            << QList<SdkTraffic>{traffic(oldSdk, u"gpt-4.1"_s, 2000, 400),
                                 traffic(newSdk, u"gpt-4.1"_s, 1500, 10),
                                 traffic(newSdk, u"gemini-2.5-flash"_s, 1000, 160)}
            << QString() << QString();
        QTest::newRow("one version only") << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.45, 120)}
                                          << sameModel << QString() << QString();
        QTest::newRow("a steady background rate is not a change")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0.03, 0.03, -1),
                                     series(newSdk, 14, 0, 0, -1)}
            << sameModel << QString() << QString();
        QTest::newRow("a small rise stays under the failing share")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.06, 120), series(newSdk, 14, 0, 0, -1)}
            << sameModel << QString() << QString();
        QTest::newRow("the other version fails a little too, under a fifth")
            << QList<SdkErrorSeries>{series(oldSdk, 12, 0, 0.5, 120),
                                     series(newSdk, 14, 0, 0.02, 120)}
            << sameModel << oldSdk << newSdk;
    }

    void judgement()
    {
        QFETCH(QList<SdkErrorSeries>, series);
        QFETCH(QList<SdkTraffic>, traffic);
        QFETCH(QString, sdk);
        QFETCH(QString, good);
        SdkErrorFacts facts;
        facts.series = series;
        facts.traffic = traffic;
        const SdkErrorVerdict v = judgeSdkErrors(facts);
        QCOMPARE(v.sdk, sdk);
        QCOMPARE(v.goodSdk, good);
        if (v.found()) {
            QCOMPARE(v.provider, u"openai"_s);
            QVERIFY(v.share >= 0.1);
            QVERIFY(v.since.isValid());
        }
    }

    void rescuedByFallback_data()
    {
        QTest::addColumn<double>("rescued"); // requests the shared config's fallback served
        QTest::addColumn<bool>("sharedConfig");
        QTest::addColumn<bool>("found");
        QTest::newRow("no fallback served: the version") << 0.0 << true << true;
        QTest::newRow("the other version's failures were failed over: not the version")
            << 700.0 << true << false;
        QTest::newRow("a few failovers do not account for the difference") << 40.0 << true << true;
        QTest::newRow("failovers of a config the failing version did not use")
            << 700.0 << false << true;
    }

    // A version "served without failures" may only have been rescued: when both versions went
    // through one config whose fallback served about as many requests as the other version
    // would have lost at the failing version's rate, both hit the failure and only the
    // failover differed.
    void rescuedByFallback()
    {
        QFETCH(double, rescued);
        QFETCH(bool, sharedConfig);
        QFETCH(bool, found);
        const QString web = u"portkey-node/1.13.0"_s;
        const QString batch = u"portkey-python/1.13.2"_s;
        SdkErrorFacts facts;
        facts.series = {series(web, 12, 0, 0.25, 60), series(batch, 10, 0, 0, -1)};
        facts.traffic = {traffic(web, u"claude-sonnet-4-5"_s, 2160, 360),
                         traffic(batch, u"claude-sonnet-4-5"_s, 1800, 0)};
        facts.configs[web] = {u"pc-review"_s};
        facts.configs[batch] = {sharedConfig ? u"pc-review"_s : u"pc-batch"_s};
        facts.failingConfigs[web] = {u"pc-review"_s};
        facts.rescued[sharedConfig ? u"pc-review"_s : u"pc-batch"_s] = rescued;
        QCOMPARE(judgeSdkErrors(facts).found(), found);
    }

    void keyOrLimitRefusals_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("found");
        QTest::newRow("400 invalid_request: what the version sends")
            << 400 << u"invalid_request"_s << true;
        QTest::newRow("401 invalid_api_key: the key, not the version")
            << 401 << u"invalid_api_key"_s << false;
        QTest::newRow("403 forbidden: the key's permissions") << 403 << u"forbidden"_s << false;
        QTest::newRow("429 rate_limited: a limit") << 429 << u"rate_limited"_s << false;
        QTest::newRow("429 budget_exceeded: a budget") << 429 << u"budget_exceeded"_s << false;
        QTest::newRow("503 from the provider: the version still stands out")
            << 503 << u"provider_unavailable"_s << true;
    }

    // The failures one version alone shows are refusals of a key, a budget or a limit: those
    // follow the key or config the version's service uses, whatever client sent the request.
    void keyOrLimitRefusals()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(bool, found);
        const QString oldSdk = u"portkey-python/1.8.4"_s;
        const QString newSdk = u"portkey-python/1.12.1"_s;
        SdkErrorFacts facts;
        facts.series = {series(oldSdk, 12, 0, 0.45, 120), series(newSdk, 14, 0, 0, -1)};
        facts.traffic = {traffic(oldSdk, u"gpt-4.1"_s, 2000, 400),
                         traffic(newSdk, u"gpt-4.1"_s, 2500, 5)};
        ErrorGroup refused;
        refused.provider = u"openai"_s;
        refused.model = u"gpt-4.1"_s;
        refused.status = status;
        refused.errorCode = code;
        refused.n = 380;
        ErrorGroup other = refused;
        other.status = 500;
        other.errorCode = u"provider_error"_s;
        other.n = 25;
        facts.errorGroups = {refused, other};
        QCOMPARE(judgeSdkErrors(facts).found(), found);
    }
};

QTEST_GUILESS_MAIN(TestSdkErrors)
#include "tst_sdkerrors.moc"
