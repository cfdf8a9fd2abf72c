#pragma once

#include <QByteArrayView>

#include <optional>

// Turns /proc/uptime text into the time since boot. Pure: no file access.
class UptimeParser
{
public:
    // Seconds since boot (the first field); nullopt when it is missing, not a number or negative.
    static std::optional<double> parse(QByteArrayView text);
};
