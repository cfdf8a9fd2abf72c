#!/usr/bin/env bash
# kill -9 a writing vantage again and again; then the history file must pass
# PRAGMA integrity_check and hold every tick that was committed before each kill.
#
#   bench/store/killcycles.sh VANTAGE_BINARY [CYCLES=100]
#
# Each cycle starts VANTAGE_BINARY --headless at 10 Hz with history/flushSeconds=1, waits until
# a flush of this run is in the file, lists the stored ticks (vantage_store_bench --ticks, built
# beside it: STORE_BENCH overrides), waits a random 0 to 2 s more while it goes on writing, and
# kills it with SIGKILL. The tests run the same with 3 cycles (tests/core/store/tst_storekill).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '5p' "$0" | sed 's/^#   //' >&2
    exit 2
fi
vantage=$1
cycles=${2:-100}
bench=${STORE_BENCH:-$repo/build/release/bench/store/vantage_store_bench}
for binary in "$vantage" "$bench"; do
    [[ -x $binary ]] || { echo "killcycles.sh: $binary not found; build it first" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "killcycles.sh: needs sqlite3 (scripts/setup.sh)" >&2; exit 2; }

work=$(mktemp -d)
pid=
# The folder stays when the run fails, with the file and vantage's messages to look at.
trap '[[ -n $pid ]] && kill -9 "$pid" 2>/dev/null; [[ $ok == 1 ]] && rm -rf "$work"' EXIT
ok=0
printf '[history]\nflushSeconds=1\n' >"$work/v.conf"
# Copies, so that a rebuild during the run does not swap the binaries under it.
cp "$vantage" "$work/vantage"
cp "$bench" "$work/bench"
vantage=$work/vantage
bench=$work/bench
db=$work/data/history.db
stored() { [[ -f $db ]] && "$bench" --ticks "$db" 2>/dev/null | wc -l || echo 0; }
: >"$work/committed"

for cycle in $(seq "$cycles"); do
    before=$(stored)
    HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/xdg \
        "$vantage" --headless --port 0 --interval 0.1 --config "$work/v.conf" \
        --data-dir "$work/data" >"$work/out" 2>>"$work/err" &
    pid=$!
    for _ in $(seq 200); do
        (($(stored) > before)) && break
        sleep 0.1
    done
    (($(stored) > before)) || { echo "cycle $cycle: nothing stored in 20 s; see $work" >&2; exit 1; }
    "$bench" --ticks "$db" >>"$work/committed"
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", r / 32767 * 2 }')"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
done

check=$(sqlite3 "$db" 'PRAGMA integrity_check')
"$bench" --ticks "$db" | sort -u >"$work/after"
sort -u "$work/committed" >"$work/before"
missing=$(comm -23 "$work/before" "$work/after" | wc -l)
echo "cycles=$cycles integrity=$check committed=$(wc -l <"$work/before")" \
    "stored=$(wc -l <"$work/after") missing=$missing"
[[ $check == ok && $missing == 0 ]] || { echo "see $work" >&2; exit 1; }
ok=1
