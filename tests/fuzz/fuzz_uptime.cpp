// /proc/uptime: seconds since boot.
#include "collectors/system/uptimeparser.h"
#include "fuzzcheck.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (const std::optional<double> seconds =
            UptimeParser::parse(QByteArrayView(data, qsizetype(size))))
        FUZZ_CHECK(std::isfinite(*seconds) && *seconds >= 0);
    return 0;
}
