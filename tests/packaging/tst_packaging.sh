#!/usr/bin/env bash
# The Debian package as an admin meets it: built by cpack from the build folder, checked by
# lintian, installed with dpkg on this machine, run as the service user, its unit verified,
# manual page, desktop entry and metadata validated, removed (keeping settings and data) and
# purged (leaving nothing). Needs root: it installs the package. PID 1 here is not systemd, so
# the unit is checked with systemd-analyze instead of being started; its ExecStart line is run
# by hand as the vantage user. Leaves the machine as it found it: the package is purged on every
# way out, and a machine that already has a vantage package or user is refused, not touched.
# Usage: tst_packaging.sh <source folder> <build folder>
set -uo pipefail

source_dir=$1
build_dir=$2
failures=0

# Outside CI a machine that cannot run this skips (77) saying why; CI can, so there it fails.
cannot() {
    echo "tst_packaging: $1"
    if [ -n "${CI:-}" ]; then
        echo "FAIL!  : CI must run this"
        exit 1
    fi
    exit 77
}

pass() { echo "PASS   : $1"; }
fail() {
    echo "FAIL!  : $1"
    failures=$((failures + 1))
}
# check <name> <command...>: passes when the command succeeds.
check() {
    local name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}

[ "$(id -u)" = 0 ] || cannot "needs root to install the package with dpkg"
for tool in cpack dpkg dpkg-deb lintian desktop-file-validate appstreamcli man \
    systemd-analyze runuser setpriv python3 rsvg-convert file; do
    command -v "$tool" >/dev/null 2>&1 ||
        cannot "$tool is missing; scripts/setup.sh packages installs it"
done
[ -x "$build_dir/app/vantage" ] || cannot "$build_dir/app/vantage is not built"

# One run at a time on a machine: the package and the user are the machine's, not the test's.
exec 9>/tmp/vantage-packaging-test.lock
flock -w 600 9 || cannot "another packaging test holds /tmp/vantage-packaging-test.lock"

if dpkg-query -W -f='${Status}' vantage 2>/dev/null | grep -qv 'not-installed'; then
    cannot "a vantage package is on this machine already; it is not this test's to replace"
fi
if getent passwd vantage >/dev/null || getent group vantage >/dev/null ||
    [ -e /etc/vantage ] || [ -e /var/lib/vantage ] || [ -e /run/vantage ]; then
    cannot "a vantage user or group, /etc/vantage, /var/lib/vantage or /run/vantage exists without the package"
fi

work=$(mktemp -d)
service_pid=
cleanup() {
    [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null
    if dpkg-query -W -f='${Status}' vantage 2>/dev/null | grep -qv 'not-installed'; then
        dpkg --purge vantage >/dev/null 2>&1 || echo "tst_packaging: could not purge vantage"
    fi
    rm -rf "$work" /run/vantage
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The version comes from the hand-written changelog, which must name the project's version.
version=$(dpkg-parsechangelog -l "$source_dir/packaging/changelog" -S Version)

echo "tst_packaging: building the package"
if ! cpack -G DEB -B "$work/out" --config "$build_dir/CPackConfig.cmake" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    fail "cpack builds the package"
    exit 1
fi
deb=$(ls "$work"/out/vantage_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { cat "$work/cpack.log"; fail "cpack wrote vantage_*.deb"; exit 1; }
pass "cpack builds $(basename "$deb")"
check "the package's version is the changelog's ($version)" \
    test "$(dpkg-deb -f "$deb" Version)" = "$version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dependency in libc6 libqt6core6 qml6-module-qtquick-controls qml6-module-qtcharts; do
    check "Depends names $dependency" grep -q "\b$dependency\b" <<<"$depends"
done

# lintian: no error; every warning is explained in packaging/README.md by its tag.
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1
cat "$work/lintian.log"
check "lintian reports no error" bash -c "! grep -q '^E: ' '$work/lintian.log'"
for tag in $(sed -n 's/^W: [^:]*: \([a-z0-9-]*\).*/\1/p' "$work/lintian.log" | sort -u); do
    check "lintian warning $tag is explained in packaging/README.md" \
        grep -q "\`$tag\`" "$source_dir/packaging/README.md"
done

if ! dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log"
    fail "dpkg -i installs the package"
    exit 1
fi
cat "$work/dpkg.log"
pass "dpkg -i installs the package"
check "install says how to enable the service" grep -q 'systemctl enable --now vantage' \
    "$work/dpkg.log"
check "install does not enable the service" \
    test ! -e /etc/systemd/system/multi-user.target.wants/vantage.service
check "the vantage system user exists with no login" \
    test "$(getent passwd vantage | cut -d: -f6,7)" = "/var/lib/vantage:/usr/sbin/nologin"
check "the settings are root's, readable by the vantage group only" \
    test "$(stat -c '%U:%G %a' /etc/vantage/vantage.conf)" = "root:vantage 640"

check "vantage --version as the service user prints the changelog's version" \
    test "$(runuser -u vantage -- /usr/bin/vantage --version)" = "vantage $version"
# As the service runs it: its user, its settings file, its environment.
service_env=(env HOME=/var/lib/vantage XDG_DATA_HOME=/var/lib XDG_RUNTIME_DIR=/run/vantage)
# The folders systemd would create for the unit (StateDirectory=, RuntimeDirectory=).
install -d -o vantage -g vantage -m 0750 /var/lib/vantage
install -d -o vantage -g vantage -m 0700 /run/vantage
if runuser -u vantage -- "${service_env[@]}" /usr/bin/vantage --snapshot \
    --config /etc/vantage/vantage.conf >"$work/snapshot.json" 2>"$work/snapshot.err"; then
    check "--snapshot as the service user names this host" python3 -c '
import json, sys
sys.exit(0 if json.load(open(sys.argv[1]))["host"]["hostname"] == sys.argv[2] else 1)' \
        "$work/snapshot.json" "$(hostname)"
    # Other users' processes are listed: with /proc hidden it would count its own one only.
    check "--snapshot as the service user sees other users' processes" python3 -c '
import json, sys
sys.exit(0 if json.load(open(sys.argv[1]))["procs"]["count"] >= 5 else 1)' "$work/snapshot.json"
    check "--snapshot as the service user reads its settings file" \
        bash -c "! grep -q 'cannot read' '$work/snapshot.err'"
else
    cat "$work/snapshot.err"
    fail "--snapshot as the service user exits 0"
fi

# The ExecStart line as the unit runs it, in the state directory systemd would create, on a free
# port (the service's 8765 may be taken here): serving, then stopped by its PID.
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/vantage.service)
# setpriv and env exec in place, so $! is vantage's own PID.
setpriv --reuid=vantage --regid=vantage --init-groups "${service_env[@]}" $exec_start --port 0 \
    >"$work/service.out" 2>"$work/service.err" &
service_pid=$!
for _ in $(seq 300); do
    grep -q '^Serving dashboard at http://127.0.0.1:' "$work/service.out" && break
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 0.1
done
check "the unit's ExecStart serves as the vantage user" \
    grep -q '^Serving dashboard at http://127.0.0.1:' "$work/service.out"
# The same PID now runs the headless executable, without the window's libraries.
check "the service runs /usr/libexec/vantage/vantage" \
    test "$(readlink "/proc/$service_pid/exe")" = /usr/libexec/vantage/vantage
check "the service maps no Qt Gui library" bash -c "! grep -q libQt6Gui /proc/$service_pid/maps"
kill -TERM "$service_pid" 2>/dev/null
wait "$service_pid"
check "the service stops on SIGTERM with status 0" test $? = 0
service_pid=
cat "$work/service.err"
check "the service wrote its history in the state directory" test -f /var/lib/vantage/history.db

# The unit: valid, and hardened to systemd-analyze's "OK" (exposure 2.0 or less).
check "systemd-analyze verify accepts the unit" \
    systemd-analyze verify /lib/systemd/system/vantage.service
systemd-analyze security --offline=true /lib/systemd/system/vantage.service >"$work/security.log" \
    2>&1
exposure=$(sed -n 's/.*Overall exposure level for vantage.service: \([0-9.]*\).*/\1/p' \
    "$work/security.log")
echo "tst_packaging: systemd-analyze security exposure: ${exposure:-none}"
check "the unit's exposure is 2.0 or less" \
    python3 -c 'import sys; sys.exit(0 if sys.argv[1] and float(sys.argv[1]) <= 2.0 else 1)' \
    "$exposure"
check "the unit keeps every /proc/<pid> visible" \
    bash -c "! grep -Eq '^(ProtectProc=invisible|ProcSubset=pid|PrivateUsers=yes)' \
        /lib/systemd/system/vantage.service"

# The manual page renders and names every option --help lists.
if MANWIDTH=80 man -l /usr/share/man/man1/vantage.1.gz >"$work/man.txt" 2>"$work/man.err" &&
    [ ! -s "$work/man.err" ]; then
    pass "man -l renders vantage(1) without a warning"
else
    cat "$work/man.err"
    fail "man -l renders vantage(1) without a warning"
fi
for option in $(/usr/bin/vantage --help | grep -o -- '--[a-z-]*' | sort -u); do
    check "the manual page explains $option" grep -q -- "$option" "$work/man.txt"
done

check "desktop-file-validate accepts vantage.desktop" \
    desktop-file-validate /usr/share/applications/vantage.desktop
check "appstreamcli validates the metainfo" appstreamcli validate --no-net --explain \
    /usr/share/metainfo/io.github.vantage_monitor.vantage.metainfo.xml
check "the scalable icon is installed" test -f /usr/share/icons/hicolor/scalable/apps/vantage.svg
check "the Prometheus scrape job is installed" \
    test -f /usr/share/vantage/prometheus/vantage-scrape.yml
check "the Grafana dashboard is installed" \
    grep -q '"uid": "vantage-host"' /usr/share/vantage/grafana/vantage-dashboard.json
for size in 16 22 24 32 48 64 128 256; do
    check "the ${size}x${size} icon is a PNG of that size" bash -c "file \
        /usr/share/icons/hicolor/${size}x${size}/apps/vantage.png | grep -q 'PNG image data, \
${size} x ${size},'"
done

# Upgrade (the same package again): the admin's settings stay as they were.
echo '# an admin edit' >>/etc/vantage/vantage.conf
check "dpkg -i again upgrades in place" dpkg -i --force-confold "$deb" >/dev/null
check "an upgrade keeps the admin's settings" grep -q '^# an admin edit' /etc/vantage/vantage.conf

# Remove keeps the settings, the data and the user; purge takes them away with everything else.
check "dpkg --remove removes the package" dpkg --remove vantage >/dev/null
check "remove keeps the settings" test -f /etc/vantage/vantage.conf
check "remove keeps the data" test -f /var/lib/vantage/history.db
check "remove keeps the user" getent passwd vantage >/dev/null
check "remove takes the program away" test ! -e /usr/bin/vantage
check "dpkg --purge purges the package" dpkg --purge vantage >/dev/null
left=$(
    for path in /usr/bin/vantage /etc/vantage /var/lib/vantage /lib/systemd/system/vantage.service \
        /usr/lib/sysusers.d/vantage.conf /usr/share/doc/vantage /usr/share/man/man1/vantage.1.gz \
        /usr/share/applications/vantage.desktop /etc/systemd/system/vantage.service \
        /usr/share/vantage \
        /var/lib/systemd/deb-systemd-helper-enabled/vantage.service.dsh-also \
        /var/lib/systemd/deb-systemd-helper-masked/vantage.service; do
        [ -e "$path" ] || [ -L "$path" ] && echo "$path"
    done
    getent passwd vantage
    getent group vantage
    dpkg-query -W -f='${Status}\n' vantage 2>/dev/null | grep -v 'not-installed'
)
if [ -z "$left" ]; then
    pass "purge leaves nothing (files, user, group, dpkg status)"
else
    echo "$left"
    fail "purge leaves nothing (files, user, group, dpkg status)"
fi

echo "Totals: $failures failed"
[ "$failures" = 0 ]
