#include "collectors/cpu/cpustatparser.h"

#include "io/asciitokenizer.h"

#include <QString>

#include <array>

using namespace Qt::StringLiterals;

namespace {
// user, nice, system and idle: every kernel since 2.4 writes at least these.
constexpr qsizetype MinimumColumns = 4;
// Up to steal; guest and guest_nice come after it and are already inside user and nice.
constexpr qsizetype UsedColumns = 8;
// The largest NR_CPUS a kernel can be built with; a higher CPU number means a corrupt line.
constexpr uint MaxCpus = 8192;

std::optional<CpuTimes> parseTimes(QLatin1StringView columns)
{
    std::array<quint64, UsedColumns> values{};
    qsizetype count = 0;
    for (const QLatin1StringView column : AsciiTokenizer(columns, ' ', Qt::SkipEmptyParts)) {
        if (count == UsedColumns)
            break;
        bool ok = false;
        values[count++] = column.toULongLong(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (count < MinimumColumns)
        return std::nullopt;
    return CpuTimes{values[0], values[1], values[2], values[3],
                    values[4], values[5], values[6], values[7]};
}

// The N of a "cpuN" label, or nullopt when the label is not one.
std::optional<qsizetype> cpuNumber(QLatin1StringView label)
{
    const QLatin1StringView digits = label.sliced(3);
    bool ok = false;
    const uint number = digits.toUInt(&ok);
    // toUInt() accepts a sign and surrounding spaces; a CPU number is plain digits.
    if (!ok || !QChar(digits.front()).isDigit() || number >= MaxCpus)
        return std::nullopt;
    return qsizetype(number);
}

void addCore(CpuStat &stat, QLatin1StringView label, QLatin1StringView columns)
{
    const std::optional<qsizetype> number = cpuNumber(label);
    const std::optional<CpuTimes> times = parseTimes(columns);
    if (!number || !times)
        return;
    if (stat.cores.size() <= *number)
        stat.cores.resize(*number + 1);
    stat.cores[*number] = times;
}

void setBootTime(CpuStat &stat, QLatin1StringView value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok && seconds >= 0)
        stat.bootTime = seconds;
}
} // namespace

std::optional<CpuStat> CpuStatParser::parse(QByteArrayView text)
{
    CpuStat stat;
    bool haveTotal = false;
    for (const QLatin1StringView line : AsciiTokenizer(QLatin1StringView(text), '\n')) {
        const qsizetype space = AsciiTokenizer::indexOf(line, ' ');
        if (space < 0)
            continue;
        const QLatin1StringView label = line.first(space);
        const QLatin1StringView rest = line.sliced(space + 1);
        if (label == "cpu"_L1) {
            if (const std::optional<CpuTimes> total = parseTimes(rest)) {
                stat.total = *total;
                haveTotal = true;
            }
        } else if (label.startsWith("cpu"_L1)) {
            addCore(stat, label, rest);
        } else if (label == "btime"_L1) {
            setBootTime(stat, rest);
        }
    }
    if (!haveTotal)
        return std::nullopt;
    return stat;
}
