#include "collectors/sensors/sensorreadingparser.h"

#include <QTest>

class TstSensorReadingParser : public QObject
{
    Q_OBJECT

private slots:
    void celsius_data();
    void celsius();
};

void TstSensorReadingParser::celsius_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("celsius");

    QTest::newRow("sysfs line") << QByteArray("45000\n") << true << 45.0;
    QTest::newRow("fraction") << QByteArray("43500") << true << 43.5;     // 43500 / 1000
    QTest::newRow("below zero") << QByteArray("-1500\n") << true << -1.5; // -1500 / 1000
    QTest::newRow("zero") << QByteArray("0\n") << true << 0.0;
    QTest::newRow("empty") << QByteArray() << false << 0.0;
    QTest::newRow("blank") << QByteArray(" \n") << false << 0.0;
    QTest::newRow("text") << QByteArray("N/A\n") << false << 0.0;
    QTest::newRow("trailing junk") << QByteArray("45000C\n") << false << 0.0;
    QTest::newRow("decimal point") << QByteArray("45.0\n") << false << 0.0;
    QTest::newRow("two values") << QByteArray("45000 46000\n") << false << 0.0;
}

void TstSensorReadingParser::celsius()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const std::optional<double> value = SensorReadingParser::celsius(text);
    QCOMPARE(value.has_value(), valid);
    if (valid)
        QTEST(*value, "celsius");
}

QTEST_APPLESS_MAIN(TstSensorReadingParser)
#include "tst_sensorreadingparser.moc"
