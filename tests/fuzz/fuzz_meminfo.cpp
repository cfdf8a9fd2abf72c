// /proc/meminfo: memory and swap use.
#include "collectors/memory/meminfoparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::optional<MemInfo> info = MemInfoParser::parse(QByteArrayView(data, qsizetype(size)));
    if (info) {
        // Used is a difference of two counters: it must never wrap around below zero.
        FUZZ_CHECK(info->mem.used <= info->mem.total);
        FUZZ_CHECK(info->swap.used <= info->swap.total);
    }
    return 0;
}
