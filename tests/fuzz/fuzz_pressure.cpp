// /proc/pressure/{cpu,memory,io}: the some and full stall lines.
#include "collectors/pressure/pressureparser.h"
#include "fuzzcheck.h"

#include <cmath>
#include <cstdint>

namespace {

void checkStall(const PressureStall &stall)
{
    FUZZ_CHECK(std::isfinite(stall.avg10) && stall.avg10 >= 0 && stall.avg10 <= 100);
    FUZZ_CHECK(std::isfinite(stall.avg60) && stall.avg60 >= 0 && stall.avg60 <= 100);
    FUZZ_CHECK(std::isnan(stall.rate)); // the parser never invents a rate: the collector's job
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (const auto resource = PressureParser::parse(QByteArrayView(data, qsizetype(size)))) {
        checkStall(resource->some);
        if (resource->full)
            checkStall(*resource->full);
    }
    return 0;
}
