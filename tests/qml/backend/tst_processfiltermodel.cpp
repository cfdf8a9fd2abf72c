#include "processfiltermodel.h"
#include "processfixture.h"
#include "processmodel.h"
#include "services/processwatcher.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The Processes view's table: sorted by a column (amounts largest first, then flipped), filtered
// by text, user and state, flat or as a tree, with the selection held by pid across refreshes.
// The first tests run on a top list of five processes, the rest on the ProcessWatcher over the
// fixture procfs of processfixture.h.
class TestProcessFilterModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void sortsByCpuLargestFirstByDefault();
    void sortBy_data();
    void sortBy();
    void gpuColumnsStartLargest();
    void sameColumnFlipsTheOrder();
    void filtersByNameOrPid_data();
    void filtersByNameOrPid();
    void selectionFollowsThePid();
    void selectionOfAVanishedProcessComesBack();
    void moveSelectionStaysInside();
    void filtersByUserStateAndText_data();
    void filtersByUserStateAndText();
    void offersTheUsersAndStatesListed();
    void treeNestsChildrenUnderParents();
    void treeSortsSiblingsDescending();
    void collapseHidesDescendants();
    void treeFilterKeepsAncestors();
    void tickResortsWithoutReset();

private:
    QList<int> pids() const;
    void watchFixture();

    std::unique_ptr<ProcessFixture> m_fixture;
    std::unique_ptr<ProcessWatcher> m_watcher;
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
    m_watcher.reset();
    m_fixture.reset();
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
    // A top list has no users: all unknown, so the ties go by pid.
    QTest::newRow("user, unknown all")
        << int(ProcessModel::UserColumn) << QList<int>{1, 7, 42, 300, 1234};
}

void TestProcessFilterModel::gpuColumnsStartLargest()
{
    // The process using the GPU most is the one looked for, as with CPU and memory.
    for (const int column : {int(ProcessModel::GpuColumn), int(ProcessModel::GpuMemoryColumn)}) {
        m_model->sortBy(column);
        QCOMPARE(m_model->sortColumn(), column);
        QCOMPARE(m_model->sortOrder(), Qt::DescendingOrder);
    }
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
    QTest::newRow("a whole pid") << "1234" << QList<int>{1234};
    QTest::newRow("not a part of a pid") << "12" << QList<int>{};
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

// The fixture procfs through a real ProcessWatcher, as the desktop feeds the view.
void TestProcessFilterModel::watchFixture()
{
    m_model.reset();
    m_fixture = std::make_unique<ProcessFixture>();
    m_watcher = std::make_unique<ProcessWatcher>(m_fixture->path());
    m_watcher->watch(this);
    m_source = std::make_unique<ProcessModel>();
    m_model = std::make_unique<ProcessFilterModel>(m_source.get());
    m_source->setRows(m_watcher->rows());
    connect(m_watcher.get(), &ProcessWatcher::scanned, m_source.get(), &ProcessModel::apply);
    m_model->sortBy(ProcessModel::PidColumn);
}

void TestProcessFilterModel::filtersByUserStateAndText_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("shown");
    QTest::newRow("a user") << "4242421"
                            << ""
                            << "" << QList<int>{300};
    QTest::newRow("root") << "root"
                          << ""
                          << "" << QList<int>{1, 100, 200};
    QTest::newRow("a state") << ""
                             << "I"
                             << "" << QList<int>{200};
    QTest::newRow("user and state") << "root"
                                    << "S"
                                    << "" << QList<int>{1, 100};
    QTest::newRow("text in a unit") << ""
                                    << ""
                                    << "NGINX" << QList<int>{100};
    QTest::newRow("text in a command line") << ""
                                            << ""
                                            << "--flag" << QList<int>{100};
    QTest::newRow("text in a user") << ""
                                    << ""
                                    << "42424" << QList<int>{300};
    QTest::newRow("text as a pid") << ""
                                   << ""
                                   << "300" << QList<int>{300};
    QTest::newRow("text in a name") << ""
                                    << ""
                                    << "kworker" << QList<int>{200};
    QTest::newRow("text and state") << ""
                                    << "S"
                                    << "kworker" << QList<int>{};
}

void TestProcessFilterModel::filtersByUserStateAndText()
{
    QFETCH(QString, user);
    QFETCH(QString, state);
    QFETCH(QString, text);
    QFETCH(QList<int>, shown);
    watchFixture();
    QAbstractItemModelTester tester(m_model.get());
    m_model->setFilterUser(user);
    m_model->setFilterState(state);
    m_model->setFilterText(text);
    QCOMPARE(pids(), shown);
}

void TestProcessFilterModel::offersTheUsersAndStatesListed()
{
    watchFixture();
    QVERIFY(ProcessFixture::scan(*m_watcher)); // the choices follow each update of the list
    QCOMPARE(m_model->users(), (QStringList{QStringLiteral("4242421"), QStringLiteral("root")}));
    QCOMPARE(m_model->states(), (QStringList{QStringLiteral("I"), QStringLiteral("S")}));
}

// By pid, smallest first: the root 1, its child 100, its child 300, then the root 200 (whose
// parent, 2, is not listed).
void TestProcessFilterModel::treeNestsChildrenUnderParents()
{
    watchFixture();
    QAbstractItemModelTester tester(m_model.get());
    m_model->setTreeMode(true);
    QCOMPARE(pids(), (QList<int>{1, 100, 300, 200}));
    QList<int> depths;
    QList<bool> parents;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        depths.append(m_model->index(row, 0).data(ProcessFilterModel::DepthRole).toInt());
        parents.append(m_model->index(row, 0).data(ProcessFilterModel::HasChildrenRole).toBool());
    }
    QCOMPARE(depths, (QList<int>{0, 1, 2, 0}));
    QCOMPARE(parents, (QList<bool>{true, true, false, false}));
    m_model->setTreeMode(false);
    QCOMPARE(pids(), (QList<int>{1, 100, 200, 300}));
    QCOMPARE(m_model->index(2, 0).data(ProcessFilterModel::DepthRole).toInt(), 0);
}

// Pid descending: the roots 200 then 1, and each child still under its parent.
void TestProcessFilterModel::treeSortsSiblingsDescending()
{
    watchFixture();
    m_model->setTreeMode(true);
    m_model->sortBy(ProcessModel::PidColumn);
    QCOMPARE(m_model->sortOrder(), Qt::DescendingOrder);
    QCOMPARE(pids(), (QList<int>{200, 1, 100, 300}));
    // By name, a to z: the roots init (1) and kworker/0:1 (200), children under 1.
    m_model->sortBy(ProcessModel::NameColumn);
    QCOMPARE(pids(), (QList<int>{1, 100, 300, 200}));
}

void TestProcessFilterModel::collapseHidesDescendants()
{
    watchFixture();
    QAbstractItemModelTester tester(m_model.get());
    m_model->setTreeMode(true);
    m_model->toggleExpanded(100);
    QCOMPARE(pids(), (QList<int>{1, 100, 200}));
    QVERIFY(!m_model->index(1, 0).data(ProcessFilterModel::ExpandedRole).toBool());
    m_model->toggleExpanded(1); // 1 hides 100 and, below it, 300
    QCOMPARE(pids(), (QList<int>{1, 200}));
    m_model->toggleExpanded(1);
    m_model->toggleExpanded(100);
    QCOMPARE(pids(), (QList<int>{1, 100, 300, 200}));
}

// "sleep" matches only 300: its parent 100 and grandparent 1 stay to show where it is.
void TestProcessFilterModel::treeFilterKeepsAncestors()
{
    watchFixture();
    QAbstractItemModelTester tester(m_model.get());
    m_model->setTreeMode(true);
    m_model->setFilterText(QStringLiteral("sleep"));
    QCOMPARE(pids(), (QList<int>{1, 100, 300}));
    m_model->setTreeMode(false);
    QCOMPARE(pids(), (QList<int>{300}));
}

// A tick that adds a child of 300 and changes 100: the tree is sorted again by one layout
// change, never a reset, and the selection follows its pid.
void TestProcessFilterModel::tickResortsWithoutReset()
{
    watchFixture();
    QAbstractItemModelTester tester(m_model.get());
    m_model->setTreeMode(true);
    m_model->setSelectedPid(200);
    QCOMPARE(m_model->selectedRow(), 3);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_fixture->writeProcess(150, "child", 'S', 300, 0, 1, 6000, 10, 0, QByteArray("child\0", 6),
                            "0::/init.scope\n");
    QVERIFY(ProcessFixture::scan(*m_watcher));
    QCOMPARE(pids(), (QList<int>{1, 100, 300, 150, 200}));
    QCOMPARE(m_model->index(3, 0).data(ProcessFilterModel::DepthRole).toInt(), 3);
    QCOMPARE(m_model->selectedRow(), 4);
    QCOMPARE(reset.count(), 0);
}

QTEST_GUILESS_MAIN(TestProcessFilterModel)
#include "tst_processfiltermodel.moc"
