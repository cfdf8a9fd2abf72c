#include "procstatparser.h"

#include <array>
#include <charconv>

namespace {

// Fields 3..24 follow the command name; the parser keeps views to exactly those.
constexpr int FirstField = 3;
constexpr int LastField = 24;
using Fields = std::array<QByteArrayView, LastField - FirstField + 1>;

template<typename T>
bool toNumber(QByteArrayView text, T *value)
{
    const char *end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, *value);
    return !text.isEmpty() && error == std::errc() && ptr == end;
}

// Splits the text after the command name on single spaces; false if it ends before field 24.
bool splitFields(QByteArrayView rest, Fields *fields)
{
    qsizetype start = 0;
    for (QByteArrayView &field : *fields) {
        if (start > rest.size())
            return false;
        qsizetype end = rest.indexOf(' ', start);
        if (end < 0)
            end = rest.size();
        field = rest.sliced(start, end - start);
        start = end + 1;
    }
    return true;
}

QByteArrayView field(const Fields &fields, int number)
{
    return fields[size_t(number - FirstField)];
}

} // namespace

std::optional<ProcStat> ProcStatParser::parse(QByteArrayView line)
{
    line = line.trimmed();
    // The command name may itself hold spaces and ')': it ends at the LAST ')'.
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    if (open < 1 || close < open || close + 2 > line.size() || line[close + 1] != ' ')
        return std::nullopt;
    Fields fields;
    if (!splitFields(line.sliced(close + 2), &fields))
        return std::nullopt;
    ProcStat stat;
    stat.comm = line.sliced(open + 1, close - open - 1);
    const QByteArrayView state = field(fields, 3);
    if (state.size() != 1)
        return std::nullopt;
    stat.state = state[0];
    const bool ok =
        toNumber(line.first(open).trimmed(), &stat.pid) &&
        toNumber(field(fields, 14), &stat.utime) && toNumber(field(fields, 15), &stat.stime) &&
        toNumber(field(fields, 20), &stat.threads) &&
        toNumber(field(fields, 22), &stat.startTime) && toNumber(field(fields, 24), &stat.rssPages);
    if (!ok || stat.pid <= 0 || stat.threads < 0)
        return std::nullopt;
    return stat;
}
