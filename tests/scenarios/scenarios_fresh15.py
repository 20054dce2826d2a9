#!/usr/bin/env python3
"""Eight library scenarios in August and September 2032, one per ticket pattern and a second API-error one,
truth written from each scenario's data before the engine ever ran on them (the engine was neither read
nor run while writing them). Each truth asks for the refs a careful engineer cites with the cause:

- API errors in Bavarian German (Munich, MESZ UTC+2; blames Anthropic's incident or our guardrails deploy):
  the org's chat config was saved at 07:41 UTC with a `default.wordCount` guardrail (maxWords 300, deny
  true), which counts the whole conversation; from 07:42 40% of that config's requests are answered 446
  `guardrail_denied` before reaching Anthropic, while the org's other Sonnet config works and another org's
  guardrail config works after our PII-detector deploy at 07:20 (customer_config). Anthropic's incident is
  on Claude Opus 4.1 (another org's model); a Linear bug about the 446 body tempts.
- "Claude fails, GPT works" in Spanish from Valencia (CEST UTC+2; blames Anthropic's incident): our deploy at
  13:05 UTC makes the Anthropic adapter forward `top_p` from `override_params`, which it used to drop; from
  13:07 every request of every config that sets both `temperature` and `top_p` on a Claude 4.x model is
  refused 400 `invalid_request` (the org's drafting config, another org's Opus config), while the org's
  Haiku config that sets only `temperature` and its GPT-4.1 config that sets both work (deploy_regression).
  An earlier Anthropic adapter deploy, a claude.ai incident and a stop-sequences bug tempt.
- Latency in formal Japanese (Fukuoka, JST UTC+9), two causes: our Vertex AI deploy at 01:40 UTC mints an
  access token on every request, and from 01:42 the gateway's own time on every org's `vertex-ai` requests
  grows by some 1.3 s, provider time flat (primary deploy_regression); Anthropic's incident doubles the
  provider time of Claude Sonnet 4.6 on the Claude API 02:30-04:10 UTC, which its notice says does not touch
  Bedrock or Vertex AI (secondary provider_outage). The customer puts everything on Anthropic's incident;
  a Google Cloud Model Garden incident the day before and an OpenAI adapter deploy tempt.
- A fallback in Brazilian Portuguese (Curitiba, BRT UTC-3), two causes: the month-end portfolio batch
  triples the traffic on the org's own AWS account from 12:00 UTC and Bedrock throttles 45% of the org's
  Bedrock requests from 12:05; the gateway passes Bedrock's ThrottlingException on as 400
  `provider_throttled` instead of 429, the open Jira bug PROV-1187, so the fallback config that lists 429
  never fails over to Anthropic (primary known_bug); the org's own quota, spent by its batch config
  (secondary rate_limited). The customer blames our router deploy at 11:50.
- An invoice in New Zealand English (Auckland, NZST UTC+12 until 26 September; guesses retries billed
  twice during an OpenAI incident): the meter exporter failed on the evening of 6 September and on-call
  replayed its backlog from the 19:00 UTC checkpoint, so both meters count every org's tokens of
  19:00-21:40 twice and in_1Kereru0906 is above the logs by exactly those tokens (billing_pipeline, cited
  with the invoice and the PagerDuty incident). The o3 incident is another org's model; a GST invoice
  deploy and a usage-export bug tempt.
- Metadata in French (Nantes, CEST UTC+2; blames our metadata-index deploy or accents): from the customer's
  release at 08:10 UTC its claims service sends a new `resume_dossier` key; the key is logged on the
  requests whose value is short (with accents) and left out on the others, as the metadata page says of
  values above 128 characters, while every other key arrives on every request, before and after our deploy
  at 07:55 (expected_behavior).
- Webhooks in Uruguayan Spanish (Montevideo, UYT UTC-3 all year; blames our payload deploy at 12:10 UTC):
  after the customer's own ingress migration at 23:30 UTC the night before, 35% of the deliveries to its
  events receiver are answered 413 from 23:35, twelve hours before our deploy, while its budget-alerts
  endpoint on the same host (small payloads) and every other org's endpoint answer 200 (customer_endpoint).
- API errors in Canadian English with typos (Toronto, EDT UTC-4): the intake service's CI merged
  portkey-python 1.48.0 at 14:20 UTC; that release sends `max_tokens` as `max_completion_tokens`, which the
  org's Azure OpenAI deployment on api-version 2024-06-01 refuses 400; 85% of intake's requests fail from
  14:20 while the adjuster bot on the same Azure deployment (1.47.2) and the notes service on 1.48.0 against
  OpenAI work (sdk_version). An Azure adapter deploy that morning, a logs-UI deploy at 14:02, a Realtime
  incident and an api-version bug tempt.

Time zones (late summer 2032): Europe on summer time until 31 October (Munich, Valencia and Nantes CEST
UTC+2); Toronto EDT UTC-4 until 7 November; Curitiba BRT and Montevideo UYT UTC-3 all year (no summer time
in Brazil since 2019 nor in Uruguay since 2015); Fukuoka JST UTC+9; Auckland on NZST UTC+12 until NZDT
begins on the last Sunday of September (26 September 2032).

Every truth below is read from the data declared next to it (anomalies, configs, billing meters and faults,
webhook failures, deploys, releases, issues, incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh3a import jira_issue
from scenarios_fresh14 import budget, cycle, failures, hooks, mail_ticket

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google-cloud", ("gc5v8x2z4b6n", "Google Cloud", "https://status.cloud.google.com",
                                  ["Vertex AI Gemini API", "Vertex AI Model Garden", "Cloud Run"]))


def with_params(cfg, **params):
    """Adds sampling parameters to every target's override_params of a config."""
    for t in cfg["config"]["targets"]:
        t["override_params"].update(params)
    return cfg


# ---------------------------------------------------------------------------------------------
# 1. api-errors, Bavarian German (Munich, MESZ), customer_config
# ---------------------------------------------------------------------------------------------

DOC_GUARDRAIL_CHECKS = doc("docs/guardrails/checks.md", "Guardrail checks",
                           "# Guardrail checks\n\nA config can run checks on each request before it is sent "
                           "(`before_request_hooks`). Each hook lists its `checks` and whether a failed check "
                           "blocks the request (`\"deny\": true`).\n\n| check | passes when |\n|---|---|\n"
                           "| `default.wordCount` | the request's word count lies between `minWords` and `maxWords`. "
                           "**All messages are counted**: the system prompt and every earlier turn of the "
                           "conversation, not only the latest user message |\n"
                           "| `default.regexMatch` | the latest user message matches (or, with `not`, does not match) "
                           "`rule` |\n| `pii.detect` | no personal data is found by the PII detector |\n\n"
                           "With `deny: true`, a request that fails a check is **not sent to the provider**: the "
                           "gateway answers it at once with status **446** and `error_code: guardrail_denied`. "
                           "With `deny: false` the verdict is only recorded on the request log. Checks add a few "
                           "milliseconds; the PII detector adds 50-150 ms.\n")
DOC_DPA = doc("docs/legal/dpa.md", "Data processing agreement",
              "# Data processing agreement (DPA / AVV)\n\nRelay AI's data processing agreement under Art. 28 GDPR "
              "is part of the terms of service for every plan; a countersigned PDF can be downloaded under "
              "Settings → Legal. The list of sub-processors is on the same page, and changes to it are announced "
              "by e-mail 30 days ahead. Enterprise customers can ask for an individually negotiated DPA through "
              "their account manager.\n")


def api_errors_guardrail_wordcount_de():
    """The org's chat config was saved at 07:41 UTC with a wordCount guardrail (maxWords 300, deny), which
    counts the whole conversation: from 07:42, 40% of that config's requests are answered 446. The
    customer blames Anthropic's incident (on Opus) or our guardrails deploy at 07:20."""
    Y, D, now = "2032-08-09", "2032-08-10", "2032-08-10T10:30:00Z"
    a = org("org_isarwerk", "Isarwerk Versicherungsmakler GmbH", "isarwerk-makler.de", "enterprise")
    b = org("org_gamsbock", "Gamsbock Reisen GmbH", "gamsbock-reisen.at", "scale")
    c = org("org_zwiebelturm", "Zwiebelturm Software", "zwiebelturm.de", "growth")
    start = at(Y, "06:00")
    gh = github(CO, 55101, start, now, 19)
    pii = gh.deploy(55140, at(D, "07:20"), "guardrails: new multilingual PII detector model for pii.detect",
                    ["src/guardrails/pii/detector.ts", "src/guardrails/pii/models.json",
                     "src/guardrails/pii/detector.test.ts"],
                    message="guardrails: switch pii.detect to the de/en/fr detector model v3 (#9871)")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "f5o1p2u3s4i5", "Elevated errors on Claude Opus 4.1", at(D, "07:30"),
                       at(D, "08:15"), "We are seeing elevated error rates on requests to Claude Opus 4.1. Other "
                                       "models are not affected.")
    lin = [linear_issue("GW-11121", "Guardrails: 446 response body does not name the failed check",
                        "When a hook with deny: true blocks a request, the 446 response body says only 'Request "
                        "denied by guardrail'. It should name the hook id and the failed check. The request log "
                        "has both.", "2032-07-29T10:00:00Z", state="Todo", labels=("bug", "guardrails"))]
    # Isarwerk (Munich, MESZ UTC+2, office hours 06:00-17:00 UTC): a customer chat pc-isarwerk-kundendialog
    # on Claude Sonnet 4.6 (conversations of many turns), a damage-report assistant pc-isarwerk-schaden on
    # the same model, a tariff calculator on gpt-4.1-mini and search on embeddings, 1.5% background errors.
    # pc-isarwerk-kundendialog was saved at 07:41 UTC (09:41 MESZ) with a before_request_hook running
    # default.wordCount (minWords 1, maxWords 300) with deny true; the checks page says it counts every
    # message of the conversation and that a denied request is answered 446 guardrail_denied without
    # reaching the provider. From 07:42, 40% of that config's requests (the longer conversations) are
    # answered 446; its other configs keep 1.5%, pc-isarwerk-schaden on the same model included. Our PII
    # detector deploy at 07:20 changed pii.detect, a check this config does not run, and Gamsbock's
    # guardrail config (regexMatch, deny) kept answering after it. Anthropic's incident is on Claude Opus
    # 4.1 (Zwiebelturm's config answers 500 during it), not Sonnet; the Linear bug is about the 446 body.
    sdk_node, sdk_py = "portkey-node/2.33.1", "portkey-python/1.47.2"
    streams = budget([
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=2300, p95=5400,
                     prompt=4200, completion=350, error_rate=0.015, config_id="pc-isarwerk-kundendialog",
                     key="vk-isarwerk-web", sdk=sdk_node, metadata={"kanal": "chat"}), 6, 17, 0.25),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2500, p95=5800,
                     prompt=3000, completion=600, error_rate=0.015, config_id="pc-isarwerk-schaden",
                     key="vk-isarwerk-schaden", sdk=sdk_py, metadata={"kanal": "schaden"}), 6, 17, 0.25),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=750, p95=1800, error_rate=0.015,
                     config_id="pc-isarwerk-tarife", key="vk-isarwerk-web", sdk=sdk_node,
                     metadata={"kanal": "tarife"}), 6, 17, 0.25),
        cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=160, p95=400,
                     prompt=1200, completion=0, error_rate=0.015, config_id="pc-isarwerk-suche",
                     key="vk-isarwerk-schaden", sdk=sdk_py), 6, 17, 0.25),
        stream(b["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3500, config_id="pc-gamsbock-buchung",
               sdk="portkey-python/1.46.0"),
        stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=3, p50=4800, p95=11000,
               config_id="pc-zwiebelturm-review", sdk="portkey-node/2.30.2")])
    an = [errors(at(D, "07:42"), None, {"config_id": "pc-isarwerk-kundendialog"}, 0.4, 446, "guardrail_denied"),
          errors(at(D, "07:30"), at(D, "08:15"), {"model": "claude-opus-4-1"}, 0.4, 500, "provider_error")]
    chat = one_target("pc-isarwerk-kundendialog", a, "kundendialog", "vk-isarwerk-anthropic", "claude-sonnet-4-6",
                      60000)
    chat["last_updated_at"] = at(D, "07:41")
    chat["config"]["before_request_hooks"] = [
        {"type": "guardrail", "id": "gr-isarwerk-laenge", "deny": True, "async": False,
         "checks": [{"id": "default.wordCount", "parameters": {"minWords": 1, "maxWords": 300}}]}]
    booking = one_target("pc-gamsbock-buchung", b, "buchung", "vk-gamsbock-openai", "gpt-4.1", 60000)
    booking["last_updated_at"] = "2032-05-12T08:30:00Z"
    booking["config"]["before_request_hooks"] = [
        {"type": "guardrail", "id": "gr-gamsbock-iban", "deny": True, "async": False,
         "checks": [{"id": "default.regexMatch",
                     "parameters": {"rule": "\\bAT\\d{2}(?:\\s?\\d{4}){4}\\b", "not": True}}]}]
    cfg = [chat,
           one_target("pc-isarwerk-schaden", a, "schaden", "vk-isarwerk-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-isarwerk-tarife", a, "tarife", "vk-isarwerk-openai", "gpt-4.1-mini", 30000),
           one_target("pc-isarwerk-suche", a, "suche", "vk-isarwerk-openai", "text-embedding-3-small", 10000),
           booking,
           one_target("pc-zwiebelturm-review", c, "review", "vk-zwiebelturm-anthropic", "claude-opus-4-1", 120000)]
    t = [mail_ticket(55101, a, "HTTP 446 im Kundenchat – Störung bei Anthropic??",
                     "Servus zusammen,\n\nseit heute Vormittag, so ab 9:40 Uhr (MESZ), bekommt unser Kundenchat "
                     "(Config pc-isarwerk-kundendialog, Claude Sonnet) bei einem großen Teil der Anfragen einen "
                     "Fehler zurück, Statuscode 446. Den Code kennen wir ehrlich gesagt gar nicht, in der Doku von "
                     "Anthropic findet man dazu nix. Die Schadenmeldung läuft auf dem gleichen Modell und hat keine "
                     "Probleme, die Tarifberechnung (GPT) auch nicht.\n\nAuf status.anthropic.com war heute in der "
                     "Früh eine Störung mit erhöhten Fehlerraten gemeldet, wir gehen davon aus dass es damit "
                     "zusammenhängt. Oder hat es mit eurem Deployment an den Guardrails um 9:20 Uhr zu tun, das im "
                     "Changelog steht? An der Config selber haben wir nichts geändert, soweit ich weiß.\n\n"
                     "Auszug aus unserem Log:\n\n```\n2032-08-10T09:47:13+02:00 ERROR kundendialog.llm "
                     "upstream_status=446 latency_ms=14 conv_turns=11 session=4f0c2a\n2032-08-10T09:47:15+02:00 "
                     "INFO  kundendialog.llm upstream_status=200 latency_ms=2710 conv_turns=2 session=9be311\n```\n\n"
                     "Wie lange dauert die Störung noch? Die Kunden landen gerade alle in der Hotline-Warteschleife "
                     "und das Callcenter ist nicht begeistert.\n\nViele Grüße aus München\nKorbinian Huber\n"
                     "Teamleiter Digitale Services\nIsarwerk Versicherungsmakler GmbH\nLeopoldstraße 118, "
                     "80802 München", at(D, "09:55"), "Korbinian Huber", priority="high",
                     email="k.huber"),
         mail_ticket(55102, b, "Auftragsverarbeitungsvertrag",
                     "Grüß Gott,\n\nfür unser Verarbeitungsverzeichnis brauchen wir euren AVV und die Liste der "
                     "Unterauftragsverarbeiter. Wo bekommen wir die her?\n\nDanke und schöne Grüße aus Innsbruck\n"
                     "Theresa Gruber\nGamsbock Reisen GmbH", at(D, "08:35"), "Theresa Gruber", priority="low")]
    # Truth: 446 guardrail_denied on 40% of one config's requests from the minute after it was saved with a
    # wordCount check that, as the checks page says, counts the whole conversation and denies beyond 300
    # words; the org's other Sonnet config, its other configs and another org's guardrail config answer as
    # before: customer_config, cited with the config and the checks page. Bystanders: the PII-detector
    # deploy, the Opus incident, the 446-body bug, the damage-report config.
    return scenario("", "api-errors-guardrail-wordcount-446-munich-german",
                    "Bavarian German ticket (Munich, MESZ UTC+2, two pasted log lines, blames Anthropic's incident "
                    "or our guardrails deploy, 'nothing changed as far as I know'): pc-isarwerk-kundendialog was "
                    "saved at 07:41 UTC with a default.wordCount guardrail (maxWords 300, deny true) that counts the "
                    "whole conversation; from 07:42 40% of its requests are answered 446 guardrail_denied while the "
                    "org's other Sonnet config and another org's guardrail config work (customer_config). A PII "
                    "detector deploy at 07:20, Anthropic's Opus 4.1 incident and a bug on the 446 body are "
                    "bystanders among 19 routine deploys; a plain question about the DPA.",
                    now, CO, [a, b, c], start, 55101, streams, an, t,
                    {55101: truth("api-errors", "customer_config",
                                  ["config:pc-isarwerk-kundendialog", "docs:docs/guardrails/checks.md"],
                                  [f"github:deployment:{pii}", opus, "linear:issue:GW-11121",
                                   "config:pc-isarwerk-schaden"],
                                  ["446", "wordCount"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_GUARDRAIL_CHECKS, DOC_DPA],
                    answers={55102: ["docs:docs/legal/dpa.md"]})


# ---------------------------------------------------------------------------------------------
# 2. provider-routing, Spanish (Valencia, CEST), deploy_regression
# ---------------------------------------------------------------------------------------------

DOC_ANTHROPIC = doc("docs/providers/anthropic.md", "Anthropic",
                    "# Anthropic\n\nRequests in the OpenAI format are translated to Anthropic's Messages API. "
                    "Sampling parameters can be set on the request or in a target's `override_params`.\n\n"
                    "## Sampling parameters\n\nClaude Sonnet 4.5 and 4.6, Claude Haiku 4.5 and Claude Opus 4.1 "
                    "accept `temperature` **or** `top_p`, not both: Anthropic refuses a request that sets both "
                    "with 400 `invalid_request_error` (\"`temperature` and `top_p` cannot both be specified for "
                    "this model\"). `top_k` is passed on as it is. Older Claude models accept both.\n")


def routing_top_p_forwarding_deploy_es():
    """Our deploy at 13:05 UTC forwards top_p from override_params to Anthropic; from 13:07 every config
    that sets temperature and top_p on a Claude 4.x model is refused 400. The customer blames Anthropic."""
    Y, D, now = "2032-08-16", "2032-08-17", "2032-08-17T16:00:00Z"
    a = org("org_albufera", "Albufera Seguros", "albuferaseguros.es", "enterprise")
    b = org("org_horchata", "Horchata Labs", "horchatalabs.com", "scale")
    c = org("org_turia", "Turia Abogados", "turia-abogados.es", "growth")
    start = at(Y, "12:00")
    gh = github(CO, 55201, start, now, 18)
    early = gh.deploy(55240, at(D, "09:10"), "anthropic adapter: map stop_reason 'refusal' to finish_reason",
                      ["src/providers/anthropic/response.ts", "src/providers/anthropic/response.test.ts"])
    bad = gh.deploy(55241, at(D, "13:05"), "anthropic adapter: forward top_p from override_params",
                    ["src/providers/anthropic/params.ts", "src/providers/anthropic/params.test.ts"],
                    message="anthropic adapter: pass top_p through like top_k instead of dropping it (#9902)")
    sp = Statuspage(now)
    app = sp.incident("anthropic", "f5c2l3a4u5d6", "claude.ai conversations loading slowly", at(D, "12:20"),
                      at(D, "13:30"), "Some users see slow loading of conversations on claude.ai. The Claude API "
                                      "is not affected.", component="claude.ai", impact="minor")
    lin = [linear_issue("GW-11221", "Anthropic adapter: more than 4 stop sequences silently truncated",
                        "Requests with more than 4 `stop` sequences are sent to Anthropic with the first 4 only; "
                        "Anthropic accepts up to 8192. No error is raised.", "2032-08-05T10:00:00Z", state="Todo",
                        labels=("bug", "provider:anthropic"))]
    # Albufera (Valencia, CEST UTC+2, office hours 07:00-18:00 UTC): a policy-drafting assistant
    # pc-albufera-redaccion on Claude Sonnet 4.6 whose target sets temperature 0.3 and top_p 0.9 (saved in
    # May), a summaries service pc-albufera-resumenes on Claude Haiku 4.5 with temperature 0.2 only, a
    # customer chat on gpt-4.1 with temperature and top_p, and search on embeddings; 1% background errors.
    # Deploy #55241 at 13:05 UTC (15:05 CEST) makes the Anthropic adapter forward top_p, which it had
    # dropped; the Anthropic page says Claude 4.x models refuse temperature and top_p together. From 13:07
    # every request of pc-albufera-redaccion and of Horchata's pc-horchata-guiones (Opus 4.1, both
    # parameters) is refused 400 invalid_request. The Haiku config (temperature only), the GPT-4.1 config
    # (OpenAI accepts both) and Turia's Sonnet config (temperature only) keep working. The stop_reason deploy
    # at 09:10 touched the Anthropic adapter four hours before, with Claude served after it; the claude.ai
    # incident is another product; the stop-sequences bug raises no error.
    sdk = "portkey-python/1.47.2"
    streams = budget([
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=2600, p95=6000,
                     prompt=3500, completion=900, error_rate=0.01, config_id="pc-albufera-redaccion",
                     key="vk-albufera-back", sdk=sdk, metadata={"area": "redaccion"}), 7, 18, 0.25),
        cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=650, p95=1600,
                     error_rate=0.01, config_id="pc-albufera-resumenes", key="vk-albufera-back", sdk=sdk,
                     metadata={"area": "resumenes"}), 7, 18, 0.25),
        cycle(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1500, p95=3500, error_rate=0.01,
                     config_id="pc-albufera-chat", key="vk-albufera-web", sdk="portkey-node/2.33.1",
                     metadata={"area": "chat"}), 7, 18, 0.25),
        cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=6, p50=180,
                     p95=420, prompt=1800, completion=0, error_rate=0.01, config_id="pc-albufera-buscador",
                     key="vk-albufera-web", sdk="portkey-node/2.33.1"), 7, 18, 0.25),
        stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=4, p50=4600, p95=10500,
               config_id="pc-horchata-guiones", sdk="portkey-node/2.32.0"),
        stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=2400, p95=5600,
               config_id="pc-turia-contratos")])
    an = [errors(at(D, "13:07"), None, {"config_id": "pc-albufera-redaccion"}, 1.0, 400, "invalid_request"),
          errors(at(D, "13:07"), None, {"config_id": "pc-horchata-guiones"}, 1.0, 400, "invalid_request")]
    redaccion = with_params(one_target("pc-albufera-redaccion", a, "redaccion", "vk-albufera-anthropic",
                                       "claude-sonnet-4-6", 90000), temperature=0.3, top_p=0.9)
    redaccion["last_updated_at"] = "2032-05-21T08:12:00Z"
    guiones = with_params(one_target("pc-horchata-guiones", b, "guiones", "vk-horchata-anthropic", "claude-opus-4-1",
                                     120000), temperature=0.8, top_p=0.95)
    guiones["last_updated_at"] = "2032-06-30T15:40:00Z"
    cfg = [redaccion,
           with_params(one_target("pc-albufera-resumenes", a, "resumenes", "vk-albufera-anthropic",
                                  "claude-haiku-4-5", 20000), temperature=0.2),
           with_params(one_target("pc-albufera-chat", a, "chat", "vk-albufera-openai", "gpt-4.1", 60000),
                       temperature=0.5, top_p=0.95),
           one_target("pc-albufera-buscador", a, "buscador", "vk-albufera-openai", "text-embedding-3-large", 10000),
           guiones,
           with_params(one_target("pc-turia-contratos", c, "contratos", "vk-turia-anthropic", "claude-sonnet-4-6",
                                  60000), temperature=0.1)]
    t = [mail_ticket(55201, a, "RE: Alta de usuarios en el panel / Claude devuelve 400, GPT va bien",
                     "Hola, buenas tardes:\n\nAprovecho este hilo aunque no tiene nada que ver, perdonad. Desde las "
                     "15:07 (hora de Valencia) TODAS las peticiones de nuestro asistente de redacción de pólizas "
                     "(config pc-albufera-redaccion, Claude Sonnet) fallan con un 400. Todas, no algunas. En cambio "
                     "el chat de atención al cliente, que va con GPT-4.1, funciona perfectamente, y los resúmenes, "
                     "que van con Claude Haiku, también.\n\nNo hemos tocado esa configuración desde mayo. He visto en "
                     "la página de estado de Anthropic que hoy tienen una incidencia, así que entiendo que es cosa "
                     "suya, aunque me extraña que sea un 400 y no un 5xx. ¿Nos lo podéis confirmar y darnos una hora "
                     "estimada? El equipo de suscripción está sacando las pólizas a mano.\n\nLo que vemos en nuestro "
                     "log (el logger corta el mensaje):\n\n```\n[2032-08-17 15:09:41 CEST] ERROR redaccion: 400 "
                     "invalid_request - anthropic: `temperature` and `top_p` cannot both be specif…\n```\n\n"
                     "Un saludo,\nVicent Ferrer Climent\nResponsable de Plataforma · Albufera Seguros\nC/ de Colón 22, "
                     "46004 València\n\n-----Mensaje original-----\nDe: Soporte Relay\nEnviado: martes, 3 de agosto "
                     "de 2032 11:02\nAsunto: RE: Alta de usuarios en el panel\n\nHola Vicent, ya podéis invitar a "
                     "los nuevos usuarios desde Ajustes → Equipo. Cualquier cosa, nos decís.",
                     at(D, "13:40"), "Vicent Ferrer Climent", priority="high", email="vferrer")]
    # Truth: every request of every config that sets temperature and top_p on a Claude 4.x model is
    # refused 400 from two minutes after the deploy that began forwarding top_p, in two orgs, while the
    # org's Haiku config (temperature only), its GPT-4.1 config and another org's Sonnet config without
    # top_p work: deploy_regression, cited with the deploy and the failing config. Bystanders: the earlier
    # Anthropic adapter deploy, the claude.ai incident, the stop-sequences bug, the Haiku config.
    return scenario("", "provider-routing-top-p-forwarding-deploy-valencia-spanish",
                    "Spanish ticket under a stale subject with a quoted older reply (Valencia, CEST UTC+2, pasted "
                    "truncated error, 'Claude falla, GPT va bien', blames Anthropic's incident): deploy #55241 at "
                    "13:05 UTC makes the Anthropic adapter forward top_p, and from 13:07 every request of every "
                    "config setting temperature and top_p on a Claude 4.x model is refused 400 (the org's drafting "
                    "config, another org's Opus config) while its Haiku config (temperature only) and GPT-4.1 config "
                    "work (deploy_regression). An earlier Anthropic adapter deploy, a claude.ai incident and a "
                    "stop-sequences bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], start, 55201, streams, an, t,
                    {55201: truth("provider-routing", "deploy_regression",
                                  [f"github:deployment:{bad}", "config:pc-albufera-redaccion"],
                                  [f"github:deployment:{early}", app, "linear:issue:GW-11221",
                                   "config:pc-albufera-resumenes"],
                                  ["top_p", "400"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_ANTHROPIC])


# ---------------------------------------------------------------------------------------------
# 3. latency-spike, formal Japanese (Fukuoka, JST), deploy_regression + provider_outage
# ---------------------------------------------------------------------------------------------

DOC_LATENCY_PARTS = doc("docs/observability/latency.md", "Reading latency",
                        "# Reading latency\n\nEach request log has the time the client waited (`latency_ms`) and the "
                        "time spent waiting on the provider (`provider_latency_ms`). The difference is the gateway's "
                        "own time (authentication, routing, guardrails, transforms), usually 5-20 ms. Provider time "
                        "that grows on one model and one provider points at the provider; gateway time that grows "
                        "points at the gateway.\n")
DOC_VERTEX = doc("docs/providers/vertex-ai.md", "Google Vertex AI",
                 "# Google Vertex AI\n\nVirtual keys for Vertex AI hold a service account. The gateway exchanges it "
                 "for an OAuth access token, valid for an hour and reused for every request until it expires. "
                 "Claude models on Vertex AI are served by Google Cloud (Model Garden), Gemini models by the "
                 "Vertex AI Gemini API; incidents on Anthropic's own Claude API do not apply to them.\n")


def latency_vertex_token_deploy_and_sonnet_incident_ja():
    """Our Vertex AI deploy at 01:40 UTC mints a token on every request: gateway time +1.3 s on every
    org's vertex-ai requests from 01:42. Anthropic's Sonnet 4.6 incident doubles its provider time on the
    Claude API 02:30-04:10. The customer puts everything on Anthropic."""
    Y, D, now = "2032-08-23", "2032-08-24", "2032-08-24T05:10:00Z"
    a = org("org_nakasu", "Nakasu Kogyo", "nakasu-kogyo.co.jp", "enterprise")
    b = org("org_dazaifu", "Dazaifu Books", "dazaifu-books.jp", "scale")
    c = org("org_mentaiko", "Mentaiko Data", "mentaiko-data.jp", "growth")
    start = at(Y, "03:00")
    gh = github(CO, 55301, start, now, 20)
    oai = gh.deploy(55340, at(D, "01:15"), "openai adapter: pass service_tier through on chat completions",
                    ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"])
    bad = gh.deploy(55341, at(D, "01:40"), "vertex-ai: fetch access token per request",
                    ["src/providers/vertex/auth.ts", "src/providers/vertex/token-cache.ts",
                     "src/providers/vertex/auth.test.ts"],
                    message="vertex-ai: exchange the service-account JWT on every request instead of the "
                            "per-pod token cache, to pick up revoked keys at once (#9955)")
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "f5s6o7n8n9e0", "Elevated latency on Claude Sonnet 4.6", at(D, "02:30"),
                      at(D, "04:10"), "Requests to Claude Sonnet 4.6 on the Claude API are slower than usual. "
                                      "Claude on Amazon Bedrock and Google Cloud Vertex AI is not affected.",
                      impact="minor")
    garden = sp.incident("google-cloud", "f5g1a2r3d4n5", "Vertex AI Model Garden: elevated errors in "
                                                         "asia-northeast1", at(Y, "06:10"), at(Y, "06:55"),
                         "Some requests to partner models in Vertex AI Model Garden in asia-northeast1 return 503.",
                         component="Vertex AI Model Garden")
    lin = [linear_issue("GW-11321", "Latency chart: Vertex AI requests drawn under provider 'google'",
                        "The dashboard's latency chart groups vertex-ai requests with Google AI Studio ones. Request "
                        "logs carry the right provider.", "2032-08-12T10:00:00Z", state="Todo",
                        labels=("bug", "dashboard"))]
    # Nakasu (Fukuoka, JST UTC+9, office hours 01:00-09:00 UTC): a concierge chat pc-nakasu-concierge and a
    # booking desk pc-nakasu-yoyaku on Claude through Vertex AI (Sonnet 4.6 and Haiku 4.5), report writing
    # pc-nakasu-hokoku on Claude Sonnet 4.6 through Anthropic's API and search on gpt-4.1-mini; 1%
    # background errors. Deploy #55341 at 01:40 UTC (10:40 JST) exchanges the Vertex service-account JWT on
    # every request: from 01:42 the gateway's own time on every org's vertex-ai request (Nakasu's two
    # configs, Dazaifu's Gemini Flash on Vertex) goes from about 10 ms to about 1.3 s, provider time flat,
    # until now. Anthropic's incident 02:30-04:10 UTC (11:30-13:10 JST): provider time of Claude Sonnet 4.6
    # on the Claude API x2.3 (Nakasu's hokoku, Mentaiko's config); its notice says Bedrock and Vertex AI
    # are not affected, and Vertex Sonnet's provider time is flat. The OpenAI adapter deploy at 01:15, the
    # Model Garden incident the morning before (errors, over) and the chart bug are bystanders; search on
    # gpt-4.1-mini keeps its time.
    sdk = "portkey-python/1.47.2"
    streams = budget([
        cycle(stream(a["id"], provider="vertex-ai", model="claude-sonnet-4-6@20260217", per_minute=12, p50=1800,
                     p95=4200, gateway_ms=10, error_rate=0.01, config_id="pc-nakasu-concierge", key="vk-nakasu-web",
                     sdk=sdk, metadata={"busho": "concierge"}), 1, 9, 0.3),
        cycle(stream(a["id"], provider="vertex-ai", model="claude-haiku-4-5@20251001", per_minute=8, p50=650,
                     p95=1600, gateway_ms=10, error_rate=0.01, config_id="pc-nakasu-yoyaku", key="vk-nakasu-web",
                     sdk=sdk, metadata={"busho": "yoyaku"}), 1, 9, 0.3),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2400, p95=5600,
                     gateway_ms=10, error_rate=0.01, config_id="pc-nakasu-hokoku", key="vk-nakasu-back", sdk=sdk,
                     metadata={"busho": "hokoku"}), 1, 9, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, gateway_ms=10, error_rate=0.01,
                     config_id="pc-nakasu-kensaku", key="vk-nakasu-back", sdk=sdk, metadata={"busho": "kensaku"}),
              1, 9, 0.3),
        stream(b["id"], provider="vertex-ai", model="gemini-2.5-flash", per_minute=6, p50=800, p95=1900, gateway_ms=10,
               config_id="pc-dazaifu-shoseki", sdk="portkey-node/2.33.1"),
        stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=2300, p95=5400,
               gateway_ms=10, config_id="pc-mentaiko-bunseki")])
    an = [latency(at(D, "01:42"), None, {"provider": "vertex-ai"}, 130.0, component="gateway"),
          latency(at(D, "02:30"), at(D, "04:10"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 2.3)]
    cfg = [one_target("pc-nakasu-concierge", a, "concierge", "vk-nakasu-vertex", "claude-sonnet-4-6@20260217", 60000),
           one_target("pc-nakasu-yoyaku", a, "yoyaku", "vk-nakasu-vertex", "claude-haiku-4-5@20251001", 20000),
           one_target("pc-nakasu-hokoku", a, "hokoku", "vk-nakasu-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-nakasu-kensaku", a, "kensaku", "vk-nakasu-openai", "gpt-4.1-mini", 20000),
           one_target("pc-dazaifu-shoseki", b, "shoseki", "vk-dazaifu-vertex", "gemini-2.5-flash", 30000),
           one_target("pc-mentaiko-bunseki", c, "bunseki", "vk-mentaiko-anthropic", "claude-sonnet-4-6", 60000)]
    t = [mail_ticket(55301, a, "Claude 応答遅延の件（Anthropic 障害の影響範囲について）",
                     "Relay サポートご担当者様\n\nいつも大変お世話になっております。中洲工業 DX推進部の松尾でございます。"
                     "\n\n本日 10時40分過ぎ（日本時間）より、弊社の Claude を利用したサービス全般で応答が遅くなって"
                     "おります。Anthropic 社のステータスページに Claude Sonnet 4.6 の遅延に関する障害が掲載されて"
                     "おりましたので、その影響と理解しておりますが、いくつか腑に落ちない点がございます。\n\n"
                     "1. コンシェルジュ（pc-nakasu-concierge）と予約受付（pc-nakasu-yoyaku）は Google Cloud の "
                     "Vertex AI 経由で Claude を利用しておりますが、こちらも遅くなっております。予約受付は Haiku "
                     "ですので、Sonnet の障害とは関係がないはずではないかと存じます。\n"
                     "2. Anthropic のページでは障害は解消済みとなっておりますが、コンシェルジュと予約受付は現在も"
                     "遅いままです。\n3. 報告書作成（pc-nakasu-hokoku、Anthropic API 直結）は 11時半頃から遅くなり、"
                     "現在は元に戻っているように見えます。\n\n弊社アプリのログ（抜粋）：\n```\n2032-08-24 10:52:07 "
                     "JST WARN concierge.llm total_ms=3412 provider=vertex-ai model=claude-sonnet-4-6@20260217\n"
                     "2032-08-24 12:05:44 JST WARN hokoku.llm total_ms=11880 provider=anthropic "
                     "model=claude-sonnet-4-6\n```\n\nAnthropic の障害が Vertex AI 経由のモデルにも波及している"
                     "のか、あるいは別の要因があるのか、ご教示いただけますと幸いです。Google Cloud のステータス"
                     "ダッシュボードでは、昨日の朝に Model Garden の障害があった以外は正常と表示されております。"
                     "\n\nお忙しいところ恐縮ですが、何卒よろしくお願い申し上げます。\n\n松尾 直樹\n"
                     "中洲工業株式会社 DX推進部\n〒810-0801 福岡市博多区中洲", at(D, "04:40"), "Naoki Matsuo",
                     priority="high", email="n.matsuo")]
    # Primary: gateway time on every org's vertex-ai requests, Claude and Gemini alike, from two minutes
    # after the deploy that made the Vertex adapter fetch a token per request, provider time flat, still
    # slow after Anthropic's incident ended: deploy_regression, cited with the deploy and the provider.
    # Secondary: provider time of Claude Sonnet 4.6 on Anthropic's API inside its declared incident:
    # provider_outage, cited with the incident. Bystanders: the OpenAI adapter deploy, the Model Garden
    # incident of the day before, the chart bug, the search config.
    return scenario("", "latency-spike-vertex-token-deploy-and-sonnet-incident-fukuoka-japanese",
                    "Formal Japanese ticket (Fukuoka, JST UTC+9, two pasted log lines, puts all the slowness on "
                    "Anthropic's incident), two causes: deploy #55341 at 01:40 UTC makes the Vertex AI adapter "
                    "fetch an access token on every request, and from 01:42 the gateway's own time on every org's "
                    "vertex-ai requests grows by some 1.3 s, provider time flat (deploy_regression); Anthropic's "
                    "incident raises the provider time of Claude Sonnet 4.6 on the Claude API x2.3 02:30-04:10, "
                    "which its notice says leaves Vertex AI alone (secondary provider_outage). An OpenAI adapter "
                    "deploy at 01:15, a Model Garden incident the day before and a chart bug are bystanders among "
                    "20 routine deploys.",
                    now, CO, [a, b, c], start, 55301, streams, an, t,
                    {55301: truth("latency-spike", "deploy_regression",
                                  [f"github:deployment:{bad}", "provider:vertex-ai"],
                                  [f"github:deployment:{oai}", garden, "linear:issue:GW-11321",
                                   "config:pc-nakasu-kensaku"],
                                  ["Vertex", "Anthropic"],
                                  [secondary("provider_outage", [inc])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LATENCY_PARTS, DOC_VERTEX])


# ---------------------------------------------------------------------------------------------
# 4. fallback, Brazilian Portuguese (Curitiba, BRT), known_bug + rate_limited
# ---------------------------------------------------------------------------------------------

DOC_FALLBACK_CODES = doc("docs/routing/fallbacks.md", "Fallbacks",
                         "# Fallbacks\n\nA config with `strategy.mode = fallback` tries its targets in order and moves "
                         "to the next one when a target answers a status listed in `strategy.on_status_codes` "
                         "(default: 429 and every 5xx). A 4xx other than 429 means the request itself is wrong "
                         "and is returned to the client without trying another target. Requests served by a "
                         "later target show `fallback_used: 1` in the request log.\n")
DOC_BEDROCK = doc("docs/providers/bedrock.md", "Amazon Bedrock",
                  "# Amazon Bedrock\n\nBedrock virtual keys hold your own AWS credentials, so Bedrock requests use "
                  "**your AWS account's quotas**: tokens and requests per minute, per model and region. Every "
                  "config whose targets use the same account shares them. When they are exceeded AWS throttles the "
                  "request (`ThrottlingException`) and the gateway returns it as **429** with `error_code: "
                  "provider_throttled`, so fallbacks and retries treat it like any rate limit. Ask AWS for a "
                  "quota increase or give batch work its own account.\n")


def fallback_bedrock_throttle_known_bug_pt():
    """The month-end batch triples the traffic on the org's own AWS account from 12:00 UTC; Bedrock
    throttles 45% of the org's Bedrock requests from 12:05, passed on as 400 by the open Jira bug
    PROV-1187, so the fallback config that lists 429 never fails over. Blames our router deploy."""
    Y, D, now = "2032-08-30", "2032-08-31", "2032-08-31T14:40:00Z"
    a = org("org_capivari", "Capivari Crédito", "capivaricredito.com.br", "enterprise")
    b = org("org_araucaria", "Araucária Móveis", "araucariamoveis.com.br", "scale")
    c = org("org_pinhao", "Pinhão Saúde", "pinhaosaude.com.br", "growth")
    start = at(Y, "10:00")
    gh = github(CO, 55401, start, now, 21)
    router = gh.deploy(55440, at(D, "11:50"), "router: record per-target attempt latency in the fallback log",
                       ["src/router/fallback.ts", "src/router/attempt-log.ts", "src/router/fallback.test.ts"])
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "f5h1a2i3k4u5", "Elevated errors on Claude Haiku 4.5", at(D, "13:10"),
                        at(D, "13:50"), "Some requests to Claude Haiku 4.5 fail with 500 errors.")
    bug = jira_issue("PROV-1187", 118700, "Bedrock: ThrottlingException returned as 400, no fallback or retry",
                     "When Bedrock throttles a request (ThrottlingException, 'Too many tokens, please wait before "
                     "trying again.'), the Bedrock adapter returns status 400 with error_code provider_throttled "
                     "instead of 429. Fallback configs whose on_status_codes list 429 (or use the default) therefore "
                     "do not move to the next target, and retries skip it.\n\nThe providers page documents 429. "
                     "Seen by two customers so far. Fix: map ThrottlingException and ServiceQuotaExceededException "
                     "to 429 in the error mapper; PR in review.", "2032-08-19T14:30:00Z",
                     labels=("bug", "provider:bedrock", "router"))
    old = jira_issue("PROV-1102", 110200, "Bedrock: cross-region inference profile ids refused with ValidationException",
                     "Model ids with a us./eu./apac. profile prefix were sent without the prefix. Fixed and "
                     "deployed.", "2032-07-02T10:00:00Z", status="Done", category="done",
                     labels=("bug", "provider:bedrock"))
    lin = [linear_issue("GW-11421", "Fallback log: attempt latency missing for the last target",
                        "The fallback log in the request detail view omits the attempt latency of the target that "
                        "finally answered. Routing is unaffected.", "2032-08-22T10:00:00Z", state="Todo",
                        labels=("bug", "router"))]
    # Capivari (Curitiba, BRT UTC-3, office hours 11:00-22:00 UTC): credit analysis pc-capivari-analise is a
    # fallback config, Bedrock us.anthropic.claude-sonnet-4-6-v1:0 on the customer's own AWS account
    # (vk-capivari-bedrock) then Claude Sonnet 4.6 on Anthropic, on_status_codes [429, 500, 502, 503, 504];
    # the portfolio batch pc-capivari-lote uses the same Bedrock key and model; customer service runs on
    # gpt-4.1-mini. The batch's month-end run triples its volume from 12:00 UTC (09:00 BRT); from 12:05,
    # 45% of the org's Bedrock requests (both configs) are throttled by AWS and logged 400
    # provider_throttled, none served by the fallback. The Bedrock page says throttling is returned as 429
    # and the account's quota is shared by every config on it; Jira PROV-1187 (open since 19 Aug) says the
    # adapter returns it as 400 so fallbacks ignore it. Araucária's Bedrock fallback config was throttled
    # the evening before (19:10-19:50 UTC, 30%, 400, not failed over), the same bug. The router deploy at
    # 11:50 changed the fallback log only; the Haiku incident (Pinhão's model), the closed profile-id bug
    # and the fallback-log bug are bystanders; customer service on gpt-4.1-mini keeps its 1%.
    sdk = "portkey-python/1.47.2"
    model = "us.anthropic.claude-sonnet-4-6-v1:0"
    streams = budget([
        cycle(stream(a["id"], provider="bedrock", model=model, per_minute=12, p50=2600, p95=6000, prompt=5200,
                     completion=700, error_rate=0.01, config_id="pc-capivari-analise", key="vk-capivari-mesa",
                     sdk=sdk, metadata={"produto": "credito-pj"}), 11, 22, 0.3),
        stream(a["id"], provider="bedrock", model=model, per_minute=5, p50=3000, p95=7000, prompt=7000,
               completion=900, error_rate=0.01, config_id="pc-capivari-lote", key="vk-capivari-lote", sdk=sdk,
               metadata={"produto": "carteira"}),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.01,
                     config_id="pc-capivari-atendimento", key="vk-capivari-sac", sdk="portkey-node/2.33.1",
                     metadata={"produto": "sac"}), 11, 22, 0.3),
        stream(b["id"], provider="bedrock", model=model, per_minute=6, p50=2500, p95=5800,
               config_id="pc-araucaria-catalogo", sdk="portkey-node/2.32.0"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-pinhao-triagem")])
    an = [volume(at(D, "12:00"), None, {"config_id": "pc-capivari-lote"}, 3.0),
          errors(at(D, "12:05"), None, {"org": a["id"], "provider": "bedrock"}, 0.45, 400, "provider_throttled"),
          errors(at(Y, "19:10"), at(Y, "19:50"), {"config_id": "pc-araucaria-catalogo"}, 0.3, 400,
                 "provider_throttled"),
          errors(at(D, "13:10"), at(D, "13:50"), {"model": "claude-haiku-4-5"}, 0.4, 500, "provider_error")]
    codes = [429, 500, 502, 503, 504]
    analise = config("pc-capivari-analise", a["id"], "analise-credito",
                     [target("vk-capivari-bedrock", model, 60000), target("vk-capivari-anthropic", "claude-sonnet-4-6",
                                                                          60000)],
                     mode="fallback", updated="2032-06-03T13:20:00Z")
    analise["config"]["strategy"]["on_status_codes"] = codes
    catalogo = config("pc-araucaria-catalogo", b["id"], "catalogo",
                      [target("vk-araucaria-bedrock", model, 60000), target("vk-araucaria-anthropic",
                                                                            "claude-sonnet-4-6", 60000)],
                      mode="fallback", updated="2032-04-18T17:00:00Z")
    catalogo["config"]["strategy"]["on_status_codes"] = codes
    cfg = [analise,
           one_target("pc-capivari-lote", a, "lote-carteira", "vk-capivari-bedrock", model, 120000),
           one_target("pc-capivari-atendimento", a, "atendimento", "vk-capivari-openai", "gpt-4.1-mini", 20000),
           catalogo,
           one_target("pc-pinhao-triagem", c, "triagem", "vk-pinhao-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(55401, a, "URGENTE - fallback não dispara, erros 400 do Bedrock",
                     "Bom dia, pessoal\n\nDesde umas 9h (horário de Brasília) a nossa análise de crédito (config "
                     "pc-capivari-analise) está devolvendo erro 400 em quase metade das chamadas. O config é "
                     "fallback: primeiro o Bedrock (Claude Sonnet na nossa conta AWS), depois a Anthropic direto, e "
                     "o on_status_codes tem 429 e os 5xx. Só que o fallback simplesmente não dispara: fallback_used=0 "
                     "em todas as requisições com erro, nenhuma chegou na Anthropic.\n\nVi no changelog de vocês um "
                     "deploy no router às 8h50. Foi isso que quebrou o fallback? Até ontem funcionava, pelo menos "
                     "ninguém reclamou.\n\nLog do nosso worker:\n\n```\n2032-08-31 09:14:22-03:00 WARN analise.llm "
                     "status=400 error_code=provider_throttled provider=bedrock attempts=1 fallback_used=0\n```\n\n"
                     "Hoje é fechamento do mês e o lote de reavaliação da carteira está rodando desde as 9h, mas ele "
                     "roda todo fim de mês e nunca deu problema, e nem usa o mesmo config.\n\nPreciso de um retorno "
                     "urgente, a mesa de crédito está parada e tem proposta vencendo hoje.\n\nAbs,\nRafael Kowalski\n"
                     "Coordenador de Engenharia · Capivari Crédito\nCuritiba/PR", at(D, "14:15"), "Rafael Kowalski",
                     priority="urgent", email="rafael.kowalski")]
    # Primary: the org's Bedrock requests are throttled and returned 400 provider_throttled, a status the
    # config's on_status_codes cannot list as a rate limit, because of the open bug PROV-1187 (the Bedrock
    # page documents 429); another org's Bedrock fallback failed the same way the evening before, before
    # the router deploy: known_bug, cited with the bug and the fallback config. Secondary: the throttling
    # is the org's own AWS quota, spent by its month-end batch on the same account five minutes before the
    # errors began: rate_limited, cited with the batch config. Bystanders: the router deploy, the Haiku
    # incident, the fallback-log bug, the closed profile-id bug, the customer-service config.
    return scenario("", "fallback-bedrock-throttle-400-known-bug-month-end-batch-curitiba-portuguese",
                    "Brazilian Portuguese ticket (Curitiba, BRT UTC-3, pasted worker log, blames our router deploy "
                    "at 08:50 BRT, says its month-end batch never caused trouble), two causes: the batch triples "
                    "the traffic on the org's own AWS account from 12:00 UTC and from 12:05 45% of the org's Bedrock "
                    "requests are throttled; the open Jira PROV-1187 returns Bedrock throttling as 400 instead of "
                    "the documented 429, so pc-capivari-analise, which lists 429, never fails over to Anthropic "
                    "(known_bug); the org's own quota spent by pc-capivari-lote (secondary rate_limited). A "
                    "fallback-log router deploy, a Haiku incident, a closed Bedrock bug and a fallback-log bug are "
                    "bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], start, 55401, streams, an, t,
                    {55401: truth("fallback", "known_bug",
                                  ["jira:issue:PROV-1187", "config:pc-capivari-analise"],
                                  [f"github:deployment:{router}", haiku, "linear:issue:GW-11421",
                                   "jira:issue:PROV-1102", "config:pc-capivari-atendimento"],
                                  ["400", "429"],
                                  [secondary("rate_limited", ["config:pc-capivari-lote"])])},
                    github=gh, statuspage=sp, configs=cfg, jira=[bug, old], linear=lin,
                    docs=[DOC_FALLBACK_CODES, DOC_BEDROCK])


# ---------------------------------------------------------------------------------------------
# 5. token-billing, New Zealand English (Auckland, NZST), billing_pipeline
# ---------------------------------------------------------------------------------------------

DOC_INVOICE_DAY_NZ = doc("docs/billing/invoices.md", "Invoices",
                         "# Invoices\n\nUsage is invoiced per UTC day (00:00-24:00 UTC; 12:00 to 12:00 the next day "
                         "in New Zealand in winter, 13:00 to 13:00 in summer) on two lines: **Input tokens** "
                         "(`prompt_tokens - cached_tokens`) and **Output tokens** (`completion_tokens`). The draft "
                         "is created when the day ends and finalised four hours later. Each line's quantity should "
                         "equal the request logs' totals for the same UTC day, which the usage export gives. A "
                         "request is billed once, on the attempt that produced its tokens: failed attempts and "
                         "retries that were answered with an error carry no tokens.\n")
DOC_METER_DELAYS = doc("docs/billing/meter-delays.md", "Meter delays",
                       "# Meter delays\n\nMeter events usually reach Stripe within a minute. When the exporter "
                       "cannot reach Stripe, events wait in its queue and are sent once it recovers; each event "
                       "carries an idempotency key, so none is lost and none is counted twice.\n")
DOC_TAX = doc("docs/billing/tax.md", "Tax on invoices",
              "# Tax on invoices\n\nInvoices are issued in USD by Relay AI Inc. For customers in New Zealand with a "
              "NZ billing address, GST at 15% is added as a separate line (reverse charge does not apply), and the "
              "invoice shows the GST amount in NZD at the day's rate for your records. Add your GST number under "
              "Settings → Billing → Tax IDs to have it printed on the invoice.\n")


def billing_meter_replay_double_count_nz():
    """The meter exporter failed on the evening of 6 September and on-call replayed its backlog from the
    19:00 UTC checkpoint: both meters count every org's tokens of 19:00-21:40 twice. The customer guesses
    retries billed twice during an OpenAI incident."""
    D, N, now = "2032-09-06", "2032-09-07", "2032-09-07T04:30:00Z"
    a = org("org_kereru", "Kererū Analytics Ltd", "kereru-analytics.co.nz", "enterprise")
    b = org("org_pukeko", "Pukeko Payroll", "pukekopayroll.co.nz", "scale")
    c = org("org_takahe", "Takahē Travel", "takahetravel.co.nz", "growth")
    start = at(D, "00:00")
    gh = github(CO, 55501, start, now, 17)
    gst = gh.deploy(55540, at(D, "02:15"), "invoices: GST line and NZD reference amount for NZ customers",
                    ["src/billing/invoice-lines.ts", "src/billing/tax/nz-gst.ts", "src/emails/invoice.mjml"])
    pd = [pd_incident("PMTRRPL906", 15906, "meter-exporter: Stripe meter event submissions failing (503); backlog "
                                           "replayed from the 19:00 UTC checkpoint", at(D, "21:45"), at(D, "22:40"),
                      "Billing meters")]
    sp = Statuspage(now)
    o3 = sp.incident("openai", "f5o3i4n5c6d7", "Elevated error rates for o3", at(D, "20:10"), at(D, "20:50"),
                     "Some requests to o3 fail with 500 errors. Other models are not affected.")
    lin = [linear_issue("GW-11521", "Usage export: cached_tokens column empty for Anthropic requests",
                        "The usage export leaves cached_tokens empty for Anthropic requests; prompt and completion "
                        "tokens are right, and meters read the request logs.", "2032-08-27T10:00:00Z",
                        state="Todo", labels=("bug", "usage-ui"))]
    # Kererū (Auckland, NZST UTC+12): an insights assistant on gpt-4.1, a tagger on gpt-4.1-mini and a report
    # writer on Claude Sonnet 4.6, 1% background errors, no prompt caching. Two meters per UTC day: input
    # (prompt - cached) and output (completion). The meter exporter could not reach Stripe from 21:40 UTC;
    # the on-call page (21:45-22:40) replayed its backlog from the 19:00 checkpoint, so the events of
    # 19:00-21:40, already accepted once, were sent a second time for every org: both meters count those
    # tokens twice. in_1Kereru0906 (UTC day 6 September, 12:00 Mon to 12:00 Tue in Auckland) is above the
    # logs by exactly the tokens of 19:00-21:40 on both lines. The meter-delays page says a replay never
    # counts twice. The o3 incident (20:10-20:50 UTC, Pukeko's model; failed requests carry no tokens, as
    # the invoices page says), the GST deploy (a tax line, quantities untouched) and the usage-export bug
    # are bystanders.
    streams = budget([
        stream(a["id"], model="gpt-4.1", per_minute=12, p50=1600, p95=3700, prompt=3000, completion=500,
               error_rate=0.01, config_id="pc-kereru-insights", key="vk-kereru-app", sdk="portkey-python/1.47.2",
               metadata={"team": "insights"}),
        stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, prompt=900, completion=80,
               error_rate=0.01, config_id="pc-kereru-tagger", key="vk-kereru-app", sdk="portkey-python/1.47.2",
               metadata={"team": "tagger"}),
        stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2600, p95=6000,
               prompt=4500, completion=900, error_rate=0.01, config_id="pc-kereru-reports", key="vk-kereru-reports",
               sdk="portkey-node/2.33.1", metadata={"team": "reports"}),
        stream(b["id"], model="o3", per_minute=4, p50=9000, p95=21000, config_id="pc-pukeko-payslips",
               sdk="portkey-node/2.33.1"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=5, p50=700, p95=1700, config_id="pc-pukeko-helpdesk"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-takahe-itinerary")])
    an = [errors(at(D, "20:10"), at(D, "20:50"), {"model": "o3"}, 0.4, 500, "provider_error")]
    cfg = [one_target("pc-kereru-insights", a, "insights", "vk-kereru-openai", "gpt-4.1", 60000),
           one_target("pc-kereru-tagger", a, "tagger", "vk-kereru-openai", "gpt-4.1-mini", 20000),
           one_target("pc-kereru-reports", a, "reports", "vk-kereru-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-pukeko-payslips", b, "payslips", "vk-pukeko-openai", "o3", 120000),
           one_target("pc-pukeko-helpdesk", b, "helpdesk", "vk-pukeko-openai", "gpt-4.1-mini", 30000),
           one_target("pc-takahe-itinerary", c, "itinerary", "vk-takahe-anthropic", "claude-haiku-4-5", 20000)]
    replay = [{"kind": "double_count", "from": at(D, "19:00"), "to": at(D, "21:40"), "match": {}}]
    inv = "in_1Kereru0906"
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [{"meter": "llm_input_tokens", "nickname": "Input tokens", "counts": ["prompt_tokens"],
                        "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": replay},
                       {"meter": "llm_output_tokens", "nickname": "Output tokens", "counts": ["completion_tokens"],
                        "cached_tokens": "excluded", "unit_amount_decimal": "0.0008", "faults": replay}],
            "invoices": [{"id": inv, "org": a["id"], "status": "open", "from": at(D, "00:00"), "to": at(N, "00:00")}]}
    cus = [customer(a, email_user="accounts", with_org_id=False), customer(b), customer(c)]
    cus[0]["email"] = "accounts@finance.kereru-analytics.co.nz"
    cus[0]["name"] = "Kereru Analytics Limited"
    t = [mail_ticket(55501, a, "Invoice for 6 Sept doesn't match the usage export",
                     "Kia ora Relay team,\n\nOur finance team reconciles your daily invoice against the usage export "
                     f"every afternoon. The invoice for 6 September ({inv}, the UTC day, so midday Monday to midday "
                     "Tuesday for us) came through as a draft at lunchtime today and it's noticeably higher than the "
                     "export for the same UTC day - something like a tenth more, on both the Input and Output lines. "
                     "Every other day this month has matched to within a rounding error.\n\nOur guess: OpenAI had an "
                     "incident this morning (around 8am NZST) and our SDK is set to retry twice, so are retried "
                     "requests being billed twice? If so we'd like those credited.\n\nCould you confirm what the "
                     "correct quantities should be before we approve it? Payment run is Thursday.\n\nNgā mihi,\n"
                     "Aroha Te Whata\nFinance Systems Lead | Kererū Analytics Ltd\nLevel 4, 12 Customs Street East, "
                     "Auckland 1010\n\nSent from my phone", at(N, "03:50"), "Aroha Te Whata", email="aroha.tewhata"),
         mail_ticket(55502, c, "GST number on invoices",
                     "Hi, quick one - can we get our GST number printed on the invoices, and is GST charged on top of "
                     "the USD amount? Cheers, Liam", at(N, "01:20"), "Liam Parata", priority="low")]
    # Truth: both lines of the invoice exceed the logs by exactly the tokens of 19:00-21:40 UTC, the window
    # the on-call page replayed from its checkpoint, whatever the model; the meter-delays page says a
    # replay never counts twice: billing_pipeline, cited with the invoice and the page. Bystanders: the GST
    # deploy, the o3 incident (another org's model), the usage-export bug.
    return scenario("", "token-billing-meter-replay-double-count-auckland-english",
                    "New Zealand English ticket (Auckland, NZST UTC+12 in early September, guesses retries during "
                    "an OpenAI incident are billed twice; Stripe customer found by its finance sub-domain): the "
                    "meter exporter failed on 6 September and on-call replayed its backlog from the 19:00 UTC "
                    "checkpoint, so both meters count every org's tokens of 19:00-21:40 twice and both lines of "
                    "in_1Kereru0906 exceed the logs by exactly those tokens (billing_pipeline). An o3 incident on "
                    "another org's model, a GST invoice deploy and a usage-export bug are bystanders among 17 "
                    "routine deploys; a plain question about GST.",
                    now, CO, [a, b, c], start, 55501, streams, an, t,
                    {55501: truth("token-billing", "billing_pipeline",
                                  [f"stripe:invoice:{inv}", "pagerduty:incident:PMTRRPL906"],
                                  [f"github:deployment:{gst}", o3, "linear:issue:GW-11521"],
                                  [inv])},
                    github=gh, statuspage=sp, configs=cfg, billing=bill, linear=lin, pagerduty=pd,
                    stripe_customers=cus, docs=[DOC_INVOICE_DAY_NZ, DOC_METER_DELAYS, DOC_TAX],
                    answers={55502: ["docs:docs/billing/tax.md"]})


# ---------------------------------------------------------------------------------------------
# 6. metadata, French (Nantes, CEST), expected_behavior
# ---------------------------------------------------------------------------------------------

DOC_METADATA_LIMITS = doc("docs/observability/metadata.md", "Custom metadata",
                          "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                          "with the SDK's `metadata` option. It is stored with the request log and forwarded to the "
                          "provider. Values are UTF-8 strings; accents and other non-ASCII characters are kept as "
                          "they are.\n\n## Limits\n\n- at most 16 keys per request;\n- keys at most 64 characters, "
                          "case sensitive;\n- **values at most 128 characters**. A key whose value is longer is "
                          "left out: it is neither stored nor forwarded, the other keys are, and the request is "
                          "served as usual. The response's `x-portkey-metadata-warnings` header names the keys left "
                          "out.\n\nPut long texts in the request itself, or store them on your side under an id you "
                          "send as metadata.\n")


def metadata_long_value_dropped_fr():
    """From the customer's release at 08:10 UTC its claims service sends a new resume_dossier key; the key
    is logged on the requests whose value is short and left out on the others, as the metadata page says
    of values above 128 characters. The customer blames our metadata-index deploy at 07:55, or accents."""
    Y, D, now = "2032-09-13", "2032-09-14", "2032-09-14T14:00:00Z"
    a = org("org_muscadet", "Muscadet Mutuelle", "muscadet-mutuelle.fr", "enterprise")
    b = org("org_korrigan", "Korrigan Studio", "korrigan.studio", "scale")
    c = org("org_berlingot", "Berlingot Énergie", "berlingot-energie.fr", "growth")
    start = at(Y, "10:00")
    gh = github(CO, 55601, start, now, 16)
    idx = gh.deploy(55640, at(D, "07:55"), "logs: rebuild the metadata search index with per-key n-grams",
                    ["src/logs/metadata-index.ts", "src/logs/migrations/0412_metadata_ngrams.sql",
                     "src/logs/metadata-index.test.ts"])
    lin = [linear_issue("GW-11621", "Logs filter: metadata keys with upper-case letters never match",
                        "Filtering the logs on a metadata key written with upper-case letters (e.g. `DossierId`) "
                        "returns nothing, although the requests carry it. Stored metadata is right.",
                        "2032-09-02T10:00:00Z", state="Todo", labels=("bug", "metadata", "dashboard"))]
    closed = jira_issue("LOGS-468", 46800, "CSV export cuts metadata values at 128 bytes instead of characters",
                        "Values with accented characters were cut a few characters short in the CSV export. Fixed: "
                        "the export now counts characters.", "2032-07-08T10:00:00Z", status="Done", category="done",
                        labels=("bug", "metadata", "export"))
    # Muscadet (Nantes, CEST UTC+2, office hours 07:00-17:00 UTC): a claims assistant pc-muscadet-sinistres on
    # gpt-4.1, a letters service pc-muscadet-courrier on Claude Sonnet 4.6 and a mail triage on
    # gpt-4.1-mini, each request with {dossier_id, agence, canal} or {boite}. The claims service was
    # released at 08:10 UTC (10:10 CEST) on portkey-python 1.48.1 (1.46.0 before; two streams, each silent
    # on its side of the release) and sends a new key resume_dossier, a summary of the claim. From 08:10
    # about four requests in ten carry resume_dossier, with short values (accents included: "Bris de
    # glace", "véhicule"); the others carry the same three keys as before and no resume_dossier. The
    # metadata page: a value above 128 characters is left out, the other keys kept, accents kept. The
    # ticket's own trace shows a 172-character value. Every other key is on every request of every
    # config before and after our index deploy at 07:55, which touched log search only; the upper-case
    # filter bug and the closed CSV-export bug are bystanders.
    meta = {"dossier_id": "SIN-2032-45102", "agence": "nantes-erdre", "canal": "web"}
    short = dict(meta, resume_dossier="Bris de glace – pare-brise fissuré, véhicule de prêt demandé")
    sdk_old, sdk_new = "portkey-python/1.46.0", "portkey-python/1.48.1"
    streams = budget([
        cycle(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1600, p95=3700, error_rate=0.01,
                     config_id="pc-muscadet-sinistres", key="vk-muscadet-app", sdk=sdk_old, metadata=meta),
              7, 17, 0.25),
        cycle(stream(a["id"], model="gpt-4.1", per_minute=5, p50=1600, p95=3700, error_rate=0.01,
                     config_id="pc-muscadet-sinistres", key="vk-muscadet-app", sdk=sdk_new, metadata=short),
              7, 17, 0.25),
        cycle(stream(a["id"], model="gpt-4.1", per_minute=7, p50=1600, p95=3700, error_rate=0.01,
                     config_id="pc-muscadet-sinistres", key="vk-muscadet-app", sdk=sdk_new, metadata=dict(meta)),
              7, 17, 0.25),
        cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2500, p95=5800,
                     error_rate=0.01, config_id="pc-muscadet-courrier", key="vk-muscadet-app", sdk=sdk_old,
                     metadata={"dossier_id": "SIN-2032-44817", "agence": "saint-nazaire", "canal": "courrier"}),
              7, 17, 0.25),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.01,
                     config_id="pc-muscadet-tri", key="vk-muscadet-tri", sdk="portkey-node/2.33.1",
                     metadata={"boite": "sinistres-entrants"}), 7, 17, 0.25),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=750, p95=1800, config_id="pc-korrigan-dialogues",
               sdk="portkey-node/2.32.0", metadata={"projet": "lande-3"}),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-berlingot-factures", metadata={"service": "factures"})])
    an = [volume(at(D, "08:10"), None, {"config_id": "pc-muscadet-sinistres", "sdk": sdk_old}, 0.0),
          volume(start, at(D, "08:10"), {"config_id": "pc-muscadet-sinistres", "sdk": sdk_new}, 0.0)]
    cfg = [one_target("pc-muscadet-sinistres", a, "sinistres", "vk-muscadet-openai", "gpt-4.1", 60000),
           one_target("pc-muscadet-courrier", a, "courrier", "vk-muscadet-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-muscadet-tri", a, "tri", "vk-muscadet-openai", "gpt-4.1-mini", 20000),
           one_target("pc-korrigan-dialogues", b, "dialogues", "vk-korrigan-openai", "gpt-4.1-mini", 30000),
           one_target("pc-berlingot-factures", c, "factures", "vk-berlingot-anthropic", "claude-haiku-4-5", 20000)]
    long_value = ("Dégât des eaux – cuisine et séjour, fuite venant de l'appartement du dessus, constat amiable "
                  "signé par les deux parties, expertise demandée, relogement temporaire à prévoir")
    t = [mail_ticket(55601, a, "Métadonnée resume_dossier qui disparaît (la plupart du temps)",
                     "Bonjour,\n\nDepuis notre mise en production de ce matin (10 h 10, heure de Paris), notre "
                     "assistant sinistres (config pc-muscadet-sinistres) envoie une nouvelle clé de métadonnées, "
                     "resume_dossier, avec un court résumé du dossier. Les autres clés (dossier_id, agence, canal) "
                     "arrivent bien dans vos journaux, mais resume_dossier n'apparaît que sur une partie des "
                     "requêtes, à vue de nez 4 sur 10. Sur les autres, elle a tout simplement disparu, sans la "
                     "moindre erreur.\n\nNos propres traces montrent qu'on l'envoie à chaque fois, par exemple :\n\n"
                     "```\n2032-09-14 11:02:37,518 DEBUG relay_client metadata={\"dossier_id\": \"SIN-2032-45102\", "
                     f"\"agence\": \"nantes-erdre\", \"canal\": \"web\", \"resume_dossier\": \"{long_value}\"}} "
                     f"(len(resume_dossier)={len(long_value)})\n```\n\nJ'ai deux pistes : soit votre déploiement de "
                     "9 h 55 sur l'index de recherche des métadonnées (vu dans le changelog), soit un problème avec "
                     "les accents, beaucoup de nos résumés en contiennent. Pouvez-vous regarder ? On aimerait "
                     "pouvoir retrouver les dossiers par leur résumé dans votre console.\n\nCordialement,\n"
                     "Maëlle Guérin\nIngénieure intégration – Muscadet Mutuelle\n1 rue de Strasbourg, 44000 Nantes",
                     at(D, "13:20"), "Maëlle Guérin", email="maelle.guerin")]
    # Truth: resume_dossier is on every request whose value is short (accents included) and left out of the
    # others, while the other keys are on every request before and after the index deploy; the metadata
    # page says a value above 128 characters is left out and the ticket's own value is longer:
    # expected_behavior, cited with the metadata page and the config. Bystanders: the index deploy, the
    # upper-case filter bug, the closed CSV-export bug, the letters config.
    return scenario("", "metadata-long-value-dropped-documented-nantes-french",
                    "French ticket (Nantes, CEST UTC+2, pasted trace with a 172-character value, blames our "
                    "metadata-index deploy at 09:55 local time or accents): from the customer's release at 08:10 "
                    "UTC its claims service sends a new resume_dossier key, logged on the four requests in ten "
                    "whose value is short (with accents) and left out of the others, as the metadata page says of "
                    "values above 128 characters, while every other key arrives on every request before and after "
                    "the deploy (expected_behavior). The index deploy at 07:55, an upper-case filter bug and a "
                    "closed CSV-export truncation bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], start, 55601, streams, an, t,
                    {55601: truth("metadata", "expected_behavior",
                                  ["docs:docs/observability/metadata.md", "config:pc-muscadet-sinistres"],
                                  [f"github:deployment:{idx}", "linear:issue:GW-11621", "jira:issue:LOGS-468",
                                   "config:pc-muscadet-courrier"],
                                  ["128"])},
                    github=gh, configs=cfg, linear=lin, jira=[closed], docs=[DOC_METADATA_LIMITS])


# ---------------------------------------------------------------------------------------------
# 7. webhook-failures, Uruguayan Spanish (Montevideo, UYT), customer_endpoint
# ---------------------------------------------------------------------------------------------

DOC_PAYLOADS = doc("docs/webhooks/payloads.md", "Webhook payloads",
                   "# Webhook payloads\n\nEach event is POSTed as JSON to the registered endpoint. "
                   "`request.completed` and `request.failed` carry the request's usage, metadata and the first 64 KB "
                   "of the response text, so their bodies range from 2 KB to about 70 KB; `budget.exceeded` and "
                   "`usage.threshold` bodies stay under 2 KB.\n\nA delivery succeeds when the endpoint answers 2xx "
                   "within 10 seconds. Any other answer fails and is retried five times over about eight hours, "
                   "including **413 Payload Too Large** from a proxy or ingress in front of your receiver: make sure "
                   "every hop accepts request bodies of at least 128 KB.\n")


def webhook_ingress_413_body_limit_es_uy():
    """After the customer's ingress migration at 23:30 UTC, 35% of the deliveries to its events receiver
    are answered 413 from 23:35; its budget endpoint on the same host and every other org's endpoint
    answer 200. The customer blames our payload deploy at 12:10 UTC the next day."""
    Y, D, now = "2032-09-20", "2032-09-21", "2032-09-21T14:00:00Z"
    a = org("org_tannat", "Tannat Cobranzas S.A.", "tannatcobranzas.com.uy", "enterprise")
    b = org("org_yaguaron", "Yaguarón Viajes", "yaguaron-viajes.com.uy", "scale")
    c = org("org_candombe", "Candombe Media", "candombe.uy", "growth")
    start = at(Y, "12:00")
    gh = github(CO, 55701, start, now, 15)
    cost = gh.deploy(55740, at(D, "12:10"), "webhooks: add usage.cost_details to request.completed payloads",
                     ["src/webhooks/payloads/request-completed.ts", "src/webhooks/payloads/schema.json",
                      "src/webhooks/payloads/request-completed.test.ts"])
    lin = [linear_issue("GW-11721", "Webhook dashboard: error column empty for 4xx answers",
                        "In Settings → Webhooks → Deliveries, the error column stays empty when an endpoint answers "
                        "a 4xx (e.g. 413 or 404); only the status column shows it. Deliveries and retries are "
                        "unaffected.", "2032-09-09T10:00:00Z", state="Todo", labels=("bug", "webhooks", "dashboard"))]
    # Tannat (Montevideo, UYT UTC-3 all year): a collections assistant pc-tannat-gestor on gpt-4.1 with long
    # answers and a classifier on Claude Haiku. Two endpoints on the same host: the events receiver
    # https://ingesta.tannatcobranzas.com.uy/relay/eventos (request.completed, request.failed) and the alerts
    # https://ingesta.tannatcobranzas.com.uy/relay/alertas (budget.exceeded, usage.threshold). The customer
    # moved its cluster to a new ingress at 23:30 UTC (20:30 UYT) the night before; from 23:35 UTC 35% of the
    # deliveries to the events receiver (the larger bodies) are answered 413, until now, while the alerts
    # endpoint (bodies under 2 KB) answers 200. The payloads page says bodies reach about 70 KB and a 413 from
    # an ingress fails the delivery. Our cost_details deploy at 12:10 UTC (09:10 UYT) came twelve and a half
    # hours after the onset, and Yaguarón's and Candombe's endpoints answer 200 before and after it. The
    # dashboard bug about the error column is a bystander.
    streams = budget([
        stream(a["id"], model="gpt-4.1", per_minute=10, p50=1900, p95=4500, completion=900, error_rate=0.01,
               config_id="pc-tannat-gestor", key="vk-tannat-app", sdk="portkey-node/2.33.1"),
        stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
               error_rate=0.01, config_id="pc-tannat-clasificador", key="vk-tannat-app", sdk="portkey-node/2.33.1"),
        stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-yaguaron-reservas"),
        stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=3, p50=2300, p95=5400,
               config_id="pc-candombe-guiones")])
    cfg = [one_target("pc-tannat-gestor", a, "gestor", "vk-tannat-openai", "gpt-4.1", 60000),
           one_target("pc-tannat-clasificador", a, "clasificador", "vk-tannat-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-yaguaron-reservas", b, "reservas", "vk-yaguaron-openai", "gpt-4.1-mini", 30000),
           one_target("pc-candombe-guiones", c, "guiones", "vk-candombe-anthropic", "claude-sonnet-4-6", 60000)]
    events = "https://ingesta.tannatcobranzas.com.uy/relay/eventos"
    alerts = "https://ingesta.tannatcobranzas.com.uy/relay/alertas"
    wh = hooks((a["id"], events, ["request.completed", "request.failed"], 9, 180),
               (a["id"], alerts, ["budget.exceeded", "usage.threshold"], 1, 120),
               (b["id"], "https://api.yaguaron-viajes.com.uy/webhooks/relay", ["request.completed"], 4, 160),
               (c["id"], "https://hooks.candombe.uy/relay", ["request.completed", "request.failed"], 2, 210),
               anomalies=[failures(at(Y, "23:35"), None, events, 0.35, 413, "")])
    t = [mail_ticket(55701, a, "Webhooks rebotando con 413 – ¿cambiaron el payload?",
                     "Buen día,\n\nLes escribo porque hoy de mañana el tablero de la mesa de cobranzas amaneció "
                     "descuadrado: faltan eventos request.completed, justo los de las gestiones más largas. En su "
                     f"panel de entregas veo que una parte de los webhooks a {events} figura como fallida, con "
                     "estado 413; calculo que uno de cada tres, más o menos.\n\nVi en el changelog que hoy a las 9:10 "
                     "(hora de Montevideo) agregaron campos nuevos al payload de request.completed. ¿No será que "
                     "ahora los payloads vienen más pesados y algo de su lado los corta? Ayer de noche, tipo 20:30, "
                     "migramos el clúster a un ingress nuevo, pero las alertas de presupuesto llegan al mismo host y "
                     "siguen entrando sin problema, así que el ingress no debería ser.\n\nUn ejemplo del panel:\n\n"
                     "```\ndelivery_id=dlv_Qm81x event=request.completed attempt=2 status=413 latency_ms=31\n```\n\n"
                     "Quedo atento, gracias.\n\nSaludos,\nSebastián Olivera\nLíder técnico de Integraciones\n"
                     "Tannat Cobranzas S.A. · Montevideo", at(D, "13:30"), "Sebastián Olivera",
                     email="solivera")]
    # Truth: a third of the deliveries to one endpoint answered 413 from five minutes after the customer's own
    # ingress migration, twelve and a half hours before our payload deploy, while its alerts endpoint on
    # the same host (small bodies) and every other org's endpoint answer 200; the payloads page says bodies
    # reach about 70 KB and a 413 from an ingress fails the delivery: customer_endpoint, cited with the
    # endpoint and the payloads page. Bystanders: the cost_details deploy, the dashboard bug, the alerts
    # endpoint.
    return scenario("", "webhook-failures-ingress-413-body-limit-montevideo-spanish",
                    "Uruguayan Spanish ticket (Montevideo, UYT UTC-3, pasted dashboard line, blames our payload "
                    "deploy at 09:10 UYT and rules out its own ingress migration): after the customer moved its "
                    "cluster to a new ingress at 23:30 UTC the night before, 35% of the deliveries to its events "
                    "receiver are answered 413 from 23:35, while its alerts endpoint on the same host (small bodies) "
                    "and every other org's endpoint answer 200 before and after our deploy at 12:10 UTC "
                    "(customer_endpoint). The cost_details deploy and a dashboard bug are bystanders among 15 "
                    "routine deploys.",
                    now, CO, [a, b, c], start, 55701, streams, [], t,
                    {55701: truth("webhook-failures", "customer_endpoint",
                                  [f"endpoint:{events}", "docs:docs/webhooks/payloads.md"],
                                  [f"github:deployment:{cost}", "linear:issue:GW-11721", f"endpoint:{alerts}"],
                                  ["413", "23:35"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_PAYLOADS])


# ---------------------------------------------------------------------------------------------
# 8. api-errors, Canadian English with typos (Toronto, EDT), sdk_version
# ---------------------------------------------------------------------------------------------

DOC_AZURE = doc("docs/providers/azure-openai.md", "Azure OpenAI",
                "# Azure OpenAI\n\nAzure OpenAI virtual keys hold the resource, the deployment and the "
                "`api_version` the gateway calls it with. Request parameters are passed on as the client sent them.\n"
                "\n## API versions\n\n`max_completion_tokens` is accepted from api-version `2024-09-01-preview` on; "
                "older api-versions refuse it with 400 (\"Unrecognized request argument supplied: "
                "max_completion_tokens\"). Older api-versions accept `max_tokens`. Raise the virtual key's "
                "`api_version` when your client sends the newer parameter.\n")
DOC_SSO = doc("docs/security/sso.md", "Single sign-on",
              "# Single sign-on\n\nEnterprise plans can sign in with SAML 2.0 (Okta, Microsoft Entra ID, Google "
              "Workspace) under Settings → Security → SSO. SCIM provisioning of users and teams is available with "
              "Okta and Entra ID. Once SSO is enforced, password logins are turned off for the organisation's "
              "domain; owners keep a recovery login.\n")


def api_errors_azure_max_completion_tokens_sdk_en():
    """The intake service's CI merged portkey-python 1.48.0 at 14:20 UTC; it sends max_completion_tokens,
    which the org's Azure deployment on api-version 2024-06-01 refuses 400. The adjuster on 1.47.2 against
    the same deployment and the notes service on 1.48.0 against OpenAI work."""
    Y, D, now = "2032-09-27", "2032-09-28", "2032-09-28T16:10:00Z"
    a = org("org_muskoka", "Muskoka Claims Inc.", "muskokaclaims.ca", "enterprise")
    b = org("org_sturgeon", "Sturgeon Robotics", "sturgeonrobotics.com", "scale")
    c = org("org_rideau", "Rideau Learning", "rideaulearning.ca", "growth")
    start = at(Y, "12:00")
    gh = github(CO, 55801, start, now, 22)
    azure = gh.deploy(55840, at(D, "11:30"), "azure openai adapter: send x-ms-client-request-id on every request",
                      ["src/providers/azure-openai/headers.ts", "src/providers/azure-openai/headers.test.ts"])
    ui = gh.deploy(55841, at(D, "14:02"), "logs: show the Azure api-version in the request detail",
                   ["ui/logs/request-detail.tsx", "src/logs/request-detail.ts"])
    gh.release(55891, "v1.48.0", "portkey-python v1.48.0",
               "## Changes\n\n- `chat.completions.create(max_tokens=...)` is now sent as `max_completion_tokens`, "
               "the name OpenAI uses for every current model. `max_tokens` is deprecated.\n- Async client: "
               "connection pool size follows `max_connections`.\n\n## Notes\n\n- Azure OpenAI deployments called "
               "with an api-version older than 2024-09-01-preview do not accept `max_completion_tokens`: raise the "
               "virtual key's api_version, or stay on 1.47.x.\n", "2032-09-24T17:00:00Z")
    gh.release(55892, "v2.33.1", "portkey-node v2.33.1", "## Fixes\n\n- Retries honour `retry-after` in seconds.\n",
               "2032-09-10T15:00:00Z")
    sp = Statuspage(now)
    rt = sp.incident("openai", "f5r1t2a3p4i5", "Realtime API sessions disconnecting", at(D, "13:50"), at(D, "14:40"),
                     "Some Realtime API sessions are disconnected after a few minutes.", component="Realtime API",
                     impact="minor")
    lin = [linear_issue("GW-11821", "Azure OpenAI: api-version sent twice when set on the virtual key and the config",
                        "When a config target sets api_version and its virtual key does too, the request carries "
                        "two api-version query parameters; Azure uses the first. No error.", "2032-09-15T10:00:00Z",
                        state="Todo", labels=("bug", "provider:azure-openai"))]
    # Muskoka (Toronto, EDT UTC-4, office hours 13:00-22:00 UTC): claims intake pc-muskoka-intake and the
    # adjuster bot pc-muskoka-adjuster on the same Azure OpenAI gpt-4o deployment (virtual key
    # vk-muskoka-azure, api-version 2024-06-01), notes on gpt-4.1-mini through OpenAI and search on Azure
    # embeddings; 1.5% background errors. The intake service ran portkey-python/1.47.2 until 14:20 UTC
    # (10:20 EDT), 1.48.0 from then (two streams, each silent on its side). From 14:20, 85% of intake's
    # requests are refused 400 invalid_request. The 1.48.0 release notes say max_tokens is now sent as
    # max_completion_tokens and that Azure api-versions before 2024-09-01-preview refuse it; the Azure page
    # says the same. The adjuster on 1.47.2 against the same deployment, the notes service on 1.48.0
    # against OpenAI and search keep 1.5%. The Azure header deploy at 11:30 (07:30 EDT; the adjuster works
    # after it), the api-version UI deploy at 14:02, the Realtime incident and the duplicated api-version
    # bug are bystanders.
    old, new = "portkey-python/1.47.2", "portkey-python/1.48.0"
    streams = budget([
        cycle(stream(a["id"], provider="azure-openai", model="gpt-4o", per_minute=10, p50=1200, p95=2900,
                     error_rate=0.015, config_id="pc-muskoka-intake", key="vk-muskoka-intake", sdk=old,
                     metadata={"svc": "intake"}), 13, 22, 0.3),
        cycle(stream(a["id"], provider="azure-openai", model="gpt-4o", per_minute=10, p50=1200, p95=2900,
                     error_rate=0.015, config_id="pc-muskoka-intake", key="vk-muskoka-intake", sdk=new,
                     metadata={"svc": "intake"}), 13, 22, 0.3),
        cycle(stream(a["id"], provider="azure-openai", model="gpt-4o", per_minute=8, p50=1300, p95=3100,
                     error_rate=0.015, config_id="pc-muskoka-adjuster", key="vk-muskoka-adjuster", sdk=old,
                     metadata={"svc": "adjuster"}), 13, 22, 0.3),
        cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.015,
                     config_id="pc-muskoka-notes", key="vk-muskoka-notes", sdk=new, metadata={"svc": "notes"}),
              13, 22, 0.3),
        cycle(stream(a["id"], provider="azure-openai", route="/v1/embeddings", model="text-embedding-3-large",
                     per_minute=6, p50=170, p95=400, prompt=1500, completion=0, error_rate=0.015,
                     config_id="pc-muskoka-search", key="vk-muskoka-adjuster", sdk=old), 13, 22, 0.3),
        stream(b["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3500, config_id="pc-sturgeon-fleet",
               sdk="portkey-node/2.33.1"),
        stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=600, p95=1500,
               config_id="pc-rideau-tutor")])
    an = [volume(at(D, "14:20"), None, {"config_id": "pc-muskoka-intake", "sdk": old}, 0.0),
          volume(start, at(D, "14:20"), {"config_id": "pc-muskoka-intake", "sdk": new}, 0.0),
          errors(at(D, "14:20"), None, {"config_id": "pc-muskoka-intake", "sdk": new}, 0.85, 400, "invalid_request")]

    def azure_target(cid, name, model, timeout):
        cfg_ = one_target(cid, a, name, "vk-muskoka-azure", model, timeout)
        cfg_["config"]["targets"][0]["azure_deployment"] = "muskoka-" + model.replace(".", "")
        cfg_["config"]["targets"][0]["api_version"] = "2024-06-01"
        return cfg_

    cfg = [azure_target("pc-muskoka-intake", "intake", "gpt-4o", 30000),
           azure_target("pc-muskoka-adjuster", "adjuster", "gpt-4o", 30000),
           one_target("pc-muskoka-notes", a, "notes", "vk-muskoka-openai", "gpt-4.1-mini", 20000),
           azure_target("pc-muskoka-search", "search", "text-embedding-3-large", 10000),
           one_target("pc-sturgeon-fleet", b, "fleet", "vk-sturgeon-openai", "gpt-4.1", 60000),
           one_target("pc-rideau-tutor", c, "tutor", "vk-rideau-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(55801, a, "400s from azure on intake since this morning",
                     "hi support,\n\nSince roughly 10:20 this morning (Toronto time) our intake api is getting 400 "
                     "invalid_request back on most calls to gpt-4o. Its going through config pc-muskoka-intake, "
                     "our azure deployment. The adjuster bot uses the exact same azure deployment and is totally "
                     "fine, which is the part I dont get. Notes (gpt-4.1-mini straight on openai) also fine.\n\n"
                     "Nothing changed on intake today as far as I know, no config edits, no releases. Our CI does "
                     "auto-merge minor dependency bumps but thats routine. I did see you pushed something to the "
                     "azure adapter around 7:30 our time, could that be it? Azure status page is all green.\n\n"
                     "error from our logs:\n\n    openai.BadRequestError: Error code: 400 - {'error': {'code': "
                     "'invalid_request', 'message': 'azure-openai: Unrecognized request argument supplied: "
                     "max_completion_tokens'}}\n\ncan someone look asap, its month end and intake is our busiest "
                     "queue\n\nthx\nDevon MacLeod\nPlatform Eng | Muskoka Claims Inc.\nToronto, ON",
                     at(D, "15:40"), "Devon MacLeod", priority="high"),
         mail_ticket(55802, b, "SSO with Okta?",
                     "Hello, we're moving everyone to Okta next month. Do you support SAML SSO and SCIM with Okta, and "
                     "on which plan?\n\nThanks,\nPriya Nair\nIT, Sturgeon Robotics", at(D, "13:05"), "Priya Nair",
                     priority="low")]
    # Truth: intake's requests are refused 400 from its first request on portkey-python 1.48.0, whose release
    # notes say it sends max_completion_tokens and that Azure api-versions before 2024-09-01-preview refuse
    # it; the adjuster on 1.47.2 against the same deployment and the notes service on 1.48.0 against OpenAI
    # work: sdk_version, cited with the SDK version and its release. Bystanders: the Azure header deploy, the
    # api-version UI deploy, the Realtime incident, the duplicated api-version bug, the adjuster config.
    return scenario("", "api-errors-azure-max-completion-tokens-sdk-toronto-english",
                    "Canadian English ticket with typos (Toronto, EDT UTC-4, pasted SDK exception, says nothing "
                    "changed but mentions CI auto-merging dependency bumps, asks about our Azure adapter deploy): "
                    "the intake service moved to portkey-python 1.48.0 at 14:20 UTC, which sends "
                    "max_completion_tokens, refused 400 by the org's Azure deployment on api-version 2024-06-01; "
                    "85% of intake's requests fail from 14:20 while the adjuster on 1.47.2 against the same "
                    "deployment and the notes service on 1.48.0 against OpenAI work (sdk_version). An Azure header "
                    "deploy at 11:30, an api-version UI deploy at 14:02, a Realtime incident and an api-version bug "
                    "are bystanders among 22 routine deploys; a plain question about SSO.",
                    now, CO, [a, b, c], start, 55801, streams, an, t,
                    {55801: truth("api-errors", "sdk_version",
                                  [f"sdk:{new}", "github:release:v1.48.0"],
                                  [f"github:deployment:{azure}", f"github:deployment:{ui}", rt,
                                   "linear:issue:GW-11821", "config:pc-muskoka-adjuster"],
                                  ["max_completion_tokens", "1.48.0"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_AZURE, DOC_SSO],
                    answers={55802: ["docs:docs/security/sso.md"]})


ALL = [api_errors_guardrail_wordcount_de, routing_top_p_forwarding_deploy_es,
       latency_vertex_token_deploy_and_sonnet_incident_ja, fallback_bedrock_throttle_known_bug_pt,
       billing_meter_replay_double_count_nz, metadata_long_value_dropped_fr, webhook_ingress_413_body_limit_es_uy,
       api_errors_azure_max_completion_tokens_sdk_en]

if __name__ == "__main__":
    write_all(ALL)
