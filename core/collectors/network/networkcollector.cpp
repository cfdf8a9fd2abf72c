#include "networkcollector.h"

#include "collectors/counterrate.h"
#include "logging.h"

#include <algorithm>

namespace {

constexpr double NsPerSecond = 1e9;

bool isLoopback(const NetDevEntry &entry)
{
    return entry.iface == QLatin1StringView("lo");
}

} // namespace

NetworkCollector::NetworkCollector(const SystemPaths &paths)
    : m_netDev(paths.proc(QStringLiteral("net/dev")))
{}

void NetworkCollector::collect(Snapshot &snapshot, qint64 nowNs)
{
    const double seconds = double(nowNs - m_previousNs) / NsPerSecond;
    QHash<QString, NetDevEntry> current;
    snapshot.net.clear();
    for (const NetDevEntry &entry : NetDevParser::parse(readNetDev())) {
        if (isLoopback(entry))
            continue;
        snapshot.net.append(usage(entry, seconds));
        current.insert(entry.iface, entry);
    }
    std::sort(snapshot.net.begin(), snapshot.net.end(),
              [](const NetUsage &a, const NetUsage &b) { return a.iface < b.iface; });
    // Interfaces that vanished are not carried over, so one that comes back starts afresh.
    m_previous = std::move(current);
    m_previousNs = nowNs;
}

QByteArrayView NetworkCollector::readNetDev()
{
    bool ok = false;
    const QByteArrayView text = m_netDev.read(&ok);
    if (!ok && !m_netDevUnreadable)
        qCWarning(lcCollect) << "cannot read" << m_netDev.path() << "- no interfaces are listed";
    m_netDevUnreadable = !ok;
    return text;
}

NetUsage NetworkCollector::usage(const NetDevEntry &entry, double seconds) const
{
    NetUsage net{entry.iface, 0, 0, entry.rxBytes, entry.txBytes};
    const auto before = m_previous.constFind(entry.iface);
    if (before != m_previous.constEnd()) {
        net.rxBps = counterRate(before->rxBytes, entry.rxBytes, seconds);
        net.txBps = counterRate(before->txBytes, entry.txBytes, seconds);
    }
    return net;
}
