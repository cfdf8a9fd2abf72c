#!/usr/bin/env bash
# Sets up, builds and runs every test: the release build with the window, the web client and
# the browser, then the core again under AddressSanitizer and UBSan (clang), then, from that
# same build, the libFuzzer targets of tests/fuzz for a bounded time each. Extra arguments go to every ctest run (for example
# -R settings).
#
# Each test runs in a home of its own (tests/CMakeLists.txt); this script also proves it: a
# vantage file that appears in the invoking user's HOME during the run fails the run. Tests
# that skipped are listed with their reasons at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT

# Vantage files under HOME (outside this checkout) changed since the run began.
touched_user_files() {
    find "$HOME" -path "$root" -prune -o -newer "$stamp" -iname '*vantage*' -print 2>/dev/null
}

# The reason of every QSKIP of the last ctest run in a build folder.
list_skips() {
    local log="$root/build/$1/Testing/Temporary/LastTest.log"
    [ -f "$log" ] && grep -h '^SKIP   : ' "$log" | sed "s/^SKIP   : /skipped ($1): /" || true
}

# Runs a step and notes how long it took: the summary at the end shows where CI's time goes.
timings=()
step() {
    local name=$1 start=$SECONDS
    shift
    "$@"
    timings+=("$(printf '%5d s  %s' $((SECONDS - start)) "$name")")
}

step "setup and release build" "$root/scripts/setup.sh" release
step "prometheus" "$root/scripts/prometheus.sh"
step "alertmanager" "$root/scripts/alertmanager.sh"
step "release tests" ctest --preset release "$@"

# One clang build serves both: the core's tests under the sanitizers, and the fuzz targets,
# which need clang's libFuzzer (two builds of the core cost CI minutes for nothing).
cmake --preset sanitize -S "$root" >/dev/null
step "sanitize build" cmake --build --preset sanitize
step "sanitize tests" ctest --preset sanitize "$@"
step "fuzz tests" ctest --preset fuzz "$@"

leaked=$(touched_user_files)
if [ -n "$leaked" ]; then
    echo "test: the tests wrote to the user's own files:" >&2
    echo "$leaked" >&2
    exit 1
fi
list_skips release
list_skips sanitize
printf "test: %s\n" "${timings[@]}"
