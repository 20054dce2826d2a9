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
    clickhouse = load(os.path.join(tmp, "clickhouse.json")) or {}
    machine = load(os.path.join(tmp, "machine.json")) or {}
    doc = {"machine": machine, "investigation_latency": latency, "store": store, "gui": gui, "log_scale": scale,
           "clickhouse_scale": clickhouse}
    json.dump(doc, open(out_json, "w"), indent=2)

    rows = []

    def row(name, value, target, ok):
        rows.append(f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |")

    # Older results were a list of rows of one run; now {"runs": ..., "rows": [...]}.
    lat_rows = latency.get("rows", []) if isinstance(latency, dict) else latency
    runs = latency.get("runs", {}) if isinstance(latency, dict) else {}
    overhead = latency.get("process_overhead_ms") if isinstance(latency, dict) else None

    def run_title(name):
        spec = runs.get(name, {}).get("latencies_ms", {})
        values = sorted(set(spec.values()))
        if len(values) == 1:
            return f"every system at {values[0]} ms"
        return "per-system latency ranges" if spec else name

    for name in dict.fromkeys(r.get("run", "ranges") for r in lat_rows):
        rs = [r for r in lat_rows if r.get("run", "ranges") == name]
        wl = [r["wall_over_limit"] for r in rs if r.get("wall_over_limit")]
        if wl:
            row(f"investigation wall / physical limit, {run_title(name)} (median, worst of {len(wl)} tickets)",
                f"{statistics.median(wl):.2f}, {max(wl):.2f}", "≤ 1.2", max(wl) <= 1.2)
        for key, label, target, limit in (
                ("wall_over_slowest", "old: engine time / slowest step", "(was ≤ 1.2)", None),
                ("wall_over_critical_path", "old: engine time / measured chain of dependent steps", "(no target)", None),
                ("wall_over_sum", "old: engine time / sum of steps", "≤ 0.35", 0.35)):
            vs = [r[key] for r in rs if r.get(key)]
            if vs:
                row(f"{label}, {run_title(name)} (median, worst)", f"{statistics.median(vs):.2f}, {max(vs):.2f}",
                    target, limit is None or max(vs) <= limit)
    if store:
        row(f"store: read one of {store.get('investigations', 0):,} saved investigations, median ms",
            f"{store.get('open_median_ms', 0):.1f}", "< 50", store.get("open_median_ms", 1e9) < 50)
        row(f"store: full-text search over {store.get('investigations', 0):,} saved "
            f"({'FTS5' if store.get('fts5') else 'LIKE fallback'}), median ms",
            f"{store.get('search_median_ms', 0):.1f}", "< 100", store.get("search_median_ms", 1e9) < 100)
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
                f"{gui.get('more_max_stall_ms_worst', gui['more_max_stall_ms']):.0f}", "≤ 50",
                gui.get("more_max_stall_ms_worst", gui["more_max_stall_ms"]) <= 50)
        if "queue_load_max_stall_ms" in gui:
            row(f"largest GUI stall while {gui.get('tickets', 0):,} tickets load, ms (worst run)",
                f"{gui.get('queue_load_max_stall_ms_worst', gui['queue_load_max_stall_ms']):.0f}", "≤ 50",
                gui.get("queue_load_max_stall_ms_worst", gui["queue_load_max_stall_ms"]) <= 50)
        if "open_saved_median_ms" in gui:
            row(f"opening a saved investigation in the workbench ({gui.get('open_saved_with_tabs_open', 0)} tabs "
                f"open), ms, median / worst of {gui.get('open_saved_count', 0)} (worst run)",
                f"{gui.get('open_saved_median_ms_median', gui['open_saved_median_ms']):.0f} / "
                f"{gui.get('open_saved_worst_ms_worst', gui['open_saved_worst_ms']):.0f}", "< 50",
                gui.get("open_saved_worst_ms_worst", gui["open_saved_worst_ms"]) < 50)
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

    ch_md = []
    if clickhouse.get("sizes"):
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "clickhouse"))
        from scale import summarise  # noqa: E402
        summarise(clickhouse)
    for size in clickhouse.get("sizes", []):
        rows_n = size["load"]["rows"]
        for key, label in (("largest_org", "largest organisation"),
                           ("same_rows_org", "organisation with the rows the largest had at the smallest size")):
            r = size.get(key)
            if not r:
                continue
            failed = r.get("failed_steps", [])
            row(f"ClickHouse, {rows_n / 1e6:.0f} M rows, {label} ({r['org']}, {r['org_rows_in_window']:,} rows in "
                f"24 h): slowest step for the organisation / slowest step over all organisations, median ms",
                f"{r['slowest_one_org_ms']:.0f} / {r['slowest_all_orgs_ms']:.0f}"
                + (f", failed: {', '.join(failed)}" if failed else ""), "≤ 2000 each",
                max(r["slowest_one_org_ms"], r["slowest_all_orgs_ms"]) <= 2000 and not failed)
    if clickhouse.get("ratio_same_org") is not None:
        first, last = clickhouse["sizes"][0]["load"]["rows"], clickhouse["sizes"][-1]["load"]["rows"]
        vs = f"{last / 1e6:.0f} M vs {first / 1e6:.0f} M rows"
        row(f"ClickHouse slowest step for one organisation, {vs}, same organisation "
            f"({clickhouse['org_rows_ratio']}x its rows in the window)", f"{clickhouse['ratio_same_org']:.2f}x",
            "(follows the org's rows)", True)
        row(f"ClickHouse slowest step for one organisation, {vs}, same rows in the window "
            f"({clickhouse['table_ratio']:.0f}x the table; median step in brackets)",
            f"{clickhouse['ratio_same_rows']:.2f}x ({clickhouse.get('ratio_same_rows_median_step')}x)", "≤ 1.5x",
            clickhouse["ratio_same_rows"] <= 1.5)
        if clickhouse.get("ratio_same_rows_server_ms") is not None:
            row(f"ClickHouse, the server's own figures (system.query_log), {vs}, same rows in the window: "
                "slowest step's server time / rows read by all the organisation's steps",
                f"{clickhouse['ratio_same_rows_server_ms']:.2f}x / {clickhouse['ratio_same_rows_read_rows']:.2f}x",
                "≤ 1.5x", clickhouse["ratio_same_rows_server_ms"] <= 1.5)
        row(f"ClickHouse slowest step over all organisations, {vs} (every org's rows in the window grow "
            f"{clickhouse['table_ratio']:.0f}x)", f"{clickhouse['ratio_all_orgs']:.2f}x", "(follows the window's rows)",
            True)
    if clickhouse.get("sizes"):
        ch_md = ["", f"ClickHouse {clickhouse.get('server_version', '')} at a gateway's scale: {clickhouse.get('days')} days "
                 f"of request logs, {clickhouse.get('orgs')} organisations of very different sizes, table ORDER BY "
                 f"(org_id, ts), PARTITION BY {clickhouse.get('partition_by', 'toYYYYMM(ts)')} "
                 "(docs/clickhouse-layout.md); every playbook's ClickHouse step "
                 "through the connector for one organisation and the 24 h window "
                 f"{' – '.join(clickhouse.get('window', []))}, median of {clickhouse['sizes'][0]['largest_org']['repeats']} "
                 "runs after one untimed run; the server's figures (rows and MB read, its own ms) are the medians "
                 "of its query log over all runs. Steps over all organisations (org comparison) use approximate "
                 "percentiles and say so in their evidence. Load average during this part: "
                 f"{' '.join(clickhouse.get('load_average_at_start', []))} at the start, "
                 f"{' '.join(clickhouse.get('load_average_at_end', []))} at the end (2 cores).",
                 "", "| rows | organisation | rows in 24 h | step | operation | all orgs | median ms | worst ms "
                 "| server: rows read | server: MB read | server: ms |",
                 "|---|---|---|---|---|---|---|---|---|---|---|"]
        for size in clickhouse["sizes"]:
            for key in ("largest_org", "same_rows_org"):
                r = size.get(key)
                if not r:
                    continue
                for st in r["steps"]:
                    ch_md.append(f"| {size['load']['rows'] / 1e6:.0f} M | {r['org']} | {r['org_rows_in_window']:,} | "
                                 f"{st['playbook']}/{st['step']} | {st['operation']} | {'yes' if st['all_orgs'] else ''} | "
                                 f"{st.get('median_ms', st.get('error', ''))} | {st.get('worst_ms', '')} | "
                                 f"{st.get('server_read_rows', '')} | {st.get('server_read_mb', '')} | "
                                 f"{st.get('server_ms', '')} |")
        ch_md += ["", "| rows | load s | merge wait s | active parts | data MB | skipping indexes |", "|---|---|---|---|---|---|"]
        for size in clickhouse["sizes"]:
            ld = size["load"]
            ch_md.append(f"| {ld['rows'] / 1e6:.0f} M | {ld['load_s']} | {ld['merge_wait_s']} | {ld['active_parts']} | "
                         f"{ld['data_mb']} | {'yes' if ld['skipping_indexes'] else 'no (not on this server version)'} |")

    md = ["| benchmark | measured | target | met |", "|---|---|---|---|"] + rows
    if machine:
        md = [f"Measured on a {machine.get('cores', '?')}-core machine shared with other work (load average "
              f"{machine.get('load_average_at_start', '?')} at the start, "
              f"{' '.join(machine.get('load_average_at_end', [])) or '?'} at the end): the figures are upper bounds; "
              "an idle machine gives lower ones. "
              f"Repeats per figure: {machine.get('repeats', 'default')}; latency runs: {machine.get('latency_runs', '')}."
              + (f" {machine['note']}" if machine.get("note") else ""),
              ""] + md
    # why a target is missed, as measured (written with the run: a report cannot know it)
    if machine.get("why_missed"):
        md += ["", "Why the targets marked NO are missed:", ""] + [f"- {w}" for w in machine["why_missed"]]
    if lat_rows:
        md += ["", "Wall time is the command line's, from start to exit: the ticket read, the investigation and the "
               f"process's own start-up and exit ({overhead} ms alone on this run). The limit is the ticket read plus "
               "the longest chain of round trips in the playbook (levels × latency), from the playbook, not from "
               "measured times. When the organisation's logs moved the window's start (the change began before "
               "it; levels marked *), the steps that read the window depend on that first answer of the logs, "
               "so their chain starts one ClickHouse round trip later. "
               "With latency ranges every request draws its own latency, so the limit is the "
               "expected longest chain over those draws (a level of parallel queries waits for the slowest draw). "
               "Engine time is the investigation alone, as the older ratios measured it.",
               "", "| run | scenario | ticket | playbook | levels | limit ms | wall ms | engine ms | wall/limit | "
               "engine/slowest step | engine/measured chain | engine/sum | slowest steps (ms) |",
               "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in lat_rows:
            slow = ", ".join(f"{k} {v}" for k, v in r.get("slowest_steps", {}).items())
            md.append(f"| {r.get('run', 'ranges')} | {r['scenario']} | {r['ticket']} | {r.get('playbook', '')} | "
                      f"{r.get('levels', '')}{'*' if r.get('window_widened') else ''} | "
                      f"{r.get('limit_ms', '')} | {r['wall_ms']:.0f} | "
                      f"{r.get('engine_ms', r['wall_ms']):.0f} | {r.get('wall_over_limit')} | "
                      f"{r['wall_over_slowest']} | {r.get('wall_over_critical_path')} | {r['wall_over_sum']} | {slow} |")
    md += ch_md
    open(out_md, "w").write("\n".join(md) + "\n")


if __name__ == "__main__":
    main()
