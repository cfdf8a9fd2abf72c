#!/usr/bin/env bash
# The desktop benchmark: the window open on the Overview, interval 1 s, a full hour of history in
# every chart, software rendering under Xvfb. Prints the process's CPU (percent of one core,
# averaged over the run) and its resident memory at the end. Goal: <= 2 % and <= 120 MiB.
# Usage: bench/desktop/run.sh [BUILD_DIR] [SECONDS] [VIEW] [CHART_WINDOW_SECONDS] [WIDTHxHEIGHT]
#        (defaults: build 600 0 3600 1280x800: ten minutes on the Overview showing the whole hour)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
seconds=${2:-600}
view=${3:-0}
chart=${4:-3600}
size=${5:-1280x800}

cmake --build "$build" --target desktop_bench >/dev/null
echo "desktop_bench: ${seconds} s on view ${view}, ${chart} s charts, software rendering, Xvfb"
QT_QUICK_BACKEND=software QT_LOGGING_RULES='*.debug=false' \
    xvfb-run -a -s '-screen 0 1920x1200x24' "$build/bench/desktop/desktop_bench" "$seconds" "$view" "$chart" "$size"
