#!/usr/bin/env python3
"""Library scenarios where the answer depends on when things happened: a short burst shared by
every org inside a day of traffic (the comparison with the other orgs must be made in the
burst's own minutes, not over the whole window, where a big org's steady background errors and
the burst's dilution both mislead), and a deploy that went live three minutes before the onset
among routine ones. Run it to rewrite the JSON files; each truth is read from the data declared
here (anomalies, deploys, incidents), never from a run."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def shared_burst_noisy_neighbour():
    D, now = "2026-12-28", "2026-12-28T17:00:00Z"
    a = org("org_oriole", "Oriole Legal", "oriolelegal.com", "scale")
    b = org("org_pike", "Pike Freight", "pikefreight.io", "growth")
    c = org("org_quarry", "Quarry Retail", "quarryretail.com", "enterprise")
    gh = github(CO, 39111, "2026-12-27T15:00:00Z", now, 16)
    culprit = gh.deploy(39140, at(D, "15:02"), "anthropic adapter: map tool_use blocks to the new content schema",
                        ["src/providers/anthropic/tools.ts"])
    revert = gh.deploy(39141, at(D, "15:24"), "revert: anthropic adapter tool_use mapping",
                       ["src/providers/anthropic/tools.ts"])
    sp = Statuspage(now)
    other = sp.incident("anthropic", "q8w7e6r5t4y3", "Elevated errors on Claude Opus 4", at(D, "02:00"),
                        at(D, "02:40"), "Some requests to Claude Opus 4 fail with 500 errors.")
    # Quarry is a big org whose OpenAI traffic always fails at about 4%: not a burst, not "hit".
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300,
                      p95=3000, config_id="pc-oriole-review"),
               stream(a["id"], per_minute=8, config_id="pc-oriole-intake"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=420, p95=950,
                      config_id="pc-pike-dispatch"),
               stream(c["id"], per_minute=35, error_rate=0.04, config_id="pc-quarry-catalog")]
    # the deploy broke tool results on every org's Anthropic traffic for twenty minutes
    an = [errors(at(D, "15:05"), at(D, "15:25"), {"provider": "anthropic"}, 0.3, 400, "invalid_request")]
    cfg = [one_target("pc-oriole-review", a, "review", "vk-oriole-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-oriole-intake", a, "intake", "vk-oriole-openai", "gpt-4o", 30000),
           one_target("pc-pike-dispatch", b, "dispatch", "vk-pike-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-quarry-catalog", c, "catalog", "vk-quarry-openai", "gpt-4o", 30000)]
    t = [ticket(39101, a, "Burst of 400 errors this morning",
                "Hi team,\n\nBetween roughly 10:05 and 10:25 Eastern this morning our contract-review assistant "
                "got a burst of 400 invalid_request errors, maybe a third of its calls. It stopped on its own. "
                "We did not deploy or change any settings on our side today.\n\nCan you tell us what happened "
                "so I can explain it to our users?\n\nThanks,\nGrace Okafor\nOriole Legal", at(D, "16:10"),
                "Grace Okafor")]
    return scenario("", "api-errors-shared-burst-noisy-neighbour",
                    "A twenty-minute burst inside a day of traffic: deploy #39140 (Anthropic adapter tool_use "
                    "mapping, live 15:04) makes 30% of every org's Anthropic requests fail 400 invalid_request "
                    "15:05-15:25, when revert #39141 ships. Over the whole window the burst is diluted for the other "
                    "org that uses Anthropic, while a big org's steady 4% OpenAI background looks like errors: only "
                    "a comparison in the burst's own minutes shows that every org using Anthropic failed then. "
                    "An Opus incident that night and 16 routine deploys are bystanders.",
                    now, CO, [a, b, c], "2026-12-27T15:00:00Z", 39101, streams, an, t,
                    {39101: truth("api-errors", "deploy_regression", [f"github:deployment:{culprit}"],
                                  [f"github:deployment:{revert}", other, "config:pc-oriole-review"],
                                  ["400"])},
                    github=gh, statuspage=sp, configs=cfg)


def onset_before_window():
    # The ticket says "since about 11:30 CET" (10:30 UTC); the failures began at 09:10 UTC the day
    # before, more than a day before that time, and never stopped: over the ticket's own window
    # (the 24 hours before 10:30) the error rate is flat and the deploy that caused it is outside it.
    D, prev, now = "2027-01-13", "2027-01-12", "2027-01-13T12:00:00Z"
    a = org("org_lumen", "Lumen Health", "lumenhealth.de", "scale")
    b = org("org_mistral_bay", "Mistral Bay Travel", "mistralbay.travel", "growth")
    c = org("org_nordkap", "Nordkap Logistics", "nordkap.no", "enterprise")
    gh = github(CO, 52180, at(prev, "10:30"), at(D, "11:30"), 12)
    culprit = gh.deploy(52210, at(prev, "09:05"), "anthropic adapter: stream tool_use input deltas",
                        ["src/providers/anthropic/stream.ts", "src/providers/anthropic/tools.ts"])
    # shipped a few minutes before the time the customer gives, touching the same adapter
    decoy = gh.deploy(52211, at(D, "10:22"), "anthropic adapter: log retry jitter per attempt",
                      ["src/providers/anthropic/retry.ts"])
    sp = Statuspage(now)
    other = sp.incident("anthropic", "z5x4c3v2b1n0", "claude.ai conversations slow to load", at(D, "10:40"),
                        at(D, "11:20"), "Some users of claude.ai see conversations load slowly.",
                        component="claude.ai", impact="minor")
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1400, p95=3200,
                      config_id="pc-lumen-triage"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=5, p50=120,
                      p95=300, completion=0, config_id="pc-lumen-search"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=450, p95=1000,
                      config_id="pc-mistralbay-chat"),
               stream(c["id"], per_minute=12, config_id="pc-nordkap-ops")]
    # every org's Anthropic traffic, from 09:10 the day before until now
    an = [errors(at(prev, "09:10"), None, {"provider": "anthropic"}, 0.3, 500, "internal_error")]
    cfg = [one_target("pc-lumen-triage", a, "triage", "vk-lumen-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-lumen-search", a, "search", "vk-lumen-openai", "text-embedding-3-small", 10000),
           one_target("pc-mistralbay-chat", b, "chat", "vk-mistralbay-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-nordkap-ops", c, "ops", "vk-nordkap-openai", "gpt-4o", 30000)]
    t = [ticket(52101, a, "Claude requests failing with 500",
                "Hello,\n\nsince about 11:30 CET roughly a third of our triage assistant's calls to "
                "Claude come back with HTTP 500 internal_error. Embeddings are fine. We have not changed "
                "anything in our integration this week.\n\nCould you check what is going on?\n\nBest "
                "regards,\nJonas Weber\nLumen Health", at(D, "11:40"), "Jonas Weber")]
    return scenario("", "api-errors-onset-before-window",
                    "The ticket's time is 11:30 CET (10:30 UTC) today, but deploy #52210 (Anthropic adapter "
                    "streaming of tool_use deltas, live 09:07 the day before) makes 30% of every org's "
                    "Anthropic requests fail 500 internal_error from 09:10 the day before, without end. Over the "
                    "24 hours before the ticket's time the error rate is flat and the deploy lies before them: "
                    "the onset is found only by looking further back. Deploy #52211 on the same adapter at "
                    "10:22 today (just before the customer's time), a claude.ai incident and 12 routine deploys "
                    "are bystanders.",
                    now, CO, [a, b, c], at(prev, "06:00"), 52101, streams, an, t,
                    {52101: truth("api-errors", "deploy_regression", [f"github:deployment:{culprit}"],
                                  [f"github:deployment:{decoy}", other, "config:pc-lumen-triage"],
                                  ["500"])},
                    github=gh, statuspage=sp, configs=cfg)


def since_yesterday_only():
    # The ticket says only "desde ayer" (since yesterday); the slowdown began at 15:40 UTC
    # yesterday with OpenAI's GPT-4o latency incident and is still going on.
    D, prev, now = "2027-01-20", "2027-01-19", "2027-01-20T10:30:00Z"
    a = org("org_quetzal", "Quetzal Seguros", "quetzalseguros.mx", "scale")
    b = org("org_rimac", "Rímac Datos", "rimacdatos.pe", "growth")
    c = org("org_sauce", "Sauce Analytics", "sauceanalytics.cl", "growth")
    gh = github(CO, 53300, at(prev, "05:00"), at(D, "09:30"), 10)
    # shipped just after midnight, when "since yesterday" begins, on the gateway's HTTP client
    decoy = gh.deploy(53320, at(prev, "00:12"), "gateway: smaller HTTP keep-alive pool per upstream",
                      ["src/gateway/http/pool.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "w2e4r6t8y0u1", "Increased latency on GPT-4o", at(prev, "15:35"), None,
                      "We are seeing increased response times for GPT-4o requests.")
    other = sp.incident("openai", "m3n5b7v9c1x2", "ChatGPT login errors", at(prev, "09:05"), at(prev, "09:50"),
                        "Some users cannot log in to ChatGPT.", component="ChatGPT")
    streams = [stream(a["id"], per_minute=10, p50=900, p95=2100, config_id="pc-quetzal-siniestros"),
               stream(a["id"], model="gpt-4o-mini", per_minute=6, p50=500, p95=1200,
                      config_id="pc-quetzal-clasificador"),
               stream(b["id"], per_minute=7, p50=850, p95=2000, config_id="pc-rimac-reportes"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1300, p95=3000,
                      config_id="pc-sauce-insights")]
    an = [latency(at(prev, "15:40"), None, {"model": "gpt-4o"}, 2.8)]
    cfg = [one_target("pc-quetzal-siniestros", a, "siniestros", "vk-quetzal-openai", "gpt-4o", 30000),
           one_target("pc-quetzal-clasificador", a, "clasificador", "vk-quetzal-mini", "gpt-4o-mini", 15000),
           one_target("pc-rimac-reportes", b, "reportes", "vk-rimac-openai", "gpt-4o", 30000),
           one_target("pc-sauce-insights", c, "insights", "vk-sauce-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(53101, a, "Lentitud en el asistente de siniestros",
                "Hola:\n\nDesde ayer el asistente de siniestros tarda muchísimo en contestar; antes respondía "
                "en un par de segundos y ahora los agentes esperan bastante más. No hemos tocado nada de nuestro "
                "lado.\n\n¿Pueden revisarlo?\n\nSaludos,\nMariana Robles\nQuetzal Seguros",
                at(D, "10:20"), "Mariana Robles")]
    return scenario("", "latency-spike-since-yesterday-spanish",
                    "Spanish ticket saying only 'since yesterday': OpenAI gpt-4o provider time x2.8 from 15:40 "
                    "UTC yesterday for every org using it, ongoing, with OpenAI's GPT-4o latency incident "
                    "(provider_outage). gpt-4o-mini and Claude traffic are unchanged. A keep-alive pool deploy "
                    "at 00:12 yesterday (when 'yesterday' begins), a ChatGPT login incident and 10 routine "
                    "deploys are bystanders.",
                    now, CO, [a, b, c], at(prev, "04:30"), 53101, streams, an, t,
                    {53101: truth("latency-spike", "provider_outage", [inc],
                                  [f"github:deployment:{decoy}", other], ["gpt-4o"])},
                    github=gh, statuspage=sp, configs=cfg)


ALL = [shared_burst_noisy_neighbour, onset_before_window, since_yesterday_only]

if __name__ == "__main__":
    write_all(ALL)
