#!/usr/bin/env python3
"""Six library scenarios of rate limits, customers' own endpoints and documented behaviour, written
after the engine, in May (Europe and the US on summer time), in ticket shapes the rest of the
library has few of: a four-word ticket, a forwarded mail whose quoted older thread is about
something else (with its own date), relative times ("hace unos 40 minutos", "約2時間前") that only
the ticket's created_at places, English error text pasted into Spanish and Portuguese mail, and a
two-line French billing note. The data has a big org with a 2.5% background error rate, several
configs, keys and endpoints per org where only one is what fails, 14-24 routine deploys around a
tempting one, incidents on a provider's other product or model, and an unrelated tracker issue.

The causes: an org's batch job pushing one model over the org's token limit (429 again, like the
day before); an org limit refused before routing, so a fallback that lists 429 cannot fail over;
the same limit felt as slowness through the client's own retries; a webhook endpoint timing out
after the customer's own change; a customer's self-hosted model server answering 503 while the
hosted providers work; and a documented minimum commitment.

Every truth below is read from the data declared next to it (anomalies, configs, billing, docs,
deploys, incidents) and was written before any engine ran on these files. Run it to rewrite the
JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, hooks

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

DOC_MODEL_LIMITS = doc("docs/limits/rate-limits.md", "Rate limits",
                       "# Rate limits\n\nEach organisation has a tokens-per-minute (TPM) limit per model: growth "
                       "100k, scale 150k, enterprise as in the contract (the default is 400k per model). The limit "
                       "is enforced by the gateway before a request is routed: a request beyond it is answered 429 "
                       "with `error_code: rate_limited` and a `retry-after` header, and it is never sent to any "
                       "target, so no retry or fallback of your config applies to it (`retry.on_status_codes` and "
                       "fallbacks on 429 act on a provider's own 429). Batch jobs should be spread out or sent "
                       "through the batch API. Client SDKs retry 429 with backoff by default, which shows as "
                       "slower calls on your side.\n")


def api_errors_short_429_en():
    D, now = "2027-05-04", "2027-05-04T16:00:00Z"
    a = org("org_quarry", "Quarry Docs", "quarrydocs.com", "enterprise")
    b = org("org_rowan", "Rowan Health", "rowanhealth.org", "scale")
    c = org("org_sorrel", "Sorrel Games", "sorrel.gg", "growth")
    gh = github(CO, 17001, "2027-05-03T10:00:00Z", now, 22)
    her = gh.deploy(17040, at(D, "13:58"), "rate limiter: expose x-ratelimit-remaining-tokens header",
                    ["src/ratelimit/headers.ts", "src/ratelimit/headers.test.ts"])
    sp = Statuspage(now)
    nano = sp.incident("openai", "n4m6b8v0c2x4", "Increased latency on GPT-4.1 nano", at(D, "14:00"), at(D, "14:45"),
                       "Requests to GPT-4.1 nano are slower than usual.", impact="minor")
    lin = [linear_issue("GW-1710", "429 responses on /v1/embeddings lack the retry-after header",
                        "Rate-limited embeddings requests are answered without retry-after, so SDKs retry at once.",
                        "2027-04-28T10:00:00Z", labels=("bug", "ratelimit"))]
    # Quarry (enterprise, 400k TPM per model; a big org with a 2.5% background error rate on every
    # stream) runs a document-extraction batch on gpt-4.1-mini through pc-quarry-extract with big
    # prompts. Yesterday 14:05-15:05 and again today from 14:10 UTC the job sends 5x its usual
    # traffic; the org's gpt-4.1-mini tokens per minute then pass its limit and 45% of those
    # requests are refused 429 rate_limited by the gateway. Quarry's gpt-4o chat and Claude review
    # traffic, and Rowan's gpt-4.1-mini, are untouched. The header deploy of 13:58 changes no
    # decision (and yesterday's burst came before it).
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=1400, p95=3200, prompt=12000, completion=900,
                      error_rate=0.025, config_id="pc-quarry-extract", key="vk-quarry-batch",
                      sdk="portkey-python/1.10.2"),
               cycle(stream(a["id"], per_minute=16, p50=1000, p95=2400, error_rate=0.025, config_id="pc-quarry-chat",
                            key="vk-quarry-app", sdk="portkey-node/1.9.0"), 13, 22, 0.35),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1400, p95=3200,
                      error_rate=0.025, config_id="pc-quarry-review", key="vk-quarry-app", sdk="portkey-node/1.9.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=10, p50=900, p95=2100, config_id="pc-rowan-notes"),
               stream(c["id"], per_minute=8, config_id="pc-sorrel-npc")]
    job, limit = {"config_id": "pc-quarry-extract"}, {"org": a["id"], "model": "gpt-4.1-mini"}
    an = [volume("2027-05-03T14:05:00Z", "2027-05-03T15:05:00Z", job, 5.0),
          rate_limited("2027-05-03T14:05:00Z", "2027-05-03T15:05:00Z", limit, 0.45),
          volume(at(D, "14:10"), None, job, 5.0),
          rate_limited(at(D, "14:10"), None, limit, 0.45)]
    cfg = [one_target("pc-quarry-extract", a, "extract", "vk-quarry-openai", "gpt-4.1-mini", 30000),
           one_target("pc-quarry-chat", a, "chat", "vk-quarry-openai", "gpt-4o", 30000),
           one_target("pc-quarry-review", a, "review", "vk-quarry-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-rowan-notes", b, "notes", "vk-rowan-openai", "gpt-4.1-mini", 20000),
           one_target("pc-sorrel-npc", c, "npc", "vk-sorrel-openai", "gpt-4o", 30000)]
    t = [ticket(17001, a, "429s", "429s again. help", at(D, "14:52"), "Priya Raman", priority="urgent")]
    q = [question(17002, b, at(D, "13:00"), "HIPAA BAA",
                  "Hello, do you sign a BAA on the Scale plan? We process patient notes.", person="Owen Clarke")]
    return scenario("", "api-errors-model-limit-short-ticket",
                    "A four-word ticket ('429s again. help') from a big org with a 2.5% background error rate: "
                    "Quarry's extraction batch on gpt-4.1-mini (pc-quarry-extract) sends 5x its traffic from 14:10 "
                    "UTC, as it did yesterday 14:05-15:05, and 45% of it is refused 429 rate_limited (the org's "
                    "per-model TPM limit); its gpt-4o and Claude configs and Rowan's gpt-4.1-mini are untouched "
                    "(rate_limited). A rate-limit header deploy at 13:58, a GPT-4.1 nano latency incident and an "
                    "embeddings retry-after bug are bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2027-05-03T10:00:00Z", 17001, streams, an, t,
                    {17001: truth("api-errors", "rate_limited", ["config:pc-quarry-extract"],
                                  [f"github:deployment:{her}", nano, "linear:issue:GW-1710", "config:pc-quarry-chat",
                                   "config:pc-quarry-review"], ["429", "14:10", "gpt-4.1-mini"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_MODEL_LIMITS], questions=q)


def fallback_org_limit_es():
    D, now = "2027-05-06", "2027-05-06T20:00:00Z"
    a = org("org_tejo", "Tejo Viajes", "tejoviajes.es", "scale")
    b = org("org_umbria", "Umbria Legal", "umbrialegal.it", "growth")
    c = org("org_vega", "Vega Retail", "vegaretail.com", "enterprise")
    gh = github(CO, 17101, "2027-05-05T12:00:00Z", now, 18)
    her = gh.deploy(17140, at(D, "16:55"), "router: evaluate fallback targets in config order after retries",
                    ["src/router/fallback.ts", "src/router/retry.ts"])
    sp = Statuspage(now)
    gpt = sp.incident("openai", "c7x9z1a3s5d7", "ChatGPT conversations failing to load", at(D, "17:00"),
                      at(D, "17:50"), "Some users cannot load ChatGPT conversations.", component="ChatGPT")
    lin = [linear_issue("GW-1720", "Fallback skipped when a target sets retry.attempts to 0",
                        "A fallback config whose first target has `retry.attempts: 0` returns the first failure "
                        "instead of trying the next target.", "2027-04-30T10:00:00Z", labels=("bug", "router"))]
    # Tejo (scale: 150k TPM per model) has a booking agent on pc-tejo-agente (gpt-4o first, Claude
    # Sonnet on 429/500/502/503/504, retry attempts 2) and a summaries job on pc-tejo-resumenes (also
    # gpt-4o). From 17:20 UTC the summaries job sends 6x its traffic; the org's gpt-4o tokens pass
    # its limit and the gateway refuses 40% of the org's gpt-4o requests, the agent's too, 429
    # rate_limited before routing (attempts 0): no target is tried, so nothing fails over, as the
    # limits doc says. Vega's Claude->gpt-4o fallback config fails over on Anthropic's 529s at
    # 18:00-18:40, after the router deploy of 16:55: failover works.
    streams = [stream(a["id"], per_minute=14, p50=1100, p95=2600, config_id="pc-tejo-agente", key="vk-tejo-agente",
                      sdk="portkey-python/1.10.2"),
               stream(a["id"], per_minute=4, p50=1600, p95=3500, prompt=6000, completion=600,
                      config_id="pc-tejo-resumenes", key="vk-tejo-batch", sdk="portkey-python/1.10.2"),
               stream(b["id"], per_minute=8, config_id="pc-umbria-atti"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-vega-soporte")]
    an = [volume(at(D, "17:20"), at(D, "19:10"), {"config_id": "pc-tejo-resumenes"}, 6.0),
          rate_limited(at(D, "17:20"), at(D, "19:10"), {"org": a["id"]}, 0.4),
          errors(at(D, "18:00"), at(D, "18:40"), {"config_id": "pc-vega-soporte"}, 0.3, 529, "provider_overloaded",
                 {"provider": "openai", "model": "gpt-4o"})]
    cfg = [config("pc-tejo-agente", a["id"], "agente",
                  [target("vk-tejo-openai", "gpt-4o", 20000, [429, 500, 502, 503, 504]),
                   target("vk-tejo-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback",
                  updated="2027-03-18T09:00:00Z"),
           one_target("pc-tejo-resumenes", a, "resumenes", "vk-tejo-openai", "gpt-4o", 60000),
           one_target("pc-umbria-atti", b, "atti", "vk-umbria-openai", "gpt-4o", 30000),
           config("pc-vega-soporte", c["id"], "soporte",
                  [target("vk-vega-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 503, 529]),
                   target("vk-vega-openai", "gpt-4o", 30000)], mode="fallback", updated="2027-02-10T09:00:00Z")]
    t = [ticket(17101, a, "El fallback a Claude no salta",
                "Hola equipo:\n\ndesde hace unos 40 minutos nuestro agente de reservas (config pc-tejo-agente) "
                "devuelve errores a los clientes y el fallback a Claude NO se activa, aunque tenemos el 429 en "
                "on_status_codes justamente para esto. Lo que vemos en nuestros logs:\n\n"
                "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for "
                "gpt-4o: tokens per minute exceeded. Please retry after 20s.', 'type': 'rate_limited', "
                "'code': 'rate_limited'}}\n\n"
                "Hemos visto en vuestro changelog que hoy habéis cambiado el orden de evaluación de los "
                "fallbacks... ¿puede ser eso? Necesitamos que el fallback funcione, es nuestro canal de "
                "ventas.\n\nUn saludo,\nÁlvaro Medina\nCTO · Tejo Viajes", at(D, "18:05"), "Álvaro Medina",
                priority="high")]
    return scenario("", "fallback-org-limit-before-routing-spanish",
                    "Spanish ticket with English error text and a relative time ('hace unos 40 minutos', created "
                    "18:05 UTC): Tejo's summaries job (pc-tejo-resumenes) sends 6x its traffic from 17:20 UTC, the "
                    "org passes its gpt-4o TPM limit and the gateway refuses 40% of the org's requests 429 "
                    "rate_limited before routing, the fallback agent's too; the docs say such a request is never "
                    "sent to a target, so pc-tejo-agente (429 listed) cannot fail over (rate_limited). Vega's "
                    "fallback config fails over on Anthropic 529s after the router deploy of 16:55, which, a "
                    "ChatGPT incident and a retry.attempts-0 fallback bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2027-05-05T14:00:00Z", 17101, streams, an, t,
                    {17101: truth("fallback", "rate_limited", ["config:pc-tejo-resumenes"],
                                  [f"github:deployment:{her}", gpt, "linear:issue:GW-1720", "config:pc-vega-soporte"],
                                  ["429", "17:20"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_MODEL_LIMITS, DOC_FALLBACKS])


def webhook_forwarded_timeouts_de():
    D, now = "2027-05-11", "2027-05-11T12:00:00Z"
    a = org("org_wiesel", "Wiesel Versand", "wiesel-versand.de", "scale")
    b = org("org_xanthe", "Xanthe Studio", "xanthe.studio", "growth")
    c = org("org_yarrow", "Yarrow Insurance", "yarrowinsurance.com", "enterprise")
    gh = github(CO, 17201, "2027-05-10T08:00:00Z", now, 16)
    her = gh.deploy(17240, at(D, "06:50"), "webhooks: move delivery to the new worker pool",
                    ["src/webhooks/worker-pool.ts", "src/webhooks/deliver.ts"])
    lin = [linear_issue("GW-1740", "Webhook retries are sent without the signature timestamp",
                        "Retried deliveries carry x-relay-signature but not x-relay-timestamp.",
                        "2027-05-03T10:00:00Z", labels=("bug", "webhooks"))]
    pd = [pd_incident("PWHLAG510", 8510, "Webhook queue lag above 5 minutes", "2027-05-10T19:10:00Z",
                      "2027-05-10T19:35:00Z", "Webhook delivery")]
    streams = [stream(a["id"], per_minute=12, config_id="pc-wiesel-sendungen"), stream(b["id"], per_minute=8),
               stream(c["id"], per_minute=14, error_rate=0.02)]
    # Wiesel has two endpoints. From 07:20 UTC its v2 receiver does not answer within our limit on
    # 85% of deliveries (timeout), after the customer's own move of that receiver; its alerts
    # endpoint, Xanthe's and Yarrow's endpoints keep answering 200 before and after the worker-pool
    # deploy of 06:50, which touched no timeout.
    ep = "https://hooks.wiesel-versand.de/relay/v2"
    wh = hooks((a["id"], ep, ["request.completed"], 6, 180),
               (a["id"], "https://monitoring.wiesel-versand.de/relay-alerts", ["request.failed", "budget.exceeded"], 1,
                150),
               (b["id"], "https://xanthe.studio/hooks/relay", ["request.completed"], 3, 120),
               (c["id"], "https://events.yarrowinsurance.com/relay", ["request.completed", "request.failed"], 8, 220),
               anomalies=[{"kind": "failures", "from": at(D, "07:20"), "to": None, "match": {"endpoint": ep},
                           "rate": 0.85, "status": 0, "error": "timeout"}])
    cfg = [one_target("pc-wiesel-sendungen", a, "sendungen", "vk-wiesel-openai", "gpt-4o", 30000)]
    t = [ticket(17201, a, "WG: AW: Rechnungsadresse ändern",
                "Hallo Relay-Support,\n\nich leite euch das mal weiter, der alte Verlauf unten ist nur zur Info. "
                "Seit heute Morgen, etwa 9:20 Uhr, kommen bei uns kaum noch request.completed-Webhooks an; im "
                "Dashboard steht bei fast jeder Zustellung \"timeout\". Laut eurem Changelog habt ihr heute früh "
                "die Webhook-Zustellung auf neue Worker umgestellt – hängt das damit zusammen? Unsere "
                "Alert-Webhooks kommen übrigens normal an.\n\nGruß\nTobias Brandt\nTeamleitung Integration\n\n"
                "---------- Weitergeleitete Nachricht ----------\nVon: Lena Schmidt <lena@wiesel-versand.de>\n"
                "Gesendet: Dienstag, 27. April 2027 14:12\nAn: support@relay.ai\nBetreff: AW: "
                "Rechnungsadresse ändern\n\nHallo, danke, die neue Rechnungsadresse passt so. Ab der "
                "Mai-Rechnung bitte an die Buchhaltung in Leipzig.\n\n> Am 26.04.2027 um 16:40 schrieb Relay "
                "Support:\n> Wir haben die Adresse aktualisiert.", at(D, "08:35"), "Tobias Brandt")]
    return scenario("", "webhook-failures-endpoint-timeouts-forwarded-german",
                    "German forwarded mail under a stale invoice-address subject whose quoted thread carries dates "
                    "of April: from 07:20 UTC (09:20 CEST) Wiesel's v2 receiver times out on 85% of deliveries; "
                    "its alerts endpoint and the other orgs' endpoints answer 200 (customer_endpoint). Our "
                    "worker-pool deploy at 06:50, a retry-signature bug and a queue-lag page the evening before are "
                    "bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], "2027-05-10T08:00:00Z", 17201, streams, [], t,
                    {17201: truth("webhook-failures", "customer_endpoint", [f"endpoint:{ep}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-1740", "pagerduty:incident:PWHLAG510",
                                   "endpoint:https://monitoring.wiesel-versand.de/relay-alerts"],
                                  ["07:20", "hooks.wiesel-versand.de"])},
                    github=gh, webhooks=wh, linear=lin, pagerduty=pd, configs=cfg, docs=[DOC_WEBHOOKS])


DOC_CUSTOM_HOST = doc("docs/providers/custom-host.md", "Your own model server (custom_host)",
                      "# Your own model server (custom_host)\n\nA target with `custom_host` sends its requests to "
                      "your server instead of the provider's API (for example a vLLM or TGI server that speaks the "
                      "OpenAI format; set `provider: openai`). The request logs show the provider of the format. "
                      "The gateway passes your server's answer through: a 5xx, a refused connection or a timeout "
                      "there is an error of your server, not of the provider, and it does not affect the hosted "
                      "models.\n")


def routing_self_hosted_ja():
    D, now = "2027-05-13", "2027-05-13T09:00:00Z"
    a = org("org_keyaki", "Keyaki Shoken", "keyaki-shoken.co.jp", "enterprise")
    b = org("org_lotus", "Lotus Analytics", "lotusanalytics.io", "scale")
    c = org("org_mapleleaf", "Mapleleaf Tutoring", "mapleleaf.academy", "growth")
    gh = github(CO, 17301, "2027-05-12T06:00:00Z", now, 20)
    her = gh.deploy(17340, at(D, "03:22"), "openai adapter: forward stream_options.include_usage",
                    ["src/providers/openai/request.ts", "src/providers/openai/stream.ts"])
    sp = Statuspage(now)
    rt = sp.incident("openai", "r8t0y2u4i6o8", "Realtime API sessions failing to connect", at(D, "03:15"),
                     at(D, "04:30"), "Some Realtime API sessions fail to connect.", component="Realtime API")
    lin = [linear_issue("GW-1730", "Anthropic adapter: cache_control dropped on system blocks",
                        "System prompt blocks lose their cache_control marker.", "2027-05-05T10:00:00Z",
                        labels=("bug", "provider:anthropic"))]
    # Keyaki runs Llama 3.3 on its own vLLM server behind pc-keyaki-onprem (provider openai with a
    # custom_host on its own domain). From 03:35 UTC that server answers 503 to 90% of requests; the
    # hosted gpt-4o (pc-keyaki-chat) and Claude (pc-keyaki-claude) configs, and every other org's
    # OpenAI traffic, are fine before and after the OpenAI adapter deploy of 03:22.
    host = "https://llm.keyaki-shoken.co.jp/v1"
    streams = [stream(a["id"], model="llama-3.3-70b-instruct", per_minute=10, p50=1800, p95=4200,
                      config_id="pc-keyaki-onprem", key="vk-keyaki-onprem", sdk="portkey-python/1.10.2"),
               stream(a["id"], per_minute=12, config_id="pc-keyaki-chat", key="vk-keyaki-app",
                      sdk="portkey-python/1.10.2"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-keyaki-claude", key="vk-keyaki-app", sdk="portkey-python/1.10.2"),
               stream(b["id"], per_minute=12, config_id="pc-lotus-reports"),
               stream(c["id"], model="gpt-4o-mini", per_minute=8, p50=600, p95=1500, config_id="pc-mapleleaf-tutor")]
    an = [errors(at(D, "03:35"), None, {"config_id": "pc-keyaki-onprem"}, 0.9, 503, "provider_unavailable")]
    onprem = {"provider": "openai", "custom_host": host, "override_params": {"model": "llama-3.3-70b-instruct"},
              "request_timeout": 60000}
    cfg = [config("pc-keyaki-onprem", a["id"], "onprem-llama", [onprem], updated="2027-03-02T01:00:00Z"),
           one_target("pc-keyaki-chat", a, "chat", "vk-keyaki-openai", "gpt-4o", 30000),
           one_target("pc-keyaki-claude", a, "claude", "vk-keyaki-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-lotus-reports", b, "reports", "vk-lotus-openai", "gpt-4o", 30000),
           one_target("pc-mapleleaf-tutor", c, "tutor", "vk-mapleleaf-openai", "gpt-4o-mini", 20000)]
    t = [ticket(17301, a, "社内Llamaへのルーティングでエラーが発生しています",
                "お世話になっております。欅証券 システム部の森です。\n\n約2時間前から、社内の Llama モデル"
                "（pc-keyaki-onprem）経由のリクエストがほとんど失敗しています。同じアカウントの GPT-4o と "
                "Claude は問題なく動いています。\n\nエラー内容：\n"
                "HTTP 503 {\"error\": {\"message\": \"upstream returned 503 Service Unavailable\", "
                "\"code\": \"provider_unavailable\"}}\n"
                "x-portkey-request-id: 7f3c9a1e-52b4-4d0e-9c2a-0b6e1d8f4a21\n\n"
                "本日、御社で OpenAI 互換アダプタの更新があったと伺いましたが、その影響でしょうか。"
                "至急ご確認をお願いいたします。\n\n森 拓也\n欅証券株式会社 システム部", at(D, "05:40"),
                "Takuya Mori", priority="high")]
    return scenario("", "provider-routing-self-hosted-endpoint-japanese",
                    "Japanese ticket saying only '約2時間前から' (created 05:40 UTC) and quoting a request id: "
                    "Keyaki's own vLLM server behind pc-keyaki-onprem (provider openai with a custom_host on "
                    "llm.keyaki-shoken.co.jp) answers 503 to 90% of requests from 03:35 UTC; its hosted gpt-4o and "
                    "Claude configs and every other org's OpenAI traffic are fine (customer_endpoint). An OpenAI "
                    "adapter deploy at 03:22, a Realtime API incident at the same minutes and an Anthropic adapter "
                    "bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2027-05-12T06:00:00Z", 17301, streams, an, t,
                    {17301: truth("provider-routing", "customer_endpoint", ["config:pc-keyaki-onprem"],
                                  [f"github:deployment:{her}", rt, "linear:issue:GW-1730", "config:pc-keyaki-chat",
                                   "config:pc-keyaki-claude"], ["503", "03:35", "llm.keyaki-shoken.co.jp"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_CUSTOM_HOST, DOC_FALLBACKS])


def latency_client_retries_pt():
    D, now = "2027-05-18", "2027-05-18T21:00:00Z"
    a = org("org_ipe", "Ipê Pagamentos", "ipepagamentos.com.br", "scale")
    b = org("org_jatoba", "Jatobá Varejo", "jatobavarejo.com.br", "enterprise")
    c = org("org_kiwi", "Kiwi Bikes", "kiwibikes.nz", "growth")
    gh = github(CO, 17401, "2027-05-17T14:00:00Z", now, 24)
    her = gh.deploy(17440, at(D, "16:48"), "http: HTTP/2 keep-alive pings to upstream providers",
                    ["src/http/upstream.ts", "src/http/keepalive.ts"])
    sp = Statuspage(now)
    nano = sp.incident("openai", "k1l3z5x7c9v1", "Increased latency on GPT-4.1 nano", at(D, "16:50"), at(D, "18:10"),
                       "Requests to GPT-4.1 nano are slower than usual.", impact="minor")
    lin = [linear_issue("GW-1750", "Latency chart p95 includes requests refused by the rate limiter",
                        "The org latency chart counts 429 responses (a few ms) in its percentiles.",
                        "2027-05-10T10:00:00Z", labels=("bug", "dashboard"))]
    # Ipê (scale: 150k TPM per model) serves its payment assistant on pc-ipe-atendimento (gpt-4.1)
    # and runs a reconciliation job on pc-ipe-conciliacao (gpt-4.1, big prompts). From 17:00 UTC
    # (14:00 in Brasília) the job sends 6x its traffic; the org's gpt-4.1 tokens pass its limit and
    # 40% of the org's gpt-4.1 requests are refused 429 rate_limited until 19:30. The requests that
    # are served are as fast as before (provider and gateway time flat): the slowness the customer
    # measures is its SDK retrying the 429s with backoff. Jatobá is a big org with a 3% background
    # error rate and an office-hours cycle; Kiwi's gpt-4.1-nano is another model.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=14, p50=1200, p95=2800, config_id="pc-ipe-atendimento",
                      key="vk-ipe-app", sdk="openai-python/1.82.0"),
               stream(a["id"], model="gpt-4.1", per_minute=4, p50=2200, p95=4800, prompt=6000, completion=600,
                      config_id="pc-ipe-conciliacao", key="vk-ipe-batch", sdk="openai-python/1.82.0"),
               cycle(stream(b["id"], per_minute=16, p50=1000, p95=2400, error_rate=0.03,
                            config_id="pc-jatoba-loja"), 12, 23, 0.3),
               stream(c["id"], model="gpt-4.1-nano", per_minute=8, p50=400, p95=900, config_id="pc-kiwi-fit")]
    an = [volume(at(D, "17:00"), at(D, "19:30"), {"config_id": "pc-ipe-conciliacao"}, 6.0),
          rate_limited(at(D, "17:00"), at(D, "19:30"), {"org": a["id"], "model": "gpt-4.1"}, 0.4),
          latency(at(D, "16:55"), at(D, "18:05"), {"model": "gpt-4.1-nano"}, 2.2)]
    cfg = [one_target("pc-ipe-atendimento", a, "atendimento", "vk-ipe-openai", "gpt-4.1", 30000),
           one_target("pc-ipe-conciliacao", a, "conciliacao", "vk-ipe-openai", "gpt-4.1", 60000),
           one_target("pc-jatoba-loja", b, "loja", "vk-jatoba-openai", "gpt-4o", 30000),
           one_target("pc-kiwi-fit", c, "fit", "vk-kiwi-openai", "gpt-4.1-nano", 20000)]
    t = [ticket(17401, a, "API muito lenta desde as 14h",
                "Boa tarde,\n\ndesde as 14h (horário de Brasília) o nosso assistente de pagamentos ficou muito "
                "lento: chamadas que levavam 1-2 s agora levam 20, 30, às vezes 40 segundos. Usamos o SDK da "
                "OpenAI apontando para vocês, com max_retries=5. No log só aparecem uns avisos, que achamos "
                "normais:\n\n"
                "2027-05-18 14:07:31 -03:00 INFO openai._base_client: Retrying request to /chat/completions in "
                "8.000000 seconds\n"
                "2027-05-18 14:07:40 -03:00 INFO openai._base_client: Retrying request to /chat/completions in "
                "16.000000 seconds\n\n"
                "Vi que vocês mudaram algo nas conexões HTTP/2 hoje à tarde. Podem verificar? Os nossos clientes "
                "estão reclamando.\n\nAtenciosamente,\nMariana Couto\nEngenharia · Ipê Pagamentos",
                at(D, "18:20"), "Mariana Couto", priority="high")]
    return scenario("", "latency-spike-client-retries-rate-limited-portuguese",
                    "Brazilian Portuguese ticket (Brasília time) about slowness, with pasted English SDK retry lines "
                    "and a wrong guess (our HTTP/2 keep-alive deploy at 16:48): Ipê's reconciliation job "
                    "(pc-ipe-conciliacao) sends 6x its traffic from 17:00 UTC and 40% of the org's gpt-4.1 requests "
                    "are refused 429 rate_limited until 19:30; served requests are as fast as before, the client "
                    "retries make the calls slow (rate_limited). A GPT-4.1 nano latency incident (Kiwi's model), a "
                    "dashboard bug and the deploy are bystanders among 24 routine deploys; Jatobá is a big org with "
                    "a 3% background error rate.",
                    now, CO, [a, b, c], "2027-05-17T15:00:00Z", 17401, streams, an, t,
                    {17401: truth("latency-spike", "rate_limited", ["config:pc-ipe-conciliacao"],
                                  [f"github:deployment:{her}", nano, "linear:issue:GW-1750"], ["429", "17:00"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_MODEL_LIMITS])


DOC_COMMITMENT = doc("docs/billing/commitments.md", "Minimum usage commitment",
                     "# Minimum usage commitment\n\nGrowth-plan subscriptions come with a usage commitment: every "
                     "invoice bills a minimum of 5,000,000 tokens. When an invoice period's metered usage "
                     "(prompt and completion tokens) is lower, the token line shows 5,000,000 tokens; usage above "
                     "the commitment is billed as metered. Seats are billed on their own line.\n")


def billing_commitment_fr_short():
    D, now = "2027-05-20", "2027-05-21T06:00:00Z"
    a = org("org_loutre", "Loutre & Fils", "loutre-fils.fr", "growth")
    b = org("org_merle", "Merle Santé", "merle-sante.fr", "scale")
    gh = github(CO, 17501, "2027-05-19T18:00:00Z", now, 14)
    her = gh.deploy(17540, at(D, "10:30"), "metering: batch meter events per minute",
                    ["src/billing/meter-events.ts", "src/billing/flush.ts"])
    pd = [pd_incident("PMTRDUP520", 8520, "Meter events submitted twice for some orgs (suspected)", at(D, "13:10"),
                      at(D, "13:45"), "Billing meters")]
    lin = [linear_issue("GW-1760", "Usage page shows yesterday's totals in the browser's time zone",
                        "The usage page groups days by local time while invoices use UTC days.",
                        "2027-05-12T10:00:00Z", labels=("bug", "dashboard"))]
    # Loutre (growth: a documented commitment of 5,000,000 tokens per invoice) used about 2 M
    # tokens on May 20 (UTC); invoice in_1Loutre0520 bills 5,000,000 tokens as the docs say, plus
    # its seats. No meter fault anywhere: the on-call page was a false alarm and the meter deploy
    # changed batching only. The Stripe customer has no org_id metadata (found by the e-mail
    # domain), beside an older customer of the same name on another domain.
    streams = [stream(a["id"], per_minute=1.2, prompt=1100, completion=300, config_id="pc-loutre-devis"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      prompt=1800, completion=350, config_id="pc-merle-dossiers")]
    cfg = [one_target("pc-loutre-devis", a, "devis", "vk-loutre-openai", "gpt-4o", 30000),
           one_target("pc-merle-dossiers", b, "dossiers", "vk-merle-anthropic", "claude-sonnet-4-6", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "minimum_quantity": 5000000,
            "invoices": [{"id": "in_1Loutre0520", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2027-05-21T00:00:00Z",
                          "extra_lines": [{"description": "Sièges (3 × 20,00 $)", "nickname": "Seats",
                                           "quantity": 3, "unit_amount": 2000}]}]}
    cust_a = customer(a, email_user="compta", with_org_id=False)
    old = dict(customer(a, email_user="contact", with_org_id=False), id="cus_" + hexid("loutre-old", 10),
               email="contact@loutre-et-fils.com", created=1609459200)
    cust = [cust_a, old, customer(b)]
    t = [ticket(17501, a, "facture",
                "Bonjour, la facture in_1Loutre0520 compte 5 000 000 tokens pour hier alors qu'on en a utilisé "
                "à peine 2 millions. Erreur de votre côté ? Merci.\nClaire", "2027-05-21T05:40:00Z",
                "Claire Dubois")]
    return scenario("", "token-billing-commitment-french-short",
                    "A two-line French ticket about yesterday's invoice: Loutre is on the growth plan, whose "
                    "documented commitment bills at least 5,000,000 tokens per invoice; it used about 2 M tokens on "
                    "May 20, so in_1Loutre0520 bills 5,000,000 plus its seats as the docs say (expected_behavior). "
                    "The Stripe customer has no org_id metadata (e-mail domain) beside an older one of the same "
                    "name. A meter-batching deploy, a suspected double-submit page that was a false alarm and a "
                    "usage-page bug are bystanders among 14 routine deploys.",
                    now, CO, [a, b], "2027-05-20T00:00:00Z", 17501, streams, [], t,
                    {17501: truth("token-billing", "expected_behavior",
                                  ["stripe:invoice:in_1Loutre0520", "docs:docs/billing/commitments.md"],
                                  [f"github:deployment:{her}", "pagerduty:incident:PMTRDUP520", "linear:issue:GW-1760"],
                                  ["minimum", "in_1Loutre0520"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, linear=lin, stripe_customers=cust,
                    docs=[DOC_COMMITMENT, DOC_INVOICES])


ALL = [api_errors_short_429_en, fallback_org_limit_es, webhook_forwarded_timeouts_de, routing_self_hosted_ja,
       latency_client_retries_pt, billing_commitment_fr_short]

if __name__ == "__main__":
    write_all(ALL)
