#!/usr/bin/env bash
# Installs missing dependencies, builds everything (Release) into build/ and runs the whole test
# suite with CTest under the offscreen platform. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
./packaging/deps.sh
generator=()
if command -v ninja >/dev/null 2>&1 && [ ! -f build/Makefile ]; then generator=(-G Ninja); fi
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
