#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for a bounded time
# (default 60 s), seeded from tests/fuzz/corpus/<target> and the project's own scenario and
# playbook files. Inputs that crash, leak or hit undefined behaviour are written to
# tests/fuzz/crashes/ and fail the run; once fixed they belong in tests/fuzz/corpus/<target>/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Ends with one line: "fuzz: N targets, T s each, total E executions, C crashes".
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# ccache: objects are reused whatever directory the checkout is in.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
seconds=${1:-${CASEFILE_FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
build=${CASEFILE_FUZZ_BUILD_DIR:-build-fuzz}
# RelWithDebInfo runs the most inputs a second; Debug builds in a third of the time, for short
# runs such as CI's, where the build outweighs the fuzzing.
build_type=${CASEFILE_FUZZ_BUILD_TYPE:-RelWithDebInfo}
cxx=${CASEFILE_FUZZ_CXX:-$(command -v clang++-16 || command -v clang++ || true)}
[ -n "$cxx" ] || { echo "fuzz: no clang++ (run scripts/setup-deps.sh)" >&2; exit 2; }

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCASEFILE_BUILD_FUZZERS=ON -DCASEFILE_BUILD_GUI=OFF -DCASEFILE_BUILD_TESTS=OFF \
    > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
if [ $# -gt 0 ]; then
    targets="$*"
else
    # The executables only (not the autogen helper targets).
    targets=$(cd "$build" && ninja -t targets all |
        sed -nE 's|^tests/fuzz/(fuzz_[a-z_]+): CXX_EXECUTABLE_LINKER.*|\1|p')
fi
[ -n "$targets" ] || { echo "fuzz: no fuzz targets configured" >&2; exit 1; }
# shellcheck disable=SC2086
cmake --build "$build" -j"$(nproc)" --target $targets

# Undefined behaviour stops the run like a crash does, with the input saved.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
# Symbolised stacks in the report (the symbolizer that matches the compiler, if any).
if symbolizer=$(command -v "llvm-symbolizer-${cxx##*clang++-}" || command -v llvm-symbolizer); then
    export ASAN_SYMBOLIZER_PATH="$symbolizer"
    export UBSAN_OPTIONS="$UBSAN_OPTIONS:external_symbolizer_path=$symbolizer"
fi
export QT_QPA_PLATFORM=offscreen
mkdir -p tests/fuzz/crashes
summary=()
count=0
total=0
crashes=0
for t in $targets; do
    name=${t#fuzz_}
    work=$(mktemp -d)
    seeds=()
    [ -d "tests/fuzz/corpus/$name" ] && seeds+=("tests/fuzz/corpus/$name")
    case $name in
        scenario | investigation) seeds+=(tests/scenarios) ;;
        playbook) seeds+=(resources/playbooks resources/playbooks/shared) ;;
    esac
    log="$build/$t.log"
    if "$build/tests/fuzz/$t" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=4096 -max_len=65536 -artifact_prefix=tests/fuzz/crashes/"$name"- \
        -print_final_stats=1 > "$log" 2>&1; then
        status=ok
    else
        status=CRASH
        crashes=$((crashes + 1))
        tail -40 "$log"
    fi
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' ||
        echo 0)
    summary+=("fuzz $t: $status, ${seconds} s, $execs executions")
    count=$((count + 1))
    total=$((total + execs))
    rm -rf "$work"
done
printf '%s\n' "${summary[@]}"
echo "fuzz: $count targets, $seconds s each, total $total executions, $crashes crashes"
[ "$crashes" -eq 0 ]
