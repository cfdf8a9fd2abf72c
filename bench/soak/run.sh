#!/usr/bin/env bash
# Soak: does vantage's memory stay put over hours of clients and over reconnects?
#
#   bench/soak/run.sh BUILD_DIR [MINUTES=60] [CYCLES=1000]
#
# 1. One vantage at 10 Hz holds CLIENTS (50) WebSocket clients of vantage_loadgen for MINUTES;
#    its VmRSS is read once a minute and the drift is printed in MiB per hour (target: < 2).
# 2. The same server then takes CYCLES WebSocket connect/disconnect cycles, CHURN_BATCH (10)
#    clients at a time; its VmRSS before and after is printed (target: < 1 MiB more).
#
# BUILD_DIR must hold app/vantage; the generator is BUILD_DIR/bench/loadgen/vantage_loadgen, or
# LOADGEN=/path/to/vantage_loadgen for a build made without the benchmarks. The release preset
# builds both: cmake --preset release && cmake --build --preset release --target vantage
# vantage_loadgen. Builds nothing itself.
#
# Environment: CLIENTS (50), INTERVAL (0.1 s), HISTORY_SECONDS (60: the history ring is full
# after the first minute, so what grows later is not the ring filling), CHURN_BATCH (10),
# SETTLE (5 s of quiet before each churn reading).
# Exit status: 0 when both parts ran (whatever the numbers), 1 when a part failed, 2 for bad
# arguments or a missing binary. The numbers are for a person: nothing here passes or fails.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
    sed -n '4p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
build=$1
minutes=${2:-60}
cycles=${3:-1000}
clients=${CLIENTS:-50}
interval=${INTERVAL:-0.1}
history_seconds=${HISTORY_SECONDS:-60}
batch=${CHURN_BATCH:-10}
settle=${SETTLE:-5}
vantage=$build/app/vantage
loadgen=${LOADGEN:-$build/bench/loadgen/vantage_loadgen}

for number in "$minutes" "$cycles" "$clients" "$batch" "$settle"; do
    if ! [[ $number =~ ^[1-9][0-9]*$ ]]; then
        echo "run.sh: '$number' is not a whole number above 0" >&2
        exit 2
    fi
done
for binary in "$vantage" "$loadgen"; do
    if [[ ! -x $binary ]]; then
        echo "run.sh: $binary not found; build it first (see the top of $0)" >&2
        exit 2
    fi
done

work=$(mktemp -d)
server_pid=
load_pid=
stop() {
    for pid in $load_pid $server_pid; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    load_pid=
    server_pid=
}
trap 'stop; rm -rf "$work"' EXIT

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$server_pid/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# A home of its own: the server reads and writes nothing of the invoking user's.
printf '[general]\nhistorySeconds=%s\n' "$history_seconds" >"$work/v.conf"
HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state \
    XDG_CACHE_HOME=$work/cache "$vantage" --headless --port 0 --interval "$interval" \
    --max-connections $((clients + batch + 10)) --config "$work/v.conf" \
    >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=
for _ in $(seq 300); do
    port=$(sed -n 's|^Serving dashboard at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$work/server.out")
    if [[ -n $port ]] || ! kill -0 "$server_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [[ -z $port ]]; then
    echo "run.sh: vantage did not say it was serving (exited, or 30 s passed); its stderr:" >&2
    cat "$work/server.err" >&2
    exit 1
fi
echo "vantage pid $server_pid on port $port, interval $interval s, history $history_seconds s" >&2

# Part 1: the soak. The generator's window is the soak, 10 s longer than the last reading so
# that every reading has all the clients connected; it prints its line at the end.
warmup=5
"$loadgen" --url "ws://127.0.0.1:$port/ws" --clients "$clients" --seconds $((minutes * 60 + 10)) \
    --warmup "$warmup" --server-pid "$server_pid" >"$work/soak.line" 2>"$work/soak.err" &
load_pid=$!
sleep "$warmup"
samples=()
for minute in $(seq 0 "$minutes"); do
    ((minute == 0)) || sleep 60
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run.sh: vantage exited during the soak; its stderr:" >&2
        cat "$work/server.err" >&2
        exit 1
    fi
    rss=$(rss_kib)
    samples+=("$minute $rss")
    echo "  minute $minute: RSS $(mib "$rss") MiB" >&2
done
soak_ok=1
wait "$load_pid" || soak_ok=0
load_pid=
line=$(cat "$work/soak.line")
[[ -n $line ]] || soak_ok=0

# Least-squares slope of RSS over time, from minute 1 on when there are two such readings: the
# first minute holds the connections' start-up and the history ring filling.
drift=$(printf '%s\n' "${samples[@]}" | awk -v total="$minutes" '
    { m[NR] = $1; r[NR] = $2 }
    END {
        first = (total >= 2) ? 2 : 1
        for (i = first; i <= NR; ++i) { n++; sx += m[i]; sy += r[i]; sxx += m[i] * m[i]; sxy += m[i] * r[i] }
        d = n * sxx - sx * sx
        if (n < 2 || d == 0) { print "n/a"; exit }
        printf "%.2f", (n * sxy - sx * sy) / d * 60 / 1024   # KiB a minute -> MiB an hour
    }')

# Part 2: churn. Each generator run opens CHURN_BATCH clients, waits for their handshakes and a
# tenth of a second of samples, and closes them.
sleep "$settle"
churn_before=$(rss_kib)
runs=$(((cycles + batch - 1) / batch))
failed_runs=0
for _ in $(seq "$runs"); do
    "$loadgen" --url "ws://127.0.0.1:$port/ws" --clients "$batch" --seconds 0.1 --warmup 0 \
        --server-pid "$server_pid" >/dev/null 2>>"$work/churn.err" || failed_runs=$((failed_runs + 1))
done
sleep "$settle"
churn_after=$(rss_kib)

echo
echo "soak: $clients clients at $interval s for $minutes min"
echo "  generator: ${line:-no result (see below)}"
echo "  RSS by minute (MiB): $(for s in "${samples[@]}"; do printf '%s ' "$(mib "${s#* }")"; done)"
echo "  RSS drift: $drift MiB/h (target < 2)$( ((minutes >= 10)) || echo "; from $minutes min, extrapolated: run longer to trust it")"
echo "churn: $((runs * batch)) connect/disconnect cycles, $batch at a time"
echo "  RSS before $(mib "$churn_before") MiB, after $(mib "$churn_after") MiB:" \
    "$(awk -v b="$churn_before" -v a="$churn_after" 'BEGIN { printf "%+.2f", (a - b) / 1024 }') MiB (target < 1)"
echo "  generator runs that failed: $failed_runs of $runs"
if ((!soak_ok)) || ((failed_runs > 0)); then
    echo "run.sh: a part failed; the generator said:" >&2
    cat "$work/soak.err" "$work/churn.err" >&2
    exit 1
fi
