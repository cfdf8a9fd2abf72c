#!/usr/bin/env bash
# Brings a Debian 12 machine to the point where Vantage builds, then builds it.
# Installs only what is missing, so a second run is quick: no reinstall, incremental build.
# Usage: scripts/setup.sh [release|debug|packages]   (the CMake preset, default release; or
# packages: install what is missing and stop, for a build that runs as another user)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
preset=${1:-release}

# The whole list, in one place. Build tools, Qt 6.4, the QML modules the window loads at run
# time (missing ones fail only when the window opens), the browser for the end-to-end tests,
# Xvfb for the desktop tests, Google Benchmark for bench/, clang with libFuzzer and the sanitizer
# runtimes for tests/fuzz (llvm brings llvm-symbolizer, which names the lines in their stacks),
# openssl for the hostile suite's checks of the TLS versions and suites offered, dbus for the
# session bus the desktop notification tests start, SQLite for the history store (sqlite3, the
# shell, for looking into a history file), RapidJSON (header-only) whose Writer builds each
# tick's sample, and for the Debian package and its test: rsvg-convert draws the icon's PNG
# sizes, lintian, desktop-file-validate and appstreamcli check what the package installs, man
# renders its manual page, dpkg-shlibdeps (dpkg-dev) computes its Depends.
packages=(
    cmake g++ ninja-build pkg-config git ca-certificates
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-charts-dev qt6-declarative-dev
    qt6-declarative-dev-tools qt6-httpserver-dev libgl-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtqml-workerscript
    qml6-module-qtcharts qml6-module-qttest
    xvfb xauth chromium
    libbenchmark-dev
    clang libclang-rt-14-dev llvm
    openssl dbus
    libsqlite3-dev sqlite3 rapidjson-dev
    librsvg2-bin lintian desktop-file-utils appstream man-db dpkg-dev file
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$package")
done
# Node.js may come from elsewhere (NodeSource); Debian's npm would then conflict with it.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

# As a user, through sudo; a missing or refusing sudo stops here with the list to install.
if ((${#missing[@]})); then
    sudo=()
    if [ "$(id -u)" != 0 ]; then
        sudo=(sudo)
        if ! command -v sudo >/dev/null 2>&1; then
            echo "setup: these packages are missing and sudo is not installed; install them as" \
                "root: ${missing[*]}" >&2
            exit 1
        fi
    fi
    echo "setup: installing ${missing[*]}${sudo[*]:+ through sudo}"
    if ! { "${sudo[@]}" apt-get update -q &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}"; }; then
        echo "setup: could not install these packages; install them as root: ${missing[*]}" >&2
        exit 1
    fi
fi
[ "$preset" != packages ] || exit 0

# Chart.js and the browser-test driver, pinned by package-lock.json; reinstalled only when the
# lockfile changed.
if [ ! -f "$root/node_modules/.package-lock.json" ] ||
    [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi

cmake --preset "$preset" -S "$root" >/dev/null
cmake --build --preset "$preset"
