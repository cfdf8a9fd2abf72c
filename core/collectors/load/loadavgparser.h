#pragma once

#include <QByteArrayView>

#include <array>
#include <optional>

// Turns /proc/loadavg text into load averages. Pure: no file access.
class LoadAvgParser
{
public:
    // The 1, 5 and 15 minute load averages (runnable plus uninterruptible tasks); nullopt when
    // one of the first three fields is missing, not a number or negative.
    static std::optional<std::array<double, 3>> parse(QByteArrayView text);
    // The last field: the PID the kernel handed out most recently, to a process or a thread.
    static std::optional<int> lastPid(QByteArrayView text);
};
