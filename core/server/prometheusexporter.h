#pragma once

#include "snapshot.h"

class AlertEngine;

#include <QByteArray>

// The Prometheus text exposition (format 0.0.4) served at GET /metrics: one Snapshot in base
// units (bytes, seconds, celsius, ratios 0-1), kernel counters as `_total` counters, everything
// else as gauges. Names and labels are listed in docs/prometheus.md.
class PrometheusExporter
{
public:
    // The whole /metrics body for one scrape; unknown (NaN) values are left out, never printed.
    // With an alert engine, the state of every alert instance and the firings per rule too.
    static QByteArray render(const Snapshot &snapshot, const HostInfo &host,
                             const AlertEngine *alerts = nullptr);
};
