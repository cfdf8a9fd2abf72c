#include "collectors/pressure/pressureparser.h"

#include <QFile>
#include <QTest>

class TestPressureParser : public QObject
{
    Q_OBJECT

private slots:
    void someAndFull();
    void cpuWithoutFull();
    void rejects_data();
    void rejects();
};

namespace {
QByteArray fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QLatin1StringView("fixtures/") + QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("missing fixture");
}
} // namespace

void TestPressureParser::someAndFull()
{
    // Captured on this machine (Linux 6.18), /proc/pressure/io:
    // "some avg10=1.10 avg60=0.49 avg300=0.45 total=170865603"
    // "full avg10=0.03 avg60=0.08 avg300=0.06 total=71563835"
    const std::optional<PressureResource> io = PressureParser::parse(fixture("io-vm"));
    QVERIFY(io);
    QCOMPARE(io->some.avg10, 1.10);
    QCOMPARE(io->some.avg60, 0.49);
    QCOMPARE(io->some.totalUs, 170865603u);
    QVERIFY(qIsNaN(io->some.rate));
    QVERIFY(io->full);
    QCOMPARE(io->full->avg10, 0.03);
    QCOMPARE(io->full->avg60, 0.08);
    QCOMPARE(io->full->totalUs, 71563835u);

    // /proc/pressure/cpu on the same machine: 5.13 and later add a full line, all zero at the
    // system level.
    const std::optional<PressureResource> cpu = PressureParser::parse(fixture("cpu-vm"));
    QVERIFY(cpu);
    QCOMPARE(cpu->some.avg10, 18.53);
    QCOMPARE(cpu->some.avg60, 26.96);
    QCOMPARE(cpu->some.totalUs, 5711376755u);
    QVERIFY(cpu->full);
    QCOMPARE(cpu->full->totalUs, 0u);
}

void TestPressureParser::cpuWithoutFull()
{
    // Linux 4.20 to 5.12 write only the some line for cpu.
    const std::optional<PressureResource> cpu =
        PressureParser::parse("some avg10=100.00 avg60=50.50 avg300=0.00 total=42\n");
    QVERIFY(cpu);
    QCOMPARE(cpu->some.avg10, 100.0);
    QCOMPARE(cpu->some.avg60, 50.5);
    QCOMPARE(cpu->some.totalUs, 42u);
    QVERIFY(!cpu->full);
}

void TestPressureParser::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("full only") << QByteArray("full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
    QTest::newRow("no total") << QByteArray("some avg10=0.00 avg60=0.00 avg300=0.00\n");
    QTest::newRow("no avg60") << QByteArray("some avg10=0.00 avg300=0.00 total=5\n");
    QTest::newRow("average over 100")
        << QByteArray("some avg10=100.01 avg60=0.00 avg300=0.00 total=5\n");
    QTest::newRow("negative average")
        << QByteArray("some avg10=-1.00 avg60=0.00 avg300=0.00 total=5\n");
    QTest::newRow("nan") << QByteArray("some avg10=nan avg60=0.00 avg300=0.00 total=5\n");
    QTest::newRow("negative total")
        << QByteArray("some avg10=0.00 avg60=0.00 avg300=0.00 total=-5\n");
    QTest::newRow("total with a word")
        << QByteArray("some avg10=0.00 avg60=0.00 avg300=0.00 total=5x\n");
    QTest::newRow("field without =") << QByteArray("some avg10 avg60=0.00 total=5\n");
    QTest::newRow("bad full line") << QByteArray("some avg10=0.00 avg60=0.00 total=5\n"
                                                 "full avg10=0.00 total=5\n");
    QTest::newRow("kind alone") << QByteArray("some\n");
}

void TestPressureParser::rejects()
{
    QFETCH(QByteArray, text);
    QVERIFY(!PressureParser::parse(text));
}

QTEST_GUILESS_MAIN(TestPressureParser)
#include "tst_pressureparser.moc"
