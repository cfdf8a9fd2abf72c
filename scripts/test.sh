#!/usr/bin/env bash
# Sets up, builds and runs every test: the release build with the window, the web client and
# the browser, then the core again under AddressSanitizer and UBSan. Extra arguments go to both
# ctest runs (for example -R settings).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release
"$root/scripts/prometheus.sh"
ctest --preset release "$@"

cmake --preset sanitize -S "$root" >/dev/null
cmake --build --preset sanitize
ctest --preset sanitize "$@"
