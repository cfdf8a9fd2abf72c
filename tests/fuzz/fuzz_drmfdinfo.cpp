// /proc/<pid>/fdinfo/<fd> of a DRM file: the kernel's client usage keys.
#include "collectors/gpu/drmfdinfoparser.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    if (const std::optional<DrmFdinfo> info = DrmFdinfoParser::parse(text)) {
        // A DRM client has a driver; names and values carry no whitespace.
        FUZZ_CHECK(!info->driver.isEmpty());
        FUZZ_CHECK(!info->driver.contains(' ') && !info->pdev.contains(' '));
        for (const auto *map : {&info->engineNs, &info->capacity, &info->cycles, &info->totalCycles,
                                &info->resident, &info->memory, &info->total}) {
            for (auto it = map->cbegin(); it != map->cend(); ++it)
                FUZZ_CHECK(!it.key().isEmpty() && !it.key().contains(' '));
        }
        // Every engine has a capacity of at least one: a share is never divided by zero.
        for (auto it = info->engineNs.cbegin(); it != info->engineNs.cend(); ++it)
            FUZZ_CHECK(info->capacityOf(it.key()) >= 1);
        // The resident sum is there exactly when some region is, and never wraps below a part.
        const std::optional<quint64> bytes = info->residentBytes();
        FUZZ_CHECK(bytes.has_value() == (!info->resident.isEmpty() || !info->memory.isEmpty()));
        for (auto it = info->resident.cbegin(); it != info->resident.cend(); ++it)
            FUZZ_CHECK(*bytes >= it.value());
    }
    return 0;
}
