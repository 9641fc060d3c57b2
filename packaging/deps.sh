#!/usr/bin/env bash
# The single list of Debian 12 packages Captioneer needs to build, run, test, benchmark and package.
# Installs only what is missing; runs `apt-get update` only when a package cannot be found in the
# current lists (or the lists are empty). Uses sudo when not root. Safe to run repeatedly.
set -euo pipefail

packages=(
  # toolchain and build
  cmake ninja-build g++ pkg-config git file clang-format
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n qt6-svg-dev qt6-qpa-plugins libgl-dev
  # media
  libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libavfilter-dev ffmpeg sox
  # providers
  qcoro-qt6-dev qtkeychain-qt6-dev libcpp-httplib-dev libssl-dev
  # offline engines
  libpocketsphinx-dev pocketsphinx-en-us pocketsphinx pocketsphinx-testdata
  libespeak-ng-dev espeak-ng
  # tests, benchmarks, screenshots
  # a real Secret Service for the keychain test (tests/ui/with-keyring.sh); QtKeychain opens
  # libsecret at run time
  gnome-keyring libsecret-1-0 dbus-user-session
  pulseaudio pulseaudio-utils chromium xvfb xauth x11-apps imagemagick libbenchmark-dev
  # Chinese glyphs, so the zh_CN layout test (tests/ui/tst_translation) measures real widths
  fonts-noto-cjk
  python3 procps time
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
  # packaging and desktop integration checks
  dpkg-dev appstream desktop-file-utils shared-mime-info librsvg2-bin libxml2-utils groff-base
  man-db python3-yaml
)

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps.sh: installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive

lists_empty() { ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; }
all_known() {
  for p in "${missing[@]}"; do
    apt-cache show "$p" >/dev/null 2>&1 || return 1
  done
}

if lists_empty || ! all_known; then
  "${sudo[@]}" apt-get update -q
fi
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
