#!/usr/bin/env python3
"""Two builds' investigation wall times side by side, at the same time on the same sandbox.

A change to the engine or a connector is judged against the build before it measured in the
same minutes: runs of the full benchmark on different days differ by more than most changes do
(the machine's other work, the page cache). For each ticket the two builds take turns (base,
new, then new, base, ...), every system answering after a fixed latency, and the median of each
is printed with their difference; the last line gives the medians over the tickets and the mean
difference. Not part of the test run.

    bench/ab_latency.py BASE_BUILD NEW_BUILD SCENARIO[,SCENARIO...] [REPEATS]

BASE_BUILD and NEW_BUILD are build directories (app/casefile in each); the sandbox is NEW_BUILD's.
SCENARIO is a file name in tests/scenarios without .json; the first ticket of its truth is run.
CASEFILE_BENCH_FIXED_MS sets the latency (default 400).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import investigation_latency as latency  # noqa: E402


def wall_ms(casefile, profile, ticket):
    t0 = time.time()
    run = subprocess.run([casefile, "investigate", "--profile", profile, "--ticket", ticket,
                          "--format", "json"], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise RuntimeError(f"{casefile} #{ticket}: exit {run.returncode}: {run.stderr.strip()}")
    return (time.time() - t0) * 1000


def main():
    if len(sys.argv) < 4:
        print("usage: bench/ab_latency.py BASE_BUILD NEW_BUILD SCENARIO[,SCENARIO...] [REPEATS]",
              file=sys.stderr)
        sys.exit(2)
    base_build, new_build, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    fixed = os.environ.get("CASEFILE_BENCH_FIXED_MS", "400")
    builds = {"base": os.path.join(base_build, "app", "casefile"),
              "new": os.path.join(new_build, "app", "casefile")}
    sandbox = os.path.join(new_build, "sandbox", "casefile-sandbox")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    extra = []
    for system in latency.SYSTEMS:
        extra += ["--latency", f"{system}={fixed}"]
    medians = {"base": [], "new": []}
    for name in names:
        path = os.path.join(root, "tests", "scenarios", name + ".json")
        tickets = list(json.load(open(path)).get("truth", {}))
        if not tickets:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            profile = os.path.join(tmp, "p.json")
            proc = latency.start_sandbox(sandbox, path, profile, extra)
            try:
                walls = {"base": [], "new": []}
                for r in range(repeats):
                    for b in ("base", "new") if r % 2 == 0 else ("new", "base"):
                        walls[b].append(wall_ms(builds[b], profile, tickets[0]))
            finally:
                proc.terminate()
                proc.wait(timeout=60)
        b, n = statistics.median(walls["base"]), statistics.median(walls["new"])
        medians["base"].append(b)
        medians["new"].append(n)
        print(f"{name} #{tickets[0]}: base {b:.0f} ms, new {n:.0f} ms ({n - b:+.0f})", flush=True)
    if medians["base"]:
        diffs = [n - b for b, n in zip(medians["base"], medians["new"])]
        print(f"median over {len(diffs)} tickets: base {statistics.median(medians['base']):.0f} ms, "
              f"new {statistics.median(medians['new']):.0f} ms; mean difference {statistics.mean(diffs):+.0f} ms")


if __name__ == "__main__":
    main()
