#!/usr/bin/env python3
"""Seven library scenarios in December 2030 and April 2031, in the API-error, latency, provider-routing
and fallback patterns, written before the engine ran on them, each truth asking for the refs a careful
engineer cites with the cause (the deploy beside the route it broke, the config beside the docs page it
runs into, the SDK version beside the release that fixed it, the incident beside its model):

- "Claude fails, GPT works" in French (Paris, CET): our deploy to the `/v1/messages` route makes 55% of
  every org's requests on that route fail 400, while the org's Claude config on `/v1/chat/completions`
  works; the customer blames an Anthropic incident on Opus, an Anthropic adapter deploy is 37 minutes
  earlier.
- A German ticket under a stale subject (Berlin, CEST), two causes at once: the org saved its streamed
  report config with `max_tokens` 6000 (answers four times as long, still so) and Anthropic's own time on
  claude-sonnet-4-6 tripled during its incident (over by noon); the customer blames our HTTP/2 deploy.
- A fallback in Spanish (Buenos Aires): gpt-4.1 answers 504 to 30% of requests for 75 minutes; the
  customer "has 504 in the config", but it is listed on the last target only, so the first never fails
  over, while another org's config with 504 on its first target does.
- A Japanese ticket (JST), two causes: portkey-node/2.5.3 sends the retired anthropic-beta tools header
  that Anthropic refuses from 01:00 UTC (every org's Anthropic requests from that SDK fail 400; 2.7.0
  dropped it), and Gemini 2.5 Flash answers 503 during Google's incident; the customer blames our adapter
  deploy of that morning.
- A Brazilian Portuguese latency ticket (São Paulo, UTC-3) in a big noisy org: the office-hours peak is
  the same as the day before (no fault); our router deploy at 09:04 local time and an o3 incident are
  bystanders.
- An English ticket (Chicago, CDT) about transcriptions failing 500: our audio upload deploy broke
  `/v1/audio/transcriptions` for every org and model; the customer blames OpenAI's Realtime incident.
- "Claude not working, GPT fine" in English (Sydney, AEST): the customer's key rotation saved the Claude
  config with the new OpenAI virtual key, so its claude-sonnet-4-6 requests go to OpenAI and fail 404
  model_not_found; an Opus incident and our Anthropic caching deploy are bystanders.

December 2030: the US and Europe on standard time (Paris UTC+1), São Paulo UTC-3, Tokyo UTC+9.
April 2031: the US on summer time since 9 March (Chicago UTC-5), Europe since 30 March (Berlin UTC+2),
Sydney back on standard time since 6 April (UTC+10), Buenos Aires UTC-3 all year.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, releases,
issues, incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle
import unicodedata

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def mail_ticket(*args, **kwargs):
    """compose.ticket() with the requester's address in plain ASCII (élodie@ -> elodie@)."""
    t = ticket(*args, **kwargs)
    local, _, dom = t["requester"]["email"].partition("@")
    local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    t["requester"]["email"] = f"{local}@{dom}"
    return t

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))

DOC_MESSAGES = doc("docs/api/messages.md", "Anthropic Messages API (/v1/messages)",
                   "# Anthropic Messages API\n\nBesides the OpenAI-compatible `/v1/chat/completions`, the gateway "
                   "serves `/v1/messages` in Anthropic's own request shape, so the Anthropic SDKs can point their "
                   "`base_url` at the gateway. Both routes use the same configs, virtual keys and provider "
                   "adapters; `/v1/messages` only translates the request shape (system blocks, `cache_control`, "
                   "tool definitions) before routing.\n")

DOC_FALLBACKS_PER_TARGET = doc(
    "docs/routing/fallbacks.md", "Fallbacks",
    "# Fallbacks\n\nA config with `strategy.mode = fallback` tries its targets in order. A target fails over "
    "to the next one when it answers a status listed in **its own** `retry.on_status_codes`, or when it "
    "exceeds its `request_timeout` (milliseconds), which counts as status 408. Each target's list decides for "
    "that target only: a status listed on a later target does not make an earlier one fail over, and the last "
    "target's list only decides its retries.\n\nOpenAI answers 504 when a request runs past its own limit; "
    "list 504 on the first target to fail over on it.\n")

DOC_VK_PROVIDER = doc(
    "docs/keys/virtual-keys.md", "Virtual keys",
    "# Virtual keys\n\nA virtual key stores one provider's API key in the vault and belongs to that provider. "
    "A config target sends its requests to the provider of the virtual key it names, with the model in the "
    "target's `override_params.model`; the gateway does not move a request to another provider because of "
    "the model's name. A target that names an OpenAI key with a Claude model is therefore sent to OpenAI, "
    "which answers 404 and the gateway returns `error_code: model_not_found`.\n\nWhen you rotate a key, "
    "create the new virtual key for the same provider and update only the targets that named the old one.\n")

DOC_LATENCY = doc("docs/observability/latency.md", "Reading latency",
                  "# Reading latency\n\nEach request log splits its time into `gateway_ms` (the gateway's own "
                  "work) and the provider's time. For streamed requests `ttft_ms` is the time to the first token; "
                  "the rest is generation, which grows with the number of completion tokens (and so with "
                  "`max_tokens`). Provider time follows the provider's load and is usually higher in business "
                  "hours.\n")

DOC_SDK = doc("docs/sdk/versions.md", "SDK versions",
              "# SDK versions\n\nThe gateway accepts requests from every released version of portkey-node and "
              "portkey-python. Headers an SDK adds for a provider are forwarded to that provider as they are; "
              "the SDKs' release notes list provider changes that need an upgrade.\n")

DOC_AUDIO = doc("docs/api/audio.md", "Audio",
                "# Audio\n\n`/v1/audio/transcriptions` takes a multipart upload (`file`, `model`) of at most "
                "25 MB and routes it like any other request; `whisper-1` and `gpt-4o-transcribe` are supported "
                "on OpenAI. Files above 25 MB are refused 413.\n")


def routing_messages_route_deploy_fr():
    """"Claude fails, GPT works": our deploy to the /v1/messages route breaks 55% of every org's
    requests on that route; the org's Claude config on /v1/chat/completions works; the customer
    blames an Anthropic incident on Opus; an Anthropic adapter deploy is earlier."""
    D, now = "2030-12-10", "2030-12-10T15:30:00Z"
    a = org("org_loutre", "Loutre Assurances", "loutre-assurances.fr", "enterprise")
    b = org("org_belette", "Belette Conseil", "belette-conseil.fr", "scale")
    c = org("org_hermine", "Hermine Labs", "herminelabs.io", "growth")
    gh = github(CO, 46101, "2030-12-09T12:00:00Z", now, 18)
    near = gh.deploy(46140, at(D, "10:05"), "anthropic adapter: map refusal stop_reason to content_filter",
                     ["src/providers/anthropic/response.ts", "src/providers/anthropic/response.test.ts"])
    bad = gh.deploy(46141, at(D, "10:40"), "messages: translate cache_control on system blocks",
                    ["src/routes/messages/translate.ts", "src/routes/messages/system-blocks.ts",
                     "src/routes/messages/translate.test.ts"],
                    message="messages route: rewrite system blocks carrying cache_control before routing (#7120)")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "o4p6u8s0f2r4", "Elevated errors on Claude Opus 4.1", at(D, "10:30"),
                       at(D, "11:20"), "Some requests to Claude Opus 4.1 fail with overloaded errors.")
    lin = [linear_issue("GW-6611", "Messages API: tool_use blocks with empty input dropped from responses",
                        "On /v1/messages, a tool_use block whose input is {} is missing from the translated "
                        "response. No error is returned.", "2030-11-26T10:00:00Z", labels=("bug", "route:messages"))]
    # From 10:42 UTC (11:42 in Paris, CET), two minutes after deploy #46141 changed how /v1/messages
    # translates system blocks, 55% of every org's /v1/messages requests are refused 400
    # invalid_request: Loutre's claims tool (pc-loutre-sinistres, claude-sonnet-4-6 through the
    # Anthropic SDK) and Hermine's agent (claude-haiku-4-5, another org, another model). Loutre's mail
    # assistant (pc-loutre-courriers) runs the same claude-sonnet-4-6 on the same Anthropic key through
    # /v1/chat/completions and is fine, as is its GPT-4.1 quotes config: the split is the route, not
    # the provider. The Anthropic adapter deploy at 10:05 touched both routes' Claude requests and
    # nothing failed in the 37 minutes after it; Anthropic's incident (10:30-11:20) is on Opus, which
    # only Belette uses (its 529s); the Linear bug drops blocks without an error.
    streams = [cycle(stream(a["id"], route="/v1/messages", provider="anthropic", model="claude-sonnet-4-6",
                            per_minute=12, p50=2300, p95=5400, error_rate=0.02, config_id="pc-loutre-sinistres",
                            key="vk-loutre-sinistres", sdk="anthropic-python/0.61.0"), 7, 17, 0.35),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2200,
                            p95=5200, error_rate=0.02, config_id="pc-loutre-courriers", key="vk-loutre-courriers",
                            sdk="portkey-node/2.12.0"), 7, 17, 0.35),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, error_rate=0.02,
                            config_id="pc-loutre-devis", key="vk-loutre-courriers", sdk="portkey-node/2.12.0"),
                     7, 17, 0.35),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=5, p50=5000, p95=11000,
                      config_id="pc-belette-audit"),
               stream(c["id"], route="/v1/messages", provider="anthropic", model="claude-haiku-4-5", per_minute=6,
                      p50=600, p95=1500, config_id="pc-hermine-agent", sdk="anthropic-typescript/0.57.0")]
    an = [errors(at(D, "10:42"), None, {"route": "/v1/messages"}, 0.55, 400, "invalid_request"),
          errors(at(D, "10:30"), at(D, "11:20"), {"model": "claude-opus-4-1"}, 0.3, 529, "provider_overloaded")]
    cfg = [one_target("pc-loutre-sinistres", a, "sinistres", "vk-loutre-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-loutre-courriers", a, "courriers", "vk-loutre-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-loutre-devis", a, "devis", "vk-loutre-openai", "gpt-4.1", 30000),
           one_target("pc-belette-audit", b, "audit", "vk-belette-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-hermine-agent", c, "agent", "vk-hermine-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(46101, a, "Claude renvoie des 400 depuis ce matin, GPT-4.1 OK",
                "Bonjour,\n\nDepuis 11h40 environ (heure de Paris) notre outil de gestion des sinistres reçoit des "
                "erreurs 400 de Claude sur à peu près une requête sur deux. Nos devis sur GPT-4.1 fonctionnent "
                "normalement. Ce n'est pas un problème de quota, on n'a aucun 429.\n\nAnthropic avait un incident "
                "en cours ce matin sur leur page de statut, on suppose que c'est lié : pouvez-vous nous confirmer "
                "et nous dire s'il est possible de basculer temporairement vers un autre modèle ? Bizarrement, "
                "l'équipe courrier qui utilise aussi Claude Sonet 4.6 n'a rien remarqué.\n\nExtrait de nos logs :\n"
                "```\nanthropic.BadRequestError: Error code: 400 - {'error': {'code': 'invalid_request', "
                "'message': 'Invalid request'}}\n```\n\nCordialement,\nÉlodie Marchand\nResponsable technique, "
                "Loutre Assurances", at(D, "14:50"), "Élodie Marchand", priority="high")]
    # The failing requests share a route, not a provider or a model, from two minutes after the
    # deploy that changed that route: the root cause cites the deploy and the route. Bystanders: the
    # adapter deploy, the Opus incident, the Linear bug, the org's Claude config on chat completions.
    return scenario("", "provider-routing-messages-route-deploy-opus-guess-french",
                    "French ticket (Paris, CET) contrasting Claude with GPT-4.1 and blaming an Anthropic incident: "
                    "from 10:42 UTC, two minutes after deploy #46141 changed how /v1/messages translates system "
                    "blocks, 55% of every org's /v1/messages requests are refused 400 invalid_request, while the "
                    "org's claude-sonnet-4-6 config on /v1/chat/completions works (deploy_regression). An Anthropic "
                    "adapter deploy at 10:05, Anthropic's Opus incident (another org's model) and a Messages API bug "
                    "without errors are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2030-12-09T12:00:00Z", 46101, streams, an, t,
                    {46101: truth("provider-routing", "deploy_regression",
                                  [f"github:deployment:{bad}", "route:/v1/messages"],
                                  [f"github:deployment:{near}", opus, "linear:issue:GW-6611",
                                   "config:pc-loutre-courriers"],
                                  ["/v1/messages", "400", "10:42"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_MESSAGES, DOC_RATE_LIMITS])


def latency_max_tokens_and_sonnet_incident_de():
    """Two causes: the org saved its streamed report config with max_tokens 6000 (answers four
    times as long, still so), and Anthropic's own time on claude-sonnet-4-6 tripled during its
    incident (over by noon). Stale subject; blames our HTTP/2 deploy."""
    Y, D, now = "2031-04-08", "2031-04-09", "2031-04-09T13:30:00Z"
    a = org("org_zander", "Zander Logistik", "zander-logistik.de", "enterprise")
    b = org("org_wiesel", "Wiesel Immobilien", "wiesel-immo.de", "scale")
    c = org("org_kiebitz", "Kiebitz Health", "kiebitz.health", "growth")
    gh = github(CO, 46201, "2031-04-08T08:00:00Z", now, 21)
    h2 = gh.deploy(46240, at(D, "08:05"), "router: HTTP/2 upstream connections to Anthropic",
                   ["src/router/upstream-http2.ts", "src/providers/anthropic/client.ts",
                    "src/router/upstream-http2.test.ts"])
    usage = gh.deploy(46241, at(D, "08:30"), "openai adapter: forward stream_options.include_usage",
                      ["src/providers/openai/stream.ts", "src/providers/openai/stream.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "s6o8n0n2e4t6", "Increased latency on Claude Sonnet 4.6", at(D, "08:15"),
                      at(D, "10:30"), "Requests to Claude Sonnet 4.6 are taking longer than usual.", impact="minor")
    g41 = sp.incident("openai", "g8p0t2l4a6t8", "Elevated latency for GPT-4.1", at(Y, "13:00"), at(Y, "13:50"),
                      "Some GPT-4.1 requests are slower than usual.", impact="minor")
    lin = [linear_issue("GW-6621", "Streaming: usage chunk arrives after [DONE] for gpt-4.1-mini",
                        "The final usage chunk of streamed gpt-4.1-mini answers is sent after the [DONE] event; "
                        "clients that stop reading at [DONE] log no usage. Timing is unaffected.",
                        "2031-03-31T10:00:00Z", labels=("bug", "streaming"))]
    # Two causes for Zander, both from about 10:15 in Berlin (CEST, UTC+2 since 30 March).
    # 1) At 08:20 UTC someone at Zander saved pc-zander-berichte (streamed tour reports, gpt-4.1-mini)
    # with max_tokens 6000; from 08:22 its answers are four times as long and take four times as long
    # after a first token that arrives as fast as before, and still do at the ticket's time. Zander's
    # customer chat on the same model (pc-zander-kundenchat, max_tokens 800, not edited) and Wiesel
    # are unchanged. This is what the ticket is still about (primary, customer_config).
    # 2) 08:15-10:30 UTC Anthropic's own time on claude-sonnet-4-6 is three times its usual for every
    # org (Zander's dispatch planner, Kiebitz's triage), Anthropic's incident; Zander's Haiku
    # classifier on the same adapter is as fast as before (secondary, provider_outage).
    # The gateway's time is flat on every request: the HTTP/2 deploy of 08:05 is a bystander, the
    # include_usage deploy (08:30) came after the reports' onset, yesterday's GPT-4.1 incident is
    # Wiesel's model and over, the usage-chunk bug does not change timing.
    sdk = "portkey-python/1.26.0"
    berichte = cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=1800, p95=4000, prompt=2500,
                            completion=450, error_rate=0.02, config_id="pc-zander-berichte", key="vk-zander-touren",
                            sdk=sdk), 6, 16, 0.3)
    berichte["streaming"] = {"first_token_share": 0.15}
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=2300,
                            p95=5400, error_rate=0.02, config_id="pc-zander-disposition", key="vk-zander-touren",
                            sdk=sdk), 6, 16, 0.3),
               berichte,
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=0.02,
                            config_id="pc-zander-kundenchat", key="vk-zander-web", sdk="portkey-node/2.12.0"),
                     6, 16, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600,
                            p95=1500, error_rate=0.02, config_id="pc-zander-klassifikation", key="vk-zander-web",
                            sdk="portkey-node/2.12.0"), 6, 16, 0.3),
               stream(b["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3400, config_id="pc-wiesel-expose"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2400, p95=5600,
                      config_id="pc-kiebitz-triage")]
    an = [latency(at(D, "08:22"), None, {"config_id": "pc-zander-berichte"}, 4.0, component="generation"),
          latency(at(D, "08:15"), at(D, "10:30"), {"model": "claude-sonnet-4-6"}, 3.0),
          latency(at(Y, "13:00"), at(Y, "13:50"), {"model": "gpt-4.1"}, 2.0)]
    cfg = [config("pc-zander-berichte", a["id"], "berichte",
                  [{"virtual_key": "vk-zander-openai",
                    "override_params": {"model": "gpt-4.1-mini", "max_tokens": 6000}, "request_timeout": 60000}],
                  updated=at(D, "08:20")),
           config("pc-zander-kundenchat", a["id"], "kundenchat",
                  [{"virtual_key": "vk-zander-openai",
                    "override_params": {"model": "gpt-4.1-mini", "max_tokens": 800}, "request_timeout": 30000}],
                  updated="2031-01-14T10:00:00Z"),
           one_target("pc-zander-disposition", a, "disposition", "vk-zander-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-zander-klassifikation", a, "klassifikation", "vk-zander-anthropic", "claude-haiku-4-5",
                      20000),
           one_target("pc-wiesel-expose", b, "expose", "vk-wiesel-openai", "gpt-4.1", 60000),
           one_target("pc-kiebitz-triage", c, "triage", "vk-kiebitz-anthropic", "claude-sonnet-4-6", 60000)]
    t = [ticket(46201, a, "AW: AW: Rechnungsadresse ab 2031 ändern",
                "Hallo zusammen,\n\nandere Baustelle, ich hänge es trotzdem hier an: seit heute Vormittag, so "
                "gegen 10:15 Uhr (MESZ), ist bei uns alles zäh. Die Dispositionsplanung (Claude Sonett 4.6) und "
                "die Tourenberichte brauchten plötzlich ein Vielfaches. Seit der Mittagspause ist die Disposition "
                "wieder normal, die Berichte dauern aber immer noch 3-4 mal so lange wie gestern: das erste Token "
                "kommt schnell, danach zieht es sich ewig. Wir haben an den Berichten nichts geändert. Das ist "
                "übrigens KEIN Timeout-Problem, die Anfragen laufen alle durch.\n\nIn eurem Changelog steht heute "
                "früh kurz nach 10 etwas zu HTTP/2 Richtung Anthropic. Kann es sein, dass das die Ursache ist?\n\n"
                "Viele Grüße\nJonas Hartmann\nIT-Plattform, Zander Logistik GmbH\n\n"
                "> Am 02.04.2031 schrieb Relay Support:\n> Die neue Rechnungsadresse ist hinterlegt und gilt ab der "
                "Aprilrechnung.", at(D, "12:40"), "Jonas Hartmann")]
    # Primary: the config saved with the larger max_tokens (its answers still long). Secondary: the
    # incident and the model it hit. Bystanders: the HTTP/2 and include_usage deploys, yesterday's
    # GPT-4.1 incident, the usage-chunk bug, the org's unedited chat config on the same model.
    return scenario("", "latency-spike-max-tokens-edit-and-sonnet-incident-german-stale-subject",
                    "German ticket under a stale invoice-address subject with a quoted reply (Berlin, CEST, blames "
                    "our HTTP/2 deploy, 'KEIN Timeout-Problem'), two causes: Zander saved pc-zander-berichte at "
                    "08:20 UTC with max_tokens 6000 and from 08:22 its streamed answers are four times as long after "
                    "an unchanged first token, still at the ticket's time (customer_config), and 08:15-10:30 UTC "
                    "Anthropic's own time on claude-sonnet-4-6 is tripled for every org during its incident "
                    "(secondary provider_outage); gateway time is flat. The HTTP/2 deploy at 08:05, an include_usage "
                    "deploy at 08:30, the previous day's GPT-4.1 incident and a usage-chunk bug are bystanders among "
                    "21 routine deploys.",
                    now, CO, [a, b, c], "2031-04-08T08:00:00Z", 46201, streams, an, t,
                    {46201: truth("latency-spike", "customer_config", ["config:pc-zander-berichte"],
                                  [f"github:deployment:{h2}", f"github:deployment:{usage}", g41,
                                   "linear:issue:GW-6621", "config:pc-zander-kundenchat"],
                                  ["pc-zander-berichte", "max_tokens", "claude-sonnet-4-6"],
                                  [secondary("provider_outage", [inc, "model:claude-sonnet-4-6"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LATENCY])


def fallback_504_on_last_target_es():
    """gpt-4.1 answers 504 to 30% of requests; the customer's fallback config lists 504 on its
    last target only, so the first never fails over; another org's config lists 504 on its first
    target and fails over."""
    D, now = "2031-04-15", "2031-04-15T21:00:00Z"
    a = org("org_carpincho", "Carpincho Seguros", "carpincho.com.ar", "enterprise")
    b = org("org_hornero", "Hornero Logística", "hornero.com.ar", "scale")
    c = org("org_yerba", "Yerba Studio", "yerba.studio", "growth")
    gh = github(CO, 46301, "2031-04-14T16:00:00Z", now, 20)
    her = gh.deploy(46340, at(D, "16:05"), "router: record every fallback attempt in the request log",
                    ["src/router/fallback-log.ts", "src/logs/attempts.ts", "src/router/fallback-log.test.ts"])
    sp = Statuspage(now)
    o4 = sp.incident("openai", "o4m6i8n0i2e4", "Elevated error rates on o4-mini", at(D, "16:00"), at(D, "16:45"),
                     "Some o4-mini requests fail with 500 errors.")
    lin = [linear_issue("GW-6631", "Fallback: request_timeout ignored on streamed Claude targets",
                        "A streamed request to a Claude target waits past the target's request_timeout and never "
                        "fails over. Non-streamed requests are not affected.", "2031-04-02T10:00:00Z",
                        labels=("bug", "router"))]
    # 16:20-17:35 UTC (13:20-14:35 in Buenos Aires, UTC-3) gpt-4.1 answers 504 to 30% of requests
    # (no status page incident). Carpincho's claims config pc-carpincho-siniestros falls back from
    # gpt-4.1 to claude-sonnet-4-6; its first target's retry lists 429, 500, 502, 503 and its second
    # lists 429, 500, 502, 503, 504. The fallbacks doc: each target's own list decides, a status on a
    # later target does not make an earlier one fail over; the first target's request_timeout (90 s)
    # is above the 504s. So every 504 reaches Carpincho's client and nothing is served by Claude.
    # Hornero's config lists 504 on its first target and its 504s are served by claude-sonnet-4-6
    # (fallback_used). Carpincho's other configs (gpt-4.1-mini, claude-haiku-4-5) keep their 2.5%
    # background. The fallback-logging deploy of 16:05 changes no routing; the o4-mini incident is
    # another model (Yerba's 500s); the streamed-timeout bug needs a streamed Claude target.
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=14, p50=1600, p95=3600, error_rate=0.025,
                            config_id="pc-carpincho-siniestros", key="vk-carpincho-siniestros",
                            sdk="portkey-python/1.26.0"), 12, 22, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=0.025,
                            config_id="pc-carpincho-atencion", key="vk-carpincho-web", sdk="portkey-node/2.12.0"),
                     12, 22, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                            error_rate=0.025, config_id="pc-carpincho-documentos", key="vk-carpincho-siniestros",
                            sdk="portkey-python/1.26.0"), 12, 22, 0.3),
               stream(b["id"], model="gpt-4.1", per_minute=9, p50=1600, p95=3600, config_id="pc-hornero-rutas"),
               stream(c["id"], model="o4-mini", per_minute=5, p50=4000, p95=9000, config_id="pc-yerba-juegos")]
    an = [errors(at(D, "16:20"), at(D, "17:35"), {"config_id": "pc-carpincho-siniestros"}, 0.3, 504,
                 "provider_timeout"),
          errors(at(D, "16:20"), at(D, "17:35"), {"config_id": "pc-hornero-rutas"}, 0.3, 504, "provider_timeout",
                 {"provider": "anthropic", "model": "claude-sonnet-4-6"}),
          errors(at(D, "16:00"), at(D, "16:45"), {"model": "o4-mini"}, 0.3, 500, "provider_error")]
    cfg = [config("pc-carpincho-siniestros", a["id"], "siniestros",
                  [target("vk-carpincho-openai", "gpt-4.1", 90000, [429, 500, 502, 503]),
                   target("vk-carpincho-anthropic", "claude-sonnet-4-6", 90000, [429, 500, 502, 503, 504])],
                  mode="fallback", updated="2031-02-11T14:00:00Z"),
           one_target("pc-carpincho-atencion", a, "atencion", "vk-carpincho-openai", "gpt-4.1-mini", 30000),
           one_target("pc-carpincho-documentos", a, "documentos", "vk-carpincho-anthropic", "claude-haiku-4-5",
                      30000),
           config("pc-hornero-rutas", b["id"], "rutas",
                  [target("vk-hornero-openai", "gpt-4.1", 60000, [429, 500, 502, 503, 504]),
                   target("vk-hornero-anthropic", "claude-sonnet-4-6", 60000)], mode="fallback"),
           one_target("pc-yerba-juegos", c, "juegos", "vk-yerba-openai", "o4-mini", 60000)]
    t = [mail_ticket(46301, a, "¿Por qué el fallback a Claude no se activa con los timeouts de OpenAI?",
                "Hola equipo de Relay,\n\nhoy entre las 13:20 y las 14:35 (hora de Buenos Aires) nuestro cotizador "
                "de siniestros recibió un montón de 504 de GPT 4.1. Justamente para eso tenemos la config "
                "pc-carpincho-siniestros con fallback a Claude Sonnet, y el 504 ESTÁ en la config, lo revisamos "
                "dos veces. Sin embargo ningún pedido terminó en Claude: los 504 llegaron directo a la app.\n\n"
                "No es un tema de rate limit (no vimos ningún 429). ¿Puede ser un bug del router? Vi en su changelog "
                "un cambio sobre los fallbacks justo antes, y además OpenAI tenía un incidente a esa hora.\n\n"
                "Quedo atento, saludos,\nMatías Ferreyra\nArquitectura · Carpincho Seguros", at(D, "19:10"),
                "Matías Ferreyra", priority="high")]
    # The first target's on_status_codes lacks the 504 its model answers; the doc says each target's
    # list decides for that target: the root cause cites the config and the doc. Bystanders: the
    # fallback-logging deploy, the o4-mini incident, the streamed-timeout bug, the org's other config.
    return scenario("", "fallback-504-on-last-target-only-spanish",
                    "Rioplatense Spanish ticket (Buenos Aires, UTC-3) sure that 504 is in its fallback config: "
                    "16:20-17:35 UTC gpt-4.1 answers 504 to 30% of requests; pc-carpincho-siniestros lists 504 only "
                    "on its last target (claude-sonnet-4-6), not on the gpt-4.1 target, so nothing fails over, while "
                    "another org's config with 504 on its first target fails over to Claude (customer_config). A "
                    "fallback-logging deploy at 16:05, OpenAI's o4-mini incident at the same hour and a "
                    "streamed-timeout bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2031-04-14T16:00:00Z", 46301, streams, an, t,
                    {46301: truth("fallback", "customer_config",
                                  ["config:pc-carpincho-siniestros", "docs:docs/routing/fallbacks.md"],
                                  [f"github:deployment:{her}", o4, "linear:issue:GW-6631",
                                   "config:pc-carpincho-atencion"],
                                  ["504", "on_status_codes", "16:20"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin,
                    docs=[DOC_FALLBACKS_PER_TARGET, DOC_RATE_LIMITS])


def api_errors_node_beta_header_and_gemini_ja():
    """Two causes: an old portkey-node sends a retired anthropic-beta header Anthropic refuses from
    01:00 UTC (every org's Anthropic requests from that SDK fail 400), and Gemini 2.5 Flash answers
    503 during Google's incident. The customer blames our adapter deploy of that morning."""
    Y, D, now = "2030-12-11", "2030-12-12", "2030-12-12T09:30:00Z"
    a = org("org_kamome", "Kamome Tsushin", "kamome-tsushin.co.jp", "enterprise")
    b = org("org_hotaru", "Hotaru Games", "hotaru-games.jp", "scale")
    c = org("org_momiji", "Momiji Clinic", "momiji-clinic.jp", "growth")
    gh = github(CO, 46401, "2030-12-11T05:00:00Z", now, 19)
    her = gh.deploy(46440, at(D, "00:35"), "anthropic adapter: send anthropic-version on every request",
                    ["src/providers/anthropic/headers.ts", "src/providers/anthropic/headers.test.ts"])
    gh.release(46490, "portkey-node-v2.7.0", "portkey-node 2.7.0",
               "## Changes\n- No longer sends the legacy `anthropic-beta: tools-2024-05-16` header with Anthropic "
               "requests. Anthropic retires that beta header on 12 December 2030 at 01:00 UTC and refuses requests "
               "carrying it with 400 invalid_request from then; upgrade before that date.\n- `client.files` "
               "helpers.", "2030-10-28T09:00:00Z")
    gh.release(46491, "portkey-node-v2.12.0", "portkey-node 2.12.0",
               "## Changes\n- Typed metadata helpers.\n- Retries honour retry-after.", "2030-11-25T09:00:00Z")
    gh.release(46492, "portkey-python-v1.26.0", "portkey-python 1.26.0",
               "## Changes\n- Async streaming helpers.", "2030-11-18T09:00:00Z")
    sp = Statuspage(now)
    gem = sp.incident("google", "g5f7l9a1s3h5", "Elevated error rates for Gemini 2.5 Flash", at(D, "02:30"),
                      at(D, "04:10"), "Some Gemini 2.5 Flash requests fail with 503 errors.", component="Gemini API")
    code = sp.incident("anthropic", "c6o8d0e2x4y6", "Claude Code sign-in errors", at(Y, "23:00"), at(Y, "23:40"),
                       "Some users cannot sign in to Claude Code.", component="Claude Code", impact="minor")
    lin = [linear_issue("GW-6641", "Anthropic: anthropic-beta sent twice when set in config custom_headers",
                        "When a config sets custom_headers.anthropic-beta and the request carries its own, the "
                        "adapter forwards both values and Anthropic answers 400. Only configs with "
                        "custom_headers.anthropic-beta are affected.", "2030-12-02T10:00:00Z",
                        labels=("bug", "provider:anthropic"))]
    # Two causes for Kamome.
    # 1) portkey-node/2.5.3 adds the legacy anthropic-beta tools header to every Anthropic request;
    # Anthropic refuses it from 01:00 UTC (10:00 JST), as the 2.7.0 release notes announced: from then
    # every Anthropic request sent by 2.5.3 fails 400 invalid_request, in Kamome (support bot
    # pc-kamome-support, claude-sonnet-4-6) and in Momiji (claude-haiku-4-5). The same SDK's OpenAI
    # requests (Kamome's FAQ, gpt-4.1-mini) and Kamome's minutes summariser on portkey-python
    # (claude-sonnet-4-6, same model and key) are fine (primary, sdk_version). None of the configs has
    # custom headers, so the double-header bug does not apply.
    # 2) 02:30-04:10 UTC (11:30-13:10 JST) gemini-2.5-flash answers 503 to 45% of every org's requests,
    # Google's incident: Kamome's translation config and Hotaru's (secondary, provider_outage).
    # The adapter deploy at 00:35 (09:35 JST) touched every Anthropic request and only 2.5.3's fail,
    # from 01:00; the Claude Code incident was the night before and another product.
    old = "portkey-node/2.5.3"
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=2200, p95=5200,
                      error_rate=0.02, config_id="pc-kamome-support", key="vk-kamome-support", sdk=old),
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.02,
                      config_id="pc-kamome-faq", key="vk-kamome-support", sdk=old),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2600, p95=6000,
                      error_rate=0.02, config_id="pc-kamome-gijiroku", key="vk-kamome-naibu",
                      sdk="portkey-python/1.26.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=10, p50=900, p95=2200,
                      error_rate=0.02, config_id="pc-kamome-honyaku", key="vk-kamome-naibu",
                      sdk="portkey-python/1.26.0"),
               stream(b["id"], provider="google", model="gemini-2.5-flash", per_minute=8, p50=900, p95=2200,
                      config_id="pc-hotaru-npc", sdk="portkey-node/2.12.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-hotaru-chat",
                      sdk="portkey-node/2.12.0"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
                      config_id="pc-momiji-yoyaku", sdk=old)]
    an = [errors(at(D, "01:00"), None, {"sdk": old, "provider": "anthropic"}, 1.0, 400, "invalid_request"),
          errors(at(D, "02:30"), at(D, "04:10"), {"model": "gemini-2.5-flash"}, 0.45, 503, "provider_unavailable")]
    cfg = [one_target("pc-kamome-support", a, "support", "vk-kamome-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kamome-faq", a, "faq", "vk-kamome-openai", "gpt-4.1-mini", 20000),
           one_target("pc-kamome-gijiroku", a, "gijiroku", "vk-kamome-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kamome-honyaku", a, "honyaku", "vk-kamome-google", "gemini-2.5-flash", 30000),
           one_target("pc-hotaru-npc", b, "npc", "vk-hotaru-google", "gemini-2.5-flash", 30000),
           one_target("pc-hotaru-chat", b, "chat", "vk-hotaru-openai", "gpt-4.1-mini", 20000),
           one_target("pc-momiji-yoyaku", c, "yoyaku", "vk-momiji-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(46401, a, "本日のエラー多発について（サポートボット・翻訳）",
                "Relay サポートご担当者様\n\nいつもお世話になっております。かもめ通信の山本です。\n\n"
                "本日 10時ごろ（JST）から、サポートボットの Claude 呼び出しがすべて 400 エラーで失敗しています。"
                "また、11時半ごろから13時すぎまでは翻訳機能（Gemni）でも 503 が多発しました。\n\n"
                "Claude 自体の障害ではないと考えております（議事録要約は同じ Claude で正常に動いています）。"
                "御社の changelog に今朝 9:35 ごろ Anthropic アダプタのヘッダー関連の変更があったようですが、"
                "その影響ではないでしょうか。こちらではコードを一切変更しておりません。\n\n"
                "エラー例:\n```\nRelayError: 400 {\"error\":{\"code\":\"invalid_request\",\"message\":"
                "\"Invalid request\"}}\n    at SupportBot.reply (/srv/bot/src/reply.ts:88:11)\n```\n\n"
                "原因と対応方法をご教示いただけますと幸いです。\n\n山本 健太\nかもめ通信株式会社 プラットフォーム開発部",
                at(D, "08:10"), "Kenta Yamamoto", priority="high")]
    # Primary: the SDK version and the release that announced the refusal. Secondary: the Gemini
    # incident and the model it hit. Bystanders: the anthropic-version deploy, the double-header bug,
    # the Claude Code incident, the org's working Claude config on the Python SDK.
    return scenario("", "api-errors-node-beta-header-and-gemini-outage-japanese",
                    "Formal Japanese ticket (JST, pasted stack trace, blames our adapter deploy, 'Gemni'), two "
                    "causes: from 01:00 UTC every Anthropic request sent by portkey-node/2.5.3 fails 400 "
                    "invalid_request in two orgs because that SDK sends the beta header Anthropic retired, as the "
                    "portkey-node 2.7.0 release notes announced, while the same model on portkey-python works "
                    "(sdk_version), and 02:30-04:10 UTC gemini-2.5-flash answers 503 during Google's incident "
                    "(secondary provider_outage). An anthropic-version deploy at 00:35, a double-header bug for "
                    "configs with custom headers and a Claude Code incident are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2030-12-11T05:00:00Z", 46401, streams, an, t,
                    {46401: truth("api-errors", "sdk_version",
                                  [f"sdk:{old}", "github:release:portkey-node-v2.7.0"],
                                  [f"github:deployment:{her}", "linear:issue:GW-6641", code,
                                   "config:pc-kamome-gijiroku"],
                                  ["400", "2.5.3", "503"],
                                  [secondary("provider_outage", [gem, "model:gemini-2.5-flash"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_SDK, DOC_RATE_LIMITS])


def latency_business_hours_no_fault_pt():
    """A big noisy org's office-hours peak, the same as the day before; our router deploy at the
    start of the customer's day and an o3 incident are bystanders."""
    Y, D, now = "2030-12-16", "2030-12-17", "2030-12-17T20:30:00Z"
    a = org("org_arara", "Arara Varejo", "araravarejo.com.br", "enterprise")
    b = org("org_capivara", "Capivara Saúde", "capivarasaude.com.br", "scale")
    c = org("org_mico", "Mico Apps", "micoapps.com.br", "growth")
    gh = github(CO, 46501, "2030-12-16T15:00:00Z", now, 23)
    her = gh.deploy(46540, at(D, "12:04"), "router: least-connections pick in the upstream pool",
                    ["src/router/upstream-pool.ts", "src/router/upstream-pool.test.ts"])
    sp = Statuspage(now)
    o3 = sp.incident("openai", "o3l5a7t9e1n3", "Increased latency on o3", at(D, "14:10"), at(D, "15:00"),
                     "Some o3 requests take longer than usual.", impact="minor")
    lin = [linear_issue("GW-6651", "Upstream pool: p95 regression under high concurrency to OpenAI",
                        "With more than 400 concurrent requests per pod, the pool queued requests for OpenAI.",
                        "2030-11-20T10:00:00Z", state="Done", labels=("bug", "router"),
                        completed="2030-12-02T16:00:00Z")]
    # Arara is a big org: four configs, a 3% background error rate on every stream and an office-hours
    # cycle 12:00-21:00 UTC (09:00-18:00 in São Paulo, UTC-3): full volume and 1.7 times the provider
    # time in those hours, a quarter of the volume at night. Yesterday's 15:00-21:00 UTC had the same
    # latency as today's same hours, on every model of the org (GPT and Claude alike); the gateway's
    # time is flat all along. Nothing changed today. Arara uses no o3 (Capivara does, its incident);
    # the least-connections deploy of 12:04 touched every org and no stream's gateway time moved; the
    # pool bug was fixed two weeks before.
    sdk = "portkey-node/2.12.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=16, p50=1000, p95=1700, error_rate=0.03,
                            config_id="pc-arara-vendas", key="vk-arara-site", sdk=sdk), 12, 21, 0.25, 1.7),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=600,
                            p95=1500, error_rate=0.03, config_id="pc-arara-catalogo", key="vk-arara-catalogo",
                            sdk="portkey-python/1.25.0"), 12, 21, 0.25, 1.7),
               cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=10, p50=120,
                            p95=300, prompt=500, completion=0, error_rate=0.03, config_id="pc-arara-busca",
                            key="vk-arara-catalogo", sdk="portkey-python/1.25.0"), 12, 21, 0.25, 1.7),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, error_rate=0.03,
                            config_id="pc-arara-pos-venda", key="vk-arara-site", sdk=sdk), 12, 21, 0.25, 1.7),
               stream(b["id"], model="o3", per_minute=4, p50=6000, p95=14000, config_id="pc-capivara-laudos"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-mico-app")]
    an = [latency(at(D, "14:10"), at(D, "15:00"), {"model": "o3"}, 2.0)]
    cfg = [one_target("pc-arara-vendas", a, "vendas", "vk-arara-openai", "gpt-4.1-mini", 30000),
           one_target("pc-arara-catalogo", a, "catalogo", "vk-arara-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-arara-busca", a, "busca", "vk-arara-openai", "text-embedding-3-small", 10000),
           one_target("pc-arara-pos-venda", a, "pos-venda", "vk-arara-openai", "gpt-4.1", 60000),
           one_target("pc-capivara-laudos", b, "laudos", "vk-capivara-openai", "o3", 120000),
           one_target("pc-mico-app", c, "app", "vk-mico-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(46501, a, "latencia alta desde as 9h??",
                "Oi, tudo bem?\n\nDesde as 9h da manhã (horário de Brasília) o assistente de vendas está bem mais "
                "lento, o p95 subiu de uns 1,7s para quase 3s. Não é só o gpt4.1-mni: o catálogo, que roda no "
                "Claude, também ficou mais lento, então não acho que seja a OpenAI. Vocês fizeram algum deploy "
                "hoje de manhã? Vi no status da OpenAI um incidente de latência também.\n\nA Black Friday já "
                "passou mas o Natal está aí, precisamos disso resolvido rápido.\n\nValeu,\nThiago Moura\n"
                "Eng. de Plataforma · Arara Varejo", at(D, "19:50"), "Thiago Moura")]
    # Today's hours are as slow as the same hours yesterday on every model of the org, errors at the
    # steady 3%: no fault, nothing required. Bystanders: the least-connections deploy, the o3
    # incident, the fixed pool bug.
    return scenario("", "latency-spike-business-hours-no-fault-sao-paulo-portuguese",
                    "Brazilian Portuguese ticket (São Paulo, UTC-3, 'gpt4.1-mni', asks about a morning deploy) from a "
                    "big org with a 3% background error rate: its four configs follow an office-hours cycle (1.7 "
                    "times the provider time at 12:00-21:00 UTC, GPT and Claude alike) and today's afternoon is as "
                    "slow as yesterday's, gateway time flat (no_fault_found). A least-connections router deploy at "
                    "12:04, an o3 latency incident (another org's model) and a fixed pool bug are bystanders among "
                    "23 routine deploys.",
                    now, CO, [a, b, c], "2030-12-16T15:00:00Z", 46501, streams, an, t,
                    {46501: truth("latency-spike", "no_fault_found", [],
                                  [f"github:deployment:{her}", o3, "linear:issue:GW-6651"], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LATENCY])


def api_errors_transcriptions_deploy_en():
    """Our audio upload deploy makes 60% of every org's /v1/audio/transcriptions requests fail 500;
    the customer blames OpenAI's Realtime incident; an OpenAI adapter deploy is 20 minutes earlier."""
    D, now = "2031-04-10", "2031-04-10T21:00:00Z"
    a = org("org_prairie", "Prairie Mutual", "prairiemutual.com", "enterprise")
    b = org("org_bison", "Bison Dental", "bisondental.com", "scale")
    c = org("org_marten", "Marten Media", "martenmedia.tv", "growth")
    gh = github(CO, 46601, "2031-04-09T16:00:00Z", now, 17)
    near = gh.deploy(46640, at(D, "17:50"), "openai adapter: retry upstream 502 with jitter",
                     ["src/providers/openai/retry.ts", "src/providers/openai/retry.test.ts"])
    bad = gh.deploy(46641, at(D, "18:11"), "audio: stream multipart uploads to the provider",
                    ["src/routes/audio/transcriptions.ts", "src/routes/audio/multipart.ts",
                     "src/routes/audio/multipart.test.ts"],
                    message="audio: pipe multipart uploads instead of buffering them (#7188)")
    sp = Statuspage(now)
    rt = sp.incident("openai", "r7t9a1l3v5o7", "Elevated errors on Realtime API voice sessions", at(D, "17:55"),
                     at(D, "18:50"), "Some Realtime API voice sessions fail to connect.", component="Realtime API")
    lin = [linear_issue("GW-6661", "Audio: files above 25 MB answered 500 instead of 413",
                        "Uploads above the documented 25 MB limit get a 500 from /v1/audio/transcriptions instead "
                        "of 413.", "2031-03-27T10:00:00Z", labels=("bug", "audio"))]
    # From 18:13 UTC (1:13 pm in Chicago, CDT), two minutes after deploy #46641 changed how
    # /v1/audio/transcriptions uploads files, 60% of every org's requests on that route fail 500
    # internal_error: Prairie's call transcription (gpt-4o-transcribe) and Marten's subtitles
    # (whisper-1, another org and model). Nothing failed on that route before. Prairie's chat and
    # Claude configs and Bison are fine. The OpenAI adapter deploy at 17:50 touched every OpenAI
    # request and nothing failed after it until 18:13, nor on chat; the Realtime incident is another
    # OpenAI product no stream uses; the 25 MB bug is about files above the limit, present before.
    sdk = "portkey-python/1.26.0"
    streams = [cycle(stream(a["id"], route="/v1/audio/transcriptions", model="gpt-4o-transcribe", per_minute=6,
                            p50=4000, p95=9000, prompt=900, completion=300, error_rate=0.02,
                            config_id="pc-prairie-calls", key="vk-prairie-calls", sdk=sdk), 13, 23, 0.3),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=10, p50=1500, p95=3400, error_rate=0.02,
                            config_id="pc-prairie-notes", key="vk-prairie-calls", sdk=sdk), 13, 23, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2300,
                            p95=5400, error_rate=0.02, config_id="pc-prairie-claims", key="vk-prairie-claims",
                            sdk="portkey-node/2.12.0"), 13, 23, 0.3),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-bison-front"),
               stream(c["id"], route="/v1/audio/transcriptions", model="whisper-1", per_minute=4, p50=3000, p95=7000,
                      prompt=700, completion=250, config_id="pc-marten-subtitles")]
    an = [errors(at(D, "18:13"), None, {"route": "/v1/audio/transcriptions"}, 0.6, 500, "internal_error")]
    cfg = [one_target("pc-prairie-calls", a, "calls", "vk-prairie-openai", "gpt-4o-transcribe", 120000),
           one_target("pc-prairie-notes", a, "notes", "vk-prairie-openai", "gpt-4.1", 60000),
           one_target("pc-prairie-claims", a, "claims", "vk-prairie-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-bison-front", b, "front", "vk-bison-openai", "gpt-4.1-mini", 20000),
           one_target("pc-marten-subtitles", c, "subtitles", "vk-marten-openai", "whisper-1", 120000)]
    t = [ticket(46601, a, "Whisper down again??",
                "Hey,\n\nsince ~1:15pm CT our call transcription pipeline is throwing 500s on like half the "
                "recordings (we use gpt4o-transcibe through you). OpenAI's status page has a voice/Realtime incident "
                "right around then so I'm assuming it's on their side - is there any way to route transcriptions "
                "to another provider until they sort it out? It's not our files, the same recordings fail and then "
                "go through on the 2nd or 3rd retry. Chat and the claims bot are fine.\n\n"
                "```\nopenai.InternalServerError: Error code: 500 - {'error': {'code': 'internal_error'}}\n```\n\n"
                "thx\nDerek Olson\nPrairie Mutual - Claims Tech", at(D, "20:05"), "Derek Olson", priority="high")]
    # The failures share a route across two orgs and two models, from two minutes after the deploy
    # that changed that route: the root cause cites the deploy and the route. Bystanders: the OpenAI
    # adapter deploy, the Realtime incident, the 25 MB bug and the org's chat config.
    return scenario("", "api-errors-transcriptions-deploy-realtime-guess-english",
                    "Terse English ticket (Chicago, CDT, 'gpt4o-transcibe', blames OpenAI's Realtime incident): from "
                    "18:13 UTC, two minutes after deploy #46641 changed how /v1/audio/transcriptions streams uploads, "
                    "60% of every org's transcription requests fail 500 on two models, while chat and Claude are fine "
                    "(deploy_regression). An OpenAI adapter deploy at 17:50, a Realtime API incident at the same "
                    "minutes and a 25 MB upload bug are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], "2031-04-09T16:00:00Z", 46601, streams, an, t,
                    {46601: truth("api-errors", "deploy_regression",
                                  [f"github:deployment:{bad}", "route:/v1/audio/transcriptions"],
                                  [f"github:deployment:{near}", rt, "linear:issue:GW-6661", "config:pc-prairie-notes"],
                                  ["500", "/v1/audio/transcriptions", "18:13"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_AUDIO, DOC_RATE_LIMITS])


def routing_claude_on_openai_key_en():
    """"Claude not working, GPT fine": a key rotation saved the Claude config with the new OpenAI
    virtual key, so its claude-sonnet-4-6 requests go to OpenAI and fail 404 model_not_found."""
    Y, D, now = "2031-04-21", "2031-04-22", "2031-04-22T01:00:00Z"
    a = org("org_numbat", "Numbat Energy", "numbatenergy.com.au", "enterprise")
    b = org("org_bilby", "Bilby Legal", "bilbylegal.com.au", "scale")
    c = org("org_quoll", "Quoll Apps", "quollapps.io", "growth")
    gh = github(CO, 46701, "2031-04-21T00:00:00Z", now, 16)
    her = gh.deploy(46740, at(Y, "22:35"), "anthropic adapter: prompt caching for tool definitions",
                    ["src/providers/anthropic/cache.ts", "src/providers/anthropic/cache.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "n1u3m5b7a9t1", "Elevated errors on Claude Opus 4.1", at(Y, "22:30"),
                       at(Y, "23:30"), "Some requests to Claude Opus 4.1 fail with overloaded errors.")
    # At 22:48 UTC (08:48 on 22 April in Sydney, AEST since 6 April) a Numbat admin rotating keys saved
    # pc-numbat-billing-assist with its target's virtual key changed from vk-numbat-anthropic to the
    # new OpenAI key vk-numbat-openai-2031, the model left at claude-sonnet-4-6. From 22:49 every
    # request of that config is sent to OpenAI and answered 404 model_not_found (before, to Anthropic
    # and fine), what the virtual-keys doc says of a target pairing an OpenAI key with a Claude model.
    # Numbat's outage-comms config (claude-sonnet-4-6 on vk-numbat-anthropic) and its field app
    # (gpt-4.1-mini on the new OpenAI key) are fine. Anthropic's incident (22:30-23:30) is on Opus,
    # which only Bilby uses; the caching deploy of 22:35 touched every Anthropic request and the
    # failing requests no longer reach Anthropic.
    sdk = "portkey-node/2.12.0"
    ba = {"config_id": "pc-numbat-billing-assist"}
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2200, p95=5200,
                      error_rate=0.02, config_id="pc-numbat-billing-assist", key="vk-numbat-portal", sdk=sdk),
               stream(a["id"], model="claude-sonnet-4-6", per_minute=10, p50=300, p95=700, prompt=1800,
                      completion=0, error_rate=0.02, config_id="pc-numbat-billing-assist", key="vk-numbat-portal",
                      sdk=sdk),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2400, p95=5600,
                      error_rate=0.02, config_id="pc-numbat-outage-comms", key="vk-numbat-ops",
                      sdk="portkey-python/1.26.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=0.02,
                      config_id="pc-numbat-field", key="vk-numbat-field", sdk=sdk),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=5, p50=5000, p95=11000,
                      config_id="pc-bilby-discovery"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3400, config_id="pc-quoll-copilot")]
    an = [volume(at(Y, "00:00"), at(Y, "22:49"), dict(ba, provider="openai"), 0.0),
          volume(at(Y, "22:49"), None, dict(ba, provider="anthropic"), 0.0),
          errors(at(Y, "22:49"), None, dict(ba, provider="openai"), 1.0, 404, "model_not_found"),
          errors(at(Y, "22:30"), at(Y, "23:30"), {"model": "claude-opus-4-1"}, 0.3, 529, "provider_overloaded")]
    cfg = [config("pc-numbat-billing-assist", a["id"], "billing-assist",
                  [target("vk-numbat-openai-2031", "claude-sonnet-4-6", 60000)], updated=at(Y, "22:48")),
           one_target("pc-numbat-outage-comms", a, "outage-comms", "vk-numbat-anthropic", "claude-sonnet-4-6", 60000),
           config("pc-numbat-field", a["id"], "field", [target("vk-numbat-openai-2031", "gpt-4.1-mini", 20000)],
                  updated=at(Y, "22:44")),
           one_target("pc-bilby-discovery", b, "discovery", "vk-bilby-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-quoll-copilot", c, "copilot", "vk-quoll-openai", "gpt-4.1", 30000)]
    t = [ticket(46701, a, "Claude not working since this morning - GPT fine",
                "Morning team,\n\nsince about 8:50am AEST our billing assistant gets a 404 from Claude on every "
                "single request. GPT-4.1 mini in the field app is fine, and weirdly our outage comms tool (also "
                "Claude Sonnet 4.6) is fine too. Anthropic's status page has an Opus incident this morning so "
                "maybe it's spreading to Sonnet? We did rotate our OpenAI key first thing, but that's OpenAI, not "
                "Claude, so it shouldn't matter.\n\nError from the app:\n"
                "```\n404 {\"error\":{\"code\":\"model_not_found\",\"message\":\"The model `claude-sonnet-4-6` does "
                "not exist or you do not have access to it.\"}}\n```\n\nCan you check what's going on? Billing "
                "enquiries are piling up.\n\nCheers,\nSophie Tran\nDigital Platforms, Numbat Energy",
                at(Y, "23:50"), "Sophie Tran", priority="high")]
    # One config, saved a minute before the onset with an OpenAI key beside a Claude model, fails;
    # the same model on the Anthropic key works: the root cause cites the config and the doc.
    # Bystanders: the Opus incident, the caching deploy, the org's working Claude config.
    return scenario("", "provider-routing-claude-on-openai-key-sydney-english",
                    "English ticket (Sydney, AEST since 6 April, pasted error, suspects Anthropic's Opus incident "
                    "spreading): at 22:48 UTC a key rotation saved pc-numbat-billing-assist with the new OpenAI "
                    "virtual key beside claude-sonnet-4-6, and from 22:49 all its requests go to OpenAI and fail 404 "
                    "model_not_found, as the virtual-keys doc describes, while the org's other Claude config on the "
                    "Anthropic key works (customer_config). Anthropic's Opus incident (another org's model) and an "
                    "Anthropic caching deploy at 22:35 are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], "2031-04-21T00:00:00Z", 46701, streams, an, t,
                    {46701: truth("provider-routing", "customer_config",
                                  ["config:pc-numbat-billing-assist", "docs:docs/keys/virtual-keys.md"],
                                  [opus, f"github:deployment:{her}", "config:pc-numbat-outage-comms"],
                                  ["404", "pc-numbat-billing-assist", "vk-numbat-openai-2031"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_VK_PROVIDER, DOC_FALLBACKS])


ALL = [routing_messages_route_deploy_fr, latency_max_tokens_and_sonnet_incident_de, fallback_504_on_last_target_es,
       api_errors_node_beta_header_and_gemini_ja, latency_business_hours_no_fault_pt,
       api_errors_transcriptions_deploy_en, routing_claude_on_openai_key_en]

if __name__ == "__main__":
    write_all(ALL)
