#include "auththrottle.h"

#include <algorithm>

qint64 AuthThrottle::bannedForMs(const QHostAddress &address, qint64 nowMs) const
{
    const auto entry = m_entries.constFind(address);
    if (entry == m_entries.cend())
        return 0;
    return qMax<qint64>(0, entry->bannedUntilMs - nowMs);
}

qint64 AuthThrottle::recordFailure(const QHostAddress &address, qint64 nowMs)
{
    ++m_failures;
    if (!m_entries.contains(address) && m_entries.size() >= MaxTracked)
        forgetQuiet(nowMs);
    Entry &entry = m_entries[address];
    if (entry.bans > 0 && nowMs - qMax(entry.bannedUntilMs, entry.lastFailureMs) > MaxBanMs)
        entry = Entry{};
    if (entry.failuresInWindow == 0 || nowMs - entry.windowStartMs > WindowMs) {
        entry.windowStartMs = nowMs;
        entry.failuresInWindow = 0;
    }
    entry.lastFailureMs = nowMs;
    if (++entry.failuresInWindow < MaxFailures)
        return 0;
    entry.failuresInWindow = 0;
    const qint64 ban = qMin(MaxBanMs, BaseBanMs << qMin(entry.bans, 16));
    ++entry.bans;
    entry.bannedUntilMs = nowMs + ban;
    return ban;
}

int AuthThrottle::bannedCount(qint64 nowMs) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [nowMs](const Entry &e) { return e.bannedUntilMs > nowMs; }));
}

// Keeps the table bounded against an attacker with many addresses: the entries that are not
// banned go first, the one whose last failure is oldest first among them.
void AuthThrottle::forgetQuiet(qint64 nowMs)
{
    auto victim = m_entries.end();
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        const bool banned = it->bannedUntilMs > nowMs;
        const bool victimBanned = victim != m_entries.end() && victim->bannedUntilMs > nowMs;
        if (victim == m_entries.end() || (victimBanned && !banned) ||
            (banned == victimBanned && it->lastFailureMs < victim->lastFailureMs))
            victim = it;
    }
    if (victim != m_entries.end())
        m_entries.erase(victim);
}
