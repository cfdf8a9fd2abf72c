#include "collectors/sensors/sensorcollector.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The collector over fixture sysfs trees, copied into a temporary directory where the test
// changes, empties or removes files after discovery.
class TstSensorCollector : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryInput();
    void noSensorsGivesEmptyList();
    void rereadsEachTick();
    void removedAfterDiscoveryIsLeftOut();
    void failingReadIsLeftOutUntilItRecovers_data();
    void failingReadIsLeftOutUntilItRecovers();

private:
    static bool copyFixture(const QString &name, const QString &to);
    static bool writeFile(const QString &path, const QByteArray &text);
    static QStringList labels(const Snapshot &snapshot);
};

bool TstSensorCollector::copyFixture(const QString &name, const QString &to)
{
    const QString from = QFINDTESTDATA(QStringLiteral("fixtures/") + name);
    if (from.isEmpty())
        return false;
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

bool TstSensorCollector::writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

QStringList TstSensorCollector::labels(const Snapshot &snapshot)
{
    QStringList result;
    for (const Temperature &temp : snapshot.temps)
        result.append(temp.label);
    return result;
}

void TstSensorCollector::readsEveryInput()
{
    const QString root = QFINDTESTDATA("fixtures/laptop");
    SensorCollector collector(SystemPaths{{}, root});
    Snapshot snapshot;
    collector.collect(snapshot, 1);

    // The laptop fixture's inputs, millidegrees / 1000.
    QCOMPARE(collector.sensorCount(), 8);
    QCOMPARE(snapshot.temps.size(), 8);
    const QList<double> celsius = {27.8, 45.0, 43.5, 51.25, -1.5, 46.0, 50.0, 41.0};
    for (qsizetype i = 0; i < celsius.size(); ++i)
        QCOMPARE(snapshot.temps[i].celsius, celsius[i]);
    QCOMPARE(snapshot.temps[1].label, QStringLiteral("coretemp Package id 0"));
    QCOMPARE(snapshot.temps[1].high, 80.0);
    QCOMPARE(snapshot.temps[1].critical, 100.0);
    QVERIFY(qIsNaN(snapshot.temps[4].high));
    QVERIFY(qIsNaN(snapshot.temps[4].critical));
}

void TstSensorCollector::noSensorsGivesEmptyList()
{
    SensorCollector collector(SystemPaths{{}, QFINDTESTDATA("fixtures/none")});
    Snapshot snapshot;
    snapshot.temps.append({QStringLiteral("stale"), 1, 2, 3});
    collector.collect(snapshot, 1);
    QCOMPARE(collector.sensorCount(), 0);
    QVERIFY(snapshot.temps.isEmpty());
}

void TstSensorCollector::rereadsEachTick()
{
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("raspberrypi"), sys.path()));
    SensorCollector collector(SystemPaths{{}, sys.path()});
    Snapshot first;
    collector.collect(first, 1);
    QCOMPARE(first.temps.size(), 1);
    QCOMPARE(first.temps[0].celsius, 48.686);
    QVERIFY(writeFile(sys.filePath(QStringLiteral("class/hwmon/hwmon0/temp1_input")), "61000\n"));
    Snapshot second;
    collector.collect(second, 2);
    QCOMPARE(second.temps[0].celsius, 61.0);
}

void TstSensorCollector::removedAfterDiscoveryIsLeftOut()
{
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("laptop"), sys.path()));
    SensorCollector collector(SystemPaths{{}, sys.path()});
    QVERIFY(QFile::remove(sys.filePath(QStringLiteral("class/hwmon/hwmon2/temp2_input"))));
    const QRegularExpression warning(QStringLiteral("cannot read temperature.*temp2_input"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    Snapshot first;
    collector.collect(first, 1);
    QTest::failOnWarning(warning); // logged once, not on every tick
    Snapshot second;
    collector.collect(second, 2);

    QCOMPARE(collector.sensorCount(), 8);
    QCOMPARE(second.temps.size(), 7);
    QVERIFY(!labels(second).contains(QStringLiteral("coretemp Core 0")));
    QVERIFY(labels(second).contains(QStringLiteral("coretemp Core 8")));
}

void TstSensorCollector::failingReadIsLeftOutUntilItRecovers_data()
{
    QTest::addColumn<QByteArray>("broken");

    QTest::newRow("empty read") << QByteArray();
    QTest::newRow("not a number") << QByteArray("N/A\n");
    QTest::newRow("two numbers") << QByteArray("45000 46000\n");
}

void TstSensorCollector::failingReadIsLeftOutUntilItRecovers()
{
    QFETCH(QByteArray, broken);
    QTemporaryDir sys;
    QVERIFY(copyFixture(QStringLiteral("twodrives"), sys.path()));
    SensorCollector collector(SystemPaths{{}, sys.path()});
    const QString input = sys.filePath(QStringLiteral("class/hwmon/hwmon1/temp1_input"));
    Snapshot snapshot;
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.temps.size(), 3);

    QVERIFY(writeFile(input, broken));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read")));
    collector.collect(snapshot, 2);
    QCOMPARE(labels(snapshot),
             QStringList({QStringLiteral("nvme Composite"), QStringLiteral("thermal_zone0")}));

    QVERIFY(writeFile(input, "42100\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.temps.size(), 3);
    QCOMPARE(snapshot.temps[1].label, QStringLiteral("nvme Composite #2"));
    QCOMPARE(snapshot.temps[1].celsius, 42.1);
}

QTEST_GUILESS_MAIN(TstSensorCollector)
#include "tst_sensorcollector.moc"
