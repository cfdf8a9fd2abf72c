#include "timeticks.h"

#include <array>

namespace TimeTicks {

QList<qint64> positions(qint64 minMs, qint64 maxMs, int maxCount)
{
    static constexpr std::array<qint64, 13> StepsS = {1,   2,   5,   10,  15,   30,  60,
                                                      120, 300, 600, 900, 1800, 3600};
    const qint64 span = maxMs - minMs;
    if (span <= 0 || maxCount < 1)
        return {};
    qint64 step = StepsS.back() * 1000;
    for (qint64 seconds : StepsS) {
        if (span / (seconds * 1000) + 1 <= maxCount) {
            step = seconds * 1000;
            break;
        }
    }
    // The first multiple of step at or after minMs (timestamps are positive: plain division).
    QList<qint64> ticks;
    for (qint64 tick = (minMs + step - 1) / step * step; tick <= maxMs; tick += step)
        ticks.append(tick);
    return ticks;
}

} // namespace TimeTicks
