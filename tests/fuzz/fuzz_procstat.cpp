// /proc/[pid]/stat: one process's line.
#include "collectors/processes/procstatparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView line(data, qsizetype(size));
    if (const std::optional<ProcStat> stat = ProcStatParser::parse(line)) {
        FUZZ_CHECK(stat->pid > 0);
        // comm is a view into the line, between its first '(' and its last ')'.
        FUZZ_CHECK(stat->comm.data() > line.data());
        FUZZ_CHECK(stat->comm.data() + stat->comm.size() < line.data() + line.size());
        FUZZ_CHECK(stat->comm.data()[-1] == '(');
        FUZZ_CHECK(stat->comm.data()[stat->comm.size()] == ')');
        FUZZ_CHECK(stat->threads >= 0);
    }
    return 0;
}
