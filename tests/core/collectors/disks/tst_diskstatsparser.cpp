#include "collectors/disks/diskstatsparser.h"

#include <QFile>
#include <QTest>

class TestDiskStatsParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesCapture_data();
    void parsesCapture();
    void parsesLines_data();
    void parsesLines();
};

void TestDiskStatsParser::parsesCapture_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("devices");
    QTest::addColumn<uint>("major");
    QTest::addColumn<uint>("minor");
    QTest::addColumn<quint64>("sectorsRead");
    QTest::addColumn<quint64>("sectorsWritten");

    // Each expected pair is fields 6 and 10 of that device's line, read off the fixture.
    // diskstats-vm: captured on a virtual machine, 8 loop devices, vda and zram0 = 10 lines.
    const QString vm = QStringLiteral("fixtures/diskstats-vm");
    QTest::newRow("vm vda") << vm << 10 << 254u << 0u << quint64(3533522) << quint64(2826176);
    QTest::newRow("vm loop7") << vm << 10 << 7u << 7u << quint64(0) << quint64(0);
    QTest::newRow("vm zram0") << vm << 10 << 253u << 0u << quint64(0) << quint64(0);
    // diskstats-laptop: nvme disk with 3 partitions, loop0-2, dm-0 and dm-1, sda, sda1 and
    // sr0 = 12 lines.
    const QString laptop = QStringLiteral("fixtures/diskstats-laptop");
    QTest::newRow("laptop nvme0n1")
        << laptop << 12 << 259u << 0u << quint64(38219870) << quint64(61838204);
    QTest::newRow("laptop nvme0n1p2")
        << laptop << 12 << 259u << 2u << quint64(37102416) << quint64(60104488);
    QTest::newRow("laptop dm-0") << laptop << 12 << 253u << 0u << quint64(1093478)
                                 << quint64(1733714);
    QTest::newRow("laptop loop1") << laptop << 12 << 7u << 1u << quint64(87442) << quint64(0);
    QTest::newRow("laptop sda1") << laptop << 12 << 8u << 1u << quint64(193038) << quint64(73216);
    QTest::newRow("laptop sr0") << laptop << 12 << 11u << 0u << quint64(0) << quint64(0);
}

void TestDiskStatsParser::parsesCapture()
{
    QFETCH(QString, fixture);
    QFETCH(int, devices);
    QFETCH(uint, major);
    QFETCH(uint, minor);
    QFETCH(quint64, sectorsRead);
    QFETCH(quint64, sectorsWritten);
    QFile file(QFINDTESTDATA(fixture));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(fixture));

    const auto parsed = DiskStatsParser::parse(file.readAll());
    QCOMPARE(parsed.size(), devices);
    const quint64 key = DiskStatsParser::deviceKey(major, minor);
    QVERIFY(parsed.contains(key));
    QCOMPARE(parsed.value(key).sectorsRead, sectorsRead);
    QCOMPARE(parsed.value(key).sectorsWritten, sectorsWritten);
}

void TestDiskStatsParser::parsesLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected"); // "major:minor sectorsRead sectorsWritten"

    QTest::newRow("kernel 4.x, 14 fields")
        << QByteArray("   9       0 md0 120 0 960 0 40 0 320 0 0 0 0\n")
        << QStringList{QStringLiteral("9:0 960 320")};
    QTest::newRow("no final newline") << QByteArray("8 16 sdb 1 0 8 0 2 0 16 0 0 0 0")
                                      << QStringList{QStringLiteral("8:16 8 16")};
    // Before 2.6.25 a partition line had 7 fields, and field 6 meant writes: not this format.
    QTest::newRow("old 7-field partition line")
        << QByteArray("   8    1 sda1 120 960 40 320\n") << QStringList{};
    QTest::newRow("cut short") << QByteArray("8 0 sda 1 0 8 0 2 0\n") << QStringList{};
    QTest::newRow("not a number") << QByteArray("8 0 sda 1 0 x8 0 2 0 16 0 0 0 0\n")
                                  << QStringList{};
    QTest::newRow("negative") << QByteArray("8 0 sda 1 0 -8 0 2 0 16 0 0 0 0\n") << QStringList{};
    QTest::newRow("bad device number")
        << QByteArray("eight 0 sda 1 0 8 0 2 0 16 0 0 0 0\n") << QStringList{};
    // 2^64 - 1 is the largest counter the kernel can print; 2^64 does not fit and is rejected.
    QTest::newRow("64-bit counters")
        << QByteArray("8 0 sda 1 0 18446744073709551615 0 2 0 18446744073709551616 0 0 0 0\n"
                      "8 1 sda1 1 0 18446744073709551615 0 2 0 7 0 0 0 0\n")
        << QStringList{QStringLiteral("8:1 18446744073709551615 7")};
    QTest::newRow("good lines around bad ones")
        << QByteArray("\n8 0 sda 1 0 8 0 2 0 16 0 0 0 0\ngarbage\n\n"
                      "253 3 dm-3 1 0 24 0 2 0 48 0 0 0 0\n")
        << QStringList{QStringLiteral("253:3 24 48"), QStringLiteral("8:0 8 16")};
    QTest::newRow("empty") << QByteArray() << QStringList{};
}

void TestDiskStatsParser::parsesLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);

    const auto parsed = DiskStatsParser::parse(text);
    QCOMPARE(parsed.size(), expected.size());
    for (const QString &line : expected) {
        const QStringList fields = line.split(u' ');
        const QStringList device = fields[0].split(u':');
        const auto found =
            parsed.constFind(DiskStatsParser::deviceKey(device[0].toUInt(), device[1].toUInt()));
        QVERIFY2(found != parsed.constEnd(), qPrintable(line));
        QCOMPARE(found->sectorsRead, fields[1].toULongLong());
        QCOMPARE(found->sectorsWritten, fields[2].toULongLong());
    }
}

QTEST_GUILESS_MAIN(TestDiskStatsParser)
#include "tst_diskstatsparser.moc"
