#!/usr/bin/env bash
# Puts promtool and prometheus from Debian's package under build/tools for the exporter tests.
# The package is extracted, not installed: its install script would start a daemon listening on
# every interface. The tests start their own Prometheus on 127.0.0.1 and stop it by PID.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/build/tools/prometheus
[ -x "$dest/usr/bin/promtool" ] && [ -x "$dest/usr/bin/prometheus" ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cd "$work"
apt-get download prometheus 2>/dev/null || { apt-get update -q && apt-get download prometheus; }
mkdir -p "$dest"
dpkg-deb -x prometheus_*.deb "$dest"
