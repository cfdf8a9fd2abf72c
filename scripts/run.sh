#!/usr/bin/env bash
# Sets up, builds and starts Vantage: the desktop window when a display exists, headless
# otherwise. Extra arguments go to vantage (see `vantage --help`).
#
# The window never runs as root. As a user, missing packages are installed through sudo. Through
# `sudo ./scripts/run.sh`, packages are installed as root, then the build and the window run as
# the user who called sudo, so the checkout stays theirs. As root with no such user (a server, a
# container), Vantage runs headless.
#
# VANTAGE_RUN_DRY=1 prints the command that would start Vantage instead of installing, building
# and starting it (tests/scripts checks it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
vantage=$root/build/release/app/vantage

asked=false
for arg in "$@"; do
    [ "$arg" != --headless ] || asked=true
done
headless=()
if ! $asked && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    headless=(--headless)
fi

user=$(id -un)
as=()
if [ "$(id -u)" = 0 ] && [ "${SUDO_USER:-root}" = root ]; then
    if ! $asked; then
        echo "run: running headless: the desktop window is not started as root;" \
            "run this script as your user to get the window" >&2
        headless=(--headless)
    fi
elif [ "$(id -u)" = 0 ]; then
    # runuser keeps DISPLAY, WAYLAND_DISPLAY and XAUTHORITY; the runtime folder must be the user's.
    user=$SUDO_USER
    as=(runuser -u "$user" -- env -u XDG_RUNTIME_DIR)
    runtime=/run/user/$(id -u "$user")
    [ ! -d "$runtime" ] || as+=("XDG_RUNTIME_DIR=$runtime")
fi
command=("${as[@]}" "$vantage" "${headless[@]}" "$@")

if [ -n "${VANTAGE_RUN_DRY:-}" ]; then
    echo "${command[*]}"
    exit 0
fi

# An earlier run as root leaves build/ and node_modules/ owned by root: a build as the user
# would fail half way.
stray=$(find "$root/build" "$root/node_modules" ! -user "$user" -print -quit 2>/dev/null || true)
if ((${#as[@]})); then
    if ! runuser -u "$user" -- test -w "$root"; then
        echo "run: $user cannot write $root, where Vantage is built; clone it as $user," \
            "or give it to them: chown -R $user: $root" >&2
        exit 1
    fi
    if [ -n "$stray" ]; then
        echo "run: an earlier run as root left $stray and more; giving build/ and node_modules/" \
            "back to $user"
        for dir in "$root/build" "$root/node_modules"; do
            [ ! -e "$dir" ] || chown -R "$user:" "$dir"
        done
    fi
    "$root/scripts/setup.sh" packages
elif [ -n "$stray" ] && [ "$user" != root ]; then
    echo "run: $stray belongs to another user (an earlier run as root?); fix it with:" \
        "sudo chown -R $user: $root/build $root/node_modules" >&2
    exit 1
fi

"${as[@]}" "$root/scripts/setup.sh" release
exec "${command[@]}"
