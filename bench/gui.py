#!/usr/bin/env python3
"""GUI responsiveness, start-up and memory: the workbench on a sandbox whose helpdesk serves a
queue of 10,000 tickets (the shared latency scenario's tickets plus generated ones), with the
same per-system latencies as the latency benchmark. bench_gui starts 5 investigations by hand
(100 ms apart) and lets them run at once while a stall monitor watches the GUI thread, then opens
20 in all and reads the peak RSS, then opens saved investigations in tabs beside those 20;
CASEFILE_BENCH_REPEATS runs (default 5) against one sandbox."""
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from investigation_latency import RANGES, start_sandbox  # noqa: E402

SUBJECTS = ["Invoice question for last month", "How do I rotate an API key?",
            "Feature request: export to CSV", "Webhook retries documentation",
            "Can we raise our rate limit?", "SSO login loops back to the sign-in page"]


def summarise(runs):
    """The run with the worst stall while the investigations ran, its figures as they were, plus
    the median and worst of each stall figure over all runs (a stall is a worst case: one bad
    run counts)."""
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    worst = max(runs, key=lambda r: r["max_stall_ms"])
    result = dict(worst)
    result["runs"] = len(runs)
    for key in ("max_stall_ms", "more_max_stall_ms", "queue_load_max_stall_ms", "startup_ms", "peak_rss_mb",
                "open_saved_median_ms", "open_saved_worst_ms", "open_saved_gui_cpu_median_ms",
                "open_saved_gui_cpu_worst_ms", "max_stall_gui_cpu_ms", "max_stall_queued_ms",
                "more_max_stall_gui_cpu_ms", "more_max_stall_queued_ms"):
        values = [r[key] for r in runs if key in r]
        if values:
            result[key + "_median"] = statistics.median(values)
            result[key + "_worst"] = max(values)
    result["max_stall_ms_each_run"] = [r["max_stall_ms"] for r in runs]
    return result


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    queue = int(os.environ.get("CASEFILE_BENCH_QUEUE", "10000"))
    open_n = int(os.environ.get("CASEFILE_BENCH_OPEN", "20"))
    repeats = max(1, int(os.environ.get("CASEFILE_BENCH_REPEATS", "5")))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenario = json.load(open(os.path.join(os.environ.get("CASEFILE_SHARED_DIR", os.path.join(root, "..", "shared")), "scenarios", "latency-after-deploy.json")))
    real = [t for t in scenario["tickets"] if str(t["id"]) in scenario.get("truth", {})]
    tickets = list(scenario["tickets"])
    investigate = []
    # Copies of the real tickets (so they investigate the same way) under new ids, then filler.
    next_id = 200000
    for i in range(open_n):
        t = copy.deepcopy(real[i % len(real)])
        t["id"] = next_id
        investigate.append(str(next_id))
        tickets.append(t)
        next_id += 1
    while len(tickets) < queue:
        t = copy.deepcopy(real[len(tickets) % len(real)])
        t["id"] = next_id
        t["subject"] = SUBJECTS[next_id % len(SUBJECTS)] + f" (#{next_id})"
        t["status"] = ["open", "pending", "new", "solved"][next_id % 4]
        t["priority"] = ["low", "normal", "high", "urgent"][next_id % 4]
        tickets.append(t)
        next_id += 1
    scenario["tickets"] = tickets
    sandbox = os.path.join(build, "sandbox", "casefile-sandbox")
    extra = []
    for system, spec in RANGES.items():
        extra += ["--latency", f"{system}={spec}"]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "queue.json")
        json.dump(scenario, open(path, "w"))
        profile = os.path.join(tmp, "p.json")
        # The sandbox (and its ClickHouse) stands in for remote systems: start_sandbox runs it at
        # a lower CPU priority, so it does not compete with the workbench as if it were local.
        # CASEFILE_BENCH_SANDBOX_GROUP=shared keeps it in the benchmark's own scheduling group
        # (how the figures before it were measured): there it takes about half the cores.
        own_group = os.environ.get("CASEFILE_BENCH_SANDBOX_GROUP", "own") != "shared"
        proc = start_sandbox(sandbox, path, profile, extra, own_group=own_group)
        runs = []
        try:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            wrap = os.environ.get("CASEFILE_BENCH_WRAP", "").split()
            for _ in range(repeats):
                run = subprocess.run(wrap + [os.path.join(build, "bench", "bench_gui"), "--profile", profile,
                                      "--tickets", ",".join(investigate), "--concurrent", "5",
                                      "--open", str(open_n)],
                                     stdout=subprocess.PIPE, text=True, timeout=900, env=env)
                one = json.loads(run.stdout) if run.stdout.strip() else {"error": f"exit {run.returncode}"}
                print("  run: " + json.dumps({k: v for k, v in one.items()
                                                  if k not in ("slowest_events", "more_slowest_events")}))
                runs.append(one)
                if "error" in one:
                    break
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    result = summarise(runs)
    result["queue_tickets_served"] = len(tickets)
    result["sandbox_group"] = "own, nice 19" if own_group else "shared with the benchmark"
    print("  " + json.dumps(result))
    json.dump(result, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
