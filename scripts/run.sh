#!/usr/bin/env bash
# Sets up, builds and starts Vantage: the desktop window when a display exists, headless
# otherwise. Extra arguments go to vantage (see `vantage --help`).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release

vantage=$root/build/release/app/vantage
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$vantage" "$@"
fi
exec "$vantage" --headless "$@"
