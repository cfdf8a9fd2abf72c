#!/usr/bin/env bash
# How long the Prometheus-backed fleet overview takes to refresh with 1,000 instances (target:
# <= 1 s): PrometheusFleet's whole refresh, every query answered and parsed into rows.
#
#   bench/fleet/prometheus1000.sh [INSTANCES=1000] [RUNS=10]
#
# Writes OpenMetrics for INSTANCES Vantage hosts (bench/fleet/prometheus_openmetrics.py: every
# metric the overview queries, one sample every STEP seconds over the last HOURS hours), turns it
# into TSDB blocks with `promtool tsdb create-blocks-from openmetrics`, starts Prometheus on them
# on 127.0.0.1:PORT, and times RUNS refreshes with vantage_prometheus_bench (built with
# VANTAGE_BUILD_BENCH), which also shows where the time goes, query by query.
# promtool and prometheus come from scripts/prometheus.sh (Debian's package, extracted).
# The samples run 15 minutes past the start: an instant query reads the latest sample of the last
# 5 minutes before its time, and writing and converting them takes a few minutes.
# Environment: PORT (47690), STEP (15), HOURS (2), BENCH (the bench program).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
if [[ $# -gt 2 ]]; then
    sed -n '5p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
instances=${1:-1000}
runs=${2:-10}
port=${PORT:-47690}
step=${STEP:-15}
hours=${HOURS:-2}
bench=${BENCH:-$repo/build/release/bench/fleet/vantage_prometheus_bench}
[[ -x $bench ]] || { echo "prometheus1000.sh: $bench not found; build vantage_prometheus_bench" >&2; exit 2; }
"$repo/scripts/prometheus.sh"
tools=$repo/build/tools/prometheus/usr/bin

work=$(mktemp -d)
prometheus_pid=
stop_all() {
    if [[ -n $prometheus_pid ]]; then
        kill "$prometheus_pid" 2>/dev/null || true
        wait "$prometheus_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop_all EXIT

now=$(date +%s)
start=$((now - hours * 3600))
seconds() { echo $(( $(date +%s%N) / 1000000 - $1 )); }
began=$(( $(date +%s%N) / 1000000 ))
python3 "$repo/bench/fleet/prometheus_openmetrics.py" "$instances" "$start" $((now + 900)) "$step" \
    >"$work/fleet.om"
samples=$(($(wc -l <"$work/fleet.om") - 1))
echo "openmetrics: $samples samples of $instances instances, ${hours} h at ${step} s, in $(seconds "$began") ms"
began=$(( $(date +%s%N) / 1000000 ))
"$tools/promtool" tsdb create-blocks-from openmetrics "$work/fleet.om" "$work/data" >/dev/null
rm "$work/fleet.om"
echo "promtool tsdb create-blocks-from openmetrics: $(du -sh "$work/data" | cut -f1) in $(seconds "$began") ms"

printf 'global:\n  scrape_interval: 15s\n' >"$work/prometheus.yml"
"$tools/prometheus" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$port" --log.level=warn &
prometheus_pid=$!
for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
    kill -0 "$prometheus_pid" 2>/dev/null || { echo "prometheus1000.sh: prometheus exited" >&2; exit 1; }
    sleep 0.5
done
curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null ||
    { echo "prometheus1000.sh: prometheus not ready within 60 s" >&2; exit 1; }
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$bench" "http://127.0.0.1:$port/" "$runs"
