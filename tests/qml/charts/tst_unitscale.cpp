#include "unitscale.h"

#include <QTest>

// The chart axes: the unit that keeps numbers readable and a round top for the value axis.
class TestUnitScale : public QObject
{
    Q_OBJECT

private slots:
    void forLargest_data();
    void forLargest();
    void niceCeiling_data();
    void niceCeiling();
    void axisMaximumSplitsIntoRoundSteps();
};

void TestUnitScale::forLargest_data()
{
    QTest::addColumn<int>("unit");
    QTest::addColumn<double>("largest");
    QTest::addColumn<double>("divisor");
    QTest::addColumn<QString>("suffix");
    using U = UnitScale::Unit;
    QTest::newRow("percent") << int(U::Percent) << 250.0 << 1.0 << "%";
    QTest::newRow("bytes below 1 KiB") << int(U::Bytes) << 1023.0 << 1.0 << "B";
    QTest::newRow("exactly 1 KiB") << int(U::Bytes) << 1024.0 << 1024.0 << "KiB";
    // 5 MiB = 5 * 1024 * 1024 = 5242880.
    QTest::newRow("rate in MiB/s") << int(U::BytesPerSecond) << 5242880.0 << 1048576.0 << "MiB/s";
    QTest::newRow("nothing yet") << int(U::BytesPerSecond) << 0.0 << 1.0 << "B/s";
    // 3 TiB stays in TiB, the largest prefix.
    QTest::newRow("beyond GiB") << int(U::Bytes) << 3.0 * 1099511627776 << 1099511627776.0 << "TiB";
    QTest::newRow("celsius") << int(U::Celsius) << 48.0 << 1.0 << "°C";
    QTest::newRow("count") << int(U::Count) << 12345.0 << 1.0 << "";
    // Watts stay watts: a GPU at 350 W or a laptop at 0.5 W reads in W, no kW or mW.
    QTest::newRow("watts") << int(U::Watts) << 350.0 << 1.0 << "W";
}

void TestUnitScale::forLargest()
{
    QFETCH(int, unit);
    QFETCH(double, largest);
    QFETCH(double, divisor);
    QFETCH(QString, suffix);
    const UnitScale scale = UnitScale::forLargest(UnitScale::Unit(unit), largest);
    QCOMPARE(scale.divisor, divisor);
    QCOMPARE(scale.suffix, suffix);
}

void TestUnitScale::niceCeiling_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("nice");
    QTest::newRow("zero") << 0.0 << 1.0;
    QTest::newRow("negative") << -5.0 << 1.0;
    QTest::newRow("exact power") << 100.0 << 100.0;
    QTest::newRow("just above") << 101.0 << 200.0;
    QTest::newRow("two and a half") << 2.3 << 2.5;
    QTest::newRow("five") << 0.42 << 0.5;
    QTest::newRow("ten") << 7.1 << 10.0;
}

void TestUnitScale::niceCeiling()
{
    QFETCH(double, value);
    QFETCH(double, nice);
    QCOMPARE(UnitScale::niceCeiling(value), nice);
}

void TestUnitScale::axisMaximumSplitsIntoRoundSteps()
{
    // 5 labels = 4 steps: 37 / 4 = 9.25 -> step 10 -> top 40.
    QCOMPARE(UnitScale::axisMaximum(37, 5), 40.0);
    // 81 / 4 = 20.25 -> step 25 -> top 100.
    QCOMPARE(UnitScale::axisMaximum(81, 5), 100.0);
    // Nothing to show yet: one unit per step.
    QCOMPARE(UnitScale::axisMaximum(0, 5), 4.0);
}

QTEST_GUILESS_MAIN(TestUnitScale)
#include "tst_unitscale.moc"
