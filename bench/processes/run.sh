#!/usr/bin/env bash
# What the process list costs: the headless monitor at 1 Hz with one client that does not
# subscribe to `processes`, and with one that does, at this machine's PIDs and with EXTRA more
# sleeping processes.
#
#   bench/processes/run.sh VANTAGE_BINARY [SECONDS=120] [EXTRA=5000]
#
# Runs four servers one after the other (no subscriber / one subscriber, without / with the
# extra processes) and prints each one's CPU in percent of one core over SECONDS, from
# utime + stime in /proc/PID/stat, and its RSS at the end. The extra processes are `sleep`s
# started by this script and killed when it ends, however it ends.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../headless.sh
source "$repo/bench/headless.sh"
if [[ $# -lt 1 || $# -gt 3 ]]; then
    sed -n '6p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
vantage=$1
seconds=${2:-120}
extra=${3:-5000}
loadgen=${LOADGEN:-$repo/build/release/bench/loadgen/vantage_loadgen}
for binary in "$vantage" "$loadgen"; do
    [[ -x $binary ]] || { echo "run.sh: $binary not found; build it first" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=
sleepers=()
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
    ((${#sleepers[@]})) && kill "${sleepers[@]}" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# Prints "cpu=…% rss_mib=…" of one server run with one client, subscribed or not.
measure() {
    local subscribe=$1
    start_headless "$vantage" "$work"
    local args=(--url "ws://127.0.0.1:$port/ws" --clients 1 --seconds $((seconds + 10))
        --warmup 2 --server-pid "$server_pid")
    [[ $subscribe == yes ]] && args+=(--subscribe processes)
    "$loadgen" "${args[@]}" >/dev/null 2>&1 &
    local loadgen_pid=$!
    sleep 5
    local t0 s0 t1 s1
    t0=$(cpu_ticks "$server_pid")
    s0=$(date +%s.%N)
    sleep "$seconds"
    t1=$(cpu_ticks "$server_pid")
    s1=$(date +%s.%N)
    local rss
    rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status")
    wait "$loadgen_pid" || true
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    echo "cpu=$(cpu_percent "$((t1 - t0))" "$s0" "$s1")% of a core ($((t1 - t0)) ticks) rss_mib=$rss"
}

report() {
    local label=$1
    echo "$label, no subscriber:   $(measure no)"
    echo "$label, one subscriber:  $(measure yes)"
}

echo "processes now: $(ls -d /proc/[0-9]* | wc -l); ${seconds} s each"
report "today's PIDs"
for _ in $(seq "$extra"); do
    sleep 100000 &
    sleepers+=($!)
done
echo "processes now: $(ls -d /proc/[0-9]* | wc -l)"
report "with $extra extra"
