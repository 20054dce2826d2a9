#!/usr/bin/env python3
"""A second held-out set: twelve scenarios written from the scenario format, the result contract and
the domain material only (the case study, the AI-infrastructure ticket patterns and the field guide
to gateway routing configs), never from the engine, never run against it while writing, and never
tuned on. They are scored per folder (`heldout2/`).

September 2030: the US on summer time (PDT = UTC-7, EDT = UTC-4) until 3 November, Europe on summer
time (BST = UTC+1, CEST = UTC+2, WEST = UTC+1) until 27 October, Mexico City on CST (UTC-6, no summer
time since 2022), São Paulo on BRT (UTC-3), Tokyo and Osaka on JST (UTC+9).

Every truth below is read from the data declared next to it (anomalies, configs, billing faults,
webhook failures, deploys, releases, issues, incidents, docs); the comment above each truth says
what the data declares and why that gives the truth. Run it to rewrite the JSON files in heldout2/."""
import os

from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}
FOLDER = "heldout2"


def cycle(st, from_hour, to_hour, night, busy_latency=None):
    """Office hours (UTC) at full volume, `night` x the volume outside them."""
    st = dict(st)
    st["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night}
    if busy_latency is not None:
        st["daily_cycle"]["latency"] = busy_latency
    return st


def hooks(*rows, anomalies=()):
    """Webhook streams from (org, endpoint, events, per_minute, latency_ms) rows."""
    return {"streams": [{"org": o, "endpoint": e, "events": list(ev), "per_minute": pm, "latency_ms": lat}
                        for o, e, ev, pm, lat in rows],
            "anomalies": list(anomalies)}


def hook_failures(start, end, endpoint, rate, status, error):
    return {"kind": "failures", "from": start, "to": end, "match": {"endpoint": endpoint}, "rate": rate,
            "status": status, "error": error}


def fallback_config(cid, o, name, targets, updated="2030-06-02T09:00:00Z"):
    return config(cid, o["id"], name, targets, mode="fallback", updated=updated)


RETRY_5XX = [429, 500, 502, 503, 504]


# ---------------------------------------------------------------------------------------------
# 1. api-errors / deploy_regression / English (Seattle, PDT)
# ---------------------------------------------------------------------------------------------
def api_errors_embeddings_validation_en():
    """A big org (five configs, three keys, 3% background errors) sees part of its embedding calls
    answered 400 from minutes after a gateway deploy that made embeddings input validation strict;
    every org's /v1/embeddings is hit, chat routes are not."""
    Y, D, now = "2030-09-09", "2030-09-10", "2030-09-10T19:20:00Z"
    a = org("org_northwind", "Northwind Logistics", "northwind-logistics.com", "enterprise")
    b = org("org_pelican", "Pelican Health", "pelicanhealth.io", "scale")
    c = org("org_quokka", "Quokka Learning", "quokka.education", "growth")
    gh = github(CO, 31201, "2030-09-09T14:00:00Z", now, 22)
    cause = gh.deploy(31240, at(D, "16:44"), "validation: strict request schema for /v1/embeddings",
                      ["src/validation/embeddings.ts", "src/validation/schemas/embeddings.json",
                       "src/validation/embeddings.test.ts"], author="dario",
                      message="validation: reject embeddings input that is not a string or string[]")
    later = gh.deploy(31241, at(D, "18:02"), "router: prefer regional OpenAI endpoints for EU orgs",
                      ["src/router/regions.ts"], author="ines")
    sp = Statuspage(now)
    rt = sp.incident("openai", "rt7q2w9e4r1t", "Degraded performance on the Realtime API", at(D, "15:10"),
                     at(D, "16:05"), "Some Realtime API sessions fail to connect.", component="Realtime API",
                     impact="minor")
    old = linear_issue("GW-5120",
                       "Embeddings: 400 invalid_request when `dimensions` is sent for text-embedding-3-small",
                       "The gateway rejected the `dimensions` parameter for text-embedding-3-small with 400 "
                       "invalid_request. Fixed by allowing the parameter for every text-embedding-3 model.",
                       "2030-07-08T10:00:00Z", state="Done", labels=("bug", "embeddings"),
                       completed="2030-07-10T15:00:00Z")
    sdk_py, sdk_node = "portkey-python/2.4.1", "portkey-node/3.2.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=650, p95=1600, error_rate=0.03,
                            config_id="pc-nw-dispatch", key="vk-nw-dispatch", sdk=sdk_py,
                            metadata={"team": "dispatch"}), 13, 23, 0.35),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3600,
                      error_rate=0.03, config_id="pc-nw-claims", key="vk-nw-claims", sdk=sdk_py,
                      metadata={"team": "claims"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=12, p50=110,
                      p95=280, prompt=700, completion=0, error_rate=0.03, config_id="pc-nw-search",
                      key="vk-nw-search", sdk=sdk_node, metadata={"index": "shipments"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=5, p50=80,
                      p95=200, prompt=400, completion=0, error_rate=0.03, config_id="pc-nw-docs",
                      key="vk-nw-search", sdk=sdk_py, metadata={"index": "contracts"}),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=900, p95=2100, config_id="pc-pelican-notes"),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=4, p50=80,
                      p95=200, prompt=500, completion=0, config_id="pc-pelican-rag"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      config_id="pc-quokka-tutor")]
    # From 16:47 UTC (09:47 PDT), three minutes after deploy #31240 made the embeddings schema strict,
    # 55% of the requests on /v1/embeddings are answered 400 invalid_request, for every org and both
    # embedding models (Northwind's two configs, Pelican's RAG), while chat routes keep their usual
    # 3% (Northwind) or 0.2% background. The gateway deploy is the cause; the Realtime API incident
    # ended before, the router deploy came an hour after the onset, the embeddings bug is a fixed one.
    an = [errors(at(D, "16:47"), None, {"route": "/v1/embeddings"}, 0.55, 400, "invalid_request")]
    cfg = [one_target("pc-nw-dispatch", a, "dispatch", "vk-nw-openai", "gpt-4.1-mini", 30000),
           fallback_config("pc-nw-claims", a, "claims",
                           [target("vk-nw-anthropic", "claude-sonnet-4-6", 60000, RETRY_5XX),
                            target("vk-nw-openai", "gpt-4.1", 60000)]),
           one_target("pc-nw-search", a, "search", "vk-nw-openai", "text-embedding-3-large", 10000),
           one_target("pc-nw-docs", a, "docs", "vk-nw-openai", "text-embedding-3-small", 10000),
           one_target("pc-nw-legacy", a, "legacy (unused)", "vk-nw-openai", "gpt-4o", 30000),
           one_target("pc-pelican-notes", b, "notes", "vk-pelican-openai", "gpt-4o", 30000),
           one_target("pc-pelican-rag", b, "rag", "vk-pelican-openai", "text-embedding-3-small", 10000),
           one_target("pc-quokka-tutor", c, "tutor", "vk-quokka-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(31201, a, "Intermittent 400s on embeddings - did OpenAI change something?",
                "Hey team,\n\nStarting around 9:45am PT today a chunk of our embedding calls come back 400. Not all "
                "requests - I'd guess about half - and chat completions through the same account look totally "
                "normal. Both our shipment search index and the contracts indexer are affected, different "
                "services, different SDKs.\n\nFrom the search worker:\n\n"
                "```\n2030-09-10T09:52:13-07:00 ERROR embed batch=417 status=400 "
                "body={\"error\":{\"code\":\"invalid_request\",\"message\":\"input: expected string or array of "
                "strings\"}}\n2030-09-10T09:52:14-07:00 INFO  embed batch=418 status=200 n=64\n```\n\n"
                "Our payloads haven't changed in months. My guess is OpenAI tightened something on their side? "
                "I know you fixed a dimensions-related 400 a while ago, maybe it's back?\n\nThis is blocking our "
                "nightly reindex so would appreciate a quick look.\n\nCheers,\nMarcus Bell\nSearch Platform, "
                "Northwind Logistics", at(D, "19:05"), "Marcus Bell", priority="high")]
    # Truth: data declares a 55% share of 400 invalid_request on route /v1/embeddings from 16:47, all
    # orgs, three minutes after deploy #31240 (embeddings validation); nothing else changed there.
    return scenario(FOLDER, "api-errors-embeddings-validation-deploy",
                    "English ticket (Seattle, PDT) from a big org with 3% background errors: from 16:47 UTC about "
                    "half of every org's /v1/embeddings requests are answered 400 invalid_request, three minutes "
                    "after deploy #31240 made the embeddings input schema strict; chat routes are unaffected "
                    "(deploy_regression). A Realtime API incident that ended before, a router deploy an hour "
                    "after the onset and a fixed look-alike embeddings bug are bystanders among 22 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2030-09-09T14:00:00Z", 31201, streams, an, t,
                    {31201: truth("api-errors", "deploy_regression",
                                  [f"github:deployment:{cause}", "route:/v1/embeddings"],
                                  [f"github:deployment:{later}", rt, "linear:issue:GW-5120"],
                                  ["/v1/embeddings"])},
                    github=gh, configs=cfg, linear=[old], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 2. provider-routing / provider_outage / Spanish (Ciudad de México, CST)
# ---------------------------------------------------------------------------------------------
def provider_routing_sonnet_overloaded_es():
    """Claude Sonnet 4.6 answers 529 to a large share of requests during an Anthropic incident; the
    org's GPT-4o and Claude Haiku traffic is fine. The customer thinks its rotated key was revoked."""
    Y, D, now = "2030-09-03", "2030-09-04", "2030-09-04T21:30:00Z"
    a = org("org_tlaloc", "Tláloc Fintech", "tlalocfintech.mx", "scale")
    b = org("org_jacaranda", "Jacaranda Viajes", "jacarandaviajes.com", "growth")
    gh = github(CO, 31401, "2030-09-03T18:00:00Z", now, 19)
    adapter = gh.deploy(31440, at(D, "18:20"), "anthropic adapter: map stop_sequences for tool calls",
                        ["src/providers/anthropic/request.ts", "src/providers/anthropic/request.test.ts"],
                        author="yuki")
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "sn46o9v3r5l7", "Elevated errors on Claude Sonnet 4.6", at(D, "18:35"),
                      at(D, "20:55"), "We are seeing elevated overloaded (529) errors on Claude Sonnet 4.6 "
                      "requests. Other models are not affected.")
    night = sp.incident("anthropic", "hk45n1g8t2w6", "Elevated errors on Claude Haiku 4.5", at(D, "03:05"),
                        at(D, "03:40"), "Some Claude Haiku 4.5 requests fail with 500 errors.")
    keybug = linear_issue("GW-5266", "claude-* requests return 401 for ~2 min after a virtual key rotation",
                          "After rotating the provider key behind a virtual key, Anthropic requests got 401 "
                          "authentication_error until the key cache refreshed. Fixed: the cache is invalidated on "
                          "rotation.", "2030-08-12T10:00:00Z", state="Done", labels=("bug", "virtual-keys"),
                          completed="2030-08-14T12:00:00Z")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1500,
                            p95=3500, config_id="pc-tlaloc-asesor", key="vk-tlaloc-app", sdk="portkey-node/3.1.4",
                            metadata={"servicio": "asesor"}), 14, 23, 0.3),
               stream(a["id"], model="gpt-4o", per_minute=9, p50=850, p95=2000, config_id="pc-tlaloc-kyc",
                      key="vk-tlaloc-kyc", sdk="portkey-python/2.3.0", metadata={"servicio": "kyc"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=480, p95=1100,
                      config_id="pc-tlaloc-clasif", key="vk-tlaloc-app", sdk="portkey-node/3.1.4"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=7, p50=1500, p95=3500,
                      config_id="pc-jacaranda-itinerarios"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, config_id="pc-jacaranda-chat")]
    # From 18:40 to 20:55 UTC (12:40-14:55 CST) 45% of every org's Claude Sonnet 4.6 requests are
    # answered 529 provider_overloaded (Tláloc's asesor config, Jacaranda's too); Claude Haiku 4.5 on
    # the same virtual key and GPT-4o are fine. Anthropic's status page has an incident on Sonnet 4.6
    # over the same span. The anthropic adapter deploy at 18:20 would touch every Claude model (Haiku
    # is fine), the Haiku incident was at night, the 401 key-rotation bug is fixed and the errors are
    # 529, not 401.
    an = [errors(at(D, "18:40"), at(D, "20:55"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 0.45,
                 529, "provider_overloaded")]
    cfg = [one_target("pc-tlaloc-asesor", a, "asesor", "vk-tlaloc-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tlaloc-kyc", a, "kyc", "vk-tlaloc-openai", "gpt-4o", 30000),
           one_target("pc-tlaloc-clasif", a, "clasificador", "vk-tlaloc-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-jacaranda-itinerarios", b, "itinerarios", "vk-jacaranda-anthropic", "claude-sonnet-4-6",
                      60000),
           one_target("pc-jacaranda-chat", b, "chat", "vk-jacaranda-openai", "gpt-4.1-mini", 30000)]
    t = [ticket(31401, a, "Claude no responde, GPT-4o si",
                "Hola equipo,\n\ndesde las 12:40 (hora CDMX) mas o menos casi la mitad de las llamadas del asesor "
                "a claude estan fallando, las de gpt-4o (kyc) funcionan bien. Nos sale esto en el log:\n\n"
                "```\nAPIError: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                "\"Overloaded\"}}\n```\n\nLa semana pasada rotamos la llave de Anthropic en el panel, ¿es posible "
                "que la hayan revocado o que siga la vieja en cache? No tocamos nada mas.\n\n¿Nos pueden decir si "
                "es de su lado o del nuestro? Los clientes estan esperando respuesta del asesor.\n\nSaludos\n"
                "Fernanda Ríos\nIngeniería, Tláloc Fintech", at(D, "20:10"), "Fernanda Ríos", priority="high")]
    t[0]["requester"]["email"] = "fernanda.rios@tlalocfintech.mx"
    # Truth: the 529s are on one model, every org, exactly inside the Anthropic incident on that model.
    return scenario(FOLDER, "provider-routing-sonnet-overloaded-cdmx",
                    "Spanish ticket (Mexico City, CST) with typos and a pasted 529: from 18:40 to 20:55 UTC 45% of "
                    "every org's Claude Sonnet 4.6 requests fail 529 provider_overloaded during an Anthropic "
                    "incident on that model; Haiku on the same key and GPT-4o are fine (provider_outage). The "
                    "customer's key-rotation theory matches a fixed 401 bug; an Anthropic adapter deploy 20 "
                    "minutes before and a night-time Haiku incident are bystanders among 19 routine deploys.",
                    now, CO, [a, b], "2030-09-03T18:00:00Z", 31401, streams, an, t,
                    {31401: truth("provider-routing", "provider_outage", [inc],
                                  [f"github:deployment:{adapter}", night, "linear:issue:GW-5266"], ["529"])},
                    github=gh, configs=cfg, linear=[keybug], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 3. latency-spike / deploy_regression + provider_outage / German (Berlin, CEST), question form
# ---------------------------------------------------------------------------------------------
def latency_resolver_deploy_and_gpt4o_de():
    """A router deploy resolves provider hosts on every request: gateway time on every chat request
    rises from ~15 ms to ~750 ms; embeddings are untouched. For part of the morning GPT-4o itself is
    also slower (an OpenAI incident)."""
    Y, D, now = "2030-09-16", "2030-09-17", "2030-09-17T12:10:00Z"
    a = org("org_kranich", "Kranich Versicherung", "kranich-versicherung.de", "enterprise")
    b = org("org_lachs", "Lachs & Partner", "lachs-partner.at", "scale")
    c = org("org_mauersegler", "Mauersegler Software", "mauersegler.io", "growth")
    gh = github(CO, 31701, "2030-09-16T08:00:00Z", now, 24)
    cause = gh.deploy(31740, at(D, "07:49"),
                      "router: resolve provider hosts per request instead of the shared DNS cache",
                      ["src/router/upstream-resolver.ts", "src/router/pool.ts"], author="henrik",
                      message="router: resolve upstream hosts per request (fixes stale IPs after provider failover)")
    guard = gh.deploy(31741, at(D, "10:20"), "guardrails: cache compiled regex patterns",
                      ["src/guardrails/regex.ts"], author="amara")
    sp = Statuspage(now)
    gpt = sp.incident("openai", "g4o1l8t3n5c2", "Increased latency for GPT-4o", at(D, "09:00"), at(D, "10:40"),
                      "We are seeing increased response times for GPT-4o API requests.", impact="minor")
    opus = sp.incident("anthropic", "op41e7r2r9s3", "Elevated errors on Claude Opus 4.1", at(D, "02:00"),
                       at(D, "02:50"), "Some Claude Opus 4.1 requests fail with 500 errors.")
    chart = linear_issue("GW-5388", "Dashboard latency chart labels CEST times as UTC",
                         "The latency chart on the analytics page renders times in the browser's zone but labels "
                         "the axis UTC.", "2030-09-11T09:00:00Z", state="Todo", labels=("bug", "dashboard"))
    sdk = "portkey-python/2.5.0"
    streams = [cycle(stream(a["id"], model="gpt-4o", per_minute=12, p50=700, p95=1700, gateway_ms=15,
                            config_id="pc-kranich-schaden", key="vk-kranich-schaden", sdk=sdk,
                            metadata={"sparte": "kfz"}), 6, 17, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1400, p95=3300,
                      gateway_ms=15, config_id="pc-kranich-vertrag", key="vk-kranich-vertrag", sdk=sdk),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=10, p50=110,
                      p95=280, gateway_ms=15, prompt=600, completion=0, config_id="pc-kranich-suche",
                      key="vk-kranich-suche", sdk=sdk),
               stream(b["id"], model="gpt-4.1-mini", per_minute=9, p50=550, p95=1400, gateway_ms=15,
                      config_id="pc-lachs-mandate"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=480, p95=1100,
                      gateway_ms=15, config_id="pc-mauersegler-support")]
    # From 07:52 UTC (09:52 CEST), three minutes after deploy #31740 (per-request DNS resolution in
    # the router), the gateway's own time on every /v1/chat/completions request of every org rises
    # fifty-fold (15 ms -> ~750 ms), whatever the provider or model; /v1/embeddings keeps 15 ms. That
    # is the root cause of what the customer sees all morning on both services. Besides, from 09:05
    # to 10:35 GPT-4o's own answers take 2.5x longer, inside OpenAI's GPT-4o latency incident
    # (09:00-10:40): a second, provider cause for the Schaden service in that span only. The
    # guardrails deploy came after the onset, the Opus incident was at night on a model the org does
    # not use, the chart bug is about labels.
    an = [latency(at(D, "07:52"), None, {"route": "/v1/chat/completions"}, 50, component="gateway"),
          latency(at(D, "09:05"), at(D, "10:35"), {"model": "gpt-4o"}, 2.5)]
    cfg = [one_target("pc-kranich-schaden", a, "schaden", "vk-kranich-openai", "gpt-4o", 60000),
           one_target("pc-kranich-vertrag", a, "vertrag", "vk-kranich-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kranich-suche", a, "suche", "vk-kranich-openai", "text-embedding-3-large", 10000),
           one_target("pc-lachs-mandate", b, "mandate", "vk-lachs-openai", "gpt-4.1-mini", 30000),
           one_target("pc-mauersegler-support", c, "support", "vk-mauersegler-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(31701, a, "Frage: Warum sind unsere Antwortzeiten seit heute früh so hoch?",
                "Hallo zusammen,\n\nkurze Frage: Hat sich bei Ihnen seit heute Vormittag etwas geändert? Seit etwa "
                "9:50 Uhr (MESZ) brauchen die Anfragen unserer Schadensmeldung (GPT-4o) und unseres "
                "Vertragsassistenten (Claude) spürbar länger, gefühlt jede Anfrage knapp eine Sekunde mehr. "
                "Fehler bekommen wir keine, es ist nur langsam. Die Embeddings für die Dokumentensuche sind "
                "dagegen so schnell wie immer.\n\nAuf status.openai.com stand vorhin etwas von erhöhter Latenz bei "
                "GPT-4o - liegt es einfach daran? Aber warum ist dann Claude genauso betroffen?\n\nKönnen Sie das "
                "bitte prüfen? Unsere Sachbearbeiter beschweren sich schon.\n\nViele Grüße\nJonas Weber\n"
                "Plattform-Team, Kranich Versicherung AG", at(D, "11:45"), "Jonas Weber")]
    # Truth: root cause the deploy (gateway component, every chat route, from 07:52); secondary the
    # GPT-4o incident (provider component, that model, 09:05-10:35).
    return scenario(FOLDER, "latency-spike-resolver-deploy-gpt4o-incident",
                    "German ticket (Berlin, CEST) asked as a question, no errors but slow: from 07:52 UTC, three "
                    "minutes after router deploy #31740, gateway time on every org's /v1/chat/completions rises "
                    "from 15 ms to ~750 ms, embeddings untouched (deploy_regression); from 09:05 to 10:35 GPT-4o is "
                    "also 2.5x slower inside an OpenAI incident (secondary provider_outage). A later guardrails "
                    "deploy, a night-time Opus incident and a chart-label bug are bystanders among 24 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2030-09-16T08:00:00Z", 31701, streams, an, t,
                    {31701: truth("latency-spike", "deploy_regression",
                                  [f"github:deployment:{cause}", "route:/v1/chat/completions"],
                                  [f"github:deployment:{guard}", opus, "linear:issue:GW-5388"],
                                  ["/v1/chat/completions"],
                                  secondary=[secondary("provider_outage", [gpt, "model:gpt-4o"])])},
                    github=gh, configs=cfg, linear=[chart], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 4. latency-spike / no_fault_found / French (Montréal, EDT)
# ---------------------------------------------------------------------------------------------
def latency_nothing_wrong_montreal_fr():
    """The customer says everything is slow since the morning; its requests keep the same latency as
    at the same hours yesterday (a daily cycle), no errors. A router deploy that morning, a GPT-4.1
    incident and another org's Gemini slowdown are there to tempt."""
    Y, D, now = "2030-09-23", "2030-09-24", "2030-09-24T18:40:00Z"
    a = org("org_harfang", "Harfang Assurances", "harfang-assurances.ca", "scale")
    b = org("org_orignal", "Orignal Média", "orignalmedia.ca", "growth")
    c = org("org_cormoran", "Cormoran Analytics", "cormoran.ai", "enterprise")
    gh = github(CO, 32401, "2030-09-23T14:00:00Z", now, 26)
    pool = gh.deploy(32440, at(D, "13:05"), "router: new connection pool for OpenAI upstreams",
                     ["src/router/pool.ts", "src/providers/openai/client.ts"], author="noor")
    sp = Statuspage(now)
    inc = sp.incident("openai", "g41l4t3n7c0y", "Elevated latency on GPT-4.1", at(D, "11:00"), at(D, "11:50"),
                      "Some GPT-4.1 requests are slower than usual.", impact="minor")
    gem = linear_issue("GW-5520", "Gemini 2.5 Pro: p95 latency regression on Vertex europe-west4",
                       "Requests to gemini-2.5-pro routed to europe-west4 take about three times longer since "
                       "this morning; Google has been contacted.", at(D, "14:10"), labels=("bug", "providers"))
    # Harfang: submissions (gpt-4o-mini) and e-mails (Claude Haiku), office hours 12:00-22:00 UTC
    # (08:00-18:00 EDT) with provider time 1.15x at the busy hours, on both days alike: this
    # morning's latency is the same as yesterday morning's, no errors beyond the 0.2% noise, gateway
    # time unchanged. Nothing in the data changes for this org. Cormoran's Gemini 2.5 Pro traffic is
    # 2.8x slower from 12:30 (another org, another provider; GW-5520), the GPT-4.1 incident touched a
    # model Harfang does not use, and the OpenAI pool deploy at 13:05 changed nothing for it.
    streams = [cycle(stream(a["id"], model="gpt-4o-mini", per_minute=11, p50=450, p95=1100,
                            config_id="pc-harfang-soumission", key="vk-harfang-web", sdk="portkey-node/3.2.0",
                            metadata={"app": "soumission"}), 12, 22, 0.3, busy_latency=1.15),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500,
                            p95=1200, config_id="pc-harfang-courriels", key="vk-harfang-batch",
                            sdk="portkey-python/2.5.0"), 12, 22, 0.3, busy_latency=1.15),
               stream(b["id"], model="gpt-4.1", per_minute=7, p50=1200, p95=2900, config_id="pc-orignal-resumes"),
               stream(c["id"], provider="google", model="gemini-2.5-pro", per_minute=8, p50=2500, p95=6000,
                      config_id="pc-cormoran-rapports", key="vk-cormoran-reports", sdk="portkey-python/2.5.0")]
    an = [latency(at(D, "12:30"), None, {"org": c["id"], "model": "gemini-2.5-pro"}, 2.8)]
    cfg = [one_target("pc-harfang-soumission", a, "soumission", "vk-harfang-openai", "gpt-4o-mini", 30000),
           one_target("pc-harfang-courriels", a, "courriels", "vk-harfang-anthropic", "claude-haiku-4-5", 30000),
           one_target("pc-orignal-resumes", b, "resumes", "vk-orignal-openai", "gpt-4.1", 60000),
           one_target("pc-cormoran-rapports", c, "rapports", "vk-cormoran-google", "gemini-2.5-pro", 120000)]
    t = [ticket(32401, a, "Lenteur généralisée depuis ce matin",
                "Bonjour,\n\nDepuis ce matin (vers 9 h, heure de Montréal) tout est lent chez nous : aucune erreur, "
                "mais nos soumissions en ligne prennent 8 à 10 secondes au lieu de 2 ou 3. Mesuré dans le "
                "navigateur de nos courtiers.\n\nOn n'a rien changé de notre côté. J'ai vu dans votre journal "
                "des modifications que vous avez déployé un nouveau « connection pool » ce matin, et il y a aussi "
                "eu un incident de latence chez OpenAI. C'est lié ?\n\nPouvez-vous regarder ce qui se passe du "
                "côté de la passerelle ? Merci !\n\nGeneviève Tremblay\nDéveloppement, Harfang Assurances\n"
                "514 555-0143", at(D, "17:55"), "Geneviève Tremblay")]
    t[0]["requester"]["email"] = "g.tremblay@harfang-assurances.ca"
    # Truth: nothing in Harfang's data differs from the same hours yesterday; every tempting change
    # is another org's, another model's, or leaves its requests unchanged.
    return scenario(FOLDER, "latency-spike-nothing-wrong-montreal",
                    "French ticket (Montréal, EDT), no errors but slow since the morning, measured in the "
                    "browser: the org's requests keep yesterday's latency at the same office hours (a daily cycle "
                    "with slightly slower busy hours) and the same gateway time (no_fault_found). An OpenAI "
                    "connection-pool deploy that morning, a GPT-4.1 latency incident and another org's Gemini "
                    "slowdown with its bug are tempting bystanders among 26 routine deploys.",
                    now, CO, [a, b, c], "2030-09-23T14:00:00Z", 32401, streams, an, t,
                    {32401: truth("latency-spike", "no_fault_found", [],
                                  [f"github:deployment:{pool}", inc, "linear:issue:GW-5520", "model:gemini-2.5-pro"],
                                  ["p95"])},
                    github=gh, configs=cfg, linear=[gem], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 5. fallback / customer_config + provider_outage / Japanese (Tokyo, JST)
# ---------------------------------------------------------------------------------------------
def fallback_no_request_timeout_ja():
    """GPT-4o times out during an OpenAI incident. The org's counter config has no request_timeout on
    its first target, so each slow answer waits for OpenAI's own 60 s and nothing fails over; its FAQ
    config, with a 15 s request_timeout, fails over to Claude as documented."""
    Y, D, now = "2030-09-11", "2030-09-12", "2030-09-12T08:30:00Z"
    a = org("org_suzume", "Suzume Sonpo", "suzume-sonpo.co.jp", "enterprise")
    b = org("org_kawasemi", "Kawasemi Labs", "kawasemi-labs.jp", "scale")
    gh = github(CO, 31901, "2030-09-11T05:00:00Z", now, 18)
    fb = gh.deploy(31940, at(D, "00:40"), "fallback: record the failing target's status in request logs",
                   ["src/routing/fallback.ts", "src/logs/request-row.ts"], author="kenji")
    sp = Statuspage(now)
    inc = sp.incident("openai", "t0g4o6x8m2q5", "Increased latency and timeouts on GPT-4o", at(D, "01:15"),
                      at(D, "04:15"), "Some GPT-4o API requests take much longer than usual or time out.")
    old = linear_issue("GW-5210", "Fallback not triggered when Azure OpenAI answers 504 with an empty body",
                       "A 504 from Azure OpenAI with no body was treated as a success and returned to the caller "
                       "instead of failing over. Fixed.", "2030-07-21T10:00:00Z", state="Done",
                       labels=("bug", "routing"), completed="2030-07-24T09:00:00Z")
    sdk = "portkey-python/2.4.1"
    streams = [cycle(stream(a["id"], model="gpt-4o", per_minute=14, p50=900, p95=2300,
                            config_id="pc-suzume-madoguchi", key="vk-suzume-chat", sdk=sdk,
                            metadata={"channel": "madoguchi"}), 1, 9, 0.25),
               stream(a["id"], model="gpt-4o", per_minute=6, p50=800, p95=2000, config_id="pc-suzume-faq",
                      key="vk-suzume-faq", sdk=sdk, metadata={"channel": "faq"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=480, p95=1100,
                      config_id="pc-suzume-yoyaku", key="vk-suzume-chat", sdk=sdk),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-kawasemi-bot")]
    # From 01:20 to 04:10 UTC (10:20-13:10 JST), inside OpenAI's GPT-4o incident (01:15-04:15), 30% of
    # the org's GPT-4o requests time out. On pc-suzume-madoguchi (fallback mode, first target without
    # `request_timeout`, retry on 429/5xx only) each of them waits OpenAI's own 60 s and is returned
    # as a timeout: no fallback, as the fallbacks doc says happens without request_timeout. On
    # pc-suzume-faq (same targets, request_timeout 15000 on GPT-4o) the same timeouts fail over to
    # claude-sonnet-4-6 after 15 s. Root cause: the counter config lacks request_timeout; the incident
    # is the second cause (it made GPT-4o slow). The fallback-logging deploy at 00:40 would touch
    # both configs (FAQ fails over fine); GW-5210 is a fixed Azure bug.
    an = [timeouts(at(D, "01:20"), at(D, "04:10"), {"config_id": "pc-suzume-madoguchi"}, 0.3, 60000),
          timeouts(at(D, "01:20"), at(D, "04:10"), {"config_id": "pc-suzume-faq"}, 0.3, 15000,
                   fallback_to={"provider": "anthropic", "model": "claude-sonnet-4-6"})]
    cfg = [fallback_config("pc-suzume-madoguchi", a, "madoguchi",
                           [target("vk-suzume-openai", "gpt-4o", None, RETRY_5XX),
                            target("vk-suzume-anthropic", "claude-sonnet-4-6", 30000)], updated="2030-05-20T02:00:00Z"),
           fallback_config("pc-suzume-faq", a, "faq",
                           [target("vk-suzume-openai", "gpt-4o", 15000, RETRY_5XX),
                            target("vk-suzume-anthropic", "claude-sonnet-4-6", 30000)], updated="2030-08-01T02:00:00Z"),
           one_target("pc-suzume-yoyaku", a, "yoyaku", "vk-suzume-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-kawasemi-bot", b, "bot", "vk-kawasemi-openai", "gpt-4.1-mini", 30000)]
    t = [ticket(31901, a, "GPT-4o タイムアウト時にフォールバックが動作しません",
                "Relay AI サポートご担当者様\n\nいつもお世話になっております。すずめ損保 デジタル推進部の佐藤です。\n\n"
                "本日10時20分頃（日本時間）から、窓口チャットで GPT-4o の応答が60秒ほど待たされた末にタイムアウトする"
                "リクエストが発生しています。全件ではなく、体感で3割程度です。\n\n"
                "```\n2030-09-12 10:31:07 JST ERROR madoguchi-api upstream timeout after 60000ms "
                "(provider=openai model=gpt-4o config=pc-suzume-madoguchi)\n```\n\n"
                "設定では Claude にフォールバックするはずですが、一度も切り替わっていないようです。"
                "FAQ ボットはほぼ同じ構成なのに切り替わっているように見えます。\n"
                "本日朝、御社でフォールバック関連のリリースがあったと変更履歴で拝見しましたが、その影響でしょうか。\n\n"
                "お手数ですが、至急ご確認をお願いいたします。\n\n佐藤 美咲\nすずめ損害保険株式会社 デジタル推進部",
                at(D, "03:05"), "Misaki Sato", priority="high")]
    # Truth: customer_config (pc-suzume-madoguchi without request_timeout, per the fallbacks doc),
    # secondary provider_outage (the GPT-4o incident that caused the timeouts).
    return scenario(FOLDER, "fallback-no-request-timeout-gpt4o-incident",
                    "Japanese ticket (JST) with a pasted log line: during an OpenAI GPT-4o incident 30% of the "
                    "org's GPT-4o requests time out; its counter config has no request_timeout on the first "
                    "target, so they wait OpenAI's 60 s and never fail over (customer_config), while its FAQ "
                    "config with a 15 s request_timeout fails over to Claude; the incident is the second cause "
                    "(provider_outage). A fallback-logging deploy the customer suspects and a fixed Azure 504 "
                    "fallback bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b], "2030-09-11T05:00:00Z", 31901, streams, an, t,
                    {31901: truth("fallback", "customer_config",
                                  ["config:pc-suzume-madoguchi", "docs:docs/routing/fallbacks.md"],
                                  [f"github:deployment:{fb}", "linear:issue:GW-5210", "config:pc-suzume-faq"],
                                  ["request_timeout"],
                                  secondary=[secondary("provider_outage", [inc])])},
                    github=gh, configs=cfg, linear=[old], statuspage=sp, docs=[DOC_FALLBACKS])


# ---------------------------------------------------------------------------------------------
# 6. fallback / known_bug / Brazilian Portuguese (São Paulo, BRT)
# ---------------------------------------------------------------------------------------------
def fallback_messages_route_known_bug_pt():
    """One fallback config, two routes: on /v1/chat/completions the 529s fail over to GPT-4o, on
    /v1/messages (the voice channel, Anthropic SDK pointed at the gateway) they reach the caller.
    An open issue describes exactly that."""
    Y, D, now = "2030-09-18", "2030-09-19", "2030-09-19T17:50:00Z"
    a = org("org_sabia", "Sabiá Atendimento", "sabia.com.br", "scale")
    b = org("org_tucano", "Tucano Logística", "tucanolog.com.br", "enterprise")
    gh = github(CO, 32101, "2030-09-18T13:00:00Z", now, 20)
    adapter = gh.deploy(32140, at(Y, "22:30"), "anthropic adapter: pass cache_control on tool definitions",
                        ["src/providers/anthropic/tools.ts", "src/providers/anthropic/tools.test.ts"], author="bruna")
    bug = linear_issue("GW-5433", "Fallback not applied on /v1/messages: the first target's 5xx/529 reaches the caller",
                       "Since the messages-route refactor of 11 September, the /v1/messages handler returns the "
                       "first target's error without applying `strategy.mode = fallback`, whatever "
                       "`on_status_codes` lists. /v1/chat/completions with the same config fails over as "
                       "expected. Fix in review.", "2030-09-16T13:00:00Z", labels=("bug", "routing"))
    old = linear_issue("GW-5102", "Fallback ignored 529 when retry.attempts is 0",
                       "A target with `retry.attempts: 0` returned Anthropic's 529 instead of failing over. Fixed.",
                       "2030-08-01T10:00:00Z", state="Done", labels=("bug", "routing"),
                       completed="2030-08-05T16:00:00Z")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "op9e2x4k6m8q", "Elevated errors on Claude Opus 4.1", at(Y, "20:00"),
                       at(Y, "20:40"), "Some Claude Opus 4.1 requests fail with 500 errors.")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1400,
                            p95=3300, config_id="pc-sabia-atendimento", key="vk-sabia-web",
                            sdk="portkey-node/3.2.0", metadata={"canal": "chat"}), 11, 23, 0.3),
               stream(a["id"], route="/v1/messages", provider="anthropic", model="claude-sonnet-4-6", per_minute=8,
                      p50=1300, p95=3100, config_id="pc-sabia-atendimento", key="vk-sabia-voz",
                      sdk="anthropic-typescript/0.61.0", metadata={"canal": "voz"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=5, p50=600, p95=1500, config_id="pc-sabia-resumo",
                      key="vk-sabia-web", sdk="portkey-node/3.2.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1500, p95=3500,
                      config_id="pc-tucano-rotas"),
               stream(b["id"], model="gpt-4o", per_minute=6, p50=850, p95=2000, config_id="pc-tucano-docs")]
    # From 14:10 to 16:30 UTC (11:10-13:30 BRT) Anthropic answers 529 to 35% of Sabiá's requests on
    # pc-sabia-atendimento (fallback mode, Sonnet then GPT-4o, 529 listed in on_status_codes). On
    # /v1/chat/completions they are served by the GPT-4o target (fallback_used); on /v1/messages, same
    # config, they reach the caller as 529. GW-5433 (open) says /v1/messages ignores fallback: the
    # known bug. The adapter deploy of the night before would touch both routes (chat fails over
    # fine); GW-5102 is fixed and about retry.attempts 0 (the config retries twice); the Opus incident
    # was yesterday evening on another model.
    an = [errors(at(D, "14:10"), at(D, "16:30"), {"config_id": "pc-sabia-atendimento", "route": "/v1/messages"},
                 0.35, 529, "provider_overloaded"),
          errors(at(D, "14:10"), at(D, "16:30"),
                 {"config_id": "pc-sabia-atendimento", "route": "/v1/chat/completions"}, 0.35, 529,
                 "provider_overloaded", fallback_to={"provider": "openai", "model": "gpt-4o"})]
    cfg = [fallback_config("pc-sabia-atendimento", a, "atendimento",
                           [target("vk-sabia-anthropic", "claude-sonnet-4-6", 30000, RETRY_5XX + [529]),
                            target("vk-sabia-openai", "gpt-4o", 30000)], updated="2030-08-20T12:00:00Z"),
           one_target("pc-sabia-resumo", a, "resumo", "vk-sabia-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tucano-rotas", b, "rotas", "vk-tucano-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tucano-docs", b, "docs", "vk-tucano-openai", "gpt-4o", 30000)]
    t = [ticket(32101, a, "Fallback não funciona no canal de voz",
                "Oi pessoal, tudo bem?\n\nDesde umas 11h10 (horário de Brasília) o Claude tá devolvendo 529 pra "
                "gente. Até aí ok, acontece, pra isso temos o fallback pro GPT-4o na config pc-sabia-atendimento. "
                "O chat web tá caindo pro GPT-4o normalmente, mas o canal de voz (que usa o SDK da Anthropic "
                "apontando pro gateway de vocês) recebe o erro direto:\n\n```\nHTTP 529 {\"type\":\"error\","
                "\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n```\n\nÉ a MESMA config, "
                "com 529 na lista de on_status_codes. Vi que vocês publicaram algo no adaptador da Anthropic "
                "ontem à noite, será que quebrou o fallback?\n\nValeu,\nRafael Nogueira\nTech Lead - Sabiá "
                "Atendimento", at(D, "16:05"), "Rafael Nogueira", priority="high")]
    # Truth: known_bug GW-5433 (fallback skipped on /v1/messages; the same config fails over on chat).
    return scenario(FOLDER, "fallback-messages-route-known-bug",
                    "Brazilian Portuguese ticket (São Paulo, BRT) with a pasted 529: one fallback config listing "
                    "529, two routes; on /v1/chat/completions the 529s fail over to GPT-4o, on /v1/messages they "
                    "reach the caller, as the open issue GW-5433 describes (known_bug). The Anthropic adapter deploy "
                    "the customer suspects, a fixed look-alike fallback bug and an Opus incident the evening before "
                    "are bystanders among 20 routine deploys.",
                    now, CO, [a, b], "2030-09-18T13:00:00Z", 32101, streams, an, t,
                    {32101: truth("fallback", "known_bug", ["linear:issue:GW-5433"],
                                  [f"github:deployment:{adapter}", "linear:issue:GW-5102", opus],
                                  ["/v1/messages"])},
                    github=gh, configs=cfg, linear=[bug, old], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 7. provider-routing / customer_config / English (London, BST), stale subject, quoted thread
# ---------------------------------------------------------------------------------------------
DOC_RETIREMENTS = doc("docs/providers/model-retirements.md", "Model retirements",
                      "# Model retirements\n\nProviders retire model versions on fixed dates. After retirement the "
                      "provider answers 404 and the gateway returns `error_code: model_not_found`. Update "
                      "`override_params.model` in the configs that still name the retired model.\n\n"
                      "| model | retired | replacement |\n|---|---|---|\n"
                      "| gpt-4-turbo-2024-04-09 | 2030-07-14 00:00 UTC | gpt-4.1 |\n"
                      "| claude-sonnet-4-20250514 | 2030-09-25 17:00 UTC | claude-sonnet-4-6 |\n"
                      "| claude-3-7-sonnet-20250219 | 2030-05-12 17:00 UTC | claude-sonnet-4-6 |\n"
                      "| o3-mini-2025-01-31 | 2030-10-20 00:00 UTC | o4-mini |\n")


def provider_routing_retired_model_en():
    """The drafting config still pins a Claude model version that was retired at 17:00 UTC: every
    request on it is answered 404 model_not_found since; other Claude models and GPT-4o work."""
    Y, D, now = "2030-09-25", "2030-09-26", "2030-09-26T09:40:00Z"
    a = org("org_fernhill", "Fernhill Legal", "fernhill-legal.co.uk", "scale")
    b = org("org_gannet", "Gannet Analytics", "gannet.io", "growth")
    gh = github(CO, 32501, "2030-09-25T06:00:00Z", now, 21)
    hdr = gh.deploy(32560, at(Y, "14:55"), "anthropic adapter: send anthropic-version 2030-06-01",
                    ["src/providers/anthropic/headers.ts", "src/providers/anthropic/headers.test.ts"], author="olu")
    sp = Statuspage(now)
    web = sp.incident("anthropic", "cl4u9d3a1i7x", "Elevated errors on claude.ai", at(Y, "16:20"), at(Y, "17:30"),
                      "Some users see errors when loading conversations on claude.ai.", component="claude.ai")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-20250514", per_minute=9,
                            p50=1500, p95=3600, config_id="pc-fernhill-drafting", key="vk-fernhill-drafting",
                            sdk="portkey-python/2.5.0", metadata={"tool": "drafting"}), 7, 20, 0.3),
               stream(a["id"], model="gpt-4o", per_minute=8, p50=850, p95=2000, config_id="pc-fernhill-review",
                      key="vk-fernhill-review", sdk="portkey-python/2.5.0", metadata={"tool": "review"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=480, p95=1100,
                      config_id="pc-fernhill-intake", key="vk-fernhill-drafting", sdk="portkey-python/2.5.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=7, p50=1400, p95=3300,
                      config_id="pc-gannet-insights")]
    # From 17:00 UTC on 25 September (18:00 BST), the retirement time of claude-sonnet-4-20250514 in the
    # model-retirements doc, every request on pc-fernhill-drafting (which pins that version since
    # March) is answered 404 model_not_found, until now. Claude Haiku 4.5 on the same virtual key,
    # Gannet's Claude Sonnet 4.6 and Fernhill's GPT-4o work. The customer's config names a retired
    # model: customer_config. The anthropic-version deploy at 14:55 changed nothing for the other
    # Claude models; the claude.ai incident is another product and ended at 17:30 while the 404s go on.
    an = [errors(at(Y, "17:00"), None, {"model": "claude-sonnet-4-20250514"}, 1.0, 404, "model_not_found")]
    cfg = [one_target("pc-fernhill-drafting", a, "drafting", "vk-fernhill-anthropic", "claude-sonnet-4-20250514",
                      60000),
           one_target("pc-fernhill-review", a, "review", "vk-fernhill-openai", "gpt-4o", 30000),
           one_target("pc-fernhill-intake", a, "intake", "vk-fernhill-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-gannet-insights", b, "insights", "vk-gannet-anthropic", "claude-sonnet-4-6", 60000)]
    cfg[0]["last_updated_at"] = "2030-03-04T10:15:00Z"
    t = [ticket(32501, a, "Re: August invoice - PO number",
                "Hi both,\n\nSorry to hijack this thread, separate (and more urgent) thing: since about 6pm "
                "yesterday UK time every single request from our drafting tool fails. Our review tool on GPT-4o "
                "is fine. Is Anthropic down again? I saw their status page had something red yesterday evening "
                "but it says resolved now and we're still broken.\n\nWhat our logs show:\n\n"
                "```\nrelay error 404 model_not_found (provider=anthropic)\n```\n\nwhich makes no sense to me, "
                "the model is right there in our config and we haven't touched it since spring.\n\nCan someone "
                "look today? Fee earners are drafting by hand.\n\nThanks,\nHannah Okafor\nLegal Engineering, "
                "Fernhill Legal LLP\n\n> On 19 Sep 2030, at 11:02, Relay Billing wrote:\n> Thanks Hannah, we've "
                "added PO-88213 to the August invoice and re-sent it to accounts@fernhill-legal.co.uk.\n>\n> > On "
                "18 Sep 2030, Hannah Okafor wrote:\n> > Could you add our PO number to the August invoice?",
                at(D, "08:55"), "Hannah Okafor", priority="high")]
    # Truth: customer_config (pc-fernhill-drafting pins claude-sonnet-4-20250514, retired at 17:00 UTC).
    return scenario(FOLDER, "provider-routing-retired-sonnet-model",
                    "English ticket (London, BST) under a stale invoice subject with a quoted thread: from 17:00 "
                    "UTC every request on the drafting config fails 404 model_not_found because the config pins "
                    "claude-sonnet-4-20250514, retired at that time per the model-retirements doc; other Claude "
                    "models and GPT-4o work (customer_config). A claude.ai incident around the onset and an "
                    "anthropic-version deploy two hours earlier are bystanders among 21 routine deploys.",
                    now, CO, [a, b], "2030-09-25T06:00:00Z", 32501, streams, an, t,
                    {32501: truth("provider-routing", "customer_config",
                                  ["config:pc-fernhill-drafting", "docs:docs/providers/model-retirements.md"],
                                  [web, f"github:deployment:{hdr}"], ["claude-sonnet-4-20250514"])},
                    github=gh, configs=cfg, statuspage=sp, docs=[DOC_RETIREMENTS])


# ---------------------------------------------------------------------------------------------
# 8. metadata / sdk_version / German (Zürich, CEST)
# ---------------------------------------------------------------------------------------------
def metadata_node_sdk_300_de():
    """A routine dependency update moved the booking assistant from portkey-node 2.14.1 to 3.0.0 at
    06:40 UTC; 3.0.0 does not send client-level metadata (fixed in 3.0.1 per its release notes).
    Every other service, and another org on 3.0.1, keeps its metadata."""
    Y, D, now = "2030-09-04", "2030-09-05", "2030-09-05T14:15:00Z"
    a = org("org_steinbock", "Steinbock Reisen AG", "steinbock-reisen.ch", "scale")
    b = org("org_murmeltier", "Murmeltier Games", "murmeltier.games", "growth")
    gh = github(CO, 31501, "2030-09-04T10:00:00Z", now, 17)
    logs = gh.deploy(31540, at(D, "06:25"), "logs: store request metadata in its own column family",
                     ["src/logs/storage/schema.ts", "src/logs/storage/metadata-columns.ts"], author="petra")
    gh.release(9301, "python-v2.5.0", "portkey-python 2.5.0", "Adds `timeout` per request; drops Python 3.8.",
               "2030-08-27T12:00:00Z")
    gh.release(9302, "node-v3.0.0", "portkey-node 3.0.0",
               "Major release: ESM only, Node 20+, new `createHeaders` builder, streaming helpers rewritten. "
               "See the migration guide.", "2030-09-02T15:00:00Z")
    gh.release(9303, "node-v3.0.1", "portkey-node 3.0.1",
               "Fix: `metadata` set on the client (`new Portkey({ metadata })`) was no longer sent as the "
               "`x-portkey-metadata` header since 3.0.0; only per-request metadata was sent. Upgrade if you set "
               "metadata on the client.", "2030-09-04T16:30:00Z")
    old = linear_issue("GW-5015", "Metadata dropped when the x-portkey-metadata header exceeds 8 KB",
                       "Requests whose metadata header was larger than 8 KB were logged without metadata. Fixed: "
                       "the gateway now answers 400 with a clear message.", "2030-07-02T10:00:00Z", state="Done",
                       labels=("bug", "metadata"), completed="2030-07-04T10:00:00Z")
    meta = {"kunde_id": "K-20931", "kanal": "web", "sprache": "de-CH"}
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=650, p95=1600,
                      config_id="pc-steinbock-buchung", key="vk-steinbock-web", sdk="portkey-node/2.14.1",
                      metadata=dict(meta)),
               # the same service on 3.0.0: it still sets `metadata` on the client, but nothing reaches
               # the gateway, so its requests are logged with `{}`
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=650, p95=1600,
                      config_id="pc-steinbock-buchung", key="vk-steinbock-web", sdk="portkey-node/3.0.0",
                      metadata={}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500,
                      config_id="pc-steinbock-rechnung", key="vk-steinbock-finanz", sdk="portkey-python/2.5.0",
                      metadata={"abteilung": "finanzen", "beleg": "R-7781"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=480, p95=1100,
                      config_id="pc-steinbock-mail", key="vk-steinbock-web", sdk="portkey-node/2.14.1",
                      metadata={"kanal": "mail"}),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=850, p95=2000, config_id="pc-murmeltier-npc",
                      sdk="portkey-node/3.0.1", metadata={"welt": "alpen"})]
    # The booking assistant (pc-steinbock-buchung) sends kunde_id/kanal/sprache on every request. At
    # 06:40 UTC (08:40 CEST) its deploy moves it from portkey-node/2.14.1 to 3.0.0 (two streams, each
    # silent on its side of the switch); every request sent with 3.0.0 is logged with no metadata,
    # from the first (its stream declares `{}`), though the service code is unchanged. The mail
    # service still on 2.14.1, the invoice checker on portkey-python and Murmeltier on 3.0.1 keep
    # theirs. The node-v3.0.1 release notes say 3.0.0 stopped sending client-level metadata:
    # sdk_version. The logs-storage deploy at 06:25 would touch every service and org.
    buchung = "pc-steinbock-buchung"
    an = [volume(at(D, "06:40"), None, {"sdk": "portkey-node/2.14.1", "config_id": buchung}, 0.0),
          volume("2030-09-04T10:00:00Z", at(D, "06:40"), {"sdk": "portkey-node/3.0.0", "config_id": buchung}, 0.0)]
    cfg = [one_target("pc-steinbock-buchung", a, "buchung", "vk-steinbock-openai", "gpt-4.1-mini", 30000),
           one_target("pc-steinbock-rechnung", a, "rechnung", "vk-steinbock-openai", "gpt-4.1-mini", 30000),
           one_target("pc-steinbock-mail", a, "mail", "vk-steinbock-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-murmeltier-npc", b, "npc", "vk-murmeltier-openai", "gpt-4o", 30000)]
    t = [ticket(31501, a, "Metadaten fehlen seit heute Morgen in den Logs",
                "Grüezi miteinander\n\nSeit ca. 08:40 Uhr fehlen bei allen Requests unseres Buchungsassistenten die "
                "Metadaten (kunde_id, kanal, sprache) in Ihren Logs, das Feld ist einfach leer. Bei der "
                "Rechnungsprüfung ist alles da wie immer.\n\nWir haben nichts geändert, unser Deployment von heute "
                "früh war nur das wöchentliche Update der Abhängigkeiten. Laut Ihrem Changelog haben Sie aber heute "
                "um 08:25 etwas an der Speicherung der Metadaten umgebaut - das passt zeitlich doch genau?\n\n"
                "Wir brauchen kunde_id für die Abrechnung mit unseren Partnern, bitte um rasche Prüfung.\n\n"
                "Freundliche Grüsse\nLukas Brunner\nSteinbock Reisen AG, Digital", at(D, "13:50"), "Lukas Brunner")]
    # Truth: sdk_version (metadata lost on portkey-node/3.0.0 only, every request, release node-v3.0.1
    # documents the fault and the fix).
    return scenario(FOLDER, "metadata-node-sdk-3-0-0",
                    "Swiss German ticket (Zürich, CEST): at 06:40 UTC a dependency update moved the booking "
                    "assistant from portkey-node 2.14.1 to 3.0.0, and every request sent with 3.0.0 has no "
                    "metadata; the 3.0.1 release notes say 3.0.0 stopped sending client-level metadata "
                    "(sdk_version). Other services on 2.14.1 or portkey-python and another org on 3.0.1 keep "
                    "theirs. A logs-storage deploy 15 minutes before the switch, which the customer blames, and a "
                    "fixed metadata bug are bystanders among 17 routine deploys.",
                    now, CO, [a, b], "2030-09-04T10:00:00Z", 31501, streams, an, t,
                    {31501: truth("metadata", "sdk_version",
                                  ["sdk:portkey-node/3.0.0", "github:release:node-v3.0.1"],
                                  [f"github:deployment:{logs}", "linear:issue:GW-5015"], ["3.0.1"])},
                    github=gh, configs=cfg, linear=[old], docs=[DOC_METADATA])


# ---------------------------------------------------------------------------------------------
# 9. webhook-failures / customer_endpoint / French (Paris, CEST)
# ---------------------------------------------------------------------------------------------
def webhook_expired_certificate_fr():
    """The customer's events endpoint fails TLS on every delivery from midnight UTC (its certificate
    expired); its alerts endpoint on another host and every other org's endpoints are fine. A
    signature-v2 deploy the evening before is what the customer blames."""
    Y, D, now = "2030-09-12", "2030-09-13", "2030-09-13T09:30:00Z"
    a = org("org_loutre", "Loutre Énergie", "loutre-energie.fr", "scale")
    b = org("org_macareux", "Macareux Santé", "macareux-sante.fr", "enterprise")
    c = org("org_narval", "Narval Studio", "narval.studio", "growth")
    gh = github(CO, 32001, "2030-09-12T08:00:00Z", now, 16)
    sig = gh.deploy(32040, at(Y, "20:15"), "webhooks: add x-relay-signature-v2 header (v1 kept)",
                    ["src/webhooks/sign.ts", "src/webhooks/sign.test.ts"], author="chloe")
    old = linear_issue("GW-5280", "signature_rejected after rotating the webhook signing secret",
                       "Deliveries signed with the previous secret for up to 5 minutes after a rotation; receivers "
                       "rejected them. Fixed.", "2030-08-18T10:00:00Z", state="Done", labels=("bug", "webhooks"),
                       completed="2030-08-20T10:00:00Z")
    ui = linear_issue("GW-5391", "Delivery log: retried attempts are not grouped under their event",
                      "Each retry shows as its own row in the delivery log.", "2030-09-02T10:00:00Z",
                      state="Backlog", labels=("bug", "dashboard"))
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=600, p95=1500, config_id="pc-loutre-conseil",
                      key="vk-loutre-app", sdk="portkey-python/2.5.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=480, p95=1100,
                      config_id="pc-loutre-releves", key="vk-loutre-batch", sdk="portkey-python/2.5.0"),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=850, p95=2000, config_id="pc-macareux-dossiers"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1400, p95=3300,
                      config_id="pc-narval-scripts")]
    cfg = [one_target("pc-loutre-conseil", a, "conseil", "vk-loutre-openai", "gpt-4.1-mini", 30000),
           one_target("pc-loutre-releves", a, "releves", "vk-loutre-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-macareux-dossiers", b, "dossiers", "vk-macareux-openai", "gpt-4o", 30000),
           one_target("pc-narval-scripts", c, "scripts", "vk-narval-anthropic", "claude-sonnet-4-6", 60000)]
    events = "https://hooks.loutre-energie.fr/relay/events"
    alerts = "https://ops.loutre-energie.fr/alertes"
    # From 00:00 UTC on 13 September (02:00 CEST) every delivery attempt to Loutre's events endpoint
    # fails with tls_error (status 0), retries included; until then it answered 2xx, including the
    # 3 h 45 min after the signature-v2 deploy (20:15 UTC, 22:15 CEST). Its alerts endpoint on
    # another host and the other orgs' endpoints get the same signed deliveries and succeed. Only this endpoint fails, at
    # its TLS handshake: the customer's endpoint (an expired certificate, tested with `curl -k`).
    wh = hooks((a["id"], events, ["request.completed", "request.failed"], 6, 150),
               (a["id"], alerts, ["budget.exceeded", "request.failed"], 0.4, 140),
               (b["id"], "https://api.macareux-sante.fr/webhooks/relay", ["request.completed"], 5, 180),
               (c["id"], "https://narval.studio/api/relay-hook", ["request.completed"], 2, 120),
               anomalies=[hook_failures(at(D, "00:00"), None, events, 1.0, 0, "tls_error")])
    t = [ticket(32001, a, "Webhooks en échec depuis cette nuit - nouvelle signature ?",
                "Bonjour,\n\nDepuis cette nuit (vers 2 h, heure de Paris), toutes les livraisons vers notre endpoint "
                "https://hooks.loutre-energie.fr/relay/events apparaissent en échec dans votre tableau de bord, "
                "avec « tls_error ». Pourtant notre endpoint répond, on l'a testé ce matin :\n\n"
                "```\n$ curl -k -X POST https://hooks.loutre-energie.fr/relay/events -d '{}'\n"
                "{\"status\":\"ok\"}\n```\n\nJ'ai vu que vous avez ajouté un en-tête x-relay-signature-v2 hier "
                "soir. Est-ce que ce changement casse la vérification côté client ? Nous n'avons rien modifié "
                "de notre côté depuis des semaines.\n\nNos relevés de consommation dépendent de ces événements, "
                "merci de regarder rapidement.\n\nCordialement,\nThomas Lefèvre\nResponsable intégration, "
                "Loutre Énergie", at(D, "07:40"), "Thomas Lefèvre", priority="high")]
    t[0]["requester"]["email"] = "thomas.lefevre@loutre-energie.fr"
    # Truth: customer_endpoint (one endpoint fails TLS from 00:00, everything else delivers).
    return scenario(FOLDER, "webhook-failures-expired-certificate",
                    "French ticket (Paris, CEST) with a pasted `curl -k`: from 00:00 UTC every delivery to the "
                    "org's events endpoint fails with tls_error while its alerts endpoint and other orgs' "
                    "endpoints succeed (customer_endpoint). A signature-v2 deploy the evening before, which the "
                    "customer blames, a fixed signature bug and a delivery-log bug are bystanders among 16 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2030-09-12T08:00:00Z", 32001, streams, [], t,
                    {32001: truth("webhook-failures", "customer_endpoint", [f"endpoint:{events}"],
                                  [f"github:deployment:{sig}", "linear:issue:GW-5280", "linear:issue:GW-5391",
                                   f"endpoint:{alerts}"], ["TLS"])},
                    github=gh, webhooks=wh, configs=cfg, linear=[old, ui], docs=[DOC_WEBHOOKS])


# ---------------------------------------------------------------------------------------------
# 10. token-billing / expected_behavior / Japanese (Osaka, JST)
# ---------------------------------------------------------------------------------------------
DOC_INVOICE_DISCOUNTED = doc("docs/billing/invoices.md", "Invoices",
                             "# Invoices\n\nUsage is invoiced per UTC day. The metered quantity is the day's "
                             "`prompt_tokens - cached_tokens + completion_tokens`, plus 10% of the day's "
                             "`cached_tokens` (see Prompt caching and your invoice). The usage page shows raw "
                             "prompt and completion tokens.\n")


def billing_prompt_cache_discount_ja():
    """The invoice's metered quantity is well below the usage page's raw token total: most of the
    catalogue service's input is read from the prompt cache, billed at 10% as documented."""
    Y, D, now = "2030-09-08", "2030-09-09", "2030-09-09T05:30:00Z"
    a = org("org_hibari", "Hibari Shoten", "hibari-shoten.co.jp", "scale")
    b = org("org_mozu", "Mozu Robotics", "mozu-robotics.jp", "growth")
    gh = github(CO, 31801, "2030-09-08T00:00:00Z", now, 14)
    meter = gh.deploy(31840, at(Y, "05:10"), "meter-worker: send usage to Stripe in batches of 500 events",
                      ["src/billing/meter-worker/batch.ts", "src/billing/meter-worker/flush.ts"], author="ayaka")
    gem = linear_issue("GW-5350", "Usage page: cached tokens column empty for Gemini requests",
                       "The cached tokens column of the usage page shows 0 for google (Gemini) requests even when "
                       "the logs have cached_tokens.", "2030-09-01T10:00:00Z", labels=("bug", "usage-ui"))
    dbl = linear_issue("GW-4980", "Invoices of 1 July double-counted tokens",
                       "A meter-worker restart re-sent the events of 1 July; the invoices were corrected with "
                       "credit notes.", "2030-07-02T08:00:00Z", state="Done", labels=("bug", "billing"),
                       completed="2030-07-03T12:00:00Z")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1700,
                            p95=3900, prompt=9000, completion=500, cached=0.8, config_id="pc-hibari-catalog",
                            key="vk-hibari-catalog", sdk="portkey-python/2.4.1"), 1, 10, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, prompt=1500, completion=300,
                      cached=0.25, config_id="pc-hibari-support", key="vk-hibari-support", sdk="portkey-node/3.2.0"),
               stream(b["id"], model="gpt-4o", per_minute=7, p50=850, p95=2000, prompt=1100, completion=260,
                      config_id="pc-mozu-planner")]
    cfg = [one_target("pc-hibari-catalog", a, "catalog", "vk-hibari-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-hibari-support", a, "support", "vk-hibari-openai", "gpt-4.1-mini", 30000),
           one_target("pc-mozu-planner", b, "planner", "vk-mozu-openai", "gpt-4o", 30000)]
    # Billing: cached input tokens billed at 10% (`billed_discounted`, 0.1), as the prompt-caching and
    # invoices docs say; no fault. Hibari's catalogue service reads 80% of its 9,000-token prompts from
    # the cache, its support bot 25%: the invoice of 8 September (in_1Hibari0908) bills about 40% of
    # the raw prompt+completion total the usage page shows, exactly the documented rule. Nothing is
    # lost: expected_behavior. The meter-worker batching deploy, the Gemini usage-page bug (Hibari
    # uses no Gemini) and the July double count (fixed) are bystanders.
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "billed_discounted", "cached_discount": 0.1, "unit_amount_decimal": "0.0003",
            "invoices": [{"id": "in_1Hibari0908", "org": a["id"], "status": "open", "from": at(Y, "00:00"),
                          "to": at(D, "00:00")},
                         {"id": "in_1Mozu0908", "org": b["id"], "status": "open", "from": at(Y, "00:00"),
                          "to": at(D, "00:00")}],
            "faults": []}
    t = [ticket(31801, a, "請求書のトークン数がダッシュボードと一致しない件",
                "ご担当者様\n\nお世話になっております。ひばり書店 システム部の山本です。\n\n"
                "9月8日分の請求書（in_1Hibari0908）の数量が、ダッシュボードの使用量ページに表示されている"
                "トークン数（プロンプト＋コンプリーション）の半分以下になっています。\n"
                "安く済むのはありがたいのですが、計測漏れがあって後からまとめて追加請求されるのではと、"
                "経理から問い合わせが来ております。8日の午後に御社で課金まわりの変更があったようですが、"
                "その影響で使用量が一部送られていないということはないでしょうか。\n\n"
                "請求額が正しいのか、どう計算されているのか教えていただけますか。\n\n"
                "よろしくお願いいたします。\n\n山本 健太\n株式会社ひばり書店 システム部（大阪）",
                at(D, "01:10"), "Kenta Yamamoto")]
    # Truth: expected_behavior (the invoice follows the documented 10% rate for cached input).
    return scenario(FOLDER, "token-billing-prompt-cache-discount",
                    "Japanese ticket (Osaka, JST): the daily invoice bills less than half the raw tokens on the "
                    "usage page and the customer fears unmetered usage and a back-charge; 80% of its catalogue "
                    "service's input is read from the prompt cache, billed at 10% as the docs say, no billing "
                    "fault (expected_behavior). A meter-worker deploy the customer suspects, a Gemini usage-page "
                    "bug and a fixed July double count are tempting bystanders among 14 routine deploys.",
                    now, CO, [a, b], "2030-09-08T00:00:00Z", 31801, streams, [], t,
                    {31801: truth("token-billing", "expected_behavior",
                                  ["docs:docs/billing/prompt-caching.md", "stripe:invoice:in_1Hibari0908"],
                                  [f"github:deployment:{meter}", "linear:issue:GW-5350", "linear:issue:GW-4980"],
                                  ["10%"])},
                    github=gh, configs=cfg, billing=bill, linear=[gem, dbl], docs=[DOC_CACHING, DOC_INVOICE_DISCOUNTED])


# ---------------------------------------------------------------------------------------------
# 11. token-billing / billing_pipeline / Spanish (Madrid, CEST), stale subject
# ---------------------------------------------------------------------------------------------
def billing_usage_replay_double_count_es():
    """A usage-ingest consumer reset re-sent the meter events of 03:10-05:40 UTC: every invoice of
    19 September counts those hours twice; the logs are right."""
    D, N, now = "2030-09-19", "2030-09-20", "2030-09-20T05:45:00Z"
    a = org("org_alcaravan", "Alcaraván Seguros", "alcaravan-seguros.es", "enterprise")
    b = org("org_boqueron", "Boquerón Tech", "boqueron.tech", "scale")
    gh = github(CO, 32201, "2030-09-19T00:00:00Z", now, 23)
    api = gh.deploy(32250, at(D, "10:15"), "stripe: move to API version 2030-08-27.acacia",
                    ["src/billing/stripe-client.ts", "src/billing/stripe-client.test.ts"], author="marta")
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "hk2r7s9t4u1v", "Elevated errors on Claude Haiku 4.5", at(D, "14:00"),
                        at(D, "14:30"), "Some Claude Haiku 4.5 requests fail with 500 errors.")
    pd = [pd_incident("PUSG0919", 10412, "usage-ingest: consumer group offset reset, meter events re-sent",
                      "2030-09-19T05:35:00Z", "2030-09-19T06:20:00Z", "usage-ingest")]
    streams = [stream(a["id"], model="gpt-4.1", per_minute=9, p50=1100, p95=2700, prompt=2200, completion=400,
                      cached=0.3, config_id="pc-alcaravan-siniestros", key="vk-alcaravan-siniestros",
                      sdk="portkey-python/2.5.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=480, p95=1100,
                      prompt=900, completion=200, config_id="pc-alcaravan-correo", key="vk-alcaravan-correo",
                      sdk="portkey-python/2.5.0"),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=850, p95=2000, prompt=1300, completion=300,
                      config_id="pc-boqueron-app")]
    cfg = [one_target("pc-alcaravan-siniestros", a, "siniestros", "vk-alcaravan-openai", "gpt-4.1", 60000),
           one_target("pc-alcaravan-correo", a, "correo", "vk-alcaravan-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-boqueron-app", b, "app", "vk-boqueron-openai", "gpt-4o", 30000)]
    # Billing: cached tokens excluded (the invoices doc), meter faulted with double_count from 03:10
    # to 05:40 UTC on 19 September for every org (PagerDuty PUSG0919: usage-ingest consumer reset
    # re-sent those events). The invoice of 19 September (in_1Alcaravan0919) bills those 2.5 hours
    # twice, about 10% above the logs' day total; the logs themselves are right. Our metering:
    # billing_pipeline. The Stripe API-version deploy came at 10:15, after the window; the Haiku
    # incident concerns errors, not tokens; caching is excluded as documented.
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "invoices": [{"id": "in_1Alcaravan0919", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": at(N, "00:00")},
                         {"id": "in_1Boqueron0919", "org": b["id"], "status": "open", "from": at(D, "00:00"),
                          "to": at(N, "00:00")}],
            "faults": [{"kind": "double_count", "from": at(D, "03:10"), "to": at(D, "05:40"), "match": {}}]}
    t = [ticket(32201, a, "RE: Alta de nuevos usuarios en el panel",
                "Buenos días:\n\nAprovecho este hilo para otra cosa. Al conciliar la factura del día 19 "
                "(in_1Alcaravan0919) con nuestros propios registros por petición nos sale un importe alrededor de "
                "un 10 % más alto de lo que suman los tokens de los logs de ese día. No es mucho, pero auditoría "
                "interna nos lo pide cuadrado al céntimo.\n\n¿Puede ser que nos estéis cobrando los tokens "
                "cacheados a precio completo? El servicio de siniestros usa mucho la caché de OpenAI.\n\n"
                "Un saludo,\nLucía Martín Ortega\nControl de gestión - Alcaraván Seguros\n\n"
                "-----Mensaje original-----\nDe: Soporte Relay AI\nEnviado: lunes, 16 de septiembre de 2030 "
                "11:20\nAsunto: RE: Alta de nuevos usuarios en el panel\n\nHola Lucía, ya están dados de alta los "
                "tres usuarios nuevos con rol de lectura.", at(N, "05:30"), "Lucía Martín")]
    t[0]["requester"]["email"] = "lucia.martin@alcaravan-seguros.es"
    # Truth: billing_pipeline (the meter fault and the PagerDuty incident that caused it).
    return scenario(FOLDER, "token-billing-usage-replay-double-count",
                    "Spanish ticket (Madrid, CEST) under a stale subject with a quoted thread: the invoice of 19 "
                    "September is about 10% above the logs because a usage-ingest consumer reset re-sent the meter "
                    "events of 03:10-05:40 UTC (PagerDuty PUSG0919), counting them twice (billing_pipeline). The "
                    "customer's prompt-caching theory is wrong (cached tokens excluded as documented); a later "
                    "Stripe API-version deploy and a Haiku incident are bystanders among 23 routine deploys.",
                    now, CO, [a, b], "2030-09-19T00:00:00Z", 32201, streams, [], t,
                    {32201: truth("token-billing", "billing_pipeline",
                                  ["stripe:invoice:in_1Alcaravan0919", "pagerduty:incident:PUSG0919"],
                                  [f"github:deployment:{api}", haiku], ["in_1Alcaravan0919"])},
                    github=gh, configs=cfg, billing=bill, statuspage=sp, pagerduty=pd, docs=[DOC_INVOICES])


# ---------------------------------------------------------------------------------------------
# 12. api-errors / rate_limited / European Portuguese (Lisbon, WEST)
# ---------------------------------------------------------------------------------------------
def api_errors_batch_reindex_rate_limited_pt():
    """A big org (five configs, three keys, 3% background errors) started a catalogue re-index on its
    batch key at 09:00 UTC: four times the batch volume pushes the org over its plan's
    tokens-per-minute budget and part of every service's requests get 429 rate_limited."""
    Y, D, now = "2030-09-26", "2030-09-27", "2030-09-27T13:30:00Z"
    a = org("org_gaivota", "Gaivota Telecom", "gaivota-telecom.pt", "scale")
    b = org("org_sardinha", "Sardinha Apps", "sardinha.app", "growth")
    gh = github(CO, 32601, "2030-09-26T08:00:00Z", now, 25)
    ui = gh.deploy(32640, at(D, "08:50"), "limits: show remaining token budget in the dashboard header",
                   ["ui/limits/budget-badge.tsx", "ui/layout/header.tsx"], author="tiago")
    sp = Statuspage(now)
    oa = sp.incident("openai", "r4t3l1m9g4p1", "Elevated 429 errors for some GPT-4.1 users", at(Y, "15:00"),
                     at(Y, "15:45"), "Some GPT-4.1 API users receive rate limit errors below their limits.")
    old = linear_issue("GW-5199", "Rate limiter counted cached input tokens toward the TPM budget",
                       "Cached input tokens were counted toward the per-organisation tokens-per-minute budget. "
                       "Fixed: only uncached input and output tokens count.", "2030-08-06T10:00:00Z", state="Done",
                       labels=("bug", "rate-limits"), completed="2030-08-08T10:00:00Z")
    sdk = "portkey-python/2.5.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=10, p50=1100, p95=2600, prompt=1800,
                            completion=350, error_rate=0.03, config_id="pc-gaivota-assistente",
                            key="vk-gaivota-app", sdk=sdk, metadata={"servico": "assistente"}), 8, 20, 0.3),
               stream(a["id"], model="gpt-4.1", per_minute=5, p50=2400, p95=5200, prompt=6500, completion=900,
                      error_rate=0.03, config_id="pc-gaivota-lotes", key="vk-gaivota-lotes", sdk=sdk,
                      metadata={"servico": "catalogo"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=110,
                      p95=280, prompt=600, completion=0, error_rate=0.03, config_id="pc-gaivota-pesquisa",
                      key="vk-gaivota-pesquisa", sdk=sdk),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=480, p95=1100,
                      prompt=900, completion=200, error_rate=0.03, config_id="pc-gaivota-triagem",
                      key="vk-gaivota-app", sdk="portkey-node/3.2.0"),
               stream(b["id"], model="gpt-4.1", per_minute=7, p50=1100, p95=2600, config_id="pc-sardinha-chat")]
    # Gaivota (scale plan: 150k tokens per minute per the rate-limits doc) uses about 69k per minute:
    # assistant 10 x 2,150, batch 5 x 7,400, embeddings 8 x 600, triage 5 x 1,100. From 09:00 UTC
    # (10:00 WEST) the re-index on vk-gaivota-lotes quadruples the batch volume (+111k per minute):
    # the org is over its budget and from 09:03 35% of all its requests, every service and provider,
    # are answered 429 rate_limited. Sardinha on the same model is fine. The customer hits its plan's
    # limit: rate_limited. The dashboard-header deploy at 08:50 only touches the UI; the OpenAI 429
    # incident was yesterday afternoon and on the provider side; the cached-token limiter bug is
    # fixed.
    an = [volume(at(D, "09:00"), None, {"api_key_id": "vk-gaivota-lotes"}, 4.0),
          rate_limited(at(D, "09:03"), None, {"org": a["id"]}, 0.35)]
    cfg = [fallback_config("pc-gaivota-assistente", a, "assistente",
                           [target("vk-gaivota-openai", "gpt-4.1", 30000, [500, 502, 503, 504]),
                            target("vk-gaivota-anthropic", "claude-sonnet-4-6", 30000)]),
           one_target("pc-gaivota-lotes", a, "lotes", "vk-gaivota-openai", "gpt-4.1", 120000),
           one_target("pc-gaivota-pesquisa", a, "pesquisa", "vk-gaivota-openai", "text-embedding-3-large", 10000),
           one_target("pc-gaivota-triagem", a, "triagem", "vk-gaivota-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-gaivota-legado", a, "legado (sem uso)", "vk-gaivota-openai", "gpt-4o", 30000),
           one_target("pc-sardinha-chat", b, "chat", "vk-sardinha-openai", "gpt-4.1", 30000)]
    t = [ticket(32601, a, "Erros 429 desde as 10h",
                "Boa tarde,\n\nDesde as 10h (hora de Lisboa) estamos a recber erros 429 numa parte dos pedidos - "
                "não em todos, talvez um terço. Acontece no assistente, na triagem com o Claude e até nos "
                "embeddings.\n\n```\nopenai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit "
                "exceeded', 'type': 'rate_limited', 'code': 'rate_limited'}}\n```\n\nPensamos que é a OpenAI a "
                "limitar-nos, ontem à tarde tiveram um incidente com 429 no GPT-4.1. Hoje de manhã arrancámos "
                "a reindexação do catálogo, mas isso corre noutra chave (vk-gaivota-lotes), por isso não deve "
                "ter nada a ver.\n\nPodem confirmar do vosso lado? Obrigado.\n\nCumprimentos,\nDiogo Ferreira\n"
                "Engenharia de Plataforma, Gaivota Telecom", at(D, "12:40"), "Diogo Ferreira", priority="high")]
    # Truth: rate_limited (the org over its plan's TPM budget after its own batch volume x4).
    return scenario(FOLDER, "api-errors-batch-reindex-rate-limited",
                    "European Portuguese ticket (Lisbon, WEST) with typos and a pasted 429, blaming OpenAI: from "
                    "09:00 UTC a big org (3% background errors) quadruples its batch key's volume with a catalogue "
                    "re-index and goes over its plan's tokens-per-minute budget; from 09:03 35% of all its "
                    "requests, every service and provider, get 429 rate_limited (rate_limited). A dashboard "
                    "limits-badge deploy ten minutes before, yesterday's OpenAI 429 incident and a fixed limiter "
                    "bug are bystanders among 25 routine deploys.",
                    now, CO, [a, b], "2030-09-26T08:00:00Z", 32601, streams, an, t,
                    {32601: truth("api-errors", "rate_limited",
                                  ["docs:docs/limits/rate-limits.md", "config:pc-gaivota-lotes"],
                                  [f"github:deployment:{ui}", oa, "linear:issue:GW-5199"], ["150"])},
                    github=gh, configs=cfg, linear=[old], statuspage=sp, docs=[DOC_RATE_LIMITS])


ALL = [api_errors_embeddings_validation_en, provider_routing_sonnet_overloaded_es, latency_resolver_deploy_and_gpt4o_de,
       latency_nothing_wrong_montreal_fr, fallback_no_request_timeout_ja, fallback_messages_route_known_bug_pt,
       provider_routing_retired_model_en, metadata_node_sdk_300_de, webhook_expired_certificate_fr,
       billing_prompt_cache_discount_ja, billing_usage_replay_double_count_es, api_errors_batch_reindex_rate_limited_pt]

if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, FOLDER), exist_ok=True)
    write_all(ALL)
