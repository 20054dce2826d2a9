#!/usr/bin/env bash
# Builds the Debian package, installs it with apt into a clean Debian 12 root and runs it
# there: `casefile --version`, `casefile playbooks`, and a headless `casefile investigate`
# against `casefile-sandbox` started from the package on its installed demo scenario.
# On the host it validates the desktop entry, the AppStream metainfo and the package
# (lintian, no errors allowed). Prints one timing line per stage and the package sizes.
#
# Usage: scripts/package-test.sh [--build-dir DIR] [--keep-root] [--no-root]
#   --build-dir DIR  Release build directory (default: build-package)
#   --keep-root      leave the Debian root in place for inspection (its path is printed)
#   --no-root        stop after the host checks (no debootstrap, no chroot)
# Environment: CASEFILE_DEBIAN_MIRROR (default http://deb.debian.org/debian),
#   CASEFILE_DEBIAN_SECURITY_MIRROR (default http://deb.debian.org/debian-security),
#   CASEFILE_JOBS (parallel build jobs, default 2).
#
# Needs root (debootstrap, mount, chroot), the tools of scripts/setup-deps.sh and, the
# first time and for apt in the root, access to the Debian mirror. The clean root is
# cached as a tarball under ~/.cache/casefile/package-test/ and unpacked afresh on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
# ccache: objects are reused whatever directory the checkout is in.
export CCACHE_BASEDIR="$src" CCACHE_NOHASHDIR=1

build_dir="$src/build-package"
keep_root=0
with_root=1
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) build_dir=$(realpath -m "$2"); shift 2 ;;
        --keep-root) keep_root=1; shift ;;
        --no-root) with_root=0; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "package-test: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

mirror=${CASEFILE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${CASEFILE_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm
# Kept outside the checkout so that every clone (and CI) reuses the clean root.
cache="${CASEFILE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/casefile}/package-test"
root_tarball="$cache/$suite-minbase.tar.gz"
demo_scenario=latency-spike-deploy-regression.json
demo_ticket=5201
jobs=${CASEFILE_JOBS:-2}

overall=$(date +%s)
stage_name=""
stage_t0=0
timings=()
stage() {
    finish_stage
    stage_name=$1
    stage_t0=$(date +%s)
    echo "=== $stage_name"
}
finish_stage() {
    if [ -n "$stage_name" ]; then
        local took=$(( $(date +%s) - stage_t0 ))
        echo "=== stage $stage_name: $took s"
        timings+=("$(printf '%-22s %5d s' "$stage_name" "$took")")
        stage_name=""
    fi
}
die() { echo "package-test: $*" >&2; exit 1; }

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run scripts/setup-deps.sh"
    done
}
need cmake cpack ninja dpkg-deb desktop-file-validate appstreamcli lintian python3
if [ "$with_root" = 1 ]; then
    [ "$(id -u)" -eq 0 ] || die "needs root for debootstrap, mount and chroot (or use --no-root)"
    need debootstrap chroot mount umount tar
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/casefile-package-test.XXXXXX")
root="$work/root"
sandbox_pid=""
cleanup() {
    local rc=$?
    if [ -n "$sandbox_pid" ] && kill -0 "$sandbox_pid" 2>/dev/null; then
        kill -TERM "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    # Anything still running inside the root (started by this run) is stopped before the
    # root goes away.
    local proc
    for proc in /proc/[0-9]*; do
        if [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ]; then
            kill -TERM "${proc#/proc/}" 2>/dev/null || true
        fi
    done
    sleep 1
    if mountpoint -q "$root/proc" 2>/dev/null; then
        umount "$root/proc" || umount -l "$root/proc" || true
    fi
    if [ "$keep_root" = 1 ] && [ -d "$root" ]; then
        echo "package-test: the root is kept at $root"
    elif ! mountpoint -q "$root/proc" 2>/dev/null; then
        # --one-file-system: never follow a mount that is still there into the host.
        rm -rf --one-file-system "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Build the Debian package -------------------------------------------------------------
stage "configure"
# Warnings are errors here too: this is the optimised build, whose warnings (uninitialised
# values, bounds the optimiser proves) the unoptimised test builds do not see.
cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASEFILE_WARNINGS_AS_ERRORS=ON \
    -DCASEFILE_BUILD_TESTS=OFF -DCASEFILE_BUILD_BENCH=OFF -DCASEFILE_SANITIZE=OFF >/dev/null

stage "build"
cmake --build "$build_dir" -j "$jobs"

stage "cpack-deb"
rm -f "$build_dir"/packages/casefile_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(find "$build_dir/packages" -maxdepth 1 -name 'casefile_*.deb' 2>/dev/null | head -n 1)
[ -n "$deb" ] || die "cpack produced no .deb in $build_dir/packages"
echo "package: $deb"

# --- Host checks on what the package installs ---------------------------------------------
stage "host-checks"
contents="$work/contents"
dpkg-deb -x "$deb" "$contents"
desktop=$(find "$contents/usr/share/applications" -name '*.desktop' | head -n 1)
metainfo=$(find "$contents/usr/share/metainfo" -name '*.metainfo.xml' | head -n 1)
if [ -z "$desktop" ] || [ -z "$metainfo" ]; then die "the package lacks its desktop entry or metainfo"; fi
desktop-file-validate "$desktop"
echo "desktop-file-validate: ok ($(basename "$desktop"))"
appstreamcli validate --no-net "$metainfo"
for f in usr/bin/casefile usr/bin/casefile-sandbox usr/share/man/man1/casefile.1.gz \
         "usr/share/casefile/scenarios/$demo_scenario" usr/share/doc/casefile/copyright \
         usr/share/icons/hicolor/scalable/apps/casefile.svg; do
    [ -e "$contents/$f" ] || die "the package lacks /$f"
done
echo "--- control"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Recommends Suggests
echo "--- lintian"
# Errors fail the run; warnings are shown for the record.
lintian --fail-on error --tag-display-limit 0 "$deb" || die "lintian reported errors"
echo "lintian: no errors"

if [ "$with_root" = 0 ]; then
    finish_stage
    echo "package-test: host checks passed (--no-root: the package was not installed)"
    exit 0
fi

# --- A clean Debian 12 root -----------------------------------------------------------------
stage "debian-root"
mkdir -p "$cache"
if [ ! -s "$root_tarball" ]; then
    echo "debootstrap --variant=minbase $suite from $mirror (cached for the next runs)"
    debootstrap --variant=minbase "$suite" "$work/bootstrap" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
    tar -C "$work/bootstrap" -czf "$root_tarball.part" .
    mv "$root_tarball.part" "$root_tarball"
    rm -rf --one-file-system "$work/bootstrap"
fi
mkdir -p "$root"
tar -C "$root" -xzf "$root_tarball"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Packages must not start services (clickhouse-server) inside the root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
# The suites of an up-to-date Debian 12 system: the build host's libraries may carry updates.
{
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    echo "deb $security_mirror $suite-security main"
} >"$root/etc/apt/sources.list"

root_env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
          DEBIAN_FRONTEND=noninteractive)
in_root() {
    chroot "$root" /usr/bin/env -i "${root_env[@]}" "$@"
}

stage "apt-install"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
# Recommends are installed as apt does by default: clickhouse-server for the sandbox.
in_root apt-get install -y -qq "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 \
    || { tail -n 30 "$work/apt.log" >&2; die "apt could not install the package"; }
# shellcheck disable=SC2016  # dpkg-query's own ${Field} syntax
in_root dpkg-query -W -f='installed: ${Package} ${Version}\n' casefile

# --- Run the installed package -------------------------------------------------------------
stage "run-cli"
in_root casefile --version
in_root casefile playbooks

stage "sandbox-investigate"
scenario="/usr/share/casefile/scenarios/$demo_scenario"
sandbox_log="$root/tmp/sandbox.log"
# exec: $! must be the sandbox itself (chroot and env exec too), so SIGTERM reaches it.
(exec chroot "$root" /usr/bin/env -i "${root_env[@]}" \
    casefile-sandbox --scenario "$scenario" --profile-out /tmp/profile.json) >"$sandbox_log" 2>&1 &
sandbox_pid=$!
ready=0
for _ in $(seq 1 240); do
    if grep -q '^ready ' "$sandbox_log" 2>/dev/null; then ready=1; break; fi
    kill -0 "$sandbox_pid" 2>/dev/null || break
    sleep 0.5
done
if [ "$ready" != 1 ]; then
    tail -n 30 "$sandbox_log" >&2
    die "casefile-sandbox did not print 'ready' within 120 s"
fi
echo "sandbox: $(grep '^ready ' "$sandbox_log")"
in_root casefile investigate --profile /tmp/profile.json --ticket "$demo_ticket" \
    --format json --out /tmp/result.json --timeout 90
python3 - "$root/tmp/result.json" "$root$scenario" "$demo_ticket" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))["truth"].get(sys.argv[3], {})
if result.get("format") != "casefile-investigation/1":
    sys.exit("package-test: the result is not a casefile-investigation/1 document")
steps = result.get("steps", [])
ok = sum(1 for s in steps if s.get("status") == "ok")
cause = result.get("root_cause") or {}
print(f"investigation: playbook {result.get('playbook', {}).get('name')}, {ok}/{len(steps)} steps ok, "
      f"{result.get('duration_ms')} ms")
print(f"root cause: {cause.get('category')} (scenario truth: {truth.get('category')}) refs {cause.get('refs')}")
PY
kill -TERM "$sandbox_pid"
sandbox_rc=0
wait "$sandbox_pid" || sandbox_rc=$?
sandbox_pid=""
[ "$sandbox_rc" -eq 0 ] || die "casefile-sandbox exited with $sandbox_rc after SIGTERM (expected 0)"
echo "sandbox: stopped cleanly"
finish_stage

# --- Summary -------------------------------------------------------------------------------
echo "=== sizes"
printf '%-40s %8s KiB\n' "$(basename "$deb")" "$(( $(stat -c %s "$deb") / 1024 ))"
printf '%-40s %8s KiB\n' "installed (Installed-Size)" "$(dpkg-deb -f "$deb" Installed-Size)"
printf '%-40s %8s MiB\n' "root after apt install" "$(du -sm --one-file-system "$root" | cut -f1)"
echo "=== timings"
printf '%s\n' "${timings[@]}"
echo "=== package-test total: $(( $(date +%s) - overall )) s"
