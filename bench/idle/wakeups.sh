#!/usr/bin/env bash
# How often a headless vantage wakes up when nobody asks it anything, and with one client.
#
#   bench/idle/wakeups.sh VANTAGE_BINARY [SECONDS=60]
#
# Starts VANTAGE_BINARY --headless --interval 1 in a temporary home, waits 10 s for start-up to
# settle, then counts context switches (voluntary and involuntary, from /proc/PID/task/*/status)
# over SECONDS, for all threads and for the main thread, and prints them per second; then the
# voluntary ones alone (a thread that sleeps and is woken), as the involuntary ones (preempted)
# follow the machine's load more than the process. At 1 Hz an idle monitor should wake once a
# second: the tick. Then it does the same with one client of vantage_loadgen connected (LOADGEN,
# default build/release/bench/loadgen/vantage_loadgen), when that is built. Extra environment
# (QT_NO_GLIB=1, say) passes through to vantage.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../headless.sh
source "$repo/bench/headless.sh"
if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '4p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
vantage=$1
seconds=${2:-60}
loadgen=${LOADGEN:-$repo/build/release/bench/loadgen/vantage_loadgen}
[[ -x $vantage ]] || { echo "wakeups.sh: $vantage not found; build it first" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
loadgen_pid=
cleanup() {
    [[ -n $loadgen_pid ]] && kill "$loadgen_pid" 2>/dev/null
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# Context switches of the process PID, summed over its threads: "all main all_voluntary
# main_voluntary". A thread that ends inside the window takes its count with it, so threads
# should live as long as the process.
switches() {
    local pid=$1
    awk -v main="/proc/$pid/task/$pid/status" '
        /^(non)?voluntary_ctxt_switches:/ { all += $2; if (FILENAME == main) mine += $2 }
        /^voluntary_ctxt_switches:/ { vall += $2; if (FILENAME == main) vmine += $2 }
        END { print all + 0, mine + 0, vall + 0, vmine + 0 }' /proc/"$pid"/task/*/status
}

# Prints the wakeups per second of the running server over SECONDS, labelled LABEL.
measure() {
    local label=$1 before after s0 s1 threads
    read -r -a before <<<"$(switches "$server_pid")"
    s0=$(date +%s.%N)
    sleep "$seconds"
    read -r -a after <<<"$(switches "$server_pid")"
    s1=$(date +%s.%N)
    threads=$(find /proc/"$server_pid"/task -mindepth 1 -maxdepth 1 | wc -l)
    awk -v l="$label" -v a="$((after[0] - before[0]))" -v m="$((after[1] - before[1]))" \
        -v va="$((after[2] - before[2]))" -v vm="$((after[3] - before[3]))" \
        -v s0="$s0" -v s1="$s1" -v t="$threads" \
        'BEGIN { s = s1 - s0
                 printf "%s: wakeups/s (all threads) %.2f, main thread %.2f;", l, a / s, m / s
                 printf " voluntary only %.2f, %.2f (%d threads, %.0f s)\n", va / s, vm / s, t, s }'
}

start_headless "$vantage" "$work"
sleep 10
measure "no client"

if [[ -x $loadgen ]]; then
    "$loadgen" --url "ws://127.0.0.1:$port/ws" --clients 1 --seconds $((seconds + 20)) \
        --warmup 2 --server-pid "$server_pid" >"$work/loadgen" 2>&1 &
    loadgen_pid=$!
    sleep 10
    measure "one client"
else
    echo "one client: skipped, $loadgen not built"
fi
