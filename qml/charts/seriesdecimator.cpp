#include "seriesdecimator.h"

#include <algorithm>
#include <cmath>

QList<QPointF> SeriesDecimator::decimate(const QList<History::Point> &points, int maxPoints,
                                         double divisor)
{
    QList<QPointF> out;
    const qsizetype count = points.size();
    if (count <= maxPoints) {
        out.reserve(count);
        for (const History::Point &point : points) {
            if (!std::isnan(point.value))
                out.append(QPointF(double(point.ts), point.value / divisor));
        }
        return out;
    }
    const qsizetype runs = std::max(1, maxPoints / 2);
    out.reserve(runs * 2);
    for (qsizetype run = 0; run < runs; ++run)
        appendExtremes(points, run * count / runs, (run + 1) * count / runs, divisor, &out);
    return out;
}

void SeriesDecimator::appendExtremes(const QList<History::Point> &points, qsizetype begin,
                                     qsizetype end, double divisor, QList<QPointF> *out)
{
    qsizetype low = -1;
    qsizetype high = -1;
    for (qsizetype i = begin; i < end; ++i) {
        const double value = points[i].value;
        if (std::isnan(value))
            continue;
        if (low < 0 || value < points[low].value)
            low = i;
        if (high < 0 || value > points[high].value)
            high = i;
    }
    if (low < 0)
        return;
    for (qsizetype i : {std::min(low, high), std::max(low, high)}) {
        out->append(QPointF(double(points[i].ts), points[i].value / divisor));
        if (low == high)
            break;
    }
}
