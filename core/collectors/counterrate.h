#pragma once

#include <QtGlobal>

// Per-second growth of a kernel counter between two readings. A counter that went back (an
// interface re-created, a disk re-added, a 32-bit counter wrapping) has no meaningful delta:
// the rate is 0 for that tick, never negative or absurd.
inline double counterRate(quint64 before, quint64 now, double seconds, quint64 unit = 1)
{
    if (now < before || seconds <= 0)
        return 0;
    return double((now - before) * unit) / seconds;
}
