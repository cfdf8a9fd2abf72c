#include "ratewindow.h"

double RateWindow::add(qint64 nowMs, quint64 counter)
{
    // A counter that went back (the server restarted its totals) starts a new window.
    if (!m_readings.empty() && counter < m_readings.back().counter)
        m_readings.clear();
    m_readings.push_back({nowMs, counter});
    while (m_readings.size() > 1 && m_readings.front().ms < nowMs - m_windowMs)
        m_readings.pop_front();
    return double(counter - m_readings.front().counter);
}
