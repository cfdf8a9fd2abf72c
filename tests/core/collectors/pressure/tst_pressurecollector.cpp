#include "collectors/pressure/pressurecollector.h"
#include "fakeprocroot.h"

#include <QTest>

class TestPressureCollector : public QObject
{
    Q_OBJECT

private slots:
    void stallRateFromTheCounter();
    void absentWithoutPsi();
    void onlyTheResourcesPresent();
};

void TestPressureCollector::stallRateFromTheCounter()
{
    FakeProcRoot root;
    QVERIFY(root.write("pressure/cpu", "some avg10=1.00 avg60=2.00 avg300=3.00 total=1000000\n"
                                       "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"));
    QVERIFY(root.write("pressure/memory", "some avg10=0.50 avg60=0.25 avg300=0.00 total=5000\n"
                                          "full avg10=0.10 avg60=0.05 avg300=0.00 total=2000\n"));
    QVERIFY(root.write("pressure/io", "some avg10=4.00 avg60=3.00 avg300=2.00 total=700000\n"
                                      "full avg10=2.00 avg60=1.00 avg300=0.50 total=300000\n"));
    PressureCollector collector(root.paths());
    Snapshot snapshot;
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(snapshot.pressure);
    QVERIFY(snapshot.pressure->cpu && snapshot.pressure->memory && snapshot.pressure->io);
    // A first reading has nothing to take a rate from.
    QVERIFY(qIsNaN(snapshot.pressure->cpu->some.rate));
    QCOMPARE(snapshot.pressure->io->full->avg10, 2.0);

    QVERIFY(root.write("pressure/cpu", "some avg10=1.00 avg60=2.00 avg300=3.00 total=1500000\n"
                                       "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"));
    QVERIFY(root.write("pressure/memory", "some avg10=0.50 avg60=0.25 avg300=0.00 total=5000\n"
                                          "full avg10=0.10 avg60=0.05 avg300=0.00 total=2000\n"));
    QVERIFY(root.write("pressure/io", "some avg10=4.00 avg60=3.00 avg300=2.00 total=1700000\n"
                                      "full avg10=2.00 avg60=1.00 avg300=0.50 total=100000\n"));
    collector.collect(snapshot, 3'000'000'000); // 2 s later
    const Pressure &p = *snapshot.pressure;
    // cpu some: 1 500 000 - 1 000 000 = 500 000 µs in 2 000 000 µs = 25 %.
    QCOMPARE(p.cpu->some.rate, 25.0);
    QCOMPARE(p.cpu->some.totalUs, 1500000u);
    QCOMPARE(p.cpu->full->rate, 0.0);
    // memory: no growth, 0 %.
    QCOMPARE(p.memory->some.rate, 0.0);
    // io some: 1 000 000 µs in 2 s = 50 %; io full went back (300 000 → 100 000): 0, not negative.
    QCOMPARE(p.io->some.rate, 50.0);
    QCOMPARE(p.io->full->rate, 0.0);
}

void TestPressureCollector::absentWithoutPsi()
{
    FakeProcRoot root;
    QVERIFY(root.write("loadavg", "0.00 0.00 0.00 1/1 1\n"));
    PressureCollector collector(root.paths());
    Snapshot snapshot;
    for (qint64 tick = 1; tick <= 2; ++tick) {
        collector.collect(snapshot, tick * 1'000'000'000);
        QVERIFY(!snapshot.pressure);
    }
}

void TestPressureCollector::onlyTheResourcesPresent()
{
    FakeProcRoot root;
    QVERIFY(root.write("pressure/memory", "some avg10=0.50 avg60=0.25 avg300=0.00 total=5000\n"));
    PressureCollector collector(root.paths());
    Snapshot snapshot;
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(snapshot.pressure);
    QVERIFY(!snapshot.pressure->cpu);
    QVERIFY(!snapshot.pressure->io);
    QVERIFY(snapshot.pressure->memory);
    QVERIFY(!snapshot.pressure->memory->full);
    QCOMPARE(snapshot.pressure->memory->some.avg60, 0.25);
}

QTEST_GUILESS_MAIN(TestPressureCollector)
#include "tst_pressurecollector.moc"
