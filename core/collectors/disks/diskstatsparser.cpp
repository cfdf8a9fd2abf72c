#include "diskstatsparser.h"

#include "io/asciitokenizer.h"

#include <QVarLengthArray>

#include <optional>

namespace {

// Kernels since 2.6.25 print at least 14 fields (newer ones 18 or 20). Older kernels printed
// partitions with 7 fields of a different meaning, so a shorter line is not this format.
constexpr qsizetype MinimumFields = 14;
constexpr qsizetype SectorsReadField = 5;
constexpr qsizetype SectorsWrittenField = 9;

struct ParsedLine
{
    quint64 key = 0;
    DiskStatsEntry entry;
};

std::optional<ParsedLine> parseLine(QLatin1StringView line)
{
    QVarLengthArray<QLatin1StringView, 20> fields;
    for (const QLatin1StringView field : AsciiTokenizer(line, ' ', Qt::SkipEmptyParts))
        fields.append(field);
    if (fields.size() < MinimumFields)
        return std::nullopt;
    bool ok[4] = {};
    const uint major = fields[0].toUInt(&ok[0]);
    const uint minor = fields[1].toUInt(&ok[1]);
    const quint64 read = fields[SectorsReadField].toULongLong(&ok[2]);
    const quint64 written = fields[SectorsWrittenField].toULongLong(&ok[3]);
    if (!(ok[0] && ok[1] && ok[2] && ok[3]))
        return std::nullopt;
    return ParsedLine{DiskStatsParser::deviceKey(major, minor), {read, written}};
}

} // namespace

quint64 DiskStatsParser::deviceKey(quint32 major, quint32 minor)
{
    return (quint64(major) << 32) | minor;
}

QHash<quint64, DiskStatsEntry> DiskStatsParser::parse(QByteArrayView text)
{
    QHash<quint64, DiskStatsEntry> devices;
    for (const QLatin1StringView line : AsciiTokenizer(QLatin1StringView(text), '\n')) {
        if (const auto parsed = parseLine(line))
            devices.insert(parsed->key, parsed->entry);
    }
    return devices;
}
