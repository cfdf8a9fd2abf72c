#include "collectors/processes/processtable.h"
#include "procfixture.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <sys/resource.h>

using Process = ProcFixture::Process;

// The per-PID cache against a fake procfs the test writes tick by tick. Times are in ns; the
// ticks are 2 s apart (t = 1 s, then 3 s) unless a test says otherwise.
class TstProcessTable : public QObject
{
    Q_OBJECT

private slots:
    void firstTickHasNoDeltas();
    void secondTickGivesDeltas();
    void ignoresNonProcessEntries();
    void vanishedBetweenTicksIsDropped();
    void vanishedMidScan_data();
    void vanishedMidScan();
    void mismatchedOrMalformedLineIsSkipped_data();
    void mismatchedOrMalformedLineIsSkipped();
    void pidReuseStartsOver();
    void execRenames();
    void unchangedNameIsNotDecodedAgain();
    void counterGoingBackCountsZero();
    void evictStale_data();
    void evictStale();
    void descriptorBudgetKeepsNumbersRight();
    void missingRootGivesNothingUntilItAppears();
    void raiseFileLimitReachesHardLimit();
    void noNewTaskSkipsTheListing();

private:
    static const ProcessTable::Entry *find(const ProcessTable &table, int pid);
};

namespace {

constexpr qint64 T1 = 1'000'000'000;
constexpr qint64 T2 = 3'000'000'000;

const Process Init{1, "systemd", 'S', 500, 300, 1, 5, 3000};
const Process Shell{20, "bash", 'R', 40, 10, 1, 900, 1200};
const Process Daemon{300, "my daemon (x)", 'S', 7, 2, 12, 1500, 800};

} // namespace

const ProcessTable::Entry *TstProcessTable::find(const ProcessTable &table, int pid)
{
    for (const ProcessTable::Entry *entry : table.current()) {
        if (entry->pid == pid)
            return entry;
    }
    return nullptr;
}

void TstProcessTable::firstTickHasNoDeltas()
{
    ProcFixture proc;
    for (const Process &p : {Init, Shell, Daemon})
        proc.write(p);
    ProcessTable table(proc.root());
    table.update(T1);

    QCOMPARE(table.current().size(), size_t(3));
    const ProcessTable::Entry *daemon = find(table, 300);
    QVERIFY(daemon);
    QCOMPARE(daemon->name, QStringLiteral("my daemon (x)"));
    QCOMPARE(daemon->cpuTicks, quint64(0));
    QCOMPARE(daemon->intervalNs, qint64(0));
    QCOMPARE(daemon->lastCpuTicks, quint64(9)); // 7 + 2
    QCOMPARE(daemon->threads, 12);
    QCOMPARE(daemon->rssPages, quint64(800));
    QCOMPARE(daemon->startTime, quint64(1500));
    QCOMPARE(daemon->lastSeenNs, T1);
    QCOMPARE(find(table, 20)->state, 'R');
    QCOMPARE(table.openDescriptors(), 3);
}

void TstProcessTable::secondTickGivesDeltas()
{
    ProcFixture proc;
    for (const Process &p : {Init, Shell, Daemon})
        proc.write(p);
    ProcessTable table(proc.root());
    table.update(T1);
    proc.write({20, "bash", 'S', 140, 60, 2, 900, 1500});
    proc.write({300, "my daemon (x)", 'S', 7, 2, 12, 1500, 810});
    table.update(T2);

    const ProcessTable::Entry *shell = find(table, 20);
    QVERIFY(shell);
    // (140 + 60) - (40 + 10) = 150 ticks over T2 - T1 = 2e9 ns.
    QCOMPARE(shell->cpuTicks, quint64(150));
    QCOMPARE(shell->intervalNs, qint64(2'000'000'000));
    QCOMPARE(shell->threads, 2);
    QCOMPARE(shell->rssPages, quint64(1500));
    QCOMPARE(shell->state, 'S');
    QCOMPARE(find(table, 300)->cpuTicks, quint64(0)); // 9 - 9
    QCOMPARE(find(table, 300)->rssPages, quint64(810));
    QCOMPARE(find(table, 1)->cpuTicks, quint64(0)); // unchanged file: 800 - 800
}

void TstProcessTable::ignoresNonProcessEntries()
{
    ProcFixture proc;
    proc.write(Init);
    proc.addOther(QStringLiteral("self"), true);
    proc.addOther(QStringLiteral("12a"), true);
    proc.addOther(QStringLiteral("0"), true);
    proc.addOther(QStringLiteral("-5"), true);
    proc.addOther(QStringLiteral("meminfo"), false);
    ProcessTable table(proc.root());
    table.update(T1);

    QCOMPARE(table.current().size(), size_t(1));
    QCOMPARE(table.current()[0]->pid, 1);
}

void TstProcessTable::vanishedBetweenTicksIsDropped()
{
    ProcFixture proc;
    for (const Process &p : {Init, Shell, Daemon})
        proc.write(p);
    ProcessTable table(proc.root());
    table.update(T1);
    proc.remove(20);
    table.update(T2);

    QCOMPARE(table.current().size(), size_t(2));
    QVERIFY(!find(table, 20));
    QCOMPARE(table.openDescriptors(), 2); // its descriptor was closed at once
    QCOMPARE(table.size(), qsizetype(3)); // the entry itself waits for evictStale()
}

void TstProcessTable::vanishedMidScan_data()
{
    QTest::addColumn<int>("budget");
    QTest::addColumn<bool>("seenBefore");
    QTest::addColumn<bool>("truncate");
    QTest::addColumn<int>("heldAfter");

    // A PID listed for the first time whose stat is already gone (ENOENT): nothing is kept.
    QTest::newRow("new pid, stat deleted") << 8 << false << false << 2;
    // A known PID read through its kept descriptor: a dead process reads empty.
    QTest::newRow("kept descriptor, empty read") << 8 << true << true << 3;
    // A known PID over the budget is reopened each tick, and the open fails.
    QTest::newRow("reopened, stat deleted") << 0 << true << false << 3;
}

void TstProcessTable::vanishedMidScan()
{
    QFETCH(int, budget);
    QFETCH(bool, seenBefore);
    QFETCH(bool, truncate);
    ProcFixture proc;
    proc.write(Init);
    proc.write(Daemon);
    if (seenBefore)
        proc.write(Shell);
    ProcessTable table(proc.root(), budget);
    table.update(T1);
    proc.write(Shell);
    truncate ? proc.truncateStat(20) : proc.removeStat(20);
    table.update(T2);

    QCOMPARE(table.current().size(), size_t(2));
    QVERIFY(!find(table, 20));
    QVERIFY(find(table, 1) && find(table, 300));
    QCOMPARE(table.openDescriptors(), std::min(budget, 2));
    QTEST(int(table.size()), "heldAfter");
}

void TstProcessTable::mismatchedOrMalformedLineIsSkipped_data()
{
    QTest::addColumn<QByteArray>("text");

    // The directory says 20 but the line says 21: not trusted.
    QTest::newRow("pid mismatch") << ProcFixture::statLine({21, "bash", 'S', 1, 1, 1, 9, 9});
    QTest::newRow("truncated") << QByteArray("20 (bash) S 1 1 1 0 -1 0 0 0 0 0 4");
    QTest::newRow("garbage") << QByteArray("\x01\x02 not a stat line");
}

void TstProcessTable::mismatchedOrMalformedLineIsSkipped()
{
    QFETCH(QByteArray, text);
    ProcFixture proc;
    proc.write(Init);
    proc.writeRaw(20, text);
    ProcessTable table(proc.root());
    table.update(T1);

    QCOMPARE(table.current().size(), size_t(1));
    QCOMPARE(table.current()[0]->pid, 1);
    QCOMPARE(table.openDescriptors(), 1);
}

void TstProcessTable::pidReuseStartsOver()
{
    ProcFixture proc;
    proc.write(Shell);
    ProcessTable table(proc.root());
    table.update(T1);
    // PID 20 exited and a new process got the number: new start time, smaller counters.
    proc.write({20, "python3", 'R', 5, 1, 3, 2000, 4000});
    table.update(T2);

    const ProcessTable::Entry *entry = find(table, 20);
    QVERIFY(entry);
    QCOMPARE(entry->name, QStringLiteral("python3"));
    QCOMPARE(entry->startTime, quint64(2000));
    QCOMPARE(entry->cpuTicks, quint64(0));
    QCOMPARE(entry->intervalNs, qint64(0));
    QCOMPARE(entry->lastCpuTicks, quint64(6)); // 5 + 1: the baseline for the next tick
}

void TstProcessTable::execRenames()
{
    ProcFixture proc;
    proc.write(Shell);
    ProcessTable table(proc.root());
    table.update(T1);
    // The shell exec'd ls: same PID and start time, new comm, counters go on.
    proc.write({20, "ls", 'R', 60, 20, 1, 900, 300});
    table.update(T2);

    const ProcessTable::Entry *entry = find(table, 20);
    QCOMPARE(entry->name, QStringLiteral("ls"));
    QCOMPARE(entry->cpuTicks, quint64(30)); // (60 + 20) - (40 + 10)
    QCOMPARE(entry->intervalNs, qint64(2'000'000'000));
}

void TstProcessTable::unchangedNameIsNotDecodedAgain()
{
    ProcFixture proc;
    proc.write(Daemon);
    ProcessTable table(proc.root());
    table.update(T1);
    const QChar *before = find(table, 300)->name.constData();
    proc.write({300, "my daemon (x)", 'R', 70, 20, 12, 1500, 900});
    table.update(T2);

    // Same string storage: the tick reused the cached name instead of decoding comm again.
    QCOMPARE(find(table, 300)->name.constData(), before);
    QCOMPARE(find(table, 300)->cpuTicks, quint64(81)); // (70 + 20) - (7 + 2)
}

void TstProcessTable::counterGoingBackCountsZero()
{
    ProcFixture proc;
    proc.write(Shell);
    ProcessTable table(proc.root());
    table.update(T1);
    proc.write({20, "bash", 'S', 30, 10, 1, 900, 1200}); // 40 < 50, same start time
    table.update(T2);
    QCOMPARE(find(table, 20)->cpuTicks, quint64(0));
    proc.write({20, "bash", 'S', 35, 10, 1, 900, 1200});
    table.update(T2 + T1);
    QCOMPARE(find(table, 20)->cpuTicks, quint64(5)); // 45 - 40: counted from the new baseline
}

void TstProcessTable::evictStale_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("ttl");
    QTest::addColumn<int>("held");

    // PID 20 was last seen at T1 = 1 s, the others at T2 = 3 s.
    QTest::newRow("within ttl") << qint64(30'000'000'000) << qint64(60'000'000'000) << 3;
    QTest::newRow("exactly ttl keeps") << qint64(61'000'000'000) << qint64(60'000'000'000) << 3;
    QTest::newRow("pid 20 expired") << qint64(62'000'000'000) << qint64(60'000'000'000) << 2;
    QTest::newRow("all expired") << qint64(64'000'000'000) << qint64(60'000'000'000) << 0;
}

void TstProcessTable::evictStale()
{
    QFETCH(qint64, now);
    QFETCH(qint64, ttl);
    ProcFixture proc;
    for (const Process &p : {Init, Shell, Daemon})
        proc.write(p);
    ProcessTable table(proc.root());
    table.update(T1);
    proc.remove(20);
    table.update(T2);
    table.evictStale(now, ttl);

    QTEST(int(table.size()), "held");
    QCOMPARE(table.openDescriptors(), int(table.current().size()));
    // The next tick works on what is left and re-creates nothing that is gone.
    table.update(now);
    QCOMPARE(table.current().size(), size_t(2));
    QVERIFY(!find(table, 20));
}

void TstProcessTable::descriptorBudgetKeepsNumbersRight()
{
    ProcFixture proc;
    for (int pid = 1; pid <= 5; ++pid)
        proc.write({pid, "p" + QByteArray::number(pid), 'S', quint64(pid) * 10, 0, pid, 0, 100});
    ProcessTable table(proc.root(), 2);
    table.update(T1);
    QCOMPARE(table.openDescriptors(), 2);
    for (int pid = 1; pid <= 5; ++pid)
        proc.write({pid, "p" + QByteArray::number(pid), 'S', quint64(pid) * 30, 0, pid, 0, 200});
    table.update(T2);

    QCOMPARE(table.openDescriptors(), 2);
    QCOMPARE(table.current().size(), size_t(5));
    for (int pid = 1; pid <= 5; ++pid) {
        const ProcessTable::Entry *entry = find(table, pid);
        QVERIFY(entry);
        QCOMPARE(entry->name, QStringLiteral("p%1").arg(pid));
        QCOMPARE(entry->cpuTicks, quint64(pid) * 20); // 30·pid - 10·pid
        QCOMPARE(entry->threads, pid);
        QCOMPARE(entry->rssPages, quint64(200));
    }
}

void TstProcessTable::missingRootGivesNothingUntilItAppears()
{
    ProcFixture proc;
    const QString root = proc.root() + QStringLiteral("/later");
    ProcessTable table(root);
    const QRegularExpression warning(QStringLiteral("cannot list processes"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    table.update(T1);
    QTest::failOnWarning(warning); // logged once, not on every tick
    table.update(T2);
    QVERIFY(table.current().empty());

    QVERIFY(QDir().mkpath(root + QStringLiteral("/1")));
    QFile stat(root + QStringLiteral("/1/stat"));
    QVERIFY(stat.open(QIODevice::WriteOnly));
    stat.write(ProcFixture::statLine(Init));
    stat.close();
    table.update(T2 + T1);
    QCOMPARE(table.current().size(), size_t(1));
}

void TstProcessTable::raiseFileLimitReachesHardLimit()
{
    rlimit limit{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    const rlim_t hard = limit.rlim_max;
    if (limit.rlim_cur > 64)
        limit.rlim_cur = 64;
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    QCOMPARE(ProcessTable::defaultDescriptorBudget(), 32); // half of the soft limit

    ProcessTable::raiseFileLimit();
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    QCOMPARE(limit.rlim_cur, hard);
}

// /proc/loadavg's last field is the PID handed out last. While it stays the same no process
// can have appeared: the table rereads the ones it has without listing <proc> again.
void TstProcessTable::noNewTaskSkipsTheListing()
{
    ProcFixture proc;
    const auto writeLoadavg = [&proc](int lastPid) {
        QFile file(proc.root() + "/loadavg");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("0.10 0.20 0.30 1/3 " + QByteArray::number(lastPid) + "\n");
    };
    writeLoadavg(250);
    proc.write(Init);
    proc.write(Shell);
    ProcessTable table(proc.root());
    table.update(T1);
    QCOMPARE(table.listings(), 1u);
    QCOMPARE(table.current().size(), size_t(2));
    // The shell exits (its open stat reads nothing, as procfs does for a dead process); nothing
    // new was created: no listing, and the shell is gone all the same.
    proc.truncateStat(Shell.pid);
    table.update(T2);
    QCOMPARE(table.listings(), 1u);
    QCOMPARE(table.current().size(), size_t(1));
    QVERIFY(find(table, Init.pid));
    // A new process means a new last PID: listed again, and it is found.
    proc.write(Daemon);
    writeLoadavg(Daemon.pid);
    table.update(T2 + T1);
    QCOMPARE(table.listings(), 2u);
    QVERIFY(find(table, Daemon.pid));
    // Without a loadavg to read, every tick lists.
    ProcFixture bare;
    bare.write(Init);
    ProcessTable listing(bare.root());
    listing.update(T1);
    listing.update(T2);
    QCOMPARE(listing.listings(), 2u);
}

QTEST_GUILESS_MAIN(TstProcessTable)
#include "tst_processtable.moc"
