#include "tokengate.h"

#include "logging.h"
#include "server/requestguard.h"

TokenGate::TokenGate()
{
    m_clock.start();
}

TokenGate::Result TokenGate::check(const QHostAddress &address, QByteArrayView token)
{
    if (!m_guard || !m_guard->hasToken())
        return {Verdict::NoToken, 0};
    const qint64 now = m_clock.elapsed();
    if (const qint64 wait = m_throttle.bannedForMs(address, now)) {
        m_throttle.countRefusedAttempt();
        return {Verdict::Banned, wait};
    }
    if (m_guard->tokenMatches(token))
        return {Verdict::Accepted, 0};
    if (const qint64 ban = m_throttle.recordFailure(address, now)) {
        qCWarning(lcServer).noquote() << QStringLiteral("%1 banned for %2 s after %3 wrong tokens")
                                             .arg(address.toString())
                                             .arg(ban / 1000)
                                             .arg(AuthThrottle::MaxFailures);
    }
    return {Verdict::Wrong, 0};
}
