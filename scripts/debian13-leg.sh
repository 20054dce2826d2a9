#!/usr/bin/env bash
# Builds and tests Casefile in a Debian 13 root (Qt 6.8, g++ 14, KF6 SyntaxHighlighting),
# the path the Debian 12 build (Qt 6.4, built-in highlighter) does not take.
# Needs root (debootstrap, chroot) and Debian's mirror. Debian 13 has no ClickHouse package,
# so the tests inside the root use a ClickHouse server started on the host (shared loopback).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$here/../shared" 2>/dev/null && pwd || true)
cache=${CASEFILE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/casefile}
root=${CASEFILE_DEBIAN13_ROOT:-$cache/debian13-root}
mirror=${CASEFILE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
jobs=$(nproc)
mkdir -p "$cache"

if [ "$(id -u)" -ne 0 ]; then
    echo "debian13-leg: needs root (debootstrap and chroot); run it with sudo" >&2
    exit 2
fi
command -v debootstrap >/dev/null || "$here/scripts/setup-deps.sh"

t0=$(date +%s)
stamp() { echo "debian13-leg: $1 ($(( $(date +%s) - t0 )) s)"; }

packages=(build-essential cmake ninja-build pkg-config ca-certificates ccache
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev libqt6sql6-sqlite libgl-dev libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
    qtkeychain-qt6-dev nlohmann-json3-dev zlib1g-dev libkf6syntaxhighlighting-dev
    dbus dbus-x11 gnome-keyring libsecret-tools xauth xvfb fonts-dejavu-core tzdata python3 curl)

if [ ! -x "$root/usr/bin/apt-get" ]; then
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase --include=ca-certificates trixie "$root" "$mirror" \
        > "$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log"; exit 1; }
    stamp "debootstrap done"
fi

# A run that was killed leaves its mounts behind (its trap never ran): take them down first,
# deepest first, or binding the checkout again fails.
awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r stale; do umount -l "$stale" 2>/dev/null || true; done

mounts=()
cleanup() {
    set +e
    [ -n "${ch_pid:-}" ] && kill "$ch_pid" 2>/dev/null
    [ -n "${ch_dir:-}" ] && rm -rf "$ch_dir"
    for ((i=${#mounts[@]}-1; i>=0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null; done
}
trap cleanup EXIT
bind() { mkdir -p "$2"; mount --bind "$1" "$2"; mounts+=("$2"); }
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null && mounts+=("$root/dev/pts") || true
mount -t tmpfs tmpfs "$root/dev/shm"; mounts+=("$root/dev/shm")
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

missing=$(chroot "$root" dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null \
    | grep -v 'install ok installed' | wc -l || true)
if ! chroot "$root" dpkg-query -W "${packages[@]}" >/dev/null 2>&1 || [ "$missing" != 0 ]; then
    chroot "$root" apt-get update -qq
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${packages[@]}" > "$cache/debian13-apt.log" 2>&1 \
        || { tail -30 "$cache/debian13-apt.log"; exit 1; }
    stamp "packages installed"
fi

# The sources and the shared contracts, read-only, at the same relative places.
bind "$here" "$root/w/main"
mount -o remount,bind,ro "$root/w/main"
if [ -n "$shared" ]; then
    bind "$shared" "$root/w/shared"
    mount -o remount,bind,ro "$root/w/shared"
fi
mkdir -p "$root/w/build" "$cache/debian13-ccache"
bind "$cache/debian13-ccache" "$root/w/ccache"

read -r ch_url ch_pid ch_dir < <("$here/scripts/clickhouse-local.sh")
stamp "host ClickHouse at $ch_url"

# Inside, every test runs once more with this Qt and compiler, unoptimised: this leg is about
# Qt 6.8, KF6 and g++ 14's language checks, and -O0 builds in half the time of -O2 (the
# optimised build with warnings as errors is the package's, scripts/package-test.sh). The
# engine's end-to-end suites run on half the scenario library and one variant per transform;
# the held-out score is left to the Debian 12 pass, which runs them all.
chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    CI="${CI:-}" CCACHE_DIR=/w/ccache CCACHE_BASEDIR=/w CCACHE_NOHASHDIR=1 CASEFILE_CLICKHOUSE_URL="$ch_url" \
    CASEFILE_SCENARIO_SAMPLE=2 CASEFILE_METAMORPHIC_PER_TRANSFORM=1 CASEFILE_KILL_TRIALS=25 \
    CASEFILE_MIGRATION_KILL_TRIALS=25 bash -euo pipefail -c "
    cmake -S /w/main -B /w/build -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCASEFILE_WARNINGS_AS_ERRORS=ON > /w/build/configure.log 2>&1 || { tail -40 /w/build/configure.log; exit 1; }
    if grep -q 'KF6SyntaxHighlighting_DIR.*NOTFOUND' /w/build/CMakeCache.txt; then
        echo 'debian13-leg: KF6 SyntaxHighlighting was not found' >&2; exit 1
    fi
    echo 'debian13-leg: configured with KF6 SyntaxHighlighting'
    cmake --build /w/build -j$jobs -- -k 0
    echo 'debian13-leg: build done'
    cd /w/build && ctest --output-on-failure -j2 --timeout 300 -LE heldout
"
stamp "build and tests done"
