#pragma once

#include "history/history.h"

#include <QList>
#include <QPointF>

// Turns a History series into the points one chart line draws. An hour of one-second ticks is
// 3600 points for a plot a few hundred pixels wide: drawing them all costs time and shows nothing
// more, so long series are cut into equal runs and each run keeps its lowest and its highest
// point, in time order, so that a one-tick spike still reaches the top of the line.
class SeriesDecimator
{
public:
    // At most maxPoints points (x: ms since the epoch, y: value / divisor); every point when they
    // fit. NaN values (ticks where the series had no value) are left out.
    static QList<QPointF> decimate(const QList<History::Point> &points, int maxPoints,
                                   double divisor);

private:
    static void appendExtremes(const QList<History::Point> &points, qsizetype begin, qsizetype end,
                               double divisor, QList<QPointF> *out);
};
