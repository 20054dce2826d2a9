#!/usr/bin/env python3
"""Seven library scenarios in October and November 2032, one per ticket pattern, truth written from
each scenario's data before the engine ever ran on them (the engine was neither read nor run while
writing them). This batch stresses the ticket side: a stale subject from an older invoice thread, a
long forwarded mail quoting an earlier support reply, a ticket asked entirely in questions, a relative
time only the ticket's `created_at` places, typos, a negation that matters, and thirteen words. Each
truth asks for the refs a careful engineer cites with the cause:

- Webhooks in Austrian German under a stale "AW: AW: Rechnung September" subject (Vienna, still on
  CEST UTC+2 on 12 October): from 08:05 UTC every delivery to the org's events receiver fails
  `tls_error` ("unable to verify the first certificate") after the customer moved that host to a new
  ingress with its certificate but not the intermediate, which browsers hide; its alerts host and
  every other org's endpoints answer 200 (customer_endpoint). The customer says the certificate is
  valid in the browser and blames our move to a new egress IP range at 07:40 and its own firewall
  allowlist; a firewall drop is never a TLS error, as the delivery page says. A queue-lag page the
  evening before, a delivery-log bug and a fixed ECDSA handshake bug tempt.
- An invoice in French, a long mail forwarded from the accounting team with our September reply
  quoted below it (Paris, back on CET since 31 October): our metering deploy #58240 (10:03 UTC on
  2 November) sends the completion tokens of every o4-mini response twice to the Output meter, every
  org's, from 10:05; the 2 November invoice's Output line is some 40% above the logs while the Input
  and Cached lines equal them (billing_pipeline). The customer guesses the UTC day again, the clocks
  having just gone back; a VAT deploy, a Stripe meter-latency page, a usage-page reasoning bug and an
  o3-pro incident tempt. Stripe customer only by e-mail domain.
- Metadata in Brazilian Portuguese, every sentence a question (São Paulo, BRT UTC-3): the org's
  collections worker moved to portkey-python 1.52.0 at 19:40 UTC and its requests are logged without
  metadata from its first request on that version; the 1.52.0 release notes say `AsyncPortkey` no
  longer sends client-level metadata, and the org's synchronous antifraud service on the same version
  keeps its metadata (sdk_version). Our metadata-column deploy at 19:25, a non-ASCII display bug and a
  fixed async retry bug tempt.
- Latency in formal Japanese with a relative time only ("2時間ほど前から", the ticket written at 15:45
  JST): our Anthropic adapter deploy #58440 (04:40 UTC) removed the string form of `stop`; from 04:42
  the Claude configs that set `stop` as a string, the org's customer chat and another org's manual
  assistant, run past their marker, their answers 2.5 times longer and slower with the first token as
  fast as before, while the org's Claude agent without `stop` and its OpenAI FAQ bot with a string
  `stop` keep their times (deploy_regression). The customer blames Anthropic's Opus latency incident
  (another model, another org); 22 routine deploys, an OpenAI adapter deploy at 03:55, an open
  first-token bug and a fixed stop-whitespace bug tempt. A plain question on data residency beside it.
- A fallback in Mexican Spanish with typos (Mexico City, UTC-6 all year), two causes: the org's
  assistant config pc-cempasuchil-asistente is `loadbalance` (Claude 0.8, GPT-4.1 0.2), saved so in
  September, so during Anthropic's Sonnet incident (17:20-18:35 UTC, 529 on 45%) its Claude requests'
  529s reach the client while another org's `fallback` config lists 529 and fails over to GPT-4.1,
  also after our router deploy at 17:05 that the customer blames (primary customer_config); the
  incident itself (secondary provider_outage).
- "Not Claude, only our Gemini config" in English (Portland, PST UTC-8 since 7 November), two causes:
  Google's schema change refuses tools with `anyOf` parameters, which our Gemini adapter forwards
  untranslated, 400 on 35% of every org's Gemini agent requests since 20:10 UTC the day before, filed
  in Linear as GW-15821 (primary known_bug); from 19:35 UTC the org's own discovery batch, six times
  its volume on the same Google key since 19:30, exhausts the project's quota and 30% of the org's
  Gemini requests are refused 429 (secondary rate_limited). Our Google adapter deploy that morning, a
  Flash-Lite incident and a closed Gemini tool_choice issue tempt.
- API errors in thirteen English words (New York, EST UTC-5 since 7 November): a big org whose
  error count rises every morning at 9 ET with its office-hours traffic at a flat 2.5%, the same as
  the day before (no_fault_found). Our OpenAI adapter deploy at 8:52 ET, OpenAI's GPT-4.1 nano
  incident (another org's model) and an Azure retry-after bug tempt among 20 routine deploys. A plain
  question on log retention beside it.

Time zones (autumn 2032): Europe on summer time until 31 October 2032 (Vienna CEST UTC+2 on 12
October, Paris CET UTC+1 from 31 October), the US until 7 November 2032 (Portland PST UTC-8 and New
York EST UTC-5 from then); Tokyo JST UTC+9, Mexico City UTC-6 and São Paulo UTC-3 all year.

Every truth below is read from the data declared next to it (anomalies, configs, billing meters and
faults, webhook failures, deploys, releases, issues, incidents, docs). Run it to rewrite the JSON
files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh3a import jira_issue
from scenarios_fresh14 import budget, cycle, failures, hooks, mail_ticket, streamed

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

# Google's status page, the same page the other scenarios use (Statuspage v2 shapes).
PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))


def meter(name, nickname, counts, amount, faults=()):
    return {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": "excluded",
            "unit_amount_decimal": amount, "faults": list(faults)}


# ---------------------------------------------------------------------------------------------
# 1. webhook-failures, Austrian German (Vienna, CEST), stale subject, customer_endpoint
# ---------------------------------------------------------------------------------------------

DOC_DELIVERY = doc("docs/webhooks/delivery.md", "Webhook delivery",
                   "# Webhook delivery\n\nEvents are POSTed to each registered endpoint with an `x-relay-signature` "
                   "HMAC header. A delivery succeeds when the endpoint answers 2xx within 10 seconds; any other "
                   "outcome is a failed delivery, retried five times with backoff.\n\n## TLS\n\nWe verify the "
                   "endpoint's certificate against the public root store, and the endpoint must send its **full "
                   "chain**: its own certificate and every intermediate. Browsers fetch a missing intermediate on "
                   "their own (and cache it), so a site can look valid in a browser while our workers refuse it. "
                   "An expired, self-signed or incomplete chain is recorded as `tls_error`; \"unable to verify the "
                   "first certificate\" in the delivery log means the intermediate is missing. Check with "
                   "`openssl s_client -connect host:443 -servername host` (look for the \"Certificate chain\" "
                   "lines).\n\n## Egress addresses\n\nDeliveries come from the egress ranges listed under "
                   "Settings → Webhooks (a new EU range since October 2032). A delivery your firewall drops or "
                   "rejects is recorded as `timeout` or `connection_refused`: a TLS handshake, and so a "
                   "`tls_error`, only happens once your side has accepted the connection.\n")


def webhook_incomplete_chain_de_at():
    """From 08:05 UTC every delivery to the org's events receiver fails tls_error after the customer's
    own ingress move left out the intermediate certificate; the customer blames our egress-range deploy
    at 07:40 and its own firewall allowlist."""
    Y, D, now = "2032-10-11", "2032-10-12", "2032-10-12T12:40:00Z"
    a = org("org_lipizzaner", "Lipizzaner Logistik GmbH", "lipizzaner-logistik.at", "enterprise")
    b = org("org_marille", "Marille Mobility", "marille-mobility.at", "scale")
    c = org("org_donauwelle", "Donauwelle Energie", "donauwelle-energie.at", "growth")
    start = at(Y, "08:00")
    gh = github(CO, 58101, start, now, 15)
    egress = gh.deploy(58140, at(D, "07:40"), "webhooks: deliver EU events from the new egress range",
                       ["infra/webhooks/egress.tf", "src/webhooks/worker-pool.ts", "src/webhooks/worker-pool.test.ts"],
                       message="webhooks: move EU delivery workers to the 2032 egress range announced 28 Sep (#10233)")
    pd = [pd_incident("PQ7W1011", 15811, "webhook-worker queue lag above 5 minutes", at(Y, "18:10"), at(Y, "18:40"),
                      "Webhooks")]
    lin = [linear_issue("GW-15121", "Delivery log: response body of failed deliveries cut at 1 KB",
                        "The delivery log shows at most 1 KB of an endpoint's answer to a failed delivery. The "
                        "delivery itself and its retries are unaffected.", "2032-09-30T10:00:00Z", state="Todo",
                        labels=("bug", "webhooks", "dashboard")),
           linear_issue("GW-15122", "Webhook workers fail the TLS handshake with ECDSA-only endpoints",
                        "Delivery workers offered no ECDSA cipher suites, so endpoints serving only an ECDSA "
                        "certificate failed with tls_error. Fixed: the workers offer ECDSA suites.",
                        "2032-08-18T10:00:00Z", state="Done", labels=("bug", "webhooks"),
                        completed="2032-08-25T15:00:00Z")]
    # Lipizzaner (Vienna, CEST UTC+2): shipment tracking on gpt-4.1, customs papers on Claude Sonnet 4.6,
    # tour planning on o4-mini. Two webhook endpoints on two hosts: the events receiver
    # events.lipizzaner-logistik.at/relay/v2 (request.completed, request.failed) and the alerts endpoint
    # alerts.lipizzaner-logistik.at (budget.exceeded). The customer's infra team moved the events host to
    # a new Kubernetes ingress that morning and carried its certificate over without the intermediate:
    # from 08:05 UTC (10:05 CEST) every delivery to the events receiver fails tls_error ("unable to verify
    # the first certificate"), while the alerts host, still on the old ingress, and every other org's
    # endpoints answer 200. Our deploy #58140 at 07:40 moved the EU delivery workers to the new egress
    # range: deliveries to the events receiver kept answering 200 for 25 minutes after it, every other
    # org's deliveries come from the same workers, and a TLS error means the connection was accepted
    # (a firewall drop is timeout or connection_refused, as the delivery page says). The queue-lag page of
    # the evening before, the delivery-log bug and the fixed ECDSA bug are bystanders.
    ev = "https://events.lipizzaner-logistik.at/relay/v2"
    alerts = "https://alerts.lipizzaner-logistik.at/hooks/relay"
    streams = budget([
        stream(a["id"], model="gpt-4.1", per_minute=12, p50=1500, p95=3500, error_rate=0.01,
               config_id="pc-lipizzaner-sendungen", key="vk-lipizzaner-app", sdk="portkey-node/2.33.1",
               metadata={"bereich": "sendungen"}),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2400, p95=5600,
               prompt=6000, completion=700, error_rate=0.01, config_id="pc-lipizzaner-zoll", key="vk-lipizzaner-app",
               sdk="portkey-node/2.33.1", metadata={"bereich": "zoll"}),
        stream(a["id"], model="o4-mini", per_minute=4, p50=4000, p95=9000, error_rate=0.01,
               config_id="pc-lipizzaner-touren", key="vk-lipizzaner-touren", sdk="portkey-python/1.51.2"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-marille-fahrplan"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
               config_id="pc-donauwelle-service")])
    cfg = [one_target("pc-lipizzaner-sendungen", a, "sendungen", "vk-lipizzaner-openai", "gpt-4.1", 60000),
           one_target("pc-lipizzaner-zoll", a, "zoll", "vk-lipizzaner-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-lipizzaner-touren", a, "touren", "vk-lipizzaner-openai", "o4-mini", 120000),
           one_target("pc-marille-fahrplan", b, "fahrplan", "vk-marille-openai", "gpt-4.1-mini", 30000),
           one_target("pc-donauwelle-service", c, "service", "vk-donauwelle-anthropic", "claude-haiku-4-5", 20000)]
    wh = hooks((a["id"], ev, ["request.completed", "request.failed"], 9, 160),
               (a["id"], alerts, ["budget.exceeded"], 1, 120),
               (b["id"], "https://hooks.marille-mobility.at/relay", ["request.completed", "request.failed"], 5, 200),
               (c["id"], "https://api.donauwelle-energie.at/webhooks/relay", ["request.completed"], 3, 250),
               anomalies=[failures(at(D, "08:05"), None, ev, 1.0, 0, "tls_error")])
    t = [mail_ticket(715101, a, "AW: AW: Rechnung September – UID-Nummer fehlt",
                     "Hallo Frau Berger, hallo Relay-Team,\n\nandere Baustelle, ich häng mich der Einfachheit halber "
                     "an diesen Thread dran (die Rechnung passt jetzt übrigens, danke!).\n\nSeit heute Vormittag, "
                     f"ungefähr 10:05 Uhr, kommt auf unserem Event-Endpunkt {ev} kein einziger Webhook mehr an. Im "
                     "Delivery-Log steht bei jeder Zustellung tls_error. Am Zertifikat kann es nicht liegen: das ist "
                     "gültig bis März 2033, im Browser ist alles grün. Die Budget-Alerts auf dem anderen Endpunkt "
                     "kommen ganz normal an.\n\nIhr habt ja angekündigt, dass die Webhooks ab Oktober aus einem neuen "
                     "IP-Bereich kommen, und laut Changelog wurde das heute um 09:40 Uhr umgestellt. Wir haben eine "
                     "IP-Allowlist auf der Firewall – ich vermute stark, dass die neuen Adressen dort noch fehlen und "
                     "die Firewall die Verbindungen irgendwie kaputt macht. Könnt ihr uns die vollständige Liste "
                     "schicken oder die Umstellung zurückdrehen, bis wir die Firewall angepasst haben?\n\nDer "
                     "Vollständigkeit halber: unser Infra-Team hat heute früh den Event-Host auf den neuen "
                     "Kubernetes-Cluster übersiedelt, Zertifikat 1:1 als Secret mitgenommen, reines Lift-and-Shift. "
                     "An den Webhooks selbst hat niemand etwas geändert.\n\nAuszug aus eurem Delivery-Log:\n\n```\n"
                     f"2032-10-12T08:14:37Z delivery=dlv_9Kp3 endpoint={ev} event=request.completed attempt=1 "
                     "status=0 error=tls_error detail=\"unable to verify the first certificate\"\n```\n\nDanke und "
                     "schöne Grüße aus Wien\nKatharina Hofbauer\nTeamlead Integration · Lipizzaner Logistik GmbH\n\n"
                     "-----Ursprüngliche Nachricht-----\nVon: Relay Support <support@relay.ai>\nGesendet: Mittwoch, "
                     "6. Oktober 2032 14:12\nAn: Katharina Hofbauer\nBetreff: AW: Rechnung September – UID-Nummer "
                     "fehlt\n\nSehr geehrte Frau Hofbauer,\n\ndie korrigierte Septemberrechnung mit Ihrer "
                     "UID-Nummer ist jetzt im Dashboard unter Abrechnung → Rechnungen abrufbar; die ursprüngliche "
                     "Rechnung haben wir storniert. Künftige Rechnungen tragen die UID automatisch.\n\nMit "
                     "freundlichen Grüßen\nJohanna Berger\nRelay Support", at(D, "09:20"), "Katharina Hofbauer",
                     priority="high", email="k.hofbauer")]
    # Truth: every delivery to one endpoint fails the TLS handshake from the morning the customer moved
    # that host to a new ingress, with the delivery log's "unable to verify the first certificate" (an
    # incomplete chain, which browsers hide), while its other host and every other org's endpoints, fed by
    # the same new egress range, answer 200, and a handshake means no firewall stopped the connection:
    # customer_endpoint, cited with the endpoint and the delivery page. Bystanders: the egress deploy, the
    # queue-lag page, the two webhook bugs, the alerts endpoint.
    return scenario("", "webhook-failures-incomplete-chain-egress-guess-vienna-german",
                    "Austrian German ticket under a stale 'AW: AW: Rechnung September' subject with the older "
                    "invoice reply quoted (Vienna, CEST UTC+2, pasted delivery-log line, says the certificate is "
                    "valid in the browser, blames our new egress IP range and its firewall allowlist): from 08:05 "
                    "UTC every delivery to the org's events receiver fails tls_error ('unable to verify the first "
                    "certificate') after the customer moved that host to a new ingress without the intermediate "
                    "certificate, while its alerts host and every other org's endpoints answer 200 "
                    "(customer_endpoint). The egress deploy at 07:40, a queue-lag page, a delivery-log bug and a "
                    "fixed ECDSA handshake bug are bystanders among 15 routine deploys.",
                    now, CO, [a, b, c], start, 715101, streams, [], t,
                    {715101: truth("webhook-failures", "customer_endpoint",
                                   [f"endpoint:{ev}", "docs:docs/webhooks/delivery.md"],
                                   [f"github:deployment:{egress}", "pagerduty:incident:PQ7W1011", "linear:issue:GW-15121",
                                    "linear:issue:GW-15122", f"endpoint:{alerts}"],
                                   ["tls_error"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd, docs=[DOC_DELIVERY])


# ---------------------------------------------------------------------------------------------
# 2. token-billing, French (Paris, CET), long forwarded mail with a quoted reply, billing_pipeline
# ---------------------------------------------------------------------------------------------

DOC_METERS = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                 "# How tokens are invoiced\n\nEvery daily invoice has three usage lines. **Input tokens** counts "
                 "`prompt_tokens - cached_tokens` at $2.00 per million (0.0002 cents a token). **Output tokens** "
                 "counts `completion_tokens` at $8.00 per million (0.0008 cents a token). **Cached input tokens** "
                 "counts `cached_tokens` at $0.20 per million.\n\nFor reasoning models (o3, o4-mini) the "
                 "provider's `completion_tokens` already includes the reasoning tokens "
                 "(`completion_tokens_details.reasoning_tokens` is a part of it, not an addition): each one is "
                 "billed once, on the Output line. Each line's quantity equals the request logs' totals for the "
                 "invoice's day.\n")
DOC_INVOICE_DAYS = doc("docs/billing/invoices.md", "Invoices",
                       "# Invoices\n\nUsage is invoiced per **UTC day** (00:00-24:00 UTC), whatever your time zone: "
                       "in Paris that is 01:00 to 01:00 in winter and 02:00 to 02:00 in summer. A day's invoice is "
                       "created when the day ends and finalised four hours later. A report that counts local days "
                       "differs from the invoice by the usage of the hour or two between the two midnights, on every "
                       "line alike.\n")


def billing_o4_mini_output_doubled_fr():
    """Our metering deploy at 10:03 UTC sends every o4-mini response's completion tokens twice to the
    Output meter, every org's; the 2 November invoice's Output line is some 40% above the logs."""
    D, now = "2032-11-02", "2032-11-03T05:50:00Z"
    a = org("org_calisson", "Calisson Énergie", "calisson-energie.fr", "enterprise")
    b = org("org_madeleine", "Madeleine Conseil", "madeleine-conseil.fr", "scale")
    c = org("org_tropezienne", "Tropézienne Studio", "tropezienne-studio.fr", "growth")
    start = at(D, "00:00")
    gh = github(CO, 58201, start, now, 14)
    bad = gh.deploy(58240, at(D, "10:03"), "metering: meter o-series output from the reasoning summary event",
                    ["src/billing/usage/openai.ts", "src/billing/meter-events.ts", "src/billing/usage/openai.test.ts"],
                    message="usage/openai: send completion_tokens of o-series responses from "
                            "response.reasoning_summary.done as an output meter event (#10412)")
    vat = gh.deploy(58241, at(D, "15:20"), "invoices: VAT breakdown per line on French invoices",
                    ["src/billing/invoice-pdf.ts", "src/billing/locales/fr.ts"])
    pd = [pd_incident("PQ7B1102", 15821, "Stripe meter-event API p95 above 5 s", at(D, "13:10"), at(D, "13:40"),
                      "Billing")]
    lin = [linear_issue("GW-15221", "Usage page: reasoning tokens column shows 0 for o4-mini",
                        "The usage page's reasoning-tokens column reads 0 for o4-mini although the request logs "
                        "carry completion_tokens_details. Meters and invoices are unaffected.",
                        "2032-10-21T10:00:00Z", state="Todo", labels=("bug", "usage-ui"))]
    sp = Statuspage(now)
    o3pro = sp.incident("openai", "q7o3p9r1o5x2", "Elevated latency on o3-pro", at(D, "09:30"), at(D, "10:40"),
                        "Some o3-pro requests take longer than usual.", impact="minor")
    # Calisson (Paris, CET UTC+1 since 31 October): a grid-forecast analyst on o4-mini (6 a minute, 3,000
    # prompt and 2,800 completion tokens, most of them reasoning), a customer-service assistant on
    # gpt-4.1 (55% of its prompt read from cache), a ticket classifier on Claude Haiku and search on
    # embeddings. Three meters. Deploy #58240 (10:03 UTC, live 10:05) sends the completion tokens of
    # every o-series response a second time from the reasoning-summary event: from 10:05 the Output
    # meter counts every o4-mini request's completion tokens twice, Calisson's and Madeleine's. The
    # invoice of 2 November (UTC day) has its Output line above the logs by the o4-mini completion
    # tokens after 10:05 (about 14 M tokens, some 40% of the line); the Input and Cached input lines
    # equal the logs. The customer's time-zone theory would move an hour of usage on every line alike,
    # not 40% of one line. The VAT deploy (15:20), the Stripe latency page (events delayed, none lost or
    # repeated), the usage-page bug and the o3-pro incident are bystanders. Stripe customer: no org_id,
    # e-mail in the domain.
    sdk = "portkey-python/1.51.2"
    streams = budget([
        stream(a["id"], model="o4-mini", per_minute=6, p50=6000, p95=14000, prompt=3000, completion=2800,
               error_rate=0.01, config_id="pc-calisson-previsions", key="vk-calisson-data", sdk=sdk,
               metadata={"equipe": "previsions"}),
        stream(a["id"], model="gpt-4.1", per_minute=14, p50=1500, p95=3500, prompt=2200, completion=350, cached=0.55,
               error_rate=0.01, config_id="pc-calisson-clientele", key="vk-calisson-web", sdk="portkey-node/2.33.1",
               metadata={"equipe": "clientele"}),
        stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500, prompt=900,
               completion=80, error_rate=0.01, config_id="pc-calisson-tri", key="vk-calisson-web",
               sdk="portkey-node/2.33.1"),
        stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=150, p95=380,
               prompt=600, completion=0, error_rate=0.01, config_id="pc-calisson-recherche", key="vk-calisson-data",
               sdk=sdk),
        stream(b["id"], model="o4-mini", per_minute=4, p50=5500, p95=13000, prompt=2000, completion=2200,
               config_id="pc-madeleine-audit"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-madeleine-notes"),
        stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=2300, p95=5400,
               config_id="pc-tropezienne-scripts")])
    cfg = [one_target("pc-calisson-previsions", a, "previsions", "vk-calisson-openai", "o4-mini", 120000),
           one_target("pc-calisson-clientele", a, "clientele", "vk-calisson-openai", "gpt-4.1", 60000),
           one_target("pc-calisson-tri", a, "tri", "vk-calisson-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-calisson-recherche", a, "recherche", "vk-calisson-openai", "text-embedding-3-small", 10000),
           one_target("pc-madeleine-audit", b, "audit", "vk-madeleine-openai", "o4-mini", 120000),
           one_target("pc-madeleine-notes", b, "notes", "vk-madeleine-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tropezienne-scripts", c, "scripts", "vk-tropezienne-anthropic", "claude-sonnet-4-6", 60000)]
    inv = "in_1Calisson1102"
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], "0.0002"),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], "0.0008",
                             faults=[{"kind": "double_count", "from": at(D, "10:05"), "to": None,
                                      "match": {"model": "o4-mini"}}]),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], "0.00002")],
            "invoices": [{"id": inv, "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2032-11-03T00:00:00Z"}]}
    cus = [customer(a, "compta", with_org_id=False), customer(b), customer(c)]
    t = [mail_ticket(715201, a, "TR: Facture Relay du 2 novembre – ligne Output anormale",
                     "Bonjour,\n\nJe vous transfère ci-dessous le message de Nathalie, de notre comptabilité, reçu ce "
                     "matin. Je n'ai pas eu le temps de creuser en détail, mais de notre côté rien n'a bougé mardi : "
                     "mêmes services, mêmes configs, et nos propres compteurs ne montrent pas de hausse de trafic. "
                     "Les lignes Input et Cached input lui semblent normales, c'est uniquement la ligne Output qui "
                     "dérape.\n\nEn septembre vous nous aviez expliqué qu'un écart de ce genre venait du découpage des "
                     "journées en UTC (votre réponse est en bas du fil). Est-ce que c'est encore ça, vu qu'on vient "
                     "de repasser à l'heure d'hiver dimanche ? J'avoue que 40 % sur une seule ligne, ça me paraît "
                     "beaucoup pour une heure de décalage.\n\nMerci de nous dire rapidement s'il faut contester la "
                     "facture ou si un avoir est prévu.\n\nCordialement,\nThomas Lefebvre-Aubry\nResponsable "
                     "plateforme data – Calisson Énergie\n\n---------- Message transféré ----------\nDe : Nathalie "
                     "Roux <nathalie.roux@calisson-energie.fr>\nDate : mer. 3 nov. 2032 à 06:31\nObjet : Facture "
                     "Relay du 2 novembre – ligne Output anormale\nÀ : Thomas Lefebvre-Aubry "
                     "<t.lefebvre@calisson-energie.fr>\n\nBonjour Thomas,\n\nLa facture Relay du 2 novembre "
                     f"({inv}) est arrivée cette nuit. Par rapport aux jours précédents, la ligne « Output tokens » "
                     "est plus élevée d'environ 40 %, alors que les deux autres lignes sont dans la moyenne habituelle. "
                     "Je n'ai vu aucune annonce de changement de tarif de leur part.\n\nPeux-tu voir avec eux ? Je "
                     "dois valider les factures fournisseurs avant vendredi midi, et je préfère ne pas payer un "
                     "montant qu'on ne comprend pas.\n\nMerci,\nNathalie\n\n> Le mar. 14 sept. 2032 à 11:02, "
                     "Support Relay <support@relay.ai> a écrit :\n>\n> Bonjour Thomas,\n>\n> Merci pour votre "
                     "message. L'écart que vous constatez entre votre tableau de bord interne et la facture du 12 "
                     "septembre vient du découpage des journées : nos factures couvrent un jour UTC, soit de 02:00 à "
                     "02:00 heure de Paris en été, alors que votre tableau compte de minuit à minuit. Les deux "
                     "heures de décalage suffisent à expliquer la différence, dans un sens un jour et dans l'autre "
                     "le lendemain. Aucun montant n'est donc facturé en trop.\n>\n> Bien cordialement,\n> Camille "
                     "– Support Relay", "2032-11-03T05:45:00Z", "Thomas Lefebvre-Aubry", email="t.lefebvre")]
    # Truth: one line of three is above the logs, by the o4-mini completion tokens metered since two
    # minutes after the deploy that added a second output event for o-series responses, while the other
    # lines equal the logs and a local-day view would shift every line alike: billing_pipeline, cited
    # with the invoice and the deploy. Bystanders: the VAT deploy, the Stripe latency page, the
    # usage-page reasoning bug, the o3-pro incident.
    return scenario("", "token-billing-o4-mini-output-doubled-forwarded-paris-french",
                    "French ticket, a long mail forwarded from the accounting team with our September reply about "
                    "UTC days quoted below (Paris, CET UTC+1 since 31 October, guesses the UTC day again after the "
                    "clocks went back): deploy #58240 at 10:03 UTC sends every o4-mini response's completion tokens "
                    "twice to the Output meter, every org's, so the Output line of in_1Calisson1102 is some 40% above "
                    "the logs while the Input and Cached input lines equal them (billing_pipeline). A VAT deploy, a "
                    "Stripe meter-latency page, a usage-page reasoning bug and an o3-pro incident are bystanders "
                    "among 14 routine deploys; the Stripe customer is found by its e-mail domain.",
                    now, CO, [a, b, c], start, 715201, streams, [], t,
                    {715201: truth("token-billing", "billing_pipeline",
                                   [f"stripe:invoice:{inv}", f"github:deployment:{bad}"],
                                   [f"github:deployment:{vat}", "pagerduty:incident:PQ7B1102", "linear:issue:GW-15221",
                                    o3pro],
                                   ["o4-mini"])},
                    github=gh, statuspage=sp, configs=cfg, billing=bill, linear=lin, pagerduty=pd,
                    stripe_customers=cus, docs=[DOC_METERS, DOC_INVOICE_DAYS])


# ---------------------------------------------------------------------------------------------
# 3. metadata, Brazilian Portuguese (São Paulo, BRT), every sentence a question, sdk_version
# ---------------------------------------------------------------------------------------------

DOC_METADATA = doc("docs/observability/metadata.md", "Custom metadata",
                   "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or with "
                   "the SDK's `metadata` option, which sets that header. It is stored with the request log and "
                   "forwarded to the provider. A request that arrives without the header is stored with empty "
                   "metadata; metadata cannot be added to a request afterwards. Keys are case sensitive; at most "
                   "16 keys, values at most 128 characters.\n")
DOC_PY_SDK = doc("docs/sdk/python.md", "Python SDK",
                 "# Python SDK (portkey-python)\n\n`Portkey` is the synchronous client, `AsyncPortkey` the asyncio "
                 "one. Both accept `metadata=` on each call and `with_options(metadata=...)`.\n\n## Client-level "
                 "metadata\n\nMetadata passed to the constructor (`Portkey(metadata={...})`) is sent with every "
                 "request of that client. Since **1.52.0** `AsyncPortkey` no longer does so: it sends only the "
                 "metadata passed on each call or through `with_options()` (deprecated since 1.49.0, see the "
                 "release notes). The synchronous client is unchanged.\n")


def metadata_async_python_sdk_question_pt_br():
    """The org's collections worker moved to portkey-python 1.52.0 at 19:40 UTC, whose AsyncPortkey no
    longer sends client-level metadata; its requests lose their metadata from then, while the org's
    synchronous service on 1.52.0 keeps it. Our metadata-column deploy at 19:25 tempts."""
    Y, D, now = "2032-11-09", "2032-11-10", "2032-11-10T14:30:00Z"
    a = org("org_pitanga", "Pitanga Pagamentos", "pitanga.com.br", "enterprise")
    b = org("org_cajuina", "Cajuína Educação", "cajuinaeducacao.com.br", "scale")
    c = org("org_jabuticaba", "Jabuticaba Saúde", "jabuticabasaude.com.br", "growth")
    start = at(Y, "10:00")
    gh = github(CO, 58301, start, now, 16)
    col = gh.deploy(58340, at(Y, "19:25"), "logs: store request metadata in a Map(String, String) column",
                    ["src/logs/storage/schema.sql", "src/logs/storage/writer.ts", "src/logs/storage/writer.test.ts"],
                    message="logs: move metadata from a JSON string to Map(String, String) for faster filters (#10520)")
    gh.release(58391, "v1.52.0", "portkey-python v1.52.0",
               "## Breaking\n\n- `AsyncPortkey` no longer copies client-level `metadata` (passed to the constructor) "
               "into each request. Pass `metadata=` on each call or use `client.with_options(metadata=...)`. "
               "Deprecated since 1.49.0. The synchronous `Portkey` client is unchanged.\n\n## Changes\n\n- httpx 0.28 "
               "support.\n- `client.batches.wait()` helper.\n", "2032-11-03T09:00:00Z")
    gh.release(58392, "v1.51.2", "portkey-python v1.51.2", "## Fixes\n\n- Retry on connection resets during "
               "streaming.\n", "2032-10-14T09:00:00Z")
    lin = [linear_issue("GW-15331", "Logs view shows non-ASCII metadata values escaped (\\u00e3)",
                        "Metadata values with accented characters are shown as JSON escapes in the logs view. The "
                        "stored values are right and filters match them.", "2032-10-28T10:00:00Z", state="Todo",
                        labels=("bug", "metadata", "dashboard")),
           linear_issue("GW-15332", "Async Python client drops metadata on retried requests",
                        "AsyncPortkey sent no metadata on the second attempt of a retried request.",
                        "2032-08-04T10:00:00Z", state="Done", labels=("bug", "metadata", "sdk:python"),
                        completed="2032-08-11T15:00:00Z")]
    # Pitanga (São Paulo, BRT UTC-3, office hours 11:00-23:00 UTC): the collections worker
    # pc-pitanga-cobranca (asyncio, AsyncPortkey with client-level metadata {"carteira", "cliente_id"})
    # on gpt-4.1-mini, upgraded from portkey-python/1.51.2 to 1.52.0 at 19:40 UTC (16:40 BRT): two
    # streams, each silent on its side of the upgrade. Every request it sends on 1.52.0 is logged without
    # metadata. The antifraud service pc-pitanga-antifraude (synchronous Portkey client) has run 1.52.0
    # since last week and keeps its metadata; the statements service on portkey-node keeps it too.
    # Cajuína's async tutor on 1.52.0 has no metadata all window. The 1.52.0 release notes and the SDK
    # page say AsyncPortkey no longer sends client-level metadata. Our Map-column deploy at 19:25: for
    # 15 minutes after it the worker on 1.51.2 kept its metadata, and every request of other versions or
    # the sync client keeps it after. The display bug and the fixed retry bug are bystanders.
    cob = "pc-pitanga-cobranca"
    meta = {"carteira": "varejo", "cliente_id": "C-88213"}
    streams = budget([
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.01,
                     config_id=cob, key="vk-pitanga-cobranca", sdk="portkey-python/1.51.2", metadata=meta),
              11, 23, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.01,
                     config_id=cob, key="vk-pitanga-cobranca", sdk="portkey-python/1.52.0", metadata=meta),
              11, 23, 0.3),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2300, p95=5400,
                     error_rate=0.01, config_id="pc-pitanga-antifraude", key="vk-pitanga-antifraude",
                     sdk="portkey-python/1.52.0", metadata={"regra": "pix-noturno", "caso_id": "AF-2291"}),
              11, 23, 0.3),
        cycle(stream(a["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3500, error_rate=0.01,
                     config_id="pc-pitanga-extratos", key="vk-pitanga-app", sdk="portkey-node/2.33.1",
                     metadata={"produto": "extrato"}), 11, 23, 0.3),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-cajuina-tutor",
               sdk="portkey-python/1.52.0", metadata={"turma": "9A"}),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-jabuticaba-triagem", sdk="portkey-node/2.33.1", metadata={"unidade": "centro"})])
    an = [volume(start, at(Y, "19:40"), {"config_id": cob, "sdk": "portkey-python/1.52.0"}, 0.0),
          volume(at(Y, "19:40"), None, {"config_id": cob, "sdk": "portkey-python/1.51.2"}, 0.0),
          metadata_dropped(start, None, {"config_id": cob, "sdk": "portkey-python/1.52.0"}),
          metadata_dropped(start, None, {"config_id": "pc-cajuina-tutor"})]
    cfg = [one_target(cob, a, "cobranca", "vk-pitanga-openai", "gpt-4.1-mini", 30000),
           one_target("pc-pitanga-antifraude", a, "antifraude", "vk-pitanga-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-pitanga-extratos", a, "extratos", "vk-pitanga-openai", "gpt-4.1", 60000),
           one_target("pc-cajuina-tutor", b, "tutor", "vk-cajuina-openai", "gpt-4.1-mini", 30000),
           one_target("pc-jabuticaba-triagem", c, "triagem", "vk-jabuticaba-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(715301, a, "Existe algum motivo para os metadados do worker de cobrança terem sumido?",
                     "Olá, pessoal da Relay, tudo bem?\n\nExiste algum motivo para as requisições do nosso worker de "
                     f"cobrança (config {cob}) aparecerem nos logs de vocês sem nenhum metadado desde ontem, mais "
                     "ou menos às 16h40 (horário de Brasília)? Antes disso elas não vinham sempre com carteira e "
                     "cliente_id?\n\nVocês mudaram alguma coisa na forma de gravar os metadados ontem à tarde? Aquele "
                     "item do changelog sobre a nova coluna de metadados, publicado às 16h25, pode ter relação?\n\n"
                     "E por que o serviço antifraude, que roda na mesma versão do SDK Python há uma semana, continua "
                     "mostrando os metadados normalmente? Será que existe alguma diferença entre os dois que a gente "
                     "não está enxergando? Faz diferença o worker ser assíncrono (asyncio) e o antifraude não?\n\n"
                     "Dá para reprocessar e recuperar os metadados das requisições de ontem para hoje, ou eles se "
                     "perderam de vez? Enquanto isso, tem algo que a gente possa ajustar do nosso lado?\n\nObrigada,"
                     "\nLarissa Nogueira\nEngenheira de Dados · Pitanga Pagamentos", at(D, "13:50"),
                     "Larissa Nogueira", email="larissa.nogueira")]
    # Truth: the worker's metadata is missing from its first request on portkey-python/1.52.0, fifteen
    # minutes after our column deploy (during which its 1.51.2 requests kept it), while the org's sync
    # client on 1.52.0 and its Node service keep theirs; the 1.52.0 release notes and the SDK page say
    # AsyncPortkey stopped sending client-level metadata: sdk_version, cited with the SDK version and the
    # release. Bystanders: the column deploy, the display bug, the fixed retry bug, the antifraud config.
    return scenario("", "metadata-async-python-sdk-release-question-sao-paulo-portuguese",
                    "Brazilian Portuguese ticket asked entirely in questions (São Paulo, BRT UTC-3, asks about our "
                    "metadata-column deploy at 16:25 BRT): the collections worker moved to portkey-python/1.52.0 at "
                    "19:40 UTC and its requests are logged without metadata from then, as the 1.52.0 release notes "
                    "say of AsyncPortkey's client-level metadata, while the org's synchronous antifraud service on "
                    "1.52.0 and its Node service keep theirs (sdk_version). The Map-column deploy at 19:25, a "
                    "non-ASCII display bug and a fixed async retry bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], start, 715301, streams, an, t,
                    {715301: truth("metadata", "sdk_version", ["sdk:portkey-python/1.52.0", "github:release:v1.52.0"],
                                   [f"github:deployment:{col}", "linear:issue:GW-15331", "linear:issue:GW-15332",
                                    "config:pc-pitanga-antifraude"],
                                   ["1.52.0"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA, DOC_PY_SDK])


# ---------------------------------------------------------------------------------------------
# 4. latency-spike, Japanese (Tokyo, JST), relative time only, deploy_regression
# ---------------------------------------------------------------------------------------------

DOC_LATENCY = doc("docs/observability/latency.md", "Reading latency",
                  "# Reading latency\n\nEvery request log splits the time the client waited (`latency_ms`) into the "
                  "time spent waiting on the provider (`provider_latency_ms`) and the gateway's own time, usually "
                  "5-20 ms. For streamed requests `ttft_ms` is the time to the first token; the rest of the "
                  "provider time is generation, which grows with the number of completion tokens. Answers that "
                  "take longer while their first token does not point at longer answers: compare "
                  "`completion_tokens` before and after.\n")
DOC_CHAT = doc("docs/api/chat-completions.md", "Chat completions",
               "# Chat completions\n\n`/v1/chat/completions` takes the OpenAI request format for every provider. "
               "`stop` accepts a string or a list of up to four strings; for Anthropic models the gateway sends it as "
               "`stop_sequences`, for Gemini as `stopSequences`. Parameters set in a config target's "
               "`override_params` are applied to every request of that config.\n")
DOC_RESIDENCY = doc("docs/security/data-residency.md", "Data residency",
                    "# Data residency\n\nRequest logs and metadata are stored in the region chosen when the "
                    "organisation was created: `us` (Oregon), `eu` (Frankfurt) or `ap` (Tokyo). The region cannot be "
                    "changed afterwards; enterprise customers can ask support to migrate to a new organisation in "
                    "another region. Prompts and answers are forwarded to the provider you route to and are not "
                    "stored unless request-body logging is enabled.\n")


def latency_stop_string_deploy_ja():
    """Our Anthropic adapter deploy at 04:40 UTC drops `stop` given as a string; from 04:42 the Claude
    configs that set one (two orgs) get answers some 2.5 times longer and slower, first token unchanged.
    The customer blames Anthropic's Opus latency incident."""
    Y, D, now = "2032-10-19", "2032-10-20", "2032-10-20T07:10:00Z"
    a = org("org_sakuranbo", "Sakuranbo Sonpo", "sakuranbo-sonpo.co.jp", "enterprise")
    b = org("org_karakuri", "Karakuri Robotics", "karakuri-robotics.jp", "scale")
    c = org("org_hoozuki", "Hoozuki Kitchen", "hoozuki-kitchen.jp", "growth")
    start = at(Y, "06:00")
    gh = github(CO, 58401, start, now, 22)
    near = gh.deploy(58441, at(D, "03:55"), "openai adapter: forward the prediction parameter on gpt-4.1",
                     ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"])
    bad = gh.deploy(58440, at(D, "04:40"), "anthropic adapter: build stop_sequences from list values of stop",
                    ["src/providers/anthropic/request.ts", "src/providers/anthropic/stop-sequences.ts",
                     "src/providers/anthropic/request.test.ts"],
                    message="anthropic: map array `stop` to stop_sequences (up to 4); remove the old string path "
                            "(#10688)")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "q7s4o8p2u6s1", "Elevated latency on Claude Opus 4.1", at(D, "04:20"),
                       at(D, "06:00"), "Some requests to Claude Opus 4.1 are slower than usual. Other models are not "
                                       "affected.", impact="minor")
    lin = [linear_issue("GW-15421", "Streaming: first token ~300 ms late for Claude on /v1/chat/completions",
                        "Streamed Claude requests on the chat completions route see their first chunk about 300 ms "
                        "later than on /v1/messages, from buffering in the SSE translator.",
                        "2032-10-02T10:00:00Z", state="In Progress", labels=("bug", "latency", "provider:anthropic")),
           linear_issue("GW-15422", "Anthropic adapter: stop sequences with trailing whitespace refused 400",
                        "Anthropic refused stop_sequences ending in whitespace; the adapter now trims them.",
                        "2032-07-08T10:00:00Z", state="Done", labels=("bug", "provider:anthropic"),
                        completed="2032-07-12T15:00:00Z")]
    # Sakuranbo (Tokyo, JST UTC+9, office hours 01:00-09:00 UTC): a streamed customer chat
    # pc-sakuranbo-madoguchi on Claude Haiku whose config target sets `stop: "\n利用者:"` (a string), a
    # streamed claims-assessment agent pc-sakuranbo-satei on Claude Sonnet without `stop`, an FAQ bot on
    # gpt-4.1-mini with `stop: "###"` and search on embeddings. Deploy #58440 (04:40 UTC, live 04:42, 13:42
    # JST) rewrote the Anthropic adapter's `stop` mapping and dropped the string form: from 04:42 every
    # Anthropic request of a config setting `stop` as a string goes without stop sequence, so the model
    # writes past the marker: completion tokens and generation time x2.5, first token unchanged, no errors.
    # That is Sakuranbo's customer chat and Karakuri's manual assistant (Sonnet, `stop: "</answer>"`);
    # Sakuranbo's claims agent (no stop) and FAQ bot (OpenAI, string stop) keep their times. Anthropic's
    # Opus latency incident (04:20-06:00) raises only Hoozuki's Opus provider time and was over before the
    # ticket. The OpenAI adapter deploy at 03:55, the first-token bug and the fixed whitespace bug are
    # bystanders.
    sdk = "portkey-python/1.51.2"
    streams = budget([
        cycle(streamed(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=12, p50=1400,
                              p95=3200, prompt=1600, completion=220, error_rate=0.01,
                              config_id="pc-sakuranbo-madoguchi", key="vk-sakuranbo-web", sdk="portkey-node/2.33.1",
                              metadata={"busho": "madoguchi"}), 0.2), 1, 9, 0.3),
        cycle(streamed(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2600,
                              p95=6000, prompt=5000, completion=600, error_rate=0.01, config_id="pc-sakuranbo-satei",
                              key="vk-sakuranbo-satei", sdk=sdk, metadata={"busho": "satei"}), 0.2), 1, 9, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.01,
                     config_id="pc-sakuranbo-faq", key="vk-sakuranbo-web", sdk="portkey-node/2.33.1"), 1, 9, 0.3),
        cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=150, p95=380,
                     prompt=800, completion=0, error_rate=0.01, config_id="pc-sakuranbo-kensaku",
                     key="vk-sakuranbo-satei", sdk=sdk), 1, 9, 0.3),
        streamed(stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2400, p95=5600,
                        completion=450, config_id="pc-karakuri-manual", sdk="portkey-node/2.33.1"), 0.2),
        stream(b["id"], model="gpt-4.1", per_minute=5, p50=1500, p95=3500, config_id="pc-karakuri-docs"),
        stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=4, p50=4500, p95=10000,
               config_id="pc-hoozuki-menu")])
    an = [latency(at(D, "04:42"), None, {"config_id": "pc-sakuranbo-madoguchi"}, 2.5, component="generation"),
          latency(at(D, "04:42"), None, {"config_id": "pc-karakuri-manual"}, 2.5, component="generation"),
          latency(at(D, "04:20"), at(D, "06:00"), {"model": "claude-opus-4-1"}, 2.5)]

    def with_stop(cfg_, stop):
        cfg_["config"]["targets"][0]["override_params"]["stop"] = stop
        return cfg_

    cfg = [with_stop(one_target("pc-sakuranbo-madoguchi", a, "madoguchi", "vk-sakuranbo-anthropic", "claude-haiku-4-5",
                                30000), "\n利用者:"),
           one_target("pc-sakuranbo-satei", a, "satei", "vk-sakuranbo-anthropic", "claude-sonnet-4-6", 60000),
           with_stop(one_target("pc-sakuranbo-faq", a, "faq", "vk-sakuranbo-openai", "gpt-4.1-mini", 20000), "###"),
           one_target("pc-sakuranbo-kensaku", a, "kensaku", "vk-sakuranbo-openai", "text-embedding-3-small", 10000),
           with_stop(one_target("pc-karakuri-manual", b, "manual", "vk-karakuri-anthropic", "claude-sonnet-4-6", 60000),
                     "</answer>"),
           one_target("pc-karakuri-docs", b, "docs", "vk-karakuri-openai", "gpt-4.1", 60000),
           one_target("pc-hoozuki-menu", c, "menu", "vk-hoozuki-anthropic", "claude-opus-4-1", 120000)]
    for cf in cfg:
        cf["last_updated_at"] = "2032-09-02T03:00:00Z"
    t = [mail_ticket(715401, a, "窓口チャットの応答が急に遅くなっております",
                     "Relay サポートご担当者様\n\nいつも大変お世話になっております。さくらんぼ損保 デジタル推進部の森でございます。"
                     "\n\n2時間ほど前から、お客様向け窓口チャット（Claude Haiku）の応答が目に見えて遅くなっております。最初の"
                     "文字が表示されるまでの時間は変わらないのですが、回答が最後まで表示されるまでに以前の倍以上かかって"
                     "おります。また回答自体も長くなり、末尾に「利用者:」で始まる、お客様の発言を AI が勝手に書き足した"
                     "ような文が続く例も見られます。エラーは発生しておりません。\n\n一方、同じ Claude でも査定支援エージェント"
                     "（Sonnet）には特に変化がないように見受けられます。設定はこの9月から変更しておりません。\n\nAnthropic "
                     "社のステータスページに Claude の遅延に関する障害が掲載されておりましたので、その影響でモデルの挙動が"
                     "変わったのではないかと推察しておりますが、いかがでしょうか。障害が解消されれば元に戻るという理解で"
                     "よろしいでしょうか。\n\nお客様からの問い合わせ対応に支障が出ておりますため、見通しだけでもご教示"
                     "いただけますと幸いです。\n\n何卒よろしくお願い申し上げます。\n\n森 拓也\nさくらんぼ損害保険株式会社 "
                     "デジタル推進部", at(D, "06:45"), "Takuya Mori", priority="high", email="t.mori"),
         mail_ticket(715402, a, "ログの保存リージョンについて",
                     "Relay サポートご担当者様\n\nお世話になっております。監査対応のため確認させてください。弊社のリクエスト"
                     "ログやメタデータは、どの地域のデータセンターに保存されておりますでしょうか。また、保存先を日本国内に"
                     "変更することは可能でしょうか。\n\n小林 恵\nさくらんぼ損害保険株式会社 情報セキュリティ室",
                     at(D, "05:30"), "Megumi Kobayashi", priority="low", email="m.kobayashi")]
    # Truth: answers grow longer and slower, first token unchanged, on exactly the Anthropic configs that
    # set `stop` as a string (two orgs, two Claude models), from two minutes after the deploy that removed
    # the string path of the Anthropic stop mapping, while the org's Claude config without stop and its
    # OpenAI config with a string stop keep their times, and the chat page documents a string `stop`:
    # deploy_regression, cited with the deploy and the config. Bystanders: the Opus incident (another model,
    # another org), the OpenAI adapter deploy, the two issues, the claims-agent config.
    return scenario("", "latency-spike-stop-string-dropped-deploy-relative-time-tokyo-japanese",
                    "Formal Japanese ticket with a relative time only ('2時間ほど前から', written at 15:45 JST; first "
                    "token as fast as before, answers longer and running past '利用者:'; blames Anthropic's status "
                    "page): deploy #58440 at 04:40 UTC removed the string form of `stop` from the Anthropic adapter, "
                    "so from 04:42 the Claude configs that set `stop` as a string (the org's customer chat, another "
                    "org's manual assistant) get answers 2.5 times longer and slower while the org's Claude config "
                    "without stop and its OpenAI config with a string stop keep their times (deploy_regression). An "
                    "Opus latency incident on another org's model, an OpenAI adapter deploy at 03:55, a first-token "
                    "bug and a fixed stop-whitespace bug are bystanders among 22 routine deploys; a plain question on "
                    "data residency.",
                    now, CO, [a, b, c], start, 715401, streams, an, t,
                    {715401: truth("latency-spike", "deploy_regression",
                                   [f"github:deployment:{bad}", "config:pc-sakuranbo-madoguchi"],
                                   [opus, f"github:deployment:{near}", "linear:issue:GW-15421", "linear:issue:GW-15422",
                                    "config:pc-sakuranbo-satei"],
                                   ["stop"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin,
                    docs=[DOC_LATENCY, DOC_CHAT, DOC_RESIDENCY],
                    answers={715402: ["docs:docs/security/data-residency.md"]})


# ---------------------------------------------------------------------------------------------
# 5. fallback, Mexican Spanish with typos (Mexico City, UTC-6), customer_config + provider_outage
# ---------------------------------------------------------------------------------------------

DOC_FALLBACKS = doc("docs/routing/fallbacks.md", "Fallbacks",
                    "# Fallbacks\n\nA config with `strategy.mode = fallback` tries its targets in order. A target "
                    "fails over when it answers a status listed in `strategy.on_status_codes` (Anthropic answers 529 "
                    "when overloaded: list it), or when it exceeds its `request_timeout`. The request log of a "
                    "request served by a later target has `fallback_used = 1`.\n")
DOC_LOADBALANCE = doc("docs/routing/loadbalance.md", "Load balancing",
                      "# Load balancing\n\nA config with `strategy.mode = loadbalance` sends each request to **one** "
                      "of its targets, chosen at random in proportion to its `weight`. It does not fail over: when the "
                      "chosen target fails, its error is returned to the client, whatever the other targets. To get "
                      "both, nest a loadbalance group inside a `fallback` config, or use `fallback` mode with the "
                      "backup target second.\n")


def fallback_loadbalance_not_fallback_es_mx():
    """The org's assistant config is loadbalance (Claude 0.8, GPT-4.1 0.2), so during Anthropic's Sonnet
    incident its Claude requests' 529s reach the client; another org's fallback config fails over, also
    after our router deploy, which the customer blames."""
    D, now = "2032-10-27", "2032-10-28T15:20:00Z"
    a = org("org_cempasuchil", "Cempasúchil Seguros", "cempasuchil.mx", "enterprise")
    b = org("org_huitlacoche", "Huitlacoche Foods", "huitlacoche.com.mx", "scale")
    c = org("org_xoconostle", "Xoconostle Apps", "xoconostle.app", "growth")
    start = at(D, "10:00")
    gh = github(CO, 58501, start, now, 13)
    router = gh.deploy(58540, at(D, "17:05"), "router: one attempt counter for retries and fallbacks",
                       ["src/router/attempts.ts", "src/router/fallback.ts", "src/router/attempts.test.ts"],
                       message="router: share a single attempt counter between retries and fallback targets (#10804)")
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "q7n5e3t1o9v8", "Elevated errors on Claude Sonnet 4.6", at(D, "17:20"),
                      at(D, "18:35"), "Some requests to Claude Sonnet 4.6 fail with overloaded errors (529).")
    web = sp.incident("anthropic", "q7c2a6i0l4d8", "claude.ai login errors", at(D, "14:00"), at(D, "14:40"),
                      "Some users cannot log in to claude.ai.", component="claude.ai", impact="minor")
    lin = [linear_issue("GW-15521", "Fallback: retry.attempts 0 on a target skips the next target",
                        "A fallback target with `retry.attempts: 0` ends the chain instead of handing over to the next "
                        "target.", "2032-10-15T10:00:00Z", state="Todo", labels=("bug", "router"))]
    # Cempasúchil (Mexico City, UTC-6): its claims assistant pc-cempasuchil-asistente was saved on 14
    # September in loadbalance mode, claude-sonnet-4-6 at weight 0.8 and gpt-4.1 at 0.2 (the customer
    # calls GPT its backup): about 12 requests a minute go to Claude and 3 to GPT-4.1. During Anthropic's
    # Sonnet incident (17:20-18:35 UTC, 11:20-12:35 in Mexico City) 45% of its Claude requests are
    # answered 529 and returned to the client (loadbalance does not fail over; fallback_used stays 0),
    # as are Xoconostle's single-target Sonnet requests; Huitlacoche's fallback config (Sonnet then
    # GPT-4.1, on_status_codes with 529) is served by GPT-4.1 for every 529 in the same minutes, after
    # our router deploy at 17:05. The org's policy config on Haiku and its quote config on gpt-4.1-mini
    # are untouched. The claude.ai incident and the retry.attempts bug are bystanders.
    streams = budget([
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=2300, p95=5400,
                     error_rate=0.01, config_id="pc-cempasuchil-asistente", key="vk-cempasuchil-web",
                     sdk="portkey-node/2.33.1", metadata={"canal": "siniestros"}), 14, 23, 0.3),
        cycle(stream(a["id"], model="gpt-4.1", per_minute=3, p50=1500, p95=3500, error_rate=0.01,
                     config_id="pc-cempasuchil-asistente", key="vk-cempasuchil-web", sdk="portkey-node/2.33.1",
                     metadata={"canal": "siniestros"}), 14, 23, 0.3),
        cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                     error_rate=0.01, config_id="pc-cempasuchil-polizas", key="vk-cempasuchil-web",
                     sdk="portkey-node/2.33.1"), 14, 23, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.01,
                     config_id="pc-cempasuchil-cotizador", key="vk-cempasuchil-cotiza", sdk="portkey-python/1.51.2"),
              14, 23, 0.3),
        stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2300, p95=5400,
               config_id="pc-huitlacoche-soporte"),
        stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=2300, p95=5400,
               config_id="pc-xoconostle-resenas")])
    win = (at(D, "17:20"), at(D, "18:35"))
    an = [errors(*win, {"config_id": "pc-cempasuchil-asistente", "provider": "anthropic"}, 0.45, 529,
                 "provider_overloaded"),
          errors(*win, {"config_id": "pc-xoconostle-resenas"}, 0.45, 529, "provider_overloaded"),
          errors(*win, {"config_id": "pc-huitlacoche-soporte"}, 0.45, 529, "provider_overloaded",
                 {"provider": "openai", "model": "gpt-4.1"})]
    asistente = config("pc-cempasuchil-asistente", a["id"], "asistente-siniestros",
                       [dict(target("vk-cempasuchil-anthropic", "claude-sonnet-4-6", 60000), weight=0.8),
                        dict(target("vk-cempasuchil-openai", "gpt-4.1", 60000), weight=0.2)],
                       mode="loadbalance", updated="2032-09-14T16:30:00Z")
    soporte = config("pc-huitlacoche-soporte", b["id"], "soporte",
                     [target("vk-huitlacoche-anthropic", "claude-sonnet-4-6", 60000),
                      target("vk-huitlacoche-openai", "gpt-4.1", 60000)],
                     mode="fallback", updated="2032-07-02T15:00:00Z")
    soporte["config"]["strategy"]["on_status_codes"] = [429, 500, 502, 503, 529]
    cfg = [asistente,
           one_target("pc-cempasuchil-polizas", a, "polizas", "vk-cempasuchil-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-cempasuchil-cotizador", a, "cotizador", "vk-cempasuchil-openai", "gpt-4.1-mini", 30000),
           soporte,
           one_target("pc-xoconostle-resenas", c, "resenas", "vk-xoconostle-anthropic", "claude-sonnet-4-6", 60000)]
    t = [mail_ticket(715501, a, "el fallback no funciono ayer con la caida de anthropic",
                     "Hola equipo de Relay,\n\nayer entre las 11:20 y las 12:35 (hora CDMX) nuestro asistente de "
                     "siniestros (config pc-cempasuchil-asistente) le regreso errores 529 \"overloaded\" a muchisimos "
                     "asegurados. Se supone que justo para eso tenemos configurado GPT-4.1 como respaldo desde "
                     "septiembre, pero el fallbak nunca entro, los errores de claude se fueron directo a la app y el "
                     "call center se lleno de llamadas.\n\nVimos en su changelog que ayer a las 11:05 hicieron un "
                     "deploy del router que cambia como se cuentan los reintentos y los fallbacks, 15 minutos antes "
                     "de que empezara todo. ¿no sera que eso rompio el fallback? antes funcionaba, o almenos eso "
                     "creemos porque nunca nos habia pasado.\n\nNos pueden confirmar que ya quedo arreglado y que si "
                     "Anthropic se vuelve a caer el respaldo si va a entrar? Tambien nos sirve saber cuantas "
                     "peticiones se perdieron para el reporte con direccion.\n\nSaludos\nIng. Rodrigo Téllez Aguilar\n"
                     "Arquitecto de Soluciones – Cempasúchil Seguros", "2032-10-28T15:05:00Z", "Rodrigo Téllez Aguilar",
                     priority="high", email="rodrigo.tellez")]
    # Primary: the config the customer calls a fallback is a loadbalance config, which sends each request
    # to one target and returns its error, as the loadbalance page says: its Claude requests' 529s reached
    # the client with fallback_used 0 while another org's fallback config, after the same router deploy,
    # failed over on every 529: customer_config, cited with the config and the loadbalance page.
    # Secondary: Anthropic's declared Sonnet incident, the 529s themselves. Bystanders: the router deploy,
    # the claude.ai incident, the retry.attempts bug, the org's Haiku config.
    return scenario("", "fallback-loadbalance-not-fallback-sonnet-incident-mexico-spanish-typos",
                    "Mexican Spanish ticket with typos (Mexico City, UTC-6, the day after; blames our router "
                    "deploy at 11:05 local time), two causes: the org's assistant config pc-cempasuchil-asistente is "
                    "loadbalance (Claude 0.8, GPT-4.1 0.2), so during Anthropic's Sonnet incident (17:20-18:35 UTC, "
                    "529 on 45%) its Claude requests' 529s reach the client while another org's fallback config "
                    "listing 529 fails over to GPT-4.1 after the same deploy (customer_config); the incident itself "
                    "(secondary provider_outage). A claude.ai incident and a retry.attempts bug are bystanders among "
                    "13 routine deploys.",
                    now, CO, [a, b, c], start, 715501, streams, an, t,
                    {715501: truth("fallback", "customer_config",
                                   ["config:pc-cempasuchil-asistente", "docs:docs/routing/loadbalance.md"],
                                   [f"github:deployment:{router}", web, "linear:issue:GW-15521",
                                    "config:pc-cempasuchil-polizas"],
                                   ["loadbalance", "529"],
                                   [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS, DOC_LOADBALANCE])


# ---------------------------------------------------------------------------------------------
# 6. provider-routing, English with a negation (Portland, PST), known_bug + rate_limited
# ---------------------------------------------------------------------------------------------

DOC_PROVIDER_LIMITS = doc(
    "docs/limits/rate-limits.md", "Rate limits",
    "# Rate limits\n\nEach plan has a tokens-per-minute budget per organisation (growth 100k, scale 150k, enterprise "
    "by contract).\n\n## Provider limits\n\nThe provider account behind a virtual key (an OpenAI or Anthropic "
    "organisation, a Google Cloud project) has its own quota, set by the provider. When it is reached the provider "
    "answers 429 and the gateway returns it with `error_code: rate_limited`. Every config whose targets use that "
    "virtual key shares the quota, so a batch job can starve interactive traffic on the same key; configs on other "
    "virtual keys are not affected. Give batch jobs their own virtual key, or run them off-peak.\n")


def routing_gemini_anyof_known_bug_and_quota_en():
    """Not Claude, only Gemini: a filed Gemini-adapter bug refuses tools with anyOf parameters (400 on 35%
    of every org's Gemini agent requests since yesterday); from 19:35 UTC the org's own discovery batch
    on the same Google key exhausts the project's quota (429)."""
    Y, D, now = "2032-11-15", "2032-11-16", "2032-11-16T22:10:00Z"
    a = org("org_chinook", "Chinook Legal Analytics", "chinooklegal.com", "enterprise")
    b = org("org_madrona", "Madrona Labs", "madronalabs.io", "scale")
    c = org("org_salmonberry", "Salmonberry Health", "salmonberryhealth.com", "growth")
    start = at(Y, "18:00")
    gh = github(CO, 58601, start, now, 18)
    gdep = gh.deploy(58640, at(D, "16:40"), "google adapter: map SAFETY finish reason to content_filter",
                     ["src/providers/google/response.ts", "src/providers/google/response.test.ts"])
    bug = linear_issue("GW-15821", "Gemini adapter: tools with anyOf parameters refused 400 INVALID_ARGUMENT",
                       "Since about 20:10 UTC on 15 November the Gemini API refuses function declarations whose "
                       "parameter schema uses `anyOf` (what Pydantic and Zod emit for optional or nullable fields): "
                       "400 INVALID_ARGUMENT, \"Unknown name anyOf\". Our Gemini adapter forwards the OpenAI-style "
                       "JSON schema of `tools` unchanged; it must translate `anyOf: [{type: X}, {type: null}]` into "
                       "`type: X, nullable: true`. Every org's Gemini requests carrying such a tool fail, about a "
                       "third of agent traffic in the two orgs that reported it. Workaround: declare optional "
                       "parameters without a null union. Fix in review.", "2032-11-15T21:30:00Z",
                       labels=("bug", "provider:google", "tools"))
    closed = linear_issue("GW-15822", "Gemini adapter: tool_choice required mapped to AUTO",
                          "`tool_choice: \"required\"` was sent to Gemini as mode AUTO, so some answers had no tool "
                          "call. Fixed: mapped to ANY.", "2032-10-06T10:00:00Z", state="Done",
                          labels=("bug", "provider:google", "tools"), completed="2032-10-09T15:00:00Z")
    jira = [jira_issue("ADAPT-5861", 586100, "Gemini: safety ratings missing from request logs",
                       "Request logs of Gemini answers carry no safety ratings, so blocked answers cannot be told "
                       "apart in the logs view.", "2032-11-02T10:00:00Z", status="To Do", category="new",
                       labels=("provider:google", "logs"))]
    sp = Statuspage(now)
    lite = sp.incident("google", "q7f3l9i5t1e7", "Elevated error rates for Gemini 2.5 Flash-Lite", at(D, "17:00"),
                       at(D, "18:10"), "Some Gemini 2.5 Flash-Lite requests fail with 503 errors. Other models are "
                                       "not affected.", component="Gemini API")
    # Chinook (Portland, PST UTC-8 since 7 November): the intake agent pc-chinook-intake on gemini-2.5-pro
    # with function tools, the discovery classifier pc-chinook-discovery on gemini-2.5-flash (no tools),
    # both on the org's Google virtual key vk-chinook-google (one Google Cloud project), drafting on Claude
    # Sonnet 4.6 and research on gpt-4.1. From 20:10 UTC on 15 November (12:10 PST) 35% of every org's
    # Gemini agent requests carrying a tool with an `anyOf` parameter are refused 400 invalid_request:
    # Chinook's intake and Madrona's agent, the issue GW-15821 filed at 21:30 that day from Madrona's
    # report. From 19:30 UTC on 16 November (11:30 PST) the discovery batch sends six times its volume on
    # the shared Google key, and from 19:35 30% of Chinook's Gemini requests, intake and discovery, are
    # answered 429 rate_limited (the project's quota); Claude, GPT and the other orgs get no 429. Our
    # Google adapter deploy at 16:40 (08:40 PST) maps a finish reason and came long after the 400s began;
    # the Flash-Lite incident is Salmonberry's model, over by 18:10; the closed tool_choice issue and the
    # safety-ratings issue are bystanders.
    g = "vk-chinook-google"
    streams = budget([
        stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=10, p50=2600, p95=6500, error_rate=0.01,
               config_id="pc-chinook-intake", key="vk-chinook-intake", sdk="portkey-python/1.51.2",
               metadata={"matter": "intake"}),
        stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=4, p50=900, p95=2200, prompt=6000,
               completion=150, error_rate=0.01, config_id="pc-chinook-discovery", key="vk-chinook-batch",
               sdk="portkey-python/1.51.2", metadata={"matter": "discovery"}),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2400, p95=5600,
               error_rate=0.01, config_id="pc-chinook-drafting", key="vk-chinook-intake", sdk="portkey-python/1.51.2"),
        stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3500, error_rate=0.01,
               config_id="pc-chinook-research", key="vk-chinook-intake", sdk="portkey-python/1.51.2"),
        stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=6, p50=2500, p95=6200,
               config_id="pc-madrona-agent", sdk="portkey-node/2.33.1"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-madrona-chat",
               sdk="portkey-node/2.33.1"),
        stream(c["id"], provider="google", model="gemini-2.5-flash-lite", per_minute=5, p50=500, p95=1200,
               config_id="pc-salmonberry-notes"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
               config_id="pc-salmonberry-triage")])
    an = [errors(at(Y, "20:10"), None, {"config_id": "pc-chinook-intake"}, 0.35, 400, "invalid_request"),
          errors(at(Y, "20:10"), None, {"config_id": "pc-madrona-agent"}, 0.35, 400, "invalid_request"),
          volume(at(D, "19:30"), None, {"config_id": "pc-chinook-discovery"}, 6.0),
          rate_limited(at(D, "19:35"), None, {"org": a["id"], "provider": "google"}, 0.3),
          errors(at(D, "17:00"), at(D, "18:10"), {"model": "gemini-2.5-flash-lite"}, 0.4, 503, "provider_unavailable")]
    cfg = [one_target("pc-chinook-intake", a, "intake", g, "gemini-2.5-pro", 90000),
           one_target("pc-chinook-discovery", a, "discovery", g, "gemini-2.5-flash", 30000),
           one_target("pc-chinook-drafting", a, "drafting", "vk-chinook-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-chinook-research", a, "research", "vk-chinook-openai", "gpt-4.1", 60000),
           one_target("pc-madrona-agent", b, "agent", "vk-madrona-google", "gemini-2.5-pro", 90000),
           one_target("pc-madrona-chat", b, "chat", "vk-madrona-openai", "gpt-4.1-mini", 30000),
           one_target("pc-salmonberry-notes", c, "notes", "vk-salmonberry-google", "gemini-2.5-flash-lite", 20000),
           one_target("pc-salmonberry-triage", c, "triage", "vk-salmonberry-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(715601, a, "Gemini requests failing (NOT Claude) - 400s since yesterday, 429s since this morning",
                     "Hi Relay team,\n\nBefore anyone goes digging through Anthropic: this is not Claude — only our "
                     "Gemini config. Drafting (Claude Sonnet) and research (GPT-4.1) have been completely fine the "
                     "whole time, no errors at all on those.\n\nWhat we see on the intake agent (pc-chinook-intake, "
                     "gemini-2.5-pro):\n\n- since yesterday around 12:10 PM Pacific, roughly a third of calls come "
                     "back 400. Not all of them, which is the confusing part: same code path, same prompts, the "
                     "agent just picks different tools per call.\n- since about 11:30 AM today we get 429s on top of "
                     "that.\n\nWe haven't touched the config in weeks. Our Google Cloud project is on the paid tier "
                     "and as far as I can tell we're nowhere near the quota; no alerts from GCP either. Google's "
                     "status page had an incident this morning but for Flash-Lite, which we don't use. I did notice "
                     "you shipped a Google adapter change this morning (8:40 our time) — could that be behind the "
                     "429s? (Litigation support kicked off a big document review this morning too, but that runs on "
                     "its own config, so I don't see how it would matter.)\n\nOne of the 400s:\n\n```\nPOST "
                     "/v1/chat/completions -> 400 {\"error\":{\"code\":\"invalid_request\",\"provider\":\"google\","
                     "\"message\":\"Invalid JSON payload received. Unknown name \\\"anyOf\\\" at 'tools[0]."
                     "function_declarations[2].parameters.properties[1].value'\"}}\n```\n\nThis is blocking new "
                     "client intakes, so any help today is appreciated.\n\nThanks,\nPriya Raman\nStaff Engineer, "
                     "Platform | Chinook Legal Analytics", at(D, "21:40"), "Priya Raman", priority="high",
                     email="priya.raman")]
    # Primary: the 400s hit the org's Gemini agent config and another org's Gemini agent from the same
    # minute the day before, the pasted message names anyOf, and an open issue filed that day describes
    # exactly this: known_bug, cited with the issue and the config its failures come through. Secondary:
    # the 429s on the org's Gemini configs only, from five minutes after its discovery config, on the same
    # Google virtual key, went to six times its volume: rate_limited, cited with that config and the
    # rate-limits page. Bystanders: the Google adapter deploy, the Flash-Lite incident, the closed
    # tool_choice issue, the drafting config.
    return scenario("", "provider-routing-gemini-anyof-known-bug-and-quota-portland-english",
                    "English ticket with a negation that matters ('this is not Claude — only our Gemini config', "
                    "Portland, PST UTC-8 since 7 November, pasted 400 body, asks about our Google adapter deploy at "
                    "8:40 PST), two causes: since 20:10 UTC the day before, 35% of every org's Gemini agent requests "
                    "are refused 400 for tools with anyOf parameters, open Linear GW-15821 (known_bug); from 19:35 "
                    "UTC the org's own discovery batch, six times its volume on the same Google key since 19:30, "
                    "exhausts the project quota and 30% of the org's Gemini requests get 429 (secondary "
                    "rate_limited). The Google adapter deploy, a Flash-Lite incident, a closed tool_choice issue and "
                    "a Jira safety-ratings issue are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], start, 715601, streams, an, t,
                    {715601: truth("provider-routing", "known_bug", ["linear:issue:GW-15821", "config:pc-chinook-intake"],
                                   [f"github:deployment:{gdep}", lite, "linear:issue:GW-15822", "jira:issue:ADAPT-5861",
                                    "config:pc-chinook-drafting"],
                                   ["400", "429"],
                                   [secondary("rate_limited", ["config:pc-chinook-discovery",
                                                               "docs:docs/limits/rate-limits.md"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, closed], jira=jira,
                    docs=[DOC_PROVIDER_LIMITS])


# ---------------------------------------------------------------------------------------------
# 7. api-errors, thirteen English words (New York, EST), no_fault_found
# ---------------------------------------------------------------------------------------------

DOC_ERRORS = doc("docs/errors/status-codes.md", "Error codes",
                 "# Error codes\n\nErrors the provider sends are passed on unchanged; errors of the gateway itself "
                 "carry `error_code: internal_error`. Every provider fails a small share of requests on a good day "
                 "too. The dashboard's error widget shows counts: before reading a change into a rising count, "
                 "compare the error **rate** (errors / requests) with the same hours of the day before.\n")
DOC_RETENTION = doc("docs/observability/log-retention.md", "Log retention",
                    "# Log retention\n\nRequest logs are kept 30 days on growth, 90 days on scale and 13 months on "
                    "enterprise. Enterprise contracts can extend retention up to 7 years for an additional fee; ask "
                    "your account manager. Logs older than the retention period can be kept in your own bucket with "
                    "the scheduled daily export (Settings → Log export).\n")


def api_errors_short_ticket_no_fault_en():
    """A big org's error count rises every morning at 9 ET with its office-hours traffic at a flat 2.5%,
    as the day before; thirteen words of ticket. Our OpenAI adapter deploy at 8:52 ET and a GPT-4.1 nano
    incident tempt."""
    Y, D, now = "2032-11-08", "2032-11-09", "2032-11-09T16:40:00Z"
    a = org("org_brownstone", "Brownstone Mutual", "brownstonemutual.com", "enterprise")
    b = org("org_pretzel", "Pretzel Labs", "pretzellabs.io", "scale")
    c = org("org_knish", "Knish Commerce", "knishcommerce.com", "growth")
    start = at(Y, "12:00")
    gh = github(CO, 58701, start, now, 20)
    tier = gh.deploy(58740, at(D, "13:52"), "openai adapter: pass service_tier through on chat completions",
                     ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"])
    sp = Statuspage(now)
    nano = sp.incident("openai", "q7n1a5n9o3x6", "Elevated error rates on GPT-4.1 nano", at(D, "14:10"), at(D, "15:00"),
                       "Some GPT-4.1 nano requests fail with 500 errors. Other models are not affected.")
    lin = [linear_issue("GW-15721", "Azure OpenAI: retry-after header missing on 503",
                        "503 answers from Azure OpenAI deployments reach the client without the retry-after header "
                        "Azure sent.", "2032-10-25T10:00:00Z", state="Todo", labels=("bug", "provider:azure"))]
    # Brownstone (New York, EST UTC-5 since 7 November, office hours 14:00-23:00 UTC = 9 am-6 pm ET, a
    # sixth of that volume at night): the claims chat on gpt-4.1, underwriting notes on Claude Sonnet 4.6,
    # a mail triage on gpt-4.1-mini, search on embeddings and quotes on o4-mini, some 52 requests a
    # minute at the busy hours, every stream failing a steady 2.5% all window: a handful of failed chat
    # requests an hour at night, some 25 an hour from 9 ET, yesterday as today. No anomaly touches
    # Brownstone. OpenAI's GPT-4.1 nano incident (14:10-15:00 UTC) is on Pretzel's nano config only; the
    # service_tier deploy at 13:52 changed no rate (the same before and after); the Azure bug is another
    # provider.
    sdk = "portkey-python/1.51.2"
    streams = budget([
        cycle(stream(a["id"], model="gpt-4.1", per_minute=16, p50=1500, p95=3500, error_rate=0.025,
                     config_id="pc-brownstone-claims-chat", key="vk-brownstone-claims", sdk="portkey-node/2.33.1",
                     metadata={"line": "claims"}), 14, 23, 0.17),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2300, p95=5400,
                     error_rate=0.025, config_id="pc-brownstone-underwriting", key="vk-brownstone-uw", sdk=sdk,
                     metadata={"line": "underwriting"}), 14, 23, 0.17),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=0.025,
                     config_id="pc-brownstone-mailroom", key="vk-brownstone-uw", sdk=sdk), 14, 23, 0.17),
        cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=10, p50=180, p95=420,
                     prompt=1800, completion=0, error_rate=0.025, config_id="pc-brownstone-search",
                     key="vk-brownstone-claims", sdk="portkey-node/2.33.1"), 14, 23, 0.17),
        cycle(stream(a["id"], model="o4-mini", per_minute=4, p50=5000, p95=12000, error_rate=0.025,
                     config_id="pc-brownstone-quotes", key="vk-brownstone-uw", sdk=sdk), 14, 23, 0.17),
        stream(b["id"], model="gpt-4.1-nano", per_minute=6, p50=400, p95=1000, config_id="pc-pretzel-tagger",
               sdk="portkey-node/2.33.1"),
        stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
               config_id="pc-pretzel-support"),
        stream(c["id"], model="gpt-4.1", per_minute=5, p50=1500, p95=3500, config_id="pc-knish-catalog")])
    an = [errors(at(D, "14:10"), at(D, "15:00"), {"model": "gpt-4.1-nano"}, 0.4, 500, "provider_error")]
    cfg = [one_target("pc-brownstone-claims-chat", a, "claims-chat", "vk-brownstone-openai", "gpt-4.1", 60000),
           one_target("pc-brownstone-underwriting", a, "underwriting", "vk-brownstone-anthropic", "claude-sonnet-4-6",
                      60000),
           one_target("pc-brownstone-mailroom", a, "mailroom", "vk-brownstone-openai", "gpt-4.1-mini", 30000),
           one_target("pc-brownstone-search", a, "search", "vk-brownstone-openai", "text-embedding-3-large", 10000),
           one_target("pc-brownstone-quotes", a, "quotes", "vk-brownstone-openai", "o4-mini", 120000),
           one_target("pc-pretzel-tagger", b, "tagger", "vk-pretzel-openai", "gpt-4.1-nano", 20000),
           one_target("pc-pretzel-support", b, "support", "vk-pretzel-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-knish-catalog", c, "catalog", "vk-knish-openai", "gpt-4.1", 60000)]
    t = [mail_ticket(715701, a, "500s",
                     "wave of 500s on our chat since 9am ET — something on your end?", at(D, "16:20"),
                     "Marcus Delgado", priority="high", email="mdelgado"),
         mail_ticket(715702, a, "Log retention for compliance",
                     "Hello,\n\nOur compliance team needs request logs kept for at least two years. How long do you "
                     "keep them today on our plan, and can that be extended?\n\nThank you,\nEvelyn Shapiro\nIT Risk & "
                     "Compliance, Brownstone Mutual", at(D, "15:10"), "Evelyn Shapiro", priority="low",
                     email="eshapiro")]
    # Truth: the org's error rate is a flat 2.5% on every stream, before and after the deploy, during and
    # outside the nano incident, today as yesterday; the count rises at 14:00 UTC (9 ET) with the
    # office-hours volume: no_fault_found. Bystanders: the service_tier deploy, the nano incident
    # (another org's model), the Azure bug.
    return scenario("", "api-errors-short-ticket-business-hours-no-fault-new-york-english",
                    "English ticket of thirteen words ('wave of 500s on our chat since 9am ET', New York, EST UTC-5 "
                    "since 7 November): a big org whose five configs fail a flat 2.5% all window, the count rising "
                    "with its 14:00-23:00 UTC office-hours volume as it did the day before (no_fault_found). OpenAI's "
                    "GPT-4.1 nano incident at 14:10 (another org's model), an OpenAI service_tier deploy at 13:52 and "
                    "an Azure retry-after bug are bystanders among 20 routine deploys; a plain question on log "
                    "retention.",
                    now, CO, [a, b, c], start, 715701, streams, an, t,
                    {715701: truth("api-errors", "no_fault_found", [],
                                   [f"github:deployment:{tier}", nano, "linear:issue:GW-15721"], ["yesterday"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_ERRORS, DOC_RETENTION],
                    answers={715702: ["docs:docs/observability/log-retention.md"]})


ALL = [webhook_incomplete_chain_de_at, billing_o4_mini_output_doubled_fr, metadata_async_python_sdk_question_pt_br,
       latency_stop_string_deploy_ja, fallback_loadbalance_not_fallback_es_mx,
       routing_gemini_anyof_known_bug_and_quota_en, api_errors_short_ticket_no_fault_en]

if __name__ == "__main__":
    write_all(ALL)
