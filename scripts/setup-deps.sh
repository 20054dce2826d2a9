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
    qtkeychain-qt6-dev nlohmann-json3-dev
    clickhouse-server clickhouse-client
    xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
    fonts-dejavu-core tzdata
    clang-16 libclang-rt-16-dev clang-format
    debootstrap desktop-file-utils appstream lintian rpm file librsvg2-bin
    curl python3
)

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
