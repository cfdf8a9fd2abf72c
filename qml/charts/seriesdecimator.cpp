#include "seriesdecimator.h"

#include <algorithm>
#include <cmath>
#include <utility>

QList<QList<QPointF>> SeriesDecimator::segments(const QList<History::Point> &points, int maxPoints,
                                                double divisor, qint64 gapMs)
{
    QList<QList<QPointF>> out;
    const qsizetype count = points.size();
    if (count == 0)
        return out;
    // One bucket per tick while they fit; else runs of equal length over the whole series, so
    // that the point count stays the same wherever the gaps fall.
    const qsizetype runs = std::max(1, maxPoints / 2);
    const qsizetype bucket = count <= maxPoints ? 1 : (count + runs - 1) / runs;
    QList<QPointF> segment;
    segment.reserve(std::min(count, 2 * runs));
    const auto endSegment = [&] {
        if (!segment.isEmpty())
            out.append(std::exchange(segment, {}));
    };
    qsizetype stretchStart = 0;
    for (qsizetype index = 1; index <= count; ++index) {
        if (index < count && points[index].ts - points[index - 1].ts <= gapMs)
            continue;
        for (qsizetype start = stretchStart; start < index; start += bucket) {
            if (!appendExtremes(points, start, std::min(index, start + bucket), divisor, &segment))
                endSegment();
        }
        endSegment();
        stretchStart = index;
    }
    return out;
}

bool SeriesDecimator::appendExtremes(const QList<History::Point> &points, qsizetype begin,
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
        return false;
    for (qsizetype i : {std::min(low, high), std::max(low, high)}) {
        out->append(QPointF(double(points[i].ts), points[i].value / divisor));
        if (low == high)
            break;
    }
    return true;
}

QList<QList<QPointF>> SeriesDecimator::bucketSegments(const QList<qint64> &ts,
                                                      const QList<double> &values,
                                                      const QList<double> &average, double divisor)
{
    QList<QList<QPointF>> out;
    QList<QPointF> segment;
    const qsizetype count = std::min({ts.size(), values.size(), average.size()});
    for (qsizetype i = 0; i < count; ++i) {
        if (std::isnan(average[i])) {
            if (!segment.isEmpty())
                out.append(std::exchange(segment, {}));
            continue;
        }
        const double value = std::isnan(values[i]) ? average[i] : values[i];
        segment.append(QPointF(double(ts[i]), value / divisor));
    }
    if (!segment.isEmpty())
        out.append(segment);
    return out;
}
