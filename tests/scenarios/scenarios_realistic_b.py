#!/usr/bin/env python3
"""Library scenarios written like real support mail over data shaped like real accounts, for the
billing, metadata, webhook and latency patterns: a fault on a meter that is not the default one
beside seats and a support plan, a Stripe customer whose billing address is on a sub-domain of the
org's domain, a documented cache discount worded differently from the other docs, a metadata loss
limited to one SDK release while a metadata deploy sits next to it, a delivery-timeout change of
ours that breaks only the slowest customer endpoint, a customer endpoint answering 503 shortly
after a webhook deploy, two webhook causes one after the other, a daily cycle in Asian office
hours, and a correct invoice the customer blames on a meter deploy. Tickets carry greetings,
signatures, quoted replies, pasted log lines and local times in several languages.

Run it to rewrite the JSON files; each truth is read from the data declared here (meters, faults,
anomalies, deploys, incidents), never from what the engine answers."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def meter(name, nickname, counts, faults=(), cached="excluded"):
    return {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": cached,
            "faults": list(faults)}


def cycle(stream_, from_hour, to_hour, night, latency_factor):
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


def hooks(*streams_, anomalies=()):
    return {"streams": [{"org": o, "endpoint": url, "events": ["request.completed", "budget.exceeded"],
                         "per_minute": pm, "latency_ms": ms} for o, url, pm, ms in streams_],
            "anomalies": list(anomalies)}


def failures(start, end, endpoint, rate, status, error):
    return {"kind": "failures", "from": start, "to": end, "match": {"endpoint": endpoint} if endpoint else {},
            "rate": rate, "status": status, "error": error}


DOC_METERS_PT = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                    "# How tokens are invoiced\n\nEvery invoice carries one metered line per token kind: input "
                    "(prompt tokens not served from the provider's cache), output (completion tokens) and cached "
                    "input (tokens read from the prompt cache, at 10% of the input price). Seats and support plans "
                    "are licensed lines. Each line's quantity is the sum of the meter's events for the UTC day.\n")

DOC_CACHE_READS = doc("docs/pricing/cache-reads.md", "Pricing of cache reads",
                      "# Pricing of cache reads\n\nWhen a provider answers part of a prompt from its cache, those "
                      "tokens appear as `cached_tokens` in the request logs. Cache reads are charged at one tenth of "
                      "the normal input rate, so the metered quantity on the invoice is prompt tokens minus nine "
                      "tenths of the cache reads, plus completion tokens. Dashboards show the raw counts.\n")


def billing_cached_meter_doubled_pt():
    now = "2027-02-03T06:00:00Z"
    a = org("org_ipe", "Ipê Seguros", "ipeseguros.com.br", "enterprise")
    b = org("org_jacana", "Jacana Jobs", "jacanajobs.com", "scale")
    gh = github(CO, 5301, "2027-02-02T00:00:00Z", now, 14)
    her = gh.deploy(5320, "2027-02-02T15:30:00Z", "metering: per-minute batching of meter events",
                    ["src/billing/meter-batch.ts"])
    lin = [linear_issue("GW-811", "Usage CSV lists cached tokens in the input column",
                        "The usage page's CSV export adds cached tokens to the input column. Invoices are not "
                        "affected.", "2027-01-28T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=18, p50=1300, p95=3000,
                      config_id="pc-ipe-sinistros", prompt=3200, completion=350, cached=0.5),
               stream(a["id"], per_minute=6, config_id="pc-ipe-resumo", prompt=1400, completion=300),
               stream(b["id"], per_minute=12, config_id="pc-jacana-match")]
    cfg = [one_target("pc-ipe-sinistros", a, "sinistros", "vk-ipe-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-ipe-resumo", a, "resumo", "vk-ipe-openai", "gpt-4o", 30000),
           one_target("pc-jacana-match", b, "match", "vk-jacana-openai", "gpt-4o", 30000)]
    # the cached-input meter (not the default meter) counted 03:00-09:00 UTC twice; input and
    # output lines match the logs; seats and a support plan sit beside them
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.00025", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"]),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"]),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"],
                             faults=[{"kind": "double_count", "from": "2027-02-02T03:00:00Z",
                                      "to": "2027-02-02T09:00:00Z", "match": {}}])],
            "invoices": [{"id": "in_1Ipe0202", "org": a["id"], "status": "open", "from": "2027-02-02T00:00:00Z",
                          "to": "2027-02-03T00:00:00Z",
                          "extra_lines": [{"description": "Assentos (25 × $30.00)", "nickname": "Seats",
                                           "quantity": 25, "unit_amount": 3000},
                                          {"description": "Suporte prioritário", "nickname": "Support plan",
                                           "quantity": 1, "unit_amount": 50000}]}]}
    t = [ticket(9801, a, "fatura de ontem",
                "Bom dia,\n\na fatura in_1Ipe0202 (dia 2) veio mais alta do que a nossa contabilidade interna de "
                "tokens. Conferimos os assentos e o plano de suporte, esses estão certos. Não sei dizer qual das "
                "linhas de uso está errada, mas a diferença parece ter surgido durante a madrugada (horário de "
                "Brasília), quando rodamos pouca coisa.\n\nPodem verificar antes do fechamento?\n\nAbraços,\n"
                "Renata Lima\nFinanceiro – Ipê Seguros", "2027-02-03T05:30:00Z", "Renata Lima")]
    return scenario("", "token-billing-cached-meter-doubled-portuguese",
                    "Portuguese ticket: Ipê's invoice has input, output and cached-input token lines plus 25 seats "
                    "and a support plan. The cached-input meter (not the default meter) counted 03:00-09:00 UTC "
                    "twice; the other lines match the logs. A meter-batching deploy after the window and a usage "
                    "CSV bug are bystanders.",
                    now, CO, [a, b], "2027-02-02T00:00:00Z", 9801, streams, [], t,
                    {9801: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Ipe0202"],
                                 [f"github:deployment:{her}", "linear:issue:GW-811"], ["03:00"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_METERS_PT, DOC_INVOICES])


def billing_subdomain_discount_stale():
    now = "2027-02-05T06:00:00Z"
    a = org("org_orbit", "Orbit Logistics", "orbitlogistics.com", "scale", cus="cus_V2orbit")
    b = org("org_pike", "Pike Studios", "pikestudios.io", "growth", cus="cus_V3pike")
    gh = github(CO, 5401, "2027-02-04T00:00:00Z", now, 12)
    her = gh.deploy(5415, "2027-02-04T10:10:00Z", "metering: round cached tokens per event",
                    ["src/billing/meter-events.ts"])
    lin = [linear_issue("GW-815", "Cached tokens missing from the usage chart tooltip",
                        "The usage chart tooltip omits cached tokens. Invoices are not affected.",
                        "2027-02-01T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=22, p50=1200, p95=2800,
                      config_id="pc-orbit-dispatch", prompt=3600, completion=280, cached=0.55),
               stream(b["id"], per_minute=12, config_id="pc-pike-script")]
    cfg = [one_target("pc-orbit-dispatch", a, "dispatch", "vk-orbit-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-pike-script", b, "script", "vk-pike-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "billed_discounted", "cached_discount": 0.1, "unit_amount_decimal": "0.0002",
            "faults": [], "invoices": [{"id": "in_1Orbit0204", "org": a["id"], "status": "open",
                                        "from": "2027-02-04T00:00:00Z", "to": "2027-02-05T00:00:00Z"}]}
    # the billing contact is on a sub-domain of the org's domain, and the customer has no org id
    orbit = customer(a, with_org_id=False)
    orbit["email"] = "ap@finance.orbitlogistics.com"
    custs = [orbit, customer(b)]
    t = [ticket(9802, a, "Re: SSO setup for our team",
                "Hi again,\n\nunrelated to the SSO thing below – our controller flagged yesterday's invoice "
                "(in_1Orbit0204). The token quantity on it is way below what our own logging shows: we sum "
                "prompt_tokens + completion_tokens from every response and get something like 40% more than what "
                "you billed. Nice for us, but we don't want a surprise catch-up charge next month. Is the invoice "
                "missing usage?\n\nThanks,\nDev\n\n> On Mon, Feb 1, Relay Support wrote:\n> SSO is available on the "
                "scale plan; send us your IdP metadata URL and we will enable it.",
                "2027-02-05T05:40:00Z", "Dev Raman")]
    return scenario("", "token-billing-subdomain-discount-stale-subject",
                    "Stale subject and a quoted earlier reply: Orbit's Stripe customer has no org id and a billing "
                    "address on a sub-domain of the org's domain. 55% of its prompt tokens are cache reads, billed "
                    "at a tenth as the pricing doc says, so the invoice is well below prompt + completion: expected "
                    "behaviour. A meter rounding deploy and a usage chart bug are bystanders.",
                    now, CO, [a, b], "2027-02-04T00:00:00Z", 9802, streams, [], t,
                    {9802: truth("token-billing", "expected_behavior",
                                 ["stripe:invoice:in_1Orbit0204", "docs:docs/pricing/cache-reads.md"],
                                 [f"github:deployment:{her}", "linear:issue:GW-815"], ["cache"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, stripe_customers=custs,
                    docs=[DOC_CACHE_READS, DOC_INVOICES])


def metadata_sdk_patch_de():
    D, now = "2027-02-08", "2027-02-08T13:00:00Z"
    a = org("org_quarz", "Quarz Maschinenbau", "quarz-mb.de", "enterprise")
    b = org("org_rook", "Rook Games", "rookgames.com", "scale")
    c = org("org_sable", "Sable Wine", "sablewine.co", "growth")
    gh = github(CO, 5501, "2027-02-07T08:00:00Z", now, 16)
    her = gh.deploy(5520, at(D, "08:55"), "metadata: forward metadata to Bedrock as request tags",
                    ["src/metadata/forward.ts", "src/providers/bedrock/tags.ts"])
    gh.release(99501, "v2.0.0", "portkey-node v2.0.0",
               "## Breaking\n\n- The `metadata` field of `createHeaders()` is gone. Pass `metadata` to the `Portkey` "
               "constructor or to each request instead; headers built the old way carry no metadata.\n",
               "2027-02-06T12:00:00Z")
    gh.release(99502, "v2.0.1", "portkey-node v2.0.1", "## Fixes\n\n- Typings for streaming tool calls.\n",
               "2027-02-07T16:00:00Z")
    streams = [stream(a["id"], per_minute=12, config_id="pc-quarz-doku", sdk="portkey-node/1.8.0",
                      metadata={"abteilung": "service"}, key="vk-quarz-alt"),
               stream(a["id"], per_minute=9, config_id="pc-quarz-doku", sdk="portkey-node/2.0.1",
                      metadata={"abteilung": "vertrieb"}, key="vk-quarz-neu"),
               stream(b["id"], per_minute=10, sdk="portkey-node/2.0.1", metadata={"studio": "b"}),
               stream(c["id"], per_minute=8, sdk="portkey-python/1.9.2", metadata={"shop": "eu"})]
    an = [metadata_dropped("2027-02-07T08:00:00Z", None, {"sdk": "portkey-node/2.0.1"})]
    cfg = [one_target("pc-quarz-doku", a, "doku", "vk-quarz-openai", "gpt-4o", 30000)]
    t = [ticket(9803, a, "Metadaten fehlen",
                "Guten Tag,\n\nseit heute Vormittag (ca. 10 Uhr MEZ) fehlt bei einem Teil unserer Anfragen das Feld "
                "„abteilung“ in den Logs – nicht bei allen! Ich vermute, das hängt mit Ihrem Deployment von heute "
                "früh zusammen, in Ihrem Changelog stand etwas von Metadaten. Auf unserer Seite wurde nichts "
                "geändert, außer dass der Vertrieb letzte Woche sein Node-Backend aktualisiert hat.\n\nViele "
                "Grüße\nJonas Weber", at(D, "10:20"), "Jonas Weber")]
    return scenario("", "metadata-sdk-patch-release-german",
                    "German ticket with a CET time: only requests sent with portkey-node/2.0.1 lose their metadata "
                    "(Quarz's sales backend and Rook's), since the start of the logs; v2.0.0 stopped reading "
                    "metadata from createHeaders(). 1.8.0 and python traffic keep it. The customer blames "
                    "metadata deploy #5520 at 08:55, which changed nothing for these requests.",
                    now, CO, [a, b, c], "2027-02-07T08:00:00Z", 9803, streams, an, t,
                    {9803: truth("metadata", "sdk_version", ["sdk:portkey-node/2.0.1"],
                                 [f"github:deployment:{her}"], ["2.0.1"])},
                    github=gh, configs=cfg, docs=[DOC_METADATA])


def webhook_our_timeout_slow_endpoint():
    D, now = "2027-02-10", "2027-02-10T19:00:00Z"
    a = org("org_tundra", "Tundra Freight", "tundrafreight.ca", "scale")
    b = org("org_umber", "Umber Labs", "umberlabs.ai", "growth")
    c = org("org_vale", "Vale Health", "valehealth.org", "enterprise")
    gh = github(CO, 5601, "2027-02-09T13:00:00Z", now, 14)
    bad = gh.deploy(5620, at(D, "14:02"), "webhooks: lower the delivery timeout to 3 s",
                    ["src/webhooks/deliver.ts", "src/webhooks/config.ts"],
                    message="webhooks: time out deliveries after 3 s to free workers faster (#2610)")
    near = gh.deploy(5621, at(D, "13:40"), "dashboard: webhook logs pagination", ["ui/settings/webhook-logs.tsx"])
    pd = [pd_incident("PWHQ81LAG", 7120, "Webhook queue lag above 2 minutes", "2027-02-09T21:10:00Z",
                      "2027-02-09T21:35:00Z", "Webhook delivery")]
    streams = [stream(a["id"], per_minute=14), stream(b["id"], per_minute=10), stream(c["id"], per_minute=12)]
    # Tundra's endpoint answers in ~3.5 s (inside the documented 10 s); from the deploy on, most of
    # its deliveries time out; the fast endpoints of the other orgs are unaffected
    wh = hooks((a["id"], "https://edi.tundrafreight.ca/hooks/relay", 5, 3500),
               (b["id"], "https://umberlabs.ai/api/webhooks/relay", 4, 120),
               (c["id"], "https://hooks.valehealth.org/relay", 4, 180),
               anomalies=[failures(at(D, "14:04"), None, "https://edi.tundrafreight.ca/hooks/relay", 0.8, 0,
                                   "timeout")])
    t = [ticket(9804, a, "Webhook deliveries failing – nothing changed on our end",
                "Hello,\n\nsince this morning (around 9 AM Eastern) most of your webhook calls never reach our "
                "handler and your dashboard shows them as failed. Our server didn't change; the handler writes to "
                "our EDI system and always took 3-4 seconds. Excerpt from our access log:\n\n"
                "```\n2027-02-10T14:31:07Z POST /hooks/relay 200 3412ms\n"
                "2027-02-10T14:31:11Z POST /hooks/relay 499 3001ms (client closed request)\n"
                "2027-02-10T14:31:15Z POST /hooks/relay 499 3000ms (client closed request)\n```\n\n"
                "Is there a limit we aren't aware of?\n\n-- \nAmir Haddad, Integrations, Tundra Freight",
                at(D, "16:10"), "Amir Haddad", priority="high")]
    return scenario("", "webhook-failures-our-timeout-slow-endpoint",
                    "Deploy #5620 lowers the webhook delivery timeout to 3 s at 14:02; Tundra's endpoint answers in "
                    "~3.5 s (within the documented 10 s), so from 14:04 80% of its deliveries time out. The other "
                    "orgs' fast endpoints are fine. The failure shows at one customer's endpoint but our change "
                    "caused it (deploy_regression).",
                    now, CO, [a, b, c], "2027-02-09T13:00:00Z", 9804, streams, [], t,
                    {9804: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}"],
                                 [f"github:deployment:{near}", "pagerduty:incident:PWHQ81LAG"], ["14:04"])},
                    github=gh, webhooks=wh, pagerduty=pd, docs=[DOC_WEBHOOKS])


def webhook_customer_503_es():
    D, now = "2027-02-12", "2027-02-12T15:00:00Z"
    prev = "2027-02-11"
    a = org("org_wayra", "Wayra Pagos", "wayrapagos.mx", "scale")
    b = org("org_xeno", "Xeno Bio", "xenobio.com", "growth")
    gh = github(CO, 5701, "2027-02-11T10:00:00Z", now, 12)
    her = gh.deploy(5720, at(prev, "22:15"), "webhooks: cap retry backoff at 10 minutes",
                    ["src/webhooks/retry.ts"], message="webhooks: cap the retry backoff (#2622)")
    lin = [linear_issue("GW-830", "Webhook retries sent without the original delivery id",
                        "Retried deliveries carry a new delivery id, so receivers cannot de-duplicate.",
                        "2027-02-05T10:00:00Z", labels=("bug", "webhooks"))]
    streams = [stream(a["id"], per_minute=12), stream(b["id"], per_minute=10)]
    wh = hooks((a["id"], "https://api.wayrapagos.mx/v2/relay-hooks", 5, 150),
               (b["id"], "https://xenobio.com/hooks/relay", 4, 110),
               anomalies=[failures(at(prev, "22:40"), None, "https://api.wayrapagos.mx/v2/relay-hooks", 0.85, 503,
                                   "")])
    t = [ticket(9805, a, "¿Problema con sus webhooks?",
                "Hola equipo,\n\n¿tienen algún problema con los webhooks? Desde ayer como a las 4:40 pm (hora del "
                "centro de México) casi no nos llegan eventos y en su panel aparecen como fallidos. Vi que ayer "
                "publicaron un cambio en los reintentos, ¿puede ser eso? No tocamos nada de nuestro lado... creo.\n\n"
                "Saludos,\nDiego Paredes", at(D, "14:10"), "Diego Paredes")]
    return scenario("", "webhook-failures-customer-503-spanish",
                    "Spanish question with a Mexico City time: from 22:40 UTC (16:40 CST) Wayra's endpoint answers "
                    "503 to 85% of deliveries; Xeno's deliveries succeed. A retry-backoff deploy 25 minutes earlier "
                    "cannot make one endpoint answer 503 (customer_endpoint).",
                    now, CO, [a, b], "2027-02-11T10:00:00Z", 9805, streams, [], t,
                    {9805: truth("webhook-failures", "customer_endpoint",
                                 ["endpoint:https://api.wayrapagos.mx/v2/relay-hooks"],
                                 [f"github:deployment:{her}", "linear:issue:GW-830"], ["22:40", "503"])},
                    github=gh, webhooks=wh, linear=lin, docs=[DOC_WEBHOOKS])


def webhook_two_causes():
    D, now = "2027-02-14", "2027-02-14T18:00:00Z"
    a = org("org_yarrow", "Yarrow Bank", "yarrowbank.com", "enterprise")
    b = org("org_zinc", "Zinc Media", "zincmedia.tv", "scale")
    gh = github(CO, 5801, "2027-02-13T12:00:00Z", now, 12)
    bad = gh.deploy(5820, at(D, "08:58"), "webhooks: sign deliveries with the shared HMAC helper",
                    ["src/webhooks/sign.ts", "src/lib/crypto/hmac.ts"])
    gh.deploy(5821, at(D, "10:28"), "revert: webhooks signing helper", ["src/webhooks/sign.ts",
                                                                          "src/lib/crypto/hmac.ts"])
    near = gh.deploy(5822, at(D, "11:50"), "billing page: plan comparison table", ["ui/billing/plans.tsx"])
    lin = [linear_issue("GW-842", "Webhook test button ignores custom headers",
                        "The 'send test event' button does not send the endpoint's custom headers.",
                        "2027-02-10T10:00:00Z", labels=("bug", "webhooks"))]
    streams = [stream(a["id"], per_minute=14), stream(b["id"], per_minute=10)]
    wh = hooks((a["id"], "https://events.yarrowbank.com/relay", 5, 140),
               (b["id"], "https://zincmedia.tv/hooks/relay", 4, 120),
               anomalies=[failures(at(D, "09:00"), at(D, "10:30"), None, 1.0, 401, "signature_rejected"),
                          failures(at(D, "12:00"), None, "https://events.yarrowbank.com/relay", 1.0, 0, "tls_error")])
    t = [ticket(9806, a, "webhooks broken all day",
                "Hi, your webhooks have been failing for us since this morning. First our endpoint logged "
                "signature errors, then at some point it turned into connection errors on your side. We need "
                "these events for payment reconciliation. What is going on and when will it be fixed?",
                at(D, "16:30"), "Nora Quinn", priority="urgent")]
    return scenario("", "webhook-failures-two-causes",
                    "Two causes: deploy #5820 made every endpoint reject our signature (401) 09:00-10:30 until its "
                    "revert; from 12:00 Yarrow's own endpoint fails the TLS handshake (Zinc's deliveries succeed), "
                    "which is the larger and ongoing failure (primary customer_endpoint, secondary "
                    "deploy_regression).",
                    now, CO, [a, b], "2027-02-13T12:00:00Z", 9806, streams, [], t,
                    {9806: truth("webhook-failures", "customer_endpoint",
                                 ["endpoint:https://events.yarrowbank.com/relay"],
                                 [f"github:deployment:{near}", "linear:issue:GW-842"], ["12:00", "TLS"],
                                 secondary=[secondary("deploy_regression", [f"github:deployment:{bad}"])])},
                    github=gh, webhooks=wh, linear=lin, docs=[DOC_WEBHOOKS])


def latency_daily_cycle_ja():
    D, now = "2027-02-16", "2027-02-16T07:00:00Z"
    a = org("org_akane", "Akane Travel", "akanetravel.jp", "scale")
    b = org("org_birch", "Birch Legal", "birchlegal.com", "growth")
    gh = github(CO, 5901, "2027-02-15T01:00:00Z", now, 12)
    her = gh.deploy(5920, at(D, "00:50"), "gateway: keep-alive pool sizing", ["src/http/pool.ts"])
    sp = Statuspage(now)
    other = sp.incident("openai", "h4j6k8l0z2x4", "Elevated latency for o3", at(D, "01:30"), at(D, "02:40"),
                        "o3 requests are slower than usual.", impact="minor")
    # Akane works Tokyo office hours (10:00-18:00 JST, 01:00-09:00 UTC): volume and provider time rise with them
    # every day; yesterday had the same shape before the deploy; nothing else changes
    streams = [cycle(stream(a["id"], model="gpt-4o-mini", per_minute=24, p50=600, p95=1500,
                            config_id="pc-akane-concierge"), 1, 9, 0.25, 1.35),
               cycle(stream(b["id"], per_minute=10, p50=800, p95=1900, config_id="pc-birch-brief"), 14, 23, 0.3, 1.2)]
    cfg = [one_target("pc-akane-concierge", a, "concierge", "vk-akane-openai", "gpt-4o-mini", 30000),
           one_target("pc-birch-brief", b, "brief", "vk-birch-openai", "gpt-4o", 30000)]
    t = [ticket(9807, a, "API応答が遅い",
                "いつもお世話になっております。\n毎日、午前10時ごろ（日本時間）からAPIの応答が遅くなるように感じます。"
                "今朝も同じでした。夜間は速いです。何か設定を変えたほうがいいでしょうか？それとも御社側の問題でしょうか？"
                "\n\nよろしくお願いいたします。\n佐藤",
                at(D, "03:00"), "Haruka Sato")]
    return scenario("", "latency-spike-daily-cycle-japanese",
                    "Japanese ticket with a JST time: Akane's traffic follows Tokyo office hours (01:00-09:00 UTC); "
                    "volume and provider time rise a little every morning, the same on the previous day. Nothing "
                    "changed (no_fault_found). A pool-sizing deploy at 00:50 and an o3 incident are bystanders.",
                    now, CO, [a, b], "2027-02-15T01:00:00Z", 9807, streams, [], t,
                    {9807: truth("latency-spike", "no_fault_found", [], [f"github:deployment:{her}", other],
                                 ["p95"])},
                    github=gh, statuspage=sp, configs=cfg)


def billing_no_fault_volume_fr():
    now = "2027-02-18T06:00:00Z"
    a = org("org_cerf", "Cerf Immobilier", "cerf-immo.fr", "scale")
    b = org("org_dune", "Dune Robotics", "dunerobotics.com", "growth")
    gh = github(CO, 6001, "2027-02-17T00:00:00Z", now, 12)
    her = gh.deploy(6020, "2027-02-17T09:00:00Z", "metering: new meter-event client",
                    ["src/billing/meter-client.ts", "src/billing/meter-events.ts"])
    pd = [pd_incident("PMTRLAG17", 7301, "Meter events delayed by 40 minutes", "2027-02-17T10:05:00Z",
                      "2027-02-17T10:50:00Z", "Billing pipeline")]
    streams = [stream(a["id"], per_minute=12, config_id="pc-cerf-annonces", prompt=1500, completion=400),
               stream(b["id"], per_minute=10, config_id="pc-dune-ops")]
    cfg = [one_target("pc-cerf-annonces", a, "annonces", "vk-cerf-openai", "gpt-4o", 30000),
           one_target("pc-dune-ops", b, "ops", "vk-dune-openai", "gpt-4o", 30000)]
    # Cerf's own re-indexing job multiplies its traffic 2.5x 12:00-20:00; the invoice counts it
    an = [volume("2027-02-17T12:00:00Z", "2027-02-17T20:00:00Z", {"org": a["id"]}, 2.5)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Cerf0217", "org": a["id"], "status": "open", "from": "2027-02-17T00:00:00Z",
                          "to": "2027-02-18T00:00:00Z"}]}
    t = [ticket(9808, a, "Facture du 17 : presque le double ??",
                "Bonjour,\n\nla facture in_1Cerf0217 est presque deux fois plus élevée qu'un jour normal. Vous avez "
                "changé votre système de comptage hier matin (on l'a vu dans votre changelog), je pense que c'est "
                "lié : à partir de 13h (heure de Paris) les chiffres s'envolent. Merci de corriger.\n\nCordialement,"
                "\nÉlodie Bernard", "2027-02-18T05:20:00Z", "Élodie Bernard")]
    return scenario("", "token-billing-no-fault-volume-french",
                    "French ticket with a Paris time: invoice in_1Cerf0217 equals the logs' prompt + completion "
                    "tokens; Cerf's own traffic rose 2.5x 12:00-20:00 UTC (13:00 Paris). The meter-client deploy the "
                    "customer blames and a meter-lag page (delayed, nothing lost) are bystanders (no_fault_found).",
                    now, CO, [a, b], "2027-02-17T00:00:00Z", 9808, streams, an, t,
                    {9808: truth("token-billing", "no_fault_found", ["stripe:invoice:in_1Cerf0217"],
                                 [f"github:deployment:{her}", "pagerduty:incident:PMTRLAG17"], ["in_1Cerf0217"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, docs=[DOC_INVOICES])


ALL = [billing_cached_meter_doubled_pt, billing_subdomain_discount_stale, metadata_sdk_patch_de,
       webhook_our_timeout_slow_endpoint, webhook_customer_503_es, webhook_two_causes, latency_daily_cycle_ja,
       billing_no_fault_volume_fr]

if __name__ == "__main__":
    write_all(ALL)
