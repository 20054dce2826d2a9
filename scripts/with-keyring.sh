#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (the Secret
# Service), e.g. the keychain tests: scripts/with-keyring.sh build/tests/secrets/tst_keychain
# The keyring lives in a temporary directory that is removed afterwards, so the user's own
# keyrings are never touched. Sets CASEFILE_KEYRING_SESSION=1 for the command.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring: $tool is missing (scripts/setup-deps.sh installs it)" >&2
        exit 2
    fi
done

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/casefile-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data"
export XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY # no GUI prompts: the keyring is unlocked with a fixed password
export CASEFILE_KEYRING_SESSION=1

# An empty password makes gnome-keyring prompt for a new login keyring, which cannot work
# headless; a throwaway password creates and unlocks it at once.
dbus-run-session -- bash -c '
    printf "casefile-test\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' with-keyring "$@"
