#include "format.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

// Numbers as the views show them. The strings come from tests/fixtures/format-cases.json, which
// the web dashboard's tst_format.mjs reads too: the same input gives the same text in both.
class TestFormat : public QObject
{
    Q_OBJECT

private slots:
    void sharedCases_data();
    void sharedCases();
    void countGroupsThousands();
};

void TestFormat::sharedCases_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QFile file(QFINDTESTDATA("../../fixtures/format-cases.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "tests/fixtures/format-cases.json is missing");
    const QJsonObject cases = QJsonDocument::fromJson(file.readAll()).object();
    for (const char *kind : {"bytes", "rate", "percent", "celsius", "duration"}) {
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

void TestFormat::sharedCases()
{
    QFETCH(QString, kind);
    QFETCH(double, value);
    QFETCH(QString, text);
    static const QHash<QString, std::function<QString(double)>> functions = {
        {QStringLiteral("bytes"), &Format::bytes},
        {QStringLiteral("rate"), &Format::rate},
        {QStringLiteral("percent"), &Format::percent},
        {QStringLiteral("celsius"), &Format::celsius},
        {QStringLiteral("duration"), &Format::duration},
    };
    QCOMPARE(functions.value(kind)(value), text);
}

void TestFormat::countGroupsThousands()
{
    QCOMPARE(Format::count(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(Format::count(12), QStringLiteral("12"));
    QCOMPARE(Format::count(qQNaN()), QStringLiteral("—"));
    QCOMPARE(Format::count(qInf()), QStringLiteral("—"));
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
