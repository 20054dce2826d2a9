#!/usr/bin/env python3
"""The library's second set of scenarios: tickets written the way customers write them (several
languages, questions, typos, negation, stale subjects, wrong guesses) over data shaped the way
real systems shape it (background error rates, daily cycles, several configs per org, many
deploys, incidents on another product or model, two causes at once, true no-fault cases).
Run it to rewrite the JSON files; the truth of each is read from the data declared here."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def api_errors_outage_es():
    D, now = "2026-12-01", "2026-12-01T16:30:00Z"
    a = org("org_azahar", "Azahar Seguros", "azahar.es", "scale")
    b = org("org_brio", "Brio Labs", "briolabs.io", "growth")
    c = org("org_cobalt", "Cobalt Freight", "cobaltfreight.com", "enterprise")
    gh = github(CO, 2101, "2026-11-30T14:00:00Z", now, 12)
    gh.deploy(2120, at(D, "14:02"), "dashboard: anthropic logo refresh", ["ui/providers/logos.tsx"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "a7kq2m9x4vbn", "Elevated overloaded errors on Claude Sonnet 4.6",
                      at(D, "14:10"), at(D, "15:05"), "Claude Sonnet 4.6 requests are returning 529 overloaded errors.")
    other = sp.incident("anthropic", "h3zt8w2p6rly", "Degraded performance on claude.ai", at(D, "09:00"), at(D, "09:40"),
                        "Some users of claude.ai see slow responses.", component="claude.ai", impact="minor")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=18, p50=1300, p95=3000,
                      config_id="pc-azahar-claims", sdk="portkey-node/1.8.0", metadata={"feature": "claims"}),
               stream(a["id"], route="/v1/embeddings", provider="openai", model="text-embedding-3-small",
                      per_minute=6, p50=90, p95=200, prompt=400, completion=0),
               stream(b["id"], per_minute=14, config_id="pc-brio-main"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=500, p95=1200,
                      config_id="pc-cobalt-ops")]
    an = [errors(at(D, "14:10"), at(D, "15:05"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 0.4, 529,
                 "provider_overloaded")]
    cfg = [one_target("pc-azahar-claims", a, "claims", "vk-azahar-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-brio-main", b, "main", "vk-brio-openai", "gpt-4o", 30000),
           config("pc-cobalt-ops", c["id"], "ops", [target("vk-cobalt-anthropic", "claude-haiku-4-5", 20000)])]
    t = [ticket(5101, a, "Errores 529 en producción",
                "Hola equipo,\n\nDesde las 15:10 (hora de Madrid) casi la mitad de nuestras llamadas a Claude "
                "devuelven error 529 \"overloaded\". No hemos cambiado nada en nuestra integración. ¿Qué está "
                "pasando? Nuestro flujo de siniestros está parado.\n\nGracias,\nLucía",
                at(D, "15:20"), "Lucía Navarro", priority="high")]
    q = [question(5102, b, at(D, "11:00"), "SSO", "Does the growth plan include SAML SSO or only scale?")]
    return scenario("", "api-errors-provider-outage-spanish",
                    "Azahar's Claude Sonnet traffic gets 529 overloaded 14:10-15:05 UTC during an Anthropic incident on "
                    "that model; the ticket is in Spanish with Madrid time. A claude.ai incident in the morning and "
                    "a dashboard deploy at 14:02 are bystanders among a dozen routine deploys.",
                    now, CO, [a, b, c], "2026-11-30T14:00:00Z", 5101, streams, an, t,
                    {5101: truth("api-errors", "provider_outage", [inc], [other, "github:deployment:2120"],
                                 ["529", "14:10"])},
                    github=gh, statuspage=sp, configs=cfg, questions=q)


def api_errors_other_product_incident():
    D, now = "2026-12-02", "2026-12-02T12:00:00Z"
    a = org("org_dune", "Dune Analytics Co", "dune-analytics.co", "scale")
    b = org("org_elm", "Elm Health", "elmhealth.org", "enterprise")
    gh = github(CO, 3301, "2026-12-01T08:00:00Z", now, 14)
    dep = gh.deploy(3320, at(D, "09:28"), "openai adapter: stream usage chunks",
                    ["src/providers/openai/chat.ts", "src/providers/openai/stream.ts"],
                    message="providers/openai: request usage in the final stream chunk (#2210)")
    sp = Statuspage(now)
    other = sp.incident("openai", "s0r4v1d3e8qq", "Sora video generations failing", at(D, "09:20"), at(D, "10:30"),
                        "Sora video generations fail for some users.", component="Sora")
    streams = [stream(a["id"], per_minute=20, config_id="pc-dune-main", sdk="openai-python/1.54.0"),
               stream(b["id"], per_minute=16, config_id="pc-elm-prod", sdk="portkey-node/1.8.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1200, p95=2900,
                      config_id="pc-elm-claude")]
    an = [errors(at(D, "09:31"), None, {"provider": "openai"}, 0.35, 500, "internal_error")]
    cfg = [one_target("pc-dune-main", a, "main", "vk-dune-openai", "gpt-4o", 30000),
           one_target("pc-elm-prod", b, "prod", "vk-elm-openai", "gpt-4o", 30000),
           one_target("pc-elm-claude", b, "claude", "vk-elm-anthropic", "claude-sonnet-4-6", 30000)]
    lin = [linear_issue("GW-601", "Anthropic adapter drops stop_sequences", "stop_sequences are not forwarded to "
                        "Anthropic. Anthropic targets only.", "2026-11-28T10:00:00Z")]
    t = [ticket(5201, a, "500 errors on gpt-4o since this morning",
                "Since about 9:30 UTC roughly a third of our gpt-4o calls come back as HTTP 500 internal_error. "
                "I saw OpenAI has an incident on their status page, I guess it's that? How long until it's fixed?",
                at(D, "11:10"), "Noor Haddad", priority="high")]
    return scenario("", "api-errors-other-product-incident",
                    "Deploy #3320 changed the OpenAI adapter's streaming at 09:28; from 09:31 a third of every org's "
                    "OpenAI requests fail 500 internal_error. The customer guesses OpenAI's incident, which is on Sora "
                    "(another product). Anthropic traffic is fine.",
                    now, CO, [a, b], "2026-12-01T08:00:00Z", 5201, streams, an, t,
                    {5201: truth("api-errors", "deploy_regression", [f"github:deployment:{dep}"],
                                 [other, "linear:issue:GW-601", "github:deployment:3313", "github:deployment:3314"], ["09:31", "500"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def api_errors_noisy_org_no_fault():
    D, now = "2026-12-03", "2026-12-03T15:00:00Z"
    a = org("org_fjord", "Fjord Commerce", "fjordcommerce.no", "enterprise")
    b = org("org_gale", "Gale Media", "galemedia.tv", "growth")
    gh = github(CO, 4401, "2026-12-02T10:00:00Z", now, 10)
    sus = gh.deploy(4412, at(D, "13:55"), "gateway: retry budget metrics", ["src/router/retry-metrics.ts"])
    sp = Statuspage(now)
    herring = sp.incident("openai", "q9w8e7r6t5yu", "Elevated error rate for gpt-4o-mini", at(D, "13:40"),
                          at(D, "14:20"), "Increased errors for gpt-4o-mini.")
    streams = [stream(a["id"], per_minute=30, error_rate=0.035, config_id="pc-fjord-shop", p50=700, p95=1800),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=20, p50=120,
                      p95=260, error_rate=0.03, prompt=500, completion=0),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3100,
                      config_id="pc-gale-main")]
    cfg = [one_target("pc-fjord-shop", a, "shop", "vk-fjord-openai", "gpt-4o", 30000),
           one_target("pc-gale-main", b, "main", "vk-gale-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(5301, a, "Are you having an outage? seeing errors",
                "Our on-call got paged for errors from the gateway this afternoon, around 14:00 UTC. Is something "
                "broken on your side? We saw you deployed something and OpenAI had an incident too.",
                at(D, "14:40"), "Sigrid Berg")]
    return scenario("", "api-errors-noisy-org-no-fault",
                    "Fjord is a large org whose gpt-4o and embeddings traffic always fails at 3-3.5% (400/500 mix); "
                    "the afternoon looks like every other hour. A gateway metrics deploy at 13:55 and an OpenAI "
                    "gpt-4o-mini incident (a model Fjord does not use) tempt; nothing changed.",
                    now, CO, [a, b], "2026-12-02T10:00:00Z", 5301, streams, [], t,
                    {5301: truth("api-errors", "no_fault_found", [], [herring, f"github:deployment:{sus}"], ["14:00"])},
                    github=gh, statuspage=sp, configs=cfg)


def api_errors_rate_limited_question():
    D, now = "2026-12-04", "2026-12-04T18:00:00Z"
    a = org("org_heath", "Heath Robotics", "heathrobotics.com", "growth")
    b = org("org_iris", "Iris Learning", "irislearning.edu", "scale")
    gh = github(CO, 5501, "2026-12-03T14:00:00Z", now, 11)
    her = gh.deploy(5515, at(D, "15:50"), "rate limiter: expose remaining-tokens header",
                    ["src/ratelimit/headers.ts"])
    streams = [stream(a["id"], per_minute=12, config_id="pc-heath-bot"),
               stream(a["id"], route="/v1/batch-embed", provider="openai", model="text-embedding-3-small",
                      per_minute=5, p50=150, p95=400, prompt=3000, completion=0),
               stream(b["id"], per_minute=20, config_id="pc-iris-tutor")]
    an = [volume(at(D, "16:00"), None, {"org": a["id"], "route": "/v1/batch-embed"}, 7.0),
          rate_limited(at(D, "16:00"), None, {"org": a["id"]}, 0.45)]
    cfg = [one_target("pc-heath-bot", a, "bot", "vk-heath-openai", "gpt-4o", 30000),
           one_target("pc-iris-tutor", b, "tutor", "vk-iris-openai", "gpt-4o", 30000)]
    t = [ticket(5401, a, "why are we getting 429 too many requests?",
                "Quick question — why would our requests start getting 429 Too Many Requests since 4pm UTC? We "
                "haven't changed our plan. Is there a limit we don't know about?", at(D, "17:30"), "Omar Said")]
    return scenario("", "api-errors-rate-limited-question",
                    "A problem phrased as a question: Heath's /v1/batch-embed job multiplies its traffic by 7 from "
                    "16:00 and 45% of the org's requests are refused 429 rate_limited. A rate-limiter header deploy "
                    "at 15:50 is a bystander (other orgs are not limited).",
                    now, CO, [a, b], "2026-12-03T14:00:00Z", 5401, streams, an, t,
                    {5401: truth("api-errors", "rate_limited", ["route:/v1/batch-embed"], [f"github:deployment:{her}"],
                                 ["429", "16:00"])},
                    github=gh, configs=cfg, docs=[DOC_RATE_LIMITS])


def api_errors_wrong_guess():
    D, now = "2026-12-05", "2026-12-05T11:00:00Z"
    a = org("org_jade", "Jade Payments", "jadepay.com", "enterprise")
    b = org("org_kite", "Kite Maps", "kitemaps.io", "scale")
    gh = github(CO, 6601, "2026-12-04T06:00:00Z", now, 15)
    blamed = gh.deploy(6620, at(D, "08:58"), "router: weighted loadbalance rounding", ["src/router/loadbalance.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "z1x2c3v4b5nm", "Elevated 503 errors on GPT-4o", at(D, "09:05"), at(D, "10:20"),
                      "GPT-4o requests return 503 at an elevated rate.")
    streams = [stream(a["id"], per_minute=24, config_id="pc-jade-risk", p50=650, p95=1500),
               stream(b["id"], per_minute=12, config_id="pc-kite-geo"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=400, p95=900,
                      config_id="pc-kite-geo")]
    an = [errors(at(D, "09:05"), at(D, "10:20"), {"provider": "openai", "model": "gpt-4o"}, 0.3, 503,
                 "provider_unavailable")]
    cfg = [one_target("pc-jade-risk", a, "risk", "vk-jade-openai", "gpt-4o", 20000),
           config("pc-kite-geo", b["id"], "geo", [target("vk-kite-openai", "gpt-4o", 20000, [503], 1),
                                                   target("vk-kite-anthropic", "claude-haiku-4-5")], mode="loadbalance")]
    t = [ticket(5501, a, "Your 9am deploy broke our payments risk scoring",
                "Right after your deploy this morning (we saw the changelog) our risk-scoring calls started failing "
                "with 503s. Please roll it back ASAP. Calls go to gpt-4o through pc-jade-risk.", at(D, "10:05"),
                "Daniel Okafor", priority="urgent")]
    return scenario("", "api-errors-customer-wrong-guess",
                    "Jade blames deploy #6620 (load-balancer rounding, a mode Jade's single-target config does not "
                    "use); the data shows 503 provider_unavailable on gpt-4o for every org 09:05-10:20, matching "
                    "OpenAI's GPT-4o incident.",
                    now, CO, [a, b], "2026-12-04T06:00:00Z", 5501, streams, an, t,
                    {5501: truth("api-errors", "provider_outage", [inc], [f"github:deployment:{blamed}"],
                                 ["503", "09:05"])},
                    github=gh, statuspage=sp, configs=cfg)


def api_errors_two_causes():
    D, now = "2026-12-06", "2026-12-06T17:00:00Z"
    a = org("org_lark", "Lark Studio", "larkstudio.design", "growth")
    b = org("org_moss", "Moss Bank", "mossbank.com", "enterprise")
    gh = github(CO, 7701, "2026-12-05T12:00:00Z", now, 10)
    her = gh.deploy(7720, at(D, "13:50"), "images: new size presets in the playground", ["ui/playground/images.tsx"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "m2n4b6v8c0xz", "Elevated errors on Claude API", at(D, "14:00"), at(D, "15:30"),
                      "We are seeing elevated 529 errors across Claude models.")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-lark-writer"),
               stream(a["id"], route="/v1/images/generations", model="gpt-image-1", per_minute=4, p50=9000,
                      p95=16000, prompt=80, completion=0, config_id="pc-lark-images"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1250, p95=2900,
                      config_id="pc-moss-chat")]
    an = [errors(at(D, "14:00"), at(D, "15:30"), {"provider": "anthropic"}, 0.35, 529, "provider_overloaded"),
          volume(at(D, "14:15"), None, {"org": a["id"], "route": "/v1/images/generations"}, 8.0),
          rate_limited(at(D, "14:15"), None, {"org": a["id"], "route": "/v1/images/generations"}, 0.5)]
    cfg = [one_target("pc-lark-writer", a, "writer", "vk-lark-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-lark-images", a, "images", "vk-lark-openai", "gpt-image-1", 60000),
           one_target("pc-moss-chat", b, "chat", "vk-moss-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(5601, a, "lots of failures this afternoon",
                "From about 14:00 UTC both our copywriter (Claude) and our image generator are failing a lot. The "
                "writer gets 529s, the images endpoint 429s. Same root cause? What should we do?", at(D, "16:20"),
                "Elena Park")]
    return scenario("", "api-errors-two-causes",
                    "Two causes at once for Lark: from 14:15 Lark's image job multiplies its traffic by 8 and half of it "
                    "is refused 429 rate_limited (primary: ~2,600 failures), and Anthropic's incident gives 529s on "
                    "Claude 14:00-15:30 for every org (secondary: ~380 of Lark's failures).",
                    now, CO, [a, b], "2026-12-05T12:00:00Z", 5601, streams, an, t,
                    {5601: truth("api-errors", "rate_limited", ["route:/v1/images/generations"], [f"github:deployment:{her}"],
                                 ["529", "429"], [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_RATE_LIMITS])


def latency_deploy_pt():
    D, now = "2026-12-07", "2026-12-07T15:00:00Z"
    a = org("org_nuvem", "Nuvem Pagamentos", "nuvempag.com.br", "scale")
    b = org("org_oak", "Oak Legal", "oaklegal.co.uk", "growth")
    c = org("org_pine", "Pine Retail", "pineretail.com", "enterprise")
    gh = github(CO, 8801, "2026-12-06T10:00:00Z", now, 16)
    bad = gh.deploy(8830, at(D, "11:48"), "guardrails: run PII scan inline on chat requests",
                    ["src/guardrails/pii.ts", "src/routes/chat.ts"],
                    message="guardrails: scan chat prompts for PII before routing (#2301)")
    near = gh.deploy(8831, at(D, "12:10"), "dashboard: latency chart tooltips", ["ui/dashboard/latency-chart.tsx"])
    streams = [stream(a["id"], per_minute=18, config_id="pc-nuvem-atende", p50=700, p95=1600, gateway_ms=50),
               stream(b["id"], per_minute=10, config_id="pc-oak-draft", gateway_ms=50),
               stream(c["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=14, p50=90, p95=200,
                      prompt=400, completion=0)]
    an = [latency(at(D, "11:50"), None, {"route": "/v1/chat/completions"}, 20.0, component="gateway")]
    cfg = [one_target("pc-nuvem-atende", a, "atende", "vk-nuvem-openai", "gpt-4o", 30000),
           one_target("pc-oak-draft", b, "draft", "vk-oak-openai", "gpt-4o", 30000)]
    t = [ticket(5701, a, "Lentidão nas respostas do chat",
                "Olá! Desde o fim da manhã (por volta de 8h50 em São Paulo) as respostas do nosso assistente "
                "ficaram bem mais lentas. O tempo de resposta quase dobrou. Não mudamos nada do nosso lado. "
                "Podem verificar?", at(D, "13:30"), "Rafael Souza")]
    return scenario("", "latency-spike-deploy-portuguese",
                    "Deploy #8830 (inline PII scan on chat requests) adds gateway time on /v1/chat/completions for "
                    "every org from 11:50; embeddings are untouched. Portuguese ticket with São Paulo time. A "
                    "dashboard deploy at 12:10 and 16 routine deploys are bystanders.",
                    now, CO, [a, b, c], "2026-12-06T10:00:00Z", 5701, streams, an, t,
                    {5701: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"],
                                 [f"github:deployment:{near}"], ["11:50"])},
                    github=gh, configs=cfg)


def latency_business_hours_de():
    D, now = "2026-12-08", "2026-12-08T16:00:00Z"
    a = org("org_quelle", "Quelle Logistik", "quelle-logistik.de", "scale")
    b = org("org_rook", "Rook Security", "rooksec.io", "enterprise")
    gh = github(CO, 9901, "2026-12-07T10:00:00Z", now, 12)
    sus = gh.deploy(9915, at(D, "12:55"), "gateway: upgrade http client", ["src/http/client.ts"])
    sp = Statuspage(now)
    herring = sp.incident("anthropic", "d5f7g9h1j3kl", "Elevated latency on Claude Opus 4.1", at(D, "12:30"),
                          at(D, "13:30"), "Claude Opus 4.1 responses are slower than usual.")
    streams = [stream(a["id"], per_minute=35, config_id="pc-quelle-dispo", p50=900, p95=2400),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=15, p50=1300, p95=3100,
                      config_id="pc-rook-soc")]
    cfg = [one_target("pc-quelle-dispo", a, "dispo", "vk-quelle-openai", "gpt-4o", 30000),
           one_target("pc-rook-soc", b, "soc", "vk-rook-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(5801, a, "Antwortzeiten mittags deutlich schlechter",
                "Hallo,\n\nseit heute Mittag (ca. 14 Uhr MEZ) kommt es uns so vor, als wären die Antworten langsamer. "
                "Habt ihr etwas deployed? Auf eurer Statusseite steht auch eine Störung.\n\nViele Grüße\nJonas",
                at(D, "14:20"), "Jonas Weber")]
    return scenario("", "latency-spike-business-hours-no-fault",
                    "German ticket: Quelle feels slower at lunchtime; the logs show the usual daily traffic cycle with "
                    "flat p50/p95 and gateway time. An HTTP-client deploy at 12:55 and an Opus incident (a model "
                    "Quelle does not use) tempt; nothing is wrong.",
                    now, CO, [a, b], "2026-12-07T10:00:00Z", 5801, streams, [], t,
                    {5801: truth("latency-spike", "no_fault_found", [], [herring, f"github:deployment:{sus}"], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_provider_ja():
    D, now = "2026-12-09", "2026-12-09T09:00:00Z"
    a = org("org_sakura", "Sakura Bank", "sakurabank.jp", "enterprise")
    b = org("org_tern", "Tern Games", "terngames.com", "growth")
    gh = github(CO, 1501, "2026-12-08T04:00:00Z", now, 10)
    near = gh.deploy(1520, at(D, "04:50"), "usage rollup: hourly partitions", ["src/jobs/usage-rollup.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "k8j7h6g5f4ds", "Increased latency for GPT-4o", at(D, "05:00"), at(D, "07:10"),
                      "GPT-4o responses are slower than normal.", impact="minor")
    other = sp.incident("openai", "v6b5n4m3l2kj", "ChatGPT login issues", at(D, "05:20"), at(D, "06:00"),
                        "Some users cannot log in to ChatGPT.", component="ChatGPT")
    streams = [stream(a["id"], per_minute=22, config_id="pc-sakura-faq", p50=800, p95=1900),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=16, p50=450, p95=1000,
                      config_id="pc-tern-npc")]
    an = [latency(at(D, "05:00"), at(D, "07:10"), {"provider": "openai", "model": "gpt-4o"}, 3.0)]
    cfg = [one_target("pc-sakura-faq", a, "faq", "vk-sakura-openai", "gpt-4o", 60000),
           one_target("pc-tern-npc", b, "npc", "vk-tern-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(5901, a, "応答が遅い件について",
                "お世話になっております。本日14時（日本時間）頃から、FAQボットの応答時間が通常の3倍ほどかかっています。"
                "こちらでは設定を変更していません。原因を調査していただけますか。", at(D, "07:30"), "Haruto Sato")]
    return scenario("", "latency-spike-provider-japanese",
                    "Japanese ticket with JST time: OpenAI gpt-4o provider time ×3 05:00-07:10 UTC, matching OpenAI's "
                    "GPT-4o latency incident. A ChatGPT login incident (another product) at the same time and a "
                    "rollup deploy at 04:50 are bystanders.",
                    now, CO, [a, b], "2026-12-08T04:00:00Z", 5901, streams, an, t,
                    {5901: truth("latency-spike", "provider_outage", [inc], [other, f"github:deployment:{near}"],
                                 ["05:00", "gpt-4o"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_other_model_incident():
    D, now = "2026-12-10", "2026-12-10T20:00:00Z"
    a = org("org_umber", "Umber Studio", "umber.studio", "scale")
    b = org("org_vale", "Vale Insurance", "valeins.com", "enterprise")
    gh = github(CO, 2601, "2026-12-09T16:00:00Z", now, 13)
    bad = gh.deploy(2620, at(D, "17:03"), "anthropic adapter: buffer SSE events for tool calls",
                    ["src/providers/anthropic/stream.ts"],
                    message="providers/anthropic: buffer server-sent events until a tool call is complete (#2330)")
    sp = Statuspage(now)
    other = sp.incident("anthropic", "r5t6y7u8i9op", "Elevated latency on Claude Haiku 4.5", at(D, "17:00"),
                        at(D, "18:00"), "Claude Haiku 4.5 requests are slower than usual.")
    streams = [stream(a["id"], provider="anthropic", model="claude-opus-4-1", per_minute=10, p50=2500, p95=6000,
                      config_id="pc-umber-story", gateway_ms=120),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1200, p95=2800,
                      config_id="pc-vale-claims", gateway_ms=120),
               stream(b["id"], per_minute=12, config_id="pc-vale-gpt")]
    an = [latency(at(D, "17:05"), None, {"provider": "anthropic"}, 20.0, component="gateway")]
    cfg = [one_target("pc-umber-story", a, "story", "vk-umber-anthropic", "claude-opus-4-1", 60000),
           one_target("pc-vale-claims", b, "claims", "vk-vale-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-vale-gpt", b, "gpt", "vk-vale-openai", "gpt-4o", 30000)]
    t = [ticket(6001, a, "Opus responses slow — Anthropic incident?",
                "Our Opus calls got noticeably slower since ~17:00 UTC. Anthropic shows an incident, so I assume "
                "it's on their side, but can you confirm and tell us when it will be over?", at(D, "19:10"),
                "Theo Laurent")]
    return scenario("", "latency-spike-other-model-incident",
                    "Deploy #2620 buffers Anthropic server-sent events in the gateway: from 17:05 gateway time on "
                    "every Anthropic request (Opus and Sonnet, all orgs) rises from ~120 ms to ~2.4 s; OpenAI traffic is unchanged. "
                    "Anthropic's incident is on Haiku 4.5, a model nobody here uses.",
                    now, CO, [a, b], "2026-12-09T16:00:00Z", 6001, streams, an, t,
                    {6001: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"], [other],
                                 ["17:05"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_typos():
    D, now = "2026-12-11", "2026-12-11T13:00:00Z"
    a = org("org_wisp", "Wisp Mobile", "wispmobile.app", "growth")
    b = org("org_xeno", "Xeno Bio", "xenobio.com", "enterprise")
    gh = github(CO, 3601, "2026-12-10T08:00:00Z", now, 11)
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "w3e4r5t6y7ui", "Increased latency on Claude Sonnet 4.6", at(D, "09:15"),
                      at(D, "11:00"), "Sonnet 4.6 responses are slower than normal.", impact="minor")
    old = sp.incident("anthropic", "p0o9i8u7y6tr", "Elevated errors on Claude Sonnet 4.6", "2026-12-10T10:00:00Z",
                      "2026-12-10T10:40:00Z", "Elevated errors.")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=16, p50=1100, p95=2600,
                      config_id="pc-wisp-app"),
               stream(b["id"], per_minute=18, config_id="pc-xeno-lab")]
    an = [latency(at(D, "09:15"), at(D, "11:00"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 2.8)]
    cfg = [one_target("pc-wisp-app", a, "app", "vk-wisp-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-xeno-lab", b, "lab", "vk-xeno-openai", "gpt-4o", 30000)]
    t = [ticket(6101, a, "respones realy slow",
                "hey, our app responces are super slow since this morining, like 3x the ususal latancy on claude "
                "sonet. anything going on?? users are complaning", at(D, "11:20"), "Kai Brooks")]
    return scenario("", "latency-spike-typos",
                    "A ticket full of typos: claude-sonnet-4-6 provider time ×2.8 09:15-11:00 for every org using it, "
                    "matching Anthropic's Sonnet latency incident; yesterday's Sonnet error incident is outside the "
                    "window.",
                    now, CO, [a, b], "2026-12-10T08:00:00Z", 6101, streams, an, t,
                    {6101: truth("latency-spike", "provider_outage", [inc], [old], ["09:15", "claude-sonnet-4-6"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_stale_subject():
    D, now = "2026-12-12", "2026-12-12T17:00:00Z"
    a = org("org_yew", "Yew Travel", "yewtravel.com", "scale")
    b = org("org_zinc", "Zinc Energy", "zincenergy.com", "growth")
    gh = github(CO, 4601, "2026-12-11T12:00:00Z", now, 20)
    bad = gh.deploy(4630, at(D, "13:36"), "semantic cache: check cache before auth",
                    ["src/cache/semantic.ts", "src/routes/embeddings.ts"],
                    message="cache: semantic lookup for embeddings requests (#2355)")
    near = gh.deploy(4631, at(D, "13:20"), "billing: VAT number validation", ["src/billing/vat.ts"])
    streams = [stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=20, p50=110,
                      p95=240, prompt=600, completion=0, gateway_ms=30),
               stream(a["id"], per_minute=8, config_id="pc-yew-agent"),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=10, p50=90,
                      p95=190, prompt=400, completion=0, gateway_ms=30)]
    an = [latency(at(D, "13:40"), None, {"route": "/v1/embeddings"}, 12.0, component="gateway")]
    cfg = [one_target("pc-yew-agent", a, "agent", "vk-yew-openai", "gpt-4o", 30000)]
    t = [ticket(6201, a, "Re: Invoice for November — VAT number",
                "Thanks for fixing the VAT number last week.\n\nDifferent topic, but urgent: since early afternoon our "
                "search is crawling. Embedding calls that took ~100 ms now take half a second. Nothing changed in "
                "our code.", at(D, "15:10"), "Ingrid Olsen")]
    q = [question(6202, b, at(D, "09:00"), "Invoice address", "How do I change the billing address on our invoices?")]
    return scenario("", "latency-spike-stale-subject",
                    "The subject belongs to an old billing thread; the body reports slow embeddings. Deploy #4630 "
                    "(semantic cache on embeddings) raises gateway time on /v1/embeddings from ~30 ms to ~360 ms for every org from "
                    "13:40, among 20 routine deploys.",
                    now, CO, [a, b], "2026-12-11T12:00:00Z", 6201, streams, an, t,
                    {6201: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"], [f"github:deployment:{near}"],
                                 ["13:40", "/v1/embeddings"])},
                    github=gh, configs=cfg, questions=q, docs=[DOC_INVOICES])


def webhook_dns_es():
    D, now = "2026-12-13", "2026-12-13T12:00:00Z"
    a = org("org_alba", "Alba Viajes", "albaviajes.mx", "growth")
    b = org("org_bay", "Bay Logistics", "baylogistics.com", "scale")
    gh = github(CO, 5601, "2026-12-12T08:00:00Z", now, 10)
    her = gh.deploy(5620, at(D, "07:40"), "webhooks: add event id header", ["src/webhooks/headers.ts"])
    streams = [stream(a["id"], per_minute=10, config_id="pc-alba-bot"), stream(b["id"], per_minute=14)]
    cfg = [one_target("pc-alba-bot", a, "bot", "vk-alba-openai", "gpt-4o-mini", 20000)]
    wh = {"streams": [{"org": a["id"], "endpoint": "https://hooks.albaviajes.mx/relay", "events": ["request.completed"],
                       "per_minute": 4, "latency_ms": 150},
                      {"org": b["id"], "endpoint": "https://api.baylogistics.com/hooks/relay",
                       "events": ["request.completed", "budget.exceeded"], "per_minute": 5, "latency_ms": 110}],
          "anomalies": [{"kind": "failures", "from": at(D, "06:10"), "to": None,
                         "match": {"endpoint": "https://hooks.albaviajes.mx/relay"}, "rate": 1.0, "status": 0,
                         "error": "dns_error"}]}
    t = [ticket(6301, a, "No llegan los webhooks",
                "Buenos días, desde esta madrugada no recibimos ningún webhook en nuestro servidor. ¿Tienen algún "
                "problema con el envío? Ayer funcionaba todo bien.", at(D, "10:15"), "Mariana López")]
    return scenario("", "webhook-failures-dns-spanish",
                    "Alba's webhook host stopped resolving at 06:10 (dns_error on every attempt); Bay's deliveries "
                    "succeed. A webhook header deploy at 07:40 comes after the onset.",
                    now, CO, [a, b], "2026-12-12T08:00:00Z", 6301, streams, [], t,
                    {6301: truth("webhook-failures", "customer_endpoint", ["endpoint:https://hooks.albaviajes.mx/relay"],
                                 [f"github:deployment:{her}"], ["06:10", "DNS"])},
                    github=gh, configs=cfg, webhooks=wh, docs=[DOC_WEBHOOKS])


def webhook_question_refused():
    D, now = "2026-12-14", "2026-12-14T20:00:00Z"
    a = org("org_cedar", "Cedar Clinics", "cedarclinics.org", "enterprise")
    b = org("org_delta", "Delta Print", "deltaprint.de", "growth")
    c = org("org_echo", "Echo Radio", "echoradio.fm", "scale")
    gh = github(CO, 6701, "2026-12-13T16:00:00Z", now, 10)
    her = gh.deploy(6720, at(D, "15:30"), "webhooks: retry with jitter", ["src/webhooks/retry.ts"])
    streams = [stream(a["id"], per_minute=12), stream(b["id"], per_minute=10), stream(c["id"], per_minute=8)]
    wh = {"streams": [{"org": a["id"], "endpoint": "https://integrations.cedarclinics.org/relay-events",
                       "events": ["request.completed"], "per_minute": 5, "latency_ms": 130},
                      {"org": b["id"], "endpoint": "https://deltaprint.de/api/hooks", "events": ["request.completed"],
                       "per_minute": 3, "latency_ms": 160},
                      {"org": c["id"], "endpoint": "https://echoradio.fm/relay/webhook",
                       "events": ["budget.exceeded", "request.completed"], "per_minute": 3, "latency_ms": 90}],
          "anomalies": [{"kind": "failures", "from": at(D, "13:20"), "to": None,
                         "match": {"endpoint": "https://integrations.cedarclinics.org/relay-events"}, "rate": 1.0,
                         "status": 0, "error": "connection_refused"}]}
    t = [ticket(6401, a, "Are webhooks down?",
                "Are your webhooks down right now? Our integration hasn't received an event since lunchtime. Nothing "
                "was changed on our side as far as I know.", at(D, "18:30"), "Grace Miller")]
    return scenario("", "webhook-failures-question-refused",
                    "Question form: Cedar's endpoint refuses connections from 13:20 (connection_refused); Delta's and "
                    "Echo's deliveries succeed. The webhook retry-jitter deploy at 15:30 comes two hours later.",
                    now, CO, [a, b, c], "2026-12-13T16:00:00Z", 6401, streams, [], t,
                    {6401: truth("webhook-failures", "customer_endpoint",
                                 ["endpoint:https://integrations.cedarclinics.org/relay-events"],
                                 [f"github:deployment:{her}"], ["13:20"])},
                    github=gh, webhooks=wh, docs=[DOC_WEBHOOKS])


def webhook_deploy_timeout():
    D, now = "2026-12-15", "2026-12-15T14:00:00Z"
    a = org("org_fern", "Fern Foods", "fernfoods.com", "scale")
    b = org("org_glow", "Glow Beauty", "glowbeauty.co", "growth")
    gh = github(CO, 7801, "2026-12-14T10:00:00Z", now, 12)
    bad = gh.deploy(7820, at(D, "09:58"), "webhooks: sign with rotated key set", ["src/webhooks/sign.ts",
                                                                                  "src/lib/crypto/keys.ts"],
                    message="webhooks: sign deliveries with the new key set (#2402)")
    near = gh.deploy(7821, at(D, "09:40"), "dashboard: webhook settings copy", ["ui/settings/webhooks.tsx"])
    lin = [linear_issue("GW-702", "Webhook retries ignore Retry-After", "Retries of failed webhook deliveries do not "
                        "honour the endpoint's Retry-After header.", "2026-12-10T10:00:00Z",
                        labels=("bug", "webhooks"))]
    streams = [stream(a["id"], per_minute=12), stream(b["id"], per_minute=10)]
    wh = {"streams": [{"org": a["id"], "endpoint": "https://fernfoods.com/hooks/relay", "events": ["request.completed"],
                       "per_minute": 4, "latency_ms": 120},
                      {"org": b["id"], "endpoint": "https://api.glowbeauty.co/relay", "events": ["request.completed"],
                       "per_minute": 4, "latency_ms": 140}],
          "anomalies": [{"kind": "failures", "from": at(D, "10:00"), "to": None, "match": {}, "rate": 1.0,
                         "status": 401, "error": "signature_rejected"}]}
    t = [ticket(6501, a, "webhook 401 after we rotated our secret?",
                "We rotated our webhook signing secret yesterday and this morning our endpoint started rejecting "
                "your calls with 401. Did we mess up the rotation, or is it you? Our verification code hasn't "
                "changed.", at(D, "12:00"), "Harper Young")]
    return scenario("", "webhook-failures-signature-wrong-guess",
                    "Fern suspects their own secret rotation; deploy #7820 signs with a new key set and from 10:00 "
                    "every org's endpoint answers 401 signature_rejected, Glow's included.",
                    now, CO, [a, b], "2026-12-14T10:00:00Z", 6501, streams, [], t,
                    {6501: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}"],
                                 ["linear:issue:GW-702", f"github:deployment:{near}"], ["10:00", "401"])},
                    github=gh, webhooks=wh, docs=[DOC_WEBHOOKS], linear=lin)


def routing_retired_model_fr():
    D, now = "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z"
    a = org("org_hibou", "Hibou Conseil", "hibou-conseil.fr", "scale")
    b = org("org_ibis", "Ibis Data", "ibisdata.com", "growth")
    gh = github(CO, 8901, "2026-11-25T05:00:00Z", now, 10)
    near = gh.deploy(8920, "2026-11-24T23:40:00Z", "openai adapter: log response ids", ["src/providers/openai/log.ts"])
    streams = [stream(a["id"], per_minute=10, config_id="pc-hibou-synthese", model="gpt-4-0613", p50=1800, p95=4200),
               stream(a["id"], per_minute=10, config_id="pc-hibou-chat", model="gpt-4o"),
               stream(b["id"], per_minute=14, config_id="pc-ibis-main", model="gpt-4o")]
    an = [errors("2026-11-25T05:00:00Z", None, {"config_id": "pc-hibou-synthese"}, 1.0, 404, "model_not_found")]
    cfg = [config("pc-hibou-synthese", a["id"], "synthese", [target("vk-hibou-openai", "gpt-4-0613", 30000)],
                  updated="2025-03-01T09:00:00Z"),
           one_target("pc-hibou-chat", a, "chat", "vk-hibou-openai", "gpt-4o", 30000),
           one_target("pc-ibis-main", b, "main", "vk-ibis-openai", "gpt-4o", 30000)]
    t = [ticket(6601, a, "Nos synthèses OpenAI échouent, le chat marche",
                "Bonjour,\n\nDepuis cette nuit toutes nos synthèses de documents échouent avec une erreur 404, alors "
                "que notre chat (aussi sur OpenAI) fonctionne normalement. Avez-vous changé quelque chose dans "
                "l'intégration OpenAI ?\n\nMerci,\nCamille", at("2026-11-26", "08:30"), "Camille Durand")]
    return scenario("", "provider-routing-retired-model-french",
                    "French ticket; Hibou has two OpenAI configs. pc-hibou-synthese pins gpt-4-0613, retired "
                    "2026-11-25 00:00 (404 model_not_found from 05:00 when the traffic starts); pc-hibou-chat on gpt-4o "
                    "works. An OpenAI-adapter logging deploy the night before is a bystander.",
                    now, CO, [a, b], "2026-11-25T05:00:00Z", 6601, streams, an, t,
                    {6601: truth("provider-routing", "customer_config", ["config:pc-hibou-synthese"],
                                 ["config:pc-hibou-chat", f"github:deployment:{near}"], ["gpt-4-0613", "404"])},
                    github=gh, configs=cfg, docs=[DOC_MODELS])


def routing_known_bug_de():
    D, now = "2026-12-16", "2026-12-16T15:00:00Z"
    a = org("org_jura", "Jura Maschinenbau", "jura-mb.de", "enterprise")
    b = org("org_koi", "Koi Apps", "koiapps.dev", "growth")
    gh = github(CO, 9101, "2026-12-15T10:00:00Z", now, 12)
    sp = Statuspage(now)
    other = sp.incident("anthropic", "b1n2m3k4j5hg", "Claude Code degraded", at(D, "09:00"), at(D, "10:00"),
                        "Claude Code sessions fail to start.", component="Claude Code")
    bug = linear_issue("GW-640", "Anthropic adapter rejects PDF document blocks",
                       "Requests to Anthropic with a `document` content block (PDF, base64) fail with 400 "
                       "invalid_request: the adapter sends `media_type` in the wrong place. Anthropic targets only, "
                       "chat completions.", "2026-12-15T16:00:00Z", labels=("bug", "provider:anthropic"))
    decoy = linear_issue("GW-633", "OpenAI adapter drops image detail parameter",
                         "`detail: high` on image inputs is not forwarded to OpenAI.", "2026-12-10T10:00:00Z",
                         labels=("bug", "provider:openai"))
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1500, p95=3500,
                      config_id="pc-jura-docs", prompt=6000),
               stream(a["id"], per_minute=10, config_id="pc-jura-gpt"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1200, p95=2800,
                      config_id="pc-koi-chat")]
    an = [errors("2026-12-15T16:30:00Z", None, {"config_id": "pc-jura-docs"}, 0.6, 400, "invalid_request")]
    cfg = [one_target("pc-jura-docs", a, "docs", "vk-jura-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-jura-gpt", a, "gpt", "vk-jura-openai", "gpt-4o", 30000),
           one_target("pc-koi-chat", b, "chat", "vk-koi-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(6701, a, "Claude lehnt PDF-Anfragen ab, GPT-4o nicht",
                "Guten Tag,\n\nseit gestern Nachmittag bekommen wir bei Claude für Anfragen mit PDF-Anhängen einen "
                "400-Fehler (invalid_request). Dieselben Dokumente über GPT-4o funktionieren. Ist das ein bekanntes "
                "Problem?\n\nMit freundlichen Grüßen\nFelix Braun", at(D, "09:30"), "Felix Braun")]
    return scenario("", "provider-routing-known-bug-german",
                    "German ticket: from 16:30 yesterday 60% of Jura's Claude document requests fail 400 "
                    "invalid_request; open Linear GW-640 (PDF document blocks in the Anthropic adapter) explains it. "
                    "GW-633 (OpenAI image detail) and a Claude Code incident are bystanders.",
                    now, CO, [a, b], "2026-12-15T10:00:00Z", 6701, streams, an, t,
                    {6701: truth("provider-routing", "known_bug", ["linear:issue:GW-640"],
                                 ["linear:issue:GW-633", other], ["400"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, decoy])


def routing_provider_outage():
    D, now = "2026-12-17", "2026-12-17T19:00:00Z"
    a = org("org_lumo", "Lumo Learning", "lumolearning.com", "scale")
    b = org("org_mint", "Mint Mobile Games", "mintmg.com", "growth")
    gh = github(CO, 1701, "2026-12-16T14:00:00Z", now, 12)
    near = gh.deploy(1720, at(D, "15:40"), "anthropic adapter: map stop_reason refusal",
                     ["src/providers/anthropic/response.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "x9c8v7b6n5m4", "Claude API unavailable for some requests", at(D, "16:05"),
                      at(D, "17:20"), "Some Claude API requests return 500 errors.")
    bug = linear_issue("GW-655", "Anthropic adapter: 400 on empty system prompt", "An empty system string gives 400 "
                       "invalid_request from Anthropic.", "2026-12-12T10:00:00Z", labels=("bug", "provider:anthropic"))
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1200, p95=2900,
                      config_id="pc-lumo-claude"),
               stream(a["id"], per_minute=10, config_id="pc-lumo-gpt"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=12, p50=420, p95=950,
                      config_id="pc-mint-npc")]
    an = [errors(at(D, "16:05"), at(D, "17:20"), {"provider": "anthropic"}, 0.5, 500, "provider_error")]
    cfg = [one_target("pc-lumo-claude", a, "claude", "vk-lumo-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-lumo-gpt", a, "gpt", "vk-lumo-openai", "gpt-4o", 30000),
           one_target("pc-mint-npc", b, "npc", "vk-mint-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(6801, a, "Claude calls failing, OpenAI fine",
                "Half our Claude calls return 500 since a bit after 4pm UTC; our GPT-4o config is fine. Did your "
                "Anthropic adapter change today?", at(D, "17:00"), "Nadia Rahman")]
    return scenario("", "provider-routing-provider-outage",
                    "Claude fails, GPT-4o works: 500 provider_error on every Anthropic request 16:05-17:20 for every "
                    "org, matching Anthropic's incident. The Anthropic-adapter deploy at 15:40 (refusal mapping) came "
                    "25 minutes before with no change; GW-655 is another error.",
                    now, CO, [a, b], "2026-12-16T14:00:00Z", 6801, streams, an, t,
                    {6801: truth("provider-routing", "provider_outage", [inc],
                                 [f"github:deployment:{near}", "linear:issue:GW-655"], ["16:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug])


def routing_several_configs_key():
    D, now = "2026-12-18", "2026-12-18T11:00:00Z"
    a = org("org_nova", "Nova Research", "novaresearch.ai", "enterprise")
    b = org("org_opal", "Opal Fashion", "opalfashion.com", "growth")
    gh = github(CO, 2701, "2026-12-17T06:00:00Z", now, 11)
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1200, p95=2800,
                      config_id="pc-nova-prod", key="vk-nova-prod"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1200, p95=2800,
                      config_id="pc-nova-batch", key="vk-nova-batch"),
               stream(a["id"], per_minute=8, config_id="pc-nova-gpt", key="vk-nova-prod"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=400, p95=900,
                      config_id="pc-opal-style")]
    an = [errors(at(D, "08:00"), None, {"config_id": "pc-nova-batch"}, 1.0, 401, "invalid_api_key")]
    cfg = [one_target("pc-nova-prod", a, "prod", "vk-nova-anthropic", "claude-sonnet-4-6", 30000),
           config("pc-nova-batch", a["id"], "batch", [target("vk-nova-anthropic-old", "claude-sonnet-4-6", 30000)],
                  updated="2026-12-18T07:55:00Z"),
           one_target("pc-nova-gpt", a, "gpt", "vk-nova-openai", "gpt-4o", 30000),
           one_target("pc-opal-style", b, "style", "vk-opal-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(6901, a, "Claude 401 errors but only for some jobs",
                "Since 8:00 UTC our batch summaries on Claude fail with 401 invalid_api_key, while our production "
                "Claude traffic and our GPT-4o traffic are fine. We didn't rotate any Anthropic key.",
                at(D, "09:40"), "Victor Chen")]
    return scenario("", "provider-routing-several-configs",
                    "Nova has three configs; pc-nova-batch was edited at 07:55 to a virtual key that no longer exists "
                    "and fails 401 invalid_api_key from 08:00, while pc-nova-prod (same provider and model) and "
                    "pc-nova-gpt work.",
                    now, CO, [a, b], "2026-12-17T06:00:00Z", 6901, streams, an, t,
                    {6901: truth("provider-routing", "customer_config", ["config:pc-nova-batch"],
                                 ["config:pc-nova-prod", "config:pc-nova-gpt"], ["401", "08:00"])},
                    github=gh, configs=cfg)


def fallback_missing_timeout_es():
    D, now = "2026-12-19", "2026-12-19T14:00:00Z"
    a = org("org_pampa", "Pampa Agro", "pampa-agro.com.ar", "scale")
    b = org("org_quill", "Quill Notes", "quillnotes.app", "growth")
    gh = github(CO, 3701, "2026-12-18T10:00:00Z", now, 10)
    her = gh.deploy(3720, at(D, "10:30"), "router: fallback metrics labels", ["src/router/metrics.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "f1g2h3j4k5l6", "Slow responses on Claude Sonnet 4.6", at(D, "11:00"),
                      at(D, "12:15"), "Some Sonnet 4.6 requests hang for minutes.")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=16, p50=1300, p95=3000,
                      config_id="pc-pampa-asistente"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1250, p95=2900,
                      config_id="pc-quill-write")]
    an = [timeouts(at(D, "11:00"), at(D, "12:15"), {"config_id": "pc-pampa-asistente"}, 0.3, 120000),
          timeouts(at(D, "11:00"), at(D, "12:15"), {"config_id": "pc-quill-write"}, 0.3, 20000,
                   {"provider": "openai", "model": "gpt-4o"})]
    cfg = [config("pc-pampa-asistente", a["id"], "asistente",
                  [target("vk-pampa-anthropic", "claude-sonnet-4-6", None, [429, 500, 502, 503, 529]),
                   target("vk-pampa-openai", "gpt-4o", 30000)], mode="fallback"),
           config("pc-quill-write", b["id"], "write",
                  [target("vk-quill-anthropic", "claude-sonnet-4-6", 20000, [408, 429, 500, 503, 529]),
                   target("vk-quill-openai", "gpt-4o", 20000)], mode="fallback")]
    t = [ticket(7001, a, "El fallback a GPT-4o no se activa",
                "Hola, configuramos GPT-4o como respaldo de Claude en pc-pampa-asistente, pero hoy a media mañana "
                "las peticiones a Claude se quedaban colgadas dos minutos y terminaban en timeout, sin pasar nunca a "
                "GPT-4o. ¿Está roto el fallback?", at(D, "12:40"), "Santiago Ruiz")]
    return scenario("", "fallback-missing-timeout-spanish",
                    "Spanish ticket: pc-pampa-asistente sets no request_timeout on its Claude target, so during "
                    "Anthropic's Sonnet slowness 11:00-12:15 requests hung ~120 s and failed instead of failing over; "
                    "Quill's config with request_timeout 20000 and 408 failed over to gpt-4o.",
                    now, CO, [a, b], "2026-12-18T10:00:00Z", 7001, streams, an, t,
                    {7001: truth("fallback", "customer_config", ["config:pc-pampa-asistente"],
                                 [f"github:deployment:{her}"], ["request_timeout", "11:00"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS])


def fallback_expected_question():
    D, now = "2026-12-20", "2026-12-20T18:00:00Z"
    a = org("org_rhea", "Rhea Health", "rheahealth.com", "enterprise")
    b = org("org_sol", "Sol Energy", "solenergy.es", "scale")
    gh = github(CO, 4701, "2026-12-19T14:00:00Z", now, 10)
    sp = Statuspage(now)
    inc = sp.incident("openai", "e4r5t6y7u8i9", "Elevated errors on GPT-4o", at(D, "15:10"), at(D, "16:00"),
                      "GPT-4o requests fail at an elevated rate.")
    streams = [stream(a["id"], per_minute=18, config_id="pc-rhea-triage"),
               stream(b["id"], per_minute=12, config_id="pc-sol-support")]
    an = [errors(at(D, "15:10"), at(D, "16:00"), {"config_id": "pc-rhea-triage"}, 0.4, 503, "provider_unavailable",
                 {"provider": "anthropic", "model": "claude-sonnet-4-6"}),
          errors(at(D, "15:10"), at(D, "16:00"), {"config_id": "pc-sol-support"}, 0.4, 503, "provider_unavailable")]
    cfg = [config("pc-rhea-triage", a["id"], "triage",
                  [target("vk-rhea-openai", "gpt-4o", 30000, [429, 500, 502, 503]),
                   target("vk-rhea-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback"),
           one_target("pc-sol-support", b, "support", "vk-sol-openai", "gpt-4o", 30000)]
    t = [ticket(7101, a, "why did some answers come from Claude?",
                "Our audit log shows that between roughly 15:10 and 16:00 UTC some triage answers were produced by "
                "claude-sonnet-4-6 instead of gpt-4o. We never call Claude directly. Why did that happen, is this a "
                "bug?", at(D, "17:20"), "Amara Obi")]
    return scenario("", "fallback-expected-question",
                    "Rhea's pc-rhea-triage falls back from gpt-4o to claude-sonnet-4-6 on 503; during OpenAI's GPT-4o "
                    "incident 15:10-16:00 40% of its requests were served by Claude, as configured (expected "
                    "behaviour). Sol has no fallback and saw the 503s.",
                    now, CO, [a, b], "2026-12-19T14:00:00Z", 7101, streams, an, t,
                    {7101: truth("fallback", "expected_behavior", ["config:pc-rhea-triage"],
                                 ["config:pc-sol-support"], ["claude-sonnet-4-6", "15:10"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS])


def fallback_status_codes():
    D, now = "2026-12-21", "2026-12-21T13:00:00Z"
    a = org("org_tide", "Tide Marine", "tidemarine.no", "scale")
    b = org("org_urchin", "Urchin Ads", "urchinads.com", "growth")
    gh = github(CO, 5701, "2026-12-20T08:00:00Z", now, 10)
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "g5h6j7k8l9z0", "Claude API overloaded", at(D, "09:20"), at(D, "10:40"),
                      "Elevated 529 overloaded errors on the Claude API.")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=16, p50=1200, p95=2800,
                      config_id="pc-tide-ops"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-urchin-copy")]
    an = [errors(at(D, "09:20"), at(D, "10:40"), {"config_id": "pc-tide-ops"}, 0.4, 529, "provider_overloaded"),
          errors(at(D, "09:20"), at(D, "10:40"), {"config_id": "pc-urchin-copy"}, 0.4, 529, "provider_overloaded",
                 {"provider": "openai", "model": "gpt-4o"})]
    cfg = [config("pc-tide-ops", a["id"], "ops",
                  [target("vk-tide-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 502, 503, 504]),
                   target("vk-tide-openai", "gpt-4o", 30000)], mode="fallback"),
           config("pc-urchin-copy", b["id"], "copy",
                  [target("vk-urchin-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 503, 529]),
                   target("vk-urchin-openai", "gpt-4o", 30000)], mode="fallback")]
    t = [ticket(7201, a, "fallback never kicks in on overloaded errors",
                "During this morning's Anthropic trouble we got a lot of 529 overloaded errors, but our fallback to "
                "GPT-4o never kicked in — not once. Config pc-tide-ops. What's the point of a fallback then?",
                at(D, "11:30"), "Erik Lund")]
    return scenario("", "fallback-status-codes-missing",
                    "pc-tide-ops fails over on 429/500/502/503/504 but not 529, so Anthropic's overload 09:20-10:40 "
                    "(40% 529 for Tide) reached the customer with no fallback; Urchin lists 529 and its requests were "
                    "served by gpt-4o.",
                    now, CO, [a, b], "2026-12-20T08:00:00Z", 7201, streams, an, t,
                    {7201: truth("fallback", "customer_config", ["config:pc-tide-ops"], ["config:pc-urchin-copy"],
                                 ["529", "on_status_codes"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS])


def fallback_deploy_pt():
    D, now = "2026-12-22", "2026-12-22T17:00:00Z"
    a = org("org_vinha", "Vinha Tech", "vinhatech.pt", "scale")
    b = org("org_wolf", "Wolf Games", "wolfgames.gg", "growth")
    gh = github(CO, 6801, "2026-12-21T12:00:00Z", now, 18)
    bad = gh.deploy(6830, at(D, "13:12"), "router: unify retry and fallback loops",
                    ["src/router/fallback.ts", "src/router/retry.ts"],
                    message="router: one loop for retries and fallbacks (#2450)")
    near = gh.deploy(6831, at(D, "13:25"), "settings: config editor autosave", ["ui/configs/editor.tsx"])
    sp = Statuspage(now)
    trig = sp.incident("openai", "h6j7k8l9m0n1", "Elevated 502 errors on GPT-4o", at(D, "13:30"), at(D, "15:00"),
                       "Elevated 502 errors.")
    streams = [stream(a["id"], per_minute=16, config_id="pc-vinha-apoio"),
               stream(b["id"], per_minute=14, config_id="pc-wolf-quest")]
    an = [errors(at(D, "13:30"), at(D, "15:00"), {"provider": "openai"}, 0.35, 502, "provider_error")]
    cfg = [config("pc-vinha-apoio", a["id"], "apoio", [target("vk-vinha-openai", "gpt-4o", 30000, [429, 500, 502, 503]),
                                                       target("vk-vinha-anthropic", "claude-sonnet-4-6", 30000)],
                  mode="fallback"),
           config("pc-wolf-quest", b["id"], "quest", [target("vk-wolf-openai", "gpt-4o", 30000, [429, 500, 502, 503]),
                                                      target("vk-wolf-anthropic", "claude-haiku-4-5", 30000)],
                  mode="fallback")]
    t = [ticket(7301, a, "Fallback para Claude deixou de funcionar",
                "Boa tarde. O nosso config pc-vinha-apoio tem o Claude como alternativa ao GPT-4o, mas hoje à tarde "
                "recebemos muitos erros 502 e o fallback nunca foi acionado. Antes funcionava sempre. Mudaram alguma "
                "coisa?", at(D, "15:30"), "Beatriz Costa")]
    return scenario("", "fallback-deploy-regression-portuguese",
                    "Portuguese ticket: deploy #6830 merged the retry and fallback loops at 13:12; when OpenAI's 502s "
                    "start at 13:30 no fallback config fails over (fallback_used stays 0 for every org). The OpenAI "
                    "incident is the trigger; the deploy is the cause.",
                    now, CO, [a, b], "2026-12-21T12:00:00Z", 7301, streams, an, t,
                    {7301: truth("fallback", "deploy_regression", [f"github:deployment:{bad}"], [f"github:deployment:{near}"], ["502"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS])


def _billing(invoices, cached="excluded", faults=(), discount=None):
    b = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
         "cached_tokens": cached, "unit_amount_decimal": "0.0002", "invoices": invoices, "faults": list(faults)}
    if discount is not None:
        b["cached_discount"] = discount
    return b


def billing_discounted_de():
    now = "2026-12-24T05:00:00Z"
    a = org("org_xaver", "Xaver Versicherung", "xaver-vers.de", "scale")
    b = org("org_yak", "Yak Outdoor", "yakoutdoor.com", "growth")
    gh = github(CO, 7901, "2026-12-23T00:00:00Z", now, 10)
    her = gh.deploy(7920, "2026-12-23T15:00:00Z", "metering: batch meter events", ["src/billing/meter-events.ts"])
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=20, prompt=4000,
                      completion=300, cached=0.6, config_id="pc-xaver-policen", p50=1300, p95=3000),
               stream(b["id"], per_minute=10, config_id="pc-yak-shop")]
    cfg = [one_target("pc-xaver-policen", a, "policen", "vk-xaver-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-yak-shop", b, "shop", "vk-yak-openai", "gpt-4o", 30000)]
    bill = _billing([{"id": "in_1Xaver1223", "org": a["id"], "status": "open", "from": "2026-12-23T00:00:00Z",
                      "to": "2026-12-24T00:00:00Z"}], cached="billed_discounted", discount=0.1)
    t = [ticket(7401, a, "Rechnung passt nicht zu unseren Token-Zahlen",
                "Hallo, die Rechnung in_1Xaver1223 weist deutlich weniger Tokens aus, als wir selbst gezählt haben "
                "(Summe aus prompt_tokens und completion_tokens aller Antworten). Wir wollen keine Nachzahlung "
                "riskieren – stimmt da etwas nicht?", "2026-12-24T04:30:00Z", "Lena Vogel")]
    return scenario("", "token-billing-cached-discount-german",
                    "German ticket: Xaver's Claude traffic has a 60% prompt-cache share and cached input tokens are "
                    "billed at 10% as documented, so invoice in_1Xaver1223 is well below the raw token sum (expected "
                    "behaviour). A meter-event batching deploy is a bystander.",
                    now, CO, [a, b], "2026-12-23T00:00:00Z", 7401, streams, [], t,
                    {7401: truth("token-billing", "expected_behavior", ["stripe:invoice:in_1Xaver1223"],
                                 [f"github:deployment:{her}"], ["cached"])},
                    github=gh, configs=cfg, billing=bill, docs=[DOC_CACHING])


def billing_no_org_metadata():
    now = "2026-12-26T06:00:00Z"
    a = org("org_zephyr", "Zephyr Airlines", "zephyrair.com", "enterprise", cus="cus_T9zephyr")
    b = org("org_aster", "Aster CRM", "astercrm.io", "scale", cus="cus_T8aster")
    gh = github(CO, 8101, "2026-12-25T00:00:00Z", now, 10)
    her = gh.deploy(8120, "2026-12-25T07:30:00Z", "invoices: PDF footer with the VAT id", ["src/billing/invoice-pdf.ts"])
    streams = [stream(a["id"], per_minute=24, config_id="pc-zephyr-agent", prompt=1500, completion=300),
               stream(b["id"], per_minute=14, config_id="pc-aster-mail")]
    cfg = [one_target("pc-zephyr-agent", a, "agent", "vk-zephyr-openai", "gpt-4o", 30000),
           one_target("pc-aster-mail", b, "mail", "vk-aster-openai", "gpt-4o", 30000)]
    bill = _billing([{"id": "in_1Zephyr1225", "org": a["id"], "status": "open", "from": "2026-12-25T00:00:00Z",
                      "to": "2026-12-26T00:00:00Z"}],
                    faults=[{"kind": "double_count", "from": "2026-12-25T08:00:00Z", "to": "2026-12-25T13:00:00Z",
                             "match": {}}])
    pd = [pd_incident("PMTR77DUP", 6120, "Meter events submitted twice after queue failover", "2026-12-25T07:55:00Z",
                      "2026-12-25T13:20:00Z", "Billing pipeline")]
    custs = [customer(a, "accounts-payable", with_org_id=False), customer(b)]
    t = [ticket(7501, a, "Invoice too high for Dec 25",
                "Invoice in_1Zephyr1225 is about a fifth higher than the tokens in our own logs for Christmas day. "
                "Our traffic was flat. Please check and send a corrected invoice.", "2026-12-26T05:00:00Z",
                "Paul Grant")]
    return scenario("", "token-billing-customer-by-email-domain",
                    "Zephyr's Stripe customer has no org_id metadata (found by the org's e-mail domain). The meter "
                    "pipeline submitted 08:00-13:00 twice after a queue failover (PagerDuty PMTR77DUP), so invoice "
                    "in_1Zephyr1225 is ~1/5 above the logs.",
                    now, CO, [a, b], "2026-12-25T00:00:00Z", 7501, streams, [], t,
                    {7501: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Zephyr1225"], [f"github:deployment:{her}"],
                                 ["08:00"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, stripe_customers=custs, docs=[DOC_INVOICES])


def billing_dropped_fr():
    now = "2026-12-27T05:00:00Z"
    a = org("org_brume", "Brume Studio", "brume.studio", "growth")
    b = org("org_cygne", "Cygne Santé", "cygne-sante.fr", "enterprise")
    gh = github(CO, 9201, "2026-12-26T00:00:00Z", now, 10)
    bad = gh.deploy(9215, "2026-12-26T11:55:00Z", "metering: new meter event client",
                    ["src/billing/meter-client.ts", "src/billing/meter-events.ts"],
                    message="billing: send meter events with the v2 client (#2480)")
    lin = [linear_issue("GW-690", "Usage page rounds cached tokens down", "The usage page rounds cached tokens; "
                        "invoices are unaffected.", "2026-12-18T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [stream(a["id"], per_minute=12, config_id="pc-brume-copy"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=20, config_id="pc-cygne-soin",
                      p50=1200, p95=2800, prompt=2000, completion=400)]
    cfg = [one_target("pc-brume-copy", a, "copy", "vk-brume-openai", "gpt-4o", 30000),
           one_target("pc-cygne-soin", b, "soin", "vk-cygne-anthropic", "claude-sonnet-4-6", 30000)]
    bill = _billing([{"id": "in_1Cygne1226", "org": b["id"], "status": "draft", "from": "2026-12-26T00:00:00Z",
                      "to": "2026-12-27T00:00:00Z"}],
                    faults=[{"kind": "dropped", "from": "2026-12-26T12:00:00Z", "to": "2026-12-26T18:00:00Z",
                             "match": {}}])
    t = [ticket(7601, b, "Écart entre la facture et notre consommation",
                "Bonjour, la facture provisoire in_1Cygne1226 affiche nettement moins de tokens que nos journaux "
                "pour la journée du 26. Nous préférons corriger cela maintenant plutôt qu'avoir un rattrapage plus "
                "tard. Pouvez-vous vérifier ?", "2026-12-27T04:40:00Z", "Chloé Martin")]
    return scenario("", "token-billing-dropped-french",
                    "French ticket: deploy #9215 (new meter-event client) lost every meter event 12:00-18:00, so "
                    "Cygne's draft invoice in_1Cygne1226 is a quarter below the logs (billing pipeline, caused by our "
                    "deploy).",
                    now, CO, [a, b], "2026-12-26T00:00:00Z", 7601, streams, [], t,
                    {7601: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Cygne1226"], ["linear:issue:GW-690"],
                                 ["12:00"])},
                    github=gh, linear=lin, configs=cfg, billing=bill, docs=[DOC_INVOICES])


def billing_no_fault():
    now = "2026-12-28T06:00:00Z"
    a = org("org_dove", "Dove Books", "dovebooks.com", "scale")
    b = org("org_elk", "Elk Security", "elksec.io", "growth")
    gh = github(CO, 1901, "2026-12-27T00:00:00Z", now, 10)
    her = gh.deploy(1915, "2026-12-27T20:00:00Z", "metering: retry failed meter events", ["src/billing/meter-retry.ts"])
    lin = [linear_issue("GW-688", "Usage page double-counts streamed completion tokens",
                        "The dashboard usage page counts streamed completion tokens twice. Invoices unaffected.",
                        "2026-12-20T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [stream(a["id"], per_minute=18, config_id="pc-dove-recs"),
               stream(b["id"], per_minute=12, config_id="pc-elk-triage")]
    cfg = [one_target("pc-dove-recs", a, "recs", "vk-dove-openai", "gpt-4o", 30000),
           one_target("pc-elk-triage", b, "triage", "vk-elk-openai", "gpt-4o", 30000)]
    bill = _billing([{"id": "in_1Dove1227", "org": a["id"], "status": "open", "from": "2026-12-27T00:00:00Z",
                      "to": "2026-12-28T00:00:00Z"}])
    t = [ticket(7701, a, "Is invoice in_1Dove1227 right?",
                "Invoice in_1Dove1227 looks higher than we expected for a normal day. Before finance pays it, can you "
                "confirm it matches what we actually used? Could the usage bug you mentioned in your changelog "
                "affect invoices?",
                "2026-12-28T05:30:00Z", "Hannah Cho")]
    return scenario("", "token-billing-no-fault",
                    "Invoice in_1Dove1227 equals the logs' prompt + completion tokens for its period (no fault, no "
                    "cache); the usage page's streamed-token double count (GW-688, dashboard only) and a meter retry "
                    "deploy are red herrings for the invoice.",
                    now, CO, [a, b], "2026-12-27T00:00:00Z", 7701, streams, [], t,
                    {7701: truth("token-billing", "no_fault_found", ["stripe:invoice:in_1Dove1227"],
                                 [f"github:deployment:{her}", "linear:issue:GW-688"], ["in_1Dove1227"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_INVOICES])


def metadata_sdk_ja():
    D, now = "2026-12-29", "2026-12-29T08:00:00Z"
    a = org("org_fuji", "Fuji Retail", "fujiretail.jp", "enterprise")
    b = org("org_gull", "Gull Travel", "gulltravel.com", "growth")
    gh = github(CO, 2901, "2026-12-28T04:00:00Z", now, 10)
    her = gh.deploy(2915, at(D, "02:00"), "metadata: log key count", ["src/metadata/stats.ts"])
    gh.release(99301, "v2.0.0", "portkey-python v2.0.0",
               "## Breaking changes\n\n- `metadata` is no longer read from `default_headers`; pass `metadata=` to the "
               "`Portkey()` client or per request. Headers-based metadata is ignored.\n", "2026-12-28T09:00:00Z")
    streams = [stream(a["id"], per_minute=10, config_id="pc-fuji-shop", sdk="portkey-python/1.9.2",
                      metadata={"store": "tokyo-01"}, key="vk-fuji-web"),
               stream(a["id"], per_minute=10, config_id="pc-fuji-shop", sdk="portkey-python/2.0.0",
                      metadata={"store": "osaka-02"}, key="vk-fuji-batch"),
               stream(b["id"], per_minute=10, sdk="portkey-node/1.8.0", metadata={"team": "search"})]
    an = [metadata_dropped("2026-12-28T04:00:00Z", None, {"sdk": "portkey-python/2.0.0"})]
    cfg = [one_target("pc-fuji-shop", a, "shop", "vk-fuji-openai", "gpt-4o", 30000)]
    t = [ticket(7801, a, "メタデータが記録されない",
                "お世話になっております。一部のリクエストでカスタムメタデータ（store）がログに残っていません。"
                "Webサーバーからのリクエストは問題ありませんが、バッチ処理からのものだけ空になっています。"
                "バッチ側は最近SDKを更新しました。", at(D, "06:00"), "Yui Tanaka")]
    return scenario("", "metadata-sdk-version-japanese",
                    "Japanese ticket: only Fuji's portkey-python/2.0.0 (batch) requests lose their metadata; v2.0.0 "
                    "stopped reading metadata from default headers. The 1.9.2 web traffic keeps it.",
                    now, CO, [a, b], "2026-12-28T04:00:00Z", 7801, streams, an, t,
                    {7801: truth("metadata", "sdk_version", ["sdk:portkey-python/2.0.0"],
                                 [f"github:deployment:{her}"], ["2.0.0"])},
                    github=gh, configs=cfg, docs=[DOC_METADATA])


def metadata_deploy_typos():
    D, now = "2026-12-30", "2026-12-30T16:00:00Z"
    a = org("org_haze", "Haze Analytics", "hazeanalytics.com", "scale")
    b = org("org_isle", "Isle Shipping", "isleshipping.com", "growth")
    gh = github(CO, 3901, "2026-12-29T12:00:00Z", now, 22)
    bad = gh.deploy(3930, at(D, "11:18"), "edge: strip unknown x- headers before forwarding",
                    ["src/edge/headers.ts", "src/metadata/forward.ts"],
                    message="edge: drop x- headers not on the allowlist (#2501)")
    near = gh.deploy(3931, at(D, "11:05"), "logs: metadata column width in the log viewer", ["ui/logs/metadata-cell.tsx"])
    streams = [stream(a["id"], per_minute=14, sdk="portkey-node/1.8.0", metadata={"tenant": "t-88"}),
               stream(a["id"], per_minute=8, sdk="portkey-python/1.9.2", metadata={"tenant": "t-12"}),
               stream(b["id"], per_minute=12, sdk="openai-python/1.54.0", metadata={"route": "eu"})]
    an = [metadata_dropped(at(D, "11:20"), None, {})]
    t = [ticket(7901, a, "metdata missing from logs",
                "Hi, since before lunch the custom metdata we attach (tenant) is not showing up in the logs anymore, "
                "for both our node and python servises. we did not deploy anyting today. pls check",
                at(D, "14:00"), "Leo Martins")]
    return scenario("", "metadata-deploy-regression-typos",
                    "Typos: deploy #3930 strips unallowed x- headers at the edge; from 11:20 metadata is dropped for "
                    "every org and SDK, among 22 routine deploys.",
                    now, CO, [a, b], "2026-12-29T12:00:00Z", 7901, streams, an, t,
                    {7901: truth("metadata", "deploy_regression", [f"github:deployment:{bad}"], [f"github:deployment:{near}"], ["11:20"])},
                    github=gh, docs=[DOC_METADATA])


def metadata_no_fault():
    D, now = "2026-12-31", "2026-12-31T12:00:00Z"
    a = org("org_jolt", "Jolt Energy Drinks", "joltdrinks.com", "growth")
    b = org("org_kelp", "Kelp Farms", "kelpfarms.ie", "scale")
    gh = github(CO, 4901, "2026-12-30T08:00:00Z", now, 10)
    her = gh.deploy(4915, at(D, "09:00"), "metadata: cap values at 128 chars", ["src/metadata/limits.ts"])
    streams = [stream(a["id"], per_minute=14, sdk="portkey-node/1.8.0", metadata={"Campaign": "winter"}),
               stream(b["id"], per_minute=12, sdk="portkey-python/1.9.2", metadata={"farm": "west"})]
    t = [ticket(8001, a, "metadata filter returns nothing since your deploy",
                "Since your deploy this morning filtering logs by campaign=winter returns nothing. I'm sure we send "
                "the campaign on every request. Did the deploy break metadata?", at(D, "10:30"), "Mia Novak")]
    return scenario("", "metadata-no-fault-wrong-guess",
                    "Jolt's metadata arrives on every request, unchanged, before and after the value-cap deploy at "
                    "09:00 (values are short); the key is sent as 'Campaign' and keys are case sensitive "
                    "(documented). Nothing is dropped.",
                    now, CO, [a, b], "2026-12-30T08:00:00Z", 8001, streams, [], t,
                    {8001: truth("metadata", "no_fault_found", [], [f"github:deployment:{her}"], ["metadata"])},
                    github=gh, docs=[DOC_METADATA])


def latency_two_causes():
    D, now = "2026-12-02", "2026-12-02T20:00:00Z"
    a = org("org_lynx", "Lynx Recruiting", "lynxhire.com", "scale")
    b = org("org_mako", "Mako Maps", "makomaps.com", "growth")
    gh = github(CO, 5901, "2026-12-01T16:00:00Z", now, 12)
    bad = gh.deploy(5920, at(D, "15:20"), "embeddings: validate input token counts",
                    ["src/routes/embeddings.ts", "src/tokenizer/count.ts"])
    near = gh.deploy(5921, at(D, "15:05"), "dashboard: recruiting template gallery", ["ui/templates/gallery.tsx"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "c3v4b5n6m7q8", "Increased latency on Claude Sonnet 4.6", at(D, "16:00"),
                      at(D, "18:00"), "Sonnet 4.6 is slower than normal.", impact="minor")
    streams = [stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=16, p50=90, p95=200,
                      prompt=500, completion=0, gateway_ms=30),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1200, p95=2800,
                      config_id="pc-lynx-screen"),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=12, p50=90, p95=200,
                      prompt=400, completion=0, gateway_ms=30)]
    an = [latency(at(D, "15:22"), None, {"route": "/v1/embeddings"}, 12.0, component="gateway"),
          latency(at(D, "16:00"), at(D, "18:00"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 2.5)]
    cfg = [one_target("pc-lynx-screen", a, "screen", "vk-lynx-anthropic", "claude-sonnet-4-6", 60000)]
    t = [ticket(8101, a, "everything got slow this afternoon",
                "Our candidate search (embeddings) has been slow since mid-afternoon and our Claude screening step "
                "also got slower a bit later. Are these related?", at(D, "17:30"), "Ava Thompson")]
    return scenario("", "latency-spike-two-causes",
                    "Two causes: deploy #5920 raises gateway time on /v1/embeddings from ~30 ms to ~360 ms for every "
                    "org from 15:22 (primary: the larger change, on most of the traffic), and Anthropic's Sonnet incident slows Lynx's Claude step ×2.5 16:00-18:00 "
                    "(secondary).",
                    now, CO, [a, b], "2026-12-01T16:00:00Z", 8101, streams, an, t,
                    {8101: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"], [f"github:deployment:{near}"], ["15:22"],
                                 [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg)


def api_errors_many_deploys():
    D, now = "2026-12-03", "2026-12-03T23:00:00Z"
    a = org("org_nest", "Nest Property", "nestproperty.com", "scale")
    b = org("org_onyx", "Onyx Capital", "onyxcap.com", "enterprise")
    c = org("org_puma", "Puma Sports", "pumasports.club", "growth")
    gh = github(CO, 6901, "2026-12-02T19:00:00Z", now, 26)
    bad = gh.deploy(6940, at(D, "19:44"), "anthropic adapter: new tool_choice mapping",
                    ["src/providers/anthropic/tools.ts"], message="providers/anthropic: map tool_choice none (#2520)")
    near = gh.deploy(6941, at(D, "19:50"), "docs: tool use examples", ["docs/site/tools.md"])
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-nest-agent"),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=8, p50=2500, p95=5500,
                      config_id="pc-onyx-research"),
               stream(c["id"], per_minute=16, config_id="pc-puma-coach")]
    an = [errors(at(D, "19:46"), None, {"provider": "anthropic"}, 0.3, 400, "invalid_request")]
    cfg = [one_target("pc-nest-agent", a, "agent", "vk-nest-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-onyx-research", b, "research", "vk-onyx-anthropic", "claude-opus-4-1", 60000),
           config("pc-puma-coach", c["id"], "coach", [target("vk-puma-openai", "gpt-4o", 30000)])]
    t = [ticket(8201, a, "400 invalid_request from Claude since this evening",
                "Our agent's Claude calls started failing with 400 invalid_request around 19:45 UTC. We have not "
                "deployed today. The failing calls use tools.", at(D, "21:00"), "Luca Bianchi", priority="high")]
    return scenario("", "api-errors-many-deploys",
                    "26 routine deploys in the window; deploy #6940 (Anthropic tool_choice mapping) at 19:44 is "
                    "followed from 19:46 by 30% 400 invalid_request on every org's Anthropic traffic; OpenAI traffic "
                    "is fine. A docs deploy six minutes later is a bystander.",
                    now, CO, [a, b, c], "2026-12-02T19:00:00Z", 8201, streams, an, t,
                    {8201: truth("api-errors", "deploy_regression", [f"github:deployment:{bad}"],
                                 [f"github:deployment:{near}"], ["400", "19:46"])},
                    github=gh, configs=cfg)


ALL = [api_errors_outage_es, api_errors_other_product_incident, api_errors_noisy_org_no_fault,
       api_errors_rate_limited_question, api_errors_wrong_guess, api_errors_two_causes, latency_deploy_pt,
       latency_business_hours_de, latency_provider_ja, latency_other_model_incident, latency_typos,
       latency_stale_subject, webhook_dns_es, webhook_question_refused, webhook_deploy_timeout,
       routing_retired_model_fr, routing_known_bug_de, routing_provider_outage, routing_several_configs_key,
       fallback_missing_timeout_es, fallback_expected_question, fallback_status_codes, fallback_deploy_pt,
       billing_discounted_de, billing_no_org_metadata, billing_dropped_fr, billing_no_fault, metadata_sdk_ja,
       metadata_deploy_typos, metadata_no_fault, latency_two_causes, api_errors_many_deploys]

if __name__ == "__main__":
    write_all(ALL)
