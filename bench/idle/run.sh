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
HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state \
    "$vantage" --headless --port 0 --interval 1 --config "$work/v.conf" >"$work/out" 2>"$work/err" &
server_pid=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's|^Serving dashboard at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$work/out")
    [[ -n $port ]] && break
    sleep 0.1
done
[[ -n $port ]] || { echo "run.sh: vantage did not start:" >&2; cat "$work/err" >&2; exit 1; }

"$loadgen" --url "ws://127.0.0.1:$port/ws" --clients 1 --seconds $((seconds + 10)) --warmup 2 \
    --server-pid "$server_pid" >"$work/loadgen" 2>&1 &
loadgen_pid=$!
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
t0=$(ticks)
s0=$(date +%s.%N)
sleep "$seconds"
t1=$(ticks)
s1=$(date +%s.%N)
wait "$loadgen_pid" || true
cpu=$(awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v s0="$s0" -v s1="$s1" \
    'BEGIN { printf "%.3f", t / hz * 100 / (s1 - s0) }')
echo "$vantage: cpu=${cpu}% of a core over ${seconds} s ($((t1 - t0)) ticks);" \
    "$(grep -o 'gaps=[0-9]*' "$work/loadgen") $(grep -o 'server_rss_mib=[0-9.]*' "$work/loadgen")"
