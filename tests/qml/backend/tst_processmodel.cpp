#include "processfixture.h"
#include "processmodel.h"
#include "services/processwatcher.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

#include <ctime>

// The process table keeps a row per pid across ticks: fields change in place (a dataChanged of
// the row), a process that leaves is removed, a newcomer is appended, and nothing is ever reset.
// Fed two ways: the ProcessWatcher's whole list and deltas (on the fixture procfs of
// processfixture.h), and a snapshot's top list.
class TestProcessModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void watchedListShowsEveryColumn();
    void unreadableFieldsShowUnknown();
    void tickKeepsRowIdentity();
    void detailFieldsOfOneProcess();
    void gpuColumnsOnceAProcessUsesAGpu();
    void firstTopListAppendsEveryProcess();
    void keptProcessesChangeInPlace();
    void vanishedRemovedAndNewAppended();
    void emptyTopListEmptiesTheTable();
};

namespace {

ProcessUsage process(int pid, const char *name, double cpu, quint64 rss)
{
    return {pid, QString::fromLatin1(name), cpu, rss};
}

QList<int> pids(const ProcessModel &model)
{
    QList<int> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(ProcessModel::PidRole).toInt());
    return list;
}

QString cell(const ProcessModel &model, int pid, int column)
{
    return model.index(model.rowOf(pid), column).data().toString();
}

} // namespace

// The start times below are written as the clock of UTC.
void TestProcessModel::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

void TestProcessModel::watchedListShowsEveryColumn()
{
    ProcessFixture fixture;
    ProcessWatcher watcher(fixture.path());
    watcher.watch(this);
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.setRows(watcher.rows());
    QCOMPARE(pids(model), (QList<int>{1, 100, 200, 300}));
    QCOMPARE(model.columnCount(), 16);
    QCOMPARE(cell(model, 100, ProcessModel::PidColumn), QStringLiteral("100"));
    QCOMPARE(cell(model, 100, ProcessModel::UserColumn), QStringLiteral("root"));
    QCOMPARE(cell(model, 100, ProcessModel::NameColumn), QStringLiteral("my app"));
    QCOMPARE(cell(model, 100, ProcessModel::StateColumn), QStringLiteral("S"));
    // 5000 pages * 4096 = 20480000 B = 19.53 MiB; of 1024000000 B that is 2 %.
    QCOMPARE(cell(model, 100, ProcessModel::RssColumn), QStringLiteral("19.5 MiB"));
    QCOMPARE(cell(model, 100, ProcessModel::MemoryColumn), QStringLiteral("2.0 %"));
    QCOMPARE(cell(model, 100, ProcessModel::ThreadsColumn), QStringLiteral("3"));
    QCOMPARE(cell(model, 100, ProcessModel::NiceColumn), QStringLiteral("5"));
    // 1700000000 s + 12345 / 100 s = 1700000123.45 s: 2023-11-14 22:15 UTC, over a day ago.
    QCOMPARE(cell(model, 100, ProcessModel::StartedColumn), QStringLiteral("14 Nov"));
    QCOMPARE(cell(model, 100, ProcessModel::UnitColumn), QStringLiteral("nginx.service"));
    QCOMPARE(cell(model, 100, ProcessModel::CommandColumn),
             QStringLiteral("/usr/bin/my app --flag"));
    QCOMPARE(cell(model, 300, ProcessModel::UserColumn), QStringLiteral("4242421"));
    QCOMPARE(model.parentOf(300), 100);
    QVERIFY(model.hasChildren(1));
    QVERIFY(model.hasChildren(100));
    QVERIFY(!model.hasChildren(300));
    QCOMPARE(model.index(model.rowOf(100), ProcessModel::RssColumn).data(ProcessModel::SortRole),
             QVariant(20480000.0));
}

// The first scan has no interval yet: CPU and I/O rates are null; the fixture has no io files
// and 200 has no unit. Null shows the unknown sign, never 0.
void TestProcessModel::unreadableFieldsShowUnknown()
{
    ProcessFixture fixture;
    ProcessWatcher watcher(fixture.path());
    watcher.watch(this);
    ProcessModel model;
    model.setRows(watcher.rows());
    QCOMPARE(cell(model, 100, ProcessModel::CpuColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 100, ProcessModel::ReadColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 100, ProcessModel::WriteColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 200, ProcessModel::UnitColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 200, ProcessModel::CommandColumn), QStringLiteral("—"));
    QVERIFY(model.index(model.rowOf(100), ProcessModel::CpuColumn)
                .data(ProcessModel::SortRole)
                .isNull());
}

void TestProcessModel::tickKeepsRowIdentity()
{
    ProcessFixture fixture;
    ProcessWatcher watcher(fixture.path());
    watcher.watch(this);
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.setRows(watcher.rows());
    connect(&watcher, &ProcessWatcher::scanned, &model, &ProcessModel::apply);
    const QPersistentModelIndex sleeper = model.index(model.rowOf(300), 0);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // 100 starts running at nice 10, 200 exits, 400 starts.
    fixture.writeProcess(100, "my app", 'R', 1, 10, 3, 12345, 5000, 0,
                         QByteArray("/usr/bin/my app\0--flag\0", 23),
                         "0::/system.slice/nginx.service\n");
    // An empty stat, as procfs gives for a process that is gone.
    QVERIFY(fixture.root().write(QStringLiteral("200/stat"), ""));
    fixture.writeProcess(400, "new", 'S', 1, 0, 1, 6000, 10, 0, QByteArray("new\0", 4),
                         "0::/init.scope\n");
    QVERIFY(ProcessFixture::scan(watcher));

    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(pids(model), (QList<int>{1, 100, 300, 400}));
    QVERIFY(sleeper.isValid());
    QCOMPARE(sleeper.data(ProcessModel::PidRole).toInt(), 300);
    QCOMPARE(cell(model, 100, ProcessModel::StateColumn), QStringLiteral("R"));
    QCOMPARE(cell(model, 100, ProcessModel::NiceColumn), QStringLiteral("10"));
    // One dataChanged per row whose fields changed (CPU at least: null before, a rate now),
    // from its first to its last changed column: 100's spans state (3) to nice (10).
    bool sawRow100 = false;
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        const auto from = signal[0].value<QModelIndex>();
        const auto to = signal[1].value<QModelIndex>();
        QCOMPARE(from.row(), to.row());
        if (from.data(ProcessModel::PidRole).toInt() != 100)
            continue;
        sawRow100 = true;
        QCOMPARE(from.column(), int(ProcessModel::StateColumn));
        QCOMPARE(to.column(), int(ProcessModel::NiceColumn));
    }
    QVERIFY(sawRow100);
    QCOMPARE(changed.count(), 3); // 1, 100, 300: 400 is new and has no rate yet
}

void TestProcessModel::detailFieldsOfOneProcess()
{
    ProcessFixture fixture;
    ProcessWatcher watcher(fixture.path());
    watcher.watch(this);
    ProcessModel model;
    model.setRows(watcher.rows());
    const QVariantList fields = model.fieldsOf(300);
    QStringList lines;
    for (const QVariant &field : fields)
        lines.append(field.toMap().value(QStringLiteral("label")).toString() + QLatin1Char('=') +
                     field.toMap().value(QStringLiteral("text")).toString());
    // 100 pages * 4096 = 409600 B = 400 KiB, 0.04 % of the memory; started 1700000000 s + 50 s.
    QCOMPARE(lines,
             (QStringList{QStringLiteral("PID=300"), QStringLiteral("Parent=100"),
                          QStringLiteral("User=4242421"), QStringLiteral("Name=sleep"),
                          QStringLiteral("State=S"), QStringLiteral("CPU %=—"),
                          QStringLiteral("RSS=400 KiB"), QStringLiteral("Mem %=0.0 %"),
                          QStringLiteral("Threads=1"), QStringLiteral("Nice=0"),
                          QStringLiteral("Started=14 Nov"), QStringLiteral("Read/s=—"),
                          QStringLiteral("Write/s=—"), QStringLiteral("Unit=session-3.scope")}));
    QCOMPARE(model.valueOf(300, QStringLiteral("cmdline")).toString(), QStringLiteral("sleep 600"));
    QVERIFY(model.fieldsOf(999).isEmpty());
}

// 100 holds one i915 client (fd 5, a link to /dev/dri/renderD128 as the kernel's) with 2048 KiB
// resident: its GPU memory is 2048 * 1024 = 2097152 B = 2.0 MiB; one scan, so no GPU % yet.
void TestProcessModel::gpuColumnsOnceAProcessUsesAGpu()
{
    ProcessFixture fixture;
    {
        ProcessWatcher plain(fixture.path());
        plain.watch(this);
        ProcessModel model;
        model.setRows(plain.rows());
        QVERIFY(!model.usesGpu()); // no process with a GPU value: the columns stay hidden
        QCOMPARE(cell(model, 100, ProcessModel::GpuMemoryColumn), QStringLiteral("—"));
    }
    QVERIFY(QDir().mkpath(fixture.path() + QStringLiteral("/100/fd")));
    QVERIFY(QFile::link(QStringLiteral("/dev/dri/renderD128"),
                        fixture.path() + QStringLiteral("/100/fd/5")));
    QVERIFY(fixture.root().write(QStringLiteral("100/fdinfo/5"),
                                 "drm-driver:\ti915\ndrm-client-id:\t7\ndrm-pdev:\t0000:00:02.0\n"
                                 "drm-resident-system0:\t2048 KiB\ndrm-engine-render:\t5 ns\n"));
    ProcessWatcher watcher(fixture.path());
    watcher.watch(this);
    ProcessModel model;
    QSignalSpy shown(&model, &ProcessModel::usesGpuChanged);
    model.setRows(watcher.rows());
    QVERIFY(model.usesGpu());
    QCOMPARE(shown.count(), 1);
    QCOMPARE(cell(model, 100, ProcessModel::GpuMemoryColumn), QStringLiteral("2.0 MiB"));
    QCOMPARE(cell(model, 100, ProcessModel::GpuColumn), QStringLiteral("—"));
    QCOMPARE(model.headerData(ProcessModel::GpuColumn, Qt::Horizontal, Qt::DisplayRole),
             QVariant(QStringLiteral("GPU %")));
    // The detail lists GPU use for the process that has some, and not for the others.
    QStringList labels100;
    for (const QVariant &field : model.fieldsOf(100))
        labels100.append(field.toMap().value(QStringLiteral("label")).toString());
    QVERIFY(labels100.contains(QStringLiteral("GPU mem")));
    QVERIFY(labels100.contains(QStringLiteral("GPU %")));
    for (const QVariant &field : model.fieldsOf(300))
        QVERIFY(!field.toMap().value(QStringLiteral("label")).toString().startsWith(u"GPU"));
}

void TestProcessModel::firstTopListAppendsEveryProcess()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.update({process(1, "init", 0, 4096), process(42, "worker", 50, 8192)});
    QCOMPARE(pids(model), (QList<int>{1, 42}));
    QCOMPARE(inserted.count(), 1);
    // 8192 B = 8.0 KiB; a top list has no user: unknown.
    QCOMPARE(cell(model, 42, ProcessModel::RssColumn), QStringLiteral("8.0 KiB"));
    QCOMPARE(cell(model, 42, ProcessModel::CpuColumn), QStringLiteral("50 %"));
    QCOMPARE(cell(model, 42, ProcessModel::UserColumn), QStringLiteral("—"));
}

void TestProcessModel::keptProcessesChangeInPlace()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.update({process(1, "init", 0, 4096), process(42, "worker", 50, 8192)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The next tick lists them in the other order: rows stay where they were; only 42's CPU
    // changed, so one dataChanged, of its CPU cell.
    model.update({process(42, "worker", 75, 8192), process(1, "init", 0, 4096)});
    QCOMPARE(pids(model), (QList<int>{1, 42}));
    QCOMPARE(model.index(1, ProcessModel::CpuColumn).data(ProcessModel::SortRole).toDouble(), 75.0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].value<QModelIndex>(), model.index(1, ProcessModel::CpuColumn));
    QCOMPARE(changed[0][1].value<QModelIndex>(), model.index(1, ProcessModel::CpuColumn));
}

void TestProcessModel::vanishedRemovedAndNewAppended()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.update({process(1, "init", 0, 1), process(7, "a", 0, 1), process(42, "b", 0, 1)});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.update({process(99, "new", 0, 1), process(42, "b", 0, 1), process(1, "init", 0, 1)});
    QCOMPARE(pids(model), (QList<int>{1, 42, 99}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
}

void TestProcessModel::emptyTopListEmptiesTheTable()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.update({process(1, "init", 0, 1), process(2, "x", 0, 1)});
    model.update({});
    QCOMPARE(model.rowCount(), 0);
    model.update({process(3, "y", 0, 1)});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestProcessModel)
#include "tst_processmodel.moc"
