// /proc/diskstats: sectors read and written per block device.
#include "collectors/disks/diskstatsparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    const QHash<quint64, DiskStatsEntry> devices = DiskStatsParser::parse(text);
    // Each device is one line of at least 14 fields, so at least 28 bytes ("0 " fourteen times).
    FUZZ_CHECK(devices.size() * 28 <= text.size() + 1);
    return 0;
}
