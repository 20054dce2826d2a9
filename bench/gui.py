#!/usr/bin/env python3
"""GUI responsiveness, start-up and memory: the workbench on a sandbox whose helpdesk serves a
queue of 10,000 tickets (the shared latency scenario's tickets plus generated ones), with the
same per-system latencies as the latency benchmark. bench_gui runs 5 investigations at once
while a stall monitor watches the GUI thread, then opens 20 in all and reads the peak RSS."""
import copy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from investigation_latency import LATENCIES, start_sandbox  # noqa: E402

SUBJECTS = ["Invoice question for last month", "How do I rotate an API key?",
            "Feature request: export to CSV", "Webhook retries documentation",
            "Can we raise our rate limit?", "SSO login loops back to the sign-in page"]


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    queue = int(os.environ.get("CASEFILE_BENCH_QUEUE", "10000"))
    open_n = int(os.environ.get("CASEFILE_BENCH_OPEN", "20"))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenario = json.load(open(os.path.join(root, "..", "shared", "scenarios", "latency-after-deploy.json")))
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
    for item in LATENCIES:
        extra += ["--latency", item]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "queue.json")
        json.dump(scenario, open(path, "w"))
        profile = os.path.join(tmp, "p.json")
        # The sandbox (and its ClickHouse) stands in for remote systems: at a lower CPU priority
        # it does not compete with the workbench for this machine's cores as if it were local.
        proc = start_sandbox(sandbox, path, profile, extra, prefix=("nice", "-n", "10"))
        try:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            wrap = os.environ.get("CASEFILE_BENCH_WRAP", "").split()
            run = subprocess.run(wrap + [os.path.join(build, "bench", "bench_gui"), "--profile", profile,
                                  "--tickets", ",".join(investigate), "--concurrent", "5",
                                  "--open", str(open_n)],
                                 stdout=subprocess.PIPE, text=True, timeout=900, env=env)
            result = json.loads(run.stdout) if run.stdout.strip() else {"error": f"exit {run.returncode}"}
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    result["queue_tickets_served"] = len(tickets)
    print("  " + json.dumps(result))
    json.dump(result, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
