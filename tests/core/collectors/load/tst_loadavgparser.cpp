#include "collectors/load/loadavgparser.h"

#include <QFile>
#include <QTest>

class TestLoadAvgParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void lastPid_data();
    void lastPid();
};

namespace {
QByteArray fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QLatin1StringView("fixtures/") + QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("missing fixture");
}
} // namespace

void TestLoadAvgParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("one");
    QTest::addColumn<double>("five");
    QTest::addColumn<double>("fifteen");

    // Captured on this machine: "0.36 0.33 0.17 3/101 8931".
    QTest::newRow("this machine") << fixture("loadavg-vm") << true << 0.36 << 0.33 << 0.17;
    QTest::newRow("busy machine") << QByteArray("12.50 8.25 4.00 9/1200 31337\n") << true << 12.5
                                  << 8.25 << 4.0;
    QTest::newRow("idle, no newline")
        << QByteArray("0.00 0.00 0.00 1/50 7") << true << 0.0 << 0.0 << 0.0;
    QTest::newRow("averages only") << QByteArray("1.00 2.00 3.00\n") << true << 1.0 << 2.0 << 3.0;
    QTest::newRow("two fields") << QByteArray("0.10 0.20\n") << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("a word") << QByteArray("0.10 abc 0.30 1/2 3\n") << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("decimal comma")
        << QByteArray("0,24 0,18 0,09 1/87 5688\n") << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("negative") << QByteArray("-1.00 0.00 0.00 1/1 1\n") << false << 0.0 << 0.0
                              << 0.0;
    QTest::newRow("not a number") << QByteArray("nan 0.00 0.00 1/1 1\n") << false << 0.0 << 0.0
                                  << 0.0;
    QTest::newRow("infinite") << QByteArray("0.00 inf 0.00 1/1 1\n") << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("only a newline") << QByteArray("\n") << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("empty") << QByteArray() << false << 0.0 << 0.0 << 0.0;
}

void TestLoadAvgParser::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const std::optional<std::array<double, 3>> load = LoadAvgParser::parse(text);
    QCOMPARE(load.has_value(), valid);
    if (!load)
        return;
    QTEST((*load)[0], "one");
    QTEST((*load)[1], "five");
    QTEST((*load)[2], "fifteen");
}

void TestLoadAvgParser::lastPid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("expected"); // -1: none
    QTest::newRow("usual") << QByteArray("0.24 0.18 0.09 1/87 5688\n") << 5688;
    QTest::newRow("no newline") << QByteArray("0.24 0.18 0.09 1/87 5688") << 5688;
    QTest::newRow("pid 0 before any fork") << QByteArray("0.00 0.00 0.00 1/1 0\n") << 0;
    QTest::newRow("only averages") << QByteArray("0.24 0.18 0.09\n") << -1;
    QTest::newRow("no task counts") << QByteArray("0.24 0.18 0.09 5688\n") << -1;
    QTest::newRow("not a number") << QByteArray("0.24 0.18 0.09 1/87 x1\n") << -1;
    QTest::newRow("negative") << QByteArray("0.24 0.18 0.09 1/87 -5\n") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
}

void TestLoadAvgParser::lastPid()
{
    QFETCH(QByteArray, text);
    QFETCH(int, expected);
    const std::optional<int> pid = LoadAvgParser::lastPid(text);
    QCOMPARE(pid.value_or(-1), expected);
}

QTEST_GUILESS_MAIN(TestLoadAvgParser)
#include "tst_loadavgparser.moc"
