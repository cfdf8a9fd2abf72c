#include "collectors/memory/meminfoparser.h"

#include <QFile>
#include <QTest>

namespace {
constexpr quint64 KiB = 1024;

QByteArray fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QLatin1StringView("fixtures/") + QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestMemInfoParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();
};

void TestMemInfoParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<quint64>("total");
    QTest::addColumn<quint64>("available");
    QTest::addColumn<quint64>("used");
    QTest::addColumn<quint64>("cached");
    QTest::addColumn<quint64>("buffers");
    QTest::addColumn<double>("percent");
    QTest::addColumn<quint64>("swapTotal");
    QTest::addColumn<quint64>("swapUsed");
    QTest::addColumn<double>("swapPercent");

    // Captured on this machine. used = 24684092 - 23853888 = 830204 kB;
    // cached = Cached 536980 + SReclaimable 122212 = 659192 kB; swap is all 0.
    QTest::newRow("this machine, no swap")
        << fixture("meminfo-vm-noswap") << 24684092 * KiB << 23853888 * KiB << 830204 * KiB
        << 659192 * KiB << 19296 * KiB << 100.0 * 830204 / 24684092 << quint64(0) << quint64(0)
        << 0.0;
    // used = 16318140 - 9876544 = 6441596 kB; cached = 7654321 + 345678 = 7999999 kB;
    // swap used = 2097148 - 1572860 = 524288 kB.
    QTest::newRow("desktop with swap")
        << fixture("meminfo-desktop-swap") << 16318140 * KiB << 9876544 * KiB << 6441596 * KiB
        << 7999999 * KiB << 456789 * KiB << 100.0 * 6441596 / 16318140 << 2097148 * KiB
        << 524288 * KiB << 100.0 * 524288 / 2097148;
    // Linux 2.6.32 has no MemAvailable: available = MemFree 1512340 + Buffers 234560 +
    // Cached 1456780 = 3203680 kB, used = 4046248 - 3203680 = 842568 kB;
    // cached = 1456780 + 98765 = 1555545 kB; swap all free.
    QTest::newRow("old kernel, no MemAvailable")
        << fixture("meminfo-linux2632-noavailable") << 4046248 * KiB << 3203680 * KiB
        << 842568 * KiB << 1555545 * KiB << 234560 * KiB << 100.0 * 842568 / 4046248
        << 4194296 * KiB << quint64(0) << 0.0;
    // Skipped: MemFree (a word), MemAvailable (no unit), Cached (negative), SReclaimable
    // (trailing word). available = 0 + Buffers 100000 + 0 = 100000 kB, used 7900000 kB,
    // 98.75 %; swap used = 1000000 - 250000 = 750000 kB, 75 %.
    QTest::newRow("malformed lines")
        << fixture("meminfo-malformed") << 8000000 * KiB << 100000 * KiB << 7900000 * KiB
        << quint64(0) << 100000 * KiB << 98.75 << 1000000 * KiB << 750000 * KiB << 75.0;
    QTest::newRow("available above total")
        << QByteArray("MemTotal: 1000 kB\nMemAvailable: 2000 kB\n") << 1000 * KiB << 1000 * KiB
        << quint64(0) << quint64(0) << quint64(0) << 0.0 << quint64(0) << quint64(0) << 0.0;
    QTest::newRow("swap free above total")
        << QByteArray("MemTotal: 100 kB\nMemAvailable: 50 kB\nSwapTotal: 10 kB\nSwapFree: 20 kB\n")
        << 100 * KiB << 50 * KiB << 50 * KiB << quint64(0) << quint64(0) << 50.0 << 10 * KiB
        << quint64(0) << 0.0;
    QTest::newRow("zero total") << QByteArray("MemTotal: 0 kB\n") << quint64(0) << quint64(0)
                                << quint64(0) << quint64(0) << quint64(0) << 0.0 << quint64(0)
                                << quint64(0) << 0.0;
}

void TestMemInfoParser::parse()
{
    QFETCH(QByteArray, text);
    QVERIFY(!text.isEmpty());
    const std::optional<MemInfo> info = MemInfoParser::parse(text);
    QVERIFY(info);
    QTEST(info->mem.total, "total");
    QTEST(info->mem.available, "available");
    QTEST(info->mem.used, "used");
    QTEST(info->mem.cached, "cached");
    QTEST(info->mem.buffers, "buffers");
    QTEST(info->mem.percent, "percent");
    QTEST(info->swap.total, "swapTotal");
    QTEST(info->swap.used, "swapUsed");
    QTEST(info->swap.percent, "swapPercent");
}

// Without a usable MemTotal there is nothing to measure against.
void TestMemInfoParser::rejects_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("no MemTotal") << QByteArray("MemFree: 100 kB\nMemAvailable: 200 kB\n");
    QTest::newRow("MemTotal not an integer") << QByteArray("MemTotal: 12.5 kB\n");
    QTest::newRow("MemTotal beyond 64 bits") << QByteArray("MemTotal: 99999999999999999999 kB\n");
    // 2^54 kB is 2^64 bytes: one more than a 64-bit count holds.
    QTest::newRow("MemTotal bytes beyond 64 bits")
        << QByteArray("MemTotal: 18014398509481984 kB\n");
    QTest::newRow("MemTotal in pages") << QByteArray("MemTotal: 4000\n");
}

void TestMemInfoParser::rejects()
{
    QFETCH(QByteArray, text);
    QVERIFY(!MemInfoParser::parse(text));
}

QTEST_GUILESS_MAIN(TestMemInfoParser)
#include "tst_meminfoparser.moc"
