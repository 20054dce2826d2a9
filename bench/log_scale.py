#!/usr/bin/env python3
"""Log scale: the same investigation against ~1 M and ~10 M request rows in ClickHouse.
The window, not the table, should set the cost: reports the ClickHouse steps' time ratio and
the largest number of points a series returned."""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from investigation_latency import start_sandbox  # noqa: E402


def run(build, scenario, ticket, scale, repeats):
    sandbox = os.path.join(build, "sandbox", "casefile-sandbox")
    casefile = os.path.join(build, "src", "app", "casefile")
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "p.json")
        t0 = time.time()
        proc = start_sandbox(sandbox, scenario, profile, ["--rows-scale", str(scale)])
        ready_s = time.time() - t0
        try:
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


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    scenario = os.path.join(root, "..", "shared", "scenarios", "latency-after-deploy.json")
    small = float(os.environ.get("CASEFILE_BENCH_SMALL_SCALE", "12.5"))   # ~1 M rows
    large = float(os.environ.get("CASEFILE_BENCH_LARGE_SCALE", "125"))    # ~10 M rows
    repeats = int(os.environ.get("CASEFILE_BENCH_REPEATS", "3"))
    a = run(build, scenario, "1042", small, repeats)
    print(f"  {small}x: {a}")
    b = run(build, scenario, "1042", large, repeats)
    print(f"  {large}x: {b}")
    ratio = b["clickhouse_slowest_step_ms"] / a["clickhouse_slowest_step_ms"] if a["clickhouse_slowest_step_ms"] else None
    result = {"small": a, "large": b, "rows_factor": large / small,
              "clickhouse_time_ratio": round(ratio, 3) if ratio else None}
    print(f"  ClickHouse step time ratio for {large / small:.0f}x the rows: {result['clickhouse_time_ratio']}")
    json.dump(result, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
