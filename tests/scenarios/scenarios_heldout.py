#!/usr/bin/env python3
"""The held-out scenarios (heldout/): scored by tst_heldout, never used to tune the engine.
Same building blocks and the same rule as the library: each truth is read from the data."""
from compose import *  # noqa: F401,F403

CO = {"name": "Switchyard", "github_repo": "switchyard/gateway"}
F = "heldout"


def h_outage_ja():
    D, now = "2027-01-05", "2027-01-05T10:00:00Z"
    a = org("org_kaze", "Kaze Logistics", "kaze-logi.jp", "enterprise")
    b = org("org_lupin", "Lupin Pharma", "lupinpharma.com", "scale")
    gh = github(CO, 301, "2027-01-04T06:00:00Z", now, 12)
    near = gh.deploy(320, at(D, "03:30"), "openai adapter: retry header parsing", ["src/providers/openai/retry.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "j1k2l3z4x5c6", "Elevated errors on GPT-4o mini", at(D, "04:10"), at(D, "05:25"),
                      "gpt-4o-mini requests fail with 503 at an elevated rate.")
    other = sp.incident("openai", "n7m8q9w0e1r2", "Realtime API connection drops", at(D, "04:00"), at(D, "06:00"),
                        "Realtime API sessions disconnect.", component="Realtime API")
    streams = [stream(a["id"], model="gpt-4o-mini", per_minute=24, p50=500, p95=1200, config_id="pc-kaze-route"),
               stream(b["id"], model="gpt-4o", per_minute=14, config_id="pc-lupin-lab")]
    an = [errors(at(D, "04:10"), at(D, "05:25"), {"model": "gpt-4o-mini"}, 0.45, 503, "provider_unavailable")]
    cfg = [one_target("pc-kaze-route", a, "route", "vk-kaze-openai", "gpt-4o-mini", 20000),
           one_target("pc-lupin-lab", b, "lab", "vk-lupin-openai", "gpt-4o", 30000)]
    t = [ticket(901, a, "APIエラー（503）が多発しています",
                "本日13時10分（JST）頃から、配送ルート提案のAPI呼び出しで503エラーが大量に発生しました。"
                "14時半頃には落ち着いたようですが、原因を教えてください。再発防止策も知りたいです。",
                at(D, "06:30"), "Ren Kobayashi")]
    return scenario(F, "heldout-api-errors-outage-japanese",
                    "Japanese ticket, JST times: gpt-4o-mini 503 for 45% of requests 04:10-05:25 UTC, OpenAI incident "
                    "on gpt-4o-mini; a Realtime API incident and an OpenAI-adapter deploy at 03:30 are bystanders.",
                    now, CO, [a, b], "2027-01-04T06:00:00Z", 901, streams, an, t,
                    {901: truth("api-errors", "provider_outage", [inc], [other, f"github:deployment:{near}"],
                                ["503", "04:10"])},
                    github=gh, statuspage=sp, configs=cfg)


def h_latency_question_no_fault():
    D, now = "2027-01-06", "2027-01-06T18:00:00Z"
    a = org("org_mesa", "Mesa Realty", "mesarealty.com", "scale")
    b = org("org_nile", "Nile Courier", "nilecourier.eg", "growth")
    gh = github(CO, 401, "2027-01-05T14:00:00Z", now, 14)
    sus = gh.deploy(420, at(D, "15:58"), "router: faster config cache", ["src/router/config-cache.ts"])
    sp = Statuspage(now)
    herring = sp.incident("anthropic", "t4y5u6i7o8p9", "Increased latency on Claude Opus 4.1", at(D, "15:30"),
                          at(D, "16:45"), "Opus 4.1 responses are slower.", impact="minor")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=26, p50=1400, p95=3600,
                      error_rate=0.02, config_id="pc-mesa-listings"),
               stream(b["id"], per_minute=14, config_id="pc-nile-eta")]
    cfg = [config("pc-mesa-listings", a["id"], "listings",
                  [target("vk-mesa-anthropic", "claude-sonnet-4-6", 30000)]),
           one_target("pc-nile-eta", b, "eta", "vk-nile-openai", "gpt-4o", 30000)]
    t = [ticket(902, a, "is Claude slower today?",
                "Is Claude slower than usual this afternoon? A colleague says listings descriptions take longer since "
                "about 4pm UTC. I also noticed there's an Anthropic incident and you deployed something.",
                at(D, "17:10"), "Gabriel Reyes")]
    return scenario(F, "heldout-latency-question-no-fault",
                    "Question form with tempting red herrings: Mesa's Sonnet latency is flat all day (its usual 2% "
                    "errors too); the Opus incident is another model; the config-cache deploy at 15:58 changed nothing.",
                    now, CO, [a, b], "2027-01-05T14:00:00Z", 902, streams, [], t,
                    {902: truth("latency-spike", "no_fault_found", [], [herring, f"github:deployment:{sus}"], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg)


def h_webhook_tls_de():
    D, now = "2027-01-07", "2027-01-07T12:00:00Z"
    a = org("org_oder", "Oder Werke", "oderwerke.de", "enterprise")
    b = org("org_pike", "Pike Finance", "pikefinance.com", "scale")
    gh = github(CO, 501, "2027-01-06T08:00:00Z", now, 10)
    her = gh.deploy(520, at(D, "05:10"), "webhooks: HTTP/2 client for deliveries", ["src/webhooks/client.ts"])
    streams = [stream(a["id"], per_minute=12), stream(b["id"], per_minute=12)]
    wh = {"streams": [{"org": a["id"], "endpoint": "https://events.oderwerke.de/relay", "events": ["request.completed"],
                       "per_minute": 4, "latency_ms": 140},
                      {"org": b["id"], "endpoint": "https://pikefinance.com/api/relay-hook",
                       "events": ["request.completed"], "per_minute": 4, "latency_ms": 120}],
          "anomalies": [{"kind": "failures", "from": at(D, "00:00"), "to": None,
                         "match": {"endpoint": "https://events.oderwerke.de/relay"}, "rate": 1.0, "status": 0,
                         "error": "tls_error"}]}
    t = [ticket(903, a, "Webhooks kommen nicht mehr an",
                "Hallo Support,\n\nseit heute früh erhalten wir keine Webhooks mehr. Ihr habt heute Morgen doch "
                "etwas an den Webhooks geändert, oder? Bitte prüft das.\n\nDanke\nMaximilian", at(D, "09:00"),
                "Maximilian Koch")]
    return scenario(F, "heldout-webhook-tls-german",
                    "German ticket: Oder's endpoint certificate fails validation from 00:00 (tls_error on every "
                    "attempt); Pike's deliveries succeed, also after the HTTP/2 deploy at 05:10 the customer blames.",
                    now, CO, [a, b], "2027-01-06T08:00:00Z", 903, streams, [], t,
                    {903: truth("webhook-failures", "customer_endpoint", ["endpoint:https://events.oderwerke.de/relay"],
                                [f"github:deployment:{her}"], ["TLS", "00:00"])},
                    github=gh, webhooks=wh, docs=[DOC_WEBHOOKS])


def h_routing_config_pt():
    now = "2026-11-20T13:00:00Z"
    a = org("org_quinta", "Quinta Seguros", "quintaseguros.pt", "scale")
    b = org("org_raven", "Raven Ops", "ravenops.io", "growth")
    gh = github(CO, 601, "2026-11-19T08:00:00Z", now, 12)
    near = gh.deploy(620, "2026-11-19T16:30:00Z", "anthropic adapter: beta headers", ["src/providers/anthropic/headers.ts"])
    streams = [stream(a["id"], provider="anthropic", model="claude-3-5-sonnet-20241022", per_minute=12, p50=1300,
                      p95=3000, config_id="pc-quinta-sinistros"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1200, p95=2800,
                      config_id="pc-quinta-chat"),
               stream(b["id"], per_minute=14, config_id="pc-raven-ops")]
    an = [errors("2026-11-19T17:00:00Z", None, {"config_id": "pc-quinta-sinistros"}, 1.0, 404, "model_not_found")]
    cfg = [config("pc-quinta-sinistros", a["id"], "sinistros",
                  [target("vk-quinta-anthropic", "claude-3-5-sonnet-20241022", 30000)], updated="2025-01-10T09:00:00Z"),
           one_target("pc-quinta-chat", a, "chat", "vk-quinta-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-raven-ops", b, "ops", "vk-raven-openai", "gpt-4o", 30000)]
    t = [ticket(904, a, "Claude deixou de responder nos sinistros",
                "Olá, desde ontem ao fim da tarde todas as chamadas do nosso fluxo de sinistros ao Claude dão erro "
                "404. O chat, também com Claude, funciona. O GPT também. O que mudou?", "2026-11-20T09:00:00Z",
                "Inês Almeida")]
    return scenario(F, "heldout-routing-retired-model-portuguese",
                    "Portuguese ticket: pc-quinta-sinistros pins claude-3-5-sonnet-20241022, retired 2026-11-19 17:00 "
                    "(404 model_not_found); pc-quinta-chat on claude-sonnet-4-6 works. An Anthropic beta-header deploy "
                    "at 16:30 is a bystander (other orgs and configs fine).",
                    now, CO, [a, b], "2026-11-19T08:00:00Z", 904, streams, an, t,
                    {904: truth("provider-routing", "customer_config", ["config:pc-quinta-sinistros"],
                                ["config:pc-quinta-chat", f"github:deployment:{near}"], ["404", "17:00"])},
                    github=gh, configs=cfg, docs=[DOC_MODELS])


def h_fallback_noisy_es():
    D, now = "2027-01-08", "2027-01-08T16:00:00Z"
    a = org("org_sierra", "Sierra Bancos", "sierrabancos.cl", "enterprise")
    b = org("org_tulip", "Tulip Homes", "tuliphomes.nl", "scale")
    gh = github(CO, 701, "2027-01-07T12:00:00Z", now, 15)
    sp = Statuspage(now)
    inc = sp.incident("openai", "u1i2o3p4a5s6", "GPT-4o requests hanging", at(D, "12:40"), at(D, "13:50"),
                      "Some GPT-4o requests hang until they time out.")
    streams = [stream(a["id"], per_minute=30, error_rate=0.03, config_id="pc-sierra-cajero", p50=850, p95=2100),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=15, error_rate=0.025,
                      p50=90, p95=200, prompt=400, completion=0),
               stream(b["id"], per_minute=14, config_id="pc-tulip-agent")]
    an = [timeouts(at(D, "12:40"), at(D, "13:50"), {"config_id": "pc-sierra-cajero"}, 0.25, 60000),
          timeouts(at(D, "12:40"), at(D, "13:50"), {"config_id": "pc-tulip-agent"}, 0.25, 15000,
                   {"provider": "anthropic", "model": "claude-sonnet-4-6"})]
    cfg = [config("pc-sierra-cajero", a["id"], "cajero",
                  [target("vk-sierra-openai", "gpt-4o", None, [429, 500, 502, 503]),
                   target("vk-sierra-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback"),
           config("pc-tulip-agent", b["id"], "agent",
                  [target("vk-tulip-openai", "gpt-4o", 15000, [408, 429, 500, 503]),
                   target("vk-tulip-anthropic", "claude-sonnet-4-6", 15000)], mode="fallback")]
    t = [ticket(905, a, "No funciona el respaldo cuando OpenAI tarda",
                "Buenas tardes. Entre las 9:40 y las 10:50 (hora de Santiago) muchas respuestas de nuestro asistente "
                "tardaron un minuto y fallaron por timeout. Tenemos Claude como respaldo, ¿por qué no se usó?",
                at(D, "14:30"), "Valentina Rojas")]
    return scenario(F, "heldout-fallback-noisy-org-spanish",
                    "Spanish ticket, Santiago time: Sierra is a big org with 3% background errors; pc-sierra-cajero "
                    "has no request_timeout on gpt-4o, so during OpenAI's hang 12:40-13:50 UTC requests waited 60 s "
                    "and failed; Tulip's 15 s timeout failed over to Claude.",
                    now, CO, [a, b], "2027-01-07T12:00:00Z", 905, streams, an, t,
                    {905: truth("fallback", "customer_config", ["config:pc-sierra-cajero"], ["config:pc-tulip-agent"],
                                ["request_timeout", "12:40"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS])


def h_billing_double_fr():
    now = "2027-01-10T08:00:00Z"
    a = org("org_ursa", "Ursa Médias", "ursa-medias.fr", "scale")
    b = org("org_vega", "Vega Robotics", "vegarobotics.com", "enterprise")
    gh = github(CO, 801, "2027-01-09T04:00:00Z", now, 10)
    her = gh.deploy(820, "2027-01-09T10:00:00Z", "dashboard: usage export to csv", ["ui/usage/export.tsx"])
    streams = [stream(a["id"], per_minute=16, config_id="pc-ursa-redac"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1200, p95=2900,
                      config_id="pc-vega-plan")]
    cfg = [one_target("pc-ursa-redac", a, "redac", "vk-ursa-openai", "gpt-4o", 30000),
           one_target("pc-vega-plan", b, "plan", "vk-vega-anthropic", "claude-sonnet-4-6", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "invoices": [{"id": "in_1Ursa0109", "org": a["id"], "status": "open", "from": "2027-01-09T04:00:00Z",
                          "to": "2027-01-10T04:00:00Z"}],
            "faults": [{"kind": "double_count", "from": "2027-01-09T15:00:00Z", "to": "2027-01-09T20:00:00Z",
                        "match": {}}]}
    pd = [pd_incident("PQREPLAY9", 7301, "Meter worker restarted; backlog replayed", "2027-01-09T14:50:00Z",
                      "2027-01-09T20:15:00Z", "Billing pipeline")]
    t = [ticket(906, a, "Facture du 9 janvier trop élevée",
                "Bonjour, la facture in_1Ursa0109 compte environ 20 % de tokens de plus que nos propres journaux "
                "pour le 9 janvier. Pouvez-vous vérifier ? Merci.", "2027-01-10T07:00:00Z", "Louis Bernard")]
    return scenario(F, "heldout-billing-double-count-french",
                    "French ticket: the meter worker replayed its backlog and counted 15:00-20:00 twice for every org "
                    "(PagerDuty PQREPLAY9); invoice in_1Ursa0109 is above the logs. A usage-export deploy is a bystander.",
                    now, CO, [a, b], "2027-01-09T04:00:00Z", 906, streams, [], t,
                    {906: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Ursa0109"],
                                [f"github:deployment:{her}"], ["15:00"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, docs=[DOC_INVOICES])


def h_metadata_sdk_es():
    D, now = "2027-01-11", "2027-01-11T15:00:00Z"
    a = org("org_wari", "Wari Turismo", "waritur.pe", "growth")
    b = org("org_yuzu", "Yuzu Kitchens", "yuzukitchens.com", "scale")
    gh = github(CO, 1001, "2027-01-10T10:00:00Z", now, 10)
    her = gh.deploy(1020, at(D, "09:00"), "metadata: search index for keys", ["src/metadata/index.ts"])
    gh.release(99501, "v3.0.0", "portkey-node v3.0.0",
               "## Breaking changes\n\n- The `metadata` option of `createHeaders()` was removed; pass `metadata` to "
               "the client constructor. Old-style metadata is silently ignored.\n", "2027-01-10T12:00:00Z")
    streams = [stream(a["id"], per_minute=12, sdk="portkey-node/3.0.0", metadata={"agencia": "lima"},
                      key="vk-wari-new"),
               stream(a["id"], per_minute=8, sdk="portkey-node/2.4.1", metadata={"agencia": "cusco"},
                      key="vk-wari-old"),
               stream(b["id"], per_minute=12, sdk="portkey-python/1.9.2", metadata={"store": "a"})]
    an = [metadata_dropped("2027-01-10T10:00:00Z", None, {"sdk": "portkey-node/3.0.0"})]
    t = [ticket(907, a, "Metadatos vacíos en algunos registros",
                "Hola, desde ayer parte de nuestras peticiones llegan sin metadatos (agencia) a los registros. Otras "
                "sí los tienen. ¿Es un problema de su lado?", at(D, "12:00"), "Diego Quispe")]
    return scenario(F, "heldout-metadata-sdk-spanish",
                    "Spanish ticket: Wari's portkey-node/3.0.0 requests lose metadata (v3.0.0 removed createHeaders "
                    "metadata); its 2.4.1 traffic keeps it. A metadata index deploy is a bystander.",
                    now, CO, [a, b], "2027-01-10T10:00:00Z", 907, streams, an, t,
                    {907: truth("metadata", "sdk_version", ["sdk:portkey-node/3.0.0"], [f"github:deployment:{her}"],
                                ["3.0.0"])},
                    github=gh, docs=[DOC_METADATA])


def h_rate_limited_typos():
    D, now = "2027-01-12", "2027-01-12T22:00:00Z"
    a = org("org_zorro", "Zorro Security", "zorrosec.com", "growth")
    b = org("org_amber", "Amber Foods", "amberfoods.com", "scale")
    gh = github(CO, 1101, "2027-01-11T18:00:00Z", now, 12)
    her = gh.deploy(1120, at(D, "18:40"), "rate limiter: redis pool size", ["src/ratelimit/redis.ts"])
    streams = [stream(a["id"], per_minute=10, config_id="pc-zorro-scan"),
               stream(a["id"], route="/v1/chat/completions", model="gpt-4o-mini", per_minute=5, p50=400, p95=900,
                      config_id="pc-zorro-bulk", key="vk-zorro-bulk"),
               stream(b["id"], per_minute=18, config_id="pc-amber-menu")]
    an = [volume(at(D, "19:00"), None, {"config_id": "pc-zorro-bulk"}, 8.0),
          rate_limited(at(D, "19:00"), None, {"org": a["id"]}, 0.4)]
    cfg = [one_target("pc-zorro-scan", a, "scan", "vk-zorro-openai", "gpt-4o", 30000),
           one_target("pc-zorro-bulk", a, "bulk", "vk-zorro-openai", "gpt-4o-mini", 30000),
           one_target("pc-amber-menu", b, "menu", "vk-amber-openai", "gpt-4o", 30000)]
    t = [ticket(908, a, "getting 429 erors",
                "since 7pm utc we get lots of 429 erors on our scaner requests. did you lower our limts? nothing "
                "chnaged on our end afaik", at(D, "20:30"), "Jay Patel")]
    return scenario(F, "heldout-rate-limited-typos",
                    "Typos: Zorro's bulk config multiplies its traffic by 8 from 19:00 and the org exceeds its limit: "
                    "40% 429 rate_limited on all its traffic. A rate-limiter pool deploy at 18:40 is a bystander "
                    "(Amber is not limited).",
                    now, CO, [a, b], "2027-01-11T18:00:00Z", 908, streams, an, t,
                    {908: truth("api-errors", "rate_limited", ["config:pc-zorro-bulk"], [f"github:deployment:{her}"],
                                ["429", "19:00"])},
                    github=gh, configs=cfg, docs=[DOC_RATE_LIMITS])


def h_latency_deploy_many_stale():
    D, now = "2027-01-13", "2027-01-13T19:00:00Z"
    a = org("org_birch", "Birch Dental", "birchdental.com", "scale")
    b = org("org_coral", "Coral Hotels", "coralhotels.com", "enterprise")
    gh = github(CO, 1201, "2027-01-12T14:00:00Z", now, 25)
    bad = gh.deploy(1240, at(D, "15:12"), "auth: check virtual key budgets on every request",
                    ["src/auth/budget.ts", "src/middleware/auth.ts"],
                    message="auth: enforce virtual key budgets synchronously (#3011)")
    near = gh.deploy(1241, at(D, "15:00"), "emails: budget alert template", ["src/emails/budget.mjml"])
    streams = [stream(a["id"], per_minute=14, config_id="pc-birch-notes", gateway_ms=60),
               stream(b["id"], per_minute=16, config_id="pc-coral-concierge", gateway_ms=60),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      config_id="pc-coral-concierge", gateway_ms=60)]
    an = [latency(at(D, "15:14"), None, {}, 10.0, component="gateway")]
    cfg = [one_target("pc-birch-notes", a, "notes", "vk-birch-openai", "gpt-4o", 30000),
           config("pc-coral-concierge", b["id"], "concierge", [target("vk-coral-openai", "gpt-4o", 30000),
                                                               target("vk-coral-anthropic", "claude-haiku-4-5", 30000)],
                  mode="loadbalance")]
    t = [ticket(909, a, "Re: Welcome to Switchyard!",
                "Hi again — unrelated to onboarding: since around 3pm UTC every request through the gateway takes "
                "noticeably longer before the model even starts. Our provider dashboards look normal.",
                at(D, "17:00"), "Olivia Grant")]
    return scenario(F, "heldout-latency-deploy-stale-subject",
                    "Stale onboarding subject; deploy #1240 makes the budget check synchronous and gateway time rises "
                    "from ~60 ms to ~600 ms on every request of every org from 15:14, among 25 routine deploys; an e-mail template deploy "
                    "at 15:00 is a bystander.",
                    now, CO, [a, b], "2027-01-12T14:00:00Z", 909, streams, an, t,
                    {909: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"],
                                [f"github:deployment:{near}"], ["15:14"])},
                    github=gh, configs=cfg)


def h_two_causes_outage_config():
    now = "2026-11-20T16:00:00Z"
    D = "2026-11-20"
    a = org("org_dahlia", "Dahlia Press", "dahliapress.com", "scale")
    b = org("org_egret", "Egret Travel", "egret.travel", "growth")
    gh = github(CO, 1301, "2026-11-19T12:00:00Z", now, 12)
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "v2b3n4m5k6j7", "Elevated errors on Claude Sonnet 4.6", at(D, "13:00"),
                      at(D, "14:20"), "Sonnet 4.6 requests return 529.")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1200, p95=2800,
                      config_id="pc-dahlia-edit"),
               stream(a["id"], provider="anthropic", model="claude-3-5-sonnet-20241022", per_minute=8, p50=1200,
                      p95=2800, config_id="pc-dahlia-legacy"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-egret-chat")]
    an = [errors(at(D, "13:00"), at(D, "14:20"), {"model": "claude-sonnet-4-6"}, 0.5, 529, "provider_overloaded"),
          errors("2026-11-19T17:00:00Z", None, {"config_id": "pc-dahlia-legacy"}, 1.0, 404, "model_not_found")]
    cfg = [one_target("pc-dahlia-edit", a, "edit", "vk-dahlia-anthropic", "claude-sonnet-4-6", 30000),
           config("pc-dahlia-legacy", a["id"], "legacy",
                  [target("vk-dahlia-anthropic", "claude-3-5-sonnet-20241022", 30000)], updated="2025-02-01T09:00:00Z"),
           one_target("pc-egret-chat", b, "chat", "vk-egret-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(910, a, "Claude errors — two different ones?",
                "We're seeing two kinds of Claude errors: 529 overloaded on our editor this afternoon, and 404 "
                "model_not_found on an older pipeline since yesterday evening. Is Anthropic down?", at(D, "14:50"),
                "Sam Rivera")]
    return scenario(F, "heldout-two-causes-outage-and-config",
                    "Two causes for Dahlia: Anthropic's Sonnet 4.6 incident gives 529s 13:00-14:20 (provider_outage) "
                    "and pc-dahlia-legacy pins a model retired 2026-11-19 17:00 (404 model_not_found since then, "
                    "customer_config). The 404s are continuous and the larger failure count: primary customer_config.",
                    now, CO, [a, b], "2026-11-19T12:00:00Z", 910, streams, an, t,
                    {910: truth("api-errors", "customer_config", ["config:pc-dahlia-legacy"], ["config:pc-egret-chat"],
                                ["404", "529"], [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_MODELS])


def h_billing_cached_question():
    now = "2027-01-15T10:00:00Z"
    a = org("org_finch", "Finch Legal", "finchlegal.com", "scale")
    b = org("org_gecko", "Gecko Games", "geckogames.io", "growth")
    gh = github(CO, 1401, "2027-01-14T06:00:00Z", now, 10)
    lin = [linear_issue("GW-901", "Streaming responses double-count completion tokens (fixed)",
                        "Fixed in December: streamed completions were counted twice.", "2026-12-01T10:00:00Z",
                        state="Done", completed="2026-12-05T10:00:00Z")]
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=20, prompt=5000,
                      completion=250, cached=0.7, config_id="pc-finch-review", p50=1300, p95=3000),
               stream(b["id"], per_minute=12, config_id="pc-gecko-npc")]
    cfg = [one_target("pc-finch-review", a, "review", "vk-finch-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-gecko-npc", b, "npc", "vk-gecko-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "billed_discounted", "cached_discount": 0.1, "unit_amount_decimal": "0.0002",
            "invoices": [{"id": "in_1Finch0114", "org": a["id"], "status": "open", "from": "2027-01-14T06:00:00Z",
                          "to": "2027-01-15T06:00:00Z"}], "faults": []}
    t = [ticket(911, a, "why is our invoice lower than our token count?",
                "Why is invoice in_1Finch0114 so much lower than the prompt + completion tokens in our logs? Not "
                "complaining, we just need to explain the difference to our auditors.", "2027-01-15T09:00:00Z",
                "Clara Webb")]
    return scenario(F, "heldout-billing-cached-question",
                    "Question form: Finch's contract-review traffic has a 70% prompt-cache share; cached input tokens "
                    "are billed at 10% as documented, so invoice in_1Finch0114 is far below the raw sum (expected "
                    "behaviour). A fixed Linear bug about streaming is a herring.",
                    now, CO, [a, b], "2027-01-14T06:00:00Z", 911, streams, [], t,
                    {911: truth("token-billing", "expected_behavior", ["stripe:invoice:in_1Finch0114"],
                                ["linear:issue:GW-901"], ["cached"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_CACHING])


def h_webhook_deploy_wrong_guess():
    D, now = "2027-01-16", "2027-01-16T15:00:00Z"
    a = org("org_heron2", "Heron Clinics", "heronclinics.com", "enterprise")
    b = org("org_ivy", "Ivy Schools", "ivyschools.org", "growth")
    c = org("org_jet", "Jet Charter", "jetcharter.aero", "scale")
    gh = github(CO, 1501, "2027-01-15T10:00:00Z", now, 12)
    bad = gh.deploy(1520, at(D, "11:26"), "webhooks: serialize payloads with the new encoder",
                    ["src/webhooks/payload.ts", "src/webhooks/sign.ts"])
    streams = [stream(a["id"], per_minute=10), stream(b["id"], per_minute=8), stream(c["id"], per_minute=8)]
    wh = {"streams": [{"org": a["id"], "endpoint": "https://api.heronclinics.com/relay/events",
                       "events": ["request.completed"], "per_minute": 4, "latency_ms": 110},
                      {"org": b["id"], "endpoint": "https://ivyschools.org/hooks/relay", "events": ["request.completed"],
                       "per_minute": 3, "latency_ms": 150},
                      {"org": c["id"], "endpoint": "https://jetcharter.aero/relay", "events": ["budget.exceeded"],
                       "per_minute": 2, "latency_ms": 100}],
          "anomalies": [{"kind": "failures", "from": at(D, "11:30"), "to": None, "match": {}, "rate": 1.0,
                         "status": 401, "error": "signature_rejected"}]}
    t = [ticket(912, a, "Our firewall may be blocking your webhooks",
                "Since late morning our webhook endpoint logs 401 for your events. We changed firewall rules this "
                "week, so maybe it's us? Could you check on your side what you see?", at(D, "13:40"), "Ethan Cole")]
    return scenario(F, "heldout-webhook-signature-wrong-guess",
                    "Heron suspects its firewall; deploy #1520 (new payload encoder) breaks the signature and from "
                    "11:30 every org's endpoint answers 401 signature_rejected.",
                    now, CO, [a, b, c], "2027-01-15T10:00:00Z", 912, streams, [], t,
                    {912: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}"],
                                ["endpoint:https://api.heronclinics.com/relay/events"], ["11:30", "401"])},
                    github=gh, webhooks=wh, docs=[DOC_WEBHOOKS])


def h_api_errors_other_model():
    D, now = "2027-01-17", "2027-01-17T12:00:00Z"
    a = org("org_kiwi", "Kiwi Health", "kiwihealth.nz", "scale")
    b = org("org_lemon", "Lemon Tax", "lemontax.com", "growth")
    gh = github(CO, 1601, "2027-01-16T08:00:00Z", now, 12)
    sp = Statuspage(now)
    other = sp.incident("anthropic", "q1w2e3r4t5y6", "Elevated errors on Claude Opus 4.1", at(D, "08:00"),
                        at(D, "09:30"), "Opus 4.1 requests return 500 errors.")
    bug = linear_issue("GW-950", "Haiku 4.5: 400 when max_tokens exceeds 8192",
                       "The gateway forwards max_tokens above Haiku 4.5's output limit; Anthropic answers 400 "
                       "invalid_request. Fix: clamp per model. Haiku 4.5 only.", "2027-01-10T10:00:00Z",
                       labels=("bug", "provider:anthropic"))
    streams = [stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=16, p50=450, p95=1000,
                      config_id="pc-kiwi-triage"),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=8, p50=2500, p95=5500,
                      config_id="pc-lemon-advisor")]
    an = [errors("2027-01-16T08:00:00Z", None, {"config_id": "pc-kiwi-triage"}, 0.25, 400, "invalid_request"),
          errors(at(D, "08:00"), at(D, "09:30"), {"model": "claude-opus-4-1"}, 0.3, 500, "provider_error")]
    cfg = [one_target("pc-kiwi-triage", a, "triage", "vk-kiwi-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-lemon-advisor", b, "advisor", "vk-lemon-anthropic", "claude-opus-4-1", 60000)]
    t = [ticket(913, a, "Anthropic errors this morning?",
                "About a quarter of our Claude Haiku triage calls fail with 400 invalid_request. We saw Anthropic had "
                "an incident this morning — is that it? Our long-summary requests seem to be the ones failing.",
                at(D, "10:30"), "Aroha Ngata")]
    return scenario(F, "heldout-api-errors-known-bug-other-model-incident",
                    "Kiwi's Haiku calls fail 400 invalid_request (25%) for the whole window: open Linear GW-950 "
                    "(max_tokens above Haiku's limit). Anthropic's incident is on Opus 4.1 08:00-09:30 (another model, "
                    "500s) and does not explain it.",
                    now, CO, [a, b], "2027-01-16T08:00:00Z", 913, streams, an, t,
                    {913: truth("api-errors", "known_bug", ["linear:issue:GW-950"], [other], ["400"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug])


ALL = [h_outage_ja, h_latency_question_no_fault, h_webhook_tls_de, h_routing_config_pt, h_fallback_noisy_es,
       h_billing_double_fr, h_metadata_sdk_es, h_rate_limited_typos, h_latency_deploy_many_stale,
       h_two_causes_outage_config, h_billing_cached_question, h_webhook_deploy_wrong_guess, h_api_errors_other_model]

if __name__ == "__main__":
    write_all(ALL)
