// A hwmon or thermal temperature file: millidegrees Celsius.
#include "collectors/sensors/sensorreadingparser.h"
#include "fuzzcheck.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    if (const std::optional<double> celsius = SensorReadingParser::celsius(text)) {
        FUZZ_CHECK(std::isfinite(*celsius));
        // One integer and nothing else, apart from surrounding whitespace.
        FUZZ_CHECK(!text.trimmed().isEmpty());
    }
    return 0;
}
