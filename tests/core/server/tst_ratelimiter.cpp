#include "server/ratelimiter.h"

#include <QTest>

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void burstThenRefused();
    void refillsOverTime();
    void sustainedRateHolds();
    void clockGoingBackDoesNotRefill();
};

void TestRateLimiter::burstThenRefused()
{
    RateLimiter limiter(20, 40);
    for (int i = 0; i < 40; ++i)
        QVERIFY(limiter.take(1000));
    QVERIFY(!limiter.take(1000));
}

void TestRateLimiter::refillsOverTime()
{
    RateLimiter limiter(20, 40);
    for (int i = 0; i < 40; ++i)
        limiter.take(1000);
    // 20 per second: 50 ms earn exactly one message.
    QVERIFY(!limiter.take(1049));
    QVERIFY(limiter.take(1050));
    QVERIFY(!limiter.take(1050));
}

void TestRateLimiter::sustainedRateHolds()
{
    RateLimiter limiter(20, 40);
    int passed = 0;
    // 100 messages a second for 10 s: the burst plus 20 a second get through.
    for (int ms = 0; ms < 10000; ms += 10)
        passed += limiter.take(ms) ? 1 : 0;
    QVERIFY(passed >= 40 + 199 && passed <= 40 + 200);
}

void TestRateLimiter::clockGoingBackDoesNotRefill()
{
    RateLimiter limiter(1, 1);
    QVERIFY(limiter.take(5000));
    QVERIFY(!limiter.take(1000));
    QVERIFY(!limiter.take(5500));
    QVERIFY(limiter.take(6000));
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
