#!/usr/bin/env python3
"""A third held-out set: ten scenarios written from the scenario format, the result contract and the
domain material only (the case study, the AI-infrastructure ticket patterns and the field guide to
gateway routing configs), never from the engine, never run against it while writing, and never tuned
on. They are scored per folder (`heldout3/`).

February and March 2032. Europe on standard time throughout (CET = MEZ = UTC+1 in Milan, Munich and
Valencia; summer time only from 28 March). The US moves to summer time on 14 March 2032: Seattle is on
PST (UTC-8) on 10 February, Denver on MDT (UTC-6) and Montréal on EDT/HAE (UTC-4) on 16-17 March.
São Paulo on BRT (UTC-3), Bogotá on COT (UTC-5), Perth on AWST (UTC+8), Tokyo on JST (UTC+9); none of
them changes its clocks.

| scenario | pattern (language, ticket) | truth from the data | bystanders (refs_forbidden) |
|---|---|---|---|
| api-errors-eval-run-over-org-limit-seattle | API errors (English, PST, typos, pasted 429 JSON, "is OpenAI throttling us?") | the eval key's volume x8 from 18:30 pushes a noisy five-config org over its 150k TPM; 45% 429 on every service (rate_limited) | keep-alive deploy at 18:21, GPT-4.1 incident that morning, fixed retry-after bug |
| api-errors-busy-morning-no-fault-perth | API errors (English, AWST, stale SSO subject, pasted alert) | a 3% background error rate, the same share as yesterday; the count follows the office-hours volume (no_fault_found) | retry-budget router deploy at 00:58, Opus incident with another org's 500s, that model |
| api-errors-sdk-parallel-tools-denver | API errors (English, MDT two days after the switch, traceback, blames our adapter deploy) | portkey-python 3.4.0 sends parallel_tool_calls without tools; 60% 400 on that SDK in two orgs; 3.4.1 release notes (sdk_version) | OpenAI-adapter deploy at 15:28, o3 incident, o3 bug |
| provider-routing-haiku-incident-sao-paulo | "Claude fails, GPT-4o works" (Brazilian Portuguese, BRT, pasted log line, blames routing) | 50% 500 on every org's Claude Haiku 4.5 17:08-18:47 inside Anthropic's incident (provider_outage) | loadbalance deploy at 16:52, claude.ai incident, fixed key-rotation bug |
| latency-spike-config-moved-to-o3-munich | latency (German, MEZ, question, "keine Fehler", "nothing changed") | pc-gams-angebote edited at 08:12 to o3 (customer_config) + o3 incident 09:45-11:05 (secondary provider_outage) | HTTP-client deploy at 08:04, night Haiku incident, chart bug |
| fallback-status-matcher-deploy-montreal | fallback (Québec French, HAE, pasted 529, blames Anthropic) | deploy #41630 at 14:29: 529s stop failing over in every org's fallback config (deploy_regression) + Sonnet 529 incident from 13:00 (secondary provider_outage) | logs deploy at 15:05, fixed attempts-0 bug, night GPT-4o incident |
| token-billing-output-meter-double-count-milan | token/invoice (Italian, stale subject, two meters, blames cached tokens) | the output meter counts 07:00-11:30 twice; the input line is right (billing_pipeline) | FatturaPA export deploy, fixed cached-price bug, Haiku incident |
| token-billing-utc-day-bogota | token/invoice (Colombian Spanish, UTC-5, typos, suspects double counting) | the invoice is a UTC day; it holds the customer's Monday-evening campaign burst (expected_behavior) | meter-batching deploy, fixed re-send bug |
| metadata-messages-route-known-bug-tokyo | metadata (Japanese, JST, "is it by design?", blames its SDK migration) | open GW-8841: /v1/messages keeps no metadata for any org; the service moved there at 06:00 (known_bug) | logs-filter deploy at 05:40, fixed embeddings bug, filter-chip bug |
| webhook-failures-dns-after-migration-valencia | webhooks (Spanish, hora peninsular, vague, blames our egress IPs) | from 01:20 every delivery to one endpoint fails dns_error; its other host and other orgs deliver (customer_endpoint) | egress-pool deploy at 01:05, fixed retry bug, Jira test-button bug, the alerts endpoint |

Every truth below is read from the data declared next to it (anomalies, configs, billing faults,
webhook failures, deploys, releases, issues, incidents, docs); the comment above each truth says what
the data declares and why that gives the truth. Run it to rewrite the JSON files in heldout3/."""
import os

from compose import *  # noqa: F401,F403
from scenarios_heldout2 import cycle, hooks, hook_failures

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}
FOLDER = "heldout3"


def fallback_config(cid, o, name, targets, updated="2031-11-02T09:00:00Z"):
    return config(cid, o["id"], name, targets, mode="fallback", updated=updated)


def switch(old, new, when, start):
    """A service that moved from stream `old` to stream `new` at `when`: each silent on its side."""
    return [volume(when, None, old, 0.0), volume(start, when, new, 0.0)]


RETRY_5XX = [429, 500, 502, 503, 504]


# ---------------------------------------------------------------------------------------------
# 1. api-errors / rate_limited / English (Seattle, PST), question form, typos
# ---------------------------------------------------------------------------------------------
def api_errors_eval_run_over_org_limit_en():
    """A big org (five configs, four keys, 2% background errors) starts its quarterly evaluation run on
    its eval key at 18:30 UTC: eight times the eval volume takes the org over its plan's
    tokens-per-minute budget and 45% of every service's requests get 429 rate_limited."""
    Y, D, now = "2032-02-09", "2032-02-10", "2032-02-10T20:10:00Z"
    a = org("org_bramble", "Bramble Health", "bramblehealth.com", "scale")
    b = org("org_osprey", "Osprey Freight", "ospreyfreight.com", "growth")
    gh = github(CO, 41001, "2032-02-09T16:00:00Z", now, 21)
    keep = gh.deploy(41030, at(D, "18:21"), "gateway: tune keep-alive for OpenAI upstream sockets",
                     ["src/providers/openai/agent.ts", "src/http/keepalive.ts"], author="wren")
    sp = Statuspage(now)
    oa = sp.incident("openai", "g41e7r0r2x5k", "Increased error rates on GPT-4.1", at(D, "17:05"), at(D, "17:40"),
                     "A small number of GPT-4.1 API requests fail with 500 errors.", impact="minor")
    old = linear_issue("GW-8120", "429 responses carried `retry-after: 0`",
                       "The gateway's own 429 (org over its TPM budget) was sent with retry-after 0, so clients "
                       "retried at once. Fixed: retry-after is the seconds to the next budget window.",
                       "2032-01-12T17:00:00Z", state="Done", labels=("bug", "rate-limits"),
                       completed="2032-01-14T19:00:00Z")
    sdk = "portkey-python/3.3.1"
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=10, p50=1100, p95=2600, prompt=1800,
                            completion=350, error_rate=0.02, config_id="pc-bramble-intake", key="vk-bramble-app",
                            sdk=sdk, metadata={"svc": "intake"}), 15, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=480, p95=1100,
                      prompt=900, completion=200, error_rate=0.02, config_id="pc-bramble-triage",
                      key="vk-bramble-app", sdk="portkey-node/4.1.0", metadata={"svc": "triage"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=90,
                      p95=230, prompt=500, completion=0, error_rate=0.02, config_id="pc-bramble-search",
                      key="vk-bramble-search", sdk=sdk),
               stream(a["id"], model="gpt-4.1", per_minute=2, p50=2600, p95=5600, prompt=9000, completion=1200,
                      error_rate=0.02, config_id="pc-bramble-evals", key="vk-bramble-evals", sdk=sdk,
                      metadata={"svc": "evals"}),
               stream(b["id"], model="gpt-4.1", per_minute=7, p50=1100, p95=2600, config_id="pc-osprey-quotes")]
    # Bramble (scale plan: 150k tokens per minute per the rate-limits doc) uses about 52k per minute
    # at office hours: intake 10 x 2,150, triage 6 x 1,100, search 8 x 500, evals 2 x 10,200. From
    # 18:30 UTC (10:30 PST) the eval run multiplies vk-bramble-evals' volume by 8 (+143k per minute):
    # the org is far over its budget, and from 18:33 45% of all its requests, every service, model
    # and key, are answered 429 rate_limited. Osprey on the same model is untouched, so it is not
    # OpenAI and not the gateway: the customer hits its own plan's limit (rate_limited). The
    # keep-alive deploy at 18:21 would touch every org's OpenAI traffic (Osprey is fine, and the
    # Claude and embeddings 429s are not OpenAI's); the GPT-4.1 incident ended at 17:40, 500s not
    # 429s; GW-8120 is fixed and about the header.
    an = [volume(at(D, "18:30"), None, {"api_key_id": "vk-bramble-evals"}, 8.0),
          rate_limited(at(D, "18:33"), None, {"org": a["id"]}, 0.45)]
    cfg = [fallback_config("pc-bramble-intake", a, "intake",
                           [target("vk-bramble-openai", "gpt-4.1", 30000, [500, 502, 503, 504]),
                            target("vk-bramble-anthropic", "claude-sonnet-4-6", 30000)]),
           one_target("pc-bramble-triage", a, "triage", "vk-bramble-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-bramble-search", a, "search", "vk-bramble-openai", "text-embedding-3-small", 10000),
           one_target("pc-bramble-evals", a, "evals", "vk-bramble-openai", "gpt-4.1", 120000),
           one_target("pc-bramble-archive", a, "archive (unused)", "vk-bramble-openai", "gpt-4o", 30000),
           one_target("pc-osprey-quotes", b, "quotes", "vk-osprey-openai", "gpt-4.1", 30000)]
    t = [ticket(41001, a, "is OpenAI throttling us?? 429s everywhere",
                "hey folks\n\nquick one (well, not so quick for us): since roughly 10:30 PST we're getting a ton of "
                "429s back from you. not everything fails, maybe 4 or 5 out of 10 calls? its hitting the intake "
                "app, the triage classifer on claude AND our search embeddings, so it's everywhere.\n\n"
                "```\n{\"error\": {\"message\": \"Rate limit exceeded. Please retry after 12s.\", "
                "\"type\": \"rate_limited\", \"code\": \"rate_limited\"}}\n```\n\n"
                "Is something wrong with OpenAI today? their status page had a GPT-4.1 thing this morning. We "
                "havent changed any app code this week - the only new thing is the quarterly eval run our ML "
                "team kicked off, but that uses its own key (vk-bramble-evals) so I dont see how it could "
                "affect prod.\n\nthanks,\nPriya Natarajan\nPlatform Eng @ Bramble Health",
                at(D, "19:48"), "Priya Natarajan", priority="high")]
    # Truth: rate_limited (the org over its plan's TPM budget after its own eval volume x8).
    return scenario(FOLDER, "api-errors-eval-run-over-org-limit-seattle",
                    "English ticket (Seattle, PST) with typos and a pasted 429, asked as 'is OpenAI throttling "
                    "us?': from 18:30 UTC a big five-config org (2% background errors) runs its evaluation job "
                    "at eight times the usual volume on its eval key and goes over its plan's tokens-per-minute "
                    "budget; from 18:33 45% of all its requests, every service and provider, get 429 "
                    "rate_limited (rate_limited). A keep-alive deploy nine minutes before, a GPT-4.1 incident "
                    "that morning and a fixed retry-after bug are bystanders among 22 deploys.",
                    now, CO, [a, b], "2032-02-09T16:00:00Z", 41001, streams, an, t,
                    {41001: truth("api-errors", "rate_limited",
                                  ["docs:docs/limits/rate-limits.md", "config:pc-bramble-evals"],
                                  [f"github:deployment:{keep}", oa, "linear:issue:GW-8120"], ["150"])},
                    github=gh, configs=cfg, linear=[old], statuspage=sp, docs=[DOC_RATE_LIMITS])


# ---------------------------------------------------------------------------------------------
# 2. api-errors / no_fault_found / English (Perth, AWST), stale subject, big noisy org
# ---------------------------------------------------------------------------------------------
def api_errors_busy_morning_no_fault_en():
    """A big org with a steady 3% error rate on every service sees its alert on the count of failed
    requests fire when its office hours start; the error share is the same as yesterday's, the
    count follows the volume. A router deploy just before and an Opus incident (another org's
    model) tempt."""
    Y, D, now = "2032-02-16", "2032-02-17", "2032-02-17T05:30:00Z"
    a = org("org_quenda", "Quenda Mining Services", "quenda-mining.com.au", "enterprise")
    b = org("org_kookaburra", "Kookaburra Legal", "kookaburralegal.com.au", "scale")
    gh = github(CO, 41101, "2032-02-16T04:00:00Z", now, 27)
    retry = gh.deploy(41150, at(D, "00:58"), "router: per-upstream retry budget",
                      ["src/router/retry-budget.ts", "src/router/retry-budget.test.ts"], author="tamsin")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "op4e1x9r7q2m", "Elevated errors on Claude Opus 4.1", at(D, "01:20"),
                       at(D, "02:45"), "Some Claude Opus 4.1 requests fail with 500 errors.")
    sdk = "portkey-python/3.2.2"
    office = (1, 10, 0.25)  # 09:00-18:00 AWST
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1500,
                            p95=3500, error_rate=0.03, config_id="pc-quenda-reports", key="vk-quenda-reports",
                            sdk=sdk, metadata={"site": "pilbara"}), *office),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=480,
                            p95=1100, error_rate=0.03, config_id="pc-quenda-safety", key="vk-quenda-ops",
                            sdk=sdk), *office),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500, error_rate=0.03,
                            config_id="pc-quenda-dispatch", key="vk-quenda-ops", sdk="portkey-node/4.0.3"), *office),
               cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=110,
                            p95=280, prompt=600, completion=0, error_rate=0.03, config_id="pc-quenda-search",
                            key="vk-quenda-search", sdk=sdk), *office),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=6, p50=2600, p95=6000,
                      config_id="pc-kookaburra-briefs"),
               stream(b["id"], model="gpt-4o", per_minute=6, p50=850, p95=2000, config_id="pc-kookaburra-intake")]
    # Quenda: every service at a steady 3% error rate, office hours 01:00-10:00 UTC (09:00-18:00
    # AWST) at four times the night volume, ramping up from 00:00. Yesterday's office hours
    # (04:00-10:00 UTC, in the window) and this morning's have the same error share; the count of
    # failed requests rises four-fold at 09:00 AWST only because the volume does. No anomaly
    # touches the org: no_fault_found. The retry-budget deploy at 00:58 lands in the ramp but
    # changes no share; the Opus incident (01:20-02:45) is real but on Kookaburra's model
    # (40% 500s there), which Quenda does not use.
    an = [errors(at(D, "01:25"), at(D, "02:40"), {"model": "claude-opus-4-1"}, 0.4, 500, "provider_error")]
    cfg = [one_target("pc-quenda-reports", a, "reports", "vk-quenda-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-quenda-safety", a, "safety", "vk-quenda-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-quenda-dispatch", a, "dispatch", "vk-quenda-openai", "gpt-4.1-mini", 30000),
           one_target("pc-quenda-search", a, "search", "vk-quenda-openai", "text-embedding-3-large", 10000),
           one_target("pc-kookaburra-briefs", b, "briefs", "vk-kookaburra-anthropic", "claude-opus-4-1", 120000),
           one_target("pc-kookaburra-intake", b, "intake", "vk-kookaburra-openai", "gpt-4o", 30000)]
    t = [ticket(41101, a, "Re: SSO setup for the new contractor accounts",
                "Hi Relay team,\n\nNot about SSO (that's all sorted, thanks Dev) - different problem. Our "
                "on-call got paged twice this morning by the alert we keep on failed gateway calls:\n\n"
                "```\n[FIRING] relay-failed-requests  count(status>=400, 10m) = 112  threshold 60\n"
                "  started 09:14 AWST   labels: env=prod team=platform\n```\n\n"
                "Overnight that number sits around 25-30, so this looks like three or four times worse. It's not "
                "one service, the reports generator, the safety classifier and dispatch all contribute. Did "
                "something break your end around 9am Perth time? I noticed you shipped a router change right "
                "about then, and Anthropic has an incident up as well.\n\nWe haven't released anything since "
                "last Thursday.\n\nCheers,\nCallum Reid\nPlatform Engineering | Quenda Mining Services\n"
                "Level 12, 240 St Georges Tce, Perth WA 6000\n\n> On Mon, 16 Feb 2032 at 14:02, Relay Support "
                "wrote:\n> The SAML mapping for the contractor group is now live, let us know if anyone still "
                "lands on the wrong role.", at(D, "05:05"), "Callum Reid")]
    # Truth: no_fault_found (error share unchanged, count follows office-hours volume); nothing the
    # tempting deploy, incident, model or other org's config did touches Quenda.
    return scenario(FOLDER, "api-errors-busy-morning-no-fault-perth",
                    "English ticket (Perth, AWST) under a stale SSO subject with a pasted alert: a big four-config "
                    "org with a steady 3% error rate on every service sees its count of failed requests rise "
                    "four-fold at 09:00 AWST because its office-hours volume does; the share equals yesterday's "
                    "(no_fault_found). A retry-budget router deploy at 08:58 AWST and a real Opus incident that "
                    "fails another org's requests are tempting bystanders among 28 deploys.",
                    now, CO, [a, b], "2032-02-16T04:00:00Z", 41101, streams, an, t,
                    {41101: truth("api-errors", "no_fault_found", [],
                                  [f"github:deployment:{retry}", opus, "model:claude-opus-4-1",
                                   "config:pc-kookaburra-briefs"], ["volume"])},
                    github=gh, configs=cfg, statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 3. api-errors / sdk_version / English (Denver, MDT two days after the switch), traceback
# ---------------------------------------------------------------------------------------------
def api_errors_sdk_parallel_tools_en():
    """portkey-python 3.4.0 sends `parallel_tool_calls` on every chat request, with or without
    tools, and OpenAI refuses it without tools. One of Juniper's services picked 3.4.0 up in a
    dependency bump at 15:40 UTC; another org has been on it since the evening before. 3.4.1
    (released during the morning) fixes it."""
    Y, D, now = "2032-03-15", "2032-03-16", "2032-03-16T18:20:00Z"
    start = "2032-03-15T16:00:00Z"
    a = org("org_juniper", "Juniper Ridge Analytics", "juniperridge.io", "scale")
    b = org("org_marmot", "Marmot Games", "marmotgames.com", "growth")
    gh = github(CO, 41201, start, now, 16)
    adapter = gh.deploy(41230, at(D, "15:28"), "openai adapter: forward service_tier and prompt_cache_key",
                        ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"], author="gus",
                        message="openai adapter: pass service_tier and prompt_cache_key through to OpenAI")
    gh.release(9501, "python-v3.4.0", "portkey-python 3.4.0",
               "Typed helpers for `response_format` JSON schemas; tool-calling defaults aligned with the OpenAI "
               "SDK (`parallel_tool_calls=True`).", at(Y, "17:00"))
    gh.release(9502, "python-v3.4.1", "portkey-python 3.4.1",
               "Fix: 3.4.0 sent `parallel_tool_calls` on every chat completion, also when no `tools` were given; "
               "OpenAI answers such requests 400 invalid_request. 3.4.1 sends it only with `tools`. Everyone on "
               "3.4.0 should upgrade.", at(D, "17:20"))
    gh.release(9503, "node-v4.1.0", "portkey-node 4.1.0", "Adds `AbortSignal` support to streaming helpers.",
               "2032-03-02T12:00:00Z")
    o3bug = linear_issue("GW-8390", "o3: 400 when `temperature` is sent together with `reasoning_effort`",
                         "OpenAI rejects temperature on o3 requests that also set reasoning_effort; the gateway "
                         "should drop it or explain the error.", "2032-03-11T16:00:00Z", labels=("bug", "providers"))
    sp = Statuspage(now)
    o3 = sp.incident("openai", "o3e8r2r5s1x4", "Elevated error rates for o3", at(D, "14:10"), at(D, "14:55"),
                     "Some o3 API requests fail with 500 errors.", impact="minor")
    old_sdk, new_sdk = "portkey-python/3.3.2", "portkey-python/3.4.0"
    rep_old = stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=650, p95=1600, config_id="pc-juniper-reports",
                     key="vk-juniper-reports", sdk=old_sdk, metadata={"svc": "reports-api"})
    rep_new = dict(rep_old, sdk=new_sdk)
    npc_old = stream(b["id"], model="gpt-4o", per_minute=7, p50=850, p95=2000, config_id="pc-marmot-npc",
                     sdk=old_sdk, metadata={"svc": "npc-dialogue"})
    npc_new = dict(npc_old, sdk=new_sdk)
    streams = [cycle(rep_old, 14, 23, 0.3), cycle(rep_new, 14, 23, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-juniper-widget",
                      key="vk-juniper-widget", sdk=old_sdk, metadata={"svc": "chat-widget"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=480, p95=1100,
                      config_id="pc-juniper-tagging", key="vk-juniper-widget", sdk="portkey-node/4.1.0"),
               npc_old, npc_new,
               stream(b["id"], model="o3", per_minute=2, p50=6000, p95=14000, completion=1500,
                      config_id="pc-marmot-quests", sdk="portkey-node/4.1.0")]
    # Juniper's reports API moved from portkey-python 3.3.2 to 3.4.0 at 15:40 UTC (09:40 MDT) with
    # its dependency bump; Marmot's NPC service did at 19:30 UTC the day before. From the release of
    # 3.4.0 (17:00 UTC the day before) every request sent with 3.4.0 that has no tools, about 60%,
    # is answered 400 invalid_request, in both orgs and on both models; the same model through
    # 3.3.2 (Juniper's chat widget, both services before their switch) works. The 3.4.1 release
    # notes describe exactly this: sdk_version. The OpenAI-adapter deploy at 15:28 touches every
    # OpenAI request (the widget is fine, and Marmot failed since the evening before it); the o3
    # incident and bug concern a model neither failing service uses.
    an = (switch({"sdk": old_sdk, "config_id": "pc-juniper-reports"}, {"sdk": new_sdk, "config_id": "pc-juniper-reports"},
                 at(D, "15:40"), start)
          + switch({"sdk": old_sdk, "config_id": "pc-marmot-npc"}, {"sdk": new_sdk, "config_id": "pc-marmot-npc"},
                   at(Y, "19:30"), start)
          + [errors(at(Y, "17:00"), None, {"sdk": new_sdk}, 0.6, 400, "invalid_request")])
    cfg = [one_target("pc-juniper-reports", a, "reports", "vk-juniper-openai", "gpt-4.1-mini", 30000),
           one_target("pc-juniper-widget", a, "widget", "vk-juniper-openai", "gpt-4.1-mini", 30000),
           one_target("pc-juniper-tagging", a, "tagging", "vk-juniper-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-marmot-npc", b, "npc", "vk-marmot-openai", "gpt-4o", 30000),
           one_target("pc-marmot-quests", b, "quests", "vk-marmot-openai", "o3", 120000)]
    t = [ticket(41201, a, "400 Bad Request on reports API after your OpenAI adapter release",
                "Hello,\n\nOur reports API started failing at 9:40 AM MDT today. Roughly 6 of every 10 summary "
                "calls come back 400; the rest succeed. Your changelog shows an OpenAI adapter deploy at 9:28 "
                "MDT, which is suspiciously close. Stack trace from one of the failures:\n\n"
                "```\nTraceback (most recent call last):\n  File \"/srv/reports/jobs/summarize.py\", line 141, in "
                "run\n    resp = client.chat.completions.create(model=MODEL, messages=msgs, max_tokens=700)\n"
                "  File \"/usr/local/lib/python3.12/site-packages/portkey_ai/api_resources/apis/chat_complete.py\", "
                "line 318, in create\n    return self._post(\"/chat/completions\", body=body, ...)\n"
                "portkey_ai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid value for "
                "'parallel_tool_calls': only allowed when 'tools' are specified.\", 'type': "
                "'invalid_request_error', 'code': 'invalid_request'}}\n```\n\n"
                "We do not use tools anywhere in that service, so I have no idea where that parameter comes "
                "from. Our deploy this morning was a config flag change plus the usual weekly dependency "
                "refresh. The chat widget, which calls the same model, is fine.\n\nCan you roll back or tell "
                "us what changed?\n\nRegards,\nEthan Kowalski\nStaff Engineer, Juniper Ridge Analytics",
                at(D, "17:52"), "Ethan Kowalski", priority="high")]
    # Truth: sdk_version (400 on portkey-python/3.4.0 only, two orgs, both switch times; release
    # python-v3.4.1 documents the fault and the fix).
    return scenario(FOLDER, "api-errors-sdk-parallel-tools-denver",
                    "English ticket (Denver, MDT two days after the US clock change) with a Python traceback, "
                    "blaming an OpenAI-adapter deploy twelve minutes before the onset: portkey-python 3.4.0 sends "
                    "parallel_tool_calls without tools and about 60% of its requests are answered 400 in two "
                    "orgs (one switched at 15:40 UTC, the other the evening before); the same model through "
                    "3.3.2 works and the 3.4.1 release notes describe the fix (sdk_version). The adapter deploy, "
                    "an o3 incident and an o3 bug are bystanders among 17 deploys.",
                    now, CO, [a, b], start, 41201, streams, an, t,
                    {41201: truth("api-errors", "sdk_version",
                                  ["sdk:portkey-python/3.4.0", "github:release:python-v3.4.1"],
                                  [f"github:deployment:{adapter}", o3, "linear:issue:GW-8390"], ["3.4.1"])},
                    github=gh, configs=cfg, linear=[o3bug], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 4. provider-routing / provider_outage / Brazilian Portuguese (São Paulo, BRT)
# ---------------------------------------------------------------------------------------------
def provider_routing_haiku_incident_pt():
    """Claude Haiku 4.5 answers 500 to half the requests of every org during an Anthropic incident
    on that model; GPT-4o and Claude Sonnet work. The customer suspects a routing change of ours."""
    Y, D, now = "2032-02-23", "2032-02-24", "2032-02-24T19:30:00Z"
    a = org("org_jabuti", "Jabuti Pagamentos", "jabuti.com.br", "scale")
    b = org("org_tainha", "Tainha Seguros", "tainhaseguros.com.br", "growth")
    gh = github(CO, 41301, "2032-02-23T20:00:00Z", now, 18)
    lb = gh.deploy(41340, at(D, "16:52"), "router: sticky sessions for weighted loadbalance",
                   ["src/router/loadbalance.ts", "src/router/session-affinity.ts"], author="caio")
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "hk45a9e1r3t7", "Elevated error rates on Claude Haiku 4.5", at(D, "17:05"),
                      at(D, "18:50"), "We are investigating elevated 500 errors on Claude Haiku 4.5 API requests.")
    web = sp.incident("anthropic", "cl7w2e4b6s8p", "Conversations fail to load on claude.ai", at(D, "11:00"),
                      at(D, "11:40"), "Some claude.ai users cannot open past conversations.", component="claude.ai")
    rot = linear_issue("GW-7702", "401 from Anthropic for a few minutes after a virtual key rotation",
                       "Requests kept the old provider key until the cache expired. Fixed: rotation invalidates "
                       "the key cache.", "2031-12-03T13:00:00Z", state="Done", labels=("bug", "virtual-keys"),
                       completed="2031-12-05T10:00:00Z")
    sdk = "portkey-node/4.0.3"
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=12, p50=460,
                            p95=1100, config_id="pc-jabuti-antifraude", key="vk-jabuti-core", sdk=sdk,
                            metadata={"servico": "antifraude"}), 12, 22, 0.3),
               stream(a["id"], model="gpt-4o", per_minute=9, p50=850, p95=2000, config_id="pc-jabuti-atendimento",
                      key="vk-jabuti-core", sdk=sdk, metadata={"servico": "atendimento"}),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1500, p95=3500,
                      config_id="pc-jabuti-extratos", key="vk-jabuti-batch", sdk="portkey-python/3.3.1"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=460, p95=1100,
                      config_id="pc-tainha-sinistros"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=5, p50=600, p95=1500, config_id="pc-tainha-chat")]
    # From 17:08 to 18:47 UTC (14:08-15:47 BRT), inside Anthropic's Haiku 4.5 incident (17:05-18:50),
    # 50% of every org's Claude Haiku 4.5 requests are answered 500 provider_error: Jabuti's
    # antifraude config and Tainha's too. Jabuti's GPT-4o on the same virtual key and its Claude
    # Sonnet batch keep their 0.2% noise. The upstream model fails: provider_outage. The loadbalance
    # deploy at 16:52 touches only loadbalance configs (none here are); the claude.ai incident is
    # another product that morning; GW-7702 is fixed and about 401s.
    an = [errors(at(D, "17:08"), at(D, "18:47"), {"provider": "anthropic", "model": "claude-haiku-4-5"}, 0.5, 500,
                 "provider_error")]
    cfg = [one_target("pc-jabuti-antifraude", a, "antifraude", "vk-jabuti-anthropic", "claude-haiku-4-5", 15000),
           one_target("pc-jabuti-atendimento", a, "atendimento", "vk-jabuti-openai", "gpt-4o", 30000),
           one_target("pc-jabuti-extratos", a, "extratos", "vk-jabuti-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tainha-sinistros", b, "sinistros", "vk-tainha-anthropic", "claude-haiku-4-5", 15000),
           one_target("pc-tainha-chat", b, "chat", "vk-tainha-openai", "gpt-4.1-mini", 30000)]
    t = [ticket(41301, a, "Claude falhando, GPT-4o normal - mudaram o roteamento?",
                "Boa tarde pessoal,\n\nDesde umas 14h05 (horário de Brasília) metade das chamadas do nosso "
                "antifraude pro Claude tá voltando erro, e o atendimento que usa GPT-4o segue normal, mesma "
                "chave virtual. Exemplo do nosso log:\n\n"
                "```\n2032-02-24 14:12:31 -03:00 [antifraude] ERRO relay status=500 provider=anthropic "
                "model=claude-haiku-4-5 request_id=req_7Hq2fLm9 msg=\"upstream error\"\n```\n\n"
                "Vi no changelog que vocês subiram alguma coisa de roteamento/loadbalance pouco antes disso. "
                "Nao mexemos em nada na nossa config. Será que quebrou o roteamento pra Anthropic? As transações "
                "estão indo pra revisão manual e o time de risco tá em cima da gente.\n\nAbs,\nLarissa Moura\n"
                "Eng. de Plataforma - Jabuti Pagamentos", at(D, "18:40"), "Larissa Moura", priority="urgent")]
    # Truth: provider_outage (one model, every org, inside the incident on that model).
    return scenario(FOLDER, "provider-routing-haiku-incident-sao-paulo",
                    "Brazilian Portuguese ticket (São Paulo, BRT) with typos and a pasted log line, blaming a "
                    "routing change: from 17:08 to 18:47 UTC half of every org's Claude Haiku 4.5 requests fail "
                    "500 during Anthropic's incident on that model; GPT-4o on the same key and Claude Sonnet work "
                    "(provider_outage). A loadbalance deploy 16 minutes before, a claude.ai incident that morning "
                    "and a fixed key-rotation bug are bystanders among 19 deploys.",
                    now, CO, [a, b], "2032-02-23T20:00:00Z", 41301, streams, an, t,
                    {41301: truth("provider-routing", "provider_outage", [inc],
                                  [f"github:deployment:{lb}", web, "linear:issue:GW-7702"], ["Haiku"])},
                    github=gh, configs=cfg, linear=[rot], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 5. latency-spike / customer_config + provider_outage / German (München, MEZ), question, negation
# ---------------------------------------------------------------------------------------------
def latency_config_moved_to_o3_de():
    """Someone at the customer edited the quotes config at 08:12 UTC from gpt-4.1-mini to o3: every
    quote takes several seconds since. From 09:45 to 11:05 o3 itself is also slower, inside an
    OpenAI incident, which made it worse."""
    Y, D, now = "2032-03-01", "2032-03-02", "2032-03-02T11:40:00Z"
    start = "2032-03-01T08:00:00Z"
    a = org("org_gams", "Gams Versicherungsmakler", "gams-makler.de", "enterprise")
    b = org("org_lerche", "Lerche Logistik", "lerche-logistik.at", "scale")
    gh = github(CO, 41401, start, now, 24)
    http = gh.deploy(41440, at(D, "08:04"), "gateway: move outbound HTTP client to undici 7",
                     ["src/http/client.ts", "package.json", "package-lock.json"], author="jannik")
    sp = Statuspage(now)
    o3 = sp.incident("openai", "o3l4t8n2c6y1", "Increased latency on o3", at(D, "09:40"), at(D, "11:10"),
                     "o3 API requests are taking longer than usual to complete.", impact="minor")
    night = sp.incident("anthropic", "hk2n9g4t7w3e", "Elevated errors on Claude Haiku 4.5", at(D, "02:10"),
                        at(D, "02:40"), "Some Claude Haiku 4.5 requests fail with 500 errors.")
    chart = linear_issue("GW-8550", "Analytics: p95 latency chart averages across configs instead of per config",
                         "When several configs are selected the p95 line is a mean of per-config p95s.",
                         "2032-02-20T09:00:00Z", state="Todo", labels=("bug", "dashboard"))
    sdk = "portkey-python/3.3.1"
    q_old = stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, prompt=1600, completion=380,
                   config_id="pc-gams-angebote", key="vk-gams-web", sdk=sdk, metadata={"app": "angebote"})
    q_new = dict(q_old, model="o3", latency_ms={"p50": 6200, "p95": 14000},
                 tokens={"prompt": 1600, "completion": 1900, "cached_share": 0.0})
    streams = [cycle(q_old, 7, 17, 0.3), cycle(q_new, 7, 17, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1400, p95=3300,
                      config_id="pc-gams-schaden", key="vk-gams-intern", sdk=sdk),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=110,
                      p95=280, prompt=600, completion=0, config_id="pc-gams-suche", key="vk-gams-intern", sdk=sdk),
               stream(b["id"], model="gpt-4.1", per_minute=7, p50=1100, p95=2600, config_id="pc-lerche-touren"),
               stream(b["id"], model="o3", per_minute=3, p50=6000, p95=14000, completion=1700,
                      config_id="pc-lerche-planung")]
    # pc-gams-angebote was edited at 08:12 UTC (09:12 MEZ; its last_updated_at) and now names o3:
    # from that minute the quotes service's requests go to o3 (median ~6 s) instead of
    # gpt-4.1-mini (~0.7 s), two streams each silent on its side of the edit. No errors. That is the
    # customer's own routing config: customer_config. From 09:45 to 11:05 o3 answers 2.2x slower
    # for every org (Lerche's planning config too), inside OpenAI's o3 latency incident
    # (09:40-11:10): a second, provider cause for the worst stretch. The HTTP-client deploy at 08:04
    # touches every request of every org (Gams' Claude and embeddings, Lerche's GPT-4.1 keep their
    # latency); the Haiku incident was at night on a model Gams does not use; GW-8550 is a chart bug.
    an = switch({"model": "gpt-4.1-mini", "config_id": "pc-gams-angebote"},
                {"model": "o3", "config_id": "pc-gams-angebote"}, at(D, "08:12"), start) + \
        [latency(at(D, "09:45"), at(D, "11:05"), {"model": "o3"}, 2.2)]
    cfg = [one_target("pc-gams-angebote", a, "angebote", "vk-gams-openai", "o3", 60000),
           one_target("pc-gams-schaden", a, "schaden", "vk-gams-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-gams-suche", a, "suche", "vk-gams-openai", "text-embedding-3-large", 10000),
           one_target("pc-lerche-touren", b, "touren", "vk-lerche-openai", "gpt-4.1", 60000),
           one_target("pc-lerche-planung", b, "planung", "vk-lerche-openai", "o3", 120000)]
    cfg[0]["last_updated_at"] = at(D, "08:12")
    t = [ticket(41401, a, "Ist bei Ihnen heute etwas langsamer?",
                "Guten Tag,\n\nist bei Ihnen heute irgendetwas anders? Unser Angebotsrechner (Config "
                "pc-gams-angebote) braucht seit ungefähr 9:15 Uhr MEZ für jede Anfrage sechs bis acht Sekunden, "
                "vorher war es deutlich unter einer Sekunde. Fehler sehen wir keine, alle Antworten kommen an, "
                "nur eben sehr langsam. Zwischen etwa 10:45 und 12:00 war es noch schlimmer, teilweise über "
                "15 Sekunden.\n\nVon unserer Seite wurde nichts geändert, kein Release seit letzter Woche. Bei "
                "Ihnen gab es heute früh laut Changelog ein Update des HTTP-Clients - könnte das die Ursache "
                "sein? Die Schadenbearbeitung mit Claude wirkt unauffällig, aber die hat auch wenig Last.\n\n"
                "Für eine kurze Rückmeldung wäre ich dankbar, unsere Makler warten.\n\nMit freundlichen Grüßen\n"
                "Sabine Hofbauer\nIT-Betrieb, Gams Versicherungsmakler GmbH, München",
                at(D, "11:25"), "Sabine Hofbauer")]
    # Truth: customer_config (the quotes config now names o3, edited at 08:12); secondary
    # provider_outage (the o3 latency incident, 09:45-11:05).
    return scenario(FOLDER, "latency-spike-config-moved-to-o3-munich",
                    "German ticket (Munich, MEZ) asked as a question, no errors but slow, 'we changed nothing': "
                    "the quotes config was edited at 08:12 UTC from gpt-4.1-mini to o3 and every quote takes "
                    "about 6 s since (customer_config); from 09:45 to 11:05 o3 is also 2.2x slower inside "
                    "OpenAI's latency incident (secondary provider_outage). An HTTP-client deploy eight minutes "
                    "before the edit, a night Haiku incident and a chart bug are bystanders among 25 deploys.",
                    now, CO, [a, b], start, 41401, streams, an, t,
                    {41401: truth("latency-spike", "customer_config", ["config:pc-gams-angebote"],
                                  [f"github:deployment:{http}", night, "linear:issue:GW-8550"], ["o3"],
                                  secondary=[secondary("provider_outage", [o3])])},
                    github=gh, configs=cfg, linear=[chart], statuspage=sp)


# ---------------------------------------------------------------------------------------------
# 6. fallback / deploy_regression + provider_outage / Québec French (Montréal, HAE = EDT)
# ---------------------------------------------------------------------------------------------
def fallback_status_matcher_deploy_fr():
    """Anthropic overloads Claude Sonnet 4.6 from 13:00 UTC (an open incident). Every fallback config
    that lists 529 fails over to OpenAI until 14:32; from then on, after a router deploy that moved
    retry and fallback onto a shared status matcher, the 529s reach the callers in every org."""
    Y, D, now = "2032-03-16", "2032-03-17", "2032-03-17T16:10:00Z"
    start = "2032-03-16T12:00:00Z"
    a = org("org_carcajou", "Carcajou Assurance", "carcajou.ca", "scale")
    b = org("org_pluvier", "Pluvier Santé", "pluviersante.ca", "enterprise")
    gh = github(CO, 41601, start, now, 14)
    cause = gh.deploy(41630, at(D, "14:29"), "routing: one status matcher for retry and fallback",
                      ["src/routing/status-match.ts", "src/routing/fallback.ts", "src/routing/retry.ts"],
                      author="malik", message="routing: share status-range matching between retry and fallback")
    later = gh.deploy(41640, at(D, "15:05"), "logs: show the serving target in request details",
                      ["ui/logs/request-detail.tsx", "src/logs/request-row.ts"], author="lea")
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "sn46v8r1l0d5", "Elevated overloaded errors on Claude Sonnet 4.6", at(D, "13:00"),
                      None, "Claude Sonnet 4.6 requests are receiving overloaded (529) errors at an elevated rate. "
                      "Other models are not affected.")
    gpt = sp.incident("openai", "g4o0n1g2h3t4", "Elevated errors on GPT-4o", at(D, "04:00"), at(D, "04:30"),
                      "Some GPT-4o requests fail with 500 errors.")
    old = linear_issue("GW-7410", "Fallback skipped Anthropic 529 when `retry.attempts` was 0",
                       "Targets with retry.attempts 0 returned the 529 instead of trying the next target. Fixed.",
                       "2031-10-06T14:00:00Z", state="Done", labels=("bug", "routing"),
                       completed="2031-10-08T16:00:00Z")
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1500,
                            p95=3500, config_id="pc-carcajou-reclamations", key="vk-carcajou-web",
                            sdk="portkey-node/4.1.0", metadata={"flux": "reclamations"}), 12, 22, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=1600, p95=3800,
                      config_id="pc-carcajou-resumes", key="vk-carcajou-batch", sdk="portkey-python/3.3.2"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=480, p95=1100,
                      config_id="pc-carcajou-courriels", key="vk-carcajou-web", sdk="portkey-node/4.1.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1500, p95=3500,
                      config_id="pc-pluvier-triage"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=5, p50=600, p95=1500, config_id="pc-pluvier-notes")]
    # From 13:04 UTC (09:04 HAE), inside Anthropic's open Sonnet 4.6 incident (from 13:00), 30% of
    # every Sonnet request is answered 529 provider_overloaded. Carcajou's claims config and
    # Pluvier's triage config (fallback mode, 529 in on_status_codes) serve them from their OpenAI
    # target until 14:32 (fallback_used); from 14:32, three minutes after deploy #41630 moved retry
    # and fallback onto a shared status matcher, the same 529s reach the callers in both orgs, while
    # the incident goes on unchanged. Carcajou's summaries config (single Sonnet target) shows the
    # 529s all along. Root: our deploy stopped the failover (deploy_regression); second cause: the
    # incident that produces the 529s (provider_outage). The logs deploy came at 15:05, after the
    # onset; GW-7410 is fixed and about retry.attempts 0 (these configs retry twice); the GPT-4o
    # incident was at night.
    rec, tri = {"config_id": "pc-carcajou-reclamations"}, {"config_id": "pc-pluvier-triage"}
    an = [errors(at(D, "13:04"), at(D, "14:32"), rec, 0.3, 529, "provider_overloaded",
                 fallback_to={"provider": "openai", "model": "gpt-4o"}),
          errors(at(D, "14:32"), None, rec, 0.3, 529, "provider_overloaded"),
          errors(at(D, "13:04"), at(D, "14:32"), tri, 0.3, 529, "provider_overloaded",
                 fallback_to={"provider": "openai", "model": "gpt-4.1"}),
          errors(at(D, "14:32"), None, tri, 0.3, 529, "provider_overloaded"),
          errors(at(D, "13:04"), None, {"config_id": "pc-carcajou-resumes"}, 0.3, 529, "provider_overloaded")]
    cfg = [fallback_config("pc-carcajou-reclamations", a, "reclamations",
                           [target("vk-carcajou-anthropic", "claude-sonnet-4-6", 30000, RETRY_5XX + [529]),
                            target("vk-carcajou-openai", "gpt-4o", 30000)], updated="2031-12-09T15:00:00Z"),
           one_target("pc-carcajou-resumes", a, "resumes", "vk-carcajou-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-carcajou-courriels", a, "courriels", "vk-carcajou-anthropic", "claude-haiku-4-5", 20000),
           fallback_config("pc-pluvier-triage", b, "triage",
                           [target("vk-pluvier-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 502, 503, 529]),
                            target("vk-pluvier-openai", "gpt-4.1", 30000)], updated="2032-01-20T15:00:00Z"),
           one_target("pc-pluvier-notes", b, "notes", "vk-pluvier-openai", "gpt-4.1-mini", 30000)]
    t = [ticket(41601, a, "Le fallback vers GPT-4o ne s'active plus",
                "Bonjour,\n\nDepuis 10 h 32 (HAE) ce matin, notre flux de réclamations reçoit des erreurs 529 de "
                "Claude directement dans l'application :\n\n"
                "```json\n{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": "
                "\"Overloaded\"}}\n```\n\nCe qui nous surprend, c'est que de 9 h à 10 h 30 tout allait bien : on voit "
                "dans vos journaux des requêtes servies par gpt-4o, donc le fallback de la config "
                "pc-carcajou-reclamations fonctionnait. Depuis, plus rien ne bascule. On n'a pas touché à la "
                "config (529 est toujours dans on_status_codes).\n\nEst-ce qu'Anthropic aurait changé le format "
                "de ses erreurs ? Nos agents doivent reprendre les dossiers à la main, c'est assez urgent.\n\n"
                "Merci d'avance,\nÉmilie Gagnon\nArchitecte de solutions, Carcajou Assurance\nMontréal (Québec)",
                at(D, "15:50"), "Émilie Gagnon", priority="urgent")]
    t[0]["requester"]["email"] = "emilie.gagnon@carcajou.ca"
    # Truth: deploy_regression (#41630; failover stops at 14:32 in every org's fallback config while
    # the incident is unchanged), secondary provider_outage (the Sonnet 529 incident).
    return scenario(FOLDER, "fallback-status-matcher-deploy-montreal",
                    "Québec French ticket (Montréal, HAE = EDT, three days after the US clock change) with a "
                    "pasted 529: during Anthropic's open Sonnet 4.6 incident from 13:00 UTC, fallback configs "
                    "listing 529 fail over to OpenAI until 14:32, three minutes after router deploy #41630, then "
                    "the 529s reach the callers in every org (deploy_regression); the incident is the second cause "
                    "(provider_outage). The customer blames a change of Anthropic's error format; a later logs "
                    "deploy, a fixed fallback bug and a night GPT-4o incident are bystanders among 16 deploys.",
                    now, CO, [a, b], start, 41601, streams, an, t,
                    {41601: truth("fallback", "deploy_regression", [f"github:deployment:{cause}"],
                                  [f"github:deployment:{later}", gpt, "linear:issue:GW-7410"], ["529"],
                                  secondary=[secondary("provider_outage", [inc])])},
                    github=gh, configs=cfg, linear=[old], statuspage=sp, docs=[DOC_FALLBACKS])


# ---------------------------------------------------------------------------------------------
# 7. token-billing / billing_pipeline / Italian (Milano, CET), two meters, stale subject
# ---------------------------------------------------------------------------------------------
DOC_TWO_METERS = doc("docs/billing/invoices.md", "Invoices",
                     "# Invoices\n\nUsage is invoiced per UTC day on two metered lines:\n\n"
                     "- **Input tokens**: the day's `prompt_tokens - cached_tokens` (cached input is not billed);\n"
                     "- **Output tokens**: the day's `completion_tokens`.\n\nEach line should equal the request "
                     "logs' totals for the same UTC day.\n")


def billing_output_meter_double_count_it():
    """The output-token meter counted the events of 07:00-11:30 UTC twice for every org; the input
    meter is right. The customer reconciles the output line against its logs and guesses that
    cached tokens are billed."""
    D, N, now = "2032-03-09", "2032-03-10", "2032-03-10T05:55:00Z"
    a = org("org_airone", "Airone Editoriale", "airone-editoriale.it", "scale")
    b = org("org_gheppio", "Gheppio Software", "gheppio.dev", "growth")
    gh = github(CO, 41701, at(D, "00:00"), now, 20)
    sdi = gh.deploy(41740, at(D, "10:20"), "billing: export invoices as FatturaPA XML",
                    ["src/billing/export/fatturapa.ts", "src/billing/export/fatturapa.test.ts"], author="giulia")
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "hk9m3q5v7z1b", "Elevated errors on Claude Haiku 4.5", at(D, "13:00"),
                        at(D, "13:30"), "Some Claude Haiku 4.5 requests fail with 500 errors.")
    old = linear_issue("GW-8012", "Cached input tokens billed at the full input price for Anthropic requests",
                       "The input meter ignored cache_read tokens on Anthropic responses. Fixed and credited.",
                       "2032-01-08T10:00:00Z", state="Done", labels=("bug", "billing"),
                       completed="2032-01-11T12:00:00Z")
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=10, p50=1100, p95=2600, prompt=2400, completion=500,
                            cached=0.4, config_id="pc-airone-redazione", key="vk-airone-cms",
                            sdk="portkey-python/3.3.1"), 7, 18, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3500,
                      prompt=3000, completion=700, cached=0.5, config_id="pc-airone-traduzioni",
                      key="vk-airone-batch", sdk="portkey-python/3.3.1"),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=850, p95=2000, prompt=1200, completion=280,
                      config_id="pc-gheppio-assist")]
    cfg = [one_target("pc-airone-redazione", a, "redazione", "vk-airone-openai", "gpt-4.1", 60000),
           one_target("pc-airone-traduzioni", a, "traduzioni", "vk-airone-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-gheppio-assist", b, "assist", "vk-gheppio-openai", "gpt-4o", 30000)]
    # Two meters, as the invoices doc says: input (prompt minus cached, cached not billed) and output
    # (completion). The output meter has a double_count fault from 07:00 to 11:30 UTC for every org:
    # the output line of Airone's invoice of 9 March (in_1Airone0309) is well above the logs'
    # completion tokens for that UTC day (the busy office hours of the editorial service are in the
    # window), while the input line equals prompt - cached. Our metering is wrong: billing_pipeline.
    # The customer's guess (cached tokens billed) concerns the input line, which is right; the
    # FatturaPA export deploy came at 10:20 inside the window but touches only the XML export;
    # GW-8012 is fixed and about cached input; the Haiku incident concerns errors on a model Airone
    # does not use.
    inv = lambda iid, o: {"id": iid, "org": o["id"], "status": "open", "from": at(D, "00:00"), "to": at(N, "00:00")}
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002",
            "meters": [{"meter": "llm_input_tokens", "nickname": "Input tokens", "counts": ["prompt_tokens"],
                        "cached_tokens": "excluded", "unit_amount_decimal": "0.0002"},
                       {"meter": "llm_output_tokens", "nickname": "Output tokens", "counts": ["completion_tokens"],
                        "unit_amount_decimal": "0.0008",
                        "faults": [{"kind": "double_count", "from": at(D, "07:00"), "to": at(D, "11:30"),
                                    "match": {}}]}],
            "invoices": [inv("in_1Airone0309", a), inv("in_1Gheppio0309", b)], "faults": []}
    t = [ticket(41701, a, "R: Fattura elettronica - codice destinatario SDI",
                "Buongiorno,\n\ncolgo l'occasione di questo thread per un'altra questione. Stiamo riconciliando la "
                "fattura del 9 marzo (in_1Airone0309) con l'export delle nostre richieste: la riga \"Input tokens\" "
                "torna, mentre la riga \"Output tokens\" è parecchio più alta dei completion_tokens che risultano "
                "dai vostri log per la stessa giornata (UTC, come indicato nella documentazione).\n\n"
                "Può darsi che stiate conteggiando anche i token in cache? La redazione usa molto il prompt "
                "caching. Oppure contate i token di ragionamento a parte?\n\nCi servirebbe una nota di credito o "
                "una spiegazione prima della chiusura contabile di fine mese.\n\nCordiali saluti,\n"
                "Francesca Bellini\nAmministrazione e controllo - Airone Editoriale S.r.l.\nVia Solferino 28, "
                "Milano\n\n-----Messaggio originale-----\nDa: Relay AI Billing\nInviato: venerdì 5 marzo 2032 "
                "10:14\nOggetto: R: Fattura elettronica - codice destinatario SDI\n\nGentile Francesca, abbiamo "
                "aggiornato il codice destinatario; le prossime fatture arriveranno tramite SDI.",
                at(N, "05:40"), "Francesca Bellini")]
    t[0]["requester"]["email"] = "f.bellini@airone-editoriale.it"
    # Truth: billing_pipeline (the output meter's double count; the invoice of 9 March is its evidence).
    return scenario(FOLDER, "token-billing-output-meter-double-count-milan",
                    "Italian ticket (Milan, CET) under a stale e-invoicing subject with a quoted reply: on the "
                    "invoice of 9 March the input line equals the logs but the output line is well above them, "
                    "because the output meter counted every org's events of 07:00-11:30 UTC twice "
                    "(billing_pipeline). The customer's cached-token guess concerns the right line; a FatturaPA "
                    "export deploy inside the window, a fixed cached-price bug and a Haiku incident are bystanders "
                    "among 21 deploys.",
                    now, CO, [a, b], at(D, "00:00"), 41701, streams, [], t,
                    {41701: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Airone0309"],
                                  [f"github:deployment:{sdi}", "linear:issue:GW-8012", haiku], ["in_1Airone0309"])},
                    github=gh, configs=cfg, billing=bill, linear=[old], statuspage=sp, docs=[DOC_TWO_METERS])


# ---------------------------------------------------------------------------------------------
# 8. token-billing / expected_behavior / Colombian Spanish (Bogotá, UTC-5), typos
# ---------------------------------------------------------------------------------------------
def billing_utc_day_bogota_es():
    """The invoice of 10 February covers the UTC day, which starts at 19:00 of the 9th in Bogotá: it
    holds the customer's Monday-evening campaign burst (three times the usual volume from 19:00 to
    23:00 local), which the customer's local-day report puts on the 9th. The invoice equals the logs."""
    D, N, now = "2032-02-10", "2032-02-11", "2032-02-11T06:00:00Z"
    a = org("org_guacamaya", "Guacamaya Retail", "guacamaya.com.co", "growth")
    b = org("org_manati", "Manatí Salud", "manatisalud.co", "scale")
    gh = github(CO, 41801, at(D, "00:00"), now, 12)
    meter = gh.deploy(41840, at(D, "15:30"), "meter-worker: send Stripe usage events in batches of 200",
                      ["src/billing/meter-worker/batch.ts", "src/billing/meter-worker/flush.ts"], author="andres")
    old = linear_issue("GW-7901", "Meter events re-sent after a meter-worker restart on 3 January",
                       "A restart re-sent the events of 3 January 02:00-03:10 UTC; invoices corrected with credit "
                       "notes.", "2032-01-03T09:00:00Z", state="Done", labels=("bug", "billing"),
                       completed="2032-01-05T15:00:00Z")
    sdk = "portkey-node/4.0.3"
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, prompt=1400, completion=320,
                      config_id="pc-guacamaya-campanas", key="vk-guacamaya-mkt", sdk=sdk,
                      metadata={"canal": "whatsapp"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, prompt=1100, completion=260,
                      config_id="pc-guacamaya-tienda", key="vk-guacamaya-web", sdk=sdk),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=480, p95=1100,
                      config_id="pc-manati-citas")]
    cfg = [one_target("pc-guacamaya-campanas", a, "campanas", "vk-guacamaya-openai", "gpt-4.1-mini", 30000),
           one_target("pc-guacamaya-tienda", a, "tienda", "vk-guacamaya-openai", "gpt-4.1-mini", 30000),
           one_target("pc-manati-citas", b, "citas", "vk-manati-anthropic", "claude-haiku-4-5", 20000)]
    # The campaign config runs at three times its volume from 00:00 to 04:00 UTC on 10 February,
    # which is 19:00-23:00 of Monday 9 February in Bogotá (UTC-5). The invoice of 10 February
    # (in_1Guacamaya0210) covers 10 February 00:00-24:00 UTC, as the invoices doc says, so it holds
    # that burst; the customer's report of "10 February" in Bogotá time (05:00 UTC on the 10th to
    # 05:00 UTC on the 11th) does not, hence its ~15% gap. No billing fault, cached tokens excluded
    # and none used: the invoice equals the logs for the UTC day (expected_behavior). The
    # meter-batching deploy and the January re-send bug (fixed) are bystanders.
    an = [volume(at(D, "00:00"), at(D, "04:00"), {"config_id": "pc-guacamaya-campanas"}, 3.0)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "invoices": [{"id": "in_1Guacamaya0210", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": at(N, "00:00")},
                         {"id": "in_1Manati0210", "org": b["id"], "status": "open", "from": at(D, "00:00"),
                          "to": at(N, "00:00")}],
            "faults": []}
    t = [ticket(41801, a, "Factura del 10 de febrero no cuadra con nuestro reporte",
                "Buenas noches,\n\nestoy cerrando el reporte de costos del día y algo no me cuadra. La factura del "
                "10 de febrero (in_1Guacamaya0210) trae mas o menos un 15% más de tokens que los que registramos "
                "nosotros ese mismo día en nuestra bodega de datos (sumamos prompt_tokens + completion_tokens "
                "de cada respuesta, hora de Bogotá, UTC-5).\n\nEl martes fue un día normal, la campaña de "
                "WhatsApp fue el lunes en la noche. ¿Será que nos estan cobrando doble algunas peticiones? Vi "
                "que ustedes cambiaron algo del envío de uso a Stripe ayer en la mañana...\n\nQuedo atento, "
                "mil gracias.\n\nJuan Camilo Restrepo\nAnalista de datos | Guacamaya Retail\nBogotá, Colombia",
                at(N, "05:45"), "Juan Camilo Restrepo")]
    t[0]["requester"]["email"] = "jrestrepo@guacamaya.com.co"
    # Truth: expected_behavior (UTC-day invoicing, documented; the burst is on the UTC day 10 Feb).
    return scenario(FOLDER, "token-billing-utc-day-bogota",
                    "Colombian Spanish ticket (Bogotá, UTC-5) with typos, suspecting double counting: the invoice "
                    "of 10 February is ~15% above the customer's local-day report because invoices cover the UTC "
                    "day, which holds its Monday-evening campaign burst (19:00-23:00 local = 00:00-04:00 UTC); the "
                    "invoice equals the logs (expected_behavior). A meter-batching deploy that day and a fixed "
                    "re-send bug are bystanders among 13 deploys.",
                    now, CO, [a, b], at(D, "00:00"), 41801, streams, an, t,
                    {41801: truth("token-billing", "expected_behavior",
                                  ["docs:docs/billing/invoices.md", "stripe:invoice:in_1Guacamaya0210"],
                                  [f"github:deployment:{meter}", "linear:issue:GW-7901"], ["UTC"])},
                    github=gh, configs=cfg, billing=bill, linear=[old], docs=[DOC_INVOICES])


# ---------------------------------------------------------------------------------------------
# 9. metadata / known_bug / Japanese (Tokyo, JST), question form
# ---------------------------------------------------------------------------------------------
def metadata_messages_route_known_bug_ja():
    """Requests on /v1/messages (the Anthropic-native route) are logged and forwarded without their
    metadata for every org, an open issue filed a week before. Tsubame moved its inspection service
    from the chat route to /v1/messages with the Anthropic SDK at 06:00 UTC the day before and lost
    its metadata from that minute."""
    Y, D, now = "2032-02-18", "2032-02-19", "2032-02-19T02:50:00Z"
    start = "2032-02-18T00:00:00Z"
    a = org("org_tsubame", "Tsubame Logistics", "tsubame-logi.co.jp", "scale")
    b = org("org_kamome", "Kamome Travel", "kamome-travel.jp", "growth")
    gh = github(CO, 41901, start, now, 19)
    filt = gh.deploy(41940, at(Y, "05:40"), "logs: metadata filter supports nested keys",
                     ["src/logs/query/metadata-filter.ts", "ui/logs/metadata-filter.tsx"], author="haruto")
    bug = linear_issue("GW-8841", "Metadata not stored or forwarded on /v1/messages",
                       "Requests to the Anthropic-native route /v1/messages carry `x-portkey-metadata`, but the "
                       "log row has `{}` and the provider receives nothing. /v1/chat/completions with the same "
                       "header is fine. Seen with the Anthropic Python and TypeScript SDKs pointed at the "
                       "gateway. Fix in progress.", "2032-02-12T08:00:00Z", labels=("bug", "metadata"))
    closed = linear_issue("GW-8302", "Metadata keys lowercased on /v1/embeddings",
                          "Keys like `tenantId` were stored as `tenantid`. Fixed.", "2032-01-19T08:00:00Z",
                          state="Done", labels=("bug", "metadata"), completed="2032-01-21T08:00:00Z")
    chips = linear_issue("GW-8760", "Logs: metadata filter chips hide keys that contain a dot",
                         "A key such as `order.id` does not appear among the filter chips.",
                         "2032-02-16T03:00:00Z", state="Todo", labels=("bug", "dashboard"))
    meta = {"warehouse": "narita-2", "inspector_id": "INS-0417", "shipper_id": "SH-22810"}
    k_old = stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1500, p95=3500,
                   config_id="pc-tsubame-kenpin", key="vk-tsubame-kenpin", sdk="portkey-python/3.2.2",
                   metadata=dict(meta))
    k_new = dict(k_old, route="/v1/messages", sdk="anthropic-python/0.64.0")
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500,
                            config_id="pc-tsubame-haisou", key="vk-tsubame-haisou", sdk="portkey-python/3.2.2",
                            metadata={"shipper_id": "SH-22810", "channel": "line"}), 1, 10, 0.3),
               k_old, k_new,
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=6, p50=90, p95=230,
                      prompt=500, completion=0, config_id="pc-tsubame-search", key="vk-tsubame-haisou",
                      sdk="portkey-python/3.2.2", metadata={"index": "manifests"}),
               stream(b["id"], route="/v1/messages", provider="anthropic", model="claude-haiku-4-5", per_minute=6,
                      p50=480, p95=1100, config_id="pc-kamome-plans", sdk="anthropic-typescript/0.71.0",
                      metadata={"agent": "itinerary"})]
    # The inspection service (pc-tsubame-kenpin) sends warehouse/inspector_id/shipper_id on every
    # request. At 06:00 UTC on 18 February (15:00 JST) it moved from /v1/chat/completions through
    # portkey-python to /v1/messages through the Anthropic SDK (two streams, each silent on its side
    # of the switch). Every request on /v1/messages is logged without metadata, for every org and
    # SDK (Kamome's TypeScript service too), all window long; the chat and embeddings routes keep
    # theirs. Open issue GW-8841 (filed 12 February) describes exactly that: known_bug. The
    # customer's guess (its SDK version or migration) is only why it now hits the route; the
    # logs-filter deploy at 05:40 touches every route (the chat route keeps metadata); GW-8302 is
    # fixed and about key case on embeddings; GW-8760 is a dashboard chip.
    an = switch({"route": "/v1/chat/completions", "config_id": "pc-tsubame-kenpin"},
                {"route": "/v1/messages", "config_id": "pc-tsubame-kenpin"}, at(Y, "06:00"), start) + \
        [metadata_dropped(start, None, {"route": "/v1/messages"})]
    cfg = [one_target("pc-tsubame-haisou", a, "haisou", "vk-tsubame-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tsubame-kenpin", a, "kenpin", "vk-tsubame-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tsubame-search", a, "search", "vk-tsubame-openai", "text-embedding-3-small", 10000),
           one_target("pc-kamome-plans", b, "plans", "vk-kamome-anthropic", "claude-haiku-4-5", 20000)]
    t = [ticket(41901, a, "検品サービスのメタデータがログに表示されない件（仕様でしょうか？）",
                "Relay AI サポート ご担当者様\n\nお世話になっております。つばめロジスティクス 開発部の中村です。\n\n"
                "昨日（2月18日）15時（JST）のリリースで、検品サービスを Portkey SDK から Anthropic の公式 SDK "
                "（anthropic-python 0.64.0、base_url を御社ゲートウェイに向けています）に切り替えました。"
                "それ以降、検品サービスのリクエストのログでメタデータ（warehouse / inspector_id / shipper_id）が"
                "空（{}）になっています。ヘッダー x-portkey-metadata は以前と同じ内容で送っていることを確認済みです。\n\n"
                "配送サービス（Portkey SDK のまま）ではメタデータは問題なく記録されています。\n\n"
                "Anthropic SDK 経由の場合はメタデータが付かないのが仕様でしょうか？それとも SDK のバージョンを"
                "変える必要がありますか？荷主別の集計に使っているため、困っております。\n\n"
                "お手数ですがご確認のほどよろしくお願いいたします。\n\n中村 陽介\nつばめロジスティクス株式会社 開発部",
                at(D, "02:30"), "Yosuke Nakamura")]
    t[0]["requester"]["email"] = "y.nakamura@tsubame-logi.co.jp"
    # Truth: known_bug GW-8841 (/v1/messages keeps no metadata for any org or SDK).
    return scenario(FOLDER, "metadata-messages-route-known-bug-tokyo",
                    "Japanese ticket (Tokyo, JST) asking whether it is by design: the inspection service moved "
                    "at 06:00 UTC the day before from the chat route to /v1/messages through the Anthropic SDK "
                    "and its metadata is gone since; every org's /v1/messages requests are logged without "
                    "metadata, as open issue GW-8841 describes (known_bug). A logs-filter deploy twenty minutes "
                    "before the switch, a fixed embeddings metadata bug and a filter-chip bug are bystanders "
                    "among 20 deploys.",
                    now, CO, [a, b], start, 41901, streams, an, t,
                    {41901: truth("metadata", "known_bug", ["linear:issue:GW-8841"],
                                  [f"github:deployment:{filt}", "linear:issue:GW-8302", "linear:issue:GW-8760"],
                                  ["/v1/messages"])},
                    github=gh, configs=cfg, linear=[bug, closed, chips], docs=[DOC_METADATA])


# ---------------------------------------------------------------------------------------------
# 10. webhook-failures / customer_endpoint / Spanish (Valencia, hora peninsular = CET), vague
# ---------------------------------------------------------------------------------------------
def webhook_dns_after_migration_es():
    """From 01:20 UTC every delivery to the customer's main webhook host fails with dns_error (the
    name no longer resolves after the customer moved its DNS zone); its alerts endpoint on another
    host and every other org's endpoints deliver. Our egress-pool deploy at 01:05 is the customer's
    suspect."""
    Y, D, now = "2032-03-22", "2032-03-23", "2032-03-23T09:10:00Z"
    start = "2032-03-22T06:00:00Z"
    a = org("org_sepia", "Sepia Mobility", "sepiamobility.es", "scale")
    b = org("org_orca", "Orca Seguros", "orcaseguros.es", "enterprise")
    c = org("org_nutria", "Nutria Labs", "nutrialabs.io", "growth")
    gh = github(CO, 42001, start, now, 15)
    egress = gh.deploy(42040, at(D, "01:05"), "webhooks: move delivery workers to the eu-west egress pool",
                       ["src/webhooks/worker/egress.ts", "infra/egress/eu-west.tf"], author="nerea",
                       message="webhooks: deliver from the eu-west egress pool (published IP list unchanged)")
    retry = linear_issue("GW-8190", "Webhook retries logged with attempt number 1",
                         "Retried deliveries showed attempt 1 in the delivery log. Fixed.", "2032-02-25T10:00:00Z",
                         state="Done", labels=("bug", "webhooks"), completed="2032-02-27T10:00:00Z")
    jira = [{"key": "WH-412", "fields": {"summary": "Dashboard 'send test event' ignores custom headers",
                                         "status": {"name": "Open"}, "created": "2032-03-10T11:00:00Z",
                                         "labels": ["webhooks", "dashboard"]}}]
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=600, p95=1500, config_id="pc-sepia-rutas",
                      key="vk-sepia-app", sdk="portkey-node/4.1.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=480, p95=1100,
                      config_id="pc-sepia-soporte", key="vk-sepia-app", sdk="portkey-node/4.1.0"),
               stream(b["id"], model="gpt-4o", per_minute=8, p50=850, p95=2000, config_id="pc-orca-polizas"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=1400, p95=3300,
                      config_id="pc-nutria-agent")]
    cfg = [one_target("pc-sepia-rutas", a, "rutas", "vk-sepia-openai", "gpt-4.1-mini", 30000),
           one_target("pc-sepia-soporte", a, "soporte", "vk-sepia-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-orca-polizas", b, "polizas", "vk-orca-openai", "gpt-4o", 30000),
           one_target("pc-nutria-agent", c, "agent", "vk-nutria-anthropic", "claude-sonnet-4-6", 60000)]
    main = "https://webhooks.sepiamobility.es/relay"
    alerts = "https://api.sepiamobility.es/alerts/relay"
    # From 01:20 UTC (02:20 hora peninsular) every delivery attempt to webhooks.sepiamobility.es
    # fails with dns_error, status 0, retries included: the host name does not resolve from our
    # side. Until then it answered 2xx, including the 15 minutes after the egress-pool deploy at
    # 01:05. The org's alerts endpoint on api.sepiamobility.es and Orca's and Nutria's endpoints get
    # deliveries from the same workers and succeed. A name that no longer resolves is the customer's
    # own DNS (its office test uses its internal resolver): customer_endpoint. The egress deploy
    # would show as refused or filtered connections on every allow-listing endpoint, not as DNS
    # failures on one host; GW-8190 is fixed; WH-412 is about the test button.
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 5, 140),
               (a["id"], alerts, ["budget.exceeded", "request.failed"], 0.5, 130),
               (b["id"], "https://integraciones.orcaseguros.es/relay/eventos", ["request.completed"], 4, 170),
               (c["id"], "https://hooks.nutrialabs.io/relay", ["request.completed", "request.failed"], 2, 110),
               anomalies=[hook_failures(at(D, "01:20"), None, main, 1.0, 0, "dns_error")])
    t = [ticket(42001, a, "No llegan los webhooks",
                "Hola,\n\nDesde esta madrugada no nos llega ningún evento de peticiones completadas al endpoint "
                "principal. En vuestro panel salen todas las entregas como fallidas. Las alertas de presupuesto "
                "sí nos están llegando, creo.\n\nLo hemos probado desde la oficina con un curl y responde bien, "
                "así que el endpoint está vivo. ¿Habéis cambiado las IPs desde las que enviáis? Tenemos el "
                "firewall con lista blanca y vi algo de un cambio de egress en vuestro changelog de esta noche.\n\n"
                "Por nuestra parte no hemos tocado nada del servicio de webhooks (esta semana estamos con la "
                "migración de dominios a otro proveedor, pero eso es cosa de sistemas y no debería afectar).\n\n"
                "Gracias,\nÁlvaro Peris\nBackend - Sepia Mobility (Valencia)",
                at(D, "08:45"), "Álvaro Peris", priority="high")]
    t[0]["requester"]["email"] = "alvaro.peris@sepiamobility.es"
    # Truth: customer_endpoint (one host stops resolving at 01:20; its other host and other orgs deliver).
    return scenario(FOLDER, "webhook-failures-dns-after-migration-valencia",
                    "Spanish ticket (Valencia, hora peninsular = CET), vague, blaming our egress IPs: from 01:20 "
                    "UTC every delivery to the org's main webhook host fails with dns_error while its alerts "
                    "host and other orgs' endpoints deliver; the customer is moving its domains to another DNS "
                    "provider (customer_endpoint). An egress-pool deploy fifteen minutes before, a fixed retry "
                    "bug and a Jira test-button bug are bystanders among 16 deploys.",
                    now, CO, [a, b, c], start, 42001, streams, [], t,
                    {42001: truth("webhook-failures", "customer_endpoint", [f"endpoint:{main}"],
                                  [f"github:deployment:{egress}", "linear:issue:GW-8190", "jira:issue:WH-412",
                                   f"endpoint:{alerts}"], ["DNS"])},
                    github=gh, webhooks=wh, configs=cfg, linear=[retry], jira=jira, docs=[DOC_WEBHOOKS])


ALL = [api_errors_eval_run_over_org_limit_en, api_errors_busy_morning_no_fault_en, api_errors_sdk_parallel_tools_en,
       provider_routing_haiku_incident_pt, latency_config_moved_to_o3_de, fallback_status_matcher_deploy_fr,
       billing_output_meter_double_count_it, billing_utc_day_bogota_es, metadata_messages_route_known_bug_ja,
       webhook_dns_after_migration_es]

if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, FOLDER), exist_ok=True)
    write_all(ALL)
