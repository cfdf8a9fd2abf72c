#include "collectors/network/netdevparser.h"

#include <QFile>
#include <QTest>

// Each interface as "name rx tx", so a failure prints the whole list readably.
static QStringList describe(const QList<NetDevEntry> &entries)
{
    QStringList lines;
    for (const NetDevEntry &entry : entries)
        lines.append(
            QStringLiteral("%1 %2 %3").arg(entry.iface).arg(entry.rxBytes).arg(entry.txBytes));
    return lines;
}

// The two header lines of /proc/net/dev, then the given lines.
static QByteArray withHeader(const char *lines)
{
    return QByteArray(
               "Inter-|   Receive                                                |  Transmit\n"
               " face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
               "packets errs drop fifo colls carrier compressed\n") +
           QByteArray(lines);
}

class TestNetDevParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesCapture_data();
    void parsesCapture();
    void parsesLines_data();
    void parsesLines();
};

void TestNetDevParser::parsesCapture_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("expected");

    // Receive bytes is the first number after the colon, transmit bytes the ninth.
    QTest::newRow("vm") << QStringLiteral("fixtures/net-dev-vm")
                        << QStringList{QStringLiteral("lo 3267 3267"), QStringLiteral("ifb0 0 0"),
                                       QStringLiteral("ifb1 0 0"),
                                       QStringLiteral("eth0 209200909 165603")};
    // wlp2s0's 11-digit counter follows the colon with no space.
    QTest::newRow("desktop") << QStringLiteral("fixtures/net-dev-desktop")
                             << QStringList{QStringLiteral("lo 81275603 81275603"),
                                            QStringLiteral("enp0s31f6 0 0"),
                                            QStringLiteral("wlp2s0 18356920113 1201933021"),
                                            QStringLiteral("docker0 126012 5122330"),
                                            QStringLiteral("veth3b5e2a8 188640 4891210"),
                                            QStringLiteral("tun0 2048711 1022344")};
}

void TestNetDevParser::parsesCapture()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, expected);
    QFile file(QFINDTESTDATA(fixture));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(fixture));
    QCOMPARE(describe(NetDevParser::parse(file.readAll())), expected);
}

void TestNetDevParser::parsesLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("no space after the colon")
        << withHeader("eth0:123 1 0 0 0 0 0 0 456 2 0 0 0 0 0 0\n")
        << QStringList{QStringLiteral("eth0 123 456")};
    QTest::newRow("no final newline") << withHeader("  eth0: 7 1 0 0 0 0 0 0 9 2 0 0 0 0 0 0")
                                      << QStringList{QStringLiteral("eth0 7 9")};
    QTest::newRow("largest 64-bit counter")
        << withHeader("eth0: 18446744073709551615 1 0 0 0 0 0 0 1 2 0 0 0 0 0 0\n")
        << QStringList{QStringLiteral("eth0 18446744073709551615 1")};
    QTest::newRow("malformed lines")
        << withHeader("eth0 1 2 3\n"                                // no colon
                      "eth1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n" // 15 counters
                      ": 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n"         // no name
                      "eth2: x 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n"     // rx not a number
                      "eth3: 1 0 0 0 0 0 0 0 -2 0 0 0 0 0 0 0\n"    // negative tx
                      "\n"
                      "eth4: 10 0 0 0 0 0 0 0 20 0 0 0 0 0 0 0\n")
        << QStringList{QStringLiteral("eth4 10 20")};
    // The two header lines are skipped whatever they hold, even when they look like data.
    QTest::newRow("headers skipped") << QByteArray("a: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n"
                                                   "b: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n"
                                                   "c: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n")
                                     << QStringList{QStringLiteral("c 1 2")};
    QTest::newRow("headers only") << withHeader("") << QStringList{};
    QTest::newRow("empty") << QByteArray() << QStringList{};
}

void TestNetDevParser::parsesLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(NetDevParser::parse(text)), expected);
}

QTEST_GUILESS_MAIN(TestNetDevParser)
#include "tst_netdevparser.moc"
