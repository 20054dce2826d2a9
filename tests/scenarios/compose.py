#!/usr/bin/env python3
"""Building blocks for writing `casefile-scenario/1` files in a few lines each: vendor objects
in their own API shapes (GitHub deployments with their commits, Statuspage incidents, Linear
issues, Stripe customers, PagerDuty incidents), request streams and routing configs.

The scenarios themselves are written in scenarios_*.py next to this file; running one of those
rewrites its JSON files. Every scenario's truth is written from the data it declares (the
anomalies, configs, billing faults and incidents), never from what the engine answers.
"""
import datetime
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def at(day, hhmm):
    """`day` is 'YYYY-MM-DD', `hhmm` 'HH:MM' (UTC)."""
    return f"{day}T{hhmm}:00Z"


def shift(ts, minutes):
    t = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(minutes=minutes)
    return iso(t)


def unix(ts):
    t = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp())


def hexid(seed, n=12):
    return hashlib.sha1(seed.encode()).hexdigest()[:n]


def alnum(seed, n=12):
    h = hashlib.sha1(seed.encode()).hexdigest()
    alphabet = "abcdefghjkmnpqrstuvwxyz0123456789"
    return "".join(alphabet[int(h[i:i + 2], 16) % len(alphabet)] for i in range(0, 2 * n, 2))


def org(oid, name, domain, plan="scale", cus=None):
    return {"id": oid, "name": name, "domain": domain,
            "stripe_customer": cus or ("cus_" + hexid(oid, 10)), "plan": plan}


def customer(o, email_user="billing", with_org_id=True, metadata_key="org_id"):
    c = {"id": o["stripe_customer"], "object": "customer", "email": f"{email_user}@{o['domain']}",
         "name": o["name"], "created": 1735689600, "currency": "usd", "delinquent": False,
         "livemode": False, "metadata": {metadata_key: o["id"]} if with_org_id else {}}
    return c


def stream(org_id, route="/v1/chat/completions", provider="openai", model="gpt-4o", per_minute=10,
           p50=800, p95=2000, gateway_ms=9, error_rate=0.002, prompt=1200, completion=250, cached=0.0,
           config_id="", key=None, sdk="portkey-python/1.9.2", metadata=None):
    return {"org": org_id, "route": route, "provider": provider, "model": model, "per_minute": per_minute,
            "latency_ms": {"p50": p50, "p95": p95}, "gateway_ms": gateway_ms, "error_rate": error_rate,
            "tokens": {"prompt": prompt, "completion": completion, "cached_share": cached},
            "config_id": config_id, "api_key_id": key or ("vk-" + org_id[4:] + "-1"), "sdk": sdk,
            "metadata": metadata if metadata is not None else {}}


def errors(start, end, match, rate, status, code, fallback_to=None):
    return {"kind": "errors", "from": start, "to": end, "match": match, "rate": rate, "status": status,
            "error_code": code, "fallback_to": fallback_to}


def timeouts(start, end, match, rate, after_ms, fallback_to=None):
    return {"kind": "timeouts", "from": start, "to": end, "match": match, "rate": rate, "after_ms": after_ms,
            "fallback_to": fallback_to}


def latency(start, end, match, factor, component="provider"):
    return {"kind": "latency", "from": start, "to": end, "match": match, "component": component,
            "factor": factor}


def rate_limited(start, end, match, rate):
    return {"kind": "rate_limited", "from": start, "to": end, "match": match, "rate": rate}


def volume(start, end, match, factor):
    return {"kind": "volume", "from": start, "to": end, "match": match, "factor": factor}


def metadata_dropped(start, end, match):
    return {"kind": "metadata_dropped", "from": start, "to": end, "match": match}


def target(vk, model, timeout=None, codes=None, attempts=None):
    t = {"virtual_key": vk, "override_params": {"model": model}}
    if timeout is not None:
        t["request_timeout"] = timeout
    if codes is not None:
        t["retry"] = {"attempts": attempts or 2, "on_status_codes": codes}
    return t


def config(cid, org_id, name, targets, mode="single", updated="2026-09-01T09:00:00Z"):
    return {"id": cid, "org": org_id, "name": name, "created_at": "2025-06-02T09:00:00Z",
            "last_updated_at": updated, "config": {"strategy": {"mode": mode}, "targets": targets}}


class Github:
    def __init__(self, repo):
        self.repo = repo
        self.deployments, self.commits, self.pulls, self.releases = [], [], [], []

    def deploy(self, did, when, title, files, author="sam", message=None, state="success"):
        sha = hexid(f"{self.repo}:{did}", 7)
        self.deployments.append({
            "id": did, "sha": sha, "ref": "main", "task": "deploy", "environment": "production",
            "description": f"Deploy #{did}: {title}", "creator": {"login": author}, "created_at": when,
            "updated_at": shift(when, 2),
            "statuses": [{"state": "in_progress", "created_at": when}, {"state": state, "created_at": shift(when, 2)}]})
        self.commits.append({
            "sha": sha,
            "commit": {"message": message or title,
                       "author": {"name": author.title(), "email": f"{author}@users.noreply.github.com",
                                  "date": shift(when, -30)},
                       "committer": {"name": author.title(), "email": f"{author}@users.noreply.github.com",
                                     "date": shift(when, -30)}},
            "files": [{"filename": f, "status": "modified", "additions": 10 + 3 * i, "deletions": 2 + i}
                      for i, f in enumerate(files)]})
        return did

    def routine(self, first_id, start, end, count, author="lee"):
        """`count` ordinary deploys spread over [start, end) that touch unrelated areas."""
        areas = [("dashboard: usage chart legend", ["ui/dashboard/usage-chart.tsx"]),
                 ("docs: typo fixes", ["docs/site/quickstart.md"]),
                 ("billing page: currency formatting", ["ui/billing/amount.tsx"]),
                 ("admin: audit log filters", ["ui/admin/audit-log.tsx"]),
                 ("playground: keyboard shortcuts", ["ui/playground/shortcuts.ts"]),
                 ("deps: bump eslint", ["package.json", "package-lock.json"]),
                 ("emails: weekly digest copy", ["src/emails/digest.mjml"]),
                 ("ci: cache node modules", [".github/workflows/ci.yml"]),
                 ("dashboard: team invitations", ["ui/settings/invite.tsx"]),
                 ("prompts library: folder sorting", ["ui/prompts/folders.tsx"]),
                 ("analytics export: csv header order", ["src/export/csv.ts"]),
                 ("sso: clearer SAML error page", ["ui/auth/saml-error.tsx"])]
        t0 = datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
        t1 = datetime.datetime.strptime(end, "%Y-%m-%dT%H:%M:%SZ")
        step = (t1 - t0) / count
        ids = []
        for i in range(count):
            title, files = areas[(i + first_id) % len(areas)]
            when = iso(t0 + step * i + datetime.timedelta(minutes=7))
            ids.append(self.deploy(first_id + i, when, title, files, author=author))
        return ids

    def release(self, rid, tag, name, body, when):
        self.releases.append({"id": rid, "tag_name": tag, "target_commitish": "main", "name": name, "body": body,
                              "draft": False, "prerelease": False, "created_at": when, "published_at": when,
                              "author": {"login": "ola"},
                              "html_url": f"https://github.com/{self.repo}/releases/tag/{tag}"})

    def json(self):
        return {"deployments": self.deployments, "commits": self.commits, "pulls": self.pulls,
                "releases": self.releases}


PAGES = {
    "openai": ("01JMXBRMFE6N2NNT7DG6XZQ6PW", "OpenAI", "https://status.openai.com",
               ["API", "ChatGPT", "Sora", "Realtime API"]),
    "anthropic": ("tymt9n04zgry", "Anthropic", "https://status.anthropic.com",
                  ["Claude API", "claude.ai", "Claude Code"]),
}


class Statuspage:
    def __init__(self, now):
        self.now = now
        self.pages = {}

    def _page(self, name):
        if name not in self.pages:
            pid, title, url, comps = PAGES[name]
            self.pages[name] = {
                "page": {"id": pid, "name": title, "url": url, "time_zone": "Etc/UTC", "updated_at": self.now},
                "components": [{"id": alnum(pid + c, 12), "name": c, "status": "operational",
                                "created_at": "2024-01-01T00:00:00Z", "updated_at": "2026-10-01T00:00:00Z",
                                "position": i + 1, "description": None, "showcase": True, "group_id": None,
                                "group": False, "only_show_if_degraded": False} for i, c in enumerate(comps)],
                "incidents": []}
        return self.pages[name]

    def incident(self, page, iid, name, start, end, body, component=None, impact="major"):
        p = self._page(page)
        comp = component or PAGES[page][3][0]
        cid = alnum(PAGES[page][0] + comp, 12)
        resolved = end is not None and end <= self.now
        updates = [{"id": iid[:8] + "u1", "incident_id": iid, "status": "investigating", "body": body,
                    "created_at": shift(start, 6), "updated_at": shift(start, 6), "display_at": shift(start, 6),
                    "affected_components": None}]
        if resolved:
            updates.insert(0, {"id": iid[:8] + "u2", "incident_id": iid, "status": "resolved",
                               "body": "This incident has been resolved.", "created_at": shift(end, 8),
                               "updated_at": shift(end, 8), "display_at": shift(end, 8),
                               "affected_components": None})
        p["incidents"].append({
            "id": iid, "name": name, "status": "resolved" if resolved else "investigating", "impact": impact,
            "created_at": shift(start, 6), "updated_at": shift(end, 8) if resolved else shift(start, 6),
            "started_at": start, "monitoring_at": None, "resolved_at": shift(end, 8) if resolved else None,
            "shortlink": "https://stspg.io/" + iid[:8], "page_id": PAGES[page][0], "incident_updates": updates,
            "components": [{"id": cid, "name": comp, "status": "operational" if resolved else "degraded_performance"}]})
        return f"statuspage:{page}:incident:{iid}"

    def json(self):
        for name in ("openai", "anthropic"):
            self._page(name)
        return self.pages


def linear_issue(ident, title, description, created, state="In Progress", labels=("bug",), team="relay",
                 completed=None):
    stype = {"In Progress": "started", "Todo": "unstarted", "Done": "completed", "Backlog": "backlog"}[state]
    return {"identifier": ident, "title": title, "description": description,
            "url": f"https://linear.app/{team}/issue/{ident}", "priority": 2,
            "state": {"name": state, "type": stype}, "labels": {"nodes": [{"name": l} for l in labels]},
            "createdAt": created, "updatedAt": shift(created, 600), "completedAt": completed}


def pd_incident(iid, number, title, created, resolved, service):
    return {"id": iid, "type": "incident", "summary": f"[#{number}] {title}", "incident_number": number,
            "title": title, "created_at": created, "updated_at": resolved or created,
            "status": "resolved" if resolved else "triggered", "resolved_at": resolved, "urgency": "high",
            "html_url": f"https://oncall.pagerduty.com/incidents/{iid}",
            "self": f"https://api.pagerduty.com/incidents/{iid}",
            "service": {"id": "P" + iid[1:6], "type": "service_reference", "summary": service}}


def ticket(tid, o, subject, body, created, person, tags=(), priority="normal"):
    first = person.split()[0].lower()
    return {"id": tid, "subject": subject, "description": body, "status": "open", "priority": priority,
            "requester": {"name": person, "email": f"{first}@{o['domain']}"}, "organization": o["id"],
            "tags": list(tags), "created_at": created}


def truth(playbook, category, required=(), forbidden=(), mention=(), secondary=None):
    t = {"playbook": playbook, "category": category, "refs_required": list(required),
         "refs_forbidden": list(forbidden), "must_mention": list(mention)}
    if secondary:
        t["secondary_causes"] = secondary
    return t


def secondary(category, required):
    return {"category": category, "refs_required": list(required)}


BILLING_NONE = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
                "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "invoices": [], "faults": []}


def scenario(folder, name, description, now, company, orgs, traffic_from, seed, streams, anomalies, tickets,
             truths, github=None, linear=(), jira=(), statuspage=None, pagerduty=(), docs=(), configs=(),
             webhooks=None, billing=None, stripe_customers=None, questions=(), answers=None):
    s = {
        "format": "casefile-scenario/1", "name": name, "description": description, "now": now,
        "company": company, "orgs": orgs,
        "traffic": {"seed": seed, "from": traffic_from, "to": now, "streams": streams, "anomalies": anomalies},
        "webhooks": webhooks or {"streams": [], "anomalies": []},
        "billing": billing or dict(BILLING_NONE),
        "github": (github or Github(company["github_repo"])).json(),
        "linear": {"issues": list(linear)},
        "jira": {"issues": list(jira)},
        "stripe": {"customers": stripe_customers if stripe_customers is not None else [customer(o) for o in orgs],
                   "subscriptions": [], "invoices": [], "prices": []},
        "statuspage": (statuspage or Statuspage(now)).json(),
        "pagerduty": {"incidents": list(pagerduty)},
        "docs": list(docs),
        "gateway_configs": list(configs),
        "tickets": list(tickets) + list(questions),
        "truth": {str(k): v for k, v in truths.items()},
    }
    if answers:
        # optional: the doc page each plain question's reply must quote and cite
        s["answers"] = {str(k): {"docs": list(v)} for k, v in answers.items()}
    path = os.path.join(HERE, folder, name + ".json") if folder else os.path.join(HERE, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return path


def write_all(builders):
    """Writes every scenario of a module (its ALL) and prints each file's path."""
    for build in builders:
        print(build())


def github(company, first_id, start, end, count):
    """The company's repository with `count` routine deploys (ids from `first_id`) between `start` and `end`."""
    gh = Github(company["github_repo"])
    gh.routine(first_id, start, end, count)
    return gh


def one_target(cid, o, name, vk, model, timeout):
    """A single-mode config of org `o` with one target."""
    return config(cid, o["id"], name, [target(vk, model, timeout)])


def doc(path, title, body):
    return {"path": path, "title": title, "body": body}


# Plain questions, sprinkled over the scenarios (no truth entry).
def question(tid, o, created, subject, body, person="Robin Hale"):
    return ticket(tid, o, subject, body, created, person, priority="low")


DOC_FALLBACKS = doc("docs/routing/fallbacks.md", "Fallbacks",
                    "# Fallbacks\n\nA config with `strategy.mode = fallback` tries its targets in order. A target "
                    "fails over when it answers a status listed in `retry.on_status_codes`, or when it exceeds "
                    "its `request_timeout` (milliseconds), which counts as status 408.\n\nWithout "
                    "`request_timeout` the gateway waits for the provider's own limit (60 s for OpenAI, 600 s "
                    "for Anthropic): a slow answer is not a failure and nothing fails over. Anthropic answers "
                    "529 when it is overloaded; list it in `on_status_codes` to fail over on it.\n")
DOC_CACHING = doc("docs/billing/prompt-caching.md", "Prompt caching and your invoice",
                  "# Prompt caching and your invoice\n\nInput tokens the provider serves from its prompt cache "
                  "(`cached_tokens` in the request logs) are invoiced at 10% of the input price. The usage page "
                  "shows raw token counts, so a workload with a high cache share sees an invoice below the sum "
                  "of prompt and completion tokens. This is expected.\n")
DOC_INVOICES = doc("docs/billing/invoices.md", "Invoices",
                   "# Invoices\n\nUsage is invoiced per UTC day. The metered quantity is the day's "
                   "`prompt_tokens - cached_tokens + completion_tokens` and should equal the request logs' "
                   "totals for the same UTC day. Cached input tokens are not billed.\n")
DOC_RATE_LIMITS = doc("docs/limits/rate-limits.md", "Rate limits",
                      "# Rate limits\n\nEach plan has a tokens-per-minute budget per organisation (growth 100k, "
                      "scale 150k, enterprise by contract). Requests beyond it are answered 429 with "
                      "`error_code: rate_limited` and a `retry-after` header. Batch jobs should be spread out "
                      "or sent through the batch API.\n")
DOC_METADATA = doc("docs/observability/metadata.md", "Custom metadata",
                   "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                   "the SDK's `metadata` option; it is stored with the request log and forwarded to the "
                   "provider. Keys are case sensitive, values at most 128 characters.\n")
DOC_WEBHOOKS = doc("docs/webhooks/delivery.md", "Webhook delivery",
                   "# Webhook delivery\n\nEvents are POSTed to your endpoint with an `x-relay-signature` "
                   "HMAC header. A delivery fails when your endpoint does not answer 2xx within 10 s, refuses "
                   "the connection, or presents a certificate that does not validate; failed deliveries are "
                   "retried five times with backoff.\n")
DOC_MODELS = doc("docs/providers/model-retirements.md", "Model retirements",
                 "# Model retirements\n\n| model | retired | replacement |\n|---|---|---|\n"
                 "| claude-3-5-sonnet-20241022 | 2026-11-19 17:00 UTC | claude-sonnet-4-6 |\n"
                 "| gpt-4-0613 | 2026-11-25 00:00 UTC | gpt-4o |\n"
                 "| claude-3-opus-20240229 | 2026-01-05 17:00 UTC | claude-opus-4-1 |\n\nAfter retirement the "
                 "provider answers 404 and the gateway returns `error_code: model_not_found`. Update "
                 "`override_params.model` in your config.\n")
