#include "collectors/cgroups/cgroupparser.h"

#include "io/asciitokenizer.h"

#include <charconv>
#include <limits>

namespace {

std::optional<quint64> unsignedValue(QLatin1StringView value)
{
    quint64 out = 0;
    const char *end = value.data() + value.size();
    const auto [last, error] = std::from_chars(value.data(), end, out);
    if (value.isEmpty() || error != std::errc() || last != end)
        return std::nullopt;
    return out;
}

// A sum of kernel counters does not wrap in practice; one that would is refused, not wrapped.
bool add(quint64 &sum, quint64 value)
{
    if (sum > std::numeric_limits<quint64>::max() - value)
        return false;
    sum += value;
    return true;
}

} // namespace

std::optional<quint64> CgroupParser::number(QByteArrayView text)
{
    QLatin1StringView view(text);
    if (view.endsWith(u'\n'))
        view.chop(1);
    return unsignedValue(view);
}

std::optional<quint64> CgroupParser::keyed(QByteArrayView text, QByteArrayView key)
{
    for (const QLatin1StringView line :
         AsciiTokenizer(QLatin1StringView(text), '\n', Qt::SkipEmptyParts)) {
        if (line.size() > key.size() && line.startsWith(QLatin1StringView(key)) &&
            line.at(key.size()) == u' ')
            return unsignedValue(line.sliced(key.size() + 1));
    }
    return std::nullopt;
}

std::optional<CgroupParser::IoBytes> CgroupParser::ioStat(QByteArrayView text)
{
    IoBytes io;
    for (const QLatin1StringView line :
         AsciiTokenizer(QLatin1StringView(text), '\n', Qt::SkipEmptyParts)) {
        bool first = true;
        for (const QLatin1StringView field : AsciiTokenizer(line, ' ', Qt::SkipEmptyParts)) {
            if (first) { // the device, "major:minor"
                first = false;
                continue;
            }
            const qsizetype equals = field.indexOf(u'=');
            if (equals < 0)
                return std::nullopt;
            const QLatin1StringView name = field.first(equals);
            quint64 *target = name == QLatin1StringView("rbytes")   ? &io.read
                              : name == QLatin1StringView("wbytes") ? &io.write
                                                                    : nullptr;
            if (!target)
                continue; // rios, wios, dbytes, dios and whatever a later kernel adds
            const std::optional<quint64> value = unsignedValue(field.sliced(equals + 1));
            if (!value || !add(*target, *value))
                return std::nullopt;
        }
    }
    return io;
}

std::optional<CgroupParser::IoBytes> CgroupParser::blkioServiceBytes(QByteArrayView text)
{
    IoBytes io;
    bool total = false;
    for (const QLatin1StringView line :
         AsciiTokenizer(QLatin1StringView(text), '\n', Qt::SkipEmptyParts)) {
        QLatin1StringView fields[3];
        int count = 0;
        for (const QLatin1StringView field : AsciiTokenizer(line, ' ', Qt::SkipEmptyParts)) {
            if (count == 3)
                return std::nullopt;
            fields[count++] = field;
        }
        if (count == 2 && fields[0] == QLatin1StringView("Total")) {
            total = true; // the sum of every operation, reads and writes alike: not needed
            continue;
        }
        if (count != 3)
            return std::nullopt;
        const std::optional<quint64> value = unsignedValue(fields[2]);
        if (!value)
            return std::nullopt;
        if (fields[1] == QLatin1StringView("Read") && !add(io.read, *value))
            return std::nullopt;
        if (fields[1] == QLatin1StringView("Write") && !add(io.write, *value))
            return std::nullopt;
        // Sync, Async, Discard and Total per device count the same bytes again.
    }
    if (!total)
        return std::nullopt; // the kernel always ends with the Total line: the file was cut
    return io;
}
