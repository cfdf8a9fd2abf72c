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
    local subscribe=$1 port= out=$work/out.$RANDOM
    HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state \
        "$vantage" --headless --port 0 --interval 1 --config "$work/v.conf" >"$out" 2>"$out.err" &
    server_pid=$!
    for _ in $(seq 100); do
        port=$(sed -n 's|^Serving dashboard at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$out")
        [[ -n $port ]] && break
        sleep 0.1
    done
    [[ -n $port ]] || { echo "run.sh: vantage did not start:" >&2; cat "$out.err" >&2; exit 1; }
    local args=(--url "ws://127.0.0.1:$port/ws" --clients 1 --seconds $((seconds + 10))
        --warmup 2 --server-pid "$server_pid")
    [[ $subscribe == yes ]] && args+=(--subscribe processes)
    "$loadgen" "${args[@]}" >"$out.loadgen" 2>&1 &
    local loadgen_pid=$!
    sleep 5
    ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
    local t0 s0 t1 s1
    t0=$(ticks)
    s0=$(date +%s.%N)
    sleep "$seconds"
    t1=$(ticks)
    s1=$(date +%s.%N)
    local rss
    rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status")
    wait "$loadgen_pid" || true
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v s0="$s0" -v s1="$s1" -v rss="$rss" \
        'BEGIN { printf "cpu=%.3f%% of a core (%d ticks) rss_mib=%s", t / hz * 100 / (s1 - s0), t, rss }'
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
