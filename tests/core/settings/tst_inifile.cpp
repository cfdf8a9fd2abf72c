#include "settings/inifile.h"

#include <QFile>
#include <QTest>

class TestIniFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesSectionsAndPaths();
    void writesUntouchedFileByteForByte();
    void escapedValuesRoundTrip_data();
    void escapedValuesRoundTrip();
    void reportsMalformedLines_data();
    void reportsMalformedLines();
    void dropsMalformedLinesOnWrite();
    void setValue_data();
    void setValue();
    void lastDuplicateWins();
    void keepsLineEndingsAndSkipsBom();
    void keepsBytesItCannotDecode();
};

static QByteArray readFixture(const char *name)
{
    QFile file(QFINDTESTDATA(QString::fromUtf8(name)));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing", name);
    return file.readAll();
}

void TestIniFile::parsesSectionsAndPaths()
{
    const IniFile file = IniFile::parse(readFixture("fixtures/sample.conf"));
    QVERIFY(file.errors().isEmpty());
    // [thresholds] cpu/warning and [thresholds/memory] critical both address by full path.
    const QStringList expected{
        QStringLiteral("general/interval"), QStringLiteral("general/historySeconds"),
        QStringLiteral("future/feature"), QStringLiteral("thresholds/cpu/warning"),
        QStringLiteral("thresholds/memory/critical")};
    QCOMPARE(file.keys(), expected);
    QCOMPARE(file.value(QStringLiteral("general/interval")),
             QStringLiteral("2.5")); // spaces around '=' trimmed
    QCOMPARE(file.value(QStringLiteral("future/feature")),
             QStringLiteral("on ; not a comment")); // ';' mid-line is text
    QCOMPARE(file.value(QStringLiteral("thresholds/memory/critical")),
             QStringLiteral("  97 ")); // quotes keep spaces
    QVERIFY(file.contains(QStringLiteral("thresholds/cpu/warning")));
    QVERIFY(!file.contains(QStringLiteral("thresholds/cpu/critical")));
    QCOMPARE(file.value(QStringLiteral("thresholds/cpu/critical")), QString());
}

void TestIniFile::writesUntouchedFileByteForByte()
{
    const QByteArray original = readFixture("fixtures/sample.conf");
    QCOMPARE(IniFile::parse(original).toByteArray(), original);
}

void TestIniFile::escapedValuesRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << QStringLiteral("plain") << QByteArray("plain");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("equals") << QStringLiteral("x=y") << QByteArray("\"x=y\"");
    QTest::newRow("semicolon") << QStringLiteral(";semi") << QByteArray("\";semi\"");
    QTest::newRow("hash") << QStringLiteral("#hash") << QByteArray("\"#hash\"");
    QTest::newRow("leading spaces") << QStringLiteral("  lead") << QByteArray("\"  lead\"");
    QTest::newRow("trailing space") << QStringLiteral("trail ") << QByteArray("\"trail \"");
    QTest::newRow("quotes") << QStringLiteral("say \"hi\"") << QByteArray("\"say \\\"hi\\\"\"");
    QTest::newRow("backslash") << QStringLiteral("back\\slash") << QByteArray("\"back\\\\slash\"");
    QTest::newRow("newline") << QStringLiteral("two\nlines") << QByteArray("\"two\\nlines\"");
    QTest::newRow("tab") << QStringLiteral("tab\there") << QByteArray("\"tab\\there\"");
    QTest::newRow("control") << QStringLiteral("\x01") << QByteArray("\"\\x01\"");
    // U+FEFF is EF BB BF in UTF-8; inside a value it is text, not a byte order mark.
    QTest::newRow("leading U+FEFF") << QStringLiteral("\uFEFFzw") << QByteArray("\xEF\xBB\xBFzw");
    QTest::newRow("quoted leading U+FEFF")
        << QStringLiteral("\uFEFF;") << QByteArray("\"\xEF\xBB\xBF;\"");
    // Non-ASCII is written as UTF-8 as it is: "Grüße 温度" is 47 72 C3 BC C3 9F 65 20 E6 B8 A9 E5
    // BA A6.
    QTest::newRow("non-ASCII") << QStringLiteral("Grüße 温度")
                               << QByteArray("Gr\xC3\xBC\xC3\x9F"
                                             "e \xE6\xB8\xA9\xE5\xBA\xA6");
}

void TestIniFile::escapedValuesRoundTrip()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, written);
    IniFile file;
    file.setValue(QStringLiteral("general/key"), value);
    const QByteArray text = file.toByteArray();
    QCOMPARE(text, "[general]\nkey=" + written + '\n');
    const IniFile reread = IniFile::parse(text);
    QVERIFY(reread.errors().isEmpty());
    QCOMPARE(reread.value(QStringLiteral("general/key")), value);
}

void TestIniFile::reportsMalformedLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("unclosed section")
        << QByteArray("[general\nx=1\n") << QList<int>{1} << QStringList{QStringLiteral("x")};
    QTest::newRow("empty section") << QByteArray("[ ]\n") << QList<int>{1} << QStringList();
    QTest::newRow("no equals") << QByteArray("[general]\njunk\ninterval=2\n") << QList<int>{2}
                               << QStringList{QStringLiteral("general/interval")};
    QTest::newRow("no key") << QByteArray("[g]\n=5\n") << QList<int>{2} << QStringList();
    QTest::newRow("unterminated quote") << QByteArray("[g]\nk=\"open\nj=1\n") << QList<int>{2}
                                        << QStringList{QStringLiteral("g/j")};
    QTest::newRow("text after quote")
        << QByteArray("[g]\nk=\"a\"junk\n") << QList<int>{2} << QStringList();
    QTest::newRow("unknown escape")
        << QByteArray("[g]\nk=\"bad\\q\"\n") << QList<int>{2} << QStringList();
    QTest::newRow("short hex escape")
        << QByteArray("[g]\nk=\"\\x4\"\n") << QList<int>{2} << QStringList();
    QTest::newRow("hex escape with a sign")
        << QByteArray("[g]\nk=\"\\x+4\"\n") << QList<int>{2} << QStringList();
    QTest::newRow("several") << QByteArray("a\n[g]\nb\nk=1\n  \n  ; comment\n") << QList<int>{1, 3}
                             << QStringList{QStringLiteral("g/k")};
    QTest::newRow("clean") << QByteArray("  \n# c\n[g]\nk = \"\\x41\"\n") << QList<int>{}
                           << QStringList{QStringLiteral("g/k")};
}

void TestIniFile::reportsMalformedLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<int>, lines);
    QFETCH(QStringList, keys);
    const IniFile file = IniFile::parse(text);
    QList<int> reported;
    for (const IniFile::Error &error : file.errors()) {
        reported.append(error.line);
        QVERIFY(!error.reason.isEmpty());
    }
    QCOMPARE(reported, lines);
    QCOMPARE(file.keys(), keys);
}

void TestIniFile::dropsMalformedLinesOnWrite()
{
    const IniFile file = IniFile::parse("[g]\njunk here\nk=1\n");
    QCOMPARE(file.errors().size(), 1);
    QCOMPARE(file.errors().constFirst().line, 2);
    QCOMPARE(file.toByteArray(), QByteArray("[g]\nk=1\n"));
}

void TestIniFile::setValue_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("after");
    QTest::newRow("replace in place")
        << QByteArray("[general]\ninterval = 2.5 \n; c\n") << QStringLiteral("general/interval")
        << QStringLiteral("3") << QByteArray("[general]\ninterval=3\n; c\n");
    QTest::newRow("end of its section")
        << QByteArray("[general]\na=1\n\n[server]\nport=1\n") << QStringLiteral("general/b")
        << QStringLiteral("2") << QByteArray("[general]\na=1\nb=2\n\n[server]\nport=1\n");
    QTest::newRow("new section") << QByteArray("[general]\na=1\n")
                                 << QStringLiteral("thresholds/cpu/warning") << QStringLiteral("70")
                                 << QByteArray("[general]\na=1\n\n[thresholds/cpu]\nwarning=70\n");
    QTest::newRow("section that prefixes the path")
        << QByteArray("[thresholds]\ncpu/warning=70\n") << QStringLiteral("thresholds/cpu/critical")
        << QStringLiteral("90") << QByteArray("[thresholds]\ncpu/warning=70\ncpu/critical=90\n");
    QTest::newRow("empty document") << QByteArray() << QStringLiteral("server/port")
                                    << QStringLiteral("1") << QByteArray("[server]\nport=1\n");
    QTest::newRow("top level") << QByteArray("[s]\nk=1\n") << QStringLiteral("top")
                               << QStringLiteral("v") << QByteArray("top=v\n[s]\nk=1\n");
}

void TestIniFile::setValue()
{
    QFETCH(QByteArray, before);
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QByteArray, after);
    IniFile file = IniFile::parse(before);
    file.setValue(path, value);
    QCOMPARE(file.toByteArray(), after);
    QCOMPARE(file.value(path), value);
}

void TestIniFile::lastDuplicateWins()
{
    IniFile file = IniFile::parse("[g]\nk=1\nk=2\n");
    QCOMPARE(file.keys(), QStringList{QStringLiteral("g/k")});
    QCOMPARE(file.value(QStringLiteral("g/k")), QStringLiteral("2"));
    file.setValue(QStringLiteral("g/k"), QStringLiteral("3"));
    QCOMPARE(file.toByteArray(), QByteArray("[g]\nk=1\nk=3\n"));
}

void TestIniFile::keepsLineEndingsAndSkipsBom()
{
    IniFile file = IniFile::parse("\xEF\xBB\xBF[g]\r\nk=1\r\n");
    QVERIFY(file.errors().isEmpty());
    QCOMPARE(file.value(QStringLiteral("g/k")), QStringLiteral("1"));
    file.setValue(QStringLiteral("g/j"), QStringLiteral("2"));
    QCOMPARE(file.toByteArray(), QByteArray("[g]\r\nk=1\r\nj=2\r\n"));

    // A second mark, at the start of a later line (two files joined), is skipped as well: the
    // header after it is still a header.
    const IniFile joined = IniFile::parse("\xEF\xBB\xBF[a]\nk=1\n\xEF\xBB\xBF[b]\nk=2\n");
    QVERIFY(joined.errors().isEmpty());
    QCOMPARE(joined.keys(), QStringList({"a/k", "b/k"}));
    QCOMPARE(joined.value(QStringLiteral("b/k")), QStringLiteral("2"));
}

void TestIniFile::keepsBytesItCannotDecode()
{
    // Bytes that are not UTF-8 and a non-ASCII section survive when their lines are untouched.
    const QByteArray text("[zuk\xC3\xBCnftig]\nk=\xFF\xFE\n[g]\nk=1\n");
    IniFile file = IniFile::parse(text);
    QVERIFY(file.errors().isEmpty());
    QCOMPARE(file.keys().constFirst(), QStringLiteral("zukünftig/k"));
    file.setValue(QStringLiteral("g/k"), QStringLiteral("2"));
    QCOMPARE(file.toByteArray(), QByteArray("[zuk\xC3\xBCnftig]\nk=\xFF\xFE\n[g]\nk=2\n"));
}

QTEST_GUILESS_MAIN(TestIniFile)
#include "tst_inifile.moc"
