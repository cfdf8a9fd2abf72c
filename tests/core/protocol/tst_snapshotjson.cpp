#include "protocol/snapshotjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestSnapshotJson : public QObject
{
    Q_OBJECT

private slots:
    void contractFieldNames();
    void unknownValuesAreNull();
    void numbersAreRounded_data();
    void numbersAreRounded();
    void hostCarriesCpuModelAndCount();
    void windowIsColumnar();
};

void TestSnapshotJson::contractFieldNames()
{
    Snapshot s;
    s.seq = 7;
    s.ts = 1700000000123;
    s.mem.total = 8ull << 30; // 8 GiB: larger than 32 bits, must stay exact
    s.disks.append({QStringLiteral("/"), QStringLiteral("/dev/vda"), QStringLiteral("ext4"), 100,
                    50, 50, 1, 2});
    s.net.append({QStringLiteral("eth0"), 1, 2, 3, 4});
    s.procs.top.append({42, QStringLiteral("init"), 1.5, 4096});
    s.temps.append({QStringLiteral("cpu"), 50, 80, 95});
    const QJsonObject o = SnapshotJson::snapshot(s);
    const QStringList top = {
        QStringLiteral("seq"),   QStringLiteral("ts"),     QStringLiteral("cpu"),
        QStringLiteral("load"),  QStringLiteral("mem"),    QStringLiteral("swap"),
        QStringLiteral("disks"), QStringLiteral("net"),    QStringLiteral("procs"),
        QStringLiteral("temps"), QStringLiteral("uptime"), QStringLiteral("self")};
    for (const QString &key : top)
        QVERIFY2(o.contains(key), qPrintable(key));
    QCOMPARE(o.value(QStringLiteral("seq")).toInteger(), 7);
    QCOMPARE(o.value(QStringLiteral("ts")).toInteger(), 1700000000123);
    QCOMPARE(o[QStringLiteral("mem")][QStringLiteral("total")].toInteger(), qint64(8) << 30);
    const QJsonObject disk = o[QStringLiteral("disks")][0].toObject();
    for (const char *key :
         {"mount", "device", "fs", "total", "used", "percent", "readBps", "writeBps"})
        QVERIFY2(disk.contains(QLatin1StringView(key)), key);
    const QJsonObject net = o[QStringLiteral("net")][0].toObject();
    for (const char *key : {"iface", "rxBps", "txBps", "rxTotal", "txTotal"})
        QVERIFY2(net.contains(QLatin1StringView(key)), key);
    const QJsonObject proc = o[QStringLiteral("procs")][QStringLiteral("top")][0].toObject();
    for (const char *key : {"pid", "name", "cpu", "rss"})
        QVERIFY2(proc.contains(QLatin1StringView(key)), key);
    const QJsonObject self = o[QStringLiteral("self")].toObject();
    for (const char *key : {"clients", "messagesSent", "bytesSent", "dropped", "rejected", "errors",
                            "tickUs", "cpu", "rss"})
        QVERIFY2(self.contains(QLatin1StringView(key)), key);
    QCOMPARE(o[QStringLiteral("load")].toArray().size(), 3);
}

void TestSnapshotJson::unknownValuesAreNull()
{
    Snapshot s;
    s.cpu.cores = {10, qQNaN(), 30};
    s.temps.append({QStringLiteral("nvme"), 40, qQNaN(), qQNaN()});
    const QJsonObject o = SnapshotJson::snapshot(s);
    const QJsonArray cores = o[QStringLiteral("cpu")][QStringLiteral("cores")].toArray();
    QVERIFY(cores[1].isNull());
    QCOMPARE(cores[2].toDouble(), 30.0);
    QVERIFY(o[QStringLiteral("temps")][0][QStringLiteral("high")].isNull());
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Compact);
    QVERIFY(!text.contains("nan"));
    QVERIFY(!text.contains("inf"));
}

void TestSnapshotJson::numbersAreRounded_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<double>("expected");
    QTest::newRow("percent") << 12.3456 << 2 << 12.35;
    QTest::newRow("rate") << 1023.6 << 0 << 1024.0;
    QTest::newRow("celsius") << 47.25 << 1 << 47.3;
    QTest::newRow("negative zero stays zero") << -0.001 << 2 << 0.0;
}

void TestSnapshotJson::numbersAreRounded()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(double, expected);
    const QJsonValue rounded = SnapshotJson::number(value, decimals);
    QCOMPARE(rounded.toDouble(), expected);
    QVERIFY(!QJsonDocument(QJsonArray{rounded}).toJson().contains('-') || expected < 0);
}

void TestSnapshotJson::hostCarriesCpuModelAndCount()
{
    HostInfo host{QStringLiteral("box"),
                  QStringLiteral("6.1.0"),
                  QStringLiteral("Debian"),
                  QStringLiteral("Ryzen"),
                  8,
                  1000};
    const QJsonObject o = SnapshotJson::host(host);
    QCOMPARE(o[QStringLiteral("cpu")][QStringLiteral("model")].toString(), QStringLiteral("Ryzen"));
    QCOMPARE(o[QStringLiteral("cpu")][QStringLiteral("count")].toInt(), 8);
    QCOMPARE(o[QStringLiteral("hostname")].toString(), QStringLiteral("box"));
}

void TestSnapshotJson::windowIsColumnar()
{
    History::Window w;
    w.ts = {1000, 2000};
    w.series.append({QStringLiteral("cpu.total"), {1.5, qQNaN()}});
    const QJsonObject o = SnapshotJson::window(w);
    QCOMPARE(o[QStringLiteral("ts")].toArray().size(), 2);
    const QJsonArray cpu = o[QStringLiteral("series")][QStringLiteral("cpu.total")].toArray();
    QCOMPARE(cpu[0].toDouble(), 1.5);
    QVERIFY(cpu[1].isNull());
}

QTEST_GUILESS_MAIN(TestSnapshotJson)
#include "tst_snapshotjson.moc"
