#pragma once

#include "collectors/collector.h"
#include "io/procfile.h"
#include "netdevparser.h"
#include "systempaths.h"

#include <QHash>
#include <QString>

// Fills Snapshot::net: per interface the byte rates over the last tick and the counters.
// Loopback (lo) is left out: its traffic is the machine talking to itself, which no user means
// by network use and which would double-count local services.
class NetworkCollector : public Collector
{
public:
    // Reads <procRoot>/net/dev on every tick.
    explicit NetworkCollector(const SystemPaths &paths);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    QByteArrayView readNetDev();
    NetUsage usage(const NetDevEntry &entry, double seconds) const;

    ProcFile m_netDev;
    QHash<QString, NetDevEntry> m_previous; // last tick's counters, by interface name
    qint64 m_previousNs = 0;
    bool m_netDevUnreadable = false;
};
