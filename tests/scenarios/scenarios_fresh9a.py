#!/usr/bin/env python3
"""Eight library scenarios in March and October 2030, in the API-error, latency, fallback and
provider-routing patterns, written before the engine ran on them, each truth asking for every ref a
careful engineer would cite with the cause (the docs page beside the config that runs into it, the
model beside the incident, the route beside the deploy): a "Gemini fails, Claude works" ticket whose
failures are one config's revoked virtual key while the org's other Gemini config works; the same in
Spanish with a model name mistyped in a config beside an incident on another Gemini model; a
provider's own time rising on one Claude model ten minutes after a deploy of ours; gateway time
rising on one route right after our deploy touching its middleware among fifteen routine ones; a
fallback whose on_status_codes lacks the 500 its primary answers; a provider incident beside a
fallback target whose virtual key is out of budget (two causes); a loadbalance split the customer
thinks moved, in a big noisy org whose config was saved with a metadata-only change; and the org's
own per-key rate limit the customer reads as an outage beside an incident on another model.

March 2030: the US on summer time from 10 March (New York UTC-4 after, UTC-5 before), Europe on
standard time until 31 March (Paris UTC+1, London UTC+0). October 2030: Europe on summer time until
27 October (Berlin UTC+2), Sydney on summer time from 6 October (UTC+11), Tokyo UTC+9, São Paulo
UTC-3 and Mexico City UTC-6 all year.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))

DOC_VIRTUAL_KEYS = doc("docs/keys/virtual-keys.md", "Virtual keys",
                       "# Virtual keys\n\nA virtual key stores a provider's API key in the vault; configs name it "
                       "in each target's `virtual_key`. An admin can revoke a virtual key in Settings → Virtual "
                       "keys. From then on every request routed to a target that names the revoked key is "
                       "answered 401 with `error_code: invalid_api_key`, whichever provider it belongs to; other "
                       "virtual keys of the organisation, including keys of the same provider, keep working. "
                       "Point the config's target at an active virtual key to fix it.\n")

DOC_GOOGLE_MODELS = doc("docs/providers/google.md", "Google Gemini",
                        "# Google Gemini\n\nSet `override_params.model` to one of Google's model ids: "
                        "`gemini-2.5-pro`, `gemini-2.5-flash`, `gemini-2.5-flash-lite`, `gemini-2.0-flash`. A "
                        "model id Google does not know is answered 404 and the gateway returns `error_code: "
                        "model_not_found`; nothing is retried.\n")

DOC_BUDGETS = doc("docs/limits/budgets.md", "Budgets on virtual keys",
                  "# Budgets on virtual keys\n\nA virtual key can carry a monthly spend budget. Once the key's "
                  "spend reaches it, every request routed through that key is refused 429 with `error_code: "
                  "budget_exceeded` until the budget is raised in Settings → Virtual keys or the next month "
                  "starts. This includes fallback attempts: a fallback target whose virtual key is over its "
                  "budget cannot serve the requests that fail over to it. Other keys are not affected.\n")

DOC_KEY_LIMITS = doc("docs/limits/rate-limits.md", "Rate limits",
                     "# Rate limits\n\nEach plan has a tokens-per-minute budget per organisation (growth 100k, "
                     "scale 150k, enterprise by contract).\n\n## Per-key limits\n\nA virtual key may also carry "
                     "its own requests-per-minute limit (`rate_limit` in Settings → Virtual keys), set by your "
                     "admins. The gateway enforces it before routing: a request beyond it is answered 429 with "
                     "`error_code: rate_limited` and a `retry-after` header and is never sent to the provider. "
                     "Other keys of the organisation are not affected. Spread batch jobs out, raise the key's "
                     "limit or use the batch API.\n")

DOC_LOADBALANCE = doc("docs/routing/loadbalance.md", "Load balancing",
                      "# Load balancing\n\nA config with `strategy.mode = loadbalance` sends each request to one "
                      "of its targets at random, in proportion to the targets' `weight`. Shares are per request: "
                      "over a few hundred requests they match the weights within a few percent, and they do not "
                      "depend on the time of day. Editing a config's `metadata` or name changes no routing.\n")


def api_errors_revoked_key_gemini_en():
    """"Gemini fails but Claude works": the failures are one config's revoked virtual key; the org's
    other Gemini config on the same model works in the same minutes."""
    D, now = "2030-03-05", "2030-03-05T19:00:00Z"
    a = org("org_halyard", "Halyard Freight", "halyardfreight.com", "scale")
    b = org("org_bollard", "Bollard Health", "bollardhealth.org", "enterprise")
    c = org("org_cleat", "Cleat Games", "cleatgames.io", "growth")
    gh = github(CO, 35101, "2030-03-04T15:00:00Z", now, 18)
    her = gh.deploy(35140, at(D, "15:02"), "google adapter: map safety ratings to finish_reason",
                    ["src/providers/google/response.ts", "src/providers/google/response.test.ts"])
    sp = Statuspage(now)
    img = sp.incident("google", "i3m5a7g9e1n3", "Elevated errors on Imagen API", at(D, "15:10"), at(D, "16:00"),
                      "Some Imagen API requests fail.", component="Imagen API")
    # From 15:20 UTC (10:20 in New York, EST) every request of Halyard's quote assistant
    # (pc-halyard-quotes, gemini-2.5-flash) is refused 401 invalid_api_key: its target names
    # vk-halyard-google-ops, the virtual key an admin revoked in a key clean-up at 15:19. Halyard's
    # shipment tracker (pc-halyard-tracking) runs the same model on the same provider through the
    # active key vk-halyard-google and is fine in the same minutes, as are its Claude claims config and
    # Cleat's Gemini. The virtual-keys doc gives exactly this: 401 invalid_api_key for targets naming a
    # revoked key, other keys unaffected. The customer's "Gemini fails, Claude works" is a contrast of
    # two providers, but the logs scope the failures to one config: a config cause, cited with the doc.
    # The Google adapter deploy of 15:02 touched every Gemini request (tracker and Cleat unaffected);
    # the Imagen incident is another Google product.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=12, p50=900, p95=2200,
                      config_id="pc-halyard-quotes", key="vk-halyard-sales", sdk="portkey-node/2.9.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=10, p50=900, p95=2200,
                      config_id="pc-halyard-tracking", key="vk-halyard-ops", sdk="portkey-python/1.22.0"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=6, p50=2400, p95=5600,
                      config_id="pc-halyard-claims", key="vk-halyard-ops", sdk="portkey-python/1.22.0"),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-bollard-notes"),
               stream(c["id"], provider="google", model="gemini-2.5-flash", per_minute=6, p50=900, p95=2200,
                      config_id="pc-cleat-npc")]
    an = [errors(at(D, "15:20"), None, {"config_id": "pc-halyard-quotes"}, 1.0, 401, "invalid_api_key")]
    cfg = [one_target("pc-halyard-quotes", a, "quotes", "vk-halyard-google-ops", "gemini-2.5-flash", 30000),
           one_target("pc-halyard-tracking", a, "tracking", "vk-halyard-google", "gemini-2.5-flash", 30000),
           one_target("pc-halyard-claims", a, "claims", "vk-halyard-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-bollard-notes", b, "notes", "vk-bollard-openai", "gpt-4.1", 30000),
           one_target("pc-cleat-npc", c, "npc", "vk-cleat-google", "gemini-2.5-flash", 30000)]
    t = [ticket(35101, a, "Gemini down for us? Claude still fine",
                "Hi Relay team,\n\nSince about 10:20 this morning (Eastern) our Gemini calls are failing with 401s, "
                "while everything we run on Claude is working normally. So it looks like Gemini (or your Google "
                "integration) is broken, not us - we haven't touched our code in a week. I saw you shipped "
                "something to the Google adapter today too.\n\nError our quote service logs:\n\n"
                "```\nRelayError: 401 {\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}\n"
                "    at QuoteService.draft (/app/src/quotes/draft.ts:57:13)\n```\n\n"
                "Can you confirm whether Google has an outage and an ETA?\n\nThanks,\nMarcus Bell\n"
                "Platform Engineer, Halyard Freight", at(D, "17:40"), "Marcus Bell", priority="high")]
    # The failures share one config; its target names the revoked key, and the doc states the
    # behaviour: the root cause cites the config and the virtual-keys doc. Bystanders: the adapter
    # deploy, the Imagen incident, the org's working Gemini config.
    return scenario("", "api-errors-revoked-key-gemini-claude-contrast-english",
                    "English ticket (New York, EST) contrasting Gemini with Claude: from 15:20 UTC every request of "
                    "pc-halyard-quotes is refused 401 invalid_api_key because its target names a revoked virtual "
                    "key, while the org's other gemini-2.5-flash config on an active key works in the same minutes "
                    "(customer_config; the logs overrule the ticket's provider contrast). A Google adapter deploy at "
                    "15:02 and an Imagen incident are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2030-03-04T15:00:00Z", 35101, streams, an, t,
                    {35101: truth("api-errors", "customer_config",
                                  ["config:pc-halyard-quotes", "docs:docs/keys/virtual-keys.md"],
                                  [f"github:deployment:{her}", img, "config:pc-halyard-tracking"],
                                  ["401", "pc-halyard-quotes"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_VIRTUAL_KEYS, DOC_RATE_LIMITS])


def api_errors_model_typo_gemini_es():
    """The same pattern in Spanish: a config saved with a mistyped Gemini model id fails 404; the
    org's other Gemini config works; Google's incident on another Gemini model is a bystander."""
    D, now = "2030-10-09", "2030-10-09T23:30:00Z"
    a = org("org_tlacuache", "Tlacuache Finanzas", "tlacuache.mx", "scale")
    b = org("org_ajolote", "Ajolote Salud", "ajolotesalud.mx", "enterprise")
    c = org("org_quetzal", "Quetzal Viajes", "quetzalviajes.com", "growth")
    gh = github(CO, 35201, "2030-10-09T00:00:00Z", now, 20)
    her = gh.deploy(35240, at(D, "16:40"), "google adapter: retry 503 with jitter",
                    ["src/providers/google/retry.ts", "src/providers/google/retry.test.ts"])
    sp = Statuspage(now)
    pro = sp.incident("google", "p2r4o6g8e0m2", "Elevated error rates for Gemini 2.5 Pro", at(D, "17:30"),
                      at(D, "18:30"), "Some Gemini 2.5 Pro requests fail with 500 errors.", component="Gemini API")
    lin = [linear_issue("GW-4311", "Google: thinking budget ignored on gemini-2.5-flash-lite",
                        "thinking_budget in override_params is not sent for flash-lite.", "2030-10-01T10:00:00Z",
                        labels=("bug", "provider:google"))]
    # Tlacuache's collections assistant (pc-tlacuache-cobranza) ran on gemini-2.5-flash until the
    # customer saved it at 17:12 UTC (11:12 in Mexico City, UTC-6) with the model id
    # "gemini-2.5-flahs": from 17:13 every one of its requests fails 404 model_not_found, the answer
    # the Google doc gives for a model id Google does not know. The org's customer chat
    # (pc-tlacuache-chat, gemini-2.5-flash, same provider) and its Claude config are fine, so is
    # Quetzal's gemini-2.5-flash. Google's incident (17:30-18:30) is on Gemini 2.5 Pro, which only
    # Ajolote uses (its 500s); the retry deploy of 16:40 touched every Gemini request.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=10, p50=900, p95=2200,
                      config_id="pc-tlacuache-cobranza", key="vk-tlacuache-back", sdk="portkey-python/1.22.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=12, p50=900, p95=2200,
                      config_id="pc-tlacuache-chat", key="vk-tlacuache-web", sdk="portkey-node/2.9.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      config_id="pc-tlacuache-kyc", key="vk-tlacuache-back", sdk="portkey-python/1.22.0"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=6, p50=2500, p95=6000,
                      config_id="pc-ajolote-notas"),
               stream(c["id"], provider="google", model="gemini-2.5-flash", per_minute=6, p50=900, p95=2200,
                      config_id="pc-quetzal-itinerarios")]
    an = [errors(at(D, "17:13"), None, {"config_id": "pc-tlacuache-cobranza"}, 1.0, 404, "model_not_found"),
          errors(at(D, "17:30"), at(D, "18:30"), {"model": "gemini-2.5-pro"}, 0.4, 500, "provider_error")]
    cfg = [config("pc-tlacuache-cobranza", a["id"], "cobranza",
                  [target("vk-tlacuache-google", "gemini-2.5-flahs", 30000)], updated=at(D, "17:12")),
           one_target("pc-tlacuache-chat", a, "chat", "vk-tlacuache-google", "gemini-2.5-flash", 30000),
           one_target("pc-tlacuache-kyc", a, "kyc", "vk-tlacuache-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-ajolote-notas", b, "notas", "vk-ajolote-google", "gemini-2.5-pro", 60000),
           one_target("pc-quetzal-itinerarios", c, "itinerarios", "vk-quetzal-google", "gemini-2.5-flash", 30000)]
    t = [ticket(35201, a, "Gemini falla, Claude funciona",
                "Hola, buenas tardes.\n\nDesde poco después de las 11 de la mañana (hora de CDMX) nuestras "
                "llamadas a Gemini fallan todas con un 404, mientras que lo que corre en Claude funciona sin "
                "problema. En la página de estado de Google vimos un incidente de Gemini a esa misma hora, así "
                "que suponemos que es eso. ¿Nos pueden confirmar cuándo se resuelve? La cobranza de hoy está "
                "detenida.\n\nSaludos cordiales,\nLucía Ramírez\nIngeniería, Tlacuache Finanzas",
                at(D, "22:10"), "Lucía Ramírez", priority="high")]
    # The failing requests are one config's, saved with a model id the Google doc does not list, while
    # the same model works in the org's other config: the root cause cites the config and the doc. Bystanders: the Gemini 2.5 Pro incident, the retry deploy, a
    # flash-lite bug and the org's working Gemini config.
    return scenario("", "api-errors-model-typo-gemini-pro-incident-bystander-spanish",
                    "Mexican Spanish ticket (CDMX, UTC-6) contrasting Gemini with Claude and blaming Google's "
                    "incident: pc-tlacuache-cobranza was saved at 17:12 UTC with the model id gemini-2.5-flahs and "
                    "from 17:13 all its requests fail 404 model_not_found, while the org's other gemini-2.5-flash "
                    "config works (customer_config). Google's Gemini 2.5 Pro incident (another model), a Google "
                    "retry deploy at 16:40 and a flash-lite bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2030-10-09T00:00:00Z", 35201, streams, an, t,
                    {35201: truth("api-errors", "customer_config",
                                  ["config:pc-tlacuache-cobranza", "docs:docs/providers/google.md"],
                                  [pro, f"github:deployment:{her}", "linear:issue:GW-4311", "config:pc-tlacuache-chat"],
                                  ["404", "gemini-2.5-flahs"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_GOOGLE_MODELS])


def latency_sonnet_incident_deploy_before_pt():
    """Anthropic's own time on one Claude model rises with its incident; the gateway's time is flat;
    our deploy ten minutes before is a bystander. Local time with a UTC offset."""
    D, now = "2030-10-22", "2030-10-22T21:30:00Z"
    a = org("org_jabuti", "Jabuti Seguros", "jabutiseguros.com.br", "enterprise")
    b = org("org_sagui", "Sagui Educação", "saguiedu.com.br", "scale")
    c = org("org_boto", "Boto Logística", "botolog.com.br", "growth")
    gh = github(CO, 35301, "2030-10-21T20:00:00Z", now, 19)
    her = gh.deploy(35340, at(D, "16:50"), "router: upstream keep-alive pool per provider",
                    ["src/router/upstream-pool.ts", "src/router/upstream-pool.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "s1o3n5n7e9t1", "Increased latency on Claude Sonnet 4.5", at(D, "17:00"),
                      at(D, "18:30"), "Requests to Claude Sonnet 4.5 are taking longer than usual.", impact="minor")
    web = sp.incident("anthropic", "c2l4a6u8d0e2", "claude.ai slow to load conversations", at(D, "19:10"),
                      at(D, "19:50"), "Some claude.ai users see slow loading.", component="claude.ai", impact="minor")
    # 17:00-18:30 UTC (14:00-15:30 in São Paulo, UTC-3) Anthropic's own time on claude-sonnet-4-5 is
    # 3.2 times its usual for every org (Jabuti's claims analyst, Sagui's essay grader), the model and
    # minutes of Anthropic's incident; the gateway's time stays ~10 ms on every request. Jabuti's
    # claude-haiku-4-5 triage and gpt-4.1-mini chat, and Boto's gpt-4.1, are as fast as before. Our
    # keep-alive deploy of 16:50, ten minutes before, touched every provider's requests and the
    # gateway's time did not move; the claude.ai incident is later and another product.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=12, p50=2300, p95=5400,
                      gateway_ms=10, config_id="pc-jabuti-sinistros", key="vk-jabuti-sinistros",
                      sdk="portkey-python/1.22.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=600, p95=1500,
                      gateway_ms=10, config_id="pc-jabuti-triagem", key="vk-jabuti-sinistros",
                      sdk="portkey-python/1.22.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, gateway_ms=10,
                      config_id="pc-jabuti-atendimento", key="vk-jabuti-web", sdk="portkey-node/2.9.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=8, p50=2400, p95=5600,
                      config_id="pc-sagui-redacao"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3400, config_id="pc-boto-rotas")]
    an = [latency(at(D, "17:00"), at(D, "18:30"), {"model": "claude-sonnet-4-5"}, 3.2)]
    cfg = [one_target("pc-jabuti-sinistros", a, "sinistros", "vk-jabuti-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-jabuti-triagem", a, "triagem", "vk-jabuti-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-jabuti-atendimento", a, "atendimento", "vk-jabuti-openai", "gpt-4.1-mini", 20000),
           one_target("pc-sagui-redacao", b, "redacao", "vk-sagui-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-boto-rotas", c, "rotas", "vk-boto-openai", "gpt-4.1", 30000)]
    t = [ticket(35301, a, "Lentidão no analista de sinistros hoje à tarde",
                "Olá, equipe Relay,\n\nHoje, a partir das 14h (UTC-3), o nosso analista de sinistros ficou bem mais "
                "lento: chamadas que levam uns 2 segundos passaram a levar 7, 8 segundos, até umas 15h30. A "
                "triagem e o atendimento pareciam normais. Vi no changelog de vocês uma mudança no pool de conexões "
                "pouco antes das 14h; será que foi isso?\n\nPrecisamos de uma explicação para o comitê de "
                "operações.\n\nAtenciosamente,\nBeatriz Nogueira\nArquitetura de Sistemas — Jabuti Seguros",
                at(D, "20:40"), "Beatriz Nogueira")]
    # Provider time on one model, the incident's model and minutes, gateway flat: the root cause cites
    # the incident and the model it hit. Bystanders: the keep-alive deploy, the claude.ai incident and
    # the org's unaffected Haiku config.
    return scenario("", "latency-spike-sonnet-incident-deploy-before-portuguese",
                    "Brazilian Portuguese ticket (local time as a UTC offset, 'às 14h (UTC-3)', blames our "
                    "keep-alive deploy): 17:00-18:30 UTC Anthropic's own time on claude-sonnet-4-5 is 3.2 times its "
                    "usual for every org, the model and minutes of Anthropic's latency incident, while the gateway's "
                    "time is flat and Haiku and GPT are as fast as before (provider_outage). The keep-alive deploy at "
                    "16:50 and a later claude.ai incident are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2030-10-21T20:00:00Z", 35301, streams, an, t,
                    {35301: truth("latency-spike", "provider_outage", [inc, "model:claude-sonnet-4-5"],
                                  [f"github:deployment:{her}", web, "config:pc-jabuti-triagem"],
                                  ["claude-sonnet-4-5"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_responses_middleware_deploy_de():
    """Gateway time on every org's /v1/responses rises right after our deploy touching that route's
    middleware, among fifteen routine deploys; the ticket asks questions."""
    D, now = "2030-10-15", "2030-10-15T13:30:00Z"
    a = org("org_eichhorn", "Eichhorn Verlag", "eichhorn-verlag.de", "enterprise")
    b = org("org_fink", "Fink Mobility", "finkmobility.de", "scale")
    c = org("org_luchs", "Luchs Analytics", "luchs.ch", "growth")
    gh = github(CO, 35401, "2030-10-14T14:00:00Z", now, 15)
    bad = gh.deploy(35440, at(D, "07:12"), "responses: validate tool schemas in the request middleware",
                    ["src/routes/responses/middleware.ts", "src/routes/responses/tool-schema.ts",
                     "src/routes/responses/middleware.test.ts"],
                    message="responses middleware: compile and validate every tool JSON schema per request (#6021)")
    near = gh.deploy(35441, at(D, "07:40"), "dashboard: responses tab in the request log",
                     ["ui/logs/responses-tab.tsx"])
    sp = Statuspage(now)
    rt = sp.incident("openai", "r4e6a8l0t2i4", "Realtime API sessions dropping", at(D, "07:20"), at(D, "08:00"),
                     "Some Realtime API sessions disconnect.", component="Realtime API")
    # From 07:14 UTC (09:14 in Berlin, CEST), two minutes after deploy #35440 changed the
    # /v1/responses middleware, the gateway's own time on every org's /v1/responses request rises
    # from ~9 ms to ~0.9 s (Eichhorn's editorial agent, Luchs' report agent); the providers' time is
    # flat, and /v1/chat/completions of every org is as fast as before. The dashboard deploy of 07:40
    # touches only the UI; the Realtime incident is another OpenAI product.
    streams = [stream(a["id"], route="/v1/responses", model="gpt-4.1", per_minute=12, p50=1400, p95=3200,
                      config_id="pc-eichhorn-lektorat", key="vk-eichhorn-redaktion", sdk="portkey-node/2.9.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700,
                      config_id="pc-eichhorn-leserservice", key="vk-eichhorn-web", sdk="portkey-node/2.9.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                      config_id="pc-fink-dispo"),
               stream(c["id"], route="/v1/responses", model="gpt-4.1", per_minute=5, p50=1500, p95=3400,
                      config_id="pc-luchs-berichte")]
    an = [latency(at(D, "07:14"), None, {"route": "/v1/responses"}, 100, component="gateway")]
    cfg = [one_target("pc-eichhorn-lektorat", a, "lektorat", "vk-eichhorn-openai", "gpt-4.1", 60000),
           one_target("pc-eichhorn-leserservice", a, "leserservice", "vk-eichhorn-openai", "gpt-4.1-mini", 20000),
           one_target("pc-fink-dispo", b, "dispo", "vk-fink-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-luchs-berichte", c, "berichte", "vk-luchs-openai", "gpt-4.1", 60000)]
    t = [ticket(35401, a, "Warum ist unser Lektorats-Agent seit heute früh langsamer?",
                "Guten Tag,\n\nkönnen Sie uns sagen, warum unser Lektorats-Agent seit etwa 9:15 Uhr heute Morgen "
                "spürbar langsamer antwortet? Jede Anfrage dauert ungefähr eine Sekunde länger als gestern. Liegt "
                "das an OpenAI, oder hat sich bei Ihnen etwas geändert? Und weshalb ist der Leserservice, der "
                "ebenfalls über Sie läuft, nicht betroffen?\n\nFür eine kurze Einschätzung wären wir dankbar.\n\n"
                "Freundliche Grüße\nTobias Brandt\nDigitale Produkte, Eichhorn Verlag", at(D, "12:40"),
                "Tobias Brandt")]
    # Gateway time on one route from two minutes after the deploy that changed that route's
    # middleware: the root cause cites the deploy and the route. Bystanders: the UI deploy and the
    # Realtime incident.
    return scenario("", "latency-spike-responses-middleware-deploy-german-question",
                    "German ticket asked as questions (Berlin summer time, wonders about OpenAI): from 07:14 UTC, two "
                    "minutes after deploy #35440 changed the /v1/responses middleware, the gateway's own time on "
                    "every org's /v1/responses request rises ~100x while provider time and chat completions are flat "
                    "(deploy_regression). A request-log UI deploy at 07:40 and a Realtime API incident are "
                    "bystanders among 15 routine deploys.",
                    now, CO, [a, b, c], "2030-10-14T14:00:00Z", 35401, streams, an, t,
                    {35401: truth("latency-spike", "deploy_regression",
                                  [f"github:deployment:{bad}", "route:/v1/responses"],
                                  [f"github:deployment:{near}", rt], ["/v1/responses"])},
                    github=gh, statuspage=sp, configs=cfg)


def fallback_500_not_listed_ja():
    """Gemini 2.5 Pro answers 500 to a share of requests; the config's on_status_codes lists 429 and
    503 only, so nothing fails over; another org's config lists 500 and fails over."""
    D, now = "2030-03-13", "2030-03-13T06:30:00Z"
    a = org("org_tsubame", "Tsubame Sangyo", "tsubame-sangyo.co.jp", "enterprise")
    b = org("org_hibari", "Hibari Media", "hibari-media.jp", "scale")
    c = org("org_uguisu", "Uguisu Labs", "uguisu.dev", "growth")
    gh = github(CO, 35501, "2030-03-12T08:00:00Z", now, 21)
    her = gh.deploy(35540, at(D, "01:48"), "router: log the fallback chain in request details",
                    ["src/router/fallback-log.ts", "ui/logs/request-detail.tsx"])
    lin = [linear_issue("GW-4321", "Fallback: request_timeout ignored on streamed Gemini targets",
                        "Streamed Gemini requests wait past request_timeout and never fail over.",
                        "2030-03-06T10:00:00Z", labels=("bug", "router"))]
    # 02:10-03:30 UTC (11:10-12:30 JST) gemini-2.5-pro answers 500 to 35% of requests (no status page
    # incident). Tsubame's pc-tsubame-keiyaku falls back from gemini-2.5-pro to gpt-4.1 but its first
    # target's retry lists only 429 and 503 in on_status_codes: every 500 reaches its client, nothing
    # fails over. Hibari's fallback config lists 500 and its 500'd requests are served by gpt-4.1
    # (fallback_used). The fallbacks doc: a target fails over only on a status in on_status_codes. The
    # fallback-chain logging deploy of 01:48 changes no routing; the streamed-timeout bug needs a
    # streamed request and a timeout.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=12, p50=2500, p95=6000,
                      config_id="pc-tsubame-keiyaku", key="vk-tsubame-houmu", sdk="portkey-python/1.22.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-tsubame-faq",
                      key="vk-tsubame-web", sdk="portkey-node/2.9.0"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=9, p50=2500, p95=6000,
                      config_id="pc-hibari-kiji"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
                      config_id="pc-uguisu-bot")]
    an = [errors(at(D, "02:10"), at(D, "03:30"), {"config_id": "pc-tsubame-keiyaku"}, 0.35, 500, "provider_error"),
          errors(at(D, "02:10"), at(D, "03:30"), {"config_id": "pc-hibari-kiji", "provider": "google"}, 0.35, 500,
                 "provider_error", {"provider": "openai", "model": "gpt-4.1"})]
    cfg = [config("pc-tsubame-keiyaku", a["id"], "keiyaku",
                  [target("vk-tsubame-google", "gemini-2.5-pro", 60000, [429, 503]),
                   target("vk-tsubame-openai", "gpt-4.1", 60000)], mode="fallback", updated="2029-12-02T10:00:00Z"),
           one_target("pc-tsubame-faq", a, "faq", "vk-tsubame-openai", "gpt-4.1-mini", 20000),
           config("pc-hibari-kiji", b["id"], "kiji",
                  [target("vk-hibari-google", "gemini-2.5-pro", 60000, [429, 500, 502, 503, 504]),
                   target("vk-hibari-openai", "gpt-4.1", 60000)], mode="fallback"),
           one_target("pc-uguisu-bot", c, "bot", "vk-uguisu-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(35501, a, "フォールバックが動作しない件（契約書レビュー）",
                "Relay サポート御中\n\nいつも大変お世話になっております。燕産業 法務システム担当の佐藤でございます。\n\n"
                "本日 11時10分ごろから12時30分ごろ（JST）にかけて、契約書レビュー機能で Gemini からのエラーが"
                "多発いたしました。設定 pc-tsubame-keiyaku では GPT-4.1 へのフォールバックを設定しておりますが、"
                "エラーがそのままアプリケーションに返却されており、フォールバックが一度も実行されていないように"
                "見受けられます。\n\nアプリケーションログ（抜粋）:\n"
                "```\n2030-03-13 11:14:02 JST ERROR keiyaku.review status=500 "
                "body={\"error\":{\"code\":\"provider_error\",\"provider\":\"google\"}}\n```\n\n"
                "御社の本日のリリースの影響でしょうか。ご確認のほどよろしくお願い申し上げます。\n\n"
                "佐藤 美咲\n燕産業株式会社 法務部 システム担当", at(D, "05:20"), "Misaki Sato", priority="high")]
    # The fallback never fires because the config's on_status_codes lacks the 500 the primary
    # answers, the behaviour the fallbacks doc states: the root cause cites the config and that doc.
    # Bystanders: the fallback-logging deploy, the streamed-timeout bug, the org's FAQ config.
    return scenario("", "fallback-500-not-in-status-codes-japanese",
                    "Formal Japanese ticket (JST, pasted log line, asks about our release): 02:10-03:30 UTC "
                    "gemini-2.5-pro answers 500 to 35% of requests; pc-tsubame-keiyaku's first target lists only 429 "
                    "and 503 in on_status_codes, so its 500s reach the client, while another org's fallback config "
                    "that lists 500 fails over to gpt-4.1 (customer_config). A fallback-logging deploy at 01:48 and a "
                    "streamed-timeout bug are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2030-03-12T08:00:00Z", 35501, streams, an, t,
                    {35501: truth("fallback", "customer_config",
                                  ["config:pc-tsubame-keiyaku", "docs:docs/routing/fallbacks.md"],
                                  [f"github:deployment:{her}", "linear:issue:GW-4321", "config:pc-tsubame-faq"],
                                  ["500", "on_status_codes"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


def fallback_outage_and_budget_fr():
    """Two causes: Anthropic's Sonnet incident makes the primary fail, and the fallback target's
    virtual key is over its monthly budget, so the fallback cannot serve them either."""
    D, now = "2030-03-19", "2030-03-19T17:30:00Z"
    a = org("org_goeland", "Goéland Assurances", "goeland-assurances.fr", "scale")
    b = org("org_heron", "Héron Conseil", "heron-conseil.fr", "enterprise")
    c = org("org_macareux", "Macareux Studio", "macareux.studio", "growth")
    gh = github(CO, 35601, "2030-03-18T12:00:00Z", now, 17)
    her = gh.deploy(35640, at(D, "12:35"), "budgets: show remaining budget per virtual key",
                    ["ui/settings/virtual-keys.tsx", "src/budgets/remaining.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "g0e2l4a6n8d0", "Elevated errors on Claude Sonnet 4.5", at(D, "13:00"),
                      at(D, "14:20"), "Requests to Claude Sonnet 4.5 fail at an elevated rate.")
    cc = sp.incident("anthropic", "k1c3o5d7e9x1", "Claude Code login errors", at(D, "09:00"), at(D, "09:40"),
                     "Some users cannot log in to Claude Code.", component="Claude Code", impact="minor")
    # Two causes for Goéland. 13:00-14:20 UTC (14:00-15:20 in Paris, CET) claude-sonnet-4-5 answers
    # 529 to 40% of every org's requests, Anthropic's incident (primary). Goéland's claims config
    # pc-goeland-sinistres falls back from claude-sonnet-4-5 to gpt-4.1 and lists 529, but its second
    # target names vk-goeland-openai, a virtual key whose monthly budget ran out at 10:05: since then
    # every request routed through it is refused 429 budget_exceeded, as Goéland's mail config
    # pc-goeland-courrier (on that key) shows all day, and the budgets doc says a fallback target over
    # its budget cannot serve the requests that fail over. So the 529s reach Goéland's client
    # (secondary, customer_config). Héron's fallback config (another key) fails over to gpt-4.1 in the
    # same minutes. The budget-page deploy of 12:35 only shows figures; the Claude Code incident was
    # that morning and another product.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=12, p50=2400, p95=5600,
                      config_id="pc-goeland-sinistres", key="vk-goeland-sinistres", sdk="portkey-python/1.22.0"),
               stream(a["id"], model="gpt-4.1", per_minute=5, p50=1500, p95=3400, config_id="pc-goeland-courrier",
                      key="vk-goeland-openai", sdk="portkey-node/2.9.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      config_id="pc-goeland-tri", key="vk-goeland-sinistres", sdk="portkey-python/1.22.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=9, p50=2400, p95=5600,
                      config_id="pc-heron-audit"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=5, p50=700, p95=1700, config_id="pc-macareux-jeu")]
    an = [errors(at(D, "13:00"), at(D, "14:20"), {"config_id": "pc-goeland-sinistres"}, 0.4, 529,
                 "provider_overloaded"),
          errors(at(D, "13:00"), at(D, "14:20"), {"config_id": "pc-heron-audit"}, 0.4, 529, "provider_overloaded",
                 {"provider": "openai", "model": "gpt-4.1"}),
          errors(at(D, "10:05"), None, {"config_id": "pc-goeland-courrier"}, 1.0, 429, "budget_exceeded")]
    codes = [429, 500, 502, 503, 504, 529]
    cfg = [config("pc-goeland-sinistres", a["id"], "sinistres",
                  [target("vk-goeland-anthropic", "claude-sonnet-4-5", 60000, codes),
                   target("vk-goeland-openai", "gpt-4.1", 60000)], mode="fallback", updated="2030-01-20T10:00:00Z"),
           one_target("pc-goeland-courrier", a, "courrier", "vk-goeland-openai", "gpt-4.1", 30000),
           one_target("pc-goeland-tri", a, "tri", "vk-goeland-anthropic", "claude-haiku-4-5", 20000),
           config("pc-heron-audit", b["id"], "audit",
                  [target("vk-heron-anthropic", "claude-sonnet-4-5", 60000, codes),
                   target("vk-heron-openai", "gpt-4.1", 60000)], mode="fallback"),
           one_target("pc-macareux-jeu", c, "jeu", "vk-macareux-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(35601, a, "Le basculement vers GPT-4.1 n'a pas fonctionné pendant la panne Anthropic",
                "Bonjour,\n\nCet après-midi, de 14 h à 15 h 20 environ (heure de Paris), Claude a renvoyé beaucoup "
                "d'erreurs 529 sur notre outil de gestion des sinistres ; nous avons vu l'incident sur la page de "
                "statut d'Anthropic. Mais notre configuration pc-goeland-sinistres prévoit justement un repli vers "
                "GPT-4.1 et le code 529 y figure bien. Pourquoi le repli n'a-t-il rien rattrapé ? Nos "
                "gestionnaires ont dû tout relancer à la main.\n\nMerci de nous expliquer ce qui s'est passé.\n\n"
                "Cordialement,\nAntoine Lefèvre\nResponsable plateforme, Goéland Assurances", at(D, "16:10"),
                "Antoine Lefèvre", priority="high")]
    # Primary: the incident and the model it hit. Secondary: the config whose fallback target names a
    # key over its budget, with the budgets doc that states the fallback attempts are refused too.
    # Bystanders: the budget-page deploy, the Claude Code incident, the org's Haiku config.
    return scenario("", "fallback-sonnet-outage-and-fallback-key-budget-french",
                    "French ticket (Paris, CET) asking why the fallback caught nothing during Anthropic's incident, "
                    "two causes: 13:00-14:20 UTC claude-sonnet-4-5 answers 529 to 40% of every org's requests "
                    "(primary, provider_outage), and pc-goeland-sinistres' fallback target names a virtual key whose "
                    "budget ran out at 10:05 (the org's mail config on it is refused 429 budget_exceeded all day), "
                    "so nothing is served by the fallback while another org's fails over (secondary, "
                    "customer_config). A budget-page deploy and a Claude Code incident are bystanders among 17 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2030-03-18T12:00:00Z", 35601, streams, an, t,
                    {35601: truth("fallback", "provider_outage", [inc, "model:claude-sonnet-4-5"],
                                  [f"github:deployment:{her}", cc, "config:pc-goeland-tri"], ["529", "budget"],
                                  [secondary("customer_config",
                                             ["config:pc-goeland-sinistres", "docs:docs/limits/budgets.md"])])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_FALLBACKS, DOC_BUDGETS])


def routing_split_as_weighted_noisy_en():
    """A big noisy org thinks its traffic moved to Claude; the loadbalance split matches the weights
    before and after a metadata-only save of the config."""
    D, now = "2030-10-16", "2030-10-16T05:00:00Z"
    a = org("org_wombat", "Wombat Insurance", "wombat-insurance.com.au", "enterprise")
    b = org("org_quokka", "Quokka Retail", "quokkaretail.com.au", "scale")
    gh = github(CO, 35701, "2030-10-15T06:00:00Z", now, 20)
    her = gh.deploy(35740, at(D, "00:20"), "router: loadbalance picks with a per-request seed",
                    ["src/router/loadbalance.ts", "src/router/loadbalance.test.ts"])
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "h5a7i9k1u3x5", "Increased latency on Claude Haiku 4.5", "2030-10-15T09:00:00Z",
                        "2030-10-15T09:40:00Z", "Some Claude Haiku 4.5 requests are slower.", impact="minor")
    lin = [linear_issue("GW-4341", "Loadbalance: weight 0 target still receives requests",
                        "A target with weight 0 receives a few requests.", "2030-10-08T10:00:00Z",
                        labels=("bug", "router"))]
    # Wombat is a big org with a 3% background error rate on every stream and a daily volume cycle
    # (Sydney is on AEDT, UTC+11). Its assistant pc-wombat-assist is a loadbalance
    # config, 0.6 gpt-4.1-mini / 0.4 claude-haiku-4-5: the logs hold 60% / 40% every hour of the two
    # days, before and after 23:55 UTC when the customer saved the config changing only its metadata
    # (owner and cost-centre tags). Both providers' counts rise and fall together with the day;
    # nothing moved and nothing fails beyond the usual 3%. The loadbalance deploy at 00:20 changed no
    # share; the Haiku incident was the day before; the weight-0 bug needs a weight of 0.
    sdk = "portkey-node/2.9.0"
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=15, p50=700, p95=1700, error_rate=0.03,
                      config_id="pc-wombat-assist", key="vk-wombat-portal", sdk=sdk),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=600, p95=1500,
                      error_rate=0.03, config_id="pc-wombat-assist", key="vk-wombat-portal", sdk=sdk),
               stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, error_rate=0.03,
                      config_id="pc-wombat-claims", key="vk-wombat-claims", sdk="portkey-python/1.22.0"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=10, p50=120,
                      p95=300, prompt=600, completion=0, error_rate=0.03, config_id="pc-wombat-search",
                      key="vk-wombat-claims", sdk="portkey-python/1.22.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      config_id="pc-quokka-help")]
    assist = config("pc-wombat-assist", a["id"], "assist",
                    [dict(target("vk-wombat-openai", "gpt-4.1-mini", 20000), weight=0.6),
                     dict(target("vk-wombat-anthropic", "claude-haiku-4-5", 20000), weight=0.4)],
                    mode="loadbalance", updated="2030-10-15T23:55:00Z")
    assist["config"]["metadata"] = {"owner": "digital-channels", "cost_centre": "CC-4410"}
    cfg = [assist, one_target("pc-wombat-claims", a, "claims", "vk-wombat-openai", "gpt-4.1", 60000),
           one_target("pc-wombat-search", a, "search", "vk-wombat-openai", "text-embedding-3-small", 10000),
           one_target("pc-quokka-help", b, "help", "vk-quokka-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(35701, a, "Traffic shifted to Claude this morning?",
                "Hi,\n\nSince this morning (Sydney time) our customer assistant seems to be sending a lot more "
                "traffic to Claude than before - the Anthropic count on our usage page is climbing fast and we "
                "didn't ask for that. Our config is meant to put most traffic on GPT-4.1 mini. Someone on our side "
                "edited pc-wombat-assist last night but says they only changed the tags. Did your router change "
                "how it balances? I noticed a loadbalance item in your changelog.\n\nCheers,\nLiam O'Connor\n"
                "Cloud Platform, Wombat Insurance", at(D, "04:20"), "Liam O'Connor")]
    # The split matches the weights within noise before and after the save; nothing else fails
    # beyond the steady background: no fault, nothing required. Bystanders: the loadbalance deploy,
    # yesterday's Haiku incident and the weight-0 bug.
    return scenario("", "provider-routing-split-as-weighted-noisy-org-sydney",
                    "English ticket (Sydney, AEDT) thinking traffic moved to Claude: pc-wombat-assist balances 0.6 "
                    "gpt-4.1-mini / 0.4 claude-haiku-4-5 and the logs hold that split every hour before and after a "
                    "metadata-only save at 23:55 UTC; both counts follow the same daily cycle and errors stay at the "
                    "org's 3% background (no_fault_found). A loadbalance deploy at 00:20, the previous day's Haiku "
                    "incident and a weight-0 bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b], "2030-10-15T06:00:00Z", 35701, streams, [], t,
                    {35701: truth("provider-routing", "no_fault_found", [],
                                  [f"github:deployment:{her}", haiku, "linear:issue:GW-4341"], ["loadbalance"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LOADBALANCE])


def api_errors_key_limit_outage_guess_en():
    """The org's own per-key limit refuses a batch key's requests 429 before routing; the customer
    guesses a provider outage; an incident on another model that hour is a bystander. Stale
    subject, quoted older thread."""
    D, now = "2030-03-26", "2030-03-26T17:00:00Z"
    a = org("org_curlew", "Curlew Energy", "curlewenergy.co.uk", "scale")
    b = org("org_dunlin", "Dunlin Bank", "dunlinbank.co.uk", "enterprise")
    c = org("org_eider", "Eider Apps", "eiderapps.ie", "growth")
    gh = github(CO, 35801, "2030-03-25T14:00:00Z", now, 19)
    her = gh.deploy(35840, at(D, "13:40"), "limits: per-key limit editor shows current usage",
                    ["ui/settings/key-limits.tsx", "src/limits/usage-query.ts"])
    sp = Statuspage(now)
    nano = sp.incident("openai", "n6a8n0o2e4r6", "Elevated errors on GPT-4.1 nano", at(D, "14:00"), at(D, "14:50"),
                       "Some GPT-4.1 nano requests fail with 500 errors.")
    # Curlew's meter-reading batch (pc-curlew-readings, gpt-4.1-mini) uses the virtual key
    # vk-curlew-batch, whose own requests-per-minute limit Curlew's admins set. From 14:05 UTC
    # (London, GMT) the batch sends four times its usual traffic and 45% of that key's requests are
    # refused 429 rate_limited by the gateway before routing (attempts 0), the per-key limit the
    # rate-limits doc describes. Curlew's customer chat (pc-curlew-chat, gpt-4.1-mini, another key)
    # and Dunlin's gpt-4.1-mini are fine: no OpenAI trouble on that model. The OpenAI incident of
    # 14:00-14:50 is on GPT-4.1 nano, which only Eider uses; the limit-editor deploy of 13:40 only
    # shows usage.
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=5, p50=900, p95=2100, prompt=3000, completion=300,
                      config_id="pc-curlew-readings", key="vk-curlew-batch", sdk="portkey-python/1.22.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700,
                      config_id="pc-curlew-chat", key="vk-curlew-web", sdk="portkey-node/2.9.0"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=4, p50=2400, p95=5600,
                      config_id="pc-curlew-tariffs", key="vk-curlew-web", sdk="portkey-node/2.9.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-dunlin-kyc"),
               stream(c["id"], model="gpt-4.1-nano", per_minute=8, p50=400, p95=1000, config_id="pc-eider-tags")]
    an = [volume(at(D, "14:05"), None, {"api_key_id": "vk-curlew-batch"}, 4.0),
          rate_limited(at(D, "14:05"), None, {"api_key_id": "vk-curlew-batch"}, 0.45),
          errors(at(D, "14:00"), at(D, "14:50"), {"model": "gpt-4.1-nano"}, 0.35, 500, "provider_error")]
    cfg = [one_target("pc-curlew-readings", a, "readings", "vk-curlew-openai", "gpt-4.1-mini", 30000),
           one_target("pc-curlew-chat", a, "chat", "vk-curlew-openai", "gpt-4.1-mini", 20000),
           one_target("pc-curlew-tariffs", a, "tariffs", "vk-curlew-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-dunlin-kyc", b, "kyc", "vk-dunlin-openai", "gpt-4.1-mini", 20000),
           one_target("pc-eider-tags", c, "tags", "vk-eider-openai", "gpt-4.1-nano", 20000)]
    t = [ticket(35801, a, "Re: SSO for the new analytics team",
                "Hi both,\n\nDifferent topic but replying here to keep it in one place: since just after 2pm today "
                "our meter-readings job has been getting a load of 429 errors. I can see OpenAI posted an incident "
                "on their status page around the same time, so I'm guessing they're having an outage - can you "
                "confirm, and route us elsewhere until it's fixed if so? Our chat app seems OK, oddly.\n\n"
                "Thanks,\nHannah Price\nData Engineering, Curlew Energy\n\n"
                "> On 18 Mar 2030, Relay Support wrote:\n> SSO is now enabled for analytics@curlewenergy.co.uk; "
                "new members will be asked to sign in\n> with your identity provider from their next login.\n>\n"
                "> On 17 Mar 2030, Hannah Price wrote:\n> Could you enable SSO for our new analytics team?",
                at(D, "15:30"), "Hannah Price")]
    # The 429s are the gateway's own refusals on one key, scoped to one config, while the same model
    # works on another key: the root cause cites that config and the rate-limits doc that describes
    # per-key limits. Bystanders: the nano incident, the limit-editor deploy, the org's chat config.
    return scenario("", "api-errors-per-key-limit-outage-guess-stale-subject",
                    "English ticket (London, GMT) under a stale SSO subject with a quoted older thread, guessing an "
                    "OpenAI outage: from 14:05 UTC Curlew's batch key sends four times its traffic and 45% of "
                    "pc-curlew-readings is refused 429 rate_limited by the gateway before routing, the key's own "
                    "limit the rate-limits doc describes, while the org's chat on the same model and another org's "
                    "are fine (rate_limited). A GPT-4.1 nano incident in the same hour and a limit-editor deploy are "
                    "bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2030-03-25T14:00:00Z", 35801, streams, an, t,
                    {35801: truth("api-errors", "rate_limited",
                                  ["config:pc-curlew-readings", "docs:docs/limits/rate-limits.md"],
                                  [nano, f"github:deployment:{her}", "config:pc-curlew-chat"], ["429"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_KEY_LIMITS, DOC_BUDGETS])


ALL = [api_errors_revoked_key_gemini_en, api_errors_model_typo_gemini_es, latency_sonnet_incident_deploy_before_pt,
       latency_responses_middleware_deploy_de, fallback_500_not_listed_ja, fallback_outage_and_budget_fr,
       routing_split_as_weighted_noisy_en, api_errors_key_limit_outage_guess_en]

if __name__ == "__main__":
    write_all(ALL)
