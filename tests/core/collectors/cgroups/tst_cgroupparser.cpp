#include "collectors/cgroups/cgroupnames.h"
#include "collectors/cgroups/cgroupparser.h"

#include <QTest>

class TestCgroupParser : public QObject
{
    Q_OBJECT

private slots:
    void singleNumbers();
    void keyedValues();
    void ioStatSumsDevices();
    void blkioSumsReadsAndWrites();
    void names_data();
    void names();
};

void TestCgroupParser::singleNumbers()
{
    QCOMPARE(CgroupParser::number("104857600\n"), 104857600u);
    QCOMPARE(CgroupParser::number("0"), 0u);
    QVERIFY(!CgroupParser::number(""));
    QVERIFY(!CgroupParser::number("max\n")); // pids.max's word, not a count
    QVERIFY(!CgroupParser::number("12 34\n"));
    QVERIFY(!CgroupParser::number("-1\n"));
    QVERIFY(!CgroupParser::number("99999999999999999999\n")); // past 2^64
}

void TestCgroupParser::keyedValues()
{
    const QByteArray cpuStat = "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\n";
    QCOMPARE(CgroupParser::keyed(cpuStat, "usage_usec"), 1500000u);
    QCOMPARE(CgroupParser::keyed(cpuStat, "system_usec"), 500000u);
    QVERIFY(!CgroupParser::keyed(cpuStat, "usage"));      // a prefix of a key is not the key
    QVERIFY(!CgroupParser::keyed(cpuStat, "nr_periods")); // absent
    // v1's memory.stat has both; each name finds its own line.
    const QByteArray memoryStat = "inactive_file 1048576\ntotal_inactive_file 2097152\n";
    QCOMPARE(CgroupParser::keyed(memoryStat, "inactive_file"), 1048576u);
    QCOMPARE(CgroupParser::keyed(memoryStat, "total_inactive_file"), 2097152u);
    QVERIFY(!CgroupParser::keyed("usage_usec x\n", "usage_usec"));
}

void TestCgroupParser::ioStatSumsDevices()
{
    // 1000 + 500 read, 2000 + 0 written.
    const auto io =
        CgroupParser::ioStat("8:0 rbytes=1000 wbytes=2000 rios=1 wios=2 dbytes=0 dios=0\n"
                             "259:0 rbytes=500 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n");
    QVERIFY(io);
    QCOMPARE(io->read, 1500u);
    QCOMPARE(io->write, 2000u);
    const auto none = CgroupParser::ioStat(""); // no I/O yet
    QVERIFY(none);
    QCOMPARE(none->read, 0u);
    QVERIFY(!CgroupParser::ioStat("8:0 rbytes=x wbytes=1\n"));
    QVERIFY(!CgroupParser::ioStat("8:0 rbytes\n"));
    QVERIFY(!CgroupParser::ioStat("8:0 rbytes=18446744073709551615\n"
                                  "8:1 rbytes=1\n")); // the sum would wrap
}

void TestCgroupParser::blkioSumsReadsAndWrites()
{
    // Read 4096 + 1024 = 5120, Write 8192 + 0; Sync, Async and Total count the same bytes again.
    const auto io = CgroupParser::blkioServiceBytes(
        "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Discard 0\n"
        "8:0 Total 12288\n8:16 Read 1024\n8:16 Write 0\n8:16 Total 1024\nTotal 13312\n");
    QVERIFY(io);
    QCOMPARE(io->read, 5120u);
    QCOMPARE(io->write, 8192u);
    const auto idle = CgroupParser::blkioServiceBytes("Total 0\n");
    QVERIFY(idle);
    QCOMPARE(idle->write, 0u);
    QVERIFY(!CgroupParser::blkioServiceBytes("8:0 Read 4096\n")); // cut before its Total line
    QVERIFY(!CgroupParser::blkioServiceBytes("8:0 Read many\nTotal 0\n"));
    QVERIFY(!CgroupParser::blkioServiceBytes(""));
}

void TestCgroupParser::names_data()
{
    QTest::addColumn<QByteArray>("segment");
    QTest::addColumn<QByteArray>("parent");
    QTest::addColumn<QString>("name"); // empty: not a row
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("runtime");
    const QByteArray id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const QString shortId = QStringLiteral("0123456789ab");
    QTest::newRow("service") << QByteArray("nginx.service") << QByteArray("system.slice")
                             << "nginx.service"
                             << "service"
                             << "";
    QTest::newRow("slice") << QByteArray("user.slice") << QByteArray() << "user.slice"
                           << "slice"
                           << "";
    QTest::newRow("scope") << QByteArray("init.scope") << QByteArray() << "init.scope"
                           << "scope"
                           << "";
    QTest::newRow("session") << QByteArray("session-2.scope") << QByteArray("user-1000.slice")
                             << "session-2.scope"
                             << "session"
                             << "";
    QTest::newRow("user manager") << QByteArray("user@1000.service")
                                  << QByteArray("user-1000.slice") << "user@1000.service"
                                  << "session"
                                  << "";
    QTest::newRow("docker scope") << "docker-" + id + ".scope" << QByteArray("system.slice")
                                  << "docker-" + shortId << "container"
                                  << "docker";
    QTest::newRow("docker cgroupfs")
        << id << QByteArray("docker") << "docker-" + shortId << "container"
        << "docker";
    QTest::newRow("podman") << "libpod-" + id + ".scope" << QByteArray("machine.slice")
                            << "podman-" + shortId << "container"
                            << "podman";
    QTest::newRow("podman monitor")
        << "libpod-conmon-" + id + ".scope" << QByteArray("machine.slice") << ""
        << ""
        << "";
    QTest::newRow("containerd") << "cri-containerd-" + id + ".scope" << QByteArray("system.slice")
                                << "containerd-" + shortId << "container"
                                << "containerd";
    QTest::newRow("lxc payload") << QByteArray("lxc.payload.web") << QByteArray() << "lxc-web"
                                 << "container"
                                 << "lxc";
    QTest::newRow("lxc v1") << QByteArray("web") << QByteArray("lxc") << "lxc-web"
                            << "container"
                            << "lxc";
    QTest::newRow("mount unit") << QByteArray("sys-kernel-debug.mount")
                                << QByteArray("system.slice") << ""
                                << ""
                                << "";
    QTest::newRow("plain group") << QByteArray("worker") << QByteArray("nginx.service") << ""
                                 << ""
                                 << "";
}

void TestCgroupParser::names()
{
    QFETCH(QByteArray, segment);
    QFETCH(QByteArray, parent);
    QFETCH(QString, name);
    QFETCH(QString, kind);
    QFETCH(QString, runtime);
    CgroupNames::setDockerRoot(QStringLiteral("/nonexistent")); // no state files: short ids
    const auto named = CgroupNames::ofSegment(segment, parent);
    QCOMPARE(named.has_value(), !name.isEmpty());
    if (!named)
        return;
    QCOMPARE(named->name, name);
    QCOMPARE(named->kind, kind);
    QCOMPARE(named->runtime, runtime);
    // The process list shows units and containers by the same name, and no slice.
    QCOMPARE(CgroupNames::unitOfSegment(segment, parent), kind == u"slice" ? QString() : name);
}

QTEST_GUILESS_MAIN(TestCgroupParser)
#include "tst_cgroupparser.moc"
