#include "collectors/system/uptimeparser.h"

#include <QFile>
#include <QTest>

class TestUptimeParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
};

namespace {
QByteArray fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QLatin1StringView("fixtures/") + QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("missing fixture");
}
} // namespace

void TestUptimeParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("seconds");

    // Captured on this machine: "530.07 921.70".
    QTest::newRow("this machine") << fixture("uptime-vm") << true << 530.07;
    QTest::newRow("a year up, no newline")
        << QByteArray("31536000.99 60000000.00") << true << 31536000.99;
    QTest::newRow("just booted") << QByteArray("0.00 0.00\n") << true << 0.0;
    QTest::newRow("one field") << QByteArray("42.50\n") << true << 42.5;
    QTest::newRow("leading space") << QByteArray(" 1.50 2.00\n") << true << 1.5;
    QTest::newRow("a word") << QByteArray("abc 1.00\n") << false << 0.0;
    QTest::newRow("negative") << QByteArray("-5.00 1.00\n") << false << 0.0;
    QTest::newRow("infinite") << QByteArray("inf 1.00\n") << false << 0.0;
    QTest::newRow("decimal comma") << QByteArray("530,07 921,70\n") << false << 0.0;
    QTest::newRow("only a newline") << QByteArray("\n") << false << 0.0;
    QTest::newRow("empty") << QByteArray() << false << 0.0;
}

void TestUptimeParser::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const std::optional<double> seconds = UptimeParser::parse(text);
    QCOMPARE(seconds.has_value(), valid);
    if (seconds)
        QTEST(*seconds, "seconds");
}

QTEST_GUILESS_MAIN(TestUptimeParser)
#include "tst_uptimeparser.moc"
