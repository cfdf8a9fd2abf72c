// /proc/self/mounts: the filesystems df would show.
#include "collectors/disks/mountsparser.h"
#include "fuzzcheck.h"

#include <QSet>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QList<MountEntry> mounts = MountsParser::parse(QByteArrayView(data, qsizetype(size)));
    QSet<QString> paths;
    QSet<QString> devices;
    for (const MountEntry &entry : mounts) {
        FUZZ_CHECK(entry.mount.startsWith(u'/'));
        // Hidden mounts and bind mounts are gone: one entry per path and per device.
        FUZZ_CHECK(!paths.contains(entry.mount));
        FUZZ_CHECK(!devices.contains(entry.device));
        paths.insert(entry.mount);
        devices.insert(entry.device);
        MountsParser::mayStopAnswering(entry);
    }
    return 0;
}
