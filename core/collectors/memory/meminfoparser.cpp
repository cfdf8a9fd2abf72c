#include "collectors/memory/meminfoparser.h"

#include "io/asciitokenizer.h"

#include <QString>

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr quint64 KiB = 1024;

// The fields used, in bytes; nullopt when the file has no such line.
struct Fields
{
    std::optional<quint64> memTotal;
    std::optional<quint64> memFree;
    std::optional<quint64> memAvailable;
    std::optional<quint64> buffers;
    std::optional<quint64> cached;
    std::optional<quint64> sReclaimable;
    std::optional<quint64> swapTotal;
    std::optional<quint64> swapFree;
};

struct Key
{
    QLatin1StringView name;
    std::optional<quint64> Fields::*field;
};

constexpr std::array Keys = {
    Key{"MemTotal"_L1, &Fields::memTotal},
    Key{"MemFree"_L1, &Fields::memFree},
    Key{"MemAvailable"_L1, &Fields::memAvailable},
    Key{"Buffers"_L1, &Fields::buffers},
    Key{"Cached"_L1, &Fields::cached},
    Key{"SReclaimable"_L1, &Fields::sReclaimable},
    Key{"SwapTotal"_L1, &Fields::swapTotal},
    Key{"SwapFree"_L1, &Fields::swapFree},
};

// The bytes in a value like "  24684092 kB", or nullopt when it is not a KiB size.
std::optional<quint64> parseKib(QLatin1StringView value)
{
    value = value.trimmed();
    if (!value.endsWith(" kB"_L1))
        return std::nullopt;
    bool ok = false;
    const quint64 kib = value.chopped(3).toULongLong(&ok);
    if (!ok || kib > std::numeric_limits<quint64>::max() / KiB)
        return std::nullopt;
    return kib * KiB;
}

void readLine(Fields &fields, QLatin1StringView line)
{
    const qsizetype colon = AsciiTokenizer::indexOf(line, ':');
    if (colon < 0)
        return;
    const QLatin1StringView name = line.first(colon);
    const auto key =
        std::find_if(Keys.begin(), Keys.end(), [name](const Key &k) { return k.name == name; });
    if (key == Keys.end())
        return;
    if (const std::optional<quint64> bytes = parseKib(line.sliced(colon + 1)))
        fields.*(key->field) = bytes;
}

double share(quint64 part, quint64 total)
{
    return total == 0 ? 0.0 : 100.0 * double(part) / double(total);
}

MemoryUsage memoryUsage(const Fields &f)
{
    MemoryUsage mem;
    mem.total = f.memTotal.value_or(0);
    const quint64 estimate = f.memFree.value_or(0) + f.buffers.value_or(0) + f.cached.value_or(0);
    // A corrupt file could claim more available than there is; used must not wrap around.
    mem.available = std::min(f.memAvailable.value_or(estimate), mem.total);
    mem.used = mem.total - mem.available;
    mem.cached = f.cached.value_or(0) + f.sReclaimable.value_or(0);
    mem.buffers = f.buffers.value_or(0);
    mem.percent = share(mem.used, mem.total);
    return mem;
}

SwapUsage swapUsage(const Fields &f)
{
    SwapUsage swap;
    swap.total = f.swapTotal.value_or(0);
    swap.used = swap.total - std::min(f.swapFree.value_or(0), swap.total);
    swap.percent = share(swap.used, swap.total);
    return swap;
}
} // namespace

std::optional<MemInfo> MemInfoParser::parse(QByteArrayView text)
{
    Fields fields;
    for (const QLatin1StringView line : AsciiTokenizer(QLatin1StringView(text), '\n'))
        readLine(fields, line);
    if (!fields.memTotal)
        return std::nullopt;
    return MemInfo{memoryUsage(fields), swapUsage(fields)};
}
