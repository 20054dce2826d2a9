#!/usr/bin/env python3
"""ClickHouse at a gateway's scale: 10 M and 100 M request-log rows (30 days, 220 organisations
of very different sizes) in a private clickhouse-server, and every playbook's ClickHouse step
timed through the connector (bench_clickhouse) for one organisation and a 24 h window.

  bench/clickhouse/scale.py BUILD_DIR OUT.json [--rows 10000000,100000000] [--keep-server]

The server runs on a temporary directory and free loopback ports and is stopped, its data
deleted, when the script ends. The rows are generated inside ClickHouse (INSERT ... SELECT FROM
numbers(N)), in the table layout docs/clickhouse-layout.md recommends.

For each size it times the largest organisation (org_0, about a sixth of all traffic), and at
the larger sizes also the organisation whose rows in the window are closest to org_0's at the
smallest size: the same work on a table ten times larger. The cost should follow the first
(the organisation's rows in the window) and not the second (the table)."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

DAYS = 30
ORGS = 220
START = "2026-10-20 00:00:00"  # 30 days: two months
WINDOW = ("2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z")
DB = "gateway"
# Daily partitions (docs/clickhouse-layout.md): a 24 h window over every organisation then reads
# its day's partitions only; with monthly ones the org-first sort makes it read at least one
# granule per organisation and part of the month. CASEFILE_BENCH_CLICKHOUSE_PARTITION changes it.
PARTITION = os.environ.get("CASEFILE_BENCH_CLICKHOUSE_PARTITION", "toYYYYMMDD(ts)")

REQUEST_COLUMNS = """ts DateTime, request_id String, trace_id String, org_id String, api_key_id String,
    config_id String, route String, provider String, model String, status UInt16, error_code String,
    latency_ms UInt32, provider_latency_ms UInt32, attempts UInt8, fallback_used UInt8,
    cache_status String, prompt_tokens UInt32, completion_tokens UInt32, cached_tokens UInt32,
    cost_usd Float64, sdk String, metadata String"""
WEBHOOK_COLUMNS = """ts DateTime, delivery_id String, org_id String, endpoint String, event String,
    status UInt16, error String, attempt UInt8, latency_ms UInt32"""

# The org of a row: org_k with probability (k+1)^(1/3) - k^(1/3) over ORGS^(1/3), so org_0 holds
# about 17 %, org_10 about 1 %, org_219 about 0.15 %.
ORG_EXPR = f"concat('org_', toString(toUInt32(floor({ORGS} * pow((cityHash64(number, 7) % 1000003) / 1000003, 3)))))"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary="/usr/sbin/clickhouse-server"):
        self.root = tempfile.mkdtemp(prefix="casefile-ch-scale-")
        self.http = free_port()
        tcp = free_port()
        for sub in ("data", "tmp", "log", "format_schemas"):
            os.makedirs(os.path.join(self.root, sub))
        with open(os.path.join(self.root, "config.xml"), "w") as f:
            f.write(f"""<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>{self.root}/log/server.log</log><errorlog>{self.root}/log/error.log</errorlog><console>0</console></logger>
  <http_port>{self.http}</http_port><tcp_port>{tcp}</tcp_port><listen_host>127.0.0.1</listen_host>
  <path>{self.root}/data/</path><tmp_path>{self.root}/tmp/</tmp_path>
  <format_schema_path>{self.root}/format_schemas/</format_schema_path>
  <users_config>{self.root}/users.xml</users_config>
  <default_profile>default</default_profile><default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>5368709120</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
</yandex>
""")
        with open(os.path.join(self.root, "users.xml"), "w") as f:
            f.write("""<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage><log_queries>1</log_queries></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
""")
        self.proc = subprocess.Popen([binary, "--config-file=" + os.path.join(self.root, "config.xml")],
                                     cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.http}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                self.sql("SELECT 1")
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("clickhouse-server did not start")

    def sql(self, text, timeout=3600, settings=""):
        request = urllib.request.Request(self.url + "/?" + settings, data=text.encode())
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.read().decode()

    def du_mb(self):
        total = 0
        for dirpath, _, files in os.walk(os.path.join(self.root, "data")):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(dirpath, name))
                except OSError:
                    pass
        return round(total / 1e6)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def create_tables(server):
    server.sql(f"CREATE DATABASE IF NOT EXISTS {DB}")
    # Skipping indexes: experimental before 21.x (behind a setting), absent on 18.16 (a syntax
    # error there). The table is made with them where the server has them, else without: for
    # one organisation the sort key does the real work.
    indexes = (",\n    INDEX status_minmax status TYPE minmax GRANULARITY 4"
               ",\n    INDEX provider_set provider TYPE set(100) GRANULARITY 4")
    layout = (f"ENGINE = MergeTree PARTITION BY {PARTITION} ORDER BY (org_id, ts) "
              "SETTINGS index_granularity = 8192")
    with_indexes = False
    for settings in ("allow_experimental_data_skipping_indices=1", ""):
        try:
            server.sql(f"CREATE TABLE {DB}.gateway_requests ({REQUEST_COLUMNS}{indexes}) {layout}", settings=settings)
            with_indexes = True
            break
        except urllib.error.HTTPError:
            continue
    if not with_indexes:
        server.sql(f"CREATE TABLE {DB}.gateway_requests ({REQUEST_COLUMNS}) {layout}")
    server.sql(f"CREATE TABLE {DB}.webhook_deliveries ({WEBHOOK_COLUMNS}) {layout}")
    return with_indexes


def load(server, rows):
    span = DAYS * 86400
    hooks = max(1, rows // 50)
    t0 = time.time()
    server.sql(f"""INSERT INTO {DB}.gateway_requests SELECT
        toDateTime('{START}') + intDiv(number * {span}, {rows}) AS ts,
        toString(number), if(h % 4 = 0, hex(h), ''), {ORG_EXPR} AS org,
        concat('vk_', toString(h % 5)), if(h % 3 = 0, '', concat('pc-', toString(h % 4))),
        arrayElement(['/v1/chat/completions', '/v1/chat/completions', '/v1/embeddings', '/v1/completions', '/v1/images/generations'], 1 + intDiv(h, 3) % 5),
        arrayElement(['openai', 'openai', 'anthropic', 'google', 'mistral', 'bedrock'], 1 + intDiv(h, 17) % 6) AS prov,
        arrayElement(['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'gemini-1.5-pro', 'mistral-large', 'llama-3-70b'], 1 + intDiv(h, 17) % 6),
        multiIf(h % 1000 < 20, 503, h % 1000 < 35, 429, h % 1000 < 45, 400, h % 1000 < 50, 504, 200) AS st,
        multiIf(st = 503, 'provider_overloaded', st = 429, 'rate_limited', st = 400, 'invalid_request', st = 504, 'provider_timeout', ''),
        toUInt32(150 + intDiv(h, 1000) % 2500) AS lat, toUInt32(lat - 40), toUInt8(1 + (h % 100 < 4)), toUInt8(h % 100 < 3),
        arrayElement(['miss', 'miss', 'hit', 'semantic_hit', 'disabled'], 1 + intDiv(h, 7) % 5),
        toUInt32(intDiv(h, 13) % 4000), toUInt32(intDiv(h, 11) % 800), toUInt32(intDiv(h, 19) % 1000),
        (intDiv(h, 13) % 4000) * 0.000002,
        arrayElement(['portkey-python/1.9.2', 'portkey-node/1.4.0', 'openai-python/1.40.0', 'portkey-python/1.8.0'], 1 + intDiv(h, 23) % 4),
        if(h % 3 = 0, '{{"team":"search","env":"prod"}}', '{{}}')
        FROM (SELECT number, cityHash64(number) AS h FROM numbers({rows}))""")
    server.sql(f"""INSERT INTO {DB}.webhook_deliveries SELECT
        toDateTime('{START}') + intDiv(number * {span}, {hooks}), toString(intDiv(number, 2)), {ORG_EXPR} AS org,
        concat('https://', org, '.example/hooks'),
        arrayElement(['request.completed', 'budget.exceeded', 'key.rotated'], 1 + h % 3),
        if(h % 100 < 5, 0, 200), if(h % 100 < 5, 'timeout', ''), toUInt8(1 + h % 2), toUInt32(h % 900)
        FROM (SELECT number, cityHash64(number) AS h FROM numbers({hooks}))""")
    load_s = time.time() - t0
    # Right after a bulk load ClickHouse merges parts in the background: measure the steady
    # state a production table is in, not the load's aftermath (waits at most 10 minutes).
    t1 = time.time()
    while time.time() - t1 < 600:
        if server.sql("SELECT count() FROM system.merges").strip() == "0":
            break
        time.sleep(2)
    parts = int(server.sql(f"SELECT count() FROM system.parts WHERE active AND database = '{DB}' AND table = 'gateway_requests'"))
    return {"rows": rows, "webhook_rows": hooks, "load_s": round(load_s, 1),
            "merge_wait_s": round(time.time() - t1, 1), "active_parts": parts, "data_mb": server.du_mb()}


def rows_in_window(server, org):
    return int(server.sql(f"SELECT count() FROM {DB}.gateway_requests WHERE org_id = '{org}' AND "
                          f"ts >= toDateTime('{WINDOW[0][:10]} 00:00:00') AND ts < toDateTime('{WINDOW[1][:10]} 00:00:00')"))


def org_with_rows(server, target):
    out = server.sql(f"SELECT org_id, count() AS n FROM {DB}.gateway_requests WHERE "
                     f"ts >= toDateTime('{WINDOW[0][:10]} 00:00:00') AND ts < toDateTime('{WINDOW[1][:10]} 00:00:00') "
                     f"GROUP BY org_id ORDER BY abs(toInt64(n) - {target}) LIMIT 1 FORMAT TSV")
    return out.split("\t")[0]


def quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def server_figures(server, result):
    """What the server says each step cost (system.query_log): the rows and bytes it read and
    its own time, median over the step's runs. A step's queries run together, so its time is
    its slowest query's and its reads the sum of theirs."""
    server.sql("SYSTEM FLUSH LOGS")
    for step in result["steps"]:
        queries = step.pop("queries", [])
        if not queries:
            continue
        rows = bytes_ = ms = 0
        for q in queries:
            line = server.sql("SELECT median(read_rows), median(read_bytes), median(query_duration_ms), count() "
                              "FROM system.query_log WHERE type = 2 AND query = " + quote(q) +  # 2: finished (18.16: UInt8)
                              " FORMAT TSV").split("\t")
            rows += int(float(line[0]))
            bytes_ += int(float(line[1]))
            ms = max(ms, float(line[2]))
        step["server_read_rows"] = rows
        step["server_read_mb"] = round(bytes_ / 1e6, 2)
        step["server_ms"] = ms


def time_steps(build, server, org, repeats):
    binary = os.environ.get("CASEFILE_BENCH_CLICKHOUSE_BINARY") or os.path.join(build, "bench", "bench_clickhouse")
    out = subprocess.run([binary, "--url", server.url, "--database", DB, "--org", org,
                          "--from", WINDOW[0], "--to", WINDOW[1], "--repeats", str(repeats)],
                         stdout=subprocess.PIPE, text=True, timeout=3600, check=True)
    result = json.loads(out.stdout)
    result["org_rows_in_window"] = rows_in_window(server, org)
    server_figures(server, result)
    return result


def slowest(result, all_orgs=False):
    """The slowest step's median, over the steps for one organisation or those over all."""
    return max((s.get("median_ms", 0) for s in result["steps"] if s.get("all_orgs") == all_orgs), default=0)


def ratio(a, b):
    return round(b / a, 2) if a else None


def summarise(result):
    """Adds the figures the report shows: per size and organisation the slowest step for one
    organisation and over all of them; between the smallest and the largest size the time
    ratios for the same organisation (its rows grow with the table), for an organisation with
    the same rows in the window (only the table grows) and for the steps over all orgs."""
    for old in ("slowest_ratio_same_org", "slowest_ratio_same_rows"):  # an earlier format's
        result.pop(old, None)
    # The org comparison reads every organisation's rows in the window even when it names the
    # ticket's org (to put it first): it belongs with the steps over all organisations.
    for size in result.get("sizes", []):
        for key in ("largest_org", "same_rows_org"):
            for step in size.get(key, {}).get("steps", []):
                step["all_orgs"] = bool(step.get("all_orgs")) or step.get("operation") == "org_comparison"
    for size in result.get("sizes", []):
        size.pop("ratio_same_org", None)
        size.pop("ratio_same_rows", None)
        for key in ("largest_org", "same_rows_org"):
            if key in size:
                size[key]["slowest_one_org_ms"] = slowest(size[key])
                size[key]["slowest_all_orgs_ms"] = slowest(size[key], all_orgs=True)
                size[key]["failed_steps"] = [s["step"] for s in size[key]["steps"] if "error" in s]
    sizes = result.get("sizes", [])
    if len(sizes) > 1 and "same_rows_org" in sizes[-1]:
        a, b = sizes[0]["largest_org"], sizes[-1]
        result["table_ratio"] = round(b["load"]["rows"] / sizes[0]["load"]["rows"], 2)
        result["org_rows_ratio"] = ratio(a["org_rows_in_window"], b["largest_org"]["org_rows_in_window"])
        result["ratio_same_org"] = ratio(a["slowest_one_org_ms"], b["largest_org"]["slowest_one_org_ms"])
        result["ratio_same_rows"] = ratio(a["slowest_one_org_ms"], b["same_rows_org"]["slowest_one_org_ms"])
        result["ratio_all_orgs"] = ratio(a["slowest_all_orgs_ms"], b["largest_org"]["slowest_all_orgs_ms"])
        steps = {s["step"]: s for s in a["steps"] if "median_ms" in s and not s["all_orgs"]}
        same = [s["median_ms"] / steps[s["step"]]["median_ms"] for s in b["same_rows_org"]["steps"]
                if s["step"] in steps and "median_ms" in s and steps[s["step"]]["median_ms"]]
        result["ratio_same_rows_median_step"] = round(sorted(same)[len(same) // 2], 2) if same else None
        # The server's own figures (query log) for the same comparison, step by step: the rows
        # it read and its time, so the client's and the machine's noise are out of it.
        per_step = []
        for s in b["same_rows_org"]["steps"]:
            a_step = steps.get(s["step"])
            if not a_step or "server_read_rows" not in s or "server_read_rows" not in a_step:
                continue
            per_step.append({"step": s["step"],
                             "read_rows": [a_step["server_read_rows"], s["server_read_rows"]],
                             "server_ms": [a_step["server_ms"], s["server_ms"]],
                             "read_rows_ratio": ratio(a_step["server_read_rows"], s["server_read_rows"]),
                             "server_ms_ratio": ratio(a_step["server_ms"], s["server_ms"])})
        if per_step:
            result["server_same_rows"] = per_step
            slowest_a = max(steps[p["step"]]["server_ms"] for p in per_step)
            slowest_b = max(p["server_ms"][1] for p in per_step)
            result["ratio_same_rows_server_ms"] = ratio(slowest_a, slowest_b)
            result["ratio_same_rows_read_rows"] = ratio(sum(p["read_rows"][0] for p in per_step),
                                                        sum(p["read_rows"][1] for p in per_step))
    return result


def main():
    build, out_path = sys.argv[1], sys.argv[2]
    sizes = [10_000_000, 100_000_000]
    if os.environ.get("CASEFILE_BENCH_CLICKHOUSE_ROWS"):
        sizes = [int(x) for x in os.environ["CASEFILE_BENCH_CLICKHOUSE_ROWS"].split(",")]
    if "--rows" in sys.argv:
        sizes = [int(x) for x in sys.argv[sys.argv.index("--rows") + 1].split(",")]
    repeats = int(os.environ.get("CASEFILE_BENCH_REPEATS", "3"))
    with open("/proc/loadavg") as f:
        load_before = f.read().split()[:3]
    result = {"days": DAYS, "orgs": ORGS, "window": list(WINDOW), "partition_by": PARTITION, "sizes": [],
              "load_average_at_start": load_before}
    binary = shutil.which("clickhouse-server") or "/usr/sbin/clickhouse-server"
    server = Server(binary)
    try:
        result["server_version"] = server.sql("SELECT version()").strip()
        first = None
        for rows in sizes:
            server.sql(f"DROP DATABASE IF EXISTS {DB}")
            with_indexes = create_tables(server)
            loaded = load(server, rows)
            loaded["skipping_indexes"] = with_indexes
            print(f"  {rows} rows loaded: {loaded}", flush=True)
            size = {"load": loaded, "largest_org": time_steps(build, server, "org_0", repeats)}
            print(f"  org_0: slowest step {slowest(size['largest_org'])} ms, "
                  f"{size['largest_org']['org_rows_in_window']} rows in the window", flush=True)
            if first is None:
                first = size
            else:
                org = org_with_rows(server, first["largest_org"]["org_rows_in_window"])
                size["same_rows_org"] = time_steps(build, server, org, repeats)
                print(f"  {org} ({size['same_rows_org']['org_rows_in_window']} rows in the window, as org_0 at "
                      f"{sizes[0]} rows): slowest step {slowest(size['same_rows_org'])} ms", flush=True)
            result["sizes"].append(size)
            server.sql(f"DROP DATABASE IF EXISTS {DB}")
    finally:
        server.stop()
    with open("/proc/loadavg") as f:
        result["load_average_at_end"] = f.read().split()[:3]
    summarise(result)
    json.dump(result, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main()
