// The reply composer: templates for every category and language, the template language,
// language and time-zone hints, and what of an investigation reaches the customer.
#include "core/analysis/markdown.h"
#include "core/analysis/unchecked.h"
#include "core/reply/phrasebook.h"
#include "core/reply/privacyfilter.h"
#include "core/reply/providernames.h"
#include "core/reply/replycomposer.h"
#include "core/reply/replytemplates.h"
#include "core/text/language.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

QDateTime utc(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
}

// A zone found (or none: -999) with its offset at 2026-11-20 12:00 UTC.
void checkZone(const std::optional<QTimeZone> &zone, int offsetMinutes)
{
    if (offsetMinutes == -999) {
        QVERIFY(!zone.has_value());
        return;
    }
    QVERIFY(zone.has_value());
    QCOMPARE(zone->offsetFromUtc(utc(20, 12, 0)) / 60, offsetMinutes);
}

QSet<QString> variablesOf(const QString &text)
{
    static const QRegularExpression re(u"\\{\\{[#^/]?(\\w+)\\}\\}"_s);
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(1));
    return out;
}

// A deploy regression with everything that must stay internal somewhere in it.
Investigation leakyInvestigation()
{
    Investigation inv;
    inv.ticket.id = u"77"_s;
    inv.ticket.subject = u"Slow answers"_s;
    inv.ticket.description = u"Since 10:00 CET our calls take seconds."_s;
    inv.ticket.requesterName = u"Ana Pérez"_s;
    inv.ticket.orgId = u"org_acme"_s;
    inv.ticket.orgName = u"Acme"_s;
    inv.playbook = {u"latency-spike"_s, u"mentions slow"_s};
    inv.window = {utc(20, 6, 0), utc(20, 12, 0)};
    Evidence orgs;
    orgs.id = u"ev1"_s;
    orgs.kind = EvidenceKind::Table;
    orgs.connector = u"clickhouse"_s;
    orgs.data =
        QJsonObject{{u"columns"_s, QJsonArray{u"org"_s, u"name"_s, u"p95"_s}},
                    {u"rows"_s, QJsonArray{QJsonArray{u"org_acme"_s, u"Acme"_s, 1200},
                                           QJsonArray{u"org_globex"_s, u"Globex Corp"_s, 300}}}};
    Evidence commit;
    commit.id = u"ev2"_s;
    commit.kind = EvidenceKind::Events;
    commit.connector = u"github"_s;
    commit.data = QJsonObject{
        {u"events"_s, QJsonArray{QJsonObject{{u"files"_s, QJsonArray{u"src/db/usage.sql"_s}}}}}};
    Evidence page;
    page.id = u"ev3"_s;
    page.kind = EvidenceKind::Events;
    page.connector = u"pagerduty"_s;
    page.data = QJsonObject{
        {u"events"_s, QJsonArray{QJsonObject{{u"title"_s, u"Disk above 85% on logs-2"_s},
                                             {u"id"_s, u"PDISK12345"_s}}}}};
    inv.evidence = {orgs, commit, page};
    inv.rootCause =
        RootCause{u"deploy_regression"_s,
                  u"Deploy #12 (09:12 UTC) slowed /v1/chat from 09:14 UTC to 1,234.5 "
                  u"ms; it changed src/db/usage.sql; Linear GW-77 tracks it"_s,
                  0.8,
                  {u"github:deployment:12"_s, u"route:/v1/chat"_s, u"linear:issue:GW-77"_s},
                  {}};
    inv.findings = {
        Finding{u"p95 of /v1/chat rose from 300 ms to 1.2 s at 09:14"_s, {}, {}, 0.9},
        Finding{u"Acme: 4% errors; the other organisation: 0.3% errors"_s, {}, {}, 0.7},
        Finding{u"Globex Corp is unaffected"_s, {}, {}, 0.6},
        Finding{u"org_globex p95 300 ms"_s, {}, {}, 0.6},
        Finding{
            u"Disk above 85% on logs-2 at 08:00"_s, {u"pagerduty:incident:PDISK12345"_s}, {}, 0.3},
        Finding{u"Open bug GW-77: chat slowness"_s, {u"linear:issue:GW-77"_s}, {}, 0.5}};
    inv.secondaryCauses = {RootCause{u"provider_outage"_s,
                                     u"OpenAI latency incident 09:20-09:40"_s,
                                     0.5,
                                     {u"statuspage:openai:incident:k3"_s},
                                     {}}};
    return inv;
}

// A plain question about budget caps (no playbook), with the docs' budgets page saying `page`
// when it is not empty.
Investigation budgetQuestion(const QString &description, const QString &page = {})
{
    Investigation inv;
    inv.ticket.id = u"5"_s;
    inv.ticket.subject = u"Budget caps per key?"_s;
    inv.ticket.description = description;
    inv.playbook = {QString(), u"a plain question"_s};
    if (page.isEmpty())
        return inv;
    Evidence docs;
    docs.id = u"ev1"_s;
    docs.connector = u"docs"_s;
    docs.data = QJsonObject{
        {u"items"_s, QJsonArray{QJsonObject{{u"ref"_s, u"docs:docs/keys/budgets.md"_s},
                                            {u"title"_s, u"Budgets"_s},
                                            {u"text"_s, QString(u"# Budgets\n\n"_s + page)}}}}};
    inv.evidence = {docs};
    return inv;
}

// A value for each placeholder of a phrase text, typed by its name as the analyzers type it.
Phrase phraseFor(const QString &key, const QString &englishText)
{
    static const QHash<QString, QString> terms{{u"metric"_s, u"metric.error_rate"_s},
                                               {u"dimension"_s, u"dimension.route"_s},
                                               {u"unit"_s, u"billing.unit.input"_s},
                                               {u"what"_s, u"source.clickhouse"_s},
                                               {u"why"_s, u"why.timeout"_s}};
    static const QStringList shares{u"share"_s, u"errors"_s, u"good_share"_s, u"discount"_s,
                                    u"diff"_s,  u"before"_s, u"after"_s,      u"level"_s};
    static const QStringList durations{u"latency"_s, u"p95"_s, u"lead"_s};
    static const QStringList names{
        u"target"_s, u"group"_s, u"status"_s,  u"provider"_s, u"title"_s,    u"id"_s,
        u"config"_s, u"mode"_s,  u"sdk"_s,     u"good_sdk"_s, u"endpoint"_s, u"error"_s,
        u"path"_s,   u"quote"_s, u"invoice"_s, u"customer"_s, u"sum"_s,      u"ms"_s};
    Phrase p{key, {}};
    for (const QString &name : Reply::phrasePlaceholders(englishText)) {
        if (terms.contains(name))
            p.args.append(Say::term(name, terms.value(name)));
        else if (shares.contains(name))
            p.args.append(Say::share(name, 0.384));
        else if (durations.contains(name))
            p.args.append(Say::millis(name, 1200));
        else if (name == u"factor"_s)
            p.args.append(Say::number(name, 3.5, 1));
        else if (name == u"from"_s || name == u"at"_s || name == u"since"_s)
            p.args.append(Say::time(name, utc(20, 14, 10)));
        else if (name == u"to"_s)
            p.args.append(Say::time(name, utc(20, 14, 55)));
        else if (name == u"filed"_s || name == u"first_day"_s || name == u"last_day"_s)
            p.args.append(Say::date(name, utc(3, 9, 0)));
        else if (name == u"groups"_s || name == u"providers"_s || name == u"codes"_s ||
                 name == u"files"_s || name == u"days"_s)
            p.args.append(Say::names(name, {u"anthropic 529"_s, u"openai 503"_s}));
        else if (name == u"org"_s)
            p.args.append(Say::name(name, u"Acme"_s));
        else if (names.contains(name))
            p.args.append(Say::name(name, u"claude-sonnet-4-6"_s));
        else
            p.args.append(Say::count(name, 1234));
    }
    return p;
}

} // namespace

class TestReply final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyCategoryHasATemplateInEveryLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("name");
        QStringList names = Reply::Templates::categories();
        names.prepend(Reply::Templates::frameName());
        for (const QString &language : Reply::Templates::languages()) {
            for (const QString &name : std::as_const(names))
                QTest::newRow(qPrintable(language + u'/' + name)) << language << name;
        }
    }
    void everyCategoryHasATemplateInEveryLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, name);
        const Reply::Templates t = Reply::Templates::load({}, false);
        QVERIFY2(t.has(language, name), "no template");
        const QString text = t.text(language, name);
        const QString english = t.text(u"en"_s, name);
        QVERIFY(!text.trimmed().isEmpty());
        // The same placeholders for the engineer and the same facts in every language.
        QCOMPARE(Reply::placeholders(text), Reply::placeholders(english));
        QCOMPARE(variablesOf(text), variablesOf(english));
        if (language != u"en"_s && name != Reply::Templates::frameName())
            QVERIFY2(text != english, "not translated");
        // The shipped file is the resource.
        const QString file = qEnvironmentVariable("CASEFILE_SOURCE_DIR") +
                             u"/resources/replies/%1/%2.md"_s.arg(language, name);
        if (QFile::exists(file)) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromUtf8(f.readAll()), text);
        }
    }

    void noPromiseWithoutAPlaceholder()
    {
        // The categories where we would otherwise promise a fix, a date or money say so only
        // through a placeholder the engineer fills in.
        const Reply::Templates t = Reply::Templates::load({}, false);
        for (const QString &name : {u"deploy_regression"_s, u"known_bug"_s, u"billing_pipeline"_s,
                                    u"question_unanswered"_s, u"not_investigated"_s})
            QVERIFY2(!Reply::placeholders(t.text(u"en"_s, name)).isEmpty(), qPrintable(name));
        const QString all = t.text(u"en"_s, u"deploy_regression"_s) +
                            t.text(u"en"_s, u"billing_pipeline"_s) +
                            t.text(u"en"_s, u"known_bug"_s);
        for (const QString &promise :
             {u"rolling it back"_s, u"will issue"_s, u"corrected invoice"_s, u"as soon as"_s})
            QVERIFY2(!all.contains(promise), qPrintable(promise));
    }

    void fillResolvesSectionsAndNeverReadsValuesAsTemplates()
    {
        const QString tpl =
            u"A{{#x}} x={{x}}{{/x}}{{^x}} none{{/x}}.\n\n\n\n{{#y}}Y{{/y}}B {{z}}\n"_s;
        QCOMPARE(Reply::fill(tpl, {{u"x"_s, u"1"_s}}), u"A x=1.\n\nB\n"_s);
        QCOMPARE(Reply::fill(tpl, {}), u"A none.\n\nB\n"_s);
        QCOMPARE(Reply::fill(tpl, {{u"z"_s, u"{{x}} {{#x}}"_s}}), u"A none.\n\nB {{x}} {{#x}}\n"_s);
    }

    void placeholders()
    {
        QCOMPARE(Reply::placeholders(
                     u"Fixed by [ETA]; see [docs](https://x) and [ETA], [FIX STATUS]."_s),
                 (QStringList{u"[ETA]"_s, u"[FIX STATUS]"_s}));
        QVERIFY(Reply::placeholders(u"a [lower case] \\[ESCAPED] [x](y)"_s).isEmpty());
    }

    void userTemplatesOverrideTheBuiltIns()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(u"replies/fr"_s));
        QFile f(dir.filePath(u"replies/fr/rate_limited.md"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Limite atteinte : {{summary}} [PLAN]\n");
        f.close();
        const Reply::Templates t = Reply::Templates::load({dir.path()}, false);
        QVERIFY(t.text(u"fr"_s, u"rate_limited"_s).startsWith(u"Limite atteinte"_s));
        QCOMPARE(t.origin(u"fr"_s, u"rate_limited"_s), f.fileName());
        QVERIFY(t.text(u"fr"_s, u"known_bug"_s).contains(u"problème connu"_s)); // the rest stays
    }

    void detectLanguage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("language");
        QTest::newRow("en")
            << u"Our requests are failing since this morning and we have no idea why."_s << u"en"_s;
        QTest::newRow("es")
            << u"Las solicitudes fallan desde ayer y no sabemos por qué, ¿pueden revisar?"_s
            << u"es"_s;
        QTest::newRow("pt")
            << u"As requisições estão falhando desde ontem e não sabemos o motivo."_s << u"pt"_s;
        QTest::newRow("de")
            << u"Seit gestern schlagen die Anfragen fehl und wir wissen nicht warum."_s << u"de"_s;
        QTest::newRow("fr")
            << u"Les requêtes échouent depuis hier et nous ne savons pas pourquoi."_s << u"fr"_s;
        QTest::newRow("ja") << u"昨日からリクエストが失敗しています。原因を調べてください。"_s
                            << u"ja"_s;
        QTest::newRow("de with English error")
            << u"Seit heute früh bekommen wir nur noch diese Fehler:\n"
               u"Error: the request failed with status 503 and the upstream is not available\n"
               u"```\n{\"error\": {\"message\": \"The model is not available for you\"}}\n```\n"
               u"Was ist da los?"_s
            << u"de"_s;
        // a response pasted after a label on the customer's own line is the system's English
        QTest::newRow("de with a response after a label")
            << u"Seit heute früh schlagen die Anfragen fehl.\n"
               u"Response: {\"error\": {\"message\": \"The model you asked for is not "
               u"available for this provider and cannot be used with this key\"}}"_s
            << u"de"_s;
        QTest::newRow("no words") << u"503 503 /v1/chat org_x 12:00"_s << QString();
    }
    void detectLanguage()
    {
        QFETCH(QString, text);
        QFETCH(QString, language);
        QCOMPARE(Text::detectLanguage(text), language);
    }

    void detectTimeZone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("offsetMinutes"); // at 2026-11-20 12:00 UTC; -999 = none
        QTest::newRow("abbreviation") << u"since 10:00 CET"_s << 60;
        QTest::newRow("iana") << u"we are in America/Sao_Paulo"_s << -180;
        QTest::newRow("offset") << u"around 9 (UTC+05:30)"_s << 330;
        QTest::newRow("japanese") << u"日本時間の午前9時から"_s << 540;
        QTest::newRow("city, German") << u"seit 8 Uhr Berliner Zeit"_s << 60;
        QTest::newRow("city as an adjective, German")
            << u"seit ca. 9:50 Uhr (Hamburger Zeit)"_s << 60;
        QTest::newRow("a city's adjective, Vienna") << u"ab 7 Uhr Wiener Zeit"_s << 60;
        QTest::newRow("a word ending like a city is none") << u"seit 8 Uhr Hamburgerzeit"_s << -999;
        QTest::newRow("city, Portuguese") << u"desde as 6h (horário de Brasília)"_s << -180;
        QTest::newRow("city, Spanish") << u"a las 9 (hora de CDMX)"_s << -360;
        QTest::newRow("summer name in winter follows the zone") << u"since 9am PDT"_s << -480;
        QTest::newRow("two letters after a time") << u"since 9am ET"_s << -300;
        QTest::newRow("two letters alone are no zone") << u"our MT pipeline and CT scans"_s << -999;
        QTest::newRow("region after a time") << u"since 7:40am eastern"_s << -300;
        QTest::newRow("region after a time, in brackets") << u"at 14:00 (Pacific)"_s << -480;
        QTest::newRow("a part of the day between")
            << u"since about 10:20 this morning (Eastern)"_s << -300;
        QTest::newRow("a city in brackets after a time")
            << u"since around 10:15 this morning (New York), every request"_s << -300;
        QTest::newRow("a city in brackets, Portuguese") << u"desde as 14h (Brasília)"_s << -180;
        QTest::newRow("a status code is no time") << u"every call returns 404 (Paris)"_s << -999;
        QTest::newRow("a city without brackets is no zone")
            << u"at 10:15 madrid office staff saw it"_s << -999;
        QTest::newRow("region alone is no zone") << u"the central team, the pacific rim"_s << -999;
        QTest::newRow("full-width") << u"午前9時（ＪＳＴ）から"_s << 540;
        QTest::newRow("lower case is no zone") << u"the art of it, est-ce que"_s << -999;
        QTest::newRow("utc+0 is no hint") << u"at 09:00 (UTC+0)"_s << -999;
        QTest::newRow("utc is no hint") << u"at 09:00 UTC"_s << -999;
        QTest::newRow("nothing") << u"this morning"_s << -999;
    }
    void detectTimeZone()
    {
        QFETCH(QString, text);
        QFETCH(int, offsetMinutes);
        checkZone(Text::detectTimeZone(text), offsetMinutes);
    }

    // A zone named wins; else a language kept on one clock gives it, unless UTC is spoken of.
    void customerTimeZone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("offsetMinutes"); // at 2026-11-20 12:00 UTC; -999 = none
        QTest::newRow("japanese, no zone") << u"本日11時頃から応答が遅くなっております。"_s << 540;
        QTest::newRow("korean, no zone") << u"오늘 11시쯤부터 응답이 느려졌습니다."_s << 540;
        QTest::newRow("japanese naming another zone")
            << u"シンガポール拠点です。10時（UTC+8）から遅いです。"_s << 480;
        QTest::newRow("japanese speaking of UTC") << u"ログはUTCです。10時から遅いです。"_s << -999;
        QTest::newRow("japanese, UTC glued to the clock") << u"10:00UTCから遅いです。"_s << -999;
        QTest::newRow("english, no zone") << u"slow since 11 this morning"_s << -999;
        QTest::newRow("spanish, no zone") << u"lento desde las 11 de la mañana"_s << -999;
        QTest::newRow("german names one") << u"seit 8 Uhr MEZ langsam"_s << 60;
    }
    void customerTimeZone()
    {
        QFETCH(QString, text);
        QFETCH(int, offsetMinutes);
        checkZone(Text::customerTimeZone(text), offsetMinutes);
    }

    void replyKeepsInternalsInTheNote()
    {
        const Investigation inv = leakyInvestigation();
        const Reply::Composed c = Reply::compose(inv);
        for (const QString &secret :
             {u"Globex"_s, u"org_globex"_s, u"0.3%"_s, u"src/db/usage.sql"_s, u"GW-77"_s,
              u"Linear"_s, u"Disk above 85%"_s, u"PDISK12345"_s})
            QVERIFY2(!c.reply.contains(secret), qPrintable(secret + u"\n\n"_s + c.reply));
        for (const QString &internal : {u"Globex Corp"_s, u"0.3%"_s, u"src/db/usage.sql"_s,
                                        u"GW-77"_s, u"Disk above 85% on logs-2"_s, u"PDISK12345"_s})
            QVERIFY2(c.note.contains(internal), qPrintable(internal + u"\n\n"_s + c.note));
        // What the customer needs: what, when (UTC and their zone), what it affected, next steps.
        QVERIFY2(c.reply.contains(u"09:14 UTC (10:14 CET)"_s), qPrintable(c.reply));
        QVERIFY(c.reply.contains(u"`/v1/chat`"_s));
        QVERIFY(c.reply.contains(u"Hi Ana"_s));
        QVERIFY(c.reply.contains(u"OpenAI latency incident"_s)); // the secondary cause, both texts
        QVERIFY(c.note.contains(u"OpenAI latency incident"_s));
        QVERIFY(c.reply.contains(u"[FIX STATUS]"_s));
        QCOMPARE(c.language, u"en"_s);
        QCOMPARE(c.category, u"deploy_regression"_s);
        // Rendered, it is still clean: no HTML from the texts.
        const QString html = renderMarkdownToSafeHtml(c.reply);
        QVERIFY(!html.contains(u"<script"_s));
    }

    // Where the logs corrected the ticket's provider or model, the note says so, one line
    // each; the customer reply does not.
    void noteSaysWhereTheLogsCorrectedTheTicket_data()
    {
        QTest::addColumn<QList<EntityCorrection>>("corrections");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("none") << QList<EntityCorrection>() << QStringList();
        QTest::newRow("provider")
            << QList<EntityCorrection>{{u"provider"_s, u"anthropic"_s, u"openai"_s}}
            << QStringList{u"- Provider: the ticket says Anthropic, the logs show OpenAI, which "
                           u"the steps used."_s};
        QTest::newRow("provider and model")
            << QList<EntityCorrection>{{u"provider"_s, QString(), u"anthropic"_s},
                                       {u"model"_s, u"gpt-5"_s, QString()}}
            << QStringList{
                   u"- Provider: the ticket names none, the logs show Anthropic, which the steps "
                   u"used."_s,
                   u"- Model: the ticket says `gpt-5`, the logs show no such traffic in the "
                   u"window, so no model filter was used."_s};
    }
    void noteSaysWhereTheLogsCorrectedTheTicket()
    {
        QFETCH(QList<EntityCorrection>, corrections);
        QFETCH(QStringList, lines);
        Investigation inv = leakyInvestigation();
        inv.entityCorrections = corrections;
        const Reply::Composed c = Reply::compose(inv);
        QCOMPARE(c.note.contains(u"**Ticket vs logs**"_s), !lines.isEmpty());
        for (const QString &line : lines) {
            QVERIFY2(c.note.split(u'\n').contains(line), qPrintable(c.note));
            QVERIFY(!c.reply.contains(u"the ticket says"_s));
        }
        QCOMPARE(c.note.count(u"the ticket says"_s) + c.note.count(u"the ticket names none"_s),
                 lines.size());
    }

    // The phrase book: every key in every language, with the same typed values, translated.
    void phraseBookHasEveryKeyInEveryLanguage_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : Reply::Templates::languages())
            QTest::newRow(qPrintable(language)) << language;
    }
    void phraseBookHasEveryKeyInEveryLanguage()
    {
        QFETCH(QString, language);
        const Reply::Templates t = Reply::Templates::load({}, false);
        QVERIFY(t.has(language, Reply::Templates::phrasesName()));
        const auto english =
            Reply::PhraseBook::parse(t.text(u"en"_s, Reply::Templates::phrasesName()));
        const auto book =
            Reply::PhraseBook::parse(t.text(language, Reply::Templates::phrasesName()));
        QVERIFY(english.keys().size() >= 15);
        QCOMPARE(book.keys(), english.keys());
        for (const QString &key : english.keys()) {
            QStringList mine = Reply::phrasePlaceholders(book.text(key));
            QStringList theirs = Reply::phrasePlaceholders(english.text(key));
            mine.sort();
            theirs.sort();
            QVERIFY2(mine == theirs, qPrintable(key));
            if (language != u"en"_s)
                QVERIFY2(book.text(key) != english.text(key), qPrintable(key));
        }
    }

    // A finding worded by the analyzers reaches a reply in its language with none of the
    // English phrase book's words left and every value filled in: for each language and
    // each key, as the root cause and as a detail.
    void findingsAreWordedInTheRepliesLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("key");
        const Reply::Templates t = Reply::Templates::load({}, false);
        const auto english =
            Reply::PhraseBook::parse(t.text(u"en"_s, Reply::Templates::phrasesName()));
        for (const QString &language : Reply::Templates::languages()) {
            for (const QString &key : english.keys())
                QTest::newRow(qPrintable(language + u' ' + key)) << language << key;
        }
    }
    void findingsAreWordedInTheRepliesLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, key);
        const Reply::Templates t = Reply::Templates::load({}, false);
        const auto english =
            Reply::PhraseBook::parse(t.text(u"en"_s, Reply::Templates::phrasesName()));
        const Phrase phrase = phraseFor(key, english.text(key));
        const QString summary = u"The English summary of "_s + key;
        Investigation inv;
        inv.ticket.subject = u"Errors"_s;
        inv.ticket.description = u"Errors since 15:00 CET."_s;
        inv.ticket.orgName = u"Acme"_s;
        inv.playbook = {u"api-errors"_s, u"mentions errors"_s};
        inv.window = {utc(20, 12, 0), utc(20, 16, 0)};
        inv.rootCause = RootCause{u"provider_outage"_s, summary, 0.8, {}, {}, {phrase}};
        inv.findings = {Finding{summary + u" (detail)"_s, {}, {}, 0.7, {phrase, phrase}}};
        Reply::ComposeOptions options;
        options.language = language;
        options.templates = &t;
        const Reply::Composed c = Reply::compose(inv, options);
        QCOMPARE(c.language, language);
        // every value filled in, no placeholder left
        static const QRegularExpression placeholder(u"\\{[a-z][a-z0-9_]*\\}"_s);
        QVERIFY2(!placeholder.match(c.reply).hasMatch(), qPrintable(c.reply));
        QVERIFY2(!c.reply.contains(u"\u3002."_s), qPrintable(c.reply)); // one full stop
        const QLocale locale = Reply::localeFor(language);
        // What the privacy filter withholds in English is withheld in every language.
        const QString englishClause = Reply::renderPhrases({phrase}, english, u"en"_s);
        if (Reply::PrivacyFilter(inv).customerSafe(englishClause).isEmpty()) {
            QVERIFY2(!c.reply.contains(locale.toString(1234)), qPrintable(c.reply));
            QVERIFY(c.note.contains(englishClause));
            return;
        }
        if (english.text(key).contains(u"{count}"_s))
            QVERIFY2(c.reply.contains(locale.toString(1234)), qPrintable(c.reply));
        if (english.text(key).contains(u"{from}"_s) || english.text(key).contains(u"{at}"_s))
            QVERIFY2(c.reply.contains(u"14:10 UTC (15:10 CET)"_s), qPrintable(c.reply));
        if (english.text(key).contains(u"{share}"_s))
            QVERIFY2(c.reply.contains(locale.toString(38)), qPrintable(c.reply));
        if (language == u"en"_s)
            return; // English replies read the analyzers' own summaries
        QVERIFY2(!c.reply.contains(summary), qPrintable(c.reply));
        // no English sentence left: no stretch of the English templates' own words
        for (const QString &k : english.keys()) {
            for (QString words : english.text(k).split(placeholder)) {
                words = words.trimmed();
                if (words.size() >= 12)
                    QVERIFY2(!c.reply.contains(words, Qt::CaseInsensitive),
                             qPrintable(words + u"\n\n"_s + c.reply));
            }
        }
        // and the reply does not call its details English
        for (const QString &label :
             {u"en inglés"_s, u"em inglês"_s, u"auf Englisch"_s, u"en anglais"_s, u"英語"_s})
            QVERIFY2(!c.reply.contains(label), qPrintable(c.reply));
    }

    // Internal file paths are withheld from the reply; a provider and a model id are not,
    // whatever dots the model id has.
    void internalFilesWithheld_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("withheld");
        QTest::newRow("a source file") << u"it changed src/db/usage.sql"_s << true;
        QTest::newRow("a file at the end of a sentence")
            << u"it changed ui/config-editor/editor.tsx."_s << true;
        QTest::newRow("a Bedrock model id")
            << u"bedrock/anthropic.claude-sonnet-4-20250514-v1:0 400 invalid_request: 1,082"_s
            << false;
        QTest::newRow("a provider and a model") << u"openai/gpt-4.1 500: 12"_s << false;
    }
    void internalFilesWithheld()
    {
        QFETCH(QString, text);
        const Investigation inv;
        QTEST(!Reply::PrivacyFilter(inv).reason(text).isEmpty(), "withheld");
    }

    void replyInTheTicketsLanguage_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("number");
        QTest::newRow("es")
            << u"Desde las 10:00 CET las llamadas tardan varios segundos y no sabemos por qué."_s
            << u"es"_s << u"Qué pasó"_s << u"1,2 s"_s;
        QTest::newRow("de")
            << u"Seit 10:00 CET dauern die Aufrufe mehrere Sekunden, wir wissen nicht warum."_s
            << u"de"_s << u"Was passiert ist"_s << u"1.234 "_s;
        QTest::newRow("ja")
            << u"日本時間の10時から応答がとても遅くなっています。確認してください。"_s << u"ja"_s
            << u"発生した事象"_s << u"1.2秒"_s;
    }
    void replyInTheTicketsLanguage()
    {
        QFETCH(QString, description);
        QFETCH(QString, language);
        QFETCH(QString, words);
        QFETCH(QString, number);
        Investigation inv = leakyInvestigation();
        inv.ticket.description = description;
        // the figures reach the reader's format as typed values, never by rewriting text
        inv.rootCause->phrases = {
            {u"change.rose_on"_s,
             {Say::term(u"metric"_s, u"metric.p95_latency"_s),
              Say::names(u"group"_s, {u"/v1/chat"_s}), Say::millis(u"before"_s, 300),
              Say::millis(u"after"_s, 1234.5), Say::time(u"at"_s, utc(20, 9, 14))}},
            {u"errors.provider"_s,
             {Say::count(u"count"_s, 1234.0), Say::name(u"target"_s, u"openai"_s)}}};
        const Reply::Composed c = Reply::compose(inv);
        QCOMPARE(c.language, language);
        QVERIFY2(c.reply.contains(words), qPrintable(c.reply));
        QVERIFY2(c.reply.contains(number), qPrintable(c.reply));
        QVERIFY(c.reply.contains(u"09:14 UTC"_s));
        // The engineer can ask for another language.
        Reply::ComposeOptions options;
        options.language = u"fr"_s;
        QVERIFY(Reply::compose(inv, options).reply.contains(u"Ce qui s'est passé"_s));
    }

    // The customer's endpoint is a webhook receiver, or the customer's own model server behind
    // a config (custom_host): the advice fits the one the cause cites, in every language.
    void customerEndpointAdvice_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("refs");
        QTest::addColumn<QString>("words");
        const QStringList hook{u"endpoint:https://hooks.example.com/relay"_s};
        const QStringList server{u"config:pc-onprem"_s, u"endpoint:https://llm.example.com/v1"_s};
        const QList<std::pair<QString, QString>> languages{
            {u"en"_s, u"Deliveries that failed"_s}, {u"de"_s, u"Zustellungen"_s},
            {u"es"_s, u"entregas fallidas"_s},      {u"fr"_s, u"livraisons en échec"_s},
            {u"ja"_s, u"失敗した配信"_s},           {u"pt"_s, u"entregas que falharam"_s}};
        for (const auto &[language, delivery] : languages) {
            QTest::newRow(qPrintable(language + u" webhook"_s)) << language << hook << delivery;
            QTest::newRow(qPrintable(language + u" own server"_s))
                << language << server << u"`pc-onprem`"_s;
        }
    }
    void customerEndpointAdvice()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, refs);
        QFETCH(QString, words);
        Investigation inv = leakyInvestigation();
        inv.secondaryCauses.clear();
        inv.rootCause = RootCause{u"customer_endpoint"_s, u"the endpoint failed"_s, 0.8, refs, {}};
        Reply::ComposeOptions options;
        options.language = language;
        const QString reply = Reply::compose(inv, options).reply;
        QVERIFY2(reply.contains(words), qPrintable(reply));
        QVERIFY2(reply.contains(refs.last().mid(9)), qPrintable(reply));
        // a model server's requests are not deliveries to retry
        if (refs.size() > 1)
            QVERIFY2(!reply.contains(u"2xx"_s), qPrintable(reply));
    }

    // A config the customer changed: what changing it back does is said in the terms of the
    // complaint (requests fail, requests are slow, the invoice grew), in every language.
    void customerConfigAdviceFitsTheComplaint_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("playbook");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("notWords");
        const QList<std::tuple<QString, QString, QString, QString>> rows{
            {u"en"_s, u"invoice"_s, u"what is billed"_s, u"succeed again"_s},
            {u"en"_s, u"slow"_s, u"as fast as before"_s, u"succeed again"_s},
            {u"en"_s, u"errors"_s, u"succeed again"_s, u"billed"_s},
            {u"de"_s, u"invoice"_s, u"berechnete Betrag"_s, u"funktionieren"_s},
            {u"de"_s, u"slow"_s, u"so schnell wie zuvor"_s, u"funktionieren"_s},
            {u"es"_s, u"invoice"_s, u"lo facturado"_s, u"vuelven a funcionar"_s},
            {u"es"_s, u"slow"_s, u"tan rápidas como antes"_s, u"vuelven a funcionar"_s},
            {u"fr"_s, u"invoice"_s, u"montant facturé"_s, u"aboutissent"_s},
            {u"fr"_s, u"slow"_s, u"rapidité"_s, u"aboutissent"_s},
            {u"ja"_s, u"invoice"_s, u"請求額"_s, u"再び成功"_s},
            {u"ja"_s, u"slow"_s, u"速度"_s, u"再び成功"_s},
            {u"pt"_s, u"invoice"_s, u"valor cobrado"_s, u"voltam a funcionar"_s},
            {u"pt"_s, u"errors"_s, u"voltam a funcionar"_s, u"cobrado"_s}};
        for (const auto &[language, complaint, words, notWords] : rows)
            QTest::newRow(qPrintable(language + u' ' + complaint))
                << language << complaint << words << notWords;
    }
    void customerConfigAdviceFitsTheComplaint()
    {
        QFETCH(QString, language);
        QFETCH(QString, playbook);
        QFETCH(QString, words);
        QFETCH(QString, notWords);
        static const QHash<QString, QString> playbooks{{u"invoice"_s, u"token-billing"_s},
                                                       {u"slow"_s, u"latency-spike"_s},
                                                       {u"errors"_s, u"provider-routing"_s}};
        Investigation inv = leakyInvestigation();
        inv.secondaryCauses.clear();
        inv.playbook = {playbooks.value(playbook), u"mentions it"_s};
        inv.rootCause =
            RootCause{u"customer_config"_s, u"the config changed"_s, 0.8, {u"config:pc-a"_s}, {}};
        Reply::ComposeOptions options;
        options.language = language;
        const QString reply = Reply::compose(inv, options).reply;
        QVERIFY2(reply.contains(u"`pc-a`"_s), qPrintable(reply));
        QVERIFY2(reply.contains(words), qPrintable(reply));
        QVERIFY2(!reply.contains(notWords), qPrintable(reply));
    }

    // A change of ours: what the customer can do is said for what failed (requests to retry,
    // webhook deliveries, or only the metadata of requests that were served), in every language.
    void deployRegressionAdviceFitsWhatFailed_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("playbook");
        QTest::addColumn<QString>("words");
        const QList<std::tuple<QString, QString, QString>> rows{
            {u"en"_s, u"api-errors"_s, u"can be retried"_s},
            {u"en"_s, u"metadata"_s, u"only their metadata"_s},
            {u"en"_s, u"webhook-failures"_s, u"webhook delivery log"_s},
            {u"de"_s, u"metadata"_s, u"nur ihre Metadaten"_s},
            {u"es"_s, u"metadata"_s, u"solo faltan sus metadatos"_s},
            {u"fr"_s, u"webhook-failures"_s, u"journal des livraisons"_s},
            {u"ja"_s, u"metadata"_s, u"メタデータが記録されていない"_s},
            {u"pt"_s, u"webhook-failures"_s, u"registro de entregas"_s}};
        for (const auto &[language, playbook, words] : rows)
            QTest::newRow(qPrintable(language + u' ' + playbook)) << language << playbook << words;
    }
    void deployRegressionAdviceFitsWhatFailed()
    {
        QFETCH(QString, language);
        QFETCH(QString, playbook);
        QFETCH(QString, words);
        Investigation inv = leakyInvestigation();
        inv.secondaryCauses.clear();
        inv.playbook = {playbook, u"mentions it"_s};
        inv.rootCause = RootCause{
            u"deploy_regression"_s, u"deploy #9 broke it"_s, 0.8, {u"github:deployment:9"_s}, {}};
        Reply::ComposeOptions options;
        options.language = language;
        const QString reply = Reply::compose(inv, options).reply;
        QVERIFY2(reply.contains(words), qPrintable(reply));
    }

    // An incident on a fallback ticket: with a second cause (what kept the fallback from catching
    // the failures) the advice points to it instead of suggesting the fallback they already have.
    void outageAdviceOnAFallbackTicket_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("playbook");
        QTest::addColumn<bool>("second");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("notWords");
        QTest::newRow("en fallback, second cause")
            << u"en"_s << u"fallback"_s << true << u"already fails over"_s << u"ride out"_s;
        QTest::newRow("en fallback alone")
            << u"en"_s << u"fallback"_s << false << u"ride out"_s << u"already fails over"_s;
        QTest::newRow("en errors, second cause")
            << u"en"_s << u"api-errors"_s << true << u"ride out"_s << u"already fails over"_s;
        QTest::newRow("fr fallback, second cause")
            << u"fr"_s << u"fallback"_s << true << u"prévoit déjà un repli"_s << u"traverser"_s;
        QTest::newRow("ja fallback, second cause")
            << u"ja"_s << u"fallback"_s << true << u"すでに別ターゲット"_s
            << u"今後のプロバイダー障害"_s;
    }
    void outageAdviceOnAFallbackTicket()
    {
        QFETCH(QString, language);
        QFETCH(QString, playbook);
        QFETCH(bool, second);
        QFETCH(QString, words);
        QFETCH(QString, notWords);
        Investigation inv = leakyInvestigation();
        inv.secondaryCauses.clear();
        if (second)
            inv.secondaryCauses.append(RootCause{u"customer_config"_s,
                                                 u"the fallback target's key was over budget"_s,
                                                 0.7,
                                                 {u"config:pc-a"_s},
                                                 {}});
        inv.playbook = {playbook, u"mentions it"_s};
        inv.rootCause = RootCause{u"provider_outage"_s,
                                  u"the provider reported an incident"_s,
                                  0.8,
                                  {u"provider:anthropic"_s},
                                  {}};
        Reply::ComposeOptions options;
        options.language = language;
        const QString reply = Reply::compose(inv, options).reply;
        QVERIFY2(reply.contains(words), qPrintable(reply));
        QVERIFY2(!reply.contains(notWords), qPrintable(reply));
    }

    // A provider's incident beside a cause on the customer's side (their fallback's key, their
    // endpoint): the reply does not also tell them their setup played no part.
    void outageBesideOwnPart_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("secondary"); // the second cause's category ('' none)
        QTest::addColumn<bool>("absolved");     // "not caused by your setup" said
        for (const QString &language : {u"en"_s, u"es"_s, u"pt"_s, u"de"_s, u"fr"_s, u"ja"_s}) {
            QTest::newRow(qPrintable(language + u", alone"_s)) << language << QString() << true;
            QTest::newRow(qPrintable(language + u", their config too"_s))
                << language << u"customer_config"_s << false;
        }
        QTest::newRow("en, a known bug too") << u"en"_s << u"known_bug"_s << true;
        QTest::newRow("en, their endpoint too") << u"en"_s << u"customer_endpoint"_s << false;
    }
    void outageBesideOwnPart()
    {
        QFETCH(QString, language);
        QFETCH(QString, secondary);
        QFETCH(bool, absolved);
        static const QHash<QString, QString> sentences{
            {u"en"_s, u"not caused by your setup"_s},
            {u"es"_s, u"no lo causó su configuración"_s},
            {u"pt"_s, u"não foi causado pela sua configuração"_s},
            {u"de"_s, u"Ihre Konfiguration war nicht die Ursache"_s},
            {u"fr"_s, u"votre configuration n'est pas en cause"_s},
            {u"ja"_s, u"お客様の設定が原因ではありません"_s}};
        Investigation inv = leakyInvestigation();
        inv.secondaryCauses.clear();
        if (!secondary.isEmpty())
            inv.secondaryCauses.append(
                RootCause{secondary, u"the fallback target's key was revoked"_s, 0.7, {}, {}});
        inv.playbook = {u"fallback"_s, u"mentions it"_s};
        inv.rootCause = RootCause{u"provider_outage"_s,
                                  u"the provider reported an incident"_s,
                                  0.8,
                                  {u"provider:anthropic"_s},
                                  {}};
        Reply::ComposeOptions options;
        options.language = language;
        const QString reply = Reply::compose(inv, options).reply;
        QVERIFY2(reply.contains(sentences.value(language)) == absolved, qPrintable(reply));
        // the sentence closes either way
        QVERIFY2(!reply.contains(u"{{"_s) && !reply.contains(u";."_s), qPrintable(reply));
    }

    // A page sentence the cause quotes is not quoted again among what we saw; another sentence
    // of the same page is.
    void pageQuotedOnce_data()
    {
        QTest::addColumn<QString>("seen"); // the sentence the docs finding quotes
        QTest::addColumn<bool>("again");
        QTest::newRow("the cause's sentence, with the page's emphasis")
            << u"Events are signed. Your endpoint must answer **within 10 seconds**"_s << false;
        QTest::newRow("another sentence of the page")
            << u"Deliveries are retried five times"_s << true;
    }
    void pageQuotedOnce()
    {
        QFETCH(QString, seen);
        const auto quote = [](const QString &text) {
            return Phrase{u"docs.page_quote"_s,
                          {Say::name(u"title"_s, u"Webhook delivery"_s),
                           Say::name(u"path"_s, u"docs/webhooks/delivery.md"_s),
                           Say::name(u"quote"_s, text)}};
        };
        Investigation inv = leakyInvestigation();
        inv.secondaryCauses.clear();
        inv.playbook = {u"webhook-failures"_s, u"mentions it"_s};
        inv.rootCause = RootCause{u"customer_endpoint"_s,
                                  u"deliveries time out"_s,
                                  0.8,
                                  {u"docs:docs/webhooks/delivery.md"_s},
                                  {},
                                  {quote(u"Your endpoint must answer within 10 seconds"_s)}};
        Finding page;
        page.summary = u"the delivery page"_s;
        page.phrases = {quote(seen)};
        page.refs = {u"docs:docs/webhooks/delivery.md"_s};
        inv.findings = {page};
        const QString reply = Reply::compose(inv, {}).reply;
        const QString marker = seen.left(12);
        QFETCH(bool, again);
        QVERIFY2(reply.contains(marker) == again, qPrintable(reply));
    }

    void staleSubjectIsNotQuoted_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<bool>("quoted");
        QTest::newRow("subject of this conversation")
            << u"Slow responses since 10:00"_s
            << u"Since 10:00 CET responses take several seconds."_s << true;
        QTest::newRow("reply subject the body takes up")
            << u"Re: slow responses"_s << u"Responses are slow again since 10:00 CET."_s << true;
        QTest::newRow("reply subject of an older conversation")
            << u"Re: invoice for March"_s << u"Since 10:00 CET responses take several seconds."_s
            << false;
        QTest::newRow("reply subject of an older conversation, spanish")
            << u"RE: factura de marzo"_s
            << u"Desde las 10:00 CET las llamadas tardan varios segundos."_s << false;
    }
    void staleSubjectIsNotQuoted()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        QFETCH(bool, quoted);
        Investigation inv = leakyInvestigation();
        inv.ticket.subject = subject;
        inv.ticket.description = description;
        const Reply::Composed c = Reply::compose(inv);
        QVERIFY2(c.reply.contains(subject) == quoted, qPrintable(c.reply));
    }

    void questionAnsweredFromTheDocsOrHeldHonestly()
    {
        const QString question = u"Can we set a budget cap on each virtual key?"_s;
        Reply::Composed held = Reply::compose(budgetQuestion(question));
        QCOMPARE(held.category, u"question_unanswered"_s);
        QVERIFY(held.reply.contains(u"[NEXT UPDATE]"_s));
        QVERIFY(!held.reply.contains(u"looked at your requests"_s));
        QVERIFY(held.note.contains(u"No documentation page matched"_s));

        const Investigation inv = budgetQuestion(
            question, u"Every virtual key can carry a budget cap in dollars; requests over it get "
                      u"429.\n"_s);
        const Reply::Composed answered = Reply::compose(inv);
        QCOMPARE(answered.category, u"question"_s);
        QVERIFY2(answered.reply.contains(u"**Budgets** (`docs/keys/budgets.md`)"_s),
                 qPrintable(answered.reply));
        QVERIFY(answered.reply.contains(u"> Every virtual key can carry a budget cap"_s));
        QVERIFY(answered.note.contains(u"docs:docs/keys/budgets.md"_s));
    }

    void providersByTheirNames_data()
    {
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("absent");
        QTest::newRow("first word") << u"openai reported elevated latency on gpt-4o"_s
                                    << u"OpenAI reported elevated latency"_s << u"Openai"_s;
        QTest::newRow("inside") << u"requests to anthropic and bedrock failed over"_s
                                << u"Requests to Anthropic and AWS Bedrock failed"_s
                                << u"bedrock failed"_s;
        QTest::newRow("hyphenated id") << u"azure-openai answered 429 to every request"_s
                                       << u"Azure OpenAI answered 429"_s << u"Azure-openai"_s;
        QTest::newRow("identifier kept")
            << u"the model openai/gpt-4o timed out"_s << u"openai/gpt-4o"_s << u"OpenAI/gpt-4o"_s;
        // a sentence that begins with a model keeps the model's name as written
        QTest::newRow("model first") << u"gpt-4.1-mini timed out on every request"_s
                                     << u"gpt-4.1-mini timed out"_s << u"Gpt-4.1-mini"_s;
        QTest::newRow("term first")
            << u"p95 latency on gpt-4o rose"_s << u"P95 latency on"_s << u"p95 latency on"_s;
    }
    void providersByTheirNames()
    {
        QFETCH(QString, summary);
        QFETCH(QString, expected);
        QFETCH(QString, absent);
        QCOMPARE(Reply::providerDisplayName(u"mistral-ai"_s), u"Mistral"_s);
        QCOMPARE(Reply::providerDisplayName(u"unknown-ai"_s), u"unknown-ai"_s);
        Investigation inv = leakyInvestigation();
        inv.rootCause->category = u"provider_outage"_s;
        inv.rootCause->summary = summary;
        inv.rootCause->refs = {u"statuspage:openai:incident:k3"_s};
        const Reply::Composed c = Reply::compose(inv);
        QVERIFY2(c.reply.contains(expected), qPrintable(c.reply));
        QVERIFY2(!c.reply.contains(absent), qPrintable(c.reply));
    }

    void timesInBracketsAreNotBracketedTwice_data()
    {
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"p95 rose at 09:14 UTC"_s << u"at 09:14 UTC (10:14 CET)."_s;
        QTest::newRow("bracketed")
            << u"p95 rose (from 09:14 UTC) on /v1/chat"_s << u"(from 09:14 UTC, 10:14 CET) on"_s;
        QTest::newRow("bracketed without zone")
            << u"p95 rose (09:14 to 09:40)"_s
            << u"(09:14 UTC, 10:14 CET to 09:40 UTC, 10:40 CET)"_s;
        QTest::newRow("already local")
            << u"p95 rose at 09:14 UTC (10:14 CET)"_s << u"at 09:14 UTC (10:14 CET)."_s;
    }
    void timesInBracketsAreNotBracketedTwice()
    {
        QFETCH(QString, summary);
        QFETCH(QString, expected);
        Investigation inv = leakyInvestigation();
        inv.rootCause->summary = summary;
        const Reply::Composed c = Reply::compose(inv);
        QVERIFY2(c.reply.contains(expected), qPrintable(c.reply));
        static const QRegularExpression nested(u"\\([^()]*\\([^()]*\\)[^()]*\\)"_s);
        QVERIFY2(!nested.match(c.reply).hasMatch(), qPrintable(c.reply));
    }

    // Model names, versions, ids, config names, URLs and quoted text are never reformatted as
    // numbers, in a worded sentence or in an English one; figures are typed values.
    void namesAreNeverNumberFormatted_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : Reply::Templates::languages())
            QTest::newRow(qPrintable(language)) << language;
    }
    void namesAreNeverNumberFormatted()
    {
        QFETCH(QString, language);
        const QStringList kept{u"Claude Sonnet 4.6"_s,
                               u"gpt-4.1"_s,
                               u"v2.10.3"_s,
                               u"pc-prod-1.5"_s,
                               u"https://api.example.com/v1.2/chat"_s,
                               u"Degraded 3.5 Haiku at 10:30"_s};
        Investigation inv = leakyInvestigation();
        inv.rootCause->phrases = {
            {u"incident.reported"_s,
             {Say::name(u"provider"_s, u"anthropic"_s),
              Say::name(u"title"_s, u"Degraded 3.5 Haiku at 10:30"_s),
              Say::time(u"from"_s, utc(20, 9, 10)), Say::time(u"to"_s, utc(20, 10, 2))}},
            {u"errors.provider"_s,
             {Say::count(u"count"_s, 1234), Say::name(u"target"_s, u"Claude Sonnet 4.6"_s)}}};
        // an English sentence (no phrases) with versions and figures in it
        inv.findings = {Finding{u"SDK v2.10.3 sends gpt-4.1 requests through config pc-prod-1.5 "
                                u"to https://api.example.com/v1.2/chat at 1.5 s"_s,
                                {},
                                {},
                                0.9}};
        inv.secondaryCauses.clear();
        Reply::ComposeOptions options;
        options.language = language;
        const Reply::Composed c = Reply::compose(inv, options);
        for (const QString &name : kept)
            QVERIFY2(c.reply.contains(name), qPrintable(name + u"\n\n"_s + c.reply));
        for (const QString &rewritten : {u"4,6"_s, u"4,1"_s, u"2,10"_s, u"1,5 s"_s, u"3,5 Haiku"_s})
            QVERIFY2(!c.reply.contains(rewritten), qPrintable(rewritten + u"\n\n"_s + c.reply));
        // a time inside a quoted title is the title's, not ours to annotate
        QVERIFY2(!c.reply.contains(u"10:30 UTC"_s), qPrintable(c.reply));
        // the worded clause's own times are annotated with the customer's zone
        QVERIFY2(c.reply.contains(u"09:10 UTC (10:10 CET)"_s), qPrintable(c.reply));
        QVERIFY2(c.reply.contains(Reply::localeFor(language).toString(1234)), qPrintable(c.reply));
    }

    // Durations in each language's numbers and units.
    void durationsInTheReadersUnits_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<double>("ms");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en ms") << u"en"_s << 342.0 << u"340 ms"_s;
        QTest::newRow("en s") << u"en"_s << 1234.0 << u"1.2 s"_s;
        QTest::newRow("de s") << u"de"_s << 1234.0 << u"1,2 s"_s;
        QTest::newRow("fr s") << u"fr"_s << 1234.0 << u"1,2 s"_s;
        QTest::newRow("ja s") << u"ja"_s << 1234.0 << u"1.2秒"_s;
        QTest::newRow("es min") << u"es"_s << 12 * 60000.0 << u"12 min"_s;
        QTest::newRow("de h min") << u"de"_s << 150 * 60000.0 << u"2 Std. 30 Min."_s;
        QTest::newRow("ja h min") << u"ja"_s << 150 * 60000.0 << u"2時間30分"_s;
        QTest::newRow("pt days") << u"pt"_s << 3 * 86400000.0 << u"3 dias"_s;
        QTest::newRow("fr days") << u"fr"_s << 3 * 86400000.0 << u"3 jours"_s;
    }
    void durationsInTheReadersUnits()
    {
        QFETCH(QString, language);
        QFETCH(double, ms);
        QFETCH(QString, expected);
        const auto book = Reply::PhraseBook::parse(u"k: <{d}>"_s);
        QCOMPARE(Reply::renderPhrases({{u"k"_s, {Say::millis(u"d"_s, ms)}}}, book, language),
                 u"<"_s + expected + u'>');
    }

    // What could not be checked, in the reply's language: an analyzer's line by its key, a
    // step's by its system and how it ended, the engine's by its kind; a line none of these
    // stays English and the reply says so.
    void notCheckedInTheRepliesLanguage_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : Reply::Templates::languages())
            QTest::newRow(qPrintable(language)) << language;
    }
    void notCheckedInTheRepliesLanguage()
    {
        QFETCH(QString, language);
        const Reply::Templates t = Reply::Templates::load({}, false);
        const auto book =
            Reply::PhraseBook::parse(t.text(language, Reply::Templates::phrasesName()));
        Investigation inv = leakyInvestigation();
        inv.findings.clear(); // English findings: their section says so, this one must not
        StepRecord logs;
        logs.id = u"s1"_s;
        logs.title = u"Error breakdown"_s;
        logs.connector = u"clickhouse"_s;
        logs.status = StepStatus::Timeout;
        StepRecord bugs;
        bugs.id = u"s2"_s;
        bugs.title = u"Known bugs matching the ticket (Linear)"_s;
        bugs.connector = u"linear"_s;
        bugs.status = StepStatus::Skipped;
        inv.steps = {logs, bugs};
        // each line with the wording its writer gives it
        const QList<WordedLine> lines{
            Analysis::uncheckedWording(Analysis::unchecked(u"status_pages"_s), u"status_pages"_s),
            Analysis::stepWording(
                u"Error breakdown (request logs): the server did not answer in 30 s"_s, logs),
            Analysis::notConnectedWording(
                u"Known bugs matching the ticket (Linear) (linear is not connected)"_s,
                bugs.connector),
            Analysis::uncheckedWording(u"Nothing was queried: the ticket does not say which org."_s,
                                       u"nothing_queried"_s)};
        inv.notChecked.clear();
        for (const WordedLine &line : lines)
            inv.notChecked.append(line.text);
        inv.notCheckedWording = lines;
        Reply::ComposeOptions options;
        options.language = language;
        options.templates = &t;
        Reply::Composed c = Reply::compose(inv, options);
        const auto expect = [&](const QString &text, bool first) {
            QVERIFY2(!text.isEmpty(), "a phrase the book lacks");
            QString shown = text;
            if (first)
                shown[0] = shown.at(0).toUpper();
            QVERIFY2(c.reply.contains(shown), qPrintable(shown + u"\n\n"_s + c.reply));
        };
        expect(book.text(u"unchecked.status_pages"_s), true);
        expect(book.text(u"source.clickhouse"_s), true);
        expect(book.text(u"why.timeout"_s), false);
        expect(book.text(u"source.linear"_s), true);
        expect(book.text(u"unchecked.nothing_queried"_s), true);
        for (const QString &english : inv.notChecked)
            QVERIFY2(language == u"en"_s || !c.reply.contains(english), qPrintable(c.reply));
        QVERIFY(!c.reply.contains(u"30 s"_s)); // the engine's own error stays in the note
        for (const QString &label :
             {u"en inglés"_s, u"em inglês"_s, u"auf Englisch"_s, u"en anglais"_s, u"英語"_s})
            QVERIFY2(!c.reply.contains(label), qPrintable(c.reply));
        // a line no phrase words: English, and said to be
        inv.notChecked.append(u"the weather on Mars"_s);
        c = Reply::compose(inv, options);
        QVERIFY(c.reply.contains(u"The weather on Mars"_s));
        static const QHash<QString, QString> marks{{u"es"_s, u" (en inglés)"_s},
                                                   {u"pt"_s, u" (em inglês)"_s},
                                                   {u"de"_s, u" (auf Englisch)"_s},
                                                   {u"fr"_s, u" (en anglais)"_s},
                                                   {u"ja"_s, u"（英語）"_s}};
        if (language != u"en"_s)
            QVERIFY2(c.reply.contains(marks.value(language)), qPrintable(c.reply));
        // the wording is what the line carries, not what its English looks like: a line that
        // reads like the engine's but carries none stays English
        inv.notChecked = {u"Nothing was queried: the weather on Mars."_s};
        inv.notCheckedWording.clear();
        c = Reply::compose(inv, options);
        QVERIFY2(c.reply.contains(u"Nothing was queried: the weather on Mars."_s),
                 qPrintable(c.reply));
        // every analyzer's line has its words in every language
        for (const auto &line : Analysis::uncheckedLines())
            QVERIFY2(book.has(u"unchecked."_s + line.key), qPrintable(line.key));
    }

    // One substitution for both template syntaxes: a value is never read as a template.
    void oneSubstitution()
    {
        const auto book = Reply::PhraseBook::parse(u"k: {a} and {b}"_s);
        QCOMPARE(Reply::renderPhrases(
                     {{u"k"_s, {Say::name(u"a"_s, u"{b}"_s), Say::name(u"b"_s, u"{{x}}"_s)}}}, book,
                     u"en"_s),
                 u"{b} and {{x}}"_s);
        QCOMPARE(Reply::fill(u"{{a}} {{b}}"_s, {{u"a"_s, u"{{b}}"_s}, {u"b"_s, u"{a}"_s}}),
                 u"{{b}} {a}\n"_s);
        // a value missing stops a phrase (the caller falls back), not a template
        QVERIFY(
            Reply::renderPhrases({{u"k"_s, {Say::name(u"a"_s, u"x"_s)}}}, book, u"en"_s).isEmpty());
        QCOMPARE(Reply::fill(u"{{a}}."_s, {}), u".\n"_s);
    }

    void docsQuoteKeepsItsCode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("quote");
        QTest::newRow("code span")
            << u"Requests over the budget cap get 429 with `budget_exceeded` in the body."_s
            << u"> Requests over the budget cap get 429 with `budget_exceeded` in the body."_s;
        QTest::newRow("unbalanced backtick")
            << u"Requests over the budget cap get 429 with `budget_exceeded in the body."_s
            << u"> Requests over the budget cap get 429 with \\`budget_exceeded in the body."_s;
        QTest::newRow("formatting outside code escaped")
            << u"Set the *budget* cap per key with `max_budget` in [settings]."_s
            << u"> Set the \\*budget\\* cap per key with `max_budget` in \\[settings\\]."_s;
    }
    void docsQuoteKeepsItsCode()
    {
        QFETCH(QString, text);
        QFETCH(QString, quote);
        const Investigation inv = budgetQuestion(u"What happens over the budget cap?"_s, text);
        const Reply::Composed c = Reply::compose(inv);
        QVERIFY2(c.reply.contains(quote), qPrintable(c.reply));
    }

    void safeHtmlToPlainText()
    {
        const QString md =
            u"**Bold** and `code`\n\n- one\n- two &amp;\n\n[site](https://a.example/x)"_s;
        QCOMPARE(Casefile::safeHtmlToPlainText(renderMarkdownToSafeHtml(md)),
                 u"Bold and code\none\ntwo &amp;\nsite (https://a.example/x)"_s);
    }
};

QTEST_GUILESS_MAIN(TestReply)
#include "tst_reply.moc"
