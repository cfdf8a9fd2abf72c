#include "netdevparser.h"

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

using Fields = QVarLengthArray<QByteArrayView, CounterCount>;

Fields splitFields(QByteArrayView line)
{
    Fields fields;
    qsizetype pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
        const qsizetype start = pos;
        while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t')
            ++pos;
        if (pos > start)
            fields.append(line.sliced(start, pos - start));
    }
    return fields;
}

// Interface names cannot contain ':' or spaces, so the first colon ends the name, and a large
// counter may follow it with no space in between ("eth0:123").
std::optional<NetDevEntry> parseLine(QByteArrayView line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    const QByteArrayView name = line.first(colon).trimmed();
    const Fields counters = splitFields(line.sliced(colon + 1));
    if (name.isEmpty() || counters.size() < CounterCount)
        return std::nullopt;
    bool rxOk = false;
    bool txOk = false;
    const quint64 rx = counters[RxBytesField].toULongLong(&rxOk);
    const quint64 tx = counters[TxBytesField].toULongLong(&txOk);
    if (!rxOk || !txOk)
        return std::nullopt;
    return NetDevEntry{QString::fromUtf8(name), rx, tx};
}

} // namespace

QList<NetDevEntry> NetDevParser::parse(QByteArrayView text)
{
    QList<NetDevEntry> entries;
    qsizetype start = 0;
    for (int lineNumber = 0; start < text.size(); ++lineNumber) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        if (lineNumber >= HeaderLines) {
            if (auto entry = parseLine(text.sliced(start, end - start)))
                entries.append(std::move(*entry));
        }
        start = end + 1;
    }
    return entries;
}
