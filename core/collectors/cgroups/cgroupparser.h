#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

// Reads the accounting files of one cgroup (docs/metrics.md "Cgroups"). Pure: no file access.
// Every function answers nullopt for text it cannot read whole, so a value that cannot be known
// stays null rather than a made-up 0.
namespace CgroupParser {

struct IoBytes
{
    quint64 read = 0;
    quint64 write = 0;
};

// A file holding one unsigned number and a newline: memory.current, pids.current,
// cpuacct.usage, memory.usage_in_bytes.
std::optional<quint64> number(QByteArrayView text);

// The value of "key value" in a flat keyed file: cpu.stat's usage_usec, memory.stat's
// inactive_file or total_inactive_file.
std::optional<quint64> keyed(QByteArrayView text, QByteArrayView key);

// v2 io.stat ("8:0 rbytes=1 wbytes=2 rios=…"), summed over devices. Empty text is a cgroup that
// did no I/O yet: zeros.
std::optional<IoBytes> ioStat(QByteArrayView text);

// v1 blkio.throttle.io_service_bytes ("8:0 Read 1", "8:0 Write 2", …, "Total 3"), summed over
// devices. A cgroup that did no I/O has only "Total 0": zeros.
std::optional<IoBytes> blkioServiceBytes(QByteArrayView text);

} // namespace CgroupParser
