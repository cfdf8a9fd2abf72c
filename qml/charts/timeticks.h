#pragma once

#include <QList>

// Where a time axis puts its labels: on round clock times (every 10 s, 15 s, 1 min, 5 min, ...),
// never at the window's arbitrary edges, with the same steps as the web dashboard's axis
// (format.js timeTicks), so that a chart reads the same in the window and in a browser.
namespace TimeTicks {

// Multiples of the smallest round step (ms) that keeps the ticks from minMs to maxMs (ms since
// the epoch) at most maxCount; the largest step (1 h) when none does. Empty for an empty span or
// maxCount below 1.
QList<qint64> positions(qint64 minMs, qint64 maxMs, int maxCount);

} // namespace TimeTicks
