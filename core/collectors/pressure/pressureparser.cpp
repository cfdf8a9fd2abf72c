#include "collectors/pressure/pressureparser.h"

#include "io/asciitokenizer.h"

#include <charconv>
#include <cmath>

namespace {

// "avg10=1.25" of a line "some avg10=1.25 avg60=0.50 avg300=0.10 total=123456".
bool parseAverage(QLatin1StringView value, double *out)
{
    bool ok = false;
    const double parsed = value.toDouble(&ok);
    if (!ok || !std::isfinite(parsed) || parsed < 0 || parsed > 100)
        return false;
    *out = parsed;
    return true;
}

bool parseTotal(QLatin1StringView value, quint64 *out)
{
    const char *end = value.data() + value.size();
    const auto [last, error] = std::from_chars(value.data(), end, *out);
    return !value.isEmpty() && error == std::errc() && last == end;
}

std::optional<PressureStall> parseLine(QLatin1StringView fields)
{
    PressureStall stall;
    bool avg10 = false, avg60 = false, total = false;
    for (const QLatin1StringView field : AsciiTokenizer(fields, ' ', Qt::SkipEmptyParts)) {
        const qsizetype equals = field.indexOf(u'=');
        if (equals < 0)
            return std::nullopt;
        const QLatin1StringView name = field.first(equals);
        const QLatin1StringView value = field.sliced(equals + 1);
        bool ok = true;
        if (name == QLatin1StringView("avg10"))
            ok = avg10 = parseAverage(value, &stall.avg10);
        else if (name == QLatin1StringView("avg60"))
            ok = avg60 = parseAverage(value, &stall.avg60);
        else if (name == QLatin1StringView("total"))
            ok = total = parseTotal(value, &stall.totalUs);
        // avg300, and whatever a later kernel adds, is not needed.
        if (!ok)
            return std::nullopt;
    }
    if (!avg10 || !avg60 || !total)
        return std::nullopt;
    return stall;
}

} // namespace

std::optional<PressureResource> PressureParser::parse(QByteArrayView text)
{
    std::optional<PressureStall> some, full;
    for (QLatin1StringView line :
         AsciiTokenizer(QLatin1StringView(text), '\n', Qt::SkipEmptyParts)) {
        const qsizetype space = line.indexOf(u' ');
        if (space < 0)
            return std::nullopt;
        const QLatin1StringView kind = line.first(space);
        std::optional<PressureStall> *target = kind == QLatin1StringView("some")   ? &some
                                               : kind == QLatin1StringView("full") ? &full
                                                                                   : nullptr;
        if (!target)
            continue; // a kind this build does not know
        *target = parseLine(line.sliced(space + 1));
        if (!target->has_value())
            return std::nullopt;
    }
    if (!some)
        return std::nullopt;
    return PressureResource{*some, full};
}
