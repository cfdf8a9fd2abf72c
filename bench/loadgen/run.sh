#!/usr/bin/env bash
# Runs vantage_loadgen against a fresh headless vantage for each interval (0.1 s, 1.0 s) and
# client count (10, 100, 1000) and prints one Markdown table. Builds nothing: build first.
#
#   bench/loadgen/run.sh [BUILD_DIR]      (default: build/release under the repository)
#
# Environment: SECONDS_PER_RUN (20), WARMUP (3), INTERVALS ("0.1 1.0"), CLIENTS ("10 100 1000").
# Exit status: 0 when every run gave a result, 1 when one did not, 2 when a binary is missing.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build/release}
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-3}
intervals=${INTERVALS:-0.1 1.0}
client_counts=${CLIENTS:-10 100 1000}
vantage=$build/app/vantage
loadgen=$build/bench/loadgen/vantage_loadgen

for binary in "$vantage" "$loadgen"; do
    if [[ ! -x $binary ]]; then
        echo "run.sh: $binary not found; build it first (cmake --build $build)" >&2
        exit 2
    fi
done

work=$(mktemp -d)
server_pid=
stop_server() {
    if [[ -n $server_pid ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# Starts vantage on a free port; sets server_pid, and port once the server says it is serving.
start_server() {
    local interval=$1 out=$work/server-$1-$2.out
    "$vantage" --headless --port 0 --interval "$interval" --max-connections 2000 \
        --config "$work/v-$1-$2.conf" >"$out" 2>"$work/server-$1-$2.err" &
    server_pid=$!
    for _ in $(seq 300); do
        port=$(sed -n 's|^Serving dashboard at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$out")
        if [[ -n $port ]]; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "run.sh: vantage did not say it was serving (exited, or 30 s passed); its stderr:" >&2
    cat "$work/server-$1-$2.err" >&2
    stop_server
    return 1
}

# The value of key=value in a result line, empty when it is not there.
field() { grep -o "\b$1=[^ ]*" <<<"$2" | cut -d= -f2 || true; }

row() {
    local interval=$1 clients=$2 line=$3 peak expected
    peak=$(grep -o 'peak [0-9.]*' <<<"$line" | cut -d' ' -f2 || true)
    expected=$(awk -v c="$clients" -v s="$seconds" -v i="$interval" 'BEGIN { printf "%d", c * s / i }')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s |\n' \
        "$interval" "$clients" "$(field samples "$line")" "$expected" "$(field p50_ms "$line")" \
        "$(field p99_ms "$line")" "$(field max_ms "$line")" "$(field first_p50_ms "$line")" \
        "$(field gaps "$line")" \
        "$(field closed "$line")" "$(field server_cpu_pct "$line")" \
        "$(field server_rss_mib "$line")" "$peak" "$(field loadgen_cpu_pct "$line")"
}

rows=()
failed_runs=0
for interval in $intervals; do
    for clients in $client_counts; do
        line=
        echo "interval $interval s, $clients clients: ${warmup} s warm-up + ${seconds} s ..." >&2
        if start_server "$interval" "$clients"; then
            line=$("$loadgen" --url "ws://127.0.0.1:$port/ws" --clients "$clients" \
                --seconds "$seconds" --warmup "$warmup" --server-pid "$server_pid") || true
            stop_server
        fi
        echo "  ${line:-no result}" >&2
        [[ -n $line ]] || failed_runs=$((failed_runs + 1))
        rows+=("$(row "$interval" "$clients" "$line")")
    done
done

echo "| interval s | clients | samples | expected | p50 ms | p99 ms | max ms | first p50 ms" \
    "| gaps | closed | server CPU % | server RSS MiB (peak) | loadgen CPU % |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
# Exit status 1 when a run gave no result line (its reason is on stderr above the table).
((failed_runs == 0))
