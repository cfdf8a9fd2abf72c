#pragma once

#include <QHash>
#include <QHostAddress>

// Makes token guessing slow, as qBittorrent's Web UI does: an address that fails MaxFailures
// times within WindowMs is banned for BaseBanMs, and each ban that follows doubles, up to
// MaxBanMs. While banned, its attempts are refused without comparing, even the right token.
// An address quiet for MaxBanMs after its last ban starts afresh. Time is passed in (monotonic
// milliseconds), so tests drive it without sleeping.
class AuthThrottle
{
public:
    static constexpr int MaxFailures = 5;
    static constexpr qint64 WindowMs = 60'000;
    static constexpr qint64 BaseBanMs = 60'000;
    static constexpr qint64 MaxBanMs = 3'600'000;
    // Addresses remembered at most: beyond, the one quiet for longest is forgotten first.
    static constexpr qsizetype MaxTracked = 4096;

    // Milliseconds until the address may try again; 0 when it may now.
    qint64 bannedForMs(const QHostAddress &address, qint64 nowMs) const;
    // Counts a failed attempt; returns the length of the ban it started, or 0.
    qint64 recordFailure(const QHostAddress &address, qint64 nowMs);
    // Addresses banned at nowMs.
    int bannedCount(qint64 nowMs) const;
    // Failed attempts since start, refused ones included.
    quint64 failures() const { return m_failures; }
    void countRefusedAttempt() { ++m_failures; }

private:
    struct Entry
    {
        qint64 windowStartMs = 0;
        int failuresInWindow = 0;
        int bans = 0;
        qint64 bannedUntilMs = 0;
        qint64 lastFailureMs = 0;
    };
    void forgetQuiet(qint64 nowMs);

    QHash<QHostAddress, Entry> m_entries;
    quint64 m_failures = 0;
};
