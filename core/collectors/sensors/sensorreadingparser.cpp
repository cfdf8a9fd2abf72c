#include "sensorreadingparser.h"

#include <charconv>

std::optional<double> SensorReadingParser::celsius(QByteArrayView millidegrees)
{
    const QByteArrayView text = millidegrees.trimmed();
    const char *end = text.data() + text.size();
    long long value = 0;
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    if (text.isEmpty() || error != std::errc() || ptr != end)
        return std::nullopt;
    return double(value) / 1000.0;
}
