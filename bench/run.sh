#!/usr/bin/env bash
# Builds in release mode, starts the sandbox and runs every benchmark several times.
# Unattended: no prompts, every sandbox is stopped on exit. Not part of the test run.
#   bench/run.sh [--quick] [--latency-only] [--no-build]
#     --quick         one repeat, smaller data, three scenarios (CASEFILE_BENCH_SCENARIOS
#                     overrides); writes bench/results/quick.{json,md}, never latest.*
#     --latency-only  only the investigation latency benchmark
#     --no-build      use the build in CASEFILE_BENCH_BUILD_DIR (default build-bench) as it is
# A full run writes bench/results/latest.json and bench/results/latest.md.
# The ClickHouse scale benchmark (bench/clickhouse/scale.py) loads 10 M and 100 M rows into a
# private clickhouse-server (about 10 GB of disk and tens of minutes on two cores);
# CASEFILE_BENCH_CLICKHOUSE_ROWS=a,b changes the sizes, CASEFILE_BENCH_CLICKHOUSE_RESULT=FILE
# reports an earlier run's result instead of loading again.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# ccache: objects are reused whatever directory the checkout is in.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
build=${CASEFILE_BENCH_BUILD_DIR:-build-bench}
results=bench/results
name=latest
quick=0 latency_only=0 no_build=0
for arg in "$@"; do
    case "$arg" in
    --quick) quick=1 ;;
    --latency-only) latency_only=1 ;;
    --no-build) no_build=1 ;;
    *) echo "bench/run.sh: unknown option $arg (--quick, --latency-only, --no-build)" >&2; exit 2 ;;
    esac
done
mkdir -p "$results"
if [ "$quick" = 1 ]; then
    name=quick
    export CASEFILE_BENCH_REPEATS=1 CASEFILE_BENCH_SMALL_SCALE=2 CASEFILE_BENCH_LARGE_SCALE=20 CASEFILE_BENCH_STORE_N=2000 CASEFILE_BENCH_QUEUE=2000
    export CASEFILE_BENCH_CLICKHOUSE_ROWS=${CASEFILE_BENCH_CLICKHOUSE_ROWS:-1000000,10000000}
    export CASEFILE_BENCH_SCENARIOS=${CASEFILE_BENCH_SCENARIOS:-latency-spike-deploy-regression,token-billing-double-count,webhook-failures-customer-tls}
fi

if [ "$no_build" = 0 ]; then
    scripts/setup-deps.sh >/dev/null
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASEFILE_BUILD_BENCH=ON \
        -DCASEFILE_BUILD_TESTS=OFF > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
    cmake --build "$build" -j"$(nproc)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for part in latency store gui scale clickhouse; do echo '{}' > "$tmp/$part.json"; done
# The machine's load while the benchmarks ran: figures from a busy machine are upper bounds.
echo "{\"cores\": $(nproc), \"load_average_at_start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"repeats\": \"${CASEFILE_BENCH_REPEATS:-default}\", \"latency_runs\": \"${CASEFILE_BENCH_LATENCY_RUNS:-fixed,ranges}\"}" > "$tmp/machine.json"

echo "bench: investigation wall time against the physical limit (injected per-system latencies)"
python3 bench/investigation_latency.py "$build" "$tmp/latency.json"

if [ "$latency_only" = 0 ]; then
    echo "bench: store with ${CASEFILE_BENCH_STORE_N:-100000} saved investigations"
    "$build/bench/bench_store" "${CASEFILE_BENCH_STORE_N:-100000}" > "$tmp/store.json"
    cat "$tmp/store.json"

    if [ -x "$build/bench/bench_gui" ]; then
        echo "bench: GUI responsiveness (5 investigations at once, ${CASEFILE_BENCH_QUEUE:-10000} tickets), start-up and memory"
        python3 bench/gui.py "$build" "$tmp/gui.json"
    fi

    echo "bench: log scale"
    python3 bench/log_scale.py "$build" "$tmp/scale.json"

    if [ -n "${CASEFILE_BENCH_CLICKHOUSE_RESULT:-}" ]; then
        echo "bench: ClickHouse at a gateway's scale, from $CASEFILE_BENCH_CLICKHOUSE_RESULT"
        cp "$CASEFILE_BENCH_CLICKHOUSE_RESULT" "$tmp/clickhouse.json"
    elif [ -x /usr/sbin/clickhouse-server ] || command -v clickhouse-server >/dev/null; then
        echo "bench: ClickHouse at a gateway's scale (${CASEFILE_BENCH_CLICKHOUSE_ROWS:-10000000,100000000} rows)"
        python3 bench/clickhouse/scale.py "$build" "$tmp/clickhouse.json" \
            --rows "${CASEFILE_BENCH_CLICKHOUSE_ROWS:-10000000,100000000}" || echo "bench: ClickHouse scale failed" >&2
    fi
fi
echo "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["load_average_at_end"]=open("/proc/loadavg").read().split()[:3]; print(json.dumps(d))' "$tmp/machine.json")" > "$tmp/machine.json.new"
mv "$tmp/machine.json.new" "$tmp/machine.json"

python3 bench/report.py "$tmp" "$results/$name.json" "$results/$name.md"
cat "$results/$name.md"
