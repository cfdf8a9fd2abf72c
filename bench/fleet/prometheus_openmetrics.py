#!/usr/bin/env python3
"""OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: a fleet of Vantage hosts
as Prometheus would have scraped them, every metric PrometheusFleet queries, one sample per
series every STEP seconds.

    prometheus_openmetrics.py INSTANCES START END STEP > fleet.om

START and END are Unix seconds. Each instance is "10.I.J.K:8765" of the job "vantage" with its own
host name, two disks, two interfaces and four alert instances (one in twenty warns, one in fifty
is critical). Values move smoothly and differ per instance, so the busiest disk and interface
change between hosts and over time; the counters only grow. The samples of each series are in
time order and the series of one metric are together, as the format requires.
"""

import math
import sys


def main():
    if len(sys.argv) != 5:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    instances, start, end, step = (int(arg) for arg in sys.argv[1:])
    times = list(range(start, end + 1, step))
    out = sys.stdout
    write = out.write

    def target(i):
        return 'instance="10.%d.%d.%d:8765",job="vantage"' % (i >> 16 & 255, i >> 8 & 255, i & 255)

    targets = [target(i + 1) for i in range(instances)]

    def gauge(name, labels, value):
        for i, base in enumerate(targets):
            for extra in labels:
                prefix = "%s{%s%s} " % (name, base, extra)
                write("".join("%s%s %d\n" % (prefix, value(i, extra, t), t) for t in times))

    def counter(name, labels, rate):
        for i, base in enumerate(targets):
            for extra in labels:
                prefix = "%s{%s%s} " % (name, base, extra)
                per_second = rate(i, extra)
                write("".join("%s%d %d\n" % (prefix, int(per_second * (t - start)) + 10**9, t)
                              for t in times))

    def wave(i, t, period, phase=0.0):
        return 0.5 + 0.5 * math.sin(2 * math.pi * (t / period) + i * 0.7 + phase)

    gauge("up", [""], lambda i, x, t: 1)
    for i, base in enumerate(targets):
        prefix = 'vantage_info{%s,hostname="host-%04d",kernel="6.1.0",os="Debian GNU/Linux 12",' \
                 'cpu_model="Bench CPU",version="0.1.0"} ' % (base, i + 1)
        write("".join("%s1 %d\n" % (prefix, t) for t in times))
    gauge("vantage_cpu_busy_ratio", [""], lambda i, x, t: "%.4f" % wave(i, t, 1800))
    gauge("vantage_memory_used_ratio", [""], lambda i, x, t: "%.4f" % (0.3 + 0.4 * wave(i, t, 7200)))
    for name, scale in (("vantage_load1", 4), ("vantage_load5", 3), ("vantage_load15", 2)):
        gauge(name, [""], lambda i, x, t, s=scale: "%.2f" % (s * wave(i, t, 3600)))
    disks = [',mount="/",device="/dev/vda"', ',mount="/home",device="/dev/vdb"']
    counter("vantage_disk_read_bytes_total", disks,
            lambda i, x: 1000.0 * (i % 97 + 1) * (2 if "vdb" in x and i % 2 else 1))
    counter("vantage_disk_written_bytes_total", disks, lambda i, x: 500.0 * (i % 89 + 1))
    interfaces = [',interface="eth0"', ',interface="lo"']
    counter("vantage_network_receive_bytes_total", interfaces,
            lambda i, x: 2000.0 * (i % 83 + 1) * (3 if "lo" in x and i % 3 == 0 else 1))
    counter("vantage_network_transmit_bytes_total", interfaces, lambda i, x: 800.0 * (i % 79 + 1))
    alerts = [',rule="cpu"', ',rule="memory"', ',rule="disk",exported_instance="/"',
              ',rule="pressure",exported_instance="io"']
    gauge("vantage_alert_state", alerts,
          lambda i, x, t: (2 if i % 50 == 0 else 1 if i % 20 == 0 else 0) if "disk" in x else 0)
    write("# EOF\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
