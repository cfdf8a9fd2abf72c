// /proc/stat: CPU times and boot time.
#include "collectors/cpu/cpustatparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    if (const std::optional<CpuStat> stat = CpuStatParser::parse(text)) {
        // A core slot per "cpuN" line, and the kernel's NR_CPUS bounds N: a corrupt line must not
        // make the parser allocate for billions of cores.
        FUZZ_CHECK(stat->cores.size() <= 8192);
        FUZZ_CHECK(stat->bootTime >= 0);
    }
    return 0;
}
