#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

// One interface's byte counters from /proc/net/dev, since the interface was created.
struct NetDevEntry
{
    QString iface;       // interface name: eth0, wlp2s0, lo
    quint64 rxBytes = 0; // bytes received
    quint64 txBytes = 0; // bytes transmitted
};

// Reads /proc/net/dev: two header lines, then "name: 8 receive counters 8 transmit counters".
class NetDevParser
{
public:
    // Every interface in file order; malformed lines are skipped.
    static QList<NetDevEntry> parse(QByteArrayView text);
};
