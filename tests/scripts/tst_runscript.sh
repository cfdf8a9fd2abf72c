#!/usr/bin/env bash
# Who scripts/run.sh starts Vantage as, and how: never the window as root. Runs the script with
# VANTAGE_RUN_DRY=1, which prints the command it would exec and installs, builds and starts
# nothing. The root cases need root (CI runs as root); the user cases run as `nobody`
# (uid 65534 in /etc/passwd), dropped to with runuser when the test runs as root.
# Usage: tst_runscript.sh <source folder>
set -uo pipefail

script=$1/scripts/run.sh
vantage=$1/build/release/app/vantage
headless_line="run: running headless: the desktop window is not started as root; run this script as your user to get the window"
failures=0

# check <name> <expected stdout> <expected stderr> <command...>
check() {
    local name=$1 want_out=$2 want_err=$3 out err
    shift 3
    err=$(mktemp)
    out=$("$@" 2>"$err")
    if [ "$out" != "$want_out" ] || [ "$(cat "$err")" != "$want_err" ]; then
        echo "FAIL!  : $name"
        echo "   stdout: '$out'"
        echo "   wanted: '$want_out'"
        echo "   stderr: '$(cat "$err")'"
        echo "   wanted: '$want_err'"
        failures=$((failures + 1))
    else
        echo "PASS   : $name"
    fi
    rm -f "$err"
}

# A clean environment, only what the case names, as the user in as_user (none: this one).
as_user=()
dry() {
    "${as_user[@]}" env -i PATH="$PATH" VANTAGE_RUN_DRY=1 "$@"
}

if [ "$(id -u)" = 0 ]; then
    check "root, no sudo user, with a display: headless, and says why" \
        "$vantage --headless" "$headless_line" \
        dry DISPLAY=:0 bash "$script"
    check "root through sudo from root: headless, and says why" \
        "$vantage --headless --port 9" "$headless_line" \
        dry SUDO_USER=root WAYLAND_DISPLAY=wayland-0 bash "$script" --port 9
    check "root asking for --headless: no reason needed" \
        "$vantage --headless --port 9" "" \
        dry bash "$script" --headless --port 9

    # As nobody, with its own runtime folder only if one exists (it does not on a server).
    runtime=(env -u XDG_RUNTIME_DIR)
    [ ! -d /run/user/65534 ] || runtime+=(XDG_RUNTIME_DIR=/run/user/65534)
    check "root through sudo with a display: the window as the user" \
        "runuser -u nobody -- ${runtime[*]} $vantage" "" \
        dry SUDO_USER=nobody DISPLAY=:0 XDG_RUNTIME_DIR=/run/user/0 bash "$script"
    check "root through sudo without a display: headless as the user" \
        "runuser -u nobody -- ${runtime[*]} $vantage --headless --port 9" "" \
        dry SUDO_USER=nobody bash "$script" --port 9
    check "root through sudo asking for --headless: once, as the user" \
        "runuser -u nobody -- ${runtime[*]} $vantage --port 9 --headless" "" \
        dry SUDO_USER=nobody DISPLAY=:0 bash "$script" --port 9 --headless

    if runuser -u nobody -- test -r "$script"; then
        as_user=(runuser -u nobody --)
    elif [ "${CI:-}" = true ]; then
        echo "FAIL!  : nobody cannot read $script, so the user cases cannot run"
        exit 1
    else
        echo "SKIP   : tst_runscript nobody cannot read $script: the user cases did not run"
        exit 77
    fi
fi

check "a user with a display: the window, as themselves" \
    "$vantage" "" \
    dry DISPLAY=:0 SUDO_USER=cloudsdk bash "$script"
check "a user without a display: headless, no reason needed" \
    "$vantage --headless" "" \
    dry bash "$script"
check "a user asking for --headless with a display" \
    "$vantage --headless" "" \
    dry DISPLAY=:0 bash "$script" --headless

if ((failures)); then
    echo "$failures case(s) failed"
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    if [ "${CI:-}" = true ]; then
        echo "FAIL!  : the root cases need root, and CI runs as root"
        exit 1
    fi
    echo "SKIP   : tst_runscript the root cases need root: run the tests as root to check them"
    exit 77
fi
