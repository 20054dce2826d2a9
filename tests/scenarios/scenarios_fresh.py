#!/usr/bin/env python3
"""Ten library scenarios written after the engine, as real support mail over data shaped like real
accounts: Spanish (Buenos Aires, Madrid), German, Portuguese, French and Japanese tickets beside
English ones from US Eastern time (already on summer time while Europe is not), greetings,
signatures, quoted threads, a stale subject, typos, pasted errors and the customer's own wrong
theory. The data has big orgs with a 3-3.5% background error rate, office-hours and evening
cycles, several configs, keys, SDKs or webhook endpoints per org where only some fail, 12-24
routine deploys around a tempting one, incidents on a provider's other product or model at the
same minutes, two meters on an invoice with a Stripe customer found by e-mail domain beside an
older one of the same name, two causes at once (metadata, API errors), and true no-fault cases.

Every truth below is read from the data declared next to it (anomalies, configs, billing faults,
deploys, incidents), never from what an engine answers. Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def cycle(stream_, from_hour, to_hour, night, latency_factor=1.0):
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


def hooks(*streams_, anomalies=()):
    return {"streams": [{"org": o, "endpoint": url, "events": list(events), "per_minute": pm, "latency_ms": ms}
                        for o, url, events, pm, ms in streams_],
            "anomalies": list(anomalies)}


def failures(start, end, endpoint, rate, status, error):
    return {"kind": "failures", "from": start, "to": end, "match": {"endpoint": endpoint}, "rate": rate,
            "status": status, "error": error}


def routing_outage_opus_es():
    D, now = "2027-03-16", "2027-03-16T17:30:00Z"
    a = org("org_nandu", "Ñandú Seguros", "nandu.com.ar", "scale")
    b = org("org_ostra", "Ostra Analytics", "ostra.io", "growth")
    c = org("org_quena", "Quena Music", "quena.fm", "enterprise")
    gh = github(CO, 14101, "2027-03-15T12:00:00Z", now, 20)
    late = gh.deploy(14118, at(D, "14:12"), "anthropic adapter: send the prompt-caching beta header",
                     ["src/providers/anthropic/headers.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "r4t6y8u0i2o4", "Elevated error rates on Claude Opus 4.1", at(D, "13:00"),
                      at(D, "15:25"), "We are seeing elevated 500 errors on requests to Claude Opus 4.1.")
    app = sp.incident("anthropic", "p3o5i7u9y1t3", "claude.ai conversations slow to load", at(D, "12:40"),
                      at(D, "13:30"), "Some users see slow loading of conversations on claude.ai.",
                      component="claude.ai", impact="minor")
    bug = linear_issue("GW-915", "Anthropic adapter: stop_sequences dropped when streaming",
                       "Streamed Anthropic requests ignore `stop_sequences`; non-streamed ones are fine.",
                       "2027-03-10T10:00:00Z", labels=("bug", "provider:anthropic"))
    streams = [stream(a["id"], provider="anthropic", model="claude-opus-4-1", per_minute=10, p50=2600, p95=6000,
                      prompt=4000, completion=700, config_id="pc-nandu-peritajes"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-nandu-redaccion"),
               stream(a["id"], per_minute=12, config_id="pc-nandu-cotizador"),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=6, p50=2500, p95=5800,
                      config_id="pc-ostra-reports"),
               stream(c["id"], model="gpt-4o-mini", per_minute=14, p50=600, p95=1500, config_id="pc-quena-lyrics")]
    # Opus only, every org using it (Ostra too); Sonnet and GPT-4o are untouched. The customer's
    # key-rotation theory would fail every Anthropic model with 401, not one model with 500.
    an = [errors(at(D, "13:05"), at(D, "15:20"), {"provider": "anthropic", "model": "claude-opus-4-1"}, 0.45, 500,
                 "provider_error")]
    cfg = [one_target("pc-nandu-peritajes", a, "peritajes", "vk-nandu-anthropic", "claude-opus-4-1", 60000),
           one_target("pc-nandu-redaccion", a, "redaccion", "vk-nandu-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-nandu-cotizador", a, "cotizador", "vk-nandu-openai", "gpt-4o", 30000),
           one_target("pc-ostra-reports", b, "reports", "vk-ostra-anthropic", "claude-opus-4-1", 60000),
           one_target("pc-quena-lyrics", c, "lyrics", "vk-quena-openai", "gpt-4o-mini", 20000)]
    t = [ticket(14001, a, "Claude (Opus) tira error, GPT anda bien",
                "Hola, ¿cómo andan?\n\nDesde las 10 de la mañana más o menos (hora de Buenos Aires) las llamadas a "
                "Claude Opus de nuestro flujo de peritajes devuelven error 500 en casi la mitad de los casos. Lo "
                "raro es que lo que mandamos a GPT-4o (el cotizador) anda perfecto, y el redactor que usa Sonnet "
                "también. ¿Puede ser que se nos haya vencido la API key de Anthropic? La rotamos el viernes.\n\n"
                "Les pego lo que nos devuelve el gateway:\n"
                "{\"error\":{\"code\":\"provider_error\",\"message\":\"Upstream provider returned 500\"},"
                "\"provider\":\"anthropic\"}\n\n¡Gracias!\nMartín Gutiérrez\nLíder técnico – Ñandú Seguros",
                at(D, "15:00"), "Martín Gutiérrez", priority="high")]
    return scenario("", "provider-routing-opus-outage-spanish",
                    "Spanish ticket with a Buenos Aires time and a wrong guess (the rotated Anthropic key): "
                    "claude-opus-4-1 answers 500 provider_error to 45% of requests 13:05-15:20 UTC for every org "
                    "using it (Ostra too), matching Anthropic's Opus incident; Ñandú's Sonnet and GPT-4o configs are "
                    "fine. A claude.ai incident at the same minutes, an Anthropic-adapter deploy an hour after the "
                    "onset and a streaming bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2027-03-15T12:00:00Z", 14001, streams, an, t,
                    {14001: truth("provider-routing", "provider_outage", [inc],
                                  [app, f"github:deployment:{late}", "linear:issue:GW-915",
                                   "config:pc-nandu-redaccion"], ["500", "13:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug])


def latency_deploy_noisy_org_de():
    D, now = "2027-03-17", "2027-03-17T15:00:00Z"
    a = org("org_kranich", "Kranich Versand", "kranich-versand.de", "enterprise")
    b = org("org_marlin", "Marlin Health", "marlinhealth.com", "scale")
    c = org("org_nebel", "Nebel Studio", "nebelstudio.at", "growth")
    gh = github(CO, 14201, "2027-03-16T10:00:00Z", now, 24)
    bad = gh.deploy(14230, at(D, "09:38"), "embeddings: dedupe identical inputs before calling the provider",
                    ["src/routes/embeddings.ts", "src/cache/embeddings-dedupe.ts"],
                    message="routes/embeddings: hash and dedupe inputs in-process before the upstream call (#3312)")
    near = gh.deploy(14231, at(D, "09:52"), "dashboard: p99 toggle on the latency chart", ["ui/dashboard/latency.tsx"])
    sp = Statuspage(now)
    old = sp.incident("openai", "e5r7t9y1u3i5", "Increased latency on embeddings", "2027-03-16T14:00:00Z",
                      "2027-03-16T14:50:00Z", "Embeddings requests are slower than usual.", impact="minor")
    chat = sp.incident("openai", "w2e4r6t8y0u2", "ChatGPT responses delayed", at(D, "09:30"), at(D, "10:30"),
                       "Some ChatGPT responses are delayed.", component="ChatGPT", impact="minor")
    pd = [pd_incident("PCHLAG317", 8317, "ClickHouse ingestion lag above 5 minutes", at(D, "10:10"), at(D, "10:35"),
                      "Analytics ingestion")]
    # Kranich is a big org working office hours with a 2.5-3% background error rate; the gateway
    # time of every org's /v1/embeddings request rises ~50x from 09:40 (Nebel's too), chat is flat
    streams = [cycle(stream(a["id"], per_minute=20, p50=900, p95=2200, error_rate=0.03,
                            config_id="pc-kranich-kundenchat", key="vk-kranich-chat"), 7, 17, 0.3, 1.2),
               cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=14, p50=120,
                            p95=300, error_rate=0.025, prompt=600, completion=0, config_id="pc-kranich-suche",
                            key="vk-kranich-suche"), 7, 17, 0.3),
               stream(a["id"], model="gpt-4o-mini", per_minute=10, p50=500, p95=1300, error_rate=0.03,
                      config_id="pc-kranich-tags", key="vk-kranich-chat"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      config_id="pc-marlin-notes"),
               stream(c["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=150,
                      p95=350, prompt=700, completion=0, config_id="pc-nebel-search")]
    an = [latency(at(D, "09:40"), None, {"route": "/v1/embeddings"}, 50, component="gateway")]
    cfg = [one_target("pc-kranich-kundenchat", a, "kundenchat", "vk-kranich-openai", "gpt-4o", 30000),
           one_target("pc-kranich-suche", a, "suche", "vk-kranich-openai", "text-embedding-3-small", 10000),
           one_target("pc-kranich-tags", a, "tags", "vk-kranich-openai", "gpt-4o-mini", 20000),
           one_target("pc-marlin-notes", b, "notes", "vk-marlin-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-nebel-search", c, "search", "vk-nebel-openai", "text-embedding-3-large", 10000)]
    t = [ticket(14002, a, "Suche extrem träge seit dem Vormittag",
                "Hallo zusammen,\n\nunsere Produktsuche (Embeddings über pc-kranich-suche) braucht seit ungefähr "
                "10:40 Uhr deutscher Zeit pro Anfrage deutlich länger – statt gut 100 ms eher 500 bis 600 ms. Der "
                "Kundenchat fühlt sich normal an. Ich nehme an, OpenAI hat mal wieder Probleme? Auf deren "
                "Statusseite stand gestern schon etwas zu Embeddings.\n\nKönnen Sie das bitte prüfen? Heute Nacht "
                "läuft unser Update des Suchindex und wir müssen entscheiden, ob wir es verschieben.\n\n"
                "Mit freundlichen Grüßen\nSabine Hoffmann\nTeamleitung Plattform\nKranich Versand GmbH\n"
                "Tel. +49 40 1234567", at(D, "12:30"), "Sabine Hoffmann", priority="high")]
    return scenario("", "latency-spike-deploy-noisy-org-german",
                    "German ticket with a CET time and a wrong guess (OpenAI): deploy #14230 (in-process dedupe on "
                    "the embeddings route, live 09:40) raises gateway time on /v1/embeddings ~50x for every org "
                    "from 09:40 (Nebel's too); chat and the provider's time are flat. Kranich is a big org with an "
                    "office-hours cycle and a 3% background error rate. Yesterday's OpenAI embeddings incident, a "
                    "ChatGPT incident at 09:30, a dashboard deploy at 09:52 and an ingestion-lag page are bystanders "
                    "among 24 routine deploys.",
                    now, CO, [a, b, c], "2027-03-16T10:00:00Z", 14002, streams, an, t,
                    {14002: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", old, chat, "pagerduty:incident:PCHLAG317"],
                                  ["09:40", "/v1/embeddings"])},
                    github=gh, statuspage=sp, configs=cfg, pagerduty=pd)


def fallback_wrong_config_pt():
    D, now = "2027-03-18", "2027-03-18T19:00:00Z"
    a = org("org_cacau", "Cacau Atendimento Digital", "cacaudigital.com.br", "scale")
    b = org("org_dorado", "Dorado Freight", "doradofreight.com", "growth")
    gh = github(CO, 14301, "2027-03-17T14:00:00Z", now, 16)
    her = gh.deploy(14340, at(D, "16:02"), "router: log every fallback attempt", ["src/router/fallback-log.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "a1s3d5f7g9h1", "Elevated 503 errors on GPT-4o", at(D, "16:15"), at(D, "17:40"),
                      "GPT-4o requests fail with 503 at an elevated rate.")
    other = sp.incident("anthropic", "z9x7c5v3b1n9", "claude.ai file uploads failing", at(D, "17:00"),
                        at(D, "17:45"), "File uploads on claude.ai fail for some users.", component="claude.ai",
                        impact="minor")
    lin = [linear_issue("GW-922", "Request log shows the fallback attempt count off by one",
                        "The dashboard's request log shows attempts = 1 for requests served by a fallback target.",
                        "2027-03-12T10:00:00Z", labels=("bug", "dashboard"))]
    # Cacau has two configs on gpt-4o: the chat service uses pc-cacau-atendimento (fallback to Claude
    # on 503), the e-mail worker still sends pc-cacau-legado (one target). During OpenAI's 503s the
    # first fails over to Claude, the second cannot; every 503 the customer saw came through pc-cacau-legado.
    streams = [stream(a["id"], per_minute=14, config_id="pc-cacau-atendimento", key="vk-cacau-openai",
                      sdk="portkey-node/1.9.0", metadata={"canal": "whatsapp"}),
               stream(a["id"], per_minute=10, config_id="pc-cacau-legado", key="vk-cacau-openai",
                      sdk="portkey-python/1.9.2", metadata={"canal": "email"}),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      config_id="pc-dorado-ops"),
               stream(b["id"], per_minute=10, config_id="pc-dorado-quotes")]
    an = [errors(at(D, "16:20"), at(D, "17:35"), {"config_id": "pc-cacau-atendimento"}, 0.4, 503,
                 "provider_unavailable", {"provider": "anthropic", "model": "claude-sonnet-4-6"}),
          errors(at(D, "16:20"), at(D, "17:35"), {"config_id": "pc-cacau-legado"}, 0.4, 503, "provider_unavailable"),
          errors(at(D, "16:20"), at(D, "17:35"), {"config_id": "pc-dorado-quotes"}, 0.4, 503, "provider_unavailable")]
    cfg = [config("pc-cacau-atendimento", a["id"], "atendimento",
                  [target("vk-cacau-openai", "gpt-4o", 30000, [429, 500, 502, 503, 504]),
                   target("vk-cacau-anthropic", "claude-sonnet-4-6", 30000)], mode="fallback",
                  updated="2027-02-20T13:00:00Z"),
           config("pc-cacau-legado", a["id"], "legado", [target("vk-cacau-openai", "gpt-4o", 30000)],
                  updated="2026-08-11T10:00:00Z"),
           one_target("pc-dorado-ops", b, "ops", "vk-dorado-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-dorado-quotes", b, "quotes", "vk-dorado-openai", "gpt-4o", 30000)]
    t = [ticket(14003, a, "Fallback pro Claude não entrou durante a instabilidade da OpenAI",
                "Boa tarde, pessoal!\n\nHoje entre umas 13h20 e 14h30 (horário de Brasília) a OpenAI ficou instável "
                "e tivemos vários 503 no nosso atendimento por e-mail. Só que a gente configurou justamente pra "
                "isso o pc-cacau-atendimento, com fallback do gpt-4o pro Claude Sonnet quando vier 503. Pelo visto "
                "o fallback não entrou em nenhum caso. Vi no changelog que vocês fizeram um deploy mexendo em "
                "fallback logo antes... será que quebrou?\n\nO erro que o worker registrou:\n"
                "portkey_ai.APIStatusError: Error code: 503 - {'error': {'code': 'provider_unavailable'}}\n\n"
                "Obrigada,\nLuana Ferreira\nEngenharia – Cacau Atendimento Digital",
                at(D, "18:10"), "Luana Ferreira", priority="high")]
    return scenario("", "fallback-wrong-config-portuguese",
                    "Portuguese ticket with a Brasília time: during OpenAI's GPT-4o 503s (16:20-17:35 UTC) the "
                    "customer expected pc-cacau-atendimento to fail over to Claude. It did, for the requests that "
                    "used it; every 503 they saw came from the e-mail worker, whose requests carry pc-cacau-legado, "
                    "a one-target config with nothing to fail over to (customer_config). A fallback-logging deploy "
                    "at 16:02 the customer suspects, a claude.ai incident and a request-log display bug are "
                    "bystanders.",
                    now, CO, [a, b], "2027-03-17T14:00:00Z", 14003, streams, an, t,
                    {14003: truth("fallback", "customer_config", ["config:pc-cacau-legado"],
                                  [f"github:deployment:{her}", other, "linear:issue:GW-922"],
                                  ["pc-cacau-legado", "503"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


DOC_TWO_METERS = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                     "# How tokens are invoiced\n\nYour invoice has two usage lines. **Input tokens** counts the "
                     "prompt tokens of every request minus the tokens the provider read from its prompt cache: cache "
                     "reads are not charged. **Output tokens** counts completion tokens. Both are summed per UTC day "
                     "from the meter events we send to Stripe, and should equal the request logs for that day.\n")


def billing_two_meters_input_doubled_fr():
    now = "2027-03-19T06:00:00Z"
    a = org("org_luciole", "Luciole Assurances", "luciole-assurances.fr", "scale", cus="cus_W1luciole")
    b = org("org_ormeau", "Ormeau Games", "ormeau.games", "growth")
    gh = github(CO, 14401, "2027-03-18T00:00:00Z", now, 12)
    her = gh.deploy(14440, "2027-03-18T15:30:00Z", "metering: send meter events to the v2 endpoint",
                    ["src/billing/meter-client.ts"])
    lin = [linear_issue("GW-931", "Usage page shows cached tokens in the input column",
                        "The usage page adds cache reads to the input tokens column. Invoices are not affected.",
                        "2027-03-11T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [stream(a["id"], per_minute=16, prompt=2200, completion=380, cached=0.4, config_id="pc-luciole-sinistres"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      prompt=3000, completion=500, cached=0.5, config_id="pc-luciole-courrier"),
               stream(b["id"], model="gpt-4o-mini", per_minute=12, p50=600, p95=1500, config_id="pc-ormeau-npc")]
    cfg = [one_target("pc-luciole-sinistres", a, "sinistres", "vk-luciole-openai", "gpt-4o", 30000),
           one_target("pc-luciole-courrier", a, "courrier", "vk-luciole-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-ormeau-npc", b, "npc", "vk-ormeau-openai", "gpt-4o-mini", 20000)]
    # two metered lines; the input meter's events of 09:00-13:00 UTC were counted twice, output is
    # right. Cache reads are excluded from input as documented (the customer's theory that they are
    # billed in full would put the input line ~80% above the logs, not ~1/5).
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.00025", "faults": [],
            "meters": [{"meter": "llm_input_tokens", "nickname": "Input tokens", "counts": ["prompt_tokens"],
                        "cached_tokens": "excluded",
                        "faults": [{"kind": "double_count", "from": "2027-03-18T09:00:00Z",
                                    "to": "2027-03-18T13:00:00Z", "match": {}}]},
                       {"meter": "llm_output_tokens", "nickname": "Output tokens", "counts": ["completion_tokens"],
                        "cached_tokens": "excluded", "faults": []}],
            "invoices": [{"id": "in_1Luciole0318", "org": a["id"], "status": "open", "from": "2027-03-18T00:00:00Z",
                          "to": "2027-03-19T00:00:00Z"}]}
    # the Stripe customer predates the org-id convention; an older one of the same name (the
    # company's former domain) has no invoice in the period
    luciole = customer(a, "compta", with_org_id=False)
    former = {"id": "cus_W0luciole", "object": "customer", "email": "factures@luciole.fr", "name": "Luciole Assurances",
              "created": 1609459200, "currency": "eur", "delinquent": False, "livemode": False, "metadata": {}}
    custs = [luciole, former, customer(b)]
    t = [ticket(14004, a, "Facture du 18 mars – ligne « Input tokens »",
                "Bonjour,\n\nNotre contrôle de gestion a rapproché la facture in_1Luciole0318 de nos propres "
                "compteurs. La ligne Output tokens tombe juste, mais la ligne Input tokens dépasse nos chiffres "
                "d'environ 15 à 20 %. Nous utilisons beaucoup le cache de prompts : j'imagine que vous facturez les "
                "tokens lus en cache au plein tarif, alors que votre documentation dit le contraire ?\n\nMerci de "
                "nous dire ce qu'il en est avant que nous validions le paiement.\n\nBien cordialement,\n"
                "Isabelle Marchand\nContrôle de gestion – Luciole Assurances", "2027-03-19T05:30:00Z",
                "Isabelle Marchand")]
    q = [question(14005, b, "2027-03-19T04:00:00Z", "Factures en euros ?",
                  "Bonjour, est-il possible d'être facturés en euros plutôt qu'en dollars ? Merci !",
                  person="Paul Girard")]
    return scenario("", "token-billing-two-meters-input-doubled-french",
                    "French ticket: Luciole's invoice has an input and an output token line; its Stripe customer has "
                    "no org id (found by the e-mail domain) and an older customer of the same name sits on the "
                    "company's former domain. The input meter counted 09:00-13:00 UTC twice, so only the input line "
                    "is ~1/5 above the logs; output matches. The customer's theory (cache reads billed in full) "
                    "does not fit: cache reads are excluded as documented. A meter-client deploy after the window "
                    "and a usage-page bug are bystanders.",
                    now, CO, [a, b], "2027-03-18T00:00:00Z", 14004, streams, [], t,
                    {14004: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Luciole0318"],
                                  [f"github:deployment:{her}", "linear:issue:GW-931"], ["09:00"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, stripe_customers=custs,
                    docs=[DOC_TWO_METERS, DOC_INVOICES], questions=q)


def metadata_two_causes_ja():
    now = "2027-03-20T06:00:00Z"
    a = org("org_tsubame", "Tsubame Logistics", "tsubame-logi.jp", "enterprise")
    c = org("org_vireo", "Vireo Apps", "vireo.app", "scale")
    gh = github(CO, 14501, "2027-03-19T08:00:00Z", now, 14)
    bad = gh.deploy(14520, "2027-03-19T21:07:00Z", "embeddings: send requests through the batching proxy",
                    ["src/routes/embeddings.ts", "src/proxy/embeddings-batcher.ts"],
                    message="routes/embeddings: forward through the batching proxy (#3120)")
    near = gh.deploy(14521, "2027-03-19T21:30:00Z", "dashboard: metadata filter chips", ["ui/logs/metadata-filter.tsx"])
    gh.release(99601, "v2.0.0", "portkey-node v2.0.0",
               "## Breaking\n\n- `createHeaders()` no longer accepts `metadata`; pass it to the `Portkey` client or to "
               "each request. Headers built the old way carry no metadata.\n", "2027-03-11T09:00:00Z")
    lin = [linear_issue("GW-940", "Metadata values over 128 characters are truncated without a warning",
                        "Values longer than 128 characters are cut silently; the docs state the limit.",
                        "2027-03-15T10:00:00Z", labels=("bug", "metadata"))]
    # two causes for Tsubame: from 21:10 UTC every org's /v1/embeddings request loses its metadata
    # (deploy #14520; Vireo's node 1.8.0 embeddings too), ~6,000 of Tsubame's requests by now; and
    # Tsubame's night batch, sent with portkey-node/2.0.0, has carried none all along (~2,600).
    streams = [stream(a["id"], per_minute=14, config_id="pc-tsubame-chat", sdk="portkey-python/1.9.2",
                      metadata={"team": "cs", "source": "web"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=16, p50=120,
                      p95=300, prompt=500, completion=0, config_id="pc-tsubame-search", sdk="portkey-python/1.9.2",
                      metadata={"team": "search"}),
               stream(a["id"], model="gpt-4o-mini", per_minute=2, p50=600, p95=1500, config_id="pc-tsubame-batch",
                      sdk="portkey-node/2.0.0", metadata={"team": "batch"}),
               stream(c["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=10, p50=150,
                      p95=350, prompt=600, completion=0, config_id="pc-vireo-index", sdk="portkey-node/1.8.0",
                      metadata={"app": "vireo"}),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-vireo-chat", sdk="portkey-node/1.8.0", metadata={"app": "vireo"})]
    an = [metadata_dropped("2027-03-19T21:10:00Z", None, {"route": "/v1/embeddings"}),
          metadata_dropped("2027-03-19T08:00:00Z", None, {"sdk": "portkey-node/2.0.0"})]
    cfg = [one_target("pc-tsubame-chat", a, "chat", "vk-tsubame-openai", "gpt-4o", 30000),
           one_target("pc-tsubame-search", a, "search", "vk-tsubame-openai", "text-embedding-3-small", 10000),
           one_target("pc-tsubame-batch", a, "batch", "vk-tsubame-openai", "gpt-4o-mini", 30000),
           one_target("pc-vireo-index", c, "index", "vk-vireo-openai", "text-embedding-3-large", 10000),
           one_target("pc-vireo-chat", c, "chat", "vk-vireo-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(14006, a, "ログのメタデータが欠落している件",
                "お世話になっております。燕ロジスティクスの山本です。\n\n本日朝6時過ぎ（日本時間）から、検索機能"
                "（embeddings）のリクエストログに、付与しているはずのメタデータ（team）が入っていません。チャット"
                "側のログには正しく入っています。こちらではSDKのバージョンも送信方法も変更しておりません。\n\n"
                "また、確認したところ夜間バッチのログにも team が見当たらないようです。こちらも同じ原因でしょうか。\n\n"
                "お手数ですが、ご確認のほどよろしくお願いいたします。\n\n山本 恵\n燕ロジスティクス株式会社 "
                "システム部", "2027-03-20T03:30:00Z", "Megumi Yamamoto")]
    return scenario("", "metadata-two-causes-japanese",
                    "Japanese ticket with a JST time that denies any SDK change: two causes. Deploy #14520 (the "
                    "embeddings batching proxy, live 21:09) drops the metadata of every org's /v1/embeddings "
                    "request from 21:10 UTC (primary, the larger share of Tsubame's losses), and Tsubame's night "
                    "batch runs on portkey-node/2.0.0, which stopped sending metadata from createHeaders() "
                    "(secondary, all along). A metadata-filter dashboard deploy and a truncation bug are "
                    "bystanders.",
                    now, CO, [a, c], "2027-03-19T08:00:00Z", 14006, streams, an, t,
                    {14006: truth("metadata", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", "linear:issue:GW-940"], ["21:10", "2.0.0"],
                                  [secondary("sdk_version", ["sdk:portkey-node/2.0.0"])])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA])


def webhook_endpoint_moved_en():
    D, now = "2027-03-21", "2027-03-21T23:00:00Z"
    a = org("org_wharf", "Wharfline Shipping", "wharfline.com", "scale")
    b = org("org_xylo", "Xylo Learning", "xylo.education", "growth")
    c = org("org_yucca", "Yucca Bank", "yuccabank.com", "enterprise")
    gh = github(CO, 14601, "2027-03-20T18:00:00Z", now, 15)
    her = gh.deploy(14640, at(D, "16:28"), "webhooks: deliver from the new worker pool",
                    ["src/webhooks/worker-pool.ts", "src/webhooks/deliver.ts"])
    lin = [linear_issue("GW-950", "Webhook signature header uses lowercase hex",
                        "`x-relay-signature` is lowercase hex while the docs show uppercase; receivers comparing "
                        "case-sensitively reject it.", "2027-03-14T10:00:00Z", labels=("bug", "webhooks"))]
    pd = [pd_incident("PWHLAG321", 8321, "Webhook queue lag above 2 minutes", at(D, "13:10"), at(D, "13:40"),
                      "Webhook delivery")]
    streams = [stream(a["id"], per_minute=12, config_id=""), stream(b["id"], per_minute=10),
               stream(c["id"], per_minute=12)]
    # Wharfline has three endpoints; only the v2 one answers 404 from 16:45 (their v3 rollout), the
    # other two, and the other orgs' endpoints, keep answering 200 after the worker-pool deploy
    v2 = "https://api.wharfline.com/v2/webhooks/relay"
    wh = hooks((a["id"], v2, ["request.completed"], 4, 140),
               (a["id"], "https://api.wharfline.com/v3/hooks/usage", ["budget.exceeded", "usage.threshold"], 2, 160),
               (a["id"], "https://ops.wharfline.com/relay-alerts", ["request.failed"], 1, 200),
               (b["id"], "https://xylo.education/hooks/relay", ["request.completed"], 4, 120),
               (c["id"], "https://events.yuccabank.com/relay", ["request.completed", "request.failed"], 3, 180),
               anomalies=[failures(at(D, "16:45"), None, v2, 1.0, 404, "")])
    t = [ticket(14007, a, "Webhooks failing after your worker pool change?",
                "Hey folks,\n\nStarting around 12:45pm Eastern today every request.completed webhook to us shows as "
                "failed in your dashboard and nothing lands in our queue. I saw the changelog entry about webhooks "
                "moving to a new worker pool this afternoon and the timing lines up pretty well. We did ship our "
                "v3 API at lunchtime, but the v2 routes are supposed to stay up until April, so I don't think "
                "that's it.\n\nCan you take a look? We reconcile shipments off these events.\n\nCheers,\n"
                "Tom Becker\nBackend lead, Wharfline\n\n"
                "On Tue, Mar 16, 2027 at 9:12 AM Relay Support <support@relay.ai> wrote:\n"
                "> Hi Tom, you can add more endpoints under Settings → Webhooks and pick the events per endpoint.\n"
                "> Best, Relay Support", at(D, "19:20"), "Tom Becker", priority="high")]
    return scenario("", "webhook-failures-endpoint-moved",
                    "English ticket with a US Eastern (summer) time and a wrong guess (our worker-pool deploy at "
                    "16:28): Wharfline has three webhook endpoints; from 16:45 UTC only the v2 one answers 404 to "
                    "every delivery (their own v3 rollout removed it), the other two and the other orgs' endpoints "
                    "keep answering 200 (customer_endpoint). A signature-case bug and a queue-lag page in the "
                    "morning are bystanders.",
                    now, CO, [a, b, c], "2027-03-20T18:00:00Z", 14007, streams, [], t,
                    {14007: truth("webhook-failures", "customer_endpoint", [f"endpoint:{v2}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-950", "pagerduty:incident:PWHLAG321"],
                                  ["404", "16:45"])},
                    github=gh, webhooks=wh, linear=lin, pagerduty=pd, docs=[DOC_WEBHOOKS])


def api_errors_launch_no_fault_en():
    D, now = "2027-03-22", "2027-03-22T21:00:00Z"
    a = org("org_larkspur", "Larkspur Retail", "larkspur.shop", "enterprise")
    b = org("org_marigold", "Marigold Law", "marigoldlaw.com", "scale")
    c = org("org_nutmeg", "Nutmeg Foods", "nutmegfoods.co", "growth")
    gh = github(CO, 14701, "2027-03-21T16:00:00Z", now, 22)
    her = gh.deploy(14760, at(D, "14:52"), "router: per-org retry budget", ["src/router/retry-budget.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "m1n3b5v7c9x1", "Elevated error rates on Claude Opus 4.1", at(D, "15:05"),
                       at(D, "16:25"), "Requests to Claude Opus 4.1 return 500 errors at an elevated rate.")
    pd = [pd_incident("PGW5XX322", 8322, "Gateway 5xx ratio above 2% (us-east)", at(D, "15:20"), at(D, "15:50"),
                      "Gateway edge")]
    # Larkspur is a big org whose requests always fail at 3-3.5% (400/500 mix) and follow US office
    # hours; its spring sale doubles the assistant's traffic from 15:00 UTC, so the count of errors
    # doubles while the rate stays flat. Marigold's Opus traffic has the incident; Larkspur has no Opus.
    streams = [cycle(stream(a["id"], per_minute=18, p50=900, p95=2200, error_rate=0.035,
                            config_id="pc-larkspur-assistant"), 13, 23, 0.35, 1.15),
               cycle(stream(a["id"], model="gpt-4o-mini", per_minute=12, p50=500, p95=1300, error_rate=0.035,
                            config_id="pc-larkspur-rerank"), 13, 23, 0.35),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      error_rate=0.03, config_id="pc-larkspur-copy"),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=10, p50=2500, p95=6000,
                      config_id="pc-marigold-briefs"),
               stream(c["id"], per_minute=8, config_id="pc-nutmeg-menu")]
    an = [volume(at(D, "15:00"), None, {"config_id": "pc-larkspur-assistant"}, 2.0),
          errors(at(D, "15:10"), at(D, "16:20"), {"model": "claude-opus-4-1"}, 0.35, 500, "provider_error")]
    cfg = [one_target("pc-larkspur-assistant", a, "assistant", "vk-larkspur-openai", "gpt-4o", 30000),
           one_target("pc-larkspur-rerank", a, "rerank", "vk-larkspur-openai", "gpt-4o-mini", 20000),
           one_target("pc-larkspur-copy", a, "copy", "vk-larkspur-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-marigold-briefs", b, "briefs", "vk-marigold-anthropic", "claude-opus-4-1", 60000),
           one_target("pc-nutmeg-menu", c, "menu", "vk-nutmeg-openai", "gpt-4o", 30000)]
    t = [ticket(14008, a, "Error spike since 11am ET - incident on your end?",
                "Hi Relay team,\n\nOur Datadog monitor on the shopping assistant fired a little after 11am ET. "
                "Errors from the gateway went from ~40 an hour this morning to ~80 an hour and they're still up. "
                "Mostly 500s with some 400s mixed in. Today is the first day of our spring sale so this is terrible "
                "timing. Is there an incident? I noticed Anthropic's status page is yellow and you also shipped "
                "something right before.\n\nThanks,\nKayla Brooks\nSRE, Larkspur Retail", at(D, "18:40"),
                "Kayla Brooks", priority="urgent")]
    q = [question(14009, c, at(D, "17:00"), "SOC 2 report",
                  "Hi, could you send us your latest SOC 2 Type II report? Our security review needs it. Thanks!",
                  person="Leo Park")]
    return scenario("", "api-errors-launch-volume-no-fault",
                    "English ticket with a US Eastern (summer) time: Larkspur is a big org with a steady 3-3.5% "
                    "error rate and an office-hours cycle; its own spring sale doubles the assistant's traffic from "
                    "15:00 UTC, so the error count doubles at an unchanged rate (no_fault_found). Anthropic's Opus "
                    "incident (another org's model), a retry-budget deploy at 14:52 and an edge 5xx page are "
                    "bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2027-03-21T16:00:00Z", 14008, streams, an, t,
                    {14008: truth("api-errors", "no_fault_found", [],
                                  [opus, f"github:deployment:{her}", "pagerduty:incident:PGW5XX322"], ["15:00"])},
                    github=gh, statuspage=sp, configs=cfg, pagerduty=pd, questions=q)


DOC_MODELS_3 = doc("docs/providers/model-retirements.md", "Model retirements",
                   "# Model retirements\n\n| model | retired | replacement |\n|---|---|---|\n"
                   "| gpt-4-turbo-2024-04-09 | 2027-03-23 00:00 UTC | gpt-4.1 |\n"
                   "| claude-3-7-sonnet-20250219 | 2027-02-01 17:00 UTC | claude-sonnet-4-6 |\n\nAfter retirement "
                   "the provider answers 404 and the gateway returns `error_code: model_not_found`. Update "
                   "`override_params.model` in your config.\n")


def api_errors_two_causes_fr():
    D, now = "2027-03-23", "2027-03-23T14:00:00Z"
    a = org("org_ecureuil", "Écureuil Traductions", "ecureuil-trad.fr", "scale")
    b = org("org_galago", "Galago Apps", "galago.app", "growth")
    c = org("org_houx", "Houx Conseil", "houx-conseil.fr", "enterprise")
    gh = github(CO, 14801, "2027-03-22T09:00:00Z", now, 19)
    bad = gh.deploy(14850, at(D, "10:02"), "anthropic adapter: parse streamed usage with the new SSE reader",
                    ["src/providers/anthropic/sse.ts", "src/providers/anthropic/stream.ts"])
    near = gh.deploy(14851, at(D, "10:20"), "dashboard: error filter chips", ["ui/logs/error-filter.tsx"])
    sp = Statuspage(now)
    login = sp.incident("anthropic", "k2j4h6g8f0d2", "claude.ai login failures", at(D, "10:00"), at(D, "10:50"),
                        "Some users cannot log in to claude.ai.", component="claude.ai")
    streams = [stream(a["id"], model="gpt-4-turbo-2024-04-09", per_minute=6, p50=1800, p95=4200, prompt=2500,
                      completion=900, config_id="pc-ecureuil-traduction"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1300, p95=3000,
                      config_id="pc-ecureuil-redaction"),
               stream(a["id"], per_minute=10, config_id="pc-ecureuil-support"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      config_id="pc-galago-chat"),
               stream(c["id"], per_minute=8, config_id="pc-houx-notes")]
    # two causes for Écureuil: pc-ecureuil-traduction pins gpt-4-turbo-2024-04-09, retired at 00:00
    # UTC, so all of it fails 404 since midnight (~4,500 requests, primary); deploy #14850 (live
    # 10:04) breaks a third of every org's Anthropic requests with 502 from 10:05 (~1,300 of
    # Écureuil's, secondary; Galago's Haiku too). pc-ecureuil-support (gpt-4o) is fine.
    an = [errors(at(D, "00:00"), None, {"config_id": "pc-ecureuil-traduction"}, 1.0, 404, "model_not_found"),
          errors(at(D, "10:05"), None, {"provider": "anthropic"}, 0.35, 502, "invalid_upstream_response")]
    cfg = [config("pc-ecureuil-traduction", a["id"], "traduction",
                  [target("vk-ecureuil-openai", "gpt-4-turbo-2024-04-09", 60000)], updated="2026-05-04T08:00:00Z"),
           one_target("pc-ecureuil-redaction", a, "redaction", "vk-ecureuil-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-ecureuil-support", a, "support", "vk-ecureuil-openai", "gpt-4o", 30000),
           one_target("pc-galago-chat", b, "chat", "vk-galago-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-houx-notes", c, "notes", "vk-houx-openai", "gpt-4o", 30000)]
    t = [ticket(14010, a, "Deux problèmes depuis ce matin (404 + 502)",
                "Bonjour,\n\nDepuis ce matin, toutes nos traductions (pc-ecureuil-traduction) échouent en 404 "
                "« model_not_found », et depuis 11h environ (heure de Paris) nous avons aussi des 502 sur la "
                "rédaction avec Claude, à peu près un appel sur trois. Nous n'avons rien modifié de notre côté. Le "
                "support client (GPT-4o) fonctionne normalement.\n\nEst-ce lié ? Une panne chez OpenAI et chez "
                "Anthropic en même temps ?\n\nMerci d'avance,\nCamille Rousseau\nCTO — Écureuil Traductions",
                at(D, "12:40"), "Camille Rousseau", priority="urgent")]
    return scenario("", "api-errors-two-causes-french",
                    "French ticket with a Paris time: two causes at once. pc-ecureuil-traduction pins "
                    "gpt-4-turbo-2024-04-09, retired at 00:00 UTC, and fails 404 model_not_found since (primary, "
                    "customer_config); deploy #14850 (Anthropic SSE reader, live 10:04) makes a third of every org's "
                    "Anthropic requests fail 502 from 10:05 (secondary, deploy_regression). The org's GPT-4o config "
                    "is fine; a claude.ai login incident at 10:00 and a dashboard deploy at 10:20 are bystanders "
                    "among 19 routine deploys.",
                    now, CO, [a, b, c], "2027-03-22T09:00:00Z", 14010, streams, an, t,
                    {14010: truth("api-errors", "customer_config", ["config:pc-ecureuil-traduction"],
                                  ["config:pc-ecureuil-support", f"github:deployment:{near}", login], ["404", "502"],
                                  [secondary("deploy_regression", [f"github:deployment:{bad}"])])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_MODELS_3])


def latency_no_fault_es():
    D, now = "2027-03-24", "2027-03-24T12:00:00Z"
    a = org("org_jara", "Jara Viajes", "jaraviajes.es", "scale")
    b = org("org_kiwi", "Kiwi Sports", "kiwisports.nz", "growth")
    c = org("org_lince", "Lince Media", "lincemedia.es", "enterprise")
    gh = github(CO, 14901, "2027-03-23T07:00:00Z", now, 14)
    her = gh.deploy(14930, "2027-03-23T22:30:00Z", "gateway: HTTP/2 connections to upstream providers",
                    ["src/http/upstream-h2.ts", "src/http/pool.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "q8w6e4r2t0y8", "Elevated latency on Claude Opus 4.1", "2027-03-23T21:00:00Z",
                       "2027-03-23T22:30:00Z", "Claude Opus 4.1 responses are slower than usual.", impact="minor")
    lin = [linear_issue("GW-960", "Latency chart labels p99 as p95",
                        "The dashboard's latency chart shows the p99 series under the p95 label.",
                        "2027-03-18T10:00:00Z", labels=("bug", "dashboard"))]
    # Jara works Spanish office hours (volume only: provider time does not change with the hour);
    # its p50/p95, provider and gateway time are flat before and after the HTTP/2 deploy. Lince's
    # Opus traffic was slow last night with Anthropic's incident; Jara has no Opus.
    streams = [cycle(stream(a["id"], per_minute=16, p50=900, p95=2300, config_id="pc-jara-agente"), 7, 19, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      config_id="pc-jara-clasificador"),
               stream(b["id"], model="gpt-4o-mini", per_minute=12, p50=600, p95=1500, config_id="pc-kiwi-coach"),
               stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=6, p50=2500, p95=6000,
                      config_id="pc-lince-guiones")]
    an = [latency("2027-03-23T21:00:00Z", "2027-03-23T22:30:00Z", {"model": "claude-opus-4-1"}, 2.4)]
    cfg = [one_target("pc-jara-agente", a, "agente", "vk-jara-openai", "gpt-4o", 30000),
           one_target("pc-jara-clasificador", a, "clasificador", "vk-jara-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-kiwi-coach", b, "coach", "vk-kiwi-openai", "gpt-4o-mini", 20000),
           one_target("pc-lince-guiones", c, "guiones", "vk-lince-anthropic", "claude-opus-4-1", 60000)]
    t = [ticket(14011, a, "Latencia mucho peor desde vuestro despliegue de anoche",
                "Buenos días:\n\nDesde vuestro despliegue de anoche (lo vimos en el changelog, sobre las 23:30 hora "
                "peninsular, lo de HTTP/2) nuestro agente de reservas va bastante más lento. Respuestas que antes "
                "tardaban un segundo ahora tardan dos o más, sobre todo desde las 9 de la mañana, cuando entra el "
                "grueso de las consultas. Medido desde nuestro backend:\n\n"
                "time_total: 2.41s  (POST /v1/chat/completions, config pc-jara-agente)\n\n"
                "¿Podéis revertirlo o decirnos qué ha cambiado?\n\nUn saludo,\nNerea Castillo\n"
                "Arquitecta de software · Jara Viajes", at(D, "10:15"), "Nerea Castillo")]
    return scenario("", "latency-spike-no-fault-spanish",
                    "Spanish ticket with a Madrid time blaming the HTTP/2 deploy of 22:30 UTC: Jara's volume follows "
                    "office hours (from 07:00 UTC) but its p50/p95, provider and gateway time are flat before and "
                    "after the deploy; a 2.4 s call is within its usual p95 (no_fault_found). Lince's Opus slowness "
                    "with Anthropic's incident last night (a model Jara does not use) and a dashboard label bug are "
                    "bystanders.",
                    now, CO, [a, b, c], "2027-03-23T07:00:00Z", 14011, streams, an, t,
                    {14011: truth("latency-spike", "no_fault_found", [],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-960"], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


DOC_BUDGETS = doc("docs/limits/budgets.md", "Budgets on virtual keys",
                  "# Budgets on virtual keys\n\nA virtual key can carry a monthly spend budget. Once the key's "
                  "spend reaches it, every request through that key is answered 429 with `error_code: "
                  "budget_exceeded` until the budget is raised in Settings → Virtual keys or the next month "
                  "starts. Other keys of the organisation are not affected.\n")


def api_errors_key_budget_typos_en():
    D, now = "2027-03-25", "2027-03-25T16:00:00Z"
    a = org("org_moraine", "Moraine Analytics", "moraine.io", "growth")
    b = org("org_nettle", "Nettle Health", "nettlehealth.com", "scale")
    c = org("org_osier", "Osier Travel", "osiertravel.com", "growth")
    gh = github(CO, 15001, "2027-03-24T12:00:00Z", now, 17)
    her = gh.deploy(15040, at(D, "11:35"), "rate limiter: refill token buckets every second",
                    ["src/ratelimit/bucket.ts"])
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "u1y3t5r7e9w1", "Elevated errors on Claude Haiku 4.5", at(D, "11:30"),
                        at(D, "12:10"), "Claude Haiku 4.5 requests fail at an elevated rate.")
    # Moraine's summarizer key reaches its monthly budget at 11:42: from then on every request with
    # vk-moraine-summarizer is refused 429 budget_exceeded; Nettle's Sonnet traffic and Moraine's
    # own gpt-4o app key are fine, nothing is refused for the rate limit, no Sonnet incident.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1400, p95=3200,
                      prompt=3500, completion=400, config_id="pc-moraine-summaries", key="vk-moraine-summarizer"),
               stream(a["id"], per_minute=14, config_id="pc-moraine-app", key="vk-moraine-app"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-nettle-notes"),
               stream(c["id"], model="gpt-4o-mini", per_minute=10, p50=600, p95=1500, config_id="pc-osier-trips")]
    an = [errors(at(D, "11:42"), None, {"api_key_id": "vk-moraine-summarizer"}, 1.0, 429, "budget_exceeded")]
    cfg = [one_target("pc-moraine-summaries", a, "summaries", "vk-moraine-summarizer", "claude-sonnet-4-6", 30000),
           one_target("pc-moraine-app", a, "app", "vk-moraine-app", "gpt-4o", 30000),
           one_target("pc-nettle-notes", b, "notes", "vk-nettle-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-osier-trips", c, "trips", "vk-osier-openai", "gpt-4o-mini", 20000)]
    t = [ticket(15001, a, "Re: invoice address change",
                "hey, unrelated to the invoice thing — since around 7:40am eastern our sumarizer gets a 429 on every "
                "singel call. we are NOT sending more trafic than normal, its the same cron job as always, and our "
                "app calls (gpt-4o) are fine. did you guys change the rate limits?? we're on the growth plan.\n\n"
                "thx\nDan\n\n> On Mar 20, 2027, Relay Support wrote:\n> We've updated the billing address on your "
                "account; the next invoice will show it.", at(D, "13:05"), "Dan Whitaker", priority="high")]
    return scenario("", "api-errors-key-budget-typos",
                    "English ticket with typos, a stale subject from an older billing thread, a negation and a US "
                    "Eastern (summer) time: from 11:42 UTC every request with Moraine's summarizer key is refused "
                    "429 budget_exceeded (the key's monthly budget, as the docs describe); its gpt-4o key and "
                    "Nettle's Sonnet traffic are fine (rate_limited: a quota). A rate-limiter deploy at 11:35 and a "
                    "Haiku incident at 11:30 are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], "2027-03-24T12:00:00Z", 15001, streams, an, t,
                    {15001: truth("api-errors", "rate_limited", ["config:pc-moraine-summaries"],
                                  [f"github:deployment:{her}", haiku, "config:pc-moraine-app"], ["429", "budget"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_BUDGETS, DOC_RATE_LIMITS])


ALL = [routing_outage_opus_es, latency_deploy_noisy_org_de, fallback_wrong_config_pt,
       billing_two_meters_input_doubled_fr, metadata_two_causes_ja, webhook_endpoint_moved_en,
       api_errors_launch_no_fault_en, api_errors_two_causes_fr, latency_no_fault_es, api_errors_key_budget_typos_en]

if __name__ == "__main__":
    write_all(ALL)
