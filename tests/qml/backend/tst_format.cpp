#include "format.h"

#include <QTest>

// Numbers as the views show them: binary prefixes, one decimal, a dash for the unknown.
class TestFormat : public QObject
{
    Q_OBJECT

private slots:
    void bytes_data();
    void bytes();
    void rateAddsPerSecond();
    void percentAndCelsius();
    void duration_data();
    void duration();
    void countGroupsThousands();
};

void TestFormat::bytes_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "0 B";
    QTest::newRow("below a KiB") << 1023.0 << "1023 B";
    QTest::newRow("one KiB") << 1024.0 << "1.0 KiB";
    QTest::newRow("1.5 KiB") << 1536.0 << "1.5 KiB";
    // 16384000 kB of meminfo = 16777216000 B = 15.625 GiB.
    QTest::newRow("meminfo total") << 16777216000.0 << "15.6 GiB";
    // 250000 pages of 4096 B = 1024000000 B = 976.5625 MiB: still below one GiB.
    QTest::newRow("just below a GiB") << 1024000000.0 << "976.6 MiB";
    QTest::newRow("unknown") << qQNaN() << "—";
    QTest::newRow("infinite") << qInf() << "—";
}

void TestFormat::bytes()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(Format::bytes(value), text);
}

void TestFormat::rateAddsPerSecond()
{
    QCOMPARE(Format::rate(2.5 * 1024 * 1024), QStringLiteral("2.5 MiB/s"));
    QCOMPARE(Format::rate(0), QStringLiteral("0 B/s"));
    QCOMPARE(Format::rate(qQNaN()), QStringLiteral("—"));
}

void TestFormat::percentAndCelsius()
{
    QCOMPARE(Format::percent(30), QStringLiteral("30.0%"));
    QCOMPARE(Format::percent(199.96), QStringLiteral("200.0%")); // two busy cores
    QCOMPARE(Format::percent(qQNaN()), QStringLiteral("—"));
    QCOMPARE(Format::celsius(45.5), QStringLiteral("45.5 °C"));
    QCOMPARE(Format::celsius(qQNaN()), QStringLiteral("—"));
}

void TestFormat::duration_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing") << 0.0 << "0 s";
    QTest::newRow("seconds") << 5.9 << "5 s";
    QTest::newRow("minutes") << 725.0 << "12 min 5 s";
    // 12345.67 s = 3 h (10800) + 25 min (1500) + 45.67 s.
    QTest::newRow("hours") << 12345.67 << "3 h 25 min";
    // 90061 s = 1 d + 1 h + 1 min + 1 s.
    QTest::newRow("days") << 90061.0 << "1 d 1 h";
    QTest::newRow("a whole day") << 86400.0 << "1 d 0 h";
    QTest::newRow("negative") << -1.0 << "—";
}

void TestFormat::duration()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(Format::duration(seconds), text);
}

void TestFormat::countGroupsThousands()
{
    QCOMPARE(Format::count(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(Format::count(12), QStringLiteral("12"));
    QCOMPARE(Format::count(qQNaN()), QStringLiteral("—"));
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
