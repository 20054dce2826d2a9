#!/usr/bin/env python3
"""Eight library scenarios of invoices, webhooks and metadata, written after the engine, in winter
and summer (CET/CEST, PST, Mexico City, Brasília, Buenos Aires, JST, BST), in ticket shapes the
library has few of: a complaint about the invoice line that is right while another line is wrong, a
"why is it so high?" question whose answer is the customer's own growth, a billing customer known to
Stripe only by its e-mail domain beside a customer of a similar name, a filed metering bug, an angry
two-line webhook ticket that blames our deploy, a webhook ticket with two causes at once, a question
("did you change something?") answered by a filed bug, an SDK patch release that broke metadata, and
metadata stored under the reserved key the docs describe.

Every truth below is read from the data declared next to it (anomalies, meters and their faults,
webhook failures, configs, tracker issues, releases, docs), written before any engine ran on these
files. Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, hooks, failures

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def meter(name, nickname, counts, faults=(), cached="excluded", amount=None):
    m = {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": cached,
         "faults": list(faults)}
    if amount is not None:
        m["unit_amount_decimal"] = amount
    return m


DOC_THREE_LINES = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                      "# How tokens are invoiced\n\nEvery daily invoice (UTC day) has three usage lines. **Input "
                      "tokens** counts the prompt tokens of every request the gateway served — chat, completions "
                      "and embeddings alike — minus the tokens the provider read from its prompt cache. **Output "
                      "tokens** counts completion tokens. **Cached input tokens** counts the cache reads, at 10% "
                      "of the input price. Each line is summed from the meter events we send to Stripe and should "
                      "equal the request logs of the same UTC day. Seats are a licensed line of their own.\n")


def billing_output_meter_dropped_de():
    """Three meters; the customer questions the input line, which is right (it counts embeddings too);
    the output meter lost its events of 11:00-15:00 UTC, so the output line is below the logs."""
    D, now = "2027-07-13", "2027-07-14T05:00:00Z"
    a = org("org_kranich", "Kranich Reisen", "kranich-reisen.de", "scale")
    b = org("org_lumenfeld", "Lumenfeld Analytics", "lumenfeld.io", "enterprise")
    gh = github(CO, 18401, "2027-07-12T23:00:00Z", now, 19)
    her = gh.deploy(18440, at(D, "09:20"), "invoices: German and French translations of the PDF invoice",
                    ["src/billing/invoice-pdf.ts", "src/billing/i18n/de.json", "src/billing/i18n/fr.json"])
    pd = [pd_incident("PSTRLAT713", 8713, "Stripe API p95 above 2 s (meter event submission)", at(D, "18:10"),
                      at(D, "18:32"), "Billing meters")]
    lin = [linear_issue("GW-2150", "Usage CSV export: cached input column shows cache writes",
                        "The usage page's CSV export fills the cached input column with cache writes instead of "
                        "cache reads. Invoices and meters are not affected.", "2027-07-06T10:00:00Z",
                        labels=("bug", "dashboard"))]
    # Kranich: a booking assistant on gpt-4.1 (office-hours cycle, 45% cache reads), a mail drafter on
    # Claude Sonnet and a search index on /v1/embeddings. The input line counts embeddings too (about
    # a third of it), which the customer's own count, made from its chat logs, leaves out: the input
    # line matches the logs. The output meter's events of 11:00-15:00 UTC on July 13 never reached
    # Stripe, so the output line is below the logs by those four busy hours. Cached input is right.
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=14, p50=1300, p95=3000, prompt=2600, completion=420,
                            cached=0.45, config_id="pc-kranich-buchung", key="vk-kranich-web",
                            sdk="portkey-node/1.11.2"), 6, 20, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3400,
                      prompt=3200, completion=600, cached=0.3, config_id="pc-kranich-post", key="vk-kranich-mail",
                      sdk="portkey-python/1.12.1"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=12, p50=140,
                      p95=340, prompt=700, completion=0, config_id="pc-kranich-suche", key="vk-kranich-suche",
                      sdk="portkey-python/1.12.1"),
               stream(b["id"], model="gpt-4o-mini", per_minute=12, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-lumenfeld-etl")]
    cfg = [one_target("pc-kranich-buchung", a, "buchung", "vk-kranich-openai", "gpt-4.1", 30000),
           one_target("pc-kranich-post", a, "post", "vk-kranich-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-kranich-suche", a, "suche", "vk-kranich-openai", "text-embedding-3-large", 10000),
           one_target("pc-lumenfeld-etl", b, "etl", "vk-lumenfeld-openai", "gpt-4o-mini", 20000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0002"),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0008",
                             faults=[{"kind": "dropped", "from": at(D, "11:00"), "to": at(D, "15:00"),
                                      "match": {}}]),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00002")],
            "invoices": [{"id": "in_1Kranich0713", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2027-07-14T00:00:00Z",
                          "extra_lines": [{"description": "Seats (12 × $25.00)", "nickname": "Seats",
                                           "quantity": 12, "unit_amount": 2500}]}]}
    t = [ticket(18401, a, "Rechnung 13.07. – Input tokens zu hoch",
                "Guten Morgen,\n\nunsere Buchhaltung hat die Rechnung in_1Kranich0713 (13. Juli) mit unseren "
                "eigenen Zahlen abgeglichen. Die Position „Input tokens“ liegt rund ein Drittel über dem, was "
                "unsere Chat- und Mail-Dienste laut unseren Logs verbraucht haben. Seit Einführung des Prompt-Cachings "
                "rechnen wir nur noch die nicht gecachten Tokens – oder zählen Sie die Cache-Treffer doch "
                "voll?\n\nBitte um Prüfung und ggf. Korrektur, bevor wir die Rechnung freigeben.\n\nBeste Grüße\n"
                "Sabine Krüger\nFinanzen & Controlling\nKranich Reisen GmbH", "2027-07-14T04:40:00Z",
                "Sabine Krüger")]
    return scenario("", "token-billing-output-meter-dropped-input-complaint-german",
                    "German ticket about the input line of an invoice with three meters and seats: the input line "
                    "is right (it counts Kranich's embeddings too, about a third of it, which the customer's own "
                    "chat-only count leaves out; cache reads are excluded as documented). The output meter lost its "
                    "events of 11:00-15:00 UTC, so the output line is below the logs (billing_pipeline). An "
                    "invoice-PDF deploy, an evening Stripe latency page and a CSV-export bug are bystanders among "
                    "19 routine deploys.",
                    now, CO, [a, b], "2027-07-12T23:00:00Z", 18401, streams, [], t,
                    {18401: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Kranich0713"],
                                  [f"github:deployment:{her}", "pagerduty:incident:PSTRLAT713", "linear:issue:GW-2150"],
                                  ["Output", "11:00"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, linear=lin, docs=[DOC_THREE_LINES])


def billing_growth_no_fault_es():
    """The customer's own new channel triples its traffic; the invoice equals the logs. Its Stripe
    customer has another name and no org id: only the e-mail domain ties it to the org, while an
    unrelated customer carries the org's name."""
    D, now = "2027-02-10", "2027-02-11T02:00:00Z"
    a = org("org_colibri", "Colibrí Seguros", "colibriseguros.mx", "scale", cus="cus_X7colibri")
    b = org("org_dunas", "Dunas Travel", "dunastravel.com", "enterprise")
    c = org("org_encino", "Encino Labs", "encinolabs.dev", "growth")
    gh = github(CO, 18501, "2027-02-09T20:00:00Z", now, 16)
    her = gh.deploy(18540, at(D, "14:40"), "metering: send Stripe meter events in batches of 100",
                    ["src/billing/meter-events.ts", "src/billing/flush.ts"])
    pd = [pd_incident("PMTRBKL210", 8210, "Stripe meter event backlog above 10 minutes", at(D, "15:12"),
                      at(D, "15:41"), "Billing meters")]
    lin = [linear_issue("GW-1990", "Usage page groups days by the browser's time zone",
                        "The usage page sums days in local time while invoices use UTC days.",
                        "2027-02-02T10:00:00Z", state="Todo", labels=("bug", "dashboard"))]
    # Colibrí's quoting assistant runs all day; its WhatsApp bot (pc-colibri-whatsapp), a pilot until
    # then, goes live for every customer at 15:00 UTC (09:00 in Mexico City) and sends 3x its traffic
    # from then on. The invoice of Feb 10 (UTC day) bills prompt + completion tokens, which equals the
    # logs; no meter fault. The meter batching deploy at 14:40 and the backlog page that followed
    # (drained, nothing lost) are the tempting bystanders.
    streams = [stream(a["id"], per_minute=10, p50=900, p95=2200, prompt=1500, completion=300,
                      config_id="pc-colibri-cotizador", key="vk-colibri-web", sdk="portkey-node/1.11.0"),
               stream(a["id"], model="gpt-4o-mini", per_minute=6, p50=600, p95=1500, prompt=2200, completion=260,
                      config_id="pc-colibri-whatsapp", key="vk-colibri-bot", sdk="portkey-python/1.12.1"),
               cycle(stream(b["id"], per_minute=16, p50=1000, p95=2400, error_rate=0.03, config_id="pc-dunas-agent"),
                     14, 23, 0.35),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=500, p95=1200,
                      config_id="pc-encino-triage")]
    an = [volume(at(D, "15:00"), None, {"config_id": "pc-colibri-whatsapp"}, 3.0)]
    cfg = [one_target("pc-colibri-cotizador", a, "cotizador", "vk-colibri-openai", "gpt-4o", 30000),
           one_target("pc-colibri-whatsapp", a, "whatsapp", "vk-colibri-openai", "gpt-4o-mini", 20000),
           one_target("pc-dunas-agent", b, "agent", "vk-dunas-openai", "gpt-4o", 30000),
           one_target("pc-encino-triage", c, "triage", "vk-encino-anthropic", "claude-haiku-4-5", 20000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Colibri0210", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2027-02-11T00:00:00Z"}]}
    # the billing account is the legal entity, created before the org-id convention, on a
    # sub-domain of the org's domain; an unrelated older customer carries the org's trade name
    legal = customer(a, with_org_id=False)
    legal.update(name="Aseguradora Colibrí S.A. de C.V.", email="cuentasporpagar@finanzas.colibriseguros.mx")
    namesake = {"id": "cus_" + hexid("colibri-namesake", 10), "object": "customer", "email": "admin@colibri.com.co",
                "name": "Colibrí Seguros", "created": 1577836800, "currency": "cop", "delinquent": False,
                "livemode": False, "metadata": {}}
    custs = [namesake, legal, customer(b), customer(c)]
    t = [ticket(18501, a, "¿Por qué subió tanto la factura?",
                "Buenas noches,\n\n¿por qué la factura de hoy ya va casi al triple de un día normal? Revisé el "
                "portal de facturación y el consumo de tokens se disparó a media mañana, cerca de las 9. De nuestro "
                "lado no tocamos nada de la integración y vi en su página de estado que hoy tuvieron algo con "
                "la medición. ¿Nos están cobrando de más?\n\nSaludos,\nRodrigo Fuentes\nTesorería",
                "2027-02-11T01:30:00Z", "Rodrigo Fuentes")]
    q = [question(18502, c, "2027-02-10T22:00:00Z", "Invoice currency",
                  "Hi, can we be invoiced in EUR from next month? Thanks.", person="Ines Vidal")]
    return scenario("", "token-billing-own-growth-question-spanish",
                    "Spanish ticket (Mexico City time) asking why today's invoice is almost three times a normal "
                    "day: Colibrí's WhatsApp bot (pc-colibri-whatsapp) goes live at 15:00 UTC and sends 3x its "
                    "traffic; the invoice of Feb 10 equals the logs' prompt + completion tokens (no_fault_found). "
                    "Its Stripe customer is the legal entity, without org id, on a sub-domain of the org's domain; "
                    "an unrelated older customer has the org's trade name. A meter-batching deploy at 14:40, a "
                    "meter backlog page at 15:12 and a usage-page bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], "2027-02-09T20:00:00Z", 18501, streams, an, t,
                    {18501: truth("token-billing", "no_fault_found", ["stripe:invoice:in_1Colibri0210"],
                                  [f"github:deployment:{her}", "pagerduty:incident:PMTRBKL210", "linear:issue:GW-1990",
                                   f"stripe:customer:{namesake['id']}"],
                                  ["in_1Colibri0210", "pc-colibri-whatsapp"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, linear=lin, stripe_customers=custs,
                    docs=[DOC_INVOICES], questions=q)


def billing_known_anthropic_double_ja():
    """A filed, open metering bug counts every Anthropic request twice; the org's OpenAI tokens are
    billed right."""
    D, now = "2027-08-03", "2027-08-04T03:00:00Z"
    a = org("org_shirakaba", "Shirakaba Denki", "shirakaba-denki.co.jp", "enterprise")
    b = org("org_nyx", "Nyx Robotics", "nyxrobotics.io", "scale")
    gh = github(CO, 18601, "2027-08-02T22:00:00Z", now, 14)
    her = gh.deploy(18640, at(D, "03:05"), "invoices: show JPY equivalents on invoice PDFs",
                    ["src/billing/invoice-pdf.ts", "src/billing/fx.ts"])
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "h5j7k9l1z3x5", "Elevated errors on Claude Haiku 4.5", at(D, "05:10"),
                        at(D, "05:50"), "Some requests to Claude Haiku 4.5 fail with 500 errors.")
    bug = linear_issue("GW-2210", "Usage meter counts Anthropic requests twice",
                       "Since the usage-worker rollout of 30 July (~10:00 UTC), the meter event of every request "
                       "served by Anthropic is emitted twice: once from the message_delta usage and again at "
                       "message_stop. Token lines of invoices from 30 July on overstate Anthropic tokens 2x; "
                       "OpenAI and other providers are counted once. Fix in review; affected invoices get a credit "
                       "note.", "2027-08-02T09:30:00Z", labels=("bug", "billing"))
    done = linear_issue("GW-2105", "Cached tokens missing from Bedrock Claude usage",
                        "Bedrock responses' cache read tokens were not read into cached_tokens.",
                        "2027-07-10T10:00:00Z", state="Done", labels=("bug", "provider:bedrock"),
                        completed="2027-07-15T10:00:00Z")
    # Shirakaba: a FAQ bot on gpt-4o, a design assistant on Claude Sonnet and a ticket classifier on
    # Claude Haiku. The single token meter (prompt + completion, cache reads excluded) counts every
    # Anthropic request twice since July 30 10:00 UTC (GW-2210, open): the invoice of Aug 3 is above
    # the logs by exactly the Anthropic tokens; the gpt-4o part is right.
    streams = [stream(a["id"], per_minute=12, p50=800, p95=1900, prompt=1400, completion=260,
                      config_id="pc-shirakaba-faq", key="vk-shirakaba-web", sdk="portkey-node/1.11.2"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1500, p95=3500,
                      prompt=2400, completion=700, config_id="pc-shirakaba-sekkei", key="vk-shirakaba-eng",
                      sdk="portkey-python/1.12.1"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      prompt=900, completion=120, config_id="pc-shirakaba-bunrui", key="vk-shirakaba-eng",
                      sdk="portkey-python/1.12.1"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1400, p95=3200,
                      config_id="pc-nyx-planner"),
               stream(b["id"], per_minute=8, config_id="pc-nyx-voice")]
    cfg = [one_target("pc-shirakaba-faq", a, "faq", "vk-shirakaba-openai", "gpt-4o", 30000),
           one_target("pc-shirakaba-sekkei", a, "sekkei", "vk-shirakaba-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-shirakaba-bunrui", a, "bunrui", "vk-shirakaba-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-nyx-planner", b, "planner", "vk-nyx-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-nyx-voice", b, "voice", "vk-nyx-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "faults": [{"kind": "double_count", "from": "2027-07-30T10:00:00Z", "to": None,
                        "match": {"provider": "anthropic"}}],
            "invoices": [{"id": "in_1Shirakaba0803", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2027-08-04T00:00:00Z"}]}
    t = [ticket(18601, a, "8月3日分請求書のトークン数について",
                "いつもお世話になっております。白樺電機 情報システム部の佐藤です。\n\n"
                "請求書 in_1Shirakaba0803（8月3日分）のトークン数が、弊社側でリクエストごとに記録している "
                "prompt_tokens と completion_tokens の合計（UTC基準で集計）を大きく上回っております。"
                "差はおよそ1.6倍程度です。8月3日の昼ごろに Anthropic 側で障害があったようですが、リトライ分が"
                "二重に計上されているということでしょうか。\n\n"
                "社内の承認手続きがございますので、内訳をご確認いただけますと幸いです。\n\n"
                "何卒よろしくお願い申し上げます。\n\n佐藤 健一\n白樺電機株式会社 情報システム部",
                "2027-08-04T02:10:00Z", "Kenichi Sato")]
    return scenario("", "token-billing-known-metering-bug-japanese",
                    "Japanese ticket (JST) about an invoice ~1.6x the customer's own per-request totals, guessing "
                    "that retries during an Anthropic incident were billed: an open, already-filed bug (Linear "
                    "GW-2210) has the usage meter count every Anthropic request twice since July 30; Shirakaba's "
                    "Claude Sonnet and Haiku tokens are billed twice, its gpt-4o tokens once (known_bug). A Claude "
                    "Haiku incident, an invoice-PDF deploy and a fixed Bedrock usage bug are bystanders among 14 "
                    "routine deploys.",
                    now, CO, [a, b], "2027-08-02T22:00:00Z", 18601, streams, [], t,
                    {18601: truth("token-billing", "known_bug",
                                  ["linear:issue:GW-2210", "stripe:invoice:in_1Shirakaba0803"],
                                  [f"github:deployment:{her}", haiku, "linear:issue:GW-2105"], ["Anthropic"])},
                    github=gh, configs=cfg, billing=bill, statuspage=sp, linear=[bug, done], docs=[DOC_INVOICES])


def webhook_refused_endpoint_angry_en():
    """Four endpoints of one org; the edge ingest endpoint refuses connections from 17:40 UTC while
    the other three, and every other org's, keep answering 200 after our keep-alive deploy at 17:25."""
    D, now = "2027-01-26", "2027-01-26T22:30:00Z"
    a = org("org_saguaro", "Saguaro Freight", "saguarofreight.com", "enterprise")
    b = org("org_tamarack", "Tamarack Health", "tamarack.health", "scale")
    c = org("org_umber", "Umber Studio", "umber.studio", "growth")
    gh = github(CO, 18701, "2027-01-25T17:00:00Z", now, 23)
    her = gh.deploy(18740, at(D, "17:25"), "webhooks: keep-alive connections per endpoint",
                    ["src/webhooks/deliver.ts", "src/webhooks/http-agent.ts"])
    lin = [linear_issue("GW-1488", "Webhook retries ignore Retry-After from receivers",
                        "Retried deliveries use our backoff even when the receiver answered 429 or 503 with "
                        "Retry-After.", "2027-01-19T10:00:00Z", labels=("bug", "webhooks"))]
    pd = [pd_incident("PWHLAG126", 8126, "Webhook delivery queue lag above 2 minutes", at(D, "04:10"), at(D, "04:31"),
                      "Webhook delivery")]
    sp = Statuspage(now)
    sora = sp.incident("openai", "s2d4f6g8h0j2", "Sora video generation delayed", at(D, "16:50"), at(D, "18:20"),
                       "Video generations are taking longer than usual.", component="Sora")
    streams = [cycle(stream(a["id"], per_minute=16, p50=900, p95=2200, error_rate=0.03, config_id="pc-saguaro-loads",
                            key="vk-saguaro-tms"), 14, 23, 0.3),
               stream(a["id"], model="gpt-4o-mini", per_minute=8, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-saguaro-docs", key="vk-saguaro-docs"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      config_id="pc-tamarack-notes"),
               stream(c["id"], per_minute=6, config_id="pc-umber-scenes")]
    cfg = [one_target("pc-saguaro-loads", a, "loads", "vk-saguaro-openai", "gpt-4o", 30000),
           one_target("pc-saguaro-docs", a, "docs", "vk-saguaro-openai", "gpt-4o-mini", 20000),
           one_target("pc-tamarack-notes", b, "notes", "vk-tamarack-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-umber-scenes", c, "scenes", "vk-umber-openai", "gpt-4o", 30000)]
    # Saguaro has four endpoints. From 17:40 UTC (09:40 PST) its edge ingest service on port 8443
    # refuses every connection; the other three and the other orgs' endpoints answer 200 before and
    # after the keep-alive deploy of 17:25.
    ingest = "https://edge.saguarofreight.com:8443/relay/ingest"
    main = "https://hooks.saguarofreight.com/relay/requests"
    wh = hooks((a["id"], main, ["request.completed"], 5, 130),
               (a["id"], ingest, ["request.completed", "usage.threshold"], 3, 90),
               (a["id"], "https://dispatch.saguarofreight.com/api/relay-events", ["request.failed", "budget.exceeded"],
                1.5, 170),
               (a["id"], "https://ops.saguarofreight.com/relay/alerts", ["request.failed"], 1, 210),
               (b["id"], "https://api.tamarack.health/webhooks/relay", ["request.completed"], 4, 150),
               (c["id"], "https://umber.studio/api/hooks/relay", ["request.completed", "budget.exceeded"], 2, 120),
               anomalies=[failures(at(D, "17:40"), None, ingest, 1.0, 0, "connection_refused")])
    t = [ticket(18701, a, "webhooks broken AGAIN",
                "you shipped something this morning around 9:30 PT and now our ingest service gets NOTHING. "
                "dashboard shows every delivery failed since ~9:40. we didn't touch anything on our end. second "
                "time this quarter. roll it back and tell me when it's fixed\n\n-- \nDale Whitaker | Platform Eng "
                "| Saguaro Freight", at(D, "19:05"), "Dale Whitaker", priority="urgent")]
    q = [question(18702, b, at(D, "18:30"), "webhook IP ranges",
                  "Hello, which IP addresses do your webhooks come from? Our security team wants to allowlist them.",
                  person="Maya Chen")]
    return scenario("", "webhook-failures-refused-edge-endpoint-angry",
                    "An angry two-line English ticket (Pacific winter time) that blames our deploy: Saguaro has four "
                    "webhook endpoints; from 17:40 UTC (09:40 PST) only its edge ingest endpoint on port 8443 "
                    "refuses every connection (connection_refused); the other three and the other orgs' endpoints "
                    "keep answering 200 before and after the keep-alive deploy of 17:25 (customer_endpoint). A "
                    "retry bug, a queue-lag page that morning and a Sora incident are bystanders among 23 routine "
                    "deploys; Saguaro is a big org with a 3% background error rate on its requests.",
                    now, CO, [a, b, c], "2027-01-25T17:00:00Z", 18701, streams, [], t,
                    {18701: truth("webhook-failures", "customer_endpoint", [f"endpoint:{ingest}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-1488", "pagerduty:incident:PWHLAG126",
                                   sora, f"endpoint:{main}"], ["17:40", "refused"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd, statuspage=sp,
                    docs=[DOC_WEBHOOKS], questions=q)


def webhook_deploy_and_expired_cert_fr():
    """Two causes: our deploy changes the usage.threshold payload and every receiver that validates
    it answers 422 from 08:15 UTC; and since midnight UTC the customer's archive endpoint presents an
    expired certificate."""
    D, now = "2027-07-21", "2027-07-21T12:30:00Z"
    a = org("org_cigogne", "Cigogne Énergie", "cigogne-energie.fr", "scale")
    b = org("org_dahlia", "Dahlia Cosmetics", "dahlia-cosmetics.com", "enterprise")
    c = org("org_epicea", "Épicéa Banque", "epicea-banque.ch", "growth")
    gh = github(CO, 18801, "2027-07-20T07:00:00Z", now, 17)
    bad = gh.deploy(18840, at(D, "08:12"), "webhooks: usage.threshold payload v2",
                    ["src/webhooks/events/usage-threshold.ts", "src/webhooks/serialize.ts"],
                    message="webhooks: usage.threshold v2 payload, amounts as decimal strings (#4410)")
    near = gh.deploy(18841, at(D, "09:35"), "dashboard: webhook delivery log pagination",
                     ["ui/webhooks/delivery-log.tsx"])
    lin = [linear_issue("GW-2230", "Webhook retries are sent without x-relay-timestamp",
                        "Retried deliveries carry x-relay-signature but not x-relay-timestamp.",
                        "2027-07-14T10:00:00Z", labels=("bug", "webhooks"))]
    pd = [pd_incident("PWHLAG720", 8720, "Webhook queue lag above 5 minutes", "2027-07-20T19:05:00Z",
                      "2027-07-20T19:30:00Z", "Webhook delivery")]
    streams = [stream(a["id"], per_minute=12, config_id="pc-cigogne-conseil", sdk="portkey-python/1.12.1"),
               cycle(stream(b["id"], per_minute=18, p50=1000, p95=2400, error_rate=0.03, config_id="pc-dahlia-shop"),
                     7, 19, 0.3),
               stream(c["id"], model="gpt-4o-mini", per_minute=8, p50=600, p95=1500, config_id="pc-epicea-kyc")]
    cfg = [one_target("pc-cigogne-conseil", a, "conseil", "vk-cigogne-openai", "gpt-4o", 30000),
           one_target("pc-dahlia-shop", b, "shop", "vk-dahlia-openai", "gpt-4o", 30000),
           one_target("pc-epicea-kyc", c, "kyc", "vk-epicea-openai", "gpt-4o-mini", 20000)]
    # From 08:15 UTC every org's usage.threshold deliveries are refused 422 by receivers that validate
    # the payload (deploy #18840 sends amounts as strings): Cigogne's main endpoint and Dahlia's. Other
    # events to the same endpoints keep answering 200. Separately, Cigogne's archive endpoint presents
    # a certificate that expired at 00:00 UTC: every delivery to it fails the TLS handshake since then.
    main = "https://api.cigogne-energie.fr/webhooks/relay"
    archive = "https://archives.cigogne-energie.fr/relay"
    wh = hooks((a["id"], main, ["request.completed", "usage.threshold", "budget.exceeded"], 6, 140),
               (a["id"], archive, ["request.completed"], 1, 180),
               (b["id"], "https://hooks.dahlia-cosmetics.com/relay", ["request.completed", "usage.threshold"], 4, 120),
               (c["id"], "https://api.epicea-banque.ch/relay/webhooks", ["request.completed", "request.failed"], 3, 110),
               anomalies=[{"kind": "failures", "from": at(D, "08:15"), "to": None,
                           "match": {"event": "usage.threshold"}, "rate": 1.0, "status": 422, "error": ""},
                          failures(at(D, "00:00"), None, archive, 1.0, 0, "tls_error")])
    t = [ticket(18801, a, "Alertes de consommation – webhooks en échec",
                "Bonjour,\n\nDepuis ce matin 10h15 environ, toutes nos alertes de seuil de consommation "
                "(usage.threshold) apparaissent en échec dans votre tableau de bord. Notre service les rejette, "
                "voici ce qu'il journalise :\n\n"
                "2027-07-21 10:16:02 +0200 WARN relay-webhook 422 invalid payload: threshold.amount expected "
                "number, got string\n\n"
                "Nous n'avons rien déployé de notre côté. Par ailleurs, notre serveur d'archivage ne reçoit plus "
                "rien depuis cette nuit ; je ne sais pas si c'est lié.\n\nCordialement,\nJulien Moreau\n"
                "Responsable intégration – Cigogne Énergie", at(D, "10:40"), "Julien Moreau", priority="high")]
    return scenario("", "webhook-failures-payload-deploy-and-expired-cert-french",
                    "French ticket (Paris summer time, a pasted receiver log line) with two causes: deploy #18840 "
                    "(usage.threshold payload v2, live 08:14) makes every org's usage.threshold deliveries fail 422 "
                    "from 08:15 UTC (primary, deploy_regression); Cigogne's archive endpoint presents a certificate "
                    "that expired at 00:00 UTC, so every delivery to it fails TLS (secondary, customer_endpoint). "
                    "A delivery-log UI deploy at 09:35, a retry-timestamp bug and an evening queue-lag page are "
                    "bystanders among 17 routine deploys; Dahlia is a big org with a 3% background error rate.",
                    now, CO, [a, b, c], "2027-07-20T07:00:00Z", 18801, streams, [], t,
                    {18801: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", "linear:issue:GW-2230", "pagerduty:incident:PWHLAG720"],
                                  ["usage.threshold", "TLS"],
                                  [secondary("customer_endpoint", [f"endpoint:{archive}"])])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd, docs=[DOC_WEBHOOKS])


def webhook_known_query_string_bug_pt():
    """A filed bug: since an egress proxy upgrade (an infrastructure change, no deploy) deliveries lose
    the query string of the endpoint URL, so receivers that authenticate with a token in it answer
    401. Two orgs' query-string endpoints fail; their endpoints without a query string work."""
    D, now = "2027-09-14", "2027-09-14T13:00:00Z"
    a = org("org_jacaranda", "Jacarandá Logística", "jacarandalog.com.br", "scale")
    b = org("org_kauri", "Kauri Fintech", "kauri.co.nz", "enterprise")
    c = org("org_lince", "Lince Educação", "linceedu.com.br", "growth")
    gh = github(CO, 18901, "2027-09-13T08:00:00Z", now, 21)
    her = gh.deploy(18940, "2027-09-13T21:20:00Z", "webhooks: event ids as ULIDs",
                    ["src/webhooks/event-id.ts", "src/webhooks/deliver.ts"])
    bug = linear_issue("GW-2305", "Webhook deliveries drop the query string of the endpoint URL",
                       "Since the egress proxy upgrade on 13 Sep (~22:05 UTC, infrastructure change), deliveries "
                       "are sent to the endpoint's path without its query string. Receivers that authenticate "
                       "with a token in the query (`?token=`, `?key=`) answer 401. Endpoints without a query "
                       "string are not affected. Fix in review.", "2027-09-14T11:30:00Z",
                       labels=("bug", "webhooks"))
    other = linear_issue("GW-2290", "Webhook test button ignores custom headers",
                         "The dashboard's 'Send test event' does not send the endpoint's custom headers.",
                         "2027-09-08T10:00:00Z", labels=("bug", "webhooks"))
    sp = Statuspage(now)
    rt = sp.incident("openai", "q1w3e5r7t9y1", "Realtime API sessions dropping", "2027-09-13T22:30:00Z",
                     "2027-09-13T23:40:00Z", "Some Realtime API sessions disconnect.", component="Realtime API")
    streams = [stream(a["id"], per_minute=12, config_id="pc-jacaranda-rotas", sdk="portkey-node/1.11.2"),
               cycle(stream(b["id"], per_minute=16, p50=1000, p95=2400, error_rate=0.025, config_id="pc-kauri-risk"),
                     1, 5, 0.4),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-lince-tutor")]
    cfg = [one_target("pc-jacaranda-rotas", a, "rotas", "vk-jacaranda-openai", "gpt-4o", 30000),
           one_target("pc-kauri-risk", b, "risk", "vk-kauri-openai", "gpt-4o", 30000),
           one_target("pc-lince-tutor", c, "tutor", "vk-lince-anthropic", "claude-sonnet-4-6", 30000)]
    erp = "https://erp.jacarandalog.com.br/integracoes/relay?token=f3a9c1d7"
    alertas = "https://alertas.jacarandalog.com.br/relay"
    lince = "https://api.linceedu.com.br/hooks?key=lc-7781"
    wh = hooks((a["id"], erp, ["request.completed"], 5, 150),
               (a["id"], alertas, ["request.failed", "budget.exceeded"], 1.5, 160),
               (b["id"], "https://hooks.kauri.co.nz/relay", ["request.completed", "request.failed"], 4, 120),
               (c["id"], lince, ["request.completed"], 3, 130),
               anomalies=[failures("2027-09-13T22:05:00Z", None, erp, 1.0, 401, ""),
                          failures("2027-09-13T22:05:00Z", None, lince, 1.0, 401, "")])
    t = [ticket(18901, a, "Mudaram algo nos webhooks?",
                "Bom dia,\n\nvocês mudaram alguma coisa no envio de webhooks ontem à noite? Desde umas 19h "
                "(horário de Brasília) o nosso ERP não recebe mais nenhum request.completed, e o painel de vocês "
                "mostra 401 em todas as tentativas. O token na URL é o mesmo há meses e o nosso outro endpoint, o "
                "de alertas, continua recebendo normalmente.\n\nObrigado,\nFernanda Lima\nTI · Jacarandá "
                "Logística", at(D, "12:10"), "Fernanda Lima")]
    return scenario("", "webhook-failures-known-query-string-bug-portuguese",
                    "Brazilian Portuguese ticket asked as a question ('did you change something?'): from 22:05 UTC "
                    "(19:05 in Brasília) every delivery to an endpoint whose URL carries a token in its query "
                    "string is answered 401, Jacarandá's ERP endpoint and Lince's alike; their endpoints without a "
                    "query string work. The open bug Linear GW-2305 (egress proxy upgrade, no deploy) explains it "
                    "(known_bug). A webhook event-id deploy at 21:20, a test-button bug and a Realtime API "
                    "incident are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2027-09-13T08:00:00Z", 18901, streams, [], t,
                    {18901: truth("webhook-failures", "known_bug", ["linear:issue:GW-2305"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2290", rt, f"endpoint:{alertas}"],
                                  ["401", "22:05"])},
                    github=gh, webhooks=wh, configs=cfg, linear=[bug, other], statuspage=sp, docs=[DOC_WEBHOOKS])


def metadata_sdk_patch_regression_en():
    """portkey-python 1.13.0 stopped sending metadata given through with_options(); 1.13.1 fixes it.
    Only the org's pricing service runs 1.13.0 (and another org's worker); its other services keep
    their metadata. The customer blames our metadata storage deploy of the morning."""
    D, now = "2027-06-08", "2027-06-08T15:30:00Z"
    a = org("org_bramble", "Bramble Energy", "brambleenergy.co.uk", "scale")
    b = org("org_cobalt", "Cobalt Maps", "cobaltmaps.com", "growth")
    c = org("org_delphine", "Delphine Retail", "delphineretail.fr", "enterprise")
    gh = github(CO, 19001, "2027-06-07T10:00:00Z", now, 18)
    her = gh.deploy(19040, at(D, "07:58"), "logs: store request metadata as a JSON column",
                    ["src/logs/writer.ts", "src/logs/schema/metadata.sql"])
    gh.release(99701, "v1.13.0", "portkey-python v1.13.0",
               "## Changes\n\n- `with_options()` builds request headers lazily.\n- Typed responses for batch "
               "endpoints.\n", "2027-06-03T09:00:00Z")
    gh.release(99702, "v1.13.1", "portkey-python v1.13.1",
               "## Fixes\n\n- Metadata passed with `with_options(metadata=…)` was not sent since 1.13.0: the lazy "
               "headers dropped the `x-portkey-metadata` header. Upgrade if you set metadata per call.\n",
               "2027-06-07T16:00:00Z")
    lin = [linear_issue("GW-2120", "Logs filter on metadata values is case sensitive",
                        "Filtering the logs on a metadata value matches case-sensitively.",
                        "2027-06-01T10:00:00Z", labels=("bug", "dashboard"))]
    sp = Statuspage(now)
    cc = sp.incident("anthropic", "c8v0b2n4m6q8", "Claude Code login errors", at(D, "08:05"), at(D, "08:50"),
                     "Some users cannot log in to Claude Code.", component="Claude Code")
    # Bramble: a customer chat (portkey-node 1.11.2), a billing-letters worker (portkey-python 1.12.1)
    # and a pricing service upgraded to portkey-python 1.13.0 before the logs begin; the pricing
    # service's requests carry no metadata all along, as do Cobalt's 1.13.0 requests. The chat and
    # the letters keep theirs before and after the logs deploy of 07:58.
    streams = [stream(a["id"], per_minute=14, config_id="pc-bramble-chat", key="vk-bramble-web",
                      sdk="portkey-node/1.11.2", metadata={"team": "care", "env": "prod"}),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1400, p95=3200,
                      config_id="pc-bramble-letters", key="vk-bramble-jobs", sdk="portkey-python/1.12.1",
                      metadata={"team": "billing", "env": "prod"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=700, p95=1700, config_id="pc-bramble-pricing",
                      key="vk-bramble-jobs", sdk="portkey-python/1.13.0", metadata={"team": "pricing", "env": "prod"}),
               stream(b["id"], per_minute=8, config_id="pc-cobalt-routes", sdk="portkey-python/1.13.0",
                      metadata={"svc": "routes"}),
               cycle(stream(c["id"], per_minute=16, p50=1000, p95=2400, error_rate=0.03, config_id="pc-delphine-shop",
                            sdk="portkey-node/1.11.2", metadata={"store": "eu"}), 7, 19, 0.3)]
    an = [metadata_dropped("2027-06-07T10:00:00Z", None, {"sdk": "portkey-python/1.13.0"})]
    cfg = [one_target("pc-bramble-chat", a, "chat", "vk-bramble-openai", "gpt-4o", 30000),
           one_target("pc-bramble-letters", a, "letters", "vk-bramble-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-bramble-pricing", a, "pricing", "vk-bramble-openai", "gpt-4.1-mini", 20000),
           one_target("pc-cobalt-routes", b, "routes", "vk-cobalt-openai", "gpt-4o", 30000),
           one_target("pc-delphine-shop", c, "shop", "vk-delphine-openai", "gpt-4o", 30000)]
    t = [ticket(19001, a, "team tag missing from a chunk of our logs",
                "Hi there,\n\nSince this morning a good third of our requests show up in your logs with no "
                "metadata at all, so our per-team cost report is off. I noticed your changelog mentions a change "
                "to how request metadata is stored, which went out around 9am our time. Could you check whether "
                "that lost the metadata on some of the rows? We pass `team` and `env` on every call.\n\nThanks,\n"
                "Harriet Cole\nData Platform, Bramble Energy", at(D, "11:15"), "Harriet Cole")]
    return scenario("", "metadata-sdk-patch-regression-english",
                    "English ticket (London summer time) blaming our metadata storage deploy of 07:58: only "
                    "requests sent with portkey-python/1.13.0 carry no metadata (Bramble's pricing service, a third "
                    "of its traffic, and Cobalt's), since the logs begin; 1.13.1's release notes say 1.13.0 dropped "
                    "metadata passed with with_options(). Bramble's node chat and its python 1.12.1 worker keep "
                    "theirs (sdk_version). A logs-filter bug and a Claude Code incident are bystanders among 18 "
                    "routine deploys; Delphine is a big org with a 3% background error rate.",
                    now, CO, [a, b, c], "2027-06-07T10:00:00Z", 19001, streams, an, t,
                    {19001: truth("metadata", "sdk_version", ["sdk:portkey-python/1.13.0"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2120", cc, "config:pc-bramble-chat"],
                                  ["1.13.0", "1.13.1"])},
                    github=gh, configs=cfg, linear=lin, statuspage=sp, docs=[DOC_METADATA])


DOC_METADATA_USER = doc("docs/observability/metadata.md", "Custom metadata",
                        "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                        "the SDK's `metadata` option; it is stored with the request log as sent (keys are case "
                        "sensitive, values at most 128 characters).\n\n## The `user` field\n\nThe `user` field of "
                        "an OpenAI-style request body is not a metadata key of its own: the gateway stores it in "
                        "the request's metadata under the reserved key `_user`, which the logs' user filter reads. "
                        "Keys starting with `_` are reserved for such fields.\n")


def metadata_user_reserved_key_es():
    """The customer sends OpenAI's `user` field and looks for a `user` key in the logs; the docs say it
    is stored under `_user`, which every request carries."""
    D, now = "2027-10-19", "2027-10-19T19:00:00Z"
    a = org("org_ombu", "Ombú Seguros", "ombuseguros.com.ar", "scale")
    b = org("org_quebracho", "Quebracho Data", "quebracho.io", "growth")
    c = org("org_rosal", "Rosal Market", "rosalmarket.com", "enterprise")
    gh = github(CO, 19101, "2027-10-18T14:00:00Z", now, 15)
    her = gh.deploy(19140, at(D, "13:10"), "logs: metadata filter accepts nested keys",
                    ["ui/logs/metadata-filter.tsx", "src/logs/query/metadata.ts"])
    lin = [linear_issue("GW-2420", "Metadata values over 128 characters are cut without a warning",
                        "Values longer than 128 characters are truncated silently; the docs state the limit.",
                        "2027-10-11T10:00:00Z", labels=("bug", "metadata"))]
    sp = Statuspage(now)
    web = sp.incident("anthropic", "w9e1r3t5y7u9", "claude.ai conversations not loading", at(D, "12:40"), at(D, "13:30"),
                      "Some users cannot load conversations on claude.ai.", component="claude.ai")
    # Ombú's web quoting (openai-node) and claims app (portkey-python) send OpenAI's `user` field;
    # every request's metadata holds it as `_user`, beside `canal`, before and after the logs-filter
    # deploy of 13:10. Nothing is dropped anywhere.
    streams = [stream(a["id"], per_minute=12, config_id="pc-ombu-cotizar", key="vk-ombu-web",
                      sdk="openai-node/4.77.0", metadata={"_user": "cli-20931", "canal": "web"}),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1300, p95=3000,
                      config_id="pc-ombu-siniestros", key="vk-ombu-app", sdk="portkey-python/1.12.1",
                      metadata={"_user": "cli-88120", "canal": "app"}),
               stream(b["id"], per_minute=8, config_id="pc-quebracho-sql", metadata={"job": "nightly"}),
               cycle(stream(c["id"], per_minute=16, p50=1000, p95=2400, error_rate=0.03, config_id="pc-rosal-cart",
                            metadata={"tienda": "ar"}), 12, 23, 0.3)]
    cfg = [one_target("pc-ombu-cotizar", a, "cotizar", "vk-ombu-openai", "gpt-4o", 30000),
           one_target("pc-ombu-siniestros", a, "siniestros", "vk-ombu-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-quebracho-sql", b, "sql", "vk-quebracho-openai", "gpt-4o", 30000),
           one_target("pc-rosal-cart", c, "cart", "vk-rosal-openai", "gpt-4o", 30000)]
    t = [ticket(19101, a, "No llega el campo user",
                "Hola,\n\nmandamos el campo `user` en cada request (SDK de OpenAI para Node apuntando a su gateway, "
                "y también desde la app de siniestros) para poder auditar qué cliente pidió cada cotización, pero "
                "en los logs de Relay no aparece por ningún lado: en metadata solo vemos `canal`. Nos dimos cuenta "
                "hoy tipo 11 de la mañana, justo cuando cambió el filtro de metadata en el panel. ¿Se está perdiendo "
                "en el camino? Lo necesitamos para la auditoría de fin de mes.\n\nGracias,\nMartín Acosta\n"
                "Arquitectura · Ombú Seguros", at(D, "15:20"), "Martín Acosta")]
    return scenario("", "metadata-user-reserved-key-spanish",
                    "Spanish ticket (Buenos Aires time) saying the OpenAI `user` field never reaches the logs: "
                    "every request of Ombú carries it in its metadata under the reserved key `_user`, as the "
                    "metadata doc describes, before and after the logs-filter deploy of 13:10 (expected_behavior). "
                    "The deploy the customer links it to, a truncation bug and a claude.ai incident are bystanders "
                    "among 15 routine deploys; Rosal is a big org with a 3% background error rate.",
                    now, CO, [a, b, c], "2027-10-18T14:00:00Z", 19101, streams, [], t,
                    {19101: truth("metadata", "expected_behavior", ["docs:docs/observability/metadata.md"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2420", web],
                                  ["_user"])},
                    github=gh, configs=cfg, linear=lin, statuspage=sp, docs=[DOC_METADATA_USER])


ALL = [billing_output_meter_dropped_de, billing_growth_no_fault_es, billing_known_anthropic_double_ja,
       webhook_refused_endpoint_angry_en, webhook_deploy_and_expired_cert_fr, webhook_known_query_string_bug_pt,
       metadata_sdk_patch_regression_en, metadata_user_reserved_key_es]

if __name__ == "__main__":
    write_all(ALL)
