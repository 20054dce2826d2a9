#!/usr/bin/env python3
"""Eight library scenarios in April and May 2032, one per ticket pattern, truth written from each
scenario's data before the engine ever ran on them (the engine was neither read nor run while
writing them). Each truth asks for the refs a careful engineer cites with the cause:

- API errors in English (New York, EDT UTC-4; blames our Anthropic adapter deploy): Anthropic's
  incident on Claude Sonnet 4.6 answers 529 to half of every org's Sonnet requests 14:05-15:20 UTC,
  while the org's OpenAI configs and its Claude Haiku config on the same adapter work; a big org with
  a 3% background error rate and an office-hours cycle (provider_outage).
- "Claude fails, GPT works" in Mexican Spanish under a stale subject (Mexico City, UTC-6 all year): one
  of the org's three Claude configs still names claude-sonnet-4-20250514, which the model-retirements
  page retires at 17:00 UTC; from then on that config alone is answered 404 model_not_found while the
  org's other Claude configs work (customer_config). The customer guesses an Anthropic outage.
- Latency in formal Japanese (Tokyo, JST UTC+9): a big noisy org's office-hours peak is as slow today as
  it was yesterday; nothing changed (no_fault_found). Our router deploy at the start of the business
  day, OpenAI's o3 latency incident and a latency-chart bug tempt.
- A fallback in German (Vienna, CEST UTC+2), two causes: the org revoked the OpenAI virtual key its
  fallback target still names when it rotated keys in the morning, so during Anthropic's Sonnet
  incident the 529s reach the client (primary customer_config); the incident itself (secondary
  provider_outage). Another org's fallback config failed over through the same incident after our
  router deploy.
- An invoice in European Portuguese (Lisbon, WEST UTC+1): two meters, input and output; our metering
  deploy at 11:02 UTC stops sending output-token events from 11:05, so the output line of the 4 May
  invoice is under half the logs while the input line matches (billing_pipeline). The customer guesses
  streaming; a usage-export bug on streamed requests tempts.
- Metadata in Québec French (Montréal, HAE UTC-4): the customer saved one of four configs at 13:47
  UTC to raise its timeout and the saved config carries `logging.store_metadata: false`; from 13:48
  that config's requests are logged without metadata, the three others keep theirs (customer_config).
  Our metadata-search deploy at 13:30 and an embeddings metadata bug tempt.
- Webhooks in English (Sydney, AEST UTC+10 since 4 April): the org moved its event receiver to a new
  host in the morning; the URL still registered answers 410 Gone to every delivery from 23:05 UTC
  while its budget endpoint on the new host and every other org's endpoint answer 200, also after our
  HTTP/2 delivery deploy at 22:45 (customer_endpoint).
- API errors in Italian (Milan, CEST UTC+2): the org's own archive re-embedding job multiplies its
  embeddings volume by six from 12:40 UTC and the org's tokens-per-minute budget answers 429 on every
  config from 12:42 (rate_limited). The customer blames OpenAI again after a GPT-4.1 incident that
  morning; our limits-header deploy at 12:20 tempts.

Time zones (spring 2032): Europe on summer time since 28 March 2032 (Vienna, Milan CEST UTC+2,
Lisbon WEST UTC+1), the US and Canada since 14 March (New York, Montréal EDT UTC-4), Sydney back on
AEST (UTC+10) since 4 April, Tokyo JST (UTC+9) and Mexico City UTC-6 all year.

Every truth below is read from the data declared next to it (anomalies, configs, billing faults,
webhook failures, deploys, issues, incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, hooks, failures
from scenarios_fresh11a import mail_ticket

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


# ---------------------------------------------------------------------------------------------
# 1. api-errors, English (New York, EDT), provider_outage
# ---------------------------------------------------------------------------------------------

DOC_ERRORS = doc("docs/errors/status-codes.md", "Error codes",
                 "# Error codes\n\n| status | error_code | meaning |\n|---|---|---|\n"
                 "| 429 | rate_limited | your organisation's tokens-per-minute budget is spent |\n"
                 "| 503 | provider_unavailable | the provider answered 503 |\n"
                 "| 529 | provider_overloaded | Anthropic is overloaded; passed on as Anthropic sent it |\n\n"
                 "Errors the provider sends are passed on unchanged. Check the provider's status page when "
                 "they are concentrated on one model.\n")


def api_errors_sonnet_incident_openai_works_en():
    """Anthropic's Sonnet 4.6 incident answers 529 to half of every org's Sonnet requests 14:05-15:20
    UTC; the org's OpenAI configs and its Haiku config work. The customer blames our Anthropic
    adapter deploy at 13:40."""
    D, now = "2032-04-13", "2032-04-13T16:00:00Z"
    a = org("org_heron", "Heron Legal Technologies", "heronlegal.com", "enterprise")
    b = org("org_osprey", "Osprey Analytics", "ospreyanalytics.io", "scale")
    c = org("org_plover", "Plover Health", "ploverhealth.com", "growth")
    start = "2032-04-12T12:00:00Z"
    gh = github(CO, 52101, start, now, 22)
    adp = gh.deploy(52140, at(D, "13:40"), "anthropic adapter: send anthropic-version on every request explicitly",
                    ["src/providers/anthropic/headers.ts", "src/providers/anthropic/headers.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "h3r0n5s7t9u1", "Elevated errors on Claude Sonnet 4.6", at(D, "14:05"),
                      at(D, "15:20"), "We are seeing elevated overloaded (529) errors on requests to Claude "
                                      "Sonnet 4.6. Other models are not affected.")
    app = sp.incident("anthropic", "c1a2i3d4o5t6", "claude.ai conversations failing to load", at(D, "12:00"),
                      at(D, "12:40"), "Some users cannot load past conversations on claude.ai.",
                      component="claude.ai", impact="minor")
    lin = [linear_issue("GW-9121", "Dashboard: error-rate chart counts retried 529s twice",
                        "When a request is retried after a 529, the dashboard's error-rate chart counts both "
                        "attempts. Request logs are right.", "2032-04-02T10:00:00Z", state="Todo",
                        labels=("bug", "dashboard"))]
    # Heron (New York, EDT UTC-4, office hours 12:00-23:00 UTC): contract drafting on Claude Sonnet 4.6
    # (pc-heron-drafting), a summaries service on Claude Haiku 4.5 (pc-heron-summaries) through the same
    # Anthropic adapter, intake on gpt-4.1-mini and search on OpenAI embeddings; every stream has a 3%
    # background error rate. Anthropic's incident on Sonnet 4.6 (14:05-15:20 UTC, 10:05-11:20 EDT): half
    # of every org's Sonnet requests are answered 529 provider_overloaded, Heron's and Osprey's alike.
    # Haiku through the same adapter, and every OpenAI stream, keep their 3%. The adapter deploy at 13:40
    # touched every Anthropic request and nothing failed in the 25 minutes after it, nor on Haiku at
    # all; the claude.ai incident is another product, over before; the dashboard bug is about a chart.
    sdk = "portkey-python/1.41.0"
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=2400,
                            p95=5600, error_rate=0.03, config_id="pc-heron-drafting", key="vk-heron-app", sdk=sdk,
                            metadata={"team": "drafting"}), 12, 23, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                            error_rate=0.03, config_id="pc-heron-summaries", key="vk-heron-app", sdk=sdk,
                            metadata={"team": "summaries"}), 12, 23, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=800, p95=1900, error_rate=0.03,
                            config_id="pc-heron-intake", key="vk-heron-app", sdk=sdk,
                            metadata={"team": "intake"}), 12, 23, 0.3),
               cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=10, p50=180,
                            p95=420, error_rate=0.03, prompt=2500, completion=0, config_id="pc-heron-search",
                            key="vk-heron-search", sdk=sdk), 12, 23, 0.3),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2300, p95=5400,
                      config_id="pc-osprey-reports", sdk="portkey-node/2.24.0"),
               stream(c["id"], model="gpt-4.1", per_minute=5, p50=1500, p95=3500, config_id="pc-plover-notes")]
    an = [errors(at(D, "14:05"), at(D, "15:20"), {"model": "claude-sonnet-4-6"}, 0.5, 529, "provider_overloaded")]
    cfg = [one_target("pc-heron-drafting", a, "drafting", "vk-heron-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-heron-summaries", a, "summaries", "vk-heron-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-heron-intake", a, "intake", "vk-heron-openai", "gpt-4.1-mini", 30000),
           one_target("pc-heron-search", a, "search", "vk-heron-openai", "text-embedding-3-large", 10000),
           one_target("pc-osprey-reports", b, "reports", "vk-osprey-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-plover-notes", c, "notes", "vk-plover-openai", "gpt-4.1", 60000)]
    t = [ticket(52101, a, "Drafting assistant erroring out - related to your release this morning?",
                "Hi there,\n\nOur contract drafting assistant (config pc-heron-drafting) has been throwing errors "
                "on roughly every other request since about 10:05 ET. Not all models are affected - intake and "
                "search on the OpenAI side look completely normal, so it's not our network. Sample from our "
                "worker log:\n\n```\n2032-04-13 10:12:44-04:00 ERROR drafting.client status=529 "
                "body={\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}} attempt=1/1\n```\n\n"
                "I noticed in your public changelog there was an Anthropic adapter change at 9:40 our time. Is it "
                "possible that broke something in how you call Claude? We normally see a few errors a day but this "
                "is a different order of magnitude and the associates are complaining loudly.\n\nCould you check "
                "and tell us if a rollback is planned?\n\nThanks,\nMarcus Webb\nDirector of Engineering, Heron "
                "Legal Technologies", at(D, "15:10"), "Marcus Webb", priority="high")]
    # Truth: half of every org's Sonnet 4.6 requests answered 529 inside the window of Anthropic's declared
    # Sonnet incident, while Haiku through the same adapter and OpenAI keep their background rate:
    # provider_outage, cited with the incident and the model. Bystanders: the adapter deploy, the
    # claude.ai incident, the dashboard bug, the Haiku config.
    return scenario("", "api-errors-sonnet-incident-openai-works-new-york-english",
                    "English ticket (New York, EDT UTC-4, 'not all models', blames our Anthropic adapter deploy at "
                    "13:40 UTC): Anthropic's Sonnet 4.6 incident answers 529 to half of every org's Sonnet requests "
                    "14:05-15:20 UTC while the org's Haiku config through the same adapter and its OpenAI configs "
                    "keep their 3% background error rate (provider_outage). The adapter deploy, a claude.ai "
                    "incident and a dashboard bug are bystanders among 22 routine deploys; a big org with an "
                    "office-hours cycle.",
                    now, CO, [a, b, c], start, 52101, streams, an, t,
                    {52101: truth("api-errors", "provider_outage", [inc, "model:claude-sonnet-4-6"],
                                  [f"github:deployment:{adp}", app, "linear:issue:GW-9121",
                                   "config:pc-heron-summaries"],
                                  ["529", "14:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_ERRORS])


# ---------------------------------------------------------------------------------------------
# 2. provider-routing, Mexican Spanish (Mexico City, UTC-6), customer_config, stale subject
# ---------------------------------------------------------------------------------------------

DOC_RETIREMENTS = doc("docs/providers/model-retirements.md", "Model retirements",
                      "# Model retirements\n\nProviders retire model ids on fixed dates. From the retirement time "
                      "the provider answers 404 and the gateway returns `error_code: model_not_found` for every "
                      "request that still names the retired id.\n\n| model | retired | replacement |\n|---|---|---|\n"
                      "| claude-sonnet-4-20250514 | 2032-04-20 17:00 UTC | claude-sonnet-4-6 |\n"
                      "| gpt-4o-2024-08-06 | 2032-06-30 00:00 UTC | gpt-4.1 |\n"
                      "| claude-3-7-sonnet-20250219 | 2032-02-19 17:00 UTC | claude-sonnet-4-6 |\n\n"
                      "Update `override_params.model` in every config that names a retired id.\n")


def routing_retired_sonnet_id_one_config_es():
    """One of the org's three Claude configs still names claude-sonnet-4-20250514, retired at 17:00 UTC:
    from then on that config alone is answered 404 model_not_found. The customer guesses an Anthropic
    outage."""
    D, now = "2032-04-20", "2032-04-20T19:00:00Z"
    a = org("org_tlacuache", "Tlacuache Logística", "tlacuache.mx", "scale")
    b = org("org_cenzontle", "Cenzontle Medios", "cenzontle.mx", "growth")
    c = org("org_teporingo", "Teporingo Finanzas", "teporingo.com.mx", "enterprise")
    start = "2032-04-19T20:00:00Z"
    gh = github(CO, 52201, start, now, 16)
    adp = gh.deploy(52240, at(D, "16:45"), "anthropic adapter: map stop_reason 'refusal' to finish_reason",
                    ["src/providers/anthropic/response.ts", "src/providers/anthropic/response.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "o9p1u3s5m7x9", "Elevated errors on Claude Opus 4.1", at(D, "15:00"),
                       at(D, "15:40"), "Some requests to Claude Opus 4.1 fail with 500 errors.")
    lin = [linear_issue("GW-9221", "Conditional router: provider alias 'claude' not resolved",
                        "Conditional configs whose targets name the provider as 'claude' instead of 'anthropic' are "
                        "refused 400 at save time. Workaround: use 'anthropic'.", "2032-04-08T10:00:00Z",
                        state="Todo", labels=("bug", "router"))]
    # Tlacuache (Mexico City, UTC-6 all year): three Claude configs, a quotes engine on claude-sonnet-4-6
    # (pc-tlacuache-cotizador), a claims reader still on claude-sonnet-4-20250514 (pc-tlacuache-siniestros,
    # untouched since last year), summaries on claude-haiku-4-5 (pc-tlacuache-resumenes), and a customer
    # chat on gpt-4.1-mini; 1% background errors. The retirements page retires claude-sonnet-4-20250514 at
    # 17:00 UTC (11:00 in Mexico City): from 17:00 every request of pc-tlacuache-siniestros is answered 404
    # model_not_found; the org's two other Claude configs, Cenzontle's Sonnet 4.6 and every GPT stream
    # work. The Anthropic adapter deploy at 16:45 changed response mapping and nothing failed after it on
    # the other Claude configs; Anthropic's Opus incident (15:00-15:40) is another model, over before; the
    # conditional-router alias bug is about saving conditional configs.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2200, p95=5200,
                      error_rate=0.01, config_id="pc-tlacuache-cotizador", key="vk-tlacuache-app",
                      sdk="portkey-node/2.24.0", metadata={"servicio": "cotizador"}),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-20250514", per_minute=8, p50=2600,
                      p95=6000, error_rate=0.01, config_id="pc-tlacuache-siniestros", key="vk-tlacuache-app",
                      sdk="portkey-node/2.24.0", metadata={"servicio": "siniestros"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
                      error_rate=0.01, config_id="pc-tlacuache-resumenes", key="vk-tlacuache-app",
                      sdk="portkey-node/2.24.0", metadata={"servicio": "resumenes"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=800, p95=1900, error_rate=0.01,
                      config_id="pc-tlacuache-chat", key="vk-tlacuache-chat", sdk="portkey-node/2.24.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2300, p95=5400,
                      config_id="pc-cenzontle-notas"),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=3, p50=4000, p95=9000,
                      config_id="pc-cenzontle-editorial"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3500, config_id="pc-teporingo-kyc")]
    an = [errors(at(D, "17:00"), None, {"model": "claude-sonnet-4-20250514"}, 1.0, 404, "model_not_found"),
          errors(at(D, "15:00"), at(D, "15:40"), {"model": "claude-opus-4-1"}, 0.4, 500, "provider_error")]
    cfg = [one_target("pc-tlacuache-cotizador", a, "cotizador", "vk-tlacuache-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tlacuache-siniestros", a, "siniestros", "vk-tlacuache-anthropic", "claude-sonnet-4-20250514",
                      60000),
           one_target("pc-tlacuache-resumenes", a, "resumenes", "vk-tlacuache-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-tlacuache-chat", a, "chat", "vk-tlacuache-openai", "gpt-4.1-mini", 30000),
           one_target("pc-cenzontle-notas", b, "notas", "vk-cenzontle-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-cenzontle-editorial", b, "editorial", "vk-cenzontle-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-teporingo-kyc", c, "kyc", "vk-teporingo-openai", "gpt-4.1", 60000)]
    for cf in cfg:
        if cf["id"] == "pc-tlacuache-siniestros":
            cf["last_updated_at"] = "2031-06-03T15:00:00Z"
    t = [mail_ticket(52201, a, "RE: RE: Alta de usuarios nuevos en el panel",
                     "Hola, buenas tardes\n\nAprovecho este hilo porque es urgente: desde las 11 de la mañana (hora "
                     "del centro de México) Claude ya no nos responde, GPT sí funciona normal. El lector de siniestros "
                     "se cayó por completo, todas las llamadas regresan esto:\n\n```\n{\"error\":{\"code\":"
                     "\"model_not_found\",\"message\":\"model not found\",\"status\":404}}\n```\n\n¿Anthropic está "
                     "caído otra vez? Vi que en la mañana tenían problemas. Lo raro es que el cotizador creo que sí "
                     "contesta pero no estoy seguro, igual es intermitente.\n\nNo hemos movido nada de nuestro lado, "
                     "¿nos pueden confirmar cuándo se restablece?\n\nSaludos,\nFernanda Ríos\nCoordinadora de "
                     "Sistemas · Tlacuache Logística", at(D, "18:20"), "Fernanda Ríos", priority="high")]
    # Truth: every request of one config answered 404 model_not_found from the minute the retirements page
    # retires the id that config names, the org's other Claude configs served: customer_config, cited with
    # the config and the retirements page. Bystanders: the adapter deploy, the Opus incident, the alias bug,
    # the working Sonnet 4.6 config.
    return scenario("", "provider-routing-retired-sonnet-id-one-config-mexico-spanish",
                    "Mexican Spanish 'Claude fails, GPT works' ticket under a stale subject (Mexico City, UTC-6, "
                    "guesses an Anthropic outage): one of the org's three Claude configs still names "
                    "claude-sonnet-4-20250514, which the model-retirements page retires at 17:00 UTC; from then on "
                    "that config alone is answered 404 model_not_found while the org's other Claude configs work "
                    "(customer_config). An Anthropic adapter deploy at 16:45, an Opus incident that morning and a "
                    "router alias bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], start, 52201, streams, an, t,
                    {52201: truth("provider-routing", "customer_config",
                                  ["config:pc-tlacuache-siniestros", "docs:docs/providers/model-retirements.md"],
                                  [f"github:deployment:{adp}", opus, "linear:issue:GW-9221",
                                   "config:pc-tlacuache-cotizador"],
                                  ["404", "claude-sonnet-4-20250514"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_RETIREMENTS])


# ---------------------------------------------------------------------------------------------
# 3. latency-spike, Japanese (Tokyo, JST), no_fault_found
# ---------------------------------------------------------------------------------------------

DOC_LATENCY = doc("docs/observability/latency.md", "Reading latency",
                  "# Reading latency\n\nEach request log has the total time the client waited (`latency_ms`) and "
                  "the time spent waiting on providers (`provider_latency_ms`); the difference is the gateway's own "
                  "time, usually 5-20 ms. Providers are slower at their busy hours: compare a period with the same "
                  "hours of the day before before reading a change into it.\n")


def latency_office_hours_no_fault_ja():
    """A big noisy org's office-hours peak is as slow today as yesterday; nothing changed. Our router
    deploy at 00:50 UTC, OpenAI's o3 latency incident and a latency-chart bug tempt."""
    Y, D, now = "2032-05-10", "2032-05-11", "2032-05-11T04:30:00Z"
    a = org("org_kawasemi", "Kawasemi Financial Group", "kawasemi-fg.co.jp", "enterprise")
    b = org("org_tsugumi", "Tsugumi Travel", "tsugumi-travel.jp", "scale")
    c = org("org_hibari", "Hibari Clinic", "hibari-clinic.jp", "growth")
    start = "2032-05-10T00:00:00Z"
    gh = github(CO, 52301, start, now, 24)
    rt = gh.deploy(52340, at(D, "00:50"), "router: warm provider connection pools at startup",
                   ["src/router/pool.ts", "src/router/startup.ts", "src/router/pool.test.ts"])
    sp = Statuspage(now)
    o3 = sp.incident("openai", "o3l5a7t9e1n3", "Increased latency for o3", at(D, "01:30"), at(D, "02:30"),
                     "Some o3 requests are slower than usual.", impact="minor")
    lin = [linear_issue("GW-9321", "Latency chart: p95 line drawn from 5-minute buckets on day view",
                        "On the one-day view the p95 line is computed from 5-minute buckets and looks spikier than "
                        "the hourly view. Data is right.", "2032-04-28T10:00:00Z", state="Todo",
                        labels=("bug", "dashboard"))]
    # Kawasemi (Tokyo, JST UTC+9): a branch assistant on gpt-4.1, a loan screening on Claude Sonnet 4.6 and
    # an FAQ bot on gpt-4.1-mini, all in Tokyo office hours (01:00-09:00 UTC, 10:00-18:00 JST) with a
    # provider-time cycle of 1.7 at the busy hours, and 3% background errors. Yesterday (10 May) the same
    # hours were as slow as today: no anomaly is declared. The router deploy at 00:50 UTC (09:50 JST), the
    # o3 latency incident (a model the org does not use) and the chart bug are bystanders.
    sdk = "portkey-python/1.41.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=16, p50=1400, p95=3300, error_rate=0.03,
                            config_id="pc-kawasemi-madoguchi", key="vk-kawasemi-branch", sdk=sdk,
                            metadata={"bu": "branch"}), 1, 9, 0.25, 1.7),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2300,
                            p95=5400, error_rate=0.03, config_id="pc-kawasemi-shinsa", key="vk-kawasemi-loan",
                            sdk=sdk, metadata={"bu": "loan"}), 1, 9, 0.25, 1.7),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=800, p95=1900, error_rate=0.03,
                            config_id="pc-kawasemi-faq", key="vk-kawasemi-branch", sdk=sdk,
                            metadata={"bu": "faq"}), 1, 9, 0.25, 1.7),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=750, p95=1800, config_id="pc-tsugumi-plans"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
                      config_id="pc-hibari-monshin"),
               stream(c["id"], model="o3", per_minute=2, p50=9000, p95=20000, config_id="pc-hibari-research")]
    an = [latency(at(D, "01:30"), at(D, "02:30"), {"model": "o3"}, 2.5)]
    cfg = [one_target("pc-kawasemi-madoguchi", a, "madoguchi", "vk-kawasemi-openai", "gpt-4.1", 60000),
           one_target("pc-kawasemi-shinsa", a, "shinsa", "vk-kawasemi-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kawasemi-faq", a, "faq", "vk-kawasemi-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tsugumi-plans", b, "plans", "vk-tsugumi-openai", "gpt-4.1-mini", 30000),
           one_target("pc-hibari-monshin", c, "monshin", "vk-hibari-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-hibari-research", c, "research", "vk-hibari-openai", "o3", 120000)]
    t = [ticket(52301, a, "本日午前からの応答速度低下について",
                "Relay サポート ご担当者様\n\nいつも大変お世話になっております。カワセミ・フィナンシャルグループ "
                "システム企画部の高橋でございます。\n\n本日午前10時頃（日本時間）より、窓口アシスタント（pc-kawasemi-madoguchi）"
                "および審査支援（pc-kawasemi-shinsa）の応答が明らかに遅くなっております。社内モニタリングでは、p95 が早朝の"
                "約3秒から現在は5秒を超える水準となっております。エラー率は平常どおりで、エラーは出ておらず、遅いだけでございます。"
                "\n\n御社の変更履歴にて、本日9時50分頃にルーターの接続プールに関するデプロイがあったことを拝見いたしました。"
                "こちらが影響している可能性はございませんでしょうか。また、OpenAI 側で何らかの障害が発生しているのかも"
                "あわせてご確認いただけますと幸いです。\n\n営業店での利用が集中する時間帯のため、お早めにご回答いただけますと"
                "大変助かります。\n\n何卒よろしくお願い申し上げます。\n\n高橋 真由美\n株式会社カワセミ・フィナンシャルグループ "
                "システム企画部", at(D, "04:10"), "Mayumi Takahashi")]
    t[0]["requester"]["email"] = "m.takahashi@kawasemi-fg.co.jp"
    # Truth: the org's latency is the office-hours cycle, as high at the same hours of the day before; the
    # error rate is its steady background; nothing started at the deploy or with the o3 incident:
    # no_fault_found. Bystanders: the router deploy, the o3 incident, the chart bug.
    return scenario("", "latency-spike-office-hours-same-as-yesterday-tokyo-japanese",
                    "Formal Japanese ticket (Tokyo, JST UTC+9, 'no errors, only slow', asks about our router deploy "
                    "at 09:50 JST and an OpenAI problem): a big org with 3% background errors whose office-hours "
                    "peak (01:00-09:00 UTC) is as slow today as the day before; nothing changed (no_fault_found). "
                    "The router deploy, OpenAI's o3 latency incident (another org's model) and a latency-chart bug "
                    "are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], start, 52301, streams, an, t,
                    {52301: truth("latency-spike", "no_fault_found", [],
                                  [f"github:deployment:{rt}", o3, "linear:issue:GW-9321"], ["昨日"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LATENCY])


# ---------------------------------------------------------------------------------------------
# 4. fallback, German (Vienna, CEST), two causes
# ---------------------------------------------------------------------------------------------

DOC_FALLBACKS_KEYS = doc("docs/routing/fallbacks.md", "Fallbacks",
                         "# Fallbacks\n\nA config with `strategy.mode = fallback` tries its targets in order. A "
                         "target fails over when it answers a status listed in `retry.on_status_codes`. When the next "
                         "target fails too, the client receives the first target's error and the request log shows "
                         "it. A target can only serve requests if its virtual key is active: a target whose virtual "
                         "key was revoked or deleted fails every attempt, so nothing is ever served by it.\n")
DOC_VIRTUAL_KEYS = doc("docs/keys/virtual-keys.md", "Virtual keys",
                       "# Virtual keys\n\nA virtual key holds a provider's API key. Revoking a virtual key takes "
                       "effect at once: every config target that still names it is answered 401 with "
                       "`error_code: provider_auth_failed`. Before revoking a key during a rotation, replace it in "
                       "every config (Settings → Virtual keys → Used by lists them).\n")


def fallback_revoked_target_key_during_incident_de():
    """Two causes: the org revoked the OpenAI virtual key its fallback target still names at 07:30 UTC
    (its eval config on that key fails 401 from then on), so during Anthropic's Sonnet incident
    10:15-11:30 the 529s reach the client (customer_config); the incident itself (provider_outage).
    Another org's fallback config fails over through the same incident."""
    Y, D, now = "2032-04-26", "2032-04-27", "2032-04-27T12:30:00Z"
    a = org("org_murmeltier", "Murmeltier Versicherung", "murmeltier-versicherung.at", "enterprise")
    b = org("org_gams", "Gams Bergbahnen", "gams-bergbahnen.at", "scale")
    c = org("org_dohle", "Dohle Verlag", "dohle-verlag.de", "growth")
    start = "2032-04-26T08:00:00Z"
    gh = github(CO, 52401, start, now, 19)
    rt = gh.deploy(52440, at(Y, "15:10"), "router: per-target retry metrics",
                   ["src/router/fallback.ts", "src/router/metrics.ts", "src/router/fallback.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "m5u7r9m1e3l5", "Elevated errors on Claude Sonnet 4.6", at(D, "10:15"),
                      at(D, "11:30"), "Some requests to Claude Sonnet 4.6 fail with overloaded (529) errors.")
    lin = [linear_issue("GW-9421", "Fallback: streamed requests do not fail over on request_timeout",
                        "A streamed request whose first target exceeds request_timeout is answered 408 instead of "
                        "trying the next target. Non-streamed requests fail over as documented.",
                        "2032-04-14T10:00:00Z", state="Todo", labels=("bug", "router"))]
    # Murmeltier (Vienna, CEST UTC+2): claims handling pc-murmeltier-schaden (fallback: Claude Sonnet 4.6 on
    # vk-murmeltier-anthropic listing 429/500/502/503/529, then gpt-4.1 on vk-murmeltier-openai-2031), not
    # streamed; tariffs on gpt-4.1-mini with the new key vk-murmeltier-openai-2032; and a small evaluation
    # job pc-murmeltier-auswertung on gpt-4.1 that still names vk-murmeltier-openai-2031. The org rotated
    # its OpenAI key in the morning: from 07:30 UTC (09:30 CEST) every request of the evaluation config is
    # answered 401 provider_auth_failed, the old key revoked, and the fallback config's second target names
    # the same key. Anthropic's Sonnet incident 10:15-11:30 UTC (12:15-13:30 CEST): 45% of Murmeltier's
    # claims requests are answered 529 and reach the client (nothing is served by gpt-4.1); Dohle's fallback
    # config (Sonnet, then gpt-4.1 on its own active key) has its 529'd requests served by gpt-4.1; Gams's
    # single-target Sonnet config passes its 529s on. The router deploy of the day before (15:10 UTC) did
    # not stop Dohle's fallback; the streamed-timeout bug is about streamed timeouts.
    sdk = "portkey-python/1.41.0"
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=2600,
                            p95=6000, error_rate=0.01, config_id="pc-murmeltier-schaden", key="vk-murmeltier-app",
                            sdk=sdk, metadata={"sparte": "schaden"}), 6, 16, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=800, p95=1900, error_rate=0.01,
                            config_id="pc-murmeltier-tarif", key="vk-murmeltier-app", sdk=sdk,
                            metadata={"sparte": "tarif"}), 6, 16, 0.3),
               stream(a["id"], model="gpt-4.1", per_minute=3, p50=1600, p95=3600, error_rate=0.01,
                      config_id="pc-murmeltier-auswertung", key="vk-murmeltier-batch", sdk=sdk,
                      metadata={"sparte": "auswertung"}),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2300, p95=5400,
                      config_id="pc-gams-pistenbericht", sdk="portkey-node/2.24.0"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2400, p95=5600,
                      config_id="pc-dohle-lektorat", sdk="portkey-node/2.24.0")]
    an = [errors(at(D, "07:30"), None, {"config_id": "pc-murmeltier-auswertung"}, 1.0, 401, "provider_auth_failed"),
          errors(at(D, "10:15"), at(D, "11:30"), {"config_id": "pc-murmeltier-schaden"}, 0.45, 529,
                 "provider_overloaded"),
          errors(at(D, "10:15"), at(D, "11:30"), {"config_id": "pc-gams-pistenbericht"}, 0.45, 529,
                 "provider_overloaded"),
          errors(at(D, "10:15"), at(D, "11:30"), {"config_id": "pc-dohle-lektorat"}, 0.45, 529,
                 "provider_overloaded", {"provider": "openai", "model": "gpt-4.1"})]
    codes = [429, 500, 502, 503, 529]
    cfg = [config("pc-murmeltier-schaden", a["id"], "schaden",
                  [target("vk-murmeltier-anthropic", "claude-sonnet-4-6", 60000, codes),
                   target("vk-murmeltier-openai-2031", "gpt-4.1", 60000)], mode="fallback",
                  updated="2032-01-19T09:00:00Z"),
           one_target("pc-murmeltier-tarif", a, "tarif", "vk-murmeltier-openai-2032", "gpt-4.1-mini", 30000),
           one_target("pc-murmeltier-auswertung", a, "auswertung", "vk-murmeltier-openai-2031", "gpt-4.1", 60000),
           one_target("pc-gams-pistenbericht", b, "pistenbericht", "vk-gams-anthropic", "claude-sonnet-4-6", 60000),
           config("pc-dohle-lektorat", c["id"], "lektorat",
                  [target("vk-dohle-anthropic", "claude-sonnet-4-6", 60000, codes),
                   target("vk-dohle-openai", "gpt-4.1", 60000)], mode="fallback", updated="2031-11-03T09:00:00Z")]
    for cf in cfg:
        if cf["id"] == "pc-murmeltier-tarif":
            cf["last_updated_at"] = at(D, "07:20")
    t = [ticket(52401, a, "Fallback auf GPT-4.1 greift nicht - 529 kommen direkt durch",
                "Grüß Gott,\n\nseit ca. 12:15 Uhr (MESZ) bekommen unsere Sachbearbeiter in der Schadenabwicklung "
                "laufend Fehler. Laut Log kommt der 529 von Anthropic direkt bis zu uns durch:\n\n```\n"
                "2032-04-27 12:21:07,412 ERROR schaden.llm - RelayError: 529 provider_overloaded "
                "(config=pc-murmeltier-schaden)\n```\n\nGenau dafür haben wir aber die Config mit "
                "Fallback auf GPT-4.1 gebaut, und 529 steht in on_status_codes drin. Der Fallback greift einfach "
                "nicht. Ich sehe in eurem Changelog, dass gestern am Router was geändert wurde (Retry-Metriken) - "
                "kann es sein, dass da was kaputt gegangen ist?\n\nAn der Config haben wir seit Jänner nichts "
                "geändert. Heute früh haben wir nur turnusmäßig unseren OpenAI-Key getauscht, der Tarifrechner läuft "
                "mit dem neuen Key einwandfrei, daran kann es also nicht liegen.\n\nBitte um rasche Rückmeldung, "
                "die Schadenabteilung steht.\n\nMit freundlichen Grüßen\nStefan Hofbauer\nIT-Betrieb, Murmeltier "
                "Versicherung AG", at(D, "11:05"), "Stefan Hofbauer", priority="high")]
    # Primary: the fallback config's second target names the virtual key the org revoked at 07:30 (its
    # evaluation config on that key fails 401 since), so no 529'd request can be served by it, while
    # another org's identical fallback fails over through the same incident after the router deploy:
    # customer_config, cited with the config and the virtual-keys page. Secondary: Anthropic's Sonnet
    # incident, cited with the incident. Bystanders: the router deploy, the streamed-timeout bug, the
    # tariff config on the new key.
    return scenario("", "fallback-revoked-target-key-during-sonnet-incident-vienna-german",
                    "German ticket (Vienna, CEST UTC+2, blames our router deploy of the day before, mentions its own "
                    "OpenAI key rotation only to rule it out), two causes: the org revoked vk-murmeltier-openai-2031 "
                    "at 07:30 UTC (its evaluation config on that key fails 401 from then on) while its fallback "
                    "config's second target still names it, so during Anthropic's Sonnet incident (10:15-11:30) 45% "
                    "of the claims requests end 529 at the client (customer_config); the incident itself (secondary "
                    "provider_outage). Another org's fallback config fails over through the same incident. The "
                    "router deploy and a streamed-timeout bug are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], start, 52401, streams, an, t,
                    {52401: truth("fallback", "customer_config",
                                  ["config:pc-murmeltier-schaden", "docs:docs/keys/virtual-keys.md"],
                                  [f"github:deployment:{rt}", "linear:issue:GW-9421", "config:pc-murmeltier-tarif"],
                                  ["529", "401"],
                                  [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS_KEYS, DOC_VIRTUAL_KEYS])


# ---------------------------------------------------------------------------------------------
# 5. token-billing, European Portuguese (Lisbon, WEST), billing_pipeline, two meters
# ---------------------------------------------------------------------------------------------

DOC_INVOICES_METERS = doc("docs/billing/invoices.md", "Invoices",
                          "# Invoices\n\nUsage is invoiced per UTC day (00:00-24:00 UTC) on two lines: **Input "
                          "tokens** (`prompt_tokens - cached_tokens`) and **Output tokens** (`completion_tokens`), "
                          "summed over every request of the day, streamed or not. Each line should equal the "
                          "request logs' totals for the same UTC day.\n")
DOC_METER_LAG = doc("docs/billing/meter-delays.md", "Meter delays",
                    "# Meter delays\n\nMeter events usually reach Stripe within a minute. During an incident they "
                    "can be delayed by up to an hour; delayed events are not lost. The daily invoice is finalised "
                    "four hours after the end of the UTC day and includes them.\n")


def billing_output_meter_dropped_pt():
    """Two meters; our metering deploy at 11:02 UTC stops the output-token events from 11:05, so the
    output line of the 4 May invoice is under half the logs while the input line matches. The
    customer guesses streaming."""
    D, now = "2032-05-04", "2032-05-05T05:55:00Z"
    a = org("org_andorinha", "Andorinha Seguros", "andorinha-seguros.pt", "enterprise")
    b = org("org_carapau", "Carapau Logística", "carapau.pt", "scale")
    c = org("org_poupa", "Poupa Energia", "poupaenergia.pt", "growth")
    start = at(D, "00:00")
    gh = github(CO, 52501, start, now, 21)
    bad = gh.deploy(52540, at(D, "11:02"), "metering: one meter event per request for both token meters",
                    ["src/billing/meter-events.ts", "src/billing/meter-events.test.ts"],
                    message="metering: build input and output meter events from one usage record (#8120)")
    mail = gh.deploy(52541, at(D, "10:20"), "invoices: pt-PT invoice e-mail template",
                     ["src/emails/invoice.mjml", "src/billing/locales/pt-PT.ts"])
    pd = [pd_incident("PMTR0504", 12504, "Stripe meter event submission latency above 15 minutes", at(D, "02:00"),
                      at(D, "02:40"), "Billing meters")]
    lin = [linear_issue("GW-9521", "Usage CSV export: completion_tokens empty for streamed requests",
                        "The usage page's CSV export leaves completion_tokens empty for streamed requests. Request "
                        "logs, meters and invoices are right.", "2032-04-22T10:00:00Z", state="Todo",
                        labels=("bug", "usage-ui"))]
    # Andorinha (Lisbon, WEST UTC+1): a streamed claims assistant on gpt-4.1, a document reader on Claude
    # Sonnet 4.6 and a triage bot on gpt-4.1-mini, 1% background errors. Two meters per UTC day: input
    # (prompt - cached) and output (completion). Deploy #52540 at 11:02 UTC builds both meter events from
    # one usage record; from 11:05 no output-token event is sent for any request (every org's), while
    # input events keep flowing. in_1Andorinha0504 (UTC day 4 May): the input line equals the logs, the
    # output line lacks everything after 11:05, more than half the day's output tokens. The pt-PT e-mail
    # deploy at 10:20, the meter-latency page at 02:00 (delayed, not lost, and the input line is whole)
    # and the CSV-export bug on streamed requests (the usage page, not the invoice; the document reader is
    # not streamed and lost its output too) are bystanders.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=10, p50=1800, p95=4200, prompt=2200, completion=650,
                      error_rate=0.01, config_id="pc-andorinha-sinistros", key="vk-andorinha-app",
                      sdk="portkey-node/2.24.0", metadata={"servico": "sinistros"}),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2600, p95=6000,
                      prompt=5000, completion=900, error_rate=0.01, config_id="pc-andorinha-documentos",
                      key="vk-andorinha-app", sdk="portkey-python/1.41.0", metadata={"servico": "documentos"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, prompt=900, completion=150,
                      error_rate=0.01, config_id="pc-andorinha-triagem", key="vk-andorinha-app",
                      sdk="portkey-node/2.24.0", metadata={"servico": "triagem"}),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=750, p95=1800, config_id="pc-carapau-rotas"),
               stream(c["id"], per_minute=4, config_id="pc-poupa-faturas")]
    streams[0]["streaming"] = {"first_token_share": 0.2}
    cfg = [one_target("pc-andorinha-sinistros", a, "sinistros", "vk-andorinha-openai", "gpt-4.1", 60000),
           one_target("pc-andorinha-documentos", a, "documentos", "vk-andorinha-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-andorinha-triagem", a, "triagem", "vk-andorinha-openai", "gpt-4.1-mini", 30000),
           one_target("pc-carapau-rotas", b, "rotas", "vk-carapau-openai", "gpt-4.1-mini", 30000),
           one_target("pc-poupa-faturas", c, "faturas", "vk-poupa-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [{"meter": "llm_input_tokens", "nickname": "Input tokens", "counts": ["prompt_tokens"],
                        "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": []},
                       {"meter": "llm_output_tokens", "nickname": "Output tokens", "counts": ["completion_tokens"],
                        "cached_tokens": "excluded", "unit_amount_decimal": "0.0008",
                        "faults": [{"kind": "dropped", "from": at(D, "11:05"), "to": None, "match": {}}]}],
            "invoices": [{"id": "in_1Andorinha0504", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2032-05-05T00:00:00Z"}]}
    t = [mail_ticket(52501, a, "Fatura de 4 de maio - linha Output tokens",
                     "Bom dia,\n\nEstamos a fazer a reconciliação diária e a fatura de ontem (in_1Andorinha0504, 4 de maio) não bate "
                     "certo com os nossos registos. A linha \"Input tokens\" coincide praticamente ao token com o que "
                     "temos nos logs, mas a linha \"Output tokens\" vem com menos de metade do que somámos "
                     "(completion_tokens de todos os pedidos do dia, em UTC).\n\nNão sei se é relevante, mas o "
                     "assistente de sinistros usa streaming. Será que as respostas em streaming não estão a ser "
                     "contadas? Ou a diferença vai aparecer numa fatura posterior?\n\nPrecisamos de saber o valor "
                     "correto antes de lançarmos a fatura na contabilidade.\n\nCumprimentos,\nInês Carvalho\n"
                     "Controlo de Gestão · Andorinha Seguros", "2032-05-05T05:45:00Z", "Inês Carvalho")]
    # Truth: only the output line is short, by the output tokens of every request after 11:05, three minutes
    # after the deploy that rebuilt the meter events; the input line is whole: billing_pipeline, cited with
    # the invoice and the deploy. Bystanders: the e-mail deploy, the meter-latency page, the CSV bug.
    return scenario("", "token-billing-output-meter-dropped-after-deploy-lisbon-portuguese",
                    "European Portuguese ticket (Lisbon, WEST UTC+1, guesses streamed responses are not counted): "
                    "two meters; metering deploy #52540 at 11:02 UTC stops sending output-token events from 11:05, "
                    "so the Output tokens line of in_1Andorinha0504 (4 May) is about half the logs while the Input "
                    "tokens line matches (billing_pipeline). A pt-PT invoice e-mail deploy, a meter-latency page and "
                    "a CSV-export bug on streamed requests are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], start, 52501, streams, [], t,
                    {52501: truth("token-billing", "billing_pipeline",
                                  ["stripe:invoice:in_1Andorinha0504", f"github:deployment:{bad}"],
                                  [f"github:deployment:{mail}", "pagerduty:incident:PMTR0504", "linear:issue:GW-9521"],
                                  ["in_1Andorinha0504"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd,
                    docs=[DOC_INVOICES_METERS, DOC_METER_LAG])


# ---------------------------------------------------------------------------------------------
# 6. metadata, Québec French (Montréal, HAE UTC-4), customer_config
# ---------------------------------------------------------------------------------------------

DOC_METADATA_STORE = doc("docs/observability/metadata.md", "Custom metadata",
                         "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                         "the SDK's `metadata` option. It is stored with the request log and forwarded to the "
                         "provider. A config's `logging` block controls this: `logging.store_metadata: false` keeps "
                         "the metadata out of the request log and the provider call for every request that uses "
                         "that config. The config editor's **Privacy** preset sets it.\n")


def metadata_config_store_off_after_edit_fr():
    """The customer saved one of four configs at 13:47 UTC to raise its timeout; the saved config
    carries logging.store_metadata: false, and from 13:48 that config's requests have no metadata.
    The customer blames our metadata-search deploy at 13:30."""
    D, now = "2032-05-18", "2032-05-18T17:00:00Z"
    a = org("org_harfang", "Harfang Assurances", "harfang-assurances.ca", "enterprise")
    b = org("org_carcajou", "Carcajou Studio", "carcajou.studio", "scale")
    c = org("org_outarde", "Outarde Transport", "outarde.ca", "growth")
    start = "2032-05-17T12:00:00Z"
    gh = github(CO, 52601, start, now, 18)
    srch = gh.deploy(52640, at(D, "13:30"), "logs: prefix search on metadata values",
                     ["src/logs/metadata-search.ts", "ui/logs/metadata-filter.tsx", "src/logs/metadata-search.test.ts"])
    lin = [linear_issue("GW-9621", "Metadata dropped on /v1/embeddings when the header exceeds 4 KB",
                        "Embeddings requests whose x-portkey-metadata header is larger than 4 KB are logged with "
                        "metadata {}. Other routes are not affected.", "2032-05-06T10:00:00Z", state="In Progress",
                        labels=("bug", "metadata"))]
    # Harfang (Montréal, HAE UTC-4): four configs on the same SDK, each request with
    # {"dossier", "equipe"} metadata: claims pc-harfang-reclamations (gpt-4.1), correspondence
    # pc-harfang-courriels (Claude Sonnet 4.6), OCR post-processing pc-harfang-ocr (gpt-4.1-mini) and
    # search pc-harfang-recherche (/v1/embeddings); 2% background errors, office hours 12:00-22:00 UTC.
    # pc-harfang-reclamations was saved at 13:47 UTC (09:47 HAE) with request_timeout 45000 and
    # logging.store_metadata false; from 13:48 every request of that config is logged with metadata {},
    # while the three other configs keep theirs. The metadata page says store_metadata false turns it off
    # for that config. Our metadata-search deploy at 13:30 touched log search for every org, and the
    # other configs and Carcajou keep their metadata after it; the 4 KB embeddings bug is another route
    # (and the org's embeddings keep their metadata).
    sdk = "portkey-python/1.41.0"
    md = lambda team: {"dossier": "HF-2032-0518", "equipe": team}  # noqa: E731
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1600, p95=3800, error_rate=0.02,
                            config_id="pc-harfang-reclamations", key="vk-harfang-app", sdk=sdk,
                            metadata=md("reclamations")), 12, 22, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2400, p95=5600,
                            error_rate=0.02, config_id="pc-harfang-courriels", key="vk-harfang-app", sdk=sdk,
                            metadata=md("courriels")), 12, 22, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=800, p95=1900, error_rate=0.02,
                            config_id="pc-harfang-ocr", key="vk-harfang-app", sdk=sdk, metadata=md("ocr")),
                     12, 22, 0.3),
               cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=6, p50=150,
                            p95=380, prompt=1500, completion=0, error_rate=0.02, config_id="pc-harfang-recherche",
                            key="vk-harfang-app", sdk=sdk, metadata=md("recherche")), 12, 22, 0.3),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=750, p95=1800, config_id="pc-carcajou-scenes",
                      sdk="portkey-node/2.24.0", metadata={"projet": "saison-3"}),
               stream(c["id"], per_minute=4, config_id="pc-outarde-manifestes")]
    an = [metadata_dropped(at(D, "13:48"), None, {"config_id": "pc-harfang-reclamations"})]
    recl = one_target("pc-harfang-reclamations", a, "reclamations", "vk-harfang-openai", "gpt-4.1", 45000)
    recl["last_updated_at"] = at(D, "13:47")
    recl["config"]["logging"] = {"store_metadata": False}
    cfg = [recl,
           one_target("pc-harfang-courriels", a, "courriels", "vk-harfang-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-harfang-ocr", a, "ocr", "vk-harfang-openai", "gpt-4.1-mini", 30000),
           one_target("pc-harfang-recherche", a, "recherche", "vk-harfang-openai", "text-embedding-3-small", 10000),
           one_target("pc-carcajou-scenes", b, "scenes", "vk-carcajou-openai", "gpt-4.1-mini", 30000),
           one_target("pc-outarde-manifestes", c, "manifestes", "vk-outarde-openai", "gpt-4o", 30000)]
    t = [mail_ticket(52601, a, "Métadonnées disparues des journaux depuis ce matin",
                     "Bonjour,\n\nDepuis ce matin, à peu près 9 h 50 (heure de Montréal), les requêtes de notre "
                     "service de réclamations n'ont plus de métadonnées dans vos journaux : le champ metadata est "
                     "vide ({}) alors que notre code envoie toujours dossier et equipe, je l'ai vérifié dans nos "
                     "propres traces. Nos tableaux de bord par équipe sont donc faussés.\n\nJ'ai vu que vous avez "
                     "livré une modification sur la recherche de métadonnées vers 9 h 30. Est-ce que ça pourrait "
                     "être ça ? De notre côté on a seulement monté le délai d'expiration de la config des "
                     "réclamations à 45 secondes ce matin, rien à voir avec les métadonnées.\n\nPouvez-vous "
                     "regarder ? Merci !\n\nJulie Tremblay\nArchitecte de solutions, Harfang Assurances",
                     at(D, "16:20"), "Julie Tremblay")]
    # Truth: metadata lost on every request of one config from the minute after the customer saved it with
    # logging.store_metadata false, which the metadata page says turns it off; the org's three other
    # configs on the same SDK keep theirs: customer_config, cited with the config and the metadata page.
    # Bystanders: the metadata-search deploy, the embeddings bug, the correspondence config.
    return scenario("", "metadata-config-store-off-after-timeout-edit-montreal-french",
                    "Québec French ticket (Montréal, HAE UTC-4, blames our metadata-search deploy at 13:30 UTC, "
                    "mentions its own timeout edit as unrelated): the org saved pc-harfang-reclamations at 13:47 UTC "
                    "with request_timeout 45000 and logging.store_metadata false, so from 13:48 that config's "
                    "requests are logged without metadata while its three other configs keep theirs "
                    "(customer_config). The deploy and an embeddings metadata bug are bystanders among 18 routine "
                    "deploys; a big org with four configs.",
                    now, CO, [a, b, c], start, 52601, streams, an, t,
                    {52601: truth("metadata", "customer_config",
                                  ["config:pc-harfang-reclamations", "docs:docs/observability/metadata.md"],
                                  [f"github:deployment:{srch}", "linear:issue:GW-9621", "config:pc-harfang-courriels"],
                                  ["store_metadata"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA_STORE])


# ---------------------------------------------------------------------------------------------
# 7. webhook-failures, English (Sydney, AEST), customer_endpoint
# ---------------------------------------------------------------------------------------------

DOC_ENDPOINTS = doc("docs/webhooks/endpoints.md", "Webhook endpoints",
                    "# Webhook endpoints\n\nEvents are delivered to the URL registered for each endpoint (Settings → "
                    "Webhooks); we never change it. A delivery succeeds when the endpoint answers 2xx within 10 "
                    "seconds. Any other answer, including 404 or 410 from a URL that no longer exists, fails and "
                    "is retried five times over about eight hours. When you move a receiver, edit the registered "
                    "URL first.\n")


def webhook_retired_url_410_sydney_en():
    """The org moved its event receiver in the morning; the registered URL answers 410 Gone to every
    delivery from 23:05 UTC (09:05 AEST), while its budget endpoint on the new host and every other
    org's endpoint answer 200, also after our HTTP/2 delivery deploy at 22:45."""
    Y, D, now = "2032-05-24", "2032-05-25", "2032-05-25T01:45:00Z"
    a = org("org_quokka", "Quokka Freight", "quokkafreight.com.au", "scale")
    b = org("org_bilby", "Bilby Bank", "bilbybank.com.au", "enterprise")
    c = org("org_wombat", "Wombat Learning", "wombatlearning.nz", "growth")
    start = "2032-05-24T04:00:00Z"
    gh = github(CO, 52701, start, now, 15)
    h2 = gh.deploy(52740, at(Y, "22:45"), "webhooks: deliver over HTTP/2 where the endpoint supports it",
                   ["src/webhooks/deliver.ts", "src/webhooks/http-client.ts", "src/webhooks/deliver.test.ts"])
    pd = [pd_incident("PWHK0524", 12524, "webhook-worker queue lag above 5 minutes", at(Y, "09:10"), at(Y, "09:45"),
                      "Webhooks")]
    lin = [linear_issue("GW-9721", "Webhook test button sends an unsigned payload",
                        "The 'Send test event' button in Settings → Webhooks sends the payload without the "
                        "signature header. Real deliveries are signed.", "2032-05-12T10:00:00Z", state="Todo",
                        labels=("bug", "webhooks"))]
    # Quokka (Sydney, AEST UTC+10): a shipment tracker on gpt-4.1-mini and a customs helper on Claude Haiku.
    # Two endpoints: the event receiver, registered as https://hooks.quokkafreight.com.au/relay/v1/events
    # (request.completed, request.failed), and the budget alerts on the new platform host
    # https://events.quokkafreight.com.au/relay/budget (budget.exceeded). The ticket says the ingestion
    # service moved to a new cluster this morning. From 23:05 UTC (09:05 AEST) the registered event URL
    # answers 410 Gone to every delivery; the budget endpoint, Bilby's and Wombat's endpoints answer 200
    # before and after our HTTP/2 deploy at 22:45 (08:45 AEST). The endpoints page: we deliver to the
    # registered URL; a 410 fails. The queue-lag page of the day before and the test-button bug are
    # bystanders.
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=0.01,
                      config_id="pc-quokka-tracking", key="vk-quokka-app", sdk="portkey-node/2.24.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      error_rate=0.01, config_id="pc-quokka-customs", key="vk-quokka-app", sdk="portkey-node/2.24.0"),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-bilby-statements"),
               stream(c["id"], per_minute=4, config_id="pc-wombat-tutor")]
    cfg = [one_target("pc-quokka-tracking", a, "tracking", "vk-quokka-openai", "gpt-4.1-mini", 30000),
           one_target("pc-quokka-customs", a, "customs", "vk-quokka-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-bilby-statements", b, "statements", "vk-bilby-openai", "gpt-4.1", 60000),
           one_target("pc-wombat-tutor", c, "tutor", "vk-wombat-openai", "gpt-4o", 30000)]
    old = "https://hooks.quokkafreight.com.au/relay/v1/events"
    budget = "https://events.quokkafreight.com.au/relay/budget"
    wh = hooks((a["id"], old, ["request.completed", "request.failed"], 8, 150),
               (a["id"], budget, ["budget.exceeded"], 1, 130),
               (b["id"], "https://webhooks.bilbybank.com.au/relay", ["request.completed"], 5, 170),
               (c["id"], "https://api.wombatlearning.nz/hooks/relay", ["request.completed"], 2, 120),
               anomalies=[failures(at(Y, "23:05"), None, old, 1.0, 410, "")])
    t = [ticket(52701, a, "webhooks stopped??",
                "Hi team,\n\nNone of our request events have come through since around 9am this morning (Sydney "
                "time). Your dashboard shows every delivery failing with 410. Has something changed on your end? I "
                "can see you shipped an HTTP/2 change for webhooks at 8:45 our time, which is awfully close.\n\n"
                "We did move our ingestion service onto the new cluster first thing this morning but it's been "
                "tested and is receiving fine from our other systems, and the budget alerts still work, so I don't "
                "think it's us.\n\nCan you roll back or at least confirm?\n\nCheers,\nLiam O'Connor\nPlatform Lead, "
                "Quokka Freight", at(D, "01:20"), "Liam O'Connor", priority="high")]
    t[0]["requester"]["email"] = "liam.oconnor@quokkafreight.com.au"
    # Truth: one endpoint of the org answers 410 to every delivery from the morning the customer moved its
    # receiver, while its other endpoint and every other org's answer 200 after our HTTP/2 deploy:
    # customer_endpoint, cited with the endpoint and the endpoints page. Bystanders: the HTTP/2 deploy, the
    # queue-lag page, the test-button bug, the budget endpoint.
    return scenario("", "webhook-failures-moved-receiver-410-sydney-english",
                    "Short English ticket (Sydney, AEST UTC+10 since 4 April, blames our HTTP/2 delivery deploy at "
                    "22:45 UTC, mentions its own receiver move as ruled out): from 23:05 UTC the org's registered "
                    "event URL answers 410 Gone to every delivery after the customer moved its ingestion service, "
                    "while its budget endpoint on the new host and every other org's endpoint answer 200 "
                    "(customer_endpoint). The HTTP/2 deploy, a queue-lag page the day before and a test-button bug "
                    "are bystanders among 15 routine deploys.",
                    now, CO, [a, b, c], start, 52701, streams, [], t,
                    {52701: truth("webhook-failures", "customer_endpoint",
                                  [f"endpoint:{old}", "docs:docs/webhooks/endpoints.md"],
                                  [f"github:deployment:{h2}", "pagerduty:incident:PWHK0524", "linear:issue:GW-9721",
                                   f"endpoint:{budget}"],
                                  ["410"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd, docs=[DOC_ENDPOINTS])


# ---------------------------------------------------------------------------------------------
# 8. api-errors, Italian (Milan, CEST), rate_limited
# ---------------------------------------------------------------------------------------------

DOC_TPM = doc("docs/limits/rate-limits.md", "Rate limits",
              "# Rate limits\n\nEach plan has a tokens-per-minute budget per organisation, shared by all its "
              "configs and keys (growth 100k, scale 150k, enterprise by contract). Requests beyond it are answered "
              "429 with `error_code: rate_limited` and a `retry-after` header, on every config of the "
              "organisation. Embedding backfills count like any other request: spread them out or send them "
              "through the batch API.\n")


def api_errors_own_embeddings_burst_it():
    """The org's archive re-embedding job multiplies its embeddings volume by six from 12:40 UTC; the
    org's TPM budget answers 429 on every config from 12:42. The customer blames OpenAI after a GPT-4.1
    incident that morning."""
    D, now = "2032-04-06", "2032-04-06T15:00:00Z"
    a = org("org_gabbiano", "Gabbiano Editore", "gabbianoeditore.it", "scale")
    b = org("org_airone", "Airone Moda", "aironemoda.it", "enterprise")
    c = org("org_fenicottero", "Fenicottero Viaggi", "fenicotteroviaggi.it", "growth")
    start = "2032-04-05T12:00:00Z"
    gh = github(CO, 52801, start, now, 13)
    hdr = gh.deploy(52840, at(D, "12:20"), "limits: expose x-ratelimit-remaining-tokens on every response",
                    ["src/limits/headers.ts", "src/limits/headers.test.ts"])
    sp = Statuspage(now)
    g41 = sp.incident("openai", "g4p1t7m9r1n3", "Elevated error rates on GPT-4.1", at(D, "07:50"), at(D, "08:35"),
                      "Some GPT-4.1 requests fail with 503 errors.")
    lin = [linear_issue("GW-9821", "Batch API: embeddings batches stuck in 'validating' over 50k lines",
                        "Embeddings batch files with more than 50,000 lines stay in 'validating'. Smaller files "
                        "complete.", "2032-03-30T10:00:00Z", state="In Progress", labels=("bug", "batch"))]
    # Gabbiano (Milan, CEST UTC+2, scale plan: 150k tokens a minute for the org): an editorial assistant on
    # gpt-4.1 (8 a minute, ~2,300 tokens), an archive search pc-gabbiano-archivio on text-embedding-3-small
    # (7 a minute, ~3,500 tokens) and translations on Claude Haiku (6 a minute, ~1,800 tokens): about 55k a
    # minute. From 12:40 UTC (14:40 CEST) the archive config's volume is six times its usual (a
    # re-embedding of the archive), some 150k a minute on its own: from 12:42 35% of the org's requests on
    # all three configs are answered 429 rate_limited; Airone and Fenicottero get none. OpenAI's GPT-4.1
    # incident (07:50-08:35 UTC, 503 for every org's gpt-4.1) is over and not a 429; the limits-header
    # deploy at 12:20 changed headers and nothing was refused in the 20 minutes after it nor for any other
    # org; the batch bug is about batch files.
    sdk = "portkey-python/1.41.0"
    streams = [stream(a["id"], model="gpt-4.1", per_minute=8, p50=1600, p95=3700, prompt=1800, completion=500,
                      error_rate=0.01, config_id="pc-gabbiano-redazione", key="vk-gabbiano-app", sdk=sdk),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=7, p50=160, p95=400,
                      prompt=3500, completion=0, error_rate=0.01, config_id="pc-gabbiano-archivio",
                      key="vk-gabbiano-archivio", sdk=sdk),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      prompt=1500, completion=300, error_rate=0.01, config_id="pc-gabbiano-traduzioni",
                      key="vk-gabbiano-app", sdk=sdk),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3500, config_id="pc-airone-cataloghi"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=5, p50=750, p95=1800, config_id="pc-fenicottero-chat")]
    an = [errors(at(D, "07:50"), at(D, "08:35"), {"model": "gpt-4.1"}, 0.4, 503, "provider_unavailable"),
          volume(at(D, "12:40"), None, {"config_id": "pc-gabbiano-archivio"}, 6.0),
          rate_limited(at(D, "12:42"), None, {"org": a["id"]}, 0.35)]
    cfg = [one_target("pc-gabbiano-redazione", a, "redazione", "vk-gabbiano-openai", "gpt-4.1", 60000),
           one_target("pc-gabbiano-archivio", a, "archivio", "vk-gabbiano-openai", "text-embedding-3-small", 10000),
           one_target("pc-gabbiano-traduzioni", a, "traduzioni", "vk-gabbiano-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-airone-cataloghi", b, "cataloghi", "vk-airone-openai", "gpt-4.1", 60000),
           one_target("pc-fenicottero-chat", c, "chat", "vk-fenicottero-openai", "gpt-4.1-mini", 30000)]
    t = [mail_ticket(52801, a, "Di nuovo errori, OpenAI ancora giù?",
                     "Buongiorno,\n\nstamattina verso le 10 avevamo già avuto errori su GPT-4.1 (abbiamo visto "
                     "l'incidente sulla pagina di stato di OpenAI), e adesso dalle 14:40 circa ci risiamo: la "
                     "redazione riceve errori a raffica, e stavolta anche le traduzioni con Claude. Un esempio:\n\n"
                     "```\nopenai.RateLimitError: Error code: 429 - {'error': {'code': 'rate_limited', 'message': "
                     "'Too many tokens per minute'}}\n```\n\nNon abbiamo cambiato nulla nelle configurazioni. È "
                     "possibile che OpenAI abbia di nuovo problemi e che voi stiate limitando tutto di conseguenza? "
                     "Se sì, per quanto ancora?\n\nGrazie,\nGiulia Bernardi\nResponsabile tecnologie digitali — "
                     "Gabbiano Editore", at(D, "13:25"), "Giulia Bernardi", priority="high")]
    # Truth: 429 rate_limited on every config of the org, nobody else's, from two minutes after the org's
    # own archive embeddings volume went to six times its usual, enough on its own to fill the org's
    # tokens-per-minute budget: rate_limited, cited with the archive config and the rate-limits page.
    # Bystanders: the GPT-4.1 incident that morning, the limits-header deploy, the batch bug.
    return scenario("", "api-errors-own-embeddings-burst-429-milan-italian",
                    "Italian ticket (Milan, CEST UTC+2, blames OpenAI again after a GPT-4.1 incident that morning, "
                    "'nothing changed'): the org's archive re-embedding multiplies pc-gabbiano-archivio's volume by "
                    "six from 12:40 UTC and from 12:42 35% of the org's requests on all three configs are answered "
                    "429 rate_limited (rate_limited). OpenAI's morning GPT-4.1 incident, a limits-header deploy at "
                    "12:20 and a batch bug are bystanders among 13 routine deploys.",
                    now, CO, [a, b, c], start, 52801, streams, an, t,
                    {52801: truth("api-errors", "rate_limited",
                                  ["config:pc-gabbiano-archivio", "docs:docs/limits/rate-limits.md"],
                                  [f"github:deployment:{hdr}", g41, "linear:issue:GW-9821"],
                                  ["429"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_TPM])


ALL = [api_errors_sonnet_incident_openai_works_en, routing_retired_sonnet_id_one_config_es,
       latency_office_hours_no_fault_ja, fallback_revoked_target_key_during_incident_de,
       billing_output_meter_dropped_pt, metadata_config_store_off_after_edit_fr,
       webhook_retired_url_410_sydney_en, api_errors_own_embeddings_burst_it]

if __name__ == "__main__":
    write_all(ALL)
