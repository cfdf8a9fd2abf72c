#include "processmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The process table keeps a row per pid across ticks: numbers change in place, a process that
// leaves is removed, a newcomer is appended, and nothing is ever reset.
class TestProcessModel : public QObject
{
    Q_OBJECT

private slots:
    void firstTickAppendsEveryProcess();
    void keptProcessesChangeInPlace();
    void vanishedRemovedAndNewAppended();
    void cellsShowUnitsAndSortOnRawValues();
    void emptyTickEmptiesTheTable();
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

} // namespace

void TestProcessModel::firstTickAppendsEveryProcess()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.update({process(1, "init", 0, 4096), process(42, "worker", 50, 8192)});
    QCOMPARE(pids(model), (QList<int>{1, 42}));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.columnCount(), 4);
}

void TestProcessModel::keptProcessesChangeInPlace()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.update({process(1, "init", 0, 4096), process(42, "worker", 50, 8192)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The next tick lists them in the other order: rows stay where they were.
    model.update({process(42, "worker", 75, 8192), process(1, "init", 1, 4096)});
    QCOMPARE(pids(model), (QList<int>{1, 42}));
    QCOMPARE(model.index(1, ProcessModel::CpuColumn).data(ProcessModel::SortRole).toDouble(), 75.0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
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

void TestProcessModel::cellsShowUnitsAndSortOnRawValues()
{
    ProcessModel model;
    // 8192 pages of 4096 B = 33554432 B = 32 MiB.
    model.update({process(42, "worker thread", 150, 33554432)});
    QCOMPARE(model.index(0, ProcessModel::PidColumn).data().toString(), QStringLiteral("42"));
    QCOMPARE(model.index(0, ProcessModel::NameColumn).data().toString(),
             QStringLiteral("worker thread"));
    QCOMPARE(model.index(0, ProcessModel::CpuColumn).data().toString(), QStringLiteral("150 %"));
    QCOMPARE(model.index(0, ProcessModel::RssColumn).data().toString(), QStringLiteral("32.0 MiB"));
    QCOMPARE(model.index(0, ProcessModel::RssColumn).data(ProcessModel::SortRole).toDouble(),
             33554432.0);
    QCOMPARE(model.index(0, ProcessModel::RssColumn).data(ProcessModel::PidRole).toInt(), 42);
    QCOMPARE(model.headerData(ProcessModel::CpuColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("CPU"));
}

void TestProcessModel::emptyTickEmptiesTheTable()
{
    ProcessModel model;
    QAbstractItemModelTester tester(&model);
    model.update({process(1, "init", 0, 1), process(2, "x", 0, 1)});
    model.update({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestProcessModel)
#include "tst_processmodel.moc"
