// A hwmon, thermal, cpufreq or power_supply attribute: one integer (millidegrees Celsius, RPM,
// kHz, µW, µWh...).
#include "collectors/sensors/sensorreadingparser.h"
#include "fuzzcheck.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    const std::optional<qint64> integer = SensorReadingParser::integer(text);
    if (const std::optional<double> celsius = SensorReadingParser::celsius(text)) {
        FUZZ_CHECK(std::isfinite(*celsius));
        // One integer and nothing else, apart from surrounding whitespace.
        FUZZ_CHECK(!text.trimmed().isEmpty());
        // Celsius is that integer in thousandths.
        FUZZ_CHECK(integer && *celsius == double(*integer) / 1000.0);
    } else {
        FUZZ_CHECK(!integer);
    }
    return 0;
}
