#!/usr/bin/env bash
# The monitor's own cost in the case most users run: headless at 1 Hz with one WebSocket client.
#
#   bench/idle/run.sh VANTAGE_BINARY [SECONDS=240]
#
# Starts VANTAGE_BINARY --headless --interval 1 in a temporary home, holds one client of
# vantage_loadgen on it (LOADGEN, default build/release/bench/loadgen/vantage_loadgen), and prints
# the server's CPU in percent of one core over SECONDS, from utime + stime in /proc/PID/stat.
# At 1 Hz a tick costs about a millisecond: run for minutes, run the binaries to compare side by
# side at the same time, and read differences under a few clock ticks as noise.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../headless.sh
source "$repo/bench/headless.sh"
if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '4p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
vantage=$1
seconds=${2:-240}
loadgen=${LOADGEN:-$repo/build/release/bench/loadgen/vantage_loadgen}
for binary in "$vantage" "$loadgen"; do
    [[ -x $binary ]] || { echo "run.sh: $binary not found; build it first" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
start_headless "$vantage" "$work"

"$loadgen" --url "ws://127.0.0.1:$port/ws" --clients 1 --seconds $((seconds + 10)) --warmup 2 \
    --server-pid "$server_pid" >"$work/loadgen" 2>&1 &
loadgen_pid=$!
sleep 5
t0=$(cpu_ticks "$server_pid")
s0=$(date +%s.%N)
sleep "$seconds"
t1=$(cpu_ticks "$server_pid")
s1=$(date +%s.%N)
wait "$loadgen_pid" || true
cpu=$(cpu_percent "$((t1 - t0))" "$s0" "$s1")
echo "$vantage: cpu=${cpu}% of a core over ${seconds} s ($((t1 - t0)) ticks);" \
    "$(grep -o 'gaps=[0-9]*' "$work/loadgen") $(grep -o 'server_rss_mib=[0-9.]*' "$work/loadgen")"
