#!/usr/bin/env python3
"""Library scenarios over API errors, provider routing, rate limits and fallbacks, with tickets
written the way customers write them: stale subjects from an older thread, greetings and
signatures, quoted earlier replies, pasted logs, JSON and tracebacks, local times (a city, a zone
abbreviation, a relative "a few hours ago"), Portuguese, German, Japanese, French and Spanish as
well as English, negations, questions and typos. The data is shaped like real accounts: 15-30
routine deploys with one that touches a plausible area at a tempting time, incidents on other
products, several configs per org, a big org's steady background error rate under an evening
cycle, two causes at once and customers' wrong guesses. Run it to rewrite the JSON files; each
truth is read from the data declared here (anomalies, configs, incidents), never from a run."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def cycle(stream_, from_hour, to_hour, night, latency_factor=1.0):
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


def outage_portuguese_quoted():
    D, now = "2026-12-22", "2026-12-22T14:00:00Z"
    a = org("org_ipe", "Ipê Saúde", "ipesaude.com.br", "scale")
    b = org("org_juniper", "Juniper Books", "juniperbooks.co", "growth")
    c = org("org_kelp", "Kelp Robotics", "kelprobotics.com", "enterprise")
    gh = github(CO, 9121, "2026-12-21T09:00:00Z", now, 18)
    near = gh.deploy(9140, at(D, "10:05"), "openai adapter: log upstream request ids", ["src/providers/openai/log.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "u7y6t5r4e3w2", "Elevated error rates on GPT-4o mini", at(D, "10:15"),
                      at(D, "11:40"), "We are seeing elevated 502 errors for GPT-4o mini in the API.")
    other = sp.incident("openai", "k1j2h3g4f5d6", "Realtime API sessions dropping", at(D, "10:00"), at(D, "11:00"),
                        "Some Realtime API sessions disconnect.", component="Realtime API")
    streams = [stream(a["id"], model="gpt-4o-mini", per_minute=20, p50=600, p95=1500, config_id="pc-ipe-triagem",
                      sdk="portkey-node/1.8.0"),
               stream(a["id"], per_minute=8, config_id="pc-ipe-laudos", prompt=3000, completion=600),
               stream(b["id"], model="gpt-4o-mini", per_minute=10, p50=550, p95=1400, config_id="pc-juniper-recs"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-kelp-ops")]
    an = [errors(at(D, "10:20"), at(D, "11:35"), {"provider": "openai", "model": "gpt-4o-mini"}, 0.35, 502,
                 "provider_error")]
    cfg = [one_target("pc-ipe-triagem", a, "triagem", "vk-ipe-openai", "gpt-4o-mini", 20000),
           one_target("pc-ipe-laudos", a, "laudos", "vk-ipe-openai", "gpt-4o", 60000),
           one_target("pc-juniper-recs", b, "recs", "vk-juniper-openai", "gpt-4o-mini", 20000),
           one_target("pc-kelp-ops", c, "ops", "vk-kelp-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(9101, a, "Re: Dúvida sobre a fatura de novembro",
                "Oi pessoal,\n\nAproveitando este chamado: hoje de manhã, desde as 7h20 (horário de Brasília), boa "
                "parte das chamadas da nossa triagem para o gpt-4o-mini está voltando com erro 502. Um trecho do "
                "log:\n\n{\"status\": 502, \"error\": {\"code\": \"provider_error\", \"message\": \"Bad gateway "
                "from upstream\"}, \"model\": \"gpt-4o-mini\", \"config\": \"pc-ipe-triagem\"}\n\nOs laudos "
                "(gpt-4o) estão normais. Vocês mudaram alguma coisa?\n\nAbraço,\nBeatriz Lima\nIpê Saúde\n\n"
                "Em seg., 21 de dez. de 2026 às 16:02, Suporte Relay escreveu:\n> Olá Beatriz, a fatura de "
                "novembro foi reenviada com o CNPJ correto.\n> Qualquer dúvida, estamos à disposição.",
                at(D, "12:10"), "Beatriz Lima", priority="high")]
    return scenario("", "api-errors-outage-portuguese-quoted",
                    "Portuguese ticket under a stale billing subject with a quoted earlier reply, pasted JSON and "
                    "Brasília time: gpt-4o-mini answers 502 provider_error 10:20-11:35 UTC for every org using it "
                    "(gpt-4o is fine), matching OpenAI's GPT-4o mini incident. A Realtime API incident and an "
                    "OpenAI-adapter logging deploy at 10:05 (it would touch every OpenAI model) are bystanders among "
                    "18 routine deploys.",
                    now, CO, [a, b, c], "2026-12-21T09:00:00Z", 9101, streams, an, t,
                    {9101: truth("api-errors", "provider_outage", [inc], [other, f"github:deployment:{near}"],
                                 ["502", "10:20"])},
                    github=gh, statuspage=sp, configs=cfg)


def rate_limit_german_negation():
    D, now = "2026-12-23", "2026-12-23T13:00:00Z"
    a = org("org_lind", "Lindwurm Versicherung", "lindwurm.de", "scale")
    b = org("org_moor", "Moorland Games", "moorland.games", "growth")
    c = org("org_nix", "Nix Analytics", "nixanalytics.io", "enterprise")
    gh = github(CO, 9201, "2026-12-22T08:00:00Z", now, 15)
    her = gh.deploy(9230, at(D, "07:42"), "rate limiter: move counters to the redis cluster",
                    ["src/ratelimit/store.ts"])
    streams = [stream(a["id"], per_minute=14, config_id="pc-lind-kundendienst"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=6, p50=140,
                      p95=320, prompt=2500, completion=0, key="vk-lind-index"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=12, p50=420, p95=950,
                      config_id="pc-moor-npc"),
               stream(c["id"], per_minute=12, config_id="pc-nix-insights")]
    an = [volume(at(D, "08:00"), None, {"org": a["id"], "route": "/v1/embeddings"}, 6.0),
          rate_limited(at(D, "08:00"), None, {"org": a["id"]}, 0.4)]
    cfg = [one_target("pc-lind-kundendienst", a, "kundendienst", "vk-lind-openai", "gpt-4o", 30000),
           one_target("pc-moor-npc", b, "npc", "vk-moor-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-nix-insights", c, "insights", "vk-nix-openai", "gpt-4o", 30000)]
    t = [ticket(9201, a, "429 Fehler – Rate Limiter kaputt?",
                "Hallo Support,\n\nseit heute Morgen ca. 9 Uhr MEZ bekommen wir massenhaft 429 (rate_limited) "
                "zurück, auch im Kundendienst-Chat. Wir schicken definitiv nicht mehr Anfragen als sonst, an "
                "unserem Setup hat sich nichts geändert. Ich vermute, euer neuer Rate-Limiter zählt falsch?\n\n"
                "Beste Grüße\nKatrin Vogel\nLindwurm Versicherung AG – IT", at(D, "10:45"), "Katrin Vogel",
                priority="high")]
    return scenario("", "api-errors-rate-limit-german-negation",
                    "German ticket with CET time that denies any traffic change and blames the rate limiter: the "
                    "logs show Lindwurm's /v1/embeddings re-index traffic ×6 from 08:00 and 40% of the org's "
                    "requests refused 429 rate_limited; no other org is limited. The rate-limiter storage deploy "
                    "at 07:42 is a bystander among 15 routine deploys.",
                    now, CO, [a, b, c], "2026-12-22T08:00:00Z", 9201, streams, an, t,
                    {9201: truth("api-errors", "rate_limited", ["route:/v1/embeddings"], [f"github:deployment:{her}"],
                                 ["429", "08:00"])},
                    github=gh, configs=cfg, docs=[DOC_RATE_LIMITS])


DOC_MODELS_2 = doc("docs/providers/model-retirements.md", "Model retirements",
                   "# Model retirements\n\n| model | retired | replacement |\n|---|---|---|\n"
                   "| gpt-4o-2024-05-13 | 2026-12-24 00:00 UTC | gpt-4o |\n"
                   "| claude-3-5-haiku-20241022 | 2026-10-01 17:00 UTC | claude-haiku-4-5 |\n\nAfter retirement "
                   "the provider answers 404 and the gateway returns `error_code: model_not_found`. Update "
                   "`override_params.model` in your config.\n")


def retired_model_japanese():
    D, now = "2026-12-24", "2026-12-24T06:00:00Z"
    a = org("org_nagi", "Nagi Logistics", "nagi-logi.jp", "enterprise")
    b = org("org_onda", "Onda Surf Co", "ondasurf.com", "scale")
    gh = github(CO, 9301, "2026-12-23T06:00:00Z", now, 14)
    near = gh.deploy(9350, "2026-12-23T23:50:00Z", "openai adapter: retry on connection reset",
                     ["src/providers/openai/retry.ts"])
    sp = Statuspage(now)
    other = sp.incident("openai", "c9x8z7a6s5d4", "ChatGPT conversation history unavailable", "2026-12-23T23:30:00Z",
                        at(D, "01:00"), "Some ChatGPT users cannot see their history.", component="ChatGPT")
    streams = [stream(a["id"], model="gpt-4o-2024-05-13", per_minute=8, p50=1500, p95=3800, prompt=4000,
                      completion=500, config_id="pc-nagi-summary"),
               stream(a["id"], per_minute=14, config_id="pc-nagi-chat"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1200, p95=2800,
                      config_id="pc-nagi-claude"),
               stream(b["id"], per_minute=12, config_id="pc-onda-main")]
    an = [errors(at(D, "00:00"), None, {"config_id": "pc-nagi-summary"}, 1.0, 404, "model_not_found")]
    cfg = [config("pc-nagi-summary", a["id"], "summary", [target("vk-nagi-openai", "gpt-4o-2024-05-13", 60000)],
                  updated="2025-07-01T02:00:00Z"),
           one_target("pc-nagi-chat", a, "chat", "vk-nagi-openai", "gpt-4o", 30000),
           one_target("pc-nagi-claude", a, "claude", "vk-nagi-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-onda-main", b, "main", "vk-onda-openai", "gpt-4o", 30000)]
    t = [ticket(9301, a, "要約APIが全部エラーになります",
                "いつもお世話になっております。ナギ物流の田中です。\n\n本日午前9時（JST）頃から、要約バッチ"
                "（pc-nagi-summary）のリクエストがすべて404エラーで失敗しています。チャット側（gpt-4o）は問題なく"
                "動いています。こちらでは設定を変更していないのですが、OpenAI側の障害でしょうか？\n\nエラー内容:\n"
                "{\"status\":404,\"error_code\":\"model_not_found\"}\n\nよろしくお願いいたします。",
                at(D, "02:30"), "Ren Tanaka", priority="high")]
    return scenario("", "provider-routing-retired-model-japanese",
                    "Japanese ticket with JST time; Nagi has three configs. pc-nagi-summary pins gpt-4o-2024-05-13, "
                    "retired 2026-12-24 00:00 UTC, and fails 404 model_not_found from then on; pc-nagi-chat (gpt-4o) "
                    "and pc-nagi-claude work. The customer guesses an OpenAI outage; a ChatGPT incident and an "
                    "OpenAI-adapter retry deploy at 23:50 are bystanders.",
                    now, CO, [a, b], "2026-12-23T06:00:00Z", 9301, streams, an, t,
                    {9301: truth("provider-routing", "customer_config", ["config:pc-nagi-summary"],
                                 ["config:pc-nagi-chat", "config:pc-nagi-claude", other, f"github:deployment:{near}"],
                                 ["404", "gpt-4o-2024-05-13"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_MODELS_2])


def known_bug_french_quoted():
    D, now = "2026-12-26", "2026-12-26T16:00:00Z"
    a = org("org_pivoine", "Pivoine Édition", "pivoine-edition.fr", "scale")
    b = org("org_quartz", "Quartz Health", "quartzhealth.com", "growth")
    gh = github(CO, 9401, "2026-12-25T12:00:00Z", now, 16)
    sp = Statuspage(now)
    bug = linear_issue("GW-712", "OpenAI adapter: strict json_schema with $defs rejected",
                       "Requests to OpenAI with `response_format` of type `json_schema` (strict) whose schema uses "
                       "`$defs` fail with 400 invalid_request: the adapter rewrites `$ref` paths wrongly. OpenAI "
                       "targets only, chat completions.", at(D, "09:30"), labels=("bug", "provider:openai"))
    fixed = linear_issue("GW-540", "OpenAI adapter: 400 on json_object response_format with tools",
                         "json_object plus tools gave 400 invalid_request.", "2026-09-20T10:00:00Z", state="Done",
                         labels=("bug", "provider:openai"), completed="2026-10-01T10:00:00Z")
    other = linear_issue("GW-705", "Anthropic adapter: thinking blocks lost when streaming",
                         "Extended thinking blocks are dropped from streamed Anthropic responses.",
                         "2026-12-20T10:00:00Z", labels=("bug", "provider:anthropic"))
    streams = [stream(a["id"], per_minute=14, config_id="pc-pivoine-fiches", prompt=2200, completion=700),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-pivoine-redac"),
               stream(b["id"], per_minute=14, config_id="pc-quartz-app")]
    an = [errors(at(D, "08:40"), None, {"config_id": "pc-pivoine-fiches"}, 0.3, 400, "invalid_request")]
    cfg = [one_target("pc-pivoine-fiches", a, "fiches", "vk-pivoine-openai", "gpt-4o", 30000),
           one_target("pc-pivoine-redac", a, "redac", "vk-pivoine-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-quartz-app", b, "app", "vk-quartz-openai", "gpt-4o", 30000)]
    t = [ticket(9401, a, "Erreurs 400 sur GPT-4o (suite)",
                "Bonjour,\n\nJe reviens vers vous : depuis ce matin vers 9h40 (heure de Paris) environ un tiers de "
                "nos appels GPT-4o pour les fiches produit échouent en 400 invalid_request. Claude, lui, "
                "fonctionne. Nos schémas JSON sont valides (vérifiés avec ajv) ; on utilise response_format "
                "json_schema strict avec des $defs.\n\nEst-ce un probleme connu ?\n\nCordialement,\nHugo Lefèvre\n\n"
                "> Le 26 déc. 2026 à 10:05, Support Relay a écrit :\n> Bonjour Hugo, pouvez-vous nous envoyer un "
                "exemple de requête ?", at(D, "11:20"), "Hugo Lefèvre")]
    return scenario("", "provider-routing-known-bug-french-quoted",
                    "French ticket with a quoted reply: from 08:40 UTC 30% of Pivoine's GPT-4o product-sheet requests "
                    "(strict json_schema with $defs) fail 400 invalid_request; open Linear GW-712 (the OpenAI "
                    "adapter rewrites $ref paths) explains it. GW-540 (a fixed json_object bug) and GW-705 "
                    "(Anthropic thinking blocks) are bystanders; Pivoine's Claude config works.",
                    now, CO, [a, b], "2026-12-25T12:00:00Z", 9401, streams, an, t,
                    {9401: truth("provider-routing", "known_bug", ["linear:issue:GW-712"],
                                 ["linear:issue:GW-540", "linear:issue:GW-705", "config:pc-pivoine-redac"], ["400"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, fixed, other])


def fallback_loadbalance_spanish():
    D, now = "2026-12-27", "2026-12-27T19:00:00Z"
    a = org("org_rio", "Río Bravo Logística", "riobravo.mx", "scale")
    b = org("org_sauce", "Sauce Kitchens", "saucekitchens.com", "growth")
    gh = github(CO, 9501, "2026-12-26T14:00:00Z", now, 20)
    her = gh.deploy(9530, at(D, "15:10"), "router: fallback attempt metrics", ["src/router/fallback-metrics.ts"])
    sp = Statuspage(now)
    sp.incident("openai", "n5b4v3c2x1z0", "Elevated 500 errors on GPT-4o", at(D, "15:30"), at(D, "16:45"),
                "GPT-4o requests return 500 errors at an elevated rate.")
    streams = [stream(a["id"], per_minute=12, config_id="pc-rio-cotizador", p50=900, p95=2200),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-rio-cotizador"),
               stream(b["id"], per_minute=14, config_id="pc-sauce-chat")]
    an = [errors(at(D, "15:30"), at(D, "16:45"), {"config_id": "pc-rio-cotizador", "provider": "openai"}, 0.45, 500,
                 "provider_error"),
          errors(at(D, "15:30"), at(D, "16:45"), {"config_id": "pc-sauce-chat"}, 0.45, 500, "provider_error",
                 {"provider": "anthropic", "model": "claude-sonnet-4-6"})]
    cfg = [config("pc-rio-cotizador", a["id"], "cotizador",
                  [target("vk-rio-openai", "gpt-4o", 30000, [429, 500, 502, 503]),
                   target("vk-rio-anthropic", "claude-sonnet-4-6", 30000)], mode="loadbalance"),
           config("pc-sauce-chat", b["id"], "chat",
                  [target("vk-sauce-openai", "gpt-4o", 30000, [429, 500, 502, 503]),
                   target("vk-sauce-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback")]
    t = [ticket(9501, a, "el fallbak no funciona??",
                "Hola buenas tardes,\n\nhace unas 3 horas (como a las 9:30, hora de CDMX) empezamos a ver errores "
                "500 en el cotizador. Tenemos configurado Claude como respaldo de GPT-4o en pc-rio-cotizador, "
                "¿no se supone que en ese caso debería pasar a Claude? Casi la mitad de las cotizaciones fallaron "
                "y ninguna se reintentó.\n\nSaludos,\nJavier Morales\nRío Bravo Logística", at(D, "18:40"),
                "Javier Morales", priority="high")]
    return scenario("", "fallback-loadbalance-not-fallback-spanish",
                    "Spanish ticket with CDMX time and a relative 'three hours ago': the customer believes "
                    "pc-rio-cotizador falls back from gpt-4o to Claude, but its strategy mode is loadbalance, so "
                    "during OpenAI's GPT-4o 500s 15:30-16:45 45% of its gpt-4o requests failed with no failover, "
                    "while Sauce's fallback config failed over. A fallback-metrics deploy at 15:10 is a bystander.",
                    now, CO, [a, b], "2026-12-26T14:00:00Z", 9501, streams, an, t,
                    {9501: truth("fallback", "customer_config", ["config:pc-rio-cotizador"],
                                 [f"github:deployment:{her}", "config:pc-sauce-chat"], ["15:30", "loadbalance"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS])


def deploy_regression_sdk_guess():
    D, now = "2026-12-28", "2026-12-28T22:00:00Z"
    a = org("org_tulip", "Tulip Search", "tulipsearch.io", "scale")
    b = org("org_umbra", "Umbra Knowledge", "umbra.kb", "enterprise")
    c = org("org_vanta", "Vanta Sound", "vantasound.fm", "growth")
    gh = github(CO, 9601, "2026-12-27T18:00:00Z", now, 28)
    bad = gh.deploy(9680, at(D, "17:12"), "embeddings: split large input arrays",
                    ["src/routes/embeddings.ts", "src/providers/openai/embeddings.ts"],
                    message="routes/embeddings: split input arrays over 2048 items into batches (#2601)")
    near = gh.deploy(9681, at(D, "17:20"), "dashboard: embeddings usage chart", ["ui/dashboard/embeddings.tsx"])
    gh.release(77001, "v1.11.0", "portkey-python v1.11.0", "Async client pooling; typed errors.",
               "2026-12-27T16:00:00Z")
    sp = Statuspage(now)
    other = sp.incident("openai", "r2e3w4q5t6y7", "Realtime API connection errors", at(D, "17:00"), at(D, "18:00"),
                        "Some Realtime API connections fail.", component="Realtime API")
    decoy = linear_issue("GW-730", "embeddings: dimensions parameter ignored for text-embedding-3-large",
                         "`dimensions` is not forwarded; responses have the full 3072 dimensions.",
                         "2026-12-20T10:00:00Z", labels=("bug", "provider:openai"))
    streams = [stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=20, p50=100, p95=240,
                      prompt=500, completion=0, config_id="pc-tulip-index", sdk="portkey-python/1.11.0"),
               stream(a["id"], model="gpt-4o-mini", per_minute=8, p50=600, p95=1500, config_id="pc-tulip-answer",
                      sdk="portkey-python/1.11.0"),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=14, p50=130,
                      p95=300, prompt=600, completion=0, config_id="pc-umbra-kb", sdk="portkey-node/1.8.0"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1200, p95=2800,
                      config_id="pc-vanta-lyrics")]
    an = [errors(at(D, "17:15"), None, {"route": "/v1/embeddings"}, 0.3, 500, "internal_error")]
    cfg = [one_target("pc-tulip-index", a, "index", "vk-tulip-openai", "text-embedding-3-small", 20000),
           one_target("pc-tulip-answer", a, "answer", "vk-tulip-openai", "gpt-4o-mini", 20000),
           one_target("pc-umbra-kb", b, "kb", "vk-umbra-openai", "text-embedding-3-large", 20000),
           one_target("pc-vanta-lyrics", c, "lyrics", "vk-vanta-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(9601, a, "Embeddings 500 errors – is it the new SDK?",
                "Hi team,\n\nHope you're well. Since roughly 6:15pm CET today our indexing pipeline gets HTTP 500s "
                "on about 30% of embedding calls. We upgraded to portkey-python 1.11.0 yesterday so maybe it's "
                "that? Traceback:\n\nTraceback (most recent call last):\n  File \"indexer/worker.py\", line 88, in "
                "embed_batch\n    resp = client.embeddings.create(model=\"text-embedding-3-small\", input=chunk)\n"
                "  File \"portkey_ai/api_resources/apis/embeddings.py\", line 41, in create\n"
                "portkey_ai.InternalServerError: Error code: 500 - {'error': {'code': 'internal_error', "
                "'message': 'Internal error'}}\n\nShould we roll back the SDK? Is there a known issue with "
                "embeddings?\n\nThanks,\nWen Li\nStaff engineer, Tulip Search", at(D, "19:05"), "Wen Li",
                priority="high")]
    return scenario("", "api-errors-deploy-regression-sdk-guess",
                    "28 routine deploys; deploy #9680 (embeddings input batching, touching the embeddings route) at "
                    "17:12 is followed from 17:15 by 30% 500 internal_error on /v1/embeddings for every org and SDK "
                    "(chat is fine). The customer suspects the portkey-python 1.11.0 they installed the day before; "
                    "Umbra's node SDK fails the same. A dashboard deploy at 17:20, a Realtime API incident and an "
                    "open embeddings dimensions bug are bystanders.",
                    now, CO, [a, b, c], "2026-12-27T18:00:00Z", 9601, streams, an, t,
                    {9601: truth("api-errors", "deploy_regression", [f"github:deployment:{bad}"],
                                 [f"github:deployment:{near}", other, "linear:issue:GW-730",
                                  "sdk:portkey-python/1.11.0"], ["500", "17:15"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[decoy])


def two_causes_key_and_overload():
    D, now = "2026-12-29", "2026-12-29T12:00:00Z"
    a = org("org_wren", "Wren Legal", "wrenlegal.com", "enterprise")
    b = org("org_yak", "Yak Travel", "yaktravel.com", "growth")
    gh = github(CO, 9701, "2026-12-28T12:00:00Z", now, 17)
    her = gh.deploy(9730, at(D, "06:45"), "auth: SameSite on dashboard session cookie", ["src/auth/session.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "o8i7u6y5t4r3", "Elevated overloaded errors on the Claude API", at(D, "09:30"),
                      at(D, "10:30"), "Claude API requests return 529 overloaded errors at an elevated rate.")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1400, p95=3200,
                      config_id="pc-wren-review", key="vk-wren-review"),
               stream(a["id"], per_minute=10, config_id="pc-wren-intake", key="vk-wren-intake"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-yak-chat")]
    an = [errors(at(D, "07:00"), None, {"config_id": "pc-wren-intake"}, 1.0, 401, "invalid_api_key"),
          errors(at(D, "09:30"), at(D, "10:30"), {"provider": "anthropic"}, 0.35, 529, "provider_overloaded")]
    cfg = [one_target("pc-wren-review", a, "review", "vk-wren-anthropic", "claude-sonnet-4-6", 30000),
           config("pc-wren-intake", a["id"], "intake", [target("vk-wren-openai-2025", "gpt-4o", 30000)],
                  updated=at(D, "06:58")),
           one_target("pc-yak-chat", b, "chat", "vk-yak-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(9701, a, "two diffrent errors??",
                "hi, since this morning we see 401 invalid_api_key on our intake service (gpt-4o) and now also "
                "529 on contract review (claude) between like 10:30 and 11:30 CET. We did NOT change our keys. "
                "is your auth service down?? thx - Priya\n\n--\nPriya Nair | Platform | Wren Legal",
                at(D, "11:15"), "Priya Nair", priority="urgent")]
    return scenario("", "api-errors-two-causes-key-and-overload",
                    "Two causes at once for Wren, with typos and a wrong guess (our auth service): pc-wren-intake "
                    "was edited at 06:58 to a virtual key that does not exist and fails 401 invalid_api_key from "
                    "07:00 (primary: ~3,000 failures), and Anthropic's overload 09:30-10:30 gives 529 on every org's "
                    "Claude traffic (secondary: ~300 of Wren's failures). A dashboard cookie deploy at 06:45 is a "
                    "bystander.",
                    now, CO, [a, b], "2026-12-28T12:00:00Z", 9701, streams, an, t,
                    {9701: truth("api-errors", "customer_config", ["config:pc-wren-intake"],
                                 [f"github:deployment:{her}", "config:pc-yak-chat"], ["401", "529"],
                                 [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg)


def no_fault_evening_cycle_french():
    D, now = "2026-12-30", "2026-12-30T21:45:00Z"
    a = org("org_velours", "Velours Mode", "velours-mode.fr", "enterprise")
    b = org("org_willow", "Willow Tutors", "willowtutors.com", "growth")
    gh = github(CO, 9801, "2026-12-29T16:00:00Z", now, 22)
    sus = gh.deploy(9890, at(D, "19:52"), "router: retry jitter for provider timeouts", ["src/router/retry.ts"])
    sp = Statuspage(now)
    herring = sp.incident("openai", "j6h5g4f3d2s1", "Sora video generations failing", at(D, "19:40"), at(D, "20:40"),
                          "Sora video generations fail for some users.", component="Sora")
    page = pd_incident("PEDGE7731", 7731, "High 5xx ratio on edge-us-east", at(D, "20:05"), at(D, "20:20"),
                       "edge-us-east")
    streams = [cycle(stream(a["id"], per_minute=25, error_rate=0.03, config_id="pc-velours-styliste", p50=800,
                            p95=2000), 17, 22, 0.35),
               cycle(stream(a["id"], model="gpt-4o-mini", per_minute=15, error_rate=0.03, config_id="pc-velours-tags",
                            p50=500, p95=1200), 17, 22, 0.35),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=12, p50=100,
                      p95=230, error_rate=0.025, prompt=400, completion=0),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=420, p95=950,
                      config_id="pc-willow-tutor")]
    cfg = [one_target("pc-velours-styliste", a, "styliste", "vk-velours-openai", "gpt-4o", 30000),
           one_target("pc-velours-tags", a, "tags", "vk-velours-openai", "gpt-4o-mini", 20000),
           one_target("pc-willow-tutor", b, "tutor", "vk-willow-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(9801, a, "Explosion des erreurs ce soir ???",
                "Bonjour,\n\nNotre monitoring montre une explosion du nombre d'erreurs depuis 21h ce soir (heure de "
                "Paris) : on est passé d'une quinzaine à plus de 40 erreurs par heure sur le styliste. Vous avez un "
                "incident en cours ? Je vois que vous avez déployé quelque chose juste avant.\n\nMerci de regarder "
                "rapidement,\nÉlodie Martin\nResponsable plateforme — Velours Mode", at(D, "21:30"),
                "Élodie Martin", priority="high")]
    q = [question(9802, b, at(D, "10:00"), "Export des logs",
                  "Can we export request logs to our own S3 bucket every day?")]
    return scenario("", "api-errors-no-fault-evening-cycle-french",
                    "French ticket: Velours is a big org whose chat traffic follows an evening cycle (full volume "
                    "17:00-22:00 UTC, a third at night) with a steady 3% error rate, so the error count rises every "
                    "evening while the rate stays flat, as it did the evening before. A retry-jitter deploy at 19:52, "
                    "a Sora incident and an edge PagerDuty page at 20:05 tempt; nothing changed.",
                    now, CO, [a, b], "2026-12-29T16:00:00Z", 9801, streams, [], t,
                    {9801: truth("api-errors", "no_fault_found", [], [f"github:deployment:{sus}", herring,
                                                                      "pagerduty:incident:PEDGE7731"], ["20:00"])},
                    github=gh, statuspage=sp, configs=cfg, pagerduty=[page], questions=q)


ALL = [outage_portuguese_quoted, rate_limit_german_negation, retired_model_japanese, known_bug_french_quoted,
       fallback_loadbalance_spanish, deploy_regression_sdk_guess, two_causes_key_and_overload,
       no_fault_evening_cycle_french]

if __name__ == "__main__":
    write_all(ALL)
