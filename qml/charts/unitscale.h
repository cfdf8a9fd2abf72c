#pragma once

#include <QString>

// How a chart shows raw values: the divisor that brings them into a readable unit, the unit's
// name, and a round axis maximum. Bytes use binary prefixes (KiB, MiB, GiB) as free and df -h do.
struct UnitScale
{
    enum class Unit { Percent, Bytes, BytesPerSecond, Celsius, Count, Watts };

    double divisor = 1; // raw value / divisor = value in the unit below
    QString suffix;     // "%", "MiB", "KiB/s", "°C", "W" or "" for plain counts

    // The scale whose unit keeps the largest raw value between 1 and 1024 (bytes) or as is.
    static UnitScale forLargest(Unit unit, double largest);
    // The smallest value >= value that is 1, 2, 2.5 or 5 times a power of ten; 1 for value <= 0.
    static double niceCeiling(double value);
    // An axis top at or above largest (in shown units) split into ticks round steps.
    static double axisMaximum(double largest, int ticks);
};
