#!/usr/bin/env bash
# Installs missing dependencies, builds Captioneer (Release) into build/ and runs it with ARGS.
# No arguments: the editor window. Example: ./run.sh --version, ./run.sh convert in.srt out.vtt
set -euo pipefail
cd "$(dirname "$0")"
./packaging/deps.sh >&2
generator=()
if command -v ninja >/dev/null 2>&1 && [ ! -f build/Makefile ]; then generator=(-G Ninja); fi
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target captioneer captioneer_sample -j"$(nproc)" >&2
exec ./build/app/captioneer "$@"
