#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time (default 60 s),
# seeded from tests/fuzz/corpus/<target> and the project's own scenario and playbook files.
# New inputs that find crashes are written to tests/fuzz/crashes/ and fail the run.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# ccache: objects are reused whatever directory the checkout is in.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
seconds=${1:-${CASEFILE_FUZZ_SECONDS:-60}}
build=${CASEFILE_FUZZ_BUILD_DIR:-build-fuzz}
cxx=${CASEFILE_FUZZ_CXX:-$(command -v clang++-16 || command -v clang++)}
[ -n "$cxx" ] || { echo "fuzz: no clang++ (run scripts/setup-deps.sh)" >&2; exit 2; }

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DCASEFILE_BUILD_FUZZERS=ON -DCASEFILE_BUILD_GUI=OFF -DCASEFILE_BUILD_TESTS=OFF \
    > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
targets=$(cd "$build" && ninja -t targets all | grep -oE '^tests/fuzz/fuzz_[a-z_]+:' | tr -d ':' | xargs -n1 basename || true)
[ -n "$targets" ] || { echo "fuzz: no fuzz targets configured" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" --target $targets

mkdir -p tests/fuzz/crashes
summary=()
failed=0
for t in $targets; do
    name=${t#fuzz_}
    work=$(mktemp -d)
    seeds=("tests/fuzz/corpus/$name")
    case $name in
        scenario|investigation) seeds+=(tests/scenarios) ;;
        playbook) seeds+=(resources/playbooks resources/playbooks/shared) ;;
    esac
    log="$build/$t.log"
    if "$build/tests/fuzz/$t" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=4096 -artifact_prefix=tests/fuzz/crashes/"$name"- -print_final_stats=1 \
        > "$log" 2>&1; then
        status=ok
    else
        status=CRASH
        failed=1
        tail -40 "$log"
    fi
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
    summary+=("fuzz $t: $status, ${seconds} s, $execs executions")
    rm -rf "$work"
done
printf '%s\n' "${summary[@]}"
exit $failed
