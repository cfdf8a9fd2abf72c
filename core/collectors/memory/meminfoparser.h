#pragma once

#include "snapshot.h"

#include <QByteArrayView>

#include <optional>

// Memory and swap use from one reading of /proc/meminfo, in bytes.
struct MemInfo
{
    MemoryUsage mem; // RAM: used = total - available, as free computes it
    SwapUsage swap;  // swap space: used = SwapTotal - SwapFree
};

// Turns /proc/meminfo text (sizes in KiB, written "kB") into byte counts. Pure: no file access.
class MemInfoParser
{
public:
    // nullopt when MemTotal is missing or malformed; other missing fields read as 0. Without
    // MemAvailable (kernels before 3.14) available is MemFree + Buffers + Cached. cached is
    // Cached + SReclaimable, the "cache" column of free -w; buffers is Buffers. A malformed line
    // is skipped.
    static std::optional<MemInfo> parse(QByteArrayView text);
};
