#pragma once

#include <QtGlobal>

#include <vector>

// Every latency of a run, kept whole (a 20 s run of 1000 clients at 10 Hz is 200,000 values,
// 1.6 MB) so that percentiles are exact rather than estimated from buckets.
class LatencyRecorder
{
public:
    // Makes room for count values, so recording does not reallocate during the window.
    void reserve(qsizetype count) { m_values.reserve(size_t(count)); }
    // Records one latency, in microseconds.
    void add(qint64 latencyUs)
    {
        m_values.push_back(latencyUs);
        m_sorted = false;
    }
    // Latencies recorded so far.
    qsizetype count() const { return qsizetype(m_values.size()); }
    // The nearest-rank percentile p (0 < p <= 100) in ms; NaN when nothing was recorded.
    double percentileMs(double p);
    // The largest latency in ms; NaN when nothing was recorded.
    double maxMs();

private:
    void sort();

    std::vector<qint64> m_values;
    bool m_sorted = true;
};
