#include "livemetrics.h"

#include <cmath>

LiveMetrics::LiveMetrics(const HostInfo &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
{}

void LiveMetrics::update(const Snapshot &snapshot)
{
    m_snapshot = snapshot;
    const QString interface = m_mainInterface;
    const QString mount = m_mainMount;
    sumNetwork();
    sumDisks();
    findHottest();
    if (m_mainInterface != interface || m_mainMount != mount)
        emit mainChanged();
    emit updated();
}

void LiveMetrics::reset(const HostInfo &host)
{
    m_host = host;
    emit hostChanged();
    update(Snapshot{});
}

QList<double> LiveMetrics::load() const
{
    return {m_snapshot.load[0], m_snapshot.load[1], m_snapshot.load[2]};
}

// Loopback traffic never leaves the machine, so it is neither summed nor the main interface.
void LiveMetrics::sumNetwork()
{
    m_netRx = 0;
    m_netTx = 0;
    m_mainInterface.clear();
    quint64 busiest = 0;
    for (const NetUsage &net : std::as_const(m_snapshot.net)) {
        if (net.iface == QLatin1StringView("lo"))
            continue;
        m_netRx += net.rxBps;
        m_netTx += net.txBps;
        const quint64 traffic = net.rxTotal + net.txTotal;
        if (m_mainInterface.isEmpty() || traffic > busiest) {
            busiest = traffic;
            m_mainInterface = net.iface;
        }
    }
}

void LiveMetrics::sumDisks()
{
    m_diskRead = 0;
    m_diskWrite = 0;
    m_mainMount.clear();
    m_mainMountPercent = qQNaN();
    m_mainMountUsed = qQNaN();
    m_mainMountTotal = qQNaN();
    for (const DiskUsage &disk : std::as_const(m_snapshot.disks)) {
        m_diskRead += disk.readBps;
        m_diskWrite += disk.writeBps;
        if (m_mainMount.isEmpty() || disk.mount == QLatin1StringView("/")) {
            m_mainMount = disk.mount;
            m_mainMountPercent = disk.percent;
            m_mainMountUsed = double(disk.used);
            m_mainMountTotal = double(disk.total);
        }
    }
}

void LiveMetrics::findHottest()
{
    m_hottest = qQNaN();
    for (const Temperature &temp : std::as_const(m_snapshot.temps)) {
        // NaN compares false: the first real reading replaces the NaN start value.
        if (!std::isnan(temp.celsius) && !(temp.celsius <= m_hottest))
            m_hottest = temp.celsius;
    }
}
