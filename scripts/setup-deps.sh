#!/usr/bin/env bash
# Installs what Casefile needs to build, test and run on Debian/Ubuntu.
# macOS and Windows: see README.md ("Other systems").
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-deps: this script knows apt-based systems only; see README.md for others" >&2
    exit 2
fi

packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates ccache
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
    qt6-l10n-tools libqt6sql6-sqlite libgl-dev libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
    qtkeychain-qt6-dev nlohmann-json3-dev zlib1g-dev
    clickhouse-server clickhouse-client
    xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
    fonts-dejavu-core tzdata
    clang-16 libclang-rt-16-dev clang-format
    debootstrap desktop-file-utils appstream lintian rpm file librsvg2-bin
    curl python3
)

# Node.js runs the contract tests' mock server and GraphQL validator. A Node.js from another
# source (with its own npm) is used as it is: Debian's npm package would conflict with it.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

# KF6 SyntaxHighlighting exists from Debian 13 / Ubuntu 24.10 on; older systems use the
# built-in highlighter.
if apt-cache show libkf6syntaxhighlighting-dev >/dev/null 2>&1; then
    packages+=(libkf6syntaxhighlighting-dev)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # The server package may try to start a system service; Casefile starts its own
    # ClickHouse in a temporary directory, so a failing service start is harmless.
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" || \
        $SUDO apt-get install -y -qq --no-install-recommends --fix-broken
else
    echo "setup-deps: all packages present"
fi

# The contract tests (tests/contracts) check the connectors and the sandbox fakes against the
# vendors' published API descriptions with an OpenAPI mock server (Prism) and the GraphQL
# reference implementation. Both come from npm into a folder of the checkout that git ignores;
# the tests skip, saying why, when they are missing.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.cache/npm-tools"
if [ -x "$tools/node_modules/.bin/prism" ] && [ -d "$tools/node_modules/graphql" ]; then
    echo "setup-deps: contract-test tools present in $tools"
elif command -v npm >/dev/null 2>&1; then
    echo "setup-deps: installing @stoplight/prism-cli and graphql into $tools"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
        @stoplight/prism-cli@5 graphql@16 >/dev/null
else
    echo "setup-deps: npm is missing; the contract tests will be skipped" >&2
fi
