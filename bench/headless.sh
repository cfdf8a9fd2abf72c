# Sourced by the bench scripts that measure a headless vantage: one way to start it and to read
# its CPU, so their figures compare.

# Starts VANTAGE headless at 1 Hz on a free port in the temporary home WORK, with any further
# arguments; sets server_pid and port, or exits 1 with vantage's stderr when it does not start.
# Output goes to WORK/out.$RANDOM.
start_headless() {
    local vantage=$1 work=$2 out
    shift 2
    out=$work/out.$RANDOM
    HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state \
        "$vantage" --headless --port 0 --interval 1 --config "$work/v.conf" "$@" \
        >"$out" 2>"$out.err" &
    server_pid=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's|^Serving dashboard at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$out")
        [[ -n $port ]] && break
        sleep 0.1
    done
    [[ -n $port ]] || { echo "vantage did not start:" >&2; cat "$out.err" >&2; exit 1; }
}

# utime + stime of PID, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Percent of one core from T ticks over the wall seconds between S0 and S1 (date +%s.%N).
cpu_percent() {
    awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v s0="$2" -v s1="$3" \
        'BEGIN { printf "%.3f", t / hz * 100 / (s1 - s0) }'
}
