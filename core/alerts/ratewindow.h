#pragma once

#include <QtGlobal>

#include <deque>

// How much a running counter grew over the last window (a minute by default): the "per minute"
// of the errors and connections rules. Fed once per tick with the counter's value.
class RateWindow
{
public:
    explicit RateWindow(qint64 windowMs = 60'000)
        : m_windowMs(windowMs)
    {}

    // Records the counter at nowMs and returns its growth within the window.
    double add(qint64 nowMs, quint64 counter);

private:
    struct Reading
    {
        qint64 ms;
        quint64 counter;
    };
    qint64 m_windowMs;
    std::deque<Reading> m_readings;
};
