#!/usr/bin/env python3
"""Eight library scenarios in March and October 2029, in the thin cells of the API-error,
latency, fallback and provider-routing patterns, several of them in the weeks when Europe and the
US are an hour closer than usual (US summer time from 11 March, Europe's from 25 March; Europe
back on standard time from 28 October, the US only from 4 November). Buenos Aires, São Paulo and
Mexico City are on UTC-3, UTC-3 and UTC-6 all year, Tokyo on UTC+9.

A context-length limit answered with the documented error code in a big org with a 3% background
error rate and an office-hours cycle; one SDK release of three in an org whose requests are refused;
a filed Jira router bug that keeps a fallback from failing over on a provider's 5xx, beside a closed
look-alike; a fallback the customer says never triggers although its primary never failed; a config
edit (a larger max_tokens) that makes answers longer and slower beside our deploy; a flex tier the
docs describe as slower; a customer's own model server behind one config timing out; and the org's
own rate limit beside a Gemini outage at once.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents, releases, docs) and was written before any engine ran on these files. Run it to rewrite
the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle
from scenarios_fresh3a import jira_issue

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))

DOC_CONTEXT = doc("docs/limits/context-windows.md", "Context windows",
                  "# Context windows\n\nEvery model accepts at most its context window of input plus output "
                  "tokens:\n\n| model | context window |\n|---|---|\n| gpt-4o | 128,000 tokens |\n"
                  "| gpt-4.1-mini | 1,047,576 tokens |\n| claude-sonnet-4-5 | 200,000 tokens |\n\nA request "
                  "above the window is refused by the provider with `400` and `error_code: "
                  "context_length_exceeded`; the gateway passes it through unchanged, does not retry it and "
                  "does not bill it. Retrying the same request fails the same way: shorten the input, split the "
                  "document, or use a model with a larger window.\n")
DOC_FLEX = doc("docs/models/flex-processing.md", "Flex processing",
               "# Flex processing\n\nRequests sent with `service_tier: \"flex\"` (in the config's "
               "`override_params` or per request) cost half the standard price and are served from spare "
               "capacity: they typically take 2-5 times as long as the standard tier and may wait in a queue at "
               "busy hours. This is expected; use the standard tier (`service_tier: \"default\"`) for "
               "user-facing features.\n")
DOC_OWN_SERVER = doc("docs/providers/custom-host.md", "Your own model server (custom_host)",
                     "# Your own model server (custom_host)\n\nA target with `custom_host` sends its requests to "
                     "your server instead of the provider's API (a vLLM, TGI or Ollama server that speaks the "
                     "OpenAI format; set `provider: openai`). The request logs name the provider of the format. "
                     "Errors, timeouts and slowness of your server are passed through to your client unchanged; "
                     "the hosted models are not affected by them.\n")


def api_errors_context_length_en():
    D, now = "2029-03-14", "2029-03-14T19:30:00Z"
    a = org("org_osprey", "Osprey Insurance Group", "ospreyins.com", "enterprise")
    b = org("org_wren", "Wren Research", "wrenresearch.io", "scale")
    c = org("org_finch", "Finch Retail", "finchretail.com", "growth")
    gh = github(CO, 21101, "2029-03-13T14:00:00Z", now, 16)
    her = gh.deploy(21140, at(D, "15:02"), "openai adapter: count image tokens for gpt-4o inputs",
                    ["src/providers/openai/tokens.ts", "src/providers/openai/tokens.test.ts"])
    sp = Statuspage(now)
    rt = sp.incident("openai", "rq4t6y8u0i2o", "Elevated errors on the Realtime API", at(D, "14:10"), at(D, "15:00"),
                     "Some Realtime API sessions fail to start.", component="Realtime API")
    lin = [linear_issue("GW-2111", "Bedrock: context-length errors surface as 500 instead of 400",
                        "When a Bedrock model refuses a request above its context window, the adapter answers 500 "
                        "internal_error instead of passing the 400 through.", "2029-03-05T10:00:00Z",
                        labels=("bug", "provider:bedrock"))]
    # Osprey is a big org: every one of its streams fails at a steady 3% (a mix of 5xx) and follows
    # an office-hours cycle (13:00-22:00 UTC, 09:00-18:00 in New York, already on summer time on 14
    # March while Europe is not). Its underwriting assistant (pc-osprey-underwriting, gpt-4o, a
    # 128,000-token window) starts attaching whole loss histories at 15:20 UTC (11:20 EDT): from then
    # 40% of that config's requests are refused 400 context_length_exceeded, which the
    # context-windows page documents. Osprey's Claude claims and gpt-4.1-mini mail configs keep their
    # 3%, Wren's gpt-4o is fine, so the image-token deploy of 15:02 (every org's gpt-4o) changed
    # nothing; the Realtime incident ended before the onset and is another product; the Bedrock bug
    # is another provider.
    streams = [cycle(stream(a["id"], model="gpt-4o", per_minute=12, p50=2200, p95=5200, error_rate=0.03,
                            prompt=60000, completion=700, config_id="pc-osprey-underwriting", key="vk-osprey-uw",
                            sdk="portkey-python/1.16.1"), 13, 22, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=16, p50=2600,
                            p95=6000, error_rate=0.03, config_id="pc-osprey-claims", key="vk-osprey-claims",
                            sdk="portkey-python/1.16.1"), 13, 22, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=20, p50=800, p95=1900, error_rate=0.03,
                            config_id="pc-osprey-mail", key="vk-osprey-mail", sdk="portkey-node/2.4.0"), 13, 22, 0.3),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=2000, p95=4800, prompt=30000,
                      config_id="pc-wren-research"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=700, p95=1700,
                      config_id="pc-finch-copy")]
    an = [errors(at(D, "15:20"), None, {"config_id": "pc-osprey-underwriting"}, 0.4, 400, "context_length_exceeded")]
    cfg = [one_target("pc-osprey-underwriting", a, "underwriting", "vk-osprey-openai", "gpt-4o", 60000),
           one_target("pc-osprey-claims", a, "claims", "vk-osprey-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-osprey-mail", a, "mail", "vk-osprey-openai", "gpt-4.1-mini", 20000),
           one_target("pc-wren-research", b, "research", "vk-wren-openai", "gpt-4o", 60000),
           one_target("pc-finch-copy", c, "copy", "vk-finch-anthropic", "claude-haiku-4-5", 15000)]
    t = [ticket(21101, a, "gpt-4o requests failing with 400 since late morning",
                "Hi team,\n\nSince about 11:20 ET today a good chunk of our underwriting assistant's calls (gpt-4o) "
                "come back 400. Claims (Claude) and the mail drafter look normal, apart from the usual trickle of "
                "5xx we always see. We haven't touched the config. I noticed your changelog has a token-counting "
                "change for gpt-4o this morning, could that be it?\n\nFrom our worker log:\n\n"
                "  2029-03-14 11:23:41 EDT ERROR uw.assist openai.BadRequestError: Error code: 400 - "
                "{'error': {'code': 'context_length_exceeded', 'type': 'invalid_request_error'}}\n"
                "  2029-03-14 11:23:44 EDT INFO  uw.assist retrying (1/3)\n"
                "  2029-03-14 11:23:47 EDT ERROR uw.assist openai.BadRequestError: Error code: 400\n\n"
                "Thanks,\nPriya Raman\nPlatform Engineering, Osprey Insurance Group", at(D, "17:05"), "Priya Raman",
                priority="high")]
    return scenario("", "api-errors-context-length-documented-english",
                    "English ticket (New York, already on summer time while Europe is not, pasted worker log, "
                    "suspects our token-counting deploy) in a big org with a 3% background error rate and an "
                    "office-hours cycle: from 15:20 UTC 40% of pc-osprey-underwriting's gpt-4o requests are refused "
                    "400 context_length_exceeded, as the context-windows page documents for inputs above 128,000 "
                    "tokens; the org's other configs keep their 3% and another org's gpt-4o is fine "
                    "(expected_behavior). The image-token deploy at 15:02, a Realtime incident before the onset and "
                    "a Bedrock context-length bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], "2029-03-13T14:00:00Z", 21101, streams, an, t,
                    {21101: truth("api-errors", "expected_behavior", ["docs:docs/limits/context-windows.md"],
                                  [f"github:deployment:{her}", rt, "linear:issue:GW-2111", "config:pc-osprey-claims"],
                                  ["context_length_exceeded"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_CONTEXT, DOC_FALLBACKS])


def api_errors_sdk_release_de():
    D, now = "2029-10-16", "2029-10-16T14:30:00Z"
    a = org("org_ammer", "Ammer Versandhaus", "ammer-versand.de", "scale")
    b = org("org_isar", "Isar Kliniken", "isar-kliniken.de", "enterprise")
    c = org("org_lech", "Lech Software", "lechsoft.at", "growth")
    gh = github(CO, 21201, "2029-10-15T12:00:00Z", now, 19)
    her = gh.deploy(21240, at(D, "08:25"), "anthropic adapter: support tool_choice none",
                    ["src/providers/anthropic/tools.ts", "src/providers/anthropic/tools.test.ts"])
    gh.release(21290, "portkey-python-v1.18.0", "portkey-python 1.18.0",
               "## Changes\n- Tool definitions are now sent with `strict: true` by default.\n- New "
               "`client.batches` helpers.\n- Python 3.9 is no longer supported.", "2029-10-08T09:00:00Z")
    gh.release(21291, "portkey-python-v1.18.1", "portkey-python 1.18.1",
               "## Fixes\n- `strict` is no longer set by default on tool definitions: since Anthropic began "
               "validating strict tool schemas, requests whose tools have optional parameters were refused with "
               "400 invalid_request.", at(D, "12:30"))
    gh.release(21289, "portkey-node-v2.6.1", "portkey-node 2.6.1",
               "## Fixes\n- Retries honour the retry-after header.", "2029-10-09T09:00:00Z")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "op2u4s6o8p0u", "Elevated errors on Claude Opus 4.1", at(D, "07:50"), at(D, "09:05"),
                       "Some requests to Claude Opus 4.1 fail.")
    lin = [linear_issue("GW-2121", "Anthropic: tool results with images refused with 400",
                        "Tool results that contain an image block are refused by the Anthropic adapter.",
                        "2029-10-02T10:00:00Z", labels=("bug", "provider:anthropic"))]
    # Ammer runs four services: search and product texts on portkey-python/1.17.2 (gpt-4.1-mini and
    # claude-sonnet-4-5), the web chat on portkey-node/2.6.1 (gpt-4.1) and the returns assistant
    # (claude-sonnet-4-5) on portkey-python/1.18.0 since the week before; Isar's findings service
    # uses 1.18.0 too. 1.18.0
    # sends tool definitions with strict: true, which Anthropic accepted until 08:40 UTC (10:40 in
    # Berlin, summer time until 28 October) and refuses from then: half of that SDK's requests fail
    # 400 invalid_request, in Ammer and in Isar, and 1.18.1 (12:30) takes the default back. Ammer's
    # product texts on 1.17.2 (the same Claude model), its web chat on node and Isar's chat on 1.17.2
    # are fine. The tool_choice deploy of 08:25 touched every org's Anthropic traffic and changed none of the
    # other versions' requests; the Opus incident is another model; the image tool-result bug is
    # not what these requests send.
    old, new = "portkey-python/1.17.2", "portkey-python/1.18.0"
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=12, p50=2400, p95=5600,
                      config_id="pc-ammer-retouren", key="vk-ammer-service", sdk=new),
               stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, config_id="pc-ammer-suche",
                      key="vk-ammer-service", sdk=old),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=7, p50=3000, p95=7000,
                      config_id="pc-ammer-texte", key="vk-ammer-service", sdk=old),
               stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-ammer-chat",
                      key="vk-ammer-web", sdk="portkey-node/2.6.1"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=6, p50=2600, p95=6000,
                      config_id="pc-isar-befunde", sdk=new),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=8, p50=2400, p95=5600,
                      config_id="pc-isar-chat", sdk=old),
               stream(c["id"], model="gpt-4.1-mini", per_minute=7, p50=650, p95=1600, config_id="pc-lech-docs")]
    an = [errors(at(D, "08:40"), None, {"sdk": new}, 0.5, 400, "invalid_request")]
    cfg = [one_target("pc-ammer-retouren", a, "retouren", "vk-ammer-anthropic", "claude-sonnet-4-5", 30000),
           one_target("pc-ammer-suche", a, "suche", "vk-ammer-openai", "gpt-4.1-mini", 15000),
           one_target("pc-ammer-texte", a, "texte", "vk-ammer-anthropic", "claude-sonnet-4-5", 30000),
           one_target("pc-ammer-chat", a, "chat", "vk-ammer-openai", "gpt-4.1", 30000),
           one_target("pc-isar-befunde", b, "befunde", "vk-isar-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-isar-chat", b, "chat", "vk-isar-anthropic", "claude-sonnet-4-5", 30000),
           one_target("pc-lech-docs", c, "docs", "vk-lech-openai", "gpt-4.1-mini", 15000)]
    t = [ticket(21201, a, "Retourenassistent: 400-Fehler bei Claude",
                "Sehr geehrte Damen und Herren,\n\nseit heute ca. 10:40 Uhr schlägt etwa jede zweite Anfrage "
                "unseres Retourenassistenten mit HTTP 400 fehl:\n\n"
                "  anthropic 400 {\"error\":{\"code\":\"invalid_request\",\"message\":\"tools.0.input_schema: "
                "invalid\"}}\n\n"
                "Suche, Produkttexte und Webchat laufen einwandfrei. Laut Statusseite hat Anthropic heute Vormittag eine "
                "Störung, wir vermuten, dass es daran liegt. Können Sie das bestätigen und uns sagen, wann "
                "es behoben ist?\n\nMit freundlichen Grüßen\nStefan Brandl\nE-Commerce Plattform, Ammer "
                "Versandhaus GmbH", at(D, "10:15"), "Stefan Brandl", priority="high")]
    return scenario("", "api-errors-sdk-strict-tools-german",
                    "Formal German ticket (Berlin summer time, pasted error body, blames Anthropic's incident): "
                    "portkey-python/1.18.0 sends tool definitions with strict: true by default, which Anthropic "
                    "refuses from 08:40 UTC; half of that SDK's requests fail 400 invalid_request, in Ammer's "
                    "returns assistant and another org, while Ammer's services on portkey-python/1.17.2 and "
                    "portkey-node/2.6.1 and the other org's 1.17.2 Claude chat are fine, and 1.18.1 reverts the "
                    "default (sdk_version). A tool_choice "
                    "deploy at 08:25, an Opus incident and an image tool-result bug are bystanders among 19 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2029-10-15T12:00:00Z", 21201, streams, an, t,
                    {21201: truth("api-errors", "sdk_version", [f"sdk:{new}"],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-2121", "config:pc-ammer-suche"],
                                  ["1.18.0"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def fallback_known_google_bug_pt():
    D, now = "2029-03-20", "2029-03-20T18:00:00Z"
    a = org("org_jatoba", "Jatobá Logística", "jatobalog.com.br", "scale")
    b = org("org_acerola", "Acerola Saúde", "acerolasaude.com.br", "enterprise")
    c = org("org_umbu", "Umbu Games", "umbugames.com", "growth")
    gh = github(CO, 21301, "2029-03-19T16:00:00Z", now, 21)
    her = gh.deploy(21340, at(D, "13:25"), "router: fallback attempt metrics per target",
                    ["src/router/fallback-metrics.ts", "src/router/fallback-metrics.test.ts"])
    sp = Statuspage(now)
    gem = sp.incident("google", "gm5p7r9o1e3r", "Elevated error rates for Gemini 2.5 Pro", at(D, "13:40"),
                      at(D, "15:30"), "Some requests to Gemini 2.5 Pro fail with internal errors.",
                      component="Gemini API")
    sora = sp.incident("openai", "so1r3a5v7i9d", "Sora generations delayed", at(D, "11:00"), at(D, "12:10"),
                       "Some Sora generations take longer than usual.", component="Sora")
    bug = jira_issue("ROUTE-877", 20877, "Fallback: 5xx from Google targets never fail over",
                     "On a fallback config whose first target is a Google (Gemini) model, a 500 or 503 from Google "
                     "is returned to the client although the status is listed in retry.on_status_codes: the router "
                     "checks the Google adapter's error class instead of the HTTP status, so the next target is "
                     "never tried.\n\nOpenAI and Anthropic first targets fail over as documented.",
                     "2029-03-06T10:00:00Z", labels=("bug", "router"))
    closed = jira_issue("ROUTE-812", 20812, "Fallback not triggered on 503 from Vertex AI targets",
                        "Vertex AI targets did not fail over on 503. Fixed in the router release of 10 February.",
                        "2029-01-28T10:00:00Z", status="Done", category="done", labels=("bug", "router"))
    # Jatobá's route planner (pc-jatoba-roteiros) is a fallback config: gemini-2.5-pro first (500
    # and 503 listed in on_status_codes), gpt-4.1 second. 13:40-15:30 UTC (10:40-12:30 in São
    # Paulo) Gemini 2.5 Pro answers 500 to 35% of every org's requests, as Google's incident says.
    # None of them fail over: the 500s reach Jatobá's and Acerola's clients (Acerola's fallback
    # config also starts with gemini-2.5-pro), which is the open Jira ROUTE-877 filed two weeks
    # earlier. Umbu's fallback config, which starts with claude-sonnet-4-5, is untouched, and
    # Jatobá's single gemini-2.5-flash config is not in the incident. The known bug is why nothing
    # failed over (the ticket's question); the Gemini incident is why there were errors at all (a
    # second cause). The fallback-metrics deploy of 13:25, the closed Vertex issue and a Sora
    # incident are bystanders.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=14, p50=3000, p95=7000,
                      config_id="pc-jatoba-roteiros", key="vk-jatoba-app", sdk="portkey-node/2.4.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=8, p50=900, p95=2100,
                      config_id="pc-jatoba-resumo", key="vk-jatoba-app", sdk="portkey-node/2.4.0"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=7, p50=3200, p95=7400,
                      config_id="pc-acerola-laudos"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=8, p50=2400, p95=5600,
                      config_id="pc-umbu-dialogos")]
    an = [errors(at(D, "13:40"), at(D, "15:30"), {"model": "gemini-2.5-pro"}, 0.35, 500, "provider_error")]
    codes = [429, 500, 502, 503, 504]
    cfg = [config("pc-jatoba-roteiros", a["id"], "roteiros",
                  [target("vk-jatoba-google", "gemini-2.5-pro", 30000, codes), target("vk-jatoba-openai", "gpt-4.1", 30000)],
                  mode="fallback", updated="2028-11-04T12:00:00Z"),
           one_target("pc-jatoba-resumo", a, "resumo", "vk-jatoba-google", "gemini-2.5-flash", 20000),
           config("pc-acerola-laudos", b["id"], "laudos",
                  [target("vk-acerola-google", "gemini-2.5-pro", 45000, [500, 503]),
                   target("vk-acerola-anthropic", "claude-sonnet-4-5", 45000)], mode="fallback"),
           config("pc-umbu-dialogos", c["id"], "dialogos",
                  [target("vk-umbu-anthropic", "claude-sonnet-4-5", 30000, [429, 529]),
                   target("vk-umbu-openai", "gpt-4.1", 30000)], mode="fallback")]
    t = [ticket(21301, a, "fallback pro GPT-4.1 não entra",
                "Boa tarde,\n\nhoje entre 10h40 e 12h30 (horário de Brasília) o planejador de rotas devolveu erro "
                "500 do Gemini para os motoristas, muitas vezes. A config pc-jatoba-roteiros é de fallback, o "
                "500 está na lista on_status_codes e o segundo alvo é o gpt-4.1, mas nos logs nenhuma requisição "
                "foi servida pelo GPT. Não mexemos na config desde novembro.\n\n"
                "  status=500 provider=google model=gemini-2.5-pro fallback_used=0 attempts=1\n\n"
                "Vi que vocês subiram algo de métricas de fallback logo antes. O que aconteceu?\n\nAtt.,\n"
                "Fernanda Rocha\nEngenharia · Jatobá Logística", at(D, "16:20"), "Fernanda Rocha", priority="high")]
    return scenario("", "fallback-known-google-5xx-bug-portuguese",
                    "Brazilian Portuguese ticket (São Paulo, UTC-3, pasted log line, suspects our fallback-metrics "
                    "deploy): 13:40-15:30 UTC Gemini 2.5 Pro answers 500 to 35% of every org's requests (Google's "
                    "incident), and fallback configs whose first target is Gemini do not fail over although 500 is "
                    "listed, as the open Jira ROUTE-877 filed two weeks before describes (known_bug, with the Gemini "
                    "incident as a second cause). A Claude-first fallback config is untouched. The fallback-metrics "
                    "deploy at 13:25, a closed Vertex fallback issue and a Sora incident are bystanders among 21 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2029-03-19T16:00:00Z", 21301, streams, an, t,
                    {21301: truth("fallback", "known_bug", ["jira:issue:ROUTE-877"],
                                  [f"github:deployment:{her}", "jira:issue:ROUTE-812", sora, "config:pc-jatoba-resumo"],
                                  ["500"], [secondary("provider_outage", [gem])])},
                    github=gh, statuspage=sp, configs=cfg, jira=[bug, closed], docs=[DOC_FALLBACKS])


def fallback_never_failed_fr():
    D, now = "2029-03-15", "2029-03-15T20:00:00Z"
    a = org("org_erable", "Érable Conseil", "erableconseil.ca", "scale")
    b = org("org_bouleau", "Bouleau Média", "bouleaumedia.ca", "enterprise")
    c = org("org_sapin", "Sapin Jeux", "sapinjeux.com", "growth")
    gh = github(CO, 21401, "2029-03-14T18:00:00Z", now, 18)
    her = gh.deploy(21440, at(D, "15:00"), "router: show fallback order in the config editor",
                    ["ui/configs/fallback-order.tsx", "src/router/fallback-order.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "ov3p5u7s9o1p", "Elevated errors on Claude Opus 4.1", at(D, "15:10"), at(D, "16:30"),
                       "Some requests to Claude Opus 4.1 fail with overloaded errors.")
    lin = [linear_issue("GW-2141", "Fallback: retry.attempts 0 disables failover",
                        "A target with retry.attempts set to 0 never fails over, whatever on_status_codes says.",
                        "2029-03-08T10:00:00Z", labels=("bug", "router"))]
    # Érable's drafting assistant (pc-erable-redaction) falls back from claude-sonnet-4-5 to
    # gpt-4.1 on 429/500/502/503/529 or a 30 s timeout. Its Sonnet requests succeed at the usual
    # 0.2% error rate all window, before and after 15:15 UTC (11:15 in Montréal, on summer time
    # since 11 March): the primary never failed, so there was nothing to fail over. Anthropic's
    # incident that afternoon was about Claude Opus 4.1: Bouleau's Opus config gets 529s
    # 15:10-16:30, not Érable. The fallback-order deploy of 15:00 changed no one's routing; the
    # retry.attempts-0 bug needs attempts 0, which Érable's config does not set.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=12, p50=2500, p95=5800,
                      config_id="pc-erable-redaction", key="vk-erable-app", sdk="portkey-node/2.4.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-erable-tri",
                      key="vk-erable-app", sdk="portkey-node/2.4.0"),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=9, p50=5200, p95=12000,
                      config_id="pc-bouleau-scenarios"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=7, p50=650, p95=1600, config_id="pc-sapin-pnj")]
    an = [errors(at(D, "15:10"), at(D, "16:30"), {"model": "claude-opus-4-1"}, 0.45, 529, "provider_overloaded")]
    cfg = [config("pc-erable-redaction", a["id"], "redaction",
                  [target("vk-erable-anthropic", "claude-sonnet-4-5", 30000, [429, 500, 502, 503, 529]),
                   target("vk-erable-openai", "gpt-4.1", 30000)], mode="fallback", updated="2029-01-17T14:00:00Z"),
           one_target("pc-erable-tri", a, "tri", "vk-erable-openai", "gpt-4.1-mini", 15000),
           one_target("pc-bouleau-scenarios", b, "scenarios", "vk-bouleau-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-sapin-pnj", c, "pnj", "vk-sapin-openai", "gpt-4.1-mini", 15000)]
    t = [ticket(21401, a, "Pourquoi le repli vers GPT-4.1 ne se déclenche-t-il jamais ?",
                "Bonjour,\n\nPourquoi notre configuration de repli (pc-erable-redaction) ne bascule-t-elle jamais "
                "vers GPT-4.1 ? Anthropic a déclaré un incident cet après-midi vers 11 h 15 (heure de l'Est) et "
                "pourtant, dans vos journaux, aucune requête n'a été servie par GPT-4.1, ni aujourd'hui ni "
                "avant. Est-ce que le repli fonctionne vraiment ? Devons-nous ajouter un autre code d'état ?\n\n"
                "Merci d'avance,\nGeneviève Tremblay\nÉrable Conseil, Montréal", at(D, "17:40"),
                "Geneviève Tremblay")]
    return scenario("", "fallback-primary-never-failed-french-montreal",
                    "French ticket from Montréal asked as a question (Eastern summer time since 11 March, points at "
                    "Anthropic's incident): pc-erable-redaction's claude-sonnet-4-5 requests succeed at the usual "
                    "0.2% error rate all window, so the fallback to gpt-4.1 had nothing to carry (no_fault_found). "
                    "Anthropic's incident and its 529s are on another org's Claude Opus 4.1; a fallback-order "
                    "deploy at 15:00 and a retry.attempts-0 bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2029-03-14T18:00:00Z", 21401, streams, an, t,
                    {21401: truth("fallback", "no_fault_found", [],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-2141", "config:pc-erable-tri"],
                                  ["claude-sonnet-4-5"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


def latency_max_tokens_edit_es():
    D, now = "2029-10-30", "2029-10-30T16:00:00Z"
    a = org("org_alcornoque", "Alcornoque Editorial", "alcornoque.es", "scale")
    b = org("org_retama", "Retama Legal", "retamalegal.es", "enterprise")
    c = org("org_tomillo", "Tomillo Apps", "tomilloapps.com", "growth")
    gh = github(CO, 21501, "2029-10-29T12:00:00Z", now, 24)
    her = gh.deploy(21540, at(D, "09:41"), "openai adapter: forward streamed usage chunks",
                    ["src/providers/openai/stream.ts", "src/providers/openai/stream.test.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "gl4t6m8i0n2i", "Increased latency for gpt-4.1", "2029-10-29T15:00:00Z",
                      "2029-10-29T16:10:00Z", "Some gpt-4.1 requests take longer than usual.", impact="minor")
    lin = [linear_issue("GW-2151", "Streaming: first token delayed when logprobs are requested",
                        "Streamed gpt-4.1-mini requests with logprobs wait for the whole answer before the first "
                        "token.", "2029-10-22T10:00:00Z", labels=("bug", "streaming"))]
    # Alcornoque streams its book-summary feature (pc-alcornoque-resumenes, gpt-4.1-mini) and its
    # translation tool (pc-alcornoque-traduccion, the same model). At 09:52 UTC (10:52 in Madrid,
    # back on standard time since 28 October) someone at Alcornoque saved the summaries config with
    # max_tokens 4000 instead of 400: from 09:55 its answers are four times as long and take four
    # times as long after the first token, which arrives as fast as before. The translation config,
    # Retama's gpt-4.1-mini and every gateway time are unchanged, so our streamed-usage deploy of
    # 09:41 (every org's streamed OpenAI traffic) is a bystander; yesterday's incident was on
    # gpt-4.1; the logprobs bug is about the first token, which did not move.
    summaries = stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=1800, p95=4000, prompt=6000, completion=380,
                       config_id="pc-alcornoque-resumenes", key="vk-alcornoque-web", sdk="portkey-node/2.6.1")
    summaries["streaming"] = {"first_token_share": 0.15}
    translate = stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=1500, p95=3500, prompt=2500, completion=900,
                       config_id="pc-alcornoque-traduccion", key="vk-alcornoque-web", sdk="portkey-node/2.6.1")
    translate["streaming"] = {"first_token_share": 0.15}
    streams = [summaries, translate,
               stream(b["id"], model="gpt-4.1-mini", per_minute=10, p50=900, p95=2100, config_id="pc-retama-clausulas"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=700, p95=1700,
                      config_id="pc-tomillo-soporte")]
    an = [latency(at(D, "09:55"), None, {"config_id": "pc-alcornoque-resumenes"}, 4.0, component="generation")]
    edited = {"virtual_key": "vk-alcornoque-openai", "override_params": {"model": "gpt-4.1-mini", "max_tokens": 4000},
              "request_timeout": 60000}
    cfg = [config("pc-alcornoque-resumenes", a["id"], "resumenes", [edited], updated=at(D, "09:52")),
           config("pc-alcornoque-traduccion", a["id"], "traduccion",
                  [{"virtual_key": "vk-alcornoque-openai", "override_params": {"model": "gpt-4.1-mini", "max_tokens": 1200},
                    "request_timeout": 60000}], updated="2029-07-01T10:00:00Z"),
           one_target("pc-retama-clausulas", b, "clausulas", "vk-retama-openai", "gpt-4.1-mini", 20000),
           one_target("pc-tomillo-soporte", c, "soporte", "vk-tomillo-anthropic", "claude-haiku-4-5", 15000)]
    t = [ticket(21501, a, "Re: Re: factura de septiembre",
                "Hola de nuevo,\n\nAprovecho este hilo aunque no tiene que ver con la factura. Desde las 11 menos "
                "cinco (hora de Madrid) los resúmenes de libros tardan muchísimo: antes salían en unos 2 segundos "
                "y ahora pasan de 7. El primer trozo del streaming llega rápido, pero luego se queda escribiendo. "
                "La herramienta de traducción va normal.\n\nHe visto en vuestro changelog un despliegue sobre "
                "streaming justo antes; ¿lo podéis revisar?\n\nUn saludo,\nMarta Iglesias\nProducto digital · "
                "Alcornoque Editorial\n\n> El 2 oct 2029, Soporte escribió:\n> La factura de septiembre ya está "
                "corregida.", at(D, "11:30"), "Marta Iglesias")]
    return scenario("", "latency-spike-max-tokens-edit-spanish",
                    "Spanish ticket under a stale invoice subject with a quoted older reply (Madrid, back on "
                    "standard time two days before while the US is not, blames our streaming deploy): Alcornoque "
                    "saved pc-alcornoque-resumenes at 09:52 UTC with max_tokens 4000 instead of 400, and from "
                    "09:55 its streamed answers are four times as long and slow after a first token as fast as "
                    "before, while its translation config on the same model and another org's gpt-4.1-mini are "
                    "unchanged (customer_config). The streamed-usage deploy at 09:41, a gpt-4.1 incident the day "
                    "before and a logprobs first-token bug are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], "2029-10-29T12:00:00Z", 21501, streams, an, t,
                    {21501: truth("latency-spike", "customer_config", ["config:pc-alcornoque-resumenes"],
                                  [f"github:deployment:{her}", inc, "linear:issue:GW-2151",
                                   "config:pc-alcornoque-traduccion"],
                                  ["pc-alcornoque-resumenes"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def latency_flex_documented_ja():
    D, now = "2029-10-23", "2029-10-23T08:00:00Z"
    a = org("org_sakura", "Sakura Denki", "sakura-denki.co.jp", "enterprise")
    b = org("org_tsubaki", "Tsubaki Shoji", "tsubaki-shoji.jp", "scale")
    c = org("org_kusu", "Kusu Apps", "kusuapps.com", "growth")
    gh = github(CO, 21601, "2029-10-22T06:00:00Z", now, 20)
    her = gh.deploy(21640, at(D, "00:50"), "openai adapter: pass service_tier through for responses",
                    ["src/providers/openai/service-tier.ts", "src/providers/openai/service-tier.test.ts"])
    sp = Statuspage(now)
    sora = sp.incident("openai", "sr8a0o2v4i6d", "Sora video generation delayed", at(D, "00:20"), at(D, "02:00"),
                       "Some Sora generations take longer than usual.", component="Sora")
    lin = [linear_issue("GW-2161", "OpenAI: service_tier missing from the request logs",
                        "The tier a response was served with is not stored in the logs.", "2029-10-15T10:00:00Z",
                        labels=("bug", "provider:openai"))]
    # Sakura's report summaries (pc-sakura-report) have sent o4-mini requests with service_tier
    # "flex" since June; its help-desk chat (pc-sakura-chat) uses o4-mini on the standard tier.
    # The report requests take ~12 s at p50 all window long, before and after 01:00 UTC (10:00 in
    # Tokyo) when the ticket says it became slow; the chat takes ~3.5 s, as Tsubaki's flex requests
    # take as long as Sakura's. The flex-processing page documents 2-5x the standard time. No
    # anomaly: nothing changed. The service_tier pass-through deploy of 00:50 is for /v1/responses,
    # which Sakura does not use, and changed no latency; the Sora incident is another product.
    streams = [cycle(stream(a["id"], model="o4-mini", per_minute=6, p50=12000, p95=30000, prompt=5000, completion=900,
                            config_id="pc-sakura-report", key="vk-sakura-report", sdk="portkey-python/1.18.1"),
                     1, 9, 0.3),
               cycle(stream(a["id"], model="o4-mini", per_minute=14, p50=3500, p95=8000, config_id="pc-sakura-chat",
                            key="vk-sakura-app", sdk="portkey-node/2.6.1"), 1, 9, 0.3),
               stream(b["id"], model="o4-mini", per_minute=4, p50=11500, p95=29000, config_id="pc-tsubaki-batch"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=7, p50=700, p95=1700, config_id="pc-kusu-bot")]

    def flex(vk, model, timeout):
        return {"virtual_key": vk, "override_params": {"model": model, "service_tier": "flex"},
                "request_timeout": timeout}
    cfg = [config("pc-sakura-report", a["id"], "report", [flex("vk-sakura-openai", "o4-mini", 120000)],
                  updated="2029-06-12T02:00:00Z"),
           one_target("pc-sakura-chat", a, "chat", "vk-sakura-openai", "o4-mini", 30000),
           config("pc-tsubaki-batch", b["id"], "batch", [flex("vk-tsubaki-openai", "o4-mini", 180000)]),
           one_target("pc-kusu-bot", c, "bot", "vk-kusu-openai", "gpt-4.1-mini", 15000)]
    t = [ticket(21601, a, "レポート要約の応答遅延について",
                "いつも大変お世話になっております。さくら電機の佐藤でございます。\n\n"
                "本日 10 時頃より、レポート要約機能（o4-mini）の応答に 10 秒以上かかるようになっております。"
                "同じ o4-mini を使用しているヘルプデスクのチャットは 3 秒程度で応答しておりますので、"
                "御社側で何らかの制限がかかっているのではないかと考えております。\n\n"
                "今朝 service_tier 関連のリリースがあったようですが、関係はございますでしょうか。"
                "お手数ですがご確認のほどよろしくお願いいたします。\n\n佐藤 健一", at(D, "02:40"), "Kenichi Sato")]
    return scenario("", "latency-spike-flex-tier-documented-japanese",
                    "Formal Japanese ticket (JST, compares with a fast config on the same model, asks about a "
                    "service_tier release): Sakura's pc-sakura-report has sent o4-mini requests on the flex tier "
                    "since June and they take ~12 s at p50 all window long, as another org's flex requests do and as "
                    "the flex-processing page documents (2-5x the standard tier), with no change at the time named "
                    "(expected_behavior). The service_tier deploy at 00:50, a Sora incident and a service_tier "
                    "logging bug are bystanders among 20 routine deploys; office-hours cycles in JST.",
                    now, CO, [a, b, c], "2029-10-22T06:00:00Z", 21601, streams, [], t,
                    {21601: truth("latency-spike", "expected_behavior", ["docs:docs/models/flex-processing.md"],
                                  [f"github:deployment:{her}", sora, "linear:issue:GW-2161", "config:pc-sakura-chat"],
                                  ["flex"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FLEX, DOC_FALLBACKS])


def routing_own_server_timeouts_en():
    D, now = "2029-03-21", "2029-03-21T17:30:00Z"
    a = org("org_heron", "Heron Analytics", "heron-analytics.co.uk", "scale")
    b = org("org_curlew", "Curlew Energy", "curlewenergy.co.uk", "enterprise")
    c = org("org_avocet", "Avocet Apps", "avocetapps.com", "growth")
    gh = github(CO, 21701, "2029-03-20T15:00:00Z", now, 17)
    her = gh.deploy(21740, at(D, "13:58"), "router: HTTP/2 for custom_host upstreams",
                    ["src/router/upstream-http2.ts", "src/router/upstream-http2.test.ts"])
    sp = Statuspage(now)
    g41 = sp.incident("openai", "g4l1a3t5e7n9", "Increased latency for gpt-4.1", at(D, "14:00"), at(D, "15:00"),
                      "Some gpt-4.1 requests take longer than usual.", impact="minor")
    lin = [linear_issue("GW-2171", "custom_host: 404 when the base URL ends with a slash",
                        "A custom_host ending in '/' gets a double slash in the path and the server answers 404.",
                        "2029-03-12T10:00:00Z", labels=("bug", "router"))]
    # Heron extracts fields from meter-reading PDFs with qwen3-32b served by its own server
    # (pc-heron-extract, custom_host llm.heron-analytics.co.uk, logged as provider openai), chats
    # with claude-sonnet-4-5 and embeds with text-embedding-3-large. From 14:10 UTC (14:10 in
    # London, still on GMT until 25 March) half of pc-heron-extract's requests hang until the 30 s
    # request_timeout; Heron's hosted models and Curlew's own server behind a custom_host target
    # are fine, so the HTTP/2 deploy of 13:58 (every custom_host) is a bystander, the gpt-4.1
    # latency incident is a hosted model Heron's own server is not, and the trailing-slash bug
    # answers 404.
    streams = [stream(a["id"], model="qwen3-32b", per_minute=10, p50=4000, p95=9000, prompt=5000, completion=400,
                      config_id="pc-heron-extract", key="vk-heron-pipeline", sdk="portkey-python/1.16.1"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=8, p50=2400, p95=5600,
                      config_id="pc-heron-chat", key="vk-heron-app", sdk="portkey-node/2.4.0"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=12, p50=180,
                      p95=420, prompt=800, completion=0, config_id="pc-heron-embed", key="vk-heron-pipeline",
                      sdk="portkey-python/1.16.1"),
               stream(b["id"], model="llama-3.3-70b", per_minute=8, p50=2600, p95=6000, config_id="pc-curlew-notes"),
               stream(c["id"], model="gpt-4.1", per_minute=7, p50=1500, p95=3400, config_id="pc-avocet-bot")]
    an = [timeouts(at(D, "14:10"), None, {"config_id": "pc-heron-extract"}, 0.5, 30000),
          latency(at(D, "14:00"), at(D, "15:00"), {"model": "gpt-4.1"}, 2.0)]

    def own(host, model, timeout):
        return {"provider": "openai", "custom_host": host, "override_params": {"model": model},
                "request_timeout": timeout}
    cfg = [config("pc-heron-extract", a["id"], "extract", [own("https://llm.heron-analytics.co.uk/v1", "qwen3-32b", 30000)],
                  updated="2028-12-03T10:00:00Z"),
           one_target("pc-heron-chat", a, "chat", "vk-heron-anthropic", "claude-sonnet-4-5", 30000),
           one_target("pc-heron-embed", a, "embed", "vk-heron-openai", "text-embedding-3-large", 10000),
           config("pc-curlew-notes", b["id"], "notes", [own("https://inference.curlewenergy.co.uk/v1", "llama-3.3-70b",
                                                            45000)]),
           one_target("pc-avocet-bot", c, "bot", "vk-avocet-openai", "gpt-4.1", 30000)]
    t = [ticket(21701, a, "Qwen requests failing, Claude and OpenAI fine - routing issue?",
                "Hello,\n\nSince roughly 2:10pm UK time our extraction pipeline's Qwen requests keep failing - "
                "they sit there for 30 seconds and then error out. Claude chat and the OpenAI embeddings from the "
                "same pipeline are completely fine, so it looks like something in your routing for that one "
                "model. I also see OpenAI has a latency incident open, not sure if that's related as our logs "
                "say provider openai.\n\nRequest id from one of them: 7f3c1a9e-2b4d-4e11-9c0a-5d8e6f7a1b2c\n\n"
                "Cheers,\nTom Hargreaves\nHeron Analytics", at(D, "15:20"), "Tom Hargreaves", priority="high")]
    return scenario("", "provider-routing-own-server-timeouts-english",
                    "British English ticket (London, still on GMT while the US is on summer time, 'Qwen fails, "
                    "Claude and OpenAI work', wonders about OpenAI's incident): from 14:10 UTC half of "
                    "pc-heron-extract's requests, whose only target is Heron's own server (custom_host "
                    "llm.heron-analytics.co.uk, logged as provider openai), hang until the 30 s request_timeout, "
                    "while Heron's hosted Claude and OpenAI embeddings and another org's own server are fine "
                    "(customer_endpoint). The custom_host HTTP/2 deploy at 13:58, a gpt-4.1 latency incident and a "
                    "trailing-slash custom_host bug are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], "2029-03-20T15:00:00Z", 21701, streams, an, t,
                    {21701: truth("provider-routing", "customer_endpoint", ["config:pc-heron-extract"],
                                  [f"github:deployment:{her}", g41, "linear:issue:GW-2171", "config:pc-heron-chat"],
                                  ["llm.heron-analytics.co.uk"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_OWN_SERVER])


def api_errors_own_limit_and_gemini_es():
    D, now = "2029-10-09", "2029-10-09T20:00:00Z"
    a = org("org_nopal", "Nopal Fintech", "nopalfintech.mx", "scale")
    b = org("org_maguey", "Maguey Seguros", "magueyseguros.mx", "enterprise")
    c = org("org_chia", "Chía Labs", "chialabs.dev", "growth")
    gh = github(CO, 21801, "2029-10-08T16:00:00Z", now, 22)
    her = gh.deploy(21840, at(D, "15:12"), "rate limiter: per-model token buckets",
                    ["src/limits/buckets.ts", "src/limits/buckets.test.ts"])
    sp = Statuspage(now)
    gem = sp.incident("google", "gf6l8a0s2h4e", "Elevated error rates for Gemini 2.5 Flash", at(D, "16:00"),
                      at(D, "17:00"), "Some requests to Gemini 2.5 Flash fail with 503 errors.", component="Gemini API")
    sora = sp.incident("openai", "sv1o3r5a7x9z", "Sora generations failing", at(D, "12:30"), at(D, "13:20"),
                       "Some Sora generations fail.", component="Sora")
    lin = [linear_issue("GW-2181", "429 without retry-after header on /v1/embeddings",
                        "Rate-limited embeddings requests are answered 429 without the retry-after header.",
                        "2029-10-01T10:00:00Z", labels=("bug", "limits"))]
    # Two causes at once for Nopal. From 15:30 UTC (09:30 in Mexico City, UTC-6 all year) its
    # month-end reconciliation job sends five times its usual gpt-4.1 traffic (pc-nopal-conciliacion)
    # and 45% of that config's requests are refused 429 rate_limited, until 18:00: the org's own
    # limit, the documented per-org budget (primary, ~2,000 failures). 16:00-17:00 Gemini 2.5 Flash
    # answers 503 to 40% of every org's requests, Google's incident, which hits Nopal's receipt OCR
    # (pc-nopal-ocr) and Maguey too (secondary, ~250 of Nopal's failures). Nopal's Claude support
    # config is fine. The per-model bucket deploy of 15:12 changed no other org's 429s; the Sora
    # incident and the retry-after bug are bystanders.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=6, p50=1600, p95=3600, prompt=3000, completion=300,
                      config_id="pc-nopal-conciliacion", key="vk-nopal-batch", sdk="portkey-python/1.18.1"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=10, p50=900, p95=2100,
                      config_id="pc-nopal-ocr", key="vk-nopal-app", sdk="portkey-node/2.6.1"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=700, p95=1700,
                      config_id="pc-nopal-soporte", key="vk-nopal-app", sdk="portkey-node/2.6.1"),
               stream(b["id"], provider="google", model="gemini-2.5-flash", per_minute=8, p50=950, p95=2200,
                      config_id="pc-maguey-polizas"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3400, config_id="pc-chia-agent")]
    an = [volume(at(D, "15:30"), at(D, "18:00"), {"config_id": "pc-nopal-conciliacion"}, 5.0),
          rate_limited(at(D, "15:30"), at(D, "18:00"), {"config_id": "pc-nopal-conciliacion"}, 0.45),
          errors(at(D, "16:00"), at(D, "17:00"), {"model": "gemini-2.5-flash"}, 0.4, 503, "provider_unavailable")]
    cfg = [one_target("pc-nopal-conciliacion", a, "conciliacion", "vk-nopal-openai", "gpt-4.1", 30000),
           one_target("pc-nopal-ocr", a, "ocr", "vk-nopal-google", "gemini-2.5-flash", 20000),
           one_target("pc-nopal-soporte", a, "soporte", "vk-nopal-anthropic", "claude-haiku-4-5", 15000),
           one_target("pc-maguey-polizas", b, "polizas", "vk-maguey-google", "gemini-2.5-flash", 20000),
           one_target("pc-chia-agent", c, "agent", "vk-chia-openai", "gpt-4.1", 30000)]
    t = [ticket(21801, a, "Errores 429 y 503 desde la mañana",
                "Buenas tardes,\n\ndesde las 9:30 (hora del centro de México) tenemos muchísimos errores. Primero "
                "429 en la conciliación de fin de mes y, un rato después, también 503 en el OCR de recibos:\n\n"
                "  [conciliacion] 429 rate_limited retry-after=12\n"
                "  [ocr] 503 provider_unavailable gemini-2.5-flash\n\n"
                "El chatbot de soporte funciona. No cambiamos nada de nuestro lado, creemos que es por el cambio "
                "de límites que publicaron hoy. ¿Nos pueden ayudar?\n\nSaludos,\nJavier Ortega\nNopal Fintech",
                at(D, "17:30"), "Javier Ortega", priority="urgent")]
    q = [question(21802, c, at(D, "18:10"), "Exportar logs a S3",
                  "Hola, ¿se pueden exportar los logs de solicitudes a un bucket S3 propio?", person="Paula Ríos")]
    return scenario("", "api-errors-own-limit-and-gemini-outage-spanish",
                    "Mexican Spanish ticket (Mexico City, UTC-6 all year, pasted worker lines, blames our "
                    "rate-limiter deploy): two causes at once. 15:30-18:00 UTC Nopal's month-end reconciliation "
                    "sends five times its gpt-4.1 traffic and 45% of pc-nopal-conciliacion is refused 429 "
                    "rate_limited (primary); 16:00-17:00 Gemini 2.5 Flash answers 503 to 40% of every org's "
                    "requests with Google's incident, hitting Nopal's OCR config (secondary). The per-model "
                    "bucket deploy at 15:12, a Sora incident and a retry-after bug are bystanders among 22 "
                    "routine deploys; a plain log-export question from another org.",
                    now, CO, [a, b, c], "2029-10-08T16:00:00Z", 21801, streams, an, t,
                    {21801: truth("api-errors", "rate_limited", ["config:pc-nopal-conciliacion"],
                                  [f"github:deployment:{her}", sora, "linear:issue:GW-2181", "config:pc-nopal-soporte"],
                                  ["429", "503"], [secondary("provider_outage", [gem])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, questions=q, docs=[DOC_RATE_LIMITS])


ALL = [api_errors_context_length_en, api_errors_sdk_release_de, fallback_known_google_bug_pt,
       fallback_never_failed_fr, latency_max_tokens_edit_es, latency_flex_documented_ja,
       routing_own_server_timeouts_en, api_errors_own_limit_and_gemini_es]

if __name__ == "__main__":
    write_all(ALL)
