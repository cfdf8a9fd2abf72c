#include "unitscale.h"

#include <array>
#include <cmath>

namespace {

UnitScale binaryScale(double largest, const QString &tail)
{
    static const std::array<const char *, 5> Prefixes = {"B", "KiB", "MiB", "GiB", "TiB"};
    double divisor = 1;
    size_t index = 0;
    while (index + 1 < Prefixes.size() && largest / divisor >= 1024) {
        divisor *= 1024;
        ++index;
    }
    return {divisor, QLatin1StringView(Prefixes[index]) + tail};
}

} // namespace

UnitScale UnitScale::forLargest(Unit unit, double largest)
{
    switch (unit) {
    case Unit::Percent:
        return {1, QStringLiteral("%")};
    case Unit::Bytes:
        return binaryScale(largest, {});
    case Unit::BytesPerSecond:
        return binaryScale(largest, QStringLiteral("/s"));
    case Unit::Celsius:
        return {1, QStringLiteral("°C")};
    case Unit::Watts:
        return {1, QStringLiteral("W")};
    case Unit::Count:
        break;
    }
    return {1, {}};
}

double UnitScale::niceCeiling(double value)
{
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        // A little tolerance so that 100 stays 100 despite rounding in the division.
        if (value <= step * magnitude * (1 + 1e-9))
            return step * magnitude;
    }
    return 10 * magnitude;
}

double UnitScale::axisMaximum(double largest, int ticks)
{
    const int steps = ticks > 1 ? ticks - 1 : 1;
    return niceCeiling(largest / steps) * steps;
}
