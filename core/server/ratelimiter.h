#pragma once

#include <QtGlobal>

// A token bucket: up to `burst` messages at once, refilled at `perSecond`. Time is passed in so
// tests drive it without sleeping.
class RateLimiter
{
public:
    RateLimiter(double perSecond, double burst);

    // True if a message may pass at time nowMs (monotonic milliseconds).
    bool take(qint64 nowMs);

private:
    double m_perSecond;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs = -1;
};
