#!/usr/bin/env python3
"""Checks the scenario library against scenario-format.md and the refs vocabulary of
investigation-result.md: keys, times, ids that must agree, anomaly matches that hit a
stream, and truth refs that name objects present in the scenario.

Usage: check_scenarios.py [FILE...]   (default: every *.json next to this script)
Exit status 0 when every file passes, 1 otherwise.
"""
import datetime
import glob
import json
import os
import re
import sys

TOP_KEYS = ["format", "name", "description", "now", "company", "orgs", "traffic", "webhooks", "billing", "github",
            "linear", "jira", "stripe", "statuspage", "pagerduty", "docs", "gateway_configs", "tickets", "truth",
            "answers"]
REQUIRED_TOP = ["format", "name", "description", "now", "company", "orgs", "traffic", "tickets", "truth"]
STREAM_KEYS = {"org", "route", "provider", "model", "per_minute", "latency_ms", "gateway_ms", "error_rate", "tokens",
               "config_id", "api_key_id", "sdk", "metadata"}
MATCH_KEYS = {"org", "route", "provider", "model", "sdk", "config_id", "api_key_id"}
WEBHOOK_MATCH_KEYS = {"org", "endpoint", "event"}
ANOMALY_FIELDS = {
    "latency": {"factor"},
    "errors": {"rate", "status", "error_code"},
    "timeouts": {"rate", "after_ms"},
    "metadata_dropped": set(),
    "rate_limited": {"rate"},
    "volume": {"factor"},
}
WEBHOOK_ERRORS = {"", "timeout", "connection_refused", "tls_error", "dns_error", "signature_rejected"}
PLAYBOOKS = {"api-errors", "latency-spike", "webhook-failures", "provider-routing", "fallback", "token-billing", "metadata"}
CATEGORIES = {"deploy_regression", "provider_outage", "customer_config", "known_bug", "billing_pipeline",
              "expected_behavior", "customer_endpoint", "rate_limited", "sdk_version", "no_fault_found"}
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$")
MAX_PER_MINUTE = 80
MAX_SPAN_HOURS = 30


def parse(ts):
    return datetime.datetime.strptime(ts[:19], "%Y-%m-%dT%H:%M:%S")


def in_domain(email, domain):
    """An address of the org's domain or of one of its sub-domains (billing@finance.acme.com)."""
    host, domain = email.lower().rpartition("@")[2], domain.lower()
    return bool(domain) and (host == domain or host.endswith("." + domain))


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{os.path.basename(self.path)}: {where}: {msg}")

    def time(self, where, value, nullable=False):
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not ISO_UTC.match(value):
            self.err(where, f"not an ISO-8601 UTC time: {value!r}")
            return None
        return parse(value)

    def walk_times(self, node, where):
        # every *_at / createdAt-style string in vendor objects must be ISO-8601 UTC
        if isinstance(node, dict):
            for k, v in node.items():
                w = f"{where}.{k}"
                if isinstance(v, str) and (k.endswith("_at") or k in ("createdAt", "updatedAt", "completedAt", "date")):
                    self.time(w, v)
                else:
                    self.walk_times(v, w)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.walk_times(v, f"{where}[{i}]")

    def run(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                s = json.load(f)
        except (OSError, ValueError) as e:
            self.err("$", f"not valid JSON: {e}")
            return None
        if not isinstance(s, dict):
            self.err("$", "not an object")
            return None
        for k in s:
            if k not in TOP_KEYS:
                self.err("$", f"unknown top-level key {k!r}")
        for k in REQUIRED_TOP:
            if k not in s:
                self.err("$", f"missing key {k!r}")
        if self.errors:
            return None
        if s["format"] != "casefile-scenario/1":
            self.err("$.format", "must be casefile-scenario/1")
        if s["name"] != os.path.splitext(os.path.basename(self.path))[0]:
            self.err("$.name", "must equal the file name without .json")
        now = self.time("$.now", s["now"])

        orgs = {o["id"]: o for o in s["orgs"]}
        if len(orgs) != len(s["orgs"]):
            self.err("$.orgs", "duplicate org id")
        if not 2 <= len(orgs) <= 3:
            self.err("$.orgs", f"{len(orgs)} orgs; the library uses 2-3")

        configs = {c["id"]: c for c in s.get("gateway_configs", [])}
        for i, c in enumerate(s.get("gateway_configs", [])):
            if c.get("org") not in orgs:
                self.err(f"$.gateway_configs[{i}]", f"unknown org {c.get('org')!r}")
            if not isinstance(c.get("config"), dict) or "targets" not in c["config"]:
                self.err(f"$.gateway_configs[{i}]", "config.targets missing")

        # traffic
        tr = s["traffic"]
        t_from = self.time("$.traffic.from", tr.get("from"))
        t_to = self.time("$.traffic.to", tr.get("to"))
        if t_from and t_to:
            span = (t_to - t_from).total_seconds() / 3600
            if span <= 0 or span > MAX_SPAN_HOURS:
                self.err("$.traffic", f"span {span:.1f} h (must be 0-{MAX_SPAN_HOURS} h)")
            if now and t_to > now:
                self.err("$.traffic.to", "after now")
        if not isinstance(tr.get("seed"), int):
            self.err("$.traffic.seed", "must be an integer")
        streams = tr.get("streams", [])
        total = 0
        for i, st in enumerate(streams):
            w = f"$.traffic.streams[{i}]"
            missing = STREAM_KEYS - st.keys()
            if missing:
                self.err(w, f"missing {sorted(missing)}")
                continue
            if st["org"] not in orgs:
                self.err(w, f"unknown org {st['org']!r}")
            if st["config_id"] and st["config_id"] not in configs:
                self.err(w, f"config_id {st['config_id']!r} not in gateway_configs")
            if st["config_id"] and configs.get(st["config_id"], {}).get("org") not in (None, st["org"]):
                self.err(w, f"config {st['config_id']!r} belongs to another org")
            lat = st["latency_ms"]
            if lat["p95"] < lat["p50"]:
                self.err(w, "latency p95 < p50")
            sm = st.get("streaming")
            if sm is not None and (set(sm) - {"first_token_share"} or
                                   not 0 < sm.get("first_token_share", 0.3) <= 1):
                self.err(w + ".streaming", "only first_token_share, a share in (0, 1]")
            cyc = st.get("daily_cycle")
            if cyc is not None:
                if set(cyc) - {"from_hour", "to_hour", "night", "latency"}:
                    self.err(w + ".daily_cycle", f"unknown keys {sorted(set(cyc) - {'from_hour', 'to_hour', 'night', 'latency'})}")
                if not 1 <= cyc.get("from_hour", 8) < cyc.get("to_hour", 18) <= 23:
                    self.err(w + ".daily_cycle", "needs 1 <= from_hour < to_hour <= 23")
                if not 0 <= cyc.get("night", 0.3) <= 1:
                    self.err(w + ".daily_cycle.night", "must be a share in [0, 1]")
            if not 0 <= st["error_rate"] < 0.05:
                self.err(w, "error_rate outside the noise range [0, 0.05)")
            if not 0 <= st["tokens"]["cached_share"] <= 1:
                self.err(w, "cached_share outside [0, 1]")
            total += st["per_minute"]
        if total > MAX_PER_MINUTE:
            self.err("$.traffic.streams", f"total per_minute {total} > {MAX_PER_MINUTE}")

        def hits(match, pool, keys):
            return [p for p in pool if all(p.get(k) == v for k, v in match.items() if k in keys)]

        for i, an in enumerate(tr.get("anomalies", [])):
            w = f"$.traffic.anomalies[{i}]"
            kind = an.get("kind")
            if kind not in ANOMALY_FIELDS:
                self.err(w, f"unknown kind {kind!r}")
                continue
            for f in ANOMALY_FIELDS[kind]:
                if f not in an:
                    self.err(w, f"missing {f!r}")
            a_from = self.time(w + ".from", an.get("from"))
            a_to = self.time(w + ".to", an.get("to"), nullable=True)
            if a_from and t_from and t_to and not (t_from <= a_from < t_to):
                self.err(w, "from outside the traffic span")
            if a_from and a_to and a_to <= a_from:
                self.err(w, "to <= from")
            match = an.get("match", {})
            bad = set(match) - MATCH_KEYS
            if bad:
                self.err(w, f"unknown match keys {sorted(bad)}")
            if not hits(match, streams, MATCH_KEYS):
                self.err(w, f"match {match} hits no stream")
            if kind == "latency" and an.get("component", "provider") not in ("provider", "gateway", "generation"):
                self.err(w, "component must be provider, gateway or generation")
            if "rate" in an and not 0 < an["rate"] <= 1:
                self.err(w, "rate outside (0, 1]")
            if kind in ("errors", "rate_limited") and an.get("rate", 0) < 0.15:
                self.err(w, "rate too small to stand out of the noise")
            fb = an.get("fallback_to")
            if fb is not None and not (isinstance(fb, dict) and fb.get("provider") and fb.get("model")):
                self.err(w, "fallback_to must be null or {provider, model}")

        # webhooks
        wh = s.get("webhooks", {"streams": [], "anomalies": []})
        endpoints = set()
        for i, st in enumerate(wh.get("streams", [])):
            w = f"$.webhooks.streams[{i}]"
            if st.get("org") not in orgs:
                self.err(w, f"unknown org {st.get('org')!r}")
            if not str(st.get("endpoint", "")).startswith("https://"):
                self.err(w, "endpoint must be an https URL")
            endpoints.add(st.get("endpoint"))
        wh_pool = [dict(org=st["org"], endpoint=st["endpoint"]) for st in wh.get("streams", [])]
        for i, an in enumerate(wh.get("anomalies", [])):
            w = f"$.webhooks.anomalies[{i}]"
            if an.get("kind") != "failures":
                self.err(w, "kind must be failures")
            self.time(w + ".from", an.get("from"))
            self.time(w + ".to", an.get("to"), nullable=True)
            match = an.get("match", {})
            if set(match) - WEBHOOK_MATCH_KEYS:
                self.err(w, f"unknown match keys {sorted(set(match) - WEBHOOK_MATCH_KEYS)}")
            if not hits({k: v for k, v in match.items() if k != "event"}, wh_pool, WEBHOOK_MATCH_KEYS):
                self.err(w, f"match {match} hits no webhook stream")
            if an.get("error") not in WEBHOOK_ERRORS:
                self.err(w, f"unknown error {an.get('error')!r}")

        # stripe and billing
        stripe = s.get("stripe", {})
        customers = {c["id"]: c for c in stripe.get("customers", [])}
        for oid, o in orgs.items():
            cus = customers.get(o.get("stripe_customer"))
            if cus is None:
                self.err(f"$.orgs[{oid}]", f"stripe_customer {o.get('stripe_customer')!r} not in stripe.customers")
            elif "org_id" in cus.get("metadata", {}) and cus["metadata"]["org_id"] != oid:
                self.err(f"$.stripe.customers[{cus['id']}]", "metadata.org_id does not name its org")
            elif "org_id" not in cus.get("metadata", {}) and \
                    not in_domain(str(cus.get("email", "")), o.get("domain", "")):
                self.err(f"$.stripe.customers[{cus['id']}]", "no metadata.org_id and an e-mail outside the org's domain")
        for c in customers.values():
            if not isinstance(c.get("created", 0), int):
                self.err(f"$.stripe.customers[{c['id']}]", "created must be Unix seconds")
        for i, sub in enumerate(stripe.get("subscriptions", [])):
            if sub.get("customer") not in customers:
                self.err(f"$.stripe.subscriptions[{i}]", "unknown customer")
        invoices = {inv["id"] for inv in stripe.get("invoices", [])}
        bill = s.get("billing")
        if bill is not None:
            if bill.get("cached_tokens", "excluded") not in ("excluded", "billed_full", "billed_discounted"):
                self.err("$.billing.cached_tokens", "unknown value")
            if bill.get("cached_tokens") == "billed_discounted" and "cached_discount" not in bill:
                self.err("$.billing", "billed_discounted needs cached_discount")
            for i, inv in enumerate(bill.get("invoices", [])):
                w = f"$.billing.invoices[{i}]"
                invoices.add(inv["id"])
                if inv.get("org") not in orgs:
                    self.err(w, f"unknown org {inv.get('org')!r}")
                i_from = self.time(w + ".from", inv.get("from"))
                i_to = self.time(w + ".to", inv.get("to"))
                if i_from and i_to and t_from and t_to and not (t_from <= i_from < i_to <= t_to):
                    self.err(w, "invoice period must lie inside the traffic span")
            for i, fault in enumerate(bill.get("faults", [])):
                if fault.get("kind") not in ("double_count", "dropped"):
                    self.err(f"$.billing.faults[{i}]", "unknown kind")
            names = set()
            for i, m in enumerate(bill.get("meters", [])):
                w = f"$.billing.meters[{i}]"
                if not m.get("meter") or m["meter"] in names:
                    self.err(w, "needs a meter name of its own")
                names.add(m.get("meter"))
                if m.get("cached_tokens", "excluded") not in ("excluded", "billed_full", "billed_discounted"):
                    self.err(w + ".cached_tokens", "unknown value")
                for j, fault in enumerate(m.get("faults", [])):
                    if fault.get("kind") not in ("double_count", "dropped"):
                        self.err(f"{w}.faults[{j}]", "unknown kind")
            if bill.get("meters") and bill.get("meter") not in names:
                self.err("$.billing.meter", "with several meters, the default meter must be one of them")
            for i, inv in enumerate(bill.get("invoices", [])):
                for j, line in enumerate(inv.get("extra_lines", [])):
                    if not line.get("description") or not isinstance(line.get("quantity", 1), int):
                        self.err(f"$.billing.invoices[{i}].extra_lines[{j}]", "needs a description and an integer quantity")

        # vendor objects
        gh = s.get("github", {})
        deployments = {d["id"] for d in gh.get("deployments", [])}
        shas = {c["sha"] for c in gh.get("commits", [])}
        for d in gh.get("deployments", []):
            if d.get("sha") not in shas:
                self.err(f"$.github.deployments[{d['id']}]", f"sha {d.get('sha')!r} has no commit")
            if not d.get("statuses"):
                self.err(f"$.github.deployments[{d['id']}]", "no statuses")
        releases = {r["tag_name"] for r in gh.get("releases", [])}
        pulls = {p["number"] for p in gh.get("pulls", [])}
        linear = {i["identifier"] for i in s.get("linear", {}).get("issues", [])}
        jira = {i["key"] for i in s.get("jira", {}).get("issues", [])}
        pages = {}
        for page, body in s.get("statuspage", {}).items():
            pages[page] = {inc["id"] for inc in body.get("incidents", [])}
            for inc in body.get("incidents", []):
                if inc.get("page_id") != body.get("page", {}).get("id"):
                    self.err(f"$.statuspage.{page}", f"incident {inc['id']} page_id differs from the page")
        pd = {i["id"] for i in s.get("pagerduty", {}).get("incidents", [])}
        docs = {d["path"] for d in s.get("docs", [])}
        for name in ("github", "linear", "statuspage", "pagerduty", "gateway_configs"):
            self.walk_times(s.get(name, {}), "$." + name)

        # tickets
        tickets = {}
        for i, t in enumerate(s["tickets"]):
            w = f"$.tickets[{i}]"
            if not isinstance(t.get("id"), int):
                self.err(w, "id must be an integer")
            if t.get("id") in tickets:
                self.err(w, "duplicate id")
            tickets[t.get("id")] = t
            if t.get("organization") not in orgs:
                self.err(w, f"unknown organization {t.get('organization')!r}")
            else:
                dom = orgs[t["organization"]]["domain"]
                if not t.get("requester", {}).get("email", "").endswith("@" + dom):
                    self.err(w, f"requester email is not on {dom}")
            created = self.time(w + ".created_at", t.get("created_at"))
            if created and now and created > now:
                self.err(w, "created after now")

        # truth
        values = {k: {st[k] for st in streams} for k in ("route", "provider", "model", "sdk")}

        def ref_exists(ref):
            parts = ref.split(":")
            kind = ":".join(parts[:2])
            rest = ":".join(parts[2:])
            if kind == "github:deployment":
                return rest.isdigit() and int(rest) in deployments
            if kind == "github:release":
                return rest in releases
            if kind == "github:pull":
                return rest.isdigit() and int(rest) in pulls
            if kind == "linear:issue":
                return rest in linear
            if kind == "jira:issue":
                return rest in jira
            if kind == "pagerduty:incident":
                return rest in pd
            if kind == "stripe:invoice":
                return rest in invoices
            if kind == "stripe:customer":
                return rest in customers
            if parts[0] == "statuspage" and len(parts) == 4 and parts[2] == "incident":
                return parts[3] in pages.get(parts[1], set())
            head, _, tail = ref.partition(":")
            if head == "config":
                return tail in configs
            if head == "docs":
                return tail in docs
            if head == "endpoint":
                return tail in endpoints
            if head in values:
                return tail in values[head]
            return False

        for key, tr_ in s["truth"].items():
            w = f"$.truth.{key}"
            if not key.isdigit() or int(key) not in tickets:
                self.err(w, "key must be the id of a ticket in the scenario")
            if tr_.get("playbook") not in PLAYBOOKS:
                self.err(w, f"unknown playbook {tr_.get('playbook')!r}")
            if tr_.get("category") not in CATEGORIES:
                self.err(w, f"unknown category {tr_.get('category')!r}")
            req = tr_.get("refs_required", [])
            forb = tr_.get("refs_forbidden", [])
            for ref in req + forb:
                if not ref_exists(ref):
                    self.err(w, f"ref {ref!r} names nothing in the scenario")
            if set(req) & set(forb):
                self.err(w, "a ref is both required and forbidden")
            if not forb:
                self.err(w, "no red herring in refs_forbidden")
            for j, sec in enumerate(tr_.get("secondary_causes", [])):
                if sec.get("category") not in CATEGORIES:
                    self.err(f"{w}.secondary_causes[{j}]", f"unknown category {sec.get('category')!r}")
                if not sec.get("refs_required"):
                    self.err(f"{w}.secondary_causes[{j}]", "a secondary cause needs refs_required")
                for ref in sec.get("refs_required", []):
                    if not ref_exists(ref):
                        self.err(f"{w}.secondary_causes[{j}]", f"ref {ref!r} names nothing in the scenario")
            mm = tr_.get("must_mention", [])
            if not mm or not all(isinstance(m, str) and m for m in mm):
                self.err(w, "must_mention needs non-empty strings")
        plain = [t for t in tickets if str(t) not in s["truth"]]
        # optional: the doc page each plain question's reply must quote and cite
        for key, ans in s.get("answers", {}).items():
            w = f"$.answers.{key}"
            if not key.isdigit() or int(key) not in tickets or key in s["truth"]:
                self.err(w, "key must be the id of a plain question (a ticket without truth)")
            if not ans.get("docs") or not all(str(r).startswith("docs:") and ref_exists(r) for r in ans["docs"]):
                self.err(w, "docs must name pages of the scenario's docs")
        return s, plain


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    files = argv[1:] or sorted(glob.glob(os.path.join(here, "*.json")) + glob.glob(os.path.join(here, "heldout*", "*.json")))
    failures = []
    seen_playbooks, seen_categories, plain_total = {}, set(), 0
    for path in files:
        c = Checker(path)
        res = c.run()
        failures += c.errors
        if res and not c.errors:
            s, plain = res
            plain_total += len(plain)
            for tr in s["truth"].values():
                seen_playbooks[tr["playbook"]] = seen_playbooks.get(tr["playbook"], 0) + 1
                seen_categories.add(tr["category"])
            print(f"ok   {os.path.basename(path)}: {len(s['tickets'])} tickets, {len(s['truth'])} investigated")
    if len(files) > 1 and not argv[1:]:
        for p in sorted(PLAYBOOKS):
            if seen_playbooks.get(p, 0) < 2:
                failures.append(f"library: playbook {p} has {seen_playbooks.get(p, 0)} investigated tickets (need 2+)")
        for cat in sorted(CATEGORIES - seen_categories):
            failures.append(f"library: no scenario has category {cat}")
        if plain_total == 0:
            failures.append("library: no plain question ticket")
    for f in failures:
        print("FAIL " + f)
    print(f"{len(files)} files, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
