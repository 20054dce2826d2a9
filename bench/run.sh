#!/usr/bin/env bash
# Builds in release mode, starts the sandbox and runs every benchmark several times.
# Writes bench/results/latest.json and bench/results/latest.md. Not part of the test run.
#   bench/run.sh [--quick]     --quick: fewer repeats and smaller data
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# ccache: objects are reused whatever directory the checkout is in.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
build=${CASEFILE_BENCH_BUILD_DIR:-build-bench}
results=bench/results
mkdir -p "$results"
if [ "${1:-}" = "--quick" ]; then
    export CASEFILE_BENCH_REPEATS=1 CASEFILE_BENCH_SMALL_SCALE=2 CASEFILE_BENCH_LARGE_SCALE=20 CASEFILE_BENCH_STORE_N=2000 CASEFILE_BENCH_QUEUE=2000
fi

scripts/setup-deps.sh >/dev/null
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASEFILE_BUILD_BENCH=ON \
    -DCASEFILE_BUILD_TESTS=OFF > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$(nproc)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "bench: investigation latency (injected per-system latencies)"
python3 bench/investigation_latency.py "$build" "$tmp/latency.json"

echo "bench: store with ${CASEFILE_BENCH_STORE_N:-10000} saved investigations"
"$build/bench/bench_store" "${CASEFILE_BENCH_STORE_N:-10000}" > "$tmp/store.json"
cat "$tmp/store.json"

if [ -x "$build/bench/bench_gui" ]; then
    echo "bench: GUI responsiveness (5 investigations at once, ${CASEFILE_BENCH_QUEUE:-10000} tickets), start-up and memory"
    python3 bench/gui.py "$build" "$tmp/gui.json"
else
    echo '{}' > "$tmp/gui.json"
fi

echo "bench: log scale"
python3 bench/log_scale.py "$build" "$tmp/scale.json"

python3 bench/report.py "$tmp" "$results/latest.json" "$results/latest.md"
cat "$results/latest.md"
