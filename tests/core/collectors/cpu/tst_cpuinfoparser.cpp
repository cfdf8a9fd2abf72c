#include "collectors/cpu/cpuinfoparser.h"

#include <QFile>
#include <QTest>

class TestCpuInfoParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();

private:
    static QByteArray fixture(const char *name);
};

QByteArray TestCpuInfoParser::fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QLatin1StringView("fixtures/") + QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestCpuInfoParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("count");

    // Captured on this machine: two "processor" blocks, each with "model name : AMD EPYC".
    QTest::newRow("x86, this machine")
        << fixture("cpuinfo-x86-epyc") << QStringLiteral("AMD EPYC") << 2;
    // arm64 on a Raspberry Pi 4: four blocks and no model name; the SoC is the only name given.
    QTest::newRow("arm64, Raspberry Pi 4")
        << fixture("cpuinfo-arm64-rpi4") << QStringLiteral("BCM2835") << 4;
    // Linux 3.x on ARMv7: "Processor" names the core and is not a fifth "processor" entry;
    // "Hardware" (the board) is there too but names less.
    QTest::newRow("armv7, old kernel") << fixture("cpuinfo-armv7-imx6-linux3")
                                       << QStringLiteral("ARMv7 Processor rev 10 (v7l)") << 4;
    QTest::newRow("mips") << fixture("cpuinfo-mips-ath79") << QStringLiteral("MIPS 24Kc V7.4") << 1;
    // big.LITTLE on 32-bit ARM: the cores differ, the first is reported.
    QTest::newRow("first model name wins")
        << QByteArray("processor\t: 0\nmodel name\t: ARMv7 Processor rev 3 (v7l)\n\n"
                      "processor\t: 1\nmodel name\t: ARMv7 Processor rev 4 (v7l)\n")
        << QStringLiteral("ARMv7 Processor rev 3 (v7l)") << 2;
    QTest::newRow("model name wins over an earlier Hardware line")
        << QByteArray("Hardware\t: SoC\nprocessor\t: 0\nmodel name\t: Real CPU\n")
        << QStringLiteral("Real CPU") << 1;
    QTest::newRow("padding inside the name collapsed")
        << QByteArray("processor\t: 0\nmodel name\t: Intel(R) Core(TM) i7 CPU         920  @ "
                      "2.67GHz\n")
        << QStringLiteral("Intel(R) Core(TM) i7 CPU 920 @ 2.67GHz") << 1;
    QTest::newRow("empty model name skipped")
        << QByteArray("processor\t: 0\nmodel name\t:\ncpu model\t: Fallback\n")
        << QStringLiteral("Fallback") << 1;
    QTest::newRow("lines without a colon ignored")
        << QByteArray("processor 0\nmodel name AMD\nprocessor\t: 1\n") << QString() << 1;
    QTest::newRow("empty") << QByteArray() << QString() << 0;
}

void TestCpuInfoParser::parse()
{
    QFETCH(QByteArray, text);
    const CpuInfo info = CpuInfoParser::parse(text);
    QTEST(info.model, "model");
    QTEST(info.count, "count");
}

QTEST_GUILESS_MAIN(TestCpuInfoParser)
#include "tst_cpuinfoparser.moc"
