// /proc/cpuinfo: the processor's model name and the CPU count.
#include "collectors/cpu/cpuinfoparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    const CpuInfo info = CpuInfoParser::parse(text);
    FUZZ_CHECK(info.count >= 0);
    FUZZ_CHECK(info.model.size() <= text.size());
    // Runs of spaces are collapsed and the name is trimmed.
    FUZZ_CHECK(!info.model.contains(QLatin1StringView("  ")));
    return 0;
}
