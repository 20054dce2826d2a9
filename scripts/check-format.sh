#!/usr/bin/env bash
# Fails when a C++ file is not formatted with the repository's .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
[ "${#files[@]}" -eq 0 ] && exit 0
if ! clang-format --dry-run -Werror "${files[@]}" 2> /tmp/casefile-format.$$; then
    grep -E '^[^ ].*: (error|warning)' /tmp/casefile-format.$$ | cut -d: -f1 | sort -u \
        | sed 's/^/not formatted: /'
    rm -f /tmp/casefile-format.$$
    echo "check-format: run clang-format -i on the files above" >&2
    exit 1
fi
rm -f /tmp/casefile-format.$$
echo "check-format: ${#files[@]} files formatted"
