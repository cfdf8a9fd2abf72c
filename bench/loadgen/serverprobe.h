#pragma once

#include "io/procfile.h"

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

// Watches the server process from outside, once a second: its CPU time (utime + stime of
// /proc/PID/stat) and resident memory (VmRSS of /proc/PID/status), over a window that
// restart() opens.
class ServerProbe
{
public:
    explicit ServerProbe(qint64 pid);

    // Forgets earlier readings and takes the window's first one; false if the process is gone.
    bool restart(qint64 nowNs);
    // Takes one reading at nowNs (CLOCK_MONOTONIC, ns); false if the process is gone.
    bool sample(qint64 nowNs);
    // CPU used between the first and the last reading, in percent of one core (top's %CPU).
    double cpuPercent() const;
    // Mean and largest VmRSS over the readings, in MiB.
    double meanRssMiB() const;
    double peakRssMiB() const { return double(m_peakRssKiB) / 1024.0; }

    // VmRSS in KiB from /proc/PID/status text; nullopt when the line is missing or malformed.
    static std::optional<qint64> parseVmRssKiB(QByteArrayView status);

private:
    ProcFile m_stat;
    ProcFile m_status;
    double m_ticksPerSecond;
    quint64 m_firstTicks = 0; // utime + stime at the window's first reading, clock ticks
    quint64 m_lastTicks = 0;  // ... at the latest reading
    qint64 m_firstNs = 0;     // time of the first reading, ns
    qint64 m_lastNs = 0;      // time of the latest reading, ns
    qint64 m_rssSumKiB = 0;   // sum of VmRSS over the readings, KiB
    qint64 m_peakRssKiB = 0;  // largest VmRSS read, KiB
    int m_readings = 0;
};
