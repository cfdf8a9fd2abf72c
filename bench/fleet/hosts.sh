#!/usr/bin/env bash
# What a hub costs with a fleet of live hosts at 1 Hz (target: <= 5 % of one core, <= 150 MiB).
#
#   bench/fleet/hosts.sh [VANTAGE_BINARY] [HOSTS=50] [SECONDS=120]
#
# Starts HOSTS real headless vantage processes (VANTAGE_BINARY, default build/release/app/vantage),
# each in its own temporary home with its own settings file: server/bind 127.0.0.2, 127.0.0.3, …,
# the fixed port PORT, its own server/token. Then a headless hub on 127.0.0.1 whose fleet list
# names them all with their tokens; waits until GET /api/v1/fleet shows every host up; attaches
# one WebSocket client (bench/fleet/hosts-client.mjs) subscribed to the `fleet` topic; and reads
# the hub's utime + stime from /proc/PID/stat over SECONDS, then its RSS and PSS. The hosts'
# own CPU over the same window is printed apart: it loads the machine, not the hub.
# When HOSTS processes do not fit in memory, fewer start and the hub lists each of them under
# several names (one connection per name), and the output says so.
# Environment: PORT (47650), SETTLE (10 s after the client subscribed), UP_TIMEOUT (120 s),
# HOST_MIB (40, the memory one host is counted for when deciding how many fit).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../headless.sh
source "$repo/bench/headless.sh"
if [[ $# -gt 3 ]]; then
    sed -n '4p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
vantage=${1:-$repo/build/release/app/vantage}
hosts=${2:-50}
seconds=${3:-120}
fixed_port=${PORT:-47650}
settle=${SETTLE:-10}
up_timeout=${UP_TIMEOUT:-120}
host_mib=${HOST_MIB:-40}
[[ -x $vantage ]] || { echo "hosts.sh: $vantage not found; build it first" >&2; exit 2; }
[[ $hosts =~ ^[0-9]+$ && $hosts -ge 1 && $hosts -le 250 ]] ||
    { echo "hosts.sh: HOSTS must be 1 to 250 (one loopback address each)" >&2; exit 2; }
client=(node --experimental-websocket --no-warnings "$repo/bench/fleet/hosts-client.mjs")

# Half of the memory available goes to the hosts; the rest stays for the hub and everything else.
available_mib=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
processes=$((available_mib / 2 / host_mib))
((processes > hosts)) && processes=$hosts
((processes >= 1)) || { echo "hosts.sh: ${available_mib} MiB available, not one host fits" >&2; exit 1; }

work=$(mktemp -d)
host_pids=()
server_pid=
client_pid=
stop_all() {
    local pid
    for pid in $client_pid $server_pid "${host_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $client_pid $server_pid "${host_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap stop_all EXIT

# Host i (1-based) listens on 127.0.0.(i+1):fixed_port with the token host-token-<i>-<random>.
for i in $(seq "$processes"); do
    dir=$work/host$i
    mkdir -p "$dir"
    printf '[server]\nbind=127.0.0.%d\nport=%d\ntoken=host-token-%d-%s\n' \
        $((i + 1)) "$fixed_port" "$i" "$RANDOM$RANDOM" >"$dir/v.conf"
    HOME=$dir XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data XDG_STATE_HOME=$dir/state \
        "$vantage" --headless --interval 1 --config "$dir/v.conf" >"$dir/out" 2>"$dir/err" &
    host_pids+=($!)
done
for i in $(seq "$processes"); do
    dir=$work/host$i
    for _ in $(seq 300); do
        grep -q '^Serving dashboard at' "$dir/out" && break
        kill -0 "${host_pids[i - 1]}" 2>/dev/null || break
        sleep 0.1
    done
    grep -q '^Serving dashboard at' "$dir/out" ||
        { echo "host $i did not start:" >&2; cat "$dir/err" >&2; exit 1; }
done

# Hub entry k (1-based) is named hNN and points at host ((k-1) mod processes) + 1.
hub=$work/hub
mkdir -p "$hub"
for k in $(seq "$hosts"); do
    i=$(((k - 1) % processes + 1))
    printf '[fleet/host/h%02d]\nurl=http://127.0.0.%d:%d/\ntoken=%s\n\n' "$k" $((i + 1)) \
        "$fixed_port" "$(sed -n 's/^token=//p' "$work/host$i/v.conf")"
done >"$hub/v.conf"
start_headless "$vantage" "$hub"
hub_url=http://127.0.0.1:$port/

"${client[@]}" wait "$hub_url" "$hosts" "$up_timeout"
"${client[@]}" subscribe "$hub_url" >"$work/client" 2>&1 &
client_pid=$!
sleep "$settle"

host_ticks() {
    local pid total=0
    for pid in "${host_pids[@]}"; do total=$((total + $(cpu_ticks "$pid"))); done
    echo "$total"
}
t0=$(cpu_ticks "$server_pid")
h0=$(host_ticks)
s0=$(date +%s.%N)
sleep "$seconds"
t1=$(cpu_ticks "$server_pid")
h1=$(host_ticks)
s1=$(date +%s.%N)
rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")
pss_kib=$(awk '/^Pss:/ {print $2}' "/proc/$server_pid/smaps_rollup")
hosts_pss_kib=0
for pid in "${host_pids[@]}"; do
    hosts_pss_kib=$((hosts_pss_kib + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
done
states=$("${client[@]}" states "$hub_url")
kill "$client_pid"
wait "$client_pid" || true
client_pid=

if ((processes == hosts)); then
    echo "fleet: $hosts hosts, each its own headless vantage at 1 Hz on 127.0.0.2..127.0.0.$((hosts + 1))"
else
    echo "fleet: $hosts hub entries over $processes headless vantage processes at 1 Hz" \
        "(${available_mib} MiB available, ${host_mib} MiB counted a host): several names per process," \
        "one connection per name"
fi
echo "hub: $vantage --headless, window ${seconds} s after every host was up and ${settle} s of settling"
cat "$work/client"
echo "hub cpu: $(cpu_percent "$((t1 - t0))" "$s0" "$s1")% of one core ($((t1 - t0)) ticks);" \
    "target <= 5 %"
awk -v r="$rss_kib" -v p="$pss_kib" \
    'BEGIN { printf "hub memory: rss %.1f MiB, target <= 150 MiB; pss %.1f MiB\n", r / 1024, p / 1024 }'
echo "hosts cpu: $(cpu_percent "$((h1 - h0))" "$s0" "$s1")% of one core, all $processes together" \
    "(machine load, not the hub's)"
awk -v p="$hosts_pss_kib" -v n="$processes" \
    'BEGIN { printf "hosts memory: pss %.1f MiB together, %.1f MiB each\n", p / 1024, p / 1024 / n }'
echo "hub states at the end: $states"
