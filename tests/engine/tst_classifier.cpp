#include "core/engine/classifier.h"
#include "core/engine/textnormalizer.h"
#include "fixtures.h"

#include "core/engine/playbooklibrary.h"
#include "core/investigationjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

// The seven contract playbooks with no signals of their own: the classifier's built-in
// vocabulary alone must route the tickets.
QList<Playbook> contractPlaybooks()
{
    QList<Playbook> out;
    for (const QString &name :
         {u"api-errors"_s, u"latency-spike"_s, u"webhook-failures"_s, u"provider-routing"_s,
          u"fallback"_s, u"token-billing"_s, u"metadata"_s}) {
        Playbook pb;
        pb.name = name;
        out.append(pb);
    }
    return out;
}

} // namespace

class TestClassifier : public QObject
{
    Q_OBJECT

private:
    // The playbook chosen for the row's subject and description is the row's `expected`.
    static void chosenFromSubjectAndBody()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        QFETCH(QString, expected);
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        if (library.names().isEmpty())
            QSKIP("no built-in playbooks in this build");
        const PlaybookChoice choice =
            Classifier(library.playbooks()).classify(TestData::ticketSaying(subject, description));
        QVERIFY2(choice.name == expected,
                 qPrintable(u"chose '%1' (%2)"_s.arg(choice.name, choice.reason)));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void classify_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("expected"); // empty: no investigation

        auto row = [](const char *tag, const QString &s, const QString &d, const QString &e) {
            QTest::newRow(tag) << s << d << e;
        };
        // latency-spike
        row("latency: an occasional 429 beside the slowness", u"Re: invoice for May"_s,
            u"Hello, our support chatbot has been very slow for an hour (usually under a second, "
            u"now several seconds per answer). Also, our FAQ bot sometimes gets a 429 error. "
            u"Could you have a look?"_s,
            u"latency-spike"_s);
        row("latency: a veces 429", u"Re: consulta sobre la factura"_s,
            u"Hola, desde hace una hora nuestro asistente responde muy lento (antes menos de un "
            u"segundo, ahora varios segundos). Además, el bot de preguntas frecuentes a veces "
            u"recibe un error 429."_s,
            u"latency-spike"_s);
        row("latency: dashboard slow", u"Dashboard is loading slowly since this morning"_s,
            u"Hi team, since this morning our usage dashboard takes forever to load (5+ seconds, sometimes times out). Chat completions seem fine. Did something change on your side?"_s,
            u"latency-spike"_s);
        row("latency: doubled", u"Latency doubled on our production routing requests"_s, {},
            u"latency-spike"_s);
        row("latency: p95", u"p95 went from 600ms to 2s"_s,
            u"Our p95 response times jumped after lunch."_s, u"latency-spike"_s);
        row("latency: ttft", u"Time to first token is terrible today"_s,
            u"Streaming responses take 8 seconds before the first token."_s, u"latency-spike"_s);
        row("latency: french", u"Requêtes très lentes depuis ce matin"_s,
            u"La latence a explosé, tout est lent."_s, u"latency-spike"_s);
        row("latency: german", u"API sehr langsam"_s, u"Seit heute morgen ist die Latenz hoch."_s,
            u"latency-spike"_s);
        row("latency: sluggish", u"Everything feels sluggish"_s,
            u"Requests through the gateway got much slower in the last 2 hours"_s,
            u"latency-spike"_s);
        // a topic word naming one of the customer's own services is which service, not the topic
        row("own service: portuguese", u"Metadados não chegam"_s,
            u"Os metadados das requisições do nosso serviço de cobrança não aparecem nos logs "
            u"desde segunda. Os outros serviços estão normais."_s,
            u"metadata"_s);
        row("own service: english", u"Custom metadata missing"_s,
            u"Requests sent by our billing service arrive without their metadata in the logs; "
            u"our search service is fine."_s,
            u"metadata"_s);
        row("own service: a billing ticket stays one", u"Invoice too high"_s,
            u"The invoice for October is far higher than the tokens our billing service counted."_s,
            u"token-billing"_s);
        // a number counted or approximated is a quantity, not a status code
        row("quantity: keys, not HTTP 400", u"Custom fields gone from the request logs"_s,
            u"We attach about 400 keys of metadata per request and since Monday none of them "
            u"show up in the logs view."_s,
            u"metadata"_s);
        row("quantity: portuguese count", u"Metadados sumiram"_s,
            u"Enviamos cerca de 500 chaves de metadados e elas não aparecem mais nos logs."_s,
            u"metadata"_s);
        row("quantity: approximated, a question", u"How many virtual keys per org?"_s,
            u"Is there a limit on virtual keys per organisation? We would need around 500."_s,
            QString());
        // api-errors
        row("errors: 500s", u"Getting 500 errors on /v1/chat/completions"_s,
            u"Since 09:00 about a third of our requests fail with Internal Server Error."_s,
            u"api-errors"_s);
        row("errors: 429", u"429 Too Many Requests"_s,
            u"We keep hitting rate limit errors although our volume is normal."_s, u"api-errors"_s);
        row("errors: 502", u"Bad gateway errors"_s, u"Our app shows 502 for many calls."_s,
            u"api-errors"_s);
        row("errors: failing requests", u"Requests failing"_s,
            u"A lot of our API calls are failing since yesterday, error code 503."_s,
            u"api-errors"_s);
        row("errors: spanish", u"Error en las peticiones"_s,
            u"Muchas peticiones fallan con error 500."_s, u"api-errors"_s);
        // webhook-failures
        row("webhooks: failing", u"Webhooks failing"_s,
            u"We stopped receiving webhook events at https://hooks.acme.dev/relay."_s,
            u"webhook-failures"_s);
        row("webhooks: not receiving", u"Not receiving callbacks anymore"_s,
            u"Our callback endpoint gets nothing since last night."_s, u"webhook-failures"_s);
        row("webhooks: tls", u"request.completed events not delivered"_s,
            u"Webhook deliveries to our endpoint show TLS errors."_s, u"webhook-failures"_s);
        // provider-routing
        row("routing: claude vs gpt", u"Claude fails but GPT-4o works"_s,
            u"All requests to Claude return errors, GPT-4o is fine."_s, u"provider-routing"_s);
        row("routing: anthropic only", u"Requests to Claude are failing but GPT-4 works"_s, {},
            u"provider-routing"_s);
        row("routing: gemini", u"Gemini requests error out"_s,
            u"Only Gemini models fail with 400, OpenAI works fine."_s, u"provider-routing"_s);
        // The status codes of the failing provider are details of the contrast: however many
        // are quoted, they do not turn "one provider fails, the other works" into generic errors.
        row("routing: contrast with status details", u"Bad requests"_s,
            u"Mistral calls fail with 400 invalid request and 422 unprocessable; Gemini is "
            u"fine."_s,
            u"provider-routing"_s);
        row("routing: contrast with status details, spanish", u"Errores"_s,
            u"Las peticiones a Gemini dan error 500 y 502, en cambio Mistral funciona."_s,
            u"provider-routing"_s);
        // An outage the customer only asks about, said of no provider, is a suspicion: beside a
        // service said to run at its usual speed it is no contrast of providers.
        row("latency: asks whether an edge is down", u"Support chat slower since 11:00"_s,
            u"Our support chat on GPT-4.1 mini answers about a second later than usual since "
            u"11:00. The summaries on Claude Haiku run at their normal speed. Is there an outage "
            u"at your Frankfurt edge?"_s,
            u"latency-spike"_s);
        // Beside slowness, an outage on a provider's status page is the customer's reading of
        // it, not a failure of their requests: no contrast of a failing and a working provider.
        row("latency: an outage read as the reason", u"Assistant answers crawl"_s,
            u"Since about 10:00 our assistant on Claude answers in eight seconds instead of "
            u"three. Anthropic lists an outage on its status page, so we assume that is it; the "
            u"GPT-4.1 summaries are fine."_s,
            u"latency-spike"_s);
        row("latency: eine Störung als Erklärung, german", u"Antworten sehr langsam"_s,
            u"Seit heute früh sind die Antworten von Claude extrem langsam. Bei Anthropic steht "
            u"ein Ausfall auf der Statusseite. Mistral läuft normal."_s,
            u"latency-spike"_s);
        // The OpenAI client's exception class in a pasted log line names no provider: the
        // client raises it for whatever the gateway routed to.
        row("routing: an SDK exception class in the log", u"Gemini answers break off"_s,
            u"Since noon our streamed Gemini requests stop halfway with an error.\n"
            u"worker.log: openai.APIError: stream_reset_error (status=502)\n"
            u"The pricing bot on GPT-4o works. The nightly batch on Gemini without streaming "
            u"works as usual."_s,
            u"provider-routing"_s);
        row("errors: status codes without a contrast stay errors", u"Errors"_s,
            u"Gemini calls fail with 400 invalid request and 422 since noon."_s, u"api-errors"_s);
        // Said in other words and languages than any playbook's keywords.
        row("errors: too many requests, german", u"Ständig Too Many Requests"_s,
            u"Seit dem Batch-Import bekommen wir dauernd 429 zurück."_s, u"api-errors"_s);
        row("errors: rate limit, japanese", u"429エラーが頻発"_s,
            u"レート制限に引っかかっているようです。"_s, u"api-errors"_s);
        // a topic the customer sets aside is not what the ticket is about
        row("errors: invoice set aside", u"Re: question about our invoice"_s,
            u"Unrelated to the invoice: since 9am every call of our batch job gets a 429, the "
            u"other service is fine."_s,
            u"api-errors"_s);
        row("errors: factura aparte, spanish", u"Re: duda con la factura"_s,
            u"Aparte de la factura, desde las 9 cada llamada de nuestro resumidor recibe un 429."_s,
            u"api-errors"_s);
        // "has nothing to do with the invoice", in the languages that say it so
        row("latency: invoice dismissed, spanish", u"Re: fwd: hola"_s,
            u"Os escribo aquí aunque esto no tiene nada que ver con la factura: desde las 10 las "
            u"respuestas tardan el triple."_s,
            u"latency-spike"_s);
        row("latency: invoice dismissed, french", u"Re: bonjour"_s,
            u"Cela n'a rien à voir avec la facture : depuis 10 h les réponses sont trois fois "
            u"plus lentes."_s,
            u"latency-spike"_s);
        row("latency: invoice dismissed, english", u"Fwd: hello"_s,
            u"This has nothing to do with the invoice: since 10am our responses are slow, the "
            u"latency tripled."_s,
            u"latency-spike"_s);
        row("billing: what to do with the invoice", u"Invoice question"_s,
            u"What should we do with the invoice that bills twice the tokens our logs show?"_s,
            u"token-billing"_s);
        row("billing: the invoice itself", u"Invoice too high"_s,
            u"Our invoice bills far more tokens than our logs show; the errors we had are "
            u"unrelated."_s,
            u"token-billing"_s);
        // "reservas" are bookings: a slow booking agent is a latency ticket, not a fallback one
        row("latency: spanish bookings", u"Latencia peor desde anoche"_s,
            u"Nuestro agente de reservas va más lento: las respuestas tardan dos segundos o más "
            u"con la config de producción."_s,
            u"latency-spike"_s);
        row("latency: portuguese bookings", u"Reservas lentas"_s,
            u"O assistente de reservas está lento desde ontem, a latência dobrou."_s,
            u"latency-spike"_s);
        // "instead of" about something else than a model, with two providers named elsewhere, is
        // no switch of target
        row("latency: chunks instead of a stream", u"Slow streamed answers on Sonnet"_s,
            u"Since noon our Claude summaries are slower, and they come in big chunks instead of "
            u"token by token. Status pages show an Anthropic incident. The GPT-4o tool is fine."_s,
            u"latency-spike"_s);
        // a 408 is a status the gateway answered: failed calls, whatever the clock says
        row("errors: 408 under a stale subject", u"Re: Q3 business review"_s,
            u"Half of our summary calls fail with 408 since 9 this morning. We lowered the "
            u"timeout in our config yesterday."_s,
            u"api-errors"_s);
        row("fallback: answered by another model", u"Unexpected model in responses"_s,
            u"Since noon some replies were answered by GPT-4o instead of Claude Sonnet, which "
            u"is our primary."_s,
            u"fallback"_s);
        row("fallback: portuguese reserve model", u"Não troca pro modelo reserva"_s,
            u"Quando a Anthropic falha, o modelo reserva da OpenAI não assume."_s, u"fallback"_s);
        row("fallback: french", u"Basculement"_s,
            u"Le basculement vers Claude ne se déclenche pas quand OpenAI renvoie des 503."_s,
            u"fallback"_s);
        row("fallback: portuguese", u"Failover"_s,
            u"O failover para o Gemini não aconteceu durante a queda da OpenAI."_s, u"fallback"_s);
        row("fallback: japanese", u"フォールバックが作動しません"_s,
            u"OpenAIが503を返してもClaudeに切り替わりません。"_s, u"fallback"_s);
        row("fallback: typos", u"fallbakc not kicking in"_s,
            u"when anthropic is overloded nothing goes to gpt-4o"_s, u"fallback"_s);
        row("fallback: asked why", u"Failover never triggers"_s,
            u"Why does our failover never trigger when Azure times out?"_s, u"fallback"_s);
        row("routing: retired model, spanish", u"Modelo no encontrado"_s,
            u"El modelo gpt-4-0613 devuelve 404 model_not_found desde ayer."_s,
            u"provider-routing"_s);
        row("routing: deprecated model asked", u"gpt-4-32k deprecated?"_s,
            u"Our calls to gpt-4-32k return model not found since this morning."_s,
            u"provider-routing"_s);
        row("errors: slowness denied", u"500s from Mistral"_s,
            u"No slowness at all, but every request to Mistral errors out with 500 since 10:00."_s,
            u"api-errors"_s);
        row("errors: stale latency subject", u"Re: latency question"_s,
            u"Now we get HTTP 503 on half the calls since 10:00."_s, u"api-errors"_s);
        row("routing: wrong provider", u"Routing sends traffic to the wrong provider"_s,
            u"Our config should route to Anthropic but requests hit another provider."_s,
            u"provider-routing"_s);
        // fallback
        row("fallback: not activating", u"Model fallback isn't activating when OpenAI times out"_s,
            {}, u"fallback"_s);
        row("fallback: failover", u"Failover to Anthropic never happens"_s,
            u"When OpenAI is slow our requests just hang until timeout instead of switching to the backup provider."_s,
            u"fallback"_s);
        row("fallback: falls back", u"Gateway doesn't fall back"_s,
            u"We configured a fallback chain (gpt-4o -> claude) but timed out requests are not retried on the secondary."_s,
            u"fallback"_s);
        // token-billing
        row("billing: invoice mismatch",
            u"Token counts on our invoice don't match our logged usage"_s, {}, u"token-billing"_s);
        row("billing: overcharged", u"We were overcharged this month"_s,
            u"Stripe invoice shows 40M tokens, our logs show 28M."_s, u"token-billing"_s);
        row("billing: cached tokens", u"Are cached tokens billed?"_s,
            u"Our bill doesn't match: it looks like cached tokens are charged in full, which is wrong."_s,
            u"token-billing"_s);
        row("billing: french", u"Facture incorrecte"_s,
            u"La facture ne correspond pas à notre usage de tokens."_s, u"token-billing"_s);
        // metadata
        row("metadata: not passed",
            u"Our custom metadata isn't being passed through to the model provider"_s, {},
            u"metadata"_s);
        row("metadata: missing in logs", u"Metadata missing from logs"_s,
            u"Since we upgraded the node SDK our x-portkey-metadata header fields no longer show up."_s,
            u"metadata"_s);
        row("metadata: trace ids", u"trace ids dropped"_s,
            u"The metadata we attach (trace_id, user) is stripped before reaching the provider."_s,
            u"metadata"_s);
        row("fallback: different model", u"Why did a different model answer our requests today?"_s,
            u"Responses say gpt-4o-mini instead of Claude Haiku. We did not change anything."_s,
            u"fallback"_s);
        row("fallback: german", u"Fallback greift nicht mehr"_s,
            u"Seit etwa 13:45 UTC kommen 503-Fehler von OpenAI, obwohl ein Fallback auf Claude eingerichtet ist."_s,
            u"fallback"_s);
        row("webhooks: french", u"Plus aucun webhook reçu depuis cette nuit"_s,
            u"Nous ne recevons plus aucun webhook. Vos webhooks sont-ils en panne ?"_s,
            u"webhook-failures"_s);
        // the present tense of "recevoir" (il reçoit, ils reçoivent) said with "ne ... plus"
        row("webhooks: french present tense", u"Depuis lundi"_s,
            u"Notre outil ne reçoit plus rien de vos webhooks. Est-ce que ça part bien ?"_s,
            u"webhook-failures"_s);
        // a webhook called a notification, in the customer's words
        row("webhooks: portuguese notifications", u"Notificações recusadas"_s,
            u"Desde as 9h as notificações no nosso sistema estão falhando."_s,
            u"webhook-failures"_s);
        // a German separable verb across the clause ("kommen ... an"), negated inside it, asked
        // about with a question beside it
        row("webhooks: german verb bracket", u"Seit heute keine Events"_s,
            u"Bei uns kommen seit 8 Uhr keine Events mehr an. Habt ihr etwas umgestellt?"_s,
            u"webhook-failures"_s);
        // request data said to be absent ("sans métadonnées") is missing data, a symptom
        row("metadata: french without", u"Requêtes dans les logs"_s,
            u"Depuis lundi nos requêtes arrivent sans métadonnées. Avez-vous changé quelque "
            u"chose ?"_s,
            u"metadata"_s);
        row("metadata: german without", u"Logs seit gestern"_s,
            u"Seit gestern stehen unsere Anfragen ohne Metadaten im Log. Liegt das an euch?"_s,
            u"metadata"_s);
        row("billing: portuguese", u"Tokens da fatura não batem com nossos logs"_s,
            u"A fatura mostra bem menos tokens do que os nossos logs."_s, u"token-billing"_s);
        row("latency: japanese", u"Claudeの応答が遅い"_s,
            u"本日からClaudeの応答が非常に遅くなっています。"_s, u"latency-spike"_s);
        row("metadata: gone", u"metadata gone from logs"_s,
            u"metadata column is empty for all our requests today. is this a known issue?"_s,
            u"metadata"_s);
        // plain questions
        row("question: invoice currency", u"Invoice currency"_s,
            u"Can we be invoiced in EUR instead of USD?"_s, QString());
        row("question: webhook ips", u"IP allowlist for webhooks"_s,
            u"Do your webhook senders come from a fixed IP range?"_s, QString());
        row("question: budget", u"Budget caps per virtual key?"_s,
            u"Can we set a monthly budget cap per virtual key, so the bot can't spend more than $200?"_s,
            QString());
        row("question: compliance", u"SOC 2 report"_s,
            u"Could you send us your latest SOC 2 Type II report?"_s, QString());
        row("question: plan limits", u"Question about our plan limits"_s,
            u"What is the monthly token limit on the growth plan? We may upgrade."_s, QString());
        row("question: pricing", u"Pricing for enterprise"_s,
            u"How much does the enterprise tier cost per seat?"_s, QString());
        row("question: how to", u"How do I add a second API key?"_s,
            u"Is it possible to have separate keys per team?"_s, QString());
        row("question: sso", u"Do you support SSO?"_s,
            u"We'd like to know if SAML SSO is available on the scale plan."_s, QString());
        // Negation scoped to the symptom it negates, in several languages.
        row("negation: not slow but 500s", u"Not slow, failing"_s,
            u"To be precise: it is not slow, but failing with 500s since 10:00."_s,
            u"api-errors"_s);
        row("negation: german no errors", u"Keine Fehler, nur langsam"_s,
            u"Wir sehen keine Fehler, aber jede Antwort braucht jetzt 8 Sekunden."_s,
            u"latency-spike"_s);
        row("negation: japanese", u"エラーではなく遅延"_s,
            u"エラーは出ていませんが、応答に時間がかかります。"_s, u"latency-spike"_s);
        row("negation: latency is fine", u"latency fine, errors not"_s,
            u"Latency is fine. We get 503 on a fifth of the calls."_s, u"api-errors"_s);
        // Typos and inflections.
        row("typo: webhok", u"webhok deliveries failling"_s,
            u"none of our webhok deliveries arrive"_s, u"webhook-failures"_s);
        row("typo: invocie", u"invocie too high"_s,
            u"The invocie bills 12M tokens, our logs say 9M."_s, u"token-billing"_s);
        row("typo: latancy", u"latancy realy bad"_s, u"resposnes take 6 s since 9am"_s,
            u"latency-spike"_s);
        // A short common word is not a mangled long term: Portuguese "metade" (half) is two
        // edits from "metadata"; a six-letter word one edit away still is a typo.
        row("not a typo: metade", u"Metade das chamadas falha"_s,
            u"Cerca de metade dos pedidos devolve 503 desde as 9h."_s, u"api-errors"_s);
        row("typo: metdata", u"metdata missing in logs"_s,
            u"The metdata we send with each request is not in the logs since Monday."_s,
            u"metadata"_s);
        row("inflection: spanish", u"Peticiones lentísimas"_s,
            u"Las respuestas tardan muchísimo desde ayer."_s, u"latency-spike"_s);
        // A stale subject from an older thread does not override the body.
        row("stale subject", u"Re: Re: invoice question"_s,
            u"Separate thing: the API got really slow today, p95 is 4 s."_s, u"latency-spike"_s);
        row("stale subject german", u"AW: Rechnung Oktober"_s,
            u"Andere Sache: seit heute früh kommen bei uns keine Webhooks mehr an."_s,
            u"webhook-failures"_s);
        // A problem asked as a question is investigated; a plain question is not.
        row("question form: failing", u"Why are all our requests failing?"_s,
            u"Every call returns 502 since lunch."_s, u"api-errors"_s);
        row("question form: webhooks", u"Are your webhooks down?"_s,
            u"We have not received a single event since 3am."_s, u"webhook-failures"_s);
        // A subject with a question mark that reports what was seen (figures compared, a named
        // provider, a time, a state) is investigated even when the body only asks for help; a
        // question about how things work is answered from the docs.
        row("question form: figures compared", u"Billed 61M tokens but the dashboard shows 47M?"_s,
            u"Can you check?"_s, u"token-billing"_s);
        row("question form: figures compared, spanish",
            u"¿Facturados 8,4M de tokens y el panel dice 6,1M?"_s, u"¿Lo podéis mirar?"_s,
            u"token-billing"_s);
        row("question form: comparison, no figures", u"Invoice higher than our usage?"_s,
            u"Could someone look?"_s, u"token-billing"_s);
        // An invoice said to be a multiple of another, in words, is figures compared too.
        row("question form: a multiple, german", u"Rechnung Mai"_s,
            u"Die Rechnung ist dreimal so hoch wie sonst, bei gleichem Verkehr. Stimmt das?"_s,
            u"token-billing"_s);
        row("question form: a multiple, spanish", u"Factura de marzo"_s,
            u"La factura salió el triple que el mes pasado. ¿Es correcto?"_s, u"token-billing"_s);
        row("question form: a multiple, french", u"Facture de juin"_s,
            u"La facture fait deux fois celle d'avril pour le même volume, est-ce normal ?"_s,
            u"token-billing"_s);
        row("question form: a multiple, japanese", u"請求書について"_s,
            u"今月の請求が先月の三倍です。なぜでしょうか？"_s, u"token-billing"_s);
        row("question form: named provider", u"Requests to Anthropic failing?"_s,
            u"Is there an outage?"_s, u"api-errors"_s);
        row("question form: state, portuguese", u"Os webhooks estão falhando?"_s,
            u"Alguém pode verificar?"_s, u"webhook-failures"_s);
        row("question form: since when, german", u"Antworten seit heute früh langsam?"_s,
            u"Könnt ihr das prüfen?"_s, u"latency-spike"_s);
        row("question form: time, french", u"Appels vers Gemini en erreur depuis 9h ?"_s,
            u"Un incident ?"_s, u"api-errors"_s);
        // A symptom said of something with a question mark and nothing named is still a
        // report; one named after a preposition is what a plain question is about.
        row("question form: bare, english", u"Requests failing?"_s, u"Anyone?"_s, u"api-errors"_s);
        row("question form: bare, spanish", u"¿Fallan las peticiones?"_s, {}, u"api-errors"_s);
        row("question form: bare, german", u"Anfragen schlagen fehl?"_s, {}, u"api-errors"_s);
        row("question form: bare, french", u"Les requêtes échouent ?"_s, {}, u"api-errors"_s);
        row("question form: bare, japanese", u"リクエスト失敗？"_s, {}, u"api-errors"_s);
        row("question: about timeouts", u"Retries on timeouts?"_s,
            u"How does the gateway handle a provider timeout?"_s, QString());
        row("question: sur les timeouts", u"Nouvelles tentatives sur les timeouts ?"_s,
            u"Comment le gateway gère-t-il un timeout du fournisseur ?"_s, QString());
        row("question form: state, japanese", u"メタデータがログから消えている？"_s,
            u"確認をお願いできますか。"_s, u"metadata"_s);
        // 「〜ていないか」 asks whether it happens: a suspicion to check, not a denial
        row("question form: whether, japanese", u"今月分のご確認"_s,
            u"トークンが二重計上されていないか確認していただけますか。"_s, u"token-billing"_s);
        row("question form: whether, japanese, polite", u"応答時間について"_s,
            u"昨日からレイテンシが悪化していませんか？"_s, u"latency-spike"_s);
        row("question: how it works", u"Retries on 500 errors?"_s,
            u"How does the gateway handle a 500 from the provider?"_s, QString());
        row("question: which codes, french", u"Codes de fallback ?"_s,
            u"Quels codes d'erreur déclenchent le fallback ?"_s, QString());
        row("question: how, german", u"Wie funktionieren Retries bei Timeouts?"_s,
            u"Wie oft wird bei einem Timeout wiederholt?"_s, QString());
        row("question: japanese", u"SSOについて"_s, u"ScaleプランにSSOは含まれますか？"_s,
            QString());
        row("question: german", u"SSO im Scale-Tarif?"_s, u"Ist SSO im Scale-Tarif enthalten?"_s,
            QString());
        row("question: hypothetical outage", u"Provider outages"_s,
            u"What happens if a provider has an outage? Does the gateway retry elsewhere?"_s,
            QString());
        row("question: spanish", u"Precio Enterprise"_s,
            u"¿Cuánto cuesta el plan Enterprise por asiento?"_s, QString());
        // Other languages.
        row("fallback: japanese", u"フォールバックが機能しない"_s,
            u"OpenAIがタイムアウトしてもAnthropicに切り替わりません。"_s, u"fallback"_s);
        row("metadata: portuguese", u"Metadados sumiram"_s,
            u"Os metadados que enviamos sumiram dos logs desde ontem."_s, u"metadata"_s);
        // A fallback names two providers, the first and the one it fails over to, and often
        // says it used to work: that is the fallback's chain, not one provider failing while
        // another works.
        row("fallback: german, both providers named", u"Ausweichmodell springt nicht an"_s,
            u"Unsere Anfragen gehen an Anthropic, bei Fehlern soll der Fallback auf OpenAI "
            "greifen. Seit 9 Uhr kommen 503-Fehler von Anthropic bei uns an; gestern hat es "
            "funktioniert."_s,
            u"fallback"_s);
        row("fallback: spanish, both providers named", u"Failover"_s,
            u"El failover a OpenAI no se activa: desde las 10:00 Anthropic devuelve errores 502 "
            "a nuestros usuarios. Antes funcionaba."_s,
            u"fallback"_s);
        // A topic named only where the ticket says it is fine is not what the ticket is about.
        row("errors: metadata said to work", u"Summaries broken"_s,
            u"Since 14:00 our summary jobs fail with 504s on every second call. The metadata "
            "and tagging part goes through fine, that config is unaffected."_s,
            u"api-errors"_s);
        row("errors: french, metadata said to work", u"Appels en échec"_s,
            u"Depuis midi la moitié des appels de résumé sont en erreur 502. Côté métadonnées "
            "tout fonctionne."_s,
            u"api-errors"_s);
        // "only" said of the customer's own change is not "only one provider fails".
        row("errors: only said of something else", u"Half our calls fail"_s,
            u"Since 10:00 half of our summary calls end in an error. We only changed the retry "
            "count this morning. Could OpenAI be down?"_s,
            u"api-errors"_s);
        row("metadata: works for one route, not another", u"Metadata"_s,
            u"Since this morning metadata works for chat but not for embeddings."_s, u"metadata"_s);
        row("routing: french", u"Claude échoue, GPT fonctionne"_s,
            u"Toutes les requêtes vers Claude échouent, GPT-4o fonctionne."_s,
            u"provider-routing"_s);
        // "B works" is no contrast when the ticket says B's provider fails too: what works
        // is another model or config of a failing provider
        row("errors: both providers said to fail", u"Two problems since noon"_s,
            u"Our summaries on Claude get 502 errors since noon and our batch jobs on GPT-4 "
            "fail with 500 since this morning. The chat assistant on GPT-4o is fine. Is "
            "OpenAI down as well as Anthropic?"_s,
            u"api-errors"_s);
        row("routing: one provider fails, the other works, spanish",
            u"Fallan las llamadas a Gemini"_s,
            u"Desde el mediodía Gemini devuelve error 500; OpenAI funciona bien."_s,
            u"provider-routing"_s);
    }

    void classify()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        QFETCH(QString, expected);
        const Classifier classifier(contractPlaybooks());
        const Ticket t = TestData::ticketSaying(subject, description);
        const PlaybookChoice choice = classifier.classify(t);
        QVERIFY2(choice.name == expected,
                 qPrintable(u"chose '%1' (%2)"_s.arg(choice.name, choice.reason)));
        QVERIFY(!choice.reason.isEmpty());
    }

    // Every ticket of the scenario files, classified with the built-in playbooks, against
    // the scenario's truth.
    void scenarioTickets_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QString>("expected");
        QStringList files;
        const QStringList dirs{
            QString(qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/scenarios"_s),
            QString(qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/resources/demo"_s)};
        for (const QString &dir : dirs) {
            const QDir d(dir);
            for (const QString &name : d.entryList({u"*.json"_s}, QDir::Files))
                files.append(d.filePath(name));
        }
        for (const QString &path : files) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
            const QJsonObject truth = doc.value(u"truth"_s).toObject();
            for (const QJsonValue &v : doc.value(u"tickets"_s).toArray()) {
                const QJsonObject t = v.toObject();
                const QString id = t.value(u"id"_s).isDouble()
                                       ? QString::number(t.value(u"id"_s).toInteger())
                                       : t.value(u"id"_s).toString();
                if (!truth.contains(id))
                    continue;
                QStringList tags;
                for (const QJsonValue &tag : t.value(u"tags"_s).toArray())
                    tags.append(tag.toString());
                const QString tag = QFileInfo(path).baseName() + u"#"_s + id;
                QTest::newRow(qPrintable(tag))
                    << t.value(u"subject"_s).toString() << t.value(u"description"_s).toString()
                    << tags << truth.value(id).toObject().value(u"playbook"_s).toString();
            }
        }
        if (files.isEmpty())
            QTest::newRow("no scenarios") << QString() << QString() << QStringList() << u"skip"_s;
    }

    void scenarioTickets()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        QFETCH(QStringList, tags);
        QFETCH(QString, expected);
        if (expected == u"skip"_s)
            QSKIP("no scenario files found");
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        if (library.names().isEmpty())
            QSKIP("no built-in playbooks in this build");
        Ticket t = TestData::ticketSaying(subject, description);
        t.tags = tags;
        const PlaybookChoice choice = Classifier(library.playbooks()).classify(t);
        // Tickets of scenarios written after the classifier, that it reads wrongly today. Each
        // is a pattern to solve in the classifier, never by adding the ticket's words to a list;
        // a row that starts passing fails here (XPASS) until it is taken off this list.
        static const QHash<QString, QString> knownMisreads{
            {u"provider-routing-loadbalance-weights-portuguese#20601"_s,
             u"another provider answering is read as a fallback question even when the ticket "
             u"asks about routing and no request failed"_s},
            {u"api-errors-bedrock-profile-deploy-and-o4-mini-outage-iam-guess-german#49101"_s,
             u"Sonnet on Bedrock failing beside o4-mini's 503s and Haiku on the same key working: "
             u"read as a routing contrast (see tst_scenarios)"_s},
            {u"api-errors-guardrail-wordcount-446-munich-german#55101"_s,
             u"446s on one config named beside a config of the same model and a GPT one that "
             u"work: a routing contrast (see tst_scenarios)"_s},
            {u"fallback-bedrock-throttle-400-known-bug-month-end-batch-curitiba-portuguese#55401"_s,
             u"a fallback that did not fire, told through the statuses that came back: the "
             u"status codes outweigh it (see tst_scenarios)"_s},
            {u"provider-routing-gemini-anyof-known-bug-and-quota-portland-english#715601"_s,
             u"\"not Claude, only Gemini\" with 400s and 429s: the status codes outweigh the "
             u"contrast (see tst_scenarios)"_s},
            {u"api-errors-context-length-documented-english#21101"_s,
             u"gpt-4o's 400s and a Claude service that works, told in separate sentences: a "
             u"routing contrast the logs are not asked about (see tst_scenarios)"_s},
            // The next three: the classifier reads a contrast of providers and the engine lets
            // the organisation's logs decide (the failing provider working through another
            // config makes it api-errors); classify() alone cannot see the logs.
            {u"api-errors-rotated-key-config-outage-guess#31201"_s,
             u"one service's failures named beside a Claude tool that works: a routing contrast "
             u"until the logs show the org's other OpenAI service working"_s},
            {u"api-errors-revoked-key-gemini-claude-contrast-english#35101"_s,
             u"Gemini's 401s named beside Claude working: a routing contrast until the logs show "
             u"the org's other Gemini config working"_s},
            {u"api-errors-model-typo-gemini-pro-incident-bystander-spanish#35201"_s,
             u"Gemini's 404s named beside Claude working: a routing contrast until the logs show "
             u"the org's other Gemini config working"_s}};
        const QString misread = knownMisreads.value(QString::fromUtf8(QTest::currentDataTag()));
        if (!misread.isEmpty())
            QEXPECT_FAIL("", qPrintable(misread), Continue);
        QVERIFY2(choice.name == expected,
                 qPrintable(u"chose '%1' (%2)"_s.arg(choice.name, choice.reason)));
    }

    // A subject left over from an older billing thread, a report of errors in the body, the
    // older reply quoted under it: the body decides (the built-in playbooks).
    void staleSubjectOverBody_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("expected");
        const QString quoted =
            u"\n\nLe 3 sept. 2025 à 09:40, Support <help@vendor.example> a écrit :\n> Hello,\n> "
            "your billing address is updated and the next invoice will carry it.\n> Support"_s;
        QTest::newRow("french errors report")
            << u"Re: Re: invoice address for our account"_s
            << QString(u"Pic d'erreurs ce soir ???\n\nBonjour,\n\nNotre supervision voit "
                       "une hausse des erreurs depuis 21h : 12 par heure d'habitude, 45 "
                       "maintenant. Un incident chez vous ?\n\nMerci,\nNadia"_s +
                       quoted)
            << u"api-errors"_s;
        QTest::newRow("english latency report")
            << u"Re: Re: invoice address for our account"_s
            << QString(u"Responses got slow\n\nHi, since noon our p95 latency is three times "
                       "what it was.\n\nThanks,\nOmar"_s +
                       quoted)
            << u"latency-spike"_s;
        // durations measured by the client ("2480 ms", "2210 ms") are not amounts compared
        QTest::newRow("french latency report with measured durations")
            << u"Re: Re: invoice address for our account"_s
            << QString(u"Bonjour,\n\nAutre sujet : depuis 14h20 nos synthèses reviennent "
                       "lentement. D'habitude 0,7 s, là plutôt 2 à 2,5 s.\n\nMesure côté "
                       "client :\n"
                       "[14:47:12] POST /v1/chat/completions 2480 ms\n"
                       "[14:47:15] POST /v1/chat/completions 2210 ms\n\nCordialement,\nAntoine"_s +
                       quoted)
            << u"latency-spike"_s;
        // The older subject's topic is a negative signal of the fallback playbook: a subject
        // the body does not take up argues against nothing.
        QTest::newRow("portuguese fallback report")
            << u"Re: Re: invoice address for our account"_s
            << QString(u"Failover parou\n\nOlá, a nossa config manda tudo para a Anthropic, com "
                       "a OpenAI como reserva. Desde as 14:00 os erros 500 da Anthropic chegam "
                       "aos usuários e o fallback não entra. Antes funcionava.\n\nAbraços,\n"
                       "Bruno"_s +
                       quoted)
            << u"fallback"_s;
        // The body names the old thread's topic again only to set it aside, and reports a
        // symptom of another kind: the symptom decides.
        QTest::newRow("spanish slowness, the invoice named again")
            << u"Re: Re: factura de marzo"_s
            << u"Hola:\n\nEsto es otra cosa distinta de la factura. Desde las 9 las respuestas "
               u"del asistente tardan unos 8 segundos, antes 2.\n\nSaludos"_s
            << u"latency-spike"_s;
        QTest::newRow("german errors, the invoice named again")
            << u"AW: Rechnung Oktober"_s
            << u"Hallo,\n\nnicht wegen der Rechnung: seit 10 Uhr schlagen viele Anfragen mit "
               u"502 fehl.\n\nGruß"_s
            << u"api-errors"_s;
        // a billing symptom in the body keeps the old subject's topic
        QTest::newRow("english invoice still too high")
            << u"Re: Re: invoice for October"_s
            << u"Hi,\n\nthe corrected invoice is still far too high compared to our usage "
               u"page.\n\nThanks"_s
            << u"token-billing"_s;
    }

    void staleSubjectOverBody() { chosenFromSubjectAndBody(); }

    // The subject is the headline: the one kind of symptom it names, and the body takes up,
    // leads over a symptom the body alone adds as a detail.
    void subjectHeadline_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("expected");
        QTest::newRow("slow, with a few 429s besides")
            << u"Assistant responses slow"_s
            << u"Hello, for an hour our assistant has been very slow, seconds instead of under "
               "one. Separately the search bot sometimes gets a 429 error.\n\nThanks, Ana"_s
            << u"latency-spike"_s;
        QTest::newRow("errors, slow besides")
            << u"Fehler bei der Zusammenfassung"_s
            << u"Hallo, seit heute Mittag liefert die Zusammenfassung Fehler 503, und der Chat "
               "ist auch etwas langsam.\n\nGrüße, Jan"_s
            << u"api-errors"_s;
    }

    void subjectHeadline() { chosenFromSubjectAndBody(); }

    // A pasted response is read for its codes, not for the vendor's wording inside it: words
    // there name the gateway's internals ("webhook", "metadata", "callback"), not the topic of
    // what the customer finds wrong.
    void pastedResponseReadForItsCodes_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("expected");
        QTest::newRow("english, fenced")
            << u"Summaries failing"_s
            << u"Hi, since 9:00 every call to our summariser fails with this:\n\n```\nHTTP 502 "
               "{\"error\":{\"code\":\"upstream_error\",\"message\":\"webhook callback "
               "delivery failed, metadata missing on the notification\"}}\n```\n\nThanks, Ana"_s
            << u"api-errors"_s;
        QTest::newRow("spanish, a json line")
            << u"Errores en el resumen"_s
            << u"Hola, desde las 9 todas las llamadas fallan:\n{\"error\": {\"code\": "
               "\"upstream_error\", \"message\": \"webhook callback delivery failed, "
               "metadata missing on the notification\"}, \"status\": 502}\n\nGracias"_s
            << u"api-errors"_s;
        QTest::newRow("a pasted config keeps its one-word values")
            << u"Fallback never happens"_s
            << u"Our config:\n```\n{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": "
               "[{\"virtual_key\": \"vk-openai\"}, {\"virtual_key\": \"vk-anthropic\"}]}"
               "\n```\nWhen OpenAI answers 503 the request just fails."_s
            << u"fallback"_s;
    }

    void pastedResponseReadForItsCodes() { chosenFromSubjectAndBody(); }

    // A subject left over from an older thread, which the body does not take up, weighs
    // nothing either way: the playbooks' negative words in it (invoice, webhook, metadata)
    // change no score, as a neutral old subject would not.
    void staleSubjectArguesAgainstNothing_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::newRow("invoice thread over a fallback report")
            << u"Re: Re: invoice for October"_s
            << u"Our fallback to Claude stopped kicking in: since 11:00 UTC OpenAI's 503s reach "
               "our users."_s;
        QTest::newRow("webhook thread over a latency report")
            << u"Re: webhook retries"_s
            << u"Since noon our p95 is four times what it was on every route."_s;
        QTest::newRow("metadata thread over an errors report, german")
            << u"AW: Metadaten im Dashboard"_s
            << u"Seit 8 Uhr bekommen wir bei jedem zweiten Aufruf einen 500-Fehler."_s;
    }

    void staleSubjectArguesAgainstNothing()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        if (library.names().isEmpty())
            QSKIP("no built-in playbooks in this build");
        const Classifier classifier(library.playbooks());
        auto byName = [&](const QString &s) {
            QHash<QString, double> out;
            for (const Classifier::Score &score :
                 classifier.scores(TestData::ticketSaying(s, description)))
                out.insert(score.playbook, score.score);
            return out;
        };
        const QHash<QString, double> stale = byName(subject);
        const QHash<QString, double> neutral = byName(u"Re: our call last week"_s);
        for (auto it = neutral.cbegin(); it != neutral.cend(); ++it)
            QVERIFY2(qAbs(stale.value(it.key()) - it.value()) < 1e-9,
                     qPrintable(u"%1: %2 under the old subject, %3 under a neutral one"_s.arg(
                         it.key(), QString::number(stale.value(it.key())),
                         QString::number(it.value()))));
    }

    void reasonNamesWordsAndScores()
    {
        const Classifier classifier(contractPlaybooks());
        const PlaybookChoice choice = classifier.classify(
            TestData::ticketSaying(u"Dashboard slow"_s, u"p95 latency is up since this morning"_s));
        QCOMPARE(choice.name, u"latency-spike"_s);
        QVERIFY2(choice.reason.contains(u"'slow'"_s), qPrintable(choice.reason));
        QVERIFY(choice.reason.contains(u"latency-spike scores"_s));
        QVERIFY(choice.reason.contains(u" vs "_s));
    }

    // Two close playbooks: the decision names the runner-up and says so; the plan runs the
    // steps and analyzers of both, once each, under the chosen name.
    void closeRunnerUp()
    {
        const Classifier classifier(contractPlaybooks());
        const Classifier::Decision d = classifier.decide(TestData::ticketSaying(
            u"Webhooks and the invoice"_s,
            u"Our webhook deliveries fail, and the invoice does not match our usage."_s));
        QVERIFY2(!d.runnerUp.isEmpty(), qPrintable(d.choice.reason));
        const QStringList both{d.choice.name, d.runnerUp};
        QVERIFY(both.contains(u"webhook-failures"_s));
        QVERIFY(both.contains(u"token-billing"_s));
        QVERIFY2(d.choice.reason.contains(u"the evidence decides"_s), qPrintable(d.choice.reason));
        const Classifier::Decision clear = classifier.decide(
            TestData::ticketSaying(u"Webhooks failing"_s, u"No webhook arrives since 9am."_s));
        QVERIFY2(clear.runnerUp.isEmpty(), qPrintable(clear.choice.reason));
    }

    // "One provider fails, another works": the providers said to fail go to the engine for the
    // organisation's logs to check, with the generic errors playbook as runner-up, unless the
    // ticket says the failing provider works elsewhere too (then the contrast is of configs).
    void contrastForTheLogs_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("failing");
        QTest::newRow("across providers")
            << u"Gemini errors"_s
            << u"Our Gemini requests return 401 since noon while everything on Claude works."_s
            << QStringList{u"google"_s};
        QTest::newRow("the same provider works elsewhere")
            << u"Claude 404s on reports"_s
            << u"Our report job on Claude fails with 404, while the support bot (also Claude) "
               u"and our GPT traffic work fine."_s
            << QStringList();
        QTest::newRow("a model family name and 'too'")
            << u"Opus errors"_s
            << u"Calls to Claude Opus return 500 since 9:00. GPT-4o works, and the Haiku "
               u"service too."_s
            << QStringList();
        QTest::newRow("an exception set aside is no failure")
            << u"Mistral 403"_s
            << u"Our Mistral calls fail with 403, while the bot (Claude) looks normal, apart "
               u"from the odd 500 we always get."_s
            << QStringList{u"mistral-ai"_s};
        QTest::newRow("failing and working told apart, in two sentences")
            << u"Claude 400"_s
            << u"Our expense tool's Claude calls fail with 400. The translator on GPT-4o works."_s
            << QStringList();
        QTest::newRow("Spanish, 'perfecto'")
            << u"Gemini con 404"_s
            << u"Las llamadas a Gemini fallan con 404 desde las 11; lo de Claude anda perfecto."_s
            << QStringList{u"google"_s};
    }

    void contrastForTheLogs()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        QFETCH(QStringList, failing);
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        if (!library.find(u"provider-routing"_s) || !library.find(u"api-errors"_s))
            QSKIP("no built-in playbooks in this build");
        const Classifier::Decision d =
            Classifier(library.playbooks()).decide(TestData::ticketSaying(subject, description));
        QVERIFY2(d.choice.name == u"provider-routing"_s, qPrintable(d.choice.reason));
        QVERIFY2(d.contrastFailing == failing,
                 qPrintable(d.contrastFailing.join(u", "_s) + u" ("_s + d.choice.reason + u")"_s));
        if (!failing.isEmpty()) {
            QCOMPARE(d.runnerUp, u"api-errors"_s);
            QVERIFY2(d.choice.reason.contains(u"for the logs to say"_s),
                     qPrintable(d.choice.reason));
        }
    }

    void planWithRunnerUp()
    {
        const PlaybookLibrary library = PlaybookLibrary::load({}, false);
        const Playbook *fallback = library.find(u"fallback"_s);
        const Playbook *routing = library.find(u"provider-routing"_s);
        if (!fallback || !routing)
            QSKIP("no built-in playbooks in this build");
        const Playbook plan = Casefile::planWithRunnerUp(*fallback, *routing);
        QCOMPARE(plan.name, u"fallback"_s);
        QSet<QString> ids;
        for (const PlaybookStep &step : plan.steps) {
            QVERIFY2(!ids.contains(step.id), qPrintable(step.id));
            ids.insert(step.id);
        }
        for (const PlaybookStep &step : fallback->steps + routing->steps)
            QVERIFY2(ids.contains(step.id), qPrintable(step.id));
        for (const QString &a : fallback->analyzers + routing->analyzers)
            QVERIFY2(plan.analyzers.contains(a), qPrintable(a));
        QCOMPARE(plan.analyzers.mid(0, fallback->analyzers.size()), fallback->analyzers);
        QCOMPARE(plan.analyzers.size(),
                 QSet<QString>(plan.analyzers.cbegin(), plan.analyzers.cend()).size());
    }

    void playbookSignalsCount()
    {
        // A user playbook with its own keywords wins tickets that use them.
        QList<Playbook> playbooks = contractPlaybooks();
        Playbook custom;
        custom.name = u"sso-login"_s;
        custom.keywords = {u"saml"_s, u"login loop"_s, u"okta"_s};
        playbooks.append(custom);
        const Classifier classifier(playbooks);
        const PlaybookChoice choice = classifier.classify(TestData::ticketSaying(
            u"Okta login loop"_s,
            u"Users get stuck in a SAML login loop, error after redirect."_s));
        QCOMPARE(choice.name, u"sso-login"_s);
    }

    void negationLight()
    {
        const Classifier classifier(contractPlaybooks());
        // "no errors" must not count as an error report.
        const auto scores = classifier.scores(
            TestData::ticketSaying(u"Slow responses"_s, u"There are no errors, just slowness."_s));
        QCOMPARE(scores.first().playbook, u"latency-spike"_s);
        const TermHits hits = findTerm(foldForMatching(u"We see no errors at all"_s), u"errors"_s);
        QCOMPARE(hits.count, 0);
        QCOMPARE(hits.negated, 1);
        QCOMPARE(hits.first, -1);
        // where the first occurrence that is not negated starts
        const QString folded = foldForMatching(u"No errors before noon, errors since"_s);
        const TermHits later = findTerm(folded, u"errors"_s);
        QCOMPARE(later.count, 1);
        QCOMPARE(later.first, folded.lastIndexOf(u" errors"_s));
    }

    void folding_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("accents") << u"Requête LENTE, déjà"_s << u" requete lente deja "_s;
        QTest::newRow("apostrophe") << u"doesn't work"_s << u" doesnt work "_s;
        QTest::newRow("emoji") << u"slow 🐢🐢 now"_s << u" slow now "_s;
        QTest::newRow("punctuation") << u"{\"error\": \"timeout\"}"_s << u" error timeout "_s;
        QTest::newRow("rtl") << u"\u202Eslow\u202C"_s << u" slow "_s;
    }

    void folding()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(foldForMatching(input), expected);
    }

    void hostileInput_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("expected");

        QString huge;
        for (int i = 0; i < 200000; ++i)
            huge += u"lorem ipsum "_s;
        QTest::newRow("huge text, signal first")
            << u"Webhooks failing"_s << huge << u"webhook-failures"_s;
        QTest::newRow("invalid utf-8")
            << QString::fromUtf8("Latency \xff\xfe spike \xc3")
            << QString::fromUtf8("slow \x80\x81 p95") << u"latency-spike"_s;
        QTest::newRow("rtl and emoji")
            << u"\u202Eslow API 🔥🔥🔥"_s << u"مرحبا latency 🐢 since 09:00"_s << u"latency-spike"_s;
        QTest::newRow("pasted json")
            << u"Errors"_s
            << u"{\"error\": {\"message\": \"Internal server error\", \"type\": \"server_error\", \"code\": 500}}"_s
            << u"api-errors"_s;
        QTest::newRow("stack trace")
            << u"Exception in our client"_s
            << u"Traceback (most recent call last):\n  File \"app.py\", line 3\nopenai.APIStatusError: Error code: 502 - bad gateway"_s
            << u"api-errors"_s;
        QTest::newRow("sql injection")
            << u"invoice'; DROP TABLE tickets; --"_s
            << u"Our invoice tokens don't match. ' OR 1=1 --"_s << u"token-billing"_s;
        QTest::newRow("empty") << QString() << QString() << u"api-errors"_s;
    }

    void hostileInput()
    {
        QFETCH(QString, subject);
        QFETCH(QString, description);
        QFETCH(QString, expected);
        const Classifier classifier(contractPlaybooks());
        const PlaybookChoice choice =
            classifier.classify(TestData::ticketSaying(subject, description));
        QVERIFY2(choice.name == expected, qPrintable(choice.name + u": "_s + choice.reason));
    }
};

QTEST_GUILESS_MAIN(TestClassifier)
#include "tst_classifier.moc"
