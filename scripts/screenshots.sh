#!/usr/bin/env bash
# Makes the README's screenshots from the running app: starts the sandbox on the demo
# scenario, runs the workbench's screenshot mode (it opens the queue, runs the first
# ticket's investigation and grabs each main view) and writes PNGs to docs/screenshots/.
#   scripts/screenshots.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${1:-build-release}
scenario=${CASEFILE_DEMO_SCENARIO:-resources/demo/demo-scenario.json}
out=docs/screenshots
[ -x "$build/app/casefile" ] || { echo "screenshots: build $build first (scripts/run-demo.sh builds build-release)" >&2; exit 2; }

work=$(mktemp -d)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$build/sandbox/casefile-sandbox" --scenario "$scenario" --profile-out "$work/p.json" --quiet > "$work/out" 2> "$work/err" &
pid=$!
for _ in $(seq 1 600); do grep -q '^ready ' "$work/out" && break; sleep 0.1; done
grep -q '^ready ' "$work/out" || { cat "$work/err" >&2; exit 1; }

mkdir -p "$out" "$work/shots"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
"$build/app/casefile" --profile "$work/p.json" --screenshots "$work/shots"
cp "$work/shots"/*.png "$out/"
ls -1 "$out"
