#pragma once

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cmath>

// When to try a WebSocket again after it closed: the web client's numbers
// (resources/web/assets/backoff.js), so a hub knocks on a restarted host as a browser tab does.
// A host that restarts is usually back within a few seconds, so the first retries come quickly;
// one that stays away is asked less and less often. Each delay is spread by +-25 % so that many
// hubs do not all knock in the same instant.
namespace Backoff {

inline constexpr std::array<int, 5> QuickDelaysMs{250, 500, 1000, 1000, 1000};
inline constexpr int BackoffDelayMs = 2000;
inline constexpr int MaxDelayMs = 10000;

// Delay in ms before reconnect attempt number attempt (0 for the first after a close); random is
// in [0, 1).
inline int reconnectDelay(int attempt, double random)
{
    const int index = std::max(0, attempt);
    const double base =
        index < int(QuickDelaysMs.size())
            ? QuickDelaysMs[size_t(index)]
            : std::min(double(MaxDelayMs),
                       BackoffDelayMs * std::pow(2.0, index - int(QuickDelaysMs.size())));
    return std::min(MaxDelayMs, int(std::lround(base * (0.75 + 0.5 * random))));
}

} // namespace Backoff
