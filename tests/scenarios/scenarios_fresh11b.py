#!/usr/bin/env python3
"""Six library scenarios in July and August 2031, in the token-billing, webhook and metadata
patterns, truth written from each scenario's data before the engine ever ran on them (the engine
was not read or run while writing them):

- a Munich platform team questioning the new Cached input line of a three-meter invoice with
  prices (input, output, cached) and guessing cached tokens are billed twice: the cached line is
  right at its documented tenth; our embeddings usage deploy at 08:40 UTC makes the Input meter
  count every `/v1/embeddings` request twice from 08:42 (billing_pipeline, cited with the invoice
  and the deploy; Stripe customer only by its e-mail domain, beside a namesake; typos);
- a formal Japanese question asking why the invoice of 7 August is nearly twice a usual day: a
  new in-house FAQ bot of the org's own (pc-kawasemi-shanai) went live at 10:00 JST and the invoice
  equals the logs (no_fault_found; a meter-batching deploy eleven minutes before the rise, a
  meter-backlog page and a Bedrock metering bug are red herrings; Stripe customer under a
  non-default metadata key);
- a Buenos Aires payments company with three endpoints: our deploy sends `request.failed` with an
  `error` object, which every schema-validating receiver answers 400 (its payments receiver and
  another org's), primary; its own reports receiver timing out since before the deploy, secondary;
  its alerts endpoint fine (two causes, Spanish);
- a Paris insurer under a stale "Re: Re:" billing subject: its claims receiver answers 403 to
  every delivery after its own WAF change, its two other endpoints (other hosts) answer 200, our
  webhook retry-jitter deploy is twenty minutes before (customer_endpoint, French);
- a São Paulo edtech losing metadata on its tutoring service since about 11:00 BRT, blaming the
  Anthropic SDK upgrade of the evening before: our `/v1/messages` passthrough deploy drops the
  metadata of every org's `/v1/messages` request from 14:12 UTC, chat-completions traffic keeps
  it (deploy_regression, Portuguese, question form);
- a Toronto analytics company quoting our earlier reply that IPv6-only endpoints are supported:
  its new IPv6-only receiver (and another org's) fails every delivery with connection_refused
  since the webhook workers moved egress, a bug filed in Linear that evening; its dual-stack budget
  endpoint is fine; our delivery-log deploy fifteen minutes before the onset is a bystander
  (known_bug, English, typos).

Time zones (summer 2031): Munich and Paris on CEST (UTC+2, Europe on summer time from 30 March to
26 October 2031), Toronto on EDT (UTC-4, 9 March to 2 November 2031), Tokyo JST (UTC+9, no summer
time), Buenos Aires ART (UTC-3, no summer time), São Paulo BRT (UTC-3, no summer time since 2019).

Every truth below is read from the data declared next to it (meters and their faults, webhook
failures, anomalies, deploys, issues, incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks
from scenarios_fresh3a import jira_issue
from scenarios_fresh4a import meter

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def event_failures(start, end, endpoint, event, rate, status, error=""):
    """Failures of one endpoint's deliveries of one event type only."""
    return {"kind": "failures", "from": start, "to": end, "match": {"endpoint": endpoint, "event": event},
            "rate": rate, "status": status, "error": error}


# ---------------------------------------------------------------------------------------------
# 1. token-billing, German, three meters with prices, billing_pipeline
# ---------------------------------------------------------------------------------------------

DOC_METERS_PRICED = doc("docs/billing/token-meters.md", "Token meters and prices",
                        "# Token meters and prices\n\nEach daily invoice (UTC day, 00:00-24:00 UTC) has three "
                        "metered lines:\n\n| line | counts | price per 1,000 tokens |\n|---|---|---|\n"
                        "| Input tokens | prompt tokens of every request (chat, completions, embeddings), "
                        "minus cache reads | $0.002 |\n| Output tokens | completion tokens | $0.008 |\n"
                        "| Cached input tokens | prompt tokens the provider read from its cache | $0.0002 |\n\n"
                        "A cached token is billed once, on the Cached input line, at a tenth of the input price; "
                        "it is not on the Input line. Each line equals the request logs of the same UTC day.\n")


def billing_embeddings_input_doubled_de():
    """Our embeddings usage deploy counts each embeddings request's prompt tokens twice on the
    Input meter from 08:42 UTC, for every org; the customer suspects the Cached input line, which
    is right."""
    D, now = "2031-07-15", "2031-07-16T05:40:00Z"
    a = org("org_wiesel", "Wiesel Logistik", "wiesel-logistik.de", "enterprise")
    b = org("org_dachs", "Dachs Software", "dachs-software.at", "scale")
    c = org("org_amsel", "Amsel Media", "amsel-media.de", "growth")
    gh = github(CO, 48001, "2031-07-15T00:00:00Z", now, 21)
    bad = gh.deploy(48040, at(D, "08:40"), "usage: embeddings usage from the batch envelope",
                    ["src/billing/usage/embeddings.ts", "src/billing/usage/embeddings.test.ts"],
                    message="usage/embeddings: read usage.prompt_tokens from the batch envelope as well as per "
                            "input item (#6802)")
    pdf = gh.deploy(48041, at(D, "07:10"), "invoices: local time zone on the PDF invoice header",
                    ["src/billing/invoice-pdf.ts", "src/billing/tz.ts"])
    pd = [pd_incident("PMTR0715", 10715, "Stripe meter event submission p95 above 3 s", at(D, "13:05"),
                      at(D, "13:31"), "Billing meters")]
    lin = [linear_issue("GW-6810", "Usage page: embeddings requests missing from the per-model chart",
                        "The usage page's per-model chart leaves out /v1/embeddings; totals, meters and invoices "
                        "include them.", "2031-07-08T10:00:00Z", state="Todo", labels=("bug", "usage-ui"))]
    # Wiesel (Munich, CEST UTC+2): a dispatch assistant on gpt-4.1-mini (half of its prompt read from
    # the cache), a document search that embeds shipment papers on /v1/embeddings
    # (text-embedding-3-large, 20 a minute, 800 tokens, no completion), and a Claude Sonnet assistant
    # in office hours. Three meters with prices. Deploy #48040 at 08:40 UTC (10:40 in Munich) adds
    # the batch envelope's prompt_tokens to the per-item count: from 08:42 the Input tokens meter
    # counts every /v1/embeddings request twice (Dachs' embeddings too). in_1Wiesel0715 (UTC day 15
    # July) has its Input line above the logs by the embeddings prompt tokens after 08:42 (about 15 M
    # tokens, a quarter above the logs); the Output and Cached input lines equal the logs, so the
    # customer's theory (cache reads billed on both lines) is wrong, as the meters page says. The PDF
    # deploy, the meter-latency page (delayed, not lost) and the usage-page chart bug are bystanders.
    # Stripe customer: no metadata; e-mail in the org's domain; "Wiesel Media" a namesake.
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, prompt=3000, completion=300,
                      cached=0.5, config_id="pc-wiesel-disposition", key="vk-wiesel-dispo",
                      sdk="portkey-python/1.30.2", metadata={"team": "disposition"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=20, p50=150,
                      p95=400, prompt=800, completion=0, config_id="pc-wiesel-suche", key="vk-wiesel-suche",
                      sdk="portkey-python/1.30.2", metadata={"team": "suche"}),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1500,
                            p95=3400, prompt=2000, completion=400, config_id="pc-wiesel-assistenz",
                            key="vk-wiesel-web", sdk="portkey-node/2.16.1"), 6, 16, 0.3),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=10, p50=120,
                      p95=300, prompt=600, completion=0, config_id="pc-dachs-index"),
               stream(b["id"], model="gpt-4.1", per_minute=6, p50=1300, p95=3000, config_id="pc-dachs-copilot"),
               stream(c["id"], per_minute=4, config_id="pc-amsel-texte")]
    cfg = [one_target("pc-wiesel-disposition", a, "disposition", "vk-wiesel-openai", "gpt-4.1-mini", 30000),
           one_target("pc-wiesel-suche", a, "suche", "vk-wiesel-openai", "text-embedding-3-large", 10000),
           one_target("pc-wiesel-assistenz", a, "assistenz", "vk-wiesel-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-dachs-index", b, "index", "vk-dachs-openai", "text-embedding-3-small", 10000),
           one_target("pc-dachs-copilot", b, "copilot", "vk-dachs-openai", "gpt-4.1", 60000),
           one_target("pc-amsel-texte", c, "texte", "vk-amsel-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0002",
                             faults=[{"kind": "double_count", "from": at(D, "08:42"), "to": None,
                                      "match": {"route": "/v1/embeddings"}}]),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0008"),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00002")],
            "invoices": [{"id": "in_1Wiesel0715", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2031-07-16T00:00:00Z"}]}
    namesake = {"id": "cus_WieselMedia", "object": "customer", "email": "buchhaltung@wiesel-media.com",
                "name": "Wiesel Logistik Media GbR", "created": 1704067200, "currency": "eur",
                "delinquent": False, "livemode": False, "metadata": {}}
    cus = [customer(a, "rechnungswesen", with_org_id=False), customer(b), customer(c), namesake]
    t = [ticket(48001, a, "Rechnung 15.07. - Input Tokens zu hoch, Cached doppelt berechnet?",
                "Hallo zusammen,\n\nbei der Prüfung der Tagesrechnung vom Dienstag (15.07.) ist uns aufgefalen, "
                "dass die Position \"Input tokens\" deutlich über dem liegt, was wir selbst protokollieren - grob "
                "ein Viertel mehr. Output passt, Cached input passt eigentlich auch.\n\nUnsere Vermutung: die "
                "Cached-Tokens werden jetzt zweimal abgerechnet, einmal in \"Cached input\" und nochmal voll in "
                "\"Input\". Der Disponenten-Assistent liest ja die Hälfte vom Prompt aus dem Cache, das wurde "
                "ungefähr hinkommen. Oder täuschen wir uns?\n\nAuszug aus unserem Export (UTC-Tag):\n```\n"
                "datum;position;unsere_tokens;rechnung\n2031-07-15;input;~57 Mio;~72 Mio\n"
                "2031-07-15;output;~6,9 Mio;~6,9 Mio\n2031-07-15;cached_input;~26 Mio;~26 Mio\n```\n\n"
                "Geändert haben wir nichts, die Dienste laufen seit Wochen unverändert. Bitte um kurze Prüfung "
                "und ggf. eine Gutschrift, unsere Buchhaltung möchte die Woche abschließen.\n\nViele Grüße aus "
                "München\nFelix Oberhuber\nTeamleiter Plattform, Wiesel Logistik GmbH",
                "2031-07-16T05:15:00Z", "Felix Oberhuber")]
    # The Input line is above the logs by the /v1/embeddings prompt tokens after 08:42, two minutes
    # after the deploy that changed the embeddings usage; Output and Cached input equal the logs:
    # billing_pipeline, cited with the invoice and the deploy.
    return scenario("", "token-billing-embeddings-input-doubled-by-deploy-german",
                    "German ticket (Munich, CEST UTC+2) with typos about the Input tokens line of a three-meter "
                    "invoice with prices, guessing cached tokens are billed twice: deploy #48040 at 08:40 UTC reads "
                    "the embeddings batch envelope's prompt_tokens on top of the per-item count, so from 08:42 the "
                    "input meter counts every /v1/embeddings request twice; in_1Wiesel0715's Input line is above "
                    "the logs by the org's embeddings prompt tokens while Output and Cached input equal them "
                    "(billing_pipeline, cited with the deploy). Stripe customer found only by e-mail domain beside "
                    "a namesake. A PDF deploy, a meter-latency page and a usage-page chart bug are bystanders among "
                    "21 routine deploys.",
                    now, CO, [a, b, c], "2031-07-15T00:00:00Z", 48001, streams, [], t,
                    {48001: truth("token-billing", "billing_pipeline",
                                  ["stripe:invoice:in_1Wiesel0715", f"github:deployment:{bad}"],
                                  [f"github:deployment:{pdf}", "pagerduty:incident:PMTR0715", "linear:issue:GW-6810",
                                   "stripe:customer:cus_WieselMedia"],
                                  ["in_1Wiesel0715", "/v1/embeddings"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd, stripe_customers=cus,
                    docs=[DOC_METERS_PRICED])


# ---------------------------------------------------------------------------------------------
# 2. token-billing, Japanese (formal), own growth, no_fault_found
# ---------------------------------------------------------------------------------------------

DOC_INVOICE_UTC = doc("docs/billing/invoices.md", "Invoices",
                      "# Invoices\n\nUsage is invoiced per UTC day. The metered quantity is the day's "
                      "`prompt_tokens - cached_tokens + completion_tokens` over all of the organisation's "
                      "configs and keys, and equals the request logs' totals for the same UTC day. Usage per "
                      "config is shown on the usage page (filter by config).\n")


def billing_own_new_bot_question_ja():
    """The invoice of 7 August is nearly twice a usual day because the org's own new FAQ bot went
    live at 01:00 UTC (10:00 JST); the invoice equals the logs."""
    D, now = "2031-08-07", "2031-08-08T04:00:00Z"
    a = org("org_kawasemi", "Kawasemi Denki", "kawasemi-denki.co.jp", "enterprise")
    b = org("org_mejiro", "Mejiro Travel", "mejiro-travel.jp", "scale")
    c = org("org_uguisu", "Uguisu Books", "uguisu-books.jp", "growth")
    gh = github(CO, 48101, "2031-08-06T22:00:00Z", now, 17)
    batch = gh.deploy(48140, at(D, "00:49"), "metering: batch meter events per minute",
                      ["src/billing/meter-client.ts", "src/billing/meter-batcher.ts"],
                      message="metering: send one meter event per org and minute instead of per request (#6841)")
    pd = [pd_incident("PMTR0807", 10807, "Meter event backlog above 15 minutes", at(D, "03:02"), at(D, "03:44"),
                      "Billing meters")]
    lin = [linear_issue("GW-6830", "Output meter counts Bedrock cross-region inference profile requests twice",
                        "Requests to Claude through a Bedrock cross-region inference profile (us./eu./apac. model "
                        "ids) send two output meter events. Direct Anthropic and OpenAI traffic is not affected.",
                        "2031-08-04T09:00:00Z", labels=("bug", "billing", "provider:bedrock"))]
    # Kawasemi (Tokyo, JST UTC+9): a translation service on gpt-4.1-mini in Tokyo business hours
    # (01:00-10:00 UTC, 10:00-19:00 JST) and a ticket classifier on Claude Haiku around the clock,
    # about 31 M tokens on a usual UTC day. Its own in-house FAQ bot (pc-kawasemi-shanai, gpt-4.1, 14 a minute, 2,500 + 500 tokens)
    # sends its first request at 01:00 UTC on 7 August (10:00 JST) and adds about 30 M tokens, so
    # in_1Kawasemi0807 is nearly twice a usual day. The invoice equals the logs; no meter fault. The
    # meter-batching deploy at 00:49 (eleven minutes before the rise), the backlog page (delayed, not
    # lost, after which the invoice still equals the logs) and a Bedrock metering bug (the org has
    # no Bedrock traffic) are bystanders. Stripe customer under `relay_org`, not `org_id`.
    def office(s):
        return cycle(s, 1, 10, 0.3)
    streams = [office(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, prompt=1200,
                             completion=400, config_id="pc-kawasemi-honyaku", key="vk-kawasemi-honyaku",
                             sdk="portkey-python/1.30.2", metadata={"bumon": "kaigai"})),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      prompt=1500, completion=200, config_id="pc-kawasemi-bunrui", key="vk-kawasemi-cs",
                      sdk="portkey-node/2.16.1"),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=14, p50=1400, p95=3200, prompt=2500, completion=500,
                            config_id="pc-kawasemi-shanai", key="vk-kawasemi-shanai", sdk="portkey-python/1.30.2",
                            metadata={"bumon": "jinji"}), 1, 10, 0.2),
               stream(b["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500, error_rate=0.02,
                      config_id="pc-mejiro-yoyaku"),
               stream(c["id"], per_minute=4, config_id="pc-uguisu-osusume")]
    an = [volume("2031-08-06T22:00:00Z", at(D, "01:00"), {"config_id": "pc-kawasemi-shanai"}, 0.0)]
    cfg = [one_target("pc-kawasemi-honyaku", a, "honyaku", "vk-kawasemi-openai", "gpt-4.1-mini", 30000),
           one_target("pc-kawasemi-bunrui", a, "bunrui", "vk-kawasemi-anthropic", "claude-haiku-4-5", 20000),
           config("pc-kawasemi-shanai", a["id"], "shanai-faq", [target("vk-kawasemi-openai", "gpt-4.1", 60000)],
                  updated="2031-08-06T08:30:00Z"),
           one_target("pc-mejiro-yoyaku", b, "yoyaku", "vk-mejiro-openai", "gpt-4.1-mini", 30000),
           one_target("pc-uguisu-osusume", c, "osusume", "vk-uguisu-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Kawasemi0807", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2031-08-08T00:00:00Z"}]}
    cus = [customer(a, "keiri", metadata_key="relay_org"), customer(b), customer(c)]
    t = [ticket(48101, a, "8月7日分のご請求額について（お問い合わせ）",
                "Relay AI サポートご担当者様\n\nいつも大変お世話になっております。\nカワセミ電機 経理部の"
                "佐々木でございます。\n\n8月7日分（UTC）のご請求書を拝見いたしましたところ、金額が通常の"
                "日のおよそ2倍となっておりました。弊社の情報システム部門に確認いたしましたが、翻訳サービス・"
                "問い合わせ分類ともに利用状況に大きな変化はないとのことでございます。\n\nまた、御社の変更履歴"
                "に「メーター送信の方式変更」との記載がございましたが、こちらの影響で二重に計上されている、"
                "ということはございませんでしょうか。\n\n恐れ入りますが、以下についてご教示いただけますで"
                "しょうか。\n1. 金額が増えた理由は何でしょうか。\n2. 請求内容に誤りがある場合、訂正の"
                "お手続きはどのようになりますでしょうか。\n\n月次の締めが近いため、お早めにご回答いただけ"
                "ますと幸いです。\n何卒よろしくお願い申し上げます。\n\n佐々木 真理子\nカワセミ電機株式会社 "
                "経理部", "2031-08-08T03:30:00Z", "Mariko Sasaki")]
    # The invoice equals the logs; the rise is the org's own FAQ bot from 01:00 UTC, not any fault
    # of ours: no_fault_found, cited with the invoice (and the config named in the reply).
    return scenario("", "token-billing-own-new-faq-bot-question-japanese",
                    "Formal Japanese question from an accounting department (Tokyo, JST UTC+9) asking why the "
                    "invoice of 7 August is nearly twice a usual day and whether our meter-batching change counts "
                    "twice: the org's own in-house FAQ bot (pc-kawasemi-shanai, gpt-4.1) sent its first request at "
                    "01:00 UTC (10:00 JST) and in_1Kawasemi0807 equals the logs (no_fault_found). Stripe customer "
                    "under a non-default metadata key. The meter-batching deploy eleven minutes before the rise, "
                    "a meter-backlog page and a Bedrock metering bug are red herrings among 17 routine deploys.",
                    now, CO, [a, b, c], "2031-08-06T22:00:00Z", 48101, streams, an, t,
                    {48101: truth("token-billing", "no_fault_found", ["stripe:invoice:in_1Kawasemi0807"],
                                  [f"github:deployment:{batch}", "pagerduty:incident:PMTR0807", "linear:issue:GW-6830"],
                                  ["in_1Kawasemi0807", "pc-kawasemi-shanai"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd, stripe_customers=cus,
                    docs=[DOC_INVOICE_UTC])


# ---------------------------------------------------------------------------------------------
# 3. webhook-failures, Spanish (Buenos Aires), two causes
# ---------------------------------------------------------------------------------------------

DOC_EVENTS = doc("docs/webhooks/events.md", "Webhook events",
                 "# Webhook events\n\n| event | when | payload |\n|---|---|---|\n| `request.completed` | a request "
                 "answered 2xx | `{id, org, model, usage}` |\n| `request.failed` | a request failed after all "
                 "targets | `{id, org, model, status, error}` where `error` is the provider's error message "
                 "(string) |\n| `budget.exceeded` | a key or org budget is reached | `{org, budget, spent}` |\n"
                 "| `batch.completed` | a batch job ended | `{batch_id, counts}` |\n\nPayloads only gain new "
                 "optional fields within a version; a field never changes type.\n")
DOC_DELIVERY_RULES = doc("docs/webhooks/delivery.md", "Webhook delivery",
                         "# Webhook delivery\n\nEach event is POSTed to every endpoint subscribed to it. A delivery "
                         "succeeds when the endpoint answers 2xx within 10 seconds; anything else (4xx, 5xx, a "
                         "timeout, a refused connection) fails and is retried five times with backoff. Slow "
                         "receivers should acknowledge at once and process the event afterwards.\n")


def webhook_payload_deploy_and_own_timeouts_es():
    """Two causes: our deploy changes `request.failed`'s `error` to an object, which every
    validating receiver answers 400 (primary); the customer's own reports receiver times out since
    before it (secondary). Its alerts endpoint is fine."""
    D, now = "2031-07-23", "2031-07-23T19:00:00Z"
    a = org("org_carpincho", "Carpincho Pagos", "carpinchopagos.com.ar", "enterprise")
    b = org("org_hornero", "Hornero Seguros", "hornero-seguros.com.ar", "scale")
    c = org("org_yerba", "Yerba Apps", "yerbaapps.uy", "growth")
    gh = github(CO, 48201, "2031-07-22T18:00:00Z", now, 24)
    bad = gh.deploy(48240, at(D, "13:05"), "webhooks: structured error in request.failed",
                    ["src/webhooks/events/request-failed.ts", "src/webhooks/events/schema.ts"],
                    message="webhooks/events: send request.failed `error` as {code, message, provider_status} "
                            "instead of a string (#6840)")
    ui = gh.deploy(48241, at(D, "12:30"), "webhooks: delivery log pagination",
                   ["ui/webhooks/delivery-log.tsx", "ui/webhooks/pagination.ts"])
    lin = [linear_issue("GW-6850", "Webhook test event signed with the previous secret after rotation",
                        "The dashboard's 'send test event' signs with the old secret for up to five minutes after "
                        "a rotation. Real deliveries are not affected.", "2031-07-14T10:00:00Z", state="Todo",
                        labels=("bug", "webhooks"))]
    sp = Statuspage(now)
    oai = sp.incident("openai", "c8x2v4b6n8m0", "Elevated error rates on GPT-4.1 mini", at(D, "14:00"),
                      at(D, "14:40"), "Some requests to GPT-4.1 mini fail with 500 errors.")
    # Carpincho (Buenos Aires, ART UTC-3, no summer time): a payments assistant on gpt-4.1 with a
    # business-hours cycle (12:00-23:00 UTC) and a fraud summariser on Claude. Three endpoints: the
    # payments receiver (request.completed, request.failed; 8 a minute), the reports receiver on
    # another host (batch.completed; 1 a minute) and the alerts endpoint (budget.exceeded). Deploy
    # #48240 at 13:05 UTC (10:05 in Buenos Aires) sends request.failed's `error` as an object, which
    # the events page says is a string: from 13:07 every receiver that validates the payload answers
    # 400 to request.failed (Carpincho's payments receiver and Hornero's); its request.completed
    # deliveries keep 200, and Yerba's lenient receiver answers 200 to both (primary). The reports
    # receiver times out on 60% of deliveries from 11:30 UTC (08:30 ART), before the deploy, the
    # org's own server (secondary). The alerts endpoint answers 200 all along. The delivery-log
    # deploy, the test-event bug and the GPT-4.1 mini incident are bystanders.
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=14, p50=1300, p95=3000, error_rate=0.02,
                            config_id="pc-carpincho-cobros", key="vk-carpincho-core", sdk="portkey-node/2.16.1"),
                     12, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1500, p95=3400,
                      config_id="pc-carpincho-fraude", key="vk-carpincho-riesgo", sdk="portkey-python/1.30.2"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-hornero-siniestros"),
               stream(c["id"], per_minute=4, config_id="pc-yerba-chat")]
    cfg = [one_target("pc-carpincho-cobros", a, "cobros", "vk-carpincho-openai", "gpt-4.1", 60000),
           one_target("pc-carpincho-fraude", a, "fraude", "vk-carpincho-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-hornero-siniestros", b, "siniestros", "vk-hornero-openai", "gpt-4.1-mini", 30000),
           one_target("pc-yerba-chat", c, "chat", "vk-yerba-openai", "gpt-4o", 30000)]
    pagos = "https://api.carpinchopagos.com.ar/webhooks/relay/pagos"
    reportes = "https://reportes.carpinchopagos.com.ar/relay/batch"
    alertas = "https://api.carpinchopagos.com.ar/webhooks/relay/alertas"
    hornero = "https://hooks.hornero-seguros.com.ar/relay"
    yerba = "https://yerbaapps.uy/api/relay-hook"
    wh = hooks((a["id"], pagos, ["request.completed", "request.failed"], 8, 150),
               (a["id"], reportes, ["batch.completed"], 1, 900),
               (a["id"], alertas, ["budget.exceeded"], 1, 120),
               (b["id"], hornero, ["request.completed", "request.failed"], 4, 180),
               (c["id"], yerba, ["request.completed", "request.failed"], 2, 140),
               anomalies=[event_failures(at(D, "13:07"), None, pagos, "request.failed", 1.0, 400),
                          event_failures(at(D, "13:07"), None, hornero, "request.failed", 1.0, 400),
                          failures(at(D, "11:30"), None, reportes, 0.6, 0, "timeout")])
    t = [ticket(48201, a, "Webhooks rechazados y timeouts desde hoy a la mañana",
                "Hola, ¿cómo andan?\n\nDesde hoy a la mañana tenemos problemas con los webhooks y no "
                "terminamos de entender qué pasa. Dos cosas:\n\n1) En el receptor de pagos, desde las 10 y pico "
                "(hora de Buenos Aires) una parte de los eventos vuelve con 400. Nuestro validador tira esto:\n"
                "```\n2031-07-23 10:07:41 -03:00 ERROR relay-hook pagos: payload inválido "
                "(evento=request.failed) -> \"error\" debería ser string, llegó object\n```\n"
                "Los request.completed entran bien.\n\n2) En el receptor de reportes (batch.completed) vemos "
                "timeouts en el panel de ustedes desde más temprano, tipo 8:30.\n\nSospechamos que tienen un "
                "problema de red de su lado que afecta todo, porque las dos cosas empezaron la misma mañana. El "
                "endpoint de alertas de presupuesto anda bien, eso sí.\n\nNecesitamos los request.failed para "
                "conciliar los cobros rechazados, así que es bastante urgente.\n\nGracias!\nLucía Ferreyra\n"
                "Integraciones · Carpincho Pagos", at(D, "18:20"), "Lucía Ferreyra", priority="high")]
    return scenario("", "webhook-failures-payload-deploy-and-own-timeouts-spanish",
                    "Argentine Spanish ticket (Buenos Aires, ART UTC-3) from an org with three endpoints, "
                    "suspecting one network problem of ours: deploy #48240 at 13:05 UTC sends request.failed's "
                    "`error` as an object, which the events page documents as a string, and from 13:07 every "
                    "validating receiver answers 400 to request.failed (the payments receiver and another org's; "
                    "a lenient org answers 200) (primary, deploy_regression, cited with the payments endpoint); "
                    "the org's own reports receiver times out on 60% of deliveries since 11:30 UTC, before the "
                    "deploy (secondary, customer_endpoint); its alerts endpoint answers 200. A delivery-log deploy, "
                    "a test-event bug and a GPT-4.1 mini incident are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], "2031-07-22T18:00:00Z", 48201, streams, [], t,
                    {48201: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}", f"endpoint:{pagos}"],
                                  [f"github:deployment:{ui}", "linear:issue:GW-6850", oai],
                                  ["400", "request.failed"],
                                  secondary=[secondary("customer_endpoint", [f"endpoint:{reportes}"])])},
                    github=gh, statuspage=sp, webhooks=wh, configs=cfg, linear=lin,
                    docs=[DOC_EVENTS, DOC_DELIVERY_RULES])


# ---------------------------------------------------------------------------------------------
# 4. webhook-failures, French (Paris), customer_endpoint, stale Re: Re: subject
# ---------------------------------------------------------------------------------------------

DOC_SOURCES = doc("docs/webhooks/ip-addresses.md", "Webhook source addresses",
                  "# Webhook source addresses\n\nDeliveries come from 203.0.113.20, 203.0.113.21 and "
                  "203.0.113.22, with the `User-Agent: Relay-Webhooks/2` header. If a firewall or WAF sits in "
                  "front of your endpoint, allow these addresses: an endpoint that answers 403 fails the "
                  "delivery like any other non-2xx answer. These addresses have not changed since 2029; any "
                  "change is announced 30 days ahead.\n")


def webhook_own_waf_403_fr():
    """The customer's claims receiver answers 403 to every delivery after its own WAF change at
    07:45 UTC; its two other endpoints (other hosts) and every other org's answer 200, also after
    our retry-jitter deploy at 07:25."""
    Y, D, now = "2031-08-11", "2031-08-12", "2031-08-12T15:30:00Z"
    a = org("org_loriot", "Loriot Assurances", "loriot-assurances.fr", "scale")
    b = org("org_mesange", "Mésange Santé", "mesange-sante.fr", "enterprise")
    c = org("org_pinson", "Pinson Studio", "pinson.studio", "growth")
    gh = github(CO, 48301, "2031-08-11T12:00:00Z", now, 13)
    jit = gh.deploy(48340, at(D, "07:25"), "webhooks: jitter on retry backoff",
                    ["src/webhooks/retry.ts", "src/webhooks/retry.test.ts"])
    pd = [pd_incident("PWHK0811", 10811, "webhook-worker queue lag above 5 minutes", at(Y, "22:10"), at(Y, "22:35"),
                      "Webhooks")]
    lin = [linear_issue("GW-6870", "Webhook delivery log shows times in UTC only",
                        "The delivery log ignores the organisation's time-zone preference.", "2031-08-01T10:00:00Z",
                        state="Todo", labels=("bug", "webhooks", "dashboard"))]
    # Loriot (Paris, CEST UTC+2): a claims assistant on Claude Sonnet and a quote generator on
    # gpt-4.1-mini in office hours. Three endpoints: the claims receiver on api.loriot-assurances.fr
    # (request.completed, request.failed; 5 a minute), the internal reporting hook on
    # interne.loriot-assurances.fr (batch.completed) and the budget hook on ops.loriot-assurances.fr
    # (budget.exceeded). From 07:45 UTC on 12 August (09:45 in Paris) the claims receiver answers 403
    # to every delivery: its WAF, which the ticket says the security team tightened that morning,
    # refuses our requests; the two other hosts answer 200 throughout, as do Mésange's and Pinson's
    # endpoints after our retry-jitter deploy at 07:25. The source-addresses page lists the addresses
    # to allow (unchanged since 2029). The queue-lag page the evening before (delayed, not failed),
    # Mésange's timeouts at the same time and the delivery-log time-zone bug are bystanders.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1500,
                            p95=3400, config_id="pc-loriot-sinistres", key="vk-loriot-sinistres",
                            sdk="portkey-python/1.30.2"), 6, 17, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500,
                            config_id="pc-loriot-devis", key="vk-loriot-web", sdk="portkey-node/2.16.1"), 6, 17, 0.3),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1300, p95=3000, error_rate=0.02,
                      config_id="pc-mesange-dossiers"),
               stream(c["id"], per_minute=4, config_id="pc-pinson-legendes")]
    cfg = [one_target("pc-loriot-sinistres", a, "sinistres", "vk-loriot-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-loriot-devis", a, "devis", "vk-loriot-openai", "gpt-4.1-mini", 30000),
           one_target("pc-mesange-dossiers", b, "dossiers", "vk-mesange-openai", "gpt-4.1", 60000),
           one_target("pc-pinson-legendes", c, "legendes", "vk-pinson-openai", "gpt-4o", 30000)]
    sinistres = "https://api.loriot-assurances.fr/relay/sinistres"
    interne = "https://interne.loriot-assurances.fr/hooks/relay-batch"
    budget = "https://ops.loriot-assurances.fr/relay/budget"
    mesange = "https://webhooks.mesange-sante.fr/relay"
    wh = hooks((a["id"], sinistres, ["request.completed", "request.failed"], 5, 160),
               (a["id"], interne, ["batch.completed"], 1, 220),
               (a["id"], budget, ["budget.exceeded"], 1, 110),
               (b["id"], mesange, ["request.completed"], 4, 200),
               (c["id"], "https://api.pinson.studio/relay", ["request.completed"], 2, 130),
               anomalies=[failures(at(D, "07:45"), None, sinistres, 1.0, 403, ""),
                          failures(at(Y, "22:05"), at(Y, "22:40"), mesange, 0.4, 0, "timeout")])
    t = [ticket(48301, a, "Re: Re: Question sur la facture de juillet",
                "Bonjour,\n\nJe me permets de rebondir sur ce fil, même si le sujet n'a plus rien à voir "
                "(merci encore pour les explications sur la facture).\n\nDepuis ce matin, 9h45 environ (heure de "
                "Paris), votre tableau de bord indique que TOUTES les livraisons vers notre endpoint sinistres "
                "échouent :\n```\nPOST https://api.loriot-assurances.fr/relay/sinistres -> 403 Forbidden\n"
                "event=request.completed attempt=5/5 next_retry=none\n```\nNos deux autres endpoints "
                "(reporting interne et alertes budget) reçoivent bien leurs événements.\n\nJ'ai vu dans votre "
                "journal des modifications un changement sur les relances des webhooks ce matin. Est-ce que "
                "votre plateforme nous bloque ? Ou bien est-ce que notre jeton a expiré de votre côté ? De "
                "notre côté, la seule chose notable est que l'équipe sécurité a durci les règles du pare-feu "
                "applicatif hier soir / ce matin, mais uniquement pour le trafic \"suspect\", donc a priori rien "
                "à voir.\n\nPouvez-vous regarder rapidement ? Les déclarations de sinistres ne remontent plus "
                "dans notre outil de gestion.\n\nCordialement,\nÉmilie Garnier\nCheffe de projet SI, Loriot "
                "Assurances\n\n> Le 4 août 2031 à 10:12, Support Relay a écrit :\n> Bonjour Émilie, la facture "
                "du 31 juillet correspond bien à vos journaux de requêtes...", at(D, "14:50"), "Émilie Garnier")]
    return scenario("", "webhook-failures-own-waf-403-stale-subject-french",
                    "French ticket (Paris, CEST UTC+2) under a stale \"Re: Re:\" invoice subject with a quoted older "
                    "reply, asking whether we block them: from 07:45 UTC (09:45 in Paris) the org's claims receiver "
                    "answers 403 to every delivery after its own WAF tightening, while its two other endpoints on "
                    "other hosts and every other org's answer 200 (customer_endpoint, cited with the endpoint and "
                    "the source-addresses page). Our retry-jitter deploy at 07:25, a queue-lag page and another "
                    "org's timeouts the evening before, and a delivery-log bug are bystanders among 13 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2031-08-11T12:00:00Z", 48301, streams, [], t,
                    {48301: truth("webhook-failures", "customer_endpoint",
                                  [f"endpoint:{sinistres}", "docs:docs/webhooks/ip-addresses.md"],
                                  [f"github:deployment:{jit}", "pagerduty:incident:PWHK0811", "linear:issue:GW-6870",
                                   f"endpoint:{mesange}"], ["403"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd,
                    docs=[DOC_DELIVERY_RULES, DOC_SOURCES])


# ---------------------------------------------------------------------------------------------
# 5. metadata, Portuguese (São Paulo), deploy_regression on /v1/messages
# ---------------------------------------------------------------------------------------------

DOC_METADATA_ROUTES = doc("docs/observability/metadata.md", "Custom metadata",
                          "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header "
                          "(or the Portkey SDKs' `metadata` option). It is stored with the request log and "
                          "forwarded to the provider on every route: `/v1/chat/completions`, `/v1/embeddings`, "
                          "`/v1/responses` and the Anthropic-compatible `/v1/messages`, whichever SDK sends the "
                          "request. Keys are case sensitive, values at most 128 characters.\n")


def metadata_messages_passthrough_deploy_pt():
    """Our /v1/messages passthrough deploy drops metadata from every org's /v1/messages requests from
    14:12 UTC; the customer blames its Anthropic SDK upgrade of the evening before, which kept the
    metadata for nineteen hours."""
    Y, D, now = "2031-07-30", "2031-07-31", "2031-07-31T21:00:00Z"
    a = org("org_sabia", "Sabiá Educação", "sabiaedu.com.br", "scale")
    b = org("org_jacaranda", "Jacarandá Jurídico", "jacaranda.adv.br", "enterprise")
    c = org("org_ipe", "Ipê Mobilidade", "ipemobilidade.com.br", "growth")
    gh = github(CO, 48401, "2031-07-30T18:00:00Z", now, 19)
    bad = gh.deploy(48440, at(D, "14:10"), "messages: native Anthropic passthrough",
                    ["src/routes/messages.ts", "src/middleware/request-context.ts"],
                    message="routes/messages: forward the body to Anthropic unchanged, skipping the translation "
                            "layer (#6870)")
    cols = gh.deploy(48441, at(D, "13:30"), "logs: metadata column width in the table view",
                     ["ui/logs/table/metadata-column.tsx"])
    gh.release(99841, "v1.31.0", "portkey-python v1.31.0",
               "## Changes\n\n- `metadata` accepts nested dicts (flattened with dots).\n- Python 3.9 is no longer "
               "supported.\n", "2031-07-29T09:00:00Z")
    lin = [linear_issue("GW-6880", "CSV export: emoji in metadata values shown as ?",
                        "Exported CSVs replace emoji in metadata values with '?'; the logs view is right.",
                        "2031-07-20T10:00:00Z", state="Todo", labels=("bug", "metadata", "export"))]
    # Sabiá (São Paulo, BRT UTC-3, no summer time): a tutoring service that calls /v1/messages with
    # the Anthropic SDK (claude-sonnet-4-6), moved from anthropic-python/0.61.1 to 0.62.0 at 22:00
    # UTC on 30 July (19:00 BRT); a grading service on /v1/chat/completions with portkey-python
    # 1.31.0 (Claude Haiku); a course-search chat on gpt-4.1-mini. Metadata on every request. Deploy
    # #48440 at 14:10 UTC (11:10 BRT) forwards /v1/messages bodies without the request context: from
    # 14:12 every /v1/messages request of every org (Jacarandá's anthropic-typescript service too) is
    # logged without metadata; chat-completions traffic keeps it, whatever the model or SDK. The
    # tutoring service kept its metadata on 0.62.0 from 22:00 to 14:12, so the SDK upgrade is not
    # it. The column-width deploy at 13:30 (dashboard), the CSV emoji bug and the portkey-python
    # release are bystanders.
    tutor_meta = {"curso": "enem-2031", "turma": "T-114"}
    streams = [stream(a["id"], route="/v1/messages", provider="anthropic", model="claude-sonnet-4-6", per_minute=10,
                      p50=1600, p95=3600, config_id="pc-sabia-tutor", key="vk-sabia-tutor",
                      sdk="anthropic-python/0.61.1", metadata=tutor_meta),
               stream(a["id"], route="/v1/messages", provider="anthropic", model="claude-sonnet-4-6", per_minute=10,
                      p50=1600, p95=3600, config_id="pc-sabia-tutor", key="vk-sabia-tutor",
                      sdk="anthropic-python/0.62.0", metadata=tutor_meta),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=500, p95=1200,
                      config_id="pc-sabia-correcao", key="vk-sabia-correcao", sdk="portkey-python/1.31.0",
                      metadata={"curso": "enem-2031", "tarefa": "redacao"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, config_id="pc-sabia-busca",
                      key="vk-sabia-web", sdk="portkey-node/2.16.1", metadata={"canal": "site"}),
               stream(b["id"], route="/v1/messages", provider="anthropic", model="claude-sonnet-4-6", per_minute=6,
                      p50=1500, p95=3400, config_id="pc-jacaranda-pecas", sdk="anthropic-typescript/0.58.0",
                      metadata={"escritorio": "sp-centro"}),
               stream(c["id"], per_minute=4, config_id="pc-ipe-rotas", sdk="portkey-node/2.16.1",
                      metadata={"app": "ipe"})]
    an = [volume(at(Y, "22:00"), None, {"config_id": "pc-sabia-tutor", "sdk": "anthropic-python/0.61.1"}, 0.0),
          volume("2031-07-30T18:00:00Z", at(Y, "22:00"), {"config_id": "pc-sabia-tutor",
                                                          "sdk": "anthropic-python/0.62.0"}, 0.0),
          metadata_dropped(at(D, "14:12"), None, {"route": "/v1/messages"})]
    cfg = [one_target("pc-sabia-tutor", a, "tutor", "vk-sabia-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-sabia-correcao", a, "correcao", "vk-sabia-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-sabia-busca", a, "busca", "vk-sabia-openai", "gpt-4.1-mini", 30000),
           one_target("pc-jacaranda-pecas", b, "pecas", "vk-jacaranda-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-ipe-rotas", c, "rotas", "vk-ipe-openai", "gpt-4o", 30000)]
    t = [ticket(48401, a, "metadados sumiram do tutor? vcs mudaram algo hoje?",
                "Oi pessoal, tudo bem?\n\nDesde umas 11h (horário de Brasília) as chamadas do nosso tutor "
                "aparecem nos logs de vocês sem nenhum metadado - nem curso nem turma. A correção de redações e a "
                "busca do site continuam com os metadados certinhos.\n\nOntem à noite (por volta das 19h) a "
                "gente atualizou o SDK da Anthropic no tutor, da 0.61.1 pra 0.62.0. Será que a versão nova "
                "deixou de mandar o header? Mandamos assim:\n```python\nclient = anthropic.Anthropic(\n"
                "    base_url=RELAY_URL,\n    default_headers={\"x-portkey-api-key\": KEY,\n"
                "                     \"x-portkey-config\": \"pc-sabia-tutor\",\n"
                "                     \"x-portkey-metadata\": json.dumps({\"curso\": curso, \"turma\": turma})})\n"
                "```\nSe for o SDK a gente faz rollback, mas queria confirmar antes, porque a 0.62 corrige um "
                "bug de streaming que nos incomodava. Rolou alguma mudança no lado de vocês hoje?\n\n"
                "Valeu!\nRafael Tavares\nTech Lead · Sabiá Educação", at(D, "20:10"), "Rafael Tavares")]
    # Only /v1/messages requests lose metadata, every org's, from two minutes after the deploy that
    # changed that route; the SDK upgrade kept it for nineteen hours: deploy_regression, cited with
    # the deploy and the route.
    return scenario("", "metadata-messages-passthrough-deploy-sdk-guess-portuguese",
                    "Brazilian Portuguese ticket (São Paulo, BRT UTC-3) asking whether we changed something and "
                    "guessing its Anthropic SDK upgrade of the evening before: deploy #48440 at 14:10 UTC forwards "
                    "/v1/messages bodies without the request context, so from 14:12 every org's /v1/messages "
                    "requests are logged without metadata, while chat-completions traffic keeps it and the tutoring "
                    "service kept its metadata on the new SDK for nineteen hours (deploy_regression, cited with the "
                    "route). A metadata-column UI deploy, a CSV emoji bug and a portkey-python release are "
                    "bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2031-07-30T18:00:00Z", 48401, streams, an, t,
                    {48401: truth("metadata", "deploy_regression", [f"github:deployment:{bad}", "route:/v1/messages"],
                                  [f"github:deployment:{cols}", "linear:issue:GW-6880", "github:release:v1.31.0"],
                                  ["/v1/messages"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA_ROUTES])


# ---------------------------------------------------------------------------------------------
# 6. webhook-failures, English (Toronto), known_bug, quoted earlier support reply
# ---------------------------------------------------------------------------------------------

DOC_ENDPOINTS = doc("docs/webhooks/endpoints.md", "Registering endpoints",
                    "# Registering endpoints\n\nRegister an HTTPS URL under Settings → Webhooks and choose its "
                    "events. An organisation may register up to ten endpoints. Hosts may resolve to IPv4, IPv6 "
                    "or both; the certificate must be valid for the host name.\n")


def webhook_ipv6_egress_known_bug_en():
    """Since the webhook workers moved egress (not a deploy of the repository), endpoints whose host
    is IPv6-only fail every delivery with connection_refused; filed in Linear that evening. The
    customer's new IPv6-only receiver and another org's fail; its dual-stack budget hook is fine."""
    Y, D, now = "2031-08-19", "2031-08-20", "2031-08-20T15:00:00Z"
    a = org("org_loon", "Loon Analytics", "loonanalytics.ca", "scale")
    b = org("org_moose", "Moose Health", "moosehealth.ca", "enterprise")
    c = org("org_beaver", "Beaver Freight", "beaverfreight.com", "growth")
    gh = github(CO, 48501, "2031-08-19T10:00:00Z", now, 16)
    body = gh.deploy(48540, at(Y, "15:50"), "webhooks: show response body in the delivery log",
                     ["src/webhooks/delivery-log.ts", "ui/webhooks/delivery-detail.tsx"])
    bug = linear_issue("GW-6890", "Webhook deliveries to IPv6-only hosts fail after the egress move",
                       "Since the webhook workers moved to the new NAT egress (infra change, 19 Aug ~16:00 UTC) "
                       "they have no IPv6 route. Endpoints whose host has only an AAAA record fail every delivery "
                       "(logged as connection_refused); dual-stack and IPv4 hosts are fine. Fix: enable IPv6 on "
                       "the egress subnets. Workaround for customers: add an A record for the host.",
                       at(Y, "21:40"), labels=("bug", "webhooks", "infra"))
    old = jira_issue("OPS-2214", 221400, "TLS 1.3 handshake failures to some webhook endpoints",
                     "Deliveries to endpoints offering only TLS 1.3 with certain cipher suites failed. Fixed on 12 "
                     "June with the worker base-image upgrade.", "2031-06-05T10:00:00Z", status="Done",
                     category="done", labels=("bug", "webhooks"))
    # Loon (Toronto, EDT UTC-4): a dashboard summariser on gpt-4.1 in office hours and an anomaly
    # explainer on Claude Haiku. Two endpoints: the new receiver hooks.loonanalytics.ca, which the
    # ticket says moved to an IPv6-only cluster last month (request.completed, request.failed; 5 a
    # minute), and the budget hook on legacy.loonanalytics.ca (dual stack; budget.exceeded). From
    # 16:05 UTC on 19 August (12:05 EDT) every delivery to hooks.loonanalytics.ca fails with
    # connection_refused, as do Moose's deliveries to its IPv6-only host; the budget hook and
    # Beaver's endpoint answer 200. GW-6890, filed at 21:40 that evening, describes exactly this.
    # The delivery-log deploy at 15:50 (fifteen minutes before), the closed TLS bug in Jira and our
    # earlier reply (IPv6-only endpoints are supported) are not the cause.
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=10, p50=1300, p95=3000,
                            config_id="pc-loon-summaries", key="vk-loon-app", sdk="portkey-node/2.16.1"), 12, 22, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      config_id="pc-loon-explain", key="vk-loon-app", sdk="portkey-node/2.16.1"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-moose-intake"),
               stream(c["id"], per_minute=4, config_id="pc-beaver-quotes")]
    cfg = [one_target("pc-loon-summaries", a, "summaries", "vk-loon-openai", "gpt-4.1", 60000),
           one_target("pc-loon-explain", a, "explain", "vk-loon-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-moose-intake", b, "intake", "vk-moose-openai", "gpt-4.1-mini", 30000),
           one_target("pc-beaver-quotes", c, "quotes", "vk-beaver-openai", "gpt-4o", 30000)]
    hooks_ = "https://hooks.loonanalytics.ca/relay/events"
    legacy = "https://legacy.loonanalytics.ca/webhooks/budget"
    moose = "https://events.moosehealth.ca/relay"
    wh = hooks((a["id"], hooks_, ["request.completed", "request.failed"], 5, 140),
               (a["id"], legacy, ["budget.exceeded"], 1, 160),
               (b["id"], moose, ["request.completed"], 3, 150),
               (c["id"], "https://api.beaverfreight.com/relay-webhook", ["request.completed"], 2, 130),
               anomalies=[failures(at(Y, "16:05"), None, hooks_, 1.0, 0, "connection_refused"),
                          failures(at(Y, "16:05"), None, moose, 1.0, 0, "connection_refused")])
    t = [ticket(48501, a, "webhooks not arriving since yesterday (ipv6 endpoint again)",
                "Hi there,\n\nwe're not receving any webhooks on hooks.loonanalytics.ca since yesterday around "
                "noon Toronto time. Your dashboard shows every attempt as \"connection refused\" but our ingress "
                "logs show nothing at all from you, not even a SYN. Our budget hook on the legacy host is getting "
                "its events fine.\n\nWe asked about exactly this a few weeks ago before moving the receiver to "
                "our IPv6-only cluster and were told it would be fine:\n\n> Hi Priya,\n> IPv6-only endpoints are "
                "supported, there's nothing you need to change on\n> your side before the move. Let us know if "
                "anything looks off!\n> - Relay Support\n\nAnd it *was* fine for ~3 weeks. We havent touched the "
                "cluster since. Also saw you shipped something to the delivery log yesterday afternoon, could "
                "that have broken sending? Pretty important for us, the request.failed events drive our "
                "alerting.\n\nthanks,\nPriya Raman\nSRE, Loon Analytics", at(D, "13:40"), "Priya Raman",
                priority="high")]
    return scenario("", "webhook-failures-ipv6-egress-known-bug-english",
                    "English ticket (Toronto, EDT UTC-4) with typos quoting our earlier reply that IPv6-only "
                    "endpoints are supported: since 16:05 UTC on 19 August every delivery to the org's IPv6-only "
                    "receiver fails with connection_refused, as does another org's IPv6-only endpoint, while its "
                    "dual-stack budget hook and other orgs' endpoints answer 200; GW-6890, filed that evening, says "
                    "the webhook workers lost their IPv6 route in an egress move (known_bug, cited with the "
                    "endpoint). Our delivery-log deploy fifteen minutes before the onset and a closed Jira TLS bug "
                    "are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], "2031-08-19T10:00:00Z", 48501, streams, [], t,
                    {48501: truth("webhook-failures", "known_bug", ["linear:issue:GW-6890", f"endpoint:{hooks_}"],
                                  [f"github:deployment:{body}", "jira:issue:OPS-2214"],
                                  ["IPv6"])},
                    github=gh, webhooks=wh, configs=cfg, linear=[bug], jira=[old],
                    docs=[DOC_DELIVERY_RULES, DOC_ENDPOINTS])


ALL = [billing_embeddings_input_doubled_de, billing_own_new_bot_question_ja,
       webhook_payload_deploy_and_own_timeouts_es, webhook_own_waf_403_fr,
       metadata_messages_passthrough_deploy_pt, webhook_ipv6_egress_known_bug_en]

if __name__ == "__main__":
    write_all(ALL)
