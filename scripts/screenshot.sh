#!/usr/bin/env bash
# Takes a screenshot of the editor window with real files loaded, under a private Xvfb display.
#   scripts/screenshot.sh OUTPUT.png [FILES...]
# Default files: the quick-start sample (build/sample/captioneer-sample.wav) and its subtitles.
# Settings, autosave and caches go to a temporary home, so the picture does not depend on the
# user's own state. Needs Xvfb and ImageMagick's `import` (packaging/deps.sh installs both).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/screenshot.sh OUTPUT.png [FILES...]}
shift || true
bin=${CAPTIONEER_BIN:-$here/build/app/captioneer}
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    files=("$here/build/sample/captioneer-sample.wav" "$here/docs/screenshots/captioneer-sample.captioneer")
fi
size=${SCREENSHOT_SIZE:-1440x900}
tmp=$(mktemp -d)
trap 'kill ${app:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.1
done
export DISPLAY=$display HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache \
    XDG_STATE_HOME=$tmp/state QT_QPA_PLATFORM=xcb PULSE_SERVER=none
mkdir -p "$HOME"
# A fixed window size: the whole screen.
# SCREENSHOT_ARGS: extra arguments, e.g. "--transcribe local" for the jobs panel.
# shellcheck disable=SC2086
"$bin" -geometry "${size}+0+0" ${SCREENSHOT_ARGS:-} "${files[@]}" >"$tmp/log" 2>&1 &
app=$!
sleep "${SCREENSHOT_DELAY:-4}"
if ! kill -0 "$app" 2>/dev/null; then
    echo "captioneer exited early:" >&2
    cat "$tmp/log" >&2
    exit 1
fi
import -display "$display" -window root "$out"
echo "wrote $out"
