#include "collectors/load/loadavgparser.h"

#include <QString>

#include <cmath>

std::optional<std::array<double, 3>> LoadAvgParser::parse(QByteArrayView text)
{
    std::array<double, 3> load{};
    qsizetype count = 0;
    // "0.24 0.18 0.09 1/87 5688": the task counts and last PID after the averages are not used.
    for (const QLatin1StringView field :
         QLatin1StringView(text).tokenize(u' ', Qt::SkipEmptyParts)) {
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
