#!/usr/bin/env bash
# Builds in release mode, starts the sandbox and runs every benchmark several times.
# Unattended: no prompts, every sandbox is stopped on exit. Not part of the test run.
#   bench/run.sh [--quick] [--latency-only] [--no-build]
#     --quick         one repeat, smaller data, three scenarios (CASEFILE_BENCH_SCENARIOS
#                     overrides); writes bench/results/quick.{json,md}, never latest.*
#     --latency-only  only the investigation latency benchmark
#     --no-build      use the build in CASEFILE_BENCH_BUILD_DIR (default build-bench) as it is
# A full run writes bench/results/latest.json and bench/results/latest.md.
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
for part in latency store gui scale; do echo '{}' > "$tmp/$part.json"; done

echo "bench: investigation wall time against the physical limit (injected per-system latencies)"
python3 bench/investigation_latency.py "$build" "$tmp/latency.json"

if [ "$latency_only" = 0 ]; then
    echo "bench: store with ${CASEFILE_BENCH_STORE_N:-10000} saved investigations"
    "$build/bench/bench_store" "${CASEFILE_BENCH_STORE_N:-10000}" > "$tmp/store.json"
    cat "$tmp/store.json"

    if [ -x "$build/bench/bench_gui" ]; then
        echo "bench: GUI responsiveness (5 investigations at once, ${CASEFILE_BENCH_QUEUE:-10000} tickets), start-up and memory"
        python3 bench/gui.py "$build" "$tmp/gui.json"
    fi

    echo "bench: log scale"
    python3 bench/log_scale.py "$build" "$tmp/scale.json"
fi

python3 bench/report.py "$tmp" "$results/$name.json" "$results/$name.md"
cat "$results/$name.md"
