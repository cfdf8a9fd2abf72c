#include "collectors/load/loadavgparser.h"

#include "io/asciitokenizer.h"

#include <QString>

#include <charconv>
#include <cmath>

std::optional<std::array<double, 3>> LoadAvgParser::parse(QByteArrayView text)
{
    std::array<double, 3> load{};
    qsizetype count = 0;
    // "0.24 0.18 0.09 1/87 5688": the averages come first.
    for (const QLatin1StringView field :
         AsciiTokenizer(QLatin1StringView(text), ' ', Qt::SkipEmptyParts)) {
        if (count == qsizetype(load.size()))
            break;
        bool ok = false;
        const double value = field.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value) || value < 0)
            return std::nullopt;
        load[count++] = value;
    }
    if (count < qsizetype(load.size()))
        return std::nullopt;
    return load;
}

std::optional<int> LoadAvgParser::lastPid(QByteArrayView text)
{
    while (!text.isEmpty() && (text.back() == '\n' || text.back() == ' '))
        text.chop(1);
    const qsizetype space = text.lastIndexOf(' ');
    if (space < 0 || !text.first(space).contains('/'))
        return std::nullopt; // five fields, the fourth being running/total
    const QByteArrayView field = text.sliced(space + 1);
    int pid = 0;
    const auto [end, error] = std::from_chars(field.begin(), field.end(), pid);
    if (error != std::errc() || end != field.end() || pid < 0)
        return std::nullopt;
    return pid;
}
