// The cgroup accounting files (cpu.stat, memory.stat, io.stat, blkio.throttle.io_service_bytes
// and the one-number files): one input read as each of them.
#include "collectors/cgroups/cgroupparser.h"
#include "fuzzcheck.h"

#include <algorithm>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    // A number is only ever read from digits, with at most the newline after them.
    if (CgroupParser::number(text)) {
        const QByteArrayView digits = text.endsWith('\n') ? text.chopped(1) : text;
        FUZZ_CHECK(!digits.isEmpty() && std::all_of(digits.begin(), digits.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; }));
    }
    CgroupParser::keyed(text, "usage_usec");
    CgroupParser::keyed(text, "total_inactive_file");
    CgroupParser::ioStat(text);
    // A blkio file the parser takes always had its closing Total line.
    if (CgroupParser::blkioServiceBytes(text))
        FUZZ_CHECK(text.contains("Total"));
    return 0;
}
