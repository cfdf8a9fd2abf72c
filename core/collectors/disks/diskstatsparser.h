#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QtGlobal>

// A block device's I/O counters since boot (or since it appeared), in 512-byte sectors.
struct DiskStatsEntry
{
    quint64 sectorsRead = 0;    // sectors read, field 6 of /proc/diskstats
    quint64 sectorsWritten = 0; // sectors written, field 10 of /proc/diskstats
};

// Reads /proc/diskstats: one line per block device (disks, partitions, dm-, loop, md, zram).
class DiskStatsParser
{
public:
    // Bytes per diskstats sector: always 512, whatever the device's own sector size.
    static constexpr quint64 SectorBytes = 512;

    // The key for a device number, as parse() uses it.
    static quint64 deviceKey(quint32 major, quint32 minor);
    // Counters per deviceKey(); malformed lines are skipped.
    static QHash<quint64, DiskStatsEntry> parse(QByteArrayView text);
};
