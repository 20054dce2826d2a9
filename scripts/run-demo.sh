#!/usr/bin/env bash
# Sets up a fresh machine, builds Casefile and opens the workbench on the built-in demo
# workspace: casefile-sandbox serves a whole customer stack (helpdesk, GitHub, Linear,
# Stripe, status pages, a real ClickHouse...) on loopback and the app connects to it.
# Without a display it runs the same demo investigation headless and prints the diagnosis.
#   scripts/run-demo.sh [--scenario FILE] [--headless]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# ccache: objects are reused whatever directory the checkout is in.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1

scenario=""
headless=0
while [ $# -gt 0 ]; do
    case "$1" in
        --scenario) scenario=$2; shift 2 ;;
        --headless) headless=1; shift ;;
        *) echo "usage: scripts/run-demo.sh [--scenario FILE] [--headless]" >&2; exit 2 ;;
    esac
done
# The demo workspace ships with the repository: nothing beside the checkout is needed.
scenario=${scenario:-resources/demo/demo-scenario.json}
[ -f "$scenario" ] || { echo "run-demo: scenario file not found: $scenario" >&2; exit 2; }

scripts/setup-deps.sh
build=${CASEFILE_BUILD_DIR:-build-release}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASEFILE_BUILD_TESTS=OFF \
    > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$(nproc)" --target casefile casefile-sandbox

work=$(mktemp -d "${TMPDIR:-/tmp}/casefile-demo.XXXXXX")
profile="$work/demo-profile.json"
cleanup() {
    [ -n "${sandbox_pid:-}" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

echo "run-demo: starting the sandbox for $scenario"
"$build/sandbox/casefile-sandbox" --scenario "$scenario" --profile-out "$profile" > "$work/sandbox.out" 2> "$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 1200); do
    grep -q '^ready ' "$work/sandbox.out" 2>/dev/null && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
    sleep 0.1
done
grep -q '^ready ' "$work/sandbox.out" || { echo "run-demo: the sandbox did not come up" >&2; exit 1; }

casefile="$build/app/casefile"
if [ "$headless" = 0 ] && [ -z "${CI:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    echo "run-demo: opening the workbench (close the window to stop the sandbox)"
    "$casefile" --profile "$profile"
    exit 0
fi

echo "run-demo: no display, so the demo investigation runs headless."
echo "run-demo: (to open the workbench: run this script in a desktop session, or under xvfb-run with a VNC viewer)"
echo
"$casefile" tickets --profile "$profile" --format table
echo
ids=$("$casefile" tickets --profile "$profile" --format json \
    | python3 -c 'import json,sys; t=json.load(sys.stdin); t=t.get("tickets",t) if isinstance(t,dict) else t; print(" ".join(str(x["id"]) for x in t[:5]))')
for ticket in $ids; do
    echo "================ ticket $ticket ================"
    "$casefile" investigate --profile "$profile" --ticket "$ticket" --format markdown
    echo
done
