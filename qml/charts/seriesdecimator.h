#pragma once

#include "history/history.h"

#include <QList>
#include <QPointF>

// Turns a History series into the segments one chart line draws. An hour of one-second ticks is
// 3600 points for a plot a few hundred pixels wide: drawing them all costs time and shows nothing
// more, so long series are cut into equal runs and each run keeps its lowest and its highest
// point, in time order, so that a one-tick spike still reaches the top of the line.
//
// Time nobody measured is not drawn: a tick without a value (the empty tick that marks a restart)
// or two ticks more than gapMs apart (suspend, a stopped process) end a segment, as the web
// client's SeriesStore.points() breaks its line there. No run spans such a gap, so decimation
// never bridges one.
class SeriesDecimator
{
public:
    // About maxPoints points over all segments (x: ms since the epoch, y: value / divisor);
    // every point when they fit. Each segment holds at least one point.
    static QList<QList<QPointF>> segments(const QList<History::Point> &points, int maxPoints,
                                          double divisor, qint64 gapMs);

    // The segments of one column of a range answer (HistoryRange: ts and avg, min or max per
    // bucket), already at most one bucket per pixel: every bucket is a point, and a bucket whose
    // average is NaN (nothing measured in it) ends a segment. The lows and highs of a band take
    // `average` of the line, so that all three break at the same buckets.
    static QList<QList<QPointF>> bucketSegments(const QList<qint64> &ts,
                                                const QList<double> &values,
                                                const QList<double> &average, double divisor);

private:
    // Appends the lowest and highest point of points[begin, end) in time order; false when the
    // run has no value.
    static bool appendExtremes(const QList<History::Point> &points, qsizetype begin, qsizetype end,
                               double divisor, QList<QPointF> *out);
};
