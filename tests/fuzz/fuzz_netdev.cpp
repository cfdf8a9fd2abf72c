// /proc/net/dev: bytes received and sent per interface.
#include "collectors/network/netdevparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QList<NetDevEntry> entries = NetDevParser::parse(QByteArrayView(data, qsizetype(size)));
    for (const NetDevEntry &entry : entries) {
        // The first colon ends the name, which is trimmed and never empty.
        FUZZ_CHECK(!entry.iface.isEmpty());
        FUZZ_CHECK(!entry.iface.contains(u':'));
    }
    return 0;
}
