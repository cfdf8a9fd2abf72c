#!/usr/bin/env bash
# Puts Alertmanager from Debian's package under build/tools for the notification tests. The
# package is extracted, not installed: its install script would start a daemon listening on
# every interface. The tests start their own Alertmanager on 127.0.0.1 and stop it by PID.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/build/tools/alertmanager
[ -x "$dest/usr/bin/prometheus-alertmanager" ] && [ -x "$dest/alertmanager" ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cd "$work"
apt-get download prometheus-alertmanager 2>/dev/null ||
    { apt-get update -q && apt-get download prometheus-alertmanager; }
mkdir -p "$dest"
dpkg-deb -x prometheus-alertmanager_*.deb "$dest"

# Debian's build reads its default templates from /usr/share/prometheus/alertmanager, which an
# extracted package does not fill. The wrapper lays the package's /usr/share over the system's in
# a mount namespace of its own, for that one process: nothing is installed. It ends in exec, so
# the PID the tests start is Alertmanager's.
cat > "$dest/alertmanager" <<'WRAPPER'
#!/bin/sh
here=$(cd "$(dirname "$0")" && pwd)
exec unshare -rm sh -c 'mount -t overlay overlay -o "lowerdir=$0/usr/share:/usr/share" /usr/share &&
    exec "$0/usr/bin/prometheus-alertmanager" "$@"' "$here" "$@"
WRAPPER
chmod +x "$dest/alertmanager"
