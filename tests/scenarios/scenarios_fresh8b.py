#!/usr/bin/env python3
"""Eight library scenarios in January and June 2030, in the API-error, latency, fallback and
provider-routing patterns, written before the engine ran on them: an incident on one Claude model
beside an overlapping incident on another Anthropic product; a config saved with a rotated-out
virtual key among three; an office-hours latency cycle the customer reads as a morning slowdown beside our
deploy; a provider's own latency rising while the gateway's time stays flat; a fallback whose
on_status_codes lacks the 529 its primary answers; one router deploy among twenty-odd that stops
every fallback; a nested loadbalance inside a fallback whose weights the customer changed; and a
provider incident beside the org's own rate limit at once.

January 2030: Europe on standard time (Berlin UTC+1), Bogotá UTC-5 and São Paulo UTC-3 all year.
June 2030: Europe on summer time (Paris UTC+2), New York UTC-4, Tokyo UTC+9 all year.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))

DOC_LOADBALANCE = doc("docs/routing/loadbalance.md", "Load balancing",
                      "# Load balancing\n\nA config with `strategy.mode = loadbalance` sends each request to one "
                      "of its targets at random, in proportion to the targets' `weight`. A loadbalance group can "
                      "be a target of a fallback config: the fallback tries the group first (one of its targets, "
                      "by weight) and the next target only when the chosen one fails. Changing a weight changes "
                      "the share of requests each provider receives from the next request on.\n")


def api_errors_sonnet_incident_es():
    """Anthropic's incident on Claude Sonnet 4.5 alone; an overlapping claude.ai incident is another
    product."""
    D, now = "2030-01-15", "2030-01-15T17:40:00Z"
    a = org("org_guayacan", "Guayacán Seguros", "guayacanseguros.co", "scale")
    b = org("org_ceiba", "Ceiba Educación", "ceibaedu.co", "enterprise")
    c = org("org_yarumo", "Yarumo Apps", "yarumoapps.com", "growth")
    gh = github(CO, 31101, "2030-01-14T16:00:00Z", now, 19)
    her = gh.deploy(31140, at(D, "13:48"), "anthropic adapter: map stop_reason refusal to finish_reason",
                    ["src/providers/anthropic/response.ts", "src/providers/anthropic/response.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "s4n5e6t7i8a9", "Elevated errors on Claude Sonnet 4.5", at(D, "14:05"),
                      at(D, "14:55"), "We are seeing elevated error rates on requests to Claude Sonnet 4.5.")
    web = sp.incident("anthropic", "c1a2i3w4e5b6", "claude.ai conversations failing to load", at(D, "13:50"),
                      at(D, "15:20"), "Some users cannot load conversations on claude.ai.", component="claude.ai")
    lin = [linear_issue("GW-4011", "Anthropic: 529 passed through as 500 on /v1/messages batch",
                        "Batch requests to /v1/messages/batches report 500 when Anthropic answers 529.",
                        "2030-01-08T10:00:00Z", labels=("bug", "provider:anthropic"))]
    # 14:05-14:55 UTC (09:05-09:55 in Bogotá, UTC-5) Claude Sonnet 4.5 answers 529 to 40% of every
    # org's requests: Guayacán's claims assistant (pc-guayacan-siniestros) and Ceiba's tutor. The
    # status page's Sonnet 4.5 incident gives the same model and minutes. Guayacán's Claude Haiku
    # classifier and gpt-4.1-mini mail config are fine. The claude.ai incident (13:50-15:20) is the
    # consumer product, not the API; the stop_reason deploy of 13:48 touched every Claude model and
    # Haiku kept its rate; the batch bug is another route.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=14, p50=2400, p95=5600,
                      config_id="pc-guayacan-siniestros", key="vk-guayacan-app", sdk="portkey-python/1.20.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=600, p95=1500,
                      config_id="pc-guayacan-clasifica", key="vk-guayacan-app", sdk="portkey-python/1.20.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700,
                      config_id="pc-guayacan-correo", key="vk-guayacan-mail", sdk="portkey-node/2.8.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=9, p50=2500, p95=5800,
                      config_id="pc-ceiba-tutor"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3400, config_id="pc-yarumo-bot")]
    an = [errors(at(D, "14:05"), at(D, "14:55"), {"model": "claude-sonnet-4-5"}, 0.4, 529, "provider_overloaded")]
    cfg = [one_target("pc-guayacan-siniestros", a, "siniestros", "vk-guayacan-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-guayacan-clasifica", a, "clasifica", "vk-guayacan-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-guayacan-correo", a, "correo", "vk-guayacan-openai", "gpt-4.1-mini", 20000),
           one_target("pc-ceiba-tutor", b, "tutor", "vk-ceiba-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-yarumo-bot", c, "bot", "vk-yarumo-openai", "gpt-4.1", 30000)]
    t = [ticket(31101, a, "Errores 529 en el asistente de siniestros",
                "Buenas tardes:\n\nEsta mañana, más o menos entre las 9:05 y las 9:55 (hora de Bogotá), el asistente "
                "de siniestros devolvió muchísimos errores 529 \"overloaded\". El clasificador, que también usa "
                "Claude, y el correo con GPT no tuvieron problemas. Vimos en la página de estado de Anthropic que "
                "claude.ai estaba caído a esa hora; ¿tiene algo que ver, o fue algo de ustedes? Necesitamos "
                "explicarle al área de riesgos qué pasó.\n\nCordialmente,\nMaría Fernanda Quintero\n"
                "Arquitectura de Soluciones · Guayacán Seguros", at(D, "16:30"), "María Fernanda Quintero")]
    return scenario("", "api-errors-sonnet-incident-claude-ai-bystander-spanish",
                    "Colombian Spanish ticket (Bogotá, UTC-5, asks about the claude.ai outage): 14:05-14:55 UTC "
                    "Claude Sonnet 4.5 answers 529 to 40% of every org's requests, the model and minutes of "
                    "Anthropic's Sonnet 4.5 incident, while the org's Haiku and GPT configs are fine "
                    "(provider_outage). The overlapping claude.ai incident (another product), a stop_reason "
                    "deploy at 13:48 and a batch 529 bug are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2030-01-14T16:00:00Z", 31101, streams, an, t,
                    {31101: truth("api-errors", "provider_outage", [inc],
                                  [web, f"github:deployment:{her}", "linear:issue:GW-4011", "config:pc-guayacan-clasifica"],
                                  ["claude-sonnet-4-5"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def api_errors_rotated_key_en():
    """A config edited to a virtual key the org rotated out; two other configs of the org are fine; the
    customer guesses an outage."""
    D, now = "2030-06-11", "2030-06-11T18:30:00Z"
    a = org("org_kestrel", "Kestrel Legal", "kestrel-legal.com", "scale")
    b = org("org_plover", "Plover Health", "plover.health", "enterprise")
    gh = github(CO, 31201, "2030-06-10T14:00:00Z", now, 17)
    her = gh.deploy(31240, at(D, "13:55"), "openai adapter: send the new store parameter",
                    ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"])
    sp = Statuspage(now)
    sora = sp.incident("openai", "k3s5o7r9a1v3", "Elevated errors on Sora", at(D, "14:00"), at(D, "15:10"),
                       "Some Sora generations fail.", component="Sora")
    img = sp.incident("openai", "i2m4a6g8e0s2", "Image generation degraded in ChatGPT", at(D, "15:30"),
                      at(D, "16:20"), "Image generation in ChatGPT is slower than usual.", component="ChatGPT",
                      impact="minor")
    # Kestrel's contract summariser (pc-kestrel-summaries, gpt-4.1-mini) was saved at 14:12 UTC
    # (10:12 in New York) with the virtual key vk-kestrel-openai-2029, the key the org rotated out in
    # May: from 14:13 every request of that config is refused 401 invalid_api_key. Kestrel's clause
    # search (pc-kestrel-search, gpt-4.1-mini too, same client key, the current provider key) and its
    # Claude drafting config are fine, and so is Plover's gpt-4.1-mini: no outage. The
    # store-parameter deploy of 13:55 touched every org's OpenAI requests; the Sora and ChatGPT
    # incidents are other products.
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=900, p95=2100, prompt=6000, completion=500,
                      config_id="pc-kestrel-summaries", key="vk-kestrel-docs", sdk="portkey-python/1.21.0",
                      metadata={"matter": "M-2291"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-kestrel-search",
                      key="vk-kestrel-docs", sdk="portkey-python/1.21.0"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=6, p50=2600, p95=6000,
                      config_id="pc-kestrel-drafting", key="vk-kestrel-drafting", sdk="portkey-node/2.9.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, config_id="pc-plover-triage")]
    an = [errors(at(D, "14:13"), None, {"config_id": "pc-kestrel-summaries"}, 1.0, 401, "invalid_api_key")]
    edited = config("pc-kestrel-summaries", a["id"], "summaries",
                    [target("vk-kestrel-openai-2029", "gpt-4.1-mini", 30000)], updated=at(D, "14:12"))
    cfg = [edited, one_target("pc-kestrel-search", a, "search", "vk-kestrel-openai", "gpt-4.1-mini", 20000),
           one_target("pc-kestrel-drafting", a, "drafting", "vk-kestrel-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-plover-triage", b, "triage", "vk-plover-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(31201, a, "Outage? Summaries failing since this morning",
                "Hi,\n\nLooks like you're having an outage: since around 10:15 this morning (New York) every single "
                "request from our contract summarizer fails. The clause search and the Claude drafting tool still "
                "work, so I assume it's one of your OpenAI nodes being down. Can you tell us when it'll be back? "
                "Our associates are waiting on summaries for a filing deadline.\n\nThanks,\nDana Whitfield\n"
                "Engineering Lead, Kestrel Legal", at(D, "17:50"), "Dana Whitfield", priority="urgent")]
    return scenario("", "api-errors-rotated-key-config-outage-guess",
                    "English ticket (New York summer time) guessing an outage: pc-kestrel-summaries was saved at "
                    "14:12 UTC with the virtual key the org rotated out in May, so from 14:13 all its requests are "
                    "refused 401 invalid_api_key, while the org's other gpt-4.1-mini config, its Claude config and another "
                    "org's gpt-4.1-mini are fine (customer_config). A store-parameter deploy at 13:55 and Sora and "
                    "ChatGPT incidents are bystanders among 17 routine deploys.",
                    now, CO, [a, b], "2030-06-10T14:00:00Z", 31201, streams, an, t,
                    {31201: truth("api-errors", "customer_config", ["config:pc-kestrel-summaries"],
                                  [f"github:deployment:{her}", sora, img, "config:pc-kestrel-search"],
                                  ["401"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_office_cycle_no_fault_de():
    """A big org's office-hours cycle: the morning is as slow as the same hours of the day
    before; our deploy that morning changed nothing."""
    D, now = "2030-01-22", "2030-01-22T11:20:00Z"
    a = org("org_lindwurm", "Lindwurm Versicherungen", "lindwurm-vers.de", "enterprise")
    b = org("org_kranich", "Kranich Reisen", "kranich-reisen.de", "scale")
    c = org("org_dachs", "Dachs Software", "dachs-software.at", "growth")
    gh = github(CO, 31301, "2030-01-21T05:30:00Z", now, 22)
    her = gh.deploy(31340, at(D, "07:35"), "router: reuse upstream connections across requests",
                    ["src/router/upstream-pool.ts", "src/router/upstream-pool.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "o1p2u3s4l5a6", "Increased latency on Claude Opus 4.1", at(D, "08:10"),
                       at(D, "09:00"), "Some Claude Opus 4.1 requests are slower than usual.", impact="minor")
    # Lindwurm is a big org: four configs, a 3% background error rate on every stream and an
    # office-hours cycle 07:00-16:00 UTC (08:00-17:00 in Berlin): full volume and 1.8 times the
    # provider time at the busy hours, 30% of the volume at night. Yesterday's 08:00-11:00 UTC had
    # the same latency as today's; nothing changed this morning. Lindwurm uses no Opus; the
    # connection-pool deploy of 07:35 touched every org and no stream's gateway time changed.
    sdk = "portkey-python/1.20.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=16, p50=1400, p95=3200, error_rate=0.03,
                            config_id="pc-lindwurm-schaden", key="vk-lindwurm-schaden", sdk=sdk), 7, 16, 0.3, 1.8),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=10, p50=2200,
                            p95=5000, error_rate=0.03, config_id="pc-lindwurm-vertrag", key="vk-lindwurm-vertrag",
                            sdk=sdk), 7, 16, 0.3, 1.8),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=650, p95=1600, error_rate=0.03,
                            config_id="pc-lindwurm-kundenportal", key="vk-lindwurm-portal",
                            sdk="portkey-node/2.8.0"), 7, 16, 0.3, 1.8),
               cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=150,
                            p95=380, prompt=700, completion=0, error_rate=0.03, config_id="pc-lindwurm-suche",
                            key="vk-lindwurm-schaden", sdk=sdk), 7, 16, 0.3, 1.8),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=5, p50=5000, p95=11000,
                      config_id="pc-kranich-planung"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-dachs-hilfe")]
    an = [latency(at(D, "08:10"), at(D, "09:00"), {"model": "claude-opus-4-1"}, 2.2)]
    cfg = [one_target("pc-lindwurm-schaden", a, "schaden", "vk-lindwurm-openai", "gpt-4.1", 60000),
           one_target("pc-lindwurm-vertrag", a, "vertrag", "vk-lindwurm-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-lindwurm-kundenportal", a, "kundenportal", "vk-lindwurm-openai", "gpt-4.1-mini", 30000),
           one_target("pc-lindwurm-suche", a, "suche", "vk-lindwurm-openai", "text-embedding-3-large", 10000),
           one_target("pc-kranich-planung", b, "planung", "vk-kranich-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-dachs-hilfe", c, "hilfe", "vk-dachs-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(31301, a, "Antwortzeiten seit heute Morgen deutlich schlechter",
                "Sehr geehrte Damen und Herren,\n\nseit heute Morgen sind die Antwortzeiten unserer Anwendungen "
                "(Schadenbearbeitung, Vertragsprüfung, Kundenportal) spürbar schlechter, die Fachbereiche "
                "beschweren sich seit etwa 8 Uhr. In Ihrem Changelog sehen wir, dass Sie heute früh etwas am "
                "Router geändert haben (Verbindungen). Bitte prüfen Sie, ob das die Ursache ist, und geben Sie uns "
                "eine Einschätzung.\n\nMit freundlichen Grüßen\nDr. Katharina Vogt\nIT-Betrieb, Lindwurm "
                "Versicherungen AG", at(D, "10:55"), "Katharina Vogt", priority="high")]
    return scenario("", "latency-spike-office-cycle-router-deploy-no-fault-german",
                    "Formal German ticket (Berlin winter time, blames our router deploy) from a big org with a 3% "
                    "background error rate: its four configs follow an office-hours cycle (1.8 times the provider "
                    "time at 07:00-16:00 UTC) and this morning is as slow as the same hours yesterday "
                    "(no_fault_found). The connection-pool deploy at 07:35 and an Opus latency incident (another "
                    "org's model) are bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2030-01-21T05:30:00Z", 31301, streams, an, t,
                    {31301: truth("latency-spike", "no_fault_found", [],
                                  [f"github:deployment:{her}", opus], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg)


def latency_provider_gpt41_ja():
    """OpenAI's own time on gpt-4.1 rises with its incident; the gateway's time is flat; the
    customer blames our deploy."""
    D, now = "2030-06-19", "2030-06-19T05:30:00Z"
    a = org("org_kamome", "Kamome Shoji", "kamome-shoji.co.jp", "enterprise")
    b = org("org_hotaru", "Hotaru Studio", "hotaru.studio", "scale")
    c = org("org_fukuro", "Fukuro Bank", "fukuro-bank.jp", "enterprise")
    gh = github(CO, 31401, "2030-06-18T07:00:00Z", now, 20)
    her = gh.deploy(31440, at(D, "01:05"), "gateway: batch request-log writes",
                    ["src/logs/writer.ts", "src/logs/writer-batch.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "g1p2t3l4a5t6", "Increased latency on GPT-4.1", at(D, "01:20"), at(D, "03:10"),
                      "Requests to GPT-4.1 are taking longer than usual.", impact="minor")
    rt = sp.incident("openai", "r7t8i9m0e1x2", "Realtime API sessions dropping", at(D, "04:00"), at(D, "04:40"),
                     "Some Realtime API sessions disconnect.", component="Realtime API")
    # 01:20-03:10 UTC (10:20-12:10 JST) OpenAI's own time on gpt-4.1 is three times its usual for
    # every org (Kamome's quote assistant, Fukuro's KYC review), the model and minutes of OpenAI's
    # incident; the gateway's time stays at ~10 ms. Kamome's gpt-4.1-mini FAQ and Hotaru's Claude are
    # as fast as before. The log-writer deploy of 01:05 would add gateway time on every request; the
    # Realtime incident is later and another product.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=12, p50=1500, p95=3400, gateway_ms=10,
                      config_id="pc-kamome-mitsumori", key="vk-kamome-eigyo", sdk="portkey-python/1.21.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=650, p95=1600, gateway_ms=10,
                      config_id="pc-kamome-faq", key="vk-kamome-web", sdk="portkey-node/2.9.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                      config_id="pc-hotaru-npc"),
               stream(c["id"], model="gpt-4.1", per_minute=8, p50=1600, p95=3600, config_id="pc-fukuro-kyc")]
    an = [latency(at(D, "01:20"), at(D, "03:10"), {"model": "gpt-4.1"}, 3.0)]
    cfg = [one_target("pc-kamome-mitsumori", a, "mitsumori", "vk-kamome-openai", "gpt-4.1", 60000),
           one_target("pc-kamome-faq", a, "faq", "vk-kamome-openai", "gpt-4.1-mini", 20000),
           one_target("pc-hotaru-npc", b, "npc", "vk-hotaru-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-fukuro-kyc", c, "kyc", "vk-fukuro-openai", "gpt-4.1", 60000)]
    t = [ticket(31401, a, "見積アシスタントの応答遅延について",
                "ご担当者様\n\nいつもお世話になっております。鴎商事 情報システム部の山本でございます。\n\n"
                "本日10時20分頃（JST）から12時過ぎまで、見積アシスタントの応答が通常の3倍ほど遅くなりました。"
                "同じ時間帯に御社が本日10時過ぎにリクエストログ関連の変更をリリースされたと伺っており、"
                "その影響ではないかと考えております。FAQボットは特に問題ございませんでした。\n\n"
                "原因と再発防止策についてご教示いただけますと幸いです。\n\n山本 健太\n鴎商事株式会社 情報システム部",
                at(D, "04:45"), "Kenta Yamamoto")]
    return scenario("", "latency-spike-gpt41-provider-time-deploy-guess-japanese",
                    "Formal Japanese ticket (JST, blames our log-writer deploy): 01:20-03:10 UTC OpenAI's own time "
                    "on gpt-4.1 triples for every org, the model and minutes of OpenAI's latency incident, while "
                    "the gateway's time is flat and gpt-4.1-mini and Claude are as fast as before "
                    "(provider_outage). The log-writer deploy at 01:05 and a later Realtime incident are bystanders "
                    "among 20 routine deploys.",
                    now, CO, [a, b, c], "2030-06-18T07:00:00Z", 31401, streams, an, t,
                    {31401: truth("latency-spike", "provider_outage", [inc],
                                  [f"github:deployment:{her}", rt, "config:pc-kamome-faq"], ["gpt-4.1"])},
                    github=gh, statuspage=sp, configs=cfg)


def fallback_529_not_listed_fr():
    """The primary answers 529, which the config's on_status_codes does not list; another org's
    config lists it and fails over."""
    D, now = "2030-06-05", "2030-06-05T16:30:00Z"
    a = org("org_mirabelle", "Mirabelle Assurances", "mirabelle.fr", "scale")
    b = org("org_lavande", "Lavande Édition", "lavande-edition.fr", "enterprise")
    c = org("org_olivier", "Olivier Mobilité", "oliviermobilite.fr", "growth")
    gh = github(CO, 31501, "2030-06-04T12:00:00Z", now, 18)
    her = gh.deploy(31540, at(D, "12:40"), "router: expose last_used_option_index in logs",
                    ["src/router/fallback-log.ts", "ui/logs/request-detail.tsx"])
    sp = Statuspage(now)
    cc = sp.incident("anthropic", "c0d1e2c3o4d5", "Claude Code login errors", at(D, "12:50"), at(D, "13:30"),
                     "Some users cannot log in to Claude Code.", component="Claude Code", impact="minor")
    lin = [linear_issue("GW-4051", "Fallback: on_status_codes ignored when retry.attempts is 0",
                        "A target with retry.attempts 0 never fails over, whatever on_status_codes lists.",
                        "2030-05-28T10:00:00Z", labels=("bug", "router"))]
    # 13:10-14:30 UTC (15:10-16:30 in Paris) claude-sonnet-4-5 answers 529 overloaded to 35% of
    # requests. Mirabelle's pc-mirabelle-devis falls back from claude-sonnet-4-5 to gpt-4.1 but
    # lists only 429/500/502/503/504 in on_status_codes (retry.attempts 2): the 529s are returned
    # to its client, nothing fails over. Lavande's fallback config lists 529 and its 529'd requests
    # are served by gpt-4.1 (fallback_used). The last_used_option_index deploy of 12:40 only logs;
    # the attempts-0 bug needs attempts 0; the Claude Code incident is another product.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=14, p50=2300, p95=5400,
                      config_id="pc-mirabelle-devis", key="vk-mirabelle-app", sdk="portkey-python/1.21.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700,
                      config_id="pc-mirabelle-tri", key="vk-mirabelle-app", sdk="portkey-python/1.21.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=10, p50=2400, p95=5600,
                      config_id="pc-lavande-relecture"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3400, config_id="pc-olivier-trajets")]
    an = [errors(at(D, "13:10"), at(D, "14:30"), {"config_id": "pc-mirabelle-devis"}, 0.35, 529,
                 "provider_overloaded"),
          errors(at(D, "13:10"), at(D, "14:30"), {"config_id": "pc-lavande-relecture"}, 0.35, 529,
                 "provider_overloaded", {"provider": "openai", "model": "gpt-4.1"})]
    cfg = [config("pc-mirabelle-devis", a["id"], "devis",
                  [target("vk-mirabelle-anthropic", "claude-sonnet-4-5", 30000, [429, 500, 502, 503, 504]),
                   target("vk-mirabelle-openai", "gpt-4.1", 30000)], mode="fallback", updated="2030-02-12T10:00:00Z"),
           one_target("pc-mirabelle-tri", a, "tri", "vk-mirabelle-openai", "gpt-4.1-mini", 20000),
           config("pc-lavande-relecture", b["id"], "relecture",
                  [target("vk-lavande-anthropic", "claude-sonnet-4-5", 30000, [429, 500, 503, 529]),
                   target("vk-lavande-openai", "gpt-4.1", 30000)], mode="fallback"),
           one_target("pc-olivier-trajets", c, "trajets", "vk-olivier-openai", "gpt-4.1", 30000)]
    t = [ticket(31501, a, "Le repli vers GPT-4.1 ne fonctionne pas",
                "Bonjour,\n\nCet après-midi, entre 15 h 10 et 16 h 30 (heure de Paris), notre outil de devis a "
                "renvoyé des erreurs à nos conseillers alors que la configuration pc-mirabelle-devis prévoit un "
                "repli vers GPT-4.1. Extrait de nos journaux :\n\n"
                "Traceback (most recent call last):\n"
                "  File \"/srv/devis/app/generate.py\", line 88, in rediger_devis\n"
                "    resp = client.chat.completions.create(model=\"claude-sonnet-4-5\", messages=msgs)\n"
                "  File \"/usr/lib/python3.12/site-packages/portkey_ai/api_resources/apis/chat_complete.py\", "
                "line 104, in create\n"
                "    return self._post(...)\n"
                "portkey_ai.APIStatusError: Error code: 529 - {'error': {'code': 'provider_overloaded', "
                "'message': 'Overloaded'}}\n\n"
                "Le repli est-il désactivé de votre côté depuis votre mise en production de 14 h 40 ?\n\n"
                "Bien cordialement,\nJulien Marchand\nResponsable technique, Mirabelle Assurances",
                at(D, "15:05"), "Julien Marchand", priority="high")]
    return scenario("", "fallback-529-not-in-status-codes-french",
                    "French ticket (Paris summer time, pasted Python traceback, suspects our noon deploy): "
                    "13:10-14:30 UTC claude-sonnet-4-5 answers 529 to 35% of requests; pc-mirabelle-devis lists "
                    "only 429/500/502/503/504 in on_status_codes, so its 529s reach the client, while another "
                    "org's fallback config that lists 529 fails over to gpt-4.1 (customer_config). A "
                    "last_used_option_index deploy at 12:40, an attempts-0 bug and a Claude Code incident are "
                    "bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2030-06-04T12:00:00Z", 31501, streams, an, t,
                    {31501: truth("fallback", "customer_config", ["config:pc-mirabelle-devis"],
                                  [f"github:deployment:{her}", "linear:issue:GW-4051", cc],
                                  ["529", "on_status_codes"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


def fallback_router_deploy_question_en():
    """One router deploy among 25 stops every fallback config from failing over during an ongoing
    gpt-4.1 error burst; asked as a question, with an older support reply quoted."""
    D, now = "2030-01-09", "2030-01-09T16:00:00Z"
    a = org("org_marten", "Marten Logistics", "martenlogistics.com", "scale")
    b = org("org_stoat", "Stoat Analytics", "stoat.io", "enterprise")
    c = org("org_vole", "Vole Games", "volegames.com", "growth")
    gh = github(CO, 31601, "2030-01-08T10:00:00Z", now, 25)
    her = gh.deploy(31640, at(D, "12:32"), "router: share one retry budget between retries and fallbacks",
                    ["src/router/fallback.ts", "src/router/retry-budget.ts", "src/router/fallback.test.ts"],
                    author="noor")
    ui = gh.deploy(31641, at(D, "11:48"), "config editor: fallback targets drag and drop",
                   ["ui/configs/fallback-targets.tsx"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "f5a6l7l8b9k0", "Elevated 503 errors on GPT-4.1", at(D, "11:30"), at(D, "14:30"),
                      "Some GPT-4.1 requests fail with 503.")
    lin = [linear_issue("GW-4061", "Loadbalance: weight 0 target still receives requests",
                        "A loadbalance target with weight 0 receives a few requests.", "2030-01-02T10:00:00Z",
                        labels=("bug", "router"))]
    # 11:30-14:30 UTC gpt-4.1 answers 503 to 20% of requests (OpenAI's incident). Marten's and
    # Stoat's fallback configs list 503 and have a request_timeout: until 12:34 their 503'd requests
    # are served by the second target; from 12:34, two minutes after deploy #31640 changed the
    # router's fallback loop, the 503s reach both orgs' clients and fallback_used drops to zero. Of
    # the 26 other deploys only #31641 touches fallback, in the config editor's UI. The 503s are the
    # trigger, the deploy is why nothing fails over.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=14, p50=1500, p95=3400, config_id="pc-marten-dispatch",
                      key="vk-marten-ops", sdk="portkey-node/2.8.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-marten-eta",
                      key="vk-marten-ops", sdk="portkey-node/2.8.0"),
               stream(b["id"], model="gpt-4.1", per_minute=10, p50=1600, p95=3600, config_id="pc-stoat-reports"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      config_id="pc-vole-npc")]
    served_a = {"provider": "anthropic", "model": "claude-sonnet-4-5"}
    served_b = {"provider": "anthropic", "model": "claude-haiku-4-5"}
    an = [errors(at(D, "11:30"), at(D, "12:34"), {"config_id": "pc-marten-dispatch"}, 0.2, 503,
                 "provider_unavailable", served_a),
          errors(at(D, "11:30"), at(D, "12:34"), {"config_id": "pc-stoat-reports"}, 0.2, 503,
                 "provider_unavailable", served_b),
          errors(at(D, "12:34"), at(D, "14:30"), {"config_id": "pc-marten-dispatch"}, 0.2, 503,
                 "provider_unavailable"),
          errors(at(D, "12:34"), at(D, "14:30"), {"config_id": "pc-stoat-reports"}, 0.2, 503,
                 "provider_unavailable")]
    codes = [429, 500, 502, 503, 504]
    cfg = [config("pc-marten-dispatch", a["id"], "dispatch",
                  [target("vk-marten-openai", "gpt-4.1", 30000, codes),
                   target("vk-marten-anthropic", "claude-sonnet-4-5", 30000)], mode="fallback",
                  updated="2029-11-20T10:00:00Z"),
           one_target("pc-marten-eta", a, "eta", "vk-marten-openai", "gpt-4.1-mini", 20000),
           config("pc-stoat-reports", b["id"], "reports",
                  [target("vk-stoat-openai", "gpt-4.1", 45000, codes),
                   target("vk-stoat-anthropic", "claude-haiku-4-5", 45000)], mode="fallback"),
           one_target("pc-vole-npc", c, "npc", "vk-vole-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(31601, a, "Why did fallback stop kicking in halfway through OpenAI's incident?",
                "Hi again,\n\nQuick question on today's OpenAI 503s: why did our fallback to Claude stop working "
                "partway through? In the logs, the 503s on pc-marten-dispatch were served by Claude all morning, "
                "then from about 12:35 UTC they just come back to our dispatchers as 503s. Did something change "
                "on your side around then? Nothing changed in our config since November.\n\nThanks,\nOwen Pike\n"
                "Marten Logistics\n\n> On Nov 21, 2029, Relay Support wrote:\n> Your fallback config "
                "pc-marten-dispatch looks good: 503 is listed in on_status_codes and both targets have a\n"
                "> request_timeout, so a 503 from gpt-4.1 will be retried on Claude Sonnet.",
                at(D, "15:20"), "Owen Pike")]
    return scenario("", "fallback-router-deploy-among-many-question-quoted",
                    "English ticket asked as a question, quoting an older support reply: 11:30-14:30 UTC gpt-4.1 "
                    "answers 503 to 20% of requests (OpenAI's incident); two orgs' fallback configs serve those "
                    "from Claude until 12:34, and from then, two minutes after router deploy #31640 changed the "
                    "fallback loop, the 503s reach their clients (deploy_regression). A config-editor deploy that "
                    "names fallback, a loadbalance bug and 25 routine deploys are bystanders.",
                    now, CO, [a, b, c], "2030-01-08T10:00:00Z", 31601, streams, an, t,
                    {31601: truth("fallback", "deploy_regression", [f"github:deployment:{her}"],
                                  [f"github:deployment:{ui}", "linear:issue:GW-4061", "config:pc-marten-eta"],
                                  ["12:34"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


def routing_nested_loadbalance_weights_pt():
    """A fallback config whose first target is a loadbalance group; the customer changed the
    group's weights, so most requests go to Gemini."""
    Y, D, now = "2030-06-24", "2030-06-25", "2030-06-25T14:00:00Z"
    a = org("org_sabia", "Sabiá Varejo", "sabiavarejo.com.br", "scale")
    b = org("org_tucano", "Tucano Bank", "tucanobank.com.br", "enterprise")
    gh = github(CO, 31701, "2030-06-24T08:00:00Z", now, 18)
    her = gh.deploy(31740, at(Y, "16:05"), "google adapter: safety settings passthrough",
                    ["src/providers/google/safety.ts", "src/providers/google/safety.test.ts"])
    sp = Statuspage(now)
    gem = sp.incident("google", "g9e8m7i6n5i4", "Elevated latency on Gemini 2.5 Pro", at(D, "09:00"), at(D, "09:40"),
                      "Some Gemini 2.5 Pro requests are slower than usual.", component="Gemini API", impact="minor")
    lin = [linear_issue("GW-4071", "Loadbalance: weights above 1 rejected by the config editor",
                        "The config editor refuses loadbalance weights greater than 1.", "2030-06-14T10:00:00Z",
                        labels=("bug", "dashboard"))]
    # Sabiá's product-description writer (pc-sabia-descricoes) is a fallback config whose first
    # target is a loadbalance group (gpt-4.1 and gemini-2.5-flash) and whose second is
    # claude-sonnet-4-5. Until 17:20 UTC on 24 June the group's weights were 0.8 gpt-4.1 / 0.2
    # gemini-2.5-flash; the customer saved the config at 17:20 with 0.2 / 0.8, and from then four in
    # five requests go to Gemini, with no errors. Sabiá's single-target search config and Tucano are
    # unchanged. The safety-settings deploy of 16:05 changes no routing; the Gemini 2.5 Pro incident
    # is another model; the weights-above-1 bug is the editor's.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=12, p50=1500, p95=3400, prompt=900, completion=400,
                      config_id="pc-sabia-descricoes", key="vk-sabia-catalogo", sdk="portkey-node/2.9.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=3, p50=900, p95=2100,
                      prompt=900, completion=400, config_id="pc-sabia-descricoes", key="vk-sabia-catalogo",
                      sdk="portkey-node/2.9.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=650, p95=1600, config_id="pc-sabia-busca",
                      key="vk-sabia-site", sdk="portkey-node/2.9.0"),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1600, p95=3600, config_id="pc-tucano-atendimento")]
    an = [volume(at(Y, "17:20"), None, {"config_id": "pc-sabia-descricoes", "provider": "openai"}, 0.25),
          volume(at(Y, "17:20"), None, {"config_id": "pc-sabia-descricoes", "provider": "google"}, 4.0)]
    group = {"strategy": {"mode": "loadbalance"},
             "targets": [dict(target("vk-sabia-openai", "gpt-4.1", 30000), weight=0.2),
                         dict(target("vk-sabia-google", "gemini-2.5-flash", 30000), weight=0.8)]}
    desc = config("pc-sabia-descricoes", a["id"], "descricoes",
                  [group, target("vk-sabia-anthropic", "claude-sonnet-4-5", 30000)], mode="fallback",
                  updated=at(Y, "17:20"))
    desc["config"]["retry"] = {"attempts": 2, "on_status_codes": [429, 500, 502, 503, 504]}
    cfg = [desc, one_target("pc-sabia-busca", a, "busca", "vk-sabia-openai", "gpt-4.1-mini", 20000),
           one_target("pc-tucano-atendimento", b, "atendimento", "vk-tucano-openai", "gpt-4.1", 30000)]
    t = [ticket(31701, a, "Re: Re: Dúvida sobre limite de tokens do plano Scale",
                "Oi pessoal, aproveitando este chamado antigo:\n\nDesde ontem à tarde (umas 14h20, horário de "
                "Brasília) a maioria das descrições de produto está saindo pelo Gemini. Nossa config "
                "pc-sabia-descricoes manda para o GPT-4.1 e só cai no Claude se der erro; Gemini era só um "
                "pedacinho do tráfego. Não vimos erro nenhum, então não entendemos por que o roteamento mudou. "
                "Vocês mexeram no adaptador do Google ontem, pode ter sido isso?\n\nAbraço,\nRenata Albuquerque\n"
                "Tech Lead · Sabiá Varejo", at(D, "12:30"), "Renata Albuquerque")]
    return scenario("", "provider-routing-nested-loadbalance-weights-portuguese",
                    "Brazilian Portuguese ticket (São Paulo, UTC-3) under a stale subject from an older thread, "
                    "blaming our Google adapter deploy: pc-sabia-descricoes is a fallback config whose first target "
                    "is a loadbalance group; the customer saved it at 17:20 UTC with weights 0.2 gpt-4.1 / 0.8 "
                    "gemini-2.5-flash instead of 0.8 / 0.2, and from then four requests in five go to Gemini without "
                    "errors (customer_config). The safety-settings deploy at 16:05, a Gemini 2.5 Pro incident and an "
                    "editor bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b], "2030-06-24T08:00:00Z", 31701, streams, an, t,
                    {31701: truth("provider-routing", "customer_config", ["config:pc-sabia-descricoes"],
                                  [f"github:deployment:{her}", gem, "linear:issue:GW-4071", "config:pc-sabia-busca"],
                                  ["loadbalance"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LOADBALANCE])


def api_errors_haiku_outage_and_own_limit_en():
    """Two causes: Anthropic's Haiku incident (most failures) and the org's own rate limit on a
    batch config in an overlapping window (fewer); ticket with typos."""
    D, now = "2030-01-28", "2030-01-28T19:30:00Z"
    a = org("org_puffin", "Puffin Parcel", "puffinparcel.co.uk", "scale")
    b = org("org_gannet", "Gannet Media", "gannetmedia.co.uk", "enterprise")
    c = org("org_shag", "Shag Rock Studios", "shagrock.ie", "growth")
    gh = github(CO, 31801, "2030-01-27T16:00:00Z", now, 21)
    her = gh.deploy(31840, at(D, "14:40"), "rate limiter: count cached tokens at 10%",
                    ["src/limits/tokens.ts", "src/limits/tokens.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "h1a2i3k4u5o6", "Elevated errors on Claude Haiku 4.5", at(D, "15:00"),
                      at(D, "16:30"), "Requests to Claude Haiku 4.5 fail at an elevated rate.")
    opus = sp.incident("anthropic", "o9p8u7s6x5y4", "Elevated errors on Claude Opus 4.1", at(D, "11:00"),
                       at(D, "11:40"), "Some Claude Opus 4.1 requests fail.")
    lin = [linear_issue("GW-4081", "429 bodies missing retry-after on streaming requests",
                        "Streaming requests answered 429 have no retry-after header.", "2030-01-20T10:00:00Z",
                        labels=("bug", "limits"))]
    # Two causes for Puffin. 15:00-16:30 UTC (London, on GMT) Claude Haiku 4.5 answers 529 to 45% of
    # every org's requests, Anthropic's incident: Puffin's parcel-tracking chat (pc-puffin-tracking,
    # ~20 a minute) and Gannet's Haiku config (primary, ~800 of Puffin's failures). 16:00-17:00 Puffin's
    # label-batch job sends four times its gpt-4.1-mini traffic through pc-puffin-labels and 30% of it
    # is refused 429 rate_limited, the org's own per-org budget (secondary, ~300 failures). Puffin's
    # address-check config is fine outside the Haiku window. The cached-token limiter deploy of 14:40
    # changed no other org's 429s; the Opus incident was that morning; the retry-after bug is streaming.
    streams = [stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=20, p50=600, p95=1500,
                      config_id="pc-puffin-tracking", key="vk-puffin-web", sdk="portkey-node/2.8.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=4, p50=700, p95=1700, prompt=2500, completion=300,
                      config_id="pc-puffin-labels", key="vk-puffin-batch", sdk="portkey-python/1.20.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-puffin-address",
                      key="vk-puffin-web", sdk="portkey-node/2.8.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                      config_id="pc-gannet-tags"),
               stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=3, p50=5000, p95=11000,
                      config_id="pc-shag-story")]
    an = [errors(at(D, "15:00"), at(D, "16:30"), {"model": "claude-haiku-4-5"}, 0.45, 529, "provider_overloaded"),
          volume(at(D, "16:00"), at(D, "17:00"), {"config_id": "pc-puffin-labels"}, 4.0),
          rate_limited(at(D, "16:00"), at(D, "17:00"), {"config_id": "pc-puffin-labels"}, 0.3),
          errors(at(D, "11:00"), at(D, "11:40"), {"model": "claude-opus-4-1"}, 0.3, 529, "provider_overloaded")]
    cfg = [one_target("pc-puffin-tracking", a, "tracking", "vk-puffin-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-puffin-labels", a, "labels", "vk-puffin-openai", "gpt-4.1-mini", 20000),
           one_target("pc-puffin-address", a, "address", "vk-puffin-openai", "gpt-4.1-mini", 20000),
           one_target("pc-gannet-tags", b, "tags", "vk-gannet-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-shag-story", c, "story", "vk-shag-anthropic", "claude-opus-4-1", 90000)]
    t = [ticket(31801, a, "lots of erors this afternoon - 529 and 429??",
                "hey,\n\nwe had a rough afernoon. from about 3pm our tracking chat (claude haiku) started throwing "
                "529s, and then around 4 the label batch job got a bunch of 429s too. the adress checker seemed ok. "
                "did you guys change the rate limiter today? saw somthing in the changelog about cached tokens. "
                "its all back to normal now but our ops manager wants a writeup of what happend.\n\ncheers\n"
                "Callum Reid\nPuffin Parcel", at(D, "18:05"), "Callum Reid")]
    return scenario("", "api-errors-haiku-outage-and-own-limit-typos",
                    "English ticket with typos (London, GMT, suspects our limiter deploy), two causes at once: "
                    "15:00-16:30 UTC Claude Haiku 4.5 answers 529 to 45% of every org's requests with Anthropic's "
                    "incident (primary, most of the org's failures), and 16:00-17:00 the org's label batch sends "
                    "four times its traffic and 30% of pc-puffin-labels is refused 429 rate_limited, its own limit "
                    "(secondary). The cached-token limiter deploy at 14:40, a morning Opus incident and a streaming "
                    "retry-after bug are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2030-01-27T16:00:00Z", 31801, streams, an, t,
                    {31801: truth("api-errors", "provider_outage", [inc],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-4081", "config:pc-puffin-address"],
                                  ["529", "429"], [secondary("rate_limited", ["config:pc-puffin-labels"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_RATE_LIMITS])


ALL = [api_errors_sonnet_incident_es, api_errors_rotated_key_en, latency_office_cycle_no_fault_de,
       latency_provider_gpt41_ja, fallback_529_not_listed_fr, fallback_router_deploy_question_en,
       routing_nested_loadbalance_weights_pt, api_errors_haiku_outage_and_own_limit_en]

if __name__ == "__main__":
    write_all(ALL)
