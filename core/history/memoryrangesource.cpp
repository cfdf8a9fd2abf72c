#include "memoryrangesource.h"

#include "history/history.h"

#include <algorithm>
#include <cmath>

namespace {

// A jump of more than two intervals between ticks is a time the monitor did not run (or the
// machine slept): the raw answer marks it with a gap point so no line is drawn across it.
bool isGap(qint64 previous, qint64 next, qint64 intervalMs)
{
    return next - previous > 2 * intervalMs;
}

qsizetype rawPointCount(const QList<qint64> &ts, qsizetype count, qint64 intervalMs)
{
    qsizetype points = count;
    for (qsizetype i = 1; i < count; ++i)
        points += isGap(ts[i - 1], ts[i], intervalMs) ? 1 : 0;
    return points;
}

void appendPoint(HistoryRange &range, qint64 ts, const QList<QList<double>> &values, qsizetype i)
{
    range.ts.append(ts);
    for (qsizetype s = 0; s < values.size(); ++s) {
        const double value = i < 0 ? qQNaN() : values[s][i];
        range.avg[s].append(value);
        range.min[s].append(value);
        range.max[s].append(value);
    }
}

void fillRaw(HistoryRange &range, const History::Window &window, qsizetype count, qint64 intervalMs)
{
    QList<QList<double>> values;
    for (const auto &column : window.series)
        values.append(column.second);
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0 && isGap(window.ts[i - 1], window.ts[i], intervalMs))
            appendPoint(range, window.ts[i - 1] + intervalMs, values, -1);
        appendPoint(range, window.ts[i], values, i);
    }
    range.step = intervalMs;
}

qint64 wholeIntervals(qint64 span, qint64 buckets, qint64 intervalMs)
{
    const qint64 perBucket = buckets * intervalMs;
    return qMax<qint64>(2, (span + perBucket - 1) / perBucket) * intervalMs;
}

// The smallest whole number of intervals, at least two (so that a tick late by a few
// milliseconds never leaves a bucket empty), that splits [from, to] into at most `points`
// buckets aligned to multiples of the step. Alignment may cost one bucket: a step of
// span / (points - 1) always fits.
qint64 bucketStep(qint64 from, qint64 to, int points, qint64 intervalMs)
{
    const qint64 span = to - from + 1;
    const qint64 step = wholeIntervals(span, points, intervalMs);
    if (points == 1 || to / step - from / step + 1 <= points)
        return step;
    return wholeIntervals(span, points - 1, intervalMs);
}

void fillBuckets(HistoryRange &range, const History::Window &window, qsizetype count, int points,
                 qint64 intervalMs)
{
    const qint64 step = bucketStep(range.from, range.to, points, intervalMs);
    // One bucket is the whole span, wherever it starts.
    const qint64 first = points == 1 ? range.from : range.from / step * step;
    const qsizetype buckets = (range.to - first) / step + 1;
    range.step = step;
    range.ts.reserve(buckets);
    for (qsizetype b = 0; b < buckets; ++b)
        range.ts.append(first + b * step);
    for (const auto &[name, values] : window.series) {
        QList<double> sum(buckets, 0.0);
        QList<int> samples(buckets, 0);
        QList<double> low(buckets, qQNaN());
        QList<double> high(buckets, qQNaN());
        for (qsizetype i = 0; i < count; ++i) {
            const double value = values[i];
            if (std::isnan(value))
                continue;
            const qsizetype b = (window.ts[i] - first) / step;
            sum[b] += value;
            low[b] = samples[b] == 0 ? value : qMin(low[b], value);
            high[b] = samples[b] == 0 ? value : qMax(high[b], value);
            ++samples[b];
        }
        QList<double> average(buckets, qQNaN());
        for (qsizetype b = 0; b < buckets; ++b) {
            if (samples[b] > 0)
                average[b] = sum[b] / samples[b];
        }
        range.avg.append(average);
        range.min.append(low);
        range.max.append(high);
    }
}

} // namespace

MemoryRangeSource::MemoryRangeSource(const History *history, std::function<int()> intervalMs)
    : m_history(history)
    , m_intervalMs(std::move(intervalMs))
{}

QFuture<HistoryRange> MemoryRangeSource::range(const HistoryRangeRequest &request) const
{
    return QtFuture::makeReadyFuture(compute(request));
}

HistoryRange MemoryRangeSource::compute(const HistoryRangeRequest &request) const
{
    HistoryRange range;
    range.from = request.from;
    range.to = qMax(request.from, request.to);
    for (const QString &name : request.series) {
        if (m_history->contains(name))
            range.names.append(name);
    }
    const History::Window window = m_history->window(range.names, range.from);
    // The window runs to the newest tick; only those up to `to` count.
    const qsizetype count =
        std::upper_bound(window.ts.cbegin(), window.ts.cend(), range.to) - window.ts.cbegin();
    const qint64 intervalMs = qMax(1, m_intervalMs());
    const int points = qMax(1, request.points);
    if (rawPointCount(window.ts, count, intervalMs) <= points) {
        range.avg.resize(range.names.size());
        range.min.resize(range.names.size());
        range.max.resize(range.names.size());
        fillRaw(range, window, count, intervalMs);
    } else {
        fillBuckets(range, window, count, points, intervalMs);
    }
    return range;
}
