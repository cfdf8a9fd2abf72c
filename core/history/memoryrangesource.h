#pragma once

#include "history/historyrange.h"

#include <functional>

class History;

// Answers range questions from the in-memory History, on the caller's thread, with a future
// that is already finished. A span that holds no more ticks than `points` comes back as the
// ticks themselves (tier 0, raw); a longer one in buckets of a whole number of intervals,
// aligned to multiples of the step since the epoch so that panning keeps the same buckets.
// Whatever memory does not hold (before the oldest tick, after the newest) is a gap.
class MemoryRangeSource : public HistoryRangeSource
{
public:
    // intervalMs: the tick interval now, the width of one raw point.
    MemoryRangeSource(const History *history, std::function<int()> intervalMs);

    QFuture<HistoryRange> range(const HistoryRangeRequest &request) const override;
    HistoryRange compute(const HistoryRangeRequest &request) const;

private:
    const History *m_history;
    std::function<int()> m_intervalMs;
};
