#include "historyseeder.h"

#include "services/metricsservice.h"

#include <algorithm>
#include <cmath>

namespace {

// A slow wave with some faster ripple, 0 to 1: charts get shapes, not flat lines.
double wave(int i, double period, double phase)
{
    const double slow = 0.5 + 0.35 * std::sin(i / period + phase);
    const double ripple = 0.15 * std::sin(i / 7.0 + phase * 3);
    return std::clamp(slow + ripple, 0.0, 1.0);
}

} // namespace

HistorySeeder::HistorySeeder(const Snapshot &shape)
    : m_shape(shape)
{}

void HistorySeeder::seed(MetricsService *metrics, int ticks, qint64 endTs, int intervalMs) const
{
    for (int i = 0; i < ticks; ++i)
        metrics->seedHistory(tick(i, endTs - qint64(ticks - i) * intervalMs));
}

Snapshot HistorySeeder::tick(int i, qint64 ts) const
{
    Snapshot s = m_shape;
    s.ts = ts;
    s.cpu.total = 100 * wave(i, 90, 0);
    s.cpu.user = s.cpu.total * 0.7;
    s.cpu.system = s.cpu.total * 0.25;
    s.cpu.iowait = 5 * wave(i, 40, 1);
    for (qsizetype c = 0; c < s.cpu.cores.size(); ++c)
        s.cpu.cores[c] = 100 * wave(i, 60 + 10 * double(c), double(c));
    s.load = {2 * wave(i, 300, 0), 2 * wave(i, 600, 0), 2 * wave(i, 900, 0)};
    s.mem.percent = 40 + 20 * wave(i, 500, 2);
    s.mem.used = quint64(double(s.mem.total) * s.mem.percent / 100);
    s.swap.percent = 10 * wave(i, 700, 1);
    s.swap.used = quint64(double(s.swap.total) * s.swap.percent / 100);
    for (NetUsage &net : s.net) {
        net.rxBps = 5e6 * wave(i, 45, 0.5);
        net.txBps = 1e6 * wave(i, 35, 1.5);
    }
    for (DiskUsage &disk : s.disks) {
        disk.readBps = 2e7 * wave(i, 55, 2.5);
        disk.writeBps = 1e7 * wave(i, 65, 0.2);
    }
    for (qsizetype t = 0; t < s.temps.size(); ++t)
        s.temps[t].celsius = 40 + 30 * wave(i, 120 + 15 * double(t), 0.7 + double(t));
    return s;
}
