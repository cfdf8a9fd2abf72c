#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz for longer than the test run does, each on a working
# corpus of its own (the committed seeds plus what earlier runs of this script found), and prints
# one Markdown table: executions, coverage (cov: code edges reached, ft: features, the finer
# measure libFuzzer steers by), corpus size and what was found. libFuzzer runs in fork mode, so a
# crash does not end the run: each crash, leak, timeout (over 5 s) and out-of-memory input
# (over 2 GiB) is saved and counted. Builds nothing: build the fuzz preset first
# (cmake --preset fuzz && cmake --build --preset fuzz).
#
#   bench/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 600, every target)
#
# TARGET is a name as in tests/fuzz/fuzz_<name>.cpp (httprequest, inifile, ...).
# Environment: BUILD_DIR (build/sanitize under the repository), JOBS (targets run at once, 1).
# What a run finds is kept in $BUILD_DIR/bench-fuzz/<target>/found-<time>/; replay an input with
# $BUILD_DIR/tests/fuzz/fuzz_<target> <file>.
# Exit status: 0 when nothing was found, 1 when something was, 2 when a binary is missing.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$repo/build/sanitize}
jobs=${JOBS:-1}
seconds=${1:-600}
shift $(($# > 0 ? 1 : 0))
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh: SECONDS_PER_TARGET must be a positive whole number, not '$seconds'" >&2
    exit 2
fi

targets=("$@")
if ((${#targets[@]} == 0)); then
    for source in "$repo"/tests/fuzz/fuzz_*.cpp; do
        name=$(basename "$source" .cpp)
        targets+=("${name#fuzz_}")
    done
fi
for name in "${targets[@]}"; do
    if [[ ! -x $build/tests/fuzz/fuzz_$name ]]; then
        echo "run.sh: $build/tests/fuzz/fuzz_$name not found; build the fuzz preset first" >&2
        exit 2
    fi
done

stamp=$(date +%Y%m%d-%H%M%S)
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# One target, its output in <work>/run-<time>.log.
fuzz() {
    local name=$1
    local work=$build/bench-fuzz/$name
    local found=$work/found-$stamp
    local options=()
    local optionsFile=$repo/tests/fuzz/fuzz_$name.options
    [[ -f $optionsFile ]] && mapfile -t options < <(grep '^-' "$optionsFile")
    mkdir -p "$work/corpus" "$found"
    cp -R "$repo/tests/fuzz/corpus/$name/." "$work/corpus/"
    (cd "$work" && "$build/tests/fuzz/fuzz_$name" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
        -ignore_ooms=1 -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="$found/" "${options[@]}" "$work/corpus" >"$work/run-$stamp.log" 2>&1) ||
        true
}

running=0
for name in "${targets[@]}"; do
    if ((running >= jobs)); then
        wait -n
        running=$((running - 1))
    fi
    echo "fuzzing $name for $seconds s" >&2
    fuzz "$name" &
    running=$((running + 1))
done
wait

status=0
echo "| target | executions | cov | ft | corpus | crashes | leaks | timeouts | ooms |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for name in "${targets[@]}"; do
    work=$build/bench-fuzz/$name
    found=$work/found-$stamp
    # Fork mode's progress lines: "#<executions>: cov: N ft: N corp: N exec/s N ...".
    last=$(grep -E '^#[0-9]+: cov:' "$work/run-$stamp.log" | tail -n 1 || true)
    read -r runs cov ft corpus < <(sed -E \
        's/^#([0-9]+): cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/\1 \2 \3 \4/' <<<"${last:-- - - -}")
    count() { find "$found" -maxdepth 1 -name "$1-*" | wc -l; }
    crashes=$(count crash) leaks=$(count leak) timeouts=$(count timeout) ooms=$(count oom)
    echo "| $name | $runs | $cov | $ft | $corpus | $crashes | $leaks | $timeouts | $ooms |"
    if ((crashes + leaks + timeouts + ooms > 0)); then
        status=1
        echo "found by $name: $found (log: $work/run-$stamp.log)" >&2
    fi
done
exit $status
