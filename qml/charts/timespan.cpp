#include "timespan.h"

#include <algorithm>
#include <cmath>

TimeSpan::TimeSpan(QObject *parent)
    : QObject(parent)
{}

void TimeSpan::set(qint64 windowMs, qint64 endMs)
{
    if (windowMs == m_windowMs && endMs == m_endMs)
        return;
    m_windowMs = windowMs;
    m_endMs = endMs;
    emit changed();
}

void TimeSpan::choose(double windowMs)
{
    if (!(windowMs >= 1))
        return;
    set(qint64(windowMs), m_endMs);
}

bool TimeSpan::zoom(double aMs, double bMs)
{
    const double from = std::min(aMs, bMs);
    const double to = std::max(aMs, bMs);
    if (!(to - from >= MinZoomMs))
        return false;
    set(qint64(std::llround(to - from)), qint64(std::llround(to)));
    return true;
}

void TimeSpan::pan(double fraction, double newestMs)
{
    if (!std::isfinite(fraction) || !(newestMs > 0) || (isLive() && fraction >= 0))
        return;
    const qint64 newest = qint64(newestMs);
    const qint64 end = std::min(newest, to(newest) + qint64(std::llround(fraction * m_windowMs)));
    set(m_windowMs, end);
}

void TimeSpan::goLive()
{
    set(m_windowMs, 0);
}
