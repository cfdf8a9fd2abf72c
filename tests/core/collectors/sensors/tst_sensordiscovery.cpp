#include "collectors/sensors/sensordiscovery.h"

#include <QTemporaryDir>
#include <QTest>

// Discovery over the sysfs trees in fixtures/. Expected values are the fixture files' numbers
// divided by 1000 (millidegrees to °C); NaN where the fixture has no such file.
class TstSensorDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void discovers_data();
    void discovers();
    void emptyRootFindsNothing();
};

namespace {

struct Expected
{
    QString label;
    QString path; // relative to the fixture root
    double high;
    double critical;
};

const double NaN = qQNaN();

} // namespace

Q_DECLARE_METATYPE(QList<Expected>)

void TstSensorDiscovery::discovers_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QList<Expected>>("expected");

    // hwmon in numeric order 0, 2, 3 (no temps: ADP1), 10; temp1, temp2, temp10. Thermal zones
    // 0 (acpitz: also hwmon0, dropped), 1 (high = lower passive 90), 2 (hot 100 over passive
    // 95, critical 105), 10 (no trip points).
    QTest::newRow("laptop") << QStringLiteral("laptop")
                            << QList<Expected>{
                                   {QStringLiteral("acpitz 1"),
                                    QStringLiteral("class/hwmon/hwmon0/temp1_input"), NaN, 119.0},
                                   {QStringLiteral("coretemp Package id 0"),
                                    QStringLiteral("class/hwmon/hwmon2/temp1_input"), 80.0, 100.0},
                                   {QStringLiteral("coretemp Core 0"),
                                    QStringLiteral("class/hwmon/hwmon2/temp2_input"), 80.0, 100.0},
                                   {QStringLiteral("coretemp Core 8"),
                                    QStringLiteral("class/hwmon/hwmon2/temp10_input"), 80.0, 100.0},
                                   {QStringLiteral("pch_cannonlake 1"),
                                    QStringLiteral("class/hwmon/hwmon10/temp1_input"), NaN, NaN},
                                   {QStringLiteral("x86_pkg_temp"),
                                    QStringLiteral("class/thermal/thermal_zone1/temp"), 90.0, NaN},
                                   {QStringLiteral("TCPU"),
                                    QStringLiteral("class/thermal/thermal_zone2/temp"), 100.0,
                                    105.0},
                                   {QStringLiteral("iwlwifi_1"),
                                    QStringLiteral("class/thermal/thermal_zone10/temp"), NaN, NaN},
                               };
    // Zone "cpu-thermal" is the hwmon chip "cpu_thermal" ('-' becomes '_'): kept once.
    QTest::newRow("raspberry pi") << QStringLiteral("raspberrypi")
                                  << QList<Expected>{
                                         {QStringLiteral("cpu_thermal 1"),
                                          QStringLiteral("class/hwmon/hwmon0/temp1_input"), NaN,
                                          NaN}};
    // Two drives with the same chip name and label; a zone with no type file.
    QTest::newRow("two drives")
        << QStringLiteral("twodrives")
        << QList<Expected>{
               {QStringLiteral("nvme Composite"), QStringLiteral("class/hwmon/hwmon0/temp1_input"),
                81.85, 84.85},
               {QStringLiteral("nvme Composite #2"),
                QStringLiteral("class/hwmon/hwmon1/temp1_input"), 81.85, 84.85},
               {QStringLiteral("thermal_zone0"), QStringLiteral("class/thermal/thermal_zone0/temp"),
                NaN, NaN},
           };
    QTest::newRow("no sensors") << QStringLiteral("none") << QList<Expected>{};
}

void TstSensorDiscovery::discovers()
{
    QFETCH(QString, fixture);
    QFETCH(QList<Expected>, expected);
    const QString root = QFINDTESTDATA(QStringLiteral("fixtures/") + fixture);
    QVERIFY(!root.isEmpty());
    const QList<SensorInput> inputs = SensorDiscovery::discover(SystemPaths{{}, root});

    QCOMPARE(inputs.size(), expected.size());
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        QCOMPARE(inputs[i].label, expected[i].label);
        QCOMPARE(inputs[i].path, root + u'/' + expected[i].path);
        QCOMPARE(inputs[i].high, expected[i].high);
        QCOMPARE(inputs[i].critical, expected[i].critical);
    }
}

void TstSensorDiscovery::emptyRootFindsNothing()
{
    QTemporaryDir empty;
    QVERIFY(SensorDiscovery::discover(SystemPaths{{}, empty.path()}).isEmpty());
    QVERIFY(
        SensorDiscovery::discover(SystemPaths{{}, empty.filePath(QStringLiteral("no"))}).isEmpty());
}

QTEST_GUILESS_MAIN(TstSensorDiscovery)
#include "tst_sensordiscovery.moc"
