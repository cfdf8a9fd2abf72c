#include "format/valueformat.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

// Numbers as the views and alert messages write them. The strings come from
// tests/fixtures/format-cases.json, which the web dashboard's tst_format.mjs reads too: the same
// input gives the same text in both.
class TestValueFormat : public QObject
{
    Q_OBJECT

private slots:
    void sharedCases_data();
    void sharedCases();
    void countGroupsThousands();
};

void TestValueFormat::sharedCases_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QFile file(QFINDTESTDATA("../../fixtures/format-cases.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "tests/fixtures/format-cases.json is missing");
    const QJsonObject cases = QJsonDocument::fromJson(file.readAll()).object();
    for (const char *kind :
         {"bytes", "rate", "percent", "celsius", "watts", "wattHours", "wattNumber", "duration"}) {
        const QJsonArray rows = cases.value(QLatin1StringView(kind)).toArray();
        QVERIFY2(!rows.isEmpty(), kind);
        for (const QJsonValue &row : rows) {
            const QJsonValue in = row[u"in"];
            const double value = in.isNull() ? qQNaN() : in.toDouble();
            QTest::addRow("%s %s", kind, qPrintable(row[u"why"].toString()))
                << QString::fromLatin1(kind) << value << row[u"out"].toString();
        }
    }
}

void TestValueFormat::sharedCases()
{
    QFETCH(QString, kind);
    QFETCH(double, value);
    QFETCH(QString, text);
    static const QHash<QString, std::function<QString(double)>> functions = {
        {QStringLiteral("bytes"), &ValueFormat::bytes},
        {QStringLiteral("rate"), &ValueFormat::rate},
        {QStringLiteral("percent"), &ValueFormat::percent},
        {QStringLiteral("celsius"), &ValueFormat::celsius},
        {QStringLiteral("watts"), &ValueFormat::watts},
        {QStringLiteral("wattHours"), &ValueFormat::wattHours},
        {QStringLiteral("wattNumber"), &ValueFormat::wattNumber},
        {QStringLiteral("duration"), &ValueFormat::duration},
    };
    QCOMPARE(functions.value(kind)(value), text);
}

void TestValueFormat::countGroupsThousands()
{
    QCOMPARE(ValueFormat::count(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(ValueFormat::count(12), QStringLiteral("12"));
    QCOMPARE(ValueFormat::count(qQNaN()), QStringLiteral("—"));
    QCOMPARE(ValueFormat::count(qInf()), QStringLiteral("—"));
}

QTEST_GUILESS_MAIN(TestValueFormat)
#include "tst_valueformat.moc"
