#!/usr/bin/env python3
"""Combines the benchmark outputs into latest.json and a Markdown table with targets."""
import json
import os
import statistics
import sys


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def main():
    tmp, out_json, out_md = sys.argv[1:4]
    latency = load(os.path.join(tmp, "latency.json")) or []
    store = load(os.path.join(tmp, "store.json")) or {}
    gui = load(os.path.join(tmp, "gui.json")) or {}
    scale = load(os.path.join(tmp, "scale.json")) or {}
    doc = {"investigation_latency": latency, "store": store, "gui": gui, "log_scale": scale}
    json.dump(doc, open(out_json, "w"), indent=2)

    rows = []

    def row(name, value, target, ok):
        rows.append(f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |")

    if latency:
        ws = [r["wall_over_slowest"] for r in latency if r["wall_over_slowest"]]
        wt = [r["wall_over_sum"] for r in latency if r["wall_over_sum"]]
        if ws:
            row("investigation wall / slowest step (median, worst)",
                f"{statistics.median(ws):.2f}, {max(ws):.2f}", "≤ 1.2", max(ws) <= 1.2)
        wc = [r["wall_over_critical_path"] for r in latency if r.get("wall_over_critical_path")]
        if wc:
            row("investigation wall / longest chain of dependent steps (median, worst)",
                f"{statistics.median(wc):.2f}, {max(wc):.2f}", "(the real limit)", max(wc) <= 1.2)
        if wt:
            row("investigation wall / sum of steps (median, worst)",
                f"{statistics.median(wt):.2f}, {max(wt):.2f}", "≤ 0.35", max(wt) <= 0.35)
    if store:
        row(f"store open ({store.get('investigations')} saved), median ms", f"{store.get('open_median_ms', 0):.1f}",
            "< 200", store.get("open_median_ms", 1e9) < 200)
        row("store full-text search, median ms", f"{store.get('search_median_ms', 0):.1f}", "< 100",
            store.get("search_median_ms", 1e9) < 100)
        row("store save, median ms", f"{store.get('save_median_ms', 0):.1f}", "(no target)", True)
    if gui:
        if "error" in gui:
            row("GUI benchmark", "failed: " + str(gui["error"]), "", False)
        if "max_stall_ms" in gui:
            runs = gui.get("runs", 1)
            worst = gui.get("max_stall_ms_worst", gui["max_stall_ms"])
            median = gui.get("max_stall_ms_median", gui["max_stall_ms"])
            row(f"largest GUI stall, {gui.get('concurrent', 5)} investigations started by hand "
                f"({gui.get('launch_spacing_ms', 0)} ms apart) + {gui.get('tickets', 0):,} tickets, "
                f"ms, median / worst of {runs} runs (GUI-thread CPU in the worst)",
                f"{median:.0f} / {worst:.0f} ({gui.get('max_stall_gui_cpu_ms', -1):.0f})", "≤ 50",
                worst <= 50)
            row("GUI stalls over 50 ms / over 100 ms during those investigations (worst run)",
                f"{gui.get('stalls_over_50ms', 0):.0f} / {gui.get('stalls_over_100ms', 0):.0f}", "0",
                gui.get("stalls_over_50ms", 0) == 0)
        if "more_max_stall_ms" in gui:
            row(f"largest GUI stall while {gui.get('open_investigations', 0) - gui.get('concurrent', 5)} more "
                f"start the same way ({gui.get('open_investigations', 0)} open), ms, median / worst",
                f"{gui.get('more_max_stall_ms_median', gui['more_max_stall_ms']):.0f} / "
                f"{gui.get('more_max_stall_ms_worst', gui['more_max_stall_ms']):.0f}", "(no target)", True)
        if "queue_load_max_stall_ms" in gui:
            row(f"largest GUI stall while {gui.get('tickets', 0):,} tickets load, ms (worst run)",
                f"{gui.get('queue_load_max_stall_ms_worst', gui['queue_load_max_stall_ms']):.0f}", "≤ 50",
                gui.get("queue_load_max_stall_ms_worst", gui["queue_load_max_stall_ms"]) <= 50)
        if "startup_ms" in gui:
            row("start-up to a usable window, ms", f"{gui['startup_ms']:.0f}", "(no target)", True)
        if "peak_rss_mb" in gui:
            row(f"peak RSS, {gui.get('tickets', 0):,} tickets + {gui.get('open_investigations', 0)} "
                "investigations open, MiB", f"{gui['peak_rss_mb']:.0f}", "(no target)", True)
    if scale and scale.get("clickhouse_time_ratio"):
        row(f"ClickHouse step time for {scale['rows_factor']:.0f}x the rows (10x the history, same window)", f"{scale['clickhouse_time_ratio']:.2f}x",
            "≤ 1.5x", scale["clickhouse_time_ratio"] <= 1.5)
        if scale.get("denser_window_time_ratio"):
            row(f"ClickHouse step time for a {scale['rows_factor']:.0f}x denser window (contrast)",
                f"{scale['denser_window_time_ratio']:.2f}x", "(no target)", True)
        pts = max(scale["small"]["max_points_per_series"], scale["large"]["max_points_per_series"])
        row("points per series", str(pts), "< a few thousand", pts < 5000)

    md = ["| benchmark | measured | target | met |", "|---|---|---|---|"] + rows
    if latency:
        md += ["", "| scenario | ticket | wall ms | slowest step ms | critical path ms | sum ms | "
               "wall/slowest | wall/critical | wall/sum |", "|---|---|---|---|---|---|---|---|---|"]
        for r in latency:
            md.append(f"| {r['scenario']} | {r['ticket']} | {r['wall_ms']:.0f} | {r['slowest_step_ms']:.0f} | "
                      f"{r.get('critical_path_ms', 0):.0f} | {r['sum_steps_ms']:.0f} | {r['wall_over_slowest']} | "
                      f"{r.get('wall_over_critical_path')} | {r['wall_over_sum']} |")
    open(out_md, "w").write("\n".join(md) + "\n")


if __name__ == "__main__":
    main()
