#!/usr/bin/env python3
"""Investigation latency: wall time of each investigation vs its slowest step and vs the sum
of its steps, with realistic per-system latencies injected into the sandbox. Ratios are taken
within the same run, so they hold on a noisy machine."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

LATENCIES = ["clickhouse=400-900", "github=300", "linear=400", "jira=400", "stripe=500",
             "statuspage=200", "helpdesk=300", "pagerduty=300", "docs=200", "gateway=200"]


def start_sandbox(sandbox, scenario, profile, extra, prefix=()):
    proc = subprocess.Popen(list(prefix) + [sandbox, "--scenario", scenario, "--profile-out", profile, "--quiet"] + extra,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 180
    while time.time() < deadline:
        line = proc.stdout.readline()
        if line.startswith("ready "):
            return proc
        if proc.poll() is not None:
            raise RuntimeError("sandbox failed: " + proc.stderr.read())
    raise RuntimeError("sandbox not ready")


def load_playbooks(root):
    """Step dependencies per playbook name, from the built-in playbook files."""
    deps = {}
    folder = os.path.join(root, "resources", "playbooks")
    for name in os.listdir(folder):
        if name.endswith(".json"):
            doc = json.load(open(os.path.join(folder, name)))
            deps[doc.get("name", name[:-5])] = {s["id"]: s.get("depends_on", []) for s in doc.get("steps", []) if "id" in s}
    return deps


def critical_path(steps, after):
    """The longest chain of dependent steps, in ms: no schedule can finish before it."""
    duration = {s["id"]: (s["duration_ms"] if s["status"] != "skipped" else 0) for s in steps}
    memo = {}

    def finish(step):
        if step not in memo:
            memo[step] = duration.get(step, 0) + max((finish(d) for d in after.get(step, []) if d in duration),
                                                     default=0)
        return memo[step]
    return max((finish(s) for s in duration), default=0)


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    repeats = int(os.environ.get("CASEFILE_BENCH_REPEATS", "3"))
    sandbox = os.path.join(build, "sandbox", "casefile-sandbox")
    casefile = os.path.join(build, "app", "casefile")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenarios = []
    for d in (os.path.join(root, "..", "shared", "scenarios"), os.path.join(root, "tests", "scenarios")):
        if os.path.isdir(d):
            scenarios += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".json")]
    playbooks = load_playbooks(root)
    extra = []
    for item in LATENCIES:
        extra += ["--latency", item]
    results = []
    for scenario in scenarios:
        truth = json.load(open(scenario)).get("truth", {})
        with tempfile.TemporaryDirectory() as tmp:
            profile = os.path.join(tmp, "p.json")
            proc = start_sandbox(sandbox, scenario, profile, extra)
            try:
                for ticket in truth:
                    walls, slowest, sums, critical = [], [], [], []
                    for _ in range(repeats):
                        t0 = time.time()
                        run = subprocess.run([casefile, "investigate", "--profile", profile, "--ticket", ticket,
                                              "--format", "json"], capture_output=True, text=True, timeout=600)
                        elapsed = (time.time() - t0) * 1000
                        if run.returncode != 0:
                            print(f"  {ticket}: exit {run.returncode}: {run.stderr.strip()}", file=sys.stderr)
                            break
                        doc = json.loads(run.stdout)
                        steps = [s["duration_ms"] for s in doc["steps"] if s["status"] != "skipped"]
                        walls.append(doc["duration_ms"])
                        slowest.append(max(steps) if steps else 0)
                        sums.append(sum(steps))
                        critical.append(critical_path(doc["steps"], playbooks.get(doc["playbook"]["name"], {})))
                    if not walls:
                        continue
                    w, s, t = statistics.median(walls), statistics.median(slowest), statistics.median(sums)
                    c = statistics.median(critical)
                    row = {"scenario": os.path.basename(scenario)[:-5], "ticket": ticket,
                           "wall_ms": w, "slowest_step_ms": s, "sum_steps_ms": t,
                           "wall_over_slowest": round(w / s, 3) if s else None,
                           "wall_over_sum": round(w / t, 3) if t else None,
                           "critical_path_ms": c, "wall_over_critical_path": round(w / c, 3) if c else None,
                           "process_wall_ms": round(elapsed)}
                    results.append(row)
                    print(f"  {row['scenario']} #{ticket}: wall {w:.0f} ms, slowest step {s:.0f} ms, "
                          f"sum {t:.0f} ms, critical path {c:.0f} ms -> {row['wall_over_slowest']} x slowest, "
                          f"{row['wall_over_sum']} x sum, {row['wall_over_critical_path']} x critical path")
            finally:
                proc.terminate()
                proc.wait(timeout=60)
    json.dump(results, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
