// /proc/loadavg: the load averages and the last PID handed out.
#include "collectors/load/loadavgparser.h"
#include "fuzzcheck.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    if (const auto load = LoadAvgParser::parse(text)) {
        for (const double value : *load)
            FUZZ_CHECK(std::isfinite(value) && value >= 0);
    }
    if (const std::optional<int> pid = LoadAvgParser::lastPid(text))
        FUZZ_CHECK(*pid >= 0);
    return 0;
}
