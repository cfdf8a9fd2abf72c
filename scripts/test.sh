#!/usr/bin/env bash
# Sets up, builds and runs every test. Extra arguments go to ctest (for example -R settings).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release
"$root/scripts/prometheus.sh"
ctest --preset release "$@"
