#!/usr/bin/env bash
# Rewrites the golden files from the current output, on purpose: the renderers' expected
# outputs (tests/*/golden/<renderer>/) and the generated tables of docs/operations.md.
# Review the result with `git diff` before committing it.
#   scripts/update-golden.sh [BUILD_DIR]      (default build-test)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-test}
if [ ! -f "$build/CTestTestfile.cmake" ]; then
    echo "update-golden: $build is not a configured build directory" >&2
    exit 2
fi
targets=$(ctest --test-dir "$build" -N -L golden | sed -n 's/^ *Test *#[0-9]*: //p')
[ -n "$targets" ] || { echo "update-golden: no tests labelled golden in $build" >&2; exit 2; }
cmake --build "$build" --target $targets
CASEFILE_UPDATE_GOLDEN=1 ctest --test-dir "$build" -L golden --output-on-failure
# A second run without the variable proves the files now match.
ctest --test-dir "$build" -L golden --output-on-failure
git status --short -- docs tests
