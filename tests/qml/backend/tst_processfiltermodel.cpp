#include "processfiltermodel.h"
#include "processmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The Processes view's table: sorted by a column (numbers largest first, then flipped), filtered
// by name or pid, with the selection held by pid across refreshes.
class TestProcessFilterModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void sortsByCpuLargestFirstByDefault();
    void sortBy_data();
    void sortBy();
    void sameColumnFlipsTheOrder();
    void filtersByNameOrPid_data();
    void filtersByNameOrPid();
    void selectionFollowsThePid();
    void selectionOfAVanishedProcessComesBack();
    void moveSelectionStaysInside();

private:
    QList<int> pids() const;

    std::unique_ptr<ProcessModel> m_source;
    std::unique_ptr<ProcessFilterModel> m_model;
};

namespace {

// The fixture processes of tests/qml/fixtures: pid, name, CPU %, RSS bytes.
QList<ProcessUsage> fixture()
{
    return {{1, QStringLiteral("init"), 0.5, 8192000},
            {7, QStringLiteral("alpha"), 12.0, 2048000},
            {42, QStringLiteral("worker thread"), 150.0, 32768000},
            {300, QStringLiteral("Zeta"), 3.0, 65536000},
            {1234, QStringLiteral("firefox"), 35.0, 1024000000}};
}

} // namespace

void TestProcessFilterModel::init()
{
    m_model.reset();
    m_source = std::make_unique<ProcessModel>();
    m_model = std::make_unique<ProcessFilterModel>(m_source.get());
    m_source->update(fixture());
}

QList<int> TestProcessFilterModel::pids() const
{
    QList<int> list;
    for (int row = 0; row < m_model->rowCount(); ++row)
        list.append(m_model->pidAt(row));
    return list;
}

void TestProcessFilterModel::sortsByCpuLargestFirstByDefault()
{
    QAbstractItemModelTester tester(m_model.get());
    QCOMPARE(m_model->sortColumn(), int(ProcessModel::CpuColumn));
    QCOMPARE(pids(), (QList<int>{42, 1234, 7, 300, 1}));
}

void TestProcessFilterModel::sortBy_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QList<int>>("order");
    QTest::newRow("pid, smallest first")
        << int(ProcessModel::PidColumn) << QList<int>{1, 7, 42, 300, 1234};
    // Without case: alpha, firefox, init, worker thread, Zeta.
    QTest::newRow("name, a to z") << int(ProcessModel::NameColumn)
                                  << QList<int>{7, 1234, 1, 42, 300};
    QTest::newRow("rss, largest first")
        << int(ProcessModel::RssColumn) << QList<int>{1234, 300, 42, 1, 7};
}

void TestProcessFilterModel::sortBy()
{
    QFETCH(int, column);
    QFETCH(QList<int>, order);
    QSignalSpy sortChanged(m_model.get(), &ProcessFilterModel::sortChanged);
    m_model->sortBy(column);
    QCOMPARE(pids(), order);
    QCOMPARE(sortChanged.count(), 1);
}

void TestProcessFilterModel::sameColumnFlipsTheOrder()
{
    m_model->sortBy(ProcessModel::RssColumn);
    m_model->sortBy(ProcessModel::RssColumn);
    QCOMPARE(m_model->sortOrder(), Qt::AscendingOrder);
    QCOMPARE(pids(), (QList<int>{7, 1, 42, 300, 1234}));
    m_model->sortBy(99); // no such column: nothing changes
    QCOMPARE(pids(), (QList<int>{7, 1, 42, 300, 1234}));
}

void TestProcessFilterModel::filtersByNameOrPid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("shown");
    QTest::newRow("part of a name, any case") << "ZE" << QList<int>{300};
    QTest::newRow("several") << "i" << QList<int>{1234, 1}; // firefox, init (by CPU)
    QTest::newRow("start of a pid") << "12" << QList<int>{1234};
    QTest::newRow("nothing matches") << "nope" << QList<int>{};
    QTest::newRow("empty shows all") << "" << QList<int>{42, 1234, 7, 300, 1};
}

void TestProcessFilterModel::filtersByNameOrPid()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, shown);
    m_model->setFilterText(text);
    QCOMPARE(pids(), shown);
}

void TestProcessFilterModel::selectionFollowsThePid()
{
    QSignalSpy rowChanged(m_model.get(), &ProcessFilterModel::selectedRowChanged);
    m_model->selectRow(1); // firefox, second by CPU
    QCOMPARE(m_model->selectedPid(), 1234);
    QCOMPARE(m_model->selectedRow(), 1);
    // Next tick firefox is the busiest: it moves to the top and the selection with it.
    QList<ProcessUsage> next = fixture();
    next[4].cpu = 190;
    m_source->update(next);
    QCOMPARE(m_model->selectedPid(), 1234);
    QCOMPARE(m_model->selectedRow(), 0);
    QCOMPARE(rowChanged.count(), 2);
    // Sorting again moves it again.
    m_model->sortBy(ProcessModel::PidColumn);
    QCOMPARE(m_model->selectedRow(), 4);
    // Filtered out: not shown, still selected.
    m_model->setFilterText(QStringLiteral("init"));
    QCOMPARE(m_model->selectedRow(), -1);
    QCOMPARE(m_model->selectedPid(), 1234);
}

void TestProcessFilterModel::selectionOfAVanishedProcessComesBack()
{
    m_model->setSelectedPid(7);
    QList<ProcessUsage> without = fixture();
    without.removeAt(1);
    m_source->update(without);
    QCOMPARE(m_model->selectedRow(), -1);
    QCOMPARE(m_model->selectedPid(), 7);
    m_source->update(fixture());
    QCOMPARE(m_model->pidAt(m_model->selectedRow()), 7);
}

void TestProcessFilterModel::moveSelectionStaysInside()
{
    m_model->moveSelection(1); // nothing selected: down picks the first row
    QCOMPARE(m_model->selectedRow(), 0);
    m_model->moveSelection(-1);
    QCOMPARE(m_model->selectedRow(), 0);
    m_model->moveSelection(10);
    QCOMPARE(m_model->selectedRow(), 4);
    QCOMPARE(m_model->pidAt(5), 0);
    QCOMPARE(m_model->pidAt(-1), 0);
}

QTEST_GUILESS_MAIN(TestProcessFilterModel)
#include "tst_processfiltermodel.moc"
