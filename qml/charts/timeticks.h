#pragma once

#include <QList>

// Where a time axis puts its labels: on round clock times (every 10 s, 15 s, 1 min, 5 min, ...,
// 6 h, a day, a week), never at the span's arbitrary edges, with the same steps as the web
// dashboard's axis (format.js timeTicks), so that a chart reads the same in the window and in a
// browser.
namespace TimeTicks {

inline constexpr qint64 DayMs = 86400000;

// Multiples of the smallest round step (ms) that keeps the ticks from minMs to maxMs (ms since
// the epoch) at most maxCount, counted from local midnight; the largest step (a week) when none
// does. Empty for an empty span or maxCount below 1.
QList<qint64> positions(qint64 minMs, qint64 maxMs, int maxCount);

// Whether ticks a day or more apart: their labels then name the day instead of the time.
bool daySteps(const QList<qint64> &ticks);

} // namespace TimeTicks
