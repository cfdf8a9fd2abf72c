#include "collectors/processes/procstatparser.h"

#include <QRandomGenerator>
#include <QTest>

// Rows are real-shaped stat lines (52 fields, as Linux 6 prints them) with the fields the parser
// reads set to distinct values, so a value read from the wrong field cannot pass by accident.
class TstProcStatParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesFields_data();
    void parsesFields();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void parsesGeneratedLines();
};

namespace {

// Field 25 onwards: rsslim ... exit_code, as a 6.x kernel prints them.
const QByteArray Tail = " 18446744073709551615 94371840 94372496 140724 0 0 0 0 0 0 0 0 0 17 1 0 0"
                        " 0 0 0 94380000 94380100 94390000 140725 140726 140726 140727 0\n";

} // namespace

void TstProcStatParser::parsesFields_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("pid");
    QTest::addColumn<QByteArray>("comm");
    QTest::addColumn<char>("state");
    QTest::addColumn<quint64>("utime");
    QTest::addColumn<quint64>("stime");
    QTest::addColumn<int>("threads");
    QTest::addColumn<quint64>("startTime");
    QTest::addColumn<quint64>("rssPages");

    // Fields: 1 pid, 2 (comm), 3 state, 4-13 ppid..cmajflt, 14 utime, 15 stime, 16 cutime,
    // 17 cstime, 18 priority, 19 nice, 20 threads, 21 itrealvalue, 22 starttime, 23 vsize, 24 rss.
    QTest::newRow("plain") << QByteArray("1234 (bash) S 1000 1234 1234 34816 1250 4194304 2345 "
                                         "67890 1 12 150 75 300 40 20 0 1 0 98765 12345678 890") +
                                  Tail
                           << 1234 << QByteArray("bash") << 'S' << quint64(150) << quint64(75) << 1
                           << quint64(98765) << quint64(890);
    // The name holds spaces and both parentheses: only the LAST ')' ends it.
    QTest::newRow("comm with spaces and parens")
        << QByteArray("42 ((a) b)) R 1 42 42 0 -1 4194560 10 0 0 0 7 3 0 0 20 0 4 0 500 1000 "
                      "33") +
               Tail
        << 42 << QByteArray("(a) b)") << 'R' << quint64(7) << quint64(3) << 4 << quint64(500)
        << quint64(33);
    QTest::newRow("zombie") << QByteArray("77 (defunct) Z 1 77 77 0 -1 4227084 0 0 0 0 12 8 0 0 "
                                          "20 0 1 0 4321 0 0") +
                                   Tail
                            << 77 << QByteArray("defunct") << 'Z' << quint64(12) << quint64(8) << 1
                            << quint64(4321) << quint64(0);
    // A kernel thread: negative tpgid and real-time priority (-100), no memory of its own.
    QTest::newRow("kernel thread") << QByteArray("19 (migration/0) S 2 0 0 0 -1 69238848 0 0 0 0 "
                                                 "0 31 0 0 -100 0 1 0 3 0 0") +
                                          Tail
                                   << 19 << QByteArray("migration/0") << 'S' << quint64(0)
                                   << quint64(31) << 1 << quint64(3) << quint64(0);
    QTest::newRow("workqueue name, no newline")
        << QByteArray("311 (kworker/1:2-events_power_efficient) I 2 0 0 0 -1 69238880 0 0 0 0 0 "
                      "18 0 0 20 0 1 0 912 0 0")
        << 311 << QByteArray("kworker/1:2-events_power_efficient") << 'I' << quint64(0)
        << quint64(18) << 1 << quint64(912) << quint64(0);
    // Counters near 2^64 must not be truncated to 32 bits.
    QTest::newRow("huge counters")
        << QByteArray("7 (big) S 1 7 7 0 -1 0 0 0 0 0 "
                      "18446744073709551000 4294967296 0 0 20 0 "
                      "2147483647 0 8589934592 0 4294967297")
        << 7 << QByteArray("big") << 'S' << quint64(18446744073709551000ULL)
        << quint64(4294967296ULL) << 2147483647 << quint64(8589934592ULL) << quint64(4294967297ULL);
    QTest::newRow("empty comm") << QByteArray("8 () S 1 8 8 0 -1 0 0 0 0 0 1 2 0 0 20 0 3 0 4 0 5")
                                << 8 << QByteArray() << 'S' << quint64(1) << quint64(2) << 3
                                << quint64(4) << quint64(5);
}

void TstProcStatParser::parsesFields()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, comm);
    const std::optional<ProcStat> stat = ProcStatParser::parse(line);
    QVERIFY(stat.has_value());
    QTEST(stat->pid, "pid");
    QCOMPARE(stat->comm.toByteArray(), comm);
    // comm is a view into the line itself, not a copy.
    QVERIFY(comm.isEmpty() || stat->comm.data() > line.constData());
    QVERIFY(stat->comm.data() + stat->comm.size() <= line.constData() + line.size());
    QTEST(stat->state, "state");
    QTEST(stat->utime, "utime");
    QTEST(stat->stime, "stime");
    QTEST(stat->threads, "threads");
    QTEST(stat->startTime, "startTime");
    QTEST(stat->rssPages, "rssPages");
}

void TstProcStatParser::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("line");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("blank line") << QByteArray(" \n");
    QTest::newRow("no parentheses")
        << QByteArray("5 cat S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("no closing parenthesis")
        << QByteArray("5 (cat S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("no pid") << QByteArray("(cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("pid not a number")
        << QByteArray("x5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("pid zero") << QByteArray(
        "0 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("negative pid") << QByteArray(
        "-5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("truncated after comm") << QByteArray("5 (cat)");
    QTest::newRow("truncated after state") << QByteArray("5 (cat) S");
    // Cut off inside field 20 (threads): fields 21 to 24 are missing.
    QTest::newRow("truncated mid-line")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1");
    // Field 24 (rss) is the last one the parser needs; one field short must fail.
    QTest::newRow("rss missing") << QByteArray(
        "5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0");
    QTest::newRow("two-letter state")
        << QByteArray("5 (cat) SS 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("utime not a number")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1x 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("negative stime")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 -2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("negative threads")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 -1 0 9 0 3");
    QTest::newRow("empty field (double space)")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0  2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("no space after comm")
        << QByteArray("5 (cat)S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("pid over int range")
        << QByteArray("2147483648 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("threads over int range")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 2147483648 0 9 0 3");
    QTest::newRow("space as state")
        << QByteArray("5 (cat)   1 5 5 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 3");
    QTest::newRow("utime over 64 bits")
        << QByteArray("5 (cat) S 1 5 5 0 -1 0 0 0 0 0 18446744073709551616 2 0 0 20 0 1 0 9 0 3");
}

void TstProcStatParser::rejectsMalformed()
{
    QFETCH(QByteArray, line);
    QVERIFY(!ProcStatParser::parse(line).has_value());
}

// Lines whose skipped fields have random widths, so every needed field starts at every offset
// within an eight-byte word and the line ends at every offset too. The expected numbers are the
// ones the test put into the line.
void TstProcStatParser::parsesGeneratedLines()
{
    QRandomGenerator random(20240611);
    const auto number = [&random] {
        return QByteArray::number(random.bounded(quint64(1), quint64(1) << random.bounded(1, 63)));
    };
    for (int i = 0; i < 5000; ++i) {
        QByteArray line =
            QByteArray::number(random.bounded(1, 4194304)) + " (n " + number() + ") R";
        QList<QByteArray> fields = {"-", "-", "-"}; // fields 1-3 are checked by the rows above
        for (int field = 4; field <= 24 + random.bounded(0, 30); ++field) {
            if (field == 5)
                fields.append("-1"); // tpgid of a process with no terminal
            else if (field == 20)
                fields.append(QByteArray::number(random.bounded(1, 100000))); // threads: an int
            else
                fields.append(number());
            line += ' ' + fields.last();
        }
        if (random.bounded(2))
            line += '\n';
        const std::optional<ProcStat> stat = ProcStatParser::parse(line);
        QVERIFY2(stat.has_value(), line.constData());
        QCOMPARE(stat->state, 'R');
        QCOMPARE(QByteArray::number(stat->utime), fields[13]);
        QCOMPARE(QByteArray::number(stat->stime), fields[14]);
        QCOMPARE(QByteArray::number(stat->threads), fields[19]);
        QCOMPARE(QByteArray::number(stat->startTime), fields[21]);
        QCOMPARE(QByteArray::number(stat->rssPages), fields[23]);
    }
}

QTEST_APPLESS_MAIN(TstProcStatParser)
#include "tst_procstatparser.moc"
