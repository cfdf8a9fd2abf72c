#pragma once

#include "snapshot.h"

#include <QByteArrayView>

#include <optional>

// Turns one /proc/pressure file (cpu, memory or io) into its stall lines. Pure: no file access.
class PressureParser
{
public:
    // The "some" line and, where the kernel writes it, the "full" line; rate is left NaN.
    // nullopt when there is no some line, or a line lacks avg10, avg60 or total, or has a
    // value that is not a number, is negative, or an average above 100.
    static std::optional<PressureResource> parse(QByteArrayView text);
};
