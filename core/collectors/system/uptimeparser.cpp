#include "collectors/system/uptimeparser.h"

#include "io/asciitokenizer.h"

#include <QString>

#include <cmath>

std::optional<double> UptimeParser::parse(QByteArrayView text)
{
    // "325.91 603.93": the second field, idle time summed over all CPUs, is not used.
    const QLatin1StringView trimmed = QLatin1StringView(text).trimmed();
    const qsizetype space = AsciiTokenizer::indexOf(trimmed, ' ');
    const QLatin1StringView first = space < 0 ? trimmed : trimmed.first(space);
    bool ok = false;
    const double seconds = first.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0)
        return std::nullopt;
    return seconds;
}
