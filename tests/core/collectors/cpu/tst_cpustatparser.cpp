#include "collectors/cpu/cpustatparser.h"

#include <QFile>
#include <QTest>

using Cores = QList<std::optional<CpuTimes>>;

char *toString(const CpuTimes &t)
{
    const QByteArray text = QByteArray::number(t.user) + ' ' + QByteArray::number(t.nice) + ' ' +
                            QByteArray::number(t.system) + ' ' + QByteArray::number(t.idle) + ' ' +
                            QByteArray::number(t.iowait) + ' ' + QByteArray::number(t.irq) + ' ' +
                            QByteArray::number(t.softirq) + ' ' + QByteArray::number(t.steal);
    return qstrdup(text.constData());
}

class TestCpuStatParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();

private:
    static QByteArray fixture(const char *name);
};

QByteArray TestCpuStatParser::fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QLatin1StringView("fixtures/") + QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every expected number below is copied from the fixture's own text, column by column; guest and
// guest_nice (columns 9 and 10) must not appear anywhere.
void TestCpuStatParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<CpuTimes>("total");
    QTest::addColumn<Cores>("cores");
    QTest::addColumn<qint64>("bootTime");

    QTest::newRow("this machine, 2 CPUs")
        << fixture("stat-vm-2cpu") << CpuTimes{8576, 0, 3343, 82602, 362, 0, 51, 8}
        << Cores{CpuTimes{3748, 0, 1305, 42420, 19, 0, 13, 2},
                 CpuTimes{4827, 0, 2037, 40182, 342, 0, 38, 6}}
        << qint64(1795843128);
    QTest::newRow("desktop, 4 CPUs, guest time")
        << fixture("stat-desktop-4cpu")
        << CpuTimes{1846398, 2431, 560312, 41289744, 48012, 0, 11875, 0}
        << Cores{CpuTimes{461250, 610, 140100, 10322380, 12003, 0, 5938, 0},
                 CpuTimes{461716, 600, 140070, 10322500, 11997, 0, 2967, 0},
                 CpuTimes{461432, 621, 140062, 10322400, 12010, 0, 1485, 0},
                 CpuTimes{462000, 600, 140080, 10322464, 12002, 0, 1485, 0}}
        << qint64(1718000000);
    // Linux 2.6.9 wrote 7 columns: steal reads as 0.
    QTest::newRow("old kernel, 7 columns")
        << fixture("stat-linux269-7col")
        << CpuTimes{79242, 0, 74306, 842486413, 756859, 6140, 67701, 0}
        << Cores{CpuTimes{38416, 0, 39131, 421205221, 377542, 6126, 33760, 0},
                 CpuTimes{40826, 0, 35175, 421281192, 379317, 14, 33941, 0}}
        << qint64(1062191376);
    QTest::newRow("CPU 2 offline")
        << fixture("stat-cpu2-offline") << CpuTimes{400, 0, 200, 8000, 40, 0, 10, 0}
        << Cores{CpuTimes{150, 0, 80, 2700, 15, 0, 4, 0}, CpuTimes{130, 0, 70, 2650, 15, 0, 3, 0},
                 std::nullopt, CpuTimes{120, 0, 50, 2650, 10, 0, 3, 0}}
        << qint64(1718000000);
    // Kept: cpu0; cpu6 with the 4 columns of a 2.4 kernel; cpu8 on a last line with no newline.
    // Skipped: cpu1 (a word), cpu2 (2 columns), cpu-3, cpux, cpu+4, cpu99999 (beyond NR_CPUS),
    // cpu5 (negative), cpu7 (tab separated); "btime soon" leaves the boot time at 0.
    QTest::newRow("malformed lines")
        << fixture("stat-malformed") << CpuTimes{1000, 20, 300, 9000, 50, 0, 10, 0}
        << Cores{CpuTimes{500, 10, 150, 4500, 25, 0, 5, 0},
                 std::nullopt,
                 std::nullopt,
                 std::nullopt,
                 std::nullopt,
                 std::nullopt,
                 CpuTimes{500, 10, 150, 4500, 0, 0, 0, 0},
                 std::nullopt,
                 CpuTimes{1, 2, 3, 4, 5, 6, 7, 8}}
        << qint64(0);
}

void TestCpuStatParser::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(CpuTimes, total);
    QFETCH(Cores, cores);
    QFETCH(qint64, bootTime);
    QVERIFY(!text.isEmpty());

    const std::optional<CpuStat> stat = CpuStatParser::parse(text);
    QVERIFY(stat);
    QCOMPARE(stat->total, total);
    QCOMPARE(stat->bootTime, bootTime);
    QCOMPARE(stat->cores.size(), cores.size());
    for (qsizetype cpu = 0; cpu < cores.size(); ++cpu) {
        QCOMPARE(stat->cores.at(cpu).has_value(), cores.at(cpu).has_value());
        if (cores.at(cpu))
            QCOMPARE(*stat->cores.at(cpu), *cores.at(cpu));
    }
}

// Without a well-formed aggregate line there is no reading at all.
void TestCpuStatParser::rejects_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only per-CPU lines") << QByteArray("cpu0 1 2 3 4 5 6 7 8\nbtime 5\n");
    QTest::newRow("aggregate with 3 columns") << QByteArray("cpu  1 2 3\ncpu0 1 2 3 4\n");
    QTest::newRow("aggregate not numbers") << QByteArray("cpu  a b c d e f g h\n");
    QTest::newRow("another file") << QByteArray("MemTotal:       24684092 kB\n");
}

void TestCpuStatParser::rejects()
{
    QFETCH(QByteArray, text);
    QVERIFY(!CpuStatParser::parse(text));
}

QTEST_GUILESS_MAIN(TestCpuStatParser)
#include "tst_cpustatparser.moc"
