#include "server/auththrottle.h"

#include <QTest>

// The throttle on a driven clock: numbers from AuthThrottle's constants (5 failures in 60 s,
// then 60 s, 120 s, 240 s ... up to an hour).
class TestAuthThrottle : public QObject
{
    Q_OBJECT

private slots:
    void fifthFailureInAMinuteBans();
    void failuresSpreadOverMoreThanAMinuteDoNotBan();
    void bansDoubleUpToAnHour();
    void quietAddressStartsAfresh();
    void addressesAreCountedApart();
    void tableStaysBounded();

private:
    const QHostAddress a{QStringLiteral("192.0.2.10")};
    const QHostAddress b{QStringLiteral("192.0.2.11")};
};

void TestAuthThrottle::fifthFailureInAMinuteBans()
{
    AuthThrottle throttle;
    for (int i = 0; i < 4; ++i)
        QCOMPARE(throttle.recordFailure(a, 1000 + i * 1000), 0);
    QCOMPARE(throttle.bannedForMs(a, 5000), 0);
    QCOMPARE(throttle.recordFailure(a, 5000), 60'000); // the fifth, 4 s after the first
    QCOMPARE(throttle.bannedForMs(a, 5000), 60'000);
    QCOMPARE(throttle.bannedForMs(a, 64'999), 1);
    QCOMPARE(throttle.bannedForMs(a, 65'000), 0);
    QCOMPARE(throttle.bannedCount(30'000), 1);
    QCOMPARE(throttle.bannedCount(65'000), 0);
    QCOMPARE(throttle.failures(), 5u);
}

void TestAuthThrottle::failuresSpreadOverMoreThanAMinuteDoNotBan()
{
    AuthThrottle throttle;
    // One every 16 s: the window of the first closes at 60 s, before the fifth at 64 s.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(throttle.recordFailure(a, i * 16'000), 0);
    QCOMPARE(throttle.bannedForMs(a, 64'000), 0);
}

void TestAuthThrottle::bansDoubleUpToAnHour()
{
    AuthThrottle throttle;
    const qint64 expected[] = {60'000,  120'000,   240'000,   480'000,
                               960'000, 1'920'000, 3'600'000, 3'600'000};
    qint64 now = 0;
    for (qint64 ban : expected) {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(throttle.recordFailure(a, now), 0);
        QCOMPARE(throttle.recordFailure(a, now), ban);
        now += ban; // the next round starts as the ban ends
    }
}

void TestAuthThrottle::quietAddressStartsAfresh()
{
    AuthThrottle throttle;
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure(a, 0);
    QCOMPARE(throttle.bannedForMs(a, 0), 60'000);
    // Quiet for over an hour after the ban ended at 60 s: the next ban is the first again.
    const qint64 later = 60'000 + AuthThrottle::MaxBanMs + 1;
    for (int i = 0; i < 4; ++i)
        throttle.recordFailure(a, later);
    QCOMPARE(throttle.recordFailure(a, later), 60'000);
}

void TestAuthThrottle::addressesAreCountedApart()
{
    AuthThrottle throttle;
    for (int i = 0; i < 4; ++i) {
        throttle.recordFailure(a, 0);
        throttle.recordFailure(b, 0);
    }
    QCOMPARE(throttle.recordFailure(a, 0), 60'000);
    QCOMPARE(throttle.bannedForMs(b, 0), 0);
}

void TestAuthThrottle::tableStaysBounded()
{
    AuthThrottle throttle;
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure(a, 0); // banned: kept while others come and go
    for (quint32 i = 0; i < AuthThrottle::MaxTracked + 100; ++i)
        throttle.recordFailure(QHostAddress(0xC6120000 + i), 1000 + i); // 198.18.0.0/15
    QVERIFY(throttle.bannedForMs(a, 2000) > 0);
}

QTEST_GUILESS_MAIN(TestAuthThrottle)
#include "tst_auththrottle.moc"
