#include "netdevparser.h"

#include "io/asciitokenizer.h"

#include <QVarLengthArray>

#include <optional>

namespace {

constexpr int HeaderLines = 2;
// After the colon: bytes, packets, errs, drop, fifo, frame, compressed, multicast received,
// then bytes, packets, errs, drop, fifo, colls, carrier, compressed transmitted. Fewer is a
// line cut short; more would be columns a later kernel appends, which do not move these.
constexpr qsizetype CounterCount = 16;
constexpr qsizetype RxBytesField = 0;
constexpr qsizetype TxBytesField = 8;

// Interface names cannot contain ':' or spaces, so the first colon ends the name, and a large
// counter may follow it with no space in between ("eth0:123").
std::optional<NetDevEntry> parseLine(QLatin1StringView line)
{
    const qsizetype colon = AsciiTokenizer::indexOf(line, ':');
    if (colon < 0)
        return std::nullopt;
    const QLatin1StringView name = line.first(colon).trimmed();
    const QLatin1StringView rest = line.sliced(colon + 1);
    QVarLengthArray<QLatin1StringView, CounterCount> counters;
    for (const QLatin1StringView counter : AsciiTokenizer(rest, ' ', Qt::SkipEmptyParts))
        counters.append(counter);
    if (name.isEmpty() || counters.size() < CounterCount)
        return std::nullopt;
    bool rxOk = false;
    bool txOk = false;
    const quint64 rx = counters[RxBytesField].toULongLong(&rxOk);
    const quint64 tx = counters[TxBytesField].toULongLong(&txOk);
    if (!rxOk || !txOk)
        return std::nullopt;
    return NetDevEntry{QString::fromUtf8(name.data(), name.size()), rx, tx};
}

} // namespace

QList<NetDevEntry> NetDevParser::parse(QByteArrayView text)
{
    QList<NetDevEntry> entries;
    int lineNumber = 0;
    for (const QLatin1StringView line : AsciiTokenizer(QLatin1StringView(text), '\n')) {
        if (lineNumber++ < HeaderLines)
            continue;
        if (auto entry = parseLine(line))
            entries.append(std::move(*entry));
    }
    return entries;
}
