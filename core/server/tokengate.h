#pragma once

#include "server/auththrottle.h"

#include <QByteArrayView>
#include <QElapsedTimer>
#include <QHostAddress>

class RequestGuard;

// Where every token a client sends is checked (`?token=` on the upgrade, `auth` messages): in
// constant time by the RequestGuard, and only while the sender's address is not banned by the
// AuthThrottle for guessing. Each ban is logged once.
class TokenGate
{
public:
    enum class Verdict {
        Accepted,
        Wrong,   // counted towards a ban
        Banned,  // refused without comparing; retryAfterMs says for how long
        NoToken, // the server has none: nothing to guess, nothing counted
    };
    struct Result
    {
        Verdict verdict = Verdict::Wrong;
        qint64 retryAfterMs = 0;
    };

    TokenGate();

    // The guard whose token is compared; the server sets it whenever it builds one.
    void setGuard(const RequestGuard *guard) { m_guard = guard; }
    Result check(const QHostAddress &address, QByteArrayView token);
    quint64 failures() const { return m_throttle.failures(); }
    int bannedAddresses() const { return m_throttle.bannedCount(m_clock.elapsed()); }

private:
    const RequestGuard *m_guard = nullptr;
    AuthThrottle m_throttle;
    QElapsedTimer m_clock;
};
