#!/usr/bin/env bash
# Builds the .deb, installs it with apt the way a user would, and runs the installed program away
# from the build tree: --version names the package version, convert turns an SRT fixture into the
# expected WebVTT and back, speak synthesises offline (espeak-ng-data), transcribe recognises that
# speech offline (pocketsphinx-en-us), and the desktop files are registered. The package is
# removed again afterwards unless it was installed before. Called by .ci/run after ./test.sh.
#
# Usage: packaging/check-installed-package.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(realpath "${1:-build}")
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

fail() { echo "check-installed-package: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "building the package"
rm -f "$build"/captioneer_*.deb
cmake --build "$build" --target package
debs=("$build"/captioneer_*.deb)
[ -f "${debs[0]}" ] && [ ${#debs[@]} -eq 1 ] || fail "expected one captioneer_*.deb in $build"
deb=${debs[0]}
version=$(dpkg-deb --field "$deb" Version)
echo "$deb (version $version)"

step "checking its contents and dependencies"
allowed='^\./usr/(bin/captioneer$|share/(applications|metainfo|mime/packages|icons/hicolor|man/man1)/)'
unexpected=$(dpkg-deb --contents "$deb" | awk '$1 !~ /^d/ {print $6}' | grep -v -E "$allowed" || true)
[ -z "$unexpected" ] || fail "files that do not belong in the package:"$'\n'"$unexpected"
depends=$(dpkg-deb --field "$deb" Depends)
for need in pocketsphinx-en-us espeak-ng-data libqt6widgets6 libqt6multimedia6 libavformat; do
  [[ "$depends" == *"$need"* ]] || fail "Depends lacks $need: $depends"
done

step "installing it with apt-get"
before=$(dpkg-query -W -f='${db:Status-Status}' captioneer 2>/dev/null || true)
cleanup() {
  if [ "$before" != installed ]; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get remove -y -q captioneer >/dev/null || true
  fi
  rm -rf "$tmp"
}
tmp=$(mktemp -d)
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "$deb"

# The installed program, with a clean environment, from a directory outside the source tree.
installed() {
  (cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" LC_ALL=C.UTF-8 /usr/bin/captioneer "$@")
}

step "captioneer --version"
out=$(installed --version)
echo "$out"
[ "$out" = "captioneer $version" ] || fail "--version printed '$out', not 'captioneer $version'"

step "captioneer convert"
installed convert "$src/tests/data/subtitles/basic.srt" "$tmp/basic.vtt"
cat > "$tmp/expected.vtt" <<'EOF'
WEBVTT

00:00:01.000 --> 00:00:03.500
Hello, world.

00:00:04.000 --> 00:00:06.250
This is the second cue,
with two lines.

00:00:07.001 --> 00:00:09.999
Third.

EOF
diff -u "$tmp/expected.vtt" "$tmp/basic.vtt" || fail "convert wrote unexpected WebVTT"
installed convert "$tmp/basic.vtt" - --to srt > "$tmp/back.srt"
diff -u "$src/tests/data/subtitles/basic.srt" "$tmp/back.srt" || fail "WebVTT to SRT changed cues"

step "captioneer speak (offline, eSpeak NG)"
installed speak "Subtitles for everyone." -o "$tmp/speech.wav"
[ "$(head -c 4 "$tmp/speech.wav")" = RIFF ] && [ "$(stat -c %s "$tmp/speech.wav")" -gt 10000 ] \
  || fail "speak did not write a WAV file"

step "captioneer transcribe (offline, PocketSphinx)"
installed transcribe "$tmp/speech.wav" -o "$tmp/speech.srt"
grep -q -- '-->' "$tmp/speech.srt" || fail "transcribe wrote no cue"
cat "$tmp/speech.srt"

step "desktop integration"
desktop-file-validate /usr/share/applications/io.github.captioneer.Captioneer.desktop
[ -f /usr/share/mime/application/x-captioneer-project.xml ] \
  || fail "the MIME database does not know application/x-captioneer-project"
[ "$(man -w captioneer)" = /usr/share/man/man1/captioneer.1.gz ] || fail "man captioneer not found"
[ -f /usr/share/icons/hicolor/48x48/apps/io.github.captioneer.Captioneer.png ] || fail "no icon"

echo "check-installed-package: the installed captioneer $version works"
