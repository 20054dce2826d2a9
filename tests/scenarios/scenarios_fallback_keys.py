#!/usr/bin/env python3
"""A library scenario where a fallback catches nothing because its target's virtual key is
refused (revoked: 401 invalid_api_key) while the primary provider has an incident. The company's
deploy history, status pages and Stripe shape come from the budget scenario of the same pattern
(fallback-sonnet-outage-and-fallback-key-budget-french, shifted to May); the orgs, traffic,
configs, incidents, docs and ticket are this file's own. Run it to rewrite the JSON file; the
truth is read from the data declared here, never from a run."""
import copy
import datetime as dt
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
src = json.load(open(os.path.join(HERE, 'fallback-sonnet-outage-and-fallback-key-budget-french.json')))
OFF = dt.datetime(2030,5,7,20,30) - dt.datetime(2030,3,19,17,30)
iso = re.compile(r'^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z$')
def shift(v):
    if isinstance(v, dict): return {k: shift(x) for k, x in v.items()}
    if isinstance(v, list): return [shift(x) for x in v]
    if isinstance(v, str):
        m = iso.match(v)
        if m:
            t = dt.datetime.strptime(m.group(1), '%Y-%m-%dT%H:%M:%S') + OFF
            return t.strftime('%Y-%m-%dT%H:%M:%SZ')
        return v.replace('#356', '#362')
    return v
gh = shift(copy.deepcopy(src['github']))
for d in gh['deployments']:
    d['id'] = d['id'] + 600
    if 'budgets' in d['description']:
        d['description'] = d['description'].replace('budgets: show remaining budget per virtual key', "virtual keys: show each key's status in settings")
for c in gh['commits']:
    if 'budget' in c['commit']['message']:
        c['commit']['message'] = "virtual keys: show each key's status in settings"
        for f in c.get('files', []):
            f['filename'] = f['filename'].replace('budget', 'key-status')
def stream(org, provider, model, pm, p50, p95, config, key, sdk):
    return {"org": org, "route": "/v1/chat/completions", "provider": provider, "model": model, "per_minute": pm,
            "latency_ms": {"p50": p50, "p95": p95}, "gateway_ms": 9, "error_rate": 0.002,
            "tokens": {"prompt": 1100, "completion": 300, "cached_share": 0.0},
            "config_id": config, "api_key_id": key, "sdk": sdk, "metadata": {}}
traffic = {"seed": 36201, "from": "2030-05-06T15:00:00Z", "to": "2030-05-07T20:30:00Z",
  "streams": [
    stream("org_kestrel", "openai", "gpt-4o", 10, 1800, 4200, "pc-kestrel-dispatch", "vk-kestrel-dispatch", "portkey-node/2.9.0"),
    stream("org_kestrel", "openai", "gpt-4o-mini", 7, 700, 1600, "pc-kestrel-tracking", "vk-kestrel-tracking", "portkey-node/2.9.0"),
    stream("org_kestrel", "anthropic", "claude-sonnet-4-5", 4, 2300, 5400, "pc-kestrel-quotes", "vk-kestrel-quotes", "portkey-python/1.22.0"),
    stream("org_plover", "openai", "gpt-4o", 8, 1800, 4200, "pc-plover-notes", "vk-plover-1", "portkey-python/1.22.0"),
    stream("org_wren", "openai", "gpt-4o-mini", 5, 700, 1600, "pc-wren-app", "vk-wren-1", "portkey-python/1.9.2")],
  "anomalies": [
    {"kind": "errors", "from": "2030-05-07T17:10:00Z", "to": "2030-05-07T18:05:00Z", "match": {"config_id": "pc-kestrel-dispatch"},
     "rate": 0.45, "status": 503, "error_code": "provider_unavailable", "fallback_to": None},
    {"kind": "errors", "from": "2030-05-07T17:10:00Z", "to": "2030-05-07T18:05:00Z", "match": {"config_id": "pc-plover-notes"},
     "rate": 0.45, "status": 503, "error_code": "provider_unavailable", "fallback_to": {"provider": "anthropic", "model": "claude-sonnet-4-5"}},
    {"kind": "errors", "from": "2030-05-07T08:15:00Z", "to": None, "match": {"config_id": "pc-kestrel-quotes"},
     "rate": 1.0, "status": 401, "error_code": "invalid_api_key", "fallback_to": None}]}
def cfg(id, org, name, mode, targets, updated="2026-09-01T09:00:00Z"):
    return {"id": id, "org": org, "name": name, "created_at": "2025-06-02T09:00:00Z", "last_updated_at": updated,
            "config": {"strategy": {"mode": mode}, "targets": targets}}
retry = {"attempts": 2, "on_status_codes": [429, 500, 502, 503, 504]}
configs = [
  cfg("pc-kestrel-dispatch", "org_kestrel", "dispatch", "fallback", [
      {"virtual_key": "vk-kestrel-openai", "override_params": {"model": "gpt-4o"}, "request_timeout": 30000, "retry": retry},
      {"virtual_key": "vk-kestrel-anthropic", "override_params": {"model": "claude-sonnet-4-5"}, "request_timeout": 30000}],
      "2030-02-11T15:00:00Z"),
  cfg("pc-kestrel-quotes", "org_kestrel", "quotes", "single", [
      {"virtual_key": "vk-kestrel-anthropic", "override_params": {"model": "claude-sonnet-4-5"}, "request_timeout": 45000}]),
  cfg("pc-kestrel-tracking", "org_kestrel", "tracking", "single", [
      {"virtual_key": "vk-kestrel-openai", "override_params": {"model": "gpt-4o-mini"}, "request_timeout": 15000}]),
  cfg("pc-plover-notes", "org_plover", "notes", "fallback", [
      {"virtual_key": "vk-plover-openai", "override_params": {"model": "gpt-4o"}, "request_timeout": 30000, "retry": retry},
      {"virtual_key": "vk-plover-anthropic", "override_params": {"model": "claude-sonnet-4-5"}, "request_timeout": 30000}]),
  cfg("pc-wren-app", "org_wren", "app", "single", [
      {"virtual_key": "vk-wren-openai", "override_params": {"model": "gpt-4o-mini"}, "request_timeout": 20000}])]
sp = shift(copy.deepcopy(src['statuspage']))
sp['anthropic']['incidents'] = []
def incident(id, name, impact, start, created, resolved, comp, body):
    return {"id": id, "name": name, "status": "resolved", "impact": impact, "created_at": created, "updated_at": resolved,
            "started_at": start, "monitoring_at": None, "resolved_at": resolved, "shortlink": "https://stspg.io/" + id[:8],
            "page_id": sp['openai']['page']['id'],
            "incident_updates": [
               {"id": id[:8] + "u2", "incident_id": id, "status": "resolved", "body": "This incident has been resolved.",
                "created_at": resolved, "updated_at": resolved, "display_at": resolved, "affected_components": None},
               {"id": id[:8] + "u1", "incident_id": id, "status": "investigating", "body": body,
                "created_at": created, "updated_at": created, "display_at": created, "affected_components": None}],
            "components": [comp]}
api = {"id": "w5yhk1wpz628", "name": "API", "status": "operational"}
sora = {"id": "3hab2k8js2tm", "name": "Sora", "status": "operational"}
sp['openai']['incidents'] = [
  incident("q7w3e9r5t1y4", "Elevated error rates on GPT-4o", "major", "2030-05-07T17:05:00Z", "2030-05-07T17:14:00Z",
           "2030-05-07T18:10:00Z", api, "A share of requests to GPT-4o return 503. We are investigating."),
  incident("m2n8b4v6c0x3", "Slow video generation in Sora", "minor", "2030-05-07T11:00:00Z", "2030-05-07T11:06:00Z",
           "2030-05-07T11:40:00Z", sora, "Sora video generations take longer than usual.")]
docs = [
  {"path": "docs/routing/fallbacks.md", "title": "Fallbacks",
   "body": "# Fallbacks\n\nA config with `strategy.mode = fallback` sends each request to its first target and, when that target answers a status listed in its `retry.on_status_codes` or runs past its `request_timeout`, tries the next target in order. The request is answered by the first target that succeeds; if every target fails, the last failure is returned.\n"},
  {"path": "docs/keys/virtual-keys.md", "title": "Virtual keys",
   "body": "# Virtual keys\n\nA virtual key stores a provider credential. When the key is revoked, or the provider credential behind it is rotated out without updating the key, every request routed through it is answered 401 with `error_code: invalid_api_key`. That includes fallback attempts: a fallback target on such a key cannot answer anything, so requests that fail over to it fail too. Update the credential in Settings \u2192 Virtual keys.\n"}]
orgs = [{"id": "org_kestrel", "name": "Kestrel Freight", "domain": "kestrel-freight.com", "stripe_customer": "cus_4e1f0a9b22", "plan": "scale"},
        {"id": "org_plover", "name": "Plover Health", "domain": "ploverhealth.io", "stripe_customer": "cus_7b2c81d0aa", "plan": "enterprise"},
        {"id": "org_wren", "name": "Wren Labs", "domain": "wrenlabs.dev", "stripe_customer": "cus_0c93f5e1d4", "plan": "growth"}]
stripe = copy.deepcopy(src['stripe'])
stripe['customers'] = []
for o in orgs:
    c = copy.deepcopy(src['stripe']['customers'][0])
    c.update({"id": o['stripe_customer'], "email": "billing@" + o['domain'], "name": o['name'], "metadata": {"org_id": o['id']}})
    stripe['customers'].append(c)
ticket = {"id": 36201, "subject": "Claude fallback did nothing during the OpenAI outage",
  "description": "Hi,\n\nBetween roughly 1:10 and 2pm Eastern today our dispatch assistant kept throwing 503s from OpenAI - we saw the incident on their status page. The whole point of pc-kestrel-dispatch is that it falls back to Claude when GPT-4o is down, and 503 is in the retry list. As far as we can tell not a single request went to Claude. Did something change in how fallbacks work on your side? Our drivers were stuck for the best part of an hour.\n\nThanks,\nDana Whitfield\nEngineering, Kestrel Freight",
  "status": "open", "priority": "high", "requester": {"name": "Dana Whitfield", "email": "dana@kestrel-freight.com"},
  "organization": "org_kestrel", "tags": [], "created_at": "2030-05-07T19:40:00Z"}
truth = {"36201": {"playbook": "fallback", "category": "provider_outage",
  "refs_required": ["statuspage:openai:incident:q7w3e9r5t1y4", "model:gpt-4o"],
  "refs_forbidden": ["github:deployment:36240", "statuspage:openai:incident:m2n8b4v6c0x3", "config:pc-kestrel-tracking"],
  "must_mention": ["503", "401"],
  "secondary_causes": [{"category": "customer_config", "refs_required": ["config:pc-kestrel-dispatch", "docs:docs/keys/virtual-keys.md"]}]}}
out = {"format": src['format'], "name": "fallback-gpt4o-incident-fallback-key-revoked-english",
  "description": "English ticket (New York, EDT) asking why the Claude fallback caught nothing during OpenAI's incident, two causes: 17:10-18:05 UTC gpt-4o answers 503 to 45% of requests (primary, provider_outage; another org's fallback serves them), and pc-kestrel-dispatch's fallback target is a virtual key revoked at 08:15 (the org's quotes config on it is refused 401 invalid_api_key all day), so nothing fails over (secondary, customer_config). A key-status deploy two hours before, a Sora incident and the org's tracking config are bystanders among 18 routine deploys; the customer suspects a change on our side.",
  "now": "2030-05-07T20:30:00Z", "company": src['company'], "orgs": orgs, "traffic": traffic,
  "webhooks": src['webhooks'], "billing": src['billing'], "github": gh, "linear": src['linear'], "jira": src['jira'],
  "stripe": stripe, "statuspage": sp, "pagerduty": src['pagerduty'], "docs": docs, "gateway_configs": configs,
  "tickets": [ticket], "truth": truth}
assert list(out.keys()) == list(src.keys()), (list(out.keys()), list(src.keys()))
with open(os.path.join(HERE, out['name'] + '.json'), 'w') as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write('\n')
