#include "collectors/cpu/cpuinfoparser.h"

#include "io/asciitokenizer.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace {
// Keys that name the processor, best first.
constexpr std::array ModelKeys = {"model name"_L1, "Processor"_L1, "cpu model"_L1, "Hardware"_L1};

// The rank of key in ModelKeys, or ModelKeys.size() when it names no model.
qsizetype modelRank(QLatin1StringView key)
{
    const auto found = std::find(ModelKeys.begin(), ModelKeys.end(), key);
    return found - ModelKeys.begin();
}
} // namespace

CpuInfo CpuInfoParser::parse(QByteArrayView text)
{
    CpuInfo info;
    qsizetype bestRank = ModelKeys.size();
    for (const QLatin1StringView line : AsciiTokenizer(QLatin1StringView(text), '\n')) {
        const qsizetype colon = AsciiTokenizer::indexOf(line, ':');
        if (colon < 0)
            continue;
        // Keys are padded with tabs up to the colon: "model name\t: AMD EPYC".
        const QLatin1StringView key = line.first(colon).trimmed();
        const QLatin1StringView value = line.sliced(colon + 1).trimmed();
        if (key == "processor"_L1) {
            ++info.count;
            continue;
        }
        const qsizetype rank = modelRank(key);
        if (rank < bestRank && !value.isEmpty()) {
            info.model = QString::fromUtf8(QByteArrayView(value.data(), value.size())).simplified();
            bestRank = rank;
        }
    }
    return info;
}
