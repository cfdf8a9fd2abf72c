#pragma once

#include <QtGlobal>

#include <array>

// The three tiers of the history store: every tick, then per minute and per hour min/avg/max.
// A block holds one aligned window of a tier (StoreTiers::blockSpanMs) for every series, so that
// the timestamps, shared by all series, are written once per block.
namespace StoreTiers {

constexpr int Count = 3;
// The width of one stored point: 0 for tier 0, whose points are the ticks themselves.
constexpr std::array<qint64, Count> stepMs = {0, 60'000, 3'600'000};
// Ten minutes of ticks, an hour of minutes, a day of hours: small enough to rewrite at every
// flush while open, large enough that a block's own bytes are a small share of it.
constexpr std::array<qint64, Count> blockSpanMs = {600'000, 3'600'000, 86'400'000};
// Values per series and point: the tick's value, or min, avg and max.
constexpr std::array<int, Count> columns = {1, 3, 3};

constexpr qint64 align(qint64 ts, qint64 span)
{
    return ts - ((ts % span) + span) % span;
}

} // namespace StoreTiers
