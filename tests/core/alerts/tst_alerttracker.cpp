#include "alerts/alerttracker.h"

#include <QRandomGenerator>
#include <QTest>

using Change = AlertTracker::Change;

namespace {
// warning 75, critical 90, for 10 s, hysteresis 5: the cpu rule's defaults but `for`.
const AlertRule cpu{QStringLiteral("cpu"), 75, 90, 10, 5};
} // namespace

class TestAlertTracker : public QObject
{
    Q_OBJECT

private slots:
    void firesExactlyAfterFor();
    void dipResetsPending();
    void forZeroFiresAtOnce();
    void noiseWithinHysteresisFiresOnce();
    void clearsOnlyBelowHysteresis();
    void escalatesAndDeEscalatesWithoutResolve();
    void escalationAlsoWaitsFor();
    void jumpStraightToCritical();
    void thresholdRaisedMidAlertResolves();
    void thresholdLoweredMidAlertEscalates();
    void unknownValuesAreIgnored();
    void restoredFiringHoldsWithoutFiringAgain();
    void restoredFiringResolvesBelowHysteresis();
    void restoredCriticalDeEscalates();
};

void TestAlertTracker::firesExactlyAfterFor()
{
    AlertTracker tracker;
    // One sample a second at 80 from t = 0: pending until t = 10 s, firing at t = 10 s.
    for (int s = 0; s < 10; ++s) {
        QCOMPARE(tracker.update(80, s * 1000, cpu), Change::None);
        QVERIFY(tracker.isPending());
    }
    QCOMPARE(tracker.update(80, 10'000, cpu), Change::Fired);
    QCOMPARE(tracker.severity(), AlertSeverity::Warning);
    QCOMPARE(tracker.firedAt(), 10'000);
    QVERIFY(!tracker.isPending());
}

void TestAlertTracker::dipResetsPending()
{
    AlertTracker tracker;
    tracker.update(80, 0, cpu);
    tracker.update(80, 9'000, cpu);
    QCOMPARE(tracker.update(74, 9'500, cpu), Change::None); // below warning: pending ends
    QVERIFY(!tracker.isPending());
    QCOMPARE(tracker.update(80, 10'000, cpu), Change::None); // a new run starts at 10 s
    QCOMPARE(tracker.update(80, 19'999, cpu), Change::None);
    QCOMPARE(tracker.update(80, 20'000, cpu), Change::Fired);
}

void TestAlertTracker::forZeroFiresAtOnce()
{
    AlertTracker tracker;
    const AlertRule now{QStringLiteral("errors"), 10, 60, 0, 2};
    QCOMPARE(tracker.update(9, 0, now), Change::None);
    QCOMPARE(tracker.update(10, 1, now), Change::Fired);
}

void TestAlertTracker::noiseWithinHysteresisFiresOnce()
{
    // 10,000 samples of noise within ±hysteresis/2 around the warning level, one every 100 ms:
    // the first crossing fires once the level has held for 10 s, then it never flaps.
    AlertTracker tracker;
    QRandomGenerator random(42);
    int fired = 0, resolved = 0;
    for (int i = 0; i < 10'000; ++i) {
        const double value = cpu.warning + (random.generateDouble() - 0.5) * cpu.hysteresis;
        const Change change = tracker.update(value, i * 100, cpu);
        fired += change == Change::Fired;
        resolved += change == Change::Resolved;
    }
    QVERIFY(fired <= 1);
    QCOMPARE(resolved, 0);
    // And with `for` 0 it fires exactly once on the first crossing.
    AlertTracker eager;
    const AlertRule immediate{QStringLiteral("cpu"), 75, 90, 0, 5};
    fired = 0;
    for (int i = 0; i < 10'000; ++i) {
        const double value = 75 + (random.generateDouble() - 0.5) * 5;
        fired += eager.update(value, i * 100, immediate) == Change::Fired;
    }
    QCOMPARE(fired, 1);
}

void TestAlertTracker::clearsOnlyBelowHysteresis()
{
    const AlertRule immediate{QStringLiteral("cpu"), 75, 90, 0, 5};
    AlertTracker tracker;
    QCOMPARE(tracker.update(80, 0, immediate), Change::Fired);
    QCOMPARE(tracker.update(74, 1000, immediate), Change::None); // below 75, above 70
    QCOMPARE(tracker.update(70, 2000, immediate), Change::None); // exactly 75 - 5 still holds
    QCOMPARE(tracker.update(69.9, 3000, immediate), Change::Resolved);
    QCOMPARE(tracker.severity(), AlertSeverity::None);
}

void TestAlertTracker::escalatesAndDeEscalatesWithoutResolve()
{
    const AlertRule immediate{QStringLiteral("cpu"), 75, 90, 0, 5};
    AlertTracker tracker;
    QCOMPARE(tracker.update(80, 0, immediate), Change::Fired);
    QCOMPARE(tracker.update(95, 1000, immediate), Change::Escalated);
    QCOMPARE(tracker.severity(), AlertSeverity::Critical);
    QCOMPARE(tracker.update(86, 2000, immediate), Change::None); // within critical's hysteresis
    QCOMPARE(tracker.update(84, 3000, immediate), Change::DeEscalated); // below 90 - 5
    QCOMPARE(tracker.severity(), AlertSeverity::Warning);
    QCOMPARE(tracker.update(91, 4000, immediate), Change::Escalated);
    QCOMPARE(tracker.update(10, 5000, immediate), Change::Resolved);
}

void TestAlertTracker::escalationAlsoWaitsFor()
{
    AlertTracker tracker;
    tracker.update(80, 0, cpu);
    QCOMPARE(tracker.update(80, 10'000, cpu), Change::Fired);
    QCOMPARE(tracker.update(95, 11'000, cpu), Change::None); // critical must hold 10 s too
    QCOMPARE(tracker.update(95, 20'999, cpu), Change::None);
    QCOMPARE(tracker.update(95, 21'000, cpu), Change::Escalated);
}

void TestAlertTracker::jumpStraightToCritical()
{
    AlertTracker tracker;
    tracker.update(99, 0, cpu);
    QCOMPARE(tracker.update(99, 10'000, cpu), Change::Fired);
    QCOMPARE(tracker.severity(), AlertSeverity::Critical);
}

void TestAlertTracker::thresholdRaisedMidAlertResolves()
{
    AlertRule rule{QStringLiteral("memory"), 40, 95, 0, 5};
    AlertTracker tracker;
    QCOMPARE(tracker.update(50, 0, rule), Change::Fired);
    rule.warning = 60; // 50 < 60 - 5: the alert clears at the next tick
    QCOMPARE(tracker.update(50, 1000, rule), Change::Resolved);
}

void TestAlertTracker::thresholdLoweredMidAlertEscalates()
{
    AlertRule rule{QStringLiteral("memory"), 40, 95, 0, 5};
    AlertTracker tracker;
    QCOMPARE(tracker.update(50, 0, rule), Change::Fired);
    rule.critical = 45;
    QCOMPARE(tracker.update(50, 1000, rule), Change::Escalated);
}

void TestAlertTracker::unknownValuesAreIgnored()
{
    const AlertRule immediate{QStringLiteral("cpu"), 75, 90, 0, 5};
    AlertTracker tracker;
    QCOMPARE(tracker.update(80, 0, immediate), Change::Fired);
    QCOMPARE(tracker.update(qQNaN(), 1000, immediate), Change::None);
    QCOMPARE(tracker.severity(), AlertSeverity::Warning);
    QCOMPARE(tracker.value(), 80.0);
}

// Firing at warning since t = 5 s when Vantage stopped; back at t = 100 s with `for` 10 s. A value
// at or above the warning holds it from the first update on: no pending wait, no second Fired,
// and the since stays 5 s.
void TestAlertTracker::restoredFiringHoldsWithoutFiringAgain()
{
    AlertTracker tracker;
    tracker.restore(AlertSeverity::Warning, 5000, 80);
    QCOMPARE(tracker.severity(), AlertSeverity::Warning);
    QCOMPARE(tracker.firedAt(), 5000);
    QCOMPARE(tracker.value(), 80.0);
    for (int s = 100; s < 130; ++s)
        QCOMPARE(tracker.update(s % 2 ? 80 : 72, s * 1000, cpu), Change::None); // 72 >= 75 - 5
    QCOMPARE(tracker.severity(), AlertSeverity::Warning);
    QCOMPARE(tracker.firedAt(), 5000);
    QCOMPARE(tracker.value(), 80.0); // the last update, at s = 129 (odd)
}

// The usual rule: it resolves only below warning − hysteresis = 75 − 5 = 70.
void TestAlertTracker::restoredFiringResolvesBelowHysteresis()
{
    AlertTracker tracker;
    tracker.restore(AlertSeverity::Warning, 5000, 80);
    QCOMPARE(tracker.update(70, 100'000, cpu), Change::None); // 70 is not below 70
    QCOMPARE(tracker.update(69.9, 101'000, cpu), Change::Resolved);
    QCOMPARE(tracker.severity(), AlertSeverity::None);
    // Back above the warning: a new episode waits its `for` as any other.
    QCOMPARE(tracker.update(80, 102'000, cpu), Change::None);
    QVERIFY(tracker.isPending());
    QCOMPARE(tracker.update(80, 112'000, cpu), Change::Fired);
    QCOMPARE(tracker.firedAt(), 112'000);
}

// Critical when stopped, 80 at the first update: below critical − hysteresis = 90 − 5 = 85 but
// at or above warning − hysteresis = 70, so it steps down to warning, not through a resolve.
void TestAlertTracker::restoredCriticalDeEscalates()
{
    AlertTracker tracker;
    tracker.restore(AlertSeverity::Critical, 5000, 95);
    QCOMPARE(tracker.update(86, 100'000, cpu), Change::None); // 86 >= 85: still critical
    QCOMPARE(tracker.update(80, 101'000, cpu), Change::DeEscalated);
    QCOMPARE(tracker.severity(), AlertSeverity::Warning);
    QCOMPARE(tracker.firedAt(), 5000);
}

QTEST_GUILESS_MAIN(TestAlertTracker)
#include "tst_alerttracker.moc"
