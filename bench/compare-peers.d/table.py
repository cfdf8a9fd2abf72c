#!/usr/bin/python3
"""The table of bench/compare-peers: reads run_one.py's JSON lines on stdin and prints, per
configuration, the medians over the rounds (CPU-seconds scaled to a 60 s window), then the
ratios that docs/performance.md sets targets for.

    table.py SECONDS < results
"""
import json
import statistics
import sys


def main():
    seconds = int(sys.argv[1])
    runs, missing, order = {}, {}, []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        result = json.loads(line)
        config = result["config"]
        if config not in order:
            order.append(config)
        if "missing" in result:
            missing.setdefault(config, []).append(result["missing"])
        else:
            runs.setdefault(config, []).append(result)

    medians = {}
    print()
    print(f"{'configuration':<22} {'CPU-s/60s':>9} {'RSS MiB':>8} {'PSS MiB':>8} "
          f"{'aside CPU-s/60s':>15} {'pids':>5} {'runs':>4}")
    for config in order:
        if config not in runs:
            print(f"{config:<22} missing: {'; '.join(sorted(set(missing[config])))}")
            continue
        rows = runs[config]
        # Per 60 s of wall clock measured, so a window a little longer than asked does not count.
        cpu = statistics.median(r["cpu_s"] * 60 / r["wall_s"] for r in rows)
        aside = statistics.median(r["aside_cpu_s"] * 60 / r["wall_s"] for r in rows)
        rss = statistics.median(r["rss_mib"] for r in rows)
        pss = statistics.median(r["pss_mib"] for r in rows)
        pids = statistics.median(r["pids"] for r in rows)
        medians[config] = cpu
        note = f"  ({len(missing[config])} failed)" if config in missing else ""
        print(f"{config:<22} {cpu:>9.3f} {rss:>8.1f} {pss:>8.1f} {aside:>15.3f} {pids:>5g} "
              f"{len(rows):>4}{note}")
    print(f"(medians over the rounds; CPU scaled from {seconds} s windows to 60 s; aside = the "
          "clients, pollers and tmux, not counted in the monitor's figures)")

    print()
    print("ratios of CPU medians (issue 19 targets):")
    targets = [
        ("vantage-1", "floor", "<= 1.3"),
        ("vantage-1", "btop", "<= 0.333"),
        ("vantage-0", "floor", "<= 1.15"),
        ("vantage-1+500", "floor+500", "<= 1.3"),
        ("vantage-1+500", "btop+500", "<= 0.333"),
        ("vantage-0+500", "floor+500", "<= 1.15"),
        ("vantage-10", "vantage-1", "<= 1.1"),
    ]
    for top, bottom, target in targets:
        label = f"{top} / {bottom}"
        if top in medians and bottom in medians and medians[bottom] > 0:
            print(f"  {label:<28} {medians[top] / medians[bottom]:>6.2f}   target {target}")
        else:
            print(f"  {label:<28} {'n/a':>6}   (a configuration is missing or measured zero)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
