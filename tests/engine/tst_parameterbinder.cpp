#include "core/engine/parameterbinder.h"
#include "core/engine/playbook.h"
#include "core/engine/timeexpressions.h"
#include "core/time.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

const QDateTime TicketTime(QDate(2026, 11, 20), QTime(10, 1), QTimeZone::utc()); // a Friday
const QDateTime Now(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc());

QList<Organisation> organisations()
{
    return {Organisation{u"org_acme"_s, u"Acme Robotics"_s, {u"acme.dev"_s}, u"9001"_s},
            Organisation{u"org_bluefin"_s, u"Bluefin Health"_s, {u"bluefin.health"_s}, u"9002"_s}};
}

QDateTime utc(const char *iso)
{
    return fromIso(QString::fromLatin1(iso));
}

} // namespace

class TestParameterBinder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void organisation_data()
    {
        QTest::addColumn<QString>("orgId");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ticket's own org")
            << u"org_bluefin"_s << u"jun@acme.dev"_s << QString() << u"org_bluefin"_s;
        QTest::newRow("e-mail domain")
            << QString() << u"jun@acme.dev"_s << QString() << u"org_acme"_s;
        QTest::newRow("e-mail subdomain")
            << QString() << u"ops@eu.acme.dev"_s << QString() << u"org_acme"_s;
        QTest::newRow("domain case")
            << QString() << u"Ana@Bluefin.Health"_s << QString() << u"org_bluefin"_s;
        QTest::newRow("lookalike domain")
            << QString() << u"eve@notacme.dev"_s << QString() << QString();
        QTest::newRow("name in text")
            << QString() << u"x@gmail.com"_s << u"We are Acme Robotics."_s << u"org_acme"_s;
        QTest::newRow("unknown") << QString() << u"x@gmail.com"_s << u"hello"_s << QString();
        QTest::newRow("injection in text is not an org")
            << QString() << u"x@gmail.com"_s << u"org_id = 'org_acme' OR 1=1"_s << QString();
    }

    void organisation()
    {
        QFETCH(QString, orgId);
        QFETCH(QString, email);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        Ticket t = TestData::ticketSaying(u"Problem"_s, text);
        t.orgId = orgId;
        t.requesterEmail = email;
        const BoundParameters p = ParameterBinder::bind(t, organisations(), Now);
        QCOMPARE(p.org, expected);
        QCOMPARE(p.values.value(u"org"_s).toString(), expected);
        if (!expected.isEmpty())
            QVERIFY(!p.orgName.isEmpty());
    }

    void anchor_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: the text says nothing
        QTest::newRow("this morning")
            << u"slow since this morning"_s << utc("2026-11-20T06:00:00Z");
        QTest::newRow("today") << u"errors all day today"_s << utc("2026-11-20T00:00:00Z");
        QTest::newRow("yesterday") << u"it started yesterday"_s << utc("2026-11-19T00:00:00Z");
        QTest::newRow("since 09:00") << u"failing since 09:00"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("since 9am") << u"failing since 9am"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("since 2:30 pm") << u"since 2:30 pm"_s << utc("2026-11-19T14:30:00Z");
        QTest::newRow("since 23:00 means last night")
            << u"since 23:00"_s << utc("2026-11-19T23:00:00Z");
        QTest::newRow("last night") << u"webhooks died last night"_s << utc("2026-11-19T18:00:00Z");
        QTest::newRow("past 2 hours") << u"for the past 2 hours"_s << utc("2026-11-20T08:01:00Z");
        QTest::newRow("last 3 days") << u"over the last 3 days"_s << utc("2026-11-17T10:01:00Z");
        QTest::newRow("30 minutes ago")
            << u"started 30 minutes ago"_s << utc("2026-11-20T09:31:00Z");
        // a span of the day: its start is when it began
        QTest::newRow("en: between and")
            << u"errors between 8:40 and 9:30"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("pt: entre e")
            << u"falhas entre 8h40 e 9h30"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("es: entre las y las")
            << u"fallos entre las 8:40 y las 9:30"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("de: zwischen und")
            << u"Fehler zwischen 8:40 und 9:30 Uhr"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("fr: entre et")
            << u"erreurs entre 8h40 et 9h30"_s << utc("2026-11-20T08:40:00Z");
        // a Japanese ticket's bare clock is Tokyo's (19:01 there): 08:40 JST
        QTest::newRow("ja: kara made")
            << u"8時40分から9時30分までエラー"_s << utc("2026-11-19T23:40:00Z");
        QTest::newRow("ja: UTC said elsewhere")
            << u"ログの時刻はすべてUTCです。8時40分からエラー"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("ja: UTC right after the clock")
            << u"8:40UTCからエラーが続いています"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("since Monday") << u"since Monday"_s << utc("2026-11-16T00:00:00Z");
        QTest::newRow("since Friday means last week's")
            << u"since friday"_s << utc("2026-11-13T00:00:00Z");
        // a weekday without a start word dates something else (a key rotation, a release)
        QTest::newRow("bare weekday: the start wins")
            << u"failing since 09:00. We rotated the key on Monday, could that be it?"_s
            << utc("2026-11-20T09:00:00Z");
        QTest::newRow("es: el lunes is not the start")
            << u"fallan desde las 09:00; rotamos la clave el lunes"_s
            << utc("2026-11-20T09:00:00Z");
        QTest::newRow("de: am Montag is not the start")
            << u"seit 09:00 Fehler, den Schlüssel haben wir am Montag erneuert"_s
            << utc("2026-11-20T09:00:00Z");
        QTest::newRow("bare weekday when nothing else")
            << u"we rotated the key on Monday and now it fails"_s << utc("2026-11-16T00:00:00Z");
        QTest::newRow("desde el lunes is a start")
            << u"fallan desde el lunes, y hoy desde las 09:00 peor"_s
            << utc("2026-11-16T00:00:00Z");
        QTest::newRow("this week") << u"bad all this week"_s << utc("2026-11-16T00:00:00Z");
        QTest::newRow("iso time") << u"first failure at 2026-11-19T14:30:00Z"_s
                                  << utc("2026-11-19T14:30:00Z");
        QTest::newRow("iso with offset")
            << u"since 2026-11-20T11:00:00+02:00"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("iso date") << u"on 2026-11-18 we saw"_s << utc("2026-11-18T00:00:00Z");
        // a zone abbreviation after a log line's time, on that date's offset
        QTest::newRow("iso then EDT in US summer time")
            << u"2026-10-30 09:14:00 EDT ERROR worker failed"_s << utc("2026-10-30T13:14:00Z");
        QTest::newRow("iso then EST in winter")
            << u"2026-11-19 14:30:05 EST ERROR"_s << utc("2026-11-19T19:30:05Z");
        QTest::newRow("iso then PT takes the date's offset")
            << u"2026-11-19 08:00 PT retrying"_s << utc("2026-11-19T16:00:00Z");
        QTest::newRow("iso then CET in brackets")
            << u"[2026-11-19 10:00:00 (CET)] 502"_s << utc("2026-11-19T09:00:00Z");
        QTest::newRow("iso then a log level is utc")
            << u"2026-11-19 14:30:00 INFO ok"_s << utc("2026-11-19T14:30:00Z");
        QTest::newRow("earliest wins")
            << u"since 09:00, maybe since yesterday"_s << utc("2026-11-19T00:00:00Z");
        QTest::newRow("utc time anywhere")
            << u"errors started 09:40 UTC"_s << utc("2026-11-20T09:40:00Z");
        QTest::newRow("german seit")
            << u"seit etwa 08:45 kommen fehler"_s << utc("2026-11-20T08:45:00Z");
        QTest::newRow("yesterday afternoon")
            << u"since yesterday afternoon"_s << utc("2026-11-19T12:00:00Z");
        QTest::newRow("french night") << u"depuis cette nuit"_s << utc("2026-11-19T18:00:00Z");
        QTest::newRow("last hour or so")
            << u"latency doubled in the last hour or so"_s << utc("2026-11-20T09:01:00Z");
        QTest::newRow("start beats a bare day word")
            << u"slow for the past 2 hours. OpenAI had an incident yesterday, is it back?"_s
            << utc("2026-11-20T08:01:00Z");
        QTest::newRow("bare day word when nothing else")
            << u"OpenAI had an incident yesterday"_s << utc("2026-11-19T00:00:00Z");
        QTest::newRow("future date ignored") << u"renewal on 2026-12-01"_s << QDateTime();
        QTest::newRow("ancient date ignored") << u"customer since 2019-01-01"_s << QDateTime();
        QTest::newRow("nothing") << u"it is broken"_s << QDateTime();
        QTest::newRow("bare number is vague") << u"since 3 we have"_s << QDateTime();
    }

    // Local times in the ticket's language and zone, converted to UTC. The ticket is written
    // on Friday 2026-11-20 at 10:01 UTC (11:01 in Berlin, 19:01 in Tokyo, 07:01 in São Paulo,
    // 02:01 in San Francisco).
    void localTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("en: zone abbreviation")
            << u"failing since 9am CET"_s << utc("2026-11-20T08:00:00Z");
        QTest::newRow("en: city") << u"since 9 am Berlin time responses take 10 s"_s
                                  << utc("2026-11-20T08:00:00Z");
        QTest::newRow("en: PST, yesterday there")
            << u"started around 7:50 PST"_s << utc("2026-11-19T15:50:00Z");
        QTest::newRow("en: UTC offset")
            << u"errors since 10:15 (UTC+2)"_s << utc("2026-11-20T08:15:00Z");
        QTest::newRow("en: GMT-3") << u"down since 6:30 GMT-3"_s << utc("2026-11-20T09:30:00Z");
        QTest::newRow("en: UTC stays UTC in a zoned ticket")
            << u"we are in CET; errors since 09:40 UTC"_s << utc("2026-11-20T09:40:00Z");
        QTest::newRow("es: de la mañana, hora de Madrid")
            << u"desde las 9 de la mañana (hora de Madrid) fallan"_s << utc("2026-11-20T08:00:00Z");
        QTest::newRow("es: a las 9, CDMX")
            << u"más o menos a las 9 (hora de CDMX) empezaron los 429"_s
            << utc("2026-11-19T15:00:00Z");
        QTest::newRow("es: de la tarde, UTC-5")
            << u"desde las 3 de la tarde, estamos en UTC-5"_s << utc("2026-11-19T20:00:00Z");
        QTest::newRow("pt: desde as 14h BRT")
            << u"desde as 14h BRT as chamadas falham"_s << utc("2026-11-19T17:00:00Z");
        QTest::newRow("pt: horário de Brasília")
            << u"desde as 6h (horário de Brasília)"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("de: seit 14 Uhr MEZ")
            << u"seit 14 Uhr MEZ kommen Fehler"_s << utc("2026-11-19T13:00:00Z");
        QTest::newRow("de: Berliner Zeit")
            << u"seit ca. 8 Uhr Berliner Zeit langsam"_s << utc("2026-11-20T07:00:00Z");
        QTest::newRow("fr: depuis 10h heure de Paris")
            << u"depuis 10h (heure de Paris) tout est lent"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("fr: 9h30 no zone")
            << u"depuis 9h30 rien ne passe"_s << utc("2026-11-20T09:30:00Z");
        QTest::newRow("ja: 午前9時 JST")
            << u"午前9時（JST）から遅い"_s << utc("2026-11-20T00:00:00Z");
        QTest::newRow("ja: 17時40分 日本時間")
            << u"本日17時40分ごろ（日本時間）から"_s << utc("2026-11-20T08:40:00Z");
        QTest::newRow("ja: 2時間前 is a duration")
            << u"2時間前からエラー"_s << utc("2026-11-20T08:01:00Z");
        QTest::newRow("en: a range's start takes its end's pm")
            << u"between roughly 1:10 and 2pm Eastern today it failed"_s
            << utc("2026-11-19T18:10:00Z");
        QTest::newRow("en: a morning start before a pm end stays morning")
            << u"errors from 11:30 to 1pm PST"_s << utc("2026-11-19T19:30:00Z");
        QTest::newRow("en: a dashed range without minutes")
            << u"it failed between 1-3pm EST"_s << utc("2026-11-19T18:00:00Z");
        QTest::newRow("es: hace 2 horas")
            << u"hace 2 horas que falla"_s << utc("2026-11-20T08:01:00Z");
        QTest::newRow("de: seit 3 Stunden")
            << u"seit 3 Stunden langsam"_s << utc("2026-11-20T07:01:00Z");
        QTest::newRow("fr: depuis lundi") << u"depuis lundi"_s << utc("2026-11-16T00:00:00Z");
        QTest::newRow("es: ayer") << u"desde ayer"_s << utc("2026-11-19T00:00:00Z");
        QTest::newRow("ja: 昨日から, Tokyo's day")
            << u"昨日からエラー"_s << utc("2026-11-18T15:00:00Z");
        QTest::newRow("fr: 14 h 30, heure de Paris")
            << u"lent depuis 14 h 30 (heure de Paris)"_s << utc("2026-11-19T13:30:00Z");
        QTest::newRow("de: 9 Uhr 30 MEZ")
            << u"seit 9 Uhr 30 MEZ kommen Fehler"_s << utc("2026-11-20T08:30:00Z");
        QTest::newRow("ja: 14:30ごろから 日本時間")
            << u"14:30ごろから遅いです（日本時間）"_s << utc("2026-11-20T05:30:00Z");
        QTest::newRow("ja: 9:05から JST")
            << u"9:05からエラー（JST）"_s << utc("2026-11-20T00:05:00Z");
        // Day words on the customer's clock when the ticket names a zone.
        QTest::newRow("en: this morning, Tokyo time")
            << u"slow since this morning (Tokyo time)"_s << utc("2026-11-19T21:00:00Z");
        QTest::newRow("fr: ce matin, heure de Paris")
            << u"lent depuis ce matin (heure de Paris)"_s << utc("2026-11-20T05:00:00Z");
        QTest::newRow("es: esta mañana before dawn in CDMX")
            << u"desde esta mañana (hora de CDMX) fallan"_s << utc("2026-11-20T06:00:00Z");
        QTest::newRow("ja: 正午から 日本時間")
            << u"正午から遅いです（日本時間）"_s << utc("2026-11-20T03:00:00Z");
        QTest::newRow("de: seit Montag MEZ")
            << u"seit Montag MEZ langsam"_s << utc("2026-11-15T23:00:00Z");
        QTest::newRow("en: early afternoon, JST")
            << u"crawling since early afternoon JST"_s << utc("2026-11-20T03:00:00Z");
        QTest::newRow("en: two letters after a time")
            << u"failing since 4am ET"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("en: two letters alone are no zone")
            << u"our MT pipeline fails since 9am"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("es: hace unas 3 horas")
            << u"hace unas 3 horas empezaron los errores"_s << utc("2026-11-20T07:01:00Z");
        QTest::newRow("pt: há cerca de 3 horas")
            << u"há cerca de 3 horas começaram os erros"_s << utc("2026-11-20T07:01:00Z");
        QTest::newRow("fr: il y a environ 2 heures")
            << u"il y a environ 2 heures que ça plante"_s << utc("2026-11-20T08:01:00Z");
        QTest::newRow("de: vor etwa 2 Stunden")
            << u"vor etwa 2 Stunden fing es an"_s << utc("2026-11-20T08:01:00Z");
        QTest::newRow("en: about 3 hours ago")
            << u"it started about 3 hours ago"_s << utc("2026-11-20T07:01:00Z");
        QTest::newRow("en: 45 minutes ago")
            << u"errors began 45 minutes ago"_s << utc("2026-11-20T09:16:00Z");
        QTest::newRow("ja: 約3時間前から")
            << u"約3時間前からエラー"_s << utc("2026-11-20T07:01:00Z");
        QTest::newRow("en: a.m. with EST, not yet that time there today")
            << u"failing since 7:30 a.m. EST"_s << utc("2026-11-19T12:30:00Z");
        QTest::newRow("de: ab 10:30 Uhr UTC+1")
            << u"ab 10:30 Uhr (UTC+1) nur noch Fehler"_s << utc("2026-11-20T09:30:00Z");
        QTest::newRow("es: hs, Buenos Aires")
            << u"desde las 6:15 hs (hora de Buenos Aires) falla"_s << utc("2026-11-20T09:15:00Z");
        QTest::newRow("en: eastern without time")
            << u"failing since 7:40am eastern"_s << utc("2026-11-19T12:40:00Z");
        QTest::newRow("en: pacific without time")
            << u"down from 1:15 am Pacific"_s << utc("2026-11-20T09:15:00Z");
        QTest::newRow("en: central without time")
            << u"slow since 3:00 (central)"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("en: a region word alone is no zone")
            << u"our central team sees it since 9am"_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("pt: desde a segunda-feira")
            << u"lento desde a segunda-feira"_s << utc("2026-11-16T00:00:00Z");
        QTest::newRow("en: since last Tuesday")
            << u"broken since last Tuesday"_s << utc("2026-11-17T00:00:00Z");
        QTest::newRow("ja: 月曜日から, Tokyo's Monday")
            << u"月曜日からエラー"_s << utc("2026-11-15T15:00:00Z");
        QTest::newRow("pt: a partir das 14h (UTC-3)")
            << u"Hoje, a partir das 6h (UTC-3), ficou bem mais lento"_s
            << utc("2026-11-20T09:00:00Z");
        QTest::newRow("en: a part of the day, then the zone")
            << u"Since about 4:20 this morning (Eastern) our calls fail"_s
            << utc("2026-11-20T09:20:00Z");
        QTest::newRow("lower-case words are not zones")
            << u"since 9am, c'est ça, the art of it"_s << utc("2026-11-20T09:00:00Z");
    }

    void localTimes()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime got = ParameterBinder::anchorFromText(text, TicketTime);
        QVERIFY2(got == expected, qPrintable(toIsoUtc(got) + u" != "_s + toIsoUtc(expected)));
    }

    // Durations before the ticket: a start that long ago, in the six languages; never a time
    // of day ("depuis 2 h 30 min" was once read as 02:00). `seconds` -1: no duration.
    void relativeDurations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QDateTime>("expected");
        const auto ago = [](qint64 s) {
            return TicketTime.addSecs(-s);
        };
        const auto row = [&](const char *name, const QString &text, qint64 seconds) {
            QTest::newRow(name) << text << seconds << ago(seconds);
        };
        row("fr: depuis 2 h 30 min", u"Les appels échouent depuis 2 h 30 min."_s, 9000);
        row("fr: depuis 2h30min", u"erreurs 502 depuis 2h30min"_s, 9000);
        row("fr: il y a une demi-heure", u"ça a commencé il y a une demi-heure"_s, 1800);
        row("fr: depuis environ 3 heures", u"en panne depuis environ 3 heures"_s, 3 * 3600);
        row("de: seit 2 Stunden", u"Seit 2 Stunden bekommen wir Fehler."_s, 7200);
        row("de: vor einer halben Stunde", u"vor einer halben Stunde fing es an"_s, 1800);
        row("de: seit anderthalb Stunden", u"seit anderthalb Stunden langsam"_s, 5400);
        row("es: hace unas 3 horas", u"Empezó hace unas 3 horas."_s, 3 * 3600);
        row("es: desde hace una hora y media", u"fallan desde hace una hora y media"_s, 5400);
        row("pt: há 45 minutos", u"Começou há 45 minutos."_s, 45 * 60);
        row("pt: nas últimas 3 horas", u"erros nas últimas 3 horas"_s, 3 * 3600);
        row("ja: 2時間前から", u"2時間前からエラーが出ています"_s, 7200);
        row("ja: 1時間30分ほど前", u"1時間30分ほど前から遅い"_s, 5400);
        row("ja: 2時間半前", u"2時間半前から失敗"_s, 9000);
        row("ja: ここ90分", u"ここ90分ほど不安定です"_s, 5400);
        row("en: for the last 90 mins", u"timeouts for the last 90 mins"_s, 5400);
        row("en: an hour and a half ago", u"it started an hour and a half ago"_s, 5400);
        row("en: over the past 2 days", u"slow over the past 2 days"_s, 2 * 86400);
        row("en: 20 min ago", u"first 500 about 20 min ago"_s, 1200);
        // number words: several words, any white space between them, the longest one wins
        row("en: a few hours ago", u"it broke a few hours ago"_s, 3 * 3600);
        row("en: a  couple of days ago", u"slow since a  couple of days ago"_s, 2 * 86400);
        row("en: for half an hour", u"failing for half an hour"_s, 1800);
        row("es: hace dos horas", u"falla desde hace dos horas"_s, 7200);
        row("pt: há três dias", u"lento há três dias"_s, 3 * 86400);
        row("de: seit fünf Minuten", u"seit fünf Minuten kaputt"_s, 300);
        row("de: vor eineinhalb Stunden", u"vor eineinhalb Stunden ging es los"_s, 5400);
        row("fr: depuis dix minutes", u"en panne depuis dix minutes"_s, 600);
        // a unit without a number after "the last": one if singular, a few (three) if plural,
        // half an hour for minutes
        row("en: in the last few days", u"slow in the last few days"_s, 3 * 86400);
        row("en: the last days", u"errors over the last days"_s, 3 * 86400);
        row("en: past hour", u"timeouts in the past hour"_s, 3600);
        row("en: last hours", u"flaky for the last hours"_s, 3 * 3600);
        row("en: the last minutes", u"slow the last minutes"_s, 1800);
        row("de: in den letzten Tagen", u"in den letzten Tagen sehr langsam"_s, 3 * 86400);
        row("de: die letzten Stunden", u"die letzten Stunden nur Fehler"_s, 3 * 3600);
        row("fr: ces derniers jours", u"des erreurs ces derniers jours"_s, 3 * 86400);
        row("fr: les dernières heures", u"lent pendant les dernières heures"_s, 3 * 3600);
        row("pt: nos últimos dias", u"muitos erros nos últimos dias"_s, 3 * 86400);
        row("es: en los últimos días", u"lento en los últimos días"_s, 3 * 86400);
        row("es: las últimas horas", u"fallos durante las últimas horas"_s, 3 * 3600);
        row("ja: ここ数日", u"ここ数日エラーが多い"_s, 3 * 86400);
        // times of day, not durations
        QTest::newRow("fr: depuis 2 heures du matin is a time")
            << u"depuis 2 heures du matin"_s << qint64(-1)
            << QDateTime(QDate(2026, 11, 20), QTime(2, 0), QTimeZone::utc());
        QTest::newRow("fr: depuis 14h30 is a time")
            << u"depuis 14h30"_s << qint64(-1)
            << QDateTime(QDate(2026, 11, 20), QTime(14, 30), QTimeZone::utc()).addDays(-1);
        QTest::newRow("de: seit 9h is a time")
            << u"seit 9h kaputt"_s << qint64(-1)
            << QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone::utc());
        // how long something takes says nothing of when it started
        QTest::newRow("en: takes 2 hours")
            << u"the export takes 2 hours"_s << qint64(-1) << QDateTime();
        QTest::newRow("ja: 2時間 alone") << u"処理に2時間かかります"_s << qint64(-1) << QDateTime();
    }

    void relativeDurations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        QFETCH(QDateTime, expected);
        const QList<qint64> durations = TimeText::durationsAgo(text);
        QCOMPARE(durations, seconds < 0 ? QList<qint64>() : QList<qint64>{seconds});
        const QDateTime got = ParameterBinder::anchorFromText(text, TicketTime);
        QVERIFY2(got == expected, qPrintable(toIsoUtc(got) + u" != "_s + toIsoUtc(expected)));
    }

    // Relative times built from the grammar of time words (a day, a part of it, "this",
    // "earlier", a vague amount, a weekday), in the six languages, read on the ticket's clock
    // and zone. The ticket is written on Friday 2026-11-20 at 10:01 UTC: 11:01 in Berlin, Paris
    // and Madrid, 19:01 in Tokyo, 07:01 in São Paulo, 02:01 in San Francisco.
    void relativeDays_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: the text says nothing
        const QDateTime fewDays = TicketTime.addDays(-3);
        // en
        QTest::newRow("en: since this morning")
            << u"Slow since this morning."_s << utc("2026-11-20T06:00:00Z");
        QTest::newRow("en: yesterday afternoon, Berlin time")
            << u"It started yesterday afternoon (Berlin time)."_s << utc("2026-11-19T11:00:00Z");
        QTest::newRow("en: since Tuesday PST")
            << u"Errors since Tuesday, PST."_s << utc("2026-11-17T08:00:00Z");
        QTest::newRow("en: for a few days") << u"Timeouts for a few days now."_s << fewDays;
        QTest::newRow("en: earlier today")
            << u"This started earlier today."_s << utc("2026-11-20T00:00:00Z");
        QTest::newRow("en: earlier today, JST")
            << u"It began earlier today (JST)."_s << utc("2026-11-19T15:00:00Z");
        QTest::newRow("en: the day before yesterday")
            << u"Broken since the day before yesterday."_s << utc("2026-11-18T00:00:00Z");
        // es
        QTest::newRow("es: desde esta mañana, hora de Madrid")
            << u"Lento desde esta mañana (hora de Madrid)."_s << utc("2026-11-20T05:00:00Z");
        QTest::newRow("es: desde ayer por la tarde")
            << u"Fallos desde ayer por la tarde."_s << utc("2026-11-19T12:00:00Z");
        QTest::newRow("es: desde el martes")
            << u"Errores desde el martes."_s << utc("2026-11-17T00:00:00Z");
        QTest::newRow("es: desde hace unos días") << u"Va lento desde hace unos días."_s << fewDays;
        QTest::newRow("es: hoy más temprano")
            << u"Empezó hoy más temprano."_s << utc("2026-11-20T00:00:00Z");
        QTest::newRow("es: anoche") << u"Se cayó anoche."_s << utc("2026-11-19T18:00:00Z");
        // pt
        QTest::newRow("pt: desde hoje de manhã, horário de Brasília")
            << u"Lento desde hoje de manhã (horário de Brasília)."_s << utc("2026-11-20T09:00:00Z");
        QTest::newRow("pt: desde ontem à tarde")
            << u"Erros desde ontem à tarde."_s << utc("2026-11-19T12:00:00Z");
        QTest::newRow("pt: desde terça-feira")
            << u"Falhas desde terça-feira."_s << utc("2026-11-17T00:00:00Z");
        QTest::newRow("pt: há alguns dias") << u"Está lento há alguns dias."_s << fewDays;
        QTest::newRow("pt: hoje mais cedo")
            << u"Começou hoje mais cedo."_s << utc("2026-11-20T00:00:00Z");
        // de
        QTest::newRow("de: seit heute Morgen MEZ")
            << u"Langsam seit heute Morgen (MEZ)."_s << utc("2026-11-20T05:00:00Z");
        QTest::newRow("de: seit gestern Nachmittag")
            << u"Fehler seit gestern Nachmittag."_s << utc("2026-11-19T12:00:00Z");
        QTest::newRow("de: seit Dienstag")
            << u"Fehler seit Dienstag."_s << utc("2026-11-17T00:00:00Z");
        QTest::newRow("de: seit ein paar Tagen") << u"Seit ein paar Tagen langsam."_s << fewDays;
        QTest::newRow("de: seit einigen Tagen") << u"Seit einigen Tagen Timeouts."_s << fewDays;
        QTest::newRow("de: vorgestern")
            << u"Seit vorgestern kaputt."_s << utc("2026-11-18T00:00:00Z");
        // fr
        QTest::newRow("fr: depuis ce matin, heure de Paris")
            << u"Lent depuis ce matin, heure de Paris."_s << utc("2026-11-20T05:00:00Z");
        QTest::newRow("fr: depuis hier après-midi")
            << u"Erreurs depuis hier après-midi."_s << utc("2026-11-19T12:00:00Z");
        QTest::newRow("fr: depuis mardi")
            << u"En panne depuis mardi."_s << utc("2026-11-17T00:00:00Z");
        QTest::newRow("fr: depuis quelques jours") << u"Lent depuis quelques jours."_s << fewDays;
        QTest::newRow("fr: plus tôt aujourd'hui")
            << u"Ça a commencé plus tôt aujourd'hui."_s << utc("2026-11-20T00:00:00Z");
        // ja (the ticket's day in Tokyo is 2026-11-20, 19:01)
        QTest::newRow("ja: 今朝から 日本時間")
            << u"今朝から遅いです（日本時間）。"_s << utc("2026-11-19T21:00:00Z");
        QTest::newRow("ja: 昨日の午後から JST")
            << u"昨日の午後からエラーが出ています。JST"_s << utc("2026-11-19T03:00:00Z");
        QTest::newRow("ja: 火曜日から JST")
            << u"火曜日から失敗しています（JST）。"_s << utc("2026-11-16T15:00:00Z");
        QTest::newRow("ja: 数日前から") << u"数日前からタイムアウトします。"_s << fewDays;
        QTest::newRow("ja: ここ数日") << u"ここ数日不安定です。"_s << fewDays;
        // a day said beside a denial of any change dates that denial, not the problem
        const QDateTime clockTime = utc("2026-11-20T09:30:00Z");
        QTest::newRow("en: nothing deployed since Monday")
            << u"Errors since 09:30 UTC. Nothing was deployed on our side since Monday."_s
            << clockTime;
        QTest::newRow("fr: rien déployé depuis lundi")
            << u"Erreurs depuis 09:30 UTC. De notre côté, rien n'a été déployé depuis lundi."_s
            << clockTime;
        QTest::newRow("de: seit Montag nichts geändert")
            << u"Fehler seit 09:30 UTC. Wir haben seit Montag nichts geändert."_s << clockTime;
        QTest::newRow("es: no hemos tocado nada desde el lunes")
            << u"Errores desde las 09:30 UTC. No hemos tocado nada desde el lunes."_s << clockTime;
        QTest::newRow("en: broken since Monday, nothing else")
            << u"Nothing works since Monday."_s << utc("2026-11-16T00:00:00Z");
        // words that are no time of the past
        QTest::newRow("es: mañana is tomorrow") << u"La reunión es mañana."_s << QDateTime();
        QTest::newRow("de: morgen is tomorrow") << u"Wir melden uns morgen."_s << QDateTime();
        QTest::newRow("es: llegar tarde") << u"Las respuestas llegan tarde."_s << QDateTime();
    }

    void relativeDays()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime got = ParameterBinder::anchorFromText(text, TicketTime);
        QVERIFY2(got == expected, qPrintable(toIsoUtc(got) + u" != "_s + toIsoUtc(expected)));
    }

    // The grammar composes a day and its part once: "yesterday" inside "yesterday afternoon" is
    // not a second reference; a start word before it (or から after it) marks a start.
    void dayReferences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("day");
        QTest::addColumn<int>("part");
        QTest::addColumn<bool>("start");
        const auto part = [](TimeText::DayPart p) {
            return int(p);
        };
        QTest::newRow("en") << u"since yesterday afternoon"_s << -1
                            << part(TimeText::DayPart::Afternoon) << true;
        QTest::newRow("en: bare") << u"an incident yesterday evening"_s << -1
                                  << part(TimeText::DayPart::Evening) << false;
        QTest::newRow("es") << u"desde ayer por la noche"_s << -1 << part(TimeText::DayPart::Night)
                            << true;
        QTest::newRow("pt") << u"ontem de manhã"_s << -1 << part(TimeText::DayPart::Morning)
                            << false;
        QTest::newRow("de") << u"seit gestern Abend"_s << -1 << part(TimeText::DayPart::Evening)
                            << true;
        QTest::newRow("fr") << u"depuis avant-hier"_s << -2 << part(TimeText::DayPart::Whole)
                            << true;
        QTest::newRow("ja") << u"昨日の夕方から"_s << -1 << part(TimeText::DayPart::Evening)
                            << true;
        QTest::newRow("ja: this morning")
            << u"今朝"_s << 0 << part(TimeText::DayPart::Morning) << false;
    }

    void dayReferences()
    {
        QFETCH(QString, text);
        QFETCH(int, day);
        QFETCH(int, part);
        QFETCH(bool, start);
        const QList<TimeText::DayReference> refs = TimeText::dayReferences(text);
        QCOMPARE(refs.size(), 1);
        QCOMPARE(refs.first().dayOffset, day);
        QCOMPARE(int(refs.first().part), part);
        QCOMPARE(refs.first().start, start);
    }

    void customerHypothesis_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("category"); // empty: no theory, or an unclear one
        QTest::addColumn<bool>("found");
        QTest::newRow("deploy") << u"Latency is up. I think it's your deploy from today."_s
                                << u"deploy_regression"_s << true;
        QTest::newRow("provider") << u"500s since 9. Probably OpenAI again, can you confirm?"_s
                                  << u"provider_outage"_s << true;
        QTest::newRow("spanish") << u"Creo que es un problema de configuración nuestra."_s
                                 << u"customer_config"_s << true;
        QTest::newRow("german") << u"Ich glaube, das liegt am neuen Deployment."_s
                                << u"deploy_regression"_s << true;
        QTest::newRow("japanese") << u"御社のデプロイが原因ではと思います。"_s
                                  << u"deploy_regression"_s << true;
        QTest::newRow("german, a guess at credentials")
            << u"Seit 9 Uhr nur 404. Meine Vermutung: dem neuen IAM-User fehlt eine Berechtigung."_s
            << u"customer_config"_s << true;
        QTest::newRow("french, a suspicion")
            << u"Des 502 depuis ce matin. Je soupçonne votre mise à jour d'hier soir."_s
            << u"deploy_regression"_s << true;
        QTest::newRow("portuguese, a question that guesses")
            << u"Tudo falha desde as 9h. Será que é uma instabilidade do provedor?"_s
            << u"provider_outage"_s << true;
        QTest::newRow("japanese, a hedge")
            << u"9時から遅いです。OpenAIの障害かもしれません。"_s << u"provider_outage"_s << true;
        // the kind of cause named first, not the first kind of the cue list
        QTest::newRow("the provider changed something")
            << u"Calls fail since noon. I think Anthropic changed their API."_s
            << u"provider_outage"_s << true;
        QTest::newRow("our deploy broke a provider's route")
            << u"Calls fail since noon. I think your release broke the Anthropic route."_s
            << u"deploy_regression"_s << true;
        // a kind of cause the customer rules out is not the one their theory names first
        QTest::newRow("not the deploy, the provider")
            << u"Calls fail since noon. I think this is not deploy related: OpenAI must have "
               u"shipped a broken deploy of their own."_s
            << u"provider_outage"_s << true;
        QTest::newRow("a request with maybe is no theory")
            << u"Requests fail with 502 since 10:00. Maybe you can check?"_s << QString() << false;
        QTest::newRow("none") << u"Requests fail with 502 since 10:00."_s << QString() << false;
    }

    void customerHypothesis()
    {
        QFETCH(QString, text);
        QFETCH(QString, category);
        QFETCH(bool, found);
        const BoundParameters p =
            ParameterBinder::bind(TestData::ticketSaying(u"Problem"_s, text), {}, Now);
        QCOMPARE(!p.customerHypothesis.isEmpty(), found);
        QCOMPARE(p.customerHypothesisCategory, category);
        QCOMPARE(p.values.value(u"customer_hypothesis"_s).toString(), p.customerHypothesis);
    }

    // The ticket's provider and model against the organisation's logs: the logs win.
    void reconcileWithLogs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("providers");
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("noted");
        QTest::newRow("agree") << u"Claude fails"_s << QStringList{u"anthropic"_s, u"openai"_s}
                               << QStringList() << u"anthropic"_s << QString() << false;
        QTest::newRow("only one provider in the logs")
            << u"OpenAI requests fail"_s << QStringList{u"azure-openai"_s} << QStringList()
            << u"azure-openai"_s << QString() << true;
        QTest::newRow("several others: no filter")
            << u"Gemini errors"_s << QStringList{u"openai"_s, u"anthropic"_s} << QStringList()
            << QString() << QString() << true;
        QTest::newRow("the vendor under the logs' id")
            << u"Azure requests fail"_s << QStringList{u"azure"_s, u"openai"_s, u"anthropic"_s}
            << QStringList() << u"azure"_s << QString() << true;
        QTest::newRow("the vendor without its AI")
            << u"Mistral is down"_s << QStringList{u"mistral"_s, u"openai"_s} << QStringList()
            << u"mistral"_s << QString() << true;
        QTest::newRow("a model maker is not its cloud host")
            << u"OpenAI requests fail"_s << QStringList{u"azure-openai"_s, u"anthropic"_s}
            << QStringList() << QString() << QString() << true;
        QTest::newRow("none named, one in the logs")
            << u"errors since 9"_s << QStringList{u"anthropic"_s} << QStringList() << u"anthropic"_s
            << QString() << true;
        QTest::newRow("dated model") << u"gpt-4o fails"_s << QStringList{u"openai"_s}
                                     << QStringList{u"gpt-4o-2024-08-06"_s, u"gpt-4o-mini"_s}
                                     << u"openai"_s << u"gpt-4o-2024-08-06"_s << true;
        QTest::newRow("unknown model")
            << u"gpt-5 fails"_s << QStringList{u"openai"_s} << QStringList{u"gpt-4o"_s}
            << u"openai"_s << QString() << true;
        QTest::newRow("no logs") << u"Claude fails"_s << QStringList() << QStringList()
                                 << u"anthropic"_s << QString() << false;
    }

    void reconcileWithLogs()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, providers);
        QFETCH(QStringList, models);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(bool, noted);
        BoundParameters p = ParameterBinder::bind(TestData::ticketSaying(text), {}, Now);
        const QStringList notes = ParameterBinder::reconcile(p, {providers, models});
        QCOMPARE(p.provider, provider);
        QCOMPARE(p.model, model);
        QCOMPARE(!notes.isEmpty(), noted);
        QCOMPARE(p.entityNotes, notes);
        QCOMPARE(p.values.value(u"provider"_s).toString(), provider);
        // the same, as data: one correction a note, each naming what the steps then used
        QCOMPARE(p.entityCorrections.size(), notes.size());
        for (const EntityCorrection &c : std::as_const(p.entityCorrections)) {
            QVERIFY(c.entity == u"provider"_s || c.entity == u"model"_s);
            QCOMPARE(c.logs, c.entity == u"provider"_s ? provider : model);
            QVERIFY(c.ticket != c.logs);
        }
    }

    void observedInTheLogs()
    {
        StepData logs;
        logs.record.connector = u"clickhouse"_s;
        Evidence e;
        e.data = QJsonObject{
            {u"series"_s,
             QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{{u"provider"_s, u"Anthropic"_s}}}},
                        QJsonObject{{u"labels"_s, QJsonObject{{u"provider"_s, u"openai"_s}}}}}},
            {u"rows"_s, QJsonArray{QJsonObject{{u"model"_s, u"gpt-4o"_s}}}}};
        logs.evidence.append(e);
        StepData status;
        status.record.connector = u"statuspage"_s;
        Evidence s;
        s.data = QJsonObject{{u"provider"_s, u"google"_s}};
        status.evidence.append(s);
        const ParameterBinder::Observed seen =
            ParameterBinder::observedIn({{u"errors_by_provider"_s, logs}, {u"status"_s, status}});
        QCOMPARE(seen.providers, (QStringList{u"anthropic"_s, u"openai"_s}));
        QCOMPARE(seen.models, QStringList{u"gpt-4o"_s});
    }

    void anchor()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime got = ParameterBinder::anchorFromText(text, TicketTime);
        QVERIFY2(got == expected, qPrintable(toIsoUtc(got) + u" != "_s + toIsoUtc(expected)));
    }

    void window()
    {
        // [anchor - look-back, ticket + 5 min), never after now, from on a whole hour.
        const BoundParameters p =
            ParameterBinder::bind(TestData::ticketSaying(u"Dashboard slow since this morning"_s),
                                  organisations(), Now, 24);
        QCOMPARE(p.anchor, utc("2026-11-20T06:00:00Z"));
        QCOMPARE(p.window.from, utc("2026-11-19T06:00:00Z"));
        QCOMPARE(p.window.to, Now); // 10:06 would be after the workspace clock
        QCOMPARE(p.values.value(u"window.from"_s).toString(), u"2026-11-19T06:00:00Z"_s);

        const BoundParameters q = ParameterBinder::bind(
            TestData::ticketSaying(u"Errors"_s), organisations(), utc("2026-11-21T00:00:00Z"), 6);
        QVERIFY(!q.anchor.isValid());
        QCOMPARE(q.window.from, utc("2026-11-20T04:00:00Z"));
        QCOMPARE(q.window.to, utc("2026-11-20T10:06:00Z"));
    }

    void providerAndModel_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::newRow("claude fails gpt works")
            << u"Claude fails but GPT-4o works"_s << u"anthropic"_s << QString();
        QTest::newRow("claude model")
            << u"claude-sonnet-4-6 returns 529"_s << u"anthropic"_s << u"claude-sonnet-4-6"_s;
        QTest::newRow("gpt model")
            << u"Requests to GPT-4o time out"_s << u"openai"_s << u"gpt-4o"_s;
        QTest::newRow("gpt-4o-mini") << u"using gpt-4o-mini."_s << u"openai"_s << u"gpt-4o-mini"_s;
        QTest::newRow("openai word") << u"OpenAI is slow"_s << u"openai"_s << QString();
        QTest::newRow("gemini") << u"gemini-1.5-pro errors"_s << u"google"_s << u"gemini-1.5-pro"_s;
        QTest::newRow("azure openai")
            << u"Azure OpenAI deployment gpt-4o fails"_s << u"azure-openai"_s << u"gpt-4o"_s;
        QTest::newRow("bedrock") << u"Bedrock claude-3-5-sonnet throttled"_s << u"bedrock"_s
                                 << u"claude-3-5-sonnet"_s;
        QTest::newRow("mistral") << u"mistral-large-latest is slow"_s << u"mistral-ai"_s
                                 << u"mistral-large-latest"_s;
        QTest::newRow("none") << u"Dashboard slow"_s << QString() << QString();
        QTest::newRow("not a word inside another")
            << u"The claudette app"_s << QString() << QString();
    }

    void providerAndModel()
    {
        QFETCH(QString, text);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        const BoundParameters p = ParameterBinder::bind(TestData::ticketSaying(text), {}, Now);
        QCOMPARE(p.provider, provider);
        QCOMPARE(p.model, model);
    }

    void routeEndpointSdk()
    {
        const BoundParameters p = ParameterBinder::bind(
            TestData::ticketSaying(
                u"Webhook + analytics"_s,
                u"Calls to /v1/analytics/usage?x=1 are slow. Our hook "
                u"https://hooks.acme.dev/relay, "
                u"is failing. We call https://api.gateway.dev/v1/chat/completions with "
                u"portkey-node 2.0.0 (was portkey-python==1.9.2)."_s),
            {}, Now);
        QCOMPARE(p.route, u"/v1/analytics/usage"_s);
        QCOMPARE(p.endpoint, u"https://hooks.acme.dev/relay"_s);
        QCOMPARE(p.sdk, u"portkey-node/2.0.0"_s);
        QCOMPARE(p.values.value(u"route"_s).toString(), p.route);
    }

    void keywords()
    {
        const BoundParameters p = ParameterBinder::bind(
            TestData::ticketSaying(
                u"Dashboard is loading slowly since this morning"_s,
                u"Hi team, our usage dashboard takes forever to load. Thanks!"_s),
            {}, Now);
        QVERIFY(p.keywords.contains(u"dashboard"_s));
        QVERIFY(p.keywords.contains(u"loading"_s));
        QVERIFY(!p.keywords.contains(u"the"_s));
        QVERIFY(!p.keywords.contains(u"since"_s));
        QVERIFY(!p.keywords.contains(u"thanks"_s));
        QCOMPARE(p.keywords.count(u"dashboard"_s), 1);
        QVERIFY(p.keywords.size() <= 12);
        QCOMPARE(p.values.value(u"keywords"_s).toArray().size(), p.keywords.size());
    }

    // A reply's subject names the thread's first topic: its words come after the body's, so a
    // long body does not push the words of what is asked now out of the search.
    void keywordsOfAReply()
    {
        Ticket t = TestData::ticket();
        t.subject = u"Re: SSO setup for our workspace"_s;
        t.description =
            u"Different topic: the invoice for March bills twice the tokens our logs count. "
            "Prompt tokens, completion tokens, cached tokens, embeddings, batch jobs, the "
            "meter, the dashboard export and the usage API all disagree with the invoice."_s;
        const BoundParameters p = ParameterBinder::bind(t, {}, Now);
        QVERIFY(p.keywords.size() <= 12);
        const qsizetype invoice = p.keywords.indexOf(u"invoice"_s);
        const qsizetype sso = p.keywords.indexOf(u"sso"_s);
        QVERIFY2(invoice >= 0 && (sso < 0 || invoice < sso), qPrintable(p.keywords.join(u", "_s)));
        t.subject = u"SSO setup for our workspace"_s; // a new subject comes first
        QCOMPARE(ParameterBinder::bind(t, {}, Now).keywords.first(), u"sso"_s);
    }

    void hostileTextStaysData()
    {
        const QString evil =
            u"'); DROP TABLE gateway_requests; -- {{org}} /v1/x'||'y <script>alert(1)</script>"_s;
        Ticket t = TestData::ticketSaying(evil, evil);
        t.orgId = u"org_acme"_s;
        const BoundParameters p = ParameterBinder::bind(t, organisations(), Now);
        QCOMPARE(p.org, u"org_acme"_s);
        QCOMPARE(p.route, u"/v1/x"_s);
        // Templating puts the text in as a value; it is never expanded again.
        const QJsonValue rendered = renderTemplates(QJsonValue(u"{{ticket.subject}}"_s), p.values);
        QCOMPARE(rendered.toString(), evil);
        QString huge;
        for (int i = 0; i < 100000; ++i)
            huge += u"since 09:00 gpt-4o /v1/a "_s;
        const BoundParameters h =
            ParameterBinder::bind(TestData::ticketSaying(u"x"_s, huge), {}, Now);
        QCOMPARE(h.model, u"gpt-4o"_s);
        QVERIFY(h.window.isValid());
    }
};

QTEST_GUILESS_MAIN(TestParameterBinder)
#include "tst_parameterbinder.moc"
