#!/usr/bin/env python3
"""Eight library scenarios in June and July 2032, one per ticket pattern and a second API-error one,
truth written from each scenario's data before the engine ever ran on them (the engine was neither
read nor run while writing them). Each truth asks for the refs a careful engineer cites with the cause:

- Latency in Swiss German (Zurich, CEST UTC+2; blames our deploy at 08:55 UTC): Google's incident
  triples the provider time of every org's gemini-2.5-pro requests from 09:10 UTC, while the org's
  gemini-2.5-flash, GPT and Claude configs keep their time; the deploy touched only the billing
  exporter, off the request path (provider_outage).
- Webhooks in Brazilian Portuguese, asked as a question (São Paulo, BRT UTC-3): after the customer's
  own release at 10:30 BRT its payments receiver answers slower than our 10-second delivery limit;
  from 13:40 UTC 65% of the deliveries to it end `timeout`, while its alerts endpoint and every other
  org's endpoint answer 200, also after our attempt-header deploy at 13:15 (customer_endpoint).
- An invoice in Colombian Spanish (Bogotá, UTC-5 all year): two meters, input and cached input; the
  cached-input meter is priced at the full input unit price (0.0002 cents a token) while the pricing
  page bills cache reads at 10% of it (0.00002), so the cached line of the 22 June invoice is ten
  times what the documented rate gives (billing_pipeline). The customer guesses a double count of
  cached tokens; a billing-page currency deploy and a usage-page bug tempt.
- Metadata in Belgian French (Brussels, CEST UTC+2): streamed requests sent with portkey-node 2.31.0
  are logged without metadata, every org's, as the open Linear issue GW-10421 describes; the org's
  non-streamed service on 2.31.0 and its streamed service on the Python SDK keep theirs; the streamed
  assistant lost it at its upgrade at 07:30 UTC (known_bug). Our metadata-compression deploy at 07:18
  and two look-alike issues tempt.
- A fallback in Japanese (Osaka, JST UTC+9), two causes: OpenAI's incident answers 504 to 45% of every
  org's gpt-4.1 requests 03:20-04:50 UTC; the org's fallback config lists only 500, 502 and 503 in
  `strategy.on_status_codes`, so its 504s reach the client (primary customer_config), while another
  org's config that lists 504 fails over to Claude; the incident itself (secondary provider_outage).
- "Claude fails, GPT works" in English with typos (Chicago, CDT UTC-5): the org saved its loadbalance
  config at 15:20 UTC with the Anthropic target's weight 0, and since then every request of that
  config goes to gpt-4.1 while its Haiku config is served by Anthropic as before (customer_config).
  An Opus incident that morning and our Anthropic adapter deploy tempt.
- API errors in European Portuguese (Lisbon, WEST UTC+1): a big org whose failed-request count rises
  every business morning with its office-hours traffic at a flat ~0.8% error rate, the same as the day
  before; the customer says errors "exploded this morning" (no_fault_found). An OpenAI o3 incident
  (another org's model) and our OpenAI retry deploy tempt.
- API errors in Japanese (Tokyo, JST UTC+9), two causes: our images deploy at 02:10 UTC makes 70% of
  every org's /v1/images/generations requests fail 500 from 02:12 while every other route works
  (primary deploy_regression); from 03:05 the org's catalogue-copy config is refused 429
  budget_exceeded, its virtual key's monthly budget spent (secondary rate_limited).

Time zones (summer 2032): Europe on summer time since 28 March 2032 (Zurich and Brussels CEST UTC+2,
Lisbon WEST UTC+1); the US since 14 March (Chicago CDT UTC-5); São Paulo UTC-3, Bogotá UTC-5, Osaka
and Tokyo JST UTC+9 all year.

Every truth below is read from the data declared next to it (anomalies, configs, billing meters,
webhook failures, deploys, issues, incidents, docs). Run it to rewrite the JSON files."""
import unicodedata

from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

# Google's status page, the same page the other scenarios use (Statuspage v2 shapes).
PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))


def cycle(stream_, from_hour, to_hour, night, latency_factor=1.0):
    """An office-hours volume cycle (UTC hours) instead of the default sine."""
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


def streamed(stream_, first_token_share=0.25):
    stream_["streaming"] = {"first_token_share": first_token_share}
    return stream_


def hooks(*streams_, anomalies=()):
    return {"streams": [{"org": o, "endpoint": url, "events": list(events), "per_minute": pm, "latency_ms": ms}
                        for o, url, events, pm, ms in streams_],
            "anomalies": list(anomalies)}


def failures(start, end, endpoint, rate, status, error):
    return {"kind": "failures", "from": start, "to": end, "match": {"endpoint": endpoint}, "rate": rate,
            "status": status, "error": error}


def mail_ticket(*args, email=None, **kwargs):
    """compose.ticket() with the requester's address in plain ASCII (joão@ -> joao@), or `email`."""
    t = ticket(*args, **kwargs)
    local, _, dom = t["requester"]["email"].partition("@")
    local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    t["requester"]["email"] = f"{email}@{dom}" if email else f"{local}@{dom}"
    return t


def budget(streams, limit=80):
    total = sum(s["per_minute"] for s in streams)
    assert total <= limit, total
    return streams


# ---------------------------------------------------------------------------------------------
# 1. latency-spike, Swiss German (Zurich, CEST), provider_outage
# ---------------------------------------------------------------------------------------------

DOC_LATENCY = doc("docs/observability/latency.md", "Reading latency",
                  "# Reading latency\n\nEvery request log splits the time the client waited (`latency_ms`) into "
                  "the time spent waiting on providers (`provider_latency_ms`) and the gateway's own time, usually "
                  "5-20 ms. When only the provider time grows, and only on one model, the provider is slower: check "
                  "its status page. When the gateway's own time grows on every model, look at the gateway.\n")
DOC_SOC2 = doc("docs/security/compliance.md", "Security and compliance",
               "# Security and compliance\n\nRelay AI holds a SOC 2 Type II report, renewed every year in "
               "March. Customers on the scale and enterprise plans can download the current report under "
               "Settings → Compliance after accepting the NDA there; growth customers can ask support for it. "
               "An ISO 27001 certificate is planned for 2033.\n")


def latency_gemini_pro_incident_billing_deploy_de():
    """Google's incident triples every org's gemini-2.5-pro provider time from 09:10 UTC; the
    customer blames our deploy at 08:55, which touched only the billing exporter."""
    Y, D, now = "2032-06-07", "2032-06-08", "2032-06-08T10:50:00Z"
    a = org("org_steinadler", "Steinadler Versicherungen AG", "steinadler-versicherungen.ch", "enterprise")
    b = org("org_arve", "Arve Treuhand", "arve-treuhand.ch", "scale")
    c = org("org_bartgeier", "Bartgeier Medien", "bartgeier-medien.ch", "growth")
    start = at(Y, "06:00")
    gh = github(CO, 54101, start, now, 21)
    exp = gh.deploy(54140, at(D, "08:55"), "billing exporter: batch Stripe meter events every 30 s",
                    ["src/billing/exporter/batcher.ts", "src/billing/exporter/stripe-client.ts",
                     "src/billing/exporter/batcher.test.ts"],
                    message="billing exporter: send meter events in 30-second batches (#9310)")
    sp = Statuspage(now)
    inc = sp.incident("google", "z7g2p5r8o1l4", "Increased latency for Gemini 2.5 Pro", at(D, "09:10"), None,
                      "We are investigating increased response times for Gemini 2.5 Pro requests in the Gemini "
                      "API. Other models are not affected.", component="Gemini API", impact="minor")
    studio = sp.incident("google", "z3a6s9t2u5d8", "Google AI Studio prompt gallery not loading", at(D, "05:40"),
                         at(D, "06:25"), "Some users cannot open the prompt gallery in Google AI Studio.",
                         component="Google AI Studio", impact="minor")
    sora = sp.incident("openai", "z4s8o2r6a0v3", "Delays in Sora video generation", at(D, "07:30"), at(D, "08:40"),
                       "Some Sora video generations take longer than usual.", component="Sora", impact="minor")
    lin = [linear_issue("GW-10121", "Latency chart: p95 of retried requests counts both attempts",
                        "On the latency chart a request retried after a timeout is drawn with the sum of both "
                        "attempts' time. Request logs are right.", "2032-05-27T10:00:00Z", state="Todo",
                        labels=("bug", "dashboard"))]
    # Steinadler (Zurich, CEST UTC+2, office hours 06:00-16:00 UTC): claims summaries on gemini-2.5-pro
    # (pc-steinadler-schaden), triage on gemini-2.5-flash (pc-steinadler-triage), the customer portal on
    # gpt-4.1-mini and contract review on Claude Sonnet 4.6, 1-1.5% background errors. From 09:10 UTC
    # (11:10 CEST) the provider time of every gemini-2.5-pro request is three times its usual (Arve's
    # receipts config too), the incident Google declared on its status page at 09:10; the gateway's own
    # time stays where it was and gemini-2.5-flash, GPT and Claude keep their times. Deploy #54140 at 08:55
    # changed how the billing exporter batches Stripe meter events (no file on the request path), and for
    # 15 minutes after it nothing was slower. The AI Studio incident (another product, over before), the
    # Sora incident and the latency-chart bug are bystanders. Nothing was slow the day before.
    sdk = "portkey-python/1.46.0"
    streams = budget([
        cycle(stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=14, p50=2600, p95=6200,
                     error_rate=0.01, prompt=3800, completion=600, config_id="pc-steinadler-schaden",
                     key="vk-steinadler-schaden", sdk=sdk, metadata={"sparte": "schaden"}), 6, 16, 0.3),
        cycle(stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=12, p50=800, p95=1900,
                     error_rate=0.01, config_id="pc-steinadler-triage", key="vk-steinadler-schaden", sdk=sdk,
                     metadata={"sparte": "triage"}), 6, 16, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.015,
                     config_id="pc-steinadler-portal", key="vk-steinadler-portal", sdk="portkey-node/2.30.2",
                     metadata={"sparte": "portal"}), 6, 16, 0.3),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2300, p95=5400,
                     error_rate=0.01, config_id="pc-steinadler-vertrag", key="vk-steinadler-vertrag", sdk=sdk,
                     metadata={"sparte": "vertrag"}), 6, 16, 0.3),
        stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=6, p50=2500, p95=6000,
               config_id="pc-arve-belege", sdk="portkey-node/2.30.2"),
        stream(c["id"], model="gpt-4.1", per_minute=5, p50=1500, p95=3500, config_id="pc-bartgeier-redaktion")])
    an = [latency(at(D, "09:10"), None, {"model": "gemini-2.5-pro"}, 3.0)]
    cfg = [one_target("pc-steinadler-schaden", a, "schaden", "vk-steinadler-google", "gemini-2.5-pro", 90000),
           one_target("pc-steinadler-triage", a, "triage", "vk-steinadler-google", "gemini-2.5-flash", 30000),
           one_target("pc-steinadler-portal", a, "portal", "vk-steinadler-openai", "gpt-4.1-mini", 30000),
           one_target("pc-steinadler-vertrag", a, "vertrag", "vk-steinadler-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-arve-belege", b, "belege", "vk-arve-google", "gemini-2.5-pro", 90000),
           one_target("pc-bartgeier-redaktion", c, "redaktion", "vk-bartgeier-openai", "gpt-4.1", 60000)]
    t = [mail_ticket(54101, a, "Schadenassistent seit heute Vormittag extrem langsam – Zusammenhang mit eurem Deploy?",
                     "Grüezi Relay-Support\n\nSeit ca. 11:10 Uhr (MESZ) ist unser Schadenassistent "
                     "(Config pc-steinadler-schaden) massiv langsamer. Unser Monitoring zeigt für die Antwortzeit "
                     "p95 heute Morgen noch rund 6 s, seit 11:10 Uhr deutlich über 15 s. Fehler gibt es kaum, es "
                     "dauert einfach ewig, und die Sachbearbeiter brechen die Anfragen ab.\n\n"
                     "In eurem öffentlichen Changelog sehe ich ein Deployment um 10:55 Uhr unserer Zeit. Das passt "
                     "zeitlich ziemlich genau. Könnt ihr bitte prüfen, ob damit etwas an eurem Gateway langsamer "
                     "geworden ist, und es allenfalls zurückrollen? Bei uns wurde an der Config seit Wochen nichts "
                     "geändert.\n\nAuszug aus unserem Log:\n\n```\n2032-06-08 11:32:18+02:00 WARN schaden.llm "
                     "slow_response config=pc-steinadler-schaden model=gemini-2.5-pro duration_ms=19840\n```\n\n"
                     "Besten Dank für eine rasche Rückmeldung.\n\nFreundliche Grüsse\nReto Baumgartner\n"
                     "Leiter Plattform-Engineering\nSteinadler Versicherungen AG, Zürich", at(D, "10:15"),
                     "Reto Baumgartner", priority="high"),
         mail_ticket(54102, c, "SOC-2-Bericht", "Hallo zusammen\n\nUnser Datenschutzbeauftragter möchte euren "
                     "aktuellen SOC-2-Bericht sehen. Wo finden wir den, und gibt es eine ISO-27001-Zertifizierung?"
                     "\n\nLiebe Grüsse\nSeraina Caduff\nBartgeier Medien", at(D, "09:40"), "Seraina Caduff",
                     priority="low")]
    # Truth: only gemini-2.5-pro is slower, for every org using it, its provider time alone, from the
    # minute Google's declared incident began; the org's Flash config on the same provider and its other
    # models are as fast as before; the deploy 15 minutes earlier touched only the billing exporter:
    # provider_outage, cited with the incident and the model. Bystanders: the billing-exporter deploy, the
    # AI Studio and Sora incidents, the chart bug, the Flash config.
    return scenario("", "latency-spike-gemini-pro-incident-billing-deploy-guess-zurich-german",
                    "Swiss German ticket (Zurich, CEST UTC+2, pasted log line, blames our deploy at 10:55 CEST): "
                    "from 09:10 UTC the provider time of every org's gemini-2.5-pro requests is three times its "
                    "usual, Google's declared incident, while the org's gemini-2.5-flash, GPT and Claude configs "
                    "keep their times (provider_outage). Deploy #54140 at 08:55 UTC touched only the billing "
                    "exporter; an AI Studio incident, a Sora incident and a latency-chart bug are bystanders among "
                    "21 routine deploys; a plain question about the SOC 2 report.",
                    now, CO, [a, b, c], start, 54101, streams, an, t,
                    {54101: truth("latency-spike", "provider_outage", [inc, "model:gemini-2.5-pro"],
                                  [f"github:deployment:{exp}", studio, sora, "linear:issue:GW-10121",
                                   "config:pc-steinadler-triage"],
                                  ["09:10", "gemini-2.5-pro"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LATENCY, DOC_SOC2],
                    answers={54102: ["docs:docs/security/compliance.md"]})


# ---------------------------------------------------------------------------------------------
# 2. webhook-failures, Brazilian Portuguese (São Paulo, BRT), customer_endpoint
# ---------------------------------------------------------------------------------------------

DOC_DELIVERY = doc("docs/webhooks/delivery.md", "Webhook delivery",
                   "# Webhook delivery\n\nEvents are POSTed to each registered endpoint with an "
                   "`x-relay-signature` HMAC header. Your endpoint must answer 2xx **within 10 seconds**; an "
                   "endpoint that has not answered by then is recorded as `timeout` (status 0) and the delivery is "
                   "retried five times with backoff over about eight hours. Answer first and process the event "
                   "afterwards (put it on a queue): a receiver that does its work before answering times out "
                   "as soon as that work takes longer than the limit.\n")


def webhook_receiver_slow_after_release_pt_br():
    """After the customer's own release at 13:30 UTC its payments receiver answers slower than our
    10-second limit; from 13:40, 65% of deliveries to it time out. Its alerts endpoint and every
    other org's endpoint answer 200, also after our attempt-header deploy at 13:15."""
    Y, D, now = "2032-06-16", "2032-06-17", "2032-06-17T15:40:00Z"
    a = org("org_juriti", "Juriti Pagamentos", "juriti.com.br", "enterprise")
    b = org("org_tiziu", "Tiziu Educação", "tiziu.com.br", "scale")
    c = org("org_araponga", "Araponga Saúde", "arapongasaude.com.br", "growth")
    start = at(Y, "16:00")
    gh = github(CO, 54201, start, now, 17)
    hdr = gh.deploy(54240, at(D, "13:15"), "webhooks: send x-relay-attempt header on every delivery",
                    ["src/webhooks/deliver.ts", "src/webhooks/headers.ts", "src/webhooks/deliver.test.ts"])
    pd = [pd_incident("PWHK0616", 14216, "webhook-worker queue lag above 5 minutes", at(Y, "22:10"),
                      at(Y, "22:40"), "Webhooks")]
    lin = [linear_issue("GW-10221", "Webhook retries ignore the endpoint's Retry-After header",
                        "When an endpoint answers 503 with Retry-After, the next attempt follows our own backoff "
                        "instead. Deliveries themselves are unaffected.", "2032-06-03T10:00:00Z", state="Todo",
                        labels=("bug", "webhooks"))]
    sp = Statuspage(now)
    rt = sp.incident("openai", "z5r1e7a3l9t2", "Realtime API sessions failing to connect", at(D, "12:50"),
                     at(D, "13:35"), "Some Realtime API sessions fail to connect.", component="Realtime API",
                     impact="minor")
    # Juriti (São Paulo, BRT UTC-3): a payments-dispute assistant on gpt-4.1 and a KYC reader on Claude
    # Sonnet 4.6. Two webhook endpoints: the payments receiver https://api.juriti.com.br/webhooks/relay
    # (request.completed, request.failed), which answers in about 250 ms before the customer's release,
    # and the alerts endpoint https://alertas.juriti.com.br/relay (budget.exceeded). The customer released
    # a new version of its reconciliation service at 10:30 BRT (13:30 UTC); from 13:40 UTC 65% of the
    # deliveries to the payments receiver end `timeout` (no answer within the documented 10 s), the rest
    # answer 200. Its alerts endpoint, Tiziu's and Araponga's endpoints answer 200 before and after our
    # attempt-header deploy at 13:15 (which changed no timeout). The queue-lag page of the night before,
    # the Retry-After bug and a Realtime API incident are bystanders.
    streams = budget([
        stream(a["id"], model="gpt-4.1", per_minute=10, p50=1500, p95=3500, error_rate=0.01,
               config_id="pc-juriti-disputas", key="vk-juriti-app", sdk="portkey-node/2.30.2"),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2300, p95=5400,
               error_rate=0.01, config_id="pc-juriti-kyc", key="vk-juriti-app", sdk="portkey-node/2.30.2"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-tiziu-tutor"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-araponga-triagem")])
    cfg = [one_target("pc-juriti-disputas", a, "disputas", "vk-juriti-openai", "gpt-4.1", 60000),
           one_target("pc-juriti-kyc", a, "kyc", "vk-juriti-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tiziu-tutor", b, "tutor", "vk-tiziu-openai", "gpt-4.1-mini", 30000),
           one_target("pc-araponga-triagem", c, "triagem", "vk-araponga-anthropic", "claude-haiku-4-5", 20000)]
    pay = "https://api.juriti.com.br/webhooks/relay"
    alerts = "https://alertas.juriti.com.br/relay"
    wh = hooks((a["id"], pay, ["request.completed", "request.failed"], 7, 250),
               (a["id"], alerts, ["budget.exceeded"], 1, 140),
               (b["id"], "https://hooks.tiziu.com.br/relay", ["request.completed"], 4, 180),
               (c["id"], "https://integracoes.arapongasaude.com.br/relay/eventos", ["request.completed"], 2, 300),
               anomalies=[failures(at(D, "13:40"), None, pay, 0.65, 0, "timeout")])
    t = [mail_ticket(54201, a, "Webhooks com timeout desde hoje de manhã - problema do lado de vocês?",
                     "Olá, pessoal da Relay, tudo bem?\n\nDesde umas 10h40 (horário de Brasília) a maior parte dos "
                     "webhooks para o nosso endpoint de pagamentos aparece no painel de vocês como \"timeout\". "
                     "Os eventos request.completed estão chegando atrasados (quando chegam), e isso trava a "
                     "conciliação.\n\nVocês estão com algum problema do lado de vocês? Vi no changelog que teve "
                     "uma mudança nos webhooks às 10h15 (um header novo de tentativa). Pode ter relação?\n\n"
                     "Para contexto: hoje às 10h30 subimos uma versão nova do nosso serviço de conciliação, mas "
                     "não mexemos no endpoint de webhooks em si. Nosso APM mostra o p95 desse endpoint em uns 14 s "
                     "desde então, mas imagino que seja porque vocês estão reenviando tudo de uma vez e "
                     "sobrecarregando a fila. Os alertas de orçamento continuam chegando normalmente.\n\n"
                     "Um exemplo do painel:\n\n```\ndelivery_id=dlv_7Hq2 endpoint=https://api.juriti.com.br/webhooks/"
                     "relay event=request.completed attempt=3 status=0 error=timeout\n```\n\nConseguem verificar?"
                     "\n\nObrigado!\nJoão Victor Almeida\nEngenharia de Plataforma · Juriti Pagamentos",
                     at(D, "15:05"), "João Victor Almeida", priority="high")]
    # Truth: one endpoint of the org times out on two deliveries in three from ten minutes after the
    # customer's own release, its own APM putting its p95 above the documented 10-second limit, while its
    # alerts endpoint and every other org's endpoint answer 200 before and after our deploy:
    # customer_endpoint, cited with the endpoint and the delivery page. Bystanders: the attempt-header
    # deploy, the queue-lag page, the Retry-After bug, the alerts endpoint.
    return scenario("", "webhook-failures-slow-receiver-after-release-sao-paulo-portuguese",
                    "Brazilian Portuguese question ('problema do lado de vocês?', São Paulo, BRT UTC-3, pasted "
                    "dashboard line): after the customer's own release at 13:30 UTC its payments receiver answers "
                    "slower than the documented 10-second limit and from 13:40 65% of deliveries to it end timeout, "
                    "while its alerts endpoint and every other org's endpoint answer 200 (customer_endpoint). Our "
                    "attempt-header deploy at 13:15, a queue-lag page the night before, a Retry-After bug and a "
                    "Realtime API incident are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], start, 54201, streams, [], t,
                    {54201: truth("webhook-failures", "customer_endpoint",
                                  [f"endpoint:{pay}", "docs:docs/webhooks/delivery.md"],
                                  [f"github:deployment:{hdr}", "pagerduty:incident:PWHK0616", "linear:issue:GW-10221",
                                   rt, f"endpoint:{alerts}"],
                                  ["timeout", "13:40"])},
                    github=gh, statuspage=sp, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd,
                    docs=[DOC_DELIVERY])


# ---------------------------------------------------------------------------------------------
# 3. token-billing, Colombian Spanish (Bogotá, UTC-5), billing_pipeline
# ---------------------------------------------------------------------------------------------

DOC_PRICING = doc("docs/billing/pricing.md", "Pricing",
                  "# Pricing\n\nRelay bills gateway usage on the input tokens that pass through it, per UTC day, on "
                  "two lines:\n\n| line | counts | price |\n|---|---|---|\n"
                  "| Input tokens | `prompt_tokens - cached_tokens` | $2.00 per million (0.0002 cents a token) |\n"
                  "| Cached input tokens | `cached_tokens` (prompt-cache reads) | $0.20 per million (0.00002 cents a "
                  "token), **10% of the input price** |\n\nOutput tokens are not metered. Each cached token is "
                  "billed once, on the cached line only: the input line leaves it out.\n")
DOC_INVOICES = doc("docs/billing/invoices.md", "Invoices",
                   "# Invoices\n\nA daily invoice covers one UTC day (00:00-24:00 UTC; 19:00 to 19:00 in Bogotá "
                   "and Lima). It is created as a draft when the day ends and finalised four hours later. Each "
                   "line's quantity equals the request logs' totals for the same UTC day; its unit price is the "
                   "one on the pricing page.\n")


def billing_cached_line_full_price_es_co():
    """Two meters, input and cached input; the cached-input meter is priced at the full input unit
    price while the pricing page bills cache reads at 10% of it. The customer guesses a double count."""
    D, now = "2032-06-22", "2032-06-23T06:00:00Z"
    a = org("org_frailejon", "Frailejón Seguros", "frailejon.com.co", "enterprise")
    b = org("org_chiguiro", "Chigüiro Apps", "chiguiroapps.co", "scale")
    c = org("org_tinto", "Tinto Digital", "tintodigital.com.co", "growth")
    start = at(D, "00:00")
    gh = github(CO, 54301, start, now, 19)
    cop = gh.deploy(54340, at(D, "15:10"), "billing page: show amounts in COP beside USD",
                    ["ui/billing/amount.tsx", "ui/billing/currency-select.tsx", "src/billing/fx-rates.ts"])
    lin = [linear_issue("GW-10321", "Usage page: cache hit ratio shows 0% for Claude models",
                        "The usage page's cache-hit column reads 0% for every Claude model although cached_tokens "
                        "are logged. Meters and invoices are unaffected.", "2032-06-10T10:00:00Z", state="Todo",
                        labels=("bug", "usage-ui")),
           linear_issue("GW-10322", "Invoice PDF: COP conversion rounds to whole pesos",
                        "The COP column on invoice PDFs rounds each line to whole pesos. The USD amounts, which "
                        "are charged, are exact.", "2032-06-18T10:00:00Z", state="Todo", labels=("bug", "billing-ui"))]
    # Frailejón (Bogotá, UTC-5): a policy assistant on gpt-4.1 whose long system prompt is mostly read from
    # the prompt cache (65% of prompt tokens cached), a claims reader on Claude Sonnet 4.6 (45% cached) and
    # a classifier on gpt-4.1-mini (no caching). Two metered lines per UTC day: Input tokens (prompt -
    # cached) at 0.0002 cents a token, and Cached input tokens (cached_tokens) at 0.0002 cents a token as
    # well, where the pricing page says 0.00002 (10% of the input price). Both quantities equal the logs
    # (no token is counted twice: the input meter leaves cached tokens out); the cached line's amount is ten
    # times what the documented rate gives. The COP display deploy at 15:10, the usage-page cache-ratio bug
    # and the PDF rounding bug are bystanders.
    streams = budget([
        stream(a["id"], model="gpt-4.1", per_minute=14, p50=1600, p95=3700, prompt=6000, completion=450,
               cached=0.65, error_rate=0.01, config_id="pc-frailejon-polizas", key="vk-frailejon-app",
               sdk="portkey-python/1.46.0", metadata={"linea": "polizas"}),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2600, p95=6000,
               prompt=9000, completion=700, cached=0.45, error_rate=0.01, config_id="pc-frailejon-siniestros",
               key="vk-frailejon-app", sdk="portkey-python/1.46.0", metadata={"linea": "siniestros"}),
        stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, prompt=800, completion=60,
               error_rate=0.01, config_id="pc-frailejon-clasificador", key="vk-frailejon-app",
               sdk="portkey-python/1.46.0", metadata={"linea": "clasificador"}),
        stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=750, p95=1800, cached=0.3,
               config_id="pc-chiguiro-chat"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-tinto-resenas")])
    cfg = [one_target("pc-frailejon-polizas", a, "polizas", "vk-frailejon-openai", "gpt-4.1", 60000),
           one_target("pc-frailejon-siniestros", a, "siniestros", "vk-frailejon-anthropic", "claude-sonnet-4-6",
                      60000),
           one_target("pc-frailejon-clasificador", a, "clasificador", "vk-frailejon-openai", "gpt-4.1-mini", 20000),
           one_target("pc-chiguiro-chat", b, "chat", "vk-chiguiro-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tinto-resenas", c, "resenas", "vk-tinto-anthropic", "claude-haiku-4-5", 20000)]
    inv = "in_1Frailejon0622"
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [{"meter": "llm_input_tokens", "nickname": "Input tokens", "counts": ["prompt_tokens"],
                        "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": []},
                       {"meter": "llm_cached_input_tokens", "nickname": "Cached input tokens",
                        "counts": ["cached_tokens"], "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
                        "faults": []}],
            "invoices": [{"id": inv, "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2032-06-23T00:00:00Z"}]}
    t = [mail_ticket(54301, a, "Factura del 22 de junio: la línea de tokens en caché no cuadra",
                     "Buenas noches, equipo de Relay:\n\nLes escribo por el borrador de la factura del día de hoy "
                     f"({inv}, 22 de junio en UTC, que ya nos aparece desde las 7 p. m. hora de Bogotá). El total "
                     "está muy por encima de lo que habíamos presupuestado con su página de precios, y la diferencia "
                     "está casi toda en la línea \"Cached input tokens\".\n\nLa cantidad de esa línea sí se parece a "
                     "lo que sumamos en nuestros logs (cached_tokens de todo el día), y la de \"Input tokens\" "
                     "también. Lo que no entendemos es el valor: si divido el monto de la línea de caché por la "
                     "cantidad, me da el mismo precio por token que la línea de entrada normal. ¿Será que los tokens "
                     "en caché se están cobrando dos veces, una en cada línea? ¿O tiene que ver con el cambio a "
                     "pesos que vimos hoy en la página de facturación?\n\nNecesitamos aclararlo antes del cierre "
                     "contable de mañana.\n\nMil gracias,\nCatalina Restrepo Gómez\nAnalista de Costos de "
                     "Tecnología · Frailejón Seguros\nBogotá, Colombia", "2032-06-23T03:10:00Z",
                     "Catalina Restrepo Gómez", email="catalina.restrepo")]
    # Truth: the invoice's quantities equal the logs and no token is counted on both lines; the cached
    # line is priced at the full input price where the pricing page states 10% of it: our meter's price
    # is wrong, billing_pipeline, cited with the invoice and the pricing page. Bystanders: the COP deploy,
    # the two usage/billing UI bugs.
    return scenario("", "token-billing-cached-line-full-input-price-bogota-spanish",
                    "Colombian Spanish ticket (Bogotá, UTC-5, written at 22:10 local time on the draft of the UTC "
                    "day's invoice, guesses a double count or the new COP display): two meters; the Cached input "
                    "tokens meter is priced at 0.0002 cents a token, the input price, while the pricing page bills "
                    "cache reads at 10% of it, so the cached line of in_1Frailejon0622 is ten times the documented "
                    "amount while both quantities equal the logs (billing_pipeline). A COP display deploy, a "
                    "usage-page cache-ratio bug and a PDF rounding bug are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], start, 54301, streams, [], t,
                    {54301: truth("token-billing", "billing_pipeline",
                                  [f"stripe:invoice:{inv}", "docs:docs/billing/pricing.md"],
                                  [f"github:deployment:{cop}", "linear:issue:GW-10321", "linear:issue:GW-10322"],
                                  ["10%"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_PRICING, DOC_INVOICES])


# ---------------------------------------------------------------------------------------------
# 4. metadata, Belgian French (Brussels, CEST), known_bug
# ---------------------------------------------------------------------------------------------

DOC_METADATA = doc("docs/observability/metadata.md", "Custom metadata",
                   "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or with "
                   "the SDK's `metadata` option, which sets that header. It is stored with the request log and "
                   "forwarded to the provider, for streamed and non-streamed requests alike. Keys are case "
                   "sensitive; at most 16 keys, values at most 128 characters.\n")


def metadata_node_streamed_known_bug_fr_be():
    """Streamed requests sent with portkey-node 2.31.0 are logged without metadata, every org's, as the
    open GW-10421 says; non-streamed 2.31.0 requests and streamed Python ones keep it."""
    Y, D, now = "2032-06-28", "2032-06-29", "2032-06-29T11:30:00Z"
    a = org("org_houblon", "Houblon Logistique", "houblon-logistique.be", "enterprise")
    b = org("org_chicoree", "Chicorée Média", "chicoree-media.be", "scale")
    c = org("org_kriek", "Kriek Analytics", "kriek-analytics.be", "growth")
    start = at(Y, "12:00")
    gh = github(CO, 54401, start, now, 16)
    zstd = gh.deploy(54440, at(D, "07:18"), "logs: compress the metadata column with ZSTD",
                     ["src/logs/storage/schema.sql", "src/logs/storage/writer.ts", "src/logs/storage/writer.test.ts"])
    gh.release(54491, "v2.31.0", "portkey-node v2.31.0",
               "## Changes\n\n- Streaming: new fetch-based SSE transport, lower time to first token on edge "
               "runtimes.\n- `client.files.retrieveContent()` helper.\n- Node 18 is no longer supported.\n",
               "2032-06-22T09:00:00Z")
    gh.release(54492, "v1.46.0", "portkey-python v1.46.0", "## Changes\n\n- Async batch helpers.\n",
               "2032-06-15T09:00:00Z")
    bug = linear_issue("GW-10421", "portkey-node 2.31.0: streamed requests logged without metadata",
                       "Since portkey-node 2.31.0 the SDK's fetch-based streaming transport sends the metadata as "
                       "the `portkey_metadata` query parameter instead of the `x-portkey-metadata` header. The "
                       "gateway reads only the header, so every `stream: true` request sent with 2.31.0 is stored "
                       "and forwarded without metadata. Non-streamed requests from 2.31.0 and every request from "
                       "2.30.x are unaffected. Reported by two customers. Workaround: pin 2.30.2, or pass "
                       "`streamTransport: 'node'` to the client. Gateway fix (read the parameter too) in review.",
                       "2032-06-28T15:20:00Z", labels=("bug", "metadata", "sdk:node"))
    look = linear_issue("GW-10422", "Logs view truncates metadata values longer than 128 characters",
                        "Metadata values above 128 characters are cut in the logs view; the stored value is cut too "
                        "as documented, but without an ellipsis.", "2032-06-21T10:00:00Z", state="Todo",
                        labels=("bug", "metadata", "dashboard"))
    old = linear_issue("GW-9960", "Streamed /v1/messages requests lose metadata",
                       "Streamed Anthropic-format requests on /v1/messages were logged without metadata.",
                       "2032-05-06T10:00:00Z", state="Done", labels=("bug", "metadata"),
                       completed="2032-05-12T16:00:00Z")
    sp = Statuspage(now)
    cc = sp.incident("anthropic", "z6c2l8a4u0d5", "Claude Code sessions failing to start", at(D, "06:40"),
                     at(D, "07:25"), "Some Claude Code sessions fail to start.", component="Claude Code",
                     impact="minor")
    # Houblon (Brussels, CEST UTC+2): a streamed shipment assistant pc-houblon-assistant on gpt-4.1
    # (portkey-node/2.30.2 until 07:30 UTC, 2.31.0 from then on: two streams, each silent on its side of
    # the upgrade), a non-streamed customs-document reader pc-houblon-douane on Claude Sonnet 4.6 that has
    # run portkey-node/2.31.0 since last week, and a streamed translation service pc-houblon-traduction on
    # portkey-python/1.46.0; every request carries {"entrepot", "client_id"}. Every streamed request sent
    # with portkey-node/2.31.0 is logged without metadata: Houblon's assistant from 07:30 (09:30 CEST),
    # Chicorée's streamed live-captions app all window (the report behind GW-10421). The customs reader
    # (2.31.0, not streamed), the translation service (streamed, Python) and Kriek keep theirs. The ZSTD
    # deploy at 07:18 compresses a column and loses nothing (every other request keeps its metadata after
    # it); the truncation bug, the fixed /v1/messages bug and a Claude Code incident are bystanders.
    meta = {"entrepot": "ANR-2", "client_id": "C-70412"}
    streams = budget([
        streamed(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1700, p95=3900, error_rate=0.01,
                        config_id="pc-houblon-assistant", key="vk-houblon-app", sdk="portkey-node/2.30.2",
                        metadata=meta)),
        streamed(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1700, p95=3900, error_rate=0.01,
                        config_id="pc-houblon-assistant", key="vk-houblon-app", sdk="portkey-node/2.31.0",
                        metadata=meta)),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2600, p95=6000,
               error_rate=0.01, config_id="pc-houblon-douane", key="vk-houblon-douane", sdk="portkey-node/2.31.0",
               metadata={"entrepot": "ANR-2", "dossier": "DOU-5531"}),
        streamed(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=700, p95=1700,
                        error_rate=0.01, config_id="pc-houblon-traduction", key="vk-houblon-app",
                        sdk="portkey-python/1.46.0", metadata={"entrepot": "LGG-1", "langue": "nl"})),
        streamed(stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=650, p95=1600, config_id="pc-chicoree-live",
                        sdk="portkey-node/2.31.0", metadata={"emission": "journal-19h"})),
        stream(c["id"], per_minute=4, config_id="pc-kriek-rapports", sdk="portkey-python/1.46.0",
               metadata={"rapport": "hebdo"})])
    an = [volume(start, at(D, "07:30"), {"config_id": "pc-houblon-assistant", "sdk": "portkey-node/2.31.0"}, 0.0),
          volume(at(D, "07:30"), None, {"config_id": "pc-houblon-assistant", "sdk": "portkey-node/2.30.2"}, 0.0),
          metadata_dropped(start, None, {"config_id": "pc-houblon-assistant", "sdk": "portkey-node/2.31.0"}),
          metadata_dropped(start, None, {"config_id": "pc-chicoree-live", "sdk": "portkey-node/2.31.0"})]
    cfg = [one_target("pc-houblon-assistant", a, "assistant", "vk-houblon-openai", "gpt-4.1", 60000),
           one_target("pc-houblon-douane", a, "douane", "vk-houblon-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-houblon-traduction", a, "traduction", "vk-houblon-anthropic", "claude-haiku-4-5", 30000),
           one_target("pc-chicoree-live", b, "live", "vk-chicoree-openai", "gpt-4.1-mini", 30000),
           one_target("pc-kriek-rapports", c, "rapports", "vk-kriek-openai", "gpt-4o", 30000)]
    t = [mail_ticket(54401, a, "Métadonnées absentes dans les logs de l'assistant depuis ce matin",
                     "Bonjour à toute l'équipe,\n\nDepuis ce matin, vers 9 h 30 (heure de Bruxelles), les requêtes "
                     "de notre assistant d'expédition (config pc-houblon-assistant) arrivent dans vos logs sans "
                     "aucune métadonnée : plus de entrepot ni de client_id, le champ est simplement {}. Nos "
                     "tableaux de bord de refacturation par client sont donc vides pour la matinée, et nos septante "
                     "agents du service client ne retrouvent plus leurs conversations.\n\nCôté douane, tout est normal, les "
                     "métadonnées sont bien là, et la traduction aussi. Je précise qu'on a mis à jour le SDK Node "
                     "de l'assistant ce matin, mais la douane tourne sur la même version depuis la semaine passée "
                     "sans le moindre souci, donc je doute que ce soit ça. J'ai par contre vu dans votre changelog "
                     "une compression de la colonne des métadonnées vers 9 h 18 : ça ne pourrait pas venir de "
                     "là ?\n\nExemple d'entrée dans vos logs :\n\n```\n{\"config_id\": \"pc-houblon-assistant\", "
                     "\"model\": \"gpt-4.1\", \"status\": 200, \"metadata\": {}}\n```\n\nMerci d'avance pour votre "
                     "retour.\n\nBien à vous,\nGeoffrey Vandenbroucke\nResponsable des intégrations\nHoublon "
                     "Logistique – Anvers / Bruxelles", at(D, "10:40"), "Geoffrey Vandenbroucke",
                     email="g.vandenbroucke")]
    # Truth: only streamed requests sent with portkey-node/2.31.0 lose their metadata, in two orgs; the
    # same version without streaming and streamed requests from another SDK keep it; an open issue filed
    # the day before describes exactly this: known_bug, cited with the issue and the SDK version.
    # Bystanders: the ZSTD deploy, the truncation bug, the fixed /v1/messages bug, the Claude Code incident,
    # the non-streamed customs config.
    return scenario("", "metadata-node-streamed-known-bug-brussels-french",
                    "Belgian French ticket (Brussels, CEST UTC+2, 'septante agents', blames our metadata-compression "
                    "deploy at 09:18 local time and rules out its SDK upgrade): every streamed request sent with "
                    "portkey-node/2.31.0 is logged without metadata, the org's assistant from its upgrade at 07:30 "
                    "UTC and another org's streamed app all window, while the org's non-streamed customs reader on "
                    "2.31.0 and its streamed Python service keep theirs; open Linear GW-10421 describes it "
                    "(known_bug). The ZSTD deploy at 07:18, a truncation bug, a fixed /v1/messages bug and a Claude "
                    "Code incident are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], start, 54401, streams, an, t,
                    {54401: truth("metadata", "known_bug", ["linear:issue:GW-10421", "sdk:portkey-node/2.31.0"],
                                  [f"github:deployment:{zstd}", "linear:issue:GW-10422", "linear:issue:GW-9960", cc,
                                   "config:pc-houblon-douane"],
                                  ["2.31.0"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, look, old], docs=[DOC_METADATA])


# ---------------------------------------------------------------------------------------------
# 5. fallback, Japanese (Osaka, JST), customer_config + provider_outage
# ---------------------------------------------------------------------------------------------

DOC_FALLBACKS = doc("docs/routing/fallbacks.md", "Fallbacks",
                    "# Fallbacks\n\nA config with `strategy.mode = fallback` tries its targets in order. It moves to "
                    "the next target when a target answers one of the statuses in `strategy.on_status_codes`.\n\n"
                    "- When `on_status_codes` is set, **only those statuses** trigger the fallback. Any other error, "
                    "including a provider's `504` gateway timeout, is returned to the client as the first target "
                    "answered it.\n- When it is absent, `429` and every `5xx` trigger it.\n\nA typical list is "
                    "`[429, 500, 502, 503, 504]`. Requests served by a later target show `fallback_used: 1` in the "
                    "request log.\n")


def fallback_504_not_listed_osaka_ja():
    """OpenAI's incident answers 504 to 45% of every org's gpt-4.1 requests 03:20-04:50 UTC; the org's
    fallback config lists only 500/502/503, so its 504s reach the client, while another org's config
    that lists 504 fails over to Claude."""
    Y, D, now = "2032-07-08", "2032-07-09", "2032-07-09T06:10:00Z"
    a = org("org_naniwa", "Naniwa Shoji", "naniwa-shoji.co.jp", "enterprise")
    b = org("org_shachi", "Shachi Mobility", "shachi-mobility.jp", "scale")
    c = org("org_yamabuki", "Yamabuki Clinic", "yamabuki-clinic.jp", "growth")
    start = at(Y, "06:00")
    gh = github(CO, 54501, start, now, 23)
    rt = gh.deploy(54540, at(D, "03:02"), "router: per-attempt latency in the fallback log",
                   ["src/router/fallback-log.ts", "ui/logs/request-detail.tsx", "src/router/fallback-log.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "z8t4i0m6e2o7", "Increased timeouts on GPT-4.1", at(D, "03:20"), at(D, "04:50"),
                      "Some GPT-4.1 requests fail with 504 gateway timeout errors. We are working on a fix.")
    sora = sp.incident("openai", "z2s6v0i4d8e1", "Sora video generation unavailable", at(D, "01:10"),
                       at(D, "02:05"), "Sora video generations are failing.", component="Sora")
    lin = [linear_issue("GW-10521", "Fallback: streamed requests do not fail over on request_timeout",
                        "A streamed request whose first target exceeds request_timeout is answered 408 instead of "
                        "trying the next target. Non-streamed requests fail over as documented.",
                        "2032-06-30T10:00:00Z", state="Todo", labels=("bug", "router"))]
    # Naniwa (Osaka, JST UTC+9, office hours 00:00-09:00 UTC): order intake pc-naniwa-chumon is a fallback
    # config, gpt-4.1 then claude-sonnet-4-6, not streamed, whose strategy.on_status_codes is [500, 502,
    # 503]; a FAQ bot on gpt-4.1-mini and an inventory summariser on Claude Haiku. OpenAI's incident
    # 03:20-04:50 UTC (12:20-13:50 JST): 45% of every org's gpt-4.1 requests are answered 504
    # provider_timeout. Naniwa's 504s reach the client (nothing is served by Claude, 504 is not listed);
    # Shachi's fallback config, which lists 504, has its 504'd requests served by claude-sonnet-4-6. The
    # FAQ bot (gpt-4.1-mini) and the Haiku config keep their 1%. The fallback-log deploy at 03:02 did not
    # stop Shachi's fallback; the Sora incident is another product, over before; the streamed-timeout bug
    # needs a streamed request and a request_timeout.
    sdk = "portkey-python/1.46.0"
    streams = budget([
        cycle(stream(a["id"], model="gpt-4.1", per_minute=14, p50=1600, p95=3700, error_rate=0.01,
                     config_id="pc-naniwa-chumon", key="vk-naniwa-chumon", sdk=sdk, metadata={"bumon": "eigyo"}),
              1, 9, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.01,
                     config_id="pc-naniwa-faq", key="vk-naniwa-web", sdk="portkey-node/2.30.2"), 1, 9, 0.3),
        cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                     error_rate=0.01, config_id="pc-naniwa-zaiko", key="vk-naniwa-chumon", sdk=sdk), 1, 9, 0.3),
        stream(b["id"], model="gpt-4.1", per_minute=9, p50=1600, p95=3600, config_id="pc-shachi-haisha",
               sdk="portkey-node/2.30.2"),
        stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=2300, p95=5400,
               config_id="pc-yamabuki-monshin")])
    an = [errors(at(D, "03:20"), at(D, "04:50"), {"config_id": "pc-naniwa-chumon"}, 0.45, 504, "provider_timeout"),
          errors(at(D, "03:20"), at(D, "04:50"), {"config_id": "pc-shachi-haisha"}, 0.45, 504, "provider_timeout",
                 {"provider": "anthropic", "model": "claude-sonnet-4-6"})]
    chumon = config("pc-naniwa-chumon", a["id"], "chumon",
                    [target("vk-naniwa-openai", "gpt-4.1", 60000), target("vk-naniwa-anthropic", "claude-sonnet-4-6",
                                                                          60000)],
                    mode="fallback", updated="2032-03-11T02:00:00Z")
    chumon["config"]["strategy"]["on_status_codes"] = [500, 502, 503]
    haisha = config("pc-shachi-haisha", b["id"], "haisha",
                    [target("vk-shachi-openai", "gpt-4.1", 60000), target("vk-shachi-anthropic", "claude-sonnet-4-6",
                                                                          60000)],
                    mode="fallback", updated="2032-01-20T02:00:00Z")
    haisha["config"]["strategy"]["on_status_codes"] = [429, 500, 502, 503, 504]
    cfg = [chumon,
           one_target("pc-naniwa-faq", a, "faq", "vk-naniwa-openai", "gpt-4.1-mini", 20000),
           one_target("pc-naniwa-zaiko", a, "zaiko", "vk-naniwa-anthropic", "claude-haiku-4-5", 20000),
           haisha,
           one_target("pc-yamabuki-monshin", c, "monshin", "vk-yamabuki-anthropic", "claude-sonnet-4-6", 60000)]
    t = [mail_ticket(54501, a, "【至急】受注アシスタントでフォールバックが作動しません",
                     "Relay サポートご担当者様\n\nいつもお世話になっております。浪速商事 情報システム課の西田でございます。"
                     "\n\n本日12時20分頃（日本時間）から13時50分頃まで、受注アシスタント（pc-naniwa-chumon）で OpenAI "
                     "からのエラーが多発し、営業担当からの問い合わせが殺到いたしました。\n\nこの設定では GPT-4.1 が失敗した"
                     "場合に Claude Sonnet へ切り替わるようフォールバックを組んでおりますが、エラーがそのままアプリ側に"
                     "返ってきており、Claude に切り替わった形跡が一件もございません。OpenAI のステータスページにも"
                     "障害が出ておりましたので、まさにこういう時のためのフォールバックのはずなのですが……。\n\n"
                     "アプリのログ（抜粋）:\n```\n2032-07-09 12:31:45 JST ERROR chumon.llm status=504 "
                     "body={\"error\":{\"code\":\"provider_timeout\",\"provider\":\"openai\"}} fallback_used=0\n```\n\n"
                     "また、御社の変更履歴を拝見したところ、12時02分頃にルーターのフォールバック関連のデプロイがあった"
                     "ようですが、こちらの影響ではございませんでしょうか。設定はこの3月から変更しておりません。\n\n"
                     "原因と対処方法をご教示いただけますと幸いです。\nよろしくお願いいたします。\n\n西田 健太\n"
                     "浪速商事株式会社 情報システム課（大阪本社）", at(D, "05:30"), "Kenta Nishida", priority="high",
                     email="k.nishida")]
    # Primary: the config's strategy.on_status_codes lists 500, 502 and 503 but not the 504 its first
    # target answered, so, as the fallbacks page says, those errors are returned unchanged, while another
    # org's config that lists 504 failed over through the same incident after the router deploy:
    # customer_config, cited with the config and the fallbacks page. Secondary: OpenAI's declared gpt-4.1
    # incident, cited with the incident. Bystanders: the fallback-log deploy, the Sora incident, the
    # streamed-timeout bug, the FAQ config.
    return scenario("", "fallback-504-not-in-strategy-codes-gpt41-incident-osaka-japanese",
                    "Japanese ticket (Osaka, JST UTC+9, pasted log line, asks about our router deploy at 12:02 JST), "
                    "two causes: OpenAI's incident answers 504 to 45% of every org's gpt-4.1 requests 03:20-04:50 "
                    "UTC; pc-naniwa-chumon's strategy.on_status_codes lists only 500, 502 and 503, so its 504s reach "
                    "the client while another org's config listing 504 fails over to Claude (customer_config); the "
                    "incident itself (secondary provider_outage). A fallback-log deploy at 03:02, a Sora incident "
                    "and a streamed-timeout bug are bystanders among 23 routine deploys.",
                    now, CO, [a, b, c], start, 54501, streams, an, t,
                    {54501: truth("fallback", "customer_config",
                                  ["config:pc-naniwa-chumon", "docs:docs/routing/fallbacks.md"],
                                  [f"github:deployment:{rt}", sora, "linear:issue:GW-10521", "config:pc-naniwa-faq"],
                                  ["504", "on_status_codes"],
                                  [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


# ---------------------------------------------------------------------------------------------
# 6. provider-routing, English with typos (Chicago, CDT), customer_config
# ---------------------------------------------------------------------------------------------

DOC_LOADBALANCE = doc("docs/routing/loadbalance.md", "Load balancing",
                      "# Load balancing\n\nA config with `strategy.mode = loadbalance` sends each request to one of "
                      "its targets, chosen at random in proportion to the target's `weight`. A target with weight 0 "
                      "receives no requests at all; it stays in the config so that you can bring it back by raising "
                      "its weight. Changes apply to the next request after the config is saved.\n")


def routing_loadbalance_weight_zero_en_typos():
    """The org saved its loadbalance config at 15:20 UTC with the Anthropic target's weight 0; from
    then every request of that config goes to gpt-4.1. The customer thinks Anthropic is broken or
    blocked after an Opus incident that morning."""
    Y, D, now = "2032-07-13", "2032-07-14", "2032-07-14T17:30:00Z"
    a = org("org_bluegill", "Bluegill Insurance Services", "bluegillins.com", "enterprise")
    b = org("org_sumac", "Sumac Health", "sumachealth.com", "scale")
    c = org("org_muskrat", "Muskrat Labs", "muskratlabs.io", "growth")
    start = at(Y, "18:00")
    gh = github(CO, 54601, start, now, 14)
    adp = gh.deploy(54640, at(D, "14:48"), "anthropic adapter: map stop_reason pause_turn to finish_reason",
                    ["src/providers/anthropic/response.ts", "src/providers/anthropic/response.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "z9o3p7u1s5f8", "Elevated errors on Claude Opus 4.1", at(D, "12:00"),
                       at(D, "12:50"), "Some requests to Claude Opus 4.1 fail with 500 errors. Other models are not "
                                       "affected.")
    lin = [linear_issue("GW-10621", "Config editor: loadbalance weights above 1 rejected",
                        "The config editor refuses a loadbalance weight greater than 1 although the API accepts it.",
                        "2032-07-01T10:00:00Z", state="Todo", labels=("bug", "dashboard"))]
    # Bluegill (Chicago, CDT UTC-5): its policyholder assistant pc-bluegill-assist is a loadbalance config,
    # gpt-4.1 and claude-sonnet-4-6 at 0.5 each, about 8 requests a minute on each. Someone at the org saved
    # it at 15:20 UTC (10:20 CDT) with the Anthropic target's weight 0: from 15:20 no request of that config
    # goes to Claude and the gpt-4.1 side carries twice its volume, without errors. The org's claims
    # summariser pc-bluegill-claims on claude-haiku-4-5 keeps being served by Anthropic all day. The Opus
    # incident (12:00-12:50 UTC, Muskrat's Opus config answered 500) was over more than two hours before
    # and is another model; the Anthropic adapter deploy at 14:48 changes response mapping, Haiku is
    # served after it; the editor bug is about weights above 1.
    streams = budget([
        stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3500, error_rate=0.01,
               config_id="pc-bluegill-assist", key="vk-bluegill-web", sdk="portkey-node/2.30.2"),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2300, p95=5400,
               error_rate=0.01, config_id="pc-bluegill-assist", key="vk-bluegill-web", sdk="portkey-node/2.30.2"),
        stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=600, p95=1500,
               error_rate=0.01, config_id="pc-bluegill-claims", key="vk-bluegill-claims", sdk="portkey-python/1.46.0"),
        stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=150, p95=380,
               prompt=1500, completion=0, error_rate=0.01, config_id="pc-bluegill-search", key="vk-bluegill-claims",
               sdk="portkey-python/1.46.0"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-sumac-intake"),
        stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=3, p50=4500, p95=10000,
               config_id="pc-muskrat-research")])
    an = [volume(at(D, "15:20"), None, {"config_id": "pc-bluegill-assist", "provider": "anthropic"}, 0.0),
          volume(at(D, "15:20"), None, {"config_id": "pc-bluegill-assist", "provider": "openai"}, 2.0),
          errors(at(D, "12:00"), at(D, "12:50"), {"model": "claude-opus-4-1"}, 0.4, 500, "provider_error")]
    assist = config("pc-bluegill-assist", a["id"], "policyholder-assist",
                    [dict(target("vk-bluegill-openai", "gpt-4.1", 60000), weight=0.5),
                     dict(target("vk-bluegill-anthropic", "claude-sonnet-4-6", 60000), weight=0)],
                    mode="loadbalance", updated=at(D, "15:20"))
    cfg = [assist,
           one_target("pc-bluegill-claims", a, "claims", "vk-bluegill-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-bluegill-search", a, "search", "vk-bluegill-openai", "text-embedding-3-small", 10000),
           one_target("pc-sumac-intake", b, "intake", "vk-sumac-openai", "gpt-4.1-mini", 30000),
           one_target("pc-muskrat-research", c, "research", "vk-muskrat-anthropic", "claude-opus-4-1", 120000)]
    t = [mail_ticket(54601, a, "claude blocked on our acount??",
                     "Hi support,\n\nsince late this moring (around 10.20am central) our policyholder assistant is "
                     "sending EVERYTHING to gpt-4.1, zero requests going to claude anymore. we split it 50/50 "
                     "between the two for an eval and the claude half just dissapeared from the logs. no errors, "
                     "they just all show provider openai now.\n\nI saw anthropic had an outage this morning so I "
                     "assume its still broken on there side or you guys disabled/blocked anthropic for our org "
                     "because of it?? nobody here touched the routing as far as I know. can you unblock it or tell "
                     "us when its fixed, the eval is due friday.\n\nthanks\nTravis Kowalczyk\nSr. Software "
                     "Engineer | Bluegill Insurance Services\nSent from my iPhone", at(D, "17:05"),
                     "Travis Kowalczyk", priority="high")]
    # Truth: the Claude half of one loadbalance config went to zero, and its GPT half doubled, at the
    # minute the config was saved with the Anthropic target's weight 0, without a single error; the org's
    # other Anthropic config is served throughout: customer_config, cited with the config. Bystanders: the
    # Opus incident (another model, over before), the Anthropic adapter deploy, the editor bug, the Haiku
    # config.
    return scenario("", "provider-routing-loadbalance-weight-zero-chicago-english-typos",
                    "English ticket with typos (Chicago, CDT UTC-5, 'blocked on our acount', blames an Anthropic "
                    "outage, says nobody touched the routing): pc-bluegill-assist was saved at 15:20 UTC with the "
                    "Anthropic target's weight 0, and from then every request of that loadbalance config goes to "
                    "gpt-4.1 without errors while the org's Haiku config is served by Anthropic all day "
                    "(customer_config). An Opus incident that morning, an Anthropic adapter deploy at 14:48 and a "
                    "config-editor bug are bystanders among 14 routine deploys.",
                    now, CO, [a, b, c], start, 54601, streams, an, t,
                    {54601: truth("provider-routing", "customer_config", ["config:pc-bluegill-assist"],
                                  [opus, f"github:deployment:{adp}", "linear:issue:GW-10621",
                                   "config:pc-bluegill-claims"],
                                  ["weight", "15:20"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LOADBALANCE])


# ---------------------------------------------------------------------------------------------
# 7. api-errors, European Portuguese (Lisbon, WEST), no_fault_found
# ---------------------------------------------------------------------------------------------

DOC_ERRORS = doc("docs/errors/status-codes.md", "Error codes",
                 "# Error codes\n\nErrors the provider sends are passed on unchanged; errors of the gateway "
                 "itself carry `error_code: internal_error`. Every provider fails a small share of requests even "
                 "on a good day. The dashboard's error widget shows counts: compare the error **rate** (errors / "
                 "requests) with the same hours of the day before before reading a change into a rising count.\n")
DOC_EXPORT = doc("docs/observability/log-export.md", "Exporting request logs",
                 "# Exporting request logs\n\nRequest logs can be exported from Logs → Export as CSV or JSON Lines, "
                 "for up to 31 days at a time. Scale and enterprise plans can also schedule a daily export to an "
                 "S3 or GCS bucket under Settings → Log export; the file for a UTC day is written by 02:00 UTC the "
                 "next day. Logs are kept 30 days on growth, 90 days on scale and a year on enterprise.\n")


def api_errors_business_day_count_no_fault_pt():
    """A big org's failed-request count rises every business morning with its traffic at a flat ~0.8%;
    the customer says errors exploded this morning. An o3 incident (another org's model) and our
    OpenAI retry deploy tempt."""
    Y, D, now = "2032-07-19", "2032-07-20", "2032-07-20T11:00:00Z"
    a = org("org_bacalhau", "Bacalhau Telecom", "bacalhau-telecom.pt", "enterprise")
    b = org("org_ginja", "Ginja Digital", "ginjadigital.pt", "scale")
    c = org("org_medronho", "Medronho Viagens", "medronhoviagens.pt", "growth")
    start = at(Y, "06:00")
    gh = github(CO, 54701, start, now, 26)
    retry = gh.deploy(54740, at(D, "07:58"), "openai adapter: retry upstream 502 once with jitter",
                      ["src/providers/openai/retry.ts", "src/providers/openai/retry.test.ts"])
    sp = Statuspage(now)
    o3 = sp.incident("openai", "z1o5t9r3e7s2", "Elevated error rates on o3", at(D, "08:30"), at(D, "09:40"),
                     "Some o3 requests fail with 500 errors.")
    lin = [linear_issue("GW-10721", "Logs export: error_code empty for client-cancelled (499) requests",
                        "In CSV exports the error_code column is empty for requests the client cancelled. The logs "
                        "view shows client_cancelled.", "2032-07-08T10:00:00Z", state="Todo",
                        labels=("bug", "export"))]
    # Bacalhau (Lisbon, WEST UTC+1, business hours 07:00-18:00 UTC, a fifth of that volume at night): a
    # customer-care assistant on gpt-4.1, a network-ticket classifier on gpt-4.1-mini, a contract reader on
    # Claude Sonnet 4.6 and search on OpenAI embeddings, 54 requests a minute at the busy hours, every
    # stream failing a steady 0.8% all window: some 25 failures an hour in business hours, 4-5 an hour at
    # night, yesterday as today. No anomaly touches Bacalhau. OpenAI's o3 incident (08:30-09:40 UTC) is on
    # Ginja's o3 config only; the OpenAI retry deploy at 07:58 changed nothing measurable (the rate before
    # and after is the same); the export bug is about CSV columns.
    sdk = "portkey-python/1.46.0"
    streams = budget([
        cycle(stream(a["id"], model="gpt-4.1", per_minute=18, p50=1500, p95=3500, error_rate=0.008,
                     config_id="pc-bacalhau-apoio", key="vk-bacalhau-apoio", sdk=sdk,
                     metadata={"canal": "apoio"}), 7, 18, 0.2),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=700, p95=1700, error_rate=0.008,
                     config_id="pc-bacalhau-avarias", key="vk-bacalhau-rede", sdk=sdk,
                     metadata={"canal": "avarias"}), 7, 18, 0.2),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=2400, p95=5600,
                     error_rate=0.008, config_id="pc-bacalhau-contratos", key="vk-bacalhau-apoio", sdk=sdk,
                     metadata={"canal": "contratos"}), 7, 18, 0.2),
        cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=10, p50=180,
                     p95=420, prompt=2000, completion=0, error_rate=0.008, config_id="pc-bacalhau-pesquisa",
                     key="vk-bacalhau-rede", sdk=sdk), 7, 18, 0.2),
        stream(b["id"], model="o3", per_minute=4, p50=9000, p95=20000, config_id="pc-ginja-analise",
               sdk="portkey-node/2.30.2"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-ginja-chat",
               sdk="portkey-node/2.30.2"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-medronho-roteiros")])
    an = [errors(at(D, "08:30"), at(D, "09:40"), {"model": "o3"}, 0.4, 500, "provider_error")]
    cfg = [one_target("pc-bacalhau-apoio", a, "apoio", "vk-bacalhau-openai", "gpt-4.1", 60000),
           one_target("pc-bacalhau-avarias", a, "avarias", "vk-bacalhau-openai", "gpt-4.1-mini", 30000),
           one_target("pc-bacalhau-contratos", a, "contratos", "vk-bacalhau-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-bacalhau-pesquisa", a, "pesquisa", "vk-bacalhau-openai", "text-embedding-3-large", 10000),
           one_target("pc-ginja-analise", b, "analise", "vk-ginja-openai", "o3", 120000),
           one_target("pc-ginja-chat", b, "chat", "vk-ginja-openai", "gpt-4.1-mini", 30000),
           one_target("pc-medronho-roteiros", c, "roteiros", "vk-medronho-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(54701, a, "Erros dispararam esta manhã – o que se passa?",
                     "Bom dia,\n\nOs erros na nossa conta dispararam esta manhã. Durante a noite tínhamos "
                     "praticamente zero e, desde as 8h (hora de Lisboa), o painel mostra dezenas por hora, em todos "
                     "os serviços: apoio ao cliente, avarias, contratos e pesquisa. Eis o que a nossa monitorização "
                     "regista (erros por hora, hora de Lisboa):\n\n```\n03h  4\n04h  3\n05h  4\n06h  5\n07h  6\n"
                     "08h 19\n09h 26\n10h 28\n11h 14 (até agora)\n```\n\nVi que a OpenAI teve um incidente esta "
                     "manhã e que vocês fizeram uma alteração ao adaptador da OpenAI pouco antes das 9h. Qual das "
                     "duas é a causa? Precisamos de uma explicação para a direção de operações ainda hoje.\n\n"
                     "Com os melhores cumprimentos,\nRicardo Sousa Mendes\nCoordenador de Plataformas de IA\n"
                     "Bacalhau Telecom, S.A. – Lisboa", at(D, "10:35"), "Ricardo Sousa Mendes",
                     email="ricardo.mendes"),
         mail_ticket(54702, a, "Exportação diária dos logs para S3",
                     "Olá,\n\nÉ possível receber os logs de pedidos todos os dias num bucket S3 nosso? E durante "
                     "quanto tempo ficam guardados na vossa plataforma?\n\nObrigada,\nMarta Figueiredo\nEquipa de "
                     "Dados · Bacalhau Telecom", at(D, "09:50"), "Marta Figueiredo", priority="low")]
    # Truth: the org's error rate is a flat 0.8% on every stream, before and after the deploy, during and
    # outside the o3 incident, today as yesterday; the count follows the business-hours volume:
    # no_fault_found. Bystanders: the OpenAI retry deploy, the o3 incident (another org's model), the export
    # bug.
    return scenario("", "api-errors-business-morning-count-no-fault-lisbon-portuguese",
                    "European Portuguese ticket (Lisbon, WEST UTC+1, pasted hourly error counts, 'os erros "
                    "dispararam esta manhã', asks whether OpenAI's incident or our deploy is the cause): a big org "
                    "whose four configs fail a flat 0.8% all window, the count rising with its 07:00-18:00 UTC "
                    "business-hours volume as it did the day before (no_fault_found). OpenAI's o3 incident (another "
                    "org's model), an OpenAI retry deploy at 07:58 and an export bug are bystanders among 26 routine "
                    "deploys; a plain question about a daily S3 export.",
                    now, CO, [a, b, c], start, 54701, streams, an, t,
                    {54701: truth("api-errors", "no_fault_found", [],
                                  [f"github:deployment:{retry}", o3, "linear:issue:GW-10721"], ["ontem"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_ERRORS, DOC_EXPORT],
                    answers={54702: ["docs:docs/observability/log-export.md"]})


# ---------------------------------------------------------------------------------------------
# 8. api-errors, Japanese (Tokyo, JST), deploy_regression + rate_limited
# ---------------------------------------------------------------------------------------------

DOC_BUDGETS = doc("docs/limits/budgets.md", "Virtual key budgets",
                  "# Virtual key budgets\n\nA virtual key can carry a monthly budget in USD (Settings → Virtual keys "
                  "→ Budget). Once the month's spend reaches it, every request routed through that key is refused "
                  "429 with `error_code: budget_exceeded` until the first day of the next month (UTC) or until the "
                  "budget is raised. Other virtual keys of the organisation are not affected. A "
                  "`budget.exceeded` webhook is sent when it happens.\n")
DOC_IMAGES = doc("docs/api/images.md", "Image generation",
                 "# Image generation\n\n`/v1/images/generations` routes image requests like any other request. "
                 "`gpt-image-1` and `dall-e-3` are supported on OpenAI. Generation usually takes 5-30 seconds; set "
                 "`request_timeout` accordingly.\n")


def api_errors_images_deploy_and_key_budget_ja():
    """Our images deploy at 02:10 UTC makes 70% of every org's /v1/images/generations requests fail 500
    from 02:12; from 03:05 the org's catalogue-copy config is refused 429 budget_exceeded."""
    Y, D, now = "2032-07-28", "2032-07-29", "2032-07-29T05:00:00Z"
    a = org("org_nishiki", "Nishiki Mode", "nishiki-mode.co.jp", "enterprise")
    b = org("org_kingyo", "Kingyo Games", "kingyo-games.jp", "scale")
    c = org("org_tsurara", "Tsurara Foods", "tsurara-foods.jp", "growth")
    start = at(Y, "05:00")
    gh = github(CO, 54801, start, now, 20)
    ui = gh.deploy(54841, at(Y, "23:40"), "settings: budget usage bar on the virtual keys page",
                   ["ui/settings/virtual-keys.tsx", "ui/settings/budget-bar.tsx"])
    near = gh.deploy(54842, at(D, "01:45"), "anthropic adapter: forward top_k on Claude 4 models",
                     ["src/providers/anthropic/request.ts", "src/providers/anthropic/request.test.ts"])
    bad = gh.deploy(54840, at(D, "02:10"), "images: upload generated images to storage before responding",
                    ["src/routes/images/generations.ts", "src/routes/images/storage.ts",
                     "src/routes/images/generations.test.ts"],
                    message="images: persist b64 results to object storage and return signed URLs (#9544)")
    sp = Statuspage(now)
    chat = sp.incident("openai", "z0c4h8a2t6g9", "Image generation in ChatGPT degraded", at(D, "00:40"),
                       at(D, "01:30"), "Some ChatGPT users see slow or failed image generations.",
                       component="ChatGPT", impact="minor")
    lin = [linear_issue("GW-10821", "Images: size=auto refused 400 on dall-e-3",
                        "dall-e-3 requests with size=auto are refused 400 invalid_request; gpt-image-1 accepts it.",
                        "2032-07-15T10:00:00Z", state="Todo", labels=("bug", "images"))]
    # Nishiki (Tokyo, JST UTC+9): product photos on gpt-image-1 (pc-nishiki-gazou, /v1/images/generations),
    # catalogue copy on gpt-4.1-mini (pc-nishiki-copy, whose target names vk-nishiki-openai-copy, a virtual
    # key with its own monthly budget), a customer-service chat on Claude Sonnet 4.6 and search on
    # embeddings. From 02:12 UTC (11:12 JST), two minutes after deploy #54840 changed the images route to
    # upload results to storage, 70% of every org's /v1/images/generations requests fail 500
    # internal_error: Nishiki's gpt-image-1 and Kingyo's dall-e-3. No other route fails. From 03:05 UTC
    # (12:05 JST) every request of pc-nishiki-copy is refused 429 budget_exceeded, the key's July budget
    # spent; the org's chat and search keys are served. The Anthropic adapter deploy at 01:45, the
    # budget-bar deploy the evening before (a dashboard page), the ChatGPT image incident (another product,
    # over before) and the size=auto bug (a 400 present before) are bystanders.
    sdk = "portkey-python/1.46.0"
    streams = budget([
        stream(a["id"], route="/v1/images/generations", model="gpt-image-1", per_minute=10, p50=9000, p95=20000,
               prompt=120, completion=0, error_rate=0.01, config_id="pc-nishiki-gazou", key="vk-nishiki-studio",
               sdk=sdk, metadata={"team": "studio"}),
        stream(a["id"], model="gpt-4.1-mini", per_minute=5, p50=800, p95=1900, error_rate=0.01,
               config_id="pc-nishiki-copy", key="vk-nishiki-studio", sdk=sdk, metadata={"team": "copy"}),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2200, p95=5200,
               error_rate=0.01, config_id="pc-nishiki-chat", key="vk-nishiki-cs", sdk="portkey-node/2.30.2",
               metadata={"team": "cs"}),
        stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=150, p95=380,
               prompt=900, completion=0, error_rate=0.01, config_id="pc-nishiki-search", key="vk-nishiki-cs",
               sdk="portkey-node/2.30.2"),
        stream(b["id"], route="/v1/images/generations", model="dall-e-3", per_minute=4, p50=11000, p95=24000,
               prompt=100, completion=0, config_id="pc-kingyo-art"),
        stream(b["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3500, config_id="pc-kingyo-npc"),
        stream(c["id"], model="gpt-4.1-mini", per_minute=4, p50=700, p95=1700, config_id="pc-tsurara-recipes")])
    an = [errors(at(D, "02:12"), None, {"route": "/v1/images/generations"}, 0.7, 500, "internal_error"),
          errors(at(D, "03:05"), None, {"config_id": "pc-nishiki-copy"}, 1.0, 429, "budget_exceeded")]
    cfg = [one_target("pc-nishiki-gazou", a, "gazou", "vk-nishiki-openai", "gpt-image-1", 90000),
           one_target("pc-nishiki-copy", a, "copy", "vk-nishiki-openai-copy", "gpt-4.1-mini", 30000),
           one_target("pc-nishiki-chat", a, "chat", "vk-nishiki-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-nishiki-search", a, "search", "vk-nishiki-openai", "text-embedding-3-small", 10000),
           one_target("pc-kingyo-art", b, "art", "vk-kingyo-openai", "dall-e-3", 90000),
           one_target("pc-kingyo-npc", b, "npc", "vk-kingyo-openai", "gpt-4.1", 60000),
           one_target("pc-tsurara-recipes", c, "recipes", "vk-tsurara-openai", "gpt-4.1-mini", 30000)]
    t = [mail_ticket(54801, a, "画像生成と商品説明文の生成でエラーが続いています",
                     "Relay サポートチーム御中\n\nお世話になっております。錦モード EC 開発チームの藤原です。\n\n"
                     "本日 11時過ぎ（日本時間）から、商品画像の生成（gpt-image-1）がかなりの割合で 500 エラーに"
                     "なっています。さらに 12時頃からは、商品説明文の生成（gpt-4.1-mini）も 429 で全く通らなく"
                     "なりました。チャットと検索は問題ありません。\n\n```\n11:14:52 ERROR gazou status=500 "
                     "body={\"error\":{\"code\":\"internal_error\"}}\n12:06:10 ERROR copy status=429 "
                     "body={\"error\":{\"code\":\"budget_exceeded\"}}\n```\n\nOpenAI 側で画像関連の障害が出ていた"
                     "ようなので、その影響でしょうか？ 429 の方もレート制限がかかるほどのリクエストは送っていない"
                     "はずです。夕方からのセール用に今日中に数百点の画像と説明文を用意する必要があり、大変困って"
                     "おります。\n\n至急ご確認をお願いいたします。\n\n藤原 彩\n株式会社錦モード EC開発チーム",
                     at(D, "04:40"), "Aya Fujiwara", priority="urgent", email="a.fujiwara")]
    # Primary: every org's image generations fail 500 internal_error on two models from two minutes after
    # the deploy that changed that route, while every other route works: deploy_regression, cited with the
    # deploy and the route. Secondary: one config's key refused 429 budget_exceeded from 03:05, the org's
    # other keys served: rate_limited, cited with that config. Bystanders: the Anthropic adapter deploy, the
    # budget-bar deploy, the ChatGPT incident, the size=auto bug, the chat config.
    return scenario("", "api-errors-images-deploy-and-key-budget-tokyo-japanese",
                    "Japanese ticket (Tokyo, JST UTC+9, two pasted log lines, guesses an OpenAI image incident and "
                    "denies sending enough for a rate limit), two causes: from 02:12 UTC, two minutes after deploy "
                    "#54840 changed /v1/images/generations, 70% of every org's image requests fail 500 on two "
                    "models while every other route works (deploy_regression); from 03:05 pc-nishiki-copy is "
                    "refused 429 budget_exceeded, its virtual key's monthly budget spent (secondary rate_limited). "
                    "An Anthropic adapter deploy at 01:45, a budget-bar deploy the evening before, a ChatGPT image "
                    "incident and a dall-e-3 size bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], start, 54801, streams, an, t,
                    {54801: truth("api-errors", "deploy_regression",
                                  [f"github:deployment:{bad}", "route:/v1/images/generations"],
                                  [f"github:deployment:{near}", f"github:deployment:{ui}", chat,
                                   "linear:issue:GW-10821", "config:pc-nishiki-chat"],
                                  ["500", "429", "/v1/images/generations"],
                                  [secondary("rate_limited", ["config:pc-nishiki-copy"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_IMAGES, DOC_BUDGETS])


ALL = [latency_gemini_pro_incident_billing_deploy_de, webhook_receiver_slow_after_release_pt_br,
       billing_cached_line_full_price_es_co, metadata_node_streamed_known_bug_fr_be,
       fallback_504_not_listed_osaka_ja, routing_loadbalance_weight_zero_en_typos,
       api_errors_business_day_count_no_fault_pt, api_errors_images_deploy_and_key_budget_ja]

if __name__ == "__main__":
    write_all(ALL)
