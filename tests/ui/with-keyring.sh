#!/bin/sh
# Runs a command the way a desktop user's Captioneer runs: inside a D-Bus session of its own with
# a GNOME Keyring (the Secret Service that QtKeychain talks to through libsecret), created and
# unlocked for the run, and HOME and every XDG directory in a fresh folder. Nothing of the
# user's or the machine's keyring, settings or bus is touched; the folder is removed afterwards
# and the keyring daemon ends with its bus.
#   with-keyring.sh COMMAND [ARGS...]
# The command sees CAPTIONEER_TEST_KEYRING_ROOT (the folder) and CAPTIONEER_TEST_KEYRING=1.
set -eu
root=$(mktemp -d "${TMPDIR:-/tmp}/captioneer-keyring.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
for d in home config data cache state runtime; do mkdir -p "$root/$d"; done
chmod 700 "$root/runtime"
export HOME="$root/home" XDG_CONFIG_HOME="$root/config" XDG_DATA_HOME="$root/data" \
    XDG_CACHE_HOME="$root/cache" XDG_STATE_HOME="$root/state" XDG_RUNTIME_DIR="$root/runtime" \
    CAPTIONEER_TEST_KEYRING_ROOT="$root" CAPTIONEER_TEST_KEYRING=1
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
status=0
dbus-run-session -- sh -c '
    # --unlock reads the new login keyring'"'"'s password from stdin and creates it unlocked.
    eval "$(printf captioneer-test | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    exec "$@"' with-keyring "$@" || status=$?
exit "$status"
