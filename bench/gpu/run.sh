#!/usr/bin/env bash
# What GPUs cost the headless monitor at 1 Hz with one client: the same binary twice, side by
# side, on two sysfs roots that differ only in GPUs. Both link every class of this machine's
# /sys except drm and hwmon; one has no GPU at all, the other three fixture GPUs laid out as
# the kernel lays them out (docs/metrics.md "GPUs"): an amdgpu dGPU awake with runtime PM off
# (every value read every tick), an amdgpu APU awake under runtime PM (wake-capable values once
# per 2 × autosuspend delay) and a suspended amdgpu dGPU (memory only). Each GPU's hwmon chip
# is in class/hwmon, so the sensor scan sees it as it would on the machine.
#
#   bench/gpu/run.sh VANTAGE_BINARY [SECONDS=240]
#
# Prints each server's CPU in percent of one core over SECONDS (utime + stime) and its RSS.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../headless.sh
source "$repo/bench/headless.sh"
if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '10p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
vantage=$1
seconds=${2:-240}
loadgen=${LOADGEN:-$repo/build/release/bench/loadgen/vantage_loadgen}
for binary in "$vantage" "$loadgen"; do
    [[ -x $binary ]] || { echo "run.sh: $binary not found; build it first" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
trap '((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT

# A sysfs root with every class of this machine but drm and hwmon.
machine_root() {
    local root=$1 class
    mkdir -p "$root/class"
    for class in /sys/class/*; do
        case ${class##*/} in drm | hwmon) ;; *) ln -s "$class" "$root/class/${class##*/}" ;; esac
    done
}

put() { mkdir -p "$(dirname "$1")" && echo "$2" >"$1"; }

# An amdgpu GPU at PCI ADDRESS as drm CARD, runtime status STATUS, power control CONTROL, its
# hwmon chip as class/hwmon/HWMON; the values are those of a working card.
add_gpu() {
    local root=$1 address=$2 card=$3 status=$4 control=$5 hwmon=$6
    local dev=$root/devices/pci0000:00/$address
    put "$dev/vendor" 0x1002
    put "$dev/device" 0x73ff
    mkdir -p "$root/bus/pci/drivers/amdgpu" "$dev/drm/$card" "$root/class/drm"
    ln -s ../../../bus/pci/drivers/amdgpu "$dev/driver"
    ln -s "../../../$address" "$dev/drm/$card/device"
    ln -s "../../devices/pci0000:00/$address/drm/$card" "$root/class/drm/$card"
    put "$dev/power/runtime_status" "$status"
    put "$dev/power/control" "$control"
    put "$dev/power/autosuspend_delay_ms" 5000
    put "$dev/gpu_busy_percent" 37
    put "$dev/mem_info_vram_used" 2147483648
    put "$dev/mem_info_vram_total" 8589934592
    put "$dev/mem_info_gtt_used" 268435456
    put "$dev/mem_info_gtt_total" 4294967296
    local chip=$dev/hwmon/$hwmon
    put "$chip/name" amdgpu
    put "$chip/temp1_input" 45000
    put "$chip/temp1_crit" 100000
    put "$chip/power1_average" 15000000
    put "$chip/power1_cap" 150000000
    put "$chip/freq1_input" 2100000000
    put "$chip/pwm1" 96
    put "$chip/pwm1_max" 255
    ln -s ../../../$address "$chip/device"
    mkdir -p "$root/class/hwmon"
    ln -s "../../devices/pci0000:00/$address/hwmon/$hwmon" "$root/class/hwmon/$hwmon"
}

plain=$work/plain
gpus=$work/gpus
machine_root "$plain"
machine_root "$gpus"
add_gpu "$gpus" 0000:03:00.0 card0 active on hwmon0
add_gpu "$gpus" 0000:07:00.0 card1 active auto hwmon1
add_gpu "$gpus" 0000:0a:00.0 card2 suspended auto hwmon2

declare -A server client
for name in plain gpus; do
    mkdir -p "$work/home-$name"
    start_headless "$vantage" "$work/home-$name" --sys-root "$work/$name"
    server[$name]=$server_pid
    pids+=("$server_pid")
    "$loadgen" --url "ws://127.0.0.1:$port/ws" --clients 1 --seconds $((seconds + 10)) \
        --warmup 2 --server-pid "$server_pid" >/dev/null 2>&1 &
    client[$name]=$!
    pids+=("$!")
done
sleep 5
# The last server started is the one with GPUs: say what it sees, so a broken tree shows.
curl -s "http://127.0.0.1:$port/api/v1/snapshot" | python3 -c \
    'import json,sys; print("gpus:", [(g["id"], g["state"]) for g in json.load(sys.stdin).get("gpus", [])])'
declare -A t0
for name in plain gpus; do t0[$name]=$(cpu_ticks "${server[$name]}"); done
s0=$(date +%s.%N)
sleep "$seconds"
s1=$(date +%s.%N)
for name in plain gpus; do
    ticks=$(($(cpu_ticks "${server[$name]}") - t0[$name]))
    rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/${server[$name]}/status")
    echo "$name: cpu=$(cpu_percent "$ticks" "$s0" "$s1")% of a core ($ticks ticks) rss_mib=$rss"
done
