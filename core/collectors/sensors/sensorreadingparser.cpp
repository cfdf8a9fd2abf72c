#include "sensorreadingparser.h"

#include <charconv>

std::optional<qint64> SensorReadingParser::integer(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    const char *end = trimmed.data() + trimmed.size();
    long long value = 0;
    const auto [ptr, error] = std::from_chars(trimmed.data(), end, value);
    if (trimmed.isEmpty() || error != std::errc() || ptr != end)
        return std::nullopt;
    return qint64(value);
}

std::optional<double> SensorReadingParser::celsius(QByteArrayView millidegrees)
{
    const std::optional<qint64> value = integer(millidegrees);
    return value ? std::optional<double>(double(*value) / 1000.0) : std::nullopt;
}
