#!/usr/bin/env python3
"""Investigation latency against the physical limit.

Every scenario of tests/scenarios (not the held-out folder) is served by the sandbox with
injected per-system latencies, twice: every system at one fixed latency (400 ms), then with
realistic ranges. Each ticket is investigated through the command line, and its wall time is
compared with the limit no schedule can beat: the ticket read, then the longest chain of
round trips the playbook's data needs (1 + the longest `depends_on` chain, each step weighted
by the sequential round trips it inherently needs; a step filtered by the ticket's provider or
model also needs the org's traffic overview first, which tells which providers and models the
org really uses). The limit comes from the playbook and the
latencies, never from measured step times. The older ratios (wall / slowest step, wall / the
measured chain of dependent steps, wall / sum of steps) are kept beside it.

Environment: CASEFILE_BENCH_REPEATS (default 3), CASEFILE_BENCH_SCENARIOS (comma-separated
parts of scenario names; default all), CASEFILE_BENCH_LATENCY_RUNS (default "fixed,ranges"),
CASEFILE_BENCH_FIXED_MS (default 400)."""
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

SYSTEMS = ["clickhouse", "github", "linear", "jira", "stripe", "statuspage", "helpdesk",
           "pagerduty", "docs", "gateway"]
RANGES = {"clickhouse": "400-900", "github": "300", "linear": "400", "jira": "400", "stripe": "500",
          "statuspage": "200", "helpdesk": "300", "pagerduty": "300", "docs": "200", "gateway": "200"}

# Sequential round trips a step needs whatever the implementation, when more than one. GitHub
# has no request that answers deployments with their statuses and commits, so those follow the
# list (all at once). Stripe's meter summaries need the meter's id, and a workspace names its
# meter by event name, so the meter list comes first. Everything else is one request, or one
# level of requests sent at once (docs searches answer with the pages).
INHERENT_ROUND_TRIPS = {("github", "deployments"): 2, ("stripe", "meter_summaries"): 2}


def start_sandbox(sandbox, scenario, profile, extra, own_group=False):
    """Niced: the sandbox stands in for remote systems and must not compete with the client.
    With own_group, it also runs in a session of its own whose scheduling group is set to nice
    19 (Linux autogroups): where the kernel shares the CPU between sessions first, a nice value
    inside the client's session does not keep the sandbox and its ClickHouse from taking half the
    cores while the client waits for one."""
    proc = subprocess.Popen(["nice", "-n", "5", sandbox, "--scenario", scenario, "--profile-out", profile,
                             "--quiet"] + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=own_group)
    if own_group:
        try:
            with open(f"/proc/{proc.pid}/autogroup", "w") as group:
                group.write("19")
        except OSError as e:
            print(f"  note: the sandbox's scheduling group keeps its weight ({e})", file=sys.stderr)
    deadline = time.time() + 300
    while time.time() < deadline:
        line = proc.stdout.readline()
        if line.startswith("ready "):
            return proc
        if proc.poll() is not None:
            raise RuntimeError("sandbox failed: " + proc.stderr.read())
    proc.terminate()
    raise RuntimeError("sandbox not ready")


def load_playbooks(root):
    """Steps per playbook name ({id: step}), with the shared steps it includes, from the
    built-in playbook files. Own steps override included ones by id, as the engine does."""
    folder = os.path.join(root, "resources", "playbooks")
    shared = {}
    shared_dir = os.path.join(folder, "shared")
    if os.path.isdir(shared_dir):
        for name in os.listdir(shared_dir):
            if name.endswith(".json"):
                doc = json.load(open(os.path.join(shared_dir, name)))
                shared[doc.get("name", name[:-5])] = doc.get("steps", [])
    books = {}
    for name in os.listdir(folder):
        if name.endswith(".json"):
            doc = json.load(open(os.path.join(folder, name)))
            steps = {}
            for inc in doc.get("include", []):
                for s in shared.get(inc, []):
                    steps[s["id"]] = s
            for s in doc.get("steps", []):
                if "id" in s:
                    steps[s["id"]] = s
            books[doc.get("name", name[:-5])] = steps
    return books


def mentions(step, name):
    return ("{{" + name + "}}") in json.dumps(step.get("args", {}))


def uses_entities(step):
    return (mentions(step, "provider") or mentions(step, "model")
            or any(p in ("provider", "model") for p in step.get("skip_unless", [])))


def with_entity_dependencies(plan):
    """The plan with the dependency the engine adds: a step filtered by the ticket's provider or
    model runs after the org's provider inventory (its traffic overview, else every step reading
    its logs) has answered, so the data needs that round trip first."""
    def reads_org_logs(s):
        return s.get("connector") == "clickhouse" and mentions(s, "org") and not uses_entities(s)
    sources = [i for i, s in plan.items() if reads_org_logs(s) and s.get("operation") == "traffic_overview"]
    if not sources:
        sources = [i for i, s in plan.items() if reads_org_logs(s)]
    out = {}
    for sid, s in plan.items():
        if uses_entities(s):
            s = dict(s, depends_on=sorted(set(s.get("depends_on", [])) | set(sources)))
        out[sid] = s
    return out


def plan_of(doc, playbooks):
    """The step definitions of what ran: the chosen playbook's, and for steps it lacks (a plan
    that also runs a close runner-up's steps) the definition with the same id, connector and
    operation in another playbook."""
    chosen = playbooks.get(doc["playbook"]["name"], {})
    plan = {}
    for step in doc["steps"]:
        sid = step["id"]
        if sid in chosen:
            plan[sid] = chosen[sid]
            continue
        for steps in playbooks.values():
            s = steps.get(sid)
            if s and s.get("connector") == step.get("connector") and s.get("operation") == step.get("operation"):
                plan[sid] = s
                break
        else:
            plan[sid] = {"id": sid, "connector": step.get("connector"), "operation": step.get("operation")}
    return with_entity_dependencies(plan)


def bounds(spec):
    """(low, high) of a latency spec: "400" or "400-900" (the sandbox draws each request's
    latency uniformly in the range)."""
    lo, _, hi = str(spec).partition("-")
    return float(lo), float(hi or lo)


LIMIT_SAMPLES = 2000


def window_widened(doc):
    """Whether the organisation's logs moved the window's start (the change began before it):
    the steps that read the window then ran again, which the playbook alone does not show."""
    return "ran again" in doc.get("playbook", {}).get("reason", "")


def rerun_steps(playbook):
    """The steps that run again over a widened window: those whose arguments read its start,
    and every step that depends on one of them (as the engine decides)."""
    again = {i for i, s in playbook.items() if mentions(s, "window.from")}
    grew = True
    while grew:
        grew = False
        for i, s in playbook.items():
            if i not in again and any(d in again for d in s.get("depends_on", [])):
                again.add(i)
                grew = True
    return again


def physical_limit(steps_run, playbook, latencies, widened=False):
    """(levels, ms): the ticket read, then the longest chain of round trips of the steps that
    ran (skipped steps cost nothing). `latencies` maps a system to its latency spec. With a
    fixed latency per system this is the chain's sum; with ranges every request draws its own
    latency, so the limit is the expected longest chain over those draws (Monte Carlo, fixed
    seed): a level of ten parallel queries waits for the slowest of ten draws, which a range's
    midpoint would understate. When the logs widened the window, the steps that read it depend
    on the first answer of the logs (one ClickHouse round trip, which shows the change began
    earlier): their chain starts after it."""
    ran = {s["id"] for s in steps_run if s["status"] != "skipped"}
    again = rerun_steps(playbook) if widened else set()
    spec = {system: bounds(v) for system, v in latencies.items()}
    rng = random.Random(1)
    fixed = all(lo == hi for lo, hi in spec.values())

    def longest(draw):
        def chain_of(costly):
            """The longest chain when only the steps in `costly` cost their round trips (the
            others answered already)."""
            memo = {}

            def chain(step_id):
                if step_id not in memo:
                    s = playbook.get(step_id, {})
                    trips = INHERENT_ROUND_TRIPS.get((s.get("connector"), s.get("operation")), 1)
                    if step_id in costly:
                        own = (trips, sum(draw(s.get("connector")) for _ in range(trips)))
                    else:
                        own = (0, 0)
                    before = [chain(d) for d in s.get("depends_on", []) if d in playbook]
                    memo[step_id] = (own[0] + max((b[0] for b in before), default=0),
                                     own[1] + max((b[1] for b in before), default=0))
                return memo[step_id]
            return max((chain(i) for i in playbook), default=(0, 0), key=lambda c: (c[1], c[0]))
        best = chain_of(ran)
        if again:
            rerun = chain_of(ran & again)
            best = max(best, (1 + rerun[0], draw("clickhouse") + rerun[1]),
                       key=lambda c: (c[1], c[0]))
        return 1 + best[0], draw("helpdesk") + best[1]

    def draw(system):
        lo, hi = spec.get(system, (0.0, 0.0))
        return lo if lo == hi else rng.uniform(lo, hi)
    if fixed:
        return longest(draw)
    samples = [longest(draw) for _ in range(LIMIT_SAMPLES)]
    return max(s[0] for s in samples), statistics.fmean(s[1] for s in samples)


def measured_critical_path(steps, playbook):
    """The old measure: the longest chain of dependent steps by their measured durations."""
    duration = {s["id"]: (s["duration_ms"] if s["status"] != "skipped" else 0) for s in steps}
    memo = {}

    def finish(step):
        if step not in memo:
            deps = playbook.get(step, {}).get("depends_on", [])
            memo[step] = duration.get(step, 0) + max((finish(d) for d in deps if d in duration), default=0)
        return memo[step]
    return max((finish(s) for s in duration), default=0)


def scenarios_of(root):
    folder = os.path.join(root, "tests", "scenarios")
    wanted = [w for w in os.environ.get("CASEFILE_BENCH_SCENARIOS", "").split(",") if w]
    found = []
    for f in sorted(os.listdir(folder)):  # files only: the held-out folder is not read
        path = os.path.join(folder, f)
        if f.endswith(".json") and os.path.isfile(path) and (not wanted or any(w in f for w in wanted)):
            found.append(path)
    return found


def process_overhead_ms(casefile):
    """Start-up and exit of the command line alone (no network), median of 3."""
    times = []
    for _ in range(3):
        t0 = time.time()
        subprocess.run([casefile, "playbooks", "--format", "json"], capture_output=True, timeout=120)
        times.append((time.time() - t0) * 1000)
    return round(statistics.median(times))


def run_config(name, latencies, sandbox, casefile, scenarios, playbooks, repeats):
    extra = []
    for system, spec in latencies.items():
        extra += ["--latency", f"{system}={spec}"]
    rows = []
    print(f" {name}: " + ", ".join(f"{k} {v}" for k, v in latencies.items()) + " ms", flush=True)
    for scenario in scenarios:
        truth = json.load(open(scenario)).get("truth", {})
        with tempfile.TemporaryDirectory() as tmp:
            profile = os.path.join(tmp, "p.json")
            proc = start_sandbox(sandbox, scenario, profile, extra)
            try:
                for ticket in truth:
                    samples = []
                    for _ in range(repeats):
                        t0 = time.time()
                        run = subprocess.run([casefile, "investigate", "--profile", profile, "--ticket", ticket,
                                              "--format", "json"], capture_output=True, text=True, timeout=600)
                        elapsed = (time.time() - t0) * 1000
                        if run.returncode != 0:
                            print(f"  {ticket}: exit {run.returncode}: {run.stderr.strip()}", file=sys.stderr)
                            break
                        doc = json.loads(run.stdout)
                        playbook = plan_of(doc, playbooks)
                        steps = [s["duration_ms"] for s in doc["steps"] if s["status"] != "skipped"]
                        widened = window_widened(doc)
                        levels, limit = physical_limit(doc["steps"], playbook, latencies, widened)
                        samples.append({"wall": elapsed, "engine": doc["duration_ms"],
                                        "slowest": max(steps) if steps else 0, "sum": sum(steps),
                                        "critical": measured_critical_path(doc["steps"], playbook),
                                        "levels": levels, "limit": limit, "widened": widened,
                                        "playbook": doc["playbook"]["name"],
                                        "slow_steps": {x["id"]: x["duration_ms"] for x in sorted(
                                            doc["steps"], key=lambda x: -x["duration_ms"])[:3]}})
                    if not samples:
                        continue

                    def med(key):
                        return statistics.median(s[key] for s in samples)
                    w, e, s, t, c, lim = (med(k) for k in ("wall", "engine", "slowest", "sum", "critical", "limit"))
                    row = {"run": name, "scenario": os.path.basename(scenario)[:-5], "ticket": ticket,
                           "playbook": samples[0]["playbook"], "levels": samples[0]["levels"],
                           "window_widened": samples[0]["widened"],
                           "limit_ms": round(lim), "wall_ms": round(w), "engine_ms": round(e),
                           "wall_over_limit": round(w / lim, 3) if lim else None,
                           "slowest_step_ms": s, "sum_steps_ms": t, "critical_path_ms": c,
                           "wall_over_slowest": round(e / s, 3) if s else None,
                           "wall_over_sum": round(e / t, 3) if t else None,
                           "wall_over_critical_path": round(e / c, 3) if c else None,
                           "slowest_steps": samples[len(samples) // 2]["slow_steps"]}
                    rows.append(row)
                    print(f"  {row['scenario']} #{ticket} ({row['playbook']}, {row['levels']} levels): "
                          f"wall {w:.0f} ms (engine {e:.0f}), limit {lim:.0f} ms -> {row['wall_over_limit']} x limit; "
                          f"{row['wall_over_slowest']} x slowest step, {row['wall_over_critical_path']} x measured chain; "
                          f"slowest steps {row['slowest_steps']}",
                          flush=True)
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    return rows


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    repeats = int(os.environ.get("CASEFILE_BENCH_REPEATS", "3"))
    fixed = int(os.environ.get("CASEFILE_BENCH_FIXED_MS", "400"))
    runs = [r for r in os.environ.get("CASEFILE_BENCH_LATENCY_RUNS", "fixed,ranges").split(",") if r]
    sandbox = os.path.join(build, "sandbox", "casefile-sandbox")
    casefile = os.path.join(build, "app", "casefile")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenarios = scenarios_of(root)
    playbooks = load_playbooks(root)
    overhead = process_overhead_ms(casefile)
    print(f" command-line start-up and exit alone: {overhead} ms (included in every wall time)")
    configs = {"fixed": {s: str(fixed) for s in SYSTEMS}, "ranges": RANGES}
    out = {"process_overhead_ms": overhead, "repeats": repeats, "runs": {}, "rows": []}
    for name in runs:
        latencies = configs[name]
        out["runs"][name] = {"latencies_ms": latencies}
        out["rows"] += run_config(name, latencies, sandbox, casefile, scenarios, playbooks, repeats)
    json.dump(out, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
