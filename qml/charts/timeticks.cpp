#include "timeticks.h"

#include <QDateTime>

#include <array>

namespace TimeTicks {

QList<qint64> positions(qint64 minMs, qint64 maxMs, int maxCount)
{
    // Up to an hour for live windows, then hours and days for spans of stored history (up to
    // 30 d), as format.js TIME_STEPS_MS.
    static constexpr std::array<qint64, 20> StepsS = {
        1,   2,    5,    10,   15,    30,    60,    120,   300,    600,
        900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
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
    // Steps count from local midnight, so an hour step falls on local whole hours and a day step
    // on midnight: the first multiple of step at or after minMs in local time.
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(minMs).offsetFromUtc()) * 1000;
    const qint64 local = minMs + offset;
    const qint64 first = (local + step - 1) / step * step - offset;
    QList<qint64> ticks;
    for (qint64 tick = first; tick <= maxMs; tick += step)
        ticks.append(tick);
    return ticks;
}

bool daySteps(const QList<qint64> &ticks)
{
    return ticks.size() >= 2 && ticks[1] - ticks[0] >= DayMs;
}

} // namespace TimeTicks
