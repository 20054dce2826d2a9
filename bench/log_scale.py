#!/usr/bin/env python3
"""Log scale: the same investigation against ~1 M and ~10 M request rows in ClickHouse.
The window, not the table, should set the cost: the 10 M table holds ten times the history
(traffic starting ten times further back, same rate), so the investigation window holds the
same rows. Reports the ClickHouse steps' time ratio and the largest number of points a series
returned. For contrast it also runs a 10x denser window (ten times the rate in the same span),
where the rows in the window, and so the cost, do grow."""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from investigation_latency import start_sandbox  # noqa: E402


def wait_for_merges(profile, limit_s=300):
    """Right after a bulk load ClickHouse merges parts in the background; measure the steady
    state a production table is in, not the load's aftermath."""
    import urllib.request
    url = json.load(open(profile))["connections"]["clickhouse"]["url"]
    deadline = time.time() + limit_s
    while time.time() < deadline:
        query = "SELECT count() FROM system.merges".encode()
        try:
            with urllib.request.urlopen(urllib.request.Request(url + "/?readonly=1", data=query), timeout=30) as r:
                if r.read().strip() == b"0":
                    return
        except OSError:
            return
        time.sleep(1)


def run(build, scenario, ticket, scale, repeats):
    sandbox = os.path.join(build, "sandbox", "casefile-sandbox")
    casefile = os.path.join(build, "app", "casefile")
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "p.json")
        t0 = time.time()
        proc = start_sandbox(sandbox, scenario, profile, ["--rows-scale", str(scale)])
        ready_s = time.time() - t0
        try:
            wait_for_merges(profile)
            ch_ms, points, walls = [], 0, []
            for _ in range(repeats):
                out = subprocess.run([casefile, "investigate", "--profile", profile, "--ticket", ticket,
                                      "--format", "json"], capture_output=True, text=True, timeout=900)
                doc = json.loads(out.stdout)
                ch = [s["duration_ms"] for s in doc["steps"] if s["connector"] == "clickhouse" and s["status"] == "ok"]
                ch_ms.append(max(ch) if ch else 0)
                walls.append(doc["duration_ms"])
                for ev in doc["evidence"]:
                    if ev["kind"] == "timeseries":
                        for series in ev["data"].get("series", []):
                            points = max(points, len(series.get("points", [])))
            ch_ms.sort()
            walls.sort()
            return {"scale": scale, "sandbox_ready_s": round(ready_s, 1),
                    "clickhouse_slowest_step_ms": ch_ms[len(ch_ms) // 2],
                    "wall_ms": walls[len(walls) // 2], "max_points_per_series": points}
        finally:
            proc.terminate()
            proc.wait(timeout=120)


def longer_history(scenario_path, factor, out_path):
    """The scenario with its traffic starting `factor` times further back (same rate)."""
    doc = json.load(open(scenario_path))
    traffic = doc["traffic"]
    start = datetime.datetime.fromisoformat(traffic["from"].replace("Z", "+00:00"))
    end = datetime.datetime.fromisoformat(traffic["to"].replace("Z", "+00:00"))
    traffic["from"] = (end - (end - start) * factor).strftime("%Y-%m-%dT%H:%M:%SZ")
    json.dump(doc, open(out_path, "w"))
    return out_path


def ratio(a, b):
    base = a["clickhouse_slowest_step_ms"]
    return round(b["clickhouse_slowest_step_ms"] / base, 3) if base else None


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenario = os.path.join(os.environ.get("CASEFILE_SHARED_DIR", os.path.join(root, "..", "shared")), "scenarios", "latency-after-deploy.json")
    small = float(os.environ.get("CASEFILE_BENCH_SMALL_SCALE", "12.5"))   # ~1 M rows
    large = float(os.environ.get("CASEFILE_BENCH_LARGE_SCALE", "125"))    # ~10 M rows
    factor = large / small
    repeats = int(os.environ.get("CASEFILE_BENCH_REPEATS", "3"))
    a = run(build, scenario, "1042", small, repeats)
    print(f"  {small}x rate: {a}")
    with tempfile.TemporaryDirectory() as tmp:
        history = longer_history(scenario, factor, os.path.join(tmp, "history.json"))
        b = run(build, history, "1042", small, repeats)
    print(f"  {small}x rate, {factor:.0f}x history: {b}")
    c = run(build, scenario, "1042", large, repeats)
    print(f"  {large}x rate (denser window): {c}")
    result = {"small": a, "large": b, "denser_window": c, "rows_factor": factor,
              "clickhouse_time_ratio": ratio(a, b), "denser_window_time_ratio": ratio(a, c)}
    print(f"  ClickHouse step time for {factor:.0f}x the rows (longer history): "
          f"{result['clickhouse_time_ratio']}x; for a {factor:.0f}x denser window: "
          f"{result['denser_window_time_ratio']}x")
    json.dump(result, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
