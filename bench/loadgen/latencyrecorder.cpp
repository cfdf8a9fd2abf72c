#include "latencyrecorder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr double UsPerMs = 1000.0;
}

void LatencyRecorder::sort()
{
    if (!m_sorted)
        std::sort(m_values.begin(), m_values.end());
    m_sorted = true;
}

double LatencyRecorder::percentileMs(double p)
{
    if (m_values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    sort();
    // Nearest rank: the smallest value with at least p% of all values at or below it.
    const auto rank = size_t(std::ceil(p / 100.0 * double(m_values.size())));
    const size_t index = std::clamp<size_t>(rank, 1, m_values.size()) - 1;
    return double(m_values[index]) / UsPerMs;
}

double LatencyRecorder::maxMs()
{
    return percentileMs(100);
}
