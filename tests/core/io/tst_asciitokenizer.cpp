#include "io/asciitokenizer.h"

#include <QTest>

// AsciiTokenizer must give exactly what Qt's own tokenizer gives, which is the reference here:
// the parsers were written and tested against tokenize().
class TestAsciiTokenizer : public QObject
{
    Q_OBJECT

private slots:
    void sameAsQtTokenize_data();
    void sameAsQtTokenize();
    void indexOfSameAsQt_data();
    void indexOfSameAsQt();
};

void TestAsciiTokenizer::sameAsQtTokenize_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<char>("separator");
    QTest::newRow("lines") << QByteArray("cpu 1 2\ncpu0 1 2\n") << '\n';
    QTest::newRow("no final separator") << QByteArray("a\nb") << '\n';
    QTest::newRow("empty lines") << QByteArray("\n\na\n\n") << '\n';
    QTest::newRow("columns padded") << QByteArray("   8       0 sda 10 0 20 ") << ' ';
    QTest::newRow("one part") << QByteArray("MemTotal:") << ' ';
    QTest::newRow("only separators") << QByteArray("   ") << ' ';
    QTest::newRow("empty") << QByteArray("") << ' ';
    QTest::newRow("null") << QByteArray() << ' ';
}

void TestAsciiTokenizer::sameAsQtTokenize()
{
    QFETCH(QByteArray, text);
    QFETCH(char, separator);
    const QLatin1StringView view = text.isNull() ? QLatin1StringView() : QLatin1StringView(text);
    for (const Qt::SplitBehavior behavior : {Qt::KeepEmptyParts, Qt::SkipEmptyParts}) {
        QStringList expected;
        for (const QLatin1StringView part : view.tokenize(QLatin1Char(separator), behavior))
            expected.append(part.toString());
        QStringList actual;
        for (const QLatin1StringView part : AsciiTokenizer(view, separator, behavior))
            actual.append(part.toString());
        QCOMPARE(actual, expected);
    }
}

void TestAsciiTokenizer::indexOfSameAsQt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<char>("c");
    QTest::newRow("found") << QByteArray("MemTotal: 1 kB") << ':';
    QTest::newRow("first byte") << QByteArray(":x") << ':';
    QTest::newRow("last byte") << QByteArray("eth0:") << ':';
    QTest::newRow("first of two") << QByteArray("1.5 2.5 3.5") << ' ';
    QTest::newRow("absent") << QByteArray("lo") << ':';
    QTest::newRow("empty") << QByteArray("") << ':';
    QTest::newRow("null") << QByteArray() << ':';
}

void TestAsciiTokenizer::indexOfSameAsQt()
{
    QFETCH(QByteArray, text);
    QFETCH(char, c);
    const QLatin1StringView view = text.isNull() ? QLatin1StringView() : QLatin1StringView(text);
    QCOMPARE(AsciiTokenizer::indexOf(view, c), view.indexOf(QLatin1Char(c)));
}

QTEST_GUILESS_MAIN(TestAsciiTokenizer)
#include "tst_asciitokenizer.moc"
