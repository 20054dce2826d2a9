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


# The second held-out set: tickets written the way customers write them (greetings, signatures,
# quoted replies, pasted logs, local times, the customer's own theory) over data shaped like a
# real gateway's (background errors, daily cycles, many routine deploys, several configs, keys,
# meters and endpoints per org, incidents on other products and models).
CO2 = {"name": "Lanternway", "github_repo": "lanternway/gateway"}


def weighted(vk, model, weight, timeout):
    t = target(vk, model, timeout)
    t["weight"] = weight
    return t


def cycle(stream_, from_hour, to_hour, night, latency_factor=1.0):
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


def h2_responses_deploy_de():
    D, now = "2027-02-03", "2027-02-03T16:30:00Z"
    start = "2027-02-02T12:00:00Z"
    a = org("org_brenner", "Brenner Logistik GmbH", "brenner-logistik.de", "enterprise")
    b = org("org_calloway", "Calloway Insurance", "callowayins.com", "scale")
    gh = github(CO2, 2101, start, now, 28)
    bad = gh.deploy(2140, at(D, "13:05"), "responses: pass reasoning items through to the provider",
                    ["src/routes/responses.ts", "src/providers/openai/responses-mapper.ts"],
                    message="responses: forward reasoning items instead of dropping them (#4410)")
    near = gh.deploy(2141, at(D, "12:50"), "chat: lower request-log sampling for large orgs",
                     ["src/routes/chat.ts", "src/logging/sampling.ts"])
    sp = Statuspage(now)
    other = sp.incident("openai", "h8s3k1d9w2pe", "ChatGPT conversations failing to load", at(D, "12:30"),
                        at(D, "14:00"), "Some users cannot load conversations in ChatGPT.", component="ChatGPT")
    lin = [linear_issue("GW-1180", "Responses API: streamed responses report zero usage",
                        "With stream=true the final response.completed event carries no usage block, so the "
                        "request log shows 0 tokens. Requests themselves succeed.", "2027-01-28T10:00:00Z",
                        labels=("bug", "responses-api"))]
    streams = [stream(a["id"], per_minute=26, error_rate=0.035, config_id="pc-brenner-disposition"),
               stream(a["id"], route="/v1/responses", model="gpt-4.1", per_minute=14, p50=1500, p95=4200,
                      error_rate=0.035, config_id="pc-brenner-agent", key="vk-brenner-agent"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=10, p50=110,
                      p95=260, error_rate=0.03, prompt=600, completion=0),
               stream(b["id"], route="/v1/responses", model="o4-mini", per_minute=10, p50=2200, p95=6000,
                      config_id="pc-calloway-claims"),
               stream(b["id"], model="gpt-4o-mini", per_minute=12, p50=500, p95=1200, config_id="pc-calloway-faq")]
    an = [errors(at(D, "13:08"), None, {"route": "/v1/responses"}, 0.5, 500, "internal_error")]
    cfg = [one_target("pc-brenner-disposition", a, "disposition", "vk-brenner-openai", "gpt-4o", 30000),
           one_target("pc-brenner-agent", a, "agent", "vk-brenner-openai", "gpt-4.1", 60000),
           one_target("pc-calloway-claims", b, "claims", "vk-calloway-openai", "o4-mini", 60000),
           one_target("pc-calloway-faq", b, "faq", "vk-calloway-openai", "gpt-4o-mini", 20000)]
    t = [ticket(3101, a, "DRINGEND!! Störung in Produktion",
                "Hallo zusammen,\n\nab ca. 14:10 Uhr (MEZ) bekommen wir in Produktion massenhaft "
                "HTTP 500 zurück. Wichtig: es sind nicht alle Anfragen – Chat Completions und Embeddings laufen ganz "
                "normal, betroffen ist nur unser Dispositions-Agent, der über die Responses API geht. Dort scheitert "
                "ungefähr jede zweite Anfrage.\n\nDie Antwort sieht jedes Mal so aus:\n\n"
                "{\"error\": {\"message\": \"Internal server error\", \"type\": \"internal_error\", \"code\": 500}}\n\n"
                "Wir gehen davon aus, dass das an OpenAI liegt, auf deren Statusseite wurde mittags ja ebenfalls ein "
                "Problem gemeldet. Könnt ihr das bestätigen und sagen, wann es wieder läuft? Unsere Disponenten sitzen auf "
                "heißen Kohlen.\n\nViele Grüße\nJonas Weber\nPlattform-Team | Brenner Logistik GmbH\n"
                "Tel. +49 40 5550 1187", at(D, "14:02"), "Jonas Weber", priority="urgent"),
         ticket(3102, b, "responses endpoint flaky?",
                "Hi, is anyone else seeing failures on /v1/responses? Our claims summarizer (o4-mini) started throwing "
                "500s shortly past 8am Eastern. Retrying sometimes works. Nothing new shipped from us today.\n\n"
                "— Hannah", at(D, "14:40"), "Hannah Cole")]
    return scenario(F, "heldout-api-errors-responses-deploy-german",
                    "German ticket with CET time and a pasted error body, plus an English one from a second org: a "
                    "big org with a 3.5% background error rate, 30 deploys in the window.",
                    now, CO2, [a, b], start, 3101, streams, an, t,
                    {3101: truth("api-errors", "deploy_regression", [f"github:deployment:{bad}"],
                                 [other, f"github:deployment:{near}", "linear:issue:GW-1180"],
                                 ["/v1/responses", "13:08"]),
                     3102: truth("api-errors", "deploy_regression", [f"github:deployment:{bad}"],
                                 [other, f"github:deployment:{near}", "linear:issue:GW-1180"], ["13:08"])},
                    github=gh, statuspage=sp, linear=lin, configs=cfg)


def h2_opus_outage_sydney():
    D, now = "2027-02-05", "2027-02-05T06:00:00Z"
    start = "2027-02-04T06:00:00Z"
    a = org("org_wattle", "Wattle Health", "wattlehealth.com.au", "enterprise")
    b = org("org_drummond", "Drummond & Pike", "drummondpike.law", "scale")
    gh = github(CO2, 2201, start, now, 14)
    near = gh.deploy(2220, at(D, "02:55"), "anthropic adapter: map stop_sequences for tool turns",
                     ["src/providers/anthropic/request.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "m4r7t2x9c1vb", "Elevated error rates on Claude Opus 4.1", at(D, "03:20"),
                      at(D, "04:45"), "We are seeing elevated 500 errors for requests to Claude Opus 4.1.")
    other = sp.incident("anthropic", "k2p8w5n3z7qd", "claude.ai login failures", at(D, "02:30"), at(D, "05:00"),
                        "Some users cannot log in to claude.ai.", component="claude.ai")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-opus-4-1", per_minute=10, p50=2600,
                            p95=6200, config_id="pc-wattle-summaries", key="vk-wattle-anthropic"), 1, 8, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=18, p50=1300,
                            p95=3000, config_id="pc-wattle-triage", key="vk-wattle-anthropic"), 1, 8, 0.3),
               cycle(stream(a["id"], model="gpt-4o", per_minute=12, config_id="pc-wattle-intake",
                            key="vk-wattle-openai"), 1, 8, 0.3),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=8, p50=2600, p95=6200,
                      config_id="pc-drummond-review"),
               stream(b["id"], model="gpt-4o-mini", per_minute=10, p50=500, p95=1200, config_id="pc-drummond-intake")]
    an = [errors(at(D, "03:20"), at(D, "04:45"), {"model": "claude-opus-4-1"}, 0.55, 500, "provider_error")]
    cfg = [one_target("pc-wattle-summaries", a, "discharge-summaries", "vk-wattle-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-wattle-triage", a, "triage", "vk-wattle-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-wattle-intake", a, "intake", "vk-wattle-openai", "gpt-4o", 30000),
           one_target("pc-drummond-review", b, "review", "vk-drummond-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-drummond-intake", b, "intake", "vk-drummond-openai", "gpt-4o-mini", 20000)]
    t = [ticket(3201, a, "urgent!! claude broken?",
                "Hi Lanternway team,\n\nFor roughly the past hour (started about 2:20pm Sydney time) our discharge "
                "summary service has been failing on about half its calls. Odd part: it isn't every model. Our "
                "triage bot runs on Sonnet and is fine, and the intake form (GPT-4o) is fine too - "
                "it's only the summaries, which use Opus.\n\nWorker log excerpt:\n\n"
                "2027-02-05T14:31:07+11:00 ERROR summaries.worker status=500 code=provider_error "
                "model=claude-opus-4-1 attempt=1\n"
                "2027-02-05T14:31:09+11:00 ERROR summaries.worker status=500 code=provider_error "
                "model=claude-opus-4-1 attempt=2\n\n"
                "Could the Anthropic key have been revoked or hit some cap? Triage uses that same key though, "
                "so I'm not sure. Clinicians are waiting on these - high priority please.\n\n"
                "Cheers,\nLiam O'Connell\nIntegration Engineer, Wattle Health", at(D, "04:20"), "Liam O'Connell",
                priority="urgent")]
    return scenario(F, "heldout-routing-opus-outage-sydney",
                    "English ticket with Sydney time and pasted log lines with a +11:00 offset; one model fails "
                    "while the org's other models work; office-hours cycle; an incident on another product.",
                    now, CO2, [a, b], start, 3201, streams, an, t,
                    {3201: truth("provider-routing", "provider_outage", [inc], [other, f"github:deployment:{near}"],
                                 ["03:20", "claude-opus-4-1"])},
                    github=gh, statuspage=sp, configs=cfg)


DOC_STRATEGIES = doc("docs/routing/strategies.md", "Routing strategies",
                     "# Routing strategies\n\n`strategy.mode` decides how a config uses its targets.\n\n"
                     "- `single`: every request goes to the one target.\n"
                     "- `loadbalance`: requests are spread over the targets by `weight`. Each request is sent to "
                     "one target only; if that target fails, the error is returned to you. Load balancing does "
                     "not retry on another target.\n"
                     "- `fallback`: targets are tried in order; a target that answers a status listed in "
                     "`retry.on_status_codes` (or exceeds `request_timeout`) hands the request to the next one.\n\n"
                     "To get both, nest a `fallback` config inside a `loadbalance` target.\n")


def h2_fallback_loadbalance_fr():
    D, now = "2027-02-08", "2027-02-08T15:00:00Z"
    start = "2027-02-07T10:00:00Z"
    a = org("org_sarrasin", "Sarrasin Assurances", "sarrasin-assurances.fr", "scale")
    b = org("org_thistle", "Thistle Learning", "thistlelearning.co.uk", "growth")
    gh = github(CO2, 2301, start, now, 12)
    her = gh.deploy(2320, "2027-02-07T17:20:00Z", "router: export fallback attempt metrics",
                    ["src/router/fallback-metrics.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "f6g1h7j2k8l3", "Elevated 502 errors on GPT-4o", at(D, "09:05"), at(D, "10:15"),
                      "A subset of GPT-4o API requests return 502 Bad Gateway.")
    lin = [linear_issue("GW-1233", "loadbalance: weights ignored while a target is disabled",
                        "When one target of a loadbalance config is disabled in the dashboard, the remaining targets "
                        "get equal shares instead of their weights.", "2027-01-30T10:00:00Z",
                        labels=("bug", "routing"))]
    streams = [stream(a["id"], per_minute=21, config_id="pc-sarrasin-relation", key="vk-sarrasin-openai"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1300, p95=3000,
                      config_id="pc-sarrasin-relation", key="vk-sarrasin-anthropic"),
               stream(a["id"], model="gpt-4o-mini", per_minute=10, p50=500, p95=1200, config_id="pc-sarrasin-resume",
                      key="vk-sarrasin-openai"),
               stream(b["id"], per_minute=14, config_id="pc-thistle-tutor"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=3, p50=1300, p95=3000,
                      config_id="pc-thistle-essays")]
    an = [errors(at(D, "09:05"), at(D, "10:15"), {"config_id": "pc-sarrasin-relation", "provider": "openai"}, 0.45,
                 502, "provider_error"),
          errors(at(D, "09:05"), at(D, "10:15"), {"config_id": "pc-thistle-tutor"}, 0.45, 502, "provider_error",
                 {"provider": "anthropic", "model": "claude-sonnet-4-6"})]
    cfg = [config("pc-sarrasin-relation", a["id"], "relation-client",
                  [weighted("vk-sarrasin-openai", "gpt-4o", 70, 30000),
                   weighted("vk-sarrasin-anthropic", "claude-sonnet-4-6", 30, 30000)], mode="loadbalance",
                  updated="2026-12-14T16:20:00Z"),
           one_target("pc-sarrasin-resume", a, "resume-sinistre", "vk-sarrasin-openai", "gpt-4o-mini", 20000),
           config("pc-thistle-tutor", b["id"], "tutor",
                  [target("vk-thistle-openai", "gpt-4o", 30000, [429, 500, 502, 503]),
                   target("vk-thistle-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback"),
           one_target("pc-thistle-essays", b, "essays", "vk-thistle-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(3301, a, "Re: Re: Bascule automatique vers Claude",
                "Bonjour,\n\nJe me permets de revenir vers vous : malgré votre réponse de la semaine dernière, la "
                "bascule ne fonctionne toujours pas. Ce matin, entre 10h05 et 11h15 (heure de Paris), une bonne "
                "partie des requêtes de notre assistant « relation client » sont tombées en erreur 502. Notre "
                "configuration prévoit pourtant Claude en secours, non ? Pourquoi ces requêtes n'ont-elles pas été "
                "renvoyées vers Claude ?\n\nNous pensons pour notre part que c'est lié à votre mise en production "
                "d'hier soir : le timing est troublant.\n\nCordialement,\nCamille Lefèvre\nResponsable technique – "
                "Sarrasin Assurances\n\n-----\nLe 1 févr. 2027 à 16:42, Support Lanternway "
                "<support@lanternway.io> a écrit :\n> Bonjour Camille,\n> Votre configuration envoie bien une partie "
                "du trafic vers Claude Sonnet. N'hésitez pas à revenir vers nous si vous constatez un comportement "
                "inattendu.\n> Bien à vous,\n> Théo, équipe support", at(D, "11:30"), "Camille Lefèvre",
                priority="high")]
    return scenario(F, "heldout-fallback-loadbalance-french",
                    "French reply in an old thread with the earlier support answer quoted below, Paris time, the "
                    "customer blaming a deploy; several configs per org.",
                    now, CO2, [a, b], start, 3301, streams, an, t,
                    {3301: truth("fallback", "customer_config", ["config:pc-sarrasin-relation"],
                                 [f"github:deployment:{her}", "linear:issue:GW-1233", "config:pc-thistle-tutor"],
                                 ["loadbalance", "09:05"], [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, linear=lin, configs=cfg, docs=[DOC_STRATEGIES, DOC_FALLBACKS])


def h2_metadata_known_bug_es():
    now = "2027-02-10T20:00:00Z"
    start = "2027-02-09T16:00:00Z"
    a = org("org_cafetal", "Cafetal Seguros", "cafetal.com.co", "scale")
    b = org("org_larch", "Larch Analytics", "larchanalytics.io", "growth")
    gh = github(CO2, 2401, start, now, 12)
    her = gh.deploy(2420, "2027-02-10T11:00:00Z", "metadata: per-key index for the log search",
                    ["src/metadata/search-index.ts"])
    gh.release(99601, "v3.1.2", "portkey-node v3.1.2",
               "## Fixes\n\n- Typings: `metadata` accepts `Record<string, string>`.\n- Retries honour "
               "`retry-after` on 429.\n", "2027-02-02T12:00:00Z")
    lin = [linear_issue("GW-1307", "Metadata with non-ASCII values is dropped",
                        "x-portkey-metadata header values containing non-ASCII characters (é, ñ, á, ü) fail the "
                        "header parser's latin-1 check and the whole metadata object is discarded without an error. "
                        "ASCII-only metadata is unaffected. Workaround: send metadata in the request body.",
                        "2027-01-21T10:00:00Z", labels=("bug", "metadata")),
           linear_issue("GW-1190", "Metadata filter is case sensitive on keys",
                        "Filtering logs by metadata key Branch does not match branch.", "2026-12-15T10:00:00Z",
                        state="Done", labels=("bug", "dashboard"), completed="2027-01-05T10:00:00Z")]
    sdk = "portkey-node/3.1.2"
    streams = [stream(a["id"], per_minute=12, sdk=sdk, key="vk-cafetal-medellin", config_id="pc-cafetal-asesor",
                      metadata={"sucursal": "Medellín", "canal": "whatsapp"}),
               stream(a["id"], per_minute=10, sdk=sdk, key="vk-cafetal-bogota", config_id="pc-cafetal-asesor",
                      metadata={"sucursal": "Bogotá", "canal": "web"}),
               stream(a["id"], per_minute=8, sdk=sdk, key="vk-cafetal-cali", config_id="pc-cafetal-asesor",
                      metadata={"sucursal": "Cali", "canal": "web"}),
               stream(b["id"], per_minute=14, sdk="portkey-python/2.2.4", config_id="pc-larch-sql",
                      metadata={"team": "growth", "env": "prod"})]
    an = [metadata_dropped(start, None, {"api_key_id": "vk-cafetal-medellin"}),
          metadata_dropped(start, None, {"api_key_id": "vk-cafetal-bogota"})]
    cfg = [one_target("pc-cafetal-asesor", a, "asesor", "vk-cafetal-openai", "gpt-4o", 30000),
           one_target("pc-larch-sql", b, "sql", "vk-larch-openai", "gpt-4o", 30000)]
    t = [ticket(3401, a, "metadata incompleta??",
                "Buenos días equipo de Lanternway,\n\nLes escribo porque en los logs del panel no nos aparece la "
                "metadata (sucursal y canal) en muchas de las solicitudes. OJO: no pasa con todas. Las de Cali se "
                "ven perfectas, pero las de Medellín y Bogotá llegan vacías. Todas salen del mismo servicio y con el "
                "mismo SDK (portkey-node 3.1.2), así que no entendemos la diferencia.\n\nAsí la estamos mandando:\n\n"
                "const cliente = new Portkey({\n  apiKey: process.env.LW_API_KEY,\n  virtualKey: \"vk-cafetal-bogota\",\n"
                "  metadata: { sucursal: \"Bogotá\", canal: \"web\" },\n});"
                "\n\n¿Será que la versión nueva del SDK trae un bug? La actualizamos hace poco.\n\nMil gracias,\n"
                "Andrés Felipe Ruiz\nLíder de plataforma | Cafetal Seguros\nBogotá, Colombia", "2027-02-10T14:30:00Z",
                "Andrés Ruiz")]
    return scenario(F, "heldout-metadata-known-bug-spanish",
                    "Spanish (Colombian) ticket with a pasted header; three keys of one org on the same SDK and "
                    "config, only some lose their metadata; the customer suspects the SDK.",
                    now, CO2, [a, b], start, 3401, streams, an, t,
                    {3401: truth("metadata", "known_bug", ["linear:issue:GW-1307"],
                                 ["github:release:v3.1.2", f"github:deployment:{her}", "linear:issue:GW-1190"], ["ASCII"])},
                    github=gh, linear=lin, configs=cfg, docs=[DOC_METADATA])


DOC_METERS2 = doc("docs/billing/token-meters.md", "Token lines on your invoice",
                  "# Token lines on your invoice\n\nEvery invoice has three metered lines: input tokens (prompt "
                  "tokens not served from the provider's cache), output tokens (completion tokens) and cached input "
                  "tokens, billed at 10% of the input price. Each line should equal the request logs' totals for the "
                  "invoice's UTC period. Seats are a licensed line, not usage.\n")


def h2_billing_dropped_input_meter():
    now = "2027-02-12T06:00:00Z"
    start = "2027-02-11T00:00:00Z"
    a = org("org_holloway", "Holloway Freight", "hollowayfreight.com", "enterprise", cus="cus_R7holloway")
    b = org("org_quarry", "Quarry Labs", "quarrylabs.dev", "scale")
    gh = github(CO2, 2501, start, now, 12)
    her = gh.deploy(2520, "2027-02-11T14:00:00Z", "billing: seat proration preview on plan changes",
                    ["src/billing/seats-preview.ts"])
    lin = [linear_issue("GW-1322", "Usage page: cached column shows 0 for embeddings",
                        "The usage page's cached-tokens column is 0 for embedding requests even when the provider "
                        "reports cached tokens. Invoices read the meters, not this page.", "2027-02-01T10:00:00Z",
                        labels=("bug", "dashboard"))]
    pd = [pd_incident("PMTRLAG71", 8812, "meter-events consumer: events older than 1h discarded after broker failover",
                      "2027-02-11T03:10:00Z", "2027-02-11T09:05:00Z", "Billing pipeline")]
    streams = [stream(a["id"], per_minute=24, config_id="pc-holloway-dispatch", prompt=2600, completion=420,
                      cached=0.3),
               stream(a["id"], model="gpt-4o-mini", per_minute=10, p50=500, p95=1200, config_id="pc-holloway-ocr",
                      prompt=1400, completion=160, cached=0.1),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1300, p95=3000,
                      config_id="pc-quarry-review", prompt=1800, completion=380, cached=0.2)]
    cfg = [one_target("pc-holloway-dispatch", a, "dispatch", "vk-holloway-openai", "gpt-4o", 30000),
           one_target("pc-holloway-ocr", a, "ocr-cleanup", "vk-holloway-openai", "gpt-4o-mini", 20000),
           one_target("pc-quarry-review", b, "review", "vk-quarry-anthropic", "claude-sonnet-4-6", 30000)]

    def m(name, nickname, counts, faults=()):
        return {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": "excluded",
                "faults": list(faults)}

    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.00025", "faults": [],
            "meters": [m("llm_input_tokens", "Input tokens", ["prompt_tokens"],
                         [{"kind": "dropped", "from": "2027-02-11T03:00:00Z", "to": "2027-02-11T09:00:00Z",
                           "match": {}}]),
                       m("llm_output_tokens", "Output tokens", ["completion_tokens"]),
                       m("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"])],
            "invoices": [{"id": "in_1Holloway0211", "org": a["id"], "status": "open", "from": start,
                          "to": "2027-02-12T00:00:00Z",
                          "extra_lines": [{"description": "Seats (25 × $40.00)", "nickname": "Seats", "quantity": 25,
                                           "unit_amount": 4000}]}]}
    custs = [customer(a, "ap", with_org_id=False), customer(b)]
    t = [ticket(3501, a, "Re: Re: quick one about our account",
                "Hi Priya,\n\nThanks for adding the PO number, that part is sorted.\n\nSomething new on the same "
                "invoice though (in_1Holloway0211, Feb 11): the \"Input tokens\" line looks low. Our own request "
                "logging adds up uncached prompt tokens for Feb 11 (UTC) and the invoice line is roughly a quarter "
                "under that. Output and cached tokens agree with us to within rounding.\n\nIs that the prompt caching "
                "discount showing up? Or should we expect a correction on next month's invoice? Our controller would "
                "rather know now than get a true-up out of the blue.\n\nBest,\nMarcus Oyelaran\nFinance Systems | "
                "Holloway Freight\n+1 (312) 555-0148\n\nOn Tue, Feb 9, 2027 at 11:02 AM Lanternway Support "
                "<support@lanternway.io> wrote:\n> Hi Marcus,\n> I've added PO-88213 to your billing profile; it will "
                "appear on every invoice from now on.\n> Let us know if there's anything else.\n> Priya",
                "2027-02-12T05:10:00Z", "Marcus Oyelaran")]
    return scenario(F, "heldout-billing-dropped-input-meter",
                    "English reply under a stale subject with a quoted support answer; three token meters and a seat "
                    "line; a Stripe customer without org metadata; the customer suggests caching.",
                    now, CO2, [a, b], start, 3501, streams, [], t,
                    {3501: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Holloway0211"],
                                 [f"github:deployment:{her}", "linear:issue:GW-1322"], ["input", "03:00"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd, stripe_customers=custs,
                    docs=[DOC_METERS2, DOC_CACHING])


DOC_PERIODS = doc("docs/billing/billing-periods.md", "Billing periods and time zones",
                  "# Billing periods and time zones\n\nUsage is metered and invoiced per calendar day in UTC: the "
                  "invoice line for a date covers 00:00–24:00 UTC of that date, whatever your account's time zone. "
                  "The usage page shows days in your browser's time zone unless you switch it to UTC, so a daily "
                  "total there can differ from the invoice for the same date.\n")


def h2_billing_utc_day_ja():
    now = "2027-02-15T03:00:00Z"
    start = "2027-02-14T00:00:00Z"
    a = org("org_hoshizora", "Hoshizora Travel", "hoshizora-travel.jp", "scale", cus="cus_R8hoshizora")
    b = org("org_marlin", "Marlin Retail", "marlinretail.com", "growth")
    gh = github(CO2, 2601, start, now, 11)
    her = gh.deploy(2620, "2027-02-14T05:00:00Z", "usage page: time zone selector", ["ui/usage/timezone.tsx"])
    lin = [linear_issue("GW-1344", "Usage CSV export: timestamps without offset",
                        "The usage CSV export writes local timestamps without a UTC offset, so spreadsheets read "
                        "them as UTC.", "2027-02-08T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [cycle(stream(a["id"], per_minute=20, config_id="pc-hoshizora-concierge", prompt=1500, completion=320),
                     1, 10, 0.2),
               stream(a["id"], model="gpt-4o-mini", per_minute=4, p50=500, p95=1200, config_id="pc-hoshizora-batch",
                      key="vk-hoshizora-batch", prompt=2200, completion=400),
               stream(b["id"], per_minute=14, config_id="pc-marlin-catalog")]
    # a one-off migration 01:00-04:00 JST on the 15th, which is 16:00-19:00 UTC on the 14th
    an = [volume("2027-02-14T16:00:00Z", "2027-02-14T19:00:00Z", {"config_id": "pc-hoshizora-batch"}, 6.0)]
    cfg = [one_target("pc-hoshizora-concierge", a, "concierge", "vk-hoshizora-openai", "gpt-4o", 30000),
           one_target("pc-hoshizora-batch", a, "nightly-batch", "vk-hoshizora-batch", "gpt-4o-mini", 60000),
           one_target("pc-marlin-catalog", b, "catalog", "vk-marlin-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Hoshizora0214", "org": a["id"], "status": "open", "from": start,
                          "to": "2027-02-15T00:00:00Z"}]}
    custs = [customer(a, "keiri", with_org_id=False), customer(b)]
    t = [ticket(3601, a, "請求書の件（2/14分）",
                "Lanternway サポートご担当者様\n\nいつもお世話になっております。星空トラベルの経理担当、佐藤です。\n\n"
                "2月14日分の請求書（in_1Hoshizora0214）に記載されているトークン数が、弊社側で集計した2月14日の利用量"
                "より2割ほど多くなっております。弊社ではリクエストごとのトークン数をログに保存しており、日本時間の"
                "2月14日0時〜24時で合計しています。\n\n15日の深夜1時頃から過去データの一括処理を流しましたが、こちらは"
                "15日分として計上されるはずです。14日は特にアクセスが増えた覚えもないため、集計に誤りが"
                "あるのではないでしょうか？ 差額の内訳をご確認いただけますでしょうか。\n\nお手数をおかけしますが、"
                "よろしくお願いいたします。\n\n佐藤 美咲\n星空トラベル株式会社 経理部", "2027-02-15T01:30:00Z",
                "Misaki Sato")]
    return scenario(F, "heldout-billing-utc-day-japanese",
                    "Japanese ticket in formal business register, the customer counting per JST day; an office-hours "
                    "cycle and a nightly batch; a Stripe customer without org metadata.",
                    now, CO2, [a, b], start, 3601, streams, an, t,
                    {3601: truth("token-billing", "expected_behavior",
                                 ["stripe:invoice:in_1Hoshizora0214", "docs:docs/billing/billing-periods.md"],
                                 [f"github:deployment:{her}", "linear:issue:GW-1344"], ["UTC"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, stripe_customers=custs,
                    docs=[DOC_PERIODS, DOC_INVOICES])


def h2_webhook_timeout_pt():
    D, now = "2027-02-17", "2027-02-17T19:00:00Z"
    start = "2027-02-16T16:00:00Z"
    a = org("org_jabuti", "Jabuti Pagamentos", "jabuti.com.br", "enterprise")
    b = org("org_ketch", "Ketch Marine", "ketchmarine.com", "scale")
    c = org("org_lantana", "Lantana Studio", "lantana.studio", "growth")
    gh = github(CO2, 2701, start, now, 13)
    her = gh.deploy(2720, at(D, "10:40"), "webhooks: delivery latency histogram", ["src/webhooks/metrics.ts"])
    pd = [pd_incident("PWHQLAG3", 9120, "webhook-dispatcher queue lag above 5 min", "2027-02-16T18:00:00Z",
                      "2027-02-16T18:40:00Z", "Webhooks")]
    prod = "https://api.jabuti.com.br/webhooks/lanternway"
    sandbox = "https://sandbox.jabuti.com.br/webhooks/lanternway"
    streams = [stream(a["id"], per_minute=22, config_id="pc-jabuti-antifraude"),
               stream(b["id"], per_minute=12, config_id="pc-ketch-logbook"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-lantana-copy")]
    cfg = [one_target("pc-jabuti-antifraude", a, "antifraude", "vk-jabuti-openai", "gpt-4o", 30000),
           one_target("pc-ketch-logbook", b, "logbook", "vk-ketch-openai", "gpt-4o", 30000),
           one_target("pc-lantana-copy", c, "copy", "vk-lantana-anthropic", "claude-sonnet-4-6", 30000)]
    wh = {"streams": [{"org": a["id"], "endpoint": prod, "events": ["request.completed", "budget.exceeded"],
                       "per_minute": 5, "latency_ms": 180},
                      {"org": a["id"], "endpoint": sandbox, "events": ["request.completed"], "per_minute": 2,
                       "latency_ms": 160},
                      {"org": b["id"], "endpoint": "https://hooks.ketchmarine.com/lanternway",
                       "events": ["request.completed"], "per_minute": 3, "latency_ms": 130},
                      {"org": c["id"], "endpoint": "https://lantana.studio/api/hooks", "events": ["request.completed"],
                       "per_minute": 2, "latency_ms": 140}],
          "anomalies": [{"kind": "failures", "from": at(D, "11:00"), "to": None, "match": {"endpoint": prod},
                         "rate": 0.7, "status": 0, "error": "timeout"}]}
    t = [ticket(3701, a, "Webhooks de vocês estão dando timeout",
                "Olá, pessoal!\n\nDesde as 8h da manhã (horário de Brasília) boa parte dos webhooks que vocês enviam "
                "para a nossa produção está chegando com timeout. Não são todos: alguns chegam normalmente, e o nosso "
                "ambiente de sandbox recebe tudo certinho. Isso está atrasando a conciliação dos pagamentos.\n\n"
                "No nginx aqui aparecem linhas assim:\n\n"
                "10.0.4.17 - - [17/Feb/2027:08:14:52 -0300] \"POST /webhooks/lanternway HTTP/1.1\" 499 0 \"-\" "
                "\"Lanternway-Webhooks/2.3\" rt=10.001\n"
                "10.0.4.17 - - [17/Feb/2027:08:15:03 -0300] \"POST /webhooks/lanternway HTTP/1.1\" 499 0 \"-\" "
                "\"Lanternway-Webhooks/2.3\" rt=10.000\n\n"
                "Vocês diminuíram o tempo limite de entrega hoje de manhã? Parece que estão cortando a conexão cedo "
                "demais.\n\nAbraços,\nRafael Moreira\nSRE – Jabuti Pagamentos", at(D, "13:20"), "Rafael Moreira",
                priority="high")]
    return scenario(F, "heldout-webhook-timeout-portuguese",
                    "Brazilian Portuguese ticket with Brasília time and pasted nginx lines; an org with a production "
                    "and a sandbox endpoint; the customer suspects a change on our side.",
                    now, CO2, [a, b, c], start, 3701, streams, [], t,
                    {3701: truth("webhook-failures", "customer_endpoint", [f"endpoint:{prod}"],
                                 [f"github:deployment:{her}", "pagerduty:incident:PWHQLAG3"],
                                 ["11:00"])},
                    github=gh, configs=cfg, webhooks=wh, pagerduty=pd, docs=[DOC_WEBHOOKS])


def h2_rate_limited_traceback():
    D, now = "2027-02-19", "2027-02-19T23:30:00Z"
    start = "2027-02-18T20:00:00Z"
    a = org("org_monarch", "Monarch Media Group", "monarchmedia.com", "growth")
    b = org("org_nettle", "Nettle Bio", "nettlebio.com", "scale")
    gh = github(CO2, 2801, start, now, 20)
    her = gh.deploy(2830, at(D, "18:55"), "rate limiter: move per-org counters to the new redis cluster",
                    ["src/ratelimit/counters.ts", "deploy/redis-cluster.yaml"])
    sp = Statuspage(now)
    other = sp.incident("openai", "s5d6f7g8h9j0", "Sora video generation delayed", at(D, "20:00"), at(D, "21:30"),
                        "Sora video generations are taking longer than usual.", component="Sora")
    streams = [cycle(stream(a["id"], per_minute=20, error_rate=0.04, config_id="pc-monarch-newsroom",
                            key="vk-monarch-newsroom"), 13, 23, 0.3),
               stream(a["id"], model="gpt-4o-mini", per_minute=6, p50=500, p95=1200, error_rate=0.04,
                      config_id="pc-monarch-tagging", key="vk-monarch-tagging", prompt=900, completion=60),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=10, p50=90, p95=210,
                      error_rate=0.03, prompt=500, completion=0, key="vk-monarch-search"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-nettle-lab")]
    an = [volume(at(D, "20:30"), None, {"config_id": "pc-monarch-tagging"}, 7.0),
          rate_limited(at(D, "20:30"), None, {"org": a["id"]}, 0.35)]
    cfg = [one_target("pc-monarch-newsroom", a, "newsroom", "vk-monarch-openai", "gpt-4o", 30000),
           one_target("pc-monarch-tagging", a, "archive-tagging", "vk-monarch-openai", "gpt-4o-mini", 30000),
           one_target("pc-nettle-lab", b, "lab", "vk-nettle-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(3801, a, "Re: Re: upgrading from Growth?",
                "Hey folks,\n\nHijacking my old thread because this is more urgent than the plan question: since "
                "about 3:30pm Eastern we're getting a wall of 429s. And it's not only the archive re-tagging job we "
                "kicked off this afternoon (which is tiny, a few thousand articles) - the newsroom assistant our "
                "editors use is getting 429s too, which is the part people are yelling at me about.\n\n"
                "Celery log from the tagger:\n\n"
                "[2027-02-19 15:41:12,907: ERROR/ForkPoolWorker-3] Task tagger.tasks.tag_article[6f1c0d2e] "
                "raised unexpected: RateLimitError(\"Error code: 429 - {'error': {'message': 'Rate limit "
                "exceeded', 'type': 'rate_limited', 'code': 'rate_limited'}}\")\n\n"
                "Is OpenAI throttling everyone right now? status.openai.com had something red. Or have our limits "
                "been lowered on your end?\n\nthanks,\nNoah Brandt\nEngineering Manager, Monarch Media",
                at(D, "21:40"), "Noah Brandt", priority="high")]
    return scenario(F, "heldout-api-errors-rate-limited-traceback",
                    "English reply under a stale plan-question subject with a pasted worker error line and Eastern "
                    "time; a big org with a 4% background error rate and a daily cycle; 21 deploys.",
                    now, CO2, [a, b], start, 3801, streams, an, t,
                    {3801: truth("api-errors", "rate_limited", ["config:pc-monarch-tagging"],
                                 [other, f"github:deployment:{her}"], ["429", "20:30"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_RATE_LIMITS])


def h2_sdk_version_typos():
    D, now = "2027-02-22", "2027-02-22T23:00:00Z"
    start = "2027-02-21T22:00:00Z"
    a = org("org_pinyon", "Pinyon Tax", "pinyontax.com", "scale")
    b = org("org_rockrose", "Rockrose Events", "rockrose.events", "growth")
    gh = github(CO2, 2901, start, now, 14)
    her = gh.deploy(2920, at(D, "17:30"), "validation: stricter JSON schema checks on request bodies",
                    ["src/validation/request-schema.ts"])
    gh.release(99701, "v2.3.0", "portkey-python v2.3.0",
               "## Features\n\n- `stream_options` support for usage reporting on streamed responses.\n",
               "2027-02-21T16:00:00Z")
    gh.release(99702, "v2.3.1", "portkey-python v2.3.1",
               "## Fixes\n\n- 2.3.0 sent `stream_options` on non-streaming calls too; providers reject it with 400 "
               "invalid_request. Upgrade to 2.3.1.\n", at(D, "15:00"))
    lin = [linear_issue("GW-1402", "Anthropic adapter: 400 on an empty system prompt",
                        "An empty string as system prompt is forwarded to Anthropic, which answers 400.",
                        "2027-02-15T10:00:00Z", labels=("bug", "provider:anthropic"))]
    streams = [stream(a["id"], per_minute=14, sdk="portkey-python/2.2.4", key="vk-pinyon-web",
                      config_id="pc-pinyon-assist"),
               stream(a["id"], per_minute=12, sdk="portkey-python/2.3.0", key="vk-pinyon-worker",
                      config_id="pc-pinyon-assist"),
               stream(b["id"], per_minute=10, sdk="portkey-node/3.1.2", config_id="pc-rockrose-planner"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=450, p95=1000,
                      sdk="portkey-python/2.3.0", config_id="pc-rockrose-tags", key="vk-rockrose-tags")]
    an = [errors(start, None, {"sdk": "portkey-python/2.3.0"}, 0.65, 400, "invalid_request")]
    cfg = [one_target("pc-pinyon-assist", a, "assist", "vk-pinyon-openai", "gpt-4o", 30000),
           one_target("pc-rockrose-planner", b, "planner", "vk-rockrose-openai", "gpt-4o", 30000),
           one_target("pc-rockrose-tags", b, "tags", "vk-rockrose-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(3901, a, "400 erros from worker??",
                "hey,\n\nour backgroud worker started getting 400 invalid_request on like most of its calls since "
                "yesterday around noon PST. the web app hits the same config (pc-pinyon-assist) and the same model "
                "and its totally fine, so its not the config or the model. we didnt change our prompts either.\n\n"
                "did you guys change request validaton recently? i saw a changelog entry about stricter schema "
                "checks..\n\nfrom the worker logs:\n\n"
                "  portkey_ai.exceptions.BadRequestError: Error code: 400 - {'error': {'message': 'Unrecognized "
                "request argument supplied: stream_options', 'type': 'invalid_request_error'}}\n\nthx\nDev",
                at(D, "18:10"), "Devon Marsh")]
    return scenario(F, "heldout-api-errors-sdk-version-typos",
                    "English ticket full of typos, Pacific time, a pasted SDK exception; two services of one org on "
                    "the same config; the customer blames a deploy.",
                    now, CO2, [a, b], start, 3901, streams, an, t,
                    {3901: truth("api-errors", "sdk_version", ["sdk:portkey-python/2.3.0"],
                                 [f"github:deployment:{her}", "linear:issue:GW-1402"],
                                 ["2.3.0"])},
                    github=gh, linear=lin, configs=cfg)


def h2_routing_no_fault_noisy_ist():
    D, now = "2027-02-24", "2027-02-24T10:00:00Z"
    start = "2027-02-23T06:00:00Z"
    a = org("org_saffron", "Saffron Mobility", "saffronmobility.in", "enterprise")
    b = org("org_tamarack", "Tamarack Outdoor", "tamarackoutdoor.com", "scale")
    gh = github(CO2, 3001, start, now, 16)
    her = gh.deploy(3020, at(D, "07:20"), "anthropic adapter: cache_control passthrough",
                    ["src/providers/anthropic/cache-control.ts"])
    sp = Statuspage(now)
    herring = sp.incident("anthropic", "b3n6m9q2w5e8", "Elevated errors on Claude Haiku 4.5", at(D, "07:40"),
                          at(D, "08:30"), "Claude Haiku 4.5 requests are returning overloaded errors.")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=24, p50=1300,
                            p95=3100, error_rate=0.04, config_id="pc-saffron-support"), 8, 16, 0.25),
               stream(a["id"], per_minute=18, error_rate=0.04, config_id="pc-saffron-fleet"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=90, p95=210,
                      error_rate=0.03, prompt=400, completion=0),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      config_id="pc-tamarack-gear")]
    an = [errors(at(D, "07:40"), at(D, "08:30"), {"model": "claude-haiku-4-5"}, 0.4, 529, "provider_overloaded")]
    cfg = [one_target("pc-saffron-support", a, "rider-support", "vk-saffron-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-saffron-fleet", a, "fleet-ops", "vk-saffron-openai", "gpt-4o", 30000),
           one_target("pc-tamarack-gear", b, "gear-advisor", "vk-tamarack-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(4001, a, "Is Claude down for you?",
                "Hello team,\n\nFrom about 1:10 PM IST (UTC+05:30) today our rider-support bot, which calls Claude "
                "through Lanternway, is throwing lots of errors - our Grafana panel for failed LLM calls went from "
                "a flat line to a big hill. The fleet-ops tool (GPT-4o) looks okay to us.\n\nThere is an open "
                "incident on status.anthropic.com, and I noticed a Lanternway change to the Anthropic adapter "
                "earlier today as well. Is Claude down for everyone, or is this specific to our account? Should we "
                "point the bot at GPT-4o for the rest of the day?\n\nRegards,\nAnanya Iyer\n"
                "Platform Engineering, Saffron Mobility\nBengaluru", at(D, "08:45"), "Ananya Iyer")]
    return scenario(F, "heldout-routing-no-fault-noisy-ist",
                    "English question-form ticket with an IST offset; a big org with a 4% background error rate and "
                    "an office-hours cycle; an incident and an adapter deploy at the time the customer names.",
                    now, CO2, [a, b], start, 4001, streams, an, t,
                    {4001: truth("provider-routing", "no_fault_found", [], [herring, f"github:deployment:{her}"],
                                 ["07:40"])},
                    github=gh, statuspage=sp, configs=cfg)



# The third held-out set: another company, more noise (big orgs with a 2-3% background error
# rate, office-hours cycles, 16-27 routine deploys, several configs, keys, endpoints and meters
# per org) and causes the first two sets hold fewer of.
CO3 = {"name": "Ferrybridge", "github_repo": "ferrybridge/gateway"}

DOC_NESTED = doc("docs/routing/nested-configs.md", "Nested configs",
                 "# Nested configs\n\nA target can itself be a config with its own `strategy` and `targets`. "
                 "A `fallback` config whose first target is a `loadbalance` group sends each request to one "
                 "member of the group; when that member answers a status listed in the group's "
                 "`retry.on_status_codes`, the request moves on to the fallback config's next target, exactly "
                 "as with a single target.\n")


def h3_fallback_nested_known_bug_fr():
    D, now = "2027-03-02", "2027-03-02T16:00:00Z"
    start = "2027-03-01T10:00:00Z"
    a = org("org_loriot", "Loriot Voyages", "loriot-voyages.fr", "enterprise")
    b = org("org_ulmus", "Ulmus Health", "ulmushealth.com", "scale")
    gh = github(CO3, 5101, start, now, 22)
    her = gh.deploy(5140, at(D, "13:25"), "router: record the fallback attempt chain in request logs",
                    ["src/router/fallback-log.ts", "src/logging/request-log.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "r5t8y1u4i7o2", "Elevated error rates on GPT-4o", at(D, "13:40"), at(D, "14:55"),
                      "A share of GPT-4o API requests return 503 Service Unavailable.")
    claude_ai = sp.incident("anthropic", "z3x6c9v2b5n8", "claude.ai conversations slow to load", at(D, "13:50"),
                            at(D, "15:10"), "Some claude.ai users see slow loading of past conversations.",
                            component="claude.ai", impact="minor")
    bug = linear_issue("GW-1502", "fallback: nested loadbalance target does not fail over",
                       "When the first target of a fallback config is itself a loadbalance group, an error from "
                       "the member the group picked is returned to the caller even when its status is in the "
                       "group's on_status_codes; the next target is never tried. Flat fallback configs are not "
                       "affected. Two customer reports so far; reproduced in staging.",
                       "2027-02-22T10:00:00Z", state="Todo", labels=("bug", "routing"))
    fixed = linear_issue("GW-1461", "loadbalance: weights ignored while a member key is disabled",
                         "Disabling one virtual key of a loadbalance group split traffic evenly over the others.",
                         "2027-02-03T10:00:00Z", state="Done", labels=("bug", "routing"),
                         completed="2027-02-10T10:00:00Z")
    streams = [cycle(stream(a["id"], per_minute=14, error_rate=0.03, config_id="pc-loriot-conseiller",
                            key="vk-loriot-openai-eu"), 7, 19, 0.3),
               cycle(stream(a["id"], per_minute=12, error_rate=0.03, config_id="pc-loriot-conseiller",
                            key="vk-loriot-openai-us"), 7, 19, 0.3),
               stream(a["id"], model="gpt-4o-mini", per_minute=10, p50=500, p95=1200, error_rate=0.03,
                      config_id="pc-loriot-resume", key="vk-loriot-openai-eu"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=90, p95=210,
                      error_rate=0.02, prompt=500, completion=0, key="vk-loriot-openai-eu"),
               stream(b["id"], per_minute=12, config_id="pc-ulmus-triage", key="vk-ulmus-openai"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=1300, p95=3000,
                      config_id="pc-ulmus-notes", key="vk-ulmus-anthropic")]
    an = [errors(at(D, "13:40"), at(D, "14:55"), {"config_id": "pc-loriot-conseiller"}, 0.45, 503,
                 "provider_unavailable"),
          errors(at(D, "13:40"), at(D, "14:55"), {"config_id": "pc-ulmus-triage"}, 0.45, 503, "provider_unavailable",
                 {"provider": "anthropic", "model": "claude-sonnet-4-6"})]
    group = {"strategy": {"mode": "loadbalance"},
             "targets": [weighted("vk-loriot-openai-eu", "gpt-4o", 55, 30000),
                         weighted("vk-loriot-openai-us", "gpt-4o", 45, 30000)],
             "retry": {"attempts": 2, "on_status_codes": [429, 500, 502, 503, 504]}}
    cfg = [config("pc-loriot-conseiller", a["id"], "conseiller-voyages",
                  [group, target("vk-loriot-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback",
                  updated="2027-01-12T10:40:00Z"),
           one_target("pc-loriot-resume", a, "resume-dossier", "vk-loriot-openai-eu", "gpt-4o-mini", 20000),
           config("pc-ulmus-triage", b["id"], "triage",
                  [target("vk-ulmus-openai", "gpt-4o", 30000, [429, 500, 502, 503, 504]),
                   target("vk-ulmus-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback"),
           one_target("pc-ulmus-notes", b, "notes", "vk-ulmus-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(4101, a, "Le fallback ne sert à rien ?",
                "Bonjour,\n\nCet après-midi, entre 14h40 et 15h55 (heure de Paris), notre conseiller voyages a renvoyé "
                "des erreurs 503 à nos clients, à peu près une requête sur deux. Je croyais que c'était justement le "
                "rôle du fallback de basculer sur Claude dans ce cas-là ?? Notre config pc-loriot-conseiller a bien "
                "Claude en deuxième cible, et le 503 figure dans on_status_codes, j'ai vérifié deux fois.\n\n"
                "Voilà ce que reçoit l'application :\n\n"
                "{\"error\": {\"message\": \"Service unavailable\", \"type\": \"provider_unavailable\", "
                "\"code\": 503}, \"provider\": \"openai\"}\n\n"
                "J'imagine que Claude était lui aussi indisponible à ce moment-là ? J'ai vu passer un incident chez "
                "Anthropic dans l'après-midi. Sinon je ne vois pas bien à quoi sert la bascule.\n\n"
                "Pour info, on répartit GPT-4o sur deux clés (UE et US) depuis janvier, sans souci jusqu'ici.\n\n"
                "Merci d'avance pour votre retour,\nHélène Marchetti\nLead dev – Loriot Voyages",
                at(D, "15:20"), "Hélène Marchetti", priority="high")]
    t[0]["requester"]["email"] = "h.marchetti@loriot-voyages.fr"
    return scenario(F, "heldout-fallback-nested-known-bug-french",
                    "French ticket, Paris time, pasted error body, question form, the customer blaming Claude: "
                    "during OpenAI's GPT-4o 503s 13:40-14:55 UTC the fallback config pc-loriot-conseiller, whose "
                    "first target is a loadbalance group of two keys, never fails over (open Linear GW-1502, "
                    "nested groups ignore on_status_codes); Ulmus's flat fallback fails over to Claude. A "
                    "fallback-logging deploy at 13:25, a claude.ai incident and a fixed loadbalance bug are "
                    "bystanders. A big org with a 3% background error rate and an office-hours cycle.",
                    now, CO3, [a, b], start, 4101, streams, an, t,
                    {4101: truth("fallback", "known_bug", ["linear:issue:GW-1502"],
                                 [f"github:deployment:{her}", claude_ai, "linear:issue:GW-1461",
                                  "config:pc-ulmus-triage"], ["503", "13:40"])},
                    github=gh, statuspage=sp, linear=[bug, fixed], configs=cfg,
                    docs=[DOC_FALLBACKS, DOC_NESTED, DOC_STRATEGIES])


DOC_GUARDRAILS = doc("docs/guardrails/overview.md", "Guardrails",
                     "# Guardrails\n\nInput guardrails (`before_request_hooks` in a config) run in the gateway "
                     "before the request is sent to the provider, so their time is gateway time: the request log's "
                     "`latency_ms` minus `provider_latency_ms`.\n\n- Deterministic checks (regex, word count, JSON "
                     "schema) take under 5 ms.\n- Checks that call a model (PII detection, prompt-injection "
                     "detection) add one classifier call to every request, typically 400-800 ms.\n\nSet "
                     "`async: true` on a hook to run it beside the request instead of before it: the latency goes "
                     "away, but the check can then only log, not block or redact.\n")


def h3_latency_guardrail_expected_de():
    D, now = "2027-03-04", "2027-03-04T17:30:00Z"
    start = "2027-03-03T14:00:00Z"
    a = org("org_haselstein", "Hasel & Stein Versicherung AG", "haselstein.de", "enterprise")
    b = org("org_yarra", "Yarra Foods", "yarrafoods.com.au", "scale")
    gh = github(CO3, 5201, start, now, 24)
    her = gh.deploy(5240, at(D, "12:06"), "openai provider: HTTP/2 connection pool per region",
                    ["src/providers/openai/pool.ts", "src/http/agent.ts"])
    sp = Statuspage(now)
    other = sp.incident("openai", "w4e7r1t5y8u2", "Increased latency for o3", at(D, "11:30"), at(D, "13:00"),
                        "Requests to o3 are taking longer than usual.", impact="minor")
    streams = [cycle(stream(a["id"], model="gpt-4o-mini", per_minute=22, p50=450, p95=1100, gateway_ms=12,
                            error_rate=0.025, config_id="pc-hasel-kundenbot", key="vk-hasel-openai"), 6, 17, 0.25),
               cycle(stream(a["id"], per_minute=12, p50=900, p95=2300, gateway_ms=12, error_rate=0.025,
                            config_id="pc-hasel-schaden", key="vk-hasel-openai"), 6, 17, 0.25),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=110, p95=260,
                      gateway_ms=12, error_rate=0.02, prompt=600, completion=0, key="vk-hasel-openai"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-yarra-menu"),
               stream(b["id"], model="gpt-4o-mini", per_minute=6, p50=450, p95=1100, config_id="pc-yarra-tags")]
    an = [latency(at(D, "12:00"), None, {"config_id": "pc-hasel-kundenbot"}, 50.0, component="gateway")]
    bot = config("pc-hasel-kundenbot", a["id"], "kundenbot", [target("vk-hasel-openai", "gpt-4o-mini", 20000)],
                 updated=at(D, "11:57"))
    bot["config"]["before_request_hooks"] = [
        {"id": "gr-hasel-datenschutz", "type": "guardrail", "async": False, "deny": False,
         "checks": [{"id": "portkey.pii", "parameters": {"redact": True}},
                    {"id": "portkey.promptInjection"}]}]
    cfg = [bot,
           one_target("pc-hasel-schaden", a, "schaden-assistent", "vk-hasel-openai", "gpt-4o", 30000),
           one_target("pc-yarra-menu", b, "menu", "vk-yarra-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-yarra-tags", b, "tags", "vk-yarra-openai", "gpt-4o-mini", 20000)]
    t = [ticket(4201, a, "Latenz Kundenbot +600ms seit Mittag",
                "Hallo Ferrybridge-Team,\n\nseit heute ca. 13 Uhr (MEZ) ist unser Kundenbot spürbar träger. In "
                "unserem APM sieht das so aus:\n\n"
                "2027-03-04 13:14:22 CET INFO kundenbot.llm call_ms=1094 upstream_ms=447 model=gpt-4o-mini\n"
                "2027-03-04 13:14:25 CET INFO kundenbot.llm call_ms=1121 upstream_ms=469 model=gpt-4o-mini\n\n"
                "Vor 13 Uhr lag call_ms stabil knapp unter 500. Die Zeit beim Provider ist also unverändert, die "
                "zusätzlichen ~600 ms entstehen irgendwo bei euch. Unser Schadens-Assistent läuft über dasselbe "
                "Gateway und wirkt normal, was ich mir nicht erklären kann.\n\nHabt ihr heute Mittag etwas "
                "ausgerollt? An unserer Konfiguration haben wir meines Wissens nichts geändert.\n\n"
                "Beste Grüße\nTobias Brandauer\nTeamleitung Digitale Kanäle\nHasel & Stein Versicherung AG",
                at(D, "13:40"), "Tobias Brandauer")]
    return scenario(F, "heldout-latency-guardrail-expected-german",
                    "German ticket, CET time, pasted APM lines, the customer blaming a deploy: at 11:57 UTC someone "
                    "in the org added a model-based PII and prompt-injection guardrail to pc-hasel-kundenbot, and "
                    "from 12:00 its gateway time rises from ~12 ms to ~600 ms as the guardrail doc says; the org's "
                    "other configs are unchanged. An OpenAI connection-pool deploy at 12:06 (after the onset) and "
                    "an o3 latency incident are bystanders.",
                    now, CO3, [a, b], start, 4201, streams, an, t,
                    {4201: truth("latency-spike", "expected_behavior",
                                 ["config:pc-hasel-kundenbot", "docs:docs/guardrails/overview.md"],
                                 [f"github:deployment:{her}", other, "config:pc-hasel-schaden"],
                                 ["pc-hasel-kundenbot"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_GUARDRAILS])


def h3_retry_storm_two_causes():
    D, now = "2027-03-08", "2027-03-08T19:00:00Z"
    start = "2027-03-07T14:00:00Z"
    a = org("org_larkspur", "Larkspur Health Systems", "larkspurhealth.com", "growth")
    b = org("org_osage", "Osage Analytics", "osageanalytics.com", "scale")
    gh = github(CO3, 5301, start, now, 18)
    gauge = gh.deploy(5320, at(D, "15:40"), "ratelimit: export per-org TPM gauge to metrics",
                      ["src/ratelimit/metrics.ts"])
    bad = gh.deploy(5321, at(D, "15:48"), "embeddings: batch inputs per provider call",
                    ["src/routes/embeddings.ts", "src/providers/openai/embeddings-batcher.ts"],
                    message="embeddings: send up to 64 inputs per upstream call (#5120)")
    sp = Statuspage(now)
    other = sp.incident("openai", "g2h5j8k1l4z7", "Realtime API sessions failing to connect", at(D, "15:30"),
                        at(D, "16:40"), "Some Realtime API sessions fail to connect.", component="Realtime API")
    streams = [cycle(stream(a["id"], per_minute=16, error_rate=0.03, config_id="pc-larkspur-scribe",
                            key="vk-larkspur-scribe"), 13, 23, 0.3),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=10, p50=120,
                      p95=300, error_rate=0.03, prompt=2000, completion=0, config_id="pc-larkspur-indexer",
                      key="vk-larkspur-indexer"),
               stream(a["id"], model="gpt-4o-mini", per_minute=6, p50=500, p95=1200, error_rate=0.03,
                      config_id="pc-larkspur-coding", key="vk-larkspur-scribe"),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=120, p95=300,
                      prompt=900, completion=0, config_id="pc-osage-search"),
               stream(b["id"], per_minute=12, config_id="pc-osage-reports")]
    an = [errors(at(D, "15:52"), None, {"route": "/v1/embeddings"}, 0.4, 500, "internal_error"),
          volume(at(D, "15:55"), None, {"config_id": "pc-larkspur-indexer"}, 4.0),
          rate_limited(at(D, "16:00"), None, {"org": a["id"]}, 0.5)]
    cfg = [one_target("pc-larkspur-scribe", a, "ambient-scribe", "vk-larkspur-openai", "gpt-4o", 30000),
           one_target("pc-larkspur-indexer", a, "chart-indexer", "vk-larkspur-openai", "text-embedding-3-small",
                      10000),
           one_target("pc-larkspur-coding", a, "coding-hints", "vk-larkspur-openai", "gpt-4o-mini", 20000),
           one_target("pc-osage-search", b, "search", "vk-osage-openai", "text-embedding-3-small", 10000),
           one_target("pc-osage-reports", b, "reports", "vk-osage-openai", "gpt-4o", 30000)]
    t = [ticket(4301, a, "429 Too Many Requests on scribe - did our limit change??",
                "Hi,\n\nSince a little after 10 AM Central our ambient scribe app (the one our clincians use during "
                "visits) is getting 429s on something like half its calls. Nothing about the scribe changed today. "
                "Did someone lower our rate limt? We're on Growth and have never been anywhere near the limit.\n\n"
                "What our API client logs:\n\n"
                "WARN  2027-03-08T10:31:44-06:00 scribe-api  llm.request failed status=429 "
                "body={\"error\":{\"message\":\"Rate limit reached for organization\",\"type\":\"rate_limited\","
                "\"code\":429}} retry_after=20\n\n"
                "Probably unrelated, but our chart indexer has been getting some 500s from embeddings since this "
                "morning too. It has retries built in so it takes care of itself, we're definately not worried "
                "about that one.\n\nPlease look at this asap, we have clinics running all afternoon.\n\nThanks,\n"
                "Gabe Lindqvist\nDirector of Platform Engineering\nLarkspur Health Systems",
                at(D, "16:45"), "Gabe Lindqvist", priority="urgent")]
    return scenario(F, "heldout-api-errors-retry-storm-two-causes",
                    "Two causes, US Central time, pasted client log, the customer suspecting a lowered limit: deploy "
                    "#5321 (embeddings batching) at 15:48 makes 40% of every org's /v1/embeddings requests fail 500 "
                    "from 15:52 (secondary: deploy_regression); Larkspur's indexer retries them at once, its traffic "
                    "rises x4 from 15:55 and pushes the org over its Growth TPM budget, so from 16:00 half of all its "
                    "requests, the scribe's included, are refused 429 (primary: rate_limited, the larger count and "
                    "the ticket's complaint). A rate-limiter metrics deploy at 15:40 and a Realtime API incident are "
                    "bystanders; Osage's embeddings get the 500s but no 429.",
                    now, CO3, [a, b], start, 4301, streams, an, t,
                    {4301: truth("api-errors", "rate_limited", ["config:pc-larkspur-indexer"],
                                 [f"github:deployment:{gauge}", other, "config:pc-osage-search"],
                                 ["429", "16:00"], [secondary("deploy_regression", [f"github:deployment:{bad}"])])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_RATE_LIMITS])


def h3_webhook_no_fault_ja():
    D, now = "2027-03-10", "2027-03-10T08:00:00Z"
    start = "2027-03-09T03:00:00Z"
    a = org("org_tsubame", "Tsubame Holdings", "tsubame-hd.co.jp", "enterprise")
    b = org("org_vireo", "Vireo Ticketing", "vireoticket.com", "scale")
    c = org("org_quill", "Quill & Ink", "quillink.io", "growth")
    gh = github(CO3, 5401, start, now, 20)
    her = gh.deploy(5430, at(D, "05:30"), "webhooks: write delivery statuses in batches",
                    ["src/webhooks/status-writer.ts", "src/webhooks/dispatcher.ts"])
    pd = [pd_incident("PWHRETRY4", 9411, "webhook-dispatcher: retry queue depth above threshold",
                      at(D, "05:50"), at(D, "06:35"), "Webhooks")]
    prod = "https://api.tsubame-hd.co.jp/hooks/ferrybridge"
    quill = "https://quillink.io/api/webhooks"
    streams = [cycle(stream(a["id"], per_minute=20, error_rate=0.02, config_id="pc-tsubame-support"), 1, 9, 0.25),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      error_rate=0.02, config_id="pc-tsubame-docs"),
               stream(b["id"], per_minute=12, config_id="pc-vireo-helpdesk"),
               stream(c["id"], model="gpt-4o-mini", per_minute=8, p50=500, p95=1200, config_id="pc-quill-drafts")]
    cfg = [one_target("pc-tsubame-support", a, "support", "vk-tsubame-openai", "gpt-4o", 30000),
           one_target("pc-tsubame-docs", a, "docs", "vk-tsubame-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-vireo-helpdesk", b, "helpdesk", "vk-vireo-openai", "gpt-4o", 30000),
           one_target("pc-quill-drafts", c, "drafts", "vk-quill-openai", "gpt-4o-mini", 20000)]
    wh = {"streams": [{"org": a["id"], "endpoint": prod, "events": ["request.completed", "budget.exceeded"],
                       "per_minute": 5, "latency_ms": 160},
                      {"org": b["id"], "endpoint": "https://hooks.vireoticket.com/ferrybridge",
                       "events": ["request.completed"], "per_minute": 3, "latency_ms": 120},
                      {"org": c["id"], "endpoint": quill, "events": ["request.completed"], "per_minute": 2,
                       "latency_ms": 140}],
          "anomalies": [{"kind": "failures", "from": at(D, "05:40"), "to": at(D, "06:40"), "match": {"endpoint": quill},
                         "rate": 1.0, "status": 0, "error": "connection_refused"}]}
    t = [ticket(4401, a, "Webhook通知の欠落について",
                "Ferrybridge サポートご担当者様\n\nいつも大変お世話になっております。燕ホールディングス システム企画部の"
                "中村でございます。\n\n本日14時45分頃から15時30分頃（日本時間）にかけて、request.completed の Webhook "
                "通知が一部届いていないように見受けられます。弊社受信側のログでは、同時間帯の受信件数が前日の同じ時間帯と"
                "比べて明らかに少なくなっておりました。\n\n同時間帯に御社側で障害やメンテナンス等はございましたでしょうか。"
                "御社の配信システム側の問題でしたら、未達分の再送をお願いできますと幸いです。\n\n"
                "受信エンドポイント：https://api.tsubame-hd.co.jp/hooks/ferrybridge\n\n"
                "お忙しいところ恐縮ですが、ご確認のほどよろしくお願い申し上げます。\n\n中村 健一\n"
                "株式会社燕ホールディングス システム企画部", at(D, "07:10"), "Kenichi Nakamura")]
    return scenario(F, "heldout-webhook-no-fault-japanese",
                    "Japanese ticket in formal register, JST window 05:45-06:30 UTC: every delivery to Tsubame's "
                    "endpoint was answered 200 at its usual rate, before, during and after that window (no fault on "
                    "our side). Tempting: a webhook status-writer deploy at 05:30, a PagerDuty retry-queue page "
                    "05:50-06:35 and another org's endpoint refusing connections 05:40-06:40 (the page's cause).",
                    now, CO3, [a, b, c], start, 4401, streams, [], t,
                    {4401: truth("webhook-failures", "no_fault_found", [],
                                 [f"github:deployment:{her}", "pagerduty:incident:PWHRETRY4", f"endpoint:{quill}"],
                                 ["05:45"])},
                    github=gh, configs=cfg, webhooks=wh, pagerduty=pd, docs=[DOC_WEBHOOKS])


def h3_routing_sdk_header_es():
    D, now = "2027-03-12", "2027-03-12T13:00:00Z"
    start = "2027-03-11T08:00:00Z"
    a = org("org_almendro", "Almendro Seguros", "almendroseguros.es", "enterprise")
    b = org("org_kittiwake", "Kittiwake Labs", "kittiwake.dev", "scale")
    gh = github(CO3, 5501, start, now, 19)
    her = gh.deploy(5540, "2027-03-11T15:35:00Z", "anthropic adapter: cache_control on system blocks",
                    ["src/providers/anthropic/cache-control.ts"])
    gh.release(99801, "v3.4.0", "portkey-node v3.4.0",
               "## Features\n\n- Prompt caching for Anthropic models is switched on automatically (the client sends "
               "the `prompt-caching-2024-07-31` beta header).\n", "2027-03-05T12:00:00Z")
    gh.release(99802, "v3.4.1", "portkey-node v3.4.1",
               "## Fixes\n\n- Stop sending the `prompt-caching-2024-07-31` beta header. Anthropic retired it on "
               "11 March and now rejects requests that carry it with 400 invalid_request. Everyone on 3.4.0 who "
               "calls Claude should upgrade.\n", "2027-03-11T21:00:00Z")
    sp = Statuspage(now)
    other = sp.incident("anthropic", "e6r9t2y5u8i1", "Elevated errors on Claude Opus 4.1", "2027-03-11T19:00:00Z",
                        "2027-03-11T20:10:00Z", "Opus 4.1 requests return 500 errors at an elevated rate.")
    lin = [linear_issue("GW-1550", "anthropic adapter: cache_control dropped on tool result blocks",
                        "cache_control set on tool_result content blocks is not forwarded, so those blocks are never "
                        "cached. Requests succeed; only the cache hit rate suffers.", "2027-03-03T10:00:00Z",
                        labels=("bug", "provider:anthropic"))]
    node = "portkey-node/3.4.0"
    streams = [stream(a["id"], per_minute=16, error_rate=0.03, sdk=node, key="vk-almendro-api",
                      config_id="pc-almendro-tramites"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1400, p95=3400,
                      error_rate=0.03, sdk=node, key="vk-almendro-api", config_id="pc-almendro-dictamen"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1400, p95=3400,
                      error_rate=0.03, sdk="portkey-python/2.4.0", key="vk-almendro-revision",
                      config_id="pc-almendro-dictamen"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=6, p50=90, p95=210,
                      error_rate=0.02, prompt=500, completion=0, sdk="portkey-python/2.4.0",
                      key="vk-almendro-revision"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      sdk="portkey-node/3.3.2", config_id="pc-kittiwake-agent"),
               stream(b["id"], model="gpt-4o-mini", per_minute=8, p50=500, p95=1200, sdk="portkey-node/3.3.2",
                      config_id="pc-kittiwake-summaries")]
    an = [errors("2027-03-11T16:00:00Z", None, {"sdk": node, "provider": "anthropic"}, 1.0, 400, "invalid_request")]
    cfg = [one_target("pc-almendro-tramites", a, "tramites", "vk-almendro-openai", "gpt-4o", 30000),
           one_target("pc-almendro-dictamen", a, "dictamenes", "vk-almendro-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kittiwake-agent", b, "agent", "vk-kittiwake-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-kittiwake-summaries", b, "summaries", "vk-kittiwake-openai", "gpt-4o-mini", 20000)]
    t = [ticket(4501, a, "Claude devuelve 400 y GPT-4o no ¿cambio en vuestra integración?",
                "Hola,\n\nDesde ayer sobre las 17:00 (hora de Madrid) todas las llamadas a Claude de nuestro servicio "
                "de dictámenes fallan con un 400. Las llamadas a GPT-4o que hace ese mismo servicio funcionan "
                "perfectamente, así que ni la clave ni la red son el problema.\n\nEsto es lo que nos devuelve:\n\n"
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unexpected "
                "value(s) `prompt-caching-2024-07-31` for the `anthropic-beta` header. Please consult our "
                "documentation at docs.anthropic.com or try again without the header.\"}}\n\n"
                "Curiosamente, el worker de revisión (en Python) usa la misma configuración, pc-almendro-dictamen, y "
                "no le pasa nada. No sé si es casualidad.\n\nEn vuestro changelog vi que ayer tocasteis algo del "
                "cache_control de Anthropic, ¿puede venir de ahí? Nosotros no hemos desplegado nada en ese servicio "
                "desde el lunes.\n\nUn saludo,\nMarta Echeverría\nArquitectura de Soluciones · Almendro Seguros",
                at(D, "09:15"), "Marta Echeverría", priority="high")]
    return scenario(F, "heldout-routing-sdk-header-spanish",
                    "Spanish ticket, Madrid time, pasted Anthropic error, the customer blaming our adapter deploy: "
                    "from 16:00 UTC every Claude request sent by portkey-node/3.4.0 fails 400 invalid_request "
                    "(3.4.0 sends a beta header Anthropic retired that day; v3.4.1 stops sending it). The same "
                    "org's Python worker on the same config and model, its GPT-4o calls from 3.4.0 and the other "
                    "org's Claude traffic (3.3.2) are fine. The cache_control deploy at 15:35, an Opus incident in "
                    "the evening and an open cache_control bug are bystanders.",
                    now, CO3, [a, b], start, 4501, streams, an, t,
                    {4501: truth("provider-routing", "sdk_version", [f"sdk:{node}"],
                                 [f"github:deployment:{her}", other, "linear:issue:GW-1550"], ["3.4.0"])},
                    github=gh, statuspage=sp, linear=lin, configs=cfg)


def h3_webhook_404_stale_subject():
    D, now = "2027-03-13", "2027-03-13T15:00:00Z"
    start = "2027-03-12T10:00:00Z"
    a = org("org_quayside", "Quayside Mortgage", "quaysidemortgage.com", "enterprise")
    b = org("org_bramble", "Bramble Pay", "bramblepay.com", "scale")
    c = org("org_corvid", "Corvid Games", "corvidgames.gg", "growth")
    gh = github(CO3, 5601, start, now, 26)
    her = gh.deploy(5640, "2027-03-12T23:40:00Z", "webhooks: add x-ferrybridge-key-id header to deliveries",
                    ["src/webhooks/sign.ts", "src/webhooks/headers.ts"])
    pd = [pd_incident("PEDGE404X", 9502, "edge: elevated 404 rate on /v1/files after CDN rule change",
                      "2027-03-12T22:55:00Z", "2027-03-12T23:30:00Z", "API edge")]
    prod = "https://api.quaysidemortgage.com/v2/webhooks/ferrybridge"
    ops = "https://ops.quaysidemortgage.com/alerts/ferrybridge"
    streams = [stream(a["id"], per_minute=18, error_rate=0.02, config_id="pc-quayside-underwriting"),
               stream(a["id"], model="gpt-4o-mini", per_minute=10, p50=500, p95=1200, error_rate=0.02,
                      config_id="pc-quayside-docs"),
               stream(b["id"], per_minute=12, config_id="pc-bramble-disputes"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      config_id="pc-corvid-npc")]
    cfg = [one_target("pc-quayside-underwriting", a, "underwriting", "vk-quayside-openai", "gpt-4o", 30000),
           one_target("pc-quayside-docs", a, "doc-extraction", "vk-quayside-openai", "gpt-4o-mini", 20000),
           one_target("pc-bramble-disputes", b, "disputes", "vk-bramble-openai", "gpt-4o", 30000),
           one_target("pc-corvid-npc", c, "npc", "vk-corvid-anthropic", "claude-haiku-4-5", 20000)]
    wh = {"streams": [{"org": a["id"], "endpoint": prod, "events": ["request.completed"], "per_minute": 5,
                       "latency_ms": 150},
                      {"org": a["id"], "endpoint": ops, "events": ["budget.exceeded", "request.completed"],
                       "per_minute": 1, "latency_ms": 130},
                      {"org": b["id"], "endpoint": "https://hooks.bramblepay.com/ferrybridge",
                       "events": ["request.completed"], "per_minute": 3, "latency_ms": 110},
                      {"org": c["id"], "endpoint": "https://corvidgames.gg/api/fb-events",
                       "events": ["request.completed"], "per_minute": 2, "latency_ms": 170}],
          "anomalies": [{"kind": "failures", "from": "2027-03-12T23:12:00Z", "to": None, "match": {"endpoint": prod},
                         "rate": 1.0, "status": 404, "error": ""}]}
    t = [ticket(4601, a, "Re: Okta login for the new workspace",
                "Hi Dana,\n\nSSO is working great now, thanks again. Different problem, replying here because it's "
                "the thread I had handy:\n\nSince a little after 6pm ET yesterday every webhook to our loan-events "
                "endpoint has failed. Your delivery log shows 404 on every attempt, e.g.\n\n"
                "  request.completed  attempt 3/3  POST /v2/webhooks/ferrybridge  -> 404 Not Found  (148 ms)\n\n"
                "We haven't touched that endpoint. We did move our API gateway to the new k8s cluster last night, "
                "but the URL is exactly the same, I triple checked. Our ops alerts endpoint (different host) still "
                "gets your budget alerts fine, which makes me think you changed the path or the payload on your "
                "side? Someone on our team mentioned you had an incident with 404s last night.\n\nUnderwriting "
                "relies on these events to kick off the doc review, so we're doing it by hand right now.\n\n"
                "Thanks,\nOwen Castellano\nSenior Software Engineer, Quayside Mortgage\n\n"
                "On Mon, Mar 8, 2027 at 2:14 PM Dana Whitfield <support@ferrybridge.ai> wrote:\n"
                "> Hi Owen,\n> I've enabled SAML for the quaysidemortgage.com domain. Your IdP metadata is in place;\n"
                "> users will be redirected to Okta at next login. Let me know if anything looks off.\n> Dana",
                "2027-03-13T13:30:00Z", "Owen Castellano", priority="high")]
    return scenario(F, "heldout-webhook-endpoint-404-stale-subject",
                    "English reply under a stale Okta-login subject with the earlier answer quoted, US Eastern time, a "
                    "pasted delivery-log line, the customer suspecting our side: after their own cluster move, "
                    "Quayside's loan-events endpoint answers 404 to every delivery from 23:12 UTC while its ops "
                    "endpoint and other orgs' endpoints keep answering 200. A signing-header deploy at 23:40 (after "
                    "the onset) and an edge PagerDuty incident about 404s on /v1/files are bystanders.",
                    now, CO3, [a, b, c], start, 4601, streams, [], t,
                    {4601: truth("webhook-failures", "customer_endpoint", [f"endpoint:{prod}"],
                                 [f"github:deployment:{her}", "pagerduty:incident:PEDGE404X", f"endpoint:{ops}"],
                                 ["404", "23:12"])},
                    github=gh, configs=cfg, webhooks=wh, pagerduty=pd, docs=[DOC_WEBHOOKS])


def h3_wrong_provider_outage_pt():
    D, now = "2027-03-15", "2027-03-15T17:00:00Z"
    start = "2027-03-14T12:00:00Z"
    a = org("org_ipe", "Ipê Advocacia Digital", "ipeadv.com.br", "enterprise")
    b = org("org_dunlin", "Dunlin Travel", "dunlin.travel", "scale")
    gh = github(CO3, 5701, start, now, 21)
    her = gh.deploy(5740, at(D, "12:40"), "openai adapter: forward stream usage chunks",
                    ["src/providers/openai/stream.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "a7s1d4f8g2h6", "Elevated overloaded errors on Claude Sonnet 4.6", at(D, "13:05"),
                      at(D, "14:20"), "Requests to Claude Sonnet 4.6 are returning overloaded errors.")
    oai = sp.incident("openai", "p9o3i6u2y5t1", "Increased latency on GPT-4o", at(D, "12:50"), at(D, "14:30"),
                      "GPT-4o API responses are slower than usual.", impact="minor")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=18, p50=1400,
                            p95=3400, error_rate=0.03, config_id="pc-ipe-juridico", key="vk-ipe-anthropic"),
                     11, 21, 0.3),
               cycle(stream(a["id"], per_minute=14, error_rate=0.03, config_id="pc-ipe-triagem", key="vk-ipe-openai"),
                     11, 21, 0.3),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=90, p95=210,
                      error_rate=0.02, prompt=500, completion=0, key="vk-ipe-openai"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1400, p95=3400,
                      config_id="pc-dunlin-concierge"),
               stream(b["id"], per_minute=8, config_id="pc-dunlin-faq")]
    an = [errors(at(D, "13:05"), at(D, "14:20"), {"model": "claude-sonnet-4-6"}, 0.5, 529, "provider_overloaded"),
          latency(at(D, "12:50"), at(D, "14:30"), {"model": "gpt-4o"}, 2.2)]
    cfg = [config("pc-ipe-juridico", a["id"], "assistente-juridico",
                  [target("vk-ipe-anthropic", "claude-sonnet-4-6", 60000)], updated="2027-03-01T18:20:00Z"),
           one_target("pc-ipe-triagem", a, "triagem", "vk-ipe-openai", "gpt-4o", 30000),
           one_target("pc-dunlin-concierge", b, "concierge", "vk-dunlin-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-dunlin-faq", b, "faq", "vk-dunlin-openai", "gpt-4o", 30000)]
    t = [ticket(4701, a, "URGENTE: OpenAI fora do ar??",
                "Bom dia,\n\nDesde umas 10h (horário de Brasília) o nosso assistente jurídico está dando erro em "
                "mais ou menos metade das chamadas. Ele roda no GPT-4o e no status.openai.com aparece um incidente "
                "justamente no GPT-4o, então imagino que seja isso, certo?\n\nO erro que chega pra gente:\n\n"
                "{\"error\": {\"message\": \"Overloaded\", \"type\": \"provider_overloaded\", \"code\": 529}}\n\n"
                "Vocês têm previsão de quando a OpenAI normaliza? E seria o caso de mudar o assistente pro Claude "
                "enquanto isso? Temos prazos processuais hoje e os advogados estão parados.\n\nObrigado,\n"
                "Rodrigo Tavares\nCoordenador de Tecnologia – Ipê Advocacia Digital\nSão Paulo",
                at(D, "13:50"), "Rodrigo Tavares", priority="urgent")]
    return scenario(F, "heldout-api-errors-wrong-provider-portuguese",
                    "Brazilian Portuguese ticket, Brasília time, pasted error body, the customer naming the wrong "
                    "provider and model: pc-ipe-juridico has pointed at claude-sonnet-4-6 since 1 March, and its "
                    "failures are 529 overloaded 13:05-14:20 UTC during Anthropic's Sonnet incident (every org on "
                    "that model). OpenAI's GPT-4o latency incident is real but only slows the org's GPT-4o config; "
                    "an OpenAI stream-usage deploy at 12:40 is a bystander.",
                    now, CO3, [a, b], start, 4701, streams, an, t,
                    {4701: truth("api-errors", "provider_outage", [inc], [oai, f"github:deployment:{her}"],
                                 ["claude-sonnet-4-6", "529"])},
                    github=gh, statuspage=sp, configs=cfg)


def h3_billing_two_causes_domain():
    now = "2027-03-17T04:00:00Z"
    start = "2027-03-16T00:00:00Z"
    a = org("org_sorrel", "Sorrel Learning", "sorrellearning.co.nz", "enterprise", cus="cus_S9sorrel")
    b = org("org_tern", "Tern Logistics", "ternlogistics.com", "scale")
    gh = github(CO3, 5801, start, now, 17)
    her = gh.deploy(5840, "2027-03-16T11:00:00Z", "billing: VAT number in the invoice PDF footer",
                    ["src/billing/invoice-pdf.ts"])
    lin = [linear_issue("GW-1610", "Usage page: cached tokens shown inside the input column",
                        "The usage page adds cached input tokens to its input column; the invoice lines read the "
                        "meters and are not affected.", "2027-03-09T10:00:00Z", labels=("bug", "dashboard"))]
    pd = [pd_incident("PMTRDUP55", 9603, "meter-events: duplicate publishes after consumer-group rebalance",
                      "2027-03-16T01:55:00Z", "2027-03-16T08:10:00Z", "Billing pipeline")]
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=20, p50=1400, p95=3400,
                            error_rate=0.02, prompt=4200, completion=380, cached=0.55, config_id="pc-sorrel-tutor"),
                     1, 10, 0.2),
               stream(a["id"], per_minute=12, error_rate=0.02, prompt=2600, completion=500, cached=0.2,
                      config_id="pc-sorrel-marking"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=90, p95=210,
                      error_rate=0.02, prompt=500, completion=0),
               stream(b["id"], per_minute=14, config_id="pc-tern-dispatch", prompt=1500, completion=300)]
    cfg = [one_target("pc-sorrel-tutor", a, "tutor", "vk-sorrel-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-sorrel-marking", a, "marking", "vk-sorrel-openai", "gpt-4o", 30000),
           one_target("pc-tern-dispatch", b, "dispatch", "vk-tern-openai", "gpt-4o", 30000)]

    def m(name, nickname, counts, amount, faults=()):
        return {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": "excluded",
                "unit_amount_decimal": amount, "faults": list(faults)}

    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.00025", "faults": [],
            "meters": [m("llm_input_tokens", "Input tokens", ["prompt_tokens"], "0.00025"),
                       m("llm_output_tokens", "Output tokens", ["completion_tokens"], "0.001",
                         [{"kind": "double_count", "from": "2027-03-16T02:00:00Z", "to": "2027-03-16T08:00:00Z",
                           "match": {}}]),
                       m("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], "0.000025")],
            "invoices": [{"id": "in_1Sorrel0316", "org": a["id"], "status": "open", "from": start,
                          "to": "2027-03-17T00:00:00Z",
                          "extra_lines": [{"description": "Seats (60 × $35.00)", "nickname": "Seats", "quantity": 60,
                                           "unit_amount": 3500},
                                          {"description": "Premium support (monthly, prorated)",
                                           "nickname": "Premium support", "quantity": 1, "unit_amount": 4000}]}]}
    old = {"id": "cus_L2sorrelold", "object": "customer", "email": "mark.ellery@gmail.com", "name": "Sorrel Learning",
           "created": 1672531200, "currency": "usd", "delinquent": False, "livemode": False, "metadata": {}}
    custs = [customer(a, "accounts", with_org_id=False), customer(b), old]
    t = [ticket(4801, a, "Invoice in_1Sorrel0316 - two token lines don't reconcile",
                "Hello,\n\nWe reconcile every Ferrybridge invoice against the request logs our developers export from "
                "the gateway, and the one for 16 March (in_1Sorrel0316) is off in two places:\n\n"
                "- \"Input tokens\" is roughly 40% below the prompt_tokens total in our export for the same day "
                "(UTC).\n"
                "- \"Output tokens\" is almost 30% ABOVE our completion_tokens total.\n\n"
                "There's also a \"Cached input tokens\" line we can't map to anything in our export. Seats and premium "
                "support are as agreed.\n\nCould you explain both differences? If we've been overcharged on output "
                "we'd expect a credit note before we pay. I assume the input one is in our favour, but our auditors "
                "will still want to know why.\n\nKind regards,\nFiona Gallagher\nFinance Operations Manager\n"
                "Sorrel Learning Ltd | Auckland\n\n---------- Forwarded message ---------\nFrom: Jamie Okafor\n"
                "> our numbers are straight from the gateway log export, summed per UTC day, nothing filtered out",
                "2027-03-17T03:40:00Z", "Fiona Gallagher")]
    return scenario(F, "heldout-billing-two-causes-domain",
                    "Two causes on one invoice, English ticket from New Zealand with a forwarded note: the "
                    "output-token meter counted 02:00-08:00 twice (PagerDuty PMTRDUP55, primary: billing_pipeline), "
                    "and the input line is below the logged prompt tokens because cached input tokens (55% of the "
                    "tutor's) are on their own line at a tenth of the price, as documented (secondary: "
                    "expected_behavior). Three meters, seats and a "
                    "support line; the org's Stripe customer has no org metadata (found by e-mail domain) and an old "
                    "customer with the same name sits on a personal address. A VAT-footer deploy and a usage-page "
                    "bug are bystanders.",
                    now, CO3, [a, b], start, 4801, streams, [], t,
                    {4801: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Sorrel0316"],
                                 [f"github:deployment:{her}", "linear:issue:GW-1610",
                                  "stripe:customer:cus_L2sorrelold"],
                                 ["output", "02:00"],
                                 [secondary("expected_behavior", ["docs:docs/billing/token-meters.md"])])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd, stripe_customers=custs,
                    docs=[DOC_METERS2, DOC_CACHING])



ALL = [h_outage_ja, h_latency_question_no_fault, h_webhook_tls_de, h_routing_config_pt, h_fallback_noisy_es,
       h_billing_double_fr, h_metadata_sdk_es, h_rate_limited_typos, h_latency_deploy_many_stale,
       h_two_causes_outage_config, h_billing_cached_question, h_webhook_deploy_wrong_guess, h_api_errors_other_model,
       h2_responses_deploy_de, h2_opus_outage_sydney, h2_fallback_loadbalance_fr, h2_metadata_known_bug_es,
       h2_billing_dropped_input_meter, h2_billing_utc_day_ja, h2_webhook_timeout_pt, h2_rate_limited_traceback,
       h2_sdk_version_typos, h2_routing_no_fault_noisy_ist,
       h3_fallback_nested_known_bug_fr, h3_latency_guardrail_expected_de, h3_retry_storm_two_causes,
       h3_webhook_no_fault_ja, h3_routing_sdk_header_es, h3_webhook_404_stale_subject, h3_wrong_provider_outage_pt,
       h3_billing_two_causes_domain]


if __name__ == "__main__":
    write_all(ALL)
